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
#include <string.h>

#include "sb-scan-loader.h"
#include "sb-scans.h"

#define CHUNK_BYTES (64 * 1024)

G_DEFINE_QUARK (sb-scan-error-quark, sb_scan_error)

static SbScan *load_bytes (GBytes        *bytes,
                           const char    *name,
                           GCancellable  *cancellable,
                           GError       **error);

typedef struct
{
  const char *name;
  gboolean    too_large;
  int         width;
  int         height;
} Header;

/* The kinds of picture a scan may be: the file's first bytes say which, and only
 * that kind's loader ever sees the file (never an SVG or another loader's parser). */
typedef enum
{
  KIND_NONE,
  KIND_JPEG,
  KIND_PNG,
  KIND_WEBP,
  KIND_TIFF,
} Kind;

static const struct
{
  const char *loader;   /* gdk-pixbuf's name for the format */
  const char *mime_type;
} kinds[] = {
  [KIND_JPEG] = { "jpeg", "image/jpeg" },
  [KIND_PNG] = { "png", "image/png" },
  [KIND_WEBP] = { "webp", "image/webp" },
  [KIND_TIFF] = { "tiff", "image/tiff" },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static Kind
sniff (const guchar *data,
       gsize         size)
{
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return KIND_JPEG;
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return KIND_PNG;
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return KIND_WEBP;
  if (size >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return KIND_TIFF;
  return KIND_NONE;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A JPEG ends with an EOI marker after its scans; a file cut short has none (and
 * libjpeg would quietly paint the missing part grey). Walks the segments, and the
 * compressed data of each scan, up to the EOI. Data after it (a phone's motion
 * photo) does not matter. */
static gboolean
jpeg_is_whole (const guchar *data,
               gsize         size)
{
  gsize pos = 2;

  while (pos + 2 <= size)
    {
      guchar marker;
      gsize length;

      if (data[pos] != 0xff)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;
          continue;
        }
      if (marker == 0xd9)
        return TRUE;
      if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        {
          pos += 2;
          continue;
        }
      if (pos + 4 > size)
        return FALSE;
      length = ((gsize) data[pos + 2] << 8) | data[pos + 3];
      if (length < 2 || pos + 2 + length > size)
        return FALSE;
      pos += 2 + length;
      if (marker != 0xda)
        continue;
      /* Compressed data: 0xff is followed by 0 (a stuffed byte), a restart marker,
       * more fill, or the next marker. */
      while (pos + 1 < size)
        {
          const guchar *ff = memchr (data + pos, 0xff, size - pos - 1);
          guchar next;

          if (ff == NULL)
            return FALSE;
          pos = ff - data;
          next = data[pos + 1];
          if (next == 0x00 || (next >= 0xd0 && next <= 0xd7))
            pos += 2;
          else if (next == 0xff)
            pos++;
          else
            break;
        }
    }
  return FALSE;
}

/* A PNG's last chunk is IEND. */
static gboolean
png_is_whole (const guchar *data,
              gsize         size)
{
  gsize pos = 8;

  while (pos + 12 <= size)
    {
      guint32 length = read_be32 (data + pos);

      if (length > G_MAXINT32 || length > size - pos - 12)
        return FALSE;
      if (memcmp (data + pos + 4, "IEND", 4) == 0)
        return TRUE;
      pos += 12 + length;
    }
  return FALSE;
}

/* A WebP file says its own length in its RIFF header. */
static gboolean
webp_is_whole (const guchar *data,
               gsize         size)
{
  guint32 length = data[4] | (data[5] << 8) | (data[6] << 16) | ((guint32) data[7] << 24);

  return (guint64) length + 8 <= size;
}

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
 * Decides the kind from the first bytes, refuses a file cut short, then feeds the
 * bytes to that kind's loader in chunks, stopping as soon as the header says the
 * picture is too large, when asked to, or when it takes too long.
 */
static GdkPixbuf *
decode (GBytes        *bytes,
        const char    *name,
        char         **mime_type,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  Header header = { name, FALSE, 0, 0 };
  gsize size = 0;
  const guchar *data = g_bytes_get_data (bytes, &size);
  gint64 deadline = g_get_monotonic_time () + SB_SCAN_MAX_SECONDS * G_USEC_PER_SEC;
  GdkPixbuf *pixbuf;
  Kind kind = sniff (data, size);
  gboolean ok = TRUE;

  if (kind == KIND_NONE)
    {
      not_image (error, name);
      return NULL;
    }
  if ((kind == KIND_JPEG && !jpeg_is_whole (data, size)) ||
      (kind == KIND_PNG && !png_is_whole (data, size)) ||
      (kind == KIND_WEBP && !webp_is_whole (data, size)))
    {
      damaged (error, name, _("the end of the picture is missing"));
      return NULL;
    }
  loader = gdk_pixbuf_loader_new_with_type (kinds[kind].loader, NULL);
  if (loader == NULL)
    {
      /* WebP and TIFF come from loaders that may not be installed. */
      not_image (error, name);
      return NULL;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &header);
  for (gsize offset = 0; ok && offset < size && !header.too_large; offset += CHUNK_BYTES)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
      if (g_get_monotonic_time () > deadline)
        {
          gdk_pixbuf_loader_close (loader, NULL);
          g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_TOO_LARGE,
                       ngettext ("“%s” takes more than %d second to read. Save it again as "
                                 "an ordinary JPEG or PNG picture.",
                                 "“%s” takes more than %d seconds to read. Save it again as "
                                 "an ordinary JPEG or PNG picture.", SB_SCAN_MAX_SECONDS),
                       name, SB_SCAN_MAX_SECONDS);
          return NULL;
        }
      ok = gdk_pixbuf_loader_write (loader, data + offset, MIN (CHUNK_BYTES, size - offset),
                                    &local_error);
    }

  if (ok)
    ok = gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);
  if (header.too_large)
    {
      too_large (error, name, header.width, header.height);
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
    *mime_type = g_strdup (kinds[kind].mime_type);
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
 * Checks and reads a picture: refuses what does not start as a JPEG, PNG, WebP or
 * TIFF file does (only that kind's loader ever reads it), what is larger than 40
 * megapixels (from the header, before decoding), what is cut short (a JPEG
 * without its end marker, a PNG without IEND, a WebP shorter than it says) or
 * damaged, and what takes longer than SB_SCAN_MAX_SECONDS to read; measures it with its EXIF orientation applied, fingerprints the bytes
 * (SHA-256) and makes a PNG thumbnail. Safe in any thread.
 *
 * Returns: (transfer full): a scan to give a message and side, or %NULL
 */
SbScan *
sb_scan_load_bytes (GBytes      *bytes,
                    const char  *name,
                    GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  return load_bytes (bytes, name, NULL, error);
}

static SbScan *
load_bytes (GBytes        *bytes,
            const char    *name,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *mime_type = NULL;
  SbScan *scan;

  if (g_bytes_get_size (bytes) > SB_SCAN_MAX_FILE_BYTES)
    {
      g_set_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_TOO_LARGE,
                   _("“%s” is larger than 100 MB. Scan it again at a lower resolution."),
                   name);
      return NULL;
    }
  pixbuf = decode (bytes, name, &mime_type, cancellable, error);
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
  return load_bytes (bytes, name, cancellable, error);
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
  return decode (image, _("the scan"), NULL, NULL, error);
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
