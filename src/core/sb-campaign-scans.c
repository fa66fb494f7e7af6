/* sb-campaign-scans.c — pictures of postcards, kept inside the campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-campaign-private.h"
#include "sb-scans.h"

static const char *const mime_types[] = {
  "image/jpeg", "image/png", "image/webp", "image/tiff", NULL
};

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID, message);
  return FALSE;
}

/* The bytes are what the type says: a scan's type decides which loader reads it
 * back (src/io/sb-scan-loader.c), so an SVG or a program is never kept as a JPEG. */
static gboolean
bytes_match_type (GBytes     *image,
                  const char *mime_type)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (image, &size);

  if (g_str_equal (mime_type, "image/jpeg"))
    return size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
  if (g_str_equal (mime_type, "image/png"))
    return size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0;
  if (g_str_equal (mime_type, "image/webp"))
    return size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0;
  return size >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0);
}

static gboolean
validate_scan (const SbScan  *scan,
               GError       **error)
{
  if (g_strcmp0 (scan->side, "front") != 0 && g_strcmp0 (scan->side, "back") != 0)
    return invalid (error, _("A scan shows the front or the back of a card."));
  if (scan->mime_type == NULL || !g_strv_contains (mime_types, scan->mime_type))
    return invalid (error, _("Scans must be JPEG, PNG, WebP or TIFF pictures."));
  if (scan->width <= 0 || scan->height <= 0 ||
      (gint64) scan->width * scan->height > SB_SCAN_MAX_PIXELS)
    return invalid (error, _("The picture is larger than 40 megapixels. Scan it again at "
                             "a lower resolution (300 dpi is plenty)."));
  if (scan->image == NULL || g_bytes_get_size (scan->image) == 0)
    return invalid (error, _("The picture is empty."));
  if (!bytes_match_type (scan->image, scan->mime_type))
    return invalid (error, _("The picture is not the kind of file it says it is."));
  if (scan->sha256 == NULL || strlen (scan->sha256) != 64)
    return invalid (error, _("The picture has no fingerprint."));
  return TRUE;
}

/**
 * sb_campaign_add_scan:
 * @scan: a picture read by the scan loader, with its message and side set; its id
 *   is given here
 *
 * Keeps the picture as the @scan->side of the message, in place of the one it had.
 */
gboolean
sb_campaign_add_scan (SbCampaign  *self,
                      SbScan      *scan,
                      GError     **error)
{
  SbStore *store;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (scan != NULL, FALSE);

  if (!validate_scan (scan, error))
    return FALSE;
  store = _sb_campaign_get_store (self);
  message = sb_store_get_message (store, scan->message_id, error);
  if (message == NULL)
    return FALSE;
  if (sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_DELETED)
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED,
                   _("%s is deleted. Restore it before adding scans."), message->ref);
      return FALSE;
    }
  scans = sb_store_list_scans (store, message->id, error);
  if (scans == NULL)
    return FALSE;

  _sb_set_str (&scan->message_id, message->id);
  g_free (scan->id);
  scan->id = sb_campaign_new_id (self);
  if (!sb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < scans->len; i++)
    {
      const SbScan *old = g_ptr_array_index (scans, i);

      if (g_str_equal (old->side, scan->side))
        ok = sb_store_delete_scan (store, old->id, error);
    }
  ok = ok && sb_store_insert_scan (store, scan, error);
  return _sb_campaign_finish (self, ok, error);
}

/**
 * sb_campaign_list_scans:
 * Returns: (transfer full) (element-type SbScan): the message's scans, front first,
 *   with thumbnails but not the pictures (see sb_campaign_get_scan())
 */
GPtrArray *
sb_campaign_list_scans (SbCampaign  *self,
                        const char  *message_id,
                        GError     **error)
{
  g_autoptr(SbMessage) message = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  message = sb_store_get_message (_sb_campaign_get_store (self), message_id, error);
  if (message == NULL)
    return NULL;
  return sb_store_list_scans (_sb_campaign_get_store (self), message->id, error);
}

/**
 * sb_campaign_get_scan:
 * Returns: (transfer full): the scan with its picture, as the file was received
 */
SbScan *
sb_campaign_get_scan (SbCampaign  *self,
                      const char  *scan_id,
                      GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_get_scan (_sb_campaign_get_store (self), scan_id, error);
}

gboolean
sb_campaign_remove_scan (SbCampaign  *self,
                         const char  *scan_id,
                         GError     **error)
{
  SbStore *store;
  g_autoptr(SbScan) scan = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  scan = sb_store_get_scan (store, scan_id, error);
  if (scan == NULL)
    return FALSE;
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_delete_scan (store, scan->id, error), error);
}
