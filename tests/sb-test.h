/* sb-test.h — the start of a headless test program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GUI tests start with sb_test_gui_init() (tests/sb-test-gui.h).
 */

#pragma once

#include "config.h"

#include <glib.h>
#include <glib/gi18n.h>

#include "sb-demo.h"

/* g_test_init() for a program whose documents or messages carry translated words: the
 * build's catalogue (SAMBOT_LOCALEDIR) first, in UTF-8. The locale stays the program's
 * ("C" unless the test sets one). */
static inline void
sb_test_init_with_catalogue (int    *argc,
                             char ***argv)
{
  const char *localedir = g_getenv ("SAMBOT_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (argc, argv, NULL);
}

/* The demo campaign, made once for the whole program in a new temporary folder (returned
 * in @dir, for the program to remove at the end); returns the campaign's path. */
static inline char *
sb_test_demo_new (const char  *dir_template,
                  char       **dir)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "demo.sambot", NULL);
  if (!sb_demo_create (path, &error))
    g_error ("the demo campaign could not be made in %s: %s", *dir, error->message);
  return path;
}
