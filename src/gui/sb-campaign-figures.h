/* sb-campaign-figures.h — the campaign's figures, computed once for every page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"
#include "sb-infographic.h"

G_BEGIN_DECLS

#define SB_TYPE_CAMPAIGN_FIGURES (sb_campaign_figures_get_type ())
G_DECLARE_FINAL_TYPE (SbCampaignFigures, sb_campaign_figures, SB, CAMPAIGN_FIGURES, GObject)

SbCampaignFigures *sb_campaign_figures_get_for  (SbCampaign        *campaign);
SbInfographicData *sb_campaign_figures_get_data (SbCampaignFigures *self);
const GError      *sb_campaign_figures_get_error (SbCampaignFigures *self);
gboolean           sb_campaign_figures_is_busy  (SbCampaignFigures *self);

G_END_DECLS
