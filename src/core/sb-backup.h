/* sb-backup.h — backups of a campaign file: daily ones in a folder, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-store-error.h"  /* the errors of the functions below */

G_BEGIN_DECLS

/* How many daily backups of a campaign a backup folder keeps. */
#define SB_BACKUP_KEEP_DAYS 7

char       *sb_backup_default_folder  (void);
char       *sb_backup_daily_name      (const char  *campaign_path,
                                       GDateTime   *day);
GPtrArray  *sb_backup_list_daily      (const char  *campaign_path,
                                       const char  *folder);
gboolean    sb_backup_is_due          (const char  *campaign_path,
                                       const char  *folder,
                                       GDateTime   *now);
char       *sb_backup_make_daily      (const char  *campaign_path,
                                       const char  *folder,
                                       GDateTime   *now,
                                       GError     **error);
gboolean    sb_backup_restore         (const char  *backup,
                                       const char  *campaign_path,
                                       char       **replaced,
                                       GError     **error);
gboolean    sb_backup_file_is_open    (const char  *path);

G_END_DECLS
