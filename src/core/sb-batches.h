/* sb-batches.h — delivery batches: draft → sealed → handed over → closed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"

G_BEGIN_DECLS

/* Version of the canonical listing the digest is computed over (docs/manifest-digest.md). */
#define SB_MANIFEST_DIGEST_FORMAT "sambot-manifest-digest 1"

/* One row of a batch as the manifest and the cards show it. */
typedef struct
{
  SbBatchItem *item;
  SbCopy      *copy;
  SbMessage   *message;
  SbDetainee  *detainee;
  char        *sender;         /* the name as consent allows it printed; "" if none */
  gboolean     sender_withheld; /* no consent: print "withheld", and no country */
} SbBatchLine;

/* A batch with everything printed about it, read at one moment. */
typedef struct
{
  char       *campaign_name;
  char       *hashtag;
  SbBatch    *batch;
  SbFacility *facility;
  GPtrArray  *lines;           /* SbBatchLine, in the order of the items */
} SbBatchListing;

/* One exception to "all delivered". */
typedef struct
{
  const char *message_id;      /* with detainee_id: the copy */
  const char *detainee_id;
  const char *outcome;         /* "rejected" or "returned" */
  const char *reason;          /* from the reasons of kind "reject"; may be "" for returned */
} SbBatchException;

void            sb_batch_line_free            (SbBatchLine      *line);
void            sb_batch_listing_free         (SbBatchListing   *listing);
const char     *sb_batch_state_label          (const char       *state);

GPtrArray      *sb_campaign_list_batches      (SbCampaign       *self,
                                               const char       *facility,
                                               GError          **error);
SbBatch        *sb_campaign_get_batch         (SbCampaign       *self,
                                               const char       *id_or_code,
                                               GError          **error);
GPtrArray      *sb_campaign_list_batch_items  (SbCampaign       *self,
                                               const char       *batch_id,
                                               GError          **error);
SbBatchListing *sb_campaign_get_batch_listing (SbCampaign       *self,
                                               const char       *batch_id,
                                               GError          **error);
GPtrArray      *sb_campaign_list_eligible_copies (SbCampaign    *self,
                                                  const char    *facility,
                                                  GError       **error);

/* Draft. */
SbBatch        *sb_campaign_create_batch      (SbCampaign       *self,
                                               const char       *facility,
                                               GError          **error);
gboolean        sb_campaign_batch_add         (SbCampaign       *self,
                                               const char       *batch_id,
                                               GPtrArray        *copies,
                                               GError          **error);
gboolean        sb_campaign_batch_remove      (SbCampaign       *self,
                                               const char       *batch_id,
                                               GPtrArray        *copies,
                                               GError          **error);
GPtrArray      *sb_campaign_find_copies       (SbCampaign       *self,
                                               const char       *message_ref,
                                               const char       *detainee,
                                               GError          **error);

/* Sealed and after. */
gboolean        sb_campaign_seal_batch        (SbCampaign       *self,
                                               const char       *batch_id,
                                               GError          **error);
gboolean        sb_campaign_hand_over_batch   (SbCampaign       *self,
                                               const char       *batch_id,
                                               const char       *handed_over_at,
                                               const char       *handed_by,
                                               const char       *received_by,
                                               const char       *received_position,
                                               GError          **error);
gboolean        sb_campaign_record_outcomes   (SbCampaign       *self,
                                               const char       *batch_id,
                                               const SbBatchException *exceptions,
                                               guint             n_exceptions,
                                               gboolean          rest_delivered,
                                               const char       *on,
                                               GError          **error);
gboolean        sb_campaign_close_batch       (SbCampaign       *self,
                                               const char       *batch_id,
                                               GError          **error);
gboolean        sb_campaign_correct_outcome   (SbCampaign       *self,
                                               const char       *batch_id,
                                               const char       *message_id,
                                               const char       *detainee_id,
                                               const char       *outcome,
                                               const char       *reason,
                                               const char       *note,
                                               GError          **error);

/* The digest of a sealed batch. */
char           *sb_batch_listing_canonical    (const SbBatchListing *listing);
char           *sb_batch_listing_digest       (const SbBatchListing *listing);
gboolean        sb_campaign_verify_batch      (SbCampaign       *self,
                                               const char       *batch_id,
                                               const char       *digest,
                                               gboolean         *matches,
                                               GError          **error);

/* Reasons a facility gives for rejecting an item. */
GPtrArray      *sb_campaign_list_reasons      (SbCampaign       *self,
                                               const char       *kind,
                                               GError          **error);
gboolean        sb_campaign_add_reason        (SbCampaign       *self,
                                               const char       *kind,
                                               const char       *label,
                                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBatchLine, sb_batch_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBatchListing, sb_batch_listing_free)

G_END_DECLS
