/* sb-export-tables.c — what an export holds: messages, copies or batches as rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The message columns are named so that the importer (src/io/sb-import-mapping.c)
 * maps them back by itself: received_on, sender_name, sender_city, sender_country,
 * sender_contact, consent, language, message, addressees. Exporting messages and
 * importing the file into a new campaign with the same detainees gives the same
 * messages. The other columns (reference, status…) are left out of an import.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <string.h>

#include "sb-batches.h"
#include "sb-enums.h"
#include "sb-export.h"

typedef struct
{
  GHashTable *offices;     /* id → code */
  GHashTable *detainees;   /* id → SbDetainee */
  GHashTable *facilities;  /* id → code */
  GHashTable *refs;        /* message id → ref */
} Lookups;

static void
lookups_clear (Lookups *lookups)
{
  g_clear_pointer (&lookups->offices, g_hash_table_unref);
  g_clear_pointer (&lookups->detainees, g_hash_table_unref);
  g_clear_pointer (&lookups->facilities, g_hash_table_unref);
  g_clear_pointer (&lookups->refs, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lookups, lookups_clear)

static gboolean
lookups_load (Lookups     *lookups,
              SbCampaign  *campaign,
              GError     **error)
{
  g_autoptr(GPtrArray) offices = sb_campaign_list_offices (campaign, error);
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) facilities = NULL;

  if (offices == NULL
      || (detainees = sb_campaign_list_detainees (campaign, error)) == NULL
      || (facilities = sb_campaign_list_facilities (campaign, error)) == NULL)
    return FALSE;

  lookups->offices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < offices->len; i++)
    {
      const SbOffice *office = g_ptr_array_index (offices, i);

      g_hash_table_insert (lookups->offices, g_strdup (office->id), g_strdup (office->code));
    }
  lookups->facilities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < facilities->len; i++)
    {
      const SbFacility *facility = g_ptr_array_index (facilities, i);

      g_hash_table_insert (lookups->facilities, g_strdup (facility->id),
                           g_strdup (facility->code));
    }
  lookups->detainees = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) sb_detainee_free);
  for (guint i = 0; i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_steal_index (detainees, i--);

      g_hash_table_insert (lookups->detainees, detainee->id, detainee);
    }
  lookups->refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return TRUE;
}

static const char *
lookup (GHashTable *table,
        const char *id)
{
  const char *value = id != NULL ? g_hash_table_lookup (table, id) : NULL;

  return value != NULL ? value : "";
}

static const char *
or_empty (const char *value)
{
  return value != NULL ? value : "";
}

static SbExportTable *
table_new (const char *const *header)
{
  SbExportTable *table = g_new0 (SbExportTable, 1);

  table->header = g_strdupv ((char **) header);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

/* Adds a row of g_strv_length (header) cells, each given in full (no NULL). */
static void
table_add (SbExportTable *table,
           GStrv          row)
{
  g_assert (g_strv_length (row) == g_strv_length (table->header));
  g_ptr_array_add (table->rows, row);
}

static GPtrArray *
get_messages (SbCampaign  *campaign,
              Lookups     *lookups,
              GError     **error)
{
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, error);
  g_autoptr(GPtrArray) messages = NULL;

  if (ids == NULL)
    return NULL;
  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_message_free);
  for (guint i = 0; i < ids->len; i++)
    {
      SbMessage *message = sb_campaign_get_message (campaign, g_ptr_array_index (ids, i), error);

      if (message == NULL)
        return NULL;
      g_hash_table_insert (lookups->refs, g_strdup (message->id), g_strdup (message->ref));
      g_ptr_array_add (messages, message);
    }
  return g_steal_pointer (&messages);
}

static char *
join_addressees (GPtrArray *copies,
                 Lookups   *lookups)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < copies->len; i++)
    {
      const SbCopy *copy = g_ptr_array_index (copies, i);
      const SbDetainee *detainee = g_hash_table_lookup (lookups->detainees, copy->detainee_id);

      if (detainee != NULL)
        g_strv_builder_add (names, detainee->name_en);
    }
  strv = g_strv_builder_end (names);
  return g_strjoinv (", ", strv);
}

