/* sb-exchange-keeper.h — exchanging the open campaign's changes by itself, in the
 * background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-campaign.h"
#include "sb-exchange.h"

G_BEGIN_DECLS

#define SB_TYPE_EXCHANGE_KEEPER (sb_exchange_keeper_get_type ())

G_DECLARE_FINAL_TYPE (SbExchangeKeeper, sb_exchange_keeper, SB, EXCHANGE_KEEPER, GObject)

SbExchangeKeeper *sb_exchange_keeper_new            (void);
void              sb_exchange_keeper_set_campaign   (SbExchangeKeeper  *self,
                                                     SbCampaign        *campaign);
SbCampaign       *sb_exchange_keeper_get_campaign   (SbExchangeKeeper  *self);
const char       *sb_exchange_keeper_get_folder     (SbExchangeKeeper  *self);
gboolean          sb_exchange_keeper_set_folder     (SbExchangeKeeper  *self,
                                                     const char        *folder,
                                                     GError           **error);
gboolean          sb_exchange_keeper_get_busy       (SbExchangeKeeper  *self);
double            sb_exchange_keeper_get_progress   (SbExchangeKeeper  *self);
GDateTime        *sb_exchange_keeper_get_last_time  (SbExchangeKeeper  *self);
const char       *sb_exchange_keeper_get_last_failure (SbExchangeKeeper *self);
const char       *sb_exchange_keeper_get_held_back  (SbExchangeKeeper  *self);
void              sb_exchange_keeper_exchange_now   (SbExchangeKeeper  *self);
void              sb_exchange_keeper_set_delay      (SbExchangeKeeper  *self,
                                                     guint              delay_ms);

G_END_DECLS
