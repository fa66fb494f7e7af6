/* sb-test-replicas.h — offices exchanging, in tests: replicas of one campaign, and
 * the figures each shows, as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by tests/test-exchange.c, test-exchange-runs.c and test-conflicts.c.
 */

#pragma once

#include "sb-batches.h"
#include "sb-campaign-private.h"
#include "sb-store-changes.h"
#include "sb-test-campaign.h"

/* The campaign's figures, as a person sees them, as lines of @text. */
static inline void
sb_test_append_figures (GString    *text,
                        SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStats) stats = sb_campaign_get_stats (campaign, NULL, &error);

  g_assert_no_error (error);
  g_string_append_printf (text, "received %" G_GINT64_FORMAT " sent %" G_GINT64_FORMAT
                          " held %" G_GINT64_FORMAT " delivered %" G_GINT64_FORMAT
                          " new %" G_GINT64_FORMAT " approved %" G_GINT64_FORMAT
                          " pending %" G_GINT64_FORMAT " waiting %" G_GINT64_FORMAT "\n",
                          stats->messages_received, stats->messages_sent, stats->messages_held,
                          stats->messages_delivered, stats->messages_new,
                          stats->messages_approved, stats->copies_pending, stats->copies_waiting);
  for (guint i = 0; i < stats->detainees->len; i++)
    {
      SbDetaineeStats *detainee = stats->detainees->pdata[i];

      g_string_append_printf (text, "%s: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\n",
                              detainee->name_en, detainee->messages, detainee->delivered);
    }
}

/* Appends what is recorded of the record @id: each test its own way. */
typedef void (*SbTestAppendHistory) (GString    *text,
                                     SbCampaign *campaign,
                                     const char *id);

/* A message, each of its copies (in the detainees' order, the same on every
 * replica) with their history, then its own history, as lines of @text. */
static inline void
sb_test_append_message (GString             *text,
                        SbCampaign          *campaign,
                        const char          *id,
                        SbTestAppendHistory  append_history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) m = sb_campaign_get_message (campaign, id, &error);
  g_autoptr(GPtrArray) copies = NULL;

  g_assert_no_error (error);
  g_string_append_printf (text, "%s %s %s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n",
                          m->id, m->ref, m->received_on, m->sender_name, m->sender_city,
                          m->original_text, m->translation_en, m->notes, m->status,
                          m->hold_reason, m->created_at, m->updated_at, m->channel);
  copies = sb_campaign_list_copies (campaign, m->id, &error);
  g_assert_no_error (error);
  for (guint j = 0; j < copies->len; j++)
    {
      SbCopy *copy = copies->pdata[j];
      g_autofree char *name = sb_copy_dup_name (copy);

      g_string_append_printf (text, "  copy %s %s %s %d %s\n", name, copy->detainee_id,
                              copy->state, copy->attempts,
                              copy->delivered_on ? copy->delivered_on : "∅");
      append_history (text, campaign, name);
    }
  append_history (text, campaign, m->id);
}

/* A batch and its items (by position, then copy: the same on every replica), and
 * its history if @append_history is given, as lines of @text. */
static inline void
sb_test_append_batch (GString             *text,
                      SbCampaign          *campaign,
                      const SbBatch       *batch,
                      SbTestAppendHistory  append_history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, &error);

  g_assert_no_error (error);
  g_string_append_printf (text, "batch %s %s %s %s\n", batch->id,
                          batch->code ? batch->code : "∅", batch->facility_id, batch->state);
  for (guint j = 0; j < items->len; j++)
    {
      SbBatchItem *item = items->pdata[j];

      g_string_append_printf (text, "  item %s %s %d %s\n", item->message_id, item->detainee_id,
                              item->position, item->outcome);
    }
  if (append_history != NULL)
    append_history (text, campaign, batch->id);
}

/* One of the campaign's messages (not deleted), picked with @rand; NULL if none. */
static inline char *
sb_test_random_message (GRand      *rand,
                        SbCampaign *campaign)
{
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, NULL);

  if (ids == NULL || ids->len == 0)
    return NULL;
  return g_strdup (ids->pdata[g_rand_int_range (rand, 0, ids->len)]);
}

/* Replica @i's identity for @seed: random-looking but the same every run, so that a
 * seed replays exactly (ties between clocks go by replica id). Returned in a static
 * buffer. */
