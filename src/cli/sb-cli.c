/* sb-cli.c — sambot-cli: global options, commands, errors and exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>
#include <string.h>

#include "sb-cli-private.h"
#include "sb-cli-batch.h"

typedef struct
{
  const char       *group;    /* "message", or NULL for a command of its own */
  const char       *name;
  SbCliCommandFunc  func;
  const char       *summary;
} SbCliCommand;

int _sb_cli_infographic (SbCli *cli, int argc, char **argv);  /* sb-cli-infographic.c */

int _sb_cli_import (SbCli *cli, int argc, char **argv);  /* sb-cli-import.c */
int _sb_cli_export (SbCli *cli, int argc, char **argv);  /* sb-cli-export.c */

int _sb_cli_scan_add (SbCli *cli, int argc, char **argv);     /* sb-cli-scan.c */
int _sb_cli_scan_list (SbCli *cli, int argc, char **argv);
int _sb_cli_scan_export (SbCli *cli, int argc, char **argv);
int _sb_cli_scan_remove (SbCli *cli, int argc, char **argv);

int _sb_cli_exchange_invite (SbCli *cli, int argc, char **argv);  /* sb-cli-exchange.c */
int _sb_cli_exchange_send (SbCli *cli, int argc, char **argv);
int _sb_cli_exchange_receive (SbCli *cli, int argc, char **argv);
int _sb_cli_exchange_status (SbCli *cli, int argc, char **argv);
int _sb_cli_exchange_folder (SbCli *cli, int argc, char **argv);
int _sb_cli_exchange_retire (SbCli *cli, int argc, char **argv);
int _sb_cli_join (SbCli *cli, int argc, char **argv);

int _sb_cli_milestone_add (SbCli *cli, int argc, char **argv);     /* sb-cli-milestone.c */
int _sb_cli_milestone_list (SbCli *cli, int argc, char **argv);
int _sb_cli_milestone_remove (SbCli *cli, int argc, char **argv);

int _sb_cli_conflicts_list (SbCli *cli, int argc, char **argv);     /* sb-cli-conflicts.c */
int _sb_cli_conflicts_resolve (SbCli *cli, int argc, char **argv);

