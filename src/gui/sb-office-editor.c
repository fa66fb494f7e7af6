/* sb-office-editor.c — adds or edits one partner office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-places"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-office-editor.h"

struct _SbOfficeEditor
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  AdwEntryRow    *name_row;
  AdwEntryRow    *code_row;
  AdwEntryRow    *city_row;
  GtkLabel       *error_label;

  SbCampaign     *campaign;
  SbOffice       *office;         /* as stored, or NULL for a new one */
};

G_DEFINE_FINAL_TYPE (SbOfficeEditor, sb_office_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_OFFICE,
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
show_problem (SbOfficeEditor *self,
              const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static SbOffice *
read_form (SbOfficeEditor *self)
{
  SbOffice *office = self->office ? sb_office_copy (self->office) : sb_office_new ();
  g_autofree char *code = dup_text (self->code_row);

  /* Codes are capitals, as on the cards; small letters typed are not a mistake. */
  g_free (office->code);
  office->code = g_ascii_strup (code, -1);
  g_free (office->name);
  office->name = dup_text (self->name_row);
  g_free (office->city);
  office->city = dup_text (self->city_row);
  return office;
}

static void
mark_row (SbOfficeEditor *self,
          AdwEntryRow    *at_fault)
{
  AdwEntryRow *rows[] = { self->name_row, self->code_row, self->city_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == at_fault)
        gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_STATE_INVALID,
                                   rows[i] == at_fault ? GTK_ACCESSIBLE_INVALID_TRUE
                                                       : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

/* The core's own checks, as the person types. */
static void
validate (SbOfficeEditor *self)
{
  g_autoptr(SbOffice) office = read_form (self);
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  gboolean valid = sb_campaign_validate_office (self->campaign, office, &field, &error);
  AdwEntryRow *at_fault = NULL;

  if (g_strcmp0 (field, "code") == 0)
    at_fault = self->code_row;
  else if (g_strcmp0 (field, "name") == 0)
    at_fault = self->name_row;
  else if (g_strcmp0 (field, "city") == 0)
    at_fault = self->city_row;

  /* An empty name or code is unfinished rather than wrong: just keep Save off. */
  if ((at_fault == self->code_row && *office->code == '\0') ||
      (at_fault == self->name_row && *office->name == '\0'))
    {
      mark_row (self, NULL);
      show_problem (self, NULL);
    }
  else
    {
      mark_row (self, at_fault);
      show_problem (self, valid ? NULL : error->message);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
field_changed_cb (SbOfficeEditor *self)
{
  if (self->campaign != NULL)
    validate (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (widget);
  g_autoptr(SbOffice) office = read_form (self);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (self->office != NULL)
    saved = sb_campaign_update_office (self->campaign, office, &error);
  else
    saved = sb_campaign_add_office (self->campaign, office, &error);

  if (!saved)
    {
      show_problem (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, office->id, office->name);
  gtk_window_close (GTK_WINDOW (self));
}

static void
saved_toast_cb (GtkWidget  *from,
                const char *office_id,
                const char *name)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *title = NULL;

  if (overlay == NULL)
    return;
  /* Translators: %s is the name of a partner office. */
  title = g_strdup_printf (_("Saved %s"), name);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_office_editor_constructed (GObject *object)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (object);
  const SbOffice *office = self->office;
  const char *title = office ? _("Edit Partner Office") : _("New Partner Office");

  G_OBJECT_CLASS (sb_office_editor_parent_class)->constructed (object);

  g_assert (SB_IS_CAMPAIGN (self->campaign));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, office ? office->name : NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (office != NULL)
    {
      set_text (self->name_row, office->name);
      set_text (self->code_row, office->code);
      set_text (self->city_row, office->city);
    }
  validate (self);
}

static void
sb_office_editor_dispose (GObject *object)
{
  SbOfficeEditor *self = SB_OFFICE_EDITOR (object);

  g_clear_object (&self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_OFFICE_EDITOR);

  G_OBJECT_CLASS (sb_office_editor_parent_class)->dispose (object);
}

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
    case PROP_CAMPAIGN:
      self->campaign = g_value_dup_object (value);
      break;

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

  object_class->constructed = sb_office_editor_constructed;
  object_class->dispose = sb_office_editor_dispose;
  object_class->finalize = sb_office_editor_finalize;
  object_class->set_property = sb_office_editor_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OFFICE] =
    g_param_spec_boxed ("office", NULL, NULL,
                        SB_TYPE_OFFICE,
                        (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbOfficeEditor::saved:
   * @office_id: the office's id (new when it was added)
   * @name: its name
   *
   * Emitted when the office was saved to the campaign, just before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-office-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, SbOfficeEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
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
 * @from: the widget the person asked from: the editor belongs to its window, and
 *   "Saved …" shows in the toast overlay around it, if there is one
 * @office: (nullable): the office to edit, or %NULL to add one
 *
 * Returns: (transfer none): the editor, shown
 */
GtkWidget *
sb_office_editor_open (GtkWidget      *from,
                       SbCampaign     *campaign,
                       const SbOffice *office)
{
  GtkRoot *root = gtk_widget_get_root (from);
  GtkWidget *editor;

  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  editor = sb_office_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, campaign, office);
  g_signal_connect_object (editor, "saved", G_CALLBACK (saved_toast_cb), from, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}
