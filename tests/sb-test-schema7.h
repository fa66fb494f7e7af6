/* sb-test-schema7.h — a campaign file turned back into schema 7, as the previous
 * Sambot wrote it: the search key stored in messages.search_key and a trigram
 * index over it (src/store/migrations/0001-campaign.sql), no schema-8 search tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sb-text.h"
#include "sb-test-sql.h"

/* The key schema 7 stored: the reference's key, then the key of the sender, city,
 * text and translations joined by spaces (src/core/sb-campaign-messages.c). */
static inline char *
sb_test_message_key (const char *ref,
                     const char *name,
                     const char *city,
                     const char *text,
                     const char *km,
                     const char *en)
{
  g_autofree char *all = g_strjoin (" ", name, city, text, km, en, NULL);
  g_autofree char *ref_key = sb_text_search_key (ref);
  g_autofree char *content_key = sb_text_search_key (all);

  if (*ref_key == '\0' || *content_key == '\0')
    return g_strconcat (ref_key, content_key, NULL);
  return g_strconcat (ref_key, " ", content_key, NULL);
}

static inline void
sb_test_sql_message_key (sqlite3_context  *context,
                         int               argc,
                         sqlite3_value   **argv)
{
  const char *v[6];

  for (int i = 0; i < 6; i++)
    v[i] = sqlite3_value_text (argv[i]) ? (const char *) sqlite3_value_text (argv[i]) : "";
  sqlite3_result_text (context, sb_test_message_key (v[0], v[1], v[2], v[3], v[4], v[5]), -1,
                       g_free);
}

/* Schemas 14 (migrations/0014-leaner-rows.sql: read through the view, as shown),
 * 13 (migrations/0013-packed-texts.sql: the texts unpacked), 12 (migrations/0012-history-entries.sql: the history one table of
 * rows again), 10 (migrations/0010-copies-key.sql: copies and batch items with ids of
 * their own again, without their triggers, which 0010 makes anew), 9
 * (migrations/0009-list-filters.sql: four indexes) and 8
 * (migrations/0008-search.sql) undone, with every message's key stored again:
 * PRAGMA user_version is 7 after. */
