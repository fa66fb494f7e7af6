-- Schema 2: milestones of the campaign (a launch, trial dates…) that the
-- coordinator enters, shown on the timeline infographic; an index that covers
-- the dashboard's counts of messages by day, country, office and language, so they
-- read the index rather than every message's text.

CREATE INDEX messages_breakdown
  ON messages (received_on, status, duplicate_of, sender_country, office_id, language);

CREATE TABLE milestones (
  id         TEXT PRIMARY KEY,
  day        TEXT NOT NULL CHECK (length (day) = 10),
  label_en   TEXT NOT NULL CHECK (length (label_en) > 0),
  label_km   TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (sb_now ())
);
CREATE INDEX milestones_day ON milestones (day);

CREATE TRIGGER milestones_history_insert AFTER INSERT ON milestones BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'milestone', new.id, '', NULL, new.day || ' ' || new.label_en);
END;
CREATE TRIGGER milestones_history_delete AFTER DELETE ON milestones BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    VALUES (sb_now (), sb_operator (), 'milestone', old.id, '', old.day || ' ' || old.label_en, NULL);
END;
CREATE TRIGGER milestones_history_update AFTER UPDATE ON milestones BEGIN
  INSERT INTO history (at, operator, entity, entity_id, field, before, after)
    SELECT sb_now (), sb_operator (), 'milestone', new.id, 'day', old.day, new.day
      WHERE old.day IS NOT new.day
    UNION ALL
    SELECT sb_now (), sb_operator (), 'milestone', new.id, 'label_en', old.label_en, new.label_en
      WHERE old.label_en IS NOT new.label_en
    UNION ALL
    SELECT sb_now (), sb_operator (), 'milestone', new.id, 'label_km', old.label_km, new.label_km
      WHERE old.label_km IS NOT new.label_km;
END;
