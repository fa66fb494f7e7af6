/* sb-batch-reasons.h — the campaign's reasons for a rejection, in a combo row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-batches.h"

G_BEGIN_DECLS

void        _sb_batch_reasons_fill     (SbCampaign  *campaign,
                                        AdwComboRow *row,
                                        const char  *select);
void        _sb_batch_reasons_add      (SbCampaign  *campaign,
                                        AdwEntryRow *entry,
                                        AdwComboRow *row);
const char *_sb_batch_reasons_selected (AdwComboRow *row);

G_END_DECLS
