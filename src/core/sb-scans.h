/* sb-scans.h — pictures of postcards, kept inside the campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"
#include "sb-records.h"

G_BEGIN_DECLS

/* Larger pictures are refused: a phone photo is 12–50 MP, a card scanned at 600 dpi 8 MP. */
#define SB_SCAN_MAX_PIXELS (40 * 1000 * 1000)

gboolean   sb_campaign_add_scan     (SbCampaign   *self,
                                     SbScan       *scan,
                                     GError      **error);
GPtrArray *sb_campaign_list_scans   (SbCampaign   *self,
                                     const char   *message_id,
                                     GError      **error);
SbScan    *sb_campaign_get_scan     (SbCampaign   *self,
                                     const char   *scan_id,
                                     GError      **error);
gboolean   sb_campaign_remove_scan  (SbCampaign   *self,
                                     const char   *scan_id,
                                     GError      **error);

G_END_DECLS
