/* sb-store-replicas.c — the replicas of a campaign: who they are, their office and
 * letter, the key that signs their bundles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Where the keys live". The table is replicated like the
 * campaign's records: a replica invited by one office becomes known to the others
 * with that office's next bundle.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"
#include "sb-store-changes.h"

void
sb_store_replica_free (SbStoreReplica *replica)
{
  if (replica == NULL)
    return;
  g_free (replica->id);
  g_free (replica->office_id);
  g_free (replica->office_code);
  g_free (replica->letter);
  g_clear_pointer (&replica->public_key, g_bytes_unref);
  g_free (replica->joined_at);
  g_free (replica);
}

/**
 * sb_store_insert_replica:
 *
 * Adds a replica of the campaign, in the caller's transaction.
 */
gboolean
sb_store_insert_replica (SbStore              *self,
                         const SbStoreReplica *replica,
                         GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (replica != NULL && replica->public_key != NULL, FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO replicas (id, office_id, office_code, letter, public_key, joined_at) "
                            "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, replica->id);
  _sb_bind_text_or_null (stmt, 2, replica->office_id);
  _sb_bind_text (stmt, 3, replica->office_code);
  _sb_bind_text (stmt, 4, replica->letter);
  sqlite3_bind_blob (stmt, 5, g_bytes_get_data (replica->public_key, NULL),
                     g_bytes_get_size (replica->public_key), SQLITE_TRANSIENT);
  _sb_bind_text (stmt, 6, replica->joined_at);
  return _sb_store_step_done (self, stmt, error);
}

static gpointer
read_replica (sqlite3_stmt *stmt)
{
  SbStoreReplica *replica = g_new0 (SbStoreReplica, 1);

  replica->id = _sb_column_dup (stmt, 0);
  replica->office_id = _sb_column_dup_or_null (stmt, 1);
  replica->office_code = _sb_column_dup (stmt, 2);
  replica->letter = _sb_column_dup (stmt, 3);
  replica->public_key = g_bytes_new (sqlite3_column_blob (stmt, 4), sqlite3_column_bytes (stmt, 4));
  replica->joined_at = _sb_column_dup (stmt, 5);
  return replica;
}

/**
 * sb_store_list_replica_rows:
 *
 * Returns: (element-type SbStoreReplica): every replica this one knows of, in the
 *   order they joined; empty when the campaign is not a replica
 */
GPtrArray *
sb_store_list_replica_rows (SbStore  *self,
                            GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (_sb_store_pragma_int (self, "SELECT count(*) FROM sqlite_master WHERE name = 'replicas'", NULL) != 1)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sb_store_replica_free);
  stmt = _sb_store_prepare (self,
                            "SELECT id, office_id, office_code, letter, public_key, joined_at "
                            "FROM replicas ORDER BY joined_at, length (letter), letter", error);
  if (stmt == NULL)
    return NULL;
  return _sb_store_list_rows (self, stmt, read_replica, (GDestroyNotify) sb_store_replica_free, error);
}
