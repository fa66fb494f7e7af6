/* sb-store-breakdown.h — figures by day, country, office and language; milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-breakdown.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* What messages sent are grouped by; the key of each tally. */
typedef enum
{
  SB_STORE_BY_DAY,        /* received_on: "YYYY-MM-DD", oldest first */
  SB_STORE_BY_COUNTRY,    /* sender_country: "KH", "" when not given */
  SB_STORE_BY_OFFICE,     /* office_id, "" for none */
  SB_STORE_BY_LANGUAGE,   /* language: "km", "en"…, "" when unknown */
  SB_STORE_N_GROUPINGS
} SbStoreGrouping;

typedef struct
{
  char  *key;
  gint64 count;
} SbStoreTally;
void                sb_store_tally_free         (SbStoreTally      *tally);
gboolean            sb_store_count_breakdown    (SbStore           *self,
                                                 const char        *as_of,
                                                 GPtrArray         *groups[SB_STORE_N_GROUPINGS],
                                                 GError           **error);
gboolean            sb_store_insert_milestone   (SbStore           *self,
                                                 const SbMilestone *milestone,
                                                 GError           **error);
gboolean            sb_store_delete_milestone   (SbStore           *self,
                                                 const char        *id,
                                                 GError           **error);
GPtrArray          *sb_store_list_milestones    (SbStore           *self,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreTally, sb_store_tally_free)

G_END_DECLS
