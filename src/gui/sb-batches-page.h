/* sb-batches-page.h — the Batches section: delivery batches and their custody
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_BATCHES_PAGE (sb_batches_page_get_type ())
G_DECLARE_FINAL_TYPE (SbBatchesPage, sb_batches_page, SB, BATCHES_PAGE, GtkWidget)

SbCampaign  *sb_batches_page_get_campaign (SbBatchesPage *self);
void         sb_batches_page_set_campaign (SbBatchesPage *self,
                                           SbCampaign    *campaign);
void         sb_batches_page_select_batch (SbBatchesPage *self,
                                           const char    *batch_id);
const char  *sb_batches_page_get_selected (SbBatchesPage *self);

G_END_DECLS
