/* sb-message-editor-history.c — the history of a message, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-message-editor-private.h"
#include "sb-text.h"

#define MAX_QUOTED_CHARS 60

static const char *
field_name (const char *field)
{
  static const struct { const char *field; const char *name; } names[] = {
    { "channel", N_("the channel") }, { "received_on", N_("the date received") },
    { "office_id", N_("the partner office") }, { "sender_name", N_("the sender") },
    { "sender_city", N_("the city") }, { "sender_country", N_("the country") },
    { "sender_contact", N_("the contact") }, { "consent", N_("the consent") },
    { "language", N_("the language") }, { "original_text", N_("the text") },
    { "translation_km", N_("the Khmer translation") },
    { "translation_en", N_("the English translation") },
    { "hold_reason", N_("the reason for holding") },
    { "duplicate_of", N_("the duplicate link") }, { "notes", N_("the notes") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].field, field))
      return _(names[i].name);
  return field;
}

static char *
quote (const char *value)
{
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup (C_("empty value", "nothing"));
  line = sb_text_first_line (value, MAX_QUOTED_CHARS);
  return g_strdup_printf ("“%s”", line);
}

static const char *
status_word (const char *status)
{
  if (g_strcmp0 (status, "transcribed") == 0)
    return C_("history", "transcribed");
  if (g_strcmp0 (status, "approved") == 0)
    return C_("history", "approved");
  if (g_strcmp0 (status, "held") == 0)
    return C_("history", "held");
  if (g_strcmp0 (status, "deleted") == 0)
    return C_("history", "deleted");
  return C_("history", "to transcribe");
}

/**
 * _sb_describe_change:
 *
 * Returns: (transfer full): one change as a sentence: "Sophea changed the sender
 *   from “Dara” to “Dara Kim”"
 */
char *
_sb_describe_change (SbCampaign           *campaign,
                     const SbHistoryEntry *entry)
{
  const char *who = *entry->operator_name ? entry->operator_name : _("Someone");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (g_str_equal (entry->entity, "scan"))
    return entry->after != NULL
           ? g_strdup_printf (g_str_equal (entry->after, "back") ? _("%s added a scan of the back")
                                                                 : _("%s added a scan of the front"), who)
           : g_strdup_printf (_("%s removed a scan"), who);
  if (*entry->field == '\0')
    return entry->before == NULL ? g_strdup_printf (_("%s created %s"), who, entry->after)
                                 : g_strdup_printf (_("%s removed %s"), who, entry->before);
  if (g_str_equal (entry->field, "status"))
    return g_strdup_printf (_("%s marked it %s"), who, status_word (entry->after));
  if (g_str_equal (entry->field, "search_key"))
    return NULL;
  before = quote (entry->before);
  after = quote (entry->after);
  if (entry->before == NULL || *entry->before == '\0')
    return g_strdup_printf (_("%s set %s to %s"), who, field_name (entry->field), after);
  return g_strdup_printf (_("%s changed %s from %s to %s"), who, field_name (entry->field), before, after);
}

void
_sb_message_editor_show_history (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (!gtk_toggle_button_get_active (self->history_button) || self->message == NULL)
    return;
  entries = sb_campaign_list_history (self->campaign, self->message->id, NULL);

  /* Newest first: what the reviewer wants to see is what happened last. */
  for (guint i = entries ? entries->len : 0; i > 0; i--)
    {
      const SbHistoryEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *sentence = _sb_describe_change (self->campaign, entry);
      g_autofree char *when = NULL;
      GtkWidget *box, *label, *time;

      if (sentence == NULL)
        continue;
      when = g_strndup (entry->at, 16);
      if (strlen (when) > 10)
        when[10] = ' ';
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      label = gtk_label_new (sentence);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      time = gtk_label_new (when);
      gtk_label_set_xalign (GTK_LABEL (time), 0);
      gtk_widget_add_css_class (time, "dim-label");
      gtk_widget_add_css_class (time, "caption");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), time);
      gtk_list_box_append (self->history_list, box);
    }
}
