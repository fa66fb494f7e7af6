-- Schema 16: the search index holds threes of characters (docs/schema-6.md, "Search").
--
-- Schema 8 indexed the key as pairs of characters at their positions: a query was
-- the phrase of its pairs. A phrase whose every piece is common ("and the": an, nd,
-- "d ", " t", th, he) made FTS5 step through every message holding all its pairs:
-- 141 ms at a million messages, for 133 found. Threes are far rarer than pairs, and
-- the same phrase takes 20 ms. A query of two characters asks for every three that
-- begins with them (a prefix query, at most about 110 ms at a million), and the key's
-- last two characters are one more token so that a query finds them too:
-- sb_grams ("free the") → "fre ree ee_ e_t _th the he" (src/store/sb-store-search.c).
-- The price is 202 bytes a message more than pairs (1,214 against 1,012 at a
-- million generated messages).

DROP TRIGGER message_search_insert;
DROP TRIGGER message_search_delete;
DROP TRIGGER message_search_update;
DROP TABLE message_search;

CREATE VIRTUAL TABLE message_search USING fts5 (
  grams,
  content = '',
  tokenize = "ascii tokenchars '_$+<=>^`|~'",
  detail = full
);
-- FTS5 gathers what it indexes in memory and writes it out as a segment once it
-- holds this many bytes (1 MiB unless told): fewer, larger segments to merge. Fed
-- 100,000 messages' keys, it indexed them in 3.0 s instead of 7.1 s. Then back to
-- 1 MiB: the last merges of large segments leave their pages free, and a file that
-- is not written again keeps them (145 bytes a message of sb-bench-generate's
-- campaign made with 32 MiB, 7 with 1 MiB, at the same speed).
INSERT INTO message_search (message_search, rank) VALUES ('hashsize', 33554432);
-- The keys an update from before schema 8 kept (0008-search.sql) are used as they
-- are; any other message's key is made from its row.
CREATE TEMP TABLE IF NOT EXISTS update_search_keys (message INTEGER PRIMARY KEY, key TEXT);
INSERT INTO message_search (rowid, grams)
  SELECT m.rowid, sb_grams (coalesce (k.key,
                                      sb_message_key (m.ref, m.sender_name, m.sender_city,
                                                      m.original_text, m.translation_km,
                                                      m.translation_en)))
    FROM messages AS m LEFT JOIN update_search_keys AS k ON k.message = m.rowid;
-- Not dropped (0.4 s at 100,000 messages): a temporary table goes with the update's
-- connection (a new file's, empty, is dropped by sb_store_create ()).
INSERT INTO message_search (message_search, rank) VALUES ('hashsize', 1048576);

CREATE TRIGGER message_search_insert AFTER INSERT ON messages
WHEN NOT sb_fts_defer (new.rowid) BEGIN
  INSERT INTO message_search (rowid, grams) VALUES (new.rowid,
    sb_grams (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
  INSERT INTO message_chars (rowid, chars) VALUES (new.rowid,
    sb_chars (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages
WHEN NOT sb_fts_pending (old.rowid) BEGIN
  INSERT INTO message_search (message_search, rowid, grams) VALUES ('delete', old.rowid,
    sb_grams (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_chars (message_chars, rowid, chars) VALUES ('delete', old.rowid,
    sb_chars (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
END;
CREATE TRIGGER message_search_update AFTER UPDATE OF
  ref, sender_name, sender_city, original_text, translation_km, translation_en
ON messages
WHEN (old.ref IS NOT new.ref OR old.sender_name IS NOT new.sender_name
      OR old.sender_city IS NOT new.sender_city OR sb_text (old.original_text) IS NOT sb_text (new.original_text)
      OR sb_text (old.translation_km) IS NOT sb_text (new.translation_km)
      OR sb_text (old.translation_en) IS NOT sb_text (new.translation_en))
     AND NOT sb_fts_pending (old.rowid) BEGIN
  INSERT INTO message_search (message_search, rowid, grams) VALUES ('delete', old.rowid,
    sb_grams (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_chars (message_chars, rowid, chars) VALUES ('delete', old.rowid,
    sb_chars (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_search (rowid, grams) VALUES (new.rowid,
    sb_grams (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
  INSERT INTO message_chars (rowid, chars) VALUES (new.rowid,
    sb_chars (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
END;
