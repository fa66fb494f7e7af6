/* sb-store-changes-merge.c — two offices changed the same field: the later clock
 * wins on every replica, the other value is kept in the conflicts list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts". Before a change is applied, each row it touches
 * is read and each field it writes is decided by the clocks (exchange_clocks,
 * sb-store-changes-clock.c): the field the incoming change writes wins when its
 * clock is later than the clock that last wrote the field here. SQLite's apply
 * then runs (its conflict handler omits an update or insert of a row that differs,
 * deletes a row that differs, and passes over a row already gone), and afterwards
 * every decided field is set to its winner (sb-store-changes-merge-finish.c). So
 * the result of a field depends only on the clocks of the writes it has seen, not
 * on the order they came in. Domain rules come before the clock: a message's status
 * (sb-store-changes-merge-status.c), and the rules about batches
 * (sb-store-changes-merge-batched.c, sb-store-changes-merge-printed.c).
 *
 * A value that loses (here or incoming) and differs from the winner goes to the
 * local conflicts table and to the history (entity 'conflict'); neither is
 * shipped: each replica lists what it saw lose. Edits to a row that was deleted
 * are dropped and listed the same way ("a deleted record stays deleted").
 * Columns that follow from others (a message's delivery day and sender sort key)
 * are not decided: they are made again from the rows once the change is in.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-merge-private.h"


static void
fixup_free (Fixup *fixup)
{
  g_free (fixup->table);
  g_free (fixup->column);
  sqlite3_value_free (fixup->value);
  g_ptr_array_unref (fixup->pk);
  g_strfreev (fixup->pk_names);
  g_free (fixup);
}

void
_sb_merge_free (SbMerge *merge)
{
  if (merge == NULL)
    return;
  g_ptr_array_unref (merge->fixups);
  g_ptr_array_unref (merge->forget);
  g_hash_table_unref (merge->messages);
  g_hash_table_unref (merge->copies);
  g_hash_table_unref (merge->selects);
  g_hash_table_unref (merge->batched);
  g_ptr_array_unref (merge->printed);
  g_ptr_array_unref (merge->sealed);
  g_ptr_array_unref (merge->restore);
  g_ptr_array_unref (merge->shown);
  g_free (merge);
}

gboolean
_sb_merge_values_equal (sqlite3_value *a,
                        sqlite3_value *b)
{
  int type;

  if (a == NULL || b == NULL)
    return a == b;
  type = sqlite3_value_type (a);
  if (type != sqlite3_value_type (b))
    return FALSE;
  switch (type)
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    default:
      {
        int n = sqlite3_value_bytes (a);

        return n == sqlite3_value_bytes (b) &&
               (n == 0 || memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), n) == 0);
      }
    }
}

static gboolean
is_replicated (const char *table)
{
  static const char *const tables[] = {
    "facilities", "detainees", "offices", "reasons", "milestones",
    "messages", "scans", "copies", "batches", "batch_items",
  };

  for (guint i = 0; table != NULL && i < G_N_ELEMENTS (tables); i++)
    if (strcmp (table, tables[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Made again from the rows after the change, never decided by clocks. */
static gboolean
is_derived (const char *table,
            const char *column)
{
  return strcmp (table, "messages") == 0 &&
         (strcmp (column, "delivered_on") == 0 || strcmp (column, "sender_sort_key") == 0);
}

/* A field whose losing value is not worth a person's review: the moment of the
 * last edit follows the clock and is not listed. */
static gboolean
is_listed (const char *table,
           const char *column)
{
  return strcmp (column, "updated_at") != 0;
}

char *
_sb_merge_quote (const char *name)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = g_strsplit (name, "\"", -1);

  escaped = g_strjoinv ("\"\"", parts);
  return g_strdup_printf ("\"%s\"", escaped);
}

char *
_sb_merge_where_pk (const char *const *names,
                    int                first)
{
  GString *sql = g_string_new (" WHERE ");

  for (int i = 0; names[i] != NULL; i++)
    {
      g_autofree char *q = _sb_merge_quote (names[i]);

      g_string_append_printf (sql, "%s%s = ?%d", i > 0 ? " AND " : "", q, first + i);
    }
  return g_string_free (sql, FALSE);
}