static const SbCliCommand commands[] = {
  { NULL, "init", _sb_cli_init, N_("Create a campaign file") },
  { NULL, "demo", _sb_cli_demo,
    N_("Create the demo campaign (#Freethe5KH, as of 10 October 2016)") },
  { "facility", "add", _sb_cli_facility_add, N_("Add a prison or other place of detention") },
  { "facility", "list", _sb_cli_facility_list, N_("List the facilities") },
  { "facility", "edit", _sb_cli_facility_edit, N_("Change a facility") },
  { "detainee", "add", _sb_cli_detainee_add, N_("Add a detainee") },
  { "detainee", "list", _sb_cli_detainee_list, N_("List the detainees") },
  { "detainee", "show", _sb_cli_detainee_show, N_("Show one detainee and their figures") },
  { "detainee", "edit", _sb_cli_detainee_edit, N_("Change a detainee") },
  { "office", "add", _sb_cli_office_add, N_("Add a partner office") },
  { "office", "list", _sb_cli_office_list, N_("List the partner offices") },
  { "office", "edit", _sb_cli_office_edit, N_("Change a partner office") },
  { "message", "add", _sb_cli_message_add, N_("Add a message that came in") },
  { "message", "list", _sb_cli_message_list, N_("List the messages") },
  { "message", "show", _sb_cli_message_show, N_("Show one message, its copies and translations") },
  { "message", "edit", _sb_cli_message_edit, N_("Change a message") },
  { "message", "search", _sb_cli_message_search, N_("Find messages by what they say") },
  { "message", "transcribed", _sb_cli_message_transcribed,
    N_("Mark a message as fully typed, ready for review") },
  { "scan", "add", _sb_cli_scan_add, N_("Keep a picture of a postcard with its message") },
  { "scan", "list", _sb_cli_scan_list, N_("List the pictures of a message's card") },
  { "scan", "export", _sb_cli_scan_export, N_("Write the pictures of a message's card to a folder") },
  { "scan", "remove", _sb_cli_scan_remove, N_("Remove the picture of one side of a card") },
  { "message", "forget-sender", _sb_cli_message_forget_sender,
    N_("Erase a sender’s personal data") },
  { NULL, "assign", _sb_cli_assign, N_("Choose who a message is for (one copy each)") },
  { NULL, "approve", _sb_cli_approve, N_("Approve a message for delivery") },
  { NULL, "hold", _sb_cli_hold, N_("Hold a message back, with a reason") },
  { NULL, "history", _sb_cli_history, N_("Show the changes made to a record") },
  { NULL, "stats", _sb_cli_stats, N_("Show the campaign's figures") },
  { NULL, "check", _sb_cli_check, N_("Check that a campaign file is sound") },
  { NULL, "backup", _sb_cli_backup, N_("Copy a campaign file safely") },
  { NULL, "restore", _sb_cli_restore, N_("Put a backup in place of a campaign file") },
  { NULL, "import", _sb_cli_import, N_("Import online messages from a form export (CSV)") },
  { NULL, "export", _sb_cli_export,
    N_("Write messages, copies or batches to a CSV or JSON file") },
  { NULL, "settings", _sb_cli_settings, N_("Show or change the campaign's settings") },
  { NULL, "infographic", _sb_cli_infographic, N_("Draw one of the campaign's infographics") },
  { "milestone", "add", _sb_cli_milestone_add, N_("Add a day to the campaign's timeline") },
  { "milestone", "list", _sb_cli_milestone_list, N_("List the days on the campaign's timeline") },
  { "milestone", "remove", _sb_cli_milestone_remove, N_("Remove a day from the timeline") },
  { "conflicts", "list", _sb_cli_conflicts_list,
    N_("List where two offices changed the same thing, to review") },
  { "conflicts", "resolve", _sb_cli_conflicts_resolve,
    N_("Keep this campaign's value, or take the other office's") },
  { "batch", "create", _sb_cli_batch_create, N_("Create a delivery batch for a facility") },
  { "batch", "add", _sb_cli_batch_add, N_("Add messages to a draft batch") },
  { "batch", "remove", _sb_cli_batch_remove, N_("Take messages out of a draft batch") },
  { "batch", "seal", _sb_cli_batch_seal, N_("Seal a batch: its code and digest") },
  { "batch", "handover", _sb_cli_batch_handover, N_("Record the handover of a batch") },
  { "batch", "outcome", _sb_cli_batch_outcome, N_("Record what the facility did with the items") },
  { "batch", "close", _sb_cli_batch_close, N_("Close a batch whose items all have an outcome") },
  { "batch", "reasons", _sb_cli_batch_reasons, N_("List or add reasons for rejection") },
  { "batch", "list", _sb_cli_batch_list, N_("List the batches") },
  { "batch", "show", _sb_cli_batch_show, N_("Show a batch and its items") },
  { NULL, "manifest", _sb_cli_manifest, N_("Write the handover manifest of a batch (PDF)") },
  { NULL, "cards", _sb_cli_cards, N_("Write the message cards of a batch (PDF)") },
  { NULL, "verify-manifest", _sb_cli_verify_manifest,
    N_("Check a printed manifest's digest against the campaign") },
  { "exchange", "invite", _sb_cli_exchange_invite, N_("Invite an office to join the campaign") },
  { "exchange", "send", _sb_cli_exchange_send, N_("Write this office's new changes to the exchange folder") },
  { "exchange", "receive", _sb_cli_exchange_receive, N_("Apply the other offices' changes from the exchange folder") },
  { "exchange", "status", _sb_cli_exchange_status, N_("Show the offices' replicas and what waits") },
  { "exchange", "folder", _sb_cli_exchange_folder, N_("Show or set the exchange folder") },
  { "exchange", "retire", _sb_cli_exchange_retire,
    N_("Stop waiting for a computer that will not exchange again") },
  { NULL, "join", _sb_cli_join, N_("Create this office's campaign file from an invitation") },
};

