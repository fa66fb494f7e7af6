/* test-exchange-runs.c — changes applied in one pass end exactly as applied one
 * by one (docs/exchange.md, "Applying many changes in one pass")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless. Three replicas of one campaign work and exchange at random (as
 * tests/test-conflicts.c); then the middle one is copied twice and the other two
 * offices type on: new postcards one commit each, addressed (long runs of new
 * records), mixed with edits, approvals, holds, copies both offices made,
 * erasures, deletions and batches. Both copies receive the same changes in the
 * same parts: one copy one change at a time (sb_store_apply_change ()), the other
 * through sb_store_apply_changes (), which combines runs
 * (src/store/sb-store-changes-apply-run.c). Everything a person can see must be
 * the same: the message list in its order, each message, its copies and history,
 * the figures, search results, the conflicts listed, what `check` finds; and after
 * more conflicting edits reach both, again (the clocks and status writes recorded
 * while applying decide those). SAMBOT_RUNS_SEEDS=N runs more seeds than 6.
 */

#include "config.h"

#include <string.h>

#include "sb-batches.h"
#include "sb-privacy.h"
#include "sb-campaign-private.h"
#include "sb-store-changes.h"
#include "sb-store-conflicts.h"
#include "sb-transcription.h"
#include "sb-test-campaign.h"
#include "sb-test-replicas.h"

#define N_REPLICAS 3
#define FIXED_NOW "2016-10-10T08:00:00Z"

typedef struct
{
  char       *dir;
  SbCampaign *r[N_REPLICAS];
  char       *ids[N_REPLICAS];
  char       *detainees[N_REPLICAS];
  char       *facilities[N_REPLICAS];
  GRand      *rand;
} Net;

static const char *const words[] = {
  "Kim Dara", "Sok Chea", "Jane", "Battambang", "Lyon", "Stay strong", "ស៊ូទ្រាំ", "",
};
static const char *const fields[] = {
  "sender_name", "sender_city", "notes", "translation_en", "original_text",
};
static const char *const terms[] = {
  "dara", "strong", "ស៊ូ", "lyon", "ja", "PP",
};

static SbStore *
store_of (SbCampaign *campaign)
{
  return _sb_campaign_get_store (campaign);
}

static Net *
net_new (guint seed)
{
  Net *net = g_new0 (Net, 1);

  net->rand = g_rand_new_with_seed (seed);
  sb_test_replicas_new ("sambot-runs-XXXXXX", N_REPLICAS, N_REPLICAS, seed, FIXED_NOW, &net->dir,
                        net->r, net->ids, net->facilities, net->detainees);
  return net;
}

static void
net_free (Net *net)
{
  for (guint i = 1; i < N_REPLICAS; i++)
    {
      sb_campaign_close (net->r[i]);
      g_object_unref (net->r[i]);
    }
  sb_test_campaign_free (net->r[0], net->dir);
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_free (net->ids[i]);
      g_free (net->detainees[i]);
      g_free (net->facilities[i]);
    }
  g_rand_free (net->rand);
  g_free (net->dir);
  g_free (net);
}

static char *
random_message (Net        *net,
                SbCampaign *campaign)
{
  return sb_test_random_message (net->rand, campaign);
}

/* A postcard typed (its own commit), then, mostly, addressed (another). */
static void
type_postcard (Net   *net,
               guint  i)
{
  SbCampaign *c = net->r[i];
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();

  sb_test_set (&message->original_text, words[g_rand_int_range (net->rand, 0, 7)]);
  sb_test_set (&message->sender_name, words[g_rand_int_range (net->rand, 0, 8)]);
  sb_test_set (&message->sender_city, words[g_rand_int_range (net->rand, 0, 8)]);
  sb_test_set (&message->received_on, g_rand_boolean (net->rand) ? "2016-10-09" : "2016-09-30");
  sb_test_set (&message->language, "km");
  g_assert_true (sb_campaign_add_message (c, message, &error));
  g_assert_no_error (error);
  if (g_rand_int_range (net->rand, 0, 4) > 0)
    {
      const char *to[] = { net->detainees[g_rand_int_range (net->rand, 0, N_REPLICAS)], NULL };

      g_assert_true (sb_campaign_assign (c, message->id, to, &error));
      g_assert_no_error (error);
    }
}

