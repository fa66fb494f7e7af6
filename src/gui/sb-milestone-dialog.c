/* sb-milestone-dialog.c — adds a milestone (a launch, a hearing, a release…) to the
 * campaign's timeline, checked as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-breakdown.h"
#include "sb-gui-format.h"
#include "sb-milestone-dialog.h"

/* A date this short may still be being typed: it is only called wrong on Enter. */
#define FULL_DATE_CHARS 10

struct _SbMilestoneDialog
{
  AdwWindow    parent_instance;

  AdwEntryRow *day_row;
  AdwEntryRow *label_en_row;
  AdwEntryRow *label_km_row;
  GtkLabel    *error_label;

  SbCampaign  *campaign;
};

G_DEFINE_FINAL_TYPE (SbMilestoneDialog, sb_milestone_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static SbMilestone *
read_form (SbMilestoneDialog *self)
{
  SbMilestone *milestone = g_new0 (SbMilestone, 1);

  milestone->day = _sb_editable_dup_typed_digits (GTK_EDITABLE (self->day_row));
  milestone->label_en = dup_text (self->label_en_row);
  milestone->label_km = dup_text (self->label_km_row);
  return milestone;
}

static void
show_problem (SbMilestoneDialog *self,
              AdwEntryRow       *row,
              const char        *message)
{
  AdwEntryRow *rows[] = { self->day_row, self->label_en_row, self->label_km_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  if (row != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The core's own checks. Returns whether the milestone can be added; shows what is
 * wrong, but while @typing not what is merely unfinished (an empty field, a date
 * half typed). */
static gboolean
validate (SbMilestoneDialog *self,
          gboolean           typing)
{
  g_autoptr(SbMilestone) milestone = read_form (self);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  AdwEntryRow *row;

  if (sb_campaign_validate_milestone (self->campaign, milestone, &field, &error))
    {
      show_problem (self, NULL, NULL);
      return TRUE;
    }

  if (g_strcmp0 (field, "day") == 0)
    row = self->day_row;
  else if (g_strcmp0 (field, "label_km") == 0)
    row = self->label_km_row;
  else
    row = self->label_en_row;

  if (typing &&
      ((row == self->day_row && g_utf8_strlen (milestone->day, -1) < FULL_DATE_CHARS) ||
       (row == self->label_en_row && *milestone->label_en == '\0')))
    show_problem (self, NULL, NULL);
  else
    show_problem (self, row, error->message);
  return FALSE;
}

static void
add_milestone (SbMilestoneDialog *self)
{
  g_autoptr(SbMilestone) milestone = NULL;
  g_autoptr(GError) error = NULL;

  if (!validate (self, FALSE))
    return;
  milestone = read_form (self);
  if (!sb_campaign_add_milestone (self->campaign, milestone, &error))
    {
      show_problem (self, NULL, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbMilestoneDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "milestone.add", validate (self, TRUE));
}

/* Enter in any field adds the milestone, or says what stops it. */
static void
entry_activated_cb (SbMilestoneDialog *self)
{
  add_milestone (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  add_milestone (SB_MILESTONE_DIALOG (widget));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_milestone_dialog_dispose (GObject *object)
{
  SbMilestoneDialog *self = SB_MILESTONE_DIALOG (object);

  g_clear_object (&self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_MILESTONE_DIALOG);

  G_OBJECT_CLASS (sb_milestone_dialog_parent_class)->dispose (object);
}

static void
sb_milestone_dialog_class_init (SbMilestoneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_milestone_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-milestone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbMilestoneDialog, day_row);
  gtk_widget_class_bind_template_child (widget_class, SbMilestoneDialog, label_en_row);
  gtk_widget_class_bind_template_child (widget_class, SbMilestoneDialog, label_km_row);
  gtk_widget_class_bind_template_child (widget_class, SbMilestoneDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "milestone.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_milestone_dialog_init (SbMilestoneDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "milestone.add", FALSE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_milestone_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @campaign: the campaign to add the milestone to
 *
 * Returns: (transfer none): a new, empty dialog; it closes itself once the milestone
 *   is added
 */
GtkWidget *
sb_milestone_dialog_new (GtkWindow  *parent,
                         SbCampaign *campaign)
{
  SbMilestoneDialog *self;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (SB_TYPE_MILESTONE_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  gtk_widget_grab_focus (GTK_WIDGET (self->day_row));
  return GTK_WIDGET (self);
}
