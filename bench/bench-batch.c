/* bench-batch.c — a 1,000-item batch: the manifest and the cards, against LibreOffice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-batch [DIR]. Makes a campaign with 1,000 approved messages in one
 * batch, times the manifest (libharu) and the cards (cairo) over five runs (median),
 * writes the same item table as HTML and times `libreoffice --headless --convert-to
 * pdf` on it in the same run: what a campaign does today. bench/bench-batch.sh
 * installs LibreOffice if it is missing.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-batches.h"
#include "sb-catalog.h"
#include "sb-render.h"
#include "sb-text.h"

#define N_ITEMS 1000
#define RUNS    5

static const char *const texts[] = {
  "សូមឲ្យលោកមានសុខភាពល្អ និងកម្លាំងចិត្តរឹងមាំ។ យើងនៅជាមួយលោកជានិច្ច។",
  "We stand with you. You are not forgotten, and we will keep speaking your names.",
  "Nous pensons à vous chaque jour. Courage et solidarité depuis Lyon.",
};

static void
set (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
make_campaign (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.sambot", NULL);
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbFacility) facility = sb_facility_new ();
  g_autoptr(SbBatch) batch = NULL;
  const char *names[][2] = { { "Ny Sokha", "នី សុខា" }, { "Yi Soksan", "យី សុខសាន្ត" },
                             { "Nay Vanda", "ណៃ វណ្ណដា" }, { "Lim Mony", "លឹម មុន្នី" } };
  char *ids[4];

  g_unlink (path);
  campaign = sb_campaign_create (path, "#Freethe5KH solidarity", "PP", &error);
  g_assert_no_error (error);
  sb_campaign_set_seed (campaign, 1);
  sb_campaign_set_clock (campaign, "2016-10-08T09:00:00Z");
  set (&facility->code, "PS");
  set (&facility->name_en, "Prey Sar Prison");
  set (&facility->name_km, "ពន្ធនាគារព្រៃស");
  facility->items_per_batch = N_ITEMS;
  g_assert_true (sb_campaign_add_facility (campaign, facility, &error));
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SbDetainee) detainee = sb_detainee_new ();

      set (&detainee->name_en, names[i][0]);
      set (&detainee->name_km, names[i][1]);
      set (&detainee->facility_id, "PS");
      detainee->position = i;
      g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
      ids[i] = g_strdup (detainee->id);
    }
  g_assert_true (sb_campaign_begin (campaign, &error));
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();
      const char *to[] = { ids[i % 4], NULL };
      g_autofree char *day = g_strdup_printf ("2016-%02u-%02u", 8 + i % 2, 1 + i % 28);

      set (&message->original_text, texts[i % 3]);
      if (i % 3 != 0)
        set (&message->translation_km, "យើងនៅជាមួយលោក។ លោកមិនត្រូវបានគេបំភ្លេចទេ។");
      set (&message->sender_name, "Jane Whitfield");
      set (&message->sender_country, i % 2 ? "GB" : "KH");
      set (&message->channel, i % 2 ? "online" : "postcard");
      set (&message->received_on, day);
      g_assert_true (sb_campaign_add_message (campaign, message, &error));
      g_assert_true (sb_campaign_assign (campaign, message->id, to, &error));
      g_assert_true (sb_campaign_approve (campaign, message->id, FALSE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sb_campaign_commit (campaign, &error));
  batch = sb_campaign_create_batch (campaign, "PS", &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (campaign, batch->id, &error));
  for (guint i = 0; i < 4; i++)
    g_free (ids[i]);
  g_print ("campaign: %s\n", path);
  return g_strdup (batch->id);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static char *
write_html (const SbBatchListing *listing,
            const char           *dir)
{
  GString *html = g_string_new ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
  char *path = g_build_filename (dir, "items.html", NULL);

  g_string_append_printf (html, "<h1>Handover manifest %s</h1><table border=\"1\">"
                          "<tr><th>#</th><th>Ref</th><th>For</th><th>Received</th>"
                          "<th>Channel</th><th>Language</th><th>Sender</th><th>Country</th></tr>",
                          listing->batch->code);
  for (guint i = 0; i < listing->lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (listing->lines, i);

      g_string_append_printf (html, "<tr><td>%d</td><td>%s</td><td>%s %s</td><td>%s</td>"
                              "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                              line->item->position, line->message->ref, line->detainee->name_en,
                              line->detainee->name_km, line->message->received_on,
                              line->message->channel, line->message->language, line->sender,
                              line->message->sender_country);
    }
  g_string_append (html, "</table></body></html>");
  g_file_set_contents (path, html->str, html->len, NULL);
  g_string_free (html, TRUE);
  return path;
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = g_strdup (argc > 1 ? argv[1] : g_get_tmp_dir ());
  g_autofree char *batch_id = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatchListing) listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *manifest = g_build_filename (dir, "bench-manifest.pdf", NULL);
  g_autofree char *cards = g_build_filename (dir, "bench-cards.pdf", NULL);
  g_autofree char *campaign_path = g_build_filename (dir, "bench.sambot", NULL);
  g_autofree char *html = NULL;
  g_autofree char *lo = g_find_program_in_path ("libreoffice");
  double manifest_s[RUNS], cards_s[RUNS], lo_s[RUNS];
  GStatBuf st;
  guint lo_runs = 0;

  /* The manifest's Khmer labels come from Sambot's catalogue, found as the programs
   * find it (the build tree's po/ here). */
  g_free (sb_catalog_bind_program (GETTEXT_PACKAGE));
  g_mkdir_with_parents (dir, 0755);
  batch_id = make_campaign (dir);
  campaign = sb_campaign_open (campaign_path, TRUE, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_clear_pointer (&listing, sb_batch_listing_free);
      listing = sb_campaign_get_batch_listing (campaign, batch_id, &error);
      g_assert_true (sb_render_manifest (listing, manifest, NULL, NULL, NULL, &error));
      manifest_s[r] = (g_get_monotonic_time () - t0) / 1e6;
      t0 = g_get_monotonic_time ();
      g_assert_true (sb_render_cards (listing, SB_CARDS_A6_FOUR_PER_A4, NULL, cards, NULL, NULL,
                                      NULL, &error));
      cards_s[r] = (g_get_monotonic_time () - t0) / 1e6;
    }
  g_assert_no_error (error);
  html = write_html (listing, dir);

  for (guint r = 0; lo != NULL && r < RUNS; r++)
    {
      const char *lo_argv[] = { lo, "--headless", "--convert-to", "pdf", "--outdir", dir, html, NULL };
      gint64 t0 = g_get_monotonic_time ();
      int status;

      if (!g_spawn_sync (NULL, (char **) lo_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                         G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
          !g_spawn_check_wait_status (status, NULL))
        break;
      lo_s[lo_runs++] = (g_get_monotonic_time () - t0) / 1e6;
    }

  g_stat (manifest, &st);
  g_print ("items: %u\n", listing->lines->len);
  g_print ("manifest (libharu): median %.3f s over %d runs, %.2f MB (target <= 1.0 s, <= 3 MB)\n",
           median (manifest_s, RUNS), RUNS, st.st_size / 1e6);
  g_stat (cards, &st);
  g_print ("cards (cairo, %u online): median %.3f s, %.2f MB (target <= 3 s)\n",
           N_ITEMS / 2, median (cards_s, RUNS), st.st_size / 1e6);
  if (lo_runs > 0)
    g_print ("libreoffice --convert-to pdf of the same table: median %.3f s over %u runs\n"
             "ratio libreoffice / manifest: %.1fx (target >= 10x)\n",
             median (lo_s, lo_runs), lo_runs, median (lo_s, lo_runs) / median (manifest_s, RUNS));
  else
    g_print ("libreoffice not found: no comparison (bench/bench-batch.sh installs it)\n");
  return 0;
}
