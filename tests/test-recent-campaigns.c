/* test-recent-campaigns.c — the campaigns opened recently, on the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script), with its own XDG_DATA_HOME so the
 * desktop's list of recent files is the test's. A person opens two campaigns, goes back
 * to the welcome page and finds both there, the newest first; one is moved away and
 * shows as missing, and can be taken off the list; a click on the other opens it.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-campaign.h"
#include "sb-recent-campaigns.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;
static char *data_home;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static SbWindow *
show_window (void)
{
  SbWindow *window = sb_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  sb_test_wait_for_frame (window);
  return window;
}

static char *
make_campaign (const char *dir,
               const char *basename,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  char *path = g_build_filename (dir, basename, NULL);

  campaign = sb_campaign_create (path, name, "PP", &error);
  g_assert_no_error (error);
  sb_campaign_close (campaign);
  return path;
}

/* The recent manager writes and says it changed a little later: wait for the list
 * to show @n campaigns (or give up after five seconds). */
static SbRecentCampaigns *
wait_for_recent (SbWindow *window,
                 guint     n)
{
  SbRecentCampaigns *recent = NULL;

  SB_TEST_RUN_UNTIL ((recent = sb_test_find_first (window, SB_TYPE_RECENT_CAMPAIGNS)) != NULL &&
                     sb_recent_campaigns_get_n_shown (recent) == n, 5000);
  g_assert_nonnull (recent);
  g_assert_cmpuint (sb_recent_campaigns_get_n_shown (recent), ==, n);
  return recent;
}

static GPtrArray *
find_rows (gpointer widget)
{
  GPtrArray *rows = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (widget), ADW_TYPE_ACTION_ROW, rows);
  return rows;
}

static void
open_campaign (SbWindow   *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);
  sb_test_run_main_loop_for (100);
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_recent_campaigns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-recent-XXXXXX", NULL);
  g_autofree char *prey_sar = make_campaign (dir, "prey-sar.sambot", "Letters to Prey Sar");
  g_autofree char *freethe5 = make_campaign (dir, "freethe5.sambot", "#Freethe5KH solidarity");
  g_autofree char *moved = g_build_filename (dir, "moved-away.sambot", NULL);
  g_autofree char *missing = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SbWindow *window = show_window ();
  SbRecentCampaigns *recent;
  GtkWidget *remove_button;

  /* Nothing opened yet: no list at all. */
  recent = sb_test_find_first (window, SB_TYPE_RECENT_CAMPAIGNS);
  g_assert_null (recent);

  open_campaign (window, prey_sar);
  sb_test_run_main_loop_for (1100);   /* the newest is the one opened last, to the second */
  open_campaign (window, freethe5);
  sb_window_close_campaign (window);
  sb_test_run_main_loop_for (500);

  recent = wait_for_recent (window, 2);
  rows = find_rows (recent);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "#Freethe5KH solidarity");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, "Letters to Prey Sar");
  g_assert_true (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, 0)));
  text = sb_test_visible_text (recent);
  g_assert_nonnull (strstr (text, _("Recent Campaigns")));
  g_assert_cmpuint (sb_test_save_screenshot (window, "screenshot-recent-campaigns.png"), >, 50);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  /* Prey Sar's file is moved away while another campaign is open: back on the welcome
   * page, it shows as missing, and cannot be opened. */
  open_campaign (window, freethe5);
  g_assert_cmpint (g_rename (prey_sar, moved), ==, 0);
  sb_window_close_campaign (window);
  sb_test_run_main_loop_for (800);
  recent = wait_for_recent (window, 2);
  rows = find_rows (recent);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==, "Letters to Prey Sar");
  g_assert_false (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, 1)));
  missing = g_strdup_printf (_("Missing: no longer in %s"), dir);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)), missing));
  g_assert_cmpuint (sb_test_save_screenshot (window, "screenshot-recent-missing.png"), >, 50);

  /* Taking it off the list. */
  remove_button = sb_test_find_first (g_ptr_array_index (rows, 1), GTK_TYPE_BUTTON);
  g_assert_nonnull (remove_button);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (gtk_widget_get_sensitive (remove_button));
  g_signal_emit_by_name (remove_button, "clicked");
  recent = wait_for_recent (window, 1);

  /* A click on the other opens it. */
  rows = find_rows (recent);
  g_signal_emit_by_name (gtk_widget_get_parent (g_ptr_array_index (rows, 0)), "row-activated",
                         g_ptr_array_index (rows, 0));
  g_assert_nonnull (sb_window_get_campaign (window));
  g_assert_cmpstr (sb_campaign_get_path (sb_window_get_campaign (window)), ==, freethe5);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "#Freethe5KH solidarity");

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (freethe5);
  g_remove (moved);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The desktop's recent files of this test only: set before GLib reads it. */
  data_home = g_dir_make_tmp ("sambot-recent-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  app = sb_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/recent-campaigns/listed-missing-opened", test_recent_campaigns);

  status = sb_test_gui_run ();

  {
    g_autofree char *xbel = g_build_filename (data_home, "recently-used.xbel", NULL);

    g_remove (xbel);
    g_rmdir (data_home);
    g_free (data_home);
  }
  return status;
}
