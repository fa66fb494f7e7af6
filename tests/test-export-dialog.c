/* test-export-dialog.c — Export… in the main menu: what a coordinator gets in the
 * file, and the question before the senders' contacts go into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script), on the demo campaign. The file
 * chooser is the desktop's; the tests hand the dialog the file a person would have
 * chosen, through the function the chooser's answer calls. Screenshots of the dialog
 * and of the question are saved next to the test binary, named by the interface
 * language.
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "sb-application.h"
#include "sb-demo.h"
#include "sb-export-dialog.h"
#include "sb-gui-format.h"
#include "sb-names.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;

typedef struct
{
  char      *dir;
  char      *campaign;
  SbWindow  *window;
  char      *known_text;      /* a message of the demo, as typed */
  char      *known_contact;   /* its sender's e-mail address */
  char      *known_id;
  char      *known_ref;
  guint      n_messages;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* A message of @campaign whose sender left a contact, and whose text a CSV file
 * holds as typed (no quotes to double). */
static void
pick_known_message (Fixture    *f,
                    SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, &error);

  g_assert_no_error (error);
  f->n_messages = ids->len;
  for (guint i = 0; i < ids->len && f->known_text == NULL; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, ids->pdata[i], &error);

      g_assert_no_error (error);
      if (message->sender_contact != NULL && strchr (message->sender_contact, '@') != NULL
          && strchr (message->original_text, '"') == NULL && strlen (message->original_text) > 20)
        {
          f->known_text = g_strdup (message->original_text);
          f->known_contact = g_strdup (message->sender_contact);
          f->known_id = g_strdup (message->id);
          f->known_ref = g_strdup (message->ref);
        }
    }
  g_assert_nonnull (f->known_text);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  f->dir = g_dir_make_tmp ("sambot-export-dialog-XXXXXX", NULL);
  f->campaign = g_build_filename (f->dir, "freethe5kh.sambot", NULL);
  g_assert_true (sb_demo_create (f->campaign, &error));
  g_assert_no_error (error);

  file = g_file_new_for_path (f->campaign);
  f->window = sb_test_open_window (file, 1000, 720);
  pick_known_message (f, sb_window_get_campaign (f->window));
  sb_test_wait_for_frame (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_window_close_campaign (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->campaign);
  g_free (f->known_text);
  g_free (f->known_contact);
  g_free (f->known_id);
  g_free (f->known_ref);
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

/* The switch turns with an animation: the question comes at its end. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  GtkWindow *window;

  SB_TEST_RUN_UNTIL ((window = find_toplevel (type)) != NULL, 10000);
  /* Keys go to the window that has the keyboard: wait for it to get it. */
  if (window != NULL)
    SB_TEST_WAIT_UNTIL (gtk_window_is_active (window), 10000, "the window to have the keyboard");
  return window;
}

/* The window's main menu, open: it offers Export… (saved as a screenshot). */
static void
check_menu (Fixture *f)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *shot = g_strdup_printf ("screenshot-export-menu-%s.png", sb_interface_language ());
  g_autofree char *text = NULL;
  GtkMenuButton *menu_button = NULL;
  GtkPopover *popover;

  sb_test_collect_visible (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len && menu_button == NULL; i++)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (buttons->pdata[i]);

      /* The campaign's menu, not the welcome page's (one section, and still there). */
      if (model != NULL && g_menu_model_get_n_items (model) > 1)
        menu_button = buttons->pdata[i];
    }
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (menu_button);
  popover = gtk_menu_button_get_popover (menu_button);
  SB_TEST_RUN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)) &&
                     sb_test_shows_text (popover, _("Export…")), 10000);
  sb_test_wait_for_frame (popover);
  text = sb_test_visible_text (popover);
  if (strstr (text, _("Export…")) == NULL)
    g_error ("no “%s” in the menu:\n%s", _("Export…"), text);
  sb_test_save_screenshot (popover, shot);
  gtk_menu_button_popdown (menu_button);
  SB_TEST_RUN_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (popover)), 10000);
}

/* Export… from the window's menu, as a person would. */
static SbExportDialog *
open_dialog (Fixture *f)
{
  SbExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  SB_TEST_WAIT_UNTIL ((dialog = (SbExportDialog *) find_toplevel (SB_TYPE_EXPORT_DIALOG)) != NULL,
                      10000, "the dialog");
  return dialog;
}

/* The row whose title is @title (mnemonic included). */
static AdwActionRow *
find_row (gpointer    window,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  g_error ("no row titled “%s”", title);
  return NULL;
}

/* Activates the row titled @title, as a click or Space on it would. */
static void
activate_row (gpointer    window,
              const char *title)
{
  GtkWidget *activatable = adw_action_row_get_activatable_widget (find_row (window, title));

  g_assert_nonnull (activatable);
  g_assert_true (gtk_widget_activate (activatable));
  sb_test_run_main_loop_for (200);
}

static GtkSwitch *
contacts_switch (SbExportDialog *dialog)
{
  return GTK_SWITCH (adw_action_row_get_activatable_widget (
      find_row (dialog, _("Include Senders’ Con_tacts"))));
}

