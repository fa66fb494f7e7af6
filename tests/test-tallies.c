/* test-tallies.c — the figures kept by day (schema 7) equal the figures counted from
 * the messages and copies (tests/sb-test-oracle.h), today and as of past days, on
 * the demo, after its migration from schema 6, and on a generated campaign after
 * random edits of every kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sb-batches.h"
#include "sb-bench-campaign.h"
#include "sb-campaign-private.h"
#include "sb-demo.h"
#include "sb-privacy.h"
#include "sb-test-oracle.h"
#include "sb-transcription.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = g_dir_make_tmp ("sambot-tallies-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static const char *const demo_days[] = {
  NULL, "2016-08-01", "2016-08-20", "2016-09-10", "2016-09-30", "2016-10-10",
};

static void
assert_demo_figures (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (path, TRUE, &error);
  g_autoptr(SbStats) stats = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (demo_days); i++)
    sb_oracle_assert_store (_sb_campaign_get_store (campaign), path, demo_days[i]);

  /* The figures the campaign published. */
  stats = sb_campaign_get_stats (campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->messages_sent, ==, 469);
  g_assert_cmpint (stats->messages_delivered, ==, 195);
  g_assert_cmpint (((SbDetaineeStats *) g_ptr_array_index (stats->detainees, 0))->days_detained,
                   ==, 165);
  sb_campaign_close (campaign);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_demo_create (fixture->path, &error));
  g_assert_no_error (error);
  assert_demo_figures (fixture->path);
}

/* Writes the gzip-compressed @fixture of tests/migration/ to @path. */
static void
unpack_fixture (const char *fixture,
                const char *path)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "migration", fixture, NULL);
  g_autoptr(GFile) in_file = g_file_new_for_path (source);
  g_autoptr(GFile) out_file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (in_file, NULL, &error);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) plain = NULL;

  g_assert_no_error (error);
  out = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  plain = g_converter_input_stream_new (G_INPUT_STREAM (in), G_CONVERTER (gunzip));
  g_output_stream_splice (G_OUTPUT_STREAM (out), plain,
                          G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                          NULL, &error);
  g_assert_no_error (error);
}

/* A schema-6 campaign as the last schema-6 Sambot wrote it (tests/migration/: the
 * demo with a record of every kind, and a generated one), counted by the rules from
 * its rows, then updated by this Sambot: the tallies the update derives give the
 * same figures, today and as of past days, and keep giving them after changes.
 * (tests/migration/check-migration.sh compares sambot-cli stats --json.) */
