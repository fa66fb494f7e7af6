/* sb-detainee-editor.c — adds or edits one detainee
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save, Cancel and the checks as the person types are SbRecordEditor's
 * (src/gui/sb-record-editor.c); this file has the form.
 */

#define G_LOG_DOMAIN "sambot-detainees"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-detainee-editor.h"
#include "sb-facility-editor.h"
#include "sb-gui-toast.h"
#include "sb-gui-format.h"

struct _SbDetaineeEditor
{
  SbRecordEditor  parent_instance;

  AdwEntryRow    *name_row;
  AdwEntryRow    *name_km_row;
  AdwEntryRow    *role_row;
  AdwComboRow    *facility_row;
  AdwEntryRow    *detained_row;
  AdwEntryRow    *released_row;

  SbDetainee     *detainee;       /* as stored, or NULL for a new one */
  GPtrArray      *facility_ids;   /* parallel to the combo's items; NULL for "not known" */
};

G_DEFINE_FINAL_TYPE (SbDetaineeEditor, sb_detainee_editor, SB_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_DETAINEE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The form                                                                 */
/* ------------------------------------------------------------------------ */

static gboolean
lists_facility (SbDetaineeEditor *self,
                const char       *facility_id)
{
  for (guint i = 0; i < self->facility_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->facility_ids, i), facility_id) == 0)
      return TRUE;
  return FALSE;
}

static SbDetainee *
read_form (SbDetaineeEditor *self)
{
  SbDetainee *detainee = self->detainee ? sb_detainee_copy (self->detainee) : sb_detainee_new ();
  guint selected = adw_combo_row_get_selected (self->facility_row);

  g_free (detainee->name_en);
  detainee->name_en = _sb_entry_row_dup_text (self->name_row);
  g_free (detainee->name_km);
  detainee->name_km = _sb_entry_row_dup_text (self->name_km_row);
  g_free (detainee->role);
  detainee->role = _sb_entry_row_dup_text (self->role_row);
  g_free (detainee->detained_on);
  detainee->detained_on = _sb_editable_dup_typed_digits (GTK_EDITABLE (self->detained_row));
  g_free (detainee->released_on);
  detainee->released_on = _sb_editable_dup_typed_digits (GTK_EDITABLE (self->released_row));
  /* "Not known" while the places could not be read (fill_facilities()) keeps the
   * place the detainee has: a failed read never moves anyone. */
  if (selected > 0 || detainee->facility_id == NULL ||
      lists_facility (self, detainee->facility_id))
    {
      g_free (detainee->facility_id);
      detainee->facility_id = NULL;
      if (selected != GTK_INVALID_LIST_POSITION && selected < self->facility_ids->len)
        detainee->facility_id = g_strdup (g_ptr_array_index (self->facility_ids, selected));
    }

  return detainee;
}

