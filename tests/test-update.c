/* test-update.c — opening a campaign file from an older Sambot: it is updated in one
 * transaction, with progress, in the background for the app; killed midway, the file
 * stays as it was (issue 12). What the update keeps is compared by
 * tests/migration/check-migration.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-batches.h"
#include "sb-stats.h"
#include "sb-store.h"
#include "sb-test-campaign.h"
#include "sb-test-sql.h"

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

/* The copy of @path as it was, which an update keeps beside it. */
static char *
backup_of (const char *path)
{
  return g_strdup_printf ("%s.before-v%d.bak", path, SB_STORE_SCHEMA_VERSION);
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

/* @path opens and shows the figures the older Sambot counted. */
static void
assert_older_figures (const char *path)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  campaign = sb_campaign_open (path, FALSE, &error);
  g_assert_no_error (error);
  stats = sb_campaign_get_stats (campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->messages_sent, ==, FIXTURE_SENT);
  g_assert_cmpint (stats->messages_delivered, ==, FIXTURE_DELIVERED);
  sb_campaign_close (campaign);
}

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

/* The bytes of the file at @path. */
static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), size);
}

/* The files in @dir whose names end in @suffix. */
static guint
count_files_ending (const char *dir_path,
                    const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint found = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    found += g_str_has_suffix (name, suffix);
  return found;
}

/* Killed halfway through the update, the file is exactly the older one, byte for
 * byte (the update works on a copy beside it): it opens, updates and shows the
 * older Sambot's figures the next time, which throws the half-made copy away and
 * keeps the older file as the backup. */
static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const char *old_path = g_getenv ("SB_TEST_UPDATE_PATH");

  if (g_test_subprocess ())
    {
      Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE, 0.3 };

      /* This process's own copy is not needed: it is the parent's file that dies. */
      fixture_tear_down (fixture, data);
      sb_campaign_open_full (old_path, FALSE, progress_cb, &progress, NULL);
      return;   /* not reached: the progress exits */
    }
  before = read_bytes (fixture->path);
  g_setenv ("SB_TEST_UPDATE_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files_ending (fixture->dir, ".part"), >, 0);
  backups = find_backups (fixture->dir);
  g_assert_cmpuint (backups->len, ==, 0);

  assert_older_figures (fixture->path);
  g_assert_false (sb_campaign_needs_update (fixture->path));
  g_assert_cmpuint (count_files_ending (fixture->dir, ".part"), ==, 0);
  backups = find_backups (fixture->dir);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (sb_campaign_needs_update (g_ptr_array_index (backups, 0)));
}

/* ------------------------------------------------------------------------ */
/* Schema 10: copies keyed by detainee and message                          */
/* ------------------------------------------------------------------------ */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The lines of @lines sorted, as one text. */
static char *
sorted_text (GPtrArray *lines)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_copies (gconstpointer a,
                gconstpointer b)
{
  const SbCopy *x = *(const SbCopy *const *) a, *y = *(const SbCopy *const *) b;
  int by_message = strcmp (x->message_id, y->message_id);

  return by_message ? by_message : strcmp (x->detainee_id, y->detainee_id);
}

/* One line an entry, as sb_test_sql_lines() gives the schema-9 rows below. */
static void
append_history (GString      *out,
                const SbCopy *copy,
                GPtrArray    *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      SbHistoryEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (out, "%s | %s | %s | %s | %s | %s | %s | %s\n", copy->message_id,
                              copy->detainee_id, entry->at, entry->operator_name, entry->entity,
                              entry->field, entry->before ? entry->before : "-",
                              entry->after ? entry->after : "-");
    }
}

static void
assert_schema (const char *path,
               const char *version)
{
  g_autofree char *found = sb_test_sql_lines (path, "PRAGMA user_version");

  g_assert_cmpstr (found, ==, version);
}

/* A schema-9 campaign (tests/migration/make-custody-fixture.sh) whose copies went
 * through every state and two batches: after the update each copy has the same
 * state, attempts, reason and day, each batch the same items in the same order with
 * the same outcomes, each copy the same history rows under its name, and every
 * sealed batch's printed digest still verifies. The next change to a copy goes on
 * in the same history. */
