/* sb-batch-row.h — one batch in the Batches list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-batches.h"

G_BEGIN_DECLS

#define SB_TYPE_BATCH_ROW (sb_batch_row_get_type ())

G_DECLARE_FINAL_TYPE (SbBatchRow, sb_batch_row, SB, BATCH_ROW, GtkListBoxRow)

GtkWidget  *sb_batch_row_new          (const SbBatch *batch,
                                       const char    *title,
                                       const char    *details);
const char *sb_batch_row_get_batch_id (SbBatchRow    *self);
const char *sb_batch_row_get_state    (SbBatchRow    *self);

G_END_DECLS
