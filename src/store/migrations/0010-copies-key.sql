-- Schema 10: a copy is its detainee and its message (docs/schema-6.md, "Copies").
-- Schema 1 gave each copy an id of its own and kept five indexes on copies (the id,
-- message and detainee together, the detainee's states, the message's states, the
-- delivery day): about a thousand bytes an imported message. Now the key is
-- (detainee_id, message_id), WITHOUT ROWID: a detainee's copies are one range of it
-- (filling a batch, the list's detainee filter), and a message's copies one lookup
-- per detainee, so every query that wants them joins through detainees (a handful of
-- rows; CROSS JOIN keeps that order, which SQLite would otherwise turn round into
-- a read of every copy) and nothing indexes message_id. The one other index holds only the copies a
-- batch can take. A batch item is its batch and its copy.
--
-- Messages are never deleted (their status says deleted): with no index on
-- copies.message_id, SQLite would read every copy to check a deleted message's.
--
-- The id schema 1-9 gave a copy stays as old_id (NULL for copies made since): the
-- history rows made before name the copy by it, and so do the manifest digests of
-- the batches sealed before (docs/manifest-digest.md). A copy's name in history and
-- in a digest is its old_id, or else its message's id and its detainee's id joined
-- by ':' (docs/campaign-file.md).
--
-- Rows are copied as they are: the figures (tallies, copy_tallies, the messages'
-- delivery days) do not change, and no history is written (the triggers below are
-- made after the copy).

-- The copies' and the items' triggers go with their tables (DROP TABLE below); this
-- one of messages reads copies.
DROP TRIGGER messages_tally_update;

CREATE TABLE copies_10 (
  detainee_id    TEXT NOT NULL REFERENCES detainees (id),
  message_id     TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  state          TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'waiting', 'in_batch', 'delivered', 'rejected', 'returned')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  outcome_reason TEXT NOT NULL DEFAULT '',
  delivered_on   TEXT,
  old_id         TEXT,
  PRIMARY KEY (detainee_id, message_id)
) WITHOUT ROWID;
INSERT INTO copies_10 (detainee_id, message_id, state, attempts, outcome_reason, delivered_on, old_id)
  SELECT detainee_id, message_id, state, attempts, outcome_reason, delivered_on, id
  FROM copies ORDER BY detainee_id, message_id;

-- Parents first (docs/schema-6.md, "Copies"): the items refer to copies_10, which
-- holds every copy already.
CREATE TABLE batch_items_10 (
  batch_id       TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  detainee_id    TEXT NOT NULL,
  message_id     TEXT NOT NULL,
  position       INTEGER NOT NULL,
  outcome        TEXT NOT NULL DEFAULT ''
                 CHECK (outcome IN ('', 'delivered', 'rejected', 'returned')),
  outcome_reason TEXT NOT NULL DEFAULT '',
  outcome_on     TEXT,
  PRIMARY KEY (batch_id, detainee_id, message_id),
  FOREIGN KEY (detainee_id, message_id) REFERENCES copies_10 (detainee_id, message_id)
) WITHOUT ROWID;
INSERT INTO batch_items_10 (batch_id, detainee_id, message_id, position, outcome,
                            outcome_reason, outcome_on)
  SELECT i.batch_id, c.detainee_id, c.message_id, i.position, i.outcome, i.outcome_reason,
         i.outcome_on
  FROM batch_items i JOIN copies c ON c.id = i.copy_id
  ORDER BY i.batch_id, c.detainee_id, c.message_id;

DROP TABLE batch_items;
DROP TABLE copies;
ALTER TABLE copies_10 RENAME TO copies;
ALTER TABLE batch_items_10 RENAME TO batch_items;

