/* sb-store-changes-apply-run.c — a run of one office's new records applied in
 * one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Applying many changes in one pass". Each
 * sqlite3changeset_apply_v2 () prepares its statements for every table of its
 * changeset (the INSERT and DELETE of messages and copies with all their
 * triggers): applied one by one, a bundle of 10,000 typed messages (20,001
 * changes) spent most of its time preparing them. Consecutive changes of one
 * office that only add records this replica does not have cannot meet anything
 * here that the conflict rule (sb-store-changes-merge.c) would decide: their rows
 * are written into one changeset and applied at once, and everything else is
 * done change by change, in order, as sb-store-changes-apply.c does for one:
 * before the apply, each change's clock and the clocks and status writes of its
 * rows (_sb_merge_prepare ()); after it, the derived columns
 * (_sb_merge_finish ()), then its history and exchange_received.
 *
 * A change joins the run only when each of its rows is an INSERT into a table
 * without a rule of its own (not batches nor batch_items, where a copy's batch is
 * decided), of a key this replica does not hold and no earlier change of the run
 * inserts, referring only to records here or inserted before it by the run,
 * when it has every change it follows (its `seen`), and when its history
 * names no sender's field (an erasure is followed change by change). The rows are
 * written table by table, parents first (a copy after its message, as its
 * triggers read it), each table's rows in the order of the changes: the messages
 * get the same rowids, and each trigger sees what it would see one by one
 * (tests/test-exchange-runs.c compares both ways). Anything SQLite reports while
 * applying the run (a key taken by another rule, a missing record) undoes it, and
 * its changes are applied one by one, which decides or refuses as before.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-private.h"

/* Parents before children: the order the rows of a run are applied in. */
static const char *const run_tables[] = {
  "facilities", "detainees", "offices", "reasons", "milestones",
  "messages", "scans", "copies",
};

static const char *const sender_fields[] = {
  "sender_name", "sender_city", "sender_contact", "sender_erased",
};

/* A column of a table that refers to a record of another (PRAGMA foreign_key_list). */
typedef struct
{
  char *column;
  char *parent;
  char *parent_column;
} Reference;

static void
reference_free (Reference *reference)
{
  g_free (reference->column);
  g_free (reference->parent);
  g_free (reference->parent_column);
  g_free (reference);
}

typedef struct
{
  SbStore    *store;
  GHashTable *exists;     /* table, or "parent\x1fcolumn" → SELECT of one row (finalized) */
  GHashTable *references; /* table → GPtrArray of Reference */
  GHashTable *keys;       /* "table\x1fkey" inserted by the run so far */
  GString    *rows[G_N_ELEMENTS (run_tables)];   /* each table's rows, serialized */
  GByteArray *headers[G_N_ELEMENTS (run_tables)];
  gboolean    conflict;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->exists, g_hash_table_unref);
  g_clear_pointer (&run->references, g_hash_table_unref);
  g_clear_pointer (&run->keys, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (run_tables); i++)
    {
      if (run->rows[i] != NULL)
        g_string_free (run->rows[i], TRUE);
      run->rows[i] = NULL;
      g_clear_pointer (&run->headers[i], g_byte_array_unref);
    }
}

static int
table_index (const char *table)
{
  for (guint i = 0; table != NULL && i < G_N_ELEMENTS (run_tables); i++)
    if (strcmp (table, run_tables[i]) == 0)
      return (int) i;
  return -1;
}

/* SQLite's variable-length integer (sqlite3PutVarint), as changesets write them. */
static void
put_varint (GString *out,
            guint64  v)
{
  guint8 buf[10];
  int n = 0;

  if (v & (G_GUINT64_CONSTANT (0xff000000) << 32))
    {
      guint8 big[9];

      big[8] = (guint8) v;
      v >>= 8;
      for (int i = 7; i >= 0; i--)
        {
          big[i] = (guint8) ((v & 0x7f) | 0x80);
          v >>= 7;
        }
      g_string_append_len (out, (const char *) big, 9);
      return;
    }
  do
    {
      buf[n++] = (guint8) ((v & 0x7f) | 0x80);
      v >>= 7;
    }
  while (v != 0);
  buf[0] &= 0x7f;
  for (int i = n - 1; i >= 0; i--)
    g_string_append_c (out, (char) buf[i]);
}

