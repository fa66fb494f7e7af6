-- Schema 6 as proposed in docs/schema-6.md, for measuring it (bench/schema6/run.sh).
-- Needs the functions of bench/schema6/sb6-functions.c (the app registers the same).
--
-- Replicated tables (shipped to other offices by the session extension, issue 14)
-- have a declared PRIMARY KEY unique across replicas: a UUIDv7 as a 16-byte blob,
-- or the keys of the two records a row joins (a copy is (detainee, message)).
-- Derived tables (local: rebuilt, never shipped) are marked "derived".
-- Dates are ISO 8601 text as in schemas 1–5.

-- ---------------------------------------------------------------- campaign
-- Replicated: name, hashtag, launch date, as-of date.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Local: this replica's identity and office, the next number of its own
-- references, the versions the derived keys were made with. Never shipped.
CREATE TABLE replica (
  key   TEXT PRIMARY KEY,
  value ANY
) WITHOUT ROWID;

CREATE TABLE facilities (
  id              BLOB PRIMARY KEY CHECK (length (id) = 16),
  code            TEXT NOT NULL UNIQUE CHECK (length (code) BETWEEN 1 AND 8),
  name_en         TEXT NOT NULL CHECK (length (name_en) > 0),
  name_km         TEXT NOT NULL DEFAULT '',
  kind            TEXT NOT NULL DEFAULT 'prison' CHECK (kind IN ('prison', 'police', 'other')),
  address         TEXT NOT NULL DEFAULT '',
  items_per_batch INTEGER NOT NULL DEFAULT 50 CHECK (items_per_batch BETWEEN 1 AND 10000),
  rules           TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE detainees (
  id          BLOB PRIMARY KEY CHECK (length (id) = 16),
  name_en     TEXT NOT NULL CHECK (length (name_en) > 0),
  name_km     TEXT NOT NULL DEFAULT '',
  role        TEXT NOT NULL DEFAULT '',
  facility_id BLOB REFERENCES facilities (id),
  detained_on TEXT,
  released_on TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  CHECK (released_on IS NULL OR detained_on IS NULL OR released_on >= detained_on)
) WITHOUT ROWID;

CREATE TABLE offices (
  id   BLOB PRIMARY KEY CHECK (length (id) = 16),
  code TEXT NOT NULL UNIQUE CHECK (length (code) BETWEEN 1 AND 8),
  name TEXT NOT NULL CHECK (length (name) > 0),
  city TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE reasons (
  id       BLOB PRIMARY KEY CHECK (length (id) = 16),
  kind     TEXT NOT NULL CHECK (kind IN ('hold', 'reject')),
  label    TEXT NOT NULL CHECK (length (label) > 0),
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, label)
) WITHOUT ROWID;

CREATE TABLE milestones (
  id       BLOB PRIMARY KEY CHECK (length (id) = 16),
  day      TEXT NOT NULL CHECK (length (day) = 10),
  label_en TEXT NOT NULL CHECK (length (label_en) > 0),
  label_km TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- ---------------------------------------------------------------- messages
-- A rowid table: the rowid is this replica's own number for the message (the
-- search index and the message list use it); the id is the campaign-wide key.
-- No derived column lives here (no search_key, no sort key, no delivery day): a
-- derived value in a shipped row would travel and conflict with the receiver's.
-- The large texts come last. Messages are never deleted (status 'deleted';
-- erasure blanks the sender's fields), so copies need no index on message_id.
CREATE TABLE messages (
  id             BLOB NOT NULL PRIMARY KEY CHECK (length (id) = 16),
  ref            TEXT NOT NULL UNIQUE,
  received_on    TEXT NOT NULL CHECK (length (received_on) = 10),
  status         TEXT NOT NULL DEFAULT 'new'
                 CHECK (status IN ('new', 'transcribed', 'approved', 'held', 'deleted')),
  channel        TEXT NOT NULL CHECK (channel IN ('postcard', 'online', 'other')),
  language       TEXT NOT NULL DEFAULT '',
  office_id      BLOB REFERENCES offices (id),
  duplicate_of   BLOB REFERENCES messages (id),
  consent        TEXT NOT NULL DEFAULT 'none' CHECK (consent IN ('none', 'detainee', 'public')),
  -- The import that brought it (a history entry) and its row in that file.
  import_id      BLOB,
  import_row     INTEGER,
  external_id    TEXT,
  sender_name    TEXT NOT NULL DEFAULT '',
  sender_city    TEXT NOT NULL DEFAULT '',
  sender_country TEXT NOT NULL DEFAULT '',
  sender_contact TEXT NOT NULL DEFAULT '',
  hold_reason    TEXT NOT NULL DEFAULT '',
  notes          TEXT NOT NULL DEFAULT '',
  original_text  TEXT NOT NULL DEFAULT '',
  translation_km TEXT NOT NULL DEFAULT '',
  translation_en TEXT NOT NULL DEFAULT ''
);
-- The list by date, and each filter as a set of rowids (the list intersects them
-- with the order it shows, as src/store/sb-store-message-list.c does for status).
CREATE INDEX messages_received ON messages (received_on);
CREATE INDEX messages_status ON messages (status);
CREATE INDEX messages_channel ON messages (channel);
CREATE INDEX messages_language ON messages (language);
CREATE INDEX messages_office ON messages (office_id) WHERE office_id IS NOT NULL;
CREATE INDEX messages_duplicates ON messages (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE UNIQUE INDEX messages_external_id ON messages (external_id) WHERE external_id IS NOT NULL;

-- Derived: senders in the KM collation's order (ICU sort keys; rebuilt when the
-- collator's version changes, as schema 4's column is).
CREATE TABLE sender_order (
  key   BLOB NOT NULL,
  rowid_ INTEGER NOT NULL,
  PRIMARY KEY (key, rowid_)
) WITHOUT ROWID;

-- Derived: the search indexes, fed from the text itself (no stored key): each
-- trigger makes the message's search key (sb_message_key: the reference, sender,
-- city, text and translations, Khmer-aware and case-folded, src/text) and hands
-- it over; contentless tables keep only the index.
-- Two characters or more: the key as pairs of characters at their positions
-- (sb_bigrams: "free the" → "fr re ee e_ _t th he"); a search is a phrase of
-- pairs, exact for any substring. Pairs cost 16 % less than FTS5's trigrams and
-- answer two-character searches too (bench/schema6, docs/schema-6.md).
CREATE VIRTUAL TABLE message_search USING fts5 (
  pairs, content = '', tokenize = "ascii tokenchars '_$+<=>^`|~'", detail = full, columnsize = 0
);
-- One character: which characters a message has (presence, no positions).
CREATE VIRTUAL TABLE message_chars USING fts5 (
  chars, content = '', tokenize = "ascii tokenchars '$+<=>^`|~'", detail = none, columnsize = 0
);

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages WHEN NOT sb_bulk () BEGIN
  INSERT INTO message_search (rowid, pairs) VALUES (new.rowid,
    sb_bigrams (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                                new.translation_km, new.translation_en)));
  INSERT INTO message_chars (rowid, chars) VALUES (new.rowid,
    sb_chars (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
  INSERT INTO sender_order (key, rowid_) VALUES (sb_collation_key (new.sender_name), new.rowid);
END;
CREATE TRIGGER messages_search_update AFTER UPDATE OF
  ref, sender_name, sender_city, original_text, translation_km, translation_en
ON messages WHEN NOT sb_bulk () BEGIN
  -- A contentless table is told what it indexed: the old key, made again.
  INSERT INTO message_search (message_search, rowid, pairs) VALUES ('delete', old.rowid,
    sb_bigrams (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                                old.translation_km, old.translation_en)));
  INSERT INTO message_chars (message_chars, rowid, chars) VALUES ('delete', old.rowid,
    sb_chars (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_search (rowid, pairs) VALUES (new.rowid,
    sb_bigrams (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                                new.translation_km, new.translation_en)));
  INSERT INTO message_chars (rowid, chars) VALUES (new.rowid,
    sb_chars (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
  DELETE FROM sender_order WHERE key = sb_collation_key (old.sender_name) AND rowid_ = old.rowid;
  INSERT INTO sender_order (key, rowid_) VALUES (sb_collation_key (new.sender_name), new.rowid);
END;

-- Pictures of a postcard's sides. Big rows, read one at a time.
CREATE TABLE scans (
  id         BLOB PRIMARY KEY CHECK (length (id) = 16),
  message_id BLOB NOT NULL REFERENCES messages (id),
  side       TEXT NOT NULL CHECK (side IN ('front', 'back')),
  mime_type  TEXT NOT NULL,
  width      INTEGER NOT NULL CHECK (width > 0),
  height     INTEGER NOT NULL CHECK (height > 0),
  sha256     TEXT NOT NULL,
  image      BLOB NOT NULL,
  thumbnail  BLOB
);
CREATE INDEX scans_message ON scans (message_id);
CREATE INDEX scans_sha256 ON scans (sha256);

-- ---------------------------------------------------------------- copies
-- One message for one detainee, identified by the two. The key starts with the
-- detainee: a detainee's messages are a range of it (the list's filter, filling a
-- batch), and a message's copies are one lookup per detainee (a campaign has a
-- handful), so no second index is needed.
CREATE TABLE copies (
  detainee_id    BLOB NOT NULL REFERENCES detainees (id),
  message_id     BLOB NOT NULL REFERENCES messages (id),
  state          TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'waiting', 'in_batch', 'delivered', 'rejected', 'returned')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  outcome_reason TEXT NOT NULL DEFAULT '',
  delivered_on   TEXT CHECK ((delivered_on IS NOT NULL) = (state = 'delivered')),
  PRIMARY KEY (detainee_id, message_id)
) WITHOUT ROWID;
-- The copies a batch can take: few at any time.
CREATE INDEX copies_waiting ON copies (detainee_id, message_id) WHERE state = 'waiting';

-- ---------------------------------------------------------------- batches
CREATE TABLE batches (
  id                BLOB PRIMARY KEY CHECK (length (id) = 16),
  code              TEXT UNIQUE,
  facility_id       BLOB NOT NULL REFERENCES facilities (id),
  state             TEXT NOT NULL DEFAULT 'draft'
                    CHECK (state IN ('draft', 'sealed', 'handed_over', 'closed')),
  created_on        TEXT NOT NULL,
  sealed_at         TEXT,
  digest            TEXT,
  handed_over_at    TEXT,
  handed_by         TEXT NOT NULL DEFAULT '',
  received_by       TEXT NOT NULL DEFAULT '',
  received_position TEXT NOT NULL DEFAULT '',
  closed_at         TEXT,
  notes             TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- One copy in one batch (an attempt). Keyed by batch and copy, not by position, so
-- that two offices adding to a draft never collide; positions are fixed at sealing.
CREATE TABLE batch_items (
  batch_id       BLOB NOT NULL REFERENCES batches (id),
  detainee_id    BLOB NOT NULL,
  message_id     BLOB NOT NULL,
  position       INTEGER NOT NULL,
  outcome        TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'delivered', 'rejected', 'returned')),
  outcome_reason TEXT NOT NULL DEFAULT '',
  outcome_on     TEXT,
  PRIMARY KEY (batch_id, detainee_id, message_id),
  FOREIGN KEY (detainee_id, message_id) REFERENCES copies (detainee_id, message_id)
) WITHOUT ROWID;
CREATE INDEX batch_items_copy ON batch_items (detainee_id, message_id);

