/* sb-store-changes-merge-readded.c — a copy added by an office that had not seen
 * it taken away stays, and the deletion set aside is listed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts", rule added-again. A deletion is of the copy its
 * office knew. Where it arrives after an add its office had not seen, the copy
 * stays (_sb_merge_deleted_copy_stays()); where the add arrives after it, the add
 * is applied as any insertion. Either way the office lists the deletion, field
 * "addressee" (kept: the detainee, other: deleted), and taking it removes the
 * addressee again, knowingly.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include "sb-store-changes-merge-private.h"

/**
 * _sb_merge_unseen_add:
 *
 * Had the incoming change's office seen every change that added the row as it is
 * here? Not when another office added it again, independently, after the change's
 * office had deleted its own (the copy a second office addressed to the same
 * detainee), nor when two offices added it at once and the change's office knew of
 * one: then a deletion was of the row it knew. The adds are the row's insert clock
 * ('' column) and those of the offices that added it when it was here already
 * ("+origin"). A row with no clock came with the campaign.
 *
 * Returns: (nullable): the clock of an add the change had not seen, or %NULL
 */
char *
_sb_merge_unseen_add (SbMerge    *merge,
                      const char *table,
                      const char *pk)
{
  sqlite3_stmt *stmt = _sb_store_prepare (merge->store,
    "SELECT clock, seq FROM exchange_clocks WHERE tbl = ? AND pk = ? "
    "AND (col = '' OR col GLOB '+*') ORDER BY clock", NULL);
  char *unseen = NULL;

  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, table);
  _sb_bind_text (stmt, 2, pk);
  while (unseen == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *clock = (const char *) sqlite3_column_text (stmt, 0);

      if (!_sb_merge_saw (merge->change, clock, sqlite3_column_int64 (stmt, 1)))
        unseen = g_strdup (clock);
    }
  sqlite3_reset (stmt);
  return unseen;
}

/* An add of the copy @copy_id, which is not here: if a deletion here took it away
 * without the adding office having seen it, the add is applied as usual and the
 * deletion it sets aside is listed. */
gboolean
_sb_merge_note_readded (SbMerge     *merge,
                        const char  *copy_id,
                        GError     **error)
{
  g_auto(GStrv) key = g_strsplit (copy_id, "\x1f", 2);     /* detainee, message */
  g_autofree char *deleted_clock = NULL;
  sqlite3_stmt *stmt;
  gboolean unseen = FALSE;
  int rc;

  if (key[0] == NULL || key[1] == NULL)
    return TRUE;
  stmt = _sb_store_prepare (merge->store, "SELECT clock, seq FROM exchange_deleted_copies "
                                          "WHERE detainee_id = ? AND message_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, key[0]);
  _sb_bind_text (stmt, 2, key[1]);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      deleted_clock = _sb_column_dup (stmt, 0);
      unseen = !_sb_merge_saw (merge->change, deleted_clock, sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _sb_store_set_error (merge->store, rc, error);
  return !unseen || _sb_merge_list_copy_rule (merge, copy_id, "addressee", key[0],
                                              merge->change->clock, NULL, deleted_clock,
                                              "added-again", error);
}
