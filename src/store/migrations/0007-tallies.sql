-- Schema 7: the campaign's figures kept by day as the data changes, so that
-- nothing is counted when a campaign opens. "Today" is the sum of every day, "as of
-- D" the sum of the days up to D: one read of a table of a few thousand rows,
-- whatever the campaign's size (docs/schema-6.md, "Figures: tallies by day").
--
-- kind                     key          counted on the day
--   received:<status>      ''           a message received (any status but deleted)
--   country | office | language  the value  a message sent (received, not held)
--   delivered              ''           max (received, delivered_on): a message sent
--                                       whose copies are all delivered
--   copies:<state>         detainee     received: a copy of a message sent
--   held-copies:<state>    detainee     received: a copy of a held message (in the
--                                       totals by state, not in the detainee's)
--   copies-delivered       detainee     max (received, the copy's delivered_on)
--   held-copies-delivered  detainee     the same for held messages
--
-- A message counts when it is not deleted and not a duplicate of another: these
-- are the counting rules of docs/architecture.md, unchanged. A message's delivery
-- day is messages.delivered_on, which the copies' triggers keep (schema 1 and 3).
-- Rows whose n fell to 0 stay: they add nothing.
--
-- Derived data only: made again from the rows whatever was there before.

DROP TRIGGER IF EXISTS messages_tally_insert;
DROP TRIGGER IF EXISTS messages_tally_update;
DROP TRIGGER IF EXISTS messages_tally_delete;
DROP TRIGGER IF EXISTS copies_tally_day_insert;
DROP TRIGGER IF EXISTS copies_tally_day_delete;
DROP TRIGGER IF EXISTS copies_tally_day_update;
DROP TABLE IF EXISTS tallies;

CREATE TABLE tallies (
  kind TEXT NOT NULL,
  key  TEXT NOT NULL,
  day  TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (kind, key, day)
) WITHOUT ROWID;

-- A message's own figures, and its copies' when it starts or stops counting, is
-- held or released, or its day is corrected.
CREATE TRIGGER messages_tally_insert AFTER INSERT ON messages
WHEN new.status != 'deleted' AND new.duplicate_of IS NULL BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT 'received:' || new.status, '', new.received_on, 1
      UNION ALL SELECT 'country', upper (new.sender_country), new.received_on, 1
        WHERE new.status != 'held'
      UNION ALL SELECT 'office', coalesce (new.office_id, ''), new.received_on, 1
        WHERE new.status != 'held'
      UNION ALL SELECT 'language', new.language, new.received_on, 1
        WHERE new.status != 'held'
      UNION ALL SELECT 'delivered', '', max (new.received_on, new.delivered_on), 1
        WHERE new.status != 'held' AND new.delivered_on IS NOT NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER messages_tally_update AFTER UPDATE OF
  status, duplicate_of, received_on, sender_country, office_id, language, delivered_on
ON messages
WHEN old.status IS NOT new.status OR old.duplicate_of IS NOT new.duplicate_of
  OR old.received_on IS NOT new.received_on
  OR upper (old.sender_country) IS NOT upper (new.sender_country)
  OR old.office_id IS NOT new.office_id OR old.language IS NOT new.language
  OR old.delivered_on IS NOT new.delivered_on
BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT 'received:' || old.status, '', old.received_on, -1
        WHERE old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL SELECT 'country', upper (old.sender_country), old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'office', coalesce (old.office_id, ''), old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'language', old.language, old.received_on, -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
      UNION ALL SELECT 'delivered', '', max (old.received_on, old.delivered_on), -1
        WHERE old.status NOT IN ('deleted', 'held') AND old.duplicate_of IS NULL
          AND old.delivered_on IS NOT NULL
      UNION ALL SELECT 'received:' || new.status, '', new.received_on, 1
        WHERE new.status != 'deleted' AND new.duplicate_of IS NULL
      UNION ALL SELECT 'country', upper (new.sender_country), new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'office', coalesce (new.office_id, ''), new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'language', new.language, new.received_on, 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
      UNION ALL SELECT 'delivered', '', max (new.received_on, new.delivered_on), 1
        WHERE new.status NOT IN ('deleted', 'held') AND new.duplicate_of IS NULL
          AND new.delivered_on IS NOT NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT CASE WHEN old.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
             c.detainee_id, old.received_on, -1
        FROM copies c WHERE c.message_id = old.id
        AND old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN old.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             c.detainee_id, max (old.received_on, c.delivered_on), -1
        FROM copies c WHERE c.message_id = old.id AND c.delivered_on IS NOT NULL
        AND old.status != 'deleted' AND old.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN new.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
             c.detainee_id, new.received_on, 1
        FROM copies c WHERE c.message_id = new.id
        AND new.status != 'deleted' AND new.duplicate_of IS NULL
      UNION ALL
      SELECT CASE WHEN new.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
             c.detainee_id, max (new.received_on, c.delivered_on), 1
        FROM copies c WHERE c.message_id = new.id AND c.delivered_on IS NOT NULL
        AND new.status != 'deleted' AND new.duplicate_of IS NULL)
    WHERE ((old.status = 'deleted' OR old.duplicate_of IS NOT NULL)
           IS NOT (new.status = 'deleted' OR new.duplicate_of IS NOT NULL))
       OR ((old.status = 'held') IS NOT (new.status = 'held'))
       OR old.received_on IS NOT new.received_on
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- Sambot never deletes a message (it marks it deleted); another program might.
-- Its copies go first (ON DELETE CASCADE) and take their own figures with them.
CREATE TRIGGER messages_tally_delete AFTER DELETE ON messages
WHEN old.status != 'deleted' AND old.duplicate_of IS NULL BEGIN
  INSERT INTO tallies (kind, key, day, n)
    SELECT * FROM (
      SELECT 'received:' || old.status, '', old.received_on, -1
      UNION ALL SELECT 'country', upper (old.sender_country), old.received_on, -1
        WHERE old.status != 'held'
      UNION ALL SELECT 'office', coalesce (old.office_id, ''), old.received_on, -1
        WHERE old.status != 'held'
      UNION ALL SELECT 'language', old.language, old.received_on, -1
        WHERE old.status != 'held'
      UNION ALL SELECT 'delivered', '', max (old.received_on, old.delivered_on), -1
        WHERE old.status != 'held' AND old.delivered_on IS NOT NULL)
    WHERE true
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- A copy's figures: on its message's day, held or not, while the message counts.
CREATE TRIGGER copies_tally_day_insert AFTER INSERT ON copies BEGIN
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
END;

CREATE TRIGGER copies_tally_day_delete AFTER DELETE ON copies BEGIN
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
END;

CREATE TRIGGER copies_tally_day_update AFTER UPDATE OF
  state, delivered_on, detainee_id, message_id
ON copies
WHEN old.state IS NOT new.state OR old.delivered_on IS NOT new.delivered_on
  OR old.detainee_id IS NOT new.detainee_id OR old.message_id IS NOT new.message_id
BEGIN
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
END;

-- The figures of the campaign as it is now: every message and copy, once.
INSERT INTO tallies (kind, key, day, n)
  SELECT kind, key, day, count (*) FROM (
    SELECT 'received:' || status AS kind, '' AS key, received_on AS day
      FROM messages
      WHERE status != 'deleted' AND duplicate_of IS NULL
    UNION ALL
    SELECT 'country', upper (sender_country), received_on FROM messages
      WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL
    UNION ALL
    SELECT 'office', coalesce (office_id, ''), received_on FROM messages
      WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL
    UNION ALL
    SELECT 'language', language, received_on FROM messages
      WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL
    UNION ALL
    SELECT 'delivered', '', max (received_on, delivered_on) FROM messages
      WHERE delivered_on IS NOT NULL AND status NOT IN ('deleted', 'held') AND duplicate_of IS NULL
    UNION ALL
    SELECT CASE WHEN m.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
           c.detainee_id, m.received_on
      FROM copies c
      JOIN messages m ON m.id = c.message_id
      WHERE m.status != 'deleted' AND m.duplicate_of IS NULL
    UNION ALL
    SELECT CASE WHEN m.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
           c.detainee_id, max (m.received_on, c.delivered_on)
      FROM copies c
      JOIN messages m ON m.id = c.message_id
      WHERE c.delivered_on IS NOT NULL AND m.status != 'deleted' AND m.duplicate_of IS NULL)
  GROUP BY kind, key, day;

-- Schema 2's index served only the counting of the dashboard's breakdowns, which the
-- tallies now give: 52 bytes a message, and one more index to write per message.
DROP INDEX IF EXISTS messages_breakdown;
