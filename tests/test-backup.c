/* test-backup.c — backups and restores that never lose a word, files only their owner
 * reads, and a full disk in the middle of a save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "other program" that holds a campaign open, as the app does, is this test
 * itself run with --hold FILE; --crash FILE saves a change and dies before closing,
 * leaving the change in the campaign's write-ahead log.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "sb-backup.h"
#include "sb-campaign.h"
#include "sb-store.h"
#include "sb-test.h"

typedef struct
{
  char *dir;
  char *campaign;  /* dir/campaign.sambot, two detainees */
} Fixture;

static const char *self_path;

/* ================================================================ helpers */

static void
add_detainee (SbCampaign *campaign,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();

  g_free (detainee->name_en);
  detainee->name_en = g_strdup (name);
  g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The detainees' names in alphabetical order, "Ny Sokha|Yi Soksan", as the file
 * holds them. */
static char *
detainee_names (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (path, TRUE, &error);
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  g_assert_no_error (error);
  detainees = sb_campaign_list_detainees (campaign, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < detainees->len; i++)
    g_strv_builder_add (names, ((SbDetainee *) detainees->pdata[i])->name_en);
  list = g_strv_builder_end (names);
  qsort (list, g_strv_length (list), sizeof (char *), compare_names);
  sb_campaign_close (campaign);
  return g_strjoinv ("|", list);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;

  f->dir = g_dir_make_tmp ("sambot-backup-XXXXXX", NULL);
  f->campaign = g_build_filename (f->dir, "campaign.sambot", NULL);
  campaign = sb_campaign_create (f->campaign, "#Freethe5KH", "PP", &error);
  g_assert_no_error (error);
  add_detainee (campaign, "Ny Sokha");
  add_detainee (campaign, "Yi Soksan");
  sb_campaign_close (campaign);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->campaign);
}

/* The names in @dir, sorted, "a|b|c"; without the empty -wal and -shm that
 * opening the campaign to read it leaves beside it. */
static char *
list_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (!g_str_equal (name, "campaign.sambot-wal") && !g_str_equal (name, "campaign.sambot-shm"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
  return st.st_mode & 07777;
}

/* Limits the size of the files this process writes, as `ulimit -f` does; writing
 * past the limit kills the process unless it ignores SIGXFSZ (sambot-cli does). */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit;

  getrlimit (RLIMIT_FSIZE, &limit);
  limit.rlim_cur = GPOINTER_TO_SIZE (user_data);
  setrlimit (RLIMIT_FSIZE, &limit);
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

/* Runs sambot-cli; a non-zero @file_size_limit limits the size of the files it writes. */
static Result *
run_limited (gsize        file_size_limit,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMBOT_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_unsetenv (env, "SAMBOT_CAMPAIGN");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT,
                file_size_limit > 0 ? limit_file_size : NULL, GSIZE_TO_POINTER (file_size_limit),
                &result->out, &result->err, &result->status, &error);
  g_assert_no_error (error);
  result->status = WIFEXITED (result->status) ? WEXITSTATUS (result->status) : -1;
  if (g_test_verbose ())
    g_printerr ("sambot-cli %s → %d\n%s%s", first, result->status, result->out, result->err);
  return result;
}

#define run(...) run_limited (0, __VA_ARGS__, NULL)

static void
assert_refused (const Result *result,
                const char   *says)
{
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "sambot-cli: "));
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
  if (strstr (result->err, says) == NULL)
    g_error ("“%s” does not say “%s”", result->err, says);
}

/* Another program with @path open, as the app keeps its campaign: until
 * release_holder(). */
static GPid
hold_open (const char *path,
           int        *input)
{
  const char *argv[] = { self_path, "--hold", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GPid pid;
  int output;
  char ready[8] = { 0 };

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, input, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (output, ready, 5), ==, 5);
  g_assert_cmpstr (ready, ==, "open\n");
  close (output);
  return pid;
}

static void
release_holder (GPid pid,
                int  input)
{
  int status = 0;

  close (input);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_spawn_close_pid (pid);
}

/* --hold FILE: opens the campaign for writing, changes it, and keeps it open until
 * its standard input closes; then adds one more detainee and closes it. */
static int
hold_main (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (path, FALSE, &error);
  char buffer[16];

  g_assert_no_error (error);
  add_detainee (campaign, "Nay Vanda");
  g_print ("open\n");
  fflush (stdout);
  while (read (STDIN_FILENO, buffer, sizeof buffer) > 0)
    ;
  add_detainee (campaign, "Lim Mony");
  sb_campaign_close (campaign);
  return 0;
}

