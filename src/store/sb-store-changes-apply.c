/* sb-store-changes-apply.c — another replica's change, applied once, in order, in
 * one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Applying". A change is applied only when it is the next one
 * of its origin; one already held is skipped, a later one is refused until the
 * missing ones come. A broken rule or a table outside the replicated ones refuses
 * the whole change and leaves the replica as it was.
 * Two offices' changes to the same fields are decided field by field by
 * sb-store-changes-merge.c (docs/exchange.md, "Conflicts").
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
  char    *table;     /* the first table refused or in conflict */
  int      kind;      /* its SQLITE_CHANGESET_* conflict, or 0 for a table refused */
  SbMerge *merge;     /* the fields decided (sb-store-changes-merge.c) */
} ApplyState;

static const char *const applied_tables[] = {
  "facilities", "detainees", "offices", "reasons", "milestones",
  "messages", "scans", "copies", "batches", "batch_items", "replicas",
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

static int
on_conflict (void                   *data,
             int                     kind,
             sqlite3_changeset_iter *iter)
{
  ApplyState *state = data;
  const char *table = NULL;
  int n_columns, op, indirect;

  int decision = _sb_merge_on_conflict (state->merge, kind, iter);

  if (decision != SQLITE_CHANGESET_ABORT)
    return decision;
  sqlite3changeset_op (iter, &table, &n_columns, &op, &indirect);
  if (state->table == NULL)
    {
      state->table = g_strdup (table != NULL ? table : "");
      state->kind = kind;
    }
  return SQLITE_CHANGESET_ABORT;
}

gboolean
_sb_store_changes_insert_history (SbStore  *self,
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

gboolean
_sb_store_changes_set_received (SbStore     *self,
                                const char  *origin,
                                gint64       seq,
                                GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "INSERT OR REPLACE INTO exchange_received (origin, seq, at) VALUES (?, ?, sb_now ())", error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, origin);
  sqlite3_bind_int64 (stmt, 2, seq);
  return _sb_store_step_done (self, stmt, error);
}

/* SQLite's session sets "PRAGMA defer_foreign_keys" on and off around each
 * changeset it applies, and a flag pragma expires every prepared statement of
 * the file: each change applied made every statement prepared again (their
 * triggers with them), most of the time of applying a bundle (docs/exchange.md,
 * "Measured"). While a change is applied, those two pragmas do nothing; the
 * deferral is set once per transaction by _sb_store_changes_defer_foreign_keys ()
 * instead and
 * ends with it. */
static int
keep_statements (void       *data,
                 int         action,
                 const char *name,
                 const char *value,
                 const char *database,
                 const char *trigger)
{
  SbStore *self = data;

  if (action == SQLITE_PRAGMA && self->changes != NULL && self->changes->replaying &&
      name != NULL && value != NULL && g_ascii_strcasecmp (name, "defer_foreign_keys") == 0)
    return SQLITE_IGNORE;
  return SQLITE_OK;
}

gboolean
_sb_store_changes_defer_foreign_keys (SbStore  *self,
                                      GError  **error)
{
  if (!self->changes->authorizer)
    {
      sqlite3_set_authorizer (self->db, keep_statements, self);
      self->changes->authorizer = TRUE;
    }
  return _sb_store_pragma_int (self, "PRAGMA defer_foreign_keys", NULL) == 1 ||
         _sb_store_exec (self, "PRAGMA defer_foreign_keys = 1", error);
}

static gboolean
apply_changeset (SbStore         *self,
                 const SbChange  *change,
                 GError         **error)
{
  g_autofree char *name = _sb_store_display_name (self->path);
  ApplyState state = { NULL, 0, NULL };
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (change->changeset, &size);
  int rc;

  if (size == 0)
    return TRUE;
  if (size > G_MAXINT)
    rc = SQLITE_TOOBIG;
  else if (!_sb_store_changeset_is_whole (data, size))
    rc = SQLITE_CORRUPT;
  else if (self->changes->session == NULL)
    rc = SQLITE_NOMEM;
  else if (!_sb_store_changes_defer_foreign_keys (self, error) ||
           (state.merge = _sb_merge_prepare (self, change, error)) == NULL)
    return FALSE;
  else
    {
      gboolean finished = TRUE;

      sqlite3session_enable (self->changes->session, 0);
      self->changes->replaying = TRUE;
      rc = sqlite3changeset_apply_v2 (self->db, (int) size, (void *) data,
                                      filter_table, on_conflict, &state, NULL, NULL, 0);
      if (rc == SQLITE_OK && state.table == NULL)
        finished = _sb_merge_finish (state.merge, error);
      self->changes->replaying = FALSE;
      sqlite3session_enable (self->changes->session, 1);
      g_clear_pointer (&state.merge, _sb_merge_free);
      if (!finished)
        return FALSE;
    }
  if (rc == SQLITE_OK && state.table == NULL)
    return TRUE;

  if (state.kind == SQLITE_CHANGESET_FOREIGN_KEY)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CONSTRAINT,
                 _("Changes from another office refer to records that “%s” does not "
                   "have; nothing of them was applied. Apply that office's earlier "
                   "changes first."), name);
  else if (state.table != NULL)
    {
      /* The table's name came from the other office's bytes: shown, never trusted. */
      g_autofree char *table = g_utf8_make_valid (state.table, -1);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CONSTRAINT,
                   state.kind == SQLITE_CHANGESET_DATA || state.kind == SQLITE_CHANGESET_CONFLICT ||
                   state.kind == SQLITE_CHANGESET_NOTFOUND
                   ? _("Changes from another office to “%s” (%s) disagree with what this "
                       "campaign holds; nothing of them was applied.")
                   : _("Changes from another office break a rule of “%s” (%s); nothing of "
                       "them was applied. Ask that office to check its campaign."),
                   name, table);
    }
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_MISUSE || rc == SQLITE_TOOBIG)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                 _("Changes from another office are damaged; nothing of them was applied "
                   "to “%s”."), name);
  else
    _sb_store_set_error (self, rc, error);
  g_free (state.table);
  return FALSE;
}

