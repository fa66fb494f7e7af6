/* test-import-assistant.c — importing a form export through the assistant, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script). A volunteer opens a Google Forms
 * export, reads the columns and the preview, changes a column, imports, imports the
 * same file again, cancels a big import and tries files that are no export at all.
 * What is checked is what the window shows and what the campaign holds.
 *
 * Screenshots of the mapping and result pages are saved next to the test binary,
 * named by the interface language: run with LANGUAGE=km (and a UTF-8 locale) for
 * the Khmer ones.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-application.h"
#include "sb-campaign.h"
#include "sb-gui-format.h"
#include "sb-import-assistant.h"
#include "sb-importer.h"
#include "sb-names.h"
#include "sb-test-campaign.h"
#include "sb-test-export.h"
#include "sb-test-gui.h"
#include "sb-window.h"

/* How long an import may take before the test gives up (sanitizer builds are slow). */
#define IMPORT_TIMEOUT_MS 60000

static SbApplication *app;

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
} Fixture;

static char *
corpus (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "import", name, NULL);
}

/* Each test starts with no columns remembered from an earlier import. */
static void
forget_mappings (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "sambot",
                                            "import-mappings.json", NULL);

  g_remove (path);
}

/* The campaign tests/import's exports were written for: the five detainees. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  forget_mappings ();
  fixture->campaign = sb_test_campaign_new ("sambot-import-assistant-XXXXXX",
                                            &fixture->dir, &fixture->path);
  sb_test_add_detainees (fixture->campaign);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sb_test_campaign_free (g_steal_pointer (&fixture->campaign), fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ------------------------------------------------------------------------ */
/* Looking at the assistant                                                 */
/* ------------------------------------------------------------------------ */

static gpointer
template_child (SbImportAssistant *assistant,
                const char        *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (assistant),
                                                  SB_TYPE_IMPORT_ASSISTANT, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
visible_page (SbImportAssistant *assistant)
{
  return gtk_stack_get_visible_child_name (template_child (assistant, "stack"));
}

/* Waits until the assistant shows @page, and fails if it never does. */
static void
wait_for_page (SbImportAssistant *assistant,
               const char        *page)
{
  SB_TEST_RUN_UNTIL (g_strcmp0 (visible_page (assistant), page) == 0, IMPORT_TIMEOUT_MS);
  g_assert_cmpstr (visible_page (assistant), ==, page);
  /* The layout of the new page (no crossfade: tests/sb-test-gui.c turns animations off). */
  sb_test_wait_for_frame (assistant);
}

/* Presses @button as the keyboard does; the button shows itself pressed for a moment
 * before it is clicked. */
static void
press (GtkWidget *button)
{
  g_assert_true (gtk_widget_activate (button));
  sb_test_run_main_loop_for (400);
}

/* Clicks the visible button that runs @action_name, as a person would. */
static void
click (SbImportAssistant *assistant,
       const char        *action_name)
{
  GtkWidget *button = sb_test_find_action_button (assistant, action_name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  press (button);
}

/* Clicks the visible button labelled @label (with its mnemonic underline). */
static void
click_labelled (gpointer    widget,
                const char *label)
{
  GtkWidget *button = sb_test_find_button_labelled (widget, label);

  if (button == NULL)
    g_error ("no button “%s”", label);
  press (button);
}

/* The keyboard is on the button labelled @label. */
static void
assert_focus_on (SbImportAssistant *assistant,
                 const char        *label)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (assistant));

  if (!GTK_IS_BUTTON (focus) || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (focus)), label) != 0)
    g_error ("the keyboard is on %s, not on “%s”",
             focus ? G_OBJECT_TYPE_NAME (focus) : "nothing", label);
  g_assert_true (gtk_widget_get_mapped (focus));
}

/* The row of the Columns group for the file's column @header. */
static AdwComboRow *
find_column_row (SbImportAssistant *assistant,
                 const char        *header)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (assistant), ADW_TYPE_COMBO_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), header) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* What the row shows as its column's field: the last label, next to the arrow (the
 * title comes first, and may say the same, as "Country" does). */
static const char *
column_row_value (AdwComboRow *row)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >=, 2);
  return gtk_label_get_text (g_ptr_array_index (labels, labels->len - 1));
}

/* How the result starts the line of a rejected row: "Row 3: ", its number in the
 * interface's digits. */
static char *
row_prefix (gulong number)
{
  g_autofree char *digits = _sb_localise_digits (g_strdup_printf ("%lu", number));

  return g_strdup_printf (_("Row %s: %s"), digits, "");
}

static guint
count_lines (const char *text,
             const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_equal (lines[i], line);
  return n;
}

