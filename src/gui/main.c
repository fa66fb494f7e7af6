/* main.c — the sambot executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "sb-application.h"
#include "sb-catalog.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  g_autofree char *localedir = NULL;

  setlocale (LC_ALL, "");
  /* Its own catalogues wherever it was installed or built (src/text/sb-catalog.c). */
  localedir = sb_catalog_bind_program (GETTEXT_PACKAGE);
  textdomain (GETTEXT_PACKAGE);
  /* A file-size limit (ulimit -f) then fails the write, which is reported and
   * cleaned up, instead of killing the program half-way through a save. */
  signal (SIGXFSZ, SIG_IGN);

  app = sb_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
