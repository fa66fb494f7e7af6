/* sb-message-editor-save.c — what is typed reaches the campaign file: soon, for
 * sure, and never dropped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * There is no Save button: every change is written half a second after the last
 * key, and never later than SAVE_CEILING_MS after the first key not yet written,
 * so a volunteer who types without a pause is saved too; also when the focus
 * leaves a field, before another message is shown and when the window closes. A
 * crash or a kill loses less than a second of typing.
 *
 * A save the campaign file refuses (a full disk, a file another program holds)
 * keeps what was typed in the form, says so in a bar above it, and is tried again
 * every RETRY_DELAY_MS until it works; the editor does not move to another message
 * meanwhile, and the window asks before closing (sb-window.c).
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-toast.h"
#include "sb-message-editor-private.h"
#include "sb-transcription.h"

#define SAVE_DELAY_MS   500
/* Under a second, with room for a slow main loop and the write itself. */
#define SAVE_CEILING_MS 800
#define RETRY_DELAY_MS  5000

/* The message as the campaign now holds it, after @saved was written; when it
 * cannot be read back, the one written, and why. */
static void
reload_message (SbMessageEditor  *self,
                SbMessage       **saved)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->message, sb_message_free);
  self->message = sb_campaign_get_message (self->campaign, (*saved)->id, &error);
  if (self->message == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      self->message = g_steal_pointer (saved);
    }
}

/* Another message or campaign replaces the form: whatever it held is gone. */
void
_sb_message_editor_forget_unsaved (SbMessageEditor *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->unsaved = FALSE;
  self->unsaved_since = 0;
  g_clear_error (&self->save_error);
  gtk_revealer_set_reveal_child (self->save_failed_revealer, FALSE);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SbMessageEditor *self = user_data;

  self->save_id = 0;
  sb_message_editor_save_now (self);
  return G_SOURCE_REMOVE;
}

void
_sb_message_editor_schedule_save (SbMessageEditor *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  if (self->loading > 0 || self->message == NULL)
    return;
  self->unsaved = TRUE;
  if (self->unsaved_since == 0)
    self->unsaved_since = now;
  /* After a failure the next try is already planned: each key would only meet the
   * same full disk or locked file. */
  if (self->save_error != NULL)
    {
      if (self->save_id == 0)
        self->save_id = g_timeout_add (RETRY_DELAY_MS, save_timeout_cb, self);
      return;
    }
  waited_ms = (now - self->unsaved_since) / 1000;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (CLAMP (SAVE_CEILING_MS - waited_ms, 0, SAVE_DELAY_MS),
                                 save_timeout_cb, self);
  gtk_label_set_text (self->saved_label, "");
}

/* The campaign file refused what was typed: say so, keep it, try again later. */
static void
show_save_failed (SbMessageEditor *self,
                  GError          *error)
{
  g_autofree char *text = g_strdup_printf ("%s %s", error->message,
                                           _("Sambot tries again every few seconds."));

  g_clear_error (&self->save_error);
  self->save_error = error;
  gtk_label_set_text (self->save_failed_label, text);
  gtk_revealer_set_reveal_child (self->save_failed_revealer, TRUE);
  gtk_label_set_text (self->saved_label, _("Not saved"));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (RETRY_DELAY_MS, save_timeout_cb, self);
}

static void
show_saved (SbMessageEditor *self)
{
  self->unsaved = FALSE;
  gtk_label_set_text (self->saved_label, _("Saved"));
  if (self->save_error == NULL)
    return;
  g_clear_error (&self->save_error);
  gtk_revealer_set_reveal_child (self->save_failed_revealer, FALSE);
  _sb_gui_toast (GTK_WIDGET (self), _("Saved: nothing you typed was lost."));
}

static void
focus_left_cb (SbMessageEditor *self)
{
  if (self->unsaved && self->save_error == NULL)
    sb_message_editor_save_now (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sb_message_editor_save_now (SB_MESSAGE_EDITOR (widget));
}

/* Leaving a field saves it, as leaving the editor does. */
static void
watch_focus (SbMessageEditor *self,
             GtkWidget       *field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_left_cb), self);
  gtk_widget_add_controller (field, focus);
}

/**
 * sb_message_editor_save_now:
 *
 * Writes what is typed, if anything changed. A field the campaign refuses (a date
 * that does not exist…) is named under the form and the rest is saved; a campaign
 * file that cannot be written is named in a bar above the form and tried again
 * every few seconds. Everything typed stays in the form.
 *
 * Returns: %TRUE when the campaign holds what the form shows
 */
gboolean
sb_message_editor_save_now (SbMessageEditor *self)
{
  g_autoptr(SbMessage) edited = NULL;
  g_autoptr(SbMessage) partial = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) partial_error = NULL;

  g_return_val_if_fail (SB_IS_MESSAGE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->unsaved_since = 0;
  if (self->message == NULL || self->campaign == NULL || !self->unsaved)
    return TRUE;
  edited = _sb_message_editor_read_form (self);
  if (sb_campaign_update_message (self->campaign, edited, &error))
    {
      _sb_message_editor_show_error (self, NULL);
      show_saved (self);
      reload_message (self, &edited);
      _sb_message_editor_update_actions (self);
      _sb_message_editor_check_duplicates (self);
      return TRUE;
    }
  /* The campaign's own rules (SB_CORE_ERROR) name a field to correct; anything
   * else is the file: full, locked, read-only. */
  if (error->domain != SB_CORE_ERROR)
    {
      show_save_failed (self, g_steal_pointer (&error));
      return FALSE;
    }

  /* Half-typed dates are the usual reason: keep the rest of the card anyway,
   * with the date it had, and say what is wrong. */
  _sb_message_editor_show_error (self, error);
  if (g_strcmp0 (edited->received_on, self->message->received_on) == 0)
    return FALSE;
  partial = sb_message_copy (edited);
  g_free (partial->received_on);
  partial->received_on = g_strdup (self->message->received_on);
  if (!sb_campaign_update_message (self->campaign, partial, &partial_error))
    {
      if (partial_error->domain != SB_CORE_ERROR)
        show_save_failed (self, g_steal_pointer (&partial_error));
      return FALSE;
    }
  reload_message (self, &partial);
  return FALSE;
}

/**
 * sb_message_editor_get_save_error:
 *
 * Returns: (nullable): why what is typed could not be written to the campaign
 *   file, while it could not
 */
const GError *
sb_message_editor_get_save_error (SbMessageEditor *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_EDITOR (self), NULL);
  return self->save_error;
}


void
_sb_message_editor_init_saving (SbMessageEditor *self)
{
  watch_focus (self, GTK_WIDGET (self));
  watch_focus (self, GTK_WIDGET (self->text_view));
  watch_focus (self, GTK_WIDGET (self->translation_km_view));
  watch_focus (self, GTK_WIDGET (self->translation_en_view));
  watch_focus (self, GTK_WIDGET (self->notes_view));
  watch_focus (self, GTK_WIDGET (self->sender_row));
  watch_focus (self, GTK_WIDGET (self->city_row));
  watch_focus (self, GTK_WIDGET (self->received_row));
}

void
_sb_message_editor_install_save_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}
