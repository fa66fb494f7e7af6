/* sb-store-search.c — the search indexes, fed from the messages themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema 8 (migrations/0008-search.sql, docs/schema-6.md "Search") keeps no copy
 * of the search key: two contentless FTS5 tables hold only the index, and the
 * triggers make the key from the row with the functions registered here. A search
 * means what it always meant: the message's key (sb_text_search_key() of its
 * reference, then of its sender, city, text and translations) contains the
 * query's key.
 *
 *   message_search  the key as threes of characters at their positions, and its
 *                   last two ("free the" → "fre ree ee_ e_t _th the he", schema 16:
 *                   migrations/0016-search-trigrams.sql): a query of three
 *                   characters or more is the phrase of its threes, one of two
 *                   asks for every token that begins with them; exact for any
 *                   substring
 *   message_chars   the distinct characters of the key: a query of one character
 *
 * The key's rules are versioned (sb_text_search_key_version(), stored in sort_keys
 * as 'message_search'): a contentless table can only forget what it indexed when it
 * is told the same tokens again, so a file whose index was made under other rules
 * gets it made again at open, before anything is written.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>

#include "sb-store-private.h"
#include "sb-text.h"

/* At most this many messages' keys are held at once while indexing in bulk. */
#define FLUSH_CHUNK 8192

#define SB_STORE_SEARCH_COUNT_MAX 1000

/* ------------------------------------------------------------------------ */
/* SQL functions                                                            */
/* ------------------------------------------------------------------------ */

static const char *
arg_text (sqlite3_value *value)
{
  const char *text = (const char *) sqlite3_value_text (value);

  return text != NULL ? text : "";
}

/* The texts a content key is made from, joined as _sb_message_content_key() joins
 * them (src/core/sb-campaign-messages.c): the same from a message and from its row.
 * None is NULL: sb_message_new () makes every text "", and arg_text () and
 * _sb_value_message_text () read a missing value as "". */
static char *
join_texts (const char *sender_name,
            const char *sender_city,
            const char *original_text,
            const char *translation_km,
            const char *translation_en)
{
  return g_strjoin (" ", sender_name, sender_city, original_text, translation_km,
                    translation_en, NULL);
}

/* What a content key was made from: join_texts (), hashed (64-bit FNV-1a). */
static guint64
hash_texts (const char *all)
{
  guint64 hash = 0xcbf29ce484222325;

  for (const guchar *p = (const guchar *) all; *p; p++)
    hash = (hash ^ *p) * 0x100000001b3;
  return hash;
}

typedef struct
{
  guint64  texts;
  char    *content_key;
} Hint;

static void
hint_free (gpointer data)
{
  Hint *hint = data;

  g_free (hint->content_key);
  g_free (hint);
}

/**
 * _sb_store_hint_content_key:
 *
 * Keeps the content key an import made in another thread for a message that waits
 * for the search index, so that the index does not make it again. It is used only
 * if the row's texts are still those it was made from.
 */
void
_sb_store_hint_content_key (SbStore          *self,
                            gint64            rowid,
                            const SbMessage  *message,
                            const char       *content_key)
{
  g_autofree char *all = NULL;
  Hint *hint;

  if (self->fts_pending_from == 0 || rowid < self->fts_pending_from)
    return;
  if (self->key_hints == NULL)
    self->key_hints = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, hint_free);
  all = join_texts (message->sender_name, message->sender_city, message->original_text,
                    message->translation_km, message->translation_en);
  hint = g_new (Hint, 1);
  hint->texts = hash_texts (all);
  hint->content_key = g_strdup (content_key);
  g_hash_table_insert (self->key_hints, g_memdup2 (&rowid, sizeof rowid), hint);
}

void
_sb_store_forget_search_hints (SbStore *self)
{
  g_clear_pointer (&self->key_hints, g_hash_table_unref);
  self->n_deferred = 0;
}

/* The reference's key, then the texts' key. */
static char *
join_keys (const char *ref_key,
           const char *content_key)
{
  if (*ref_key == '\0' || *content_key == '\0')
    return g_strconcat (ref_key, content_key, NULL);
  return g_strconcat (ref_key, " ", content_key, NULL);
}

/* sb_message_key (ref, sender_name, sender_city, original_text, translation_km,
 * translation_en [, rowid]): the message's search key, as _sb_message_content_key()
 * in src/core/sb-campaign-messages.c makes its texts' part; the reference's key
 * comes first. With the rowid, a content key the caller made already (a hint) is
 * taken if it was made from these texts. The triggers ask for the same key twice
 * in a row (one for each table): the last one is kept. */
