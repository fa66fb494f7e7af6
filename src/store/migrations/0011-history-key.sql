-- Schema 11 gave the history's index of what each row is about 12 characters of its
-- id instead of the whole id: a copy's history rows name it "message:detainee" (73
-- characters, schema 10), and the index held 1,121 bytes a message of the generated
-- campaign, a fifth of the file.
--
-- Schema 12 (0012-history-entries.sql) replaces the table that index was on, and
-- every update now goes on to the newest schema, so no file stays at 11: the index
-- is only dropped here, not made again (making it took 1.3 of the 30 s that a
-- 100,000-message schema-5 file took to update; docs/schema-6.md).

DROP INDEX history_entity;
