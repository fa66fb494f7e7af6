/* sb-store-changeset-rewrite.c — a changeset rewritten: a message's sender erased,
 * or its texts packed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For sb-store-changes-forget.c: the log's changes keep nothing of an erased
 * sender. In the message's rows of `messages` the sender's fields become empty;
 * its scans are dropped but for their deletion, which keeps its key and loses the
 * picture. For sb-store-changes-apply.c: a change made before the texts were packed
 * (by an office that had not updated, or by this one before it did) is read as if
 * made with them packed (sb-store-texts.c), so that its old values are this file's.
 * The changeset is rewritten by its documented format (sqlite3session.h,
 * "Changeset Format"), walked as sb-store-changeset.c walks it to check it.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-private.h"
#include "sb-text.h"

/* The columns of `messages` emptied: the sender's, and the sort key made from the
 * name (a collation key spells it). */
static const char *const emptied_columns[] = {
  "sender_name", "sender_city", "sender_contact", "sender_sort_key",
};

typedef struct
{
  const guint8 *at;
  const guint8 *end;
} Reader;

/* One value: its bytes (type and data) in the changeset. */
typedef struct
{
  const guint8 *start;
  gsize         size;
  guint8        type;
  const guint8 *data;    /* text or blob: its bytes */
  guint64       length;
} Value;

static gboolean
read_varint (Reader  *reader,
             guint64 *value)
{
  return _sb_store_changeset_read_varint (&reader->at, reader->end, value);
}

static gboolean
read_value (Reader *reader,
            Value  *value)
{
  memset (value, 0, sizeof *value);
  value->start = reader->at;
  if (reader->at >= reader->end)
    return FALSE;
  value->type = *reader->at++;
  switch (value->type)
    {
    case 0:
    case 5:
      break;
    case 1:
    case 2:
      if (reader->end - reader->at < 8)
        return FALSE;
      reader->at += 8;
      break;
    case 3:
    case 4:
      if (!read_varint (reader, &value->length) ||
          value->length > (guint64) (reader->end - reader->at))
        return FALSE;
      value->data = reader->at;
      reader->at += value->length;
      break;
    default:
      return FALSE;
    }
  value->size = reader->at - value->start;
  return TRUE;
}

static gboolean
value_is (const Value *value,
          const char  *text)
{
  return value->type == 3 && value->length == strlen (text) &&
         memcmp (value->data, text, value->length) == 0;
}

/* What to do with the values of one table's rows. */
typedef struct
{
  const char *message_id;
  gboolean    is_messages;
  gboolean    is_scans;
  int         id_column;           /* messages.id, or scans.message_id */
  gboolean    emptied[64];         /* messages: the sender's columns */
  gboolean    packed[64];          /* messages: the texts, when packing */
  int         image_column;        /* scans.image */
} Table;

static void
add_empty (GByteArray *out,
           guint8      type)
{
  guint8 bytes[2] = { type, 0 };

  g_byte_array_append (out, bytes, 2);
}

static void
add_varint (GByteArray *out,
            guint64     value)
{
  guint8 bytes[10];
  int n = 0;

  /* Values under 2^56, as a changeset's lengths are: 7 bits a byte. */
  do
    {
      bytes[n++] = value & 0x7f;
      value >>= 7;
    }
  while (value > 0);
  for (int i = n - 1; i >= 0; i--)
    {
      guint8 byte = bytes[i] | (i > 0 ? 0x80 : 0);

      g_byte_array_append (out, &byte, 1);
    }
}

/* A text value packed, when that makes it smaller. */
static gboolean
add_packed (GByteArray  *out,
            const Value *value)
{
  gsize packed_length;
  g_autofree guint8 *packed = sb_text_pack ((const char *) value->data, value->length,
                                            &packed_length);
  guint8 type = 4;

  if (packed == NULL)
    return FALSE;
  g_byte_array_append (out, &type, 1);
  add_varint (out, packed_length);
  g_byte_array_append (out, packed, packed_length);
  return TRUE;
}

/* Writes one record (@n values from @reader) to @out, the sender's columns emptied
 * and a scan's image left out when @erase, the texts packed when the table says. */
static gboolean
copy_record (Reader       *reader,
             guint64       n,
             const Table  *table,
             gboolean      erase,
             GByteArray   *out,
             gboolean     *changed)
{
  for (guint64 i = 0; i < n; i++)
    {
      Value value;

      if (!read_value (reader, &value))
        return FALSE;
      if (out == NULL)
        continue;
      if (erase && (value.type == 3 || value.type == 4) && value.length > 0 &&
          ((table->is_messages && i < G_N_ELEMENTS (table->emptied) && table->emptied[i]) ||
           (table->is_scans && (int) i == table->image_column)))
        {
          add_empty (out, value.type);
          *changed = TRUE;
        }
      else if (value.type == 3 && i < G_N_ELEMENTS (table->packed) && table->packed[i] &&
               add_packed (out, &value))
        *changed = TRUE;
      else
        g_byte_array_append (out, value.start, value.size);
    }
  return TRUE;
}

