/* sb-test-oracle.h — the campaign's figures counted from the messages and copies
 * themselves, as Sambot counted them up to schema 6 (src/store/sb-store-stats.c
 * before the tallies of src/store/migrations/0007-tallies.sql). The tests compare
 * the tallies with this: the counting rules must not change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>
#include <string.h>

#include "sb-store.h"

/* A message counts when it is not deleted and not a duplicate of another, and was
 * received on or before the as-of day (?1; NULL for no limit). */
#define SB_ORACLE_COUNTED(m) \
  m".status != 'deleted' AND " m".duplicate_of IS NULL AND (?1 IS NULL OR " m".received_on <= ?1)"

/* A copy counts as delivered when it was delivered on or before the as-of day. */
#define SB_ORACLE_DELIVERED(c) \
  "(" c".delivered_on IS NOT NULL AND (?1 IS NULL OR " c".delivered_on <= ?1))"

typedef struct
{
  SbStoreCounts counts;
  GHashTable   *detainees;      /* id → "copies/delivered" */
  GHashTable   *groups[SB_STORE_N_GROUPINGS];  /* key → "count" */
} SbOracle;

static inline void
sb_oracle_clear (SbOracle *oracle)
{
  g_clear_pointer (&oracle->detainees, g_hash_table_unref);
  for (guint g = 0; g < SB_STORE_N_GROUPINGS; g++)
    g_clear_pointer (&oracle->groups[g], g_hash_table_unref);
}

static inline sqlite3_stmt *
sb_oracle_query (sqlite3    *db,
                 const char *sql,
                 const char *as_of)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("oracle: %s: %s", sql, sqlite3_errmsg (db));
  if (as_of != NULL)
    sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* Counts the campaign at @path as of @as_of (NULL: every day). */
static inline void
sb_oracle_count (const char *path,
                 const char *as_of,
                 SbOracle   *oracle)
{
  static const char *groupings[SB_STORE_N_GROUPINGS] = {
    "received_on", "upper (sender_country)", "coalesce (office_id, '')", "language",
  };
  SbStoreCounts *counts = &oracle->counts;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;

  memset (oracle, 0, sizeof *oracle);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  stmt = sb_oracle_query (db,
                          "SELECT count(*), "
                          "  count(*) FILTER (WHERE status != 'held'), "
                          "  count(*) FILTER (WHERE status = 'held'), "
                          "  count(*) FILTER (WHERE status = 'new'), "
                          "  count(*) FILTER (WHERE status = 'transcribed'), "
                          "  count(*) FILTER (WHERE status = 'approved'), "
                          "  count(*) FILTER (WHERE status != 'held' AND " SB_ORACLE_DELIVERED ("m") ") "
                          "FROM messages m WHERE " SB_ORACLE_COUNTED ("m"),
                          as_of);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  counts->messages_received = sqlite3_column_int64 (stmt, 0);
  counts->messages_sent = sqlite3_column_int64 (stmt, 1);
  counts->messages_held = sqlite3_column_int64 (stmt, 2);
  counts->messages_new = sqlite3_column_int64 (stmt, 3);
  counts->messages_transcribed = sqlite3_column_int64 (stmt, 4);
  counts->messages_approved = sqlite3_column_int64 (stmt, 5);
  counts->messages_delivered = sqlite3_column_int64 (stmt, 6);
  sqlite3_finalize (stmt);

  /* Copies of held messages count by state, not for their detainee; a copy
   * delivered after the as-of day was still in its batch then. */
  stmt = sb_oracle_query (db,
                          "SELECT c.state, count(*), count(*) FILTER (WHERE " SB_ORACLE_DELIVERED ("c") ") "
                          "FROM copies c JOIN messages m ON m.id = c.message_id "
                          "WHERE " SB_ORACLE_COUNTED ("m") " GROUP BY c.state",
                          as_of);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);
      gint64 delivered = sqlite3_column_int64 (stmt, 2);

      if (g_str_equal (state, "pending"))
        counts->copies_pending += n;
      else if (g_str_equal (state, "waiting"))
        counts->copies_waiting += n;
      else if (g_str_equal (state, "in_batch"))
        counts->copies_in_batch += n;
      else if (g_str_equal (state, "delivered"))
        {
          counts->copies_delivered += delivered;
          counts->copies_in_batch += n - delivered;
        }
      else if (g_str_equal (state, "rejected"))
        counts->copies_rejected += n;
      else if (g_str_equal (state, "returned"))
        counts->copies_returned += n;
    }
  sqlite3_finalize (stmt);

  oracle->detainees = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = sb_oracle_query (db,
                          "SELECT t.id, "
                          "  (SELECT count(*) FROM copies c JOIN messages m ON m.id = c.message_id "
                          "   WHERE c.detainee_id = t.id AND m.status != 'held' AND " SB_ORACLE_COUNTED ("m") "), "
                          "  (SELECT count(*) FROM copies c JOIN messages m ON m.id = c.message_id "
                          "   WHERE c.detainee_id = t.id AND m.status != 'held' AND " SB_ORACLE_COUNTED ("m")
                          "   AND " SB_ORACLE_DELIVERED ("c") ") "
                          "FROM detainees t",
                          as_of);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (oracle->detainees,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup_printf ("%lld/%lld", sqlite3_column_int64 (stmt, 1),
                                          sqlite3_column_int64 (stmt, 2)));
  sqlite3_finalize (stmt);

  for (guint g = 0; g < SB_STORE_N_GROUPINGS; g++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s, count(*) FROM messages "
                                              "WHERE status NOT IN ('deleted', 'held') AND "
                                              "duplicate_of IS NULL AND "
                                              "(?1 IS NULL OR received_on <= ?1) GROUP BY 1",
                                              groupings[g]);

      oracle->groups[g] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      stmt = sb_oracle_query (db, sql, as_of);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);

          g_hash_table_insert (oracle->groups[g], g_strdup (key ? key : ""),
                               g_strdup_printf ("%lld", sqlite3_column_int64 (stmt, 1)));
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

