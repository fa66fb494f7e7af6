/* test-dashboard.c — the Dashboard section, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script): opens the demo campaign, switches
 * to the Dashboard, checks the figures a person reads there and the infographic
 * preview, follows a change to the campaign, and saves a screenshot next to the
 * test binary.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sb-application.h"
#include "sb-breakdown.h"
#include "sb-campaign.h"
#include "sb-dashboard-page.h"
#include "sb-demo.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static gpointer
find_one (gpointer widget,
          GType    type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (widget), type, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* Title and number of every figure row, "title=number" a line. */
static char *
figures_text (gpointer page)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      const char *number = "";

      collect (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
      if (labels->len > 0)
        number = gtk_label_get_text (g_ptr_array_index (labels, labels->len - 1));
      g_string_append_printf (text, "%s=%s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), number);
    }
  return g_string_free (text, FALSE);
}

static void
wait_for_preview (SbDashboardPage *page)
{
  for (guint tries = 0; tries < 300 && sb_dashboard_page_is_busy (page); tries++)
    sb_test_run_main_loop_for (50);
  sb_test_run_main_loop_for (100);
}

static void
test_demo_dashboard (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-dashboard-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sent = g_strdup_printf ("%s=469\n", _("Messages sent"));
  g_autofree char *delivered = g_strdup_printf ("%s=195\n", _("Messages delivered"));
  g_autofree char *after = NULL;
  SbWindow *window;
  SbDashboardPage *page;
  AdwViewStack *stack;
  GtkPicture *preview;
  GdkPaintable *paintable;
  SbMilestone milestone = { NULL, (char *) "2016-09-26", (char *) "Hearing", NULL };
  gint64 started;

  g_assert_true (sb_demo_create (path, &error));
  g_assert_no_error (error);

  window = sb_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);

  stack = find_one (window, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (stack, "dashboard");
  page = find_one (window, SB_TYPE_DASHBOARD_PAGE);
  g_assert_nonnull (page);
  g_assert_true (sb_dashboard_page_get_campaign (page) == sb_window_get_campaign (window));
  wait_for_preview (page);
  sb_test_run_main_loop_for (800);   /* the welcome page's cross-fade */

  text = figures_text (page);
  g_assert_nonnull (strstr (text, sent));
  g_assert_nonnull (strstr (text, delivered));
  g_assert_nonnull (strstr (text, "Ny Sokha=165\n"));
  g_assert_nonnull (strstr (text, "=295\n"));   /* Cambodia, in the interface language */

  /* The preview is the rendered infographic, 1080 pixels square. */
  preview = find_one (page, GTK_TYPE_PICTURE);
  paintable = gtk_picture_get_paintable (preview);
  g_assert_nonnull (paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 1080);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.copy", NULL));

  g_assert_cmpuint (sb_test_save_screenshot (window, "screenshot-dashboard.png"), >, 200);

  /* A change to the campaign shows within a moment (the refresh waits for idle). */
  g_assert_true (sb_campaign_set_setting (sb_window_get_campaign (window), SB_SETTING_AS_OF,
                                          "2016-09-01", &error));
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  after = figures_text (page);
  g_test_message ("refresh after a change: %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_null (strstr (after, sent));
  g_assert_nonnull (strstr (after, "Ny Sokha=126\n"));
  g_assert_true (sb_campaign_add_milestone (sb_window_get_campaign (window), &milestone, &error));
  g_assert_no_error (error);
  g_free (milestone.id);
  wait_for_preview (page);

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SAMBOT_LOCALEDIR");
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_object_set (gtk_settings_get_default (), "gtk-xft-hintstyle", "hintslight", NULL);

  g_test_add_func ("/gui/dashboard/demo", test_demo_dashboard);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
