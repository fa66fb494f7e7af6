/* sb-store-changes.c — the replica's changes: recorded at each commit with SQLite's
 * session extension, applied from other replicas in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md has the design. A campaign file that never joined an exchange
 * has none of the tables below and no session: the store's commit costs it one
 * test of a pointer. Once joined (sb_store_join_exchange()), a session records the
 * replicated tables; at each commit their changeset and the history rows the
 * transaction wrote become one row of exchange_log, numbered in order.
 *
 * History is not in the session: its key is a local rowid (not unique across
 * replicas), so its rows travel as values beside the changeset and get the
 * receiver's own rowids. While a changeset is applied the receiver's history
 * triggers fire on the applied rows; the guard trigger below drops what they
 * write (sb_exchange_replaying ()), and the shipped rows are inserted instead.
 * The receiver's other triggers (tallies, copy tallies, the search index, a
 * message's delivery day) run on the applied rows and keep the derived data.
 */

#define G_LOG_DOMAIN "sb-store"

/* The session API is declared only with these (Debian's libsqlite3 has it). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-store-changes-private.h"

/* What a session records and a changeset may touch. Not: settings (the office
 * code and as-of day are the replica's own, docs/exchange.md), ref_counters,
 * sort_keys, the derived tables, history (above), the exchange's own tables. */
static const char *const replicated_tables[] = {
  "facilities", "detainees", "offices", "reasons", "milestones",
  "messages", "scans", "copies", "batches", "batch_items",
};

static const char exchange_schema[] =
  "CREATE TABLE IF NOT EXISTS exchange_replica ("
  "  key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS exchange_log ("
  "  seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
  "  changeset BLOB NOT NULL, history BLOB NOT NULL);"
  "CREATE TABLE IF NOT EXISTS exchange_received ("
  "  origin TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE TRIGGER IF NOT EXISTS history_exchange_replaying BEFORE INSERT ON history "
  "WHEN sb_exchange_replaying () BEGIN SELECT RAISE (IGNORE); END;";

#define HISTORY_TYPE "a(sssssmsms)"

void
sb_change_free (SbChange *change)
{
  if (change == NULL)
    return;
  g_free (change->origin);
  g_clear_pointer (&change->changeset, g_bytes_unref);
  g_clear_pointer (&change->history, g_bytes_unref);
  g_free (change);
}

static void
sql_replaying (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);

  sqlite3_result_int (context, self->changes != NULL && self->changes->replaying);
}

gboolean
_sb_store_register_changes_functions (SbStore  *self,
                                      GError  **error)
{
  int rc = sqlite3_create_function_v2 (self->db, "sb_exchange_replaying", 0, SQLITE_UTF8,
                                       self, sql_replaying, NULL, NULL, NULL);

  return rc == SQLITE_OK || _sb_store_set_error (self, rc, error);
}

static gboolean
start_session (SbStore  *self,
               GError  **error)
{
  int rc = sqlite3session_create (self->db, "main", &self->changes->session);

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (replicated_tables); i++)
    rc = sqlite3session_attach (self->changes->session, replicated_tables[i]);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&self->changes->session, sqlite3session_delete);
      return _sb_store_set_error (self, rc, error);
    }
  return TRUE;
}

static gboolean
restart_session (SbStore  *self,
                 GError  **error)
{
  g_clear_pointer (&self->changes->session, sqlite3session_delete);
  return start_session (self, error);
}

static char *
get_value (SbStore    *self,
           const char *key)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, "SELECT value FROM exchange_replica WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = _sb_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
set_value (SbStore     *self,
           const char  *key,
           const char  *value,
           GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, "INSERT OR REPLACE INTO exchange_replica (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, key);
  _sb_bind_text (stmt, 2, value);
  return _sb_store_step_done (self, stmt, error);
}

gboolean
_sb_store_changes_mark_history (SbStore  *self,
                                GError  **error)
{
  g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           _sb_store_pragma_int (self, "SELECT coalesce (max (id), 0) FROM history", NULL));

  return set_value (self, "history-logged", last, error);
}

/* At open: a replica resumes recording. A file that never joined has no
 * exchange_replica table and costs this one look at the schema. */
gboolean
_sb_store_changes_resume (SbStore  *self,
                          GError  **error)
{
  g_autofree char *id = NULL;

  if (self->read_only || _sb_store_pragma_int (self,
        "SELECT count(*) FROM sqlite_master WHERE name = 'exchange_replica'", NULL) != 1 ||
      (id = get_value (self, "id")) == NULL)
    return TRUE;
  self->changes = g_new0 (SbStoreChanges, 1);
  self->changes->replica_id = g_steal_pointer (&id);
  return start_session (self, error);
}