static inline const char *
sb_test_replica_id (guint seed,
                    guint i)
{
  static char id[37];
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 977 + i);

  g_snprintf (id, sizeof id, "%08x-%04x-4%03x-%04x-%08x%04x", g_rand_int (rand),
              g_rand_int (rand) & 0xffff, g_rand_int (rand) & 0xfff,
              0x8000 | (g_rand_int (rand) & 0x3fff), g_rand_int (rand),
              g_rand_int (rand) & 0xffff);
  return id;
}

/**
 * sb_test_replicas_new:
 * @n: how many replicas: @r[0] is a new campaign, the others copies of it, each
 *   joined as a replica of its own (its id in @ids)
 * @n_places: how many prisons, each with one detainee (@facilities, @detainees)
 * @clock: (nullable): every replica's fixed clock, or %NULL for the wall clock
 *
 * Each office gets the code OA, OB… and the letter A, B… (its references, OA-A-0001,
 * and batch codes, F0-2016-10-09-A-01, never meet another's) and an operator,
 * "Volunteer 0"…; seeds come from @seed.
 */
static inline void
sb_test_replicas_new (const char  *dir_template,
                      guint        n,
                      guint        n_places,
                      guint        seed,
                      const char  *clock,
                      char       **dir,
                      SbCampaign **r,
                      char       **ids,
                      char       **facilities,
                      char       **detainees)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  r[0] = sb_test_campaign_new (dir_template, dir, &path);
  sb_campaign_set_seed (r[0], seed);
  /* Joining stamps each replica's first clock: on the fixed clock too. */
  sb_campaign_set_clock (r[0], clock);
  for (guint i = 0; i < n_places; i++)
    {
      g_autoptr(SbFacility) facility = sb_facility_new ();
      g_autoptr(SbDetainee) detainee = sb_detainee_new ();
      g_autofree char *code = g_strdup_printf ("F%u", i);
      g_autofree char *name = g_strdup_printf ("Prison %u", i);

      sb_test_set (&facility->code, code);
      sb_test_set (&facility->name_en, name);
      g_assert_true (sb_campaign_add_facility (r[0], facility, &error));
      g_assert_no_error (error);
      facilities[i] = g_strdup (facility->id);
      sb_test_set (&detainee->name_en, sb_test_detainees[i][0]);
      sb_test_set (&detainee->name_km, sb_test_detainees[i][1]);
      sb_test_set (&detainee->facility_id, facility->id);
      g_assert_true (sb_campaign_add_detainee (r[0], detainee, &error));
      g_assert_no_error (error);
      detainees[i] = g_strdup (detainee->id);
    }
  g_assert_true (sb_store_join_exchange_as (_sb_campaign_get_store (r[0]),
                                            sb_test_replica_id (seed, 0), &error));
  g_assert_no_error (error);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *copy = g_strdup_printf ("%s/office-%u.sambot", *dir, i);

      g_assert_true (sb_campaign_backup (r[0], copy, FALSE, &error));
      g_assert_no_error (error);
      r[i] = sb_campaign_open (copy, FALSE, &error);
      g_assert_no_error (error);
      sb_campaign_set_clock (r[i], clock);
      g_assert_true (sb_store_join_exchange_as (_sb_campaign_get_store (r[i]),
                                                sb_test_replica_id (seed, i), &error));
      g_assert_no_error (error);
      sb_campaign_set_seed (r[i], seed * 10 + i);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("O%c", 'A' + i);
      g_autofree char *operator_name = g_strdup_printf ("Volunteer %u", i);

      g_autofree char *letter = g_strdup_printf ("%c", 'A' + i);

      g_assert_true (sb_campaign_set_setting (r[i], "office-code", code, &error));
      g_assert_no_error (error);
      /* A letter each, as invitations give them: references and batch codes per
       * replica never meet (docs/exchange.md). */
      g_assert_true (sb_store_set_exchange_value (_sb_campaign_get_store (r[i]), "letter",
                                                  letter, &error));
      g_assert_no_error (error);
      sb_campaign_set_operator (r[i], operator_name);
      sb_campaign_set_clock (r[i], clock);
      ids[i] = sb_store_get_replica_id (_sb_campaign_get_store (r[i]));
    }
}
