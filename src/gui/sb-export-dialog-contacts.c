/* sb-export-dialog-contacts.c — Export…: the question before the senders' contacts
 * go in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The senders' contacts are left out unless the person turns them on and, asked
 * what that means, says so: the switch stays off until they answer.
 */

#define G_LOG_DOMAIN "sambot-export"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-export-dialog-private.h"

static void
contacts_response_cb (SbExportDialog   *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  self->contacts_agreed = g_strcmp0 (response, "include") == 0;
  if (self->contacts_agreed)
    gtk_switch_set_state (self->contacts_switch, TRUE);
  else
    gtk_switch_set_active (self->contacts_switch, FALSE);
}

/* Turning the contacts on asks first; the switch stays off until the answer. */
static gboolean
contacts_state_set_cb (SbExportDialog *self,
                       gboolean        state,
                       GtkSwitch      *contacts_switch)
{
  AdwMessageDialog *dialog;

  if (!state || self->contacts_agreed)
    {
      self->contacts_agreed = FALSE;
      return FALSE;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), _("Include Senders’ Contacts?"),
      _("The file will hold the e-mail addresses and phone numbers that senders gave the "
        "campaign, which they trusted it to keep private. Anyone who gets the file can read "
        "them.\n\nKeep the file safe: not on a shared drive, not sent by e-mail, and deleted "
        "once it has done its job. Without contacts, the file has everything else.")));
  adw_message_dialog_add_responses (dialog, "leave-out", _("_Leave Them Out"),
                                    "include", _("_Include Contacts"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "include", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "leave-out");
  adw_message_dialog_set_close_response (dialog, "leave-out");
  g_signal_connect_object (dialog, "response", G_CALLBACK (contacts_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Whether the contacts go in: only with the messages, and only once agreed. */
gboolean
_sb_export_dialog_contacts_chosen (SbExportDialog *self)
{
  return !_sb_export_dialog_scans_chosen (self)
         && _sb_export_dialog_chosen_table (self) == SB_EXPORT_MESSAGES
         && gtk_switch_get_active (self->contacts_switch)
         && gtk_switch_get_state (self->contacts_switch);
}

/* After the template is set. */
void
_sb_export_dialog_class_init_contacts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, contacts_state_set_cb);
}
