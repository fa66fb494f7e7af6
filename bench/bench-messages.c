/* bench-messages.c — the transcription desk at scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-messages list CAMPAIGN        first rows of the Messages section, memory
 *   bench-messages list-read-only CAMPAIGN   the same on a file opened read-only
 *   bench-messages search CAMPAIGN      search as you type (Latin and Khmer)
 *   bench-messages scan CAMPAIGN        next card with a 10 MB scan until usable
 *   bench-messages folder N             N scans (and some bad files) into a new campaign
 *
 * "list" and "search" only read; "scan" works on a copy in the temporary folder.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sb-bench.h"
#include "sb-campaign.h"
#include "sb-message-list.h"
#include "sb-records.h"
#include "sb-scan-folder.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"

#define VISIBLE_ROWS 30

/* @field: "VmRSS:", "RssAnon:" (heap: what the process really holds) or "RssFile:"
 * (pages of the campaign file mapped by SQLite, which the kernel can take back). */
static double
rss_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line ? g_ascii_strtod (line + strlen (field), NULL) / 1024.0 : 0;
}

static void
report_memory (SbBench    *bench,
               const char *when)
{
  const char *fields[] = { "VmRSS:", "RssAnon:", "RssFile:" };
  const char *names[] = { "RSS", "RSS heap", "RSS mapped file" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *job = g_strdup_printf ("memory %s (%s MB)", when, names[i]);

      sb_bench_add (bench, rss_mb (fields[i]));
      sb_bench_report (bench, job, "MB", NULL);
    }
}

/* What a list view does when it shows the top of the list. */
static void
show_rows (GListModel *model,
           guint       first,
           guint       n)
{
  for (guint i = first; i < MIN (first + n, g_list_model_get_n_items (model)); i++)
    {
      g_autoptr(SbMessageRow) row = g_list_model_get_item (model, i);
      g_assert (sb_message_row_get_ref (row) != NULL);
    }
}

/* Each filter of the Messages section, sorted by sender and by date (issue 12: "sort
 * by sender, any filter"). Applying the filter reads its index; the sorts after it
 * may reuse what the store keeps, so both are reported in the note. */
static void
bench_filters (SbCampaign    *campaign,
               SbMessageList *list,
               guint          runs)
{
  g_autoptr(GPtrArray) offices = sb_campaign_list_offices (campaign, NULL);
  g_autoptr(GPtrArray) detainees = sb_campaign_list_detainees (campaign, NULL);
  const char *office = offices && offices->len > 0 ? ((SbOffice *) offices->pdata[0])->id : NULL;
  const char *detainee = detainees && detainees->len > 0 ? ((SbDetainee *) detainees->pdata[0])->id : NULL;
  struct {
    const char      *name;
    SbMessageFilter  filter;
    const char      *value;
  } filters[] = {
    { "status approved", SB_MESSAGE_FILTER_STATUS, "approved" },
    { "channel online", SB_MESSAGE_FILTER_CHANNEL, "online" },
    { "language en", SB_MESSAGE_FILTER_LANGUAGE, "en" },
    { "first office", SB_MESSAGE_FILTER_OFFICE, office },
    { "first detainee", SB_MESSAGE_FILTER_DETAINEE, detainee },
    { "needs translation", SB_MESSAGE_N_FILTERS, NULL },
    { "channel online, language en, first detainee", SB_MESSAGE_N_FILTERS + 1, NULL },
  };

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    for (guint by_sender = 0; by_sender < 2; by_sender++)
      {
        g_autoptr(SbBench) bench = sb_bench_new ();
        g_autofree char *job = NULL;
        g_autofree char *note = NULL;
        double first = 0, applied;

        /* Applying the filter in the other order: what a click on it costs the
         * first time (the store reads its index then). */
        if (by_sender)
          sb_message_list_set_sort (list, SB_MESSAGE_SORT_DATE, TRUE, NULL);
        else
          sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, NULL);
        sb_bench_start (bench);
        if ((int) filters[f].filter == SB_MESSAGE_N_FILTERS)
          sb_message_list_set_needs_translation (list, TRUE, NULL);
        else if ((int) filters[f].filter == SB_MESSAGE_N_FILTERS + 1)
          {
            sb_message_list_set_filter (list, SB_MESSAGE_FILTER_CHANNEL, "online", NULL);
            sb_message_list_set_filter (list, SB_MESSAGE_FILTER_LANGUAGE, "en", NULL);
            sb_message_list_set_filter (list, SB_MESSAGE_FILTER_DETAINEE, detainee, NULL);
          }
        else
          sb_message_list_set_filter (list, filters[f].filter, filters[f].value, NULL);
        show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
        applied = (g_get_monotonic_time () - bench->started) / 1000.0;
        for (guint run = 0; run < runs; run++)
          {
            double ms;

            /* From the other order to this one, as a click on the column does. */
            if (by_sender)
              sb_message_list_set_sort (list, SB_MESSAGE_SORT_DATE, TRUE, NULL);
            else
              sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, NULL);
            sb_bench_start (bench);
            if (by_sender)
              sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, run % 2, NULL);
            else
              sb_message_list_set_sort (list, SB_MESSAGE_SORT_DATE, run % 2 == 0, NULL);
            show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
            ms = sb_bench_stop (bench);
            if (run == 0)
              first = ms;
          }
        job = g_strdup_printf ("sort by %s, %s (ms)", by_sender ? "sender" : "date", filters[f].name);
        note = g_strdup_printf ("%u messages; applying the filter %.1f ms, first sort %.1f ms",
                                g_list_model_get_n_items (G_LIST_MODEL (list)), applied, first);
        sb_bench_report (bench, job, "ms", note);
        sb_message_list_set_needs_translation (list, FALSE, NULL);
        for (guint i = 0; i < SB_MESSAGE_N_FILTERS; i++)
          if (i != SB_MESSAGE_FILTER_SEARCH)
            sb_message_list_set_filter (list, i, NULL, NULL);
      }
  sb_message_list_set_sort (list, SB_MESSAGE_SORT_DATE, TRUE, NULL);
}

