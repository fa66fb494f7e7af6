/* sb-store-changes-apply.c — another replica's change, applied once, in order, in
 * one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Applying". A change is applied only when it is the next one
 * of its origin; one already held is skipped, a later one is refused until the
 * missing ones come. Rows that are already as the change leaves them (the
 * receiver's own triggers set a message's delivery day before the shipped value
 * arrives) are left alone; any other difference, a broken rule or a table outside
 * the replicated ones refuses the whole change and leaves the replica as it was.
 * Conflicts between offices (docs/exchange.md, "Conflicts") are not resolved yet:
 * they refuse the change too.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sb-store-changes-private.h"

typedef struct
{
  char *table;        /* the first table refused or in conflict */
  int   kind;         /* its SQLITE_CHANGESET_* conflict, or 0 for a table refused */
} ApplyState;

static const char *const applied_tables[] = {
  "facilities", "detainees", "offices", "reasons", "milestones",
  "messages", "scans", "copies", "batches", "batch_items",
};

static int
filter_table (void       *data,
              const char *table)
{
  ApplyState *state = data;

  for (guint i = 0; i < G_N_ELEMENTS (applied_tables); i++)
    if (strcmp (table, applied_tables[i]) == 0)
      return 1;
  if (state->table == NULL)
    state->table = g_strdup (table);
  return 0;
}

static gboolean
values_equal (sqlite3_value *a,
              sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

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
               memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), n) == 0;
      }
    }
}

/* Is the row already what the change makes of it? */
static gboolean
already_applied (sqlite3_changeset_iter *iter)
{
  const char *table;
  int n_columns, op, indirect;

  if (sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect) != SQLITE_OK ||
      op == SQLITE_DELETE)
    return FALSE;
  for (int i = 0; i < n_columns; i++)
    {
      sqlite3_value *wanted = NULL, *current = NULL;

      if (sqlite3changeset_new (iter, i, &wanted) != SQLITE_OK ||
          sqlite3changeset_conflict (iter, i, &current) != SQLITE_OK)
        return FALSE;
      if (wanted != NULL && !values_equal (wanted, current))
        return FALSE;
    }
  return TRUE;
}

