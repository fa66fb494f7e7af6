/* sb-conflicts-group-private.h — shared between the files of SbConflictsGroup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-conflict.h"
#include "sb-conflicts-group.h"

G_BEGIN_DECLS

/* sb-conflicts-group-rows.c */
GtkWidget *_sb_conflicts_group_new_row (SbCampaign       *campaign,
                                        GPtrArray        *replicas,
                                        const SbConflict *conflict);

G_END_DECLS
