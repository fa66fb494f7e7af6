-- Schema 6: the search indexes and the sender order made again from the
-- messages, in bulk (a replica that received a snapshot, or whose ICU or key
-- rules changed). derive-figures.sql makes the rest.

BEGIN;
SELECT sb_set_bulk (1);

DELETE FROM sender_order;
INSERT INTO sender_order (key, rowid_)
  SELECT sb_collation_key (sender_name), rowid FROM messages;

INSERT INTO message_search (message_search) VALUES ('delete-all');
INSERT INTO message_chars (message_chars) VALUES ('delete-all');
-- The key is made once a message (it is the slow part) and fed to both indexes.
CREATE TEMP TABLE keys (rowid INTEGER PRIMARY KEY, key TEXT);
INSERT INTO temp.keys
  SELECT rowid, sb_message_key (ref, sender_name, sender_city, original_text,
                                translation_km, translation_en) FROM messages;
INSERT INTO message_search (rowid, pairs) SELECT rowid, sb_bigrams (key) FROM temp.keys;
INSERT INTO message_chars (rowid, chars) SELECT rowid, sb_chars (key) FROM temp.keys;
DROP TABLE temp.keys;

SELECT sb_set_bulk (0);
COMMIT;
