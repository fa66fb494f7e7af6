-- Schema 5 → 6, as docs/schema-6.md proposes: the new file is built beside the old
-- one (main: the new file with schema6.sql; v5: the schema-5 file, attached
-- read-only), then renamed over it. Needs sb6-functions.c (the app registers the
-- same functions). Nothing in v5 is changed: a kill at any point leaves it as it was.
--
-- The app would run each step as its own statement, the messages in rowid ranges
-- (progress = rows done / rows), in one transaction on the new file.

BEGIN;
SELECT sb_set_bulk (1);

-- Campaign-wide settings travel; this install's office code is its own.
INSERT INTO settings (key, value)
  SELECT key, value FROM v5.settings WHERE key NOT IN ('office-code');
INSERT INTO replica (key, value)
  SELECT 'office_code', value FROM v5.settings WHERE key = 'office-code';
INSERT INTO replica (key, value)
  SELECT 'next:' || prefix, next FROM v5.ref_counters;
INSERT INTO replica (key, value)
  SELECT 'collation:' || name, collation FROM v5.sort_keys;

INSERT INTO facilities
  SELECT sb_uuid_blob (id), code, name_en, name_km, kind, address, items_per_batch, rules
  FROM v5.facilities;
INSERT INTO detainees
  SELECT sb_uuid_blob (id), name_en, name_km, role, sb_uuid_blob (facility_id), detained_on,
         released_on, position
  FROM v5.detainees;
INSERT INTO offices SELECT sb_uuid_blob (id), code, name, city FROM v5.offices;
INSERT INTO reasons SELECT sb_uuid_blob (id), kind, label, position FROM v5.reasons;
INSERT INTO milestones SELECT sb_uuid_blob (id), day, label_en, label_km FROM v5.milestones;

-- The same rowids: the search index and the sender order are fed from schema 5's
-- stored keys below, by rowid, instead of making every key again.
INSERT INTO messages (rowid, id, ref, received_on, status, channel, language, office_id,
                      duplicate_of, consent, import_id, import_row, external_id,
                      sender_name, sender_city, sender_country, sender_contact, hold_reason,
                      notes, original_text, translation_km, translation_en)
  SELECT rowid, sb_uuid_blob (id), ref, received_on, status, channel, language,
         sb_uuid_blob (office_id), sb_uuid_blob (duplicate_of), consent, NULL, NULL, external_id,
         sender_name, sender_city, sender_country, sender_contact, hold_reason, notes,
         original_text, translation_km, translation_en
  FROM v5.messages ORDER BY rowid;

INSERT INTO scans
  SELECT sb_uuid_blob (id), sb_uuid_blob (message_id), side, mime_type, width, height, sha256,
         image, thumbnail
  FROM v5.scans;

INSERT INTO copies (detainee_id, message_id, state, attempts, outcome_reason, delivered_on)
  SELECT sb_uuid_blob (detainee_id), sb_uuid_blob (message_id), state, attempts, outcome_reason,
         delivered_on
  FROM v5.copies ORDER BY detainee_id, message_id;

INSERT INTO batches
  SELECT sb_uuid_blob (id), code, sb_uuid_blob (facility_id), state, created_on, sealed_at, digest,
         handed_over_at, handed_by, received_by, received_position, closed_at, notes
  FROM v5.batches;
INSERT INTO batch_items (batch_id, detainee_id, message_id, position, outcome, outcome_reason,
                         outcome_on)
  SELECT sb_uuid_blob (i.batch_id), sb_uuid_blob (c.detainee_id), sb_uuid_blob (c.message_id),
         i.position, i.outcome, i.outcome_reason, i.outcome_on
  FROM v5.batch_items i JOIN v5.copies c ON c.id = i.copy_id;

-- History: schema 5 wrote one row per field per record; schema 6 keeps one entry
-- per record and moment (at, operator), about the record it concerns — a copy's
-- and a batch item's changes go to their message's and batch's entry. Every old
-- row is kept inside it, in order: [entity, id, field, before, after].
INSERT INTO history (subject, id, at, operator, action, detail)
  SELECT subject, sb_uuid7 (CAST ((julianday (at) - 2440587.5) * 86400000 AS INTEGER)), at, operator,
         'schema5:' || group_concat (DISTINCT entity),
         json_group_array (json_array (entity, entity_id, field, before, after))
  FROM (
    SELECT h.id, h.at, h.operator, h.entity, h.entity_id, h.field, h.before, h.after,
           CASE h.entity
             WHEN 'copy' THEN sb_uuid_blob (c.message_id)
             WHEN 'campaign' THEN zeroblob (16)
             ELSE sb_uuid_blob (h.entity_id) END AS subject
    FROM v5.history h LEFT JOIN v5.copies c ON h.entity = 'copy' AND c.id = h.entity_id
    WHERE h.entity != 'copy' OR c.id IS NOT NULL
    ORDER BY h.id)
  GROUP BY subject, at, operator;
-- A copy removed in schema 5 is gone from its table: its history row keeps its id;
-- the entry then has the copy's id as subject (the only link left).
INSERT INTO history (subject, id, at, operator, action, detail)
  SELECT sb_uuid_blob (h.entity_id), sb_uuid7 (CAST ((julianday (h.at) - 2440587.5) * 86400000 AS INTEGER)),
         h.at, h.operator, 'schema5:copy',
         json_group_array (json_array (h.entity, h.entity_id, h.field, h.before, h.after))
  FROM v5.history h
  WHERE h.entity = 'copy' AND NOT EXISTS (SELECT 1 FROM v5.copies c WHERE c.id = h.entity_id)
  GROUP BY h.entity_id, h.at, h.operator;

SELECT sb_set_bulk (0);
COMMIT;

-- Derived data: the search index from schema 5's keys (same rowids); the rest
-- from the rows (derive-figures.sql, run next).
BEGIN;
SELECT sb_set_bulk (1);
INSERT INTO message_search (rowid, pairs) SELECT rowid, sb_bigrams (search_key) FROM v5.messages;
INSERT INTO message_chars (rowid, chars) SELECT rowid, sb_chars (search_key) FROM v5.messages;
INSERT INTO sender_order (key, rowid_)
  SELECT sender_sort_key, rowid FROM v5.messages WHERE sender_sort_key IS NOT NULL;
SELECT sb_set_bulk (0);
COMMIT;