/* The store's figures as of @as_of equal the oracle's. */
static inline void
sb_oracle_assert_store (SbStore    *store,
                        const char *path,
                        const char *as_of)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  GPtrArray *groups[SB_STORE_N_GROUPINGS];
  SbStoreCounts counts;
  SbOracle oracle;
  static const char *names[] = {
    "received", "sent", "held", "delivered", "new", "transcribed", "approved",
    "copies pending", "copies waiting", "copies in batch", "copies delivered",
    "copies rejected", "copies returned",
  };
  const gint64 *got = (const gint64 *) &counts;
  const gint64 *want = (const gint64 *) &oracle.counts;

  G_STATIC_ASSERT (sizeof (SbStoreCounts) == G_N_ELEMENTS (names) * sizeof (gint64));

  sb_oracle_count (path, as_of, &oracle);
  g_assert_true (sb_store_count (store, as_of, &counts, &detainees, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (got[i] != want[i])
      g_error ("as of %s: %s: tallies %" G_GINT64_FORMAT ", counted %" G_GINT64_FORMAT,
               as_of ? as_of : "today", names[i], got[i], want[i]);

  g_assert_cmpuint (detainees->len, ==, g_hash_table_size (oracle.detainees));
  for (guint i = 0; i < detainees->len; i++)
    {
      SbStoreDetaineeCounts *detainee = g_ptr_array_index (detainees, i);
      g_autofree char *figures = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                  detainee->copies, detainee->delivered);

      g_assert_cmpstr (figures, ==, g_hash_table_lookup (oracle.detainees, detainee->detainee_id));
    }

  g_assert_true (sb_store_count_breakdown (store, as_of, groups, &error));
  g_assert_no_error (error);
  for (guint g = 0; g < SB_STORE_N_GROUPINGS; g++)
    {
      g_assert_cmpuint (groups[g]->len, ==, g_hash_table_size (oracle.groups[g]));
      for (guint i = 0; i < groups[g]->len; i++)
        {
          SbStoreTally *tally = g_ptr_array_index (groups[g], i);
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, tally->count);

          g_assert_cmpstr (n, ==, g_hash_table_lookup (oracle.groups[g], tally->key));
        }
      g_ptr_array_unref (groups[g]);
    }
  sb_oracle_clear (&oracle);
}
