/* sb-detainees-page.c — the Detainees section: who the campaign writes to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-detainees"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-campaign-figures.h"
#include "sb-detainee-editor.h"
#include "sb-detainee-row.h"
#include "sb-detainees-page.h"
#include "sb-facility-editor.h"
#include "sb-gui-format.h"

struct _SbDetaineesPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkLabel      *summary_label;
  GtkListBox    *list_box;
  AdwStatusPage *empty_page;
  GtkWidget     *empty_place_button;
  GtkWidget     *empty_detainee_button;
  AdwStatusPage *error_page;

  SbCampaign        *campaign;
  gulong             changed_id;
  SbCampaignFigures *figures;     /* shared with the Dashboard */
  gulong             updated_id;
};

G_DEFINE_FINAL_TYPE (SbDetaineesPage, sb_detainees_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
clear_rows (SbDetaineesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static void
show_error (SbDetaineesPage *self,
            const GError    *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* The people and where they are held come from the campaign at once; their figures
 * from the campaign's computation (sb-campaign-figures.c) when it has them: until
 * then the rows show no figures. */
static void
refresh (SbDetaineesPage *self)
{
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GHashTable) facility_names = NULL;
  g_autoptr(GHashTable) figures = NULL;
  const SbStats *stats = NULL;
  SbInfographicData *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *summary = NULL;

  clear_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detainees.add",
                                 self->campaign != NULL && !sb_campaign_is_read_only (self->campaign));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detainees.add-facility",
                                 self->campaign != NULL && !sb_campaign_is_read_only (self->campaign));
  if (self->campaign == NULL)
    return;

  as_of = sb_campaign_get_as_of (self->campaign, &error);
  if (as_of != NULL)
    detainees = sb_campaign_list_detainees (self->campaign, &error);
  if (detainees != NULL)
    facilities = sb_campaign_list_facilities (self->campaign, &error);
  if (facilities == NULL)
    {
      show_error (self, error);
      return;
    }
  if (self->figures != NULL && (data = sb_campaign_figures_get_data (self->figures)) != NULL)
    stats = sb_infographic_data_get_stats (data);
  else if (self->figures != NULL && sb_campaign_figures_get_error (self->figures) != NULL)
    {
      show_error (self, sb_campaign_figures_get_error (self->figures));
      return;
    }

  facility_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (facilities, i);

      g_hash_table_insert (facility_names, facility->id, (gpointer) sb_facility_get_name (facility));
    }

  figures = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; stats != NULL && stats->detainees != NULL && i < stats->detainees->len; i++)
    {
      SbDetaineeStats *figure = g_ptr_array_index (stats->detainees, i);

      g_hash_table_insert (figures, figure->detainee_id, figure);
    }

  for (guint i = 0; i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (detainees, i);
      const char *facility_name = NULL;

      if (detainee->facility_id != NULL)
        facility_name = g_hash_table_lookup (facility_names, detainee->facility_id);
      gtk_list_box_append (self->list_box,
                           sb_detainee_row_new (detainee, facility_name,
                                                g_hash_table_lookup (figures, detainee->id)));
    }

  as_of_text = _sb_format_long_date (stats != NULL && stats->as_of ? stats->as_of : as_of);
  summary = _sb_localise_digits (g_strdup_printf (ngettext ("%u person, as of %s",
                                                            "%u people, as of %s",
                                                            detainees->len),
                                                  detainees->len, as_of_text));
  gtk_label_set_text (self->summary_label, summary);

  /* With nobody yet, the next step is the highlighted one: where they are held,
   * then the people. */
  gtk_widget_set_visible (self->empty_place_button, facilities->len == 0);
  if (facilities->len == 0)
    {
      gtk_widget_add_css_class (self->empty_place_button, "suggested-action");
      gtk_widget_remove_css_class (self->empty_detainee_button, "suggested-action");
    }
  else
    gtk_widget_add_css_class (self->empty_detainee_button, "suggested-action");
  gtk_stack_set_visible_child_name (self->stack, detainees->len > 0 ? "list" : "empty");
}

static void
open_editor (SbDetaineesPage  *self,
             const SbDetainee *detainee);

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
campaign_changed_cb (SbDetaineesPage *self,
                     SbCampaign      *campaign)
{
  refresh (self);
}

static void
row_activated_cb (SbDetaineesPage *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list_box)
{
  if (SB_IS_DETAINEE_ROW (row))
    open_editor (self, sb_detainee_row_get_detainee (SB_DETAINEE_ROW (row)));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (SB_DETAINEES_PAGE (widget), NULL);
}

static void
add_facility_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbDetaineesPage *self = SB_DETAINEES_PAGE (widget);

  if (self->campaign != NULL)
    sb_facility_editor_open (widget, self->campaign, NULL);
}

static void
open_editor (SbDetaineesPage  *self,
             const SbDetainee *detainee)
{
  if (self->campaign != NULL)
    sb_detainee_editor_open (GTK_WIDGET (self), self->campaign, detainee);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_detainees_page_dispose (GObject *object)
{
  SbDetaineesPage *self = SB_DETAINEES_PAGE (object);

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  if (self->figures != NULL)
    g_clear_signal_handler (&self->updated_id, self->figures);
  g_clear_object (&self->figures);
  g_clear_object (&self->campaign);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_DETAINEES_PAGE);

  G_OBJECT_CLASS (sb_detainees_page_parent_class)->dispose (object);
}

static void
sb_detainees_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbDetaineesPage *self = SB_DETAINEES_PAGE (object);

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
sb_detainees_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbDetaineesPage *self = SB_DETAINEES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      sb_detainees_page_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_detainees_page_class_init (SbDetaineesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_detainees_page_dispose;
  object_class->get_property = sb_detainees_page_get_property;
  object_class->set_property = sb_detainees_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-detainees-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbDetaineesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineesPage, empty_place_button);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineesPage, empty_detainee_button);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineesPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "detainees.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "detainees.add-facility", NULL, add_facility_action);
}

static void
sb_detainees_page_init (SbDetaineesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detainees.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detainees.add-facility", FALSE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_detainees_page_get_campaign:
 *
 * Returns: (transfer none) (nullable): the campaign shown
 */
SbCampaign *
sb_detainees_page_get_campaign (SbDetaineesPage *self)
{
  g_return_val_if_fail (SB_IS_DETAINEES_PAGE (self), NULL);

  return self->campaign;
}

/**
 * sb_detainees_page_set_campaign:
 * @campaign: (nullable): the campaign to show
 *
 * Shows the detainees of @campaign and follows its changes.
 */
void
sb_detainees_page_set_campaign (SbDetaineesPage *self,
                                SbCampaign      *campaign)
{
  g_return_if_fail (SB_IS_DETAINEES_PAGE (self));
  g_return_if_fail (!campaign || SB_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  if (self->figures != NULL)
    g_clear_signal_handler (&self->updated_id, self->figures);
  g_clear_object (&self->figures);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    {
      self->changed_id = g_signal_connect_object (campaign, "changed",
                                                  G_CALLBACK (campaign_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
      self->figures = g_object_ref (sb_campaign_figures_get_for (campaign));
      self->updated_id = g_signal_connect_object (self->figures, "updated",
                                                  G_CALLBACK (refresh), self,
                                                  G_CONNECT_SWAPPED);
    }

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}
