/* sb-csv-reader.h — streaming reader of CSV and TSV exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-io-error.h"

G_BEGIN_DECLS

/* Limits: anything beyond them is refused with an SB_IO_ERROR. 512 MiB is about
 * 1.5 million typical form responses; one field of 1 MiB is fifty times the longest
 * message a campaign keeps. */
#define SB_CSV_MAX_FILE_SIZE  (G_GINT64_CONSTANT (512) * 1024 * 1024)
#define SB_CSV_MAX_FIELD_SIZE (1024 * 1024)
#define SB_CSV_MAX_COLUMNS    1000

typedef struct _SbCsvReader SbCsvReader;

SbCsvReader        *sb_csv_reader_new_for_path   (const char   *path,
                                                  GError      **error);
SbCsvReader        *sb_csv_reader_new_for_stream (GInputStream *stream,
                                                  GError      **error);
void                sb_csv_reader_free           (SbCsvReader  *self);

gboolean            sb_csv_reader_next           (SbCsvReader  *self,
                                                  GError      **error);
guint               sb_csv_reader_get_n_fields   (SbCsvReader  *self);
const char         *sb_csv_reader_get_field      (SbCsvReader  *self,
                                                  guint         column);
guint64             sb_csv_reader_get_row        (SbCsvReader  *self);

const char *const  *sb_csv_reader_get_header     (SbCsvReader  *self);
guint               sb_csv_reader_get_n_columns  (SbCsvReader  *self);
char                sb_csv_reader_get_delimiter  (SbCsvReader  *self);
const char         *sb_csv_reader_get_encoding   (SbCsvReader  *self);
gboolean            sb_csv_reader_check_unchanged (SbCsvReader *self,
                                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCsvReader, sb_csv_reader_free)

G_END_DECLS
