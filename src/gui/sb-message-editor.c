/* sb-message-editor.c — one message: its scan beside the form, saved as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving what is typed, as it is typed: sb-message-editor-save.c.
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-breakdown.h"
#include "sb-countries.h"
#include "sb-enums.h"
#include "sb-gui-toast.h"
#include "sb-store-error.h"
#include "sb-gui-format.h"
#include "sb-message-editor-private.h"
#include "sb-text-box.h"
#include "sb-text.h"
#include "sb-transcription.h"

G_DEFINE_FINAL_TYPE (SbMessageEditor, sb_message_editor, GTK_TYPE_WIDGET)

enum {
  OPEN_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct { const char *code; const char *name; } languages[] = {
  { "km", N_("Khmer") }, { "en", N_("English") }, { "fr", N_("French") },
  { "de", N_("German") }, { "es", N_("Spanish") }, { "it", N_("Italian") },
  { "pt", N_("Portuguese") }, { "nl", N_("Dutch") }, { "th", N_("Thai") },
  { "vi", N_("Vietnamese") }, { "zh", N_("Chinese") }, { "ja", N_("Japanese") },
  { "ko", N_("Korean") }, { "ru", N_("Russian") }, { "ar", N_("Arabic") },
  { "und", N_("Other or unknown") },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
  /* Broken between Khmer words from the first frame. */
  _sb_text_box_mark_words_now (view);
}

/* The row of @code in the language list. A language the list does not offer (an
 * import can bring any code) is added to it, so that saving keeps it as it was. */
static guint
language_index (SbMessageEditor *self,
                const char      *code)
{
  g_autofree char *name = NULL;

  for (guint i = 0; i < self->language_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->language_codes, i), code))
      return i;
  name = sb_language_name (code);
  gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (self->language_row)), name);
  g_ptr_array_add (self->language_codes, g_strdup (code));
  return self->language_codes->len - 1;
}

static guint
index_in (GPtrArray  *values,
          const char *value)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return i;
  return 0;
}

static void
show_status (SbMessageEditor *self,
             const char      *status)
{
  g_autoptr(GEnumClass) statuses = g_type_class_ref (SB_TYPE_MESSAGE_STATUS);

  for (guint i = 0; i < statuses->n_values; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), statuses->values[i].value_nick);
  if (status != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status);
  gtk_label_set_text (self->status_label, status ? _sb_format_message_status (status) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
}

void
_sb_message_editor_show_error (SbMessageEditor *self,
                               const GError    *error)
{
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* A Khmer message needs no Khmer translation: its text takes the whole width. */
static void
update_translation_box (SbMessageEditor *self)
{
  guint language = adw_combo_row_get_selected (self->language_row);
  gboolean khmer = self->message != NULL && language == 0;

  gtk_widget_set_visible (self->translation_km_box, !khmer);
}

void
_sb_message_editor_update_actions (SbMessageEditor *self)
{
  SbMessageStatus status = sb_message_status_from_nick (self->message ? self->message->status : NULL);
  gboolean is_new = status == SB_MESSAGE_STATUS_NEW;
  gboolean reviewable = status == SB_MESSAGE_STATUS_TRANSCRIBED || status == SB_MESSAGE_STATUS_HELD;
  gboolean foreign = self->message && !g_str_equal (self->message->language, "km") &&
                     *self->message->translation_km == '\0';
  gboolean writable = self->campaign == NULL || !sb_campaign_is_read_only (self->campaign);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.done-next", writable && is_new);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.approve",
                                 writable && (is_new || reviewable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.hold",
                                 writable && self->message != NULL &&
                                 status != SB_MESSAGE_STATUS_DELETED &&
                                 status != SB_MESSAGE_STATUS_HELD);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete",
                                 writable && self->message != NULL &&
                                 status != SB_MESSAGE_STATUS_DELETED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-scan",
                                 writable && self->message != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.paste-scan", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.mark-duplicate",
                                 writable && self->duplicate_id != NULL);
  gtk_widget_set_visible (self->done_button, is_new);
  gtk_widget_set_visible (self->approve_button, !is_new && reviewable);
  gtk_widget_set_visible (self->hold_button, !is_new && status != SB_MESSAGE_STATUS_HELD);
  gtk_widget_set_visible (GTK_WIDGET (self->without_translation_check), reviewable && foreign);
}

