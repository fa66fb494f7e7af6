/* test-scans.c — pictures of postcards: the kind decided by the file's first bytes,
 * truncated files refused, each accepted kind read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-campaign.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"

/* 300 bytes of SVG that gdk-pixbuf's SVG loader spends minutes of CPU on (tried:
 * still drawing after 100 s), named as a JPEG. */
static const char svg_bomb[] =
  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"6000\" height=\"6000\"><defs>"
  "<filter id=\"f\"><feGaussianBlur stdDeviation=\"900\"/><feMorphology radius=\"300\"/>"
  "</filter></defs><rect width=\"6000\" height=\"6000\" fill=\"red\" filter=\"url(#f)\"/>"
  "<circle cx=\"3000\" cy=\"3000\" r=\"2900\" fill=\"blue\" filter=\"url(#f)\"/></svg>\n";

static GdkPixbuf *
two_colour_pixbuf (int width,
                   int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = x < width / 2 ? 255 : 0;
        p[1] = (guchar) (y * 255 / height);
        p[2] = x < width / 2 ? 0 : 255;
      }
  return pixbuf;
}

static GBytes *
save_pixbuf (GdkPixbuf  *pixbuf,
             const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static void
test_svg_refused_at_once (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (svg_bomb, strlen (svg_bomb));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  SbScan *scan = sb_scan_load_bytes (bytes, "card.jpg", &error);
  double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_assert_null (scan);
  g_assert_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_NOT_IMAGE);
  g_assert_nonnull (strstr (error->message, "card.jpg"));
  g_test_message ("refused in %.4f s", seconds);
  g_assert_cmpfloat (seconds, <, 0.5);

  /* A stored scan is read the same way: the viewer never draws an SVG either. */
  g_clear_error (&error);
  g_assert_null (sb_scan_decode (bytes, &error));
  g_assert_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_NOT_IMAGE);
}

/* A file cut short, as a copy interrupted or a card reader pulled out leaves it. */
static void
assert_truncated_refused (const char *type,
                          const char *name,
                          double      keep)
{
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (200, 150);
  g_autoptr(GBytes) whole = save_pixbuf (pixbuf, type);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0,
                                                  (gsize) (g_bytes_get_size (whole) * keep));
  g_autoptr(GError) error = NULL;
  SbScan *scan = sb_scan_load_bytes (cut, name, &error);

  g_assert_null (scan);
  g_assert_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, name));
}

static void
test_truncated_refused (void)
{
  /* Most of the picture there: libjpeg alone paints the rest grey and says nothing. */
  assert_truncated_refused ("jpeg", "card.jpg", 0.9);
  assert_truncated_refused ("jpeg", "card.jpg", 0.5);
  /* Only the last chunk (IEND) missing. */
  assert_truncated_refused ("png", "card.png", 0.999);
  assert_truncated_refused ("png", "card.png", 0.5);
  assert_truncated_refused ("webp", "card.webp", 0.9);
  assert_truncated_refused ("tiff", "card.tif", 0.6);
}

static void
test_kinds_accepted (void)
{
  static const struct
  {
    const char *type;
    const char *mime_type;
  } kinds[] = {
    { "jpeg", "image/jpeg" },
    { "png", "image/png" },
    { "webp", "image/webp" },
    { "tiff", "image/tiff" },
  };
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (120, 80);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) bytes = save_pixbuf (pixbuf, kinds[i].type);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbScan) scan = sb_scan_load_bytes (bytes, "card", &error);
      g_autoptr(GdkPixbuf) shown = NULL;
      const guchar *left;

      g_assert_no_error (error);
      g_assert_cmpstr (scan->mime_type, ==, kinds[i].mime_type);
      g_assert_cmpint (scan->width, ==, 120);
      g_assert_cmpint (scan->height, ==, 80);
      g_assert_nonnull (scan->thumbnail);

      /* And the picture is the one saved: red on the left. */
      shown = sb_scan_decode (scan->image, &error);
      g_assert_no_error (error);
      left = gdk_pixbuf_get_pixels (shown) + 40 * gdk_pixbuf_get_rowstride (shown)
             + 10 * gdk_pixbuf_get_n_channels (shown);
      g_assert_cmpint (left[0], >, 200);
      g_assert_cmpint (left[2], <, 60);
    }
}

/* A JPEG followed by something else (a phone's "motion photo" keeps a video after
 * the picture's end marker) is whole. */
static void
test_jpeg_with_trailer (void)
{
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (64, 64);
  g_autoptr(GBytes) jpeg = save_pixbuf (pixbuf, "jpeg");
  GByteArray *joined = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScan) scan = NULL;

  g_byte_array_append (joined, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));
  g_byte_array_append (joined, (const guint8 *) "\0\0\0\x18" "ftypmp42", 12);
  bytes = g_byte_array_free_to_bytes (joined);
  scan = sb_scan_load_bytes (bytes, "motion.jpg", &error);
  g_assert_no_error (error);
  g_assert_cmpint (scan->width, ==, 64);
}

static void
test_other_kinds_refused (void)
{
  static const char *const types[] = { "bmp", "ico" };
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (32, 32);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GBytes) bytes = save_pixbuf (pixbuf, types[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (sb_scan_load_bytes (bytes, "card.png", &error));
      g_assert_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_NOT_IMAGE);
    }
}

/* Kept in the campaign only when the bytes are of the type the scan says: the type
 * decides which loader reads it back. */
static void
test_campaign_keeps_matching_bytes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-scans-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "campaign.sambot", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_create (path, "Test", "PP", &error);
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (40, 30);
  g_autoptr(GBytes) png = save_pixbuf (pixbuf, "png");
  g_autoptr(SbScan) scan = sb_scan_load_bytes (png, "card.png", &error);
  g_autoptr(GPtrArray) scans = NULL;

  g_assert_no_error (error);
  g_free (message->original_text);
  message->original_text = g_strdup ("Stay strong");
  g_free (message->channel);
  message->channel = g_strdup ("postcard");
  g_assert_true (sb_campaign_add_message (campaign, message, &error));
  g_assert_no_error (error);
  scan->message_id = g_strdup (message->id);
  scan->side = g_strdup ("front");

  /* An SVG passed off as the PNG read above. */
  g_bytes_unref (scan->image);
  scan->image = g_bytes_new_static (svg_bomb, strlen (svg_bomb));
  g_assert_false (sb_campaign_add_scan (campaign, scan, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);
  scans = sb_campaign_list_scans (campaign, message->id, &error);
  g_assert_cmpuint (scans->len, ==, 0);

  g_bytes_unref (scan->image);
  scan->image = g_bytes_ref (png);
  g_assert_true (sb_campaign_add_scan (campaign, scan, &error));
  g_assert_no_error (error);

  sb_campaign_close (campaign);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/scans/svg-refused-at-once", test_svg_refused_at_once);
  g_test_add_func ("/io/scans/truncated-refused", test_truncated_refused);
  g_test_add_func ("/io/scans/kinds-accepted", test_kinds_accepted);
  g_test_add_func ("/io/scans/jpeg-with-trailer", test_jpeg_with_trailer);
  g_test_add_func ("/io/scans/other-kinds-refused", test_other_kinds_refused);
  g_test_add_func ("/core/scans/bytes-match-type", test_campaign_keeps_matching_bytes);

  return g_test_run ();
}