static void
test_copies_keyed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "custody.sambot", NULL);
  g_autofree char *copies_before = NULL, *items_before = NULL, *history_before = NULL;
  g_autofree char *digests = NULL, *retried = NULL, *states = NULL;
  g_autofree char *copies_after = NULL, *items_after = NULL;
  g_autoptr(GString) history_after = g_string_new (NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) item_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) message_ids = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) digest_lines = NULL;
  SbCopy *rejected = NULL;
  guint sealed = 0;

  sb_test_unzip_fixture ("custody-v9.sambot.gz", path);
  assert_schema (path, "9\n");
  /* What the fixture must hold for this test to mean anything. */
  states = sb_test_sql_lines (path, "SELECT group_concat (state, ' ') FROM "
                               "(SELECT DISTINCT state FROM copies ORDER BY state)");
  g_assert_cmpstr (states, ==, "delivered in_batch pending rejected returned waiting\n");
  retried = sb_test_sql_lines (path, "SELECT count(*) FROM copies WHERE attempts = 2");
  g_assert_cmpstr (retried, ==, "2\n");

  copies_before = sb_test_sql_lines (path, "SELECT message_id, detainee_id, state, attempts, "
                                      "outcome_reason, delivered_on FROM copies "
                                      "ORDER BY message_id || ' | ' || detainee_id");
  items_before = sb_test_sql_lines (path, "SELECT i.batch_id, c.message_id, c.detainee_id, i.position, "
                                     "i.outcome, i.outcome_reason, i.outcome_on "
                                     "FROM batch_items i JOIN copies c ON c.id = i.copy_id "
                                     "ORDER BY i.batch_id, i.position");
  history_before = sb_test_sql_lines (path, "SELECT c.message_id, c.detainee_id, h.at, h.operator, "
                                       "h.entity, h.field, h.before, h.after "
                                       "FROM copies c JOIN history h ON h.entity_id = c.id "
                                       "ORDER BY c.message_id, c.detainee_id, h.id");
  digests = sb_test_sql_lines (path, "SELECT id, digest FROM batches WHERE digest IS NOT NULL ORDER BY id");

  campaign = sb_campaign_open (path, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autofree char *current = g_strdup_printf ("%d\n", SB_STORE_SCHEMA_VERSION);

    assert_schema (path, current);
  }

  message_ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (message_ids, compare_strings);
  for (guint m = 0; m < message_ids->len; m++)
    {
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (campaign, g_ptr_array_index (message_ids, m),
                                                             &error);

      g_assert_no_error (error);
      g_ptr_array_sort (copies, compare_copies);
      for (guint c = 0; c < copies->len; c++)
        {
          SbCopy *copy = g_ptr_array_index (copies, c);
          g_autofree char *name = sb_copy_dup_name (copy);
          g_autoptr(GPtrArray) entries = sb_campaign_list_history (campaign, name, &error);

          g_assert_no_error (error);
          g_ptr_array_add (lines, g_strdup_printf ("%s | %s | %s | %d | %s | %s", copy->message_id,
                                                   copy->detainee_id, copy->state, copy->attempts,
                                                   copy->outcome_reason,
                                                   copy->delivered_on ? copy->delivered_on : "-"));
          append_history (history_after, copy, entries);
          if (g_str_equal (copy->state, "rejected"))
            rejected = sb_copy_copy (copy);
        }
    }
  copies_after = sorted_text (lines);
  g_assert_cmpstr (copies_after, ==, copies_before);
  g_assert_cmpstr (history_after->str, ==, history_before);

  batches = sb_campaign_list_batches (campaign, NULL, &error);
  g_assert_no_error (error);
  for (guint b = 0; b < batches->len; b++)
    {
      SbBatch *batch = g_ptr_array_index (batches, b);
      g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < items->len; i++)
        {
          SbBatchItem *item = g_ptr_array_index (items, i);

          /* Zero-padded positions sort as numbers; printed without the zeros below. */
          g_ptr_array_add (item_lines, g_strdup_printf ("%s | %06d | %s | %s | %s | %s | %s",
                                                        item->batch_id, item->position,
                                                        item->message_id, item->detainee_id,
                                                        item->outcome, item->outcome_reason,
                                                        item->outcome_on ? item->outcome_on : "-"));
        }
    }
  items_after = sorted_text (item_lines);
  {
    /* The same lines in the schema-9 order of columns. */
    g_auto(GStrv) rows = g_strsplit (items_after, "\n", -1);
    g_autoptr(GString) reordered = g_string_new (NULL);

    for (guint r = 0; rows[r] != NULL && *rows[r] != '\0'; r++)
      {
        g_auto(GStrv) f = g_strsplit (rows[r], " | ", -1);

        g_string_append_printf (reordered, "%s | %s | %s | %d | %s | %s | %s\n", f[0], f[2], f[3],
                                atoi (f[1]), f[4], f[5], f[6]);
      }
    g_assert_cmpstr (reordered->str, ==, items_before);
  }

  digest_lines = g_strsplit (digests, "\n", -1);
  for (guint i = 0; digest_lines[i] != NULL && *digest_lines[i] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (digest_lines[i], " | ", 2);
      gboolean matches = FALSE;

      g_assert_true (sb_campaign_verify_batch (campaign, f[0], f[1], &matches, &error));
      g_assert_no_error (error);
      g_assert_true (matches);
      sealed++;
    }
  g_assert_cmpuint (sealed, ==, 3);

  /* The rejected copy goes in the draft: one more row in the same history. */
  g_assert_nonnull (rejected);
  {
    g_autofree char *name = sb_copy_dup_name (rejected);
    g_autoptr(GPtrArray) before = sb_campaign_list_history (campaign, name, NULL);
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(GPtrArray) one = g_ptr_array_new ();
    SbBatch *draft = NULL;
    SbHistoryEntry *last;

    for (guint b = 0; b < batches->len; b++)
      if (g_str_equal (((SbBatch *) g_ptr_array_index (batches, b))->state, "draft"))
        draft = g_ptr_array_index (batches, b);
    g_assert_nonnull (draft);
    g_ptr_array_add (one, rejected);
    g_assert_true (sb_campaign_batch_add (campaign, draft->id, one, &error));
    g_assert_no_error (error);
    after = sb_campaign_list_history (campaign, name, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, before->len + 1);
    last = g_ptr_array_index (after, after->len - 1);
    g_assert_cmpstr (last->field, ==, "state");
    g_assert_cmpstr (last->before, ==, "rejected");
    g_assert_cmpstr (last->after, ==, "in_batch");
  }
  sb_copy_free (rejected);
  sb_campaign_close (campaign);
}

