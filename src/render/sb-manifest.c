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

#include "sb-manifest-private.h"

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
  _sb_manifest_new_page (w);
  for (guint start = 0; start < lines->len;)
    {
      const SbDetainee *detainee = ((SbBatchLine *) g_ptr_array_index (lines, start))->detainee;
      guint end = start;

      while (end < lines->len &&
             g_str_equal (((SbBatchLine *) g_ptr_array_index (lines, end))->detainee->id,
                          detainee->id))
        end++;

      _sb_manifest_ensure (w, SECTION_H + HEAD_H + 2 * ROW_H);
      _sb_manifest_draw_section_heading (w, detainee, end - start, FALSE);
      _sb_manifest_draw_table_header (w);
      for (guint i = start; i < end; i++)
        {
          if (_sb_manifest_ensure (w, ROW_H))
            {
              _sb_manifest_draw_section_heading (w, detainee, end - start, TRUE);
              _sb_manifest_draw_table_header (w);
            }
          _sb_manifest_draw_row (w, g_ptr_array_index (lines, i), ++number);
          if (w->doc != NULL && (number % 64) == 0)
            {
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                return FALSE;
              if (progress != NULL)
                progress (0.9 * number / lines->len, user_data);
            }
        }
      _sb_manifest_ensure (w, 34);
      _sb_manifest_draw_subtotal (w, detainee, end - start);
      start = end;
    }
  _sb_manifest_ensure (w, 34);
  _sb_manifest_draw_total (w);
  _sb_manifest_ensure (w, 24 + ROW_H);
  _sb_manifest_draw_unused_lines (w);
  _sb_manifest_ensure (w, SIGN_H);
  _sb_manifest_draw_signatures (w);
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
