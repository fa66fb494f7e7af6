/* sb-offices-page-retire.c — Stop Waiting… for a computer that will not exchange
 * again, and Wait Again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Old bundles": this office's old exchange files leave the folder
 * once every computer of the campaign has them; one that never exchanges again (a
 * laptop lost, or invited afresh) would keep them there for ever, unless this
 * office stops waiting for it (sb_campaign_retire_replica()).
 */

#define G_LOG_DOMAIN "sambot-offices"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-toast.h"
#include "sb-offices-page-private.h"

static void
retire (SbOfficesPage *self,
        const char    *replica_id,
        gboolean       retired)
{
  g_autoptr(GError) error = NULL;

  if (self->campaign == NULL ||
      !sb_campaign_retire_replica (self->campaign, replica_id, retired, &error))
    {
      if (error != NULL)
        _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  _sb_offices_page_refresh (self);
}

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbOfficesPage    *self)
{
  if (g_str_equal (response, "retire"))
    retire (self, g_object_get_data (G_OBJECT (dialog), "replica-id"), TRUE);
}

/* offices.retire (s): asks first. */
static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbOfficesPage *self = SB_OFFICES_PAGE (widget);
  const char *replica_id = g_variant_get_string (parameter, NULL);
  const char *name = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (self->rows->pdata[i], "replica-id"), replica_id) == 0)
      name = g_object_get_data (self->rows->pdata[i], "replica-name");
  if (name == NULL)
    return;
  /* Translators: %s is another office's computer, "KC-B". */
  heading = g_strdup_printf (_("Stop Waiting for %s?"), name);
  body = g_strdup_printf (_("Do this for a computer that will never exchange again, such as a "
                            "lost laptop or one that was invited afresh. This office's old "
                            "exchange files then leave the folder once the other offices have "
                            "them. If %s exchanges again, it may need a new invitation."), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "retire", _("_Stop Waiting"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "replica-id", g_strdup (replica_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* offices.wait-again (s) */
static void
wait_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  retire (SB_OFFICES_PAGE (widget), g_variant_get_string (parameter, NULL), FALSE);
}

/* The button at the end of another computer's row. */
void
_sb_offices_page_add_retire_button (SbOfficesPage   *self,
                                    GtkWidget       *row,
                                    const SbReplica *replica,
                                    const char      *name)
{
  GtkWidget *button;
  g_autofree char *tooltip = NULL;

  g_object_set_data_full (G_OBJECT (row), "replica-id", g_strdup (replica->id), g_free);
  g_object_set_data_full (G_OBJECT (row), "replica-name", g_strdup (name), g_free);
  button = gtk_button_new_with_mnemonic (replica->retired ? _("_Wait Again")
                                                          : _("_Stop Waiting…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                  replica->retired ? "offices.wait-again" : "offices.retire");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", replica->id);
  /* Translators: the tooltip and accessible description of Stop Waiting…/Wait
   * Again; %s is another office's computer, "KC-B". */
  tooltip = g_strdup_printf (replica->retired ? _("Wait for %s again before removing old "
                                                  "exchange files")
                                              : _("Remove old exchange files without waiting "
                                                  "for %s"), name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  tooltip, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

void
_sb_offices_page_retire_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "offices.retire", "s", retire_action);
  gtk_widget_class_install_action (widget_class, "offices.wait-again", "s", wait_again_action);
}