static const struct
{
  const char *name;
  const char *summary;
} groups[] = {
  { "facility", N_("Prisons and other places of detention") },
  { "detainee", N_("The people the messages are for") },
  { "office", N_("Partner offices, where postcards come in") },
  { "message", N_("Messages received") },
  { "scan", N_("Pictures of the postcards, front and back") },
  { "batch", N_("Delivery batches: create, seal, hand over, outcomes") },
  { "milestone", N_("Days on the campaign's timeline, such as trial dates") },
  { "exchange", N_("Offices exchanging changes through a shared folder") },
  { "conflicts", N_("Conflicts to review between offices' changes") },
};

G_DEFINE_QUARK (sb-cli-error-quark, _sb_cli_error)

/* ================================================================ helpers */

static void
add_global_entries (GOptionContext *context,
                    SbCliGlobals   *globals,
                    gboolean        top)
{
  const GOptionEntry entries[] = {
    { "campaign", 'c', 0, G_OPTION_ARG_FILENAME, &globals->campaign_path,
      N_("The campaign file (default: $SAMBOT_CAMPAIGN)"), N_("FILE") },
    { "operator", 0, 0, G_OPTION_ARG_FILENAME, &globals->operator_name,
      N_("Who is working, for the history (default: $SAMBOT_OPERATOR, or your name)"),
      N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &globals->json,
      N_("Write JSON for programs instead of text for people"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &globals->help, N_("Show help"), NULL },
    { "version", 0, top ? 0 : G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &globals->version,
      N_("Show the version"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static char *
make_one_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_strstrip (g_strdelimit (valid, "\r\n\t", ' '));
  return g_steal_pointer (&valid);
}

static char *
describe_commands (void)
{
  g_autoptr(GString) text = g_string_new (_("Commands:"));
  const char *previous_group = NULL;

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = NULL;

      if (commands[i].group != NULL)
        name = g_strconcat (commands[i].group, " ", commands[i].name, NULL);
      else
        name = g_strdup (commands[i].name);

      if (commands[i].group != NULL && g_strcmp0 (commands[i].group, previous_group) != 0)
        g_string_append_c (text, '\n');
      else if (commands[i].group == NULL && previous_group != NULL)
        g_string_append_c (text, '\n');
      previous_group = commands[i].group;

      g_string_append_printf (text, "  %-20s %s\n", name, _(commands[i].summary));
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("“sambot-cli COMMAND --help” tells what a command takes."));
  g_string_append_c (text, '\n');
  g_string_append (text, _("--json works with every command that prints something."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_group (const char *group)
{
  g_autoptr(GString) text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].name, group))
      text = g_string_new (_(groups[i].summary));
  g_assert (text != NULL);

  g_string_append_printf (text, "\n\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].group, group) == 0)
      g_string_append_printf (text, "  sambot-cli %s %-11s %s\n",
                              group, commands[i].name, _(commands[i].summary));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
is_group (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].name, name))
      return TRUE;
  return FALSE;
}

static const SbCliCommand *
find_command (const char *group,
              const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].group, group) == 0 && g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static void
merge_globals (SbCli *cli)
{
  cli->json = cli->top.json || cli->command.json;
}

static void
clear_globals (SbCliGlobals *globals)
{
  g_clear_pointer (&globals->campaign_path, g_free);
  g_clear_pointer (&globals->operator_name, g_free);
}

/* Arguments are bytes; the campaign keeps UTF-8. Refuse anything else here, once,
 * so that no command ever stores or looks up a mangled name. */
static gboolean
check_arguments_are_utf8 (int      argc,
                          char   **argv,
                          GError **error)
{
  for (int i = 1; i < argc; i++)
    {
      if (!g_utf8_validate (argv[i], -1, NULL))
        {
          g_autofree char *shown = make_one_line (argv[i]);

          g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                       _("“%s” is not valid UTF-8 text: set the terminal to UTF-8, "
                         "or pass the text in a UTF-8 file"),
                       shown);
          return FALSE;
        }
    }
  return TRUE;
}

