/* sb-csv-reader.c — streaming reader of CSV and TSV exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads what form services and spreadsheets write: RFC 4180 quoting, UTF-8 with or
 * without a BOM, UTF-16 LE/BE with a BOM (transcoded here), comma, semicolon or tab
 * (detected from the header line), CRLF, LF, CR or a mix. Only one chunk of the file
 * and one row are in memory at a time. Line breaks inside fields come out as LF.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-csv-reader.h"

#define CHUNK_SIZE (64 * 1024)
#define HEADER_SCAN_LIMIT (4 * 1024 * 1024)

typedef enum
{
  ENCODING_UTF8,
  ENCODING_UTF8_BOM,
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
} Encoding;

struct _SbCsvReader
{
  GInputStream *stream;
  GFile        *file;
  guint64       file_size;
  guint64       file_mtime;

  Encoding      encoding;
  guint64       bytes_read;      /* raw bytes */
  gboolean      eof;
  guint8        leftover[4];     /* raw bytes of an unfinished UTF-16 unit */
  gsize         n_leftover;
  gunichar2     high_surrogate;
  GError       *decode_error;    /* raised when the parser reaches the bad spot */
  gboolean      nul_in_head;     /* the first chunk has NUL bytes: binary */

  GByteArray   *buf;             /* decoded UTF-8 */
  gsize         pos;
  gboolean      skip_lf;

  char          delimiter;
  guint64       row;
  GString      *row_data;        /* the fields of the row, each NUL-terminated */
  GArray       *offsets;         /* guint: start of each field in row_data */
  gboolean      pending;         /* the first data row was read ahead */
  GPtrArray    *header;
};

G_DEFINE_QUARK (sb-io-error-quark, sb_io_error)

/* ------------------------------------------------------------------------ */
/* Decoding                                                                 */
/* ------------------------------------------------------------------------ */

static void
append_unichar (GByteArray *buf,
                gunichar    c)
{
  char out[6];
  int n = g_unichar_to_utf8 (c, out);

  g_byte_array_append (buf, (const guint8 *) out, n);
}

static void
decode_utf16 (SbCsvReader  *self,
              const guint8 *data,
              gsize         len)
{
  gsize i = 0;

  while (self->decode_error == NULL)
    {
      guint8 unit[2];
      gunichar2 u;

      if (self->n_leftover == 1 && i < len)
        {
          unit[0] = self->leftover[0];
          unit[1] = data[i++];
          self->n_leftover = 0;
        }
      else if (i + 1 < len)
        {
          unit[0] = data[i++];
          unit[1] = data[i++];
        }
      else
        {
          if (i < len)
            self->leftover[self->n_leftover++] = data[i];
          return;
        }
      u = self->encoding == ENCODING_UTF16LE ? (unit[0] | unit[1] << 8) : (unit[0] << 8 | unit[1]);
      if (self->high_surrogate != 0)
        {
          if (u >= 0xDC00 && u <= 0xDFFF)
            append_unichar (self->buf, 0x10000 + ((self->high_surrogate - 0xD800) << 10) + (u - 0xDC00));
          else
            self->decode_error = g_error_new_literal (SB_IO_ERROR, SB_IO_ERROR_ENCODING, "");
          self->high_surrogate = 0;
        }
      else if (u >= 0xD800 && u <= 0xDBFF)
        self->high_surrogate = u;
      else if (u >= 0xDC00 && u <= 0xDFFF)
        self->decode_error = g_error_new_literal (SB_IO_ERROR, SB_IO_ERROR_ENCODING, "");
      else
        append_unichar (self->buf, u);
    }
}

