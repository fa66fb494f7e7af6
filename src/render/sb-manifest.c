/* sb-manifest.c — the handover manifest of a sealed batch (libharu)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paper both sides sign: who the items are for, which items, how many, and the
 * digest that ties the paper to the campaign file. Bilingual by design: every label is
 * printed in English and, below or beside it, in Khmer, whatever language the
 * coordinator's interface speaks (a prison officer reads the Khmer). Both come from
 * Sambot's catalogue (src/core/sb-vocabulary.c): the English is the msgid, the Khmer
 * its translation in po/km.po, so the paper uses the window's words. Laid out twice:
 * once to count the pages ("page X of Y"), once to draw.
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libintl.h>
#include <string.h>

#include "sb-bidi.h"
#include "sb-pdf-doc.h"
#include "sb-text.h"
#include "sb-vocabulary.h"

/* A word of the catalogue: the window's own (no context) or the manifest's. */
typedef struct
{
  const char *context;
  const char *msgid;
} Word;

#define WORD(msgid)     { NULL, msgid }
#define MANIFEST(msgid) { "manifest", msgid }

/* The window's words, as it shows them. */
static const Word w_batch = WORD (N_("Batch"));
static const Word w_facility = WORD (N_("Facility"));
static const Word w_items = WORD (N_("Items"));
static const Word w_handed_by = WORD (N_("Handed over by"));
static const Word w_received_by = WORD (N_("Received by"));
static const Word w_name = WORD (N_("Name"));
static const Word w_position = WORD (N_("Position"));
static const Word w_withheld = WORD (N_("name withheld"));
/* The manifest's own. */
static const Word w_title = MANIFEST (NC_("manifest", "Handover manifest"));
static const Word w_subtitle =
  MANIFEST (NC_("manifest", "Messages of solidarity delivered to people in detention"));
static const Word w_campaign = MANIFEST (NC_("manifest", "Campaign"));
static const Word w_sealed = MANIFEST (NC_("manifest", "Sealed on"));
static const Word w_digest = MANIFEST (NC_("manifest", "Digest (SHA-256)"));
/* Translators: the heading of a detainee's messages: "For Ny Sokha". */
static const Word w_for = MANIFEST (NC_("manifest", "For %s"));
/* Translators: after "For Ny Sokha" at the top of a page, when the list goes on
 * from the page before. */
static const Word w_continued = MANIFEST (NC_("manifest", "(continued)"));
/* Translators: how many messages a detainee has in the batch; %s is the number. */
static const Word w_count_one = MANIFEST (NC_("manifest", "%s item"));
static const Word w_count_many = MANIFEST (NC_("manifest", "%s items"));
/* Translators: "Items for Ny Sokha: 12". */
static const Word w_subtotal = MANIFEST (NC_("manifest", "Items for %s: %s"));
static const Word w_total = MANIFEST (NC_("manifest", "Total items in this batch"));
static const Word w_anonymous = MANIFEST (NC_("manifest", "anonymous"));
static const Word w_strike =
  MANIFEST (NC_("manifest", "Strike through every unused line so that nothing can be added."));
static const Word w_signature = MANIFEST (NC_("manifest", "Signature"));
static const Word w_date = MANIFEST (NC_("manifest", "Date and time"));
static const Word w_stamp = MANIFEST (NC_("manifest", "Stamp"));
/* Translators: the footer of every page: "Batch PS-2016-10-05-01 · digest 2b9202c1…". */
static const Word w_footer = MANIFEST (NC_("manifest", "Batch %s · digest %s"));
static const Word w_page = MANIFEST (NC_("manifest", "Page %s of %s"));

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

static const struct
{
  Word   word;
  double x;        /* from LEFT */
  double width;
} columns[] = {
  { WORD ("#"), 0, 20 },
  { WORD (N_("Ref")), 24, 58 },
  { WORD (N_("Received on")), 84, 58 },
  { WORD (N_("Channel")), 144, 60 },
  { WORD (N_("Language")), 206, 62 },
  { WORD (N_("Sender")), 270, 124 },
  { WORD (N_("Country")), 396, 115 },
};

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

