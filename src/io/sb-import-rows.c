/* sb-import-rows.c — reading, converting and checking rows ahead of the import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the file, turning rows into messages and making their keys takes as long
 * as saving them. A thread does the first while the import thread saves, so an
 * import uses both cores of a small machine. The thread touches no campaign: only
 * the file, the mapping, the detainees' names and sb_message_intake_check(). It
 * runs at most a few batches ahead, so memory stays flat however long the file.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include "sb-import-private.h"

#define BATCH_ROWS 256
#define BATCHES    8

struct _SbImportRows
{
  SbCsvReader      *reader;
  SbImportContext   context;
  SbMessageIntake  *intake;
  GCancellable     *cancellable;
  GThread          *thread;

  GAsyncQueue      *full;      /* GPtrArray of SbPreparedRow; an empty one ends */
  GAsyncQueue      *empty;     /* batches to fill again */
  GPtrArray        *current;   /* the batch being handed out */
  guint             next;
  GError           *error;     /* why the thread stopped early; read after the end */
  gint              stop;
  gboolean          ended;
};

void
_sb_prepared_row_free (SbPreparedRow *prepared)
{
  g_clear_pointer (&prepared->row, sb_import_row_free);
  g_clear_pointer (&prepared->ids, g_ptr_array_unref);
  g_free (prepared->external_id);
  g_free (prepared->duplicate_key);
  g_free (prepared->checked);
  g_clear_error (&prepared->check_error);
  g_free (prepared);
}

static SbPreparedRow *
prepare_row (SbImportRows *self)
{
  SbPreparedRow *prepared = g_new0 (SbPreparedRow, 1);

  prepared->row = _sb_import_convert_row (&self->context, self->reader, &prepared->ids,
                                          &prepared->external_id, &prepared->duplicate_key);
  if (prepared->row == NULL)
    {
      _sb_prepared_row_free (prepared);
      return NULL;
    }
  if (prepared->row->outcome != SB_IMPORT_ROW_REJECTED)
    prepared->checked = sb_message_intake_check (self->intake, prepared->row->message,
                                                 &prepared->check_error);
  return prepared;
}

/* The next batch to fill. Rows are freed here, in the thread that made them: freeing
 * them in the import thread would take this thread's allocator lock for each of
 * their strings, and the two threads would wait on each other. */
static GPtrArray *
take_empty_batch (SbImportRows *self)
{
  GPtrArray *batch = g_async_queue_pop (self->empty);

  g_ptr_array_set_size (batch, 0);
  return batch;
}

static gpointer
read_rows (gpointer data)
{
  SbImportRows *self = data;
  GPtrArray *batch = take_empty_batch (self);
  GError *error = NULL;

  while (!g_atomic_int_get (&self->stop) && sb_csv_reader_next (self->reader, &error))
    {
      SbPreparedRow *prepared = prepare_row (self);

      if (prepared != NULL)
        g_ptr_array_add (batch, prepared);
      if (batch->len == BATCH_ROWS)
        {
          g_async_queue_push (self->full, batch);
          batch = take_empty_batch (self);
        }
      if (g_cancellable_set_error_if_cancelled (self->cancellable, &error))
        break;
    }
  if (error == NULL && !g_atomic_int_get (&self->stop))
    sb_csv_reader_check_unchanged (self->reader, &error);
  self->error = error;
  if (batch->len > 0)
    {
      g_async_queue_push (self->full, batch);
      batch = take_empty_batch (self);
    }
  g_async_queue_push (self->full, batch);
  return NULL;
}

/**
 * _sb_import_rows_start:
 * @context: what converting needs; the thread has it until _sb_import_rows_free()
 * @intake: checks the messages (sb_message_intake_check() only)
 *
 * Opens @path and starts reading it in a thread.
 */
SbImportRows *
_sb_import_rows_start (const char             *path,
                       const SbImportContext  *context,
                       SbMessageIntake        *intake,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(SbCsvReader) reader = sb_csv_reader_new_for_path (path, error);
  SbImportRows *self;

  if (reader == NULL)
    return NULL;
  self = g_new0 (SbImportRows, 1);
  self->reader = g_steal_pointer (&reader);
  self->context = *context;
  self->intake = g_object_ref (intake);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  for (guint i = 0; i < BATCHES; i++)
    g_async_queue_push (self->empty,
                        g_ptr_array_new_full (BATCH_ROWS, (GDestroyNotify) _sb_prepared_row_free));
  self->thread = g_thread_new ("sb-import-rows", read_rows, self);
  return self;
}

/**
 * _sb_import_rows_next:
 *
 * Returns: (transfer none) (nullable): the next row, valid until the next call;
 *   %NULL at the end of the file, with @error set if it could not be read to the
 *   end (or the import was cancelled)
 */
SbPreparedRow *
_sb_import_rows_next (SbImportRows  *self,
                      GError       **error)
{
  if (self->ended)
    return NULL;
  if (self->current != NULL && self->next == self->current->len)
    g_async_queue_push (self->empty, g_steal_pointer (&self->current));
  if (self->current == NULL)
    {
      self->current = g_async_queue_pop (self->full);
      self->next = 0;
      if (self->current->len == 0)
        {
          self->ended = TRUE;
          if (self->error != NULL)
            g_propagate_error (error, g_steal_pointer (&self->error));
          return NULL;
        }
    }
  return g_ptr_array_index (self->current, self->next++);
}

/* Stops the thread if it is still reading, and frees everything. */
void
_sb_import_rows_free (SbImportRows *self)
{
  g_atomic_int_set (&self->stop, TRUE);
  while (!self->ended)
    {
      if (self->current != NULL)
        g_async_queue_push (self->empty, g_steal_pointer (&self->current));
      self->current = g_async_queue_pop (self->full);
      self->ended = self->current->len == 0;
    }
  g_thread_join (self->thread);
  g_clear_pointer (&self->current, g_ptr_array_unref);
  g_async_queue_unref (self->full);
  while (g_async_queue_length (self->empty) > 0)
    g_ptr_array_unref (g_async_queue_pop (self->empty));
  g_async_queue_unref (self->empty);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->intake);
  sb_csv_reader_free (self->reader);
  g_free (self);
}
