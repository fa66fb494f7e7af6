/* sb-batch-correct-dialog.c — a corrected outcome for a message of a closed batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for the outcome, the reason when it was rejected, and a note saying why it is
 * corrected (without a note the correction cannot be made). The batch view records
 * it when the answer is "correct" (src/gui/sb-batch-view-dialogs.c).
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batch-correct-dialog.h"
#include "sb-batch-reasons.h"

/* In the order of the outcome row's list (sb-batch-correct-dialog.ui). */
static const char *const outcomes[] = { "delivered", "rejected", "returned" };

struct _SbBatchCorrectDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *outcome_row;
  AdwComboRow      *reason_row;
  AdwEntryRow      *new_reason_row;
  AdwEntryRow      *note_row;

  SbCampaign       *campaign;
  SbCopy           *copy;
};

G_DEFINE_FINAL_TYPE (SbBatchCorrectDialog, sb_batch_correct_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
outcome_changed_cb (SbBatchCorrectDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->reason_row), adw_combo_row_get_selected (self->outcome_row) == 1);
}

static void
new_reason_applied_cb (SbBatchCorrectDialog *self)
{
  _sb_batch_reasons_add (self->campaign, self->new_reason_row, self->reason_row);
}

static void
note_changed_cb (SbBatchCorrectDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "correct", *text != '\0');
}

static void
sb_batch_correct_dialog_dispose (GObject *object)
{
  SbBatchCorrectDialog *self = SB_BATCH_CORRECT_DIALOG (object);

  g_clear_object (&self->campaign);

  G_OBJECT_CLASS (sb_batch_correct_dialog_parent_class)->dispose (object);
}

static void
sb_batch_correct_dialog_finalize (GObject *object)
{
  SbBatchCorrectDialog *self = SB_BATCH_CORRECT_DIALOG (object);

  g_clear_pointer (&self->copy, sb_copy_free);

  G_OBJECT_CLASS (sb_batch_correct_dialog_parent_class)->finalize (object);
}

static void
sb_batch_correct_dialog_class_init (SbBatchCorrectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_batch_correct_dialog_dispose;
  object_class->finalize = sb_batch_correct_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-batch-correct-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbBatchCorrectDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, SbBatchCorrectDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SbBatchCorrectDialog, new_reason_row);
  gtk_widget_class_bind_template_child (widget_class, SbBatchCorrectDialog, note_row);
  gtk_widget_class_bind_template_callback (widget_class, outcome_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_reason_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_changed_cb);
}

static void
sb_batch_correct_dialog_init (SbBatchCorrectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_batch_correct_dialog_new:
 * @parent: the window it belongs to
 * @campaign: the campaign, for its reasons
 * @copy: the copy whose outcome is corrected
 * @ref: its message's reference, as the person knows it
 * @outcome: the outcome recorded: "delivered", "rejected" or "returned"
 *
 * Returns: (transfer floating): a new dialog, not yet shown
 */
GtkWidget *
sb_batch_correct_dialog_new (GtkWindow  *parent,
                             SbCampaign *campaign,
                             const SbCopy *copy,
                             const char *ref,
                             const char *outcome)
{
  SbBatchCorrectDialog *self = g_object_new (SB_TYPE_BATCH_CORRECT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *body = NULL;

  self->campaign = g_object_ref (campaign);
  self->copy = sb_copy_copy (copy);
  /* Translators: %s is a message reference. */
  body = g_strdup_printf (_("The outcome recorded for %s is kept in the batch's history; the "
                            "correction and your note are recorded beside it."), ref);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  _sb_batch_reasons_fill (campaign, self->reason_row, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (outcomes[i], outcome) == 0)
      adw_combo_row_set_selected (self->outcome_row, i);
  outcome_changed_cb (self);
  return GTK_WIDGET (self);
}

/* Returns: (transfer none): the copy: its message and detainee */
const SbCopy *
sb_batch_correct_dialog_get_copy (SbBatchCorrectDialog *self)
{
  g_return_val_if_fail (SB_IS_BATCH_CORRECT_DIALOG (self), NULL);

  return self->copy;
}

/* Returns: (nullable): "delivered", "rejected" or "returned"; NULL if none is chosen */
const char *
sb_batch_correct_dialog_get_outcome (SbBatchCorrectDialog *self)
{
  guint chosen;

  g_return_val_if_fail (SB_IS_BATCH_CORRECT_DIALOG (self), NULL);

  chosen = adw_combo_row_get_selected (self->outcome_row);
  return chosen < G_N_ELEMENTS (outcomes) ? outcomes[chosen] : NULL;
}

/* Returns: the reason for a rejection; "" for any other outcome or none chosen */
const char *
sb_batch_correct_dialog_get_reason (SbBatchCorrectDialog *self)
{
  const char *reason;

  g_return_val_if_fail (SB_IS_BATCH_CORRECT_DIALOG (self), NULL);

  if (adw_combo_row_get_selected (self->outcome_row) != 1)
    return "";
  reason = _sb_batch_reasons_selected (self->reason_row);
  return reason ? reason : "";
}

const char *
sb_batch_correct_dialog_get_note (SbBatchCorrectDialog *self)
{
  g_return_val_if_fail (SB_IS_BATCH_CORRECT_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->note_row));
}
