/* sb-recent-campaigns.c — the campaigns opened recently, on the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sambot records each campaign it opens in the desktop's list of recent files
 * (GtkRecentManager, shared with the file chooser and Files), and the welcome page
 * lists them: the newest first, a campaign that has been moved or deleted shown as
 * missing, with a button to take it off the list.
 */

#define G_LOG_DOMAIN "sambot-recent"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-gui-toast.h"
#include "sb-recent-campaigns.h"
#include "sb-window.h"

/* The campaign file type (data/org.sambot.Sambot.mime.xml.in). */
#define CAMPAIGN_MIME_TYPE "application/x-sambot-campaign"
#define RECENT_APP_NAME    "sambot"

struct _SbRecentCampaigns
{
  AdwBin            parent_instance;

  GtkListBox       *list_box;

  GtkRecentManager *manager;
  GPtrArray        *paths;       /* char *: the file of each row, in the list's order */
  guint             n_shown;
};

G_DEFINE_FINAL_TYPE (SbRecentCampaigns, sb_recent_campaigns, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
is_campaign (GtkRecentInfo *info)
{
  if (!gtk_recent_info_is_local (info))
    return FALSE;

  return g_strcmp0 (gtk_recent_info_get_mime_type (info), CAMPAIGN_MIME_TYPE) == 0 ||
         gtk_recent_info_has_application (info, RECENT_APP_NAME);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GtkRecentInfo *info_a = (GtkRecentInfo *) a;
  GtkRecentInfo *info_b = (GtkRecentInfo *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* The folder a campaign is in, as a person reads it: "~/Campaigns". */
static char *
describe_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (dir);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (display, home) &&
      (display[home_len] == '\0' || display[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", display + home_len, NULL);

  return g_steal_pointer (&display);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbRecentCampaigns *self = SB_RECENT_CAMPAIGNS (widget);
  const char *uri = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  /* The list is rebuilt when the manager says it changed. */
  if (!gtk_recent_manager_remove_item (self->manager, uri, &error))
    _sb_gui_report_error (GTK_WIDGET (self), error);
}

static GtkWidget *
make_row (SbRecentCampaigns *self,
          GtkRecentInfo     *info,
          const char        *path)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *folder = describe_folder (path);
  g_autofree char *basename = g_filename_display_basename (path);
  const char *name = gtk_recent_info_get_display_name (info);

  if (name == NULL || name[0] == '\0')
    name = basename;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);

  if (gtk_recent_info_exists (info))
    {
      g_autofree char *where = g_build_filename (folder, basename, NULL);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  else
    {
      /* Translators: a recent campaign whose file is gone; %s is the folder it was in. */
      g_autofree char *missing = g_strdup_printf (_("Missing: no longer in %s"), folder);
      /* Translators: %s is a campaign's name. */
      g_autofree char *remove_label = g_strdup_printf (_("Remove “%s” from the list"), name);
      GtkWidget *remove_button = gtk_button_new_from_icon_name ("window-close-symbolic");

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), missing);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));

      gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove_button, "flat");
      gtk_widget_set_tooltip_text (remove_button, _("Remove From the List"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove_button), "recent.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove_button), "s", gtk_recent_info_get_uri (info));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);
    }

  return row;
}

static void
rebuild (SbRecentCampaigns *self)
{
  GList *items = gtk_recent_manager_get_items (self->manager);
  GList *campaigns = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (GList *l = items; l != NULL; l = l->next)
    if (is_campaign (l->data))
      campaigns = g_list_prepend (campaigns, l->data);
  campaigns = g_list_sort (campaigns, compare_newest_first);

  self->n_shown = 0;
  g_ptr_array_set_size (self->paths, 0);
  for (GList *l = campaigns; l != NULL && self->n_shown < SB_RECENT_CAMPAIGNS_MAX; l = l->next)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (l->data));
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        continue;
      gtk_list_box_append (self->list_box, make_row (self, l->data, path));
      g_ptr_array_add (self->paths, g_steal_pointer (&path));
      self->n_shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->n_shown > 0);

  g_list_free (campaigns);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
