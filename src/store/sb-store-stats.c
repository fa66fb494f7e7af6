/* sb-store-stats.c — the campaign's figures, by the counting rules of DESIGN.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>

#include "sb-store-private.h"

/* A message counts when it is not deleted and not a duplicate of another, and was
 * received on or before the as-of day (?1; NULL for no limit). */
#define COUNTED_MESSAGE(m) \
  m".status != 'deleted' AND " m".duplicate_of IS NULL AND (?1 IS NULL OR " m".received_on <= ?1)"

/* A copy counts as delivered when it was delivered on or before the as-of day. */
#define DELIVERED_COPY(c) \
  "(" c".delivered_on IS NOT NULL AND (?1 IS NULL OR " c".delivered_on <= ?1))"

void
sb_store_detainee_counts_free (SbStoreDetaineeCounts *counts)
{
  if (counts == NULL)
    return;
  g_free (counts->detainee_id);
  g_free (counts);
}

/**
 * sb_store_count:
 * @as_of: (nullable): "YYYY-MM-DD": count what had happened by the end of that day
 * @counts: (out caller-allocates): the figures
 */
gboolean
sb_store_count (SbStore        *self,
                const char     *as_of,
                SbStoreCounts  *counts,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  stmt = _sb_store_prepare (self,
                            "SELECT count(*), "
                            "  count(*) FILTER (WHERE status != 'held'), "
                            "  count(*) FILTER (WHERE status = 'held'), "
                            "  count(*) FILTER (WHERE status = 'new'), "
                            "  count(*) FILTER (WHERE status = 'transcribed'), "
                            "  count(*) FILTER (WHERE status = 'approved') "
                            "FROM messages m WHERE " COUNTED_MESSAGE ("m"),
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text_or_null (stmt, 1, as_of);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _sb_store_set_error (self, rc, error);
    }
  counts->messages_received = sqlite3_column_int64 (stmt, 0);
  counts->messages_sent = sqlite3_column_int64 (stmt, 1);
  counts->messages_held = sqlite3_column_int64 (stmt, 2);
  counts->messages_new = sqlite3_column_int64 (stmt, 3);
  counts->messages_transcribed = sqlite3_column_int64 (stmt, 4);
  counts->messages_approved = sqlite3_column_int64 (stmt, 5);
  sqlite3_reset (stmt);

  /* Delivered: every copy delivered. Grouping the copies once is much cheaper than
   * a correlated subquery per message. */
  stmt = _sb_store_prepare (self,
                            "SELECT count(*) FROM ("
                            "  SELECT c.message_id FROM copies c "
                            "  JOIN messages m ON m.id = c.message_id "
                            "  WHERE m.status != 'held' AND " COUNTED_MESSAGE ("m")
                            "  GROUP BY c.message_id "
                            "  HAVING min (" DELIVERED_COPY ("c") ") = 1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text_or_null (stmt, 1, as_of);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _sb_store_set_error (self, rc, error);
    }
  counts->messages_delivered = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Copies by state; one delivered after the as-of day was still on its way then. */
  stmt = _sb_store_prepare (self,
                            "SELECT CASE WHEN c.state = 'delivered' AND NOT " DELIVERED_COPY ("c")
                            "            THEN 'in_batch' ELSE c.state END AS s, count(*) "
                            "FROM copies c JOIN messages m ON m.id = c.message_id "
                            "WHERE " COUNTED_MESSAGE ("m") " GROUP BY s",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text_or_null (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (state, "pending") == 0)
        counts->copies_pending = n;
      else if (g_strcmp0 (state, "waiting") == 0)
        counts->copies_waiting = n;
      else if (g_strcmp0 (state, "in_batch") == 0)
        counts->copies_in_batch += n;
      else if (g_strcmp0 (state, "delivered") == 0)
        counts->copies_delivered = n;
      else if (g_strcmp0 (state, "rejected") == 0)
        counts->copies_rejected = n;
      else if (g_strcmp0 (state, "returned") == 0)
        counts->copies_returned = n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * sb_store_count_by_detainee:
 * @as_of: (nullable): as for sb_store_count()
 *
 * Returns: (transfer full) (element-type SbStoreDetaineeCounts): for every detainee,
 *   in their order, the messages (copies) received for them and those delivered
 */
GPtrArray *
sb_store_count_by_detainee (SbStore     *self,
                            const char  *as_of,
                            GError     **error)
{
  g_autoptr(GPtrArray) result =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sb_store_detainee_counts_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self, "SELECT id FROM detainees ORDER BY position, name_en", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SbStoreDetaineeCounts *counts = g_new0 (SbStoreDetaineeCounts, 1);

      counts->detainee_id = _sb_column_dup (stmt, 0);
      g_ptr_array_add (result, counts);
      g_hash_table_insert (by_id, counts->detainee_id, counts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }

  /* One pass over the copies for every detainee, rather than two per detainee. */
  stmt = _sb_store_prepare (self,
                            "SELECT c.detainee_id, count(*), "
                            "  count(*) FILTER (WHERE " DELIVERED_COPY ("c") ") "
                            "FROM copies c JOIN messages m ON m.id = c.message_id "
                            "WHERE m.status != 'held' AND " COUNTED_MESSAGE ("m")
                            " GROUP BY c.detainee_id",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text_or_null (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SbStoreDetaineeCounts *counts =
        g_hash_table_lookup (by_id, (const char *) sqlite3_column_text (stmt, 0));

      if (counts == NULL)
        continue;
      counts->copies = sqlite3_column_int64 (stmt, 1);
      counts->delivered = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}
