/* sb-exchange.h — offices exchanging changes: invitations, joining, the exchange
 * folder and what each replica has sent and received (docs/exchange.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

/* One replica of the campaign: an office's (a laptop's) campaign file. */
typedef struct
{
  char      *id;              /* the replica's identity */
  char      *office_code;     /* "PP" */
  char      *office_name;     /* "Phnom Penh office"; "" when the code is no partner
                                 office of the campaign (the coordinator's own) */
  char      *letter;          /* its letter in its own references: PP-A-0042 */
  gboolean   is_self;         /* this file */
  GDateTime *joined;
  GDateTime *last_sent;       /* this replica: its changes last written to the folder */
  GDateTime *last_received;   /* another replica: its last change applied here */
  gint64     changes_waiting; /* this replica: logged, not yet sent; another: received
                                 but held back until a missing one arrives */
  char      *waiting_for;     /* NULL, or what is missing: "changes 8 to 11" */
  gboolean   retired;         /* another replica this office no longer waits for (a
                                 laptop lost): old bundles leave the folder without it */
} SbReplica;

void        sb_replica_free                (SbReplica         *replica);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbReplica, sb_replica_free)

/* What one exchange did. */
typedef struct
{
  guint      changes_sent;
  guint      changes_received;  /* applied here */
  guint      bundles_refused;   /* not of this campaign, altered, …: left in the folder */
  guint      bundles_removed;   /* this replica's, every office having applied them */
  char      *held_back;         /* NULL, or why some changes wait: "waiting for changes
                                   8 to 11 from KC-B" (translated) */
  char      *refused;           /* NULL, or why bundles were refused, one line each
                                   (translated) */
} SbExchangeReport;

void        sb_exchange_report_clear       (SbExchangeReport  *report);

/* Is this campaign file one replica among several? */
gboolean    sb_campaign_is_replica         (SbCampaign        *self);

/* Every replica, this one first. */
GPtrArray  *sb_campaign_list_replicas      (SbCampaign        *self,
                                            GError           **error);
gboolean    sb_campaign_retire_replica     (SbCampaign        *self,
                                            const char        *replica_id,
                                            gboolean           retired,
                                            GError           **error);

/* The coordinating office invites an office (or one more laptop of an office): writes
 * an invitation file holding a snapshot of the campaign, the new replica's identity,
 * office and letter, and the campaign's exchange key, encrypted with the passphrase
 * (Argon2id). Makes this file a replica first if it is not one. */
gboolean    sb_campaign_invite_office      (SbCampaign        *self,
                                            const char        *office_code,
                                            const char        *passphrase,
                                            const char        *invitation_path,
                                            GError           **error);

/* Creates the campaign file at campaign_path from an invitation; refuses a wrong
 * passphrase or a damaged invitation without creating anything. */
gboolean    sb_campaign_join               (const char        *invitation_path,
                                            const char        *passphrase,
                                            const char        *campaign_path,
                                            GError           **error);

/* The exchange folder (a local setting of this replica, never shipped), or NULL. */
char       *sb_campaign_get_exchange_folder (SbCampaign       *self);
gboolean    sb_campaign_set_exchange_folder (SbCampaign       *self,
                                            const char        *folder,
                                            GError           **error);

/* Sends this replica's new changes to the folder, then applies what the others put
 * there: each origin's changes once and in order, all of it in one transaction. */
gboolean    sb_campaign_exchange           (SbCampaign        *self,
                                            const char        *folder,
                                            SbExchangeReport  *report,
                                            GCancellable      *cancellable,
                                            GError           **error);
/* The same in a worker thread, with progress (0..1) told in the main thread. */
void        sb_campaign_exchange_async     (SbCampaign        *self,
                                            const char        *folder,
                                            SbCheckProgress    progress,
                                            gpointer           progress_data,
                                            GCancellable      *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer           user_data);
gboolean    sb_campaign_exchange_finish    (SbCampaign        *self,
                                            GAsyncResult      *result,
                                            SbExchangeReport  *report,
                                            GError           **error);
/* One half of the exchange each (sambot-cli exchange send, exchange receive). */
gboolean    sb_campaign_send_changes       (SbCampaign        *self,
                                            const char        *folder,
                                            SbExchangeReport  *report,
                                            GError           **error);
gboolean    sb_campaign_receive_changes    (SbCampaign        *self,
                                            const char        *folder,
                                            SbExchangeReport  *report,
                                            GCancellable      *cancellable,
                                            GError           **error);

G_END_DECLS
