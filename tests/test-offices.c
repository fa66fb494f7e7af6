/* test-offices.c — the Offices section, Invite Office…, Join Campaign… and exchanging
 * through a folder, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script). A coordinator's campaign that never
 * exchanged; an office invited through the dialog; the invitation joined into a second
 * campaign file; a postcard typed there reaching the first window through a temporary
 * exchange folder, by Exchange Now and by itself. Screenshots in the interface language
 * (offices-alone-en.png…) are saved next to the test binary.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-application.h"
#include "sb-campaign.h"
#include "sb-exchange.h"
#include "sb-gui-format.h"
#include "sb-invite-dialog.h"
#include "sb-join-dialog.h"
#include "sb-messages-page.h"
#include "sb-names.h"
#include "sb-offices-page.h"
#include "sb-store-bundle.h"
#include "sb-test-campaign.h"
#include "sb-test-gui.h"
#include "sb-window.h"

#define PASSPHRASE "correct horse battery"
#define POSTCARD "Courage from Kampong Cham, we are with you"

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
show_section (Fixture    *f,
              const char *name)
{
  adw_view_stack_set_visible_child_name (sb_test_find_first (f->window, ADW_TYPE_VIEW_STACK), name);
  sb_test_wait_for_frame (f->window);
  sb_test_wait_for_transitions (f->window);
}

/* Removes @dir and everything in it (campaign files, invitations, the exchange folder). */
static void
remove_all (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_all (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  f->campaign = sb_test_campaign_new ("sambot-offices-XXXXXX", &f->dir, &f->path);
  sb_test_add_detainees (f->campaign);
  sb_test_set (&office->code, "KC");
  sb_test_set (&office->name, "Kampong Cham office");
  sb_test_set (&office->city, "Kampong Cham");
  g_assert_true (sb_campaign_add_office (f->campaign, office, &error));
  g_assert_no_error (error);
  sb_campaign_close (f->campaign);
  g_clear_object (&f->campaign);

  file = g_file_new_for_path (f->path);
  f->window = sb_test_open_window (file, 1100, 760);
  f->campaign = g_object_ref (sb_window_get_campaign (f->window));
  sb_test_wait_for_frame (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_window_close_campaign (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_run_main_loop_for (50);
  g_clear_object (&f->campaign);
  remove_all (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
shot_name (const char *what)
{
  return g_strdup_printf ("offices-%s-%s.png", what, sb_interface_language ());
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (folder != NULL && g_dir_read_name (folder) != NULL)
    n++;
  return n;
}

static void
add_postcard (SbCampaign *campaign,
              const char *text)
{
  g_autoptr(SbMessage) postcard = sb_message_new ();
  g_autoptr(GError) error = NULL;

  sb_test_set (&postcard->original_text, text);
  sb_test_set (&postcard->received_on, "2016-10-09");
  g_assert_true (sb_campaign_add_message (campaign, postcard, &error));
  g_assert_no_error (error);
}

/* Invite Office… in the window: the office KC, the passphrase twice, the file. */
static char *
invite_through_dialog (Fixture *f)
{
  g_autofree char *shot = shot_name ("invite");
  char *invitation = g_build_filename (f->dir, "invitation-KC.sbinvite", NULL);
  SbOfficesPage *page = sb_test_find_first (f->window, SB_TYPE_OFFICES_PAGE);
  GtkWidget *dialog, *create, *error_label;
  AdwComboRow *office_row;
  GListModel *offices;
  guint kc = G_MAXUINT;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "offices.invite", NULL));
  SB_TEST_WAIT_UNTIL ((dialog = sb_test_find_toplevel (SB_TYPE_INVITE_DIALOG)) != NULL, 10000,
                      "the Invite Office dialog");
  sb_test_wait_for_frame (dialog);
  create = sb_test_find_action_button (dialog, "invite.create");
  g_assert_nonnull (create);
  g_assert_false (gtk_widget_get_sensitive (create));

  office_row = ADW_COMBO_ROW (sb_test_find_row (dialog, _("_Office")));
  offices = adw_combo_row_get_model (office_row);
  for (guint i = 0; i < g_list_model_get_n_items (offices); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (offices), i), "KC"))
      kc = i;
  g_assert_cmpuint (kc, !=, G_MAXUINT);
  adw_combo_row_set_selected (office_row, kc);

  /* Two passphrases that differ: said, and Create stays off. */
  sb_test_type_into (dialog, _("_Passphrase"), PASSPHRASE);
  sb_test_type_into (dialog, _("Passphrase _Again"), "correct horse battery!");
  g_assert_true (sb_test_shows_text (dialog, _("The two passphrases are not the same.")));
  sb_test_type_into (dialog, _("Passphrase _Again"), PASSPHRASE);
  g_assert_false (gtk_widget_get_sensitive (create));
  sb_invite_dialog_set_invitation_path (SB_INVITE_DIALOG (dialog), invitation);
  sb_test_wait_for_frame (dialog);
  g_assert_true (gtk_widget_get_sensitive (create));
  sb_test_save_screenshot (dialog, shot);

  /* Enter in a passphrase field is Create. */
  error_label = GTK_WIDGET (gtk_widget_get_template_child (dialog, SB_TYPE_INVITE_DIALOG, "error_label"));
  gtk_widget_activate_default (sb_test_find_row (dialog, _("Passphrase _Again")));
  SB_TEST_RUN_UNTIL (sb_test_find_toplevel (SB_TYPE_INVITE_DIALOG) == NULL ||
                     gtk_widget_get_visible (error_label), 30000);
  if (sb_test_find_toplevel (SB_TYPE_INVITE_DIALOG) != NULL)
    g_error ("the invitation was not written: “%s”", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_true (g_file_test (invitation, G_FILE_TEST_IS_REGULAR));
  return invitation;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

/* A campaign that never exchanged says what exchanging is, and offers to invite. */
static void
test_alone (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *shot = shot_name ("alone");

  show_section (f, "offices");
  g_assert_false (sb_campaign_is_replica (f->campaign));
  g_assert_true (sb_test_shows_text (f->window, _("One Office So Far")));
  g_assert_nonnull (sb_test_find_action_button (f->window, "offices.invite"));
  g_assert_false (sb_test_shows_text (f->window, _("This computer")));
  sb_test_save_screenshot (f->window, shot);
}

/* Invited through the dialog; joined into a second file; a postcard typed there
 * arrives here through the folder, with Exchange Now. */
static void
test_invite_join_exchange (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *shot = shot_name ("replicas");
  g_autofree char *invitation = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "exchange", NULL);
  g_autofree char *other_dir = g_dir_make_tmp ("sambot-offices-kc-XXXXXX", NULL);
  g_autofree char *other_path = g_build_filename (other_dir, "kc.sambot", NULL);
  g_autoptr(SbCampaign) other = NULL;
  g_autoptr(SbMessage) postcard = sb_message_new ();
  g_autoptr(GError) error = NULL;
  SbExchangeReport report = { 0, };
  SbOfficesPage *page;
  SbExchangeKeeper *keeper;
  GtkWidget *exchange;
  guint before = sb_test_count_messages (f->campaign);

  show_section (f, "offices");
  page = sb_test_find_first (f->window, SB_TYPE_OFFICES_PAGE);
  keeper = sb_offices_page_get_keeper (page);
  invitation = invite_through_dialog (f);

  /* The list of replicas: this computer, and Exchange Now waits for a folder. */
  SB_TEST_WAIT_UNTIL (sb_test_shows_text (page, _("This computer")), 10000,
                      "this computer in the Offices list");
  g_assert_true (sb_campaign_is_replica (f->campaign));
  exchange = sb_test_find_action_button (page, "offices.exchange");
  g_assert_nonnull (exchange);
  g_assert_false (gtk_widget_get_sensitive (exchange));

  /* The folder, as Choose… gives it: an exchange runs by itself at once. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  sb_offices_page_set_exchange_folder (page, folder);
  g_assert_true (sb_test_shows_text (page, folder));
  SB_TEST_WAIT_UNTIL (!sb_exchange_keeper_get_busy (keeper) &&
                      sb_exchange_keeper_get_last_time (keeper) != NULL, 30000,
                      "the first exchange");

  /* The office joins, types a postcard, and exchanges. */
  g_assert_true (sb_campaign_join (invitation, PASSPHRASE, other_path, &error));
  g_assert_no_error (error);
  other = sb_campaign_open (other_path, FALSE, &error);
  g_assert_no_error (error);
  sb_test_set (&postcard->original_text, POSTCARD);
  sb_test_set (&postcard->sender_name, "Chan Sophea");
  sb_test_set (&postcard->received_on, "2016-10-09");
  g_assert_true (sb_campaign_add_message (other, postcard, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_exchange (other, folder, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.changes_sent, >, 0);
  sb_exchange_report_clear (&report);

  /* Exchange Now: the postcard is here, in the figures and in Messages. */
  g_assert_true (gtk_widget_get_sensitive (exchange));
  g_signal_emit_by_name (exchange, "clicked");
  SB_TEST_WAIT_UNTIL (sb_test_count_messages (f->campaign) == before + 1, 30000,
                      "the other office's postcard");
  SB_TEST_WAIT_UNTIL (!sb_exchange_keeper_get_busy (keeper), 30000, "the exchange's end");
  SB_TEST_WAIT_UNTIL (sb_test_shows_text (page, "Kampong Cham office"), 10000,
                      "the other office in the list");
  sb_test_save_screenshot (f->window, shot);

  show_section (f, "messages");
  SB_TEST_WAIT_UNTIL (sb_test_shows_text (f->window, POSTCARD), 10000,
                      "the postcard in the Messages list");

  sb_test_campaign_free (g_steal_pointer (&other), other_dir);
}

/* With a folder, a change saved here is sent, and another office's file is taken in,
 * without anyone asking. */
static void
test_by_itself (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *shot = shot_name ("held-back");
  g_autofree char *retire_shot = shot_name ("stop-waiting");
  g_autofree char *expected = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "exchange", NULL);
  g_autofree char *other_dir = g_dir_make_tmp ("sambot-offices-kc-XXXXXX", NULL);
  g_autofree char *other_path = g_build_filename (other_dir, "kc.sambot", NULL);
  g_autofree char *invitation = g_build_filename (other_dir, "kc.sbinvite", NULL);
  g_autoptr(SbCampaign) other = NULL;
  g_autoptr(SbMessage) here = sb_message_new ();
  g_autoptr(SbMessage) there = sb_message_new ();
  g_autoptr(GError) error = NULL;
  SbExchangeReport report = { 0, };
  SbOfficesPage *page;
  SbExchangeKeeper *keeper;
  GtkWidget *exchange_row, *retire, *dialog;
  guint files, before;

  show_section (f, "offices");
  page = sb_test_find_first (f->window, SB_TYPE_OFFICES_PAGE);
  keeper = sb_offices_page_get_keeper (page);
  sb_exchange_keeper_set_delay (keeper, 300);
  g_assert_true (sb_campaign_invite_office (f->campaign, "KC", PASSPHRASE, invitation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  sb_offices_page_set_exchange_folder (page, folder);
  SB_TEST_WAIT_UNTIL (!sb_exchange_keeper_get_busy (keeper) &&
                      sb_exchange_keeper_get_last_time (keeper) != NULL, 30000,
                      "the first exchange");

  /* A postcard typed here: its change goes to the folder by itself. */
  files = count_files (folder);
  sb_test_set (&here->original_text, "Solidarity from Phnom Penh");
  sb_test_set (&here->received_on, "2016-10-09");
  g_assert_true (sb_campaign_add_message (f->campaign, here, &error));
  g_assert_no_error (error);
  SB_TEST_WAIT_UNTIL (count_files (folder) > files, 30000, "this office's change in the folder");

  /* The other office's file appears: taken in by itself. */
  g_assert_true (sb_campaign_join (invitation, PASSPHRASE, other_path, &error));
  g_assert_no_error (error);
  other = sb_campaign_open (other_path, FALSE, &error);
  g_assert_no_error (error);
  sb_test_set (&there->original_text, POSTCARD);
  sb_test_set (&there->received_on, "2016-10-09");
  g_assert_true (sb_campaign_add_message (other, there, &error));
  g_assert_no_error (error);
  before = sb_test_count_messages (f->campaign);
  g_assert_true (sb_campaign_exchange (other, folder, &report, NULL, &error));
  g_assert_no_error (error);
  sb_exchange_report_clear (&report);
  SB_TEST_WAIT_UNTIL (sb_test_count_messages (f->campaign) == before + 1, 30000,
                      "the other office's postcard, unasked");

  /* The other office updates Sambot first: its next postcard waits here, and the
   * Offices section says so under Exchange Now. */
  g_clear_pointer (&there, sb_message_free);
  there = sb_message_new ();
  sb_test_set (&there->original_text, "Written with a newer Sambot");
  sb_test_set (&there->received_on, "2016-10-10");
  g_assert_true (sb_campaign_add_message (other, there, &error));
  g_assert_no_error (error);
  /* No exchange of this window's runs while the process pretends to be newer. */
  SB_TEST_WAIT_UNTIL (!sb_exchange_keeper_get_busy (keeper), 30000, "the window's exchange");
  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT + 1);
  g_assert_true (sb_campaign_exchange (other, folder, &report, NULL, &error));
  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT);
  g_assert_no_error (error);
  sb_exchange_report_clear (&report);
  SB_TEST_WAIT_UNTIL (sb_exchange_keeper_get_held_back (keeper) != NULL &&
                      !sb_exchange_keeper_get_busy (keeper), 30000, "the newer office's change, held");
  exchange_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_OFFICES_PAGE,
                                                            "exchange_row"));
  sb_test_wait_for_frame (f->window);
  sb_test_save_screenshot (f->window, shot);
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (exchange_row)));
  expected = g_strdup_printf (_("Changes from %s were made with a newer version of Sambot. "
                                "Update Sambot on this computer to receive them; they wait in "
                                "the exchange folder."), "KC-B");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (exchange_row)), expected));
  g_assert_cmpuint (sb_test_count_messages (f->campaign), ==, before + 1);

  /* Stop Waiting… for the other office's computer asks first, then says so in its
   * row; Wait Again undoes it. */
  retire = sb_test_find_action_button (page, "offices.retire");
  g_assert_nonnull (retire);
  g_signal_emit_by_name (retire, "clicked");
  SB_TEST_WAIT_UNTIL ((dialog = sb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL, 10000,
                      "the Stop Waiting dialog");
  sb_test_wait_for_frame (dialog);
  sb_test_save_screenshot (dialog, retire_shot);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "KC-B"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retire");
  SB_TEST_WAIT_UNTIL (sb_test_shows_text (page, _("not waited for")) &&
                      sb_test_find_action_button (page, "offices.wait-again") != NULL, 10000,
                      "the computer not waited for");
  g_signal_emit_by_name (sb_test_find_action_button (page, "offices.wait-again"), "clicked");
  SB_TEST_WAIT_UNTIL (!sb_test_shows_text (page, _("not waited for")) &&
                      sb_test_find_action_button (page, "offices.retire") != NULL, 10000,
                      "the computer waited for again");

  sb_test_campaign_free (g_steal_pointer (&other), other_dir);
}

