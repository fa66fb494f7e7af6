/* bench-exchange.c — offices exchanging: a bundle of many new messages written,
 * applied, its size, and an exchange with nothing new (issue 14's budgets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-exchange [N] [bulk|typed] [addressed|unaddressed]
 *
 * Office PP invites KC; PP adds N postcards (default 10,000), each addressed to
 * one detainee: "bulk" in one transaction (an import), "typed" one commit each (a
 * transcription evening). Then PP writes them to the exchange folder as one bundle
 * and KC applies it (the search index and tallies made by KC's triggers
 * included), and both exchange again with nothing new. Prints wall and CPU time
 * (the machine may be shared: CPU is the process's own).
 */

#include "config.h"

#include <time.h>
#include <glib/gstdio.h>

#include "sb-campaign.h"
#include "sb-exchange.h"

typedef struct
{
  gint64  wall;
  clock_t cpu;
} Clock;

static Clock
start_clock (void)
{
  return (Clock) { g_get_monotonic_time (), clock () };
}

static void
stop_clock (Clock       start,
            const char *what,
            double      budget_ms)
{
  double wall = (g_get_monotonic_time () - start.wall) / 1000.0;
  double cpu = (double) (clock () - start.cpu) * 1000.0 / CLOCKS_PER_SEC;

  g_print ("%-44s wall %9.1f ms  cpu %9.1f ms", what, wall, cpu);
  if (budget_ms > 0)
    g_print ("  (budget %.0f ms)", budget_ms);
  g_print ("\n");
}

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static const char *const phrases[] = {
  "Stay strong, we are with you and we will not forget you.",
  "សូមរឹងមាំ យើងនៅជាមួយអ្នក។",
  "Courage ! Nous pensons à vous chaque jour.",
  "Free the five: human rights defenders are not criminals.",
};

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  gboolean typed = argc > 2 && g_str_equal (argv[2], "typed");
  gboolean addressed = !(argc > 3 && g_str_equal (argv[3], "unaddressed"));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sambot-bench-exchange-XXXXXX", NULL);
  g_autofree char *path_a = g_build_filename (dir, "pp.sambot", NULL);
  g_autofree char *path_b = g_build_filename (dir, "kc.sambot", NULL);
  g_autofree char *invitation = g_build_filename (dir, "kc.sbinvite", NULL);
  g_autofree char *folder = g_build_filename (dir, "exchange", NULL);
  g_autoptr(SbCampaign) a = NULL;
  g_autoptr(SbCampaign) b = NULL;
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(GPtrArray) detainees = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  SbExchangeReport report = { 0 };
  gint64 text_bytes = 0, bundle_bytes = 0;
  const char *name;
  Clock clock_start;

  g_mkdir (folder, 0700);
  a = sb_campaign_create (path_a, "#Freethe5KH", "PP", &error);
  check (a != NULL, error);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(SbDetainee) detainee = sb_detainee_new ();

      detainee->name_en = g_strdup_printf ("Detainee %u", i + 1);
      detainee->detained_on = g_strdup ("2016-04-28");
      check (sb_campaign_add_detainee (a, detainee, &error), error);
      g_ptr_array_add (detainees, g_strdup (detainee->id));
    }
  office->code = g_strdup ("KC");
  office->name = g_strdup ("Kampong Cham office");
  check (sb_campaign_add_office (a, office, &error), error);

  clock_start = start_clock ();
  check (sb_campaign_invite_office (a, "KC", "kampot pepper at dawn", invitation, &error), error);
  stop_clock (clock_start, "invite (Argon2id, snapshot, seal)", 0);
  clock_start = start_clock ();
  check (sb_campaign_join (invitation, "kampot pepper at dawn", path_b, &error), error);
  stop_clock (clock_start, "join (Argon2id, open, check)", 0);
  b = sb_campaign_open (path_b, FALSE, &error);
  check (b != NULL, error);
  check (sb_campaign_set_exchange_folder (a, folder, &error), error);
  check (sb_campaign_set_exchange_folder (b, folder, &error), error);

  clock_start = start_clock ();
  check (typed || sb_campaign_begin (a, &error), error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();
      const char *to[] = { detainees->pdata[i % detainees->len], NULL };

      message->original_text = g_strdup_printf ("%s (%u)", phrases[i % G_N_ELEMENTS (phrases)], i);
      message->sender_name = g_strdup_printf ("Sender %u", i);
      message->sender_city = g_strdup ("Phnom Penh");
      message->received_on = g_strdup ("2016-09-01");
      text_bytes += strlen (message->original_text);
      check (sb_campaign_add_message (a, message, &error), error);
      check (!addressed || sb_campaign_assign (a, message->id, to, &error), error);
    }
  check (typed || sb_campaign_commit (a, &error), error);
  stop_clock (clock_start, typed ? "add messages, one commit each" : "add messages, one transaction", 0);

  clock_start = start_clock ();
  check (sb_campaign_send_changes (a, NULL, &report, &error), error);
  stop_clock (clock_start, "write the bundle (send)", 1000);
  g_print ("%-44s %u\n", "changes in it", report.changes_sent);
  sb_exchange_report_clear (&report);

  listing = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0)
        bundle_bytes += st.st_size;
    }
  g_print ("%-44s %" G_GINT64_FORMAT " bytes, text %" G_GINT64_FORMAT " bytes\n", "bundle",
           bundle_bytes, text_bytes);
  g_print ("%-44s %.0f bytes (budget 400)\n", addressed ? "a message beyond its text (with its copy)" : "a message beyond its text",
           (double) (bundle_bytes - text_bytes) / n);

  clock_start = start_clock ();
  check (sb_campaign_receive_changes (b, NULL, &report, NULL, &error), error);
  stop_clock (clock_start, "apply the bundle (receive, index included)", 3000);
  g_print ("%-44s %u, refused %u\n", "changes applied", report.changes_received,
           report.bundles_refused);
  sb_exchange_report_clear (&report);

  for (guint round = 0; round < 2; round++)
    {
      SbCampaign *campaign = round == 0 ? a : b;
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      double sum_cpu = 0;

      /* The first of these may still send or apply a little (B's own registration). */
      check (sb_campaign_exchange (campaign, NULL, &report, NULL, &error), error);
      sb_exchange_report_clear (&report);
      for (guint i = 0; i < 20; i++)
        {
          gint64 wall = g_get_monotonic_time ();
          clock_t cpu = clock ();
          double ms;

          check (sb_campaign_exchange (campaign, NULL, &report, NULL, &error), error);
          g_assert (report.changes_sent == 0 && report.changes_received == 0);
          sb_exchange_report_clear (&report);
          ms = (g_get_monotonic_time () - wall) / 1000.0;
          sum_cpu += (double) (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC;
          g_array_append_val (times, ms);
        }
      {
        double max = 0, total = 0;

        for (guint i = 0; i < times->len; i++)
          {
            max = MAX (max, g_array_index (times, double, i));
            total += g_array_index (times, double, i);
          }
        g_print ("nothing new, %s: mean wall %.2f ms, max %.2f ms, mean cpu %.2f ms (budget 50 ms)\n",
                 round == 0 ? "PP" : "KC", total / times->len, max, sum_cpu / times->len);
      }
    }

  /* Many bundles accumulate in the folder: 500 more, one postcard each, all
   * received; then nothing new must still be cheap (decided by the names). */
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();

      message->original_text = g_strdup_printf ("One more postcard (%u)", i);
      message->received_on = g_strdup ("2016-09-02");
      check (sb_campaign_add_message (a, message, &error), error);
      check (sb_campaign_send_changes (a, NULL, &report, &error), error);
      sb_exchange_report_clear (&report);
    }
  clock_start = start_clock ();
  check (sb_campaign_exchange (b, NULL, &report, NULL, &error), error);
  stop_clock (clock_start, "receive 500 bundles of one postcard each", 0);
  g_assert (report.changes_received == 500);
  sb_exchange_report_clear (&report);
  {
    double wall_total = 0, cpu_total = 0;

    for (guint i = 0; i < 20; i++)
      {
        gint64 wall = g_get_monotonic_time ();
        clock_t cpu = clock ();

        check (sb_campaign_exchange (b, NULL, &report, NULL, &error), error);
        g_assert (report.changes_sent == 0 && report.changes_received == 0);
        sb_exchange_report_clear (&report);
        wall_total += (g_get_monotonic_time () - wall) / 1000.0;
        cpu_total += (double) (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC;
      }
    g_print ("nothing new, KC, 503 bundles in the folder: mean wall %.2f ms, mean cpu %.2f ms "
             "(budget 50 ms)\n", wall_total / 20, cpu_total / 20);
  }

  sb_campaign_close (a);
  sb_campaign_close (b);
  {
    const char *names[] = { "pp.sambot", "kc.sambot", "kc.sbinvite", NULL };
    g_autoptr(GDir) files = g_dir_open (folder, 0, NULL);

    while (files != NULL && (name = g_dir_read_name (files)) != NULL)
      {
        g_autofree char *file = g_build_filename (folder, name, NULL);

        g_unlink (file);
      }
    g_rmdir (folder);
    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *file = g_build_filename (dir, names[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
