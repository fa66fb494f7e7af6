/* sb-detainee-row.c — one detainee in the Detainees list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-detainees"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-detainee-row.h"
#include "sb-gui-format.h"

struct _SbDetaineeRow
{
  GtkListBoxRow  parent_instance;

  AdwAvatar     *avatar;
  GtkLabel      *name_label;
  GtkLabel      *name_km_label;
  GtkLabel      *role_label;
  GtkLabel      *days_label;
  GtkLabel      *counts_label;

  SbDetainee    *detainee;
};

G_DEFINE_FINAL_TYPE (SbDetaineeRow, sb_detainee_row, GTK_TYPE_LIST_BOX_ROW)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
show_detainee (SbDetaineeRow         *self,
               const char            *facility_name,
               const SbDetaineeStats *stats)
{
  const SbDetainee *detainee = self->detainee;
  g_autoptr(GString) role = g_string_new (detainee->role);
  g_autofree char *days = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *accessible = NULL;

  if (facility_name != NULL && facility_name[0] != '\0')
    {
      if (role->len > 0)
        /* Translators: separates a detainee's role from the facility holding them. */
        g_string_append (role, _(" · "));
      g_string_append (role, facility_name);
    }

  adw_avatar_set_text (self->avatar, detainee->name_en);
  set_label (self->name_label, detainee->name_en);
  set_label (self->name_km_label, detainee->name_km);
  set_label (self->role_label, role->str);

  if (stats != NULL)
    {
      days = _sb_format_days_detained (stats);
      counts = _sb_format_message_counts (stats->messages, stats->delivered);
    }
  set_label (self->days_label, days);
  set_label (self->counts_label, counts);
  if (stats != NULL && stats->released)
    gtk_widget_add_css_class (GTK_WIDGET (self->days_label), "released");

  /* A screen reader (and the end-to-end tests) name the row after the person. */
  accessible = g_strjoin (", ", detainee->name_en,
                          days ? days : "", counts ? counts : "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, detainee->name_en,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible,
                                  -1);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_detainee_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_DETAINEE_ROW);

  G_OBJECT_CLASS (sb_detainee_row_parent_class)->dispose (object);
}

static void
sb_detainee_row_finalize (GObject *object)
{
  SbDetaineeRow *self = SB_DETAINEE_ROW (object);

  g_clear_pointer (&self->detainee, sb_detainee_free);

  G_OBJECT_CLASS (sb_detainee_row_parent_class)->finalize (object);
}

static void
sb_detainee_row_class_init (SbDetaineeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_detainee_row_dispose;
  object_class->finalize = sb_detainee_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-detainee-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeRow, name_km_label);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeRow, role_label);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeRow, days_label);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeRow, counts_label);
}

static void
sb_detainee_row_init (SbDetaineeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_detainee_row_new:
 * @detainee: the detainee (copied)
 * @facility_name: (nullable): where they are held
 * @stats: (nullable): their figures as of the campaign's date
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
sb_detainee_row_new (const SbDetainee      *detainee,
                     const char            *facility_name,
                     const SbDetaineeStats *stats)
{
  SbDetaineeRow *self;

  g_return_val_if_fail (detainee != NULL, NULL);

  self = g_object_new (SB_TYPE_DETAINEE_ROW, NULL);
  self->detainee = sb_detainee_copy (detainee);
  show_detainee (self, facility_name, stats);

  return GTK_WIDGET (self);
}

/**
 * sb_detainee_row_get_detainee:
 *
 * Returns: (transfer none): the detainee shown
 */
const SbDetainee *
sb_detainee_row_get_detainee (SbDetaineeRow *self)
{
  g_return_val_if_fail (SB_IS_DETAINEE_ROW (self), NULL);

  return self->detainee;
}
