/* sb-week-chart.c — messages per week as bars, with their axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values' axis is as wide as its widest label, measured (1,000,000 in Khmer digits
 * is wider than 150 in Latin ones); the dates under the bars are the finest that fit
 * side by side — each week, each month, each quarter, each year — with the year on the
 * first and on every January. The last week, when the as-of day falls inside it, is
 * hatched and says "This week so far": its bar is short because the week is not over,
 * not because fewer people wrote.
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "sb-text.h"
#include "sb-vocabulary.h"
#include "sb-week-chart-private.h"

/* Translators: over the last bar of the weekly chart, when the week is not over
 * yet: its bar is short for that reason. */
static const char *const this_week_so_far = NC_("chart", "This week so far");

/* ------------------------------------------------------------------------ */
/* Labels                                                                   */
/* ------------------------------------------------------------------------ */

void
_sb_week_chart_label_free (ChartLabel *label)
{
  g_free (label->text);
  g_clear_object (&label->layout);
  g_free (label);
}

/* A label is never given a width: Pango neither wraps nor ellipsizes it, and the
 * chart makes room for what it measures. */
ChartLabel *
_sb_week_chart_label_new (PangoContext               *context,
                          const PangoFontDescription *font,
                          SbWeekChartLabelKind        kind,
                          char                       *text)
{
  ChartLabel *label = g_new0 (ChartLabel, 1);
  PangoRectangle logical;

  label->text = text;
  label->layout = pango_layout_new (context);
  pango_layout_set_font_description (label->layout, font);
  pango_layout_set_text (label->layout, text, -1);
  pango_layout_get_extents (label->layout, NULL, &logical);
  label->public.kind = kind;
  label->public.text = label->text;
  label->public.width = (double) logical.width / PANGO_SCALE;
  label->public.height = (double) logical.height / PANGO_SCALE;
  return label;
}

/* ------------------------------------------------------------------------ */
/* Layout                                                                   */
/* ------------------------------------------------------------------------ */

/* A round step for about @lines grid lines up to @most: 1, 2 or 5 × 10^k. */
static gint64
grid_step (gint64 most,
           int    lines)
{
  gint64 step = 1;

  while (step * lines < most)
    {
      if (step * 2 * lines >= most)
        return step * 2;
      if (step * 5 * lines >= most)
        return step * 5;
      step *= 10;
    }
  return step;
}

/**
 * sb_week_chart_new:
 * @breakdown: the weeks, the day they start from and the as-of day
 * @lang: "en" or "km": the language of the dates, and its digits
 *
 * Returns: (transfer full): a chart to lay out with sb_week_chart_layout()
 */
SbWeekChart *
sb_week_chart_new (const SbBreakdown *breakdown,
                   const char        *lang)
{
  SbWeekChart *chart = g_new0 (SbWeekChart, 1);
  gint64 most = 0;

  g_return_val_if_fail (breakdown != NULL, NULL);

  chart->weeks = g_array_copy (breakdown->weeks);
  chart->lang = g_strdup (g_strcmp0 (lang, "km") == 0 ? "km" : "en");
  chart->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) _sb_week_chart_label_free);
  chart->days_in_last = 7;
  g_date_clear (&chart->first, 1);
  if (breakdown->first_week != NULL)
    g_date_set_parse (&chart->first, breakdown->first_week);
  if (g_date_valid (&chart->first) && breakdown->as_of != NULL && chart->weeks->len > 0)
    {
      GDate as_of;

      g_date_clear (&as_of, 1);
      g_date_set_parse (&as_of, breakdown->as_of);
      if (g_date_valid (&as_of) && g_date_days_between (&chart->first, &as_of) >= 0)
        chart->days_in_last = g_date_days_between (&chart->first, &as_of) % 7 + 1;
    }
  for (guint i = 0; i < chart->weeks->len; i++)
    most = MAX (most, g_array_index (chart->weeks, gint64, i));
  chart->step = grid_step (MAX (most, 1), 4);
  chart->top = (MAX (most, 1) + chart->step - 1) / chart->step * chart->step;
  return chart;
}

void
sb_week_chart_free (SbWeekChart *chart)
{
  if (chart == NULL)
    return;
  g_array_unref (chart->weeks);
  g_ptr_array_unref (chart->labels);
  g_free (chart->lang);
  g_free (chart);
}

