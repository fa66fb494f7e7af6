/* sb-cli-milestone.c — sambot-cli milestone: days on the campaign's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-breakdown.h"
#include "sb-cli-private.h"

int
_sb_cli_milestone_add (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autofree char *day = NULL;
  g_autofree char *label = NULL;
  g_autofree char *label_km = NULL;
  const GOptionEntry entries[] = {
    { "day", 'd', 0, G_OPTION_ARG_STRING, &day, N_("The day, as YYYY-MM-DD"), N_("DATE") },
    { "label", 'l', 0, G_OPTION_ARG_STRING, &label, N_("What happened, in English"), N_("TEXT") },
    { "label-km", 0, 0, G_OPTION_ARG_STRING, &label_km, N_("What happened, in Khmer"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  SbMilestone milestone = { 0 };
  gboolean added;
  int status;

  if (!_sb_cli_parse (cli, NULL,
                      N_("Adds a day to the campaign's timeline, such as a trial date, shown on "
                         "the timeline infographic."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;
  if (day == NULL || label == NULL)
    return _sb_cli_usage (cli, _("Missing --day or --label"));

  campaign = _sb_cli_open (cli, FALSE, &error);
  milestone.day = day;
  milestone.label_en = label;
  milestone.label_km = label_km ? label_km : (char *) "";
  added = campaign != NULL && sb_campaign_add_milestone (campaign, &milestone, &error);
  if (!added)
    {
      g_free (milestone.id);
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "id", milestone.id);
      _sb_cli_json_string (builder, "day", day);
      _sb_cli_json_string (builder, "label", label);
      _sb_cli_json_string (builder, "label_km", milestone.label_km);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    g_print (_("Added milestone %s on %s\n"), label, day);
  g_free (milestone.id);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_milestone_list (SbCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) milestones = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SbCliTable) table = NULL;
  int status;

  if (!_sb_cli_parse (cli, NULL, N_("Lists the days on the campaign's timeline."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;
  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL || (milestones = sb_campaign_list_milestones (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  table = _sb_cli_table_new (4, _("Day"), _("Milestone"), _("Khmer"), _("Id"));
  json_builder_begin_array (builder);
  for (guint i = 0; i < milestones->len; i++)
    {
      SbMilestone *milestone = g_ptr_array_index (milestones, i);

      _sb_cli_table_add (table, milestone->day, milestone->label_en, milestone->label_km,
                         milestone->id);
      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "id", milestone->id);
      _sb_cli_json_string (builder, "day", milestone->day);
      _sb_cli_json_string (builder, "label", milestone->label_en);
      _sb_cli_json_string (builder, "label_km", milestone->label_km);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    _sb_cli_print_json (builder);
  else
    _sb_cli_table_print (table);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_milestone_remove (SbCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("ID"), N_("Removes a day from the campaign's timeline."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the milestone's id"), &status))
    return status;
  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL || !sb_campaign_remove_milestone (campaign, argv[1], &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "removed", argv[1]);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    g_print (_("Removed the milestone\n"));
  return SB_CLI_EXIT_OK;
}
