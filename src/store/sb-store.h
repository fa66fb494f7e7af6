/* sb-store.h — the campaign file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-records.h"
#include "sb-store-error.h"

G_BEGIN_DECLS

/* The newest schema this Sambot knows; migrations/NNNN-*.sql bring a file up to it. */
#define SB_STORE_SCHEMA_VERSION 1

#define SB_TYPE_STORE (sb_store_get_type ())
G_DECLARE_FINAL_TYPE (SbStore, sb_store, SB, STORE, GObject)

typedef enum
{
  SB_STORE_OPEN_DEFAULT   = 0,
  SB_STORE_OPEN_READ_ONLY = 1 << 0,  /* look, never write (no migration either) */
  SB_STORE_OPEN_NO_CHECK  = 1 << 1,  /* skip the quick_check at open */
} SbStoreOpenFlags;

/* Counts by the campaign's counting rules, as of a day. */
typedef struct
{
  gint64 messages_received;     /* any status but deleted, not a duplicate */
  gint64 messages_sent;         /* received and not held */
  gint64 messages_held;
  gint64 messages_delivered;    /* every copy delivered */
  gint64 messages_new;
  gint64 messages_transcribed;
  gint64 messages_approved;
  gint64 copies_pending;
  gint64 copies_waiting;
  gint64 copies_in_batch;
  gint64 copies_delivered;
  gint64 copies_rejected;
  gint64 copies_returned;
} SbStoreCounts;

typedef struct
{
  char  *detainee_id;
  gint64 copies;                /* messages received for this detainee */
  gint64 delivered;
} SbStoreDetaineeCounts;

void                sb_store_detainee_counts_free (SbStoreDetaineeCounts *counts);

SbStore            *sb_store_create             (const char        *path,
                                                 GError           **error);
SbStore            *sb_store_open               (const char        *path,
                                                 SbStoreOpenFlags   flags,
                                                 GError           **error);
const char         *sb_store_get_path           (SbStore           *self);
int                 sb_store_get_schema_version (SbStore           *self);
gboolean            sb_store_is_read_only       (SbStore           *self);
void                sb_store_close              (SbStore           *self);

void                sb_store_set_operator       (SbStore           *self,
                                                 const char        *operator_name);
void                sb_store_set_clock          (SbStore           *self,
                                                 const char        *fixed_now);

gboolean            sb_store_begin              (SbStore           *self,
                                                 GError           **error);
gboolean            sb_store_commit             (SbStore           *self,
                                                 GError           **error);
void                sb_store_rollback           (SbStore           *self);

gboolean            sb_store_check              (SbStore           *self,
                                                 GPtrArray        **problems,
                                                 GError           **error);
gboolean            sb_store_backup             (SbStore           *self,
                                                 const char        *destination,
                                                 GError           **error);

/* Settings of the campaign (name, hashtag, launch date, office code, as-of…). */
char               *sb_store_get_setting        (SbStore           *self,
                                                 const char        *key);
gboolean            sb_store_set_setting        (SbStore           *self,
                                                 const char        *key,
                                                 const char        *value,
                                                 GError           **error);

/* Facilities, detainees, offices. _list returns a GPtrArray of records. */
gboolean            sb_store_insert_facility    (SbStore           *self,
                                                 const SbFacility  *facility,
                                                 GError           **error);
gboolean            sb_store_update_facility    (SbStore           *self,
                                                 const SbFacility  *facility,
                                                 GError           **error);
SbFacility         *sb_store_get_facility       (SbStore           *self,
                                                 const char        *id_or_code,
                                                 GError           **error);
GPtrArray          *sb_store_list_facilities    (SbStore           *self,
                                                 GError           **error);

gboolean            sb_store_insert_detainee    (SbStore           *self,
                                                 const SbDetainee  *detainee,
                                                 GError           **error);
gboolean            sb_store_update_detainee    (SbStore           *self,
                                                 const SbDetainee  *detainee,
                                                 GError           **error);
SbDetainee         *sb_store_get_detainee       (SbStore           *self,
                                                 const char        *id,
                                                 GError           **error);
GPtrArray          *sb_store_list_detainees     (SbStore           *self,
                                                 GError           **error);

gboolean            sb_store_insert_office      (SbStore           *self,
                                                 const SbOffice    *office,
                                                 GError           **error);
gboolean            sb_store_update_office      (SbStore           *self,
                                                 const SbOffice    *office,
                                                 GError           **error);
SbOffice           *sb_store_get_office         (SbStore           *self,
                                                 const char        *id_or_code,
                                                 GError           **error);
GPtrArray          *sb_store_list_offices       (SbStore           *self,
                                                 GError           **error);

/* Messages. */
gint64              sb_store_next_sequence      (SbStore           *self,
                                                 const char        *prefix,
                                                 GError           **error);
gboolean            sb_store_insert_message     (SbStore           *self,
                                                 const SbMessage   *message,
                                                 const char        *search_key,
                                                 GError           **error);
gboolean            sb_store_update_message     (SbStore           *self,
                                                 const SbMessage   *message,
                                                 const char        *search_key,
                                                 GError           **error);
SbMessage          *sb_store_get_message        (SbStore           *self,
                                                 const char        *id_or_ref,
                                                 GError           **error);
GPtrArray          *sb_store_list_message_ids   (SbStore           *self,
                                                 const char        *status,
                                                 GError           **error);
GPtrArray          *sb_store_search_messages    (SbStore           *self,
                                                 const char        *key,
                                                 guint              limit,
                                                 gint64            *total,
                                                 GError           **error);

/* Copies. */
gboolean            sb_store_insert_copy        (SbStore           *self,
                                                 const SbCopy      *copy,
                                                 GError           **error);
gboolean            sb_store_update_copy        (SbStore           *self,
                                                 const SbCopy      *copy,
                                                 GError           **error);
gboolean            sb_store_delete_copy        (SbStore           *self,
                                                 const char        *id,
                                                 GError           **error);
GPtrArray          *sb_store_list_copies        (SbStore           *self,
                                                 const char        *message_id,
                                                 GError           **error);

/* Batches. Only creation for now: the demo campaign records a delivery history. */
gboolean            sb_store_insert_batch       (SbStore           *self,
                                                 const SbBatch     *batch,
                                                 GError           **error);
gboolean            sb_store_insert_batch_item  (SbStore           *self,
                                                 const SbBatchItem *item,
                                                 GError           **error);

/* Statistics and history. */
gboolean            sb_store_count              (SbStore           *self,
                                                 const char        *as_of,
                                                 SbStoreCounts     *counts,
                                                 GError           **error);
GPtrArray          *sb_store_count_by_detainee  (SbStore           *self,
                                                 const char        *as_of,
                                                 GError           **error);
GPtrArray          *sb_store_list_history       (SbStore           *self,
                                                 const char        *entity_id,
                                                 GError           **error);

G_END_DECLS
