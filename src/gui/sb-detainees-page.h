/* sb-detainees-page.h — the Detainees section: who the campaign writes to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_DETAINEES_PAGE (sb_detainees_page_get_type ())

G_DECLARE_FINAL_TYPE (SbDetaineesPage, sb_detainees_page, SB, DETAINEES_PAGE, GtkWidget)

SbCampaign *sb_detainees_page_get_campaign (SbDetaineesPage *self);
void        sb_detainees_page_set_campaign (SbDetaineesPage *self,
                                            SbCampaign      *campaign);

G_END_DECLS
