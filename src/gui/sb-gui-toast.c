/* sb-gui-toast.c — how a failure reaches the person: a toast in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot"

#include "config.h"

#include <adwaita.h>

#include "sb-gui-toast.h"

/* The same message again within this time is not shown twice: one refresh can
 * fail in several reads for one reason (a lock, a damaged page). */
#define REPEAT_USEC (3 * G_USEC_PER_SEC)

typedef struct
{
  char   *message;
  gint64  shown_at;
} LastShown;

static void
last_shown_free (LastShown *last)
{
  g_free (last->message);
  g_free (last);
}

/* The toast overlay around @widget; for a dialog, the one of the window it belongs to. */
static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  while (widget != NULL)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
      GtkRoot *root;

      if (overlay != NULL)
        return ADW_TOAST_OVERLAY (overlay);
      root = gtk_widget_get_root (widget);
      if (!GTK_IS_WINDOW (root))
        return NULL;
      widget = (GtkWidget *) gtk_window_get_transient_for (GTK_WINDOW (root));
      if (widget == NULL)
        {
          /* A window whose content is the overlay (SbWindow's template). */
          GtkWidget *child = gtk_window_get_child (GTK_WINDOW (root));

          if (ADW_IS_APPLICATION_WINDOW (root))
            child = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));
          return ADW_IS_TOAST_OVERLAY (child) ? ADW_TOAST_OVERLAY (child) : NULL;
        }
    }
  return NULL;
}

/**
 * _sb_gui_report_error:
 * @widget: the widget whose work failed
 * @error: (nullable): what went wrong; the store's and core's messages say what to do
 *
 * Shows @error in a toast on @widget's window, so that a failed read or write is
 * never silent. Without a window to show it in, it goes to the log.
 */
void
_sb_gui_report_error (GtkWidget    *widget,
                      const GError *error)
{
  static GQuark last_quark;
  AdwToastOverlay *overlay;
  LastShown *last;
  AdwToast *toast;
  g_autofree char *escaped = NULL;
  gint64 now = g_get_monotonic_time ();

  if (error == NULL)
    return;
  overlay = widget != NULL ? find_overlay (widget) : NULL;
  if (overlay == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  if (last_quark == 0)
    last_quark = g_quark_from_static_string ("sb-gui-last-error");
  last = g_object_get_qdata (G_OBJECT (overlay), last_quark);
  if (last != NULL && g_str_equal (last->message, error->message) &&
      now - last->shown_at < REPEAT_USEC)
    return;
  last = g_new0 (LastShown, 1);
  last->message = g_strdup (error->message);
  last->shown_at = now;
  g_object_set_qdata_full (G_OBJECT (overlay), last_quark, last, (GDestroyNotify) last_shown_free);

  /* A toast's title is markup (libadwaita 1.2): a file name may hold "&" or "<". */
  escaped = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * _sb_gui_add_toast:
 * @widget: a widget in the window (or in a dialog over it)
 * @toast: (transfer full): the toast; its title is markup (libadwaita 1.2)
 *
 * Shows @toast in the toast overlay around @widget, or around the window a
 * dialog stands over.
 */
void
_sb_gui_add_toast (GtkWidget *widget,
                   AdwToast  *toast)
{
  AdwToastOverlay *overlay = widget != NULL ? find_overlay (widget) : NULL;

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (toast);
}

/**
 * _sb_gui_toast:
 * @text: what to say, plain text (a file or a person's name may hold "&" or "<")
 *
 * _sb_gui_add_toast() of a toast that says @text.
 */
void
_sb_gui_toast (GtkWidget  *widget,
               const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  _sb_gui_add_toast (widget, adw_toast_new (escaped));
}