/* The form as a message record. */
SbMessage *
_sb_message_editor_read_form (SbMessageEditor *self)
{
  SbMessage *message = sb_message_copy (self->message);
  guint language = adw_combo_row_get_selected (self->language_row);
  guint office = adw_combo_row_get_selected (self->office_row);
  guint country = gtk_drop_down_get_selected (self->country_dropdown);

#define TAKE(field, value) G_STMT_START { g_free (message->field); message->field = (value); } G_STMT_END
  TAKE (original_text, buffer_text (self->text_view));
  TAKE (translation_km, buffer_text (self->translation_km_view));
  TAKE (translation_en, buffer_text (self->translation_en_view));
  TAKE (notes, buffer_text (self->notes_view));
  TAKE (sender_name, g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sender_row))));
  TAKE (sender_city, g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->city_row))));
  TAKE (received_on, _sb_editable_dup_typed_digits (GTK_EDITABLE (self->received_row)));
  /* The combo rows list the words in the order of their enums (sb-message-editor.ui). */
  TAKE (channel, g_strdup (sb_channel_to_nick (MIN (adw_combo_row_get_selected (self->channel_row),
                                                    SB_CHANNEL_OTHER))));
  TAKE (consent, g_strdup (sb_consent_to_nick (MIN (adw_combo_row_get_selected (self->consent_row),
                                                    SB_CONSENT_PUBLIC))));
  TAKE (language, g_strdup (language < self->language_codes->len
                            ? g_ptr_array_index (self->language_codes, language) : "und"));
  /* "None" stands for the message's office too when the list of offices could not
   * be read (fill_choices()): an office is never dropped for a failed read. */
  if (office > 0 || index_in (self->office_ids, message->office_id) > 0 || message->office_id == NULL)
    TAKE (office_id, office > 0 && office < self->office_ids->len
                     ? g_strdup (g_ptr_array_index (self->office_ids, office)) : NULL);
  TAKE (sender_country, country > 0 && country < self->country_codes->len
                        ? g_strdup (g_ptr_array_index (self->country_codes, country)) : g_strdup (""));
#undef TAKE
  return message;
}

static void
fill_form (SbMessageEditor *self)
{
  const SbMessage *message = self->message;
  guint language = 0;

  self->loading++;
  gtk_label_set_text (self->ref_label, message ? message->ref : "");
  show_status (self, message ? message->status : NULL);
  set_buffer_text (self->text_view, message ? message->original_text : "");
  set_buffer_text (self->translation_km_view, message ? message->translation_km : "");
  set_buffer_text (self->translation_en_view, message ? message->translation_en : "");
  set_buffer_text (self->notes_view, message ? message->notes : "");
  gtk_editable_set_text (GTK_EDITABLE (self->sender_row), message ? message->sender_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), message ? message->sender_city : "");
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), message ? message->received_on : "");
  adw_combo_row_set_selected (self->channel_row,
                              MAX (sb_channel_from_nick (message ? message->channel : NULL), 0));
  adw_combo_row_set_selected (self->consent_row,
                              MAX (sb_consent_from_nick (message ? message->consent : NULL), 0));
  if (message != NULL)
    language = language_index (self, *message->language != '\0'
                                     ? message->language
                                     : sb_text_detect_language (message->original_text));
  adw_combo_row_set_selected (self->language_row, language);
  self->language_auto = message == NULL || *message->language == '\0' ||
                        g_str_equal (message->language, sb_text_detect_language (message->original_text));
  adw_combo_row_set_selected (self->office_row, index_in (self->office_ids, message ? message->office_id : NULL));
  gtk_drop_down_set_selected (self->country_dropdown,
                              index_in (self->country_codes, message ? message->sender_country : NULL));
  gtk_check_button_set_active (self->without_translation_check, FALSE);
  self->loading--;
  _sb_message_editor_fill_addressees (self);
  _sb_message_editor_show_error (self, NULL);
  gtk_label_set_text (self->saved_label, "");
  _sb_message_editor_update_actions (self);
  update_translation_box (self);
  _sb_message_editor_show_printed (self);
}

