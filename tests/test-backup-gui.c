/* test-backup-gui.c — the app backs up the campaign it opens, says when in
 * Preferences, and restores a backup the person chooses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script). Screenshots of Preferences and of
 * the restore dialog are saved next to the test binary, named by the interface
 * language.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-application.h"
#include "sb-backup.h"
#include "sb-campaign.h"
#include "sb-gui-format.h"
#include "sb-names.h"
#include "sb-test-gui.h"
#include "sb-window-private.h"

static SbApplication *app;

typedef struct
{
  char *dir;
  char *campaign;
  char *folder;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
add_detainee (SbCampaign *campaign,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();

  g_free (detainee->name_en);
  detainee->name_en = g_strdup (name);
  g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
}

static guint
count_detainees (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) detainees = sb_campaign_list_detainees (campaign, &error);

  g_assert_no_error (error);
  return detainees->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;

  f->dir = g_dir_make_tmp ("sambot-backup-gui-XXXXXX", NULL);
  f->campaign = g_build_filename (f->dir, "freethe5kh.sambot", NULL);
  f->folder = g_build_filename (f->dir, "backups", NULL);
  g_settings_set_string (settings, "backup-folder", f->folder);
  g_settings_set_boolean (settings, "backup-daily", TRUE);

  campaign = sb_campaign_create (f->campaign, "#Freethe5KH", "PP", &error);
  g_assert_no_error (error);
  add_detainee (campaign, "Ny Sokha");
  add_detainee (campaign, "Yi Soksan");
  sb_campaign_close (campaign);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->campaign);
  g_free (f->folder);
}

static SbWindow *
show_campaign (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SbWindow *window = sb_test_open_window (file, 1000, 720);
  sb_test_wait_for_frame (window);
  return window;
}

/* Runs the main loop until the keeper has finished what it was doing. */
static void
wait_for_backups (void)
{
  SbBackupKeeper *keeper = sb_application_get_backup_keeper (app);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (sb_backup_keeper_get_busy (keeper) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_backup_keeper_get_busy (keeper));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The subtitle of the row titled @title in @window. */
static const char *
row_subtitle (gpointer    window,
              const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return adw_action_row_get_subtitle (rows->pdata[i]);
  g_error ("no row titled “%s”", title);
  return NULL;
}

/* Scrolls the page to its end, where the backups are, for the screenshot. */
static void
scroll_to_end (GtkWindow *preferences)
{
  GtkScrolledWindow *scrolled = sb_test_find_first (preferences, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  sb_test_wait_for_frame (preferences);
}

static char *
screenshot_name (const char *what)
{
  return g_strdup_printf ("screenshot-%s-%s.png", what, sb_interface_language ());
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* Opening a campaign backs it up once a day; Preferences says where and when, and
 * Back Up Now makes today's again. */
static void
test_daily_on_open (Fixture       *f,
                    gconstpointer  data)
{
  SbWindow *window = show_campaign (f->campaign);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *long_today = _sb_format_long_date (today);
  g_autofree char *shot = screenshot_name ("preferences-backups");
  g_autofree char *folder_display = g_filename_display_name (f->folder);
  GtkWindow *preferences;
  GtkWidget *back_up_now;

  wait_for_backups ();
  backups = sb_backup_list_daily (f->campaign, f->folder);
  g_assert_cmpuint (backups->len, ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  SB_TEST_WAIT_UNTIL ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL,
                      10000, "the Preferences window");
  g_assert_cmpstr (row_subtitle (preferences, _("Backup Folder")), ==, folder_display);
  g_assert_nonnull (strstr (row_subtitle (preferences, _("Last Backup")), long_today));

  back_up_now = sb_test_find_button_labelled (preferences, _("_Back Up Now"));
  g_assert_nonnull (back_up_now);
  g_assert_true (gtk_widget_get_sensitive (back_up_now));
  g_signal_emit_by_name (back_up_now, "clicked");
  g_assert_false (gtk_widget_get_sensitive (back_up_now));
  wait_for_backups ();
  SB_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (back_up_now), 10000, "Back Up Now usable again");
  g_assert_nonnull (strstr (row_subtitle (preferences, _("Last Backup")), long_today));
  scroll_to_end (preferences);
  g_assert_cmpuint (sb_test_save_screenshot (preferences, shot), >, 50);
  gtk_window_destroy (preferences);

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A backup that cannot be written is said, in a toast and in Preferences. */
static void
test_failure_shown (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *not_a_folder = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *inside = g_build_filename (not_a_folder, "backups", NULL);
  g_autofree char *shot = screenshot_name ("preferences-backup-failed");
  SbWindow *window;
  GtkWindow *preferences;
  const char *subtitle;

  g_assert_true (g_file_set_contents (not_a_folder, "not a folder", -1, NULL));
  g_settings_set_string (settings, "backup-folder", inside);
  window = show_campaign (f->campaign);
  wait_for_backups ();
  g_assert_nonnull (sb_backup_keeper_get_last_error (sb_application_get_backup_keeper (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  SB_TEST_RUN_UNTIL ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL, 10000);
  sb_test_wait_for_frame (preferences);
  subtitle = row_subtitle (preferences, _("Last Backup"));
  g_assert_nonnull (strstr (subtitle, "notes.txt"));
  scroll_to_end (preferences);
  sb_test_save_screenshot (preferences, shot);
  gtk_window_destroy (preferences);

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Restore from Backup: the dialog says what happens; the campaign opens again as
 * the backup had it, and the campaign as it was is kept beside it. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->dir, "saturday.sambot", NULL);
  g_autofree char *shot = screenshot_name ("restore-dialog");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *kept_name = g_strdup_printf ("freethe5kh.sambot.before-restore-%s", today);
  g_autofree char *kept = g_build_filename (f->dir, kept_name, NULL);
  SbWindow *window = show_campaign (f->campaign);
  SbCampaign *campaign = sb_window_get_campaign (window);
  g_autoptr(SbCampaign) kept_campaign = NULL;
  GtkWindow *dialog;
  gint64 deadline;

  wait_for_backups ();
  g_assert_true (sb_campaign_backup (campaign, backup, FALSE, &error));
  g_assert_no_error (error);
  add_detainee (campaign, "Nay Vanda");
  g_assert_cmpuint (count_detainees (campaign), ==, 3);

  _sb_window_confirm_restore (window, backup);
  SB_TEST_WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                      10000, "the dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "saturday.sambot"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            kept_name));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  g_assert_cmpuint (sb_test_save_screenshot (dialog, shot), >, 50);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* Closed first: nothing writes over a campaign that is open. */
  g_assert_null (sb_window_get_campaign (window));

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (sb_window_get_campaign (window) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  campaign = sb_window_get_campaign (window);
  g_assert_nonnull (campaign);
  g_assert_cmpstr (sb_campaign_get_path (campaign), ==, f->campaign);
  g_assert_cmpuint (count_detainees (campaign), ==, 2);

  kept_campaign = sb_campaign_open (kept, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_detainees (kept_campaign), ==, 3);

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/backup/daily-on-open", test_daily_on_open);
  ADD ("/gui/backup/failure-shown", test_failure_shown);
  ADD ("/gui/backup/restore", test_restore);
#undef ADD

  return sb_test_gui_run ();
}