/* Join Campaign…: a wrong passphrase is said in the dialog and creates nothing; the
 * right one opens the new campaign in the window. */
static void
test_join_dialog (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *shot = shot_name ("join");
  g_autofree char *invitation = g_build_filename (f->dir, "kc.sbinvite", NULL);
  g_autofree char *joined = g_build_filename (f->dir, "kc.sambot", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *join, *error_label;

  g_assert_true (sb_campaign_invite_office (f->campaign, "KC", PASSPHRASE, invitation, &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (app), "join-campaign", NULL);
  SB_TEST_WAIT_UNTIL ((dialog = sb_test_find_toplevel (SB_TYPE_JOIN_DIALOG)) != NULL, 10000,
                      "the Join Campaign dialog");
  sb_test_wait_for_frame (dialog);
  join = sb_test_find_action_button (dialog, "join.join");
  g_assert_false (gtk_widget_get_sensitive (join));
  sb_join_dialog_set_invitation_path (SB_JOIN_DIALOG (dialog), invitation);
  sb_join_dialog_set_campaign_path (SB_JOIN_DIALOG (dialog), joined);
  sb_test_type_into (dialog, _("_Passphrase"), "wrong horse battery");
  g_assert_true (gtk_widget_get_sensitive (join));
  g_signal_emit_by_name (join, "clicked");
  error_label = GTK_WIDGET (gtk_widget_get_template_child (dialog, SB_TYPE_JOIN_DIALOG, "error_label"));
  SB_TEST_WAIT_UNTIL (gtk_widget_get_visible (error_label) && gtk_widget_get_sensitive (join),
                      30000, "the refusal");
  g_test_message ("wrong passphrase: %s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_nonnull (sb_test_find_toplevel (SB_TYPE_JOIN_DIALOG));
  g_assert_false (g_file_test (joined, G_FILE_TEST_EXISTS));
  sb_test_save_screenshot (dialog, shot);

  sb_test_type_into (dialog, _("_Passphrase"), PASSPHRASE);
  g_signal_emit_by_name (join, "clicked");
  SB_TEST_WAIT_UNTIL (sb_test_find_toplevel (SB_TYPE_JOIN_DIALOG) == NULL, 30000,
                      "the dialog closed");
  g_assert_true (g_file_test (joined, G_FILE_TEST_IS_REGULAR));
  SB_TEST_WAIT_UNTIL (sb_window_get_campaign (f->window) != NULL &&
                      g_str_equal (sb_campaign_get_path (sb_window_get_campaign (f->window)), joined),
                      30000, "the joined campaign open in the window");
  g_assert_true (sb_campaign_is_replica (sb_window_get_campaign (f->window)));
}

static void
count_cb (guint *n)
{
  (*n)++;
}

/* An exchange folder that went away: the failure is told once, not at every change
 * saved after it, and told again only after an exchange worked in between. */
static void
test_failure_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "exchange", NULL);
  g_autofree char *invitation = g_build_filename (f->dir, "kc.sbinvite", NULL);
  g_autoptr(GError) error = NULL;
  SbOfficesPage *page;
  SbExchangeKeeper *keeper;
  g_autofree char *told = NULL;
  g_autofree char *not_exchanging = NULL;
  g_autofree char *shot = NULL;
  gpointer exchange_row;
  guint failed = 0, finished = 0, before;

  show_section (f, "offices");
  page = sb_test_find_first (f->window, SB_TYPE_OFFICES_PAGE);
  keeper = sb_offices_page_get_keeper (page);
  sb_exchange_keeper_set_delay (keeper, 100);
  g_signal_connect_swapped (keeper, "failed", G_CALLBACK (count_cb), &failed);
  g_signal_connect_swapped (keeper, "finished", G_CALLBACK (count_cb), &finished);
  g_assert_true (sb_campaign_invite_office (f->campaign, "KC", PASSPHRASE, invitation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  sb_offices_page_set_exchange_folder (page, folder);
  SB_TEST_WAIT_UNTIL (finished == 1 && !sb_exchange_keeper_get_busy (keeper), 30000,
                      "the first exchange");
  g_assert_cmpuint (failed, ==, 0);

  /* The folder is gone (a USB stick taken out): three changes saved, one failure told. */
  remove_all (folder);
  for (guint i = 0; i < 3; i++)
    {
      guint done = finished;

      add_postcard (f->campaign, "Stay strong");
      SB_TEST_WAIT_UNTIL (finished > done && !sb_exchange_keeper_get_busy (keeper), 30000,
                          "an exchange after the change");
    }
  g_assert_cmpuint (failed, ==, 1);
  told = g_strndup (_("Could not exchange with the other offices: %s"),
                    strstr (_("Could not exchange with the other offices: %s"), "%s") -
                    _("Could not exchange with the other offices: %s"));
  SB_TEST_WAIT_UNTIL (sb_test_shows_text (f->window, told), 10000, "the failure in a toast");
  /* The toast goes; under Last Exchange the failure stays until an exchange works. */
  not_exchanging = g_strndup (_("Not exchanging: %s"),
                              strstr (_("Not exchanging: %s"), "%s") - _("Not exchanging: %s"));
  exchange_row = gtk_widget_get_template_child (GTK_WIDGET (page), SB_TYPE_OFFICES_PAGE, "exchange_row");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (exchange_row), not_exchanging));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (exchange_row), folder));
  g_assert_true (gtk_widget_has_css_class (exchange_row, "error"));
  shot = g_strdup_printf ("offices-not-exchanging-%s.png", sb_interface_language ());
  sb_test_save_screenshot (f->window, shot);

  /* Back: an exchange works. Gone again: told again. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  before = finished;
  sb_exchange_keeper_exchange_now (keeper);
  SB_TEST_WAIT_UNTIL (finished > before && !sb_exchange_keeper_get_busy (keeper), 30000,
                      "the exchange with the folder back");
  g_assert_cmpuint (failed, ==, 1);
  g_assert_false (g_str_has_prefix (adw_action_row_get_subtitle (exchange_row), not_exchanging));
  g_assert_false (gtk_widget_has_css_class (exchange_row, "error"));
  remove_all (folder);
  add_postcard (f->campaign, "Stay strong, again");
  SB_TEST_WAIT_UNTIL (failed == 2 && !sb_exchange_keeper_get_busy (keeper), 30000,
                      "the failure told again");
}

/* How long ago, as the list says it. */
static void
test_time_ago (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2016, 10, 10, 12, 0, 0);
  struct { GTimeSpan ago; const char *said; } cases[] = {
    { 30 * G_TIME_SPAN_SECOND, "just now" },
    { G_TIME_SPAN_MINUTE, "1 minute ago" },
    { 5 * G_TIME_SPAN_MINUTE, "5 minutes ago" },
    { 2 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE, "2 hours ago" },
    { 3 * G_TIME_SPAN_DAY, "3 days ago" },
    { 10 * G_TIME_SPAN_DAY, "30 September 2016" },
  };
  g_autofree char *never = _sb_format_time_ago (NULL, now);

  if (!g_str_equal (sb_interface_language (), "en"))
    {
      g_test_skip ("the words are checked in English");
      return;
    }
  g_assert_cmpstr (never, ==, "never");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) then = g_date_time_add (now, -cases[i].ago);
      g_autofree char *said = _sb_format_time_ago (then, now);

      g_assert_cmpstr (said, ==, cases[i].said);
    }
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add ("/gui/offices/alone", Fixture, NULL,
              fixture_set_up, test_alone, fixture_tear_down);
  g_test_add ("/gui/offices/invite-join-exchange", Fixture, NULL,
              fixture_set_up, test_invite_join_exchange, fixture_tear_down);
  g_test_add ("/gui/offices/by-itself", Fixture, NULL,
              fixture_set_up, test_by_itself, fixture_tear_down);
  g_test_add ("/gui/offices/join-dialog", Fixture, NULL,
              fixture_set_up, test_join_dialog, fixture_tear_down);
  g_test_add ("/gui/offices/failure-told-once", Fixture, NULL,
              fixture_set_up, test_failure_once, fixture_tear_down);
  g_test_add_func ("/gui/offices/time-ago", test_time_ago);

  return sb_test_gui_run ();
}