/* Appends the next chunk of decoded text to buf. FALSE on a read error. */
static gboolean
fill (SbCsvReader  *self,
      GError      **error)
{
  guint8 chunk[CHUNK_SIZE];
  gssize n;
  g_autoptr(GError) local_error = NULL;

  if (self->eof || self->decode_error != NULL)
    return TRUE;
  if (self->pos > 0 && self->pos >= self->buf->len / 2)
    {
      g_byte_array_remove_range (self->buf, 0, self->pos);
      self->pos = 0;
    }

  n = g_input_stream_read (self->stream, chunk, sizeof chunk, NULL, &local_error);
  if (n < 0)
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_READ,
                   _("The file could not be read: %s"), local_error->message);
      return FALSE;
    }
  if (n == 0)
    {
      self->eof = TRUE;
      if (self->n_leftover > 0 || self->high_surrogate != 0)
        self->decode_error = g_error_new_literal (SB_IO_ERROR, SB_IO_ERROR_ENCODING, "");
      return TRUE;
    }
  self->bytes_read += n;
  if (self->bytes_read > (guint64) SB_CSV_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %d MB. Split it into smaller exports."),
                   (int) (SB_CSV_MAX_FILE_SIZE / (1024 * 1024)));
      return FALSE;
    }
  if (self->encoding == ENCODING_UTF16LE || self->encoding == ENCODING_UTF16BE)
    decode_utf16 (self, chunk, n);
  else
    g_byte_array_append (self->buf, chunk, n);
  return TRUE;
}

/* What the first bytes say about the file: a BOM, or a format that is not text. */
static gboolean
detect_encoding (SbCsvReader  *self,
                 GError      **error)
{
  guint8 head[4] = { 0 };
  gsize n = 0;
  const guint8 *data;

  while (!self->eof && self->buf->len < 4)
    if (!fill (self, error))
      return FALSE;
  data = self->buf->data;
  n = MIN (self->buf->len, 4);
  self->nul_in_head = memchr (data, '\0', self->buf->len) != NULL;
  memcpy (head, data, n);

  if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    {
      self->encoding = ENCODING_UTF8_BOM;
      self->pos = 3;
    }
  else if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    {
      g_autoptr(GByteArray) raw = self->buf;

      self->encoding = head[0] == 0xFF ? ENCODING_UTF16LE : ENCODING_UTF16BE;
      self->buf = g_byte_array_new ();
      decode_utf16 (self, raw->data + 2, raw->len - 2);
    }
  else if (n == 4 && (memcmp (head, "PK\3\4", 4) == 0 || memcmp (head, "\xD0\xCF\x11\xE0", 4) == 0))
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_BINARY,
                           _("This is a spreadsheet workbook, not a CSV file. Open it in the "
                             "spreadsheet and save it as “CSV UTF-8” or “Unicode text”."));
      return FALSE;
    }
  else if (n == 4 && memcmp (head, "%PDF", 4) == 0)
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_BINARY,
                           _("This is a PDF document, not a CSV file. Export the responses "
                             "from the form service as CSV."));
      return FALSE;
    }
  else if (n >= 2 && ((head[0] != 0 && head[1] == 0) || (head[0] == 0 && head[1] != 0)))
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_ENCODING,
                           _("The file looks like UTF-16 text without a byte order mark. Save "
                             "it again as “CSV UTF-8” or “Unicode text”."));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Parsing                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
fail_at (SbCsvReader  *self,
         GError      **error,
         SbIoError     code,
         const char   *problem)
{
  /* Translators: “Row 12, column 3: <problem>” */
  g_set_error (error, SB_IO_ERROR, code, _("Row %lu, column %u: %s"),
               self->row, self->offsets->len + 1, problem);
  return FALSE;
}

static gboolean
end_field (SbCsvReader  *self,
           gsize         start,
           GError      **error)
{
  const char *field = self->row_data->str + start;
  const char *end;

  if (!g_utf8_validate (field, self->row_data->len - start, &end) && self->nul_in_head &&
      self->encoding == ENCODING_UTF8)
    return fail_at (self, error, SB_IO_ERROR_BINARY,
                    _("this is not text: the file holds binary data (NUL bytes)."));
  if (!g_utf8_validate (field, self->row_data->len - start, &end))
    return fail_at (self, error, SB_IO_ERROR_ENCODING,
                    _("this is not UTF-8 text; the file is in another encoding. Save it "
                      "again as “CSV UTF-8” or “Unicode text”."));
  if (self->offsets->len >= SB_CSV_MAX_COLUMNS)
    {
      g_autofree char *problem =
        g_strdup_printf (_("the row has more than %d columns."), SB_CSV_MAX_COLUMNS);
      return fail_at (self, error, SB_IO_ERROR_TOO_MANY_COLUMNS, problem);
    }
  g_array_append_val (self->offsets, (guint) { start });
  g_string_append_c (self->row_data, '\0');
  return TRUE;
}

