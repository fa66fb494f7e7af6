/* sb-preferences-window.c — the person's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-a11y.h"
#include "sb-gui-format.h"
#include "sb-preferences-window.h"

struct _SbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *operator_row;
  AdwActionRow         *backup_folder_row;
  GtkSwitch            *backup_daily_switch;
  AdwActionRow         *last_backup_row;
  GtkSpinner           *backup_spinner;
  GtkButton            *back_up_now_button;

  GSettings            *settings;
  SbBackupKeeper       *backup_keeper;
};

G_DEFINE_FINAL_TYPE (SbPreferencesWindow, sb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_BACKUP_KEEPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
describe_last_backup (SbBackupKeeper *keeper)
{
  GDateTime *last_time = sb_backup_keeper_get_last_time (keeper);
  const char *error = sb_backup_keeper_get_last_error (keeper);
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *moment = NULL;

  if (sb_backup_keeper_get_campaign (keeper) == NULL)
    return g_strdup (_("Open a campaign to back it up."));
  if (sb_backup_keeper_get_busy (keeper))
    return g_strdup (_("Backing up…"));
  if (last_time != NULL)
    {
      utc = g_date_time_to_utc (last_time);
      iso = g_date_time_format_iso8601 (utc);
      moment = _sb_format_moment (iso);
    }
  if (error != NULL && moment != NULL)
    /* Translators: the first %s says why, the second is "28 November 2026, 14:02". */
    return g_strdup_printf (_("Failed: %s The last backup is from %s."), error, moment);
  if (error != NULL)
    /* Translators: %s says why, as a sentence. */
    return g_strdup_printf (_("Failed: %s"), error);
  if (moment != NULL)
    return g_steal_pointer (&moment);
  return g_strdup (_("None yet"));
}

static void
update_backups (SbPreferencesWindow *self)
{
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;
  g_autofree char *last = NULL;
  gboolean busy;

  if (self->backup_keeper == NULL)
    return;

  folder = sb_backup_keeper_dup_folder (self->backup_keeper);
  display = g_filename_display_name (folder);
  adw_action_row_set_subtitle (self->backup_folder_row, display);

  busy = sb_backup_keeper_get_busy (self->backup_keeper);
  last = describe_last_backup (self->backup_keeper);
  adw_action_row_set_subtitle (self->last_backup_row, last);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_spinner), busy);
  gtk_spinner_set_spinning (self->backup_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_now_button),
                            !busy && sb_backup_keeper_get_campaign (self->backup_keeper) != NULL);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
folder_chosen_cb (SbPreferencesWindow  *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder", path);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
choose_folder_clicked_cb (SbPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *current = NULL;

  chooser = gtk_file_chooser_native_new (_("Choose the Backup Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Choose"), _("_Cancel"));
  if (self->backup_keeper != NULL)
    current = sb_backup_keeper_dup_folder (self->backup_keeper);
  if (current != NULL && g_file_test (current, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (current);
      g_autoptr(GError) error = NULL;

      /* The chooser then opens where it likes: the person sees it and moves on. */
      if (!gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error))
        g_debug ("The chooser does not start in %s: %s", current, error->message);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (folder_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
back_up_now_clicked_cb (SbPreferencesWindow *self)
{
  if (self->backup_keeper != NULL)
    sb_backup_keeper_back_up_now (self->backup_keeper);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_preferences_window_constructed (GObject *object)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);
  const char *keeper_properties[] = { "notify::busy", "notify::last-time", "notify::last-error",
                                      "notify::folder", "notify::campaign" };

  G_OBJECT_CLASS (sb_preferences_window_parent_class)->constructed (object);

  for (guint i = 0; self->backup_keeper != NULL && i < G_N_ELEMENTS (keeper_properties); i++)
    g_signal_connect_object (self->backup_keeper, keeper_properties[i],
                             G_CALLBACK (update_backups), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_folder_row), self->backup_keeper != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->last_backup_row), self->backup_keeper != NULL);
  update_backups (self);
}

static void
sb_preferences_window_dispose (GObject *object)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->backup_keeper);

  G_OBJECT_CLASS (sb_preferences_window_parent_class)->dispose (object);
}

static void
sb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BACKUP_KEEPER:
      self->backup_keeper = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_preferences_window_class_init (SbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_preferences_window_constructed;
  object_class->dispose = sb_preferences_window_dispose;
  object_class->set_property = sb_preferences_window_set_property;

  properties[PROP_BACKUP_KEEPER] =
    g_param_spec_object ("backup-keeper", NULL, NULL, SB_TYPE_BACKUP_KEEPER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, operator_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, backup_folder_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, backup_daily_switch);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, backup_spinner);
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, back_up_now_button);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_up_now_clicked_cb);
}

static void
sb_preferences_window_init (SbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sb_gui_a11y_name_descendants (GTK_WIDGET (self), GTK_TYPE_SEARCH_ENTRY, _("Search"));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "operator-name", self->operator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backup-daily", self->backup_daily_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * sb_preferences_window_new:
 * @backup_keeper: (nullable): what backs up the open campaign, whose folder and
 *   last backup the window shows
 *
 * Returns: (transfer none): a new preferences window
 */
GtkWidget *
sb_preferences_window_new (SbBackupKeeper *backup_keeper)
{
  return g_object_new (SB_TYPE_PREFERENCES_WINDOW, "backup-keeper", backup_keeper, NULL);
}
