/* sb-help.h — the user guide: in a help viewer, else in a web browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *sb_help_find_page (gboolean  *in_help_path);
void  sb_help_show      (GtkWindow *parent);

G_END_DECLS
