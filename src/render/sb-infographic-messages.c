/* sb-infographic-messages.c — "469 messages sent, 195 delivered", for each detainee
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-infographic-private.h"

/* A big figure with its caption under it; returns the height used. */
static double
draw_figure (SbCanvas   *canvas,
             gint64      n,
             const char *caption,
             SbInk       ink,
             double      size,
             double      x,
             double      y,
             double      width)
{
  g_autofree char *number = _sb_format_count (canvas, n);
  g_autoptr(PangoLayout) layout = _sb_layout (canvas, number, size,
                                              SB_TEXT_NUMBER | SB_TEXT_BOLD | SB_TEXT_FIT,
                                              width, 1);
  PangoRectangle ink_rect;
  double top = y;

  pango_layout_get_pixel_extents (layout, &ink_rect, NULL);
  _sb_show_layout (canvas, layout, ink, x - ink_rect.x, y - ink_rect.y);
  y += ink_rect.height + 20 * canvas->u;
  y += _sb_text (canvas, caption, size * 0.2, SB_TEXT_BOLD, SB_INK_WHITE, x, y, width, 2);
  return y - top;
}

static void
draw_legend_key (SbCanvas   *canvas,
                 SbInk       ink,
                 const char *label,
                 double     *x,
                 double      y,
                 double      size)
{
  double u = canvas->u;
  g_autoptr(PangoLayout) layout = _sb_layout (canvas, label, size, SB_TEXT_REGULAR,
                                              300 * u, 1);
  double box = size * u * 0.7;

  _sb_rect (canvas, ink, *x, y + (_sb_layout_height (layout) - box) / 2, box, box);
  _sb_show_layout (canvas, layout, SB_INK_SOFT, *x + box + 10 * u, y);
  *x += box + 10 * u + _sb_layout_width (layout) + 28 * u;
}

/* One row per detainee: name, the two numbers, a bar of messages sent with the
 * part delivered in the accent colour. */
static void
draw_detainees (SbCanvas *canvas,
                double    x,
                double    y,
                double    width,
                double    bottom)
{
  GPtrArray *detainees = canvas->data->stats->detainees;
  double u = canvas->u;
  gint64 most = 1;
  double row, size, legend_x = x;
  guint n;

  if (detainees->len == 0)
    return;
  for (guint i = 0; i < detainees->len; i++)
    most = MAX (most, ((SbDetaineeStats *) g_ptr_array_index (detainees, i))->messages);

  y += _sb_text (canvas, _sb_phrase (canvas, NC_("infographic", "Messages for each detainee")),
                 26, SB_TEXT_BOLD, SB_INK_SOFT, x, y, width, 1);
  y += 6 * u;
  draw_legend_key (canvas, SB_INK_SOFT, _sb_phrase (canvas, NC_("infographic", "sent")),
                   &legend_x, y, 20);
  draw_legend_key (canvas, SB_INK_ACCENT, _sb_phrase (canvas, NC_("infographic", "delivered")),
                   &legend_x, y, 20);
  y += 48 * u;

  row = MIN ((bottom - y) / detainees->len, 92 * u);
  size = CLAMP (row / u * 0.3, 14, 27);
  n = (guint) MAX ((bottom - y) / row, 0);
  for (guint i = 0; i < detainees->len && i < n; i++)
    {
      const SbDetaineeStats *d = g_ptr_array_index (detainees, i);
      g_autofree char *sent = _sb_format_count (canvas, d->messages);
      g_autofree char *delivered = _sb_format_count (canvas, d->delivered);
      g_autoptr(PangoLayout) sent_layout = _sb_layout (canvas, sent, size, SB_TEXT_BOLD,
                                                       width / 4, 1);
      g_autoptr(PangoLayout) delivered_layout = _sb_layout (canvas, delivered, size,
                                                            SB_TEXT_BOLD, width / 4, 1);
      double sent_w = _sb_layout_width (sent_layout);
      double delivered_w = _sb_layout_width (delivered_layout);
      double numbers_w = sent_w + delivered_w + 20 * u;
      double bar_y = y + row * 0.5;
      double bar_h = MAX (row * 0.2, 6 * u);

      _sb_text (canvas, _sb_detainee_name (canvas, d), size, SB_TEXT_REGULAR, SB_INK_WHITE,
                x, y, width - numbers_w - 24 * u, 1);
      _sb_show_layout (canvas, sent_layout, SB_INK_WHITE, x + width - numbers_w, y);
      _sb_show_layout (canvas, delivered_layout, SB_INK_ACCENT, x + width - delivered_w, y);

      _sb_rect (canvas, SB_INK_FAINT, x, bar_y, width, bar_h);
      _sb_rect (canvas, SB_INK_SOFT, x, bar_y, width * d->messages / most, bar_h);
      _sb_rect (canvas, SB_INK_ACCENT, x, bar_y, width * d->delivered / most, bar_h);
      y += row;
    }
}

void
_sb_draw_messages (SbCanvas *canvas)
{
  const SbStats *stats = canvas->data->stats;
  double u = canvas->u;
  const char *sent_caption = _sb_phrase_n (canvas, NC_("infographic", "message sent"),
                                           NC_("infographic", "messages sent"),
                                           stats->messages_sent);
  const char *delivered_caption = _sb_phrase (canvas, NC_("infographic", "delivered in prison"));
  double y = canvas->y;
  double bar_h = 18 * u;

  if (canvas->wide)
    {
      double column = canvas->w * 0.36;
      double left_y = y + MAX ((canvas->h - 560 * u) / 2, 0);

      left_y += draw_figure (canvas, stats->messages_sent, sent_caption, SB_INK_WHITE, 190,
                             canvas->x, left_y, column);
      left_y += 48 * u;
      draw_figure (canvas, stats->messages_delivered, delivered_caption, SB_INK_ACCENT, 190,
                   canvas->x, left_y, column);
      _sb_rect (canvas, SB_INK_FAINT, canvas->x + column + 24 * u, canvas->y, 2 * u, canvas->h);
      draw_detainees (canvas, canvas->x + column + 56 * u, canvas->y,
                      canvas->w - column - 56 * u, canvas->y + canvas->h);
      return;
    }

  {
    double half = (canvas->w - 48 * u) / 2;
    double left = draw_figure (canvas, stats->messages_sent, sent_caption, SB_INK_WHITE, 190,
                               canvas->x, y, half);
    double right = draw_figure (canvas, stats->messages_delivered, delivered_caption,
                                SB_INK_ACCENT, 190, canvas->x + half + 48 * u, y, half);

    y += MAX (left, right) + 36 * u;
  }

  /* Of all the messages sent, how many have reached the detainees. */
  _sb_rect (canvas, SB_INK_FAINT, canvas->x, y, canvas->w, bar_h);
  if (stats->messages_sent > 0)
    _sb_rect (canvas, SB_INK_ACCENT, canvas->x, y,
              canvas->w * stats->messages_delivered / stats->messages_sent, bar_h);
  y += bar_h + 56 * u;

  draw_detainees (canvas, canvas->x, y, canvas->w, canvas->y + canvas->h);
}
