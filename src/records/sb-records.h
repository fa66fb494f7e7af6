/* sb-records.h — the campaign's records as they are kept in the campaign file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain boxed structs with public fields: the store fills them, core validates and
 * changes them, the layers above read them. Strings are never NULL unless the field
 * is optional (documented as "or NULL"). Dates are ISO 8601 text: "YYYY-MM-DD".
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *code;               /* short code used in batch codes: "PS" */
  char *name_en;
  char *name_km;
  char *kind;               /* "prison", "police", "other" */
  char *address;
  int   items_per_batch;
  char *rules;              /* notes on what it rejects */
} SbFacility;

typedef struct
{
  char *id;
  char *name_en;
  char *name_km;
  char *role;
  char *facility_id;        /* or NULL */
  char *detained_on;        /* or NULL */
  char *released_on;        /* or NULL */
  int   position;
} SbDetainee;

typedef struct
{
  char *id;
  char *code;               /* "PP": the prefix of the references it gives */
  char *name;
  char *city;
} SbOffice;

typedef struct
{
  char *id;
  char *ref;                /* "PP-0042" */
  char *channel;            /* "postcard", "online", "other" */
  char *received_on;
  char *office_id;          /* or NULL */
  char *sender_name;
  char *sender_city;
  char *sender_country;     /* ISO 3166-1 alpha-2 or "" */
  char *sender_contact;     /* private: never printed */
  char *consent;            /* "none", "detainee", "public" */
  char *language;
  char *original_text;
  char *translation_km;
  char *translation_en;
  char *status;             /* "new", "transcribed", "approved", "held", "deleted" */
  char *hold_reason;
  char *duplicate_of;       /* or NULL */
  char *external_id;        /* or NULL: the row it was imported from */
  char *notes;
  char *created_at;
  char *updated_at;
} SbMessage;

/* One message for one detainee: a copy is its message and its detainee (schema 10). */
typedef struct
{
  char *message_id;
  char *detainee_id;
  char *state;              /* "pending", "waiting", "in_batch", "delivered", "rejected", "returned" */
  int   attempts;
  char *outcome_reason;
  char *delivered_on;       /* or NULL */
  char *old_id;             /* or NULL: the id a copy made before schema 10 had */
} SbCopy;

/* A delivery batch: draft → sealed → handed over → closed. */
typedef struct
{
  char *id;
  char *code;               /* or NULL while a draft: "PS-2016-08-24-01" */
  char *facility_id;
  char *state;              /* "draft", "sealed", "handed_over", "closed" */
  char *created_on;
  char *sealed_at;          /* or NULL */
  char *digest;             /* or NULL: SHA-256 of the sealed listing, hex */
  char *handed_over_at;     /* or NULL */
  char *handed_by;
  char *received_by;
  char *received_position;
  char *closed_at;          /* or NULL */
  char *notes;
} SbBatch;

/* One copy in a batch, and what the facility did with it. */
typedef struct
{
  char *batch_id;
  char *message_id;         /* with detainee_id: the copy */
  char *detainee_id;
  int   position;
  char *outcome;            /* "", "delivered", "rejected", "returned" */
  char *outcome_reason;
  char *outcome_on;         /* or NULL */
} SbBatchItem;

typedef struct
{
  char *at;
  char *operator_name;
  char *entity;
  char *entity_id;
  char *field;              /* "" for creation and deletion */
  char *before;             /* or NULL */
  char *after;              /* or NULL */
} SbHistoryEntry;

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


/* A day in the campaign's life shown on its timeline. */
typedef struct
{
  char *id;
  char *day;              /* YYYY-MM-DD */
  char *label_en;
  char *label_km;         /* "" when not translated */
} SbMilestone;


#define SB_TYPE_FACILITY (sb_facility_get_type ())
#define SB_TYPE_DETAINEE (sb_detainee_get_type ())
#define SB_TYPE_OFFICE   (sb_office_get_type ())
#define SB_TYPE_MESSAGE  (sb_message_get_type ())
#define SB_TYPE_COPY     (sb_copy_get_type ())
#define SB_TYPE_BATCH    (sb_batch_get_type ())
#define SB_TYPE_BATCH_ITEM (sb_batch_item_get_type ())

GType       sb_facility_get_type (void) G_GNUC_CONST;
SbFacility *sb_facility_new      (void);
SbFacility *sb_facility_copy     (const SbFacility *facility);
void        sb_facility_free     (SbFacility       *facility);

GType       sb_detainee_get_type (void) G_GNUC_CONST;
SbDetainee *sb_detainee_new      (void);
SbDetainee *sb_detainee_copy     (const SbDetainee *detainee);
void        sb_detainee_free     (SbDetainee       *detainee);

GType       sb_office_get_type   (void) G_GNUC_CONST;
SbOffice   *sb_office_new        (void);
SbOffice   *sb_office_copy       (const SbOffice   *office);
void        sb_office_free       (SbOffice         *office);

GType       sb_message_get_type  (void) G_GNUC_CONST;
SbMessage  *sb_message_new       (void);
SbMessage  *sb_message_copy      (const SbMessage  *message);
void        sb_message_free      (SbMessage        *message);

GType       sb_copy_get_type     (void) G_GNUC_CONST;
SbCopy     *sb_copy_new          (void);
SbCopy     *sb_copy_copy         (const SbCopy     *copy);
char       *sb_copy_dup_name     (const SbCopy     *copy);
void        sb_copy_free         (SbCopy           *copy);

GType        sb_batch_get_type      (void) G_GNUC_CONST;
SbBatch     *sb_batch_new           (void);
SbBatch     *sb_batch_copy          (const SbBatch     *batch);
void         sb_batch_free          (SbBatch           *batch);

GType        sb_batch_item_get_type (void) G_GNUC_CONST;
SbBatchItem *sb_batch_item_new      (void);
SbBatchItem *sb_batch_item_copy     (const SbBatchItem *item);
void         sb_batch_item_free     (SbBatchItem       *item);

void        sb_history_entry_free (SbHistoryEntry  *entry);
void        sb_scan_free          (SbScan          *scan);
void        sb_milestone_free     (SbMilestone     *milestone);
SbMilestone *sb_milestone_copy    (const SbMilestone *milestone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbFacility, sb_facility_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbDetainee, sb_detainee_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbOffice, sb_office_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbMessage, sb_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCopy, sb_copy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBatch, sb_batch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBatchItem, sb_batch_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbHistoryEntry, sb_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbScan, sb_scan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbMilestone, sb_milestone_free)

G_END_DECLS
