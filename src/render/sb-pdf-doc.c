/* sb-pdf-doc.c — one libharu document, with Khmer drawn through Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sb-pdf-doc.h"

#define PAGE_HEIGHT 841.89

/* A string laid out by Pango once and replayed wherever it appears. */
typedef struct
{
  cairo_path_t *path;
  double        width;
  double        baseline;
} Shape;

struct _SbPdfDoc
{
  HPDF_Doc           pdf;
  HPDF_Page          page;
  HPDF_STATUS        error_no;      /* the first error libharu reported */
  HPDF_STATUS        detail_no;
  HPDF_Font          fonts[3];      /* Noto Sans, Noto Sans Bold, DejaVu Sans Mono: embedded */
  HPDF_Font          text_layer;    /* the Khmer TrueType font, UTF-8 */
  const SbKhmerFont *khmer;
  GIConv             to_cp1252;

  PangoFontMap      *font_map;      /* one per document: documents run in threads */
  PangoContext      *context;
  cairo_surface_t   *recording;
  cairo_t           *cr;
  GHashTable        *shapes;        /* "style|size|text" → Shape */
};

static void
shape_free (Shape *shape)
{
  cairo_path_destroy (shape->path);
  g_free (shape);
}

/* libharu reports errors through a callback; this document's context is its user
 * data, so several documents can be made at once (no setjmp, no globals). */
static void
error_cb (HPDF_STATUS  error_no,
          HPDF_STATUS  detail_no,
          void        *user_data)
{
  SbPdfDoc *doc = user_data;

  if (doc->error_no == HPDF_OK)
    {
      doc->error_no = error_no;
      doc->detail_no = detail_no;
    }
}

gboolean
_sb_pdf_doc_check (SbPdfDoc  *doc,
                   GError   **error)
{
  if (doc->error_no == HPDF_OK)
    return TRUE;
  g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_FAILED,
               _("The PDF could not be made (libharu error 0x%04X, detail %u)."),
               (guint) doc->error_no, (guint) doc->detail_no);
  return FALSE;
}

/* libharu 2.3 gives a UTF-8 font a ToUnicode CMap that is really an encoding CMap
 * ("begincidrange": poppler warns "Invalid 'begincidrange' operator in ToUnicode
 * CMap" and falls back to the font's own tables). The codes of such a font are the
 * characters themselves (UTF-16, its CIDs map to glyphs through CIDToGIDMap), so the
 * right ToUnicode is the identity over the Basic Multilingual Plane: written here, in
 * ranges that never carry into the high byte, surrogates left out. The old stream
 * stays in the file, unreferenced. */
