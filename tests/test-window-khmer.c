/* test-window-khmer.c — the window in Khmer and English: digits, message boxes, rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script), in English and in Khmer (LANGUAGE,
 * switched inside the test), at 1280×800 and 1024×700. What a Khmer-speaking volunteer
 * or reviewer would notice: dates and numbers typed with Khmer digits are taken; the
 * numbers and dates the window shows are in Khmer digits; a whole message can be read
 * in its box, its Khmer lines broken between words; the Language value is readable;
 * the batch list does not say the same word twice. Screenshots (window-khmer-*.png)
 * are saved next to the test binary.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-application.h"
#include "sb-batches-page.h"
#include "sb-batch-view.h"
#include "sb-batches.h"
#include "sb-breakdown.h"
#include "sb-dashboard-page.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-detainee-editor.h"
#include "sb-facility-editor.h"
#include "sb-handover-dialog.h"
#include "sb-import-assistant.h"
#include "sb-message-editor.h"
#include "sb-messages-page.h"
#include "sb-milestone-dialog.h"
#include "sb-names.h"
#include "sb-test-gui.h"
#include "sb-text.h"
#include "sb-window.h"

static SbApplication *app;

/* A message as a volunteer types it from a card: long, Khmer, several paragraphs. */
static const char long_khmer[] =
  "សូមអោយលោកស្រីមានសុខភាពល្អ និងមានកម្លាំងចិត្តរឹងមាំ។ យើងនៅជាមួយអ្នកជានិច្ច "
  "ហើយយើងនឹងមិនឈប់ទាមទារឱ្យមានការដោះលែងអ្នកទាំងប្រាំនាក់ទេ។\n"
  "ក្រុមគ្រួសារ មិត្តភក្តិ និងសហគមន៍របស់យើងទាំងអស់គ្នាគិតដល់អ្នករាល់ថ្ងៃ។ "
  "សូមកុំបាត់បង់ក្តីសង្ឃឹម ព្រោះសេចក្តីពិតនឹងឈ្នះជានិច្ច។\n"
  "យើងបានចុះហត្ថលេខាលើលិខិតគាំទ្រនេះ នៅការិយាល័យដៃគូរបស់យើងនៅខេត្តសៀមរាប "
  "ជាមួយនឹងមនុស្សជាច្រើនទៀតដែលចង់ឃើញអ្នកវិលត្រឡប់មកផ្ទះវិញ។\n"
  "ដោយក្តីគោរព និងសាមគ្គីភាព។";

/* Typed at the end of the first paragraph of long_khmer: longer than a line, and no
 * space in it. */
static const char added_khmer[] =
  "យើងនឹងសរសេរមកអ្នកម្តងទៀតនៅសប្តាហ៍ក្រោយជាមួយនឹងមិត្តភក្តិរបស់យើងទាំងអស់គ្នាពីខេត្តបាត់ដំបង";

/* A French card and the Khmer translation a reviewer adds. */
static const char french[] =
  "Chère Chakrya, chers Sokha, Soksan, Vanda et Mony,\n"
  "depuis Lyon, nous pensons à vous chaque jour. Votre courage pour défendre les droits "
  "de tous nous inspire, et nous ne cesserons pas de demander votre libération tant que "
  "vous ne serez pas rentrés chez vous, auprès de vos familles.\n"
  "Avec toute notre amitié et notre solidarité.";

typedef struct
{
  int width;
  int height;
} Size;

/* The interface language of this run ("en" or "km", the test's argument). */
static const char *language = "en";

