/* test-conflicts.c — several offices change the same campaign at once: every
 * replica ends the same, and what lost is listed (docs/exchange.md, "Conflicts")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless. Replicas are copies of one campaign file, each joined as a replica of
 * its own (as tests/test-exchange.c makes office B). /conflicts/converge is the
 * property test of issue 14: random work on 3–5 replicas, changes exchanged in
 * random orders with duplicates and delays, then everything delivered; every
 * replica must show the same figures, messages, copies, batches and history, and
 * every value written that is not the final one was either overwritten by an
 * edit that had seen it, or is in a conflicts list. SAMBOT_CONFLICT_SEEDS=N (or
 * -m slow: 300) runs more seeds than the suite's 12.
 */

#include "config.h"

#include <string.h>

/* The session API of sqlite3.h, to read the changes in a replica's log. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "sb-batches.h"
#include "sb-conflicts.h"
#include "sb-privacy.h"
#include "sb-campaign-private.h"
#include "sb-store-changes.h"
#include "sb-store-conflicts.h"
#include "sb-store-erasure.h"
#include "sb-transcription.h"
#include "sb-test-campaign.h"
#include "sb-test-replicas.h"
#include "sb-test-cli.h"

#define MAX_REPLICAS 5

static guint n_batch_rules;   /* conflicts listed by the rules about batches, all replicas */
static guint n_readded;       /* addressees' removals set aside (rule added-again), all replicas */
static guint n_printed_twice; /* manifests that lost their paper to another's, all replicas */

typedef struct
{
  char   *message_id;
  char   *field;
  char   *value;
  guint   replica;
  gint64  seq;                      /* the writer's log after the edit */
  gint64  received[MAX_REPLICAS];   /* what the writer had from each replica */
} Edit;

typedef struct
{
  char       *dir;
  guint       n;
  SbCampaign *r[MAX_REPLICAS];
  char       *ids[MAX_REPLICAS];
  char       *detainees[MAX_REPLICAS];
  char       *facilities[MAX_REPLICAS];
  GPtrArray  *edits;
  GRand      *rand;
} Net;

static SbStore *
store_of (SbCampaign *campaign)
{
  return _sb_campaign_get_store (campaign);
}

static void
edit_free (Edit *edit)
{
  g_free (edit->message_id);
  g_free (edit->field);
  g_free (edit->value);
  g_free (edit);
}

static gint64
last_seq (Net   *net,
          guint  i)
{
  g_autoptr(GPtrArray) changes = sb_store_list_changes (store_of (net->r[i]), 0, NULL);

  return changes->len > 0 ? ((SbChange *) changes->pdata[changes->len - 1])->seq : 0;
}

#define NET_START "2016-10-10T07:00:00Z"

static Net *
net_new_at (guint       n,
            guint       seed,
            const char *clock)
{
  Net *net = g_new0 (Net, 1);

  net->n = n;
  net->rand = g_rand_new_with_seed (seed);
  net->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  sb_test_replicas_new ("sambot-conflicts-XXXXXX", n, MAX_REPLICAS, seed, clock,
                        &net->dir, net->r, net->ids, net->facilities, net->detainees);
  return net;
}

/* On the wall clock. */
static Net *
net_new (guint  n,
         guint  seed)
{
  return net_new_at (n, seed, NULL);
}

static void
net_free (Net *net)
{
  for (guint i = 1; i < net->n; i++)
    {
      sb_campaign_close (net->r[i]);
      g_object_unref (net->r[i]);
    }
  sb_test_campaign_free (net->r[0], net->dir);
  for (guint i = 0; i < MAX_REPLICAS; i++)
    {
      g_free (net->ids[i]);
      g_free (net->detainees[i]);
      g_free (net->facilities[i]);
    }
  g_ptr_array_unref (net->edits);
  g_rand_free (net->rand);
  g_free (net->dir);
  g_free (net);
}

/* Applies @from's changes after @after to @to; returns how many were new. */
static guint
deliver (Net    *net,
         guint   from,
         guint   to,
         gint64  after,
         guint   limit)
{
  g_autoptr(GPtrArray) changes = sb_store_list_changes (store_of (net->r[from]), MAX (after, 0), NULL);
  guint applied_count = 0;

  for (guint k = 0; k < changes->len && k < limit; k++)
    {
      g_autoptr(GError) error = NULL;
      gboolean applied = FALSE;
      SbChange *change = changes->pdata[k];
      gint64 held = sb_store_get_received_seq (store_of (net->r[to]), net->ids[from]);

      if (sb_store_apply_change (store_of (net->r[to]), change, &applied, &error))
        {
          g_assert_no_error (error);
          g_assert_true (applied == (change->seq == held + 1));
          applied_count += applied;
        }
      else
        {
          /* Only a change whose predecessors (of its office, or that its office
           * had received from others) have not come waits. */
          g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
          g_assert_cmpint (change->seq, >, held);
          break;
        }
    }
  return applied_count;
}

static void
deliver_everything (Net *net)
{
  guint applied;

  do
    {
      applied = 0;
      for (guint to = 0; to < net->n; to++)
        for (guint from = 0; from < net->n; from++)
          if (from != to)
            applied += deliver (net, from, to, sb_store_get_received_seq (store_of (net->r[to]),
                                                                          net->ids[from]), G_MAXUINT);
    }
  while (applied > 0);
}

/* The first line where two descriptions differ, for the log. */
static void
show_difference (guint       seed,
                 guint       i,
                 const char *a,
                 const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);

  guint shown = 0;

  for (guint k = 0; la[k] != NULL && lb[k] != NULL && shown < 6; k++)
    if (strcmp (la[k], lb[k]) != 0)
      {
        g_test_message ("seed %u, line %u: replica 0: %s\nreplica %u: %s", seed, k, la[k], i, lb[k]);
        for (guint m = k + 1; g_getenv ("SAMBOT_CONFLICT_DEBUG") && la[m] != NULL && m < k + 25; m++)
          g_test_message ("   %s", la[m]);
        shown++;
      }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Records whose first member is their id, by id. */
static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (**(char *const *const *) a, **(char *const *const *) b);
}

/* The history of a record, in an order every replica shares (each lists rows
 * by its own numbering), without the conflicts each replica noted itself. */
static void
append_history (GString    *text,
                SbCampaign *campaign,
                const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = sb_campaign_list_history (campaign, id, &error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint k = 0; k < history->len; k++)
    {
      SbHistoryEntry *entry = history->pdata[k];

      if (g_strcmp0 (entry->entity, "conflict") != 0)
        g_ptr_array_add (lines, g_strdup_printf ("    %s %s %s %s %s → %s\n", entry->at,
                                                 entry->operator_name, entry->entity, entry->field,
                                                 entry->before ? entry->before : "∅",
                                                 entry->after ? entry->after : "∅"));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint k = 0; k < lines->len; k++)
    g_string_append (text, lines->pdata[k]);
}

