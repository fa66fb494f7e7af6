/* sb-text-nfc.c — Unicode NFC through ICU, with a quick check first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "sb-text-private.h"

/* Keys are made for every message saved, so this is on the path of bulk imports.
 * g_utf8_normalize decomposes and recomposes every character; most text is already
 * NFC, which ICU's quick check sees in one pass. */
char *
_sb_text_nfc (const char *text)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc;
  g_autofree UChar *utf16 = NULL;
  g_autofree UChar *normalized = NULL;
  int32_t len16 = 0;
  int32_t len_out;
  int32_t len8 = 0;
  char *result;
  const guchar *p;

  for (p = (const guchar *) text; *p != '\0' && *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_strdup (text);

  nfc = unorm2_getNFCInstance (&status);
  u_strFromUTF8 (NULL, 0, &len16, text, -1, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  status = U_ZERO_ERROR;
  utf16 = g_new (UChar, len16 + 1);
  u_strFromUTF8 (utf16, len16 + 1, NULL, text, -1, &status);
  if (U_FAILURE (status))
    return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  if (unorm2_quickCheck (nfc, utf16, len16, &status) == UNORM_YES && U_SUCCESS (status))
    return g_strdup (text);

  status = U_ZERO_ERROR;
  len_out = unorm2_normalize (nfc, utf16, len16, NULL, 0, &status);
  status = U_ZERO_ERROR;
  normalized = g_new (UChar, len_out + 1);
  unorm2_normalize (nfc, utf16, len16, normalized, len_out + 1, &status);
  if (U_FAILURE (status))
    return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  u_strToUTF8 (NULL, 0, &len8, normalized, len_out, &status);
  status = U_ZERO_ERROR;
  result = g_malloc (len8 + 1);
  u_strToUTF8 (result, len8 + 1, NULL, normalized, len_out, &status);
  if (U_FAILURE (status))
    {
      g_free (result);
      return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
    }
  return result;
}
