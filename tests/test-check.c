/* test-check.c — is the campaign file sound? damaged pages, broken rules, progress and
 * cancel, the app's session marker; campaigns in read-only folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-store-error.h"
#include "sb-test-sql.h"
#include "sb-test-cli.h"
#include "sb-test.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* One demo campaign for the whole run, copied into each test's folder. */
static char *demo_path;

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (from, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (to, contents, size, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = g_dir_make_tmp ("sambot-check-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
  copy_file (demo_path, fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
sql_pending (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  sqlite3_result_int (context, 1);
}

static void
sql_text (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_text (context, "2016-10-10T09:00:00Z", -1, SQLITE_STATIC);
}

/* Another program (or a bug) writing to the file behind Sambot's back. */
static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_now", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_operator", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  /* Without Sambot's key functions the search index cannot follow a change of
   * text (migrations/0008-search.sql): this program says every row waits for it. */
  sqlite3_create_function (db, "sb_fts_pending", 1, SQLITE_UTF8, NULL, sql_pending, NULL, NULL);
  sqlite3_create_function (db, "sb_message_key", 6, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_pairs", 1, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_grams", 1, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_chars", 1, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_text", 1, SQLITE_UTF8, NULL, sb_test_sql_same, NULL, NULL);
  sb_test_sql_register_history (db);
  sqlite3_create_function (db, "sb_exchange_replaying", 0, SQLITE_UTF8, NULL, sb_test_sql_false,
                           NULL, NULL);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
}

static gint64
sqlite_int (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* ================================================================ damage */

static void
test_damaged_index (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 page = sqlite_int (fixture->path, "SELECT pageno FROM dbstat "
                                           "WHERE name = 'messages_status' AND pagetype = 'leaf' "
                                           "LIMIT 1");
  g_autoptr(SbTestResult) result = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GFileIOStream) stream = NULL;
  GOutputStream *out;
  static const char scribble[16] = "AAAAAAAAAAAAAAAA";
  gsize size;

  /* Sixteen bytes of one index page, as a failing disk flips them. SQLite's
   * quick_check does not notice; every list sorted by status would break. */
  stream = g_file_open_readwrite (file, NULL, NULL);
  g_assert_true (g_seekable_seek (G_SEEKABLE (stream), (page - 1) * 4096 + 2000, G_SEEK_SET,
                                  NULL, NULL));
  out = g_io_stream_get_output_stream (G_IO_STREAM (stream));
  g_assert_true (g_output_stream_write_all (out, scribble, sizeof scribble, NULL, NULL, NULL));
  g_assert_true (g_io_stream_close (G_IO_STREAM (stream), NULL, NULL));

  result = sb_test_cli_run ("--campaign", fixture->path, "check");
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "messages_status"));
  g_assert_null (strstr (result->out, "sound"));
  g_assert_nonnull (strstr (result->err, "restore a backup"));
  g_clear_pointer (&result, sb_test_result_free);

  /* Nothing is written to it: a new message is refused, the file left as it was. */
  g_assert_true (g_file_get_contents (fixture->path, &before, &size, NULL));
  result = sb_test_cli_run ("--campaign", fixture->path, "message", "add", "--channel",
                            "online", "--text", "Stay strong");
  sb_test_cli_assert_refused (result, "is damaged");
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpmem (before, size, after, size);
}

static void
test_demo_sound (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *out = sb_test_cli_ok ("--campaign", fixture->path, "check");

  g_assert_true (g_str_has_suffix (out, "campaign.sambot is sound.\n"));
}

/* Found by tests/fuzz/fuzz-campaign-open.c: header numbers of -1 were taken for a
 * failed read, and the file refused without a word (a NULL error). */
static void
test_header_numbers (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;

  sqlite_exec (fixture->path, "PRAGMA application_id = -1");
  campaign = sb_campaign_open (fixture->path, TRUE, &error);
  g_assert_null (campaign);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_CAMPAIGN);
  g_clear_error (&error);

  sqlite_exec (fixture->path, "PRAGMA application_id = 1398893922; PRAGMA user_version = -1");
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_null (campaign);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "(-1)"));
}

/* ================================================================ rules */