static gboolean
has_line (const char *text,
          const char *line)
{
  return count_lines (text, line) > 0;
}

static void
assert_has_line (const char *text,
                 const char *line)
{
  if (!has_line (text, line))
    g_error ("“%s” is not shown; the window shows:\n%s", line, text);
}

/* The preview's cells, a line each (only rows on screen have cells). */
static char *
preview_text (SbImportAssistant *assistant)
{
  sb_test_wait_for_frame (assistant);
  return sb_test_visible_text (template_child (assistant, "preview_view"));
}

/* The sentence of the result page for one figure, as the assistant words it. */
static char *
result_line (guint   figure,
             guint64 n)
{
  switch (figure)
    {
    case 0:
      return g_strdup_printf (ngettext ("%lu new message, ready for review.",
                                        "%lu new messages, ready for review.", n), n);
    case 1:
      return g_strdup_printf (ngettext ("%lu duplicate, kept but not counted.",
                                        "%lu duplicates, kept but not counted.", n), n);
    case 2:
      return g_strdup_printf (ngettext ("%lu row imported before, skipped.",
                                        "%lu rows imported before, skipped.", n), n);
    case 3:
      return g_strdup_printf (ngettext ("%lu row rejected.", "%lu rows rejected.", n), n);
    default:
      g_assert_not_reached ();
    }
}

/* The result page gives these figures, and no line of zeros (the new messages are
 * said even when there are none, if nothing else is to be said). */
static void
assert_result (SbImportAssistant *assistant,
               guint64            imported,
               guint64            duplicates,
               guint64            already_imported,
               guint64            rejected)
{
  const guint64 figures[] = { imported, duplicates, already_imported, rejected };
  g_autofree char *text = sb_test_visible_text (template_child (assistant, "result_page"));

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *line = result_line (i, figures[i]);
      g_autofree char *zero = result_line (i, 0);
      gboolean shown = figures[i] > 0 ||
                       (i == 0 && duplicates + already_imported + rejected == 0);

      if (shown)
        assert_has_line (text, line);
      else if (has_line (text, zero))
        g_error ("“%s” is shown for nothing; the window shows:\n%s", zero, text);
    }
}

static SbImportAssistant *
open_assistant (Fixture    *fixture,
                const char *path)
{
  SbImportAssistant *assistant = sb_import_assistant_new (NULL, fixture->campaign);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  /* Kept until the test is done with it, even once the person closed it. */
  g_object_ref_sink (assistant);
  gtk_window_present (GTK_WINDOW (assistant));
  sb_import_assistant_open_file (assistant, file);
  sb_test_wait_for_frame (assistant);
  return assistant;
}

static void
close_assistant (SbImportAssistant *assistant)
{
  if (gtk_widget_get_visible (GTK_WIDGET (assistant)))
    gtk_window_destroy (GTK_WINDOW (assistant));
  sb_test_run_main_loop_for (50);
  g_object_unref (assistant);
}

/* Whether an import assistant is on screen. */
static gboolean
assistant_shown (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (SB_IS_IMPORT_ASSISTANT (l->data) && gtk_widget_get_visible (l->data))
      return TRUE;
  return FALSE;
}

/* The assistant's visible message dialog, if any. */
static AdwMessageDialog *
find_message_dialog (SbImportAssistant *assistant)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (assistant))
      return l->data;
  return NULL;
}

/* The file chooser a button opened (GTK's own dialog: there is no portal here). */
static GtkFileChooser *
find_file_chooser (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The preview's column titled @title, and where it is (0 is the first). */
static GtkColumnViewColumn *
find_preview_column (SbImportAssistant *assistant,
                     const char        *title,
                     guint             *position)
{
  GListModel *columns = gtk_column_view_get_columns (template_child (assistant, "preview_view"));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        {
          if (position != NULL)
            *position = i;
          return column;
        }
    }
  g_error ("the preview has no column “%s”", title);
}

/* Exactly one button looks like the thing to do (suggested-action): @label. */
static void
assert_one_suggested (SbImportAssistant *assistant,
                      const char        *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GString) suggested = g_string_new (NULL);
  guint n = 0;

  sb_test_collect_visible (GTK_WIDGET (assistant), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (buttons, i), "suggested-action"))
      {
        g_string_append_printf (suggested, " “%s”", gtk_button_get_label (g_ptr_array_index (buttons, i)));
        n++;
      }
  if (n != 1)
    g_error ("%u buttons are highlighted:%s", n, suggested->str);
  {
    g_autofree char *expected = g_strdup_printf (" “%s”", label);

    g_assert_cmpstr (suggested->str, ==, expected);
  }
}

