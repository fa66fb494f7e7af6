/* bench-infographic.c — infographics and the dashboard's figures on a big campaign,
 * against gnuplot drawing the same weekly bar chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-infographic FILE [--runs N]
 *
 * FILE is a campaign (bench/run.sh makes one of 100k messages with sb-bench-generate).
 * Jobs: the dashboard's query set (stats, breakdowns, milestones: what a refresh
 * reads); each kind of PNG, query + render; and, in the same run, gnuplot's
 * pngcairo terminal drawing messages per week from an exported CSV, as a technical
 * volunteer would today. The ratio is gnuplot's median over ours.
 */

#include <glib/gstdio.h>

#include "sb-bench.h"
#include "sb-campaign.h"
#include "sb-infographic.h"

static double
time_png (SbBench           *bench,
          SbCampaign        *campaign,
          SbInfographicKind  kind,
          guint              runs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *job = g_strdup_printf ("infographic %s png 1080 (query + render)",
                                          sb_infographic_kind_to_string (kind));

  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(SbInfographicData) data = NULL;
      g_autoptr(GBytes) png = NULL;

      sb_bench_start (bench);
      data = sb_infographic_data_new (campaign, NULL, &error);
      if (data != NULL)
        png = sb_infographic_render (data, kind, "en", SB_INFOGRAPHIC_PNG, 1080, 1080, &error);
      if (png == NULL)
        sb_bench_fail (job, error);
      sb_bench_stop (bench);
      if (i == 0)
        sb_bench_reset (bench);   /* the first run loads fonts and prepares statements */
    }
  sb_bench_report (bench, job, "ms", "≤ 150 ms wanted");

  /* The drawing alone, from figures already read. */
  {
    g_autoptr(SbInfographicData) data = sb_infographic_data_new (campaign, NULL, &error);
    g_autofree char *render_job = g_strdup_printf ("infographic %s png 1080 (render only)",
                                                   sb_infographic_kind_to_string (kind));

    if (data == NULL)
      sb_bench_fail (job, error);
    for (guint i = 0; i < runs; i++)
      {
        g_autoptr(GBytes) png = NULL;

        sb_bench_start (bench);
        png = sb_infographic_render (data, kind, "en", SB_INFOGRAPHIC_PNG, 1080, 1080, &error);
        if (png == NULL)
          sb_bench_fail (render_job, error);
        sb_bench_stop (bench);
      }
    return sb_bench_report (bench, render_job, "ms", NULL);
  }
}

static char *
export_weeks_csv (SbCampaign  *campaign,
                  const char  *dir,
                  GError     **error)
{
  g_autoptr(SbBreakdown) breakdown = sb_campaign_get_breakdown (campaign, NULL, error);
  g_autoptr(GString) csv = g_string_new ("week,messages\n");
  g_autofree char *path = g_build_filename (dir, "weeks.csv", NULL);
  g_autoptr(GDate) date = g_date_new ();

  if (breakdown == NULL)
    return NULL;
  g_date_set_parse (date, breakdown->first_week);
  for (guint i = 0; i < breakdown->weeks->len; i++)
    {
      char day[16];

      g_date_strftime (day, sizeof day, "%Y-%m-%d", date);
      g_string_append_printf (csv, "%s,%" G_GINT64_FORMAT "\n", day,
                              g_array_index (breakdown->weeks, gint64, i));
      g_date_add_days (date, 7);
    }
  if (!g_file_set_contents (path, csv->str, csv->len, error))
    return NULL;
  return g_steal_pointer (&path);
}

static double
time_gnuplot (SbBench    *bench,
              const char *csv,
              const char *dir,
              guint       runs)
{
  g_autofree char *png = g_build_filename (dir, "gnuplot.png", NULL);
  g_autofree char *script = g_strdup_printf (
    "set terminal pngcairo size 1080,1080 font 'Noto Sans,18'; set output '%s';"
    "set datafile separator ','; set style fill solid; set boxwidth 0.78 relative;"
    "set title 'Messages per week'; set xtics rotate by 45 right; unset key;"
    "plot '%s' every ::1 using 0:2:xtic(1) with boxes lc rgb '#f6b221'", png, csv);
  const char *argv[] = { "gnuplot", "-e", script, NULL };

  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(GError) error = NULL;
      int status = 0;

      sb_bench_start (bench);
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                         NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        sb_bench_fail ("gnuplot", error);
      sb_bench_stop (bench);
      if (i == 0)
        sb_bench_reset (bench);
    }
  g_remove (png);
  return sb_bench_report (bench, "gnuplot pngcairo, messages per week from CSV", "ms",
                          "the process only: the CSV export is not counted");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *found = g_find_program_in_path ("gnuplot");
  g_autofree char *note = NULL;
  guint runs = sb_bench_runs (&argc, &argv, 15);
  double ours, theirs;

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE [--runs N]\n", argv[0]);
      return 2;
    }
  campaign = sb_campaign_open (argv[1], TRUE, &error);
  if (campaign == NULL)
    sb_bench_fail (argv[1], error);

  /* What a dashboard refresh reads. */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(SbInfographicData) data = NULL;

      sb_bench_start (bench);
      data = sb_infographic_data_new (campaign, NULL, &error);
      if (data == NULL)
        sb_bench_fail ("dashboard", error);
      sb_bench_stop (bench);
      if (i == 0)
        sb_bench_reset (bench);
    }
  sb_bench_report (bench, "dashboard refresh queries (stats, breakdowns, milestones)", "ms",
                   "≤ 100 ms wanted");

  time_png (bench, campaign, SB_INFOGRAPHIC_DAYS, runs);
  time_png (bench, campaign, SB_INFOGRAPHIC_MESSAGES, runs);
  time_png (bench, campaign, SB_INFOGRAPHIC_COUNTRIES, runs);
  ours = time_png (bench, campaign, SB_INFOGRAPHIC_TIMELINE, runs);

  if (found == NULL)
    {
      g_printerr ("gnuplot is not installed (apt install gnuplot-nox): no comparison\n");
      return 0;
    }
  dir = g_dir_make_tmp ("sambot-bench-infographic-XXXXXX", &error);
  csv = dir ? export_weeks_csv (campaign, dir, &error) : NULL;
  if (csv == NULL)
    sb_bench_fail ("csv", error);
  theirs = time_gnuplot (bench, csv, dir, runs);
  g_remove (csv);
  g_rmdir (dir);

  note = g_strdup_printf ("gnuplot %.1f ms / timeline render %.1f ms", theirs, ours);
  printf ("RESULT\tgnuplot / sambot timeline render (ratio)\t%.2f\t%.2f\t%.2f\tx\t1\t%s\n",
          theirs / ours, theirs / ours, theirs / ours, note);
  return 0;
}
