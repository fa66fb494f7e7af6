/* sb-application.c — the Sambot application: command line, app actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-application"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-backup-keeper.h"
#include "sb-demo.h"
#include "sb-gui-a11y.h"
#include "sb-help.h"
#include "sb-join-dialog.h"
#include "sb-preferences-window.h"
#include "sb-window-private.h"

struct _SbApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  SbBackupKeeper *backup_keeper;
};

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The built-in demo lives in the user's data folder; it is built the first time. */
static GFile *
ensure_demo_file (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "sambot", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not create the folder “%s”: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
      if (!sb_demo_create (path, error))
        return NULL;
    }

  return g_file_new_for_path (path);
}

/* Every window reads its settings from the schema: without it GSettings aborts. */
static gboolean
check_settings_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    return TRUE;
  g_printerr ("sambot: ");
  /* Translators: %s is the schema's name, org.sambot.Sambot */
  g_printerr (_("The settings schema %s is not installed, so Sambot cannot open its "
                "window. Install Sambot (meson install), run it from its build folder with "
                "build-aux/run-demo.sh, or set GSETTINGS_SCHEMA_DIR to the folder of its "
                "compiled schema."), APPLICATION_ID);
  g_printerr ("\n");
  return FALSE;
}

static SbWindow *
get_main_window (SbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SB_IS_WINDOW (window))
    return SB_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SB_IS_WINDOW (l->data))
      return SB_WINDOW (l->data);

  return sb_window_new (GTK_APPLICATION (self));
}

/* ------------------------------------------------------------------------ */
/* Backups of the campaign open                                             */
/* ------------------------------------------------------------------------ */

static void
window_campaign_changed_cb (SbApplication *self,
                            GParamSpec    *pspec,
                            SbWindow      *window)
{
  SbCampaign *campaign = sb_window_get_campaign (window);

  if (self->backup_keeper != NULL)
    sb_backup_keeper_set_campaign (self->backup_keeper,
                                 campaign != NULL ? sb_campaign_get_path (campaign) : NULL);
}

static void
window_added_cb (SbApplication *self,
                 GtkWindow     *window)
{
  if (SB_IS_WINDOW (window))
    g_signal_connect_object (window, "notify::campaign",
                             G_CALLBACK (window_campaign_changed_cb), self, G_CONNECT_SWAPPED);
}

/* A daily backup that failed is said once, where the person works. */
static void
backup_failed_cb (SbApplication  *self,
                  GParamSpec     *pspec,
                  SbBackupKeeper *keeper)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwToast *toast;

  if (sb_backup_keeper_get_last_error (keeper) == NULL || !SB_IS_WINDOW (window))
    return;
  toast = adw_toast_new (_("The campaign could not be backed up"));
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "app.preferences");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  sb_window_add_toast (SB_WINDOW (window), toast);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
new_campaign_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  SbWindow *window = get_main_window (SB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  sb_window_new_campaign (window);
}

static void
open_campaign_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SbWindow *window = get_main_window (SB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  sb_window_choose_campaign (window);
}

/* An office's computer gets its copy of the campaign from an invitation
 * (docs/exchange.md); the window opens it once joined. */
