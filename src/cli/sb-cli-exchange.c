/* sb-cli-exchange.c — exchange invite, send, receive, status, folder, retire; join
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offices exchanging changes (docs/exchange.md). The passphrase of an invitation
 * comes from a file (or "-" for standard input), never from the command line,
 * where other users could read it.
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-exchange.h"

/* ================================================================ helpers */

static char *
read_passphrase (const char  *path,
                 GError     **error)
{
  g_autofree char *text = _sb_cli_read_text_file (path, error);
  char *end;

  if (text == NULL)
    return NULL;
  /* The first line, without its line break. */
  end = strpbrk (text, "\r\n");
  if (end != NULL)
    *end = '\0';
  return g_steal_pointer (&text);
}

/* A campaign named after the command (sambot-cli exchange send CAMPAIGN), as
 * --campaign would. */
static gboolean
take_campaign_argument (SbCli  *cli,
                        int     argc,
                        char  **argv,
                        int    *status)
{
  if (!_sb_cli_check_arguments (cli, argc, argv, 0, 1, NULL, status))
    return FALSE;
  if (argc == 2)
    {
      g_free (cli->command.campaign_path);
      cli->command.campaign_path = g_strdup (argv[1]);
    }
  return TRUE;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    /* TRANSLATORS: in the exchange status, for a time that has not come yet */
    return g_strdup (_("never"));
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
format_iso (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static int
print_report (SbCli             *cli,
              const char        *folder,
              SbExchangeReport  *report)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "folder", folder);
      _sb_cli_json_int (builder, "changes_sent", report->changes_sent);
      _sb_cli_json_int (builder, "bundles_removed", report->bundles_removed);
      _sb_cli_json_int (builder, "changes_received", report->changes_received);
      _sb_cli_json_int (builder, "bundles_refused", report->bundles_refused);
      _sb_cli_json_string (builder, "held_back", report->held_back);
      _sb_cli_json_string (builder, "refused", report->refused);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    {
      if (report->changes_sent > 0)
        g_print (ngettext ("Sent %u change.\n", "Sent %u changes.\n", report->changes_sent),
                 report->changes_sent);
      if (report->changes_received > 0)
        g_print (ngettext ("Received %u change.\n", "Received %u changes.\n",
                           report->changes_received), report->changes_received);
      if (report->changes_sent == 0 && report->changes_received == 0)
        g_print ("%s\n", _("Nothing new."));
      if (report->bundles_removed > 0)
        g_print (ngettext ("Removed %u old exchange file of this office that every office has.\n",
                           "Removed %u old exchange files of this office that every office has.\n",
                           report->bundles_removed), report->bundles_removed);
      if (report->held_back != NULL)
        g_print ("%s\n", report->held_back);
      if (report->bundles_refused > 0)
        {
          g_printerr (ngettext ("sambot-cli: %u exchange file was refused and left in the folder:\n",
                                "sambot-cli: %u exchange files were refused and left in the folder:\n",
                                report->bundles_refused), report->bundles_refused);
          g_printerr ("%s\n", report->refused);
        }
    }
  return SB_CLI_EXIT_OK;
}