/* --crash FILE: saves a detainee, then dies before closing the campaign. */
static int
crash_main (const char *path)
{
  g_autoptr(GError) error = NULL;
  SbCampaign *campaign = sb_campaign_open (path, FALSE, &error);

  g_assert_no_error (error);
  add_detainee (campaign, "Ny Chakrya");
  _exit (0);
}

/* ================================================================ backup */

/* An existing DEST is left alone, however it looks; nothing is left behind. */
static void
test_backup_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "backup.sambot", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(Result) result = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (dest, "Last week's notes, typed by hand\n", -1, NULL));
  before = file_bytes (dest);

  result = run ("--campaign", f->campaign, "backup", dest);
  assert_refused (result, "--force");
  after = file_bytes (dest);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, "backup.sambot|campaign.sambot");
}

/* --force replaces an older backup with the campaign as it is now. */
static void
test_backup_force_replaces (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "backup.sambot", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(Result) first = NULL;
  g_autoptr(Result) second = NULL;
  g_autofree char *names = NULL;
  g_autofree char *listing = NULL;

  first = run ("--campaign", f->campaign, "backup", dest);
  g_assert_cmpint (first->status, ==, 0);

  campaign = sb_campaign_open (f->campaign, FALSE, &error);
  g_assert_no_error (error);
  add_detainee (campaign, "Nay Vanda");
  sb_campaign_close (campaign);

  second = run ("--campaign", f->campaign, "backup", "--force", dest);
  g_assert_cmpint (second->status, ==, 0);
  g_assert_nonnull (strstr (second->out, "backup.sambot"));
  names = detainee_names (dest);
  g_assert_cmpstr (names, ==, "Nay Vanda|Ny Sokha|Yi Soksan");
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, "backup.sambot|campaign.sambot");
}

/* The app has DEST open: even --force leaves it alone, and the app goes on saving
 * into a sound campaign. */
static void
test_backup_refuses_open (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *open_campaign = g_build_filename (f->dir, "open.sambot", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbCampaign) here = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) check = NULL;
  g_autofree char *names = NULL;
  GPid holder;
  int input;

  campaign = sb_campaign_create (open_campaign, "Other campaign", "BB", &error);
  g_assert_no_error (error);
  sb_campaign_close (campaign);
  g_clear_object (&campaign);

  holder = hold_open (open_campaign, &input);
  result = run ("--campaign", f->campaign, "backup", "--force", open_campaign);
  assert_refused (result, "is open in Sambot or another program");
  release_holder (holder, input);

  names = detainee_names (open_campaign);
  g_assert_cmpstr (names, ==, "Lim Mony|Nay Vanda");
  check = run ("--campaign", open_campaign, "check");
  g_assert_cmpint (check->status, ==, 0);

  /* Open in this very program, as the app's own campaign would be. */
  here = sb_campaign_open (open_campaign, FALSE, &error);
  g_assert_no_error (error);
  add_detainee (here, "Ny Chakrya");
  campaign = sb_campaign_open (f->campaign, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (sb_campaign_backup (campaign, open_campaign, TRUE, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED);
}

/* The backup cannot grow past a file-size limit (ulimit -f) half-way: one line
 * says so, and nothing is left behind, no half backup and no journal. */
static void
test_backup_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "backup.sambot", NULL);
  g_autoptr(Result) result = NULL;
  g_autofree char *listing = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (f->campaign, &st), ==, 0);
  result = run_limited (st.st_size / 2, "--campaign", f->campaign, "backup", dest, NULL);
  assert_refused (result, "no room for it on the disk");
  g_assert_nonnull (strstr (result->err, "The campaign itself is unchanged"));
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, "campaign.sambot");
}

/* ================================================================ restore */

/* The campaign's last session died with a change in its log: the restore puts
 * the backup in place, sound, and keeps the replaced campaign with that change. */
