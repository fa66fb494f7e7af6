/* sb-store-message-list.c — the message list: filtered, sorted ids and light rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-store-private.h"

void
sb_store_message_row_free (SbStoreMessageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->ref);
  g_free (row->received_on);
  g_free (row->channel);
  g_free (row->sender_name);
  g_free (row->language);
  g_free (row->text_start);
  g_free (row->status);
  g_free (row->addressees_en);
  g_free (row->addressees_km);
  g_free (row);
}

/* ------------------------------------------------------------------------ */
/* Filtered, sorted ids                                                     */
/* ------------------------------------------------------------------------ */

static GArray *
collect_rowids (SbStore       *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GArray) rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

/* The SQL of a query: fixed fragments only (every value is bound), interned so the
 * statement cache keeps one prepared statement per shape. With @first, the order
 * comes from its index and the statement stops after ?7 rows. */
static sqlite3_stmt *
prepare_query (SbStore                   *self,
               const SbStoreMessageQuery *query,
               gboolean                   first,
               GError                   **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT m.rowid FROM messages m WHERE ");
  g_autofree char *phrase = NULL;
  gboolean one_char = FALSE;
  const char *direction;
  gboolean sort_by_key;
  sqlite3_stmt *stmt;

  /* Stale keys (a read-only file from another ICU) leave sorting to the collation. */
  sort_by_key = query->sort == SB_STORE_MESSAGE_SORT_SENDER && !self->sort_keys_stale;
  if (query->status != NULL && *query->status != '\0')
    g_string_append (sql, "m.status = ?1");
  else
    g_string_append (sql, "m.status != 'deleted'");
  if (query->channel != NULL && *query->channel != '\0')
    g_string_append (sql, " AND m.channel = ?2");
  if (query->detainee_id != NULL && *query->detainee_id != '\0')
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM copies c "
                          "WHERE c.detainee_id = ?3 AND c.message_id = m.id)");
  if (query->office_id != NULL && *query->office_id != '\0')
    g_string_append (sql, " AND m.office_id = ?4");
  if (query->language != NULL && *query->language != '\0')
    g_string_append (sql, " AND m.language = ?5");
  if (query->needs_translation)
    g_string_append (sql, " AND m.language NOT IN ('km', '') AND m.translation_km = ''");
  if (query->search_key != NULL && *query->search_key != '\0')
    {
      /* Inside a transaction, messages added so far are indexed first. */
      if (!_sb_store_flush_search_index (self, error))
        return NULL;
      phrase = _sb_store_search_match (query->search_key, &one_char);
      if (one_char)
        g_string_append (sql, " AND m.rowid IN (SELECT rowid FROM message_chars "
                              "WHERE message_chars MATCH ?6)");
      else
        g_string_append (sql, " AND m.rowid IN (SELECT rowid FROM message_search "
                              "WHERE message_search MATCH ?6)");
    }

  direction = query->descending ? " DESC" : " ASC";
  switch (query->sort)
    {
    case SB_STORE_MESSAGE_SORT_REF:
      g_string_append_printf (sql, " ORDER BY m.ref%s", direction);
      break;
    case SB_STORE_MESSAGE_SORT_SENDER:
      /* The stored key orders as the collation does (see sb-store-sort-keys.c).
       * With these filters, reading the table in key order (messages_sender_sort)
       * looks up every row at random: a scan, then sorting the keys that match,
       * is faster (1M messages, one channel: 2.6 s against 4.9 s), so the unary
       * + keeps the planner off the index. The first rows alone are read in key
       * order: they stop early. */
      g_string_append_printf (sql, !sort_by_key ? " ORDER BY m.sender_name COLLATE KM%s, m.rowid%s"
                                   : first ? " ORDER BY m.sender_sort_key%s, m.rowid%s"
                                   : " ORDER BY +m.sender_sort_key%s, m.rowid%s",
                              direction, direction);
      break;
    case SB_STORE_MESSAGE_SORT_DATE:
    default:
      g_string_append_printf (sql, " ORDER BY m.received_on%s, m.rowid%s", direction, direction);
      break;
    }
  if (first)
    g_string_append (sql, " LIMIT ?7");

  stmt = _sb_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return NULL;
  if (query->status != NULL && *query->status != '\0')
    _sb_bind_text (stmt, 1, query->status);
  _sb_bind_text (stmt, 2, query->channel);
  _sb_bind_text (stmt, 3, query->detainee_id);
  _sb_bind_text (stmt, 4, query->office_id);
  _sb_bind_text (stmt, 5, query->language);
  if (phrase != NULL)
    _sb_bind_text (stmt, 6, phrase);
  return stmt;
}

