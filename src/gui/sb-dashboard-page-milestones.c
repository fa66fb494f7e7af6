/* sb-dashboard-page-milestones.c — the Dashboard's milestones: the days the timeline
 * infographic marks, listed, added through a dialog and removed with an undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-breakdown.h"
#include "sb-dashboard-page-private.h"
#include "sb-gui-format.h"
#include "sb-gui-toast.h"
#include "sb-milestone-dialog.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* What happened, in Khmer when the interface is and there is a Khmer label. */
static const char *
milestone_label (const SbMilestone *milestone)
{
  if (g_str_equal (sb_interface_language (), "km") &&
      milestone->label_km != NULL && *milestone->label_km != '\0')
    return milestone->label_km;
  return milestone->label_en;
}

static void
add_row (SbDashboardPage *self,
         GtkWidget       *row)
{
  adw_preferences_group_add (self->milestones_group, row);
  g_ptr_array_add (self->milestone_rows, row);
}

static GtkWidget *
milestone_row_new (const SbMilestone *milestone)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *date = _sb_format_long_date (milestone->day);
  g_autofree char *remove = NULL;
  const char *label = milestone_label (milestone);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, date,
                                  -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  /* Translators: %s is what happened on a milestone, e.g. “First hearing”. */
  remove = g_strdup_printf (_("Remove “%s”"), label);
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dashboard.remove-milestone");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", milestone->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

/* What the Undo of a removal puts back: the milestone kept whole, the campaign it
 * was removed from, and the page (weakly: the toast may outlive it). Freed with
 * the toast's handler. */
typedef struct
{
  GWeakRef     page;
  SbCampaign  *campaign;
  SbMilestone *milestone;
} UndoRemove;

static void
undo_remove_free (gpointer  data,
                  GClosure *closure)
{
  UndoRemove *undo = data;

  g_weak_ref_clear (&undo->page);
  g_object_unref (undo->campaign);
  sb_milestone_free (undo->milestone);
  g_free (undo);
}

/* Undo puts the same milestone back, in the campaign it was removed from. */
static void
undo_remove_cb (AdwToast   *removed,
                UndoRemove *undo)
{
  g_autoptr(SbDashboardPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(SbMilestone) again = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  again = sb_milestone_copy (undo->milestone);
  if (!sb_campaign_add_milestone (undo->campaign, again, &error))
    _sb_gui_report_error (GTK_WIDGET (self), error);
}

/* ------------------------------------------------------------------------ */
/* Shared with sb-dashboard-page.c                                          */
/* ------------------------------------------------------------------------ */

/* Lists the campaign's milestones again, earliest first. */
void
_sb_dashboard_page_show_milestones (SbDashboardPage *self)
{
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->milestone_rows->len; i++)
    adw_preferences_group_remove (self->milestones_group,
                                  g_ptr_array_index (self->milestone_rows, i));
  g_ptr_array_set_size (self->milestone_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->milestones_group), self->campaign != NULL);
  if (self->campaign == NULL)
    return;

  milestones = sb_campaign_list_milestones (self->campaign, &error);
  if (milestones == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      add_row (self, row);
      return;
    }
  if (milestones->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No milestones yet"));
      add_row (self, row);
    }
  for (guint i = 0; i < milestones->len; i++)
    add_row (self, milestone_row_new (g_ptr_array_index (milestones, i)));
}

void
_sb_dashboard_page_add_milestone (SbDashboardPage *self)
{
  GtkWidget *dialog;

  if (self->campaign == NULL)
    return;
  dialog = sb_milestone_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    self->campaign);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Removed at once, with an undo: nothing to confirm, nothing lost. */
void
_sb_dashboard_page_remove_milestone (SbDashboardPage *self,
                                     const char      *id)
{
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  SbMilestone *milestone = NULL;
  AdwToast *removed;
  UndoRemove *undo;

  if (self->campaign == NULL)
    return;
  /* Kept whole for the undo. */
  milestones = sb_campaign_list_milestones (self->campaign, &error);
  for (guint i = 0; milestones != NULL && milestone == NULL && i < milestones->len; i++)
    if (g_str_equal (((SbMilestone *) g_ptr_array_index (milestones, i))->id, id))
      milestone = g_ptr_array_steal_index (milestones, i);
  if (milestone == NULL || !sb_campaign_remove_milestone (self->campaign, id, &error))
    {
      g_clear_pointer (&milestone, sb_milestone_free);
      if (error != NULL)
        _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }

  /* Translators: %s is what happened on a milestone, e.g. “First hearing”. */
  escaped = g_markup_escape_text (milestone_label (milestone), -1);   /* toasts take markup */
  title = g_strdup_printf (_("“%s” removed"), escaped);
  removed = adw_toast_new (title);
  adw_toast_set_button_label (removed, _("_Undo"));
  adw_toast_set_priority (removed, ADW_TOAST_PRIORITY_HIGH);
  undo = g_new0 (UndoRemove, 1);
  g_weak_ref_init (&undo->page, self);
  undo->campaign = g_object_ref (self->campaign);
  undo->milestone = milestone;
  g_signal_connect_data (removed, "button-clicked", G_CALLBACK (undo_remove_cb), undo,
                         undo_remove_free, 0);
  _sb_gui_add_toast (GTK_WIDGET (self), removed);
}
