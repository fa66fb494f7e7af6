/* sb-store-changes-merge-batched.c — a copy put in a batch stays marked as in
 * it, whatever order the offices' changes come in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts", the rules about batches. A copy's state written
 * pending or waiting (a hold, an approval, a deletion) by a change that had not
 * received the copy's batch item here does not count against it, and the change
 * that puts a copy in a batch sets its state whatever the clock of a pending or
 * waiting written meanwhile by an office that had not seen it. So a copy is
 * in_batch exactly when it has an open item, on every replica. What loses is
 * listed (rule "batch"). The message keeps the status its own rule decides.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-merge-private.h"

/* A copy's columns as exchange_deleted_copies keeps them. */
static const char *const copy_columns[] = {
  "detainee_id", "message_id", "state", "attempts", "outcome_reason", "delivered_on", "old_id",
};

/* The values of a copy deleted here, by this office or by another's change, from
 * the deleting change's old values: if another office put the copy in a batch
 * meanwhile, it comes back as it was (_sb_merge_note_batched()). The change's
 * @clock and number @seq say whether an office adding the copy later had seen the
 * deletion (_sb_merge_note_readded()). */
gboolean
_sb_merge_keep_deleted_copy (SbStore                 *self,
                             sqlite3_changeset_iter  *iter,
                             const char              *clock,
                             gint64                   seq,
                             GError                 **error)
{
  const char *table;
  int n_columns, op, indirect;
  const char *const *columns;
  sqlite3_stmt *stmt;

  sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
  columns = _sb_store_changes_columns (self, table, n_columns);
  if (columns == NULL)
    return TRUE;
  stmt = _sb_store_prepare (self, "INSERT OR REPLACE INTO exchange_deleted_copies (detainee_id, "
                                  "message_id, state, attempts, outcome_reason, delivered_on, "
                                  "old_id, clock, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_clear_bindings (stmt);
  _sb_bind_text (stmt, G_N_ELEMENTS (copy_columns) + 1, clock != NULL ? clock : "");
  sqlite3_bind_int64 (stmt, G_N_ELEMENTS (copy_columns) + 2, seq);
  for (guint k = 0; k < G_N_ELEMENTS (copy_columns); k++)
    for (int i = 0; i < n_columns && columns[i] != NULL; i++)
      {
        sqlite3_value *old = NULL;

        if (strcmp (columns[i], copy_columns[k]) == 0 &&
            sqlite3changeset_old (iter, i, &old) == SQLITE_OK && old != NULL)
          sqlite3_bind_value (stmt, k + 1, old);
      }
  return _sb_store_step_done (self, stmt, error);
}

/* Lists what a rule about copies decided for the copy @copy_id: with its history
 * entry even while another office's change is replayed. The rules about batches
 * list no clocks: the rule, not a moment, decided. */
gboolean
_sb_merge_list_copy_rule (SbMerge     *merge,
                          const char  *copy_id,
                          const char  *field,
                          const char  *kept,
                          const char  *kept_clock,
                          const char  *other,
                          const char  *other_clock,
                          const char  *rule,
                          GError     **error)
{
  SbStore *self = merge->store;
  gboolean replaying = self->changes->replaying;
  gboolean ok;

  self->changes->replaying = FALSE;
  ok = _sb_merge_record_conflict (merge, "copies", copy_id, field, kept, kept_clock, other,
                                  other_clock, rule, error);
  self->changes->replaying = replaying;
  return ok;
}

/* The copy deleted here comes back with the values it had, as the change that
 * deleted it is not shipped again; nothing of it is recorded or shipped. */
static gboolean
restore_copy (SbMerge     *merge,
              const char  *detainee_id,
              const char  *message_id,
              GError     **error)
{
  SbStore *self = merge->store;
  gboolean replaying = self->changes->replaying;
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = _sb_store_prepare (self, "INSERT INTO copies (detainee_id, message_id, state, attempts, "
                                  "outcome_reason, delivered_on, old_id) SELECT detainee_id, "
                                  "message_id, state, attempts, outcome_reason, delivered_on, "
                                  "old_id FROM exchange_deleted_copies WHERE detainee_id = ?1 AND "
                                  "message_id = ?2 AND NOT EXISTS (SELECT 1 FROM copies "
                                  "WHERE detainee_id = ?1 AND message_id = ?2)", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, detainee_id);
  _sb_bind_text (stmt, 2, message_id);
  sqlite3session_enable (self->changes->session, 0);
  self->changes->replaying = TRUE;
  ok = _sb_store_step_done (self, stmt, error);
  self->changes->replaying = replaying;
  sqlite3session_enable (self->changes->session, !replaying);
  return ok;
}

/* Another office's change deletes a copy (unassigns it) that is in a batch here:
 * a copy put in a batch stays in it. So does a copy added again here, or by a third
 * office, that the deleting office had not seen (@unseen_add, that add's clock): it
 * deleted the copy it knew, and where the addition arrives after the deletion it is
 * applied too (_sb_merge_note_readded()). Its values here are kept, SQLite deletes
 * it with the rest of the change, and _sb_merge_restore_copies() puts it back. */
gboolean
_sb_merge_deleted_copy_stays (SbMerge     *merge,
                              const char  *copy_id,
                              const char  *unseen_add,
                              gboolean    *stays,
                              GError     **error)
{
  SbStore *self = merge->store;
  g_auto(GStrv) key = g_strsplit (copy_id, "\x1f", 2);     /* detainee, message */
  g_autofree char *batch_id = NULL;
  sqlite3_stmt *stmt;
  gboolean listed;

  *stays = FALSE;
  if (key[0] == NULL || key[1] == NULL)
    return TRUE;
  stmt = _sb_store_prepare (self, "SELECT batch_id FROM batch_items WHERE detainee_id = ? "
                                  "AND message_id = ? ORDER BY batch_id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, key[0]);
  _sb_bind_text (stmt, 2, key[1]);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    batch_id = _sb_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (batch_id == NULL && unseen_add == NULL)
    return TRUE;
  /* Kept without the deletion's clock: the deletion is listed here now, and an add
   * arriving later (the deleting office's own, say) must not list it again
   * (_sb_merge_note_readded() takes a deletion with no clock as seen). */
  stmt = _sb_store_prepare (self, "INSERT OR REPLACE INTO exchange_deleted_copies (detainee_id, "
                                  "message_id, state, attempts, outcome_reason, delivered_on, "
                                  "old_id) SELECT detainee_id, message_id, state, attempts, "
                                  "outcome_reason, delivered_on, old_id FROM copies "
                                  "WHERE detainee_id = ? AND message_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, key[0]);
  _sb_bind_text (stmt, 2, key[1]);
  if (!_sb_store_step_done (self, stmt, error))
    return FALSE;
  /* A deletion that had not seen an add is listed as such, batched or not: where
   * the add arrives second, _sb_merge_note_readded() lists it so, and the copy's
   * batch item then finds it here. */
  listed = unseen_add == NULL
    ? _sb_merge_list_copy_rule (merge, copy_id, "batch", batch_id, "", NULL, "", "batch", error)
    : _sb_merge_list_copy_rule (merge, copy_id, "addressee", key[0], unseen_add, NULL,
                                merge->change->clock, "added-again", error);
  if (!listed)
    return FALSE;
  g_ptr_array_add (merge->restore, g_strdup (copy_id));
  *stays = TRUE;
  return TRUE;
}

/* The copy, if deleted here and kept in exchange_deleted_copies, back and listed. */
static gboolean
restore_deleted (SbMerge     *merge,
                 const char  *copy_id,
                 const char  *detainee_id,
                 const char  *message_id,
                 const char  *batch_id,
                 GError     **error)
{
  SbStore *self = merge->store;
  sqlite3_stmt *stmt = _sb_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM copies "
                                                "WHERE detainee_id = ?1 AND message_id = ?2) "
                                                "AND EXISTS (SELECT 1 FROM exchange_deleted_copies "
                                                "WHERE detainee_id = ?1 AND message_id = ?2)", error);
  gboolean deleted;

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, detainee_id);
  _sb_bind_text (stmt, 2, message_id);
  deleted = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
  sqlite3_reset (stmt);
  return !deleted || (restore_copy (merge, detainee_id, message_id, error) &&
                      _sb_merge_list_copy_rule (merge, copy_id, "batch", batch_id, "", NULL, "", "batch", error));
}

/* After SQLite applied the change: the copies it deleted that stay come back. */
gboolean
_sb_merge_restore_copies (SbMerge  *merge,
                          GError  **error)
{
  for (guint i = 0; i < merge->restore->len; i++)
    {
      g_auto(GStrv) key = g_strsplit (merge->restore->pdata[i], "\x1f", 2);

      if (!restore_copy (merge, key[0], key[1], error))
        return FALSE;
    }
  return TRUE;
}

/* draft < sealed < handed over < closed */
static int
batch_state_rank (const char *state)
{
  static const char *const order[] = { "draft", "sealed", "handed_over", "closed" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (state, order[i]) == 0)
      return (int) i;
  return -1;
}

/* What sealing writes once: docs/manifest-digest.md. */
static gboolean
is_seal_column (const char *column)
{
  return strcmp (column, "code") == 0 || strcmp (column, "digest") == 0 ||
         strcmp (column, "sealed_at") == 0;
}

/* The rules about a batch's own fields, before the clock: its state only moves
 * forward (a seal that crossed a handover does not take the batch back), and when
 * two offices sealed one draft the first seal stands, its code, digest and moment
 * together (the other office's manifest is not valid). Returns whether a rule
 * decided @column; then @wins says whether the incoming value does. */
gboolean
_sb_merge_batch_field_rule (const char     *column,
                            sqlite3_value  *current,
                            sqlite3_value  *incoming,
                            const char     *in_clock,
                            const char     *local_clock,
                            gboolean       *wins,
                            const char    **rule)
{
  int here = batch_state_rank (_sb_merge_text (current));
  int there = batch_state_rank (_sb_merge_text (incoming));

  if (strcmp (column, "state") == 0 && here != there)
    {
      *rule = "forward";
      *wins = there > here;
      return TRUE;
    }
  if (local_clock != NULL && is_seal_column (column) &&
      sqlite3_value_type (current) != SQLITE_NULL && sqlite3_value_type (incoming) != SQLITE_NULL)
    {
      *rule = "first-seal";
      *wins = strcmp (in_clock, local_clock) < 0;
      return TRUE;
    }
  return FALSE;
}

/* The copies the incoming change puts in a batch, before its rows are decided. */
gboolean
_sb_merge_note_batched (SbMerge  *merge,
                        GError  **error)
{
  const SbChange *change = merge->change;
  sqlite3_changeset_iter *iter = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (change->changeset, &size);

  gboolean ok = TRUE;

  if (size == 0 || size > G_MAXINT ||
      sqlite3changeset_start (&iter, (int) size, (void *) data) != SQLITE_OK)
    return TRUE;
  while (ok && sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_columns, op, indirect;
      const char *const *columns;
      sqlite3_value *detainee = NULL;
      sqlite3_value *message = NULL;
      sqlite3_value *batch = NULL;
      int d = -1, m = -1, b = -1;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
      if (op != SQLITE_INSERT || strcmp (table, "batch_items") != 0 ||
          (columns = _sb_store_changes_columns (merge->store, table, n_columns)) == NULL)
        continue;
      for (int i = 0; columns[i] != NULL; i++)
        if (strcmp (columns[i], "detainee_id") == 0)
          d = i;
        else if (strcmp (columns[i], "message_id") == 0)
          m = i;
        else if (strcmp (columns[i], "batch_id") == 0)
          b = i;
      if (d >= 0 && m >= 0 && b >= 0 && sqlite3changeset_new (iter, d, &detainee) == SQLITE_OK &&
          sqlite3changeset_new (iter, m, &message) == SQLITE_OK &&
          sqlite3changeset_new (iter, b, &batch) == SQLITE_OK &&
          _sb_merge_text (detainee) != NULL && _sb_merge_text (message) != NULL)
        {
          char *copy_id = g_strconcat (_sb_merge_text (detainee), "\x1f", _sb_merge_text (message), NULL);

          g_hash_table_add (merge->batched, copy_id);
          /* This office deleted the copy (unassigned it) meanwhile: a copy put in
           * a batch stays, as it was, before the change that batches it is
           * applied (docs/exchange.md, "Conflicts", the rules about batches). */
          ok = restore_deleted (merge, copy_id, _sb_merge_text (detainee),
                                _sb_merge_text (message), _sb_merge_text (batch), error);
        }
    }
  sqlite3changeset_finalize (iter);
  return ok;
}

static gboolean
is_unbatched (sqlite3_value *state)
{
  const char *text = _sb_merge_text (state);

  return g_strcmp0 (text, "pending") == 0 || g_strcmp0 (text, "waiting") == 0;
}

/* Had the incoming change received every batch item of the copy @pk here? */
static gboolean
saw_items (SbMerge     *merge,
           const char  *pk,
           gboolean    *saw,
           GError     **error)
{
  const SbChange *change = merge->change;
  g_auto(GStrv) key = g_strsplit (pk, "\x1f", 2);     /* detainee, message */
  sqlite3_stmt *stmt = _sb_store_prepare (merge->store,
    "SELECT c.clock, c.seq FROM batch_items i JOIN exchange_clocks c ON c.tbl = 'batch_items' "
    "AND c.pk = i.batch_id || char (31) || i.detainee_id || char (31) || i.message_id "
    "AND c.col = '' WHERE i.detainee_id = ? AND i.message_id = ?", error);

  *saw = TRUE;
  if (stmt == NULL)
    return FALSE;
  if (key[0] == NULL || key[1] == NULL)
    return TRUE;
  _sb_bind_text (stmt, 1, key[0]);
  _sb_bind_text (stmt, 2, key[1]);
  while (*saw && sqlite3_step (stmt) == SQLITE_ROW)
    *saw = _sb_merge_saw (change, (const char *) sqlite3_column_text (stmt, 0),
                          sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);
  return TRUE;
}

/* A copy's state, decided before the clock: @wins comes in as the clock's
 * decision and goes out as the rule's. */
gboolean
_sb_merge_copy_state_rule (SbMerge        *merge,
                           const char     *table,
                           const char     *pk,
                           const char     *column,
                           sqlite3_value  *current,
                           sqlite3_value  *incoming,
                           gboolean       *wins,
                           const char    **rule,
                           GError        **error)
{
  gboolean saw = TRUE;

  if (strcmp (table, "copies") != 0 || strcmp (column, "state") != 0)
    return TRUE;
  /* The change that batches the copy: its "in a batch" stands against a hold or
   * an approval written meanwhile by an office that had not seen it. */
  if (g_hash_table_contains (merge->batched, pk))
    {
      if (!*wins && is_unbatched (current))
        {
          *wins = TRUE;
          *rule = "batch";
        }
      return TRUE;
    }
  /* A hold, approval or deletion that had not seen the copy's batch item. */
  if (!*wins || !is_unbatched (incoming) || is_unbatched (current))
    return TRUE;
  if (!saw_items (merge, pk, &saw, error))
    return FALSE;
  if (!saw)
    {
      *wins = FALSE;
      *rule = "batch";
    }
  return TRUE;
}