/* The main window, on the test's campaign. */
static SbWindow *
open_window (Fixture *fixture)
{
  SbWindow *window = sb_window_new (GTK_APPLICATION (app));

  sb_window_set_campaign (window, fixture->campaign);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_wait_for_frame (window);
  return window;
}

/* The visible import assistant over @window, with a reference, or %NULL. */
static SbImportAssistant *
find_assistant (SbWindow *window)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (SB_IS_IMPORT_ASSISTANT (l->data) && gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return g_object_ref (l->data);
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* Google Forms: columns, preview, a changed column, import, then the same file again. */
static void
test_import_google_forms (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path = corpus ("google-forms.csv");
  const struct { const char *header; SbImportField field; } columns[] = {
    { "Timestamp", SB_IMPORT_FIELD_RECEIVED_ON },
    { "Email Address", SB_IMPORT_FIELD_SENDER_CONTACT },
    { "Your name", SB_IMPORT_FIELD_SENDER_NAME },
    { "City", SB_IMPORT_FIELD_SENDER_CITY },
    { "Country", SB_IMPORT_FIELD_SENDER_COUNTRY },
    { "Your message", SB_IMPORT_FIELD_MESSAGE },
    { "Who is your message for?", SB_IMPORT_FIELD_ADDRESSEES },
    { "May we show your name to the detainees and publish it?", SB_IMPORT_FIELD_CONSENT },
  };
  g_autofree char *expected_summary = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(SbMessage) anna = NULL;
  g_autoptr(SbMessage) sophea = NULL;
  SbImportAssistant *assistant;
  AdwComboRow *country;

  /* 1. The mapping page: every column of the file with the field guessed for it. */
  assistant = open_assistant (fixture, path);
  g_assert_cmpstr (visible_page (assistant), ==, "mapping");
  g_assert_null (find_message_dialog (assistant));
  sb_test_collect_visible (GTK_WIDGET (assistant), ADW_TYPE_COMBO_ROW, rows);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (columns));
  /* The keyboard starts on the first column. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (assistant)) == g_ptr_array_index (rows, 0));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      AdwComboRow *row = find_column_row (assistant, columns[i].header);

      if (row == NULL)
        g_error ("no row for the column “%s”", columns[i].header);
      g_assert_cmpstr (column_row_value (row), ==, sb_import_field_get_label (columns[i].field));
    }

  /* The preview: the four responses as they will be imported, none with a problem. */
  before = preview_text (assistant);
  g_assert_cmpuint (count_lines (before, _("New message")), ==, 4);
  g_assert_cmpuint (count_lines (before, _("Rejected")), ==, 0);
  assert_has_line (before, "Anna Schmidt");
  assert_has_line (before, "សុខ សុភា");
  assert_has_line (before, "Marie Dubois");
  assert_has_line (before, "DE");
  assert_has_line (before, "KH");
  expected_summary = g_strdup_printf (ngettext ("The first %u row as it will be imported; %u with a problem.",
                                                "The first %u rows as they will be imported; %u with a problem.",
                                                4), 4, 0);
  g_assert_cmpstr (gtk_label_get_text (template_child (assistant, "preview_label")), ==,
                   expected_summary);
  /* No row has a problem: no empty Problem column taking the message's room. */
  g_assert_false (gtk_column_view_column_get_visible (find_preview_column (assistant, _("Problem"), NULL)));
  assert_one_suggested (assistant, _("_Import"));
  shot = g_strdup_printf ("import-mapping-%s.png", sb_interface_language ());
  g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 200);

  /* 2. The volunteer does not want the countries: the preview shows none any more. */
  country = find_column_row (assistant, "Country");
  adw_combo_row_set_selected (country, SB_IMPORT_FIELD_NONE);
  g_assert_cmpstr (column_row_value (country), ==, sb_import_field_get_label (SB_IMPORT_FIELD_NONE));
  after = preview_text (assistant);
  g_assert_false (has_line (after, "DE"));
  g_assert_false (has_line (after, "KH"));
  assert_has_line (after, "Anna Schmidt");
  g_assert_cmpuint (count_lines (after, _("New message")), ==, 4);

  /* 3. Import: four new messages, without their countries. */
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 0);
  click (assistant, "assistant.import");
  wait_for_page (assistant, "result");
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 4);
  assert_result (assistant, 4, 0, 0, 0);
  text = sb_test_visible_text (template_child (assistant, "result_page"));
  assert_has_line (text, _("Messages Imported"));
  g_assert_cmpstr (adw_status_page_get_icon_name (template_child (assistant, "result_page")), ==,
                   "object-select-symbolic");
  /* Nothing rejected: nothing to save. */
  g_assert_null (sb_test_find_action_button (assistant, "assistant.save-rejected"));
  anna = sb_test_find_message (fixture->campaign, "Stay strong, we are with you!");
  g_assert_cmpstr (anna->sender_name, ==, "Anna Schmidt");
  g_assert_true (anna->sender_country == NULL || anna->sender_country[0] == '\0');
  sophea = sb_test_find_message (fixture->campaign, "សូមឱ្យបងៗមានសុខភាពល្អ\nយើងនៅជាមួយបងជានិច្ច។");
  g_assert_true (sophea->sender_country == NULL || sophea->sender_country[0] == '\0');
  g_free (shot);
  shot = g_strdup_printf ("import-result-%s.png", sb_interface_language ());
  g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 200);
  /* The keyboard is on Close, the one thing left to do, and only Close is highlighted. */
  assert_focus_on (assistant, _("C_lose"));
  assert_one_suggested (assistant, _("C_lose"));

  click_labelled (assistant, _("C_lose"));
  SB_TEST_RUN_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (assistant)), 10000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (assistant)));
  close_assistant (assistant);

  /* 4. The same file again: the country column stays unimported (remembered), every
   * row was imported before, and the campaign is as it was. */
  assistant = open_assistant (fixture, path);
  g_assert_cmpstr (visible_page (assistant), ==, "mapping");
  {
    g_autofree char *preview = preview_text (assistant);

    g_assert_cmpstr (column_row_value (find_column_row (assistant, "Country")), ==,
                     sb_import_field_get_label (SB_IMPORT_FIELD_NONE));
    g_assert_cmpuint (count_lines (preview, _("Already imported")), ==, 4);
    g_assert_cmpuint (count_lines (preview, _("New message")), ==, 0);
  }
  click (assistant, "assistant.import");
  wait_for_page (assistant, "result");
  assert_result (assistant, 0, 0, 4, 0);
  g_free (text);
  text = sb_test_visible_text (template_child (assistant, "result_page"));
  assert_has_line (text, _("No New Messages"));
  g_assert_false (has_line (text, _("Messages Imported")));
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 4);
  g_free (shot);
  shot = g_strdup_printf ("import-again-%s.png", sb_interface_language ());
  g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 200);
  close_assistant (assistant);
}

