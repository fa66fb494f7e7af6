/* sb6-functions.c — the app's SQL functions as a loadable SQLite extension, for the
 * schema-6 measurements in bench/schema6/ (sqlite3 shell or Python's sqlite3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The measurements run SQL outside the app, but the keys must be the app's own:
 * sb_text_search_key() (Khmer canonical order, case folding) and ICU's sort keys
 * come from src/text, linked in. Functions:
 *
 *   sb_message_key (ref, sender_name, sender_city, original, translation_km,
 *                   translation_en)      the search key, as _sb_message_search_key()
 *   sb_bigrams (key)                     the key as tokens of two characters, in order,
 *                                        a space written "_" (the positional index)
 *   sb_chars (key)                       the distinct characters of a key (the
 *                                        one-character index)
 *   sb_grams (key)                       the distinct 1- and 2-character pieces of a
 *                                        key (a presence index, measured for comparison)
 *   sb_text_key (text)                   sb_text_search_key()
 *   sb_collation_key (text)              ICU's "km" sort key (src/store/sb-store-sort-keys.c)
 *   sb_uuid7 (ms)                        a UUIDv7 as a 16-byte blob for the time @ms
 *                                        (Unix milliseconds; now when NULL)
 *   sb_uuid_blob (text)                  a schema-5 id ("0156…-…") as its 16 bytes
 *   sb_scsu (text), sb_unscsu (blob)     text in ICU's SCSU encoding and back (Khmer
 *                                        in one byte a character instead of three)
 */

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <glib.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "sb-text.h"

static const char *
arg_text (sqlite3_value *value)
{
  const char *text = (const char *) sqlite3_value_text (value);

  return text != NULL ? text : "";
}

static void
sql_message_key (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  g_autofree char *ref_key = sb_text_search_key (arg_text (argv[0]));
  g_autofree char *all = g_strjoin (" ", arg_text (argv[1]), arg_text (argv[2]),
                                    arg_text (argv[3]), arg_text (argv[4]),
                                    arg_text (argv[5]), NULL);
  g_autofree char *content_key = sb_text_search_key (all);
  char *key;

  /* As _sb_message_search_key() in src/core/sb-campaign-messages.c. */
  if (*ref_key == '\0' || *content_key == '\0')
    key = g_strconcat (ref_key, content_key, NULL);
  else
    key = g_strconcat (ref_key, " ", content_key, NULL);
  sqlite3_result_text (context, key, -1, g_free);
}

static void
sql_text_key (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  sqlite3_result_text (context, sb_text_search_key (arg_text (argv[0])), -1, g_free);
}

/* The distinct pieces of one and two characters of @key, without the spaces that
 * separate words (a search key never starts or ends with one). A piece of two
 * characters is written as-is: FTS5's "ascii" tokenizer keeps every byte >= 0x80
 * in a token, and the key's ASCII is only letters, digits and a few symbols that
 * the table declares as token characters. */
static void
sql_grams (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *key = arg_text (argv[0]);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);
  const char *prev = NULL;

  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      char *one;

      if (*p == ' ')
        {
          prev = NULL;
          continue;
        }
      one = g_strndup (p, next - p);
      if (g_hash_table_add (seen, one))
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, one);
        }
      if (prev != NULL)
        {
          char *two = g_strndup (prev, next - prev);

          if (g_hash_table_add (seen, two))
            {
              g_string_append_c (out, ' ');
              g_string_append (out, two);
            }
        }
      prev = p;
    }
  sqlite3_result_text (context, g_string_free (out, FALSE), -1, g_free);
}

/* "free the" → "fr re ee e_ _t th he": FTS5's "ascii" tokenizer then indexes each
 * pair at its position, so a phrase of pairs finds any substring of two characters
 * or more exactly. "_" never occurs in a key (it is a separator there). */
static void
sql_bigrams (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  const char *key = arg_text (argv[0]);
  GString *out = g_string_sized_new (strlen (key) * 2);

  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      const char *q = g_utf8_next_char (p);

      if (*q == '\0')
        break;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      for (const char *c = p; c < g_utf8_next_char (q); c++)
        g_string_append_c (out, *c == ' ' ? '_' : *c);
    }
  sqlite3_result_text (context, g_string_free (out, FALSE), -1, g_free);
}

static void
sql_chars (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *key = arg_text (argv[0]);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || !g_hash_table_add (seen, GUINT_TO_POINTER (c)))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, c);
    }
  sqlite3_result_text (context, g_string_free (out, FALSE), -1, g_free);
}

static void
sql_collation_key (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  gsize len = 0;
  guint8 *key;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  key = sb_text_collation_key ((const char *) sqlite3_value_text (argv[0]),
                               sqlite3_value_bytes (argv[0]), "km", &len);
  sqlite3_result_blob64 (context, key, len, g_free);
}

/* RFC 9562 UUIDv7: 48 bits of Unix milliseconds, version 7, 74 random bits. */
static void
sql_uuid7 (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  guint8 *uuid = g_malloc (16);
  gint64 ms = argc > 0 && sqlite3_value_type (argv[0]) != SQLITE_NULL
              ? sqlite3_value_int64 (argv[0]) : g_get_real_time () / 1000;

  for (int i = 0; i < 6; i++)
    uuid[i] = (guint8) (ms >> (40 - 8 * i));
  sqlite3_randomness (10, uuid + 6);
  uuid[6] = 0x70 | (uuid[6] & 0x0f);
  uuid[8] = 0x80 | (uuid[8] & 0x3f);
  sqlite3_result_blob (context, uuid, 16, g_free);
}

