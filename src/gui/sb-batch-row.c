/* sb-batch-row.c — one batch in the Batches list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sealed batch's code (a draft's facility) above its facility, items and date,
 * as src/gui/sb-batches-page.c words them. The row keeps the batch's id and state:
 * the list selects by the one and puts a heading above each run of the other.
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include "sb-batch-row.h"

struct _SbBatchRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *details_label;

  char          *batch_id;
  char          *state;
};

G_DEFINE_FINAL_TYPE (SbBatchRow, sb_batch_row, GTK_TYPE_LIST_BOX_ROW)

static void
sb_batch_row_finalize (GObject *object)
{
  SbBatchRow *self = SB_BATCH_ROW (object);

  g_free (self->batch_id);
  g_free (self->state);

  G_OBJECT_CLASS (sb_batch_row_parent_class)->finalize (object);
}

static void
sb_batch_row_class_init (SbBatchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sb_batch_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-batch-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbBatchRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbBatchRow, details_label);
}

static void
sb_batch_row_init (SbBatchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sb_batch_row_new:
 * @batch: the batch (its id and state are kept)
 * @title: its code, or for a draft its facility
 * @details: the line below
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
sb_batch_row_new (const SbBatch *batch,
                  const char    *title,
                  const char    *details)
{
  SbBatchRow *self = g_object_new (SB_TYPE_BATCH_ROW, NULL);
  g_autofree char *accessible = g_strdup_printf ("%s, %s, %s", title, sb_batch_state_label (batch->state),
                                                 details);

  self->batch_id = g_strdup (batch->id);
  self->state = g_strdup (batch->state);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->details_label, details);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), batch->code ? "batch-row-code" : "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return GTK_WIDGET (self);
}

const char *
sb_batch_row_get_batch_id (SbBatchRow *self)
{
  g_return_val_if_fail (SB_IS_BATCH_ROW (self), NULL);

  return self->batch_id;
}

const char *
sb_batch_row_get_state (SbBatchRow *self)
{
  g_return_val_if_fail (SB_IS_BATCH_ROW (self), NULL);

  return self->state;
}
