/* sb-store-message-filters.c — the message list from indexes: every filter but the search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/schema-6.md, "The message list": the order is the list of rowids one index gives
 * (the day received, or the sender's sort key), and each filter is the set of rowids
 * one index gives (status, channel, language, office, a detainee's copies, the
 * messages waiting for a Khmer translation), kept as one bit a rowid; C walks the
 * order and keeps the rowids in every set. Orders and sets are kept until the campaign
 * changes (a write of this connection, or a commit of another one), so changing the
 * sort or a filter back and forth reads nothing again. Reading the table itself and
 * sorting would take seconds at a million messages.
 *
 * A text search is one more set: the rowids the search indexes give
 * (_sb_store_search_rowids(), sb-store-search.c), kept like the others.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"

/* Sets kept at most; past that they are dropped and read again when needed. */
#define MAX_SETS 64

typedef struct
{
  guint8 *bits;
} ListSet;

struct _SbStoreListCache
{
  sqlite3    *db;
  gint64      changes;        /* sqlite3_total_changes64 () when read */
  gint64      data_version;   /* PRAGMA data_version: commits of other connections */
  gint64      min_rowid;
  gint64      max_rowid;
  GArray     *orders[2];      /* rowids by date, by sender key: ascending, or NULL */
  GHashTable *sets;           /* "filter\037value" → ListSet */
};

static void
list_set_free (gpointer data)
{
  ListSet *set = data;

  g_free (set->bits);
  g_free (set);
}

void
_sb_store_list_cache_free (SbStoreListCache *cache)
{
  if (cache == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cache->orders); i++)
    g_clear_pointer (&cache->orders[i], g_array_unref);
  g_hash_table_unref (cache->sets);
  g_free (cache);
}

/* Prepared each time, not kept with the others (sb-store-statements.c): it runs once
 * per change of the campaign, and a kept statement that names an index dropped since
 * would fail when run instead of when prepared. */
static gboolean
read_rowids (SbStore    *self,
             const char *sql,
             const char *value,
             GArray     *into,
             GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return FALSE;   /* an index named in @sql is gone: not an error, the SQL answers */
    }
  if (value != NULL)
    _sb_bind_text (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (into, rowid);
    }
  if (rc != SQLITE_DONE)
    _sb_store_set_error (self, rc, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* Copies a detainee may have before its messages are read side by side with all the
 * messages' ids rather than looked up one by one: a look-up costs about eight rows of
 * the walk (measured at a million messages: 704,062 look-ups 285 ms, the walk of a
 * million ids 70 ms). */
#define WALK_FRACTION 8

static gboolean
step_row (SbStore      *self,
          sqlite3_stmt *stmt,
          gboolean     *failed,
          GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE && !*failed)
    {
      _sb_store_set_error (self, rc, error);
      *failed = TRUE;
    }
  return FALSE;
}

/* The rowids of the messages of a detainee with many copies. A detainee's copies are
 * one range of the copies' key, in message id order (schema 10), and the messages'
 * ids are one index in the same order: the two are walked side by side (a merge),
 * where looking each message up by its id cost a search of the index per copy.
 * FALSE with @error unset when the detainee has too few copies for it to pay (or an
 * index is not there): then filter_sql's look-ups answer. */
static gboolean
read_detainee_rowids (SbStore    *self,
                      const char *detainee_id,
                      gint64      n_messages,
                      GArray     *into,
                      GError    **error)
{
  sqlite3_stmt *count = NULL, *copies = NULL, *messages = NULL;
  gboolean failed = FALSE, more_copies, more_messages;
  gint64 enough = MAX (1, n_messages / WALK_FRACTION);

  if (sqlite3_prepare_v2 (self->db, "SELECT count (*) FROM (SELECT 1 FROM copies "
                                    "WHERE detainee_id = ?1 LIMIT ?2)", -1, &count, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT message_id FROM copies WHERE detainee_id = ?1 "
                                    "ORDER BY message_id", -1, &copies, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT id, rowid FROM messages "
                                    "INDEXED BY sqlite_autoindex_messages_1 ORDER BY id",
                          -1, &messages, NULL) != SQLITE_OK)
    goto out;
  _sb_bind_text (count, 1, detainee_id);
  sqlite3_bind_int64 (count, 2, enough);
  if (!step_row (self, count, &failed, error) || sqlite3_column_int64 (count, 0) < enough)
    goto out;

  _sb_bind_text (copies, 1, detainee_id);
  more_copies = step_row (self, copies, &failed, error);
  more_messages = step_row (self, messages, &failed, error);
  while (more_copies && more_messages)
    {
      int order = g_strcmp0 ((const char *) sqlite3_column_text (copies, 0),
                             (const char *) sqlite3_column_text (messages, 0));

      if (order == 0)
        {
          gint64 rowid = sqlite3_column_int64 (messages, 1);

          g_array_append_val (into, rowid);
        }
      if (order <= 0)
        more_copies = step_row (self, copies, &failed, error);
      if (order >= 0)
        more_messages = step_row (self, messages, &failed, error);
    }
  sqlite3_finalize (count);
  sqlite3_finalize (copies);
  sqlite3_finalize (messages);
  return !failed;

out:
  sqlite3_finalize (count);
  sqlite3_finalize (copies);
  sqlite3_finalize (messages);
  return FALSE;
}

