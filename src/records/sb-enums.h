/* sb-enums.h — the campaign's fixed words as registered enums
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each value's nick is the word the campaign file stores (messages.status,
 * messages.channel, messages.consent, copies.state, batches.state in
 * src/store/migrations/0001-campaign.sql), so the file does not change: the records
 * keep the word, the code compares the value. A word this version does not know (a
 * damaged file) reads as the type's _UNKNOWN, which no check takes for a known value
 * and which is never written back.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SB_MESSAGE_STATUS_UNKNOWN = -1,
  SB_MESSAGE_STATUS_NEW,
  SB_MESSAGE_STATUS_TRANSCRIBED,
  SB_MESSAGE_STATUS_APPROVED,
  SB_MESSAGE_STATUS_HELD,
  SB_MESSAGE_STATUS_DELETED,
} SbMessageStatus;

typedef enum
{
  SB_CHANNEL_UNKNOWN = -1,
  SB_CHANNEL_POSTCARD,
  SB_CHANNEL_ONLINE,
  SB_CHANNEL_OTHER,
} SbChannel;

typedef enum
{
  SB_CONSENT_UNKNOWN = -1,
  SB_CONSENT_NONE,
  SB_CONSENT_DETAINEE,
  SB_CONSENT_PUBLIC,
} SbConsent;

typedef enum
{
  SB_COPY_STATE_UNKNOWN = -1,
  SB_COPY_STATE_PENDING,
  SB_COPY_STATE_WAITING,
  SB_COPY_STATE_IN_BATCH,
  SB_COPY_STATE_DELIVERED,
  SB_COPY_STATE_REJECTED,
  SB_COPY_STATE_RETURNED,
} SbCopyState;

typedef enum
{
  SB_BATCH_STATE_UNKNOWN = -1,
  SB_BATCH_STATE_DRAFT,
  SB_BATCH_STATE_SEALED,
  SB_BATCH_STATE_HANDED_OVER,
  SB_BATCH_STATE_CLOSED,
} SbBatchState;

#define SB_TYPE_MESSAGE_STATUS (sb_message_status_get_type ())
#define SB_TYPE_CHANNEL        (sb_channel_get_type ())
#define SB_TYPE_CONSENT        (sb_consent_get_type ())
#define SB_TYPE_COPY_STATE     (sb_copy_state_get_type ())
#define SB_TYPE_BATCH_STATE    (sb_batch_state_get_type ())

GType            sb_message_status_get_type  (void) G_GNUC_CONST;
GType            sb_channel_get_type         (void) G_GNUC_CONST;
GType            sb_consent_get_type         (void) G_GNUC_CONST;
GType            sb_copy_state_get_type      (void) G_GNUC_CONST;
GType            sb_batch_state_get_type     (void) G_GNUC_CONST;

SbMessageStatus  sb_message_status_from_nick (const char      *nick);
const char      *sb_message_status_to_nick   (SbMessageStatus  status);
SbChannel        sb_channel_from_nick        (const char      *nick);
const char      *sb_channel_to_nick          (SbChannel        channel);
SbConsent        sb_consent_from_nick        (const char      *nick);
const char      *sb_consent_to_nick          (SbConsent        consent);
SbCopyState      sb_copy_state_from_nick     (const char      *nick);
const char      *sb_copy_state_to_nick       (SbCopyState      state);
SbBatchState     sb_batch_state_from_nick    (const char      *nick);
const char      *sb_batch_state_to_nick      (SbBatchState     state);

gboolean         sb_copy_state_is_underway   (const char      *state);

G_END_DECLS
