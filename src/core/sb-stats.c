/* sb-stats.c — day counts and the campaign's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-campaign-private.h"

static void
detainee_stats_free (SbDetaineeStats *stats)
{
  g_free (stats->detainee_id);
  g_free (stats->name_en);
  g_free (stats->name_km);
  g_free (stats->detained_on);
  g_free (stats->released_on);
  g_free (stats);
}

void
sb_stats_free (SbStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->as_of);
  g_free (stats->launch_date);
  g_clear_pointer (&stats->detainees, g_ptr_array_unref);
  g_free (stats);
}

SbDetaineeStats *
_sb_detainee_stats_new (void)
{
  return g_new0 (SbDetaineeStats, 1);
}

GPtrArray *
_sb_detainee_stats_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) detainee_stats_free);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned year, month, day;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (year < 1900 || year > 2999 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * sb_date_is_valid:
 * Returns: %TRUE if @date is a real calendar day written YYYY-MM-DD
 */
gboolean
sb_date_is_valid (const char *date)
{
  GDate parsed;

  return parse_date (date, &parsed);
}

/**
 * sb_days_between:
 * Returns: the number of days from @from to @to (negative if @to is earlier), or
 *   G_MININT if either is not a date
 */
int
sb_days_between (const char *from,
                 const char *to)
{
  GDate a, b;

  if (!parse_date (from, &a) || !parse_date (to, &b))
    return G_MININT;
  return g_date_days_between (&a, &b);
}

/**
 * sb_days_detained:
 * @detained_on: (nullable): the day of arrest, which is day 0
 * @released_on: (nullable): the day of release, if any
 * @as_of: the day to count to
 *
 * Returns: days in detention as of @as_of (the final count once released), 0 before
 *   the arrest, or -1 when the arrest date is unknown
 */
int
sb_days_detained (const char *detained_on,
                  const char *released_on,
                  const char *as_of)
{
  const char *until = as_of;
  int days;

  if (!sb_date_is_valid (detained_on))
    return -1;
  if (sb_date_is_valid (released_on) && sb_days_between (released_on, as_of) > 0)
    until = released_on;
  days = sb_days_between (detained_on, until);
  if (days == G_MININT)
    return -1;
  return MAX (days, 0);
}

/**
 * sb_today:
 * Returns: (transfer full): today's date in local time, YYYY-MM-DD
 */
char *
sb_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}
