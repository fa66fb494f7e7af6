/* sb-store.h — the campaign file: open, create, close, transactions, backup, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-records.h"
#include "sb-store-error.h"

G_BEGIN_DECLS

/* The newest schema this Sambot knows; migrations/NNNN-*.sql bring a file up to it. */
#define SB_STORE_SCHEMA_VERSION 17

#define SB_TYPE_STORE (sb_store_get_type ())

G_DECLARE_FINAL_TYPE (SbStore, sb_store, SB, STORE, GObject)

typedef enum
{
  SB_STORE_OPEN_DEFAULT   = 0,
  SB_STORE_OPEN_READ_ONLY = 1 << 0,  /* look, never write (no migration either) */
  SB_STORE_OPEN_NO_CHECK  = 1 << 1,  /* skip the quick_check at open */
} SbStoreOpenFlags;

typedef enum
{
  SB_STORE_BACKUP_DEFAULT = 0,
  SB_STORE_BACKUP_REPLACE = 1 << 0,  /* write over an existing file (never one that is open) */
} SbStoreBackupFlags;

/* Why a store is read-only. */
typedef enum
{
  SB_STORE_READ_ONLY_NO,        /* it can be changed */
  SB_STORE_READ_ONLY_ASKED,     /* opened with SB_STORE_OPEN_READ_ONLY */
  SB_STORE_READ_ONLY_FOLDER,    /* its folder cannot be written */
  SB_STORE_READ_ONLY_FILE,      /* the file itself cannot be written */
} SbStoreReadOnlyReason;
SbStore            *sb_store_create             (const char        *path,
                                                 GError           **error);
SbStore            *sb_store_open               (const char        *path,
                                                 SbStoreOpenFlags   flags,
                                                 GError           **error);
gboolean            sb_store_file_needs_update  (const char        *path);
gboolean            sb_store_file_needs_new_keys (const char       *path);

/* Told how far the update of a file from an older Sambot (or the making of its keys
 * again) is, from 0 to 1. */
typedef void      (*SbStoreUpdateProgress)      (double             fraction,
                                                 gpointer           user_data);
SbStore            *sb_store_open_full          (const char        *path,
                                                 SbStoreOpenFlags   flags,
                                                 SbStoreUpdateProgress progress,
                                                 gpointer           user_data,
                                                 GError           **error);
const char         *sb_store_get_path           (SbStore           *self);
int                 sb_store_get_schema_version (SbStore           *self);
gboolean            sb_store_is_read_only       (SbStore           *self);
SbStoreReadOnlyReason sb_store_get_read_only_reason (SbStore         *self);
char               *sb_store_describe_read_only (SbStore           *self);
void                sb_store_close              (SbStore           *self);
void                sb_store_set_operator       (SbStore           *self,
                                                 const char        *operator_name);
void                sb_store_set_clock          (SbStore           *self,
                                                 const char        *fixed_now);
gboolean            sb_store_begin              (SbStore           *self,
                                                 GError           **error);
gboolean            sb_store_begin_bulk         (SbStore           *self,
                                                 GError           **error);
gboolean            sb_store_commit             (SbStore           *self,
                                                 GError           **error);
void                sb_store_rollback           (SbStore           *self);
gboolean            sb_store_in_transaction     (SbStore           *self);

/* Told how far a check is, from 0 to 1. */
typedef void      (*SbStoreCheckProgress)       (double             fraction,
                                                 gpointer           user_data);
gboolean            sb_store_check              (SbStore           *self,
                                                 GPtrArray        **problems,
                                                 GError           **error);
gboolean            sb_store_check_full         (SbStore           *self,
                                                 SbStoreCheckProgress progress,
                                                 gpointer           user_data,
                                                 GCancellable      *cancellable,
                                                 GPtrArray         *problems,
                                                 gboolean          *damaged,
                                                 GError           **error);
gboolean            sb_store_backup             (SbStore           *self,
                                                 const char        *destination,
                                                 SbStoreBackupFlags flags,
                                                 GError           **error);
gboolean            sb_store_restore            (const char        *backup,
                                                 const char        *destination,
                                                 char             **replaced,
                                                 GError           **error);
gboolean            sb_store_file_is_open       (const char        *path);
char               *sb_store_now                (SbStore           *self);

G_END_DECLS

/* The rest of the store, one header per part (each names its .c file). */
#include "sb-store-campaign.h"
#include "sb-store-messages.h"
#include "sb-store-batches.h"
#include "sb-store-stats.h"
#include "sb-store-breakdown.h"
#include "sb-store-message-list.h"
#include "sb-store-scans.h"
#include "sb-store-erasure.h"
