/* test-list-filters.c — the message list answered from indexes (every filter and the
 * search, by date and by sender) gives exactly the rowids, in the same order, as the
 * SQL does; and still after edits, a commit of another connection and a rollback;
 * its first rows alone (the first screen) are the first of those; and a list that
 * reads its whole order in a thread shows the first rows and "1,000+" at once, then
 * grows to the same rows as a list read at once, keeping the rows before in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sb-bench-campaign.h"
#include "sb-campaign-private.h"
#include "sb-message-list.h"
#include "sb-test-campaign.h"
#include "sb-test-sql.h"
#include "sb-store-private.h"
#include "sb-text.h"
#include "sb-transcription.h"

#define N_MESSAGES 2500

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  SbStore    *store;
  GPtrArray  *offices;
  GPtrArray  *detainees;
  GRand      *rand;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  SbBenchTimes times;

  f->dir = g_dir_make_tmp ("sambot-list-filters-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "campaign.sambot", NULL);
  f->campaign = sb_bench_create_campaign (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_true (sb_bench_add_messages (f->campaign, N_MESSAGES, 1, SB_BENCH_FULL, &times, &error));
  g_assert_no_error (error);
  f->store = _sb_campaign_get_store (f->campaign);
  f->offices = sb_campaign_list_offices (f->campaign, &error);
  g_assert_no_error (error);
  f->detainees = sb_campaign_list_detainees (f->campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->offices->len, >=, 2);
  g_assert_cmpuint (f->detainees->len, >=, 2);
  f->rand = g_rand_new_with_seed (12);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  user_data)
{
  g_rand_free (f->rand);
  g_ptr_array_unref (f->offices);
  g_ptr_array_unref (f->detainees);
  sb_campaign_close (f->campaign);
  g_object_unref (f->campaign);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", "-journal", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (f->path, *suffix, NULL);
      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static const char *
office (Fixture *f,
        guint    i)
{
  return ((SbOffice *) f->offices->pdata[i])->id;
}

static const char *
detainee (Fixture *f,
          guint    i)
{
  return ((SbDetainee *) f->detainees->pdata[i])->id;
}

/* One query both ways; returns how many messages it shows. */
static guint
compare (Fixture                   *f,
         const SbStoreMessageQuery *query,
         gboolean                   must_be_fast)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fast = NULL;
  g_autoptr(GArray) sql = NULL;

  fast = _sb_store_query_message_rowids_fast (f->store, query, &error);
  g_assert_no_error (error);
  if (must_be_fast)
    g_assert_nonnull (fast);
  else if (fast == NULL)
    return 0;
  _sb_store_set_list_fast (f->store, FALSE);
  sql = sb_store_query_message_rowids (f->store, query, &error);
  _sb_store_set_list_fast (f->store, TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (sql);

  if (fast->len != sql->len || memcmp (fast->data, sql->data, sizeof (gint64) * sql->len) != 0)
    {
      g_test_message ("status %s channel %s office %s language %s detainee %s translation %d "
                      "search %s sort %d descending %d: %u rowids from the indexes, %u from the SQL",
                      query->status, query->channel, query->office_id, query->language,
                      query->detainee_id, query->needs_translation, query->search_key,
                      query->sort, query->descending,
                      fast->len, sql->len);
      g_assert_cmpmem (fast->data, sizeof (gint64) * fast->len, sql->data, sizeof (gint64) * sql->len);
    }
  /* The first screen, read alone from the order's index: the first of them. */
  {
    g_autoptr(GArray) first = sb_store_query_first_message_rowids (f->store, query, 60, 60000, &error);

    g_assert_no_error (error);
    g_assert_nonnull (first);
    g_assert_cmpuint (first->len, ==, MIN (60, sql->len));
    g_assert_cmpmem (first->data, sizeof (gint64) * first->len, sql->data, sizeof (gint64) * first->len);
  }
  /* And what the list itself is given is the same. */
  {
    g_autoptr(GArray) listed = sb_store_query_message_rowids (f->store, query, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (listed->data, sizeof (gint64) * listed->len, sql->data, sizeof (gint64) * sql->len);
  }
  return sql->len;
}

/* Every filter alone in both orders and directions, then random combinations. */
static void
compare_all (Fixture  *f,
             gboolean  must_be_fast)
{
  const char *statuses[] = { NULL, "new", "transcribed", "approved", "held", "deleted" };
  const char *channels[] = { NULL, "online", "postcard", "other" };
  const char *languages[] = { NULL, "en", "km", "fr", "zz" };
  const char *offices[] = { NULL, office (f, 0), office (f, 1), "no-such-office" };
  const char *detainees[] = { NULL, detainee (f, 0), detainee (f, 1), "no-such-detainee" };
  /* Searches of every kind: 1 and 2 characters, common words, rare ones made of
   * common pieces, Khmer, absent. */
  const char *searches[] = {
    NULL, "e", "ស", "qx", "នី", "the", "free", "strong", "solidarity", "ouagadougou",
    "ស្ទឹងត្រែង", "សិទ្ធិមនុស្ស", "xylophone", "and the", "nairobi", "lavoie",
  };
  guint shown = 0, empty = 0;

  for (guint sort = 0; sort < 2; sort++)
    for (guint descending = 0; descending < 2; descending++)
      for (guint n = 0; n < 60; n++)
        {
          /* The first ones: one filter at a time; then any combination. */
          gboolean one = n < 21;
          guint which = n % 7;
          g_autofree char *search_key = NULL;
          SbStoreMessageQuery query = {
            .sort = sort == 0 ? SB_STORE_MESSAGE_SORT_DATE : SB_STORE_MESSAGE_SORT_SENDER,
            .descending = descending,
          };
          guint count;

          if (!one || which == 0)
            query.status = statuses[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (statuses))];
          if (!one || which == 1)
            query.channel = channels[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (channels))];
          if (!one || which == 2)
            query.language = languages[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (languages))];
          if (!one || which == 3)
            query.office_id = offices[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (offices))];
          if (!one || which == 4)
            query.detainee_id = detainees[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (detainees))];
          if (!one || which == 5)
            query.needs_translation = g_rand_boolean (f->rand);
          if (!one || which == 6)
            {
              const char *search = searches[g_rand_int_range (f->rand, 0, G_N_ELEMENTS (searches))];

              search_key = search != NULL ? sb_text_search_key (search) : NULL;
              query.search_key = search_key;
            }
          count = compare (f, &query, must_be_fast);
          shown += count;
          empty += count == 0;
        }
  /* Each search alone, and among the deleted messages (which only a search with
   * the status "deleted" shows). */
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    for (guint deleted = 0; deleted < 2; deleted++)
      {
        g_autofree char *search_key = searches[i] ? sb_text_search_key (searches[i]) : NULL;
        SbStoreMessageQuery query = {
          .sort = SB_STORE_MESSAGE_SORT_DATE,
          .descending = TRUE,
          .status = deleted ? "deleted" : NULL,
          .search_key = search_key,
        };

        compare (f, &query, must_be_fast);
      }
  /* The campaign has something for the filters to find, and they leave some out. */
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (empty, >, 0);
}

