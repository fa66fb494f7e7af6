/* sb-messages-page-private.h — what the Messages section's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sb-messages-page.c: the list, its selection, the editor beside it, the actions;
 * sb-messages-page-filters.c: the filters, the search and the count above the list;
 * sb-messages-page-scans.c: Add Scans from a Folder.
 */

#pragma once

#include <adwaita.h>

#include "sb-message-editor.h"
#include "sb-message-list.h"
#include "sb-messages-page.h"

G_BEGIN_DECLS

struct _SbMessagesPage
{
  GtkWidget           parent_instance;

  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *editor_pane;
  GtkLabel           *queue_label;
  GtkLabel           *count_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *channel_dropdown;
  GtkDropDown        *detainee_dropdown;
  GtkDropDown        *office_dropdown;
  GtkDropDown        *language_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkCheckButton     *needs_translation_check;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkRevealer        *progress_revealer;
  GtkProgressBar     *progress_bar;
  SbMessageEditor    *editor;

  SbCampaign         *campaign;
  gulong              changed_id;
  SbMessageList      *messages;
  GtkSingleSelection *selection;
  GPtrArray          *detainee_ids;
  GPtrArray          *office_ids;
  GCancellable       *import_cancellable;
  guint               queue_id;
  guint               reselect_id;
  guint               selecting;
};

/* sb-messages-page.c */
void _sb_messages_page_select_message      (SbMessagesPage *self,
                                            const char     *message_id);

/* sb-messages-page-filters.c */
void _sb_messages_page_update_count        (SbMessagesPage *self);
void _sb_messages_page_apply_filters       (SbMessagesPage *self);
void _sb_messages_page_fill_filter_choices (SbMessagesPage *self);
void _sb_messages_page_filters_changed_cb  (SbMessagesPage *self);
void _sb_messages_page_search_changed_cb   (SbMessagesPage *self);

/* sb-messages-page-scans.c */
void _sb_messages_page_add_folder_action   (GtkWidget      *widget,
                                            const char     *action_name,
                                            GVariant       *parameter);

G_END_DECLS