static const Size sizes[] = {
  { 1280, 800 },
  { 1024, 700 },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static char *
shot_name (const char *what,
           const Size *size)
{
  return g_strdup_printf ("window-khmer-%s-%s-%dx%d.png", what, language,
                          size->width, size->height);
}

typedef struct
{
  char     *dir;
  char     *path;
  SbWindow *window;
} Demo;

static void
demo_open (Demo       *demo,
           const Size *size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  demo->dir = g_dir_make_tmp ("sambot-khmer-XXXXXX", NULL);
  demo->path = g_build_filename (demo->dir, "demo.sambot", NULL);
  g_assert_true (sb_demo_create (demo->path, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (demo->path);
  demo->window = sb_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (demo->window), size->width, size->height);
  gtk_window_present (GTK_WINDOW (demo->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (demo->window)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_window_load (demo->window, file, &error));
  g_assert_no_error (error);
  sb_test_wait_for_frame (demo->window);
}

static void
demo_close (Demo *demo)
{
  g_autofree char *wal = g_strconcat (demo->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (demo->path, "-shm", NULL);

  sb_window_close_campaign (demo->window);
  gtk_widget_set_visible (GTK_WIDGET (demo->window), FALSE);
  sb_test_run_main_loop_for (100);
  g_unlink (demo->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (demo->dir);
  g_free (demo->path);
  g_free (demo->dir);
}

static void
show_section (Demo       *demo,
              const char *name)
{
  adw_view_stack_set_visible_child_name (sb_test_find_first (demo->window, ADW_TYPE_VIEW_STACK), name);
  sb_test_wait_for_frame (demo->window);
}

static SbMessagesPage *
messages_page (Demo *demo)
{
  return child_of (demo->window, SB_TYPE_WINDOW, "messages_page");
}

static SbMessageEditor *
message_editor (Demo *demo)
{
  return child_of (messages_page (demo), SB_TYPE_MESSAGES_PAGE, "editor");
}

/* Adds a message with @text and shows it in the editor; returns its id. */
static char *
show_new_message (Demo       *demo,
                  const char *text)
{
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(GError) error = NULL;

  g_free (message->original_text);
  message->original_text = g_strdup (text);
  g_free (message->received_on);
  message->received_on = g_strdup ("2016-10-08");
  g_assert_true (sb_campaign_add_message (sb_window_get_campaign (demo->window), message, &error));
  g_assert_no_error (error);
  show_section (demo, "messages");
  sb_messages_page_show_message (messages_page (demo), message->id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (message_editor (demo)),
                                message->id) == 0, 10000);
  sb_test_wait_for_frame (demo->window);
  return g_strdup (message->id);
}

/* Scrolls the form around @widget down to it (AdwComboRow takes no focus to follow). */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t at;

  /* Again once the form below has its size: the first try may stop short. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, 0), &at));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + at.y - 100);
      sb_test_wait_for_frame (widget);
    }
}

static SbBatchesPage *
batches_page (Demo *demo)
{
  return sb_test_find_first (demo->window, SB_TYPE_BATCHES_PAGE);
}

/* The id of the demo's draft batch. */
static const char *
find_draft (Demo *demo)
{
  g_autoptr(GPtrArray) batches = sb_campaign_list_batches (sb_window_get_campaign (demo->window), NULL, NULL);
  const char *id = NULL;

  g_assert_nonnull (batches);
  for (guint i = 0; i < batches->len; i++)
    if (g_str_equal (((SbBatch *) g_ptr_array_index (batches, i))->state, "draft"))
      id = g_intern_string (((SbBatch *) g_ptr_array_index (batches, i))->id);
  g_assert_nonnull (id);
  return id;
}

/* Shows the demo's draft batch beside the list; returns its id. */
static const char *
select_draft (Demo *demo)
{
  const char *id = find_draft (demo);

  sb_batches_page_select_batch (batches_page (demo), id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_batches_page_get_selected (batches_page (demo)), id) == 0, 10000);
  sb_test_wait_for_frame (demo->window);
  return id;
}

/* Whether the campaign has a detainee named @name_en. */
static gboolean
has_detainee (SbCampaign *campaign,
              const char *name_en)
{
  g_autoptr(GPtrArray) detainees = sb_campaign_list_detainees (campaign, NULL);

  for (guint i = 0; detainees != NULL && i < detainees->len; i++)
    if (g_strcmp0 (((SbDetainee *) g_ptr_array_index (detainees, i))->name_en, name_en) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
batch_state_is (SbCampaign *campaign,
                const char *id,
                const char *state)
{
  g_autoptr(SbBatch) batch = sb_campaign_get_batch (campaign, id, NULL);

  return batch != NULL && g_strcmp0 (batch->state, state) == 0;
}

static int
items_per_batch (SbCampaign *campaign,
                 const char *id)
{
  g_autoptr(SbFacility) facility = sb_campaign_get_facility (campaign, id, NULL);

  return facility != NULL ? facility->items_per_batch : -1;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */


/* Whether @text holds an ASCII digit / a Khmer digit. */
static gboolean
has_ascii_digit (const char *text)
{
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

static gboolean
has_khmer_digit (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x17E0 && g_utf8_get_char (p) <= 0x17E9)
      return TRUE;
  return FALSE;
}

/* @text shows its numbers in the interface's digits. */
static void
assert_interface_digits (const char *text)
{
  if (g_str_equal (language, "km"))
    {
      if (has_ascii_digit (text) || !has_khmer_digit (text))
        g_error ("“%s” is not written with Khmer digits", text);
    }
  else if (has_khmer_digit (text) || !has_ascii_digit (text))
    g_error ("“%s” is not written with ASCII digits", text);
}

/* The first line @view shows that starts inside a word (neither after a space, a line
 * break or a Khmer full stop, nor between two Khmer words), or -1; @n_lines: how many lines it shows. */
static int
line_inside_word (GtkTextView *view,
                  guint       *n_lines)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *text = NULL;
  g_autofree glong *breaks = NULL;
  g_autoptr(GHashTable) between_words = g_hash_table_new (NULL, NULL);
  GtkTextIter start, end, line;
  gsize n_breaks = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  breaks = sb_text_word_break_offsets (text, &n_breaks);
  for (gsize i = 0; i < n_breaks; i++)
    g_hash_table_add (between_words, GINT_TO_POINTER ((int) breaks[i]));

  *n_lines = 1;
  line = start;
  while (gtk_text_view_forward_display_line (view, &line) && !gtk_text_iter_is_end (&line))
    {
      GtkTextIter before = line;
      gunichar c;

      (*n_lines)++;
      gtk_text_iter_backward_char (&before);
      c = gtk_text_iter_get_char (&before);
      /* After a space, a line break or a Khmer full stop (។ ៕), or between words. */
      if (c != ' ' && c != '\n' && c != 0x17D4 && c != 0x17D5 &&
          !g_hash_table_contains (between_words, GINT_TO_POINTER (gtk_text_iter_get_offset (&line))))
        return gtk_text_iter_get_offset (&line);
    }
  return -1;
}

/* Waits (up to ten seconds: the words are marked once the typing pauses, and the box
 * grows after) until every line of @view starts between words and the box shows all
 * of its text, nothing to scroll inside it; returns how many lines it shows. */
static guint
assert_whole_text_between_words (GtkTextView *view,
                                 int          line_height)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  guint n_lines = 0;
  int inside;

  for (;;)
    {
      gboolean whole;

      inside = line_inside_word (view, &n_lines);
      whole = gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment) + 1 &&
              gtk_widget_get_height (GTK_WIDGET (view)) >= (int) n_lines * line_height;
      if ((inside < 0 && whole) || g_get_monotonic_time () > deadline)
        break;
      sb_test_wait_for_frame (view);
    }
  if (inside >= 0)
    {
      GtkTextIter from, to;
      g_autofree char *around = NULL;

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &from, inside - 4);
      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &to, inside + 4);
      around = gtk_text_iter_get_text (&from, &to);
      g_error ("a line starts inside a word, at offset %d (“%s”)", inside, around);
    }
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 1);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >=, (int) n_lines * line_height);
  return n_lines;
}

