/* sb-facility-editor.c — adds or edits one place of detention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-places"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-facility-editor.h"
#include "sb-gui-format.h"
#include "sb-names.h"

struct _SbFacilityEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  AdwEntryRow    *name_row;
  AdwEntryRow    *name_km_row;
  AdwEntryRow    *code_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *address_row;
  AdwActionRow   *items_row;
  GtkSpinButton  *items_spin;
  GtkWidget      *rules_frame;
  GtkTextView    *rules_view;
  GtkLabel       *error_label;

  SbCampaign     *campaign;
  SbFacility     *facility;       /* as stored, or NULL for a new one */
};

G_DEFINE_FINAL_TYPE (SbFacilityEditor, sb_facility_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_FACILITY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The kinds in the order of the Kind drop-down (sb-facility-editor.ui). */
static const char *const kinds[] = { "prison", "police", "other" };

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
show_problem (SbFacilityEditor *self,
              const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static SbFacility *
read_form (SbFacilityEditor *self)
{
  SbFacility *facility = self->facility ? sb_facility_copy (self->facility) : sb_facility_new ();
  guint kind = adw_combo_row_get_selected (self->kind_row);
  g_autofree char *code = dup_text (self->code_row);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rules_view);
  GtkTextIter start, end;

  /* Codes are capitals; typing them in small letters is not a mistake worth a word. */
  g_free (facility->code);
  facility->code = g_ascii_strup (code, -1);
  g_free (facility->name_en);
  facility->name_en = dup_text (self->name_row);
  g_free (facility->name_km);
  facility->name_km = dup_text (self->name_km_row);
  g_free (facility->kind);
  facility->kind = g_strdup (kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)]);
  g_free (facility->address);
  facility->address = dup_text (self->address_row);
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

static void
mark_field (SbFacilityEditor *self,
            const char       *field)
{
  GtkWidget *all[] = { GTK_WIDGET (self->code_row), GTK_WIDGET (self->name_row),
                       GTK_WIDGET (self->name_km_row), GTK_WIDGET (self->kind_row),
                       GTK_WIDGET (self->address_row), GTK_WIDGET (self->items_row),
                       self->rules_frame };
  GtkWidget *at_fault = field ? widget_for_field (self, field) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (all[i] == at_fault)
        gtk_widget_add_css_class (all[i], "error");
      else
        gtk_widget_remove_css_class (all[i], "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (all[i]), GTK_ACCESSIBLE_STATE_INVALID,
                                   all[i] == at_fault ? GTK_ACCESSIBLE_INVALID_TRUE
                                                      : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

/* The core's own checks, as the person types: Save is on only for what the core
 * will take, and what it refuses is said under the fields. */
static void
validate (SbFacilityEditor *self)
{
  g_autoptr(SbFacility) facility = read_form (self);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gboolean valid = sb_campaign_validate_facility (self->campaign, facility, &field, &error);

  /* An empty name or code is unfinished rather than wrong: just keep Save off. */
  if (!valid && ((g_strcmp0 (field, "code") == 0 && *facility->code == '\0') ||
                 (g_strcmp0 (field, "name_en") == 0 && *facility->name_en == '\0')))
    {
      mark_field (self, NULL);
      show_problem (self, NULL);
    }
  else
    {
      mark_field (self, valid ? NULL : field);
      show_problem (self, valid ? NULL : error->message);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbFacilityEditor *self)
{
  /* The template sets values before the campaign is known. */
  if (self->campaign != NULL)
    validate (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (widget);
  g_autoptr(SbFacility) facility = read_form (self);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (self->facility != NULL)
    saved = sb_campaign_update_facility (self->campaign, facility, &error);
  else
    saved = sb_campaign_add_facility (self->campaign, facility, &error);

  if (!saved)
    {
      show_problem (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, facility->id, sb_facility_get_name (facility));
  gtk_window_close (GTK_WINDOW (self));
}

static void
saved_toast_cb (GtkWidget  *from,
                const char *facility_id,
                const char *name)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *title = NULL;

  if (overlay == NULL)
    return;
  /* Translators: %s is the name of a prison or other place of detention. */
  title = g_strdup_printf (_("Saved %s"), name);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_facility_editor_constructed (GObject *object)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (object);
  const SbFacility *facility = self->facility;
  const char *title = facility ? _("Edit Place of Detention") : _("New Place of Detention");

  G_OBJECT_CLASS (sb_facility_editor_parent_class)->constructed (object);

  g_assert (SB_IS_CAMPAIGN (self->campaign));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, facility ? sb_facility_get_name (facility) : NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (facility != NULL)
    {
      set_text (self->name_row, facility->name_en);
      set_text (self->name_km_row, facility->name_km);
      set_text (self->code_row, facility->code);
      set_text (self->address_row, facility->address);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_strcmp0 (facility->kind, kinds[i]) == 0)
          adw_combo_row_set_selected (self->kind_row, i);
      gtk_spin_button_set_value (self->items_spin, facility->items_per_batch);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rules_view),
                                facility->rules ? facility->rules : "", -1);
    }
  validate (self);
}

static void
sb_facility_editor_dispose (GObject *object)
{
  SbFacilityEditor *self = SB_FACILITY_EDITOR (object);

  g_clear_object (&self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_FACILITY_EDITOR);

  G_OBJECT_CLASS (sb_facility_editor_parent_class)->dispose (object);
}

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
    case PROP_CAMPAIGN:
      self->campaign = g_value_dup_object (value);
      break;

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

  object_class->constructed = sb_facility_editor_constructed;
  object_class->dispose = sb_facility_editor_dispose;
  object_class->finalize = sb_facility_editor_finalize;
  object_class->set_property = sb_facility_editor_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FACILITY] =
    g_param_spec_boxed ("facility", NULL, NULL,
                        SB_TYPE_FACILITY,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbFacilityEditor::saved:
   * @facility_id: the facility's id (new when it was added)
   * @name: its name in the interface language
   *
   * Emitted when the facility was saved to the campaign, just before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-facility-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, name_km_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, items_row);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, items_spin);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, rules_frame);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, rules_view);
  gtk_widget_class_bind_template_child (widget_class, SbFacilityEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
sb_facility_editor_init (SbFacilityEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Typed with Khmer digits or ASCII ones; shown in the interface's. */
  _sb_spin_button_use_interface_digits (self->items_spin);
  g_signal_connect_object (gtk_text_view_get_buffer (self->rules_view), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
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
 * @from: the widget the person asked from: the editor belongs to its window, and
 *   "Saved …" shows in the toast overlay around it, if there is one
 * @facility: (nullable): the facility to edit, or %NULL to add one
 *
 * Returns: (transfer none): the editor, shown
 */
GtkWidget *
sb_facility_editor_open (GtkWidget        *from,
                         SbCampaign       *campaign,
                         const SbFacility *facility)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWidget *editor;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  editor = sb_facility_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, campaign, facility);
  g_signal_connect_object (editor, "saved", G_CALLBACK (saved_toast_cb), from, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}
