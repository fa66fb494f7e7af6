/* test-printed.c — every printed document of the demo campaign, read back by poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A coordinator searches a manifest for a detainee's name, copies a name out of a card,
 * a journalist copies it from an infographic: pdftotext must give each name back exactly
 * as typed, in Latin and in Khmer script (nothing removed first: no spaces, no ZWSP), and
 * each document must carry its fonts (pdffonts: every font embedded), so that it looks
 * the same in every viewer and on every printer. Poppler's complaints fail the test.
 */

#include "config.h"

#include <cairo.h>
#include <libintl.h>
#include <sys/wait.h>

#include "sb-demo.h"
#include "sb-infographic.h"
#include "sb-render.h"
#include "sb-test-pdf.h"
#include "sb-test.h"
#include "sb-vocabulary.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  GPtrArray  *detainees;   /* SbDetainee */
  GPtrArray  *all_batches; /* SbBatch */
  GPtrArray  *batches;     /* the newest sealed batch of each facility, in all_batches */
} Fixture;

static char *demo_path;   /* made once, copied for each test */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (demo_path);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GHashTable) facilities = g_hash_table_new (g_str_hash, g_str_equal);

  fixture->dir = g_dir_make_tmp ("sambot-printed-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "demo.sambot", NULL);
  copy = g_file_new_for_path (fixture->path);
  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  fixture->campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  fixture->detainees = sb_campaign_list_detainees (fixture->campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->detainees->len, ==, 5);

  /* Newest first: the first sealed batch met for each facility. */
  fixture->all_batches = sb_campaign_list_batches (fixture->campaign, NULL, &error);
  g_assert_no_error (error);
  fixture->batches = g_ptr_array_new ();
  for (guint i = 0; i < fixture->all_batches->len; i++)
    {
      SbBatch *batch = g_ptr_array_index (fixture->all_batches, i);

      if (batch->digest == NULL || g_hash_table_contains (facilities, batch->facility_id))
        continue;
      g_hash_table_add (facilities, batch->facility_id);
      g_ptr_array_add (fixture->batches, batch);
    }
  g_assert_cmpuint (fixture->batches->len, ==, 2);   /* Prey Sar, Police Judiciaire */
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_ptr_array_unref (fixture->batches);
  g_ptr_array_unref (fixture->all_batches);
  g_ptr_array_unref (fixture->detainees);
  sb_campaign_close (fixture->campaign);
  g_clear_object (&fixture->campaign);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* @detainee's names (those asked for), exactly as typed, in @text. */
static void
assert_names (const char       *document,
              const char       *text,
              const SbDetainee *detainee,
              gboolean          latin,
              gboolean          khmer)
{
  if (latin && strstr (text, detainee->name_en) == NULL)
    g_error ("%s does not give back “%s”:\n%s", document, detainee->name_en, text);
  if (khmer && strstr (text, detainee->name_km) == NULL)
    g_error ("%s does not give back “%s”:\n%s", document, detainee->name_km, text);
}

/* The checks every document passes: structure, fonts, and no ZWSP in the text. */
static char *
read_document (const char *path,
               const char *name)
{
  g_autofree char *text = NULL;

  sb_test_keep (path, name);
  sb_test_assert_qpdf_check (path);
  g_assert_cmpuint (sb_test_assert_fonts_embedded (path), >, 0);
  text = sb_test_pdf_text (path);
  /* Line-breaking hints stay out of the text a search or a copy sees. */
  g_assert_null (strstr (text, "\u200B"));
  return g_steal_pointer (&text);
}

/* ------------------------------------------------------------------------ */

/* The manifest and the cards of each facility's newest batch: every detainee listed
 * comes back in both scripts, and between the two batches all five do. */
static void
test_batch_documents (Fixture       *fixture,
                      gconstpointer  user_data)
{
  gboolean cards = GPOINTER_TO_INT (user_data);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint b = 0; b < fixture->batches->len; b++)
    {
      SbBatch *batch = g_ptr_array_index (fixture->batches, b);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                         batch->id, &error);
      g_autofree char *name = g_strdup_printf ("%s-%s.pdf", cards ? "cards" : "manifest",
                                               batch->code);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      if (cards)
        g_assert_true (sb_render_cards (listing, SB_CARDS_A6_FOUR_PER_A4, NULL, path, NULL, NULL,
                                        NULL, &error));
      else
        g_assert_true (sb_render_manifest (listing, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      text = read_document (path, name);
      for (guint i = 0; i < listing->lines->len; i++)
        {
          SbBatchLine *line = g_ptr_array_index (listing->lines, i);

          /* Cards are printed for the messages that came in online. */
          if (cards && !g_str_equal (line->message->channel, "online"))
            continue;
          assert_names (name, text, line->detainee, TRUE, TRUE);
          g_hash_table_add (seen, line->detainee->id);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, fixture->detainees->len);
}

/* "English · Khmer" as a card prints it: the Khmer without its line-breaking hints. */
static char *
card_label (const char *context,
            const char *msgid)
{
  const char *en = context ? sb_vocabulary_word_in ("en", context, msgid)
                           : sb_vocabulary_word ("en", msgid);
  const char *km = context ? sb_vocabulary_word_in ("km", context, msgid)
                           : sb_vocabulary_word ("km", msgid);
  g_autofree char *label = g_strdup_printf ("%s \xc2\xb7 %s", en, km);
  GString *plain = g_string_new (NULL);

  g_assert_cmpstr (km, !=, msgid);   /* the Khmer catalogue is there */
  for (const char *p = label; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x200B)
      g_string_append_unichar (plain, g_utf8_get_char (p));
  return g_string_free (plain, FALSE);
}

/* A card's labels are the catalogue's words in both languages (the window's "For" and
 * "Khmer translation", the card's own "From"), not words written into the code. */
static void
test_card_labels (Fixture       *fixture,
                  gconstpointer  user_data)
{
  SbBatch *batch = g_ptr_array_index (fixture->batches, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatchListing) listing = sb_campaign_get_batch_listing (fixture->campaign,
                                                                     batch->id, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "cards-labels.pdf", NULL);
  g_autofree char *text = NULL;
  const char *labels[][2] = {
    { NULL, "For" }, { "card", "From" }, { NULL, "Khmer translation" },
  };

  g_assert_no_error (error);
  g_assert_true (sb_render_cards (listing, SB_CARDS_A6_FOUR_PER_A4, NULL, path, NULL, NULL,
                                  NULL, &error));
  g_assert_no_error (error);
  text = sb_test_pdf_text (path);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *label = card_label (labels[i][0], labels[i][1]);

      if (strstr (text, label) == NULL)
        g_error ("“%s” is not on the cards:\n%s", label, text);
    }
}

/* Every kind of infographic, as an A4 page in the campaign's colours and as the
 * printable page: the names it shows (in its own script) come back exactly. */
static void
test_infographics (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *lang = user_data;
  gboolean khmer = g_str_equal (lang, "km");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbInfographicData) data = sb_infographic_data_new (fixture->campaign, NULL, &error);

  g_assert_no_error (error);
  for (SbInfographicKind kind = SB_INFOGRAPHIC_DAYS; kind <= SB_INFOGRAPHIC_TIMELINE; kind++)
    for (SbInfographicFormat format = SB_INFOGRAPHIC_PDF;
         format <= SB_INFOGRAPHIC_PDF_PRINTABLE; format++)
      {
        g_autoptr(GBytes) pdf = sb_infographic_render (data, kind, lang, format, 0, 0, &error);
        g_autofree char *name = g_strdup_printf ("infographic-%s-%s%s.pdf",
                                                 sb_infographic_kind_to_string (kind), lang,
                                                 format == SB_INFOGRAPHIC_PDF ? "" : "-printable");
        g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
        g_autofree char *text = NULL;

        g_assert_no_error (error);
        g_assert_true (sb_infographic_save (pdf, path, &error));
        g_assert_no_error (error);
        text = read_document (path, name);
        /* The as-of day, in the picture's language, whole. */
        g_assert_nonnull (strstr (text, khmer ? "គិតត្រឹម ថ្ងៃទី១០ ខែតុលា ឆ្នាំ២០១៦"
                                              : "As of 10 October 2016"));
        if (kind == SB_INFOGRAPHIC_DAYS || kind == SB_INFOGRAPHIC_MESSAGES)
          for (guint i = 0; i < fixture->detainees->len; i++)
            assert_names (name, text, g_ptr_array_index (fixture->detainees, i), !khmer, khmer);
        if (kind == SB_INFOGRAPHIC_COUNTRIES)
          g_assert_nonnull (strstr (text, khmer ? "កម្ពុជា" : "Cambodia"));
      }
}

