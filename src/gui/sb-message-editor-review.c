/* sb-message-editor-review.c — done and next, approve, hold, delete with undo,
 * mark as duplicate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batches.h"
#include "sb-gui-toast.h"
#include "sb-message-editor-private.h"
#include "sb-store-error.h"
#include "sb-transcription.h"

/* What the campaign refuses about this message stays under the form. A campaign
 * file that cannot be written (another program holds it, read-only, full, damaged)
 * is not about the message: it is said in a toast, as the messages page does. */
static void
review_failed (SbMessageEditor *self,
               const GError    *error)
{
  if (error->domain == SB_STORE_ERROR && error->code != SB_STORE_ERROR_CONSTRAINT)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  else
    _sb_message_editor_show_error (self, error);
}

/* After a card is done: the next one, or a word of thanks when there is none;
 * when the next one cannot be found, why (@error), never a false "all done". */
static void
open_next (SbMessageEditor *self,
           char            *next_id,
           const GError    *error,
           const char      *none_left)
{
  if (next_id == NULL)
    {
      if (error != NULL)
        _sb_gui_report_error (GTK_WIDGET (self), error);
      else
        _sb_gui_toast (GTK_WIDGET (self), none_left);
      sb_message_editor_show_message (self, self->message ? self->message->id : NULL);
      return;
    }
  _sb_message_editor_emit_open (self, next_id);
  g_free (next_id);
}

static void
done_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  char *next = NULL;

  if (self->message == NULL || !sb_message_editor_save_now (self))
    return;
  id = g_strdup (self->message->id);
  if (!sb_campaign_mark_transcribed (self->campaign, id, &error))
    {
      review_failed (self, error);
      return;
    }
  next = sb_campaign_next_to_transcribe (self->campaign, id, &error);
  open_next (self, g_steal_pointer (&next), error, _("Every card is typed. Thank you!"));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  char *next = NULL;

  if (self->message == NULL || !sb_message_editor_save_now (self))
    return;
  id = g_strdup (self->message->id);
  if (!sb_campaign_approve (self->campaign, id,
                            gtk_check_button_get_active (self->without_translation_check), &error))
    {
      review_failed (self, error);
      return;
    }
  next = sb_campaign_next_to_review (self->campaign, id, &error);
  open_next (self, g_steal_pointer (&next), error, _("Every message is reviewed."));
}

/* The Hold dialog's own widgets, and the editor it holds a message of (weakly, as
 * the dialog may outlive it). Freed with the dialog's response handler; it keeps
 * the list and the entry alive until then, and takes its handlers off them. */
typedef struct
{
  GWeakRef          editor;
  AdwMessageDialog *dialog;
  GtkDropDown      *reasons;
  GtkEditable      *detail;
} HoldDialog;

static void
hold_dialog_free (gpointer  data,
                  GClosure *closure)
{
  HoldDialog *hold = data;

  g_signal_handlers_disconnect_by_data (hold->reasons, hold);
  g_signal_handlers_disconnect_by_data (hold->detail, hold);
  g_object_unref (hold->reasons);
  g_object_unref (hold->detail);
  g_weak_ref_clear (&hold->editor);
  g_free (hold);
}

/* The reason the dialog gives: the one chosen from the campaign's list, what is
 * typed, or both; %NULL while there is none. @typed is set to what was typed alone. */
static char *
dialog_hold_reason (HoldDialog  *hold,
                    char       **typed)
{
  GtkDropDown *reasons = hold->reasons;
  GtkEditable *detail = hold->detail;
  /* A copy: the entry's own text must not be changed under it. */
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (detail)));
  guint position = gtk_drop_down_get_selected (reasons);
  g_autoptr(GtkStringObject) chosen = NULL;
  char *reason = NULL;

  /* Position 0 is "Another reason": nothing chosen from the list. */
  if (position != GTK_INVALID_LIST_POSITION && position > 0)
    chosen = g_list_model_get_item (gtk_drop_down_get_model (reasons), position);
  if (chosen != NULL && *text != '\0')
    reason = g_strdup_printf ("%s — %s", gtk_string_object_get_string (chosen), text);
  else if (chosen != NULL)
    reason = g_strdup (gtk_string_object_get_string (chosen));
  else if (*text != '\0')
    reason = g_strdup (text);
  if (typed != NULL)
    *typed = chosen == NULL && *text != '\0' ? g_steal_pointer (&text) : NULL;
  return reason;
}

static void
hold_reason_changed_cb (HoldDialog *hold)
{
  g_autofree char *reason = dialog_hold_reason (hold, NULL);

  adw_message_dialog_set_response_enabled (hold->dialog, "hold", reason != NULL);
}

/* Enter in the reason holds the message once there is a reason, and does nothing
 * before. */
static void
hold_reason_activated_cb (HoldDialog *hold)
{
  g_autofree char *reason = dialog_hold_reason (hold, NULL);

  if (reason == NULL)
    return;
  adw_message_dialog_response (hold->dialog, "hold");
  gtk_window_close (GTK_WINDOW (hold->dialog));
}