static void
put_u64 (GString *out,
         guint64  v)
{
  for (int shift = 56; shift >= 0; shift -= 8)
    g_string_append_c (out, (char) ((v >> shift) & 0xff));
}

/* One value of a changeset record (sqlite3session.c, "Changeset format"). */
static void
put_value (GString       *out,
           sqlite3_value *value)
{
  int type = value != NULL ? sqlite3_value_type (value) : 0;

  g_string_append_c (out, (char) type);
  switch (type)
    {
    case SQLITE_INTEGER:
      put_u64 (out, (guint64) sqlite3_value_int64 (value));
      break;
    case SQLITE_FLOAT:
      {
        double d = sqlite3_value_double (value);
        guint64 bits;

        memcpy (&bits, &d, sizeof bits);
        put_u64 (out, bits);
      }
      break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
      {
        const void *bytes = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (value)
                                                : sqlite3_value_blob (value);
        int n = sqlite3_value_bytes (value);

        put_varint (out, (guint64) n);
        if (n > 0)
          g_string_append_len (out, bytes, n);
      }
      break;
    default:
      break;
    }
}

/* Does this replica hold the row the iterator inserts? */
static gboolean
row_exists (Run                     *run,
            sqlite3_changeset_iter  *iter,
            const char              *table,
            const char *const       *columns,
            int                      n_columns,
            const unsigned char     *pk_flags,
            gboolean                *exists)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (run->exists, table);
  int rc, n = 0;

  if (stmt == NULL)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM \"");

      g_string_append_printf (sql, "%s\" WHERE ", table);
      for (int i = 0; i < n_columns; i++)
        if (pk_flags[i])
          {
            g_string_append_printf (sql, "%s\"%s\" = ?%d", n > 0 ? " AND " : "", columns[i], n + 1);
            n++;
          }
      if (n == 0 ||
          sqlite3_prepare_v2 (_sb_store_get_db (run->store), sql->str, -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      g_hash_table_insert (run->exists, g_strdup (table), stmt);
    }
  sqlite3_reset (stmt);
  n = 0;
  for (int i = 0; i < n_columns; i++)
    if (pk_flags[i])
      {
        sqlite3_value *value = NULL;

        if (sqlite3changeset_new (iter, i, &value) != SQLITE_OK || value == NULL)
          return FALSE;
        sqlite3_bind_value (stmt, ++n, value);
      }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  *exists = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static GPtrArray *
references_of (Run        *run,
               const char *table)
{
  GPtrArray *references = g_hash_table_lookup (run->references, table);
  sqlite3_stmt *stmt = NULL;

  if (references != NULL)
    return references;
  references = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  if (sqlite3_prepare_v2 (_sb_store_get_db (run->store),
                          "SELECT \"from\", \"table\", \"to\", seq FROM pragma_foreign_key_list (?)",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Reference *reference = g_new0 (Reference, 1);

          reference->column = _sb_column_dup (stmt, 0);
          reference->parent = _sb_column_dup (stmt, 1);
          /* A key of several columns, or the parent's key unnamed: not known
           * here, so never found (the change is applied on its own). */
          reference->parent_column = sqlite3_column_type (stmt, 2) == SQLITE_NULL ||
                                     sqlite3_column_int (stmt, 3) > 0
                                     ? g_strdup ("") : _sb_column_dup (stmt, 2);
          g_ptr_array_add (references, reference);
        }
    }
  sqlite3_finalize (stmt);
  g_hash_table_insert (run->references, g_strdup (table), references);
  return references;
}

/* Is the record that @value of @reference names here, or inserted before by the
 * run (@keys: this change's rows so far)? One by one, a change that refers to a
 * record a later change inserts is refused (the foreign keys are checked at the
 * end of each change); in a run it would not be: such a change ends the run. */
static gboolean
reference_found (Run           *run,
                 GHashTable    *keys,
                 Reference     *reference,
                 sqlite3_value *value)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (value == NULL || sqlite3_value_type (value) == SQLITE_NULL)
    return TRUE;
  if (*reference->parent_column == '\0')
    return FALSE;
  key = g_strconcat (reference->parent, "\x1f", (const char *) sqlite3_value_text (value), NULL);
  if (g_hash_table_contains (run->keys, key) || g_hash_table_contains (keys, key))
    return TRUE;
  name = g_strconcat (reference->parent, "\x1f", reference->parent_column, NULL);
  stmt = g_hash_table_lookup (run->exists, name);
  if (stmt == NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE \"%s\" = ?1",
                                              reference->parent, reference->parent_column);

      if (sqlite3_prepare_v2 (_sb_store_get_db (run->store), sql, -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      g_hash_table_insert (run->exists, g_steal_pointer (&name), stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_bind_value (stmt, 1, value);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
steal_key (gpointer key,
           gpointer value,
           gpointer keys)
{
  g_hash_table_add (keys, key);
  return TRUE;
}

/* Adds @change's rows to the run if every one of them is a record new here;
 * otherwise leaves the run as it was and returns FALSE. */
static gboolean
take_rows (Run            *run,
           const SbChange *change)
{
  SbStore *self = run->store;
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (change->changeset, &size);
  sqlite3_changeset_iter *iter = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *rows[G_N_ELEMENTS (run_tables)] = { NULL };
  gboolean ok = TRUE;

  if (size == 0 || size > G_MAXINT || !_sb_store_changeset_is_whole (data, size) ||
      sqlite3changeset_start (&iter, (int) size, (void *) data) != SQLITE_OK)
    return FALSE;
  while (ok && sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table = NULL;
      int n_columns = 0, op = 0, indirect = 0, n_pk = 0;
      unsigned char *pk_flags = NULL;
      const char *const *columns;
      gboolean exists = TRUE;
      char *key;
      int t;

      sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
      sqlite3changeset_pk (iter, &pk_flags, &n_pk);
      t = table_index (table);
      if (op != SQLITE_INSERT || t < 0 ||
          (columns = _sb_store_changes_columns (self, table, n_columns)) == NULL ||
          !row_exists (run, iter, table, columns, n_columns, pk_flags, &exists) || exists)
        {
          ok = FALSE;
          break;
        }
      {
        g_autofree char *pk = _sb_store_changes_pk_text (iter, FALSE);

        key = g_strconcat (table, "\x1f", pk, NULL);
      }
      if (g_hash_table_contains (run->keys, key) || g_hash_table_contains (keys, key))
        {
          g_free (key);
          ok = FALSE;
          break;
        }
      g_hash_table_add (keys, key);
      {
        GPtrArray *references = references_of (run, table);

        for (guint r = 0; ok && r < references->len; r++)
          {
            Reference *reference = references->pdata[r];
            int i = -1;
            sqlite3_value *value = NULL;

            for (int c = 0; c < n_columns && i < 0; c++)
              if (strcmp (columns[c], reference->column) == 0)
                i = c;
            ok = i >= 0 && sqlite3changeset_new (iter, i, &value) == SQLITE_OK &&
                 reference_found (run, keys, reference, value);
          }
        if (!ok)
          break;
      }

      if (run->headers[t] == NULL)
        {
          run->headers[t] = g_byte_array_new ();
          g_byte_array_append (run->headers[t], (const guint8 *) "T", 1);
          {
            g_autoptr(GString) count = g_string_new (NULL);

            put_varint (count, (guint64) n_columns);
            g_byte_array_append (run->headers[t], (const guint8 *) count->str, count->len);
          }
          g_byte_array_append (run->headers[t], pk_flags, n_columns);
          g_byte_array_append (run->headers[t], (const guint8 *) table, strlen (table) + 1);
        }
      if (rows[t] == NULL)
        rows[t] = g_string_new (NULL);
      g_string_append_c (rows[t], (char) SQLITE_INSERT);
      g_string_append_c (rows[t], (char) (indirect != 0));
      for (int i = 0; i < n_columns; i++)
        {
          sqlite3_value *value = NULL;

          sqlite3changeset_new (iter, i, &value);
          put_value (rows[t], value);
        }
    }
  if (sqlite3changeset_finalize (iter) != SQLITE_OK)
    ok = FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (run_tables); t++)
    {
      if (rows[t] == NULL)
        continue;
      if (ok)
        {
          if (run->rows[t] == NULL)
            run->rows[t] = g_string_new (NULL);
          g_string_append_len (run->rows[t], rows[t]->str, rows[t]->len);
        }
      g_string_free (rows[t], TRUE);
    }
  if (!ok)
    {
      /* A header added for this change only is harmless: a table without rows
       * is not written (below). */
      return FALSE;
    }
  g_hash_table_foreach_steal (keys, steal_key, run->keys);
  return TRUE;
}

/* A change whose history names a sender's field: an erasure (or an edit that
 * may meet one) is followed change by change (sb-store-changes-erasure.c). */
static gboolean
names_sender (const SbChange *change)
{
  g_autoptr(GVariant) rows = NULL;
  const char *field;
  GVariantIter iter;

  if (change->history == NULL)
    return FALSE;
  rows = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a(sssssmsms)"),
                                                       change->history, FALSE));
  g_variant_iter_init (&iter, rows);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&sm&sm&s)", NULL, NULL, NULL, NULL, &field,
                              NULL, NULL))
    for (guint i = 0; i < G_N_ELEMENTS (sender_fields); i++)
      if (strcmp (field, sender_fields[i]) == 0)
        return TRUE;
  return FALSE;
}

