/* sb-store-messages.c — messages, their copies, search and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-store-private.h"

/* ------------------------------------------------------------------------ */
/* Reference codes                                                          */
/* ------------------------------------------------------------------------ */

/**
 * sb_store_next_sequence:
 * @prefix: an office code
 *
 * Takes the next number of the references that start with @prefix. Call inside the
 * transaction that inserts the message, so a rolled-back message gives its number back.
 *
 * Returns: the number, or 0 with @error set
 */
gint64
sb_store_next_sequence (SbStore     *self,
                        const char  *prefix,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 next = 0;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), 0);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO ref_counters (prefix, next) VALUES (?1, 2) "
                            "ON CONFLICT (prefix) DO UPDATE SET next = next + 1 "
                            "RETURNING next - 1",
                            error);
  if (stmt == NULL)
    return 0;
  _sb_bind_text (stmt, 1, prefix);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    next = sqlite3_column_int64 (stmt, 0);
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return next;
}

/**
 * sb_store_skip_sequence:
 * @next: the number the next reference with @prefix gets
 *
 * Moves the counter of @prefix on, for numbers taken by counting from one
 * sb_store_next_sequence() in a transaction (bulk imports). Never moves it back.
 */
gboolean
sb_store_skip_sequence (SbStore     *self,
                        const char  *prefix,
                        gint64       next,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO ref_counters (prefix, next) VALUES (?1, ?2) "
                            "ON CONFLICT (prefix) DO UPDATE SET next = max (next, excluded.next)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, prefix);
  sqlite3_bind_int64 (stmt, 2, next);
  return _sb_store_step_done (self, stmt, error);
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                 */
/* ------------------------------------------------------------------------ */

#define MESSAGE_COLUMNS \
  "id, ref, channel, received_on, office_id, sender_name, sender_city, sender_country, " \
  "sender_contact, consent, language, original_text, translation_km, translation_en, "  \
  "status, hold_reason, duplicate_of, external_id, notes, created_at, updated_at"

static gpointer
read_message (sqlite3_stmt *stmt)
{
  SbMessage *message = g_new0 (SbMessage, 1);

  message->id = _sb_column_dup (stmt, 0);
  message->ref = _sb_column_dup (stmt, 1);
  message->channel = _sb_column_dup (stmt, 2);
  message->received_on = _sb_column_dup (stmt, 3);
  message->office_id = _sb_column_dup_or_null (stmt, 4);
  message->sender_name = _sb_column_dup (stmt, 5);
  message->sender_city = _sb_column_dup (stmt, 6);
  message->sender_country = _sb_column_dup (stmt, 7);
  message->sender_contact = _sb_column_dup (stmt, 8);
  message->consent = _sb_column_dup (stmt, 9);
  message->language = _sb_column_dup (stmt, 10);
  message->original_text = _sb_column_message_text (stmt, 11);
  message->translation_km = _sb_column_message_text (stmt, 12);
  message->translation_en = _sb_column_message_text (stmt, 13);
  message->status = _sb_column_dup (stmt, 14);
  message->hold_reason = _sb_column_dup (stmt, 15);
  message->duplicate_of = _sb_column_dup_or_null (stmt, 16);
  message->external_id = _sb_column_dup_or_null (stmt, 17);
  message->notes = _sb_column_dup (stmt, 18);
  message->created_at = _sb_column_dup (stmt, 19);
  message->updated_at = _sb_column_dup (stmt, 20);
  return message;
}

static gboolean
write_message (SbStore          *self,
               const char       *sql,
               const SbMessage  *message,
               GError          **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message->id);
  _sb_bind_text (stmt, 2, message->ref);
  _sb_bind_text (stmt, 3, message->channel);
  _sb_bind_text (stmt, 4, message->received_on);
  _sb_bind_text_or_null (stmt, 5, message->office_id);
  _sb_bind_text (stmt, 6, message->sender_name);
  _sb_bind_text (stmt, 7, message->sender_city);
  _sb_bind_text (stmt, 8, message->sender_country);
  _sb_bind_text (stmt, 9, message->sender_contact);
  _sb_bind_text (stmt, 10, message->consent);
  _sb_bind_text (stmt, 11, message->language);
  _sb_bind_message_text (stmt, 12, message->original_text);
  _sb_bind_message_text (stmt, 13, message->translation_km);
  _sb_bind_message_text (stmt, 14, message->translation_en);
  _sb_bind_text (stmt, 15, message->status);
  _sb_bind_text (stmt, 16, message->hold_reason);
  _sb_bind_text_or_null (stmt, 17, message->duplicate_of);
  _sb_bind_text_or_null (stmt, 18, message->external_id);
  _sb_bind_text (stmt, 19, message->notes);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_insert_message:
 * @content_key: (nullable): the search key of the message's sender, city, text and
 *   translations joined by spaces, if made already (an import makes it in other
 *   threads); the search index then need not make it again
 */
gboolean
sb_store_insert_message (SbStore          *self,
                         const SbMessage  *message,
                         const char       *content_key,
                         GError          **error)
{
  gint64 rowid;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (!write_message (self,
                        "INSERT INTO messages (id, ref, channel, received_on, office_id, "
                        "sender_name, sender_city, sender_country, sender_contact, consent, "
                        "language, original_text, translation_km, translation_en, status, "
                        "hold_reason, duplicate_of, external_id, notes, sender_sort_key) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                        "?15, ?16, ?17, ?18, ?19, sb_collation_key (?6))",
                      message, error))
    return FALSE;
  /* Taken now: the bulk's history rows are inserted next. */
  rowid = sqlite3_last_insert_rowid (self->db);
  if (self->bulk != NULL && !_sb_store_bulk_add_message (self, rowid, message, error))
    return FALSE;
  if (content_key != NULL)
    _sb_store_hint_content_key (self, rowid, message, content_key);
  return TRUE;
}

