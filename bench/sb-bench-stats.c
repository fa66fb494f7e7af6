/* sb-bench-stats.c — the campaign's figures (dashboard, `sambot-cli stats`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sb-bench-stats FILE [--runs N]
 */

#include "sb-bench.h"
#include "sb-campaign.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *note = NULL;
  guint runs = sb_bench_runs (&argc, &argv, 50);
  gint64 sent = 0, delivered = 0;

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE [--runs N]\n", argv[0]);
      return 2;
    }
  campaign = sb_campaign_open (argv[1], TRUE, &error);
  if (campaign == NULL)
    sb_bench_fail (argv[1], error);

  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(SbStats) stats = NULL;

      sb_bench_start (bench);
      stats = sb_campaign_get_stats (campaign, NULL, &error);
      if (stats == NULL)
        sb_bench_fail ("stats", error);
      sb_bench_stop (bench);
      if (i == 0)
        sb_bench_reset (bench);   /* the first run prepares the statements */
      sent = stats->messages_sent;
      delivered = stats->messages_delivered;
    }
  note = g_strdup_printf ("sb_campaign_get_stats: %" G_GINT64_FORMAT " sent, %"
                          G_GINT64_FORMAT " delivered", sent, delivered);
  sb_bench_report (bench, "stats", "ms", note);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(SbStats) stats = NULL;

      sb_bench_start (bench);
      stats = sb_campaign_get_stats (campaign, "2016-10-10", &error);
      if (stats == NULL)
        sb_bench_fail ("stats", error);
      sb_bench_stop (bench);
    }
  sb_bench_report (bench, "stats as of 2016-10-10", "ms", "sb_campaign_get_stats with a past as-of day");
  return 0;
}
