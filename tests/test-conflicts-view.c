/* test-conflicts-view.c — "Conflicts to Review" in the Offices section, in a real
 * window (docs/exchange.md, "Conflicts")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (Xvfb in the test script). Two offices correct the senders'
 * names of the same two postcards without seeing each other's corrections (as
 * tests/test-conflicts.c does); the other office's changes reach the campaign open in
 * the window through the exchange folder chosen in the Offices section, which then
 * lists both names that lost. Use Other Value writes the lost name
 * back, Keep leaves the name as it is; either way the row goes. A screenshot in the
 * interface language (conflicts-view-en.png…) is saved next to the test binary.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-batches.h"
#include "sb-conflicts.h"
#include "sb-conflicts-group.h"
#include "sb-exchange.h"
#include "sb-names.h"
#include "sb-offices-page.h"
#include "sb-test-campaign.h"
#include "sb-test-gui.h"
#include "sb-window.h"

#define PASSPHRASE "correct horse battery"

static SbApplication *app;

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;     /* the window's: this office */
  SbCampaign *other;        /* the other office's copy */
  SbWindow   *window;
  char       *ids[2];       /* the two postcards */
} Fixture;

static void
add_postcard (SbCampaign *campaign,
              const char *sender,
              char      **id)
{
  g_autoptr(SbMessage) postcard = sb_message_new ();
  g_autoptr(GError) error = NULL;

  sb_test_set (&postcard->original_text, "Courage, we are with you");
  sb_test_set (&postcard->sender_name, sender);
  sb_test_set (&postcard->received_on, "2016-10-09");
  g_assert_true (sb_campaign_add_message (campaign, postcard, &error));
  g_assert_no_error (error);
  *id = g_strdup (postcard->id);
}

static void
set_sender (SbCampaign *campaign,
            const char *id,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, &error);

  g_assert_no_error (error);
  sb_test_set (&message->sender_name, name);
  g_assert_true (sb_campaign_update_message (campaign, message, &error));
  g_assert_no_error (error);
}

static char *
sender_of (SbCampaign *campaign,
           const char *id)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, NULL);

  return g_strdup (message->sender_name);
}

static char *
ref_of (SbCampaign *campaign,
        const char *id)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, id, NULL);

  return g_strdup (message->ref);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *invitation = NULL;
  SbCampaign *campaign = sb_test_campaign_new ("sambot-conflicts-view-XXXXXX", &f->dir, &f->path);

  /* The coordinator (PP) invites the Kampong Cham office once both postcards are in. */
  sb_test_add_detainees (campaign);
  add_postcard (campaign, "Kim Dara", &f->ids[0]);
  add_postcard (campaign, "Sok Chan", &f->ids[1]);
  sb_test_set (&office->code, "KC");
  sb_test_set (&office->name, "Kampong Cham office");
  sb_test_set (&office->city, "Kampong Cham");
  g_assert_true (sb_campaign_add_office (campaign, office, &error));
  g_assert_no_error (error);
  invitation = g_build_filename (f->dir, "KC.sambot-invitation", NULL);
  g_assert_true (sb_campaign_invite_office (campaign, "KC", PASSPHRASE, invitation, &error));
  g_assert_no_error (error);
  sb_campaign_close (campaign);
  g_object_unref (campaign);

  copy = g_build_filename (f->dir, "office-kc.sambot", NULL);
  g_assert_true (sb_campaign_join (invitation, PASSPHRASE, copy, &error));
  g_assert_no_error (error);
  f->other = sb_campaign_open (copy, FALSE, &error);
  g_assert_no_error (error);

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
  sb_campaign_close (f->other);
  g_clear_object (&f->other);
  sb_test_remove_tree (f->dir);
  g_free (f->ids[0]);
  g_free (f->ids[1]);
  g_free (f->path);
  g_free (f->dir);
}

/* The first widget of @type under @widget, shown or not (the group hides when empty). */
static gpointer
find_any (GtkWidget *widget,
          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_any (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The other office's changes reach the campaign open in the window through @folder,
 * chosen in the Offices section (which exchanges at once): the conflicts show. */
static void
exchange_in_window (Fixture          *f,
                    SbConflictsGroup *group,
                    const char       *folder)
{
  SbExchangeReport report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_campaign_send_changes (f->other, folder, &report, &error));
  g_assert_no_error (error);
  sb_exchange_report_clear (&report);
  sb_offices_page_set_exchange_folder (find_any (GTK_WIDGET (f->window), SB_TYPE_OFFICES_PAGE), folder);
  SB_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (group)), 20000,
                      "the conflicts shown after the exchange");
}

