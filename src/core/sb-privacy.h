/* sb-privacy.h — forgetting a sender; what a printed batch freezes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"

G_BEGIN_DECLS

gboolean     sb_campaign_forget_sender      (SbCampaign   *self,
                                             const char   *message_id,
                                             guint        *n_scans,
                                             GError      **error);
void         sb_campaign_forget_sender_async  (SbCampaign          *self,
                                               const char          *message_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     sb_campaign_forget_sender_finish (SbCampaign          *self,
                                               GAsyncResult        *result,
                                               guint               *n_scans,
                                               GError             **error);
gboolean     sb_campaign_sender_is_forgotten (SbCampaign  *self,
                                              const char  *message_id,
                                              gboolean    *forgotten,
                                              GError     **error);
SbBatch     *sb_campaign_get_printed_batch  (SbCampaign   *self,
                                             const char   *message_id,
                                             GError      **error);
gboolean     sb_history_value_is_erased     (const char   *value);
const char  *sb_history_value               (const char   *value);

G_END_DECLS
