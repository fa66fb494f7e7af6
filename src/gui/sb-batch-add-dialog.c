/* sb-batch-add-dialog.c — which waiting messages go into a draft batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row with a check box for each approved copy waiting at the batch's facility.
 * The batch view adds the ones checked when the answer is "add"
 * (src/gui/sb-batch-view-dialogs.c).
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batch-add-dialog.h"

/* The height of a row with a title and a subtitle: five show before it scrolls. */
#define ROW_HEIGHT 56

struct _SbBatchAddDialog
{
  AdwMessageDialog   parent_instance;

  GtkScrolledWindow *scroller;
  GtkListBox        *list;

  GPtrArray         *checks;       /* GtkCheckButton, one per copy */
  GPtrArray         *copies;       /* SbCopy, in the same order */
};

G_DEFINE_FINAL_TYPE (SbBatchAddDialog, sb_batch_add_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
sb_batch_add_dialog_finalize (GObject *object)
{
  SbBatchAddDialog *self = SB_BATCH_ADD_DIALOG (object);

  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->copies);

  G_OBJECT_CLASS (sb_batch_add_dialog_parent_class)->finalize (object);
}

static void
sb_batch_add_dialog_class_init (SbBatchAddDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sb_batch_add_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-batch-add-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbBatchAddDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, SbBatchAddDialog, list);
}

static void
sb_batch_add_dialog_init (SbBatchAddDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->copies = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_copy_free);
}

/**
 * sb_batch_add_dialog_new:
 * @parent: the window it belongs to
 * @n_copies: how many copies are waiting (added next with
 *   sb_batch_add_dialog_add_copy()); with none, the dialog only says so
 *
 * Returns: (transfer floating): a new dialog, not yet shown
 */
GtkWidget *
sb_batch_add_dialog_new (GtkWindow *parent,
                         guint      n_copies)
{
  SbBatchAddDialog *self = g_object_new (SB_TYPE_BATCH_ADD_DIALOG, "transient-for", parent, NULL);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  if (n_copies == 0)
    {
      adw_message_dialog_set_body (dialog, _("No other approved message is waiting for the people "
                                             "held at this facility."));
      adw_message_dialog_set_extra_child (dialog, NULL);
      self->scroller = NULL;
      self->list = NULL;
      return GTK_WIDGET (self);
    }
  adw_message_dialog_set_body (dialog, _("Choose the approved messages, waiting for the people held "
                                         "at this facility, to add to the batch. The oldest come first."));
  gtk_scrolled_window_set_min_content_height (self->scroller, MIN (n_copies, 5) * ROW_HEIGHT);
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  return GTK_WIDGET (self);
}

/**
 * sb_batch_add_dialog_add_copy:
 * @copy: the copy the row stands for (its message and detainee)
 * @title: what the row says: the message's reference and who it is for
 * @subtitle: below it: when the message came in
 *
 * Adds a row for a waiting copy, not checked.
 */
void
sb_batch_add_dialog_add_copy (SbBatchAddDialog *self,
                              const SbCopy     *copy,
                              const char       *title,
                              const char       *subtitle)
{
  GtkWidget *row, *check;

  g_return_if_fail (SB_IS_BATCH_ADD_DIALOG (self));
  g_return_if_fail (self->list != NULL);

  row = adw_action_row_new ();
  check = gtk_check_button_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->list, row);
  g_ptr_array_add (self->checks, check);
  g_ptr_array_add (self->copies, sb_copy_copy (copy));
}

/**
 * sb_batch_add_dialog_get_chosen:
 *
 * Returns: (transfer container) (element-type SbCopy): the copies checked, in the
 *   order of the list; an empty array when none is
 */
GPtrArray *
sb_batch_add_dialog_get_chosen (SbBatchAddDialog *self)
{
  GPtrArray *copies = g_ptr_array_new ();

  g_return_val_if_fail (SB_IS_BATCH_ADD_DIALOG (self), copies);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (copies, g_ptr_array_index (self->copies, i));
  return copies;
}
