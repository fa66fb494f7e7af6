/* test-cli-export.c — sambot-cli export, and what a spreadsheet or a new campaign gets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sb-campaign.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"

static int
run (const char  *campaign,
     char       **out,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;
  int status = -1;

  g_ptr_array_add (args, (gpointer) g_getenv ("SAMBOT_CLI"));
  g_ptr_array_add (args, "--campaign");
  g_ptr_array_add (args, (gpointer) campaign);
  va_start (ap, out);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL,
                out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : G_SPAWN_DEFAULT,
                NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static JsonArray *
load_array (JsonParser *parser,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  const char *value = json_object_get_string_member_with_default (object, name, NULL);

  return value != NULL ? value : "";
}

/* The demo's messages, exported as CSV and imported into a new campaign with the same
 * detainees, come back with the same text, sender, dates, language and addressees. */
static void
test_cli_export_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-export-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.sambot", NULL);
  g_autofree char *csv = g_build_filename (dir, "messages.csv", NULL);
  g_autofree char *before = g_build_filename (dir, "before.json", NULL);
  g_autofree char *after = g_build_filename (dir, "after.json", NULL);
  g_autofree char *detainees_json = NULL;
  g_autoptr(JsonParser) detainees_parser = json_parser_new ();
  g_autoptr(JsonParser) before_parser = json_parser_new ();
  g_autoptr(JsonParser) after_parser = json_parser_new ();
  const char *fields[] = { "received_on", "sender_name", "sender_city", "sender_country",
                           "consent", "language", "message", "addressees" };
  JsonArray *detainees, *a, *b;
  guint with_addressees = 0;

  g_assert_cmpint (run (demo, NULL, "demo", demo, NULL), ==, 0);
  g_assert_cmpint (run (demo, NULL, "export", "messages", "-o", csv, NULL), ==, 0);
  g_assert_cmpint (run (demo, NULL, "export", "messages", "--format", "json", "-o", before,
                        NULL), ==, 0);

  g_assert_cmpint (run (fresh, NULL, "init", fresh, "--name", "Fresh", "--office-code", "PP",
                        NULL), ==, 0);
  g_assert_cmpint (run (fresh, NULL, "facility", "add", "--code", "PS", "--name", "Prey Sar",
                        NULL), ==, 0);
  g_assert_cmpint (run (demo, &detainees_json, "detainee", "list", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (detainees_parser, detainees_json, -1, NULL));
  detainees = json_node_get_array (json_parser_get_root (detainees_parser));
  for (guint i = 0; i < json_array_get_length (detainees); i++)
    {
      JsonObject *d = json_array_get_object_element (detainees, i);

      g_assert_cmpint (run (fresh, NULL, "detainee", "add", "--name", string_member (d, "name"),
                            "--name-km", string_member (d, "name_km"), NULL), ==, 0);
    }
  g_assert_cmpint (run (fresh, NULL, "import", csv, NULL), ==, 0);
  g_assert_cmpint (run (fresh, NULL, "export", "messages", "--format", "json", "-o", after,
                        NULL), ==, 0);

  a = load_array (before_parser, before);
  b = load_array (after_parser, after);
  g_assert_cmpuint (json_array_get_length (a), >, 400);
  g_assert_cmpuint (json_array_get_length (b), ==, json_array_get_length (a));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *x = json_array_get_object_element (a, i);
      JsonObject *y = json_array_get_object_element (b, i);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (g_strcmp0 (string_member (x, fields[f]), string_member (y, fields[f])) != 0)
          g_error ("%s: %s was “%s”, is “%s” after the round trip", string_member (x, "reference"),
                   fields[f], string_member (x, fields[f]), string_member (y, fields[f]));
      with_addressees += string_member (x, "addressees")[0] != '\0';
    }
  g_assert_cmpuint (with_addressees, >, 400);
}

/* Private by default: no contacts column, mode 0600; contacts only when asked;
 * an existing file is never written over; a BOM only with --bom. */
