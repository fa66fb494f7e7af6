/* sb-store-changes-private.h — shared by sb-store-changes.c and
 * sb-store-changes-apply.c, which include sqlite3.h with the session API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#ifndef SQLITE_ENABLE_SESSION
#error "define SQLITE_ENABLE_SESSION and SQLITE_ENABLE_PREUPDATE_HOOK before any include"
#endif

#include "sb-store-private.h"
#include "sb-store-changes.h"

G_BEGIN_DECLS

/* The exchange's state of an open replica (SbStore.changes). */
struct _SbStoreChanges
{
  sqlite3_session *session;     /* the replicated tables since the last commit */
  char            *replica_id;
  gboolean         replaying;   /* sb_exchange_replaying (): a change is applied */
  GHashTable      *columns;     /* table → its column names (sb-store-changes-clock.c) */
  gboolean         wipe_log;    /* a sender was erased inside a caller's transaction */
  gboolean         authorizer;  /* keep_statements () is set (sb-store-changes-apply.c) */
  GPtrArray       *erased_ids;  /* messages whose sender this transaction erased
                                   (sb-store-changes-forget.c) */
};

/* sb-store-changes.c */
gboolean  _sb_store_changes_start_session (SbStore     *self,
                                           GError     **error);
char     *_sb_store_changes_get_value     (SbStore     *self,
                                           const char  *key);
gboolean  _sb_store_changes_set_value     (SbStore     *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);

/* sb-store-changes-apply.c, sb-store-changes-apply-run.c */
gboolean  _sb_store_changes_defer_foreign_keys (SbStore   *self,
                                                GError   **error);
gboolean  _sb_store_changes_insert_history (SbStore     *self,
                                            GBytes      *history,
                                            GError     **error);
gboolean  _sb_store_changes_set_received  (SbStore     *self,
                                           const char  *origin,
                                           gint64       seq,
                                           GError     **error);
gboolean  _sb_store_apply_run             (SbStore     *self,
                                           GPtrArray   *changes,
                                           guint        from,
                                           guint       *n_run,
                                           gboolean    *combined,
                                           GError     **error);

/* sb-store-changes-log.c */
gboolean  _sb_store_changes_log_holds     (SbStore        *self,
                                           const SbChange *change);

/* sb-store-changes-erasure.c */
gboolean  _sb_store_changes_follow_erasures (SbStore    *self,
                                             GBytes     *history,
                                             gboolean   *erased,
                                             GError    **error);

/* sb-store-changes-forget.c */
gboolean  _sb_store_changes_forget_erased   (SbStore    *self,
                                             GError    **error);

/* sb-store-changeset.c */
gboolean  _sb_store_changeset_is_whole    (const guint8 *data,
                                           gsize         size);
gboolean  _sb_store_changeset_read_varint (const guint8 **at,
                                           const guint8  *end,
                                           guint64       *value);

/* sb-store-changeset-rewrite.c */
GByteArray *_sb_store_changeset_erase_sender (SbStore      *self,
                                              const guint8 *data,
                                              gsize         size,
                                              const char   *message_id);
GByteArray *_sb_store_changeset_pack_texts   (SbStore      *self,
                                              const guint8 *data,
                                              gsize         size);

/* sb-store-changes-clock.c: the hybrid logical clock and the clock of each field */
gboolean  _sb_store_changes_create_clocks (SbStore     *self,
                                           GError     **error);
char     *_sb_store_changes_tick          (SbStore     *self,
                                           const char  *received,
                                           GError     **error);
char     *_sb_store_changes_seen          (SbStore     *self);
gboolean  _sb_store_changes_stamp         (SbStore     *self,
                                           const char  *clock,
                                           gint64       seq,
                                           const char  *seen,
                                           const void  *changeset,
                                           int          n_changeset,
                                           GError     **error);
gboolean  _sb_store_changes_note_write    (SbStore                *self,
                                           sqlite3_changeset_iter *iter,
                                           const char             *table,
                                           int                     op,
                                           const char             *pk,
                                           const char             *clock,
                                           const char             *origin,
                                           gint64                  seq,
                                           const char             *seen,
                                           GPtrArray              *sealed,
                                           GError                **error);
const char *const *_sb_store_changes_columns (SbStore     *self,
                                           const char  *table,
                                           int          n_columns);
char     *_sb_store_changes_pk_text       (sqlite3_changeset_iter *iter,
                                           gboolean     use_old);
gboolean  _sb_store_changes_set_clock     (SbStore     *self,
                                           const char  *table,
                                           const char  *pk,
                                           const char  *column,
                                           const char  *clock,
                                           gint64       seq,
                                           const char  *seen,
                                           GError     **error);
gboolean  _sb_store_changes_forget_row    (SbStore     *self,
                                           const char  *table,
                                           const char  *pk,
                                           GError     **error);

gboolean  _sb_store_changes_add_status    (SbStore     *self,
                                           const char  *message_id,
                                           const char  *value,
                                           const char  *clock,
                                           const char  *origin,
                                           gint64       seq,
                                           const char  *seen,
                                           GError     **error);
char     *_sb_store_changes_missing       (SbStore     *self,
                                           const char  *seen,
                                           gint64      *wanted,
                                           gint64      *held);

/* sb-store-changes-merge.c: the conflict rule */
typedef struct _SbMerge SbMerge;
SbMerge  *_sb_merge_prepare               (SbStore        *self,
                                           const SbChange *change,
                                           GError        **error);
int       _sb_merge_on_conflict           (SbMerge        *merge,
                                           int             kind,
                                           sqlite3_changeset_iter *iter);
gboolean  _sb_merge_finish                (SbMerge        *merge,
                                           GError        **error);
void      _sb_merge_free                  (SbMerge        *merge);
gboolean  _sb_merge_keep_deleted_copy     (SbStore        *self,
                                           sqlite3_changeset_iter *iter,
                                           const char     *clock,
                                           gint64          seq,
                                           GError        **error);
gboolean  _sb_merge_list_sealed           (SbStore        *self,
                                           const char     *batch_id,
                                           GError        **error);

G_END_DECLS
