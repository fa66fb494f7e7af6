/* sb-store-bulk.c — a transaction that adds many new messages at once (an import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written one by one, each new message and each of its copies fires the triggers of
 * the history, the tallies and the search index (migrations/0001, 0007, 0008, 0012):
 * 19 trigger programs for a message with three copies (3 for the message, 4 for each
 * copy, and the history view's for each of the 4 history rows), 7.3 s of the 10.8 s
 * of a 100,000-row import. In a bulk transaction the triggers are off for the connection
 * (SQLITE_DBCONFIG_ENABLE_TRIGGER) and the store does their work itself:
 *
 * - the history: the same rows the triggers would write, in the same order, and
 *   grouped into entries by the same rule (history_insert in
 *   migrations/0012-history-entries.sql), written straight into its tables;
 * - the search index: the new messages wait for it until the commit, as they do
 *   in any transaction (sb_fts_defer () in sb-store.c);
 * - the tallies: counted in memory by the rules of the insert triggers of
 *   migrations/0007-tallies.sql and 0001's copy tallies, and added at the commit.
 *
 * The tables' CHECK constraints are off too (set_bulk_writing ()).
 *
 * Only inserts of new messages, each followed by its new, undelivered copies,
 * belong in it: nothing updates or deletes a row while the triggers are off, and it
 * has no savepoints (what was counted could not be taken back). The session of a replica
 * (sb-store-changes.c) records the rows as always: it does not use triggers.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"

struct _SbStoreBulk
{
  GHashTable *kinds;         /* "entity\037rest" → history_kinds.code (field empty) */
  char       *entry_at;      /* the last entry written: its moment (as kept:
                              * entry_seconds when entry_packed)… */
  gint64      entry_seconds;
  gboolean    entry_packed;
  char       *entry_operator; /* …operator… */
  char       *entry_subject; /* …and subject */
  GHashTable *tallies;       /* "kind\037key\037day" → n, for the table tallies */
  GHashTable *copy_tallies;  /* "detainee\037state" → n */
  char       *message_id;    /* the last new message: its id… */
  char       *message_day;   /* …the day its copies count on… */
  gboolean    message_counts; /* …whether it counts, and… */
  gboolean    message_held;  /* …whether it is held */
};

static void
bulk_free (SbStoreBulk *bulk)
{
  g_hash_table_unref (bulk->kinds);
  g_hash_table_unref (bulk->tallies);
  g_hash_table_unref (bulk->copy_tallies);
  g_free (bulk->message_id);
  g_free (bulk->message_day);
  g_free (bulk->entry_at);
  g_free (bulk->entry_operator);
  g_free (bulk->entry_subject);
  g_free (bulk);
}

/* The triggers, and the tables' CHECK constraints, off while a bulk writes: it
 * writes only messages core has checked (sb_message_intake_check ()) and new copies
 * in the state "pending". A CHECK of an IN list of three values or more makes and
 * drops a temporary B-tree at every row (about 5 µs; a message and its copies check
 * six of them). */
static void
set_bulk_writing (SbStore  *self,
                  gboolean  bulk)
{
  g_autoptr(GError) error = NULL;
  int now;

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, bulk ? 0 : 1, &now);
  if (!_sb_store_exec (self, bulk ? "PRAGMA ignore_check_constraints = ON"
                                  : "PRAGMA ignore_check_constraints = OFF", &error))
    g_warning ("Could not turn the campaign's CHECK constraints %s: %s",
               bulk ? "off" : "back on", error->message);
}

