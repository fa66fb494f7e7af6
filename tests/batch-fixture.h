/* batch-fixture.h — a small campaign with approved messages, for the batch tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "sb-batches.h"
#include "sb-campaign.h"
#include "sb-text.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  char       *detainees[3];   /* Ny Sokha, Yi Soksan (Prey Sar), Lim Mony (released) */
  GPtrArray  *refs;           /* the messages added, in order */
} Fixture;

static const char *const fixture_texts[] = {
  "សូមឲ្យលោកមានសុខភាពល្អ និងកម្លាំងចិត្តរឹងមាំ។ យើងនៅជាមួយលោកជានិច្ច។",
  "We stand with you. You are not forgotten, and we will keep speaking your names.",
  "Nous pensons à vous chaque jour. Courage et solidarité depuis Lyon.",
  "Stay strong! Human rights defenders everywhere are proud of your work.",
};

static const char *const fixture_senders[] = {
  "Sok Dara", "Jane Whitfield", "Élodie Marchand", "", "Kenji Watanabe",
};

static const char *const fixture_countries[] = { "KH", "GB", "FR", "US", "JP", "DE" };

static void
fixture_set (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
fixture_add_detainee (SbCampaign *campaign,
                      const char *name_en,
                      const char *name_km,
                      const char *released_on,
                      int         position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();

  fixture_set (&detainee->name_en, name_en);
  fixture_set (&detainee->name_km, name_km);
  fixture_set (&detainee->facility_id, "PS");
  fixture_set (&detainee->detained_on, "2016-04-28");
  fixture_set (&detainee->released_on, released_on);
  detainee->position = position;
  g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
  return g_strdup (detainee->id);
}

/* Adds @n approved messages, one copy each, alternating between @detainees. */
static void
fixture_add_messages (Fixture    *fixture,
                      guint       n,
                      const char *detainee)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_campaign_begin (fixture->campaign, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();
      const char *ids[] = { detainee ? detainee : fixture->detainees[i % 2], NULL };
      const char *original = fixture_texts[i % G_N_ELEMENTS (fixture_texts)];
      g_autofree char *day = g_strdup_printf ("2016-%02u-%02u", 8 + (i / 28) % 2, 1 + i % 28);

      fixture_set (&message->original_text, original);
      if (!sb_text_has_khmer (original))
        fixture_set (&message->translation_km, "យើងនៅជាមួយលោក។ លោកមិនត្រូវបានគេបំភ្លេចទេ។");
      fixture_set (&message->sender_name, fixture_senders[i % G_N_ELEMENTS (fixture_senders)]);
      fixture_set (&message->sender_country,
                   fixture_countries[i % G_N_ELEMENTS (fixture_countries)]);
      fixture_set (&message->sender_contact, "private@example.org");
      fixture_set (&message->consent, i % 3 == 0 ? "detainee" : "none");
      fixture_set (&message->channel, i % 2 == 0 ? "online" : "postcard");
      fixture_set (&message->received_on, day);
      g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
      g_assert_no_error (error);
      g_assert_true (sb_campaign_assign (fixture->campaign, message->id, ids, &error));
      g_assert_no_error (error);
      g_assert_true (sb_campaign_approve (fixture->campaign, message->id, FALSE, &error));
      g_assert_no_error (error);
      g_ptr_array_add (fixture->refs, g_strdup (message->ref));
    }
  g_assert_true (sb_campaign_commit (fixture->campaign, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFacility) facility = sb_facility_new ();

  fixture->dir = g_dir_make_tmp ("sambot-batch-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
  fixture->refs = g_ptr_array_new_with_free_func (g_free);
  fixture->campaign = sb_campaign_create (fixture->path, "#Freethe5KH solidarity", "PP", &error);
  g_assert_no_error (error);
  sb_campaign_set_seed (fixture->campaign, 5);
  sb_campaign_set_clock (fixture->campaign, "2016-10-08T09:00:00Z");
  g_assert_true (sb_campaign_set_setting (fixture->campaign, SB_SETTING_HASHTAG, "#Freethe5KH",
                                          &error));

  fixture_set (&facility->code, "PS");
  fixture_set (&facility->name_en, "Prey Sar Prison (CC1)");
  fixture_set (&facility->name_km, "ពន្ធនាគារព្រៃស");
  facility->items_per_batch = 10000;
  g_assert_true (sb_campaign_add_facility (fixture->campaign, facility, &error));
  g_assert_no_error (error);

  fixture->detainees[0] = fixture_add_detainee (fixture->campaign, "Ny Sokha", "នី សុខា", NULL, 1);
  fixture->detainees[1] = fixture_add_detainee (fixture->campaign, "Yi Soksan", "យី សុខសាន្ត",
                                                NULL, 2);
  fixture->detainees[2] = fixture_add_detainee (fixture->campaign, "Lim Mony", "លឹម មុន្នី",
                                                "2016-09-30", 3);
  g_assert_true (sb_campaign_add_reason (fixture->campaign, "reject", "Mentions the case", &error));
  g_assert_no_error (error);
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
  for (guint i = 0; i < G_N_ELEMENTS (fixture->detainees); i++)
    g_free (fixture->detainees[i]);
  g_ptr_array_unref (fixture->refs);
}

/* A sealed batch of @n items for Prey Sar; returns its id. */
static char *
fixture_sealed_batch (Fixture *fixture,
                      guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) batch = NULL;

  fixture_add_messages (fixture, n, NULL);
  batch = sb_campaign_create_batch (fixture->campaign, "PS", &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (fixture->campaign, batch->id, &error));
  g_assert_no_error (error);
  return g_strdup (batch->id);
}
