/* sb-store-ids.c — ids and moments kept small where the file allows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ids are UUIDs written as 36 characters ("01a24c55-485f-7007-8227-e85ed29114e5"),
 * moments 20 ("2016-08-08T09:00:00Z"). Where a column is the store's own and no other
 * office reads it (the history's entries: migrations/0015-history-ids.sql), an id in
 * that canonical form (lower case) is kept as its 16 bytes, a BLOB, and a moment in
 * that form as its seconds since 1970, an INTEGER; anything else (an empty subject, an
 * id or a moment of another form from an older campaign) stays TEXT. The forms never
 * compare equal, so a lookup packs what it looks for the same way: sb_id () in SQL,
 * _sb_bind_id () in C (and SB_HISTORY_OF_ENTITY also looks for the id as written, which
 * another program may have kept). The view `history` writes both out again with
 * SQLite's own functions, so any program reads them.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>

#include "sb-store-private.h"

#define ID_LENGTH 36
#define ID_BYTES 16

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* %TRUE, with its bytes in @packed, when @id is a UUID in canonical form. */
static gboolean
pack_id (const char *id,
         gsize       length,
         guint8      packed[ID_BYTES])
{
  guint n = 0;

  if (id == NULL || length != ID_LENGTH)
    return FALSE;
  /* Each group has an even number of digits: a byte never straddles a dash. */
  for (gsize i = 0; i < ID_LENGTH; i++)
    {
      int high, low;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (id[i] != '-')
            return FALSE;
          continue;
        }
      high = hex_digit (id[i]);
      low = hex_digit (id[++i]);
      if (high < 0 || low < 0)
        return FALSE;
      packed[n++] = (guint8) (high << 4 | low);
    }
  return TRUE;
}

static char *
unpack_id (const guint8 *packed)
{
  static const char digits[] = "0123456789abcdef";
  char *id = g_malloc (ID_LENGTH + 1);
  char *p = id;

  for (guint n = 0; n < ID_BYTES; n++)
    {
      if (n == 4 || n == 6 || n == 8 || n == 10)
        *p++ = '-';
      *p++ = digits[packed[n] >> 4];
      *p++ = digits[packed[n] & 0xf];
    }
  *p = '\0';
  return id;
}

/* Binds @id as the file keeps it (see the top of this file). */
void
_sb_bind_id (sqlite3_stmt *stmt,
             int           index,
             const char   *id)
{
  guint8 packed[ID_BYTES];

  if (id != NULL && pack_id (id, strlen (id), packed))
    sqlite3_bind_blob (stmt, index, packed, ID_BYTES, SQLITE_TRANSIENT);
  else
    _sb_bind_text (stmt, index, id);
}

/* An id as the file keeps it, written out; "" for NULL. */
char *
_sb_value_id (sqlite3_value *value)
{
  const char *text;

  if (sqlite3_value_type (value) == SQLITE_BLOB && sqlite3_value_bytes (value) == ID_BYTES)
    return unpack_id (sqlite3_value_blob (value));
  text = (const char *) sqlite3_value_text (value);
  return g_strdup (text != NULL ? text : "");
}

char *
_sb_column_id (sqlite3_stmt *stmt,
               int           index)
{
  return _sb_value_id (sqlite3_column_value (stmt, index));
}

/* A moment as the file keeps it, written out ("YYYY-MM-DDTHH:MM:SSZ"). */
char *
_sb_column_moment (sqlite3_stmt *stmt,
                   int           index)
{
  g_autoptr(GDateTime) moment = NULL;

  if (sqlite3_column_type (stmt, index) != SQLITE_INTEGER)
    return _sb_column_dup (stmt, index);
  moment = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, index));
  return moment != NULL ? g_date_time_format (moment, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

/* What sb_id () and sb_moment () keep of a value they do not pack: as a TEXT column
 * would (the history's were, before schema 15), a number as text; a BLOB or NULL as
 * it is. */
static void
result_unpacked (sqlite3_context *context,
                 sqlite3_value   *value)
{
  int type = sqlite3_value_type (value);

  if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
    sqlite3_result_text (context, (const char *) sqlite3_value_text (value), -1, SQLITE_TRANSIENT);
  else
    sqlite3_result_value (context, value);
}

/* sb_id (value): the value to keep for an id (16 bytes when it is a canonical UUID). */
static void
sql_id (sqlite3_context  *context,
        int               argc,
        sqlite3_value   **argv)
{
  guint8 packed[ID_BYTES];

  if (sqlite3_value_type (argv[0]) == SQLITE_TEXT &&
      pack_id ((const char *) sqlite3_value_text (argv[0]), sqlite3_value_bytes (argv[0]), packed))
    sqlite3_result_blob (context, packed, ID_BYTES, SQLITE_TRANSIENT);
  else
    result_unpacked (context, argv[0]);
}

/* Days from 1970-01-01 to a day of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  int era, year_of_era, day_of_year;

  year -= month <= 2;
  era = year / 400;             /* years from 1000 on: never negative */
  year_of_era = year - era * 400;
  day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  return (gint64) era * 146097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
         day_of_year - 719468;
}

static int
digits (const char *p,
        int         n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }
  return value;
}

/**
 * _sb_pack_moment:
 * @seconds: (out): @text's seconds since 1970
 *
 * Returns: %TRUE when @text is a moment as Sambot writes it ("YYYY-MM-DDTHH:MM:SSZ",
 *   a real one from year 1000 on), which the history keeps as @seconds and its view
 *   writes out the same (strftime (…, 'unixepoch'))
 */
gboolean
_sb_pack_moment (const char *text,
                 gint64     *seconds)
{
  static const int month_days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int year, month, day, hour, minute, second;

  if (text == NULL || strlen (text) != 20 || text[4] != '-' || text[7] != '-' ||
      text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return FALSE;
  year = digits (text, 4);
  month = digits (text + 5, 2);
  day = digits (text + 8, 2);
  hour = digits (text + 11, 2);
  minute = digits (text + 14, 2);
  second = digits (text + 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > month_days[month - 1] ||
      (month == 2 && day == 29 && !g_date_is_leap_year (year)) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return FALSE;
  *seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

/* sb_moment (value): the value to keep for a moment (see _sb_pack_moment ()). */
static void
sql_moment (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  gint64 seconds;

  if (sqlite3_value_type (argv[0]) == SQLITE_TEXT &&
      _sb_pack_moment ((const char *) sqlite3_value_text (argv[0]), &seconds))
    sqlite3_result_int64 (context, seconds);
  else
    result_unpacked (context, argv[0]);
}

gboolean
_sb_store_register_id_functions (SbStore  *self,
                                 GError  **error)
{
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function (self->db, "sb_id", 1, flags, NULL, sql_id, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "sb_moment", 1, flags, NULL, sql_moment, NULL, NULL);
  return rc == SQLITE_OK || _sb_store_set_error (self, rc, error);
}
