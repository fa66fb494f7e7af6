/* sb-store-stats.h — the figures by the campaign's counting rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-stats.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* Counts by the campaign's counting rules, as of a day. */
typedef struct
{
  gint64 messages_received;     /* any status but deleted, not a duplicate */
  gint64 messages_sent;         /* received and not held */
  gint64 messages_held;
  gint64 messages_delivered;    /* every copy delivered */
  gint64 messages_new;
  gint64 messages_transcribed;
  gint64 messages_approved;
  gint64 copies_pending;
  gint64 copies_waiting;
  gint64 copies_in_batch;
  gint64 copies_delivered;
  gint64 copies_rejected;
  gint64 copies_returned;
} SbStoreCounts;

typedef struct
{
  char  *detainee_id;
  gint64 copies;                /* messages received for this detainee */
  gint64 delivered;
} SbStoreDetaineeCounts;
void                sb_store_detainee_counts_free (SbStoreDetaineeCounts *counts);

/* The figures as of a day (NULL: every day). */
gboolean            sb_store_count              (SbStore           *self,
                                                 const char        *as_of,
                                                 SbStoreCounts     *counts,
                                                 GPtrArray        **by_detainee,
                                                 GError           **error);

G_END_DECLS
