/* sb-store-search-rare.c — a rare term found from its rarest pair of pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A query of three characters or more is the phrase of its pairs of characters
 * (sb-store-search.c). FTS5 answers a phrase by stepping through the lists of all
 * its pairs together: each message that holds the rarest pair costs a seek in the
 * list of every other pair. A rare word made of common pairs pays for it: in the
 * generated million, "ouagadougou" is 10 pairs, its rarest ("ua") is in 9,144
 * messages and "ou" in 538,203, and the phrase takes 34 ms to find 119 messages.
 *
 * So a longer query first asks for the phrase of two adjacent pairs only (three
 * of its characters): the rarest pair and the rarer of its neighbours. When that
 * gives few candidates, each is checked by making its key from the row and
 * looking for the query's key in it, which is what a search means; the answer is
 * the same, found in a few milliseconds. When it gives many, the query is common
 * and the whole phrase, newest first, stops early (sb_store_search_messages()).
 *
 * How rare a pair is comes from FTS5's own table of leaf pages
 * (message_search_idx: the first term of each leaf page, by segment): a pair's
 * list lies between the page where it begins and the next page that begins with
 * a later term. That is an upper bound, read in microseconds. A wrong guess costs
 * time, never a result.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>

#include "sb-store-private.h"

/* Candidates checked one by one at most (making a key takes 10–80 µs). */
#define RARE_CANDIDATES_MAX 400

/* Pairs of a long query whose lists are measured: the rarest of the first ones
 * serves as well (each costs a few index reads). */
#define RARE_PAIRS_MAX 64

/* Pages of the index that a pair's list spans, at most; -1 when FTS5's tables are
 * not what this expects. */