static void
test_migrated_from_6 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char *const days[] = {
    NULL, "2016-06-01", "2016-08-15", "2016-10-01", "2017-01-15", "2017-12-31",
  };
  const char *name = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  SbOracle before[G_N_ELEMENTS (days)];
  g_autoptr(GPtrArray) ids = NULL;

  unpack_fixture (name, fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    sb_oracle_count (fixture->path, days[i], &before[i]);

  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (_sb_campaign_get_store (campaign)), ==,
                   SB_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      SbStoreCounts counts;

      g_assert_true (sb_store_count (_sb_campaign_get_store (campaign), days[i], &counts, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (&counts, sizeof counts, &before[i].counts, sizeof before[i].counts);
      sb_oracle_assert_store (_sb_campaign_get_store (campaign), fixture->path, days[i]);
      sb_oracle_clear (&before[i]);
    }

  /* The triggers go on from the derived tallies. */
  ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i += 7)
    {
      if (!sb_campaign_hold (campaign, g_ptr_array_index (ids, i), "Names the guards", &error))
        g_clear_error (&error);
      if (i % 3 == 0 && !sb_campaign_delete_message (campaign, g_ptr_array_index (ids, i), &error))
        g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    sb_oracle_assert_store (_sb_campaign_get_store (campaign), fixture->path, days[i]);
  sb_campaign_close (campaign);
}

/* ------------------------------------------------------------------------ */
/* Random edits of every kind                                               */
/* ------------------------------------------------------------------------ */

typedef enum
{
  EDIT_TRANSCRIBED, EDIT_APPROVE, EDIT_HOLD, EDIT_DELETE, EDIT_RESTORE, EDIT_DUPLICATE,
  EDIT_ASSIGN, EDIT_RECEIVED_ON, EDIT_COUNTRY, EDIT_ERASE, EDIT_BATCH, EDIT_CORRECT,
  N_EDITS
} Edit;

static const char *const edit_names[] = {
  "transcribed", "approve", "hold", "delete", "restore", "duplicate", "assign",
  "received day", "country", "erasure", "batch outcomes", "corrected outcome",
};

typedef struct
{
  SbCampaign *campaign;
  GRand      *rand;
  GPtrArray  *messages;        /* ids */
  GPtrArray  *detainees;       /* SbDetainee */
  GPtrArray  *facilities;      /* SbFacility */
  GPtrArray  *batches;         /* ids of batches handed over */
  guint       done[N_EDITS];
} Editor;

static const char *
any_message (Editor *editor)
{
  return g_ptr_array_index (editor->messages,
                            g_rand_int_range (editor->rand, 0, editor->messages->len));
}

/* A day of the generated campaign (2016-08-08 and the 320 days after it). */
static char *
any_day (Editor *editor)
{
  g_autoptr(GDateTime) launch = g_date_time_new_utc (2016, 8, 8, 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (launch, g_rand_int_range (editor->rand, 0, 320));

  return g_date_time_format (day, "%Y-%m-%d");
}

static gboolean
edit_message (Editor     *editor,
              Edit        edit,
              GError    **error)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (editor->campaign, any_message (editor), error);

  if (message == NULL)
    return FALSE;
  if (edit == EDIT_RECEIVED_ON)
    {
      g_free (message->received_on);
      message->received_on = any_day (editor);
    }
  else
    {
      static const char *const countries[] = { "KH", "fr", "DE", "", "jp" };

      g_free (message->sender_country);
      message->sender_country = g_strdup (countries[g_rand_int_range (editor->rand, 0, 5)]);
    }
  return sb_campaign_update_message (editor->campaign, message, error);
}

/* A batch for a facility, sealed, handed over and its outcomes recorded on a day
 * of the campaign: some rejected, some returned, the rest delivered. */
static gboolean
deliver_batch (Editor  *editor,
               GError **error)
{
  SbFacility *facility = g_ptr_array_index (editor->facilities,
                                            g_rand_int_range (editor->rand, 0, editor->facilities->len));
  g_autoptr(GPtrArray) eligible = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();     /* SbCopy, owned by eligible */
  g_autofree char *day = any_day (editor);
  g_autofree char *clock = g_strconcat (day, "T09:00:00Z", NULL);
  g_autofree char *handover = g_strconcat (day, " 10:00", NULL);
  SbBatchException exceptions[2];
  guint n_exceptions = 0;

  sb_campaign_set_clock (editor->campaign, clock);
  eligible = sb_campaign_list_eligible_copies (editor->campaign, facility->id, error);
  if (eligible == NULL)
    return FALSE;
  if (eligible->len == 0)
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "none eligible"), FALSE;
  for (guint i = 0; i < eligible->len && ids->len < 12; i++)
    g_ptr_array_add (ids, g_ptr_array_index (eligible, i));

  batch = sb_campaign_create_batch (editor->campaign, facility->id, error);
  if (batch == NULL ||
      !sb_campaign_batch_add (editor->campaign, batch->id, ids, error) ||
      !sb_campaign_seal_batch (editor->campaign, batch->id, error) ||
      !sb_campaign_hand_over_batch (editor->campaign, batch->id, handover, "Sokha", "Guard", "",
                                    error))
    return FALSE;
  if (ids->len > 2)
    {
      const SbCopy *first = ids->pdata[0], *second = ids->pdata[1];

      exceptions[n_exceptions++] = (SbBatchException) { first->message_id, first->detainee_id,
                                                        "returned", "" };
      exceptions[n_exceptions++] = (SbBatchException) { second->message_id, second->detainee_id,
                                                        "rejected", "Not allowed" };
    }
  if (!sb_campaign_record_outcomes (editor->campaign, batch->id, exceptions, n_exceptions, TRUE,
                                    day, error))
    return FALSE;
  g_ptr_array_add (editor->batches, g_strdup (batch->id));
  return TRUE;
}

/* A delivered item corrected to returned, or a returned one to delivered. */
static gboolean
correct_outcome (Editor  *editor,
                 GError **error)
{
  g_autoptr(GPtrArray) items = NULL;
  SbBatchItem *item;

  if (editor->batches->len == 0)
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no batch"), FALSE;
  items = sb_campaign_list_batch_items (editor->campaign,
                                        g_ptr_array_index (editor->batches,
                                                           g_rand_int_range (editor->rand, 0, editor->batches->len)),
                                        error);
  if (items == NULL || items->len == 0)
    return FALSE;
  item = g_ptr_array_index (items, g_rand_int_range (editor->rand, 0, items->len));
  return sb_campaign_correct_outcome (editor->campaign, item->batch_id, item->message_id,
                                      item->detainee_id,
                                      g_str_equal (item->outcome, "delivered") ? "returned" : "delivered",
                                      "", "The facility's register said otherwise", error);
}

