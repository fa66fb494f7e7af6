/* sb-gui-a11y.h — names and focus as a screen reader and a keyboard meet them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sb_gui_a11y_install           (void);
void sb_gui_a11y_name_list_row     (GtkWidget  *row_child,
                                    const char *name);
void sb_gui_a11y_name_descendants  (GtkWidget  *widget,
                                    GType       type,
                                    const char *name);
void sb_gui_a11y_single_tab_stop   (GtkWidget  *list);

G_END_DECLS
