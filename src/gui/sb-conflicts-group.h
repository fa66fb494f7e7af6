/* sb-conflicts-group.h — "Conflicts to Review" in the Offices section: what lost when
 * two offices changed the same thing, kept or taken back (docs/exchange.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_CONFLICTS_GROUP (sb_conflicts_group_get_type ())

G_DECLARE_FINAL_TYPE (SbConflictsGroup, sb_conflicts_group, SB, CONFLICTS_GROUP, AdwPreferencesGroup)

SbCampaign *sb_conflicts_group_get_campaign (SbConflictsGroup *self);
void        sb_conflicts_group_set_campaign (SbConflictsGroup *self,
                                             SbCampaign       *campaign);
guint       sb_conflicts_group_get_n_rows   (SbConflictsGroup *self);

G_END_DECLS