static int
on_conflict (void                   *data,
             int                     kind,
             sqlite3_changeset_iter *iter)
{
  ApplyState *state = data;
  const char *table = NULL;
  int n_columns, op, indirect;

  sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
  if ((kind == SQLITE_CHANGESET_DATA || kind == SQLITE_CHANGESET_CONFLICT) &&
      already_applied (iter))
    return SQLITE_CHANGESET_OMIT;
  if (kind == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
    return SQLITE_CHANGESET_OMIT;
  if (state->table == NULL)
    {
      state->table = g_strdup (table != NULL ? table : "");
      state->kind = kind;
    }
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
insert_history (SbStore  *self,
                GBytes   *history,
                GError  **error)
{
  g_autoptr(GVariant) rows = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a(sssssmsms)"),
                                                                             history, FALSE));
  const char *at, *operator_name, *entity, *entity_id, *field, *before, *after;
  GVariantIter iter;

  g_variant_iter_init (&iter, rows);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&sm&sm&s)", &at, &operator_name, &entity,
                              &entity_id, &field, &before, &after))
    {
      sqlite3_stmt *stmt = _sb_store_prepare (self,
        "INSERT INTO history (at, operator, entity, entity_id, field, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      _sb_bind_text (stmt, 1, at);
      _sb_bind_text (stmt, 2, operator_name);
      _sb_bind_text (stmt, 3, entity);
      _sb_bind_text (stmt, 4, entity_id);
      _sb_bind_text (stmt, 5, field);
      /* NULL and "" are different values in the history: kept as they were. */
      sqlite3_bind_text (stmt, 6, before, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, after, -1, SQLITE_TRANSIENT);
      if (!_sb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_received (SbStore     *self,
              const char  *origin,
              gint64       seq,
              GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "INSERT OR REPLACE INTO exchange_received (origin, seq) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, origin);
  sqlite3_bind_int64 (stmt, 2, seq);
  return _sb_store_step_done (self, stmt, error);
}

static gboolean
apply_changeset (SbStore         *self,
                 const SbChange  *change,
                 GError         **error)
{
  g_autofree char *name = _sb_store_display_name (self->path);
  ApplyState state = { NULL, 0 };
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (change->changeset, &size);
  int rc;

  if (size == 0)
    return TRUE;
  if (size > G_MAXINT)
    rc = SQLITE_TOOBIG;
  else if (self->changes->session == NULL)
    rc = SQLITE_NOMEM;
  else
    {
      sqlite3session_enable (self->changes->session, 0);
      self->changes->replaying = TRUE;
      rc = sqlite3changeset_apply_v2 (self->db, (int) size, (void *) data,
                                      filter_table, on_conflict, &state, NULL, NULL, 0);
      self->changes->replaying = FALSE;
      sqlite3session_enable (self->changes->session, 1);
    }
  if (rc == SQLITE_OK && state.table == NULL)
    return TRUE;

  if (state.kind == SQLITE_CHANGESET_FOREIGN_KEY)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CONSTRAINT,
                 _("Changes from another office refer to records that “%s” does not "
                   "have; nothing of them was applied. Apply that office's earlier "
                   "changes first."), name);
  else if (state.table != NULL)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CONSTRAINT,
                 state.kind == SQLITE_CHANGESET_DATA || state.kind == SQLITE_CHANGESET_CONFLICT ||
                 state.kind == SQLITE_CHANGESET_NOTFOUND
                 ? _("Changes from another office to “%s” (%s) disagree with what this "
                     "campaign holds; nothing of them was applied.")
                 : _("Changes from another office break a rule of “%s” (%s); nothing of "
                     "them was applied. Ask that office to check its campaign."),
                 name, state.table);
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_MISUSE || rc == SQLITE_TOOBIG)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                 _("Changes from another office are damaged; nothing of them was applied "
                   "to “%s”."), name);
  else
    _sb_store_set_error (self, rc, error);
  g_free (state.table);
  return FALSE;
}

/**
 * sb_store_apply_change:
 * @applied: (out) (optional): whether the change was new to this replica
 *
 * Applies another replica's change in one transaction, with the history it wrote,
 * if it is the next one of its origin. The search index, the tallies and a
 * message's delivery day follow from the receiver's own triggers.
 */
gboolean
sb_store_apply_change (SbStore         *self,
                       const SbChange  *change,
                       gboolean        *applied,
                       GError         **error)
{
  gint64 held;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->changes != NULL, FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);
  g_return_val_if_fail (change != NULL && change->origin != NULL, FALSE);

  if (applied != NULL)
    *applied = FALSE;
  if (g_strcmp0 (change->origin, self->changes->replica_id) == 0)
    return TRUE;
  /* An empty transaction logs what this replica wrote outside one, so that the
   * session holds nothing of its own while it is paused for the change. */
  if (!sb_store_begin (self, error) || !sb_store_commit (self, error) ||
      !sb_store_begin (self, error))
    return FALSE;
  held = sb_store_get_received_seq (self, change->origin);
  if (change->seq <= held)
    {
      sb_store_rollback (self);
      return TRUE;
    }
  if (change->seq != held + 1)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("Changes %lld to %lld from another office have not arrived yet; "
                     "its later changes wait for them."),
                   (long long) held + 1, (long long) change->seq - 1);
      sb_store_rollback (self);
      return FALSE;
    }
  if (!apply_changeset (self, change, error) ||
      (change->history != NULL && !insert_history (self, change->history, error)) ||
      !_sb_store_changes_mark_history (self, error) ||
      !set_received (self, change->origin, change->seq, error))
    goto failed;
  if (!sb_store_commit (self, error))
    return FALSE;
  if (applied != NULL)
    *applied = TRUE;
  return TRUE;

failed:
  sb_store_rollback (self);
  return FALSE;
}
