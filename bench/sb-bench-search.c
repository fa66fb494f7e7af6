/* sb-bench-search.c — searching the messages as a person types a query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sb-bench-search FILE [--runs N] [QUERY...]
 *
 * Without QUERY, the terms below. Each query asks for the first page (50 ids, newest first) and the total, as the
 * message list does. The note gives the median CPU time too: on a shared machine
 * the wall clock also counts the neighbours.
 */

#include <time.h>

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
  { "search common word 3+",   "free" },
  { "search absent 3+ common pieces", "eee" },
  { "search rare phrase of common words 3+", "and the" },
  { "search common Khmer 1",   "ស" },
  { "search common Latin 1",   "e" },
  { "search rare 1",           "ø" },
  { "search Latin 2",          "zu" },
  { "search common Latin 2",   "th" },
  { "search Khmer 2",          "ស្" },
  { "search Khmer name 2",     "នី" },
  { "search absent 2",         "qx" },
};

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
median_of (GArray *values)
{
  double *v = (double *) (void *) values->data;

  qsort (v, values->len, sizeof (double), sb_bench_compare_doubles);
  return values->len % 2 ? v[values->len / 2] : (v[values->len / 2 - 1] + v[values->len / 2]) / 2;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  guint runs = sb_bench_runs (&argc, &argv, 50);

  if (argc < 2)
    {
      g_printerr ("Usage: %s FILE [--runs N] [QUERY...]\n", argv[0]);
      return 2;
    }
  campaign = sb_campaign_open (argv[1], TRUE, &error);
  if (campaign == NULL)
    sb_bench_fail (argv[1], error);

  for (guint q = 0; q < (argc > 2 ? (guint) argc - 2 : G_N_ELEMENTS (queries)); q++)
    {
      const char *query = argc > 2 ? argv[q + 2] : queries[q].query;
      g_autofree char *job = argc > 2 ? g_strdup_printf ("search “%s”", query)
                                      : g_strdup (queries[q].job);
      g_autofree char *note = NULL;
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 total = 0;
      guint found = 0;

      for (guint i = 0; i <= runs; i++)
        {
          g_autoptr(GPtrArray) ids = NULL;
          double cpu_started = cpu_ms ();
          double cpu_spent;

          sb_bench_start (bench);
          ids = sb_campaign_search (campaign, query, 50, &total, &error);
          if (ids == NULL)
            sb_bench_fail (query, error);
          sb_bench_stop (bench);
          cpu_spent = cpu_ms () - cpu_started;
          if (i == 0)
            sb_bench_reset (bench);
          else
            g_array_append_val (cpu, cpu_spent);
          found = ids->len;
        }
      note = g_strdup_printf ("“%s”: %u shown, total %" G_GINT64_FORMAT ", CPU %.1f ms",
                              query, found, total, median_of (cpu));
      sb_bench_report (bench, job, "ms", note);
    }
  return 0;
}
