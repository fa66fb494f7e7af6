/* sb-store-batches.h — batches, their items and the reasons of outcomes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-batches.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* The rules of their lifecycle belong to core (sb-campaign-batches.c). */
gboolean            sb_store_insert_batch       (SbStore           *self,
                                                 const SbBatch     *batch,
                                                 GError           **error);
gboolean            sb_store_insert_batch_item  (SbStore           *self,
                                                 const SbBatchItem *item,
                                                 GError           **error);
gboolean            sb_store_update_batch       (SbStore           *self,
                                                 const SbBatch     *batch,
                                                 GError           **error);
SbBatch            *sb_store_get_batch          (SbStore           *self,
                                                 const char        *id_or_code,
                                                 GError           **error);
GPtrArray          *sb_store_list_batches       (SbStore           *self,
                                                 const char        *facility_id,
                                                 GError           **error);
gint64              sb_store_count_batch_codes  (SbStore           *self,
                                                 const char        *prefix,
                                                 GError           **error);
GPtrArray          *sb_store_list_batch_items   (SbStore           *self,
                                                 const char        *batch_id,
                                                 GError           **error);
gboolean            sb_store_update_batch_item  (SbStore           *self,
                                                 const SbBatchItem *item,
                                                 GError           **error);
gboolean            sb_store_delete_batch_item  (SbStore           *self,
                                                 const SbBatchItem *item,
                                                 GError           **error);
SbCopy             *sb_store_get_copy           (SbStore           *self,
                                                 const char        *message_id,
                                                 const char        *detainee_id,
                                                 GError           **error);
GPtrArray          *sb_store_list_eligible_copies (SbStore         *self,
                                                   const char      *facility_id,
                                                   const char      *today,
                                                   guint            limit,
                                                   GError         **error);
SbBatch            *sb_store_find_open_batch    (SbStore           *self,
                                                 const SbCopy      *copy,
                                                 const char        *except_batch_id,
                                                 GError           **error);
char               *sb_store_last_outcome       (SbStore           *self,
                                                 const SbCopy      *copy,
                                                 const char        *except_batch_id,
                                                 GError           **error);
GPtrArray          *sb_store_list_reasons       (SbStore           *self,
                                                 const char        *kind,
                                                 GError           **error);
gboolean            sb_store_insert_reason      (SbStore           *self,
                                                 const char        *id,
                                                 const char        *kind,
                                                 const char        *label,
                                                 GError           **error);

/* The first batch past its draft (sealed, handed over or closed) holding a copy of
 * the message, or NULL (sb-store-batches.c). */
SbBatch            *sb_store_find_printed_batch (SbStore           *self,
                                                 const char        *message_id,
                                                 GError           **error);

G_END_DECLS
