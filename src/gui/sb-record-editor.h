/* sb-record-editor.h — what the editors of one record share: a window with Cancel and
 * Save that checks the form with the core as the person types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_RECORD_EDITOR (sb_record_editor_get_type ())

G_DECLARE_DERIVABLE_TYPE (SbRecordEditor, sb_record_editor, SB, RECORD_EDITOR, AdwWindow)

/**
 * SbRecordEditorClass:
 * @load: names the window (sb_record_editor_set_titles()) and fills the form from
 *   the record being edited; called once the campaign is known
 * @validate: checks the form with the core. Returns %TRUE when it can be saved.
 *   Otherwise sets @error to what is wrong and @at_fault to the field's widget (or
 *   %NULL); or, when the form is only unfinished (a required field still empty),
 *   leaves @error unset: Save stays off and nothing is said
 * @save: adds or updates the record; on success sets @id and @name for ::saved
 */
struct _SbRecordEditorClass
{
  AdwWindowClass parent_class;

  void     (*load)     (SbRecordEditor  *self);
  gboolean (*validate) (SbRecordEditor  *self,
                        GtkWidget      **at_fault,
                        GError         **error);
  gboolean (*save)     (SbRecordEditor  *self,
                        char           **id,
                        char           **name,
                        GError         **error);
};

void        sb_record_editor_class_set_template (GtkWidgetClass *widget_class,
                                                 const char     *resource_path);

SbCampaign *sb_record_editor_get_campaign (SbRecordEditor *self);
void        sb_record_editor_set_titles   (SbRecordEditor *self,
                                           const char     *title,
                                           const char     *subtitle);
void        sb_record_editor_validate     (SbRecordEditor *self);
GtkWidget  *sb_record_editor_open         (SbRecordEditor *self,
                                           GtkWidget      *from);

/* For the subclasses' forms: an entry's text without the spaces around it, and a
 * stored value shown in one (NULL as empty). */
char       *_sb_entry_row_dup_text        (AdwEntryRow    *row);
void        _sb_entry_row_set_text        (AdwEntryRow    *row,
                                           const char     *text);

G_END_DECLS