/* Hands @dialog the file chosen, and waits for the export to finish. */
static void
export_to (SbExportDialog *dialog,
           const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_object_ref (dialog);
  sb_export_dialog_export_to (dialog, file);
  g_assert_true (sb_export_dialog_get_busy (dialog));
  SB_TEST_RUN_UNTIL (!sb_export_dialog_get_busy (dialog), 30000);
  g_assert_false (sb_export_dialog_get_busy (dialog));
  sb_test_run_main_loop_for (200);
  g_object_unref (dialog);
}

/* Answers @dialog as a click on the button labelled @label would. */
static void
answer (AdwMessageDialog *dialog,
        const char       *label)
{
  GtkWidget *button = sb_test_find_button_labelled (dialog, label);

  g_assert_nonnull (button);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (button, "clicked");
  SB_TEST_WAIT_UNTIL (dialog == NULL, 10000, "the export dialog to close");
}

/* @keysym pressed through the X server, as a person's key (with Alt if @alt). */
static void
press_key (gboolean alt,
           guint    keysym)
{
  Display *x = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  KeyCode code = XKeysymToKeycode (x, keysym);
  KeyCode alt_code = XKeysymToKeycode (x, XK_Alt_L);

  g_assert_cmpuint (code, !=, 0);
  if (alt)
    XTestFakeKeyEvent (x, alt_code, True, CurrentTime);
  XTestFakeKeyEvent (x, code, True, CurrentTime);
  XTestFakeKeyEvent (x, code, False, CurrentTime);
  if (alt)
    XTestFakeKeyEvent (x, alt_code, False, CurrentTime);
  XFlush (x);
  sb_test_run_main_loop_for (300);
}

/* Gives @window the keyboard back after a window on top of it closed. A window
 * manager does this on a desktop; the tests' display has none, so X leaves the
 * keyboard wherever the pointer is. */
static void
give_keyboard (GtkWindow *window)
{
  gtk_window_present (window);
  SB_TEST_WAIT_UNTIL (gtk_window_is_active (window), 10000, "the window to have the keyboard");
}

static char *
screenshot_name (const char *what)
{
  return g_strdup_printf ("screenshot-%s-%s.png", what, sb_interface_language ());
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* Messages as CSV, as the dialog opens: every message, no contacts, a file only its
 * owner reads; the dialog closes and a toast says how many went where. */
static void
test_messages_csv (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "messages.csv", NULL);
  g_autofree char *shot = screenshot_name ("export-dialog");
  g_autofree char *count = _sb_format_number (f->n_messages);
  g_autofree char *toast = g_strdup_printf (ngettext ("%1$s message exported to “%2$s”",
                                                      "%1$s messages exported to “%2$s”",
                                                      f->n_messages), count, "messages.csv");
  g_autofree char *text = NULL;
  g_autofree char *window_text = NULL;
  SbExportDialog *dialog;
  struct stat st;

  check_menu (f);
  dialog = open_dialog (f);

  g_assert_false (gtk_switch_get_active (contacts_switch (dialog)));
  g_assert_cmpuint (sb_test_save_screenshot (dialog, shot), >, 50);

  export_to (dialog, path);
  g_assert_null (find_toplevel (SB_TYPE_EXPORT_DIALOG));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "reference,received_on,"));
  g_assert_nonnull (strstr (text, f->known_text));
  g_assert_null (strstr (text, f->known_contact));
  g_assert_null (strstr (text, "sender_contact"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  window_text = sb_test_visible_text (f->window);
  if (strstr (window_text, toast) == NULL)
    g_error ("no toast “%s” in the window:\n%s", toast, window_text);
}

/* Turning the contacts on asks first, and the answer that is ready is "leave them
 * out"; only once the person says to include them are they in the file. */
static void
test_contacts_asked (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "with-contacts.json", NULL);
  g_autofree char *shot = screenshot_name ("export-contacts-question");
  g_autofree char *text = NULL;
  SbExportDialog *dialog = open_dialog (f);
  AdwMessageDialog *question;

  activate_row (dialog, _("Include Senders’ Con_tacts"));
  question = (AdwMessageDialog *) wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, _("Include Senders’ Contacts?"));
  g_assert_cmpuint (strlen (adw_message_dialog_get_body (question)), >, 100);
  if (g_str_equal (sb_interface_language (), "en"))
    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Keep the file safe"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "leave-out");
  g_assert_cmpstr (adw_message_dialog_get_close_response (question), ==, "leave-out");
  g_assert_false (gtk_switch_get_state (contacts_switch (dialog)));
  g_assert_cmpuint (sb_test_save_screenshot (question, shot), >, 50);

  /* Escape, or the answer ready: left out. */
  answer (question, _("_Leave Them Out"));
  g_assert_false (gtk_switch_get_active (contacts_switch (dialog)));
  g_assert_false (gtk_switch_get_state (contacts_switch (dialog)));

  activate_row (dialog, _("Include Senders’ Con_tacts"));
  question = (AdwMessageDialog *) wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  answer (question, _("_Include Contacts"));
  g_assert_true (gtk_switch_get_state (contacts_switch (dialog)));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* A button pressed from the keyboard stays down a moment before it is clicked. */
  g_assert_true (gtk_widget_activate (sb_test_find_button_labelled (dialog, _("_JSON"))));
  sb_test_run_main_loop_for (400);
  export_to (dialog, path);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "["));
  g_assert_nonnull (strstr (text, "\"sender_contact\""));
  g_assert_nonnull (strstr (text, f->known_contact));
}

