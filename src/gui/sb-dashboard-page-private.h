/* sb-dashboard-page-private.h — shared between the files of SbDashboardPage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign-figures.h"
#include "sb-dashboard-page.h"
#include "sb-infographic.h"
#include "sb-week-chart.h"

G_BEGIN_DECLS

struct _SbDashboardPage
{
  GtkWidget             parent_instance;

  GtkLabel             *as_of_label;
  AdwPreferencesGroup  *messages_group;
  AdwPreferencesGroup  *copies_group;
  AdwPreferencesGroup  *detainees_group;
  AdwPreferencesGroup  *countries_group;
  AdwPreferencesGroup  *offices_group;
  AdwPreferencesGroup  *languages_group;
  AdwPreferencesGroup  *milestones_group;
  GtkDrawingArea       *weeks_chart;
  AdwComboRow          *kind_row;
  AdwComboRow          *lang_row;
  AdwComboRow          *size_row;
  GtkPicture           *preview;
  GtkLabel             *status_label;

  SbCampaign           *campaign;
  SbCampaignFigures    *figures;          /* shared with the Detainees page */
  gulong                updated_id;
  SbInfographicData    *data;
  SbWeekChart          *week_chart;       /* as last drawn, for the tooltips */
  GBytes               *preview_png;
  GCancellable         *preview_cancellable;
  GPtrArray            *figure_rows;      /* rows added to the groups, to remove on refresh */
  GPtrArray            *milestone_rows;   /* the same, in the milestones group */
  guint                 busy;
};

/* sb-dashboard-page-milestones.c */
void _sb_dashboard_page_show_milestones     (SbDashboardPage *self);
void _sb_dashboard_page_add_milestone       (SbDashboardPage *self);
void _sb_dashboard_page_remove_milestone    (SbDashboardPage *self,
                                             const char      *id);

/* sb-dashboard-page-weeks.c */
void _sb_dashboard_page_init_weeks          (SbDashboardPage *self);
void _sb_dashboard_page_describe_weeks      (SbDashboardPage *self);

G_END_DECLS
