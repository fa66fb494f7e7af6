/* sb-test.h — the start of a headless test program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GUI tests start with sb_test_gui_init() (tests/sb-test-gui.h).
 */

#pragma once

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "sb-demo.h"

/* Removes @path and everything under it (symbolic links as links, never what they
 * point to). For a test's temporary folder. */
static inline void
sb_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sb_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static inline gboolean
sb_test_keep_ticking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition (an expression) is true or @timeout_ms have
 * passed, looking again at least every 10 ms (a worker thread or another process wakes
 * no main loop). Never a fixed sleep: a slow machine (sanitizers, a busy CI) gets the
 * time it needs, a fast one waits for nothing. The caller then asserts what it waited
 * for, with its own message. */
#define SB_TEST_RUN_UNTIL(condition, timeout_ms)                                        \
  G_STMT_START {                                                                        \
    gint64 sb_test_deadline_ = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000;  \
    guint sb_test_tick_ = g_timeout_add (10, sb_test_keep_ticking, NULL);               \
                                                                                        \
    while (!(condition) && g_get_monotonic_time () < sb_test_deadline_)                 \
      g_main_context_iteration (NULL, TRUE);                                            \
    g_source_remove (sb_test_tick_);                                                    \
    if (!(condition))                                                                   \
      g_test_message ("%s:%d: gave up waiting after %d ms for %s", __FILE__, __LINE__,  \
                      (int) (timeout_ms), #condition);                                  \
  } G_STMT_END

/* SB_TEST_RUN_UNTIL(), and the test fails after @timeout_ms, saying what it waited for
 * (@what, and the condition as written). */
#define SB_TEST_WAIT_UNTIL(condition, timeout_ms, what)                                 \
  G_STMT_START {                                                                        \
    SB_TEST_RUN_UNTIL (condition, timeout_ms);                                          \
    if (!(condition))                                                                   \
      g_error ("%s:%d: still waiting after %d ms for %s (%s)", __FILE__, __LINE__,      \
               (int) (timeout_ms), (what), #condition);                                 \
  } G_STMT_END

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
