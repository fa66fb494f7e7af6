/* sb-store-changes.h — the replica's changes: recorded at each commit, applied
 * from other replicas (docs/exchange.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* One committed transaction of one replica: the rows it changed (an SQLite
 * changeset of the replicated tables) and the history entries it wrote. */
typedef struct
{
  char   *origin;        /* the replica that made it */
  gint64  seq;           /* its number among that replica's changes, from 1 */
  GBytes *changeset;
  GBytes *history;       /* GVariant a(sssssmsms): at, operator, entity, entity_id,
                            field, before, after */
} SbChange;

void        sb_change_free                (SbChange     *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbChange, sb_change_free)

gboolean    sb_store_join_exchange        (SbStore      *self,
                                           GError      **error);
char       *sb_store_get_replica_id       (SbStore      *self);
GPtrArray  *sb_store_list_changes         (SbStore      *self,
                                           gint64        after_seq,
                                           GError      **error);
gint64      sb_store_get_received_seq     (SbStore      *self,
                                           const char   *origin);
gboolean    sb_store_apply_change         (SbStore        *self,
                                           const SbChange *change,
                                           gboolean       *applied,
                                           GError        **error);

G_END_DECLS