/* What a person does at the desk: corrections, reviews, addressees, deletions and
 * restorations, new messages. */
static void
edit_at_random (Fixture *f,
                guint    n)
{
  const char *channels[] = { "online", "postcard", "other" };
  const char *languages[] = { "en", "km", "fr", "" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (f->campaign, NULL, &error);
  guint changed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      const char *id = ids->pdata[g_rand_int_range (f->rand, 0, ids->len)];
      g_autoptr(SbMessage) message = sb_campaign_get_message (f->campaign, id, &error);

      g_assert_no_error (error);
      switch (g_rand_int_range (f->rand, 0, 6))
        {
        case 0:
          if (g_str_equal (message->status, "deleted"))
            changed += sb_campaign_restore_message (f->campaign, id, &error);
          else
            changed += sb_campaign_delete_message (f->campaign, id, &error);
          g_clear_error (&error);   /* one in a batch or delivered cannot be deleted */
          break;
        case 1:
          if (g_str_equal (message->status, "deleted"))
            break;
          if (g_rand_boolean (f->rand))
            changed += sb_campaign_hold (f->campaign, id, "unreadable", &error);
          else
            changed += sb_campaign_approve (f->campaign, id, TRUE, &error);
          g_clear_error (&error);   /* a step the workflow refuses for this message */
          break;
        case 2:
          {
            const char *to[] = { detainee (f, g_rand_int_range (f->rand, 0, f->detainees->len)), NULL };

            if (!g_str_equal (message->status, "deleted"))
              changed += sb_campaign_assign (f->campaign, id, to, &error);
            g_clear_error (&error);
          }
          break;
        default:
          if (g_str_equal (message->status, "deleted"))
            break;
          g_free (message->channel);
          message->channel = g_strdup (channels[g_rand_int_range (f->rand, 0, 3)]);
          g_free (message->language);
          message->language = g_strdup (languages[g_rand_int_range (f->rand, 0, 4)]);
          g_free (message->translation_km);
          message->translation_km = g_strdup (g_rand_boolean (f->rand) ? "" : "សួស្តី");
          g_free (message->office_id);
          message->office_id = g_rand_boolean (f->rand) ? g_strdup (office (f, 1)) : NULL;
          g_free (message->sender_name);
          message->sender_name = g_strdup_printf ("Sender %u", g_rand_int_range (f->rand, 0, 50));
          {
            /* Another message's day: one the campaign accepts. */
            g_autoptr(SbMessage) other = sb_campaign_get_message (f->campaign,
                                                                   ids->pdata[g_rand_int_range (f->rand, 0, ids->len)],
                                                                   &error);
            g_assert_no_error (error);
            g_free (message->received_on);
            message->received_on = g_strdup (other->received_on);
          }
          changed += sb_campaign_update_message (f->campaign, message, &error);
          break;
        }
      g_assert_no_error (error);
    }
  g_assert_cmpuint (changed, >=, n / 2);
}