/* Returns: (transfer none) (nullable): the cache, read again if the campaign changed;
 * %NULL with @error set on a failure. Inside a transaction, what is read may be rolled
 * back without the counters seeing it: @kept is then FALSE and the caller frees it. */
static SbStoreListCache *
current_cache (SbStore   *self,
               gboolean  *kept,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  SbStoreListCache *cache = self->list_cache;
  gint64 changes = sqlite3_total_changes64 (self->db);
  gint64 data_version = _sb_store_pragma_int (self, "PRAGMA data_version", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *kept = sqlite3_get_autocommit (self->db) != 0;
  if (*kept && cache != NULL && cache->db == self->db && cache->changes == changes &&
      cache->data_version == data_version)
    return cache;

  g_clear_pointer (&self->list_cache, _sb_store_list_cache_free);
  cache = g_new0 (SbStoreListCache, 1);
  cache->db = self->db;
  cache->changes = changes;
  cache->data_version = data_version;
  cache->max_rowid = _sb_store_pragma_int (self, "SELECT coalesce (max (rowid), 0) FROM messages",
                                           &local_error);
  if (local_error == NULL)
    cache->min_rowid = _sb_store_pragma_int (self, "SELECT coalesce (min (rowid), 1) FROM messages",
                                             &local_error);
  cache->sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, list_set_free);
  if (local_error != NULL)
    {
      _sb_store_list_cache_free (cache);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (*kept)
    self->list_cache = cache;
  return cache;
}

/* Returns: (transfer none) (nullable): the rowids in ascending order, read once; %NULL
 * when the index is missing (@error unset) or on a failure (@error set). */
static GArray *
ordered_rowids (SbStore            *self,
                SbStoreListCache   *cache,
                SbStoreMessageSort  sort,
                GError            **error)
{
  guint which = sort == SB_STORE_MESSAGE_SORT_SENDER;
  g_autoptr(GArray) rowids = NULL;

  if (cache->orders[which] != NULL)
    return cache->orders[which];
  rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), cache->max_rowid + 1);
  if (!read_rowids (self, which ? "SELECT rowid FROM messages INDEXED BY messages_sender_sort "
                                  "ORDER BY sender_sort_key, rowid"
                                : "SELECT rowid FROM messages INDEXED BY messages_received_on "
                                  "ORDER BY received_on, rowid",
                    NULL, rowids, error))
    return NULL;
  cache->orders[which] = g_steal_pointer (&rowids);
  return cache->orders[which];
}

/* The statements that read each filter's rowids. Every one is answered from an index
 * when the campaign has it (docs/schema-6.md names them) and from the table otherwise:
 * slower the first time, the same set. */
static const struct
{
  const char *name;
  const char *sql;
} filter_sql[] = {
  { "status", "SELECT rowid FROM messages WHERE status = ?1" },
  { "channel", "SELECT rowid FROM messages WHERE channel = ?1" },
  { "office", "SELECT rowid FROM messages WHERE office_id = ?1" },
  { "language", "SELECT rowid FROM messages WHERE language = ?1" },
  /* A detainee's copies are one range of the copies' key, in message order
   * (schema 10): their messages looked up one by one, when they are few
   * (read_detainee_rowids () walks the many). */
  { "detainee", "SELECT m.rowid FROM copies c JOIN messages m ON m.id = c.message_id "
                "WHERE c.detainee_id = ?1" },
  { "translation", "SELECT rowid FROM messages "
                   "WHERE language NOT IN ('km', '') AND translation_km = ''" },
};

#define FILTER_DETAINEE    4
#define FILTER_TRANSLATION 5

/* Keeps @rowids as a set named @key (taken). */
static const guint8 *
add_set (SbStoreListCache *cache,
         char             *key,
         GArray           *rowids)
{
  ListSet *set = g_new0 (ListSet, 1);

  set->bits = g_malloc0 (cache->max_rowid / 8 + 1);
  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);

      /* Read in the same state of the campaign as max_rowid: never beyond it. */
      if (rowid > 0 && rowid <= cache->max_rowid)
        set->bits[rowid / 8] |= 1 << (rowid % 8);
    }
  g_hash_table_insert (cache->sets, key, set);
  return set->bits;
}