/* Rows with problems are marked in the preview, rejected, and listed in the result. */
static void
test_rejected_rows (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = corpus ("broken-rows.csv");
  g_autofree char *preview = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_summary = NULL;
  g_autofree char *row3 = NULL;
  SbImportAssistant *assistant = open_assistant (fixture, path);

  g_assert_cmpstr (visible_page (assistant), ==, "mapping");
  preview = preview_text (assistant);
  /* Rows 2 to 8 are on screen (the last one may be below, with Khmer's taller lines). */
  g_assert_cmpuint (count_lines (preview, _("Rejected")), ==, 5);
  g_assert_cmpuint (count_lines (preview, _("New message")), >=, 1);
  /* The rejected rows stand out: what they will be, and why, in red. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    guint n_rejected = 0;
    guint n_problems = 0;

    sb_test_collect_visible (template_child (assistant, "preview_view"), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "error"))
        {
          const char *cell = gtk_label_get_text (g_ptr_array_index (labels, i));

          if (g_str_equal (cell, _("Rejected")))
            n_rejected++;
          else if (cell[0] != '\0' && !g_str_equal (cell, _("New message")))
            {
              GtkWidget *label = g_ptr_array_index (labels, i);
              PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
              int width, height;

              /* Why, whole: not cut short, every line of it inside the cell. */
              pango_layout_get_pixel_size (layout, &width, &height);
              if (pango_layout_is_ellipsized (layout) ||
                  width > gtk_widget_get_width (label) || height > gtk_widget_get_height (label))
                g_error ("“%s” is cut short (a cell of %d×%d for a text of %d×%d)", cell,
                         gtk_widget_get_width (label), gtk_widget_get_height (label), width, height);
              g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, cell);
              n_problems++;
            }
          else
            g_error ("“%s” is in red", cell);
        }
    g_assert_cmpuint (n_rejected, ==, 5);
    g_assert_cmpuint (n_problems, ==, 5);
  }
  /* The problem comes right after what the row will be, before the row's contents. */
  {
    guint outcome = 0, problem = 0;

    g_assert_true (gtk_column_view_column_get_visible (find_preview_column (assistant, _("Problem"), &problem)));
    find_preview_column (assistant, _("Will be"), &outcome);
    g_assert_cmpuint (problem, ==, outcome + 1);
  }
  expected_summary = g_strdup_printf (ngettext ("The first %u row as it will be imported; %u with a problem.",
                                                "The first %u rows as they will be imported; %u with a problem.",
                                                7), 7, 5);
  g_assert_cmpstr (gtk_label_get_text (template_child (assistant, "preview_label")), ==,
                   expected_summary);
  if (g_str_equal (sb_interface_language (), "en"))
    g_assert_nonnull (strstr (preview, "not a date"));
  {
    g_autofree char *shot = g_strdup_printf ("import-problems-%s.png", sb_interface_language ());

    g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 200);
  }

  click (assistant, "assistant.import");
  wait_for_page (assistant, "result");
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 2);
  assert_result (assistant, 2, 0, 0, 5);
  text = sb_test_visible_text (template_child (assistant, "result_page"));
  /* Each rejected row by its number, as the spreadsheet shows it. */
  /* Not a plain tick: something needs the person's attention. */
  g_assert_cmpstr (adw_status_page_get_icon_name (template_child (assistant, "result_page")), ==,
                   "dialog-warning-symbolic");
  row3 = row_prefix (3);
  g_assert_nonnull (strstr (text, row3));
  /* Not "Messages Imported" when rows were left out. */
  assert_has_line (text, _("Some Rows Not Imported"));
  g_assert_false (has_line (text, _("Messages Imported")));
  {
    g_autofree char *shot = g_strdup_printf ("import-rejected-%s.png", sb_interface_language ());

    g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 200);
  }

  /* Save Rejected Rows…: a CSV where the person chooses, each row with its reason. */
  {
    g_autofree char *report = g_build_filename (fixture->dir, _("rejected-rows.csv"), NULL);
    g_autofree char *header = g_strdup_printf ("\xEF\xBB\xBF%s,%s,Timestamp", _("Row"), _("Reason"));
    g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;
    const char *senders[] = { "No Message", "Bad Date", "Nobody", "Too Many", "Ambiguous" };
    GtkFileChooser *chooser;

    click (assistant, "assistant.save-rejected");
    chooser = find_file_chooser ();
    g_assert_nonnull (chooser);
    g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, _("rejected-rows.csv"));
    /* The person goes to the campaign's folder. The chooser may still be loading the
     * folder it opened in, and then goes there afterwards: go again until it stays. */
    for (guint tries = 0; tries < 100; tries++)
      {
        g_autoptr(GFile) chosen = NULL;
        g_autofree char *chosen_path = NULL;

        g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
        sb_test_run_main_loop_for (100);
        chosen = gtk_file_chooser_get_file (chooser);
        chosen_path = chosen ? g_file_get_path (chosen) : NULL;
        if (g_strcmp0 (chosen_path, report) == 0)
          break;
      }
    sb_test_run_main_loop_for (300);
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);
      g_autofree char *chosen_path = chosen ? g_file_get_path (chosen) : NULL;

      g_assert_cmpstr (chosen_path, ==, report);
    }
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    /* It looks whether the file is there (to ask before replacing it), then closes. */
    SB_TEST_WAIT_UNTIL (find_file_chooser () == NULL, 10000, "the file chooser to close");
    sb_test_run_main_loop_for (100);
    g_assert_null (find_message_dialog (assistant));

    g_assert_true (g_file_get_contents (report, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (senders) + 1);
    g_assert_true (g_str_has_prefix (lines[0], header));
    for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
      g_assert_nonnull (strstr (lines[1 + i], senders[i]));
    g_assert_true (g_str_has_prefix (lines[1], "3,"));
  }
  close_assistant (assistant);
}

