/* sb-manifest-private.h — shared between the files of the handover manifest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n-lib.h>

#include "sb-bidi.h"
#include "sb-pdf-doc.h"
#include "sb-text.h"
#include "sb-vocabulary.h"

G_BEGIN_DECLS

/* A word of the catalogue: the window's own (no context) or the manifest's. */
typedef struct
{
  const char *context;
  const char *msgid;
} Word;

#define WORD(msgid)     { NULL, msgid }
#define MANIFEST(msgid) { "manifest", msgid }

/* Page geometry, points, y from the top. */
#define PAGE_W    595.276
#define PAGE_H    841.89
#define LEFT      42.0
#define RIGHT     (PAGE_W - 42.0)
#define TOP       40.0
#define BOTTOM    (PAGE_H - 56.0)
#define ROW_H     22.0        /* two lines: English, then Khmer */
#define HEAD_H    27.0
#define SECTION_H 24.0
#define SIGN_H    178.0
#define TEXT_SIZE 8.5

typedef struct
{
  SbPdfDoc             *doc;          /* NULL while counting pages */
  const SbBatchListing *listing;
  double                y;
  int                   page;
  int                   n_pages;
  char                 *short_digest;
  GHashTable           *khmer;        /* Word → its Khmer, as printed */
} Writer;

static inline const char *
english (const Word *word)
{
  return word->msgid;
}

/* A word of a catalogue (Sambot's, iso-codes') as printed: without the ZERO WIDTH
 * SPACEs that tell the window where a line may break (po/GLOSSARY-km.md). Nothing
 * here is broken across lines, and a search of the PDF for ជុំបញ្ជូន must find it. */
static inline char *
printed_word (const char *word)
{
  GString *plain = g_string_new (word);

  g_string_replace (plain, "\xe2\x80\x8b", "", 0);
  return g_string_free (plain, FALSE);
}

/* The Khmer of @word, from the catalogue. */
static inline const char *
khmer (Writer     *w,
       const Word *word)
{
  const char *found = g_hash_table_lookup (w->khmer, word);
  char *printed;

  if (found != NULL)
    return found;
  found = word->context != NULL ? sb_vocabulary_word_in ("km", word->context, word->msgid)
                                : sb_vocabulary_word ("km", word->msgid);
  printed = printed_word (found);
  g_hash_table_insert (w->khmer, (gpointer) word, printed);
  return printed;
}

static inline char *
khmer_number (gint64 n)
{
  return sb_text_format_count (n, "km");
}

/* Drawing: nothing is drawn while counting pages. */

/* Names come from people: a bidirectional control in one (U+202E…) would print it
 * reversed. Every string is drawn without them (src/text/sb-bidi.c). */
static inline double
text (Writer     *w,
      double      x,
      double      y,
      const char *str,
      SbPdfStyle  style,
      double      size,
      double      max_width)
{
  g_autofree char *plain = NULL;

  if (w->doc == NULL)
    return 0;
  plain = sb_text_strip_bidi_controls (str);
  return _sb_pdf_text (w->doc, x, y, plain, style, size, max_width);
}

static inline void
text_right (Writer     *w,
            double      right,
            double      y,
            const char *str,
            SbPdfStyle  style,
            double      size)
{
  g_autofree char *plain = NULL;

  if (w->doc == NULL)
    return;
  plain = sb_text_strip_bidi_controls (str);
  _sb_pdf_text (w->doc, right - _sb_pdf_text_width (w->doc, plain, style, size), y, plain,
                style, size, 0);
}

static inline void
rect (Writer  *w,
      double   x,
      double   y,
      double   width,
      double   height,
      double   gray,
      gboolean fill)
{
  if (w->doc != NULL)
    _sb_pdf_rect (w->doc, x, y, width, height, gray, fill);
}

static inline void
line (Writer *w,
      double  x1,
      double  y1,
      double  x2,
      double  y2,
      double  width,
      double  gray)
{
  if (w->doc != NULL)
    _sb_pdf_line (w->doc, x1, y1, x2, y2, width, gray);
}

/* English over Khmer, small: the labels of fields. */
static inline void
label (Writer     *w,
       double      x,
       double      y,
       const Word *word)
{
  text (w, x, y, english (word), SB_PDF_BOLD, 7.5, 0);
  text (w, x, y + 10, khmer (w, word), SB_PDF_REGULAR, 7.5, 0);
}

/* The wider of a label's two lines (0 while counting pages). */
static inline double
label_width (Writer     *w,
             const Word *word)
{
  if (w->doc == NULL)
    return 0;
  return MAX (_sb_pdf_text_width (w->doc, english (word), SB_PDF_BOLD, 7.5),
              _sb_pdf_text_width (w->doc, khmer (w, word), SB_PDF_REGULAR, 7.5));
}

/* sb-manifest-page.c */
void     _sb_manifest_new_page             (Writer           *w);
gboolean _sb_manifest_ensure               (Writer           *w,
                                            double            height);

/* sb-manifest-table.c */
void     _sb_manifest_draw_section_heading (Writer           *w,
                                            const SbDetainee *detainee,
                                            guint             count,
                                            gboolean          continued);
void     _sb_manifest_draw_table_header    (Writer           *w);
void     _sb_manifest_draw_row             (Writer           *w,
                                            const SbBatchLine *item,
                                            guint             number);
void     _sb_manifest_draw_subtotal        (Writer           *w,
                                            const SbDetainee *detainee,
                                            guint             count);
void     _sb_manifest_draw_total           (Writer           *w);
void     _sb_manifest_draw_unused_lines    (Writer           *w);
void     _sb_manifest_draw_signatures      (Writer           *w);

G_END_DECLS
