/* sb-places-page.c — the Places section: places of detention and partner offices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-places"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-facility-editor.h"
#include "sb-gui-format.h"
#include "sb-office-editor.h"
#include "sb-places-page.h"

struct _SbPlacesPage
{
  GtkWidget             parent_instance;

  GtkStack             *stack;
  AdwPreferencesGroup  *facilities_group;
  AdwPreferencesGroup  *offices_group;
  AdwStatusPage        *error_page;

  SbCampaign           *campaign;
  gulong                changed_id;
  GPtrArray            *rows;          /* the rows added to either group */
};

G_DEFINE_FINAL_TYPE (SbPlacesPage, sb_places_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The kind of a facility ("prison"…) as the Kind drop-down of the editor says it. */
static const char *
format_kind (const char *kind)
{
  if (g_strcmp0 (kind, "prison") == 0)
    return C_("facility kind", "Prison");
  if (g_strcmp0 (kind, "police") == 0)
    return C_("facility kind", "Police");
  return C_("facility kind", "Other");
}

static void
add_row (SbPlacesPage        *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

/* A dim row that says what to do while a group is empty. */
static void
add_placeholder (SbPlacesPage        *self,
                 AdwPreferencesGroup *group,
                 const char          *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "dim-label");
  add_row (self, group, row);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *accessible = g_strdup_printf ("%s, %s", title, subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* Named once: by the label above, not again by its title. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  return row;
}

static guint
count_held_at (GPtrArray  *detainees,
               const char *facility_id)
{
  guint n = 0;

  for (guint i = 0; detainees != NULL && i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (detainees, i);

      if (g_strcmp0 (detainee->facility_id, facility_id) == 0 &&
          (detainee->released_on == NULL || *detainee->released_on == '\0'))
        n++;
    }
  return n;
}

static void facility_activated_cb (AdwActionRow *row, SbFacility *facility);
static void office_activated_cb (AdwActionRow *row, SbOffice *office);

static void
facility_closure_free (gpointer  facility,
                       GClosure *closure)
{
  sb_facility_free (facility);
}

static void
office_closure_free (gpointer  office,
                     GClosure *closure)
{
  sb_office_free (office);
}

static void
fill_facilities (SbPlacesPage *self,
                 GPtrArray    *facilities,
                 GPtrArray    *detainees)
{
  for (guint i = 0; i < facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (facilities, i);
      const char *title = sb_facility_get_name (facility);
      const char *other = title == facility->name_en ? facility->name_km : facility->name_en;
      guint held = count_held_at (detainees, facility->id);
      /* Counts in the interface's digits; the code stays as printed on batches. */
      g_autofree char *held_text =
        _sb_localise_digits (g_strdup_printf (ngettext ("%u detainee", "%u detainees", held), held));
      g_autofree char *per_batch =
        _sb_localise_digits (g_strdup_printf (ngettext ("up to %d message a batch",
                                                        "up to %d messages a batch",
                                                        facility->items_per_batch),
                                              facility->items_per_batch));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;

      if (other != NULL && *other != '\0')
        g_string_append_printf (subtitle, "%s · ", other);
      g_string_append_printf (subtitle, "%s · %s · %s · %s", facility->code,
                              format_kind (facility->kind), held_text, per_batch);
      row = make_row (title, subtitle->str);
      g_signal_connect_data (row, "activated", G_CALLBACK (facility_activated_cb),
                             sb_facility_copy (facility), facility_closure_free, 0);
      add_row (self, self->facilities_group, row);
    }
  if (facilities->len == 0)
    add_placeholder (self, self->facilities_group,
                     _("No places yet: add the prison or police station where the detainees are held."));
}

static void
fill_offices (SbPlacesPage *self,
              GPtrArray    *offices)
{
  for (guint i = 0; i < offices->len; i++)
    {
      SbOffice *office = g_ptr_array_index (offices, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (office->city != NULL && *office->city != '\0')
        /* Translators: a partner office's code and city: "PP · Phnom Penh". */
        subtitle = g_strdup_printf (_("%s · %s"), office->code, office->city);
      else
        subtitle = g_strdup (office->code);
      row = make_row (office->name, subtitle);
      g_signal_connect_data (row, "activated", G_CALLBACK (office_activated_cb),
                             sb_office_copy (office), office_closure_free, 0);
      add_row (self, self->offices_group, row);
    }
  if (offices->len == 0)
    add_placeholder (self, self->offices_group,
                     _("No partner offices yet: add the offices where postcards are collected."));
}

static void
clear_rows (SbPlacesPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
refresh (SbPlacesPage *self)
{
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GError) error = NULL;
  gboolean writable = self->campaign != NULL && !sb_campaign_is_read_only (self->campaign);

  clear_rows (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "places.add-facility", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "places.add-office", writable);
  if (self->campaign == NULL)
    return;

  facilities = sb_campaign_list_facilities (self->campaign, &error);
  if (facilities != NULL)
    offices = sb_campaign_list_offices (self->campaign, &error);
  if (offices != NULL)
    detainees = sb_campaign_list_detainees (self->campaign, &error);
  if (detainees == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  fill_facilities (self, facilities, detainees);
  fill_offices (self, offices);
  gtk_stack_set_visible_child_name (self->stack, "places");
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
campaign_changed_cb (SbPlacesPage *self)
{
  refresh (self);
}

/* A row opens the facility or office it shows: a copy, the row's own. */
static void
facility_activated_cb (AdwActionRow *row,
                       SbFacility   *facility)
{
  SbPlacesPage *self = SB_PLACES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row), SB_TYPE_PLACES_PAGE));

  if (self != NULL && self->campaign != NULL)
    sb_facility_editor_open (GTK_WIDGET (self), self->campaign, facility);
}

static void
office_activated_cb (AdwActionRow *row,
                     SbOffice     *office)
{
  SbPlacesPage *self = SB_PLACES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row), SB_TYPE_PLACES_PAGE));

  if (self != NULL && self->campaign != NULL)
    sb_office_editor_open (GTK_WIDGET (self), self->campaign, office);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbPlacesPage *self = SB_PLACES_PAGE (widget);

  if (self->campaign == NULL)
    return;
  if (g_str_equal (action_name, "places.add-facility"))
    sb_facility_editor_open (widget, self->campaign, NULL);
  else
    sb_office_editor_open (widget, self->campaign, NULL);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_places_page_dispose (GObject *object)
{
  SbPlacesPage *self = SB_PLACES_PAGE (object);

  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_clear_object (&self->campaign);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_PLACES_PAGE);

  G_OBJECT_CLASS (sb_places_page_parent_class)->dispose (object);
}

