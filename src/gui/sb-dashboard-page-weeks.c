/* sb-dashboard-page-weeks.c — the Dashboard's chart of messages per week: the bars
 * with their values and dates (src/render/sb-week-chart.c, as on the timeline
 * infographic), a tooltip per bar and, for screen readers, the list of the weeks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-breakdown.h"
#include "sb-dashboard-page-private.h"
#include "sb-gui-format.h"
#include "sb-names.h"

#define PADDING 12

/* "Week of 8 August 2016: 120 messages": what one bar of the chart stands for. */
static char *
describe_week (const SbBreakdown *breakdown,
               guint              week,
               gboolean           partial)
{
  gint64 count = g_array_index (breakdown->weeks, gint64, week);
  g_autofree char *number = _sb_format_number (count);
  g_autofree char *start = NULL;
  g_autofree char *iso = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (breakdown->first_week != NULL)
    g_date_set_parse (&date, breakdown->first_week);
  if (!g_date_valid (&date))
    return g_strdup (number);
  g_date_add_days (&date, 7 * week);
  iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                         g_date_get_day (&date));
  start = _sb_format_long_date (iso);
  if (partial)
    /* Translators: the last bar of the weekly chart, when the week is not over: the
     * day it starts, and a number. */
    return g_strdup_printf (ngettext ("Week of %s, so far: %s message",
                                      "Week of %s, so far: %s messages", (gulong) count),
                            start, number);
  /* Translators: a bar of the weekly chart: the day its week starts, and a number. */
  return g_strdup_printf (ngettext ("Week of %s: %s message", "Week of %s: %s messages",
                                    (gulong) count),
                          start, number);
}

/* Whether @week is the last and the as-of day falls inside it. */
static gboolean
is_partial (const SbBreakdown *breakdown,
            guint              week)
{
  g_autoptr(SbWeekChart) chart = NULL;

  if (week + 1 != breakdown->weeks->len)
    return FALSE;
  chart = sb_week_chart_new (breakdown, "en");
  return sb_week_chart_days_in_last_week (chart) < 7;
}

/* A screen reader hears the chart as the list of its weeks. */
void
_sb_dashboard_page_describe_weeks (SbDashboardPage *self)
{
  const SbBreakdown *breakdown = sb_infographic_data_get_breakdown (self->data);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < breakdown->weeks->len; i++)
    {
      g_autofree char *week = describe_week (breakdown, i, is_partial (breakdown, i));

      if (i > 0)
        g_string_append (text, "\n");
      g_string_append (text, week);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->weeks_chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

/* The bar under the pointer says what it counts; from the keyboard, the last week. */
static gboolean
weeks_query_tooltip_cb (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip,
                        gpointer    user_data)
{
  SbDashboardPage *self = user_data;
  const SbBreakdown *breakdown;
  g_autofree char *text = NULL;
  int week;

  if (self->data == NULL || self->week_chart == NULL)
    return FALSE;
  breakdown = sb_infographic_data_get_breakdown (self->data);
  if (breakdown->weeks->len == 0)
    return FALSE;
  week = keyboard_mode ? (int) breakdown->weeks->len - 1
                       : sb_week_chart_week_at (self->week_chart, x);
  if (week < 0 || week >= (int) breakdown->weeks->len)
    return FALSE;
  text = describe_week (breakdown, week, is_partial (breakdown, week));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Laid out again at every size: the values' labels take the width they need. */
static void
draw_weeks (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  SbDashboardPage *self = user_data;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (area));
  g_autoptr(PangoFontDescription) font = NULL;
  SbWeekChartInks inks = { { 0.21, 0.52, 0.89, 1.0 } };   /* libadwaita's accent blue */
  GdkRGBA color;

  g_clear_pointer (&self->week_chart, sb_week_chart_free);
  if (self->data == NULL)
    return;
  self->week_chart = sb_week_chart_new (sb_infographic_data_get_breakdown (self->data),
                                        sb_interface_language ());
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; i < 3; i++)
    {
      double channel = i == 0 ? color.red : i == 1 ? color.green : color.blue;

      inks.text[i] = inks.grid[i] = inks.axis[i] = channel;
    }
  inks.text[3] = 0.75;
  inks.grid[3] = 0.12;
  inks.axis[3] = 0.45;

  /* The labels a little smaller than the text around: they are the chart's. */
  font = pango_font_description_copy (pango_context_get_font_description (context));
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, pango_font_description_get_size (font) * 0.85);
  else
    pango_font_description_set_size (font, pango_font_description_get_size (font) * 0.85);
  sb_week_chart_layout (self->week_chart, context, font, PADDING, PADDING,
                        width - 2 * PADDING, height - 2 * PADDING);
  sb_week_chart_draw (self->week_chart, cr, &inks);
}

void
_sb_dashboard_page_init_weeks (SbDashboardPage *self)
{
  gtk_drawing_area_set_draw_func (self->weeks_chart, draw_weeks, self, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->weeks_chart), TRUE);
  g_signal_connect (self->weeks_chart, "query-tooltip", G_CALLBACK (weeks_query_tooltip_cb), self);
}

/**
 * sb_dashboard_page_get_week_chart:
 *
 * Returns: (transfer none) (nullable): the weekly chart as last drawn, its labels where
 *   they are on the screen (tests check them)
 */
SbWeekChart *
sb_dashboard_page_get_week_chart (SbDashboardPage *self)
{
  g_return_val_if_fail (SB_IS_DASHBOARD_PAGE (self), NULL);

  return self->week_chart;
}
