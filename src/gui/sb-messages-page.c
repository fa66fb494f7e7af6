/* sb-messages-page.c — the Messages section: the list and the editor beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-bidi.h"
#include "sb-breakdown.h"
#include "sb-enums.h"
#include "sb-gui-a11y.h"
#include "sb-gui-error.h"
#include "sb-gui-format.h"
#include "sb-message-editor.h"
#include "sb-message-list.h"
#include "sb-message-list-row.h"
#include "sb-messages-page.h"
#include "sb-scan-folder.h"
#include "sb-scan-viewer.h"
#include "sb-store-error.h"
#include "sb-text.h"
#include "sb-transcription.h"

#define MIN_SEARCH_CHARS 3

struct _SbMessagesPage
{
  GtkWidget           parent_instance;

  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *editor_pane;
  GtkLabel           *queue_label;
  GtkLabel           *count_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *channel_dropdown;
  GtkDropDown        *detainee_dropdown;
  GtkDropDown        *office_dropdown;
  GtkDropDown        *language_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkCheckButton     *needs_translation_check;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkRevealer        *progress_revealer;
  GtkProgressBar     *progress_bar;
  SbMessageEditor    *editor;

  SbCampaign         *campaign;
  gulong              changed_id;
  SbMessageList      *messages;
  GtkSingleSelection *selection;
  GPtrArray          *detainee_ids;
  GPtrArray          *office_ids;
  GCancellable       *import_cancellable;
  guint               queue_id;
  guint               reselect_id;
  guint               selecting;
};

G_DEFINE_FINAL_TYPE (SbMessagesPage, sb_messages_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const languages[] = { NULL, "km", "en", "fr", "und" };

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

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

static void
update_count (SbMessagesPage *self)
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

static gboolean
update_queue_cb (gpointer user_data)
{
  SbMessagesPage *self = user_data;
  gint64 to_transcribe = 0, to_review = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  self->queue_id = 0;
  if (self->campaign != NULL &&
      !sb_campaign_count_queue (self->campaign, &to_transcribe, &to_review, &error))
    {
      /* The counts shown before stay: better than a wrong "0 to transcribe". */
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return G_SOURCE_REMOVE;
    }
  a = format_count (to_transcribe);
  b = format_count (to_review);
  first = g_strdup_printf (ngettext ("%s to transcribe", "%s to transcribe", to_transcribe), a);
  second = g_strdup_printf (ngettext ("%s to review", "%s to review", to_review), b);
  /* TRANSLATORS: "12 to transcribe · 3 to review" */
  text = g_strdup_printf (_("%s · %s"), first, second);
  gtk_label_set_text (self->queue_label, text);
  return G_SOURCE_REMOVE;
}

static void
select_message (SbMessagesPage *self,
                const char     *message_id)
{
  g_autoptr(GError) error = NULL;
  guint position = message_id ? sb_message_list_find (self->messages, message_id, &error) : G_MAXUINT;

  _sb_gui_report_error (GTK_WIDGET (self), error);
  self->selecting++;
  if (position == G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  else
    {
      gtk_single_selection_set_selected (self->selection, position);
      if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
    }
  self->selecting--;
}

static void
apply_filters (SbMessagesPage *self)
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
  select_message (self, sb_message_editor_get_message_id (self->editor));
  update_count (self);
}

static void
fill_filter_choices (SbMessagesPage *self)
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

/* ------------------------------------------------------------------------ */
/* Rows                                                                     */
/* ------------------------------------------------------------------------ */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, sb_message_list_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  sb_message_list_row_show (SB_MESSAGE_LIST_ROW (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item));
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
filters_changed_cb (SbMessagesPage *self)
{
  apply_filters (self);
}

static void
search_changed_cb (SbMessagesPage *self)
{
  g_autoptr(GError) error = NULL;

  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->messages == NULL)
    return;
  /* Below three characters the search index cannot help: in a large campaign every
   * message would be read at each key. Wait for the third. */
  if (g_utf8_strlen (query, -1) < MIN_SEARCH_CHARS)
    query = NULL;
  if (!sb_message_list_set_filter (self->messages, SB_MESSAGE_FILTER_SEARCH, query, &error))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  update_count (self);
}

