/* sb-store-stats.c — the campaign's figures, by the counting rules of docs/architecture.md
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

/* Copies are counted in two passes that each read one index: every copy by detainee
 * and state, then, to subtract, the copies of the few messages that do not count —
 * deleted, duplicates, received after the as-of day — and of held messages (which
 * count by state but not for their detainee). Joining every copy to its message
 * instead costs seconds on 100,000 messages. */
typedef struct
{
  const char *detainee_id;
  const char *state;
  gint64      n;
  gint64      delivered;        /* of @n, delivered by the as-of day */
  gboolean    held;             /* copies of a held message that otherwise counts */
} CopyTally;

typedef void (*TallyFunc) (const CopyTally *tally,
                           int              sign,
                           gpointer         user_data);

/* How many messages were received after the as-of day, and in all. */
static gboolean
count_late (SbStore     *self,
            const char  *as_of,
            gint64      *late,
            gint64      *all,
            GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
                                          "SELECT (SELECT count(*) FROM messages WHERE received_on > ?1), "
                                          "       (SELECT count(*) FROM messages)",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text_or_null (stmt, 1, as_of);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *late = sqlite3_column_int64 (stmt, 0);
      *all = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
tally_copies (SbStore     *self,
              const char  *as_of,
              TallyFunc    func,
              gpointer     user_data,
              GError     **error)
{
  /* Every copy less those that do not count: cheap while few messages came after
   * the as-of day, the usual case. Every copy comes from the tallies the triggers
   * keep when the as-of day is after the last delivery (today, typically). */
  const char *subtract[] = {
    "SELECT detainee_id, state, n, CASE WHEN state = 'delivered' THEN n ELSE 0 END, 0 "
    "FROM copy_tallies WHERE n > 0 AND (?1 IS NULL OR ?1 >= "
    "  (SELECT coalesce (max (delivered_on), '') FROM copies WHERE delivered_on IS NOT NULL)) "
    "UNION ALL "
    "SELECT detainee_id, state, count(*), count(*) FILTER (WHERE " DELIVERED_COPY ("copies") "), 0 "
    "FROM copies WHERE ?1 < (SELECT max (delivered_on) FROM copies WHERE delivered_on IS NOT NULL) "
    "GROUP BY detainee_id, state",

    /* The ids come from indexes: reading 5,000 message rows costs more than the rest. */
    "WITH excluded (id, held) AS ("
    "  SELECT id, status = 'held' AND duplicate_of IS NULL AND (?1 IS NULL OR received_on <= ?1) "
    "  FROM messages INDEXED BY messages_status WHERE status IN ('held', 'deleted') "
    "  UNION SELECT id, 0 FROM messages INDEXED BY messages_duplicates WHERE duplicate_of IS NOT NULL "
    "  UNION SELECT id, 0 FROM messages INDEXED BY messages_received_on WHERE received_on > ?1) "
    "SELECT c.detainee_id, c.state, count(*), count(*) FILTER (WHERE " DELIVERED_COPY ("c") "), "
    "  e.held "
    "FROM excluded e CROSS JOIN copies c ON c.message_id = e.id "
    "GROUP BY 1, 2, 5",
  };
  /* Only the copies that count: cheaper when the as-of day is early in the campaign. */
  const char *include[] = {
    "SELECT c.detainee_id, c.state, count(*), count(*) FILTER (WHERE " DELIVERED_COPY ("c") "), "
    "  m.status = 'held' "
    "FROM messages m INDEXED BY messages_received_on JOIN copies c ON c.message_id = m.id "
    "WHERE m.received_on <= ?1 AND m.status != 'deleted' AND m.duplicate_of IS NULL "
    "GROUP BY 1, 2, 5",
  };
  const char **queries = subtract;
  guint n_queries = G_N_ELEMENTS (subtract);
  gint64 late = 0, all = 0;

  if (as_of != NULL && !count_late (self, as_of, &late, &all, error))
    return FALSE;
  if (late * 2 > all)
    {
      queries = include;
      n_queries = G_N_ELEMENTS (include);
    }

  for (guint i = 0; i < n_queries; i++)
    {
      sqlite3_stmt *stmt = _sb_store_prepare (self, queries[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      _sb_bind_text_or_null (stmt, 1, as_of);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CopyTally tally = {
            (const char *) sqlite3_column_text (stmt, 0),
            (const char *) sqlite3_column_text (stmt, 1),
            sqlite3_column_int64 (stmt, 2),
            sqlite3_column_int64 (stmt, 3),
            sqlite3_column_int (stmt, 4),
          };

          func (&tally, i == 0 ? 1 : -1, user_data);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _sb_store_set_error (self, rc, error);
    }
  return TRUE;
}

typedef struct
{
  SbStoreCounts *counts;
  GHashTable    *by_detainee;   /* detainee id → SbStoreDetaineeCounts */
} Tallies;

static void
count_copies (const CopyTally *tally,
              int              sign,
              gpointer         user_data)
{
  Tallies *tallies = user_data;
  SbStoreCounts *counts = tallies->counts;
  SbStoreDetaineeCounts *detainee = g_hash_table_lookup (tallies->by_detainee, tally->detainee_id);
  const char *state = tally->state;

  /* Held messages count by state but not for their detainee. */
  if (detainee != NULL && !(tally->held && sign > 0))
    {
      detainee->copies += sign * tally->n;
      detainee->delivered += sign * tally->delivered;
    }

  if (sign < 0 && tally->held)
    return;
  if (g_strcmp0 (state, "pending") == 0)
    counts->copies_pending += sign * tally->n;
  else if (g_strcmp0 (state, "waiting") == 0)
    counts->copies_waiting += sign * tally->n;
  else if (g_strcmp0 (state, "in_batch") == 0)
    counts->copies_in_batch += sign * tally->n;
  else if (g_strcmp0 (state, "delivered") == 0)
    {
      /* Delivered after the as-of day: it was still on its way then. */
      counts->copies_delivered += sign * tally->delivered;
      counts->copies_in_batch += sign * (tally->n - tally->delivered);
    }
  else if (g_strcmp0 (state, "rejected") == 0)
    counts->copies_rejected += sign * tally->n;
  else if (g_strcmp0 (state, "returned") == 0)
    counts->copies_returned += sign * tally->n;
}

static GPtrArray *
list_detainee_counts (SbStore     *self,
                      GHashTable  *by_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) result =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sb_store_detainee_counts_free);
  sqlite3_stmt *stmt;
  int rc;

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
  return g_steal_pointer (&result);
}

/**
 * sb_store_count:
 * @as_of: (nullable): "YYYY-MM-DD": count what had happened by the end of that day
 * @counts: (out caller-allocates): the figures
 * @by_detainee: (out) (optional) (element-type SbStoreDetaineeCounts): for every
 *   detainee, in their order, the messages (copies) received for them and delivered
 */
gboolean
sb_store_count (SbStore        *self,
                const char     *as_of,
                SbStoreCounts  *counts,
                GPtrArray     **by_detainee,
                GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) detainees = NULL;
  Tallies tallies = { counts, by_id };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  /* One pass over the messages_status index; a message is delivered when its last
   * copy was (messages.delivered_on, kept by triggers). */
  stmt = _sb_store_prepare (self,
                            "SELECT count(*), "
                            "  count(*) FILTER (WHERE status != 'held'), "
                            "  count(*) FILTER (WHERE status = 'held'), "
                            "  count(*) FILTER (WHERE status = 'new'), "
                            "  count(*) FILTER (WHERE status = 'transcribed'), "
                            "  count(*) FILTER (WHERE status = 'approved'), "
                            "  count(*) FILTER (WHERE status != 'held' AND " DELIVERED_COPY ("m") ") "
                            "FROM messages m INDEXED BY messages_status WHERE " COUNTED_MESSAGE ("m"),
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
  counts->messages_delivered = sqlite3_column_int64 (stmt, 6);
  sqlite3_reset (stmt);

  if (by_detainee != NULL)
    {
      detainees = list_detainee_counts (self, by_id, error);
      if (detainees == NULL)
        return FALSE;
    }
  if (!tally_copies (self, as_of, count_copies, &tallies, error))
    return FALSE;
  if (by_detainee != NULL)
    *by_detainee = g_steal_pointer (&detainees);
  return TRUE;
}
