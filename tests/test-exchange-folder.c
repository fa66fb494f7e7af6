/* test-exchange-folder.c — offices that invite, join and exchange through a folder
 * (docs/exchange.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless. The coordinating office PP invites its partner office KC; KC joins
 * from the invitation with the passphrase; each types a postcard; both exchange
 * through one folder and see both postcards, with references that never meet
 * (PP-A-0001, KC-B-0001). A wrong passphrase or a cut invitation creates nothing;
 * a bundle whose predecessor is missing waits and says what for; a bundle of
 * another campaign is refused and counted, the replica unchanged; an exchange with
 * nothing new writes nothing.
 */

#include "config.h"

#include "sb-backup.h"
#include "sb-campaign-private.h"
#include "sb-exchange-private.h"
#include "sb-privacy.h"
#include "sb-store-bundle.h"
#include "sb-store-changes.h"
#include "sb-test-campaign.h"
#include "sb-test-offices.h"

typedef SbTestOffices Fixture;

static gboolean
holds_bytes (const char *data,
             gsize       size,
             const char *text)
{
  gsize length = strlen (text);

  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, text, length) == 0)
      return TRUE;
  return FALSE;
}

/* Both offices type a postcard, exchange both ways, and see both. */
static void
test_both_ways (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replicas = NULL;
  g_autoptr(SbMessage) on_a = NULL;
  g_autoptr(SbMessage) on_b = NULL;
  g_autofree char *refs_a = NULL;
  g_autofree char *refs_b = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(SbMessage) seen = NULL;
  const char *to[] = { NULL, NULL };
  g_autofree char *secret_a = NULL;
  g_autofree char *secret_b = NULL;
  g_autofree char *file_b = NULL;
  gsize size_b = 0;
  SbExchangeReport report = { 0 };
  SbReplica *replica;

  sb_test_invite_and_join (fixture);
  /* The invitation holds the campaign as it was, but not A's signing key. */
  g_assert_cmpuint (sb_test_count_messages (fixture->b), ==, 1);
  secret_a = sb_store_get_exchange_value (_sb_campaign_get_store (fixture->a), "secret-key");
  secret_b = sb_store_get_exchange_value (_sb_campaign_get_store (fixture->b), "secret-key");
  g_assert_nonnull (secret_a);
  g_assert_nonnull (secret_b);
  g_assert_cmpstr (secret_a, !=, secret_b);
  sb_campaign_close (fixture->b);
  g_assert_true (g_file_get_contents (fixture->path_b, &file_b, &size_b, &error));
  g_assert_false (holds_bytes (file_b, size_b, secret_a));
  g_assert_true (holds_bytes (file_b, size_b, secret_b));
  g_clear_object (&fixture->b);
  fixture->b = sb_campaign_open (fixture->path_b, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_set_clock (fixture->b, "2016-10-11T08:00:00Z");

  replicas = sb_campaign_list_replicas (fixture->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replicas->len, ==, 2);
  replica = replicas->pdata[0];
  g_assert_true (replica->is_self);
  g_assert_cmpstr (replica->office_code, ==, "PP");
  g_assert_cmpstr (replica->letter, ==, "A");
  replica = replicas->pdata[1];
  g_assert_false (replica->is_self);
  g_assert_cmpstr (replica->office_code, ==, "KC");
  g_assert_cmpstr (replica->office_name, ==, "Kampong Cham office");
  g_assert_cmpstr (replica->letter, ==, "B");
  g_clear_pointer (&replicas, g_ptr_array_unref);

  replicas = sb_campaign_list_replicas (fixture->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replicas->len, ==, 2);
  g_assert_true (((SbReplica *) replicas->pdata[0])->is_self);
  g_assert_cmpstr (((SbReplica *) replicas->pdata[0])->letter, ==, "B");
  g_assert_cmpstr (((SbReplica *) replicas->pdata[1])->letter, ==, "A");

  on_a = sb_test_type_postcard (fixture->a, "From Phnom Penh");
  on_b = sb_test_type_postcard (fixture->b, "From Kampong Cham");
  /* Addressed and approved on A, in commits of their own. */
  detainees = sb_campaign_list_detainees (fixture->a, &error);
  g_assert_no_error (error);
  to[0] = ((SbDetainee *) detainees->pdata[0])->id;
  g_assert_true (sb_campaign_assign (fixture->a, on_a->id, to, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_approve (fixture->a, on_a->id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (on_a->ref, ==, "PP-A-0001");
  g_assert_cmpstr (on_b->ref, ==, "KC-B-0001");

  sb_test_exchange (fixture->a, &report);
  g_assert_cmpuint (report.changes_sent, >, 0);
  g_assert_cmpuint (report.changes_received, ==, 0);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->b, &report);
  g_assert_cmpuint (report.changes_sent, >, 0);
  g_assert_cmpuint (report.changes_received, >, 0);
  g_assert_cmpuint (report.bundles_refused, ==, 0);
  g_assert_null (report.held_back);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->a, &report);
  g_assert_cmpuint (report.changes_sent, ==, 0);
  g_assert_cmpuint (report.changes_received, >, 0);
  sb_exchange_report_clear (&report);

  refs_a = sb_test_refs_of (fixture->a);
  refs_b = sb_test_refs_of (fixture->b);
  g_assert_cmpstr (refs_a, ==, "KC-B-0001 From Kampong Cham\nPP-0001 Before the offices\n"
                               "PP-A-0001 From Phnom Penh");
  g_assert_cmpstr (refs_b, ==, refs_a);
  seen = sb_campaign_get_message (fixture->b, on_a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->status, ==, "approved");
  copies = sb_campaign_list_copies (fixture->b, on_a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 1);

  /* What each knows of the other. */
  g_clear_pointer (&replicas, g_ptr_array_unref);
  replicas = sb_campaign_list_replicas (fixture->a, &error);
  g_assert_no_error (error);
  replica = replicas->pdata[0];
  g_assert_nonnull (replica->last_sent);
  g_assert_cmpint (replica->changes_waiting, ==, 0);
  replica = replicas->pdata[1];
  g_assert_nonnull (replica->last_received);
  g_assert_cmpint (replica->changes_waiting, ==, 0);
  g_assert_null (replica->waiting_for);
}

/* Nothing new: nothing written, and it is quick (docs/exchange.md has the figure). */
static void
test_nothing_new (Fixture       *fixture,
                  gconstpointer  data)
{
  SbExchangeReport report = { 0 };
  guint n_files;
  gint64 start;
  double ms;

  sb_test_invite_and_join (fixture);
  g_autoptr(SbMessage) on_a = sb_test_type_postcard (fixture->a, "From Phnom Penh");
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  n_files = sb_test_count_files (fixture->folder, ".sbx");

  start = g_get_monotonic_time ();
  sb_test_exchange (fixture->a, &report);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("an exchange with nothing new: %.1f ms (wall)", ms);
  g_assert_cmpuint (report.changes_sent, ==, 0);
  g_assert_cmpuint (report.changes_received, ==, 0);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, n_files);
  /* The budget is 50 ms; the machines that run the tests are shared. */
  g_assert_cmpfloat (ms, <, 500);
  sb_exchange_report_clear (&report);
}

static gboolean
file_exists_with_prefix (const char *dir,
                         const char *prefix)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return TRUE;
  return FALSE;
}

