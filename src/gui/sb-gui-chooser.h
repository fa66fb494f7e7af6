/* sb-gui-chooser.h — choosing a file or a folder for a field of a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Told the local path chosen; not called if the person cancels or @owner is gone. */
typedef void (*SbPathChosen) (GtkWidget  *owner,
                              const char *path);

void _sb_gui_choose_path (GtkWidget            *owner,
                          const char           *title,
                          GtkFileChooserAction  action,
                          const char           *accept_label,
                          const char           *suggested_name,
                          const char           *current_path,
                          SbPathChosen          chosen);

G_END_DECLS
