/* sb-scan-folder.h — a folder of scans becomes the transcription queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

/* A card: its front and, when the file names say so, its back. */
typedef struct
{
  char *front;                /* file name, or NULL when only a back was found */
  char *back;                 /* or NULL */
} SbScanPair;

/* What an import did. */
typedef struct
{
  guint      files;           /* pictures looked at */
  guint      cards;           /* new postcards */
  guint      scans;           /* scans stored */
  GPtrArray *problems;        /* (element-type utf8): one sentence per refused file */
  GPtrArray *message_ids;     /* (element-type utf8): the new postcards, in order */
} SbScanFolderReport;

typedef void (*SbScanFolderProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

void                sb_scan_pair_free               (SbScanPair          *pair);
void                sb_scan_folder_report_free      (SbScanFolderReport  *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbScanPair, sb_scan_pair_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbScanFolderReport, sb_scan_folder_report_free)

GPtrArray          *sb_scan_folder_pair_names       (const char *const   *names);

void                sb_scan_folder_import_async     (SbCampaign          *campaign,
                                                     GFile               *folder,
                                                     SbScanFolderProgress progress,
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
SbScanFolderReport *sb_scan_folder_import_finish    (SbCampaign          *campaign,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