static SbExportTable *
build_messages (SbCampaign     *campaign,
                SbExportFlags   flags,
                GError        **error)
{
  static const char *const header[] = {
    "reference", "received_on", "channel", "office", "sender_name", "sender_city",
    "sender_country", "sender_contact", "consent", "language", "message", "translation_en",
    "translation_km", "status", "hold_reason", "addressees", "duplicate_of", "entered_at",
    NULL
  };
  g_auto(Lookups) lookups = { 0 };
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(SbExportTable) table = NULL;
  gboolean contacts = (flags & SB_EXPORT_FLAGS_INCLUDE_CONTACTS) != 0;

  if (!lookups_load (&lookups, campaign, error)
      || (messages = get_messages (campaign, &lookups, error)) == NULL)
    return NULL;

  table = table_new (header);
  if (!contacts)   /* no column at all: nobody can fill it in by mistake */
    {
      g_free (table->header[7]);
      memmove (&table->header[7], &table->header[8], sizeof (char *) * (G_N_ELEMENTS (header) - 8));
    }
  for (guint i = 0; i < messages->len; i++)
    {
      const SbMessage *m = g_ptr_array_index (messages, i);
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (campaign, m->id, error);
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
      g_autofree char *addressees = NULL;

      if (copies == NULL)
        return NULL;
      g_strv_builder_add_many (row, m->ref, or_empty (m->received_on), m->channel,
                               lookup (lookups.offices, m->office_id), or_empty (m->sender_name),
                               or_empty (m->sender_city), or_empty (m->sender_country), NULL);
      if (contacts)
        g_strv_builder_add (row, or_empty (m->sender_contact));
      g_strv_builder_add_many (row, or_empty (m->consent), or_empty (m->language),
                               or_empty (m->original_text), or_empty (m->translation_en),
                               or_empty (m->translation_km), m->status,
                               or_empty (m->hold_reason), NULL);
      addressees = join_addressees (copies, &lookups);
      g_strv_builder_add (row, addressees);
      g_strv_builder_add_many (row, lookup (lookups.refs, m->duplicate_of),
                               or_empty (m->created_at), NULL);
      table_add (table, g_strv_builder_end (row));
    }
  return g_steal_pointer (&table);
}

typedef struct
{
  char *batch;
  char *outcome;
  char *reason;
} CopyBatch;

static void
copy_batch_free (CopyBatch *entry)
{
  g_free (entry->batch);
  g_free (entry->outcome);
  g_free (entry->reason);
  g_free (entry);
}

/* A copy's key in the index below: its message and its detainee. */
static char *
copy_key (const char *message_id,
          const char *detainee_id)
{
  return g_strconcat (message_id, "\037", detainee_id, NULL);
}

/* copy (copy_key()) → the last batch it went in, with what the facility did with it. */
static GHashTable *
index_batches (SbCampaign  *campaign,
               GPtrArray   *batches,
               GError     **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) copy_batch_free);

  for (guint b = 0; b < batches->len; b++)
    {
      const SbBatch *batch = g_ptr_array_index (batches, b);
      g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, error);

      if (items == NULL)
        return NULL;
      for (guint i = 0; i < items->len; i++)
        {
          const SbBatchItem *item = g_ptr_array_index (items, i);
          CopyBatch *entry = g_new0 (CopyBatch, 1);

          entry->batch = g_strdup (batch->code != NULL ? batch->code : "");
          entry->outcome = g_strdup (or_empty (item->outcome));
          entry->reason = g_strdup (or_empty (item->outcome_reason));
          g_hash_table_replace (index, copy_key (item->message_id, item->detainee_id), entry);
        }
    }
  return g_steal_pointer (&index);
}