static char *
describe (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  sb_test_append_figures (text, campaign);
  ids = sb_store_list_message_ids (store_of (campaign), "deleted", &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) live = sb_campaign_list_message_ids (campaign, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < live->len; i++)
      g_ptr_array_add (ids, g_strdup (live->pdata[i]));
  }
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    sb_test_append_message (text, campaign, ids->pdata[i], append_history);
  batches = sb_campaign_list_batches (campaign, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (batches, compare_ids);
  for (guint i = 0; i < batches->len; i++)
    sb_test_append_batch (text, campaign, batches->pdata[i], append_history);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
conflicts_of (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = sb_store_list_conflicts (store_of (campaign), &error);

  g_assert_no_error (error);
  return conflicts;
}

static const char *const words[] = {
  "Kim Dara", "Sok Chea", "Jane", "Battambang", "Lyon", "Stay strong", "ស៊ូទ្រាំ", "",
};
static const char *const fields[] = {
  "sender_name", "sender_city", "notes", "translation_en", "original_text",
};

static char **
field_of (SbMessage  *message,
          const char *field)
{
  if (strcmp (field, "sender_name") == 0)
    return &message->sender_name;
  if (strcmp (field, "sender_city") == 0)
    return &message->sender_city;
  if (strcmp (field, "notes") == 0)
    return &message->notes;
  if (strcmp (field, "translation_en") == 0)
    return &message->translation_en;
  return &message->original_text;
}

static char *
random_message (Net        *net,
                SbCampaign *campaign)
{
  return sb_test_random_message (net->rand, campaign);
}

static gboolean
erased_here (SbCampaign *campaign,
             const char *message_id)
{
  g_autoptr(GPtrArray) history = sb_campaign_list_history (campaign, message_id, NULL);

  for (guint k = 0; history != NULL && k < history->len; k++)
    if (g_strcmp0 (((SbHistoryEntry *) history->pdata[k])->field, "sender_erased") == 0)
      return TRUE;
  return FALSE;
}

/* One thing a volunteer does on replica @i; a refusal (approving a message
 * without text, …) is part of the game. Returns a short name of the kind. */
static const char *
random_operation (Net   *net,
                  guint  i)
{
  SbCampaign *c = net->r[i];
  g_autoptr(GError) error = NULL;
  g_autofree char *id = random_message (net, c);
  int kind = g_rand_int_range (net->rand, 0, 100);

  if (id == NULL || kind < 15)
    {
      g_autoptr(SbMessage) message = sb_message_new ();

      sb_test_set (&message->original_text, words[g_rand_int_range (net->rand, 0, 7)]);
      sb_test_set (&message->sender_name, words[g_rand_int_range (net->rand, 0, 8)]);
      sb_test_set (&message->received_on, "2016-10-09");
      sb_test_set (&message->language, "km");
      g_assert_true (sb_campaign_add_message (c, message, &error));
      g_assert_no_error (error);
      /* Half are addressed as they are typed, so that batches have work. */
      if (g_rand_boolean (net->rand))
        {
          const char *addressees[] = { net->detainees[g_rand_int_range (net->rand, 0, net->n)], NULL };

          g_assert_true (sb_campaign_assign (c, message->id, addressees, &error));
          g_assert_no_error (error);
        }
      return "add";
    }
  if (kind < 45)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (c, id, &error);
      const char *field = fields[g_rand_int_range (net->rand, 0, G_N_ELEMENTS (fields))];
      const char *value = words[g_rand_int_range (net->rand, 0, G_N_ELEMENTS (words))];
      gint64 before = last_seq (net, i);

      g_assert_no_error (error);
      sb_test_set (field_of (message, field), value);
      /* A sender typed again on a message whose erasure this office has seen is
       * refused: forgetting is final (docs/exchange.md, "Erasure"). */
      if (g_str_has_prefix (field, "sender_") && *value != '\0' && erased_here (c, id))
        {
          g_assert_false (sb_campaign_update_message (c, message, &error));
          g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
          return "edit refused";
        }
      if (sb_campaign_update_message (c, message, &error) && last_seq (net, i) > before)
        {
          Edit *edit = g_new0 (Edit, 1);

          edit->message_id = g_strdup (id);
          edit->field = g_strdup (field);
          edit->value = g_strdup (value);
          edit->replica = i;
          edit->seq = last_seq (net, i);
          for (guint j = 0; j < net->n; j++)
            edit->received[j] = sb_store_get_received_seq (store_of (c), net->ids[j]);
          g_ptr_array_add (net->edits, edit);
        }
      return "edit";
    }
  if (kind < 55)
    {
      /* Any office addresses a message to any detainee: two offices may make the
       * same copy before either hears of the other's (one row, keyed by detainee
       * and message since schema 10: docs/exchange.md, "Copies"). */
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (c, id, &error);
      g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
      guint pick = g_rand_int_range (net->rand, 0, net->n);

      g_assert_no_error (error);
      /* A third of the time, the detainee picked is taken away instead (refused
       * here once the copy is in a batch; another office may batch it meanwhile). */
      if (g_rand_int_range (net->rand, 0, 3) == 0)
        {
          for (guint j = 0; j < copies->len; j++)
            if (strcmp (((SbCopy *) copies->pdata[j])->detainee_id, net->detainees[pick]) != 0)
              g_ptr_array_add (wanted, ((SbCopy *) copies->pdata[j])->detainee_id);
          g_ptr_array_add (wanted, NULL);
          sb_campaign_assign (c, id, (const char *const *) wanted->pdata, NULL);
          return "unassign";
        }
      for (guint j = 0; j < copies->len; j++)
        {
          SbCopy *copy = copies->pdata[j];

          if (strcmp (copy->detainee_id, net->detainees[pick]) == 0)
            return "assign";
          g_ptr_array_add (wanted, copy->detainee_id);
        }
      g_ptr_array_add (wanted, net->detainees[pick]);
      g_ptr_array_add (wanted, NULL);
      sb_campaign_assign (c, id, (const char *const *) wanted->pdata, NULL);
      return "assign";
    }
  if (kind < 62)
    {
      sb_campaign_mark_transcribed (c, id, NULL);
      return "transcribe";
    }
  if (kind < 72)
    {
      sb_campaign_approve (c, id, TRUE, NULL);
      return "approve";
    }
  if (kind < 80)
    {
      sb_campaign_hold (c, id, words[g_rand_int_range (net->rand, 0, 6)], NULL);
      return "hold";
    }
  if (kind < 83)
    {
      /* Half of these erase the sender instead (docs/exchange.md, "Erasure"). */
      if (g_rand_boolean (net->rand))
        {
          guint n_scans = 0;

          g_assert_true (sb_campaign_forget_sender (c, id, &n_scans, &error));
          g_assert_no_error (error);
          return "erase";
        }
      sb_campaign_delete_message (c, id, NULL);
      return "delete";
    }
  if (kind < 92)
    {
      /* A batch for any prison: made, filled with what waits, sealed. Two offices
       * may seal for one prison on one day: each numbers its own batches
       * (docs/exchange.md, "Batch codes"). */
      const char *facility = net->facilities[g_rand_int_range (net->rand, 0, net->n)];
      g_autoptr(GPtrArray) eligible = sb_campaign_list_eligible_copies (c, facility, NULL);
      g_autoptr(SbBatch) batch = NULL;

      /* Nothing waits there: approve the message picked, so that batches have work. */
      if (eligible != NULL && eligible->len == 0 && sb_campaign_approve (c, id, TRUE, NULL))
        {
          g_ptr_array_unref (eligible);
          eligible = sb_campaign_list_eligible_copies (c, facility, NULL);
        }
      if (eligible == NULL || eligible->len == 0)
        return "batch";
      batch = sb_campaign_create_batch (c, facility, NULL);
      if (batch == NULL)
        return "batch";
      sb_campaign_batch_add (c, batch->id, eligible, NULL);
      if (g_rand_boolean (net->rand))
        sb_campaign_seal_batch (c, batch->id, NULL);
      return "batch";
    }
  {
    /* Seal or hand over a batch of any office, or record what came back: the
     * first open one from a random place in the list. Two offices may seal or
     * hand over the same batch (docs/exchange.md, "Conflicts", the rules about
     * batches). */
    g_autoptr(GPtrArray) batches = sb_campaign_list_batches (c, NULL, NULL);
    guint start = batches != NULL && batches->len > 0 ? g_rand_int_range (net->rand, 0, batches->len) : 0;

    for (guint k = 0; batches != NULL && k < batches->len; k++)
      {
        SbBatch *batch = batches->pdata[(start + k) % batches->len];

        /* Batches are sealed on the wall clock's day: handed over and back then. */
        g_autofree char *day = _sb_campaign_today (c);
        g_autofree char *moment = g_strconcat (day, " 09:30", NULL);

        if (strcmp (batch->state, "draft") == 0)
          sb_campaign_seal_batch (c, batch->id, NULL);
        else if (strcmp (batch->state, "sealed") == 0)
          g_assert_true (sb_campaign_hand_over_batch (c, batch->id, moment, "Dara", "Guard",
                                                      "Officer", NULL));
        else if (strcmp (batch->state, "handed_over") == 0)
          g_assert_true (sb_campaign_record_outcomes (c, batch->id, NULL, 0, TRUE, day, NULL));
        else
          continue;
        break;
      }
    return "outcome";
  }
}

/* Some of one office's changes reach another: sometimes from an older point
 * (duplicates), sometimes a later one first (it must wait), sometimes only a few. */
static void
random_exchange (Net *net)
{
  guint to = g_rand_int_range (net->rand, 0, net->n);
  guint from = (to + g_rand_int_range (net->rand, 1, net->n)) % net->n;
  gint64 held = sb_store_get_received_seq (store_of (net->r[to]), net->ids[from]);

  if (g_rand_int_range (net->rand, 0, 6) == 0)
    deliver (net, from, to, held + g_rand_int_range (net->rand, 1, 3), 1);
  deliver (net, from, to, held - g_rand_int_range (net->rand, 0, 3),
           g_rand_int_range (net->rand, 1, 6));
}

/* Was @edit overwritten by an edit of the same field that had seen it? */
static gboolean
superseded (Net  *net,
            Edit *edit)
{
  for (guint k = 0; k < net->edits->len; k++)
    {
      Edit *other = net->edits->pdata[k];

      if (other == edit || strcmp (other->message_id, edit->message_id) != 0 ||
          strcmp (other->field, edit->field) != 0)
        continue;
      if (other->replica == edit->replica ? other->seq > edit->seq
                                          : other->received[edit->replica] >= edit->seq)
        return TRUE;
    }
  return FALSE;
}

/* Did someone replace this value knowingly — the history (the same on every
 * replica) shows an edit of the field from it? With few words to choose from,
 * an office can write a value that another office had and replaced. */
