-- Schema 3: a new copy no longer rewrites its message. Schema 1 recomputed the
-- message's delivery day for every copy added, which rewrote the message row (and
-- ran its history trigger) even when nothing changed: most of the cost of
-- assigning messages in an import. A copy that is not delivered can only clear the
-- day, and only when one is set; a delivered copy still recomputes it.

DROP TRIGGER copies_delivery_insert;
CREATE TRIGGER copies_delivery_insert AFTER INSERT ON copies
WHEN new.delivered_on IS NOT NULL BEGIN
  UPDATE messages SET delivered_on = (
    SELECT CASE WHEN count(delivered_on) = count(*) THEN max(delivered_on) END
    FROM copies WHERE message_id = new.message_id)
  WHERE id = new.message_id;
END;
CREATE TRIGGER copies_pending_insert AFTER INSERT ON copies
WHEN new.delivered_on IS NULL BEGIN
  UPDATE messages SET delivered_on = NULL
  WHERE id = new.message_id AND delivered_on IS NOT NULL;
END;
