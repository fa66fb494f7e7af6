/* test-message-privacy.c — the message editor: forget a sender, and a printed message
 * shown read-only, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script) on a copy of the demo campaign, and
 * saves screenshots in the interface language next to the test binary
 * (message-printed-LANG.png, message-forget-dialog-LANG.png, message-forgotten-LANG.png).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-batches.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-message-editor.h"
#include "sb-messages-page.h"
#include "sb-names.h"
#include "sb-privacy.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;

static SbWindow *
open_demo (char **dir_out)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-privacy-XXXXXX", NULL);
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
  SB_TEST_RUN_UNTIL (sb_test_find_first (window, SB_TYPE_MESSAGE_EDITOR) != NULL, 10000);
  sb_test_wait_for_frame (window);
  *dir_out = g_steal_pointer (&dir);
  return window;
}

static void
close_demo (SbWindow *window,
            char     *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  sb_window_close_campaign (window);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  sb_test_run_main_loop_for (100);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

static gpointer
child (SbMessageEditor *editor,
       const char      *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (editor), SB_TYPE_MESSAGE_EDITOR, name);
}

/* The first message with @consent whose copies went into a sealed batch (or not). */
static char *
find_message (SbCampaign *campaign,
              const char *consent,
              gboolean    printed)
{
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, "approved", NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, ids->pdata[i], NULL);
      g_autoptr(SbBatch) batch = sb_campaign_get_printed_batch (campaign, ids->pdata[i], NULL);

      if (g_str_equal (message->consent, consent) && *message->sender_name != '\0' &&
          (batch != NULL) == printed)
        return g_strdup (message->id);
    }
  g_error ("no message with consent %s", consent);
}

static void
set_buffer (gpointer    view,
            const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* A delivered message: what was printed is read-only, and says why; the notes are
 * not, and save as they are typed. A change the form should not have let through is
 * refused by the campaign, and the form says so. */
static void
test_printed_read_only (void)
{
  char *dir = NULL;
  SbWindow *window = open_demo (&dir);
  SbMessagesPage *page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  SbMessageEditor *editor = sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR);
  SbCampaign *campaign = sb_window_get_campaign (window);
  g_autofree char *id = find_message (campaign, "detainee", TRUE);
  g_autofree char *other = find_message (campaign, "detainee", FALSE);
  g_autoptr(SbBatch) batch = sb_campaign_get_printed_batch (campaign, id, NULL);
  g_autoptr(SbMessage) stored = NULL;
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, NULL);
  g_autofree char *shot = g_strdup_printf ("message-printed-%s.png", sb_interface_language ());
  GtkLabel *reason = child (editor, "printed_label");
  GtkLabel *error_label = child (editor, "error_label");
  const char *text;

  sb_messages_page_show_message (page, id);
  SB_TEST_RUN_UNTIL (gtk_revealer_get_reveal_child (child (editor, "printed_revealer")) &&
                     strstr (gtk_label_get_text (reason), message->ref) != NULL, 10000);
  g_assert_true (gtk_revealer_get_reveal_child (child (editor, "printed_revealer")));
  text = gtk_label_get_text (reason);
  g_assert_nonnull (strstr (text, message->ref));
  g_assert_nonnull (strstr (text, batch->code));
  g_assert_false (gtk_text_view_get_editable (child (editor, "text_view")));
  g_assert_false (gtk_text_view_get_editable (child (editor, "translation_km_view")));
  g_assert_false (gtk_editable_get_editable (child (editor, "sender_row")));
  g_assert_false (gtk_widget_get_sensitive (child (editor, "country_dropdown")));
  g_assert_false (gtk_widget_get_sensitive (child (editor, "language_row")));
  g_assert_true (gtk_text_view_get_editable (child (editor, "notes_view")));
  g_assert_true (gtk_text_view_get_editable (child (editor, "translation_en_view")));
  g_assert_true (gtk_widget_get_sensitive (child (editor, "consent_row")));
  g_assert_cmpuint (sb_test_save_screenshot (window, shot), >, 200);

  set_buffer (child (editor, "notes_view"), "Thanked by the family.");
  g_assert_true (sb_message_editor_save_now (editor));
  stored = sb_campaign_get_message (campaign, id, NULL);
  g_assert_cmpstr (stored->notes, ==, "Thanked by the family.");

  set_buffer (child (editor, "text_view"), "Something else.");
  g_assert_false (sb_message_editor_save_now (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), batch->code));
  g_clear_pointer (&stored, sb_message_free);
  stored = sb_campaign_get_message (campaign, id, NULL);
  g_assert_cmpstr (stored->original_text, ==, message->original_text);

  /* A message not printed yet is editable again. */
  sb_messages_page_show_message (page, other);
  SB_TEST_RUN_UNTIL (!gtk_revealer_get_reveal_child (child (editor, "printed_revealer")) &&
                     gtk_text_view_get_editable (child (editor, "text_view")), 10000);
  g_assert_false (gtk_revealer_get_reveal_child (child (editor, "printed_revealer")));
  g_assert_true (gtk_text_view_get_editable (child (editor, "text_view")));
  g_assert_true (gtk_editable_get_editable (child (editor, "sender_row")));

  close_demo (window, dir);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Forget Sender…: a dialog says what goes and what stays; Cancel changes nothing;
 * Forget Sender empties the sender's fields in the form and the campaign, and the
 * history says who erased them. */
