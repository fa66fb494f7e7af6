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

typedef struct
{
  double x, y, w, h;      /* the bars' area */
  double slot;            /* width of one week */
  guint  n_weeks;
} Chart;

/* A round step for about @lines grid lines up to @top: 1, 2 or 5 × 10^k. */
static gint64
grid_step (gint64 top,
           int    lines)
{
  gint64 step = 1;

  while (step * lines < top)
    {
      if (step * 2 * lines >= top)
        return step * 2;
      if (step * 5 * lines >= top)
        return step * 5;
      step *= 10;
    }
  return step;
}

static void
draw_grid (SbCanvas    *canvas,
           const Chart *chart,
           gint64       top)
{
  double u = canvas->u;
  gint64 step = grid_step (top, 4);

  for (gint64 value = step; value <= top; value += step)
    {
      g_autofree char *label = _sb_format_count (canvas, value);
      double y = chart->y + chart->h - chart->h * value / top;
      g_autoptr(PangoLayout) layout = _sb_layout (canvas, label, 20, SB_TEXT_RIGHT,
                                                  64 * u, 1);

      _sb_rect (canvas, SB_INK_FAINT, chart->x, y, chart->w, 1.5 * u);
      _sb_show_layout (canvas, layout, SB_INK_SOFT, chart->x - 76 * u,
                       y - _sb_layout_height (layout) / 2);
    }
  _sb_rect (canvas, SB_INK_SOFT, chart->x, chart->y + chart->h, chart->w, 2 * u);
}

static void
draw_months (SbCanvas    *canvas,
             const Chart *chart,
             const char  *first_week)
{
  g_autoptr(GDate) start = g_date_new ();
  double u = canvas->u;
  double free_from = chart->x - 1;
  int previous_month = 0;

  g_date_set_parse (start, first_week);
  if (!g_date_valid (start))
    return;
  for (guint week = 0; week < chart->n_weeks; week++)
    for (int day = 0; day < 7; day++)
      {
        g_autoptr(GDate) date = g_date_copy (start);
        g_autofree char *label = NULL;
        g_autoptr(PangoLayout) layout = NULL;
        double x;
        int month;

        g_date_add_days (date, week * 7 + day);
        month = g_date_get_month (date);
        if (month == previous_month || (week == 0 && day > 0))
          continue;
        previous_month = month;
        x = chart->x + chart->slot * (week + day / 7.0);
        label = _sb_format_month (canvas, month);
        layout = _sb_layout (canvas, label, 20, SB_TEXT_REGULAR, 160 * u, 1);
        if (x < free_from || x + _sb_layout_width (layout) > chart->x + chart->w + 40 * u)
          continue;
        _sb_rect (canvas, SB_INK_SOFT, x, chart->y + chart->h, 2 * u, 10 * u);
        _sb_show_layout (canvas, layout, SB_INK_SOFT, x + 6 * u, chart->y + chart->h + 10 * u);
        free_from = x + _sb_layout_width (layout) + 24 * u;
      }
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
  gint64 most = 0, top;
  double lane_h = 76 * u;
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

  for (guint i = 0; i < breakdown->weeks->len; i++)
    most = MAX (most, g_array_index (breakdown->weeks, gint64, i));
  top = MAX (most, 1);
  top = ((top + grid_step (top, 4) - 1) / grid_step (top, 4)) * grid_step (top, 4);

  n_lanes = MIN (count_milestones_shown (data), canvas->wide ? 1 : 2);
  chart.x = canvas->x + 84 * u;
  chart.w = canvas->w - 84 * u;
  chart.y = y + n_lanes * lane_h + 12 * u;
  chart.h = canvas->y + canvas->h - 44 * u - chart.y;
  chart.n_weeks = breakdown->weeks->len;
  chart.slot = chart.w / chart.n_weeks;

  draw_grid (canvas, &chart, top);
  for (guint i = 0; i < chart.n_weeks; i++)
    {
      gint64 n = g_array_index (breakdown->weeks, gint64, i);
      double h = chart.h * n / top;
      double gap = chart.slot > 12 * u ? chart.slot * 0.22 : 0;

      _sb_rect (canvas, SB_INK_ACCENT, chart.x + i * chart.slot + gap / 2,
                chart.y + chart.h - h, chart.slot - gap, h);
    }
  draw_months (canvas, &chart, breakdown->first_week);
  draw_milestones (canvas, &chart, y, n_lanes, lane_h);
}
