/* sb-validate.h — checks of what people type, with messages that name the field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Longest text kept in one field, in characters. */
#define SB_MAX_NAME_CHARS    200
#define SB_MAX_LINE_CHARS    1000
#define SB_MAX_MESSAGE_CHARS 20000

typedef enum
{
  SB_FIELD_REQUIRED  = 1 << 0,
  SB_FIELD_MULTILINE = 1 << 1,
} SbFieldFlags;

gboolean sb_validate_text   (const char   *value,
                             const char   *field,
                             gsize         max_chars,
                             SbFieldFlags  flags,
                             GError      **error);
gboolean sb_validate_date   (const char   *value,
                             const char   *field,
                             SbFieldFlags  flags,
                             GError      **error);
gboolean sb_validate_code   (const char   *value,
                             const char   *field,
                             GError      **error);
gboolean sb_validate_choice (const char   *value,
                             const char   *field,
                             const char  *const *choices,
                             GError      **error);
gboolean sb_validate_word   (const char   *value,
                             const char   *field,
                             GType         words,
                             GError      **error);
gboolean sb_validate_country (const char  *value,
                              GError     **error);

G_END_DECLS