/* Lists that come from the campaign: detainees, offices; and the countries. */
static void
fill_choices (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GtkStringList) office_names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  /* Lists that cannot be read are empty, and the person is told why; the form then
   * keeps the message's office (_sb_message_editor_read_form()) and shows no
   * addressee toggle to change. */
  if (self->campaign != NULL &&
      ((detainees = sb_campaign_list_detainees (self->campaign, &error)) == NULL ||
       (offices = sb_campaign_list_offices (self->campaign, &error)) == NULL))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  self->loading++;
  g_ptr_array_set_size (self->office_ids, 0);

  _sb_message_editor_fill_addressee_buttons (self, detainees);
  gtk_string_list_append (office_names, _("None"));
  g_ptr_array_add (self->office_ids, NULL);
  for (guint i = 0; offices != NULL && i < offices->len; i++)
    {
      const SbOffice *office = g_ptr_array_index (offices, i);
      g_autofree char *label = g_strdup_printf ("%s — %s", office->code, office->name);

      gtk_string_list_append (office_names, label);
      g_ptr_array_add (self->office_ids, g_strdup (office->id));
    }
  adw_combo_row_set_model (self->office_row, G_LIST_MODEL (office_names));
  self->loading--;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b,
                gpointer      lang)
{
  return sb_text_collate (*(const char **) a, *(const char **) b, lang);
}

/* Names from iso-codes in the interface language, in its alphabetical order. */
static void
fill_countries (SbMessageEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const char *lang = sb_interface_language ();
  char code[3] = { 0, };

  for (code[0] = 'A'; code[0] <= 'Z'; code[0]++)
    for (code[1] = 'A'; code[1] <= 'Z'; code[1]++)
      if (sb_country_is_known (code))
        {
          g_autofree char *name = sb_country_name (code, lang);
          g_ptr_array_add (labels, g_strdup_printf ("%s\x1f%s", name, code));
        }
  g_ptr_array_sort_with_data (labels, compare_labels, (gpointer) lang);

  gtk_string_list_append (names, C_("country", "Unknown"));
  g_ptr_array_add (self->country_codes, g_strdup (""));
  for (guint i = 0; i < labels->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (labels, i), "\x1f", 2);

      gtk_string_list_append (names, parts[0]);
      g_ptr_array_add (self->country_codes, g_strdup (parts[1]));
    }
  gtk_drop_down_set_expression (self->country_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_model (self->country_dropdown, G_LIST_MODEL (names));
}

static void
fill_languages (SbMessageEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->language_codes, 0);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      gtk_string_list_append (names, _(languages[i].name));
      g_ptr_array_add (self->language_codes, g_strdup (languages[i].code));
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbMessageEditor *self)
{
  _sb_message_editor_schedule_save (self);
}

static void
text_changed_cb (SbMessageEditor *self)
{
  if (self->loading > 0)
    return;
  if (self->language_auto)
    {
      g_autofree char *text = buffer_text (self->text_view);
      const char *detected = sb_text_detect_language (text);

      self->loading++;
      adw_combo_row_set_selected (self->language_row, language_index (self, detected));
      self->loading--;
      update_translation_box (self);
    }
  _sb_message_editor_schedule_save (self);
}