static gboolean
append_run (SbCsvReader  *self,
            gsize         field_start,
            const guint8 *run,
            gsize         len,
            GError      **error)
{
  g_string_append_len (self->row_data, (const char *) run, len);
  if (self->row_data->len - field_start > SB_CSV_MAX_FIELD_SIZE)
    {
      g_autofree char *problem =
        g_strdup_printf (_("the field is longer than %d MB."), SB_CSV_MAX_FIELD_SIZE / (1024 * 1024));
      return fail_at (self, error, SB_IO_ERROR_FIELD_TOO_LONG, problem);
    }
  return TRUE;
}

static gboolean
raise_decode_error (SbCsvReader  *self,
                    GError      **error)
{
  g_clear_error (&self->decode_error);
  return fail_at (self, error, SB_IO_ERROR_ENCODING,
                  _("the UTF-16 text is damaged here (a broken character)."));
}

/* Reads one record into row_data/offsets; *got is FALSE at the end of the file. */
static gboolean
read_record (SbCsvReader  *self,
             gboolean     *got,
             GError      **error)
{
  enum { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE } state = FIELD_START;
  gboolean started = FALSE;
  guint64 quote_row = 0;
  gsize field_start = 0;
  const char delim = self->delimiter;

  g_string_truncate (self->row_data, 0);
  g_array_set_size (self->offsets, 0);
  self->row++;
  *got = FALSE;

  for (;;)
    {
      const guint8 *data;
      gsize len, q;
      guint8 c;

      if (self->pos == self->buf->len)
        {
          if (!fill (self, error))
            return FALSE;
          if (self->pos == self->buf->len)
            {
              if (self->decode_error != NULL)
                return raise_decode_error (self, error);
              if (state == QUOTED)
                {
                  g_autofree char *problem =
                    g_strdup_printf (_("a quoted field that starts in row %lu is never closed (a \" is missing)."), quote_row);
                  return fail_at (self, error, SB_IO_ERROR_MALFORMED, problem);
                }
              if (!started)
                {
                  self->row--;  /* no record: stay on the last row */
                  return TRUE;
                }
              *got = TRUE;
              return end_field (self, field_start, error);
            }
        }
      data = self->buf->data;
      len = self->buf->len;
      c = data[self->pos];

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (c == '\n')
            {
              self->pos++;
              continue;
            }
        }
      if (c == '\0')
        return fail_at (self, error, SB_IO_ERROR_BINARY,
                        _("the file contains NUL bytes: it is not a text file."));

      switch (state)
        {
        case FIELD_START:
          started = TRUE;
          if (c == '"')
            {
              state = QUOTED;
              quote_row = self->row;
              self->pos++;
              continue;
            }
          state = UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case UNQUOTED:
          if (c == (guint8) delim)
            {
              self->pos++;
              if (!end_field (self, field_start, error))
                return FALSE;
              field_start = self->row_data->len;
              state = FIELD_START;
              continue;
            }
          if (c == '\n' || c == '\r')
            {
              self->pos++;
              self->skip_lf = c == '\r';
              if (self->offsets->len == 0 && self->row_data->len == 0)
                {
                  /* A blank line: a row of the spreadsheet, but no record. */
                  self->row++;
                  started = FALSE;
                  state = FIELD_START;
                  continue;
                }
              *got = TRUE;
              return end_field (self, field_start, error);
            }
          for (q = self->pos; q < len; q++)
            if (data[q] == (guint8) delim || data[q] == '\n' || data[q] == '\r' || data[q] == '\0')
              break;
          if (!append_run (self, field_start, data + self->pos, q - self->pos, error))
            return FALSE;
          self->pos = q;
          continue;

        case QUOTED:
          if (c == '"')
            {
              state = AFTER_QUOTE;
              self->pos++;
              continue;
            }
          if (c == '\r')
            {
              g_string_append_c (self->row_data, '\n');
              self->skip_lf = TRUE;
              self->pos++;
              continue;
            }
          for (q = self->pos; q < len; q++)
            if (data[q] == '"' || data[q] == '\r' || data[q] == '\0')
              break;
          if (!append_run (self, field_start, data + self->pos, q - self->pos, error))
            return FALSE;
          self->pos = q;
          continue;

        case AFTER_QUOTE:
          if (c == '"')
            {
              g_string_append_c (self->row_data, '"');
              self->pos++;
              state = QUOTED;
              continue;
            }
          /* Text after a closing quote is kept, as spreadsheets do. */
          state = UNQUOTED;
          continue;

        default:
          g_assert_not_reached ();
        }
    }
}

