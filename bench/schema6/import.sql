-- An import of a web-form export (bench-import's shape) into a schema-6 campaign,
-- in SQL: what the store writes for it, as docs/schema-6.md proposes. The driver
-- (run.sh) has loaded sb6-functions.c, made the campaign (schema6.sql and its five
-- detainees) and read the file with .import --csv into "staging", so that the
-- whole process compares with sqlite3's own .import of the same file.
-- @SHA256@ and @FILE@ are the file's digest and name.

.timer on
BEGIN;
SELECT sb_set_bulk (1);

-- One history entry for the whole file.
CREATE TEMP TABLE import AS SELECT sb_uuid7 () AS id, max (rowid) AS rows FROM staging;
INSERT INTO history (subject, id, at, operator, action, detail)
  SELECT id, id, strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'), 'bench', 'import',
         json_object ('file', '@FILE@', 'sha256', '@SHA256@', 'rows', '2-' || (rows + 1),
                      'messages', (SELECT count (*) FROM staging WHERE "Your message" != ''))
  FROM temp.import;

-- Who the web form's answers name.
CREATE TEMP TABLE addressees (answer TEXT, detainee_id BLOB);
INSERT INTO temp.addressees
  SELECT a.answer, d.id FROM (
    SELECT 'All of them' AS answer, NULL AS name UNION ALL SELECT 'ទាំងអស់', NULL
    UNION ALL SELECT 'Ny Sokha', 'Ny Sokha' UNION ALL SELECT 'នី សុខា', 'Ny Sokha'
    UNION ALL SELECT 'Yi Soksan, Nay Vanda', 'Yi Soksan' UNION ALL SELECT 'Yi Soksan, Nay Vanda', 'Nay Vanda'
    UNION ALL SELECT 'Lim Mony', 'Lim Mony' UNION ALL SELECT 'Ny Chakrya', 'Ny Chakrya') a
  JOIN detainees d ON a.name IS NULL OR d.name_en = a.name;

-- The rows: a row without a message is refused, as the importer does.
INSERT INTO messages (id, ref, received_on, status, channel, language, consent, import_id,
                      import_row, external_id, sender_name, sender_city, sender_country,
                      sender_contact, original_text)
  SELECT sb_uuid7 (), 'PP-' || printf ('%04d', s.rowid), replace (substr (s."Timestamp", 1, 10), '/', '-'),
         'new', 'online',
         CASE WHEN s."Your message" GLOB '*[ក-៹]*' THEN 'km' ELSE 'en' END,
         CASE s."May we show your name to the detainees and publish it?" WHEN 'Yes' THEN 'public' ELSE 'none' END,
         i.id, s.rowid + 1, s."Timestamp" || ' ' || s."Email Address", s."Your name", s."City",
         CASE s."Country" WHEN 'Germany' THEN 'DE' WHEN 'France' THEN 'FR' WHEN 'Australia' THEN 'AU'
           WHEN 'Japan' THEN 'JP' WHEN 'South Korea' THEN 'KR' WHEN 'Brazil' THEN 'BR' ELSE 'KH' END,
         s."Email Address", s."Your message"
  FROM staging s, temp.import i WHERE s."Your message" != '';

INSERT INTO copies (detainee_id, message_id, state)
  SELECT a.detainee_id, m.id, 'pending'
  FROM messages m JOIN staging s ON s.rowid = m.import_row - 1
  JOIN temp.addressees a ON a.answer = s."Who is your message for?"
  ORDER BY 1, 2;

-- The derived data of the new rows, in bulk (the triggers were off): search key
-- made once a message, both search indexes, sender order, facts, tallies.
CREATE TEMP TABLE keys AS
  SELECT rowid, sb_message_key (ref, sender_name, sender_city, original_text,
                                translation_km, translation_en) AS key FROM messages;
INSERT INTO message_search (rowid, pairs) SELECT rowid, sb_bigrams (key) FROM temp.keys;
INSERT INTO message_chars (rowid, chars) SELECT rowid, sb_chars (key) FROM temp.keys;
INSERT INTO sender_order (key, rowid_) SELECT sb_collation_key (sender_name), rowid FROM messages;
INSERT INTO message_facts (message_rowid, addressees)
  SELECT m.rowid, sum (1 << b.bit) FROM messages m
  JOIN detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = m.id
  JOIN detainee_bits b ON b.detainee_id = c.detainee_id
  GROUP BY m.rowid;
INSERT INTO tallies (kind, key, day, n)
  SELECT kind, key, day, count (*) FROM (
    SELECT 'received:' || status AS kind, X'' AS key, received_on AS day FROM messages
    UNION ALL SELECT 'country', upper (sender_country), received_on FROM messages
    UNION ALL SELECT 'office', coalesce (office_id, X''), received_on FROM messages
    UNION ALL SELECT 'language', language, received_on FROM messages
    UNION ALL SELECT 'copies:' || c.state, c.detainee_id, m.received_on
      FROM messages m JOIN detainees t JOIN copies c ON c.detainee_id = t.id AND c.message_id = m.id)
  GROUP BY kind, key, day
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
SELECT sb_set_bulk (0);
COMMIT;
