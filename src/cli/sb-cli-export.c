/* sb-cli-export.c — sambot-cli export: the campaign's data for a spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-export.h"

static gboolean
parse_what (const char   *name,
            SbExportWhat *what)
{
  static const char *const names[] = { "messages", "copies", "batches" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      {
        *what = (SbExportWhat) i;
        return TRUE;
      }
  return FALSE;
}

/* export scans -o FOLDER: every picture of a card, named by its message's reference. */
static int
export_scans (SbCli      *cli,
              const char *folder)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files = 0;

  if (folder == NULL)
    return _sb_cli_usage (cli, _("Missing the folder to write the scans to (--output FOLDER)"));
  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL || !sb_export_scans (campaign, folder, &n_files, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "what", "scans");
      _sb_cli_json_string (builder, "folder", folder);
      _sb_cli_json_int (builder, "files", n_files);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    g_print (ngettext ("Wrote %u scan to %s\n", "Wrote %u scans to %s\n", n_files), n_files,
             folder);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_export (SbCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  gboolean include_contacts = FALSE;
  gboolean bom = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("csv (default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write; it must not exist yet"), N_("FILE") },
    { "include-contacts", 0, 0, G_OPTION_ARG_NONE, &include_contacts,
      N_("Add the senders’ e-mail addresses and phone numbers (private: keep the file safe)"),
      NULL },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start the CSV file with a byte order mark, so that Excel reads Khmer right"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  SbExportFormat format = SB_EXPORT_CSV;
  SbExportFlags flags = SB_EXPORT_FLAGS_NONE;
  SbExportWhat what;
  guint n_rows = 0;
  int status;

  if (!_sb_cli_parse (cli, _("messages|copies|batches|scans"),
                      N_("Writes the campaign's messages (with sender, language, text, "
                         "translations, status and addressees), their copies (one per "
                         "detainee, with batch and outcome) or its delivery batches to FILE, "
                         "as CSV (RFC 4180, UTF-8) or JSON. The file is readable by you only. "
                         "Senders' contacts are left out unless --include-contacts is given; "
                         "the consent column says whose names may be shown. A messages CSV "
                         "can be imported into another campaign with “sambot-cli import”. “scans -o "
                         "FOLDER” writes the pictures of the cards as REF-front.jpg, "
                         "REF-back.jpg…"),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1,
                                   _("Missing what to export: messages, copies or batches"),
                                   &status))
    return status;
  if (g_str_equal (argv[1], "scans"))
    return export_scans (cli, output);
  if (!parse_what (argv[1], &what))
    return _sb_cli_usage (cli, _("Cannot export “%s”: choose messages, copies or batches"),
                          argv[1]);
  if (format_name == NULL || g_str_equal (format_name, "csv"))
    format = SB_EXPORT_CSV;
  else if (g_str_equal (format_name, "json"))
    format = SB_EXPORT_JSON;
  else
    return _sb_cli_usage (cli, _("Unknown format “%s”: choose csv or json"), format_name);
  if (output == NULL)
    return _sb_cli_usage (cli, _("Missing the file to write (--output FILE)"));
  if (include_contacts)
    flags |= SB_EXPORT_FLAGS_INCLUDE_CONTACTS;
  if (bom)
    flags |= SB_EXPORT_FLAGS_BOM;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || !sb_export_write (campaign, what, format, flags, output, &n_rows, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "what", argv[1]);
      _sb_cli_json_string (builder, "format", format == SB_EXPORT_JSON ? "json" : "csv");
      _sb_cli_json_string (builder, "file", output);
      _sb_cli_json_int (builder, "rows", n_rows);
      _sb_cli_json_bool (builder, "contacts", include_contacts);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    g_print (ngettext ("Wrote %u record to %s\n", "Wrote %u records to %s\n", n_rows),
             n_rows, output);
  return SB_CLI_EXIT_OK;
}
