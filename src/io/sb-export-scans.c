/* sb-export-scans.c — the scans of the postcards as image files named by reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-export.h"
#include "sb-io-error.h"
#include "sb-scans.h"

static const char *
extension_for (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return "jpg";
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "png";
  if (g_strcmp0 (mime_type, "image/tiff") == 0)
    return "tif";
  if (g_strcmp0 (mime_type, "image/webp") == 0)
    return "webp";
  return "img";
}

/**
 * sb_export_scans:
 * @folder: made (readable by you only) if missing
 * @n_files: (out) (optional): how many files were written
 *
 * Writes every scan as FOLDER/REF-SIDE.EXT ("PP-0042-front.jpg"), the file as it was
 * received, readable by its owner only. A file already there is never written over:
 * the export stops with an error naming it, the files written before are kept.
 */
gboolean
sb_export_scans (SbCampaign  *campaign,
                 const char  *folder,
                 guint       *n_files,
                 GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  guint written = 0;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int code = errno;
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_WRITE,
                   _("Cannot make the folder “%s”: %s."), name, g_strerror (code));
      return FALSE;
    }
  ids = sb_campaign_list_message_ids (campaign, NULL, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, g_ptr_array_index (ids, i),
                                                              error);
      g_autoptr(GPtrArray) scans = NULL;

      if (message == NULL
          || (scans = sb_campaign_list_scans (campaign, message->id, error)) == NULL)
        return FALSE;
      for (guint s = 0; s < scans->len; s++)
        {
          const SbScan *listed = g_ptr_array_index (scans, s);
          g_autoptr(SbScan) scan = sb_campaign_get_scan (campaign, listed->id, error);
          g_autofree char *basename = NULL;
          g_autofree char *path = NULL;
          gsize size;
          const char *data;

          if (scan == NULL)
            return FALSE;
          basename = g_strdup_printf ("%s-%s.%s", message->ref, scan->side,
                                      extension_for (scan->mime_type));
          path = g_build_filename (folder, basename, NULL);
          data = g_bytes_get_data (scan->image, &size);
          if (!_sb_export_write_private_file (path, data, size, error))
            return FALSE;
          written++;
        }
    }
  if (n_files != NULL)
    *n_files = written;
  return TRUE;
}
