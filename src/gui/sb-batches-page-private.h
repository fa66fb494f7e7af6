/* sb-batches-page-private.h — shared between the files of SbBatchesPage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-batch-view.h"
#include "sb-batches-page.h"

G_BEGIN_DECLS

struct _SbBatchesPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  AdwLeaflet    *leaflet;
  GtkLabel      *summary_label;
  GtkDropDown   *facility_dropdown;
  GtkStringList *facility_names;
  GtkDropDown   *state_dropdown;
  GtkStack      *list_stack;
  GtkListBox    *list_box;
  GtkWidget     *view_pane;
  GtkStack      *view_stack;
  SbBatchView   *batch_view;
  AdwStatusPage *error_page;

  SbCampaign    *campaign;
  gulong         changed_id;
  GPtrArray     *facilities;     /* SbFacility, parallel to the dropdown after "All" */
  gboolean       counting;       /* New Batch…: the messages waiting are being counted */
  char          *selected_id;
  gboolean       refreshing;
};

/* New Batch… (sb-batches-page-new.c): the dialog, or why there can be no batch. */
void _sb_batches_page_new_batch (SbBatchesPage *self);

G_END_DECLS
