/* sb-render-common.c — fonts, dates, country names and safe writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-countries.h"
#include "sb-render-private.h"
#include "sb-text.h"

G_DEFINE_QUARK (sb-render-error-quark, sb_render_error)

/* Chosen explicitly so that documents do not depend on whatever else is installed
 * (docs/architecture.md). Both shape Khmer correctly with Pango 1.50. */
static const SbKhmerFont khmer_fonts[] = {
  { "Khmer OS", "/usr/share/fonts/truetype/khmeros/KhmerOS.ttf" },
  { "Noto Sans Khmer", "/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf" },
};

static GMutex font_lock;
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

static gboolean
font_installed (const char *file)
{
  gboolean found;

  g_mutex_lock (&font_lock);
  if (font_files_override != NULL)
    found = g_strv_contains ((const char *const *) font_files_override, file);
  else
    found = g_file_test (file, G_FILE_TEST_IS_REGULAR);
  g_mutex_unlock (&font_lock);
  return found;
}

const SbKhmerFont *
_sb_render_khmer_font (GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (khmer_fonts); i++)
    if (font_installed (khmer_fonts[i].file))
      return &khmer_fonts[i];
  g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_FONT,
               _("No Khmer font is installed, so Khmer text cannot be printed. Install the "
                 "package fonts-khmeros (or fonts-noto-core) and try again."));
  return NULL;
}

/**
 * sb_render_check_fonts:
 *
 * Returns: %TRUE if documents can be made; otherwise the error names the package
 */
gboolean
sb_render_check_fonts (GError **error)
{
  return _sb_render_khmer_font (error) != NULL;
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
