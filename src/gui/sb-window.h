/* sb-window.h — the main window: welcome page or one open campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())

G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow   *sb_window_new               (GtkApplication *application);
SbCampaign *sb_window_get_campaign      (SbWindow       *self);
void        sb_window_set_campaign      (SbWindow       *self,
                                         SbCampaign     *campaign);
gboolean    sb_window_load              (SbWindow       *self,
                                         GFile          *file,
                                         GError        **error);
void        sb_window_open              (SbWindow       *self,
                                         GFile          *file);
void        sb_window_close_campaign    (SbWindow       *self);
void        sb_window_new_campaign      (SbWindow       *self);
void        sb_window_choose_campaign   (SbWindow       *self);
void        sb_window_show_error        (SbWindow       *self,
                                         const char     *heading,
                                         const GError   *error);
void        sb_window_add_toast         (SbWindow       *self,
                                         AdwToast       *toast);

G_END_DECLS
