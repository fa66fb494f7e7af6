/* sb-import-summary.c — what an import did, and the rows it left out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-importer.h"

void
sb_import_row_free (SbImportRow *row)
{
  if (row == NULL)
    return;
  g_clear_pointer (&row->message, sb_message_free);
  g_free (row->addressees);
  g_free (row->problem);
  g_strfreev (row->fields);
  g_free (row);
}

void
sb_import_summary_free (SbImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_strfreev (summary->header);
  g_clear_pointer (&summary->rejected_rows, g_ptr_array_unref);
  g_free (summary);
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
static void
append_field (GString    *out,
              const char *value)
{
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * sb_import_summary_write_rejected:
 * @path: the CSV file to write (replaced)
 *
 * Writes the rejected rows as they were in the file, with two columns in front:
 * the row number and the reason. UTF-8 with a BOM, CRLF, so spreadsheets open it
 * right; after correcting the rows, the file can be imported as it is.
 */
gboolean
sb_import_summary_write_rejected (SbImportSummary  *summary,
                                  const char       *path,
                                  GError          **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (summary != NULL, FALSE);

  append_field (out, _("Row"));
  g_string_append_c (out, ',');
  append_field (out, _("Reason"));
  for (guint i = 0; summary->header[i] != NULL; i++)
    {
      g_string_append_c (out, ',');
      append_field (out, summary->header[i]);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < summary->rejected_rows->len; r++)
    {
      SbImportRow *row = g_ptr_array_index (summary->rejected_rows, r);

      g_string_append_printf (out, "%" G_GUINT64_FORMAT ",", row->row);
      append_field (out, row->problem ? row->problem : "");
      for (guint i = 0; row->fields[i] != NULL; i++)
        {
          g_string_append_c (out, ',');
          append_field (out, row->fields[i]);
        }
      g_string_append (out, "\r\n");
    }
  /* Senders' names and private contacts: readable by the owner only. */
  if (!g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_READ,
                   _("The rejected rows could not be saved: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}