static void
test_restore_over_stale_log (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "backup.sambot", NULL);
  g_autofree char *wal = g_strconcat (f->campaign, "-wal", NULL);
  g_autoptr(Result) made = NULL;
  g_autoptr(Result) restored = NULL;
  g_autoptr(Result) check = NULL;
  g_autofree char *names = NULL;
  g_autofree char *kept_names = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  const char *argv[] = { self_path, "--crash", f->campaign, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  GStatBuf st;
  int status;

  made = run ("--campaign", f->campaign, "backup", backup);
  g_assert_cmpint (made->status, ==, 0);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  restored = run ("restore", backup, f->campaign);
  g_assert_cmpint (restored->status, ==, 0);
  g_assert_cmpstr (restored->err, ==, "");
  kept = g_strdup_printf ("%s.before-restore-%s", f->campaign, day);
  g_assert_nonnull (strstr (restored->out, kept));

  names = detainee_names (f->campaign);
  g_assert_cmpstr (names, ==, "Ny Sokha|Yi Soksan");
  check = run ("--campaign", f->campaign, "check");
  g_assert_cmpint (check->status, ==, 0);

  /* Nothing lost: the change that was only in the log is in the kept campaign. */
  kept_names = detainee_names (kept);
  g_assert_cmpstr (kept_names, ==, "Ny Chakrya|Ny Sokha|Yi Soksan");
  listing = list_folder (f->dir);
  expected = g_strdup_printf ("backup.sambot|campaign.sambot|campaign.sambot.before-restore-%s",
                              day);
  g_assert_cmpstr (listing, ==, expected);
}

static void
assert_restore_refused (Fixture    *f,
                        const char *backup,
                        const char *says)
{
  g_autoptr(GBytes) before = file_bytes (f->campaign);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(Result) result = run ("restore", backup, f->campaign);
  g_autofree char *listing = NULL;
  g_autofree char *name = g_path_get_basename (backup);
  g_autofree char *expected = g_strdup_printf ("%s|campaign.sambot", name);

  assert_refused (result, says);
  after = file_bytes (f->campaign);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, expected);
}

/* A damaged backup, or a file that is no campaign, is refused; the campaign stays. */
static void
test_restore_refuses_damaged (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "backup.sambot", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(Result) made = NULL;
  gsize length;

  made = run ("--campaign", f->campaign, "backup", backup);
  g_assert_cmpint (made->status, ==, 0);
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  /* A failing disk scribbles over the pages after the first. */
  for (gsize i = 4096; i < length; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));
  assert_restore_refused (f, backup, "is damaged");

  g_assert_true (g_file_set_contents (backup, "Dear Sokha, stay strong.\n", -1, NULL));
  assert_restore_refused (f, backup, "is not a Sambot campaign file");
}

/* The campaign to replace is open in the app: refused, and left as it is. */
static void
test_restore_refuses_open (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "backup.sambot", NULL);
  g_autoptr(Result) made = NULL;
  g_autoptr(Result) result = NULL;
  g_autofree char *names = NULL;
  g_autofree char *listing = NULL;
  GPid holder;
  int input;

  made = run ("--campaign", f->campaign, "backup", backup);
  g_assert_cmpint (made->status, ==, 0);
  holder = hold_open (f->campaign, &input);
  result = run ("restore", backup, f->campaign);
  assert_refused (result, "is open in Sambot or another program");
  release_holder (holder, input);

  names = detainee_names (f->campaign);
  g_assert_cmpstr (names, ==, "Lim Mony|Nay Vanda|Ny Sokha|Yi Soksan");
  listing = list_folder (f->dir);
  g_assert_cmpstr (listing, ==, "backup.sambot|campaign.sambot");
}

/* ================================================================ privacy */

static char *
first_sealed_batch (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *batches;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  batches = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (batches); i++)
    {
      JsonObject *batch = json_array_get_object_element (batches, i);

      if (g_strcmp0 (json_object_get_string_member (batch, "state"), "draft") != 0)
        return g_strdup (json_object_get_string_member (batch, "code"));
    }
  g_assert_not_reached ();
}

/* With the usual umask (022), everything written for a campaign is readable by its
 * owner only: the campaign and its log, backups, the copy made before an upgrade,
 * the restored and the kept campaign, the manifest, the cards, the rejected rows. */
