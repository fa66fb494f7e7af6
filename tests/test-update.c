/* test-update.c — opening a campaign file from an older Sambot: it is updated in one
 * transaction, with progress, in the background for the app; killed midway, the file
 * stays as it was (issue 12). What the update keeps is compared by
 * tests/migration/check-migration.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-stats.h"
#include "sb-test-campaign.h"

typedef struct
{
  char *dir;
  char *path;   /* the demo as the last schema-6 Sambot wrote it */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("sambot-update-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "demo.sambot", NULL);
  sb_test_unzip_fixture ("demo-v6.sambot.gz", fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sb_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The files "NAME.before-vN.bak" in @dir. */
static GPtrArray *
find_backups (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".before-v") != NULL && g_str_has_suffix (name, ".bak"))
      g_ptr_array_add (found, g_build_filename (dir_path, name, NULL));
  return found;
}

/* Only the header is read, and only an older campaign needs an update. */
static void
test_needs_update (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "letter.txt", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, "fresh.sambot", NULL);
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo.sambot", NULL);
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_campaign_needs_update (fixture->path));

  g_assert_true (g_file_set_contents (text, "Dear friend, this is not a campaign.\n", -1, NULL));
  g_assert_false (sb_campaign_needs_update (text));
  g_assert_false (sb_campaign_needs_update (fixture->dir));
  /* A pipe is not read (it would wait for a writer for ever). */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (sb_campaign_needs_update (fifo));

  campaign = sb_campaign_create (fresh, "#Freethe5KH", "PP", &error);
  g_assert_no_error (error);
  sb_campaign_close (campaign);
  g_assert_false (sb_campaign_needs_update (fresh));
}

typedef struct
{
  GArray   *fractions;
  GThread  *thread;     /* where the progress must be told */
  gboolean  wrong_thread;
  double    kill_at;    /* > 0: the process dies there */
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->fractions, fraction);
  if (progress->thread != NULL && g_thread_self () != progress->thread)
    progress->wrong_thread = TRUE;
  if (progress->kill_at > 0 && fraction >= progress->kill_at && fraction < 1)
    _exit (3);
}

/* What the older Sambot counted in the fixture (its stats.json in
 * tests/migration/demo-v6.expected.tar.gz): the demo's 469 sent, plus an import and
 * a hold. */
#define FIXTURE_SENT 470
#define FIXTURE_DELIVERED 195

/* The update tells how far it is, from 0 to 1, and always forward; a file that needs
 * none tells nothing. The figures are the older Sambot's. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE, 0 };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  double previous = 0;

  campaign = sb_campaign_open_full (fixture->path, FALSE, progress_cb, &progress, &error);
  g_assert_no_error (error);
  g_test_message ("%u progress calls", progress.fractions->len);
  g_assert_cmpuint (progress.fractions->len, >=, 2);
  for (guint i = 0; i < progress.fractions->len; i++)
    {
      double fraction = g_array_index (progress.fractions, double, i);

      g_assert_cmpfloat (fraction, >=, previous);
      g_assert_cmpfloat (fraction, <=, 1.0);
      previous = fraction;
    }
  g_assert_cmpfloat (previous, ==, 1.0);
  g_assert_false (sb_campaign_needs_update (fixture->path));

  stats = sb_campaign_get_stats (campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->messages_sent, ==, FIXTURE_SENT);
  g_assert_cmpint (stats->messages_delivered, ==, FIXTURE_DELIVERED);
  sb_campaign_close (campaign);
  g_clear_object (&campaign);

  g_array_set_size (progress.fractions, 0);
  campaign = sb_campaign_open_full (fixture->path, FALSE, progress_cb, &progress, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.fractions->len, ==, 0);
  sb_campaign_close (campaign);
  g_array_unref (progress.fractions);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SbCampaign **campaign = user_data;
  g_autoptr(GError) error = NULL;

  *campaign = sb_campaign_open_finish (result, &error);
  g_assert_no_error (error);
}

/* For the app: the update runs in a worker thread, its progress is told in the
 * caller's thread, and never after the result. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), g_thread_self (), FALSE, 0 };
  SbCampaign *campaign = NULL;

  sb_campaign_open_async (fixture->path, progress_cb, &progress, opened_cb, &campaign);
  while (campaign == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (progress.wrong_thread);
  g_assert_false (sb_campaign_needs_update (fixture->path));
  sb_campaign_close (campaign);
  g_object_unref (campaign);
  /* What was still queued is dropped, not run after the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_array_unref (progress.fractions);
}

/* Killed halfway through the update, the file is exactly the older one: it opens,
 * updates and shows the older Sambot's figures the next time. */
static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  const char *old_path = g_getenv ("SB_TEST_UPDATE_PATH");

  if (g_test_subprocess ())
    {
      Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE, 0.3 };

      /* This process's own copy is not needed: it is the parent's file that dies. */
      fixture_tear_down (fixture, data);
      sb_campaign_open_full (old_path, FALSE, progress_cb, &progress, NULL);
      return;   /* not reached: the progress exits */
    }
  g_setenv ("SB_TEST_UPDATE_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  /* Still the older version (the unfinished transaction is in the -wal file, which
   * SQLite discards), and the copy made before the update is one too. */
  g_assert_true (sb_campaign_needs_update (fixture->path));
  g_test_message ("left beside it: -wal %s", g_file_test (wal, G_FILE_TEST_EXISTS) ? "yes" : "no");
  backups = find_backups (fixture->dir);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (sb_campaign_needs_update (g_ptr_array_index (backups, 0)));

  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  stats = sb_campaign_get_stats (campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->messages_sent, ==, FIXTURE_SENT);
  g_assert_cmpint (stats->messages_delivered, ==, FIXTURE_DELIVERED);
  sb_campaign_close (campaign);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/update/needs-update", test_needs_update);
  ADD ("/update/progress", test_progress);
  ADD ("/update/async", test_async);
  ADD ("/update/killed", test_killed);
#undef ADD

  return g_test_run ();
}