/* A wrong passphrase, a cut invitation or an existing file: nothing created. */
static void
test_join_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *cut = g_build_filename (fixture->dir, "cut.sbinvite", NULL);
  const gsize lengths[] = { 0, 3, 30, 60, 100, 1000, 0 };
  gsize size = 0;

  g_assert_true (sb_campaign_invite_office (fixture->a, "KC", PASSPHRASE, fixture->invitation, &error));
  g_assert_no_error (error);

  g_assert_false (sb_campaign_join (fixture->invitation, "kampot pepper at dusk", fixture->path_b, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "passphrase"));
  g_clear_error (&error);
  g_assert_false (g_file_test (fixture->path_b, G_FILE_TEST_EXISTS));
  g_assert_false (file_exists_with_prefix (fixture->dir, "kampong-cham.sambot"));

  g_assert_true (g_file_get_contents (fixture->invitation, &contents, &size, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      gsize length = i + 1 < G_N_ELEMENTS (lengths) ? lengths[i] : size - 1;

      g_remove (cut);
      g_assert_true (g_file_set_contents (cut, contents, length, &error));
      g_assert_false (sb_campaign_join (cut, PASSPHRASE, fixture->path_b, &error));
      g_assert_nonnull (error);
      g_test_message ("cut at %zu: %s", length, error->message);
      g_assert_true (error->code == SB_STORE_ERROR_CORRUPT || error->code == SB_STORE_ERROR_NOT_CAMPAIGN);
      g_clear_error (&error);
      g_assert_false (file_exists_with_prefix (fixture->dir, "kampong-cham.sambot"));
    }
  /* One byte changed in the middle. */
  contents[size / 2] ^= 0x20;
  g_remove (cut);
  g_assert_true (g_file_set_contents (cut, contents, size, &error));
  g_assert_false (sb_campaign_join (cut, PASSPHRASE, fixture->path_b, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_remove (cut);

  /* An existing file is never written over. */
  g_assert_true (g_file_set_contents (fixture->path_b, "mine", -1, &error));
  g_assert_false (sb_campaign_join (fixture->invitation, PASSPHRASE, fixture->path_b, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (fixture->path_b, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "mine");
  g_remove (fixture->path_b);

  /* Nor an existing invitation, nor an unknown office, nor a short passphrase. */
  g_assert_false (sb_campaign_invite_office (fixture->a, "KC", PASSPHRASE, fixture->invitation, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (sb_campaign_invite_office (fixture->a, "ZZ", PASSPHRASE, cut, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_campaign_invite_office (fixture->a, "KC", "short", cut, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (cut, G_FILE_TEST_EXISTS));

  /* The right passphrase still opens it. */
  g_assert_true (sb_campaign_join (fixture->invitation, PASSPHRASE, fixture->path_b, &error));
  g_assert_no_error (error);
}

static char *
find_bundle (const char *folder,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      return g_build_filename (folder, name, NULL);
  return NULL;
}

/* A bundle whose predecessor is missing waits, named; then applies when it comes. */
static void
test_held_back (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *aside = g_build_filename (fixture->dir, "aside.sbx", NULL);
  g_autoptr(GPtrArray) replicas = NULL;
  SbExchangeReport report = { 0 };
  SbReplica *from_a;

  sb_test_invite_and_join (fixture);
  /* A's changes: 1 made it replica A, 2 registered B, 3 to 5 are postcards. */
  sb_message_free (sb_test_type_postcard (fixture->a, "First"));
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_message_free (sb_test_type_postcard (fixture->a, "Second"));
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_message_free (sb_test_type_postcard (fixture->a, "Third"));
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, 3);

  /* The second bundle is late. */
  middle = find_bundle (fixture->folder, ".4-4.sbx");
  g_assert_nonnull (middle);
  g_assert_cmpint (g_rename (middle, aside), ==, 0);
  sb_test_exchange (fixture->b, &report);
  g_assert_cmpuint (report.bundles_refused, ==, 0);
  g_assert_cmpstr (report.held_back, ==, "Waiting for changes 4 to 4 from PP-A.");
  sb_test_assert_refs (fixture->b, "PP-0001 Before the offices\nPP-A-0001 First");
  sb_exchange_report_clear (&report);

  replicas = sb_campaign_list_replicas (fixture->b, &error);
  g_assert_no_error (error);
  from_a = replicas->pdata[1];
  g_assert_cmpint (from_a->changes_waiting, ==, 1);
  g_assert_cmpstr (from_a->waiting_for, ==, "changes 4 to 4");

  g_assert_cmpint (g_rename (aside, middle), ==, 0);
  sb_test_exchange (fixture->b, &report);
  g_assert_null (report.held_back);
  g_assert_cmpuint (report.changes_received, ==, 2);
  sb_test_assert_refs (fixture->b, "PP-0001 Before the offices\nPP-A-0001 First\n"
                                            "PP-A-0002 Second\nPP-A-0003 Third");
  sb_exchange_report_clear (&report);
}

/* Another campaign's bundles are refused, counted and left; B is unchanged. */
static void
test_foreign_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *other_invitation = NULL;
  g_autofree char *other_folder = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *disguised = NULL;
  g_autofree char *altered = NULL;
  g_autofree char *before = NULL;
  g_autoptr(SbCampaign) other = NULL;
  SbExchangeReport report = { 0 };
  gsize size = 0;

  sb_test_invite_and_join (fixture);
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  ours = find_bundle (fixture->folder, ".sbx");

  /* Another campaign, which exchanges too, writes into the same folder. */
  other = sb_test_campaign_new ("sambot-exchange-other-XXXXXX", &other_dir, &other_path);
  other_invitation = g_build_filename (other_dir, "other.sbinvite", NULL);
  other_folder = g_build_filename (other_dir, "exchange", NULL);
  g_assert_cmpint (g_mkdir (other_folder, 0700), ==, 0);
  g_assert_true (sb_campaign_invite_office (other, "PP", PASSPHRASE, other_invitation, &error));
  g_assert_no_error (error);
  sb_message_free (sb_test_type_postcard (other, "Not of this campaign"));
  g_assert_true (sb_campaign_set_exchange_folder (other, other_folder, &error));
  g_assert_no_error (error);
  sb_test_exchange (other, &report);
  g_assert_cmpuint (report.bundles_refused, ==, 0);
  sb_exchange_report_clear (&report);
  g_assert_true (sb_campaign_exchange (other, fixture->folder, &report, NULL, &error));
  g_assert_no_error (error);
  /* It sees ours as foreign, as we will see its own. */
  g_assert_cmpuint (report.bundles_refused, ==, 1);
  sb_exchange_report_clear (&report);

  /* And one of its bundles under a name of ours: A's next changes. */
  bundle = find_bundle (other_folder, ".sbx");
  g_assert_true (g_file_get_contents (bundle, &contents, &size, &error));
  disguised = g_strdup (ours);
  g_assert_true (g_str_has_suffix (ours, ".1-2.sbx"));
  memcpy (strrchr (disguised, '.') - 3, "3-3", 3);
  g_assert_true (g_file_set_contents (disguised, contents, size, &error));

  /* And one of A's bundles, altered. */
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (ours, &contents, &size, &error));
  contents[size - 100] ^= 1;
  altered = g_strdup (ours);
  memcpy (strrchr (altered, '.') - 3, "3-4", 3);
  g_assert_true (g_file_set_contents (altered, contents, size, &error));

  before = sb_test_refs_of (fixture->b);
  sb_test_exchange (fixture->b, &report);
  g_test_message ("refused: %s", report.refused);
  /* The other campaign's (by its name), the disguised one (by its header), the
   * altered one (by its signature). */
  g_assert_cmpuint (report.bundles_refused, ==, 3);
  g_assert_nonnull (strstr (report.refused, "damaged or changed"));
  g_assert_nonnull (strstr (report.refused, "not an exchange file of this campaign"));
  g_assert_null (report.held_back);
  sb_exchange_report_clear (&report);
  /* B has A's changes, nothing of the other campaign; the files stay. */
  sb_test_assert_refs (fixture->b, before);
  g_assert_true (g_file_test (disguised, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (altered, G_FILE_TEST_EXISTS));

  sb_test_remove_tree (other_folder);
  sb_test_campaign_free (g_steal_pointer (&other), other_dir);
}

static guint8 *
decode_value (SbCampaign *campaign,
              const char *key,
              gsize       expected)
{
  g_autofree char *text = sb_store_get_exchange_value (_sb_campaign_get_store (campaign), key);
  gsize size = 0;
  guint8 *data;

  g_assert_nonnull (text);
  data = g_base64_decode (text, &size);
  g_assert_cmpuint (size, ==, expected);
  return data;
}

/* A bundle signed and sealed by A whose change is cut inside: refused whole, B as
 * it was (SQLite 3.40 would loop for ever on some cut changes). */
static void
test_damaged_change (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *key = NULL;
  g_autofree guint8 *secret = NULL;
  g_autofree char *campaign_id = NULL;
  g_autofree char *id_a = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) bundle = NULL;
  SbExchangeReport report = { 0 };
  SbChange *last;
  GBytes *cut;

  sb_test_invite_and_join (fixture);
  sb_message_free (sb_test_type_postcard (fixture->a, "Cut on the way"));
  key = decode_value (fixture->a, "exchange-key", SB_BUNDLE_KEY_BYTES);
  secret = decode_value (fixture->a, "secret-key", SB_BUNDLE_SECRET_KEY_BYTES);
  campaign_id = sb_store_get_exchange_value (_sb_campaign_get_store (fixture->a), "campaign-id");
  id_a = sb_store_get_replica_id (_sb_campaign_get_store (fixture->a));
  changes = sb_store_list_changes (_sb_campaign_get_store (fixture->a), 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  last = changes->pdata[1];
  cut = g_bytes_new_from_bytes (last->changeset, 0, 20);
  g_bytes_unref (last->changeset);
  last->changeset = cut;
  bundle = sb_bundle_write (campaign_id, key, secret, changes, &error);
  g_assert_no_error (error);
  name = g_strdup_printf ("%s.%s.2-3.sbx", campaign_id, id_a);
  path = g_build_filename (fixture->folder, name, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bundle, NULL),
                                      g_bytes_get_size (bundle), &error));

  before = sb_test_refs_of (fixture->b);
  sb_test_exchange (fixture->b, &report);
  g_test_message ("refused: %s", report.refused);
  g_assert_cmpuint (report.bundles_refused, ==, 1);
  g_assert_cmpuint (report.changes_received, ==, 0);
  g_assert_nonnull (strstr (report.refused, "damaged"));
  sb_test_assert_refs (fixture->b, before);
  sb_exchange_report_clear (&report);
}

typedef struct
{
  GMainLoop        *loop;
  SbExchangeReport  report;
  gboolean          ok;
  double            progress;
  guint             changed;
} AsyncRun;

static void
progress_cb (double   fraction,
             gpointer data)
{
  AsyncRun *run = data;

  g_assert_cmpfloat (fraction, >=, run->progress);
  run->progress = fraction;
}

static void
changed_cb (SbCampaign *campaign,
            gpointer    data)
{
  ((AsyncRun *) data)->changed++;
}

static void
exchanged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  AsyncRun *run = data;
  g_autoptr(GError) error = NULL;

  run->ok = sb_campaign_exchange_finish (SB_CAMPAIGN (source), result, &run->report, &error);
  g_assert_no_error (error);
  g_main_loop_quit (run->loop);
}

/* In a worker thread, with progress; the campaign says it changed. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  AsyncRun run = { g_main_loop_new (NULL, FALSE) };
  SbExchangeReport report = { 0 };

  sb_test_invite_and_join (fixture);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("Postcard %02u", i);

      sb_message_free (sb_test_type_postcard (fixture->a, text));
    }
  sb_test_exchange (fixture->a, &report);
  g_assert_cmpuint (report.changes_sent, ==, 52);
  sb_exchange_report_clear (&report);

  g_signal_connect (fixture->b, "changed", G_CALLBACK (changed_cb), &run);
  sb_campaign_exchange_async (fixture->b, NULL, progress_cb, &run, NULL, exchanged_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.report.changes_received, ==, 51);
  g_assert_cmpuint (run.report.changes_sent, ==, 1);
  g_assert_cmpfloat (run.progress, ==, 1.0);
  g_assert_cmpuint (run.changed, ==, 1);
  g_assert_cmpuint (sb_test_count_messages (fixture->b), ==, 51);
  sb_exchange_report_clear (&run.report);
  g_main_loop_unref (run.loop);
}


/* Whether a bundle in the folder, opened with A's keys, holds @text. */
static gboolean
folder_holds (Fixture    *fixture,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = _sb_campaign_get_store (fixture->a);
  g_autofree char *campaign_id = sb_store_get_exchange_value (store, "campaign-id");
  g_autofree guint8 *key = decode_value (fixture->a, "exchange-key", SB_BUNDLE_KEY_BYTES);
  g_autoptr(GPtrArray) rows = sb_store_list_replica_rows (store, &error);
  g_autoptr(GHashTable) public_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) files = _sb_exchange_scan_folder (fixture->folder, campaign_id, NULL, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      SbStoreReplica *row = rows->pdata[i];

      g_hash_table_insert (public_keys, row->id, row->public_key);
    }
  for (guint i = 0; i < files->len && !found; i++)
    {
      SbBundleFile *file = files->pdata[i];
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (file->path, FALSE, &error);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autofree char *name = g_path_get_basename (file->path);

      g_assert_no_error (error);
      bytes = g_mapped_file_get_bytes (mapped);
      changes = sb_bundle_read (bytes, name, campaign_id, key, public_keys, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < changes->len && !found; j++)
        {
          SbChange *change = changes->pdata[j];
          gsize size = 0;
          const char *data = g_bytes_get_data (change->changeset, &size);

          found = size > 0 && holds_bytes (data, size, text);
          data = g_bytes_get_data (change->history, &size);
          found = found || (size > 0 && holds_bytes (data, size, text));
          if (found)
            g_test_message ("%s in %s, change %" G_GINT64_FORMAT, text, name, change->seq);
        }
    }
  return found;
}

/* PP erases a sender whose postcard it had sent, and whose city KC had corrected
 * meanwhile: once both have exchanged, no bundle in the folder holds anything of
 * the sender (each office writes its own bundles again), and both show the same. */
static void
test_erasure_rewrites_bundles (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *const traces[] = { "Kim Dara", "Battambang", "Kampot" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(SbMessage) on_b = NULL;
  g_autoptr(SbMessage) on_a = NULL;
  SbExchangeReport report = { 0 };

  sb_test_invite_and_join (fixture);
  sb_test_set (&message->original_text, "Courage to you all");
  sb_test_set (&message->received_on, "2016-10-09");
  sb_test_set (&message->sender_name, "Kim Darareth");
  sb_test_set (&message->sender_city, "Battambang");
  g_assert_true (sb_campaign_add_message (fixture->a, message, &error));
  g_assert_no_error (error);
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  on_b = sb_campaign_get_message (fixture->b, message->id, &error);
  g_assert_no_error (error);
  sb_test_set (&on_b->sender_city, "Kampot");
  g_assert_true (sb_campaign_update_message (fixture->b, on_b, &error));
  g_assert_no_error (error);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  for (guint j = 0; j < G_N_ELEMENTS (traces); j++)
    g_assert_true (folder_holds (fixture, traces[j]));

  g_assert_true (sb_campaign_forget_sender (fixture->a, message->id, NULL, &error));
  g_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    {
      sb_test_exchange (fixture->a, &report);
      sb_exchange_report_clear (&report);
      sb_test_exchange (fixture->b, &report);
      g_assert_null (report.refused);
      sb_exchange_report_clear (&report);
    }
  for (guint j = 0; j < G_N_ELEMENTS (traces); j++)
    g_assert_false (folder_holds (fixture, traces[j]));
  on_a = sb_campaign_get_message (fixture->a, message->id, &error);
  g_clear_pointer (&on_b, sb_message_free);
  on_b = sb_campaign_get_message (fixture->b, message->id, &error);
  g_assert_cmpstr (on_a->sender_name, ==, "");
  g_assert_cmpstr (on_a->sender_city, ==, "");
  g_assert_cmpstr (on_b->sender_city, ==, "");
}

/* The letters a replica gives: the first office's are letters, another's its own
 * letter and digits, and the next level letters again (sb-campaign-exchange.c). */
static void
test_letters (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_store_replica_free);
  const char *const have[] = { "A", "B", "C", "B2" };
  struct { const char *inviter; const char *expected; } cases[] = {
    { NULL, "D" }, { "A", "D" }, { "B", "B3" }, { "C", "C2" }, { "B2", "B2A" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (have); i++)
    {
      SbStoreReplica *row = g_new0 (SbStoreReplica, 1);

      row->letter = g_strdup (have[i]);
      g_ptr_array_add (rows, row);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *letter = _sb_exchange_next_letter (rows, cases[i].inviter);

      g_assert_cmpstr (letter, ==, cases[i].expected);
    }
}

/* PP invites Siem Reap while KC, not having exchanged since, invites one more
 * laptop: the two new replicas get different letters, and all four offices' postcards
 * travel without a reference met twice. */
static void
test_two_inviters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *invitation_c = g_build_filename (fixture->dir, "siem-reap.sbinvite", NULL);
  g_autofree char *invitation_d = g_build_filename (fixture->dir, "kc-laptop.sbinvite", NULL);
  g_autofree char *path_c = g_build_filename (fixture->dir, "siem-reap.sambot", NULL);
  g_autofree char *path_d = g_build_filename (fixture->dir, "kc-laptop.sambot", NULL);
  g_autoptr(SbCampaign) c = NULL;
  g_autoptr(SbCampaign) d = NULL;
  g_autofree char *letter_c = NULL;
  g_autofree char *letter_d = NULL;
  g_autofree char *refs_a = NULL;
  SbCampaign *all[4];
  SbExchangeReport report = { 0 };

  sb_test_add_office (fixture->a, "SR", "Siem Reap office");
  sb_test_invite_and_join (fixture);
  g_assert_true (sb_campaign_invite_office (fixture->a, "SR", PASSPHRASE, invitation_c, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_invite_office (fixture->b, "KC", PASSPHRASE, invitation_d, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_join (invitation_c, PASSPHRASE, path_c, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_join (invitation_d, PASSPHRASE, path_d, &error));
  g_assert_no_error (error);
  c = sb_campaign_open (path_c, FALSE, &error);
  g_assert_no_error (error);
  d = sb_campaign_open (path_d, FALSE, &error);
  g_assert_no_error (error);
  letter_c = _sb_campaign_get_letter (c);
  letter_d = _sb_campaign_get_letter (d);
  g_assert_cmpstr (letter_c, ==, "C");
  g_assert_cmpstr (letter_d, ==, "B2");

  all[0] = fixture->a;
  all[1] = fixture->b;
  all[2] = c;
  all[3] = d;
  for (guint i = 2; i < 4; i++)
    {
      g_assert_true (sb_campaign_set_exchange_folder (all[i], fixture->folder, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SbMessage) message = sb_test_type_postcard (all[i], "Courage");

      g_assert_nonnull (message->ref);
    }
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < 4; i++)
      {
        sb_test_exchange (all[i], &report);
        g_assert_null (report.refused);
        sb_exchange_report_clear (&report);
      }
  refs_a = sb_test_refs_of (fixture->a);
  g_assert_cmpstr (refs_a, ==, "KC-B-0001 Courage\n"
                               "KC-B2-0001 Courage\n"
                               "PP-0001 Before the offices\n"
                               "PP-A-0001 Courage\n"
                               "SR-C-0001 Courage");
  for (guint i = 1; i < 4; i++)
    sb_test_assert_refs (all[i], refs_a);
  sb_campaign_close (c);
  sb_campaign_close (d);
}

/* KC's laptop is restored from a backup taken before two of its postcards were
 * sent: its first exchange takes them back from the folder, so that its next
 * postcard is KC-B-0004 (not a second KC-B-0002) and reaches PP. */
static void
test_restored_backup (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "kampong-cham-backup.sambot", NULL);
  g_autofree char *replaced = NULL;
  g_autofree char *refs_b = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  SbExchangeReport report = { 0 };
  const char *expected =
    "KC-B-0001 One from Kampong Cham\n"
    "KC-B-0002 Two, after the backup\n"
    "KC-B-0003 Three, after the backup\n"
    "KC-B-0004 Four, typed on the restored file\n"
    "PP-0001 Before the offices";
  g_autoptr(SbMessage) one = NULL;
  g_autoptr(SbMessage) two = NULL;
  g_autoptr(SbMessage) three = NULL;
  g_autoptr(SbMessage) four = NULL;

  sb_test_invite_and_join (fixture);
  one = sb_test_type_postcard (fixture->b, "One from Kampong Cham");
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  g_assert_true (sb_campaign_backup (fixture->b, backup, FALSE, &error));
  g_assert_no_error (error);

  two = sb_test_type_postcard (fixture->b, "Two, after the backup");
  three = sb_test_type_postcard (fixture->b, "Three, after the backup");
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->a, &report);
  g_assert_cmpuint (report.changes_received, >=, 3);
  sb_exchange_report_clear (&report);

  sb_campaign_close (fixture->b);
  g_clear_object (&fixture->b);
  g_assert_true (sb_backup_restore (backup, fixture->path_b, &replaced, &error));
  g_assert_no_error (error);
  sb_test_reopen_b (fixture, fixture->path_b);
  g_assert_cmpuint (sb_test_count_messages (fixture->b), ==, 2);

  sb_test_exchange (fixture->b, &report);
  g_test_message ("taken back: %u changes", report.changes_received);
  g_assert_cmpuint (report.changes_received, >=, 2);
  g_assert_null (report.held_back);
  g_assert_null (report.refused);
  sb_exchange_report_clear (&report);
  g_assert_cmpuint (sb_test_count_messages (fixture->b), ==, 4);

  four = sb_test_type_postcard (fixture->b, "Four, typed on the restored file");
  g_assert_cmpstr (four->ref, ==, "KC-B-0004");
  sb_test_exchange (fixture->b, &report);
  g_assert_cmpuint (report.changes_sent, ==, 1);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->a, &report);
  g_assert_cmpuint (report.changes_received, ==, 1);
  sb_exchange_report_clear (&report);
  sb_test_assert_refs (fixture->a, expected);
  refs_b = sb_test_refs_of (fixture->b);
  g_assert_cmpstr (refs_b, ==, expected);
  g_assert_true (sb_campaign_check (fixture->b, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Two copies of KC's file both go on typing: the one that exchanges second is
 * refused whole and says why; its postcard stays in it, nothing of it leaves. */
static void
test_two_copies (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (fixture->dir, "kampong-cham-copy.sambot", NULL);
  g_autoptr(SbCampaign) copy = NULL;
  SbExchangeReport report = { 0 };
  g_autoptr(SbMessage) one = NULL;
  g_autoptr(SbMessage) on_b = NULL;
  g_autoptr(SbMessage) on_copy = NULL;
  guint n_files;

  sb_test_invite_and_join (fixture);
  one = sb_test_type_postcard (fixture->b, "One from Kampong Cham");
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  g_assert_true (sb_campaign_backup (fixture->b, copy_path, FALSE, &error));
  g_assert_no_error (error);
  copy = sb_campaign_open (copy_path, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_set_clock (copy, "2016-10-12T09:00:00Z");

  on_b = sb_test_type_postcard (fixture->b, "Typed on the laptop");
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  on_copy = sb_test_type_postcard (copy, "Typed on the copy");
  n_files = sb_test_count_files (fixture->folder, ".sbx");

  g_assert_false (sb_campaign_exchange (copy, NULL, &report, NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "another copy of it have both made changes"));
  sb_exchange_report_clear (&report);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, n_files);
  g_assert_cmpuint (sb_test_count_messages (copy), ==, 3);

  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_test_assert_refs (fixture->a, "KC-B-0001 One from Kampong Cham\n"
                           "KC-B-0002 Typed on the laptop\n"
                           "PP-0001 Before the offices");
  sb_campaign_close (copy);
}

int
main (int   argc,
      char *argv[])
{
  /* Every update skipped after applying a change is run anyway and must
   * change nothing (src/store/sb-store-changes-merge.c, update_if_needed()). */
  g_setenv ("SAMBOT_CHECK_SKIPPED_UPDATES", "1", FALSE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/exchange-folder/both-ways", Fixture, NULL, sb_test_offices_set_up, test_both_ways,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/nothing-new", Fixture, NULL, sb_test_offices_set_up, test_nothing_new,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/join-refused", Fixture, NULL, sb_test_offices_set_up, test_join_refused,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/held-back", Fixture, NULL, sb_test_offices_set_up, test_held_back,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/foreign-refused", Fixture, NULL, sb_test_offices_set_up, test_foreign_refused,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/damaged-change", Fixture, NULL, sb_test_offices_set_up, test_damaged_change,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/async", Fixture, NULL, sb_test_offices_set_up, test_async,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/restored-backup", Fixture, NULL, sb_test_offices_set_up, test_restored_backup,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/two-copies", Fixture, NULL, sb_test_offices_set_up, test_two_copies,
              sb_test_offices_tear_down);
  g_test_add_func ("/exchange-folder/letters", test_letters);
  g_test_add ("/exchange-folder/two-inviters", Fixture, NULL, sb_test_offices_set_up, test_two_inviters,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-folder/erasure-rewrites-bundles", Fixture, NULL, sb_test_offices_set_up,
              test_erasure_rewrites_bundles, sb_test_offices_tear_down);
  return g_test_run ();
}