/* @select_id: (nullable): the facility to choose; otherwise the detainee's own */
static void
fill_facilities (SbDetaineeEditor *self,
                 const char       *select_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  if (select_id == NULL && self->detainee != NULL)
    select_id = self->detainee->facility_id;

  g_ptr_array_set_size (self->facility_ids, 0);
  gtk_string_list_append (names, _("Not known"));
  g_ptr_array_add (self->facility_ids, NULL);

  if ((facilities = sb_campaign_list_facilities (sb_record_editor_get_campaign (SB_RECORD_EDITOR (self)),
                                                  &error)) == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
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
facility_added_cb (SbDetaineeEditor *self,
                   const char       *facility_id,
                   const char       *name)
{
  fill_facilities (self, facility_id);
  sb_record_editor_validate (SB_RECORD_EDITOR (self));
}

static void
add_facility_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (widget);
  GtkWidget *editor = sb_facility_editor_open (widget, sb_record_editor_get_campaign (SB_RECORD_EDITOR (self)),
                                               NULL);

  /* The place added is where this person is held. */
  g_signal_connect_object (editor, "saved", G_CALLBACK (facility_added_cb), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* SbRecordEditor                                                           */
/* ------------------------------------------------------------------------ */

static void
sb_detainee_editor_load (SbRecordEditor *editor)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (editor);
  const SbDetainee *detainee = self->detainee;

  sb_record_editor_set_titles (editor, detainee ? _("Edit Detainee") : _("New Detainee"),
                               detainee ? detainee->name_en : NULL);
  fill_facilities (self, NULL);
  if (detainee == NULL)
    return;

  _sb_entry_row_set_text (self->name_row, detainee->name_en);
  _sb_entry_row_set_text (self->name_km_row, detainee->name_km);
  _sb_entry_row_set_text (self->role_row, detainee->role);
  _sb_entry_row_set_text (self->detained_row, detainee->detained_on);
  _sb_entry_row_set_text (self->released_row, detainee->released_on);
}

/* The core's own checks, run as the person types so a date that cannot be right is
 * flagged at once. */
static gboolean
sb_detainee_editor_validate (SbRecordEditor  *editor,
                             GtkWidget      **at_fault,
                             GError         **error)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (editor);
  g_autoptr(SbDetainee) detainee = read_form (self);
  struct { const char *field; AdwEntryRow *row; } rows[] = {
    { "name_en", self->name_row },
    { "name_km", self->name_km_row },
    { "role", self->role_row },
    { "detained_on", self->detained_row },
    { "released_on", self->released_row },
  };
  const char *field = NULL;

  if (sb_campaign_validate_detainee (sb_record_editor_get_campaign (editor), detainee, &field, error))
    return TRUE;

  *at_fault = GTK_WIDGET (self->name_row);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].field, field) == 0)
      *at_fault = GTK_WIDGET (rows[i].row);

  /* An empty name is unfinished rather than wrong. */
  if (*at_fault == GTK_WIDGET (self->name_row) && detainee->name_en[0] == '\0')
    g_clear_error (error);
  return FALSE;
}

static gboolean
sb_detainee_editor_save (SbRecordEditor  *editor,
                         char           **id,
                         char           **name,
                         GError         **error)
{
  SbDetaineeEditor *self = SB_DETAINEE_EDITOR (editor);
  SbCampaign *campaign = sb_record_editor_get_campaign (editor);
  g_autoptr(SbDetainee) detainee = read_form (self);

  if (self->detainee != NULL ? !sb_campaign_update_detainee (campaign, detainee, error)
                             : !sb_campaign_add_detainee (campaign, detainee, error))
    return FALSE;
  *id = g_strdup (detainee->id);
  *name = g_strdup (detainee->name_en);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

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
  SbRecordEditorClass *editor_class = SB_RECORD_EDITOR_CLASS (klass);

  object_class->finalize = sb_detainee_editor_finalize;
  object_class->set_property = sb_detainee_editor_set_property;
  editor_class->load = sb_detainee_editor_load;
  editor_class->validate = sb_detainee_editor_validate;
  editor_class->save = sb_detainee_editor_save;

  properties[PROP_DETAINEE] =
    g_param_spec_boxed ("detainee", NULL, NULL,
                        SB_TYPE_DETAINEE,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sb_record_editor_class_set_template (widget_class, "/org/sambot/Sambot/sb-detainee-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, name_km_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, facility_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, detained_row);
  gtk_widget_class_bind_template_child (widget_class, SbDetaineeEditor, released_row);

  gtk_widget_class_install_action (widget_class, "editor.add-facility", NULL, add_facility_action);
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

/**
 * sb_detainee_editor_open:
 * @from: the widget the person asked from (sb_record_editor_open())
 * @detainee: (nullable): the detainee to edit, or %NULL to add one
 *
 * Returns: (transfer none): the editor, shown
 */
GtkWidget *
sb_detainee_editor_open (GtkWidget        *from,
                         SbCampaign       *campaign,
                         const SbDetainee *detainee)
{
  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  return sb_record_editor_open (SB_RECORD_EDITOR (sb_detainee_editor_new (NULL, campaign, detainee)),
                                from);
}
