/* test-store.c — the campaign file: creation, refusal of foreign, damaged and newer
 * files, migration with backup, history, locking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "sb-campaign.h"
#include "sb-message-list.h"
#include "sb-store.h"
#include "sb-text.h"
#include "sb-test-schema7.h"
#include "sb-test-sql.h"
#include "sb-test.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = g_dir_make_tmp ("sambot-store-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
make_campaign (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_create (path, "Test", "PP", &error);
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();

  g_assert_no_error (error);
  g_free (detainee->name_en);
  detainee->name_en = g_strdup ("Ny Sokha");
  g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
  sb_campaign_close (campaign);
}

/* Runs one SQL statement on a file without Sambot, as another program would. */
static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_text", 1, SQLITE_UTF8, NULL, sb_test_sql_same, NULL, NULL);
  sb_test_sql_register_history (db);
  sqlite3_create_function (db, "sb_exchange_replaying", 0, SQLITE_UTF8, NULL, sb_test_sql_false,
                           NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_create_and_reopen (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) detainees = NULL;

  make_campaign (fixture->path);
  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
  detainees = sb_store_list_detainees (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detainees->len, ==, 1);
  g_assert_cmpstr (((SbDetainee *) detainees->pdata[0])->name_en, ==, "Ny Sokha");
}

static void
test_create_refuses_existing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "precious", -1, NULL));
  before = file_bytes (fixture->path);
  store = sb_store_create (fixture->path, &error);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS);
  g_assert_null (store);
  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GBytes) before = file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *name = g_path_get_basename (path);

  store = sb_store_open (path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, SB_STORE_ERROR, code);
  /* The message names the file, for the person who chose it. */
  g_assert_nonnull (strstr (error->message, name));
  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_text_file (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_assert_true (g_file_set_contents (fixture->path, "Dear Sokha, stay strong.\n", -1, NULL));
  assert_refused_unchanged (fixture->path, SB_STORE_ERROR_NOT_CAMPAIGN);
}

