/* sb-preferences-window.c — the person's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-preferences-window.h"

struct _SbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *operator_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SbPreferencesWindow, sb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
sb_preferences_window_dispose (GObject *object)
{
  SbPreferencesWindow *self = SB_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_preferences_window_parent_class)->dispose (object);
}

static void
sb_preferences_window_class_init (SbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPreferencesWindow, operator_row);
}

static void
sb_preferences_window_init (SbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "operator-name", self->operator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * sb_preferences_window_new:
 *
 * Returns: (transfer none): a new preferences window
 */
GtkWidget *
sb_preferences_window_new (void)
{
  return g_object_new (SB_TYPE_PREFERENCES_WINDOW, NULL);
}
