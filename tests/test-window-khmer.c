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
#include <locale.h>

#include "sb-application.h"
#include "sb-batches-page.h"
#include "sb-batches.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-detainee-editor.h"
#include "sb-facility-editor.h"
#include "sb-import-assistant.h"
#include "sb-message-editor.h"
#include "sb-messages-page.h"
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
  sb_test_run_main_loop_for (300);
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
  sb_test_run_main_loop_for (400);
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
  sb_test_run_main_loop_for (500);
  return g_strdup (message->id);
}

static SbBatchesPage *
batches_page (Demo *demo)
{
  return sb_test_find_first (demo->window, SB_TYPE_BATCHES_PAGE);
}

/* Shows the demo's draft batch beside the list; returns its id. */
static const char *
select_draft (Demo *demo)
{
  g_autoptr(GPtrArray) batches = sb_campaign_list_batches (sb_window_get_campaign (demo->window), NULL, NULL);
  const char *id = NULL;

  g_assert_nonnull (batches);
  for (guint i = 0; i < batches->len; i++)
    if (g_str_equal (((SbBatch *) g_ptr_array_index (batches, i))->state, "draft"))
      id = g_intern_string (((SbBatch *) g_ptr_array_index (batches, i))->id);
  g_assert_nonnull (id);
  sb_batches_page_select_batch (batches_page (demo), id);
  sb_test_run_main_loop_for (500);
  return id;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

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
        gtk_widget_grab_focus (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "language_row"));
        sb_test_run_main_loop_for (400);
        shot = shot_name ("card", size);
        sb_test_save_screenshot (demo.window, shot);
        g_clear_pointer (&shot, g_free);
        gtk_toggle_button_set_active (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "history_button"), TRUE);
        sb_test_run_main_loop_for (600);
        gtk_widget_grab_focus (child_of (editor, SB_TYPE_MESSAGE_EDITOR, "language_row"));
        sb_test_run_main_loop_for (400);
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
  const char *localedir = g_getenv ("SAMBOT_LOCALEDIR");
  int status;

  sb_test_require_display ();
  if (argc > 1 && (g_str_equal (argv[1], "en") || g_str_equal (argv[1], "km")))
    {
      language = argv[1];
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  g_setenv ("LANGUAGE", language, TRUE);
  /* LANGUAGE takes effect only with a real locale (docs/testing.md). */
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (sb_interface_language (), ==, language);

  app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_object_set (gtk_settings_get_default (), "gtk-xft-hintstyle", "hintslight",
                "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui/khmer/tour", test_tour);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
