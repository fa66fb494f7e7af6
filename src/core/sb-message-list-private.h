/* sb-message-list-private.h — what the message list's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign-private.h"
#include "sb-message-list.h"

G_BEGIN_DECLS

struct _SbMessageList
{
  GObject        parent_instance;

  SbCampaign    *campaign;
  gulong         changed_id;
  guint          refresh_id;
  guint          rows_id;

  char          *filters[SB_MESSAGE_N_FILTERS];
  char          *search_key;
  gboolean       needs_translation;
  SbMessageSort  sort;
  gboolean       descending;

  GArray        *rowids;
  GHashTable    *cache;          /* position → SbMessageRow */

  gboolean       background;     /* the whole order is read in a thread */
  gboolean       complete;       /* rowids holds every message the filters show */
  guint          generation;     /* of the latest reload: older answers are dropped */
  GCancellable  *loading;        /* the thread's job, while it runs */
};

void     _sb_message_list_fill_query      (SbMessageList        *self,
                                           SbStoreMessageQuery  *query);
void     _sb_message_list_apply_rowids    (SbMessageList        *self,
                                           GArray               *rowids);
void     _sb_message_list_notify_complete (SbMessageList        *self);
void     _sb_message_list_read_failed     (SbMessageList        *self,
                                           const GError         *error);

/* sb-message-list-loading.c */
void     _sb_message_list_stop_loading    (SbMessageList        *self);
gboolean _sb_message_list_reload          (SbMessageList        *self,
                                           gboolean              first_screen,
                                           GError              **error);

G_END_DECLS
