/* sb-importer.h — importing online messages from web-form exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-campaign.h"
#include "sb-import-mapping.h"
#include "sb-io-error.h"

G_BEGIN_DECLS

typedef enum
{
  SB_IMPORT_ROW_NEW,               /* becomes a new message */
  SB_IMPORT_ROW_DUPLICATE,         /* becomes a message flagged as a duplicate */
  SB_IMPORT_ROW_ALREADY_IMPORTED,  /* this row was imported before: skipped */
  SB_IMPORT_ROW_REJECTED,          /* not imported: see problem */
} SbImportOutcome;

/* One row of the file, as it will be (or was) imported. */
typedef struct
{
  guint64          row;          /* as a spreadsheet shows it: the header is row 1 */
  SbImportOutcome  outcome;
  SbMessage       *message;      /* what will be saved (no id or reference yet) */
  char            *addressees;   /* the detainees' names, for a person */
  char            *problem;      /* or NULL: why the row is rejected */
  char           **fields;       /* the row as it is in the file */
} SbImportRow;

void sb_import_row_free (SbImportRow *row);

typedef struct
{
  gboolean   dry_run;            /* nothing was saved */
  guint64    rows;               /* rows read (blank rows aside) */
  guint64    imported;           /* new messages that count */
  guint64    duplicates;         /* new messages flagged as duplicates */
  guint64    already_imported;   /* rows imported before, skipped */
  guint64    rejected;
  char     **header;
  GPtrArray *rejected_rows;      /* SbImportRow, with their problems */
} SbImportSummary;

void     sb_import_summary_free           (SbImportSummary  *summary);
gboolean sb_import_summary_write_rejected (SbImportSummary  *summary,
                                           const char       *path,
                                           GError          **error);

typedef void (*SbImportProgressFunc) (guint64  rows_done,
                                      guint64  rows_total,
                                      gpointer user_data);

#define SB_TYPE_IMPORTER (sb_importer_get_type ())
G_DECLARE_FINAL_TYPE (SbImporter, sb_importer, SB, IMPORTER, GObject)

SbImporter            *sb_importer_new           (const char            *path,
                                                  GError               **error);
const char            *sb_importer_get_path      (SbImporter            *self);
SbImportMapping       *sb_importer_get_mapping   (SbImporter            *self);
void                   sb_importer_set_mapping   (SbImporter            *self,
                                                  const SbImportMapping *mapping);
gboolean               sb_importer_load_mapping  (SbImporter            *self,
                                                  const char            *path,
                                                  GError               **error);

GPtrArray             *sb_importer_preview       (SbImporter            *self,
                                                  SbCampaign            *campaign,
                                                  guint                  n_rows,
                                                  GError               **error);
SbImportSummary       *sb_importer_run           (SbImporter            *self,
                                                  SbCampaign            *campaign,
                                                  gboolean               dry_run,
                                                  GCancellable          *cancellable,
                                                  SbImportProgressFunc   progress,
                                                  gpointer               progress_data,
                                                  GError               **error);
void                   sb_importer_run_async     (SbImporter            *self,
                                                  SbCampaign            *campaign,
                                                  gboolean               dry_run,
                                                  GCancellable          *cancellable,
                                                  SbImportProgressFunc   progress,
                                                  gpointer               progress_data,
                                                  GDestroyNotify         progress_destroy,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
SbImportSummary       *sb_importer_run_finish    (SbImporter            *self,
                                                  GAsyncResult          *result,
                                                  GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbImportRow, sb_import_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbImportSummary, sb_import_summary_free)

G_END_DECLS