static gboolean
replaced_in_history (Net  *net,
                     Edit *edit)
{
  g_autoptr(GPtrArray) history = sb_campaign_list_history (net->r[0], edit->message_id, NULL);

  for (guint k = 0; history != NULL && k < history->len; k++)
    {
      SbHistoryEntry *entry = history->pdata[k];

      if (g_strcmp0 (entry->entity, "message") == 0 && g_strcmp0 (entry->field, edit->field) == 0 &&
          g_strcmp0 (entry->before, edit->value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
in_conflicts (Net  *net,
              Edit *edit)
{
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) conflicts = conflicts_of (net->r[i]);

      for (guint k = 0; k < conflicts->len; k++)
        {
          SbConflict *conflict = conflicts->pdata[k];

          if (strcmp (conflict->row_id, edit->message_id) == 0 &&
              strcmp (conflict->field, edit->field) == 0 &&
              (g_strcmp0 (conflict->other, edit->value) == 0 ||
               g_strcmp0 (conflict->kept, edit->value) == 0))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_sender_field (const char *field)
{
  return g_strcmp0 (field, "sender_name") == 0 || g_strcmp0 (field, "sender_city") == 0 ||
         g_strcmp0 (field, "sender_contact") == 0;
}

static gboolean
is_erased_value (const char *value)
{
  return value == NULL || *value == '\0' || strcmp (value, SB_STORE_ERASED) == 0;
}

/* Does @campaign's own log (what it sends to offices that have not received its
 * changes yet) still hold a sender value, or a scan, of @message_id? */
static gboolean
log_holds_sender (SbCampaign *campaign,
                  const char *message_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = sb_store_list_changes (store_of (campaign), 0, &error);
  g_auto(GStrv) columns = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (sb_campaign_get_path (campaign), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info ('messages') ORDER BY cid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  columns = g_strv_builder_end (builder);

  for (guint i = 0; i < changes->len; i++)
    {
      SbChange *change = changes->pdata[i];
      sqlite3_changeset_iter *iter = NULL;
      gsize size = 0;
      gconstpointer data = g_bytes_get_data (change->changeset, &size);

      if (size == 0)
        continue;
      g_assert_cmpint (sqlite3changeset_start (&iter, (int) size, (void *) data), ==, SQLITE_OK);
      while (sqlite3changeset_next (iter) == SQLITE_ROW)
        {
          const char *table = NULL;
          int n_columns = 0, op = 0;
          sqlite3_value *value = NULL;

          sqlite3changeset_op (iter, &table, &n_columns, &op, NULL);
          for (int c = 0; c < n_columns && strcmp (table, "messages") == 0; c++)
            {
              for (int side = 0; side < 2; side++)
                {
                  value = NULL;
                  if (side == 0 ? sqlite3changeset_old (iter, 0, &value) != SQLITE_OK ||
                                  value == NULL
                                : sqlite3changeset_new (iter, 0, &value) != SQLITE_OK || value == NULL)
                    continue;
                  if (g_strcmp0 ((const char *) sqlite3_value_text (value), message_id) != 0)
                    continue;
                  value = NULL;
                  if ((side == 0 ? sqlite3changeset_old (iter, c, &value)
                                 : sqlite3changeset_new (iter, c, &value)) == SQLITE_OK &&
                      value != NULL && is_sender_field (columns[c]) &&
                      !is_erased_value ((const char *) sqlite3_value_text (value)))
                    {
                      sqlite3changeset_finalize (iter);
                      return TRUE;
                    }
                }
            }
        }
      sqlite3changeset_finalize (iter);
    }
  return FALSE;
}

/* Was the sender of @message_id erased (on @campaign)? If so, nothing of the
 * sender is left there: not in the message, its history or the conflicts list. */
static gboolean
sender_erased (SbCampaign *campaign,
               const char *message_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = sb_campaign_list_history (campaign, message_id, &error);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(SbMessage) message = NULL;
  gboolean erased = FALSE;

  g_assert_no_error (error);
  for (guint k = 0; k < history->len; k++)
    erased |= g_strcmp0 (((SbHistoryEntry *) history->pdata[k])->field, "sender_erased") == 0;
  if (!erased)
    return FALSE;
  message = sb_campaign_get_message (campaign, message_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (message->sender_name, ==, "");
  g_assert_cmpstr (message->sender_city, ==, "");
  if (log_holds_sender (campaign, message_id))
    g_test_message ("%s: the sender is still in the log", message->ref);
  g_assert_false (log_holds_sender (campaign, message_id));
  for (guint k = 0; k < history->len; k++)
    {
      SbHistoryEntry *entry = history->pdata[k];

      if (!is_sender_field (entry->field))
        continue;
      if (!is_erased_value (entry->before) || !is_erased_value (entry->after))
        g_test_message ("%s: %s %s %s → %s is still there", message->ref, entry->entity,
                        entry->field, entry->before, entry->after);
      g_assert_true (is_erased_value (entry->before) && is_erased_value (entry->after));
    }
  conflicts = conflicts_of (campaign);
  for (guint k = 0; k < conflicts->len; k++)
    {
      SbConflict *conflict = conflicts->pdata[k];

      if (strcmp (conflict->row_id, message_id) != 0 || !is_sender_field (conflict->field))
        continue;
      if (!is_erased_value (conflict->kept) || !is_erased_value (conflict->other))
        g_test_message ("%s: conflict %s %s / %s is still there", message->ref, conflict->field,
                        conflict->kept, conflict->other);
      g_assert_true (is_erased_value (conflict->kept) && is_erased_value (conflict->other));
    }
  return TRUE;
}

/* Whether some office lists a conflict of @rule about a message of the batch
 * @code. */
static gboolean
batch_has_listed (Net        *net,
                  SbCampaign *campaign,
                  const char *code,
                  const char *rule)
{
  g_autoptr(SbBatch) batch = sb_campaign_get_batch (campaign, code, NULL);
  g_autoptr(GPtrArray) items = batch ? sb_campaign_list_batch_items (campaign, batch->id, NULL) : NULL;

  for (guint k = 0; items != NULL && k < items->len; k++)
    for (guint i = 0; i < net->n; i++)
      {
        g_autoptr(GPtrArray) conflicts = sb_campaign_list_conflicts (net->r[i], NULL);

        for (guint c = 0; c < conflicts->len; c++)
          {
            SbConflict *conflict = conflicts->pdata[c];

            if (g_strcmp0 (conflict->rule, rule) == 0 &&
                g_strcmp0 (conflict->row_id, ((SbBatchItem *) items->pdata[k])->message_id) == 0)
              return TRUE;
          }
      }
  return FALSE;
}

/* The problems sb_campaign_check() finds, but a manifest whose printed field lost
 * to another manifest's: two offices sealed batches with copies of one message,
 * each after an edit of it the other had not seen, and both edits are void
 * (docs/exchange.md, "Conflicts": what a sealed batch printed). That paper is
 * wrong, as check says; the conflict is listed. */
static guint
unexplained_problems (Net        *net,
                      SbCampaign *campaign,
                      GPtrArray  *problems)
{
  guint n = 0;

  for (guint k = 0; k < problems->len; k++)
    {
      const char *problem = problems->pdata[k];
      const char *end = strstr (problem, " no longer has the digest");
      g_autofree char *code = NULL;

      if (g_str_has_prefix (problem, "Batch ") && end != NULL)
        {
          code = g_strndup (problem + 6, end - problem - 6);
          if (batch_has_listed (net, campaign, code, "printed"))
            {
              n_printed_twice++;
              continue;
            }
        }
      n++;
    }
  return n;
}

/* The copies whose removal a conflict of rule added-again lists, in order. */
static char *
readded_copies (GPtrArray *conflicts)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint k = 0; k < conflicts->len; k++)
    if (g_strcmp0 (((SbConflict *) conflicts->pdata[k])->rule, "added-again") == 0)
      g_ptr_array_add (ids, ((SbConflict *) conflicts->pdata[k])->row_id);
  g_ptr_array_sort (ids, compare_strings);
  for (guint k = 0; k < ids->len; k++)
    g_string_append_printf (text, "%s\n", (const char *) ids->pdata[k]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
run_seed (guint  seed,
          guint *n_operations,
          guint *n_conflicts,
          guint *n_erased)
{
  g_autoptr(GRand) shape = g_rand_new_with_seed (seed);
  guint n = g_rand_int_range (shape, 3, MAX_REPLICAS + 1);
  guint steps = g_rand_int_range (shape, 30, 60);
  /* A fixed clock from the start (joining stamps the replicas' first clocks), so that
   * a seed replays exactly: on the wall clock, which office had joined a millisecond
   * later decided ties between clocks. */
  Net *net = net_new_at (n, seed, NET_START);
  g_autofree char *first = NULL;
  g_autofree char *readded_first = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NET_START, NULL);
  int skew[MAX_REPLICAS];

  /* Each office's clock runs a little fast or slow (up to a minute), and time goes
   * on between two operations: simulated, so that a seed replays exactly (on the
   * wall clock, which clock won depended on the milliseconds of the run). */
  for (guint i = 0; i < n; i++)
    skew[i] = g_rand_int_range (shape, -60, 61);
  for (guint step = 0; step < steps; step++)
    {
      GDateTime *later = g_date_time_add_seconds (now, g_rand_int_range (shape, 0, 300));

      g_date_time_unref (now);
      now = later;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GDateTime) skewed = g_date_time_add_seconds (now, skew[i]);
          g_autofree char *clock = g_date_time_format (skewed, "%Y-%m-%dT%H:%M:%SZ");

          sb_campaign_set_clock (net->r[i], clock);
        }
      random_operation (net, g_rand_int_range (net->rand, 0, n));
      (*n_operations)++;
      while (g_rand_int_range (net->rand, 0, 3) == 0)
        random_exchange (net);
    }
  deliver_everything (net);

  first = describe (net->r[0]);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *other = describe (net->r[i]);

      if (g_strcmp0 (first, other) != 0)
        show_difference (seed, i, first, other);
      g_assert_true (g_str_equal (first, other));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) conflicts = conflicts_of (net->r[i]);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *readded = readded_copies (conflicts);

      /* An addressee's removal set aside is listed on every office, whichever of
       * the add and the removal reached it first. */
      if (i == 0)
        readded_first = g_strdup (readded);
      else
        g_assert_cmpstr (readded, ==, readded_first);
      *n_conflicts += conflicts->len;
      for (guint k = 0; k < conflicts->len; k++)
        {
          SbConflict *conflict = conflicts->pdata[k];

          n_readded += g_strcmp0 (conflict->rule, "added-again") == 0;
          if (sb_conflict_rule_is_final (conflict->rule))
            {
              n_batch_rules++;
              if (g_test_verbose ())
                g_test_message ("seed %u, replica %u: %s %s kept %s, other %s (%s)", seed, i,
                                conflict->about, conflict->field, conflict->kept, conflict->other,
                                conflict->rule);
            }
        }
      /* The figures agree with the rows, the search index with the messages. */
      g_assert_true (sb_campaign_check (net->r[i], &problems, &error));
      g_assert_no_error (error);
      /* Batches included: a printed manifest keeps its digest, a copy in a batch
       * is marked as in it (docs/exchange.md, "Conflicts", the rules about batches). */
      for (guint k = 0; k < problems->len; k++)
        g_test_message ("seed %u, replica %u: %s", seed, i, (const char *) problems->pdata[k]);
      g_assert_cmpuint (unexplained_problems (net, net->r[i], problems), ==, 0);
    }

  /* A sender erased on one replica is erased on all, and nothing of it is left. */
  {
    g_autoptr(GPtrArray) ids = sb_store_list_message_ids (store_of (net->r[0]), "deleted", NULL);
    g_autoptr(GPtrArray) live = sb_campaign_list_message_ids (net->r[0], NULL, NULL);

    for (guint k = 0; k < live->len; k++)
      g_ptr_array_add (ids, g_strdup (live->pdata[k]));
    for (guint k = 0; k < ids->len; k++)
      {
        gboolean erased = sender_erased (net->r[0], ids->pdata[k]);

        *n_erased += erased;
        for (guint i = 1; i < n; i++)
          g_assert_true (sender_erased (net->r[i], ids->pdata[k]) == erased);
      }
  }

  /* Nothing written is lost: a value that is not the message's now was
   * overwritten knowingly, or is in a conflicts list. */
  for (guint k = 0; k < net->edits->len; k++)
    {
      Edit *edit = net->edits->pdata[k];
      g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[0], edit->message_id, NULL);

      g_assert_nonnull (message);
      /* What erasing the sender erased is meant to be gone, everywhere. */
      if (is_sender_field (edit->field))
        {
          gboolean erased = sender_erased (net->r[0], edit->message_id);

          for (guint i = 1; i < net->n; i++)
            g_assert_true (sender_erased (net->r[i], edit->message_id) == erased);
          if (erased)
            continue;
        }
      if (g_strcmp0 (*field_of (message, edit->field), edit->value) == 0 || superseded (net, edit))
        continue;
      if (replaced_in_history (net, edit))
        continue;
      if (!in_conflicts (net, edit))
        g_test_message ("seed %u: %s of %s = “%s” by replica %u is lost", seed, edit->field,
                        message->ref, edit->value, edit->replica);
      g_assert_true (in_conflicts (net, edit));
    }
  net_free (net);
}

static void
test_converge (void)
{
  const char *env = g_getenv ("SAMBOT_CONFLICT_SEEDS");
  const char *first_env = g_getenv ("SAMBOT_CONFLICT_FIRST_SEED");
  guint first = first_env != NULL ? (guint) g_ascii_strtoull (first_env, NULL, 10) : 1;
  guint seeds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : g_test_slow () ? 300 : 12;
  guint n_operations = 0, n_conflicts = 0, n_erased = 0;

  for (guint seed = first; seed < first + seeds; seed++)
    run_seed (seed, &n_operations, &n_conflicts, &n_erased);
  g_test_message ("%u seeds, %u operations, %u conflicts listed (%u by the rules about "
                  "batches, %u addressees' removals set aside), %u manifests printed with a "
                  "value another manifest's replaced, %u senders erased", seeds, n_operations,
                  n_conflicts, n_batch_rules, n_readded, n_printed_twice, n_erased);
  g_assert_cmpuint (n_conflicts, >, 0);
}

/* A postcard typed on the first office, addressed to the first detainee, that
 * every office has. */
static char *
shared_message (Net *net)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();
  const char *const addressees[] = { net->detainees[0], NULL };

  sb_test_set (&message->original_text, "ស៊ូទ្រាំ​ទៅ បងប្អូន");
  sb_test_set (&message->language, "km");
  sb_test_set (&message->sender_name, "Kim Dara");
  sb_test_set (&message->received_on, "2016-10-09");
  g_assert_true (sb_campaign_add_message (net->r[0], message, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_assign (net->r[0], message->id, addressees, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  return g_strdup (message->id);
}

static void
set_sender (SbCampaign *campaign,
            const char *id,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, &error);

  g_assert_no_error (error);
  sb_test_set (&message->sender_name, name);
  g_assert_true (sb_campaign_update_message (campaign, message, &error));
  g_assert_no_error (error);
}

static void
set_notes (SbCampaign *campaign,
           const char *id,
           const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, &error);

  g_assert_no_error (error);
  sb_test_set (&message->notes, notes);
  g_assert_true (sb_campaign_update_message (campaign, message, &error));
  g_assert_no_error (error);
}

static void assert_all_equal (Net *net);

/* Office A's name for the sender lost to B's; then A erases the sender: the
 * conflicts list keeps neither name, on any office. */
static void
test_erasure_empties_conflicts (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 11);
  g_autofree char *id = shared_message (net);
  guint n_scans = 0;

  set_sender (net->r[0], id, "Kim Dara (office A)");
  g_usleep (2000);
  set_sender (net->r[1], id, "Kim Darareth (office B)");
  deliver_everything (net);
  g_assert_true (sb_campaign_forget_sender (net->r[0], id, &n_scans, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  assert_all_equal (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) conflicts = conflicts_of (net->r[i]);

      for (guint k = 0; k < conflicts->len; k++)
        {
          SbConflict *conflict = conflicts->pdata[k];

          g_assert_true (conflict->kept == NULL || strstr (conflict->kept, "Kim") == NULL);
          g_assert_true (conflict->other == NULL || strstr (conflict->other, "Kim") == NULL);
        }
    }
  net_free (net);
}

/* Office B corrects the sender's city without having seen that office A erased
 * the sender. Office C gets the erasure first, then B's city; B gets the erasure
 * after its own edit; A gets B's edit after its erasure: each empties the city
 * again. Every office ends the same, the city nowhere in the message, its history
 * or the conflicts list (the found divergence: each office kept the city in the
 * history row of its own emptying, which never travelled). */
static void
test_erasure_late_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = NULL;
  Net *net = net_new (3, 13);
  g_autofree char *id = shared_message (net);
  guint n_scans = 0;

  message = sb_campaign_get_message (net->r[1], id, &error);
  g_assert_no_error (error);
  sb_test_set (&message->sender_city, "Lyon");
  g_assert_true (sb_campaign_update_message (net->r[1], message, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (sb_campaign_forget_sender (net->r[0], id, &n_scans, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deliver (net, 0, 2, 0, G_MAXUINT), >, 0);
  g_assert_cmpuint (deliver (net, 1, 2, 0, G_MAXUINT), >, 0);
  g_assert_cmpuint (deliver (net, 0, 1, 0, G_MAXUINT), >, 0);
  g_assert_cmpuint (deliver (net, 1, 0, 0, G_MAXUINT), >, 0);
  deliver_everything (net);
  assert_all_equal (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) history = sb_campaign_list_history (net->r[i], id, &error);

      g_assert_no_error (error);
      g_assert_true (sender_erased (net->r[i], id));
      for (guint k = 0; k < history->len; k++)
        {
          SbHistoryEntry *entry = history->pdata[k];

          g_assert_cmpstr (entry->before != NULL ? strstr (entry->before, "Lyon") : NULL, ==, NULL);
          g_assert_cmpstr (entry->after != NULL ? strstr (entry->after, "Lyon") : NULL, ==, NULL);
        }
    }
  net_free (net);
}

static char *
sender_of (SbCampaign *campaign,
           const char *id)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, NULL);

  return g_strdup (message->sender_name);
}