/* A file the person chose to replace (the chooser asked) is replaced whole; a file
 * that cannot be written is said, and the dialog stays for another choice. */
static void
test_replace_and_failure (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "batches.csv", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "copies.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GDir) dir = NULL;
  SbExportDialog *dialog;
  AdwMessageDialog *error;
  const char *name;

  g_assert_true (g_file_set_contents (path, "an older spreadsheet", -1, NULL));
  dialog = open_dialog (f);
  activate_row (dialog, _("_Batches"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_row (dialog, _("Include Senders’ Con_tacts")))));
  export_to (dialog, path);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "code,facility,state,"));
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, ".partial"));

  dialog = open_dialog (f);
  activate_row (dialog, _("C_opies"));
  export_to (dialog, nowhere);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  error = (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (error);
  g_assert_cmpstr (adw_message_dialog_get_heading (error), ==, _("Could Not Export"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (error), "copies.csv"));
  answer (error, _("_Close"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  sb_test_run_main_loop_for (100);
}

/* The scans, as files named by reference, into a new folder inside the one chosen:
 * a second export makes another folder rather than meet the first one's files. The
 * second toast waits behind the first. */
static void
test_scans (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 60, 40);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(SbScan) scan = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *name = g_strdup_printf ("%s-front.png", f->known_ref);
  g_autofree char *first = g_build_filename (f->dir, "freethe5kh-scans", name, NULL);
  g_autofree char *second = g_build_filename (f->dir, "freethe5kh-scans-2", name, NULL);
  g_autofree char *count = _sb_format_number (1);
  g_autofree char *toast = g_strdup_printf (ngettext ("%1$s scan exported to the folder “%2$s”",
                                                      "%1$s scans exported to the folder “%2$s”",
                                                      1), count, "freethe5kh-scans");
  g_autofree char *written = NULL;
  g_autofree char *window_text = NULL;
  gsize size = 0, written_size = 0;
  SbExportDialog *dialog;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  png = g_bytes_new (buffer, size);
  scan = sb_scan_load_bytes (png, "card.png", &error);
  g_assert_no_error (error);
  scan->message_id = g_strdup (f->known_id);
  scan->side = g_strdup ("front");
  g_assert_true (sb_campaign_add_scan (sb_window_get_campaign (f->window), scan, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      dialog = open_dialog (f);
      activate_row (dialog, _("_Scans"));
      g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_row (dialog, _("Format")))));
      export_to (dialog, f->dir);
      g_assert_null (find_toplevel (SB_TYPE_EXPORT_DIALOG));
    }
  g_assert_true (g_file_get_contents (first, &written, &written_size, NULL));
  g_assert_cmpmem (written, written_size, buffer, size);
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  window_text = sb_test_visible_text (f->window);
  if (strstr (window_text, toast) == NULL)
    g_error ("no toast “%s” in the window:\n%s", toast, window_text);
}

/* The keyboard alone: Alt and the underlined letter chooses, Enter goes on to the
 * file chooser, Escape leaves the question (contacts left out), then the dialog. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = NULL;
  SbExportDialog *dialog;
  GtkWindow *chooser;

  if (!g_str_equal (sb_interface_language (), "en"))
    {
      /* Khmer mnemonics are Khmer letters: they need a Khmer keyboard layout. */
      g_test_skip ("the keys pressed are those of the English interface");
      return;
    }
  dialog = open_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  SB_TEST_WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (dialog)), 10000,
                      "the dialog to have the keyboard");

  press_key (TRUE, XK_o);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
      adw_action_row_get_activatable_widget (find_row (dialog, _("C_opies"))))));
  press_key (TRUE, XK_m);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
      adw_action_row_get_activatable_widget (find_row (dialog, _("_Messages"))))));

  press_key (TRUE, XK_t);
  g_assert_nonnull (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  press_key (FALSE, XK_Escape);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (gtk_switch_get_state (contacts_switch (dialog)));
  g_assert_false (gtk_switch_get_active (contacts_switch (dialog)));

  give_keyboard (GTK_WINDOW (dialog));
  press_key (FALSE, XK_Return);
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (name, ".csv"));
  press_key (FALSE, XK_Escape);
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (dialog);

  give_keyboard (GTK_WINDOW (dialog));
  press_key (FALSE, XK_Escape);
  g_assert_null (dialog);
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/export/messages-csv-without-contacts", test_messages_csv);
  ADD ("/gui/export/contacts-asked", test_contacts_asked);
  ADD ("/gui/export/replace-and-failure", test_replace_and_failure);
  ADD ("/gui/export/scans", test_scans);
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    ADD ("/gui/export/keyboard", test_keyboard);
#undef ADD

  return sb_test_gui_run ();
}
