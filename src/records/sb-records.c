/* sb-records.c — new, copy and free for the campaign's records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-records.h"

/* Every record is a struct of strings and ints; the string fields are listed by
 * offset so that copy and free are written once. Optional fields stay NULL; the
 * others are never NULL after _new. */
typedef struct
{
  gsize        size;
  const gsize *strings;
  guint        n_strings;
  const gsize *optional;
  guint        n_optional;
} RecordShape;

#define STR(type, field) G_STRUCT_OFFSET (type, field)

static const gsize facility_strings[] = {
  STR (SbFacility, id), STR (SbFacility, code), STR (SbFacility, name_en), STR (SbFacility, name_km),
  STR (SbFacility, kind), STR (SbFacility, address), STR (SbFacility, rules),
};
static const gsize detainee_strings[] = {
  STR (SbDetainee, id), STR (SbDetainee, name_en), STR (SbDetainee, name_km), STR (SbDetainee, role),
};
static const gsize detainee_optional[] = {
  STR (SbDetainee, facility_id), STR (SbDetainee, detained_on), STR (SbDetainee, released_on),
};
static const gsize office_strings[] = {
  STR (SbOffice, id), STR (SbOffice, code), STR (SbOffice, name), STR (SbOffice, city),
};
static const gsize message_strings[] = {
  STR (SbMessage, id), STR (SbMessage, ref), STR (SbMessage, channel), STR (SbMessage, received_on),
  STR (SbMessage, sender_name), STR (SbMessage, sender_city), STR (SbMessage, sender_country),
  STR (SbMessage, sender_contact), STR (SbMessage, consent), STR (SbMessage, language),
  STR (SbMessage, original_text), STR (SbMessage, translation_km), STR (SbMessage, translation_en),
  STR (SbMessage, status), STR (SbMessage, hold_reason), STR (SbMessage, notes),
  STR (SbMessage, created_at), STR (SbMessage, updated_at),
};
static const gsize message_optional[] = {
  STR (SbMessage, office_id), STR (SbMessage, duplicate_of), STR (SbMessage, external_id),
};
static const gsize copy_strings[] = {
  STR (SbCopy, message_id), STR (SbCopy, detainee_id), STR (SbCopy, state),
  STR (SbCopy, outcome_reason),
};
static const gsize copy_optional[] = {
  STR (SbCopy, delivered_on), STR (SbCopy, old_id),
};
static const gsize batch_strings[] = {
  STR (SbBatch, id), STR (SbBatch, facility_id), STR (SbBatch, state), STR (SbBatch, created_on),
  STR (SbBatch, handed_by), STR (SbBatch, received_by), STR (SbBatch, received_position),
  STR (SbBatch, notes),
};
static const gsize batch_optional[] = {
  STR (SbBatch, code), STR (SbBatch, sealed_at), STR (SbBatch, digest),
  STR (SbBatch, handed_over_at), STR (SbBatch, closed_at),
};
static const gsize batch_item_strings[] = {
  STR (SbBatchItem, batch_id), STR (SbBatchItem, message_id), STR (SbBatchItem, detainee_id),
  STR (SbBatchItem, outcome), STR (SbBatchItem, outcome_reason),
};
static const gsize batch_item_optional[] = {
  STR (SbBatchItem, outcome_on),
};

#define SHAPE(type, strings, optional) \
  { sizeof (type), strings, G_N_ELEMENTS (strings), optional, G_N_ELEMENTS (optional) }
#define SHAPE_NO_OPTIONAL(type, strings) \
  { sizeof (type), strings, G_N_ELEMENTS (strings), NULL, 0 }

static const RecordShape facility_shape = SHAPE_NO_OPTIONAL (SbFacility, facility_strings);
static const RecordShape detainee_shape = SHAPE (SbDetainee, detainee_strings, detainee_optional);
static const RecordShape office_shape = SHAPE_NO_OPTIONAL (SbOffice, office_strings);
static const RecordShape message_shape = SHAPE (SbMessage, message_strings, message_optional);
static const RecordShape copy_shape = SHAPE (SbCopy, copy_strings, copy_optional);
static const RecordShape batch_shape = SHAPE (SbBatch, batch_strings, batch_optional);
static const RecordShape batch_item_shape = SHAPE (SbBatchItem, batch_item_strings,
                                                   batch_item_optional);

