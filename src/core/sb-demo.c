/* sb-demo.c — the built-in demo campaign: #Freethe5KH as of 10 October 2016
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The five, the two places they were held, six partner offices, 476 messages (469
 * sent, 7 held) and the batches that delivered 195 of them: the figures the
 * campaign published on day 165. The campaign is planned in memory, then replayed
 * through the core API in the order it happened, with the clock set to each moment
 * and the volunteer who did it as operator, so the history reads like 2016's.
 */

#define G_LOG_DOMAIN "sb-demo"

#include "config.h"

#include <glib/gstdio.h>

#include "sb-campaign-private.h"
#include "sb-demo.h"
#include "sb-demo-private.h"

/* Same seed, same campaign file, byte for byte. */
#define DEMO_SEED 20160808u

#define COORDINATOR "Chea Rithy"
#define ONLINE_DESK "Kim Sovannary"

/* Who typed the cards at each partner office (see _sb_demo_offices). */
static const char *const transcribers[] = {
  "Sok Sreyleak", "Nhem Dara", "Ros Sophea", "Keo Pisey", "Lay Thida", "Meas Vibol",
};

static const struct
{
  const char *name_en;
  const char *name_km;
  const char *role;
} five[SB_DEMO_N_DETAINEES] = {
  { "Ny Sokha", "នី សុខា", "Head of the human rights and monitoring section, ADHOC" },
  { "Yi Soksan", "យី សុខសាន្ត", "Senior investigator, ADHOC" },
  { "Nay Vanda", "ណៃ វណ្ណដា", "Deputy head of the human rights and monitoring section, ADHOC" },
  { "Lim Mony", "លឹម មុន្នី", "Senior investigator, women's and children's rights, ADHOC" },
  { "Ny Chakrya", "នី ចរិយា",
    "Deputy Secretary-General, National Election Committee (formerly ADHOC)" },
};

static const struct
{
  const char *code;
  const char *name_en;
  const char *name_km;
  const char *kind;
  const char *address;
  int         items_per_batch;
  const char *rules;
  const char *received_by;
  const char *received_position;
} facilities[2] = {
  { "PS", "Prey Sar Prison", "ពន្ធនាគារព្រៃស", "prison",
    "Correctional Centre 1 (CC1, men) and Correctional Centre 2 (CC2, women), Prey Sar, "
    "Dangkao, Phnom Penh",
    100,
    "At most 100 items a visit, handed over at the CC1 gate. Lim Mony is held at CC2, the "
    "women's prison: put her items in a separate envelope marked CC2. Items that discuss "
    "the court case are refused.",
    "Ouk Sarith", "Reception officer, CC1" },
  { "PJ", "Police Judiciaire", "នគរបាលយុត្តិធម៌", "police",
    "Police Judiciaire detention centre, Phnom Penh",
    50,
    "Items for Ny Chakrya only, handed to the duty officer. Letters are read before they "
    "are passed on.",
    "Chhay Vuthy", "Duty officer" },
};

typedef struct
{
  SbCampaign *campaign;
  SbDemoPlan *plan;
  char       *facility_ids[2];
  char       *detainee_ids[SB_DEMO_N_DETAINEES];
  char       *office_ids[8];
  guint      *first_copy;        /* per message: its first copy in plan->copies */
  GPtrArray  *batch_items;       /* per batch: SbBatchItem */
  GPtrArray  *batch_messages;    /* per batch: the items' message ids */
} Replay;

static void
replay_clear (Replay *replay)
{
  for (guint i = 0; i < 2; i++)
    g_free (replay->facility_ids[i]);
  for (guint i = 0; i < SB_DEMO_N_DETAINEES; i++)
    g_free (replay->detainee_ids[i]);
  for (guint i = 0; i < G_N_ELEMENTS (replay->office_ids); i++)
    g_free (replay->office_ids[i]);
  g_free (replay->first_copy);
  g_clear_pointer (&replay->batch_items, g_ptr_array_unref);
  g_clear_pointer (&replay->batch_messages, g_ptr_array_unref);
}

