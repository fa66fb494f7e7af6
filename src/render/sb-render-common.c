/* sb-render-common.c — fonts, dates, country names and safe writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-countries.h"
#include "sb-render-private.h"
#include "sb-text.h"

G_DEFINE_QUARK (sb-render-error-quark, sb_render_error)

/* Chosen explicitly so that documents do not depend on whatever else is installed
 * (docs/architecture.md). Both shape Khmer correctly with Pango 1.50. Their files are found
 * through fontconfig, as Pango finds them, wherever the fonts are installed. */
static SbKhmerFont khmer_fonts[] = {
  { "Khmer OS", NULL },
  { "Noto Sans Khmer", NULL },
};

static GMutex font_lock;
static gboolean fonts_looked_up;
static char **font_files_override;

/* For tests: only these files count as installed (NULL: the real ones). */
void
_sb_render_set_font_files (const char *const *files)
{
  g_mutex_lock (&font_lock);
  g_strfreev (font_files_override);
  font_files_override = g_strdupv ((char **) files);
  g_mutex_unlock (&font_lock);
}

/* The TrueType file of @family's face of @weight (regular or bold) as fontconfig
 * knows it, or NULL if that family is not installed (fontconfig's nearest other
 * family does not count), has no face of that weight, or is not TrueType, which
 * libharu cannot embed. */
static char *
find_font_face (const char *family,
                int         weight)
{
  FcPattern *pattern = FcPatternCreate ();
  FcPattern *match;
  FcResult result = FcResultNoMatch;
  FcChar8 *matched_family = NULL, *file = NULL, *format = NULL;
  int matched_weight = FC_WEIGHT_REGULAR;
  gboolean same_family = FALSE;
  char *found = NULL;

  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  FcPatternAddInteger (pattern, FC_WEIGHT, weight);
  FcPatternAddInteger (pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  /* A font may name its family several ways (in several languages). */
  for (int i = 0; match != NULL && !same_family
       && FcPatternGetString (match, FC_FAMILY, i, &matched_family) == FcResultMatch; i++)
    same_family = g_ascii_strcasecmp ((const char *) matched_family, family) == 0;
  if (match != NULL)
    FcPatternGetInteger (match, FC_WEIGHT, 0, &matched_weight);
  if (same_family
      && (matched_weight >= FC_WEIGHT_DEMIBOLD) == (weight >= FC_WEIGHT_DEMIBOLD)
      && FcPatternGetString (match, FC_FILE, 0, &file) == FcResultMatch
      && FcPatternGetString (match, FC_FONTFORMAT, 0, &format) == FcResultMatch
      && g_str_equal ((const char *) format, "TrueType"))
    found = g_strdup ((const char *) file);
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return found;
}

/**
 * _sb_render_find_font_file:
 * @family: a font family, "Khmer OS"
 *
 * Returns: (transfer full) (nullable): the TrueType file of @family's regular face
 *   as fontconfig knows it, or %NULL if that family is not installed (fontconfig's
 *   nearest other family does not count) or its file is not TrueType, which libharu
 *   cannot embed
 */
char *
_sb_render_find_font_file (const char *family)
{
  g_return_val_if_fail (family != NULL, NULL);

  return find_font_face (family, FC_WEIGHT_REGULAR);
}

/* Under the lock: is @file installed, as far as this process is concerned? */
static gboolean
is_usable (const char *file)
{
  return file != NULL && (font_files_override == NULL ||
                          g_strv_contains ((const char *const *) font_files_override, file));
}

const SbKhmerFont *
_sb_render_khmer_font (GError **error)
{
  const SbKhmerFont *font = NULL;

  g_mutex_lock (&font_lock);
  if (!fonts_looked_up)
    {
      for (guint i = 0; i < G_N_ELEMENTS (khmer_fonts); i++)
        khmer_fonts[i].file = _sb_render_find_font_file (khmer_fonts[i].family);
      fonts_looked_up = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (khmer_fonts) && font == NULL; i++)
    if (is_usable (khmer_fonts[i].file))
      font = &khmer_fonts[i];
  g_mutex_unlock (&font_lock);

  if (font == NULL)
    g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_FONT,
                 _("No Khmer font is installed, so Khmer text cannot be printed. Install the "
                   "package fonts-khmeros (or fonts-noto-core) and try again."));
  return font;
}

/* The manifest's Latin text, embedded like its Khmer so that the page is the same in
 * every viewer and printer (a viewer that substitutes its own Helvetica spaces the
 * letters for another font's widths): each style's first family installed. Both
 * families are in packages Sambot already needs (fonts-noto-core, fonts-dejavu-core). */
