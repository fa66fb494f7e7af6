/* sb-text-width.c — how many terminal columns a text takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-text"

#include "config.h"

#include "sb-text.h"

/**
 * sb_text_display_width:
 *
 * Counts the cells a terminal gives @text, as wcwidth() and VTE count them: wide
 * (CJK) characters two, combining marks (Khmer vowel signs above and below, the
 * coeng U+17D2 and other Mn, Me) and format characters none, everything else one.
 * A Khmer subscript consonant after a coeng is a cell of its own for terminals, so
 * it counts one; bytes or code points would count "នី សុខា" 7 or 19, this counts 5.
 */
gsize
sb_text_display_width (const char *text)
{
  gsize width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}
