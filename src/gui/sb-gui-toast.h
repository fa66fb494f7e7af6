/* sb-gui-toast.h — how a failure reaches the person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void _sb_gui_report_error (GtkWidget    *widget,
                           const GError *error);
void _sb_gui_toast        (GtkWidget    *widget,
                           const char   *text);
void _sb_gui_add_toast    (GtkWidget    *widget,
                           AdwToast     *toast);

G_END_DECLS
