/* sb-batch-view-private.h — shared between the files of SbBatchView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-batch-view.h"
#include "sb-batches.h"

G_BEGIN_DECLS

struct _SbBatchView
{
  GtkWidget       parent_instance;

  /* Template children */
  GtkLabel       *code_label;
  GtkLabel       *state_label;
  GtkLabel       *facility_label;
  GtkMenuButton  *documents_button;
  GtkListBox     *facts_list;
  GtkWidget      *next_step_box;
  GtkLabel       *next_step_label;
  GtkWidget      *add_button;
  GtkWidget      *seal_button;
  GtkWidget      *hand_over_button;
  GtkWidget      *all_delivered_button;
  GtkBox         *items_box;
  GtkRevealer    *progress_revealer;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;

  SbCampaign     *campaign;
  char           *batch_id;
  SbBatchListing *listing;          /* as read at the last refresh, or NULL */
  GCancellable   *document_cancellable;   /* while a PDF is being made */
  guint           progress_source;
  gboolean        reading_waiting;  /* Add Messages…: reading the messages waiting */
};

/* sb-batch-view.c */
void         _sb_batch_view_update_actions (SbBatchView     *self);
void         _sb_batch_view_show_error     (SbBatchView     *self,
                                            const char      *title,
                                            const GError    *error);
SbBatchLine *_sb_batch_view_find_line      (SbBatchView     *self,
                                            const char      *message_id,
                                            const char      *detainee_id);
GtkWindow   *_sb_batch_view_get_window     (SbBatchView     *self);

/* sb-batch-view-dialogs.c */
void         _sb_batch_view_seal           (SbBatchView     *self);
void         _sb_batch_view_hand_over      (SbBatchView     *self);
void         _sb_batch_view_add_copies     (SbBatchView     *self);
void         _sb_batch_view_reject         (SbBatchView     *self,
                                            GVariant        *copy);
void         _sb_batch_view_correct        (SbBatchView     *self,
                                            GVariant        *copy);

/* sb-batch-view-documents.c */
void         _sb_batch_view_print          (SbBatchView     *self,
                                            SbBatchDocument  document);
void         _sb_batch_view_save           (SbBatchView     *self,
                                            SbBatchDocument  document);
void         _sb_batch_view_stop_document  (SbBatchView     *self);

G_END_DECLS
