/* sb-store-batches.c — delivery batches and their items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"

/**
 * sb_store_insert_batch:
 * @batch: a batch in any state; its optional fields may be %NULL
 *
 * Writes a batch as it is. The rules of its lifecycle (what may be sealed, handed
 * over or closed, and when) belong to core.
 */
gboolean
sb_store_insert_batch (SbStore        *self,
                       const SbBatch  *batch,
                       GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO batches (id, code, facility_id, state, created_on, "
                            "sealed_at, digest, handed_over_at, handed_by, received_by, "
                            "received_position, closed_at, notes) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, batch->id);
  _sb_bind_text_or_null (stmt, 2, batch->code);
  _sb_bind_text (stmt, 3, batch->facility_id);
  _sb_bind_text (stmt, 4, batch->state);
  _sb_bind_text (stmt, 5, batch->created_on);
  _sb_bind_text_or_null (stmt, 6, batch->sealed_at);
  _sb_bind_text_or_null (stmt, 7, batch->digest);
  _sb_bind_text_or_null (stmt, 8, batch->handed_over_at);
  _sb_bind_text (stmt, 9, batch->handed_by);
  _sb_bind_text (stmt, 10, batch->received_by);
  _sb_bind_text (stmt, 11, batch->received_position);
  _sb_bind_text_or_null (stmt, 12, batch->closed_at);
  _sb_bind_text (stmt, 13, batch->notes);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_insert_batch_item:
 * @item: one copy in a batch, with its outcome if the facility gave one
 */
gboolean
sb_store_insert_batch_item (SbStore            *self,
                            const SbBatchItem  *item,
                            GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO batch_items (id, batch_id, copy_id, position, outcome, "
                            "outcome_reason, outcome_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, item->id);
  _sb_bind_text (stmt, 2, item->batch_id);
  _sb_bind_text (stmt, 3, item->copy_id);
  sqlite3_bind_int (stmt, 4, item->position);
  _sb_bind_text (stmt, 5, item->outcome);
  _sb_bind_text (stmt, 6, item->outcome_reason);
  _sb_bind_text_or_null (stmt, 7, item->outcome_on);
  return _sb_store_step_done (self, stmt, error);
}
