/* sb-importer.c — importing online messages from web-form exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is one transaction: cancelled, failed or killed half-way, it leaves the
 * campaign as it was. Each row carries a stable external id (sb-import-row.c), so
 * importing a file again adds nothing and a newer export of the same form adds only
 * its new rows. A row whose message and sender match a message already there is
 * imported flagged as its duplicate, and does not count.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-import-private.h"
#include "sb-importer.h"
#include "sb-message-intake.h"

#define PROGRESS_EVERY 512

struct _SbImporter
{
  GObject          parent_instance;

  char            *path;
  GStrv            header;
  char             delimiter;
  char            *encoding;
  SbImportMapping *mapping;

  /* What a pass over the whole file learnt, for the date column it was made for. */
  int              scanned_date_column;
  guint64          scanned_rows;
  SbDateOrder      date_order;
};

G_DEFINE_FINAL_TYPE (SbImporter, sb_importer, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* Counts the rows and learns how the dates write day and month: the whole file is
 * read once before the campaign is touched, so a broken file changes nothing. */
static gboolean
scan (SbImporter    *self,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(SbCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  int date_column = sb_import_mapping_find (self->mapping, SB_IMPORT_FIELD_RECEIVED_ON);
  SbDateOrder order = SB_DATE_ORDER_UNKNOWN;
  guint64 rows = 0;

  if (self->scanned_date_column == date_column && self->scanned_rows > 0)
    return TRUE;
  reader = sb_csv_reader_new_for_path (self->path, error);
  if (reader == NULL)
    return FALSE;
  while (sb_csv_reader_next (reader, &local_error))
    {
      rows++;
      if (date_column >= 0)
        order = _sb_import_date_order_learn (order, sb_csv_reader_get_field (reader, date_column));
      if (rows % PROGRESS_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->scanned_date_column = date_column;
  self->scanned_rows = rows;
  self->date_order = order;
  return TRUE;
}

static SbAddresseeIndex *
load_addressees (SbImporter  *self,
                 SbCampaign  *campaign,
                 GError     **error)
{
  g_autoptr(GPtrArray) detainees = NULL;

  if (sb_import_mapping_find (self->mapping, SB_IMPORT_FIELD_ADDRESSEES) < 0)
    return _sb_addressee_index_new (g_ptr_array_new ());
  detainees = sb_campaign_list_detainees (campaign, error);
  if (detainees == NULL)
    return NULL;
  return _sb_addressee_index_new (detainees);
}

/* Decides a converted row's outcome against the campaign and the rows before it. */
static void
classify (SbImportRow *row,
          const char  *external_id,
          SbCampaign  *campaign,
          GHashTable  *seen_ids,
          GHashTable  *duplicates,
          const char  *key,
          char       **original_id)
{
  g_autofree char *existing = NULL;

  *original_id = NULL;
  if (row->outcome == SB_IMPORT_ROW_REJECTED)
    return;
  if (g_hash_table_contains (seen_ids, external_id) ||
      (existing = sb_campaign_find_external_id (campaign, external_id, NULL)) != NULL)
    {
      row->outcome = SB_IMPORT_ROW_ALREADY_IMPORTED;
      return;
    }
  if (key != NULL && g_hash_table_contains (duplicates, key))
    {
      row->outcome = SB_IMPORT_ROW_DUPLICATE;
      *original_id = g_strdup (g_hash_table_lookup (duplicates, key));
    }
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_importer_finalize (GObject *object)
{
  SbImporter *self = (SbImporter *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->mapping, sb_import_mapping_free);

  G_OBJECT_CLASS (sb_importer_parent_class)->finalize (object);
}

static void
sb_importer_class_init (SbImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_importer_finalize;
}

static void
sb_importer_init (SbImporter *self)
{
  self->scanned_date_column = -2;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_importer_new:
 * @path: a CSV or TSV export
 *
 * Reads the header and guesses the mapping. The file is refused here if it is
 * empty, not text, or in an encoding other than UTF-8 or UTF-16.
 *
 * Returns: (transfer full): the importer, or %NULL with @error set (SB_IO_ERROR)
 */
SbImporter *
sb_importer_new (const char  *path,
                 GError     **error)
{
  g_autoptr(SbCsvReader) reader = NULL;
  g_autoptr(SbImporter) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  reader = sb_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return NULL;
  self = g_object_new (SB_TYPE_IMPORTER, NULL);
  self->path = g_strdup (path);
  self->header = g_strdupv ((char **) sb_csv_reader_get_header (reader));
  self->delimiter = sb_csv_reader_get_delimiter (reader);
  self->encoding = g_strdup (sb_csv_reader_get_encoding (reader));
  self->mapping = sb_import_mapping_guess ((const char *const *) self->header);
  return g_steal_pointer (&self);
}

const char *
sb_importer_get_path (SbImporter *self)
{
  g_return_val_if_fail (SB_IS_IMPORTER (self), NULL);
  return self->path;
}

/**
 * sb_importer_get_mapping:
 *
 * Returns: (transfer none): the mapping in use; change it with
 *   sb_import_mapping_set_field() or sb_importer_set_mapping()
 */
SbImportMapping *
sb_importer_get_mapping (SbImporter *self)
{
  g_return_val_if_fail (SB_IS_IMPORTER (self), NULL);
  return self->mapping;
}

void
sb_importer_set_mapping (SbImporter            *self,
                         const SbImportMapping *mapping)
{
  g_return_if_fail (SB_IS_IMPORTER (self));
  g_return_if_fail (sb_import_mapping_get_n_columns (mapping) == g_strv_length (self->header));

  g_clear_pointer (&self->mapping, sb_import_mapping_free);
  self->mapping = sb_import_mapping_copy (mapping);
}

/**
 * sb_importer_load_mapping:
 * @path: a mapping saved with sb_import_mapping_save() for this form
 */
gboolean
sb_importer_load_mapping (SbImporter  *self,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(SbImportMapping) mapping = NULL;

  g_return_val_if_fail (SB_IS_IMPORTER (self), FALSE);

  mapping = sb_import_mapping_load (path, (const char *const *) self->header, error);
  if (mapping == NULL)
    return FALSE;
  g_clear_pointer (&self->mapping, sb_import_mapping_free);
  self->mapping = g_steal_pointer (&mapping);
  return TRUE;
}

/**
 * sb_importer_preview:
 * @campaign: the campaign the rows would go into (read only)
 * @n_rows: how many rows to show
 *
 * Returns: (transfer full) (element-type SbImportRow): the first rows as they will
 *   be imported, each with its outcome and problem; %NULL with @error set when the
 *   file cannot be imported at all
 */
GPtrArray *
sb_importer_preview (SbImporter  *self,
                     SbCampaign  *campaign,
                     guint        n_rows,
                     GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_import_row_free);
  g_autoptr(SbCsvReader) reader = NULL;
  g_autoptr(SbAddresseeIndex) addressees = NULL;
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) duplicates = NULL;
  g_autoptr(GError) local_error = NULL;
  SbImportContext context;

  g_return_val_if_fail (SB_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  if (!sb_import_mapping_check (self->mapping, error) || !scan (self, NULL, error))
    return NULL;
  if ((addressees = load_addressees (self, campaign, error)) == NULL ||
      (duplicates = sb_campaign_index_duplicates (campaign, error)) == NULL ||
      (reader = sb_csv_reader_new_for_path (self->path, error)) == NULL)
    return NULL;

  context = (SbImportContext) { self->mapping, addressees, self->date_order };
  while (rows->len < n_rows && sb_csv_reader_next (reader, &local_error))
    {
      g_autoptr(GPtrArray) ids = NULL;
      g_autofree char *external_id = NULL;
      g_autofree char *original_id = NULL;
      g_autofree char *key = NULL;
      SbImportRow *row = _sb_import_convert_row (&context, reader, &ids, &external_id, &key);

      if (row == NULL)
        continue;
      classify (row, external_id, campaign, seen_ids, duplicates, key, &original_id);
      if (row->outcome == SB_IMPORT_ROW_NEW && key != NULL)
        g_hash_table_insert (duplicates, g_steal_pointer (&key), g_strdup (""));
      if (external_id != NULL)
        g_hash_table_add (seen_ids, g_steal_pointer (&external_id));
      g_ptr_array_add (rows, row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Saves one row. A row the campaign refuses is rejected with the campaign's reason
 * (the intake leaves nothing behind then). FALSE only when the import as a whole
 * fails. */
static gboolean
import_row (SbMessageIntake  *intake,
            SbPreparedRow    *prepared,
            const char       *original_id,
            GError          **error)
{
  SbImportRow *row = prepared->row;
  GPtrArray *ids = prepared->ids;
  g_autoptr(GError) local_error = NULL;
  g_autofree const char **addressees = g_new0 (const char *, (ids ? ids->len : 0) + 1);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    addressees[i] = g_ptr_array_index (ids, i);
  g_free (row->message->duplicate_of);
  row->message->duplicate_of = g_strdup (original_id);
  if (prepared->check_error == NULL &&
      sb_message_intake_add (intake, row->message, prepared->checked, addressees, &local_error))
    return TRUE;
  if (local_error != NULL && local_error->domain != SB_CORE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  row->outcome = SB_IMPORT_ROW_REJECTED;
  row->problem = g_strdup ((local_error ? local_error : prepared->check_error)->message);
  return TRUE;
}

/**
 * sb_importer_run:
 * @campaign: where the messages go
 * @dry_run: do everything, then save nothing: the summary says what would happen
 * @cancellable: (nullable): cancelling leaves the campaign unchanged
 * @progress: (nullable) (scope call): rows done and in all, now and then; all of
 *   them done (@done equal to @total) once, when only saving is left, which
 *   @cancellable no longer stops
 *
 * Imports the whole file in one transaction: channel "online", status
 * "transcribed". Rows that cannot be imported are left out and listed in the
 * summary with their reasons; the file as a whole is refused (and nothing saved)
 * when it cannot be read, changes while it is read, or has no message column.
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
SbImportSummary *
sb_importer_run (SbImporter            *self,
                 SbCampaign            *campaign,
                 gboolean               dry_run,
                 GCancellable          *cancellable,
                 SbImportProgressFunc   progress,
                 gpointer               progress_data,
                 GError               **error)
{
  g_autoptr(SbImportSummary) summary = NULL;
  g_autoptr(SbAddresseeIndex) addressees = NULL;
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) duplicates = NULL;
  g_autoptr(SbMessageIntake) intake = NULL;
  /* Last, so its thread stops before what it reads is freed. */
  g_autoptr(SbImportRows) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  SbImportContext context;
  SbPreparedRow *prepared;
  gboolean ok = TRUE;

  g_return_val_if_fail (SB_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  if (!sb_import_mapping_check (self->mapping, error) || !scan (self, cancellable, error))
    return NULL;
  if ((addressees = load_addressees (self, campaign, error)) == NULL ||
      (duplicates = sb_campaign_index_duplicates (campaign, error)) == NULL ||
      (intake = sb_message_intake_new (campaign, error)) == NULL)
    return NULL;

  summary = g_new0 (SbImportSummary, 1);
  summary->dry_run = dry_run;
  summary->header = g_strdupv (self->header);
  summary->rejected_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_import_row_free);
  context = (SbImportContext) { self->mapping, addressees, self->date_order };
  rows = _sb_import_rows_start (self->path, &context, intake, cancellable, error);
  if (rows == NULL)
    return NULL;
  if (progress != NULL)
    progress (0, self->scanned_rows, progress_data);

  while (ok && (prepared = _sb_import_rows_next (rows, &local_error)) != NULL)
    {
      SbImportRow *row = prepared->row;
      const char *external_id = prepared->external_id;
      g_autofree char *original_id = NULL;

      summary->rows++;
      classify (row, external_id, campaign, seen_ids, duplicates, prepared->duplicate_key,
                &original_id);
      if (row->outcome == SB_IMPORT_ROW_NEW || row->outcome == SB_IMPORT_ROW_DUPLICATE)
        ok = import_row (intake, prepared, original_id, &local_error);

      switch (row->outcome)
        {
        case SB_IMPORT_ROW_NEW:
          summary->imported++;
          if (prepared->duplicate_key != NULL)
            g_hash_table_insert (duplicates, g_steal_pointer (&prepared->duplicate_key),
                                 g_strdup (row->message->id));
          break;
        case SB_IMPORT_ROW_DUPLICATE:
          summary->duplicates++;
          break;
        case SB_IMPORT_ROW_ALREADY_IMPORTED:
          summary->already_imported++;
          break;
        case SB_IMPORT_ROW_REJECTED:
          summary->rejected++;
          g_ptr_array_add (summary->rejected_rows, g_steal_pointer (&prepared->row));
          break;
        default:
          g_assert_not_reached ();
        }
      if (prepared->external_id != NULL)
        g_hash_table_add (seen_ids, g_steal_pointer (&prepared->external_id));

      if (summary->rows % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
            ok = FALSE;
          else if (progress != NULL && summary->rows < self->scanned_rows)
            progress (summary->rows, self->scanned_rows, progress_data);
        }
    }

  if (local_error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &local_error);
  if (local_error != NULL)
    {
      sb_message_intake_rollback (intake);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Every row is read and checked. What is left, saving them, cannot be cancelled:
   * all rows done is the sign for it. */
  if (progress != NULL)
    progress (summary->rows, summary->rows, progress_data);
  if (dry_run)
    sb_message_intake_rollback (intake);
  else if (!sb_message_intake_commit (intake, error))
    return NULL;
  return g_steal_pointer (&summary);
}
