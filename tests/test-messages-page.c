/* test-messages-page.c — the Messages section in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script): opens the demo campaign, looks at
 * the rows, filters and searches, types a card and checks it was saved without a
 * Save button, and saves screenshots in the interface language
 * (messages-en.png, messages-km.png) next to the test binary. On a larger generated
 * campaign, the list shows its first rows and "1,000+" before its whole order is
 * read, and what is selected stays when the list grows.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-bench-campaign.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-gui-format.h"
#include "sb-message-editor.h"
#include "sb-message-list.h"
#include "sb-messages-page.h"
#include "sb-names.h"
#include "sb-scan-loader.h"
#include "sb-scan-viewer.h"
#include "sb-scans.h"
#include "sb-test-gui.h"
#include "sb-text.h"
#include "sb-window.h"

static SbApplication *app;

/* The messages page shows the whole list, a message open in its editor. */
static gboolean
list_shown (SbWindow *window)
{
  SbMessagesPage *page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  SbMessageEditor *editor = page != NULL ? sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR) : NULL;

  return editor != NULL && sb_message_editor_get_message_id (editor) != NULL &&
         sb_message_list_is_complete (SB_MESSAGE_LIST (sb_messages_page_get_model (page)));
}

static gboolean
stored_text_is (SbCampaign *campaign,
                const char *id,
                const char *text)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, NULL);

  return message != NULL && g_strcmp0 (message->original_text, text) == 0;
}

static gboolean
message_status_is (SbCampaign *campaign,
                   const char *id,
                   const char *status)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, NULL);

  return message != NULL && g_strcmp0 (message->status, status) == 0;
}

/* A window on a fresh copy of the demo campaign, on the Messages section. */
static SbWindow *
open_demo (char **dir_out)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-messages-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbWindow *window;
  AdwViewStack *stack;

  g_assert_true (sb_demo_create (path, &error));
  g_assert_no_error (error);
  window = sb_test_open_window (file, 1280, 800);
  stack = sb_test_find_first (window, ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (stack, "messages");
  SB_TEST_RUN_UNTIL (list_shown (window), 15000);
  sb_test_wait_for_frame (window);
  *dir_out = g_steal_pointer (&dir);
  return window;
}

static void
close_demo (SbWindow *window,
            char     *dir)
{
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  /* Closing the campaign writes what was typed; the window itself is only hidden, so
   * the other sections' teardown is not part of this test. */
  sb_window_close_campaign (window);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  sb_test_run_main_loop_for (100);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  g_free (dir);
}

/* A picture of a handwritten postcard, as a scanner would give it. */
static GBytes *
draw_postcard (const char *text,
               const char *sender)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1500, 1000);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Khmer OS 34");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  char *buffer = NULL;
  gsize size = 0;

  cairo_set_source_rgb (cr, 0.97, 0.95, 0.89);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.55, 0.45, 0.35);
  cairo_set_line_width (cr, 3);
  cairo_rectangle (cr, 30, 30, 1440, 940);
  cairo_stroke (cr);
  cairo_move_to (cr, 900, 120);
  cairo_line_to (cr, 900, 880);
  cairo_stroke (cr);
  cairo_rectangle (cr, 1250, 70, 160, 190);
  cairo_stroke (cr);
  for (int y = 560; y <= 800; y += 80)
    {
      cairo_move_to (cr, 950, y);
      cairo_line_to (cr, 1410, y);
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0.10, 0.15, 0.45);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 780 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 80, 110);
  pango_cairo_show_layout (cr, layout);
  pango_layout_set_text (layout, sender, -1);
  cairo_move_to (cr, 960, 500);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);

  pixbuf = gdk_pixbuf_get_from_surface (surface, 0, 0, 1500, 1000);
  cairo_surface_destroy (surface);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "90", NULL));
  return g_bytes_new_take (buffer, size);
}

/* Gives the message open in the editor a scan of its front. */
static void
scan_open_card (SbWindow       *window,
                SbMessagesPage *page)
{
  SbMessageEditor *editor = sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR);
  SbCampaign *campaign = sb_window_get_campaign (window);
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, sb_message_editor_get_message_id (editor), NULL);
  g_autoptr(GBytes) jpeg = draw_postcard (message->original_text, message->sender_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScan) scan = sb_scan_load_bytes (jpeg, "card.jpg", &error);

  g_assert_no_error (error);
  scan->message_id = g_strdup (message->id);
  scan->side = g_strdup ("front");
  g_assert_true (sb_campaign_add_scan (campaign, scan, &error));
  g_assert_no_error (error);
  sb_message_editor_show_message (editor, NULL);
  sb_messages_page_show_message (page, message->id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (editor), message->id) == 0, 10000);
  sb_test_wait_for_frame (editor);
  sb_scan_viewer_zoom_fit (SB_SCAN_VIEWER (sb_message_editor_get_scan_viewer (editor)));
  /* The full picture is decoded in a thread: wait for it. */
  SB_TEST_WAIT_UNTIL (sb_scan_viewer_is_loaded (SB_SCAN_VIEWER (sb_message_editor_get_scan_viewer (editor))),
                      10000, "the full picture decoded");
  sb_test_wait_for_frame (editor);
}

