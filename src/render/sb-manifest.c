/* sb-manifest.c — the handover manifest of a sealed batch (libharu)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paper both sides sign: who the items are for, which items, how many, and the
 * digest that ties the paper to the campaign file. Bilingual by design: its labels
 * are fixed English and Khmer text (constants below, not translated through gettext:
 * a prison officer reads the Khmer whatever language the coordinator's interface
 * is in). Laid out twice: once to count the pages ("page X of Y"), once to draw.
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-bidi.h"
#include "sb-pdf-doc.h"
#include "sb-text.h"

/* Fixed bilingual labels of the manifest (English / Khmer). */
#define L_TITLE_EN      "HANDOVER MANIFEST"
#define L_TITLE_KM      "បញ្ជីប្រគល់សំបុត្រ"
#define L_SUBTITLE_EN   "Messages of solidarity delivered to people in detention"
#define L_CAMPAIGN      "Campaign", "យុទ្ធនាការ"
#define L_BATCH         "Batch", "កញ្ចប់"
#define L_FACILITY      "Facility", "ទីកន្លែងឃុំខ្លួន"
#define L_SEALED        "Sealed on", "ថ្ងៃបិទកញ្ចប់"
#define L_ITEMS         "Items", "ចំនួនសំបុត្រ"
#define L_DIGEST        "Digest (SHA-256)", "លេខផ្ទៀងផ្ទាត់"
#define L_REF           "Ref", "លេខយោង"
#define L_RECEIVED      "Received", "ថ្ងៃទទួល"
#define L_CHANNEL       "Channel", "មធ្យោបាយ"
#define L_LANGUAGE      "Language", "ភាសា"
#define L_SENDER        "Sender", "អ្នកផ្ញើ"
#define L_COUNTRY       "Country", "ប្រទេស"
/* A sender who did not consent to be named: the consent value's Khmer (po/km.po). */
#define L_WITHHELD      "withheld / លាក់ឈ្មោះ"
#define L_FOR_KM        "សំបុត្រជូន"
#define L_SUBTOTAL_KM   "ចំនួន"
#define L_TOTAL         "Total items in this batch", "ចំនួនសំបុត្រសរុប"
#define L_STRIKE_EN     "Strike through every unused line so that nothing can be added."
#define L_STRIKE_KM     "សូមគូសឆូតបន្ទាត់ទទេទាំងអស់ ដើម្បីកុំឲ្យមានការបន្ថែម។"
#define L_HANDED        "Handed over by", "អ្នកប្រគល់"
#define L_RECEIVED_BY   "Received by", "អ្នកទទួល"
#define L_NAME          "Name", "ឈ្មោះ"
#define L_POSITION      "Position", "តួនាទី"
#define L_SIGNATURE     "Signature", "ហត្ថលេខា"
#define L_DATE          "Date and time", "កាលបរិច្ឆេទ"
#define L_STAMP         "Stamp", "ត្រា"
#define L_PAGE_KM       "ទំព័រ"
#define L_OF_KM         "នៃ"

/* Page geometry, points, y from the top. */
#define PAGE_W    595.276
#define PAGE_H    841.89
#define LEFT      42.0
#define RIGHT     (PAGE_W - 42.0)
#define TOP       40.0
#define BOTTOM    (PAGE_H - 56.0)
#define ROW_H     15.0
#define HEAD_H    27.0
#define SECTION_H 24.0
#define SIGN_H    178.0
#define TEXT_SIZE 8.5

typedef struct
{
  const char *en;
  const char *km;
  double      x;        /* from LEFT */
  double      width;
} Column;

static const Column columns[] = {
  { "#", "", 0, 22 },
  { L_REF, 26, 64 },
  { L_RECEIVED, 92, 70 },
  { L_CHANNEL, 164, 56 },
  { L_LANGUAGE, 222, 48 },
  { L_SENDER, 272, 120 },
  { L_COUNTRY, 394, 117 },
};

typedef struct
{
  SbPdfDoc             *doc;          /* NULL while counting pages */
  const SbBatchListing *listing;
  double                y;
  int                   page;
  int                   n_pages;
  char                 *short_digest;
} Writer;

