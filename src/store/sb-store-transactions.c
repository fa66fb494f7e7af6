/* sb-store-transactions.c — one transaction per user operation; nested calls
 * become savepoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"

/* Savepoints are prepared once: a bulk import opens one per message. */
static gboolean
exec_cached (SbStore     *self,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, g_intern_string (sql), error);

  return stmt != NULL && _sb_store_step_done (self, stmt, error);
}

gboolean
sb_store_begin (SbStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->bulk == NULL, FALSE);

  if (self->read_only)
    {
      g_autofree char *why = sb_store_describe_read_only (self);

      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY, why);
      return FALSE;
    }
  /* Between two savepoints of the outer transaction: what waits for the search
   * index is indexed there (a rollback to a later savepoint keeps it). */
  if (self->depth == 1 && self->n_deferred >= SB_STORE_DEFERRED_MAX &&
      !_sb_store_flush_search_index (self, error))
    return FALSE;
  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT sb%u", self->depth);
  if (!(self->depth == 0 ? _sb_store_exec (self, sql, error) : exec_cached (self, sql, error)))
    return FALSE;
  self->depth++;
  self->commit_failed = FALSE;
  return TRUE;
}

/**
 * sb_store_in_transaction:
 * Returns: %TRUE while a transaction begun with sb_store_begin() is open
 */
gboolean
sb_store_in_transaction (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  return self->depth > 0;
}

gboolean
sb_store_commit (SbStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  /* A full disk makes COMMIT fail: everything since BEGIN is forgotten, once. */
  if (self->depth == 1 &&
      ((self->bulk != NULL && !_sb_store_bulk_finish (self, error)) ||
       (self->changes != NULL && !_sb_store_changes_log (self, error)) ||
       !_sb_store_flush_search_index (self, error)))
    {
      sb_store_rollback (self);
      self->commit_failed = TRUE;
      return FALSE;
    }
  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE sb%u", self->depth - 1);
  if (!(self->depth == 1 ? _sb_store_exec (self, sql, error) : exec_cached (self, sql, error)))
    {
      self->commit_failed = self->depth == 1;
      sb_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0 && self->changes != NULL)
    _sb_store_changes_reset (self);
  return TRUE;
}

/**
 * sb_store_rollback:
 *
 * Forgets what was done since the matching sb_store_begin(). A commit that fails
 * has already rolled back: the caller's own rollback after it does nothing more.
 */
void
sb_store_rollback (SbStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (SB_IS_STORE (self));
  if (self->depth == 0 && self->commit_failed)
    {
      self->commit_failed = FALSE;
      return;
    }
  g_return_if_fail (self->depth > 0);

  sql = self->depth == 1 ? g_strdup ("ROLLBACK")
                         : g_strdup_printf ("ROLLBACK TO sb%u; RELEASE sb%u",
                                            self->depth - 1, self->depth - 1);
  _sb_store_exec (self, sql, NULL);
  if (self->depth == 1)
    {
      self->fts_pending_from = 0;
      _sb_store_forget_search_hints (self);
      if (self->changes != NULL)
        _sb_store_changes_reset (self);
    }
  self->depth--;
  if (self->depth == 0 && self->bulk != NULL)
    _sb_store_bulk_forget (self);
}
