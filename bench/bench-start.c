/* bench-start.c — the app started on a campaign, until its first frame shows figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-start CAMPAIGN NUMBER
 *
 * Runs Sambot's own application on CAMPAIGN (as `sambot CAMPAIGN` does) and exits
 * at the end of the first frame in which a label on screen shows NUMBER (in any
 * digits, with any thousands separator) — a figure that only counting the
 * campaign gives, such as the first detainee's messages from `sambot-cli stats
 * --json`. bench/run.sh times the whole process with /usr/bin/time (wall clock,
 * peak RSS), under Xvfb, against the same start on the demo campaign. Exits 1
 * when the figure has not appeared after 120 s.
 *
 * It times the start after a session that closed the campaign: it exits at once,
 * leaving the marker of an open session ("CAMPAIGN-open",
 * sb_campaign_start_session ()), which it removes before the next start. Left there,
 * it would make every start check the whole file in the background, as after a crash
 * (1.23 s instead of 1.08 at 1M messages, medians of 5 on 2 cores; the demo 0.98
 * instead of 0.92).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "sb-application.h"

static const char *wanted;
static gint64 started;

static int
digit_of (gunichar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 0x17E0 && c <= 0x17E9)   /* Khmer digits */
    return c - 0x17E0;
  return -1;
}

/* Whether @text shows @number: a run of digits equal to it, the thousands
 * separators of any locale between digits skipped ("12,345", "12 345", "១២,៣៤៥"). */
static gboolean
text_shows (const char *text,
            const char *number)
{
  g_autoptr(GString) run = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;
      int digit = digit_of (c);

      if (digit >= 0)
        {
          g_string_append_c (run, (char) ('0' + digit));
          continue;
        }
      if (run->len > 0 && (c == ',' || c == '.' || c == ' ' || c == 0xA0 || c == 0x202F ||
                           c == '\'') && digit_of (g_utf8_get_char (g_utf8_next_char (p))) >= 0)
        continue;
      if (g_str_equal (run->str, number))
        return TRUE;
      g_string_truncate (run, 0);
      if (c == 0)
        return FALSE;
    }
}

static gboolean
shows (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && text_shows (gtk_label_get_text (GTK_LABEL (widget)), wanted))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows (child))
      return TRUE;
  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  if (shows (window))
    {
      g_printerr ("bench-start: %s shown after %.3f s\n", wanted,
                  (g_get_monotonic_time () - started) / 1e6);
      _exit (0);
    }
}

static void
realized_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realized_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (realized_cb), NULL);
}

static gboolean
timeout_cb (gpointer data)
{
  g_printerr ("bench-start: no label showed %s within 120 s\n", wanted);
  _exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SbApplication) app = NULL;
  g_autofree char *marker = NULL;
  char *run_argv[3];

  if (argc != 3)
    {
      g_printerr ("Usage: %s CAMPAIGN NUMBER\n", argv[0]);
      return 2;
    }
  started = g_get_monotonic_time ();
  marker = g_strconcat (argv[1], "-open", NULL);
  g_unlink (marker);
  setlocale (LC_ALL, "");
  wanted = argv[2];
  app = sb_application_new ();
  /* No other Sambot may take the file over the session bus. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_timeout_add_seconds (120, timeout_cb, NULL);
  run_argv[0] = argv[0];
  run_argv[1] = argv[1];
  run_argv[2] = NULL;
  return g_application_run (G_APPLICATION (app), 2, run_argv);
}
