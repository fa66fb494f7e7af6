/* sb-bench-open.c — opening a campaign as the app does: open, then the first figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sb-bench-open FILE [--runs N]
 */

#include "sb-bench.h"
#include "sb-campaign.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  guint runs = sb_bench_runs (&argc, &argv, 20);

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE [--runs N]\n", argv[0]);
      return 2;
    }

  /* One untimed run warms the page cache: these are warm-cache figures. */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(SbCampaign) campaign = NULL;
      g_autoptr(SbStats) stats = NULL;

      sb_bench_start (bench);
      campaign = sb_campaign_open (argv[1], FALSE, &error);
      if (campaign == NULL)
        sb_bench_fail (argv[1], error);
      stats = sb_campaign_get_stats (campaign, NULL, &error);
      if (stats == NULL)
        sb_bench_fail ("stats", error);
      sb_bench_stop (bench);
      if (i == 0)
        sb_bench_reset (bench);
      sb_campaign_close (campaign);
    }
  sb_bench_report (bench, "open + first stats", "ms", "sb_campaign_open + sb_campaign_get_stats");

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(SbCampaign) campaign = NULL;

      sb_bench_start (bench);
      campaign = sb_campaign_open (argv[1], FALSE, &error);
      if (campaign == NULL)
        sb_bench_fail (argv[1], error);
      sb_bench_stop (bench);
      sb_campaign_close (campaign);
    }
  sb_bench_report (bench, "open alone", "ms", "sb_campaign_open");

  {
    g_autoptr(SbCampaign) campaign = sb_campaign_open (argv[1], FALSE, &error);

    if (campaign == NULL)
      sb_bench_fail (argv[1], error);
    for (guint i = 0; i < MAX (3, runs / 4); i++)
      {
        g_autoptr(GPtrArray) problems = NULL;

        sb_bench_start (bench);
        if (!sb_campaign_check (campaign, &problems, &error))
          sb_bench_fail ("check", error);
        sb_bench_stop (bench);
        g_assert (problems->len == 0);
      }
    sb_bench_report (bench, "integrity check", "ms", "quick_check + foreign_key_check (sambot-cli check)");
    sb_campaign_close (campaign);
  }
  return 0;
}
