/* test-help.c — F1 opens the user guide, in the person's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script) with desktop folders of its own: a
 * "web browser" and a "help viewer" that only write down the address they were asked to
 * open, so the test sees what a person's desktop would have been asked to show.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-help.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;
static char *desktop_dir;   /* the test's XDG folders */
static char *opened_path;   /* where the fake browser and help viewer write */
static char *source_help;   /* help/ in the source tree */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* A desktop whose web browser and help viewer write the address they are given. */
static void
make_desktop (void)
{
  g_autofree char *recorder = g_build_filename (desktop_dir, "record-uri.sh", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part'\n"
                                             "mv '%s.part' '%s'\n",
                                             opened_path, opened_path, opened_path);
  const char *kinds[][2] = {
    { "browser", "text/html;" },
    { "help-viewer", "x-scheme-handler/help;" },
  };

  write_file (recorder, script, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/data/applications/sambot-test-%s.desktop",
                                               desktop_dir, kinds[i][0]);
      g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\n"
                                                "Name=Test %s\nExec=%s %%u\nMimeType=%s\n",
                                                kinds[i][0], recorder, kinds[i][1]);

      write_file (path, entry, 0600);
    }
  {
    g_autofree char *path = g_build_filename (desktop_dir, "config", "mimeapps.list", NULL);

    write_file (path,
                "[Default Applications]\n"
                "text/html=sambot-test-browser.desktop\n"
                "x-scheme-handler/help=sambot-test-help-viewer.desktop\n",
                0600);
  }
}

static SbWindow *
show_window (void)
{
  SbWindow *window = sb_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  sb_test_wait_for_frame (window);
  return window;
}

/* Presses F1 (runs app.help, the action F1 is bound to) and returns the address the
 * desktop was asked to open, or %NULL after @seconds. */
static char *
press_f1 (guint seconds)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  char *uri = NULL;

  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));
  g_remove (opened_path);
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);

  SB_TEST_RUN_UNTIL (g_file_get_contents (opened_path, &uri, NULL, NULL), seconds * 1000);
  return uri;
}

static GtkWindow *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return window;
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_page_in_language (void)
{
  g_autofree char *khmer = NULL;
  g_autofree char *english = NULL;
  g_autofree char *contents = NULL;
  gboolean in_help_path = TRUE;

  g_setenv ("SAMBOT_HELPDIR", source_help, TRUE);

  g_setenv ("LANGUAGE", "km", TRUE);
  khmer = sb_help_find_page (&in_help_path);
  g_assert_nonnull (khmer);
  g_assert_true (g_str_has_suffix (khmer, "/km/sambot/index.html"));
  g_assert_false (in_help_path);
  g_assert_true (g_file_get_contents (khmer, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "lang=\"km\""));
  g_assert_nonnull (strstr (contents, "ការវាយបញ្ចូលកាតប៉ុស្តាល់"));
  g_assert_nonnull (strstr (contents, "ជុំបញ្ជូន"));

  /* No guide in that language: the English one. */
  g_setenv ("LANGUAGE", "fr_FR:fr", TRUE);
  english = sb_help_find_page (NULL);
  g_assert_nonnull (english);
  g_assert_true (g_str_has_suffix (english, "/C/sambot/index.html"));

  g_setenv ("LANGUAGE", "en", TRUE);
}

static void
test_browser_shows_guide (void)
{
  SbWindow *window = show_window ();
  g_autofree char *page = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *uri = NULL;

  /* Not where a help viewer looks: the page itself, in the web browser, in Khmer. */
  g_setenv ("SAMBOT_HELPDIR", source_help, TRUE);
  g_setenv ("LANGUAGE", "km", TRUE);
  page = g_build_filename (source_help, "km", "sambot", "index.html", NULL);
  expected = g_filename_to_uri (page, NULL, NULL);

  /* GIO hands a local file to the browser as a path or as a file:// URI. */
  uri = press_f1 (10);
  g_assert_nonnull (uri);
  g_test_message ("the browser was asked to open %s", uri);
  {
    g_autoptr(GFile) opened = g_file_new_for_commandline_arg (uri);
    g_autoptr(GFile) wanted = g_file_new_for_uri (expected);

    g_assert_true (g_file_equal (opened, wanted));
  }
  g_assert_null (find_dialog (_("Could Not Open the User Guide")));

  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_help_viewer_shows_guide (void)
{
  SbWindow *window = show_window ();
  g_autofree char *installed = g_build_filename (g_get_user_data_dir (), "help", "C", "sambot",
                                                 "index.html", NULL);
  g_autofree char *source_page = g_build_filename (source_help, "C", "sambot", "index.html", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  gboolean in_help_path = FALSE;

  /* Installed where help viewers look: "help:sambot" goes to the help viewer. */
  g_assert_true (g_file_get_contents (source_page, &contents, NULL, NULL));
  write_file (installed, contents, 0600);
  g_unsetenv ("SAMBOT_HELPDIR");
  g_free (sb_help_find_page (&in_help_path));
  g_assert_true (in_help_path);

  uri = press_f1 (10);
  g_assert_cmpstr (uri, ==, "help:sambot");

  g_remove (installed);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_guide_missing (void)
{
  g_autofree char *empty = g_build_filename (desktop_dir, "no-help", NULL);
  SbWindow *window = show_window ();
  g_autofree char *uri = NULL;
  GtkWindow *dialog;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_setenv ("SAMBOT_HELPDIR", empty, TRUE);

  uri = press_f1 (1);
  g_assert_null (uri);
  dialog = find_dialog (_("Could Not Open the User Guide"));
  g_assert_nonnull (dialog);

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (empty);
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/sambot/Sambot/gtk/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);
  gboolean listed = FALSE;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *action = NULL;

        g_object_get (l->data, "action-name", &action, NULL);
        listed |= g_strcmp0 (action, "app.help") == 0;
      }
  g_slist_free (objects);
  g_assert_true (listed);
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  int status;

  /* The test's own desktop, set before GLib reads these. */
  desktop_dir = g_dir_make_tmp ("sambot-help-XXXXXX", NULL);
  data_home = g_build_filename (desktop_dir, "data", NULL);
  config_home = g_build_filename (desktop_dir, "config", NULL);
  opened_path = g_build_filename (desktop_dir, "opened-uri", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  make_desktop ();

  app = sb_test_gui_init (&argc, &argv);
  source_help = g_test_build_filename (G_TEST_DIST, "..", "help", NULL);

  g_test_add_func ("/gui/help/page-in-language", test_page_in_language);
  g_test_add_func ("/gui/help/browser-shows-guide", test_browser_shows_guide);
  g_test_add_func ("/gui/help/help-viewer-shows-guide", test_help_viewer_shows_guide);
  g_test_add_func ("/gui/help/guide-missing", test_guide_missing);
  g_test_add_func ("/gui/help/shortcuts-window", test_shortcuts_window);

  status = sb_test_gui_run ();

  sb_test_remove_tree (desktop_dir);
  g_free (source_help);
  g_free (opened_path);
  g_free (desktop_dir);
  return status;
}
