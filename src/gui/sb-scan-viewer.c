/* sb-scan-viewer.c — the picture of a postcard beside the form: zoom, rotate, pan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thumbnail stored with the scan shows at once; the full picture is decoded in
 * a worker thread and replaces it, so moving to the next card never waits for a
 * 10 MB photo. The zoom level is a setting: it stays from card to card.
 */

#define G_LOG_DOMAIN "sambot-scans"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-gui-toast.h"
#include "sb-gui-format.h"
#include "sb-scan-loader.h"
#include "sb-scan-viewer.h"
#include "sb-scans.h"

#define MIN_ZOOM  0.1
#define MAX_ZOOM  8.0
#define ZOOM_STEP 1.25

struct _SbScanViewer
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkPicture        *picture;
  GtkToggleButton   *front_button;
  GtkToggleButton   *back_button;
  GtkLabel          *zoom_label;
  GtkWidget         *tools;

  GSettings         *settings;
  SbCampaign        *campaign;
  char              *message_id;
  GPtrArray         *scans;          /* SbScan without pictures */
  GCancellable      *cancellable;
  GdkPixbuf         *pixbuf;         /* upright, rotated as asked */
  GdkPixbuf         *upright;        /* the full picture as decoded, not rotated */
  int                rotation;       /* 0, 90, 180, 270 */
  double             zoom;
  double             drag_h;
  double             drag_v;
  double             pinch_zoom;
  gboolean           loaded;
  const char        *side;
};

G_DEFINE_FINAL_TYPE (SbScanViewer, sb_scan_viewer, GTK_TYPE_WIDGET)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
apply_zoom (SbScanViewer *self)
{
  g_autofree char *text = _sb_localise_digits (g_strdup_printf ("%d %%", (int) (self->zoom * 100 + 0.5)));
  int width = 0, height = 0;

  if (self->pixbuf != NULL)
    {
      width = gdk_pixbuf_get_width (self->pixbuf);
      height = gdk_pixbuf_get_height (self->pixbuf);
      /* A thumbnail stands in for the picture: measure as the picture will be. */
      if (!self->loaded && self->scans != NULL)
        {
          for (guint i = 0; i < self->scans->len; i++)
            {
              const SbScan *scan = g_ptr_array_index (self->scans, i);

              if (g_str_equal (scan->side, self->side))
                {
                  gboolean turned = self->rotation == 90 || self->rotation == 270;
                  width = turned ? scan->height : scan->width;
                  height = turned ? scan->width : scan->height;
                }
            }
        }
    }
  gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                               MAX (1, (int) (width * self->zoom)),
                               MAX (1, (int) (height * self->zoom)));
  gtk_label_set_text (self->zoom_label, text);
}

static void
show_pixbuf (SbScanViewer *self,
             GdkPixbuf    *pixbuf)
{
  g_autoptr(GdkPixbuf) turned = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  turned = self->rotation == 0 ? g_object_ref (pixbuf)
                               : gdk_pixbuf_rotate_simple (pixbuf, 360 - self->rotation);
  g_set_object (&self->pixbuf, turned);
  texture = gdk_texture_new_for_pixbuf (turned);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  apply_zoom (self);
}

static void
decoded_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SbScanViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = sb_scan_decode_finish (result, &error);

  if (pixbuf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->loaded = TRUE;
  g_set_object (&self->upright, pixbuf);
  show_pixbuf (self, pixbuf);
}

static const SbScan *
find_side (SbScanViewer *self,
           const char   *side)
{
  for (guint i = 0; self->scans != NULL && i < self->scans->len; i++)
    {
      const SbScan *scan = g_ptr_array_index (self->scans, i);

      if (g_str_equal (scan->side, side))
        return scan;
    }
  return NULL;
}

