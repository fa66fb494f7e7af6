/* test-places.c — places of detention and partner offices, and a campaign's first day,
 * in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script). A new campaign, as a coordinator meets
 * it: what Messages and Detainees say before anyone is added; a prison and an office
 * added and edited through the Places section, with the core's refusals shown as they
 * are typed; New Batch with no place and with nothing waiting; "Held At" offering the
 * places and a way to add one. Screenshots in the interface language (places-en.png…)
 * are saved next to the test binary.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-batches-page.h"
#include "sb-campaign.h"
#include "sb-detainee-editor.h"
#include "sb-detainees-page.h"
#include "sb-facility-editor.h"
#include "sb-message-editor.h"
#include "sb-messages-page.h"
#include "sb-names.h"
#include "sb-office-editor.h"
#include "sb-places-page.h"
#include "sb-test-campaign.h"
#include "sb-test-gui.h"
#include "sb-window.h"

static SbApplication *app;

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  SbWindow   *window;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->campaign = sb_test_campaign_new ("sambot-places-XXXXXX", &f->dir, &f->path);
  f->window = sb_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    g_main_context_iteration (NULL, TRUE);
  sb_window_set_campaign (f->window, f->campaign);
  sb_test_wait_for_frame (f->window);
  sb_test_wait_for_transitions (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  sb_window_close_campaign (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_run_main_loop_for (50);
  g_clear_object (&f->campaign);
  g_remove (f->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
show_section (Fixture    *f,
              const char *name)
{
  adw_view_stack_set_visible_child_name (sb_test_find_first (f->window, ADW_TYPE_VIEW_STACK), name);
  sb_test_wait_for_frame (f->window);
  sb_test_wait_for_transitions (f->window);
}

static gboolean
has_text (gpointer    widget,
          const char *text)
{
  g_autofree char *all = sb_test_visible_text (widget);

  return strstr (all, text) != NULL;
}

static gboolean
can_save (GtkWidget *editor)
{
  GtkWidget *save = sb_test_find_action_button (editor, "editor.save");

  g_assert_nonnull (save);
  return gtk_widget_get_sensitive (save);
}

/* What the core says of a place named @name with @code, as a form would show it. */
static char *
core_refusal (Fixture    *f,
              const char *code,
              const char *name)
{
  g_autoptr(SbFacility) facility = sb_facility_new ();
  g_autoptr(GError) error = NULL;

  sb_test_set (&facility->code, code);
  sb_test_set (&facility->name_en, name);
  sb_test_set (&facility->kind, "prison");
  facility->items_per_batch = 50;
  g_assert_false (sb_campaign_validate_facility (f->campaign, facility, NULL, &error));
  return g_strdup (error->message);
}

static gboolean
message_status_is (SbCampaign *campaign,
                   const char *id,
                   const char *status)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, NULL);

  return message != NULL && g_strcmp0 (message->status, status) == 0;
}

