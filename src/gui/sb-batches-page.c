/* sb-batches-page.c — the Batches section: a list of delivery batches beside one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-batch-row.h"
#include "sb-batch-view.h"
#include "sb-batches-page-private.h"
#include "sb-batches.h"
#include "sb-enums.h"
#include "sb-gui-a11y.h"
#include "sb-gui-toast.h"
#include "sb-gui-format.h"
#include "sb-store-error.h"


G_DEFINE_FINAL_TYPE (SbBatchesPage, sb_batches_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The groups come in the order of SbBatchState, as do the state filter's items after
 * "Any state"; a state this version does not know, last. */
static guint
state_rank (const char *state)
{
  SbBatchState value = sb_batch_state_from_nick (state);

  return value == SB_BATCH_STATE_UNKNOWN ? SB_BATCH_STATE_CLOSED + 1 : (guint) value;
}

static int
compare_batches (gconstpointer a,
                 gconstpointer b)
{
  const SbBatch *x = *(SbBatch **) a;
  const SbBatch *y = *(SbBatch **) b;

  return (int) state_rank (x->state) - (int) state_rank (y->state);
}

static const char *
facility_name (SbBatchesPage *self,
               const char    *facility_id)
{
  for (guint i = 0; self->facilities != NULL && i < self->facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (self->facilities, i);

      if (g_str_equal (facility->id, facility_id))
        return sb_facility_get_name (facility);
    }
  return "";
}

/* The facility dropdown keeps its choice unless the facilities themselves change. */
static void
fill_facilities (SbBatchesPage *self,
                 GPtrArray     *facilities)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->facility_names));
  gboolean same = self->facilities != NULL && n == facilities->len + 1;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; same && i < facilities->len; i++)
    same = g_str_equal (((SbFacility *) g_ptr_array_index (facilities, i))->id,
                        ((SbFacility *) g_ptr_array_index (self->facilities, i))->id);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  self->facilities = g_ptr_array_ref (facilities);
  if (same)
    return;

  g_ptr_array_add (names, (gpointer) _("All facilities"));
  for (guint i = 0; i < facilities->len; i++)
    g_ptr_array_add (names, (gpointer) sb_facility_get_name (g_ptr_array_index (facilities, i)));
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->facility_names, 0, n, (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->facility_dropdown, 0);
}

static GtkWidget *
make_row (SbBatchesPage *self,
          const SbBatch *batch,
          guint          n_items)
{
  g_autofree char *date = _sb_format_long_date (batch->created_on);
  g_autofree char *items = _sb_localise_digits (g_strdup_printf (ngettext ("%u item", "%u items", n_items),
                                                                 n_items));
  g_autofree char *details = NULL;

  /* A sealed batch goes by its code; a draft, which has none yet and sits under the
   * "Draft" heading, by the facility it is for (rather than "Draft" twice). */
  if (batch->code != NULL)
    {
      /* Translators: a batch in the list: facility · number of items · date created. */
      details = g_strdup_printf (_("%s · %s · %s"), facility_name (self, batch->facility_id), items, date);
      return sb_batch_row_new (batch, batch->code, details);
    }
  /* Translators: a draft batch in the list, under its facility's name: number of
   * items · date created. */
  details = g_strdup_printf (_("%s · %s"), items, date);
  return sb_batch_row_new (batch, facility_name (self, batch->facility_id), details);
}

static void
update_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  const char *state = sb_batch_row_get_state (SB_BATCH_ROW (row));
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (state, sb_batch_row_get_state (SB_BATCH_ROW (before))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (sb_batch_state_label (state));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before ? 12 : 4);
  gtk_widget_set_margin_bottom (header, 4);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static void
show_selected (SbBatchesPage *self)
{
  if (self->selected_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->view_stack, "none");
      return;
    }
  sb_batch_view_show_batch (self->batch_view, self->campaign, self->selected_id);
  gtk_stack_set_visible_child_name (self->view_stack, "view");
}

