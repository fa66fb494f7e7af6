/* sb-export.c — writing an export: CSV (RFC 4180) or JSON, to a file only its owner reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV: fields separated by commas, rows ended by CRLF, a field quoted when it holds a
 * comma, a quote, CR or LF, quotes doubled (RFC 4180). UTF-8 without a byte order mark
 * by default, as LibreOffice and the importer of src/io/sb-csv-reader.c read it;
 * SB_EXPORT_FLAGS_BOM adds one for Excel, which otherwise takes the bytes for Windows-1252.
 * JSON: an array of objects, one per row, the column headers as member names.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-export.h"
#include "sb-io-error.h"

void
sb_export_table_free (SbExportTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->header);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
append_csv_field (GString    *out,
                  const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_csv_row (GString           *out,
                const char *const *row)
{
  for (guint i = 0; row[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, row[i]);
    }
  g_string_append (out, "\r\n");
}

/**
 * sb_export_table_to_csv:
 *
 * Returns: (transfer full): the table as RFC 4180 CSV, the header first
 */
char *
sb_export_table_to_csv (const SbExportTable *table,
                        SbExportFlags        flags)
{
  GString *out = g_string_new (NULL);

  if (flags & SB_EXPORT_FLAGS_BOM)
    g_string_append (out, "\xEF\xBB\xBF");
  append_csv_row (out, (const char *const *) table->header);
  for (guint i = 0; i < table->rows->len; i++)
    append_csv_row (out, g_ptr_array_index (table->rows, i));
  return g_string_free (out, FALSE);
}

/* Columns whose values are counts are written as JSON numbers. */
static gboolean
is_count_column (const char *name)
{
  return g_str_equal (name, "attempts") || g_str_equal (name, "items")
         || g_str_equal (name, "delivered") || g_str_equal (name, "rejected")
         || g_str_equal (name, "returned") || g_str_equal (name, "waiting");
}

/**
 * sb_export_table_to_json:
 *
 * Returns: (transfer full): the table as a JSON array of objects; empty values are null
 */
char *
sb_export_table_to_json (const SbExportTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  json_builder_begin_array (builder);
  for (guint i = 0; i < table->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (table->rows, i);

      json_builder_begin_object (builder);
      for (guint c = 0; table->header[c] != NULL; c++)
        {
          json_builder_set_member_name (builder, table->header[c]);
          if (row[c][0] == '\0')
            json_builder_add_null_value (builder);
          else if (is_count_column (table->header[c]))
            json_builder_add_int_value (builder, g_ascii_strtoll (row[c], NULL, 10));
          else
            json_builder_add_string_value (builder, row[c]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static gboolean
set_write_error (const char  *path,
                 int          code,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  if (code == EEXIST)
    g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_EXISTS,
                 _("“%s” already exists. Choose another name, or remove it first. "
                   "Nothing was written."), name);
  else
    g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_WRITE,
                 _("Cannot write “%s”: %s. Check the folder exists and you may write there."),
                 name, g_strerror (code));
  return FALSE;
}

/* Writes @data to a new file at @path, readable by its owner only (mode 0600, like
 * the backups of src/store/sb-store-files.c): an export holds the senders' names. An
 * existing file is left alone; a file half-written is removed. */
gboolean
_sb_export_write_private_file (const char  *path,
                               const char  *data,
                               gsize        length,
                               GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int code;

  if (fd < 0)
    return set_write_error (path, errno, error);
  if (fchmod (fd, 0600) != 0)
    goto failed;
  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        goto failed;
      data += written;
      length -= (gsize) written;
    }
  if (fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  return TRUE;

failed:
  code = errno != 0 ? errno : EIO;
  if (fd >= 0)
    close (fd);
  g_unlink (path);
  return set_write_error (path, code, error);
}

/**
 * sb_export_write:
 * @n_rows: (out) (optional): how many records were written
 *
 * Writes @what of @campaign to the new file @path. The senders' contacts are
 * included only with %SB_EXPORT_FLAGS_INCLUDE_CONTACTS.
 */
gboolean
sb_export_write (SbCampaign      *campaign,
                 SbExportWhat     what,
                 SbExportFormat   format,
                 SbExportFlags    flags,
                 const char      *path,
                 guint           *n_rows,
                 GError         **error)
{
  g_autoptr(SbExportTable) table = sb_export_table_build (campaign, what, flags, error);
  g_autofree char *data = NULL;

  if (table == NULL)
    return FALSE;
  data = format == SB_EXPORT_JSON ? sb_export_table_to_json (table)
                                  : sb_export_table_to_csv (table, flags);
  if (!_sb_export_write_private_file (path, data, strlen (data), error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = table->rows->len;
  return TRUE;
}