static double
pair_pages (SbStore    *self,
            const char *pair,
            gsize       len)
{
  g_autofree char *term = g_malloc (len + 1);
  sqlite3_stmt *stmt;
  double pages = -1;

  /* Terms of the main index begin with '0' (FTS5_MAIN_PREFIX); the column holds
   * blobs, so the bound is one too. */
  term[0] = '0';
  memcpy (term + 1, pair, len);
  stmt = _sb_store_prepare (self,
                            "WITH RECURSIVE seg (id) AS ("
                            " SELECT min (segid) FROM message_search_idx"
                            " UNION ALL SELECT (SELECT min (segid) FROM message_search_idx"
                            "  WHERE segid > seg.id) FROM seg WHERE seg.id IS NOT NULL) "
                            "SELECT total (coalesce ((SELECT pgno FROM message_search_idx"
                            "  WHERE segid = seg.id AND term > ?1 ORDER BY term LIMIT 1),"
                            " (SELECT max (pgno) + 1 FROM message_search_idx"
                            "  WHERE segid = seg.id))"
                            " - (SELECT pgno FROM message_search_idx"
                            "  WHERE segid = seg.id AND term <= ?1 ORDER BY term DESC LIMIT 1)) "
                            "FROM seg WHERE seg.id IS NOT NULL",
                            NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_blob (stmt, 1, term, len + 1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    pages = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return pages;
}

/* The pair of characters at @p as the index holds it (a space is "_"). */
static char *
pair_at (const char *p)
{
  const char *end = g_utf8_next_char (g_utf8_next_char (p));
  char *pair = g_strndup (p, end - p);

  for (char *c = pair; *c; c++)
    if (*c == ' ')
      *c = '_';
  return pair;
}

/* The rowids of the messages holding the three characters at @from, newest first;
 * %NULL with @error unset when there are more than RARE_CANDIDATES_MAX. */
static GArray *
candidates (SbStore     *self,
            const char  *from,
            GError     **error)
{
  const char *end = g_utf8_offset_to_pointer (from, 3);
  g_autofree char *piece = g_strndup (from, end - from);
  g_autofree char *match = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean one_char;
  sqlite3_stmt *stmt;
  int rc;

  match = _sb_store_search_match (piece, &one_char);
  stmt = _sb_store_prepare (self,
                            "SELECT rowid FROM message_search WHERE message_search MATCH ?1 "
                            "ORDER BY rowid DESC LIMIT ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, RARE_CANDIDATES_MAX + 1);
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
  if (rowids->len > RARE_CANDIDATES_MAX)
    return NULL;
  return g_steal_pointer (&rowids);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  return text != NULL ? text : "";
}

/* Of the candidates, those whose key holds @key: with @ids, the ids of those not
 * deleted, up to @limit, counted up to @most in @n; with @matches, the rowid of
 * every one, deleted or not (the message list filters on the status itself). */
static gboolean
check_candidates (SbStore    *self,
                  GArray     *rowids,
                  const char *key,
                  guint       limit,
                  gint64      most,
                  GPtrArray  *ids,
                  GArray     *matches,
                  gint64     *n,
                  GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = _sb_store_prepare (self,
                            "SELECT id, ref, sender_name, sender_city, sb_text (original_text), "
                            "sb_text (translation_km), sb_text (translation_en), "
                            "status = 'deleted' FROM messages "
                            "WHERE rowid = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rowids->len && *n < most; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);
      g_autofree char *message_key = NULL;
      int rc;

      sqlite3_bind_int64 (stmt, 1, rowid);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && (ids == NULL || sqlite3_column_int (stmt, 7) == 0))
        {
          message_key = _sb_store_make_message_key (column_text (stmt, 1), column_text (stmt, 2),
                                                    column_text (stmt, 3), column_text (stmt, 4),
                                                    column_text (stmt, 5), column_text (stmt, 6));
          if (strstr (message_key, key) != NULL)
            {
              if (ids != NULL && *n < limit)
                g_ptr_array_add (ids, _sb_column_dup (stmt, 0));
              if (matches != NULL)
                g_array_append_val (matches, rowid);
              (*n)++;
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _sb_store_set_error (self, rc, error);
    }
  return TRUE;
}

/**
 * _sb_store_search_rare:
 * @key: a search key of four characters or more
 * @limit: the most ids to keep
 * @most: the most matches to count
 * @ids: (nullable): where the ids go, newest first; the deleted messages left out
 * @matches: (nullable): where the rowids of every match go, deleted or not, newest
 *   first
 * @n: (out): how many match, up to @most
 * @answered: (out): %TRUE when @ids and @n are the answer; %FALSE when the term
 *   is not rare enough for this way, and nothing was added
 *
 * See the top of this file.
 */
gboolean
_sb_store_search_rare (SbStore     *self,
                       const char  *key,
                       guint        limit,
                       gint64       most,
                       GPtrArray   *ids,
                       GArray      *matches,
                       gint64      *n,
                       gboolean    *answered,
                       GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) local_error = NULL;
  glong n_pairs = g_utf8_strlen (key, -1) - 1;
  g_autofree double *pages = NULL;
  const char *best = NULL;
  double best_pages = G_MAXDOUBLE;
  glong best_at = -1;
  const char *p;
  glong i;

  *answered = FALSE;
  *n = 0;
  if (n_pairs < 3)
    return TRUE;
  n_pairs = MIN (n_pairs, RARE_PAIRS_MAX);

  /* How long each pair's list is (a pair that occurs twice is asked once). */
  pages = g_new (double, n_pairs);
  for (i = 0, p = key; i < n_pairs; i++, p = g_utf8_next_char (p))
    {
      g_autofree char *pair = pair_at (p);
      double *known = g_hash_table_lookup (seen, pair);

      if (known == NULL)
        {
          double measured = pair_pages (self, pair, strlen (pair));

          if (measured < 0)
            return TRUE;
          known = g_memdup2 (&measured, sizeof measured);
          g_hash_table_insert (seen, g_steal_pointer (&pair), known);
        }
      pages[i] = *known;
      if (pages[i] < best_pages)
        {
          best_pages = pages[i];
          best_at = i;
        }
    }
  /* The rarest pair and the rarer of its neighbours: three characters. */
  if (best_at == n_pairs - 1 || (best_at > 0 && pages[best_at - 1] < pages[best_at + 1]))
    best_at--;
  best = g_utf8_offset_to_pointer (key, best_at);

  rowids = candidates (self, best, &local_error);
  if (rowids == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (rowids == NULL)
    return TRUE;
  if (!check_candidates (self, rowids, key, limit, most, ids, matches, n, error))
    {
      if (ids != NULL)
        g_ptr_array_set_size (ids, 0);
      if (matches != NULL)
        g_array_set_size (matches, 0);
      return FALSE;
    }
  g_debug ("“%s”: %" G_GINT64_FORMAT " found among %u candidates", key, *n, rowids->len);
  *answered = TRUE;
  return TRUE;
}

/**
 * _sb_store_search_rowids:
 * @key: a search key, not empty
 * @rowids: where the rowids go
 *
 * Every message whose key holds @key, deleted or not, newest first: the message
 * list's filter (sb-store-message-filters.c).
 */
gboolean
_sb_store_search_rowids (SbStore     *self,
                         const char  *key,
                         GArray      *rowids,
                         GError     **error)
{
  g_autofree char *match = NULL;
  gboolean one_char;
  gboolean answered;
  sqlite3_stmt *stmt;
  gint64 n;
  int rc;

  /* Inside a transaction, messages added so far are indexed first. */
  if (!_sb_store_flush_search_index (self, error) ||
      !_sb_store_search_rare (self, key, 0, G_MAXINT64, NULL, rowids, &n, &answered, error))
    return FALSE;
  if (answered)
    return TRUE;

  match = _sb_store_search_match (key, &one_char);
  stmt = _sb_store_prepare (self, one_char
                            ? "SELECT rowid FROM message_chars WHERE message_chars MATCH ?1 "
                              "ORDER BY rowid DESC"
                            : "SELECT rowid FROM message_search WHERE message_search MATCH ?1 "
                              "ORDER BY rowid DESC",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, match);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_set_size (rowids, 0);
      return _sb_store_set_error (self, rc, error);
    }
  return TRUE;
}