static void
refresh (SbBatchesPage *self)
{
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkListBoxRow *to_select = NULL;
  guint facility = gtk_drop_down_get_selected (self->facility_dropdown);
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint shown = 0;
  GtkWidget *child;

  self->refreshing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batches.new",
                                 self->campaign != NULL && !sb_campaign_is_read_only (self->campaign));
  if (self->campaign == NULL)
    {
      self->refreshing = FALSE;
      return;
    }

  facilities = sb_campaign_list_facilities (self->campaign, &error);
  if (facilities != NULL)
    batches = sb_campaign_list_batches (self->campaign, NULL, &error);
  if (batches == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      self->refreshing = FALSE;
      return;
    }
  fill_facilities (self, facilities);
  facility = gtk_drop_down_get_selected (self->facility_dropdown);

  g_ptr_array_sort (batches, compare_batches);    /* stable: newest first in each group */
  for (guint i = 0; i < batches->len; i++)
    {
      SbBatch *batch = g_ptr_array_index (batches, i);
      g_autoptr(GPtrArray) items = NULL;
      GtkWidget *row;

      if (facility > 0 && facility <= facilities->len &&
          !g_str_equal (batch->facility_id,
                        ((SbFacility *) g_ptr_array_index (facilities, facility - 1))->id))
        continue;
      if (state > 0 && state <= SB_BATCH_STATE_CLOSED + 1 && state_rank (batch->state) != state - 1)
        continue;
      items = sb_campaign_list_batch_items (self->campaign, batch->id, &error);
      if (items == NULL)
        {
          /* A list with wrong counts would look right: say why there is none. */
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
          self->refreshing = FALSE;
          return;
        }
      row = make_row (self, batch, items->len);
      gtk_list_box_append (self->list_box, row);
      if (g_strcmp0 (batch->id, self->selected_id) == 0)
        to_select = GTK_LIST_BOX_ROW (row);
      shown++;
    }

  summary = _sb_localise_digits (g_strdup_printf (ngettext ("%u batch", "%u batches", batches->len),
                                                  batches->len));
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "no-match");
  gtk_stack_set_visible_child_name (self->stack, batches->len > 0 ? "batches" : "empty");
  gtk_list_box_select_row (self->list_box, to_select);
  if (to_select == NULL && self->selected_id != NULL)
    {
      /* The batch shown is filtered out of the list, but stays open. */
      g_autoptr(SbBatch) still = sb_campaign_get_batch (self->campaign, self->selected_id, &error);

      if (still == NULL && g_error_matches (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
        g_clear_pointer (&self->selected_id, g_free);
      else if (still == NULL)
        _sb_gui_report_error (GTK_WIDGET (self), error);
    }
  show_selected (self);
  self->refreshing = FALSE;
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
campaign_changed_cb (SbBatchesPage *self,
                     SbCampaign    *campaign)
{
  refresh (self);
}

static void
filters_changed_cb (SbBatchesPage *self)
{
  if (!self->refreshing)
    refresh (self);
}

static void
row_selected_cb (SbBatchesPage *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list_box)
{
  if (self->refreshing || row == NULL)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (sb_batch_row_get_batch_id (SB_BATCH_ROW (row)));
  show_selected (self);
}

static void
row_activated_cb (SbBatchesPage *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  adw_leaflet_set_visible_child (self->leaflet, self->view_pane);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _sb_batches_page_new_batch (SB_BATCHES_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (SB_BATCHES_PAGE (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_batches_page_dispose (GObject *object)
{
  SbBatchesPage *self = SB_BATCHES_PAGE (object);

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_clear_object (&self->campaign);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_clear_pointer (&self->selected_id, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_BATCHES_PAGE);

  G_OBJECT_CLASS (sb_batches_page_parent_class)->dispose (object);
}

static void
sb_batches_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbBatchesPage *self = SB_BATCHES_PAGE (object);

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
sb_batches_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbBatchesPage *self = SB_BATCHES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      sb_batches_page_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_batches_page_class_init (SbBatchesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_batches_page_dispose;
  object_class->get_property = sb_batches_page_get_property;
  object_class->set_property = sb_batches_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_BATCH_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-batches-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, facility_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, facility_names);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, view_pane);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, batch_view);
  gtk_widget_class_bind_template_child (widget_class, SbBatchesPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "batches.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "batches.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "batches.new", NULL);
}

static void
sb_batches_page_init (SbBatchesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list_box, update_header_cb, NULL, NULL);
  /* Tab enters the list on the open batch and leaves it; it opens no other. */
  sb_gui_a11y_single_tab_stop (GTK_WIDGET (self->list_box));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batches.new", FALSE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_batches_page_get_campaign:
 *
 * Returns: (transfer none) (nullable): the campaign shown
 */
SbCampaign *
sb_batches_page_get_campaign (SbBatchesPage *self)
{
  g_return_val_if_fail (SB_IS_BATCHES_PAGE (self), NULL);

  return self->campaign;
}

/**
 * sb_batches_page_set_campaign:
 * @campaign: (nullable): the campaign to show
 *
 * Shows the batches of @campaign and follows its changes.
 */
void
sb_batches_page_set_campaign (SbBatchesPage *self,
                              SbCampaign    *campaign)
{
  g_return_if_fail (SB_IS_BATCHES_PAGE (self));
  g_return_if_fail (!campaign || SB_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_set_object (&self->campaign, campaign);
  g_clear_pointer (&self->facilities, g_ptr_array_unref);
  g_clear_pointer (&self->selected_id, g_free);
  if (campaign != NULL)
    self->changed_id = g_signal_connect_object (campaign, "changed",
                                                G_CALLBACK (campaign_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  else
    sb_batch_view_show_batch (self->batch_view, NULL, NULL);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

/**
 * sb_batches_page_select_batch:
 * @batch_id: (nullable): the batch to show beside the list
 */
void
sb_batches_page_select_batch (SbBatchesPage *self,
                              const char    *batch_id)
{
  g_return_if_fail (SB_IS_BATCHES_PAGE (self));

  g_free (self->selected_id);
  self->selected_id = g_strdup (batch_id);
  refresh (self);
}

/**
 * sb_batches_page_get_selected:
 *
 * Returns: (nullable): the id of the batch shown beside the list
 */
const char *
sb_batches_page_get_selected (SbBatchesPage *self)
{
  g_return_val_if_fail (SB_IS_BATCHES_PAGE (self), NULL);

  return self->selected_id;
}
