/* sb-week-chart-dates.c — the dates under the weekly chart: the finest that fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each week, every two or four weeks, each month, quarter, half-year, year…: the first
 * granularity whose labels stand side by side without touching. The year is under the
 * first label and under the first of each new year.
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include "sb-text.h"
#include "sb-week-chart-private.h"

typedef enum { BY_WEEK, BY_MONTH, BY_YEAR } Unit;

static const struct
{
  Unit unit;
  int  every;
} granularities[] = {
  { BY_WEEK, 1 }, { BY_WEEK, 2 }, { BY_WEEK, 4 },
  { BY_MONTH, 1 }, { BY_MONTH, 2 }, { BY_MONTH, 3 }, { BY_MONTH, 6 },
  { BY_YEAR, 1 }, { BY_YEAR, 2 }, { BY_YEAR, 5 }, { BY_YEAR, 10 }, { BY_YEAR, 50 },
};

static char *
localise (const char *lang,
          char       *text)
{
  char *khmer;

  if (g_strcmp0 (lang, "km") != 0)
    return text;
  khmer = sb_text_to_khmer_digits (text);
  g_free (text);
  return khmer;
}

/* "8 Aug", "Aug" or "2016", with the year under it when @with_year. */
static char *
date_text (const char *lang,
           const GDate *date,
           Unit         unit,
           gboolean     with_year)
{
  const char *month = sb_text_month_name (g_date_get_month (date), lang, TRUE);
  int year = g_date_get_year (date);

  if (unit == BY_YEAR)
    return localise (lang, g_strdup_printf ("%d", year));
  if (unit == BY_MONTH)
    return localise (lang, with_year ? g_strdup_printf ("%s\n%d", month, year) : g_strdup (month));
  return localise (lang, with_year
                           ? g_strdup_printf ("%d %s\n%d", g_date_get_day (date), month, year)
                           : g_strdup_printf ("%d %s", g_date_get_day (date), month));
}

static gboolean
is_boundary (const GDate *date,
             Unit         unit,
             int          every,
             int          day)
{
  switch (unit)
    {
    case BY_WEEK:
      return day % (7 * every) == 0;
    case BY_MONTH:
      return g_date_get_day (date) == 1 && (g_date_get_month (date) - 1) % every == 0;
    case BY_YEAR:
      return g_date_get_day (date) == 1 && g_date_get_month (date) == 1 &&
             g_date_get_year (date) % every == 0;
    default:
      g_assert_not_reached ();
    }
}

/* The date labels at one granularity, from day 0 (when @from_day_0) or from the first
 * boundary; NULL when they cannot fit side by side (@greedy: leave out those that
 * do not). */
static GPtrArray *
make_dates (SbWeekChart                *chart,
            PangoContext               *context,
            const PangoFontDescription *font,
            Unit                        unit,
            int                         every,
            gboolean                    from_day_0,
            gboolean                    greedy)
{
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) _sb_week_chart_label_free);
  int n_days = chart->weeks->len * 7;
  int step = unit == BY_WEEK ? 7 * every : 1;
  double slot = chart->bars_w / chart->weeks->len;
  double free_from = -G_MAXDOUBLE;
  double right = chart->x + chart->width;
  int last_year = 0;

  for (int day = 0; day < n_days; day += step)
    {
      GDate date = chart->first;
      ChartLabel *label;
      double x;

      g_date_add_days (&date, day);
      if (!is_boundary (&date, unit, every, day) && !(day == 0 && from_day_0))
        continue;
      x = chart->bars_x + slot * day / 7.0;
      label = _sb_week_chart_label_new (context, font, SB_WEEK_CHART_LABEL_DATE,
                         date_text (chart->lang, &date, unit,
                                    g_date_get_year (&date) != last_year));
      label->tick_x = x;
      label->public.x = x + 0.2 * chart->em;
      /* Past the right edge: this one and the next ones are left out. Over the one
       * before: too many at this granularity. */
      if (label->public.x + label->public.width > right ||
          (label->public.x < free_from && greedy))
        {
          _sb_week_chart_label_free (label);
          continue;
        }
      if (label->public.x < free_from)
        {
          _sb_week_chart_label_free (label);
          return NULL;
        }
      last_year = g_date_get_year (&date);
      free_from = label->public.x + label->public.width + 0.6 * chart->em;
      g_ptr_array_add (dates, label);
    }
  return dates->len > 0 ? g_steal_pointer (&dates) : NULL;
}

GPtrArray *
_sb_week_chart_choose_dates (SbWeekChart                *chart,
              PangoContext               *context,
              const PangoFontDescription *font)
{
  GPtrArray *dates;

  if (!g_date_valid (&chart->first))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (granularities); i++)
    for (int from_day_0 = TRUE; from_day_0 >= FALSE; from_day_0--)
      {
        dates = make_dates (chart, context, font, granularities[i].unit,
                            granularities[i].every, from_day_0, FALSE);
        if (dates != NULL)
          return dates;
      }
  return make_dates (chart, context, font, BY_YEAR, 100, TRUE, TRUE);
}