-- ---------------------------------------------------------------- history
-- One entry for one action, however many rows it touched: an import (file name,
-- SHA-256, rows) once, a batch's seal (digest) once, an outcome (which positions
-- were delivered, rejected, returned) once, a message's approval once. Keyed by
-- the record it is about, so a record's history is a range of the key; an action
-- on many records names its own id as subject (an import: its messages point to it
-- with import_id, import_row). Written by the store, not by per-row triggers, so a
-- changeset applied from another office never writes it twice. Append-only.
CREATE TABLE history (
  subject  BLOB NOT NULL,
  id       BLOB NOT NULL CHECK (length (id) = 16),
  at       TEXT NOT NULL,
  operator TEXT NOT NULL,
  action   TEXT NOT NULL,
  detail   TEXT,
  PRIMARY KEY (subject, id)
) WITHOUT ROWID;
-- The fields a person typed and changed, before and after, by action: only the
-- fields that changed. Workflow fields (status, copy states, outcomes) follow from
-- the action and are not repeated here.
CREATE TABLE history_fields (
  subject    BLOB NOT NULL,
  history_id BLOB NOT NULL,
  field      TEXT NOT NULL,
  before     ANY,
  after      ANY,
  PRIMARY KEY (subject, history_id, field)
) WITHOUT ROWID;
-- The typed fields of a message that an action changed, under the action's entry
-- (sb_action (): the entry the store opened for the operation in progress). Never
-- while another office's changes are applied: their entries come with them.
CREATE TRIGGER messages_history_fields AFTER UPDATE OF
  received_on, channel, language, office_id, consent, sender_name, sender_city,
  sender_country, sender_contact, notes, original_text, translation_km, translation_en,
  duplicate_of
