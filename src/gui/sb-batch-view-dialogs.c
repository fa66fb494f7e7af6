/* sb-batch-view-dialogs.c — the questions a batch asks: seal, add, reject, correct
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batch-view-private.h"
#include "sb-gui-format.h"
#include "sb-handover-dialog.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static AdwMessageDialog *
new_dialog (SbBatchView *self,
            const char  *heading,
            const char  *body)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (_sb_batch_view_get_window (self), heading, body));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* Fills @list with the reasons for rejection; selects @select if given. */
static void
fill_reasons (SbBatchView   *self,
              GtkStringList *list,
              AdwComboRow   *row,
              const char    *select)
{
  g_autoptr(GPtrArray) reasons = sb_campaign_list_reasons (self->campaign, "reject", NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (reasons == NULL)
    return;
  g_ptr_array_add (reasons, NULL);
  gtk_string_list_splice (list, 0, n, (const char *const *) reasons->pdata);
  for (guint i = 0; select != NULL && reasons->pdata[i] != NULL; i++)
    if (g_str_equal (reasons->pdata[i], select))
      adw_combo_row_set_selected (row, i);
}

static const char *
selected_string (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static void
reason_applied_cb (AdwEntryRow *entry,
                   SbBatchView *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  AdwComboRow *row = g_object_get_data (G_OBJECT (entry), "combo");
  g_autoptr(GError) error = NULL;

  if (*label == '\0')
    return;
  if (!sb_campaign_add_reason (self->campaign, "reject", label, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  fill_reasons (self, GTK_STRING_LIST (adw_combo_row_get_model (row)), row, label);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* A combo of the reasons and, below it, an entry that adds one to the list. */
static AdwComboRow *
add_reason_rows (SbBatchView *self,
                 GtkWidget   *list)
{
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  GtkWidget *combo = adw_combo_row_new ();
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Reason"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (reasons));
  gtk_accessible_update_property (GTK_ACCESSIBLE (combo), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  fill_reasons (self, reasons, ADW_COMBO_ROW (combo), NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Add reason…"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add reason…"), -1);
  g_object_set_data (G_OBJECT (entry), "combo", combo);
  g_signal_connect_object (entry, "apply", G_CALLBACK (reason_applied_cb), self, 0);
  gtk_list_box_append (GTK_LIST_BOX (list), combo);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  return ADW_COMBO_ROW (combo);
}

/* ------------------------------------------------------------------------ */
/* Seal and hand over                                                       */
/* ------------------------------------------------------------------------ */

static void
seal_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SbBatchView      *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) sealed = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "seal") || self->campaign == NULL)
    return;
  if (!sb_campaign_seal_batch (self->campaign, self->batch_id, &error))
    {
      _sb_batch_view_show_error (self, _("Could Not Seal the Batch"), error);
      return;
    }
  sealed = sb_campaign_get_batch (self->campaign, self->batch_id, NULL);
  /* Translators: %s is the code the batch was given, "PS-2016-10-08-01". */
  title = g_strdup_printf (_("Sealed as %s"), sealed ? sealed->code : "");
  _sb_batch_view_toast (self, title);
}

void
_sb_batch_view_seal (SbBatchView *self)
{
  guint n = self->listing ? self->listing->lines->len : 0;
  g_autofree char *body = _sb_localise_digits (
    g_strdup_printf (ngettext ("Its %u message is frozen: none can be added or taken out "
                               "afterwards. The batch gets its code and the digest printed on "
                               "the manifest.",
                               "Its %u messages are frozen: none can be added or taken out "
                               "afterwards. The batch gets its code and the digest printed on "
                               "the manifest.", n), n));
  AdwMessageDialog *dialog = new_dialog (self, _("Seal the Batch?"), body);

  adw_message_dialog_add_response (dialog, "seal", _("_Seal"));
  adw_message_dialog_set_response_appearance (dialog, "seal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "seal");
  g_signal_connect_object (dialog, "response", G_CALLBACK (seal_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_batch_view_hand_over (SbBatchView *self)
{
  GtkWidget *dialog;

  if (self->campaign == NULL || self->batch_id == NULL)
    return;
  dialog = sb_handover_dialog_new (_sb_batch_view_get_window (self), self->campaign, self->batch_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Adding waiting copies to a draft                                         */
/* ------------------------------------------------------------------------ */

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 SbBatchView      *self)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "list");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add") || list == NULL)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_ptr_array_add (ids, g_object_get_data (G_OBJECT (check), "copy-id"));
    }
  if (ids->len == 0)
    return;
  g_ptr_array_add (ids, NULL);
  if (!sb_campaign_batch_add (self->campaign, self->batch_id, (const char *const *) ids->pdata, &error))
    _sb_batch_view_show_error (self, _("Could Not Add the Messages"), error);
}

void
_sb_batch_view_add_copies (SbBatchView *self)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *list;

  if (self->listing == NULL)
    return;
  copies = sb_campaign_list_eligible_copies (self->campaign, self->listing->batch->facility_id, &error);
  detainees = copies ? sb_campaign_list_detainees (self->campaign, &error) : NULL;
  if (detainees == NULL)
    {
      _sb_batch_view_show_error (self, _("Could Not Read the Waiting Messages"), error);
      return;
    }
  for (guint i = 0; i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (detainees, i);

      g_hash_table_insert (names, detainee->id, (gpointer) sb_detainee_get_name (detainee));
    }

  dialog = new_dialog (self, _("Add Messages"),
                       copies->len > 0
                       ? _("Choose the approved messages, waiting for the people held at this "
                           "facility, to add to the batch. The oldest come first.")
                       : _("No other approved message is waiting for the people held at this "
                           "facility."));
  list = boxed_list ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Waiting messages"), -1);
  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);
      g_autoptr(SbMessage) message = sb_campaign_get_message (self->campaign, copy->message_id, NULL);
      g_autofree char *received = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row, *check;

      if (message == NULL)
        continue;
      received = _sb_format_long_date (message->received_on);
      /* Translators: a message reference and the detainee it is for. */
      title = g_strdup_printf (_("%s for %s"), message->ref,
                               (char *) g_hash_table_lookup (names, copy->detainee_id));
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), received);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_object_set_data_full (G_OBJECT (check), "copy-id", g_strdup (copy->id), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (copies->len > 0)
    {
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), MIN (copies->len, 5) * 56);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      adw_message_dialog_set_extra_child (dialog, scrolled);
      g_object_set_data (G_OBJECT (dialog), "list", list);
      adw_message_dialog_add_response (dialog, "add", _("_Add"));
      adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      g_object_ref_sink (list);
      g_object_unref (list);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Exceptions and corrections                                               */
