/* sb-pdf-doc.h — one libharu document, with Khmer drawn through Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libharu 2.3 cannot shape Khmer. Text it can encode (Windows-1252) is written with
 * its standard fonts; anything else is laid out by Pango, its outline replayed as
 * PDF path operators, and the same string added as invisible text in an embedded
 * TrueType font so that search and copy give it back (docs/architecture.md, "Platform facts").
 * Only the render layer includes hpdf.h.
 */

#pragma once

#include <hpdf.h>

#include "sb-render-private.h"

G_BEGIN_DECLS

typedef enum
{
  SB_PDF_REGULAR,
  SB_PDF_BOLD,
  SB_PDF_MONO,
} SbPdfStyle;

typedef struct _SbPdfDoc SbPdfDoc;

SbPdfDoc  *_sb_pdf_doc_new        (GError      **error);
void       _sb_pdf_doc_free       (SbPdfDoc     *doc);
HPDF_Doc   _sb_pdf_doc_get_pdf    (SbPdfDoc     *doc);
HPDF_Page  _sb_pdf_doc_add_page   (SbPdfDoc     *doc);
gboolean   _sb_pdf_doc_check      (SbPdfDoc     *doc,
                                   GError      **error);
GBytes    *_sb_pdf_doc_save       (SbPdfDoc     *doc,
                                   GError      **error);

/* Top-down coordinates in points: (x, y) is where the baseline of the text starts,
 * y measured from the top of the page. Returns the width drawn. */
double     _sb_pdf_text           (SbPdfDoc     *doc,
                                   double        x,
                                   double        y,
                                   const char   *text,
                                   SbPdfStyle    style,
                                   double        size,
                                   double        max_width);
double     _sb_pdf_text_width     (SbPdfDoc     *doc,
                                   const char   *text,
                                   SbPdfStyle    style,
                                   double        size);
void       _sb_pdf_rect           (SbPdfDoc     *doc,
                                   double        x,
                                   double        y,
                                   double        width,
                                   double        height,
                                   double        gray,
                                   gboolean      fill);
void       _sb_pdf_set_gray       (SbPdfDoc     *doc,
                                   double        gray);
void       _sb_pdf_line           (SbPdfDoc     *doc,
                                   double        x1,
                                   double        y1,
                                   double        x2,
                                   double        y2,
                                   double        width,
                                   double        gray);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPdfDoc, _sb_pdf_doc_free)

G_END_DECLS