/* The reference and creation time never change; updated_at follows the clock. The
 * search index follows the text (migrations/0008-search.sql). */
gboolean
sb_store_update_message (SbStore          *self,
                         const SbMessage  *message,
                         GError          **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  return write_message (self,
                        "UPDATE messages SET channel = ?3, received_on = ?4, office_id = ?5, "
                        "sender_name = ?6, sender_city = ?7, sender_country = ?8, "
                        "sender_sort_key = sb_collation_key (?6), "
                        "sender_contact = ?9, consent = ?10, language = ?11, "
                        "original_text = ?12, translation_km = ?13, translation_en = ?14, "
                        "status = ?15, hold_reason = ?16, duplicate_of = ?17, "
                        "external_id = ?18, notes = ?19, "
                        "updated_at = sb_now () WHERE id = ?1 AND ref = ?2",
                        message, error);
}

SbMessage *
sb_store_get_message (SbStore     *self,
                      const char  *id_or_ref,
                      GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return _sb_store_get_one (self,
                            "SELECT " MESSAGE_COLUMNS " FROM messages "
                            "WHERE id = ?1 OR ref = upper (?1)",
                            id_or_ref, read_message,
                            _("There is no message “%s” in this campaign."), error);
}

/**
 * sb_store_list_message_ids:
 * @status: (nullable): only messages with this status; %NULL for all but deleted
 *
 * Returns: (transfer full) (element-type utf8): message ids, oldest reference first
 */
GPtrArray *
sb_store_list_message_ids (SbStore     *self,
                           const char  *status,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT id FROM messages "
                            "WHERE (?1 IS NULL AND status != 'deleted') OR status = ?1 "
                            "ORDER BY rowid",
                            error);
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    _sb_bind_text (stmt, 1, status);
  return _sb_store_list_rows (self, stmt, _sb_read_text, g_free, error);
}

/* ------------------------------------------------------------------------ */
/* Copies                                                                   */
/* ------------------------------------------------------------------------ */

/* A copy is its detainee and its message (schema 10, docs/schema-6.md "Copies"):
 * the table's key, WITHOUT ROWID. old_id is only ever read: copies made since
 * schema 10 have none. */
#define COPY_COLUMNS \
  "c.message_id, c.detainee_id, c.state, c.attempts, c.outcome_reason, c.delivered_on, " \
  "c.old_id"