/* ------------------------------------------------------------------------ */

static void
reject_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbBatchView      *self)
{
  AdwComboRow *combo = g_object_get_data (G_OBJECT (dialog), "combo");
  const char *copy_id = g_object_get_data (G_OBJECT (dialog), "copy-id");
  SbBatchException exception = { copy_id, "rejected", selected_string (combo) };
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reject"))
    return;
  if (exception.reason == NULL)
    exception.reason = "";
  if (!sb_campaign_record_outcomes (self->campaign, self->batch_id, &exception, 1, FALSE, NULL, &error))
    _sb_batch_view_show_error (self, _("Could Not Record the Outcome"), error);
}

static void
reject_reason_changed_cb (AdwComboRow      *combo,
                          GParamSpec       *pspec,
                          AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "reject", selected_string (combo) != NULL);
}

void
_sb_batch_view_reject (SbBatchView *self,
                       const char  *copy_id)
{
  SbBatchLine *line = _sb_batch_view_find_line (self, copy_id);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  AdwComboRow *combo;

  if (line == NULL)
    return;
  list = boxed_list ();
  /* Translators: %s is a message reference. */
  body = g_strdup_printf (_("Why did the facility reject %s? It goes back to the waiting messages "
                            "and can go in a later batch."), line->message->ref);
  dialog = new_dialog (self, _("Rejected by the Facility"), body);
  combo = add_reason_rows (self, list);
  g_object_set_data (G_OBJECT (dialog), "combo", combo);
  g_object_set_data_full (G_OBJECT (dialog), "copy-id", g_strdup (copy_id), g_free);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "reject", _("_Rejected"));
  adw_message_dialog_set_response_appearance (dialog, "reject", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (combo, "notify::selected-item", G_CALLBACK (reject_reason_changed_cb), dialog, 0);
  reject_reason_changed_cb (combo, NULL, dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reject_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *const outcomes[] = { "delivered", "rejected", "returned" };

static void
correct_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SbBatchView      *self)
{
  AdwComboRow *outcome = g_object_get_data (G_OBJECT (dialog), "outcome");
  AdwComboRow *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  const char *copy_id = g_object_get_data (G_OBJECT (dialog), "copy-id");
  guint chosen = adw_combo_row_get_selected (outcome);
  const char *why = chosen == 1 ? selected_string (reason) : "";
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "correct") || chosen >= G_N_ELEMENTS (outcomes))
    return;
  if (!sb_campaign_correct_outcome (self->campaign, self->batch_id, copy_id, outcomes[chosen],
                                    why ? why : "", gtk_editable_get_text (note), &error))
    _sb_batch_view_show_error (self, _("Could Not Correct the Outcome"), error);
  else
    _sb_batch_view_toast (self, _("Correction recorded"));
}

