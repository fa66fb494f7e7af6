/* sb-preferences-window.h — the person's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-backup-keeper.h"

G_BEGIN_DECLS

#define SB_TYPE_PREFERENCES_WINDOW (sb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SbPreferencesWindow, sb_preferences_window, SB, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *sb_preferences_window_new (SbBackupKeeper *backup_keeper);

G_END_DECLS
