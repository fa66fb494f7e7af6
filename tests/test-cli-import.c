/* test-cli-import.c — sambot-cli import, as a script would use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "sb-test-export.h"
#include "sb-test.h"

static int
run (const char  *campaign,
     char       **out,
     char       **err,
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
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static gint64
member (const char *json,
        const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), name);
}

static void
remove_campaign (const char *campaign)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (campaign, suffixes[i], NULL);
      g_unlink (name);
    }
}

static void
test_cli_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-import-XXXXXX", NULL);
  g_autofree char *campaign = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *mapping = g_build_filename (dir, "mapping.json", NULL);
  g_autofree char *rejected = g_build_filename (dir, "rejected.csv", NULL);
  g_autofree char *google = g_test_build_filename (G_TEST_DIST, "import", "google-forms.csv", NULL);
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "import", "google-forms-newer.csv", NULL);
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "import", "broken-rows.csv", NULL);
  g_autofree char *junk = g_test_build_filename (G_TEST_DIST, "import", "binary-junk.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run (campaign, NULL, NULL, "demo", campaign, NULL), ==, 0);

  g_assert_cmpint (run (campaign, &out, &err, "import", google, "--dry-run", "--json", NULL), ==, 0);
  g_assert_cmpint (member (out, "imported"), ==, 4);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (campaign, &out, &err, "import", google, "--save-mapping", mapping, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "New messages:"));
  g_assert_true (g_file_test (mapping, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (campaign, &out, &err, "import", newer, "--mapping", mapping, "--json", NULL), ==, 0);
  g_assert_cmpint (member (out, "already_imported"), ==, 4);
  g_assert_cmpint (member (out, "imported"), ==, 1);
  g_assert_cmpint (member (out, "duplicates"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Rows with problems are reported, the good ones imported. */
  g_assert_cmpint (run (campaign, &out, &err, "import", broken, "--json", "--rejected-csv", rejected, NULL), ==, 0);
  g_assert_cmpint (member (out, "rejected"), ==, 5);
  g_assert_cmpint (member (out, "imported"), ==, 2);
  g_assert_true (g_file_get_contents (rejected, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Reason"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A file that is no CSV: exit 1, one line naming the problem. */
  g_assert_cmpint (run (campaign, &out, &err, "import", junk, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Row 1, column 1"));
  g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));

  g_unlink (mapping);
  g_unlink (rejected);
  remove_campaign (campaign);
  g_rmdir (dir);
}

static gint64
messages_received (const char *campaign)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run (campaign, &out, NULL, "--json", "stats", NULL), ==, 0);
  return member (out, "messages_received");
}

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { .rlim_cur = GPOINTER_TO_SIZE (user_data),
                          .rlim_max = GPOINTER_TO_SIZE (user_data) };

  /* Writing past the limit then fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* The disk fills up in the middle of an import (here: the campaign's journal may not
 * grow past 4 MB): one line says so, and the campaign is as it was, and sound. */
static void
test_cli_import_disk_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-full-XXXXXX", NULL);
  g_autofree char *campaign = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *export = sb_test_write_export (dir, 60000);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("SAMBOT_CLI"), "--campaign", campaign, "import", export, NULL };
  gint64 before;
  GStatBuf st = { 0 };
  int status = 0;

  g_assert_cmpint (run (campaign, NULL, NULL, "demo", campaign, NULL), ==, 0);
  before = messages_received (campaign);
  g_assert_cmpint (g_stat (campaign, &st), ==, 0);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, limit_file_size,
                GSIZE_TO_POINTER ((gsize) st.st_size + 4 * 1024 * 1024), NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "demo.sambot"));
  g_assert_nonnull (strstr (err, "nothing saved before was lost"));
  g_assert_cmpint (strchr (err, '\n') - err + 1, ==, strlen (err));

  g_assert_cmpint (messages_received (campaign), ==, before);
  g_assert_cmpint (run (campaign, NULL, NULL, "check", NULL), ==, 0);

  g_unlink (export);
  remove_campaign (campaign);
  g_rmdir (dir);
}

/* The import is killed once it has written part of the file: the campaign is as it
 * was, and sound. */
static void
test_cli_import_killed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-cli-kill-XXXXXX", NULL);
  g_autofree char *campaign = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *wal = g_strconcat (campaign, "-wal", NULL);
  /* Long enough that the import spills into the campaign's journal long before the
   * end: a campaign holds about 20,000 messages of it in memory. */
  g_autofree char *export = sb_test_write_export (dir, 200000);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("SAMBOT_CLI"), "--campaign", campaign, "import", export, NULL };
  gint64 before;
  GStatBuf st = { 0 };
  GPid pid;
  int status;

  g_assert_cmpint (run (campaign, NULL, NULL, "demo", campaign, NULL), ==, 0);
  before = messages_received (campaign);

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  SB_TEST_WAIT_UNTIL (g_stat (wal, &st) == 0 && st.st_size >= 8 * 1024 * 1024, 120000,
                      "the import to write 8 MB to the campaign's journal");
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));

  g_assert_cmpint (messages_received (campaign), ==, before);
  g_assert_cmpint (run (campaign, NULL, NULL, "check", NULL), ==, 0);

  g_unlink (export);
  remove_campaign (campaign);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/import/summary-json-refusal", test_cli_import);
  g_test_add_func ("/cli/import/killed", test_cli_import_killed);
  g_test_add_func ("/cli/import/disk-full", test_cli_import_disk_full);
  return g_test_run ();
}