static char *
shot_name (const char *what)
{
  return g_strdup_printf ("places-%s-%s.png", what, sb_interface_language ());
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* A new campaign says what to do first, in Detainees and in Messages, and each
 * step moves it on. */
static void
test_empty_campaign (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *shot_detainees = shot_name ("empty-detainees");
  g_autofree char *shot_messages = shot_name ("empty-messages");
  GtkWidget *place_button, *detainee_button;

  /* Detainees (where a campaign opens): a place first, then the people. */
  g_assert_true (has_text (f->window, _("No Detainees Yet")));
  place_button = sb_test_find_action_button (f->window, "detainees.add-facility");
  detainee_button = sb_test_find_action_button (f->window, "detainees.add");
  g_assert_nonnull (place_button);
  g_assert_nonnull (detainee_button);
  g_assert_true (gtk_widget_has_css_class (place_button, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (detainee_button, "suggested-action"));
  sb_test_save_screenshot (f->window, shot_detainees);

  /* Messages: no empty list beside a greyed card, but the same first steps. */
  show_section (f, "messages");
  g_assert_true (has_text (f->window, _("First, the Detainees")));
  g_assert_null (sb_test_find_first (f->window, SB_TYPE_MESSAGES_PAGE));
  g_assert_nonnull (sb_test_find_action_button (f->window, "win.add-facility"));
  g_assert_nonnull (sb_test_find_action_button (f->window, "win.add-detainee"));
  g_assert_cmpuint (sb_test_save_screenshot (f->window, shot_messages), >, 50);

  /* Its button opens the place's editor. */
  g_signal_emit_by_name (sb_test_find_action_button (f->window, "win.add-facility"), "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR) != NULL, 10000);
  g_assert_nonnull (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR));
  gtk_window_destroy (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR));

  /* A place added: the next step is the detainees. */
  {
    g_autoptr(SbFacility) facility = sb_facility_new ();
    g_autoptr(GError) error = NULL;

    sb_test_set (&facility->code, "PS");
    sb_test_set (&facility->name_en, "Prey Sar Prison");
    g_assert_true (sb_campaign_add_facility (f->campaign, facility, &error));
    g_assert_no_error (error);
  }
  SB_TEST_RUN_UNTIL (sb_test_find_action_button (f->window, "win.add-facility") == NULL &&
                     sb_test_find_action_button (f->window, "win.add-detainee") != NULL, 10000);
  g_assert_null (sb_test_find_action_button (f->window, "win.add-facility"));
  detainee_button = sb_test_find_action_button (f->window, "win.add-detainee");
  g_assert_true (gtk_widget_has_css_class (detainee_button, "suggested-action"));
  g_signal_emit_by_name (detainee_button, "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_DETAINEE_EDITOR) != NULL, 10000);
  g_assert_nonnull (sb_test_find_toplevel (SB_TYPE_DETAINEE_EDITOR));
  gtk_window_destroy (sb_test_find_toplevel (SB_TYPE_DETAINEE_EDITOR));

  /* Someone to write to: Messages is the transcription desk again. */
  g_free (sb_test_add_detainee (f->campaign, "Ny Sokha", "នី សុខា"));
  SB_TEST_RUN_UNTIL (!has_text (f->window, _("First, the Detainees")) &&
                     sb_test_find_first (f->window, SB_TYPE_MESSAGES_PAGE) != NULL, 10000);
  sb_test_wait_for_transitions (f->window);
  g_assert_false (has_text (f->window, _("First, the Detainees")));
  g_assert_nonnull (sb_test_find_first (f->window, SB_TYPE_MESSAGES_PAGE));
}

/* A prison added and edited in the Places section, every refusal of the core shown
 * as it is typed, Save on only for what the core takes. */
static void
test_facility (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *shot_editor = shot_name ("facility-error");
  g_autofree char *shot_page = shot_name ("section");
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *taken = NULL;
  SbPlacesPage *page;
  GtkWidget *editor;
  GtkWidget *code_row;
  GtkTextView *rules;
  SbFacility *saved;

  show_section (f, "places");
  page = sb_test_find_first (f->window, SB_TYPE_PLACES_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "places.add-facility", NULL));
  SB_TEST_WAIT_UNTIL ((editor = sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR)) != NULL,
                      10000, "the editor");

  /* Nothing typed: nothing to save, and nothing scolded. */
  g_assert_false (can_save (editor));
  g_assert_false (has_text (editor, _("Facility code")));

  sb_test_type_into (editor, _("English Name"), "Prey Sar Prison");
  sb_test_type_into (editor, _("Khmer Name"), "ពន្ធនាគារព្រៃស");
  sb_test_type_into (editor, _("Code"), "PS-1");

  /* The core's own words for the code it would refuse, beside a highlighted row. */
  refused = core_refusal (f, "PS-1", "Prey Sar Prison");
  g_assert_true (has_text (editor, refused));
  code_row = sb_test_find_row (editor, _("Code"));
  g_assert_true (gtk_widget_has_css_class (code_row, "error"));
  g_assert_false (can_save (editor));
  sb_test_save_screenshot (editor, shot_editor);

  /* Small letters are taken as capitals, as the code is printed. */
  sb_test_type_into (editor, _("Code"), "ps");
  g_assert_false (gtk_widget_has_css_class (code_row, "error"));
  g_assert_true (can_save (editor));
  adw_combo_row_set_selected (ADW_COMBO_ROW (sb_test_find_row (editor, _("Kind"))), 0);
  sb_test_type_into (editor, _("Address"), "Prey Sar, Dangkao, Phnom Penh");
  gtk_spin_button_set_value (sb_test_find_first (editor, GTK_TYPE_SPIN_BUTTON), 40);
  rules = sb_test_find_first (editor, GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (rules),
                            "Khmer only.\nNo pictures, no envelopes.", -1);
  sb_test_wait_for_frame (editor);
  g_assert_true (can_save (editor));
  g_signal_emit_by_name (sb_test_find_action_button (editor, "editor.save"), "clicked");
  SB_TEST_WAIT_UNTIL (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR) == NULL, 10000,
                      "the facility editor to close");

  facilities = sb_campaign_list_facilities (f->campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facilities->len, ==, 1);
  saved = g_ptr_array_index (facilities, 0);
  g_assert_cmpstr (saved->code, ==, "PS");
  g_assert_cmpstr (saved->name_en, ==, "Prey Sar Prison");
  g_assert_cmpstr (saved->name_km, ==, "ពន្ធនាគារព្រៃស");
  g_assert_cmpstr (saved->kind, ==, "prison");
  g_assert_cmpstr (saved->address, ==, "Prey Sar, Dangkao, Phnom Penh");
  g_assert_cmpint (saved->items_per_batch, ==, 40);
  g_assert_cmpstr (saved->rules, ==, "Khmer only.\nNo pictures, no envelopes.");

  /* Listed in the section, in the interface language. */
  g_assert_true (has_text (page, sb_facility_get_name (saved)));

  /* A second place may not take the same code. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "places.add-facility", NULL));
  SB_TEST_RUN_UNTIL ((editor = sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR)) != NULL, 10000);
  sb_test_type_into (editor, _("English Name"), "Police Judiciaire");
  sb_test_type_into (editor, _("Code"), "PS");
  taken = core_refusal (f, "PS", "Police Judiciaire");
  g_assert_true (has_text (editor, taken));
  g_assert_false (can_save (editor));
  sb_test_type_into (editor, _("Code"), "PJ");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sb_test_find_row (editor, _("Kind"))), 1);
  g_assert_true (can_save (editor));
  g_signal_emit_by_name (sb_test_find_action_button (editor, "editor.save"), "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR) == NULL, 10000);
  sb_test_wait_for_frame (f->window);
  sb_test_save_screenshot (f->window, shot_page);

  /* Edited from its row: the form holds what was saved, and keeps its own code. */
  g_signal_emit_by_name (sb_test_find_row (page, sb_facility_get_name (saved)), "activated");
  SB_TEST_WAIT_UNTIL ((editor = sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR)) != NULL,
                      10000, "the editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sb_test_find_row (editor, _("Code")))),
                   ==, "PS");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (sb_test_find_first (editor, GTK_TYPE_SPIN_BUTTON)), ==, 40);
  g_assert_true (can_save (editor));
  sb_test_type_into (editor, _("English Name"), "Prey Sar (CC1)");
  g_signal_emit_by_name (sb_test_find_action_button (editor, "editor.save"), "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR) == NULL, 10000);
  {
    g_autoptr(SbFacility) edited = sb_campaign_get_facility (f->campaign, "PS", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (edited->name_en, ==, "Prey Sar (CC1)");
    g_assert_cmpstr (edited->rules, ==, "Khmer only.\nNo pictures, no envelopes.");
  }
  g_assert_true (has_text (page, "Police Judiciaire"));
}

static void
test_office (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *shot_editor = shot_name ("office");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbOffice) office = NULL;
  SbPlacesPage *page;
  GtkWidget *editor;

  show_section (f, "places");
  page = sb_test_find_first (f->window, SB_TYPE_PLACES_PAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "places.add-office", NULL));
  SB_TEST_WAIT_UNTIL ((editor = sb_test_find_toplevel (SB_TYPE_OFFICE_EDITOR)) != NULL,
                      10000, "the editor");
  g_assert_false (can_save (editor));

  sb_test_type_into (editor, _("Name"), "Phnom Penh office");
  sb_test_type_into (editor, _("Code"), "P P");
  g_assert_true (gtk_widget_has_css_class (sb_test_find_row (editor, _("Code")), "error"));
  g_assert_false (can_save (editor));
  sb_test_type_into (editor, _("Code"), "pp");
  sb_test_type_into (editor, _("City"), "Phnom Penh");
  g_assert_true (can_save (editor));
  sb_test_save_screenshot (editor, shot_editor);
  g_signal_emit_by_name (sb_test_find_action_button (editor, "editor.save"), "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_OFFICE_EDITOR) == NULL, 10000);
  g_assert_null (sb_test_find_toplevel (SB_TYPE_OFFICE_EDITOR));

  office = sb_campaign_get_office (f->campaign, "PP", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->name, ==, "Phnom Penh office");
  g_assert_cmpstr (office->city, ==, "Phnom Penh");
  g_assert_true (has_text (page, "Phnom Penh office"));

  /* Edited from its row; a city on two lines is refused as the command line refuses it. */
  g_signal_emit_by_name (sb_test_find_row (page, "Phnom Penh office"), "activated");
  SB_TEST_RUN_UNTIL ((editor = sb_test_find_toplevel (SB_TYPE_OFFICE_EDITOR)) != NULL, 10000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sb_test_find_row (editor, _("City")))),
                   ==, "Phnom Penh");
  sb_test_type_into (editor, _("City"), "Phnom\nPenh");
  g_assert_true (gtk_widget_has_css_class (sb_test_find_row (editor, _("City")), "error"));
  g_assert_false (can_save (editor));
  sb_test_type_into (editor, _("City"), "Phnom Penh (ADHOC)");
  g_signal_emit_by_name (sb_test_find_action_button (editor, "editor.save"), "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_OFFICE_EDITOR) == NULL, 10000);
  g_clear_pointer (&office, sb_office_free);
  office = sb_campaign_get_office (f->campaign, "PP", &error);
  g_assert_cmpstr (office->city, ==, "Phnom Penh (ADHOC)");
}