static int
refuse_conflict (void                   *data,
                 int                     kind,
                 sqlite3_changeset_iter *iter)
{
  Run *run = data;

  run->conflict = TRUE;
  return SQLITE_CHANGESET_ABORT;
}

static GBytes *
run_changeset (Run *run)
{
  GByteArray *out = g_byte_array_new ();

  for (guint t = 0; t < G_N_ELEMENTS (run_tables); t++)
    if (run->rows[t] != NULL && run->rows[t]->len > 0)
      {
        g_byte_array_append (out, run->headers[t]->data, run->headers[t]->len);
        g_byte_array_append (out, (const guint8 *) run->rows[t]->str, run->rows[t]->len);
      }
  return g_byte_array_free_to_bytes (out);
}

/* Applies the @n changes from @changes[@from] in one pass; FALSE with
 * *@undone TRUE when SQLite found something and nothing was kept. */
static gboolean
apply_run (SbStore    *self,
           Run        *run,
           GPtrArray  *changes,
           guint       from,
           guint       n,
           gboolean   *undone,
           GError    **error)
{
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func ((GDestroyNotify) _sb_merge_free);
  g_autoptr(GBytes) combined = run_changeset (run);
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (combined, &size);
  gboolean ok = TRUE;
  int rc;

  *undone = FALSE;
  /* As sb-store-changes-apply.c's apply_one (): what this replica wrote outside
   * a transaction is logged first; then one savepoint for the run. */
  if (!sb_store_begin (self, error) || !sb_store_commit (self, error) ||
      !sb_store_begin (self, error))
    return FALSE;
  if (!_sb_store_changes_defer_foreign_keys (self, error))
    goto failed;
  for (guint k = from; k < from + n; k++)
    {
      SbMerge *merge = _sb_merge_prepare (self, changes->pdata[k], error);

      if (merge == NULL)
        goto failed;
      g_ptr_array_add (merges, merge);
    }
  sqlite3session_enable (self->changes->session, 0);
  self->changes->replaying = TRUE;
  run->conflict = FALSE;
  rc = sqlite3changeset_apply_v2 (self->db, (int) size, (void *) data,
                                  NULL, refuse_conflict, run, NULL, NULL, 0);
  if (rc == SQLITE_OK && !run->conflict)
    for (guint k = 0; ok && k < merges->len; k++)
      ok = _sb_merge_finish (merges->pdata[k], error);
  self->changes->replaying = FALSE;
  sqlite3session_enable (self->changes->session, 1);
  if (rc != SQLITE_OK || run->conflict)
    {
      g_debug ("A run of %u changes is applied one by one: %s", n,
               run->conflict ? "SQLite reported a conflict" : sqlite3_errstr (rc));
      sb_store_rollback (self);
      *undone = TRUE;
      return FALSE;
    }
  if (!ok)
    goto failed;
  for (guint k = from; k < from + n; k++)
    {
      const SbChange *change = changes->pdata[k];

      if ((change->history != NULL && !_sb_store_changes_insert_history (self, change->history, error)) ||
          !_sb_store_changes_mark_history (self, error) ||
          !_sb_store_changes_set_received (self, change->origin, change->seq, error))
        goto failed;
    }
  return sb_store_commit (self, error);

failed:
  sb_store_rollback (self);
  return FALSE;
}

