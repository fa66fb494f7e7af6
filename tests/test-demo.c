/* test-demo.c — the built-in demo campaign reproduces the published figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sambot-demo-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "demo.sambot", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static SbCampaign *
build_and_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SbCampaign *campaign;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (sb_demo_create (fixture->path, &error));
  g_assert_no_error (error);
  g_test_message ("demo built in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  campaign = sb_campaign_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  return campaign;
}

/* ====================================================================== */

static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  static const char *const names_en[] = {
    "Ny Sokha", "Yi Soksan", "Nay Vanda", "Lim Mony", "Ny Chakrya",
  };
  static const char *const names_km[] = {
    "នី សុខា", "យី សុខសាន្ត", "ណៃ វណ្ណដា", "លឹម មុន្នី", "នី ចរិយា",
  };
  g_autoptr(SbCampaign) campaign = build_and_open (fixture);
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hashtag = NULL;
  g_autofree char *launch = NULL;

  stats = sb_campaign_get_stats (campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stats->as_of, ==, "2016-10-10");
  g_assert_cmpint (stats->messages_sent, ==, 469);
  g_assert_cmpint (stats->messages_delivered, ==, 195);
  g_assert_cmpint (stats->messages_held, >, 0);
  g_assert_cmpint (stats->messages_received, ==, stats->messages_sent + stats->messages_held);
  g_assert_cmpint (stats->messages_new + stats->messages_transcribed, >, 0);
  g_assert_cmpint (stats->copies_waiting, >, 0);
  g_assert_cmpint (stats->copies_in_batch, >, 0);
  g_assert_cmpint (stats->copies_rejected, >, 0);

  g_assert_cmpuint (stats->detainees->len, ==, 5);
  for (guint i = 0; i < stats->detainees->len; i++)
    {
      SbDetaineeStats *detainee = g_ptr_array_index (stats->detainees, i);

      g_assert_cmpstr (detainee->name_en, ==, names_en[i]);
      g_assert_cmpstr (detainee->name_km, ==, names_km[i]);
      g_assert_cmpstr (detainee->detained_on, ==, "2016-04-28");
      g_assert_null (detainee->released_on);
      g_assert_cmpint (detainee->days_detained, ==, 165);
      g_assert_false (detainee->released);
      g_assert_cmpint (detainee->delivered, >, 0);
    }

  hashtag = sb_campaign_get_setting (campaign, SB_SETTING_HASHTAG, &error);
  g_assert_no_error (error);
  launch = sb_campaign_get_setting (campaign, SB_SETTING_LAUNCH_DATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hashtag, ==, "#Freethe5KH");
  g_assert_cmpstr (launch, ==, "2016-08-08");
}

static void
test_messages (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SbCampaign) campaign = build_and_open (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint online = 0, postcards = 0, to_all = 0, held = 0, redelivered = 0;

  ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 476);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, ids->pdata[i], &error);
      g_autoptr(GPtrArray) copies = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (message->received_on, >=, "2016-08-08");
      g_assert_cmpstr (message->received_on, <=, "2016-10-10");
      g_assert_cmpstr (message->original_text, !=, "");
      g_hash_table_add (languages, g_strdup (message->language));
      if (*message->sender_country != '\0')
        g_hash_table_add (countries, g_strdup (message->sender_country));
      online += g_str_equal (message->channel, "online");
      postcards += g_str_equal (message->channel, "postcard");
      if (g_str_equal (message->status, "held"))
        {
          g_assert_cmpstr (message->hold_reason, !=, "");
          held++;
        }
      /* Approved foreign messages have a Khmer translation, or were approved without. */
      if (g_str_equal (message->status, "approved") && !g_str_equal (message->language, "km") &&
          *message->translation_km == '\0')
        g_assert_cmpstr (message->language, ==, "en");

      copies = sb_campaign_list_copies (campaign, message->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (copies->len, >=, 1);
      to_all += copies->len == 5;
      for (guint c = 0; c < copies->len; c++)
        {
          SbCopy *copy = g_ptr_array_index (copies, c);

          redelivered += g_str_equal (copy->state, "delivered") && copy->attempts == 2;
          if (g_str_equal (copy->state, "delivered"))
            g_assert_cmpstr (copy->delivered_on, <=, "2016-10-10");
          if (g_str_equal (message->status, "held"))
            g_assert_cmpstr (copy->state, ==, "pending");
        }
    }

  g_test_message ("%u languages, %u countries, %u online, %u postcards, %u to all five",
                  g_hash_table_size (languages), g_hash_table_size (countries), online,
                  postcards, to_all);
  g_assert_cmpuint (g_hash_table_size (languages), >=, 3);
  g_assert_true (g_hash_table_contains (languages, "km"));
  g_assert_true (g_hash_table_contains (languages, "en"));
  g_assert_true (g_hash_table_contains (languages, "fr"));
  g_assert_cmpuint (g_hash_table_size (countries), >=, 10);
  g_assert_cmpuint (online, >, 0);
  g_assert_cmpuint (postcards, >, 0);
  g_assert_cmpuint (to_all, >, ids->len / 3);
  g_assert_cmpuint (held, >, 0);
  g_assert_cmpuint (redelivered, >, 0);
}

static void
test_reproducible (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *second = g_build_filename (fixture->dir, "again.sambot", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_len = 0, b_len = 0;

  g_assert_true (sb_demo_create (fixture->path, &error));
  g_assert_no_error (error);
  g_assert_true (sb_demo_create (second, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (fixture->path, &a, &a_len, &error));
  g_assert_true (g_file_get_contents (second, &b, &b_len, &error));
  g_assert_no_error (error);
  g_test_message ("demo file: %" G_GSIZE_FORMAT " bytes", a_len);
  g_assert_cmpuint (a_len, >, 0);
  g_assert_cmpuint (a_len, ==, b_len);
  g_assert_true (memcmp (a, b, a_len) == 0);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SbCampaign) campaign = build_and_open (fixture);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_campaign_check (campaign, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_existing_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "mine", -1, &error));
  g_assert_false (sb_demo_create (fixture->path, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "demo.sambot"));

  g_clear_error (&error);
  g_assert_true (g_file_get_contents (fixture->path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "mine");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/demo/figures", test_figures);
  ADD ("/demo/messages", test_messages);
  ADD ("/demo/reproducible", test_reproducible);
  ADD ("/demo/check", test_check);
  ADD ("/demo/existing-path-refused", test_existing_refused);

  return g_test_run ();
}
