/* sb-message-intake.h — many new messages at once, as one change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_MESSAGE_INTAKE (sb_message_intake_get_type ())
G_DECLARE_FINAL_TYPE (SbMessageIntake, sb_message_intake, SB, MESSAGE_INTAKE, GObject)

SbMessageIntake *sb_message_intake_new    (SbCampaign         *campaign,
                                           GError            **error);
char            *sb_message_intake_check  (SbMessageIntake    *self,
                                           SbMessage          *message,
                                           GError            **error);
gboolean         sb_message_intake_add    (SbMessageIntake    *self,
                                           SbMessage          *message,
                                           const char         *checked,
                                           const char *const  *detainee_ids,
                                           GError            **error);
guint            sb_message_intake_get_n_added (SbMessageIntake *self);
gboolean         sb_message_intake_commit (SbMessageIntake    *self,
                                           GError            **error);
void             sb_message_intake_rollback (SbMessageIntake  *self);

G_END_DECLS
