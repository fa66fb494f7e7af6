/* test-intake.c — many new messages at once: SbMessageIntake and time-ordered ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sb-campaign.h"
#include "sb-message-intake.h"
#include "sb-test-campaign.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  char       *sokha;
  char       *soksan;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbOffice) office = sb_office_new ();

  fixture->campaign = sb_test_campaign_new ("sambot-intake-XXXXXX", &fixture->dir, &fixture->path);

  sb_test_set (&office->code, "BB");
  sb_test_set (&office->name, "ADHOC Battambang");
  g_assert_true (sb_campaign_add_office (fixture->campaign, office, &error));
  g_assert_no_error (error);

  fixture->sokha = sb_test_add_detainee (fixture->campaign, "Ny Sokha", "នី សុខា");
  fixture->soksan = sb_test_add_detainee (fixture->campaign, "Yi Soksan", "យី សុខសាន្ត");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sb_test_campaign_free (g_steal_pointer (&fixture->campaign), fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_free (fixture->sokha);
  g_free (fixture->soksan);
}

static SbMessage *
online_message (const char *text,
                const char *sender)
{
  SbMessage *message = sb_message_new ();

  sb_test_set (&message->channel, "online");
  sb_test_set (&message->status, "transcribed");
  sb_test_set (&message->received_on, "2016-10-01");
  sb_test_set (&message->original_text, text);
  sb_test_set (&message->sender_name, sender);
  return message;
}

static guint
count_copies (SbCampaign *campaign,
              const char *message_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = sb_campaign_list_copies (campaign, message_id, &error);

  g_assert_no_error (error);
  return copies->len;
}

/* What a volunteer finds when typing a reference or a word of the message. */
static gboolean
search_finds (SbCampaign *campaign,
              const char *query,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = sb_campaign_search (campaign, query, 50, NULL, &error);

  g_assert_no_error (error);
  return g_ptr_array_find_with_equal_func (found, id, g_str_equal, NULL);
}

