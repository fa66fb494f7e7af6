/* sb-infographic.c — the campaign's infographics: data, surfaces, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-render"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sb-infographic-private.h"

/* A4 in points. */
#define A4_WIDTH  595.276
#define A4_HEIGHT 841.890

G_DEFINE_QUARK (sb-infographic-error-quark, sb_infographic_error)

static const char *const kind_names[] = {
  [SB_INFOGRAPHIC_DAYS] = "days",
  [SB_INFOGRAPHIC_MESSAGES] = "messages",
  [SB_INFOGRAPHIC_COUNTRIES] = "countries",
  [SB_INFOGRAPHIC_TIMELINE] = "timeline",
};

/* Only the first three are named: the printable PDF is asked for as such. */
static const char *const format_names[] = {
  [SB_INFOGRAPHIC_PNG] = "png",
  [SB_INFOGRAPHIC_SVG] = "svg",
  [SB_INFOGRAPHIC_PDF] = "pdf",
};

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

gboolean
sb_infographic_kind_from_string (const char        *text,
                                 SbInfographicKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sb_infographic_kind_to_string (SbInfographicKind kind)
{
  g_return_val_if_fail (kind <= SB_INFOGRAPHIC_TIMELINE, NULL);
  return kind_names[kind];
}

gboolean
sb_infographic_format_from_string (const char          *text,
                                   SbInfographicFormat *format)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (text, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sb_infographic_format_extension (SbInfographicFormat format)
{
  g_return_val_if_fail (format <= SB_INFOGRAPHIC_PDF_PRINTABLE, NULL);
  return format == SB_INFOGRAPHIC_PDF_PRINTABLE ? "pdf" : format_names[format];
}

static gboolean
check_size (int      width,
            int      height,
            GError **error)
{
  if (width < SB_INFOGRAPHIC_MIN_SIZE || height < SB_INFOGRAPHIC_MIN_SIZE ||
      width > SB_INFOGRAPHIC_MAX_SIZE || height > SB_INFOGRAPHIC_MAX_SIZE)
    {
      g_set_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_INVALID,
                   _("An infographic is between %d and %d pixels wide and high, "
                     "not %d×%d."),
                   SB_INFOGRAPHIC_MIN_SIZE, SB_INFOGRAPHIC_MAX_SIZE, width, height);
      return FALSE;
    }
  return TRUE;
}

/**
 * sb_infographic_parse_size:
 * @text: "1080x1080", "1200x675" (an × works too)
 */
gboolean
sb_infographic_parse_size (const char  *text,
                           int         *width,
                           int         *height,
                           GError     **error)
{
  g_autofree char *ascii = NULL;
  int w = 0, h = 0;
  char tail;

  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  ascii = text ? g_strdup (text) : g_strdup ("");
  if (strstr (ascii, "×") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (ascii, "×", 2);

      g_free (ascii);
      ascii = g_strjoinv ("x", parts);
    }
  if (sscanf (ascii, "%dx%d%c", &w, &h, &tail) != 2)
    {
      g_set_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_INVALID,
                   _("“%s” is not a size: write it as width x height in pixels, "
                     "such as 1080x1080 or 1200x675."),
                   text ? text : "");
      return FALSE;
    }
  if (!check_size (w, h, error))
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Data                                                                     */
/* ------------------------------------------------------------------------ */

static void
data_clear (SbInfographicData *data)
{
  g_free (data->name);
  g_free (data->hashtag);
  g_clear_pointer (&data->stats, sb_stats_free);
  g_clear_pointer (&data->breakdown, sb_breakdown_free);
  g_clear_pointer (&data->milestones, g_ptr_array_unref);
}

static gboolean
read_color (SbCampaign  *campaign,
            const char  *key,
            double       rgb[3],
            GError     **error)
{
  g_autofree char *color = sb_campaign_get_color (campaign, key, error);

  if (color == NULL)
    return FALSE;
  sb_color_parse (color, rgb);
  return TRUE;
}

/**
 * sb_infographic_data_new:
 * @as_of: (nullable): the day the figures are counted to; %NULL for the campaign's
 *   as-of date (or today)
 *
 * Reads everything the infographics show, on the thread that uses @campaign.
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
SbInfographicData *
sb_infographic_data_new (SbCampaign  *campaign,
                         const char  *as_of,
                         GError     **error)
{
  g_autoptr(SbInfographicData) data = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  data = g_atomic_rc_box_new0 (SbInfographicData);
  if ((data->name = sb_campaign_get_setting (campaign, SB_SETTING_NAME, error)) == NULL ||
      (data->hashtag = sb_campaign_get_setting (campaign, SB_SETTING_HASHTAG, error)) == NULL ||
      !read_color (campaign, SB_SETTING_COLOR_PRIMARY, data->primary, error) ||
      !read_color (campaign, SB_SETTING_COLOR_ACCENT, data->accent, error))
    return NULL;
  g_strstrip (data->name);
  g_strstrip (data->hashtag);

  data->stats = sb_campaign_get_stats (campaign, as_of, error);
  if (data->stats == NULL)
    return NULL;
  data->breakdown = sb_campaign_get_breakdown (campaign, data->stats->as_of, error);
  if (data->breakdown == NULL)
    return NULL;
  data->milestones = sb_campaign_list_milestones (campaign, error);
  if (data->milestones == NULL)
    return NULL;
  return g_steal_pointer (&data);
}

SbInfographicData *
sb_infographic_data_ref (SbInfographicData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return g_atomic_rc_box_acquire (data);
}

void
sb_infographic_data_unref (SbInfographicData *data)
{
  if (data != NULL)
    g_atomic_rc_box_release_full (data, (GDestroyNotify) data_clear);
}

const SbStats *
sb_infographic_data_get_stats (SbInfographicData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return data->stats;
}

const SbBreakdown *
sb_infographic_data_get_breakdown (SbInfographicData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  return data->breakdown;
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */
/* ------------------------------------------------------------------------ */

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
renumber_surface_cb (const GMatchInfo *match,
                     GString          *result,
                     gpointer          user_data)
{
  GHashTable *numbers = user_data;
  g_autofree char *prefix = g_match_info_fetch (match, 1);
  g_autofree char *old = g_match_info_fetch (match, 2);
  gpointer number = g_hash_table_lookup (numbers, old);

  if (number == NULL)
    {
      number = GUINT_TO_POINTER (g_hash_table_size (numbers) + 1);
      g_hash_table_insert (numbers, g_steal_pointer (&old), number);
    }
  g_string_append_printf (result, "%ssurface%u", prefix, GPOINTER_TO_UINT (number));
  return FALSE;
}

/* cairo numbers SVG surfaces with a counter shared by the whole process: number
 * them from 1 in each file, so that the same picture gives the same bytes. */
static GByteArray *
renumber_svg_surfaces (GByteArray *svg)
{
  g_autoptr(GRegex) regex = g_regex_new ("(id=\"|#)surface([0-9]+)", G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = g_strndup ((const char *) svg->data, svg->len);
  char *renumbered = g_regex_replace_eval (regex, text, -1, 0, 0, renumber_surface_cb,
                                           numbers, NULL);

  g_byte_array_unref (svg);
  return g_byte_array_new_take ((guint8 *) renumbered, strlen (renumbered));
}

static PangoContext *
create_pango_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Outlines placed as designed, whatever the surface: no hinting of shapes or
   * metrics, so a PNG, an SVG and a PDF lay out alike. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_destroy (options);
  return context;
}

static void
draw (SbInfographicData *data,
      SbInfographicKind  kind,
      const char        *lang,
      gboolean           printable,
      cairo_surface_t   *surface,
      double             width,
      double             height)
{
  SbCanvas canvas = { 0 };

  canvas.printable = printable;
  canvas.cr = cairo_create (surface);
  canvas.pango = create_pango_context ();
  canvas.data = data;
  canvas.lang = lang;
  canvas.khmer = g_str_equal (lang, "km");
  canvas.catalog = canvas.khmer ? sb_catalog_get (GETTEXT_PACKAGE, "km") : NULL;
  canvas.width = width;
  canvas.height = height;
  canvas.wide = width > height * 1.35;
  /* A wide picture is seen as small as a square one: its text is not shrunk as far. */
  canvas.u = canvas.wide ? height / 900.0 : MIN (width, height) / 1080.0;

  _sb_draw_frame (&canvas);
  switch (kind)
    {
    case SB_INFOGRAPHIC_DAYS:
      _sb_draw_days (&canvas);
      break;
    case SB_INFOGRAPHIC_MESSAGES:
      _sb_draw_messages (&canvas);
      break;
    case SB_INFOGRAPHIC_COUNTRIES:
      _sb_draw_countries (&canvas);
      break;
    case SB_INFOGRAPHIC_TIMELINE:
      _sb_draw_timeline (&canvas);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_show_page (canvas.cr);
  cairo_destroy (canvas.cr);
  g_object_unref (canvas.pango);
}

static void
set_pdf_metadata (cairo_surface_t   *surface,
                  SbInfographicData *data,
                  SbInfographicKind  kind)
{
  /* Dated by the figures, not the clock: the same data gives the same bytes. */
  g_autofree char *date = g_strconcat (data->stats->as_of, "T00:00:00", NULL);
  g_autofree char *title = g_strdup_printf ("%s — %s", data->name, kind_names[kind]);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
}

/**
 * sb_infographic_render:
 * @data: the figures, from sb_infographic_data_new()
 * @lang: "en" or "km"
 * @width: @height: in pixels for PNG and SVG (see SB_INFOGRAPHIC_SQUARE_SIZE…);
 *   ignored for PDF, which is an A4 page (in the campaign's colours to the edge, or
 *   printable: on white inside margins, see SB_INFOGRAPHIC_PDF_PRINTABLE)
 *
 * May run in any thread.
 *
 * Returns: (transfer full): the picture file's bytes, or %NULL with @error set
 */
GBytes *
sb_infographic_render (SbInfographicData    *data,
                       SbInfographicKind     kind,
                       const char           *lang,
                       SbInfographicFormat   format,
                       int                   width,
                       int                   height,
                       GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_status_t status;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (kind <= SB_INFOGRAPHIC_TIMELINE, NULL);
  g_return_val_if_fail (format <= SB_INFOGRAPHIC_PDF_PRINTABLE, NULL);

  if (g_strcmp0 (lang, "en") != 0 && g_strcmp0 (lang, "km") != 0)
    {
      g_set_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_INVALID,
                   _("Infographics are made in English (en) or Khmer (km), not “%s”."),
                   lang ? lang : "");
      return NULL;
    }
  if (g_str_equal (lang, "km") && sb_catalog_get (GETTEXT_PACKAGE, "km") == NULL)
    {
      /* Without it the labels fall back to English beside Khmer digits. */
      g_set_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_NO_TRANSLATION,
                   _("Sambot’s Khmer translation is not installed (no km/LC_MESSAGES/%s.mo "
                     "in “%s”), so a Khmer picture would come out half in English. "
                     "Reinstall Sambot, or set SAMBOT_LOCALEDIR to the folder that holds it."),
                   GETTEXT_PACKAGE, bindtextdomain (GETTEXT_PACKAGE, NULL));
      return NULL;
    }
  if (format < SB_INFOGRAPHIC_PDF && !check_size (width, height, error))
    return NULL;

  switch (format)
    {
    case SB_INFOGRAPHIC_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      draw (data, kind, lang, FALSE, surface, width, height);
      status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
      break;
    case SB_INFOGRAPHIC_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      draw (data, kind, lang, FALSE, surface, width, height);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      bytes = renumber_svg_surfaces (bytes);
      break;
    case SB_INFOGRAPHIC_PDF:
    case SB_INFOGRAPHIC_PDF_PRINTABLE:
      surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, A4_WIDTH, A4_HEIGHT);
      set_pdf_metadata (surface, data, kind);
      draw (data, kind, lang, format == SB_INFOGRAPHIC_PDF_PRINTABLE, surface,
            A4_WIDTH, A4_HEIGHT);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_FAILED,
                   _("The infographic could not be drawn: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * sb_infographic_save:
 *
 * Writes @picture to @path through a temporary file renamed into place: the file
 * appears complete or not at all (a full disk leaves nothing half-written).
 */
gboolean
sb_infographic_save (GBytes      *picture,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  gsize length;
  const char *contents;

  g_return_val_if_fail (picture != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  contents = g_bytes_get_data (picture, &length);
  if (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                0666, &local_error))
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, SB_INFOGRAPHIC_ERROR, SB_INFOGRAPHIC_ERROR_WRITE,
               _("The infographic could not be saved as “%s”: %s"),
               display, local_error->message);
  return FALSE;
}
