/* sb-message-editor.h — one message: its scan beside the form, saved as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_MESSAGE_EDITOR (sb_message_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbMessageEditor, sb_message_editor, SB, MESSAGE_EDITOR, GtkWidget)

void        sb_message_editor_set_campaign   (SbMessageEditor *self,
                                              SbCampaign      *campaign);
gboolean    sb_message_editor_show_message   (SbMessageEditor *self,
                                              const char      *message_id);
const char *sb_message_editor_get_message_id (SbMessageEditor *self);
gboolean    sb_message_editor_save_now       (SbMessageEditor *self);
const GError *sb_message_editor_get_save_error (SbMessageEditor *self);
void        sb_message_editor_focus_text     (SbMessageEditor *self);
GtkWidget  *sb_message_editor_get_scan_viewer (SbMessageEditor *self);

G_END_DECLS
