/* sb-store-changes-clock.c — a replica's hybrid logical clock, and the clock that
 * last wrote each field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts". Each logged change carries a hybrid logical
 * clock: the wall time in milliseconds, a counter and the replica's identity,
 * written "WWWWWWWWWWWWW.CCCCCC.replica-id" so that comparing two clocks as text
 * is the rule: the later time wins, then the larger counter, then the larger
 * replica identity. Receiving a change moves the local clock past the change's.
 *
 * exchange_clocks remembers, for each row a change inserted ('' column) and each
 * field a change updated, the clock, the change's number and (for messages) what
 * its origin had received; the conflict rule (sb-store-changes-merge.c) reads it.
 * It is local and never shipped, like the conflicts table that lists what lost.
 * A message's status is decided from every write of it the replica has seen
 * (exchange_status), for the hold and deletion rules.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-store-changes-private.h"

static const char clocks_schema[] =
  "CREATE TABLE IF NOT EXISTS exchange_clocks ("
  "  tbl TEXT NOT NULL, pk TEXT NOT NULL, col TEXT NOT NULL, clock TEXT NOT NULL,"
  "  seq INTEGER NOT NULL, seen TEXT, PRIMARY KEY (tbl, pk, col)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS exchange_status ("
  "  message_id TEXT NOT NULL, clock TEXT NOT NULL, value TEXT NOT NULL, origin TEXT NOT NULL,"
  "  seq INTEGER NOT NULL, seen TEXT NOT NULL, PRIMARY KEY (message_id, clock)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS exchange_printed ("
  "  message_id TEXT NOT NULL, col TEXT NOT NULL, clock TEXT NOT NULL, value,"
  "  origin TEXT NOT NULL, seq INTEGER NOT NULL, seen TEXT NOT NULL,"
  "  PRIMARY KEY (message_id, col, clock)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS exchange_seals ("
  "  batch_id TEXT NOT NULL PRIMARY KEY, clock TEXT NOT NULL, origin TEXT NOT NULL,"
  "  seq INTEGER NOT NULL, seen TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS exchange_deleted_copies ("
  "  detainee_id TEXT NOT NULL, message_id TEXT NOT NULL, state TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL, outcome_reason TEXT NOT NULL, delivered_on TEXT, old_id TEXT,"
  "  clock TEXT NOT NULL DEFAULT '', seq INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (detainee_id, message_id)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS conflicts ("
  "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL,"
  "  field TEXT NOT NULL, kept TEXT, kept_clock TEXT NOT NULL, other TEXT,"
  "  other_clock TEXT NOT NULL, rule TEXT NOT NULL);";

gboolean
_sb_store_changes_create_clocks (SbStore  *self,
                                 GError  **error)
{
  if (!_sb_store_exec (self, clocks_schema, error))
    return FALSE;
  /* A replica joined before clocks existed (5 December 2026, same day). */
  if (_sb_store_pragma_int (self, "SELECT count(*) FROM pragma_table_info ('exchange_log') "
                                  "WHERE name = 'clock'", NULL) == 0 &&
      !_sb_store_exec (self, "ALTER TABLE exchange_log ADD COLUMN clock TEXT NOT NULL DEFAULT '';"
                             "ALTER TABLE exchange_log ADD COLUMN seen TEXT NOT NULL DEFAULT '';",
                       error))
    return FALSE;
  /* Deleted copies kept before their deletion’s clock was (6 December 2026): an add
   * is taken to have seen them. */
  if (_sb_store_pragma_int (self, "SELECT count(*) FROM pragma_table_info "
                                  "('exchange_deleted_copies') WHERE name = 'clock'", NULL) == 0 &&
      !_sb_store_exec (self, "ALTER TABLE exchange_deleted_copies ADD COLUMN clock TEXT "
                             "NOT NULL DEFAULT ''", error))
    return FALSE;
  if (_sb_store_pragma_int (self, "SELECT count(*) FROM pragma_table_info "
                                  "('exchange_deleted_copies') WHERE name = 'seq'", NULL) == 0)
    return _sb_store_exec (self, "ALTER TABLE exchange_deleted_copies ADD COLUMN seq INTEGER "
                                 "NOT NULL DEFAULT 0", error);
  return TRUE;
}

static gint64
wall_ms (SbStore *self)
{
  if (self->fixed_now != NULL)
    {
      g_autoptr(GDateTime) fixed = g_date_time_new_from_iso8601 (self->fixed_now, NULL);

      if (fixed != NULL)
        return g_date_time_to_unix (fixed) * 1000;
    }
  return g_get_real_time () / 1000;
}

static void
parse_clock (const char *text,
             gint64     *wall,
             gint64     *counter)
{
  char *end = NULL;

  *wall = 0;
  *counter = 0;
  if (text == NULL)
    return;
  *wall = g_ascii_strtoll (text, &end, 10);
  if (end != NULL && *end == '.')
    *counter = g_ascii_strtoll (end + 1, NULL, 10);
}

