/* sb-cli-campaign.c — init, demo, stats, check, backup, restore, settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sb-backup.h"
#include "sb-cli-private.h"
#include "sb-demo.h"

static const char *const setting_keys[] = {
  SB_SETTING_NAME,
  SB_SETTING_HASHTAG,
  SB_SETTING_LAUNCH_DATE,
  SB_SETTING_OFFICE_CODE,
  SB_SETTING_AS_OF,
};

/* ================================================================ helpers */

/* init and demo take the new file as an argument, or from --campaign. */
static const char *
new_file_path (SbCli  *cli,
               int     argc,
               char  **argv)
{
  return argc > 1 ? argv[1] : _sb_cli_campaign_path (cli);
}

static void
remove_campaign_file (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static gboolean
is_setting (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
    if (g_str_equal (setting_keys[i], key))
      return TRUE;
  return FALSE;
}

static int
unknown_setting (SbCli      *cli,
                 const char *key)
{
  return _sb_cli_usage (cli, _("Unknown setting “%s”: the settings are %s, %s, %s, %s and %s"),
                        key, setting_keys[0], setting_keys[1], setting_keys[2], setting_keys[3],
                        setting_keys[4]);
}

static void
print_stats_json (const char    *name,
                  const char    *hashtag,
                  const SbStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  _sb_cli_json_string (builder, "campaign", name);
  _sb_cli_json_string (builder, "hashtag", hashtag);
  _sb_cli_json_string (builder, "as_of", stats->as_of);
  _sb_cli_json_string (builder, "launch_date", stats->launch_date);
  json_builder_set_member_name (builder, "campaign_day");
  if (stats->campaign_day >= 0)
    json_builder_add_int_value (builder, stats->campaign_day);
  else
    json_builder_add_null_value (builder);
  _sb_cli_json_int (builder, "messages_received", stats->messages_received);
  _sb_cli_json_int (builder, "messages_sent", stats->messages_sent);
  _sb_cli_json_int (builder, "messages_delivered", stats->messages_delivered);
  _sb_cli_json_int (builder, "messages_waiting", stats->messages_waiting);
  _sb_cli_json_int (builder, "messages_held", stats->messages_held);
  _sb_cli_json_int (builder, "messages_new", stats->messages_new);
  _sb_cli_json_int (builder, "messages_transcribed", stats->messages_transcribed);
  _sb_cli_json_int (builder, "messages_approved", stats->messages_approved);

  json_builder_set_member_name (builder, "copies");
  json_builder_begin_object (builder);
  _sb_cli_json_int (builder, "pending", stats->copies_pending);
  _sb_cli_json_int (builder, "waiting", stats->copies_waiting);
  _sb_cli_json_int (builder, "in_batch", stats->copies_in_batch);
  _sb_cli_json_int (builder, "delivered", stats->copies_delivered);
  _sb_cli_json_int (builder, "rejected", stats->copies_rejected);
  _sb_cli_json_int (builder, "returned", stats->copies_returned);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "detainees");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stats->detainees->len; i++)
    {
      const SbDetaineeStats *d = g_ptr_array_index (stats->detainees, i);

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "id", d->detainee_id);
      _sb_cli_json_string (builder, "name", d->name_en);
      _sb_cli_json_string (builder, "name_km", d->name_km);
      _sb_cli_json_string (builder, "detained_on", d->detained_on);
      _sb_cli_json_string (builder, "released_on", d->released_on);
      json_builder_set_member_name (builder, "days_detained");
      if (d->days_detained >= 0)
        json_builder_add_int_value (builder, d->days_detained);
      else
        json_builder_add_null_value (builder);
      _sb_cli_json_int (builder, "messages", d->messages);
      _sb_cli_json_int (builder, "delivered", d->delivered);
      _sb_cli_json_bool (builder, "released", d->released);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _sb_cli_print_json (builder);
}

static void
add_count (SbCliTable *table,
           const char *label,
           gint64      n)
{
  g_autofree char *text = _sb_cli_format_int (n);

  _sb_cli_table_add (table, label, text);
}

