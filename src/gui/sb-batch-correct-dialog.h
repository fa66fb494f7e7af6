/* sb-batch-correct-dialog.h — a corrected outcome for a message of a closed batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_BATCH_CORRECT_DIALOG (sb_batch_correct_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbBatchCorrectDialog, sb_batch_correct_dialog, SB, BATCH_CORRECT_DIALOG, AdwMessageDialog)

GtkWidget  *sb_batch_correct_dialog_new         (GtkWindow            *parent,
                                                 SbCampaign           *campaign,
                                                 const SbCopy           *copy,
                                                 const char           *ref,
                                                 const char           *outcome);
const SbCopy *sb_batch_correct_dialog_get_copy    (SbBatchCorrectDialog *self);
const char *sb_batch_correct_dialog_get_outcome (SbBatchCorrectDialog *self);
const char *sb_batch_correct_dialog_get_reason  (SbBatchCorrectDialog *self);
const char *sb_batch_correct_dialog_get_note    (SbBatchCorrectDialog *self);

G_END_DECLS
