/* sb-store-changes-merge-finish.c — after SQLite applied another office's change:
 * each decided field set to its winner, a copy kept in one batch, the derived
 * columns made again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts". The deciding, before the apply, is in
 * sb-store-changes-merge.c.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include "sb-store-changes-merge-private.h"

static gboolean
run_fixup (SbMerge  *merge,
           Fixup    *fixup,
           GError  **error)
{
  SbStore *self = merge->store;
  g_autofree char *table = _sb_merge_quote (fixup->table);
  g_autofree char *column = _sb_merge_quote (fixup->column);
  g_autofree char *where = _sb_merge_where_pk ((const char *const *) fixup->pk_names, 2);
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1%s AND %s IS NOT ?1",
                                          table, column, where, column);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_sb_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  sqlite3_bind_value (stmt, 1, fixup->value);
  for (guint i = 0; i < fixup->pk->len; i++)
    sqlite3_bind_value (stmt, i + 2, fixup->pk->pdata[i]);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || _sb_store_set_error (self, rc, error);
}

/* A copy in two batches (two offices batched it before hearing of each other)
 * stays in both: no rule takes a copy out of a batch, so every office ends with
 * the same items whatever order the changes come in, and what a sealed batch
 * printed stays true. Once one of them is sealed, each other one is listed once,
 * by id (rule "sealed"; sb_store_list_conflicts() shows the code). The office of
 * a draft cannot seal it until it takes the copy out (seal_in_transaction(),
 * src/core/sb-campaign-custody.c); two sealed batches both went to print, and
 * the copy is to be delivered once. */
static gboolean
list_copy_in_two_batches (SbMerge     *merge,
                          const char  *copy_id,
                          GError     **error)
{
  SbStore *self = merge->store;
  g_auto(GStrv) key = g_strsplit (copy_id, "\x1f", 2);     /* detainee, message */
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "SELECT b.id, b.state FROM batch_items i "
    "JOIN batches b ON b.id = i.batch_id WHERE i.detainee_id = ? AND i.message_id = ? "
    "AND i.outcome = '' AND b.state != 'closed' ORDER BY "
    "b.state = 'draft', b.sealed_at, b.id", error);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *kept = NULL;
  gboolean sealed = FALSE;
  gboolean ok = TRUE;

  if (stmt == NULL || key[0] == NULL || key[1] == NULL)
    return stmt != NULL;
  _sb_bind_text (stmt, 1, key[0]);
  _sb_bind_text (stmt, 2, key[1]);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (kept == NULL)
      {
        kept = _sb_column_dup (stmt, 0);
        sealed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "draft") != 0;
      }
    else
      g_ptr_array_add (others, _sb_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  /* Two drafts may share a copy until one of them is sealed. */
  if (!sealed)
    return TRUE;
  for (guint i = 0; ok && i < others->len; i++)
    {
      stmt = _sb_store_prepare (self, "SELECT 1 FROM conflicts WHERE tbl = 'copies' AND "
                                      "row_id = ? AND field = 'batch' AND other = ?", error);
      if (stmt == NULL)
        ok = FALSE;
      else
        {
          gboolean listed;

          _sb_bind_text (stmt, 1, copy_id);
          _sb_bind_text (stmt, 2, others->pdata[i]);
          listed = sqlite3_step (stmt) == SQLITE_ROW;
          sqlite3_reset (stmt);
          if (!listed)
            ok = _sb_merge_list_copy_rule (merge, copy_id, "batch", kept, "", others->pdata[i], "",
                                           "sealed", error);
        }
    }
  return ok;
}

/* At a local commit that changed @batch_id (sealed it): the sealing office lists
 * another office's draft holding one of its copies, as the others will when the
 * seal reaches them. */