static void
test_forget_sender (void)
{
  char *dir = NULL;
  SbWindow *window = open_demo (&dir);
  SbMessagesPage *page = sb_test_find_first (window, SB_TYPE_MESSAGES_PAGE);
  SbMessageEditor *editor = sb_test_find_first (page, SB_TYPE_MESSAGE_EDITOR);
  SbCampaign *campaign = sb_window_get_campaign (window);
  g_autofree char *id = find_message (campaign, "detainee", TRUE);
  g_autoptr(SbMessage) before = sb_campaign_get_message (campaign, id, NULL);
  g_autoptr(SbMessage) after = NULL;
  g_autoptr(SbStats) stats_before = sb_campaign_get_stats (campaign, NULL, NULL);
  g_autoptr(SbStats) stats_after = NULL;
  g_autofree char *shot = g_strdup_printf ("message-forget-dialog-%s.png", sb_interface_language ());
  g_autofree char *shot_after = g_strdup_printf ("message-forgotten-%s.png", sb_interface_language ());
  g_autofree char *lines = NULL;
  g_autofree char *erased = NULL;
  g_autofree char *forgotten = NULL;
  gpointer list_view = gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_MESSAGES_PAGE,
                                                     "list_view");
  GtkWidget *button;
  AdwMessageDialog *dialog;

  sb_messages_page_show_message (page, id);
  SB_TEST_WAIT_UNTIL ((button = sb_test_find_action_button (editor, "editor.forget-sender")) != NULL,
                      10000, "the button");
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Cancel: nothing happens. */
  gtk_widget_activate (button);
  SB_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 10000, "the dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), before->ref));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            g_str_equal (sb_interface_language (), "km")
                            ? "មិន\u200bអាច\u200bត្រឡប់\u200bវិញ\u200bបាន\u200bទេ"
                            : "This cannot be undone."));
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpuint (sb_test_save_screenshot (dialog, shot), >, 100);
  adw_message_dialog_response (dialog, "cancel");
  sb_test_run_main_loop_for (300);
  after = sb_campaign_get_message (campaign, id, NULL);
  g_assert_cmpstr (after->sender_name, ==, before->sender_name);
  g_clear_pointer (&after, sb_message_free);

  SB_TEST_RUN_UNTIL (sb_test_shows_text (list_view, before->sender_name), 10000);

  /* Forget Sender: done in a thread; the form shows the message as it is then. */
  gtk_widget_activate (button);
  SB_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 10000, "the dialog");
  adw_message_dialog_response (dialog, "forget");
  SB_TEST_RUN_UNTIL ((sb_message_free (after),
                      after = sb_campaign_get_message (campaign, id, NULL),
                      *after->sender_name == '\0' &&
                      *gtk_editable_get_text (child (editor, "sender_row")) == '\0' &&
                      gtk_widget_get_sensitive (child (editor, "root"))), 10000);
  g_assert_cmpstr (after->sender_name, ==, "");
  g_assert_cmpstr (after->sender_contact, ==, "");
  g_assert_cmpstr (after->sender_country, ==, before->sender_country);
  g_assert_cmpstr (after->original_text, ==, before->original_text);
  g_assert_cmpstr (gtk_editable_get_text (child (editor, "sender_row")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (child (editor, "city_row")), ==, "");
  g_assert_true (gtk_widget_get_sensitive (child (editor, "root")));
  stats_after = sb_campaign_get_stats (campaign, NULL, NULL);
  g_assert_cmpint (stats_after->messages_sent, ==, stats_before->messages_sent);
  g_assert_cmpint (stats_after->messages_delivered, ==, stats_before->messages_delivered);

  /* Forgetting is final: the sender's fields are read-only, and the form says why. */
  g_assert_false (gtk_editable_get_editable (child (editor, "sender_row")));
  g_assert_false (gtk_editable_get_editable (child (editor, "city_row")));
  g_assert_true (gtk_revealer_get_reveal_child (child (editor, "printed_revealer")));
  forgotten = g_strdup_printf (_("The sender of %s was forgotten at their request: their name, "
                                 "city and contact are not typed again."), before->ref);
  g_assert_nonnull (strstr (gtk_label_get_text (child (editor, "printed_label")), forgotten));

  /* The list forgets the name too, once it has read the message again. */
  SB_TEST_RUN_UNTIL (!sb_test_shows_text (list_view, before->sender_name), 10000);

  /* Nothing typed afterwards brings the old name back. */
  g_assert_true (sb_message_editor_save_now (editor));
  g_clear_pointer (&after, sb_message_free);
  after = sb_campaign_get_message (campaign, id, NULL);
  g_assert_cmpstr (after->sender_name, ==, "");

  erased = g_strdup_printf (_("%s erased the sender’s name, city, contact and scans"),
                            sb_campaign_get_operator (campaign));
  gtk_toggle_button_set_active (child (editor, "history_button"), TRUE);
  SB_TEST_RUN_UNTIL (sb_test_shows_text (child (editor, "history_list"), erased), 10000);
  lines = sb_test_visible_text (child (editor, "history_list"));
  if (g_test_verbose ())
    g_printerr ("%s\n", lines);
  g_assert_nonnull (strstr (lines, erased));
  g_assert_null (strstr (lines, before->sender_name));
  g_assert_cmpuint (sb_test_save_screenshot (window, shot_after), >, 200);
  gtk_toggle_button_set_active (child (editor, "history_button"), FALSE);

  close_demo (window, dir);
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/message-privacy/printed-read-only", test_printed_read_only);
  g_test_add_func ("/gui/message-privacy/forget-sender", test_forget_sender);

  return sb_test_gui_run ();
}
