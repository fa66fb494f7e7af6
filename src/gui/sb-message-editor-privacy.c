/* sb-message-editor-privacy.c — forget the sender; what a printed batch freezes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forget Sender… erases the sender's personal data at their request, after a dialog
 * that says what goes and what stays (src/core/sb-campaign-erasure.c). A message whose
 * copies went into a sealed batch shows what was printed read-only, and says why; the
 * campaign refuses those changes anyway (src/core/sb-campaign-messages.c).
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-enums.h"
#include "sb-gui-toast.h"
#include "sb-message-editor-private.h"
#include "sb-privacy.h"

/* ------------------------------------------------------------------------ */
/* Forget Sender                                                            */
/* ------------------------------------------------------------------------ */

typedef struct
{
  SbMessageEditor *editor;
  char            *message_id;
  char            *ref;
} Forgetting;

static void
forgetting_free (Forgetting *forgetting)
{
  g_object_unref (forgetting->editor);
  g_free (forgetting->message_id);
  g_free (forgetting->ref);
  g_free (forgetting);
}

static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forgetting *forgetting = user_data;
  SbMessageEditor *self = forgetting->editor;
  g_autoptr(GError) error = NULL;
  gboolean shown = g_strcmp0 (sb_message_editor_get_message_id (self), forgetting->message_id) == 0;
  gboolean ok = sb_campaign_forget_sender_finish (SB_CAMPAIGN (source), result, NULL, &error);

  /* The editor went away meanwhile: nothing to show. */
  if (self->root == NULL)
    {
      forgetting_free (forgetting);
      return;
    }
  if (!ok)
    {
      if (shown)
        _sb_message_editor_show_error (self, error);
    }
  else
    {
      g_autofree char *done = g_strdup_printf (_("The sender of %s is forgotten"), forgetting->ref);

      /* The form still holds what was erased: show the message as it is now, and
       * never save the old form over it. */
      if (shown)
        {
          g_clear_handle_id (&self->save_id, g_source_remove);
          sb_message_editor_show_message (self, forgetting->message_id);
        }
      _sb_gui_toast (GTK_WIDGET (self), done);
    }
  gtk_widget_set_sensitive (self->root, self->message != NULL);
  forgetting_free (forgetting);
}

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbMessageEditor  *self)
{
  Forgetting *forgetting;

  if (!g_str_equal (response, "forget") || self->message == NULL)
    return;
  forgetting = g_new0 (Forgetting, 1);
  forgetting->editor = g_object_ref (self);
  forgetting->message_id = g_strdup (self->message->id);
  forgetting->ref = g_strdup (self->message->ref);
  g_clear_handle_id (&self->save_id, g_source_remove);
  gtk_widget_set_sensitive (self->root, FALSE);
  sb_campaign_forget_sender_async (self->campaign, forgetting->message_id, NULL, forgotten_cb,
                                   forgetting);
}

static void
forget_sender_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->message == NULL)
    return;
  /* What was typed is saved first; what the dialog erases is then in the campaign. */
  sb_message_editor_save_now (self);
  /* Translators: %s is a message's reference, "PP-0042". */
  heading = g_strdup_printf (_("Forget the Sender of %s?"), self->message->ref);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (widget)), heading,
    _("Their name, city and contact, and the scans of the card, will be erased from the "
      "message and from its history. This cannot be undone.\n\n"
      "Kept: the message, its text and translations, its addressees and deliveries, and "
      "the sender’s country, which the figures count. The history will say who erased "
      "the sender and when. Backups made before still hold the sender’s details.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "forget", _("_Forget Sender"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_message_editor_install_privacy_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.forget-sender", NULL,
                                   forget_sender_action);
}

/* ------------------------------------------------------------------------ */
/* What a printed batch freezes                                             */
/* ------------------------------------------------------------------------ */

static char *
printed_reason (const SbMessage *message,
                const SbBatch   *batch)
{
  SbBatchState state = sb_batch_state_from_nick (batch->state);

  if (state == SB_BATCH_STATE_SEALED)
    /* Translators: %1$s is a message's reference, %2$s a batch code (also in the next
     * two). They say why the editor shows these fields read-only. */
    return g_strdup_printf (_("%1$s is in sealed batch %2$s. What was printed stays as it "
                              "was: the text, the Khmer translation, the language, the "
                              "channel, the date received, and the sender’s name and country "
                              "when they were shown. To send a corrected message, add a new "
                              "one."), message->ref, batch->code);
  if (state == SB_BATCH_STATE_HANDED_OVER)
    /* Translators: see “%1$s is in sealed batch %2$s. What was printed…” */
    return g_strdup_printf (_("%1$s was handed over in batch %2$s. What was printed stays as "
                              "it was: the text, the Khmer translation, the language, the "
                              "channel, the date received, and the sender’s name and country "
                              "when they were shown. To send a corrected message, add a new "
                              "one."), message->ref, batch->code);
  /* Translators: see “%1$s is in sealed batch %2$s. What was printed…” */
  return g_strdup_printf (_("%1$s is in closed batch %2$s. What was printed stays as it was: "
                            "the text, the Khmer translation, the language, the channel, the "
                            "date received, and the sender’s name and country when they were "
                            "shown. To send a corrected message, add a new one."),
                          message->ref, batch->code);
}

