/* sb-bench-search.c — searching the messages as a person types a query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sb-bench-search FILE [--runs N]
 *
 * Each query asks for the first page (50 ids, newest first) and the total, as the
 * message list does.
 */

#include "sb-bench.h"
#include "sb-bench-campaign.h"

static const struct
{
  const char *job;
  const char *query;
} queries[] = {
  { "search rare Latin 3+",    SB_BENCH_RARE_LATIN },
  { "search rare Khmer 3+",    SB_BENCH_RARE_KHMER },
  { "search rare name 3+",     "Lavoie" },
  { "search absent 3+",        "xylophone" },
  { "search common Latin 3+",  "strong" },
  { "search common Khmer 3+",  "សិទ្ធិមនុស្ស" },
  { "search very common 3+",   "the" },
  { "search common Khmer 1",   "ស" },
  { "search common Latin 1",   "e" },
  { "search rare 1",           "ø" },
  { "search Latin 2",          "zu" },
  { "search Khmer 2",          "ស្" },
  { "search Khmer name 2",     "នី" },
  { "search absent 2",         "qx" },
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  guint runs = sb_bench_runs (&argc, &argv, 50);

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE [--runs N]\n", argv[0]);
      return 2;
    }
  campaign = sb_campaign_open (argv[1], TRUE, &error);
  if (campaign == NULL)
    sb_bench_fail (argv[1], error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *note = NULL;
      gint64 total = 0;
      guint found = 0;

      for (guint i = 0; i <= runs; i++)
        {
          g_autoptr(GPtrArray) ids = NULL;

          sb_bench_start (bench);
          ids = sb_campaign_search (campaign, queries[q].query, 50, &total, &error);
          if (ids == NULL)
            sb_bench_fail (queries[q].query, error);
          sb_bench_stop (bench);
          if (i == 0)
            sb_bench_reset (bench);
          found = ids->len;
        }
      note = g_strdup_printf ("“%s”: %u shown, total %" G_GINT64_FORMAT,
                              queries[q].query, found, total);
      sb_bench_report (bench, queries[q].job, "ms", note);
    }
  return 0;
}