static void
test_files_private (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.sambot", NULL);
  g_autofree char *wal = g_strconcat (fresh, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fresh, "-shm", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "backup.sambot", NULL);
  g_autofree char *old = g_build_filename (f->dir, "old.sambot", NULL);
  g_autofree char *old_backup = g_strdup_printf ("%s.before-v%d.bak", old,
                                                 SB_STORE_SCHEMA_VERSION);
  g_autofree char *demo = g_build_filename (f->dir, "demo.sambot", NULL);
  g_autofree char *manifest = g_build_filename (f->dir, "manifest.pdf", NULL);
  g_autofree char *cards = g_build_filename (f->dir, "cards.pdf", NULL);
  g_autofree char *rejected = g_build_filename (f->dir, "rejected.csv", NULL);
  g_autofree char *broken = g_test_build_filename (G_TEST_DIST, "import", "broken-rows.csv",
                                                   NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) batches = NULL;
  g_autofree char *code = NULL;
  mode_t umask_before = umask (022);

  result = run ("init", fresh, "--name", "Fresh", "--office-code", "FR");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpint (file_mode (fresh), ==, 0600);
  g_clear_pointer (&result, result_free);

  campaign = sb_campaign_open (fresh, FALSE, &error);
  g_assert_no_error (error);
  add_detainee (campaign, "Ny Sokha");
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);
  g_assert_true (sb_campaign_backup (campaign, backup, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_mode (backup), ==, 0600);
  sb_campaign_close (campaign);

  result = run ("restore", backup, fresh);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpint (file_mode (fresh), ==, 0600);
  g_clear_pointer (&result, result_free);

  /* A file from before schema 1, made by another program (0644): the copy kept
   * before the upgrade, and the updated file, are private all the same. */
  g_assert_true (g_file_set_contents (old, "", 0, NULL));
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1398893922; "
                                   "CREATE TABLE old_notes (text TEXT)", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpint (file_mode (old), ==, 0644);
  store = sb_store_open (old, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (file_mode (old_backup), ==, 0600);
  g_assert_cmpint (file_mode (old), ==, 0600);

  result = run ("demo", demo);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpint (file_mode (demo), ==, 0600);
  batches = run ("--campaign", demo, "batch", "list", "--json");
  g_assert_cmpint (batches->status, ==, 0);
  code = first_sealed_batch (batches->out);
  g_clear_pointer (&result, result_free);
  result = run ("--campaign", demo, "manifest", code, "-o", manifest);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpint (file_mode (manifest), ==, 0600);
  g_clear_pointer (&result, result_free);
  result = run ("--campaign", demo, "cards", code, "-o", cards);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpint (file_mode (cards), ==, 0600);
  g_clear_pointer (&result, result_free);
  result = run ("--campaign", demo, "import", broken, "--rejected-csv", rejected);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpint (file_mode (rejected), ==, 0600);

  umask (umask_before);
}

/* ================================================================ full disk */

/* The disk fills up when a group of changes is saved: the commit fails, the caller
 * rolls back as always (once more, after the commit's own), and the campaign goes
 * on working without them. */
static void
test_commit_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *names = NULL;
  struct rlimit unlimited;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  campaign = sb_campaign_open (f->campaign, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_begin (campaign, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Visitor %u of a very long list of names", i);

      add_detainee (campaign, name);
    }

  getrlimit (RLIMIT_FSIZE, &unlimited);
  signal (SIGXFSZ, SIG_IGN);
  limit_file_size (GSIZE_TO_POINTER (64 * 1024));
  g_assert_false (sb_campaign_commit (campaign, &error));
  /* (SQLite reports a write past the limit as a disk I/O error.) */
  g_assert_nonnull (error);
  g_assert_true (error->domain == SB_STORE_ERROR);
  sb_campaign_rollback (campaign);
  setrlimit (RLIMIT_FSIZE, &unlimited);
  g_clear_error (&error);

  add_detainee (campaign, "Nay Vanda");
  sb_campaign_close (campaign);
  names = detainee_names (f->campaign);
  g_assert_cmpstr (names, ==, "Nay Vanda|Ny Sokha|Yi Soksan");
}

/* ================================================================ daily backups */

static GDateTime *
day_at (int day,
        int hour)
{
  return g_date_time_new_local (2016, 10, day, hour, 0, 0);
}

/* A backup a day: the last seven kept, another campaign's and other files left alone. */
static void
test_daily_keeps_seven (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *other_dir = g_build_filename (f->dir, "office", NULL);
  g_autofree char *other = g_build_filename (other_dir, "campaign.sambot", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GDateTime) first = day_at (1, 9);
  g_autofree char *first_name = sb_backup_daily_name (f->campaign, first);
  g_autofree char *oldest = NULL;
  g_autofree char *newest = NULL;

  g_assert_true (g_str_has_prefix (first_name, "campaign-2016-10-01-"));
  g_assert_true (g_str_has_suffix (first_name, ".sambot"));

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  campaign = sb_campaign_create (other, "Other office", "BB", &error);
  g_assert_no_error (error);
  sb_campaign_close (campaign);

  for (int day = 1; day <= 9; day++)
    {
      g_autoptr(GDateTime) now = day_at (day, 9);
      g_autofree char *written = NULL;

      g_assert_true (sb_backup_is_due (f->campaign, folder, now));
      written = sb_backup_make_daily (f->campaign, folder, now, &error);
      g_assert_no_error (error);
      g_assert_cmpint (file_mode (written), ==, 0600);
      g_assert_false (sb_backup_is_due (f->campaign, folder, now));
      if (day == 1)
        {
          g_assert_cmpint (file_mode (folder), ==, 0700);
          g_assert_true (g_file_set_contents (notes, "keep", -1, NULL));
          g_free (sb_backup_make_daily (other, folder, now, &error));
          g_assert_no_error (error);
        }
    }

  backups = sb_backup_list_daily (f->campaign, folder);
  g_assert_cmpuint (backups->len, ==, SB_BACKUP_KEEP_DAYS);
  newest = g_path_get_basename (g_ptr_array_index (backups, 0));
  oldest = g_path_get_basename (g_ptr_array_index (backups, backups->len - 1));
  g_assert_true (g_str_has_prefix (newest, "campaign-2016-10-09-"));
  g_assert_true (g_str_has_prefix (oldest, "campaign-2016-10-03-"));

  /* Same file name, other folder: its backup of day 1 is still there. */
  others = sb_backup_list_daily (other, folder);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));
}

