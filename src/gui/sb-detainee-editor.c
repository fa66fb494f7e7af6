/* sb-detainee-editor.c — adds or edits one detainee
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-detainees"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-detainee-editor.h"
#include "sb-facility-editor.h"
#include "sb-gui-format.h"

struct _SbDetaineeEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  AdwEntryRow    *name_row;
  AdwEntryRow    *name_km_row;
  AdwEntryRow    *role_row;
  AdwComboRow    *facility_row;
  AdwEntryRow    *detained_row;
  AdwEntryRow    *released_row;
  GtkLabel       *error_label;

  SbCampaign     *campaign;
  SbDetainee     *detainee;       /* as stored, or NULL for a new one */
  GPtrArray      *facility_ids;   /* parallel to the combo's items; NULL for "not known" */
};

G_DEFINE_FINAL_TYPE (SbDetaineeEditor, sb_detainee_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_DETAINEE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
show_problem (SbDetaineeEditor *self,
              const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static SbDetainee *
read_form (SbDetaineeEditor *self)
{
  SbDetainee *detainee = self->detainee ? sb_detainee_copy (self->detainee) : sb_detainee_new ();
  guint selected = adw_combo_row_get_selected (self->facility_row);

  g_free (detainee->name_en);
  detainee->name_en = dup_text (self->name_row);
  g_free (detainee->name_km);
  detainee->name_km = dup_text (self->name_km_row);
  g_free (detainee->role);
  detainee->role = dup_text (self->role_row);
  g_free (detainee->detained_on);
  detainee->detained_on = _sb_editable_dup_typed_digits (GTK_EDITABLE (self->detained_row));
  g_free (detainee->released_on);
  detainee->released_on = _sb_editable_dup_typed_digits (GTK_EDITABLE (self->released_row));
  g_free (detainee->facility_id);
  detainee->facility_id = NULL;
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->facility_ids->len)
    detainee->facility_id = g_strdup (g_ptr_array_index (self->facility_ids, selected));

  return detainee;
}

/* The core's own checks, run as the person types so a date that cannot be right is
 * flagged at once. Returns the row at fault, or NULL when the form can be saved. */
static AdwEntryRow *
check_form (SbDetaineeEditor  *self,
            const SbDetainee  *detainee,
            GError           **error)
{
  struct { const char *field; AdwEntryRow *row; } rows[] = {
    { "name_en", self->name_row },
    { "name_km", self->name_km_row },
    { "role", self->role_row },
    { "detained_on", self->detained_row },
    { "released_on", self->released_row },
  };
  const char *field = NULL;

  if (sb_campaign_validate_detainee (self->campaign, detainee, &field, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].field, field) == 0)
      return rows[i].row;
  return self->name_row;
}

