/* sb-cli-infographic.c — sambot-cli infographic: draw one of the campaign's pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-infographic.h"

/* Declared here rather than in sb-cli-private.h, which another group owns. */
int _sb_cli_infographic (SbCli  *cli,
                         int     argc,
                         char  **argv);

static gboolean
format_from_path (const char          *path,
                  SbInfographicFormat *format)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && sb_infographic_format_from_string (dot + 1, format);
}

int
_sb_cli_infographic (SbCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *size = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *output = NULL;
  gboolean printable = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name,
      N_("What it shows: days, messages, countries or timeline"), N_("KIND") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("Its language: en (English, the default) or km (Khmer)"), N_("LANG") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("png, svg or pdf (an A4 page); default: from the file name, else png"), N_("FORMAT") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      N_("Width x height in pixels, for png and svg (default: 1080x1080; 1200x675 is wide)"),
      N_("WxH") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Count as of this day (default: the campaign's as-of day, or today)"),
      N_("YYYY-MM-DD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The picture file to write"), N_("FILE") },
    { "printable", 0, 0, G_OPTION_ARG_NONE, &printable,
      N_("For a pdf: on white, inside margins, for a printer (default: the campaign's colours "
         "to the edge)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbInfographicData) data = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autoptr(GError) error = NULL;
  SbInfographicKind kind;
  SbInfographicFormat format = SB_INFOGRAPHIC_PNG;
  int width = SB_INFOGRAPHIC_SQUARE_SIZE, height = SB_INFOGRAPHIC_SQUARE_SIZE;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Draws one of the campaign's infographics, in English or "
                                  "Khmer, as a PNG or SVG picture or an A4 PDF page."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status)
      || !_sb_cli_require (cli, kind_name, "--kind KIND", &status)
      || !_sb_cli_require (cli, output, "--output FILE", &status))
    return status;

  if (!sb_infographic_kind_from_string (kind_name, &kind))
    return _sb_cli_usage (cli, _("Unknown kind “%s”: use days, messages, countries or timeline"),
                          kind_name);
  if (lang == NULL)
    lang = g_strdup ("en");
  if (!g_str_equal (lang, "en") && !g_str_equal (lang, "km"))
    return _sb_cli_usage (cli, _("Unknown language “%s”: use en or km"), lang);
  if (format_name != NULL)
    {
      if (!sb_infographic_format_from_string (format_name, &format))
        return _sb_cli_usage (cli, _("Unknown format “%s”: use png, svg or pdf"), format_name);
    }
  else
    format_from_path (output, &format);
  if (printable && format != SB_INFOGRAPHIC_PDF)
    return _sb_cli_usage (cli, _("--printable makes an A4 PDF page: use it with --format pdf "
                                 "or a file name ending in .pdf"));
  if (printable)
    format = SB_INFOGRAPHIC_PDF_PRINTABLE;
  if (size != NULL && !sb_infographic_parse_size (size, &width, &height, &error))
    return _sb_cli_usage (cli, "%s", error->message);

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  data = sb_infographic_data_new (campaign, as_of, &error);
  if (data != NULL)
    picture = sb_infographic_render (data, kind, lang, format, width, height, &error);
  if (picture == NULL || !sb_infographic_save (picture, output, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "file", output);
      _sb_cli_json_string (builder, "kind", sb_infographic_kind_to_string (kind));
      _sb_cli_json_string (builder, "lang", lang);
      _sb_cli_json_string (builder, "format", sb_infographic_format_extension (format));
      _sb_cli_json_bool (builder, "printable", printable);
      _sb_cli_json_int (builder, "bytes", g_bytes_get_size (picture));
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    {
      g_autofree char *display = g_filename_display_name (output);

      g_print (_("Wrote %s\n"), display);
    }
  return SB_CLI_EXIT_OK;
}
