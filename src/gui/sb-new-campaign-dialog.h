/* sb-new-campaign-dialog.h — asks for a new campaign's name and office code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_NEW_CAMPAIGN_DIALOG (sb_new_campaign_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbNewCampaignDialog, sb_new_campaign_dialog, SB, NEW_CAMPAIGN_DIALOG, AdwMessageDialog)

GtkWidget *sb_new_campaign_dialog_new             (GtkWindow           *parent);
char      *sb_new_campaign_dialog_dup_name        (SbNewCampaignDialog *self);
char      *sb_new_campaign_dialog_dup_office_code (SbNewCampaignDialog *self);

G_END_DECLS