static struct
{
  const char *family;
  int         weight;
  char       *file;
} latin_faces[SB_LATIN_N_STYLES][2] = {
  [SB_LATIN_REGULAR] = { { "Noto Sans", FC_WEIGHT_REGULAR, NULL },
                         { "DejaVu Sans", FC_WEIGHT_REGULAR, NULL } },
  [SB_LATIN_BOLD] = { { "Noto Sans", FC_WEIGHT_BOLD, NULL },
                      { "DejaVu Sans", FC_WEIGHT_BOLD, NULL } },
  [SB_LATIN_MONO] = { { "DejaVu Sans Mono", FC_WEIGHT_REGULAR, NULL },
                      { "Noto Sans Mono", FC_WEIGHT_REGULAR, NULL } },
};
static gboolean latin_looked_up;

/**
 * _sb_render_latin_fonts:
 * @files: (out caller-allocates): the TrueType file of each #SbLatinStyle
 *
 * Returns: %TRUE if every style has a face; otherwise the error names the package
 */
gboolean
_sb_render_latin_fonts (const char *files[SB_LATIN_N_STYLES],
                        GError    **error)
{
  gboolean complete = TRUE;

  g_mutex_lock (&font_lock);
  if (!latin_looked_up)
    {
      for (guint style = 0; style < SB_LATIN_N_STYLES; style++)
        for (guint i = 0; i < G_N_ELEMENTS (latin_faces[style]); i++)
          latin_faces[style][i].file = find_font_face (latin_faces[style][i].family,
                                                       latin_faces[style][i].weight);
      latin_looked_up = TRUE;
    }
  for (guint style = 0; style < SB_LATIN_N_STYLES; style++)
    {
      files[style] = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (latin_faces[style]) && files[style] == NULL; i++)
        if (is_usable (latin_faces[style][i].file))
          files[style] = latin_faces[style][i].file;
      complete = complete && files[style] != NULL;
    }
  g_mutex_unlock (&font_lock);

  if (!complete)
    g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_FONT,
                 _("The fonts for the manifest’s Latin text are not installed. Install the "
                   "packages fonts-noto-core and fonts-dejavu-core and try again."));
  return complete;
}

/**
 * sb_render_check_fonts:
 *
 * Returns: %TRUE if documents can be made; otherwise the error names the package
 */
gboolean
sb_render_check_fonts (GError **error)
{
  const char *latin[SB_LATIN_N_STYLES];

  return _sb_render_khmer_font (error) != NULL && _sb_render_latin_fonts (latin, error);
}

/* The document is complete in memory: write it beside its final name and rename it
 * over, so that a full disk or a crash never leaves half a PDF under @path. */
gboolean
_sb_render_write_file (const char    *path,
                       const char    *what,
                       const guint8  *data,
                       gsize          length,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_filename_display_name (path);

  if (g_file_set_contents_full (path, (const char *) data, length,
                                G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    return TRUE;
  g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_WRITE,
               /* Translators: the first %s is "the manifest" or "the cards", the second
                * a file name, the third the system's reason. */
               _("Could not save %s as “%s”: %s"), what, name, local_error->message);
  return FALSE;
}

static const char *const months_en[] = {
  "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December",
};

/* Khmer month names (fixed: documents are bilingual whatever the interface says). */
static const char *const months_km[] = {
  "មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា",
  "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ",
};

static gboolean
split_date (const char *iso,
            int        *y,
            int        *m,
            int        *d)
{
  return iso != NULL && sscanf (iso, "%4d-%2d-%2d", y, m, d) == 3 && *m >= 1 && *m <= 12;
}

/* "2016-10-08" → "8 October 2016" (the manifest's English side). */
char *
_sb_render_date_en (const char *iso_date)
{
  int y, m, d;

  if (!split_date (iso_date, &y, &m, &d))
    return g_strdup (iso_date ? iso_date : "");
  return g_strdup_printf ("%d %s %d", d, months_en[m - 1], y);
}

/* "2016-10-08" → "៨ តុលា ២០១៦". */
char *
_sb_render_date_km (const char *iso_date)
{
  int y, m, d;
  g_autofree char *ascii = NULL;

  if (!split_date (iso_date, &y, &m, &d))
    return g_strdup (iso_date ? iso_date : "");
  ascii = g_strdup_printf ("%d %s %d", d, months_km[m - 1], y);
  return sb_text_to_khmer_digits (ascii);
}

char *
_sb_render_country (const char *code,
                    const char *lang)
{
  if (code == NULL || *code == '\0')
    return g_strdup ("");
  return sb_country_name (code, lang);
}

/* ------------------------------------------------------------------------ */
/* Searchable Khmer in cairo's PDFs                                         */
/* ------------------------------------------------------------------------ */

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
 * text is the run's own without the ZERO WIDTH SPACEs added for line breaking. */
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
 * the word there ("មុន ្នី", "ចរ ិយា"). Here each Khmer run is given to cairo as one
 * cluster carrying its text as typed (cairo writes it as the run's /ActualText), without
 * the ZERO WIDTH SPACEs the layout needed to break lines. Runs in other scripts are
 * drawn by Pango. Only the foreground colour of markup is honoured in Khmer runs
 * (no underline or background: the documents use none).
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
