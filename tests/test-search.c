/* test-search.c — search means what it meant: a message is found when its search
 * key contains the query's key (schema 16's index of threes, schema 8's of
 * characters, against strstr() on the key schema 7 stored, for many terms, on the
 * demo and on a generated campaign, after edits, deletions, an erased sender and
 * the migration)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-bench-campaign.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-message-list.h"
#include "sb-privacy.h"
#include "sb-store.h"
#include "sb-test-schema7.h"
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
  fixture->dir = g_dir_make_tmp ("sambot-search-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) d = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Every message search can find (all but the deleted): id → its key. */
static GHashTable *
load_keys (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SbMessage) m = sb_campaign_get_message (campaign, ids->pdata[i], &error);

      g_assert_no_error (error);
      g_hash_table_insert (keys, g_strdup (m->id),
                           sb_test_message_key (m->ref, m->sender_name, m->sender_city,
                                                m->original_text, m->translation_km,
                                                m->translation_en));
    }
  return keys;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Terms of every kind: fixed ones (Latin and Khmer, 1, 2, 3 and long, absent),
 * pieces of 1, 2, 3, 5 and 14 characters cut from the keys at random, and the last
 * two and three characters of some keys (no three of the index begins with a key's
 * last two: sb_grams () adds them as a token of their own). */
static GPtrArray *
make_terms (GHashTable *keys,
            guint32     seed)
{
  static const char *fixed[] = {
    "e", "ស", "ø", "z", "qx", "zu", "នី", "ស្", "ណៃ", "the", "free", "xylophone",
    "សិទ្ធិមនុស្ស", "ស្ទឹងត្រែង", "ouagadougou", "PP-00", "the five", "Lavoie",
    "ពួកគាត់", "ÉCRIRE", "ß", "a b", "ñ", "5", "20", "៥", "ZZZZ-9999",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  static const guint lengths[] = { 1, 2, 3, 5, 14 };
  GHashTableIter iter;
  gpointer id;

  /* In the order of their ids, so a seed gives the same terms every time. */
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_ptr_array_add (all, id);
  g_ptr_array_sort (all, compare_strings);
  for (guint i = 0; i < all->len; i++)
    all->pdata[i] = g_hash_table_lookup (keys, all->pdata[i]);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (terms, g_strdup (fixed[i]));
  for (guint i = 0; i < 60 && all->len > 0; i++)
    {
      const char *key = all->pdata[g_rand_int_range (rand, 0, all->len)];
      glong n = g_utf8_strlen (key, -1);
      glong len = lengths[i % G_N_ELEMENTS (lengths)];
      glong start;
      const char *from;

      if (n < len)
        continue;
      start = g_rand_int_range (rand, 0, n - len + 1);
      from = g_utf8_offset_to_pointer (key, start);
      g_ptr_array_add (terms, g_strndup (from, g_utf8_offset_to_pointer (from, len) - from));
    }
  for (guint i = 0; i < 10 && all->len > 0; i++)
    {
      const char *key = all->pdata[g_rand_int_range (rand, 0, all->len)];
      glong n = g_utf8_strlen (key, -1);

      if (n >= 3)
        g_ptr_array_add (terms, g_strdup (g_utf8_offset_to_pointer (key, n - 2 - i % 2)));
    }
  return terms;
}

/* The app's search (ids, newest first, and the count to 1,001) and the message
 * list's filter find exactly the messages whose key contains the term's key. */
static void
check_term (SbCampaign *campaign,
            GHashTable *keys,
            const char *term)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = sb_text_search_key (term);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(SbMessageList) list = NULL;
  GHashTableIter iter;
  gpointer id, message_key;
  gint64 total = -1;

  if (*key == '\0')
    return;
  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &id, &message_key))
    if (strstr (message_key, key) != NULL)
      g_hash_table_add (expected, id);

  found = sb_campaign_search (campaign, term, G_MAXUINT, &total, &error);
  g_assert_no_error (error);
  if (found->len != g_hash_table_size (expected))
    g_test_message ("“%s” (key “%s”): %u found, %u expected", term, key, found->len,
                    g_hash_table_size (expected));
  g_assert_cmpuint (found->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < found->len; i++)
    g_assert_true (g_hash_table_contains (expected, found->pdata[i]));
  g_assert_cmpint (total, ==, MIN (found->len, 1001));

  /* The first page is the newest 50 of the same, in one pass. */
  page = sb_campaign_search (campaign, term, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, MIN (found->len, 50));
  g_assert_cmpint (total, ==, MIN (found->len, 1001));
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpstr (page->pdata[i], ==, found->pdata[i]);

  list = sb_message_list_new (campaign);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, term, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, found->len);
}

