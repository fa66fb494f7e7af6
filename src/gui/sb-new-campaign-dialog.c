/* sb-new-campaign-dialog.c — asks for a new campaign's name and office code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-new-campaign"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-campaign.h"
#include "sb-new-campaign-dialog.h"
#include "sb-validate.h"

struct _SbNewCampaignDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *name_row;
  AdwEntryRow      *office_code_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (SbNewCampaignDialog, sb_new_campaign_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

/* The core's own checks, as the person types: the dialog only goes on with
 * values the core will accept. An empty name is not an error yet, just not done. */
static void
row_changed_cb (SbNewCampaignDialog *self)
{
  g_autofree char *name = sb_new_campaign_dialog_dup_name (self);
  g_autofree char *code = sb_new_campaign_dialog_dup_office_code (self);
  g_autoptr(GError) error = NULL;
  gboolean name_valid, code_valid = FALSE;

  name_valid = sb_validate_text (name, _("Campaign name"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, &error);
  if (name_valid)
    code_valid = sb_validate_code (code, _("Office code"), &error);

  if (name_valid && !code_valid)
    gtk_widget_add_css_class (GTK_WIDGET (self->office_code_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->office_code_row), "error");
  if (!name_valid && name[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && name[0] != '\0');
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create",
                                           name_valid && code_valid);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_new_campaign_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SB_TYPE_NEW_CAMPAIGN_DIALOG);

  G_OBJECT_CLASS (sb_new_campaign_dialog_parent_class)->dispose (object);
}

static void
sb_new_campaign_dialog_class_init (SbNewCampaignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_new_campaign_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-new-campaign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbNewCampaignDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbNewCampaignDialog, office_code_row);
  gtk_widget_class_bind_template_child (widget_class, SbNewCampaignDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
}

static void
sb_new_campaign_dialog_init (SbNewCampaignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_new_campaign_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a dialog whose "create" response means the values are valid
 */
GtkWidget *
sb_new_campaign_dialog_new (GtkWindow *parent)
{
  return g_object_new (SB_TYPE_NEW_CAMPAIGN_DIALOG,
                       "transient-for", parent,
                       NULL);
}

/**
 * sb_new_campaign_dialog_dup_name:
 *
 * Returns: (transfer full): the campaign name typed, trimmed
 */
char *
sb_new_campaign_dialog_dup_name (SbNewCampaignDialog *self)
{
  g_return_val_if_fail (SB_IS_NEW_CAMPAIGN_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

/**
 * sb_new_campaign_dialog_dup_office_code:
 *
 * Returns: (transfer full): the office code typed, trimmed and in capitals
 */
char *
sb_new_campaign_dialog_dup_office_code (SbNewCampaignDialog *self)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (SB_IS_NEW_CAMPAIGN_DIALOG (self), NULL);

  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->office_code_row))));
  return g_ascii_strup (code, -1);
}
