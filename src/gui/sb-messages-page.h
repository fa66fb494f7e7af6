/* sb-messages-page.h — the Messages section: the list and the editor beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_MESSAGES_PAGE (sb_messages_page_get_type ())
G_DECLARE_FINAL_TYPE (SbMessagesPage, sb_messages_page, SB, MESSAGES_PAGE, GtkWidget)

void        sb_messages_page_set_campaign (SbMessagesPage *self,
                                           SbCampaign     *campaign);
void        sb_messages_page_show_message (SbMessagesPage *self,
                                           const char     *message_id);
gboolean    sb_messages_page_save_now     (SbMessagesPage *self);
const GError *sb_messages_page_get_save_error (SbMessagesPage *self);
GListModel *sb_messages_page_get_model    (SbMessagesPage *self);

G_END_DECLS
