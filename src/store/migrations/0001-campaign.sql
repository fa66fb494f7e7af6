-- Schema 1: the whole campaign.
-- Keys are UUIDs (text) so that files from several offices can be merged later;
-- reference codes (PP-0042) are the human keys. Dates are ISO 8601 text:
-- YYYY-MM-DD for calendar days, YYYY-MM-DDTHH:MM:SSZ for moments.
-- sb_now() and sb_operator() are SQL functions the application registers.

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE facilities (
  id              TEXT PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE CHECK (length (code) BETWEEN 1 AND 8),
  name_en         TEXT NOT NULL CHECK (length (name_en) > 0),
  name_km         TEXT NOT NULL DEFAULT '',
  kind            TEXT NOT NULL DEFAULT 'prison' CHECK (kind IN ('prison', 'police', 'other')),
  address         TEXT NOT NULL DEFAULT '',
  items_per_batch INTEGER NOT NULL DEFAULT 50 CHECK (items_per_batch BETWEEN 1 AND 10000),
  rules           TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL DEFAULT (sb_now ())
);

CREATE TABLE detainees (
  id          TEXT PRIMARY KEY,
  name_en     TEXT NOT NULL CHECK (length (name_en) > 0),
  name_km     TEXT NOT NULL DEFAULT '',
  role        TEXT NOT NULL DEFAULT '',
  facility_id TEXT REFERENCES facilities (id),
  detained_on TEXT,
  released_on TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (sb_now ()),
  CHECK (released_on IS NULL OR detained_on IS NULL OR released_on >= detained_on)
);

CREATE TABLE offices (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE CHECK (length (code) BETWEEN 1 AND 8),
  name       TEXT NOT NULL CHECK (length (name) > 0),
  city       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (sb_now ())
);

-- The next sequence number of each reference prefix (an office code).
CREATE TABLE ref_counters (
  prefix TEXT PRIMARY KEY,
  next   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE messages (
  id             TEXT PRIMARY KEY,
  ref            TEXT NOT NULL UNIQUE,
  channel        TEXT NOT NULL CHECK (channel IN ('postcard', 'online', 'other')),
  received_on    TEXT NOT NULL,
  office_id      TEXT REFERENCES offices (id),
  sender_name    TEXT NOT NULL DEFAULT '',
  sender_city    TEXT NOT NULL DEFAULT '',
  sender_country TEXT NOT NULL DEFAULT '',
  sender_contact TEXT NOT NULL DEFAULT '',
  consent        TEXT NOT NULL DEFAULT 'none' CHECK (consent IN ('none', 'detainee', 'public')),
  language       TEXT NOT NULL DEFAULT '',
  original_text  TEXT NOT NULL DEFAULT '',
  translation_km TEXT NOT NULL DEFAULT '',
  translation_en TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'new'
                 CHECK (status IN ('new', 'transcribed', 'approved', 'held', 'deleted')),
  hold_reason    TEXT NOT NULL DEFAULT '',
  duplicate_of   TEXT REFERENCES messages (id),
  -- The day its last copy was delivered, once every copy is (kept by the copies'
  -- triggers below), so that counting delivered messages reads one index.
  delivered_on   TEXT,
  external_id    TEXT,
  notes          TEXT NOT NULL DEFAULT '',
  search_key     TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL DEFAULT (sb_now ()),
  updated_at     TEXT NOT NULL DEFAULT (sb_now ())
);
CREATE INDEX messages_received_on ON messages (received_on, id);
-- The counting rules read status, duplicate link and day: counting (and joining
-- copies to their message) then reads these small indexes, never the texts.
CREATE INDEX messages_status ON messages (status, duplicate_of, received_on, delivered_on, id);
CREATE INDEX messages_duplicates ON messages (duplicate_of, id) WHERE duplicate_of IS NOT NULL;
CREATE UNIQUE INDEX messages_external_id ON messages (external_id) WHERE external_id IS NOT NULL;

-- Trigram index over the Khmer-aware search key (see src/text).
CREATE VIRTUAL TABLE messages_fts USING fts5 (
  search_key,
  content = 'messages',
  content_rowid = 'rowid',
  tokenize = 'trigram'
);
-- Inside a transaction the store defers indexing new messages to its commit (one
-- INSERT … SELECT): writing the index row by row makes FTS5 flush its buffer as a
-- tiny segment at every statement and savepoint, which makes imports crawl.
-- sb_fts_defer () notes the row and says whether it was deferred;
-- sb_fts_pending () says whether a row is still waiting for the index.
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
WHEN NOT sb_fts_defer (new.rowid) BEGIN
  INSERT INTO messages_fts (rowid, search_key) VALUES (new.rowid, new.search_key);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN NOT sb_fts_pending (old.rowid) BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, search_key)
    VALUES ('delete', old.rowid, old.search_key);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF search_key ON messages
