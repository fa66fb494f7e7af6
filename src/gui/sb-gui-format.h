/* sb-gui-format.h — how the GUI words dates and counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-records.h"
#include "sb-names.h"
#include "sb-stats.h"

G_BEGIN_DECLS

char *_sb_format_number         (gint64                 n);
char *_sb_localise_digits       (char                  *text);
char *_sb_format_long_date      (const char            *iso_date);
char *_sb_format_days_detained  (const SbDetaineeStats *stats);
char *_sb_format_message_counts (gint64                 messages,
                                 gint64                 delivered);
char *_sb_format_moment         (const char            *iso);
char *_sb_format_time_ago       (GDateTime             *then,
                                 GDateTime             *now);

char *_sb_editable_dup_typed_digits (GtkEditable   *editable);
void  _sb_spin_button_use_interface_digits (GtkSpinButton *spin);

const char *_sb_format_message_status (const char *status);
const char *_sb_format_channel        (const char *channel);


G_END_DECLS
