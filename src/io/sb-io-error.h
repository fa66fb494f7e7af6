/* sb-io-error.h — errors of the io layer: reading, mapping and importing files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_IO_ERROR (sb_io_error_quark ())

/**
 * SbIoError:
 * @SB_IO_ERROR_READ: the file cannot be opened or read (missing, no permission…)
 * @SB_IO_ERROR_EMPTY: the file is empty or has a header but no rows
 * @SB_IO_ERROR_ENCODING: the text is neither UTF-8 nor UTF-16 with a byte order mark
 * @SB_IO_ERROR_BINARY: the file is not text (NUL bytes, a spreadsheet workbook, a PDF…)
 * @SB_IO_ERROR_TOO_LARGE: the file is over %SB_CSV_MAX_FILE_SIZE bytes
 * @SB_IO_ERROR_TOO_MANY_COLUMNS: a row has more than %SB_CSV_MAX_COLUMNS columns
 * @SB_IO_ERROR_FIELD_TOO_LONG: a field is over %SB_CSV_MAX_FIELD_SIZE bytes
 * @SB_IO_ERROR_MALFORMED: the CSV structure is broken (a quote never closed)
 * @SB_IO_ERROR_CHANGED: the file changed while it was being read
 * @SB_IO_ERROR_NO_MESSAGE_COLUMN: no column is mapped to the message text
 * @SB_IO_ERROR_MAPPING: a saved mapping cannot be read or does not fit the file
 * @SB_IO_ERROR_EXISTS: an export would write over a file that already exists
 * @SB_IO_ERROR_WRITE: the export file cannot be written (folder missing, no permission, disk full…)
 *
 * Every message names the file's problem and, where it has one, the row and column.
 * Rows are counted as a spreadsheet shows them: the header is row 1.
 */
typedef enum
{
  SB_IO_ERROR_READ,
  SB_IO_ERROR_EMPTY,
  SB_IO_ERROR_ENCODING,
  SB_IO_ERROR_BINARY,
  SB_IO_ERROR_TOO_LARGE,
  SB_IO_ERROR_TOO_MANY_COLUMNS,
  SB_IO_ERROR_FIELD_TOO_LONG,
  SB_IO_ERROR_MALFORMED,
  SB_IO_ERROR_CHANGED,
  SB_IO_ERROR_NO_MESSAGE_COLUMN,
  SB_IO_ERROR_MAPPING,
  SB_IO_ERROR_EXISTS,
  SB_IO_ERROR_WRITE,
} SbIoError;

GQuark sb_io_error_quark (void);

G_END_DECLS
