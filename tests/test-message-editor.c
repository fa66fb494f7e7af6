/* test-message-editor.c — the message editor saves what is typed, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script). Keys and clicks go through the X
 * server (XTest), as a person's would. Checks:
 * - the Hold dialog: Cancel, Escape, Enter and Hold, with no reason and with one
 *   (editor-hold-LANG.png);
 * - a volunteer typing without a pause is saved at least every second;
 * - a save the campaign file refuses (another program holds it) is shown, kept in
 *   the form, not lost by moving on or closing the window or quitting, and saved
 *   once the file is free. Screenshots: editor-save-failed-LANG.png and
 *   editor-save-failed-close-LANG.png next to the test binary;
 * - a review step the campaign file refuses is said in a toast, and what was typed
 *   stays (editor-review-failed-LANG.png).
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "sb-application.h"
#include "sb-campaign.h"
#include "sb-gui-format.h"
#include "sb-message-editor.h"
#include "sb-messages-page.h"
#include "sb-store.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;

typedef struct
{
  char           *dir;
  char           *path;
  SbWindow       *window;
  SbMessagesPage *page;
  SbMessageEditor *editor;
  SbCampaign     *campaign;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Keys and clicks through the X server                                     */
/* ------------------------------------------------------------------------ */

static Display *
x_display (void)
{
  return gdk_x11_display_get_xdisplay (gdk_display_get_default ());
}

static void
press_key (guint keysym)
{
  Display *x = x_display ();
  KeyCode code = XKeysymToKeycode (x, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (x, code, True, CurrentTime);
  XTestFakeKeyEvent (x, code, False, CurrentTime);
  XFlush (x);
  sb_test_run_main_loop_for (150);
}

/* Lower-case letters and spaces, a key each. */
static void
type_text (const char *text)
{
  for (const char *p = text; *p; p++)
    press_key (*p == ' ' ? XK_space : (guint) *p);
}

/* A click in the middle of @widget, wherever its window is on the screen. */
static void
click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *x = x_display ();
  graphene_rect_t bounds;
  double dx, dy;
  int root_x, root_y;
  Window child;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (x, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (x),
                         (int) (dx + bounds.origin.x + bounds.size.width / 2),
                         (int) (dy + bounds.origin.y + bounds.size.height / 2),
                         &root_x, &root_y, &child);
  XTestFakeMotionEvent (x, -1, root_x, root_y, CurrentTime);
  XTestFakeButtonEvent (x, 1, True, CurrentTime);
  XTestFakeButtonEvent (x, 1, False, CurrentTime);
  XFlush (x);
  sb_test_run_main_loop_for (300);
}

static gboolean
status_is (Fixture    *fixture,
           const char *id,
           const char *status)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (fixture->campaign, id, NULL);

  return message != NULL && g_strcmp0 (message->status, status) == 0;
}

/* Runs the main loop until @condition holds, for at most @ms milliseconds. */
static gboolean
wait_until (gboolean (*condition) (gpointer data),
            gpointer   data,
            guint      ms)
{
  SB_TEST_RUN_UNTIL (condition (data), ms);
  return condition (data);
}

/* The message dialog on screen, or %NULL. */
static AdwMessageDialog *
shown_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown_cb (gpointer data)
{
  return shown_dialog () != NULL;
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return shown_dialog () == NULL;
}

/* ------------------------------------------------------------------------ */
/* A campaign of a few messages in a window                                 */
/* ------------------------------------------------------------------------ */