/* The printable page leaves the paper white to its edges: its corners and borders
 * (a 10 mm band) hold no ink, where the full-bleed page is the campaign's colour. */
static void
test_printable_margins (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbInfographicData) data = sb_infographic_data_new (fixture->campaign, NULL, &error);

  g_assert_no_error (error);
  for (SbInfographicFormat format = SB_INFOGRAPHIC_PDF;
       format <= SB_INFOGRAPHIC_PDF_PRINTABLE; format++)
    for (SbInfographicKind kind = SB_INFOGRAPHIC_DAYS; kind <= SB_INFOGRAPHIC_TIMELINE; kind++)
      {
        g_autoptr(GBytes) pdf = sb_infographic_render (data, kind, "km", format, 0, 0, &error);
        g_autofree char *path = g_build_filename (fixture->dir, "page.pdf", NULL);
        g_autofree char *prefix = g_build_filename (fixture->dir, "page", NULL);
        g_autofree char *png = g_build_filename (fixture->dir, "page.png", NULL);
        const char *argv[] = { "pdftoppm", "-png", "-r", "36", "-singlefile", path, prefix, NULL };
        cairo_surface_t *surface;
        const guint8 *pixels;
        int width, height, stride, border, status;
        guint inked = 0, edge = 0;

        g_assert_no_error (error);
        g_assert_true (sb_infographic_save (pdf, path, &error));
        g_free (sb_test_run (argv, &status, NULL));
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        surface = cairo_image_surface_create_from_png (png);
        g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
        width = cairo_image_surface_get_width (surface);
        height = cairo_image_surface_get_height (surface);
        stride = cairo_image_surface_get_stride (surface);
        pixels = cairo_image_surface_get_data (surface);
        border = (int) (width * 10.0 / 210.0);   /* 10 mm of an A4 page's width */
        for (int y = 0; y < height; y++)
          for (int x = 0; x < width; x++)
            if (x < border || x >= width - border || y < border || y >= height - border)
              {
                guint32 pixel = *(const guint32 *) (pixels + y * stride + 4 * x) & 0xffffff;

                edge++;
                inked += pixel != 0xffffff;
              }
        cairo_surface_destroy (surface);
        if (format == SB_INFOGRAPHIC_PDF_PRINTABLE)
          g_assert_cmpuint (inked, ==, 0);
        else
          g_assert_cmpuint (inked, >, edge * 9 / 10);
      }
}