static void
test_cli_export_privacy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-export-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.csv", NULL);
  g_autofree char *contacts = g_build_filename (dir, "contacts.csv", NULL);
  g_autofree char *bom = g_build_filename (dir, "bom.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *out = NULL;
  struct stat st;

  g_assert_cmpint (run (demo, NULL, "demo", demo, NULL), ==, 0);
  g_assert_cmpint (run (demo, NULL, "export", "messages", "-o", plain, NULL), ==, 0);
  g_assert_cmpint (g_stat (plain, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (plain, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "reference,received_on,"));
  g_assert_null (strstr (text, "sender_contact"));
  g_assert_null (strstr (text, "@example.org"));
  g_assert_nonnull (strstr (text, "\r\n"));

  g_assert_cmpint (run (demo, &out, "export", "messages", "--include-contacts", "--json", "-o",
                        contacts, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"contacts\" : true"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (contacts, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ",sender_contact,"));
  g_assert_nonnull (strstr (text, "@example.org"));

  /* Refused, not overwritten. */
  g_assert_cmpint (run (demo, NULL, "export", "batches", "-o", plain, NULL), ==, 1);
  g_assert_true (g_file_get_contents (plain, &again, NULL, NULL));
  g_assert_true (g_str_has_prefix (again, "reference,received_on,"));

  g_assert_cmpint (run (demo, NULL, "export", "batches", "--bom", "-o", bom, NULL), ==, 0);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (bom, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "code,facility,state,"));

  g_assert_cmpint (run (demo, NULL, "export", "letters", "-o", bom, NULL), ==, 2);
  g_assert_cmpint (run (demo, NULL, "export", "copies", "--format", "xls", "-o", bom, NULL), ==, 2);
}

/* Copies and batches agree with each other and with the demo's 12 rejected items. */
static void
test_cli_export_copies_batches (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-export-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *copies_path = g_build_filename (dir, "copies.json", NULL);
  g_autofree char *batches_path = g_build_filename (dir, "batches.json", NULL);
  g_autoptr(JsonParser) copies_parser = json_parser_new ();
  g_autoptr(JsonParser) batches_parser = json_parser_new ();
  JsonArray *copies, *batches;
  gint64 rejected_items = 0, delivered_items = 0;
  guint rejected_copies = 0, delivered_copies = 0;

  g_assert_cmpint (run (demo, NULL, "demo", demo, NULL), ==, 0);
  g_assert_cmpint (run (demo, NULL, "export", "copies", "--format", "json", "-o", copies_path,
                        NULL), ==, 0);
  g_assert_cmpint (run (demo, NULL, "export", "batches", "--format", "json", "-o", batches_path,
                        NULL), ==, 0);
  copies = load_array (copies_parser, copies_path);
  batches = load_array (batches_parser, batches_path);

  for (guint i = 0; i < json_array_get_length (batches); i++)
    {
      JsonObject *batch = json_array_get_object_element (batches, i);

      rejected_items += json_object_get_int_member (batch, "rejected");
      delivered_items += json_object_get_int_member (batch, "delivered");
      g_assert_cmpint (json_object_get_int_member (batch, "items"), ==,
                       json_object_get_int_member (batch, "delivered")
                       + json_object_get_int_member (batch, "rejected")
                       + json_object_get_int_member (batch, "returned")
                       + json_object_get_int_member (batch, "waiting"));
    }
  for (guint i = 0; i < json_array_get_length (copies); i++)
    {
      JsonObject *copy = json_array_get_object_element (copies, i);
      const char *outcome = string_member (copy, "outcome");

      if (g_str_equal (outcome, "rejected"))
        {
          rejected_copies++;
          g_assert_cmpstr (string_member (copy, "reason"), !=, "");
          g_assert_cmpstr (string_member (copy, "batch"), !=, "");
        }
      if (g_str_equal (string_member (copy, "state"), "delivered"))
        {
          delivered_copies++;
          g_assert_cmpstr (string_member (copy, "delivered_on"), !=, "");
        }
      g_assert_cmpstr (string_member (copy, "detainee_km"), !=, "");
    }
  g_assert_cmpint (rejected_items, ==, 12);
  g_assert_cmpuint (rejected_copies, <=, 12);
  g_assert_cmpuint (delivered_copies, ==, delivered_items);
}

/* --json where the issue found none, and batch reasons showing the demo's 12 rejections. */
static void
test_cli_output_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-export-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.sambot", NULL);
  g_autofree char *restored = g_build_filename (dir, "restored.sambot", NULL);
  g_autofree char *batches_path = g_build_filename (dir, "batches.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) batches_parser = json_parser_new ();
  JsonArray *reasons, *batches;
  JsonObject *object;
  const char *code = NULL, *digest = NULL;

  g_assert_cmpint (run (demo, &out, "demo", demo, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "file"), ==, demo);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (demo, &out, "batch", "reasons", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "content refers to the court case"));
  g_assert_nonnull (strstr (out, "12"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (demo, &out, "batch", "reasons", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  reasons = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (reasons), >=, 1);
  object = json_array_get_object_element (reasons, 0);
  g_assert_cmpint (json_object_get_int_member (object, "items"), ==, 12);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (demo, &out, "backup", "--json", copy, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "backup"), ==, copy);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (demo, &out, "restore", "--json", copy, restored, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "restored_as"), ==, restored);

  g_assert_cmpint (run (demo, NULL, "export", "batches", "--format", "json", "-o", batches_path,
                        NULL), ==, 0);
  batches = load_array (batches_parser, batches_path);
  for (guint i = 0; i < json_array_get_length (batches) && digest == NULL; i++)
    {
      object = json_array_get_object_element (batches, i);
      digest = json_object_get_string_member_with_default (object, "digest", NULL);
      code = json_object_get_string_member_with_default (object, "code", NULL);
    }
  g_assert_nonnull (digest);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (demo, &out, "verify-manifest", "--json", code, digest, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "matches"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (demo, &out, "verify-manifest", "--json", code,
                        "0000000000000000000000000000000000000000000000000000000000000000",
                        NULL), ==, 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "matches"));

  /* A batch created and sealed, a milestone added and removed. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (demo, &out, "batch", "create", "PJ", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "draft");
  g_assert_cmpint (json_object_get_int_member (object, "items"), >, 0);
  {
    g_autofree char *id = g_strdup (json_object_get_string_member (object, "id"));

    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run (demo, &out, "batch", "seal", id, "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "sealed");
    g_assert_cmpuint (strlen (json_object_get_string_member (object, "digest")), ==, 64);
  }
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (demo, &out, "milestone", "add", "--day", "2016-10-11", "--label", "Hearing",
                        "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "day"), ==, "2016-10-11");
  {
    g_autofree char *id = g_strdup (json_object_get_string_member (object, "id"));

    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run (demo, &out, "milestone", "remove", id, "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                    "removed"), ==, id);
  }
}

/* "help COMMAND" is "COMMAND --help"; message list is newest first, as its help says. */
static void
test_cli_output_help_and_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-export-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *help = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *top = NULL;
  char *first_row;

  g_assert_cmpint (run (demo, NULL, "demo", demo, NULL), ==, 0);
  g_assert_cmpint (run (demo, &help, "help", "message", "list", NULL), ==, 0);
  g_assert_cmpint (run (demo, &asked, "message", "list", "--help", NULL), ==, 0);
  g_assert_cmpstr (help, ==, asked);
  g_assert_nonnull (strstr (help, "newest first"));
  g_assert_nonnull (strstr (help, "--oldest-first"));
  g_assert_cmpint (run (demo, &top, "help", NULL), ==, 0);
  g_assert_nonnull (strstr (top, "export"));
  g_assert_cmpint (run (demo, NULL, "help", "no-such-command", NULL), ==, 2);

  g_assert_cmpint (run (demo, &newest, "message", "list", NULL), ==, 0);
  g_assert_cmpint (run (demo, &oldest, "message", "list", "--oldest-first", NULL), ==, 0);
  first_row = strchr (oldest, '\n') + 1;
  g_assert_true (g_str_has_prefix (first_row, "PP-0001 "));
  first_row = strchr (newest, '\n') + 1;
  g_assert_false (g_str_has_prefix (first_row, "PP-0001 "));
  g_assert_nonnull (strstr (newest, "\nPP-0001 "));
  g_assert_true (strstr (newest, "\nPP-0002 ") < strstr (newest, "\nPP-0001 "));
}

