-- Schema 4: sorting the message list by sender reads an index. The KM collation
-- calls ICU for every comparison, and no index can serve it: a million messages
-- took seconds to sort. Each message now keeps ICU's sort key of its sender's name
-- (sb_collation_key, see src/store/sb-store-sort-keys.c), which orders as bytes
-- exactly as the collation orders the names. The store writes it with the name;
-- sort_keys records the collator version the keys were made with, so that a file
-- opened under another ICU gets its keys made again.

ALTER TABLE messages ADD COLUMN sender_sort_key BLOB;
UPDATE messages SET sender_sort_key = sb_collation_key (sender_name);
-- An index entry ends in the rowid, so it also serves ORDER BY sender_sort_key, rowid.
CREATE INDEX messages_sender_sort ON messages (sender_sort_key);

CREATE TABLE sort_keys (
  name      TEXT PRIMARY KEY,
  collation TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO sort_keys (name, collation)
  VALUES ('messages.sender_sort_key', sb_collation_version ());