/* The update leaves no free pages behind: the file of an older Sambot comes out
 * smaller, not larger (the update rewrites the history's and the copies' tables). */
static void
test_compacted (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *free_pages = NULL;
  GStatBuf before, after;

  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_close (campaign);
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);
  g_test_message ("%lld bytes before the update, %lld after",
                  (long long) before.st_size, (long long) after.st_size);
  g_assert_cmpint (after.st_size, <, before.st_size * 9 / 10);
  free_pages = sb_test_sql_lines (fixture->path, "PRAGMA freelist_count");
  g_assert_cmpstr (free_pages, ==, "0\n");
}

/* A program writing to the older file (an older Sambot, the sqlite3 shell) keeps it
 * from being updated: the update would copy it without what that program is about
 * to write. The error says so, and the file is left as it was. */
static void
test_written_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *other = NULL;

  before = read_bytes (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "another program has it open"));
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files_ending (fixture->dir, ".part"), ==, 0);
  backups = find_backups (fixture->dir);
  g_assert_cmpuint (backups->len, ==, 0);

  /* Once it is closed, the update goes ahead. */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_clear_error (&error);
  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
}

/* Where files cannot have a second name (link() fails: FAT, some network shares),
 * the backup is a copy of the file's bytes instead, and the update goes ahead. */
