/* sb-messages-page-scans.c — Add Scans from a Folder: the chooser, the progress
 * under the list and the report at the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-format.h"
#include "sb-messages-page-private.h"
#include "sb-scan-folder.h"

static void
import_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  SbMessagesPage *self = user_data;
  g_autofree char *text = _sb_localise_digits (g_strdup_printf (_("Card %u of %u"), done, total));

  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScanFolderReport) report = sb_scan_folder_import_finish (SB_CAMPAIGN (source), result, &error);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->import_cancellable);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      heading = g_strdup (_("The Scans Could Not Be Added"));
      g_string_append (body, error->message);
    }
  else
    {
      g_autofree char *looked_at = NULL;

      heading = _sb_localise_digits (g_strdup_printf (ngettext ("%u New Postcard", "%u New Postcards",
                                                                report->cards),
                                                      report->cards));
      looked_at = _sb_localise_digits (g_strdup_printf (ngettext ("%u picture was looked at.",
                                                                  "%u pictures were looked at.",
                                                                  report->files),
                                                        report->files));
      g_string_append (body, looked_at);
      if (report->problems->len > 0)
        {
          g_string_append_printf (body, "\n\n%s\n", ngettext ("This file was left out:",
                                                              "These files were left out:",
                                                              report->problems->len));
          for (guint i = 0; i < MIN (report->problems->len, 8); i++)
            g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (report->problems, i));
          if (report->problems->len > 8)
            g_string_append_printf (body, "\n• …");
        }
      if (report->message_ids->len > 0)
        sb_messages_page_show_message (self, g_ptr_array_index (report->message_ids, 0));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  SbMessagesPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->campaign != NULL)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      self->import_cancellable = g_cancellable_new ();
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
      sb_scan_folder_import_async (self->campaign, folder, import_progress_cb, self,
                                   self->import_cancellable, imported_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

void
_sb_messages_page_add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (self->campaign == NULL || self->import_cancellable != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Add Scans from a Folder"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
