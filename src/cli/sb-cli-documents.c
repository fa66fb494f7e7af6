/* sb-cli-documents.c — sambot-cli manifest, cards, verify-manifest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batches.h"
#include "sb-cli-batch.h"
#include "sb-render.h"

static int
print_document (SbCli    *cli,
                int       argc,
                char    **argv,
                gboolean  manifest)
{
  g_autofree char *output = NULL;
  gboolean a5 = FALSE;
  g_auto(GStrv) picked = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("FILE") },
    { "a5", 0, manifest ? G_OPTION_FLAG_HIDDEN : 0, G_OPTION_ARG_NONE, &a5,
      N_("A5 cards, two to an A4 sheet (default: A6, four to a sheet)"), NULL },
    { "pick", 0, manifest ? G_OPTION_FLAG_HIDDEN : 0, G_OPTION_ARG_STRING_ARRAY, &picked,
      N_("Print this message on a card too, though it did not come in online"), N_("REF") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(SbBatchListing) listing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  int status;

  if (!_sb_cli_parse (cli, _("BATCH"),
                      manifest ? N_("Writes the bilingual handover manifest of a sealed batch.")
                               : N_("Writes the message cards of a batch (its online messages)."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the batch"), &status)
      || !_sb_cli_require (cli, output, "--output", &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], TRUE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  listing = sb_campaign_get_batch_listing (campaign, batch->id, &error);
  if (listing == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (manifest)
    ok = sb_render_manifest (listing, output, NULL, NULL, NULL, &error);
  else
    ok = sb_render_cards (listing, a5 ? SB_CARDS_A5_TWO_PER_A4 : SB_CARDS_A6_FOUR_PER_A4,
                          (const char *const *) picked, output, NULL, NULL, NULL, &error);
  if (!ok)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_manifest (SbCli *cli, int argc, char **argv)
{
  return print_document (cli, argc, argv, TRUE);
}

int
_sb_cli_cards (SbCli *cli, int argc, char **argv)
{
  return print_document (cli, argc, argv, FALSE);
}

int
_sb_cli_verify_manifest (SbCli  *cli,
                         int     argc,
                         char  **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  gboolean matches = FALSE;
  int status;

  if (!_sb_cli_parse (cli, _("BATCH DIGEST"),
                      N_("Recomputes a sealed batch's digest from the campaign and says whether "
                         "the printed manifest matches it (exit status 1 if not)."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 2, 2,
                                   _("Missing the batch and the digest"), &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], TRUE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  if (!sb_campaign_verify_batch (campaign, batch->id, argv[2], &matches, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "batch", batch->code);
      _sb_cli_json_string (builder, "digest", argv[2]);
      _sb_cli_json_bool (builder, "matches", matches);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
      return matches ? SB_CLI_EXIT_OK : SB_CLI_EXIT_FAILED;
    }
  if (matches)
    {
      g_print (_("The manifest matches batch %s as the campaign holds it.\n"), batch->code);
      return SB_CLI_EXIT_OK;
    }
  g_print (_("The manifest does NOT match batch %s: the batch changed after it was printed, "
             "or the digest belongs to another batch.\n"), batch->code);
  return SB_CLI_EXIT_FAILED;
}
