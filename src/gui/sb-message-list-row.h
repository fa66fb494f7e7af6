/* sb-message-list-row.h — one message in the Messages list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-message-list.h"

G_BEGIN_DECLS

#define SB_TYPE_MESSAGE_LIST_ROW (sb_message_list_row_get_type ())

G_DECLARE_FINAL_TYPE (SbMessageListRow, sb_message_list_row, SB, MESSAGE_LIST_ROW, GtkWidget)

GtkWidget *sb_message_list_row_new  (void);
void       sb_message_list_row_show (SbMessageListRow *self,
                                     SbMessageRow     *row);

G_END_DECLS
