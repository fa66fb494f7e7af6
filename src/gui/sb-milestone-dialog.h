/* sb-milestone-dialog.h — adds a milestone to the campaign's timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_MILESTONE_DIALOG (sb_milestone_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SbMilestoneDialog, sb_milestone_dialog, SB, MILESTONE_DIALOG, AdwWindow)

GtkWidget *sb_milestone_dialog_new (GtkWindow  *parent,
                                    SbCampaign *campaign);

G_END_DECLS