static void
selection_changed_cb (SbMessagesPage *self)
{
  SbMessageRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (self->selecting > 0 || row == NULL)
    return;
  if (g_strcmp0 (sb_message_row_get_id (row), sb_message_editor_get_message_id (self->editor)) == 0)
    return;
  sb_messages_page_show_message (self, sb_message_row_get_id (row));
}

static gboolean
reselect_cb (gpointer user_data)
{
  SbMessagesPage *self = user_data;
  const char *id = sb_message_editor_get_message_id (self->editor);

  self->reselect_id = 0;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION && id != NULL)
    select_message (self, id);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (SbMessagesPage *self)
{
  /* A row that changed comes back as a new object: select it again, once the list
   * views are done with the change. */
  if (self->reselect_id == 0)
    self->reselect_id = g_idle_add (reselect_cb, self);
  update_count (self);
}

static void
campaign_changed_cb (SbMessagesPage *self)
{
  if (self->queue_id == 0)
    self->queue_id = g_timeout_add (300, update_queue_cb, self);
}

static void
open_message_cb (SbMessagesPage *self,
                 const char     *message_id)
{
  sb_messages_page_show_message (self, message_id);
}

static void
back_clicked_cb (SbMessagesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (widget);
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(GError) error = NULL;
  const char *office = NULL;

  if (self->campaign == NULL || !sb_message_editor_save_now (self->editor))
    return;
  /* Cards come in batches from one office: keep the office of the card before. */
  {
    g_autoptr(SbMessage) previous = NULL;
    const char *id = sb_message_editor_get_message_id (self->editor);

    /* A card erased meanwhile has no office to pass on; one that cannot be read
     * stops here rather than give the new card another office. */
    if (id != NULL && (previous = sb_campaign_get_message (self->campaign, id, &error)) == NULL)
      {
        if (!g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
          {
            _sb_gui_report_error (widget, error);
            return;
          }
        g_clear_error (&error);
      }
    if (previous != NULL && previous->office_id != NULL)
      office = g_intern_string (previous->office_id);
  }
  g_free (message->office_id);
  message->office_id = g_strdup (office);
  if (!sb_campaign_add_message (self->campaign, message, &error))
    {
      _sb_gui_report_error (widget, error);
      return;
    }
  if (!sb_message_list_refresh (self->messages, &error))
    _sb_gui_report_error (widget, error);
  sb_messages_page_show_message (self, message->id);
  sb_message_editor_focus_text (self->editor);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (widget);
  const char *current = sb_message_editor_get_message_id (self->editor);
  g_autofree char *next = NULL;
  g_autoptr(GError) error = NULL;

  if (self->campaign == NULL)
    return;
  next = g_str_equal (action_name, "messages.next")
         ? sb_campaign_next_to_transcribe (self->campaign, current, &error)
         : sb_campaign_next_to_review (self->campaign, current, &error);
  if (next != NULL)
    sb_messages_page_show_message (self, next);
  else
    _sb_gui_report_error (widget, error);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (SB_MESSAGES_PAGE (widget)->search_entry));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (widget);
  SbScanViewer *viewer = SB_SCAN_VIEWER (sb_message_editor_get_scan_viewer (self->editor));

  if (g_str_equal (action_name, "messages.zoom-in"))
    sb_scan_viewer_zoom_in (viewer);
  else if (g_str_equal (action_name, "messages.zoom-out"))
    sb_scan_viewer_zoom_out (viewer);
  else if (g_str_equal (action_name, "messages.zoom-actual"))
    sb_scan_viewer_set_zoom_actual (viewer);
  else if (g_str_equal (action_name, "messages.zoom-fit"))
    sb_scan_viewer_zoom_fit (viewer);
  else
    sb_scan_viewer_rotate (viewer);
}

