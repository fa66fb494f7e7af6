-- Schema 8: search without a stored key (docs/schema-6.md, "Search").
--
-- Schema 1 kept each message's search key twice: in messages.search_key and in a
-- trigram index over it, which cannot answer one or two characters (those scanned
-- the key column: seconds at a million messages). Schema 8 keeps neither copy:
-- two contentless FTS5 tables hold only the index, and the triggers make the key
-- from the row itself (sb_message_key, src/store/sb-store-search.c: the reference,
-- sender, city, text and translations, Khmer-aware and case-folded by src/text).
--
--   message_search  the key as pairs of characters at their positions (sb_pairs:
--                   "free the" → "fr re ee e_ _t th he"); a query of two characters
--                   or more is the phrase of its pairs: exact for any substring
--   message_chars   which characters the key has (sb_chars): a query of one
--
-- A contentless table forgets a row only when told the tokens it indexed, so the
-- update and delete triggers make the old key again from old.*. The key's rules are
-- versioned in sort_keys ('message_search'): under other rules the index is made
-- again at open (sb-store-search.c). Inside a transaction new messages wait for the
-- commit, as in schema 1 (sb_fts_defer, sb_fts_pending: sb-store.c).

CREATE VIRTUAL TABLE message_search USING fts5 (
  pairs,
  content = '',
  tokenize = "ascii tokenchars '_$+<=>^`|~'",
  detail = full
);
CREATE VIRTUAL TABLE message_chars USING fts5 (
  chars,
  content = '',
  tokenize = "ascii tokenchars '$+<=>^`|~'",
  detail = none,
  columnsize = 0
);

-- Fed from the keys schema 7 stored, not made again (which takes 5 s at 100,000
-- messages), unless this system might make a key otherwise: one that is empty, or
-- holds a character this GLib does not know (sb_lasting_key (),
-- sb_text_search_key_is_lasting ()). A contentless index is told what to forget by
-- the key made again from the row: both must be the same. The keys are kept, in this
-- update only (a temporary table), for schema 16's index (0016-search-trigrams.sql).
CREATE TEMP TABLE IF NOT EXISTS update_search_keys (message INTEGER PRIMARY KEY, key TEXT);
INSERT INTO update_search_keys (message, key)
  SELECT rowid, coalesce (sb_lasting_key (search_key),
                          sb_message_key (ref, sender_name, sender_city, original_text,
                                          translation_km, translation_en))
    FROM messages;
INSERT INTO message_search (rowid, pairs) SELECT rowid, sb_pairs (search_key) FROM messages;
INSERT INTO message_chars (rowid, chars) SELECT message, sb_chars (key) FROM update_search_keys;
INSERT OR REPLACE INTO sort_keys (name, collation)
  VALUES ('message_search', sb_search_key_version ());

-- The column can only go once nothing refers to it.
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
DROP TABLE messages_fts;
ALTER TABLE messages DROP COLUMN search_key;

CREATE TRIGGER message_search_insert AFTER INSERT ON messages
WHEN NOT sb_fts_defer (new.rowid) BEGIN
  INSERT INTO message_search (rowid, pairs) VALUES (new.rowid,
    sb_pairs (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
  INSERT INTO message_chars (rowid, chars) VALUES (new.rowid,
    sb_chars (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages
WHEN NOT sb_fts_pending (old.rowid) BEGIN
  INSERT INTO message_search (message_search, rowid, pairs) VALUES ('delete', old.rowid,
    sb_pairs (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_chars (message_chars, rowid, chars) VALUES ('delete', old.rowid,
    sb_chars (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
END;
CREATE TRIGGER message_search_update AFTER UPDATE OF
  ref, sender_name, sender_city, original_text, translation_km, translation_en
ON messages
WHEN (old.ref IS NOT new.ref OR old.sender_name IS NOT new.sender_name
      OR old.sender_city IS NOT new.sender_city OR old.original_text IS NOT new.original_text
      OR old.translation_km IS NOT new.translation_km
      OR old.translation_en IS NOT new.translation_en)
     AND NOT sb_fts_pending (old.rowid) BEGIN
  INSERT INTO message_search (message_search, rowid, pairs) VALUES ('delete', old.rowid,
    sb_pairs (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_chars (message_chars, rowid, chars) VALUES ('delete', old.rowid,
    sb_chars (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_search (rowid, pairs) VALUES (new.rowid,
    sb_pairs (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
  INSERT INTO message_chars (rowid, chars) VALUES (new.rowid,
    sb_chars (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
END;
