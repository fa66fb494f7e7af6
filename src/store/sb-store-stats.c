/* sb-store-stats.c — the campaign's figures, by the counting rules of docs/architecture.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>

#include "sb-enums.h"
#include "sb-store-private.h"

/* The figures are sums of the tallies that the triggers of
 * src/store/migrations/0007-tallies.sql keep by day: as of a day, the days up to it
 * (?1; NULL for every day). Nothing here reads a message or a copy. */

void
sb_store_detainee_counts_free (SbStoreDetaineeCounts *counts)
{
  if (counts == NULL)
    return;
  g_free (counts->detainee_id);
  g_free (counts);
}

static gint64 *
copies_in_state (SbStoreCounts *counts,
                 const char    *state)
{
  switch (sb_copy_state_from_nick (state))
    {
    case SB_COPY_STATE_PENDING:   return &counts->copies_pending;
    case SB_COPY_STATE_WAITING:   return &counts->copies_waiting;
    case SB_COPY_STATE_IN_BATCH:  return &counts->copies_in_batch;
    case SB_COPY_STATE_DELIVERED: return &counts->copies_delivered;
    case SB_COPY_STATE_REJECTED:  return &counts->copies_rejected;
    case SB_COPY_STATE_RETURNED:  return &counts->copies_returned;
    case SB_COPY_STATE_UNKNOWN:
    default:                      return NULL;
    }
}

typedef struct
{
  SbStoreCounts *counts;
  GHashTable    *by_detainee;       /* detainee id → SbStoreDetaineeCounts */
  gint64         copies_delivered;  /* delivered by the as-of day */
} Figures;

static void
add_tally (Figures    *figures,
           const char *kind,
           const char *key,
           gint64      n)
{
  SbStoreCounts *counts = figures->counts;
  SbStoreDetaineeCounts *detainee = NULL;
  gint64 *state;

  if (figures->by_detainee != NULL && key != NULL)
    detainee = g_hash_table_lookup (figures->by_detainee, key);

  if (g_str_has_prefix (kind, "received:"))
    {
      const char *status = kind + strlen ("received:");

      counts->messages_received += n;
      switch (sb_message_status_from_nick (status))
        {
        case SB_MESSAGE_STATUS_HELD:        counts->messages_held += n; break;
        case SB_MESSAGE_STATUS_NEW:         counts->messages_new += n; break;
        case SB_MESSAGE_STATUS_TRANSCRIBED: counts->messages_transcribed += n; break;
        case SB_MESSAGE_STATUS_APPROVED:    counts->messages_approved += n; break;
        case SB_MESSAGE_STATUS_DELETED:
        case SB_MESSAGE_STATUS_UNKNOWN:
        default:                            break;
        }
    }
  else if (strcmp (kind, "delivered") == 0)
    counts->messages_delivered += n;
  /* Held messages' copies count by state, not for their detainee. */
  else if (g_str_has_prefix (kind, "copies:"))
    {
      if ((state = copies_in_state (counts, kind + strlen ("copies:"))) != NULL)
        *state += n;
      if (detainee != NULL)
        detainee->copies += n;
    }
  else if (g_str_has_prefix (kind, "held-copies:"))
    {
      if ((state = copies_in_state (counts, kind + strlen ("held-copies:"))) != NULL)
        *state += n;
    }
  else if (strcmp (kind, "copies-delivered") == 0)
    {
      figures->copies_delivered += n;
      if (detainee != NULL)
        detainee->delivered += n;
    }
  else if (strcmp (kind, "held-copies-delivered") == 0)
    figures->copies_delivered += n;
}

static GPtrArray *
list_detainee_counts (SbStore     *self,
                      GHashTable  *by_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) result =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sb_store_detainee_counts_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _sb_store_prepare (self, "SELECT id FROM detainees ORDER BY position, name_en", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SbStoreDetaineeCounts *counts = g_new0 (SbStoreDetaineeCounts, 1);

      counts->detainee_id = _sb_column_dup (stmt, 0);
      g_ptr_array_add (result, counts);
      g_hash_table_insert (by_id, counts->detainee_id, counts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/**
 * sb_store_count:
 * @as_of: (nullable): "YYYY-MM-DD": count what had happened by the end of that day
 * @counts: (out caller-allocates): the figures
 * @by_detainee: (out) (optional) (element-type SbStoreDetaineeCounts): for every
 *   detainee, in their order, the messages (copies) received for them and delivered
 *
 * A copy delivered after the as-of day was still in its batch on that day.
 */
gboolean
sb_store_count (SbStore        *self,
                const char     *as_of,
                SbStoreCounts  *counts,
                GPtrArray     **by_detainee,
                GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) detainees = NULL;
  Figures figures = { counts, NULL, 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  if (by_detainee != NULL)
    {
      detainees = list_detainee_counts (self, by_id, error);
      if (detainees == NULL)
        return FALSE;
      figures.by_detainee = by_id;
    }

  stmt = _sb_store_prepare (self,
                            "SELECT kind, key, sum (n) FROM tallies "
                            "WHERE ?1 IS NULL OR day <= ?1 GROUP BY kind, key",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text_or_null (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_tally (&figures,
               (const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 1),
               sqlite3_column_int64 (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error);

  counts->messages_sent = counts->messages_received - counts->messages_held;
  counts->copies_in_batch += counts->copies_delivered - figures.copies_delivered;
  counts->copies_delivered = figures.copies_delivered;
  if (by_detainee != NULL)
    *by_detainee = g_steal_pointer (&detainees);
  return TRUE;
}
