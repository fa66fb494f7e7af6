/* sb-store-changeset.c — is a changeset from another office whole before SQLite
 * reads it?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite 3.40's changeset reader loops for ever on some truncated table headers (a
 * changeset of the one byte "T", or "T" and a column count: measured with
 * tests/fuzz/fuzz-bundle.c, which found it). A bundle is signed by an office of the
 * campaign, but that office's file may be damaged, or its software another version:
 * a receiver must refuse such a change, not hang. So every byte is walked here first,
 * by the format documented in sqlite3session.h ("Changeset Format"): one or more
 * tables, each a header and its changes, each change an operation, a flag and the
 * values of its rows, each value a type and its bytes.
 */

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-private.h"

/* Columns a replicated table may have, with room to spare. */
#define MAX_COLUMNS 256

typedef struct
{
  const guint8 *at;
  const guint8 *end;
} Reader;

static gboolean read_varint (Reader  *reader,
                             guint64 *value);

/* SQLite's variable-length integer: 7 bits a byte, big-endian, up to nine bytes,
 * the ninth with all of its 8 bits. Advances *@at; FALSE if it would pass @end. */
gboolean
_sb_store_changeset_read_varint (const guint8 **at,
                                 const guint8  *end,
                                 guint64       *value)
{
  Reader reader = { *at, end };
  gboolean ok = read_varint (&reader, value);

  *at = reader.at;
  return ok;
}

static gboolean
read_varint (Reader  *reader,
             guint64 *value)
{
  *value = 0;
  for (int i = 0; i < 9; i++)
    {
      guint8 byte;

      if (reader->at >= reader->end)
        return FALSE;
      byte = *reader->at++;
      if (i == 8)
        {
          *value = (*value << 8) | byte;
          return TRUE;
        }
      *value = (*value << 7) | (byte & 0x7f);
      if ((byte & 0x80) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
skip (Reader  *reader,
      guint64  n)
{
  if (n > (guint64) (reader->end - reader->at))
    return FALSE;
  reader->at += n;
  return TRUE;
}

/* One row's values: each undefined (0: an unchanged column), an integer (1) or a
 * real (2) in 8 bytes, a text (3) or a blob (4) with its length, or NULL (5). */
static gboolean
read_record (Reader  *reader,
             guint64  n_columns)
{
  for (guint64 i = 0; i < n_columns; i++)
    {
      guint64 length;

      if (reader->at >= reader->end)
        return FALSE;
      switch (*reader->at++)
        {
        case 0:
        case 5:
          break;
        case 1:
        case 2:
          if (!skip (reader, 8))
            return FALSE;
          break;
        case 3:
        case 4:
          if (!read_varint (reader, &length) || !skip (reader, length))
            return FALSE;
          break;
        default:
          return FALSE;
        }
    }
  return TRUE;
}

/* "T", the column count, a byte a column (0, or its place in the primary key: 1, 2…
 * for a key of several columns, as copies' and batch items' are since schema 10), the
 * table's name ending with a NUL. Patchsets ("P") are not what offices send. */
static gboolean
read_table_header (Reader  *reader,
                   guint64 *n_columns)
{
  const guint8 *name_end;

  if (reader->at >= reader->end || *reader->at++ != 'T')
    return FALSE;
  if (!read_varint (reader, n_columns) || *n_columns == 0 || *n_columns > MAX_COLUMNS)
    return FALSE;
  for (guint64 i = 0; i < *n_columns; i++)
    if (reader->at >= reader->end || *reader->at++ > *n_columns)
      return FALSE;
  name_end = memchr (reader->at, '\0', reader->end - reader->at);
  if (name_end == NULL || name_end == reader->at)
    return FALSE;
  reader->at = name_end + 1;
  return TRUE;
}

/* An operation (SQLITE_INSERT: its new row; SQLITE_DELETE: its old row;
 * SQLITE_UPDATE: both), then whether it was indirect (0 or 1). */
static gboolean
read_change (Reader  *reader,
             guint64  n_columns)
{
  guint8 op, indirect;

  if (reader->end - reader->at < 2)
    return FALSE;
  op = *reader->at++;
  indirect = *reader->at++;
  if (indirect > 1)
    return FALSE;
  switch (op)
    {
    case SQLITE_INSERT:
    case SQLITE_DELETE:
      return read_record (reader, n_columns);
    case SQLITE_UPDATE:
      return read_record (reader, n_columns) && read_record (reader, n_columns);
    default:
      return FALSE;
    }
}

/* Whether @data is one or more whole tables of changes, every byte accounted for. */
gboolean
_sb_store_changeset_is_whole (const guint8 *data,
                              gsize         size)
{
  Reader reader = { data, data + size };

  if (size == 0)
    return FALSE;
  while (reader.at < reader.end)
    {
      guint64 n_columns;

      if (!read_table_header (&reader, &n_columns) || !read_change (&reader, n_columns))
        return FALSE;
      while (reader.at < reader.end && *reader.at != 'T')
        if (!read_change (&reader, n_columns))
          return FALSE;
    }
  return TRUE;
}