/* ------------------------------------------------------------------------ */
/* Words                                                                    */
/* ------------------------------------------------------------------------ */

static const char *
english (const Word *word)
{
  return word->msgid;
}

/* A word of a catalogue (Sambot's, iso-codes') as printed: without the ZERO WIDTH
 * SPACEs that tell the window where a line may break (po/GLOSSARY-km.md). Nothing
 * here is broken across lines, and a search of the PDF for ជុំបញ្ជូន must find it. */
static char *
printed_word (const char *word)
{
  GString *plain = g_string_new (word);

  g_string_replace (plain, "\xe2\x80\x8b", "", 0);
  return g_string_free (plain, FALSE);
}

/* The Khmer of @word, from the catalogue. */
static const char *
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

static char *
khmer_number (gint64 n)
{
  return sb_text_format_count (n, "km");
}

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

/* English over Khmer, small: the labels of fields. */
static void
label (Writer     *w,
       double      x,
       double      y,
       const Word *word)
{
  text (w, x, y, english (word), SB_PDF_BOLD, 7.5, 0);
  text (w, x, y + 10, khmer (w, word), SB_PDF_REGULAR, 7.5, 0);
}

/* The wider of a label's two lines (0 while counting pages). */
static double
label_width (Writer     *w,
             const Word *word)
{
  if (w->doc == NULL)
    return 0;
  return MAX (_sb_pdf_text_width (w->doc, english (word), SB_PDF_BOLD, 7.5),
              _sb_pdf_text_width (w->doc, khmer (w, word), SB_PDF_REGULAR, 7.5));
}

/* ------------------------------------------------------------------------ */
/* Page furniture                                                           */
/* ------------------------------------------------------------------------ */

static void
draw_footer (Writer *w)
{
  g_autofree char *left = NULL;
  g_autofree char *page_en = NULL;
  g_autofree char *page_km = NULL;
  g_autofree char *x_en = g_strdup_printf ("%d", w->page);
  g_autofree char *n_en = g_strdup_printf ("%d", w->n_pages);
  g_autofree char *x_km = khmer_number (w->page);
  g_autofree char *n_km = khmer_number (w->n_pages);
  double y = PAGE_H - 34;

  line (w, LEFT, y - 11, RIGHT, y - 11, 0.5, 0.55);
  left = g_strdup_printf (english (&w_footer), w->listing->batch->code, w->short_digest);
  text (w, LEFT, y, left, SB_PDF_REGULAR, 7.5, 0);
  page_en = g_strdup_printf (english (&w_page), x_en, n_en);
  page_km = g_strdup_printf (khmer (w, &w_page), x_km, n_km);
  text_right (w, RIGHT, y, page_en, SB_PDF_BOLD, 7.5);
  text_right (w, RIGHT, y + 11, page_km, SB_PDF_REGULAR, 7.5);
  text (w, LEFT, y + 11, w->listing->facility->name_en, SB_PDF_REGULAR, 7.5, 300);
}