/* A change of this replica's own that its log lacks (taken back from the
 * exchange folder): the next row of the log, as it was made. */
static gboolean
log_own (SbStore         *self,
         const SbChange  *change,
         GError         **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "INSERT INTO exchange_log (seq, at, changeset, history, clock, seen) "
    "VALUES (?, sb_now (), ?, ?, ?, ?)", error);
  gsize n_changeset = 0, n_history = 0;
  gconstpointer changeset = g_bytes_get_data (change->changeset, &n_changeset);
  gconstpointer history = change->history != NULL ? g_bytes_get_data (change->history, &n_history) : NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->seq);
  sqlite3_bind_blob (stmt, 2, n_changeset > 0 ? changeset : "", n_changeset, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 3, n_history > 0 ? history : "", n_history, SQLITE_TRANSIENT);
  _sb_bind_text (stmt, 4, change->clock != NULL ? change->clock : "");
  _sb_bind_text (stmt, 5, change->seen != NULL ? change->seen : "");
  return _sb_store_step_done (self, stmt, error);
}

/* Rewrites @change's changeset with the messages' texts packed as this file keeps
 * them (sb-store-texts.c): a change made before the texts were packed, or by an
 * office that had not updated, then finds its old values here. */
static void
pack_texts (SbStore  *self,
            SbChange *change)
{
  gsize size = 0;
  const guint8 *data = change->changeset != NULL ? g_bytes_get_data (change->changeset, &size) : NULL;
  GByteArray *packed;

  if (size == 0 || size > G_MAXINT || !_sb_store_changeset_is_whole (data, size))
    return;
  packed = _sb_store_changeset_pack_texts (self, data, size);
  if (packed == NULL)
    return;
  g_bytes_unref (change->changeset);
  change->changeset = g_byte_array_free_to_bytes (packed);
}

/* Applies @change if it is the next one of its origin: another replica's
 * (@own FALSE), or this replica's own that its log lacks (@own TRUE). */
