/* test-batches.c — delivery batches: their lifecycle, what is refused, the digest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "batch-fixture.h"
#include "sb-test-sql.h"

static SbBatch *
create (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SbBatch *batch = sb_campaign_create_batch (fixture->campaign, "PS", &error);

  g_assert_no_error (error);
  return batch;
}

static GPtrArray *
copies_of (Fixture    *fixture,
           const char *ref)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *copies = sb_campaign_find_copies (fixture->campaign, ref, NULL, &error);

  g_assert_no_error (error);
  return copies;
}

static SbCopy *
first_copy (GPtrArray *copies)
{
  return g_ptr_array_index (copies, 0);
}

/* @copy alone, as the batch functions take copies (the array does not own it). */
static GPtrArray *
just (SbCopy *copy)
{
  GPtrArray *one = g_ptr_array_new ();

  g_ptr_array_add (one, copy);
  return one;
}

static void
hand_over (Fixture    *fixture,
           const char *batch_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_campaign_hand_over_batch (fixture->campaign, batch_id, "2016-10-08T10:30:00Z",
                                              "Chan Sophea", "Keo Vuthy", "Deputy director",
                                              &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */

static void
test_lifecycle (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(SbBatch) sealed = NULL;
  g_autoptr(SbBatch) closed = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GPtrArray) returned = NULL;
  g_autoptr(SbStats) before = NULL;
  g_autoptr(SbStats) after = NULL;
  g_autoptr(SbBatch) again = NULL;
  SbBatchException exceptions[2];
  guint changes = 0;

  fixture_add_messages (fixture, 6, NULL);
  g_signal_connect_swapped (fixture->campaign, "changed", G_CALLBACK (g_atomic_int_inc), &changes);

  batch = create (fixture);
  g_assert_cmpstr (batch->state, ==, "draft");
  g_assert_null (batch->code);
  items = sb_campaign_list_batch_items (fixture->campaign, batch->id, &error);
  g_assert_cmpuint (items->len, ==, 6);
  g_assert_cmpuint (changes, ==, 1);

  /* Adjust the draft: take one out and put it back. */
  rejected = copies_of (fixture, g_ptr_array_index (fixture->refs, 0));
  returned = copies_of (fixture, g_ptr_array_index (fixture->refs, 1));
  {
    g_autoptr(GPtrArray) ids = just (first_copy (rejected));

    g_assert_true (sb_campaign_batch_remove (fixture->campaign, batch->id, ids, &error));
    g_assert_no_error (error);
    g_clear_pointer (&items, g_ptr_array_unref);
    items = sb_campaign_list_batch_items (fixture->campaign, batch->id, NULL);
    g_assert_cmpuint (items->len, ==, 5);
    g_assert_true (sb_campaign_batch_add (fixture->campaign, batch->id, ids, &error));
    g_assert_no_error (error);
  }

  g_assert_true (sb_campaign_seal_batch (fixture->campaign, batch->id, &error));
  g_assert_no_error (error);
  sealed = sb_campaign_get_batch (fixture->campaign, batch->id, NULL);
  g_assert_cmpstr (sealed->state, ==, "sealed");
  g_assert_cmpstr (sealed->code, ==, "PS-2016-10-08-01");
  g_assert_cmpuint (strlen (sealed->digest), ==, 64);

  hand_over (fixture, batch->id);
  before = sb_campaign_get_stats (fixture->campaign, NULL, NULL);
  g_assert_cmpint (before->copies_in_batch, ==, 6);
  g_assert_cmpint (before->copies_delivered, ==, 0);

  exceptions[0] = (SbBatchException) { first_copy (rejected)->message_id,
                                       first_copy (rejected)->detainee_id, "rejected",
                                       "Mentions the case" };
  exceptions[1] = (SbBatchException) { first_copy (returned)->message_id,
                                       first_copy (returned)->detainee_id, "returned",
                                       "Detainee moved" };
  g_assert_true (sb_campaign_record_outcomes (fixture->campaign, batch->id, exceptions, 2, TRUE,
                                              "2016-10-08", &error));
  g_assert_no_error (error);

  /* Every item has an outcome: the batch is closed, and the figures follow at once. */
  closed = sb_campaign_get_batch (fixture->campaign, batch->id, NULL);
  g_assert_cmpstr (closed->state, ==, "closed");
  after = sb_campaign_get_stats (fixture->campaign, NULL, NULL);
  g_assert_cmpint (after->copies_delivered, ==, 4);
  g_assert_cmpint (after->copies_rejected, ==, 1);
  g_assert_cmpint (after->copies_returned, ==, 1);
  g_assert_cmpint (after->copies_in_batch, ==, 0);
  g_assert_cmpint (after->messages_delivered, ==, before->messages_delivered + 4);

  /* Rejected and returned copies may go again, one attempt more. */
  g_clear_pointer (&rejected, g_ptr_array_unref);
  rejected = copies_of (fixture, g_ptr_array_index (fixture->refs, 0));
  g_assert_cmpstr (((SbCopy *) g_ptr_array_index (rejected, 0))->state, ==, "rejected");
  g_assert_cmpint (((SbCopy *) g_ptr_array_index (rejected, 0))->attempts, ==, 1);
  again = create (fixture);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = sb_campaign_list_batch_items (fixture->campaign, again->id, NULL);
  g_assert_cmpuint (items->len, ==, 2);
}

static void
test_refusals (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) first = NULL;
  g_autoptr(SbBatch) second = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) released = NULL;
  g_autoptr(SbStats) before = NULL;
  g_autoptr(SbStats) after = NULL;
  g_autoptr(GPtrArray) ids = just (NULL);
  SbCopy item_copy = { 0 };
  g_autofree char *released_ref = NULL;

  /* Nothing waiting: no batch. */
  g_assert_null (sb_campaign_create_batch (fixture->campaign, "PS", &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  fixture_add_messages (fixture, 2, NULL);
  fixture_add_messages (fixture, 1, fixture->detainees[2]);
  released_ref = g_strdup (g_ptr_array_index (fixture->refs, 2));
  first = create (fixture);
  items = sb_campaign_list_batch_items (fixture->campaign, first->id, NULL);
  g_assert_cmpuint (items->len, ==, 2);     /* not the copy for the released detainee */

  /* A copy of a released detainee. */
  released = copies_of (fixture, released_ref);
  ids->pdata[0] = first_copy (released);
  g_assert_false (sb_campaign_batch_add (fixture->campaign, first->id, ids, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "released"));
  g_clear_error (&error);

  /* Sealing an empty batch. */
  copies = copies_of (fixture, g_ptr_array_index (fixture->refs, 0));
  fixture_add_messages (fixture, 1, NULL);
  second = create (fixture);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = sb_campaign_list_batch_items (fixture->campaign, second->id, NULL);
  item_copy.message_id = ((SbBatchItem *) g_ptr_array_index (items, 0))->message_id;
  item_copy.detainee_id = ((SbBatchItem *) g_ptr_array_index (items, 0))->detainee_id;
  ids->pdata[0] = &item_copy;
  g_assert_true (sb_campaign_batch_remove (fixture->campaign, second->id, ids, &error));
  g_assert_false (sb_campaign_seal_batch (fixture->campaign, second->id, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  /* A copy already in another open batch. */
  ids->pdata[0] = first_copy (copies);
  g_assert_false (sb_campaign_batch_add (fixture->campaign, second->id, ids, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "already in a draft batch"));
  g_clear_error (&error);

  /* Outcomes before handover. */
  g_assert_true (sb_campaign_seal_batch (fixture->campaign, first->id, &error));
  g_assert_false (sb_campaign_record_outcomes (fixture->campaign, first->id, NULL, 0, TRUE, NULL,
                                               &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "handed over"));
  g_clear_error (&error);

  /* Editing a sealed batch. */
  g_assert_false (sb_campaign_batch_remove (fixture->campaign, first->id, ids, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "sealed"));
  g_clear_error (&error);

  /* A reason not in the list; and nothing changed by the refusal. */
  hand_over (fixture, first->id);
  before = sb_campaign_get_stats (fixture->campaign, NULL, NULL);
  {
    SbCopy *copy = ids->pdata[0];
    SbBatchException bad = { copy->message_id, copy->detainee_id, "rejected", "Too colourful" };

    g_assert_false (sb_campaign_record_outcomes (fixture->campaign, first->id, &bad, 1, TRUE,
                                                 NULL, &error));
    g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }
  after = sb_campaign_get_stats (fixture->campaign, NULL, NULL);
  g_assert_cmpint (after->copies_delivered, ==, before->copies_delivered);
  g_assert_cmpint (after->copies_in_batch, ==, before->copies_in_batch);
}

static void
test_correction (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 3);
  g_autoptr(GPtrArray) copies = copies_of (fixture, g_ptr_array_index (fixture->refs, 0));
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(SbStats) stats = NULL;
  gboolean recorded = FALSE;

  hand_over (fixture, batch_id);
  g_assert_true (sb_campaign_record_outcomes (fixture->campaign, batch_id, NULL, 0, TRUE, NULL,
                                              &error));
  g_assert_true (sb_campaign_correct_outcome (fixture->campaign, batch_id, first_copy (copies)->message_id,
                                              first_copy (copies)->detainee_id,
                                              "rejected", "Mentions the case",
                                              "The prison called back", &error));
  g_assert_no_error (error);
  batch = sb_campaign_get_batch (fixture->campaign, batch_id, NULL);
  g_assert_nonnull (strstr (batch->notes, "correction"));
  g_assert_nonnull (strstr (batch->notes, "delivered -> rejected"));
  stats = sb_campaign_get_stats (fixture->campaign, NULL, NULL);
  g_assert_cmpint (stats->copies_delivered, ==, 2);
  g_assert_cmpint (stats->copies_rejected, ==, 1);

  /* The history keeps the earlier outcome: nothing is rewritten. */
  history = sb_campaign_list_history (fixture->campaign, batch_id, &error);
  for (guint i = 0; i < history->len; i++)
    {
      SbHistoryEntry *entry = g_ptr_array_index (history, i);

      if (g_str_equal (entry->field, "outcome") && g_strcmp0 (entry->before, "delivered") == 0 &&
          g_strcmp0 (entry->after, "rejected") == 0)
        recorded = TRUE;
    }
  g_assert_true (recorded);
}

/* Changes a message's text as another program could, outside Sambot's rules. */
static void
sql_pending (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  sqlite3_result_int (context, 1);
}

static void
sql_text (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_text (context, "someone", -1, SQLITE_STATIC);
}

static void
tamper (const char *path,
        const char *ref)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE messages SET original_text = 'A different "
                                          "message.' WHERE ref = '%s'", ref);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_now", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_operator", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  /* Without Sambot's key functions the search index cannot follow a change of
   * text (migrations/0008-search.sql): this program says every row waits for it. */
  sqlite3_create_function (db, "sb_fts_pending", 1, SQLITE_UTF8, NULL, sql_pending, NULL, NULL);
  sqlite3_create_function (db, "sb_message_key", 6, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_pairs", 1, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_grams", 1, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_chars", 1, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_text", 1, SQLITE_UTF8, NULL, sb_test_sql_same, NULL, NULL);
  sb_test_sql_register_history (db);
  sqlite3_create_function (db, "sb_exchange_replaying", 0, SQLITE_UTF8, NULL, sb_test_sql_false,
                           NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

static void
test_digest (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 4);
  g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign, batch_id,
                                                                     &error);
  g_autofree char *canonical = sb_batch_listing_canonical (listing);
  g_autofree char *digest = sb_batch_listing_digest (listing);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  g_autofree char *short_digest = g_strndup (digest, 16);
  g_auto(GStrv) lines = g_strsplit (canonical, "\n", -1);
  g_auto(GStrv) fields = NULL;
  g_autoptr(SbMessage) message = NULL;
  gboolean matches = FALSE;

  /* The documented format (docs/manifest-digest.md). */
  g_assert_cmpstr (lines[0], ==, "sambot-manifest-digest 1");
  g_assert_cmpstr (lines[1], ==, "batch\tPS-2016-10-08-01");
  g_assert_cmpstr (lines[2], ==, "facility\tPS");
  g_assert_cmpstr (lines[3], ==, "items\t4");
  g_assert_true (g_str_has_prefix (lines[4], "item\t1\tPP-"));
  fields = g_strsplit (lines[4], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 10);
  g_assert_cmpstr (lines[8], ==, "");
  g_assert_cmpstr (digest, ==, expected);
  g_assert_cmpstr (digest, ==, listing->batch->digest);

  g_assert_true (sb_campaign_verify_batch (fixture->campaign, batch_id, digest, &matches, &error));
  g_assert_true (matches);
  g_assert_true (sb_campaign_verify_batch (fixture->campaign, batch_id, short_digest, &matches,
                                           &error));
  g_assert_true (matches);

  /* Sambot refuses to change a sealed item (tests/test-privacy.c)… */
  message = sb_campaign_get_message (fixture->campaign, g_ptr_array_index (fixture->refs, 1), NULL);
  fixture_set (&message->original_text, "A different message.");
  g_assert_false (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_true (sb_campaign_verify_batch (fixture->campaign, batch_id, digest, &matches, &error));
  g_assert_true (matches);
  /* …so an item changed behind its back: the digest does not match any more. */
  tamper (fixture->path, message->ref);
  g_assert_true (sb_campaign_verify_batch (fixture->campaign, batch_id, digest, &matches, &error));
  g_assert_false (matches);

  g_assert_false (sb_campaign_verify_batch (fixture->campaign, batch_id, "xyz", &matches, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/batch/lifecycle", test_lifecycle);
  ADD ("/core/batch/refusals", test_refusals);
  ADD ("/core/batch/correction", test_correction);
  ADD ("/core/batch/digest", test_digest);

  return g_test_run ();
}
