/* test-manifest.c — the manifest and the cards, checked from the outside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDFs are read back as a person's tools would: qpdf checks the structure,
 * pdftotext gives the text, pdfinfo the pages.
 */

#include "config.h"

#include <libintl.h>
#include <signal.h>
#include <sys/resource.h>

#include "batch-fixture.h"
#include "sb-test-pdf.h"
#include "sb-render.h"
#include "sb-render-private.h"
#include "sb-test.h"

static char *
run (const char *const *argv,
     int               *status)
{
  return sb_test_run (argv, status, NULL);
}

static char *
packed (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

#define pdf_text(path) sb_test_pdf_text_packed (path)
#define pdf_pages(path) sb_test_pdf_pages (path)
#define pdf_fonts(path) sb_test_pdf_fonts (path)
#define assert_qpdf_check(path) sb_test_assert_qpdf_check (path)
#define keep(path, name) sb_test_keep (path, name)

static char *
make_manifest (Fixture    *fixture,
               const char *batch_id,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatchListing) listing = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  listing = sb_campaign_get_batch_listing (fixture->campaign, batch_id, &error);
  g_assert_no_error (error);
  g_assert_true (sb_render_manifest (listing, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* ------------------------------------------------------------------------ */

/* The window's words, in both languages, as pdftotext gives them back exactly. */
static void
check_vocabulary (const char *path)
{
  g_autofree char *text = sb_test_pdf_text (path);
  const char *const expected[] = {
    "HANDOVER MANIFEST", "បញ្ជីប្រគល់",
    "Batch", "ជុំបញ្ជូន", "Items", "សារ", "Digest (SHA-256)", "កូដផ្ទៀងផ្ទាត់ (SHA-256)",
    "Facility", "កន្លែងឃុំឃាំង",
    /* The first message: online, in Khmer, from Cambodia, its sender named. */
    "Online", "អនឡាញ", "Khmer", "ខ្មែរ", "Cambodia", "កម្ពុជា",
    "For Ny Sokha", "សារជូន នី សុខា",
  };
  /* The manifest's words before they were the window's. */
  const char *const retired[] = { "កញ្ចប់", "លេខផ្ទៀងផ្ទាត់", "ចំនួនសំបុត្រ", "(continued / (ត))" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the manifest:\n%s", expected[i], text);
  for (guint i = 0; i < G_N_ELEMENTS (retired); i++)
    g_assert_null (strstr (text, retired[i]));
  /* Labels are printed without the ZWSP of the catalogue: search finds the words. */
  g_assert_null (strstr (text, "\u200B"));
}

static void
check_manifest (Fixture *fixture,
                guint    n,
                int      pages)
{
  g_autofree char *batch_id = fixture_sealed_batch (fixture, n);
  g_autofree char *path = make_manifest (fixture, batch_id, "manifest.pdf");
  g_autoptr(SbBatch) batch = sb_campaign_get_batch (fixture->campaign, batch_id, NULL);
  g_autofree char *text = NULL;
  g_autofree char *total = g_strdup_printf ("%u", n);
  g_autofree char *per_0 = g_strdup_printf ("ItemsforNySokha:%u", (n + 1) / 2);
  g_autofree char *page_of = g_strdup_printf ("Page%dof%d", pages, pages);
  g_autofree char *short_digest = g_strndup (batch->digest, 16);

  assert_qpdf_check (path);
  keep (path, g_test_get_path () + strlen ("/render/"));
  g_assert_cmpint (pdf_pages (path), ==, pages);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "PS-2016-10-08-01"));
  g_assert_nonnull (strstr (text, short_digest));
  g_assert_nonnull (strstr (text, page_of));
  for (guint i = 0; i < fixture->refs->len; i++)
    g_assert_nonnull (strstr (text, g_ptr_array_index (fixture->refs, i)));
  g_assert_nonnull (strstr (text, per_0));
  g_assert_nonnull (strstr (text, total));
  /* Khmer comes back exactly, through the invisible text layer. */
  g_assert_nonnull (strstr (text, "នីសុខា"));
  if (n > 1)
    {
      g_autofree char *per_1 = g_strdup_printf ("ItemsforYiSoksan:%u", n / 2);

      g_assert_nonnull (strstr (text, per_1));
      g_assert_nonnull (strstr (text, "យីសុខសាន្ត"));
    }
  g_assert_nonnull (strstr (text, "ពន្ធនាគារព្រៃស"));
  /* Never contact details. */
  g_assert_null (strstr (text, "private@example.org"));
  check_vocabulary (path);
  /* Noto Sans, Noto Sans Bold, DejaVu Sans Mono and the Khmer text layer. */
  g_assert_cmpuint (sb_test_assert_fonts_embedded (path), ==, 4);
}

static void
test_manifest_one (Fixture *fixture, gconstpointer data)
{
  check_manifest (fixture, 1, 1);
}

static void
test_manifest_thirty (Fixture *fixture, gconstpointer data)
{
  check_manifest (fixture, 30, 2);
}

static void
test_manifest_thousand (Fixture *fixture, gconstpointer data)
{
  check_manifest (fixture, 1000, 35);
}

static void
test_manifest_deterministic (Fixture *fixture, gconstpointer data)
{
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 12);
  g_autofree char *a = make_manifest (fixture, batch_id, "a.pdf");
  g_autofree char *b = NULL;
  g_autofree char *bytes_a = NULL;
  g_autofree char *bytes_b = NULL;
  gsize len_a, len_b;

  /* Later, on another day: the same batch still gives the same bytes. */
  sb_campaign_set_clock (fixture->campaign, "2017-01-02T10:00:00Z");
  b = make_manifest (fixture, batch_id, "b.pdf");
  g_assert_true (g_file_get_contents (a, &bytes_a, &len_a, NULL));
  g_assert_true (g_file_get_contents (b, &bytes_b, &len_b, NULL));
  g_assert_cmpmem (bytes_a, len_a, bytes_b, len_b);
  g_unlink (a);
  g_unlink (b);
}

static void
test_manifest_draft_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(SbBatchListing) listing = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "draft.pdf", NULL);

  fixture_add_messages (fixture, 3, NULL);
  batch = sb_campaign_create_batch (fixture->campaign, "PS", &error);
  listing = sb_campaign_get_batch_listing (fixture->campaign, batch->id, &error);
  g_assert_false (sb_render_manifest (listing, path, NULL, NULL, NULL, &error));
  g_assert_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NOT_SEALED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_manifest_no_font (Fixture *fixture, gconstpointer data)
{
  const char *none[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 2);
  g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                     batch_id, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "nofont.pdf", NULL);

  _sb_render_set_font_files (none);
  g_assert_false (sb_render_manifest (listing, path, NULL, NULL, NULL, &error));
  g_assert_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_FONT);
  g_assert_nonnull (strstr (error->message, "fonts-khmeros"));
  g_clear_error (&error);
  g_assert_false (sb_render_cards (listing, SB_CARDS_A6_FOUR_PER_A4, NULL, path, NULL, NULL,
                                   NULL, &error));
  g_assert_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_FONT);
  _sb_render_set_font_files (NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Without Sambot's Khmer catalogue the manifest is refused, not printed half in
 * English: the child binds the catalogue to an empty folder. */
static void
test_manifest_no_catalogue (Fixture *fixture, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *batch_id = fixture_sealed_batch (fixture, 2);
      g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                         batch_id, NULL);
      g_autofree char *path = g_build_filename (fixture->dir, "no-khmer.pdf", NULL);

      g_assert_false (sb_render_manifest (listing, path, NULL, NULL, NULL, &error));
      g_assert_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_NO_TRANSLATION);
      g_assert_nonnull (strstr (error->message, "SAMBOT_LOCALEDIR"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      return;
    }
  {
    g_autofree char *localedir = g_strdup (g_getenv ("SAMBOT_LOCALEDIR"));

    g_setenv ("SAMBOT_LOCALEDIR", fixture->dir, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (localedir != NULL)
      g_setenv ("SAMBOT_LOCALEDIR", localedir, TRUE);
    else
      g_unsetenv ("SAMBOT_LOCALEDIR");
    g_test_trap_assert_passed ();
  }
}

/* The Khmer font's file is the one fontconfig (fc-match, Pango) gives for its family. */
static void
test_fonts_fontconfig (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const SbKhmerFont *font = _sb_render_khmer_font (&error);
  g_autofree char *pattern = NULL;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_file_test (font->file, G_FILE_TEST_IS_REGULAR));
  pattern = g_strdup_printf ("%s:weight=regular:slant=roman", font->family);
  {
    const char *argv[] = { "fc-match", "-f", "%{file}", pattern, NULL };
    g_autofree char *matched = run (argv, &status);

    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (matched, ==, font->file);
  }
  /* A family that is not installed finds nothing, not fontconfig's nearest face. */
  g_assert_null (_sb_render_find_font_file ("Sambot No Such Family"));
}