/* ------------------------------------------------------------------------ */
/* Drawing (nothing is drawn while counting pages)                          */
/* ------------------------------------------------------------------------ */

/* Names come from people: a bidirectional control in one (U+202E…) would print it
 * reversed. Every string is drawn without them (src/text/sb-bidi.c). */
static double
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

static void
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

static void
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

static void
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

/* "English" over "Khmer", small: the labels of fields. */
static void
label (Writer     *w,
       double      x,
       double      y,
       const char *en,
       const char *km)
{
  text (w, x, y, en, SB_PDF_BOLD, 7.5, 0);
  text (w, x, y + 10, km, SB_PDF_REGULAR, 7.5, 0);
}

static char *
khmer_number (gint64 n)
{
  return sb_text_format_count (n, "km");
}

/* ------------------------------------------------------------------------ */
/* Page furniture                                                           */
/* ------------------------------------------------------------------------ */

static void
draw_footer (Writer *w)
{
  const SbBatch *batch = w->listing->batch;
  g_autofree char *left = NULL;
  g_autofree char *page_en = NULL;
  g_autofree char *page_km = NULL;
  g_autofree char *x_km = khmer_number (w->page);
  g_autofree char *n_km = khmer_number (w->n_pages);
  double y = PAGE_H - 34;

  line (w, LEFT, y - 11, RIGHT, y - 11, 0.5, 0.55);
  left = g_strdup_printf ("Batch %s  \xc2\xb7  digest %s", batch->code, w->short_digest);
  text (w, LEFT, y, left, SB_PDF_REGULAR, 7.5, 0);
  page_en = g_strdup_printf ("Page %d of %d", w->page, w->n_pages);
  page_km = g_strdup_printf (L_PAGE_KM " %s " L_OF_KM " %s", x_km, n_km);
  text_right (w, RIGHT, y, page_en, SB_PDF_BOLD, 7.5);
  text_right (w, RIGHT, y + 11, page_km, SB_PDF_REGULAR, 7.5);
  text (w, LEFT, y + 11, w->listing->facility->name_en, SB_PDF_REGULAR, 7.5, 300);
}

static void
draw_first_header (Writer *w)
{
  const SbBatchListing *listing = w->listing;
  g_autofree char *sealed_en = _sb_render_date_en (listing->batch->sealed_at);
  g_autofree char *sealed_km = _sb_render_date_km (listing->batch->sealed_at);
  g_autofree char *count = g_strdup_printf ("%u", listing->lines->len);
  g_autofree char *count_km = khmer_number (listing->lines->len);
  g_autofree char *campaign = NULL;
  double y = TOP;
  double mid = LEFT + 262;

  rect (w, LEFT, y, RIGHT - LEFT, 3, 0.15, TRUE);
  y += 24;
  text (w, LEFT, y, L_TITLE_EN, SB_PDF_BOLD, 17, 0);
  text_right (w, RIGHT, y, L_TITLE_KM, SB_PDF_BOLD, 15);
  y += 15;
  text (w, LEFT, y, L_SUBTITLE_EN, SB_PDF_REGULAR, 9, 0);
  y += 14;

  rect (w, LEFT, y, RIGHT - LEFT, 104, 0.94, TRUE);
  rect (w, LEFT, y, RIGHT - LEFT, 104, 0.6, FALSE);
  y += 13;
  campaign = *listing->hashtag && strstr (listing->campaign_name, listing->hashtag) == NULL
               ? g_strdup_printf ("%s (%s)", listing->campaign_name, listing->hashtag)
               : g_strdup (listing->campaign_name);
  label (w, LEFT + 8, y, L_CAMPAIGN);
  text (w, LEFT + 80, y + 2, campaign, SB_PDF_BOLD, 10, RIGHT - LEFT - 90);
  y += 26;
  label (w, LEFT + 8, y, L_BATCH);
  text (w, LEFT + 80, y + 2, listing->batch->code, SB_PDF_BOLD, 12, 0);
  label (w, mid, y, L_FACILITY);
  text (w, mid + 78, y, listing->facility->name_en, SB_PDF_BOLD, 9.5, RIGHT - mid - 84);
  text (w, mid + 78, y + 11, listing->facility->name_km, SB_PDF_REGULAR, 9, 0);
  y += 26;
  label (w, LEFT + 8, y, L_SEALED);
  text (w, LEFT + 80, y, sealed_en, SB_PDF_REGULAR, 9, 0);
  text (w, LEFT + 80, y + 11, sealed_km, SB_PDF_REGULAR, 9, 0);
  label (w, mid, y, L_ITEMS);
  text (w, mid + 78, y, count, SB_PDF_BOLD, 9.5, 0);
  text (w, mid + 78, y + 11, count_km, SB_PDF_REGULAR, 9, 0);
  y += 26;
  label (w, LEFT + 8, y, L_DIGEST);
  text (w, LEFT + 80, y + 4, listing->batch->digest, SB_PDF_MONO, 7.6, 0);
  w->y = y + 28;
}