recent_changed_cb (SbRecentCampaigns *self,
                   GtkRecentManager  *manager)
{
  rebuild (self);
}

static void
row_activated_cb (SbRecentCampaigns *self,
                  GtkListBoxRow     *row,
                  GtkListBox        *list_box)
{
  int index = gtk_list_box_row_get_index (row);
  const char *path = index >= 0 && (guint) index < self->paths->len ? g_ptr_array_index (self->paths, index) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GFile) file = NULL;

  if (path == NULL || !SB_IS_WINDOW (root))
    return;

  file = g_file_new_for_path (path);
  sb_window_open (SB_WINDOW (root), file);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_recent_campaigns_dispose (GObject *object)
{
  SbRecentCampaigns *self = SB_RECENT_CAMPAIGNS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_RECENT_CAMPAIGNS);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (sb_recent_campaigns_parent_class)->dispose (object);
}

static void
sb_recent_campaigns_finalize (GObject *object)
{
  SbRecentCampaigns *self = SB_RECENT_CAMPAIGNS (object);

  g_ptr_array_unref (self->paths);

  G_OBJECT_CLASS (sb_recent_campaigns_parent_class)->finalize (object);
}

/* A campaign may have been moved or deleted since the list was made: look again each
 * time the welcome page comes into view. */
static void
sb_recent_campaigns_map (GtkWidget *widget)
{
  rebuild (SB_RECENT_CAMPAIGNS (widget));

  GTK_WIDGET_CLASS (sb_recent_campaigns_parent_class)->map (widget);
}

static void
sb_recent_campaigns_class_init (SbRecentCampaignsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_recent_campaigns_dispose;
  object_class->finalize = sb_recent_campaigns_finalize;
  widget_class->map = sb_recent_campaigns_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-recent-campaigns.ui");
  gtk_widget_class_bind_template_child (widget_class, SbRecentCampaigns, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "recent.remove", "s", remove_action);
}

static void
sb_recent_campaigns_init (SbRecentCampaigns *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->manager = g_object_ref (gtk_recent_manager_get_default ());
  g_signal_connect_object (self->manager, "changed",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_recent_campaigns_new:
 *
 * Returns: (transfer floating): the list of recent campaigns
 */
GtkWidget *
sb_recent_campaigns_new (void)
{
  return g_object_new (SB_TYPE_RECENT_CAMPAIGNS, NULL);
}

/**
 * sb_recent_campaigns_get_n_shown:
 *
 * Returns: how many campaigns the list shows
 */
guint
sb_recent_campaigns_get_n_shown (SbRecentCampaigns *self)
{
  g_return_val_if_fail (SB_IS_RECENT_CAMPAIGNS (self), 0);

  return self->n_shown;
}

/**
 * sb_recent_campaigns_note_opened:
 * @path: the campaign file
 * @name: (nullable): the campaign's name, shown in the list
 *
 * Records that the campaign at @path was opened (or created), in the desktop's list of
 * recent files; every list of recent campaigns shows it first.
 */
void
sb_recent_campaigns_note_opened (const char *path,
                                 const char *name)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  GtkRecentData data = {
    .display_name = (char *) (name != NULL && name[0] != '\0' ? name : NULL),
    .mime_type = (char *) CAMPAIGN_MIME_TYPE,
    .app_name = (char *) RECENT_APP_NAME,
    .app_exec = (char *) "sambot %u",
  };

  g_return_if_fail (path != NULL);

  /* Only a relative path has no URI: the list of recent campaigns then lacks it,
   * which is all the person can notice. */
  uri = g_filename_to_uri (path, NULL, &error);
  if (uri == NULL)
    {
      g_debug ("%s is not listed as recent: %s", path, error->message);
      return;
    }
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}
