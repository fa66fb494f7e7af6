/* sb-store-scans.h — pictures of postcards kept in the campaign file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-scans.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

gboolean            sb_store_insert_scan        (SbStore           *self,
                                                 const SbScan      *scan,
                                                 GError           **error);
gboolean            sb_store_delete_scan        (SbStore           *self,
                                                 const char        *id,
                                                 GError           **error);
GPtrArray          *sb_store_list_scans         (SbStore           *self,
                                                 const char        *message_id,
                                                 GError           **error);
SbScan             *sb_store_get_scan           (SbStore           *self,
                                                 const char        *id,
                                                 GError           **error);
GPtrArray          *sb_store_find_scan_owners   (SbStore           *self,
                                                 const char        *sha256,
                                                 const char        *exclude_id,
                                                 GError           **error);

G_END_DECLS