static void
test_broken_rules (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(SbTestResult) result = NULL;
  g_auto(GStrv) lines = NULL;

  /* Changed behind Sambot's back, each in a way SQLite finds nothing wrong with. */
  sqlite_exec (fixture->path,
               /* The figures' count of delivered copies for one detainee. */
               "UPDATE copy_tallies SET n = n + 3 WHERE state = 'delivered' AND detainee_id = "
               "  (SELECT min (detainee_id) FROM copy_tallies WHERE state = 'delivered');"
               /* The figures by day: two more messages delivered on one day. */
               "UPDATE tallies SET n = n + 2 WHERE kind = 'delivered' AND day = "
               "  (SELECT min (day) FROM tallies WHERE kind = 'delivered');"
               /* A copy waiting in an open batch, put in a second one. */
               "INSERT INTO batches (id, facility_id, created_on) "
               "  SELECT 'second', facility_id, '2016-10-10' FROM batches LIMIT 1;"
               "INSERT INTO batch_items (batch_id, detainee_id, message_id, position) "
               "  SELECT 'second', i.detainee_id, i.message_id, 1 FROM batch_items i "
               "  JOIN batches b ON b.id = i.batch_id "
               "  WHERE i.outcome = '' AND b.state != 'closed' LIMIT 1;"
               /* A delivery day for a message none of whose copies was delivered. */
               "UPDATE messages SET delivered_on = '2016-09-09' WHERE id = "
               "  (SELECT m.id FROM messages m WHERE delivered_on IS NULL "
               "   AND NOT EXISTS (SELECT 1 FROM copies WHERE message_id = m.id "
               "   AND delivered_on IS NOT NULL) ORDER BY ref LIMIT 1);"
               /* The words of a message in a sealed batch, after its manifest. */
               "UPDATE messages SET original_text = original_text || ' (edited)' WHERE id = "
               "  (SELECT i.message_id FROM batch_items i "
               "   JOIN batches b ON b.id = i.batch_id WHERE b.digest IS NOT NULL "
               "   ORDER BY b.code LIMIT 1);"
               /* A copy for a detainee who is not in the campaign. */
               "INSERT INTO copies (message_id, detainee_id) "
               "  SELECT id, 'nobody' FROM messages LIMIT 1;");
  result = sb_test_cli_run ("--campaign", fixture->path, "check");
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->out, "Row "));
  g_assert_nonnull (strstr (result->out, "of “copies” refers to a row of “detainees” that is "
                                         "missing"));
  g_assert_nonnull (strstr (result->out, "is in 2 open batches at once"));
  g_assert_nonnull (strstr (result->out, "The figures count "));
  g_assert_nonnull (strstr (result->out, "for “delivered” on 2016-"));
  g_assert_nonnull (strstr (result->out, "has the wrong delivery day"));
  g_assert_nonnull (strstr (result->out, "no longer has the digest it was sealed with"));
  g_assert_null (strstr (result->out, "sound"));
  /* One line each. */
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), >=, 6);
}

/* ================================================================ progress */

