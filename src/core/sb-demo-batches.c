/* sb-demo-batches.c — the demo's delivery history, recorded through the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core has no batch operations yet (sealing, handover and outcomes come later), so
 * the demo writes its batches directly: the batch row as it ends up, its items, and
 * the copies' states as the batch went to the facility and came back.
 */

#define G_LOG_DOMAIN "sb-demo"

#include "config.h"

#include "sb-campaign-private.h"
#include "sb-batches.h"
#include "sb-demo-private.h"

/**
 * _sb_demo_record_batch:
 * @batch: the batch as it ends up
 * @items: (element-type SbBatchItem): its items, outcomes included
 * @message_ids: (element-type utf8): the message of each item's copy
 *
 * Writes the batch and its items, and puts their copies in the batch.
 */
gboolean
_sb_demo_record_batch (SbCampaign     *campaign,
                       const SbBatch  *batch,
                       GPtrArray      *items,
                       GPtrArray      *message_ids,
                       GError        **error)
{
  SbStore *store = _sb_campaign_get_store (campaign);

  g_return_val_if_fail (items->len == message_ids->len, FALSE);

  if (!sb_store_insert_batch (store, batch, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      SbBatchItem *item = g_ptr_array_index (items, i);
      g_autoptr(SbCopy) copy = NULL;

      copy = sb_store_get_copy (store, item->message_id, item->detainee_id, error);
      if (copy == NULL || !sb_store_insert_batch_item (store, item, error))
        return FALSE;
      g_free (copy->state);
      copy->state = g_strdup (sb_copy_state_to_nick (SB_COPY_STATE_IN_BATCH));
      if (!sb_store_update_copy (store, copy, error))
        return FALSE;
    }

  /* A sealed batch carries the digest of its canonical listing, computed as sealing
   * does, so that verify-manifest agrees with the demo's paper. */
  if (sb_batch_state_from_nick (batch->state) != SB_BATCH_STATE_DRAFT)
    {
      g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (campaign, batch->id, error);
      g_autoptr(SbBatch) sealed = NULL;

      if (listing == NULL)
        return FALSE;
      sealed = sb_batch_copy (batch);
      g_free (sealed->digest);
      sealed->digest = sb_batch_listing_digest (listing);
      if (!sb_store_update_batch (store, sealed, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _sb_demo_record_outcomes:
 * @items: (element-type SbBatchItem): items whose outcome the facility gave
 * @message_ids: (element-type utf8): the message of each item's copy
 *
 * Moves each copy to its outcome: delivered on the day of the outcome, or rejected
 * or returned with the reason. Every outcome counts as an attempt.
 */
gboolean
_sb_demo_record_outcomes (SbCampaign  *campaign,
                          GPtrArray   *items,
                          GPtrArray   *message_ids,
                          GError     **error)
{
  SbStore *store = _sb_campaign_get_store (campaign);

  g_return_val_if_fail (items->len == message_ids->len, FALSE);

  for (guint i = 0; i < items->len; i++)
    {
      SbBatchItem *item = g_ptr_array_index (items, i);
      g_autoptr(SbCopy) copy = NULL;
      gboolean delivered = sb_copy_state_from_nick (item->outcome) == SB_COPY_STATE_DELIVERED;

      if (*item->outcome == '\0')
        continue;
      copy = sb_store_get_copy (store, item->message_id, item->detainee_id, error);
      if (copy == NULL)
        return FALSE;
      g_free (copy->state);
      copy->state = g_strdup (item->outcome);
      g_free (copy->outcome_reason);
      copy->outcome_reason = g_strdup (delivered ? "" : item->outcome_reason);
      g_free (copy->delivered_on);
      copy->delivered_on = delivered ? g_strdup (item->outcome_on) : NULL;
      copy->attempts++;
      if (!sb_store_update_copy (store, copy, error))
        return FALSE;
    }
  return TRUE;
}
