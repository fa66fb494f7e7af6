/* sb-store-ids.c — a record's id, kept in 16 bytes where the file allows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ids are UUIDs written as 36 characters ("01a24c55-485f-7007-8227-e85ed29114e5").
 * Where a column is the store's own and no other office reads it (the history's
 * subjects: migrations/0015-history-ids.sql), an id in that canonical form (lower case)
 * is kept as its 16 bytes, a BLOB; anything else (an empty subject, an id of another
 * form from an older campaign) stays TEXT. The two never compare equal, so a lookup
 * packs what it looks for the same way: sb_id () in SQL, _sb_bind_id () in C. The
 * view `history` shows the id written out again, with SQLite's own functions, so any
 * program reads it.
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
    sqlite3_result_value (context, argv[0]);
}

gboolean
_sb_store_register_id_functions (SbStore  *self,
                                 GError  **error)
{
  int rc = sqlite3_create_function (self->db, "sb_id", 1,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                    sql_id, NULL, NULL);

  return rc == SQLITE_OK || _sb_store_set_error (self, rc, error);
}