static char *
add_message (SbCampaign *campaign,
             const char *text)
{
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(GError) error = NULL;

  g_free (message->original_text);
  message->original_text = g_strdup (text);
  g_assert_true (sb_campaign_add_message (campaign, message, &error));
  g_assert_no_error (error);
  return g_strdup (message->id);
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(SbCampaign) created = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sambot-editor-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
  created = sb_campaign_create (fixture->path, "Free the 5", "PP", &error);
  g_assert_no_error (error);
  sb_campaign_close (created);

  file = g_file_new_for_path (fixture->path);
  fixture->window = sb_test_open_window (file, 1280, 800);
  adw_view_stack_set_visible_child_name (sb_test_find_first (fixture->window, ADW_TYPE_VIEW_STACK),
                                         "messages");
  fixture->campaign = sb_window_get_campaign (fixture->window);
  fixture->page = SB_MESSAGES_PAGE (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), SB_TYPE_WINDOW,
                                                                  "messages_page"));
  fixture->editor = SB_MESSAGE_EDITOR (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                     SB_TYPE_MESSAGES_PAGE, "editor"));
  sb_test_wait_for_frame (fixture->window);
}

static void
fixture_close (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  if (fixture->window != NULL)
    {
      sb_window_close_campaign (fixture->window);
      gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
    }
  sb_test_run_main_loop_for (100);
  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GtkTextBuffer *
message_text (Fixture *fixture)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->editor),
                                                                   SB_TYPE_MESSAGE_EDITOR, "text_view"));
  return gtk_text_view_get_buffer (view);
}

static char *
form_text (Fixture *fixture)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (message_text (fixture), &start, &end);
  return gtk_text_buffer_get_text (message_text (fixture), &start, &end, FALSE);
}

static char *
saved_text (Fixture    *fixture,
            const char *id)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (fixture->campaign, id, NULL);

  return g_strdup (message->original_text);
}

/* ------------------------------------------------------------------------ */
/* Hold                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum { PRESS_CANCEL, PRESS_ESCAPE, PRESS_ENTER, PRESS_HOLD } Press;

static const char *const press_names[] = { "Cancel", "Escape", "Enter", "Hold" };

/* Opens the Hold dialog on a new message, types @reason, presses @press; returns
 * the message's id. */
static char *
hold_with (Fixture    *fixture,
           const char *reason,
           Press       press)
{
  char *id = add_message (fixture->campaign, "Stay strong, we are with you.");
  AdwMessageDialog *dialog;
  GtkWidget *entry, *hold, *cancel;

  sb_messages_page_show_message (fixture->page, id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (fixture->editor), id) == 0, 10000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.hold", NULL));
  g_assert_true (wait_until (dialog_shown_cb, NULL, 5000));
  dialog = shown_dialog ();
  sb_test_wait_for_frame (dialog);
  entry = sb_test_find_first (dialog, GTK_TYPE_ENTRY);
  hold = sb_test_find_button_labelled (dialog, _("_Hold"));
  cancel = sb_test_find_button_labelled (dialog, _("_Cancel"));
  g_assert_nonnull (entry);
  g_assert_nonnull (hold);
  g_assert_nonnull (cancel);

  /* The reason is typed in its field; Hold waits for it. */
  click (entry);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (gtk_widget_get_first_child (entry)));
  g_assert_false (gtk_widget_is_sensitive (hold));
  if (*reason == '\0' && press == PRESS_CANCEL)
    {
      g_autofree char *shot = g_strdup_printf ("editor-hold-%s.png", sb_interface_language ());
      g_assert_cmpuint (sb_test_save_screenshot (dialog, shot), >, 50);
    }
  type_text (reason);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, reason);
  g_assert_true (gtk_widget_is_sensitive (hold) == (*reason != '\0'));

  switch (press)
    {
    case PRESS_CANCEL: click (cancel); break;
    case PRESS_ESCAPE: press_key (XK_Escape); break;
    case PRESS_ENTER: press_key (XK_Return); break;
    case PRESS_HOLD: click (hold); break;
    }
  sb_test_run_main_loop_for (300);

  /* With no reason, Enter and Hold leave the dialog open, as it was. */
  if (*reason == '\0' && (press == PRESS_ENTER || press == PRESS_HOLD))
    {
      g_assert_true (shown_dialog () == dialog);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
      click (cancel);
    }
  g_assert_true (wait_until (dialog_gone_cb, NULL, 5000));
  return id;
}

