-- Schema 12: the history is kept as entries, one for the changes of one moment to
-- one record (docs/schema-6.md, "History"). Until now each changed field was a row of
-- its own, 140 bytes, and a copy's rows repeated the 73 characters of its name: at
-- 12.8 rows a message, the history was 1,786 bytes a message of the generated
-- campaign and its index 308.
--
-- An entry holds what the rows of one moment (at, operator) about one record had in
-- common once, and each change as a JSON array [entity, the rest of its id, field,
-- before, after]. The record is the entry's subject: the part of the id before ':',
-- so the changes to a message's copies ("message:detainee") sit in the message's
-- entry. An entry takes at most 64 changes.
--
-- Nothing else changes: the view "history" shows the same rows, with the same ids,
-- as the table did (an entry's changes are numbered from its id on), and every
-- trigger and every query still writes and reads "history". The rows that travel
-- to other offices are read through the view, so a bundle is what it was
-- (SB_BUNDLE_LAYOUT stays 1). A query about one record names its subject
-- (SB_HISTORY_OF_ENTITY, src/store/sb-store-private.h) and one about the rows after
-- a given id names the entries (SB_HISTORY_AFTER), so that the index and the table's
-- key find them.
--
-- The history stays append-only: the view takes INSERT, and UPDATE only for the
-- erasure of a sender (migrations/0006-sender-erasure.sql, same rule); the entries
-- themselves may only grow by one change at the end, or be erased that way.

CREATE TABLE history_entries (
  id       INTEGER PRIMARY KEY,   -- the id of its first change; the next are id + 1…
  at       TEXT NOT NULL,
  operator TEXT NOT NULL,
  subject  TEXT NOT NULL,
  names    TEXT NOT NULL,         -- ["", ":detainee"…]: the rest of the ids, once each
  changes  TEXT NOT NULL          -- [[entity, index in names, field, before, after]…]
);

-- The rows as they were, grouped: consecutive ids of one moment and one subject, 64
-- at most. An entry's changes and names are in the order of their ids: the indexes
-- let the grouping read them in that order.
CREATE TEMP TABLE history_grouped AS
  WITH rows AS (
    SELECT id, at, operator, entity, field, before, after,
           CASE WHEN instr (entity_id, ':') > 0
                THEN substr (entity_id, 1, instr (entity_id, ':') - 1)
                ELSE entity_id END AS subject,
           CASE WHEN instr (entity_id, ':') > 0
                THEN substr (entity_id, instr (entity_id, ':')) ELSE '' END AS rest
      FROM history),
  starts AS (
    SELECT *, CASE WHEN lag (id) OVER w = id - 1 AND lag (at) OVER w = at
                        AND lag (operator) OVER w = operator AND lag (subject) OVER w = subject
                   THEN 0 ELSE 1 END AS starts
      FROM rows WINDOW w AS (ORDER BY id)),
  runs AS (
    SELECT *, sum (starts) OVER (ORDER BY id) AS run FROM starts),
  chunks AS (
    SELECT *, (row_number () OVER (PARTITION BY run ORDER BY id) - 1) / 64 AS chunk FROM runs),
  entries AS (
    SELECT *, min (id) OVER (PARTITION BY run, chunk) AS entry FROM chunks),
  named AS (
    SELECT *, min (id) OVER (PARTITION BY entry, rest) AS named FROM entries)
  SELECT id, at, operator, subject, entry, rest, named,
         json_array (entity, dense_rank () OVER (PARTITION BY entry ORDER BY named) - 1,
                     field, before, after) AS change
    FROM named;
CREATE INDEX temp.history_grouped_entry ON history_grouped (entry, id);
CREATE TEMP TABLE history_names AS
  SELECT entry, named, rest FROM history_grouped WHERE id = named;
CREATE INDEX temp.history_names_entry ON history_names (entry, named);

INSERT INTO history_entries (id, at, operator, subject, names, changes)
  SELECT entry, at, operator, subject,
         (SELECT json_group_array (rest) FROM history_names n WHERE n.entry = g.entry),
         json_group_array (json (change))
    FROM history_grouped g GROUP BY entry;
DROP TABLE history_grouped;
DROP TABLE history_names;
DROP TABLE history;
CREATE INDEX history_subject ON history_entries (subject);

CREATE VIEW history (id, entry, subject, at, operator, entity, entity_id, field, before, after) AS
  SELECT e.id + c.key, e.id, e.subject, e.at, e.operator, c.value ->> 0,
         e.subject || (e.names ->> (c.value ->> 1)), c.value ->> 2, c.value ->> 3, c.value ->> 4
    FROM history_entries e, json_each (e.changes) c;

-- A row is a change at the end of the last entry when it shares its moment and
-- subject, or the first of a new entry. Values are kept as text, as the table's
-- column affinity did.
--
-- While a change from another office is applied, its own triggers write nothing:
-- the shipped rows are inserted after (src/store/sb-store-changes.c).
CREATE TRIGGER history_insert INSTEAD OF INSERT ON history
WHEN NOT sb_exchange_replaying ()
BEGIN
  UPDATE history_entries
     SET names = CASE WHEN EXISTS (SELECT 1 FROM json_each (names) WHERE value = r.rest)
                      THEN names ELSE json_insert (names, '$[#]', r.rest) END,
         changes = json_insert (changes, '$[#]',
                                json_array (new.entity,
                                            coalesce ((SELECT key FROM json_each (names)
                                                        WHERE value = r.rest),
                                                      json_array_length (names)),
                                            new.field, CAST (new.before AS TEXT),
                                            CAST (new.after AS TEXT)))
    FROM (SELECT CASE WHEN instr (new.entity_id, ':') > 0
                      THEN substr (new.entity_id, 1, instr (new.entity_id, ':') - 1)
                      ELSE new.entity_id END AS subject,
                 CASE WHEN instr (new.entity_id, ':') > 0
                      THEN substr (new.entity_id, instr (new.entity_id, ':'))
                      ELSE '' END AS rest) r
   WHERE history_entries.id = (SELECT max (id) FROM history_entries)
     AND history_entries.at = new.at AND history_entries.operator = new.operator
     AND history_entries.subject = r.subject
     AND json_array_length (changes) < 64;
  INSERT INTO history_entries (id, at, operator, subject, names, changes)
    SELECT coalesce ((SELECT id + json_array_length (changes) FROM history_entries
                       ORDER BY id DESC LIMIT 1), 1),
           new.at, new.operator, r.subject, json_array (r.rest),
           json_array (json_array (new.entity, 0, new.field, CAST (new.before AS TEXT),
                                   CAST (new.after AS TEXT)))
      FROM (SELECT CASE WHEN instr (new.entity_id, ':') > 0
                        THEN substr (new.entity_id, 1, instr (new.entity_id, ':') - 1)
                        ELSE new.entity_id END AS subject,
                   CASE WHEN instr (new.entity_id, ':') > 0
                        THEN substr (new.entity_id, instr (new.entity_id, ':'))
                        ELSE '' END AS rest) r
     WHERE changes () = 0;
END;

-- The one change the history takes (schema 6's rule, migrations/0006-sender-erasure.sql).
CREATE TRIGGER history_update INSTEAD OF UPDATE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only')
   WHERE NOT (sb_erasing (old.entity_id)
              AND old.entity = 'message'
              AND old.field IN ('sender_name', 'sender_city', 'sender_contact')
              AND new.id IS old.id AND new.entry IS old.entry AND new.subject IS old.subject
              AND new.at IS old.at AND new.operator IS old.operator
              AND new.entity IS old.entity AND new.entity_id IS old.entity_id
              AND new.field IS old.field
              AND (new.before IS old.before OR new.before = '[erased]')
              AND (new.after IS old.after OR new.after = '[erased]'));
  UPDATE history_entries
     SET changes = json_replace (changes,
                                 '$[' || (old.id - old.entry) || '][3]', new.before,
                                 '$[' || (old.id - old.entry) || '][4]', new.after)
   WHERE id = old.entry;
END;
CREATE TRIGGER history_delete INSTEAD OF DELETE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;

-- The entries themselves: a change (and maybe a name) added at the end, or past
-- values of a sender's name, city or contact replaced by the marker, as above.
CREATE TRIGGER history_entries_update BEFORE UPDATE ON history_entries
WHEN NOT (new.id IS old.id AND new.at IS old.at AND new.operator IS old.operator
          AND new.subject IS old.subject
          AND ((json_array_length (new.changes) = json_array_length (old.changes) + 1
                AND substr (new.changes, 1, length (old.changes) - 1)
                    = substr (old.changes, 1, length (old.changes) - 1)
                AND (new.names IS old.names
                     OR (json_array_length (new.names) = json_array_length (old.names) + 1
                         AND substr (new.names, 1, length (old.names) - 1)
                             = substr (old.names, 1, length (old.names) - 1))))
               OR (new.names IS old.names
                   AND json_array_length (new.changes) = json_array_length (old.changes)
                   AND NOT EXISTS (
                     SELECT 1 FROM json_each (old.changes) o
                       JOIN json_each (new.changes) n ON n.key = o.key
                      WHERE n.value IS NOT o.value
                        AND NOT (o.value ->> 0 = 'message'
                                 AND o.value ->> 2 IN ('sender_name', 'sender_city',
                                                       'sender_contact')
                                 AND n.value ->> 0 IS o.value ->> 0
                                 AND n.value ->> 1 IS o.value ->> 1
                                 AND n.value ->> 2 IS o.value ->> 2
                                 AND (n.value ->> 3 IS o.value ->> 3
                                      OR n.value ->> 3 = '[erased]')
                                 AND (n.value ->> 4 IS o.value ->> 4
                                      OR n.value ->> 4 = '[erased]'))))))
BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_entries_delete BEFORE DELETE ON history_entries BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