/**
 * _sb_store_apply_run:
 * @changes: consecutive changes of one origin (sb_store_apply_changes ())
 * @from: the first one not applied yet
 * @n_run: (out): how many, from @from, make the run (0 or 1: none)
 * @combined: (out): whether they are applied (else the caller applies them
 *   one by one)
 *
 * Inside the caller's transaction.
 */
gboolean
_sb_store_apply_run (SbStore    *self,
                     GPtrArray  *changes,
                     guint       from,
                     guint      *n_run,
                     gboolean   *combined,
                     GError    **error)
{
  const SbChange *first = changes->pdata[from];
  Run run = { self, NULL, NULL, NULL, { NULL }, { NULL }, FALSE };
  gint64 held;
  guint n = 0;
  gboolean undone = FALSE;
  gboolean ok = TRUE;

  *n_run = 0;
  *combined = FALSE;
  if (first->origin == NULL || self->changes->session == NULL ||
      g_strcmp0 (first->origin, self->changes->replica_id) == 0 || from + 1 >= changes->len)
    return TRUE;
  held = sb_store_get_received_seq (self, first->origin);
  /* A bundle made in one transaction (an import) is one change: no run. */
  if (first->seq != held + 1 ||
      g_strcmp0 (((SbChange *) changes->pdata[from + 1])->origin, first->origin) != 0 ||
      ((SbChange *) changes->pdata[from + 1])->seq != held + 2)
    return TRUE;
  run.exists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) sqlite3_finalize);
  run.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  for (guint k = from; k < changes->len; k++)
    {
      const SbChange *change = changes->pdata[k];
      gint64 wanted = 0, have = 0;
      g_autofree char *behind = NULL;

      if (g_strcmp0 (change->origin, first->origin) != 0 || change->seq != held + 1 + (k - from) ||
          names_sender (change))
        break;
      behind = _sb_store_changes_missing (self, change->seen, &wanted, &have);
      if (behind != NULL || !take_rows (&run, change))
        break;
      n++;
    }
  if (n >= 2)
    {
      *n_run = n;
      ok = apply_run (self, &run, changes, from, n, &undone, error);
      *combined = ok;
      if (undone)
        ok = TRUE;
    }
  run_clear (&run);
  return ok;
}