static void
draw_short_header (Writer *w)
{
  g_autofree char *title = g_strdup_printf ("Handover manifest  \xc2\xb7  %s",
                                            w->listing->batch->code);
  double y = TOP + 10;

  text (w, LEFT, y, title, SB_PDF_BOLD, 9, 0);
  text_right (w, RIGHT, y, L_TITLE_KM, SB_PDF_REGULAR, 9);
  line (w, LEFT, y + 7, RIGHT, y + 7, 0.5, 0.55);
  w->y = y + 20;
}

static void
new_page (Writer *w)
{
  w->page++;
  if (w->doc != NULL)
    _sb_pdf_doc_add_page (w->doc);
  draw_footer (w);
  if (w->page == 1)
    draw_first_header (w);
  else
    draw_short_header (w);
}

/* Starts a new page unless @height still fits; TRUE if it did. */
static gboolean
ensure (Writer *w,
        double  height)
{
  if (w->y + height <= BOTTOM)
    return FALSE;
  new_page (w);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Sections                                                                 */
/* ------------------------------------------------------------------------ */

static void
draw_section_heading (Writer           *w,
                      const SbDetainee *detainee,
                      guint             count,
                      gboolean          continued)
{
  g_autofree char *en = NULL;
  g_autofree char *count_en = g_strdup_printf ("%u %s", count, count == 1 ? "item" : "items");
  g_autofree char *count_km_n = khmer_number (count);
  g_autofree char *count_km = g_strdup_printf ("%s %s", count_km_n, "សំបុត្រ");
  double x;

  rect (w, LEFT, w->y, RIGHT - LEFT, SECTION_H - 4, 0.2, TRUE);
  en = g_strdup_printf ("For %s", detainee->name_en);
  if (w->doc != NULL)
    _sb_pdf_set_gray (w->doc, 1.0);
  x = LEFT + 7 + text (w, LEFT + 7, w->y + 13.5, en, SB_PDF_BOLD, 10.5, 0) + 10;
  if (*detainee->name_km)
    {
      x += text (w, x, w->y + 13.5, L_FOR_KM, SB_PDF_REGULAR, 9.5, 0) + 4;
      text (w, x, w->y + 13.5, detainee->name_km, SB_PDF_BOLD, 10.5, 0);
    }
  if (continued)
    text_right (w, RIGHT - 96, w->y + 13.5, "(continued / (ត))", SB_PDF_REGULAR, 8);
  text_right (w, RIGHT - 7, w->y + 9, count_en, SB_PDF_BOLD, 7.5);
  text_right (w, RIGHT - 7, w->y + 17.5, count_km, SB_PDF_REGULAR, 7);
  if (w->doc != NULL)
    _sb_pdf_set_gray (w->doc, 0.0);
  w->y += SECTION_H;
}

static void
draw_table_header (Writer *w)
{
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    label (w, LEFT + columns[c].x + 2, w->y + 9, columns[c].en, columns[c].km);
  line (w, LEFT, w->y + HEAD_H - 4, RIGHT, w->y + HEAD_H - 4, 0.8, 0.2);
  w->y += HEAD_H;
}

static const char *
channel_name (const char *channel)
{
  if (g_strcmp0 (channel, "postcard") == 0)
    return "Postcard";
  if (g_strcmp0 (channel, "online") == 0)
    return "Online";
  return "Other";
}

static void
draw_row (Writer            *w,
          const SbBatchLine *item,
          guint              number)
{
  const SbMessage *message = item->message;
  g_autofree char *n = g_strdup_printf ("%u", number);
  g_autofree char *country = item->sender_withheld
                               ? g_strdup ("")
                               : _sb_render_country (message->sender_country, "en");
  const char *sender = item->sender_withheld ? L_WITHHELD
                       : *item->sender ? item->sender : "anonymous";
  double base = w->y + ROW_H - 4.5;

  if (w->doc != NULL)
    {
      text_right (w, LEFT + columns[0].x + columns[0].width, base, n, SB_PDF_REGULAR, 7.5);
      text (w, LEFT + columns[1].x + 2, base, message->ref, SB_PDF_BOLD, TEXT_SIZE,
            columns[1].width - 4);
      text (w, LEFT + columns[2].x + 2, base, message->received_on, SB_PDF_REGULAR, TEXT_SIZE,
            columns[2].width - 4);
      text (w, LEFT + columns[3].x + 2, base, channel_name (message->channel), SB_PDF_REGULAR,
            TEXT_SIZE, columns[3].width - 4);
      text (w, LEFT + columns[4].x + 2, base, message->language, SB_PDF_REGULAR, TEXT_SIZE,
            columns[4].width - 4);
      text (w, LEFT + columns[5].x + 2, base, sender, SB_PDF_REGULAR, TEXT_SIZE,
            columns[5].width - 4);
      text (w, LEFT + columns[6].x + 2, base, country, SB_PDF_REGULAR, TEXT_SIZE,
            columns[6].width - 4);
    }
  line (w, LEFT, w->y + ROW_H, RIGHT, w->y + ROW_H, 0.3, 0.7);
  w->y += ROW_H;
}

static void
draw_subtotal (Writer           *w,
               const SbDetainee *detainee,
               guint             count)
{
  g_autofree char *en = g_strdup_printf ("Items for %s: %u", detainee->name_en, count);
  g_autofree char *n_km = khmer_number (count);
  g_autofree char *km = g_strdup_printf ("%s %s %s៖ %s", L_SUBTOTAL_KM, L_FOR_KM,
                                         detainee->name_km, n_km);

  text_right (w, RIGHT - 4, w->y + 11, en, SB_PDF_BOLD, 8.5);
  text_right (w, RIGHT - 4, w->y + 22, km, SB_PDF_REGULAR, 8);
  w->y += 34;
}

static void
draw_total (Writer *w)
{
  guint total = w->listing->lines->len;
  g_autofree char *n = g_strdup_printf ("%u", total);
  g_autofree char *n_km = khmer_number (total);

  line (w, LEFT, w->y, RIGHT, w->y, 1.2, 0.1);
  label (w, LEFT + 2, w->y + 12, L_TOTAL);
  text_right (w, RIGHT - 60, w->y + 15, n, SB_PDF_BOLD, 14);
  text_right (w, RIGHT - 4, w->y + 15, n_km, SB_PDF_BOLD, 12);
  w->y += 34;
}

/* Blank ruled lines, to be struck through: nothing can be added after signing. */
static void
draw_unused_lines (Writer *w)
{
  double room = BOTTOM - w->y - SIGN_H - 24;
  int n = CLAMP ((int) (room / ROW_H), 0, 6);

  if (n == 0 && room < 0)
    n = CLAMP ((int) ((BOTTOM - w->y - 24) / ROW_H), 0, 3);
  text (w, LEFT, w->y + 9, L_STRIKE_EN, SB_PDF_BOLD, 8, 0);
  text (w, LEFT, w->y + 20, L_STRIKE_KM, SB_PDF_REGULAR, 8, 0);
  w->y += 24;
  for (int i = 0; i < n; i++)
    {
      line (w, LEFT, w->y + ROW_H, RIGHT, w->y + ROW_H, 0.3, 0.7);
      w->y += ROW_H;
    }
  w->y += 10;
}

static void
draw_signature_box (Writer     *w,
                    double      x,
                    double      width,
                    const char *en,
                    const char *km,
                    const char *name,
                    const char *position,
                    gboolean    stamp)
{
  double y = w->y;
  double field_y = y + 34;

  rect (w, x, y, width, SIGN_H - 12, 0.45, FALSE);
  rect (w, x, y, width, 26, 0.9, TRUE);
  text (w, x + 8, y + 11, en, SB_PDF_BOLD, 9.5, 0);
  text (w, x + 8, y + 22, km, SB_PDF_REGULAR, 8.5, 0);

  label (w, x + 8, field_y + 4, L_NAME);
  text (w, x + 70, field_y + 9, name, SB_PDF_REGULAR, 9.5, width - 80);
  line (w, x + 68, field_y + 12, x + width - 8, field_y + 12, 0.4, 0.4);
  field_y += 28;
  if (position != NULL)
    {
      label (w, x + 8, field_y + 4, L_POSITION);
      text (w, x + 70, field_y + 9, position, SB_PDF_REGULAR, 9.5, width - 80);
      line (w, x + 68, field_y + 12, x + width - 8, field_y + 12, 0.4, 0.4);
      field_y += 28;
    }
  label (w, x + 8, field_y + 4, L_SIGNATURE);
  line (w, x + 68, field_y + 20, x + width - (stamp ? 84 : 8), field_y + 20, 0.4, 0.4);
  field_y += 34;
  label (w, x + 8, field_y + 4, L_DATE);
  line (w, x + 68, field_y + 12, x + width - (stamp ? 84 : 8), field_y + 12, 0.4, 0.4);
  if (stamp)
    {
      double size = 68;
      double sx = x + width - size - 8;
      double sy = y + SIGN_H - 12 - size - 8;

      rect (w, sx, sy, size, size, 0.45, FALSE);
      label (w, sx + 4, sy + 10, L_STAMP);
    }
}

static void
draw_signatures (Writer *w)
{
  const SbBatch *batch = w->listing->batch;
  double gap = 14;
  double width = (RIGHT - LEFT - gap) / 2;

  draw_signature_box (w, LEFT, width, L_HANDED, batch->handed_by, NULL, FALSE);
  draw_signature_box (w, LEFT + width + gap, width, L_RECEIVED_BY, batch->received_by,
                      batch->received_position, TRUE);
  w->y += SIGN_H;
}

/* ------------------------------------------------------------------------ */
/* The whole document                                                       */
/* ------------------------------------------------------------------------ */

static gboolean
lay_out (Writer            *w,
         SbRenderProgress   progress,
         gpointer           user_data,
         GCancellable      *cancellable,
         GError           **error)
{
  GPtrArray *lines = w->listing->lines;
  guint number = 0;

  w->page = 0;
  new_page (w);
  for (guint start = 0; start < lines->len;)
    {
      const SbDetainee *detainee = ((SbBatchLine *) g_ptr_array_index (lines, start))->detainee;
      guint end = start;

      while (end < lines->len &&
             g_str_equal (((SbBatchLine *) g_ptr_array_index (lines, end))->detainee->id,
                          detainee->id))
        end++;

      ensure (w, SECTION_H + HEAD_H + 2 * ROW_H);
      draw_section_heading (w, detainee, end - start, FALSE);
      draw_table_header (w);
      for (guint i = start; i < end; i++)
        {
          if (ensure (w, ROW_H))
            {
              draw_section_heading (w, detainee, end - start, TRUE);
              draw_table_header (w);
            }
          draw_row (w, g_ptr_array_index (lines, i), ++number);
          if (w->doc != NULL && (number % 64) == 0)
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
              if (progress != NULL)
                progress (0.9 * number / lines->len, user_data);
            }
        }
      ensure (w, 34);
      draw_subtotal (w, detainee, end - start);
      start = end;
    }
  ensure (w, 34);
  draw_total (w);
  ensure (w, 24 + ROW_H);
  draw_unused_lines (w);
  ensure (w, SIGN_H);
  draw_signatures (w);
  return TRUE;
}

