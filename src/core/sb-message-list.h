/* sb-message-list.h — the campaign's messages as a list model, filtered and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-campaign.h"
#include "sb-message-row.h"

G_BEGIN_DECLS

typedef enum
{
  SB_MESSAGE_SORT_DATE,
  SB_MESSAGE_SORT_REF,
  SB_MESSAGE_SORT_SENDER,     /* Khmer collation */
} SbMessageSort;

/**
 * SbMessageFilter:
 * Which filter of the list a setter changes. Strings are ids or codes; NULL or ""
 * means "any".
 */
typedef enum
{
  SB_MESSAGE_FILTER_STATUS,   /* "new", "transcribed", "approved", "held", "deleted" */
  SB_MESSAGE_FILTER_CHANNEL,
  SB_MESSAGE_FILTER_DETAINEE, /* a detainee id */
  SB_MESSAGE_FILTER_OFFICE,   /* a partner office id */
  SB_MESSAGE_FILTER_LANGUAGE,
  SB_MESSAGE_FILTER_SEARCH,   /* what the person typed in the search field */
  SB_MESSAGE_N_FILTERS
} SbMessageFilter;

/* Past this many, a count of the list is "1,000+" until the list is complete. */
#define SB_MESSAGE_LIST_COUNT_MAX 1000

/* How long the campaign must be quiet before the list reads its ids again. */
#define SB_MESSAGE_LIST_REFRESH_DELAY_MS 1000

#define SB_TYPE_MESSAGE_LIST (sb_message_list_get_type ())
G_DECLARE_FINAL_TYPE (SbMessageList, sb_message_list, SB, MESSAGE_LIST, GObject)

SbMessageList *sb_message_list_new                   (SbCampaign      *campaign);
SbMessageList *sb_message_list_new_in_background     (SbCampaign      *campaign);
gboolean       sb_message_list_is_complete           (SbMessageList   *self);
gboolean       sb_message_list_set_filter            (SbMessageList   *self,
                                                      SbMessageFilter  filter,
                                                      const char      *value,
                                                      GError         **error);
gboolean       sb_message_list_set_needs_translation (SbMessageList   *self,
                                                      gboolean         needs_translation,
                                                      GError         **error);
gboolean       sb_message_list_set_sort              (SbMessageList   *self,
                                                      SbMessageSort    sort,
                                                      gboolean         descending,
                                                      GError         **error);
gboolean       sb_message_list_refresh               (SbMessageList   *self,
                                                      GError         **error);
guint          sb_message_list_find                  (SbMessageList   *self,
                                                      const char      *message_id,
                                                      GError         **error);

/* For the tests (sb-message-list.c). */
void           _sb_message_list_hold_background      (gboolean         hold);

G_END_DECLS