/* Columns after a Khmer name start in the same terminal column on every row. */
static void
test_cli_output_khmer_table (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-export-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.sambot", NULL);
  const char *commands[][2] = { { "detainee", "list" }, { "stats", NULL } };

  g_assert_cmpint (run (demo, NULL, "demo", demo, NULL), ==, 0);
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;
      gssize column = -1;
      guint rows = 0;

      g_assert_cmpint (run (demo, &out, commands[c][0], commands[c][1], NULL), ==, 0);
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *khmer = strstr (lines[i], "\xe1\x9e");   /* U+1780…U+17BF */
          const char *after;
          g_autofree char *before = NULL;
          gsize width;

          if (khmer == NULL || g_str_has_prefix (lines[i], "#"))
            continue;
          /* The column after the Khmer name: its first digit (days detained). */
          after = strpbrk (khmer, "0123456789");
          g_assert_nonnull (after);
          before = g_strndup (lines[i], after - lines[i]);
          width = g_utf8_strlen (before, -1);
          for (const char *p = before; *p != '\0'; p = g_utf8_next_char (p))
            if (g_unichar_iszerowidth (g_utf8_get_char (p)))
              width--;
          if (column < 0)
            column = width;
          g_assert_cmpint ((gssize) width, ==, column);
          rows++;
        }
      g_assert_cmpuint (rows, ==, 5);
    }
}