/* ------------------------------------------------------------------------ */

static void
test_list (void)
{
  char *dir = NULL;
  SbWindow *window = open_demo (&dir);
  SbMessagesPage *page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  GListModel *model = sb_messages_page_get_model (page);
  GtkListView *list_view = sb_test_find_first (page, GTK_TYPE_LIST_VIEW);
  GtkDropDown *status = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shot = g_strdup_printf ("messages-%s.png", sb_interface_language ());
  g_autoptr(SbMessageRow) first = NULL;
  guint all;

  g_assert_nonnull (page);
  all = g_list_model_get_n_items (model);
  /* The demo campaign: 469 messages (and none deleted). */
  g_assert_cmpuint (all, >=, 469);
  g_assert_nonnull (list_view);

  /* Rows on screen show references and the count says how many. */
  text = sb_test_visible_text (page);
  first = g_list_model_get_item (model, 0);
  g_assert_nonnull (strstr (text, sb_message_row_get_ref (first)));
  {
    g_autofree char *number = sb_text_format_count (all, sb_interface_language ());
    g_assert_nonnull (strstr (text, number));
  }
  /* Rows name the language of each message, never its code. */
  {
    static const char *const codes[] = { " · km →", " · en →", " · fr →", " · es →", " · und" };

    for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
      g_assert_null (strstr (text, codes[i]));
  }
  /* The reference of the message open is shown large. */
  g_assert_nonnull (sb_message_editor_get_message_id (sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR)));

  scan_open_card (window, page);
  g_assert_cmpuint (sb_test_save_screenshot (window, shot), >, 200);
  /* Every row on screen is drawn (none left blank by an early scroll). */
  {
    g_autofree char *rows = sb_test_visible_text (list_view);
    g_autoptr(SbMessageRow) second = g_list_model_get_item (model, 1);

    g_assert_nonnull (strstr (rows, sb_message_row_get_ref (second)));
  }

  /* Filters: approved messages only. */
  status = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_MESSAGES_PAGE, "status_dropdown"));
  gtk_drop_down_set_selected (status, 3);
  SB_TEST_RUN_UNTIL (g_list_model_get_n_items (model) < all &&
                     sb_message_list_is_complete (SB_MESSAGE_LIST (model)), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, all);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SbMessageRow) row = g_list_model_get_item (model, i);
      g_assert_cmpstr (sb_message_row_get_status (row), ==, "approved");
    }
  gtk_drop_down_set_selected (status, 0);

  /* Search as you type: nothing matches, and the page says so. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_MESSAGES_PAGE,
                                                                      "search_entry")), "qqqqzzzz");
  SB_TEST_RUN_UNTIL (g_list_model_get_n_items (model) == 0 &&
                     sb_test_shows_text (page, _("No Matching Messages")), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_clear_pointer (&text, g_free);
  text = sb_test_visible_text (page);
  g_assert_nonnull (strstr (text, _("No Matching Messages")));

  /* A Khmer name of two characters is searched as soon as it is typed: the list
   * holds exactly the messages the search finds. */
  {
    g_autoptr(GError) error = NULL;
    gint64 found = 0;
    g_autoptr(GPtrArray) ids = sb_campaign_search (sb_window_get_campaign (window), "នី", 1,
                                                   &found, &error);

    g_assert_no_error (error);
    g_assert_cmpint (found, >, 0);
    g_assert_cmpint (found, <, all);
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_MESSAGES_PAGE,
                                                                        "search_entry")), "នី");
    SB_TEST_RUN_UNTIL (g_list_model_get_n_items (model) == (guint) found &&
                       sb_message_list_is_complete (SB_MESSAGE_LIST (model)), 10000);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, found);
  }

  /* On a 1024×700 screen the list stays beside the card being typed. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  sb_test_run_main_loop_for (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_assert_false (adw_leaflet_get_folded (sb_test_find_first (page, ADW_TYPE_LEAFLET)));
  g_assert_nonnull (sb_test_find_first (page, GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR));

  close_demo (window, dir);
}

static void
test_type_card (void)
{
  char *dir = NULL;
  SbWindow *window = open_demo (&dir);
  SbMessagesPage *page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  SbMessageEditor *editor = sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR);
  SbCampaign *campaign = sb_window_get_campaign (window);
  GtkTextView *text_view;
  g_autoptr(SbMessage) saved = NULL;
  g_autofree char *id = NULL;
  g_autofree char *shot = g_strdup_printf ("messages-new-%s.png", sb_interface_language ());
  g_autofree char *shown_before = g_strdup (sb_message_editor_get_message_id (editor));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "messages.new", NULL));
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (editor), shown_before) != 0, 10000);
  id = g_strdup (sb_message_editor_get_message_id (editor));
  g_assert_nonnull (id);
  text_view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "text_view"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), "សូមឱ្យមានសុខភាពល្អ និងរឹងមាំ", -1);

  /* No Save button: half a second later the campaign has it. */
  SB_TEST_RUN_UNTIL (stored_text_is (campaign, id, "សូមឱ្យមានសុខភាពល្អ និងរឹងមាំ"), 10000);
  saved = sb_campaign_get_message (campaign, id, NULL);
  g_assert_cmpstr (saved->original_text, ==, "សូមឱ្យមានសុខភាពល្អ និងរឹងមាំ");
  g_assert_cmpstr (saved->language, ==, "km");
  g_assert_cmpuint (sb_test_save_screenshot (window, shot), >, 200);

  /* A half-typed date is refused with a word under the form; the text is kept. */
  {
    GtkWidget *received = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "received_row");
    GtkWidget *error_label = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "error_label");
    g_autofree char *date_before = g_strdup (saved->received_on);

    gtk_editable_set_text (GTK_EDITABLE (received), "2016-13-4");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), "សូមឱ្យមានសុខភាពល្អ", -1);
    SB_TEST_RUN_UNTIL (gtk_widget_get_visible (error_label) &&
                       stored_text_is (campaign, id, "សូមឱ្យមានសុខភាពល្អ"), 10000);
    g_assert_true (gtk_widget_get_visible (error_label));
    g_clear_pointer (&saved, sb_message_free);
    saved = sb_campaign_get_message (campaign, id, NULL);
    g_assert_cmpstr (saved->original_text, ==, "សូមឱ្យមានសុខភាពល្អ");
    g_assert_cmpstr (saved->received_on, ==, date_before);
    gtk_editable_set_text (GTK_EDITABLE (received), date_before);
    SB_TEST_RUN_UNTIL (!gtk_widget_get_visible (error_label), 10000);
    g_assert_false (gtk_widget_get_visible (error_label));
  }

  /* The history says, in words, who did what. */
  {
    GtkToggleButton *history = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "history_button"));
    GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "history_list");
    g_autofree char *lines = NULL;

    gtk_toggle_button_set_active (history, TRUE);
    SB_TEST_RUN_UNTIL (sb_test_shows_text (list, saved->ref) &&
                       sb_test_shows_text (list, "សូមឱ្យមានសុខភាពល្អ"), 10000);
    lines = sb_test_visible_text (list);
    g_assert_nonnull (strstr (lines, saved->ref));
    g_assert_nonnull (strstr (lines, "សូមឱ្យមានសុខភាពល្អ"));
    {
      g_autofree char *history_shot = g_strdup_printf ("messages-history-%s.png", sb_interface_language ());
      g_assert_cmpuint (sb_test_save_screenshot (window, history_shot), >, 200);
    }
    gtk_toggle_button_set_active (history, FALSE);
  }

  /* Done, next: transcribed, and another card opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.done-next", NULL));
  SB_TEST_RUN_UNTIL (message_status_is (campaign, id, "transcribed"), 10000);
  g_clear_pointer (&saved, sb_message_free);
  saved = sb_campaign_get_message (campaign, id, NULL);
  g_assert_cmpstr (saved->status, ==, "transcribed");

  close_demo (window, dir);
}

/* A language the editor's list does not offer (an import can bring any code) is shown
 * by its name and kept when the card is edited, never saved as Khmer. */