/* A whole Khmer message can be read in its box, its lines broken between words, in
 * the text as loaded and as a translation typed in; a short one still has room for
 * six lines; nothing is added to what was typed. */
static void
test_message_boxes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Demo demo = { 0 };
      g_autofree char *id = NULL;
      g_autofree char *short_id = NULL;
      g_autoptr(SbMessage) saved = NULL;
      g_autoptr(GString) typed_translation = g_string_new (long_khmer);
      SbMessageEditor *editor;
      GtkTextView *text_view;
      GtkTextView *km_view;
      PangoLayout *one_line;
      int line_height;
      int latin_line_height;
      guint n_lines;

      demo_open (&demo, &sizes[i]);
      editor = message_editor (&demo);
      text_view = child_of (editor, SB_TYPE_MESSAGE_EDITOR, "text_view");
      km_view = child_of (editor, SB_TYPE_MESSAGE_EDITOR, "translation_km_view");
      one_line = gtk_widget_create_pango_layout (GTK_WIDGET (text_view), "ស្ត្រី Ág");
      pango_layout_get_pixel_size (one_line, NULL, &line_height);
      g_object_unref (one_line);
      one_line = gtk_widget_create_pango_layout (GTK_WIDGET (text_view), "Ág");
      pango_layout_get_pixel_size (one_line, NULL, &latin_line_height);
      g_object_unref (one_line);

      /* Loaded: the whole message, many lines, none starting inside a word. */
      id = show_new_message (&demo, long_khmer);
      n_lines = assert_whole_text_between_words (text_view, line_height);
      g_assert_cmpuint (n_lines, >=, 8);

      /* Typed as a translation of a French card, once the typing pauses. */
      g_clear_pointer (&id, g_free);
      id = show_new_message (&demo, french);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (km_view)));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (km_view), long_khmer, -1);
      g_assert_cmpuint (assert_whole_text_between_words (km_view, line_height), >=, 8);
      assert_whole_text_between_words (text_view, latin_line_height);
      /* More typed at the end of its first paragraph, as a person types: words too. */
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (km_view);
        GtkTextIter at;

        gtk_text_buffer_get_iter_at_line (buffer, &at, 0);
        gtk_text_iter_forward_to_line_end (&at);
        gtk_text_buffer_place_cursor (buffer, &at);
        for (const char *p = added_khmer; *p; p = g_utf8_next_char (p))
          {
            gtk_text_buffer_insert_at_cursor (buffer, p, g_utf8_next_char (p) - p);
            sb_test_run_main_loop_for (5);
          }
        g_assert_cmpuint (assert_whole_text_between_words (km_view, line_height), >=, 9);
        g_string_insert (typed_translation, strchr (long_khmer, '\n') - long_khmer, added_khmer);
      }
      g_assert_true (sb_message_editor_save_now (editor));
      saved = sb_campaign_get_message (sb_window_get_campaign (demo.window), id, NULL);
      g_assert_cmpstr (saved->translation_km, ==, typed_translation->str);
      g_assert_cmpstr (saved->original_text, ==, french);

      /* A short card: room for six lines all the same. */
      short_id = show_new_message (&demo, "ស៊ូៗ!");
      g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_parent (GTK_WIDGET (text_view))), >=, 6 * line_height);

      demo_close (&demo);
    }
}

