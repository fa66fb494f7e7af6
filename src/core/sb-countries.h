/* sb-countries.h — country names from iso-codes, in any language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  sb_country_is_known  (const char *code);
char     *sb_country_name      (const char *code,
                                const char *lang);

char     *sb_countries_json_file         (void);
void      sb_countries_bind_translations (void);

G_END_DECLS
