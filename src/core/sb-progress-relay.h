/* sb-progress-relay.h — progress told in a worker thread, shown in the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*SbProgressFunc) (double   fraction,
                                gpointer user_data);

typedef struct _SbProgressRelay SbProgressRelay;

SbProgressRelay *_sb_progress_relay_new    (GTask           *task,
                                            SbProgressFunc   progress,
                                            gpointer         user_data);
void             _sb_progress_relay_free   (SbProgressRelay *self);
void             _sb_progress_relay_report (double           fraction,
                                            gpointer         relay);

G_END_DECLS