/* A Khmer font installed in a folder of its own, known only to fontconfig, is found
 * and embedded: no path is written into Sambot. The check runs in a child process
 * whose fontconfig reads a configuration naming only that folder. */
static const char *const latin_families[][2] = {
  { "DejaVu Sans", "regular" }, { "DejaVu Sans", "bold" }, { "DejaVu Sans Mono", "regular" },
};

static void
test_fonts_anywhere (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *conf_text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (g_test_subprocess ())
    {
      const SbKhmerFont *font = _sb_render_khmer_font (&error);
      g_autofree char *batch_id = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *fonts = NULL;

      g_assert_no_error (error);
      /* Khmer OS is not in this configuration: the second choice is taken. */
      g_assert_null (_sb_render_find_font_file ("Khmer OS"));
      g_assert_cmpstr (font->family, ==, "Noto Sans Khmer");
      g_assert_cmpstr (font->file, ==, g_getenv ("SAMBOT_TEST_FONT_COPY"));
      batch_id = fixture_sealed_batch (fixture, 2);
      path = make_manifest (fixture, batch_id, "odd-font.pdf");
      assert_qpdf_check (path);
      text = pdf_text (path);
      g_assert_nonnull (strstr (text, "នីសុខា"));
      fonts = pdf_fonts (path);
      g_assert_nonnull (strstr (fonts, "DejaVuSans-Bold"));
      g_assert_nonnull (strstr (fonts, "NotoSansKhmer"));
      return;
    }

  source = _sb_render_find_font_file ("Noto Sans Khmer");
  if (source == NULL)
    {
      g_test_skip ("Noto Sans Khmer (fonts-noto-core) is not installed");
      return;
    }
  folder = g_build_filename (fixture->dir, "a folder of fonts", NULL);
  copy = g_build_filename (folder, "khmer-copy.ttf", NULL);
  conf = g_build_filename (fixture->dir, "fonts.conf", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  /* The Latin faces too, from their second family (DejaVu: Noto Sans is not there). */
  for (guint i = 0; i < G_N_ELEMENTS (latin_families); i++)
    {
      g_autofree char *file = NULL;
      g_autofree char *latin_copy = g_strdup_printf ("%s/latin-%u.ttf", folder, i);
      g_autofree char *latin = NULL;
      gsize latin_length;
      g_autofree char *pattern = g_strdup_printf ("%s:weight=%s:slant=roman",
                                                  latin_families[i][0], latin_families[i][1]);
      const char *argv[] = { "fc-match", "-f", "%{file}", pattern, NULL };
      int status;

      file = run (argv, &status);
      g_assert_true (g_file_get_contents (file, &latin, &latin_length, &error));
      g_assert_true (g_file_set_contents (latin_copy, latin, latin_length, &error));
    }
  conf_text = g_markup_printf_escaped ("<?xml version=\"1.0\"?>\n"
                                       "<fontconfig><dir>%s</dir><cachedir>%s/cache</cachedir>"
                                       "</fontconfig>\n", folder, fixture->dir);
  g_assert_true (g_file_set_contents (conf, conf_text, -1, &error));

  g_setenv ("FONTCONFIG_FILE", conf, TRUE);
  g_setenv ("SAMBOT_TEST_FONT_COPY", copy, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("FONTCONFIG_FILE");
  g_unsetenv ("SAMBOT_TEST_FONT_COPY");
  g_test_trap_assert_passed ();
}

static void
test_manifest_unwritable (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 2);
  g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                     batch_id, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "m.pdf", NULL);

  g_assert_false (sb_render_manifest (listing, path, NULL, NULL, NULL, &error));
  g_assert_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_WRITE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A disk that fills while writing: a file-size limit makes write() fail part-way. */
static void
test_manifest_disk_full (Fixture *fixture, gconstpointer data)
{
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 200);
  g_autofree char *path = g_build_filename (fixture->dir, "full.pdf", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                         batch_id, NULL);
      struct rlimit limit = { 8192, 8192 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (sb_render_manifest (listing, path, NULL, NULL, NULL, &error));
      g_assert_error (error, SB_RENDER_ERROR, SB_RENDER_ERROR_WRITE);
      g_printerr ("%s\n", error->message);
      return;
    }
  /* The child stops on purpose part-way: its exit is not the place to look for leaks. */
  g_setenv ("ASAN_OPTIONS", "detect_leaks=0", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* No temporary file left behind either. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (g_str_has_prefix (name, "campaign.sambot"));
}

/* ------------------------------------------------------------------------ */

static void
check_cards (Fixture       *fixture,
             SbCardsLayout  layout)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 8);
  g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                     batch_id, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "cards.pdf", NULL);
  g_autofree char *text = NULL;
  guint online = 0;

  g_assert_true (sb_render_cards (listing, layout, NULL, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_qpdf_check (path);
  keep (path, g_test_get_path () + strlen ("/render/"));
  text = pdf_text (path);
  for (guint i = 0; i < listing->lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (listing->lines, i);
      g_autofree char *message = packed (line->message->original_text);

      if (!g_str_equal (line->message->channel, "online"))
        {
          g_assert_null (strstr (text, line->message->ref));
          continue;
        }
      online++;
      g_assert_nonnull (strstr (text, line->message->ref));
      /* The whole message, Khmer too (lines broken anywhere: white space removed). */
      g_assert_nonnull (strstr (text, message));
    }
  g_assert_cmpuint (online, >, 0);
  g_assert_nonnull (strstr (text, "NySokha"));
  g_assert_null (strstr (text, "private@example.org"));
  g_unlink (path);
}

static void
test_cards_a6 (Fixture *fixture, gconstpointer data)
{
  check_cards (fixture, SB_CARDS_A6_FOUR_PER_A4);
}

static void
test_cards_a5 (Fixture *fixture, gconstpointer data)
{
  check_cards (fixture, SB_CARDS_A5_TWO_PER_A4);
}

/* A long message continues on a second card, marked 1/2 and 2/2. */
static void
test_cards_continued (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 1);
  g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                     batch_id, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autoptr(GString) long_text = g_string_new (NULL);
  SbBatchLine *line = g_ptr_array_index (listing->lines, 0);
  g_autofree char *text = NULL;

  for (int i = 0; i < 40; i++)
    g_string_append_printf (long_text, "Sentence %d of a long letter of support. ", i + 1);
  fixture_set (&line->message->original_text, long_text->str);
  fixture_set (&line->message->channel, "online");
  g_assert_true (sb_render_cards (listing, SB_CARDS_A6_FOUR_PER_A4, NULL, path, NULL, NULL,
                                  NULL, &error));
  g_assert_no_error (error);
  keep (path, "cards-long");
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "1/2"));
  g_assert_nonnull (strstr (text, "2/2"));
  g_assert_nonnull (strstr (text, "Sentence40of"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  /* The manifest's Khmer comes from the build's catalogue. */
  sb_test_init_with_catalogue (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/render/manifest/one-item", test_manifest_one);
  ADD ("/render/manifest/thirty-items", test_manifest_thirty);
  ADD ("/render/manifest/thousand-items", test_manifest_thousand);
  ADD ("/render/manifest/deterministic", test_manifest_deterministic);
  ADD ("/render/manifest/draft-refused", test_manifest_draft_refused);
  ADD ("/render/manifest/no-khmer-font", test_manifest_no_font);
  ADD ("/render/manifest/no-khmer-catalogue", test_manifest_no_catalogue);
  ADD ("/render/manifest/unwritable-path", test_manifest_unwritable);
  ADD ("/render/fonts/as-fontconfig-finds-them", test_fonts_fontconfig);
  ADD ("/render/fonts/installed-anywhere", test_fonts_anywhere);
  ADD ("/render/manifest/disk-full", test_manifest_disk_full);
  ADD ("/render/cards/a6-four-per-sheet", test_cards_a6);
  ADD ("/render/cards/a5-two-per-sheet", test_cards_a5);
  ADD ("/render/cards/long-message-continues", test_cards_continued);

  return g_test_run ();
}