/* The delimiter that occurs most often outside quotes in the header line. */
static gboolean
detect_delimiter (SbCsvReader  *self,
                  GError      **error)
{
  const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  gsize i = self->pos;
  guint best = 0;

  for (;;)
    {
      if (i == self->buf->len)
        {
          if (self->eof || self->decode_error != NULL || self->buf->len - self->pos > HEADER_SCAN_LIMIT)
            break;
          i -= self->pos;
          if (!fill (self, error))
            return FALSE;
          i += self->pos;
          continue;
        }
      if (self->buf->data[i] == '"')
        quoted = !quoted;
      else if (!quoted && (self->buf->data[i] == '\n' || self->buf->data[i] == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (self->buf->data[i] == (guint8) candidates[k])
            counts[k]++;
      i++;
    }
  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  self->delimiter = candidates[best];
  return TRUE;
}

static gboolean
read_header (SbCsvReader  *self,
             GError      **error)
{
  gboolean got;

  if (!detect_encoding (self, error) || !detect_delimiter (self, error))
    return FALSE;
  if (!read_record (self, &got, error))
    return FALSE;
  if (!got)
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_EMPTY,
                           _("The file is empty. Export the responses again."));
      return FALSE;
    }
  for (guint i = 0; i < self->offsets->len; i++)
    {
      g_autofree char *name = g_strdup (sb_csv_reader_get_field (self, i));

      g_ptr_array_add (self->header, g_strdup (g_strstrip (name)));
    }
  g_ptr_array_add (self->header, NULL);

  if (!read_record (self, &got, error))
    return FALSE;
  if (!got)
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_EMPTY,
                           _("The file has a header but no rows: there is nothing to import."));
      return FALSE;
    }
  self->pending = TRUE;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

static SbCsvReader *
reader_new (GInputStream *stream)
{
  SbCsvReader *self = g_new0 (SbCsvReader, 1);

  self->stream = g_object_ref (stream);
  self->buf = g_byte_array_sized_new (2 * CHUNK_SIZE);
  self->row_data = g_string_sized_new (4096);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->header = g_ptr_array_new_with_free_func (g_free);
  self->delimiter = ',';
  return self;
}

/**
 * sb_csv_reader_new_for_stream:
 * @stream: the text of a CSV or TSV file
 *
 * Reads the header and looks ahead at the first row: an empty file, a header
 * without rows, a binary file or an unknown encoding are refused here.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set (SB_IO_ERROR)
 */
