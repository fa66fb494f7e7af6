/* sb-batch-reasons.c — the campaign's reasons for a rejection, in a combo row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reject and correct dialogs of a batch show the reasons in a combo row (its
 * model a GtkStringList) and, below it, an entry row that adds one to the list.
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include "sb-batch-reasons.h"
#include "sb-gui-toast.h"

/* Fills @row with the reasons for rejection; selects @select if given. */
void
_sb_batch_reasons_fill (SbCampaign  *campaign,
                        AdwComboRow *row,
                        const char  *select)
{
  GtkStringList *list = GTK_STRING_LIST (adw_combo_row_get_model (row));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = sb_campaign_list_reasons (campaign, "reject", &error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* Without the list, a reason can still be typed; the person is told why. */
  if (reasons == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (row), error);
      return;
    }
  g_ptr_array_add (reasons, NULL);
  gtk_string_list_splice (list, 0, n, (const char *const *) reasons->pdata);
  for (guint i = 0; select != NULL && reasons->pdata[i] != NULL; i++)
    if (g_str_equal (reasons->pdata[i], select))
      adw_combo_row_set_selected (row, i);
}

/* Adds the reason typed in @entry to the campaign and selects it in @row; a
 * reason the campaign refuses marks the entry, saying why in its tooltip. */
void
_sb_batch_reasons_add (SbCampaign  *campaign,
                       AdwEntryRow *entry,
                       AdwComboRow *row)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  if (*label == '\0')
    return;
  if (!sb_campaign_add_reason (campaign, "reject", label, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  _sb_batch_reasons_fill (campaign, row, label);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

const char *
_sb_batch_reasons_selected (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}