/* Something else a volunteer does on replica @i; a refusal is part of the game. */
static void
other_operation (Net   *net,
                 guint  i)
{
  SbCampaign *c = net->r[i];
  g_autoptr(GError) error = NULL;
  g_autofree char *id = random_message (net, c);
  int kind = g_rand_int_range (net->rand, 0, 100);

  if (id == NULL)
    return;
  if (kind < 30)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (c, id, &error);
      const char *field = fields[g_rand_int_range (net->rand, 0, G_N_ELEMENTS (fields))];
      char **value = strcmp (field, "sender_name") == 0 ? &message->sender_name
                     : strcmp (field, "sender_city") == 0 ? &message->sender_city
                     : strcmp (field, "notes") == 0 ? &message->notes
                     : strcmp (field, "translation_en") == 0 ? &message->translation_en
                     : &message->original_text;

      g_assert_no_error (error);
      sb_test_set (value, words[g_rand_int_range (net->rand, 0, G_N_ELEMENTS (words))]);
      sb_campaign_update_message (c, message, NULL);
    }
  else if (kind < 45)
    {
      /* A copy to this office's detainee: another office may make the same one. */
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (c, id, &error);
      g_autoptr(GPtrArray) wanted = g_ptr_array_new ();

      g_assert_no_error (error);
      for (guint j = 0; j < copies->len; j++)
        {
          SbCopy *copy = copies->pdata[j];

          if (strcmp (copy->detainee_id, net->detainees[i]) == 0)
            return;
          g_ptr_array_add (wanted, copy->detainee_id);
        }
      g_ptr_array_add (wanted, net->detainees[i]);
      g_ptr_array_add (wanted, NULL);
      sb_campaign_assign (c, id, (const char *const *) wanted->pdata, NULL);
    }
  else if (kind < 52)
    sb_campaign_mark_transcribed (c, id, NULL);
  else if (kind < 66)
    sb_campaign_approve (c, id, TRUE, NULL);
  else if (kind < 76)
    sb_campaign_hold (c, id, words[g_rand_int_range (net->rand, 0, 6)], NULL);
  else if (kind < 80)
    {
      guint n_scans = 0;

      g_assert_true (sb_campaign_forget_sender (c, id, &n_scans, &error));
      g_assert_no_error (error);
    }
  else if (kind < 84)
    sb_campaign_delete_message (c, id, NULL);
  else
    {
      g_autoptr(GPtrArray) eligible = sb_campaign_list_eligible_copies (c, net->facilities[i], NULL);
      g_autoptr(SbBatch) batch = NULL;

      if (eligible == NULL || eligible->len == 0)
        return;
      batch = sb_campaign_create_batch (c, net->facilities[i], NULL);
      if (batch == NULL)
        return;
      sb_campaign_batch_add (c, batch->id, eligible, NULL);
      if (g_rand_boolean (net->rand))
        sb_campaign_seal_batch (c, batch->id, NULL);
    }
}

/* Applies up to @limit of @from's changes to @to one at a time, stopping at one
 * that waits; returns how many were new. */
static guint
deliver (SbCampaign *from,
         const char *from_id,
         SbCampaign *to,
         guint       limit)
{
  gint64 held = sb_store_get_received_seq (store_of (to), from_id);
  g_autoptr(GPtrArray) changes = sb_store_list_changes (store_of (from), held, NULL);
  guint applied_count = 0;

  for (guint k = 0; k < changes->len && k < limit; k++)
    {
      g_autoptr(GError) error = NULL;
      gboolean applied = FALSE;

      if (!sb_store_apply_change (store_of (to), changes->pdata[k], &applied, &error))
        {
          g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
          break;
        }
      applied_count += applied;
    }
  return applied_count;
}