SbCsvReader *
sb_csv_reader_new_for_stream (GInputStream  *stream,
                              GError       **error)
{
  g_autoptr(SbCsvReader) self = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = reader_new (stream);
  if (!read_header (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
query_file (GFile    *file,
            guint64  *size,
            guint64  *mtime,
            GError  **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED
                            "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_READ, _("The file could not be opened: %s"),
                   local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_READ,
                           _("This is a folder. Choose a CSV file."));
      return FALSE;
    }
  *size = g_file_info_get_size (info);
  *mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
           g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  return TRUE;
}

/**
 * sb_csv_reader_new_for_path:
 * @path: a CSV or TSV file
 *
 * Like sb_csv_reader_new_for_stream(); a file over %SB_CSV_MAX_FILE_SIZE is refused
 * before reading, and sb_csv_reader_check_unchanged() can tell whether it changed.
 */
SbCsvReader *
sb_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbCsvReader) self = NULL;
  guint64 size, mtime;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  if (!query_file (file, &size, &mtime, error))
    return NULL;
  if (size > (guint64) SB_CSV_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %d MB. Split it into smaller exports."),
                   (int) (SB_CSV_MAX_FILE_SIZE / (1024 * 1024)));
      return NULL;
    }
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_READ, _("The file could not be opened: %s"),
                   local_error->message);
      return NULL;
    }
  self = reader_new (G_INPUT_STREAM (stream));
  self->file = g_steal_pointer (&file);
  self->file_size = size;
  self->file_mtime = mtime;
  if (!read_header (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
sb_csv_reader_free (SbCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_clear_object (&self->file);
  g_clear_error (&self->decode_error);
  g_byte_array_unref (self->buf);
  g_string_free (self->row_data, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->header);
  g_free (self);
}

/**
 * sb_csv_reader_next:
 *
 * Reads the next row; blank lines are skipped (but counted as rows).
 *
 * Returns: %TRUE when a row was read; %FALSE at the end (@error unset) or on a
 *   problem (@error names it with the row and column)
 */
gboolean
sb_csv_reader_next (SbCsvReader  *self,
                    GError      **error)
{
  gboolean got;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->pending)
    {
      self->pending = FALSE;
      return TRUE;
    }
  return read_record (self, &got, error) && got;
}

guint
sb_csv_reader_get_n_fields (SbCsvReader *self)
{
  return self->offsets->len;
}

/**
 * sb_csv_reader_get_field:
 * @column: 0-based
 *
 * Returns: the field of the current row, or "" past its end. Valid until the next row.
 */
const char *
sb_csv_reader_get_field (SbCsvReader *self,
                         guint        column)
{
  if (column >= self->offsets->len)
    return "";
  return self->row_data->str + g_array_index (self->offsets, guint, column);
}

/**
 * sb_csv_reader_get_row:
 *
 * Returns: the row number of the current row as a spreadsheet shows it (header = 1)
 */
guint64
sb_csv_reader_get_row (SbCsvReader *self)
{
  return self->row;
}

const char *const *
sb_csv_reader_get_header (SbCsvReader *self)
{
  return (const char *const *) self->header->pdata;
}

guint
sb_csv_reader_get_n_columns (SbCsvReader *self)
{
  return self->header->len - 1;
}

char
sb_csv_reader_get_delimiter (SbCsvReader *self)
{
  return self->delimiter;
}

/**
 * sb_csv_reader_get_encoding:
 * Returns: "UTF-8", "UTF-8 with BOM", "UTF-16LE" or "UTF-16BE"
 */
const char *
sb_csv_reader_get_encoding (SbCsvReader *self)
{
  static const char *const names[] = { "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" };

  return names[self->encoding];
}

/**
 * sb_csv_reader_check_unchanged:
 *
 * For a reader on a path: fails with %SB_IO_ERROR_CHANGED if the file's size or
 * modification time differ from when it was opened (another program is writing it).
 */
gboolean
sb_csv_reader_check_unchanged (SbCsvReader  *self,
                               GError      **error)
{
  guint64 size, mtime;

  if (self->file == NULL)
    return TRUE;
  if (!query_file (self->file, &size, &mtime, error))
    return FALSE;
  if (size != self->file_size || mtime != self->file_mtime ||
      (self->eof && self->bytes_read != size))
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_CHANGED,
                           _("The file changed while it was being read. Wait until the "
                             "program writing it has finished, then import it again."));
      return FALSE;
    }
  return TRUE;
}
