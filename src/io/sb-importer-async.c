/* sb-importer-async.c — importing in a thread, with progress and cancel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thread opens the campaign file a second time: its own connection, so the
 * window keeps reading the campaign as it was (WAL) while the import's transaction
 * is open, and never shares a prepared statement with it. When the import is
 * finished, the caller's campaign announces the change from the main thread.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-importer.h"

typedef struct
{
  SbCampaign           *campaign;       /* the caller's: touched in the main thread only */
  char                 *path;
  char                 *operator_name;
  gboolean              dry_run;
  SbImportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  GMainContext         *context;

  GMutex                lock;
  guint64               done;
  guint64               total;
  gboolean              update_pending;
} RunData;

static void
run_data_clear (RunData *data)
{
  g_clear_object (&data->campaign);
  g_free (data->path);
  g_free (data->operator_name);
  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);
  g_main_context_unref (data->context);
  g_mutex_clear (&data->lock);
}

static void
run_data_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) run_data_clear);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  RunData *data = user_data;
  guint64 done, total;

  g_mutex_lock (&data->lock);
  done = data->done;
  total = data->total;
  data->update_pending = FALSE;
  g_mutex_unlock (&data->lock);
  data->progress (done, total, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the thread: keeps the latest figures; one update at a time goes to the main
 * context, so a slow window never queues thousands of them. */
static void
progress_in_thread (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  RunData *data = user_data;
  gboolean schedule;

  g_mutex_lock (&data->lock);
  data->done = done;
  data->total = total;
  schedule = !data->update_pending;
  data->update_pending = TRUE;
  g_mutex_unlock (&data->lock);
  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, report_progress_cb, g_atomic_rc_box_acquire (data),
                             run_data_release);
      g_source_attach (source, data->context);
    }
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  SbImporter *importer = source_object;
  RunData *data = task_data;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  SbImportSummary *summary;

  campaign = sb_campaign_open (data->path, FALSE, &error);
  if (campaign == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->operator_name != NULL)
    sb_campaign_set_operator (campaign, data->operator_name);
  summary = sb_importer_run (importer, campaign, data->dry_run, cancellable,
                             data->progress ? progress_in_thread : NULL, data, &error);
  sb_campaign_close (campaign);
  if (summary == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) sb_import_summary_free);
}

/**
 * sb_importer_run_async:
 * @campaign: where the messages go; do not change it until the import is finished
 * @progress: (nullable): called in the thread-default main context of the caller
 *   with the rows done and in all
 * @progress_destroy: (nullable): frees @progress_data when no more calls will come
 *
 * Runs sb_importer_run() in a thread. Do not change the importer's mapping until
 * @callback is called.
 */
void
sb_importer_run_async (SbImporter           *self,
                       SbCampaign           *campaign,
                       gboolean              dry_run,
                       GCancellable         *cancellable,
                       SbImportProgressFunc  progress,
                       gpointer              progress_data,
                       GDestroyNotify        progress_destroy,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (SB_IS_IMPORTER (self));
  g_return_if_fail (SB_IS_CAMPAIGN (campaign));

  data = g_atomic_rc_box_new0 (RunData);
  data->campaign = g_object_ref (campaign);
  data->path = g_strdup (sb_campaign_get_path (campaign));
  data->operator_name = g_strdup (sb_campaign_get_operator (campaign));
  data->dry_run = dry_run;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  data->context = g_main_context_ref_thread_default ();
  g_mutex_init (&data->lock);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_importer_run_async);
  g_task_set_task_data (task, data, run_data_release);
  g_task_run_in_thread (task, run_thread);
}

/**
 * sb_importer_run_finish:
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled: nothing was imported)
 */
SbImportSummary *
sb_importer_run_finish (SbImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  SbImportSummary *summary;
  RunData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  summary = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (summary != NULL && !summary->dry_run && summary->imported + summary->duplicates > 0)
    g_signal_emit_by_name (data->campaign, "changed");
  return summary;
}