-- The copies a new batch can take (sb_store_list_eligible_copies(), whose WHERE
-- says the same words): few at any time.
-- Its entries are the key itself (an index of a WITHOUT ROWID table ends in the
-- key's columns it does not already hold).
CREATE INDEX copies_waiting ON copies (detainee_id, message_id)
  WHERE state IN ('waiting', 'rejected', 'returned');
-- A copy's attempts: the batches it is or was in.
CREATE INDEX batch_items_copy ON batch_items (detainee_id, message_id);

-- Schema 1's copy_tallies, unchanged.
CREATE TRIGGER copies_tally_insert AFTER INSERT ON copies BEGIN
  INSERT INTO copy_tallies (detainee_id, state, n) VALUES (new.detainee_id, new.state, 1)
    ON CONFLICT (detainee_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER copies_tally_delete AFTER DELETE ON copies BEGIN
  UPDATE copy_tallies SET n = n - 1 WHERE detainee_id = old.detainee_id AND state = old.state;
END;
CREATE TRIGGER copies_tally_update AFTER UPDATE OF state, detainee_id ON copies
WHEN old.state IS NOT new.state OR old.detainee_id IS NOT new.detainee_id BEGIN
  UPDATE copy_tallies SET n = n - 1 WHERE detainee_id = old.detainee_id AND state = old.state;
  INSERT INTO copy_tallies (detainee_id, state, n) VALUES (new.detainee_id, new.state, 1)
    ON CONFLICT (detainee_id, state) DO UPDATE SET n = n + 1;
END;

-- A message is delivered when all its copies are (schema 1 and 3): its copies are
-- read through detainees.
CREATE TRIGGER copies_delivery_insert AFTER INSERT ON copies
WHEN new.delivered_on IS NOT NULL BEGIN
  UPDATE messages SET delivered_on = (
    SELECT CASE WHEN count(c.delivered_on) = count(*) THEN max(c.delivered_on) END
    FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.message_id)
  WHERE id = new.message_id;
END;
CREATE TRIGGER copies_pending_insert AFTER INSERT ON copies
WHEN new.delivered_on IS NULL BEGIN
  UPDATE messages SET delivered_on = NULL
  WHERE id = new.message_id AND delivered_on IS NOT NULL;
END;
CREATE TRIGGER copies_delivery_delete AFTER DELETE ON copies BEGIN
  UPDATE messages SET delivered_on = (
    SELECT CASE WHEN count(*) > 0 AND count(c.delivered_on) = count(*) THEN max(c.delivered_on) END
    FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = old.message_id)
  WHERE id = old.message_id;
END;
CREATE TRIGGER copies_delivery_update AFTER UPDATE OF delivered_on ON copies
WHEN old.delivered_on IS NOT new.delivered_on BEGIN
  UPDATE messages SET delivered_on = (
    SELECT CASE WHEN count(c.delivered_on) = count(*) THEN max(c.delivered_on) END
    FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.message_id)
  WHERE id = new.message_id;
END;

-- History (schema 1): the rows of a copy name it by its old id, or by its message and
-- detainee.
CREATE TRIGGER copies_history_insert AFTER INSERT ON copies BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'copy',
            coalesce (new.old_id, new.message_id || ':' || new.detainee_id), '', NULL,
            new.detainee_id);
END;
CREATE TRIGGER copies_history_delete AFTER DELETE ON copies BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'copy',
            coalesce (old.old_id, old.message_id || ':' || old.detainee_id), '',
            old.detainee_id, NULL);
END;
CREATE TRIGGER copies_history_update AFTER UPDATE ON copies BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'copy', name, field, before, after FROM (
      SELECT 'state' AS field, old.state AS before, new.state AS after
        WHERE old.state IS NOT new.state
      UNION ALL
      SELECT 'attempts', old.attempts, new.attempts
        WHERE old.attempts IS NOT new.attempts
      UNION ALL
      SELECT 'outcome_reason', old.outcome_reason, new.outcome_reason
        WHERE old.outcome_reason IS NOT new.outcome_reason
      UNION ALL
      SELECT 'delivered_on', old.delivered_on, new.delivered_on
        WHERE old.delivered_on IS NOT new.delivered_on)
    JOIN (SELECT coalesce (new.old_id, new.message_id || ':' || new.detainee_id) AS name);
END;
CREATE TRIGGER batch_items_history_insert AFTER INSERT ON batch_items BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'batch_item', new.batch_id, '', NULL,
            coalesce ((SELECT c.old_id FROM copies c
                       WHERE c.detainee_id = new.detainee_id AND c.message_id = new.message_id),
                      new.message_id || ':' || new.detainee_id));
END;
CREATE TRIGGER batch_items_history_delete AFTER DELETE ON batch_items BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'batch_item', old.batch_id, '',
            coalesce ((SELECT c.old_id FROM copies c
                       WHERE c.detainee_id = old.detainee_id AND c.message_id = old.message_id),
                      old.message_id || ':' || old.detainee_id), NULL);
END;
CREATE TRIGGER batch_items_history_update AFTER UPDATE ON batch_items BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'batch_item', new.batch_id, 'outcome', old.outcome, new.outcome
      WHERE old.outcome IS NOT new.outcome
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch_item', new.batch_id, 'outcome_reason', old.outcome_reason, new.outcome_reason
      WHERE old.outcome_reason IS NOT new.outcome_reason
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch_item', new.batch_id, 'outcome_on', old.outcome_on, new.outcome_on
      WHERE old.outcome_on IS NOT new.outcome_on;