static double
bar_top (SbWeekChart *chart,
         guint        week)
{
  return chart->bars_y +
         chart->bars_h * (chart->top - g_array_index (chart->weeks, gint64, week)) / chart->top;
}

/* Each week's number, to go over its bar; NULL when one of them is wider than its bar
 * (many weeks, or big numbers): the values' axis then says it alone. */
static GPtrArray *
make_counts (SbWeekChart                *chart,
             PangoContext               *context,
             const PangoFontDescription *font)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) _sb_week_chart_label_free);
  double slot = chart->bars_w / chart->weeks->len;

  for (guint i = 0; i < chart->weeks->len; i++)
    {
      gint64 n = g_array_index (chart->weeks, gint64, i);
      ChartLabel *label = _sb_week_chart_label_new (context, font, SB_WEEK_CHART_LABEL_COUNT,
                                                    sb_text_format_count (n, chart->lang));

      g_ptr_array_add (counts, label);
      if (label->public.width > slot * 0.78 - 0.2 * chart->em)
        return NULL;
    }
  return g_steal_pointer (&counts);
}

static void
mark_cut (SbWeekChart *chart,
          ChartLabel  *label)
{
  SbWeekChartLabel *l = &label->public;
  double slack = 0.5;

  l->cut = pango_layout_is_ellipsized (label->layout) ||
           l->x < chart->x - slack || l->y < chart->y - slack ||
           l->x + l->width > chart->x + chart->width + slack ||
           l->y + l->height > chart->y + chart->height + slack;
}

/**
 * sb_week_chart_layout:
 * @context: where the labels are measured, as they will be drawn
 * @font: the labels' font
 *
 * Places the values, the bars (with their numbers when these fit over them), the dates
 * and the note on the last week inside the area, each label whole. A chart with no weeks has nothing to place.
 */
