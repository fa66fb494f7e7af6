/* sb-facility-editor.h — adds or edits one place of detention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-record-editor.h"

G_BEGIN_DECLS

#define SB_TYPE_FACILITY_EDITOR (sb_facility_editor_get_type ())

G_DECLARE_FINAL_TYPE (SbFacilityEditor, sb_facility_editor, SB, FACILITY_EDITOR, SbRecordEditor)

GtkWidget *sb_facility_editor_new  (GtkWindow        *parent,
                                    SbCampaign       *campaign,
                                    const SbFacility *facility);
GtkWidget *sb_facility_editor_open (GtkWidget        *from,
                                    SbCampaign       *campaign,
                                    const SbFacility *facility);

G_END_DECLS
