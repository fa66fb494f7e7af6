/* sb-week-chart-draw.c — the weekly chart on a cairo context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <pango/pangocairo.h>

#include "sb-render-private.h"
#include "sb-week-chart-private.h"

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */
/* ------------------------------------------------------------------------ */

static void
set_ink (cairo_t      *cr,
         const double  rgba[4],
         double        alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

/* The week not over yet: a light bar, hatched, outlined. */
static void
draw_partial_bar (cairo_t               *cr,
                  const SbWeekChartInks *inks,
                  double                 x,
                  double                 y,
                  double                 w,
                  double                 h,
                  double                 em)
{
  double spacing = MAX (0.3 * em, 3);

  cairo_save (cr);
  set_ink (cr, inks->bar, 0.3);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  set_ink (cr, inks->bar, 1.0);
  cairo_set_line_width (cr, MAX (0.08 * em, 1));
  for (double from = x - h; from < x + w; from += spacing)
    {
      cairo_move_to (cr, from, y + h);
      cairo_line_to (cr, from + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  set_ink (cr, inks->bar, 1.0);
  cairo_set_line_width (cr, MAX (0.08 * em, 1));
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
}

/**
 * sb_week_chart_draw:
 *
 * Draws the chart where sb_week_chart_layout() placed it. On a PDF, the labels'
 * Khmer stays searchable.
 */
void
sb_week_chart_draw (SbWeekChart           *chart,
                    cairo_t               *cr,
                    const SbWeekChartInks *inks)
{
  double slot, gap, line = MAX (0.06 * chart->em, 1);
  guint n;

  g_return_if_fail (chart != NULL);
  n = chart->weeks->len;
  if (n == 0 || chart->em <= 0)
    return;
  slot = chart->bars_w / n;
  gap = slot > 0.6 * chart->em ? slot * 0.22 : 0;

  cairo_save (cr);
  set_ink (cr, inks->grid, 1.0);
  for (gint64 value = chart->step; value <= chart->top; value += chart->step)
    cairo_rectangle (cr, chart->bars_x, chart->bars_y + chart->bars_h -
                     chart->bars_h * value / chart->top - line / 2, chart->bars_w, line);
  cairo_fill (cr);

  set_ink (cr, inks->bar, 1.0);
  for (guint i = 0; i < n; i++)
    {
      double h = chart->bars_h * g_array_index (chart->weeks, gint64, i) / chart->top;
      double bar_x = chart->bars_x + i * slot + gap / 2;

      if (i == n - 1 && chart->days_in_last < 7)
        {
          cairo_fill (cr);
          draw_partial_bar (cr, inks, bar_x, chart->bars_y + chart->bars_h - h,
                            slot - gap, h, chart->em);
        }
      else
        cairo_rectangle (cr, bar_x, chart->bars_y + chart->bars_h - h, slot - gap, h);
    }
  cairo_fill (cr);

  set_ink (cr, inks->axis, 1.0);
  cairo_rectangle (cr, chart->bars_x, chart->bars_y + chart->bars_h - line / 2,
                   chart->bars_w, 1.5 * line);
  for (guint i = 0; i < chart->labels->len; i++)
    {
      ChartLabel *label = g_ptr_array_index (chart->labels, i);

      if (label->public.kind == SB_WEEK_CHART_LABEL_DATE)
        cairo_rectangle (cr, label->tick_x - line / 2, chart->bars_y + chart->bars_h,
                         1.5 * line, 0.4 * chart->em);
    }
  cairo_fill (cr);

  for (guint i = 0; i < chart->labels->len; i++)
    {
      ChartLabel *label = g_ptr_array_index (chart->labels, i);
      PangoRectangle logical;

      pango_layout_get_extents (label->layout, NULL, &logical);
      set_ink (cr, inks->text, 1.0);
      cairo_move_to (cr, label->public.x - (double) logical.x / PANGO_SCALE,
                     label->public.y - (double) logical.y / PANGO_SCALE);
      _sb_render_show_layout (cr, label->layout);
    }
  cairo_restore (cr);
}

