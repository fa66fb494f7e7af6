/* sb-export.h — the campaign's data for a spreadsheet or a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"

G_BEGIN_DECLS

typedef enum
{
  SB_EXPORT_MESSAGES,
  SB_EXPORT_COPIES,
  SB_EXPORT_BATCHES,
} SbExportWhat;

typedef enum
{
  SB_EXPORT_CSV,
  SB_EXPORT_JSON,
} SbExportFormat;

typedef enum
{
  SB_EXPORT_FLAGS_NONE             = 0,
  SB_EXPORT_FLAGS_INCLUDE_CONTACTS = 1 << 0,  /* the senders' e-mail or phone */
  SB_EXPORT_FLAGS_BOM              = 1 << 1,  /* CSV starts with a UTF-8 BOM, for Excel */
} SbExportFlags;

/* One row per record; the first row names the columns. */
typedef struct
{
  GStrv      header;
  GPtrArray *rows;     /* GStrv, as long as header */
} SbExportTable;

SbExportTable *sb_export_table_build (SbCampaign      *campaign,
                                      SbExportWhat     what,
                                      SbExportFlags    flags,
                                      GError         **error);
void           sb_export_table_free  (SbExportTable   *table);
char          *sb_export_table_to_csv  (const SbExportTable *table,
                                        SbExportFlags        flags);
char          *sb_export_table_to_json (const SbExportTable *table);
gboolean       sb_export_write       (SbCampaign      *campaign,
                                      SbExportWhat     what,
                                      SbExportFormat   format,
                                      SbExportFlags    flags,
                                      const char      *path,
                                      guint           *n_rows,
                                      GError         **error);

gboolean       sb_export_scans       (SbCampaign      *campaign,
                                      const char      *folder,
                                      guint           *n_files,
                                      GError         **error);

/* A new file, mode 0600 (sb-export.c). */
gboolean       _sb_export_write_private_file (const char  *path,
                                              const char  *data,
                                              gsize        length,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbExportTable, sb_export_table_free)

G_END_DECLS