static void
test_other_language_kept (void)
{
  char *dir = NULL;
  SbWindow *window = open_demo (&dir);
  SbMessagesPage *page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  SbMessageEditor *editor = sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR);
  SbCampaign *campaign = sb_window_get_campaign (window);
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(SbMessage) saved = NULL;
  g_autoptr(GError) error = NULL;
  AdwComboRow *language_row;
  GtkTextView *notes_view;
  GtkStringObject *shown;

  g_free (message->original_text);
  message->original_text = g_strdup ("Tetap kuat, kami bersamamu.");
  g_free (message->language);
  message->language = g_strdup ("id");
  g_free (message->received_on);
  message->received_on = g_strdup ("2016-09-01");
  g_assert_true (sb_campaign_add_message (campaign, message, &error));
  g_assert_no_error (error);

  g_assert_true (sb_message_editor_show_message (editor, message->id));
  sb_test_wait_for_frame (editor);
  language_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "language_row"));
  shown = adw_combo_row_get_selected_item (language_row);
  g_assert_cmpstr (gtk_string_object_get_string (shown), !=, _("Khmer"));

  notes_view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "notes_view"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes_view), "Typed from the form", -1);
  g_assert_true (sb_message_editor_save_now (editor));
  saved = sb_campaign_get_message (campaign, message->id, NULL);
  g_assert_cmpstr (saved->notes, ==, "Typed from the form");
  g_assert_cmpstr (saved->language, ==, "id");

  close_demo (window, dir);
}

