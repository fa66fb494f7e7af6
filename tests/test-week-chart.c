/* test-week-chart.c — the chart of messages per week: values and dates on its axes,
 * whole, in English and Khmer, at any size of campaign; the week not over yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart's layout is read back (sb_week_chart_get_label()) and checked against the
 * area it was given, as a person would see it: every label there, whole, inside, and
 * none over another. The timeline infographic, which draws the same chart, is read
 * back through pdftotext.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sb-demo.h"
#include "sb-infographic.h"
#include "sb-test-pdf.h"
#include "sb-test.h"
#include "sb-text.h"
#include "sb-vocabulary.h"
#include "sb-week-chart.h"

/* The infographic's face and size (src/render/sb-infographic-timeline.c) and the
 * window's: the two places the chart is drawn. */
typedef struct
{
  const char *font;
  double      width;
  double      height;
} Size;

static const Size sizes[] = {
  { "Noto Sans, Noto Sans Khmer, Khmer OS 20px", 936, 560 },   /* 1080 × 1080 */
  { "Noto Sans, Noto Sans Khmer, Khmer OS 11px", 500, 176 },   /* the Dashboard, narrow */
  { "Noto Sans, Noto Sans Khmer, Khmer OS 11px", 260, 176 },   /* narrower than any window */
};

static SbBreakdown *
breakdown_new (const char *first_week,
               const char *as_of,
               gint64      per_week,
               gint64      peak)
{
  SbBreakdown *breakdown = g_new0 (SbBreakdown, 1);
  GDate first, last;
  int n_weeks;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_parse (&first, first_week);
  g_date_set_parse (&last, as_of);
  n_weeks = g_date_days_between (&first, &last) / 7 + 1;
  breakdown->first_week = g_strdup (first_week);
  breakdown->as_of = g_strdup (as_of);
  breakdown->weeks = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (int i = 0; i < n_weeks; i++)
    {
      gint64 n = i == n_weeks / 3 ? peak : per_week + (i * 7919) % (per_week / 5 + 1);

      g_array_append_val (breakdown->weeks, n);
      breakdown->total += n;
    }
  breakdown->countries = g_ptr_array_new ();
  breakdown->offices = g_ptr_array_new ();
  breakdown->languages = g_ptr_array_new ();
  return breakdown;
}

static PangoContext *
new_context (void)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();

  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (font_map), 72.0);
  return pango_font_map_create_context (font_map);
}

