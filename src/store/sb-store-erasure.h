/* sb-store-erasure.h — forgetting a sender
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-erasure.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* The history keeps this in place of each
 * erased value. */
#define SB_STORE_ERASED "[erased]"
gboolean            sb_store_set_secure_delete  (SbStore           *self,
                                                 gboolean           secure,
                                                 GError           **error);
gboolean            sb_store_erase_sender       (SbStore           *self,
                                                 const char        *message_id,
                                                 const char        *what,
                                                 guint             *n_scans,
                                                 GError           **error);
gboolean            sb_store_wipe_log           (SbStore           *self);
gboolean            sb_store_sender_is_erased   (SbStore           *self,
                                                 const char        *message_id,
                                                 gboolean          *erased,
                                                 GError           **error);

G_END_DECLS