/* =============================================================== internal */

/**
 * _sb_cli_fail:
 * @error: (transfer full): what went wrong
 *
 * Prints @error as one line on stderr and gives the exit status for it: 2 for a
 * mistake in the command line (with a pointer to --help), 1 for anything else.
 */
int
_sb_cli_fail (SbCli  *cli,
              GError *error)
{
  g_autoptr(GError) owned = error;
  g_autofree char *message = make_one_line (error->message);
  gboolean usage = error->domain == G_OPTION_ERROR
                   || g_error_matches (error, SB_CLI_ERROR, SB_CLI_ERROR_USAGE);

  if (usage)
    {
      g_autofree char *help = g_strdup_printf ("%s --help",
                                               cli->name != NULL ? cli->name : "sambot-cli");

      g_autofree char *line = NULL;

      /* TRANSLATORS: the first %s says what is wrong, the second is a command to run */
      line = g_strdup_printf (_("%s (see “%s”)"),
                              message[0] != '\0' ? message : _("Bad usage"), help);
      g_printerr ("sambot-cli: %s\n", line);
      return SB_CLI_EXIT_USAGE;
    }

  g_printerr ("sambot-cli: %s\n", message);
  return SB_CLI_EXIT_FAILED;
}

/**
 * _sb_cli_usage:
 *
 * Reports a mistake in the command line; see _sb_cli_fail().
 * Returns: %SB_CLI_EXIT_USAGE
 */
int
_sb_cli_usage (SbCli      *cli,
               const char *format,
               ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (SB_CLI_ERROR, SB_CLI_ERROR_USAGE, format, args);
  va_end (args);
  return _sb_cli_fail (cli, error);
}

/**
 * _sb_cli_parse:
 * @parameters: the positional arguments, for the usage line ("REF")
 * @summary: (nullable): what the command does (untranslated, N_())
 * @entries: (nullable): the command's own options
 * @status: (out): the exit status when this returns %FALSE
 *
 * Parses a command's options (its own and the global ones). Returns %FALSE when the
 * command should not run: help was shown (status 0) or the options are wrong (2).
 * Afterwards (*argv)[1…] are the positional arguments.
 */