/* The entry the next change may belong to, as history_insert decides it. */
static gboolean
remember_last_entry (SbStore  *self,
                     GError  **error)
{
  SbStoreBulk *bulk = self->bulk;
  sqlite3_stmt *stmt = _sb_store_prepare (self,
                                          "SELECT at, operator, subject FROM history_entries "
                                          "ORDER BY id DESC LIMIT 1",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      bulk->entry_at = _sb_column_moment (stmt, 0);
      bulk->entry_packed = _sb_pack_moment (bulk->entry_at, &bulk->entry_seconds);
      bulk->entry_operator = _sb_column_dup (stmt, 1);
      bulk->entry_subject = _sb_column_id (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  _sb_store_set_error (self, rc, error);
  return FALSE;
}

/**
 * sb_store_begin_bulk:
 *
 * Begins a transaction, as sb_store_begin() does, in which the only changes are new
 * messages and their new copies, many of them (see above). It ends with
 * sb_store_commit() or sb_store_rollback(), like any other.
 */
gboolean
sb_store_begin_bulk (SbStore  *self,
                     GError  **error)
{
  SbStoreBulk *bulk;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!sb_store_begin (self, error))
    return FALSE;
  bulk = g_new0 (SbStoreBulk, 1);
  bulk->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bulk->tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bulk->copy_tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bulk = bulk;
  set_bulk_writing (self, TRUE);
  if (remember_last_entry (self, error))
    return TRUE;
  sb_store_rollback (self);
  return FALSE;
}

/* The code of a kind of history row, made the first time it is needed. */
static gint64
kind_code (SbStore     *self,
           const char  *entity,
           const char  *rest,
           GError     **error)
{
  g_autofree char *name = g_strconcat (entity, "\037", rest, NULL);
  sqlite3_stmt *stmt;
  gint64 code;
  int rc;

  code = GPOINTER_TO_SIZE (g_hash_table_lookup (self->bulk->kinds, name));
  if (code > 0)
    return code;
  stmt = _sb_store_prepare (self,
                            "SELECT code FROM history_kinds "
                            "WHERE entity = ?1 AND rest = ?2 AND field = ''",
                            error);
  if (stmt == NULL)
    return 0;
  _sb_bind_text (stmt, 1, entity);
  _sb_bind_text (stmt, 2, rest);
  rc = sqlite3_step (stmt);
  code = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return 0;
    }
  if (code == 0)
    {
      stmt = _sb_store_prepare (self,
                                "INSERT INTO history_kinds (entity, rest, field) VALUES (?1, ?2, '')",
                                error);
      if (stmt == NULL)
        return 0;
      _sb_bind_text (stmt, 1, entity);
      _sb_bind_text (stmt, 2, rest);
      if (!_sb_store_step_done (self, stmt, error))
        return 0;
      code = sqlite3_last_insert_rowid (self->db);
    }
  g_hash_table_insert (self->bulk->kinds, g_steal_pointer (&name), GSIZE_TO_POINTER (code));
  return code;
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* A new entry when the moment, the operator or the subject is not the last one's. */
static gboolean
write_entry (SbStore     *self,
             gint64       id,
             const char  *subject,
             GError     **error)
{
  SbStoreBulk *bulk = self->bulk;
  const char *at = _sb_store_now (self);
  const char *operator = self->operator_name ? self->operator_name : "";
  gboolean same_moment = g_strcmp0 (bulk->entry_at, at) == 0;
  gint64 seconds = bulk->entry_seconds;
  gboolean packed = bulk->entry_packed;
  sqlite3_stmt *stmt;

  if (same_moment && g_strcmp0 (bulk->entry_operator, operator) == 0 &&
      g_strcmp0 (bulk->entry_subject, subject) == 0)
    return TRUE;
  /* Packed once a second, not once an entry. */
  if (!same_moment)
    packed = _sb_pack_moment (at, &seconds);
  stmt = _sb_store_prepare (self,
                            "INSERT INTO history_entries (id, at, operator, subject) "
                            "VALUES (?1, ?2, ?3, ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (packed)
    sqlite3_bind_int64 (stmt, 2, seconds);
  else
    _sb_bind_text (stmt, 2, at);
  _sb_bind_text (stmt, 3, operator);
  _sb_bind_id (stmt, 4, subject);
  if (!_sb_store_step_done (self, stmt, error))
    return FALSE;
  set_str (&bulk->entry_at, at);
  bulk->entry_seconds = seconds;
  bulk->entry_packed = packed;
  set_str (&bulk->entry_operator, operator);
  set_str (&bulk->entry_subject, subject);
  return TRUE;
}

/* The history row of a new record: entity, "subject" or "subject:detainee", no
 * field, nothing before, @after after. */
static gboolean
write_history (SbStore     *self,
               const char  *entity,
               const char  *subject,
               const char  *rest,
               const char  *after,
               GError     **error)
{
  gint64 kind = kind_code (self, entity, rest, error);
  sqlite3_stmt *stmt;

  if (kind == 0)
    return FALSE;
  stmt = _sb_store_prepare (self,
                            "INSERT INTO history_changes (kind, before, after) VALUES (?1, NULL, ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kind);
  _sb_bind_text (stmt, 2, after);
  return _sb_store_step_done (self, stmt, error) &&
         write_entry (self, sqlite3_last_insert_rowid (self->db), subject, error);
}

/* One more in @table under the parts of its key (NULL-terminated). */
static void
tally (GHashTable *table,
       ...)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *part;
  gpointer n;
  va_list args;

  va_start (args, table);
  while ((part = va_arg (args, const char *)) != NULL)
    {
      g_string_append (name, part);
      g_string_append_c (name, '\037');
    }
  va_end (args);
  /* A count is never 0, so NULL is "not counted yet"; an insert under a key already
   * there frees the new copy of it. */
  n = g_hash_table_lookup (table, name->str);
  g_hash_table_insert (table, g_string_free (g_steal_pointer (&name), FALSE),
                       GSIZE_TO_POINTER (GPOINTER_TO_SIZE (n) + 1));
}

/* What the insert triggers of a new message do. A new message has no delivery day
 * yet (sb_store_insert_message() does not write one). */
gboolean
_sb_store_bulk_add_message (SbStore          *self,
                            gint64            rowid,
                            const SbMessage  *message,
                            GError          **error)
{
  SbStoreBulk *bulk = self->bulk;
  const char *day = message->received_on;

  /* Which message the next copies belong to, as their tally rules need it. */
  set_str (&bulk->message_id, message->id);
  set_str (&bulk->message_day, day);
  bulk->message_counts = !g_str_equal (message->status, "deleted") && message->duplicate_of == NULL;
  bulk->message_held = g_str_equal (message->status, "held");
  if (bulk->message_counts)
    {
      g_autofree char *received = g_strconcat ("received:", message->status, NULL);

      tally (bulk->tallies, received, "", day, NULL);
      if (!bulk->message_held)
        {
          g_autofree char *country = g_ascii_strup (message->sender_country, -1);

          tally (bulk->tallies, "country", country, day, NULL);
          tally (bulk->tallies, "office", message->office_id ? message->office_id : "", day, NULL);
          tally (bulk->tallies, "language", message->language, day, NULL);
        }
    }
  _sb_store_defer_search (self, rowid);
  return write_history (self, "message", message->id, "", message->ref, error);
}

/* What the insert triggers of a new, undelivered copy do; it follows its message. */
gboolean
_sb_store_bulk_add_copy (SbStore       *self,
                         const SbCopy  *copy,
                         GError       **error)
{
  SbStoreBulk *bulk = self->bulk;
  g_autofree char *rest = g_strconcat (":", copy->detainee_id, NULL);

  g_return_val_if_fail (copy->delivered_on == NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (bulk->message_id, copy->message_id) == 0, FALSE);

  tally (bulk->copy_tallies, copy->detainee_id, copy->state, NULL);
  if (bulk->message_counts)
    {
      g_autofree char *kind = g_strconcat (bulk->message_held ? "held-copies:" : "copies:",
                                           copy->state, NULL);

      tally (bulk->tallies, kind, copy->detainee_id, bulk->message_day, NULL);
    }
  /* The detainee's id is the kind's: the change holds '' for it
   * (migrations/0014-leaner-rows.sql). */
  return write_history (self, "copy", copy->message_id, rest, "", error);
}

/* Adds what was counted to one of the tables of figures. */
static gboolean
add_tallies (SbStore     *self,
             GHashTable  *counted,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);
  GHashTableIter iter;
  gpointer name, n;

  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, counted);
  while (g_hash_table_iter_next (&iter, &name, &n))
    {
      g_auto(GStrv) parts = g_strsplit (name, "\037", -1);

      for (guint i = 0; parts[i + 1] != NULL; i++)
        _sb_bind_text (stmt, i + 1, parts[i]);
      sqlite3_bind_int64 (stmt, g_strv_length (parts), GPOINTER_TO_SIZE (n));
      if (!_sb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Before the commit: the triggers back on, what was counted added. */
gboolean
_sb_store_bulk_finish (SbStore  *self,
                       GError  **error)
{
  gboolean ok;

  set_bulk_writing (self, FALSE);
  ok = add_tallies (self, self->bulk->tallies,
                    "INSERT INTO tallies (kind, key, day, n) VALUES (?1, ?2, ?3, ?4) "
                    "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                    error) &&
       add_tallies (self, self->bulk->copy_tallies,
                    "INSERT INTO copy_tallies (detainee_id, state, n) VALUES (?1, ?2, ?3) "
                    "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                    error);
  g_clear_pointer (&self->bulk, bulk_free);
  return ok;
}

/* After the transaction is rolled back: the triggers back on. */
void
_sb_store_bulk_forget (SbStore *self)
{
  set_bulk_writing (self, FALSE);
  g_clear_pointer (&self->bulk, bulk_free);
}
