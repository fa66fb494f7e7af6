/* sb-backup-keeper.h — the open campaign's daily backups, made in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_TYPE_BACKUP_KEEPER (sb_backup_keeper_get_type ())

G_DECLARE_FINAL_TYPE (SbBackupKeeper, sb_backup_keeper, SB, BACKUP_KEEPER, GObject)

SbBackupKeeper *sb_backup_keeper_new            (void);
void            sb_backup_keeper_set_campaign   (SbBackupKeeper       *self,
                                                 const char           *campaign_path);
const char     *sb_backup_keeper_get_campaign   (SbBackupKeeper       *self);
char           *sb_backup_keeper_dup_folder     (SbBackupKeeper       *self);
gboolean        sb_backup_keeper_get_busy       (SbBackupKeeper       *self);
GDateTime      *sb_backup_keeper_get_last_time  (SbBackupKeeper       *self);
const char     *sb_backup_keeper_get_last_error (SbBackupKeeper       *self);
void            sb_backup_keeper_back_up_now    (SbBackupKeeper       *self);

void            sb_backup_keeper_restore_async  (SbBackupKeeper       *self,
                                                 const char           *backup,
                                                 const char           *campaign_path,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        sb_backup_keeper_restore_finish (SbBackupKeeper       *self,
                                                 GAsyncResult         *result,
                                                 char                **replaced,
                                                 GError              **error);

G_END_DECLS
