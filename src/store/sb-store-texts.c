/* sb-store-texts.c — a message's texts, kept packed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `messages.original_text`, `translation_km` and `translation_en` hold a text as
 * UTF-8 (TEXT) when it is ASCII alone, and otherwise in SCSU (a BLOB, made by
 * sb_text_pack(), src/text/sb-text-pack.c): Khmer takes a byte a character instead
 * of three (docs/campaign-file.md, "Texts"). An empty text is always ''. Every read
 * of those columns goes through here, or through sb_text () in SQL; a TEXT value is
 * read as it is, so files and changes from before the packing read the same.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>

#include "sb-store-private.h"
#include "sb-text.h"

static void
bind_packed (sqlite3_stmt *stmt,
             int           index,
             const char   *text,
             gsize         length)
{
  gsize packed_length;
  guint8 *packed = sb_text_pack (text, length, &packed_length);

  if (packed != NULL)
    sqlite3_bind_blob (stmt, index, packed, (int) packed_length, g_free);
  else
    sqlite3_bind_text (stmt, index, text, (int) length, SQLITE_TRANSIENT);
}

gboolean
_sb_store_is_packed_column (const char *table,
                            const char *column)
{
  return strcmp (table, "messages") == 0 &&
         (strcmp (column, "original_text") == 0 || strcmp (column, "translation_km") == 0 ||
          strcmp (column, "translation_en") == 0);
}

void
_sb_bind_message_text (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  text = text != NULL ? text : "";
  bind_packed (stmt, index, text, strlen (text));
}

char *
_sb_value_message_text (sqlite3_value *value)
{
  const char *text;

  if (sqlite3_value_type (value) == SQLITE_BLOB)
    {
      char *unpacked = sb_text_unpack (sqlite3_value_blob (value),
                                       sqlite3_value_bytes (value));

      return unpacked != NULL ? unpacked : g_strdup ("");
    }
  text = (const char *) sqlite3_value_text (value);
  return g_strdup (text != NULL ? text : "");
}

char *
_sb_column_message_text (sqlite3_stmt *stmt,
                         int           index)
{
  return _sb_value_message_text (sqlite3_column_value (stmt, index));
}

/* sb_text (value): a text column's value as text (unpacked when it is packed). */
static void
sql_text (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  sqlite3_result_text (context, _sb_value_message_text (argv[0]), -1, g_free);
}

/* sb_packed (text): the value to keep in a text column (packed when smaller). */
static void
sql_packed (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  gsize packed_length;
  guint8 *packed;

  if (sqlite3_value_type (argv[0]) != SQLITE_TEXT)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }
  packed = sb_text_pack ((const char *) sqlite3_value_text (argv[0]),
                         sqlite3_value_bytes (argv[0]), &packed_length);
  if (packed != NULL)
    sqlite3_result_blob (context, packed, (int) packed_length, g_free);
  else
    sqlite3_result_value (context, argv[0]);
}

gboolean
_sb_store_register_text_functions (SbStore  *self,
                                   GError  **error)
{
  int rc = sqlite3_create_function (self->db, "sb_text", 1,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                    sql_text, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "sb_packed", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                  sql_packed, NULL, NULL);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}
