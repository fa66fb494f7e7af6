/* sb-export-job.c — an export of the app, run in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thread opens the campaign file a second time, read-only: its own connection,
 * as the import does (src/io/sb-importer-async.c), so the window keeps working on
 * the campaign while a large export runs. The writing itself is the io layer's
 * (src/io/sb-export.c): the same files as `sambot-cli export`.
 */

#define G_LOG_DOMAIN "sambot-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-export-job.h"
#include "sb-gui-format.h"
#include "sb-io-error.h"

void
_sb_export_job_free (SbExportJob *job)
{
  if (job == NULL)
    return;
  g_free (job->campaign_path);
  g_free (job->target);
  g_free (job->written);
  g_free (job);
}

/* The file chooser asked before a file was chosen over an existing one, and the
 * person said to replace it: the export is written beside it and takes its place in
 * one step, so the old file stays whole if the export fails. */
static gboolean
replace_file (SbExportJob  *job,
              SbCampaign   *campaign,
              GError      **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *name = NULL;
  int code;

  for (guint tries = 0; partial == NULL; tries++)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *candidate = g_strdup_printf ("%s.%08x.partial", job->target,
                                                    g_random_int ());

      if (sb_export_write (campaign, job->what, job->format, job->flags, candidate,
                           &job->count, &local))
        partial = g_steal_pointer (&candidate);
      else if (tries > 3 || !g_error_matches (local, SB_IO_ERROR, SB_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  if (g_rename (partial, job->target) == 0)
    return TRUE;
  code = errno;
  g_unlink (partial);
  name = g_filename_display_name (job->target);
  g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_WRITE,
               _("Cannot replace “%s”: %s. Choose another name; nothing was changed."),
               name, g_strerror (code));
  return FALSE;
}

/* The scans go into a new folder inside the one chosen ("freethe5kh-scans", or
 * "freethe5kh-scans-2"…), so that no file already there is ever in the way. */
static gboolean
export_scans (SbExportJob  *job,
              SbCampaign   *campaign,
              GError      **error)
{
  g_autofree char *base = g_path_get_basename (job->campaign_path);
  char *dot = strrchr (base, '.');
  g_autofree char *folder = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  for (guint n = 1; folder == NULL; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-scans", base)
                                     : g_strdup_printf ("%s-scans-%u", base, n);
      g_autofree char *candidate = g_build_filename (job->target, name, NULL);

      if (g_mkdir (candidate, 0700) == 0)
        folder = g_steal_pointer (&candidate);
      else if (errno != EEXIST || n > 99)
        {
          int code = errno;
          g_autofree char *display = g_filename_display_name (job->target);

          g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_WRITE,
                       _("Cannot make a folder in “%s”: %s. Choose a folder you may write in."),
                       display, g_strerror (code));
          return FALSE;
        }
    }
  job->written = g_strdup (folder);
  if (!sb_export_scans (campaign, folder, &job->count, error))
    return FALSE;
  if (job->count == 0)
    g_rmdir (folder);
  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SbExportJob *job = task_data;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  campaign = sb_campaign_open (job->campaign_path, TRUE, &error);
  if (campaign == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->scans)
    ok = export_scans (job, campaign, &error);
  else if (g_file_test (job->target, G_FILE_TEST_EXISTS))
    ok = replace_file (job, campaign, &error);
  else
    ok = sb_export_write (campaign, job->what, job->format, job->flags, job->target,
                          &job->count, &error);
  if (ok && job->written == NULL)
    job->written = g_strdup (job->target);
  sb_campaign_close (campaign);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * _sb_export_job_run_async:
 * @job: (transfer full): what to export, and where
 *
 * Runs @job in a thread; @callback gets a task whose task data is @job.
 */
void
_sb_export_job_run_async (gpointer             source_object,
                          SbExportJob         *job,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, NULL, callback, user_data);

  g_task_set_source_tag (task, _sb_export_job_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) _sb_export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * _sb_export_job_describe:
 *
 * Returns: (transfer full): what a finished @job wrote, in a sentence for a toast:
 *   "1,234 messages exported to “messages.csv”"
 */
char *
_sb_export_job_describe (const SbExportJob *job)
{
  g_autofree char *count = _sb_format_number (job->count);
  g_autofree char *name = g_filename_display_basename (job->written);

  if (job->scans)
    {
      if (job->count == 0)
        return g_strdup (_("This campaign has no scans yet: nothing was exported"));
      /* Translators: %1$s is a number ("12"), %2$s a folder's name. */
      return g_strdup_printf (ngettext ("%1$s scan exported to the folder “%2$s”",
                                        "%1$s scans exported to the folder “%2$s”",
                                        job->count), count, name);
    }
  switch (job->what)
    {
    case SB_EXPORT_COPIES:
      /* Translators: %1$s is a number ("1,234"), %2$s a file name. */
      return g_strdup_printf (ngettext ("%1$s copy exported to “%2$s”",
                                        "%1$s copies exported to “%2$s”", job->count),
                              count, name);
    case SB_EXPORT_BATCHES:
      /* Translators: %1$s is a number ("12"), %2$s a file name. */
      return g_strdup_printf (ngettext ("%1$s batch exported to “%2$s”",
                                        "%1$s batches exported to “%2$s”", job->count),
                              count, name);
    case SB_EXPORT_MESSAGES:
    default:
      /* Translators: %1$s is a number ("1,234"), %2$s a file name. */
      return g_strdup_printf (ngettext ("%1$s message exported to “%2$s”",
                                        "%1$s messages exported to “%2$s”", job->count),
                              count, name);
    }
}
