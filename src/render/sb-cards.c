/* sb-cards.c — printed message cards (cairo + Pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Postcards travel as themselves; a message that came in online is printed on a card
 * so the detainee holds something too. Cards carry running text, often Khmer, so they
 * are drawn by cairo with Pango (docs/architecture.md: the libharu bridge is for manifests).
 * Card labels are in English and Khmer, from the catalogue like the window's words.
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sb-bidi.h"
#include "sb-enums.h"
#include "sb-render-private.h"
#include "sb-text.h"
#include "sb-vocabulary.h"

#define SHEET_W 595.276
#define SHEET_H 841.89

/* A card's labels, in English and Khmer whatever the interface speaks: the window's
 * words (src/core/sb-vocabulary.c), then the card's own. */
typedef struct
{
  char *to;            /* "For · ជូន" */
  char *from;          /* "From · ពី" */
  char *translation;   /* "Khmer translation · ការបកប្រែជាភាសាខ្មែរ" */
  char *anonymous;     /* "A friend · មិត្តម្នាក់" */
  char *withheld;      /* "A friend, name withheld · មិត្តម្នាក់ (លាក់ឈ្មោះ)" */
} Labels;

/* Translators: on a printed card, who sent a message when they gave no name. */
static const char *const w_anonymous = NC_("card", "A friend");
/* Translators: on a printed card, who sent a message when they did not consent to be
 * named; %s is "name withheld". */
static const char *const w_withheld = NC_("card", "A friend, %s");
/* Translators: on a printed card, before the sender's name. */
static const char *const w_from = NC_("card", "From");

static char *
both (const char *en,
      const char *km)
{
  return g_strdup_printf ("%s \xc2\xb7 %s", en, km);
}

static void
labels_init (Labels *labels)
{
  g_autofree char *withheld_en = g_strdup_printf (sb_vocabulary_word_in ("en", "card", w_withheld),
                                                  sb_vocabulary_word ("en", N_("name withheld")));
  g_autofree char *withheld_km = g_strdup_printf (sb_vocabulary_word_in ("km", "card", w_withheld),
                                                  sb_vocabulary_word ("km", N_("name withheld")));

  labels->to = both (sb_vocabulary_word ("en", N_("For")), sb_vocabulary_word ("km", N_("For")));
  labels->from = both (sb_vocabulary_word_in ("en", "card", w_from),
                       sb_vocabulary_word_in ("km", "card", w_from));
  labels->translation = both (sb_vocabulary_word ("en", N_("Khmer translation")),
                              sb_vocabulary_word ("km", N_("Khmer translation")));
  labels->anonymous = both (sb_vocabulary_word_in ("en", "card", w_anonymous),
                            sb_vocabulary_word_in ("km", "card", w_anonymous));
  labels->withheld = both (withheld_en, withheld_km);
}

static void
labels_clear (Labels *labels)
{
  g_free (labels->to);
  g_free (labels->from);
  g_free (labels->translation);
  g_free (labels->anonymous);
  g_free (labels->withheld);
}

typedef struct
{
  cairo_t           *cr;
  PangoContext      *context;
  const SbKhmerFont *khmer;
  double             width;      /* of a card */
  double             height;
  double             margin;
  double             body_size;
  int                per_sheet;
  int                on_sheet;   /* cards already on the current sheet */
  Labels             labels;
} Cards;

typedef struct
{
  const SbBatchLine *line;
  const char        *hashtag;
  PangoLayout       *body;
  double             top;        /* of the body area, from the card's top */
  double             body_height;
} Card;

static PangoLayout *
new_layout (Cards      *cards,
            const char *family,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_layout_new (cards->context);
  g_autofree char *families = g_strdup_printf ("%s, %s", family, cards->khmer->family);
  PangoFontDescription *font = pango_font_description_from_string (families);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

/* Pango 1.50 breaks Khmer lines only at spaces and ZWSP: add them for the layout. */
static void
show_text (Cards      *cards,
           double      x,
           double      y,
           const char *text,
           const char *family,
           double      size,
           gboolean    bold,
           double      width,
           double      gray)
{
  g_autoptr(PangoLayout) layout = new_layout (cards, family, size, bold, width);
  g_autofree char *plain = sb_text_strip_bidi_controls (text);
  g_autofree char *broken = sb_text_insert_word_breaks (plain);

  if (width > 0)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, broken, -1);
  cairo_set_source_rgb (cards->cr, gray, gray, gray);
  cairo_move_to (cards->cr, x, y);
  _sb_render_show_layout (cards->cr, layout);
}

