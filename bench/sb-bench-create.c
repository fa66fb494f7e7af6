/* sb-bench-create.c — bulk creation through the core API (an import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sb-bench-create DIR [--messages M] [--runs N]
 *
 * Each run makes a fresh campaign in DIR and adds M messages in one transaction:
 * first sb_campaign_add_message alone, then the whole life of each message (add,
 * assign, approve or hold, deliver).
 */

#include <glib/gstdio.h>

#include "sb-bench.h"
#include "sb-bench-campaign.h"

static void
run (SbBench      *bench,
     const char   *dir,
     guint         messages,
     guint         runs,
     SbBenchFlags  flags,
     const char   *job)
{
  g_autofree char *path = g_build_filename (dir, "create.sambot", NULL);
  g_autofree char *note = NULL;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCampaign) campaign = NULL;
      SbBenchTimes times;

      g_unlink (path);
      campaign = sb_bench_create_campaign (path, 1 + i, &error);
      if (campaign == NULL)
        sb_bench_fail (path, error);
      if (!sb_bench_add_messages (campaign, messages, 1 + i, flags, &times, &error))
        sb_bench_fail ("adding messages", error);
      sb_bench_add (bench, times.messages / times.seconds);
      sb_campaign_close (campaign);
    }
  g_unlink (path);
  note = g_strdup_printf ("%u messages per run into a new campaign, one transaction", messages);
  sb_bench_report (bench, job, "messages/s", note);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  guint runs = sb_bench_runs (&argc, &argv, 10);
  guint messages = 20000;

  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--messages"))
      {
        messages = (guint) g_ascii_strtoull (argv[i + 1], NULL, 10);
        memmove (&argv[i], &argv[i + 2], (argc - i - 2 + 1) * sizeof (char *));
        argc -= 2;
      }
  if (argc != 2 || messages == 0)
    {
      g_printerr ("Usage: %s DIR [--messages M] [--runs N]\n", argv[0]);
      return 2;
    }
  run (bench, argv[1], messages, runs, SB_BENCH_ADD_ONLY, "bulk creation (add_message)");
  run (bench, argv[1], messages, runs, SB_BENCH_INTAKE, "bulk creation with copies (intake)");
  run (bench, argv[1], messages, runs, SB_BENCH_FULL, "bulk creation (add+assign+review+deliver)");
  return 0;
}
