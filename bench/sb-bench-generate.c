/* sb-bench-generate.c — makes a realistic campaign of N messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sb-bench-generate N FILE [--seed S] [--add-only]
 *
 * Everything goes through the core API, the messages in one bulk transaction; the
 * creation rate is printed as a RESULT line (see sb-bench.h).
 */

#include <glib/gstdio.h>

#include "sb-bench.h"
#include "sb-bench-campaign.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *note = NULL;
  SbBenchFlags flags = SB_BENCH_FULL;
  SbBenchTimes times;
  guint32 seed = 1;
  guint64 n = 0;
  int positional = 0;
  const char *path = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        seed = (guint32) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--add-only"))
        flags |= SB_BENCH_ADD_ONLY;
      else if (positional == 0 && ++positional)
        n = g_ascii_strtoull (argv[i], NULL, 10);
      else if (positional == 1 && ++positional)
        path = argv[i];
      else
        positional = 99;
    }
  if (positional != 2 || n == 0 || n > G_MAXUINT)
    {
      g_printerr ("Usage: %s N FILE [--seed S] [--add-only]\n", argv[0]);
      return 2;
    }

  g_unlink (path);
  campaign = sb_bench_create_campaign (path, seed, &error);
  if (campaign == NULL)
    sb_bench_fail (path, error);
  if (!sb_bench_add_messages (campaign, (guint) n, seed, flags, &times, &error))
    sb_bench_fail ("generating messages", error);
  sb_campaign_close (campaign);

  g_print ("%s: %u messages in %.2f s — add %.2f s, assign %.2f s, review %.2f s, "
           "deliver %.2f s, commit %.2f s\n", path, times.messages, times.seconds,
           times.add_seconds, times.assign_seconds, times.review_seconds,
           times.deliver_seconds, times.commit_seconds);
  note = g_strdup_printf ("%u messages, one transaction%s", times.messages,
                          flags & SB_BENCH_ADD_ONLY ? ", add only" : ", add+assign+review+deliver");
  g_print ("RESULT\tgenerate %u (messages/s)\t%.0f\t%.0f\t%.0f\tmessages/s\t1\t%s\n",
           times.messages, times.messages / times.seconds, times.messages / times.seconds,
           times.messages / times.seconds, note);
  return 0;
}
