/* sb-office-editor.c — adds or edits one partner office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save, Cancel and the checks as the person types are SbRecordEditor's
 * (src/gui/sb-record-editor.c); this file has the form.
 */

#define G_LOG_DOMAIN "sambot-places"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-office-editor.h"

struct _SbOfficeEditor
{
  SbRecordEditor  parent_instance;

  AdwEntryRow    *name_row;
  AdwEntryRow    *code_row;
  AdwEntryRow    *city_row;

  SbOffice       *office;         /* as stored, or NULL for a new one */
};

G_DEFINE_FINAL_TYPE (SbOfficeEditor, sb_office_editor, SB_TYPE_RECORD_EDITOR)

enum {
  PROP_0,
  PROP_OFFICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The form                                                                 */
/* ------------------------------------------------------------------------ */

static SbOffice *
read_form (SbOfficeEditor *self)
{
  SbOffice *office = self->office ? sb_office_copy (self->office) : sb_office_new ();
  g_autofree char *code = _sb_entry_row_dup_text (self->code_row);

  /* Codes are capitals, as on the cards; small letters typed are not a mistake. */
  g_free (office->code);
  office->code = g_ascii_strup (code, -1);
  g_free (office->name);
  office->name = _sb_entry_row_dup_text (self->name_row);
  g_free (office->city);
  office->city = _sb_entry_row_dup_text (self->city_row);
  return office;
}

/* ------------------------------------------------------------------------ */
/* SbRecordEditor                                                           */
/* ------------------------------------------------------------------------ */

static void
sb_office_editor_load (SbRecordEditor *editor)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (editor);
  const SbOffice *office = self->office;

  sb_record_editor_set_titles (editor,
                               office ? _("Edit Partner Office") : _("New Partner Office"),
                               office ? office->name : NULL);
  if (office == NULL)
    return;

  _sb_entry_row_set_text (self->name_row, office->name);
  _sb_entry_row_set_text (self->code_row, office->code);
  _sb_entry_row_set_text (self->city_row, office->city);
}

static gboolean
sb_office_editor_validate (SbRecordEditor  *editor,
                           GtkWidget      **at_fault,
                           GError         **error)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (editor);
  g_autoptr(SbOffice) office = read_form (self);
  const char *field = NULL;

  if (sb_campaign_validate_office (sb_record_editor_get_campaign (editor), office, &field, error))
    return TRUE;

  if (g_strcmp0 (field, "code") == 0)
    *at_fault = GTK_WIDGET (self->code_row);
  else if (g_strcmp0 (field, "name") == 0)
    *at_fault = GTK_WIDGET (self->name_row);
  else if (g_strcmp0 (field, "city") == 0)
    *at_fault = GTK_WIDGET (self->city_row);

  /* An empty name or code is unfinished rather than wrong. */
  if ((*at_fault == GTK_WIDGET (self->code_row) && *office->code == '\0') ||
      (*at_fault == GTK_WIDGET (self->name_row) && *office->name == '\0'))
    g_clear_error (error);
  return FALSE;
}

static gboolean
sb_office_editor_save (SbRecordEditor  *editor,
                       char           **id,
                       char           **name,
                       GError         **error)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (editor);
  SbCampaign *campaign = sb_record_editor_get_campaign (editor);
  g_autoptr(SbOffice) office = read_form (self);

  if (self->office != NULL ? !sb_campaign_update_office (campaign, office, error)
                           : !sb_campaign_add_office (campaign, office, error))
    return FALSE;
  *id = g_strdup (office->id);
  *name = g_strdup (office->name);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_office_editor_finalize (GObject *object)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (object);

  g_clear_pointer (&self->office, sb_office_free);

  G_OBJECT_CLASS (sb_office_editor_parent_class)->finalize (object);
}

static void
sb_office_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_OFFICE:
      self->office = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_office_editor_class_init (SbOfficeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SbRecordEditorClass *editor_class = SB_RECORD_EDITOR_CLASS (klass);

  object_class->finalize = sb_office_editor_finalize;
  object_class->set_property = sb_office_editor_set_property;
  editor_class->load = sb_office_editor_load;
  editor_class->validate = sb_office_editor_validate;
  editor_class->save = sb_office_editor_save;

  properties[PROP_OFFICE] =
    g_param_spec_boxed ("office", NULL, NULL,
                        SB_TYPE_OFFICE,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  sb_record_editor_class_set_template (widget_class, "/org/sambot/Sambot/sb-office-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, city_row);
}

static void
sb_office_editor_init (SbOfficeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_office_editor_new:
 * @parent: (nullable): the window it belongs to
 * @campaign: the campaign
 * @office: (nullable): the office to edit, or %NULL to add one
 *
 * Returns: (transfer none): a new editor window
 */
GtkWidget *
sb_office_editor_new (GtkWindow      *parent,
                      SbCampaign     *campaign,
                      const SbOffice *office)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  return g_object_new (SB_TYPE_OFFICE_EDITOR,
                       "transient-for", parent,
                       "campaign", campaign,
                       "office", office,
                       NULL);
}

/**
 * sb_office_editor_open:
 * @from: the widget the person asked from (sb_record_editor_open())
 * @office: (nullable): the office to edit, or %NULL to add one
 *
 * Returns: (transfer none): the editor, shown
 */
GtkWidget *
sb_office_editor_open (GtkWidget      *from,
                       SbCampaign     *campaign,
                       const SbOffice *office)
{
  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  return sb_record_editor_open (SB_RECORD_EDITOR (sb_office_editor_new (NULL, campaign, office)),
                                from);
}