static void
join_campaign_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SbWindow *window = get_main_window (SB_APPLICATION (user_data));

  /* Raising a window already shown would leave its menu button stuck (GTK 4.8). */
  if (!gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (sb_join_dialog_new (GTK_WINDOW (window))));
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SbWindow *window = get_main_window (SB_APPLICATION (user_data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  gtk_window_present (GTK_WINDOW (window));
  file = ensure_demo_file (&error);
  if (file == NULL)
    sb_window_show_error (window, _("Could Not Create the Demo Campaign"), error);
  else
    sb_window_open (window, file);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SbApplication *self = user_data;
  GtkWindow *preferences = GTK_WINDOW (sb_preferences_window_new (self->backup_keeper));

  gtk_window_set_transient_for (preferences,
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (preferences);
}

/* F1: the user guide (help/), in the help viewer or the web browser. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SbWindow *window = get_main_window (SB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  sb_help_show (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SbApplication *self = user_data;
  const char *developers[] = { _("Sambot contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Sambot"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Sambot contributors"),
                        "developers", developers,
                        "comments", _("Messages of solidarity for detained human rights "
                                      "defenders, from the public to their cells"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SbApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing the windows lets each save its size and what was typed; the app ends
   * with the last. A window whose typing could not be saved stays open, asking the
   * person what to do (sb-window.c), and the app with it. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (SB_IS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return;
  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "new-campaign", new_campaign_action },
  { "open-campaign", open_campaign_action },
  { "join-campaign", join_campaign_action },
  { "open-demo", open_demo_action },
  { "preferences", preferences_action },
  { "help", help_action },
  { "about", about_action },
  { "quit", quit_action },
};

/* ------------------------------------------------------------------------ */
/* GApplication                                                             */
/* ------------------------------------------------------------------------ */

static int
sb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) demo = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sambot %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (!check_settings_schema ())
    return 1;
  if (!g_variant_dict_contains (options, "demo"))
    return -1;

  demo = ensure_demo_file (&error);
  if (demo == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_application_open (app, &demo, 1, "");

  /* A running Sambot opened it; in this process, go on to run the main loop. */
  return g_application_get_is_remote (app) ? 0 : -1;
}

static void
sb_application_startup (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.new-campaign", { "<Control><Shift>n", NULL } },
    { "app.open-campaign", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.close-campaign", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "app.help", { "F1", NULL } },
  };

  /* Started without the command line (D-Bus activation): the same check, late. */
  if (!check_settings_schema ())
    exit (1);
  self->settings = g_settings_new (APPLICATION_ID);
  self->backup_keeper = sb_backup_keeper_new ();
  g_signal_connect_object (self->backup_keeper, "notify::last-error",
                           G_CALLBACK (backup_failed_cb), self, G_CONNECT_SWAPPED);

  G_APPLICATION_CLASS (sb_application_parent_class)->startup (app);
  sb_gui_a11y_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
sb_application_activate (GApplication *app)
{
  SbApplication *self = SB_APPLICATION (app);
  SbWindow *window = get_main_window (self);

  if (sb_window_get_campaign (window) == NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-campaign");

      if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GFile) file = g_file_new_for_path (last);

          /* A campaign that no longer opens is not worth a dialog at start-up:
           * the welcome page lets the person choose another. */
          _sb_window_open_file (window, file, TRUE);
        }
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
sb_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SbWindow *window = get_main_window (SB_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));

  /* One campaign per window: the last file named wins. */
  if (n_files > 0)
    sb_window_open (window, files[n_files - 1]);
}

static void
sb_application_dispose (GObject *object)
{
  SbApplication *self = SB_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->backup_keeper);

  G_OBJECT_CLASS (sb_application_parent_class)->dispose (object);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sb_application_dispose;

  app_class->handle_local_options = sb_application_handle_local_options;
  app_class->startup = sb_application_startup;
  app_class->activate = sb_application_activate;
  app_class->open = sb_application_open;
}

static void
sb_application_init (SbApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the built-in demo campaign"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version"), NULL },
    { NULL }
  };

  /* No GSettings here: --help and --version work without the schema
   * (check_settings_schema() and startup). */
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Messages of solidarity for detained "
                                              "human rights defenders."));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_application_new:
 *
 * Returns: (transfer full): the application, ready for g_application_run()
 */
SbApplication *
sb_application_new (void)
{
  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/sambot/Sambot",
                       NULL);
}

/**
 * sb_application_get_backup_keeper:
 *
 * Returns: (transfer none) (nullable): what backs up the open campaign every day;
 *   %NULL until the application has started
 */
SbBackupKeeper *
sb_application_get_backup_keeper (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  return self->backup_keeper;
}