static void
test_refuses_other_sqlite (Fixture       *fixture,
                           gconstpointer  user_data)
{
  sqlite_exec (fixture->path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
  assert_refused_unchanged (fixture->path, SB_STORE_ERROR_NOT_CAMPAIGN);
}

static void
test_refuses_newer_version (Fixture       *fixture,
                            gconstpointer  user_data)
{
  make_campaign (fixture->path);
  sqlite_exec (fixture->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
  assert_refused_unchanged (fixture->path, SB_STORE_ERROR_NEWER_VERSION);
}

static void
test_refuses_damaged (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *contents = NULL;
  gsize len;

  make_campaign (fixture->path);
  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  /* Scribble over the pages after the header, as a failing disk would. */
  for (gsize i = 4096; i < len; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (fixture->path, contents, len, NULL));
  assert_refused_unchanged (fixture->path, SB_STORE_ERROR_CORRUPT);
}

static void
test_refuses_missing (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* A file from before schema 1 (only the marker) is backed up, then migrated. */
static void
test_migrate_with_backup (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autofree char *backup_path = g_strdup_printf ("%s.before-v%d.bak", fixture->path,
                                                  SB_STORE_SCHEMA_VERSION);

  sqlite_exec (fixture->path, "PRAGMA application_id = 1398893922; "
                              "CREATE TABLE old_notes (text TEXT); "
                              "INSERT INTO old_notes VALUES ('kept')");
  before = file_bytes (fixture->path);

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_EXISTS));
  backup = file_bytes (backup_path);
  /* The backup holds the old data, and is a database of its own. */
  g_assert_cmpuint (g_bytes_get_size (backup), >=, g_bytes_get_size (before));
}

/* Latin and Khmer senders, in the order the KM collation gives (Khmer first). */
static const char *const sorted_senders = "|កញ្ញា|ខេមរា|ឈូក|anna|Anna|Ánna|Bob|emile|Émile|Zoé";

static void
add_senders (const char *path)
{
  const char *senders[] = { "Zoé", "ឈូក", "Anna", "", "emile", "កញ្ញា", "Ánna", "Bob",
                            "ខេមរា", "anna", "Émile" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (path, FALSE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();

      g_free (message->sender_name);
      message->sender_name = g_strdup (senders[i]);
      g_free (message->original_text);
      message->original_text = g_strdup ("Stay strong");
      g_assert_true (sb_campaign_add_message (campaign, message, &error));
      g_assert_no_error (error);
    }
  sb_campaign_close (campaign);
}

/* The history triggers of a campaign file call these. */
static void
sql_text (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_text (context, "2016-10-10T09:00:00Z", -1, SQLITE_STATIC);
}

/* Runs @sql as another program would, and returns the first column of its
 * first row as text ("" when there is none). */
static char *
sqlite_text (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_now", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_operator", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sb_test_sql_register_history (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
  sqlite3_close (db);
  return text ? text : g_strdup ("");
}

/* EXPLAIN QUERY PLAN of @sql: its steps, joined by "; ". */
static char *
query_plan (const char *path,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s; ", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static char *
senders_by_key (const char *path)
{
  return sqlite_text (path, "SELECT group_concat (sender_name, '|') FROM (SELECT sender_name "
                            "FROM messages ORDER BY sender_sort_key, rowid)");
}

static char *
senders_in_list (const char *path,
                 gboolean    read_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (path, read_only, &error);
  g_autoptr(SbMessageList) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  list = sb_message_list_new (campaign);
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(SbMessageRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (out, "%s%s", i ? "|" : "", sb_message_row_get_sender_name (row));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A schema-3 file (as the previous Sambot wrote it) gets its senders' sort keys in
 * the migration, and they order as the KM collation does. */
static void
test_migrate_sender_keys (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *order = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *version = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *backup_path = g_strdup_printf ("%s.before-v%d.bak", fixture->path,
                                                  SB_STORE_SCHEMA_VERSION);

  make_campaign (fixture->path);
  add_senders (fixture->path);
  /* Schema 3 is schema 4 without the key, its index and the collator version. */
  sb_test_rewind_to_schema_7 (fixture->path);
  sqlite_exec (fixture->path, "DROP INDEX messages_sender_sort; "
                              "ALTER TABLE messages DROP COLUMN sender_sort_key; "
                              "DROP TABLE sort_keys; PRAGMA user_version = 3");
  columns = sqlite_text (fixture->path, "SELECT count(*) FROM pragma_table_info ('messages') "
                                        "WHERE name = 'sender_sort_key'");
  g_assert_cmpstr (columns, ==, "0");

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_schema_version (store), ==, SB_STORE_SCHEMA_VERSION);
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_EXISTS));
  sb_store_close (store);

  missing = sqlite_text (fixture->path, "SELECT count(*) FROM messages "
                                        "WHERE sender_sort_key IS NULL");
  g_assert_cmpstr (missing, ==, "0");
  order = senders_by_key (fixture->path);
  g_assert_cmpstr (order, ==, sorted_senders);
  version = sqlite_text (fixture->path, "SELECT collation FROM sort_keys "
                                        "WHERE name = 'messages.sender_sort_key'");
  g_assert_cmpstr (version, ==, sb_text_collation_version ("km"));

  /* The list as it opens sorted by sender reads the index alone, in order: no
   * table, no sort (see sb-store-message-list.c). */
  plan = query_plan (fixture->path,
                     "SELECT rowid FROM messages INDEXED BY messages_sender_sort "
                     "ORDER BY sender_sort_key DESC, rowid DESC");
  g_assert_nonnull (strstr (plan, "COVERING INDEX messages_sender_sort"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));

  listed = senders_in_list (fixture->path, FALSE);
  g_assert_cmpstr (listed, ==, sorted_senders);
}

/* A schema-4 file gets schema 5's history trigger, which runs only when a field it
 * records is written: edits are still in the history, and a column it does not
 * record (here the sort key, written by a program without Sambot's functions) is
 * updated without the trigger running at all. */
static void
test_migrate_quiet_history (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autofree char *rows = NULL;
  SbHistoryEntry *last;

  make_campaign (fixture->path);
  add_senders (fixture->path);
  /* Schema 4's trigger ran for every update; this stand-in also writes a row. */
  sb_test_rewind_to_schema_7 (fixture->path);
  sqlite_exec (fixture->path, "DROP TRIGGER messages_history_update; "
                              "CREATE TRIGGER messages_history_update AFTER UPDATE ON messages "
                              "BEGIN INSERT INTO history (at, operator, entity, entity_id, field) "
                              "VALUES (sb_now (), sb_operator (), 'message', new.id, 'any'); END; "
                              "PRAGMA user_version = 4");

  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_assert_no_error (error);
  message = sb_campaign_get_message (campaign, ids->pdata[0], &error);
  g_assert_no_error (error);
  g_free (message->sender_name);
  message->sender_name = g_strdup ("Sok Dara");
  g_assert_true (sb_campaign_update_message (campaign, message, &error));
  g_assert_no_error (error);
  history = sb_campaign_list_history (campaign, message->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);   /* created, then the sender */
  last = history->pdata[1];
  g_assert_cmpstr (last->field, ==, "sender_name");
  g_assert_cmpstr (last->after, ==, "Sok Dara");
  sb_campaign_close (campaign);

  sqlite_exec (fixture->path, "UPDATE messages SET sender_sort_key = x'00'");
  rows = sqlite_text (fixture->path, "SELECT count(*) FROM history WHERE field = 'any'");
  g_assert_cmpstr (rows, ==, "0");
}

/* One entry for the rows of one moment, one operator and one record (a message and
 * its copies), a new one when any of them changes; every row reads back as it was
 * written, in order, by the record it is about (migrations/0012-history-entries.sql). */
static void
test_history_entries (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) of_message = NULL;
  g_autoptr(GPtrArray) of_copy = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *first = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  SbHistoryEntry *entry;
  int id;

  make_campaign (fixture->path);
  first = sqlite_text (fixture->path, "SELECT max (id) + 1 FROM history");
  /* Written as a program with Sambot's functions would; "m" and "m:d" are one
   * record, Sok's row at the same second another entry, a new second another. */
  sqlite_exec (fixture->path,
               "INSERT INTO history (at, operator, entity, entity_id, field, before, after) VALUES "
               "('2016-08-08T09:00:00Z', 'Dara', 'message', 'm', '', NULL, 'PP-0001'), "
               "('2016-08-08T09:00:00Z', 'Dara', 'copy', 'm:d', '', NULL, 'd'), "
               "('2016-08-08T09:00:00Z', 'Dara', 'copy', 'm:d', 'state', 'pending', 'waiting'), "
               "('2016-08-08T09:00:00Z', 'Sok', 'message', 'm', 'status', 'new', 'approved'), "
               "('2016-08-08T09:00:01Z', 'Sok', 'copy', 'm:d', 'attempts', 0, 1), "
               "('2016-08-08T09:00:01Z', 'Sok', 'message', 'other', '', NULL, 'PP-0002')");
  entries = sqlite_text (fixture->path, "SELECT count(*) FROM history_entries WHERE subject IN ('m', 'other')");
  g_assert_cmpstr (entries, ==, "4");
  rows = sqlite_text (fixture->path,
                      "SELECT group_concat (id || ' ' || at || ' ' || operator || ' ' || entity || ' ' "
                      "|| entity_id || ' ' || field || ' ' || coalesce (before, '-') || ' ' "
                      "|| after, '; ') FROM (SELECT * FROM history WHERE subject IN ('m', 'other') "
                      "ORDER BY id)");
  id = atoi (first);
  expected = g_strdup_printf (
    "%1$d 2016-08-08T09:00:00Z Dara message m  - PP-0001; "
    "%2$d 2016-08-08T09:00:00Z Dara copy m:d  - d; "
    "%3$d 2016-08-08T09:00:00Z Dara copy m:d state pending waiting; "
    "%4$d 2016-08-08T09:00:00Z Sok message m status new approved; "
    "%5$d 2016-08-08T09:00:01Z Sok copy m:d attempts 0 1; "
    "%6$d 2016-08-08T09:00:01Z Sok message other  - PP-0002",
    id, id + 1, id + 2, id + 3, id + 4, id + 5);
  g_assert_cmpstr (rows, ==, expected);

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  of_message = sb_store_list_history (store, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_message->len, ==, 2);
  entry = of_message->pdata[1];
  g_assert_cmpstr (entry->operator_name, ==, "Sok");
  g_assert_cmpstr (entry->after, ==, "approved");
  of_copy = sb_store_list_history (store, "m:d", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_copy->len, ==, 3);
  entry = of_copy->pdata[2];
  g_assert_cmpstr (entry->at, ==, "2016-08-08T09:00:01Z");
  g_assert_cmpstr (entry->field, ==, "attempts");
  g_assert_cmpstr (entry->before, ==, "0");
}

/* A subject that is a UUID in canonical form is kept in 16 bytes, a moment in
 * canonical form as seconds, anything else as it was written; every row reads back
 * as written and is found by its record (migrations/0015-history-ids.sql,
 * src/store/sb-store-ids.c). */
static void
test_history_ids (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *uuid = "0195a3c2-7c1e-7d2a-9f00-3b4c5d6e7f80";
  const char *upper = "0195A3C2-7C1E-7D2A-9F00-3B4C5D6E7F80";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) of_message = NULL;
  g_autoptr(GPtrArray) of_copy = NULL;
  g_autoptr(GPtrArray) of_upper = NULL;
  g_autofree char *detainee = NULL;
  g_autofree char *first = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  SbHistoryEntry *entry;

  make_campaign (fixture->path);
  /* The detainee the campaign was made with: its id is one of Sambot's UUIDs, its
   * moment one of Sambot's. */
  detainee = sqlite_text (fixture->path,
                          "SELECT typeof (subject) || ' ' || length (subject) || ' ' || typeof (at) "
                          "FROM history_entries WHERE subject = (SELECT sb_id (id) FROM detainees)");
  g_assert_cmpstr (detainee, ==, "blob 16 integer");

  first = sqlite_text (fixture->path, "SELECT max (id) + 1 FROM history");
  sql = g_strdup_printf ("INSERT INTO history (at, operator, entity, entity_id, field, before, after) "
                         "VALUES ('2016-08-08T09:00:00Z', 'Dara', 'message', '%1$s', '', NULL, 'PP-0001'), "
                         "('2016-08-08T09:00:00Z', 'Dara', 'copy', '%1$s:d', '', NULL, 'd'), "
                         "('2016-08-08 09:00:01', 'Dara', 'message', '%2$s', '', NULL, 'PP-0002')",
                         uuid, upper);
  sqlite_exec (fixture->path, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat (typeof (subject) || ' ' || length (subject) || ' ' "
                         "|| typeof (at), ', ') FROM (SELECT * FROM history_entries "
                         "WHERE id >= %s ORDER BY id)", first);
  kept = sqlite_text (fixture->path, sql);
  /* One entry for the message and its copy, one for the other. */
  g_assert_cmpstr (kept, ==, "blob 16 integer, text 36 text");
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat (at || ' ' || entity_id, '; ') FROM "
                         "(SELECT * FROM history WHERE id >= %s ORDER BY id)", first);
  rows = sqlite_text (fixture->path, sql);
  expected = g_strdup_printf ("2016-08-08T09:00:00Z %1$s; 2016-08-08T09:00:00Z %1$s:d; "
                              "2016-08-08 09:00:01 %2$s", uuid, upper);
  g_assert_cmpstr (rows, ==, expected);

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  of_message = sb_store_list_history (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_message->len, ==, 1);
  entry = of_message->pdata[0];
  g_assert_cmpstr (entry->entity_id, ==, uuid);
  g_assert_cmpstr (entry->at, ==, "2016-08-08T09:00:00Z");
  g_free (sql);
  sql = g_strconcat (uuid, ":d", NULL);
  of_copy = sb_store_list_history (store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_copy->len, ==, 1);
  g_assert_cmpstr (((SbHistoryEntry *) of_copy->pdata[0])->after, ==, "d");
  of_upper = sb_store_list_history (store, upper, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_upper->len, ==, 1);
  g_assert_cmpstr (((SbHistoryEntry *) of_upper->pdata[0])->after, ==, "PP-0002");
}

/* Sambot's moments as the history keeps them: a real one as its seconds, written out
 * the same by the view (SQLite's strftime); anything else as text, as it was. */
static void
test_history_moments (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char *const packed[] = {
    "2016-08-08T09:00:00Z", "2016-02-29T23:59:59Z", "2000-02-29T00:00:00Z",
    "1999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "1900-03-01T12:00:00Z",
    "1000-01-01T00:00:00Z", "2038-01-19T03:14:08Z", "9999-12-31T23:59:59Z",
  };
  static const char *const kept[] = {
    "2015-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2016-04-31T00:00:00Z",
    "2016-08-08T24:00:00Z", "2016-08-08T09:60:00Z", "2016-08-08T09:00:60Z",
    "2016-08-08T09:00:00z", "2016-08-08 09:00:00Z", "0999-12-31T23:59:59Z",
    "2016-8-08T09:00:00Z", "2016-08-08T09:00:00+00:00",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *rows = NULL;

  make_campaign (fixture->path);
  first = sqlite_text (fixture->path, "SELECT max (id) + 1 FROM history_entries");
  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (packed) + G_N_ELEMENTS (kept); i++)
    {
      gboolean is_packed = i < G_N_ELEMENTS (packed);
      const char *moment = is_packed ? packed[i] : kept[i - G_N_ELEMENTS (packed)];

      sb_store_set_clock (store, moment);
      g_assert_true (sb_store_set_setting (store, "hashtag", moment, &error));
      g_assert_no_error (error);
      g_string_append_printf (expected, "%s%s %s", i ? "; " : "",
                              is_packed ? "integer" : "text", moment);
    }
  g_clear_object (&store);

  sql = g_strdup_printf ("SELECT group_concat (kept || ' ' || shown, '; ') FROM "
                         "(SELECT e.id, typeof (e.at) AS kept, h.at AS shown "
                         " FROM history_entries e JOIN history h ON h.id = e.id "
                         " WHERE e.id >= %s ORDER BY e.id)", first);
  rows = sqlite_text (fixture->path, sql);
  g_assert_cmpstr (rows, ==, expected->str);
}

/* A program that keeps the history's subjects and moments otherwise (its sb_id () and
 * sb_moment () return what they are given, or it writes numbers): its rows read back
 * as a text column would have kept them, and are found by their record. */
static void
test_history_ids_other_program (Fixture       *fixture,
                                gconstpointer  user_data)
{
  const char *uuid = "0195a3c2-7c1e-7d2a-9f00-3b4c5d6e7f81";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GPtrArray) of_message = NULL;
  g_autoptr(GPtrArray) of_number = NULL;
  g_autofree char *first = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *rows = NULL;
  sqlite3 *db = NULL;

  make_campaign (fixture->path);
  first = sqlite_text (fixture->path, "SELECT max (id) + 1 FROM history");
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_id", 1, SQLITE_UTF8, NULL, sb_test_sql_same, NULL, NULL);
  sqlite3_create_function (db, "sb_moment", 1, SQLITE_UTF8, NULL, sb_test_sql_same, NULL, NULL);
  sqlite3_create_function (db, "sb_exchange_replaying", 0, SQLITE_UTF8, NULL, sb_test_sql_false,
                           NULL, NULL);
  sql = g_strdup_printf ("INSERT INTO history (at, operator, entity, entity_id, field, before, after) "
                         "VALUES ('2016-08-08T09:00:00Z', 'Dara', 'message', '%s', '', NULL, 'PP-0001')",
                         uuid);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* Functions that keep them as Sambot's do, given numbers. */
  sqlite_exec (fixture->path,
               "INSERT INTO history (at, operator, entity, entity_id, field, before, after) "
               "VALUES (1470646801, 'Dara', 'message', 123, '', NULL, 'PP-0002')");
  g_free (sql);
  sql = g_strdup_printf ("SELECT group_concat (at || ' ' || entity_id || ' ' || typeof (subject), '; ') "
                         "FROM (SELECT * FROM history WHERE id >= %s ORDER BY id)", first);
  rows = sqlite_text (fixture->path, sql);
  g_assert_cmpstr (rows, ==, "2016-08-08T09:00:00Z 0195a3c2-7c1e-7d2a-9f00-3b4c5d6e7f81 text; "
                             "1470646801 123 text");

  store = sb_store_open (fixture->path, SB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  of_message = sb_store_list_history (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_message->len, ==, 1);
  of_number = sb_store_list_history (store, "123", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_number->len, ==, 1);
  g_assert_cmpstr (((SbHistoryEntry *) of_number->pdata[0])->at, ==, "1470646801");
}

/* Keys made by another ICU are not trusted: a read-only file sorts with the
 * collation itself, a writable one gets new keys. */
static void
test_sender_keys_other_collator (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *listed = NULL;
  g_autofree char *order = NULL;
  g_autofree char *version = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  make_campaign (fixture->path);
  add_senders (fixture->path);
  g_free (sqlite_text (fixture->path, "UPDATE messages SET sender_sort_key = "
                                      "CAST (sender_name AS BLOB)"));
  sqlite_exec (fixture->path, "UPDATE sort_keys SET collation = '1.0'; "
                              "PRAGMA journal_mode = DELETE");
  order = senders_by_key (fixture->path);
  g_assert_cmpstr (order, !=, sorted_senders);

  before = file_bytes (fixture->path);
  listed = senders_in_list (fixture->path, TRUE);
  g_assert_cmpstr (listed, ==, sorted_senders);
  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));

  g_clear_pointer (&listed, g_free);
  listed = senders_in_list (fixture->path, FALSE);
  g_assert_cmpstr (listed, ==, sorted_senders);
  g_clear_pointer (&order, g_free);
  order = senders_by_key (fixture->path);
  g_assert_cmpstr (order, ==, sorted_senders);
  version = sqlite_text (fixture->path, "SELECT collation FROM sort_keys "
                                        "WHERE name = 'messages.sender_sort_key'");
  g_assert_cmpstr (version, ==, sb_text_collation_version ("km"));
}