gboolean
_sb_cli_parse (SbCli              *cli,
               const char         *parameters,
               const char         *summary,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv,
               int                *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (summary != NULL)
    g_option_context_set_summary (context, _(summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_global_entries (context, &cli->command, FALSE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = _sb_cli_fail (cli, g_steal_pointer (&error));
      return FALSE;
    }
  merge_globals (cli);

  if (cli->command.help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", help);
      *status = SB_CLI_EXIT_OK;
      return FALSE;
    }

  return TRUE;
}

/**
 * _sb_cli_check_arguments:
 * @min: how many positional arguments the command needs
 * @max: how many it takes at most
 * @missing: (nullable): what to say when they are missing, a whole sentence
 *   ("Missing the message (REF)"), so that translations can order its words
 *
 * Returns: %FALSE (with *@status set) when there are too few or too many
 */
gboolean
_sb_cli_check_arguments (SbCli      *cli,
                         int         argc,
                         char      **argv,
                         int         min,
                         int         max,
                         const char *missing,
                         int        *status)
{
  int n = argc - 1;

  if (n < min)
    {
      *status = _sb_cli_usage (cli, "%s", missing);
      return FALSE;
    }
  if (n > max)
    {
      *status = _sb_cli_usage (cli, _("Unexpected argument “%s”"), argv[max + 1]);
      return FALSE;
    }
  return TRUE;
}

/**
 * _sb_cli_require:
 * @value: (nullable): an option's value
 * @option: how to write the option ("--name NAME")
 *
 * Returns: %FALSE (with *@status set) when a required option was not given
 */
gboolean
_sb_cli_require (SbCli      *cli,
                 const char *value,
                 const char *option,
                 int        *status)
{
  if (value != NULL)
    return TRUE;
  *status = _sb_cli_usage (cli, _("Missing %s"), option);
  return FALSE;
}

/**
 * _sb_cli_set:
 * @field: a record's string field
 * @value: (nullable): an option's value, %NULL when not given
 *
 * Copies an option into a record when it was given.
 */
void
_sb_cli_set (char       **field,
             const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * _sb_cli_set_optional:
 * @field: a record's optional string field
 * @value: (nullable): an option's value: %NULL when not given, "" to clear the field
 */
void
_sb_cli_set_optional (char       **field,
                      const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value[0] != '\0' ? g_strdup (value) : NULL;
}

/**
 * _sb_cli_campaign_path:
 *
 * Returns: (nullable): the campaign file named by --campaign or $SAMBOT_CAMPAIGN
 */
const char *
_sb_cli_campaign_path (SbCli *cli)
{
  const char *path = g_getenv ("SAMBOT_CAMPAIGN");

  if (cli->command.campaign_path != NULL)
    return cli->command.campaign_path;
  if (cli->top.campaign_path != NULL)
    return cli->top.campaign_path;
  if (path != NULL && path[0] != '\0')
    return path;
  return NULL;
}

/* What a long open is doing, on a terminal, and how far it is. */
typedef struct
{
  gboolean new_keys;    /* making the keys again, not updating the file */
  int      shown;       /* the percentage last shown, or -1 */
} OpenProgress;

static void
open_progress_cb (double   fraction,
                  gpointer user_data)
{
  OpenProgress *open = user_data;
  int percent = (int) (fraction * 100);

  if (percent == open->shown)
    return;
  open->shown = percent;
  g_printerr ("\r");
  if (open->new_keys)
    /* TRANSLATORS: progress of making a campaign's search index and sort order
     * again after the system's rules for text changed, on a terminal; %d is a
     * percentage */
    g_printerr (_("Making the search and the order again for this computer's rules… %d%%"),
                percent);
  else
    /* TRANSLATORS: progress of the update of a campaign file written by an older
     * Sambot, on a terminal; %d is a percentage */
    g_printerr (_("Updating the campaign file for this version of Sambot… %d%%"), percent);
}

/**
 * _sb_cli_open:
 * @read_only: %TRUE for commands that only look
 *
 * Opens the campaign named by --campaign or $SAMBOT_CAMPAIGN, as the operator named
 * by --operator, $SAMBOT_OPERATOR or the user's own name.
 */
SbCampaign *
_sb_cli_open (SbCli     *cli,
              gboolean   read_only,
              GError   **error)
{
  const char *path = _sb_cli_campaign_path (cli);
  const char *operator_name = cli->command.operator_name;
  g_autoptr(SbCampaign) campaign = NULL;
  OpenProgress progress = { FALSE, -1 };

  if (path == NULL)
    {
      g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_USAGE,
                   _("No campaign file: give --campaign FILE or set SAMBOT_CAMPAIGN"));
      return NULL;
    }

  /* A file from an older Sambot is updated first, even to read it, as the app does
   * (with a copy of it as it was beside it); a file written to, whose search index
   * and sort keys were made under another system's rules for text, has them made
   * again. Either takes minutes for a large campaign: say so on a terminal. */
  if (read_only && sb_campaign_needs_update (path))
    read_only = FALSE;
  else if (!read_only)
    progress.new_keys = sb_campaign_needs_new_keys (path);
  campaign = sb_campaign_open_full (path, read_only,
                                    isatty (STDERR_FILENO) ? open_progress_cb : NULL,
                                    &progress, error);
  if (progress.shown >= 0)
    g_printerr ("\n");
  if (campaign == NULL)
    return NULL;

  if (operator_name == NULL)
    operator_name = cli->top.operator_name;
  if (operator_name == NULL)
    operator_name = g_getenv ("SAMBOT_OPERATOR");
  if (operator_name == NULL || operator_name[0] == '\0')
    operator_name = g_get_real_name ();
  if (operator_name == NULL || operator_name[0] == '\0' || g_str_equal (operator_name, "Unknown"))
    operator_name = g_get_user_name ();
  sb_campaign_set_operator (campaign, operator_name);

  return g_steal_pointer (&campaign);
}

/* ================================================================= public */

/**
 * sb_cli_run:
 *
 * Runs one sambot-cli command line.
 * Returns: the exit status: 0 done, 1 refused (one line on stderr says why and what
 *   to do), 2 bad usage
 */
int
sb_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char **command_argv = NULL;
  g_autofree char *name = NULL;
  const SbCliCommand *command;
  SbCli cli = { 0 };
  int command_argc;
  int status;

  g_set_prgname ("sambot-cli");

  if (!check_arguments_are_utf8 (argc, argv, &error))
    return _sb_cli_fail (&cli, g_steal_pointer (&error));

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context, _("Keeps a solidarity campaign's messages to detainees, "
                                           "without a display."));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  add_global_entries (context, &cli.top, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = _sb_cli_fail (&cli, g_steal_pointer (&error));
      goto out;
    }

  if (cli.top.version)
    {
      g_print ("sambot-cli %s\n", PACKAGE_VERSION);
      status = SB_CLI_EXIT_OK;
      goto out;
    }

  /* "sambot-cli help COMMAND" is "sambot-cli COMMAND --help"; "help" alone, --help. */
  if (argc >= 2 && g_str_equal (argv[1], "help"))
    {
      cli.top.help = TRUE;
      argv[1] = argv[0];
      argv++;
      argc--;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (cli.top.help)
        {
          g_print ("%s", help);
          status = SB_CLI_EXIT_OK;
        }
      else
        status = _sb_cli_usage (&cli, _("No command given"));
      goto out;
    }

  if (is_group (argv[1]))
    {
      name = g_strdup_printf ("sambot-cli %s", argv[1]);
      cli.name = name;
      if (argc < 3 || argv[2][0] == '-')
        {
          g_autofree char *help = describe_group (argv[1]);
          gboolean asked = cli.top.help
                           || (argc >= 3 && (g_str_equal (argv[2], "--help")
                                             || g_str_equal (argv[2], "-h")));

          if (asked)
            {
              g_print ("%s", help);
              status = SB_CLI_EXIT_OK;
            }
          else
            status = _sb_cli_usage (&cli, _("“%s” needs a command"), argv[1]);
          goto out;
        }
      command = find_command (argv[1], argv[2]);
      if (command == NULL)
        {
          status = _sb_cli_usage (&cli, _("Unknown command “%s %s”"), argv[1], argv[2]);
          goto out;
        }
      g_free (name);
      name = g_strdup_printf ("sambot-cli %s %s", argv[1], argv[2]);
      command_argc = argc - 2;
      command_argv = g_new0 (char *, command_argc + 1);
      command_argv[0] = name;
      memcpy (command_argv + 1, argv + 3, sizeof (char *) * (argc - 3));
    }
  else
    {
      command = find_command (NULL, argv[1]);
      if (command == NULL)
        {
          status = _sb_cli_usage (&cli, _("Unknown command “%s”"), argv[1]);
          goto out;
        }
      name = g_strdup_printf ("sambot-cli %s", argv[1]);
      command_argc = argc - 1;
      command_argv = g_new0 (char *, command_argc + 1);
      command_argv[0] = name;
      memcpy (command_argv + 1, argv + 2, sizeof (char *) * (argc - 2));
    }

  if (cli.top.help)
    cli.command.help = TRUE;
  cli.name = name;
  merge_globals (&cli);
  g_set_prgname (name);
  status = command->func (&cli, command_argc, command_argv);

out:
  clear_globals (&cli.top);
  clear_globals (&cli.command);
  return status;
}
