/* sb-text-icu.c — ICU collation and Khmer word breaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-text"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "sb-text.h"
#include "sb-text-private.h"

/*
 * ICU collators and break iterators are not thread-safe, and opening one
 * costs far more than a comparison: SQLite calls the collation once per
 * pair of rows, from whichever thread runs the query. So each thread keeps
 * its own, closed when the thread exits.
 */
static GPrivate collators_private = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);
static GPrivate word_break_private = G_PRIVATE_INIT ((GDestroyNotify) ubrk_close);

static const UChar empty_text[1] = { 0 };

/* ================================================================ helpers */

static void
close_collator (gpointer data)
{
  if (data != NULL)
    ucol_close (data);
}

static UCollator *
get_collator (const char *locale)
{
  GHashTable *collators = g_private_get (&collators_private);
  UCollator *collator;
  UErrorCode status = U_ZERO_ERROR;

  if (locale == NULL)
    locale = "";

  if (collators == NULL)
    {
      collators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_collator);
      g_private_set (&collators_private, collators);
    }

  if (g_hash_table_lookup_extended (collators, locale, NULL, (gpointer *) &collator))
    return collator;

  collator = ucol_open (locale, &status);
  if (U_FAILURE (status))
    {
      g_warning ("Cannot open the ICU collator for “%s”: %s", locale, u_errorName (status));
      collator = NULL;
    }

  /* A failure is cached too, so it is reported once per thread. */
  g_hash_table_insert (collators, g_strdup (locale), collator);

  return collator;
}

static UBreakIterator *
get_word_break (void)
{
  UBreakIterator *word_break = g_private_get (&word_break_private);
  UErrorCode status = U_ZERO_ERROR;

  if (word_break != NULL)
    return word_break;

  /* "km" selects ICU's Khmer dictionary: Khmer writes no spaces between words. */
  word_break = ubrk_open (UBRK_WORD, "km", NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_warning ("Cannot open the ICU word break iterator: %s", u_errorName (status));
      return NULL;
    }

  g_private_set (&word_break_private, word_break);

  return word_break;
}

static int
compare_bytes (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  int cmp = memcmp (a, b, MIN (a_len, b_len));

  if (cmp != 0)
    return cmp < 0 ? -1 : 1;

  return a_len < b_len ? -1 : (a_len > b_len ? 1 : 0);
}

/*
 * Khmer letters and signs, where a line may break between words. Khmer
 * punctuation (។ ៕ ៗ …) and the riel sign stay glued to the word before.
 */
static gboolean
is_khmer_word_char (gunichar c)
{
  return (c >= 0x1780 && c <= 0x17D3) ||
         c == 0x17DD ||
         (c >= 0x17E0 && c <= 0x17E9) ||
         (c >= 0x19E0 && c <= 0x19FF);
}

/*
 * ICU's dictionary sometimes cuts before a final consonant silenced by
 * bantoc or toandakhiat (គា|ត់ in ពួកគាត់), which would leave the final of
 * a syllable at the start of the next line.
 */
static gboolean
is_silenced_final (const char *p)
{
  gunichar prev = g_utf8_get_char (p);

  for (p = g_utf8_next_char (p); *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x17CB || c == 0x17CD || c == 0x17D1)
        return TRUE;
      if (!g_unichar_ismark (c) && prev != SB_TEXT_COENG)
        return FALSE;
      prev = c;
    }

  return FALSE;
}

/* ============================================================ public API */

int
sb_text_collate_n (const char *a,
                   gssize      a_len,
                   const char *b,
                   gssize      b_len,
                   const char *locale)
{
  UCollator *collator;
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult result;

  g_return_val_if_fail (a != NULL || a_len == 0, 0);
  g_return_val_if_fail (b != NULL || b_len == 0, 0);

  if (a_len < 0)
    a_len = strlen (a);
  if (b_len < 0)
    b_len = strlen (b);

  collator = get_collator (locale);
  if (collator == NULL || a_len > G_MAXINT32 || b_len > G_MAXINT32)
    return compare_bytes (a, a_len, b, b_len);

  /* ICU reads invalid UTF-8 as U+FFFD, so no validation is needed here. */
  result = ucol_strcollUTF8 (collator, a, (int32_t) a_len, b, (int32_t) b_len, &status);
  if (U_FAILURE (status))
    return compare_bytes (a, a_len, b, b_len);

  return result == UCOL_LESS ? -1 : (result == UCOL_GREATER ? 1 : 0);
}

int
sb_text_collate (const char *a,
                 const char *b,
                 const char *locale)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  return sb_text_collate_n (a, -1, b, -1, locale);
}