/* Addressees whose copy is on its way stay: their toggle says so. */
static void
freeze_addressees (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  /* Copies that cannot be read: no toggle can change (as in
   * _sb_message_editor_fill_addressees()), and the person is told why. */
  if (self->message != NULL &&
      (copies = sb_campaign_list_copies (self->campaign, self->message->id, &error)) == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  for (guint i = 0; i < self->addressee_buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->addressee_buttons, i);
      gboolean underway = self->message != NULL && copies == NULL;

      for (guint j = 0; copies != NULL && j < copies->len && !underway; j++)
        {
          const SbCopy *copy = g_ptr_array_index (copies, j);

          underway = g_str_equal (copy->detainee_id, g_ptr_array_index (self->detainee_ids, i)) &&
                     sb_copy_state_is_underway (copy->state);
        }
      gtk_widget_set_sensitive (button, !underway);
      gtk_widget_set_tooltip_text (button, underway && copies != NULL
                                           ? _("Its copy is in a batch or delivered") : NULL);
    }
}

/**
 * _sb_message_editor_show_printed:
 *
 * Shows the fields a sealed batch printed read-only, and the sender's fields once the
 * sender was forgotten, with the reason above the form, or makes them editable
 * again; enables Forget Sender. Runs whenever the form is
 * filled.
 */
void
_sb_message_editor_show_printed (SbMessageEditor *self)
{
  g_autoptr(SbBatch) batch = NULL;
  g_autofree char *reason = NULL;
  gboolean frozen, sender_frozen, forgotten = FALSE;
  gboolean read_only = self->campaign != NULL && sb_campaign_is_read_only (self->campaign);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) forgotten_error = NULL;

  /* When it cannot be read, the campaign still refuses changes to what was printed
   * (sb-campaign-messages.c); the person is told why. */
  if (self->message != NULL && self->campaign != NULL &&
      (batch = sb_campaign_get_printed_batch (self->campaign, self->message->id, &error)) == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  frozen = batch != NULL;
  /* Without consent the name and country were printed "withheld". */
  sender_frozen = frozen && sb_consent_from_nick (self->message->consent) != SB_CONSENT_NONE;
  /* A sender forgotten at their request is not typed again (the campaign refuses it). */
  if (self->message != NULL && self->campaign != NULL &&
      !sb_campaign_sender_is_forgotten (self->campaign, self->message->id, &forgotten,
                                        &forgotten_error))
    _sb_gui_report_error (GTK_WIDGET (self), forgotten_error);

  gtk_text_view_set_editable (self->text_view, !frozen);
  gtk_text_view_set_editable (self->translation_km_view, !frozen);
  gtk_editable_set_editable (GTK_EDITABLE (self->received_row), !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_row), !frozen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), !frozen);
  gtk_editable_set_editable (GTK_EDITABLE (self->sender_row), !sender_frozen && !forgotten);
  gtk_editable_set_editable (GTK_EDITABLE (self->city_row), !forgotten);
  gtk_widget_set_sensitive (GTK_WIDGET (self->country_dropdown), !sender_frozen);
  /* Consent can be withdrawn, not given, once printed without the name. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_row), !frozen || sender_frozen);
  freeze_addressees (self);

  if (frozen)
    reason = printed_reason (self->message, batch);
  if (forgotten)
    {
      /* Translators: %s is a message's reference, "PP-0042". */
      g_autofree char *why = g_strdup_printf (_("The sender of %s was forgotten at their "
                                                "request: their name, city and contact are "
                                                "not typed again."), self->message->ref);
      char *both = reason != NULL ? g_strconcat (reason, "\n", why, NULL) : g_strdup (why);

      g_free (reason);
      reason = both;
    }
  gtk_label_set_text (self->printed_label, reason ? reason : "");
  gtk_revealer_set_reveal_child (self->printed_revealer, reason != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.forget-sender",
                                 self->message != NULL && !read_only);
  /* A campaign that cannot be changed is read, not typed into. */
  if (read_only)
    _sb_message_editor_set_editable (self, FALSE);
}
