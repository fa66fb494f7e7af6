/* sb-cli-conflicts.c — sambot-cli conflicts: values that lost when two offices
 * changed the same thing, and taking the other one (docs/exchange.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-conflicts.h"

static const char *
shown (const char *value)
{
  /* TRANSLATORS: the value of a record another office deleted */
  return value != NULL ? value : _("(deleted)");
}

int
_sb_cli_conflicts_list (SbCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SbCliTable) table = NULL;
  int status;

  if (!_sb_cli_parse (cli, NULL,
                      N_("Lists the conflicts to review: where two offices changed the same "
                         "thing, the value kept and the other one."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;
  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL || (conflicts = sb_campaign_list_conflicts (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  table = _sb_cli_table_new (6, _("Id"), _("About"), _("Field"), _("Kept"), _("Other value"),
                             _("Why"));
  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    {
      SbConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->id);
      g_autofree char *kept_by = sb_campaign_describe_writer (campaign, conflict->kept_replica);
      g_autofree char *other_by = sb_campaign_describe_writer (campaign, conflict->other_replica);
      /* TRANSLATORS: a value, who wrote it and when: "Kim Dara (office 3f2a…, 2016-10-10T09:30:00Z)" */
      g_autofree char *kept = g_strdup_printf (_("%s (%s, %s)"), shown (conflict->kept), kept_by,
                                               conflict->kept_at);
      g_autofree char *other = g_strdup_printf (_("%s (%s, %s)"), shown (conflict->other), other_by,
                                                conflict->other_at);

      _sb_cli_table_add (table, id, conflict->about, sb_conflict_field_label (conflict->field),
                         kept, other, sb_conflict_rule_label (conflict->rule));
      json_builder_begin_object (builder);
      _sb_cli_json_int (builder, "id", conflict->id);
      _sb_cli_json_string (builder, "about", conflict->about);
      _sb_cli_json_string (builder, "record", conflict->row_id);
      _sb_cli_json_string (builder, "table", conflict->table);
      _sb_cli_json_string (builder, "field", conflict->field);
      _sb_cli_json_string (builder, "kept", conflict->kept);
      _sb_cli_json_string (builder, "kept_by", conflict->kept_replica);
      _sb_cli_json_string (builder, "kept_at", conflict->kept_at);
      _sb_cli_json_string (builder, "other", conflict->other);
      _sb_cli_json_string (builder, "other_by", conflict->other_replica);
      _sb_cli_json_string (builder, "other_at", conflict->other_at);
      _sb_cli_json_string (builder, "rule", conflict->rule);
      _sb_cli_json_string (builder, "noticed_at", conflict->noticed_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    _sb_cli_print_json (builder);
  else if (conflicts->len == 0)
    g_print (_("No conflicts to review.\n"));
  else
    _sb_cli_table_print (table);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_conflicts_resolve (SbCli  *cli,
                           int     argc,
                           char  **argv)
{
  g_autofree char *take = NULL;
  const GOptionEntry entries[] = {
    { "take", 't', 0, G_OPTION_ARG_STRING, &take,
      N_("“mine” keeps the value this campaign has, “theirs” takes the other one"),
      N_("mine|theirs") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  gboolean theirs;
  gint64 id;
  char *end = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("ID"),
                      N_("Ends a conflict: keeps this campaign's value, or takes the other "
                         "office's, which is then sent to every office like any change."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the conflict's id"), &status))
    return status;
  if (g_strcmp0 (take, "mine") != 0 && g_strcmp0 (take, "theirs") != 0)
    return _sb_cli_usage (cli, _("Say which value to keep: --take mine or --take theirs"));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0')
    return _sb_cli_usage (cli, _("“%s” is not a conflict's id; “conflicts list” shows them"), argv[1]);
  theirs = g_str_equal (take, "theirs");

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL || !sb_campaign_resolve_conflict (campaign, id, theirs, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_int (builder, "resolved", id);
      _sb_cli_json_string (builder, "took", take);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else if (theirs)
    g_print (_("Took the other value; it will reach every office with the next exchange.\n"));
  else
    g_print (_("Kept this campaign's value.\n"));
  return SB_CLI_EXIT_OK;
}