static void
sql_message_key (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);
  const char *ref = arg_text (argv[0]);
  g_autofree char *original_text = _sb_value_message_text (argv[3]);
  g_autofree char *translation_km = _sb_value_message_text (argv[4]);
  g_autofree char *translation_en = _sb_value_message_text (argv[5]);
  g_autofree char *all = join_texts (arg_text (argv[1]), arg_text (argv[2]),
                                     original_text, translation_km, translation_en);
  g_autofree char *ref_key = NULL;
  g_autofree char *content_key = NULL;

  if (self->key_memo != NULL && g_str_equal (self->key_memo_ref, ref) &&
      g_str_equal (self->key_memo_all, all))
    {
      sqlite3_result_text (context, self->key_memo, -1, SQLITE_TRANSIENT);
      return;
    }

  ref_key = sb_text_search_key (ref);
  if (argc == 7 && self->key_hints != NULL)
    {
      gint64 rowid = sqlite3_value_int64 (argv[6]);
      Hint *hint = g_hash_table_lookup (self->key_hints, &rowid);

      if (hint != NULL && hint->texts == hash_texts (all))
        {
          content_key = g_steal_pointer (&hint->content_key);
          self->n_hints_taken++;
        }
      if (hint != NULL)
        g_hash_table_remove (self->key_hints, &rowid);
    }
  if (content_key == NULL)
    content_key = sb_text_search_key (all);
  g_free (self->key_memo);
  self->key_memo = join_keys (ref_key, content_key);
  g_free (self->key_memo_ref);
  self->key_memo_ref = g_strdup (ref);
  g_free (self->key_memo_all);
  self->key_memo_all = g_steal_pointer (&all);
  sqlite3_result_text (context, self->key_memo, -1, SQLITE_TRANSIENT);
}

/* One token: FTS5's "ascii" tokenizer keeps every byte >= 0x80 in a token, and a
 * key's ASCII is only letters, digits and the symbols the tables declare as token
 * characters (sb_text_search_key()); "_" never occurs in a key, so it stands for
 * the space between words. */
static void
append_piece (GString    *out,
              const char *piece,
              const char *end)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  for (const char *c = piece; c < end; c++)
    g_string_append_c (out, *c == ' ' ? '_' : *c);
}

/* The key's pieces of @n characters, each at its position, separated by spaces;
 * with @last_pair, the key's last two characters too (a query of two characters
 * finds them: no piece of three begins there). */
static char *
make_pieces (const char *key,
             guint       n,
             gboolean    last_pair)
{
  GString *out = g_string_sized_new (strlen (key) * (n + 1) + 1);
  const char *starts[4];    /* where the last characters began, by their number */
  guint count = 0;
  const char *p = key;

  g_assert (n >= 1 && n <= 3);
  for (;;)
    {
      if (count >= n)
        append_piece (out, starts[(count - n) % 4], p);
      if (*p == '\0')
        break;
      starts[count++ % 4] = p;
      p = g_utf8_next_char (p);
    }
  if (last_pair && count >= 2)
    append_piece (out, starts[(count - 2) % 4], p);
  return g_string_free (out, FALSE);
}

/* sb_pairs (key): schemas 8 to 15 indexed the key's pairs ("free the" → "fr re ee
 * e_ _t th he"; migrations/0008-search.sql and 0013-packed-texts.sql name it). This
 * Sambot runs those migrations only on the way to schema 16, in the same transaction
 * as 0016-search-trigrams.sql, which drops that index and makes its own: the pairs
 * would be work thrown away (4 of the 34 s that a 100,000-message file from schema 5
 * took), so there are none. A file older than 16 is never read as it is: opened
 * read-only, it is refused (sb_store_open()). */
static void
sql_pairs (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  sqlite3_result_text (context, "", 0, SQLITE_STATIC);
}

/* sb_grams (key): "free the" → "fre ree ee_ e_t _th the he". */
static void
sql_grams (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  sqlite3_result_text (context, make_pieces (arg_text (argv[0]), 3, TRUE), -1, g_free);
}

/* sb_chars (key): its distinct characters but the space, separated by spaces. The
 * characters below U+1800 (Latin, Khmer and most scripts a campaign sees) are
 * marked in a bitmap, the others in a table. */
static void
sql_chars (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *key = arg_text (argv[0]);
  guint32 seen_low[0x1800 / 32] = { 0 };
  g_autoptr(GHashTable) seen_high = NULL;
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        continue;
      if (c < 0x1800)
        {
          if (seen_low[c / 32] & (1u << (c % 32)))
            continue;
          seen_low[c / 32] |= 1u << (c % 32);
        }
      else
        {
          if (seen_high == NULL)
            seen_high = g_hash_table_new (g_direct_hash, g_direct_equal);
          if (!g_hash_table_add (seen_high, GUINT_TO_POINTER (c)))
            continue;
        }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, c);
    }
  sqlite3_result_text (context, g_string_free (out, FALSE), -1, g_free);
}

