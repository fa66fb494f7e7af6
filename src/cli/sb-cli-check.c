/* sb-cli-check.c — check: is the campaign file sound?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sb-cli-private.h"

/* A file this large takes seconds to check: say how far the check is. */
#define SHOW_PROGRESS_FROM_BYTES (32 * 1024 * 1024)

typedef struct
{
  gboolean terminal;
  int      shown;   /* the percentage last written */
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;
  int percent = (int) (fraction * 100);

  /* On a terminal one line that counts up; in a log, a line every tenth. */
  if (progress->terminal ? percent == progress->shown : percent / 10 == progress->shown / 10)
    return;
  progress->shown = percent;
  if (progress->terminal)
    g_printerr ("\r");
  /* TRANSLATORS: progress of `sambot-cli check`; %d is a percentage */
  g_printerr (_("Checking… %d%%"), percent);
  if (!progress->terminal)
    g_printerr ("\n");
}

int
_sb_cli_check (SbCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  Progress progress = { isatty (STDERR_FILENO), -100 };
  GStatBuf info;
  gboolean show;
  int status;

  if (!_sb_cli_parse (cli, "",
                      N_("Checks that the campaign file is sound: every page and index, the "
                         "links between records, the campaign's own rules (a copy in one "
                         "open batch at most, counts, sealed batches' digests). Prints each "
                         "problem found, or that the file is sound."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;

  path = _sb_cli_campaign_path (cli);
  if (path == NULL)
    return _sb_cli_usage (cli, _("No campaign file: give --campaign FILE or set SAMBOT_CAMPAIGN"));

  show = g_stat (path, &info) == 0 && info.st_size >= SHOW_PROGRESS_FROM_BYTES;
  problems = sb_campaign_check_file (path, show ? progress_cb : NULL, &progress, NULL, &error);
  if (show && progress.terminal)
    g_printerr ("\n");
  if (problems == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "file", path);
      _sb_cli_json_bool (builder, "sound", problems->len == 0);
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (problems, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));
    }

  if (problems->len > 0)
    {
      g_set_error (&error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                   ngettext ("%s has %u problem: restore a backup, or keep a copy and ask "
                             "for help",
                             "%s has %u problems: restore a backup, or keep a copy and ask "
                             "for help",
                             problems->len),
                   path, problems->len);
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }

  if (!cli->json)
    g_print (_("%s is sound.\n"), path);
  return SB_CLI_EXIT_OK;
}
