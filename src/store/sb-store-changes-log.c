/* sb-store-changes-log.c — a replica's outgoing log: each commit's changes, and
 * reading them back in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Recording". sb-store-changes.c keeps the session; this file
 * turns what it holds at a commit, with the history rows the transaction wrote,
 * into the next row of exchange_log.
 */

#define G_LOG_DOMAIN "sb-store"

/* The session API is declared only with these (Debian's libsqlite3 has it). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sb-store-changes-private.h"

#define HISTORY_TYPE "a(sssssmsms)"

/* The history rows written since the last logged one, as values. */
static GBytes *
read_new_history (SbStore  *self,
                  gint64    after,
                  gint64   *last,
                  GError  **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
                                          "SELECT at, operator, entity, entity_id, field, before, after, id "
                                          "FROM history WHERE id > ? ORDER BY id", error);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE (HISTORY_TYPE));
  int rc;

  if (stmt == NULL)
    return NULL;
  *last = after;
  sqlite3_bind_int64 (stmt, 1, after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *before = (const char *) sqlite3_column_text (stmt, 5);
      const char *after_value = (const char *) sqlite3_column_text (stmt, 6);

      g_variant_builder_add (builder, "(sssssmsms)",
                             sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                             sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                             sqlite3_column_text (stmt, 4), before, after_value);
      *last = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_variant_get_data_as_bytes (g_variant_ref_sink (g_variant_builder_end (builder)));
}

/* What the transaction changed becomes the next row of the log. Nothing is
 * written when nothing replicated changed. */
static gboolean
log_change (SbStore  *self,
            GError  **error)
{
  g_autofree char *logged = _sb_store_changes_get_value (self, "history-logged");
  gint64 after = logged != NULL ? g_ascii_strtoll (logged, NULL, 10) : 0;
  gint64 last = after;
  g_autoptr(GBytes) history = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *seen = NULL;
  gboolean ok;
  void *changeset = NULL;
  int n_changeset = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* Only when a session could not be started again (memory): the changes were
   * not recorded, and refusing the commit is better than changes that never reach
   * the other offices. The next transaction gets a new session. */
  if (self->changes->session == NULL)
    {
      g_autofree char *name = _sb_store_display_name (self->path);

      _sb_store_changes_start_session (self, NULL);
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED, _("Could not use “%s”: %s."),
                   name, sqlite3_errstr (SQLITE_NOMEM));
      return FALSE;
    }
  if (sqlite3session_isempty (self->changes->session) &&
      _sb_store_pragma_int (self, SB_HISTORY_LAST_ID, NULL) <= after)
    return TRUE;

  rc = sqlite3session_changeset (self->changes->session, &n_changeset, &changeset);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  history = read_new_history (self, after, &last, error);
  if (history == NULL)
    {
      sqlite3_free (changeset);
      return FALSE;
    }
  if (n_changeset == 0 && last == after)
    {
      sqlite3_free (changeset);
      return TRUE;
    }
  /* The change's clock and what this replica had received: the field rule and
   * the domain rules of docs/exchange.md, "Conflicts". */
  clock = _sb_store_changes_tick (self, NULL, error);
  seen = _sb_store_changes_seen (self);
  stmt = clock != NULL ? _sb_store_prepare (self, "INSERT INTO exchange_log (at, changeset, history, clock, seen) "
                                                  "VALUES (sb_now (), ?, ?, ?, ?)", error) : NULL;
  if (stmt == NULL)
    {
      sqlite3_free (changeset);
      return FALSE;
    }
  sqlite3_bind_blob (stmt, 1, changeset != NULL ? changeset : "", n_changeset, SQLITE_TRANSIENT);
  /* An empty GBytes may have no data pointer: a NULL blob would be no history at all. */
  sqlite3_bind_blob (stmt, 2, g_bytes_get_size (history) > 0 ? g_bytes_get_data (history, NULL) : "",
                     g_bytes_get_size (history), SQLITE_TRANSIENT);
  _sb_bind_text (stmt, 3, clock);
  _sb_bind_text (stmt, 4, seen);
  /* Marked logged up to the last row: the rows the stamp may add (a conflict
   * noted at sealing) are this replica's own. */
  ok = _sb_store_step_done (self, stmt, error) &&
       _sb_store_changes_stamp (self, clock, sqlite3_last_insert_rowid (self->db), seen,
                                changeset, n_changeset, error) &&
       _sb_store_changes_mark_history (self, error);
  sqlite3_free (changeset);
  return ok;
}

