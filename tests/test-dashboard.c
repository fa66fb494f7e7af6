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
#include <string.h>

#include "sb-application.h"
#include "sb-breakdown.h"
#include "sb-campaign-figures.h"
#include "sb-campaign.h"
#include "sb-dashboard-page.h"
#include "sb-demo.h"
#include "sb-gui-format.h"
#include "sb-milestone-dialog.h"
#include "sb-test-gui.h"
#include "sb-text.h"
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
  SB_TEST_WAIT_UNTIL (!sb_dashboard_page_is_busy (page), 15000, "the dashboard's preview");
  sb_test_wait_for_frame (page);
}

static SbMilestoneDialog *
find_milestone_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (SB_IS_MILESTONE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static AdwPreferencesGroup *
find_group (gpointer    page,
            const char *title)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return g_ptr_array_index (groups, i);
  return NULL;
}

/* "title|subtitle" of every row of @group, a line each. */
static char *
rows_text (AdwPreferencesGroup *group)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  sb_test_collect_visible (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);
      const char *subtitle = adw_action_row_get_subtitle (row);

      g_string_append_printf (text, "%s|%s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              subtitle ? subtitle : "");
    }
  return g_string_free (text, FALSE);
}

/* The rows of @group once they read @expected (the list refreshes when idle), or
 * as they are after five seconds. */
static char *
wait_for_rows (AdwPreferencesGroup *group,
               const char          *expected)
{
  char *text = rows_text (group);

  SB_TEST_RUN_UNTIL ((g_free (text), text = rows_text (group), g_str_equal (text, expected)),
                     5000);
  return text;
}

/* A checksum of the pixels of the infographic preview. */
static char *
preview_checksum (SbDashboardPage *page)
{
  GtkPicture *preview = sb_test_find_first (page, GTK_TYPE_PICTURE);
  GdkTexture *texture = GDK_TEXTURE (gtk_picture_get_paintable (preview));
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, pixels, (gsize) width * height * 4);
}

/* The checksum of the preview once it is no longer @old (it is drawn off the main loop
 * after an idle refresh), or as it is after ten seconds. */
static char *
wait_for_new_preview (SbDashboardPage *page,
                      const char      *old)
{
  char *checksum = NULL;

  SB_TEST_RUN_UNTIL ((g_free (checksum), checksum = preview_checksum (page),
                      !g_str_equal (checksum, old) && !sb_dashboard_page_is_busy (page)),
                     10000);
  return checksum;
}

/* What a click does (gtk_widget_activate clicks only after a 250 ms press). */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static guint
n_milestones (SbCampaign *campaign)
{
  g_autoptr(GPtrArray) milestones = sb_campaign_list_milestones (campaign, NULL);

  return milestones != NULL ? milestones->len : G_MAXUINT;
}

static void
type_into (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  sb_test_wait_for_frame (row);
}