static void
test_same_as_sql (Fixture       *f,
                  gconstpointer  user_data)
{
  compare_all (f, TRUE);
  /* Asked again: the kept orders and sets answer, the same. */
  compare_all (f, TRUE);
}

static void
test_after_edits (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  SbBenchTimes times;

  compare_all (f, TRUE);
  for (guint round = 0; round < 4; round++)
    {
      edit_at_random (f, 40);
      compare_all (f, TRUE);
    }
  g_assert_true (sb_bench_add_messages (f->campaign, 200, 2, SB_BENCH_FULL, &times, &error));
  g_assert_no_error (error);
  compare_all (f, TRUE);
}

/* The functions the schema's triggers call, as another program on the file has them
 * (sb-store.c): the time, the operator, and no erasure or deferred search index. */
static void
text_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  sqlite3_result_text (context, sqlite3_user_data (context), -1, SQLITE_STATIC);
}

/* Another program (sambot-cli) changes the file while the list is open. */
static void
test_after_other_connection (Fixture       *f,
                             gconstpointer  user_data)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  compare_all (f, TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_create_function (db, "sb_now", 0, SQLITE_UTF8, "2017-06-01T12:00:00Z", text_func, NULL, NULL);
  sqlite3_create_function (db, "sb_operator", 0, SQLITE_UTF8, "another program", text_func, NULL, NULL);
  for (const char *const *name = (const char *const[]) { "sb_erasing", "sb_fts_defer", "sb_fts_pending", NULL };
       *name != NULL; name++)
    sqlite3_create_function (db, *name, 1, SQLITE_UTF8, NULL, sb_test_sql_false, NULL, NULL);
  sqlite3_create_function (db, "sb_exchange_replaying", 0, SQLITE_UTF8, NULL, sb_test_sql_false, NULL, NULL);
  sqlite3_create_function (db, "sb_text", 1, SQLITE_UTF8, NULL, sb_test_sql_same, NULL, NULL);
  sb_test_sql_register_history (db);
  rc = sqlite3_exec (db, "UPDATE messages SET channel = 'other' WHERE rowid % 7 = 0; "
                         "UPDATE messages SET language = 'fr' WHERE rowid % 11 = 0; "
                         "UPDATE messages SET status = 'deleted' WHERE rowid % 13 = 0; "
                         "DELETE FROM copies WHERE (SELECT rowid FROM messages WHERE id = message_id) % 5 = 0",
                     NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_close (db);
  compare_all (f, TRUE);
}

static void
exec_other (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Without the indexes of schema 9 (src/store/migrations/0009-list-filters.sql): the
 * channel and "needs translation" sets come from the table, the same. */
static void
test_without_list_indexes (Fixture       *f,
                           gconstpointer  user_data)
{
  exec_other (f, "DROP INDEX messages_channel; DROP INDEX messages_language; "
                 "DROP INDEX messages_office; DROP INDEX messages_needs_translation");
  compare_all (f, TRUE);
  edit_at_random (f, 40);
  compare_all (f, TRUE);
}

/* A schema without the indexes the figures used to read (schema 7 may drop them), or
 * without the sender's: the list is the same, from the SQL where it must. */
static void
test_without_indexes (Fixture       *f,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  SbStoreMessageQuery by_date = { .status = "approved", .channel = "online" };
  SbStoreMessageQuery by_sender = { .sort = SB_STORE_MESSAGE_SORT_SENDER };
  g_autoptr(GArray) fast = NULL;

  exec_other (f, "DROP INDEX messages_status; DROP INDEX IF EXISTS messages_breakdown");
  compare_all (f, TRUE);
  /* Without the order by sender (a detainee's messages are one range of the copies'
   * key since schema 10: there is no index of theirs to drop). */
  exec_other (f, "DROP INDEX messages_sender_sort");
  compare_all (f, FALSE);
  fast = _sb_store_query_message_rowids_fast (f->store, &by_date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fast);
  g_assert_null (_sb_store_query_message_rowids_fast (f->store, &by_sender, &error));
  g_assert_no_error (error);
}

/* More filter values than the store keeps sets for: the oldest are dropped, never
 * one a query is using (tests/meson.build runs this under the sanitizers too). */
static void
test_many_values (Fixture       *f,
                  gconstpointer  user_data)
{
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *absent = g_strdup_printf ("absent-%u", i);
      SbStoreMessageQuery query = {
        .channel = i % 2 ? "online" : NULL,
        .language = i % 3 ? absent : "en",
        .office_id = i % 3 ? office (f, i % 2) : absent,
        .detainee_id = i % 5 ? detainee (f, i % 2) : absent,
        .needs_translation = i % 7 == 0,
        .sort = i % 2 ? SB_STORE_MESSAGE_SORT_SENDER : SB_STORE_MESSAGE_SORT_DATE,
      };

      compare (f, &query, TRUE);
    }
}

/* Read inside a transaction that is then rolled back: nothing of it is kept. */
static void
test_after_rollback (Fixture       *f,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  compare_all (f, TRUE);
  g_assert_true (sb_store_begin (f->store, &error));
  edit_at_random (f, 40);
  compare_all (f, TRUE);
  sb_store_rollback (f->store);
  compare_all (f, TRUE);
}

/* ------------------------------------------------------------------------ */
/* The list in the background                                               */
/* ------------------------------------------------------------------------ */

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static char *
row_ref (GListModel *model,
         guint       position)
{
  g_autoptr(SbMessageRow) row = g_list_model_get_item (model, position);

  return g_strdup (sb_message_row_get_ref (row));
}

/* Both lists show the same messages in the same order. */
static void
assert_same_rows (GListModel *a,
                  GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autofree char *x = row_ref (a, i);
      g_autofree char *y = row_ref (b, i);

      g_assert_cmpstr (x, ==, y);
    }
}