static void
language_changed_cb (SbMessageEditor *self)
{
  if (self->loading > 0)
    return;
  self->language_auto = FALSE;
  update_translation_box (self);
  _sb_message_editor_schedule_save (self);
}

/* Do the addressee toggles and the office list still name the campaign's detainees
 * and offices, in their order? */
static gboolean
choices_current (SbMessageEditor *self,
                 GPtrArray       *detainees,
                 GPtrArray       *offices)
{
  GListModel *office_names = adw_combo_row_get_model (self->office_row);

  if (detainees == NULL || offices == NULL)
    return TRUE;
  if (detainees->len != self->detainee_ids->len || offices->len + 1 != self->office_ids->len ||
      office_names == NULL || g_list_model_get_n_items (office_names) != self->office_ids->len)
    return FALSE;
  for (guint i = 0; i < detainees->len; i++)
    {
      const SbDetainee *detainee = g_ptr_array_index (detainees, i);

      if (g_strcmp0 (detainee->id, g_ptr_array_index (self->detainee_ids, i)) != 0 ||
          g_strcmp0 (sb_detainee_get_name (detainee),
                     gtk_button_get_label (g_ptr_array_index (self->addressee_buttons, i))) != 0)
        return FALSE;
    }
  for (guint i = 0; i < offices->len; i++)
    {
      const SbOffice *office = g_ptr_array_index (offices, i);
      g_autofree char *label = g_strdup_printf ("%s — %s", office->code, office->name);

      if (g_strcmp0 (office->id, g_ptr_array_index (self->office_ids, i + 1)) != 0 ||
          g_strcmp0 (label, gtk_string_list_get_string (GTK_STRING_LIST (office_names), i + 1)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Detainees and partner offices added or renamed in their own sections show in the
 * lists at once; the office chosen and the addressees stay as they were. */
static void
refresh_choices (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  guint office = adw_combo_row_get_selected (self->office_row);
  g_autofree char *office_id = NULL;
  g_autoptr(GError) error = NULL;

  if ((detainees = sb_campaign_list_detainees (self->campaign, &error)) == NULL ||
      (offices = sb_campaign_list_offices (self->campaign, &error)) == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  if (choices_current (self, detainees, offices))
    return;
  if (office < self->office_ids->len)
    office_id = g_strdup (g_ptr_array_index (self->office_ids, office));
  fill_choices (self);
  self->loading++;
  adw_combo_row_set_selected (self->office_row, index_in (self->office_ids, office_id));
  self->loading--;
  _sb_message_editor_fill_addressees (self);
}

static void
campaign_changed_cb (SbMessageEditor *self)
{
  g_autoptr(SbMessage) stored = NULL;
  g_autoptr(GError) error = NULL;

  refresh_choices (self);
  /* Status changes made elsewhere (review, delete and undo) show here. A message
   * deleted for good is no error here: its own view says so. */
  if (self->message == NULL || self->unsaved)
    return;
  stored = sb_campaign_get_message (self->campaign, self->message->id, &error);
  if (stored == NULL && !g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  if (stored != NULL && !g_str_equal (stored->status, self->message->status))
    {
      g_free (self->message->status);
      self->message->status = g_strdup (stored->status);
      show_status (self, stored->status);
      _sb_message_editor_update_actions (self);
    }
}

void
_sb_message_editor_emit_open (SbMessageEditor *self,
                              const char      *message_id)
{
  g_signal_emit (self, signals[OPEN_MESSAGE], 0, message_id);
}

static void
duplicate_open_clicked_cb (SbMessageEditor *self)
{
  if (self->duplicate_id != NULL)
    g_signal_emit (self, signals[OPEN_MESSAGE], 0, self->duplicate_id);
}

static void
add_scan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _sb_message_editor_add_scan (SB_MESSAGE_EDITOR (widget));
}

static void
paste_scan_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _sb_message_editor_paste_scan (SB_MESSAGE_EDITOR (widget));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_message_editor_dispose (GObject *object)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (object);

  if (self->unsaved)
    sb_message_editor_save_now (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_MESSAGE_EDITOR);
  g_clear_object (&self->campaign);
  g_clear_pointer (&self->message, sb_message_free);

  G_OBJECT_CLASS (sb_message_editor_parent_class)->dispose (object);
}

static void
sb_message_editor_finalize (GObject *object)
{
  SbMessageEditor *self = SB_MESSAGE_EDITOR (object);

  g_clear_pointer (&self->detainee_ids, g_ptr_array_unref);
  g_clear_pointer (&self->addressee_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->office_ids, g_ptr_array_unref);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);
  g_clear_pointer (&self->duplicate_id, g_free);
  g_clear_error (&self->save_error);

  G_OBJECT_CLASS (sb_message_editor_parent_class)->finalize (object);
}

static void
sb_message_editor_class_init (SbMessageEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_message_editor_dispose;
  object_class->finalize = sb_message_editor_finalize;

  /**
   * SbMessageEditor::open-message:
   * @message_id: the message to show next
   *
   * The editor is done with its message: done-next, approve, a duplicate link, undo.
   */
  signals[OPEN_MESSAGE] = g_signal_new ("open-message", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SB_TYPE_SCAN_VIEWER);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-message-editor.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SbMessageEditor, name)
  BIND (root);
  BIND (ref_label);
  BIND (status_label);
  BIND (saved_label);
  BIND (error_label);
  BIND (save_failed_revealer);
  BIND (save_failed_label);
  BIND (duplicate_revealer);
  BIND (printed_revealer);
  BIND (printed_label);
  BIND (duplicate_label);
  BIND (duplicate_open_button);
  BIND (scan_viewer);
  BIND (text_view);
  BIND (translation_km_view);
  BIND (translation_km_box);
  BIND (translation_en_view);
  BIND (notes_view);
  BIND (addressees_box);
  BIND (sender_row);
  BIND (city_row);
  BIND (country_dropdown);
  BIND (consent_row);
  BIND (channel_row);
  BIND (received_row);
  BIND (office_row);
  BIND (language_row);
  BIND (history_list);
  BIND (history_button);
  BIND (done_button);
  BIND (approve_button);
  BIND (hold_button);
  BIND (without_translation_check);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, duplicate_open_clicked_cb);

  _sb_message_editor_install_review_actions (widget_class);
  _sb_message_editor_install_privacy_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "editor.add-scan", NULL, add_scan_action);
  gtk_widget_class_install_action (widget_class, "editor.paste-scan", NULL, paste_scan_action);
  _sb_message_editor_install_save_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.done-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.done-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_ALT_MASK, "editor.approve", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_ALT_MASK, "editor.hold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.paste-scan", NULL);
}