static void
bench_list (const char *path,
            gboolean    read_only,
            guint       runs)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  guint n_items = 0;
  g_autofree char *note = NULL;

  sb_bench_start (bench);
  campaign = sb_campaign_open (path, read_only, &error);
  if (campaign == NULL)
    sb_bench_fail (path, error);
  sb_bench_stop (bench);
  sb_bench_report (bench, "open the campaign (ms)", "ms", path);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(SbMessageList) list = NULL;

      sb_bench_start (bench);
      list = sb_message_list_new (campaign);
      show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
      sb_bench_stop (bench);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
    }
  note = g_strdup_printf ("%u messages, newest first, %d rows materialised", n_items, VISIBLE_ROWS);
  sb_bench_report (bench, "Messages section: first rows (ms)", "ms", note);

  {
    g_autoptr(SbMessageList) list = sb_message_list_new (campaign);
    GRand *rand = g_rand_new_with_seed (42);

    /* Scrolling: pages anywhere in the list. */
    for (guint run = 0; run < 50; run++)
      {
        guint at = g_rand_int_range (rand, 0, MAX (1, n_items - VISIBLE_ROWS));

        sb_bench_start (bench);
        show_rows (G_LIST_MODEL (list), at, VISIBLE_ROWS);
        sb_bench_stop (bench);
      }
    g_rand_free (rand);
    sb_bench_report (bench, "scroll: a screen of rows anywhere (ms)", "ms", NULL);

    for (guint run = 0; run < runs; run++)
      {
        sb_bench_start (bench);
        sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, run % 2 ? "new" : NULL, NULL);
        show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
        sb_bench_stop (bench);
      }
    sb_bench_report (bench, "filter by status (ms)", "ms", NULL);
    report_memory (bench, "after first rows, scrolling, filter");
    bench_filters (campaign, list, runs);

    /* From the date order to the sender order, as a click on the column does;
     * ascending and descending in turn, then with a status filter. */
    sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, NULL, NULL);
    for (guint run = 0; run < runs; run++)
      {
        sb_message_list_set_sort (list, SB_MESSAGE_SORT_DATE, TRUE, NULL);
        sb_bench_start (bench);
        sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, run % 2, NULL);
        show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
        sb_bench_stop (bench);
      }
    sb_bench_report (bench, "sort by sender, Khmer collation (ms)", "ms",
                     "every message, ascending and descending");

    sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, "approved", NULL);
    for (guint run = 0; run < runs; run++)
      {
        sb_message_list_set_sort (list, SB_MESSAGE_SORT_DATE, TRUE, NULL);
        sb_bench_start (bench);
        sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, NULL);
        show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
        sb_bench_stop (bench);
      }
    sb_bench_report (bench, "sort by sender, status approved (ms)", "ms", NULL);

    /* A filter no index answers: the table is read (once a run, seconds at 1M). */
    sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, NULL, NULL);
    sb_message_list_set_filter (list, SB_MESSAGE_FILTER_CHANNEL, "online", NULL);
    for (guint run = 0; run < MIN (runs, 2); run++)
      {
        sb_message_list_set_sort (list, SB_MESSAGE_SORT_DATE, TRUE, NULL);
        sb_bench_start (bench);
        sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, NULL);
        show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
        sb_bench_stop (bench);
      }
    sb_bench_report (bench, "sort by sender, channel online (ms)", "ms", NULL);
    sb_message_list_set_filter (list, SB_MESSAGE_FILTER_CHANNEL, NULL, NULL);

    report_memory (bench, "after sorting by sender");
  }
}

