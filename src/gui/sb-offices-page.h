/* sb-offices-page.h — the Offices section: the replicas of the campaign and the
 * exchange between them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"
#include "sb-exchange-keeper.h"

G_BEGIN_DECLS

#define SB_TYPE_OFFICES_PAGE (sb_offices_page_get_type ())

G_DECLARE_FINAL_TYPE (SbOfficesPage, sb_offices_page, SB, OFFICES_PAGE, GtkWidget)

SbCampaign       *sb_offices_page_get_campaign        (SbOfficesPage *self);
void              sb_offices_page_set_campaign        (SbOfficesPage *self,
                                                       SbCampaign    *campaign);
SbExchangeKeeper *sb_offices_page_get_keeper          (SbOfficesPage *self);
void              sb_offices_page_set_exchange_folder (SbOfficesPage *self,
                                                       const char    *folder);

G_END_DECLS
