/* sb-export-dialog.c — Export…: the campaign's messages, copies or batches for a
 * spreadsheet (CSV or JSON), or its scans as image files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The senders' contacts are left out unless the person turns them on and, asked
 * what that means, says so: the switch stays off until they answer. The export
 * runs in a thread (src/gui/sb-export-job.c); a toast in the window says what was
 * written.
 */

#define G_LOG_DOMAIN "sambot-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-export-dialog.h"
#include "sb-export-job.h"
#include "sb-window.h"

struct _SbExportDialog
{
  AdwWindow         parent_instance;

  GtkWidget        *export_button;
  GtkWidget        *spinner;
  GtkWidget        *page;
  GtkCheckButton   *messages_check;
  GtkCheckButton   *copies_check;
  GtkCheckButton   *batches_check;
  GtkCheckButton   *scans_check;
  GtkWidget        *options_group;
  GtkToggleButton  *json_toggle;
  GtkWidget        *contacts_row;
  GtkSwitch        *contacts_switch;

  SbCampaign       *campaign;
  gboolean          contacts_agreed;   /* the person read what including them means */
  gboolean          busy;
};

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

static SbExportWhat
chosen_table (SbExportDialog *self)
{
  if (gtk_check_button_get_active (self->copies_check))
    return SB_EXPORT_COPIES;
  if (gtk_check_button_get_active (self->batches_check))
    return SB_EXPORT_BATCHES;
  return SB_EXPORT_MESSAGES;
}

static gboolean
scans_chosen (SbExportDialog *self)
{
  return gtk_check_button_get_active (self->scans_check);
}

static gboolean
json_chosen (SbExportDialog *self)
{
  return gtk_toggle_button_get_active (self->json_toggle);
}

static gboolean
contacts_chosen (SbExportDialog *self)
{
  return !scans_chosen (self) && chosen_table (self) == SB_EXPORT_MESSAGES
         && gtk_switch_get_active (self->contacts_switch)
         && gtk_switch_get_state (self->contacts_switch);
}

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

/* "freethe5kh-messages-2026-12-04.csv": the campaign's file name, what, and today. */
static char *
suggested_name (SbExportDialog *self)
{
  static const char *const names[] = { "messages", "copies", "batches" };
  g_autofree char *base = g_path_get_basename (sb_campaign_get_path (self->campaign));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s-%s-%s.%s", base, names[chosen_table (self)], today,
                          json_chosen (self) ? "json" : "csv");
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
  if (SB_IS_WINDOW (parent))
    sb_window_add_toast (SB_WINDOW (parent), adw_toast_new (done));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
file_chosen_cb (SbExportDialog       *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    sb_export_dialog_export_to (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbExportDialog *self = SB_EXPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;

  if (self->busy)
    return;
  if (scans_chosen (self))
    chooser = gtk_file_chooser_native_new (_("Choose Where to Put the Scans"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Export"), _("_Cancel"));
  else
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *name = suggested_name (self);

      chooser = gtk_file_chooser_native_new (_("Export To"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
      gtk_file_filter_set_name (filter, json_chosen (self) ? _("JSON Files") : _("CSV Files"));
      gtk_file_filter_add_pattern (filter, json_chosen (self) ? "*.json" : "*.csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
choice_toggled_cb (SbExportDialog *self)
{
  gboolean table = !scans_chosen (self);

  gtk_widget_set_sensitive (self->options_group, table);
  gtk_widget_set_sensitive (self->contacts_row, chosen_table (self) == SB_EXPORT_MESSAGES);
}

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
  gtk_widget_class_bind_template_callback (widget_class, contacts_state_set_cb);

  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
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
  job->scans = scans_chosen (self);
  job->what = chosen_table (self);
  job->format = json_chosen (self) ? SB_EXPORT_JSON : SB_EXPORT_CSV;
  job->flags = contacts_chosen (self) ? SB_EXPORT_FLAGS_INCLUDE_CONTACTS : SB_EXPORT_FLAGS_NONE;
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
