/* sb-export-dialog.h — Export…: the campaign's data for a spreadsheet, or its scans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_EXPORT_DIALOG (sb_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SbExportDialog, sb_export_dialog, SB, EXPORT_DIALOG, AdwWindow)

GtkWidget *sb_export_dialog_new       (GtkWindow      *parent,
                                       SbCampaign     *campaign);
void       sb_export_dialog_export_to (SbExportDialog *self,
                                       GFile          *file);
gboolean   sb_export_dialog_get_busy  (SbExportDialog *self);

G_END_DECLS
