/* sb-test-gui.h — what the GUI tests share: waiting, finding widgets, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"
#include "sb-window.h"
#include "sb-test.h"

G_BEGIN_DECLS

/* The start of every GUI test program, before its g_test_add() lines: skips without a
 * display, the locale and the build's catalogue (SAMBOT_LOCALEDIR), g_test_init(), then
 * the application registered (its start-up: GTK, libadwaita, style sheet, icons,
 * accelerators) without taking over the main loop, GNOME's default hinting and no
 * animations. The application is the program's until sb_test_gui_run() returns. */
SbApplication *sb_test_gui_init (int    *argc,
                                 char ***argv);
/* g_test_run(), then the application released; returns the status for main(). */
int       sb_test_gui_run           (void);

/* A window of @width × @height on the campaign file @file, shown, then the file loaded
 * once the window is on screen; the test fails if it cannot be loaded. */
SbWindow *sb_test_open_window       (GFile      *file,
                                     int         width,
                                     int         height);
/* Exits 77 (meson's SKIP) with one line when there is no display to open windows on. */
void      sb_test_require_display   (void);
/* Runs the main loop for @ms milliseconds. Wait for what the test needs instead
 * (SB_TEST_WAIT_UNTIL, tests/sb-test.h) unless the point is that nothing happens. */
void      sb_test_run_main_loop_for (guint       ms);
/* Runs the main loop until @widget is mapped and its window has laid out and painted a
 * frame (at most 5 s, then the test fails): what a person sees, before a screenshot or
 * a look at the widgets' text. */
void      sb_test_wait_for_frame    (gpointer    widget);
void      sb_test_wait_for_transitions (gpointer widget);
/* How many visible widgets of @type are under @widget. */
guint     sb_test_count_visible     (gpointer    widget,
                                     GType       type);
/* Whether a visible label under @widget shows @text (or contains it). */
gboolean  sb_test_shows_text        (gpointer    widget,
                                     const char *text);
/* Every visible widget of @type under @widget, in tree order. */
void      sb_test_collect_visible   (GtkWidget  *widget,
                                     GType       type,
                                     GPtrArray  *found);
gpointer  sb_test_find_first        (gpointer    widget,
                                     GType       type);
/* The first visible button under @widget that runs @action_name, or %NULL. */
GtkWidget *sb_test_find_action_button  (gpointer    widget,
                                        const char *action_name);
/* The first visible button under @widget labelled @label (mnemonic included), or %NULL. */
GtkWidget *sb_test_find_button_labelled (gpointer    widget,
                                         const char *label);
/* The visible row (entry, combo or action row) under @widget titled @title; fails the
 * test when there is none. */
GtkWidget *sb_test_find_row         (gpointer    widget,
                                     const char *title);
/* Types @text into the entry row titled @title, as a person would, and waits for a frame. */
void      sb_test_type_into         (gpointer    widget,
                                     const char *title,
                                     const char *text);
/* The newest shown top-level window of @type (a dialog just opened), or %NULL. */
gpointer  sb_test_find_toplevel     (GType       type);
/* The text of every visible label under @widget, a line each. */
char     *sb_test_visible_text      (gpointer    widget);
/* Saves @widget as it looks to G_TEST_BUILT/@name; returns the number of colours. */
guint     sb_test_save_screenshot   (gpointer    widget,
                                     const char *name);

G_END_DECLS
