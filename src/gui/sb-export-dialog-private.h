/* sb-export-dialog-private.h — shared between the files of SbExportDialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-export-dialog.h"
#include "sb-export-job.h"

G_BEGIN_DECLS

struct _SbExportDialog
{
  AdwWindow         parent_instance;

  GtkWidget        *export_button;
  GtkWidget        *spinner;
  GtkWidget        *page;
  GtkCheckButton   *messages_check;
  GtkCheckButton   *copies_check;
  GtkCheckButton   *batches_check;
  GtkCheckButton   *scans_check;
  GtkWidget        *options_group;
  GtkToggleButton  *json_toggle;
  GtkWidget        *contacts_row;
  GtkSwitch        *contacts_switch;

  SbCampaign       *campaign;
  gboolean          contacts_agreed;   /* the person read what including them means */
  gboolean          busy;
};

/* What the options say */

static inline SbExportWhat
_sb_export_dialog_chosen_table (SbExportDialog *self)
{
  if (gtk_check_button_get_active (self->copies_check))
    return SB_EXPORT_COPIES;
  if (gtk_check_button_get_active (self->batches_check))
    return SB_EXPORT_BATCHES;
  return SB_EXPORT_MESSAGES;
}

static inline gboolean
_sb_export_dialog_scans_chosen (SbExportDialog *self)
{
  return gtk_check_button_get_active (self->scans_check);
}

static inline gboolean
_sb_export_dialog_json_chosen (SbExportDialog *self)
{
  return gtk_toggle_button_get_active (self->json_toggle);
}

/* sb-export-dialog-contacts.c: the question before the senders' contacts go in */
void     _sb_export_dialog_class_init_contacts (GtkWidgetClass *widget_class);
gboolean _sb_export_dialog_contacts_chosen     (SbExportDialog *self);

/* sb-export-dialog-file.c: where to write, the file chooser */
void     _sb_export_dialog_class_init_file     (GtkWidgetClass *widget_class);

G_END_DECLS