/* Dates and numbers typed with a Khmer keyboard's digits are taken, and kept as the
 * campaign keeps them (ASCII digits). */
static void
test_digits_typed (void)
{
  Demo demo = { 0 };
  SbCampaign *campaign;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(SbMessage) saved = NULL;
  g_autoptr(SbFacility) facility = NULL;
  g_autofree char *id = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *editor;
  GtkSpinButton *spin;
  const SbDetainee *added = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  const SbMilestone *milestone = NULL;

  demo_open (&demo, &sizes[0]);
  campaign = sb_window_get_campaign (demo.window);

  /* Received on, in the message editor. */
  id = show_new_message (&demo, "Stay strong.");
  gtk_editable_set_text (child_of (message_editor (&demo), SB_TYPE_MESSAGE_EDITOR, "received_row"),
                         "២០១៦-១០-០៧");
  sb_test_wait_for_frame (message_editor (&demo));
  g_assert_false (gtk_widget_get_visible (child_of (message_editor (&demo), SB_TYPE_MESSAGE_EDITOR, "error_label")));
  g_assert_true (sb_message_editor_save_now (message_editor (&demo)));
  g_assert_null (sb_message_editor_get_save_error (message_editor (&demo)));
  saved = sb_campaign_get_message (campaign, id, NULL);
  g_assert_cmpstr (saved->received_on, ==, "2016-10-07");

  /* Detained on, in a new detainee. */
  editor = sb_detainee_editor_new (GTK_WINDOW (demo.window), campaign, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  sb_test_wait_for_frame (editor);
  gtk_editable_set_text (child_of (editor, SB_TYPE_DETAINEE_EDITOR, "name_row"), "Tep Vanny");
  gtk_editable_set_text (child_of (editor, SB_TYPE_DETAINEE_EDITOR, "detained_row"), "២០១៦-០៨-១៥");
  sb_test_wait_for_frame (editor);
  g_assert_false (gtk_widget_get_visible (child_of (editor, SB_TYPE_DETAINEE_EDITOR, "error_label")));
  shot = g_strdup_printf ("window-khmer-detainee-editor-%s.png", language);
  sb_test_save_screenshot (editor, shot);
  g_clear_pointer (&shot, g_free);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  SB_TEST_RUN_UNTIL (has_detainee (campaign, "Tep Vanny"), 10000);
  detainees = sb_campaign_list_detainees (campaign, NULL);
  for (guint i = 0; i < detainees->len; i++)
    if (g_strcmp0 (((SbDetainee *) g_ptr_array_index (detainees, i))->name_en, "Tep Vanny") == 0)
      added = g_ptr_array_index (detainees, i);
  g_assert_nonnull (added);
  g_assert_cmpstr (added->detained_on, ==, "2016-08-15");

  /* A milestone's date. */
  editor = sb_milestone_dialog_new (GTK_WINDOW (demo.window), campaign);
  gtk_window_present (GTK_WINDOW (editor));
  sb_test_wait_for_frame (editor);
  gtk_editable_set_text (child_of (editor, SB_TYPE_MILESTONE_DIALOG, "day_row"), "២០១៧-០៦-២៩");
  gtk_editable_set_text (child_of (editor, SB_TYPE_MILESTONE_DIALOG, "label_en_row"), "Released on bail");
  sb_test_wait_for_frame (editor);
  g_assert_false (gtk_widget_get_visible (child_of (editor, SB_TYPE_MILESTONE_DIALOG, "error_label")));
  g_assert_true (gtk_widget_activate_action (editor, "milestone.add", NULL));
  SB_TEST_WAIT_UNTIL ((milestones = sb_campaign_list_milestones (campaign, NULL)) != NULL,
                      10000, "the milestones");
  for (guint i = 0; i < milestones->len; i++)
    if (g_strcmp0 (((SbMilestone *) g_ptr_array_index (milestones, i))->label_en, "Released on bail") == 0)
      milestone = g_ptr_array_index (milestones, i);
  g_assert_nonnull (milestone);
  g_assert_cmpstr (milestone->day, ==, "2017-06-29");

  /* The moment a sealed batch was handed over. */
  {
    const char *draft_id = find_draft (&demo);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *typed = g_date_time_format (now, "%Y-%m-%d %H:%M");
    g_autofree char *khmer = sb_text_to_khmer_digits (typed);
    g_autoptr(SbBatch) batch = NULL;
    g_autoptr(GDateTime) handed = NULL;

    g_assert_true (sb_campaign_seal_batch (campaign, draft_id, NULL));
    editor = sb_handover_dialog_new (GTK_WINDOW (demo.window), campaign, draft_id);
    gtk_window_present (GTK_WINDOW (editor));
    sb_test_wait_for_frame (editor);
    gtk_editable_set_text (child_of (editor, SB_TYPE_HANDOVER_DIALOG, "when_row"), khmer);
    gtk_editable_set_text (child_of (editor, SB_TYPE_HANDOVER_DIALOG, "by_row"), "Chea Rithy");
    gtk_editable_set_text (child_of (editor, SB_TYPE_HANDOVER_DIALOG, "received_row"), "Ouk Sarith");
    sb_test_wait_for_frame (editor);
    g_assert_false (gtk_widget_get_visible (child_of (editor, SB_TYPE_HANDOVER_DIALOG, "error_label")));
    g_assert_true (gtk_widget_activate_action (editor, "handover.confirm", NULL));
    SB_TEST_RUN_UNTIL (batch_state_is (campaign, draft_id, "handed_over"), 10000);
    batch = sb_campaign_get_batch (campaign, draft_id, NULL);
    g_assert_cmpstr (batch->state, ==, "handed_over");
    handed = g_date_time_new_from_iso8601 (batch->handed_over_at, NULL);
    g_assert_nonnull (handed);
    g_assert_cmpint (g_date_time_difference (now, handed), <, 61 * G_TIME_SPAN_SECOND);
  }

  /* Items per batch, in a facility: shown in the interface's digits, taken in Khmer. */
  facilities = sb_campaign_list_facilities (campaign, NULL);
  g_assert_cmpuint (facilities->len, >, 0);
  editor = sb_facility_editor_new (GTK_WINDOW (demo.window), campaign, g_ptr_array_index (facilities, 0));
  gtk_window_present (GTK_WINDOW (editor));
  sb_test_wait_for_frame (editor);
  spin = child_of (editor, SB_TYPE_FACILITY_EDITOR, "items_spin");
  assert_interface_digits (gtk_editable_get_text (GTK_EDITABLE (spin)));
  gtk_editable_set_text (GTK_EDITABLE (spin), "២៥");
  gtk_spin_button_update (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 25);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, g_str_equal (language, "km") ? "២៥" : "25");
  shot = g_strdup_printf ("window-khmer-facility-editor-%s.png", language);
  sb_test_save_screenshot (editor, shot);
  g_clear_pointer (&shot, g_free);
  /* Not a number: the field goes back to its value. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "ម្ភៃ");
  gtk_spin_button_update (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 25);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  SB_TEST_RUN_UNTIL (items_per_batch (campaign, ((SbFacility *) g_ptr_array_index (facilities, 0))->id) == 25,
                     10000);
  facility = sb_campaign_get_facility (campaign, ((SbFacility *) g_ptr_array_index (facilities, 0))->id, NULL);
  g_assert_cmpint (facility->items_per_batch, ==, 25);

  demo_close (&demo);
}

/* The dates and numbers the window shows are in the interface's digits: the message
 * list, the picture sizes, the import assistant. */
static void
test_digits_shown (void)
{
  Demo demo = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *list_text = NULL;
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "import", "khmer-form.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autofree char *shot = NULL;
  GListModel *sizes_model;
  SbImportAssistant *assistant;
  GtkLabel *preview_label;

  demo_open (&demo, &sizes[0]);
  id = show_new_message (&demo, "Stay strong.");
  list_text = sb_test_visible_text (messages_page (&demo));
  /* The demo's messages came in October 2016. */
  g_assert_nonnull (strstr (list_text, g_str_equal (language, "km") ? "២០១៦-១០-" : "2016-10-"));
  g_assert_null (strstr (list_text, g_str_equal (language, "km") ? "2016-10-" : "២០១៦-១០-"));

  show_section (&demo, "dashboard");
  sizes_model = adw_combo_row_get_model (child_of (sb_test_find_first (demo.window, SB_TYPE_DASHBOARD_PAGE),
                                                   SB_TYPE_DASHBOARD_PAGE, "size_row"));
  g_assert_cmpuint (g_list_model_get_n_items (sizes_model), ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_interface_digits (gtk_string_list_get_string (GTK_STRING_LIST (sizes_model), i));

  assistant = sb_import_assistant_new (GTK_WINDOW (demo.window), sb_window_get_campaign (demo.window));
  gtk_window_set_default_size (GTK_WINDOW (assistant), 900, 640);
  gtk_window_present (GTK_WINDOW (assistant));
  sb_import_assistant_open_file (assistant, file);
  preview_label = child_of (assistant, SB_TYPE_IMPORT_ASSISTANT, "preview_label");
  SB_TEST_RUN_UNTIL (*gtk_label_get_text (preview_label) != '\0', 20000);
  sb_test_wait_for_frame (assistant);
  assert_interface_digits (gtk_label_get_text (preview_label));
  shot = g_strdup_printf ("window-khmer-import-%s.png", language);
  sb_test_save_screenshot (assistant, shot);
  gtk_window_destroy (GTK_WINDOW (assistant));

  demo_close (&demo);
}

/* The Language value can be read even where the form is narrowest: 1024×700 with the
 * history open beside it. */
static void
test_language_readable (void)
{
  Demo demo = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *french_name = sb_language_name ("fr");
  SbMessageEditor *editor;
  AdwComboRow *row;
  GtkLabel *value;

  demo_open (&demo, &sizes[1]);
  id = show_new_message (&demo, french);
  editor = message_editor (&demo);
  gtk_toggle_button_set_active (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "history_button"), TRUE);
  sb_test_wait_for_frame (editor);
  row = child_of (editor, SB_TYPE_MESSAGE_EDITOR, "language_row");
  scroll_to (GTK_WIDGET (row));
  sb_test_collect_visible (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >=, 2);
  value = g_ptr_array_index (labels, labels->len - 1);
  g_assert_cmpstr (gtk_label_get_text (value), ==, french_name);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (value)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (value)), >, 0);
  demo_close (&demo);
}