WHEN old.search_key IS NOT new.search_key AND NOT sb_fts_pending (old.rowid) BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, search_key)
    VALUES ('delete', old.rowid, old.search_key);
  INSERT INTO messages_fts (rowid, search_key) VALUES (new.rowid, new.search_key);
END;

CREATE TABLE scans (
  id         TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  side       TEXT NOT NULL CHECK (side IN ('front', 'back')),
  mime_type  TEXT NOT NULL,
  width      INTEGER NOT NULL CHECK (width > 0),
  height     INTEGER NOT NULL CHECK (height > 0),
  sha256     TEXT NOT NULL,
  image      BLOB NOT NULL,
  thumbnail  BLOB,
  created_at TEXT NOT NULL DEFAULT (sb_now ())
);
CREATE INDEX scans_message ON scans (message_id);
CREATE INDEX scans_sha256 ON scans (sha256);

-- One message for one detainee: the unit of delivery.
-- pending: the message is not approved yet; waiting: approved, not in a batch.
CREATE TABLE copies (
  id             TEXT PRIMARY KEY,
  message_id     TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  detainee_id    TEXT NOT NULL REFERENCES detainees (id),
  state          TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'waiting', 'in_batch', 'delivered', 'rejected', 'returned')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  outcome_reason TEXT NOT NULL DEFAULT '',
  delivered_on   TEXT,
  created_at     TEXT NOT NULL DEFAULT (sb_now ()),
  UNIQUE (message_id, detainee_id)
);
CREATE INDEX copies_detainee ON copies (detainee_id, state, delivered_on);

CREATE INDEX copies_delivered_on ON copies (delivered_on) WHERE delivered_on IS NOT NULL;

-- Copies by detainee and state, kept by triggers, so the campaign's figures as of
-- today do not read every copy.
CREATE TABLE copy_tallies (
  detainee_id TEXT NOT NULL,
  state       TEXT NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (detainee_id, state)
) WITHOUT ROWID;
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

-- A message is delivered when all its copies are: keep messages.delivered_on true.
CREATE TRIGGER copies_delivery_insert AFTER INSERT ON copies BEGIN
  UPDATE messages SET delivered_on = (
    SELECT CASE WHEN count(delivered_on) = count(*) THEN max(delivered_on) END
    FROM copies WHERE message_id = new.message_id)
  WHERE id = new.message_id;
END;
CREATE TRIGGER copies_delivery_delete AFTER DELETE ON copies BEGIN
  UPDATE messages SET delivered_on = (
    SELECT CASE WHEN count(*) > 0 AND count(delivered_on) = count(*) THEN max(delivered_on) END
    FROM copies WHERE message_id = old.message_id)
  WHERE id = old.message_id;