static SbWeekChart *
lay_out (const SbBreakdown *breakdown,
         const char        *lang,
         const Size        *size)
{
  g_autoptr(GObject) context = G_OBJECT (new_context ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (size->font);
  SbWeekChart *chart = sb_week_chart_new (breakdown, lang);

  sb_week_chart_layout (chart, PANGO_CONTEXT (context), font, 0, 0, size->width, size->height);
  return chart;
}

static gboolean
overlap (const SbWeekChartLabel *a,
         const SbWeekChartLabel *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Every label whole and inside the area; values left of the bars, from 0 up to at
 * least the busiest week; dates under them, left to right; none over another. */
static void
check_layout (SbWeekChart       *chart,
              const SbBreakdown *breakdown,
              const char        *lang,
              const Size        *size)
{
  double bars_x, bars_y, bars_w, bars_h;
  guint n_values = 0, n_dates = 0, n_counts = 0;
  gint64 most = 0;
  const SbWeekChartLabel *top = NULL;
  const SbWeekChartLabel *last_date = NULL;
  g_autofree char *zero = sb_text_format_count (0, lang);
  g_autofree char *most_text = NULL;

  for (guint i = 0; i < breakdown->weeks->len; i++)
    most = MAX (most, g_array_index (breakdown->weeks, gint64, i));
  most_text = sb_text_format_count (most, lang);
  sb_week_chart_get_bars_area (chart, &bars_x, &bars_y, &bars_w, &bars_h);
  g_assert_cmpfloat (bars_w, >, size->width / 2);
  g_assert_cmpfloat (bars_h, >, size->height / 3);

  for (guint i = 0; i < sb_week_chart_get_n_labels (chart); i++)
    {
      const SbWeekChartLabel *label = sb_week_chart_get_label (chart, i);

      if (label->cut || label->x < 0 || label->y < 0 ||
          label->x + label->width > size->width + 0.01 ||
          label->y + label->height > size->height + 0.01)
        g_error ("“%s” at %.1f,%.1f (%.1f × %.1f) is cut by the %.0f × %.0f area",
                 label->text, label->x, label->y, label->width, label->height,
                 size->width, size->height);
      g_assert_false (strstr (label->text, "…"));
      for (guint j = 0; j < i; j++)
        if (overlap (label, sb_week_chart_get_label (chart, j)))
          g_error ("“%s” is over “%s”", label->text, sb_week_chart_get_label (chart, j)->text);

      switch (label->kind)
        {
        case SB_WEEK_CHART_LABEL_VALUE:
          g_assert_cmpfloat (label->x + label->width, <=, bars_x);
          if (n_values++ == 0)
            g_assert_cmpstr (label->text, ==, zero);
          else
            g_assert_cmpfloat (label->y, <, top->y);
          top = label;
          break;
        case SB_WEEK_CHART_LABEL_DATE:
          g_assert_cmpfloat (label->y, >=, bars_y + bars_h);
          if (last_date != NULL)
            g_assert_cmpfloat (label->x, >, last_date->x + last_date->width);
          else
            /* The first date says the year. */
            g_assert_nonnull (strstr (label->text, g_str_equal (lang, "km") ? "២០" : "20"));
          last_date = label;
          n_dates++;
          break;
        case SB_WEEK_CHART_LABEL_PARTIAL:
          break;
        case SB_WEEK_CHART_LABEL_COUNT:
          /* Over its bar, between the values and the right edge. */
          g_assert_cmpfloat (label->y + label->height, <=, bars_y + bars_h + 0.01);
          g_assert_cmpfloat (label->x, >=, bars_x);
          n_counts++;
          break;
        default:
          g_assert_not_reached ();
        }
      /* Khmer labels carry no Latin digits. */
      if (g_str_equal (lang, "km"))
        for (const char *p = label->text; *p; p++)
          g_assert_false (g_ascii_isdigit (*p));
    }
  g_assert_cmpuint (n_values, >=, 3);
  g_assert_cmpuint (n_dates, >=, 2);
  /* Each week's number, or none. */
  g_assert_true (n_counts == 0 || n_counts == breakdown->weeks->len);
  /* The top value reads at least as high as the busiest week, in as many digits. */
  g_assert_nonnull (top);
  g_assert_cmpuint (strlen (top->text), >=, strlen (most_text));
}

/* A million messages over a year: 19,000 a week, 30,000 in the busiest (issue 15: the
 * Khmer labels were cut to "៣០,០…"). */
static void
test_values_whole (gconstpointer user_data)
{
  const char *lang = user_data;

  for (gint64 per_week = 3; per_week <= 30000000; per_week *= 7)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(SbBreakdown) breakdown = breakdown_new ("2016-08-08", "2017-08-06", per_week,
                                                          per_week * 3 / 2);
        g_autoptr(SbWeekChart) chart = lay_out (breakdown, lang, &sizes[s]);

        g_test_message ("%" G_GINT64_FORMAT " a week, %s, %.0f × %.0f", per_week, lang,
                        sizes[s].width, sizes[s].height);
        check_layout (chart, breakdown, lang, &sizes[s]);
      }
  {
    g_autoptr(SbBreakdown) million = breakdown_new ("2016-08-08", "2017-08-06", 19000, 30000);
    g_autoptr(SbWeekChart) chart = lay_out (million, lang, &sizes[0]);
    g_autofree char *top = sb_text_format_count (30000, lang);
    gboolean found = FALSE;

    for (guint i = 0; i < sb_week_chart_get_n_labels (chart); i++)
      found |= g_str_equal (sb_week_chart_get_label (chart, i)->text, top);
    g_assert_true (found);
  }
}

/* Three weeks, ten weeks, a year, three years, ten: dates always, never crowded. */
static void
test_dates_any_span (gconstpointer user_data)
{
  const char *lang = user_data;
  const char *ends[] = { "2016-08-28", "2016-10-16", "2017-08-06", "2019-08-04", "2026-12-04" };

  for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(SbBreakdown) breakdown = breakdown_new ("2016-08-08", ends[e], 40, 120);
        g_autoptr(SbWeekChart) chart = lay_out (breakdown, lang, &sizes[s]);

        g_test_message ("to %s, %.0f wide", ends[e], sizes[s].width);
        check_layout (chart, breakdown, lang, &sizes[s]);
      }
}

