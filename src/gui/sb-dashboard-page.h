/* sb-dashboard-page.h — the Dashboard section: the campaign's figures and its
 * infographics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"
#include "sb-week-chart.h"

G_BEGIN_DECLS

#define SB_TYPE_DASHBOARD_PAGE (sb_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (SbDashboardPage, sb_dashboard_page, SB, DASHBOARD_PAGE, GtkWidget)

SbCampaign *sb_dashboard_page_get_campaign (SbDashboardPage *self);
void        sb_dashboard_page_set_campaign (SbDashboardPage *self,
                                            SbCampaign      *campaign);
gboolean    sb_dashboard_page_is_busy      (SbDashboardPage *self);
SbWeekChart *sb_dashboard_page_get_week_chart (SbDashboardPage *self);

G_END_DECLS
