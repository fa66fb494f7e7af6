-- Schema 15: the history's entries kept small (docs/schema-6.md, "Keys").
--
-- Every entry of the history names its subject, the record it is about (a message's
-- or detainee's id: 36 characters of a UUID, once more in the index history_subject),
-- and its moment (20 characters). A UUID is 16 bytes, a moment a number of seconds.
-- The history is the store's own (other offices receive it as values, through the
-- view: src/store/sb-store-changes-log.c), so it is where they can first be kept so:
-- sb_id () and sb_moment () (src/store/sb-store-ids.c) make a canonical UUID its 16
-- bytes (a BLOB) and "YYYY-MM-DDTHH:MM:SSZ" its seconds since 1970 (an INTEGER), and
-- keep anything else as the TEXT columns did (the campaign's own entries, whose
-- subject is ''). About 60 bytes a message of the generated campaign, 550 of a
-- campaign updated from schema 5 (whose copies had ids of their own, so about ten
-- entries a message).
--
-- The view "history" shows every row as it was: entity_id and at write the values
-- out again, with SQLite's own functions. A lookup by subject packs what it looks for
-- (SB_HISTORY_OF_ENTITY, src/store/sb-store-private.h).

-- The table is made again, as its column "at" must keep integers (a TEXT column turns
-- them into text); nothing may name it meanwhile: the view (and with it its three
-- triggers) and the one trigger of history_changes that reads it go first.
DROP VIEW history;
DROP TRIGGER history_changes_update;

CREATE TABLE history_entries_packed (
  id       INTEGER PRIMARY KEY,   -- the id of its first change
  at       NOT NULL,              -- sb_moment (): seconds since 1970, or text
  operator TEXT NOT NULL,
  subject  NOT NULL               -- sb_id (): a UUID's 16 bytes, or text
);
INSERT INTO history_entries_packed (id, at, operator, subject)
  SELECT id, sb_moment (at), operator, sb_id (subject) FROM history_entries ORDER BY id;
DROP TABLE history_entries;
-- A rename reads every trigger again, and the tables' history triggers name the view,
-- gone until below: the legacy rename only renames (nothing else names the table).
PRAGMA legacy_alter_table = ON;
ALTER TABLE history_entries_packed RENAME TO history_entries;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX history_subject ON history_entries (subject);
CREATE TRIGGER history_entries_update BEFORE UPDATE ON history_entries BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_entries_delete BEFORE DELETE ON history_entries BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;

-- As in migrations/0014-leaner-rows.sql: a sender's erasure is the one change the
-- history takes. sb_erasing () reads a packed subject (src/store/sb-store-erasure.c).
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

-- As in migrations/0014-leaner-rows.sql, but for the entry's values: the view's column
-- "subject" is the entry's, as kept (what SB_HISTORY_OF_ENTITY compares with sb_id (…));
-- at and entity_id write packed ones out again, with SQLite's own functions.
CREATE VIEW history (id, entry, subject, at, operator, entity, entity_id, field, before, after) AS
  SELECT c.id, e.id, e.subject,
         CASE WHEN typeof (e.at) = 'integer'
              THEN strftime ('%Y-%m-%dT%H:%M:%SZ', e.at, 'unixepoch') ELSE e.at END,
         e.operator, k.entity,
         CASE WHEN typeof (e.subject) = 'blob'
              THEN lower (substr (hex (e.subject), 1, 8) || '-' || substr (hex (e.subject), 9, 4)
                          || '-' || substr (hex (e.subject), 13, 4) || '-'
                          || substr (hex (e.subject), 17, 4) || '-' || substr (hex (e.subject), 21))
              ELSE e.subject END || k.rest,
         k.field,
         CASE WHEN c.before IS NULL OR length (c.before) > 1 THEN c.before
              WHEN k.entity = 'copy' AND k.field = '' AND c.before = '' THEN substr (k.rest, 2)
              WHEN k.entity = 'copy' AND k.field = 'state'
              THEN CASE c.before WHEN 'p' THEN 'pending' WHEN 'w' THEN 'waiting'
                                 WHEN 'b' THEN 'in_batch' WHEN 'd' THEN 'delivered'
                                 WHEN 'j' THEN 'rejected' WHEN 'r' THEN 'returned' ELSE c.before END
              WHEN k.entity = 'message' AND k.field = 'status'
              THEN CASE c.before WHEN 'n' THEN 'new' WHEN 't' THEN 'transcribed'
                                 WHEN 'a' THEN 'approved' WHEN 'h' THEN 'held'
                                 WHEN 'x' THEN 'deleted' ELSE c.before END
              ELSE c.before END,
         CASE WHEN c.after IS NULL OR length (c.after) > 1 THEN c.after
              WHEN k.entity = 'copy' AND k.field = '' AND c.after = '' THEN substr (k.rest, 2)
              WHEN k.entity = 'copy' AND k.field = 'state'
              THEN CASE c.after WHEN 'p' THEN 'pending' WHEN 'w' THEN 'waiting'
                                WHEN 'b' THEN 'in_batch' WHEN 'd' THEN 'delivered'
                                WHEN 'j' THEN 'rejected' WHEN 'r' THEN 'returned' ELSE c.after END
              WHEN k.entity = 'message' AND k.field = 'status'
              THEN CASE c.after WHEN 'n' THEN 'new' WHEN 't' THEN 'transcribed'
                                WHEN 'a' THEN 'approved' WHEN 'h' THEN 'held'
                                WHEN 'x' THEN 'deleted' ELSE c.after END
              ELSE c.after END
    FROM history_changes c
    JOIN history_entries e
      ON e.id = (SELECT max (n.id) FROM history_entries n WHERE n.id <= c.id)
     AND c.id >= e.id
     AND c.id < coalesce ((SELECT min (n.id) FROM history_entries n WHERE n.id > e.id),
                          1 << 62)
    JOIN history_kinds k ON k.code = c.kind;