static sqlite3_stmt *
select_row (SbMerge            *merge,
            const char         *table,
            const char *const  *pk_names)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (merge->selects, table);

  if (stmt == NULL)
    {
      g_autofree char *q = _sb_merge_quote (table);
      g_autofree char *where = _sb_merge_where_pk (pk_names, 1);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s%s", q, where);

      if (sqlite3_prepare_v2 (_sb_store_get_db (merge->store), sql, -1, &stmt, NULL) != SQLITE_OK)
        return NULL;
      g_hash_table_insert (merge->selects, g_strdup (table), stmt);
    }
  sqlite3_reset (stmt);
  return stmt;
}

typedef struct
{
  char   *clock;
  gint64  seq;
  char   *seen;
} FieldClock;

/* The clock that last wrote the field here: its own, else its row's. */
static gboolean
field_clock (SbStore     *self,
             const char  *table,
             const char  *pk,
             const char  *column,
             FieldClock  *out)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "SELECT clock, seq, seen FROM exchange_clocks WHERE tbl = ? AND pk = ? AND col IN (?, '') "
    "ORDER BY col DESC LIMIT 1", NULL);
  gboolean found = FALSE;

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, table);
  _sb_bind_text (stmt, 2, pk);
  _sb_bind_text (stmt, 3, column);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      out->clock = _sb_column_dup (stmt, 0);
      out->seq = sqlite3_column_int64 (stmt, 1);
      out->seen = _sb_column_dup_or_null (stmt, 2);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

const char *
_sb_merge_text (sqlite3_value *value)
{
  return value != NULL && sqlite3_value_type (value) != SQLITE_NULL
         ? (const char *) sqlite3_value_text (value) : NULL;
}

/* A value as a person reads it: a message's text unpacked (sb-store-texts.c). */
const char *
_sb_merge_shown (SbMerge       *merge,
                 const char    *table,
                 const char    *column,
                 sqlite3_value *value)
{
  if (value == NULL || sqlite3_value_type (value) != SQLITE_BLOB ||
      !_sb_store_is_packed_column (table, column))
    return _sb_merge_text (value);
  g_ptr_array_add (merge->shown, _sb_value_message_text (value));
  return g_ptr_array_index (merge->shown, merge->shown->len - 1);
}