static void
test_hold_dialog (void)
{
  Fixture fixture = { 0, };
  static const char *const reasons[] = { "", "names a guard" };

  fixture_open (&fixture);
  for (guint r = 0; r < G_N_ELEMENTS (reasons); r++)
    for (Press press = PRESS_CANCEL; press <= PRESS_HOLD; press++)
      {
        g_autofree char *id = hold_with (&fixture, reasons[r], press);
        g_autoptr(SbMessage) message = sb_campaign_get_message (fixture.campaign, id, NULL);
        gboolean held = *reasons[r] != '\0' && (press == PRESS_ENTER || press == PRESS_HOLD);

        g_test_message ("reason “%s”, %s: %s", reasons[r], press_names[press], message->status);
        g_assert_cmpstr (message->status, ==, held ? "held" : "new");
        g_assert_cmpstr (message->hold_reason, ==, held ? reasons[r] : "");
      }

  /* The reason typed joined the campaign's list: chosen there, it is enough. */
  {
    g_autofree char *id = add_message (fixture.campaign, "Courage!");
    g_autoptr(SbMessage) message = NULL;
    AdwMessageDialog *dialog;
    GtkDropDown *choices;

    sb_messages_page_show_message (fixture.page, id);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.hold", NULL));
    g_assert_true (wait_until (dialog_shown_cb, NULL, 5000));
    dialog = shown_dialog ();
    SB_TEST_WAIT_UNTIL ((choices = sb_test_find_first (dialog, GTK_TYPE_DROP_DOWN)) != NULL,
                        10000, "the dialog's choices");
    g_assert_false (gtk_widget_is_sensitive (sb_test_find_button_labelled (dialog, _("_Hold"))));
    gtk_drop_down_set_selected (choices, 1);
    click (sb_test_find_button_labelled (dialog, _("_Hold")));
    g_assert_true (wait_until (dialog_gone_cb, NULL, 5000));
    message = sb_campaign_get_message (fixture.campaign, id, NULL);
    g_assert_cmpstr (message->status, ==, "held");
    g_assert_cmpstr (message->hold_reason, ==, "names a guard");
  }
  fixture_close (&fixture);
}

/* ------------------------------------------------------------------------ */
/* Saving while typing                                                      */
/* ------------------------------------------------------------------------ */

/* A key every 100 ms for four seconds, never a pause: what was typed a second ago
 * is in the campaign at every moment. */
static void
test_save_ceiling (void)
{
  Fixture fixture = { 0, };
  g_autofree char *id = NULL;
  static const char typed[] = "we think of you every day and we will not stop until you are free";
  gint64 typed_at[sizeof typed];
  gint64 start;
  guint n = 0;
  gint64 worst_lag = 0;

  fixture_open (&fixture);
  id = add_message (fixture.campaign, "");
  sb_messages_page_show_message (fixture.page, id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (fixture.editor), id) == 0, 10000);
  start = g_get_monotonic_time ();
  while (n < 40)
    {
      g_autofree char *saved = NULL;
      gint64 now;
      guint kept;

      gtk_text_buffer_insert_at_cursor (message_text (&fixture), typed + n, 1);
      typed_at[n++] = g_get_monotonic_time ();
      sb_test_run_main_loop_for (100);
      now = g_get_monotonic_time ();
      saved = saved_text (&fixture, id);
      kept = strlen (saved);
      g_assert_true (strncmp (saved, typed, kept) == 0);
      /* Every key typed more than a second ago is saved. */
      for (guint i = kept; i < n; i++)
        g_assert_cmpint (now - typed_at[i], <, G_USEC_PER_SEC);
      if (kept < n)
        worst_lag = MAX (worst_lag, now - typed_at[kept]);
    }
  g_test_message ("40 keys in %.1f s; the oldest key not yet saved was at most %.2f s old",
                  (g_get_monotonic_time () - start) / 1e6, worst_lag / 1e6);
  /* Without the ceiling nothing would be saved until the typing stops. */
  g_assert_cmpint (worst_lag, >, 0);
  {
    g_autoptr(GPtrArray) history = sb_campaign_list_history (fixture.campaign, id, NULL);

    /* Each save of the text is a line of the message's history (before → after). */
    g_test_message ("the message's history has %u entries", history->len);
  }
  fixture_close (&fixture);
}

