/* sb-store-changes.c — a replica: joining, its identity, the session that records
 * its changes (the log: sb-store-changes-log.c; applying another replica's:
 * sb-store-changes-apply.c)
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
 * triggers fire on the applied rows; the history takes nothing from them while
 * sb_exchange_replaying () (migrations/0012-history-entries.sql), and the
 * shipped rows are inserted instead.
 * The receiver's other triggers (tallies, copy tallies, the search index, a
 * message's delivery day) run on the applied rows and keep the derived data.
 */

#define G_LOG_DOMAIN "sb-store"

/* The session API is declared only with these (Debian's libsqlite3 has it). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include "sb-store-changes-private.h"

/* What a session records and a changeset may touch. Not: settings (the office
 * code and as-of day are the replica's own, docs/exchange.md), ref_counters,
 * sort_keys, the derived tables, history (above), the exchange's own tables. */
static const char *const replicated_tables[] = {
  "facilities", "detainees", "offices", "reasons", "milestones",
  "messages", "scans", "copies", "batches", "batch_items", "replicas",
};

/**
 * sb_store_get_replicated_tables:
 *
 * Returns: the tables whose changes travel between offices, parents first
 */
const char *const *
sb_store_get_replicated_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (replicated_tables);
  return replicated_tables;
}

static const char exchange_schema[] =
  "CREATE TABLE IF NOT EXISTS exchange_replica ("
  "  key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS exchange_log ("
  "  seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
  "  changeset BLOB NOT NULL, history BLOB NOT NULL,"
  "  clock TEXT NOT NULL DEFAULT '', seen TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE IF NOT EXISTS exchange_received ("
  "  origin TEXT PRIMARY KEY, seq INTEGER NOT NULL, at TEXT) WITHOUT ROWID;"
  /* Replicated: every replica of the campaign, with the key that signs its
   * bundles (docs/exchange.md, "Where the keys live"). */
  "CREATE TABLE IF NOT EXISTS replicas ("
  "  id TEXT PRIMARY KEY NOT NULL, office_id TEXT, office_code TEXT NOT NULL,"
  "  letter TEXT NOT NULL, public_key BLOB NOT NULL, joined_at TEXT NOT NULL);";

void
sb_change_free (SbChange *change)
{
  if (change == NULL)
    return;
  g_free (change->origin);
  g_clear_pointer (&change->changeset, g_bytes_unref);
  g_clear_pointer (&change->history, g_bytes_unref);
  g_free (change->clock);
  g_free (change->seen);
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

gboolean
_sb_store_changes_start_session (SbStore  *self,
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
  return _sb_store_changes_start_session (self, error);
}

char *
_sb_store_changes_get_value (SbStore    *self,
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

gboolean
_sb_store_changes_set_value (SbStore     *self,
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
                                           _sb_store_pragma_int (self, SB_HISTORY_LAST_ID, NULL));

  return _sb_store_changes_set_value (self, "history-logged", last, error);
}

/* At open: a replica resumes recording. A file that never joined has no
 * exchange_replica table and costs this one look at the schema. */
gboolean
_sb_store_changes_resume (SbStore  *self,
                          GError  **error)
{
  g_autofree char *id = NULL;

  if (_sb_store_pragma_int (self,
        "SELECT count(*) FROM sqlite_master WHERE name = 'exchange_replica'", NULL) != 1 ||
      (id = _sb_store_changes_get_value (self, "id")) == NULL)
    return TRUE;
  self->changes = g_new0 (SbStoreChanges, 1);
  self->changes->replica_id = g_steal_pointer (&id);
  /* Read-only, it is a replica to look at (its status), never to record. */
  return self->read_only ||
         (_sb_store_changes_create_clocks (self, error) &&
          _sb_store_changes_start_session (self, error));
}

void
_sb_store_changes_stop (SbStore *self)
{
  if (self->changes == NULL)
    return;
  g_clear_pointer (&self->changes->session, sqlite3session_delete);
  g_free (self->changes->replica_id);
  g_clear_pointer (&self->changes->columns, g_hash_table_unref);
  g_clear_pointer (&self->changes->erased_ids, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_free);
}

/* After COMMIT or ROLLBACK: the next transaction starts a new changeset. */
void
_sb_store_changes_reset (SbStore *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->changes->erased_ids, g_ptr_array_unref);
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
  return sb_store_join_exchange_as (self, NULL, error);
}

/**
 * sb_store_join_exchange_as:
 * @id: (nullable): the identity the replica gets (an invitation names it
 *   beforehand), or %NULL for a new one
 *
 * sb_store_join_exchange() with a given identity.
 */
gboolean
sb_store_join_exchange_as (SbStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = id != NULL ? g_strdup (id) : g_uuid_string_random ();

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!sb_store_begin (self, error))
    return FALSE;
  if (!_sb_store_exec (self, exchange_schema, error) ||
      !_sb_store_changes_create_clocks (self, error))
    goto failed;
  old_id = _sb_store_changes_get_value (self, "id");
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
  if (!_sb_store_changes_set_value (self, "id", new_id, error) || !_sb_store_changes_mark_history (self, error))
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

/**
 * sb_store_get_exchange_value:
 * @key: "letter", "campaign-id", "exchange-folder"… (docs/exchange.md)
 *
 * Returns: (nullable): a value of this replica's own state (never shipped), or
 *   %NULL when unset or the campaign is not a replica
 */
char *
sb_store_get_exchange_value (SbStore    *self,
                             const char *key)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->changes != NULL ? _sb_store_changes_get_value (self, key) : NULL;
}

/**
 * sb_store_set_exchange_value:
 * @value: (nullable): the new value, or %NULL to remove it
 *
 * Sets a value of this replica's own state, in its own transaction if none is open.
 */
gboolean
sb_store_set_exchange_value (SbStore     *self,
                             const char  *key,
                             const char  *value,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->changes != NULL, FALSE);

  if (value != NULL)
    return _sb_store_changes_set_value (self, key, value, error);
  stmt = _sb_store_prepare (self, "DELETE FROM exchange_replica WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, key);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_get_received:
 * @at: (out) (optional) (transfer full): when the last of them was applied here
 *
 * Returns: the last change of @origin this replica holds, 0 for none
 */
gint64
sb_store_get_received (SbStore     *self,
                       const char  *origin,
                       char       **at)
{
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  g_return_val_if_fail (SB_IS_STORE (self), 0);
  if (at != NULL)
    *at = NULL;
  if (self->changes == NULL ||
      (stmt = _sb_store_prepare (self, "SELECT seq, at FROM exchange_received WHERE origin = ?", NULL)) == NULL)
    return 0;
  _sb_bind_text (stmt, 1, origin);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0);
      if (at != NULL)
        *at = _sb_column_dup_or_null (stmt, 1);
    }
  sqlite3_reset (stmt);
  return seq;
}

/**
 * sb_store_get_last_change:
 * Returns: the number of this replica's last change, 0 for none
 */
gint64
sb_store_get_last_change (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), 0);
  if (self->changes == NULL)
    return 0;
  return _sb_store_pragma_int (self, "SELECT coalesce (max (seq), 0) FROM exchange_log", NULL);
}
