/* sb-handover-dialog.c — records when, by whom and to whom a sealed batch went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-batches.h"
#include "sb-gui-format.h"
#include "sb-handover-dialog.h"

struct _SbHandoverDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  AdwEntryRow    *when_row;
  AdwEntryRow    *by_row;
  AdwEntryRow    *received_row;
  AdwEntryRow    *position_row;
  GtkLabel       *error_label;

  SbCampaign     *campaign;
  char           *batch_id;
};

G_DEFINE_FINAL_TYPE (SbHandoverDialog, sb_handover_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_problem (SbHandoverDialog *self,
              AdwEntryRow      *row,
              const char       *message)
{
  AdwEntryRow *rows[] = { self->when_row, self->by_row, self->received_row, self->position_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  if (row != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* "2016-10-08 09:30", as the core reads it. */
static gboolean
moment_is_valid (const char *text)
{
  g_autofree char *iso = g_strdup (text);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) moment = NULL;

  if (strlen (iso) < 16)
    return FALSE;
  if (iso[10] == ' ')
    iso[10] = 'T';
  if (strlen (iso) == 16)
    {
      char *longer = g_strconcat (iso, ":00", NULL);

      g_free (iso);
      iso = longer;
    }
  moment = g_date_time_new_from_iso8601 (iso, local);
  return moment != NULL;
}

/* Returns whether the form can be sent; shows what is wrong, but not what is merely
 * unfinished (an empty name). */
static gboolean
validate (SbHandoverDialog *self)
{
  g_autofree char *when = _sb_editable_dup_typed_digits (GTK_EDITABLE (self->when_row));
  g_autofree char *by = dup_text (self->by_row);
  g_autofree char *received = dup_text (self->received_row);

  if (*when != '\0' && !moment_is_valid (when))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a date and time. Write it like 2016-10-08 09:30."), when);

      show_problem (self, self->when_row, message);
      return FALSE;
    }
  show_problem (self, NULL, NULL);
  return *when != '\0' && *by != '\0' && *received != '\0';
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbHandoverDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handover.confirm", validate (self));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbHandoverDialog *self = SB_HANDOVER_DIALOG (widget);
  g_autofree char *when = _sb_editable_dup_typed_digits (GTK_EDITABLE (self->when_row));
  g_autofree char *by = dup_text (self->by_row);
  g_autofree char *received = dup_text (self->received_row);
  g_autofree char *position = dup_text (self->position_row);
  g_autoptr(GError) error = NULL;

  if (!validate (self))
    return;
  if (!sb_campaign_hand_over_batch (self->campaign, self->batch_id, when, by, received, position,
                                    &error))
    {
      /* Every check the form cannot make itself is about the moment (before the seal,
       * in the future) or the batch's state. */
      show_problem (self, g_error_matches (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED)
                          ? self->when_row : NULL, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_handover_dialog_dispose (GObject *object)
{
  SbHandoverDialog *self = SB_HANDOVER_DIALOG (object);

  g_clear_object (&self->campaign);
  g_clear_pointer (&self->batch_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_HANDOVER_DIALOG);

  G_OBJECT_CLASS (sb_handover_dialog_parent_class)->dispose (object);
}

static void
sb_handover_dialog_class_init (SbHandoverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_handover_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-handover-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbHandoverDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbHandoverDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, SbHandoverDialog, by_row);
  gtk_widget_class_bind_template_child (widget_class, SbHandoverDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, SbHandoverDialog, position_row);
  gtk_widget_class_bind_template_child (widget_class, SbHandoverDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "handover.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "handover.confirm", NULL);
}

static void
sb_handover_dialog_init (SbHandoverDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "handover.confirm", FALSE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_handover_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @batch_id: a sealed batch
 *
 * Returns: (transfer none): a new dialog, filled with now and the operator
 */
GtkWidget *
sb_handover_dialog_new (GtkWindow  *parent,
                        SbCampaign *campaign,
                        const char *batch_id)
{
  SbHandoverDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (batch_id != NULL, NULL);

  self = g_object_new (SB_TYPE_HANDOVER_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  self->batch_id = g_strdup (batch_id);
  /* Only the subtitle needs the batch: the handover itself reports its own errors. */
  batch = sb_campaign_get_batch (campaign, batch_id, &error);
  if (batch == NULL)
    show_problem (self, NULL, error->message);
  else if (batch->code != NULL)
    adw_window_title_set_subtitle (self->window_title, batch->code);
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
  gtk_editable_set_text (GTK_EDITABLE (self->by_row),
                         sb_campaign_get_operator (campaign) ? sb_campaign_get_operator (campaign) : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->received_row));
  return GTK_WIDGET (self);
}
