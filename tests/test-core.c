/* test-core.c — operations on a campaign, their checks, and the counting rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-campaign-private.h"
#include "sb-names.h"
#include "sb-store.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  char       *facility_id;
  char       *detainees[3];
} Fixture;

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
add_detainee (SbCampaign *campaign,
              const char *name_en,
              const char *name_km,
              const char *facility)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();

  set (&detainee->name_en, name_en);
  set (&detainee->name_km, name_km);
  set (&detainee->facility_id, facility);
  set (&detainee->detained_on, "2016-04-28");
  g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
  return g_strdup (detainee->id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFacility) facility = sb_facility_new ();
  g_autoptr(SbOffice) office = sb_office_new ();

  fixture->dir = g_dir_make_tmp ("sambot-core-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
  fixture->campaign = sb_campaign_create (fixture->path, "#Freethe5KH", "PP", &error);
  g_assert_no_error (error);
  sb_campaign_set_clock (fixture->campaign, "2016-10-10T08:00:00Z");

  set (&facility->code, "PS");
  set (&facility->name_en, "Prey Sar Prison");
  set (&facility->name_km, "ពន្ធនាគារព្រៃស");
  g_assert_true (sb_campaign_add_facility (fixture->campaign, facility, &error));
  g_assert_no_error (error);
  fixture->facility_id = g_strdup (facility->id);

  set (&office->code, "BB");
  set (&office->name, "ADHOC Battambang");
  set (&office->city, "Battambang");
  g_assert_true (sb_campaign_add_office (fixture->campaign, office, &error));
  g_assert_no_error (error);

  fixture->detainees[0] = add_detainee (fixture->campaign, "Ny Sokha", "នី សុខា", "PS");
  fixture->detainees[1] = add_detainee (fixture->campaign, "Yi Soksan", "យី សុខសាន្ត", "PS");
  fixture->detainees[2] = add_detainee (fixture->campaign, "Lim Mony", "លឹម មុន្នី", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_object (&fixture->campaign);
  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->facility_id);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->detainees); i++)
    g_free (fixture->detainees[i]);
}

static SbMessage *
add_message (Fixture    *fixture,
             const char *text,
             const char *office)
{
  g_autoptr(GError) error = NULL;
  SbMessage *message = sb_message_new ();

  set (&message->original_text, text);
  set (&message->sender_name, "Dara");
  set (&message->sender_country, "KH");
  set (&message->received_on, "2016-09-01");
  if (office != NULL)
    set (&message->office_id, office);
  g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  return message;
}

/* ------------------------------------------------------------------------ */

static void
test_days_detained (void)
{
  g_assert_cmpint (sb_days_detained ("2016-04-28", NULL, "2016-04-28"), ==, 0);
  g_assert_cmpint (sb_days_detained ("2016-04-28", NULL, "2016-10-10"), ==, 165);
  g_assert_cmpint (sb_days_detained ("2016-04-28", NULL, "2017-04-28"), ==, 365);
  g_assert_cmpint (sb_days_detained ("2016-04-28", "2017-06-29", "2017-06-29"), ==, 427);
  /* Released: the count stops. */
  g_assert_cmpint (sb_days_detained ("2016-04-28", "2017-06-29", "2018-01-01"), ==, 427);
  /* Release in the future of the as-of day: still counting. */
  g_assert_cmpint (sb_days_detained ("2016-04-28", "2017-06-29", "2016-10-10"), ==, 165);
  g_assert_cmpint (sb_days_detained (NULL, NULL, "2016-10-10"), ==, -1);
  g_assert_cmpint (sb_days_detained ("2016-04-28", NULL, "2016-01-01"), ==, 0);
}

static void
test_dates (void)
{
  g_assert_true (sb_date_is_valid ("2016-02-29"));
  g_assert_false (sb_date_is_valid ("2015-02-29"));
  g_assert_false (sb_date_is_valid ("2016-13-45"));
  g_assert_false (sb_date_is_valid ("10/10/2016"));
  g_assert_false (sb_date_is_valid ("2016-10-10x"));
  g_assert_false (sb_date_is_valid (""));
  g_assert_false (sb_date_is_valid (NULL));
}