static void
test_history_rows (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) history = NULL;
  SbDetainee *detainee;
  SbHistoryEntry *last;

  make_campaign (fixture->path);
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_set_operator (campaign, "Sophea");
  sb_campaign_set_clock (campaign, "2016-10-10T09:30:00Z");

  detainees = sb_campaign_list_detainees (campaign, &error);
  detainee = detainees->pdata[0];
  g_free (detainee->name_km);
  detainee->name_km = g_strdup ("នី សុខា");
  g_assert_true (sb_campaign_update_detainee (campaign, detainee, &error));
  g_assert_no_error (error);

  history = sb_campaign_list_history (campaign, detainee->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);   /* created, then the Khmer name */
  last = history->pdata[1];
  g_assert_cmpstr (last->operator_name, ==, "Sophea");
  g_assert_cmpstr (last->at, ==, "2016-10-10T09:30:00Z");
  g_assert_cmpstr (last->field, ==, "name_km");
  g_assert_cmpstr (last->before, ==, "");
  g_assert_cmpstr (last->after, ==, "នី សុខា");
}

static void
test_locked_by_other (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) after = NULL;
  SbDetainee *detainee;
  sqlite3 *other = NULL;

  make_campaign (fixture->path);
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);

  /* Another program holds the write lock for longer than we wait. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  detainees = sb_campaign_list_detainees (campaign, &error);
  detainee = detainees->pdata[0];
  g_free (detainee->role);
  detainee->role = g_strdup ("Monitor");
  g_assert_false (sb_campaign_update_detainee (campaign, detainee, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  /* Once the other program is done, the same change goes through. */
  g_assert_true (sb_campaign_update_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
  after = sb_campaign_list_detainees (campaign, &error);
  g_assert_cmpstr (((SbDetainee *) after->pdata[0])->role, ==, "Monitor");
}

