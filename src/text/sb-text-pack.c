/* sb-text-pack.c — texts kept small: SCSU, the Unicode compression scheme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Khmer takes three bytes a character in UTF-8 and one in SCSU (Unicode Technical
 * Standard #6), which ICU converts both ways. The store keeps a message's texts
 * packed (docs/campaign-file.md, "Texts"); a text of ASCII alone is the same bytes
 * in both, so it stays UTF-8 and costs nothing to read.
 */

#define G_LOG_DOMAIN "sambot-text"

#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "sb-text.h"

/* ICU converters keep state: one per thread, as the collators (sb-text-icu.c). */
static GPrivate converter_private = G_PRIVATE_INIT ((GDestroyNotify) ucnv_close);

static UConverter *
get_converter (void)
{
  UConverter *converter = g_private_get (&converter_private);
  UErrorCode status = U_ZERO_ERROR;

  if (converter != NULL)
    return converter;
  converter = ucnv_open ("SCSU", &status);
  if (U_FAILURE (status))
    g_error ("Cannot open ICU's SCSU converter: %s", u_errorName (status));
  g_private_set (&converter_private, converter);
  return converter;
}

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

guint8 *
sb_text_pack (const char *text,
              gsize       length,
              gsize      *packed_length)
{
  g_autofree UChar *utf16 = NULL;
  g_autofree guint8 *packed = NULL;
  UErrorCode status = U_ZERO_ERROR;
  int32_t utf16_length = 0;
  int32_t size;

  *packed_length = 0;
  if (length > G_MAXINT32 / 4 || is_ascii (text, length))
    return NULL;

  utf16 = g_new (UChar, length + 1);
  u_strFromUTF8 (utf16, (int32_t) length + 1, &utf16_length, text, (int32_t) length, &status);
  if (U_FAILURE (status))
    return NULL;

  /* SCSU never needs more than three bytes for one UTF-16 unit, nor a few more
   * to start (UTS #6, "Worst-case behavior"). ucnv_fromUChars resets the state. */
  packed = g_malloc (3 * (gsize) utf16_length + 16);
  size = ucnv_fromUChars (get_converter (), (char *) packed, 3 * utf16_length + 16,
                          utf16, utf16_length, &status);
  if (U_FAILURE (status) || (gsize) size >= length)
    return NULL;

  *packed_length = size;
  return g_steal_pointer (&packed);
}

char *
sb_text_unpack (const guint8 *packed,
                gsize         length)
{
  g_autofree UChar *utf16 = NULL;
  UErrorCode status = U_ZERO_ERROR;
  int32_t utf16_length;
  int32_t utf8_length = 0;
  char *text;

  if (length == 0)
    return g_strdup ("");
  if (length > G_MAXINT32 / 4)
    return NULL;

  /* Each byte of SCSU gives at most two UTF-16 units; bytes that do not decode
   * become U+FFFD (ICU's default), so a damaged text still shows. */
  utf16 = g_new (UChar, 2 * length + 1);
  utf16_length = ucnv_toUChars (get_converter (), utf16, 2 * (int32_t) length + 1,
                                (const char *) packed, (int32_t) length, &status);
  if (U_FAILURE (status))
    return NULL;

  text = g_malloc (3 * (gsize) utf16_length + 1);
  u_strToUTF8 (text, 3 * utf16_length + 1, &utf8_length, utf16, utf16_length, &status);
  if (U_FAILURE (status))
    {
      g_free (text);
      return NULL;
    }
  return text;
}