static gboolean
apply_edit (Editor  *editor,
            Edit     edit,
            GError **error)
{
  SbCampaign *campaign = editor->campaign;

  switch (edit)
    {
    case EDIT_TRANSCRIBED:
      return sb_campaign_mark_transcribed (campaign, any_message (editor), error);
    case EDIT_APPROVE:
      return sb_campaign_approve (campaign, any_message (editor), TRUE, error);
    case EDIT_HOLD:
      return sb_campaign_hold (campaign, any_message (editor), "Names the prison guards", error);
    case EDIT_DELETE:
      return sb_campaign_delete_message (campaign, any_message (editor), error);
    case EDIT_RESTORE:
      return sb_campaign_restore_message (campaign, any_message (editor), error);
    case EDIT_DUPLICATE:
      return sb_campaign_mark_duplicate (campaign, any_message (editor), any_message (editor), error);
    case EDIT_ASSIGN:
      {
        const char *ids[3] = { NULL, NULL, NULL };

        for (guint i = 0; i < 2; i++)
          ids[i] = ((SbDetainee *) g_ptr_array_index (editor->detainees,
                                                      g_rand_int_range (editor->rand, 0, editor->detainees->len)))->id;
        if (g_str_equal (ids[0], ids[1]))
          ids[1] = NULL;
        return sb_campaign_assign (campaign, any_message (editor), ids, error);
      }
    case EDIT_RECEIVED_ON:
    case EDIT_COUNTRY:
      return edit_message (editor, edit, error);
    case EDIT_ERASE:
      return sb_campaign_forget_sender (campaign, any_message (editor), NULL, error);
    case EDIT_BATCH:
      return deliver_batch (editor, error);
    case EDIT_CORRECT:
      return correct_outcome (editor, error);
    case N_EDITS:
    default:
      g_assert_not_reached ();
    }
}

static void
assert_as_oracle (Editor     *editor,
                  const char *path)
{
  SbStore *store = _sb_campaign_get_store (editor->campaign);

  sb_oracle_assert_store (store, path, NULL);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *day = any_day (editor);

      sb_oracle_assert_store (store, path, day);
    }
}

static void
test_random_edits (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  SbBenchTimes times;
  Editor editor = { 0 };
  guint rounds = g_test_slow () ? 40 : 12;

  editor.campaign = sb_bench_create_campaign (fixture->path, 3, &error);
  g_assert_no_error (error);
  g_assert_true (sb_bench_add_messages (editor.campaign, 3000, 3, SB_BENCH_FULL, &times, &error));
  g_assert_no_error (error);
  editor.rand = rand;
  editor.messages = sb_campaign_list_message_ids (editor.campaign, NULL, &error);
  editor.detainees = sb_campaign_list_detainees (editor.campaign, &error);
  editor.facilities = sb_campaign_list_facilities (editor.campaign, &error);
  editor.batches = g_ptr_array_new_with_free_func (g_free);
  g_assert_no_error (error);
  g_assert_cmpuint (editor.messages->len, >=, 2900);
  g_assert_true (sb_campaign_add_reason (editor.campaign, "reject", "Not allowed", &error));
  g_assert_no_error (error);

  assert_as_oracle (&editor, fixture->path);
  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < 25; i++)
        {
          Edit edit = g_rand_int_range (rand, 0, N_EDITS);

          if (apply_edit (&editor, edit, &error))
            editor.done[edit]++;
          else if (edit >= EDIT_BATCH)
            g_test_message ("%s: %s", edit_names[edit], error->message);
          g_clear_error (&error);
        }
      assert_as_oracle (&editor, fixture->path);
    }
  for (guint e = 0; e < N_EDITS; e++)
    {
      g_test_message ("%s: %u", edit_names[e], editor.done[e]);
      if (editor.done[e] == 0)
        g_error ("no edit of the kind “%s” was made", edit_names[e]);
    }

  g_ptr_array_unref (editor.messages);
  g_ptr_array_unref (editor.detainees);
  g_ptr_array_unref (editor.facilities);
  g_ptr_array_unref (editor.batches);
  sb_campaign_close (editor.campaign);
  g_object_unref (editor.campaign);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/tallies/demo", Fixture, NULL,
              fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/store/tallies/migrated-from-6/demo", Fixture, "demo-v6.sambot.gz",
              fixture_set_up, test_migrated_from_6, fixture_tear_down);
  g_test_add ("/store/tallies/migrated-from-6/generated", Fixture, "generated-v6.sambot.gz",
              fixture_set_up, test_migrated_from_6, fixture_tear_down);
  g_test_add ("/store/tallies/random-edits", Fixture, NULL,
              fixture_set_up, test_random_edits, fixture_tear_down);
  return g_test_run ();
}
