/* sb-window-dialogs.c — SbWindow's dialogs: new campaign, open campaign, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-new-campaign-dialog.h"
#include "sb-window-private.h"

/* The new campaign's name and office code while its file is chosen, and the
 * window to show it in (weakly: the chooser may outlive it). Freed with the
 * chooser's response handler. */
typedef struct
{
  GWeakRef  window;
  char     *name;
  char     *office_code;
} NewCampaign;

static void
new_campaign_free (gpointer  data,
                   GClosure *closure)
{
  NewCampaign *request = data;

  g_weak_ref_clear (&request->window);
  g_free (request->name);
  g_free (request->office_code);
  g_free (request);
}

static GtkFileFilter *
campaign_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Sambot Campaigns"));
  gtk_file_filter_add_pattern (filter, "*.sambot");
  return filter;
}

/* ------------------------------------------------------------------------ */
/* New campaign: name and office code, then where to keep it                */
/* ------------------------------------------------------------------------ */

static void
new_campaign_file_chosen_cb (GtkFileChooserNative *chooser,
                             int                   response,
                             NewCampaign          *request)
{
  g_autoptr(SbWindow) self = g_weak_ref_get (&request->window);
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  /* The window closed under the chooser: nothing to show the campaign in. */
  if (self == NULL)
    return;
  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;
  if (!g_str_has_suffix (path, ".sambot"))
    {
      char *with_suffix = g_strconcat (path, ".sambot", NULL);

      g_free (path);
      path = with_suffix;
    }

  campaign = sb_campaign_create (path, request->name, request->office_code, &error);
  if (campaign == NULL)
    {
      sb_window_show_error (self, _("Could Not Create the Campaign"), error);
      goto out;
    }

  sb_window_close_campaign (self);
  sb_window_set_campaign (self, campaign);
  sb_window_add_toast (self, adw_toast_new (_("Campaign created")));

out:
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
new_campaign_dialog_response_cb (SbWindow            *self,
                                 const char          *response,
                                 SbNewCampaignDialog *dialog)
{
  GtkFileChooserNative *chooser;
  NewCampaign *request;
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = campaign_filter_new ();

  if (g_strcmp0 (response, "create") != 0)
    return;

  request = g_new0 (NewCampaign, 1);
  g_weak_ref_init (&request->window, self);
  request->name = sb_new_campaign_dialog_dup_name (dialog);
  request->office_code = sb_new_campaign_dialog_dup_office_code (dialog);

  chooser = gtk_file_chooser_native_new (_("Save the New Campaign"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Create"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  suggested = g_strdelimit (g_strconcat (request->name, ".sambot", NULL), "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_data (chooser, "response", G_CALLBACK (new_campaign_file_chosen_cb),
                         request, new_campaign_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * sb_window_new_campaign:
 *
 * Asks for the new campaign's name and office code, then where to save it, and
 * shows it.
 */
void
sb_window_new_campaign (SbWindow *self)
{
  GtkWidget *dialog;

  g_return_if_fail (SB_IS_WINDOW (self));

  dialog = sb_new_campaign_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (new_campaign_dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Open                                                                     */
/* ------------------------------------------------------------------------ */

static void
open_file_chosen_cb (SbWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sb_window_open (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/**
 * sb_window_choose_campaign:
 *
 * Lets the person pick a campaign file and opens it.
 */
void
sb_window_choose_campaign (SbWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = campaign_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (SB_IS_WINDOW (self));

  chooser = gtk_file_chooser_native_new (_("Open a Campaign"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (open_file_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/**
 * sb_window_show_error:
 * @heading: what failed, as a title ("Could Not Open the Campaign")
 * @error: why; its message comes from the core and says what to do
 *
 * Tells the person in a dialog; the window stays as it was.
 */
void
sb_window_show_error (SbWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       error ? error->message : NULL));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
