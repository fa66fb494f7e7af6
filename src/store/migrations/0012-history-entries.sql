-- Schema 12: the history kept as entries and changes (docs/schema-6.md, "History").
-- Until now each changed field was a row of its own, about 140 bytes, and a copy's
-- rows repeated the 73 characters of its name: at 12.8 rows a message, the history
-- was 1,786 bytes a message of the generated campaign and its index 308.
--
-- - history_entries: one moment (at, operator) of one record, its subject: the part
--   of the id before ':', so the changes to a message's copies ("message:detainee")
--   sit in the message's entry. An entry's id is the id of its first change; its
--   changes are the ones up to the next entry.
-- - history_kinds: what a change is about, once for the campaign: the entity, the
--   rest of its id (":detainee", or ''), the field.
-- - history_changes: one change, with the same id as the row it was, its kind and
--   its values.
--
-- Nothing else changes: the view "history" shows the same rows, with the same ids,
-- as the table did, and every trigger and every query still writes and reads
-- "history". The rows that travel to other offices are read through the view, so a
-- bundle is what it was (SB_BUNDLE_LAYOUT stays 1). A query about one record names
-- its subject (SB_HISTORY_OF_ENTITY, src/store/sb-store-private.h), so that the
-- index finds its entries.
--
-- The history stays append-only: the view takes INSERT, and UPDATE only for the
-- erasure of a sender (migrations/0006-sender-erasure.sql, same rule).

CREATE TABLE history_entries (
  id       INTEGER PRIMARY KEY,   -- the id of its first change
  at       TEXT NOT NULL,
  operator TEXT NOT NULL,
  subject  TEXT NOT NULL
);
CREATE TABLE history_kinds (
  code   INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  rest   TEXT NOT NULL,
  field  TEXT NOT NULL,
  UNIQUE (entity, rest, field)
);
CREATE TABLE history_changes (
  id     INTEGER PRIMARY KEY,
  kind   INTEGER NOT NULL,        -- history_kinds.code
  before TEXT,
  after  TEXT
);

-- The rows as they were: an entry where the moment, the operator or the subject is
-- not the previous row's (read by its id, so that nothing is held in memory).
INSERT INTO history_kinds (entity, rest, field)
  SELECT DISTINCT entity,
         CASE WHEN instr (entity_id, ':') > 0
              THEN substr (entity_id, instr (entity_id, ':')) ELSE '' END,
         field
    FROM history;
INSERT INTO history_entries (id, at, operator, subject)
  SELECT h.id, h.at, h.operator,
         CASE WHEN instr (h.entity_id, ':') > 0
              THEN substr (h.entity_id, 1, instr (h.entity_id, ':') - 1)
              ELSE h.entity_id END
    FROM history h LEFT JOIN history p ON p.id = h.id - 1
   WHERE NOT (p.at IS h.at AND p.operator IS h.operator
              AND CASE WHEN instr (p.entity_id, ':') > 0
                       THEN substr (p.entity_id, 1, instr (p.entity_id, ':') - 1)
                       ELSE p.entity_id END
                  IS CASE WHEN instr (h.entity_id, ':') > 0
                          THEN substr (h.entity_id, 1, instr (h.entity_id, ':') - 1)
                          ELSE h.entity_id END)
   ORDER BY h.id;
INSERT INTO history_changes (id, kind, before, after)
  SELECT h.id, k.code, h.before, h.after
    FROM history h
    JOIN history_kinds k
      ON k.entity = h.entity AND k.field = h.field
     AND k.rest = CASE WHEN instr (h.entity_id, ':') > 0
                       THEN substr (h.entity_id, instr (h.entity_id, ':')) ELSE '' END;
DROP TABLE history;
CREATE INDEX history_subject ON history_entries (subject);

