/* sb-places-page.h — the Places section: places of detention and partner offices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_PLACES_PAGE (sb_places_page_get_type ())

G_DECLARE_FINAL_TYPE (SbPlacesPage, sb_places_page, SB, PLACES_PAGE, GtkWidget)

SbCampaign *sb_places_page_get_campaign (SbPlacesPage *self);
void        sb_places_page_set_campaign (SbPlacesPage *self,
                                         SbCampaign   *campaign);

G_END_DECLS
