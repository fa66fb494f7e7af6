/* sb-store-duplicates.c — messages by import id, duplicate links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-duplicates.h"
#include "sb-store-private.h"

/**
 * sb_store_set_duplicate_of:
 * @original_id: (nullable): the message this one repeats, or %NULL to unlink
 */
gboolean
sb_store_set_duplicate_of (SbStore     *self,
                           const char  *message_id,
                           const char  *original_id,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = _sb_store_prepare (self,
                            "UPDATE messages SET duplicate_of = ?2, updated_at = sb_now () "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text_or_null (stmt, 2, original_id);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_find_by_external_id:
 *
 * Returns: (transfer full) (nullable): the id of the message imported from the row
 *   @external_id, or %NULL (with @error set only if the file could not be read)
 */
char *
sb_store_find_by_external_id (SbStore     *self,
                              const char  *external_id,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  char *id = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self, "SELECT id FROM messages WHERE external_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, external_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = _sb_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return id;
}

/**
 * sb_store_foreach_original_text:
 *
 * Calls @func for every message that is neither deleted nor itself a duplicate, in
 * the order they were added, with what duplicates are recognised by.
 */
gboolean
sb_store_foreach_original_text (SbStore                *self,
                                SbStoreMessageTextFunc  func,
                                gpointer                user_data,
                                GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = _sb_store_prepare (self,
                            "SELECT id, sender_name, sender_contact, sb_text (original_text) FROM messages "
                            "WHERE status != 'deleted' AND duplicate_of IS NULL ORDER BY rowid",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0),
          (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2),
          (const char *) sqlite3_column_text (stmt, 3),
          user_data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}
