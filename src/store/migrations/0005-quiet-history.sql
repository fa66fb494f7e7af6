-- Schema 5: a message's history trigger runs only when one of the fields it records
-- is written. Schema 1's ran for every update of a message row, and compared all
-- sixteen fields each time: also when a copy's delivery set the message's delivery
-- day, and when the senders' sort keys are made again after an ICU upgrade, which
-- change nothing the history records. The body is schema 1's, unchanged.

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
