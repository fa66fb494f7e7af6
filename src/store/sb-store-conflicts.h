/* sb-store-conflicts.h — values that lost when two offices changed the same
 * field, kept for a person to review (docs/exchange.md, "Conflicts")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-conflict.h"
#include "sb-store.h"

G_BEGIN_DECLS


char       *sb_store_get_own_replica   (SbStore     *self);
GPtrArray  *sb_store_list_conflicts    (SbStore     *self,
                                        GError     **error);
SbConflict *sb_store_get_conflict      (SbStore     *self,
                                        gint64       id,
                                        GError     **error);
gboolean    sb_store_resolve_conflict  (SbStore     *self,
                                        gint64       id,
                                        gboolean     take_other,
                                        GError     **error);

G_END_DECLS
