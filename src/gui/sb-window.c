/* sb-window.c — the main window: welcome page or one open campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-window-private.h"
#include "sb-dashboard-page.h"
#include "sb-export-dialog.h"
#include "sb-gui-toast.h"
#include "sb-import-assistant.h"
#include "sb-offices-page.h"
#include "sb-recent-campaigns.h"
#include "sb-transcription.h"

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The generated resource file; referencing it keeps it linked in from the static
 * library, so templates resolve in the tests as well as in the app. */
GResource *sb_gui_get_resource (void);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
update_actions (SbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-campaign",
                                 self->campaign != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-messages",
                                 self->campaign != NULL && !sb_campaign_is_read_only (self->campaign));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", self->campaign != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->campaign != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup",
                                 self->campaign != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-facility",
                                 self->campaign != NULL && !sb_campaign_is_read_only (self->campaign));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-detainee",
                                 self->campaign != NULL && !sb_campaign_is_read_only (self->campaign));
}

/* A campaign with nobody to write to yet shows, in Messages, what to do first
 * instead of an empty list beside an empty card. Once it has detainees, or
 * messages (imported before them), Messages shows as ever. */
static void
update_messages_start (SbWindow *self)
{
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  gint64 to_transcribe = 0, to_review = 0;
  gboolean start = FALSE;
  gboolean has_place = FALSE;
  g_autoptr(GError) error = NULL;

  /* What cannot be read leaves Messages as it is, and says why. */
  if (self->campaign != NULL &&
      ((detainees = sb_campaign_list_detainees (self->campaign, &error)) == NULL ||
       (detainees->len == 0 &&
        !sb_campaign_count_queue (self->campaign, &to_transcribe, &to_review, &error))))
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  start = detainees != NULL && detainees->len == 0 && to_transcribe == 0 && to_review == 0;
  if (start && (facilities = sb_campaign_list_facilities (self->campaign, &error)) == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  has_place = facilities != NULL && facilities->len > 0;

  /* The next step is the highlighted one: the place, then the people held there. */
  gtk_widget_set_visible (self->start_place_button, !has_place);
  if (has_place)
    gtk_widget_add_css_class (self->start_detainee_button, "suggested-action");
  else
    {
      gtk_widget_add_css_class (self->start_place_button, "suggested-action");
      gtk_widget_remove_css_class (self->start_detainee_button, "suggested-action");
    }
  gtk_stack_set_visible_child_name (self->messages_stack, start ? "start" : "messages");
}

static void
update_title (SbWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) error = NULL;

  if (self->campaign == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Sambot"));
      adw_view_switcher_title_set_title (self->switcher_title, "");
      adw_view_switcher_title_set_subtitle (self->switcher_title, "");
      return;
    }

  name = sb_campaign_get_setting (self->campaign, SB_SETTING_NAME, &error);
  _sb_gui_report_error (GTK_WIDGET (self), error);
  basename = g_path_get_basename (sb_campaign_get_path (self->campaign));
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (basename);
    }
  adw_view_switcher_title_set_title (self->switcher_title, name);
  if (sb_campaign_is_read_only (self->campaign))
    {
      /* TRANSLATORS: the window's subtitle: the campaign's file name, then that it
       * cannot be changed */
      g_autofree char *subtitle = g_strdup_printf (_("%s (read-only)"), basename);

      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
  else
    adw_view_switcher_title_set_subtitle (self->switcher_title, basename);
  gtk_window_set_title (GTK_WINDOW (self), name);
}

