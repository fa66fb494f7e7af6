/* test-window-integrity.c — the window with a campaign that cannot be changed, and
 * with one that a session did not close and turns out damaged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script); screenshots are saved next to the
 * test binary, named with the interface language.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sb-application.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-gui-format.h"
#include "sb-message-editor.h"
#include "sb-test-gui.h"
#include "sb-test.h"
#include "sb-window.h"

static SbApplication *app;
static char *demo_path;

static SbWindow *
show_window (void)
{
  SbWindow *window = sb_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  sb_test_wait_for_frame (window);
  return window;
}

static char *
copy_demo (const char *dir)
{
  g_autofree char *contents = NULL;
  gsize size;
  char *path = g_build_filename (dir, "campaign.sambot", NULL);

  g_assert_true (g_file_get_contents (demo_path, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  return path;
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

static char *
screenshot_name (const char *what)
{
  return g_strdup_printf ("screenshot-%s-%s.png", what, sb_interface_language ());
}

/* ------------------------------------------------------------------------ */
/* Read-only                                                                */
/* ------------------------------------------------------------------------ */

static void
test_read_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-test-XXXXXX", NULL);
  g_autofree char *path = copy_demo (dir);
  g_autofree char *marker = g_strconcat (path, "-open", NULL);
  g_autofree char *why = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = screenshot_name ("read-only");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  GtkWidget *new_message;
  SbWindow *window = show_window ();

  /* As root (CI), only a read-only mount makes a file read-only: the window is
   * shown the campaign as the core opens a file that cannot be written (the CLI
   * test /check/read-only/folder does that in a read-only mount). */
  campaign = sb_campaign_open (path, TRUE, &error);
  g_assert_no_error (error);
  why = sb_campaign_describe_read_only (campaign);
  sb_window_set_campaign (window, campaign);
  SB_TEST_RUN_UNTIL (sb_test_find_first (window, ADW_TYPE_VIEW_STACK) != NULL, 10000);
  adw_view_stack_set_visible_child_name (sb_test_find_first (window, ADW_TYPE_VIEW_STACK),
                                         "messages");
  SB_TEST_RUN_UNTIL (sb_test_shows_text (window, why) &&
                     sb_test_find_action_button (window, "messages.new") != NULL &&
                     sb_test_find_first (window, SB_TYPE_MESSAGE_EDITOR) != NULL, 10000);
  sb_test_wait_for_frame (window);

  /* The banner says why; the title says it too. */
  text = sb_test_visible_text (window);
  g_assert_nonnull (strstr (text, why));
  g_assert_nonnull (sb_test_find_action_button (window, "win.save-copy"));
  {
    AdwViewSwitcherTitle *title = sb_test_find_first (window, ADW_TYPE_VIEW_SWITCHER_TITLE);
    g_autofree char *subtitle = g_strdup_printf (_("%s (read-only)"), "campaign.sambot");

    g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, subtitle);
  }
  /* Nothing can be added or typed. */
  new_message = sb_test_find_action_button (window, "messages.new");
  g_assert_nonnull (new_message);
  g_assert_false (gtk_widget_is_sensitive (new_message));
  {
    GtkTextView *view = sb_test_find_first (sb_test_find_first (window, SB_TYPE_MESSAGE_EDITOR),
                                            GTK_TYPE_TEXT_VIEW);

    g_assert_false (gtk_text_view_get_editable (view));
  }
  /* No session marker for a file that is only read. */
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (sb_test_save_screenshot (window, shot), >, 200);

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */
/* After a session that did not close the campaign                          */
/* ------------------------------------------------------------------------ */

static void
sql_text (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_text (context, "2016-10-10T09:00:00Z", -1, SQLITE_STATIC);
}

static void
test_damaged_after_crash (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-test-XXXXXX", NULL);
  g_autofree char *path = copy_demo (dir);
  g_autofree char *marker = g_strconcat (path, "-open", NULL);
  g_autofree char *dead = g_strdup_printf ("%d %s\n", G_MAXINT - 1, g_get_host_name ());
  g_autofree char *shot = screenshot_name ("damaged");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  SbWindow *window;
  GtkWindow *dialog = NULL;
  const char *body;

  /* The figures' counts no longer match the copies, and the program that had the
   * file open is gone without closing it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_now", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  sqlite3_create_function (db, "sb_operator", 0, SQLITE_UTF8, NULL, sql_text, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE copy_tallies SET n = n + 3 "
                                     "WHERE state = 'delivered'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_set_contents (marker, dead, -1, NULL));

  window = show_window ();
  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);
  SB_TEST_WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, 5000,
                      "the message about the damaged campaign");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("The Campaign File Is Damaged"));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "campaign.sambot"));
  g_assert_nonnull (strstr (body, "sambot-cli"));
  sb_test_wait_for_frame (dialog);
  g_assert_cmpuint (sb_test_save_screenshot (dialog, shot), >, 20);

  /* The suggested answer restores a backup; Close Campaign closes it. */
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "restore"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "restore");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  SB_TEST_RUN_UNTIL (sb_window_get_campaign (window) == NULL, 10000);
  g_assert_null (sb_window_get_campaign (window));
  /* Closed by this session: the marker is gone. */
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_remove_tree (dir);
}

/* A campaign that was closed properly is not checked again, and no dialog shows. */
static void
test_sound_after_crash (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-test-XXXXXX", NULL);
  g_autofree char *path = copy_demo (dir);
  g_autofree char *marker = g_strconcat (path, "-open", NULL);
  g_autofree char *dead = g_strdup_printf ("%d %s\n", G_MAXINT - 1, g_get_host_name ());
  g_autofree char *mine = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbWindow *window = show_window ();

  g_assert_true (g_file_set_contents (marker, dead, -1, NULL));
  g_assert_true (sb_window_load (window, file, &error));
  sb_test_run_main_loop_for (1500);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* The marker is this session's now. */
  g_assert_true (g_file_get_contents (marker, &mine, NULL, NULL));
  g_assert_cmpstr (mine, !=, dead);

  sb_window_close_campaign (window);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  app = sb_test_gui_init (&argc, &argv);

  demo_path = sb_test_demo_new ("sambot-test-demo-XXXXXX", &dir);

  g_test_add_func ("/gui/window/read-only", test_read_only);
  g_test_add_func ("/gui/window/damaged-after-crash", test_damaged_after_crash);
  g_test_add_func ("/gui/window/sound-after-crash", test_sound_after_crash);

  status = sb_test_gui_run ();
  sb_test_remove_tree (dir);
  g_free (demo_path);
  return status;
}
