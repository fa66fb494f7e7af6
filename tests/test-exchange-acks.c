/* test-exchange-acks.c — each office says what it has received; old bundles that
 * every office has leave the folder (docs/exchange.md, "Old bundles")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless. PP and KC exchange postcards; their bundles stay while they are recent
 * or not yet applied everywhere, and go once every office has them and they are
 * older than SB_EXCHANGE_KEEP_DAYS, after which each office's next bundle starts
 * where the removed ones ended. An office invited meanwhile is waited for. A file
 * older than what the others received from it, whose later changes left the
 * folder, refuses to exchange and says what to do. An acknowledgement changed
 * after it was signed is not believed.
 */

#include "config.h"

#include <utime.h>

#include "sb-backup.h"
#include "sb-store-bundle-ack.h"
#include "sb-test-offices.h"

typedef SbTestOffices Fixture;

/* Makes every bundle in the folder look written @days ago. */
static void
age_bundles (Fixture *fixture,
             guint    days)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  struct utimbuf times;
  const char *name;

  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - (gint64) days * 24 * 3600;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      if (g_str_has_suffix (name, ".sbx"))
        g_assert_cmpint (utime (path, &times), ==, 0);
    }
}

/* The first change of the bundle of @campaign written last, from its name. */
static gint64
first_of_newest_bundle (Fixture    *fixture,
                        SbCampaign *campaign)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  g_autofree char *self_id = sb_store_get_replica_id (_sb_campaign_get_store (campaign));
  const char *name;
  gint64 first = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, ".", -1);

      if (g_strv_length (parts) == 4 && g_strcmp0 (parts[1], self_id) == 0 &&
          g_strcmp0 (parts[3], "sbx") == 0)
        first = MAX (first, g_ascii_strtoll (parts[2], NULL, 10));
    }
  return first;
}

static guint
exchange_removing (SbCampaign *campaign)
{
  SbExchangeReport report = { 0 };
  guint removed;

  sb_test_exchange (campaign, &report);
  removed = report.bundles_removed;
  sb_exchange_report_clear (&report);
  return removed;
}

/* Both offices' bundles go once both have applied them and they are old; not
 * before, and not one the other office has not applied. */
static void
test_old_bundles_removed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbExchangeReport report = { 0 };
  gint64 last_a;

  sb_test_invite_and_join (fixture);
  /* Receiving only, an office still says what it holds. */
  g_assert_true (sb_campaign_receive_changes (fixture->b, NULL, &report, NULL, &error));
  g_assert_no_error (error);
  sb_exchange_report_clear (&report);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".ack"), ==, 1);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, 0);

  sb_message_free (sb_test_type_postcard (fixture->a, "From Phnom Penh"));
  sb_message_free (sb_test_type_postcard (fixture->b, "From Kampong Cham"));
  g_assert_cmpuint (exchange_removing (fixture->a), ==, 0);
  g_assert_cmpuint (exchange_removing (fixture->b), ==, 0);
  g_assert_cmpuint (exchange_removing (fixture->a), ==, 0);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".ack"), ==, 2);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, 2);

  /* Applied everywhere, but recent: they stay. */
  g_assert_cmpuint (exchange_removing (fixture->b), ==, 0);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, 2);

  /* Old. KC has one more that PP has not applied yet. */
  age_bundles (fixture, SB_EXCHANGE_KEEP_DAYS + 1);
  sb_message_free (sb_test_type_postcard (fixture->b, "Later from Kampong Cham"));
  g_assert_cmpuint (exchange_removing (fixture->b), ==, 1);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, 2);
  g_assert_cmpuint (exchange_removing (fixture->a), ==, 1);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, 1);
  sb_test_assert_refs (fixture->a, "KC-B-0001 From Kampong Cham\n"
                                   "KC-B-0002 Later from Kampong Cham\n"
                                   "PP-0001 Before the offices\n"
                                   "PP-A-0001 From Phnom Penh");

  /* PP's next bundle starts after the removed one, and KC gets just that. */
  last_a = sb_store_get_last_change (_sb_campaign_get_store (fixture->a));
  sb_message_free (sb_test_type_postcard (fixture->a, "After the clean-up"));
  sb_test_exchange (fixture->a, &report);
  g_assert_cmpuint (report.changes_sent, ==, 1);
  sb_exchange_report_clear (&report);
  g_assert_cmpint (first_of_newest_bundle (fixture, fixture->a), ==, last_a + 1);
  sb_test_exchange (fixture->b, &report);
  g_assert_cmpuint (report.changes_received, ==, 1);
  g_assert_null (report.held_back);
  sb_exchange_report_clear (&report);
  sb_test_assert_refs (fixture->b, "KC-B-0001 From Kampong Cham\n"
                                   "KC-B-0002 Later from Kampong Cham\n"
                                   "PP-0001 Before the offices\n"
                                   "PP-A-0001 From Phnom Penh\n"
                                   "PP-A-0002 After the clean-up");
}