static void
bench_search (const char *path,
              guint       runs)
{
  const char *latin = "solidarity";
  const char *khmer = "ស្ទឹងត្រែង";
  const char *queries[] = { latin, khmer };
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = sb_campaign_open (path, TRUE, &error);
  g_autoptr(SbMessageList) list = NULL;

  if (campaign == NULL)
    sb_bench_fail (path, error);
  list = sb_message_list_new (campaign);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(SbBench) short_keys = sb_bench_new ();
      glong n_chars = g_utf8_strlen (queries[q], -1);
      guint last_count = 0;
      g_autofree char *note = NULL;

      for (guint run = 0; run < runs; run++)
        for (glong typed = 1; typed <= n_chars; typed++)
          {
            const char *end = g_utf8_offset_to_pointer (queries[q], typed);
            g_autofree char *prefix = g_strndup (queries[q], end - queries[q]);
            SbBench *which = typed < 3 ? short_keys : bench;

            /* Each key: the list is read again and the first screen shown. */
            sb_bench_start (which);
            if (!sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, prefix, &error))
              sb_bench_fail ("search", error);
            show_rows (G_LIST_MODEL (list), 0, VISIBLE_ROWS);
            sb_bench_stop (which);
            last_count = g_list_model_get_n_items (G_LIST_MODEL (list));
            sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, NULL, NULL);
          }
      note = g_strdup_printf ("“%s” typed key by key; %u results for the whole word", queries[q], last_count);
      sb_bench_report (bench, q == 0 ? "search as you type, Latin, 3+ characters (ms per key)"
                                     : "search as you type, Khmer, 3+ characters (ms per key)", "ms", note);
      sb_bench_report (short_keys, q == 0 ? "search as you type, Latin, 1–2 characters (ms per key)"
                                          : "search as you type, Khmer, 1–2 characters (ms per key)", "ms",
                       "1 character: message_chars; 2: the threes of message_search that begin with them");
    }
}

static GBytes *
make_photo (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  GRand *rand = g_rand_new_with_seed (7);
  char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < 3000; y++)
    for (int x = 0; x < 4000 * 3; x++)
      pixels[y * stride + x] = (guchar) (g_rand_int (rand) & 0x7f) + (x / 40) % 128;
  g_rand_free (rand);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "92", NULL))
    sb_bench_fail ("jpeg", NULL);
  return g_bytes_new_take (buffer, size);
}

static void
decoded_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GdkPixbuf) pixbuf = sb_scan_decode_finish (result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
bench_scan (const char *path,
            guint       runs)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (g_get_tmp_dir (), "bench-messages-scan.sambot", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GBytes) photo = make_photo ();
  g_autoptr(SbScan) scan = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autofree char *note = NULL;

  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    sb_bench_fail ("copy", error);
  campaign = sb_campaign_open (copy, FALSE, &error);
  if (campaign == NULL)
    sb_bench_fail (copy, error);

  sb_bench_start (bench);
  scan = sb_scan_load_bytes (photo, "photo.jpg", &error);
  if (scan == NULL)
    sb_bench_fail ("load", error);
  sb_bench_stop (bench);
  note = g_strdup_printf ("%.1f MB JPEG, 4000 × 3000; in a worker thread in the app",
                          g_bytes_get_size (photo) / 1e6);
  sb_bench_report (bench, "check and read a 10 MB scan (ms)", "ms", note);

  if (!sb_campaign_add_message (campaign, message, &error))
    sb_bench_fail ("add", error);
  scan->message_id = g_strdup (message->id);
  scan->side = g_strdup ("front");
  if (!sb_campaign_add_scan (campaign, scan, &error))
    sb_bench_fail ("add scan", error);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(SbMessage) shown = NULL;
      g_autoptr(GPtrArray) scans = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GdkPixbuf) thumbnail = NULL;
      g_autoptr(SbScan) full = NULL;
      gboolean decoded = FALSE;

      /* What the editor does on the main loop before the form can be used: read the
       * message and its scans' thumbnails, show the thumbnail, start the decode. */
      sb_bench_start (bench);
      shown = sb_campaign_get_message (campaign, message->id, NULL);
      scans = sb_campaign_list_scans (campaign, message->id, NULL);
      stream = g_memory_input_stream_new_from_bytes (((SbScan *) scans->pdata[0])->thumbnail);
      thumbnail = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
      full = sb_campaign_get_scan (campaign, ((SbScan *) scans->pdata[0])->id, NULL);
      sb_scan_decode_async (full->image, NULL, decoded_cb, &decoded);
      sb_bench_stop (bench);
      while (!decoded)
        g_main_context_iteration (NULL, TRUE);
    }
  sb_bench_report (bench, "next card with a 10 MB scan, until the form is usable (ms)", "ms",
                   "message, thumbnail shown, full decode started in a thread");

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      sb_bench_start (bench);
      pixbuf = sb_scan_decode (scan->image, NULL);
      sb_bench_stop (bench);
    }
  sb_bench_report (bench, "full picture decoded, off the main loop (ms)", "ms", NULL);

  g_clear_object (&campaign);
  g_unlink (copy);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
}


