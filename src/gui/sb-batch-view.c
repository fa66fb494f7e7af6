/* sb-batch-view.c — one delivery batch: custody, next step and items by detainee
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batch-view-private.h"
#include "sb-bidi.h"
#include "sb-countries.h"
#include "sb-enums.h"
#include "sb-gui-format.h"
#include "sb-gui-toast.h"

G_DEFINE_FINAL_TYPE (SbBatchView, sb_batch_view, GTK_TYPE_WIDGET)

static const struct { const char *code; const char *name; } languages[] = {
  { "km", N_("Khmer") }, { "en", N_("English") }, { "fr", N_("French") },
  { "de", N_("German") }, { "es", N_("Spanish") }, { "it", N_("Italian") },
  { "pt", N_("Portuguese") }, { "nl", N_("Dutch") }, { "th", N_("Thai") },
  { "vi", N_("Vietnamese") }, { "zh", N_("Chinese") }, { "ja", N_("Japanese") },
  { "ko", N_("Korean") }, { "ru", N_("Russian") }, { "ar", N_("Arabic") },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static const char *
language_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return _(languages[i].name);
  return code;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
add_fact (SbBatchView *self,
          const char  *title,
          const char  *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->facts_list, row);
}

static GtkWidget *
make_pill (const char *text,
           const char *kind)
{
  GtkWidget *pill = gtk_label_new (text);

  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (pill), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (pill), 24);
  gtk_widget_add_css_class (pill, "status-pill");
  gtk_widget_add_css_class (pill, "batch-outcome");
  gtk_widget_add_css_class (pill, kind);
  return pill;
}

static GtkWidget *
make_item_row (SbBatchView       *self,
               const SbBatchLine *line)
{
  const SbMessage *message = line->message;
  const SbBatchItem *item = line->item;
  SbBatchState state = sb_batch_state_from_nick (self->listing->batch->state);
  SbCopyState outcome = sb_copy_state_from_nick (item->outcome);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *received = _sb_format_long_date (message->received_on);
  g_autofree char *country = *message->sender_country && !line->sender_withheld
                               ? sb_country_name (message->sender_country, sb_interface_language ())
                               : NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_string_append_printf (subtitle, "%s · %s · %s", received, _sb_format_channel (message->channel),
                          language_name (message->language));
  /* As the manifest prints it: no name nor country without the sender's consent. */
  if (line->sender_withheld)
    /* Translators: in place of a sender's name (and country), when they did not
     * consent to be named; as in the consent choice “Name not shown”. */
    g_string_append_printf (subtitle, " · %s", _("name withheld"));
  else if (*line->sender != '\0' || country != NULL)
    {
      /* A name in a right-to-left script keeps to itself (src/text/sb-bidi.c). */
      g_autofree char *sender = sb_text_isolate (line->sender);

      g_string_append (subtitle, " · ");
      if (*sender != '\0' && country != NULL)
        /* Translators: the sender as consent allows, and their country. */
        g_string_append_printf (subtitle, _("%s, %s"), sender, country);
      else
        g_string_append (subtitle, *sender ? sender : country);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message->ref);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_widget_add_css_class (row, "batch-item");

  if (outcome == SB_COPY_STATE_DELIVERED)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_pill (_("Delivered"), item->outcome));
  else if (outcome == SB_COPY_STATE_REJECTED || outcome == SB_COPY_STATE_RETURNED)
    {
      gboolean rejected = outcome == SB_COPY_STATE_REJECTED;
      g_autofree char *text = NULL;
      GtkWidget *pill;

      if (*item->outcome_reason == '\0')
        text = g_strdup (rejected ? _("Rejected") : _("Returned"));
      else if (rejected)
        /* Translators: %s is why the facility rejected a message: "Rejected: political content". */
        text = g_strdup_printf (_("Rejected: %s"), item->outcome_reason);
      else
        /* Translators: %s is why the facility returned a message: "Returned: released". */
        text = g_strdup_printf (_("Returned: %s"), item->outcome_reason);
      pill = make_pill (text, item->outcome);

      gtk_widget_set_tooltip_text (pill, text);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
    }

  if (state == SB_BATCH_STATE_DRAFT)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: %s is a message reference. */
      g_autofree char *name = g_strdup_printf (_("Take %s out of the batch"), message->ref);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "batch.remove-item");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", line->copy->message_id,
                                        line->copy->detainee_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else if (state == SB_BATCH_STATE_HANDED_OVER || state == SB_BATCH_STATE_CLOSED)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      GtkWidget *button = gtk_menu_button_new ();
      /* Translators: %s is a message reference. */
      g_autofree char *name = g_strdup_printf (_("Outcome of %s"), message->ref);

      if (*item->outcome == '\0')
        {
          g_autoptr(GMenuItem) rejected = g_menu_item_new (_("_Rejected…"), NULL);
          g_autoptr(GMenuItem) returned = g_menu_item_new (_("R_eturned"), NULL);

          g_menu_item_set_action_and_target (rejected, "batch.reject-item", "(ss)",
                                             line->copy->message_id, line->copy->detainee_id);
          g_menu_item_set_action_and_target (returned, "batch.return-item", "(ss)",
                                             line->copy->message_id, line->copy->detainee_id);
          g_menu_append_item (menu, rejected);
          g_menu_append_item (menu, returned);
        }
      else
        {
          g_autoptr(GMenuItem) correct = g_menu_item_new (_("_Correct the Outcome…"), NULL);

          g_menu_item_set_action_and_target (correct, "batch.correct-item", "(ss)",
                                             line->copy->message_id, line->copy->detainee_id);
          g_menu_append_item (menu, correct);
        }
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
fill_items (SbBatchView *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *lines = self->listing->lines;

  for (guint i = 0; i < lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (lines, i);
      const char *id = line->detainee->id;

      g_hash_table_insert (counts, (gpointer) id,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) + 1));
    }
  for (guint i = 0; i < lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (lines, i);
      AdwPreferencesGroup *group = g_hash_table_lookup (groups, line->detainee->id);

      if (group == NULL)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, line->detainee->id));
          g_autofree char *title = *line->detainee->name_km
                                     ? g_strdup_printf ("%s · %s", line->detainee->name_en,
                                                        line->detainee->name_km)
                                     : g_strdup (line->detainee->name_en);
          g_autofree char *count = _sb_localise_digits (g_strdup_printf (ngettext ("%u item", "%u items", n), n));

          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          adw_preferences_group_set_description (group, count);
          g_hash_table_insert (groups, line->detainee->id, group);
          gtk_box_append (self->items_box, GTK_WIDGET (group));
        }
      adw_preferences_group_add (group, make_item_row (self, line));
    }
  if (lines->len == 0)
    {
      GtkWidget *empty = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "mail-send-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Messages in This Batch"));
      adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                       _("Add the messages waiting for the people held at this facility."));
      gtk_widget_add_css_class (empty, "compact");
      gtk_box_append (self->items_box, empty);
    }
}