/* The as-of day inside the last week: that bar is marked "so far", above it; a
 * complete week is not. */
static void
test_partial_week (gconstpointer user_data)
{
  const char *lang = user_data;
  const char *so_far = sb_vocabulary_word_in (lang, "chart", "This week so far");
  struct { const char *as_of; int days; } cases[] = {
    { "2016-10-10", 1 }, { "2016-10-12", 3 }, { "2016-10-16", 7 },
  };

  if (g_str_equal (lang, "km"))
    g_assert_cmpstr (so_far, !=, "This week so far");
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(SbBreakdown) breakdown = breakdown_new ("2016-08-08", cases[c].as_of, 40, 120);
      g_autoptr(SbWeekChart) chart = lay_out (breakdown, lang, &sizes[0]);
      const SbWeekChartLabel *partial = NULL;
      double bars_x, bars_y, bars_w, bars_h, last_top;
      gint64 last = g_array_index (breakdown->weeks, gint64, breakdown->weeks->len - 1);

      g_assert_cmpint (sb_week_chart_days_in_last_week (chart), ==, cases[c].days);
      check_layout (chart, breakdown, lang, &sizes[0]);
      for (guint i = 0; i < sb_week_chart_get_n_labels (chart); i++)
        if (sb_week_chart_get_label (chart, i)->kind == SB_WEEK_CHART_LABEL_PARTIAL)
          partial = sb_week_chart_get_label (chart, i);
      if (cases[c].days == 7)
        {
          g_assert_null (partial);
          continue;
        }
      g_assert_nonnull (partial);
      g_assert_cmpstr (partial->text, ==, so_far);
      sb_week_chart_get_bars_area (chart, &bars_x, &bars_y, &bars_w, &bars_h);
      last_top = bars_y + bars_h - bars_h * last / 150.0;   /* 120 at most: up to 150 */
      g_assert_cmpfloat (partial->y + partial->height, <=, last_top);
      g_assert_cmpfloat (partial->x + partial->width, >=,
                         sb_week_chart_day_x (chart, 7.0 * (breakdown->weeks->len - 1)));
    }
}

/* ------------------------------------------------------------------------ */
/* The timeline infographic                                                 */
/* ------------------------------------------------------------------------ */

static char *demo_path;

/* @text without white space or ZWSP, as sb_test_pdf_text_packed() gives a PDF's. */
static char *
packed (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x200B)
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *found = g_find_program_in_path ("pdftotext");

  if (found == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed");
  return found != NULL;
}

static char *
timeline_text (SbInfographicData *data,
               const char        *lang,
               SbInfographicFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sb_infographic_render (data, SB_INFOGRAPHIC_TIMELINE, lang, format,
                                                 0, 0, &error);
  g_autofree char *dir = g_dir_make_tmp ("sambot-week-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "timeline.pdf", NULL);
  char *text;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), NULL));
  text = sb_test_pdf_text_packed (path);
  g_remove (path);
  g_rmdir (dir);
  return text;
}

/* The demo's timeline, as of 10 October 2016 (a Monday, the first day of week 10):
 * its values, the first day of each week and the year, and the last week marked. */
