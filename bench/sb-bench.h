/* sb-bench.h — a tiny harness shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each benchmark times one job a person would notice, several times, and prints one
 * line per job that bench/run.sh gathers into bench/out/results.md:
 *
 *   RESULT<TAB>job<TAB>median<TAB>min<TAB>max<TAB>unit<TAB>runs<TAB>note
 *
 * Machines here are shared and noisy: the median is the figure to read.
 */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct
{
  GArray *samples;     /* double */
  gint64  started;
} SbBench;

static inline SbBench *
sb_bench_new (void)
{
  SbBench *bench = g_new0 (SbBench, 1);

  bench->samples = g_array_new (FALSE, FALSE, sizeof (double));
  return bench;
}

static inline void
sb_bench_free (SbBench *bench)
{
  g_array_unref (bench->samples);
  g_free (bench);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBench, sb_bench_free)

static inline void
sb_bench_reset (SbBench *bench)
{
  g_array_set_size (bench->samples, 0);
}

static inline void
sb_bench_start (SbBench *bench)
{
  bench->started = g_get_monotonic_time ();
}

/* Ends one run; returns its duration in milliseconds. */
static inline double
sb_bench_stop (SbBench *bench)
{
  double ms = (g_get_monotonic_time () - bench->started) / 1000.0;

  g_array_append_val (bench->samples, ms);
  return ms;
}

static inline void
sb_bench_add (SbBench *bench,
              double   value)
{
  g_array_append_val (bench->samples, value);
}

static inline int
sb_bench_compare_doubles (const void *a,
                          const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Prints the median, min and max of the samples so far, then forgets them. */
static inline double
sb_bench_report (SbBench    *bench,
                 const char *job,
                 const char *unit,
                 const char *note)
{
  guint n = bench->samples->len;
  double *v = (double *) (void *) bench->samples->data;
  double median;

  g_assert (n > 0);
  qsort (v, n, sizeof (double), sb_bench_compare_doubles);
  median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  printf ("RESULT\t%s\t%.3f\t%.3f\t%.3f\t%s\t%u\t%s\n",
          job, median, v[0], v[n - 1], unit, n, note ? note : "");
  fflush (stdout);
  sb_bench_reset (bench);
  return median;
}

/* Options every benchmark understands: --runs N. */
static inline guint
sb_bench_runs (int         *argc,
               char      ***argv,
               guint        fallback)
{
  guint runs = fallback;

  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--runs") && i + 1 < *argc)
      {
        runs = MAX (1, (guint) g_ascii_strtoull ((*argv)[i + 1], NULL, 10));
        memmove (&(*argv)[i], &(*argv)[i + 2], (*argc - i - 2 + 1) * sizeof (char *));
        *argc -= 2;
        break;
      }
  return runs;
}

static inline G_GNUC_NORETURN void
sb_bench_fail (const char *what,
               GError     *error)
{
  fprintf (stderr, "%s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

G_END_DECLS
