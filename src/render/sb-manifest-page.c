/* sb-manifest-page.c — the manifest's pages: headers, footers, page breaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <string.h>

#include "sb-manifest-private.h"

/* The window's words, as it shows them, then the manifest's own. */
static const Word w_batch = WORD (N_("Batch"));
static const Word w_facility = WORD (N_("Facility"));
static const Word w_items = WORD (N_("Items"));
static const Word w_title = MANIFEST (NC_("manifest", "Handover manifest"));
static const Word w_subtitle =
  MANIFEST (NC_("manifest", "Messages of solidarity delivered to people in detention"));
static const Word w_campaign = MANIFEST (NC_("manifest", "Campaign"));
static const Word w_sealed = MANIFEST (NC_("manifest", "Sealed on"));
static const Word w_digest = MANIFEST (NC_("manifest", "Digest (SHA-256)"));
/* Translators: the footer of every page: "Batch PS-2016-10-05-01 · digest 2b9202c1…". */
static const Word w_footer = MANIFEST (NC_("manifest", "Batch %s · digest %s"));
static const Word w_page = MANIFEST (NC_("manifest", "Page %s of %s"));

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

void
_sb_manifest_new_page (Writer *w)
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
gboolean
_sb_manifest_ensure (Writer *w,
                     double  height)
{
  if (w->y + height <= BOTTOM)
    return FALSE;
  _sb_manifest_new_page (w);
  return TRUE;
}