guint8 *
sb_text_collation_key (const char *text,
                       gssize      len,
                       const char *locale,
                       gsize      *key_len)
{
  UCollator *collator;
  UErrorCode status = U_ZERO_ERROR;
  g_autofree UChar *utf16 = NULL;
  UChar small_text[128];
  UChar *chars = small_text;
  int32_t n_chars = 0;
  guint8 *key;
  int32_t size;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (key_len != NULL, NULL);

  if (len < 0)
    len = strlen (text);

  /* Without a collator sb_text_collate_n() compares bytes: so do the keys. */
  collator = get_collator (locale);
  if (collator == NULL || len > G_MAXINT32 / 2)
    {
      *key_len = len;
      return g_memdup2 (len > 0 ? text : "", MAX (len, 1));
    }

  /* Ill-formed UTF-8 becomes U+FFFD, as ucol_strcollUTF8() reads it. */
  u_strFromUTF8WithSub (chars, G_N_ELEMENTS (small_text), &n_chars, text, (int32_t) len,
                        0xFFFD, NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING)
    {
      status = U_ZERO_ERROR;
      chars = utf16 = g_new (UChar, n_chars + 1);
      u_strFromUTF8WithSub (chars, n_chars + 1, &n_chars, text, (int32_t) len, 0xFFFD, NULL,
                            &status);
    }
  if (U_FAILURE (status))
    {
      *key_len = len;
      return g_memdup2 (len > 0 ? text : "", MAX (len, 1));
    }

  /* A name's key is a few bytes a character; ask again when it is longer. */
  size = 4 * n_chars + 32;
  key = g_malloc (size);
  for (;;)
    {
      int32_t needed = ucol_getSortKey (collator, chars, n_chars, key, size);

      if (needed <= size)
        {
          size = needed;
          break;
        }
      size = needed;
      key = g_realloc (key, size);
    }

  /* The key ends in a 0 byte that no other byte of it is: without it, SQLite's
   * comparison of blobs (memcmp, then the shorter first) gives the same order. */
  *key_len = size > 0 ? size - 1 : 0;
  return key;
}

const char *
sb_text_collation_version (const char *locale)
{
  UCollator *collator = get_collator (locale);
  UVersionInfo info;
  char text[U_MAX_VERSION_STRING_LENGTH];

  if (collator == NULL)
    return "bytes";
  ucol_getVersion (collator, info);
  u_versionToString (info, text);
  return g_intern_string (text);
}

/* Calls @found for the offset (in characters of @valid) of each place between two
 * Khmer words where a line may break, in order. */
static void
each_word_break (const char *valid,
                 void      (*found) (glong offset, gpointer user_data),
                 gpointer    user_data)
{
  g_autofree gunichar2 *utf16 = NULL;
  g_autofree guint8 *is_boundary = NULL;
  UBreakIterator *word_break;
  UErrorCode status = U_ZERO_ERROR;
  glong utf16_len = 0;
  gsize utf16_offset = 0;
  glong offset = 0;
  gunichar prev = 0;

  if (!sb_text_has_khmer (valid))
    return;

  word_break = get_word_break ();
  utf16 = g_utf8_to_utf16 (valid, -1, NULL, &utf16_len, NULL);
  if (word_break == NULL || utf16 == NULL || utf16_len > G_MAXINT32)
    return;

  ubrk_setText (word_break, (const UChar *) utf16, (int32_t) utf16_len, &status);
  if (U_FAILURE (status))
    return;

  is_boundary = g_new0 (guint8, utf16_len + 1);
  for (int32_t b = ubrk_first (word_break); b != UBRK_DONE; b = ubrk_next (word_break))
    is_boundary[b] = TRUE;

  /* The iterator keeps a pointer to the text, which is about to be freed. */
  ubrk_setText (word_break, empty_text, 0, &status);

  for (const char *p = valid; *p; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);

      if (utf16_offset > 0 && is_boundary[utf16_offset] &&
          is_khmer_word_char (prev) && is_khmer_word_char (c) &&
          !g_unichar_ismark (c) && prev != SB_TEXT_COENG && !is_silenced_final (p))
        found (offset, user_data);

      utf16_offset += c >= 0x10000 ? 2 : 1;
      prev = c;
    }
}

static void
add_offset (glong    offset,
            gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, offset);
}

char *
sb_text_insert_word_breaks (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (glong));
  GString *out;
  glong offset = 0;
  guint next = 0;

  g_return_val_if_fail (text != NULL, NULL);

  valid = _sb_text_dup_valid (text, -1);
  each_word_break (valid, add_offset, breaks);
  if (breaks->len == 0)
    return g_steal_pointer (&valid);

  out = g_string_sized_new (strlen (valid) + breaks->len * 3);
  for (const char *p = valid; *p; p = g_utf8_next_char (p), offset++)
    {
      if (next < breaks->len && g_array_index (breaks, glong, next) == offset)
        {
          g_string_append_unichar (out, SB_TEXT_ZWSP);
          next++;
        }
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

glong *
sb_text_word_break_offsets (const char *text,
                            gsize      *n_offsets)
{
  g_autofree char *valid = NULL;
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (glong));

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (n_offsets != NULL, NULL);

  valid = _sb_text_dup_valid (text, -1);
  each_word_break (valid, add_offset, breaks);
  *n_offsets = breaks->len;
  return (glong *) g_array_free (breaks, FALSE);
}
