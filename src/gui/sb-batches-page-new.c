/* sb-batches-page-new.c — New Batch…: the facility, and what waits there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batches-page-private.h"
#include "sb-batches.h"
#include "sb-facility-editor.h"
#include "sb-gui-format.h"

static void
new_batch_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SbBatchesPage    *self)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *facilities = g_object_get_data (G_OBJECT (dialog), "sb-facilities");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *problem;

  if (!g_str_equal (response, "create") || self->campaign == NULL || selected >= facilities->len)
    return;
  batch = sb_campaign_create_batch (self->campaign,
                                    ((SbFacility *) g_ptr_array_index (facilities, selected))->id,
                                    &error);
  if (batch != NULL)
    {
      sb_batches_page_select_batch (self, batch->id);
      adw_leaflet_set_visible_child (self->leaflet, self->view_pane);
      return;
    }
  problem = ADW_MESSAGE_DIALOG (adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                                        _("Could Not Create the Batch"),
                                                        error->message));
  adw_message_dialog_add_response (problem, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (problem));
}

/* The facility chosen has messages waiting, or the dialog says it has none and
 * Create is off (a batch of nothing cannot be made). */
static void
facility_chosen_cb (GtkDropDown      *dropdown,
                    GParamSpec       *pspec,
                    AdwMessageDialog *dialog)
{
  GArray *waiting = g_object_get_data (G_OBJECT (dialog), "sb-waiting");
  GPtrArray *facilities = g_object_get_data (G_OBJECT (dialog), "sb-facilities");
  guint selected = gtk_drop_down_get_selected (dropdown);
  gboolean none = selected >= waiting->len || g_array_index (waiting, guint, selected) == 0;

  if (none && selected < facilities->len)
    {
      g_autofree char *text =
        /* Translators: %s is a prison or other place of detention. */
        g_strdup_printf (_("No approved message is waiting for the people held at %s. "
                           "Approve messages for them in Messages first."),
                         sb_facility_get_name (g_ptr_array_index (facilities, selected)));

      adw_message_dialog_set_body (dialog, text);
    }
  else
    adw_message_dialog_set_body (dialog, _("Choose the facility. The batch fills with the "
                                           "approved messages waiting for the people held "
                                           "there, oldest first, up to its limit per batch; "
                                           "you can change them until it is sealed."));
  adw_message_dialog_set_response_enabled (dialog, "create", !none);
}

static void
no_facility_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SbBatchesPage    *self)
{
  if (g_str_equal (response, "add-facility") && self->campaign != NULL)
    sb_facility_editor_open (GTK_WIDGET (self), self->campaign, NULL);
}

/* A campaign without a place of detention has nowhere to deliver to: say so, and
 * offer to add one. */
static void
present_no_facility (SbBatchesPage *self,
                     GtkWindow     *parent)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("No Place of Detention Yet"),
                                                _("A batch is a delivery to one prison or other "
                                                  "place of detention. Add the place first, then "
                                                  "the detainees held there.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "add-facility", _("_Add Place of Detention…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add-facility", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add-facility");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (no_facility_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _sb_batches_page_new_batch:
 *
 * Asks for the facility of a new batch, saying how many messages wait for each,
 * and creates it; or says why no batch can be made yet.
 */
void
_sb_batches_page_new_batch (SbBatchesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWidget *dropdown;
  AdwMessageDialog *dialog;
  guint first_waiting = G_MAXUINT;

  if (self->campaign == NULL || self->facilities == NULL)
    return;
  if (self->facilities->len == 0)
    {
      present_no_facility (self, parent);
      return;
    }
  for (guint i = 0; i < self->facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (self->facilities, i);
      g_autoptr(GPtrArray) eligible = sb_campaign_list_eligible_copies (self->campaign, facility->id, NULL);
      guint n = eligible ? eligible->len : 0;
      g_autofree char *n_text = _sb_format_number (n);
      /* Translators: a facility, and how many messages wait to be taken there (the second
       * %s is a number such as 49). */
      g_autofree char *label = g_strdup_printf (ngettext ("%s — %s message waiting",
                                                          "%s — %s messages waiting", n),
                                                sb_facility_get_name (facility), n_text);

      gtk_string_list_append (names, label);
      g_array_append_val (waiting, n);
      if (n > 0 && first_waiting == G_MAXUINT)
        first_waiting = i;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Facility"), -1);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("New Batch"), NULL));
  adw_message_dialog_set_extra_child (dialog, dropdown);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sb-waiting", g_steal_pointer (&waiting),
                          (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "sb-facilities", g_ptr_array_ref (self->facilities),
                          (GDestroyNotify) g_ptr_array_unref);
  /* Start on a facility that has something to deliver. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), first_waiting != G_MAXUINT ? first_waiting : 0);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (facility_chosen_cb), dialog, 0);
  facility_chosen_cb (GTK_DROP_DOWN (dropdown), NULL, dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_batch_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