/* Scribbles over the first page of @table and of each of its indexes, as a failing
 * disk would. */
static void
damage_table (const char *path,
              const char *table)
{
  g_autofree char *contents = NULL;
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page_size = 0;
  gsize len;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                           "FROM sqlite_schema WHERE tbl_name = ? AND rootpage > 0",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 root = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (roots, root);
      page_size = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (roots->len, >, 0);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  for (guint i = 0; i < roots->len; i++)
    {
      gint64 root = g_array_index (roots, gint64, i);

      g_assert_cmpint (root * page_size, <=, (gint64) len);
      memset (contents + (root - 1) * page_size, 0xee, page_size);
    }
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* A setting on a damaged page is an error that says so, not "no setting": a
 * campaign must not lose its name or office code to a bad disk in silence. */
static void
test_damaged_setting (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *name = NULL;

  make_campaign (fixture->path);
  damage_table (fixture->path, "settings");
  /* A large file opens without the full check (sb-store.c): the damage is met on
   * the first read of the page. */
  store = sb_store_open (fixture->path, SB_STORE_OPEN_NO_CHECK, &error);
  g_assert_no_error (error);

  name = sb_store_get_setting (store, SB_SETTING_NAME, &error);
  g_assert_null (name);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "backup"));
}

/* Reading the queue of a damaged file is an error, not "nothing left to type". */
static void
test_damaged_queue (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autofree char *next = NULL;
  g_autofree char *before = NULL;
  gint64 rowid;

  make_campaign (fixture->path);
  {
    g_autoptr(SbCampaign) campaign = sb_campaign_open (fixture->path, FALSE, &error);
    g_autoptr(SbMessage) message = sb_message_new ();

    g_assert_no_error (error);
    g_free (message->original_text);
    message->original_text = g_strdup ("We stand with you.");
    g_assert_true (sb_campaign_add_message (campaign, message, &error));
    g_assert_no_error (error);
    sb_campaign_close (campaign);
  }
  damage_table (fixture->path, "messages");
  damage_table (fixture->path, "history_entries");
  store = sb_store_open (fixture->path, SB_STORE_OPEN_NO_CHECK, &error);
  g_assert_no_error (error);

  next = sb_store_next_message_id (store, "new", NULL, &error);
  g_assert_null (next);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  rowid = sb_store_get_message_rowid (store, "PP-0001", &error);
  g_assert_cmpint (rowid, ==, 0);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  before = sb_store_status_before (store, "any", "deleted", &error);
  g_assert_null (before);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
}