typedef struct
{
  double        last;
  guint         calls;
  GThread      *thread;
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_true (g_thread_self () == progress->thread);
  g_assert_cmpfloat (fraction, >=, progress->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  progress->last = fraction;
  progress->calls++;
  if (progress->cancel_at_first != NULL && fraction > 0.0)
    g_cancellable_cancel (progress->cancel_at_first);
}

static void
test_progress_and_cancel (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { 0.0, 0, g_thread_self (), cancellable };

  g_assert_no_error (error);
  /* Stopped as soon as it has begun, while reading the file's pages. */
  g_assert_false (sb_campaign_check_full (campaign, progress_cb, &progress, cancellable,
                                          &problems, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (problems);
  g_assert_cmpfloat (progress.last, <, 0.5);
  g_clear_error (&error);

  progress = (Progress) { 0.0, 0, g_thread_self (), NULL };
  g_assert_true (sb_campaign_check_full (campaign, progress_cb, &progress, NULL, &problems,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  /* Pages counted as they are read: more than a start and an end. */
  g_assert_cmpuint (progress.calls, >, 5);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **problems = user_data;
  g_autoptr(GError) error = NULL;

  *problems = sb_campaign_check_finish (SB_CAMPAIGN (source), result, &error);
  g_assert_no_error (error);
}

static void
test_in_background (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(GPtrArray) problems = NULL;
  Progress progress = { 0.0, 0, g_thread_self (), NULL };

  g_assert_no_error (error);
  sb_campaign_check_async (campaign, progress_cb, &progress, NULL, check_done_cb, &problems);
  /* The campaign goes on being used while it is checked. */
  g_free (office->code);
  office->code = g_strdup ("ZZ");
  g_free (office->name);
  office->name = g_strdup ("Kampot");
  g_assert_true (sb_campaign_add_office (campaign, office, &error));
  g_assert_no_error (error);
  while (problems == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (progress.calls, >, 0);
}

/* ================================================================ sessions */

static void
test_session_marker (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *marker = g_strconcat (fixture->path, "-open", NULL);
  g_autofree char *dead = g_strdup_printf ("%d %s\n", G_MAXINT - 1, g_get_host_name ());
  gboolean left_open = TRUE;

  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_true (sb_campaign_start_session (campaign, &left_open));
  g_assert_false (left_open);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  sb_campaign_close (campaign);
  g_clear_object (&campaign);
  /* Closed cleanly: nothing left behind. */
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* The program that had it open is gone without closing it. */
  g_assert_true (g_file_set_contents (marker, dead, -1, NULL));
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_true (sb_campaign_start_session (campaign, &left_open));
  g_assert_true (left_open);
  g_clear_object (&campaign);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* ================================================================ read-only */

/* Runs sambot-cli in a private mount namespace where @dir is mounted read-only:
 * the test runs as root in CI, and root writes to files whatever their mode, so
 * only a read-only mount is read-only for it too. */
#define READ_ONLY_MOUNT \
  "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" && exec \"$@\""

static gboolean
can_mount_read_only (void)
{
  const char *argv[] = { "unshare", "-rm", "sh", "-c", READ_ONLY_MOUNT, "/tmp", "true", NULL };
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static SbTestResult *
run_read_only (const char         *dir,
               const char *const  *args)
{
  const char *prefix[] = { "unshare", "-rm", "sh", "-c", READ_ONLY_MOUNT, dir, NULL };

  return sb_test_cli_run_argv (prefix, args);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char *list[] = { "--campaign", fixture->path, "message", "list", NULL };
  const char *stats[] = { "--campaign", fixture->path, "stats", "--json", NULL };
  const char *check[] = { "--campaign", fixture->path, "check", NULL };
  const char *add[] = { "--campaign", fixture->path, "message", "add", "--channel", "online",
                        "--text", "Stay strong", NULL };
  g_autoptr(SbTestResult) result = NULL;

  if (!can_mount_read_only ())
    {
      g_test_skip ("unshare cannot mount a read-only folder here");
      return;
    }

  /* Reading works: the list, the figures, the check. */
  result = run_read_only (fixture->dir, list);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "476 messages"));
  g_clear_pointer (&result, sb_test_result_free);
  result = run_read_only (fixture->dir, stats);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "\"messages_sent\" : 469"));
  g_clear_pointer (&result, sb_test_result_free);
  result = run_read_only (fixture->dir, check);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "is sound"));
  g_clear_pointer (&result, sb_test_result_free);

  /* Writing says why not and what to do. */
  result = run_read_only (fixture->dir, add);
  sb_test_cli_assert_refused (result, "“campaign.sambot” is read-only: it is in a folder you "
                                      "cannot write to. Copy it somewhere you can write");
  g_clear_pointer (&result, sb_test_result_free);

  /* Outside the read-only mount, the same file takes the message. */
  g_free (sb_test_cli_ok ("--campaign", fixture->path, "message", "add", "--channel",
                          "online", "--text", "Stay strong"));
}

/* A file copied with the changes of a session that never closed it (its -wal file)
 * into a read-only folder: SQLite cannot read the changes without a -shm file. */
static void
test_read_only_folder_unclosed (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (folder, "campaign.sambot", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(SbTestResult) result = NULL;
  const char *list[] = { "--campaign", copy, "office", "list", NULL };

  if (!can_mount_read_only ())
    {
      g_test_skip ("unshare cannot mount a read-only folder here");
      return;
    }
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_free (office->code);
  office->code = g_strdup ("ZZ");
  g_free (office->name);
  office->name = g_strdup ("Kampot");
  g_assert_true (sb_campaign_add_office (campaign, office, &error));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  copy_file (fixture->path, copy);
  copy_file (wal, copy_wal);

  result = run_read_only (folder, list);
  sb_test_cli_assert_refused (result, "was not closed properly and is in a folder you cannot "
                                      "write to");
  g_assert_nonnull (strstr (result->err, "“campaign.sambot-wal”"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  demo_path = sb_test_demo_new ("sambot-check-demo-XXXXXX", &dir);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/check/demo-sound", test_demo_sound);
  ADD ("/check/damaged-index", test_damaged_index);
  ADD ("/check/broken-rules", test_broken_rules);
  ADD ("/check/header-numbers", test_header_numbers);
  ADD ("/check/progress-and-cancel", test_progress_and_cancel);
  ADD ("/check/in-background", test_in_background);
  ADD ("/check/session-marker", test_session_marker);
  ADD ("/check/read-only/folder", test_read_only_folder);
  ADD ("/check/read-only/folder-unclosed", test_read_only_folder_unclosed);
#undef ADD

  status = g_test_run ();
  sb_test_remove_tree (dir);
  g_free (demo_path);
  return status;
}