ON messages WHEN sb_action () IS NOT NULL AND NOT sb_replaying () BEGIN
  INSERT INTO history_fields (subject, history_id, field, before, after)
    SELECT new.id, sb_action (), field, before, after FROM (
      SELECT 'received_on' AS field, old.received_on AS before, new.received_on AS after
      UNION ALL SELECT 'channel', old.channel, new.channel
      UNION ALL SELECT 'language', old.language, new.language
      UNION ALL SELECT 'office_id', old.office_id, new.office_id
      UNION ALL SELECT 'consent', old.consent, new.consent
      UNION ALL SELECT 'sender_name', old.sender_name, new.sender_name
      UNION ALL SELECT 'sender_city', old.sender_city, new.sender_city
      UNION ALL SELECT 'sender_country', old.sender_country, new.sender_country
      UNION ALL SELECT 'sender_contact', old.sender_contact, new.sender_contact
      UNION ALL SELECT 'notes', old.notes, new.notes
      UNION ALL SELECT 'original_text', old.original_text, new.original_text
      UNION ALL SELECT 'translation_km', old.translation_km, new.translation_km
      UNION ALL SELECT 'translation_en', old.translation_en, new.translation_en
      UNION ALL SELECT 'duplicate_of', old.duplicate_of, new.duplicate_of)
    WHERE before IS NOT after;