void
_sb_store_changes_stop (SbStore *self)
{
  if (self->changes == NULL)
    return;
  g_clear_pointer (&self->changes->session, sqlite3session_delete);
  g_free (self->changes->replica_id);
  g_clear_pointer (&self->changes, g_free);
}

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

/* Inside the outermost transaction, before COMMIT: what it changed becomes the
 * next row of the log. Nothing is written when nothing replicated changed. */
gboolean
_sb_store_changes_log (SbStore  *self,
                       GError  **error)
{
  g_autofree char *logged = get_value (self, "history-logged");
  gint64 after = logged != NULL ? g_ascii_strtoll (logged, NULL, 10) : 0;
  gint64 last = after;
  g_autoptr(GBytes) history = NULL;
  g_autofree char *last_text = NULL;
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

      start_session (self, NULL);
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED, _("Could not use “%s”: %s."),
                   name, sqlite3_errstr (SQLITE_NOMEM));
      return FALSE;
    }
  if (sqlite3session_isempty (self->changes->session) &&
      _sb_store_pragma_int (self, "SELECT coalesce (max (id), 0) FROM history", NULL) <= after)
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
  stmt = _sb_store_prepare (self, "INSERT INTO exchange_log (at, changeset, history) "
                                  "VALUES (sb_now (), ?, ?)", error);
  if (stmt == NULL)
    {
      sqlite3_free (changeset);
      return FALSE;
    }
  sqlite3_bind_blob (stmt, 1, changeset != NULL ? changeset : "", n_changeset, sqlite3_free);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (history, NULL), g_bytes_get_size (history),
                     SQLITE_TRANSIENT);
  last_text = g_strdup_printf ("%" G_GINT64_FORMAT, last);
  return _sb_store_step_done (self, stmt, error) &&
         set_value (self, "history-logged", last_text, error);
}

/* After COMMIT or ROLLBACK: the next transaction starts a new changeset. */
void
_sb_store_changes_reset (SbStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!restart_session (self, &error))
    g_warning ("Could not record the next changes: %s", error->message);
}

/**
 * sb_store_join_exchange:
 *
 * Makes the campaign file a replica of its campaign: gives it an identity of its
 * own and records its changes from now on. A file copied from a replica becomes a
 * new replica: it forgets the log it was copied with and remembers that it holds
 * every change of that log, so that they are never applied to it again.
 */
gboolean
sb_store_join_exchange (SbStore  *self,
                        GError  **error)
{
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = g_uuid_string_random ();

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!sb_store_begin (self, error))
    return FALSE;
  if (!_sb_store_exec (self, exchange_schema, error))
    goto failed;
  old_id = get_value (self, "id");
  if (old_id != NULL)
    {
      sqlite3_stmt *stmt = _sb_store_prepare (self,
        "INSERT INTO exchange_received (origin, seq) "
        "SELECT ?, coalesce (max (seq), 0) FROM exchange_log WHERE true "
        "ON CONFLICT (origin) DO UPDATE SET seq = max (seq, excluded.seq)", error);

      if (stmt == NULL)
        goto failed;
      _sb_bind_text (stmt, 1, old_id);
      if (!_sb_store_step_done (self, stmt, error) ||
          !_sb_store_exec (self, "DELETE FROM exchange_log", error))
        goto failed;
    }
  if (!set_value (self, "id", new_id, error) || !_sb_store_changes_mark_history (self, error))
    goto failed;
  /* Before the commit: joining is not a change to ship. */
  _sb_store_changes_stop (self);
  if (!sb_store_commit (self, error))
    return FALSE;
  return _sb_store_changes_resume (self, error);

failed:
  sb_store_rollback (self);
  return FALSE;
}

/**
 * sb_store_get_replica_id:
 * Returns: (nullable): this replica's identity, or %NULL when the campaign has not
 *   joined an exchange
 */
char *
sb_store_get_replica_id (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->changes != NULL ? g_strdup (self->changes->replica_id) : NULL;
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

  stmt = _sb_store_prepare (self, "SELECT seq, changeset, history FROM exchange_log "
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

/**
 * sb_store_get_received_seq:
 * Returns: the last change of @origin this replica holds, 0 for none
 */
gint64
sb_store_get_received_seq (SbStore    *self,
                           const char *origin)
{
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_return_val_if_fail (SB_IS_STORE (self), 0);
  if (self->changes == NULL ||
      (stmt = _sb_store_prepare (self, "SELECT seq FROM exchange_received WHERE origin = ?", NULL)) == NULL)
    return 0;
  _sb_bind_text (stmt, 1, origin);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}
