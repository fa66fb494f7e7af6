/* sb-store-conflicts.c — the conflicts to review: listed in the campaign's words,
 * resolved by keeping a value or taking the other one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts". The conflicts table (sb-store-changes-clock.c)
 * is the replica's own. Taking the other value is an ordinary edit of the field:
 * recorded in the history and in the replica's log, so it travels to the other
 * offices like any change, and wins there by its later clock.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sb-store-changes-private.h"
#include "sb-store-conflicts.h"

static const char *const editable_tables[] = {
  "facilities", "detainees", "offices", "reasons", "milestones",
  "messages", "scans", "copies", "batches", "batch_items",
};

/* A copy's batches are listed by id (a draft's code comes when it is sealed) and
 * shown by code, or by day for a draft; its addressee by id, shown by name
 * (docs/exchange.md, "Conflicts"). */
#define VALUE_NAMED(value) \
  "CASE c.field WHEN 'batch' THEN coalesce ((SELECT coalesce (code, created_on) " \
  "FROM batches WHERE id = " value "), " value ") WHEN 'addressee' THEN coalesce ((SELECT " \
  "name_en FROM detainees WHERE id = " value "), " value ") ELSE " value " END"

#define SELECT_CONFLICTS \
  "SELECT c.id, c.tbl, c.row_id, c.field, " \
  VALUE_NAMED ("c.kept") ", " VALUE_NAMED ("c.other") ", c.kept_clock, c.other_clock, " \
  "c.rule, c.at, coalesce (CASE c.tbl " \
  " WHEN 'messages' THEN (SELECT ref FROM messages WHERE id = c.row_id) " \
  " WHEN 'copies' THEN (SELECT m.ref || ' → ' || d.name_en FROM detainees d, messages m " \
  "   WHERE d.id = substr (c.row_id, 1, instr (c.row_id, char (31)) - 1) " \
  "     AND m.id = substr (c.row_id, instr (c.row_id, char (31)) + 1)) " \
  " WHEN 'batches' THEN (SELECT coalesce (code, created_on) FROM batches WHERE id = c.row_id) " \
  " WHEN 'batch_items' THEN (SELECT coalesce (b.code, b.created_on) || ' ' || m.ref " \
  "   FROM batch_items i JOIN batches b ON b.id = i.batch_id JOIN messages m ON m.id = i.message_id " \
  "   WHERE i.batch_id = substr (c.row_id, 1, instr (c.row_id, char (31)) - 1) " \
  "     AND i.batch_id || char (31) || i.detainee_id || char (31) || i.message_id = c.row_id) " \
  " WHEN 'detainees' THEN (SELECT name_en FROM detainees WHERE id = c.row_id) " \
  " WHEN 'facilities' THEN (SELECT name_en FROM facilities WHERE id = c.row_id) " \
  " WHEN 'offices' THEN (SELECT name FROM offices WHERE id = c.row_id) " \
  " WHEN 'reasons' THEN (SELECT label FROM reasons WHERE id = c.row_id) " \
  " END, c.row_id) FROM conflicts c "