static void
draw_first_header (Writer *w)
{
  const SbBatchListing *listing = w->listing;
  g_autofree char *title = g_utf8_strup (english (&w_title), -1);
  g_autofree char *sealed_en = _sb_render_date_en (listing->batch->sealed_at);
  g_autofree char *sealed_km = _sb_render_date_km (listing->batch->sealed_at);
  g_autofree char *count = g_strdup_printf ("%u", listing->lines->len);
  g_autofree char *count_km = khmer_number (listing->lines->len);
  g_autofree char *campaign = NULL;
  double y = TOP;
  double mid = LEFT + 262;

  rect (w, LEFT, y, RIGHT - LEFT, 3, 0.15, TRUE);
  y += 24;
  text (w, LEFT, y, title, SB_PDF_BOLD, 17, 0);
  text_right (w, RIGHT, y, khmer (w, &w_title), SB_PDF_BOLD, 15);
  y += 15;
  text (w, LEFT, y, english (&w_subtitle), SB_PDF_REGULAR, 9, 0);
  text_right (w, RIGHT, y, khmer (w, &w_subtitle), SB_PDF_REGULAR, 8.5);
  y += 14;

  rect (w, LEFT, y, RIGHT - LEFT, 104, 0.94, TRUE);
  rect (w, LEFT, y, RIGHT - LEFT, 104, 0.6, FALSE);
  y += 13;
  campaign = *listing->hashtag && strstr (listing->campaign_name, listing->hashtag) == NULL
               ? g_strdup_printf ("%s (%s)", listing->campaign_name, listing->hashtag)
               : g_strdup (listing->campaign_name);
  label (w, LEFT + 8, y, &w_campaign);
  text (w, LEFT + 80, y + 2, campaign, SB_PDF_BOLD, 10, RIGHT - LEFT - 90);
  y += 26;
  label (w, LEFT + 8, y, &w_batch);
  text (w, LEFT + 80, y + 2, listing->batch->code, SB_PDF_BOLD, 12, 0);
  label (w, mid, y, &w_facility);
  text (w, mid + 78, y, listing->facility->name_en, SB_PDF_BOLD, 9.5, RIGHT - mid - 84);
  text (w, mid + 78, y + 11, listing->facility->name_km, SB_PDF_REGULAR, 9, RIGHT - mid - 84);
  y += 26;
  label (w, LEFT + 8, y, &w_sealed);
  text (w, LEFT + 80, y, sealed_en, SB_PDF_REGULAR, 9, 0);
  text (w, LEFT + 80, y + 11, sealed_km, SB_PDF_REGULAR, 9, 0);
  label (w, mid, y, &w_items);
  text (w, mid + 78, y, count, SB_PDF_BOLD, 9.5, 0);
  text (w, mid + 78, y + 11, count_km, SB_PDF_REGULAR, 9, 0);
  y += 26;
  label (w, LEFT + 8, y, &w_digest);
  text (w, MAX (LEFT + 80, LEFT + 16 + label_width (w, &w_digest)), y + 4,
        listing->batch->digest, SB_PDF_MONO, 7.6, 0);
  w->y = y + 28;
}