static void
append_history (GString    *text,
                SbCampaign *campaign,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = sb_campaign_list_history (campaign, id, &error);

  g_assert_no_error (error);
  /* In the order this replica lists it, conflicts noted here included. */
  for (guint k = 0; k < history->len; k++)
    {
      SbHistoryEntry *entry = history->pdata[k];

      g_string_append_printf (text, "    %s %s %s %s %s → %s\n", entry->at, entry->operator_name,
                              entry->entity, entry->field, entry->before ? entry->before : "∅",
                              entry->after ? entry->after : "∅");
    }
}

/* What a person can see of @campaign, in the order they see it. */
static char *
describe (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  sb_test_append_figures (text, campaign);
  live = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < live->len; i++)
    sb_test_append_message (text, campaign, live->pdata[i], append_history);
  deleted = sb_store_list_message_ids (store_of (campaign), "deleted", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < deleted->len; i++)
    sb_test_append_message (text, campaign, deleted->pdata[i], append_history);
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      gint64 total = 0;
      g_autoptr(GPtrArray) hits = sb_campaign_search (campaign, terms[i], 50, &total, &error);

      g_assert_no_error (error);
      g_string_append_printf (text, "search %s: %" G_GINT64_FORMAT, terms[i], total);
      for (guint k = 0; k < hits->len; k++)
        g_string_append_printf (text, " %s", (const char *) hits->pdata[k]);
      g_string_append_c (text, '\n');
    }
  batches = sb_campaign_list_batches (campaign, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < batches->len; i++)
    sb_test_append_batch (text, campaign, batches->pdata[i], NULL);
  conflicts = sb_store_list_conflicts (store_of (campaign), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      SbConflict *conflict = conflicts->pdata[i];

      g_string_append_printf (text, "conflict %s %s %s %s %s %s %s\n", conflict->table,
                              conflict->about, conflict->field,
                              conflict->kept ? conflict->kept : "∅",
                              conflict->other ? conflict->other : "∅",
                              conflict->kept_replica, conflict->other_replica);
    }
  /* The figures agree with the rows, the search index with the messages. */
  g_assert_true (sb_campaign_check (campaign, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "check: %s\n", (const char *) problems->pdata[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_same (guint       seed,
             const char *when,
             SbCampaign *one_by_one,
             SbCampaign *combined)
{
  g_autofree char *a_seen = describe (one_by_one);
  g_autofree char *b_seen = describe (combined);
  g_autofree char *a_state = sb_store_describe_exchange_state (store_of (one_by_one));
  g_autofree char *b_state = sb_store_describe_exchange_state (store_of (combined));
  /* What a person sees, then what decides the changes to come. */
  g_autofree char *a = g_strconcat (a_seen, a_state, NULL);
  g_autofree char *b = g_strconcat (b_seen, b_state, NULL);

  if (strcmp (a, b) != 0)
    {
      g_auto(GStrv) la = g_strsplit (a, "\n", -1);
      g_auto(GStrv) lb = g_strsplit (b, "\n", -1);

      for (guint k = 0; la[k] != NULL && lb[k] != NULL; k++)
        if (strcmp (la[k], lb[k]) != 0)
          {
            g_test_message ("seed %u, %s, line %u:\n  one by one: %s\n  combined:   %s",
                            seed, when, k, la[k], lb[k]);
            break;
          }
    }
  g_assert_true (strcmp (a, b) == 0);
}

/* @twin, a copy of a replica: opened with the same operator and clock. */
static SbCampaign *
open_twin (Net        *net,
           const char *name)
{
  g_autofree char *path = g_build_filename (net->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SbCampaign *twin;

  g_assert_true (sb_campaign_backup (net->r[1], path, FALSE, &error));
  g_assert_no_error (error);
  twin = sb_campaign_open (path, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_set_operator (twin, "Volunteer 1");
  sb_campaign_set_clock (twin, FIXED_NOW);
  return twin;
}

/* The same part of @changes to both twins: one at a time to @one_by_one (in one
 * transaction, as sb_store_apply_changes () was), at once to @combined. Both
 * must apply it, or both refuse it the same way. */
/* An error's message, the twin's file named alike. */
static char *
message_of (const GError *error)
{
  g_auto(GStrv) parts = g_strsplit (error->message, "one-by-one.sambot", -1);

  return g_strjoinv ("combined.sambot", parts);
}

static gboolean
apply_part (GPtrArray  *part,
            SbCampaign *one_by_one,
            SbCampaign *combined)
{
  g_autoptr(GError) error_a = NULL;
  g_autoptr(GError) error_b = NULL;
  SbStore *store = store_of (one_by_one);
  gboolean ok_a = sb_store_begin (store, &error_a);
  gboolean ok_b;
  guint n_a = 0, n_b = 0;

  for (guint k = 0; ok_a && k < part->len; k++)
    {
      gboolean applied = FALSE;

      ok_a = sb_store_apply_change (store, part->pdata[k], &applied, &error_a);
      n_a += applied;
    }
  if (ok_a)
    ok_a = sb_store_commit (store, &error_a);
  else
    sb_store_rollback (store);
  ok_b = sb_store_apply_changes (store_of (combined), part, &n_b, &error_b);
  g_assert_cmpint (ok_a, ==, ok_b);
  if (!ok_a)
    {
      g_assert_error (error_a, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
      g_assert_error (error_b, SB_STORE_ERROR, error_a->code);
      {
        g_autofree char *message_a = message_of (error_a);

        g_assert_cmpstr (message_a, ==, error_b->message);
      }
      return FALSE;
    }
  g_assert_cmpuint (n_a, ==, n_b);
  return n_a > 0;
}

/* Everything the first and third offices made that the twins lack, in parts of
 * random sizes (the exchange folder's are 500), until nothing more applies. */
static void
deliver_to_twins (Net        *net,
                  SbCampaign *one_by_one,
                  SbCampaign *combined)
{
  gboolean progress;

  do
    {
      progress = FALSE;
      for (guint from = 0; from < N_REPLICAS; from += 2)
        {
          gint64 held = sb_store_get_received_seq (store_of (one_by_one), net->ids[from]);
          g_autoptr(GPtrArray) changes = sb_store_list_changes (store_of (net->r[from]), held, NULL);
          guint k = 0;
          gboolean single = FALSE;

          g_assert_cmpint (held, ==, sb_store_get_received_seq (store_of (combined), net->ids[from]));
          while (k < changes->len)
            {
              /* After a part that waits, its changes before the one that waits. */
              guint size = single ? 1 : g_rand_int_range (net->rand, 1, 5) == 1
                           ? (guint) g_rand_int_range (net->rand, 1, 4)
                           : (guint) g_rand_int_range (net->rand, 5, 80);
              g_autoptr(GPtrArray) part = g_ptr_array_new ();

              for (guint j = k; j < MIN (k + size, changes->len); j++)
                g_ptr_array_add (part, changes->pdata[j]);
              if (!apply_part (part, one_by_one, combined))
                {
                  if (single || part->len == 1)
                    break;
                  single = TRUE;
                  continue;
                }
              single = FALSE;
              progress = TRUE;
              k += part->len;
            }
        }
    }
  while (progress);
}

static void
run_seed (guint seed)
{
  Net *net = net_new (seed);
  g_autoptr(SbCampaign) one_by_one = NULL;
  g_autoptr(SbCampaign) combined = NULL;
  guint steps = g_rand_int_range (net->rand, 20, 40);

  /* Each office works; some of their changes reach the others. */
  for (guint step = 0; step < steps; step++)
    {
      guint i = g_rand_int_range (net->rand, 0, N_REPLICAS);

      if (g_rand_int_range (net->rand, 0, 3) == 0)
        type_postcard (net, i);
      else
        other_operation (net, i);
      if (g_rand_int_range (net->rand, 0, 3) == 0)
        {
          guint to = g_rand_int_range (net->rand, 0, N_REPLICAS);
          guint from = (to + g_rand_int_range (net->rand, 1, N_REPLICAS)) % N_REPLICAS;

          deliver (net->r[from], net->ids[from], net->r[to], g_rand_int_range (net->rand, 1, 12));
        }
    }
  one_by_one = open_twin (net, "one-by-one.sambot");
  combined = open_twin (net, "combined.sambot");

  /* A transcription evening at the other two offices, with some other work. */
  for (guint step = 0; step < 60; step++)
    {
      guint i = g_rand_boolean (net->rand) ? 0 : 2;

      if (g_rand_int_range (net->rand, 0, 5) > 0)
        type_postcard (net, i);
      else
        other_operation (net, i);
      if (g_rand_int_range (net->rand, 0, 8) == 0)
        deliver (net->r[i], net->ids[i], net->r[2 - i], g_rand_int_range (net->rand, 1, 20));
    }
  deliver_to_twins (net, one_by_one, combined);
  g_assert_cmpint (sb_store_get_received_seq (store_of (one_by_one), net->ids[0]), ==,
                   sb_store_get_last_change (store_of (net->r[0])));
  assert_same (seed, "after the runs", one_by_one, combined);

  /* More edits of the same messages: decided by the clocks recorded above. */
  for (guint step = 0; step < 30; step++)
    other_operation (net, g_rand_boolean (net->rand) ? 0 : 2);
  deliver_to_twins (net, one_by_one, combined);
  assert_same (seed, "after more edits", one_by_one, combined);

  sb_campaign_close (one_by_one);
  sb_campaign_close (combined);
  net_free (net);
}

static void
test_same_outcome (void)
{
  const char *env = g_getenv ("SAMBOT_RUNS_SEEDS");
  guint seeds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : g_test_slow () ? 100 : 6;

  for (guint seed = 1; seed <= seeds; seed++)
    run_seed (seed);
}

/* Two offices with one office code and one letter (as replicas could be before
 * letters) number their postcards alike: the first office's run of new postcards
 * meets a reference the second holds. SQLite reports it in the run; one by one
 * the change is refused: the same either way. */
static void
test_refused_alike (void)
{
  Net *net = net_new (7);
  g_autoptr(SbCampaign) one_by_one = NULL;
  g_autoptr(SbCampaign) combined = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_true (sb_campaign_set_setting (net->r[1], "office-code", "OA", &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_set_exchange_value (store_of (net->r[1]), "letter", "A", &error));
  g_assert_no_error (error);
  type_postcard (net, 1);
  one_by_one = open_twin (net, "one-by-one.sambot");
  combined = open_twin (net, "combined.sambot");
  for (guint i = 0; i < 4; i++)
    type_postcard (net, 0);
  changes = sb_store_list_changes (store_of (net->r[0]),
                                   sb_store_get_received_seq (store_of (one_by_one), net->ids[0]),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, >=, 4);
  {
    g_autoptr(GError) error_a = NULL;
    g_autoptr(GError) error_b = NULL;
    SbStore *store = store_of (one_by_one);
    gboolean ok_a = sb_store_begin (store, &error_a);

    g_assert_no_error (error_a);
    for (guint k = 0; ok_a && k < changes->len; k++)
      ok_a = sb_store_apply_change (store, changes->pdata[k], NULL, &error_a);
    if (ok_a)
      ok_a = sb_store_commit (store, &error_a);
    else
      sb_store_rollback (store);
    g_assert_false (ok_a);
    g_assert_false (sb_store_apply_changes (store_of (combined), changes, NULL, &error_b));
    g_assert_error (error_b, SB_STORE_ERROR, error_a->code);
    {
      g_autofree char *message_a = message_of (error_a);

      g_assert_cmpstr (message_a, ==, error_b->message);
    }
  }
  assert_same (7, "refused", one_by_one, combined);
  sb_campaign_close (one_by_one);
  sb_campaign_close (combined);
  net_free (net);
}

int
main (int    argc,
      char **argv)
{
  /* Every update skipped after applying a change is run anyway and must
   * change nothing (src/store/sb-store-changes-merge-finish.c). */
  g_setenv ("SAMBOT_CHECK_SKIPPED_UPDATES", "1", FALSE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/exchange-runs/same-outcome", test_same_outcome);
  g_test_add_func ("/exchange-runs/refused-alike", test_refused_alike);
  return g_test_run ();
}
