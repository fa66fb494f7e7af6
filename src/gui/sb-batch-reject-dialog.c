/* sb-batch-reject-dialog.c — why the facility rejected a message of a batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for the reason, from the campaign's list or a new one. The batch view
 * records the outcome when the answer is "reject" (src/gui/sb-batch-view-dialogs.c).
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batch-reasons.h"
#include "sb-batch-reject-dialog.h"

struct _SbBatchRejectDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *reason_row;
  AdwEntryRow      *new_reason_row;

  SbCampaign       *campaign;
  SbCopy           *copy;
};

G_DEFINE_FINAL_TYPE (SbBatchRejectDialog, sb_batch_reject_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
reason_changed_cb (SbBatchRejectDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "reject",
                                           _sb_batch_reasons_selected (self->reason_row) != NULL);
}

static void
new_reason_applied_cb (SbBatchRejectDialog *self)
{
  _sb_batch_reasons_add (self->campaign, self->new_reason_row, self->reason_row);
}

static void
sb_batch_reject_dialog_dispose (GObject *object)
{
  SbBatchRejectDialog *self = SB_BATCH_REJECT_DIALOG (object);

  g_clear_object (&self->campaign);

  G_OBJECT_CLASS (sb_batch_reject_dialog_parent_class)->dispose (object);
}

static void
sb_batch_reject_dialog_finalize (GObject *object)
{
  SbBatchRejectDialog *self = SB_BATCH_REJECT_DIALOG (object);

  g_clear_pointer (&self->copy, sb_copy_free);

  G_OBJECT_CLASS (sb_batch_reject_dialog_parent_class)->finalize (object);
}

static void
sb_batch_reject_dialog_class_init (SbBatchRejectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_batch_reject_dialog_dispose;
  object_class->finalize = sb_batch_reject_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-batch-reject-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbBatchRejectDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SbBatchRejectDialog, new_reason_row);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_reason_applied_cb);
}

static void
sb_batch_reject_dialog_init (SbBatchRejectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_batch_reject_dialog_new:
 * @parent: the window it belongs to
 * @campaign: the campaign, for its reasons
 * @copy: the copy the facility rejected
 * @ref: its message's reference, as the person knows it
 *
 * Returns: (transfer floating): a new dialog, not yet shown
 */
GtkWidget *
sb_batch_reject_dialog_new (GtkWindow  *parent,
                            SbCampaign *campaign,
                            const SbCopy *copy,
                            const char *ref)
{
  SbBatchRejectDialog *self = g_object_new (SB_TYPE_BATCH_REJECT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *body = NULL;

  self->campaign = g_object_ref (campaign);
  self->copy = sb_copy_copy (copy);
  /* Translators: %s is a message reference. */
  body = g_strdup_printf (_("Why did the facility reject %s? It goes back to the waiting messages "
                            "and can go in a later batch."), ref);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  _sb_batch_reasons_fill (campaign, self->reason_row, NULL);
  reason_changed_cb (self);
  return GTK_WIDGET (self);
}

/* Returns: (transfer none): the copy: its message and detainee */
const SbCopy *
sb_batch_reject_dialog_get_copy (SbBatchRejectDialog *self)
{
  g_return_val_if_fail (SB_IS_BATCH_REJECT_DIALOG (self), NULL);

  return self->copy;
}

/* Returns: (nullable): the reason chosen */
const char *
sb_batch_reject_dialog_get_reason (SbBatchRejectDialog *self)
{
  g_return_val_if_fail (SB_IS_BATCH_REJECT_DIALOG (self), NULL);

  return _sb_batch_reasons_selected (self->reason_row);
}