/* The row of the conflict about @ref, or NULL. */
static GtkWidget *
find_row (SbConflictsGroup *group,
          const char       *ref)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), ref))
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The person's press on @label in the row about @ref: the button's name (what a
 * screen reader says, @name_format with the row's title) says which record. */
static void
press (SbConflictsGroup *group,
       const char       *ref,
       const char       *label,
       const char       *name_format)
{
  GtkWidget *row = find_row (group, ref);
  GtkWidget *button;
  g_autofree char *name = NULL;
  g_autofree char *wrong = NULL;

  g_assert_nonnull (row);
  button = sb_test_find_button_labelled (row, label);
  g_assert_nonnull (button);
  name = g_strdup_printf (name_format, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_assert_true (strstr (name, ref) != NULL);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_assert_null (wrong);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, name);
  g_assert_true (gtk_widget_get_focusable (button));
  gtk_widget_activate (button);
}

/* The number on the Offices section's tab (0: none shown). */
static guint
badge (Fixture *f)
{
  AdwViewStack *stack = sb_test_find_first (f->window, ADW_TYPE_VIEW_STACK);
  AdwViewStackPage *page = adw_view_stack_get_page (stack, find_any (GTK_WIDGET (f->window),
                                                                     SB_TYPE_OFFICES_PAGE));

  return adw_view_stack_page_get_needs_attention (page) ? adw_view_stack_page_get_badge_number (page) : 0;
}

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  SbConflictsGroup *group = find_any (GTK_WIDGET (f->window), SB_TYPE_CONFLICTS_GROUP);
  g_autofree char *ref0 = ref_of (f->campaign, f->ids[0]);
  g_autofree char *ref1 = ref_of (f->campaign, f->ids[1]);
  g_autofree char *shot = g_strdup_printf ("conflicts-view-%s.png", sb_interface_language ());
  g_autofree char *toast = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *here_at = NULL;
  g_autofree char *there_at = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) latest = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "exchange", NULL);

  adw_view_stack_set_visible_child_name (sb_test_find_first (f->window, ADW_TYPE_VIEW_STACK), "offices");
  sb_test_wait_for_frame (f->window);
  g_assert_nonnull (group);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));

  /* Both offices correct both names, a minute apart: the other office's come later
   * and win (a fixed clock after every change the files already hold). */
  now = g_date_time_new_now_utc ();
  later = g_date_time_add_minutes (now, 1);
  latest = g_date_time_add_minutes (now, 2);
  here_at = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  there_at = g_date_time_format (latest, "%Y-%m-%dT%H:%M:%SZ");
  sb_campaign_set_clock (f->campaign, here_at);
  set_sender (f->campaign, f->ids[0], "Kim Dara (Phnom Penh)");
  set_sender (f->campaign, f->ids[1], "Sok Chan (Phnom Penh)");
  sb_campaign_set_clock (f->other, there_at);
  set_sender (f->other, f->ids[0], "Kim Darareth");
  set_sender (f->other, f->ids[1], "Sok Chanthy");
  /* The other office's changes reach this one through the exchange folder, chosen
   * in the Offices section (which exchanges at once). */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  exchange_in_window (f, group, folder);
  g_assert_cmpuint (sb_conflicts_group_get_n_rows (group), ==, 2);
  g_assert_cmpuint (badge (f), ==, 2);
  sb_test_wait_for_frame (f->window);
  g_assert_true (sb_test_shows_text (group, _("Conflicts to Review")));
  g_assert_nonnull (find_row (group, ref0));
  g_assert_nonnull (find_row (group, ref1));
  g_assert_true (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (find_row (group, ref0))),
                         _("Sender's name")) != NULL);
  g_assert_true (sb_test_shows_text (group, "Kim Darareth"));
  g_assert_true (sb_test_shows_text (group, "Kim Dara (Phnom Penh)"));
  g_assert_true (sb_test_shows_text (group, "Sok Chanthy"));
  g_assert_true (sb_test_shows_text (group, _("this office")));
  g_assert_true (sb_test_shows_text (group, "Kampong Cham office"));
  g_assert_cmpuint (sb_test_save_screenshot (f->window, shot), >, 8);

  /* Use Other Value: the name this office wrote is the message's again. */
  label = g_strdup_printf (_("%s — %s"), ref0, _("Sender's name"));
  toast = g_strdup_printf (_("Used the other value of %s; it reaches the other offices with the next exchange"),
                           label);
  press (group, ref0, _("Use Other Value"), _("Use the other value of %s"));
  SB_TEST_WAIT_UNTIL (sb_conflicts_group_get_n_rows (group) == 1, 5000, "the row gone");
  name = sender_of (f->campaign, f->ids[0]);
  g_assert_cmpstr (name, ==, "Kim Dara (Phnom Penh)");
  g_assert_cmpuint (badge (f), ==, 1);
  g_assert_null (find_row (group, ref0));
  sb_test_wait_for_frame (f->window);
  g_assert_true (sb_test_shows_text (f->window, toast));
  /* The button pressed is gone: the keyboard goes on with the conflict left. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), find_row (group, ref1)) ||
                 gtk_window_get_focus (GTK_WINDOW (f->window)) == find_row (group, ref1));

  /* Keep: the name stays the other office's; nothing left, the group hides. */
  press (group, ref1, _("Keep"), _("Keep the current value of %s"));
  SB_TEST_WAIT_UNTIL (sb_conflicts_group_get_n_rows (group) == 0, 5000, "the last row gone");
  g_clear_pointer (&name, g_free);
  name = sender_of (f->campaign, f->ids[1]);
  g_assert_cmpstr (name, ==, "Sok Chanthy");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_cmpuint (badge (f), ==, 0);
  {
    g_autoptr(GPtrArray) left = sb_campaign_list_conflicts (f->campaign, NULL);

    g_assert_cmpuint (left->len, ==, 0);
  }
}

