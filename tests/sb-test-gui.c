/* sb-test-gui.c — what the GUI tests share: waiting, finding widgets, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "sb-test-gui.h"

static SbApplication *test_app;

SbApplication *
sb_test_gui_init (int    *argc,
                  char ***argv)
{
  const char *localedir = g_getenv ("SAMBOT_LOCALEDIR");
  const char *locale;

  sb_test_require_display ();
  /* LANGUAGE takes effect only with a real locale (docs/testing.md): C.UTF-8 will do. */
  locale = setlocale (LC_ALL, "");
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);

  /* Registering runs the application's start-up (style sheet, icons, accelerators)
   * without taking over the main loop. */
  test_app = sb_application_new ();
  g_application_set_flags (G_APPLICATION (test_app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, NULL));

  /* Xvfb has no settings daemon: GNOME's default hinting, as a desktop session would;
   * no animations, so a page or dialog is in place when the test looks at it. */
  g_object_set (gtk_settings_get_default (), "gtk-xft-hintstyle", "hintslight",
                "gtk-enable-animations", FALSE, NULL);
  return test_app;
}

int
sb_test_gui_run (void)
{
  int status = g_test_run ();

  g_clear_object (&test_app);
  return status;
}

/* Without a display GTK cannot start: say why the test did not run, rather than fail
 * (build-aux/run-tests.sh runs these under Xvfb). */
void
sb_test_require_display (void)
{
  const char *x11 = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  if ((x11 != NULL && x11[0] != '\0') || (wayland != NULL && wayland[0] != '\0'))
    return;
  g_print ("SKIP: this test opens windows and needs a display (DISPLAY or WAYLAND_DISPLAY); "
           "build-aux/run-tests.sh runs it under Xvfb\n");
  exit (77);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

SbWindow *
sb_test_open_window (GFile *file,
                     int    width,
                     int    height)
{
  SbWindow *window = sb_window_new (GTK_APPLICATION (test_app));
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  SB_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 10000, "the window on screen");
  g_assert_true (sb_window_load (window, file, &error));
  g_assert_no_error (error);
  return window;
}

void
sb_test_run_main_loop_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
transition_running (gpointer widget)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  gboolean running = FALSE;

  sb_test_collect_visible (GTK_WIDGET (widget), GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    running |= gtk_stack_get_transition_running (g_ptr_array_index (stacks, i));
  return running;
}

/* Lets every crossfade under @widget finish, so what shows is one page, not two. */
void
sb_test_wait_for_transitions (gpointer widget)
{
  SB_TEST_RUN_UNTIL (!transition_running (widget), 5000);
}

void
sb_test_wait_for_frame (gpointer widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  SB_TEST_WAIT_UNTIL (gtk_widget_get_mapped (widget), 5000, "the widget on screen");
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  SB_TEST_WAIT_UNTIL (painted, 5000, "a frame laid out and painted");
  g_signal_handler_disconnect (clock, handler);
}

guint
sb_test_count_visible (gpointer widget,
                       GType    type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  sb_test_collect_visible (widget, type, found);
  return found->len;
}

gboolean
sb_test_shows_text (gpointer    widget,
                    const char *text)
{
  g_autofree char *shown = sb_test_visible_text (widget);

  return strstr (shown, text) != NULL;
}

void
sb_test_collect_visible (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    sb_test_collect_visible (child, type, found);
}

gpointer
sb_test_find_first (gpointer widget,
            GType    type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (widget), type, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

GtkWidget *
sb_test_find_action_button (gpointer    widget,
                            const char *action_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (widget), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   action_name) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

GtkWidget *
sb_test_find_button_labelled (gpointer    widget,
                              const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (widget), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

char *
sb_test_visible_text (gpointer widget)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  sb_test_collect_visible (GTK_WIDGET (widget), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (text, FALSE);
}

guint
sb_test_save_screenshot (gpointer    widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  int width = 0;
  int height = 0;

  /* A window that was just presented has nothing to paint until its first frame (slow
   * under sanitizers): wait for it, up to ten seconds. */
  for (guint tries = 0; tries < 100; tries++)
    {
      g_autoptr(GtkSnapshot) attempt = gtk_snapshot_new ();

      width = gtk_widget_get_width (GTK_WIDGET (widget));
      height = gtk_widget_get_height (GTK_WIDGET (widget));
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (attempt), width, height);
      node = gtk_snapshot_to_node (attempt);
      if (node != NULL)
        break;
      sb_test_wait_for_frame (widget);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (((guint32 *) pixels)[i]));
  return g_hash_table_size (colours);
}

GtkWidget *
sb_test_find_row (gpointer    widget,
                  const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sb_test_collect_visible (GTK_WIDGET (widget), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no row titled “%s”", title);
  return NULL;
}

void
sb_test_type_into (gpointer    widget,
                   const char *title,
                   const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sb_test_find_row (widget, title)), text);
  sb_test_wait_for_frame (widget);
}

gpointer
sb_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}