/* The next clock of this replica: for a change it makes (@received NULL), or
 * after receiving one stamped @received. */
char *
_sb_store_changes_tick (SbStore     *self,
                        const char  *received,
                        GError     **error)
{
  g_autofree char *stored = _sb_store_changes_get_value (self, "clock");
  g_autofree char *state = NULL;
  gint64 wall, counter, r_wall, r_counter, now = wall_ms (self), next;

  parse_clock (stored, &wall, &counter);
  parse_clock (received, &r_wall, &r_counter);
  next = MAX (MAX (wall, r_wall), now);
  if (next == wall && next == r_wall)
    counter = MAX (counter, r_counter) + 1;
  else if (next == wall)
    counter = counter + 1;
  else if (next == r_wall)
    counter = r_counter + 1;
  else
    counter = 0;
  state = g_strdup_printf ("%013" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT, next, counter);
  if (!_sb_store_changes_set_value (self, "clock", state, error))
    return NULL;
  return g_strdup_printf ("%s.%s", state, self->changes->replica_id);
}

/* What this replica had received, "origin=seq;…" by origin. */
char *
_sb_store_changes_seen (SbStore *self)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, "SELECT origin, seq FROM exchange_received ORDER BY origin", NULL);
  GString *seen = g_string_new (NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (seen, "%s=%" G_GINT64_FORMAT ";", sqlite3_column_text (stmt, 0),
                            (gint64) sqlite3_column_int64 (stmt, 1));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return g_string_free (seen, FALSE);
}

/* The names of @table's columns, in the order of a changeset's (cached). */
const char *const *
_sb_store_changes_columns (SbStore    *self,
                           const char *table,
                           int         n_columns)
{
  GStrv columns;

  if (self->changes->columns == NULL)
    self->changes->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) g_strfreev);
  columns = g_hash_table_lookup (self->changes->columns, table);
  if (columns == NULL)
    {
      sqlite3_stmt *stmt = _sb_store_prepare (self, "SELECT name FROM pragma_table_info (?) ORDER BY cid", NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (stmt == NULL)
        return NULL;
      _sb_bind_text (stmt, 1, table);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      columns = g_strv_builder_end (builder);
      g_hash_table_insert (self->changes->columns, g_strdup (table), columns);
    }
  return g_strv_length (columns) == (guint) n_columns ? (const char *const *) columns : NULL;
}

/* A row's primary key as text: its values, joined by U+001F when more than one. */
char *
_sb_store_changes_pk_text (sqlite3_changeset_iter *iter,
                           gboolean                 use_old)
{
  GString *text = g_string_new (NULL);
  unsigned char *pk = NULL;
  int n_columns = 0;

  sqlite3changeset_pk (iter, &pk, &n_columns);
  for (int i = 0; i < n_columns; i++)
    if (pk[i])
      {
        sqlite3_value *value = NULL;

        if (use_old)
          sqlite3changeset_old (iter, i, &value);
        else
          sqlite3changeset_new (iter, i, &value);
        if (text->len > 0)
          g_string_append_c (text, '\x1f');
        if (value != NULL && sqlite3_value_text (value) != NULL)
          g_string_append (text, (const char *) sqlite3_value_text (value));
      }
  return g_string_free (text, FALSE);
}

gboolean
_sb_store_changes_set_clock (SbStore     *self,
                             const char  *table,
                             const char  *pk,
                             const char  *column,
                             const char  *clock,
                             gint64       seq,
                             const char  *seen,
                             GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "INSERT OR REPLACE INTO exchange_clocks (tbl, pk, col, clock, seq, seen) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, table);
  _sb_bind_text (stmt, 2, pk);
  _sb_bind_text (stmt, 3, column);
  _sb_bind_text (stmt, 4, clock != NULL ? clock : "");
  sqlite3_bind_int64 (stmt, 5, seq);
  /* Only a message's status needs what its writer had seen (the hold rule). */
  if (seen != NULL && strcmp (table, "messages") == 0 &&
      (*column == '\0' || strcmp (column, "status") == 0))
    _sb_bind_text (stmt, 6, seen);
  return _sb_store_step_done (self, stmt, error);
}

/* A row inserted: its clock is the row's, the fields' older clocks go. */
gboolean
_sb_store_changes_forget_row (SbStore     *self,
                              const char  *table,
                              const char  *pk,
                              GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, "DELETE FROM exchange_clocks WHERE tbl = ? AND pk = ?", error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, table);
  _sb_bind_text (stmt, 2, pk);
  return _sb_store_step_done (self, stmt, error);
}

