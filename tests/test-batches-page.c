/* test-batches-page.c — the Batches section in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script): opens the demo campaign, looks at
 * its batches, takes a new batch for Prey Sar through its whole life (create, seal,
 * hand over, all delivered) as a coordinator would, saves its manifest through the
 * Save path and checks the PDF, and saves screenshots in the interface language
 * (batches-en.png, batch-view-en.png, or -km) next to the test binary.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-batch-view.h"
#include "sb-batches-page.h"
#include "sb-batches.h"
#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-names.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;

/* The newest toplevel of @type that is shown (a dialog the page just opened). */
static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

static gpointer
child_of (GtkWidget  *widget,
          const char *name)
{
  return gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), name);
}

static SbBatch *
current_batch (SbCampaign    *campaign,
               SbBatchesPage *page)
{
  g_assert_nonnull (sb_batches_page_get_selected (page));
  return sb_campaign_get_batch (campaign, sb_batches_page_get_selected (page), NULL);
}

/* Whether the batch selected on @page is in @state, shown in @view (its code too, once
 * it has one). */
static gboolean
shows_batch_in_state (SbCampaign    *campaign,
                      SbBatchesPage *page,
                      SbBatchView   *view,
                      const char    *state)
{
  const char *id = sb_batches_page_get_selected (page);
  g_autoptr(SbBatch) batch = id != NULL ? sb_campaign_get_batch (campaign, id, NULL) : NULL;

  return batch != NULL && g_strcmp0 (batch->state, state) == 0 &&
         g_strcmp0 (sb_batch_view_get_batch_id (view), batch->id) == 0 &&
         (batch->code == NULL || sb_test_shows_text (view, batch->code));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!sb_batch_view_save_document_finish (SB_BATCH_VIEW (source), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (source, "test-done", GINT_TO_POINTER (1));
}

static gboolean
save_manifest (SbBatchView  *view,
               const char   *path,
               GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_object_set_data (G_OBJECT (view), "test-done", NULL);
  sb_batch_view_save_document_async (view, SB_BATCH_DOCUMENT_MANIFEST, file, NULL, saved_cb, error);
  while (g_object_get_data (G_OBJECT (view), "test-done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *error == NULL;
}

/* ------------------------------------------------------------------------ */

static void
test_batch_life (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-batches-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.sambot", NULL);
  g_autofree char *pdf = g_build_filename (dir, "manifest.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *shot_list = g_strdup_printf ("batches-%s.png", sb_interface_language ());
  g_autofree char *shot_view = g_strdup_printf ("batch-view-%s.png", sb_interface_language ());
  g_autofree char *text = NULL;
  g_autoptr(SbStats) before = NULL;
  g_autoptr(SbStats) after = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  SbWindow *window;
  SbCampaign *campaign;
  SbBatchesPage *page;
  SbBatchView *view;
  AdwMessageDialog *dialog;
  GtkDropDown *dropdown;
  GtkWidget *handover;
  GtkWidget *view_pane;
  GListModel *names;
  int status = -1;
  guint prey_sar = G_MAXUINT;

  g_assert_true (sb_demo_create (path, &error));
  g_assert_no_error (error);
  window = sb_test_open_window (file, 1280, 800);
  campaign = sb_window_get_campaign (window);
  adw_view_stack_set_visible_child_name (sb_test_find_first (window, ADW_TYPE_VIEW_STACK), "batches");
  SB_TEST_RUN_UNTIL ((page = sb_test_find_first (window, SB_TYPE_BATCHES_PAGE)) != NULL &&
                     sb_test_shows_text (page, "PJ-2016-10-06-01"), 10000);
  sb_test_wait_for_frame (window);

  /* The demo's batches are listed with their states. */
  page = sb_test_find_first (window, SB_TYPE_BATCHES_PAGE);
  g_assert_nonnull (page);
  text = sb_test_visible_text (page);
  batches = sb_campaign_list_batches (campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "PJ-2016-10-06-01"));
  g_assert_nonnull (strstr (text, "PS-2016-10-05-01"));
  g_assert_nonnull (strstr (text, sb_batch_state_label ("draft")));
  g_assert_nonnull (strstr (text, sb_batch_state_label ("handed_over")));
  g_assert_nonnull (strstr (text, sb_batch_state_label ("closed")));

  /* A handed-over batch beside the list. */
  for (guint i = 0; i < batches->len; i++)
    if (g_strcmp0 (((SbBatch *) g_ptr_array_index (batches, i))->code, "PS-2016-10-05-01") == 0)
      sb_batches_page_select_batch (page, ((SbBatch *) g_ptr_array_index (batches, i))->id);
  /* At this width the list and the batch sit side by side (once laid out). */
  view_pane = child_of (GTK_WIDGET (page), "view_pane");
  SB_TEST_RUN_UNTIL (gtk_widget_get_width (GTK_WIDGET (view_pane)) > 0 &&
                     !adw_leaflet_get_folded (child_of (GTK_WIDGET (page), "leaflet")), 10000);
  g_assert_false (adw_leaflet_get_folded (child_of (GTK_WIDGET (page), "leaflet")));
  view = child_of (GTK_WIDGET (page), "batch_view");
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_child_visible (view_pane));
  g_clear_pointer (&text, g_free);
  text = sb_test_visible_text (view);
  g_assert_nonnull (strstr (text, "PS-2016-10-05-01"));
  g_assert_nonnull (strstr (text, "Ny Sokha"));
  sb_test_save_screenshot (window, shot_list);

  /* New Batch… for Prey Sar. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "batches.new", NULL));
  SB_TEST_WAIT_UNTIL ((dialog = find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                      10000, "the dialog");
  dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  names = gtk_drop_down_get_model (dropdown);
  /* Facilities are named in the interface language. */
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Prey Sar") ||
        strstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "ព្រៃស"))
      prey_sar = i;
  g_assert_cmpuint (prey_sar, !=, G_MAXUINT);
  gtk_drop_down_set_selected (dropdown, prey_sar);
  adw_message_dialog_response (dialog, "create");
  SB_TEST_RUN_UNTIL (shows_batch_in_state (campaign, page, view, "draft"), 10000);
  batch = current_batch (campaign, page);
  g_assert_cmpstr (batch->state, ==, "draft");
  g_assert_cmpstr (sb_batch_view_get_batch_id (view), ==, batch->id);

  /* Its first item taken out by the item's own button (the action names the copy by
   * its message and detainee): the draft holds one fewer, and that copy is back to
   * waiting (or to what the facility last did with it). */
  {
    g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, &error);
    g_autoptr(GPtrArray) left = NULL;
    g_autoptr(GPtrArray) copies = NULL;
    SbBatchItem *first;

    g_assert_no_error (error);
    g_assert_cmpuint (items->len, >, 1);
    first = g_ptr_array_index (items, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "batch.remove-item", "(ss)",
                                               first->message_id, first->detainee_id));
    left = sb_campaign_list_batch_items (campaign, batch->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (left->len, ==, items->len - 1);
    for (guint i = 0; i < left->len; i++)
      g_assert_false (g_str_equal (((SbBatchItem *) g_ptr_array_index (left, i))->message_id, first->message_id) &&
                      g_str_equal (((SbBatchItem *) g_ptr_array_index (left, i))->detainee_id, first->detainee_id));
    copies = sb_campaign_list_copies (campaign, first->message_id, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < copies->len; i++)
      if (g_str_equal (((SbCopy *) g_ptr_array_index (copies, i))->detainee_id, first->detainee_id))
        g_assert_cmpstr (((SbCopy *) g_ptr_array_index (copies, i))->state, !=, "in_batch");
  }

  /* Seal, after the confirmation that says the items freeze. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "batch.seal", NULL));
  SB_TEST_WAIT_UNTIL ((dialog = find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                      10000, "the dialog");
  adw_message_dialog_response (dialog, "seal");
  SB_TEST_RUN_UNTIL (shows_batch_in_state (campaign, page, view, "sealed"), 10000);
  g_clear_pointer (&batch, sb_batch_free);
  batch = current_batch (campaign, page);
  g_assert_cmpstr (batch->state, ==, "sealed");
  g_assert_nonnull (batch->code);
  g_assert_true (g_str_has_prefix (batch->code, "PS-"));
  g_clear_pointer (&text, g_free);
  text = sb_test_visible_text (view);
  g_assert_nonnull (strstr (text, batch->code));
  sb_test_save_screenshot (window, shot_view);

  /* Hand over: a wrong time is flagged inline; then the person at the prison. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "batch.hand-over", NULL));
  SB_TEST_WAIT_UNTIL ((handover = find_window (ADW_TYPE_WINDOW)) != NULL,
                      10000, "the handover dialog");
  gtk_editable_set_text (child_of (handover, "received_row"),
                         "Keo Sophal");
  gtk_editable_set_text (child_of (handover, "position_row"),
                         "Deputy director");
  gtk_editable_set_text (child_of (handover, "when_row"),
                         "yesterday");
  g_assert_true (gtk_widget_get_visible (child_of (handover, "error_label")));
  g_clear_pointer (&text, g_free);
  text = g_date_time_format (now, "%Y-%m-%d %H:%M");
  gtk_editable_set_text (child_of (handover, "when_row"), text);
  g_assert_false (gtk_widget_get_visible (child_of (handover, "error_label")));
  g_assert_true (gtk_widget_activate_action (handover, "handover.confirm", NULL));
  SB_TEST_RUN_UNTIL (shows_batch_in_state (campaign, page, view, "handed_over"), 10000);
  g_clear_pointer (&batch, sb_batch_free);
  batch = current_batch (campaign, page);
  g_assert_cmpstr (batch->state, ==, "handed_over");
  g_assert_cmpstr (batch->received_by, ==, "Keo Sophal");

  /* The manifest, through the Save path: a sound PDF. */
  g_assert_true (save_manifest (view, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  {
    const char *argv[] = { "qpdf", "--check", pdf, NULL };
    g_autofree char *out = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* An unwritable path is refused with the render layer's message. */
  g_assert_false (save_manifest (view, "/proc/sambot/manifest.pdf", &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* One item came back, from its menu; then all delivered: the batch closes and the
   * campaign's figures follow. */
  {
    g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, &error);
    g_autoptr(GPtrArray) after_return = NULL;
    SbBatchItem *first;

    g_assert_no_error (error);
    first = g_ptr_array_index (items, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "batch.return-item", "(ss)",
                                               first->message_id, first->detainee_id));
    after_return = sb_campaign_list_batch_items (campaign, batch->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((SbBatchItem *) g_ptr_array_index (after_return, 0))->outcome, ==, "returned");
    for (guint i = 1; i < after_return->len; i++)
      g_assert_cmpstr (((SbBatchItem *) g_ptr_array_index (after_return, i))->outcome, ==, "");
  }
  before = sb_campaign_get_stats (campaign, today, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "batch.all-delivered", NULL));
  SB_TEST_RUN_UNTIL (shows_batch_in_state (campaign, page, view, "closed"), 10000);
  after = sb_campaign_get_stats (campaign, today, &error);
  g_assert_no_error (error);
  g_clear_pointer (&batch, sb_batch_free);
  batch = current_batch (campaign, page);
  g_assert_cmpstr (batch->state, ==, "closed");
  g_assert_cmpint (after->copies_delivered, >, before->copies_delivered);
  g_assert_cmpint (after->messages_delivered, >, before->messages_delivered);
  g_clear_pointer (&text, g_free);
  text = sb_test_visible_text (view);
  g_assert_nonnull (strstr (text, sb_batch_state_label ("closed")));

  /* Closing the campaign takes every section back to nothing; the window itself stays
   * until the application goes (the Dashboard page leaves children at finalization,
   * which a fatal warning would turn into a failure of this test). */
  sb_window_close_campaign (window);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  sb_test_run_main_loop_for (100);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (pdf);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add_func ("/gui/batches/life", test_batch_life);

  return sb_test_gui_run ();
}
