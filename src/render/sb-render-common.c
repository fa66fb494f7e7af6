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
 * over, so that a full disk or a crash never leaves half a PDF under @path. It
 * names detainees and senders: readable by its owner only. */
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
                                G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
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
