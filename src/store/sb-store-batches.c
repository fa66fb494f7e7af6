/* sb-store-batches.c — delivery batches and their items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

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
                            "INSERT INTO batch_items (batch_id, message_id, detainee_id, position, "
                            "outcome, outcome_reason, outcome_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, item->batch_id);
  _sb_bind_text (stmt, 2, item->message_id);
  _sb_bind_text (stmt, 3, item->detainee_id);
  sqlite3_bind_int (stmt, 4, item->position);
  _sb_bind_text (stmt, 5, item->outcome);
  _sb_bind_text (stmt, 6, item->outcome_reason);
  _sb_bind_text_or_null (stmt, 7, item->outcome_on);
  return _sb_store_step_done (self, stmt, error);
}

/* ------------------------------------------------------------------------ */
/* Batches: reading and changing                                            */
/* ------------------------------------------------------------------------ */

#define BATCH_COLUMNS \
  "id, code, facility_id, state, created_on, sealed_at, digest, handed_over_at, " \
  "handed_by, received_by, received_position, closed_at, notes"

static gpointer
read_batch (sqlite3_stmt *stmt)
{
  SbBatch *batch = g_new0 (SbBatch, 1);

  batch->id = _sb_column_dup (stmt, 0);
  batch->code = _sb_column_dup_or_null (stmt, 1);
  batch->facility_id = _sb_column_dup (stmt, 2);
  batch->state = _sb_column_dup (stmt, 3);
  batch->created_on = _sb_column_dup (stmt, 4);
  batch->sealed_at = _sb_column_dup_or_null (stmt, 5);
  batch->digest = _sb_column_dup_or_null (stmt, 6);
  batch->handed_over_at = _sb_column_dup_or_null (stmt, 7);
  batch->handed_by = _sb_column_dup (stmt, 8);
  batch->received_by = _sb_column_dup (stmt, 9);
  batch->received_position = _sb_column_dup (stmt, 10);
  batch->closed_at = _sb_column_dup_or_null (stmt, 11);
  batch->notes = _sb_column_dup (stmt, 12);
  return batch;
}

#define BATCH_ITEM_COLUMNS \
  "batch_id, message_id, detainee_id, position, outcome, outcome_reason, outcome_on"

static gpointer
read_batch_item (sqlite3_stmt *stmt)
{
  SbBatchItem *item = g_new0 (SbBatchItem, 1);

  item->batch_id = _sb_column_dup (stmt, 0);
  item->message_id = _sb_column_dup (stmt, 1);
  item->detainee_id = _sb_column_dup (stmt, 2);
  item->position = sqlite3_column_int (stmt, 3);
  item->outcome = _sb_column_dup (stmt, 4);
  item->outcome_reason = _sb_column_dup (stmt, 5);
  item->outcome_on = _sb_column_dup_or_null (stmt, 6);
  return item;
}

/**
 * sb_store_update_batch:
 *
 * Writes every field of @batch but its id and facility (a batch never moves).
 */