static void
assert_all_equal (Net *net)
{
  g_autofree char *first = describe (net->r[0]);

  for (guint i = 1; i < net->n; i++)
    {
      g_autofree char *other = describe (net->r[i]);

      g_assert_cmpstr (first, ==, other);
    }
}

/* Two offices correct the same sender's name without seeing each other's: the
 * later correction wins on every office, whatever order the changes come in;
 * the other name is in the loser's conflicts and its message's history; taking
 * it with `sambot-cli conflicts resolve --take theirs` travels to everyone. */
static void
test_sender_name (void)
{
  Net *net = net_new (3, 7);
  g_autofree char *id = shared_message (net);
  g_autofree char *path = g_build_filename (net->dir, "campaign.sambot", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *conflict_id = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gboolean in_history = FALSE;

  set_sender (net->r[0], id, "Kim Dara (office A)");
  set_notes (net->r[0], id, "Seen at the market (A)");
  g_usleep (2000);   /* B's corrections come later: their clock is later */
  set_sender (net->r[1], id, "Kim Darareth (office B)");
  set_notes (net->r[1], id, "Seen at the school (B)");
  /* C gets B's first, A gets B's, B gets A's: every order. */
  deliver (net, 1, 2, 0, G_MAXUINT);
  deliver (net, 0, 2, 0, G_MAXUINT);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autofree char *name = sender_of (net->r[i], id);

      g_assert_cmpstr (name, ==, "Kim Darareth (office B)");
    }
  assert_all_equal (net);

  /* A, whose name lost, lists it; B and C, which never showed it last, list it too
   * where they saw it lose (C), B saw it lose against its own. */
  conflicts = conflicts_of (net->r[0]);
  g_assert_cmpuint (conflicts->len, ==, 2);
  {
    SbConflict *conflict = conflicts->pdata[0];
    g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[0], id, NULL);

    g_assert_cmpstr (conflict->about, ==, message->ref);
    g_assert_cmpstr (conflict->field, ==, "sender_name");
    g_assert_cmpstr (conflict->kept, ==, "Kim Darareth (office B)");
    g_assert_cmpstr (conflict->other, ==, "Kim Dara (office A)");
    g_assert_cmpstr (conflict->kept_replica, ==, net->ids[1]);
    g_assert_cmpstr (conflict->other_replica, ==, net->ids[0]);
    conflict_id = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);
  }
  /* Another field's loser is in the history too; a sender's name, city or
   * contact only in the list, which erasing the sender empties. */
  history = sb_campaign_list_history (net->r[0], id, NULL);
  for (guint k = 0; k < history->len; k++)
    {
      SbHistoryEntry *entry = history->pdata[k];

      in_history = in_history ||
        (g_strcmp0 (entry->entity, "conflict") == 0 &&
         g_strcmp0 (entry->field, "notes") == 0 &&
         g_strcmp0 (entry->before, "Seen at the market (A)") == 0 &&
         g_strcmp0 (entry->after, "Seen at the school (B)") == 0);
      g_assert_false (g_strcmp0 (entry->entity, "conflict") == 0 &&
                      g_strcmp0 (entry->field, "sender_name") == 0);
    }
  g_assert_true (in_history);

  /* As a person at office A sees it, and takes its own name back. */
  listed = sb_test_cli_ok ("conflicts", "list", "--json", "-c", path);
  g_assert_nonnull (strstr (listed, "\"other\" : \"Kim Dara (office A)\""));
  {
    g_autofree char *text = sb_test_cli_ok ("conflicts", "list", "-c", path);
    g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[0], id, NULL);

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, message->ref));
    g_assert_nonnull (strstr (text, "Kim Dara (office A)"));
  }
  {
    g_autoptr(SbTestResult) unsure = sb_test_cli_run ("conflicts", "resolve", conflict_id, "-c", path);

    g_assert_cmpint (unsure->status, ==, 2);   /* a usage error: it says what to add */
    g_assert_nonnull (strstr (unsure->err, "--take"));
  }
  resolved = sb_test_cli_ok ("conflicts", "resolve", conflict_id, "--take", "theirs", "-c", path);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = conflicts_of (net->r[0]);
  g_assert_cmpuint (conflicts->len, ==, 1);   /* the notes' */
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autofree char *name = sender_of (net->r[i], id);

      g_assert_cmpstr (name, ==, "Kim Dara (office A)");
    }
  assert_all_equal (net);
  net_free (net);
}