/* A write of a message's status, by the change (@origin, @seq) stamped @clock. */
gboolean
_sb_store_changes_add_status (SbStore     *self,
                              const char  *message_id,
                              const char  *value,
                              const char  *clock,
                              const char  *origin,
                              gint64       seq,
                              const char  *seen,
                              GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "INSERT OR REPLACE INTO exchange_status (message_id, clock, value, origin, seq, seen) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text (stmt, 2, clock != NULL ? clock : "");
  _sb_bind_text (stmt, 3, value != NULL ? value : "");
  _sb_bind_text (stmt, 4, origin);
  sqlite3_bind_int64 (stmt, 5, seq);
  _sb_bind_text (stmt, 6, seen != NULL ? seen : "");
  return _sb_store_step_done (self, stmt, error);
}

static gboolean
stamp_status (SbStore                *self,
              sqlite3_changeset_iter *iter,
              const char *const      *columns,
              int                     n_columns,
              const char             *pk,
              const char             *clock,
              gint64                  seq,
              const char             *seen,
              GError                **error)
{
  for (int i = 0; columns != NULL && i < n_columns; i++)
    {
      sqlite3_value *value = NULL;

      if (strcmp (columns[i], "status") == 0 &&
          sqlite3changeset_new (iter, i, &value) == SQLITE_OK && value != NULL)
        return _sb_store_changes_add_status (self, pk, (const char *) sqlite3_value_text (value),
                                             clock, self->changes->replica_id, seq, seen, error);
    }
  return TRUE;
}

/* After a local commit: each field the changeset wrote now has @clock. */
gboolean
_sb_store_changes_stamp (SbStore     *self,
                         const char  *clock,
                         gint64       seq,
                         const char  *seen,
                         const void  *changeset,
                         int          n_changeset,
                         GError     **error)
{
  sqlite3_changeset_iter *iter = NULL;
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  int rc;

  if (n_changeset == 0)
    return TRUE;
  rc = sqlite3changeset_start (&iter, n_changeset, (void *) changeset);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  while (ok && sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_columns, op, indirect;
      g_autofree char *pk = NULL;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
      pk = _sb_store_changes_pk_text (iter, op != SQLITE_INSERT);
      if (strcmp (table, "batches") == 0 && op == SQLITE_UPDATE)
        g_ptr_array_add (batches, g_strdup (pk));
      if (strcmp (table, "messages") == 0 && op != SQLITE_DELETE)
        ok = stamp_status (self, iter, _sb_store_changes_columns (self, table, n_columns),
                           n_columns, pk, clock, seq, seen, error);
      if (ok && op == SQLITE_DELETE && strcmp (table, "copies") == 0)
        ok = _sb_merge_keep_deleted_copy (self, iter, clock, seq, error);
      ok = ok && _sb_store_changes_note_write (self, iter, table, op, pk, clock,
                                               self->changes->replica_id, seq, seen, NULL, error);
      if (ok && op != SQLITE_UPDATE)
        ok = _sb_store_changes_forget_row (self, table, pk, error);
      if (ok && op == SQLITE_INSERT)
        ok = _sb_store_changes_set_clock (self, table, pk, "", clock, seq, seen, error);
      else if (ok && op == SQLITE_UPDATE)
        {
          const char *const *columns = _sb_store_changes_columns (self, table, n_columns);

          for (int i = 0; ok && columns != NULL && i < n_columns; i++)
            {
              sqlite3_value *value = NULL;

              if (sqlite3changeset_new (iter, i, &value) == SQLITE_OK && value != NULL)
                ok = _sb_store_changes_set_clock (self, table, pk, columns[i], clock, seq, seen, error);
            }
        }
    }
  rc = sqlite3changeset_finalize (iter);
  if (ok && rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  for (guint i = 0; ok && i < batches->len; i++)
    ok = _sb_merge_list_sealed (self, batches->pdata[i], error);
  return ok;
}

/* Causal order: a change is applied only after every change its origin had
 * received when it was made. Returns the first origin still behind, or NULL. */
char *
_sb_store_changes_missing (SbStore    *self,
                           const char *seen,
                           gint64     *wanted,
                           gint64     *held)
{
  g_auto(GStrv) entries = g_strsplit (seen != NULL ? seen : "", ";", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *equals = strchr (entries[i], '=');
      gint64 seq;

      if (equals == NULL)
        continue;
      *equals = '\0';
      seq = g_ascii_strtoll (equals + 1, NULL, 10);
      /* Its own changes that another office had received: a restored backup
       * takes them back from the folder first (sb_store_take_own_changes ()). */
      *held = strcmp (entries[i], self->changes->replica_id) == 0
              ? sb_store_get_last_change (self)
              : sb_store_get_received_seq (self, entries[i]);
      if (*held < seq)
        {
          *wanted = seq;
          return g_strdup (entries[i]);
        }
    }
  return NULL;
}