gboolean
sb_store_update_batch (SbStore        *self,
                       const SbBatch  *batch,
                       GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  stmt = _sb_store_prepare (self,
                            "UPDATE batches SET code = ?2, state = ?3, created_on = ?4, "
                            "sealed_at = ?5, digest = ?6, handed_over_at = ?7, handed_by = ?8, "
                            "received_by = ?9, received_position = ?10, closed_at = ?11, "
                            "notes = ?12 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, batch->id);
  _sb_bind_text_or_null (stmt, 2, batch->code);
  _sb_bind_text (stmt, 3, batch->state);
  _sb_bind_text (stmt, 4, batch->created_on);
  _sb_bind_text_or_null (stmt, 5, batch->sealed_at);
  _sb_bind_text_or_null (stmt, 6, batch->digest);
  _sb_bind_text_or_null (stmt, 7, batch->handed_over_at);
  _sb_bind_text (stmt, 8, batch->handed_by);
  _sb_bind_text (stmt, 9, batch->received_by);
  _sb_bind_text (stmt, 10, batch->received_position);
  _sb_bind_text_or_null (stmt, 11, batch->closed_at);
  _sb_bind_text (stmt, 12, batch->notes);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_get_batch:
 * @id_or_code: a batch id, or the code of a sealed batch (any case)
 */
SbBatch *
sb_store_get_batch (SbStore     *self,
                    const char  *id_or_code,
                    GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return _sb_store_get_one (self,
                            "SELECT " BATCH_COLUMNS " FROM batches "
                            "WHERE id = ?1 OR code = upper (?1)",
                            id_or_code, read_batch,
                            _("There is no batch “%s” in this campaign."), error);
}

/**
 * sb_store_list_batches:
 * @facility_id: (nullable): only this facility's batches
 *
 * Returns: (transfer full) (element-type SbBatch): newest first
 */
GPtrArray *
sb_store_list_batches (SbStore     *self,
                       const char  *facility_id,
                       GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (facility_id != NULL)
    return _sb_store_list_all (self,
                               "SELECT " BATCH_COLUMNS " FROM batches WHERE facility_id = ?1 "
                               "ORDER BY created_on DESC, code IS NULL DESC, code DESC, created_at DESC",
                               facility_id, read_batch, (GDestroyNotify) sb_batch_free, error);
  return _sb_store_list_all (self,
                             "SELECT " BATCH_COLUMNS " FROM batches "
                             "ORDER BY created_on DESC, code IS NULL DESC, code DESC, created_at DESC",
                             NULL, read_batch, (GDestroyNotify) sb_batch_free, error);
}

/**
 * sb_store_count_batch_codes:
 * @prefix: the start of a batch code, "PS-2016-10-08-"
 *
 * Returns: how many batches already have a code that starts with @prefix, or -1
 */
gint64
sb_store_count_batch_codes (SbStore     *self,
                            const char  *prefix,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), -1);

  stmt = _sb_store_prepare (self,
                            "SELECT count(*) FROM batches "
                            "WHERE substr (code, 1, length (?1)) = ?1",
                            error);
  if (stmt == NULL)
    return -1;
  _sb_bind_text (stmt, 1, prefix);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return n;
}

/**
 * sb_store_list_batch_items:
 *
 * Returns: (transfer full) (element-type SbBatchItem): the batch's items by position
 */
GPtrArray *
sb_store_list_batch_items (SbStore     *self,
                           const char  *batch_id,
                           GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return _sb_store_list_all (self,
                             "SELECT " BATCH_ITEM_COLUMNS " FROM batch_items "
                             "WHERE batch_id = ?1 ORDER BY position, detainee_id, message_id",
                             batch_id, read_batch_item, (GDestroyNotify) sb_batch_item_free,
                             error);
}