static void
test_refs_and_defaults (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(SbMessage) first = add_message (fixture, "សូមឱ្យមានសុខភាពល្អ", NULL);
  g_autoptr(SbMessage) second = add_message (fixture, "Stay strong, we are with you.", NULL);
  g_autoptr(SbMessage) from_office = add_message (fixture, "Courage à vous tous !", "BB");

  g_assert_cmpstr (first->ref, ==, "PP-0001");
  g_assert_cmpstr (second->ref, ==, "PP-0002");
  g_assert_cmpstr (from_office->ref, ==, "BB-0001");
  g_assert_cmpstr (first->language, ==, "km");
  g_assert_cmpstr (first->channel, ==, "postcard");
  g_assert_cmpstr (first->status, ==, "new");
  g_assert_cmpstr (first->consent, ==, "none");
}

static void
assert_invalid_detainee (Fixture    *fixture,
                         SbDetainee *detainee,
                         const char *expected_words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = sb_campaign_list_detainees (fixture->campaign, NULL);
  g_autoptr(GPtrArray) after = NULL;

  g_assert_false (sb_campaign_add_detainee (fixture->campaign, detainee, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, expected_words));
  after = sb_campaign_list_detainees (fixture->campaign, NULL);
  g_assert_cmpuint (before->len, ==, after->len);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();
  g_autofree char *huge = g_strnfill (1024 * 1024, 'a');

  assert_invalid_detainee (fixture, detainee, "English name");

  set (&detainee->name_en, "   ");
  assert_invalid_detainee (fixture, detainee, "English name");

  set (&detainee->name_en, huge);
  assert_invalid_detainee (fixture, detainee, "too long");

  set (&detainee->name_en, "Nay \xff\xfe Vanda");
  assert_invalid_detainee (fixture, detainee, "UTF-8");

  set (&detainee->name_en, "Nay\x01Vanda");
  assert_invalid_detainee (fixture, detainee, "control");

  set (&detainee->name_en, "Nay Vanda");
  set (&detainee->detained_on, "2016-13-45");
  assert_invalid_detainee (fixture, detainee, "2016-13-45");

  set (&detainee->detained_on, "2016-04-28");
  set (&detainee->released_on, "2016-04-01");
  assert_invalid_detainee (fixture, detainee, "before the arrest");

  set (&detainee->released_on, NULL);
  set (&detainee->facility_id, "NOPE");
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sb_campaign_add_detainee (fixture->campaign, detainee, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_bad_message (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autofree char *huge = g_strnfill (5 * 1024 * 1024, 'x');
  g_autoptr(GPtrArray) ids = NULL;

  set (&message->original_text, huge);
  g_assert_false (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);

  set (&message->original_text, "Hello");
  set (&message->received_on, "2030-01-01");
  g_assert_false (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_nonnull (strstr (error->message, "future"));
  g_clear_error (&error);

  set (&message->received_on, "2016-09-01");
  set (&message->sender_country, "Cambodia");
  g_assert_false (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);

  ids = sb_campaign_list_message_ids (fixture->campaign, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);

  /* A refused message gives its reference number back. */
  set (&message->sender_country, "KH");
  g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_cmpstr (message->ref, ==, "PP-0001");
}

static const char *
copy_state (Fixture    *fixture,
            const char *message_id,
            guint       index)
{
  static char state[32];
  g_autoptr(GPtrArray) copies = sb_campaign_list_copies (fixture->campaign, message_id, NULL);

  g_strlcpy (state, ((SbCopy *) copies->pdata[index])->state, sizeof state);
  return state;
}

static void
test_assign_and_review (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = add_message (fixture, "Stay strong, we are with you.", NULL);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(SbMessage) stored = NULL;
  const char *two[] = { "sokha", "យី សុខសាន្ត", NULL };
  const char *nobody[] = { NULL };

  /* Approval needs addressees, and a Khmer translation for foreign text. */
  g_assert_false (sb_campaign_approve (fixture->campaign, message->ref, FALSE, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_false (sb_campaign_assign (fixture->campaign, message->ref, nobody, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_true (sb_campaign_assign (fixture->campaign, message->ref, two, &error));
  g_assert_no_error (error);
  copies = sb_campaign_list_copies (fixture->campaign, message->id, &error);
  g_assert_cmpuint (copies->len, ==, 2);
  g_assert_cmpstr (copy_state (fixture, message->id, 0), ==, "pending");

  g_assert_true (sb_campaign_mark_transcribed (fixture->campaign, message->id, &error));
  g_assert_false (sb_campaign_approve (fixture->campaign, message->id, FALSE, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Khmer translation"));
  g_clear_error (&error);

  set (&message->translation_km, "សូមរឹងមាំ យើងនៅជាមួយអ្នក");
  g_assert_true (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_true (sb_campaign_approve (fixture->campaign, message->id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (copy_state (fixture, message->id, 0), ==, "waiting");
  g_assert_cmpstr (copy_state (fixture, message->id, 1), ==, "waiting");

  /* Everyone, then hold: copies stop waiting. */
  g_assert_true (sb_campaign_assign (fixture->campaign, message->id, NULL, &error));
  g_clear_pointer (&copies, g_ptr_array_unref);
  copies = sb_campaign_list_copies (fixture->campaign, message->id, &error);
  g_assert_cmpuint (copies->len, ==, 3);
  g_assert_cmpstr (copy_state (fixture, message->id, 2), ==, "waiting");

  g_assert_false (sb_campaign_hold (fixture->campaign, message->id, "", &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sb_campaign_hold (fixture->campaign, message->id, "mentions the case", &error));
  stored = sb_campaign_get_message (fixture->campaign, message->ref, &error);
  g_assert_cmpstr (stored->status, ==, "held");
  g_assert_cmpstr (stored->hold_reason, ==, "mentions the case");
  g_assert_cmpstr (copy_state (fixture, message->id, 0), ==, "pending");
}

static void
deliver_all (Fixture    *fixture,
             const char *message_id,
             const char *day)
{
  SbStore *store = _sb_campaign_get_store (fixture->campaign);
  g_autoptr(GPtrArray) copies = sb_campaign_list_copies (fixture->campaign, message_id, NULL);

  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = copies->pdata[i];

      set (&copy->state, "delivered");
      set (&copy->delivered_on, day);
      g_assert_true (sb_store_update_copy (store, copy, NULL));
    }
}

static void
test_counting_rules (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(SbStats) earlier = NULL;
  g_autoptr(SbMessage) a = add_message (fixture, "សូមឱ្យបានដោះលែងឆាប់ៗ", NULL);
  g_autoptr(SbMessage) b = add_message (fixture, "យើងនៅជាមួយអ្នក", NULL);
  g_autoptr(SbMessage) c = add_message (fixture, "កម្លាំងចិត្ត", NULL);
  g_autoptr(SbMessage) held = add_message (fixture, "អំពីរឿងក្តី", NULL);
  SbDetaineeStats *sokha;

  g_assert_true (sb_campaign_set_setting (fixture->campaign, SB_SETTING_LAUNCH_DATE, "2016-08-08", &error));
  for (SbMessage **m = (SbMessage *[]) { a, b, c, held, NULL }; *m; m++)
    {
      g_assert_true (sb_campaign_assign (fixture->campaign, (*m)->id, NULL, &error));
      g_assert_true (sb_campaign_approve (fixture->campaign, (*m)->id, FALSE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sb_campaign_hold (fixture->campaign, held->id, "mentions the case", &error));

  deliver_all (fixture, a->id, "2016-09-20");
  deliver_all (fixture, b->id, "2016-10-05");
  /* c: only one of its three copies delivered: the message is not delivered yet. */
  {
    g_autoptr(GPtrArray) copies = sb_campaign_list_copies (fixture->campaign, c->id, NULL);
    SbCopy *copy = copies->pdata[0];

    set (&copy->state, "delivered");
    set (&copy->delivered_on, "2016-09-20");
    g_assert_true (sb_store_update_copy (_sb_campaign_get_store (fixture->campaign), copy, NULL));
  }

  stats = sb_campaign_get_stats (fixture->campaign, "2016-10-10", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stats->as_of, ==, "2016-10-10");
  g_assert_cmpint (stats->campaign_day, ==, 63);
  g_assert_cmpint (stats->messages_received, ==, 4);
  g_assert_cmpint (stats->messages_sent, ==, 3);
  g_assert_cmpint (stats->messages_held, ==, 1);
  g_assert_cmpint (stats->messages_delivered, ==, 2);
  g_assert_cmpint (stats->messages_waiting, ==, 1);
  g_assert_cmpint (stats->copies_delivered, ==, 7);
  g_assert_cmpint (stats->copies_waiting, ==, 2);
  g_assert_cmpint (stats->copies_pending, ==, 3);
  g_assert_cmpuint (stats->detainees->len, ==, 3);
  sokha = stats->detainees->pdata[0];
  g_assert_cmpstr (sokha->name_km, ==, "នី សុខា");
  g_assert_cmpint (sokha->days_detained, ==, 165);
  g_assert_cmpint (sokha->messages, ==, 3);
  g_assert_cmpint (sokha->delivered, ==, 3);

  /* As of an earlier day, later deliveries have not happened yet, and a message
   * received later does not count at all. */
  {
    g_autoptr(SbMessage) late = add_message (fixture, "ជំរាបសួរ", NULL);

    set (&late->received_on, "2016-10-05");
    g_assert_true (sb_campaign_update_message (fixture->campaign, late, &error));
    g_assert_true (sb_campaign_assign (fixture->campaign, late->id, NULL, &error));
    g_assert_no_error (error);
  }
  earlier = sb_campaign_get_stats (fixture->campaign, "2016-09-30", &error);
  g_assert_cmpint (earlier->messages_received, ==, 4);
  g_assert_cmpint (earlier->messages_delivered, ==, 1);
  g_assert_cmpint (earlier->copies_delivered, ==, 4);
  g_assert_cmpint (earlier->copies_in_batch, ==, 3);
  g_assert_cmpint (earlier->copies_pending, ==, 3);
  g_assert_cmpint (((SbDetaineeStats *) earlier->detainees->pdata[0])->messages, ==, 3);
  g_assert_cmpint (((SbDetaineeStats *) earlier->detainees->pdata[0])->delivered, ==, 2);

  /* Once most messages came after the as-of day, the figures are counted the other
   * way round (only what counts): they must not change. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SbMessage) later = add_message (fixture, "សូមរឹងមាំ", NULL);

      set (&later->received_on, "2016-10-06");
      g_assert_true (sb_campaign_update_message (fixture->campaign, later, &error));
      g_assert_true (sb_campaign_assign (fixture->campaign, later->id, NULL, &error));
    }
  g_clear_pointer (&earlier, sb_stats_free);
  earlier = sb_campaign_get_stats (fixture->campaign, "2016-09-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (earlier->messages_received, ==, 4);
  g_assert_cmpint (earlier->messages_sent, ==, 3);
  g_assert_cmpint (earlier->messages_delivered, ==, 1);
  g_assert_cmpint (earlier->copies_delivered, ==, 4);
  g_assert_cmpint (earlier->copies_in_batch, ==, 3);
  g_assert_cmpint (earlier->copies_pending, ==, 3);
  g_assert_cmpint (((SbDetaineeStats *) earlier->detainees->pdata[0])->messages, ==, 3);
  g_assert_cmpint (((SbDetaineeStats *) earlier->detainees->pdata[0])->delivered, ==, 2);
  g_assert_cmpint (((SbDetaineeStats *) earlier->detainees->pdata[0])->days_detained, ==, 155);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) a = add_message (fixture, "ជូនចំពោះស្ត្រីអ្នកការពារសិទ្ធិមនុស្ស", NULL);
  g_autoptr(SbMessage) b = add_message (fixture, "Solidarity from Lyon, stay STRONG", NULL);
  g_autoptr(GPtrArray) hits = NULL;
  gint64 total = 0;

  /* Typed with ្ដ instead of ្ត and the coeng RO first: the same word. */
  hits = sb_campaign_search (fixture->campaign, "ស្ដ្រី", 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 1);
  g_assert_cmpstr (hits->pdata[0], ==, a->id);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = sb_campaign_search (fixture->campaign, "strong", 10, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_assert_cmpstr (hits->pdata[0], ==, b->id);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Shorter than a trigram: still found. */
  hits = sb_campaign_search (fixture->campaign, "ជូ", 10, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = sb_campaign_search (fixture->campaign, "pp-0002", 10, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_assert_cmpstr (hits->pdata[0], ==, b->id);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = sb_campaign_search (fixture->campaign, "\"quotes\" OR *", 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 0);
}

static void
test_seeded_ids (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-ids-XXXXXX", NULL);
  char *ids[2];

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u.sambot", dir, i);
      g_autoptr(SbCampaign) campaign = sb_campaign_create (path, "Seeded", "PP", NULL);

      sb_campaign_set_seed (campaign, 42);
      ids[i] = sb_campaign_new_id (campaign);
      sb_campaign_close (campaign);
      g_unlink (path);
    }
  g_assert_cmpstr (ids[0], ==, ids[1]);
  g_assert_true (g_uuid_string_is_valid (ids[0]));
  g_free (ids[0]);
  g_free (ids[1]);
  g_rmdir (dir);
}

/* The campaign names people in the interface's language: Khmer names in Khmer. */
static void
test_names_in_interface_language (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  SbDetainee sokha = { .name_en = (char *) "Ny Sokha", .name_km = (char *) "នី សុខា" };
  SbDetainee unknown = { .name_en = (char *) "Kem Sokha", .name_km = (char *) "" };
  SbFacility prey_sar = { .name_en = (char *) "Prey Sar Prison", .name_km = (char *) "ពន្ធនាគារព្រៃស" };

  g_setenv ("LANGUAGE", "km:en", TRUE);
  g_assert_cmpstr (sb_interface_language (), ==, "km");
  g_assert_cmpstr (sb_detainee_get_name (&sokha), ==, "នី សុខា");
  g_assert_cmpstr (sb_detainee_get_name (&unknown), ==, "Kem Sokha");
  g_assert_cmpstr (sb_facility_get_name (&prey_sar), ==, "ពន្ធនាគារព្រៃស");

  g_setenv ("LANGUAGE", "fr:en", TRUE);
  g_assert_cmpstr (sb_interface_language (), ==, "en");
  g_assert_cmpstr (sb_detainee_get_name (&sokha), ==, "Ny Sokha");
  g_assert_cmpstr (sb_facility_get_name (&prey_sar), ==, "Prey Sar Prison");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* Detainees who tie in the listing's order (same position and name) still get their own
 * figures: the counts are matched to detainees by id, never by position. */
static void
test_stats_tied_detainees (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = add_message (fixture, "Courage, we are with you.", NULL);
  g_autoptr(SbStats) stats = NULL;
  g_autofree char *chosen = NULL;
  const char *to[2] = { NULL, NULL };
  guint with_message = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = add_detainee (fixture->campaign, "Twin", "", "PS");

      if (i == 3)
        chosen = g_steal_pointer (&id);
    }
  to[0] = chosen;
  g_assert_true (sb_campaign_assign (fixture->campaign, message->ref, to, &error));
  g_assert_no_error (error);

  stats = sb_campaign_get_stats (fixture->campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->detainees->len, ==, 9);
  for (guint i = 0; i < stats->detainees->len; i++)
    {
      SbDetaineeStats *row = g_ptr_array_index (stats->detainees, i);

      if (row->messages > 0)
        {
          g_assert_cmpstr (row->detainee_id, ==, chosen);
          with_message++;
        }
    }
  g_assert_cmpuint (with_message, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/days/detained", test_days_detained);
  g_test_add_func ("/core/days/dates", test_dates);
  g_test_add_func ("/core/ids/seeded", test_seeded_ids);
  g_test_add_func ("/core/names/interface-language", test_names_in_interface_language);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/message/refs-and-defaults", test_refs_and_defaults);
  ADD ("/core/detainee/bad-input", test_bad_input);
  ADD ("/core/message/bad-input", test_bad_message);
  ADD ("/core/message/assign-and-review", test_assign_and_review);
  ADD ("/core/stats/counting-rules", test_counting_rules);
  ADD ("/core/stats/tied-detainees", test_stats_tied_detainees);
  ADD ("/core/search/khmer-aware", test_search);
#undef ADD

  return g_test_run ();
}
