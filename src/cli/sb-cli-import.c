/* sb-cli-import.c — sambot-cli import: online messages from a form export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "sb-cli-private.h"
#include "sb-importer.h"

int _sb_cli_import (SbCli *cli, int argc, char **argv);

#define MAX_REJECTED_SHOWN 20

static void
show_progress_cb (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  g_printerr ("\r");
  /* TRANSLATORS: progress of an import: rows done / rows in all */
  g_printerr (ngettext ("Importing… %lu / %lu row", "Importing… %lu / %lu rows", (gulong) total),
              (gulong) done, (gulong) total);
  if (done == total)
    g_printerr ("\n");
}

static void
print_json (SbImporter      *importer,
            SbImportSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  SbImportMapping *mapping = sb_importer_get_mapping (importer);

  json_builder_begin_object (builder);
  _sb_cli_json_string (builder, "file", sb_importer_get_path (importer));
  _sb_cli_json_bool (builder, "dry_run", summary->dry_run);
  _sb_cli_json_int (builder, "rows", summary->rows);
  _sb_cli_json_int (builder, "imported", summary->imported);
  _sb_cli_json_int (builder, "duplicates", summary->duplicates);
  _sb_cli_json_int (builder, "already_imported", summary->already_imported);
  _sb_cli_json_int (builder, "rejected", summary->rejected);
  json_builder_set_member_name (builder, "rejected_rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->rejected_rows->len; i++)
    {
      SbImportRow *row = g_ptr_array_index (summary->rejected_rows, i);

      json_builder_begin_object (builder);
      _sb_cli_json_int (builder, "row", row->row);
      _sb_cli_json_string (builder, "reason", row->problem);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "mapping");
  json_builder_begin_object (builder);
  for (guint i = 0; i < sb_import_mapping_get_n_columns (mapping); i++)
    _sb_cli_json_string (builder, sb_import_mapping_get_header (mapping, i),
                         sb_import_field_get_id (sb_import_mapping_get_field (mapping, i)));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  _sb_cli_print_json (builder);
}

static void
print_summary (SbImporter      *importer,
               SbImportSummary *summary)
{
  SbImportMapping *mapping = sb_importer_get_mapping (importer);
  g_autofree char *name = g_path_get_basename (sb_importer_get_path (importer));
  g_autoptr(SbCliTable) table = _sb_cli_table_new (2, _("Column"), _("Imported as"));

  for (guint i = 0; i < sb_import_mapping_get_n_columns (mapping); i++)
    _sb_cli_table_add (table, sb_import_mapping_get_header (mapping, i),
                       sb_import_field_get_label (sb_import_mapping_get_field (mapping, i)));
  _sb_cli_table_print (table);
  g_print ("\n");

  if (summary->dry_run)
    g_print (_("Dry run of %s: nothing was saved. This is what an import would do:\n"), name);
  else
    g_print (_("Imported %s:\n"), name);
  g_print ("  %-18s %lu\n", _("New messages:"), summary->imported);
  g_print ("  %-18s %lu  %s\n", _("Duplicates:"), summary->duplicates,
           _("(kept, linked to the first message, not counted)"));
  g_print ("  %-18s %lu  %s\n", _("Already imported:"), summary->already_imported,
           _("(skipped)"));
  g_print ("  %-18s %lu\n", _("Rejected:"), summary->rejected);
  for (guint i = 0; i < summary->rejected_rows->len && i < MAX_REJECTED_SHOWN; i++)
    {
      SbImportRow *row = g_ptr_array_index (summary->rejected_rows, i);

      /* TRANSLATORS: a rejected row of the file and why */
      g_print (_("    Row %lu: %s\n"), row->row, row->problem);
    }
  if (summary->rejected_rows->len > MAX_REJECTED_SHOWN)
    g_print (_("    … and %u more (--rejected-csv FILE writes them all)\n"),
             summary->rejected_rows->len - MAX_REJECTED_SHOWN);
}

int
_sb_cli_import (SbCli  *cli,
                int     argc,
                char  **argv)
{
  g_autofree char *mapping_path = NULL;
  g_autofree char *save_mapping = NULL;
  g_autofree char *rejected_csv = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("Use the columns saved for this form (see --save-mapping)"), N_("FILE") },
    { "save-mapping", 0, 0, G_OPTION_ARG_FILENAME, &save_mapping,
      N_("Save the columns used, for the next export of the same form"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check everything and say what would happen, but save nothing"), NULL },
    { "rejected-csv", 0, 0, G_OPTION_ARG_FILENAME, &rejected_csv,
      N_("Write the rejected rows, with the reason, to this CSV file"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbImporter) importer = NULL;
  g_autoptr(SbImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gboolean show_progress;
  int status;

  if (!_sb_cli_parse (cli, N_("FILE"),
                      N_("Imports online messages from a CSV or TSV export of a web form "
                         "(Google Forms, Typeform, Jotform, KoBo, a spreadsheet…). Each row "
                         "is imported once: importing a newer export adds only its new rows."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing FILE"), &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  importer = sb_importer_new (argv[1], &error);
  if (importer == NULL ||
      (mapping_path != NULL && !sb_importer_load_mapping (importer, mapping_path, &error)) ||
      !sb_import_mapping_check (sb_importer_get_mapping (importer), &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  show_progress = !cli->json && isatty (STDERR_FILENO);
  summary = sb_importer_run (importer, campaign, dry_run, NULL,
                             show_progress ? show_progress_cb : NULL, NULL, &error);
  if (summary == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if ((save_mapping != NULL &&
       !sb_import_mapping_save (sb_importer_get_mapping (importer), save_mapping, &error)) ||
      (rejected_csv != NULL && !sb_import_summary_write_rejected (summary, rejected_csv, &error)))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    print_json (importer, summary);
  else
    print_summary (importer, summary);
  return SB_CLI_EXIT_OK;
}
