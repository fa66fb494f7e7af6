-- Schema 6: the right to erasure. A sender may ask the campaign to forget them:
-- their name, city and contact are emptied, and the history's past values of those
-- three fields of that message are replaced by the marker '[erased]'.
--
-- The history stays append-only otherwise. Schema 1's trigger refused every UPDATE;
-- this one refuses every UPDATE but that one: while the application says it is
-- erasing that message's sender (sb_erasing (id), true only inside
-- sb_store_erase_sender (), src/store/sb-store-erasure.c), a row of that message
-- about its sender's name, city or contact may have its before and after values
-- replaced by the marker, and nothing else of any row may change. DELETE stays
-- refused. Outside Sambot (the sqlite3 shell) sb_erasing () does not exist and every
-- UPDATE fails.

DROP TRIGGER history_no_update;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
WHEN NOT (sb_erasing (old.entity_id)
          AND old.entity = 'message'
          AND old.field IN ('sender_name', 'sender_city', 'sender_contact')
          AND new.id IS old.id AND new.at IS old.at AND new.operator IS old.operator
          AND new.entity IS old.entity AND new.entity_id IS old.entity_id
          AND new.field IS old.field
          AND (new.before IS old.before OR new.before = '[erased]')
          AND (new.after IS old.after OR new.after = '[erased]'))
BEGIN
  SELECT RAISE (ABORT, 'history is append-only');
END;
