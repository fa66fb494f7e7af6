/* sb-infographic-timeline.c — messages per week since the launch, with milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "sb-infographic-private.h"
#include "sb-week-chart.h"

typedef struct
{
  double x, y, w, h;      /* the bars' area */
  double slot;            /* width of one week */
  guint  n_weeks;
} Chart;

/* The colour an ink of the picture gives, for the chart. */
static void
ink_rgba (SbCanvas *canvas,
          SbInk     ink,
          double    rgba[4])
{
  _sb_set_ink (canvas, ink);
  cairo_pattern_get_rgba (cairo_get_source (canvas->cr), &rgba[0], &rgba[1], &rgba[2], &rgba[3]);
}

static gboolean
in_weeks_shown (SbInfographicData *data,
                const char        *day)
{
  int since = sb_days_between (data->breakdown->first_week, day);

  return since != G_MININT && since >= 0 && sb_days_between (day, data->stats->as_of) >= 0;
}

static int
count_milestones_shown (SbInfographicData *data)
{
  int n = data->stats->launch_date && in_weeks_shown (data, data->stats->launch_date) ? 1 : 0;

  for (guint i = 0; i < data->milestones->len; i++)
    if (in_weeks_shown (data, ((SbMilestone *) g_ptr_array_index (data->milestones, i))->day))
      n++;
  return n;
}

/* Milestones: a line down to the bars and, above them, the date and what happened.
 * Labels go on the first of the lanes where they do not touch the previous one. */
static void
draw_milestones (SbCanvas    *canvas,
                 const Chart *chart,
                 double       lanes_y,
                 int          n_lanes,
                 double       lane_h)
{
  SbInfographicData *data = canvas->data;
  const char *first_week = data->breakdown->first_week;
  double u = canvas->u;
  double lane_end[4] = { -G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_milestone_free);

  n_lanes = MIN (n_lanes, 4);
  if (data->stats->launch_date != NULL)
    {
      SbMilestone launch = {
        "", data->stats->launch_date,
        (char *) NC_("infographic", "Campaign launch"), NULL
      };

      launch.label_km = (char *) _sb_phrase (canvas, launch.label_en);
      g_ptr_array_add (shown, sb_milestone_copy (&launch));
    }
  for (guint i = 0; i < data->milestones->len; i++)
    g_ptr_array_add (shown, sb_milestone_copy (g_ptr_array_index (data->milestones, i)));

  for (guint i = 0; i < shown->len; i++)
    {
      const SbMilestone *m = g_ptr_array_index (shown, i);
      int since = sb_days_between (first_week, m->day);
      const char *label = canvas->khmer && *m->label_km != '\0' ? m->label_km : m->label_en;
      g_autofree char *date = NULL;
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double x, label_x, label_w = MIN (300 * u, chart->w * 0.45);
      int lane;

      if (!in_weeks_shown (data, m->day) || n_lanes < 1)
        continue;
      x = chart->x + chart->slot * since / 7.0;
      date = _sb_format_date (canvas, m->day);
      text = g_strdup_printf ("%s\n%s", label, date);
      layout = _sb_layout (canvas, text, 20, SB_TEXT_BOLD, label_w, 3);
      label_w = _sb_layout_width (layout);
      label_x = x + label_w + 12 * u > chart->x + chart->w ? x - label_w - 12 * u : x + 12 * u;

      for (lane = 0; lane < n_lanes - 1; lane++)
        if (MIN (x, label_x) > lane_end[lane])
          break;
      lane_end[lane] = MAX (x, label_x + label_w) + 16 * u;

      _sb_rect (canvas, SB_INK_ACCENT, x - 1.5 * u, lanes_y + lane * lane_h, 3 * u,
                chart->y + chart->h - lanes_y - lane * lane_h);
      _sb_show_layout (canvas, layout, SB_INK_WHITE, label_x, lanes_y + lane * lane_h);
    }
}

void
_sb_draw_timeline (SbCanvas *canvas)
{
  SbInfographicData *data = canvas->data;
  const SbBreakdown *breakdown = data->breakdown;
  double u = canvas->u;
  double y = canvas->y;
  g_autofree char *total = _sb_format_count (canvas, breakdown->total);
  g_autofree char *subtitle = NULL;
  g_autoptr(SbWeekChart) week_chart = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  SbWeekChartInks inks;
  double lane_h = 76 * u;
  double chart_y;
  int n_lanes;
  Chart chart;

  y += _sb_text (canvas, _sb_phrase (canvas, NC_("infographic", "Messages per week")),
                 canvas->wide ? 50 : 58, SB_TEXT_BOLD, SB_INK_WHITE, canvas->x, y, canvas->w, 2);

  if (breakdown->weeks->len == 0)
    {
      g_autofree char *launch = NULL;
      g_autofree char *text = NULL;

      if (data->stats->launch_date != NULL)
        {
          launch = _sb_format_date (canvas, data->stats->launch_date);
          text = g_strdup_printf (_sb_phrase (canvas, NC_("infographic", "The campaign starts on %s.")),
                                  launch);
        }
      else
        text = g_strdup (_sb_phrase (canvas, NC_("infographic", "No messages yet")));
      _sb_text (canvas, text, 34, SB_TEXT_REGULAR, SB_INK_SOFT, canvas->x, y + 40 * u,
                canvas->w, 3);
      return;
    }

  subtitle = g_strdup_printf (_sb_phrase_n (canvas,
                                            NC_("infographic", "%s message sent since the launch"),
                                            NC_("infographic", "%s messages sent since the launch"),
                                            breakdown->total),
                              total);
  y += 12 * u;
  y += _sb_text (canvas, subtitle, 28, SB_TEXT_REGULAR, SB_INK_SOFT, canvas->x, y, canvas->w, 2);
  y += (canvas->wide ? 24 : 40) * u;

  n_lanes = MIN (count_milestones_shown (data), canvas->wide ? 1 : 2);
  week_chart = sb_week_chart_new (breakdown, canvas->lang);
  font = pango_font_description_from_string (SB_FONT_TEXT);
  pango_font_description_set_absolute_size (font, 20 * u * PANGO_SCALE);
  chart_y = y + n_lanes * lane_h + 12 * u;
  sb_week_chart_layout (week_chart, canvas->pango, font, canvas->x, chart_y, canvas->w,
                        canvas->y + canvas->h - chart_y);
  ink_rgba (canvas, SB_INK_ACCENT, inks.bar);
  ink_rgba (canvas, SB_INK_SOFT, inks.text);
  ink_rgba (canvas, SB_INK_FAINT, inks.grid);
  ink_rgba (canvas, SB_INK_SOFT, inks.axis);
  sb_week_chart_draw (week_chart, canvas->cr, &inks);

  sb_week_chart_get_bars_area (week_chart, &chart.x, &chart.y, &chart.w, &chart.h);
  chart.n_weeks = breakdown->weeks->len;
  chart.slot = chart.w / chart.n_weeks;
  draw_milestones (canvas, &chart, y, n_lanes, lane_h);
}