/* More rejected rows than the result lists: the first five, and how many more. */
static void
test_many_rejected_rows (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = corpus ("many-rejected-rows.csv");
  g_autofree char *text = NULL;
  g_autofree char *more = NULL;
  g_auto(GStrv) lines = NULL;
  /* Rows 3 to 9 and 11 of the file are rejected; the first five are listed. */
  const gulong listed[] = { 3, 4, 5, 6, 7 };
  const gulong unlisted[] = { 8, 9, 11 };
  SbImportAssistant *assistant = open_assistant (fixture, path);
  guint n_rows = 0;

  g_assert_cmpstr (visible_page (assistant), ==, "mapping");
  click (assistant, "assistant.import");
  wait_for_page (assistant, "result");
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 2);
  assert_result (assistant, 2, 0, 0, 8);
  text = sb_test_visible_text (template_child (assistant, "result_page"));

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    {
      g_autofree char *prefix = row_prefix (listed[i]);
      gboolean found = FALSE;

      for (guint j = 0; lines[j] != NULL && !found; j++)
        found = g_str_has_prefix (lines[j], prefix) && lines[j][strlen (prefix)] != '\0';
      if (!found)
        g_error ("row %lu is not listed with its reason; the window shows:\n%s", listed[i], text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unlisted); i++)
    {
      g_autofree char *prefix = row_prefix (unlisted[i]);

      for (guint j = 0; lines[j] != NULL; j++)
        if (g_str_has_prefix (lines[j], prefix))
          g_error ("row %lu is listed, past the first five:\n%s", unlisted[i], text);
    }
  /* Five rows listed, whatever their numbers. */
  for (guint j = 0; lines[j] != NULL; j++)
    {
      gulong number;
      g_autofree char *prefix = NULL;

      for (number = 1; number < 20; number++)
        {
          g_free (prefix);
          prefix = row_prefix (number);
          if (g_str_has_prefix (lines[j], prefix))
            {
              n_rows++;
              break;
            }
        }
    }
  g_assert_cmpuint (n_rows, ==, 5);
  more = g_strdup_printf (ngettext ("…and %lu more row: save the rejected rows to see why.",
                                    "…and %lu more rows: save the rejected rows to see why.",
                                    3), (gulong) 3);
  /* Said once, on the line right after the last row listed. */
  g_assert_cmpuint (count_lines (text, more), ==, 1);
  {
    g_autofree char *last = row_prefix (listed[G_N_ELEMENTS (listed) - 1]);
    guint j = 0;

    while (lines[j] != NULL && !g_str_has_prefix (lines[j], last))
      j++;
    g_assert_nonnull (lines[j]);
    g_assert_cmpstr (lines[j + 1], ==, more);
  }
  g_assert_nonnull (sb_test_find_action_button (assistant, "assistant.save-rejected"));
  {
    GtkWidget *close = template_child (assistant, "close_button");
    graphene_rect_t bounds;

    /* Close is in sight without scrolling, in Khmer too (taller lines). */
    g_assert_true (gtk_widget_compute_bounds (close, GTK_WIDGET (assistant), &bounds));
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                       gtk_widget_get_height (GTK_WIDGET (assistant)));
  }
  {
    g_autofree char *shot = g_strdup_printf ("import-many-rejected-%s.png", sb_interface_language ());

    g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 200);
  }
  close_assistant (assistant);
}

