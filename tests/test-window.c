/* test-window.c — the main window and the Detainees section, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script). Each test looks at what a person would
 * see: which page shows, the rows and their words, the window title; screenshots of the
 * window are saved next to the test binary.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "sb-application.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-detainee-editor.h"
#include "sb-detainee-row.h"
#include "sb-detainees-page.h"
#include "sb-gui-format.h"
#include "sb-test-campaign.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* Lets GTK lay out, draw and finish its transitions. */
static SbWindow *
show_window (void)
{
  SbWindow *window = sb_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  sb_test_wait_for_frame (window);
  return window;
}

/* Widgets a person can see, in tree order. */
static GPtrArray *
find_visible (gpointer widget,
              GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (widget), type, found);
  return found;
}

/* Whether the one visible detainee row under @window shows @words. */
static gboolean
detainee_row_shows (gpointer    window,
                    const char *words)
{
  g_autoptr(GPtrArray) rows = find_visible (window, SB_TYPE_DETAINEE_ROW);
  g_autofree char *text = NULL;

  if (rows->len != 1)
    return FALSE;
  text = sb_test_visible_text (g_ptr_array_index (rows, 0));
  return strstr (text, words) != NULL;
}

/* The visible entry row titled @title. */
static GtkWidget *
find_entry_row (gpointer    widget,
                const char *title)
{
  g_autoptr(GPtrArray) rows = find_visible (widget, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no entry row titled “%s”", title);
  return NULL;
}

static GtkWidget *
find_button (gpointer    widget,
             const char *label)
{
  GtkWidget *button = sb_test_find_button_labelled (widget, label);

  if (button == NULL)
    g_error ("no button labelled “%s”", label);
  return button;
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

/* Renders @widget in-process (works headless) and saves it; returns how many distinct
 * colours the picture has, so a blank or failed rendering is caught. */
static char *
make_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "demo.sambot", NULL);

  g_assert_true (sb_demo_create (path, &error));
  g_assert_no_error (error);
  return path;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_welcome (void)
{
  SbWindow *window = show_window ();
  g_autofree char *text = sb_test_visible_text (window);
  g_autoptr(GPtrArray) pages = find_visible (window, SB_TYPE_DETAINEES_PAGE);

  g_assert_null (sb_window_get_campaign (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Sambot");
  g_assert_nonnull (sb_test_find_action_button (window, "app.new-campaign"));
  g_assert_nonnull (sb_test_find_action_button (window, "app.open-campaign"));
  g_assert_nonnull (sb_test_find_action_button (window, "app.open-demo"));
  g_assert_nonnull (strstr (text, _("Sambot")));
  g_assert_cmpuint (pages->len, ==, 0);
  g_assert_cmpuint (sb_test_save_screenshot (window, "screenshot-welcome.png"), >, 50);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_demo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-test-XXXXXX", NULL);
  g_autofree char *path = make_demo (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *days_165 = g_strdup_printf (ngettext ("%d day in detention",
                                                         "%d days in detention", 165), 165);
  g_autofree char *as_of = _sb_format_long_date ("2016-10-10");
  SbWindow *window = show_window ();
  gboolean found_165 = FALSE;

  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);
  SB_TEST_RUN_UNTIL (sb_test_count_visible (window, SB_TYPE_DETAINEE_ROW) == 5, 10000);
  sb_test_wait_for_frame (window);

  name = sb_campaign_get_setting (sb_window_get_campaign (window), SB_SETTING_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, name);

  rows = find_visible (window, SB_TYPE_DETAINEE_ROW);
  g_assert_cmpuint (rows->len, ==, 5);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *row_text = sb_test_visible_text (g_ptr_array_index (rows, i));

      if (strstr (row_text, days_165) != NULL)
        found_165 = TRUE;
    }
  g_assert_true (found_165);

  /* With several sections the header shows the view switcher; the campaign's name
   * is the window's title (checked above). */
  text = sb_test_visible_text (window);
  g_assert_nonnull (strstr (text, "Ny Sokha"));
  g_assert_nonnull (strstr (text, "នី សុខា"));
  g_assert_nonnull (strstr (text, as_of));

  g_assert_cmpuint (sb_test_save_screenshot (window, "screenshot-detainees.png"), >, 200);

  sb_window_close_campaign (window);
  g_assert_null (sb_window_get_campaign (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

static void
test_not_a_campaign (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "letter.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbWindow *window = show_window ();
  GtkWindow *dialog;

  g_assert_true (g_file_set_contents (path, "Dear friend, this is not a campaign.\n", -1, NULL));

  g_assert_false (sb_window_load (window, file, &error));
  g_assert_nonnull (error);
  g_test_message ("core says: %s", error->message);
  g_assert_null (sb_window_get_campaign (window));

  /* Opened as a person does, the core's message shows in a dialog. */
  sb_window_open (window, file);
  SB_TEST_WAIT_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                      10000, "the dialog");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, error->message);
  sb_test_save_screenshot (dialog, "screenshot-open-error.png");
  gtk_window_destroy (dialog);
  g_assert_null (sb_window_get_campaign (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

static void
test_add_detainee (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.sambot", NULL);
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *editor_text = NULL;
  SbWindow *window = show_window ();
  g_autofree char *released_427 = g_strdup_printf (ngettext ("Released after %d day",
                                                             "Released after %d days", 427), 427);
  GtkWindow *editor;
  GtkWidget *save;

  campaign = sb_campaign_create (path, "Test campaign", "PP", &error);
  g_assert_no_error (error);
  sb_window_set_campaign (window, campaign);
  SB_TEST_RUN_UNTIL (sb_test_shows_text (window, _("No Detainees Yet")), 10000);
  sb_test_wait_for_frame (window);

  /* An empty campaign says so, and offers the way forward. */
  text = sb_test_visible_text (window);
  g_assert_nonnull (strstr (text, _("No Detainees Yet")));
  sb_test_save_screenshot (window, "screenshot-no-detainees.png");

  pages = find_visible (window, SB_TYPE_DETAINEES_PAGE);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (pages, 0), "detainees.add", NULL));
  SB_TEST_WAIT_UNTIL ((editor = find_toplevel (SB_TYPE_DETAINEE_EDITOR)) != NULL,
                      10000, "the editor");

  /* Nothing typed: nothing to save. */
  save = find_button (editor, _("_Save"));
  g_assert_false (gtk_widget_get_sensitive (save));

  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (editor, _("English Name"))), "Lim Mony");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (editor, _("Khmer Name"))), "លឹម មុន្នី");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (editor, _("Detained On"))), "2016-04-28");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (editor, _("Released On"))), "2016-04-01");
  SB_TEST_RUN_UNTIL (sb_test_shows_text (editor, "2016-04-01"), 10000);
  sb_test_wait_for_frame (editor);

  /* Released before the arrest: the core's words, inline, and Save stays off. */
  editor_text = sb_test_visible_text (editor);
  g_assert_nonnull (strstr (editor_text, "2016-04-01"));
  g_assert_false (gtk_widget_get_sensitive (save));
  sb_test_save_screenshot (editor, "screenshot-editor-error.png");

  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (editor, _("Released On"))), "2017-06-29");
  SB_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (save), 10000, "Save usable with a good date");
  g_signal_emit_by_name (save, "clicked");
  SB_TEST_WAIT_UNTIL (find_toplevel (SB_TYPE_DETAINEE_EDITOR) == NULL, 10000,
                      "the detainee editor to close");

  detainees = sb_campaign_list_detainees (campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detainees->len, ==, 1);

  SB_TEST_RUN_UNTIL (detainee_row_shows (window, released_427), 10000);
  rows = find_visible (window, SB_TYPE_DETAINEE_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&text, g_free);
  text = sb_test_visible_text (g_ptr_array_index (rows, 0));
  g_assert_nonnull (strstr (text, "Lim Mony"));
  g_assert_nonnull (strstr (text, "លឹម មុន្នី"));
  g_assert_nonnull (strstr (text, released_427));

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