gboolean
sb_store_update_batch_item (SbStore            *self,
                            const SbBatchItem  *item,
                            GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = _sb_store_prepare (self,
                            "UPDATE batch_items SET position = ?3, outcome = ?4, "
                            "outcome_reason = ?5, outcome_on = ?6 "
                            "WHERE batch_id = ?1 AND detainee_id = ?7 AND message_id = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, item->batch_id);
  _sb_bind_text (stmt, 2, item->message_id);
  _sb_bind_text (stmt, 7, item->detainee_id);
  sqlite3_bind_int (stmt, 3, item->position);
  _sb_bind_text (stmt, 4, item->outcome);
  _sb_bind_text (stmt, 5, item->outcome_reason);
  _sb_bind_text_or_null (stmt, 6, item->outcome_on);
  return _sb_store_step_done (self, stmt, error);
}

gboolean
sb_store_delete_batch_item (SbStore            *self,
                            const SbBatchItem  *item,
                            GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = _sb_store_prepare (self,
                            "DELETE FROM batch_items "
                            "WHERE batch_id = ?1 AND detainee_id = ?3 AND message_id = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, item->batch_id);
  _sb_bind_text (stmt, 2, item->message_id);
  _sb_bind_text (stmt, 3, item->detainee_id);
  return _sb_store_step_done (self, stmt, error);
}

/* ------------------------------------------------------------------------ */
/* Copies, as batches see them                                              */
/* ------------------------------------------------------------------------ */

/* The columns _sb_read_copy() reads (sb-store-messages.c). */
#define COPY_COLUMNS \
  "c.message_id, c.detainee_id, c.state, c.attempts, c.outcome_reason, c.delivered_on, " \
  "c.old_id"

/**
 * sb_store_get_copy:
 *
 * Returns: (transfer full): the copy of @message_id for @detainee_id, or %NULL with
 *   @error set
 */
SbCopy *
sb_store_get_copy (SbStore     *self,
                   const char  *message_id,
                   const char  *detainee_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  SbCopy *copy = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT " COPY_COLUMNS " FROM copies c "
                            "WHERE c.detainee_id = ?2 AND c.message_id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text (stmt, 2, detainee_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    copy = _sb_read_copy (stmt);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *name = g_strconcat (message_id, ":", detainee_id, NULL);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no copy “%s” in this campaign."), name);
    }
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return copy;
}

/**
 * sb_store_list_eligible_copies:
 * @facility_id: the facility the batch goes to
 * @today: "YYYY-MM-DD": detainees released on or before it get nothing
 * @limit: at most this many
 *
 * Copies that may go into a new batch for @facility_id: approved messages, copies
 * waiting or back from the facility (rejected, returned), for detainees held there,
 * and in no batch that is still open. Oldest message first.
 *
 * Returns: (transfer full) (element-type SbCopy): the copies
 */
GPtrArray *
sb_store_list_eligible_copies (SbStore     *self,
                               const char  *facility_id,
                               const char  *today,
                               guint        limit,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT " COPY_COLUMNS " "
                            "FROM copies c "
                            "JOIN messages m ON m.id = c.message_id "
                            "JOIN detainees d ON d.id = c.detainee_id "
                            "WHERE d.facility_id = ?1 "
                            "  AND (d.released_on IS NULL OR d.released_on > ?2) "
                            "  AND m.status = 'approved' AND m.duplicate_of IS NULL "
                            /* As copies_waiting says it (migrations/0017-waiting-copies.sql),
                             * so that SQLite reads that index. */
                            "  AND (c.state = 'waiting' OR c.state = 'rejected' "
                            "       OR c.state = 'returned') "
                            "  AND NOT EXISTS (SELECT 1 FROM batch_items i "
                            "    JOIN batches b ON b.id = i.batch_id "
                            "    WHERE i.detainee_id = c.detainee_id AND i.message_id = c.message_id "
                            "      AND i.outcome = '' AND b.state != 'closed') "
                            "ORDER BY m.received_on, m.ref, d.position, d.name_en "
                            "LIMIT ?3",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, facility_id);
  _sb_bind_text (stmt, 2, today);
  sqlite3_bind_int64 (stmt, 3, limit);
  return _sb_store_list_rows (self, stmt, _sb_read_copy, (GDestroyNotify) sb_copy_free, error);
}

/**
 * sb_store_find_open_batch:
 * @copy: a copy
 * @except_batch_id: (nullable): a batch to leave out
 *
 * Finds a batch that holds @copy without an outcome yet (any batch not closed),
 * one sealed or further first: in a campaign shared between offices a copy may
 * be in two (docs/exchange.md, "Conflicts").
 *
 * Returns: (transfer full) (nullable): the batch, or %NULL (with @error set only if
 *   the campaign file could not be read)
 */
