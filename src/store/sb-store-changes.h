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
  char   *clock;         /* its hybrid logical clock (sb-store-changes-clock.c) */
  char   *seen;          /* what its origin had received: "origin=seq;…" */
} SbChange;

void        sb_change_free                (SbChange     *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbChange, sb_change_free)

gboolean    sb_store_join_exchange        (SbStore      *self,
                                           GError      **error);
gboolean    sb_store_join_exchange_as     (SbStore      *self,
                                           const char   *id,
                                           GError      **error);
char       *sb_store_get_exchange_value   (SbStore      *self,
                                           const char   *key);
gboolean    sb_store_set_exchange_value   (SbStore      *self,
                                           const char   *key,
                                           const char   *value,
                                           GError      **error);
gint64      sb_store_get_received         (SbStore      *self,
                                           const char   *origin,
                                           char        **at);
gint64      sb_store_get_last_change      (SbStore      *self);
const char *const *sb_store_get_replicated_tables (guint   *n_tables);
char       *sb_store_get_replica_id       (SbStore      *self);
GPtrArray  *sb_store_list_changes         (SbStore      *self,
                                           gint64        after_seq,
                                           GError      **error);
gint64      sb_store_get_received_seq     (SbStore      *self,
                                           const char   *origin);
gboolean    sb_store_apply_change         (SbStore        *self,
                                           SbChange       *change,
                                           gboolean       *applied,
                                           GError        **error);
gboolean    sb_store_apply_changes        (SbStore        *self,
                                           GPtrArray      *changes,
                                           guint          *n_applied,
                                           GError        **error);
char       *sb_store_describe_exchange_state (SbStore     *self);
gboolean    sb_store_take_own_changes     (SbStore        *self,
                                           GPtrArray      *changes,
                                           guint          *n_taken,
                                           gboolean       *waiting,
                                           GError        **error);

/* A row of the replicated table replicas: one replica of the campaign. */
typedef struct
{
  char   *id;
  char   *office_id;     /* or NULL */
  char   *office_code;
  char   *letter;
  GBytes *public_key;    /* Ed25519, signs its bundles */
  char   *joined_at;
} SbStoreReplica;

void        sb_store_replica_free         (SbStoreReplica *replica);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreReplica, sb_store_replica_free)

/* sb-store-replicas.c */
gboolean    sb_store_insert_replica       (SbStore              *self,
                                           const SbStoreReplica *replica,
                                           GError              **error);
GPtrArray  *sb_store_list_replica_rows    (SbStore              *self,
                                           GError              **error);

G_END_DECLS
