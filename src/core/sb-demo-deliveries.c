/* sb-demo-deliveries.c — the demo's batches: planned so that exactly 195 messages
 * are delivered by the as-of day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinators took the oldest waiting copies to each facility about once a week.
 * Prey Sar accepted at most 100 items a visit, so a backlog grew there; the Police
 * Judiciaire took everything for Ny Chakrya. The figure the campaign published
 * (195 delivered on 10 October 2016) is reached exactly by sizing the last closed
 * batch of each facility: everything before is simulated as it came, and the pair of
 * sizes nearest to full that gives the figure is chosen.
 */

#define G_LOG_DOMAIN "sb-demo"

#include "config.h"

#include "sb-demo-private.h"

#define PREY_SAR_LIMIT   100
#define POLICE_LIMIT     50
#define NEVER            G_MAXINT

typedef struct
{
  int         facility;
  int         created;
  int         handed;
  int          outcomes;
  SbBatchState state;
  gboolean     tuned;      /* the last closed batch of its facility: sized to fit */
} Visit;

/* Day 16 is Wednesday 24 August 2016. Outcomes come after the weekend; the Pchum
 * Ben holiday delays those of the end of September. */
static const Visit visits[] = {
  { SB_DEMO_PREY_SAR, 16, 17, 21, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_POLICE_JUD, 17, 18, 22, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_PREY_SAR, 23, 24, 28, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_POLICE_JUD, 24, 25, 29, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_PREY_SAR, 30, 31, 35, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_POLICE_JUD, 31, 32, 36, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_PREY_SAR, 37, 38, 42, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_POLICE_JUD, 38, 39, 43, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_PREY_SAR, 44, 45, 49, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_POLICE_JUD, 45, 46, 50, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_PREY_SAR, 51, 52, 57, SB_BATCH_STATE_CLOSED, TRUE },
  { SB_DEMO_POLICE_JUD, 52, 52, 57, SB_BATCH_STATE_CLOSED, FALSE },
  { SB_DEMO_PREY_SAR, 58, 59, -1, SB_BATCH_STATE_HANDED_OVER, FALSE },
  { SB_DEMO_POLICE_JUD, 59, 60, 63, SB_BATCH_STATE_CLOSED, TRUE },
  { SB_DEMO_PREY_SAR, 63, -1, -1, SB_BATCH_STATE_DRAFT, FALSE },
};

static const char *const returned_reasons[] = {
  "detainee at a court hearing on the day",
  "not accepted on the day; bring again with the next batch",
};

/* ------------------------------------------------------------------------ */
/* Copies                                                                   */
/* ------------------------------------------------------------------------ */

static void
copy_clear (gpointer data)
{
  g_free (((SbDemoCopy *) data)->detainee_id);
}

static gboolean
message_approved (const SbDemoMessage *message)
{
  return message->reviewed >= 0 && message->hold_reason == NULL;
}

static void
make_copies (SbDemoPlan *plan,
             GRand      *rand)
{
  g_array_set_clear_func (plan->copies, copy_clear);
  for (guint m = 0; m < plan->messages->len; m++)
    {
      const SbDemoMessage *message = &g_array_index (plan->messages, SbDemoMessage, m);

      for (int d = 0; d < SB_DEMO_N_DETAINEES; d++)
        {
          SbDemoCopy copy = { .message = m, .detainee = d };

          if (!(message->recipients & (1u << d)))
            continue;
          copy.first_outcome = SB_COPY_STATE_DELIVERED;
          if (message->court_case && SB_DEMO_FACILITY_OF (d) == SB_DEMO_PREY_SAR)
            {
              copy.first_outcome = SB_COPY_STATE_REJECTED;
              copy.first_reason = "content refers to the court case";
            }
          else if (g_rand_int_range (rand, 0, 1000) < 8)
            {
              copy.first_outcome = SB_COPY_STATE_RETURNED;
              copy.first_reason = returned_reasons[g_rand_int_range (rand, 0, 2)];
            }
          g_array_append_val (plan->copies, copy);
        }
    }
}

