/* sb-conflicts-group.c — "Conflicts to Review" in the Offices section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts": the store decides every conflict the same way on
 * every office and keeps the value that lost. One row per conflict says what it is
 * about (a reference, a batch code), the field in words, the value kept and the
 * other one, which office wrote each and when; Keep ends it as it is, Use Other
 * Value writes the other value (an edit that travels like any other). The group is
 * hidden when there is nothing to review and follows the campaign's "changed".
 */

#define G_LOG_DOMAIN "sambot-conflicts"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-conflicts.h"
#include "sb-conflicts-group-private.h"
#include "sb-exchange.h"
#include "sb-gui-toast.h"

struct _SbConflictsGroup
{
  AdwPreferencesGroup  parent_instance;

  SbCampaign          *campaign;
  gulong               changed_id;
  GPtrArray           *rows;       /* AdwActionRow, one a conflict */
  char                *description;  /* the template's, shown again after a failure */
};

G_DEFINE_FINAL_TYPE (SbConflictsGroup, sb_conflicts_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_N_CONFLICTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The list (its rows: sb-conflicts-group-rows.c)                           */
/* ------------------------------------------------------------------------ */

static void
refresh (SbConflictsGroup *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) replicas = NULL;
  g_autoptr(GError) error = NULL;
  guint before = self->rows->len;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (self->campaign == NULL || !sb_campaign_is_replica (self->campaign))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      if (before > 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.keep",
                                 !sb_campaign_is_read_only (self->campaign));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.use-other",
                                 !sb_campaign_is_read_only (self->campaign));
  conflicts = sb_campaign_list_conflicts (self->campaign, &error);
  if (conflicts == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why the campaign file could not be read. */
      text = g_strdup_printf (_("Could not read the conflicts to review: %s"), error->message);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), text);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
      if (before > 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
      return;
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), self->description);
  replicas = sb_campaign_list_replicas (self->campaign, NULL);
  for (guint i = 0; i < conflicts->len; i++)
    {
      GtkWidget *row = _sb_conflicts_group_new_row (self->campaign, replicas,
                                                    g_ptr_array_index (conflicts, i));

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), conflicts->len > 0);
  if (before != self->rows->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */
/* ------------------------------------------------------------------------ */

static void
resolve (SbConflictsGroup *self,
         GVariant         *parameter,
         gboolean          take_other)
{
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint index = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (*(gint64 *) g_object_get_data (row, "sb-conflict-id") == id)
        {
          title = g_strdup (g_object_get_data (row, "sb-conflict-title"));
          index = i;
        }
    }
  if (self->campaign == NULL || title == NULL)
    return;
  if (!sb_campaign_resolve_conflict (self->campaign, id, take_other, &error))
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      refresh (self);
      return;
    }
  if (take_other)
    /* Translators: %s is what a conflict was about: "PP-A-0042 — Sender's name". */
    text = g_strdup_printf (_("Used the other value of %s; it reaches the other offices with the next exchange"), title);
  else
    /* Translators: %s is what a conflict was about: "PP-A-0042 — Sender's name". */
    text = g_strdup_printf (_("Kept the current value of %s"), title);
  _sb_gui_toast (GTK_WIDGET (self), text);
  refresh (self);

  /* The button pressed is gone: the keyboard goes on with the next conflict. */
  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1)));
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  resolve (SB_CONFLICTS_GROUP (widget), parameter, FALSE);
}

static void
use_other_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resolve (SB_CONFLICTS_GROUP (widget), parameter, TRUE);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_conflicts_group_dispose (GObject *object)
{
  SbConflictsGroup *self = SB_CONFLICTS_GROUP (object);

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_clear_object (&self->campaign);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_CONFLICTS_GROUP);
  G_OBJECT_CLASS (sb_conflicts_group_parent_class)->dispose (object);
}

static void
sb_conflicts_group_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  if (prop_id == PROP_CAMPAIGN)
    g_value_set_object (value, SB_CONFLICTS_GROUP (object)->campaign);
  else if (prop_id == PROP_N_CONFLICTS)
    g_value_set_uint (value, SB_CONFLICTS_GROUP (object)->rows->len);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_conflicts_group_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  if (prop_id == PROP_CAMPAIGN)
    sb_conflicts_group_set_campaign (SB_CONFLICTS_GROUP (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sb_conflicts_group_class_init (SbConflictsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_conflicts_group_dispose;
  object_class->get_property = sb_conflicts_group_get_property;
  object_class->set_property = sb_conflicts_group_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* How many conflicts are shown (a badge on the Offices section). */
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-conflicts-group.ui");
  gtk_widget_class_install_action (widget_class, "conflicts.keep", "x", keep_action);
  gtk_widget_class_install_action (widget_class, "conflicts.use-other", "x", use_other_action);
}

static void
sb_conflicts_group_init (SbConflictsGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->description = g_strdup (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (self)));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

SbCampaign *
sb_conflicts_group_get_campaign (SbConflictsGroup *self)
{
  g_return_val_if_fail (SB_IS_CONFLICTS_GROUP (self), NULL);
  return self->campaign;
}

/**
 * sb_conflicts_group_set_campaign:
 * @campaign: (nullable): the campaign whose conflicts to show
 *
 * Lists @campaign's conflicts to review, and again whenever it says it changed
 * (after an exchange).
 */
void
sb_conflicts_group_set_campaign (SbConflictsGroup *self,
                                 SbCampaign       *campaign)
{
  g_return_if_fail (SB_IS_CONFLICTS_GROUP (self));
  g_return_if_fail (!campaign || SB_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    self->changed_id = g_signal_connect_object (campaign, "changed", G_CALLBACK (refresh), self,
                                                G_CONNECT_SWAPPED);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

/* How many conflicts are shown. */
guint
sb_conflicts_group_get_n_rows (SbConflictsGroup *self)
{
  g_return_val_if_fail (SB_IS_CONFLICTS_GROUP (self), 0);
  return self->rows->len;
}