/* A delivered message of the demo campaign: its history tells the chain of custody of
 * each copy in words of the interface language, without codes from the database. */
static void
test_history (void)
{
  char *dir = NULL;
  SbWindow *window = open_demo (&dir);
  SbMessagesPage *page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  SbMessageEditor *editor = sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR);
  SbCampaign *campaign = sb_window_get_campaign (window);
  GtkToggleButton *history = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "history_button"));
  GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, "history_list");
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, "approved", NULL);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(SbDetainee) detainee = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *shot = g_strdup_printf ("messages-history-delivered-%s.png", sb_interface_language ());
  const char *delivered_id = NULL;
  static const char *const codes[] = {
    "in_batch", "delivered_on", "sender_name", "translation_km", "original_text", "office_id",
    "“und”", "“km”", "“en”", "T00:", "Z\n",
  };

  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len && delivered_id == NULL; i++)
    {
      g_clear_pointer (&copies, g_ptr_array_unref);
      copies = sb_campaign_list_copies (campaign, g_ptr_array_index (ids, i), NULL);
      if (copies->len > 0 && g_str_equal (((SbCopy *) g_ptr_array_index (copies, 0))->state, "delivered"))
        delivered_id = g_ptr_array_index (ids, i);
    }
  g_assert_nonnull (delivered_id);
  detainee = sb_campaign_get_detainee (campaign, ((SbCopy *) g_ptr_array_index (copies, 0))->detainee_id, NULL);

  sb_messages_page_show_message (page, delivered_id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (editor), delivered_id) == 0, 10000);
  gtk_toggle_button_set_active (history, TRUE);
  sb_test_wait_for_frame (editor);
  lines = sb_test_visible_text (list);

  /* Each copy is named by its detainee, as the interface language writes the name. */
  g_assert_nonnull (strstr (lines, sb_detainee_get_name (detainee)));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (strstr (lines, codes[i]) != NULL)
      g_error ("The history shows “%s”:\n%s", codes[i], lines);
  if (g_str_equal (sb_interface_language (), "km"))
    g_assert_null (strstr (lines, "“"));
  g_assert_cmpuint (sb_test_save_screenshot (window, shot), >, 200);
  gtk_toggle_button_set_active (history, FALSE);

  close_demo (window, dir);
}