/* The id of the conflict listed so on @campaign, or 0; a NULL @kept or @other
 * matches any value. */
static gint64
listed (SbCampaign *campaign,
        const char *field,
        const char *kept,
        const char *other,
        const char *rule)
{
  g_autoptr(GPtrArray) conflicts = conflicts_of (campaign);

  for (guint k = 0; k < conflicts->len; k++)
    {
      SbConflict *conflict = conflicts->pdata[k];

      if (g_strcmp0 (conflict->field, field) == 0 && g_strcmp0 (conflict->rule, rule) == 0 &&
          (kept == NULL || g_strcmp0 (conflict->kept, kept) == 0) &&
          (other == NULL || g_strcmp0 (conflict->other, other) == 0))
        return conflict->id;
    }
  return 0;
}

/* Office A holds a postcard; office B, which has not received the hold,
 * approves it later: the hold stands everywhere, the approval is listed. Once B
 * has seen the hold, its approval counts. */
static void
test_hold_beats_approval (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 8);
  g_autofree char *id = shared_message (net);

  g_assert_true (sb_campaign_hold (net->r[0], id, "Names a guard", &error));
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (sb_campaign_approve (net->r[1], id, TRUE, &error));
  g_assert_no_error (error);
  deliver (net, 1, 2, 0, G_MAXUINT);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[i], id, NULL);
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (net->r[i], id, NULL);

      g_assert_cmpstr (message->status, ==, "held");
      g_assert_cmpstr (((SbCopy *) copies->pdata[0])->state, ==, "pending");
    }
  assert_all_equal (net);
  g_assert_cmpint (listed (net->r[1], "status", NULL, "approved", "hold"), >, 0);

  /* B, having seen the hold, approves: that counts everywhere. */
  g_assert_true (sb_campaign_approve (net->r[1], id, TRUE, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[i], id, NULL);

      g_assert_cmpstr (message->status, ==, "approved");
    }
  assert_all_equal (net);
  net_free (net);
}