static void
check_all_terms (SbCampaign *campaign,
                 guint32     seed)
{
  g_autoptr(GHashTable) keys = load_keys (campaign);
  g_autoptr(GPtrArray) terms = make_terms (keys, seed);

  for (guint i = 0; i < terms->len; i++)
    check_term (campaign, keys, terms->pdata[i]);
}

/* Edits (text, sender, translation), deletions, a restored message and an erased
 * sender: the index follows each. */
static void
change_messages (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_autoptr(GPtrArray) deleted = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 40);
  /* Messages already printed in a batch cannot be edited: those are passed over. */
  for (guint i = 0, edited = 0; edited < 10 && i * 3 < ids->len; i++)
    {
      g_autoptr(SbMessage) m = sb_campaign_get_message (campaign, ids->pdata[i * 3], &error);

      g_assert_no_error (error);
      g_free (m->original_text);
      m->original_text = g_strdup_printf ("Qxylo ក្នុងនាម zu %u នីណៃ", i);
      if (i % 2 == 0)
        {
          g_free (m->sender_name);
          m->sender_name = g_strdup ("Zebediah Qwerty");
        }
      g_free (m->translation_en);
      m->translation_en = g_strdup ("changed");
      if (!sb_campaign_update_message (campaign, m, &error))
        {
          g_test_message ("not edited: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      edited++;
    }
  deleted = g_ptr_array_new ();
  for (guint i = 0; deleted->len < 8 && i * 3 + 1 < ids->len; i++)
    {
      if (!sb_campaign_delete_message (campaign, ids->pdata[i * 3 + 1], &error))
        {
          g_clear_error (&error);
          continue;
        }
      g_ptr_array_add (deleted, ids->pdata[i * 3 + 1]);
    }
  g_assert_cmpuint (deleted->len, ==, 8);
  g_assert_true (sb_campaign_restore_message (campaign, deleted->pdata[0], &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_forget_sender (campaign, ids->pdata[ids->len - 1], NULL, &error));
  g_assert_no_error (error);
}

static void
run (const char *path,
     guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (path, FALSE, &error);

  g_assert_no_error (error);
  check_all_terms (campaign, seed);
  change_messages (campaign);
  check_all_terms (campaign, seed + 1);
  sb_campaign_close (campaign);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_demo_create (fixture->path, &error));
  g_assert_no_error (error);
  run (fixture->path, 1);
}

static void
test_generated (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_bench_create_campaign (fixture->path, 7, &error);
  SbBenchTimes times;

  g_assert_no_error (error);
  g_assert_true (sb_bench_add_messages (campaign, 3000, 7, SB_BENCH_FULL, &times, &error));
  g_assert_no_error (error);
  sb_campaign_close (campaign);
  run (fixture->path, 2);
}

/* A schema-7 file: the index is made from the keys it stored, the column goes, and
 * every search finds what instr () on the stored key found. */
static void
test_migrated (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *backup = g_strdup_printf ("%s.before-v%d.bak", fixture->path,
                                             SB_STORE_SCHEMA_VERSION);

  g_assert_true (sb_demo_create (fixture->path, &error));
  g_assert_no_error (error);
  sb_test_rewind_to_schema_7 (fixture->path);
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  check_all_terms (campaign, 3);
  sb_campaign_close (campaign);
  run (fixture->path, 4);
}

/* A file the previous Sambot wrote (schema 5, tests/fuzz/campaign-corpus): migrated
 * through to schema 8, its index made from the keys it stored. */
static void
test_schema_5_file (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fuzz", "campaign-corpus",
                                                   "small.sambot", NULL);

  g_assert_true (g_file_get_contents (source, &contents, &len, &error));
  g_assert_true (g_file_set_contents (fixture->path, contents, len, &error));
  g_assert_no_error (error);
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  check_all_terms (campaign, 6);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

/* An index made under other key rules (an older src/text, an upgraded GLib) is made
 * again at the next writable open, with progress, and searches find what the rules
 * of this version find. The window asks first (sb_campaign_needs_new_keys ()), so
 * that it opens such a file in the background, as it does an update. */
static void
test_other_rules (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (sb_demo_create (fixture->path, &error));
  g_assert_no_error (error);
  /* The old rules' index: empty, as if every key had been something else. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO message_search (message_search) "
                                     "VALUES ('delete-all');"
                                     "INSERT INTO message_chars (message_chars) "
                                     "VALUES ('delete-all');"
                                     "UPDATE sort_keys SET collation = '0 (GLib 2.0)' "
                                     "WHERE name = 'message_search'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (sb_campaign_needs_update (fixture->path));
  g_assert_true (sb_campaign_needs_new_keys (fixture->path));
  /* Asking leaves nothing beside the file (a read-only connection would). */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  campaign = sb_campaign_open_full (fixture->path, FALSE, record_progress, fractions, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1);
  check_all_terms (campaign, 5);
  sb_campaign_close (campaign);
  g_assert_false (sb_campaign_needs_new_keys (fixture->path));

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT collation FROM sort_keys "
                                           "WHERE name = 'message_search'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   sb_text_search_key_version ());
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Adds a message and returns its id. */
static char *
add_message (SbCampaign *campaign,
             const char *text,
             const char *city,
             const char *translation_km)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();

  g_free (message->original_text);
  message->original_text = g_strdup (text);
  g_free (message->sender_name);
  message->sender_name = g_strdup ("Dara");
  g_free (message->sender_city);
  message->sender_city = g_strdup (city);
  g_free (message->translation_km);
  message->translation_km = g_strdup (translation_km);
  g_free (message->received_on);
  message->received_on = g_strdup ("2016-09-01");
  g_assert_true (sb_campaign_add_message (campaign, message, &error));
  g_assert_no_error (error);
  return g_strdup (message->id);
}

/* The newest @n of @added (in the order they were added), newest first. */
static void
assert_newest_first (GPtrArray *found,
                     GPtrArray *added,
                     guint      n)
{
  g_assert_cmpuint (found->len, >=, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (found->pdata[i], ==, added->pdata[added->len - 1 - i]);
}

/* Terms a person types, in 3,000 generated messages and some of ours: a rare word
 * made of common pairs of characters, a Khmer place, the very start and end of a message's key, an absent term, and
 * words in 275 and in 1,100 messages (the count stops at "1,000+"). Each finds
 * exactly the messages whose key holds it, newest first, as the list's filter; a
 * deleted message is found only among the deleted. */
static void
test_terms_people_type (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_bench_create_campaign (fixture->path, 9, &error);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) some = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) city = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) khmer = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(SbMessage) last = NULL;
  g_autoptr(SbMessageList) list = NULL;
  g_autofree char *long_id = NULL;
  const char *long_text = "Nous pensons à vous chaque jour, et nous écrivons aux autorités "
                          "pour demander votre libération : tenez bon, vous n'êtes pas seuls.";
  g_autofree char *last_key = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  SbBenchTimes times;
  gint64 total = -1;
  static const char *terms[] = {
    "ouagadougou", "tethe", "the thee", "ស្ទឹងត្រែង", "ខេត្តស្ទឹង", "zqwxv", "vbnmk",
    "ouagadougouq", "qzq", "ouaga dougou",
  };

  g_assert_no_error (error);
  g_assert_true (sb_bench_add_messages (campaign, 3000, 9, SB_BENCH_FULL, &times, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_begin (campaign, &error));
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *text = g_strdup_printf ("Zqwxv, we are with you (%u).", i);

      g_ptr_array_add (many, add_message (campaign, text, "Lyon", ""));
      if (i % 4 == 0)
        g_ptr_array_add (some, add_message (campaign, "Vbnmk: a tethered heart, free.",
                                            "Lille", ""));
    }
  g_assert_true (sb_campaign_commit (campaign, &error));
  g_assert_no_error (error);
  /* A query far longer than a word: the phrase of 70 threes or more. */
  long_id = add_message (campaign, long_text, "Lyon", "");
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (city, add_message (campaign, "Stay strong.", "Ouagadougou", ""));
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (khmer, add_message (campaign, "Courage.", "Paris",
                                         "ខេត្តស្ទឹងត្រែង សូមឱ្យមានសុខភាពល្អ"));
  g_assert_cmpuint (some->len, ==, 275);

  keys = load_keys (campaign);
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    check_term (campaign, keys, terms[i]);

  check_term (campaign, keys, long_text);
  found = sb_campaign_search (campaign, long_text, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 1);
  g_assert_cmpstr (found->pdata[0], ==, long_id);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The newest first, and the count. */
  found = sb_campaign_search (campaign, "ouagadougou", 50, &total, &error);
  g_assert_no_error (error);
  assert_newest_first (found, city, 3);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sb_campaign_search (campaign, "ស្ទឹងត្រែង", 50, &total, &error);
  g_assert_no_error (error);
  assert_newest_first (found, khmer, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sb_campaign_search (campaign, "Vbnmk", 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 50);
  g_assert_cmpint (total, ==, 275);
  assert_newest_first (found, some, 50);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sb_campaign_search (campaign, "zqwxv", 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 50);
  g_assert_cmpint (total, ==, 1001);
  assert_newest_first (found, many, 50);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sb_campaign_search (campaign, "ouagadougouq", 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpint (total, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The very start (the reference) and the very end of the newest message's key. */
  last = sb_campaign_get_message (campaign, khmer->pdata[1], &error);
  g_assert_no_error (error);
  last_key = sb_test_message_key (last->ref, last->sender_name, last->sender_city,
                                  last->original_text, last->translation_km,
                                  last->translation_en);
  start = g_utf8_substring (last_key, 0, 5);
  end = g_utf8_substring (last_key, g_utf8_strlen (last_key, -1) - 5, g_utf8_strlen (last_key, -1));
  check_term (campaign, keys, start);
  check_term (campaign, keys, end);
  found = sb_campaign_search (campaign, end, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->pdata[0], ==, khmer->pdata[1]);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sb_campaign_search (campaign, start, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, >=, 1);
  g_assert_cmpstr (found->pdata[0], ==, khmer->pdata[1]);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A deleted message leaves the search, and the list of deleted messages finds it. */
  g_assert_true (sb_campaign_delete_message (campaign, city->pdata[1], &error));
  g_assert_no_error (error);
  found = sb_campaign_search (campaign, "Ouagadougou", 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 2);
  g_assert_cmpstr (found->pdata[0], ==, city->pdata[2]);
  g_assert_cmpstr (found->pdata[1], ==, city->pdata[0]);
  list = sb_message_list_new (campaign);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "Ouagadougou", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, "deleted", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/search/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/search/generated", Fixture, NULL, fixture_set_up, test_generated,
              fixture_tear_down);
  g_test_add ("/search/migrated", Fixture, NULL, fixture_set_up, test_migrated,
              fixture_tear_down);
  g_test_add ("/search/schema-5-file", Fixture, NULL, fixture_set_up, test_schema_5_file,
              fixture_tear_down);
  g_test_add ("/search/terms-people-type", Fixture, NULL, fixture_set_up,
              test_terms_people_type, fixture_tear_down);
  g_test_add ("/search/other-rules", Fixture, NULL, fixture_set_up, test_other_rules,
              fixture_tear_down);
  return g_test_run ();
}
