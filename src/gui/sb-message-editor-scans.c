/* sb-message-editor-scans.c — scans by file, drop or paste; the duplicate warning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-toast.h"
#include "sb-message-editor-private.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"
#include "sb-transcription.h"

/* ------------------------------------------------------------------------ */
/* Adding a scan                                                            */
/* ------------------------------------------------------------------------ */

/* The first free side; with both taken, the side shown. %NULL with @error set when
 * the scans cannot be read (a guess could put the new scan over the front). */
static const char *
side_for_new_scan (SbMessageEditor  *self,
                   GError          **error)
{
  g_autoptr(GPtrArray) scans = sb_campaign_list_scans (self->campaign, self->message->id, error);
  gboolean front = FALSE, back = FALSE;

  if (scans == NULL)
    return NULL;
  for (guint i = 0; i < scans->len; i++)
    {
      const SbScan *scan = g_ptr_array_index (scans, i);

      front |= g_str_equal (scan->side, "front");
      back |= g_str_equal (scan->side, "back");
    }
  if (!front)
    return "front";
  if (!back)
    return "back";
  return sb_scan_viewer_get_side (self->scan_viewer);
}

static void
keep_scan (SbMessageEditor *self,
           SbScan          *scan)
{
  g_autoptr(GError) error = NULL;
  const char *side;

  if (self->message == NULL)
    return;
  g_free (scan->message_id);
  scan->message_id = g_strdup (self->message->id);
  if ((side = side_for_new_scan (self, &error)) == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  g_free (scan->side);
  scan->side = g_strdup (side);
  if (!sb_campaign_add_scan (self->campaign, scan, &error))
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  sb_scan_viewer_show_message (self->scan_viewer, self->campaign, self->message->id);
  _sb_message_editor_check_duplicates (self);
}

static void
scan_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SbMessageEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScan) scan = sb_scan_load_file_finish (result, &error);

  if (scan == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  else
    keep_scan (self, scan);
}

static void
load_file (SbMessageEditor *self,
           GFile           *file)
{
  sb_scan_load_file_async (file, NULL, scan_loaded_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SbMessageEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      load_file (self, file);
    }
  g_object_unref (chooser);
}

void
_sb_message_editor_add_scan (SbMessageEditor *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->message == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Add a Scan"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Pictures (JPEG, PNG, WebP, TIFF)"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/tiff");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
keep_texture (SbMessageEditor *self,
              GdkTexture      *texture)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScan) scan = sb_scan_load_bytes (png, _("the pasted picture"), &error);

  if (scan == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  else
    keep_scan (self, scan);
}

static void
texture_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SbMessageEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);

  if (texture == NULL)
    _sb_gui_toast (GTK_WIDGET (self), _("There is no picture to paste."));
  else
    keep_texture (self, texture);
}

void
_sb_message_editor_paste_scan (SbMessageEditor *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  if (self->message == NULL)
    return;
  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read_cb, g_object_ref (self));
}

static gboolean
dropped_cb (GtkDropTarget   *target,
            const GValue    *value,
            double           x,
            double           y,
            SbMessageEditor *self)
{
  if (self->message == NULL)
    return FALSE;
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      for (GSList *l = files; l != NULL; l = l->next)
        load_file (self, l->data);
      return files != NULL;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      keep_texture (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

void
_sb_message_editor_init_scans (SbMessageEditor *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scan_viewer), GTK_EVENT_CONTROLLER (target));
}

/* ------------------------------------------------------------------------ */
/* Duplicates                                                               */
/* ------------------------------------------------------------------------ */

/**
 * _sb_message_editor_check_duplicates:
 *
 * Looks for the card typed or scanned before; shows the first one found.
 */
void
_sb_message_editor_check_duplicates (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const SbDuplicate *duplicate;

  g_clear_pointer (&self->duplicate_id, g_free);
  if (self->message != NULL && self->message->duplicate_of == NULL &&
      (found = sb_campaign_find_duplicates (self->campaign, self->message->id,
                                            self->message->original_text, &error)) == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  if (found == NULL || found->len == 0)
    {
      gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.mark-duplicate", FALSE);
      return;
    }
  duplicate = g_ptr_array_index (found, 0);
  self->duplicate_id = g_strdup (duplicate->message_id);
  text = duplicate->kind == SB_DUPLICATE_SCAN
         ? g_strdup_printf (_("This card was scanned before, as %s."), duplicate->ref)
         : g_strdup_printf (_("%s has almost the same text. Was this card typed before?"), duplicate->ref);
  gtk_label_set_text (self->duplicate_label, text);
  {
    g_autofree char *open = g_strdup_printf (_("Open %s"), duplicate->ref);
    gtk_button_set_label (self->duplicate_open_button, open);
  }
  gtk_revealer_set_reveal_child (self->duplicate_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.mark-duplicate", TRUE);
}
