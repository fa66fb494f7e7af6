/* sb-join-dialog.c — Join Campaign…: this computer's copy of a campaign, from an
 * invitation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invitation file, its passphrase and where to keep the new campaign file; Join
 * stays off until all three are there. sb_campaign_join() (docs/exchange.md) refuses
 * a wrong passphrase or a damaged invitation without creating anything: the dialog
 * says so and stays open. Once joined, the window opens the campaign as Open does.
 */

#define G_LOG_DOMAIN "sambot-offices"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-exchange.h"
#include "sb-gui-a11y.h"
#include "sb-gui-chooser.h"
#include "sb-join-dialog.h"
#include "sb-window.h"

struct _SbJoinDialog
{
  AdwWindow            parent_instance;

  AdwActionRow        *invitation_row;
  GtkWidget           *invitation_button;
  AdwPasswordEntryRow *passphrase_row;
  AdwActionRow        *campaign_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  char                *invitation_path;
  char                *campaign_path;
  gboolean             joining;
};

G_DEFINE_FINAL_TYPE (SbJoinDialog, sb_join_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
show_problem (SbJoinDialog *self,
              const char   *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update (SbJoinDialog *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  adw_action_row_set_subtitle (self->invitation_row,
                               self->invitation_path ? self->invitation_path : _("Not chosen yet"));
  adw_action_row_set_subtitle (self->campaign_row,
                               self->campaign_path ? self->campaign_path : _("Not chosen yet"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join.join",
                                 self->invitation_path != NULL && self->campaign_path != NULL &&
                                 passphrase[0] != '\0' && !self->joining);
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbJoinDialog *self)
{
  show_problem (self, NULL);
  update (self);
}

static gboolean
join_cb (gpointer user_data)
{
  g_autoptr(SbJoinDialog) self = user_data;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  self->joining = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  update (self);
  if (!sb_campaign_join (self->invitation_path,
                         gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)),
                         self->campaign_path, &error))
    {
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return G_SOURCE_REMOVE;
    }

  file = g_file_new_for_path (self->campaign_path);
  if (SB_IS_WINDOW (parent))
    sb_window_open (SB_WINDOW (parent), file);
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbJoinDialog *self = SB_JOIN_DIALOG (widget);

  /* The key derivation takes a moment: the spinner shows first. */
  self->joining = TRUE;
  show_problem (self, NULL);
  update (self);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  g_idle_add (join_cb, g_object_ref (self));
}

static void
invitation_chosen_cb (GtkWidget  *owner,
                      const char *path)
{
  sb_join_dialog_set_invitation_path (SB_JOIN_DIALOG (owner), path);
}

static void
campaign_chosen_cb (GtkWidget  *owner,
                    const char *path)
{
  sb_join_dialog_set_campaign_path (SB_JOIN_DIALOG (owner), path);
}

static void
choose_invitation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  _sb_gui_choose_path (widget, _("Open the Invitation"), GTK_FILE_CHOOSER_ACTION_OPEN,
                       _("_Open"), NULL, SB_JOIN_DIALOG (widget)->invitation_path,
                       invitation_chosen_cb);
}

static void
choose_campaign_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbJoinDialog *self = SB_JOIN_DIALOG (widget);
  g_autofree char *suggested = NULL;

  if (self->invitation_path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (self->invitation_path);
      char *dot = strrchr (basename, '.');

      if (dot != NULL && dot != basename)
        *dot = '\0';
      suggested = g_strconcat (basename, ".sambot", NULL);
    }
  _sb_gui_choose_path (widget, _("Save the Campaign"), GTK_FILE_CHOOSER_ACTION_SAVE,
                       _("_Save"), suggested, NULL, campaign_chosen_cb);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_join_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_JOIN_DIALOG);

  G_OBJECT_CLASS (sb_join_dialog_parent_class)->dispose (object);
}

static void
sb_join_dialog_finalize (GObject *object)
{
  SbJoinDialog *self = SB_JOIN_DIALOG (object);

  g_clear_pointer (&self->invitation_path, g_free);
  g_clear_pointer (&self->campaign_path, g_free);

  G_OBJECT_CLASS (sb_join_dialog_parent_class)->finalize (object);
}

static void
sb_join_dialog_class_init (SbJoinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_join_dialog_dispose;
  object_class->finalize = sb_join_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-join-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbJoinDialog, invitation_row);
  gtk_widget_class_bind_template_child (widget_class, SbJoinDialog, invitation_button);
  gtk_widget_class_bind_template_child (widget_class, SbJoinDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SbJoinDialog, campaign_row);
  gtk_widget_class_bind_template_child (widget_class, SbJoinDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SbJoinDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "join.join", NULL, join_action);
  gtk_widget_class_install_action (widget_class, "join.choose-invitation", NULL,
                                   choose_invitation_action);
  gtk_widget_class_install_action (widget_class, "join.choose-campaign", NULL,
                                   choose_campaign_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_join_dialog_init (SbJoinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* libadwaita 1.2 leaves the row's show-the-passphrase button unnamed. */
  sb_gui_a11y_name_descendants (GTK_WIDGET (self->passphrase_row), GTK_TYPE_BUTTON,
                                _("Show or Hide the Passphrase"));
  update (self);
  gtk_widget_grab_focus (self->invitation_button);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_join_dialog_new:
 * @parent: (nullable): the window to open the joined campaign in
 *
 * Returns: (transfer none): a new dialog; it closes itself once the campaign is joined
 */
GtkWidget *
sb_join_dialog_new (GtkWindow *parent)
{
  return g_object_new (SB_TYPE_JOIN_DIALOG, "transient-for", parent, NULL);
}

/**
 * sb_join_dialog_set_invitation_path:
 *
 * What Open… does with the invitation chosen.
 */
void
sb_join_dialog_set_invitation_path (SbJoinDialog *self,
                                    const char   *path)
{
  g_return_if_fail (SB_IS_JOIN_DIALOG (self));

  g_free (self->invitation_path);
  self->invitation_path = g_strdup (path);
  show_problem (self, NULL);
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

/**
 * sb_join_dialog_set_campaign_path:
 *
 * What Choose… does with the campaign file chosen; ".sambot" is added if missing.
 */
void
sb_join_dialog_set_campaign_path (SbJoinDialog *self,
                                  const char   *path)
{
  g_return_if_fail (SB_IS_JOIN_DIALOG (self));

  g_free (self->campaign_path);
  self->campaign_path = path == NULL || g_str_has_suffix (path, ".sambot")
                        ? g_strdup (path) : g_strconcat (path, ".sambot", NULL);
  show_problem (self, NULL);
  update (self);
}
