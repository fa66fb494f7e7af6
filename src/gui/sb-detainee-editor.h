/* sb-detainee-editor.h — adds or edits one detainee
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-record-editor.h"

G_BEGIN_DECLS

#define SB_TYPE_DETAINEE_EDITOR (sb_detainee_editor_get_type ())

G_DECLARE_FINAL_TYPE (SbDetaineeEditor, sb_detainee_editor, SB, DETAINEE_EDITOR, SbRecordEditor)

GtkWidget *sb_detainee_editor_new  (GtkWindow        *parent,
                                    SbCampaign       *campaign,
                                    const SbDetainee *detainee);
GtkWidget *sb_detainee_editor_open (GtkWidget        *from,
                                    SbCampaign       *campaign,
                                    const SbDetainee *detainee);

G_END_DECLS