static void
validate (SbDetaineeEditor *self)
{
  g_autoptr(SbDetainee) detainee = read_form (self);
  g_autoptr(GError) error = NULL;
  AdwEntryRow *rows[] = { self->name_row, self->name_km_row, self->role_row,
                          self->detained_row, self->released_row };
  AdwEntryRow *at_fault = check_form (self, detainee, &error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");

  /* An empty name is unfinished rather than wrong: just keep Save off. */
  if (at_fault == self->name_row && detainee->name_en[0] == '\0')
    show_problem (self, NULL);
  else if (at_fault != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (at_fault), "error");
      show_problem (self, error->message);
    }
  else
    show_problem (self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", at_fault == NULL);
}

/* @select_id: (nullable): the facility to choose; otherwise the detainee's own */
static void
fill_facilities (SbDetaineeEditor *self,
                 const char       *select_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) facilities = NULL;
  guint selected = 0;

  if (select_id == NULL && self->detainee != NULL)
    select_id = self->detainee->facility_id;

  g_ptr_array_set_size (self->facility_ids, 0);
  gtk_string_list_append (names, _("Not known"));
  g_ptr_array_add (self->facility_ids, NULL);

  facilities = sb_campaign_list_facilities (self->campaign, NULL);
  for (guint i = 0; facilities != NULL && i < facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (facilities, i);

      gtk_string_list_append (names, sb_facility_get_name (facility));
      g_ptr_array_add (self->facility_ids, g_strdup (facility->id));
      if (select_id != NULL && g_strcmp0 (select_id, facility->id) == 0)
        selected = self->facility_ids->len - 1;
    }

  adw_combo_row_set_model (self->facility_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->facility_row, selected);
  /* A new campaign has no place yet: say where to add one. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->facility_row),
                               self->facility_ids->len > 1 ? ""
                               : _("No places of detention yet: add one with the + button."));
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbDetaineeEditor *self)
{
  validate (self);
}

static void
facility_added_cb (SbDetaineeEditor *self,
                   const char       *facility_id,
                   const char       *name)
{
  fill_facilities (self, facility_id);
  validate (self);
}

static void
add_facility_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (widget);
  GtkWidget *editor = sb_facility_editor_open (widget, self->campaign, NULL);

  /* The place added is where this person is held. */
  g_signal_connect_object (editor, "saved", G_CALLBACK (facility_added_cb), self, G_CONNECT_SWAPPED);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (widget);
  g_autoptr(SbDetainee) detainee = read_form (self);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (self->detainee != NULL)
    saved = sb_campaign_update_detainee (self->campaign, detainee, &error);
  else
    saved = sb_campaign_add_detainee (self->campaign, detainee, &error);

  if (!saved)
    {
      show_problem (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, detainee->name_en);
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_detainee_editor_constructed (GObject *object)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (object);
  const SbDetainee *detainee = self->detainee;

  G_OBJECT_CLASS (sb_detainee_editor_parent_class)->constructed (object);

  g_assert (SB_IS_CAMPAIGN (self->campaign));

  adw_window_title_set_title (self->window_title,
                              detainee ? _("Edit Detainee") : _("New Detainee"));
  adw_window_title_set_subtitle (self->window_title, detainee ? detainee->name_en : NULL);
  gtk_window_set_title (GTK_WINDOW (self), detainee ? _("Edit Detainee") : _("New Detainee"));

  fill_facilities (self, NULL);
  if (detainee != NULL)
    {
      set_text (self->name_row, detainee->name_en);
      set_text (self->name_km_row, detainee->name_km);
      set_text (self->role_row, detainee->role);
      set_text (self->detained_row, detainee->detained_on);
      set_text (self->released_row, detainee->released_on);
    }
  validate (self);
}

static void
sb_detainee_editor_dispose (GObject *object)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (object);

  g_clear_object (&self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_DETAINEE_EDITOR);

  G_OBJECT_CLASS (sb_detainee_editor_parent_class)->dispose (object);
}

static void
sb_detainee_editor_finalize (GObject *object)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (object);

  g_clear_pointer (&self->detainee, sb_detainee_free);
  g_clear_pointer (&self->facility_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_detainee_editor_parent_class)->finalize (object);
}

static void
sb_detainee_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      self->campaign = g_value_dup_object (value);
      break;

    case PROP_DETAINEE:
      self->detainee = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_detainee_editor_class_init (SbDetaineeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_detainee_editor_constructed;
  object_class->dispose = sb_detainee_editor_dispose;
  object_class->finalize = sb_detainee_editor_finalize;
  object_class->set_property = sb_detainee_editor_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAINEE] =
    g_param_spec_boxed ("detainee", NULL, NULL,
                        SB_TYPE_DETAINEE,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbDetaineeEditor::saved:
   * @name: the detainee's English name
   *
   * Emitted when the detainee was saved to the campaign, just before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-detainee-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, name_km_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, facility_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, detained_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, released_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-facility", NULL, add_facility_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
sb_detainee_editor_init (SbDetaineeEditor *self)
{
  self->facility_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_detainee_editor_new:
 * @parent: (nullable): the window it belongs to
 * @campaign: the campaign
 * @detainee: (nullable): the detainee to edit, or %NULL to add one
 *
 * Returns: (transfer none): a new editor window
 */
GtkWidget *
sb_detainee_editor_new (GtkWindow        *parent,
                        SbCampaign       *campaign,
                        const SbDetainee *detainee)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  return g_object_new (SB_TYPE_DETAINEE_EDITOR,
                       "transient-for", parent,
                       "campaign", campaign,
                       "detainee", detainee,
                       NULL);
}