/* The scans come out as files named by reference, as they were received, private. */
static void
test_cli_export_scans (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-export-XXXXXX", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *folder = g_build_filename (dir, "scans", NULL);
  g_autofree char *file = g_build_filename (folder, "PP-0001-front.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autofree char *written = NULL;
  gsize length, written_length;
  struct stat st;

  g_assert_cmpint (run (demo, NULL, "demo", demo, NULL), ==, 0);
  {
    g_autoptr(SbCampaign) campaign = sb_campaign_open (demo, FALSE, &error);
    g_autoptr(SbMessage) message = NULL;
    g_autoptr(SbScan) scan = NULL;

    g_assert_no_error (error);
    message = sb_campaign_get_message (campaign, "PP-0001", &error);
    g_assert_no_error (error);
    gdk_pixbuf_fill (pixbuf, 0xd0c0a0ff);
    g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", &error, NULL));
    bytes = g_bytes_new (png, length);
    scan = sb_scan_load_bytes (bytes, "card.png", &error);
    g_assert_no_error (error);
    scan->message_id = g_strdup (message->id);
    scan->side = g_strdup ("front");
    g_assert_true (sb_campaign_add_scan (campaign, scan, &error));
    g_assert_no_error (error);
    sb_campaign_close (campaign);
  }

  g_assert_cmpint (run (demo, NULL, "export", "scans", "-o", folder, NULL), ==, 0);
  g_assert_true (g_file_get_contents (file, &written, &written_length, NULL));
  g_assert_cmpmem (written, written_length, png, length);
  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* Again: the file is there, nothing is written over. */
  g_assert_cmpint (run (demo, NULL, "export", "scans", "-o", folder, NULL), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/export/round-trip", test_cli_export_round_trip);
  g_test_add_func ("/cli/export/privacy", test_cli_export_privacy);
  g_test_add_func ("/cli/export/copies-batches", test_cli_export_copies_batches);
  g_test_add_func ("/cli/export/scans", test_cli_export_scans);
  g_test_add_func ("/cli/output/json", test_cli_output_json);
  g_test_add_func ("/cli/output/help-and-order", test_cli_output_help_and_order);
  g_test_add_func ("/cli/output/khmer-table", test_cli_output_khmer_table);
  return g_test_run ();
}