END;

-- The tallies (schema 7), word for word but for a message's copies, read through
-- detainees.
CREATE TRIGGER messages_tally_update AFTER UPDATE OF
  status, duplicate_of, received_on, sender_country, office_id, language, delivered_on
ON messages
WHEN old.status IS NOT new.status OR old.duplicate_of IS NOT new.duplicate_of
  OR old.received_on IS NOT new.received_on
  OR upper (old.sender_country) IS NOT upper (new.sender_country)
  OR old.office_id IS NOT new.office_id OR old.language IS NOT new.language
  OR old.delivered_on IS NOT new.delivered_on
BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT 'received:' || old.status, '', old.received_on, -1
        WHERE old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL SELECT 'country', upper (old.sender_country), old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'office', coalesce (old.office_id, ''), old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'language', old.language, old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'delivered', '', max (old.received_on, old.delivered_on), -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
          AND old.delivered_on IS NOT NULL
      UNION ALL SELECT 'received:' || new.status, '', new.received_on, 1
        WHERE new.status != 'deleted' AND new.duplicate_of IS NULL
      UNION ALL SELECT 'country', upper (new.sender_country), new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'office', coalesce (new.office_id, ''), new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'language', new.language, new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'delivered', '', max (new.received_on, new.delivered_on), 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
          AND new.delivered_on IS NOT NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT CASE WHEN old.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
             c.detainee_id, old.received_on, -1
        FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = old.id
        AND old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN old.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             c.detainee_id, max (old.received_on, c.delivered_on), -1
        FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = old.id AND c.delivered_on IS NOT NULL
        AND old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN new.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
             c.detainee_id, new.received_on, 1
        FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.id
        AND new.status != 'deleted' AND new.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN new.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             c.detainee_id, max (new.received_on, c.delivered_on), 1
        FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.id AND c.delivered_on IS NOT NULL
        AND new.status != 'deleted' AND new.duplicate_of IS NULL)
    WHERE ((old.status = 'deleted' OR old.duplicate_of IS NOT NULL)
           IS NOT (new.status = 'deleted' OR new.duplicate_of IS NOT NULL))
       OR ((old.status = 'held') IS NOT (new.status = 'held'))
       OR old.received_on IS NOT new.received_on
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER copies_tally_day_insert AFTER INSERT ON copies BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || new.state,
             new.detainee_id, m.received_on, 1
        FROM messages m WHERE m.id = new.message_id
        AND m.status != 'deleted' AND m.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             new.detainee_id, max (m.received_on, new.delivered_on), 1
        FROM messages m WHERE m.id = new.message_id AND new.delivered_on IS NOT NULL
        AND m.status != 'deleted' AND m.duplicate_of IS NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER copies_tally_day_delete AFTER DELETE ON copies BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || old.state,
             old.detainee_id, m.received_on, -1
        FROM messages m WHERE m.id = old.message_id
        AND m.status != 'deleted' AND m.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             old.detainee_id, max (m.received_on, old.delivered_on), -1
        FROM messages m WHERE m.id = old.message_id AND old.delivered_on IS NOT NULL
        AND m.status != 'deleted' AND m.duplicate_of IS NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER copies_tally_day_update AFTER UPDATE OF
  state, delivered_on, detainee_id, message_id
ON copies
WHEN old.state IS NOT new.state OR old.delivered_on IS NOT new.delivered_on
  OR old.detainee_id IS NOT new.detainee_id OR old.message_id IS NOT new.message_id
BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || old.state,
             old.detainee_id, m.received_on, -1
        FROM messages m WHERE m.id = old.message_id
        AND m.status != 'deleted' AND m.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             old.detainee_id, max (m.received_on, old.delivered_on), -1
        FROM messages m WHERE m.id = old.message_id AND old.delivered_on IS NOT NULL
        AND m.status != 'deleted' AND m.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || new.state,
             new.detainee_id, m.received_on, 1
        FROM messages m WHERE m.id = new.message_id
        AND m.status != 'deleted' AND m.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN m.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             new.detainee_id, max (m.received_on, new.delivered_on), 1
        FROM messages m WHERE m.id = new.message_id AND new.delivered_on IS NOT NULL
        AND m.status != 'deleted' AND m.duplicate_of IS NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
