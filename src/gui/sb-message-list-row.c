/* sb-message-list-row.c — one message in the Messages list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its reference, the day it came in and its status on the first line, its first
 * line of text, then who sent it, in which language, to whom. The list view makes a
 * few of these and shows each message in turn in one of them.
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-bidi.h"
#include "sb-gui-a11y.h"
#include "sb-gui-format.h"
#include "sb-message-list-row.h"
#include "sb-breakdown.h"
#include "sb-names.h"

struct _SbMessageListRow
{
  GtkWidget  parent_instance;

  GtkWidget *top_box;
  GtkLabel  *ref_label;
  GtkLabel  *received_label;
  GtkLabel  *status_label;
  GtkLabel  *text_label;
  GtkLabel  *details_label;

  char      *status;          /* the status class on status_label, or NULL */
};

G_DEFINE_FINAL_TYPE (SbMessageListRow, sb_message_list_row, GTK_TYPE_WIDGET)

static void
sb_message_list_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_MESSAGE_LIST_ROW);

  G_OBJECT_CLASS (sb_message_list_row_parent_class)->dispose (object);
}

static void
sb_message_list_row_finalize (GObject *object)
{
  SbMessageListRow *self = SB_MESSAGE_LIST_ROW (object);

  g_free (self->status);

  G_OBJECT_CLASS (sb_message_list_row_parent_class)->finalize (object);
}

static void
sb_message_list_row_class_init (SbMessageListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_message_list_row_dispose;
  object_class->finalize = sb_message_list_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-message-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbMessageListRow, top_box);
  gtk_widget_class_bind_template_child (widget_class, SbMessageListRow, ref_label);
  gtk_widget_class_bind_template_child (widget_class, SbMessageListRow, received_label);
  gtk_widget_class_bind_template_child (widget_class, SbMessageListRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SbMessageListRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, SbMessageListRow, details_label);
}

static void
sb_message_list_row_init (SbMessageListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sb_message_list_row_new (void)
{
  return g_object_new (SB_TYPE_MESSAGE_LIST_ROW, NULL);
}

/**
 * sb_message_list_row_show:
 * @row: the message to show in this row
 *
 * Shows @row, in place of the message the row showed before.
 */
void
sb_message_list_row_show (SbMessageListRow *self,
                          SbMessageRow     *row)
{
  const char *status = sb_message_row_get_status (row);
  const char *sender = sb_message_row_get_sender_name (row);
  const char *addressees = sb_message_row_get_addressees (row, sb_interface_language ());
  const char *text = sb_message_row_get_first_line (row);
  const char *code = sb_message_row_get_language (row);
  /* The language by its name, not its code; none when it is not known. */
  g_autofree char *language = *code && !g_str_equal (code, "und") ? sb_language_name (code) : g_strdup ("");
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *received_on = _sb_localise_digits (g_strdup (sb_message_row_get_received_on (row)));
  /* A name with a right-to-left override keeps to itself (src/text/sb-bidi.c). */
  g_autofree char *isolated = sb_text_isolate (sender);

  g_return_if_fail (SB_IS_MESSAGE_LIST_ROW (self));

  gtk_label_set_text (self->ref_label, sb_message_row_get_ref (row));
  gtk_label_set_text (self->received_label, received_on);
  gtk_label_set_text (self->status_label, _sb_format_message_status (status));
  if (self->status != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status);
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status);
  gtk_label_set_text (self->text_label, *text ? text : _("(no text yet)"));
  details = g_strdup_printf ("%s%s%s%s%s",
                             *isolated ? isolated : _("Unknown sender"),
                             *language ? " · " : "",
                             language,
                             *addressees ? " → " : "", addressees);
  gtk_label_set_text (self->details_label, details);
  accessible = g_strdup_printf ("%s, %s, %s", sb_message_row_get_ref (row), _sb_format_message_status (status), text);
  sb_gui_a11y_name_list_row (GTK_WIDGET (self), accessible);
}
