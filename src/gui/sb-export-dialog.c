/* sb-export-dialog.c — Export…: the campaign's messages, copies or batches for a
 * spreadsheet (CSV or JSON), or its scans as image files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The senders' contacts are left out unless the person turns them on and, asked
 * what that means, says so: the switch stays off until they answer. The export
 * runs in a thread (src/gui/sb-export-job.c); a toast in the window says what was
 * written. The contacts question is in sb-export-dialog-contacts.c, the file chooser
 * in sb-export-dialog-file.c.
 */

#define G_LOG_DOMAIN "sambot-export"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-export-dialog-private.h"
#include "sb-gui-toast.h"
#include "sb-window.h"

G_DEFINE_FINAL_TYPE (SbExportDialog, sb_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
set_busy (SbExportDialog *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", !busy);
  gtk_widget_set_sensitive (self->page, !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (SbExportDialog *self,
            const GError   *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  AdwMessageDialog *dialog;

  if (!gtk_widget_get_visible (GTK_WIDGET (self)) && SB_IS_WINDOW (parent))
    {
      sb_window_show_error (SB_WINDOW (parent), _("Could Not Export"), error);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (source);
  SbExportJob *job = g_task_get_task_data (G_TASK (result));
  GtkWindow *parent;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_debug ("Export to %s failed: %s", job->target, error->message);
  if (self->campaign == NULL)   /* closed with its window meanwhile */
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error);
      if (!gtk_widget_get_visible (GTK_WIDGET (self)))
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  done = _sb_export_job_describe (job);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    _sb_gui_toast (GTK_WIDGET (parent), done);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
choice_toggled_cb (SbExportDialog *self)
{
  gboolean table = !_sb_export_dialog_scans_chosen (self);

  gtk_widget_set_sensitive (self->options_group, table);
  gtk_widget_set_sensitive (self->contacts_row,
                            _sb_export_dialog_chosen_table (self) == SB_EXPORT_MESSAGES);
}

/* Enter exports from anywhere but a button or a switch, which Enter presses: the
 * option rows would otherwise take it (Space chooses them). */
static gboolean
enter_pressed_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (GTK_IS_BUTTON (focus) || GTK_IS_SWITCH (focus))
    return FALSE;
  return gtk_widget_activate_action (widget, "export.choose-file", NULL);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

/* Closed while exporting: the export finishes, and its toast still comes. */
static gboolean
sb_export_dialog_close_request (GtkWindow *window)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (window);

  if (!self->busy)
    return GTK_WINDOW_CLASS (sb_export_dialog_parent_class)->close_request (window);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

static void
sb_export_dialog_dispose (GObject *object)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (object);

  g_clear_object (&self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (sb_export_dialog_parent_class)->dispose (object);
}

static void
sb_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_export_dialog_class_init (SbExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_export_dialog_dispose;
  object_class->get_property = sb_export_dialog_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = sb_export_dialog_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, messages_check);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, copies_check);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, batches_check);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, scans_check);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, json_toggle);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, contacts_row);
  gtk_widget_class_bind_template_child (widget_class, SbExportDialog, contacts_switch);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  _sb_export_dialog_class_init_contacts (widget_class);

  _sb_export_dialog_class_init_file (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_export_dialog_init (SbExportDialog *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (shortcuts),
        gtk_shortcut_new (gtk_keyval_trigger_new (enter_keys[i], 0),
                          gtk_callback_action_new (enter_pressed_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->export_button);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_export_dialog_new:
 * @parent: (nullable): the window it belongs to; its toast says what was written
 * @campaign: the campaign to export
 *
 * Returns: (transfer none): a new dialog: messages as CSV, without contacts, to begin with
 */
GtkWidget *
sb_export_dialog_new (GtkWindow  *parent,
                      SbCampaign *campaign)
{
  SbExportDialog *self;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (SB_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  gtk_widget_grab_focus (GTK_WIDGET (self->messages_check));
  return GTK_WIDGET (self);
}

/**
 * sb_export_dialog_export_to:
 * @file: the file to write (the file chooser asked before one is replaced), or for
 *   the scans the folder in which their new folder is made
 *
 * Exports what the dialog says, in a thread. The dialog closes and the window shows
 * a toast once the export is written; an error is shown over the dialog.
 */
void
sb_export_dialog_export_to (SbExportDialog *self,
                            GFile          *file)
{
  SbExportJob *job;

  g_return_if_fail (SB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy || self->campaign == NULL)
    return;
  job = g_new0 (SbExportJob, 1);
  job->campaign_path = g_strdup (sb_campaign_get_path (self->campaign));
  job->scans = _sb_export_dialog_scans_chosen (self);
  job->what = _sb_export_dialog_chosen_table (self);
  job->format = _sb_export_dialog_json_chosen (self) ? SB_EXPORT_JSON : SB_EXPORT_CSV;
  job->flags = _sb_export_dialog_contacts_chosen (self) ? SB_EXPORT_FLAGS_INCLUDE_CONTACTS
                                                        : SB_EXPORT_FLAGS_NONE;
  job->target = g_file_get_path (file);
  if (job->target == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("Choose a folder on this computer."));

      _sb_export_job_free (job);
      show_error (self, error);
      return;
    }
  set_busy (self, TRUE);
  _sb_export_job_run_async (self, job, exported_cb, NULL);
}

/**
 * sb_export_dialog_get_busy:
 *
 * Returns: whether an export is being written
 */
gboolean
sb_export_dialog_get_busy (SbExportDialog *self)
{
  g_return_val_if_fail (SB_IS_EXPORT_DIALOG (self), FALSE);

  return self->busy;
}
