/* sb-message-editor-addressees.c — who a message is for: a toggle per detainee, and All
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toggling saves at once (sb_campaign_assign); a message always keeps at least one
 * addressee, so the last toggle cannot be turned off.
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-toast.h"
#include "sb-gui-format.h"
#include "sb-message-editor-private.h"

static void
assign_from_toggles (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->addressee_buttons->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->addressee_buttons, i)))
      g_ptr_array_add (wanted, g_ptr_array_index (self->detainee_ids, i));
  /* A card always has someone to go to: the last toggle cannot be turned off. */
  if (wanted->len == 0)
    return;
  g_ptr_array_add (wanted, NULL);
  if (!sb_campaign_assign (self->campaign, self->message->id,
                           (const char *const *) wanted->pdata, &error))
    {
      _sb_message_editor_show_error (self, error);
      _sb_message_editor_fill_addressees (self);
    }
}

static void
addressee_toggled_cb (GtkToggleButton *button,
                      SbMessageEditor *self)
{
  guint selected = 0;

  if (self->loading > 0 || self->message == NULL)
    return;
  for (guint i = 0; i < self->addressee_buttons->len; i++)
    selected += gtk_toggle_button_get_active (g_ptr_array_index (self->addressee_buttons, i));
  if (selected == 0)
    {
      self->loading++;
      gtk_toggle_button_set_active (button, TRUE);
      self->loading--;
      return;
    }
  if (self->all_button != NULL)
    {
      self->loading++;
      gtk_toggle_button_set_active (self->all_button, selected == self->addressee_buttons->len);
      self->loading--;
    }
  assign_from_toggles (self);
}

static void
all_toggled_cb (GtkToggleButton *button,
                SbMessageEditor *self)
{
  gboolean active = gtk_toggle_button_get_active (button);

  if (self->loading > 0 || self->message == NULL || !active)
    return;
  self->loading++;
  for (guint i = 0; i < self->addressee_buttons->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->addressee_buttons, i), TRUE);
  self->loading--;
  assign_from_toggles (self);
}

void
_sb_message_editor_fill_addressees (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;
  gboolean known;

  if (self->message != NULL &&
      (copies = sb_campaign_list_copies (self->campaign, self->message->id, &error)) == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  /* Toggles that do not show who the message is for cannot be changed: a toggle
   * would otherwise take the message from everyone not shown. */
  known = self->message == NULL || copies != NULL;
  if (self->all_button != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->all_button), known);
  self->loading++;
  for (guint i = 0; i < self->addressee_buttons->len; i++)
    {
      gboolean active = FALSE;

      gtk_widget_set_sensitive (g_ptr_array_index (self->addressee_buttons, i), known);

      for (guint j = 0; copies != NULL && j < copies->len && !active; j++)
        active = g_str_equal (((SbCopy *) g_ptr_array_index (copies, j))->detainee_id,
                              g_ptr_array_index (self->detainee_ids, i));
      gtk_toggle_button_set_active (g_ptr_array_index (self->addressee_buttons, i), active);
      selected += active;
    }
  if (self->all_button != NULL)
    gtk_toggle_button_set_active (self->all_button,
                                  selected > 0 && selected == self->addressee_buttons->len);
  self->loading--;
}

/* The flow box's own child around a toggle is no Tab stop of its own (the toggle is)
 * and is named as the toggle, not "GtkFlowBoxChild". */
static void
append_addressee (SbMessageEditor *self,
                  GtkWidget       *button,
                  const char      *name)
{
  GtkWidget *cell;

  gtk_flow_box_append (self->addressees_box, button);
  cell = gtk_widget_get_parent (button);
  gtk_widget_set_focusable (cell, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* One toggle per detainee, named in the interface language, and All. */
void
_sb_message_editor_fill_addressee_buttons (SbMessageEditor *self,
                                           GPtrArray       *detainees)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->addressees_box))) != NULL)
    gtk_flow_box_remove (self->addressees_box, child);
  g_ptr_array_set_size (self->detainee_ids, 0);
  g_ptr_array_set_size (self->addressee_buttons, 0);
  self->all_button = NULL;

  for (guint i = 0; detainees != NULL && i < detainees->len; i++)
    {
      const SbDetainee *detainee = g_ptr_array_index (detainees, i);
      const char *name = sb_detainee_get_name (detainee);
      GtkWidget *button = gtk_toggle_button_new_with_label (name);

      gtk_widget_add_css_class (button, "addressee");
      g_signal_connect_object (button, "toggled", G_CALLBACK (addressee_toggled_cb), self, 0);
      append_addressee (self, button, name);
      g_ptr_array_add (self->detainee_ids, g_strdup (detainee->id));
      g_ptr_array_add (self->addressee_buttons, button);
    }
  if (detainees != NULL && detainees->len > 1)
    {
      self->all_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("addressees", "All")));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->all_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("All detainees"), -1);
      gtk_widget_add_css_class (GTK_WIDGET (self->all_button), "addressee");
      g_signal_connect_object (self->all_button, "toggled", G_CALLBACK (all_toggled_cb), self, 0);
      append_addressee (self, GTK_WIDGET (self->all_button), _("All detainees"));
    }
}