static SbExportTable *
build_copies (SbCampaign  *campaign,
              GError     **error)
{
  static const char *const header[] = {
    "message_ref", "detainee_en", "detainee_km", "state", "attempts", "batch", "outcome",
    "reason", "delivered_on", NULL
  };
  g_auto(Lookups) lookups = { 0 };
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(SbExportTable) table = NULL;

  if (!lookups_load (&lookups, campaign, error)
      || (messages = get_messages (campaign, &lookups, error)) == NULL
      || (batches = sb_campaign_list_batches (campaign, NULL, error)) == NULL
      || (index = index_batches (campaign, batches, error)) == NULL)
    return NULL;

  table = table_new (header);
  for (guint i = 0; i < messages->len; i++)
    {
      const SbMessage *m = g_ptr_array_index (messages, i);
      g_autoptr(GPtrArray) copies = sb_campaign_list_copies (campaign, m->id, error);

      if (copies == NULL)
        return NULL;
      for (guint c = 0; c < copies->len; c++)
        {
          const SbCopy *copy = g_ptr_array_index (copies, c);
          const SbDetainee *detainee = g_hash_table_lookup (lookups.detainees, copy->detainee_id);
          g_autofree char *key = copy_key (copy->message_id, copy->detainee_id);
          const CopyBatch *in_batch = g_hash_table_lookup (index, key);
          const char *reason = or_empty (copy->outcome_reason);
          GStrv row = g_new0 (char *, 10);

          if (reason[0] == '\0' && in_batch != NULL)
            reason = in_batch->reason;
          row[0] = g_strdup (m->ref);
          row[1] = g_strdup (detainee != NULL ? detainee->name_en : "");
          row[2] = g_strdup (detainee != NULL ? or_empty (detainee->name_km) : "");
          row[3] = g_strdup (copy->state);
          row[4] = g_strdup_printf ("%d", copy->attempts);
          row[5] = g_strdup (in_batch != NULL ? in_batch->batch : "");
          row[6] = g_strdup (in_batch != NULL ? in_batch->outcome : "");
          row[7] = g_strdup (reason);
          row[8] = g_strdup (or_empty (copy->delivered_on));
          table_add (table, row);
        }
    }
  return g_steal_pointer (&table);
}

static SbExportTable *
build_batches (SbCampaign  *campaign,
               GError     **error)
{
  static const char *const header[] = {
    "code", "facility", "state", "created_on", "sealed_at", "handed_over_at", "handed_by",
    "received_by", "received_position", "closed_at", "items", "delivered", "rejected",
    "returned", "waiting", "digest", NULL
  };
  g_auto(Lookups) lookups = { 0 };
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(SbExportTable) table = NULL;

  if (!lookups_load (&lookups, campaign, error)
      || (batches = sb_campaign_list_batches (campaign, NULL, error)) == NULL)
    return NULL;

  table = table_new (header);
  for (guint b = 0; b < batches->len; b++)
    {
      const SbBatch *batch = g_ptr_array_index (batches, b);
      g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, error);
      guint delivered = 0, rejected = 0, returned = 0, waiting = 0;
      GStrv row;

      if (items == NULL)
        return NULL;
      for (guint i = 0; i < items->len; i++)
        {
          const char *outcome = or_empty (((SbBatchItem *) g_ptr_array_index (items, i))->outcome);
          SbCopyState state = sb_copy_state_from_nick (outcome);

          delivered += state == SB_COPY_STATE_DELIVERED;
          rejected += state == SB_COPY_STATE_REJECTED;
          returned += state == SB_COPY_STATE_RETURNED;
          waiting += outcome[0] == '\0';
        }
      row = g_new0 (char *, 17);
      row[0] = g_strdup (or_empty (batch->code));
      row[1] = g_strdup (lookup (lookups.facilities, batch->facility_id));
      row[2] = g_strdup (batch->state);
      row[3] = g_strdup (or_empty (batch->created_on));
      row[4] = g_strdup (or_empty (batch->sealed_at));
      row[5] = g_strdup (or_empty (batch->handed_over_at));
      row[6] = g_strdup (or_empty (batch->handed_by));
      row[7] = g_strdup (or_empty (batch->received_by));
      row[8] = g_strdup (or_empty (batch->received_position));
      row[9] = g_strdup (or_empty (batch->closed_at));
      row[10] = g_strdup_printf ("%u", items->len);
      row[11] = g_strdup_printf ("%u", delivered);
      row[12] = g_strdup_printf ("%u", rejected);
      row[13] = g_strdup_printf ("%u", returned);
      row[14] = g_strdup_printf ("%u", waiting);
      row[15] = g_strdup (or_empty (batch->digest));
      table_add (table, row);
    }
  return g_steal_pointer (&table);
}

/**
 * sb_export_table_build:
 *
 * Returns: (transfer full) (nullable): @what of @campaign as a table; messages in the
 *   order they came in, copies message by message, batches as the campaign lists them
 */
SbExportTable *
sb_export_table_build (SbCampaign     *campaign,
                       SbExportWhat    what,
                       SbExportFlags   flags,
                       GError        **error)
{
  switch (what)
    {
    case SB_EXPORT_MESSAGES:
      return build_messages (campaign, flags, error);
    case SB_EXPORT_COPIES:
      return build_copies (campaign, error);
    case SB_EXPORT_BATCHES:
      return build_batches (campaign, error);
    default:
      g_return_val_if_reached (NULL);
    }
}