END;
CREATE TRIGGER copies_delivery_update AFTER UPDATE OF delivered_on ON copies
WHEN old.delivered_on IS NOT new.delivered_on BEGIN
  UPDATE messages SET delivered_on = (
    SELECT CASE WHEN count(delivered_on) = count(*) THEN max(delivered_on) END
    FROM copies WHERE message_id = new.message_id)
  WHERE id = new.message_id;
END;
CREATE INDEX copies_message_state ON copies (message_id, state, delivered_on, detainee_id);

CREATE TABLE batches (
  id                TEXT PRIMARY KEY,
  code              TEXT UNIQUE,
  facility_id       TEXT NOT NULL REFERENCES facilities (id),
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
  notes             TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL DEFAULT (sb_now ())
);

CREATE TABLE batch_items (
  id             TEXT PRIMARY KEY,
  batch_id       TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  copy_id        TEXT NOT NULL REFERENCES copies (id),
  position       INTEGER NOT NULL,
  outcome        TEXT NOT NULL DEFAULT ''
                 CHECK (outcome IN ('', 'delivered', 'rejected', 'returned')),
  outcome_reason TEXT NOT NULL DEFAULT '',
  outcome_on     TEXT,
  UNIQUE (batch_id, copy_id)
);
CREATE INDEX batch_items_copy ON batch_items (copy_id);

-- Reasons a campaign can edit: why a message is held, why a prison rejected an item.
CREATE TABLE reasons (
  id       TEXT PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('hold', 'reject')),
  label    TEXT NOT NULL CHECK (length (label) > 0),
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, label)
);

-- The chain of custody: append-only.
CREATE TABLE history (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  operator  TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field     TEXT NOT NULL,
  before    TEXT,
  after     TEXT
);
CREATE INDEX history_entity ON history (entity_id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;

-- History: every change to the campaign is recorded by these triggers, with the
-- operator and time that the application gives sb_operator () and sb_now ().
CREATE TRIGGER facilities_history_insert AFTER INSERT ON facilities BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'facility', new.id, '', NULL, new.name_en);
END;
CREATE TRIGGER facilities_history_delete AFTER DELETE ON facilities BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'facility', old.id, '', old.name_en, NULL);
END;
CREATE TRIGGER facilities_history_update AFTER UPDATE ON facilities BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'facility', new.id, 'code', old.code, new.code
      WHERE old.code IS NOT new.code
    UNION ALL
    SELECT sb_now (), sb_operator (), 'facility', new.id, 'name_en', old.name_en, new.name_en
      WHERE old.name_en IS NOT new.name_en
    UNION ALL
    SELECT sb_now (), sb_operator (), 'facility', new.id, 'name_km', old.name_km, new.name_km
      WHERE old.name_km IS NOT new.name_km
    UNION ALL
    SELECT sb_now (), sb_operator (), 'facility', new.id, 'kind', old.kind, new.kind
      WHERE old.kind IS NOT new.kind
    UNION ALL
    SELECT sb_now (), sb_operator (), 'facility', new.id, 'address', old.address, new.address
      WHERE old.address IS NOT new.address
    UNION ALL
    SELECT sb_now (), sb_operator (), 'facility', new.id, 'items_per_batch', old.items_per_batch, new.items_per_batch
      WHERE old.items_per_batch IS NOT new.items_per_batch
    UNION ALL
    SELECT sb_now (), sb_operator (), 'facility', new.id, 'rules', old.rules, new.rules
      WHERE old.rules IS NOT new.rules;
