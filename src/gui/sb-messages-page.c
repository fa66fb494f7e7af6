/* sb-messages-page.c — the Messages section: the list and the editor beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-gui-a11y.h"
#include "sb-gui-toast.h"
#include "sb-gui-format.h"
#include "sb-message-editor.h"
#include "sb-message-list.h"
#include "sb-message-list-row.h"
#include "sb-messages-page-private.h"
#include "sb-scan-viewer.h"
#include "sb-store-error.h"
#include "sb-text.h"
#include "sb-transcription.h"

G_DEFINE_FINAL_TYPE (SbMessagesPage, sb_messages_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

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
  a = sb_text_format_count (to_transcribe, sb_interface_language ());
  b = sb_text_format_count (to_review, sb_interface_language ());
  first = g_strdup_printf (ngettext ("%s to transcribe", "%s to transcribe", to_transcribe), a);
  second = g_strdup_printf (ngettext ("%s to review", "%s to review", to_review), b);
  /* TRANSLATORS: "12 to transcribe · 3 to review" */
  text = g_strdup_printf (_("%s · %s"), first, second);
  gtk_label_set_text (self->queue_label, text);
  return G_SOURCE_REMOVE;
}

void
_sb_messages_page_select_message (SbMessagesPage *self,
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
    _sb_messages_page_select_message (self, id);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (SbMessagesPage *self)
{
  /* A row that changed comes back as a new object: select it again, once the list
   * views are done with the change. */
  if (self->reselect_id == 0)
    self->reselect_id = g_idle_add (reselect_cb, self);
  _sb_messages_page_update_count (self);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "filters_changed_cb",
                                                G_CALLBACK (_sb_messages_page_filters_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "search_changed_cb",
                                                G_CALLBACK (_sb_messages_page_search_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, open_message_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "messages.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "messages.add-folder", NULL, _sb_messages_page_add_folder_action);
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
  _sb_messages_page_update_count (self);
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
  _sb_messages_page_fill_filter_choices (self);
  if (campaign != NULL)
    {
      self->changed_id = g_signal_connect_object (campaign, "changed", G_CALLBACK (campaign_changed_cb),
                                                  self, G_CONNECT_SWAPPED);
      self->messages = sb_message_list_new_in_background (campaign);
      g_signal_connect_object (self->messages, "notify::complete", G_CALLBACK (_sb_messages_page_update_count),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->messages, "read-failed", G_CALLBACK (_sb_gui_report_error),
                               self, G_CONNECT_SWAPPED);
      _sb_messages_page_apply_filters (self);
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
  _sb_messages_page_update_count (self);

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
    _sb_messages_page_select_message (self, message_id);
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
