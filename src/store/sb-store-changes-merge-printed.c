/* sb-store-changes-merge-printed.c — what a sealed batch printed stays as
 * printed, whatever order the offices' changes come in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts", the rules about batches. A field printed on a
 * sealed manifest (the fields its digest covers, docs/manifest-digest.md) keeps
 * the value it was sealed with. Every edit of those fields is kept here
 * (exchange_printed, with what its office had received: origin, number, `seen`;
 * and a first row for the value the field had before the first edit: its
 * insertion's, which every seal saw, or the one from before the exchange), and
 * every seal (exchange_seals). An edit that had not seen a seal of a batch
 * holding the message, and that the seal had not seen either, does not count; of
 * the others the latest clock wins, which is the value the sealing office
 * printed. The values that lose are listed (rule "printed"). The other rule
 * about batches, a copy put in a batch, is in sb-store-changes-merge-batched.c.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-merge-private.h"

/* What a sealed batch's digest covers of its messages (docs/manifest-digest.md);
 * the reference, the copy and the detainee are keys that no edit changes. */
static const char *const printed_columns[] = {
  "original_text", "translation_km", "language", "channel", "received_on",
};

typedef struct
{
  char          *clock;
  char          *origin;
  gint64         seq;
  char          *seen;
  sqlite3_value *value;
} Write;

static void
write_free (Write *write)
{
  g_free (write->clock);
  g_free (write->origin);
  g_free (write->seen);
  if (write->value != NULL)
    sqlite3_value_free (write->value);
  g_free (write);
}

void
_sb_merge_printed_free (SbMergePrinted *printed)
{
  g_free (printed->message_id);
  g_free (printed->column);
  sqlite3_value_free (printed->incoming);
  g_free (printed->clock);
  g_free (printed);
}