/* A campaign larger than a count shows at once: its first screen comes first. */
static void
test_first_screen (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-first-screen-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.sambot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageList) whole = NULL;
  g_autofree char *fifth = NULL;
  g_autofree char *most = sb_text_format_count (SB_MESSAGE_LIST_COUNT_MAX, sb_interface_language ());
  g_autofree char *first_count = g_strconcat (most, "+", NULL);
  g_autofree char *exact = NULL;
  SbMessagesPage *page;
  SbMessageEditor *editor;
  SbWindow *window;
  GListModel *model;
  GtkSingleSelection *selection;
  GtkLabel *count;
  guint all;

  {
    SbBenchTimes times;
    g_autoptr(SbCampaign) campaign = sb_bench_create_campaign (path, 1, &error);

    g_assert_no_error (error);
    g_assert_true (sb_bench_add_messages (campaign, 2500, 1, SB_BENCH_FULL, &times, &error));
    g_assert_no_error (error);
    whole = sb_message_list_new (campaign);
    all = g_list_model_get_n_items (G_LIST_MODEL (whole));
    g_clear_object (&whole);
    sb_campaign_close (campaign);
  }
  g_assert_cmpuint (all, >, SB_MESSAGE_LIST_COUNT_MAX + 1);
  exact = sb_text_format_count (all, sb_interface_language ());

  /* The thread's answer waits: what shows before it. */
  _sb_message_list_hold_background (TRUE);
  window = sb_test_open_window (file, 1280, 800);
  adw_view_stack_set_visible_child_name (sb_test_find_first (window, ADW_TYPE_VIEW_STACK), "messages");
  sb_test_run_main_loop_for (1000);

  page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  editor = sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR);
  model = sb_messages_page_get_model (page);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (sb_test_find_first (page, GTK_TYPE_LIST_VIEW)));
  count = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_MESSAGES_PAGE, "count_label"));
  g_assert_false (sb_message_list_is_complete (SB_MESSAGE_LIST (model)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, SB_MESSAGE_LIST_COUNT_MAX + 1);
  /* The newest rows are on screen, and the count says "1,000+". */
  {
    g_autofree char *rows = sb_test_visible_text (sb_test_find_first (page, GTK_TYPE_LIST_VIEW));
    g_autoptr(SbMessageRow) newest = g_list_model_get_item (model, 0);
    g_autoptr(SbMessageRow) second = g_list_model_get_item (model, 1);

    g_assert_nonnull (strstr (rows, sb_message_row_get_ref (newest)));
    g_assert_nonnull (strstr (rows, sb_message_row_get_ref (second)));
  }
  g_assert_nonnull (strstr (gtk_label_get_text (count), first_count));
  g_assert_cmpuint (sb_test_save_screenshot (window, "messages-first-screen.png"), >, 200);

  /* A person picks the sixth row, then the rest of the list comes. */
  gtk_single_selection_set_selected (selection, 5);
  {
    g_autoptr(SbMessageRow) row = g_list_model_get_item (model, 5);

    fifth = g_strdup (sb_message_row_get_id (row));
    SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (editor), fifth) == 0, 10000);
    g_assert_cmpstr (sb_message_editor_get_message_id (editor), ==, fifth);
  }
  _sb_message_list_hold_background (FALSE);
  SB_TEST_RUN_UNTIL (sb_message_list_is_complete (SB_MESSAGE_LIST (model)), 10000);
  g_assert_true (sb_message_list_is_complete (SB_MESSAGE_LIST (model)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, all);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 5);
  g_assert_cmpstr (sb_message_row_get_id (gtk_single_selection_get_selected_item (selection)), ==, fifth);
  g_assert_cmpstr (sb_message_editor_get_message_id (editor), ==, fifth);
  g_assert_nonnull (strstr (gtk_label_get_text (count), exact));
  g_assert_null (strstr (gtk_label_get_text (count), "+"));

  /* A filter that many messages pass: its first rows, then all of them, the same
   * rows as the list read at once. */
  _sb_message_list_hold_background (TRUE);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_MESSAGES_PAGE,
                                                                      "search_entry")), "the");
  sb_test_run_main_loop_for (400);
  {
    SbCampaign *campaign = sb_window_get_campaign (window);

    whole = sb_message_list_new (campaign);
    g_assert_true (sb_message_list_set_filter (whole, SB_MESSAGE_FILTER_SEARCH, "the", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (whole)), >, SB_MESSAGE_LIST_COUNT_MAX + 1);
  g_assert_false (sb_message_list_is_complete (SB_MESSAGE_LIST (model)));
  g_assert_nonnull (strstr (gtk_label_get_text (count), first_count));
  _sb_message_list_hold_background (FALSE);
  SB_TEST_RUN_UNTIL (sb_message_list_is_complete (SB_MESSAGE_LIST (model)), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_list_model_get_n_items (G_LIST_MODEL (whole)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i += 7)
    {
      g_autoptr(SbMessageRow) a = g_list_model_get_item (model, i);
      g_autoptr(SbMessageRow) b = g_list_model_get_item (G_LIST_MODEL (whole), i);

      g_assert_cmpstr (sb_message_row_get_id (a), ==, sb_message_row_get_id (b));
    }

  sb_window_close_campaign (window);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  sb_test_run_main_loop_for (100);
  g_clear_object (&whole);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *name = g_strconcat (path, *suffix, NULL);

      g_unlink (name);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/messages/list", test_list);
  g_test_add_func ("/gui/messages/type-card", test_type_card);
  g_test_add_func ("/gui/messages/history", test_history);
  g_test_add_func ("/gui/messages/other-language-kept", test_other_language_kept);
  g_test_add_func ("/gui/messages/first-screen", test_first_screen);

  return sb_test_gui_run ();
}
