/* sb-handover-dialog.h — records the handover of a sealed batch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_HANDOVER_DIALOG (sb_handover_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SbHandoverDialog, sb_handover_dialog, SB, HANDOVER_DIALOG, AdwWindow)

GtkWidget *sb_handover_dialog_new (GtkWindow  *parent,
                                   SbCampaign *campaign,
                                   const char *batch_id);

G_END_DECLS