static gboolean
apply_one (SbStore         *self,
           const SbChange  *change,
           gboolean         own,
           gboolean        *applied,
           GError         **error)
{
  gint64 held;
  gboolean erased = FALSE;
  gboolean ok = FALSE;

  if (applied != NULL)
    *applied = FALSE;
  if (!own && g_strcmp0 (change->origin, self->changes->replica_id) == 0)
    return TRUE;
  /* An empty transaction logs what this replica wrote outside one, so that the
   * session holds nothing of its own while it is paused for the change. */
  if (!sb_store_begin (self, error) || !sb_store_commit (self, error) ||
      !sb_store_begin (self, error))
    return FALSE;
  held = own ? sb_store_get_last_change (self) : sb_store_get_received_seq (self, change->origin);
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
  /* What the change's origin had received when it made it comes first: a
   * change never meets the record it refers to before that record. */
  {
    gint64 wanted = 0, have = 0;
    g_autofree char *behind = _sb_store_changes_missing (self, change->seen, &wanted, &have);

    if (behind != NULL)
      {
        if (strcmp (behind, self->changes->replica_id) == 0)
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("These changes from another office follow changes %lld to %lld of "
                         "this office, which this file does not hold yet; they wait for them."),
                       (long long) have + 1, (long long) wanted);
        else
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("These changes from another office follow changes %lld to %lld of a "
                         "third office, which have not arrived yet; they wait for them."),
                       (long long) have + 1, (long long) wanted);
        sb_store_rollback (self);
        return FALSE;
      }
  }
  if (!apply_changeset (self, change, error) ||
      (change->history != NULL && !_sb_store_changes_insert_history (self, change->history, error)) ||
      (change->history != NULL &&
       !_sb_store_changes_follow_erasures (self, change->history, &erased, error)) ||
      !_sb_store_changes_mark_history (self, error) ||
      !(own ? log_own (self, change, error) : _sb_store_changes_set_received (self, change->origin, change->seq, error)))
    goto failed;
  if (!sb_store_commit (self, error))
    goto done;
  if (applied != NULL)
    *applied = TRUE;
  ok = TRUE;
  goto done;

failed:
  sb_store_rollback (self);
done:
  /* A sender erased here: nothing of them left in freed pages or the log. */
  if (erased)
    {
      sb_store_set_secure_delete (self, FALSE, NULL);
      /* Inside the caller's transaction, the log is emptied after its commit. */
      if (ok && !sb_store_wipe_log (self))
        self->changes->wipe_log = TRUE;
    }
  return ok;
}

/**
 * sb_store_apply_change:
 * @applied: (out) (optional): whether the change was new to this replica
 *
 * Applies another replica's change in one transaction (a savepoint of the
 * caller's transaction when one is open: a bundle applies whole or not at all),
 * with the history it wrote, if it is the next one of its origin. The search index, the tallies and a
 * message's delivery day follow from the receiver's own triggers. The change's
 * changeset is rewritten with the texts packed as this file keeps them (as in
 * sb_store_take_own_changes() and sb_store_apply_changes()).
 */
gboolean
sb_store_apply_change (SbStore         *self,
                       SbChange        *change,
                       gboolean        *applied,
                       GError         **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->changes != NULL, FALSE);
  g_return_val_if_fail (change != NULL && change->origin != NULL, FALSE);

  pack_texts (self, change);
  return apply_one (self, change, FALSE, applied, error);
}

/**
 * sb_store_take_own_changes:
 * @changes: (element-type SbChange): this replica's own changes, read back from
 *   the exchange folder, consecutive and in order
 * @n_taken: (out) (optional): how many of them its log lacked and now holds
 * @waiting: (out): whether the next one waits for changes of another office that
 *   this file has not received yet (those taken before it are kept)
 *
 * A restored backup or a copy of a replica's file lacks the changes the replica
 * made after it was taken, which the other offices hold already: new changes would
 * take their numbers and be skipped everywhere as applied. This takes them back
 * (applied as another replica's would be, and logged under their own numbers), in
 * one transaction, so that the file's next change follows them (docs/exchange.md,
 * "Backups and copies of a replica"). A change the log holds already must be the
 * same one (its clock); a different one means that this file made changes of its
 * own under numbers the folder holds: SB_STORE_ERROR_FORKED, nothing taken.
 */
