/* sb-application.h — the Sambot application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-backup-keeper.h"

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())

G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication  *sb_application_new               (void);
SbBackupKeeper *sb_application_get_backup_keeper (SbApplication *self);

G_END_DECLS
