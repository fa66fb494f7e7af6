/* sb-campaign-open.c — opening a campaign file in the background, with the progress
 * of its update when an older Sambot wrote it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include "sb-campaign-private.h"
#include "sb-progress-relay.h"

/**
 * sb_campaign_needs_update:
 * @path: a file
 *
 * Returns: whether @path is a campaign file from an older Sambot, which opening it
 *   for writing will update (see sb_campaign_open_full()); reads only its header
 */
gboolean
sb_campaign_needs_update (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return sb_store_file_needs_update (path);
}

/**
 * sb_campaign_needs_new_keys:
 * @path: a file
 *
 * Returns: whether @path is a campaign file whose search index or sort order was
 *   made under another system's language rules (an upgraded ICU or GLib), which
 *   opening it for writing makes again (see sb_campaign_open_full()); reads two rows
 */
gboolean
sb_campaign_needs_new_keys (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);
  return sb_store_file_needs_new_keys (path);
}

/**
 * sb_campaign_open_full:
 * @progress: (nullable) (scope call): told how far the update of a file from an
 *   older Sambot is, then how far making its keys again is if it needs new ones
 *   (sb_campaign_needs_new_keys()), in this thread; not called when it needs neither
 *
 * sb_campaign_open() for a file that may need updating: at a million messages the
 * update takes minutes, and is done in one transaction (killed midway, the file is
 * as it was).
 */
SbCampaign *
sb_campaign_open_full (const char      *path,
                       gboolean         read_only,
                       SbCheckProgress  progress,
                       gpointer         user_data,
                       GError         **error)
{
  SbStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = sb_store_open_full (path, read_only ? SB_STORE_OPEN_READ_ONLY : SB_STORE_OPEN_DEFAULT,
                              progress, user_data, error);
  if (store == NULL)
    return NULL;
  return _sb_campaign_new_for_store (store);
}

typedef struct
{
  char            *path;
  SbProgressRelay *relay;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  _sb_progress_relay_free (data->relay);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  SbCampaign *campaign = sb_campaign_open_full (data->path, FALSE, _sb_progress_relay_report,
                                                data->relay, &error);

  if (campaign == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, campaign, g_object_unref);
}

/**
 * sb_campaign_open_async:
 * @progress: (nullable): told how far the update of an older file is, in the thread
 *   that called this; it may still be called until @callback runs, so @progress_data
 *   must live until then
 *
 * Opens @path for writing in a worker thread (see sb_campaign_open_full()). The
 * campaign is then used from the thread that called this.
 */
void
sb_campaign_open_async (const char          *path,
                        SbCheckProgress      progress,
                        gpointer             progress_data,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, sb_campaign_open_async);
  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  data->relay = _sb_progress_relay_new (task, progress, progress_data);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * sb_campaign_open_finish:
 *
 * Returns: (transfer full): the campaign, or %NULL with @error set as by
 *   sb_campaign_open()
 */
SbCampaign *
sb_campaign_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
