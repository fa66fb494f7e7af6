-- Schema 11: the history's index of what each row is about holds 12 characters of
-- its id instead of the whole id (docs/schema-6.md, "What is built"). A copy's
-- history rows name it "message:detainee" (73 characters, schema 10) and a copy has
-- most of a message's rows, so the index held 1,121 bytes a message of the
-- generated campaign, a fifth of the file. The 12 characters are the random end of
-- the message's (or record's) UUID: v4 or v7, they tell about 2^48 records apart,
-- and a lookup checks the whole id on the few rows the index gives. Every lookup
-- writes the expression as here, and the id's own equality as "+entity_id = ?":
-- SQLite would otherwise put the value in the expression's place (constant
-- propagation) and read the whole table.

DROP INDEX history_entity;
CREATE INDEX history_entity ON history (substr (entity_id, 25, 12));