static double
text_width (Cards      *cards,
            const char *text,
            const char *family,
            double      size,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = new_layout (cards, family, size, bold, 0);
  g_autofree char *plain = sb_text_strip_bidi_controls (text);
  int width;

  pango_layout_set_text (layout, plain, -1);
  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

static char *
body_markup (Cards           *cards,
             const SbMessage *message)
{
  g_autofree char *original = sb_text_insert_word_breaks (message->original_text);
  g_autofree char *escaped = g_markup_escape_text (original, -1);
  GString *markup = g_string_new (escaped);

  if (!g_str_equal (message->language, "km") && *message->translation_km != '\0')
    {
      g_autofree char *km = sb_text_insert_word_breaks (message->translation_km);
      g_autofree char *km_escaped = g_markup_escape_text (km, -1);

      g_string_append_printf (markup, "\n\n<span size=\"smaller\" foreground=\"#555555\">%s"
                              "</span>\n%s", cards->labels.translation, km_escaped);
    }
  return g_string_free (markup, FALSE);
}

/* Where each card's share of the body starts and ends (Pango units), so that no
 * line is cut across two cards. */
static GArray *
split_body (PangoLayout *body,
            double       available)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (int));
  PangoLayoutIter *iter = pango_layout_get_iter (body);
  int limit = (int) (available * PANGO_SCALE);
  int start = 0;

  g_array_append_val (breaks, start);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (logical.y + logical.height - start > limit && logical.y > start)
        {
          start = logical.y;
          g_array_append_val (breaks, start);
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return breaks;
}

static void
draw_cut_marks (Cards *cards)
{
  cairo_t *cr = cards->cr;
  double mark = 14;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.5);
  for (double y = cards->height; y < SHEET_H - 1; y += cards->height)
    {
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, mark, y);
      cairo_move_to (cr, SHEET_W - mark, y);
      cairo_line_to (cr, SHEET_W, y);
      cairo_move_to (cr, SHEET_W / 2 - 5, y);
      cairo_line_to (cr, SHEET_W / 2 + 5, y);
    }
  for (double x = cards->width; x < SHEET_W - 1; x += cards->width)
    {
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, mark);
      cairo_move_to (cr, x, SHEET_H - mark);
      cairo_line_to (cr, x, SHEET_H);
      cairo_move_to (cr, x, SHEET_H / 2 - 5);
      cairo_line_to (cr, x, SHEET_H / 2 + 5);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* One card: part @part (0-based) of @parts of the message's body. */
