/* sb-transcription.h — the transcription desk: queue, delete and restore, duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"

G_BEGIN_DECLS

/* How close two texts must be (trigram similarity of their keys) to be flagged. */
#define SB_DUPLICATE_SIMILARITY 0.85

typedef enum
{
  SB_DUPLICATE_TEXT,          /* nearly the same text */
  SB_DUPLICATE_SCAN,          /* the same picture */
} SbDuplicateKind;

/* A message that looks like the one being typed. */
typedef struct
{
  char            *message_id;
  char            *ref;
  SbDuplicateKind  kind;
  double           similarity;   /* 1.0 for the same picture */
} SbDuplicate;

void        sb_duplicate_free                  (SbDuplicate  *duplicate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbDuplicate, sb_duplicate_free)

double      sb_text_similarity                 (const char   *key_a,
                                                const char   *key_b);

gboolean    sb_campaign_delete_message         (SbCampaign   *self,
                                                const char   *message_id,
                                                GError      **error);
gboolean    sb_campaign_restore_message        (SbCampaign   *self,
                                                const char   *message_id,
                                                GError      **error);
char       *sb_campaign_next_to_transcribe     (SbCampaign   *self,
                                                const char   *after_id,
                                                GError      **error);
char       *sb_campaign_next_to_review         (SbCampaign   *self,
                                                const char   *after_id,
                                                GError      **error);
gboolean    sb_campaign_count_queue            (SbCampaign   *self,
                                                gint64       *to_transcribe,
                                                gint64       *to_review,
                                                GError      **error);
GPtrArray  *sb_campaign_find_duplicates        (SbCampaign   *self,
                                                const char   *message_id,
                                                const char   *text,
                                                GError      **error);

G_END_DECLS
