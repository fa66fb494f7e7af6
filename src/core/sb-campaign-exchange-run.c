/* sb-campaign-exchange-run.c — sb_campaign_exchange(), its halves, and the same in a
 * worker thread with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The work is _sb_campaign_exchange_full() (sb-campaign-exchange-folder.c); these
 * tell the campaign's "changed" when something was applied.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <string.h>

#include "sb-exchange-private.h"
#include "sb-progress-relay.h"
#include "sb-store-changes.h"

static gboolean
exchange_sync (SbCampaign        *self,
               const char        *folder,
               gboolean           send,
               gboolean           receive,
               SbExchangeReport  *report,
               GCancellable      *cancellable,
               GError           **error)
{
  gboolean ok = _sb_campaign_exchange_full (self, folder, send, receive, NULL, NULL, report, cancellable, error);

  if (ok && report->changes_received > 0)
    {
      /* Announce what was applied, as any saved operation does. */
      ok = sb_store_begin (_sb_campaign_get_store (self), error) &&
           _sb_campaign_finish (self, TRUE, error);
    }
  return ok;
}

/**
 * sb_campaign_exchange:
 * @folder: (nullable): the exchange folder, or %NULL for the one set
 * @report: (out caller-allocates): what was sent, received, refused and held back;
 *   clear it with sb_exchange_report_clear()
 *
 * Writes this replica's new changes to @folder as one bundle (nothing when there
 * are none), then applies, in one transaction, every other replica's changes
 * found there that follow what this one holds. Bundles of another campaign or
 * altered are refused and left in the folder; a bundle whose predecessor is
 * missing waits, and @report says for which changes.
 */
gboolean
sb_campaign_exchange (SbCampaign        *self,
                      const char        *folder,
                      SbExchangeReport  *report,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  return exchange_sync (self, folder, TRUE, TRUE, report, cancellable, error);
}

/**
 * sb_campaign_send_changes:
 *
 * The first half of sb_campaign_exchange(): this replica's new changes written to
 * @folder, nothing read.
 */
gboolean
sb_campaign_send_changes (SbCampaign        *self,
                          const char        *folder,
                          SbExchangeReport  *report,
                          GError           **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  return exchange_sync (self, folder, TRUE, FALSE, report, NULL, error);
}

/**
 * sb_campaign_receive_changes:
 *
 * The second half of sb_campaign_exchange(): the other replicas' changes in
 * @folder applied, nothing written there.
 */
gboolean
sb_campaign_receive_changes (SbCampaign        *self,
                             const char        *folder,
                             SbExchangeReport  *report,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  return exchange_sync (self, folder, FALSE, TRUE, report, cancellable, error);
}

typedef struct
{
  char             *path;
  char             *folder;
  SbProgressRelay  *relay;
  SbExchangeReport  report;
} ExchangeTask;

static void
exchange_task_free (ExchangeTask *data)
{
  g_free (data->path);
  g_free (data->folder);
  _sb_progress_relay_free (data->relay);
  sb_exchange_report_clear (&data->report);
  g_free (data);
}

static void
exchange_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ExchangeTask *data = task_data;
  g_autoptr(SbCampaign) campaign = NULL;
  SbStore *store;
  GError *error = NULL;

  /* A connection of its own: the caller's goes on being used meanwhile. */
  store = sb_store_open (data->path, SB_STORE_OPEN_NO_CHECK, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  campaign = _sb_campaign_new_for_store (store);
  if (_sb_campaign_exchange_full (campaign, data->folder, TRUE, TRUE, _sb_progress_relay_report, data->relay,
                     &data->report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  sb_campaign_close (campaign);
}

/**
 * sb_campaign_exchange_async:
 * @progress: (nullable): told how far it is, in the thread that called this
 *
 * sb_campaign_exchange() in a worker thread, through a connection of its own.
 */
void
sb_campaign_exchange_async (SbCampaign          *self,
                            const char          *folder,
                            SbCheckProgress      progress,
                            gpointer             progress_data,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExchangeTask *data;

  g_return_if_fail (SB_IS_CAMPAIGN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_campaign_exchange_async);
  data = g_new0 (ExchangeTask, 1);
  data->path = g_strdup (sb_campaign_get_path (self));
  data->folder = g_strdup (folder);
  data->relay = _sb_progress_relay_new (task, progress, progress_data);
  g_task_set_task_data (task, data, (GDestroyNotify) exchange_task_free);
  g_task_run_in_thread (task, exchange_thread);
}

/**
 * sb_campaign_exchange_finish:
 * @report: (out caller-allocates): as for sb_campaign_exchange()
 */
gboolean
sb_campaign_exchange_finish (SbCampaign        *self,
                             GAsyncResult      *result,
                             SbExchangeReport  *report,
                             GError           **error)
{
  ExchangeTask *data;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  *report = data->report;
  memset (&data->report, 0, sizeof data->report);
  if (report->changes_received > 0)
    g_signal_emit_by_name (self, "changed");
  return TRUE;
}
