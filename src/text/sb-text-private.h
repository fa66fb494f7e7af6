/* sb-text-private.h — helpers shared by the files of src/text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_TEXT_ZWSP   0x200B
#define SB_TEXT_COENG  0x17D2

/*
 * Characters that change nothing visible but would make two otherwise equal
 * strings differ: zero-width space/joiners, word joiner, BOM, soft hyphen, and
 * Khmer's two invisible inherent vowels (U+17B4, U+17B5, discouraged by Unicode).
 */
static inline gboolean
_sb_text_is_invisible (gunichar c)
{
  switch (c)
    {
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
    case 0x17B4:
    case 0x17B5:
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
_sb_text_is_khmer_block (gunichar c)
{
  return (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF);
}

char *_sb_text_dup_valid (const char *text,
                          gssize      len);
char *_sb_text_nfc       (const char *text);

G_END_DECLS