END;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;

-- ---------------------------------------------------------------- figures
-- Derived: counts by day, kept by triggers, so that "as of D" is a sum over the
-- days up to D. kind and key:
--   received:<status>        ''           messages that count, by the day received
--   delivered                ''           sent messages whose copies are all
--                                         delivered, by max (received, last delivery)
--   copies:<state>           detainee     copies of sent messages, by day received
--   held-copies:<state>      detainee     copies of held messages (in the totals
--                                         by state, not in the detainee's figures)
--   copies-delivered         detainee     delivered copies of sent messages, by
--                                         max (received, delivered)
--   held-copies-delivered    detainee     the same for held messages
--   country | office | language  the value  sent messages, by day received
-- A message counts when it is not deleted and not a duplicate of another.
CREATE TABLE tallies (
  kind TEXT NOT NULL,
  key  BLOB NOT NULL,
  day  TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (kind, key, day)
) WITHOUT ROWID;

-- Derived, one row a message that has copies, by this replica's rowid: whom it
-- is for (bit n: the detainee with bit n in detainee_bits; the list's detainee
-- filter and its "To" column read this instead of the copies) and the day its
-- last copy was delivered, once all are (NULL until then).
CREATE TABLE message_facts (
  message_rowid INTEGER PRIMARY KEY,
  addressees    INTEGER NOT NULL DEFAULT 0,
  delivered_on  TEXT
);
-- Derived: each detainee's bit (63 fit; a detainee beyond has none, and filtering
-- by them reads the copies instead).
CREATE TABLE detainee_bits (
  detainee_id BLOB PRIMARY KEY,
  bit         INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;
CREATE TRIGGER detainees_bit AFTER INSERT ON detainees BEGIN
  INSERT INTO detainee_bits (detainee_id, bit)
    SELECT new.id, coalesce (max (bit) + 1, 0) FROM detainee_bits HAVING coalesce (max (bit) + 1, 0) < 63;
END;

-- A message's own figures.
CREATE TRIGGER messages_tally_insert AFTER INSERT ON messages
WHEN NOT sb_bulk () AND new.status != 'deleted' AND new.duplicate_of IS NULL BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT 'received:' || new.status, X'', new.received_on, 1
      UNION ALL SELECT 'country', upper (new.sender_country), new.received_on, 1
        WHERE new.status != 'held'
      UNION ALL SELECT 'office', coalesce (new.office_id, X''), new.received_on, 1
        WHERE new.status != 'held'
      UNION ALL SELECT 'language', new.language, new.received_on, 1
        WHERE new.status != 'held')
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- Everything a message's change moves: its own figures, its delivery, its copies'.
-- old_counts / new_counts: not deleted, not a duplicate.
CREATE TRIGGER messages_tally_update AFTER UPDATE OF
  status, duplicate_of, received_on, sender_country, office_id, language