static void
set_date (HPDF_Doc        pdf,
          HPDF_InfoType   type,
          const char     *moment)
{
  HPDF_Date date = { 0, };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;

  if (moment == NULL || sscanf (moment, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 3)
    return;
  date.year = y;
  date.month = mo;
  date.day = d;
  date.hour = h;
  date.minutes = mi;
  date.seconds = s;
  date.ind = 'Z';
  HPDF_SetInfoDateAttr (pdf, type, date);
}

static void
set_info (SbPdfDoc             *doc,
          const SbBatchListing *listing)
{
  HPDF_Doc pdf = _sb_pdf_doc_get_pdf (doc);
  g_autofree char *title = g_strdup_printf ("Handover manifest %s", listing->batch->code);
  g_autofree char *subject = g_strdup_printf ("%u items for %s", listing->lines->len,
                                              listing->facility->name_en);
  g_autofree char *keywords = g_strdup_printf ("%s %s sha256:%s", listing->hashtag,
                                               listing->batch->code, listing->batch->digest);
  g_autofree char *author = g_str_is_ascii (listing->campaign_name)
                              ? g_strdup (listing->campaign_name) : g_strdup ("Sambot");

  HPDF_SetInfoAttr (pdf, HPDF_INFO_TITLE, title);
  HPDF_SetInfoAttr (pdf, HPDF_INFO_SUBJECT, g_str_is_ascii (subject) ? subject : title);
  HPDF_SetInfoAttr (pdf, HPDF_INFO_AUTHOR, author);
  HPDF_SetInfoAttr (pdf, HPDF_INFO_KEYWORDS, g_str_is_ascii (keywords) ? keywords : "");
  HPDF_SetInfoAttr (pdf, HPDF_INFO_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
  /* Fixed dates from the batch: the same batch gives the same bytes. */
  set_date (pdf, HPDF_INFO_CREATION_DATE, listing->batch->sealed_at);
  set_date (pdf, HPDF_INFO_MOD_DATE, listing->batch->sealed_at);
}

/**
 * sb_render_manifest:
 * @listing: a sealed batch
 * @path: the PDF to write; it appears only when complete
 * @progress: (nullable): told how far the work is
 *
 * Makes the bilingual handover manifest. The same listing always gives the same
 * bytes. Khmer is shaped by Pango and searchable (see sb-pdf-doc.h).
 */
gboolean
sb_render_manifest (const SbBatchListing  *listing,
                    const char            *path,
                    SbRenderProgress       progress,
                    gpointer               user_data,
                    GCancellable          *cancellable,
                    GError               **error)
{
  g_autoptr(SbPdfDoc) doc = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *short_digest = NULL;
  Writer w = { 0, };

  g_return_val_if_fail (listing != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (listing->batch->digest == NULL || listing->batch->code == NULL)
    {
      g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NOT_SEALED,
                   _("Seal the batch before printing its manifest: the manifest shows the "
                     "batch's code and digest, which sealing fixes."));
      return FALSE;
    }
  doc = _sb_pdf_doc_new (error);
  if (doc == NULL)
    return FALSE;

  short_digest = g_strndup (listing->batch->digest, 16);
  w.listing = listing;
  w.short_digest = short_digest;
  w.n_pages = 1;
  if (!lay_out (&w, NULL, NULL, NULL, error))
    return FALSE;

  w.n_pages = w.page;
  w.doc = doc;
  set_info (doc, listing);
  if (!lay_out (&w, progress, user_data, cancellable, error) ||
      !_sb_pdf_doc_check (doc, error))
    return FALSE;
  g_assert (w.page == w.n_pages);

  bytes = _sb_pdf_doc_save (doc, error);
  if (bytes == NULL)
    return FALSE;
  if (!_sb_render_write_file (path, _("the manifest"), g_bytes_get_data (bytes, NULL),
                              g_bytes_get_size (bytes), error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