gboolean
_sb_merge_is_printed (const char *table,
                      const char *column)
{
  if (table == NULL || strcmp (table, "messages") != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (printed_columns); i++)
    if (strcmp (column, printed_columns[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Had the write @a received the write @b (or is it the same change)? */
static gboolean
knew (const Write *a,
      const Write *b)
{
  if (g_strcmp0 (a->origin, b->origin) == 0)
    return a->seq >= b->seq;
  return _sb_merge_seen_of (a->seen, b->origin) >= b->seq;
}

static gboolean
add_printed_write (SbStore        *self,
                   const char     *message_id,
                   const char     *column,
                   sqlite3_value  *old,
                   sqlite3_value  *value,
                   const char     *clock,
                   const char     *origin,
                   gint64          seq,
                   const char     *seen,
                   GError        **error)
{
  sqlite3_stmt *stmt;

  /* The value before the first edit kept: every office had it, since an office
   * receives an edit only after what its writer had received. */
  if (old != NULL)
    {
      stmt = _sb_store_prepare (self,
        "INSERT INTO exchange_printed (message_id, col, clock, value, origin, seq, seen) "
        "SELECT ?1, ?2, '', ?3, '', 0, '' WHERE NOT EXISTS (SELECT 1 FROM exchange_printed "
        "WHERE message_id = ?1 AND col = ?2)", error);
      if (stmt == NULL)
        return FALSE;
      _sb_bind_text (stmt, 1, message_id);
      _sb_bind_text (stmt, 2, column);
      sqlite3_bind_value (stmt, 3, old);
      if (!_sb_store_step_done (self, stmt, error))
        return FALSE;
    }
  stmt = _sb_store_prepare (self,
    "INSERT OR REPLACE INTO exchange_printed (message_id, col, clock, value, origin, seq, seen) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text (stmt, 2, column);
  _sb_bind_text (stmt, 3, clock != NULL ? clock : "");
  sqlite3_bind_value (stmt, 4, value);
  _sb_bind_text (stmt, 5, origin != NULL ? origin : "");
  sqlite3_bind_int64 (stmt, 6, seq);
  _sb_bind_text (stmt, 7, seen != NULL ? seen : "");
  return _sb_store_step_done (self, stmt, error);
}

/* A row of a change, local (at its commit) or incoming (before it is decided):
 * the printed fields of a message it writes, and the seal of a batch (its
 * digest written), kept with what the change's office had received. A batch
 * sealed is added to @sealed. */
gboolean
_sb_store_changes_note_write (SbStore                *self,
                              sqlite3_changeset_iter *iter,
                              const char             *table,
                              int                     op,
                              const char             *pk,
                              const char             *clock,
                              const char             *origin,
                              gint64                  seq,
                              const char             *seen,
                              GPtrArray              *sealed,
                              GError                **error)
{
  const char *const *columns;
  int n_columns = 0, op_again, indirect;
  const char *name;

  /* A message's insertion is not kept: every seal of it saw it (its copy is in
   * the batch), so it always counts, and it is the value before the first edit
   * kept, which an edit's old value gives. */
  if (op == SQLITE_DELETE || (op == SQLITE_INSERT && strcmp (table, "messages") == 0) ||
      (strcmp (table, "messages") != 0 && strcmp (table, "batches") != 0))
    return TRUE;
  sqlite3changeset_op (iter, &name, &n_columns, &op_again, &indirect);
  columns = _sb_store_changes_columns (self, table, n_columns);
  for (int i = 0; columns != NULL && i < n_columns; i++)
    {
      sqlite3_value *value = NULL;
      sqlite3_value *old = NULL;

      if (sqlite3changeset_new (iter, i, &value) != SQLITE_OK || value == NULL)
        continue;
      if (strcmp (table, "batches") == 0)
        {
          sqlite3_stmt *stmt;

          if (strcmp (columns[i], "digest") != 0 || sqlite3_value_type (value) == SQLITE_NULL)
            continue;
          /* Two offices sealed one draft: the first seal stands (its code and
           * digest, sb-store-changes-merge.c), and only its paper is kept true. */
          stmt = _sb_store_prepare (self,
            "INSERT INTO exchange_seals (batch_id, clock, origin, seq, seen) "
            "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (batch_id) DO UPDATE "
            "SET clock = ?2, origin = ?3, seq = ?4, seen = ?5 WHERE ?2 < clock", error);
          if (stmt == NULL)
            return FALSE;
          _sb_bind_text (stmt, 1, pk);
          _sb_bind_text (stmt, 2, clock != NULL ? clock : "");
          _sb_bind_text (stmt, 3, origin != NULL ? origin : "");
          sqlite3_bind_int64 (stmt, 4, seq);
          _sb_bind_text (stmt, 5, seen != NULL ? seen : "");
          if (!_sb_store_step_done (self, stmt, error))
            return FALSE;
          if (sealed != NULL)
            g_ptr_array_add (sealed, g_strdup (pk));
          continue;
        }
      if (!_sb_merge_is_printed (table, columns[i]))
        continue;
      sqlite3changeset_old (iter, i, &old);
      if (!add_printed_write (self, pk, columns[i], old, value, clock, origin, seq, seen, error))
        return FALSE;
    }
  return TRUE;
}

/* The seals of the batches that hold a copy of @message_id. */
static GPtrArray *
seals_of (SbStore     *self,
          const char  *message_id,
          GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "SELECT clock, origin, seq, seen FROM exchange_seals WHERE batch_id IN ("
    "  SELECT i.batch_id FROM detainees t CROSS JOIN batch_items i "
    "  ON i.detainee_id = t.id AND i.message_id = ?)", error);
  GPtrArray *seals;

  if (stmt == NULL)
    return NULL;
  seals = g_ptr_array_new_with_free_func ((GDestroyNotify) write_free);
  _sb_bind_text (stmt, 1, message_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Write *seal = g_new0 (Write, 1);

      seal->clock = _sb_column_dup (stmt, 0);
      seal->origin = _sb_column_dup (stmt, 1);
      seal->seq = sqlite3_column_int64 (stmt, 2);
      seal->seen = _sb_column_dup (stmt, 3);
      g_ptr_array_add (seals, seal);
    }
  sqlite3_reset (stmt);
  return seals;
}

/* Is @message_id in a sealed batch here? Then its printed fields are decided
 * after the apply, by _sb_merge_keep_printed(). */
gboolean
_sb_merge_message_sealed (SbMerge     *merge,
                          const char  *message_id,
                          gboolean    *sealed,
                          GError     **error)
{
  g_autoptr(GPtrArray) seals = seals_of (merge->store, message_id, error);

  *sealed = seals != NULL && seals->len > 0;
  return seals != NULL;
}

/* The value of @column that counts: of the writes that every seal of the
 * message's batches had seen or that had seen it, the latest. NULL when no
 * write is kept. */
static Write *
printed_winner (SbStore     *self,
                const char  *message_id,
                const char  *column,
                GPtrArray   *seals,
                GPtrArray   *writes)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "SELECT clock, origin, seq, seen, value FROM exchange_printed "
    "WHERE message_id = ? AND col = ? ORDER BY clock", NULL);
  Write *winner = NULL;

  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, message_id);
  _sb_bind_text (stmt, 2, column);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Write *write = g_new0 (Write, 1);
      gboolean counts = TRUE;

      write->clock = _sb_column_dup (stmt, 0);
      write->origin = _sb_column_dup (stmt, 1);
      write->seq = sqlite3_column_int64 (stmt, 2);
      write->seen = _sb_column_dup (stmt, 3);
      write->value = sqlite3_value_dup (sqlite3_column_value (stmt, 4));
      g_ptr_array_add (writes, write);
      for (guint i = 0; counts && i < seals->len; i++)
        counts = knew (seals->pdata[i], write) || knew (write, seals->pdata[i]);
      if (counts)
        winner = write;    /* by clock: the writes come oldest first */
    }
  sqlite3_reset (stmt);
  return winner;
}

