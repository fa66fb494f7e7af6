/* sb-invite-dialog.c — Invite Office…: an invitation file for another office's computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The office (a partner office of the campaign, or this office for one more
 * computer), a passphrase typed twice and where to save the file; Create stays off
 * until they are all there, and what the core refuses is said in the dialog, which
 * stays open. sb_campaign_invite_office() (docs/exchange.md) does the work.
 */

#define G_LOG_DOMAIN "sambot-offices"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-a11y.h"
#include "sb-gui-chooser.h"
#include "sb-gui-format.h"
#include "sb-gui-toast.h"
#include "sb-exchange.h"
#include "sb-invite-dialog.h"

/* Shorter passphrases fall to guessing however slow the key derivation. */
#define MIN_PASSPHRASE_CHARS 8

struct _SbInviteDialog
{
  AdwWindow            parent_instance;

  AdwComboRow         *office_row;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *repeat_row;
  AdwActionRow        *file_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;

  SbCampaign          *campaign;
  GPtrArray           *office_codes;   /* the codes of office_row's choices */
  char                *invitation_path;
  gboolean             creating;
};

G_DEFINE_FINAL_TYPE (SbInviteDialog, sb_invite_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
show_problem (SbInviteDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The partner offices, and this office itself (one more computer of it). */
static void
fill_offices (SbInviteDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own_code = NULL;
  gboolean own_listed = FALSE;

  offices = sb_campaign_list_offices (self->campaign, &error);
  if (offices != NULL)
    own_code = sb_campaign_get_setting (self->campaign, SB_SETTING_OFFICE_CODE, &error);
  if (error != NULL)
    show_problem (self, error->message);
  for (guint i = 0; offices != NULL && i < offices->len; i++)
    {
      const SbOffice *office = g_ptr_array_index (offices, i);
      g_autofree char *label = g_strdup_printf ("%s — %s", office->code, office->name);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->office_codes, g_strdup (office->code));
      own_listed |= g_strcmp0 (office->code, own_code) == 0;
    }
  if (own_code != NULL && own_code[0] != '\0' && !own_listed)
    {
      /* Translators: the office code of the campaign file open, offered for
       * another computer of the same office: "PP — this office". */
      g_autofree char *label = g_strdup_printf (_("%s — this office"), own_code);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->office_codes, g_strdup (own_code));
    }
  adw_combo_row_set_model (self->office_row, G_LIST_MODEL (labels));
}

/* Why Create cannot go on yet, or NULL; *@say_it is whether that is worth saying
 * now (a field left empty is unfinished, not wrong). */
static char *
find_problem (SbInviteDialog *self,
              gboolean       *say_it)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));

  *say_it = TRUE;
  if (self->office_codes->len == 0)
    return g_strdup (_("The campaign has no office to invite: add the partner office in "
                       "Places first."));
  if (g_utf8_strlen (passphrase, -1) < MIN_PASSPHRASE_CHARS)
    {
      *say_it = passphrase[0] != '\0';
      /* Translators: %d is a number, 8. */
      return _sb_localise_digits (g_strdup_printf (ngettext ("The passphrase needs at least %d character.",
                                                             "The passphrase needs at least %d characters.",
                                                             MIN_PASSPHRASE_CHARS),
                                                   MIN_PASSPHRASE_CHARS));
    }
  if (g_strcmp0 (passphrase, repeat) != 0)
    {
      *say_it = repeat[0] != '\0' && !g_str_has_prefix (passphrase, repeat);
      return g_strdup (_("The two passphrases are not the same."));
    }
  if (self->invitation_path == NULL)
    {
      *say_it = FALSE;
      return g_strdup (_("Choose where to save the invitation."));
    }
  return NULL;
}

static void
update (SbInviteDialog *self)
{
  gboolean say_it = FALSE;
  g_autofree char *problem = find_problem (self, &say_it);

  show_problem (self, say_it ? problem : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invite.create",
                                 problem == NULL && !self->creating);
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbInviteDialog *self)
{
  update (self);
}