typedef struct
{
  gint64 last_tick;
  double longest_gap_ms;
  SbScanFolderReport *report;
  gboolean done;
} FolderRun;

/* The main loop should turn every 10 ms; the longest wait is how long a window
 * would have stood still. */
static gboolean
tick_cb (gpointer user_data)
{
  FolderRun *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->longest_gap_ms = MAX (run->longest_gap_ms, (now - run->last_tick) / 1000.0);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
folder_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FolderRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->report = sb_scan_folder_import_finish (SB_CAMPAIGN (source), result, &error);
  if (run->report == NULL)
    sb_bench_fail ("folder import", error);
  run->done = TRUE;
}

static void
bench_folder (guint n)
{
  g_autoptr(SbBench) bench = sb_bench_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-messages-folder-XXXXXX", NULL);
  g_autofree char *scans = g_build_filename (dir, "scans", NULL);
  g_autofree char *path = g_build_filename (dir, "campaign.sambot", NULL);
  g_autoptr(SbCampaign) campaign = sb_campaign_create (path, "Bench", "PP", &error);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 300, 200);
  g_autoptr(GFile) folder = g_file_new_for_path (scans);
  g_autofree char *note = NULL;
  char *jpeg = NULL;
  gsize size = 0;
  FolderRun run = { 0, };
  guint tick;

  if (campaign == NULL)
    sb_bench_fail (path, error);
  g_mkdir (scans, 0700);
  gdk_pixbuf_fill (pixbuf, 0xf4eedcff);
  gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &size, "jpeg", NULL, NULL);
  for (guint i = 0; i < n; i++)
    {
      /* Fronts and backs, and one file in a hundred that is not a picture. */
      g_autofree char *name = g_strdup_printf ("%05u%c.jpg", i / 2, i % 2 ? 'b' : 'a');
      g_autofree char *file = g_build_filename (scans, name, NULL);

      if (i % 100 == 99)
        g_file_set_contents (file, "MZ not a picture", -1, NULL);
      else
        g_file_set_contents (file, jpeg, size, NULL);
    }
  g_free (jpeg);

  run.last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (10, tick_cb, &run);
  sb_bench_start (bench);
  sb_scan_folder_import_async (campaign, folder, NULL, NULL, NULL, folder_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  sb_bench_stop (bench);
  g_source_remove (tick);
  note = g_strdup_printf ("%u files: %u cards, %u scans, %u refused", run.report->files,
                          run.report->cards, run.report->scans, run.report->problems->len);
  sb_bench_report (bench, "add scans from a folder, all of it (ms)", "ms", note);
  sb_bench_add (bench, run.longest_gap_ms);
  sb_bench_report (bench, "add scans from a folder: longest main-loop stall (ms)", "ms", NULL);
  sb_scan_folder_report_free (run.report);
  g_clear_object (&campaign);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%05u%c.jpg", i / 2, i % 2 ? 'b' : 'a');
      g_autofree char *file = g_build_filename (scans, name, NULL);
      g_unlink (file);
    }
  g_rmdir (scans);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  guint runs = sb_bench_runs (&argc, &argv, 5);

  if (argc != 3)
    {
      g_printerr ("Usage: %s list|list-read-only|search|scan CAMPAIGN [--runs N] | folder N\n",
                  argv[0]);
      return 2;
    }
  if (g_str_equal (argv[1], "list") || g_str_equal (argv[1], "list-read-only"))
    bench_list (argv[2], g_str_equal (argv[1], "list-read-only"), runs);
  else if (g_str_equal (argv[1], "search"))
    bench_search (argv[2], runs);
  else if (g_str_equal (argv[1], "scan"))
    bench_scan (argv[2], runs);
  else if (g_str_equal (argv[1], "folder"))
    bench_folder ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  else
    return 2;
  return 0;
}