/* sambot-cli infographic --printable writes the printable page; a picture cannot be. */
static void
test_cli_printable (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *cli = g_getenv ("SAMBOT_CLI");
  g_autofree char *pdf = g_build_filename (fixture->dir, "days.pdf", NULL);
  g_autofree char *png = g_build_filename (fixture->dir, "days.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbInfographicData) data = sb_infographic_data_new (fixture->campaign, NULL, &error);
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *errors = NULL;
  gsize length;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("SAMBOT_CLI is not set");
      return;
    }
  {
    const char *argv[] = { cli, "--campaign", fixture->path, "infographic", "--kind", "days",
                           "--lang", "km", "--printable", "-o", pdf, NULL };

    g_free (sb_test_run (argv, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  expected = sb_infographic_render (data, SB_INFOGRAPHIC_DAYS, "km",
                                    SB_INFOGRAPHIC_PDF_PRINTABLE, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &written, &length, NULL));
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  {
    const char *argv[] = { cli, "--campaign", fixture->path, "infographic", "--kind", "days",
                           "--printable", "-o", png, NULL };

    g_free (sb_test_run (argv, &status, &errors));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (errors, "--printable"));
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}

/* The manifest is bilingual whatever language the coordinator's interface speaks:
 * sambot-cli in Khmer and in English writes the same bytes. */
static void
test_cli_manifest_any_language (Fixture       *fixture,
                                gconstpointer  user_data)
{
  const char *cli = g_getenv ("SAMBOT_CLI");
  SbBatch *batch = g_ptr_array_index (fixture->batches, 0);
  const char *languages[] = { "en", "km" };
  char *contents[2] = { NULL, NULL };
  gsize lengths[2];

  if (cli == NULL)
    {
      g_test_skip ("SAMBOT_CLI is not set");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("manifest-%s.pdf", languages[i]);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      const char *argv[] = { cli, "--campaign", fixture->path, "manifest", batch->code,
                             "-o", path, NULL };
      g_auto(GStrv) env = g_get_environ ();
      g_autoptr(GError) error = NULL;
      int status;

      env = g_environ_setenv (env, "LANGUAGE", languages[i], TRUE);
      env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
      env = g_environ_unsetenv (env, "LC_ALL");
      g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_get_contents (path, &contents[i], &lengths[i], NULL));
    }
  g_assert_cmpmem (contents[0], lengths[0], contents[1], lengths[1]);
  g_free (contents[0]);
  g_free (contents[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  sb_test_init_with_catalogue (&argc, &argv);

  demo_path = sb_test_demo_new ("sambot-printed-demo-XXXXXX", &dir);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/render/printed/manifest-names", test_batch_documents, GINT_TO_POINTER (FALSE));
  ADD ("/render/printed/cards-names", test_batch_documents, GINT_TO_POINTER (TRUE));
  ADD ("/render/printed/cards-labels", test_card_labels, NULL);
  ADD ("/render/printed/infographic-names/en", test_infographics, "en");
  ADD ("/render/printed/infographic-names/km", test_infographics, "km");
  ADD ("/render/printed/printable-margins", test_printable_margins, NULL);
  ADD ("/cli/infographic/printable", test_cli_printable, NULL);
  ADD ("/cli/manifest/same-in-any-interface-language", test_cli_manifest_any_language, NULL);

  status = g_test_run ();
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
  }
  g_rmdir (dir);
  g_free (demo_path);
  return status;
}
