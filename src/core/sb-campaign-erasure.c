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
#include "sb-store-erasure.h"

/* The whole erasure in one transaction of @store; then its log is emptied. */
static gboolean
forget_in_store (SbStore     *store,
                 const char  *message_id,
                 guint       *n_scans,
                 GError     **error)
{
  g_autoptr(SbMessage) message = NULL;
  gboolean ok;

  message = sb_store_get_message (store, message_id, error);
  if (message == NULL)
    return FALSE;

  if (!sb_store_set_secure_delete (store, TRUE, error))
    return FALSE;
  ok = sb_store_begin (store, error);
  if (ok)
    {
      ok = sb_store_erase_sender (store, message->id,
                                  "sender_name sender_city sender_contact scans", n_scans, error);
      if (ok)
        ok = sb_store_commit (store, error);
      else
        sb_store_rollback (store);
    }
  sb_store_set_secure_delete (store, FALSE, NULL);
  if (ok)
    sb_store_wipe_log (store);
  return ok;
}

/**
 * sb_campaign_forget_sender:
 * @message_id: a message id or reference
 * @n_scans: (out) (optional): how many scans were removed
 *
 * Erases the sender's personal data from the message and its history, and from the
 * campaign file itself: deleted bytes are overwritten, the search index is merged
 * and the write-ahead log emptied, so no trace stays in the file on disk. Backups and
 * exports made before keep what they hold. Merging the search index reads all of it
 * (seconds for a large campaign): the window uses sb_campaign_forget_sender_async().
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

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  if (!forget_in_store (store, message_id, n_scans, error))
    return FALSE;
  if (!sb_store_in_transaction (store))
    g_signal_emit_by_name (self, "changed");
  return TRUE;
}

typedef struct
{
  char  *path;
  char  *operator_name;
  char  *message_id;
  guint  n_scans;
} ForgetData;

static void
forget_data_free (ForgetData *data)
{
  g_free (data->path);
  g_free (data->operator_name);
  g_free (data->message_id);
  g_free (data);
}

/* The thread has a connection of its own (as the importer's, src/io/sb-importer-async.c):
 * the window goes on reading while the index is merged. The file was checked when the
 * window opened it. */
static void
forget_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ForgetData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (data->path, SB_STORE_OPEN_NO_CHECK, &error);

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sb_store_set_operator (store, data->operator_name);
  if (!forget_in_store (store, data->message_id, &data->n_scans, &error))
    {
      sb_store_close (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sb_store_close (store);
  g_task_return_boolean (task, TRUE);
}

/**
 * sb_campaign_forget_sender_async:
 * @message_id: a message id (not a reference: the message is found again in the thread)
 *
 * sb_campaign_forget_sender() in a thread. The campaign announces the change
 * ("changed") from this thread when it is done.
 */
void
sb_campaign_forget_sender_async (SbCampaign          *self,
                                 const char          *message_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ForgetData *data;

  g_return_if_fail (SB_IS_CAMPAIGN (self));
  g_return_if_fail (message_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_campaign_forget_sender_async);
  data = g_new0 (ForgetData, 1);
  data->path = g_strdup (sb_campaign_get_path (self));
  data->operator_name = g_strdup (sb_campaign_get_operator (self));
  data->message_id = g_strdup (message_id);
  g_task_set_task_data (task, data, (GDestroyNotify) forget_data_free);
  g_task_run_in_thread (task, forget_thread);
}

/**
 * sb_campaign_forget_sender_finish:
 * @n_scans: (out) (optional): how many scans were removed
 */
gboolean
sb_campaign_forget_sender_finish (SbCampaign    *self,
                                  GAsyncResult  *result,
                                  guint         *n_scans,
                                  GError       **error)
{
  GTask *task = G_TASK (result);
  const ForgetData *data = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (n_scans != NULL)
    *n_scans = data->n_scans;
  g_signal_emit_by_name (self, "changed");
  return TRUE;
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

/**
 * sb_campaign_sender_is_forgotten:
 * @message_id: a message id
 *
 * Whether the message's sender was forgotten at their request. That is final: the
 * campaign refuses their name, city or contact typed on the message again (and
 * another office's earlier edit of them is erased as it arrives,
 * src/store/sb-store-changes-erasure.c).
 */
gboolean
sb_campaign_sender_is_forgotten (SbCampaign  *self,
                                 const char  *message_id,
                                 gboolean    *forgotten,
                                 GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  return sb_store_sender_is_erased (_sb_campaign_get_store (self), message_id, forgotten, error);
}
