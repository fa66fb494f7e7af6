/* test-infographic.c — the campaign's infographics and the figures behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is checked, honestly: cairo's SVG carries glyph outlines, not text, so the
 * figures are read back from the PDF of the same drawing with pdftotext (poppler),
 * and the pictures are checked by their pixels where it matters (nothing drawn in
 * the margins). SVG and PNG are checked for being well-formed and reproducible.
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <string.h>
#include <unistd.h>

#include "sb-breakdown.h"
#include "sb-countries.h"
#include "sb-demo.h"
#include "sb-infographic.h"
#include "sb-test.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
} Fixture;

static char *demo_path;   /* made once, copied for each test */

static void
demo_set_up (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;

  fixture->dir = g_dir_make_tmp ("sambot-infographic-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "demo.sambot", NULL);
  source = g_file_new_for_path (demo_path);
  copy = g_file_new_for_path (fixture->path);
  g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
}

static void
empty_set_up (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sambot-infographic-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "empty.sambot", NULL);
  fixture->campaign = sb_campaign_create (fixture->path, "Empty campaign", "PP", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sb_campaign_close (fixture->campaign);
  g_clear_object (&fixture->campaign);
  sb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static GBytes *
render (SbCampaign          *campaign,
        SbInfographicKind    kind,
        const char          *lang,
        SbInfographicFormat  format,
        int                  width,
        int                  height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbInfographicData) data = sb_infographic_data_new (campaign, NULL, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = sb_infographic_render (data, kind, lang, format, width, height, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* The text of a PDF as pdftotext reads it, with white space removed (lines and
 * columns are laid out as poppler sees fit; tests/test-printed.c checks names whole). */
static char *
pdf_text (const char *dir,
          GBytes     *pdf)
{
  g_autofree char *path = g_build_filename (dir, "picture.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GString *squeezed;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  squeezed = g_string_new (NULL);
  for (const char *p = out; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B)
        g_string_append_unichar (squeezed, c);
    }
  return g_string_free (squeezed, FALSE);
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *found = g_find_program_in_path ("pdftotext");

  if (found == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed");
  return found != NULL;
}

/* ------------------------------------------------------------------------ */

static void
test_breakdown_demo (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBreakdown) breakdown = sb_campaign_get_breakdown (fixture->campaign, NULL, &error);
  gint64 weeks = 0, countries = 0, offices = 0, languages = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (breakdown->as_of, ==, "2016-10-10");
  g_assert_cmpstr (breakdown->first_week, ==, "2016-08-08");
  g_assert_cmpint (breakdown->total, ==, 469);
  g_assert_cmpuint (breakdown->weeks->len, ==, 10);   /* day 63 of the campaign */
  for (guint i = 0; i < breakdown->weeks->len; i++)
    weeks += g_array_index (breakdown->weeks, gint64, i);
  for (guint i = 0; i < breakdown->countries->len; i++)
    countries += ((SbTally *) g_ptr_array_index (breakdown->countries, i))->count;
  for (guint i = 0; i < breakdown->offices->len; i++)
    offices += ((SbTally *) g_ptr_array_index (breakdown->offices, i))->count;
  for (guint i = 0; i < breakdown->languages->len; i++)
    languages += ((SbTally *) g_ptr_array_index (breakdown->languages, i))->count;
  g_assert_cmpint (weeks, ==, 469);
  g_assert_cmpint (countries, ==, 469);
  g_assert_cmpint (offices, ==, 469);
  g_assert_cmpint (languages, ==, 469);
  g_assert_cmpstr (((SbTally *) g_ptr_array_index (breakdown->countries, 0))->key, ==, "KH");
}

static void
test_breakdown_before_launch (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBreakdown) breakdown =
    sb_campaign_get_breakdown (fixture->campaign, "2016-08-01", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (breakdown->weeks->len, ==, 0);
  g_assert_null (sb_campaign_get_breakdown (fixture->campaign, "2016-02-30", &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
}

static void
test_milestones (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) history = NULL;
  SbMilestone trial = { NULL, (char *) "2016-09-26", (char *) "Hearing at the Appeal Court",
                        (char *) "សវនាការ​នៅ​សាលាឧទ្ធរណ៍" };
  SbMilestone bad = { NULL, (char *) "2016-09-31", (char *) "Nothing", NULL };
  SbMilestone nameless = { NULL, (char *) "2016-09-20", (char *) "", NULL };
  g_autofree char *id = NULL;

  g_assert_true (sb_campaign_add_milestone (fixture->campaign, &trial, &error));
  g_assert_no_error (error);
  id = trial.id;
  g_assert_false (sb_campaign_add_milestone (fixture->campaign, &bad, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_campaign_add_milestone (fixture->campaign, &nameless, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);

  list = sb_campaign_list_milestones (fixture->campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SbMilestone *) g_ptr_array_index (list, 0))->label_km, ==,
                   "សវនាការ​នៅ​សាលាឧទ្ធរណ៍");
  history = sb_campaign_list_history (fixture->campaign, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);

  g_assert_true (sb_campaign_remove_milestone (fixture->campaign, id, &error));
  g_assert_no_error (error);
  g_assert_false (sb_campaign_remove_milestone (fixture->campaign, id, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
}

static void
test_colors (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *primary = sb_campaign_get_color (fixture->campaign, SB_SETTING_COLOR_PRIMARY, &error);
  g_autofree char *accent = NULL;
  double rgb[3];

  g_assert_cmpstr (primary, ==, SB_DEFAULT_COLOR_PRIMARY);
  g_assert_true (sb_campaign_set_color (fixture->campaign, SB_SETTING_COLOR_ACCENT, "#E63946", &error));
  g_assert_no_error (error);
  accent = sb_campaign_get_color (fixture->campaign, SB_SETTING_COLOR_ACCENT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (accent, ==, "#e63946");
  g_assert_false (sb_campaign_set_color (fixture->campaign, SB_SETTING_COLOR_ACCENT, "red", &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_assert_true (sb_color_parse ("#ff8000", rgb));
  g_assert_cmpfloat_with_epsilon (rgb[1], 128 / 255.0, 1e-9);
  g_assert_false (sb_color_parse ("#ff80", rgb));
}

static void
test_countries (void)
{
  g_autofree char *kh_en = sb_country_name ("KH", "en");
  g_autofree char *kh_km = sb_country_name ("kh", "km");
  g_autofree char *kr_en = sb_country_name ("KR", "en");
  g_autofree char *zz = sb_country_name ("ZZ", "km");

  g_assert_cmpstr (kh_en, ==, "Cambodia");
  g_assert_cmpstr (kh_km, ==, "កម្ពុជា");
  g_assert_cmpstr (kr_en, ==, "South Korea");
  g_assert_cmpstr (zz, ==, "ZZ");
  g_assert_false (sb_country_is_known ("ZZ"));
  g_assert_true (sb_country_is_known ("FR"));
}

/* The published figures, read back from the drawing. */
static void
test_demo_figures (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *lang = user_data;
  gboolean khmer = g_str_equal (lang, "km");
  g_autoptr(GBytes) days = NULL;
  g_autoptr(GBytes) messages = NULL;
  g_autofree char *days_text = NULL;
  g_autofree char *messages_text = NULL;

  if (!have_pdftotext ())
    return;
  days = render (fixture->campaign, SB_INFOGRAPHIC_DAYS, lang, SB_INFOGRAPHIC_PDF, 0, 0);
  messages = render (fixture->campaign, SB_INFOGRAPHIC_MESSAGES, lang, SB_INFOGRAPHIC_PDF, 0, 0);
  days_text = pdf_text (fixture->dir, days);
  messages_text = pdf_text (fixture->dir, messages);

  g_assert_nonnull (strstr (days_text, khmer ? "១៦៥" : "165"));
  g_assert_nonnull (strstr (messages_text, khmer ? "៤៦៩" : "469"));
  g_assert_nonnull (strstr (messages_text, khmer ? "១៩៥" : "195"));
  /* The names, in the picture's script (Khmer comes back whole: see
   * _sb_render_show_layout_line()); Khmer pictures carry no Latin digits. */
  g_assert_nonnull (strstr (days_text, khmer ? "នីចរិយា" : "NyChakrya"));
  g_assert_nonnull (strstr (messages_text, khmer ? "លឹមមុន្នី" : "LimMony"));
  if (khmer)
    {
      g_autoptr(GString) figures = g_string_new (messages_text);

      g_string_replace (figures, "Freethe5KH", "", 0);   /* the hashtag is as written */
      for (const char *p = figures->str; *p; p++)
        g_assert_false (g_ascii_isdigit (*p));
    }
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  user_data)
{
  for (SbInfographicFormat format = SB_INFOGRAPHIC_PNG;
       format <= SB_INFOGRAPHIC_PDF_PRINTABLE; format++)
    {
      g_autoptr(GBytes) first = render (fixture->campaign, SB_INFOGRAPHIC_TIMELINE, "km",
                                        format, 1080, 1080);
      g_autoptr(GBytes) second = render (fixture->campaign, SB_INFOGRAPHIC_TIMELINE, "km",
                                         format, 1080, 1080);

      if (!g_bytes_equal (first, second))
        g_error ("Two renders in %s differ", sb_infographic_format_extension (format));
    }
}

static void
check_well_formed (GBytes              *bytes,
                   SbInfographicFormat  format)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 1000);
  if (format == SB_INFOGRAPHIC_PNG)
    g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  else if (format >= SB_INFOGRAPHIC_PDF)
    g_assert_cmpmem (data, 5, "%PDF-", 5);
  else
    g_assert_nonnull (g_strstr_len (data, MIN (size, 200), "<svg"));
}

static void
test_every_kind (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const int sizes[][2] = { { 1080, 1080 }, { 1200, 675 } };

  for (SbInfographicKind kind = SB_INFOGRAPHIC_DAYS; kind <= SB_INFOGRAPHIC_TIMELINE; kind++)
    for (guint l = 0; l < 2; l++)
      for (SbInfographicFormat format = SB_INFOGRAPHIC_PNG;
           format <= SB_INFOGRAPHIC_PDF_PRINTABLE; format++)
        for (guint s = 0; s < (format >= SB_INFOGRAPHIC_PDF ? 1 : 2); s++)
          {
            g_autoptr(GBytes) bytes = render (fixture->campaign, kind, l ? "km" : "en", format,
                                              sizes[s][0], sizes[s][1]);

            check_well_formed (bytes, format);
          }
}

/* Every pixel of the outer margin is the campaign's ground colour: nothing ran off
 * (or up to) the edge. The accent band at the bottom is left out. */
static void
assert_margins_clear (GBytes *png,
                      int     margin)
{
  g_autoptr(GInputStream) stream = NULL;
  cairo_surface_t *surface;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "sambot-margins-XXXXXX.png", NULL);
  int fd = g_mkstemp (path);
  guint8 *pixels;
  int width, height, stride;
  guint32 ground;

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  close (fd);
  surface = cairo_image_surface_create_from_png (path);
  g_remove (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  pixels = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  ground = *(guint32 *) pixels & 0xffffff;
  for (int y = 0; y < height - 40; y++)
    for (int x = 0; x < width; x++)
      if (x < margin || x >= width - margin || y < margin)
        g_assert_cmphex (*(guint32 *) (pixels + y * stride + 4 * x) & 0xffffff, ==, ground);
  cairo_surface_destroy (surface);
}

static void
test_long_name (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) hashtag = g_string_new ("#");

  for (int i = 0; i < 200; i++)
    g_string_append_c (name, i % 9 == 8 ? ' ' : 'W');
  for (int i = 0; i < 199; i++)
    g_string_append_c (hashtag, 'W');
  g_assert_true (sb_campaign_set_setting (fixture->campaign, SB_SETTING_NAME, name->str, &error));
  g_assert_true (sb_campaign_set_setting (fixture->campaign, SB_SETTING_HASHTAG, hashtag->str, &error));
  g_assert_no_error (error);

  for (SbInfographicKind kind = SB_INFOGRAPHIC_DAYS; kind <= SB_INFOGRAPHIC_TIMELINE; kind++)
    for (guint l = 0; l < 2; l++)
      {
        g_autoptr(GBytes) square = render (fixture->campaign, kind, l ? "km" : "en",
                                           SB_INFOGRAPHIC_PNG, 1080, 1080);
        g_autoptr(GBytes) wide = render (fixture->campaign, kind, l ? "km" : "en",
                                         SB_INFOGRAPHIC_PNG, 1200, 675);

        assert_margins_clear (square, 40);
        assert_margins_clear (wide, 30);
      }
}

/* An empty campaign, then one message, a detainee without an arrest date, a country
 * iso-codes does not know, an as-of day before the launch: a picture each time. */
static void
test_sparse_campaigns (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();
  g_autoptr(SbMessage) message = sb_message_new ();
  const char *detainee_ids[2] = { NULL, NULL };

  for (SbInfographicKind kind = SB_INFOGRAPHIC_DAYS; kind <= SB_INFOGRAPHIC_TIMELINE; kind++)
    {
      g_autoptr(GBytes) bytes = render (fixture->campaign, kind, "km", SB_INFOGRAPHIC_PNG, 1080, 1080);
      assert_margins_clear (bytes, 40);
    }

  g_free (detainee->name_en);
  detainee->name_en = g_strdup ("Someone Unknown");
  g_assert_true (sb_campaign_add_detainee (fixture->campaign, detainee, &error));
  g_assert_no_error (error);
  g_free (message->original_text);
  message->original_text = g_strdup ("Stay strong");
  g_free (message->sender_country);
  message->sender_country = g_strdup ("XK");   /* Kosovo: not in ISO 3166-1 */
  g_free (message->received_on);
  message->received_on = g_strdup ("2016-09-01");
  g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  detainee_ids[0] = detainee->id;
  g_assert_true (sb_campaign_assign (fixture->campaign, message->id, detainee_ids, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_set_setting (fixture->campaign, SB_SETTING_LAUNCH_DATE, "2016-08-08", &error));
  g_assert_true (sb_campaign_set_setting (fixture->campaign, SB_SETTING_AS_OF, "2016-10-10", &error));
  g_assert_no_error (error);

  for (SbInfographicKind kind = SB_INFOGRAPHIC_DAYS; kind <= SB_INFOGRAPHIC_TIMELINE; kind++)
    for (SbInfographicFormat format = SB_INFOGRAPHIC_PNG;
         format <= SB_INFOGRAPHIC_PDF_PRINTABLE; format++)
      {
        g_autoptr(GBytes) bytes = render (fixture->campaign, kind, "en", format, 1080, 1080);
        check_well_formed (bytes, format);
      }
  if (have_pdftotext ())
    {
      g_autoptr(GBytes) pdf = render (fixture->campaign, SB_INFOGRAPHIC_COUNTRIES, "en",
                                      SB_INFOGRAPHIC_PDF, 0, 0);
      g_autofree char *text = pdf_text (fixture->dir, pdf);

      g_assert_nonnull (strstr (text, "XK"));   /* the code itself */
    }

  /* Before the launch: the timeline says when the campaign starts. */
  g_assert_true (sb_campaign_set_setting (fixture->campaign, SB_SETTING_AS_OF, "2016-05-01", &error));
  g_assert_no_error (error);
  for (SbInfographicKind kind = SB_INFOGRAPHIC_DAYS; kind <= SB_INFOGRAPHIC_TIMELINE; kind++)
    {
      g_autoptr(GBytes) bytes = render (fixture->campaign, kind, "en", SB_INFOGRAPHIC_PNG, 1200, 675);
      assert_margins_clear (bytes, 30);
    }
}

static void
test_bad_options (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbInfographicData) data = sb_infographic_data_new (fixture->campaign, NULL, &error);
  SbInfographicFormat format = SB_INFOGRAPHIC_PNG;
  int width = 0, height = 0;

  g_assert_no_error (error);
  g_assert_null (sb_infographic_render (data, SB_INFOGRAPHIC_DAYS, "fr", SB_INFOGRAPHIC_PNG,
                                        1080, 1080, &error));
  g_assert_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sb_infographic_render (data, SB_INFOGRAPHIC_DAYS, "en", SB_INFOGRAPHIC_PNG,
                                        10, 100000, &error));
  g_assert_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sb_infographic_data_new (fixture->campaign, "10/10/2016", &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID);
  g_clear_error (&error);

  /* "pdf" is the page in the campaign's colours; the printable one is asked for as such. */
  g_assert_true (sb_infographic_format_from_string ("PDF", &format));
  g_assert_cmpint (format, ==, SB_INFOGRAPHIC_PDF);
  g_assert_cmpstr (sb_infographic_format_extension (SB_INFOGRAPHIC_PDF_PRINTABLE), ==, "pdf");

  g_assert_true (sb_infographic_parse_size ("1200x675", &width, &height, NULL));
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 675);
  g_assert_true (sb_infographic_parse_size ("1080×1080", &width, &height, NULL));
  g_assert_false (sb_infographic_parse_size ("big", &width, &height, &error));
  g_assert_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_INVALID);
}

static void
test_save (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = render (fixture->campaign, SB_INFOGRAPHIC_DAYS, "en",
                                  SB_INFOGRAPHIC_PNG, 1080, 1080);
  g_autofree char *path = g_build_filename (fixture->dir, "days.png", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "missing", "days.png", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (sb_infographic_save (png, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_remove (path);

  g_assert_false (sb_infographic_save (png, nowhere, &error));
  g_assert_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_WRITE);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  sb_test_init_with_catalogue (&argc, &argv);

  demo_path = sb_test_demo_new ("sambot-infographic-demo-XXXXXX", &dir);

#define DEMO(path, func, data) g_test_add (path, Fixture, data, demo_set_up, func, fixture_tear_down)
#define EMPTY(path, func) g_test_add (path, Fixture, NULL, empty_set_up, func, fixture_tear_down)
  DEMO ("/core/breakdown/demo", test_breakdown_demo, NULL);
  DEMO ("/core/breakdown/before-launch", test_breakdown_before_launch, NULL);
  DEMO ("/core/milestones/add-list-remove", test_milestones, NULL);
  DEMO ("/core/colors", test_colors, NULL);
  g_test_add_func ("/core/countries/names", test_countries);
  DEMO ("/render/infographic/demo-figures/en", test_demo_figures, "en");
  DEMO ("/render/infographic/demo-figures/km", test_demo_figures, "km");
  DEMO ("/render/infographic/deterministic", test_deterministic, NULL);
  DEMO ("/render/infographic/every-kind-language-format", test_every_kind, NULL);
  DEMO ("/render/infographic/long-name-stays-inside", test_long_name, NULL);
  EMPTY ("/render/infographic/sparse-campaigns", test_sparse_campaigns);
  DEMO ("/render/infographic/bad-options", test_bad_options, NULL);
  DEMO ("/render/infographic/save-atomic", test_save, NULL);

  status = g_test_run ();
  sb_test_remove_tree (dir);
  g_free (demo_path);
  return status;
}