/**
 * sb_store_query_message_rowids:
 * @query: the filters and the order
 *
 * Returns: (transfer full) (element-type gint64): the rowids of the matching
 *   messages, in order
 */
GArray *
sb_store_query_message_rowids (SbStore                   *self,
                               const SbStoreMessageQuery *query,
                               GError                   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  {
    g_autoptr(GError) local_error = NULL;
    GArray *fast = _sb_store_query_message_rowids_fast (self, query, &local_error);

    if (fast != NULL)
      return fast;
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
  }

  stmt = prepare_query (self, query, FALSE, error);
  if (stmt == NULL)
    return NULL;
  return collect_rowids (self, stmt, error);
}

typedef struct
{
  gint64 deadline;
  gboolean late;
} Budget;

static int
budget_cb (void *user_data)
{
  Budget *budget = user_data;

  budget->late = g_get_monotonic_time () > budget->deadline;
  return budget->late;
}

/**
 * sb_store_query_first_message_rowids:
 * @query: the filters and the order
 * @limit: how many rowids at most
 * @budget_ms: how long the answer may take
 *
 * The first rows of sb_store_query_message_rowids()'s answer, in the same order,
 * read from the order's index: for the first screen of a list whose whole order is
 * read in a thread (docs/schema-6.md, "The message list"). A filter that few
 * messages pass may mean reading much of the index to find @limit of them: past
 * @budget_ms the statement is stopped and the list waits for the whole answer.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): at most @limit
 *   rowids; %NULL with @error unset when the budget ran out
 */
GArray *
sb_store_query_first_message_rowids (SbStore                   *self,
                                     const SbStoreMessageQuery *query,
                                     guint                      limit,
                                     guint                      budget_ms,
                                     GError                   **error)
{
  Budget budget = { g_get_monotonic_time () + budget_ms * G_TIME_SPAN_MILLISECOND, FALSE };
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  GArray *rowids;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = prepare_query (self, query, TRUE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 7, limit);
  sqlite3_progress_handler (self->db, 1000, budget_cb, &budget);
  rowids = collect_rowids (self, stmt, &local_error);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (rowids == NULL && budget.late)
    {
      g_debug ("The first %u rows take longer than %u ms: left to the whole list",
               limit, budget_ms);
      return NULL;
    }
  if (rowids == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return rowids;
}

/**
 * sb_store_get_message_row:
 * @rowid: a rowid from sb_store_query_message_rowids()
 *
 * Returns: (transfer full) (nullable): what the list shows of one message, or %NULL
 *   (with @error set) when it is gone
 */
SbStoreMessageRow *
sb_store_get_message_row (SbStore  *self,
                          gint64    rowid,
                          GError  **error)
{
  SbStoreMessageRow *row = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT m.id, m.ref, m.received_on, m.channel, m.sender_name, "
                            "m.language, substr (sb_text (m.original_text), 1, 160), m.status, "
                            "(SELECT group_concat (name_en, ', ') FROM (SELECT d.name_en "
                            "  FROM detainees d CROSS JOIN copies c "
                            "    ON c.detainee_id = d.id AND c.message_id = m.id "
                            "  ORDER BY d.position, d.name_en)), "
                            "(SELECT group_concat (name, ', ') FROM (SELECT "
                            "  CASE d.name_km WHEN '' THEN d.name_en ELSE d.name_km END AS name "
                            "  FROM detainees d CROSS JOIN copies c "
                            "    ON c.detainee_id = d.id AND c.message_id = m.id "
                            "  ORDER BY d.position, d.name_en)), "
                            "m.duplicate_of IS NOT NULL, m.translation_km != '' "
                            "FROM messages m WHERE m.rowid = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = g_new0 (SbStoreMessageRow, 1);
      row->rowid = rowid;
      row->id = _sb_column_dup (stmt, 0);
      row->ref = _sb_column_dup (stmt, 1);
      row->received_on = _sb_column_dup (stmt, 2);
      row->channel = _sb_column_dup (stmt, 3);
      row->sender_name = _sb_column_dup (stmt, 4);
      row->language = _sb_column_dup (stmt, 5);
      row->text_start = _sb_column_dup (stmt, 6);
      row->status = _sb_column_dup (stmt, 7);
      row->addressees_en = _sb_column_dup (stmt, 8);
      row->addressees_km = _sb_column_dup (stmt, 9);
      row->is_duplicate = sqlite3_column_int (stmt, 10) != 0;
      row->has_translation_km = sqlite3_column_int (stmt, 11) != 0;
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                 _("This message is no longer in the campaign."));
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return row;
}