/* A postcard approved by office A: its first copy (for the first detainee). */
static GPtrArray *
approved_first_copy (Net        *net,
                     const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *copies;

  g_assert_true (sb_campaign_approve (net->r[0], id, TRUE, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  copies = sb_campaign_list_copies (net->r[0], id, NULL);
  g_ptr_array_set_size (copies, 1);
  return copies;
}

/* A draft batch of office @i for the first prison, holding @copies. */
static SbBatch *
batch_of (Net       *net,
          guint      i,
          GPtrArray *copies)
{
  g_autoptr(GError) error = NULL;
  SbBatch *batch = sb_campaign_create_batch (net->r[i], net->facilities[0], &error);

  g_assert_no_error (error);
  g_assert_true (sb_campaign_batch_add (net->r[i], batch->id, copies, &error));
  g_assert_no_error (error);
  return batch;
}

/* sb_campaign_check() finds nothing wrong on any office. */
static void
assert_all_sound (Net *net)
{
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (sb_campaign_check (net->r[i], &problems, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < problems->len; k++)
        g_test_message ("office %u: %s", i, (const char *) problems->pdata[k]);
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static guint
count_items (SbCampaign *campaign,
             const char *batch_id)
{
  g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch_id, NULL);

  return items->len;
}

/* Offices A and B put the same copy in a batch each; A seals its batch. Every
 * office ends with the copy in both (no rule takes a copy out of a batch, so the
 * order the changes come in cannot matter) and lists B's draft; B cannot seal
 * its draft until it takes the copy out, and then the copy is in A's batch only,
 * still marked as in a batch. */
static void
test_same_copy_two_batches (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 9);
  g_autofree char *id = shared_message (net);
  g_autoptr(GPtrArray) copies = approved_first_copy (net, id);
  g_autoptr(SbBatch) batch_b = batch_of (net, 1, copies);
  g_autoptr(SbBatch) batch_a = batch_of (net, 0, copies);
  g_autoptr(SbBatch) sealed_a = NULL;

  g_assert_true (sb_campaign_seal_batch (net->r[0], batch_a->id, &error));
  g_assert_no_error (error);
  sealed_a = sb_campaign_get_batch (net->r[0], batch_a->id, &error);
  deliver (net, 1, 2, 0, G_MAXUINT);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_assert_cmpuint (count_items (net->r[i], batch_a->id), ==, 1);
      g_assert_cmpuint (count_items (net->r[i], batch_b->id), ==, 1);
    }
  assert_all_equal (net);
  assert_all_sound (net);
  g_assert_cmpint (listed (net->r[1], "batch", sealed_a->code, batch_b->created_on, "sealed"), >, 0);

  g_assert_false (sb_campaign_seal_batch (net->r[1], batch_b->id, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, sealed_a->code));
  g_clear_error (&error);
  g_assert_true (sb_campaign_batch_remove (net->r[1], batch_b->id, copies, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) now = sb_campaign_list_copies (net->r[i], id, NULL);

      g_assert_cmpuint (count_items (net->r[i], batch_a->id), ==, 1);
      g_assert_cmpuint (count_items (net->r[i], batch_b->id), ==, 0);
      g_assert_cmpstr (((SbCopy *) now->pdata[0])->state, ==, "in_batch");
    }
  assert_all_equal (net);
  assert_all_sound (net);
  net_free (net);
}

/* Offices A and B put the same copy in a batch each and both seal before
 * hearing of each other: both manifests are printed with it. Every office ends
 * with it in both sealed batches, each digest intact, and lists it to be
 * delivered once; once A's batch came back delivered, B's still holds it. */
static void
test_both_sealed (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 11);
  g_autofree char *id = shared_message (net);
  g_autoptr(GPtrArray) copies = approved_first_copy (net, id);
  g_autoptr(SbBatch) batch_a = batch_of (net, 0, copies);
  g_autoptr(SbBatch) batch_b = batch_of (net, 1, copies);
  g_autofree char *day = _sb_campaign_today (net->r[0]);
  g_autofree char *today = g_strconcat (day, " 09:30", NULL);

  g_assert_true (sb_campaign_seal_batch (net->r[0], batch_a->id, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (net->r[1], batch_b->id, &error));
  g_assert_no_error (error);
  /* Office C hears of B's seal first, A of its own. */
  deliver (net, 1, 2, 0, G_MAXUINT);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_assert_cmpuint (count_items (net->r[i], batch_a->id), ==, 1);
      g_assert_cmpuint (count_items (net->r[i], batch_b->id), ==, 1);
      g_assert_cmpint (listed (net->r[i], "batch", NULL, NULL, "sealed"), >, 0);
    }
  assert_all_equal (net);
  assert_all_sound (net);

  g_assert_true (sb_campaign_hand_over_batch (net->r[0], batch_a->id, today, "Dara",
                                              "Guard", "Officer", &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_record_outcomes (net->r[0], batch_a->id, NULL, 0, TRUE,
                                              today, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) now = sb_campaign_list_copies (net->r[i], id, NULL);

      g_assert_cmpstr (((SbCopy *) now->pdata[0])->state, ==, "delivered");
      g_assert_cmpuint (count_items (net->r[i], batch_b->id), ==, 1);
    }
  assert_all_equal (net);
  assert_all_sound (net);
  net_free (net);
}

/* Office A makes a draft that every office has; A seals it, and B, which has
 * not heard of A's seal, seals it too and hands it over. Every office ends with
 * A's seal (the first: its code and digest, so the digest still matches) and
 * the batch handed over (a state only moves forward); B lists A's code against
 * its own, and cannot take its own back. */
static void
test_sealed_twice (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 13);
  g_autofree char *id = shared_message (net);
  g_autoptr(GPtrArray) copies = approved_first_copy (net, id);
  g_autoptr(SbBatch) batch = batch_of (net, 0, copies);
  g_autofree char *day = _sb_campaign_today (net->r[0]);
  g_autofree char *moment = g_strconcat (day, " 09:30", NULL);
  g_autofree char *code_a = g_strdup_printf ("F0-%s-A-01", day);
  g_autofree char *code_b = g_strdup_printf ("F0-%s-B-01", day);
  gint64 listed_b;

  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 1);
  g_autofree char *first_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *then_at = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");

  deliver_everything (net);
  /* A seals first by the clock, whatever the milliseconds. */
  sb_campaign_set_clock (net->r[0], first_at);
  g_assert_true (sb_campaign_seal_batch (net->r[0], batch->id, &error));
  g_assert_no_error (error);
  sb_campaign_set_clock (net->r[1], then_at);
  g_assert_true (sb_campaign_seal_batch (net->r[1], batch->id, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_hand_over_batch (net->r[1], batch->id, moment, "Dara", "Guard",
                                              "Officer", &error));
  g_assert_no_error (error);
  deliver (net, 1, 2, 0, G_MAXUINT);   /* C hears of B's first */
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbBatch) seen = sb_campaign_get_batch (net->r[i], batch->id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (seen->code, ==, code_a);
      g_assert_cmpstr (seen->state, ==, "handed_over");
    }
  assert_all_equal (net);
  assert_all_sound (net);
  listed_b = listed (net->r[1], "code", code_a, code_b, "first-seal");
  g_assert_cmpint (listed_b, >, 0);
  g_assert_false (sb_campaign_resolve_conflict (net->r[1], listed_b, TRUE, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  net_free (net);
}

/* Office A takes a postcard's first detainee away (its copy deleted) while office
 * B, which has not heard of it, puts that copy in a batch and seals it. A copy in
 * a batch stays (docs/exchange.md, "Conflicts", the rules about batches): every
 * office ends with the copy, as B had it, in B's batch, and the digest holds. */
static void
test_unassigned_while_batched (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 14);
  g_autofree char *id = shared_message (net);
  g_autoptr(GPtrArray) copies = approved_first_copy (net, id);
  const char *others[] = { net->detainees[1], NULL };
  g_autoptr(SbBatch) batch = NULL;

  g_assert_true (sb_campaign_assign (net->r[0], id, others, &error));
  g_assert_no_error (error);
  batch = batch_of (net, 1, copies);
  g_assert_true (sb_campaign_seal_batch (net->r[1], batch->id, &error));
  g_assert_no_error (error);
  deliver (net, 0, 2, 0, G_MAXUINT);   /* C hears of the unassigning first */
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbCopy) copy = sb_store_get_copy (store_of (net->r[i]), id, net->detainees[0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (copy->state, ==, "in_batch");
      g_assert_cmpuint (count_items (net->r[i], batch->id), ==, 1);
    }
  assert_all_equal (net);
  assert_all_sound (net);
  g_assert_cmpint (listed (net->r[0], "batch", NULL, NULL, "batch"), >, 0);
  g_assert_cmpint (listed (net->r[1], "batch", NULL, NULL, "batch"), >, 0);
  net_free (net);
}

/* Once every office has every change: the copy of @id for @detainee on each, the
 * offices alike and sound, and the deletion set aside listed on each, as a
 * removal of the addressee. */
static void
assert_copy_everywhere (Net        *net,
                        const char *id,
                        const char *detainee)
{
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCopy) copy = sb_store_get_copy (store_of (net->r[i]), id, detainee, &error);
      g_autoptr(SbConflict) conflict = NULL;
      gint64 listed_id = listed (net->r[i], "addressee", NULL, NULL, "added-again");

      g_assert_no_error (error);
      g_assert_nonnull (copy);
      g_assert_cmpint (listed_id, >, 0);
      conflict = sb_store_get_conflict (store_of (net->r[i]), listed_id, &error);
      g_assert_no_error (error);
      g_assert_null (conflict->other);
      g_assert_true (sb_conflict_can_take_other (conflict));
      g_assert_nonnull (strstr (conflict->row_id, detainee));
      g_assert_nonnull (strstr (conflict->row_id, id));
    }
  assert_all_equal (net);
  assert_all_sound (net);
}

/* @campaign's office makes @a and @b (if not NULL) the addressees of message @id. */
static void
address (SbCampaign *campaign,
         const char *id,
         const char *a,
         const char *b)
{
  g_autoptr(GError) error = NULL;
  const char *detainees[] = { a, b, NULL };

  g_assert_true (sb_campaign_assign (campaign, id, detainees, &error));
  g_assert_no_error (error);
}

/* Office B addresses a message to a detainee and takes it back; office A, before
 * hearing of either, addresses it to the same detainee. B's deletion was of the copy
 * it knew: A's copy stays on every office, whichever arrives first (found by the
 * property test on simulated clocks, seed 1028: A lost its copy, C kept it). */
static void
test_added_again_unseen (void)
{
  Net *net = net_new (3, 15);
  g_autofree char *id = shared_message (net);

  address (net->r[1], id, net->detainees[0], net->detainees[1]);
  address (net->r[1], id, net->detainees[0], NULL);
  address (net->r[0], id, net->detainees[0], net->detainees[1]);
  deliver (net, 1, 0, 0, G_MAXUINT);   /* A: its copy, then B's deletion */
  deliver (net, 1, 2, 0, G_MAXUINT);   /* C: B's deletion, then A's copy */
  assert_copy_everywhere (net, id, net->detainees[1]);
  net_free (net);
}