/* Cancel half-way: nothing is imported, and the assistant says so. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *path = sb_test_write_export (fixture->dir, 20000);
  g_autofree char *text = NULL;
  gint64 deadline = g_get_monotonic_time () + IMPORT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  SbImportAssistant *assistant = open_assistant (fixture, path);
  GtkProgressBar *progress = template_child (assistant, "progress_bar");

  g_assert_cmpstr (visible_page (assistant), ==, "mapping");
  click (assistant, "assistant.import");
  g_assert_cmpstr (visible_page (assistant), ==, "progress");
  /* The Import button is gone; the keyboard is on Cancel. */
  assert_focus_on (assistant, _("_Cancel"));
  /* Cancel once the bar has moved, as a person who changed their mind would. */
  while (gtk_progress_bar_get_fraction (progress) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (visible_page (assistant), ==, "progress");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress), >, 0);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress), <, 1);
  {
    g_autofree char *shot = g_strdup_printf ("import-progress-%s.png", sb_interface_language ());

    sb_test_save_screenshot (assistant, shot);
  }
  click (assistant, "assistant.cancel");
  wait_for_page (assistant, "result");

  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 0);
  text = sb_test_visible_text (template_child (assistant, "result_page"));
  assert_has_line (text, _("Import Cancelled"));
  assert_has_line (text, _("Nothing was imported: the campaign is as it was before."));
  g_assert_false (has_line (text, _("Messages Imported")));
  g_assert_null (sb_test_find_action_button (assistant, "assistant.save-rejected"));
  assert_focus_on (assistant, _("C_lose"));
  /* One highlighted button, the one with the keyboard: Import is at hand, not urged. */
  assert_one_suggested (assistant, _("C_lose"));
  {
    g_autofree char *shot = g_strdup_printf ("import-cancelled-%s.png", sb_interface_language ());

    g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 50);
  }
  /* The person may start again, and this time lets it finish. Once every row is
   * checked, saving them cannot be cancelled: the assistant says so, Cancel is grey
   * and the window stays open until they are saved. */
  click (assistant, "assistant.import");
  {
    GtkLabel *label = template_child (assistant, "progress_label");
    const char *saving = _("Saving the messages. This cannot be cancelled now.");

    deadline = g_get_monotonic_time () + IMPORT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
    while (g_strcmp0 (gtk_label_get_text (label), saving) != 0 &&
           g_str_equal (visible_page (assistant), "progress") &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (gtk_label_get_text (label), ==, saving);
    g_assert_cmpstr (visible_page (assistant), ==, "progress");
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (template_child (assistant, "cancel_button"))));
    gtk_window_close (GTK_WINDOW (assistant));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (assistant)));
    {
      g_autofree char *shot = g_strdup_printf ("import-saving-%s.png", sb_interface_language ());

      sb_test_save_screenshot (assistant, shot);
    }
  }
  wait_for_page (assistant, "result");
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 20000);
  g_assert_null (sb_test_find_action_button (assistant, "assistant.import"));
  assert_focus_on (assistant, _("C_lose"));
  assert_one_suggested (assistant, _("C_lose"));
  close_assistant (assistant);
}

