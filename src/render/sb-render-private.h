/* sb-render-private.h — shared between the files of the render layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "sb-render.h"

G_BEGIN_DECLS

/* Points per millimetre: PDF user space is 1/72 inch. */
#define SB_MM (72.0 / 25.4)

typedef struct
{
  const char *family;        /* Pango family name, "Khmer OS" */
  const char *file;          /* its TrueType file, for libharu's text layer (fontconfig) */
} SbKhmerFont;

/* The faces of the manifest's Latin text. */
typedef enum
{
  SB_LATIN_REGULAR,
  SB_LATIN_BOLD,
  SB_LATIN_MONO,
  SB_LATIN_N_STYLES,
} SbLatinStyle;

const SbKhmerFont *_sb_render_khmer_font        (GError       **error);
gboolean           _sb_render_latin_fonts       (const char    *files[SB_LATIN_N_STYLES],
                                                 GError       **error);
void               _sb_render_set_font_files    (const char   *const *files);
char              *_sb_render_find_font_file    (const char    *family);

gboolean           _sb_render_write_file        (const char    *path,
                                                 const char    *what,
                                                 const guint8  *data,
                                                 gsize          length,
                                                 GError       **error);

char              *_sb_render_date_en           (const char    *iso_date);
char              *_sb_render_date_km           (const char    *iso_date);
char              *_sb_render_country           (const char    *code,
                                                 const char    *lang);

void               _sb_render_show_layout       (cairo_t       *cr,
                                                 PangoLayout   *layout);
void               _sb_render_show_layout_line  (cairo_t       *cr,
                                                 PangoLayoutLine *line);

G_END_DECLS