/* Scrolls the page so that @widget is at the top of it. */
static void
scroll_to (SbDashboardPage *page,
           gpointer         widget)
{
  GtkScrolledWindow *scrolled = sb_test_find_first (page, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (scrolled);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (widget), content,
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scrolled), point.y - 12);
  sb_test_wait_for_frame (page);
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
  SB_TEST_RUN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), 10000);
  sb_test_wait_for_frame (window);

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

  /* A change to the campaign shows within a moment (the figures are computed again
   * in a worker thread, once idle). */
  g_assert_true (sb_campaign_set_setting (sb_window_get_campaign (window), SB_SETTING_AS_OF,
                                          "2016-09-01", &error));
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  for (guint tries = 0; tries < 300 && sb_dashboard_page_is_busy (page); tries++)
    g_main_context_iteration (NULL, TRUE);
  after = figures_text (page);
  g_test_message ("refresh after a change: %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_null (strstr (after, sent));
  g_assert_nonnull (strstr (after, "Ny Sokha=126\n"));
  g_assert_true (sb_campaign_add_milestone (sb_window_get_campaign (window), &milestone, &error));
  g_assert_no_error (error);
  g_free (milestone.id);
  g_free (milestone.label_km);   /* the core filled in "" */
  wait_for_preview (page);

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

static void
count_cb (SbCampaignFigures *figures,
          guint             *count)
{
  (*count)++;
}

/* Collects the detainee rows' accessible descriptions ("name, days, counts"). */
static char *
detainee_rows_text (SbWindow *window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  collect (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      sb_test_collect_visible (g_ptr_array_index (rows, i), GTK_TYPE_LABEL, labels);
      for (guint j = 0; j < labels->len; j++)
        g_string_append_printf (text, "%s|", gtk_label_get_text (g_ptr_array_index (labels, j)));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* The window shows a campaign without counting anything first: the Dashboard and
 * the Detainees page get their figures from one computation, in a worker thread,
 * when it ends; a change makes one more. */
static void
test_one_computation (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-figures-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  /* Numbers as the interface writes them (Khmer digits in Khmer). */
  g_autofree char *sent = _sb_localise_digits (g_strdup_printf ("%s=469\n", _("Messages sent")));
  g_autofree char *sokha = _sb_localise_digits (g_strdup ("345"));
  g_autofree char *before = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *rows_after = NULL;
  SbCampaignFigures *figures;
  SbDashboardPage *page;
  SbWindow *window;
  guint updates = 0;

  g_assert_true (sb_demo_create (path, &error));
  g_assert_no_error (error);
  window = sb_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);

  /* Nothing counted yet, in this thread: the figures are on their way. */
  figures = sb_campaign_figures_get_for (sb_window_get_campaign (window));
  g_assert_true (sb_campaign_figures_get_for (sb_window_get_campaign (window)) == figures);
  g_assert_true (sb_campaign_figures_is_busy (figures));
  g_assert_null (sb_campaign_figures_get_data (figures));
  g_signal_connect (figures, "updated", G_CALLBACK (count_cb), &updates);
  page = find_one (window, SB_TYPE_DASHBOARD_PAGE);
  before = figures_text (page);
  g_assert_null (strstr (before, sent));
  rows_before = detainee_rows_text (window);
  g_assert_nonnull (strstr (rows_before, "Ny Sokha|"));
  g_assert_null (strstr (rows_before, sokha));

  SB_TEST_WAIT_UNTIL (!sb_dashboard_page_is_busy (page), 6000, "the figures counted again");
  g_assert_cmpuint (updates, ==, 1);
  after = figures_text (page);
  g_assert_nonnull (strstr (after, sent));
  rows_after = detainee_rows_text (window);
  g_test_message ("%s", rows_after);
  g_assert_nonnull (strstr (rows_after, sokha));
  adw_view_stack_set_visible_child_name (find_one (window, ADW_TYPE_VIEW_STACK), "detainees");
  SB_TEST_RUN_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (page)), 10000);
  sb_test_wait_for_frame (window);
  g_assert_cmpuint (sb_test_save_screenshot (window, "screenshot-detainees-figures.png"), >, 200);

  g_assert_true (sb_campaign_set_setting (sb_window_get_campaign (window), SB_SETTING_AS_OF,
                                          "2016-09-01", &error));
  g_assert_no_error (error);
  SB_TEST_WAIT_UNTIL (!sb_dashboard_page_is_busy (page), 6000, "the figures counted again");
  g_assert_cmpuint (updates, ==, 2);
  g_clear_pointer (&after, g_free);
  after = figures_text (page);
  g_assert_null (strstr (after, sent));

  g_signal_handlers_disconnect_by_func (figures, count_cb, &updates);
  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

/* A coordinator adds a milestone through the dialog (a wrong date is refused as it is
 * typed, Enter adds), sees it in the list and on the timeline, removes it, undoes
 * that, and removes it again. */
static void
test_milestones (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-milestones-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GPtrArray) entry_rows = g_ptr_array_new ();
  g_autofree char *before = NULL;
  g_autofree char *with_milestone = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *date = _sb_format_long_date ("2016-09-26");
  g_autofree char *row_line = NULL;
  g_autofree char *empty_line = g_strdup_printf ("%s|\n", _("No milestones yet"));
  const char *label = g_str_equal (sb_interface_language (), "km") ? "សវនាការ" : "Hearing";
  SbWindow *window;
  SbCampaign *campaign;
  SbDashboardPage *page;
  AdwPreferencesGroup *group;
  SbMilestoneDialog *dialog;
  AdwComboRow *kind_row;
  GtkWidget *add_button;
  GtkWidget *button;
  GtkWidget *text_widget;
  SbMilestone *milestone;

  g_assert_true (sb_demo_create (path, &error));
  g_assert_no_error (error);

  window = sb_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);
  campaign = sb_window_get_campaign (window);
  adw_view_stack_set_visible_child_name (find_one (window, ADW_TYPE_VIEW_STACK), "dashboard");
  page = find_one (window, SB_TYPE_DASHBOARD_PAGE);
  wait_for_preview (page);
  SB_TEST_RUN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)), 10000);
  sb_test_wait_for_frame (window);

  milestones = sb_campaign_list_milestones (campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (milestones->len, ==, 0);
  g_clear_pointer (&milestones, g_ptr_array_unref);

  group = find_group (page, _("Milestones"));
  g_assert_nonnull (group);
  text = wait_for_rows (group, empty_line);
  g_assert_cmpstr (text, ==, empty_line);
  g_clear_pointer (&text, g_free);

  /* The timeline, where milestones show. */
  kind_row = find_one (page, ADW_TYPE_COMBO_ROW);
  adw_combo_row_set_selected (kind_row, 3);
  wait_for_preview (page);
  before = preview_checksum (page);

  /* Add Milestone… opens the dialog. */
  button = sb_test_find_action_button (group, "dashboard.add-milestone");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  click (button);
  SB_TEST_WAIT_UNTIL ((dialog = find_milestone_dialog ()) != NULL, 10000, "the dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  sb_test_collect_visible (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entry_rows);
  g_assert_cmpuint (entry_rows->len, ==, 3);
  add_button = sb_test_find_action_button (dialog, "milestone.add");
  g_assert_nonnull (add_button);
  g_assert_false (gtk_widget_is_sensitive (add_button));

  /* A date that cannot be: said at once, with the core's message; nothing added. */
  type_into (g_ptr_array_index (entry_rows, 1), "Hearing");
  type_into (g_ptr_array_index (entry_rows, 0), "2016-13-45");
  text = sb_test_visible_text (dialog);
  g_assert_nonnull (strstr (text, "2016-13-45"));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (entry_rows, 0), "error"));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (sb_test_save_screenshot (dialog, "screenshot-milestone-dialog.png"), >, 20);
  /* Enter on a wrong form keeps the dialog open. */
  text_widget = find_one (g_ptr_array_index (entry_rows, 0), GTK_TYPE_TEXT);
  g_signal_emit_by_name (text_widget, "activate");   /* what Enter does */
  sb_test_run_main_loop_for (100);
  g_assert_true (find_milestone_dialog () == dialog);

  /* Half a date is not yet wrong. */
  type_into (g_ptr_array_index (entry_rows, 0), "2016-09");
  text = sb_test_visible_text (dialog);
  g_assert_null (strstr (text, "2016-09"));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_clear_pointer (&text, g_free);

  type_into (g_ptr_array_index (entry_rows, 0), "2016-09-26");
  type_into (g_ptr_array_index (entry_rows, 2), "សវនាការ");
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (entry_rows, 0), "error"));
  g_assert_true (gtk_widget_is_sensitive (add_button));

  /* Enter adds and closes. */
  text_widget = find_one (g_ptr_array_index (entry_rows, 2), GTK_TYPE_TEXT);
  g_assert_nonnull (text_widget);
  g_signal_emit_by_name (text_widget, "activate");   /* what Enter does */
  SB_TEST_WAIT_UNTIL (find_milestone_dialog () == NULL, 10000, "the milestone dialog to close");

  milestones = sb_campaign_list_milestones (campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (milestones->len, ==, 1);
  milestone = g_ptr_array_index (milestones, 0);
  g_assert_cmpstr (milestone->day, ==, "2016-09-26");
  g_assert_cmpstr (milestone->label_en, ==, "Hearing");
  g_assert_cmpstr (milestone->label_km, ==, "សវនាការ");

  /* The list and the timeline follow. */
  wait_for_preview (page);
  row_line = g_strdup_printf ("%s|%s\n", label, date);
  text = wait_for_rows (group, row_line);
  g_assert_cmpstr (text, ==, row_line);
  g_clear_pointer (&text, g_free);
  with_milestone = wait_for_new_preview (page, before);
  g_assert_cmpstr (with_milestone, !=, before);
  scroll_to (page, group);
  g_assert_cmpuint (sb_test_save_screenshot (window, "screenshot-dashboard-milestones.png"), >, 200);

  /* Remove: gone from the campaign and the list, and an undo puts it back. */
  button = sb_test_find_action_button (group, "dashboard.remove-milestone");
  g_assert_nonnull (button);
  click (button);
  SB_TEST_RUN_UNTIL (n_milestones (campaign) == 0, 10000);
  g_clear_pointer (&milestones, g_ptr_array_unref);
  milestones = sb_campaign_list_milestones (campaign, &error);
  g_assert_cmpuint (milestones->len, ==, 0);
  text = wait_for_rows (group, empty_line);
  g_assert_cmpstr (text, ==, empty_line);
  g_clear_pointer (&text, g_free);

  button = sb_test_find_button_labelled (window, _("_Undo"));
  g_assert_nonnull (button);
  click (button);
  SB_TEST_RUN_UNTIL (n_milestones (campaign) == 1, 10000);
  g_clear_pointer (&milestones, g_ptr_array_unref);
  milestones = sb_campaign_list_milestones (campaign, &error);
  g_assert_cmpuint (milestones->len, ==, 1);
  g_assert_cmpstr (((SbMilestone *) g_ptr_array_index (milestones, 0))->label_km, ==, "សវនាការ");
  text = wait_for_rows (group, row_line);
  g_assert_cmpstr (text, ==, row_line);
  g_clear_pointer (&text, g_free);

  button = sb_test_find_action_button (group, "dashboard.remove-milestone");
  click (button);
  g_clear_pointer (&milestones, g_ptr_array_unref);
  milestones = sb_campaign_list_milestones (campaign, &error);
  g_assert_cmpuint (milestones->len, ==, 0);
  after = wait_for_new_preview (page, with_milestone);
  g_assert_cmpstr (after, ==, before);

  /* Cancel adds nothing. */
  click (sb_test_find_action_button (group, "dashboard.add-milestone"));
  SB_TEST_WAIT_UNTIL ((dialog = find_milestone_dialog ()) != NULL, 10000, "the dialog");
  g_ptr_array_set_size (entry_rows, 0);
  sb_test_collect_visible (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entry_rows);
  type_into (g_ptr_array_index (entry_rows, 0), "2016-10-01");
  type_into (g_ptr_array_index (entry_rows, 1), "Not kept");
  click (sb_test_find_button_labelled (dialog, _("_Cancel")));
  SB_TEST_WAIT_UNTIL (find_milestone_dialog () == NULL, 10000, "the milestone dialog to close");
  g_clear_pointer (&milestones, g_ptr_array_unref);
  milestones = sb_campaign_list_milestones (campaign, &error);
  g_assert_cmpuint (milestones->len, ==, 0);

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

/* The weekly chart has its values and dates, whole, at the window's two usual sizes;
 * the demo's last week (one day of it, as of Monday 10 October 2016) says so. */
static void
test_weeks_chart (void)
{
  const int sizes[][2] = { { 1280, 800 }, { 1024, 700 } };
  g_autofree char *dir = g_dir_make_tmp ("sambot-dashboard-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *lang = sb_interface_language ();
  g_autofree char *top = sb_text_format_count (150, lang);
  SbWindow *window;
  SbDashboardPage *page;
  AdwViewStack *stack;
  GtkWidget *area;

  g_assert_true (sb_demo_create (path, &error));
  g_assert_no_error (error);
  window = sb_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);
  stack = find_one (window, ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (stack, "dashboard");
  page = find_one (window, SB_TYPE_DASHBOARD_PAGE);
  area = find_one (page, GTK_TYPE_DRAWING_AREA);
  g_assert_nonnull (area);
  wait_for_preview (page);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *shot = g_strdup_printf ("screenshot-dashboard-weeks-%s-%d.png", lang,
                                               sizes[s][0]);
      int width, height;
      guint n_values = 0, n_dates = 0, n_partial = 0, n_counts = 0;
      gboolean top_shown = FALSE;
      SbWeekChart *chart;

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0], sizes[s][1]);
      sb_test_run_main_loop_for (500);
      {
        GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (area, GTK_TYPE_SCROLLED_WINDOW));
        graphene_point_t point;
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

        g_assert_true (gtk_widget_compute_point (area, gtk_scrolled_window_get_child (scrolled),
                                                 &GRAPHENE_POINT_INIT (0, 0), &point));
        /* The point is where the chart is in the part of the page shown. */
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 60);
        sb_test_wait_for_frame (window);
      }
      g_assert_cmpuint (sb_test_save_screenshot (window, shot), >, 100);
      chart = sb_dashboard_page_get_week_chart (page);
      g_assert_nonnull (chart);
      width = gtk_widget_get_width (area);
      height = gtk_widget_get_height (area);
      for (guint i = 0; i < sb_week_chart_get_n_labels (chart); i++)
        {
          const SbWeekChartLabel *label = sb_week_chart_get_label (chart, i);

          g_test_message ("%d: “%s” at %.0f,%.0f, %.0f × %.0f", sizes[s][0], label->text,
                          label->x, label->y, label->width, label->height);
          g_assert_false (label->cut);
          g_assert_cmpfloat (label->x, >=, 0);
          g_assert_cmpfloat (label->y, >=, 0);
          g_assert_cmpfloat (label->x + label->width, <=, width);
          g_assert_cmpfloat (label->y + label->height, <=, height);
          n_values += label->kind == SB_WEEK_CHART_LABEL_VALUE;
          n_dates += label->kind == SB_WEEK_CHART_LABEL_DATE;
          n_partial += label->kind == SB_WEEK_CHART_LABEL_PARTIAL;
          n_counts += label->kind == SB_WEEK_CHART_LABEL_COUNT;
          top_shown |= g_str_equal (label->text, top);
        }
      g_assert_cmpuint (n_values, >=, 3);
      g_assert_cmpuint (n_dates, >=, 3);
      g_assert_cmpuint (n_partial, ==, 1);
      g_assert_cmpuint (n_counts, ==, 10);   /* each week's number over its bar */
      g_assert_true (top_shown);
    }

  sb_window_close_campaign (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/dashboard/demo", test_demo_dashboard);
  g_test_add_func ("/gui/dashboard/milestones", test_milestones);
  g_test_add_func ("/gui/dashboard/weeks-chart", test_weeks_chart);
  g_test_add_func ("/gui/dashboard/one-computation", test_one_computation);

  return sb_test_gui_run ();
}