/* Inside the outermost transaction, before COMMIT: its change logged, then the
 * senders it erased erased from the log too (sb-store-changes-forget.c). */
gboolean
_sb_store_changes_log (SbStore  *self,
                       GError  **error)
{
  return log_change (self, error) && _sb_store_changes_forget_erased (self, error);
}

/**
 * sb_store_list_changes:
 * @after_seq: the last change the receiver has
 *
 * Returns: (element-type SbChange): this replica's changes after @after_seq, in order
 */
GPtrArray *
sb_store_list_changes (SbStore  *self,
                       gint64    after_seq,
                       GError  **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_change_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (self->changes != NULL, NULL);

  stmt = _sb_store_prepare (self, "SELECT seq, changeset, history, clock, seen FROM exchange_log "
                                  "WHERE seq > ? ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SbChange *change = g_new0 (SbChange, 1);

      change->origin = g_strdup (self->changes->replica_id);
      change->seq = sqlite3_column_int64 (stmt, 0);
      change->changeset = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      change->history = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      change->clock = _sb_column_dup (stmt, 3);
      change->seen = _sb_column_dup (stmt, 4);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/* The rows a changeset touches, as "table op key" lines, but for scans: what an
 * erasure rewrites (sb-store-changes-forget.c) leaves these as they were. */
static char *
rows_touched (const void *changeset,
              int         size)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  sqlite3_changeset_iter *iter = NULL;

  if (size == 0)
    return g_string_free (g_steal_pointer (&rows), FALSE);
  if (sqlite3changeset_start (&iter, size, (void *) changeset) != SQLITE_OK)
    return NULL;
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table = NULL;
      int n_columns = 0, op = 0;
      g_autofree char *key = NULL;

      sqlite3changeset_op (iter, &table, &n_columns, &op, NULL);
      if (g_strcmp0 (table, "scans") == 0)
        continue;
      key = _sb_store_changes_pk_text (iter, op == SQLITE_DELETE || op == SQLITE_UPDATE);
      g_string_append_printf (rows, "%s %d %s\n", table, op, key != NULL ? key : "");
    }
  if (sqlite3changeset_finalize (iter) != SQLITE_OK)
    return NULL;
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

/* Does this replica's log hold @change (one of its own, read back) as it is: the
 * same clock and the same rows? The clock alone could be the same in two copies of
 * the file (they tick from the same state, and a clock ahead of the wall clock
 * ticks by its counter); the bytes differ where a sender was erased since. */
gboolean
_sb_store_changes_log_holds (SbStore        *self,
                             const SbChange *change)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, "SELECT clock, changeset FROM exchange_log WHERE seq = ?", NULL);
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (change->changeset, &size);
  gboolean same = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->seq);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), change->clock) == 0)
    {
      const void *logged = sqlite3_column_blob (stmt, 1);
      int n_logged = sqlite3_column_bytes (stmt, 1);

      same = (gsize) n_logged == size && (size == 0 || memcmp (logged, data, size) == 0);
      if (!same && size <= G_MAXINT && _sb_store_changeset_is_whole (data, size))
        {
          g_autofree char *here = rows_touched (logged, n_logged);
          g_autofree char *there = rows_touched (data, (int) size);

          same = here != NULL && g_strcmp0 (here, there) == 0;
        }
    }
  sqlite3_reset (stmt);
  return same;
}
