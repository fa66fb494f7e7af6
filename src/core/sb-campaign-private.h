/* sb-campaign-private.h — shared between the files of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"
#include "sb-enums.h"
#include "sb-store.h"

G_BEGIN_DECLS

SbStore  *_sb_campaign_get_store  (SbCampaign  *self);
SbCampaign *_sb_campaign_new_for_store (SbStore *store);
void      _sb_campaign_set_session_marker (SbCampaign *self,
                                           char       *marker);
char     *_sb_campaign_today      (SbCampaign  *self);

/* Ends the transaction of one operation: commits and announces the change when @ok,
 * otherwise rolls back. Returns @ok (FALSE also when the commit fails). */
gboolean  _sb_campaign_finish     (SbCampaign  *self,
                                   gboolean     ok,
                                   GError     **error);

/* One record written as its own saved operation (sb-campaign-people.c). */
typedef gboolean (*SbStoreWrite) (SbStore *store, gconstpointer record, GError **error);

gboolean  _sb_campaign_save_record (SbCampaign     *self,
                                    SbStoreWrite    write,
                                    gconstpointer   record,
                                    GError        **error);
void      _sb_campaign_ensure_id   (SbCampaign     *self,
                                    char          **id);

/* Adding messages: sb_campaign_add_message() and SbMessageIntake share these. The
 * _sb_message_ functions need no campaign and may run in any thread. */
gboolean  _sb_message_check_new          (SbMessage        *message,
                                          const char       *today,
                                          GError          **error);
char     *_sb_message_content_key        (const SbMessage  *message);
gboolean  _sb_campaign_check_office      (SbCampaign       *self,
                                          SbMessage        *message,
                                          GError          **error);
/* sb-campaign-exchange.c: this replica's letter in its references, or NULL */
char     *_sb_campaign_get_letter        (SbCampaign       *self);
char     *_sb_campaign_ref_prefix        (SbCampaign       *self,
                                          const SbMessage  *message,
                                          GError          **error);
gboolean  _sb_campaign_insert_message    (SbCampaign       *self,
                                          SbMessage        *message,
                                          const char       *prefix,
                                          gint64            sequence,
                                          const char       *content_key,
                                          GError          **error);

/* g_set_str() arrives only in GLib 2.76. */
static inline void
_sb_set_str (char       **field,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* Gives @message @status and moves its copies in state @copies_from to @copies_to
 * (%SB_COPY_STATE_UNKNOWN for @copies_from: the copies stay), in one operation. */
gboolean  _sb_campaign_change_status (SbCampaign       *self,
                                      SbMessage        *message,
                                      SbMessageStatus   status,
                                      SbCopyState       copies_from,
                                      SbCopyState       copies_to,
                                      GError          **error);

SbDetaineeStats *_sb_detainee_stats_new       (void);
GPtrArray       *_sb_detainee_stats_array_new (void);

/* Sets @error to SB_CORE_ERROR_NOT_ALLOWED with the formatted message; returns %FALSE. */
gboolean  _sb_not_allowed (GError     **error,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
