/* sb-test-sql.h — for tests that write to a campaign file as another program would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "sb-text.h"

/* sb_exchange_replaying () and the like, as a program that is not Sambot answers:
 * false (the history's trigger calls it, migrations/0012-history-entries.sql). */
static inline void
sb_test_sql_false (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  sqlite3_result_int (context, 0);
}

/* sb_text () as a program that is not Sambot but knows the campaign file would
 * write it: a text as it is (src/store/sb-store-texts.c unpacks; the tests that
 * use this write ASCII, which is never packed). */
static inline void
sb_test_sql_same (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  sqlite3_result_value (context, argv[0]);
}

/* sb_text (): a message's text unpacked (src/store/sb-store-texts.c). */
static inline void
sb_test_sql_unpack (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB)
    sqlite3_result_value (context, argv[0]);
  else
    sqlite3_result_text (context, sb_text_unpack (sqlite3_value_blob (argv[0]),
                                                  sqlite3_value_bytes (argv[0])),
                         -1, g_free);
}

/* What sb_id () and sb_moment () keep of a value they do not pack: a number as text
 * (as the TEXT columns of schema 14 did), anything else as it is. */
static inline void
sb_test_sql_unpacked (sqlite3_context *context,
                      sqlite3_value   *value)
{
  if (sqlite3_value_type (value) == SQLITE_INTEGER || sqlite3_value_type (value) == SQLITE_FLOAT)
    sqlite3_result_text (context, (const char *) sqlite3_value_text (value), -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_value (context, value);
}

/* sb_id () as a program that knows the campaign file would write it: a UUID in
 * canonical form (lower case) as its 16 bytes (src/store/sb-store-ids.c). */
static inline void
sb_test_sql_id (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *id = sqlite3_value_type (argv[0]) == SQLITE_TEXT
                   ? (const char *) sqlite3_value_text (argv[0]) : NULL;
  guint8 packed[16];
  guint n = 0;

  if (id == NULL || strlen (id) != 36)
    {
      sb_test_sql_unpacked (context, argv[0]);
      return;
    }
  for (guint i = 0; i < 36; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash ? id[i] != '-' : !(g_ascii_isdigit (id[i]) || (id[i] >= 'a' && id[i] <= 'f')))
        {
          sb_test_sql_unpacked (context, argv[0]);
          return;
        }
      if (!dash && n % 2 == 0)
        packed[n / 2] = g_ascii_xdigit_value (id[i]) << 4;
      else if (!dash)
        packed[n / 2] |= g_ascii_xdigit_value (id[i]);
      n += !dash;
    }
  sqlite3_result_blob (context, packed, sizeof packed, SQLITE_TRANSIENT);
}

/* sb_moment () likewise: "YYYY-MM-DDTHH:MM:SSZ" as its seconds since 1970. */
static inline void
sb_test_sql_moment (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  const char *text = sqlite3_value_type (argv[0]) == SQLITE_TEXT
                     ? (const char *) sqlite3_value_text (argv[0]) : NULL;
  g_autoptr(GDateTime) moment = NULL;
  g_autofree char *written = NULL;

  if (text != NULL && strlen (text) == 20 &&
      (moment = g_date_time_new_from_iso8601 (text, NULL)) != NULL &&
      g_str_equal ((written = g_date_time_format (moment, "%Y-%m-%dT%H:%M:%SZ")), text))
    sqlite3_result_int64 (context, g_date_time_to_unix (moment));
  else
    sb_test_sql_unpacked (context, argv[0]);
}

/* The functions the history's trigger calls to keep an entry's subject and moment. */
static inline void
sb_test_sql_register_history (sqlite3 *db)
{
  sqlite3_create_function (db, "sb_id", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sb_test_sql_id, NULL, NULL);
  sqlite3_create_function (db, "sb_moment", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           sb_test_sql_moment, NULL, NULL);
}

/* Each row of @sql on the file at @path, its columns joined by " | ", one line a row. */
static inline char *
sb_test_sql_lines (const char *path,
                   const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i ? " | " : "",
                                sqlite3_column_text (stmt, i) ? (const char *) sqlite3_column_text (stmt, i) : "-");
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