gboolean
_sb_merge_list_sealed (SbStore     *self,
                       const char  *batch_id,
                       GError     **error)
{
  SbMerge merge = { 0 };
  sqlite3_stmt *stmt = _sb_store_prepare (self, "SELECT detainee_id || char (31) || message_id "
                                                "FROM batch_items WHERE batch_id = ?", error);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, batch_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (copies, _sb_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  merge.store = self;
  for (guint i = 0; ok && i < copies->len; i++)
    ok = list_copy_in_two_batches (&merge, copies->pdata[i], error);
  return ok;
}

/* SAMBOT_CHECK_SKIPPED_UPDATES=1 (tests/test-conflicts.c): every update that
 * update_if_needed() skips is run anyway and must change nothing. */
static gboolean
check_skipped (void)
{
  static gsize once = 0;
  static gboolean check = FALSE;

  if (g_once_init_enter (&once))
    {
      check = g_strcmp0 (g_getenv ("SAMBOT_CHECK_SKIPPED_UPDATES"), "1") == 0;
      g_once_init_leave (&once, 1);
    }
  return check;
}

/* @update, for the message @id, only when @check (the same WHERE) finds a row:
 * an UPDATE that matches nothing changes nothing and fires no trigger, and each
 * changeset applied expires every prepared statement (SQLite's session runs
 * "PRAGMA defer_foreign_keys"), so the UPDATE, whose triggers make it long to
 * prepare again, is prepared only when it has work (docs/exchange.md, "Measured"). */
static gboolean
update_if_needed (SbStore     *self,
                  const char  *id,
                  const char  *check,
                  const char  *update,
                  GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, check, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _sb_store_set_error (self, rc, error);
  if (rc == SQLITE_DONE && !check_skipped ())
    return TRUE;
  stmt = _sb_store_prepare (self, update, error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, id);
  if (rc == SQLITE_DONE)
    {
      /* The check of the tests: the update skipped would have changed no row. */
      sqlite3_int64 before = sqlite3_total_changes64 (_sb_store_get_db (self));

      if (!_sb_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_total_changes64 (_sb_store_get_db (self)) != before)
        g_critical ("An update skipped after applying a change would have changed %s: %s",
                    id, update);
      return TRUE;
    }
  return _sb_store_step_done (self, stmt, error);
}

/* After SQLite applied the change: each decided field holds its winner, the
 * clocks of deleted rows go, and the derived columns of the messages touched
 * are made again from their rows. */
gboolean
_sb_merge_finish (SbMerge  *merge,
                  GError  **error)
{
  SbStore *self = merge->store;
  GHashTableIter iter;
  gpointer id;

  if (!_sb_merge_restore_copies (merge, error))
    return FALSE;
  for (guint i = 0; i < merge->fixups->len; i++)
    if (!run_fixup (merge, merge->fixups->pdata[i], error))
      return FALSE;
  for (guint i = 0; i < merge->forget->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (merge->forget->pdata[i], "\x1f", 2);

      if (!_sb_store_changes_forget_row (self, parts[0], parts[1], error))
        return FALSE;
    }
  if (!_sb_merge_keep_printed (merge, error))
    return FALSE;
  g_hash_table_iter_init (&iter, merge->copies);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!list_copy_in_two_batches (merge, id, error))
      return FALSE;
  g_hash_table_iter_init (&iter, merge->messages);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      /* A message's copies are one key lookup per detainee (copies are keyed by
       * detainee and message, migrations/0010-copies-key.sql): "message_id = ?"
       * alone reads every copy of the campaign. */
      if (!update_if_needed (self, id,
            "SELECT 1 FROM messages, (SELECT CASE WHEN count(*) > 0 AND "
            "count(c.delivered_on) = count(*) THEN max(c.delivered_on) END AS day "
            "FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = ?1) "
            "AS d WHERE id = ?1 AND delivered_on IS NOT d.day",
            "UPDATE messages SET delivered_on = d.day FROM (SELECT CASE WHEN count(*) > 0 AND "
            "count(c.delivered_on) = count(*) THEN max(c.delivered_on) END AS day "
            "FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = ?1) "
            "AS d WHERE id = ?1 AND delivered_on IS NOT d.day", error))
        return FALSE;
      /* A copy waits for a batch exactly when its message is approved (the
       * status may have been decided against the copies' own clocks). */
      if (!update_if_needed (self, id,
            "SELECT 1 FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id "
            "AND c.message_id = ?1 WHERE (c.state = 'pending' AND (SELECT status FROM messages "
            "WHERE id = ?1) = 'approved') OR (c.state = 'waiting' AND (SELECT status FROM messages "
            "WHERE id = ?1) <> 'approved')",
            "UPDATE copies SET state = CASE state WHEN 'pending' THEN 'waiting' ELSE 'pending' END "
            "WHERE detainee_id IN (SELECT id FROM detainees) AND message_id = ?1 "
            "AND ((state = 'pending' AND (SELECT status FROM messages WHERE id = ?1) "
            "= 'approved') OR (state = 'waiting' AND (SELECT status FROM messages WHERE id = ?1) "
            "<> 'approved'))", error))
        return FALSE;
      if (!update_if_needed (self, id,
            "SELECT 1 FROM messages "
            "WHERE id = ?1 AND sender_sort_key IS NOT sb_collation_key (sender_name)",
            "UPDATE messages SET sender_sort_key = sb_collation_key (sender_name) "
            "WHERE id = ?1 AND sender_sort_key IS NOT sb_collation_key (sender_name)", error))
        return FALSE;
    }
  return TRUE;
}
