-- Schema 13: a message's texts packed (docs/campaign-file.md, "Texts").
--
-- original_text, translation_km and translation_en hold a text that is not ASCII
-- alone in SCSU, the Unicode compression scheme (a BLOB: sb_packed (), made by
-- src/text/sb-text-pack.c), which takes a byte for most Khmer characters instead of
-- UTF-8's three; ASCII stays as it is. The store reads them through sb_text ()
-- (src/store/sb-store-texts.c). The history keeps texts as text, and a rewrite of
-- a text into the same text, packed, is no edit: the two triggers that compare
-- texts compare what they say. The search index is made from the texts unpacked
-- (sb_message_key ()), so it stays as it is.

DROP TRIGGER messages_history_update;
CREATE TRIGGER messages_history_update AFTER UPDATE OF
  channel, received_on, office_id, sender_name, sender_city, sender_country,
  sender_contact, consent, language, original_text, translation_km, translation_en,
  status, hold_reason, duplicate_of, notes
ON messages BEGIN
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
    SELECT sb_now (), sb_operator (), 'message', new.id, 'original_text', sb_text (old.original_text), sb_text (new.original_text)
      WHERE sb_text (old.original_text) IS NOT sb_text (new.original_text)
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'translation_km', sb_text (old.translation_km), sb_text (new.translation_km)
      WHERE sb_text (old.translation_km) IS NOT sb_text (new.translation_km)
    UNION ALL
    SELECT sb_now (), sb_operator (), 'message', new.id, 'translation_en', sb_text (old.translation_en), sb_text (new.translation_en)
      WHERE sb_text (old.translation_en) IS NOT sb_text (new.translation_en)
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

DROP TRIGGER message_search_update;
CREATE TRIGGER message_search_update AFTER UPDATE OF
  ref, sender_name, sender_city, original_text, translation_km, translation_en
ON messages
WHEN (old.ref IS NOT new.ref OR old.sender_name IS NOT new.sender_name
      OR old.sender_city IS NOT new.sender_city OR sb_text (old.original_text) IS NOT sb_text (new.original_text)
      OR sb_text (old.translation_km) IS NOT sb_text (new.translation_km)
      OR sb_text (old.translation_en) IS NOT sb_text (new.translation_en))
     AND NOT sb_fts_pending (old.rowid) BEGIN
  INSERT INTO message_search (message_search, rowid, pairs) VALUES ('delete', old.rowid,
    sb_pairs (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_chars (message_chars, rowid, chars) VALUES ('delete', old.rowid,
    sb_chars (sb_message_key (old.ref, old.sender_name, old.sender_city, old.original_text,
                              old.translation_km, old.translation_en)));
  INSERT INTO message_search (rowid, pairs) VALUES (new.rowid,
    sb_pairs (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
  INSERT INTO message_chars (rowid, chars) VALUES (new.rowid,
    sb_chars (sb_message_key (new.ref, new.sender_name, new.sender_city, new.original_text,
                              new.translation_km, new.translation_en)));
END;

-- Only the rows with a text that is not ASCII alone (more bytes than characters).
UPDATE messages
   SET original_text = sb_packed (original_text),
       translation_km = sb_packed (translation_km),
       translation_en = sb_packed (translation_en)
 WHERE length (CAST (original_text AS BLOB)) != length (original_text)
    OR length (CAST (translation_km AS BLOB)) != length (translation_km)
    OR length (CAST (translation_en AS BLOB)) != length (translation_en);