/* Whether the record at @reader (not consumed) is about the message: its column
 * id_column is the message's id. An UPDATE names its row in the old values. */
static gboolean
record_names (Reader       reader,
              guint64      n,
              const Table *table)
{
  for (guint64 i = 0; i < n; i++)
    {
      Value value;

      if (!read_value (&reader, &value))
        return FALSE;
      if ((int) i == table->id_column)
        return value_is (&value, table->message_id);
    }
  return FALSE;
}

static void
describe_table (SbStore    *self,
                const char *name,
                guint64     n_columns,
                const char *message_id,
                gboolean    pack,
                Table      *table)
{
  const char *const *columns = _sb_store_changes_columns (self, name, (int) n_columns);

  memset (table, 0, sizeof *table);
  table->message_id = message_id;
  table->id_column = table->image_column = -1;
  if (columns == NULL)
    return;
  table->is_messages = strcmp (name, "messages") == 0;
  table->is_scans = strcmp (name, "scans") == 0;
  for (int i = 0; columns[i] != NULL; i++)
    {
      if ((table->is_messages && strcmp (columns[i], "id") == 0) ||
          (table->is_scans && strcmp (columns[i], "message_id") == 0))
        table->id_column = i;
      if (table->is_scans && strcmp (columns[i], "image") == 0)
        table->image_column = i;
      for (guint j = 0; table->is_messages && j < G_N_ELEMENTS (emptied_columns); j++)
        if (strcmp (columns[i], emptied_columns[j]) == 0 && i < (int) G_N_ELEMENTS (table->emptied))
          table->emptied[i] = TRUE;
      if (pack && i < (int) G_N_ELEMENTS (table->packed))
        table->packed[i] = _sb_store_is_packed_column (name, columns[i]);
    }
}

/* The changeset with the sender of message @message_id erased (or none), its texts
 * packed when @pack; NULL when that changes nothing (or it cannot be read). */
static GByteArray *
rewrite (SbStore      *self,
         const guint8 *data,
         gsize         size,
         const char   *message_id,
         gboolean      pack)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new (size);
  Reader reader = { data, data + size };
  gboolean changed = FALSE;

  while (reader.at < reader.end)
    {
      const guint8 *header = reader.at;
      g_autoptr(GByteArray) rows = g_byte_array_new ();
      guint64 n_columns;
      const guint8 *name;
      Table table;

      if (*reader.at++ != 'T' || !read_varint (&reader, &n_columns) || n_columns == 0 ||
          n_columns > (guint64) (reader.end - reader.at))
        return NULL;
      reader.at += n_columns;
      name = reader.at;
      reader.at = memchr (reader.at, '\0', reader.end - reader.at);
      if (reader.at == NULL)
        return NULL;
      reader.at++;
      describe_table (self, (const char *) name, n_columns, message_id, pack, &table);

      while (reader.at < reader.end && *reader.at != 'T')
        {
          guint8 op, indirect;
          gboolean named, drop;

          if (reader.end - reader.at < 2)
            return NULL;
          op = reader.at[0];
          indirect = reader.at[1];
          reader.at += 2;
          named = message_id != NULL && table.id_column >= 0 &&
                  record_names (reader, n_columns, &table);
          /* A scan of the message: its deletion stays (without the image), the
           * rest goes. */
          drop = named && table.is_scans && op != SQLITE_DELETE;
          if (drop)
            changed = TRUE;
          else
            {
              guint8 bytes[2] = { op, indirect };

              g_byte_array_append (rows, bytes, 2);
            }
          if (!copy_record (&reader, n_columns, &table, named, drop ? NULL : rows, &changed))
            return NULL;
          if (op == SQLITE_UPDATE &&
              !copy_record (&reader, n_columns, &table, named, drop ? NULL : rows, &changed))
            return NULL;
        }
      /* A table whose every row was dropped keeps no header. */
      if (rows->len > 0)
        {
          g_byte_array_append (out, header, (name - header) + strlen ((const char *) name) + 1);
          g_byte_array_append (out, rows->data, rows->len);
        }
    }
  return changed ? g_steal_pointer (&out) : NULL;
}

/* The changeset with the message's sender erased, or NULL when it holds nothing of
 * it (or cannot be read: it was checked when it was logged). */
GByteArray *
_sb_store_changeset_erase_sender (SbStore      *self,
                                  const guint8 *data,
                                  gsize         size,
                                  const char   *message_id)
{
  return rewrite (self, data, size, message_id, FALSE);
}

/* The changeset with its messages' texts packed as this file keeps them, or NULL
 * when they are already (or it cannot be read: sb-store-changes-apply.c refuses it). */
GByteArray *
_sb_store_changeset_pack_texts (SbStore      *self,
                                const guint8 *data,
                                gsize         size)
{
  return rewrite (self, data, size, NULL, TRUE);
}
