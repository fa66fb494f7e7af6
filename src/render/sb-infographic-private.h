/* sb-infographic-private.h — shared between the files of the infographics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "sb-catalog.h"
#include "sb-infographic.h"

G_BEGIN_DECLS

struct _SbInfographicData
{
  char        *name;
  char        *hashtag;
  double       primary[3];
  double       accent[3];
  SbStats     *stats;
  SbBreakdown *breakdown;
  GPtrArray   *milestones;    /* SbMilestone, earliest first */
};

/* Fonts are named, never left to the system's defaults, so that a picture is the
 * same on every machine with fonts-noto-core and fonts-khmeros. */
#define SB_FONT_TEXT    "Noto Sans, Noto Sans Khmer, Khmer OS"
#define SB_FONT_NUMBERS "Noto Sans Display, Noto Sans Khmer, Khmer OS"

typedef enum
{
  SB_TEXT_REGULAR = 0,
  SB_TEXT_BOLD    = 1 << 0,
  SB_TEXT_NUMBER  = 1 << 1,   /* the display face of the big figures */
  SB_TEXT_CENTER  = 1 << 2,
  SB_TEXT_RIGHT   = 1 << 3,
  SB_TEXT_FIT     = 1 << 4,   /* one line: shrink to the width rather than wrap */
} SbTextFlags;

/* One picture being drawn. Sizes are in units of 1/1080 of the shorter side. */
typedef struct
{
  cairo_t           *cr;
  PangoContext      *pango;
  SbInfographicData *data;
  const char        *lang;       /* "en" or "km" */
  gboolean           khmer;
  SbCatalog         *catalog;    /* translations of the phrases, NULL for English */
  double             width;
  double             height;
  double             u;          /* one unit */
  gboolean           wide;       /* landscape: two columns */
  gboolean           printable;  /* on white paper, nothing to the edge */
  /* The content area inside the frame. */
  double             x, y, w, h;
} SbCanvas;

/* Colours of the palette, relative to the campaign's two. */
typedef enum
{
  SB_INK_PRIMARY,  /* the ground */
  SB_INK_ACCENT,
  SB_INK_WHITE,    /* text (on a printable page: the primary colour, on white) */
  SB_INK_SOFT,     /* the same, for secondary text */
  SB_INK_FAINT,    /* the same, for rules and empty bars */
} SbInk;

/* sb-infographic-style.c */
const char  *_sb_phrase           (SbCanvas     *canvas,
                                   const char   *msgid);
const char  *_sb_phrase_n         (SbCanvas     *canvas,
                                   const char   *singular,
                                   const char   *plural,
                                   gint64        n);
char        *_sb_format_count     (SbCanvas     *canvas,
                                   gint64        n);
char        *_sb_format_date      (SbCanvas     *canvas,
                                   const char   *iso_date);
char        *_sb_format_month     (SbCanvas     *canvas,
                                   int           month);
const char  *_sb_detainee_name    (SbCanvas     *canvas,
                                   const SbDetaineeStats *detainee);
void         _sb_set_ink          (SbCanvas     *canvas,
                                   SbInk         ink);
PangoLayout *_sb_layout           (SbCanvas     *canvas,
                                   const char   *text,
                                   double        size,
                                   SbTextFlags   flags,
                                   double        width,
                                   int           max_lines);
double       _sb_text             (SbCanvas     *canvas,
                                   const char   *text,
                                   double        size,
                                   SbTextFlags   flags,
                                   SbInk         ink,
                                   double        x,
                                   double        y,
                                   double        width,
                                   int           max_lines);
double       _sb_layout_height    (PangoLayout  *layout);
double       _sb_layout_width     (PangoLayout  *layout);
void         _sb_show_layout      (SbCanvas     *canvas,
                                   PangoLayout  *layout,
                                   SbInk         ink,
                                   double        x,
                                   double        y);
void         _sb_rect             (SbCanvas     *canvas,
                                   SbInk         ink,
                                   double        x,
                                   double        y,
                                   double        w,
                                   double        h);
void         _sb_draw_frame       (SbCanvas     *canvas);

/* One file per kind. */
void         _sb_draw_days        (SbCanvas     *canvas);
void         _sb_draw_messages    (SbCanvas     *canvas);
void         _sb_draw_countries   (SbCanvas     *canvas);
void         _sb_draw_timeline    (SbCanvas     *canvas);

G_END_DECLS
