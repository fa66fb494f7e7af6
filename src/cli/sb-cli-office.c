/* sb-cli-office.c — office add, list, edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"

typedef struct
{
  char *code;
  char *name;
  char *city;
} OfficeOptions;

#define OFFICE_ENTRIES(o)                                                              \
  { "code", 0, 0, G_OPTION_ARG_FILENAME, &(o).code,                                    \
    N_("Prefix of the references it gives (“PP” for PP-0042)"), N_("CODE") },         \
  { "name", 0, 0, G_OPTION_ARG_FILENAME, &(o).name, N_("Name of the office"), N_("NAME") }, \
  { "city", 0, 0, G_OPTION_ARG_FILENAME, &(o).city, N_("City or province"), N_("CITY") }

static void
office_options_clear (OfficeOptions *o)
{
  g_clear_pointer (&o->code, g_free);
  g_clear_pointer (&o->name, g_free);
  g_clear_pointer (&o->city, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OfficeOptions, office_options_clear)

/* ================================================================ helpers */

static void
add_office_json (JsonBuilder    *builder,
                 const SbOffice *office)
{
  json_builder_begin_object (builder);
  _sb_cli_json_string (builder, "id", office->id);
  _sb_cli_json_string (builder, "code", office->code);
  _sb_cli_json_string (builder, "name", office->name);
  _sb_cli_json_string (builder, "city", office->city);
  json_builder_end_object (builder);
}

static void
print_office_json (const SbOffice *office)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_office_json (builder, office);
  _sb_cli_print_json (builder);
}

/* =============================================================== commands */

int
_sb_cli_office_add (SbCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_auto(OfficeOptions) o = { 0 };
  const GOptionEntry entries[] = { OFFICE_ENTRIES (o), G_OPTION_ENTRY_NULL };
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Adds a partner office, where postcards come in."), entries,
                      &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status)
      || !_sb_cli_require (cli, o.code, "--code CODE", &status)
      || !_sb_cli_require (cli, o.name, "--name NAME", &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  _sb_cli_set (&office->code, o.code);
  _sb_cli_set (&office->name, o.name);
  _sb_cli_set (&office->city, o.city);
  if (!sb_campaign_add_office (campaign, office, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    print_office_json (office);
  else
    g_print (_("Added office %s (%s)\n"), office->code, office->name);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_office_edit (SbCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_auto(OfficeOptions) o = { 0 };
  const GOptionEntry entries[] = { OFFICE_ENTRIES (o), G_OPTION_ENTRY_NULL };
  g_autoptr(SbOffice) office = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("ID|CODE"), N_("Changes a partner office: only the options given."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1,
                                   _("Missing the office (ID or CODE)"), &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  office = sb_campaign_get_office (campaign, argv[1], &error);
  if (office == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  _sb_cli_set (&office->code, o.code);
  _sb_cli_set (&office->name, o.name);
  _sb_cli_set (&office->city, o.city);
  if (!sb_campaign_update_office (campaign, office, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    print_office_json (office);
  else
    g_print (_("Changed office %s (%s)\n"), office->code, office->name);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_office_list (SbCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Lists the partner offices."), NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  offices = sb_campaign_list_offices (campaign, &error);
  if (offices == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < offices->len; i++)
        add_office_json (builder, g_ptr_array_index (offices, i));
      json_builder_end_array (builder);
      _sb_cli_print_json (builder);
    }
  else if (offices->len == 0)
    g_print ("%s\n", _("No partner offices yet: add one with “sambot-cli office add”."));
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (3, _("Code"), _("Name"), _("City"));

      for (guint i = 0; i < offices->len; i++)
        {
          SbOffice *office = g_ptr_array_index (offices, i);

          _sb_cli_table_add (table, office->code, office->name, office->city);
        }
      _sb_cli_table_print (table);
    }
  return SB_CLI_EXIT_OK;
}