static void
test_no_links (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *module = g_test_build_filename (G_TEST_BUILT, "sb-test-no-link.so", NULL);
  g_autofree char *backup = backup_of (fixture->path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) kept = NULL;
  GStatBuf file, copy;

  if (g_test_subprocess ())
    {
      g_autoptr(SbStore) store = NULL;
      g_autoptr(GError) error = NULL;

      store = sb_store_open (g_getenv ("SB_TEST_UPDATE_PATH"), SB_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
      return;
    }
  before = read_bytes (fixture->path);
  g_setenv ("SB_TEST_UPDATE_PATH", fixture->path, TRUE);
  g_setenv ("LD_PRELOAD", module, TRUE);
  /* Under AddressSanitizer, which wants to come first. */
  g_setenv ("ASAN_OPTIONS", "verify_asan_link_order=0", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("LD_PRELOAD");
  g_unsetenv ("ASAN_OPTIONS");
  g_test_trap_assert_passed ();

  g_assert_false (sb_campaign_needs_update (fixture->path));
  kept = read_bytes (backup);
  g_assert_true (g_bytes_equal (before, kept));
  /* Two files, not one with two names. */
  g_assert_cmpint (g_stat (fixture->path, &file), ==, 0);
  g_assert_cmpint (g_stat (backup, &copy), ==, 0);
  g_assert_cmpuint (file.st_ino, !=, copy.st_ino);
  g_assert_cmpint (copy.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_files_ending (fixture->dir, ".part"), ==, 0);
  g_assert_cmpuint (count_files_ending (fixture->dir, ".new"), ==, 0);
}

/* A file a crash left with changes in its log (-wal): the update copies them into the
 * file first, so that the updated campaign and the backup both have them. */
static void
test_log_left (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *backup = backup_of (fixture->path);
  g_autofree char *note = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf log;

  if (g_test_subprocess ())
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (g_getenv ("SB_TEST_UPDATE_PATH"), &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; "
                                         "PRAGMA wal_autocheckpoint = 0; "
                                         "CREATE TABLE crash_note (text TEXT); "
                                         "INSERT INTO crash_note VALUES ('in the log')",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      fixture_tear_down (fixture, data);   /* this process's own copy */
      _exit (0);   /* as a crash would: the log is not copied into the file */
    }
  g_setenv ("SB_TEST_UPDATE_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_cmpint (g_stat (wal, &log), ==, 0);
  g_assert_cmpint (log.st_size, >, 0);

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
  sb_store_close (store);
  note = sb_test_sql_lines (fixture->path, "SELECT text FROM crash_note");
  g_assert_cmpstr (note, ==, "in the log\n");
  kept = sb_test_sql_lines (backup, "SELECT text FROM crash_note");
  g_assert_cmpstr (kept, ==, "in the log\n");
}

/* A campaign opened through a symbolic link: the file it names is updated, and the
 * link stays a link. */
static void
test_through_link (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *alias = g_build_filename (fixture->dir, "alias.sambot", NULL);
  g_autofree char *backup = backup_of (fixture->path);
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("demo.sambot", alias), ==, 0);
  store = sb_store_open (alias, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
  sb_store_close (store);
  g_assert_true (g_file_test (alias, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (sb_campaign_needs_update (fixture->path));
  g_assert_true (sb_campaign_needs_update (backup));
}

/* The update's copy cannot grow to the file's size (a FAT32 USB stick holds no file
 * over 4 GB; here `ulimit -f`): it says so and what to do, leaves nothing behind, and
 * the file is the older one, byte for byte, updated once it can be. */
static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) before = read_bytes (fixture->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      struct rlimit limit;

      limit.rlim_cur = limit.rlim_max = g_bytes_get_size (before) / 2;
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      store = sb_store_open (g_getenv ("SB_TEST_UPDATE_PATH"), SB_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NO_SPACE);
      g_assert_cmpstr (error->message, ==,
                       "“demo.sambot” cannot grow any larger on this disk. Move it to a disk "
                       "that takes larger files and try again; nothing saved before was lost.");
      return;
    }
  g_setenv ("SB_TEST_UPDATE_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files_ending (fixture->dir, ".part"), ==, 0);
  backups = find_backups (fixture->dir);
  g_assert_cmpuint (backups->len, ==, 0);

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
}

/* Waits until @path exists (at most a minute). */
static void
wait_for_file (const char *path)
{
  for (guint i = 0; i < 6000 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The first program: once it holds the file, says so ("ready") and waits until the
 * second has tried to open it ("go"). */
static void
first_holds (double   fraction,
             gpointer user_data)
{
  const char *dir = user_data;
  g_autofree char *ready = g_build_filename (dir, "ready", NULL);
  g_autofree char *go = g_build_filename (dir, "go", NULL);

  if (g_file_test (ready, G_FILE_TEST_EXISTS))
    return;
  g_assert_true (g_file_set_contents (ready, "", 0, NULL));
  wait_for_file (go);
}

/* Two programs open the same older file at once (the app and sambot-cli): the second
 * is told that the first is updating it, and touches nothing (had it waited for the
 * older file's lock, it would have taken the updated file's journal for its own and
 * written it into the backup); once the first is done, the file opens updated. */
static void
test_two_at_once (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) meanwhile = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *ready = g_build_filename (fixture->dir, "ready", NULL);
  g_autofree char *go = g_build_filename (fixture->dir, "go", NULL);

  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("SB_TEST_UPDATE_DIR");
      g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);

      store = sb_store_open_full (path, SB_STORE_OPEN_DEFAULT, first_holds, (gpointer) dir,
                                  &error);
      g_assert_no_error (error);
      return;
    }

  before = read_bytes (fixture->path);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "SB_TEST_UPDATE_DIR", fixture->dir, TRUE);
  first = g_subprocess_launcher_spawn (launcher, &error, self_path, "-q", "-p",
                                       "/update/two-at-once", "--GTestSubprocess", NULL);
  g_assert_no_error (error);
  wait_for_file (ready);

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==,
                   "“demo.sambot” must be updated for this version of Sambot, but another "
                   "Sambot is updating a campaign in the same folder. Open it again when "
                   "that is done; nothing was changed.");
  g_clear_error (&error);
  meanwhile = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, meanwhile));

  g_assert_true (g_file_set_contents (go, "", 0, NULL));
  g_assert_true (g_subprocess_wait_check (first, NULL, &error));
  g_assert_no_error (error);
  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
  sb_store_close (store);

  backups = find_backups (fixture->dir);
  g_assert_cmpuint (backups->len, ==, 1);
  kept = read_bytes (g_ptr_array_index (backups, 0));
  g_assert_true (g_bytes_equal (before, kept));
  assert_older_figures (fixture->path);
}