#define FIELD(record, offset) (G_STRUCT_MEMBER_P (record, offset))

static gpointer
new_record (const RecordShape *shape)
{
  gpointer record = g_malloc0 (shape->size);

  for (guint i = 0; i < shape->n_strings; i++)
    *(char **) FIELD (record, shape->strings[i]) = g_strdup ("");
  return record;
}

static gpointer
copy_record (const RecordShape *shape,
             gconstpointer      source)
{
  gpointer record = g_memdup2 (source, shape->size);

  for (guint i = 0; i < shape->n_strings; i++)
    {
      char **field = FIELD (record, shape->strings[i]);
      *field = g_strdup (*field ? *field : "");
    }
  for (guint i = 0; i < shape->n_optional; i++)
    {
      char **field = FIELD (record, shape->optional[i]);
      *field = g_strdup (*field);
    }
  return record;
}

static void
free_record (const RecordShape *shape,
             gpointer           record)
{
  if (record == NULL)
    return;
  for (guint i = 0; i < shape->n_strings; i++)
    g_free (*(char **) FIELD (record, shape->strings[i]));
  for (guint i = 0; i < shape->n_optional; i++)
    g_free (*(char **) FIELD (record, shape->optional[i]));
  g_free (record);
}

#define DEFINE_RECORD(Type, type, shape)                                     \
  G_DEFINE_BOXED_TYPE (Type, type, type##_copy, type##_free)                 \
  Type *type##_new (void) { return new_record (&shape); }                    \
  Type *type##_copy (const Type *r) { return copy_record (&shape, r); }      \
  void type##_free (Type *r) { free_record (&shape, r); }

DEFINE_RECORD (SbFacility, sb_facility, facility_shape)
DEFINE_RECORD (SbDetainee, sb_detainee, detainee_shape)
DEFINE_RECORD (SbOffice, sb_office, office_shape)
DEFINE_RECORD (SbMessage, sb_message, message_shape)
DEFINE_RECORD (SbCopy, sb_copy, copy_shape)
DEFINE_RECORD (SbBatch, sb_batch, batch_shape)
DEFINE_RECORD (SbBatchItem, sb_batch_item, batch_item_shape)

/**
 * sb_copy_dup_name:
 *
 * How the history and a manifest's digest name a copy (docs/campaign-file.md): the id
 * it had before schema 10, or its message's id and its detainee's id joined by ':'.
 * The same text as the copies' history triggers write
 * (src/store/migrations/0010-copies-key.sql).
 *
 * Returns: (transfer full): the name
 */
char *
sb_copy_dup_name (const SbCopy *copy)
{
  g_return_val_if_fail (copy != NULL, NULL);

  if (copy->old_id != NULL)
    return g_strdup (copy->old_id);
  return g_strconcat (copy->message_id, ":", copy->detainee_id, NULL);
}

void
sb_history_entry_free (SbHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->operator_name);
  g_free (entry->entity);
  g_free (entry->entity_id);
  g_free (entry->field);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

void
sb_scan_free (SbScan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->id);
  g_free (scan->message_id);
  g_free (scan->side);
  g_free (scan->mime_type);
  g_free (scan->sha256);
  g_clear_pointer (&scan->image, g_bytes_unref);
  g_clear_pointer (&scan->thumbnail, g_bytes_unref);
  g_free (scan);
}

void
sb_milestone_free (SbMilestone *milestone)
{
  if (milestone == NULL)
    return;
  g_free (milestone->id);
  g_free (milestone->day);
  g_free (milestone->label_en);
  g_free (milestone->label_km);
  g_free (milestone);
}

SbMilestone *
sb_milestone_copy (const SbMilestone *milestone)
{
  SbMilestone *copy;

  g_return_val_if_fail (milestone != NULL, NULL);

  copy = g_new0 (SbMilestone, 1);
  copy->id = g_strdup (milestone->id);
  copy->day = g_strdup (milestone->day);
  copy->label_en = g_strdup (milestone->label_en);
  copy->label_km = g_strdup (milestone->label_km ? milestone->label_km : "");
  return copy;
}
