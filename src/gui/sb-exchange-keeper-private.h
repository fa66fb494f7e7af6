/* sb-exchange-keeper-private.h — shared between the files of SbExchangeKeeper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-exchange-keeper.h"

G_BEGIN_DECLS

/* After a change is saved: long enough for a postcard's fields to travel as one. */
#define CHANGE_DELAY_MS (10 * 1000)
/* After a file appears in the folder: a sync engine writes several in a row. */
#define ARRIVAL_DELAY_MS 1500

struct _SbExchangeKeeper
{
  GObject       parent_instance;

  SbCampaign   *campaign;
  gulong        changed_id;
  char         *folder;
  char         *self_id;      /* this replica's identity: its own files are not news */
  GFileMonitor *monitor;
  GCancellable *cancellable;
  GDateTime    *last_time;
  char         *last_failure; /* told already; not again until an exchange works */
  char         *held_back;    /* what the last exchange that worked left waiting, and why */
  double        progress;
  guint         delay_ms;
  guint         timeout_id;
  guint         busy : 1;
  guint         asked : 1;    /* the exchange running was asked for (Exchange Now) */
  guint         again : 1;    /* something new came while it ran */
  guint         again_asked : 1;
  guint         changed_meanwhile : 1; /* a change saved while it ran */
  guint         finishing : 1;  /* what it applied is being announced */
};

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_LAST_TIME,
  N_PROPS
};

/* sb-exchange-keeper.c */
void _sb_exchange_keeper_notify        (SbExchangeKeeper       *self,
                                        guint                   prop_id);
void _sb_exchange_keeper_emit_finished (SbExchangeKeeper       *self,
                                        gboolean                asked,
                                        const SbExchangeReport *report,
                                        const GError           *error);
void _sb_exchange_keeper_emit_failed   (SbExchangeKeeper       *self,
                                        const GError           *error);

/* sb-exchange-keeper-run.c: when to exchange, and exchanging in a worker thread */
void _sb_exchange_keeper_schedule      (SbExchangeKeeper       *self,
                                        guint                   delay_ms);
void _sb_exchange_keeper_start         (SbExchangeKeeper       *self,
                                        gboolean                asked);

/* sb-exchange-keeper-folder.c: the folder, watched for other offices' files */
void _sb_exchange_keeper_read_folder   (SbExchangeKeeper       *self);
void _sb_exchange_keeper_read_self_id  (SbExchangeKeeper       *self);

G_END_DECLS