static void
sql_uuid_blob (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  guint8 *uuid;
  int n = 0;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  uuid = g_malloc (16);
  for (const char *p = text; *p && n < 32; p++)
    {
      int v = g_ascii_xdigit_value (*p);

      if (v < 0)
        continue;
      uuid[n / 2] = n % 2 ? (uuid[n / 2] | v) : (guint8) (v << 4);
      n++;
    }
  if (n != 32)
    {
      g_free (uuid);
      sqlite3_result_error (context, "not a UUID", -1);
      return;
    }
  sqlite3_result_blob (context, uuid, 16, g_free);
}

static void
convert (sqlite3_context *context,
         const char      *to,
         const char      *from,
         const char      *in,
         int              in_len,
         gboolean         blob)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t capacity = in_len * 2 + 16;
  char *out = g_malloc (capacity);
  int32_t len = ucnv_convert (to, from, out, capacity, in, in_len, &status);

  if (U_FAILURE (status))
    {
      g_free (out);
      sqlite3_result_error (context, u_errorName (status), -1);
      return;
    }
  if (blob)
    sqlite3_result_blob (context, out, len, g_free);
  else
    sqlite3_result_text (context, out, len, g_free);
}

static void
sql_scsu (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text = arg_text (argv[0]);

  convert (context, "SCSU", "UTF-8", text, strlen (text), TRUE);
}

static void
sql_unscsu (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  convert (context, "UTF-8", "SCSU", sqlite3_value_blob (argv[0]),
           sqlite3_value_bytes (argv[0]), FALSE);
}

/* sb_text (value): a message's text as the app reads it (src/store/sb-store-texts.c):
 * unpacked when schema 13 packed it, as it is otherwise. */
static void
sql_text (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  char *text;

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  text = sb_text_unpack (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]));
  sqlite3_result_text (context, text != NULL ? text : "", -1, text != NULL ? g_free : SQLITE_STATIC);
}

/* sb_bulk (): whether the derived data (search index, tallies) waits for a bulk
 * rebuild; in the app the store says so inside an import's transaction, as
 * sb_fts_defer() does today. sb_set_bulk (on) switches it here. sb_replaying ():
 * whether a changeset from another replica is being applied (always 0 here). */
static int bulk;

static void
sql_bulk (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_int (context, bulk);
}

static void
sql_set_bulk (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  bulk = sqlite3_value_int (argv[0]) != 0;
  sqlite3_result_int (context, bulk);
}

/* sb_action (): the history entry of the operation in progress; sb_set_action (id)
 * sets it (NULL: none, and the field triggers stay quiet). */
static void *action;
static int action_len;

static void
sql_action (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  if (action == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_blob (context, action, action_len, SQLITE_TRANSIENT);
}

static void
sql_set_action (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  g_clear_pointer (&action, g_free);
  if (sqlite3_value_type (argv[0]) == SQLITE_BLOB)
    {
      action_len = sqlite3_value_bytes (argv[0]);
      action = g_memdup2 (sqlite3_value_blob (argv[0]), action_len);
    }
  sqlite3_result_null (context);
}

static void
sql_replaying (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  sqlite3_result_int (context, 0);
}

int sqlite3_sbfunctions_init (sqlite3                     *db,
                              char                       **error,
                              const sqlite3_api_routines  *api);

int
sqlite3_sbfunctions_init (sqlite3                     *db,
                          char                       **error,
                          const sqlite3_api_routines  *api)
{
  const int pure = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  SQLITE_EXTENSION_INIT2 (api);
  sqlite3_create_function (db, "sb_message_key", 6, pure, NULL, sql_message_key, NULL, NULL);
  sqlite3_create_function (db, "sb_text_key", 1, pure, NULL, sql_text_key, NULL, NULL);
  sqlite3_create_function (db, "sb_grams", 1, pure, NULL, sql_grams, NULL, NULL);
  sqlite3_create_function (db, "sb_bigrams", 1, pure, NULL, sql_bigrams, NULL, NULL);
  sqlite3_create_function (db, "sb_chars", 1, pure, NULL, sql_chars, NULL, NULL);
  sqlite3_create_function (db, "sb_collation_key", 1, pure, NULL, sql_collation_key, NULL, NULL);
  sqlite3_create_function (db, "sb_uuid7", 0, SQLITE_UTF8, NULL, sql_uuid7, NULL, NULL);
  sqlite3_create_function (db, "sb_uuid7", 1, SQLITE_UTF8, NULL, sql_uuid7, NULL, NULL);
  sqlite3_create_function (db, "sb_uuid_blob", 1, pure, NULL, sql_uuid_blob, NULL, NULL);
  sqlite3_create_function (db, "sb_scsu", 1, pure, NULL, sql_scsu, NULL, NULL);
  sqlite3_create_function (db, "sb_unscsu", 1, pure, NULL, sql_unscsu, NULL, NULL);
  sqlite3_create_function (db, "sb_text", 1, pure, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_bulk", 0, SQLITE_UTF8, NULL, sql_bulk, NULL, NULL);
  sqlite3_create_function (db, "sb_set_bulk", 1, SQLITE_UTF8, NULL, sql_set_bulk, NULL, NULL);
  sqlite3_create_function (db, "sb_replaying", 0, SQLITE_UTF8, NULL, sql_replaying, NULL, NULL);
  sqlite3_create_function (db, "sb_action", 0, SQLITE_UTF8, NULL, sql_action, NULL, NULL);
  sqlite3_create_function (db, "sb_set_action", 1, SQLITE_UTF8, NULL, sql_set_action, NULL, NULL);
  return SQLITE_OK;
}