gpointer
_sb_read_copy (sqlite3_stmt *stmt)
{
  SbCopy *copy = g_new0 (SbCopy, 1);

  copy->message_id = _sb_column_dup (stmt, 0);
  copy->detainee_id = _sb_column_dup (stmt, 1);
  copy->state = _sb_column_dup (stmt, 2);
  copy->attempts = sqlite3_column_int (stmt, 3);
  copy->outcome_reason = _sb_column_dup (stmt, 4);
  copy->delivered_on = _sb_column_dup_or_null (stmt, 5);
  copy->old_id = _sb_column_dup_or_null (stmt, 6);
  return copy;
}

static gboolean
write_copy (SbStore       *self,
            const char    *sql,
            const SbCopy  *copy,
            GError       **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, copy->message_id);
  _sb_bind_text (stmt, 2, copy->detainee_id);
  _sb_bind_text (stmt, 3, copy->state);
  sqlite3_bind_int (stmt, 4, copy->attempts);
  _sb_bind_text (stmt, 5, copy->outcome_reason);
  _sb_bind_text_or_null (stmt, 6, copy->delivered_on);
  return _sb_store_step_done (self, stmt, error);
}

gboolean
sb_store_insert_copy (SbStore       *self,
                      const SbCopy  *copy,
                      GError       **error)
{
  return write_copy (self,
                     "INSERT INTO copies (message_id, detainee_id, state, attempts, "
                     "outcome_reason, delivered_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                     copy, error) &&
         (self->bulk == NULL || _sb_store_bulk_add_copy (self, copy, error));
}

gboolean
sb_store_update_copy (SbStore       *self,
                      const SbCopy  *copy,
                      GError       **error)
{
  return write_copy (self,
                     "UPDATE copies SET state = ?3, attempts = ?4, outcome_reason = ?5, "
                     "delivered_on = ?6 WHERE detainee_id = ?2 AND message_id = ?1",
                     copy, error);
}

gboolean
sb_store_delete_copy (SbStore     *self,
                      const char  *message_id,
                      const char  *detainee_id,
                      GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
                                          "DELETE FROM copies WHERE detainee_id = ?2 AND message_id = ?1",
                                          error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text (stmt, 2, detainee_id);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_list_copies:
 * Returns: (transfer full) (element-type SbCopy): the copies of a message, in the
 *   detainees' order
 */
GPtrArray *
sb_store_list_copies (SbStore     *self,
                      const char  *message_id,
                      GError     **error)
{
  /* One lookup of the key per detainee: nothing indexes copies by message. */
  return _sb_store_list_all (self,
                             "SELECT " COPY_COLUMNS " "
                             "FROM detainees d CROSS JOIN copies c "
                             "  ON c.detainee_id = d.id AND c.message_id = ?1 "
                             "ORDER BY d.position, d.name_en",
                             message_id, _sb_read_copy, (GDestroyNotify) sb_copy_free, error);
}

/* ------------------------------------------------------------------------ */
/* History                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * sb_store_list_history:
 * @entity_id: a message, detainee, … id; or "" for the campaign's settings
 *
 * Returns: (transfer full) (element-type SbHistoryEntry): its changes, oldest first
 */
static gpointer
read_history_entry (sqlite3_stmt *stmt)
{
  SbHistoryEntry *entry = g_new0 (SbHistoryEntry, 1);

  entry->at = _sb_column_dup (stmt, 0);
  entry->operator_name = _sb_column_dup (stmt, 1);
  entry->entity = _sb_column_dup (stmt, 2);
  entry->entity_id = _sb_column_dup (stmt, 3);
  entry->field = _sb_column_dup (stmt, 4);
  entry->before = _sb_column_dup_or_null (stmt, 5);
  entry->after = _sb_column_dup_or_null (stmt, 6);
  return entry;
}

GPtrArray *
sb_store_list_history (SbStore     *self,
                       const char  *entity_id,
                       GError     **error)
{
  return _sb_store_list_all (self,
                             "SELECT at, operator, entity, entity_id, field, before, after "
                             "FROM history WHERE " SB_HISTORY_OF_ENTITY " ORDER BY id",
                             entity_id, read_history_entry,
                             (GDestroyNotify) sb_history_entry_free, error);
}
