/* sb-scan-loader.c — reading pictures of postcards: check, orient, fingerprint, thumbnail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here may run in a worker thread: it touches no campaign. The size of a
 * picture is checked from its header, before any pixel is decoded.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-scan-loader.h"
#include "sb-scans.h"

#define CHUNK_BYTES (64 * 1024)

G_DEFINE_QUARK (sb-scan-error-quark, sb_scan_error)

typedef struct
{
  const char *name;
  gboolean    too_large;
  int         width;
  int         height;
} Header;

static const char *const accepted_formats[] = { "jpeg", "png", "webp", "tiff", NULL };

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Header          *header)
{
  header->width = width;
  header->height = height;
  if ((gint64) width * height > SB_SCAN_MAX_PIXELS)
    {
      /* As gdk_pixbuf_get_file_info() does: the module stops before allocating. */
      header->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static gboolean
not_image (GError     **error,
           const char  *name)
{
  g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_NOT_IMAGE,
               _("“%s” is not a picture Sambot can read. Use JPEG, PNG, WebP or TIFF "
                 "files from a scanner or phone."), name);
  return FALSE;
}

static gboolean
too_large (GError     **error,
           const char  *name,
           int          width,
           int          height)
{
  g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_TOO_LARGE,
               _("“%s” is too large (%d × %d pixels, over 40 megapixels). Scan it again "
                 "at a lower resolution; 300 dpi is plenty."), name, width, height);
  return FALSE;
}

static gboolean
damaged (GError     **error,
         const char  *name,
         const char  *detail)
{
  g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_DAMAGED,
               _("“%s” is damaged or incomplete (%s). Copy or scan it again."), name, detail);
  return FALSE;
}

/*
 * Feeds @bytes to a loader in chunks, stopping as soon as the header says the
 * picture is too large or not of an accepted kind.
 */
static GdkPixbuf *
decode (GBytes      *bytes,
        const char  *name,
        char       **mime_type,
        GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  Header header = { name, FALSE, 0, 0 };
  gsize size = 0;
  const guchar *data = g_bytes_get_data (bytes, &size);
  GdkPixbufFormat *format;
  GdkPixbuf *pixbuf;
  g_autofree char *format_name = NULL;
  gboolean ok = TRUE;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &header);
  for (gsize offset = 0; ok && offset < size && !header.too_large; offset += CHUNK_BYTES)
    ok = gdk_pixbuf_loader_write (loader, data + offset, MIN (CHUNK_BYTES, size - offset),
                                  &local_error);

  /* Small files are only sniffed at close: look at the format after it. */
  if (ok)
    ok = gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);
  if (header.too_large)
    {
      too_large (error, name, header.width, header.height);
      return NULL;
    }
  format = gdk_pixbuf_loader_get_format (loader);
  format_name = format ? gdk_pixbuf_format_get_name (format) : NULL;
  if (format_name == NULL || !g_strv_contains (accepted_formats, format_name))
    {
      not_image (error, name);
      return NULL;
    }
  if (!ok)
    {
      damaged (error, name, local_error ? local_error->message : "");
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      damaged (error, name, _("no picture in the file"));
      return NULL;
    }
  if (mime_type != NULL)
    {
      g_auto(GStrv) types = gdk_pixbuf_format_get_mime_types (format);

      *mime_type = g_strdup (g_str_equal (format_name, "jpeg") ? "image/jpeg"
                             : g_str_equal (format_name, "png") ? "image/png"
                             : g_str_equal (format_name, "webp") ? "image/webp"
                             : g_str_equal (format_name, "tiff") ? "image/tiff"
                             : types[0]);
    }
  /* EXIF orientation: phones store pictures sideways and say so in a tag. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static GBytes *
make_thumbnail (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale = (double) SB_SCAN_THUMBNAIL_SIZE / MAX (width, height);
  g_autoptr(GdkPixbuf) small = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;

  if (scale > 1.0)
    scale = 1.0;
  small = gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale)),
                                   MAX (1, (int) (height * scale)), GDK_INTERP_BILINEAR);
  if (small == NULL || !gdk_pixbuf_save_to_buffer (small, &buffer, &size, "png", NULL, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  SbScan *scan = sb_scan_load_file (task_data, cancellable, &error);

  if (scan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scan, (GDestroyNotify) sb_scan_free);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GdkPixbuf *pixbuf = sb_scan_decode (task_data, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_scan_load_bytes:
 * @bytes: the file's content
 * @name: what to call it in messages (a file name, "the pasted picture")
 *
 * Checks and reads a picture: refuses what is not a JPEG, PNG, WebP or TIFF,
 * what is larger than 40 megapixels (from the header, before decoding) and what is
 * truncated; measures it with its EXIF orientation applied, fingerprints the bytes
 * (SHA-256) and makes a PNG thumbnail. Safe in any thread.
 *
 * Returns: (transfer full): a scan to give a message and side, or %NULL
 */
SbScan *
sb_scan_load_bytes (GBytes      *bytes,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *mime_type = NULL;
  SbScan *scan;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (g_bytes_get_size (bytes) > SB_SCAN_MAX_FILE_BYTES)
    {
      g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_TOO_LARGE,
                   _("“%s” is larger than 100 MB. Scan it again at a lower resolution."),
                   name);
      return NULL;
    }
  pixbuf = decode (bytes, name, &mime_type, error);
  if (pixbuf == NULL)
    return NULL;

  scan = g_new0 (SbScan, 1);
  scan->mime_type = g_steal_pointer (&mime_type);
  scan->width = gdk_pixbuf_get_width (pixbuf);
  scan->height = gdk_pixbuf_get_height (pixbuf);
  scan->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  scan->image = g_bytes_ref (bytes);
  scan->thumbnail = make_thumbnail (pixbuf);
  return scan;
}

/**
 * sb_scan_load_file:
 *
 * Like sb_scan_load_bytes() for a file. Blocks: call it in a worker thread, or use
 * sb_scan_load_file_async().
 */
SbScan *
sb_scan_load_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      g_file_info_get_size (info) > SB_SCAN_MAX_FILE_BYTES)
    {
      g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_TOO_LARGE,
                   _("“%s” is larger than 100 MB. Scan it again at a lower resolution."),
                   name);
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }
  return sb_scan_load_bytes (bytes, name, error);
}

void
sb_scan_load_file_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sb_scan_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

SbScan *
sb_scan_load_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sb_scan_decode:
 * @image: a scan's picture as stored
 *
 * Returns: (transfer full): the picture, upright (EXIF orientation applied)
 */
GdkPixbuf *
sb_scan_decode (GBytes  *image,
                GError **error)
{
  g_return_val_if_fail (image != NULL, NULL);
  return decode (image, _("the scan"), NULL, error);
}

void
sb_scan_decode_async (GBytes              *image,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sb_scan_decode_async);
  g_task_set_task_data (task, g_bytes_ref (image), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, decode_thread);
}

GdkPixbuf *
sb_scan_decode_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