static gboolean
create_cb (gpointer user_data)
{
  g_autoptr(SbInviteDialog) self = user_data;
  guint selected = adw_combo_row_get_selected (self->office_row);
  const char *code = selected < self->office_codes->len ? self->office_codes->pdata[selected] : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  g_autofree char *basename = NULL;

  self->creating = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (code == NULL || self->campaign == NULL)
    return G_SOURCE_REMOVE;
  if (!sb_campaign_invite_office (self->campaign, code,
                                  gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)),
                                  self->invitation_path, &error))
    {
      update (self);
      show_problem (self, error->message);
      return G_SOURCE_REMOVE;
    }

  basename = g_path_get_basename (self->invitation_path);
  /* Translators: %s is the invitation's file name. */
  done = g_strdup_printf (_("Invitation saved as “%s”. Give its passphrase by phone or in person."),
                          basename);
  _sb_gui_toast (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))), done);
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbInviteDialog *self = SB_INVITE_DIALOG (widget);

  /* The key derivation and the copy take a moment: the spinner shows first. */
  self->creating = TRUE;
  update (self);
  show_problem (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  g_idle_add (create_cb, g_object_ref (self));
}

static void
invitation_chosen_cb (GtkWidget  *owner,
                      const char *path)
{
  sb_invite_dialog_set_invitation_path (SB_INVITE_DIALOG (owner), path);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbInviteDialog *self = SB_INVITE_DIALOG (widget);
  guint selected = adw_combo_row_get_selected (self->office_row);
  g_autofree char *suggested = NULL;

  /* The code stays as typed: a file name, not words. */
  if (selected < self->office_codes->len)
    suggested = g_strdup_printf ("invitation-%s.sbinvite",
                                 (const char *) self->office_codes->pdata[selected]);
  _sb_gui_choose_path (widget, _("Save the Invitation"), GTK_FILE_CHOOSER_ACTION_SAVE,
                       _("_Save"), suggested, NULL, invitation_chosen_cb);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_invite_dialog_dispose (GObject *object)
{
  SbInviteDialog *self = SB_INVITE_DIALOG (object);

  g_clear_object (&self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_INVITE_DIALOG);

  G_OBJECT_CLASS (sb_invite_dialog_parent_class)->dispose (object);
}

static void
sb_invite_dialog_finalize (GObject *object)
{
  SbInviteDialog *self = SB_INVITE_DIALOG (object);

  g_clear_pointer (&self->office_codes, g_ptr_array_unref);
  g_clear_pointer (&self->invitation_path, g_free);

  G_OBJECT_CLASS (sb_invite_dialog_parent_class)->finalize (object);
}

static void
sb_invite_dialog_class_init (SbInviteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_invite_dialog_dispose;
  object_class->finalize = sb_invite_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-invite-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbInviteDialog, office_row);
  gtk_widget_class_bind_template_child (widget_class, SbInviteDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SbInviteDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, SbInviteDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, SbInviteDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SbInviteDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "invite.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "invite.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_invite_dialog_init (SbInviteDialog *self)
{
  self->office_codes = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_action_row_set_subtitle (self->file_row, _("Not chosen yet"));
  /* libadwaita 1.2 leaves the rows' show-the-passphrase buttons unnamed. */
  sb_gui_a11y_name_descendants (GTK_WIDGET (self->passphrase_row), GTK_TYPE_BUTTON,
                                _("Show or Hide the Passphrase"));
  sb_gui_a11y_name_descendants (GTK_WIDGET (self->repeat_row), GTK_TYPE_BUTTON,
                                _("Show or Hide the Passphrase"));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_invite_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @campaign: the campaign to invite an office to
 *
 * Returns: (transfer none): a new dialog; it closes itself once the invitation is saved
 */
GtkWidget *
sb_invite_dialog_new (GtkWindow  *parent,
                      SbCampaign *campaign)
{
  SbInviteDialog *self;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (SB_TYPE_INVITE_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  fill_offices (self);
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  return GTK_WIDGET (self);
}

/**
 * sb_invite_dialog_set_invitation_path:
 * @path: where the invitation file is to be written
 *
 * What Choose… does with the file chosen.
 */
void
sb_invite_dialog_set_invitation_path (SbInviteDialog *self,
                                      const char     *path)
{
  g_return_if_fail (SB_IS_INVITE_DIALOG (self));

  g_free (self->invitation_path);
  self->invitation_path = g_strdup (path);
  adw_action_row_set_subtitle (self->file_row, path ? path : _("Not chosen yet"));
  update (self);
}