static void
test_read_only_open (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  make_campaign (fixture->path);
  before = file_bytes (fixture->path);
  campaign = sb_campaign_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_is_read_only (campaign));
  g_free (office->code);
  office->code = g_strdup ("BB");
  g_free (office->name);
  office->name = g_strdup ("Battambang");
  g_assert_false (sb_campaign_add_office (campaign, office, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY);
  g_clear_object (&campaign);
  after = file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_backup (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbCampaign) copy = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.sambot", NULL);

  make_campaign (fixture->path);
  campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_true (sb_campaign_backup (campaign, backup, FALSE, &error));
  g_assert_no_error (error);
  copy = sb_campaign_open (backup, TRUE, &error);
  g_assert_no_error (error);
  detainees = sb_campaign_list_detainees (copy, &error);
  g_assert_cmpuint (detainees->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/create/and-reopen", test_create_and_reopen);
  ADD ("/store/create/refuses-existing", test_create_refuses_existing);
  ADD ("/store/open/refuses-text-file", test_refuses_text_file);
  ADD ("/store/open/refuses-other-sqlite", test_refuses_other_sqlite);
  ADD ("/store/open/refuses-newer-version", test_refuses_newer_version);
  ADD ("/store/open/refuses-damaged", test_refuses_damaged);
  ADD ("/store/open/refuses-missing", test_refuses_missing);
  ADD ("/store/open/read-only", test_read_only_open);
  ADD ("/store/migrate/backup-first", test_migrate_with_backup);
  ADD ("/store/migrate/sender-sort-keys", test_migrate_sender_keys);
  ADD ("/store/migrate/quiet-history", test_migrate_quiet_history);
  ADD ("/store/sort-keys/other-collator", test_sender_keys_other_collator);
  ADD ("/store/history/rows-on-change", test_history_rows);
  ADD ("/store/history/entries", test_history_entries);
  ADD ("/store/history/ids", test_history_ids);
  ADD ("/store/history/ids-other-program", test_history_ids_other_program);
  ADD ("/store/history/moments", test_history_moments);
  ADD ("/store/lock/other-program", test_locked_by_other);
  ADD ("/store/damaged/setting-is-an-error", test_damaged_setting);
  ADD ("/store/damaged/queue-is-an-error", test_damaged_queue);
  ADD ("/store/backup/opens", test_backup);
#undef ADD

  return g_test_run ();
}