static void
import_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  SbMessagesPage *self = user_data;
  g_autofree char *text = _sb_localise_digits (g_strdup_printf (_("Card %u of %u"), done, total));

  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbMessagesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbScanFolderReport) report = sb_scan_folder_import_finish (SB_CAMPAIGN (source), result, &error);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->import_cancellable);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      heading = g_strdup (_("The Scans Could Not Be Added"));
      g_string_append (body, error->message);
    }
  else
    {
      g_autofree char *looked_at = NULL;

      heading = _sb_localise_digits (g_strdup_printf (ngettext ("%u New Postcard", "%u New Postcards",
                                                                report->cards),
                                                      report->cards));
      looked_at = _sb_localise_digits (g_strdup_printf (ngettext ("%u picture was looked at.",
                                                                  "%u pictures were looked at.",
                                                                  report->files),
                                                        report->files));
      g_string_append (body, looked_at);
      if (report->problems->len > 0)
        {
          g_string_append_printf (body, "\n\n%s\n", ngettext ("This file was left out:",
                                                              "These files were left out:",
                                                              report->problems->len));
          for (guint i = 0; i < MIN (report->problems->len, 8); i++)
            g_string_append_printf (body, "\n• %s", (char *) g_ptr_array_index (report->problems, i));
          if (report->problems->len > 8)
            g_string_append_printf (body, "\n• …");
        }
      if (report->message_ids->len > 0)
        sb_messages_page_show_message (self, g_ptr_array_index (report->message_ids, 0));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading, body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  SbMessagesPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->campaign != NULL)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      self->import_cancellable = g_cancellable_new ();
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
      sb_scan_folder_import_async (self->campaign, folder, import_progress_cb, self,
                                   self->import_cancellable, imported_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (self->campaign == NULL || self->import_cancellable != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Add Scans from a Folder"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_messages_page_dispose (GObject *object)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (object);

  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_handle_id (&self->queue_id, g_source_remove);
  g_clear_handle_id (&self->reselect_id, g_source_remove);
  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_MESSAGES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->messages);
  g_clear_object (&self->campaign);

  G_OBJECT_CLASS (sb_messages_page_parent_class)->dispose (object);
}

static void
sb_messages_page_finalize (GObject *object)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (object);

  g_clear_pointer (&self->detainee_ids, g_ptr_array_unref);
  g_clear_pointer (&self->office_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_messages_page_parent_class)->finalize (object);
}

static void
sb_messages_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_messages_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbMessagesPage *self = SB_MESSAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      sb_messages_page_set_campaign (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_messages_page_class_init (SbMessagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char *zooms[] = { "messages.zoom-in", "messages.zoom-out", "messages.zoom-actual",
                          "messages.zoom-fit", "messages.rotate" };

  object_class->dispose = sb_messages_page_dispose;
  object_class->finalize = sb_messages_page_finalize;
  object_class->get_property = sb_messages_page_get_property;
  object_class->set_property = sb_messages_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_MESSAGE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-messages-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SbMessagesPage, name)
  BIND (leaflet);
  BIND (list_pane);
  BIND (editor_pane);
  BIND (queue_label);
  BIND (count_label);
  BIND (search_entry);
  BIND (status_dropdown);
  BIND (channel_dropdown);
  BIND (detainee_dropdown);
  BIND (office_dropdown);
  BIND (language_dropdown);
  BIND (sort_dropdown);
  BIND (needs_translation_check);
  BIND (list_stack);
  BIND (list_view);
  BIND (progress_revealer);
  BIND (progress_bar);
  BIND (editor);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_message_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "messages.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "messages.add-folder", NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, "messages.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "messages.next-review", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "messages.search", NULL, search_action);
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    gtk_widget_class_install_action (widget_class, zooms[i], NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "messages.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "messages.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "messages.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "messages.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "messages.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "messages.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "messages.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "messages.zoom-actual", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_9, GDK_CONTROL_MASK, "messages.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "messages.rotate", NULL);
}

