/* sb-week-chart.h — messages per week as bars, with their axes: the same chart in
 * the Dashboard and on the timeline infographic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is laid out once for an area (its labels measured with Pango, so that the
 * axes take the room their labels need and no label is ever cut), then drawn on any
 * cairo context. The layout can be read back: the infographic places its milestones
 * on it, the window its tooltips, and the tests check it.
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sb-breakdown.h"

G_BEGIN_DECLS

typedef struct _SbWeekChart SbWeekChart;

typedef enum
{
  SB_WEEK_CHART_LABEL_VALUE,     /* a number of messages, left of the bars */
  SB_WEEK_CHART_LABEL_DATE,      /* a day, month or year, under the bars */
  SB_WEEK_CHART_LABEL_PARTIAL,   /* "This week so far", over the last bar */
  SB_WEEK_CHART_LABEL_COUNT,     /* a week's number, over its bar, when all fit */
} SbWeekChartLabelKind;

typedef struct
{
  SbWeekChartLabelKind kind;
  const char          *text;
  double               x, y, width, height;   /* its logical extents where drawn */
  gboolean             cut;                   /* ellipsized or clipped: never, tests say */
} SbWeekChartLabel;

/* Colours, RGBA. */
typedef struct
{
  double bar[4];
  double text[4];
  double grid[4];    /* the lines across at each value */
  double axis[4];    /* the base line and the ticks under it */
} SbWeekChartInks;

SbWeekChart            *sb_week_chart_new          (const SbBreakdown          *breakdown,
                                                    const char                 *lang);
void                    sb_week_chart_free         (SbWeekChart                *chart);
void                    sb_week_chart_layout       (SbWeekChart                *chart,
                                                    PangoContext               *context,
                                                    const PangoFontDescription *font,
                                                    double                      x,
                                                    double                      y,
                                                    double                      width,
                                                    double                      height);
void                    sb_week_chart_draw         (SbWeekChart                *chart,
                                                    cairo_t                    *cr,
                                                    const SbWeekChartInks      *inks);
void                    sb_week_chart_get_bars_area (SbWeekChart               *chart,
                                                    double                     *x,
                                                    double                     *y,
                                                    double                     *width,
                                                    double                     *height);
double                  sb_week_chart_day_x        (SbWeekChart                *chart,
                                                    double                      days);
int                     sb_week_chart_week_at      (SbWeekChart                *chart,
                                                    double                      x);
int                     sb_week_chart_days_in_last_week (SbWeekChart           *chart);
guint                   sb_week_chart_get_n_labels (SbWeekChart                *chart);
const SbWeekChartLabel *sb_week_chart_get_label    (SbWeekChart                *chart,
                                                    guint                       i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbWeekChart, sb_week_chart_free)

G_END_DECLS