/* A batch of Prey Sar made and sealed by @campaign: it takes what waits there. */
static char *
seal_batch (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) batch = sb_campaign_create_batch (campaign, "PS", &error);
  g_autoptr(SbBatch) sealed = NULL;

  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (campaign, batch->id, &error));
  g_assert_no_error (error);
  sealed = sb_campaign_get_batch (campaign, batch->id, &error);
  g_assert_no_error (error);
  return g_strdup (sealed->code);
}

/* Both offices put the same postcard in a batch for Prey Sar and seal it before
 * hearing of each other (docs/exchange.md, "Conflicts", the rules about batches):
 * the row names both batches and the rule, and offers Keep only, since the copy
 * stays in both and there is no other value to take. A screenshot in the interface
 * language (conflicts-two-batches-en.png…) is saved next to the test binary. */
static void
test_two_batches (Fixture       *f,
                  gconstpointer  data)
{
  SbConflictsGroup *group = find_any (GTK_WIDGET (f->window), SB_TYPE_CONFLICTS_GROUP);
  g_autofree char *ref0 = ref_of (f->campaign, f->ids[0]);
  g_autofree char *shot = g_strdup_printf ("conflicts-two-batches-%s.png", sb_interface_language ());
  g_autofree char *folder = g_build_filename (f->dir, "exchange", NULL);
  g_autoptr(SbFacility) prison = sb_facility_new ();
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(SbDetainee) detainee = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *rule = NULL;
  SbExchangeReport report = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  adw_view_stack_set_visible_child_name (sb_test_find_first (f->window, ADW_TYPE_VIEW_STACK), "offices");
  /* This office moves the first detainee to Prey Sar and approves a postcard to
   * her; the other office hears of it. */
  sb_test_set (&prison->code, "PS");
  sb_test_set (&prison->name_en, "Prey Sar prison");
  g_assert_true (sb_campaign_add_facility (f->campaign, prison, &error));
  g_assert_no_error (error);
  detainees = sb_campaign_list_detainees (f->campaign, &error);
  g_assert_no_error (error);
  detainee = sb_detainee_copy (detainees->pdata[0]);
  sb_test_set (&detainee->facility_id, prison->id);
  g_assert_true (sb_campaign_update_detainee (f->campaign, detainee, &error));
  g_assert_no_error (error);
  {
    const char *addressees[] = { detainee->id, NULL };

    g_assert_true (sb_campaign_assign (f->campaign, f->ids[0], addressees, &error));
    g_assert_no_error (error);
  }
  g_assert_true (sb_campaign_approve (f->campaign, f->ids[0], TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (sb_campaign_send_changes (f->campaign, folder, &report, &error));
  g_assert_no_error (error);
  sb_exchange_report_clear (&report);
  g_assert_true (sb_campaign_receive_changes (f->other, folder, &report, NULL, &error));
  g_assert_no_error (error);
  sb_exchange_report_clear (&report);

  /* Each seals a batch with it, then the other office's reaches this one. */
  ours = seal_batch (f->campaign);
  theirs = seal_batch (f->other);
  g_assert_cmpstr (ours, !=, theirs);
  exchange_in_window (f, group, folder);
  g_assert_cmpuint (sb_conflicts_group_get_n_rows (group), ==, 1);
  sb_test_wait_for_frame (f->window);
  row = find_row (group, ref0);
  g_assert_nonnull (row);
  g_assert_true (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), _("Batch")) != NULL);
  g_assert_true (sb_test_shows_text (row, ours));
  g_assert_true (sb_test_shows_text (row, theirs));
  rule = g_strdup_printf (_("Rule: %s"), sb_conflict_rule_label ("sealed"));
  g_assert_true (sb_test_shows_text (row, rule));
  g_assert_null (sb_test_find_button_labelled (row, _("Use Other Value")));
  g_assert_cmpuint (sb_test_save_screenshot (f->window, shot), >, 8);

  press (group, ref0, _("Keep"), _("Keep the current value of %s"));
  SB_TEST_WAIT_UNTIL (sb_conflicts_group_get_n_rows (group) == 0, 5000, "the row gone");
}