static void
hold_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  HoldDialog       *hold)
{
  g_autoptr(SbMessageEditor) self = g_weak_ref_get (&hold->editor);
  g_autofree char *typed = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL || !g_str_equal (response, "hold") || self->message == NULL)
    return;
  reason = dialog_hold_reason (hold, &typed);
  if (reason == NULL)
    return;
  if (!sb_campaign_hold (self->campaign, self->message->id, reason, &error))
    {
      review_failed (self, error);
      return;
    }
  sb_message_editor_show_message (self, self->message->id);
  /* A reason typed for the first time joins the campaign's list; the message is
   * held even when the list cannot take it. */
  if (typed != NULL && !sb_campaign_add_reason (self->campaign, "hold", typed, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The message is held, but its reason was not "
                                                 "added to the list of reasons: %s"),
                                               error->message);

      _sb_gui_toast (GTK_WIDGET (self), text);
    }
}

static void
hold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (widget);
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *box, *dropdown, *detail;
  AdwMessageDialog *dialog;
  HoldDialog *hold;
  g_autoptr(GError) error = NULL;

  if (self->message == NULL || !sb_message_editor_save_now (self))
    return;
  /* Without the campaign's list of reasons, a reason can still be typed. */
  if ((reasons = sb_campaign_list_reasons (self->campaign, "hold", &error)) == NULL)
    _sb_gui_report_error (widget, error);
  gtk_string_list_append (labels, _("Another reason"));
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    gtk_string_list_append (labels, g_ptr_array_index (reasons, i));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                      _("Hold This Message?"),
                                                      _("It will not go to the prison until a reviewer approves it.")));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  if (reasons == NULL || reasons->len == 0)
    gtk_widget_set_visible (dropdown, FALSE);
  detail = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (detail), _("Why, in a few words"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (detail), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Why"), -1);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), detail);
  adw_message_dialog_set_extra_child (dialog, box);
  hold = g_new0 (HoldDialog, 1);
  g_weak_ref_init (&hold->editor, self);
  hold->dialog = dialog;
  hold->reasons = GTK_DROP_DOWN (g_object_ref (dropdown));
  hold->detail = GTK_EDITABLE (g_object_ref (detail));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "hold", _("_Hold"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "hold", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "hold");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* No reason, no hold: the button waits for one. */
  adw_message_dialog_set_response_enabled (dialog, "hold", FALSE);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (hold_reason_changed_cb), hold);
  g_signal_connect_swapped (detail, "changed", G_CALLBACK (hold_reason_changed_cb), hold);
  g_signal_connect_swapped (detail, "activate", G_CALLBACK (hold_reason_activated_cb), hold);
  g_signal_connect_data (dialog, "response", G_CALLBACK (hold_response_cb), hold, hold_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the Undo of a deletion puts back, and in which editor (weakly: the toast
 * may outlive it). Freed with the toast's handler. */
typedef struct
{
  GWeakRef  editor;
  char     *message_id;
} UndoDelete;

static void
undo_delete_free (gpointer  data,
                  GClosure *closure)
{
  UndoDelete *undo = data;

  g_weak_ref_clear (&undo->editor);
  g_free (undo->message_id);
  g_free (undo);
}

static void
undo_delete_cb (AdwToast   *toast,
                UndoDelete *undo)
{
  g_autoptr(SbMessageEditor) self = g_weak_ref_get (&undo->editor);
  const char *id = undo->message_id;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  if (!sb_campaign_restore_message (self->campaign, id, &error))
    review_failed (self, error);
  else
    _sb_message_editor_emit_open (self, id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  char *next = NULL;
  AdwToast *toast;
  UndoDelete *undo;

  if (self->message == NULL || !sb_message_editor_save_now (self))
    return;
  id = g_strdup (self->message->id);
  if (!sb_campaign_delete_message (self->campaign, id, &error))
    {
      review_failed (self, error);
      return;
    }
  title = g_strdup_printf (_("%s deleted"), self->message->ref);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  undo = g_new0 (UndoDelete, 1);
  g_weak_ref_init (&undo->editor, self);
  undo->message_id = g_strdup (id);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo, undo_delete_free, 0);
  _sb_gui_add_toast (widget, toast);
  next = sb_campaign_next_to_transcribe (self->campaign, id, &error);
  open_next (self, g_steal_pointer (&next), error, _("Nothing left to type."));
}

static void
mark_duplicate_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->message == NULL || self->duplicate_id == NULL || !sb_message_editor_save_now (self))
    return;
  if (!sb_campaign_mark_duplicate (self->campaign, self->message->id, self->duplicate_id, &error))
    review_failed (self, error);
  else
    {
      _sb_gui_toast (GTK_WIDGET (self), _("Marked as a duplicate: it is no longer counted."));
      gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
    }
}

void
_sb_message_editor_install_review_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.done-next", NULL, done_next_action);
  gtk_widget_class_install_action (widget_class, "editor.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "editor.hold", NULL, hold_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.mark-duplicate", NULL, mark_duplicate_action);
}
