/* sb-join-dialog.h — Join Campaign…: this computer's copy of a campaign, from an
 * invitation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_JOIN_DIALOG (sb_join_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SbJoinDialog, sb_join_dialog, SB, JOIN_DIALOG, AdwWindow)

GtkWidget *sb_join_dialog_new                 (GtkWindow    *parent);
void       sb_join_dialog_set_invitation_path (SbJoinDialog *self,
                                               const char   *path);
void       sb_join_dialog_set_campaign_path   (SbJoinDialog *self,
                                               const char   *path);

G_END_DECLS
