/* sb-store-erasure.c — forgetting a sender, and leaving no trace in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The right to erasure against an append-only history: migrations/0006-sender-erasure.sql
 * lets exactly one kind of history row change, and only while sb_erasing (id) says
 * this code is erasing that message. Deleted bytes must leave the file too: SQLite
 * keeps freed cells and pages as they were unless secure_delete is on, the search
 * index keeps what it indexed until its segments are merged, and the write-ahead
 * log keeps the pages it wrote until a checkpoint.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"

/* sb_erasing (subject): is the store erasing this message's sender right now? The
 * subject as the history keeps it (src/store/sb-store-ids.c). */
static void
sql_erasing (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);
  g_autofree char *id = _sb_value_id (argv[0]);

  sqlite3_result_int (context, self->erasing_id != NULL && g_str_equal (self->erasing_id, id));
}

gboolean
_sb_store_register_erasure_functions (SbStore  *self,
                                      GError  **error)
{
  int rc = sqlite3_create_function (self->db, "sb_erasing", 1, SQLITE_UTF8, self, sql_erasing,
                                    NULL, NULL);

  return rc == SQLITE_OK || _sb_store_set_error (self, rc, error);
}

/* Replaces every past value of the sender's name, city and contact in the message's
 * history by %SB_STORE_ERASED: the one change migrations/0006-sender-erasure.sql lets
 * the history take. */
gboolean
_sb_store_erase_sender_history (SbStore     *self,
                                const char  *message_id,
                                GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = _sb_store_prepare (self,
                            "UPDATE history SET "
                            "before = CASE WHEN coalesce (before, '') = '' THEN before "
                            "ELSE '" SB_STORE_ERASED "' END, "
                            "after = CASE WHEN coalesce (after, '') = '' THEN after "
                            "ELSE '" SB_STORE_ERASED "' END "
                            "WHERE " SB_HISTORY_OF_ENTITY " AND entity = 'message' "
                            "AND field IN ('sender_name', 'sender_city', 'sender_contact') "
                            "AND (coalesce (before, '') NOT IN ('', '" SB_STORE_ERASED "') "
                            "OR coalesce (after, '') NOT IN ('', '" SB_STORE_ERASED "'))",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  _sb_store_changes_note_erasure (self, message_id);
  self->erasing_id = g_strdup (message_id);
  ok = _sb_store_step_done (self, stmt, error);
  g_clear_pointer (&self->erasing_id, g_free);
  return ok && _sb_store_conflicts_erase_sender (self, message_id, error);
}

/**
 * sb_store_sender_is_erased:
 * @erased: (out): whether the message's sender was erased (its history says so)
 */
gboolean
sb_store_sender_is_erased (SbStore     *self,
                           const char  *message_id,
                           gboolean    *erased,
                           GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "SELECT EXISTS (SELECT 1 FROM history WHERE " SB_HISTORY_OF_ENTITY " AND entity = 'message' "
    "AND field = 'sender_erased')", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _sb_store_set_error (self, rc, error);
  *erased = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * sb_store_set_secure_delete:
 * @secure: overwrite deleted content with zeros from now on
 *
 * Set before the transaction that deletes what must not stay in the file, and
 * reset after it: zeroing costs writes that everyday edits need not pay.
 */
gboolean
sb_store_set_secure_delete (SbStore   *self,
                            gboolean   secure,
                            GError   **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  return _sb_store_exec (self, secure ? "PRAGMA secure_delete = ON"
                                      : "PRAGMA secure_delete = OFF", error);
}

/**
 * sb_store_erase_sender:
 * @message_id: the message's id
 * @what: a short record of what was erased, kept in the history entry
 * @n_scans: (out) (optional): how many scans were removed
 *
 * Inside a transaction: empties the sender's name, city and contact (consent becomes
 * "none"), removes the message's scans (they show the sender's hand and address),
 * replaces every past value of those three fields in the message's history by
 * %SB_STORE_ERASED, and adds one history entry (field "sender_erased") saying who
 * erased it and when. The message, its text, country, copies and counts stay.
 */
gboolean
sb_store_erase_sender (SbStore     *self,
                       const char  *message_id,
                       const char  *what,
                       guint       *n_scans,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  stmt = _sb_store_prepare (self,
                            "UPDATE messages SET sender_name = '', sender_city = '', "
                            "sender_contact = '', consent = 'none', "
                            "sender_sort_key = sb_collation_key (''), "
                            "updated_at = sb_now () WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  if (!_sb_store_step_done (self, stmt, error))
    return FALSE;

  stmt = _sb_store_prepare (self, "DELETE FROM scans WHERE message_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  if (!_sb_store_step_done (self, stmt, error))
    return FALSE;
  if (n_scans != NULL)
    *n_scans = sqlite3_changes (self->db);

  /* The update above wrote rows with the old values too: they are erased here. */
  if (!_sb_store_erase_sender_history (self, message_id, error))
    return FALSE;

  stmt = _sb_store_prepare (self,
                            "INSERT INTO history (at, operator, entity, entity_id, field, "
                            "before, after) VALUES (sb_now (), sb_operator (), 'message', ?1, "
                            "'sender_erased', NULL, ?2)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text (stmt, 2, what);
  if (!_sb_store_step_done (self, stmt, error))
    return FALSE;

  /* The search index still holds the old key's pieces in its older segments until
   * they are merged: merge them all now, so the deleted entries are dropped. */
  return _sb_store_flush_search_index (self, error) &&
         _sb_store_exec (self, "INSERT INTO message_search (message_search) VALUES ('optimize')",
                         error) &&
         _sb_store_exec (self, "INSERT INTO message_chars (message_chars) VALUES ('optimize')",
                         error);
}

/**
 * sb_store_wipe_log:
 *
 * Copies the write-ahead log into the file and empties it, so that the pages it
 * held (old versions of erased rows among them) are gone from the disk's copy of
 * the campaign too. Another program still reading the file can keep the log from
 * being emptied: then it is done at the next close.
 *
 * Returns: %TRUE when the log is empty
 */
gboolean
sb_store_wipe_log (SbStore *self)
{
  int log = -1, copied = 0;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (self->read_only || self->depth > 0)
    return FALSE;
  if (sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &copied)
      != SQLITE_OK)
    return FALSE;
  return log == 0;
}