static void
draw_short_header (Writer *w)
{
  g_autofree char *title = g_strdup_printf ("%s  \xc2\xb7  %s", english (&w_title),
                                            w->listing->batch->code);
  double y = TOP + 10;

  text (w, LEFT, y, title, SB_PDF_BOLD, 9, 0);
  text_right (w, RIGHT, y, khmer (w, &w_title), SB_PDF_REGULAR, 9);
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

/* "For Ny Sokha" and "សារជូន នី សុខា", each followed by its own "(continued)". */
static void
draw_section_heading (Writer           *w,
                      const SbDetainee *detainee,
                      guint             count,
                      gboolean          continued)
{
  g_autofree char *n_en = g_strdup_printf ("%u", count);
  g_autofree char *n_km = khmer_number (count);
  g_autofree char *count_en = g_strdup_printf (english (count == 1 ? &w_count_one
                                                                   : &w_count_many), n_en);
  g_autofree char *count_km = g_strdup_printf (khmer (w, &w_count_one), n_km);
  g_autofree char *for_en = g_strdup_printf (english (&w_for), detainee->name_en);
  g_autofree char *for_km = g_strdup_printf (khmer (w, &w_for), detainee->name_km);
  double base = w->y + 13.5;
  double x = LEFT + 7;

  rect (w, LEFT, w->y, RIGHT - LEFT, SECTION_H - 4, 0.2, TRUE);
  if (w->doc != NULL)
    _sb_pdf_set_gray (w->doc, 1.0);
  x += text (w, x, base, for_en, SB_PDF_BOLD, 10.5, 0) + 4;
  if (continued)
    x += text (w, x, base, english (&w_continued), SB_PDF_REGULAR, 8, 0);
  x += 12;
  if (*detainee->name_km)
    {
      x += text (w, x, base, for_km, SB_PDF_BOLD, 10.5, 0) + 4;
      if (continued)
        text (w, x, base, khmer (w, &w_continued), SB_PDF_REGULAR, 8, 0);
    }
  text_right (w, RIGHT - 7, w->y + 9, count_en, SB_PDF_BOLD, 7.5);
  text_right (w, RIGHT - 7, w->y + 17.5, count_km, SB_PDF_REGULAR, 7);
  if (w->doc != NULL)
    _sb_pdf_set_gray (w->doc, 0.0);
  w->y += SECTION_H;
}

static void
draw_table_header (Writer *w)
{
  text (w, LEFT + columns[0].x + 2, w->y + 9, english (&columns[0].word), SB_PDF_BOLD, 7.5, 0);
  for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
    label (w, LEFT + columns[c].x + 2, w->y + 9, &columns[c].word);
  line (w, LEFT, w->y + HEAD_H - 4, RIGHT, w->y + HEAD_H - 4, 0.8, 0.2);
  w->y += HEAD_H;
}

/* One cell: @en on the row's first line, @km (if any) on its second. */
static void
cell (Writer     *w,
      guint       column,
      const char *en,
      const char *km,
      SbPdfStyle  style)
{
  double x = LEFT + columns[column].x + 2;
  double width = columns[column].width - 4;

  text (w, x, w->y + 9.5, en, style, TEXT_SIZE, width);
  if (km != NULL && *km != '\0')
    text (w, x, w->y + 18.5, km, SB_PDF_REGULAR, 7.5, width);
}

static void
draw_row (Writer            *w,
          const SbBatchLine *item,
          guint              number)
{
  const SbMessage *message = item->message;
  g_autofree char *n = g_strdup_printf ("%u", number);
  /* Without consent, neither the name nor the country: either can tell who wrote. */
  gboolean country = !item->sender_withheld && *message->sender_country != '\0';
  g_autofree char *country_en = country ? _sb_render_country (message->sender_country, "en")
                                        : NULL;
  g_autofree char *country_km = NULL;
  g_autofree char *language_en = sb_language_label (message->language, "en");
  g_autofree char *language_km = NULL;
  g_autofree char *channel_km = NULL;

  if (w->doc != NULL)
    {
      g_autofree char *language = sb_language_label (message->language, "km");
      g_autofree char *place = country ? _sb_render_country (message->sender_country, "km")
                                       : NULL;

      language_km = printed_word (language);
      country_km = place != NULL ? printed_word (place) : NULL;
      channel_km = printed_word (sb_channel_label (message->channel, "km"));
      text_right (w, LEFT + columns[0].x + columns[0].width, w->y + 9.5, n, SB_PDF_REGULAR,
                  7.5);
      cell (w, 1, message->ref, NULL, SB_PDF_BOLD);
      cell (w, 2, message->received_on, NULL, SB_PDF_REGULAR);
      cell (w, 3, sb_channel_label (message->channel, "en"), channel_km, SB_PDF_REGULAR);
      cell (w, 4, language_en, language_km, SB_PDF_REGULAR);
      if (item->sender_withheld)
        cell (w, 5, english (&w_withheld), khmer (w, &w_withheld), SB_PDF_REGULAR);
      else if (*item->sender == '\0')
        cell (w, 5, english (&w_anonymous), khmer (w, &w_anonymous), SB_PDF_REGULAR);
      else
        cell (w, 5, item->sender, NULL, SB_PDF_REGULAR);
      if (country)
        cell (w, 6, country_en, country_km, SB_PDF_REGULAR);
    }
  line (w, LEFT, w->y + ROW_H, RIGHT, w->y + ROW_H, 0.3, 0.7);
  w->y += ROW_H;
}

static void
draw_subtotal (Writer           *w,
               const SbDetainee *detainee,
               guint             count)
{
  g_autofree char *n_en = g_strdup_printf ("%u", count);
  g_autofree char *n_km = khmer_number (count);
  g_autofree char *en = g_strdup_printf (english (&w_subtotal), detainee->name_en, n_en);
  g_autofree char *km = g_strdup_printf (khmer (w, &w_subtotal), detainee->name_km, n_km);

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
  label (w, LEFT + 2, w->y + 12, &w_total);
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
  text (w, LEFT, w->y + 9, english (&w_strike), SB_PDF_BOLD, 8, 0);
  text (w, LEFT, w->y + 20, khmer (w, &w_strike), SB_PDF_REGULAR, 8, 0);
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
                    const Word *heading,
                    const char *name,
                    const char *position,
                    gboolean    stamp)
{
  double y = w->y;
  double field_y = y + 34;

  rect (w, x, y, width, SIGN_H - 12, 0.45, FALSE);
  rect (w, x, y, width, 26, 0.9, TRUE);
  text (w, x + 8, y + 11, english (heading), SB_PDF_BOLD, 9.5, 0);
  text (w, x + 8, y + 22, khmer (w, heading), SB_PDF_REGULAR, 8.5, 0);

  label (w, x + 8, field_y + 4, &w_name);
  text (w, x + 86, field_y + 9, name, SB_PDF_REGULAR, 9.5, width - 96);
  line (w, x + 84, field_y + 12, x + width - 8, field_y + 12, 0.4, 0.4);
  field_y += 28;
  if (position != NULL)
    {
      label (w, x + 8, field_y + 4, &w_position);
      text (w, x + 86, field_y + 9, position, SB_PDF_REGULAR, 9.5, width - 96);
      line (w, x + 84, field_y + 12, x + width - 8, field_y + 12, 0.4, 0.4);
      field_y += 28;
    }
  label (w, x + 8, field_y + 4, &w_signature);
  line (w, x + 84, field_y + 20, x + width - (stamp ? 84 : 8), field_y + 20, 0.4, 0.4);
  field_y += 34;
  label (w, x + 8, field_y + 4, &w_date);
  line (w, x + 84, field_y + 12, x + width - (stamp ? 84 : 8), field_y + 12, 0.4, 0.4);
  if (stamp)
    {
      double size = 68;
      double sx = x + width - size - 8;
      double sy = y + SIGN_H - 12 - size - 8;

      rect (w, sx, sy, size, size, 0.45, FALSE);
      label (w, sx + 4, sy + 10, &w_stamp);
    }
}

static void
draw_signatures (Writer *w)
{
  const SbBatch *batch = w->listing->batch;
  double gap = 14;
  double width = (RIGHT - LEFT - gap) / 2;

  draw_signature_box (w, LEFT, width, &w_handed_by, batch->handed_by, NULL, FALSE);
  draw_signature_box (w, LEFT + width + gap, width, &w_received_by, batch->received_by,
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
  g_autoptr(GHashTable) khmer_words = NULL;
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
  if (!sb_vocabulary_has_language ("km"))
    {
      /* Without it the Khmer half of the paper would be English. */
      g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_TRANSLATION,
                   _("Sambot’s Khmer translation is not installed (no km/LC_MESSAGES/%s.mo "
                     "in “%s”), so the manifest’s Khmer labels cannot be printed. Reinstall "
                     "Sambot, or set SAMBOT_LOCALEDIR to the folder that holds it."),
                   GETTEXT_PACKAGE, bindtextdomain (GETTEXT_PACKAGE, NULL));
      return FALSE;
    }
  doc = _sb_pdf_doc_new (error);
  if (doc == NULL)
    return FALSE;

  khmer_words = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  short_digest = g_strndup (listing->batch->digest, 16);
  w.khmer = khmer_words;
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