static void
wait_complete (SbMessageList *list)
{
  gint64 until = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!sb_message_list_is_complete (list) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_message_list_is_complete (list));
}

static void
test_background_first_screen (Fixture       *f,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(SbMessageList) whole = sb_message_list_new (f->campaign);
  g_autoptr(SbMessageList) list = sb_message_list_new_in_background (f->campaign);
  GListModel *model = G_LIST_MODEL (list);
  guint all = g_list_model_get_n_items (G_LIST_MODEL (whole));
  g_autofree char *fifth = NULL;
  Change change;

  /* More messages than a count shows: the first rows now, not yet all of them. */
  g_assert_cmpuint (all, >, SB_MESSAGE_LIST_COUNT_MAX + 1);
  g_assert_false (sb_message_list_is_complete (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, SB_MESSAGE_LIST_COUNT_MAX + 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i += 97)
    {
      g_autofree char *x = row_ref (model, i);
      g_autofree char *y = row_ref (G_LIST_MODEL (whole), i);

      g_assert_cmpstr (x, ==, y);
    }
  fifth = row_ref (model, 5);

  /* Then the rest, after the rows already there: a selection among them stays. */
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  wait_complete (list);
  assert_same_rows (model, G_LIST_MODEL (whole));
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_array_index (changes, Change, 0);
  g_assert_cmpuint (change.position, ==, SB_MESSAGE_LIST_COUNT_MAX + 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, all - SB_MESSAGE_LIST_COUNT_MAX - 1);
  {
    g_autofree char *still = row_ref (model, 5);

    g_assert_cmpstr (still, ==, fifth);
  }

  /* Sorting and filtering give the rows they gave before, first rows then all. */
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  g_assert_true (sb_message_list_set_sort (whole, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (sb_message_list_is_complete (list));
  {
    g_autofree char *x = row_ref (model, 0);
    g_autofree char *y = row_ref (G_LIST_MODEL (whole), 0);

    g_assert_cmpstr (x, ==, y);
  }
  wait_complete (list);
  assert_same_rows (model, G_LIST_MODEL (whole));

  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_REF, TRUE, &error));
  g_assert_true (sb_message_list_set_sort (whole, SB_MESSAGE_SORT_REF, TRUE, &error));
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_CHANNEL, "online", &error));
  g_assert_true (sb_message_list_set_filter (whole, SB_MESSAGE_FILTER_CHANNEL, "online", &error));
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "the", &error));
  g_assert_true (sb_message_list_set_filter (whole, SB_MESSAGE_FILTER_SEARCH, "the", &error));
  g_assert_no_error (error);
  wait_complete (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  assert_same_rows (model, G_LIST_MODEL (whole));

  /* Few enough to count at once: complete without waiting for the thread. */
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, "held", &error));
  g_assert_true (sb_message_list_set_filter (whole, SB_MESSAGE_FILTER_STATUS, "held", &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_list_is_complete (list));
  assert_same_rows (model, G_LIST_MODEL (whole));
}