static void
reset_copies (SbDemoPlan *plan)
{
  for (guint c = 0; c < plan->copies->len; c++)
    {
      SbDemoCopy *copy = &g_array_index (plan->copies, SbDemoCopy, c);
      const SbDemoMessage *message = &g_array_index (plan->messages, SbDemoMessage, copy->message);

      copy->state = message_approved (message) ? SB_COPY_STATE_WAITING : SB_COPY_STATE_PENDING;
      copy->ready = message_approved (message) ? message->reviewed : NEVER;
      copy->attempts = 0;
    }
}

/**
 * _sb_demo_count_delivered:
 *
 * Returns: how many messages have every copy delivered, by the copies' states
 */
guint
_sb_demo_count_delivered (SbDemoPlan *plan)
{
  guint delivered = 0;
  guint c = 0;

  /* Copies are grouped by message, in message order. */
  for (guint m = 0; m < plan->messages->len; m++)
    {
      gboolean all = TRUE;

      for (; c < plan->copies->len && g_array_index (plan->copies, SbDemoCopy, c).message == (int) m; c++)
        all = all && g_array_index (plan->copies, SbDemoCopy, c).state == SB_COPY_STATE_DELIVERED;
      delivered += all;
    }
  return delivered;
}

/* ------------------------------------------------------------------------ */
/* Simulation                                                               */
/* ------------------------------------------------------------------------ */

/* The copies a batch made on @day at @facility may take, oldest message first. */
static GArray *
eligible_copies (SbDemoPlan *plan,
                 int         facility,
                 int         day)
{
  GArray *eligible = g_array_new (FALSE, FALSE, sizeof (int));

  /* Copies are in message order, and messages in the order they were received. */
  for (guint c = 0; c < plan->copies->len; c++)
    {
      const SbDemoCopy *copy = &g_array_index (plan->copies, SbDemoCopy, c);

      if (SB_DEMO_FACILITY_OF (copy->detainee) != facility || copy->ready >= day)
        continue;
      if (copy->state == SB_COPY_STATE_WAITING || copy->state == SB_COPY_STATE_RETURNED)
        g_array_append_val (eligible, c);
    }
  return eligible;
}

typedef struct
{
  const int *sizes;                       /* the most each visit takes */
  GPtrArray *batches;                     /* SbDemoBatch, when recording */
  GArray    *tuned_candidates[2];         /* per facility, when probing */
  GArray    *tuned_fates[2];              /* gboolean: would be delivered */
  int       *delivered_in;                /* per copy: the visit, or -1 */
} Simulation;

static void
batch_free (gpointer data)
{
  SbDemoBatch *batch = data;

  g_array_unref (batch->items);
  g_free (batch);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SbDemoPlan *plan = user_data;
  const SbDemoCopy *x = &g_array_index (plan->copies, SbDemoCopy, ((const SbDemoItem *) a)->copy);
  const SbDemoCopy *y = &g_array_index (plan->copies, SbDemoCopy, ((const SbDemoItem *) b)->copy);

  /* The manifest lists items by detainee, then by message. */
  if (x->detainee != y->detainee)
    return x->detainee - y->detainee;
  return x->message - y->message;
}