static void
sb_messages_page_init (SbMessagesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->detainee_ids = g_ptr_array_new_with_free_func (g_free);
  self->office_ids = g_ptr_array_new_with_free_func (g_free);

  sb_gui_a11y_single_tab_stop (GTK_WIDGET (self->list_view));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (items_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
  update_count (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

void
sb_messages_page_set_campaign (SbMessagesPage *self,
                               SbCampaign     *campaign)
{
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_MESSAGES_PAGE (self));

  if (self->campaign == campaign)
    return;
  sb_message_editor_save_now (self->editor);
  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_set_object (&self->campaign, campaign);
  g_clear_object (&self->messages);
  sb_message_editor_set_campaign (self->editor, campaign);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.new",
                                 campaign == NULL || !sb_campaign_is_read_only (campaign));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.add-folder",
                                 campaign == NULL || !sb_campaign_is_read_only (campaign));
  fill_filter_choices (self);
  if (campaign != NULL)
    {
      self->changed_id = g_signal_connect_object (campaign, "changed", G_CALLBACK (campaign_changed_cb),
                                                  self, G_CONNECT_SWAPPED);
      self->messages = sb_message_list_new_in_background (campaign);
      g_signal_connect_object (self->messages, "notify::complete", G_CALLBACK (update_count),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->messages, "read-failed", G_CALLBACK (_sb_gui_report_error),
                               self, G_CONNECT_SWAPPED);
      apply_filters (self);
    }
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->messages));
  /* Counted after the window's first frame: at a million messages it takes a moment,
   * and the window opens on another section. */
  g_clear_handle_id (&self->queue_id, g_source_remove);
  gtk_label_set_text (self->queue_label, "");
  if (campaign != NULL)
    self->queue_id = g_timeout_add (300, update_queue_cb, self);
  else
    update_queue_cb (self);
  update_count (self);

  /* Open on the work: the next card to type, else the newest message. */
  if (campaign != NULL && (first = sb_campaign_next_to_transcribe (campaign, NULL, &error)) == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  if (first == NULL && self->messages != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->messages)) > 0)
    {
      g_autoptr(SbMessageRow) row = g_list_model_get_item (G_LIST_MODEL (self->messages), 0);
      first = g_strdup (sb_message_row_get_id (row));
    }
  sb_messages_page_show_message (self, first);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

/**
 * sb_messages_page_show_message:
 * @message_id: (nullable): a message id
 *
 * Shows the message in the editor and selects it in the list when the filters
 * show it. While what was typed in the editor cannot be saved, the editor keeps
 * its message and the list selects that one again.
 */
void
sb_messages_page_show_message (SbMessagesPage *self,
                               const char     *message_id)
{
  g_return_if_fail (SB_IS_MESSAGES_PAGE (self));

  if (!sb_message_editor_show_message (self->editor, message_id))
    message_id = sb_message_editor_get_message_id (self->editor);
  if (self->messages != NULL)
    select_message (self, message_id);
  if (message_id != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->editor_pane);
}

/**
 * sb_messages_page_save_now:
 *
 * Writes what is typed in the editor, if anything is unsaved.
 *
 * Returns: %TRUE when nothing typed is left unsaved
 */
gboolean
sb_messages_page_save_now (SbMessagesPage *self)
{
  g_return_val_if_fail (SB_IS_MESSAGES_PAGE (self), FALSE);
  return sb_message_editor_save_now (self->editor);
}

/**
 * sb_messages_page_get_save_error:
 *
 * Returns: (nullable): why what is typed could not be written to the campaign
 *   file, while it could not
 */
const GError *
sb_messages_page_get_save_error (SbMessagesPage *self)
{
  g_return_val_if_fail (SB_IS_MESSAGES_PAGE (self), NULL);
  return sb_message_editor_get_save_error (self->editor);
}

/**
 * sb_messages_page_get_model:
 * Returns: (transfer none) (nullable): the list of messages the filters show
 */
GListModel *
sb_messages_page_get_model (SbMessagesPage *self)
{
  g_return_val_if_fail (SB_IS_MESSAGES_PAGE (self), NULL);
  return self->messages ? G_LIST_MODEL (self->messages) : NULL;
}