/* Closing the window while importing cancels: nothing imported, nothing left behind. */
static void
test_close_while_importing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *path = sb_test_write_export (fixture->dir, 20000);
  gint64 deadline = g_get_monotonic_time () + IMPORT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  SbImportAssistant *assistant = open_assistant (fixture, path);
  GtkProgressBar *progress = template_child (assistant, "progress_bar");

  click (assistant, "assistant.import");
  while (gtk_progress_bar_get_fraction (progress) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress), >, 0);

  /* Escape, as a person who wants it gone. The assistant lives on until the import's
   * thread has stopped; then nothing may be left of it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "window.close", NULL));
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  g_object_unref (assistant);
  SB_TEST_RUN_UNTIL (assistant == NULL, (deadline - g_get_monotonic_time ()) / 1000);
  g_assert_null (assistant);
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 0);
}

/* The way in: Import Messages… of the main window, then Choose File…. */
static gboolean
chooser_has_file (GtkFileChooser *chooser,
                  GFile          *file)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

  return chosen != NULL && g_file_equal (chosen, file);
}

static void
test_from_the_window (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = corpus ("google-forms.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SbWindow *window = sb_window_new (GTK_APPLICATION (app));
  SbImportAssistant *assistant = NULL;
  GtkFileChooser *chooser;

  sb_window_set_campaign (window, fixture->campaign);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_wait_for_frame (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-messages", NULL));
  SB_TEST_RUN_UNTIL (assistant_shown (), 10000);
  sb_test_wait_for_frame (window);
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (SB_IS_IMPORT_ASSISTANT (l->data) && gtk_widget_get_visible (l->data))
        assistant = g_object_ref (l->data);
  }
  g_assert_nonnull (assistant);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (window));
  g_assert_cmpstr (visible_page (assistant), ==, "pick");
  g_assert_null (sb_test_find_action_button (assistant, "assistant.import"));
  assert_focus_on (assistant, _("_Choose File…"));
  {
    g_autofree char *shot = g_strdup_printf ("import-pick-%s.png", sb_interface_language ());

    g_assert_cmpuint (sb_test_save_screenshot (assistant, shot), >, 50);
  }

  click (assistant, "assistant.choose-file");
  chooser = find_file_chooser ();
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_file (chooser, file, NULL));
  SB_TEST_RUN_UNTIL (chooser_has_file (chooser, file), 5000);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  SB_TEST_WAIT_UNTIL (find_file_chooser () == NULL, 10000, "the file chooser to close");
  SB_TEST_RUN_UNTIL (g_strcmp0 (visible_page (assistant), "mapping") == 0, IMPORT_TIMEOUT_MS);
  sb_test_wait_for_frame (assistant);

  /* The file's columns, and the window's title names the file. */
  g_assert_cmpstr (visible_page (assistant), ==, "mapping");
  g_assert_cmpstr (adw_window_title_get_subtitle (template_child (assistant, "window_title")), ==,
                   "google-forms.csv");
  g_assert_nonnull (find_column_row (assistant, "Your message"));
  click (assistant, "assistant.import");
  wait_for_page (assistant, "result");
  assert_result (assistant, 4, 0, 0, 0);
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 4);

  close_assistant (assistant);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_run_main_loop_for (100);
}

/* Drops @file on @window as GTK does once the file manager let go of it: the value
 * of the window's drop target for files. Returns whether the window took it. */
static gboolean
drop_file (SbWindow *window,
           GFile    *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GtkDropTarget *target = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean taken = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)),
                                             G_TYPE_FILE))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 200.0, 200.0, &taken);
  sb_test_run_main_loop_for (300);
  return taken;
}

/* A form export dropped on the main window opens the assistant on its columns; a
 * photo dropped there opens nothing. */
