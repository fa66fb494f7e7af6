/* sb-offices-page.c — the Offices section: the replicas of the campaign and the
 * exchange between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A campaign that never exchanged shows what exchanging is and Invite Office…; a
 * replica (docs/exchange.md) shows the exchange folder, Exchange Now, and every
 * replica with what it sent and what waits (the rows: sb-offices-page-rows.c). The
 * page owns the SbExchangeKeeper that exchanges by itself while the campaign is open.
 */

#define G_LOG_DOMAIN "sambot-offices"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-gui-toast.h"
#include "sb-invite-dialog.h"
#include "sb-offices-page-private.h"

G_DEFINE_FINAL_TYPE (SbOfficesPage, sb_offices_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_N_CONFLICTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The times shown ("5 minutes ago") are worded again this often. */
#define TICK_SECONDS 60

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

void
_sb_offices_page_refresh (SbOfficesPage *self)
{
  g_autoptr(GPtrArray) replicas = NULL;
  g_autoptr(GError) error = NULL;
  gboolean writable = self->campaign != NULL && !sb_campaign_is_read_only (self->campaign);

  _sb_offices_page_clear_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offices.invite", writable);
  _sb_offices_page_update_exchange_row (self);
  if (self->campaign == NULL)
    return;
  if (!sb_campaign_is_replica (self->campaign))
    {
      gtk_stack_set_visible_child_name (self->stack, "alone");
      return;
    }

  replicas = sb_campaign_list_replicas (self->campaign, &error);
  if (replicas == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  _sb_offices_page_fill_rows (self, replicas);
  gtk_stack_set_visible_child_name (self->stack, "replicas");
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
campaign_changed_cb (SbOfficesPage *self)
{
  _sb_offices_page_refresh (self);
}

static void
n_conflicts_cb (SbOfficesPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

static gboolean
tick_cb (gpointer user_data)
{
  SbOfficesPage *self = user_data;

  if (self->campaign != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    _sb_offices_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

static void
invite_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbOfficesPage *self = SB_OFFICES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The campaign says it changed once it is a replica: the list follows. */
  if (self->campaign != NULL)
    gtk_window_present (GTK_WINDOW (sb_invite_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                          self->campaign)));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_offices_page_dispose (GObject *object)
{
  SbOfficesPage *self = SB_OFFICES_PAGE (object);

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_clear_object (&self->campaign);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->keeper != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->keeper, self);
      sb_exchange_keeper_set_campaign (self->keeper, NULL);
    }
  g_clear_object (&self->keeper);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_OFFICES_PAGE);

  G_OBJECT_CLASS (sb_offices_page_parent_class)->dispose (object);
}

static void
sb_offices_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbOfficesPage *self = SB_OFFICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    case PROP_N_CONFLICTS:
      g_value_set_uint (value, sb_conflicts_group_get_n_rows (self->conflicts_group));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_offices_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbOfficesPage *self = SB_OFFICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      sb_offices_page_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_offices_page_class_init (SbOfficesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_offices_page_dispose;
  object_class->get_property = sb_offices_page_get_property;
  object_class->set_property = sb_offices_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The conflicts to review (the window's badge on the section). */
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_CONFLICTS_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-offices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOfficesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SbOfficesPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, SbOfficesPage, exchange_row);
  gtk_widget_class_bind_template_child (widget_class, SbOfficesPage, exchange_bar);
  gtk_widget_class_bind_template_child (widget_class, SbOfficesPage, replicas_group);
  gtk_widget_class_bind_template_child (widget_class, SbOfficesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SbOfficesPage, conflicts_group);

  gtk_widget_class_install_action (widget_class, "offices.invite", NULL, invite_action);
  _sb_offices_page_exchange_class_init (widget_class);
  _sb_offices_page_retire_class_init (widget_class);
}

static void
sb_offices_page_init (SbOfficesPage *self)
{
  self->rows = g_ptr_array_new ();
  self->keeper = sb_exchange_keeper_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  _sb_offices_page_exchange_init (self);
  g_signal_connect_object (self->conflicts_group, "notify::n-conflicts",
                           G_CALLBACK (n_conflicts_cb), self, G_CONNECT_SWAPPED);
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  _sb_offices_page_refresh (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

SbCampaign *
sb_offices_page_get_campaign (SbOfficesPage *self)
{
  g_return_val_if_fail (SB_IS_OFFICES_PAGE (self), NULL);
  return self->campaign;
}

/**
 * sb_offices_page_set_campaign:
 * @campaign: (nullable): the campaign to show
 *
 * Shows the replicas of @campaign, follows its changes, and exchanges its changes by
 * itself while it is shown.
 */
void
sb_offices_page_set_campaign (SbOfficesPage *self,
                              SbCampaign    *campaign)
{
  g_return_if_fail (SB_IS_OFFICES_PAGE (self));
  g_return_if_fail (!campaign || SB_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    self->changed_id = g_signal_connect_object (campaign, "changed",
                                                G_CALLBACK (campaign_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  sb_exchange_keeper_set_campaign (self->keeper, campaign);
  sb_conflicts_group_set_campaign (self->conflicts_group, campaign);
  _sb_offices_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

/**
 * sb_offices_page_get_keeper:
 *
 * Returns: (transfer none): what exchanges the campaign's changes by itself
 */
SbExchangeKeeper *
sb_offices_page_get_keeper (SbOfficesPage *self)
{
  g_return_val_if_fail (SB_IS_OFFICES_PAGE (self), NULL);
  return self->keeper;
}