-- A change's entry is the last one that starts at or before it. The second pair of
-- conditions says the same from the entry's side, so that a query by subject reads
-- its entries' changes as ranges of ids.
CREATE VIEW history (id, entry, subject, at, operator, entity, entity_id, field, before, after) AS
  SELECT c.id, e.id, e.subject, e.at, e.operator, k.entity, e.subject || k.rest, k.field,
         c.before, c.after
    FROM history_changes c
    JOIN history_entries e
      ON e.id = (SELECT max (n.id) FROM history_entries n WHERE n.id <= c.id)
     AND c.id >= e.id
     AND c.id < coalesce ((SELECT min (n.id) FROM history_entries n WHERE n.id > e.id),
                          1 << 62)
    JOIN history_kinds k ON k.code = c.kind;

-- A row is a change of the last entry when it shares its moment and subject, or
-- starts a new one. Values are kept as text, as the table's column affinity did.
-- (No INSERT OR IGNORE here: the statement that fires the trigger would decide the
-- conflict instead, and INSERT OR REPLACE into settings would replace a kind.)
--
-- While a change from another office is applied, its own triggers write nothing:
-- the shipped rows are inserted after (src/store/sb-store-changes.c).
CREATE TRIGGER history_insert INSTEAD OF INSERT ON history
WHEN NOT sb_exchange_replaying ()
BEGIN
  INSERT INTO history_kinds (entity, rest, field)
    SELECT new.entity, rest, new.field
      FROM (SELECT CASE WHEN instr (new.entity_id, ':') > 0
                        THEN substr (new.entity_id, instr (new.entity_id, ':'))
                        ELSE '' END AS rest) r
     WHERE NOT EXISTS (SELECT 1 FROM history_kinds k
                        WHERE k.entity = new.entity AND k.rest = r.rest
                          AND k.field = new.field);
  INSERT INTO history_entries (id, at, operator, subject)
    SELECT coalesce ((SELECT max (id) FROM history_changes), 0) + 1,
           new.at, new.operator, s.subject
      FROM (SELECT CASE WHEN instr (new.entity_id, ':') > 0
                        THEN substr (new.entity_id, 1, instr (new.entity_id, ':') - 1)
                        ELSE new.entity_id END AS subject) s
     WHERE NOT EXISTS (SELECT 1 FROM history_entries e
                        WHERE e.id = (SELECT max (id) FROM history_entries)
                          AND e.at = new.at AND e.operator = new.operator
                          AND e.subject = s.subject);
  INSERT INTO history_changes (kind, before, after)
    SELECT code, CAST (new.before AS TEXT), CAST (new.after AS TEXT)
      FROM history_kinds
     WHERE entity = new.entity AND field = new.field
       AND rest = CASE WHEN instr (new.entity_id, ':') > 0
                       THEN substr (new.entity_id, instr (new.entity_id, ':')) ELSE '' END;
END;

-- The one change the history takes (schema 6's rule, migrations/0006-sender-erasure.sql).
CREATE TRIGGER history_update INSTEAD OF UPDATE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only')
   WHERE NOT (new.id IS old.id AND new.entry IS old.entry AND new.subject IS old.subject
              AND new.at IS old.at AND new.operator IS old.operator
              AND new.entity IS old.entity AND new.entity_id IS old.entity_id
              AND new.field IS old.field);
  UPDATE history_changes SET before = new.before, after = new.after WHERE id = old.id;
END;
CREATE TRIGGER history_delete INSTEAD OF DELETE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;

CREATE TRIGGER history_changes_update BEFORE UPDATE ON history_changes
WHEN NOT (new.id IS old.id AND new.kind IS old.kind
          AND (new.before IS old.before OR new.before = '[erased]')
          AND (new.after IS old.after OR new.after = '[erased]')
          AND (SELECT entity = 'message'
                      AND field IN ('sender_name', 'sender_city', 'sender_contact')
                 FROM history_kinds WHERE code = old.kind)
          AND sb_erasing ((SELECT subject FROM history_entries
                            WHERE id = (SELECT max (id) FROM history_entries
                                         WHERE id <= old.id))))
BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_changes_delete BEFORE DELETE ON history_changes BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_entries_update BEFORE UPDATE ON history_entries BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_entries_delete BEFORE DELETE ON history_entries BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_kinds_update BEFORE UPDATE ON history_kinds BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_kinds_delete BEFORE DELETE ON history_kinds BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
