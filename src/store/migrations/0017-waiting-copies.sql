-- Schema 17: the index of the copies waiting for a batch names their states one by
-- one (docs/schema-6.md, "Import").
--
-- SQLite tests a partial index's condition at every insert and update of a row. An
-- IN list of three values or more is a temporary B-tree, made and dropped each time:
-- about 5 µs, and an import adds 3.5 copies a message. Comparisons joined by OR cost
-- nothing of the kind. The one query that reads the index
-- (sb_store_list_eligible_copies (), src/store/sb-store-batches.c) says the same
-- words, so that SQLite sees the index holds what it asks for.

DROP INDEX copies_waiting;
CREATE INDEX copies_waiting ON copies (detainee_id, message_id)
  WHERE state = 'waiting' OR state = 'rejected' OR state = 'returned';