/* A clock "WWWWWWWWWWWWW.CCCCCC.replica": its replica and its moment. */
static void
split_clock (const char  *clock,
             char       **replica,
             char       **at)
{
  g_auto(GStrv) parts = g_strsplit (clock != NULL ? clock : "", ".", 3);
  gint64 ms;

  if (g_strv_length (parts) < 3)
    {
      *replica = g_strdup ("");
      *at = g_strdup ("");
      return;
    }
  ms = g_ascii_strtoll (parts[0], NULL, 10);
  *replica = g_strdup (parts[2]);
  {
    g_autoptr(GDateTime) moment = g_date_time_new_from_unix_utc (ms / 1000);

    *at = moment != NULL ? g_date_time_format (moment, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
  }
}

static SbConflict *
read_conflict (sqlite3_stmt *stmt)
{
  SbConflict *conflict = g_new0 (SbConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->table = _sb_column_dup (stmt, 1);
  conflict->row_id = _sb_column_dup (stmt, 2);
  conflict->field = _sb_column_dup (stmt, 3);
  conflict->kept = _sb_column_dup_or_null (stmt, 4);
  conflict->other = _sb_column_dup_or_null (stmt, 5);
  split_clock ((const char *) sqlite3_column_text (stmt, 6), &conflict->kept_replica, &conflict->kept_at);
  split_clock ((const char *) sqlite3_column_text (stmt, 7), &conflict->other_replica, &conflict->other_at);
  conflict->rule = _sb_column_dup (stmt, 8);
  conflict->noticed_at = _sb_column_dup (stmt, 9);
  conflict->about = _sb_column_dup (stmt, 10);
  return conflict;
}

/* Only a replica has the table; a campaign opened read-only has no exchange state
 * loaded but may have the table. */
static gboolean
has_conflicts_table (SbStore *self)
{
  return _sb_store_pragma_int (self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                     "AND name = 'conflicts'", NULL) == 1;
}

/* Erasing a sender (sb-store-erasure.c): their values lost in conflicts go too. */
gboolean
_sb_store_conflicts_erase_sender (SbStore     *self,
                                  const char  *message_id,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (!has_conflicts_table (self))
    return TRUE;
  stmt = _sb_store_prepare (self,
    "UPDATE conflicts SET "
    "kept = CASE WHEN coalesce (kept, '') = '' THEN kept ELSE '" SB_STORE_ERASED "' END, "
    "other = CASE WHEN coalesce (other, '') = '' THEN other ELSE '" SB_STORE_ERASED "' END "
    "WHERE tbl = 'messages' AND row_id = ? "
    "AND field IN ('sender_name', 'sender_city', 'sender_contact')", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_get_own_replica:
 * Returns: (nullable): this replica's identity, also when the file is open
 *   read-only (sb_store_get_replica_id() knows it only when recording)
 */
char *
sb_store_get_own_replica (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  if (self->changes != NULL)
    return g_strdup (self->changes->replica_id);
  if (_sb_store_pragma_int (self, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                  "AND name = 'exchange_replica'", NULL) != 1)
    return NULL;
  return _sb_store_changes_get_value (self, "id");
}

/**
 * sb_store_list_conflicts:
 * Returns: (element-type SbConflict): the conflicts to review, oldest first; empty
 *   for a campaign that never joined an exchange
 */
GPtrArray *
sb_store_list_conflicts (SbStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  if (!has_conflicts_table (self))
    return g_steal_pointer (&conflicts);
  stmt = _sb_store_prepare (self, SELECT_CONFLICTS "ORDER BY c.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, read_conflict (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/**
 * sb_store_get_conflict:
 * Returns: (nullable): the conflict, or %NULL with %SB_STORE_ERROR_NOT_FOUND
 */
SbConflict *
sb_store_get_conflict (SbStore  *self,
                       gint64    id,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  SbConflict *conflict = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  if (has_conflicts_table (self) &&
      (stmt = _sb_store_prepare (self, SELECT_CONFLICTS "WHERE c.id = ?", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        conflict = read_conflict (stmt);
      sqlite3_reset (stmt);
    }
  else if (has_conflicts_table (self))
    return NULL;
  if (conflict == NULL)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                 _("There is no conflict %lld to review. List them with “conflicts list”."),
                 (long long) id);
  return conflict;
}

static gboolean
take_other (SbStore     *self,
            SbConflict  *conflict,
            GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean known = FALSE;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (editable_tables); i++)
    known = known || strcmp (conflict->table, editable_tables[i]) == 0;
  if (known)
  {
    sqlite3_stmt *columns = _sb_store_prepare (self,
      "SELECT count(*) FROM pragma_table_info (?) WHERE name = ? AND pk = 0", error);

    if (columns == NULL)
      return FALSE;
    _sb_bind_text (columns, 1, conflict->table);
    _sb_bind_text (columns, 2, conflict->field);
    known = sqlite3_step (columns) == SQLITE_ROW && sqlite3_column_int (columns, 0) == 1;
    sqlite3_reset (columns);
  }
  if (!known)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The field “%s” of conflict %lld is not one this campaign has."),
                   conflict->field, (long long) conflict->id);
      return FALSE;
    }
  sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1 WHERE id = ?2", conflict->table,
                         conflict->field);
  rc = sqlite3_prepare_v2 (_sb_store_get_db (self), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  if (_sb_store_is_packed_column (conflict->table, conflict->field))
    _sb_bind_message_text (stmt, 1, conflict->other);
  else
    sqlite3_bind_text (stmt, 1, conflict->other, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, conflict->row_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error);
  if (sqlite3_changes (_sb_store_get_db (self)) == 0)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("%s was deleted; its other value cannot be taken. Keep this one, or "
                     "add the record again."), conflict->about);
      return FALSE;
    }
  if (strcmp (conflict->table, "messages") == 0)
    {
      stmt = _sb_store_prepare (self, "UPDATE messages SET updated_at = sb_now (), "
                                      "sender_sort_key = sb_collation_key (sender_name) WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      _sb_bind_text (stmt, 1, conflict->row_id);
      return _sb_store_step_done (self, stmt, error);
    }
  return TRUE;
}

/**
 * sb_store_resolve_conflict:
 * @take_other: write the value that lost over the one kept (an ordinary edit,
 *   which travels to the other offices); %FALSE keeps the value as it is
 *
 * Removes the conflict from the list, in one transaction with the edit.
 */
gboolean
sb_store_resolve_conflict (SbStore   *self,
                           gint64     id,
                           gboolean   take_other_value,
                           GError   **error)
{
  g_autoptr(SbConflict) conflict = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  if (!sb_store_begin (self, error))
    return FALSE;
  conflict = sb_store_get_conflict (self, id, error);
  if (conflict == NULL)
    goto failed;
  if (take_other_value && conflict->other == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The other office deleted %s; there is no other value to take."),
                   conflict->about);
      goto failed;
    }
  if (take_other_value && !take_other (self, conflict, error))
    goto failed;
  stmt = _sb_store_prepare (self, "DELETE FROM conflicts WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_sb_store_step_done (self, stmt, error))
    goto failed;
  return sb_store_commit (self, error);

failed:
  sb_store_rollback (self);
  return FALSE;
}