static void
load_side (SbScanViewer *self)
{
  const SbScan *listed = find_side (self, self->side);
  g_autoptr(SbScan) scan = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->upright);
  self->loaded = FALSE;
  if (listed == NULL)
    {
      gtk_picture_set_paintable (self->picture, NULL);
      g_clear_object (&self->pixbuf);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_set_sensitive (self->tools, FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "picture");
  gtk_widget_set_sensitive (self->tools, TRUE);

  if (listed->thumbnail != NULL)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (listed->thumbnail);
      g_autoptr(GError) thumbnail_error = NULL;
      g_autoptr(GdkPixbuf) thumbnail = gdk_pixbuf_new_from_stream (stream, NULL, &thumbnail_error);

      /* The thumbnail only shows while the scan loads; the scan's own failure is
       * shown below. */
      if (thumbnail != NULL)
        show_pixbuf (self, thumbnail);
      else
        g_debug ("No thumbnail: %s", thumbnail_error->message);
    }
  scan = sb_campaign_get_scan (self->campaign, listed->id, &error);
  if (scan == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  self->cancellable = g_cancellable_new ();
  sb_scan_decode_async (scan->image, self->cancellable, decoded_cb, g_object_ref (self));
}

static void
set_zoom (SbScanViewer *self,
          double        zoom)
{
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  g_settings_set_double (self->settings, "scan-zoom", self->zoom);
  apply_zoom (self);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
side_toggled_cb (SbScanViewer    *self,
                 GtkToggleButton *button)
{
  const char *side;

  if (!gtk_toggle_button_get_active (button))
    return;
  side = button == self->front_button ? "front" : "back";
  if (g_strcmp0 (self->side, side) == 0)
    return;
  self->side = side;
  self->rotation = 0;
  load_side (self);
}

static void
drag_begin_cb (SbScanViewer   *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  self->drag_h = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->drag_v = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
}

static void
drag_update_cb (SbScanViewer   *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), self->drag_h - dx);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), self->drag_v - dy);
}

static void
pinch_begin_cb (SbScanViewer *self,
                GdkEventSequence *sequence,
                GtkGesture   *gesture)
{
  self->pinch_zoom = self->zoom;
}

static void
pinch_changed_cb (SbScanViewer   *self,
                  double          scale,
                  GtkGestureZoom *gesture)
{
  set_zoom (self, self->pinch_zoom * scale);
}

static gboolean
scrolled_cb (SbScanViewer             *self,
             double                    dx,
             double                    dy,
             GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  set_zoom (self, dy < 0 ? self->zoom * ZOOM_STEP : self->zoom / ZOOM_STEP);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_scan_viewer_dispose (GObject *object)
{
  SbScanViewer *self = SB_SCAN_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_SCAN_VIEWER);
  g_clear_object (&self->campaign);
  g_clear_object (&self->pixbuf);
  g_clear_object (&self->upright);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->scans, g_ptr_array_unref);
  g_clear_pointer (&self->message_id, g_free);

  G_OBJECT_CLASS (sb_scan_viewer_parent_class)->dispose (object);
}

static void
sb_scan_viewer_class_init (SbScanViewerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sb_scan_viewer_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scanviewer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-scan-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, box);
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, front_button);
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, SbScanViewer, tools);
  gtk_widget_class_bind_template_callback (widget_class, side_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, pinch_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, pinch_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scrolled_cb);
  gtk_widget_class_bind_template_callback (widget_class, sb_scan_viewer_zoom_out);
  gtk_widget_class_bind_template_callback (widget_class, sb_scan_viewer_zoom_in);
  gtk_widget_class_bind_template_callback (widget_class, sb_scan_viewer_zoom_fit);
  gtk_widget_class_bind_template_callback (widget_class, sb_scan_viewer_set_zoom_actual);
  gtk_widget_class_bind_template_callback (widget_class, sb_scan_viewer_rotate);
}