static void
draw_card (Cards      *cards,
           const Card *card,
           GArray     *breaks,
           guint       part)
{
  cairo_t *cr = cards->cr;
  const SbBatchLine *line = card->line;
  int column = cards->on_sheet % (cards->per_sheet == 4 ? 2 : 1);
  int row = cards->on_sheet / (cards->per_sheet == 4 ? 2 : 1);
  double m = cards->margin;
  double inner = cards->width - 2 * m;
  double y;
  int from = g_array_index (breaks, int, part);
  int to = part + 1 < breaks->len ? g_array_index (breaks, int, part + 1) : G_MAXINT;
  /* Without consent, neither the name nor the country: either can tell who wrote. */
  g_autofree char *country_km = line->sender_withheld
                                  ? g_strdup ("")
                                  : _sb_render_country (line->message->sender_country, "km");
  g_autofree char *country_en = line->sender_withheld
                                  ? g_strdup ("")
                                  : _sb_render_country (line->message->sender_country, "en");
  g_autofree char *from_text = NULL;
  g_autofree char *ref = NULL;
  double ref_width;

  if (cards->on_sheet == 0)
    draw_cut_marks (cards);

  cairo_save (cr);
  cairo_translate (cr, column * cards->width, row * cards->height);

  /* Who it is for, and the reference the campaign can trace it by. */
  if (breaks->len > 1)
    ref = g_strdup_printf ("%s  %u/%u", line->message->ref, part + 1, breaks->len);
  else
    ref = g_strdup (line->message->ref);
  ref_width = text_width (cards, ref, "DejaVu Sans Mono", 7.5, FALSE);
  show_text (cards, m + inner - ref_width, m, ref, "DejaVu Sans Mono", 7.5, FALSE, 0, 0.35);
  show_text (cards, m, m, cards->labels.to, "Noto Sans", 7.5, FALSE, 0, 0.35);
  y = m + 11;
  show_text (cards, m, y, line->detainee->name_km, "Noto Sans", cards->body_size + 3, TRUE,
             inner, 0);
  y += cards->body_size + 10;
  show_text (cards, m, y, line->detainee->name_en, "Noto Sans", cards->body_size, TRUE, inner,
             0.2);
  y += cards->body_size + 6;
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, m, y);
  cairo_line_to (cr, m + inner, y);
  cairo_stroke (cr);

  /* This card's share of the message. */
  cairo_save (cr);
  cairo_rectangle (cr, m - 2, card->top, inner + 4, card->body_height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  {
    PangoLayoutIter *iter = pango_layout_get_iter (card->body);

    /* Only the lines of this part, so the text layer holds each line once. */
    do
      {
        PangoRectangle logical;
        int baseline;

        pango_layout_iter_get_line_extents (iter, NULL, &logical);
        if (logical.y < from || logical.y >= to)
          continue;
        baseline = pango_layout_iter_get_baseline (iter);
        cairo_move_to (cr, m + (double) logical.x / PANGO_SCALE,
                       card->top + (double) (baseline - from) / PANGO_SCALE);
        _sb_render_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
      }
    while (pango_layout_iter_next_line (iter));
    pango_layout_iter_free (iter);
  }
  cairo_restore (cr);

  /* Who sent it, as far as they allowed, and from where — in Khmer too. */
  y = cards->height - m - 30;
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_move_to (cr, m, y - 4);
  cairo_line_to (cr, m + inner, y - 4);
  cairo_stroke (cr);
  from_text = g_strdup (line->sender_withheld ? cards->labels.withheld
                        : *line->sender ? line->sender : cards->labels.anonymous);
  show_text (cards, m, y, cards->labels.from, "Noto Sans", 7, FALSE, 0, 0.35);
  show_text (cards, m + 44, y - 1, from_text, "Noto Sans", 9, TRUE, inner - 44, 0);
  if (*country_km != '\0')
    {
      g_autofree char *where = g_strdup_printf ("%s \xc2\xb7 %s", country_km, country_en);

      show_text (cards, m + 44, y + 12, where, "Noto Sans", 8.5, FALSE, inner - 44, 0.2);
    }
  show_text (cards, m + inner - text_width (cards, card->hashtag, "Noto Sans", 7, FALSE),
             cards->height - m - 4, card->hashtag, "Noto Sans", 7, FALSE, 0, 0.45);
  cairo_restore (cr);

  if (++cards->on_sheet == cards->per_sheet)
    {
      cairo_show_page (cr);
      cards->on_sheet = 0;
    }
}