static gboolean
replace_to_unicode (SbPdfDoc  *doc,
                    HPDF_Font  font)
{
  g_autoptr(GString) cmap = g_string_new (
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  HPDF_Dict stream;
  guint n = 0;

  for (guint high = 0; high < 0x100; high++)
    {
      if (high >= 0xD8 && high <= 0xDF)
        continue;
      if (n % 100 == 0)
        g_string_append_printf (cmap, "%s%u beginbfrange\n", n > 0 ? "endbfrange\n" : "",
                                MIN (100u, 248u - n));
      g_string_append_printf (cmap, "<%02X00> <%02XFF> <%02X00>\n", high, high, high);
      n++;
    }
  g_string_append (cmap, "endbfrange\nendcmap\n"
                         "CMapName currentdict /CMap defineresource pop\nend\nend\n");

  stream = HPDF_DictStream_New (doc->pdf->mmgr, doc->pdf->xref);
  if (stream == NULL)
    return FALSE;
  stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  return HPDF_Stream_Write (stream->stream, (const HPDF_BYTE *) cmap->str, cmap->len) == HPDF_OK
         && HPDF_Dict_Add (font, "ToUnicode", stream) == HPDF_OK;
}

SbPdfDoc *
_sb_pdf_doc_new (GError **error)
{
  g_autoptr(SbPdfDoc) doc = g_new0 (SbPdfDoc, 1);
  cairo_font_options_t *options;
  const char *latin[SB_LATIN_N_STYLES];
  const char *name;

  doc->khmer = _sb_render_khmer_font (error);
  if (doc->khmer == NULL || !_sb_render_latin_fonts (latin, error))
    return NULL;
  doc->shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) shape_free);
  doc->to_cp1252 = g_iconv_open ("WINDOWS-1252", "UTF-8");

  doc->pdf = HPDF_NewEx (error_cb, NULL, NULL, 0, doc);
  if (doc->pdf == NULL)
    {
      g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_FAILED,
                   _("The PDF could not be made: out of memory."));
      return NULL;
    }
  HPDF_SetCompressionMode (doc->pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings (doc->pdf);
  /* SbPdfStyle and SbLatinStyle list the same faces in the same order. */
  for (guint style = 0; style < SB_LATIN_N_STYLES; style++)
    {
      name = HPDF_LoadTTFontFromFile (doc->pdf, latin[style], HPDF_TRUE);
      if (name != NULL)
        doc->fonts[style] = HPDF_GetFont (doc->pdf, name, "WinAnsiEncoding");
    }
  name = HPDF_LoadTTFontFromFile (doc->pdf, doc->khmer->file, HPDF_TRUE);
  if (name != NULL)
    doc->text_layer = HPDF_GetFont (doc->pdf, name, "UTF-8");
  if (!_sb_pdf_doc_check (doc, error))
    return NULL;
  if (!replace_to_unicode (doc, doc->text_layer))
    {
      g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_FAILED,
                   _("The PDF could not be made: out of memory."));
      return NULL;
    }

  doc->font_map = pango_cairo_font_map_new ();
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (doc->font_map), 72.0);
  doc->context = pango_font_map_create_context (doc->font_map);
  /* Outlines independent of any screen: no hinting, no rounding of metrics. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (doc->context, options);
  cairo_font_options_destroy (options);
  /* A recording surface: a small image surface would clip the glyphs away. */
  doc->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  doc->cr = cairo_create (doc->recording);
  return g_steal_pointer (&doc);
}

void
_sb_pdf_doc_free (SbPdfDoc *doc)
{
  if (doc == NULL)
    return;
  if (doc->pdf != NULL)
    HPDF_Free (doc->pdf);
  if (doc->to_cp1252 != NULL && doc->to_cp1252 != (GIConv) -1)
    g_iconv_close (doc->to_cp1252);
  g_clear_pointer (&doc->shapes, g_hash_table_unref);
  g_clear_pointer (&doc->cr, cairo_destroy);
  g_clear_pointer (&doc->recording, cairo_surface_destroy);
  g_clear_object (&doc->context);
  g_clear_object (&doc->font_map);
  g_free (doc);
}

HPDF_Doc
_sb_pdf_doc_get_pdf (SbPdfDoc *doc)
{
  return doc->pdf;
}