/* Killed late in the update, while the updated copy is being made smaller or just
 * before it takes the file's place: the file is still the older one, byte for byte,
 * and opens whole with the older Sambot's figures. */
static void
test_killed_late (Fixture       *fixture,
                  gconstpointer  data)
{
  static const double moments[] = { 0.9, 0.95, 0.98 };
  const char *old_path = g_getenv ("SB_TEST_UPDATE_PATH");

  if (g_test_subprocess ())
    {
      Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE,
                            g_ascii_strtod (g_getenv ("SB_TEST_KILL_AT"), NULL) };

      fixture_tear_down (fixture, data);
      sb_campaign_open_full (old_path, FALSE, progress_cb, &progress, NULL);
      return;   /* not reached: the progress exits */
    }
  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autofree char *check = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      char moment[G_ASCII_DTOSTR_BUF_SIZE];

      sb_test_remove_tree (fixture->dir);
      g_mkdir (fixture->dir, 0700);
      sb_test_unzip_fixture ("demo-v6.sambot.gz", fixture->path);
      before = read_bytes (fixture->path);
      g_setenv ("SB_TEST_UPDATE_PATH", fixture->path, TRUE);
      g_setenv ("SB_TEST_KILL_AT", g_ascii_dtostr (moment, sizeof moment, moments[i]), TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_test_message ("killed at %s", moment);
      after = read_bytes (fixture->path);
      g_assert_true (g_bytes_equal (before, after));
      assert_older_figures (fixture->path);
      check = sb_test_sql_lines (fixture->path, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok\n");
    }
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
  ADD ("/update/too-large", test_too_large);
  ADD ("/update/async", test_async);
  ADD ("/update/killed", test_killed);
  ADD ("/update/two-at-once", test_two_at_once);
  ADD ("/update/written-elsewhere", test_written_elsewhere);
  ADD ("/update/no-links", test_no_links);
  ADD ("/update/log-left", test_log_left);
  ADD ("/update/through-link", test_through_link);
  ADD ("/update/killed-late", test_killed_late);
  ADD ("/update/compacted", test_compacted);
  ADD ("/update/copies-keyed", test_copies_keyed);
#undef ADD

  return g_test_run ();
}