/* Offices A and B address a message to the same detainee before hearing of each
 * other; A takes its copy back. Office C had both adds (A's first) when A's deletion
 * arrives: the deletion was of A's copy, B's stays, as it does on A and B
 * (property-test seeds 1069, 1364: C deleted it). */
static void
test_added_twice_deleted_once (void)
{
  Net *net = net_new (3, 16);
  g_autofree char *id = shared_message (net);

  address (net->r[0], id, net->detainees[0], net->detainees[1]);
  address (net->r[1], id, net->detainees[0], net->detainees[1]);
  deliver (net, 0, 2, 0, G_MAXUINT);   /* C: A's add, then B's */
  deliver (net, 1, 2, 0, G_MAXUINT);
  address (net->r[0], id, net->detainees[0], NULL);
  deliver (net, 0, 2, 0, G_MAXUINT);   /* C: A's deletion */
  assert_copy_everywhere (net, id, net->detainees[1]);
  net_free (net);
}

/* The addressee kept by rule added-again, removed from the conflicts list by
 * "Use Other Value" on office A: an ordinary removal, which reaches every office;
 * the others' lists keep theirs until someone there keeps it. */
static void
test_added_again_taken (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 17);
  g_autofree char *id = shared_message (net);
  gint64 listed_a;

  address (net->r[1], id, net->detainees[0], net->detainees[1]);
  address (net->r[1], id, net->detainees[0], NULL);
  address (net->r[0], id, net->detainees[0], net->detainees[1]);
  assert_copy_everywhere (net, id, net->detainees[1]);

  listed_a = listed (net->r[0], "addressee", NULL, NULL, "added-again");
  g_assert_true (sb_campaign_resolve_conflict (net->r[0], listed_a, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (listed (net->r[0], "addressee", NULL, NULL, "added-again"), ==, 0);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbCopy) gone = sb_store_get_copy (store_of (net->r[i]), id, net->detainees[1], NULL);
      g_autoptr(SbCopy) kept = sb_store_get_copy (store_of (net->r[i]), id, net->detainees[0], NULL);

      g_assert_null (gone);
      g_assert_nonnull (kept);
    }
  g_assert_cmpint (listed (net->r[2], "addressee", NULL, NULL, "added-again"), >, 0);
  assert_all_equal (net);
  net_free (net);
}

/* As /conflicts/added-again-unseen, and A puts its copy in a draft batch before
 * hearing of B's removal: the copy stays in the batch, and every office lists the
 * removal by the same rule, added-again, whichever arrived first (a review found B
 * listing added-again and A "batch"). */
static void
test_added_again_batched (void)
{
  Net *net = net_new (2, 20);
  g_autofree char *id = shared_message (net);
  g_autoptr(GPtrArray) approved = approved_first_copy (net, id);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_copy_free);
  g_autoptr(SbBatch) batch = NULL;

  address (net->r[1], id, net->detainees[0], net->detainees[1]);
  address (net->r[1], id, net->detainees[0], NULL);
  address (net->r[0], id, net->detainees[0], net->detainees[1]);
  g_ptr_array_add (copies, sb_store_get_copy (store_of (net->r[0]), id, net->detainees[1], NULL));
  /* The detainee's prison: the one whose draft takes the copy. */
  for (guint f = 0; f < net->n && batch == NULL; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbBatch) draft = sb_campaign_create_batch (net->r[0], net->facilities[f], &error);

      g_assert_no_error (error);
      if (sb_campaign_batch_add (net->r[0], draft->id, copies, NULL))
        batch = g_steal_pointer (&draft);
    }
  g_assert_nonnull (batch);
  assert_copy_everywhere (net, id, net->detainees[1]);
  for (guint i = 0; i < net->n; i++)
    g_assert_cmpint (listed (net->r[i], "batch", NULL, NULL, "batch"), ==, 0);
  net_free (net);
}

/* Offices A and B address a message to the same detainee before hearing of each
 * other; A takes its copy back, then addresses it again. Every office lists A's
 * removal, set aside by B's add, once (a review found only B listing it). */
static void
test_added_again_by_remover (void)
{
  Net *net = net_new (3, 21);
  g_autofree char *id = shared_message (net);

  address (net->r[0], id, net->detainees[0], net->detainees[1]);
  address (net->r[1], id, net->detainees[0], net->detainees[1]);
  address (net->r[0], id, net->detainees[0], NULL);
  address (net->r[0], id, net->detainees[0], net->detainees[1]);
  assert_copy_everywhere (net, id, net->detainees[1]);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) conflicts = conflicts_of (net->r[i]);
      guint n = 0;

      for (guint k = 0; k < conflicts->len; k++)
        n += g_strcmp0 (((SbConflict *) conflicts->pdata[k])->rule, "added-again") == 0;
      g_assert_cmpuint (n, ==, 1);
    }
  net_free (net);
}

/* Taking the removal back is refused for a message's only addressee: a message
 * always has one. */
static void
test_added_again_only (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (2, 19);
  g_autofree char *id = shared_message (net);
  gint64 listed_a;

  address (net->r[1], id, net->detainees[0], net->detainees[1]);
  address (net->r[1], id, net->detainees[0], NULL);
  address (net->r[0], id, net->detainees[1], NULL);
  deliver_everything (net);
  listed_a = listed (net->r[0], "addressee", NULL, NULL, "added-again");
  g_assert_cmpint (listed_a, >, 0);
  address (net->r[0], id, net->detainees[1], NULL);
  g_assert_false (sb_campaign_resolve_conflict (net->r[0], listed_a, TRUE, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "only addressee"));
  g_assert_cmpint (listed (net->r[0], "addressee", NULL, NULL, "added-again"), ==, listed_a);
  net_free (net);
}

/* An addressee removed, then added again by an office that had received the
 * removal: nothing to review, on any office. */
static void
test_added_again_seen (void)
{
  Net *net = net_new (3, 18);
  g_autofree char *id = shared_message (net);

  address (net->r[1], id, net->detainees[0], net->detainees[1]);
  address (net->r[1], id, net->detainees[0], NULL);
  deliver (net, 1, 0, 0, G_MAXUINT);
  address (net->r[0], id, net->detainees[0], net->detainees[1]);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbCopy) copy = sb_store_get_copy (store_of (net->r[i]), id, net->detainees[1], NULL);

      g_assert_nonnull (copy);
      g_assert_cmpint (listed (net->r[i], "addressee", NULL, NULL, "added-again"), ==, 0);
    }
  assert_all_equal (net);
  net_free (net);
}

/* Offices A and B each seal a batch for the same prison on the same day, with
 * different postcards, before hearing of each other: each numbers its own batches
 * (docs/exchange.md, "Batch codes"), so both batches reach every office. Before,
 * both were F0-<day>-01 and the second office's changes were refused for good. */
static void
test_two_offices_one_prison (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 12);
  g_autofree char *first = shared_message (net);
  g_autoptr(GPtrArray) copies_a = approved_first_copy (net, first);
  g_autoptr(SbBatch) batch_a = batch_of (net, 0, copies_a);
  g_autofree char *second = shared_message (net);    /* every office has A's draft */
  g_autoptr(GPtrArray) copies_b = approved_first_copy (net, second);
  g_autoptr(SbBatch) batch_b = batch_of (net, 1, copies_b);
  g_autofree char *today = _sb_campaign_today (net->r[0]);
  g_autofree char *code_a = g_strdup_printf ("F0-%s-A-01", today);
  g_autofree char *code_b = g_strdup_printf ("F0-%s-B-01", today);

  g_assert_true (sb_campaign_seal_batch (net->r[0], batch_a->id, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (net->r[1], batch_b->id, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbBatch) a = sb_campaign_get_batch (net->r[i], batch_a->id, &error);
      g_autoptr(SbBatch) b = sb_campaign_get_batch (net->r[i], batch_b->id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (a->code, ==, code_a);
      g_assert_cmpstr (b->code, ==, code_b);
      g_assert_cmpstr (b->state, ==, "sealed");
      g_assert_cmpuint (count_items (net->r[i], batch_a->id), ==, 1);
      g_assert_cmpuint (count_items (net->r[i], batch_b->id), ==, 1);
    }
  assert_all_equal (net);
  net_free (net);
}

/* The same, but office A had B's draft item already when it sealed: A lists it
 * at sealing, as the others do when the seal reaches them. */
static void
test_sealed_after_both (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 10);
  g_autofree char *id = shared_message (net);
  g_autoptr(GPtrArray) copies = approved_first_copy (net, id);
  g_autoptr(SbBatch) batch_a = batch_of (net, 0, copies);
  g_autoptr(SbBatch) batch_b = batch_of (net, 1, copies);

  deliver (net, 1, 0, 0, G_MAXUINT);
  {
    g_autoptr(GPtrArray) in_b = sb_campaign_list_batch_items (net->r[0], batch_b->id, NULL);

    g_assert_cmpuint (in_b->len, ==, 1);   /* two drafts may share a copy */
  }
  g_assert_true (sb_campaign_seal_batch (net->r[0], batch_a->id, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) in_a = sb_campaign_list_batch_items (net->r[i], batch_a->id, NULL);
      g_autoptr(GPtrArray) in_b = sb_campaign_list_batch_items (net->r[i], batch_b->id, NULL);

      g_assert_cmpuint (in_a->len, ==, 1);
      g_assert_cmpuint (in_b->len, ==, 1);
    }
  g_assert_cmpint (listed (net->r[0], "batch", NULL, batch_b->created_on, "sealed"), >, 0);
  assert_all_equal (net);
  assert_all_sound (net);
  net_free (net);
}