/* sb_lasting_key (key): @key, if this system would make it the same
 * (sb_text_search_key_is_lasting ()), or NULL. */
static void
sql_lasting_key (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *key = (const char *) sqlite3_value_text (argv[0]);

  if (sb_text_search_key_is_lasting (key))
    sqlite3_result_value (context, argv[0]);
  else
    sqlite3_result_null (context);
}

static void
sql_search_key_version (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  sqlite3_result_text (context, sb_text_search_key_version (), -1, SQLITE_STATIC);
}

gboolean
_sb_store_register_search_functions (SbStore  *self,
                                     GError  **error)
{
  /* Not SQLITE_DETERMINISTIC: the key follows src/text's rules, which change
   * between versions; nothing may index the functions themselves. */
  static const struct
  {
    const char *name;
    int         n_args;
    void      (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "sb_message_key", 6, sql_message_key },
    { "sb_message_key", 7, sql_message_key },
    { "sb_pairs", 1, sql_pairs },
    { "sb_grams", 1, sql_grams },
    { "sb_chars", 1, sql_chars },
    { "sb_lasting_key", 1, sql_lasting_key },
    { "sb_search_key_version", 0, sql_search_key_version },
  };

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      int rc = sqlite3_create_function_v2 (self->db, functions[i].name, functions[i].n_args,
                                           SQLITE_UTF8, self, functions[i].func,
                                           NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        return _sb_store_set_error (self, rc, error);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Indexing in bulk                                                         */
/* ------------------------------------------------------------------------ */

/* Indexes the messages from rowid @from on, FLUSH_CHUNK at a time: each key is made
 * once (temp.search_pending) and fed to both tables, one INSERT … SELECT each. */
static gboolean
index_from (SbStore  *self,
            gint64    from,
            GError  **error)
{
  if (!_sb_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS search_pending "
                             "(rowid INTEGER PRIMARY KEY, key TEXT NOT NULL)", error))
    return FALSE;
  for (;;)
    {
      sqlite3_stmt *stmt;
      gint64 last = 0;
      int rc;

      stmt = _sb_store_prepare (self,
                                "INSERT INTO temp.search_pending (rowid, key) "
                                "SELECT rowid, sb_message_key (ref, sender_name, sender_city, "
                                "original_text, translation_km, translation_en, rowid) "
                                "FROM messages WHERE rowid >= ?1 ORDER BY rowid "
                                "LIMIT " G_STRINGIFY (FLUSH_CHUNK),
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, from);
      if (!_sb_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) == 0)
        return TRUE;

      stmt = _sb_store_prepare (self, "SELECT max (rowid) FROM temp.search_pending", error);
      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return _sb_store_set_error (self, rc, error);

      if (!_sb_store_exec (self, "INSERT INTO message_search (rowid, grams) "
                                 "SELECT rowid, sb_grams (key) FROM temp.search_pending", error) ||
          !_sb_store_exec (self, "INSERT INTO message_chars (rowid, chars) "
                                 "SELECT rowid, sb_chars (key) FROM temp.search_pending", error) ||
          !_sb_store_exec (self, "DELETE FROM temp.search_pending", error))
        return FALSE;
      from = last + 1;
    }
}

/**
 * _sb_store_flush_search_index:
 *
 * Indexes the messages added in the current transaction (the triggers defer them,
 * sb_fts_defer () in sb-store.c: written row by row, FTS5 would flush a tiny segment
 * at every statement and savepoint). Runs before every commit, and before a search
 * inside a transaction so that it sees the messages added so far.
 */
gboolean
_sb_store_flush_search_index (SbStore  *self,
                              GError  **error)
{
  gint64 from = self->fts_pending_from;

  if (from == 0)
    return TRUE;
  self->fts_pending_from = 0;
  self->n_hints_taken = 0;
  if (!index_from (self, from, error))
    {
      _sb_store_exec (self, "DELETE FROM temp.search_pending", NULL);
      self->fts_pending_from = from;
      return FALSE;
    }
  g_debug ("Indexed %u messages for search, %u with the keys made by the caller",
           self->n_deferred, self->n_hints_taken);
  _sb_store_forget_search_hints (self);
  return TRUE;
}

/**
 * _sb_store_make_search_keys:
 *
 * Makes the search indexes again from the messages under this version's key rules
 * (12.9 s at 100,000 messages), in its own transaction. A read-only file keeps its
 * index: a search may then miss what the new rules would find, until the file is
 * opened for writing.
 */