static void
apply_operator (SbWindow *self)
{
  g_autofree char *operator_name = NULL;

  if (self->campaign == NULL)
    return;

  operator_name = g_strstrip (g_settings_get_string (self->settings, "operator-name"));
  sb_campaign_set_operator (self->campaign,
                            operator_name[0] != '\0' ? operator_name : g_get_real_name ());
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
campaign_changed_cb (SbWindow   *self,
                     SbCampaign *campaign)
{
  update_title (self);
  update_messages_start (self);
}

static void
operator_name_changed_cb (SbWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  apply_operator (self);
}

/* The bar stands in for the switcher in a narrow window; with one section there is
 * nothing to switch between. */
static void
update_switcher_bar_cb (SbWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  gboolean several = g_list_model_get_n_items (G_LIST_MODEL (pages)) > 1;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    several && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

/* ------------------------------------------------------------------------ */
/* Closing with typing that could not be saved                              */
/* ------------------------------------------------------------------------ */

static void ask_about_unsaved (SbWindow *self,
                               gboolean  closing_window);

/* FALSE when typing could not be saved, after asking the person what to do. */
static gboolean
save_or_ask (SbWindow *self,
             gboolean  closing_window)
{
  if (self->campaign == NULL || self->discard_unsaved ||
      sb_messages_page_save_now (self->messages_page) ||
      sb_messages_page_get_save_error (self->messages_page) == NULL)
    return TRUE;
  ask_about_unsaved (self, closing_window);
  return FALSE;
}

static void
close_campaign_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (save_or_ask (self, FALSE))
    sb_window_close_campaign (self);
  self->discard_unsaved = FALSE;
}

static gboolean
close_again_cb (gpointer user_data)
{
  SbWindow *self = user_data;

  if (self->unsaved_closes_window)
    gtk_window_close (GTK_WINDOW (self));
  else
    close_campaign_action (GTK_WIDGET (self), NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SbWindow         *self)
{
  self->unsaved_dialog = NULL;
  if (g_str_equal (response, "keep"))
    return;
  self->discard_unsaved = g_str_equal (response, "discard");
  /* "retry" closes again, which saves again first. Once the dialog is gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_again_cb, g_object_ref (self), g_object_unref);
}

/* The last save failed (a full disk, a file another program holds): what is typed
 * exists only in the window. Say so, and let the person choose. */
static void
ask_about_unsaved (SbWindow *self,
                   gboolean  closing_window)
{
  const GError *error = sb_messages_page_get_save_error (self->messages_page);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  self->unsaved_closes_window = closing_window;
  if (self->unsaved_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->unsaved_dialog));
      return;
    }
  body = g_strdup_printf ("%s\n\n%s", error ? error->message : "",
                          _("If you close now, what you typed since the last save is lost."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("What You Typed Is Not Saved"),
                                                      g_strstrip (body)));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Close Without Saving"),
                                    "retry", _("_Try Again"),
                                    "keep", _("_Keep Editing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  self->unsaved_dialog = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
sb_window_close_request (GtkWindow *window)
{
  SbWindow *self = SB_WINDOW (window);

  /* The last keys typed are written before the window goes; when they cannot be,
   * the window stays until the person decides. */
  if (!save_or_ask (self, TRUE))
    return TRUE;
  return GTK_WINDOW_CLASS (sb_window_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->campaign_changed_id, self->campaign);
  g_clear_object (&self->campaign);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_finalize (GObject *object)
{
  SbWindow *self = SB_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->opening);

  G_OBJECT_CLASS (sb_window_parent_class)->finalize (object);
}

static void
sb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SbWindow *self = SB_WINDOW (object);

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
sb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SbWindow *self = SB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      sb_window_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
import_messages_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->campaign != NULL)
    gtk_window_present (GTK_WINDOW (sb_import_assistant_new (GTK_WINDOW (self), self->campaign)));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->campaign == NULL)
    return;
  /* The export reads the campaign file: what was just typed goes in it first (if it
   * cannot, the editor says why, as it does while typing). */
  sb_messages_page_save_now (self->messages_page);
  gtk_window_present (GTK_WINDOW (sb_export_dialog_new (GTK_WINDOW (self), self->campaign)));
}

/* The first steps of a new campaign, from wherever they are offered: the same editors
 * as in the Places and Detainees sections. */
static void
add_facility_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (SB_WINDOW (widget)->places_page), "places.add-facility", NULL);
}