static void
sb_message_editor_init (SbMessageEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->detainee_ids = g_ptr_array_new_with_free_func (g_free);
  self->addressee_buttons = g_ptr_array_new ();
  self->office_ids = g_ptr_array_new_with_free_func (g_free);
  self->country_codes = g_ptr_array_new_with_free_func (g_free);
  self->language_codes = g_ptr_array_new_with_free_func (g_free);

  fill_countries (self);
  fill_languages (self);
  /* A reviewer reads the whole message before approving it: the boxes grow with the
   * text (about twenty lines before they scroll), Khmer wrapped between words. */
  _sb_text_box_setup (self->text_view, 6, 20);
  _sb_text_box_setup (self->translation_km_view, 6, 20);
  _sb_text_box_setup (self->translation_en_view, 6, 20);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->translation_km_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->translation_en_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->sender_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->city_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->received_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->consent_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->office_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->country_dropdown, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (language_changed_cb), self);
  g_signal_connect_swapped (self->history_button, "notify::active",
                            G_CALLBACK (_sb_message_editor_show_history), self);

  _sb_message_editor_init_saving (self);

  _sb_message_editor_init_scans (self);
  _sb_message_editor_update_actions (self);
}

/* A campaign that cannot be changed is read here, not typed into: the texts can
 * still be selected and copied (the window says why, sb-window-integrity.c). */