/* A message added and the list read again at once is in it when that returns, even
 * while the thread reads the list before the change; the thread's older answer is
 * then dropped. */
static void
test_background_refresh_now (Fixture       *f,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageList) list = sb_message_list_new_in_background (f->campaign);
  g_autoptr(SbMessage) message = sb_message_new ();
  guint before = 0;

  g_assert_false (sb_message_list_is_complete (list));
  {
    g_autoptr(SbMessageList) whole = sb_message_list_new (f->campaign);

    before = g_list_model_get_n_items (G_LIST_MODEL (whole));
  }
  sb_test_set (&message->original_text, "Stay strong");
  g_assert_true (sb_campaign_add_message (f->campaign, message, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_list_refresh (list, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_list_is_complete (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before + 1);
  g_assert_cmpuint (sb_message_list_find (list, message->id, &error), !=, G_MAXUINT);
  g_assert_no_error (error);
  /* The thread's answer, from before the message, changes nothing. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before + 1);
  g_assert_true (sb_message_list_is_complete (list));
}

typedef struct
{
  guint n_items;        /* what the changes told so far add up to */
  guint n_changes;
  guint most_replaced;  /* the most rows one change both removed and added */
} Told;

static void
told_cb (GListModel *model,
         guint       position,
         guint       removed,
         guint       added,
         Told       *told)
{
  /* What a view reads while it is told matches what it is told. */
  told->n_items = told->n_items - removed + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, told->n_items);
  if (added > 0)
    {
      g_autofree char *first = row_ref (model, position);
      g_autofree char *last = row_ref (model, position + added - 1);

      g_assert_cmpstr (first, !=, "");
      g_assert_cmpstr (last, !=, "");
    }
  told->n_changes++;
  told->most_replaced = MAX (told->most_replaced, MIN (removed, added));
}

/* A view that keeps a selected row, told that rows were replaced, looks for its row
 * among every row added (GtkSingleSelection): with the open message among a
 * million, narrowing the search to "នី" read 114,224 rows on the main thread. The
 * list tells rows removed and rows added apart, and the views read the rows they
 * are told of, at every step. */
static void
test_removed_then_added (Fixture       *f,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageList) list = sb_message_list_new (f->campaign);
  g_autoptr(SbMessageList) fresh = NULL;
  Told told = { g_list_model_get_n_items (G_LIST_MODEL (list)), 0, 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (told_cb), &told);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "e", &error));
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, NULL, &error));
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "the", &error));
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "a", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (told.n_changes, >=, 5);
  g_assert_cmpuint (told.most_replaced, ==, 0);

  fresh = sb_message_list_new (f->campaign);
  g_assert_true (sb_message_list_set_sort (fresh, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  g_assert_true (sb_message_list_set_filter (fresh, SB_MESSAGE_FILTER_SEARCH, "a", &error));
  g_assert_no_error (error);
  assert_same_rows (G_LIST_MODEL (list), G_LIST_MODEL (fresh));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/message-list/filters-same-as-sql", test_same_as_sql);
  ADD ("/store/message-list/filters-after-edits", test_after_edits);
  ADD ("/store/message-list/filters-after-other-connection", test_after_other_connection);
  ADD ("/store/message-list/filters-after-rollback", test_after_rollback);
  ADD ("/store/message-list/filters-many-values", test_many_values);
  ADD ("/store/message-list/filters-without-list-indexes", test_without_list_indexes);
  ADD ("/store/message-list/filters-without-indexes", test_without_indexes);
  ADD ("/core/message-list/background-first-screen", test_background_first_screen);
  ADD ("/core/message-list/background-refresh-now", test_background_refresh_now);
  ADD ("/core/message-list/removed-then-added", test_removed_then_added);
#undef ADD

  return g_test_run ();
}
