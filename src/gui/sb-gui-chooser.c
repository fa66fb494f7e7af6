/* sb-gui-chooser.c — choosing a file or a folder for a field of a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 has no GtkFileDialog: a GtkFileChooserNative (the portal's chooser where
 * there is one), modal over the form's window, and its answer as a local path.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-chooser.h"

typedef struct
{
  GWeakRef     owner;   /* the form may close while the chooser is up */
  SbPathChosen chosen;
} Request;

static void
request_free (gpointer  data,
              GClosure *closure)
{
  Request *request = data;

  g_weak_ref_clear (&request->owner);
  g_free (request);
}

static void
response_cb (GtkFileChooserNative *chooser,
             int                   response,
             Request              *request)
{
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&request->owner);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (owner != NULL && response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    request->chosen (owner, path);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/**
 * _sb_gui_choose_path:
 * @owner: the widget the path is for
 * @suggested_name: (nullable): a file name to start from, when saving
 * @current_path: (nullable): the file or folder chosen before
 * @chosen: told the path chosen
 *
 * Shows a file chooser over @owner's window.
 */
void
_sb_gui_choose_path (GtkWidget            *owner,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label,
                     const char           *suggested_name,
                     const char           *current_path,
                     SbPathChosen          chosen)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkFileChooserNative *chooser;
  Request *request = g_new0 (Request, 1);

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_path != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (current_path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
    }
  else if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_weak_ref_init (&request->owner, owner);
  request->chosen = chosen;
  g_signal_connect_data (chooser, "response", G_CALLBACK (response_cb), request,
                         request_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
