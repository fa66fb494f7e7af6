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
#define SB_STORE_SCHEMA_VERSION 9

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
gboolean            sb_store_file_needs_update  (const char        *path);
/* Told how far the update of a file from an older Sambot is, from 0 to 1. */
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
gboolean            sb_store_skip_sequence      (SbStore           *self,
                                                 const char        *prefix,
                                                 gint64             next,
                                                 GError           **error);
gboolean            sb_store_insert_message     (SbStore           *self,
                                                 const SbMessage   *message,
                                                 const char        *content_key,
                                                 GError           **error);
gboolean            sb_store_update_message     (SbStore           *self,
                                                 const SbMessage   *message,
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

/* Batches. The rules of their lifecycle belong to core (sb-campaign-batches.c). */
gboolean            sb_store_insert_batch       (SbStore           *self,
                                                 const SbBatch     *batch,
                                                 GError           **error);
gboolean            sb_store_insert_batch_item  (SbStore           *self,
                                                 const SbBatchItem *item,
                                                 GError           **error);
gboolean            sb_store_update_batch       (SbStore           *self,
                                                 const SbBatch     *batch,
                                                 GError           **error);
SbBatch            *sb_store_get_batch          (SbStore           *self,
                                                 const char        *id_or_code,
                                                 GError           **error);
GPtrArray          *sb_store_list_batches       (SbStore           *self,
                                                 const char        *facility_id,
                                                 GError           **error);
gint64              sb_store_count_batch_codes  (SbStore           *self,
                                                 const char        *prefix,
                                                 GError           **error);
GPtrArray          *sb_store_list_batch_items   (SbStore           *self,
                                                 const char        *batch_id,
                                                 GError           **error);
gboolean            sb_store_update_batch_item  (SbStore           *self,
                                                 const SbBatchItem *item,
                                                 GError           **error);
gboolean            sb_store_delete_batch_item  (SbStore           *self,
                                                 const char        *item_id,
                                                 GError           **error);
SbCopy             *sb_store_get_copy           (SbStore           *self,
                                                 const char        *copy_id,
                                                 GError           **error);
GPtrArray          *sb_store_list_eligible_copies (SbStore         *self,
                                                   const char      *facility_id,
                                                   const char      *today,
                                                   guint            limit,
                                                   GError         **error);
SbBatch            *sb_store_find_open_batch    (SbStore           *self,
                                                 const char        *copy_id,
                                                 GError           **error);
char               *sb_store_last_outcome       (SbStore           *self,
                                                 const char        *copy_id,
                                                 const char        *except_batch_id,
                                                 GError           **error);
GPtrArray          *sb_store_list_reasons       (SbStore           *self,
                                                 const char        *kind,
                                                 GError           **error);
gboolean            sb_store_insert_reason      (SbStore           *self,
                                                 const char        *id,
                                                 const char        *kind,
                                                 const char        *label,
                                                 GError           **error);
char               *sb_store_now                (SbStore           *self);

/* Statistics and history. */
gboolean            sb_store_count              (SbStore           *self,
                                                 const char        *as_of,
                                                 SbStoreCounts     *counts,
                                                 GPtrArray        **by_detainee,
                                                 GError           **error);
GPtrArray          *sb_store_list_history       (SbStore           *self,
                                                 const char        *entity_id,
                                                 GError           **error);

/* Forgetting a sender (sb-store-erasure.c). The history keeps this in place of each
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

/* The first batch past its draft (sealed, handed over or closed) holding a copy of
 * the message, or NULL (sb-store-batches.c). */
SbBatch            *sb_store_find_printed_batch (SbStore           *self,
                                                 const char        *message_id,
                                                 GError           **error);

/* ------------------------------------------------------------------------ */
/* The transcription desk: message list, work queue, scans                  */
/* (sb-store-message-list.c, sb-store-scans.c)                              */
/* ------------------------------------------------------------------------ */

typedef enum
{
  SB_STORE_MESSAGE_SORT_DATE,
  SB_STORE_MESSAGE_SORT_REF,
  SB_STORE_MESSAGE_SORT_SENDER,   /* ICU "km" collation */
} SbStoreMessageSort;

/* Filters of the message list; NULL or "" means "any". */
typedef struct
{
  const char        *status;            /* NULL: every status but deleted */
  const char        *channel;
  const char        *detainee_id;
  const char        *office_id;
  const char        *language;
  gboolean           needs_translation; /* not Khmer and no Khmer translation */
  const char        *search_key;        /* see sb_text_search_key() */
  SbStoreMessageSort sort;
  gboolean           descending;
} SbStoreMessageQuery;

/* What the list shows of one message. */
typedef struct
{
  gint64    rowid;
  char     *id;
  char     *ref;
  char     *received_on;
  char     *channel;
  char     *sender_name;
  char     *language;
  char     *text_start;          /* the first 160 characters of the text */
  char     *status;
  char     *addressees_en;       /* "Ny Sokha, Yi Soksan" */
  char     *addressees_km;
  gboolean  is_duplicate;
  gboolean  has_translation_km;
} SbStoreMessageRow;

/* A picture of one side of a postcard. */
typedef struct
{
  char   *id;
  char   *message_id;
  char   *side;                  /* "front", "back" */
  char   *mime_type;
  int     width;                 /* as displayed, EXIF orientation applied */
  int     height;
  char   *sha256;                /* of the file's bytes, hex */
  GBytes *image;                 /* the file as received, or NULL when not loaded */
  GBytes *thumbnail;             /* PNG, or NULL */
} SbScan;

void                sb_store_message_row_free   (SbStoreMessageRow *row);
void                sb_scan_free                (SbScan            *scan);

GArray             *sb_store_query_message_rowids (SbStore                   *self,
                                                   const SbStoreMessageQuery *query,
                                                   GError                   **error);
SbStoreMessageRow  *sb_store_get_message_row    (SbStore           *self,
                                                 gint64             rowid,
                                                 GError           **error);
gint64              sb_store_get_message_rowid  (SbStore           *self,
                                                 const char        *id_or_ref);
gboolean            sb_store_count_by_status    (SbStore           *self,
                                                 gint64            *to_transcribe,
                                                 gint64            *to_review,
                                                 GError           **error);
char               *sb_store_next_message_id    (SbStore           *self,
                                                 const char        *status,
                                                 const char        *after_id);
char               *sb_store_status_before      (SbStore           *self,
                                                 const char        *message_id,
                                                 const char        *status);
GPtrArray          *sb_store_similar_message_candidates (SbStore            *self,
                                                         const char *const  *phrases,
                                                         const char         *exclude_id,
                                                         guint               limit,
                                                         GError            **error);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreMessageRow, sb_store_message_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbScan, sb_scan_free)