/* ------------------------------------------------------------------------ */
/* A save that fails                                                        */
/* ------------------------------------------------------------------------ */

static gboolean
save_failed_cb (gpointer data)
{
  Fixture *fixture = data;
  return sb_message_editor_get_save_error (fixture->editor) != NULL;
}

static gboolean
saved_again_cb (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *saved = saved_text (fixture, g_object_get_data (G_OBJECT (fixture->editor), "test-id"));

  return g_str_equal (saved, "Dear Sokha, we have not forgotten you");
}

static void
test_save_failed (void)
{
  Fixture fixture = { 0, };
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;
  g_autofree char *shot = g_strdup_printf ("editor-save-failed-%s.png", sb_interface_language ());
  g_autofree char *close_shot = g_strdup_printf ("editor-save-failed-close-%s.png", sb_interface_language ());
  g_autoptr(SbStore) locker = NULL;
  g_autoptr(GError) error = NULL;
  GtkRevealer *bar;
  GtkLabel *reason;
  AdwMessageDialog *dialog;

  fixture_open (&fixture);
  id = add_message (fixture.campaign, "Dear Sokha");
  other = add_message (fixture.campaign, "Another card");
  g_object_set_data (G_OBJECT (fixture.editor), "test-id", id);
  sb_messages_page_show_message (fixture.page, id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (fixture.editor), id) == 0, 10000);
  bar = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (fixture.editor), SB_TYPE_MESSAGE_EDITOR,
                                                     "save_failed_revealer"));
  reason = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture.editor), SB_TYPE_MESSAGE_EDITOR,
                                                     "save_failed_label"));
  g_assert_false (gtk_revealer_get_reveal_child (bar));

  /* Another program holds the campaign file in a write transaction. */
  locker = sb_store_open (fixture.path, SB_STORE_OPEN_NO_CHECK, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_begin (locker, &error));
  g_assert_no_error (error);

  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (message_text (&fixture), &end);
    gtk_text_buffer_insert (message_text (&fixture), &end, ", we have not forgotten you", -1);
  }
  g_assert_true (wait_until (save_failed_cb, &fixture, 15000));
  SB_TEST_RUN_UNTIL (gtk_revealer_get_reveal_child (bar) && gtk_widget_get_mapped (GTK_WIDGET (reason)), 10000);

  /* The bar says what went wrong; the form keeps the text; the file has the old. */
  g_assert_true (gtk_revealer_get_reveal_child (bar));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (reason)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (reason),
                                   sb_message_editor_get_save_error (fixture.editor)->message));
  {
    g_autofree char *text = sb_test_visible_text (fixture.editor);
    g_autofree char *form = form_text (&fixture);
    g_autofree char *saved = saved_text (&fixture, id);

    g_assert_nonnull (strstr (text, _("Not saved yet: what you typed stays here")));
    g_assert_cmpstr (form, ==, "Dear Sokha, we have not forgotten you");
    g_assert_cmpstr (saved, ==, "Dear Sokha");
  }
  g_assert_cmpuint (sb_test_save_screenshot (fixture.window, shot), >, 200);

  /* Moving to another card keeps this one open rather than drop what is typed. */
  {
    gint64 before = g_get_monotonic_time ();

    sb_messages_page_show_message (fixture.page, other);
    /* One more try waits for the other program, as every try does. */
    g_test_message ("a save tried while the file is held took %.1f s",
                    (g_get_monotonic_time () - before) / 1e6);
  }
  sb_test_run_main_loop_for (200);
  g_assert_cmpstr (sb_message_editor_get_message_id (fixture.editor), ==, id);

  /* Quitting (Ctrl+Q) asks instead of closing; Keep Editing goes back. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (wait_until (dialog_shown_cb, NULL, 10000));
  dialog = shown_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("What You Typed Is Not Saved"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.window)));
  sb_test_wait_for_frame (dialog);
  g_assert_cmpuint (sb_test_save_screenshot (dialog, close_shot), >, 50);
  click (sb_test_find_button_labelled (dialog, _("_Keep Editing")));
  g_assert_true (wait_until (dialog_gone_cb, NULL, 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.window)));

  /* Closing the window asks too. */
  gtk_window_close (GTK_WINDOW (fixture.window));
  g_assert_true (wait_until (dialog_shown_cb, NULL, 10000));
  click (sb_test_find_button_labelled (shown_dialog (), _("_Keep Editing")));
  g_assert_true (wait_until (dialog_gone_cb, NULL, 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.window)));

  /* The other program lets go: the next try saves it, and the bar goes. */
  sb_store_rollback (locker);
  sb_store_close (locker);
  g_assert_true (wait_until (saved_again_cb, &fixture, 15000));
  SB_TEST_RUN_UNTIL (!gtk_revealer_get_reveal_child (bar) &&
                     sb_message_editor_get_save_error (fixture.editor) == NULL, 10000);
  g_assert_false (gtk_revealer_get_reveal_child (bar));
  g_assert_null (sb_message_editor_get_save_error (fixture.editor));

  /* Nothing left unsaved: the window closes without asking. */
  g_object_ref (fixture.window);
  gtk_window_close (GTK_WINDOW (fixture.window));
  SB_TEST_RUN_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (fixture.window)), 10000);
  g_assert_null (shown_dialog ());
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture.window)));
  g_clear_object (&fixture.window);
  fixture_close (&fixture);
}

