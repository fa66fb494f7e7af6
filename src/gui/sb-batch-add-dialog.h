/* sb-batch-add-dialog.h — which waiting messages go into a draft batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-records.h"

G_BEGIN_DECLS

#define SB_TYPE_BATCH_ADD_DIALOG (sb_batch_add_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbBatchAddDialog, sb_batch_add_dialog, SB, BATCH_ADD_DIALOG, AdwMessageDialog)

GtkWidget *sb_batch_add_dialog_new        (GtkWindow        *parent,
                                           guint             n_copies);
void       sb_batch_add_dialog_add_copy   (SbBatchAddDialog *self,
                                           const SbCopy     *copy,
                                           const char       *title,
                                           const char       *subtitle);
GPtrArray *sb_batch_add_dialog_get_chosen (SbBatchAddDialog *self);

G_END_DECLS
