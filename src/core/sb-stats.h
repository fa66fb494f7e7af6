/* sb-stats.h — the campaign's figures, as of a day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *detainee_id;
  char   *name_en;
  char   *name_km;
  char   *detained_on;       /* or NULL */
  char   *released_on;       /* or NULL */
  int     days_detained;     /* -1 when the arrest date is unknown */
  gboolean released;         /* released on or before the as-of day */
  gint64  messages;          /* copies received for them (messages sent) */
  gint64  delivered;         /* copies delivered */
} SbDetaineeStats;

typedef struct
{
  char      *as_of;                 /* YYYY-MM-DD */
  char      *launch_date;           /* or NULL */
  int        campaign_day;          /* days since launch, -1 if unknown */
  gint64     messages_received;
  gint64     messages_sent;         /* received and not held */
  gint64     messages_held;
  gint64     messages_delivered;    /* every copy delivered */
  gint64     messages_waiting;      /* sent, not yet delivered */
  gint64     messages_new;
  gint64     messages_transcribed;
  gint64     messages_approved;
  gint64     copies_pending;
  gint64     copies_waiting;
  gint64     copies_in_batch;
  gint64     copies_delivered;
  gint64     copies_rejected;
  gint64     copies_returned;
  GPtrArray *detainees;             /* SbDetaineeStats */
} SbStats;

void  sb_stats_free           (SbStats    *stats);
int   sb_days_between         (const char *from,
                               const char *to);
int   sb_days_detained        (const char *detained_on,
                               const char *released_on,
                               const char *as_of);
char *sb_today                (void);
gboolean sb_date_is_valid     (const char *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStats, sb_stats_free)

G_END_DECLS