-- As in migrations/0014-leaner-rows.sql, the subject and the moment kept by sb_id ()
-- and sb_moment ().
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
           sb_moment (new.at), new.operator, sb_id (s.subject)
      FROM (SELECT CASE WHEN instr (new.entity_id, ':') > 0
                        THEN substr (new.entity_id, 1, instr (new.entity_id, ':') - 1)
                        ELSE new.entity_id END AS subject) s
     WHERE NOT EXISTS (SELECT 1 FROM history_entries e
                        WHERE e.id = (SELECT max (id) FROM history_entries)
                          AND e.at = sb_moment (new.at) AND e.operator = new.operator
                          AND e.subject = sb_id (s.subject));
  INSERT INTO history_changes (kind, before, after)
    SELECT code,
           CASE WHEN new.entity = 'copy' AND new.field = '' AND new.before = substr (rest, 2)
                THEN ''
                WHEN new.entity = 'copy' AND new.field = 'state'
                THEN CASE new.before WHEN 'pending' THEN 'p' WHEN 'waiting' THEN 'w'
                                     WHEN 'in_batch' THEN 'b' WHEN 'delivered' THEN 'd'
                                     WHEN 'rejected' THEN 'j' WHEN 'returned' THEN 'r'
                                     ELSE CAST (new.before AS TEXT) END
                WHEN new.entity = 'message' AND new.field = 'status'
                THEN CASE new.before WHEN 'new' THEN 'n' WHEN 'transcribed' THEN 't'
                                     WHEN 'approved' THEN 'a' WHEN 'held' THEN 'h'
                                     WHEN 'deleted' THEN 'x' ELSE CAST (new.before AS TEXT) END
                ELSE CAST (new.before AS TEXT) END,
           CASE WHEN new.entity = 'copy' AND new.field = '' AND new.after = substr (rest, 2)
                THEN ''
                WHEN new.entity = 'copy' AND new.field = 'state'
                THEN CASE new.after WHEN 'pending' THEN 'p' WHEN 'waiting' THEN 'w'
                                    WHEN 'in_batch' THEN 'b' WHEN 'delivered' THEN 'd'
                                    WHEN 'rejected' THEN 'j' WHEN 'returned' THEN 'r'
                                    ELSE CAST (new.after AS TEXT) END
                WHEN new.entity = 'message' AND new.field = 'status'
                THEN CASE new.after WHEN 'new' THEN 'n' WHEN 'transcribed' THEN 't'
                                    WHEN 'approved' THEN 'a' WHEN 'held' THEN 'h'
                                    WHEN 'deleted' THEN 'x' ELSE CAST (new.after AS TEXT) END
                ELSE CAST (new.after AS TEXT) END
      FROM history_kinds
     WHERE entity = new.entity AND field = new.field
       AND rest = CASE WHEN instr (new.entity_id, ':') > 0
                       THEN substr (new.entity_id, instr (new.entity_id, ':')) ELSE '' END;
END;

-- Unchanged, made again as DROP VIEW dropped them.
CREATE TRIGGER history_delete INSTEAD OF DELETE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_update INSTEAD OF UPDATE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only')
   WHERE NOT (new.id IS old.id AND new.entry IS old.entry AND new.subject IS old.subject
              AND new.at IS old.at AND new.operator IS old.operator
              AND new.entity IS old.entity AND new.entity_id IS old.entity_id
              AND new.field IS old.field);
  UPDATE history_changes SET before = new.before, after = new.after WHERE id = old.id;
END;