/* The latest write of @value, for the list's "written by … when". */
static const char *
clock_of (GPtrArray     *writes,
          sqlite3_value *value)
{
  for (guint i = writes->len; i > 0; i--)
    if (_sb_merge_values_equal (((Write *) writes->pdata[i - 1])->value, value))
      return ((Write *) writes->pdata[i - 1])->clock;
  return "";
}

static gboolean
keep_printed_field (SbMerge     *merge,
                    const char  *message_id,
                    const char  *column,
                    GPtrArray   *seals,
                    GError     **error)
{
  SbStore *self = merge->store;
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func ((GDestroyNotify) write_free);
  Write *winner = printed_winner (self, message_id, column, seals, writes);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM messages WHERE id = ?", column);
  g_autofree char *update = g_strdup_printf ("UPDATE messages SET %s = ?1 WHERE id = ?2", column);
  sqlite3_value *current = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (winner == NULL)
    return TRUE;
  rc = sqlite3_prepare_v2 (_sb_store_get_db (self), select, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  _sb_bind_text (stmt, 1, message_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    current = sqlite3_value_dup (sqlite3_column_value (stmt, 0));
  sqlite3_finalize (stmt);
  if (current == NULL)
    return TRUE;

  if (!_sb_merge_values_equal (current, winner->value))
    {
      rc = sqlite3_prepare_v2 (_sb_store_get_db (self), update, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        ok = _sb_store_set_error (self, rc, error);
      else
        {
          sqlite3_bind_value (stmt, 1, winner->value);
          _sb_bind_text (stmt, 2, message_id);
          rc = sqlite3_step (stmt);
          sqlite3_finalize (stmt);
          ok = rc == SQLITE_DONE || _sb_store_set_error (self, rc, error);
        }
      ok = ok && _sb_merge_record_conflict (merge, "messages", message_id, column,
                                            _sb_merge_shown (merge, "messages", column, winner->value), winner->clock,
                                            _sb_merge_shown (merge, "messages", column, current), clock_of (writes, current),
                                            "printed", error);
    }
  /* The incoming value, when SQLite left it out and it lost too. */
  for (guint i = 0; ok && i < merge->printed->len; i++)
    {
      SbMergePrinted *printed = merge->printed->pdata[i];

      if (strcmp (printed->message_id, message_id) == 0 && strcmp (printed->column, column) == 0 &&
          !_sb_merge_values_equal (printed->incoming, winner->value) &&
          !_sb_merge_values_equal (printed->incoming, current))
        ok = _sb_merge_record_conflict (merge, "messages", message_id, column,
                                        _sb_merge_shown (merge, "messages", column, winner->value), winner->clock,
                                        _sb_merge_shown (merge, "messages", column, printed->incoming), printed->clock,
                                        "printed", error);
    }
  sqlite3_value_free (current);
  return ok;
}

/* After the apply: the printed fields of the messages the change wrote, or
 * whose batch it sealed, hold the values their seals printed. */
gboolean
_sb_merge_keep_printed (SbMerge  *merge,
                        GError  **error)
{
  SbStore *self = merge->store;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer id;

  for (guint i = 0; i < merge->printed->len; i++)
    g_hash_table_add (ids, g_strdup (((SbMergePrinted *) merge->printed->pdata[i])->message_id));
  for (guint i = 0; i < merge->sealed->len; i++)
    {
      sqlite3_stmt *stmt = _sb_store_prepare (self, "SELECT DISTINCT message_id FROM batch_items "
                                                    "WHERE batch_id = ?", error);

      if (stmt == NULL)
        return FALSE;
      _sb_bind_text (stmt, 1, merge->sealed->pdata[i]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (ids, _sb_column_dup (stmt, 0));
      sqlite3_reset (stmt);
    }
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_autoptr(GPtrArray) seals = seals_of (self, id, error);

      if (seals == NULL)
        return FALSE;
      for (guint k = 0; seals->len > 0 && k < G_N_ELEMENTS (printed_columns); k++)
        if (!keep_printed_field (merge, id, printed_columns[k], seals, error))
          return FALSE;
    }
  return TRUE;
}

/* An incoming edit of a printed field of a message in a sealed batch here: it
 * is decided after the apply, against the seals. */
void
_sb_merge_defer_printed (SbMerge       *merge,
                         const char    *message_id,
                         const char    *column,
                         sqlite3_value *incoming)
{
  SbMergePrinted *printed = g_new0 (SbMergePrinted, 1);

  printed->message_id = g_strdup (message_id);
  printed->column = g_strdup (column);
  printed->incoming = sqlite3_value_dup (incoming);
  printed->clock = g_strdup (merge->change->clock);
  g_ptr_array_add (merge->printed, printed);
}