static char *
moment (int day,
        int minutes)
{
  g_autofree char *date = _sb_demo_date (day);

  return g_strdup_printf ("%sT%02d:%02d:00Z", date, minutes / 60, minutes % 60);
}

static void
set_clock (Replay *replay,
           int     day,
           int     minutes)
{
  g_autofree char *now = moment (day, minutes);

  sb_campaign_set_clock (replay->campaign, now);
}

/* ------------------------------------------------------------------------ */
/* The campaign file                                                        */
/* ------------------------------------------------------------------------ */

/* sb_campaign_create() records its settings at the real time and under the login's
 * name, which would make every demo file different: write them at a fixed moment
 * through the store, then open the file as a campaign. */
static SbCampaign *
create_file (const char  *path,
             GError     **error)
{
  g_autoptr(SbStore) store = sb_store_create (path, error);
  gboolean ok;

  if (store == NULL)
    return NULL;
  sb_store_set_clock (store, "2016-08-01T02:00:00Z");
  sb_store_set_operator (store, COORDINATOR);
  ok = sb_store_begin (store, error);
  if (ok)
    {
      ok = sb_store_set_setting (store, SB_SETTING_NAME, "#Freethe5KH", error) &&
           sb_store_set_setting (store, SB_SETTING_OFFICE_CODE, "PP", error);
      if (ok)
        ok = sb_store_commit (store, error);
      else
        sb_store_rollback (store);
    }
  sb_store_close (store);
  if (!ok)
    return NULL;
  return sb_campaign_open (path, FALSE, error);
}