void
sb_week_chart_layout (SbWeekChart                *chart,
                      PangoContext               *context,
                      const PangoFontDescription *font,
                      double                      x,
                      double                      y,
                      double                      width,
                      double                      height)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) dates = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  ChartLabel *partial = NULL;
  double values_w = 0, dates_h = 0, count_h, top_room, bars_and_room, tick;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  g_ptr_array_set_size (chart->labels, 0);
  chart->x = x;
  chart->y = y;
  chart->width = width;
  chart->height = height;
  if (chart->weeks->len == 0)
    return;

  for (gint64 value = 0; value <= chart->top; value += chart->step)
    {
      ChartLabel *label = _sb_week_chart_label_new (context, font, SB_WEEK_CHART_LABEL_VALUE,
                                                    sb_text_format_count (value, chart->lang));

      values_w = MAX (values_w, label->public.width);
      chart->em = MAX (chart->em, label->public.height);
      g_ptr_array_add (values, label);
      g_ptr_array_add (chart->labels, label);
    }
  tick = 0.4 * chart->em;
  chart->bars_x = x + values_w + 0.5 * chart->em;
  chart->bars_w = MAX (x + width - chart->bars_x, 1);

  dates = _sb_week_chart_choose_dates (chart, context, font);
  for (guint i = 0; dates != NULL && i < dates->len; i++)
    dates_h = MAX (dates_h, ((ChartLabel *) g_ptr_array_index (dates, i))->public.height);

  counts = make_counts (chart, context, font);
  count_h = counts != NULL ? chart->em : 0;
  top_room = MAX (chart->em / 2, count_h);
  bars_and_room = height - (dates_h > 0 ? tick + dates_h : 0);
  if (chart->days_in_last < 7)
    {
      double need, share;
      gint64 n = 0;

      partial = _sb_week_chart_label_new (context, font, SB_WEEK_CHART_LABEL_PARTIAL,
                                          g_strdup (sb_vocabulary_word_in (chart->lang, "chart",
                                                                           this_week_so_far)));
      /* Over the last bar and over those it reaches across, at the right edge. */
      partial->public.x = MIN (sb_week_chart_day_x (chart, 7.0 * (chart->weeks->len - 1)),
                               x + width - partial->public.width);
      partial->public.x = MAX (partial->public.x, x);
      for (int week = sb_week_chart_week_at (chart, partial->public.x);
           week >= 0 && week < (int) chart->weeks->len; week++)
        n = MAX (n, g_array_index (chart->weeks, gint64, week));
      /* As much room above the bars as it needs over the tallest of them, no more. */
      need = count_h + partial->public.height + 0.2 * chart->em;
      share = (double) n / chart->top;
      if (need > bars_and_room * (1 - share))
        top_room = MAX (top_room, (need - bars_and_room * (1 - share)) / MAX (share, 0.01));
      partial->public.y = n;   /* the tallest, until the bars are placed */
    }
  chart->bars_y = y + top_room;
  chart->bars_h = MAX (bars_and_room - top_room, 1);

  for (guint i = 0; i < values->len; i++)
    {
      ChartLabel *label = g_ptr_array_index (values, i);
      gint64 value = chart->step * i;
      double line_y = chart->bars_y + chart->bars_h * (chart->top - value) / chart->top;

      label->public.x = chart->bars_x - 0.5 * chart->em - label->public.width;
      label->public.y = line_y - label->public.height / 2;
      /* The 0 stays inside the area when there are no dates under it. */
      if (value == 0)
        label->public.y = MIN (label->public.y, y + height - label->public.height);
    }
  while (dates != NULL && dates->len > 0)
    {
      ChartLabel *label = g_ptr_array_steal_index (dates, 0);

      label->public.y = chart->bars_y + chart->bars_h + tick;
      g_ptr_array_add (chart->labels, label);
    }
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      ChartLabel *label = g_ptr_array_index (counts, i);

      label->public.x = sb_week_chart_day_x (chart, 7.0 * i + 3.5) - label->public.width / 2;
      label->public.y = bar_top (chart, i) - label->public.height;
    }
  while (counts != NULL && counts->len > 0)
    g_ptr_array_add (chart->labels, g_ptr_array_steal_index (counts, 0));
  if (partial != NULL)
    {
      double tallest = partial->public.y;

      partial->public.y = MAX (chart->bars_y + chart->bars_h * (chart->top - tallest) / chart->top -
                               count_h - partial->public.height - 0.2 * chart->em, y);
      g_ptr_array_add (chart->labels, partial);
    }
  for (guint i = 0; i < chart->labels->len; i++)
    mark_cut (chart, g_ptr_array_index (chart->labels, i));
}

/* ------------------------------------------------------------------------ */
/* Reading the layout back                                                  */
/* ------------------------------------------------------------------------ */

void
sb_week_chart_get_bars_area (SbWeekChart *chart,
                             double      *x,
                             double      *y,
                             double      *width,
                             double      *height)
{
  g_return_if_fail (chart != NULL);

  if (x) *x = chart->bars_x;
  if (y) *y = chart->bars_y;
  if (width) *width = chart->bars_w;
  if (height) *height = chart->bars_h;
}

/* Where @days after the first week's first day falls, across the bars. */
double
sb_week_chart_day_x (SbWeekChart *chart,
                     double       days)
{
  g_return_val_if_fail (chart != NULL, 0);

  if (chart->weeks->len == 0)
    return chart->bars_x;
  return chart->bars_x + chart->bars_w / chart->weeks->len * days / 7.0;
}

/* The week whose bar is at @x, or -1. */
int
sb_week_chart_week_at (SbWeekChart *chart,
                       double       x)
{
  int week;

  g_return_val_if_fail (chart != NULL, -1);

  if (chart->weeks->len == 0 || x < chart->bars_x)
    return -1;
  week = (int) ((x - chart->bars_x) / (chart->bars_w / chart->weeks->len));
  return week < (int) chart->weeks->len ? week : -1;
}

/* 7 when the last week is over; fewer when the as-of day falls inside it. */
int
sb_week_chart_days_in_last_week (SbWeekChart *chart)
{
  g_return_val_if_fail (chart != NULL, 7);

  return chart->days_in_last;
}

guint
sb_week_chart_get_n_labels (SbWeekChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->labels->len;
}

const SbWeekChartLabel *
sb_week_chart_get_label (SbWeekChart *chart,
                         guint        i)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (i < chart->labels->len, NULL);

  return &((ChartLabel *) g_ptr_array_index (chart->labels, i))->public;
}
