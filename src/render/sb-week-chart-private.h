/* sb-week-chart-private.h — shared between the files of SbWeekChart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-week-chart.h"

G_BEGIN_DECLS

typedef struct
{
  SbWeekChartLabel public;
  char            *text;
  PangoLayout     *layout;
  double           tick_x;     /* a date's tick, on the base line */
} ChartLabel;

struct _SbWeekChart
{
  GArray    *weeks;            /* gint64 */
  GDate      first;            /* the day week 0 starts; invalid if not known */
  int        days_in_last;     /* 1 … 7 */
  char      *lang;
  gint64     top;
  gint64     step;
  double     x, y, width, height;
  double     bars_x, bars_y, bars_w, bars_h;
  double     em;               /* the labels' line height */
  GPtrArray *labels;           /* ChartLabel */
};

/* sb-week-chart.c */
ChartLabel *_sb_week_chart_label_new    (PangoContext               *context,
                                         const PangoFontDescription *font,
                                         SbWeekChartLabelKind        kind,
                                         char                       *text);
void        _sb_week_chart_label_free   (ChartLabel                 *label);

/* sb-week-chart-dates.c */
GPtrArray  *_sb_week_chart_choose_dates (SbWeekChart                *chart,
                                         PangoContext               *context,
                                         const PangoFontDescription *font);

G_END_DECLS
