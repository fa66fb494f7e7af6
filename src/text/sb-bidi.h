/* sb-bidi.h — names that cannot turn the text around them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  sb_text_is_bidi_control       (gunichar    c);
char     *sb_text_strip_bidi_controls   (const char *text);
char     *sb_text_isolate               (const char *text);

G_END_DECLS