static void
simulate (SbDemoPlan *plan,
          Simulation *sim)
{
  reset_copies (plan);
  for (guint v = 0; v < G_N_ELEMENTS (visits); v++)
    {
      const Visit *visit = &visits[v];
      g_autoptr(GArray) eligible = eligible_copies (plan, visit->facility, visit->created);
      guint size = MIN (eligible->len, (guint) sim->sizes[v]);
      gboolean closed = visit->state == SB_BATCH_STATE_CLOSED;
      SbDemoBatch *batch = NULL;

      if (visit->tuned && sim->tuned_candidates[visit->facility] != NULL)
        for (guint i = 0; i < size; i++)
          {
            int c = g_array_index (eligible, int, i);
            const SbDemoCopy *copy = &g_array_index (plan->copies, SbDemoCopy, c);
            gboolean delivered = copy->attempts > 0 || copy->first_outcome == SB_COPY_STATE_DELIVERED;

            g_array_append_val (sim->tuned_candidates[visit->facility], c);
            g_array_append_val (sim->tuned_fates[visit->facility], delivered);
          }

      if (sim->batches != NULL)
        {
          batch = g_new0 (SbDemoBatch, 1);
          batch->facility = visit->facility;
          batch->number = 1;
          batch->created = visit->created;
          batch->handed = visit->handed;
          batch->outcomes = visit->outcomes;
          batch->state = visit->state;
          batch->size = size;
          batch->items = g_array_new (FALSE, FALSE, sizeof (SbDemoItem));
          g_ptr_array_add (sim->batches, batch);
        }

      for (guint i = 0; i < size; i++)
        {
          int c = g_array_index (eligible, int, i);
          SbDemoCopy *copy = &g_array_index (plan->copies, SbDemoCopy, c);
          SbDemoItem item = { .copy = c, .outcome = "", .reason = "" };

          copy->state = SB_COPY_STATE_IN_BATCH;
          if (closed)
            {
              copy->state = copy->attempts == 0 ? copy->first_outcome : SB_COPY_STATE_DELIVERED;
              if (copy->state != SB_COPY_STATE_DELIVERED)
                item.reason = copy->first_reason;
              item.outcome = sb_copy_state_to_nick (copy->state);
              copy->ready = visit->outcomes;
              copy->attempts++;
              if (sim->delivered_in != NULL && copy->state == SB_COPY_STATE_DELIVERED)
                sim->delivered_in[c] = v;
            }
          if (batch != NULL)
            g_array_append_val (batch->items, item);
        }
      if (batch != NULL)
        g_array_sort_with_data (batch->items, compare_items, plan);
    }
}

/* ------------------------------------------------------------------------ */
/* The plan                                                                 */
/* ------------------------------------------------------------------------ */

typedef struct
{
  int needs[2];          /* items the tuned batch of each facility must take */
} Needs;

static int
tuned_visit (int facility)
{
  for (guint v = 0; v < G_N_ELEMENTS (visits); v++)
    if (visits[v].tuned && visits[v].facility == facility)
      return v;
  g_assert_not_reached ();
}

/* Which messages the two tuned batches can still complete, and how many items of
 * each they need for that. */
static GArray *
completable (SbDemoPlan *plan,
             Simulation *probe)
{
  guint n_copies = plan->copies->len;
  g_autofree int *position = g_new (int, n_copies);
  g_autofree gboolean *will_deliver = g_new0 (gboolean, n_copies);
  GArray *all = g_array_new (FALSE, FALSE, sizeof (Needs));
  guint c = 0;

  for (guint i = 0; i < n_copies; i++)
    position[i] = -1;
  for (int f = 0; f < 2; f++)
    for (guint i = 0; i < probe->tuned_candidates[f]->len; i++)
      {
        int copy = g_array_index (probe->tuned_candidates[f], int, i);

        position[copy] = i;
        will_deliver[copy] = g_array_index (probe->tuned_fates[f], gboolean, i);
      }

  for (guint m = 0; m < plan->messages->len; m++)
    {
      Needs needs = { { 0, 0 } };
      gboolean possible = message_approved (&g_array_index (plan->messages, SbDemoMessage, m));

      for (; c < n_copies && g_array_index (plan->copies, SbDemoCopy, c).message == (int) m; c++)
        {
          int facility = SB_DEMO_FACILITY_OF (g_array_index (plan->copies, SbDemoCopy, c).detainee);
          int visit = probe->delivered_in[c];

          if (visit >= 0 && !visits[visit].tuned)
            continue;
          if (position[c] < 0 || !will_deliver[c])
            possible = FALSE;
          else
            needs.needs[facility] = MAX (needs.needs[facility], position[c] + 1);
        }
      if (possible)
        g_array_append_val (all, needs);
    }
  return all;
}

static guint
count_completed (GArray *all,
                 int     n_prey_sar,
                 int     n_police)
{
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      const Needs *needs = &g_array_index (all, Needs, i);

      n += needs->needs[SB_DEMO_PREY_SAR] <= n_prey_sar && needs->needs[SB_DEMO_POLICE_JUD] <= n_police;
    }
  return n;
}

/**
 * _sb_demo_plan_deliveries:
 *
 * Fills @plan->copies and @plan->batches from @plan->messages, so that exactly
 * SB_DEMO_N_DELIVERED messages are delivered by the as-of day.
 */
