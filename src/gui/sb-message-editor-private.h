/* sb-message-editor-private.h — shared between the files of SbMessageEditor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-message-editor.h"
#include "sb-scan-viewer.h"

G_BEGIN_DECLS

struct _SbMessageEditor
{
  GtkWidget          parent_instance;

  GtkWidget         *root;
  GtkLabel          *ref_label;
  GtkLabel          *status_label;
  GtkLabel          *saved_label;
  GtkLabel          *error_label;
  GtkRevealer       *save_failed_revealer;
  GtkLabel          *save_failed_label;
  GtkRevealer       *duplicate_revealer;
  GtkRevealer       *printed_revealer;
  GtkLabel          *printed_label;
  GtkLabel          *duplicate_label;
  GtkButton         *duplicate_open_button;
  SbScanViewer      *scan_viewer;
  GtkTextView       *text_view;
  GtkTextView       *translation_km_view;
  GtkWidget         *translation_km_box;
  GtkTextView       *translation_en_view;
  GtkTextView       *notes_view;
  GtkFlowBox        *addressees_box;
  AdwEntryRow       *sender_row;
  AdwEntryRow       *city_row;
  GtkDropDown       *country_dropdown;
  AdwComboRow       *consent_row;
  AdwComboRow       *channel_row;
  AdwEntryRow       *received_row;
  AdwComboRow       *office_row;
  AdwComboRow       *language_row;
  GtkListBox        *history_list;
  GtkToggleButton   *history_button;
  GtkWidget         *done_button;
  GtkWidget         *approve_button;
  GtkWidget         *hold_button;
  GtkCheckButton    *without_translation_check;

  SbCampaign        *campaign;
  gulong             changed_id;
  SbMessage         *message;          /* as last loaded or saved */
  GPtrArray         *detainee_ids;
  GPtrArray         *addressee_buttons;
  GtkToggleButton   *all_button;
  GPtrArray         *office_ids;       /* index 0: none */
  GPtrArray         *country_codes;    /* index 0: unknown */
  GPtrArray         *language_codes;   /* index 0: km; then any code a message brought */
  char              *duplicate_id;
  guint              save_id;          /* the next save, or the next try after a failure */
  gboolean           unsaved;          /* the form holds what the campaign does not */
  gint64             unsaved_since;    /* monotonic time of the first change not yet tried */
  GError            *save_error;       /* why the last save failed; retried until it works */
  guint              loading;
  gboolean           language_auto;
};

/* sb-message-editor-history.c */
void  _sb_message_editor_show_history (SbMessageEditor      *self);
char *_sb_describe_change             (SbCampaign            *campaign,
                                       const SbHistoryEntry  *entry,
                                       const char            *addressee,
                                       GError               **error);

/* sb-message-editor-addressees.c */
void  _sb_message_editor_fill_addressees        (SbMessageEditor *self);
void  _sb_message_editor_fill_addressee_buttons (SbMessageEditor *self,
                                                 GPtrArray       *detainees);

/* sb-message-editor-scans.c */
void  _sb_message_editor_init_scans   (SbMessageEditor *self);
void  _sb_message_editor_add_scan     (SbMessageEditor *self);
void  _sb_message_editor_paste_scan   (SbMessageEditor *self);
void  _sb_message_editor_check_duplicates (SbMessageEditor *self);

/* sb-message-editor-privacy.c */
void  _sb_message_editor_install_privacy_actions (GtkWidgetClass  *widget_class);
void  _sb_message_editor_show_printed            (SbMessageEditor *self);

/* sb-message-editor-review.c */
void  _sb_message_editor_install_review_actions (GtkWidgetClass *widget_class);

/* sb-message-editor-save.c */
void  _sb_message_editor_init_saving          (SbMessageEditor *self);
void  _sb_message_editor_install_save_actions (GtkWidgetClass  *widget_class);
void  _sb_message_editor_schedule_save        (SbMessageEditor *self);
void  _sb_message_editor_forget_unsaved       (SbMessageEditor *self);

/* sb-message-editor.c */
void  _sb_message_editor_show_error   (SbMessageEditor *self,
                                       const GError    *error);
void  _sb_message_editor_emit_open    (SbMessageEditor *self,
                                       const char      *message_id);
SbMessage *_sb_message_editor_read_form    (SbMessageEditor *self);
void  _sb_message_editor_update_actions (SbMessageEditor *self);
void  _sb_message_editor_set_editable   (SbMessageEditor *self,
                                         gboolean         editable);

G_END_DECLS
