/* sb-cli-detainee.c — detainee add, list, show, edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"

typedef struct
{
  char *name;
  char *name_km;
  char *role;
  char *facility;
  char *detained_on;
  char *released_on;
  int   position;
} DetaineeOptions;

#define DETAINEE_ENTRIES(o)                                                            \
  { "name", 0, 0, G_OPTION_ARG_FILENAME, &(o).name, N_("Name in English"), N_("NAME") }, \
  { "name-km", 0, 0, G_OPTION_ARG_FILENAME, &(o).name_km, N_("Name in Khmer"),         \
    N_("NAME") },                                                                      \
  { "role", 0, 0, G_OPTION_ARG_FILENAME, &(o).role, N_("Role or organisation"),        \
    N_("TEXT") },                                                                      \
  { "facility", 0, 0, G_OPTION_ARG_FILENAME, &(o).facility,                            \
    N_("Where they are held (a facility's code; \"\" for none)"), N_("CODE") },        \
  { "detained-on", 0, 0, G_OPTION_ARG_FILENAME, &(o).detained_on,                      \
    N_("Day of arrest (\"\" for unknown)"), N_("YYYY-MM-DD") },                        \
  { "released-on", 0, 0, G_OPTION_ARG_FILENAME, &(o).released_on,                     \
    N_("Day of release (\"\" for still held)"), N_("YYYY-MM-DD") },                    \
  { "position", 0, 0, G_OPTION_ARG_INT, &(o).position,                                 \
    N_("Place in lists (1 comes first)"), N_("N") }

static void
detainee_options_clear (DetaineeOptions *o)
{
  g_clear_pointer (&o->name, g_free);
  g_clear_pointer (&o->name_km, g_free);
  g_clear_pointer (&o->role, g_free);
  g_clear_pointer (&o->facility, g_free);
  g_clear_pointer (&o->detained_on, g_free);
  g_clear_pointer (&o->released_on, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DetaineeOptions, detainee_options_clear)

/* ================================================================ helpers */

static gboolean
apply_options (SbCampaign             *campaign,
               const DetaineeOptions  *o,
               SbDetainee             *detainee,
               GError                **error)
{
  _sb_cli_set (&detainee->name_en, o->name);
  _sb_cli_set (&detainee->name_km, o->name_km);
  _sb_cli_set (&detainee->role, o->role);
  _sb_cli_set_optional (&detainee->detained_on, o->detained_on);
  _sb_cli_set_optional (&detainee->released_on, o->released_on);
  if (o->position != G_MININT)
    detainee->position = o->position;

  if (o->facility != NULL && o->facility[0] != '\0')
    {
      g_autoptr(SbFacility) facility = sb_campaign_get_facility (campaign, o->facility, error);

      if (facility == NULL)
        return FALSE;
      _sb_cli_set_optional (&detainee->facility_id, facility->id);
    }
  else
    _sb_cli_set_optional (&detainee->facility_id, o->facility);

  return TRUE;
}

static void
add_detainee_members (JsonBuilder      *builder,
                      const SbDetainee *detainee,
                      GHashTable       *facility_codes,
                      const char       *as_of)
{
  int days = sb_days_detained (detainee->detained_on, detainee->released_on, as_of);

  _sb_cli_json_string (builder, "id", detainee->id);
  _sb_cli_json_string (builder, "name", detainee->name_en);
  _sb_cli_json_string (builder, "name_km", detainee->name_km);
  _sb_cli_json_string (builder, "role", detainee->role);
  _sb_cli_json_string (builder, "facility", _sb_cli_lookup (facility_codes, detainee->facility_id));
  _sb_cli_json_string (builder, "facility_id", detainee->facility_id);
  _sb_cli_json_string (builder, "detained_on", detainee->detained_on);
  _sb_cli_json_string (builder, "released_on", detainee->released_on);
  json_builder_set_member_name (builder, "days_detained");
  if (days >= 0)
    json_builder_add_int_value (builder, days);
  else
    json_builder_add_null_value (builder);
  _sb_cli_json_int (builder, "position", detainee->position);
}

static void
add_detainee_json (JsonBuilder      *builder,
                   const SbDetainee *detainee,
                   GHashTable       *facility_codes,
                   const char       *as_of)
{
  json_builder_begin_object (builder);
  add_detainee_members (builder, detainee, facility_codes, as_of);
  json_builder_end_object (builder);
}

static char *
describe_days (int days)
{
  if (days < 0)
    return g_strdup (_("unknown"));
  return g_strdup_printf ("%d", days);
}

/* The figures of one detainee, from the campaign's statistics. */
static const SbDetaineeStats *
find_stats (const SbStats *stats,
            const char    *detainee_id)
{
  for (guint i = 0; i < stats->detainees->len; i++)
    {
      const SbDetaineeStats *entry = g_ptr_array_index (stats->detainees, i);

      if (g_strcmp0 (entry->detainee_id, detainee_id) == 0)
        return entry;
    }
  return NULL;
}