/* The batch list and a draft batch read naturally: no word said twice, no code font
 * for what is not a code. */
static void
test_batch_list (void)
{
  Demo demo = { 0 };
  const char *draft = sb_batch_state_label ("draft");
  g_autofree char *twice = g_strdup_printf ("%s\n%s\n", draft, draft);
  g_autofree char *list_text = NULL;
  GtkWidget *page;
  GtkWidget *view;
  GtkLabel *code;

  demo_open (&demo, &sizes[1]);
  show_section (&demo, "batches");
  select_draft (&demo);
  page = GTK_WIDGET (batches_page (&demo));
  list_text = sb_test_visible_text (child_of (page, SB_TYPE_BATCHES_PAGE, "list_box"));
  g_assert_nonnull (strstr (list_text, draft));
  g_assert_null (strstr (list_text, twice));
  /* The draft goes by its facility (Prey Sar, in the demo). */
  g_assert_true (strstr (list_text, "Prey Sar Prison\n") != NULL || strstr (list_text, "ពន្ធនាគារព្រៃស\n") != NULL);

  view = child_of (page, SB_TYPE_BATCHES_PAGE, "batch_view");
  code = child_of (view, SB_TYPE_BATCH_VIEW, "code_label");
  g_assert_cmpstr (gtk_label_get_text (code), !=, draft);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (code), "batch-code"));
  demo_close (&demo);
}

