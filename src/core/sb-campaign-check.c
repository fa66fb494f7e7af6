/* sb-campaign-check.c — is the campaign file sound? and did the last session end cleanly?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store checks the file and the rules it can state in SQL (sb-store-check.c);
 * here the rule that needs the core: a sealed batch still has the digest it was
 * sealed with (docs/manifest-digest.md).
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sb-batches.h"
#include "sb-campaign-private.h"
#include "sb-progress-relay.h"

/* The store's part of the whole check: the digests take the rest. */
#define STORE_SHARE 0.9

typedef struct
{
  SbCheckProgress  progress;
  gpointer         user_data;
} Progress;

static void
store_progress_cb (double   fraction,
                   gpointer user_data)
{
  Progress *progress = user_data;

  progress->progress (fraction * STORE_SHARE, progress->user_data);
}

static gboolean
check_digests (SbCampaign    *self,
               Progress      *progress,
               GCancellable  *cancellable,
               GPtrArray     *problems,
               GError       **error)
{
  g_autoptr(GPtrArray) batches = sb_campaign_list_batches (self, NULL, error);

  if (batches == NULL)
    return FALSE;
  for (guint i = 0; i < batches->len; i++)
    {
      const SbBatch *batch = g_ptr_array_index (batches, i);
      g_autoptr(SbBatchListing) listing = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *computed = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (batch->digest == NULL)
        continue;
      listing = sb_campaign_get_batch_listing (self, batch->id, &local_error);
      if (listing == NULL)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("Batch %s cannot be read: %s"),
                                            batch->code ? batch->code : batch->id,
                                            local_error->message));
          continue;
        }
      computed = sb_batch_listing_digest (listing);
      if (!g_str_equal (computed, batch->digest))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Batch %s no longer has the digest it was sealed "
                                            "with: an item changed after its manifest was "
                                            "printed"), batch->code ? batch->code : batch->id));
      if (progress->progress != NULL)
        progress->progress (STORE_SHARE + (1.0 - STORE_SHARE) * (i + 1) / batches->len,
                            progress->user_data);
    }
  return TRUE;
}

/**
 * sb_campaign_check_full:
 * @progress: (nullable) (scope call): told how far the check is, in this thread
 * @cancellable: (nullable): stops the check with %G_IO_ERROR_CANCELLED
 * @problems: (out) (element-type utf8): one sentence per problem; empty when sound
 *
 * The whole check of the campaign file (see sb_store_check_full()), and every sealed
 * batch's digest recomputed from its items. Reads the whole file, in this thread,
 * through the campaign's own connection: for the app, see sb_campaign_check_async().
 *
 * Returns: %FALSE with @error set if the check could not run to the end
 */
