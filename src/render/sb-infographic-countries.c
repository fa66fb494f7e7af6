/* sb-infographic-countries.c — where the messages come from, ranked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-countries.h"
#include "sb-infographic-private.h"

typedef struct
{
  char  *label;
  gint64 count;
  SbInk  ink;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->label);
}

/* The largest countries that fit, then the others together, then the messages
 * whose country nobody wrote down. */
static GArray *
rank_countries (SbCanvas *canvas,
                guint     max_rows,
                guint    *n_countries)
{
  GPtrArray *tallies = canvas->data->breakdown->countries;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  gint64 others = 0, not_given = 0;
  guint n_others = 0, room;

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  *n_countries = 0;
  for (guint i = 0; i < tallies->len; i++)
    {
      const SbTally *tally = g_ptr_array_index (tallies, i);

      if (*tally->key == '\0')
        not_given = tally->count;
      else
        (*n_countries)++;
    }

  room = max_rows - (not_given > 0 ? 1 : 0);
  if (*n_countries > room)
    room--;   /* one row for the others together */

  for (guint i = 0; i < tallies->len; i++)
    {
      const SbTally *tally = g_ptr_array_index (tallies, i);

      if (*tally->key == '\0')
        continue;
      if (rows->len < room)
        {
          Row row = { sb_country_name (tally->key, canvas->lang), tally->count, SB_INK_ACCENT };

          g_array_append_val (rows, row);
        }
      else
        {
          others += tally->count;
          n_others++;
        }
    }
  if (n_others > 0)
    {
      g_autofree char *n = _sb_format_count (canvas, n_others);
      Row row = {
        g_strdup_printf (_sb_phrase_n (canvas, NC_("infographic", "%s other country"),
                                       NC_("infographic", "%s other countries"), n_others), n),
        others, SB_INK_SOFT
      };

      g_array_append_val (rows, row);
    }
  if (not_given > 0)
    {
      Row row = {
        g_strdup (_sb_phrase (canvas, NC_("infographic", "Country not given"))),
        not_given, SB_INK_SOFT
      };

      g_array_append_val (rows, row);
    }
  return rows;
}

void
_sb_draw_countries (SbCanvas *canvas)
{
  double u = canvas->u;
  double y = canvas->y;
  double bottom = canvas->y + canvas->h;
  double heading_w = canvas->wide ? canvas->w * 0.36 : canvas->w;
  double x = canvas->x, width = canvas->w;
  double row, size, label_w, bar_x, bar_w;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;
  guint n_countries, max_rows;
  gint64 most = 1;

  y += _sb_text (canvas, _sb_phrase (canvas, NC_("infographic", "Where the messages come from")),
                 canvas->wide ? 54 : 58, SB_TEXT_BOLD, SB_INK_WHITE, x, y, heading_w, 3);
  y += 12 * u;

  row = canvas->wide ? 50 * u : 58 * u;
  max_rows = canvas->wide ? (guint) MAX (canvas->h / row, 2)
                          : (guint) MAX ((bottom - y - 80 * u) / row, 2);
  max_rows = CLAMP (max_rows, 3, 12);
  rows = rank_countries (canvas, max_rows, &n_countries);

  count = _sb_format_count (canvas, n_countries);
  subtitle = g_strdup_printf (_sb_phrase_n (canvas,
                                            NC_("infographic", "Messages sent from %s country"),
                                            NC_("infographic", "Messages sent from %s countries"),
                                            n_countries), count);
  if (n_countries > 0)
    y += _sb_text (canvas, subtitle, 28, SB_TEXT_REGULAR, SB_INK_SOFT, x, y, heading_w, 2);

  if (rows->len == 0)
    {
      _sb_text (canvas, _sb_phrase (canvas, NC_("infographic", "No messages yet")),
                34, SB_TEXT_REGULAR, SB_INK_SOFT, x, y + 48 * u, heading_w, 2);
      return;
    }

  if (canvas->wide)
    {
      x = canvas->x + heading_w + 48 * u;
      width = canvas->w - heading_w - 48 * u;
      y = canvas->y;
      row = MIN (canvas->h / rows->len, 64 * u);
    }
  else
    {
      y += 44 * u;
      row = MIN ((bottom - y) / rows->len, 72 * u);
    }

  for (guint i = 0; i < rows->len; i++)
    most = MAX (most, g_array_index (rows, Row, i).count);
  size = CLAMP (row / u * 0.42, 14, 28);
  label_w = width * 0.36;
  bar_x = x + label_w + 20 * u;
  bar_w = width - label_w - 20 * u;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      g_autofree char *figure = _sb_format_count (canvas, r->count);
      g_autoptr(PangoLayout) label = _sb_layout (canvas, r->label, size, SB_TEXT_REGULAR,
                                                 label_w, 1);
      g_autoptr(PangoLayout) number = _sb_layout (canvas, figure, size, SB_TEXT_BOLD,
                                                  bar_w / 3, 1);
      double number_w = _sb_layout_width (number);
      double text_y = y + (row - _sb_layout_height (label)) / 2;
      double bar_h = row * 0.56;
      double length = MAX ((bar_w - number_w - 16 * u) * r->count / most, 3 * u);

      _sb_show_layout (canvas, label, SB_INK_WHITE, x, text_y);
      _sb_rect (canvas, r->ink, bar_x, y + (row - bar_h) / 2, length, bar_h);
      _sb_show_layout (canvas, number, SB_INK_WHITE, bar_x + length + 12 * u,
                       y + (row - _sb_layout_height (number)) / 2);
      y += row;
    }
}
