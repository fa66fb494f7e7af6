/* sb-store-changes-merge-status.c — a message's status from every write of it:
 * a deleted message stays deleted, a hold beats an approval made without seeing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts", domain rules before the clock. Every write of a
 * message's status seen here is kept (exchange_status, with its origin, number and
 * what its office had seen); the status is a function of that set, the same on
 * every replica whatever the order the writes came in.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-merge-private.h"

/* Domain rules before the clock (docs/exchange.md): a deleted message stays
 * deleted and a hold beats an approval (or any other status) made without
 * having seen it. */
static int
status_rank (const char *status)
{
  if (g_strcmp0 (status, "deleted") == 0)
    return 2;
  if (g_strcmp0 (status, "held") == 0)
    return 1;
  return 0;
}

/* Had the write (@origin, @seq, @seen) received the write (@h_origin, @h_seq)? */
static gboolean
saw (const char *origin,
     gint64      seq,
     const char *seen,
     const char *h_origin,
     gint64      h_seq)
{
  if (g_strcmp0 (origin, h_origin) == 0)
    return seq > h_seq;
  return _sb_merge_seen_of (seen, h_origin) >= h_seq;
}

typedef struct
{
  char   *value;
  char   *clock;
  char   *origin;
  gint64  seq;
  char   *seen;
} StatusWrite;

static void
status_write_free (StatusWrite *write)
{
  g_free (write->value);
  g_free (write->clock);
  g_free (write->origin);
  g_free (write->seen);
  g_free (write);
}

/* A message's status from every write of it seen here: a write that had not
 * seen a write of a stronger status (a hold, a deletion) does not count; of the
 * others the latest clock wins. The same set gives the same status anywhere. */
static char *
status_winner (SbStore     *self,
               const char  *message_id,
               const char **rule)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "SELECT value, clock, origin, seq, seen FROM exchange_status WHERE message_id = ? "
    "ORDER BY clock", NULL);
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func ((GDestroyNotify) status_write_free);
  StatusWrite *winner = NULL;

  *rule = "clock";
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, message_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      StatusWrite *write = g_new0 (StatusWrite, 1);

      write->value = _sb_column_dup (stmt, 0);
      write->clock = _sb_column_dup (stmt, 1);
      write->origin = _sb_column_dup (stmt, 2);
      write->seq = sqlite3_column_int64 (stmt, 3);
      write->seen = _sb_column_dup (stmt, 4);
      g_ptr_array_add (writes, write);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < writes->len; i++)
    {
      StatusWrite *write = writes->pdata[i];
      const char *beaten_by = NULL;

      for (guint j = 0; j < writes->len && beaten_by == NULL; j++)
        {
          StatusWrite *strong = writes->pdata[j];

          if (status_rank (strong->value) > status_rank (write->value) &&
              !saw (write->origin, write->seq, write->seen, strong->origin, strong->seq))
            beaten_by = status_rank (strong->value) == 2 ? "deleted" : "hold";
        }
      if (beaten_by == NULL)
        winner = write;    /* by clock: the writes come oldest first */
    }
  if (winner != NULL && winner != writes->pdata[writes->len - 1])
    *rule = status_rank (winner->value) == 2 ? "deleted" : "hold";
  return winner != NULL ? g_strdup (winner->value) : NULL;
}

gboolean
_sb_merge_decide_status (SbMerge            *merge,
               const char         *message_id,
               sqlite3_value      *current,
               sqlite3_value      *incoming,
               sqlite3_value      *old,
               GPtrArray          *pk,
               const char *const  *pk_names,
               GError            **error)
{
  const char *rule;
  g_autofree char *winner = status_winner (merge->store, message_id, &rule);
  const char *here = _sb_merge_text (current);
  const char *there = _sb_merge_text (incoming);
  const char *in_clock = merge->change->clock;

  if (winner == NULL)
    return TRUE;
  if (g_strcmp0 (winner, here) == 0)
    {
      /* Kept as it is (SQLite may write the incoming one: it is put back); the
       * incoming status lost, if it differs. */
      if (g_strcmp0 (there, here) == 0)
        return TRUE;
      _sb_merge_add_fixup (merge, "messages", "status", current, pk, pk_names);
      return _sb_merge_record_conflict (merge, "messages", message_id, "status", here, "", there,
                              in_clock, rule, error);
    }
  {
    sqlite3 *db = _sb_store_get_db (merge->store);
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2 (db, "SELECT ?", -1, &stmt, NULL);

    if (rc != SQLITE_OK)
      return _sb_store_set_error (merge->store, rc, error);
    sqlite3_bind_text (stmt, 1, winner, -1, SQLITE_TRANSIENT);
    sqlite3_step (stmt);
    _sb_merge_add_fixup (merge, "messages", "status", sqlite3_column_value (stmt, 0), pk, pk_names);
    sqlite3_finalize (stmt);
  }
  /* The status here lost (unless the incoming change had seen it, an ordinary
   * edit); and the incoming one too when an older write won. */
  if ((g_strcmp0 (winner, there) != 0 || old == NULL || g_strcmp0 (_sb_merge_text (old), here) != 0) &&
      !_sb_merge_record_conflict (merge, "messages", message_id, "status", winner,
                        g_strcmp0 (winner, there) == 0 ? in_clock : "", here, "", rule, error))
    return FALSE;
  return g_strcmp0 (there, winner) == 0 ||
         _sb_merge_record_conflict (merge, "messages", message_id, "status", winner, "", there,
                          in_clock, rule, error);
}