gboolean
sb_store_take_own_changes (SbStore    *self,
                           GPtrArray  *changes,
                           guint      *n_taken,
                           gboolean   *waiting,
                           GError    **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  guint taken = 0;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->changes != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (waiting != NULL, FALSE);

  if (n_taken != NULL)
    *n_taken = 0;
  *waiting = FALSE;
  for (guint i = 0; i < changes->len; i++)
    pack_texts (self, changes->pdata[i]);
  if (!sb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < changes->len && !*waiting; i++)
    {
      const SbChange *change = changes->pdata[i];
      gboolean applied = FALSE;

      g_return_val_if_fail (g_strcmp0 (change->origin, self->changes->replica_id) == 0, FALSE);
      if (change->seq <= sb_store_get_last_change (self))
        {
          if (_sb_store_changes_log_holds (self, change))
            continue;
          name = _sb_store_display_name (self->path);
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED,
                       _("“%s” and another copy of it have both made changes as this office "
                         "(their change %lld differs); nothing was exchanged."),
                       name, (long long) change->seq);
          sb_store_rollback (self);
          return FALSE;
        }
      if (!apply_one (self, change, TRUE, &applied, &local_error))
        {
          if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND) ||
              change->seq != sb_store_get_last_change (self) + 1)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              sb_store_rollback (self);
              return FALSE;
            }
          *waiting = TRUE;
        }
      taken += applied;
    }
  /* The reference counters are the file's own (not shipped): past the
   * references of the messages taken back. */
  if (taken > 0 &&
      !_sb_store_exec (self,
                       "UPDATE ref_counters SET next = max (next, 1 + ("
                       "  SELECT coalesce (max (CAST (substr (ref, length (prefix) + 2) AS INTEGER)), 0) "
                       "  FROM messages WHERE ref > prefix || '-' AND ref < prefix || '.'))", error))
    {
      sb_store_rollback (self);
      return FALSE;
    }
  if (!sb_store_commit (self, error))
    return FALSE;
  if (self->changes->wipe_log && sb_store_wipe_log (self))
    self->changes->wipe_log = FALSE;
  if (n_taken != NULL)
    *n_taken = taken;
  return TRUE;
}

/**
 * sb_store_apply_changes:
 * @changes: (element-type SbChange): consecutive changes of one origin
 * @n_applied: (out) (optional): how many were new to this replica
 *
 * sb_store_apply_change() for many changes at once: those this replica holds
 * already are skipped, the others must follow what it holds, and they are applied
 * in one transaction (a savepoint of the caller's), or not at all. Each is decided
 * with its own clock (sb-store-changes-merge.c); a run of them that only adds
 * records this replica does not have is applied in one pass
 * (sb-store-changes-apply-run.c), the others one by one.
 */
gboolean
sb_store_apply_changes (SbStore    *self,
                        GPtrArray  *changes,
                        guint      *n_applied,
                        GError    **error)
{
  guint applied_here = 0;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->changes != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (n_applied != NULL)
    *n_applied = 0;
  for (guint i = 0; i < changes->len; i++)
    pack_texts (self, changes->pdata[i]);
  if (!sb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < changes->len;)
    {
      guint n_run = 0;
      gboolean combined = FALSE;

      g_return_val_if_fail (changes->pdata[i] != NULL && ((SbChange *) changes->pdata[i])->origin != NULL,
                            FALSE);
      if (!_sb_store_apply_run (self, changes, i, &n_run, &combined, error))
        {
          sb_store_rollback (self);
          return FALSE;
        }
      if (combined)
        {
          applied_here += n_run;
          i += n_run;
          continue;
        }
      for (guint end = i + MAX (n_run, 1); i < end; i++)
        {
          gboolean applied = FALSE;

          if (!apply_one (self, changes->pdata[i], FALSE, &applied, error))
            {
              sb_store_rollback (self);
              return FALSE;
            }
          applied_here += applied;
        }
    }
  if (!sb_store_commit (self, error))
    return FALSE;
  if (self->changes->wipe_log && sb_store_wipe_log (self))
    self->changes->wipe_log = FALSE;
  if (n_applied != NULL)
    *n_applied = applied_here;
  return TRUE;
}
