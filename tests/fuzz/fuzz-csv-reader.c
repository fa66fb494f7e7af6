/* fuzz-csv-reader.c — libFuzzer target for the CSV/TSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build: replayed in the test suite, a libFuzzer program with
 * -Dfuzzing=true (tests/fuzz/run.sh).
 * Any input must give rows or a GError, never a crash, a leak or a hang; the
 * fields of every row must be valid UTF-8 without NUL bytes.
 */

#include <gio/gio.h>
#include <string.h>

#include "sb-csv-reader.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvReader) reader = sb_csv_reader_new_for_stream (stream, &error);
  guint64 rows = 0;

  if (reader == NULL)
    {
      g_assert (error != NULL && error->domain == SB_IO_ERROR);
      return 0;
    }
  for (const char *const *h = sb_csv_reader_get_header (reader); *h; h++)
    g_assert (g_utf8_validate (*h, -1, NULL));
  while (sb_csv_reader_next (reader, &error))
    {
      g_assert (sb_csv_reader_get_n_fields (reader) <= SB_CSV_MAX_COLUMNS);
      for (guint i = 0; i < sb_csv_reader_get_n_fields (reader); i++)
        g_assert (g_utf8_validate (sb_csv_reader_get_field (reader, i), -1, NULL));
      g_assert (sb_csv_reader_get_row (reader) > rows);
      rows = sb_csv_reader_get_row (reader);
    }
  g_assert (error == NULL || error->domain == SB_IO_ERROR);
  return 0;
}