static void
fill_header (SbBatchView *self)
{
  const SbBatch *batch = self->listing->batch;
  const SbFacility *facility = self->listing->facility;
  const char *state = batch->state;
  SbBatchState value = sb_batch_state_from_nick (state);
  guint n = self->listing->lines->len;
  g_autofree char *facility_text = NULL;
  g_autofree char *n_text = _sb_format_number (n);
  g_autofree char *created = _sb_format_long_date (batch->created_on);
  const char *next = NULL;

  /* A code is set in the code font; a draft, which has none yet, is a "Batch" whose
   * state says "Draft" beside it. */
  gtk_label_set_text (self->code_label, batch->code ? batch->code : _("Batch"));
  if (batch->code != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->code_label), "batch-code");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->code_label), "batch-code");
  gtk_label_set_text (self->state_label, sb_batch_state_label (state));
  for (SbBatchState s = SB_BATCH_STATE_DRAFT; s <= SB_BATCH_STATE_CLOSED; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), sb_batch_state_to_nick (s));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state);
  /* Translators: the facility a batch goes to (English · Khmer), and its size: the last
   * %s is a number such as 95. */
  facility_text = g_strdup_printf (ngettext ("%s · %s — %s item", "%s · %s — %s items", n),
                                   facility->name_en, facility->name_km, n_text);
  gtk_label_set_text (self->facility_label, facility_text);

  clear_box (GTK_WIDGET (self->facts_list));
  add_fact (self, _("Created"), created);
  if (batch->sealed_at != NULL)
    {
      g_autofree char *sealed = _sb_format_moment (batch->sealed_at);
      g_autofree char *digest = g_strndup (batch->digest ? batch->digest : "", 16);

      add_fact (self, _("Sealed"), sealed);
      add_fact (self, _("Digest (printed on every page of the manifest)"), digest);
    }
  if (batch->handed_over_at != NULL)
    {
      g_autofree char *when = _sb_format_moment (batch->handed_over_at);
      g_autofree char *text = *batch->received_position
        /* Translators: when, who handed a batch over, to whom, and their position. */
        ? g_strdup_printf (_("%s — by %s to %s (%s)"), when, batch->handed_by, batch->received_by,
                           batch->received_position)
        : g_strdup_printf (_("%s — by %s to %s"), when, batch->handed_by, batch->received_by);

      add_fact (self, _("Handed over"), text);
    }
  if (batch->closed_at != NULL)
    {
      g_autofree char *closed = _sb_format_moment (batch->closed_at);

      add_fact (self, _("Closed"), closed);
    }
  if (*batch->notes)
    add_fact (self, _("Corrections"), batch->notes);

  if (value == SB_BATCH_STATE_DRAFT)
    next = _("A draft: add or take out messages freely. Sealing freezes the items and gives the "
             "batch its code and digest.");
  else if (value == SB_BATCH_STATE_SEALED)
    next = _("Sealed. Print the manifest and the cards, take them to the facility, then record "
             "the handover.");
  else if (value == SB_BATCH_STATE_HANDED_OVER)
    next = _("Handed over. Mark the messages the facility rejected or returned, then the rest as "
             "delivered; the batch then closes by itself.");
  else
    next = _("Closed: every message has its outcome. To fix a mistake, correct the outcome of "
             "the message: the correction is recorded with a note.");
  gtk_label_set_text (self->next_step_label, next);
  gtk_widget_set_visible (self->add_button, value == SB_BATCH_STATE_DRAFT);
  gtk_widget_set_visible (self->seal_button, value == SB_BATCH_STATE_DRAFT);
  gtk_widget_set_visible (self->hand_over_button, value == SB_BATCH_STATE_SEALED);
  gtk_widget_set_visible (self->all_delivered_button, value == SB_BATCH_STATE_HANDED_OVER);
}