static void
sb_scan_viewer_init (SbScanViewer *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->zoom = g_settings_get_double (self->settings, "scan-zoom");
  self->side = "front";

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
  apply_zoom (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

GtkWidget *
sb_scan_viewer_new (void)
{
  return g_object_new (SB_TYPE_SCAN_VIEWER, NULL);
}

/**
 * sb_scan_viewer_show_message:
 * @message_id: (nullable): the message whose scans to show
 *
 * Shows the front (or the back when there is no front). Calling it again for the
 * same message reads its scans again and keeps the side and rotation.
 */
void
sb_scan_viewer_show_message (SbScanViewer *self,
                             SbCampaign   *campaign,
                             const char   *message_id)
{
  g_autoptr(GError) error = NULL;
  gboolean same;

  g_return_if_fail (SB_IS_SCAN_VIEWER (self));

  same = g_strcmp0 (self->message_id, message_id) == 0;
  g_set_object (&self->campaign, campaign);
  g_free (self->message_id);
  self->message_id = g_strdup (message_id);
  g_clear_pointer (&self->scans, g_ptr_array_unref);
  if (campaign != NULL && message_id != NULL)
    self->scans = sb_campaign_list_scans (campaign, message_id, &error);
  if (error != NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), find_side (self, "back") != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->front_button), find_side (self, "front") != NULL ||
                                                             find_side (self, "back") == NULL);
  if (!same)
    {
      self->rotation = 0;
      self->side = find_side (self, "front") == NULL && find_side (self, "back") != NULL
                   ? "back" : "front";
    }
  g_signal_handlers_block_by_func (self->front_button, side_toggled_cb, self);
  g_signal_handlers_block_by_func (self->back_button, side_toggled_cb, self);
  gtk_toggle_button_set_active (g_str_equal (self->side, "front") ? self->front_button
                                                                   : self->back_button, TRUE);
  g_signal_handlers_unblock_by_func (self->front_button, side_toggled_cb, self);
  g_signal_handlers_unblock_by_func (self->back_button, side_toggled_cb, self);
  load_side (self);
}

const char *
sb_scan_viewer_get_side (SbScanViewer *self)
{
  g_return_val_if_fail (SB_IS_SCAN_VIEWER (self), NULL);
  return self->side;
}

void
sb_scan_viewer_set_zoom_actual (SbScanViewer *self)
{
  g_return_if_fail (SB_IS_SCAN_VIEWER (self));
  set_zoom (self, 1.0);
}

void
sb_scan_viewer_zoom_in (SbScanViewer *self)
{
  g_return_if_fail (SB_IS_SCAN_VIEWER (self));
  set_zoom (self, self->zoom * ZOOM_STEP);
}

void
sb_scan_viewer_zoom_out (SbScanViewer *self)
{
  g_return_if_fail (SB_IS_SCAN_VIEWER (self));
  set_zoom (self, self->zoom / ZOOM_STEP);
}

/**
 * sb_scan_viewer_zoom_fit:
 *
 * Zooms so the card fills the width of the viewer.
 */
void
sb_scan_viewer_zoom_fit (SbScanViewer *self)
{
  const SbScan *scan;
  int width;
  gboolean turned;

  g_return_if_fail (SB_IS_SCAN_VIEWER (self));

  scan = find_side (self, self->side);
  width = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  if (scan == NULL || width <= 0)
    return;
  turned = self->rotation == 90 || self->rotation == 270;
  set_zoom (self, (double) (width - 12) / (turned ? scan->height : scan->width));
}

/**
 * sb_scan_viewer_rotate:
 *
 * Turns the picture a quarter clockwise, for cards scanned sideways. Only the view
 * turns: the stored picture stays as received.
 */
void
sb_scan_viewer_rotate (SbScanViewer *self)
{
  g_return_if_fail (SB_IS_SCAN_VIEWER (self));

  self->rotation = (self->rotation + 90) % 360;
  if (self->upright != NULL)
    show_pixbuf (self, self->upright);
  else
    load_side (self);
}

/**
 * sb_scan_viewer_is_loaded:
 * Returns: %TRUE once the full picture (not only its thumbnail) is shown
 */
gboolean
sb_scan_viewer_is_loaded (SbScanViewer *self)
{
  g_return_val_if_fail (SB_IS_SCAN_VIEWER (self), FALSE);
  return self->loaded;
}
