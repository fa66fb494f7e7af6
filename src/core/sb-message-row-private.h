/* sb-message-row-private.h — how the message list makes its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-message-row.h"
#include "sb-store.h"

G_BEGIN_DECLS

/* Takes @row. */
SbMessageRow *_sb_message_row_new        (SbStoreMessageRow *row);
gboolean      _sb_message_row_equal      (SbMessageRow      *self,
                                          SbMessageRow      *other);

G_END_DECLS