END;
CREATE TRIGGER detainees_history_insert AFTER INSERT ON detainees BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'detainee', new.id, '', NULL, new.name_en);
END;
CREATE TRIGGER detainees_history_delete AFTER DELETE ON detainees BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'detainee', old.id, '', old.name_en, NULL);
END;
CREATE TRIGGER detainees_history_update AFTER UPDATE ON detainees BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'detainee', new.id, 'name_en', old.name_en, new.name_en
      WHERE old.name_en IS NOT new.name_en
    UNION ALL
    SELECT sb_now (), sb_operator (), 'detainee', new.id, 'name_km', old.name_km, new.name_km
      WHERE old.name_km IS NOT new.name_km
    UNION ALL
    SELECT sb_now (), sb_operator (), 'detainee', new.id, 'role', old.role, new.role
      WHERE old.role IS NOT new.role
    UNION ALL
    SELECT sb_now (), sb_operator (), 'detainee', new.id, 'facility_id', old.facility_id, new.facility_id
      WHERE old.facility_id IS NOT new.facility_id
    UNION ALL
    SELECT sb_now (), sb_operator (), 'detainee', new.id, 'detained_on', old.detained_on, new.detained_on
      WHERE old.detained_on IS NOT new.detained_on
    UNION ALL
    SELECT sb_now (), sb_operator (), 'detainee', new.id, 'released_on', old.released_on, new.released_on
      WHERE old.released_on IS NOT new.released_on
    UNION ALL
    SELECT sb_now (), sb_operator (), 'detainee', new.id, 'position', old.position, new.position
      WHERE old.position IS NOT new.position;
END;
CREATE TRIGGER offices_history_insert AFTER INSERT ON offices BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'office', new.id, '', NULL, new.code);
END;
CREATE TRIGGER offices_history_delete AFTER DELETE ON offices BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'office', old.id, '', old.code, NULL);
END;
CREATE TRIGGER offices_history_update AFTER UPDATE ON offices BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'office', new.id, 'code', old.code, new.code
      WHERE old.code IS NOT new.code
    UNION ALL
    SELECT sb_now (), sb_operator (), 'office', new.id, 'name', old.name, new.name
      WHERE old.name IS NOT new.name
    UNION ALL
    SELECT sb_now (), sb_operator (), 'office', new.id, 'city', old.city, new.city
      WHERE old.city IS NOT new.city;
END;
CREATE TRIGGER messages_history_insert AFTER INSERT ON messages BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'message', new.id, '', NULL, new.ref);
END;
CREATE TRIGGER messages_history_delete AFTER DELETE ON messages BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'message', old.id, '', old.ref, NULL);
END;
CREATE TRIGGER messages_history_update AFTER UPDATE ON messages BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'message', new.id, 'channel', old.channel, new.channel
      WHERE old.channel IS NOT new.channel
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'received_on', old.received_on, new.received_on
      WHERE old.received_on IS NOT new.received_on
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'office_id', old.office_id, new.office_id
      WHERE old.office_id IS NOT new.office_id
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'sender_name', old.sender_name, new.sender_name
      WHERE old.sender_name IS NOT new.sender_name
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'sender_city', old.sender_city, new.sender_city
      WHERE old.sender_city IS NOT new.sender_city
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'sender_country', old.sender_country, new.sender_country
      WHERE old.sender_country IS NOT new.sender_country
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'sender_contact', old.sender_contact, new.sender_contact
      WHERE old.sender_contact IS NOT new.sender_contact
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'consent', old.consent, new.consent
      WHERE old.consent IS NOT new.consent
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'language', old.language, new.language
      WHERE old.language IS NOT new.language
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'original_text', old.original_text, new.original_text
      WHERE old.original_text IS NOT new.original_text
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'translation_km', old.translation_km, new.translation_km
      WHERE old.translation_km IS NOT new.translation_km
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'translation_en', old.translation_en, new.translation_en
      WHERE old.translation_en IS NOT new.translation_en
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'status', old.status, new.status
      WHERE old.status IS NOT new.status
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'hold_reason', old.hold_reason, new.hold_reason
      WHERE old.hold_reason IS NOT new.hold_reason
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'duplicate_of', old.duplicate_of, new.duplicate_of
      WHERE old.duplicate_of IS NOT new.duplicate_of
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'notes', old.notes, new.notes
      WHERE old.notes IS NOT new.notes;
