/* sb-window-integrity.c — SbWindow: a campaign that cannot be changed, and the check
 * after a session that did not close its campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-window-private.h"

/* ------------------------------------------------------------------------ */
/* A damaged file                                                           */
/* ------------------------------------------------------------------------ */

static void
damaged_response_cb (SbWindow       *self,
                     const char     *response,
                     AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "close") == 0)
    sb_window_close_campaign (self);
  else if (g_strcmp0 (response, "restore") == 0)
    _sb_window_restore_backup (self);
}

static void
show_damaged (SbWindow  *self,
              GPtrArray *problems)
{
  g_autofree char *name = g_path_get_basename (sb_campaign_get_path (self->campaign));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (ngettext ("Sambot was not closed properly last time, and a check of "
                                    "“%s” found %u problem: %s.\n\nTo be safe, restore your "
                                    "most recent backup of it. To list every problem, run "
                                    "“sambot-cli --campaign FILE check”.",
                                    "Sambot was not closed properly last time, and a check of "
                                    "“%s” found %u problems, the first: %s.\n\nTo be safe, "
                                    "restore your most recent backup of it. To list every "
                                    "problem, run “sambot-cli --campaign FILE check”.",
                                    problems->len),
                          name, problems->len, (const char *) g_ptr_array_index (problems, 0));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Campaign File Is Damaged"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Working"),
                                    "close", _("_Close Campaign"),
                                    "restore", _("_Restore from Backup…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (damaged_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  problems = sb_campaign_check_finish (SB_CAMPAIGN (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->campaign != SB_CAMPAIGN (source))
    return;
  g_clear_object (&self->check_cancellable);
  if (problems == NULL)
    {
      sb_window_show_error (self, _("Could Not Check the Campaign"), error);
      return;
    }
  if (problems->len > 0)
    show_damaged (self, problems);
  else
    sb_window_add_toast (self, adw_toast_new (_("Sambot was not closed properly last time; "
                                                "the campaign was checked and is sound")));
}

/* ------------------------------------------------------------------------ */
/* A copy of a read-only campaign                                           */
/* ------------------------------------------------------------------------ */

static void
copy_chosen_cb (SbWindow             *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean confirmed = TRUE;

  if (response == GTK_RESPONSE_ACCEPT && self->campaign != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path != NULL)
    {
      /* The chooser asked before replacing the file it gave, not one with a suffix added. */
      if (!g_str_has_suffix (path, ".sambot"))
        {
          char *with_suffix = g_strconcat (path, ".sambot", NULL);

          g_free (path);
          path = with_suffix;
          g_clear_object (&file);
          file = g_file_new_for_path (path);
          confirmed = FALSE;
        }
      if (!sb_campaign_backup (self->campaign, path, confirmed, &error) ||
          !sb_window_load (self, file, &error))
        sb_window_show_error (self, _("Could Not Save a Copy"), error);
      else
        sb_window_add_toast (self, adw_toast_new (_("This is the copy: changes are saved in it")));
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;

  if (self->campaign == NULL)
    return;
  basename = g_path_get_basename (sb_campaign_get_path (self->campaign));
  stem = g_str_has_suffix (basename, ".sambot")
         ? g_strndup (basename, strlen (basename) - strlen (".sambot")) : g_strdup (basename);
  /* TRANSLATORS: the name suggested for a copy of a campaign file; %s is its name */
  suggested = g_strdup_printf (_("%s (copy).sambot"), stem);

  chooser = gtk_file_chooser_native_new (_("Save a Copy of the Campaign"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_signal_connect_object (chooser, "response", G_CALLBACK (copy_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------ */
/* Internal                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * _sb_window_campaign_shown:
 *
 * After the window shows another campaign (or none): says whether it can be
 * changed, and checks its file in the background if the last session with it did
 * not close it (the program stopped, or the computer lost power).
 */
void
_sb_window_campaign_shown (SbWindow *self)
{
  g_autofree char *read_only = NULL;
  gboolean left_open = FALSE;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  read_only = self->campaign ? sb_campaign_describe_read_only (self->campaign) : NULL;
  gtk_label_set_text (self->read_only_label, read_only ? read_only : "");
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only != NULL);
  if (self->campaign == NULL)
    return;

  sb_campaign_start_session (self->campaign, &left_open);
  if (!left_open)
    return;
  self->check_cancellable = g_cancellable_new ();
  sb_campaign_check_async (self->campaign, NULL, NULL, self->check_cancellable, check_done_cb,
                           g_object_ref (self));
}

void
_sb_window_integrity_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
}