/* Every screen this test looks at, for people to look at too. */
static void
test_tour (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      const Size *size = &sizes[i];
      Demo demo = { 0 };
      g_autofree char *id = NULL;
      g_autofree char *shot = NULL;

      demo_open (&demo, size);
      id = show_new_message (&demo, long_khmer);
      shot = shot_name ("messages", size);
      sb_test_save_screenshot (demo.window, shot);
      g_clear_pointer (&shot, g_free);

      /* A French card, translated: the Card group and its Language below. */
      g_clear_pointer (&id, g_free);
      id = show_new_message (&demo, french);
      {
        SbMessageEditor *editor = message_editor (&demo);
        GtkTextView *km = child_of (editor, SB_TYPE_MESSAGE_EDITOR, "translation_km_view");

        gtk_text_buffer_set_text (gtk_text_view_get_buffer (km), long_khmer, -1);
        sb_test_run_main_loop_for (400);
        shot = shot_name ("translation", size);
        sb_test_save_screenshot (demo.window, shot);
        g_clear_pointer (&shot, g_free);
        scroll_to (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "language_row"));
        shot = shot_name ("card", size);
        sb_test_save_screenshot (demo.window, shot);
        g_clear_pointer (&shot, g_free);
        gtk_toggle_button_set_active (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "history_button"), TRUE);
        sb_test_wait_for_frame (editor);
        scroll_to (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "language_row"));
        shot = shot_name ("card-history", size);
        sb_test_save_screenshot (demo.window, shot);
        g_clear_pointer (&shot, g_free);
        gtk_toggle_button_set_active (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "history_button"), FALSE);
      }

      show_section (&demo, "batches");
      select_draft (&demo);
      shot = shot_name ("batches", size);
      sb_test_save_screenshot (demo.window, shot);
      g_clear_pointer (&shot, g_free);

      show_section (&demo, "dashboard");
      scroll_to (child_of (sb_test_find_first (demo.window, SB_TYPE_DASHBOARD_PAGE),
                           SB_TYPE_DASHBOARD_PAGE, "size_row"));
      shot = shot_name ("dashboard", size);
      sb_test_save_screenshot (demo.window, shot);
      g_clear_pointer (&shot, g_free);

      demo_close (&demo);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc > 1 && (g_str_equal (argv[1], "en") || g_str_equal (argv[1], "km")))
    {
      language = argv[1];
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  g_setenv ("LANGUAGE", language, TRUE);
  app = sb_test_gui_init (&argc, &argv);
  g_assert_cmpstr (sb_interface_language (), ==, language);

  g_test_add_func ("/gui/window-language/message-boxes", test_message_boxes);
  g_test_add_func ("/gui/window-language/digits-typed", test_digits_typed);
  g_test_add_func ("/gui/window-language/digits-shown", test_digits_shown);
  g_test_add_func ("/gui/window-language/language-readable", test_language_readable);
  g_test_add_func ("/gui/window-language/batch-list", test_batch_list);
  g_test_add_func ("/gui/window-language/tour", test_tour);

  return sb_test_gui_run ();
}