/* A value lost: listed, and written to the history as the field's before → after. */
gboolean
_sb_merge_record_conflict (SbMerge        *merge,
                           const char     *table,
                           const char     *pk,
                           const char     *column,
                           const char     *kept,
                           const char     *kept_clock,
                           const char     *other,
                           const char     *other_clock,
                           const char     *rule,
                           GError        **error)
{
  SbStore *self = merge->store;
  sqlite3_stmt *stmt;

  if (!is_listed (table, column))
    return TRUE;
  stmt = _sb_store_prepare (self,
    "INSERT INTO conflicts (at, tbl, row_id, field, kept, kept_clock, other, other_clock, rule) "
    "VALUES (sb_now (), ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, table);
  _sb_bind_text (stmt, 2, pk);
  _sb_bind_text (stmt, 3, column);
  sqlite3_bind_text (stmt, 4, kept, -1, SQLITE_TRANSIENT);
  _sb_bind_text (stmt, 5, kept_clock != NULL ? kept_clock : "");
  sqlite3_bind_text (stmt, 6, other, -1, SQLITE_TRANSIENT);
  _sb_bind_text (stmt, 7, other_clock != NULL ? other_clock : "");
  _sb_bind_text (stmt, 8, rule);
  if (!_sb_store_step_done (self, stmt, error))
    return FALSE;
  /* The sender's name, city and contact lost are kept in the conflicts list only:
   * erasing the sender empties them there (sb_store_erase_sender()), and the
   * history may be rewritten only for a message's own rows (migration 0006). */
  if (strcmp (table, "messages") == 0 &&
      (strcmp (column, "sender_name") == 0 || strcmp (column, "sender_city") == 0 ||
       strcmp (column, "sender_contact") == 0))
    return TRUE;
  stmt = _sb_store_prepare (self,
    "INSERT INTO history (at, operator, entity, entity_id, field, before, after) "
    "VALUES (sb_now (), sb_operator (), 'conflict', ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, pk);
  _sb_bind_text (stmt, 2, column);
  sqlite3_bind_text (stmt, 3, other, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kept, -1, SQLITE_TRANSIENT);
  return _sb_store_step_done (self, stmt, error);
}

void
_sb_merge_add_fixup (SbMerge            *merge,
           const char         *table,
           const char         *column,
           sqlite3_value      *value,
           GPtrArray          *pk,
           const char *const  *pk_names)
{
  Fixup *fixup = g_new0 (Fixup, 1);

  fixup->table = g_strdup (table);
  fixup->column = g_strdup (column);
  fixup->value = sqlite3_value_dup (value);
  fixup->pk = g_ptr_array_ref (pk);
  fixup->pk_names = g_strdupv ((GStrv) pk_names);
  g_ptr_array_add (merge->fixups, fixup);
}

/* What a change's @seen ("origin=seq;…") says it had received from @origin. */
gint64
_sb_merge_seen_of (const char *seen,
                   const char *origin)
{
  g_autofree char *key = g_strdup_printf ("%s=", origin);
  const char *at = seen != NULL && *origin != '\0' ? strstr (seen, key) : NULL;

  return at != NULL ? g_ascii_strtoll (at + strlen (key), NULL, 10) : 0;
}

/* Had the incoming change's office received the change stamped @clock
 * ("WWWWWWWWWWWWW.CCCCCC.replica-id", sb-store-changes-clock.c), numbered @seq by
 * the replica that wrote it? A clock with no replica (a row from before clocks)
 * counts as received. */
gboolean
_sb_merge_saw (const SbChange *change,
               const char     *clock,
               gint64          seq)
{
  const char *origin = clock != NULL ? strchr (clock, '.') : NULL;

  origin = origin != NULL ? strchr (origin + 1, '.') : NULL;
  if (origin == NULL)
    return TRUE;
  origin++;
  return strcmp (origin, change->origin) == 0 ? change->seq >= seq
                                              : _sb_merge_seen_of (change->seen, origin) >= seq;
}

static void
touch_message (SbMerge       *merge,
               sqlite3_value *id)
{
  const char *text = _sb_merge_text (id);

  if (text != NULL)
    g_hash_table_add (merge->messages, g_strdup (text));
}

static int
column_index (const char *const *columns,
              const char        *name)
{
  for (int i = 0; columns[i] != NULL; i++)
    if (strcmp (columns[i], name) == 0)
      return i;
  return -1;
}

/* Does the incoming value of @column win over the one here? */
static gboolean
incoming_wins (SbMerge          *merge,
               const char       *table,
               const char       *column,
               sqlite3_value    *current,
               sqlite3_value    *incoming,
               const FieldClock *local,
               const char      **rule)
{
  const SbChange *change = merge->change;
  const char *in_clock = change->clock != NULL ? change->clock : "";
  gboolean wins;

  *rule = "clock";
  if (strcmp (table, "batches") == 0 &&
      _sb_merge_batch_field_rule (column, current, incoming, in_clock, local->clock, &wins, rule))
    return wins;
  if (local->clock == NULL)
    return TRUE;
  return strcmp (in_clock, local->clock) > 0;
}

/* One row of the incoming change, read against the row here. */
static gboolean
decide_row (SbMerge                 *merge,
            sqlite3_changeset_iter  *iter,
            GError                 **error)
{
  SbStore *self = merge->store;
  const SbChange *change = merge->change;
  const char *table;
  int n_columns, op, indirect;
  unsigned char *pk_flags = NULL;
  const char *const *columns;
  g_autoptr(GPtrArray) pk = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);
  g_autoptr(GStrvBuilder) pk_builder = g_strv_builder_new ();
  g_auto(GStrv) pk_names = NULL;
  g_autofree char *pk_text = NULL;
  sqlite3_stmt *stmt;
  gboolean exists;
  gboolean sealed = FALSE;
  int n_pk = 0;

  sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
  if (!is_replicated (table) ||
      (columns = _sb_store_changes_columns (self, table, n_columns)) == NULL)
    return TRUE;    /* not a table offices share: the apply refuses it */
  sqlite3changeset_pk (iter, &pk_flags, &n_pk);
  for (int i = 0; i < n_columns; i++)
    if (pk_flags[i])
      {
        sqlite3_value *value = NULL;

        if (op == SQLITE_INSERT)
          sqlite3changeset_new (iter, i, &value);
        else
          sqlite3changeset_old (iter, i, &value);
        if (value == NULL)
          return TRUE;
        g_ptr_array_add (pk, sqlite3_value_dup (value));
        g_strv_builder_add (pk_builder, columns[i]);
      }
  pk_names = g_strv_builder_end (pk_builder);
  if (pk->len == 0 || (stmt = select_row (merge, table, (const char *const *) pk_names)) == NULL)
    return TRUE;
  pk_text = _sb_store_changes_pk_text (iter, op != SQLITE_INSERT);
  for (guint i = 0; i < pk->len; i++)
    sqlite3_bind_value (stmt, i + 1, pk->pdata[i]);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  /* Kept for the rule about printed fields (sb-store-changes-merge-printed.c). */
  if (!_sb_store_changes_note_write (self, iter, table, op, pk_text, change->clock, change->origin,
                                     change->seq, change->seen, merge->sealed, error) ||
      (strcmp (table, "messages") == 0 && exists &&
       !_sb_merge_message_sealed (merge, pk_text, &sealed, error)))
    return FALSE;

  if (strcmp (table, "messages") == 0)
    touch_message (merge, pk->pdata[0]);
  else if (strcmp (table, "copies") == 0)
    {
      int i = column_index (columns, "message_id");
      sqlite3_value *id = NULL;

      if (i >= 0 && op == SQLITE_INSERT)
        sqlite3changeset_new (iter, i, &id);
      else if (i >= 0 && op == SQLITE_DELETE)
        sqlite3changeset_old (iter, i, &id);
      else if (i >= 0 && exists)
        id = sqlite3_column_value (stmt, i);
      touch_message (merge, id);
    }

  /* A copy is named by its key as text (schema 10): detainee, U+001F, message. */
  if (strcmp (table, "batch_items") == 0 && op == SQLITE_INSERT)
    {
      int d = column_index (columns, "detainee_id");
      int m = column_index (columns, "message_id");
      sqlite3_value *detainee = NULL;
      sqlite3_value *message = NULL;

      if (d >= 0 && m >= 0 && sqlite3changeset_new (iter, d, &detainee) == SQLITE_OK &&
          sqlite3changeset_new (iter, m, &message) == SQLITE_OK &&
          _sb_merge_text (detainee) != NULL && _sb_merge_text (message) != NULL)
        g_hash_table_add (merge->copies, g_strconcat (_sb_merge_text (detainee), "\x1f",
                                                      _sb_merge_text (message), NULL));
    }
  else if (strcmp (table, "batches") == 0 && op == SQLITE_UPDATE && exists)
    {
      /* A batch sealed (or further): its copies may be in a draft elsewhere. */
      sqlite3_stmt *items = _sb_store_prepare (self, "SELECT detainee_id || char (31) || message_id "
                                               "FROM batch_items WHERE batch_id = ?", error);

      if (items == NULL)
        return FALSE;
      _sb_bind_text (items, 1, pk_text);
      while (sqlite3_step (items) == SQLITE_ROW)
        g_hash_table_add (merge->copies, _sb_column_dup (items, 0));
      sqlite3_reset (items);
    }

  if (op == SQLITE_DELETE)
    {
      if (exists && strcmp (table, "copies") == 0)
        {
          g_autofree char *unseen_add = _sb_merge_unseen_add (merge, table, pk_text);
          gboolean stays = FALSE;

          if (!_sb_merge_deleted_copy_stays (merge, pk_text, unseen_add, &stays, error))
            return FALSE;
          if (stays)
            return TRUE;
          if (!_sb_merge_keep_deleted_copy (self, iter, change->clock, change->seq, error))
            return FALSE;
        }
      if (exists)
        for (int i = 0; i < n_columns; i++)
          {
            sqlite3_value *old = NULL;
            sqlite3_value *current = sqlite3_column_value (stmt, i);

            sqlite3changeset_old (iter, i, &old);
            if (!pk_flags[i] && !is_derived (table, columns[i]) && old != NULL &&
                !_sb_merge_values_equal (old, current) &&
                !_sb_merge_record_conflict (merge, table, pk_text, columns[i], NULL, change->clock,
                                  _sb_merge_text (current), "", "deleted", error))
              return FALSE;
          }
      g_ptr_array_add (merge->forget, g_strdup_printf ("%s\x1f%s", table, pk_text));
      return TRUE;
    }
  /* An add of a copy: a deletion here that its office had not seen is set aside
   * and listed, whether the copy is here again (added back meanwhile) or not. */
  if (op == SQLITE_INSERT && strcmp (table, "copies") == 0 &&
      !_sb_merge_note_readded (merge, pk_text, error))
    return FALSE;
  /* A copy another office added too, before hearing of this one: its add is kept
   * for a later deletion to be weighed against (_sb_merge_unseen_add ()). */
  if (op == SQLITE_INSERT && exists && strcmp (table, "copies") == 0)
    {
      g_autofree char *col = g_strconcat ("+", change->origin, NULL);

      if (!_sb_store_changes_set_clock (self, table, pk_text, col, change->clock, change->seq,
                                        change->seen, error))
        return FALSE;
    }
  if (strcmp (table, "messages") == 0)
    {
      int i = column_index (columns, "status");
      sqlite3_value *value = NULL;

      if (i >= 0 && sqlite3changeset_new (iter, i, &value) == SQLITE_OK && value != NULL &&
          !_sb_store_changes_add_status (self, pk_text, _sb_merge_text (value), change->clock,
                                         change->origin, change->seq, change->seen, error))
        return FALSE;
    }
  if (!exists)
    {
      if (op == SQLITE_INSERT)
        return _sb_store_changes_forget_row (self, table, pk_text, error) &&
               _sb_store_changes_set_clock (self, table, pk_text, "", change->clock, change->seq,
                                            change->seen, error);
      /* An edit of a row deleted here: the deletion stands, the edit is listed. */
      for (int i = 0; i < n_columns; i++)
        {
          sqlite3_value *value = NULL;

          if (!pk_flags[i] && !is_derived (table, columns[i]) &&
              sqlite3changeset_new (iter, i, &value) == SQLITE_OK && value != NULL &&
              !_sb_merge_record_conflict (merge, table, pk_text, columns[i], NULL, "", _sb_merge_text (value),
                                change->clock, "deleted", error))
            return FALSE;
        }
      return TRUE;
    }

  for (int i = 0; i < n_columns; i++)
    {
      sqlite3_value *value = NULL;
      sqlite3_value *old = NULL;
      sqlite3_value *current = sqlite3_column_value (stmt, i);
      FieldClock local;
      const char *rule = "clock";
      gboolean wins, same;

      if (pk_flags[i] || is_derived (table, columns[i]) ||
          sqlite3changeset_new (iter, i, &value) != SQLITE_OK || value == NULL)
        continue;
      if (op == SQLITE_UPDATE)
        sqlite3changeset_old (iter, i, &old);
      if (strcmp (table, "messages") == 0 && strcmp (columns[i], "status") == 0)
        {
          if (!_sb_merge_decide_status (merge, pk_text, current, value, old, pk, (const char *const *) pk_names, error))
            return FALSE;
          continue;
        }
      if (sealed && _sb_merge_is_printed (table, columns[i]))
        {
          _sb_merge_defer_printed (merge, pk_text, columns[i], value);
          continue;
        }
      field_clock (self, table, pk_text, columns[i], &local);
      wins = incoming_wins (merge, table, columns[i], current, value, &local, &rule);
      if (!_sb_merge_copy_state_rule (merge, table, pk_text, columns[i], current, value, &wins,
                                      &rule, error))
        goto failed;
      same = _sb_merge_values_equal (current, value);
      if (wins)
        {
          if (!_sb_store_changes_set_clock (self, table, pk_text, columns[i], change->clock,
                                            change->seq, change->seen, error))
            goto failed;
          if (!same)
            _sb_merge_add_fixup (merge, table, columns[i], value, pk, (const char *const *) pk_names);
          /* The value here lost only if the incoming change had not seen it. */
          if (!same && (old == NULL || !_sb_merge_values_equal (old, current)) &&
              !_sb_merge_record_conflict (merge, table, pk_text, columns[i],
                                         _sb_merge_shown (merge, table, columns[i], value), change->clock,
                                         _sb_merge_shown (merge, table, columns[i], current), local.clock,
                                         rule, error))
            goto failed;
        }
      else if (!same)
        {
          _sb_merge_add_fixup (merge, table, columns[i], current, pk, (const char *const *) pk_names);
          if (!_sb_merge_record_conflict (merge, table, pk_text, columns[i],
                                          _sb_merge_shown (merge, table, columns[i], current), local.clock,
                                          _sb_merge_shown (merge, table, columns[i], value), change->clock,
                                          rule, error))
            goto failed;
        }
      g_free (local.clock);
      g_free (local.seen);
      continue;

    failed:
      g_free (local.clock);
      g_free (local.seen);
      return FALSE;
    }
  return TRUE;
}

/* Before SQLite applies @change: every row it touches is decided. */
SbMerge *
_sb_merge_prepare (SbStore        *self,
                   const SbChange *change,
                   GError        **error)
{
  SbMerge *merge = g_new0 (SbMerge, 1);
  sqlite3_changeset_iter *iter = NULL;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (change->changeset, &size);
  g_autofree char *clock = NULL;
  gboolean ok = TRUE;
  int rc;

  merge->store = self;
  merge->change = change;
  merge->fixups = g_ptr_array_new_with_free_func ((GDestroyNotify) fixup_free);
  merge->forget = g_ptr_array_new_with_free_func (g_free);
  merge->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge->copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge->selects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) sqlite3_finalize);
  merge->batched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge->printed = g_ptr_array_new_with_free_func ((GDestroyNotify) _sb_merge_printed_free);
  merge->sealed = g_ptr_array_new_with_free_func (g_free);
  merge->restore = g_ptr_array_new_with_free_func (g_free);
  merge->shown = g_ptr_array_new_with_free_func (g_free);
  /* Receiving moves this replica's clock past the change's. */
  clock = _sb_store_changes_tick (self, change->clock, error);
  if (clock == NULL)
    goto failed;
  if (size == 0 || size > G_MAXINT)
    return merge;
  if (!_sb_merge_note_batched (merge, error))
    goto failed;
  rc = sqlite3changeset_start (&iter, (int) size, (void *) data);
  if (rc != SQLITE_OK)
    return merge;   /* damaged: the apply says so */
  while (ok && sqlite3changeset_next (iter) == SQLITE_ROW)
    ok = decide_row (merge, iter, error);
  sqlite3changeset_finalize (iter);
  if (ok)
    return merge;

failed:
  _sb_merge_free (merge);
  return NULL;
}

/* SQLite's conflict handler: the fields are decided already; the row is left
 * for _sb_merge_finish(), a differing row deleted, a missing one passed over.
 * Anything else (a broken rule) is refused. */
int
_sb_merge_on_conflict (SbMerge                *merge,
                       int                     kind,
                       sqlite3_changeset_iter *iter)
{
  const char *table = NULL;
  int n_columns, op, indirect;

  sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
  switch (kind)
    {
    case SQLITE_CHANGESET_DATA:
      return op == SQLITE_DELETE ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT;
    case SQLITE_CHANGESET_NOTFOUND:
    case SQLITE_CHANGESET_CONFLICT:
      return SQLITE_CHANGESET_OMIT;
    case SQLITE_CHANGESET_FOREIGN_KEY:
      /* A copy in a batch here that the change deleted comes back in
       * _sb_merge_finish(); the transaction's own check at COMMIT still refuses
       * any other broken reference. */
      return merge->restore->len > 0 ? SQLITE_CHANGESET_OMIT : SQLITE_CHANGESET_ABORT;
    default:
      return SQLITE_CHANGESET_ABORT;
    }
}