static void
refresh (SbBatchView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->listing, sb_batch_listing_free);
  clear_box (GTK_WIDGET (self->items_box));
  if (self->campaign != NULL && self->batch_id != NULL)
    self->listing = sb_campaign_get_batch_listing (self->campaign, self->batch_id, &error);
  if (self->listing == NULL)
    {
      gtk_label_set_text (self->code_label, "");
      gtk_label_set_text (self->state_label, "");
      gtk_label_set_text (self->facility_label, error ? error->message : "");
      clear_box (GTK_WIDGET (self->facts_list));
      gtk_widget_set_visible (self->next_step_box, FALSE);
      _sb_batch_view_update_actions (self);
      return;
    }
  gtk_widget_set_visible (self->next_step_box, TRUE);
  fill_header (self);
  fill_items (self);
  _sb_batch_view_update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* Shared with the other files of the view                                  */
/* ------------------------------------------------------------------------ */

void
_sb_batch_view_update_actions (SbBatchView *self)
{
  SbBatchState state = sb_batch_state_from_nick (self->listing ? self->listing->batch->state : NULL);
  gboolean busy = self->document_cancellable != NULL;
  gboolean has_items = self->listing && self->listing->lines->len > 0;
  gboolean draft = state == SB_BATCH_STATE_DRAFT;
  gboolean handed_over = state == SB_BATCH_STATE_HANDED_OVER;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "batch.add-copies", draft);
  gtk_widget_action_set_enabled (widget, "batch.remove-item", draft);
  gtk_widget_action_set_enabled (widget, "batch.seal", draft && has_items);
  gtk_widget_action_set_enabled (widget, "batch.hand-over", state == SB_BATCH_STATE_SEALED);
  gtk_widget_action_set_enabled (widget, "batch.all-delivered", handed_over);
  gtk_widget_action_set_enabled (widget, "batch.reject-item", handed_over);
  gtk_widget_action_set_enabled (widget, "batch.return-item", handed_over);
  gtk_widget_action_set_enabled (widget, "batch.correct-item",
                                 handed_over || state == SB_BATCH_STATE_CLOSED);
  gtk_widget_action_set_enabled (widget, "batch.print-manifest", !busy && self->listing && !draft);
  gtk_widget_action_set_enabled (widget, "batch.save-manifest", !busy && self->listing && !draft);
  gtk_widget_action_set_enabled (widget, "batch.print-cards", !busy && has_items);
  gtk_widget_action_set_enabled (widget, "batch.save-cards", !busy && has_items);
  gtk_widget_action_set_enabled (widget, "batch.stop-document", busy);
}