static void
correct_outcome_changed_cb (AdwComboRow *outcome,
                            GParamSpec  *pspec,
                            AdwComboRow *reason)
{
  gtk_widget_set_sensitive (GTK_WIDGET (reason), adw_combo_row_get_selected (outcome) == 1);
}

static void
correct_note_changed_cb (GtkEditable      *note,
                         AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (note)));

  adw_message_dialog_set_response_enabled (dialog, "correct", *text != '\0');
}

void
_sb_batch_view_correct (SbBatchView *self,
                        const char  *copy_id)
{
  SbBatchLine *line = _sb_batch_view_find_line (self, copy_id);
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char *[]) { _("Delivered"), _("Rejected"),
                                                                           _("Returned"), NULL });
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list, *outcome, *note;
  AdwComboRow *reason;

  if (line == NULL)
    return;
  list = boxed_list ();
  outcome = adw_combo_row_new ();
  note = adw_entry_row_new ();
  /* Translators: %s is a message reference. */
  body = g_strdup_printf (_("The outcome recorded for %s is kept in the batch's history; the "
                            "correction and your note are recorded beside it."), line->message->ref);
  dialog = new_dialog (self, _("Correct the Outcome"), body);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (outcome), _("Outcome"));
  adw_combo_row_set_model (ADW_COMBO_ROW (outcome), G_LIST_MODEL (names));
  gtk_accessible_update_property (GTK_ACCESSIBLE (outcome), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outcome"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), outcome);
  reason = add_reason_rows (self, list);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note (why it is corrected)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), note);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_str_equal (outcomes[i], line->item->outcome))
      adw_combo_row_set_selected (ADW_COMBO_ROW (outcome), i);
  g_signal_connect_object (outcome, "notify::selected", G_CALLBACK (correct_outcome_changed_cb), reason, 0);
  correct_outcome_changed_cb (ADW_COMBO_ROW (outcome), NULL, reason);

  g_object_set_data (G_OBJECT (dialog), "outcome", outcome);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data_full (G_OBJECT (dialog), "copy-id", g_strdup (copy_id), g_free);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "correct", _("C_orrect"));
  adw_message_dialog_set_response_appearance (dialog, "correct", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "correct", FALSE);
  g_signal_connect_object (note, "changed", G_CALLBACK (correct_note_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correct_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
