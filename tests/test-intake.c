/* test-intake.c — many new messages at once: SbMessageIntake and time-ordered ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sb-campaign.h"
#include "sb-campaign-private.h"
#include "sb-message-intake.h"
#include "sb-test-campaign.h"
#include "sb-test-oracle.h"
#include "sb-test-sql.h"

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

/* An import makes each message's search key in its reading thread: the index takes
 * that key instead of making it again. A key that differs from the texts' own shows
 * which one the index took. The intake writes history rows after each message: the
 * key must stay filed under the message's rowid, not theirs. */
static void
test_index_takes_checked_key (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageIntake) intake = sb_message_intake_new (fixture->campaign, &error);
  g_autoptr(SbMessage) first = online_message ("Stay strong.", "Anna Schmidt");
  g_autoptr(SbMessage) second = online_message ("We are with you.", "Marie");
  const char *sokha[] = { fixture->sokha, NULL };
  g_autofree char *checked = NULL;

  g_assert_no_error (error);
  checked = sb_message_intake_check (intake, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (checked, ==, "anna schmidt stay strong");
  g_assert_true (sb_message_intake_add (intake, first, "made in another thread", sokha, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_intake_add (intake, second, NULL, sokha, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_intake_commit (intake, &error));
  g_assert_no_error (error);

  g_assert_true (search_finds (fixture->campaign, "another thread", first->id));
  g_assert_false (search_finds (fixture->campaign, "stay strong", first->id));
  g_assert_true (search_finds (fixture->campaign, "with you", second->id));
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

/* The history of @message as its rows read, with its id and reference written "M"
 * and "REF" so that two messages' can be compared: each row's entity, name, field,
 * values, moment and operator, and whether it starts an entry. */
static char *
history_shape (const char      *path,
               const SbMessage *message)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *shape = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT entity, replace (entity_id, ?1, 'M'), field, "
                                       "coalesce (before, 'NULL'), "
                                       "replace (coalesce (after, 'NULL'), ?2, 'REF'), at, operator, "
                                       "entry = id FROM history "
                                       "WHERE substr (entity_id, 1, length (?1)) = ?1 ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, message->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, message->ref, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (shape, "%s|", sqlite3_column_text (stmt, i));
      g_string_append_c (shape, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (shape, FALSE);
}

/* The copies' figures by detainee and state, as kept and as counted from the copies. */
static void
assert_copy_tallies (const char *path)
{
  g_autofree char *kept = sb_test_sql_lines (path, "SELECT detainee_id, state, n FROM copy_tallies "
                                                   "WHERE n != 0 ORDER BY 1, 2");
  g_autofree char *counted = sb_test_sql_lines (path, "SELECT detainee_id, state, count (*) "
                                                      "FROM copies GROUP BY 1, 2 ORDER BY 1, 2");

  g_assert_cmpstr (kept, !=, "");
  g_assert_cmpstr (kept, ==, counted);
}

/* An intake writes the rows itself, with the triggers off (src/store/sb-store-bulk.c):
 * the history, the figures and the search index come out as the triggers make them
 * for the same messages added one by one. */
static void
test_same_as_one_by_one (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const struct {
    const char *status, *day, *country, *office, *text;
    guint       addressees;   /* 0: none, 1: Sokha, 2: both */
    gboolean    repeat;       /* a duplicate of the message before it */
  } rows[] = {
    { "transcribed", "2016-09-01", "KH", NULL, "Stay strong, we are with you.", 2, FALSE },
    { "new", "2016-09-01", "FR", "BB", "Free them all!", 1, FALSE },
    { "transcribed", "2016-09-15", "DE", NULL, "Free the five!", 2, FALSE },
    { "transcribed", "2016-09-15", "", NULL, "សូមឱ្យបងៗមានសុខភាពល្អ", 1, FALSE },
    { "transcribed", "2016-09-15", "", NULL, "សូមឱ្យបងៗមានសុខភាពល្អ", 1, TRUE },
    { "new", "2016-10-01", "JP", "BB", "We have not forgotten you.", 0, FALSE },
  };
  static const char *const days[] = { NULL, "2016-09-01", "2016-09-20", "2016-10-01" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageIntake) intake = NULL;
  g_autoptr(GPtrArray) bulk = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_message_free);
  g_autoptr(GPtrArray) single = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_message_free);
  const char *both[] = { fixture->soksan, fixture->sokha, NULL };
  const char *sokha[] = { fixture->sokha, NULL };
  const char *const *addressees[] = { NULL, sokha, both };

  sb_campaign_set_operator (fixture->campaign, "Dara");
  sb_campaign_set_clock (fixture->campaign, "2016-10-02T09:00:00Z");

  intake = sb_message_intake_new (fixture->campaign, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      SbMessage *message = online_message (rows[i].text, "Anna");

      sb_test_set (&message->status, rows[i].status);
      sb_test_set (&message->received_on, rows[i].day);
      sb_test_set (&message->sender_country, rows[i].country);
      sb_test_set (&message->office_id, rows[i].office);
      if (rows[i].repeat)
        sb_test_set (&message->duplicate_of, ((SbMessage *) g_ptr_array_index (bulk, i - 1))->id);
      g_assert_true (sb_message_intake_add (intake, message, NULL, addressees[rows[i].addressees],
                                            &error));
      g_assert_no_error (error);
      g_ptr_array_add (bulk, message);
    }
  g_assert_true (sb_message_intake_commit (intake, &error));
  g_assert_no_error (error);

  /* The figures kept equal the figures counted from the rows. */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    sb_oracle_assert_store (_sb_campaign_get_store (fixture->campaign), fixture->path, days[i]);
  assert_copy_tallies (fixture->path);
  g_assert_true (search_finds (fixture->campaign, "forgotten",
                               ((SbMessage *) g_ptr_array_index (bulk, 5))->id));

  /* The same messages one by one, through the triggers: the same history. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      SbMessage *message = online_message (rows[i].text, "Anna");
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      sb_test_set (&message->status, rows[i].status);
      sb_test_set (&message->received_on, rows[i].day);
      sb_test_set (&message->sender_country, rows[i].country);
      sb_test_set (&message->office_id, rows[i].office);
      g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
      g_assert_no_error (error);
      if (rows[i].repeat)
        {
          g_assert_true (sb_campaign_mark_duplicate (fixture->campaign, message->id,
                                                     ((SbMessage *) g_ptr_array_index (single, i - 1))->id,
                                                     &error));
          g_assert_no_error (error);
        }
      else if (rows[i].addressees > 0)
        {
          g_assert_true (sb_campaign_assign (fixture->campaign, message->id,
                                             addressees[rows[i].addressees], &error));
          g_assert_no_error (error);
        }
      g_ptr_array_add (single, message);

      if (rows[i].repeat)
        continue;
      want = history_shape (fixture->path, message);
      got = history_shape (fixture->path, g_ptr_array_index (bulk, i));
      g_assert_cmpstr (got, ==, want);
      g_assert_nonnull (strstr (got, "Dara"));
    }

  /* And the triggers count again after it: twice the figures, still as counted. */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    sb_oracle_assert_store (_sb_campaign_get_store (fixture->campaign), fixture->path, days[i]);
  assert_copy_tallies (fixture->path);
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
  g_test_add ("/intake/index-takes-checked-key", Fixture, NULL,
              fixture_set_up, test_index_takes_checked_key, fixture_tear_down);
  g_test_add ("/intake/refused-message-leaves-nothing", Fixture, NULL,
              fixture_set_up, test_refused_message_leaves_nothing, fixture_tear_down);
  g_test_add ("/intake/rollback-and-numbering", Fixture, NULL,
              fixture_set_up, test_rollback_and_numbering, fixture_tear_down);
  g_test_add ("/intake/duplicate-links-to-original", Fixture, NULL,
              fixture_set_up, test_duplicate_links_to_original, fixture_tear_down);
  g_test_add ("/intake/same-as-one-by-one", Fixture, NULL,
              fixture_set_up, test_same_as_one_by_one, fixture_tear_down);
  g_test_add_func ("/intake/ids-are-time-ordered", test_ids_are_time_ordered);

  return g_test_run ();
}