/* New Batch says why it cannot make a batch: no place, or nothing waiting there. */
static void
test_new_batch (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *shot_none = shot_name ("new-batch-no-place");
  g_autofree char *shot_nothing = shot_name ("new-batch-nothing-waiting");
  SbBatchesPage *page;
  AdwMessageDialog *dialog;

  show_section (f, "batches");
  page = sb_test_find_first (f->window, SB_TYPE_BATCHES_PAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "batches.new", NULL));
  SB_TEST_WAIT_UNTIL ((dialog = sb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL,
                      10000, "the dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("No Place of Detention Yet"));
  g_assert_true (adw_message_dialog_has_response (dialog, "add-facility"));
  g_assert_false (adw_message_dialog_has_response (dialog, "create"));
  sb_test_save_screenshot (dialog, shot_none);
  adw_message_dialog_response (dialog, "add-facility");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR) != NULL, 10000);
  g_assert_nonnull (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR));
  gtk_window_destroy (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR));

  /* A place with nobody's messages waiting: said, and Create is off. */
  {
    g_autoptr(SbFacility) facility = sb_facility_new ();
    g_autoptr(GError) error = NULL;

    sb_test_set (&facility->code, "PS");
    sb_test_set (&facility->name_en, "Prey Sar Prison");
    g_assert_true (sb_campaign_add_facility (f->campaign, facility, &error));
    g_assert_no_error (error);
  }
  sb_test_wait_for_frame (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "batches.new", NULL));
  SB_TEST_RUN_UNTIL ((dialog = sb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL &&
                     g_strcmp0 (adw_message_dialog_get_heading (dialog), _("New Batch")) == 0, 10000);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("New Batch"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Prey Sar Prison"));
  sb_test_save_screenshot (dialog, shot_nothing);
  adw_message_dialog_response (dialog, "cancel");
  sb_test_run_main_loop_for (200);
}

/* "Held At" lists the places and adds one; the one added is chosen. */
static void
test_held_at (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *shot = shot_name ("held-at");
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  SbDetaineesPage *page;
  GtkWidget *editor, *place_editor, *name_row;
  AdwComboRow *held_at;
  GListModel *names;

  page = sb_test_find_first (f->window, SB_TYPE_DETAINEES_PAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "detainees.add", NULL));
  SB_TEST_RUN_UNTIL ((editor = sb_test_find_toplevel (SB_TYPE_DETAINEE_EDITOR)) != NULL, 10000);
  held_at = ADW_COMBO_ROW (sb_test_find_row (editor, _("Held At")));
  names = adw_combo_row_get_model (held_at);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 1);
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (held_at)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (held_at)), !=, "");
  sb_test_save_screenshot (editor, shot);

  sb_test_type_into (editor, _("English Name"), "Lim Mony");
  g_signal_emit_by_name (sb_test_find_action_button (editor, "editor.add-facility"), "clicked");
  SB_TEST_WAIT_UNTIL ((place_editor = sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR)) != NULL,
                      10000, "the place editor");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (place_editor)) == GTK_WINDOW (editor));
  sb_test_type_into (place_editor, _("English Name"), "Correctional Centre 2");
  sb_test_type_into (place_editor, _("Code"), "CC2");
  g_signal_emit_by_name (sb_test_find_action_button (place_editor, "editor.save"), "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR) == NULL, 10000);
  g_assert_null (sb_test_find_toplevel (SB_TYPE_FACILITY_EDITOR));

  /* The detainee's form is as it was, with the new place chosen. */
  name_row = sb_test_find_row (editor, _("English Name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Lim Mony");
  names = adw_combo_row_get_model (held_at);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (held_at), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (held_at)), ==, "");
  g_signal_emit_by_name (sb_test_find_action_button (editor, "editor.save"), "clicked");
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_DETAINEE_EDITOR) == NULL, 10000);

  detainees = sb_campaign_list_detainees (f->campaign, &error);
  facilities = sb_campaign_list_facilities (f->campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detainees->len, ==, 1);
  g_assert_cmpstr (((SbDetainee *) g_ptr_array_index (detainees, 0))->facility_id, ==,
                   ((SbFacility *) g_ptr_array_index (facilities, 0))->id);
}


