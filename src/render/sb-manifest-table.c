/* sb-manifest-table.c — the manifest's items, by detainee, and the signatures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include "sb-manifest-private.h"

/* The window's words, as it shows them, then the manifest's own. */
static const Word w_handed_by = WORD (N_("Handed over by"));
static const Word w_received_by = WORD (N_("Received by"));
static const Word w_name = WORD (N_("Name"));
static const Word w_position = WORD (N_("Position"));
static const Word w_withheld = WORD (N_("name withheld"));
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

/* "For Ny Sokha" and "សារជូន នី សុខា", each followed by its own "(continued)". */
void
_sb_manifest_draw_section_heading (Writer           *w,
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

void
_sb_manifest_draw_table_header (Writer *w)
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

void
_sb_manifest_draw_row (Writer            *w,
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

void
_sb_manifest_draw_subtotal (Writer           *w,
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

void
_sb_manifest_draw_total (Writer *w)
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
void
_sb_manifest_draw_unused_lines (Writer *w)
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

void
_sb_manifest_draw_signatures (Writer *w)
{
  const SbBatch *batch = w->listing->batch;
  double gap = 14;
  double width = (RIGHT - LEFT - gap) / 2;

  draw_signature_box (w, LEFT, width, &w_handed_by, batch->handed_by, NULL, FALSE);
  draw_signature_box (w, LEFT + width + gap, width, &w_received_by, batch->received_by,
                      batch->received_position, TRUE);
  w->y += SIGN_H;
}