static gboolean
add_people_and_places (Replay  *replay,
                       GError **error)
{
  SbCampaign *campaign = replay->campaign;

  sb_campaign_set_operator (campaign, COORDINATOR);
  set_clock (replay, -7, 2 * 60 + 5);
  if (!sb_campaign_set_setting (campaign, SB_SETTING_HASHTAG, "#Freethe5KH", error) ||
      !sb_campaign_set_setting (campaign, SB_SETTING_LAUNCH_DATE, SB_DEMO_LAUNCH, error) ||
      !sb_campaign_set_setting (campaign, SB_SETTING_AS_OF, SB_DEMO_AS_OF, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (facilities); i++)
    {
      g_autoptr(SbFacility) facility = sb_facility_new ();

      _sb_set_str (&facility->code, facilities[i].code);
      _sb_set_str (&facility->name_en, facilities[i].name_en);
      _sb_set_str (&facility->name_km, facilities[i].name_km);
      _sb_set_str (&facility->kind, facilities[i].kind);
      _sb_set_str (&facility->address, facilities[i].address);
      _sb_set_str (&facility->rules, facilities[i].rules);
      facility->items_per_batch = facilities[i].items_per_batch;
      if (!sb_campaign_add_facility (campaign, facility, error))
        return FALSE;
      replay->facility_ids[i] = g_strdup (facility->id);
    }

  for (guint i = 0; i < SB_DEMO_N_DETAINEES; i++)
    {
      g_autoptr(SbDetainee) detainee = sb_detainee_new ();

      _sb_set_str (&detainee->name_en, five[i].name_en);
      _sb_set_str (&detainee->name_km, five[i].name_km);
      _sb_set_str (&detainee->role, five[i].role);
      _sb_set_str (&detainee->facility_id, replay->facility_ids[SB_DEMO_FACILITY_OF (i)]);
      _sb_set_str (&detainee->detained_on, "2016-04-28");
      detainee->position = i + 1;
      if (!sb_campaign_add_detainee (campaign, detainee, error))
        return FALSE;
      replay->detainee_ids[i] = g_strdup (detainee->id);
    }

  g_assert (_sb_demo_n_offices <= G_N_ELEMENTS (replay->office_ids));
  for (guint i = 0; i < _sb_demo_n_offices; i++)
    {
      g_autoptr(SbOffice) office = sb_office_new ();

      _sb_set_str (&office->code, _sb_demo_offices[i][0]);
      _sb_set_str (&office->name, _sb_demo_offices[i][1]);
      _sb_set_str (&office->city, _sb_demo_offices[i][2]);
      if (!sb_campaign_add_office (campaign, office, error))
        return FALSE;
      replay->office_ids[i] = g_strdup (office->id);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                 */
/* ------------------------------------------------------------------------ */

/* Typed (unless it is still on the pile), translated when a translator got to it,
 * and addressed. Each write of a message also rewrites its search index entry, so
 * a message is written once here and once more at review. */
static gboolean
add_message (Replay  *replay,
             guint    index,
             GError **error)
{
  SbDemoMessage *demo = &g_array_index (replay->plan->messages, SbDemoMessage, index);
  SbCampaign *campaign = replay->campaign;
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(GPtrArray) copies = NULL;
  const char *addressees[SB_DEMO_N_DETAINEES + 1] = { NULL };
  guint n = 0;

  sb_campaign_set_operator (campaign, demo->office >= 0 ? transcribers[demo->office] : ONLINE_DESK);
  g_free (message->received_on);
  message->received_on = _sb_demo_date (demo->received);
  _sb_set_str (&message->channel, sb_channel_to_nick (demo->channel));
  if (demo->office >= 0)
    _sb_set_str (&message->office_id, replay->office_ids[demo->office]);
  _sb_set_str (&message->sender_name, demo->sender_name);
  _sb_set_str (&message->sender_city, demo->sender_city);
  _sb_set_str (&message->sender_country, demo->sender_country);
  _sb_set_str (&message->sender_contact, demo->sender_contact);
  _sb_set_str (&message->consent, sb_consent_to_nick (demo->consent));
  _sb_set_str (&message->language, demo->language);
  _sb_set_str (&message->original_text, demo->text);
  _sb_set_str (&message->notes, demo->notes);
  _sb_set_str (&message->translation_km, demo->translation_km);
  _sb_set_str (&message->translation_en, demo->translation_en);
  /* Volunteers save a card once they have typed all of it. */
  _sb_set_str (&message->status, sb_message_status_to_nick (demo->transcribed >= 0
                                                            ? SB_MESSAGE_STATUS_TRANSCRIBED
                                                            : SB_MESSAGE_STATUS_NEW));
  if (!sb_campaign_add_message (campaign, message, error))
    return FALSE;
  demo->id = g_strdup (message->id);
  demo->ref = g_strdup (message->ref);

  for (int d = 0; d < SB_DEMO_N_DETAINEES; d++)
    if (demo->recipients & (1u << d))
      addressees[n++] = replay->detainee_ids[d];
  /* NULL: all five, without looking each of them up. */
  if (!sb_campaign_assign (campaign, demo->id,
                           n == SB_DEMO_N_DETAINEES ? NULL : addressees, error))
    return FALSE;

  copies = sb_campaign_list_copies (campaign, demo->id, error);
  if (copies == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);

      for (guint c = replay->first_copy[index]; c < replay->plan->copies->len; c++)
        {
          SbDemoCopy *planned = &g_array_index (replay->plan->copies, SbDemoCopy, c);

          if (planned->message != (int) index)
            break;
          if (g_str_equal (replay->detainee_ids[planned->detainee], copy->detainee_id))
            planned->detainee_id = g_strdup (copy->detainee_id);
        }
    }
  return TRUE;
}

static gboolean
review_message (Replay  *replay,
                guint    index,
                GError **error)
{
  SbDemoMessage *demo = &g_array_index (replay->plan->messages, SbDemoMessage, index);
  SbCampaign *campaign = replay->campaign;

  /* Messages in other languages went to a translator. */
  sb_campaign_set_operator (campaign, g_str_equal (demo->language, "km") ||
                                      g_str_equal (demo->language, "en")
                                      ? "Heng Bopha" : "Chan Sreymom");
  if (demo->hold_reason != NULL)
    return sb_campaign_hold (campaign, demo->id, demo->hold_reason, error);
  return sb_campaign_approve (campaign, demo->id, demo->without_translation, error);
}

/* ------------------------------------------------------------------------ */
/* Batches                                                                  */
/* ------------------------------------------------------------------------ */

#define SEAL_TIME      (3 * 60 + 30)
#define HANDOVER_TIME  (4 * 60)
#define OUTCOME_TIME   (9 * 60)
#define DRAFT_TIME     (10 * 60 + 30)

static gboolean
seal_batch (Replay  *replay,
            guint    index,
            GError **error)
{
  const SbDemoBatch *demo = g_ptr_array_index (replay->plan->batches, index);
  gboolean draft = demo->state == SB_BATCH_STATE_DRAFT;
  gboolean closed = demo->state == SB_BATCH_STATE_CLOSED;
  g_autoptr(SbBatch) batch = sb_batch_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_batch_item_free);
  g_autoptr(GPtrArray) message_ids = g_ptr_array_new ();
  g_autofree char *created_on = _sb_demo_date (demo->created);
  g_autofree char *outcome_on = closed ? _sb_demo_date (demo->outcomes) : NULL;

  sb_campaign_set_operator (replay->campaign, COORDINATOR);
  g_free (batch->id);
  batch->id = sb_campaign_new_id (replay->campaign);
  _sb_set_str (&batch->facility_id, replay->facility_ids[demo->facility]);
  _sb_set_str (&batch->state, sb_batch_state_to_nick (demo->state));
  _sb_set_str (&batch->created_on, created_on);
  if (!draft)
    {
      batch->code = g_strdup_printf ("%s-%s-%02d", facilities[demo->facility].code, created_on,
                                     demo->number);
      batch->sealed_at = moment (demo->created, SEAL_TIME);
    }
  if (demo->handed >= 0)
    {
      batch->handed_over_at = moment (demo->handed, HANDOVER_TIME);
      _sb_set_str (&batch->handed_by, COORDINATOR);
      _sb_set_str (&batch->received_by, facilities[demo->facility].received_by);
      _sb_set_str (&batch->received_position, facilities[demo->facility].received_position);
    }
  if (closed)
    batch->closed_at = moment (demo->outcomes, OUTCOME_TIME);

  for (guint i = 0; i < demo->items->len; i++)
    {
      const SbDemoItem *planned = &g_array_index (demo->items, SbDemoItem, i);
      const SbDemoCopy *copy = &g_array_index (replay->plan->copies, SbDemoCopy, planned->copy);
      SbBatchItem *item = sb_batch_item_new ();

      _sb_set_str (&item->batch_id, batch->id);
      _sb_set_str (&item->message_id,
                   g_array_index (replay->plan->messages, SbDemoMessage, copy->message).id);
      _sb_set_str (&item->detainee_id, copy->detainee_id);
      item->position = i + 1;
      _sb_set_str (&item->outcome, planned->outcome);
      _sb_set_str (&item->outcome_reason, planned->reason);
      item->outcome_on = g_strdup (outcome_on);
      g_ptr_array_add (items, item);
      g_ptr_array_add (message_ids,
                       g_array_index (replay->plan->messages, SbDemoMessage, copy->message).id);
    }
  if (!_sb_demo_record_batch (replay->campaign, batch, items, message_ids, error))
    return FALSE;
  g_ptr_array_index (replay->batch_items, index) = g_steal_pointer (&items);
  g_ptr_array_index (replay->batch_messages, index) = g_steal_pointer (&message_ids);
  return TRUE;
}

static gboolean
record_outcomes (Replay  *replay,
                 guint    index,
                 GError **error)
{
  sb_campaign_set_operator (replay->campaign, COORDINATOR);
  return _sb_demo_record_outcomes (replay->campaign,
                                   g_ptr_array_index (replay->batch_items, index),
                                   g_ptr_array_index (replay->batch_messages, index),
                                   error);
}

/* ------------------------------------------------------------------------ */
/* The replay                                                               */
/* ------------------------------------------------------------------------ */

typedef enum
{
  EVENT_ADD,
  EVENT_REVIEW,
  EVENT_SEAL,
  EVENT_OUTCOMES,
} EventKind;

typedef struct
{
  int       day;
  int       minutes;
  EventKind kind;
  guint     index;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = a;
  const Event *y = b;

  if (x->day != y->day)
    return x->day - y->day;
  if (x->minutes != y->minutes)
    return x->minutes - y->minutes;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return (int) x->index - (int) y->index;
}

static GArray *
list_events (SbDemoPlan *plan)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (Event));

  for (guint m = 0; m < plan->messages->len; m++)
    {
      const SbDemoMessage *message = &g_array_index (plan->messages, SbDemoMessage, m);
      /* Typing through the working day (08:00–15:00 in Phnom Penh), review after. */
      Event add = { message->transcribed >= 0 ? message->transcribed : message->received,
                    60 + (m * 37) % 420, EVENT_ADD, m };
      Event review = { message->reviewed, 8 * 60 + (m * 13) % 120, EVENT_REVIEW, m };

      g_array_append_val (events, add);
      if (message->reviewed >= 0)
        g_array_append_val (events, review);
    }
  for (guint b = 0; b < plan->batches->len; b++)
    {
      const SbDemoBatch *batch = g_ptr_array_index (plan->batches, b);
      gboolean draft = batch->state == SB_BATCH_STATE_DRAFT;
      Event seal = { batch->created, draft ? DRAFT_TIME : SEAL_TIME, EVENT_SEAL, b };
      Event outcomes = { batch->outcomes, OUTCOME_TIME, EVENT_OUTCOMES, b };

      g_array_append_val (events, seal);
      if (batch->state == SB_BATCH_STATE_CLOSED)
        g_array_append_val (events, outcomes);
    }
  g_array_sort (events, compare_events);
  return events;
}