HPDF_Page
_sb_pdf_doc_add_page (SbPdfDoc *doc)
{
  doc->page = HPDF_AddPage (doc->pdf);
  HPDF_Page_SetSize (doc->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  return doc->page;
}

GBytes *
_sb_pdf_doc_save (SbPdfDoc  *doc,
                  GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];

  HPDF_SaveToStream (doc->pdf);
  HPDF_ResetStream (doc->pdf);
  for (;;)
    {
      HPDF_UINT32 size = sizeof buffer;
      HPDF_STATUS status = HPDF_ReadFromStream (doc->pdf, buffer, &size);

      g_byte_array_append (bytes, buffer, size);
      if (status == HPDF_STREAM_EOF)
        break;
      if (status != HPDF_OK)
        break;
    }
  /* Reading to the end of the stream is reported as an error too: it is not one. */
  if (doc->error_no == HPDF_STREAM_EOF)
    doc->error_no = HPDF_OK;
  if (!_sb_pdf_doc_check (doc, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */
/* ------------------------------------------------------------------------ */

static char *
to_cp1252 (SbPdfDoc   *doc,
           const char *text)
{
  if (doc->to_cp1252 == (GIConv) -1)
    return NULL;
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20)
      return NULL;
  return g_convert_with_iconv (text, -1, doc->to_cp1252, NULL, NULL, NULL);
}

static Shape *
get_shape (SbPdfDoc   *doc,
           const char *text,
           SbPdfStyle  style,
           double      size)
{
  g_autofree char *key = g_strdup_printf ("%d|%.2f|%s", style, size, text);
  Shape *shape = g_hash_table_lookup (doc->shapes, key);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  g_autofree char *families = NULL;
  g_autofree char *broken = NULL;
  PangoRectangle logical;

  if (shape != NULL)
    return shape;

  families = g_strdup_printf ("%s, Noto Sans, DejaVu Sans", doc->khmer->family);
  font = pango_font_description_from_string (families);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (style == SB_PDF_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  layout = pango_layout_new (doc->context);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);

  cairo_new_path (doc->cr);
  cairo_move_to (doc->cr, 0, 0);
  pango_cairo_layout_path (doc->cr, layout);

  shape = g_new0 (Shape, 1);
  shape->path = cairo_copy_path (doc->cr);
  shape->width = (double) logical.width / PANGO_SCALE;
  shape->baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
  cairo_new_path (doc->cr);
  g_hash_table_insert (doc->shapes, g_steal_pointer (&key), shape);
  return shape;
}

/* A coordinate of an outline, to a hundredth of a point (libharu writes five digits). */
static HPDF_REAL
round_point (double value)
{
  return (HPDF_REAL) (round (value * 100.0) / 100.0);
}

/* The outline Pango made, as PDF path operators, then the same string as invisible
 * text for search and copy. The outline is written relative to the string's origin
 * (its own "cm", y flipped): a word printed on every row (កម្ពុជា, អនឡាញ) is then the
 * same bytes each time, and the page's compression keeps one copy of it. */
static double
draw_shaped (SbPdfDoc   *doc,
             double      x,
             double      y,
             const char *text,
             SbPdfStyle  style,
             double      size)
{
  Shape *shape = get_shape (doc, text, style, size);
  double top = y - shape->baseline;
  cairo_path_t *path = shape->path;

  if (path->num_data > 0)
    {
      HPDF_Page_GSave (doc->page);
      HPDF_Page_Concat (doc->page, 1, 0, 0, -1, round_point (x), round_point (PAGE_HEIGHT - top));
      for (int i = 0; i < path->num_data; i += path->data[i].header.length)
        {
          cairo_path_data_t *data = &path->data[i];

          switch (data->header.type)
            {
            case CAIRO_PATH_MOVE_TO:
              HPDF_Page_MoveTo (doc->page, round_point (data[1].point.x),
                                round_point (data[1].point.y));
              break;
            case CAIRO_PATH_LINE_TO:
              HPDF_Page_LineTo (doc->page, round_point (data[1].point.x),
                                round_point (data[1].point.y));
              break;
            case CAIRO_PATH_CURVE_TO:
              HPDF_Page_CurveTo (doc->page,
                                 round_point (data[1].point.x), round_point (data[1].point.y),
                                 round_point (data[2].point.x), round_point (data[2].point.y),
                                 round_point (data[3].point.x), round_point (data[3].point.y));
              break;
            case CAIRO_PATH_CLOSE_PATH:
              HPDF_Page_ClosePath (doc->page);
              break;
            default:
              break;
            }
        }
      HPDF_Page_Fill (doc->page);
      HPDF_Page_GRestore (doc->page);
    }

  if (doc->text_layer != NULL)
    {
      HPDF_Page_BeginText (doc->page);
      HPDF_Page_SetTextRenderingMode (doc->page, HPDF_INVISIBLE);
      HPDF_Page_SetFontAndSize (doc->page, doc->text_layer, size);
      HPDF_Page_TextOut (doc->page, x, PAGE_HEIGHT - y, text);
      HPDF_Page_SetTextRenderingMode (doc->page, HPDF_FILL);
      HPDF_Page_EndText (doc->page);
    }
  return shape->width;
}

/* Shortens @encoded (Windows-1252) with "…" until it fits @max_width. */
static void
fit_width (HPDF_Font  font,
           double     size,
           char      *encoded,
           double     max_width)
{
  gsize len = strlen (encoded);

  if (max_width <= 0)
    return;
  while (len > 1 && HPDF_Font_TextWidth (font, (HPDF_BYTE *) encoded, len).width
                      * size / 1000.0 > max_width)
    {
      len--;
      encoded[len - 1] = '\x85';
      encoded[len] = '\0';
    }
}

double
_sb_pdf_text (SbPdfDoc   *doc,
              double      x,
              double      y,
              const char *text,
              SbPdfStyle  style,
              double      size,
              double      max_width)
{
  g_autofree char *encoded = NULL;
  HPDF_Font font = doc->fonts[style];

  if (text == NULL || *text == '\0')
    return 0;
  encoded = to_cp1252 (doc, text);
  if (encoded == NULL)
    {
      SbPdfStyle shaped = style == SB_PDF_BOLD ? SB_PDF_BOLD : SB_PDF_REGULAR;
      double width = get_shape (doc, text, shaped, size)->width;

      /* Too wide for its column: smaller, down to three quarters of the size. */
      if (max_width > 0 && width > max_width)
        size = MAX (size * max_width / width, size * 0.75);
      return draw_shaped (doc, x, y, text, shaped, size);
    }

  fit_width (font, size, encoded, max_width);
  HPDF_Page_BeginText (doc->page);
  HPDF_Page_SetFontAndSize (doc->page, font, size);
  HPDF_Page_TextOut (doc->page, x, PAGE_HEIGHT - y, encoded);
  HPDF_Page_EndText (doc->page);
  return HPDF_Font_TextWidth (font, (HPDF_BYTE *) encoded, strlen (encoded)).width * size / 1000.0;
}

double
_sb_pdf_text_width (SbPdfDoc   *doc,
                    const char *text,
                    SbPdfStyle  style,
                    double      size)
{
  g_autofree char *encoded = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  encoded = to_cp1252 (doc, text);
  if (encoded == NULL)
    return get_shape (doc, text, style == SB_PDF_BOLD ? SB_PDF_BOLD : SB_PDF_REGULAR, size)->width;
  return HPDF_Font_TextWidth (doc->fonts[style], (HPDF_BYTE *) encoded,
                              strlen (encoded)).width * size / 1000.0;
}

/* ------------------------------------------------------------------------ */
/* Lines and boxes                                                          */
/* ------------------------------------------------------------------------ */

void
_sb_pdf_rect (SbPdfDoc *doc,
              double    x,
              double    y,
              double    width,
              double    height,
              double    gray,
              gboolean  fill)
{
  /* Graphics state first: libharu refuses it once a path has begun. */
  if (fill)
    {
      HPDF_Page_SetGrayFill (doc->page, gray);
      HPDF_Page_Rectangle (doc->page, x, PAGE_HEIGHT - y - height, width, height);
      HPDF_Page_Fill (doc->page);
      HPDF_Page_SetGrayFill (doc->page, 0);
    }
  else
    {
      HPDF_Page_SetLineWidth (doc->page, 0.6);
      HPDF_Page_SetGrayStroke (doc->page, gray);
      HPDF_Page_Rectangle (doc->page, x, PAGE_HEIGHT - y - height, width, height);
      HPDF_Page_Stroke (doc->page);
      HPDF_Page_SetGrayStroke (doc->page, 0);
    }
}

void
_sb_pdf_line (SbPdfDoc *doc,
              double    x1,
              double    y1,
              double    x2,
              double    y2,
              double    width,
              double    gray)
{
  HPDF_Page_SetLineWidth (doc->page, width);
  HPDF_Page_SetGrayStroke (doc->page, gray);
  HPDF_Page_MoveTo (doc->page, x1, PAGE_HEIGHT - y1);
  HPDF_Page_LineTo (doc->page, x2, PAGE_HEIGHT - y2);
  HPDF_Page_Stroke (doc->page);
  HPDF_Page_SetGrayStroke (doc->page, 0);
}

/* The colour of text and filled shapes from now on. */
void
_sb_pdf_set_gray (SbPdfDoc *doc,
                  double    gray)
{
  HPDF_Page_SetGrayFill (doc->page, gray);
}