static inline void
sb_test_rewind_to_schema_7 (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_test_key", 6, SQLITE_UTF8, NULL, sb_test_sql_message_key,
                           NULL, NULL);
  /* Unpacking fires the history's trigger, which compiles but writes nothing. */
  sqlite3_create_function (db, "sb_text", 1, SQLITE_UTF8, NULL, sb_test_sql_unpack, NULL, NULL);
  for (const char *const *name = (const char *const[]) { "sb_now", "sb_operator",
                                                         "sb_exchange_replaying", NULL };
       *name != NULL; name++)
    sqlite3_create_function (db, *name, 0, SQLITE_UTF8, NULL, sb_test_sql_false, NULL, NULL);
  /* The renames below leave the trigger of messages that reads copies as it is. */
  sqlite3_exec (db,
                "PRAGMA legacy_alter_table = ON;"
                "BEGIN;"
                "CREATE TABLE copies_9 ("
                "  id TEXT PRIMARY KEY,"
                "  message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,"
                "  detainee_id TEXT NOT NULL REFERENCES detainees (id),"
                "  state TEXT NOT NULL DEFAULT 'pending',"
                "  attempts INTEGER NOT NULL DEFAULT 0,"
                "  outcome_reason TEXT NOT NULL DEFAULT '',"
                "  delivered_on TEXT,"
                "  created_at TEXT NOT NULL DEFAULT '2016-08-08T08:00:00Z',"
                "  UNIQUE (message_id, detainee_id));"
                "INSERT INTO copies_9 (id, message_id, detainee_id, state, attempts, outcome_reason,"
                "  delivered_on) SELECT coalesce (old_id, message_id || ':' || detainee_id),"
                "  message_id, detainee_id, state, attempts, outcome_reason, delivered_on FROM copies;"
                "CREATE TABLE batch_items_9 ("
                "  id TEXT PRIMARY KEY,"
                "  batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,"
                "  copy_id TEXT NOT NULL REFERENCES copies (id),"
                "  position INTEGER NOT NULL,"
                "  outcome TEXT NOT NULL DEFAULT '',"
                "  outcome_reason TEXT NOT NULL DEFAULT '',"
                "  outcome_on TEXT,"
                "  UNIQUE (batch_id, copy_id));"
                "INSERT INTO batch_items_9 SELECT i.batch_id || ':' || c.id, i.batch_id, c.id,"
                "  i.position, i.outcome, i.outcome_reason, i.outcome_on"
                "  FROM batch_items i JOIN copies_9 c"
                "  ON c.message_id = i.message_id AND c.detainee_id = i.detainee_id;"
                "DROP TABLE batch_items;"
                "DROP TABLE copies;"
                "ALTER TABLE copies_9 RENAME TO copies;"
                "ALTER TABLE batch_items_9 RENAME TO batch_items;"
                "CREATE INDEX copies_detainee ON copies (detainee_id, state, delivered_on);"
                "CREATE INDEX copies_message_state ON copies (message_id, state, delivered_on, detainee_id);"
                "CREATE INDEX batch_items_copy ON batch_items (copy_id);"
                "CREATE TABLE history_11 ("
                "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, operator TEXT NOT NULL,"
                "  entity TEXT NOT NULL, entity_id TEXT NOT NULL, field TEXT NOT NULL,"
                "  before TEXT, after TEXT);"
                "INSERT INTO history_11 SELECT id, at, operator, entity, entity_id, field,"
                "  before, after FROM history;"
                "DROP VIEW history;"
                "DROP TABLE history_entries;"
                "DROP TABLE history_kinds;"
                "DROP TABLE history_changes;"
                "ALTER TABLE history_11 RENAME TO history;"
                "CREATE INDEX history_entity ON history (entity_id);"
                "CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN"
                "  SELECT RAISE (ABORT, 'history is append-only');"
                "END;"
                "CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN"
                "  SELECT RAISE (ABORT, 'history is append-only');"
                "END;"
                "DROP INDEX messages_channel;"
                "DROP INDEX messages_language;"
                "DROP INDEX messages_office;"
                "DROP INDEX messages_needs_translation;"
                "DROP TRIGGER message_search_insert;"
                "DROP TRIGGER message_search_delete;"
                "DROP TRIGGER message_search_update;"
                "UPDATE messages SET original_text = sb_text (original_text),"
                "  translation_km = sb_text (translation_km), translation_en = sb_text (translation_en);"
                "DROP TABLE message_search;"
                "DROP TABLE message_chars;"
                "DELETE FROM sort_keys WHERE name = 'message_search';"
                "ALTER TABLE messages ADD COLUMN search_key TEXT NOT NULL DEFAULT '';"
                "UPDATE messages SET search_key = sb_test_key (ref, sender_name, sender_city, "
                "  original_text, translation_km, translation_en);"
                "CREATE VIRTUAL TABLE messages_fts USING fts5 (search_key, content = 'messages', "
                "  content_rowid = 'rowid', tokenize = 'trigram');"
                "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');"
                "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages "
                "WHEN NOT sb_fts_defer (new.rowid) BEGIN "
                "  INSERT INTO messages_fts (rowid, search_key) VALUES (new.rowid, new.search_key);"
                "END;"
                "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages "
                "WHEN NOT sb_fts_pending (old.rowid) BEGIN "
                "  INSERT INTO messages_fts (messages_fts, rowid, search_key) "
                "    VALUES ('delete', old.rowid, old.search_key);"
                "END;"
                "CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_key ON messages "
                "WHEN old.search_key IS NOT new.search_key AND NOT sb_fts_pending (old.rowid) BEGIN "
                "  INSERT INTO messages_fts (messages_fts, rowid, search_key) "
                "    VALUES ('delete', old.rowid, old.search_key);"
                "  INSERT INTO messages_fts (rowid, search_key) VALUES (new.rowid, new.search_key);"
                "END;"
                "PRAGMA user_version = 7;"
                "COMMIT;",
                NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
}
