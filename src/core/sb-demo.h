/* sb-demo.h — the built-in demo campaign (#Freethe5KH, as of 10 October 2016)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sb_demo_create (const char  *path,
                         GError     **error);

G_END_DECLS