/* KC invites a second laptop before it has PP's latest postcard: PP learns of the
 * laptop from KC's changes and keeps its bundle until the laptop has it too. */
static void
test_waits_for_new_office (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *invitation = g_build_filename (fixture->dir, "laptop.sbinvite", NULL);
  g_autofree char *path_c = g_build_filename (fixture->dir, "laptop.sambot", NULL);
  g_autoptr(SbCampaign) c = NULL;
  SbExchangeReport report = { 0 };

  sb_test_invite_and_join (fixture);
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  sb_message_free (sb_test_type_postcard (fixture->a, "Not on the laptop yet"));
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);

  g_assert_true (sb_campaign_invite_office (fixture->b, "KC", PASSPHRASE, invitation, &error));
  g_assert_no_error (error);
  sb_test_exchange (fixture->b, &report);
  g_assert_cmpuint (report.changes_received, >, 0);
  sb_exchange_report_clear (&report);
  age_bundles (fixture, SB_EXCHANGE_KEEP_DAYS + 1);
  /* PP receives the laptop's key from KC; the laptop has said nothing yet. */
  g_assert_cmpuint (exchange_removing (fixture->a), ==, 0);

  g_assert_true (sb_campaign_join (invitation, PASSPHRASE, path_c, &error));
  g_assert_no_error (error);
  c = sb_campaign_open (path_c, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_set_exchange_folder (c, fixture->folder, &error));
  g_assert_no_error (error);
  sb_test_exchange (c, &report);
  g_assert_null (report.held_back);
  sb_exchange_report_clear (&report);
  sb_test_assert_refs (c, "PP-0001 Before the offices\nPP-A-0001 Not on the laptop yet");

  /* Every office has PP's bundles now. */
  g_assert_cmpuint (exchange_removing (fixture->a), >, 0);
  sb_campaign_close (c);
}

/* KC's laptop is restored from a backup older than what PP received from it, and
 * its later bundles have left the folder: it refuses to exchange, writes nothing,
 * and says what to do. */
static void
test_older_backup_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "kampong-cham-backup.sambot", NULL);
  g_autofree char *replaced = NULL;
  SbExchangeReport report = { 0 };
  guint n_files;

  sb_test_invite_and_join (fixture);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  g_assert_true (sb_campaign_backup (fixture->b, backup, FALSE, &error));
  g_assert_no_error (error);
  sb_message_free (sb_test_type_postcard (fixture->b, "After the backup"));
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  age_bundles (fixture, SB_EXCHANGE_KEEP_DAYS + 1);
  g_assert_cmpuint (exchange_removing (fixture->b), >, 0);

  sb_campaign_close (fixture->b);
  g_clear_object (&fixture->b);
  g_assert_true (sb_backup_restore (backup, fixture->path_b, &replaced, &error));
  g_assert_no_error (error);
  sb_test_reopen_b (fixture, fixture->path_b);
  sb_message_free (sb_test_type_postcard (fixture->b, "Typed on the old file"));
  n_files = sb_test_count_files (fixture->folder, "");

  g_assert_false (sb_campaign_exchange (fixture->b, NULL, &report, NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "older than what the other offices received"));
  sb_exchange_report_clear (&report);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ""), ==, n_files);
  sb_test_assert_refs (fixture->a, "KC-B-0001 After the backup\nPP-0001 Before the offices");
}

/* KC's laptop is restored from a backup taken before it received PP's postcard,
 * and PP's bundle has left the folder since (KC had said it held it): the file
 * cannot catch up, so it refuses to exchange and says what to do. */
static void
test_older_backup_lacks_others (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "kampong-cham-backup.sambot", NULL);
  g_autofree char *replaced = NULL;
  SbExchangeReport report = { 0 };

  sb_test_invite_and_join (fixture);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  g_assert_true (sb_campaign_backup (fixture->b, backup, FALSE, &error));
  g_assert_no_error (error);
  sb_message_free (sb_test_type_postcard (fixture->a, "Before the restore"));
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  age_bundles (fixture, SB_EXCHANGE_KEEP_DAYS + 1);
  g_assert_cmpuint (exchange_removing (fixture->a), >, 0);

  sb_campaign_close (fixture->b);
  g_clear_object (&fixture->b);
  g_assert_true (sb_backup_restore (backup, fixture->path_b, &replaced, &error));
  g_assert_no_error (error);
  sb_test_reopen_b (fixture, fixture->path_b);
  g_assert_false (sb_campaign_exchange (fixture->b, NULL, &report, NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "older than the copy of it that last exchanged"));
  g_assert_nonnull (strstr (error->message, "PP-A"));
  sb_exchange_report_clear (&report);
}

/* PP invites a second laptop that never joins: PP keeps its bundles for it until
 * it stops waiting for that laptop, and says so in the list of replicas. */