END;
CREATE TRIGGER scans_history_insert AFTER INSERT ON scans BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'scan', new.message_id, '', NULL, new.side);
END;
CREATE TRIGGER scans_history_delete AFTER DELETE ON scans BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'scan', old.message_id, '', old.side, NULL);
END;
CREATE TRIGGER copies_history_insert AFTER INSERT ON copies BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'copy', new.id, '', NULL, new.detainee_id);
END;
CREATE TRIGGER copies_history_delete AFTER DELETE ON copies BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'copy', old.id, '', old.detainee_id, NULL);
END;
CREATE TRIGGER copies_history_update AFTER UPDATE ON copies BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'copy', new.id, 'state', old.state, new.state
      WHERE old.state IS NOT new.state
    UNION ALL
    SELECT sb_now (), sb_operator (), 'copy', new.id, 'attempts', old.attempts, new.attempts
      WHERE old.attempts IS NOT new.attempts
    UNION ALL
    SELECT sb_now (), sb_operator (), 'copy', new.id, 'outcome_reason', old.outcome_reason, new.outcome_reason
      WHERE old.outcome_reason IS NOT new.outcome_reason
    UNION ALL
    SELECT sb_now (), sb_operator (), 'copy', new.id, 'delivered_on', old.delivered_on, new.delivered_on
      WHERE old.delivered_on IS NOT new.delivered_on;
END;
CREATE TRIGGER batches_history_insert AFTER INSERT ON batches BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'batch', new.id, '', NULL, new.facility_id);
END;
CREATE TRIGGER batches_history_delete AFTER DELETE ON batches BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'batch', old.id, '', old.facility_id, NULL);
END;
CREATE TRIGGER batches_history_update AFTER UPDATE ON batches BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'code', old.code, new.code
      WHERE old.code IS NOT new.code
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'state', old.state, new.state
      WHERE old.state IS NOT new.state
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'digest', old.digest, new.digest
      WHERE old.digest IS NOT new.digest
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'handed_over_at', old.handed_over_at, new.handed_over_at
      WHERE old.handed_over_at IS NOT new.handed_over_at
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'handed_by', old.handed_by, new.handed_by
      WHERE old.handed_by IS NOT new.handed_by
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'received_by', old.received_by, new.received_by
      WHERE old.received_by IS NOT new.received_by
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'received_position', old.received_position, new.received_position
      WHERE old.received_position IS NOT new.received_position
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'closed_at', old.closed_at, new.closed_at
      WHERE old.closed_at IS NOT new.closed_at
    UNION ALL
    SELECT sb_now (), sb_operator (), 'batch', new.id, 'notes', old.notes, new.notes
      WHERE old.notes IS NOT new.notes;
END;
CREATE TRIGGER batch_items_history_insert AFTER INSERT ON batch_items BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'batch_item', new.batch_id, '', NULL, new.copy_id);
END;
CREATE TRIGGER batch_items_history_delete AFTER DELETE ON batch_items BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'batch_item', old.batch_id, '', old.copy_id, NULL);
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
CREATE TRIGGER reasons_history_insert AFTER INSERT ON reasons BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'reason', new.id, '', NULL, new.label);
END;
CREATE TRIGGER reasons_history_delete AFTER DELETE ON reasons BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'reason', old.id, '', old.label, NULL);
END;
CREATE TRIGGER reasons_history_update AFTER UPDATE ON reasons BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'reason', new.id, 'label', old.label, new.label
      WHERE old.label IS NOT new.label
    UNION ALL
    SELECT sb_now (), sb_operator (), 'reason', new.id, 'position', old.position, new.position
      WHERE old.position IS NOT new.position;
END;
CREATE TRIGGER settings_history_insert AFTER INSERT ON settings BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'campaign', '', new.key, NULL, new.value);
END;
CREATE TRIGGER settings_history_update AFTER UPDATE ON settings WHEN old.value IS NOT new.value BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'campaign', '', new.key, old.value, new.value);
END;
