/* sb-export-job.h — an export of the app, run in a thread (shared by SbExportDialog
 * and its tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-export.h"

G_BEGIN_DECLS

typedef struct
{
  char           *campaign_path;
  gboolean        scans;     /* the scans, into a new folder inside @target */
  SbExportWhat    what;
  SbExportFormat  format;
  SbExportFlags   flags;
  char           *target;    /* the file chosen, or the folder for the scans */

  /* Once finished */
  char           *written;   /* the file or folder written */
  guint           count;     /* records, or scans */
} SbExportJob;

void  _sb_export_job_free      (SbExportJob         *job);
void  _sb_export_job_run_async (gpointer             source_object,
                                SbExportJob         *job,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
char *_sb_export_job_describe  (const SbExportJob   *job);

G_END_DECLS