/* What a batches rule kept cannot be undone by taking the other value; keeping
 * it takes the conflict off the list. */
static void
assert_kept_for_good (SbCampaign *campaign,
                      gint64      conflict_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_campaign_resolve_conflict (campaign, conflict_id, TRUE, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_true (sb_campaign_resolve_conflict (campaign, conflict_id, FALSE, &error));
  g_assert_no_error (error);
}

/* A approved postcard of the first detainee, put in a batch by office A. */
static SbBatch *
batch_shared_message (Net        *net,
                      const char *id)
{
  g_autoptr(GPtrArray) copies = approved_first_copy (net, id);

  return batch_of (net, 0, copies);
}

/* Office A seals a batch holding a postcard; office B, which has not received
 * the seal, corrects the postcard's text later. The text printed stays on every
 * office (the manifest's digest still matches), B's text is listed. Office C
 * gets B's correction before the seal: the seal puts the printed text back. */
static void
test_edit_after_unseen_seal (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 14);
  g_autofree char *id = shared_message (net);
  g_autoptr(SbBatch) batch = batch_shared_message (net, id);
  g_autoptr(SbMessage) edited = NULL;

  g_assert_true (sb_campaign_seal_batch (net->r[0], batch->id, &error));
  g_assert_no_error (error);
  g_usleep (2000);   /* B's correction comes later: its clock is later */
  edited = sb_campaign_get_message (net->r[1], id, &error);
  g_assert_no_error (error);
  sb_test_set (&edited->original_text, "Corrected by office B");
  g_assert_true (sb_campaign_update_message (net->r[1], edited, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deliver (net, 1, 2, 0, G_MAXUINT), >, 0);
  g_assert_cmpuint (deliver (net, 0, 2, 0, G_MAXUINT), >, 0);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[i], id, NULL);

      g_assert_cmpstr (message->original_text, ==, "ស៊ូទ្រាំ​ទៅ បងប្អូន");
    }
  assert_all_equal (net);
  assert_all_sound (net);
  for (guint i = 0; i < net->n; i++)
    g_assert_cmpint (listed (net->r[i], "original_text", "ស៊ូទ្រាំ​ទៅ បងប្អូន",
                             "Corrected by office B", "printed"), >, 0);
  assert_kept_for_good (net->r[1], listed (net->r[1], "original_text", "ស៊ូទ្រាំ​ទៅ បងប្អូន",
                                           "Corrected by office B", "printed"));
  net_free (net);
}

/* Office A puts a postcard in a draft batch; office B, which has not received
 * the batch, holds the postcard later. On every office the copy stays in the
 * batch and marked as in it, the message is held, and B's "pending" is listed
 * against the batch. Office C gets the hold first. */
static void
test_hold_after_unseen_batch (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 15);
  g_autofree char *id = shared_message (net);
  g_autoptr(SbBatch) batch = batch_shared_message (net, id);

  g_usleep (2000);   /* B's hold comes later: its clock is later */
  g_assert_true (sb_campaign_hold (net->r[1], id, "Names a guard", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deliver (net, 1, 2, 0, G_MAXUINT), >, 0);
  g_assert_cmpuint (deliver (net, 0, 2, 0, G_MAXUINT), >, 0);
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[i], id, NULL);
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (net->r[i], id, NULL);
      g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (net->r[i], batch->id, NULL);

      g_assert_cmpstr (message->status, ==, "held");
      g_assert_cmpstr (((SbCopy *) copies->pdata[0])->state, ==, "in_batch");
      g_assert_cmpuint (items->len, ==, 1);
    }
  assert_all_equal (net);
  assert_all_sound (net);
  for (guint i = 0; i < net->n; i++)
    g_assert_cmpint (listed (net->r[i], "state", "in_batch", "pending", "batch"), >, 0);
  assert_kept_for_good (net->r[1], listed (net->r[1], "state", "in_batch", "pending", "batch"));

  /* The hold is not defeated by sealing: A must take the copy out (or approve
   * the message again); taken out, it waits for nothing while held. */
  g_assert_false (sb_campaign_seal_batch (net->r[0], batch->id, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) copies = sb_campaign_list_copies (net->r[0], id, NULL);

    g_assert_true (sb_campaign_batch_remove (net->r[0], batch->id, copies, &error));
    g_assert_no_error (error);
  }
  deliver_everything (net);
  for (guint i = 0; i < net->n; i++)
    {
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (net->r[i], id, NULL);

      g_assert_cmpstr (((SbCopy *) copies->pdata[0])->state, ==, "pending");
    }
  assert_all_equal (net);
  assert_all_sound (net);
  net_free (net);
}

/* The text office A wrote lost to B's by the clock; then A seals the postcard
 * with B's text. Taking A's text from the list would change what was printed:
 * refused, as the editor refuses it. */
static void
test_printed_loser_stays (void)
{
  g_autoptr(GError) error = NULL;
  Net *net = net_new (3, 16);
  g_autofree char *id = shared_message (net);
  g_autoptr(SbBatch) batch = NULL;
  const char *const texts[] = { "Text of office A", "Text of office B" };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (net->r[i], id, &error);

      g_assert_no_error (error);
      sb_test_set (&message->original_text, texts[i]);
      g_assert_true (sb_campaign_update_message (net->r[i], message, &error));
      g_assert_no_error (error);
      g_usleep (2000);   /* B's text comes later: its clock is later */
    }
  deliver_everything (net);
  g_assert_cmpint (listed (net->r[0], "original_text", texts[1], texts[0], "clock"), >, 0);
  batch = batch_shared_message (net, id);
  g_assert_true (sb_campaign_seal_batch (net->r[0], batch->id, &error));
  g_assert_no_error (error);
  deliver_everything (net);
  assert_kept_for_good (net->r[0], listed (net->r[0], "original_text", texts[1], texts[0], "clock"));
  assert_all_equal (net);
  assert_all_sound (net);
  net_free (net);
}

int
main (int    argc,
      char **argv)
{
  /* Every update skipped after applying a change is run anyway and must
   * change nothing (src/store/sb-store-changes-merge.c, update_if_needed()). */
  g_setenv ("SAMBOT_CHECK_SKIPPED_UPDATES", "1", FALSE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/conflicts/sender-name", test_sender_name);
  g_test_add_func ("/conflicts/hold-beats-approval", test_hold_beats_approval);
  g_test_add_func ("/conflicts/same-copy-two-batches", test_same_copy_two_batches);
  g_test_add_func ("/conflicts/sealed-after-both", test_sealed_after_both);
  g_test_add_func ("/conflicts/both-sealed", test_both_sealed);
  g_test_add_func ("/conflicts/sealed-twice", test_sealed_twice);
  g_test_add_func ("/conflicts/unassigned-while-batched", test_unassigned_while_batched);
  g_test_add_func ("/conflicts/added-again-unseen", test_added_again_unseen);
  g_test_add_func ("/conflicts/added-twice-deleted-once", test_added_twice_deleted_once);
  g_test_add_func ("/conflicts/added-again-taken", test_added_again_taken);
  g_test_add_func ("/conflicts/added-again-seen", test_added_again_seen);
  g_test_add_func ("/conflicts/added-again-only", test_added_again_only);
  g_test_add_func ("/conflicts/added-again-batched", test_added_again_batched);
  g_test_add_func ("/conflicts/added-again-by-remover", test_added_again_by_remover);
  g_test_add_func ("/conflicts/two-offices-one-prison", test_two_offices_one_prison);
  g_test_add_func ("/conflicts/edit-after-unseen-seal", test_edit_after_unseen_seal);
  g_test_add_func ("/conflicts/hold-after-unseen-batch", test_hold_after_unseen_batch);
  g_test_add_func ("/conflicts/printed-loser-stays", test_printed_loser_stays);
  g_test_add_func ("/conflicts/erasure-empties-conflicts", test_erasure_empties_conflicts);
  g_test_add_func ("/conflicts/erasure-late-edit", test_erasure_late_edit);
  g_test_add_func ("/conflicts/converge", test_converge);
  return g_test_run ();
}
