/* sb-offices-page-private.h — shared between the files of SbOfficesPage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-conflicts-group.h"
#include "sb-exchange.h"
#include "sb-offices-page.h"

G_BEGIN_DECLS

struct _SbOfficesPage
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkStack             *stack;
  AdwActionRow         *folder_row;
  AdwActionRow         *exchange_row;
  GtkProgressBar       *exchange_bar;
  AdwPreferencesGroup  *replicas_group;
  SbConflictsGroup     *conflicts_group;
  AdwStatusPage        *error_page;

  SbCampaign           *campaign;
  gulong                changed_id;
  SbExchangeKeeper     *keeper;
  GPtrArray            *rows;       /* the replicas' rows in replicas_group */
  guint                 tick_id;
};

/* sb-offices-page.c */
void  _sb_offices_page_refresh        (SbOfficesPage          *self);

/* sb-offices-page-exchange.c: the folder, Exchange Now, what the keeper tells */
void  _sb_offices_page_update_exchange_row  (SbOfficesPage   *self);
void  _sb_offices_page_exchange_init        (SbOfficesPage   *self);
void  _sb_offices_page_exchange_class_init  (GtkWidgetClass  *widget_class);

/* sb-offices-page-rows.c */
void  _sb_offices_page_clear_rows     (SbOfficesPage          *self);
void  _sb_offices_page_fill_rows      (SbOfficesPage          *self,
                                       GPtrArray              *replicas);
char *_sb_offices_page_format_report  (const SbExchangeReport *report);

/* sb-offices-page-retire.c: Stop Waiting… for a computer, Wait Again */
void  _sb_offices_page_add_retire_button  (SbOfficesPage   *self,
                                           GtkWidget       *row,
                                           const SbReplica *replica,
                                           const char      *name);
void  _sb_offices_page_retire_class_init  (GtkWidgetClass  *widget_class);

G_END_DECLS