/* This office addresses a postcard to two detainees and takes the second back; the
 * other office, before hearing of it, addresses it to both too (docs/exchange.md,
 * "Conflicts", rule added-again). Its add stays, and the removal set aside is
 * listed: Use Other Value removes the addressee again. A screenshot in the
 * interface language (conflicts-addressee-en.png…) is saved next to the test binary. */
static void
test_addressee (Fixture       *f,
                gconstpointer  data)
{
  SbConflictsGroup *group = find_any (GTK_WIDGET (f->window), SB_TYPE_CONFLICTS_GROUP);
  g_autofree char *ref0 = ref_of (f->campaign, f->ids[0]);
  g_autofree char *shot = g_strdup_printf ("conflicts-addressee-%s.png", sb_interface_language ());
  g_autofree char *folder = g_build_filename (f->dir, "exchange", NULL);
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *rule = NULL;
  g_autoptr(GError) error = NULL;
  const SbDetainee *second;
  GtkWidget *row;

  adw_view_stack_set_visible_child_name (sb_test_find_first (f->window, ADW_TYPE_VIEW_STACK), "offices");
  detainees = sb_campaign_list_detainees (f->campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detainees->len, >=, 2);
  second = detainees->pdata[1];
  {
    const char *both[] = { ((SbDetainee *) detainees->pdata[0])->id, second->id, NULL };
    const char *first[] = { ((SbDetainee *) detainees->pdata[0])->id, NULL };

    g_assert_true (sb_campaign_assign (f->campaign, f->ids[0], both, &error));
    g_assert_no_error (error);
    g_assert_true (sb_campaign_assign (f->campaign, f->ids[0], first, &error));
    g_assert_no_error (error);
    g_assert_true (sb_campaign_assign (f->other, f->ids[0], both, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  exchange_in_window (f, group, folder);
  g_assert_cmpuint (sb_conflicts_group_get_n_rows (group), ==, 1);
  sb_test_wait_for_frame (f->window);
  copies = sb_campaign_list_copies (f->campaign, f->ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 2);

  row = find_row (group, ref0);
  g_assert_nonnull (row);
  g_assert_true (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), second->name_en) != NULL);
  g_assert_true (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), _("Addressee")) != NULL);
  kept = g_strdup_printf (C_("value", "“%s”"), second->name_en);
  g_assert_true (sb_test_shows_text (row, kept));
  g_assert_true (sb_test_shows_text (row, _("(removed)")));
  g_assert_true (sb_test_shows_text (row, "Kampong Cham office"));
  g_assert_true (sb_test_shows_text (row, _("this office")));
  rule = g_strdup_printf (_("Rule: %s"), sb_conflict_rule_label ("added-again"));
  g_assert_true (sb_test_shows_text (row, rule));
  g_assert_cmpuint (sb_test_save_screenshot (f->window, shot), >, 8);

  /* Use Other Value: the second detainee is no longer an addressee, here (and,
   * with the next exchange, at the other office). */
  press (group, ref0, _("Use Other Value"), _("Use the other value of %s"));
  SB_TEST_WAIT_UNTIL (sb_conflicts_group_get_n_rows (group) == 0, 5000, "the row gone");
  g_clear_pointer (&copies, g_ptr_array_unref);
  copies = sb_campaign_list_copies (f->campaign, f->ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_cmpstr (((SbCopy *) copies->pdata[0])->detainee_id, ==,
                   ((SbDetainee *) detainees->pdata[0])->id);
}

int
main (int   argc,
      char *argv[])
{
  app = sb_test_gui_init (&argc, &argv);

  g_test_add ("/gui/conflicts-view/review", Fixture, NULL,
              fixture_set_up, test_review, fixture_tear_down);
  g_test_add ("/gui/conflicts-view/two-batches", Fixture, NULL,
              fixture_set_up, test_two_batches, fixture_tear_down);
  g_test_add ("/gui/conflicts-view/addressee", Fixture, NULL,
              fixture_set_up, test_addressee, fixture_tear_down);

  return sb_test_gui_run ();
}
