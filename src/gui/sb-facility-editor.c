/* sb-facility-editor.c — adds or edits one place of detention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save, Cancel and the checks as the person types are SbRecordEditor's
 * (src/gui/sb-record-editor.c); this file has the form.
 */

#define G_LOG_DOMAIN "sambot-places"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-facility-editor.h"
#include "sb-gui-format.h"
#include "sb-names.h"

struct _SbFacilityEditor
{
  SbRecordEditor  parent_instance;

  AdwEntryRow    *name_row;
  AdwEntryRow    *name_km_row;
  AdwEntryRow    *code_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *address_row;
  AdwActionRow   *items_row;
  GtkSpinButton  *items_spin;
  GtkWidget      *rules_frame;
  GtkTextView    *rules_view;

  SbFacility     *facility;       /* as stored, or NULL for a new one */
};

G_DEFINE_FINAL_TYPE (SbFacilityEditor, sb_facility_editor, SB_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_FACILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The kinds in the order of the Kind drop-down (sb-facility-editor.ui). */
static const char *const kinds[] = { "prison", "police", "other" };

/* ------------------------------------------------------------------------ */
/* The form                                                                 */
/* ------------------------------------------------------------------------ */

static SbFacility *
read_form (SbFacilityEditor *self)
{
  SbFacility *facility = self->facility ? sb_facility_copy (self->facility) : sb_facility_new ();
  guint kind = adw_combo_row_get_selected (self->kind_row);
  g_autofree char *code = _sb_entry_row_dup_text (self->code_row);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rules_view);
  GtkTextIter start, end;

  /* Codes are capitals; typing them in small letters is not a mistake worth a word. */
  g_free (facility->code);
  facility->code = g_ascii_strup (code, -1);
  g_free (facility->name_en);
  facility->name_en = _sb_entry_row_dup_text (self->name_row);
  g_free (facility->name_km);
  facility->name_km = _sb_entry_row_dup_text (self->name_km_row);
  g_free (facility->kind);
  facility->kind = g_strdup (kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)]);
  g_free (facility->address);
  facility->address = _sb_entry_row_dup_text (self->address_row);
  facility->items_per_batch = gtk_spin_button_get_value_as_int (self->items_spin);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (facility->rules);
  facility->rules = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  return facility;
}

/* The widget showing a field of the record, for the core's name of it. */
static GtkWidget *
widget_for_field (SbFacilityEditor *self,
                  const char       *field)
{
  struct { const char *field; gpointer widget; } widgets[] = {
    { "code", self->code_row },
    { "name_en", self->name_row },
    { "name_km", self->name_km_row },
    { "kind", self->kind_row },
    { "address", self->address_row },
    { "items_per_batch", self->items_row },
    { "rules", self->rules_frame },
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_strcmp0 (widgets[i].field, field) == 0)
      return widgets[i].widget;
  return GTK_WIDGET (self->name_row);
}

/* ------------------------------------------------------------------------ */
/* SbRecordEditor                                                           */
/* ------------------------------------------------------------------------ */

static void
sb_facility_editor_load (SbRecordEditor *editor)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (editor);
  const SbFacility *facility = self->facility;

  sb_record_editor_set_titles (editor,
                               facility ? _("Edit Place of Detention") : _("New Place of Detention"),
                               facility ? sb_facility_get_name (facility) : NULL);
  if (facility == NULL)
    return;

  _sb_entry_row_set_text (self->name_row, facility->name_en);
  _sb_entry_row_set_text (self->name_km_row, facility->name_km);
  _sb_entry_row_set_text (self->code_row, facility->code);
  _sb_entry_row_set_text (self->address_row, facility->address);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (facility->kind, kinds[i]) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  gtk_spin_button_set_value (self->items_spin, facility->items_per_batch);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rules_view),
                            facility->rules ? facility->rules : "", -1);
}

static gboolean
sb_facility_editor_validate (SbRecordEditor  *editor,
                             GtkWidget      **at_fault,
                             GError         **error)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (editor);
  g_autoptr(SbFacility) facility = read_form (self);
  const char *field = NULL;

  if (sb_campaign_validate_facility (sb_record_editor_get_campaign (editor), facility, &field, error))
    return TRUE;
  /* An empty name or code is unfinished rather than wrong. */
  if ((g_strcmp0 (field, "code") == 0 && *facility->code == '\0') ||
      (g_strcmp0 (field, "name_en") == 0 && *facility->name_en == '\0'))
    g_clear_error (error);
  *at_fault = widget_for_field (self, field);
  return FALSE;
}

static gboolean
sb_facility_editor_save (SbRecordEditor  *editor,
                         char           **id,
                         char           **name,
                         GError         **error)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (editor);
  SbCampaign *campaign = sb_record_editor_get_campaign (editor);
  g_autoptr(SbFacility) facility = read_form (self);

  if (self->facility != NULL ? !sb_campaign_update_facility (campaign, facility, error)
                             : !sb_campaign_add_facility (campaign, facility, error))
    return FALSE;
  *id = g_strdup (facility->id);
  *name = g_strdup (sb_facility_get_name (facility));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_facility_editor_finalize (GObject *object)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (object);

  g_clear_pointer (&self->facility, sb_facility_free);

  G_OBJECT_CLASS (sb_facility_editor_parent_class)->finalize (object);
}

static void
sb_facility_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FACILITY:
      self->facility = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_facility_editor_class_init (SbFacilityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbRecordEditorClass *editor_class = SB_RECORD_EDITOR_CLASS (klass);

  object_class->finalize = sb_facility_editor_finalize;
  object_class->set_property = sb_facility_editor_set_property;
  editor_class->load = sb_facility_editor_load;
  editor_class->validate = sb_facility_editor_validate;
  editor_class->save = sb_facility_editor_save;

  properties[PROP_FACILITY] =
    g_param_spec_boxed ("facility", NULL, NULL,
                        SB_TYPE_FACILITY,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sb_record_editor_class_set_template (widget_class, "/org/sambot/Sambot/sb-facility-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, name_km_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, items_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, items_spin);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, rules_frame);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, rules_view);
}

static void
sb_facility_editor_init (SbFacilityEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Typed with Khmer digits or ASCII ones; shown in the interface's. */
  _sb_spin_button_use_interface_digits (self->items_spin);
  g_signal_connect_object (gtk_text_view_get_buffer (self->rules_view), "changed",
                           G_CALLBACK (sb_record_editor_validate), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_facility_editor_new:
 * @parent: (nullable): the window it belongs to
 * @campaign: the campaign
 * @facility: (nullable): the facility to edit, or %NULL to add one
 *
 * Returns: (transfer none): a new editor window
 */
GtkWidget *
sb_facility_editor_new (GtkWindow        *parent,
                        SbCampaign       *campaign,
                        const SbFacility *facility)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  return g_object_new (SB_TYPE_FACILITY_EDITOR,
                       "transient-for", parent,
                       "campaign", campaign,
                       "facility", facility,
                       NULL);
}

/**
 * sb_facility_editor_open:
 * @from: the widget the person asked from (sb_record_editor_open())
 * @facility: (nullable): the facility to edit, or %NULL to add one
 *
 * Returns: (transfer none): the editor, shown
 */
GtkWidget *
sb_facility_editor_open (GtkWidget        *from,
                         SbCampaign       *campaign,
                         const SbFacility *facility)
{
  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  return sb_record_editor_open (SB_RECORD_EDITOR (sb_facility_editor_new (NULL, campaign, facility)),
                                from);
}
