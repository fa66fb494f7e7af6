/* sb-office-editor.h — adds or edits one partner office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-record-editor.h"

G_BEGIN_DECLS

#define SB_TYPE_OFFICE_EDITOR (sb_office_editor_get_type ())

G_DECLARE_FINAL_TYPE (SbOfficeEditor, sb_office_editor, SB, OFFICE_EDITOR, SbRecordEditor)

GtkWidget *sb_office_editor_new  (GtkWindow      *parent,
                                  SbCampaign     *campaign,
                                  const SbOffice *office);
GtkWidget *sb_office_editor_open (GtkWidget      *from,
                                  SbCampaign     *campaign,
                                  const SbOffice *office);

G_END_DECLS