static void
sb_places_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbPlacesPage *self = SB_PLACES_PAGE (object);

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
sb_places_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SbPlacesPage *self = SB_PLACES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      sb_places_page_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_places_page_class_init (SbPlacesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_places_page_dispose;
  object_class->get_property = sb_places_page_get_property;
  object_class->set_property = sb_places_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-places-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbPlacesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SbPlacesPage, facilities_group);
  gtk_widget_class_bind_template_child (widget_class, SbPlacesPage, offices_group);
  gtk_widget_class_bind_template_child (widget_class, SbPlacesPage, error_page);

  gtk_widget_class_install_action (widget_class, "places.add-facility", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "places.add-office", NULL, add_action);
}

static void
sb_places_page_init (SbPlacesPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_places_page_get_campaign:
 *
 * Returns: (transfer none) (nullable): the campaign shown
 */
SbCampaign *
sb_places_page_get_campaign (SbPlacesPage *self)
{
  g_return_val_if_fail (SB_IS_PLACES_PAGE (self), NULL);

  return self->campaign;
}

/**
 * sb_places_page_set_campaign:
 * @campaign: (nullable): the campaign to show
 *
 * Shows the places of detention and partner offices of @campaign and follows its
 * changes.
 */
void
sb_places_page_set_campaign (SbPlacesPage *self,
                             SbCampaign   *campaign)
{
  g_return_if_fail (SB_IS_PLACES_PAGE (self));
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

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}
