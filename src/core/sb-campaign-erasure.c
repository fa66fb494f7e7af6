/* sb-campaign-erasure.c — forgetting a sender: the right to erasure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sender may ask the campaign to forget them. Their message stays, with its text
 * and translations, its country (the figures count messages by country), its copies
 * and everything the batches recorded: the campaign's figures do not move, and a
 * sealed batch's digest still matches its manifest (it covers neither the sender nor
 * the scans, docs/manifest-digest.md). What goes: the sender's name, city and
 * contact, the scans of the card (they show the sender's hand and address), and
 * every past value of those fields in the history, which says instead who erased
 * them and when (src/store/sb-store-erasure.c).
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-privacy.h"

/**
 * sb_campaign_forget_sender:
 * @message_id: a message id or reference
 * @n_scans: (out) (optional): how many scans were removed
 *
 * Erases the sender's personal data from the message and its history, and from the
 * campaign file itself: deleted bytes are overwritten, the search index is merged
 * and the write-ahead log emptied, so no trace stays in the file on disk. Backups and
 * exports made before keep what they hold.
 *
 * Returns: %TRUE when erased
 */
gboolean
sb_campaign_forget_sender (SbCampaign  *self,
                           const char  *message_id,
                           guint       *n_scans,
                           GError     **error)
{
  SbStore *store;
  g_autoptr(SbMessage) message = NULL;
  g_autofree char *key = NULL;
  gboolean ok;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  message = sb_store_get_message (store, message_id, error);
  if (message == NULL)
    return FALSE;
  _sb_set_str (&message->sender_name, "");
  _sb_set_str (&message->sender_city, "");
  _sb_set_str (&message->sender_contact, "");
  key = _sb_message_search_key (message, NULL);

  if (!sb_store_set_secure_delete (store, TRUE, error))
    return FALSE;
  if (!sb_store_begin (store, error))
    {
      sb_store_set_secure_delete (store, FALSE, NULL);
      return FALSE;
    }
  ok = sb_store_erase_sender (store, message->id, key, "sender_name sender_city sender_contact scans",
                              n_scans, error);
  ok = _sb_campaign_finish (self, ok, error);
  sb_store_set_secure_delete (store, FALSE, NULL);
  if (ok)
    sb_store_wipe_log (store);
  return ok;
}

/**
 * sb_campaign_get_printed_batch:
 * @message_id: a message id or reference
 *
 * Returns: (transfer full) (nullable): the first sealed, handed-over or closed batch
 *   holding a copy of the message, whose printed manifest and cards say what the
 *   message said then; %NULL when there is none (or on error)
 */
SbBatch *
sb_campaign_get_printed_batch (SbCampaign  *self,
                               const char  *message_id,
                               GError     **error)
{
  g_autoptr(SbMessage) message = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  message = sb_store_get_message (_sb_campaign_get_store (self), message_id, error);
  if (message == NULL)
    return NULL;
  return sb_store_find_printed_batch (_sb_campaign_get_store (self), message->id, error);
}

/**
 * sb_history_value_is_erased:
 * @value: (nullable): a before or after value of a history entry
 *
 * Returns: %TRUE when the value was erased with its sender
 */
gboolean
sb_history_value_is_erased (const char *value)
{
  return g_strcmp0 (value, SB_STORE_ERASED) == 0;
}

/**
 * sb_history_value:
 * @value: (nullable): a before or after value of a history entry
 *
 * Returns: @value, or for an erased value "[erased]" in the interface language
 */
const char *
sb_history_value (const char *value)
{
  if (sb_history_value_is_erased (value))
    /* Translators: stands in the history for a sender's name, city or contact that
     * was erased (“Forget Sender”). */
    return _("[erased]");
  return value;
}
