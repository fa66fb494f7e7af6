/* sb-breakdown.h — where the messages come from and when: the figures of the
 * dashboard and infographics beyond sb_campaign_get_stats(); milestones; colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"
#include "sb-records.h"

G_BEGIN_DECLS

/* The campaign's two colours, "#rrggbb": the ground of its pictures and the
 * colour that stands out on it. */
#define SB_SETTING_COLOR_PRIMARY  "color-primary"
#define SB_SETTING_COLOR_ACCENT   "color-accent"
#define SB_DEFAULT_COLOR_PRIMARY  "#13294b"
#define SB_DEFAULT_COLOR_ACCENT   "#f6b221"

/* One group of messages sent: a country, a partner office, a language. */
typedef struct
{
  char  *key;      /* "KH"; an office id; "km"; "" for not given */
  char  *label;    /* its name in the interface language */
  gint64 count;
} SbTally;

typedef struct
{
  char      *as_of;        /* YYYY-MM-DD */
  char      *first_week;   /* the day week 0 starts (the launch), or NULL if none */
  GArray    *weeks;        /* gint64: messages sent in each week since first_week */
  gint64     total;        /* messages sent */
  GPtrArray *countries;    /* SbTally, largest first */
  GPtrArray *offices;      /* SbTally, largest first */
  GPtrArray *languages;    /* SbTally, largest first */
} SbBreakdown;

void         sb_tally_free                (SbTally     *tally);
void         sb_breakdown_free            (SbBreakdown *breakdown);
SbBreakdown *sb_campaign_get_breakdown    (SbCampaign  *self,
                                           const char  *as_of,
                                           GError     **error);
char        *sb_language_name             (const char  *code);

/* Milestones: days on the campaign's timeline (the launch comes from its setting). */
gboolean     sb_campaign_validate_milestone (SbCampaign         *self,
                                             const SbMilestone  *milestone,
                                             const char        **field,
                                             GError            **error);
gboolean     sb_campaign_add_milestone    (SbCampaign  *self,
                                           SbMilestone *milestone,
                                           GError     **error);
GPtrArray   *sb_campaign_list_milestones  (SbCampaign  *self,
                                           GError     **error);
gboolean     sb_campaign_remove_milestone (SbCampaign  *self,
                                           const char  *id,
                                           GError     **error);

/* Colours. */
gboolean     sb_color_parse               (const char  *text,
                                           double       rgb[3]);
char        *sb_campaign_get_color        (SbCampaign  *self,
                                           const char  *key,
                                           GError     **error);
gboolean     sb_campaign_set_color        (SbCampaign  *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTally, sb_tally_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBreakdown, sb_breakdown_free)

G_END_DECLS
