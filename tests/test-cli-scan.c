/* test-cli-scan.c — sambot-cli scan add, list, export, remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sb-test-cli.h"
#include "sb-test.h"

typedef struct
{
  char *dir;
  char *campaign;
  char *front;     /* a JPEG of a card, 300 × 200 */
  char *back;      /* a PNG, 200 × 300 */
} Fixture;

static char *
save_picture (const char *dir,
              const char *name,
              const char *type,
              int         width,
              int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0xc03030ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *out = NULL;

  fixture->dir = g_dir_make_tmp ("sambot-cli-scan-XXXXXX", NULL);
  fixture->campaign = g_build_filename (fixture->dir, "campaign.sambot", NULL);
  fixture->front = save_picture (fixture->dir, "IMG_0001.JPG", "jpeg", 300, 200);
  fixture->back = save_picture (fixture->dir, "IMG_0002.png", "png", 200, 300);
  g_free (sb_test_cli_ok ("init", fixture->campaign, "--name", "Test", "--office-code", "PP"));
  out = sb_test_cli_ok ("--campaign", fixture->campaign, "message", "add", "--channel",
                        "postcard", "--text", "Stay strong");
  g_assert_nonnull (strstr (out, "PP-0001"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->campaign);
  g_free (fixture->front);
  g_free (fixture->back);
}

static JsonArray *
list_json (Fixture    *fixture,
           const char *ref)
{
  g_autofree char *out = sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "list", ref,
                                         "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static void
test_add_list_export_remove (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "exported", NULL);
  g_autofree char *front_copy = g_build_filename (folder, "PP-0001-front.jpg", NULL);
  g_autofree char *back_copy = g_build_filename (folder, "PP-0001-back.png", NULL);
  g_autofree char *original = NULL;
  g_autofree char *exported = NULL;
  gsize original_size, exported_size;
  g_autoptr(JsonArray) scans = NULL;
  JsonObject *first;
  GStatBuf info;

  out = sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "add", "PP-0001",
                        fixture->front);
  g_assert_cmpstr (out, ==, "Kept the front of PP-0001 (JPEG, 300 × 200 pixels)\n");
  g_clear_pointer (&out, g_free);
  /* The reference as typed on a card, in lower case. */
  out = sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "add", "pp-0001",
                        fixture->back, "--side", "back");
  g_assert_cmpstr (out, ==, "Kept the back of PP-0001 (PNG, 200 × 300 pixels)\n");
  g_clear_pointer (&out, g_free);

  out = sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "list", "PP-0001");
  g_assert_nonnull (strstr (out, "front  JPEG  300 × 200"));
  g_assert_nonnull (strstr (out, "back   PNG   200 × 300"));
  g_clear_pointer (&out, g_free);

  scans = list_json (fixture, "PP-0001");
  g_assert_cmpuint (json_array_get_length (scans), ==, 2);
  first = json_array_get_object_element (scans, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "side"), ==, "front");
  g_assert_cmpstr (json_object_get_string_member (first, "mime_type"), ==, "image/jpeg");
  g_assert_cmpint (json_object_get_int_member (first, "width"), ==, 300);
  g_assert_cmpuint (strlen (json_object_get_string_member (first, "sha256")), ==, 64);

  /* Exported as received, readable by the owner only. */
  out = sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "export", "PP-0001", folder);
  g_assert_nonnull (strstr (out, "PP-0001-front.jpg"));
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_get_contents (fixture->front, &original, &original_size, NULL));
  g_assert_true (g_file_get_contents (front_copy, &exported, &exported_size, NULL));
  g_assert_cmpmem (original, original_size, exported, exported_size);
  g_assert_cmpint (g_stat (back_copy, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  /* Again: the same files are there already, nothing to refuse. */
  g_free (sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "export", "PP-0001", folder));

  out = sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "remove", "PP-0001", "back");
  g_assert_cmpstr (out, ==, "Removed the scan of the back of PP-0001\n");
  g_clear_pointer (&scans, json_array_unref);
  scans = list_json (fixture, "PP-0001");
  g_assert_cmpuint (json_array_get_length (scans), ==, 1);

  /* Another picture exported over an older export is refused, the file kept. */
  {
    g_autofree char *other = save_picture (fixture->dir, "IMG_0003.jpg", "jpeg", 200, 200);
    g_autoptr(SbTestResult) result = NULL;
    g_autofree char *kept = NULL;
    gsize kept_size;

    g_free (sb_test_cli_ok ("--campaign", fixture->campaign, "scan", "add", "PP-0001", other));
    result = sb_test_cli_run ("--campaign", fixture->campaign, "scan", "export", "PP-0001",
                              folder);
    sb_test_cli_assert_refused (result, "PP-0001-front.jpg” already exists and is another "
                                "picture");
    g_assert_true (g_file_get_contents (front_copy, &kept, &kept_size, NULL));
    g_assert_cmpmem (original, original_size, kept, kept_size);
  }
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *svg = g_build_filename (fixture->dir, "card.jpg", NULL);
  g_autofree char *cut = g_build_filename (fixture->dir, "cut.jpg", NULL);
  g_autofree char *contents = NULL;
  gsize size;
  g_autoptr(SbTestResult) result = NULL;
  g_autoptr(JsonArray) scans = NULL;

  g_assert_true (g_file_set_contents (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                      "width=\"10\" height=\"10\"/>", -1, NULL));
  result = sb_test_cli_run ("--campaign", fixture->campaign, "scan", "add", "PP-0001", svg);
  sb_test_cli_assert_refused (result, "“card.jpg” is not a picture Sambot can read");
  g_clear_pointer (&result, sb_test_result_free);

  g_assert_true (g_file_get_contents (fixture->front, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (cut, contents, size * 3 / 4, NULL));
  result = sb_test_cli_run ("--campaign", fixture->campaign, "scan", "add", "PP-0001", cut);
  sb_test_cli_assert_refused (result, "“cut.jpg” is damaged or incomplete");
  g_clear_pointer (&result, sb_test_result_free);

  result = sb_test_cli_run ("--campaign", fixture->campaign, "scan", "add", "PP-0999",
                            fixture->front);
  sb_test_cli_assert_refused (result, "There is no message “PP-0999”");
  g_clear_pointer (&result, sb_test_result_free);

  result = sb_test_cli_run ("--campaign", fixture->campaign, "scan", "add", "PP-0001",
                            fixture->front, "--side", "top");
  g_assert_cmpint (result->status, ==, 2);
  g_clear_pointer (&result, sb_test_result_free);

  result = sb_test_cli_run ("--campaign", fixture->campaign, "scan", "remove", "PP-0001",
                            "front");
  sb_test_cli_assert_refused (result, "PP-0001 has no scan of the front");

  /* Nothing was kept. */
  scans = list_json (fixture, "PP-0001");
  g_assert_cmpuint (json_array_get_length (scans), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/scan/add-list-export-remove", test_add_list_export_remove);
  ADD ("/cli/scan/refusals", test_refusals);
#undef ADD

  return g_test_run ();
}