void
_sb_message_editor_set_editable (SbMessageEditor *self,
                                 gboolean         editable)
{
  GtkTextView *views[] = {
    self->text_view, self->translation_km_view, self->translation_en_view, self->notes_view,
  };
  GtkWidget *fields[] = {
    GTK_WIDGET (self->addressees_box), GTK_WIDGET (self->sender_row),
    GTK_WIDGET (self->city_row), GTK_WIDGET (self->country_dropdown),
    GTK_WIDGET (self->consent_row), GTK_WIDGET (self->channel_row),
    GTK_WIDGET (self->received_row), GTK_WIDGET (self->office_row),
    GTK_WIDGET (self->language_row), GTK_WIDGET (self->without_translation_check),
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_text_view_set_editable (views[i], editable);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_set_sensitive (fields[i], editable);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

void
sb_message_editor_set_campaign (SbMessageEditor *self,
                                SbCampaign      *campaign)
{
  g_return_if_fail (SB_IS_MESSAGE_EDITOR (self));

  /* The window asked before a campaign with unsaved typing is closed (sb-window.c). */
  if (self->unsaved)
    sb_message_editor_save_now (self);
  _sb_message_editor_forget_unsaved (self);
  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    self->changed_id = g_signal_connect_object (campaign, "changed", G_CALLBACK (campaign_changed_cb),
                                                self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->message, sb_message_free);
  fill_choices (self);
  fill_form (self);
  sb_scan_viewer_show_message (self->scan_viewer, campaign, NULL);
  _sb_message_editor_set_editable (self, campaign == NULL || !sb_campaign_is_read_only (campaign));
  _sb_message_editor_update_actions (self);
}

/**
 * sb_message_editor_show_message:
 * @message_id: (nullable): the message to edit
 *
 * Saves what was being typed, then shows @message_id. When the campaign file
 * cannot take what was typed (a full disk…), the editor keeps its message and
 * returns %FALSE: nothing typed is dropped.
 *
 * Returns: %TRUE when @message_id is shown
 */
gboolean
sb_message_editor_show_message (SbMessageEditor *self,
                                const char      *message_id)
{
  g_autoptr(GError) error = NULL;
  /* A copy: @message_id may be the shown message's own id, freed below. */
  g_autofree char *id = g_strdup (message_id);

  g_return_val_if_fail (SB_IS_MESSAGE_EDITOR (self), FALSE);

  if (self->unsaved && !sb_message_editor_save_now (self) && self->save_error != NULL)
    return FALSE;
  _sb_message_editor_forget_unsaved (self);
  g_clear_pointer (&self->message, sb_message_free);
  if (self->campaign != NULL && id != NULL)
    self->message = sb_campaign_get_message (self->campaign, id, &error);
  fill_form (self);
  sb_scan_viewer_show_message (self->scan_viewer, self->campaign,
                               self->message ? self->message->id : NULL);
  gtk_widget_set_sensitive (self->root, self->message != NULL);
  g_clear_pointer (&self->duplicate_id, g_free);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  if (self->message != NULL)
    _sb_message_editor_check_duplicates (self);
  if (gtk_toggle_button_get_active (self->history_button))
    _sb_message_editor_show_history (self);
  if (error != NULL)
    _sb_message_editor_show_error (self, error);
  return TRUE;
}

const char *
sb_message_editor_get_message_id (SbMessageEditor *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_EDITOR (self), NULL);
  return self->message ? self->message->id : NULL;
}

void
sb_message_editor_focus_text (SbMessageEditor *self)
{
  g_return_if_fail (SB_IS_MESSAGE_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

GtkWidget *
sb_message_editor_get_scan_viewer (SbMessageEditor *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_EDITOR (self), NULL);
  return GTK_WIDGET (self->scan_viewer);
}