static void
print_stats (const char    *name,
             const SbStats *stats)
{
  g_autoptr(SbCliTable) messages = _sb_cli_table_new (2, NULL);
  g_autoptr(SbCliTable) copies = _sb_cli_table_new (2, NULL);
  g_autoptr(SbCliTable) detainees = NULL;

  g_print ("%s\n", name != NULL ? name : "");
  if (stats->campaign_day >= 0)
    g_print (_("As of %s, day %d of the campaign\n\n"), stats->as_of, stats->campaign_day);
  else
    g_print (_("As of %s\n\n"), stats->as_of);

  add_count (messages, _("Messages received:"), stats->messages_received);
  add_count (messages, _("Messages sent:"), stats->messages_sent);
  add_count (messages, _("Delivered:"), stats->messages_delivered);
  add_count (messages, _("Waiting:"), stats->messages_waiting);
  add_count (messages, _("Held:"), stats->messages_held);
  _sb_cli_table_print (messages);

  g_print ("\n%s\n", _("Copies (one per detainee and message):"));
  add_count (copies, _("  not yet approved:"), stats->copies_pending);
  add_count (copies, _("  waiting for a batch:"), stats->copies_waiting);
  add_count (copies, _("  in a batch:"), stats->copies_in_batch);
  add_count (copies, _("  delivered:"), stats->copies_delivered);
  add_count (copies, _("  rejected:"), stats->copies_rejected);
  add_count (copies, _("  returned:"), stats->copies_returned);
  _sb_cli_table_print (copies);

  if (stats->detainees->len == 0)
    return;

  g_print ("\n");
  detainees = _sb_cli_table_new (6, _("Detainee"), _("Khmer name"), _("Days detained"),
                                 _("Messages"), _("Delivered"), _("Released on"));
  for (guint i = 0; i < stats->detainees->len; i++)
    {
      const SbDetaineeStats *d = g_ptr_array_index (stats->detainees, i);
      g_autofree char *days = d->days_detained >= 0 ? g_strdup_printf ("%d", d->days_detained)
                                                    : g_strdup (_("unknown"));
      g_autofree char *received = _sb_cli_format_int (d->messages);
      g_autofree char *delivered = _sb_cli_format_int (d->delivered);

      _sb_cli_table_add (detainees, d->name_en, d->name_km, days, received, delivered,
                         d->released ? d->released_on : NULL);
    }
  _sb_cli_table_print (detainees);
}

/* =============================================================== commands */