/* send and receive: one half of the exchange each. */
static int
exchange_half (SbCli       *cli,
               int          argc,
               char       **argv,
               gboolean     send,
               const char  *summary)
{
  g_autofree char *folder = NULL;
  const GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder,
      N_("The exchange folder (default: the one set for the campaign)"), N_("FOLDER") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *used = NULL;
  SbExchangeReport report = { 0 };
  gboolean ok;
  int status;

  if (!_sb_cli_parse (cli, _("[CAMPAIGN]"), summary, entries, &argc, &argv, &status) ||
      !take_campaign_argument (cli, argc, argv, &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  ok = send ? sb_campaign_send_changes (campaign, folder, &report, &error)
            : sb_campaign_receive_changes (campaign, folder, &report, NULL, &error);
  if (!ok)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  used = folder != NULL ? g_strdup (folder) : sb_campaign_get_exchange_folder (campaign);
  status = print_report (cli, used, &report);
  sb_exchange_report_clear (&report);
  return status;
}

/* =============================================================== commands */

int
_sb_cli_exchange_send (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  return exchange_half (cli, argc, argv, TRUE,
                        N_("Writes this office's new changes to the exchange folder, as one "
                           "file. Nothing is written when there is nothing new."));
}

int
_sb_cli_exchange_receive (SbCli  *cli,
                          int     argc,
                          char  **argv)
{
  return exchange_half (cli, argc, argv, FALSE,
                        N_("Applies the other offices' changes found in the exchange folder, "
                           "each once and in order. Files of another campaign, or changed, "
                           "are refused and left there."));
}

int
_sb_cli_exchange_invite (SbCli  *cli,
                         int     argc,
                         char  **argv)
{
  g_autofree char *office = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_FILENAME, &office,
      N_("The office invited: a partner office's code, or this office's own for one more laptop"),
      N_("CODE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("A file whose first line is the passphrase (“-” for standard input); give the "
         "passphrase to the office by another way than the invitation"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The invitation file to write"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("[CAMPAIGN]"),
                      N_("Writes an invitation for an office (or one more laptop) to join the "
                         "campaign. The first invitation makes this campaign file office "
                         "replica “A”: its new references read PP-A-0043."),
                      entries, &argc, &argv, &status) ||
      !take_campaign_argument (cli, argc, argv, &status) ||
      !_sb_cli_require (cli, office, "--office CODE", &status) ||
      !_sb_cli_require (cli, passphrase_file, "--passphrase-file FILE", &status) ||
      !_sb_cli_require (cli, output, "--output FILE", &status))
    return status;

  passphrase = read_passphrase (passphrase_file, &error);
  if (passphrase == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL ||
      !sb_campaign_invite_office (campaign, office, passphrase, output, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    _sb_cli_print_json_strings ("office", office, "invitation", output, NULL);
  else
    g_print (_("Wrote the invitation for office %s to “%s”. Give the passphrase to the "
               "office by another way (a call, a message) than the invitation.\n"),
             office, output);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_join (SbCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("A file whose first line is the passphrase (“-” for standard input)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("INVITATION CAMPAIGN"),
                      N_("Creates this office's campaign file from an invitation."),
                      entries, &argc, &argv, &status) ||
      !_sb_cli_check_arguments (cli, argc, argv, 2, 2,
                                _("Missing the invitation and the campaign file to create"),
                                &status) ||
      !_sb_cli_require (cli, passphrase_file, "--passphrase-file FILE", &status))
    return status;

  passphrase = read_passphrase (passphrase_file, &error);
  if (passphrase == NULL || !sb_campaign_join (argv[1], passphrase, argv[2], &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    _sb_cli_print_json_strings ("campaign", argv[2], NULL);
  else
    g_print (_("Created “%s”: this office's campaign file. Choose its exchange folder with "
               "“sambot-cli exchange folder DIR”, then exchange with “sambot-cli exchange "
               "send” and “receive”.\n"), argv[2]);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_exchange_folder (SbCli  *cli,
                         int     argc,
                         char  **argv)
{
  gboolean clear = FALSE;
  const GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Exchange through no folder"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *absolute = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("[FOLDER]"),
                      N_("Shows or sets the folder this office exchanges through: one that "
                         "Syncthing (or a USB stick, or a shared drive) keeps the same on "
                         "every office's computer."),
                      entries, &argc, &argv, &status) ||
      !_sb_cli_check_arguments (cli, argc, argv, 0, 1, NULL, &status))
    return status;

  campaign = _sb_cli_open (cli, argc == 1 && !clear, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (argc == 2 || clear)
    {
      absolute = argc == 2 ? g_canonicalize_filename (argv[1], NULL) : NULL;
      if (!sb_campaign_set_exchange_folder (campaign, absolute, &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
    }
  folder = sb_campaign_get_exchange_folder (campaign);
  if (cli->json)
    _sb_cli_print_json_strings ("folder", folder, NULL);
  else
    g_print ("%s\n", folder != NULL ? folder : _("No exchange folder is set."));
  return SB_CLI_EXIT_OK;
}

/* "KC-B", as the exchange status names it, or a replica's id. */
static SbReplica *
find_replica (GPtrArray  *replicas,
              const char *name)
{
  for (guint i = 0; i < replicas->len; i++)
    {
      SbReplica *replica = replicas->pdata[i];
      g_autofree char *code = g_strdup_printf ("%s-%s", replica->office_code, replica->letter);

      if (g_ascii_strcasecmp (code, name) == 0 || g_strcmp0 (replica->id, name) == 0)
        return replica;
    }
  return NULL;
}

int
_sb_cli_exchange_retire (SbCli  *cli,
                         int     argc,
                         char  **argv)
{
  gboolean undo = FALSE;
  const GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Wait for it again"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) replicas = NULL;
  g_autoptr(GError) error = NULL;
  SbReplica *replica;
  int status;

  if (!_sb_cli_parse (cli, _("REPLICA"),
                      N_("This office stops waiting for another computer of the campaign (a "
                         "laptop lost, or one invited afresh) before it removes its old "
                         "exchange files, which every other office has. REPLICA is as "
                         "“exchange status” names it: KC-B. If that computer exchanges "
                         "again, it may need a new invitation."),
                      entries, &argc, &argv, &status) ||
      !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Which replica? (as “exchange status” "
                                                         "names it: KC-B)"), &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL || (replicas = sb_campaign_list_replicas (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  replica = find_replica (replicas, argv[1]);
  if (replica == NULL)
    {
      g_set_error (&error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("This campaign has no replica %s. “sambot-cli exchange status” lists them."),
                   argv[1]);
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }
  if (!sb_campaign_retire_replica (campaign, replica->id, !undo, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (!cli->json)
    g_print (undo ? _("This office waits for %s-%s again.\n")
                  : _("This office no longer waits for %s-%s: its old exchange files leave the "
                      "folder once the other offices have them.\n"),
             replica->office_code, replica->letter);
  return SB_CLI_EXIT_OK;
}

static void
add_replica_json (JsonBuilder     *builder,
                  const SbReplica *replica)
{
  g_autofree char *joined = format_iso (replica->joined);
  g_autofree char *last_sent = format_iso (replica->last_sent);
  g_autofree char *last_received = format_iso (replica->last_received);

  json_builder_begin_object (builder);
  _sb_cli_json_string (builder, "id", replica->id);
  _sb_cli_json_string (builder, "office", replica->office_code);
  _sb_cli_json_string (builder, "office_name", replica->office_name);
  _sb_cli_json_string (builder, "letter", replica->letter);
  _sb_cli_json_bool (builder, "self", replica->is_self);
  _sb_cli_json_string (builder, "joined", joined);
  if (replica->is_self)
    _sb_cli_json_string (builder, "last_sent", last_sent);
  else
    _sb_cli_json_string (builder, "last_received", last_received);
  _sb_cli_json_int (builder, "changes_waiting", replica->changes_waiting);
  _sb_cli_json_string (builder, "waiting_for", replica->waiting_for);
  json_builder_set_member_name (builder, "retired");
  json_builder_add_boolean_value (builder, replica->retired);
  json_builder_end_object (builder);
}

int
_sb_cli_exchange_status (SbCli  *cli,
                         int     argc,
                         char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) replicas = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("[CAMPAIGN]"),
                      N_("Lists the offices' replicas of the campaign: when this one last sent, "
                         "when each other one was last received, and how many changes wait."),
                      NULL, &argc, &argv, &status) ||
      !take_campaign_argument (cli, argc, argv, &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL || (replicas = sb_campaign_list_replicas (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  folder = sb_campaign_get_exchange_folder (campaign);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "folder", folder);
      json_builder_set_member_name (builder, "replicas");
      json_builder_begin_array (builder);
      for (guint i = 0; i < replicas->len; i++)
        add_replica_json (builder, replicas->pdata[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else if (replicas->len == 0)
    g_print ("%s\n", _("This campaign does not exchange with other offices yet: invite one "
                       "with “sambot-cli exchange invite”."));
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (5, _("Replica"), _("Office"),
                                                       _("Last sent"), _("Last received"),
                                                       _("Changes waiting"));

      for (guint i = 0; i < replicas->len; i++)
        {
          SbReplica *replica = replicas->pdata[i];
          g_autofree char *name = NULL;
          g_autofree char *sent = replica->is_self ? format_time (replica->last_sent) : g_strdup ("");
          g_autofree char *received = replica->is_self ? g_strdup ("")
                                                       : format_time (replica->last_received);
          g_autofree char *waiting = _sb_cli_format_int (replica->changes_waiting);

          /* TRANSLATORS: this campaign file's own replica in the exchange status */
          name = replica->is_self ? g_strdup_printf (_("%s-%s (this one)"), replica->office_code,
                                                     replica->letter)
                                  : replica->retired
                                  /* TRANSLATORS: a replica this office no longer waits for */
                                  ? g_strdup_printf (_("%s-%s (retired)"), replica->office_code,
                                                     replica->letter)
                                  : g_strdup_printf ("%s-%s", replica->office_code, replica->letter);
          if (replica->waiting_for != NULL)
            {
              g_autofree char *more = waiting;

              /* TRANSLATORS: changes held back, and what they wait for ("changes 8 to 11") */
              waiting = g_strdup_printf (_("%s (waiting for %s)"), more, replica->waiting_for);
            }
          _sb_cli_table_add (table, name, replica->office_name, sent, received, waiting);
        }
      _sb_cli_table_print (table);
      g_print ("\n%s %s\n", _("Exchange folder:"), folder != NULL ? folder : _("none"));
    }
  return SB_CLI_EXIT_OK;
}
