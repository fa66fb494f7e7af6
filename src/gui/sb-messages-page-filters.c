/* sb-messages-page-filters.c — the filters, the search and the count above the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-enums.h"
#include "sb-gui-toast.h"
#include "sb-messages-page-private.h"
#include "sb-names.h"
#include "sb-text.h"

static const char *const languages[] = { NULL, "km", "en", "fr", "und" };

/* A filter that lists "Any…" and then the words of @words in its enum's order
 * (sb-messages-page.ui): the chosen word, %NULL for any. */
static const char *
chosen_word (GtkDropDown *dropdown,
             GType        words)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (words);
  guint position = gtk_drop_down_get_selected (dropdown);
  GEnumValue *value = position > 0 && position <= klass->n_values
                      ? g_enum_get_value (klass, position - 1) : NULL;

  return value != NULL ? value->value_nick : NULL;
}

static char *
format_count (gint64 n)
{
  return sb_text_format_count (n, sb_interface_language ());
}

void
_sb_messages_page_update_count (SbMessagesPage *self)
{
  guint n = self->messages ? g_list_model_get_n_items (G_LIST_MODEL (self->messages)) : 0;
  gboolean complete = self->messages == NULL || sb_message_list_is_complete (self->messages);
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  gboolean filtered = self->messages != NULL &&
                      (gtk_drop_down_get_selected (self->status_dropdown) > 0 ||
                       gtk_drop_down_get_selected (self->channel_dropdown) > 0 ||
                       gtk_drop_down_get_selected (self->detainee_dropdown) > 0 ||
                       gtk_drop_down_get_selected (self->office_dropdown) > 0 ||
                       gtk_drop_down_get_selected (self->language_dropdown) > 0 ||
                       gtk_check_button_get_active (self->needs_translation_check) ||
                       *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0');

  if (complete)
    {
      number = format_count (n);
      text = g_strdup_printf (ngettext ("%s message", "%s messages", n), number);
    }
  else if (n > SB_MESSAGE_LIST_COUNT_MAX)
    {
      /* The first screen of a large list, the rest being read: "1,000+ messages". */
      g_autofree char *most = format_count (SB_MESSAGE_LIST_COUNT_MAX);

      number = g_strconcat (most, "+", NULL);
      text = g_strdup_printf (ngettext ("%s message", "%s messages", n), number);
    }
  else
    text = g_strdup (_("Counting messages…"));

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 || !complete ? "list" : filtered ? "no-match" : "empty");
}

void
_sb_messages_page_apply_filters (SbMessagesPage *self)
{
  g_autoptr(GError) error = NULL;
  guint detainee = gtk_drop_down_get_selected (self->detainee_dropdown);
  guint office = gtk_drop_down_get_selected (self->office_dropdown);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  SbMessageSort sorts[] = { SB_MESSAGE_SORT_DATE, SB_MESSAGE_SORT_DATE, SB_MESSAGE_SORT_REF, SB_MESSAGE_SORT_SENDER };

  if (self->messages == NULL)
    return;
  if (!sb_message_list_set_filter (self->messages, SB_MESSAGE_FILTER_STATUS,
                                   chosen_word (self->status_dropdown, SB_TYPE_MESSAGE_STATUS), &error) ||
      !sb_message_list_set_filter (self->messages, SB_MESSAGE_FILTER_CHANNEL,
                                   chosen_word (self->channel_dropdown, SB_TYPE_CHANNEL), &error) ||
      !sb_message_list_set_filter (self->messages, SB_MESSAGE_FILTER_LANGUAGE,
                                   languages[MIN (gtk_drop_down_get_selected (self->language_dropdown), 4)], &error) ||
      !sb_message_list_set_filter (self->messages, SB_MESSAGE_FILTER_DETAINEE,
                                   detainee > 0 && detainee < self->detainee_ids->len
                                   ? g_ptr_array_index (self->detainee_ids, detainee) : NULL, &error) ||
      !sb_message_list_set_filter (self->messages, SB_MESSAGE_FILTER_OFFICE,
                                   office > 0 && office < self->office_ids->len
                                   ? g_ptr_array_index (self->office_ids, office) : NULL, &error) ||
      !sb_message_list_set_needs_translation (self->messages,
                                              gtk_check_button_get_active (self->needs_translation_check), &error) ||
      !sb_message_list_set_sort (self->messages, sorts[MIN (sort, 3)], sort != 1 && sort != 2, &error) ||
      (sort == 2 && !sb_message_list_set_sort (self->messages, SB_MESSAGE_SORT_REF, FALSE, &error)) ||
      (sort == 3 && !sb_message_list_set_sort (self->messages, SB_MESSAGE_SORT_SENDER, FALSE, &error)))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  _sb_messages_page_select_message (self, sb_message_editor_get_message_id (self->editor));
  _sb_messages_page_update_count (self);
}

void
_sb_messages_page_fill_filter_choices (SbMessagesPage *self)
{
  g_autoptr(GtkStringList) detainee_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) office_names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->detainee_ids, 0);
  g_ptr_array_set_size (self->office_ids, 0);
  gtk_string_list_append (detainee_names, _("Anyone"));
  g_ptr_array_add (self->detainee_ids, NULL);
  gtk_string_list_append (office_names, _("Any office"));
  g_ptr_array_add (self->office_ids, NULL);
  if (self->campaign != NULL &&
      ((detainees = sb_campaign_list_detainees (self->campaign, &error)) == NULL ||
       (offices = sb_campaign_list_offices (self->campaign, &error)) == NULL))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  for (guint i = 0; detainees != NULL && i < detainees->len; i++)
    {
      const SbDetainee *detainee = g_ptr_array_index (detainees, i);

      gtk_string_list_append (detainee_names, sb_detainee_get_name (detainee));
      g_ptr_array_add (self->detainee_ids, g_strdup (detainee->id));
    }
  for (guint i = 0; offices != NULL && i < offices->len; i++)
    {
      const SbOffice *office = g_ptr_array_index (offices, i);

      gtk_string_list_append (office_names, office->name);
      g_ptr_array_add (self->office_ids, g_strdup (office->id));
    }
  gtk_drop_down_set_model (self->detainee_dropdown, G_LIST_MODEL (detainee_names));
  gtk_drop_down_set_model (self->office_dropdown, G_LIST_MODEL (office_names));
}

void
_sb_messages_page_filters_changed_cb (SbMessagesPage *self)
{
  _sb_messages_page_apply_filters (self);
}

void
_sb_messages_page_search_changed_cb (SbMessagesPage *self)
{
  g_autoptr(GError) error = NULL;

  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->messages == NULL)
    return;
  /* From the first character: the search indexes answer one or two as well (a Khmer
   * name such as នី is two; at a million messages the slowest, "th", takes 90 ms). */
  if (*query == '\0')
    query = NULL;
  if (!sb_message_list_set_filter (self->messages, SB_MESSAGE_FILTER_SEARCH, query, &error))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  _sb_messages_page_update_count (self);
}
