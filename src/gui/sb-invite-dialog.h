/* sb-invite-dialog.h — Invite Office…: an invitation file for another office's computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_INVITE_DIALOG (sb_invite_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbInviteDialog, sb_invite_dialog, SB, INVITE_DIALOG, AdwWindow)

GtkWidget *sb_invite_dialog_new                 (GtkWindow      *parent,
                                                 SbCampaign     *campaign);
void       sb_invite_dialog_set_invitation_path (SbInviteDialog *self,
                                                 const char     *path);

G_END_DECLS