static int
save (SbCli    *cli,
      int       argc,
      char    **argv,
      gboolean  adding)
{
  g_auto(DetaineeOptions) o = { .position = G_MININT };
  const GOptionEntry entries[] = { DETAINEE_ENTRIES (o), G_OPTION_ENTRY_NULL };
  g_autoptr(SbDetainee) detainee = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GHashTable) facility_codes = NULL;
  g_autofree char *as_of = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (adding)
    {
      if (!_sb_cli_parse (cli, "", N_("Adds a detainee."), entries, &argc, &argv, &status)
          || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status)
          || !_sb_cli_require (cli, o.name, "--name NAME", &status))
        return status;
    }
  else if (!_sb_cli_parse (cli, _("ID|NAME"), N_("Changes a detainee: only the options given."),
                           entries, &argc, &argv, &status)
           || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the detainee (ID or NAME)"),
                                        &status))
    return status;

  /* What the JSON needs is read before the change: a failed read afterwards would
   * say "failed" of a change that was made. */
  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL ||
      (cli->json && ((as_of = sb_campaign_get_as_of (campaign, &error)) == NULL ||
                     (facility_codes = _sb_cli_facility_codes (campaign, &error)) == NULL)))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  detainee = adding ? sb_detainee_new () : sb_campaign_get_detainee (campaign, argv[1], &error);
  if (detainee == NULL
      || !apply_options (campaign, &o, detainee, &error)
      || !(adding ? sb_campaign_add_detainee (campaign, detainee, &error)
                  : sb_campaign_update_detainee (campaign, detainee, &error)))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_detainee_json (builder, detainee, facility_codes, as_of);
      _sb_cli_print_json (builder);
    }
  else if (adding)
    g_print (_("Added detainee %s\n"), detainee->name_en);
  else
    g_print (_("Changed detainee %s\n"), detainee->name_en);
  return SB_CLI_EXIT_OK;
}

/* =============================================================== commands */

int
_sb_cli_detainee_add (SbCli  *cli,
                      int     argc,
                      char  **argv)
{
  return save (cli, argc, argv, TRUE);
}

int
_sb_cli_detainee_edit (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  return save (cli, argc, argv, FALSE);
}

int
_sb_cli_detainee_list (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GHashTable) facility_codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of = NULL;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Lists the detainees."), NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (detainees = sb_campaign_list_detainees (campaign, &error)) == NULL
      || (facility_codes = _sb_cli_facility_codes (campaign, &error)) == NULL
      || (as_of = sb_campaign_get_as_of (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < detainees->len; i++)
        add_detainee_json (builder, g_ptr_array_index (detainees, i), facility_codes, as_of);
      json_builder_end_array (builder);
      _sb_cli_print_json (builder);
    }
  else if (detainees->len == 0)
    g_print ("%s\n", _("No detainees yet: add one with “sambot-cli detainee add”."));
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (7, _("Name"), _("Khmer name"),
                                                       _("Facility"), _("Detained on"),
                                                       _("Days"), _("Released on"), _("Role"));

      for (guint i = 0; i < detainees->len; i++)
        {
          SbDetainee *detainee = g_ptr_array_index (detainees, i);
          g_autofree char *days = describe_days (sb_days_detained (detainee->detained_on,
                                                                   detainee->released_on,
                                                                   as_of));

          _sb_cli_table_add (table, detainee->name_en, detainee->name_km,
                             _sb_cli_lookup (facility_codes, detainee->facility_id),
                             detainee->detained_on, days, detainee->released_on, detainee->role);
        }
      _sb_cli_table_print (table);
      g_print (_("Days detained as of %s.\n"), as_of);
    }
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_detainee_show (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbDetainee) detainee = NULL;
  g_autoptr(SbFacility) facility = NULL;
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(GHashTable) facility_codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of = NULL;
  const SbDetaineeStats *figures;
  int status;

  if (!_sb_cli_parse (cli, _("ID|NAME"), N_("Shows a detainee, found by id, English or Khmer "
                                           "name, with their figures."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1,
                                   _("Missing the detainee (ID or NAME)"), &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (detainee = sb_campaign_get_detainee (campaign, argv[1], &error)) == NULL
      || (facility_codes = _sb_cli_facility_codes (campaign, &error)) == NULL
      || (as_of = sb_campaign_get_as_of (campaign, &error)) == NULL
      || (stats = sb_campaign_get_stats (campaign, as_of, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  figures = find_stats (stats, detainee->id);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_detainee_members (builder, detainee, facility_codes, as_of);
      _sb_cli_json_string (builder, "as_of", as_of);
      _sb_cli_json_int (builder, "messages", figures != NULL ? figures->messages : 0);
      _sb_cli_json_int (builder, "delivered", figures != NULL ? figures->delivered : 0);
      _sb_cli_json_bool (builder, "released", figures != NULL && figures->released);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (2, NULL);
      g_autofree char *days = describe_days (sb_days_detained (detainee->detained_on,
                                                               detainee->released_on, as_of));
      g_autofree char *messages = _sb_cli_format_int (figures != NULL ? figures->messages : 0);
      g_autofree char *delivered = _sb_cli_format_int (figures != NULL ? figures->delivered : 0);
      const char *facility_id = detainee->facility_id;

      if (facility_id != NULL &&
          (facility = sb_campaign_get_facility (campaign, facility_id, &error)) == NULL)
        return _sb_cli_fail (cli, g_steal_pointer (&error));

      _sb_cli_table_add_field (table, _("Name:"), detainee->name_en);
      _sb_cli_table_add_field (table, _("Khmer name:"), detainee->name_km);
      _sb_cli_table_add_field (table, _("Role:"), detainee->role);
      _sb_cli_table_add_field (table, _("Facility:"),
                               facility != NULL ? facility->name_en : NULL);
      _sb_cli_table_add_field (table, _("Detained on:"), detainee->detained_on);
      _sb_cli_table_add_field (table, _("Released on:"), detainee->released_on);
      _sb_cli_table_add_field (table, _("Days detained:"), days);
      _sb_cli_table_add_field (table, _("Messages sent:"), messages);
      _sb_cli_table_add_field (table, _("Delivered:"), delivered);
      _sb_cli_table_add_field (table, _("As of:"), as_of);
      _sb_cli_table_add_field (table, _("Id:"), detainee->id);
      _sb_cli_table_print (table);
    }
  return SB_CLI_EXIT_OK;
}
