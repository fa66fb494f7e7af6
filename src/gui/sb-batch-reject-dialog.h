/* sb-batch-reject-dialog.h — why the facility rejected a message of a batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_BATCH_REJECT_DIALOG (sb_batch_reject_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbBatchRejectDialog, sb_batch_reject_dialog, SB, BATCH_REJECT_DIALOG, AdwMessageDialog)

GtkWidget  *sb_batch_reject_dialog_new         (GtkWindow           *parent,
                                                SbCampaign          *campaign,
                                                const SbCopy          *copy,
                                                const char          *ref);
const SbCopy *sb_batch_reject_dialog_get_copy    (SbBatchRejectDialog *self);
const char *sb_batch_reject_dialog_get_reason  (SbBatchRejectDialog *self);

G_END_DECLS
