/* test-cli-exchange.c — sambot-cli exchange invite, folder, send, receive, status;
 * join
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two offices from the command line, as a script would drive them: Phnom Penh
 * invites Kampong Cham, Kampong Cham joins, each adds a postcard, they exchange
 * through one folder, and "exchange status --json" says what each knows of the
 * other.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sb-test-cli.h"
#include "sb-test.h"

typedef struct
{
  char *dir;
  char *pp;
  char *kc;
  char *invitation;
  char *passphrase;
  char *folder;
} Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sambot-cli-exchange-XXXXXX", NULL);
  fixture->pp = g_build_filename (fixture->dir, "phnom-penh.sambot", NULL);
  fixture->kc = g_build_filename (fixture->dir, "kampong-cham.sambot", NULL);
  fixture->invitation = g_build_filename (fixture->dir, "kampong-cham.sbinvite", NULL);
  fixture->passphrase = g_build_filename (fixture->dir, "passphrase", NULL);
  fixture->folder = g_build_filename (fixture->dir, "exchange", NULL);
  g_assert_cmpint (g_mkdir (fixture->folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->passphrase, "kampot pepper at dawn\n", -1, &error));
  g_free (sb_test_cli_ok ("init", fixture->pp, "--name", "#Freethe5KH", "--office-code", "PP"));
  g_free (sb_test_cli_ok ("--campaign", fixture->pp, "office", "add", "--code", "KC",
                          "--name", "Kampong Cham office"));
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  sb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->pp);
  g_free (fixture->kc);
  g_free (fixture->invitation);
  g_free (fixture->passphrase);
  g_free (fixture->folder);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_two_offices (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbTestResult) result = NULL;
  g_autofree char *out = NULL;
  JsonObject *report, *status, *self, *other;
  JsonArray *replicas;

  out = sb_test_cli_ok ("exchange", "invite", "--office", "KC", "--passphrase-file",
                        fixture->passphrase, "-o", fixture->invitation, fixture->pp);
  g_assert_nonnull (strstr (out, "another way"));
  g_clear_pointer (&out, g_free);

  /* A wrong passphrase creates nothing. */
  result = sb_test_cli_run ("join", fixture->invitation, "--passphrase-file", fixture->folder,
                            fixture->kc);
  g_assert_cmpint (result->status, ==, 1);
  g_clear_pointer (&result, sb_test_result_free);
  g_assert_true (g_file_set_contents (fixture->passphrase, "kampot pepper at dusk", -1, NULL));
  result = sb_test_cli_run ("join", fixture->invitation, "--passphrase-file", fixture->passphrase,
                            fixture->kc);
  sb_test_cli_assert_refused (result, "passphrase");
  g_clear_pointer (&result, sb_test_result_free);
  g_assert_false (g_file_test (fixture->kc, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (fixture->passphrase, "kampot pepper at dawn\n", -1, NULL));
  g_free (sb_test_cli_ok ("join", fixture->invitation, "--passphrase-file", fixture->passphrase,
                          fixture->kc));
  g_free (sb_test_cli_ok ("--campaign", fixture->pp, "exchange", "folder", fixture->folder));
  g_free (sb_test_cli_ok ("--campaign", fixture->kc, "exchange", "folder", fixture->folder));

  out = sb_test_cli_ok ("--campaign", fixture->pp, "message", "add", "--text", "From Phnom Penh");
  g_assert_nonnull (strstr (out, "PP-A-0001"));
  g_clear_pointer (&out, g_free);
  out = sb_test_cli_ok ("--campaign", fixture->kc, "message", "add", "--text", "From Kampong Cham");
  g_assert_nonnull (strstr (out, "KC-B-0001"));
  g_clear_pointer (&out, g_free);

  g_free (sb_test_cli_ok ("exchange", "send", fixture->pp));
  out = sb_test_cli_ok ("exchange", "send", "--json", fixture->kc);
  report = parse_object (out, parser);
  g_assert_cmpint (json_object_get_int_member (report, "changes_sent"), >, 0);
  g_clear_pointer (&out, g_free);
  out = sb_test_cli_ok ("exchange", "receive", "--json", fixture->kc);
  report = parse_object (out, parser);
  g_assert_cmpint (json_object_get_int_member (report, "changes_received"), >, 0);
  g_assert_cmpint (json_object_get_int_member (report, "bundles_refused"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_free (sb_test_cli_ok ("exchange", "receive", fixture->pp));
  out = sb_test_cli_ok ("exchange", "send", fixture->pp);
  g_assert_cmpstr (out, ==, "Nothing new.\n");
  g_clear_pointer (&out, g_free);

  out = sb_test_cli_ok ("--campaign", fixture->pp, "message", "list");
  g_assert_nonnull (strstr (out, "KC-B-0001"));
  g_assert_nonnull (strstr (out, "PP-A-0001"));
  g_clear_pointer (&out, g_free);
  out = sb_test_cli_ok ("--campaign", fixture->kc, "message", "list");
  g_assert_nonnull (strstr (out, "KC-B-0001"));
  g_assert_nonnull (strstr (out, "PP-A-0001"));
  g_clear_pointer (&out, g_free);

  out = sb_test_cli_ok ("exchange", "status", "--json", fixture->pp);
  status = parse_object (out, parser);
  g_assert_cmpstr (json_object_get_string_member (status, "folder"), ==, fixture->folder);
  replicas = json_object_get_array_member (status, "replicas");
  g_assert_cmpuint (json_array_get_length (replicas), ==, 2);
  self = json_array_get_object_element (replicas, 0);
  other = json_array_get_object_element (replicas, 1);
  g_assert_true (json_object_get_boolean_member (self, "self"));
  g_assert_cmpstr (json_object_get_string_member (self, "office"), ==, "PP");
  g_assert_cmpstr (json_object_get_string_member (self, "letter"), ==, "A");
  g_assert_nonnull (json_object_get_string_member (self, "last_sent"));
  g_assert_cmpint (json_object_get_int_member (self, "changes_waiting"), ==, 0);
  g_assert_false (json_object_get_boolean_member (other, "self"));
  g_assert_cmpstr (json_object_get_string_member (other, "office"), ==, "KC");
  g_assert_cmpstr (json_object_get_string_member (other, "office_name"), ==, "Kampong Cham office");
  g_assert_cmpstr (json_object_get_string_member (other, "letter"), ==, "B");
  g_assert_nonnull (json_object_get_string_member (other, "last_received"));
  g_clear_pointer (&out, g_free);

  out = sb_test_cli_ok ("exchange", "status", fixture->kc);
  g_assert_nonnull (strstr (out, "KC-B (this one)"));
  g_assert_nonnull (strstr (out, "PP-A"));
  g_clear_pointer (&out, g_free);

  /* PP stops waiting for KC's laptop, and waits again. */
  g_assert_false (json_object_get_boolean_member (other, "retired"));
  out = sb_test_cli_ok ("--campaign", fixture->pp, "exchange", "retire", "kc-b");
  g_assert_nonnull (strstr (out, "no longer waits for KC-B"));
  g_clear_pointer (&out, g_free);
  out = sb_test_cli_ok ("exchange", "status", fixture->pp);
  g_assert_nonnull (strstr (out, "KC-B (retired)"));
  g_clear_pointer (&out, g_free);
  out = sb_test_cli_ok ("--campaign", fixture->pp, "exchange", "retire", "--undo", "KC-B");
  g_assert_nonnull (strstr (out, "waits for KC-B again"));
  g_clear_pointer (&out, g_free);
  out = sb_test_cli_ok ("exchange", "status", fixture->pp);
  g_assert_null (strstr (out, "(retired)"));
  g_clear_pointer (&out, g_free);
  result = sb_test_cli_run ("--campaign", fixture->pp, "exchange", "retire", "PP-A");
  sb_test_cli_assert_refused (result, "another computer");
  g_clear_pointer (&result, sb_test_result_free);
  result = sb_test_cli_run ("--campaign", fixture->pp, "exchange", "retire", "ZZ-Q");
  sb_test_cli_assert_refused (result, "no replica ZZ-Q");
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SbTestResult) result = NULL;

  /* Not a replica yet. */
  result = sb_test_cli_run ("exchange", "send", "--folder", fixture->folder, fixture->pp);
  sb_test_cli_assert_refused (result, "Invite an office first");
  g_clear_pointer (&result, sb_test_result_free);
  /* No such office. */
  result = sb_test_cli_run ("exchange", "invite", "--office", "ZZ", "--passphrase-file",
                            fixture->passphrase, "-o", fixture->invitation, fixture->pp);
  sb_test_cli_assert_refused (result, "ZZ");
  g_clear_pointer (&result, sb_test_result_free);
  g_assert_false (g_file_test (fixture->invitation, G_FILE_TEST_EXISTS));
  /* A missing option. */
  result = sb_test_cli_run ("exchange", "invite", "--office", "KC", "-o", fixture->invitation,
                            fixture->pp);
  g_assert_cmpint (result->status, ==, 2);
  g_assert_nonnull (strstr (result->err, "--passphrase-file"));
  g_clear_pointer (&result, sb_test_result_free);
  /* An existing campaign file is never written over. */
  g_free (sb_test_cli_ok ("exchange", "invite", "--office", "KC", "--passphrase-file",
                          fixture->passphrase, "-o", fixture->invitation, fixture->pp));
  result = sb_test_cli_run ("join", fixture->invitation, "--passphrase-file", fixture->passphrase,
                            fixture->pp);
  sb_test_cli_assert_refused (result, "already exists");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/exchange/two-offices", Fixture, NULL, set_up, test_two_offices, tear_down);
  g_test_add ("/cli/exchange/refusals", Fixture, NULL, set_up, test_refusals, tear_down);
  return g_test_run ();
}