gboolean
sb_campaign_check_full (SbCampaign       *self,
                        SbCheckProgress   progress,
                        gpointer          user_data,
                        GCancellable     *cancellable,
                        GPtrArray       **problems,
                        GError          **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  Progress p = { progress, user_data };
  gboolean damaged = FALSE;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (!sb_store_check_full (_sb_campaign_get_store (self), progress ? store_progress_cb : NULL,
                            &p, cancellable, found, &damaged, error))
    return FALSE;
  /* Damaged pages would only fail the digests again, in other words. */
  if (!damaged && !check_digests (self, &p, cancellable, found, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, user_data);
  *problems = g_steal_pointer (&found);
  return TRUE;
}

/**
 * sb_campaign_check:
 * @problems: (out) (element-type utf8): what is wrong with the file; empty if sound
 *
 * sb_campaign_check_full() without progress or cancelling.
 */
gboolean
sb_campaign_check (SbCampaign  *self,
                   GPtrArray  **problems,
                   GError     **error)
{
  return sb_campaign_check_full (self, NULL, NULL, NULL, problems, error);
}

/**
 * sb_campaign_check_file:
 * @path: a campaign file
 *
 * Opens @path read-only on a connection of its own, without the check at open, and
 * checks it as sb_campaign_check_full() does; a file too damaged to open is one
 * problem found. Safe in any thread.
 *
 * Returns: (transfer full) (element-type utf8): the problems found, empty if the file
 *   is sound; %NULL with @error set if it is not a campaign or could not be checked
 */
GPtrArray *
sb_campaign_check_file (const char    *path,
                        SbCheckProgress progress,
                        gpointer        user_data,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  GPtrArray *problems = NULL;
  SbStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = sb_store_open (path, SB_STORE_OPEN_READ_ONLY | SB_STORE_OPEN_NO_CHECK, &local_error);
  if (store == NULL)
    {
      if (!g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      problems = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (problems, g_strdup (local_error->message));
      return problems;
    }
  campaign = _sb_campaign_new_for_store (store);
  if (!sb_campaign_check_full (campaign, progress, user_data, cancellable, &problems, error))
    return NULL;
  return problems;
}

/* ------------------------------------------------------------------------ */
/* In the background                                                        */
/* ------------------------------------------------------------------------ */

typedef struct
{
  char            *path;
  SbProgressRelay *relay;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_free (data->path);
  _sb_progress_relay_free (data->relay);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  GError *error = NULL;
  GPtrArray *problems = sb_campaign_check_file (data->path, _sb_progress_relay_report,
                                                data->relay, cancellable, &error);

  if (problems == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, problems, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * sb_campaign_check_async:
 * @progress: (nullable): told how far the check is, in the thread that called this;
 *   it may still be called until @callback runs, so @progress_data must live until then
 *
 * Checks the campaign's file in a worker thread, through a read-only connection of
 * its own, while the campaign goes on being used (see sb_campaign_check_file()).
 */
void
sb_campaign_check_async (SbCampaign          *self,
                         SbCheckProgress      progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (SB_IS_CAMPAIGN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_campaign_check_async);
  data = g_new0 (CheckData, 1);
  data->path = g_strdup (sb_campaign_get_path (self));
  data->relay = _sb_progress_relay_new (task, progress, progress_data);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * sb_campaign_check_finish:
 *
 * Returns: (transfer full) (element-type utf8): the problems found, empty if the file
 *   is sound; %NULL with @error set if the check could not run
 */
GPtrArray *
sb_campaign_check_finish (SbCampaign    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Sessions                                                                 */
/* ------------------------------------------------------------------------ */

/* A marker written by a program that is still running (this one included)? */
static gboolean
marker_is_alive (const char *contents)
{
  g_auto(GStrv) fields = g_strsplit (contents, " ", 2);
  gint64 pid;

  if (g_strv_length (fields) < 2)
    return FALSE;
  pid = g_ascii_strtoll (fields[0], NULL, 10);
  g_strstrip (fields[1]);
  if (pid <= 0 || pid > G_MAXINT || !g_str_equal (fields[1], g_get_host_name ()))
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/**
 * sb_campaign_start_session:
 * @left_open: (out): whether the last session with this file did not end cleanly
 *   (the program stopped or the computer lost power before closing it)
 *
 * For the app, which keeps a campaign open for hours: writes a small marker file
 * beside the campaign ("FILE-open"), removed when the campaign closes. A marker
 * that is still there, from a program no longer running, means the last session did
 * not close the file: worth a full check (sb_campaign_check_async()). Nothing is
 * written for a read-only campaign, or while another running Sambot has the file.
 *
 * Returns: %TRUE if this campaign now owns the marker
 */
gboolean
sb_campaign_start_session (SbCampaign *self,
                           gboolean   *left_open)
{
  g_autofree char *marker = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *mine = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (left_open != NULL, FALSE);

  marker = g_strconcat (sb_campaign_get_path (self), "-open", NULL);
  *left_open = FALSE;
  if (g_file_get_contents (marker, &contents, NULL, NULL))
    {
      if (marker_is_alive (contents))
        return FALSE;
      *left_open = TRUE;
    }
  if (sb_campaign_is_read_only (self))
    return FALSE;
  mine = g_strdup_printf ("%d %s\n", (int) getpid (), g_get_host_name ());
  if (!g_file_set_contents (marker, mine, -1, NULL))
    return FALSE;
  _sb_campaign_set_session_marker (self, g_steal_pointer (&marker));
  return TRUE;
}

/**
 * sb_campaign_describe_read_only:
 *
 * Returns: (transfer full) (nullable): why the campaign cannot be changed and what to
 *   do, as a sentence; %NULL when it can be changed
 */
char *
sb_campaign_describe_read_only (SbCampaign *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_describe_read_only (_sb_campaign_get_store (self));
}
