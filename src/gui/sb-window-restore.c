/* sb-window-restore.c — SbWindow's Restore from Backup…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person chooses a backup, is told what will happen, and confirms. The campaign
 * is closed (a campaign open anywhere is never written over), the backup is put in
 * its place in the background, and the campaign opens again: the restored one, or
 * the one that was there if the backup could not be restored. The campaign as it
 * was is kept beside it (src/store/sb-store-restore.c).
 */

#define G_LOG_DOMAIN "sambot-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-gui-format.h"
#include "sb-gui-toast.h"
#include "sb-window-private.h"

typedef struct
{
  SbWindow *window;
  char     *backup;
  char     *campaign_path;
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_clear_object (&restore->window);
  g_free (restore->backup);
  g_free (restore->campaign_path);
  g_free (restore);
}

static SbBackupKeeper *
dup_backup_keeper (SbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  SbBackupKeeper *keeper = SB_IS_APPLICATION (app)
                           ? sb_application_get_backup_keeper (SB_APPLICATION (app)) : NULL;

  return keeper != NULL ? g_object_ref (keeper) : sb_backup_keeper_new ();
}

/* "campaign.sambot.before-restore-2016-10-10", as the restore will name it. */
static char *
replaced_name (const char *campaign_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *base = g_filename_display_basename (campaign_path);

  return g_strdup_printf ("%s.before-restore-%s", base, day);
}

/* "28 November 2026, 14:02": when @path was last written. */
static char *
modified_moment (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_autoptr(GDateTime) modified = info ? g_file_info_get_modification_date_time (info) : NULL;
  g_autoptr(GDateTime) utc = modified ? g_date_time_to_utc (modified) : NULL;
  g_autofree char *iso = utc ? g_date_time_format_iso8601 (utc) : NULL;

  /* A backup that cannot be looked at is refused by the restore itself, which says why. */
  if (info == NULL)
    g_debug ("No time for %s: %s", path, error->message);
  return iso != NULL ? _sb_format_moment (iso) : NULL;
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Restore *restore = user_data;
  SbWindow *self = restore->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *replaced = NULL;
  g_autoptr(GFile) campaign = g_file_new_for_path (restore->campaign_path);
  gboolean ok;

  ok = sb_backup_keeper_restore_finish (SB_BACKUP_KEEPER (source), result, &replaced, &error);
  sb_window_open (self, campaign);
  if (!ok)
    sb_window_show_error (self, _("Could Not Restore the Backup"), error);
  else
    {
      g_autofree char *kept = replaced ? g_filename_display_basename (replaced) : NULL;
      g_autofree char *title = NULL;

      if (kept != NULL)
        /* Translators: %s is a file name, "campaign.sambot.before-restore-2026-11-28". */
        title = g_strdup_printf (_("Backup restored. The campaign as it was is kept as “%s”."),
                                 kept);
      else
        title = g_strdup (_("Backup restored"));
      _sb_gui_toast (GTK_WIDGET (self), title);
    }
  restore_free (restore);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Restore *restore = user_data;
  g_autoptr(SbBackupKeeper) keeper = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    {
      restore_free (restore);
      return;
    }
  keeper = dup_backup_keeper (restore->window);
  sb_window_close_campaign (restore->window);
  sb_window_add_toast (restore->window, adw_toast_new (_("Restoring the backup…")));
  sb_backup_keeper_restore_async (keeper, restore->backup, restore->campaign_path,
                                  restored_cb, restore);
}

static void
confirm (SbWindow   *self,
         const char *backup)
{
  const char *campaign_path = sb_campaign_get_path (self->campaign);
  g_autofree char *backup_name = g_filename_display_basename (backup);
  g_autofree char *campaign_name = g_filename_display_basename (campaign_path);
  g_autofree char *kept = replaced_name (campaign_path);
  g_autofree char *when = modified_moment (backup);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Restore *restore;

  /* Translators: %1$s is the backup's file name, %2$s when it was saved ("28 November
   * 2026, 14:02"), %3$s the campaign's file name, %4$s the name it is kept under. */
  body = g_strdup_printf (_("The campaign “%3$s” will be replaced by the backup “%1$s”, "
                            "saved on %2$s: what was done since then will no longer be in "
                            "it. The campaign as it is now is kept beside it as “%4$s”, so "
                            "nothing is lost."),
                          backup_name, when ? when : "", campaign_name, kept);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore This Backup?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  restore = g_new0 (Restore, 1);
  restore->window = g_object_ref (self);
  restore->backup = g_strdup (backup);
  restore->campaign_path = g_strdup (campaign_path);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), restore);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
backup_chosen_cb (SbWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path != NULL && self->campaign != NULL)
    _sb_window_confirm_restore (self, path);

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/**
 * _sb_window_confirm_restore:
 * @backup: the backup the person chose
 *
 * Says what restoring @backup over the campaign shown will do, and does it once
 * the person agrees.
 */
void
_sb_window_confirm_restore (SbWindow   *self,
                            const char *backup)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (self->campaign != NULL);

  confirm (self, backup);
}

/**
 * _sb_window_restore_backup:
 *
 * Restore from Backup…: lets the person choose a backup of the campaign shown
 * (in the backup folder, to begin with), then confirm.
 */
void
_sb_window_restore_backup (SbWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(SbBackupKeeper) keeper = dup_backup_keeper (self);
  g_autofree char *folder = sb_backup_keeper_dup_folder (keeper);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (SB_IS_WINDOW (self));

  if (self->campaign == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Restore from Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Sambot Campaigns and Backups"));
  gtk_file_filter_add_pattern (filter, "*.sambot");
  gtk_file_filter_add_pattern (filter, "*.bak");
  gtk_file_filter_add_pattern (filter, "*.before-restore-*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) start = g_file_new_for_path (folder);
      g_autoptr(GError) error = NULL;

      /* The chooser then opens where it likes: the person sees it and moves on. */
      if (!gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, &error))
        g_debug ("The chooser does not start in %s: %s", folder, error->message);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
