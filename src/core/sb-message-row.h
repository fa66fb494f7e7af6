/* sb-message-row.h — what the message list shows of one message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SB_TYPE_MESSAGE_ROW (sb_message_row_get_type ())
G_DECLARE_FINAL_TYPE (SbMessageRow, sb_message_row, SB, MESSAGE_ROW, GObject)

const char *sb_message_row_get_id                (SbMessageRow *self);
const char *sb_message_row_get_ref               (SbMessageRow *self);
const char *sb_message_row_get_received_on       (SbMessageRow *self);
const char *sb_message_row_get_sender_name      (SbMessageRow *self);
const char *sb_message_row_get_language          (SbMessageRow *self);
const char *sb_message_row_get_first_line        (SbMessageRow *self);
const char *sb_message_row_get_status            (SbMessageRow *self);
const char *sb_message_row_get_addressees        (SbMessageRow *self,
                                                  const char   *lang);
gboolean    sb_message_row_needs_translation     (SbMessageRow *self);

G_END_DECLS
