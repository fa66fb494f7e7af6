-- Schema 9: the message list's filters read an index each (docs/schema-6.md, "The
-- message list"; src/store/sb-store-message-filters.c). Without them the channel
-- and the "needs translation" filters read every message's row, texts included:
-- about a second at a million messages each time the campaign has changed. Each
-- index entry ends in the rowid, which is all the list reads from it. About 40
-- bytes a message in all; the office and translation indexes hold only the
-- messages that have an office or wait for a translation.

CREATE INDEX messages_channel ON messages (channel);
CREATE INDEX messages_language ON messages (language);
CREATE INDEX messages_office ON messages (office_id) WHERE office_id IS NOT NULL;
-- The same condition as the filter's (sb-store-message-filters.c), word for word:
-- SQLite uses a partial index only for a query that implies its WHERE.
CREATE INDEX messages_needs_translation ON messages (language)
  WHERE language NOT IN ('km', '') AND translation_km = '';
