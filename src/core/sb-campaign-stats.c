/* sb-campaign-stats.c — the campaign's figures and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-validate.h"

/**
 * sb_campaign_get_stats:
 * @as_of: (nullable): count to the end of this day; %NULL for the campaign's as-of
 *   date (or today)
 *
 * Counts by the campaign's rules: messages sent are those received and not held; a
 * message is delivered when all its copies are; days in detention count the day of
 * arrest as day 0 and stop at release.
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
SbStats *
sb_campaign_get_stats (SbCampaign  *self,
                       const char  *as_of,
                       GError     **error)
{
  SbStore *store;
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GHashTable) counts_by_id = NULL;
  SbStoreCounts totals;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  if (!sb_validate_date (as_of, _("As-of date"), 0, error))
    return NULL;

  store = _sb_campaign_get_store (self);
  stats = g_new0 (SbStats, 1);
  stats->as_of = as_of != NULL && *as_of != '\0' ? g_strdup (as_of) : sb_campaign_get_as_of (self, error);
  if (stats->as_of == NULL ||
      (stats->launch_date = sb_campaign_get_setting (self, SB_SETTING_LAUNCH_DATE, error)) == NULL)
    return NULL;
  if (!sb_date_is_valid (stats->launch_date))
    g_clear_pointer (&stats->launch_date, g_free);
  stats->campaign_day = stats->launch_date ? sb_days_between (stats->launch_date, stats->as_of) : -1;

  if (!sb_store_count (store, stats->as_of, &totals, &counts, error))
    return NULL;
  stats->messages_received = totals.messages_received;
  stats->messages_sent = totals.messages_sent;
  stats->messages_held = totals.messages_held;
  stats->messages_delivered = totals.messages_delivered;
  stats->messages_waiting = totals.messages_sent - totals.messages_delivered;
  stats->messages_new = totals.messages_new;
  stats->messages_transcribed = totals.messages_transcribed;
  stats->messages_approved = totals.messages_approved;
  stats->copies_pending = totals.copies_pending;
  stats->copies_waiting = totals.copies_waiting;
  stats->copies_in_batch = totals.copies_in_batch;
  stats->copies_delivered = totals.copies_delivered;
  stats->copies_rejected = totals.copies_rejected;
  stats->copies_returned = totals.copies_returned;

  detainees = sb_store_list_detainees (store, error);
  if (detainees == NULL)
    return NULL;

  /* The two queries are separate reads: match them by id, not by position (a
   * detainee added or reordered in between must not abort the figures). */
  counts_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < counts->len; i++)
    {
      SbStoreDetaineeCounts *count = g_ptr_array_index (counts, i);

      g_hash_table_insert (counts_by_id, count->detainee_id, count);
    }

  stats->detainees = _sb_detainee_stats_array_new ();
  for (guint i = 0; i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (detainees, i);
      SbStoreDetaineeCounts *count = g_hash_table_lookup (counts_by_id, detainee->id);
      SbDetaineeStats *row = _sb_detainee_stats_new ();

      row->detainee_id = g_strdup (detainee->id);
      row->name_en = g_strdup (detainee->name_en);
      row->name_km = g_strdup (detainee->name_km);
      row->detained_on = g_strdup (detainee->detained_on);
      row->released_on = g_strdup (detainee->released_on);
      row->days_detained = sb_days_detained (detainee->detained_on, detainee->released_on,
                                             stats->as_of);
      row->released = detainee->released_on != NULL &&
                      sb_days_between (detainee->released_on, stats->as_of) >= 0;
      row->messages = count != NULL ? count->copies : 0;
      row->delivered = count != NULL ? count->delivered : 0;
      g_ptr_array_add (stats->detainees, row);
    }
  return g_steal_pointer (&stats);
}

/**
 * sb_campaign_list_history:
 * @entity_id: a message (id or reference), detainee, facility… id; "" for the
 *   campaign's settings
 *
 * Returns: (transfer full) (element-type SbHistoryEntry): its changes, oldest first
 */
GPtrArray *
sb_campaign_list_history (SbCampaign  *self,
                          const char  *entity_id,
                          GError     **error)
{
  SbStore *store;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  /* @entity_id may be a message's reference, or the id of something else (a copy). */
  store = _sb_campaign_get_store (self);
  if (entity_id != NULL && *entity_id != '\0' &&
      (message = sb_store_get_message (store, entity_id, &local_error)) == NULL &&
      !g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return sb_store_list_history (store, message ? message->id : entity_id, error);
}
