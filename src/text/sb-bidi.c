/* sb-bidi.c — names that cannot turn the text around them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A name typed or imported with a bidirectional control character (U+202E RIGHT-TO-LEFT
 * OVERRIDE…) prints reversed, and can reverse the words after it: "Dara" followed by
 * U+202E turns the rest of its line around. Printed documents drop these characters
 * from names; the window drops them too, and shows a right-to-left name as an isolate
 * (U+2068 … U+2069), so a name never changes how the sentence around it reads.
 * The stored text stays as it was typed.
 */

#define G_LOG_DOMAIN "sambot-text"

#include <string.h>
#include <unicode/uchar.h>

#include "sb-bidi.h"

#define FIRST_STRONG_ISOLATE     0x2068
#define POP_DIRECTIONAL_ISOLATE  0x2069

/**
 * sb_text_is_bidi_control:
 *
 * Returns: %TRUE for the explicit bidirectional formatting characters: embeddings and
 *   overrides (U+202A–U+202E), isolates (U+2066–U+2069), and the marks U+200E, U+200F
 *   and U+061C
 */
gboolean
sb_text_is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200E || c == 0x200F || c == 0x061C;
}

/**
 * sb_text_strip_bidi_controls:
 * @text: (nullable): UTF-8 text
 *
 * Returns: (transfer full): @text without its bidirectional control characters;
 *   letters of right-to-left scripts keep their own direction
 */
char *
sb_text_strip_bidi_controls (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!sb_text_is_bidi_control (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_right_to_left (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      UCharDirection direction = u_charDirection ((UChar32) g_utf8_get_char (p));

      if (direction == U_RIGHT_TO_LEFT || direction == U_RIGHT_TO_LEFT_ARABIC)
        return TRUE;
    }
  return FALSE;
}

/**
 * sb_text_isolate:
 * @text: (nullable): a name to show inside a sentence or a label
 *
 * Returns: (transfer full): @text without bidirectional controls; a name with
 *   right-to-left letters (Arabic, Hebrew…) also between FIRST STRONG ISOLATE and POP
 *   DIRECTIONAL ISOLATE, so that the punctuation after it stays in its place. Other
 *   names get no isolate: screen readers and searches see them as typed.
 */
char *
sb_text_isolate (const char *text)
{
  g_autofree char *plain = sb_text_strip_bidi_controls (text);
  char start[8] = { 0, }, end[8] = { 0, };

  if (!has_right_to_left (plain))
    return g_steal_pointer (&plain);
  g_unichar_to_utf8 (FIRST_STRONG_ISOLATE, start);
  g_unichar_to_utf8 (POP_DIRECTIONAL_ISOLATE, end);
  return g_strconcat (start, plain, end, NULL);
}