/* Returns: (transfer none) (nullable): the set of rowids filter @f has for @value */
static const guint8 *
filter_bits (SbStore           *self,
             SbStoreListCache  *cache,
             guint              f,
             const char        *value,
             GError           **error)
{
  g_autofree char *key = g_strdup_printf ("%s\037%s", filter_sql[f].name, value ? value : "");
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) local_error = NULL;
  ListSet *set = g_hash_table_lookup (cache->sets, key);
  gboolean read;

  if (set != NULL)
    return set->bits;
  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (f == FILTER_DETAINEE && value != NULL &&
      read_detainee_rowids (self, value, cache->max_rowid, rowids, &local_error))
    return add_set (cache, g_steal_pointer (&key), rowids);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  read = read_rowids (self, filter_sql[f].sql, value, rowids, &local_error);
  if (!read)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return add_set (cache, g_steal_pointer (&key), rowids);
}

/* Returns: (transfer none) (nullable): the set of rowids whose key holds @search_key */
static const guint8 *
search_bits (SbStore           *self,
             SbStoreListCache  *cache,
             const char        *search_key,
             GError           **error)
{
  g_autofree char *key = g_strdup_printf ("search\037%s", search_key);
  g_autoptr(GArray) rowids = NULL;
  ListSet *set = g_hash_table_lookup (cache->sets, key);

  if (set != NULL)
    return set->bits;
  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!_sb_store_search_rowids (self, search_key, rowids, error))
    return NULL;
  return add_set (cache, g_steal_pointer (&key), rowids);
}

static inline gboolean
has_value (const char *value)
{
  return value != NULL && *value != '\0';
}

/**
 * _sb_store_query_message_rowids_fast:
 * @query: filters, the search and the order
 *
 * Returns: (transfer full) (nullable): the rowids of the matching messages in order,
 *   as sb_store_query_message_rowids() gives them; %NULL without @error when the
 *   indexes or the query do not allow it (the SQL answers then)
 */
GArray *
_sb_store_query_message_rowids_fast (SbStore                   *self,
                                     const SbStoreMessageQuery *query,
                                     GError                   **error)
{
  const char *values[G_N_ELEMENTS (filter_sql)] = {
    has_value (query->status) ? query->status : "deleted",
    query->channel, query->office_id, query->language, query->detainee_id,
    NULL,
  };
  const guint8 *sets[G_N_ELEMENTS (filter_sql) + 1];
  guint n_sets = 0;
  gboolean keep_status = has_value (query->status);
  gboolean kept;
  SbStoreListCache *cache;
  GArray *order;
  GArray *result = NULL;

  if (self->list_sql_only)
    return NULL;
  /* Stale keys (another ICU) leave the sender order to the collation, in SQL. */
  if (!(query->sort == SB_STORE_MESSAGE_SORT_DATE ||
        (query->sort == SB_STORE_MESSAGE_SORT_SENDER && !self->sort_keys_stale)))
    return NULL;

  /* Inside a transaction, messages added so far are indexed first: before the
   * cache is taken, as that is a write. */
  if (has_value (query->search_key) && !_sb_store_flush_search_index (self, error))
    return NULL;
  cache = current_cache (self, &kept, error);
  if (cache == NULL)
    return NULL;
  /* Room for every set this query may add: none is dropped while it is in use. */
  if (g_hash_table_size (cache->sets) > MAX_SETS - G_N_ELEMENTS (filter_sql) - 1)
    g_hash_table_remove_all (cache->sets);
  order = ordered_rowids (self, cache, query->sort, error);
  if (order == NULL)
    goto out;
  /* One bit a rowid: a file with huge gaps in its rowids (or rowids below 1, which
   * only a hand-made file has) is left to the SQL. */
  if (cache->max_rowid > 64 * (gint64) order->len + 4096 || cache->min_rowid < 1)
    goto out;

  for (guint f = 0; f < G_N_ELEMENTS (filter_sql); f++)
    {
      gboolean wanted = f == 0 || has_value (values[f]) ||
                        (f == FILTER_TRANSLATION && query->needs_translation);

      if (!wanted)
        continue;
      sets[n_sets] = filter_bits (self, cache, f, values[f], error);
      if (sets[n_sets] == NULL)
        goto out;
      n_sets++;
    }
  if (has_value (query->search_key))
    {
      sets[n_sets] = search_bits (self, cache, query->search_key, error);
      if (sets[n_sets] == NULL)
        goto out;
      n_sets++;
    }

  result = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  for (guint i = 0; i < order->len; i++)
    {
      gint64 rowid = g_array_index (order, gint64, query->descending ? order->len - 1 - i : i);
      gsize byte = rowid / 8;
      guint8 bit = 1 << (rowid % 8);
      gboolean member;

      /* sets[0]: the status asked for, or the deleted messages to leave out. */
      member = ((sets[0][byte] & bit) != 0) == keep_status;
      for (guint s = 1; member && s < n_sets; s++)
        member = (sets[s][byte] & bit) != 0;
      if (member)
        g_array_append_val (result, rowid);
    }

out:
  if (!kept)
    _sb_store_list_cache_free (cache);
  return result;
}

/**
 * _sb_store_set_list_fast:
 * @fast: %FALSE to answer the message list in SQL only (the tests compare both)
 */
void
_sb_store_set_list_fast (SbStore  *self,
                         gboolean  fast)
{
  self->list_sql_only = !fast;
}