static void
test_adds_messages_with_copies (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageIntake) intake = sb_message_intake_new (fixture->campaign, &error);
  g_autoptr(SbMessage) to_both = online_message ("Stay strong, we are with you.", "Anna Schmidt");
  g_autoptr(SbMessage) by_name = online_message ("សូមឱ្យបងៗមានសុខភាពល្អ", "ចាន់ ដារា");
  g_autoptr(SbMessage) from_office = online_message ("Free them all!", "Marie");
  g_autofree char *checked = NULL;
  const char *both[] = { fixture->sokha, fixture->soksan, fixture->sokha, NULL };
  const char *sokha[] = { "sokha", NULL };
  g_autoptr(SbMessage) stored = NULL;

  g_assert_no_error (error);
  sb_test_set (&from_office->office_id, "BB");

  /* Checked beforehand (as an import's reading thread does), or in add. */
  checked = sb_message_intake_check (intake, to_both, &error);
  g_assert_no_error (error);
  g_assert_nonnull (checked);
  g_assert_true (sb_message_intake_add (intake, to_both, checked, both, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_intake_add (intake, by_name, NULL, sokha, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_intake_add (intake, from_office, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_message_intake_get_n_added (intake), ==, 3);
  g_assert_true (sb_message_intake_commit (intake, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (to_both->ref, ==, "PP-0001");
  g_assert_cmpstr (by_name->ref, ==, "PP-0002");
  g_assert_cmpstr (from_office->ref, ==, "BB-0001");
  /* A detainee named twice gets one copy. */
  g_assert_cmpuint (count_copies (fixture->campaign, to_both->id), ==, 2);
  g_assert_cmpuint (count_copies (fixture->campaign, by_name->id), ==, 1);
  g_assert_cmpuint (count_copies (fixture->campaign, from_office->id), ==, 0);

  stored = sb_campaign_get_message (fixture->campaign, "PP-0002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->status, ==, "transcribed");
  g_assert_cmpstr (stored->language, ==, "km");

  /* Search sees them as it sees messages added one by one: reference and words. */
  g_assert_true (search_finds (fixture->campaign, "PP-0001", to_both->id));
  g_assert_true (search_finds (fixture->campaign, "with you", to_both->id));
  g_assert_true (search_finds (fixture->campaign, "សុខភាព", by_name->id));
  g_assert_true (search_finds (fixture->campaign, "bb-0001", from_office->id));
  g_assert_false (search_finds (fixture->campaign, "with you", by_name->id));
}

static void
test_refused_message_leaves_nothing (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageIntake) intake = sb_message_intake_new (fixture->campaign, &error);
  g_autoptr(SbMessage) future = online_message ("From tomorrow", "Anna");
  g_autoptr(SbMessage) nobody = online_message ("To nobody we know", "Anna");
  g_autoptr(SbMessage) good = online_message ("Solidarity", "Anna");
  const char *unknown[] = { "Somebody Else", NULL };

  g_assert_no_error (error);
  sb_test_set (&future->received_on, "2016-12-25");
  g_assert_null (sb_message_intake_check (intake, future, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_message_intake_add (intake, future, NULL, NULL, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (sb_message_intake_add (intake, nobody, NULL, unknown, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SB_CORE_ERROR);
  g_clear_error (&error);

  /* The intake goes on, and the refused messages took no reference number. */
  g_assert_true (sb_message_intake_add (intake, good, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_intake_commit (intake, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (good->ref, ==, "PP-0001");
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 1);
}

static void
test_rollback_and_numbering (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) later = online_message ("One by one", "Anna");
  g_autoptr(SbMessage) after = online_message ("After the import", "Anna");

  /* Dropped without commit: nothing stays, not even the numbers it took. */
  {
    g_autoptr(SbMessageIntake) intake = sb_message_intake_new (fixture->campaign, &error);

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(SbMessage) message = online_message ("Forgotten", "Anna");

        g_assert_true (sb_message_intake_add (intake, message, NULL, NULL, &error));
        g_assert_no_error (error);
      }
  }
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 0);
  g_assert_true (sb_campaign_add_message (fixture->campaign, later, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (later->ref, ==, "PP-0001");

  /* Committed: the counter moves on past every number the intake gave. */
  {
    g_autoptr(SbMessageIntake) intake = sb_message_intake_new (fixture->campaign, &error);

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(SbMessage) message = online_message ("Kept", "Anna");

        g_assert_true (sb_message_intake_add (intake, message, NULL, NULL, &error));
        g_assert_no_error (error);
      }
    g_assert_true (sb_message_intake_commit (intake, &error));
    g_assert_no_error (error);
  }
  g_assert_true (sb_campaign_add_message (fixture->campaign, after, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (after->ref, ==, "PP-0005");
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 5);
}

static void
test_duplicate_links_to_original (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) original = online_message ("Free Sokha", "Anna");
  g_autoptr(SbMessage) repeat = online_message ("Free Sokha", "Anna");
  g_autoptr(SbMessage) again = online_message ("Free Sokha", "Anna");
  g_autoptr(SbMessageIntake) intake = NULL;

  g_assert_true (sb_campaign_add_message (fixture->campaign, original, &error));
  g_assert_true (sb_campaign_add_message (fixture->campaign, repeat, &error));
  g_assert_true (sb_campaign_mark_duplicate (fixture->campaign, repeat->id, original->id, &error));
  g_assert_no_error (error);

  intake = sb_message_intake_new (fixture->campaign, &error);
  sb_test_set (&again->duplicate_of, repeat->ref);
  g_assert_true (sb_message_intake_add (intake, again, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_intake_commit (intake, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (again->duplicate_of, ==, original->id);
}

static void
test_ids_are_time_ordered (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-ids-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ids.sambot", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_create (path, "Ids", "PP", &error);
  g_autofree char *previous = NULL;

  g_assert_no_error (error);
  /* More than one millisecond's counter can hold (4,096): order holds past it. */
  for (guint i = 0; i < 10000; i++)
    {
      char *id = sb_campaign_new_id (campaign);

      g_assert_true (g_uuid_string_is_valid (id));
      g_assert_cmpint (id[14], ==, '7');
      g_assert_true (strchr ("89ab", id[19]) != NULL);
      if (previous != NULL)
        g_assert_cmpstr (previous, <, id);
      g_free (previous);
      previous = id;
    }
  sb_campaign_close (campaign);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/intake/adds-messages-with-copies", Fixture, NULL,
              fixture_set_up, test_adds_messages_with_copies, fixture_tear_down);
  g_test_add ("/intake/refused-message-leaves-nothing", Fixture, NULL,
              fixture_set_up, test_refused_message_leaves_nothing, fixture_tear_down);
  g_test_add ("/intake/rollback-and-numbering", Fixture, NULL,
              fixture_set_up, test_rollback_and_numbering, fixture_tear_down);
  g_test_add ("/intake/duplicate-links-to-original", Fixture, NULL,
              fixture_set_up, test_duplicate_links_to_original, fixture_tear_down);
  g_test_add_func ("/intake/ids-are-time-ordered", test_ids_are_time_ordered);

  return g_test_run ();
}
