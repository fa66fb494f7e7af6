/* sb-text-box.h — text boxes that grow with a message and break Khmer lines between words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void _sb_text_box_setup          (GtkTextView *view,
                                  guint        min_lines,
                                  guint        max_lines);
void _sb_text_box_mark_words_now (GtkTextView *view);

G_END_DECLS
