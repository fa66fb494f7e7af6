-- Schema 6: the derived figures made again from the replicated tables, in bulk:
-- whom each message is for, its delivery day, the tallies. The migration from
-- schema 5 ends with this, as does a replica that received a snapshot.

BEGIN;
SELECT sb_set_bulk (1);

-- Whom each message is for, and the day its last copy was delivered once all
-- are. Copies are keyed by detainee: one pass per detainee, merged here.
DELETE FROM detainee_bits;
INSERT INTO detainee_bits (detainee_id, bit)
  SELECT id, row_number () OVER (ORDER BY position, id) - 1 FROM detainees LIMIT 63;
DELETE FROM message_facts;
INSERT INTO message_facts (message_rowid, addressees, delivered_on)
  SELECT m.rowid, sum (coalesce (1 << b.bit, 0)),
         CASE WHEN count (c.delivered_on) = count (*) THEN max (c.delivered_on) END
  FROM copies c JOIN messages m ON m.id = c.message_id
  LEFT JOIN detainee_bits b ON b.detainee_id = c.detainee_id
  GROUP BY m.rowid;

DELETE FROM tallies;
INSERT INTO tallies (kind, key, day, n)
  SELECT kind, key, day, count (*) FROM (
    SELECT 'received:' || status AS kind, X'' AS key, received_on AS day FROM messages
      WHERE status != 'deleted' AND duplicate_of IS NULL
    UNION ALL
    SELECT 'country', upper (sender_country), received_on FROM messages
      WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL
    UNION ALL
    SELECT 'office', coalesce (office_id, X''), received_on FROM messages
      WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL
    UNION ALL
    SELECT 'language', language, received_on FROM messages
      WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL
    UNION ALL
    SELECT 'delivered', X'', max (m.received_on, f.delivered_on)
      FROM message_facts f JOIN messages m ON m.rowid = f.message_rowid
      WHERE f.delivered_on IS NOT NULL AND m.status NOT IN ('deleted', 'held') AND m.duplicate_of IS NULL
    UNION ALL
    SELECT CASE WHEN m.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state,
           c.detainee_id, m.received_on
      FROM copies c JOIN messages m ON m.id = c.message_id
      WHERE m.status != 'deleted' AND m.duplicate_of IS NULL
    UNION ALL
    SELECT CASE WHEN m.status = 'held' THEN 'held-copies-delivered' ELSE 'copies-delivered' END,
           c.detainee_id, max (m.received_on, c.delivered_on)
      FROM copies c JOIN messages m ON m.id = c.message_id
      WHERE c.delivered_on IS NOT NULL AND m.status != 'deleted' AND m.duplicate_of IS NULL)
  GROUP BY kind, key, day;

SELECT sb_set_bulk (0);
COMMIT;