gboolean
_sb_demo_plan_deliveries (SbDemoPlan  *plan,
                          GRand       *rand,
                          GError     **error)
{
  int sizes[G_N_ELEMENTS (visits)];
  int natural[2];
  int ps = tuned_visit (SB_DEMO_PREY_SAR);
  int pj = tuned_visit (SB_DEMO_POLICE_JUD);
  g_autofree int *delivered_in = NULL;
  g_autoptr(GArray) all = NULL;
  Simulation probe = { .sizes = sizes };
  Simulation final = { .sizes = sizes };
  gboolean found = FALSE;

  make_copies (plan, rand);
  for (guint v = 0; v < G_N_ELEMENTS (visits); v++)
    {
      if (visits[v].state == SB_BATCH_STATE_DRAFT)
        sizes[v] = g_rand_int_range (rand, 40, 61);
      else if (visits[v].facility == SB_DEMO_PREY_SAR)
        sizes[v] = PREY_SAR_LIMIT - g_rand_int_range (rand, 0, 9);
      else
        sizes[v] = POLICE_LIMIT - g_rand_int_range (rand, 0, 6);
    }

  /* Probe: everything as it came, noting what the tuned batches could take. */
  delivered_in = g_new (int, plan->copies->len);
  for (guint c = 0; c < plan->copies->len; c++)
    delivered_in[c] = -1;
  probe.delivered_in = delivered_in;
  for (int f = 0; f < 2; f++)
    {
      probe.tuned_candidates[f] = g_array_new (FALSE, FALSE, sizeof (int));
      probe.tuned_fates[f] = g_array_new (FALSE, FALSE, sizeof (gboolean));
    }
  simulate (plan, &probe);
  all = completable (plan, &probe);
  natural[SB_DEMO_PREY_SAR] = probe.tuned_candidates[SB_DEMO_PREY_SAR]->len;
  natural[SB_DEMO_POLICE_JUD] = probe.tuned_candidates[SB_DEMO_POLICE_JUD]->len;
  g_debug ("demo: %u messages completable with full batches of %d and %d items",
           count_completed (all, natural[0], natural[1]), natural[0], natural[1]);
  for (int f = 0; f < 2; f++)
    {
      g_array_unref (probe.tuned_candidates[f]);
      g_array_unref (probe.tuned_fates[f]);
    }

  /* The fullest pair of sizes that gives the figure. */
  for (int shortfall = 0; !found && shortfall <= natural[0] + natural[1]; shortfall++)
    for (int less = 0; !found && less <= shortfall; less++)
      {
        int n_prey_sar = natural[SB_DEMO_PREY_SAR] - less;
        int n_police = natural[SB_DEMO_POLICE_JUD] - (shortfall - less);

        if (n_prey_sar < natural[SB_DEMO_PREY_SAR] * 2 / 5 ||
            n_police < natural[SB_DEMO_POLICE_JUD] * 2 / 5)
          continue;
        if (count_completed (all, n_prey_sar, n_police) == SB_DEMO_N_DELIVERED)
          {
            sizes[ps] = n_prey_sar;
            sizes[pj] = n_police;
            found = TRUE;
          }
      }

  final.batches = plan->batches;
  if (found)
    simulate (plan, &final);
  if (!found || _sb_demo_count_delivered (plan) != SB_DEMO_N_DELIVERED)
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   "The demo's deliveries cannot be planned to give %d delivered messages",
                   SB_DEMO_N_DELIVERED);
      return FALSE;
    }
  return TRUE;
}

SbDemoPlan *
_sb_demo_plan_new (void)
{
  SbDemoPlan *plan = g_new0 (SbDemoPlan, 1);

  plan->messages = g_array_new (FALSE, TRUE, sizeof (SbDemoMessage));
  plan->copies = g_array_new (FALSE, TRUE, sizeof (SbDemoCopy));
  plan->batches = g_ptr_array_new_with_free_func (batch_free);
  return plan;
}

void
_sb_demo_plan_free (SbDemoPlan *plan)
{
  if (plan == NULL)
    return;
  g_array_unref (plan->messages);
  g_array_unref (plan->copies);
  g_ptr_array_unref (plan->batches);
  g_free (plan);
}