/* Later the same day nothing is due; once the day has passed a backup is. A
 * backup made again the same day (Back Up Now) replaces that day's. */
static void
test_daily_once_a_day (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "backups", NULL);
  g_autoptr(GDateTime) morning = day_at (10, 8);
  g_autoptr(GDateTime) evening = day_at (10, 20);
  g_autoptr(GDateTime) next_day = day_at (11, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GPtrArray) backups = NULL;

  first = sb_backup_make_daily (f->campaign, folder, morning, &error);
  g_assert_no_error (error);
  g_assert_false (sb_backup_is_due (f->campaign, folder, evening));
  g_assert_true (sb_backup_is_due (f->campaign, folder, next_day));

  campaign = sb_campaign_open (f->campaign, FALSE, &error);
  g_assert_no_error (error);
  add_detainee (campaign, "Lim Mony");
  /* Made while the campaign is open for writing, as the app does. */
  again = sb_backup_make_daily (f->campaign, folder, evening, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, again);
  names = detainee_names (again);
  g_assert_cmpstr (names, ==, "Lim Mony|Ny Sokha|Yi Soksan");
  backups = sb_backup_list_daily (f->campaign, folder);
  g_assert_cmpuint (backups->len, ==, 1);
}

/* A backup killed half-way (the app quit, the power went) leaves a ".part" behind:
 * the next daily backup removes it once it is hours old, and nothing else. */
static void
test_daily_removes_stale_parts (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "backups", NULL);
  g_autoptr(GDateTime) day = day_at (9, 9);
  g_autofree char *name = sb_backup_daily_name (f->campaign, day);
  g_autofree char *stale = g_strdup_printf ("%s/%s.Ab12Cd.part", folder, name);
  g_autofree char *stale_journal = g_strconcat (stale, "-journal", NULL);
  g_autofree char *fresh = g_strdup_printf ("%s/%s.Ef34Gh.part", folder, name);
  g_autofree char *someone_else = g_build_filename (folder, "notes.sambot.Ij56Kl.part", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  const char *old_files[] = { stale, stale_journal, someone_else };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (old_files); i++)
    {
      struct utimbuf yesterday = { .actime = time (NULL) - 86400, .modtime = time (NULL) - 86400 };

      g_assert_true (g_file_set_contents (old_files[i], "half", -1, NULL));
      g_assert_cmpint (g_utime (old_files[i], &yesterday), ==, 0);
    }
  g_assert_true (g_file_set_contents (fresh, "being written", -1, NULL));

  written = sb_backup_make_daily (f->campaign, folder, now, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (someone_else, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];
  if (argc == 3 && g_str_equal (argv[1], "--hold"))
    return hold_main (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--crash"))
    return crash_main (argv[2]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/backup/refuses-existing", test_backup_refuses_existing);
  ADD ("/store/backup/force-replaces", test_backup_force_replaces);
  ADD ("/store/backup/refuses-open-campaign", test_backup_refuses_open);
  ADD ("/store/backup/disk-full-leaves-nothing", test_backup_disk_full);
  ADD ("/store/restore/over-stale-log", test_restore_over_stale_log);
  ADD ("/store/restore/refuses-damaged", test_restore_refuses_damaged);
  ADD ("/store/restore/refuses-open-campaign", test_restore_refuses_open);
  ADD ("/store/files/private", test_files_private);
  ADD ("/store/transaction/disk-full-rolls-back-once", test_commit_disk_full);
  ADD ("/backup/daily/keeps-seven", test_daily_keeps_seven);
  ADD ("/backup/daily/once-a-day", test_daily_once_a_day);
  ADD ("/backup/daily/removes-stale-parts", test_daily_removes_stale_parts);
#undef ADD

  return g_test_run ();
}
