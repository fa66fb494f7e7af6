/* sb-export-dialog-file.c — Export…: where to write, asked with a file chooser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file chooser suggests a name and asks before a file is replaced; for the scans
 * it asks for the folder in which their own folder is made.
 */

#define G_LOG_DOMAIN "sambot-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-export-dialog-private.h"

/* "freethe5kh-messages-2026-12-04.csv": the campaign's file name, what, and today. */
static char *
suggested_name (SbExportDialog *self)
{
  static const char *const names[] = { "messages", "copies", "batches" };
  g_autofree char *base = g_path_get_basename (sb_campaign_get_path (self->campaign));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s-%s-%s.%s", base, names[_sb_export_dialog_chosen_table (self)], today,
                          _sb_export_dialog_json_chosen (self) ? "json" : "csv");
}

static void
file_chosen_cb (SbExportDialog       *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    sb_export_dialog_export_to (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;

  if (self->busy)
    return;
  if (_sb_export_dialog_scans_chosen (self))
    chooser = gtk_file_chooser_native_new (_("Choose Where to Put the Scans"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Export"), _("_Cancel"));
  else
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *name = suggested_name (self);
      gboolean json = _sb_export_dialog_json_chosen (self);

      chooser = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
      gtk_file_filter_set_name (filter, json ? _("JSON Files") : _("CSV Files"));
      gtk_file_filter_add_pattern (filter, json ? "*.json" : "*.csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sb_export_dialog_class_init_file (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
}