gboolean
_sb_store_make_search_keys (SbStore  *self,
                            GError  **error)
{
  g_info ("The search index was made under other key rules, these are “%s”: "
          "making it again", sb_text_search_key_version ());
  if (!_sb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_sb_store_exec (self, "INSERT INTO message_search (message_search) VALUES ('delete-all')",
                       error) ||
      !_sb_store_exec (self, "INSERT INTO message_chars (message_chars) VALUES ('delete-all')",
                       error) ||
      /* Fewer, larger segments while it is fed, as in 0016-search-trigrams.sql. */
      !_sb_store_exec (self, "INSERT INTO message_search (message_search, rank) "
                             "VALUES ('hashsize', 33554432)", error) ||
      !index_from (self, 0, error) ||
      !_sb_store_exec (self, "INSERT INTO message_search (message_search, rank) "
                             "VALUES ('hashsize', 1048576)", error) ||
      !_sb_store_exec (self, "INSERT OR REPLACE INTO sort_keys (name, collation) "
                             "VALUES ('message_search', sb_search_key_version ())", error) ||
      !_sb_store_exec (self, "COMMIT", error))
    {
      _sb_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Searching                                                                */
/* ------------------------------------------------------------------------ */

/**
 * _sb_store_search_match:
 * @key: a search key (sb_text_search_key()), not empty
 * @one_char: (out): %TRUE when the query is for message_chars, %FALSE for
 *   message_search
 *
 * Returns: (transfer full): the FTS5 query for messages whose key contains @key:
 *   one character; two, as the first two of a token; or the phrase of the key's
 *   threes of characters
 */
char *
_sb_store_search_match (const char *key,
                        gboolean   *one_char)
{
  glong length = g_utf8_strlen (key, -1);
  g_autofree char *tokens = NULL;
  GString *match = g_string_new ("\"");

  *one_char = length < 2;
  tokens = length == 0 ? g_strdup ("") : make_pieces (key, MIN (length, 3), FALSE);
  /* One FTS5 string: a doubled quote is a quote (a key has none; any text given
   * here stays a literal). */
  for (const char *p = tokens; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append (match, length == 2 ? "\" *" : "\"");
  return g_string_free (match, FALSE);
}

/**
 * sb_store_search_messages:
 * @key: a search key (see sb_text_search_key())
 * @limit: the most ids to return
 * @total: (out) (optional): how many messages match in all, counted up to
 *   SB_STORE_SEARCH_COUNT_MAX + 1: a larger value means "more than
 *   SB_STORE_SEARCH_COUNT_MAX" ("1,000+ messages"), which is all a person needs,
 *   and counting every match of a common term in a large campaign is slow.
 *
 * Finds messages whose search key contains @key, in one pass over the index,
 * newest first: the first @limit are kept, the rest only counted.
 *
 * Returns: (transfer full) (element-type utf8): matching message ids, newest first
 */
GPtrArray *
sb_store_search_messages (SbStore     *self,
                          const char  *key,
                          guint        limit,
                          gint64      *total,
                          GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *match = NULL;
  gboolean one_char;
  sqlite3_stmt *stmt;
  gint64 n = 0;
  gint64 most;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (total != NULL)
    *total = 0;
  if (*key == '\0')
    return g_steal_pointer (&ids);
  /* Inside a transaction, messages added so far are indexed first. */
  if (!_sb_store_flush_search_index (self, error))
    return NULL;

  most = total != NULL ? MAX ((gint64) limit, SB_STORE_SEARCH_COUNT_MAX + 1) : (gint64) limit;
  match = _sb_store_search_match (key, &one_char);
  stmt = _sb_store_prepare (self, one_char
                            ? "SELECT m.id FROM message_chars f JOIN messages m "
                              "ON m.rowid = f.rowid "
                              "WHERE message_chars MATCH ?1 AND m.status != 'deleted' "
                              "ORDER BY f.rowid DESC LIMIT ?2"
                            : "SELECT m.id FROM message_search f JOIN messages m "
                              "ON m.rowid = f.rowid "
                              "WHERE message_search MATCH ?1 AND m.status != 'deleted' "
                              "ORDER BY f.rowid DESC LIMIT ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, most);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n < limit)
        g_ptr_array_add (ids, _sb_column_dup (stmt, 0));
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  if (total != NULL)
    *total = MIN (n, SB_STORE_SEARCH_COUNT_MAX + 1);
  return g_steal_pointer (&ids);
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
  sqlite3_stmt *stmt;
  int rc;

  /* Inside a transaction, messages added so far are indexed first. */
  if (!_sb_store_flush_search_index (self, error))
    return FALSE;
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
