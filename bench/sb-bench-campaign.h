/* sb-bench-campaign.h — realistic campaigns of any size, made through the core API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"

G_BEGIN_DECLS

/* Terms the generator plants at known rates, so the search benchmark knows what is
 * rare and what is common whatever the size. */
#define SB_BENCH_RARE_LATIN  "ouagadougou"   /* a sender city: 1 message in 10,000 */
#define SB_BENCH_RARE_KHMER  "ស្ទឹងត្រែង"      /* Stung Treng, in Khmer texts: 1 in 10,000 */

typedef struct
{
  guint  messages;
  double seconds;          /* the whole bulk transaction, commit included */
  double add_seconds;      /* of which sb_campaign_add_message */
  double assign_seconds;   /* sb_campaign_assign */
  double review_seconds;   /* sb_campaign_approve / hold */
  double deliver_seconds;  /* copies delivered through the store */
  double commit_seconds;
} SbBenchTimes;

typedef enum
{
  SB_BENCH_FULL     = 0,       /* add, assign, review, deliver: a campaign as it lives */
  SB_BENCH_ADD_ONLY = 1 << 0,  /* only sb_campaign_add_message */
  SB_BENCH_INTAKE   = 1 << 1,  /* messages and copies through an SbMessageIntake */
} SbBenchFlags;

SbCampaign *sb_bench_create_campaign (const char    *path,
                                      guint32        seed,
                                      GError       **error);
gboolean    sb_bench_add_messages    (SbCampaign    *campaign,
                                      guint          n,
                                      guint32        seed,
                                      SbBenchFlags   flags,
                                      SbBenchTimes  *times,
                                      GError       **error);

G_END_DECLS
