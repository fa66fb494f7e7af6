/* sb-render-text.c — Pango layouts on cairo surfaces, with searchable Khmer in PDFs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include "sb-render-private.h"

/* The colour a run's markup gives its text (foreground="…"), as Pango would set it. */
static void
set_run_color (cairo_t         *cr,
               const PangoItem *item)
{
  for (GSList *l = item->analysis.extra_attrs; l != NULL; l = l->next)
    {
      const PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND)
        {
          const PangoColor *color = &((const PangoAttrColor *) attr)->color;

          cairo_set_source_rgb (cr, color->red / 65535.0, color->green / 65535.0,
                                color->blue / 65535.0);
        }
    }
}

/* A left-to-right Khmer run whose glyphs all exist in its font. */
static gboolean
is_plain_khmer_run (const PangoGlyphItem *run)
{
  if (run->item->analysis.script != PANGO_SCRIPT_KHMER || run->item->analysis.level % 2 == 1)
    return FALSE;
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
      return FALSE;
  return TRUE;
}

/* The run's glyphs where Pango placed them, given to cairo as one cluster whose
 * text is the run's own without ZERO WIDTH SPACEs (invisible: the layout holds them
 * only so that it can break lines, src/text/sb-text-icu.c). */
static void
show_khmer_run (cairo_t              *cr,
                const char           *text,
                const PangoGlyphItem *run,
                double                x,
                double                y)
{
  const PangoGlyphString *glyphs = run->glyphs;
  const char *start = text + run->item->offset;
  const char *end = start + run->item->length;
  g_autoptr(GString) written = g_string_sized_new (run->item->length);
  cairo_glyph_t *cairo_glyphs = cairo_glyph_allocate (MAX (glyphs->num_glyphs, 1));
  cairo_text_cluster_t cluster = { 0, 0 };
  int position = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x200B)
      g_string_append_unichar (written, g_utf8_get_char (p));
  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      const PangoGlyphInfo *info = &glyphs->glyphs[i];

      if (info->glyph != PANGO_GLYPH_EMPTY)
        {
          cairo_glyphs[cluster.num_glyphs].index = info->glyph;
          cairo_glyphs[cluster.num_glyphs].x =
            x + (double) (position + info->geometry.x_offset) / PANGO_SCALE;
          cairo_glyphs[cluster.num_glyphs].y = y + (double) info->geometry.y_offset / PANGO_SCALE;
          cluster.num_glyphs++;
        }
      position += info->geometry.width;
    }
  cluster.num_bytes = written->len;
  if (cluster.num_bytes > 0 || cluster.num_glyphs > 0)
    {
      cairo_save (cr);
      set_run_color (cr, run->item);
      cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (
                                   PANGO_CAIRO_FONT (run->item->analysis.font)));
      cairo_show_text_glyphs (cr, written->str, written->len, cairo_glyphs, cluster.num_glyphs,
                              &cluster, 1, 0);
      cairo_restore (cr);
    }
  cairo_glyph_free (cairo_glyphs);
}

static gboolean
line_has_khmer (PangoLayoutLine *line)
{
  for (GSList *r = line->runs; r != NULL; r = r->next)
    if (((PangoGlyphItem *) r->data)->item->analysis.script == PANGO_SCRIPT_KHMER)
      return TRUE;
  return FALSE;
}

/**
 * _sb_render_show_layout_line:
 * @line: a line of a layout, its baseline starting at the current point
 *
 * Draws @line as pango_cairo_show_layout_line() does, except that on a PDF its Khmer
 * stays searchable. Pango hands cairo one cluster per character: a vowel sign or a
 * subscript consonant is then a glyph of its own, placed above, below or before its
 * consonant, and a reader that orders text by the glyphs' positions (poppler) splits
 * the word there ("មុន ្នី", "ចរ ិយា"), or drops marks to another line. Here each
 * Khmer run is given to cairo as one cluster carrying its text (cairo writes it as the
 * run's /ActualText, which poppler places over the run's glyphs as a whole), without the
 * ZERO WIDTH SPACEs the layout needed to break lines. The glyphs are the ones Pango
 * shaped, where Pango placed them: the page looks the same. Runs in other scripts are
 * drawn by Pango. Only the foreground colour of markup is honoured in Khmer runs (no
 * underline or background: the documents use none).
 */
void
_sb_render_show_layout_line (cairo_t         *cr,
                             PangoLayoutLine *line)
{
  const char *text = pango_layout_get_text (line->layout);
  double x, y;
  int offset = 0;

  if (!cairo_surface_has_show_text_glyphs (cairo_get_target (cr)) || !line_has_khmer (line))
    {
      pango_cairo_show_layout_line (cr, line);
      return;
    }
  cairo_get_current_point (cr, &x, &y);
  for (GSList *r = line->runs; r != NULL; r = r->next)
    {
      const PangoGlyphItem *run = r->data;
      double run_x = x + (double) offset / PANGO_SCALE;
      double run_y = y - (double) run->y_offset / PANGO_SCALE;

      if (is_plain_khmer_run (run))
        show_khmer_run (cr, text, run, run_x, run_y);
      else
        {
          cairo_save (cr);
          set_run_color (cr, run->item);
          cairo_move_to (cr, run_x, run_y);
          pango_cairo_show_glyph_item (cr, text, (PangoGlyphItem *) run);
          cairo_restore (cr);
        }
      offset += pango_glyph_string_get_width (run->glyphs);
    }
  cairo_move_to (cr, x, y);
}

/**
 * _sb_render_show_layout:
 * @layout: its top left corner at the current point
 *
 * pango_cairo_show_layout(), with searchable Khmer (see _sb_render_show_layout_line()).
 */
void
_sb_render_show_layout (cairo_t     *cr,
                        PangoLayout *layout)
{
  PangoLayoutIter *iter;
  double x, y;

  if (!cairo_surface_has_show_text_glyphs (cairo_get_target (cr)))
    {
      pango_cairo_show_layout (cr, layout);
      return;
    }
  cairo_get_current_point (cr, &x, &y);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                     y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
      _sb_render_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_move_to (cr, x, y);
}
