/* sb-campaign-private.h — shared between the files of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-campaign.h"
#include "sb-store.h"

G_BEGIN_DECLS

SbStore  *_sb_campaign_get_store  (SbCampaign  *self);
char     *_sb_campaign_today      (SbCampaign  *self);

/* Ends the transaction of one operation: commits and announces the change when @ok,
 * otherwise rolls back. Returns @ok (FALSE also when the commit fails). */
gboolean  _sb_campaign_finish     (SbCampaign  *self,
                                   gboolean     ok,
                                   GError     **error);

/* g_set_str() arrives only in GLib 2.76. */
static inline void
_sb_set_str (char       **field,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

SbDetaineeStats *_sb_detainee_stats_new       (void);
GPtrArray       *_sb_detainee_stats_array_new (void);

G_END_DECLS