/* ------------------------------------------------------------------------ */
/* A review that cannot be written                                          */
/* ------------------------------------------------------------------------ */

static gboolean
saved_typed_cb (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *saved = saved_text (fixture, g_object_get_data (G_OBJECT (fixture->editor), "test-id"));

  return g_str_equal (saved, "Dear Sokha, stay strong");
}

/* A toast on screen says the expected words (libadwaita 1.2 shows each toast in an
 * AdwToastWidget). */
static gboolean
toast_shown_cb (gpointer data)
{
  Fixture *fixture = data;
  GType toast_type = g_type_from_name ("AdwToastWidget");
  g_autoptr(GPtrArray) toasts = g_ptr_array_new ();

  if (toast_type == 0)
    return FALSE;
  sb_test_collect_visible (GTK_WIDGET (fixture->window), toast_type, toasts);
  for (guint i = 0; i < toasts->len; i++)
    {
      g_autofree char *text = sb_test_visible_text (g_ptr_array_index (toasts, i));

      if (strstr (text, g_object_get_data (G_OBJECT (fixture->editor), "test-expected")) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Done while another program holds the campaign file: the person is told why in a
 * toast, the message stays as it was and what was typed stays in the form. */
static void
test_review_write_failed (void)
{
  Fixture fixture = { 0, };
  g_autofree char *id = NULL;
  g_autofree char *shot = g_strdup_printf ("editor-review-failed-%s.png", sb_interface_language ());
  g_autoptr(SbStore) locker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(SbMessage) stored = NULL;

  fixture_open (&fixture);
  id = add_message (fixture.campaign, "Dear Sokha");
  g_object_set_data (G_OBJECT (fixture.editor), "test-id", id);
  sb_messages_page_show_message (fixture.page, id);
  SB_TEST_RUN_UNTIL (g_strcmp0 (sb_message_editor_get_message_id (fixture.editor), id) == 0, 10000);
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (message_text (&fixture), &end);
    gtk_text_buffer_insert (message_text (&fixture), &end, ", stay strong", -1);
  }
  g_assert_true (wait_until (saved_typed_cb, &fixture, 5000));

  /* Another program holds the campaign file in a write transaction. What the
   * campaign itself says of it is what the person must see. */
  locker = sb_store_open (fixture.path, SB_STORE_OPEN_NO_CHECK, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_begin (locker, &error));
  g_assert_no_error (error);
  g_assert_false (sb_campaign_mark_transcribed (fixture.campaign, id, &expected));
  g_assert_error (expected, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED);
  g_object_set_data (G_OBJECT (fixture.editor), "test-expected", expected->message);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.done-next", NULL));
  g_assert_true (wait_until (toast_shown_cb, &fixture, 10000));
  g_assert_cmpuint (sb_test_save_screenshot (fixture.window, shot), >, 200);
  {
    g_autofree char *form = form_text (&fixture);

    g_assert_cmpstr (form, ==, "Dear Sokha, stay strong");
  }
  g_assert_cmpstr (sb_message_editor_get_message_id (fixture.editor), ==, id);
  g_assert_null (sb_message_editor_get_save_error (fixture.editor));
  stored = sb_campaign_get_message (fixture.campaign, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->status, ==, "new");
  g_assert_cmpstr (stored->original_text, ==, "Dear Sokha, stay strong");

  /* Once the other program lets go, the same click goes through. */
  sb_store_rollback (locker);
  sb_store_close (locker);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.done-next", NULL));
  SB_TEST_RUN_UNTIL (status_is (&fixture, id, "transcribed"), 10000);
  g_clear_pointer (&stored, sb_message_free);
  stored = sb_campaign_get_message (fixture.campaign, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->status, ==, "transcribed");
  g_assert_cmpstr (stored->original_text, ==, "Dear Sokha, stay strong");
  fixture_close (&fixture);
}

/* Delete, then the toast's Undo: the same message is back, and open again (the
 * Undo remembers which message it was, whatever is shown by then). */
static void
test_delete_undo (void)
{
  Fixture fixture = { 0, };
  g_autofree char *id = NULL;
  g_autoptr(SbMessage) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *undo;

  fixture_open (&fixture);
  id = add_message (fixture.campaign, "Dear Sokha, stay strong");
  sb_messages_page_show_message (fixture.page, id);
  sb_test_run_main_loop_for (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "editor.delete", NULL));
  sb_test_run_main_loop_for (300);
  stored = sb_campaign_get_message (fixture.campaign, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->status, ==, "deleted");
  g_clear_pointer (&stored, sb_message_free);

  undo = sb_test_find_button_labelled (GTK_WIDGET (fixture.window), _("_Undo"));
  g_assert_nonnull (undo);
  click (undo);
  sb_test_run_main_loop_for (300);
  stored = sb_campaign_get_message (fixture.campaign, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->status, ==, "new");
  g_assert_cmpstr (stored->original_text, ==, "Dear Sokha, stay strong");
  g_assert_cmpstr (sb_message_editor_get_message_id (fixture.editor), ==, id);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);
  /* Keys and clicks go through the X server. */
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_print ("SKIP: these tests press keys through XTest and need an X11 display (GDK_BACKEND=x11)\n");
      return 77;
    }

  g_test_add_func ("/gui/editor/hold-dialog", test_hold_dialog);
  g_test_add_func ("/gui/editor/save-ceiling", test_save_ceiling);
  g_test_add_func ("/gui/editor/save-failed", test_save_failed);
  g_test_add_func ("/gui/editor/review-write-failed", test_review_write_failed);
  g_test_add_func ("/gui/editor/delete-undo", test_delete_undo);

  return sb_test_gui_run ();
}
