/* sb-infographic-style.c — what every infographic shares: phrases in the chosen
 * language, numbers and dates, text, colours and the frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "sb-infographic-private.h"
#include "sb-render-private.h"
#include "sb-text.h"

#define PHRASE_CONTEXT "infographic"

/* Calendar data rather than interface text: a Khmer picture always has Khmer
 * month names, whatever catalogues are installed. */
static const char *const months_en[12] = {
  "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December",
};
static const char *const months_en_short[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const months_km[12] = {
  "មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា",
  "តុលា", "វិច្ឆិកា", "ធ្នូ",
};

/* ------------------------------------------------------------------------ */
/* Words, numbers, dates                                                    */
/* ------------------------------------------------------------------------ */

/* The phrases are marked with NC_("infographic", …) where they are used, so they
 * are in po/ like every other string; here they are looked up in the catalogue of
 * the picture's language, read directly (SbCatalog): no setlocale, no LANGUAGE,
 * safe in a worker thread, and independent of the interface language. */
const char *
_sb_phrase (SbCanvas   *canvas,
            const char *msgid)
{
  if (canvas->catalog == NULL)
    return msgid;
  return sb_catalog_pgettext (canvas->catalog, PHRASE_CONTEXT, msgid);
}

/* English needs a singular; Khmer has one form (the plural's translation). */
const char *
_sb_phrase_n (SbCanvas   *canvas,
              const char *singular,
              const char *plural,
              gint64      n)
{
  return _sb_phrase (canvas, n == 1 ? singular : plural);
}

char *
_sb_format_count (SbCanvas *canvas,
                  gint64    n)
{
  return sb_text_format_count (n, canvas->lang);
}

static gboolean
split_date (const char *iso_date,
            int        *year,
            int        *month,
            int        *day)
{
  return iso_date != NULL && sscanf (iso_date, "%4d-%2d-%2d", year, month, day) == 3 &&
         *month >= 1 && *month <= 12 && *day >= 1 && *day <= 31;
}

char *
_sb_format_date (SbCanvas   *canvas,
                 const char *iso_date)
{
  int year, month, day;

  if (!split_date (iso_date, &year, &month, &day))
    return g_strdup (iso_date ? iso_date : "");
  if (canvas->khmer)
    {
      g_autofree char *latin = g_strdup_printf ("ថ្ងៃទី%d ខែ%s ឆ្នាំ%d", day,
                                                months_km[month - 1], year);
      return sb_text_to_khmer_digits (latin);
    }
  return g_strdup_printf ("%d %s %d", day, months_en[month - 1], year);
}

char *
_sb_format_month (SbCanvas *canvas,
                  int       month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  return g_strdup (canvas->khmer ? months_km[month - 1] : months_en_short[month - 1]);
}

const char *
_sb_detainee_name (SbCanvas              *canvas,
                   const SbDetaineeStats *detainee)
{
  if (canvas->khmer && detainee->name_km != NULL && *detainee->name_km != '\0')
    return detainee->name_km;
  return detainee->name_en;
}

/* ------------------------------------------------------------------------ */
/* Colours and text                                                         */
/* ------------------------------------------------------------------------ */

/* The relative luminance of a colour (WCAG 2). */
static double
luminance (const double rgb[3])
{
  double linear[3];

  for (guint i = 0; i < 3; i++)
    linear[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

/* @rgb, darkened until it reads on white paper with at least @contrast (a campaign's
 * yellow accent becomes ochre; its navy stays navy). */
static void
ink_on_paper (const double rgb[3],
              double       contrast,
              double       ink[3])
{
  for (guint i = 0; i < 3; i++)
    ink[i] = rgb[i];
  while (1.05 / (luminance (ink) + 0.05) < contrast)
    for (guint i = 0; i < 3; i++)
      ink[i] *= 0.95;
}

void
_sb_set_ink (SbCanvas *canvas,
             SbInk     ink)
{
  static const double white[3] = { 1.0, 1.0, 1.0 };
  const double *rgb = canvas->data->primary;
  double on_paper[3];
  double alpha = 1.0;

  switch (ink)
    {
    case SB_INK_PRIMARY:
      if (canvas->printable)
        rgb = white;
      break;
    case SB_INK_ACCENT:
      rgb = canvas->data->accent;
      if (canvas->printable)
        {
          ink_on_paper (rgb, 3.0, on_paper);
          rgb = on_paper;
        }
      break;
    case SB_INK_WHITE:
    case SB_INK_SOFT:
    case SB_INK_FAINT:
      /* Text is white on the campaign's colour, or that colour on white paper. */
      if (canvas->printable)
        {
          ink_on_paper (canvas->data->primary, 7.0, on_paper);
          rgb = on_paper;
        }
      else
        rgb = white;
      alpha = ink == SB_INK_WHITE ? 1.0 : ink == SB_INK_SOFT ? 0.72 : 0.16;
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_set_source_rgba (canvas->cr, rgb[0], rgb[1], rgb[2], alpha);
}

static PangoLayout *
make_layout (SbCanvas    *canvas,
             const char  *text,
             double       size,
             SbTextFlags  flags,
             double       width,
             int          max_lines)
{
  PangoLayout *layout = pango_layout_new (canvas->pango);
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *breakable = sb_text_insert_word_breaks (text);
  const char *family;

  /* Latin first in both languages: Khmer runs fall through to the Khmer face, and
   * Latin names and hashtags in a Khmer picture keep the same face as in English. */
  family = (flags & SB_TEXT_NUMBER) ? SB_FONT_NUMBERS : SB_FONT_TEXT;
  font = pango_font_description_from_string (family);
  pango_font_description_set_weight (font, (flags & SB_TEXT_BOLD) ? PANGO_WEIGHT_BOLD
                                                                  : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, size * canvas->u * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, breakable, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -MAX (max_lines, 1));
  if (flags & SB_TEXT_CENTER)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  else if (flags & SB_TEXT_RIGHT)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  return layout;
}

double
_sb_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
_sb_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

/**
 * _sb_layout:
 * @size: the font size in units
 * @width: the widest the text may be, in device units
 * @max_lines: more lines are cut with "…"; with %SB_TEXT_FIT, the text is first made
 *   smaller (down to a third) to stay on one line
 *
 * Khmer text gets its word breaks; letter-spacing is never set (Pango 1.50 breaks
 * Khmer split vowels with it).
 */
PangoLayout *
_sb_layout (SbCanvas    *canvas,
            const char  *text,
            double       size,
            SbTextFlags  flags,
            double       width,
            int          max_lines)
{
  PangoLayout *layout;

  if (!(flags & SB_TEXT_FIT))
    return make_layout (canvas, text, size, flags, width, max_lines);

  layout = make_layout (canvas, text, size, flags, -1, 1);
  pango_layout_set_width (layout, -1);
  if (_sb_layout_width (layout) > width)
    {
      double smaller = MAX (size * width / _sb_layout_width (layout) * 0.98, size / 3);

      g_object_unref (layout);
      layout = make_layout (canvas, text, smaller, flags, width, 1);
    }
  else
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  return layout;
}

void
_sb_show_layout (SbCanvas    *canvas,
                 PangoLayout *layout,
                 SbInk        ink,
                 double       x,
                 double       y)
{
  _sb_set_ink (canvas, ink);
  cairo_move_to (canvas->cr, x, y);
  _sb_render_show_layout (canvas->cr, layout);
}

/* Returns the height the text took. */
double
_sb_text (SbCanvas    *canvas,
          const char  *text,
          double       size,
          SbTextFlags  flags,
          SbInk        ink,
          double       x,
          double       y,
          double       width,
          int          max_lines)
{
  g_autoptr(PangoLayout) layout = _sb_layout (canvas, text, size, flags, width, max_lines);

  _sb_show_layout (canvas, layout, ink, x, y);
  return _sb_layout_height (layout);
}

void
_sb_rect (SbCanvas *canvas,
          SbInk     ink,
          double    x,
          double    y,
          double    w,
          double    h)
{
  _sb_set_ink (canvas, ink);
  cairo_rectangle (canvas->cr, x, y, MAX (w, 0), MAX (h, 0));
  cairo_fill (canvas->cr);
}

/* ------------------------------------------------------------------------ */
/* The frame                                                                */
/* ------------------------------------------------------------------------ */

/**
 * _sb_draw_frame:
 *
 * The campaign's ground colour; its hashtag and name above; the as-of date and an
 * accent band below. Sets the content area of @canvas to what is left. A printable
 * page has no ground (white paper) and its band inside the margins: nothing is
 * printed where a printer cannot reach.
 */
void
_sb_draw_frame (SbCanvas *canvas)
{
  SbInfographicData *data = canvas->data;
  double u = canvas->u;
  double margin = (canvas->wide ? 56 : 72) * u;
  double inner = canvas->width - 2 * margin;
  double band = (canvas->printable ? 6 : 14) * u;
  double bottom = canvas->printable ? canvas->height - margin : canvas->height;
  double y = margin;
  g_autofree char *date = _sb_format_date (canvas, data->stats->as_of);
  g_autofree char *as_of = g_strdup_printf (_sb_phrase (canvas, NC_("infographic", "As of %s")),
                                            date);
  g_autoptr(PangoLayout) footer = NULL;
  double footer_y;

  _sb_set_ink (canvas, SB_INK_PRIMARY);
  cairo_paint (canvas->cr);
  if (canvas->printable)
    _sb_rect (canvas, SB_INK_ACCENT, margin, bottom - band, inner, band);
  else
    _sb_rect (canvas, SB_INK_ACCENT, 0, bottom - band, canvas->width, band);

  if (*data->hashtag != '\0')
    {
      y += _sb_text (canvas, data->hashtag, 40, SB_TEXT_BOLD | SB_TEXT_FIT, SB_INK_ACCENT,
                     margin, y, inner, 1);
      if (g_utf8_collate (data->name, data->hashtag) != 0 && *data->name != '\0')
        y += 2 * u + _sb_text (canvas, data->name, 24, SB_TEXT_REGULAR, SB_INK_SOFT,
                               margin, y + 2 * u, inner, canvas->wide ? 1 : 2);
    }
  else
    y += _sb_text (canvas, data->name, 34, SB_TEXT_BOLD, SB_INK_WHITE,
                   margin, y, inner, 2);

  footer = _sb_layout (canvas, as_of, 22, SB_TEXT_REGULAR, inner, 1);
  footer_y = bottom - band - margin * 0.6 - _sb_layout_height (footer);
  _sb_show_layout (canvas, footer, SB_INK_SOFT, margin, footer_y);

  canvas->x = margin;
  canvas->w = inner;
  canvas->y = y + (canvas->wide ? 28 : 44) * u;
  canvas->h = footer_y - (canvas->wide ? 24 : 36) * u - canvas->y;
}
