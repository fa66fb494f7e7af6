/* sb-recent-campaigns.h — the campaigns opened recently, on the welcome page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_RECENT_CAMPAIGNS (sb_recent_campaigns_get_type ())

G_DECLARE_FINAL_TYPE (SbRecentCampaigns, sb_recent_campaigns, SB, RECENT_CAMPAIGNS, AdwBin)

/* The most campaigns the list shows. */
#define SB_RECENT_CAMPAIGNS_MAX 6

GtkWidget *sb_recent_campaigns_new          (void);
guint      sb_recent_campaigns_get_n_shown  (SbRecentCampaigns *self);
void       sb_recent_campaigns_note_opened  (const char        *path,
                                             const char        *name);

G_END_DECLS
