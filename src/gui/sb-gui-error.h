/* sb-gui-error.h — how a failure reaches the person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _sb_gui_report_error (GtkWidget    *widget,
                           const GError *error);

G_END_DECLS