static gboolean
replay_events (Replay  *replay,
               GError **error)
{
  g_autoptr(GArray) events = list_events (replay->plan);
  guint n_batches = replay->plan->batches->len;

  replay->first_copy = g_new0 (guint, replay->plan->messages->len);
  for (guint c = replay->plan->copies->len; c-- > 0;)
    replay->first_copy[g_array_index (replay->plan->copies, SbDemoCopy, c).message] = c;
  replay->batch_items = g_ptr_array_new_full (n_batches, (GDestroyNotify) g_ptr_array_unref);
  replay->batch_messages = g_ptr_array_new_full (n_batches, (GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_set_size (replay->batch_items, n_batches);
  g_ptr_array_set_size (replay->batch_messages, n_batches);

  for (guint i = 0; i < events->len; i++)
    {
      const Event *event = &g_array_index (events, Event, i);
      gboolean ok = FALSE;

      set_clock (replay, event->day, event->minutes);
      switch (event->kind)
        {
        case EVENT_ADD:
          ok = add_message (replay, event->index, error);
          break;
        case EVENT_REVIEW:
          ok = review_message (replay, event->index, error);
          break;
        case EVENT_SEAL:
          ok = seal_batch (replay, event->index, error);
          break;
        case EVENT_OUTCOMES:
          ok = record_outcomes (replay, event->index, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static void
remove_file (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_demo_create:
 * @path: where the demo campaign goes; must not exist yet
 *
 * Builds the demo campaign: #Freethe5KH as of 10 October 2016 (day 165), with 469
 * messages sent and 195 delivered. The same Sambot always writes the same bytes.
 *
 * Returns: %TRUE when the file was written; on failure nothing is left at @path
 */
gboolean
sb_demo_create (const char  *path,
                GError     **error)
{
  g_autoptr(SbDemoPlan) plan = _sb_demo_plan_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) local_error = NULL;
  Replay replay = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  _sb_demo_plan_messages (plan, rand);
  if (!_sb_demo_plan_deliveries (plan, rand, error))
    return FALSE;

  campaign = create_file (path, &local_error);
  if (campaign == NULL)
    {
      /* Never remove a file that was there before. */
      if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS))
        remove_file (path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  sb_campaign_set_seed (campaign, DEMO_SEED);

  replay.campaign = campaign;
  replay.plan = plan;
  ok = sb_campaign_begin (campaign, error);
  if (ok)
    {
      ok = add_people_and_places (&replay, error) && replay_events (&replay, error);
      if (ok)
        ok = sb_campaign_commit (campaign, error);
      else
        sb_campaign_rollback (campaign);
    }
  replay_clear (&replay);
  sb_campaign_close (campaign);
  if (!ok)
    remove_file (path);
  return ok;
}