static gboolean
is_picked (const SbBatchLine  *line,
           const char *const  *picked_refs)
{
  if (sb_channel_from_nick (line->message->channel) == SB_CHANNEL_ONLINE)
    return TRUE;
  return picked_refs != NULL && g_strv_contains (picked_refs, line->message->ref);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * sb_render_cards:
 * @layout: A6 cards four to an A4 sheet, or A5 two to a sheet
 * @picked_refs: (nullable) (array zero-terminated=1): references of messages to print
 *   although they did not come in online
 *
 * Prints one card per copy of the batch's online messages (and of those picked): to
 * whom, the message, its Khmer translation when it is not in Khmer, the sender and
 * their country in Khmer when they consented ("withheld" otherwise). A message too long for one card continues
 * on the next, marked 1/2, 2/2.
 */
gboolean
sb_render_cards (const SbBatchListing  *listing,
                 SbCardsLayout          layout,
                 const char *const     *picked_refs,
                 const char            *path,
                 SbRenderProgress       progress,
                 gpointer               user_data,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(PangoFontMap) font_map = NULL;
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  Cards cards = { 0, };
  guint printed = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (listing != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  cards.khmer = _sb_render_khmer_font (error);
  if (cards.khmer == NULL)
    return FALSE;
  for (guint i = 0; i < listing->lines->len; i++)
    printed += is_picked (g_ptr_array_index (listing->lines, i), picked_refs);
  if (printed == 0)
    {
      g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NOTHING,
                   _("No message in this batch came in online: postcards travel as they are. "
                     "Pick the messages to print on cards."));
      return FALSE;
    }

  if (!sb_vocabulary_has_language ("km"))
    {
      /* Without it the Khmer half of the labels would be English. */
      g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_TRANSLATION,
                   _("Sambot’s Khmer translation is not installed (no km/LC_MESSAGES/%s.mo "
                     "in “%s”), so the cards’ Khmer labels cannot be printed. Reinstall "
                     "Sambot, or set SAMBOT_LOCALEDIR to the folder that holds it."),
                   GETTEXT_PACKAGE, bindtextdomain (GETTEXT_PACKAGE, NULL));
      return FALSE;
    }

  labels_init (&cards.labels);
  cards.per_sheet = layout == SB_CARDS_A5_TWO_PER_A4 ? 2 : 4;
  cards.width = layout == SB_CARDS_A5_TWO_PER_A4 ? SHEET_W : SHEET_W / 2;
  cards.height = SHEET_H / 2;
  cards.margin = layout == SB_CARDS_A5_TWO_PER_A4 ? 16 * SB_MM : 9 * SB_MM;
  cards.body_size = layout == SB_CARDS_A5_TWO_PER_A4 ? 12 : 10;

  surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, SHEET_W, SHEET_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  listing->batch->code ? listing->batch->code : "Sambot cards");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  PACKAGE_NAME " " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                  listing->batch->sealed_at ? listing->batch->sealed_at
                                                            : "2016-01-01T00:00:00Z");
  cards.cr = cairo_create (surface);

  font_map = pango_cairo_font_map_new ();
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (font_map), 72.0);
  cards.context = pango_font_map_create_context (font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (cards.context, options);
  cairo_font_options_destroy (options);
  pango_cairo_update_context (cards.cr, cards.context);

  for (guint i = 0, done = 0; ok && i < listing->lines->len; i++)
    {
      Card card = { g_ptr_array_index (listing->lines, i), listing->hashtag, NULL, 0, 0 };
      g_autofree char *markup = NULL;
      g_autoptr(GArray) breaks = NULL;

      if (!is_picked (card.line, picked_refs))
        continue;
      card.top = cards.margin + 11 + cards.body_size + 10 + cards.body_size + 6 + 10;
      card.body_height = cards.height - cards.margin - 42 - card.top;
      card.body = new_layout (&cards, "Noto Serif", cards.body_size, FALSE,
                              cards.width - 2 * cards.margin);
      markup = body_markup (&cards, card.line->message);
      pango_layout_set_markup (card.body, markup, -1);
      breaks = split_body (card.body, card.body_height);
      for (guint part = 0; part < breaks->len; part++)
        draw_card (&cards, &card, breaks, part);
      g_object_unref (card.body);

      if (++done % 16 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          else if (progress != NULL)
            progress (0.95 * done / printed, user_data);
        }
    }
  if (cards.on_sheet > 0)
    cairo_show_page (cards.cr);
  cairo_destroy (cards.cr);
  cairo_surface_finish (surface);
  if (ok && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_FAILED,
                   _("The cards could not be made: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      ok = FALSE;
    }
  cairo_surface_destroy (surface);
  g_clear_object (&cards.context);
  labels_clear (&cards.labels);
  if (!ok)
    return FALSE;

  if (!_sb_render_write_file (path, _("the cards"), bytes->data, bytes->len, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
