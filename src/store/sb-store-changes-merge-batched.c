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

/* The copies the incoming change puts in a batch, before its rows are decided. */
gboolean
_sb_merge_note_batched (SbMerge  *merge,
                        GError  **error)
{
  const SbChange *change = merge->change;
  sqlite3_changeset_iter *iter = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (change->changeset, &size);

  if (size == 0 || size > G_MAXINT ||
      sqlite3changeset_start (&iter, (int) size, (void *) data) != SQLITE_OK)
    return TRUE;
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_columns, op, indirect;
      const char *const *columns;
      sqlite3_value *detainee = NULL;
      sqlite3_value *message = NULL;
      int d = -1, m = -1;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
      if (op != SQLITE_INSERT || strcmp (table, "batch_items") != 0 ||
          (columns = _sb_store_changes_columns (merge->store, table, n_columns)) == NULL)
        continue;
      for (int i = 0; columns[i] != NULL; i++)
        if (strcmp (columns[i], "detainee_id") == 0)
          d = i;
        else if (strcmp (columns[i], "message_id") == 0)
          m = i;
      if (d >= 0 && m >= 0 && sqlite3changeset_new (iter, d, &detainee) == SQLITE_OK &&
          sqlite3changeset_new (iter, m, &message) == SQLITE_OK &&
          _sb_merge_text (detainee) != NULL && _sb_merge_text (message) != NULL)
        g_hash_table_add (merge->batched, g_strconcat (_sb_merge_text (detainee), "\x1f",
                                                       _sb_merge_text (message), NULL));
    }
  sqlite3changeset_finalize (iter);
  return TRUE;
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
    {
      /* The clock ends with the replica that wrote it: the item's origin. */
      const char *clock = (const char *) sqlite3_column_text (stmt, 0);
      const char *dot = clock != NULL ? strchr (clock, '.') : NULL;
      gint64 seq = sqlite3_column_int64 (stmt, 1);

      dot = dot != NULL ? strchr (dot + 1, '.') : NULL;
      if (dot == NULL)
        continue;
      *saw = g_strcmp0 (change->origin, dot + 1) == 0
             ? change->seq >= seq : _sb_merge_seen_of (change->seen, dot + 1) >= seq;
    }
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
