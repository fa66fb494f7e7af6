/* sb-infographic-days.c — "165 days arbitrarily detained", with the names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-infographic-private.h"

/* The figure in big: the longest detention still going on, or, when everyone has
 * been released, the longest there was. -1 when no arrest date is known. */
static int
headline_days (GPtrArray *detainees,
               gboolean  *all_released,
               gboolean  *all_same)
{
  int held = -1, any = -1, first = -2;

  *all_same = TRUE;
  for (guint i = 0; i < detainees->len; i++)
    {
      const SbDetaineeStats *d = g_ptr_array_index (detainees, i);

      if (d->days_detained < 0)
        continue;
      if (first == -2)
        first = d->days_detained;
      else if (first != d->days_detained)
        *all_same = FALSE;
      any = MAX (any, d->days_detained);
      if (!d->released)
        held = MAX (held, d->days_detained);
    }
  *all_released = held < 0 && any >= 0;
  return held >= 0 ? held : any;
}

/* What is said beside a name when the people's counts differ. */
static char *
describe_detainee (SbCanvas              *canvas,
                   const SbDetaineeStats *d,
                   gboolean               all_same)
{
  g_autofree char *days = NULL;

  if (d->days_detained < 0)
    return g_strdup (_sb_phrase (canvas, NC_("infographic", "date of arrest not recorded")));
  days = _sb_format_count (canvas, d->days_detained);
  if (d->released)
    return g_strdup_printf (_sb_phrase_n (canvas,
                                          NC_("infographic", "released after %s day"),
                                          NC_("infographic", "released after %s days"),
                                          d->days_detained),
                            days);
  if (all_same)
    return NULL;
  return g_strdup_printf (_sb_phrase_n (canvas,
                                        NC_("infographic", "%s day"),
                                        NC_("infographic", "%s days"),
                                        d->days_detained),
                          days);
}

/* The names, in one or two columns, from @y down to @bottom. */
static void
draw_names (SbCanvas  *canvas,
            GPtrArray *detainees,
            gboolean   all_same,
            double     x,
            double     y,
            double     width,
            double     bottom)
{
  double u = canvas->u;
  guint n = detainees->len;
  guint columns = (n > 4 && !canvas->wide) ? 2 : 1;
  guint rows = (n + columns - 1) / columns;
  double gap = 32 * u;
  double column_width = (width - gap * (columns - 1)) / columns;
  double row_height = MIN ((bottom - y) / MAX (rows, 1), 96 * u);
  double name_size = CLAMP (row_height / u * 0.42, 16, 34);

  if (n == 0)
    {
      _sb_text (canvas, _sb_phrase (canvas, NC_("infographic", "No detainees recorded yet")),
                30, SB_TEXT_REGULAR, SB_INK_SOFT, x, y, width, 2);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const SbDetaineeStats *d = g_ptr_array_index (detainees, i);
      g_autofree char *note = describe_detainee (canvas, d, all_same);
      double cx = x + (i / rows) * (column_width + gap);
      double cy = y + (i % rows) * row_height;
      double dot = 10 * u;
      double height;

      if (cy + row_height > bottom + 1)
        break;
      _sb_rect (canvas, d->released ? SB_INK_SOFT : SB_INK_ACCENT,
                cx, cy + name_size * u * 0.55, dot, dot);
      height = _sb_text (canvas, _sb_detainee_name (canvas, d), name_size, SB_TEXT_BOLD,
                         SB_INK_WHITE, cx + dot + 16 * u, cy, column_width - dot - 16 * u, 1);
      if (note != NULL)
        _sb_text (canvas, note, name_size * 0.62, SB_TEXT_REGULAR, SB_INK_SOFT,
                  cx + dot + 16 * u, cy + height * 0.92, column_width - dot - 16 * u, 1);
    }
}

void
_sb_draw_days (SbCanvas *canvas)
{
  GPtrArray *detainees = canvas->data->stats->detainees;
  double u = canvas->u;
  gboolean all_released, all_same;
  int days = headline_days (detainees, &all_released, &all_same);
  double column = canvas->wide ? canvas->w * 0.5 : canvas->w;
  double y = canvas->y;
  double names_x, names_y, names_w;
  g_autoptr(PangoLayout) number = NULL;
  g_autoptr(PangoLayout) caption = NULL;
  PangoRectangle ink = { 0 };
  double block;

  if (days >= 0)
    {
      g_autofree char *figure = _sb_format_count (canvas, days);
      const char *text;

      number = _sb_layout (canvas, figure, canvas->wide ? 400 : 340,
                           SB_TEXT_NUMBER | SB_TEXT_BOLD | SB_TEXT_FIT, column, 1);
      pango_layout_get_pixel_extents (number, &ink, NULL);
      if (all_released)
        text = _sb_phrase_n (canvas, NC_("infographic", "day in detention before release"),
                             NC_("infographic", "days in detention before release"), days);
      else
        text = _sb_phrase_n (canvas, NC_("infographic", "day arbitrarily detained"),
                             NC_("infographic", "days arbitrarily detained"), days);
      caption = _sb_layout (canvas, text, canvas->wide ? 52 : 58, SB_TEXT_BOLD, column, 3);
    }
  else
    caption = _sb_layout (canvas,
                          _sb_phrase (canvas, NC_("infographic", "Days in detention: no dates of arrest recorded yet")),
                          54, SB_TEXT_BOLD, column, 4);

  /* Side by side, the figure is centred in its column's height. */
  block = (number ? ink.height + 28 * u : 0) + _sb_layout_height (caption);
  if (canvas->wide)
    y += MAX ((canvas->h - block) / 2, 0);
  if (number != NULL)
    {
      /* Placed by its ink, not its line box: the figure's top aligns with the grid. */
      _sb_show_layout (canvas, number, SB_INK_ACCENT, canvas->x - ink.x, y - ink.y);
      y += ink.height + 28 * u;
    }
  _sb_show_layout (canvas, caption, SB_INK_WHITE, canvas->x, y);
  y += _sb_layout_height (caption);

  if (canvas->wide)
    {
      double row = MIN (canvas->h / MAX (detainees->len, 1), 96 * u);

      names_x = canvas->x + column + 56 * u;
      names_w = canvas->w - column - 56 * u;
      names_y = canvas->y + MAX ((canvas->h - row * detainees->len) / 2, 0);
      _sb_rect (canvas, SB_INK_FAINT, names_x - 28 * u, canvas->y, 2 * u, canvas->h);
    }
  else
    {
      names_x = canvas->x;
      names_w = canvas->w;
      names_y = y + 36 * u;
      _sb_rect (canvas, SB_INK_FAINT, names_x, names_y, names_w, 2 * u);
      names_y += 32 * u;
    }
  draw_names (canvas, detainees, all_same, names_x, names_y, names_w, canvas->y + canvas->h);
}