SbBatch *
sb_store_find_open_batch (SbStore       *self,
                          const SbCopy  *copy,
                          const char    *except_batch_id,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT b.id, b.code, b.facility_id, b.state, b.created_on, "
                            "b.sealed_at, b.digest, b.handed_over_at, b.handed_by, "
                            "b.received_by, b.received_position, b.closed_at, b.notes "
                            "FROM batch_items i JOIN batches b ON b.id = i.batch_id "
                            "WHERE i.detainee_id = ?2 AND i.message_id = ?1 AND i.outcome = '' "
                            "  AND b.state != 'closed' AND b.id IS NOT ?3 "
                            "ORDER BY b.state = 'draft', b.sealed_at, b.id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, copy->message_id);
  _sb_bind_text (stmt, 2, copy->detainee_id);
  _sb_bind_text_or_null (stmt, 3, except_batch_id);
  found = _sb_store_list_rows (self, stmt, read_batch, (GDestroyNotify) sb_batch_free, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return sb_batch_copy (g_ptr_array_index (found, 0));
}

/**
 * sb_store_last_outcome:
 * @copy: a copy
 * @except_batch_id: a batch to leave out
 *
 * Returns: (transfer full): the most recent outcome of @copy in another batch
 *   ("rejected", "returned", …), or "" if it never came back from one
 */
char *
sb_store_last_outcome (SbStore       *self,
                       const SbCopy  *copy,
                       const char    *except_batch_id,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  char *outcome = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT i.outcome FROM batch_items i "
                            "WHERE i.detainee_id = ?3 AND i.message_id = ?1 AND i.batch_id != ?2 "
                            "  AND i.outcome != '' "
                            "ORDER BY i.outcome_on DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, copy->message_id);
  _sb_bind_text (stmt, 2, except_batch_id);
  _sb_bind_text (stmt, 3, copy->detainee_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    outcome = _sb_column_dup (stmt, 0);
  else if (rc == SQLITE_DONE)
    outcome = g_strdup ("");
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return outcome;
}

/* ------------------------------------------------------------------------ */
/* Reasons and the clock                                                    */
/* ------------------------------------------------------------------------ */

static gpointer
read_label (sqlite3_stmt *stmt)
{
  return _sb_column_dup (stmt, 0);
}

/**
 * sb_store_list_reasons:
 * @kind: "hold" or "reject"
 *
 * Returns: (transfer full) (element-type utf8): the labels, in their order
 */
GPtrArray *
sb_store_list_reasons (SbStore     *self,
                       const char  *kind,
                       GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return _sb_store_list_all (self,
                             "SELECT label FROM reasons WHERE kind = ?1 ORDER BY position, label",
                             kind, read_label, g_free, error);
}

gboolean
sb_store_insert_reason (SbStore     *self,
                        const char  *id,
                        const char  *kind,
                        const char  *label,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO reasons (id, kind, label, position) VALUES (?1, ?2, ?3, "
                            "(SELECT coalesce (max (position), 0) + 1 FROM reasons WHERE kind = ?2))",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, id);
  _sb_bind_text (stmt, 2, kind);
  _sb_bind_text (stmt, 3, label);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_find_printed_batch:
 * @message_id: a message id
 *
 * The batch whose paper a change to the message would contradict: the first one
 * sealed (then handed over or closed) that holds one of its copies.
 *
 * Returns: (transfer full) (nullable): the batch; %NULL when there is none (or with
 *   @error set)
 */
SbBatch *
sb_store_find_printed_batch (SbStore     *self,
                             const char  *message_id,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *batch_id = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT b.id FROM detainees d "
                            "CROSS JOIN batch_items i INDEXED BY batch_items_copy "
                            "  ON i.detainee_id = d.id AND i.message_id = ?1 "
                            "JOIN batches b ON b.id = i.batch_id "
                            "WHERE b.state != 'draft' "
                            "ORDER BY b.sealed_at, b.code LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, message_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    batch_id = _sb_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return batch_id != NULL ? sb_store_get_batch (self, batch_id, error) : NULL;
}
