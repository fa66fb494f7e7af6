/* sb-cli-facility.c — facility add, list, edit
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
  char *name_km;
  char *kind;
  char *address;
  int   items_per_batch;
  char *rules;
} FacilityOptions;

#define FACILITY_ENTRIES(o)                                                            \
  { "code", 0, 0, G_OPTION_ARG_FILENAME, &(o).code,                                    \
    N_("Short code, used in batch codes (“PS”)"), N_("CODE") },                        \
  { "name", 0, 0, G_OPTION_ARG_FILENAME, &(o).name, N_("Name in English"), N_("NAME") }, \
  { "name-km", 0, 0, G_OPTION_ARG_FILENAME, &(o).name_km, N_("Name in Khmer"),         \
    N_("NAME") },                                                                      \
  { "kind", 0, 0, G_OPTION_ARG_FILENAME, &(o).kind,                                    \
    N_("prison, police or other"), N_("KIND") },                                       \
  { "address", 0, 0, G_OPTION_ARG_FILENAME, &(o).address, N_("Postal address"),        \
    N_("ADDRESS") },                                                                   \
  { "items-per-batch", 0, 0, G_OPTION_ARG_INT, &(o).items_per_batch,                   \
    N_("The most messages it accepts in one delivery"), N_("N") },                     \
  { "rules", 0, 0, G_OPTION_ARG_FILENAME, &(o).rules,                                  \
    N_("Notes on what it rejects"), N_("TEXT") }

static void
facility_options_clear (FacilityOptions *o)
{
  g_clear_pointer (&o->code, g_free);
  g_clear_pointer (&o->name, g_free);
  g_clear_pointer (&o->name_km, g_free);
  g_clear_pointer (&o->kind, g_free);
  g_clear_pointer (&o->address, g_free);
  g_clear_pointer (&o->rules, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FacilityOptions, facility_options_clear)

/* ================================================================ helpers */

static void
apply_options (const FacilityOptions *o,
               SbFacility            *facility)
{
  _sb_cli_set (&facility->code, o->code);
  _sb_cli_set (&facility->name_en, o->name);
  _sb_cli_set (&facility->name_km, o->name_km);
  _sb_cli_set (&facility->kind, o->kind);
  _sb_cli_set (&facility->address, o->address);
  _sb_cli_set (&facility->rules, o->rules);
  if (o->items_per_batch != G_MININT)
    facility->items_per_batch = o->items_per_batch;
}

static const char *
describe_kind (const char *kind)
{
  if (g_strcmp0 (kind, "prison") == 0)
    return C_("facility kind", "prison");
  if (g_strcmp0 (kind, "police") == 0)
    return C_("facility kind", "police");
  if (g_strcmp0 (kind, "other") == 0)
    return C_("facility kind", "other");
  return kind;
}

static void
add_facility_json (JsonBuilder      *builder,
                   const SbFacility *facility)
{
  json_builder_begin_object (builder);
  _sb_cli_json_string (builder, "id", facility->id);
  _sb_cli_json_string (builder, "code", facility->code);
  _sb_cli_json_string (builder, "name", facility->name_en);
  _sb_cli_json_string (builder, "name_km", facility->name_km);
  _sb_cli_json_string (builder, "kind", facility->kind);
  _sb_cli_json_string (builder, "address", facility->address);
  _sb_cli_json_int (builder, "items_per_batch", facility->items_per_batch);
  _sb_cli_json_string (builder, "rules", facility->rules);
  json_builder_end_object (builder);
}

static void
print_facility (SbCli            *cli,
                const SbFacility *facility)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (!cli->json)
    return;
  builder = json_builder_new ();
  add_facility_json (builder, facility);
  _sb_cli_print_json (builder);
}

/* =============================================================== commands */

int
_sb_cli_facility_add (SbCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_auto(FacilityOptions) o = { .items_per_batch = G_MININT };
  const GOptionEntry entries[] = { FACILITY_ENTRIES (o), G_OPTION_ENTRY_NULL };
  g_autoptr(SbFacility) facility = sb_facility_new ();
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Adds a prison or other place of detention."), entries,
                      &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status)
      || !_sb_cli_require (cli, o.code, "--code CODE", &status)
      || !_sb_cli_require (cli, o.name, "--name NAME", &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  apply_options (&o, facility);
  if (!sb_campaign_add_facility (campaign, facility, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    print_facility (cli, facility);
  else
    g_print (_("Added facility %s (%s)\n"), facility->code, facility->name_en);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_facility_edit (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_auto(FacilityOptions) o = { .items_per_batch = G_MININT };
  const GOptionEntry entries[] = { FACILITY_ENTRIES (o), G_OPTION_ENTRY_NULL };
  g_autoptr(SbFacility) facility = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("ID|CODE"), N_("Changes a facility: only the options given."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the facility (ID or CODE)"),
                                   &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  facility = sb_campaign_get_facility (campaign, argv[1], &error);
  if (facility == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  apply_options (&o, facility);
  if (!sb_campaign_update_facility (campaign, facility, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    print_facility (cli, facility);
  else
    g_print (_("Changed facility %s (%s)\n"), facility->code, facility->name_en);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_facility_list (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Lists the facilities."), NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  facilities = sb_campaign_list_facilities (campaign, &error);
  if (facilities == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < facilities->len; i++)
        add_facility_json (builder, g_ptr_array_index (facilities, i));
      json_builder_end_array (builder);
      _sb_cli_print_json (builder);
    }
  else if (facilities->len == 0)
    g_print ("%s\n", _("No facilities yet: add one with “sambot-cli facility add”."));
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (6, _("Code"), _("Name"), _("Khmer name"),
                                                       _("Kind"), _("Per batch"), _("Address"));

      for (guint i = 0; i < facilities->len; i++)
        {
          SbFacility *facility = g_ptr_array_index (facilities, i);
          g_autofree char *per_batch = g_strdup_printf ("%d", facility->items_per_batch);

          _sb_cli_table_add (table, facility->code, facility->name_en, facility->name_km,
                             describe_kind (facility->kind), per_batch, facility->address);
        }
      _sb_cli_table_print (table);
    }
  return SB_CLI_EXIT_OK;
}