static void
test_drop_on_the_window (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = corpus ("google-forms.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *photo_path = g_build_filename (fixture->dir, "postcard.jpg", NULL);
  g_autoptr(GFile) photo = g_file_new_for_path (photo_path);
  g_autofree char *preview = NULL;
  SbWindow *window = open_window (fixture);
  SbImportAssistant *assistant;

  g_assert_true (g_file_set_contents (photo_path, "\xFF\xD8\xFF\xE0", 4, NULL));
  g_assert_false (drop_file (window, photo));
  g_assert_null (find_assistant (window));

  g_assert_true (drop_file (window, file));
  assistant = find_assistant (window);
  g_assert_nonnull (assistant);
  /* Straight to the file's columns and preview: no Choose File… in between. */
  g_assert_cmpstr (visible_page (assistant), ==, "mapping");
  g_assert_cmpstr (adw_window_title_get_subtitle (template_child (assistant, "window_title")), ==,
                   "google-forms.csv");
  g_assert_cmpstr (column_row_value (find_column_row (assistant, "Your message")), ==,
                   sb_import_field_get_label (SB_IMPORT_FIELD_MESSAGE));
  g_assert_cmpstr (column_row_value (find_column_row (assistant, "Your name")), ==,
                   sb_import_field_get_label (SB_IMPORT_FIELD_SENDER_NAME));
  preview = preview_text (assistant);
  g_assert_cmpuint (count_lines (preview, _("New message")), ==, 4);
  assert_has_line (preview, "Anna Schmidt");
  assert_has_line (preview, "សុខ សុភា");
  assert_one_suggested (assistant, _("_Import"));
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 0);

  close_assistant (assistant);
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_run_main_loop_for (100);
}

/* Files that are no export: a message that says what is wrong, nothing imported. */
static void
test_broken_files (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *files[] = { "binary-junk.csv", "empty.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = corpus (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
      SbImportAssistant *assistant;
      AdwMessageDialog *dialog;

      /* What the engine says is wrong with the file. */
      g_assert_null (importer);
      g_assert_nonnull (error);

      assistant = open_assistant (fixture, path);
      dialog = find_message_dialog (assistant);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                       _("This File Cannot Be Imported"));
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);
      if (g_str_equal (sb_interface_language (), "en"))
        g_assert_nonnull (strstr (error->message, i == 0 ? "binary" : "empty"));
      if (i == 0)
        {
          g_autofree char *shot = g_strdup_printf ("import-broken-%s.png", sb_interface_language ());

          g_assert_cmpuint (sb_test_save_screenshot (dialog, shot), >, 50);
        }
      /* The person reads it and closes it: the assistant waits for another file. */
      click_labelled (dialog, _("_Close"));
      SB_TEST_WAIT_UNTIL (find_message_dialog (assistant) == NULL, 10000, "the message to close");
      g_assert_cmpstr (visible_page (assistant), ==, "pick");
      g_assert_nonnull (sb_test_find_action_button (assistant, "assistant.choose-file"));
      g_assert_null (sb_test_find_action_button (assistant, "assistant.import"));
      close_assistant (assistant);
    }
  g_assert_cmpuint (sb_test_count_messages (fixture->campaign), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *sambot_data = NULL;
  int status;

  /* The mappings the assistant remembers go to a data folder of the test's own (not
   * G_TEST_OPTION_ISOLATE_DIRS: it hides the system's icons and MIME types too). */
  data_home = g_dir_make_tmp ("sambot-import-assistant-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  app = sb_test_gui_init (&argc, &argv);

  g_test_add ("/gui/import-assistant/google-forms", Fixture, NULL,
              fixture_set_up, test_import_google_forms, fixture_tear_down);
  g_test_add ("/gui/import-assistant/rejected-rows", Fixture, NULL,
              fixture_set_up, test_rejected_rows, fixture_tear_down);
  g_test_add ("/gui/import-assistant/many-rejected-rows", Fixture, NULL,
              fixture_set_up, test_many_rejected_rows, fixture_tear_down);
  g_test_add ("/gui/import-assistant/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/gui/import-assistant/close-while-importing", Fixture, NULL,
              fixture_set_up, test_close_while_importing, fixture_tear_down);
  g_test_add ("/gui/import-assistant/from-the-window", Fixture, NULL,
              fixture_set_up, test_from_the_window, fixture_tear_down);
  g_test_add ("/gui/import-assistant/drop-on-the-window", Fixture, NULL,
              fixture_set_up, test_drop_on_the_window, fixture_tear_down);
  g_test_add ("/gui/import-assistant/broken-files", Fixture, NULL,
              fixture_set_up, test_broken_files, fixture_tear_down);

  sambot_data = g_build_filename (data_home, "sambot", NULL);
  status = sb_test_gui_run ();
  forget_mappings ();
  g_rmdir (sambot_data);
  g_rmdir (data_home);
  return status;
}