static void
test_timeline_axes (gconstpointer user_data)
{
  const char *lang = user_data;
  gboolean khmer = g_str_equal (lang, "km");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbInfographicData) data = NULL;
  g_autofree char *so_far = NULL;

  if (!have_pdftotext ())
    return;
  campaign = sb_campaign_open (demo_path, TRUE, &error);
  g_assert_no_error (error);
  data = sb_infographic_data_new (campaign, NULL, &error);
  g_assert_no_error (error);

  for (SbInfographicFormat format = SB_INFOGRAPHIC_PDF; format <= SB_INFOGRAPHIC_PDF_PRINTABLE;
       format++)
    {
      g_autofree char *text = timeline_text (data, lang, format);
      /* Values, dates, and the first and busiest weeks' numbers over their bars. */
      const char *const en[] = { "0", "50", "100", "150", "8Aug", "2016", "10Oct", "128", "68",
                                 NULL };
      const char *const km[] = { "០", "៥០", "១០០", "១៥០", "៨សីហា", "២០១៦", "កញ្ញា", "១២៨", "៦៨",
                                 NULL };

      g_test_message ("%s", text);
      for (guint i = 0; en[i] != NULL; i++)
        g_assert_nonnull (strstr (text, khmer ? km[i] : en[i]));
      so_far = packed (sb_vocabulary_word_in (lang, "chart", "This week so far"));
      g_assert_nonnull (strstr (text, so_far));
      g_clear_pointer (&so_far, g_free);
      g_assert_null (strstr (text, "…"));
    }
  sb_campaign_close (campaign);
}

/* The same with a thousand times the messages (128,000 in the busiest week), and a
 * hundred thousand times: the values are whole, in both scripts, however wide. */
static void
test_timeline_big (gconstpointer user_data)
{
  const char *lang = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;

  if (!have_pdftotext ())
    return;
  campaign = sb_campaign_open (demo_path, TRUE, &error);
  g_assert_no_error (error);
  for (gint64 times = 1000; times <= 100000; times *= 100)
    {
      g_autoptr(SbInfographicData) data = sb_infographic_data_new (campaign, NULL, &error);
      g_autofree char *text = NULL;
      g_autofree char *top = sb_text_format_count (150 * times, lang);
      g_autofree char *step = sb_text_format_count (50 * times, lang);
      SbBreakdown *breakdown;

      g_assert_no_error (error);
      /* The figures of a larger campaign, without typing its messages. */
      breakdown = (SbBreakdown *) sb_infographic_data_get_breakdown (data);
      for (guint i = 0; i < breakdown->weeks->len; i++)
        g_array_index (breakdown->weeks, gint64, i) *= times;

      text = timeline_text (data, lang, SB_INFOGRAPHIC_PDF);
      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, top));
      g_assert_nonnull (strstr (text, step));
      g_assert_null (strstr (text, "…"));
    }
  sb_campaign_close (campaign);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  sb_test_init_with_catalogue (&argc, &argv);

  demo_path = sb_test_demo_new ("sambot-week-chart-demo-XXXXXX", &dir);

  g_test_add_data_func ("/render/week-chart/values-whole/en", "en", test_values_whole);
  g_test_add_data_func ("/render/week-chart/values-whole/km", "km", test_values_whole);
  g_test_add_data_func ("/render/week-chart/dates-any-span/en", "en", test_dates_any_span);
  g_test_add_data_func ("/render/week-chart/dates-any-span/km", "km", test_dates_any_span);
  g_test_add_data_func ("/render/week-chart/partial-week/en", "en", test_partial_week);
  g_test_add_data_func ("/render/week-chart/partial-week/km", "km", test_partial_week);
  g_test_add_data_func ("/render/infographic/timeline-axes/en", "en", test_timeline_axes);
  g_test_add_data_func ("/render/infographic/timeline-axes/km", "km", test_timeline_axes);
  g_test_add_data_func ("/render/infographic/timeline-big/en", "en", test_timeline_big);
  g_test_add_data_func ("/render/infographic/timeline-big/km", "km", test_timeline_big);

  status = g_test_run ();
  g_remove (demo_path);
  g_rmdir (dir);
  g_free (demo_path);
  return status;
}