/**
 * sb_store_get_message_rowid:
 * Returns: the rowid of the message with this id or reference; 0 if there is none,
 *   or with @error set when the file cannot be read
 */
gint64
sb_store_get_message_rowid (SbStore     *self,
                            const char  *id_or_ref,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid = 0;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), 0);

  stmt = _sb_store_prepare (self, "SELECT rowid FROM messages WHERE id = ?1 OR ref = upper (?1)",
                            error);
  if (stmt == NULL)
    return 0;
  _sb_bind_text (stmt, 1, id_or_ref);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return rowid;
}

/* ------------------------------------------------------------------------ */
/* The work queue                                                           */
/* ------------------------------------------------------------------------ */

/**
 * sb_store_count_by_status:
 * @to_transcribe: (out): new messages
 * @to_review: (out): transcribed messages
 */
gboolean
sb_store_count_by_status (SbStore  *self,
                          gint64   *to_transcribe,
                          gint64   *to_review,
                          GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  *to_transcribe = *to_review = 0;
  stmt = _sb_store_prepare (self,
                            "SELECT status, count(*) FROM messages "
                            "WHERE status IN ('new', 'transcribed') GROUP BY status",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (status, "new") == 0)
        *to_transcribe = sqlite3_column_int64 (stmt, 1);
      else
        *to_review = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * sb_store_next_message_id:
 * @status: "new" or "transcribed"
 * @after_id: (nullable): the message just finished
 *
 * Returns: (transfer full) (nullable): the id of the first message with @status added
 *   after @after_id, else the first one from the start; %NULL when there is none,
 *   or with @error set when the file cannot be read
 */
char *
sb_store_next_message_id (SbStore     *self,
                          const char  *status,
                          const char  *after_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  char *id = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  /* Without @after_id, the first one is the first in the status index: no sort of
   * every message with @status (tens of milliseconds at a million). */
  stmt = _sb_store_prepare (self, after_id == NULL
                            ? "SELECT id FROM messages WHERE status = ?1 AND id IS NOT ?2 "
                              "ORDER BY rowid LIMIT 1"
                            : "SELECT id FROM messages WHERE status = ?1 AND id IS NOT ?2 "
                              "ORDER BY rowid > coalesce ((SELECT rowid FROM messages "
                              "WHERE id = ?2), 0) DESC, rowid LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, status);
  _sb_bind_text_or_null (stmt, 2, after_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = _sb_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return id;
}

/**
 * sb_store_status_before:
 * @message_id: a message id
 * @status: a status it has now
 *
 * Returns: (transfer full) (nullable): the status the message had before it last
 *   took @status, from the history; %NULL when the history does not say, or with
 *   @error set when the file cannot be read
 */
char *
sb_store_status_before (SbStore     *self,
                        const char  *message_id,
                        const char  *status,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  char *before = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT before FROM history WHERE " SB_HISTORY_OF_ENTITY " "
                            "AND entity = 'message' AND field = 'status' AND after = ?2 "
                            "ORDER BY id DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text (stmt, 2, status);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    before = _sb_column_dup_or_null (stmt, 0);
  else if (rc != SQLITE_DONE)
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return before;
}

/**
 * sb_store_similar_message_candidates:
 * @phrases: (array zero-terminated=1): search-key pieces, any of which may match
 * @exclude_id: (nullable): a message to leave out
 * @limit: the most candidates
 *
 * Returns: (transfer full) (element-type utf8): pairs id, original text, one after
 *   the other, of messages whose key contains one of @phrases (three characters or more)
 */
GPtrArray *
sb_store_similar_message_candidates (SbStore            *self,
                                     const char *const  *phrases,
                                     const char         *exclude_id,
                                     guint               limit,
                                     GError            **error)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  for (guint i = 0; phrases[i] != NULL; i++)
    {
      gboolean one_char;
      g_autofree char *phrase = NULL;

      if (g_utf8_strlen (phrases[i], -1) < 3)
        continue;
      phrase = _sb_store_search_match (phrases[i], &one_char);
      if (match->len > 0)
        g_string_append (match, " OR ");
      g_string_append (match, phrase);
    }
  if (match->len == 0)
    return g_steal_pointer (&found);

  stmt = _sb_store_prepare (self,
                            "SELECT m.id, sb_text (m.original_text) FROM messages m "
                            "WHERE m.rowid IN (SELECT rowid FROM message_search "
                            "WHERE message_search MATCH ?1 LIMIT ?3) "
                            "AND m.status != 'deleted' AND m.id IS NOT ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, match->str);
  _sb_bind_text_or_null (stmt, 2, exclude_id);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (found, _sb_column_dup (stmt, 0));
      g_ptr_array_add (found, _sb_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}