int
_sb_cli_init (SbCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *office_code = NULL;
  g_autofree char *hashtag = NULL;
  g_autofree char *launch_date = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name, N_("Name of the campaign"), N_("NAME") },
    { "office-code", 0, 0, G_OPTION_ARG_FILENAME, &office_code,
      N_("Code of this office: the prefix of the references given here (“PP”)"), N_("CODE") },
    { "hashtag", 0, 0, G_OPTION_ARG_FILENAME, &hashtag, N_("The campaign's hashtag"),
      N_("TAG") },
    { "launch-date", 0, 0, G_OPTION_ARG_FILENAME, &launch_date,
      N_("Day the campaign started"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  int status;

  if (!_sb_cli_parse (cli, _("FILE"), N_("Creates a new campaign file."), entries,
                      &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 1, _("Missing FILE"), &status)
      || !_sb_cli_require (cli, name, "--name NAME", &status)
      || !_sb_cli_require (cli, office_code, "--office-code CODE", &status))
    return status;

  path = new_file_path (cli, argc, argv);
  if (path == NULL)
    return _sb_cli_usage (cli, _("Missing FILE, the campaign file to create"));

  campaign = sb_campaign_create (path, name, office_code, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  /* A new file with half its settings is worse than none: remove it. */
  if ((hashtag != NULL && !sb_campaign_set_setting (campaign, SB_SETTING_HASHTAG, hashtag, &error))
      || (launch_date != NULL
          && !sb_campaign_set_setting (campaign, SB_SETTING_LAUNCH_DATE, launch_date, &error)))
    {
      sb_campaign_close (campaign);
      remove_campaign_file (path);
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }

  if (cli->json)
    _sb_cli_print_json_strings ("name", name, "file", path, NULL);
  else
    g_print (_("Created campaign %s in %s\n"), name, path);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_demo (SbCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  const char *path;
  int status;

  if (!_sb_cli_parse (cli, _("FILE"),
                      N_("Creates the demo campaign: #Freethe5KH as of 10 October 2016, with the "
                         "five detainees, 469 messages sent and 195 delivered."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 1, _("Missing FILE"), &status))
    return status;

  path = new_file_path (cli, argc, argv);
  if (path == NULL)
    return _sb_cli_usage (cli, _("Missing FILE, the campaign file to create"));

  if (!sb_demo_create (path, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    _sb_cli_print_json_strings ("file", path, NULL);
  else
    g_print (_("Created the demo campaign in %s\n"), path);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_stats (SbCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *as_of = NULL;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_FILENAME, &as_of,
      N_("Count as of this day (default: the campaign's as-of day, or today)"),
      N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbStats) stats = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hashtag = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Shows the campaign's figures: messages sent and delivered, "
                                  "copies, and days detained."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if ((as_of == NULL && (as_of = sb_campaign_get_as_of (campaign, &error)) == NULL) ||
      (stats = sb_campaign_get_stats (campaign, as_of, &error)) == NULL ||
      (name = sb_campaign_get_setting (campaign, SB_SETTING_NAME, &error)) == NULL ||
      (hashtag = sb_campaign_get_setting (campaign, SB_SETTING_HASHTAG, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    print_stats_json (name, hashtag, stats);
  else
    print_stats (name, stats);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_backup (SbCli  *cli,
                int     argc,
                char  **argv)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace DEST if it exists (never a campaign that is open)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("DEST"),
                      N_("Copies the campaign file to DEST safely, even while it is in use: "
                         "DEST appears complete and checked, or not at all, readable by you "
                         "only. An existing DEST is left alone unless --force is given, and a "
                         "campaign open in Sambot or another program is never written over."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1,
                                   _("Missing DEST, the file to write"), &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL || !sb_campaign_backup (campaign, argv[1], force, &error))
    {
      if (g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS))
        {
          g_clear_error (&error);
          g_set_error (&error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                       _("%s already exists: choose another name, or add --force to replace "
                         "it. Nothing was written."), argv[1]);
        }
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "campaign", sb_campaign_get_path (campaign));
      _sb_cli_json_string (builder, "backup", argv[1]);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
      return SB_CLI_EXIT_OK;
    }
  g_print (_("Backed up %s to %s\n"), sb_campaign_get_path (campaign), argv[1]);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_restore (SbCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *replaced = NULL;
  const char *destination;
  int status;

  if (!_sb_cli_parse (cli, _("BACKUP [DEST]"),
                      N_("Puts the backup BACKUP in place of the campaign file DEST (default: "
                         "the campaign of --campaign). The backup is checked first; DEST must "
                         "not be open in Sambot or another program. The campaign it replaces "
                         "is kept beside it as DEST.before-restore-DATE, so nothing is lost."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 2,
                                   _("Missing BACKUP, the backup to restore"), &status))
    return status;

  destination = argc > 2 ? argv[2] : _sb_cli_campaign_path (cli);
  if (destination == NULL)
    return _sb_cli_usage (cli, _("Missing DEST, the campaign file to restore"));

  if (!sb_backup_restore (argv[1], destination, &replaced, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "backup", argv[1]);
      _sb_cli_json_string (builder, "restored_as", destination);
      _sb_cli_json_string (builder, "replaced_kept_as", replaced);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
      return SB_CLI_EXIT_OK;
    }
  g_print (_("Restored %s as %s\n"), argv[1], destination);
  if (replaced != NULL)
    g_print (_("The campaign it replaced is kept as %s\n"), replaced);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_settings (SbCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  gboolean setting;
  int status;

  if (!_sb_cli_parse (cli, _("[get KEY | set KEY VALUE]"),
                      N_("Shows or changes the campaign's settings: name, hashtag, launch-date, "
                         "office-code and as-of (\"\" for today)."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 3, _("Missing KEY"), &status))
    return status;

  if (argc > 1 && !g_str_equal (argv[1], "get") && !g_str_equal (argv[1], "set"))
    return _sb_cli_usage (cli, _("Unknown command “%s”: use get or set"), argv[1]);
  setting = argc > 1 && g_str_equal (argv[1], "set");
  if (argc > 1 && argc != (setting ? 4 : 3))
    return _sb_cli_usage (cli, setting ? _("Missing KEY VALUE") : _("Missing KEY"));
  if (argc > 2 && !is_setting (argv[2]))
    return unknown_setting (cli, argv[2]);

  campaign = _sb_cli_open (cli, !setting, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (setting)
    {
      if (!sb_campaign_set_setting (campaign, argv[2], argv[3], &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      g_print (_("%s is now “%s”\n"), argv[2], argv[3]);
    }
  else if (argc > 1)
    {
      g_autofree char *value = sb_campaign_get_setting (campaign, argv[2], &error);

      if (value == NULL)
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      g_print ("%s\n", value);
    }
  else if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
        {
          g_autofree char *value = sb_campaign_get_setting (campaign, setting_keys[i], &error);

          if (value == NULL)
            return _sb_cli_fail (cli, g_steal_pointer (&error));
          _sb_cli_json_string (builder, setting_keys[i], value);
        }
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (2, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (setting_keys); i++)
        {
          g_autofree char *value = sb_campaign_get_setting (campaign, setting_keys[i], &error);

          if (value == NULL)
            return _sb_cli_fail (cli, g_steal_pointer (&error));
          _sb_cli_table_add (table, setting_keys[i], value);
        }
      _sb_cli_table_print (table);
    }
  return SB_CLI_EXIT_OK;
}