ON messages WHEN NOT sb_bulk () BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT 'received:' || old.status, X'', old.received_on, -1
        WHERE old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL SELECT 'country', upper (old.sender_country), old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'office', coalesce (old.office_id, X''), old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'language', old.language, old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'delivered', X'', max (old.received_on, f.delivered_on), -1
        FROM message_facts f WHERE f.message_rowid = old.rowid AND f.delivered_on IS NOT NULL
        AND old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'received:' || new.status, X'', new.received_on, 1
        WHERE new.status != 'deleted' AND new.duplicate_of IS NULL
      UNION ALL SELECT 'country', upper (new.sender_country), new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'office', coalesce (new.office_id, X''), new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'language', new.language, new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'delivered', X'', max (new.received_on, f.delivered_on), 1
        FROM message_facts f WHERE f.message_rowid = new.rowid AND f.delivered_on IS NOT NULL
        AND new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  -- Its copies, when whether it counts, whether it is held or its day changed.
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT CASE WHEN old.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
             c.detainee_id, old.received_on, -1
        FROM detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = old.id
        WHERE old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN old.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             c.detainee_id, max (old.received_on, c.delivered_on), -1
        FROM detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = old.id
        WHERE c.delivered_on IS NOT NULL AND old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN new.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
             c.detainee_id, new.received_on, 1
        FROM detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.id
        WHERE new.status != 'deleted' AND new.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN new.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             c.detainee_id, max (new.received_on, c.delivered_on), 1
        FROM detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.id
        WHERE c.delivered_on IS NOT NULL AND new.status != 'deleted' AND new.duplicate_of IS NULL)
    WHERE ((old.status = 'deleted' OR old.duplicate_of IS NOT NULL)
           IS NOT (new.status = 'deleted' OR new.duplicate_of IS NOT NULL))
       OR ((old.status = 'held') IS NOT (new.status = 'held'))
       OR old.received_on IS NOT new.received_on
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- A copy's figures: by its message's day, held or not, as long as the message counts.
CREATE TRIGGER copies_tally_insert AFTER INSERT ON copies WHEN NOT sb_bulk () BEGIN
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
  -- Its addressee's bit; a copy not delivered means the message is not delivered
  -- (the usual case at intake: no need to read its other copies).
  INSERT INTO message_facts (message_rowid, addressees, delivered_on)
    SELECT * FROM (SELECT m.rowid, coalesce (1 << b.bit, 0),
      CASE WHEN new.delivered_on IS NOT NULL THEN
        (SELECT CASE WHEN count (c.delivered_on) = count (*) THEN max (c.delivered_on) END
         FROM detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.message_id) END
      FROM messages m LEFT JOIN detainee_bits b ON b.detainee_id = new.detainee_id
      WHERE m.id = new.message_id)
    WHERE true
  ON CONFLICT DO UPDATE SET addressees = addressees | excluded.addressees,
    delivered_on = excluded.delivered_on;
END;

CREATE TRIGGER copies_tally_delete AFTER DELETE ON copies WHEN NOT sb_bulk () BEGIN
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
  -- The copies left decide: all delivered (and at least one), or not delivered.
  UPDATE message_facts SET
    addressees = addressees & ~coalesce ((SELECT 1 << bit FROM detainee_bits
                                          WHERE detainee_id = old.detainee_id), 0),
    delivered_on = (SELECT CASE WHEN count (*) > 0 AND count (c.delivered_on) = count (*)
                             THEN max (c.delivered_on) END
                    FROM detainees t JOIN copies c ON c.detainee_id = t.id
                    AND c.message_id = old.message_id)
  WHERE message_rowid = (SELECT rowid FROM messages WHERE id = old.message_id);
END;

CREATE TRIGGER copies_tally_update AFTER UPDATE OF state, delivered_on ON copies
WHEN NOT sb_bulk () AND (old.state IS NOT new.state OR old.delivered_on IS NOT new.delivered_on) BEGIN
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
  UPDATE message_facts SET delivered_on = CASE WHEN new.delivered_on IS NOT NULL THEN
      (SELECT CASE WHEN count (c.delivered_on) = count (*) THEN max (c.delivered_on) END
       FROM detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = new.message_id) END
  WHERE message_rowid = (SELECT rowid FROM messages WHERE id = new.message_id)
    AND (new.delivered_on IS NOT NULL OR delivered_on IS NOT NULL);
END;

-- A message's delivery, counted when the message is sent.
CREATE TRIGGER facts_tally_insert AFTER INSERT ON message_facts
WHEN NOT sb_bulk () AND new.delivered_on IS NOT NULL BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT 'delivered', X'', max (m.received_on, new.delivered_on), 1 FROM messages m
    WHERE m.rowid = new.message_rowid AND m.status NOT IN ('deleted', 'held') AND m.duplicate_of IS NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER facts_tally_update AFTER UPDATE OF delivered_on ON message_facts
WHEN NOT sb_bulk () AND old.delivered_on IS NOT new.delivered_on BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT 'delivered', X'', max (m.received_on, old.delivered_on), -1 FROM messages m
        WHERE m.rowid = old.message_rowid AND old.delivered_on IS NOT NULL
        AND m.status NOT IN ('deleted', 'held') AND m.duplicate_of IS NULL
      UNION ALL
      SELECT 'delivered', X'', max (m.received_on, new.delivered_on), 1 FROM messages m
        WHERE m.rowid = new.message_rowid AND new.delivered_on IS NOT NULL
        AND m.status NOT IN ('deleted', 'held') AND m.duplicate_of IS NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
