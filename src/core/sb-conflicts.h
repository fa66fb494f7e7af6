/* sb-conflicts.h — "Conflicts to review": values that lost when two offices
 * changed the same thing, and taking the other value (docs/exchange.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"
#include "sb-conflict.h"

G_BEGIN_DECLS

GPtrArray  *sb_campaign_list_conflicts   (SbCampaign   *self,
                                          GError      **error);
gboolean    sb_campaign_resolve_conflict (SbCampaign   *self,
                                          gint64        id,
                                          gboolean      take_other,
                                          GError      **error);
char       *sb_campaign_describe_writer  (SbCampaign   *self,
                                          const char   *replica);
const char *sb_conflict_field_label      (const char   *field);
const char *sb_conflict_rule_label       (const char   *rule);
gboolean    sb_conflict_rule_is_final    (const char   *rule);
gboolean    sb_conflict_can_take_other   (const SbConflict *conflict);

G_END_DECLS