/* The first postcard of a new campaign: the form offers the detainees and the office
 * added since the campaign opened, and Done, Next on the only card keeps it open. */
static void
test_first_postcard (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  g_autofree char *detainee_id = NULL;
  g_autofree char *id = NULL;
  SbMessageEditor *editor;
  AdwComboRow *office_row;
  GListModel *offices;
  GtkToggleButton *addressee = NULL;

  show_section (f, "messages");
  detainee_id = sb_test_add_detainee (f->campaign, "Ny Sokha", "នី សុខា");
  sb_test_set (&office->code, "PP");
  sb_test_set (&office->name, "Phnom Penh office");
  g_assert_true (sb_campaign_add_office (f->campaign, office, &error));
  g_assert_no_error (error);
  SB_TEST_RUN_UNTIL (sb_test_find_first (f->window, SB_TYPE_MESSAGES_PAGE) != NULL, 10000);
  sb_test_wait_for_transitions (f->window);

  g_assert_true (gtk_widget_activate_action (sb_test_find_first (f->window, SB_TYPE_MESSAGES_PAGE),
                                             "messages.new", NULL));
  SB_TEST_WAIT_UNTIL ((editor = sb_test_find_first (f->window, SB_TYPE_MESSAGE_EDITOR)) != NULL,
                      10000, "the editor");
  id = g_strdup (sb_message_editor_get_message_id (editor));
  g_assert_nonnull (id);

  /* The office added after the campaign opened is offered. */
  office_row = ADW_COMBO_ROW (sb_test_find_row (editor, _("Partner office")));
  offices = adw_combo_row_get_model (office_row);
  g_assert_cmpuint (g_list_model_get_n_items (offices), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (offices), 1), ==, "PP — Phnom Penh office");
  adw_combo_row_set_selected (office_row, 1);

  /* So is the detainee. */
  sb_test_collect_visible (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (toggles, i)),
                   g_str_equal (sb_interface_language (), "km") ? "នី សុខា" : "Ny Sokha") == 0)
      addressee = g_ptr_array_index (toggles, i);
  g_assert_nonnull (addressee);
  gtk_toggle_button_set_active (addressee, TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (sb_test_find_first (editor, GTK_TYPE_TEXT_VIEW)),
                            "Stay strong, the world has not forgotten you.", -1);
  sb_test_wait_for_frame (editor);

  /* Done, Next with nothing else to type: the card stays, typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.done-next", NULL));
  SB_TEST_RUN_UNTIL (message_status_is (f->campaign, id, "transcribed"), 10000);
  g_assert_cmpstr (sb_message_editor_get_message_id (editor), ==, id);
  message = sb_campaign_get_message (f->campaign, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (message->status, ==, "transcribed");
  g_assert_cmpstr (message->office_id, ==, office->id);
  g_assert_true (has_text (editor, message->ref));
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add ("/gui/places/empty-campaign", Fixture, NULL,
              fixture_set_up, test_empty_campaign, fixture_tear_down);
  g_test_add ("/gui/places/facility", Fixture, NULL,
              fixture_set_up, test_facility, fixture_tear_down);
  g_test_add ("/gui/places/office", Fixture, NULL,
              fixture_set_up, test_office, fixture_tear_down);
  g_test_add ("/gui/places/new-batch", Fixture, NULL,
              fixture_set_up, test_new_batch, fixture_tear_down);
  g_test_add ("/gui/places/held-at", Fixture, NULL,
              fixture_set_up, test_held_at, fixture_tear_down);
  g_test_add ("/gui/places/first-postcard", Fixture, NULL,
              fixture_set_up, test_first_postcard, fixture_tear_down);

  return sb_test_gui_run ();
}