static void
test_retired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *invitation = g_build_filename (fixture->dir, "lost.sbinvite", NULL);
  g_autofree char *self_id = NULL;
  g_autofree char *lost_id = NULL;
  g_autoptr(GPtrArray) replicas = NULL;
  SbExchangeReport report = { 0 };

  sb_test_invite_and_join (fixture);
  g_assert_true (sb_campaign_invite_office (fixture->a, "KC", PASSPHRASE, invitation, &error));
  g_assert_no_error (error);
  sb_message_free (sb_test_type_postcard (fixture->a, "For every office"));
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  age_bundles (fixture, SB_EXCHANGE_KEEP_DAYS + 1);
  g_assert_cmpuint (exchange_removing (fixture->a), ==, 0);

  replicas = sb_campaign_list_replicas (fixture->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replicas->len, ==, 3);
  for (guint i = 0; i < replicas->len; i++)
    {
      SbReplica *replica = replicas->pdata[i];

      g_assert_false (replica->retired);
      if (replica->is_self)
        self_id = g_strdup (replica->id);
      else if (g_strcmp0 (replica->letter, "C") == 0)
        lost_id = g_strdup (replica->id);
    }
  g_assert_nonnull (lost_id);

  g_assert_false (sb_campaign_retire_replica (fixture->a, self_id, TRUE, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_campaign_retire_replica (fixture->a, "no-such-replica", TRUE, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sb_campaign_retire_replica (fixture->a, lost_id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&replicas, g_ptr_array_unref);
  replicas = sb_campaign_list_replicas (fixture->a, &error);
  for (guint i = 0; i < replicas->len; i++)
    g_assert_cmpint (((SbReplica *) replicas->pdata[i])->retired, ==,
                     g_strcmp0 (((SbReplica *) replicas->pdata[i])->id, lost_id) == 0);
  g_assert_cmpuint (exchange_removing (fixture->a), >, 0);
  g_assert_cmpuint (sb_test_count_files (fixture->folder, ".sbx"), ==, 1);
}

/* An acknowledgement reads back as written; changed anywhere, or for another
 * campaign or an unknown office, it is not believed. */
static void
test_ack_signed (void)
{
  guint8 public_key[SB_BUNDLE_PUBLIC_KEY_BYTES], secret_key[SB_BUNDLE_SECRET_KEY_BYTES];
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbBundleAck) read = NULL;
  g_autoptr(GError) error = NULL;
  SbBundleAck ack = { (char *) "replica-b", 12, NULL };
  gint64 seq = 7;
  gsize size;

  g_assert_true (sb_bundle_init (NULL));
  sb_bundle_new_signing_keys (public_key, secret_key);
  ack.received = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (ack.received, (char *) "replica-a", &seq);
  bytes = sb_bundle_write_ack ("campaign", secret_key, &ack);
  g_hash_table_unref (ack.received);

  read = sb_bundle_read_ack (bytes, "b.ack", "campaign", keys, &error);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_assert_null (read);
  g_clear_error (&error);
  g_hash_table_insert (keys, (char *) "replica-b", g_bytes_new (public_key, sizeof public_key));
  read = sb_bundle_read_ack (bytes, "b.ack", "campaign", keys, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->origin, ==, "replica-b");
  g_assert_cmpint (read->head, ==, 12);
  g_assert_cmpint (sb_bundle_ack_received (read, "replica-a"), ==, 7);
  g_assert_cmpint (sb_bundle_ack_received (read, "replica-c"), ==, 0);
  g_clear_pointer (&read, sb_bundle_ack_free);
  g_assert_null (sb_bundle_read_ack (bytes, "b.ack", "another", keys, NULL));

  size = g_bytes_get_size (bytes);
  for (gsize i = 0; i < size; i++)
    {
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
      g_autoptr(GBytes) changed = NULL;

      data[i] ^= 0x01;
      changed = g_bytes_new (data, size);
      g_assert_null (sb_bundle_read_ack (changed, "b.ack", "campaign", keys, NULL));
      g_clear_pointer (&changed, g_bytes_unref);
      changed = g_bytes_new (g_bytes_get_data (bytes, NULL), i);
      g_assert_null (sb_bundle_read_ack (changed, "b.ack", "campaign", keys, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/exchange-acks/old-bundles-removed", Fixture, NULL, sb_test_offices_set_up,
              test_old_bundles_removed, sb_test_offices_tear_down);
  g_test_add ("/exchange-acks/waits-for-new-office", Fixture, NULL, sb_test_offices_set_up,
              test_waits_for_new_office, sb_test_offices_tear_down);
  g_test_add ("/exchange-acks/older-backup-refused", Fixture, NULL, sb_test_offices_set_up,
              test_older_backup_refused, sb_test_offices_tear_down);
  g_test_add ("/exchange-acks/older-backup-lacks-others", Fixture, NULL, sb_test_offices_set_up,
              test_older_backup_lacks_others, sb_test_offices_tear_down);
  g_test_add ("/exchange-acks/retired", Fixture, NULL, sb_test_offices_set_up, test_retired,
              sb_test_offices_tear_down);
  g_test_add_func ("/exchange-acks/signed", test_ack_signed);
  return g_test_run ();
}