/* ------------------------------------------------------------------------ */
/* Breakdowns and milestones (dashboard, infographics): sb-store-breakdown.c */
/* ------------------------------------------------------------------------ */

/* What messages sent are grouped by; the key of each tally. */
typedef enum
{
  SB_STORE_BY_DAY,        /* received_on: "YYYY-MM-DD", oldest first */
  SB_STORE_BY_COUNTRY,    /* sender_country: "KH", "" when not given */
  SB_STORE_BY_OFFICE,     /* office_id, "" for none */
  SB_STORE_BY_LANGUAGE,   /* language: "km", "en"…, "" when unknown */
  SB_STORE_N_GROUPINGS
} SbStoreGrouping;

typedef struct
{
  char  *key;
  gint64 count;
} SbStoreTally;

/* A day in the campaign's life shown on its timeline. */
typedef struct
{
  char *id;
  char *day;              /* YYYY-MM-DD */
  char *label_en;
  char *label_km;         /* "" when not translated */
} SbMilestone;

void                sb_store_tally_free         (SbStoreTally      *tally);
void                sb_milestone_free           (SbMilestone       *milestone);
SbMilestone        *sb_milestone_copy           (const SbMilestone *milestone);

gboolean            sb_store_count_breakdown    (SbStore           *self,
                                                 const char        *as_of,
                                                 GPtrArray         *groups[SB_STORE_N_GROUPINGS],
                                                 GError           **error);
gboolean            sb_store_insert_milestone   (SbStore           *self,
                                                 const SbMilestone *milestone,
                                                 GError           **error);
gboolean            sb_store_delete_milestone   (SbStore           *self,
                                                 const char        *id,
                                                 GError           **error);
GPtrArray          *sb_store_list_milestones    (SbStore           *self,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreTally, sb_store_tally_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbMilestone, sb_milestone_free)

G_END_DECLS
