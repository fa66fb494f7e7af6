/* sb-record-editor.c — what the editors of one record share: a window with Cancel and
 * Save that checks the form with the core as the person types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The facility, office and detainee editors are subclasses. Each keeps its whole
 * template (header bar, form, error label): GTK 4.8 instantiates a parent's template
 * and a child's separately, and a child's cannot place its rows inside the parent's.
 * What the subclasses share is bound from their templates into this class's private
 * part instead (sb_record_editor_class_set_template()): the window title, the error
 * label and the field_changed_cb handler.
 */

#define G_LOG_DOMAIN "sambot-places"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-toast.h"
#include "sb-record-editor.h"

typedef struct
{
  AdwWindowTitle *window_title;
  GtkLabel       *error_label;

  SbCampaign     *campaign;
  GtkWidget      *at_fault;       /* the field marked as wrong, if any */
} SbRecordEditorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SbRecordEditor, sb_record_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CAMPAIGN,
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

char *
_sb_entry_row_dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

void
_sb_entry_row_set_text (AdwEntryRow *row,
                        const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* Says @message (nullable) under the fields, and marks @at_fault (nullable) as the
 * field in the wrong, and only it. */
static void
show_problem (SbRecordEditor *self,
              GtkWidget      *at_fault,
              const char     *message)
{
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);
  GtkWidget *fields[] = { priv->at_fault, at_fault };

  gtk_label_set_text (priv->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->error_label), message != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i] == NULL)
        continue;
      if (fields[i] == at_fault)
        gtk_widget_add_css_class (fields[i], "error");
      else
        gtk_widget_remove_css_class (fields[i], "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (fields[i]), GTK_ACCESSIBLE_STATE_INVALID,
                                   fields[i] == at_fault ? GTK_ACCESSIBLE_INVALID_TRUE
                                                         : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
  priv->at_fault = at_fault;
}

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbRecordEditor *self = SB_RECORD_EDITOR (widget);
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (!SB_RECORD_EDITOR_GET_CLASS (self)->save (self, &id, &name, &error))
    {
      show_problem (self, priv->at_fault, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id, name);
  gtk_window_close (GTK_WINDOW (self));
}

static void
saved_toast_cb (GtkWidget  *from,
                const char *id,
                const char *name)
{
  g_autofree char *title = NULL;

  /* Translators: %s is the name of a detainee, of a prison or other place of
   * detention, or of a partner office. */
  title = g_strdup_printf (_("Saved %s"), name);
  _sb_gui_toast (from, title);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_record_editor_constructed (GObject *object)
{
  SbRecordEditor *self = SB_RECORD_EDITOR (object);
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);

  G_OBJECT_CLASS (sb_record_editor_parent_class)->constructed (object);

  g_assert (SB_IS_CAMPAIGN (priv->campaign));

  SB_RECORD_EDITOR_GET_CLASS (self)->load (self);
  sb_record_editor_validate (self);
}

static void
sb_record_editor_dispose (GObject *object)
{
  SbRecordEditor *self = SB_RECORD_EDITOR (object);
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);

  g_clear_object (&priv->campaign);
  priv->at_fault = NULL;
  /* The template is the subclass's (sb_record_editor_class_set_template()). */
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));

  G_OBJECT_CLASS (sb_record_editor_parent_class)->dispose (object);
}

static void
sb_record_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SbRecordEditor *self = SB_RECORD_EDITOR (object);
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      priv->campaign = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_record_editor_class_init (SbRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_record_editor_constructed;
  object_class->dispose = sb_record_editor_dispose;
  object_class->set_property = sb_record_editor_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbRecordEditor::saved:
   * @id: the record's id (new when it was added)
   * @name: its name as the toast says it
   *
   * Emitted when the record was saved to the campaign, just before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
sb_record_editor_init (SbRecordEditor *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_record_editor_class_set_template:
 * @widget_class: a subclass's class
 * @resource_path: its template, which has a "window_title" (AdwWindowTitle) and an
 *   "error_label", and may connect any field's change to "field_changed_cb"
 *
 * Sets the subclass's template and binds what this class needs of it. The subclass
 * binds its own children after this, and calls gtk_widget_init_template().
 */
void
sb_record_editor_class_set_template (GtkWidgetClass *widget_class,
                                     const char     *resource_path)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), SB_TYPE_RECORD_EDITOR));

  gtk_widget_class_set_template_from_resource (widget_class, resource_path);
  gtk_widget_class_bind_template_child_private (widget_class, SbRecordEditor, window_title);
  gtk_widget_class_bind_template_child_private (widget_class, SbRecordEditor, error_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "field_changed_cb",
                                                G_CALLBACK (sb_record_editor_validate));
}

SbCampaign *
sb_record_editor_get_campaign (SbRecordEditor *self)
{
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);

  g_return_val_if_fail (SB_IS_RECORD_EDITOR (self), NULL);

  return priv->campaign;
}

/**
 * sb_record_editor_set_titles:
 * @subtitle: (nullable): the record's name, when it is not a new one
 */
void
sb_record_editor_set_titles (SbRecordEditor *self,
                             const char     *title,
                             const char     *subtitle)
{
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);

  g_return_if_fail (SB_IS_RECORD_EDITOR (self));

  adw_window_title_set_title (priv->window_title, title);
  adw_window_title_set_subtitle (priv->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/**
 * sb_record_editor_validate:
 *
 * The core's own checks, as the person types: Save is on only for what the core will
 * take, and what it refuses is said under the fields, its field marked. Nothing is
 * checked before the campaign is known (the template sets values before).
 */
void
sb_record_editor_validate (SbRecordEditor *self)
{
  SbRecordEditorPrivate *priv = sb_record_editor_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  GtkWidget *at_fault = NULL;
  gboolean valid;

  g_return_if_fail (SB_IS_RECORD_EDITOR (self));

  if (priv->campaign == NULL)
    return;

  valid = SB_RECORD_EDITOR_GET_CLASS (self)->validate (self, &at_fault, &error);
  if (valid || error == NULL)   /* fine, or unfinished rather than wrong */
    show_problem (self, NULL, NULL);
  else
    show_problem (self, at_fault, error->message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

/**
 * sb_record_editor_open:
 * @self: (transfer none): a new editor
 * @from: the widget the person asked from: the editor belongs to its window, and
 *   "Saved …" shows in the toast overlay around it, if there is one
 *
 * Returns: (transfer none): @self, shown
 */
GtkWidget *
sb_record_editor_open (SbRecordEditor *self,
                       GtkWidget      *from)
{
  GtkRoot *root;

  g_return_val_if_fail (SB_IS_RECORD_EDITOR (self), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (from), NULL);

  root = gtk_widget_get_root (from);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (self, "saved", G_CALLBACK (saved_toast_cb), from, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}
