/* sb-batch-view.h — one delivery batch: its items, custody and documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

/**
 * SbBatchDocument:
 * @SB_BATCH_DOCUMENT_MANIFEST: the bilingual handover manifest (sealed batches)
 * @SB_BATCH_DOCUMENT_CARDS: the printed message cards
 */
typedef enum
{
  SB_BATCH_DOCUMENT_MANIFEST,
  SB_BATCH_DOCUMENT_CARDS,
} SbBatchDocument;

#define SB_TYPE_BATCH_VIEW (sb_batch_view_get_type ())
G_DECLARE_FINAL_TYPE (SbBatchView, sb_batch_view, SB, BATCH_VIEW, GtkWidget)

GtkWidget   *sb_batch_view_new                  (void);
void         sb_batch_view_show_batch           (SbBatchView         *self,
                                                 SbCampaign          *campaign,
                                                 const char          *batch_id);
const char  *sb_batch_view_get_batch_id         (SbBatchView         *self);
void         sb_batch_view_save_document_async  (SbBatchView         *self,
                                                 SbBatchDocument      document,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     sb_batch_view_save_document_finish (SbBatchView         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