GtkWindow *
_sb_batch_view_get_window (SbBatchView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_sb_batch_view_show_error (SbBatchView  *self,
                           const char   *title,
                           const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (_sb_batch_view_get_window (self), title, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

SbBatchLine *
_sb_batch_view_find_line (SbBatchView *self,
                          const char  *message_id,
                          const char  *detainee_id)
{
  for (guint i = 0; self->listing != NULL && i < self->listing->lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (self->listing->lines, i);

      if (g_str_equal (line->copy->message_id, message_id) &&
          g_str_equal (line->copy->detainee_id, detainee_id))
        return line;
    }
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbBatchView *self = SB_BATCH_VIEW (widget);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_copy_free);
  SbCopy *copy = sb_copy_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (copies, copy);
  g_free (copy->message_id);
  g_free (copy->detainee_id);
  g_variant_get (parameter, "(ss)", &copy->message_id, &copy->detainee_id);
  if (!sb_campaign_batch_remove (self->campaign, self->batch_id, copies, &error))
    _sb_batch_view_show_error (self, _("Could Not Take the Message Out"), error);
}

static void
return_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbBatchView *self = SB_BATCH_VIEW (widget);
  const char *message_id, *detainee_id;
  SbBatchException exception;
  g_autoptr(GError) error = NULL;

  g_variant_get (parameter, "(&s&s)", &message_id, &detainee_id);
  exception = (SbBatchException) { message_id, detainee_id,
                                   sb_copy_state_to_nick (SB_COPY_STATE_RETURNED), "" };

  if (!sb_campaign_record_outcomes (self->campaign, self->batch_id, &exception, 1, FALSE, NULL, &error))
    _sb_batch_view_show_error (self, _("Could Not Record the Outcome"), error);
}

static void
all_delivered_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbBatchView *self = SB_BATCH_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strdup (self->listing ? self->listing->batch->code : NULL);
  g_autofree char *title = NULL;

  if (!sb_campaign_record_outcomes (self->campaign, self->batch_id, NULL, 0, TRUE, NULL, &error))
    {
      _sb_batch_view_show_error (self, _("Could Not Record the Outcomes"), error);
      return;
    }
  title = code != NULL
          /* Translators: %s is a batch code. */
          ? g_strdup_printf (_("Batch %s delivered and closed"), code)
          : g_strdup (_("Batch delivered and closed"));
  _sb_gui_toast (GTK_WIDGET (self), title);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbBatchView *self = SB_BATCH_VIEW (widget);

  if (g_str_equal (action_name, "batch.seal"))
    _sb_batch_view_seal (self);
  else if (g_str_equal (action_name, "batch.hand-over"))
    _sb_batch_view_hand_over (self);
  else if (g_str_equal (action_name, "batch.add-copies"))
    _sb_batch_view_add_copies (self);
  else if (g_str_equal (action_name, "batch.reject-item"))
    _sb_batch_view_reject (self, parameter);
  else if (g_str_equal (action_name, "batch.correct-item"))
    _sb_batch_view_correct (self, parameter);
  else if (g_str_equal (action_name, "batch.print-manifest"))
    _sb_batch_view_print (self, SB_BATCH_DOCUMENT_MANIFEST);
  else if (g_str_equal (action_name, "batch.print-cards"))
    _sb_batch_view_print (self, SB_BATCH_DOCUMENT_CARDS);
  else if (g_str_equal (action_name, "batch.save-manifest"))
    _sb_batch_view_save (self, SB_BATCH_DOCUMENT_MANIFEST);
  else if (g_str_equal (action_name, "batch.save-cards"))
    _sb_batch_view_save (self, SB_BATCH_DOCUMENT_CARDS);
  else if (g_str_equal (action_name, "batch.stop-document"))
    _sb_batch_view_stop_document (self);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_batch_view_dispose (GObject *object)
{
  SbBatchView *self = SB_BATCH_VIEW (object);
  GtkWidget *child;

  if (self->document_cancellable != NULL)
    g_cancellable_cancel (self->document_cancellable);
  g_clear_object (&self->document_cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->listing, sb_batch_listing_free);
  g_clear_pointer (&self->batch_id, g_free);
  g_clear_object (&self->campaign);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_BATCH_VIEW);
  /* The template's root box is not a bound child: it is ours to take down. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_batch_view_parent_class)->dispose (object);
}

static void
sb_batch_view_class_init (SbBatchViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *plain[] = { "batch.seal", "batch.hand-over", "batch.add-copies",
                          "batch.print-manifest", "batch.print-cards", "batch.save-manifest",
                          "batch.save-cards", "batch.stop-document" };

  object_class->dispose = sb_batch_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-batch-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, code_label);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, state_label);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, facility_label);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, documents_button);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, facts_list);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, next_step_box);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, next_step_label);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, add_button);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, seal_button);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, hand_over_button);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, all_delivered_button);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, items_box);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SbBatchView, progress_bar);

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    gtk_widget_class_install_action (widget_class, plain[i], NULL, view_action);
  /* An item's actions name its copy: (message id, detainee id). */
  gtk_widget_class_install_action (widget_class, "batch.reject-item", "(ss)", view_action);
  gtk_widget_class_install_action (widget_class, "batch.correct-item", "(ss)", view_action);
  gtk_widget_class_install_action (widget_class, "batch.remove-item", "(ss)", remove_item_action);
  gtk_widget_class_install_action (widget_class, "batch.return-item", "(ss)", return_item_action);
  gtk_widget_class_install_action (widget_class, "batch.all-delivered", NULL, all_delivered_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "batch.print-manifest", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "batch.print-cards", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "batch.save-manifest", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "batch.seal", NULL);
}

static void
sb_batch_view_init (SbBatchView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _sb_batch_view_update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

GtkWidget *
sb_batch_view_new (void)
{
  return g_object_new (SB_TYPE_BATCH_VIEW, NULL);
}

/**
 * sb_batch_view_show_batch:
 * @campaign: (nullable): the campaign
 * @batch_id: (nullable): the batch to show, read again now
 */
void
sb_batch_view_show_batch (SbBatchView *self,
                          SbCampaign  *campaign,
                          const char  *batch_id)
{
  g_return_if_fail (SB_IS_BATCH_VIEW (self));

  g_set_object (&self->campaign, campaign);
  if (g_strcmp0 (self->batch_id, batch_id) != 0)
    {
      g_free (self->batch_id);
      self->batch_id = g_strdup (batch_id);
    }
  refresh (self);
}

/**
 * sb_batch_view_get_batch_id:
 *
 * Returns: (nullable): the id of the batch shown
 */
const char *
sb_batch_view_get_batch_id (SbBatchView *self)
{
  g_return_val_if_fail (SB_IS_BATCH_VIEW (self), NULL);

  return self->batch_id;
}