static void
add_detainee_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (SB_WINDOW (widget)->detainees_page), "detainees.add", NULL);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _sb_window_restore_backup (SB_WINDOW (widget));
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  object_class->finalize = sb_window_finalize;
  object_class->get_property = sb_window_get_property;
  object_class->set_property = sb_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = sb_window_close_request;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) sb_gui_get_resource ();
  g_type_ensure (SB_TYPE_DETAINEES_PAGE);
  g_type_ensure (SB_TYPE_BATCHES_PAGE);
  g_type_ensure (SB_TYPE_MESSAGES_PAGE);
  g_type_ensure (SB_TYPE_DASHBOARD_PAGE);
  g_type_ensure (SB_TYPE_RECENT_CAMPAIGNS);
  g_type_ensure (SB_TYPE_PLACES_PAGE);
  g_type_ensure (SB_TYPE_OFFICES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, new_campaign_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, detainees_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, batches_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, messages_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, places_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, messages_stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, start_place_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, start_detainee_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, updating_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, updating_bar);

  gtk_widget_class_install_action (widget_class, "win.close-campaign", NULL, close_campaign_action);
  gtk_widget_class_install_action (widget_class, "win.import-messages", NULL, import_messages_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.add-facility", NULL, add_facility_action);
  gtk_widget_class_install_action (widget_class, "win.add-detainee", NULL, add_detainee_action);
  _sb_window_integrity_class_init (widget_class);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::operator-name",
                           G_CALLBACK (operator_name_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar_cb), self, G_CONNECT_SWAPPED);
  update_switcher_bar_cb (self);

  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_campaign_button));
  sb_import_assistant_add_drop_target (GTK_WIDGET (self));
  update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer none): a new window showing the welcome page
 */
SbWindow *
sb_window_new (GtkApplication *application)
{
  return g_object_new (SB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * sb_window_get_campaign:
 *
 * Returns: (transfer none) (nullable): the campaign shown, or %NULL on the welcome page
 */
SbCampaign *
sb_window_get_campaign (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->campaign;
}

/**
 * sb_window_set_campaign:
 * @campaign: (nullable): an open campaign, or %NULL for the welcome page
 *
 * Shows @campaign and remembers it for the next start. The window does not close
 * the previous campaign: see sb_window_close_campaign().
 */
void
sb_window_set_campaign (SbWindow   *self,
                        SbCampaign *campaign)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (!campaign || SB_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->campaign_changed_id, self->campaign);
  g_set_object (&self->campaign, campaign);

  if (campaign != NULL)
    {
      self->campaign_changed_id =
        g_signal_connect_object (campaign, "changed",
                                 G_CALLBACK (campaign_changed_cb), self, G_CONNECT_SWAPPED);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = sb_campaign_get_setting (campaign, SB_SETTING_NAME, &error);

      _sb_gui_report_error (GTK_WIDGET (self), error);
      apply_operator (self);
      g_settings_set_string (self->settings, "last-campaign", sb_campaign_get_path (campaign));
      sb_recent_campaigns_note_opened (sb_campaign_get_path (campaign), name);
    }

  update_messages_start (self);
  update_title (self);
  update_actions (self);
  _sb_window_campaign_shown (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "detainees");
  gtk_stack_set_visible_child_name (self->main_stack, campaign ? "campaign" : "welcome");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

/**
 * sb_window_load:
 * @file: a campaign file
 *
 * Opens @file and shows it. On failure the window keeps what it showed.
 *
 * Returns: %TRUE if the campaign is open
 */
gboolean
sb_window_load (SbWindow  *self,
                GFile     *file,
                GError   **error)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a file on this computer. Copy it to a local folder "
                     "and open it from there."), uri);
      return FALSE;
    }

  if (self->campaign != NULL && g_strcmp0 (sb_campaign_get_path (self->campaign), path) == 0)
    return TRUE;

  campaign = sb_campaign_open (path, FALSE, error);
  if (campaign == NULL)
    return FALSE;

  sb_window_close_campaign (self);
  sb_window_set_campaign (self, campaign);
  return TRUE;
}

/**
 * sb_window_close_campaign:
 *
 * Closes the campaign shown, if any, and goes back to the welcome page.
 */
void
sb_window_close_campaign (SbWindow *self)
{
  g_autoptr(SbCampaign) campaign = NULL;

  g_return_if_fail (SB_IS_WINDOW (self));

  if (self->campaign == NULL)
    return;

  campaign = g_object_ref (self->campaign);
  sb_window_set_campaign (self, NULL);
  sb_campaign_close (campaign);
  g_settings_set_string (self->settings, "last-campaign", "");
}

/**
 * sb_window_add_toast:
 * @toast: (transfer full): a toast
 */
void
sb_window_add_toast (SbWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
