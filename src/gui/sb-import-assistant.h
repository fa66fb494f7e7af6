/* sb-import-assistant.h — importing online messages: file, columns, progress, result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_IMPORT_ASSISTANT (sb_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (SbImportAssistant, sb_import_assistant, SB, IMPORT_ASSISTANT, AdwWindow)

SbImportAssistant *sb_import_assistant_new              (GtkWindow  *parent,
                                                         SbCampaign *campaign);
void               sb_import_assistant_open_file        (SbImportAssistant *self,
                                                         GFile      *file);
void               sb_import_assistant_add_drop_target  (GtkWidget  *window);

G_END_DECLS