/* Every section and group of the shortcuts window under @widget has a title, in the
 * interface language (a section without one is an empty button in the switcher). */
static guint
assert_shortcuts_titled (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_SHORTCUTS_SECTION (widget) || GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      if (title == NULL || *title == '\0')
        g_error ("A %s of the shortcuts window has no title", G_OBJECT_TYPE_NAME (widget));
      if (g_str_equal (sb_interface_language (), "km"))
        for (const char *p = title; *p != '\0'; p++)
          if (g_ascii_isalpha (*p))
            g_error ("“%s” in the shortcuts window is not translated", title);
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_shortcuts_titled (child);
  return n;
}

static void
test_secondary_windows (void)
{
  SbWindow *window = show_window ();
  GtkWindow *preferences, *about, *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  SB_TEST_WAIT_UNTIL ((preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL,
                      10000, "the Preferences window");
  g_assert_nonnull (find_entry_row (preferences, _("Your Name")));
  sb_test_save_screenshot (preferences, "screenshot-preferences.png");
  gtk_window_destroy (preferences);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  SB_TEST_WAIT_UNTIL ((about = find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL,
                      10000, "the about");
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APPLICATION_ID);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  sb_test_save_screenshot (about, "screenshot-about.png");
  gtk_window_destroy (about);

  /* GtkApplication loads gtk/help-overlay.ui from our resources. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  SB_TEST_WAIT_UNTIL ((shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)) != NULL,
                      10000, "the shortcuts");
  /* Two sections and six groups. */
  g_assert_cmpuint (assert_shortcuts_titled (GTK_WIDGET (shortcuts)), ==, 8);
  sb_test_save_screenshot (shortcuts, "screenshot-shortcuts.png");
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The translator credits of the About window in @language (LANGUAGE, the build's
 * catalogues), as the app sets them. */
static char *
about_credits_in (const char *language)
{
  GtkWindow *about;
  char *credits;

  g_setenv ("LANGUAGE", language, TRUE);
  /* Tells gettext that the catalogues to use may have changed. */
  textdomain (GETTEXT_PACKAGE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  SB_TEST_WAIT_UNTIL ((about = find_toplevel (ADW_TYPE_ABOUT_WINDOW)) != NULL,
                      10000, "the about");
  credits = g_strdup (adw_about_window_get_translator_credits (ADW_ABOUT_WINDOW (about)));
  gtk_window_destroy (about);
  return credits;
}

/* A Khmer reader of the About window sees who translated it in Khmer script (the
 * credits were English); in English the window shows no translators at all (libadwaita
 * leaves out the untranslated "translator-credits"). */
static void
test_about_credits (void)
{
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *saved_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *khmer = NULL;
  g_autofree char *english = NULL;
  gboolean has_khmer = FALSE;

  /* LANGUAGE works only with a real locale (docs/testing.md): C.UTF-8 will do. */
  if (g_str_equal (saved_locale, "C") || g_str_equal (saved_locale, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
  khmer = about_credits_in ("km");
  english = about_credits_in ("en");
  setlocale (LC_MESSAGES, saved_locale);
  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);

  g_assert_nonnull (khmer);
  for (const char *p = khmer; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_KHMER)
      has_khmer = TRUE;
  g_assert_true (has_khmer);
  g_assert_null (strstr (khmer, "translation team"));
  g_assert_cmpstr (english, ==, "translator-credits");
}

static void
test_new_campaign_dialog (void)
{
  SbWindow *window = show_window ();
  AdwMessageDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-campaign", NULL);
  SB_TEST_WAIT_UNTIL ((dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL,
                      10000, "the dialog");

  /* No name yet: nothing to create. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, _("Campaign Name"))), "#Freethe5KH");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));

  /* An office code the core would refuse is flagged at once. */
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, _("Office Code"))), "PP-1");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  sb_test_save_screenshot (dialog, "screenshot-new-campaign.png");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (dialog, _("Office Code"))), "kt");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first widget of @type below @widget, shown or not. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (widget == NULL || G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A campaign from an older Sambot opens in the background: the window goes on
 * drawing while it is updated, shows how far the update is if it takes a while, then
 * shows the campaign (issue 12). */
static void
test_update_older_campaign (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-window-update-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "freethe5kh.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SbWindow *window = show_window ();
  GtkWidget *stack;
  GtkWidget *bar;
  guint iterations = 0;
  gboolean saw_progress = FALSE;

  sb_test_unzip_fixture ("demo-v6.sambot.gz", path);
  g_assert_true (sb_campaign_needs_update (path));

  sb_window_open (window, file);
  /* Not opened on the spot: the update runs in a thread. */
  g_assert_null (sb_window_get_campaign (window));
  stack = sb_test_find_first (window, GTK_TYPE_STACK);
  bar = find_descendant (gtk_stack_get_child_by_name (GTK_STACK (stack), "updating"),
                         GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  while (sb_window_get_campaign (window) == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      iterations++;
      if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "updating") == 0 &&
          gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) > 0)
        {
          if (!saw_progress)
            sb_test_save_screenshot (window, "screenshot-updating.png");
          saw_progress = TRUE;
        }
    }
  g_test_message ("%u main-loop iterations while opening; progress %s", iterations,
                  saw_progress ? "shown" : "not needed (quick)");
  g_assert_cmpuint (iterations, >, 0);
  g_assert_false (sb_campaign_needs_update (path));
  SB_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "campaign") == 0,
                      10000, "the campaign shown");

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/window/welcome", test_welcome);
  g_test_add_func ("/gui/window/demo", test_demo);
  g_test_add_func ("/gui/window/not-a-campaign", test_not_a_campaign);
  g_test_add_func ("/gui/window/update-older-campaign", test_update_older_campaign);
  g_test_add_func ("/gui/window/secondary-windows", test_secondary_windows);
  g_test_add_func ("/gui/window/about-credits", test_about_credits);
  g_test_add_func ("/gui/window/new-campaign-dialog", test_new_campaign_dialog);
  g_test_add_func ("/gui/detainees/add", test_add_detainee);

  return sb_test_gui_run ();
}
