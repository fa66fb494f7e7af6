/* main.c — the sambot executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("SAMBOT_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sb_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
