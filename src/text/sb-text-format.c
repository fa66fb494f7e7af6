/* sb-text-format.c — Khmer digits, counts and one-line previews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-text"

#include <string.h>

#include "sb-text.h"
#include "sb-text-private.h"

#define KHMER_DIGIT_ZERO 0x17E0
#define ELLIPSIS "…"

/* ================================================================ helpers */

/*
 * Where a cluster may not be cut: before a combining mark or joiner, and
 * after a Khmer coeng or a ZWJ, whose next letter is drawn as part of the
 * same stack (ICU's grapheme clusters would split ក្ក as ក្|ក).
 */
static gboolean
continues_cluster (gunichar prev,
                   gunichar c)
{
  if (prev == SB_TEXT_COENG || prev == 0x200D)
    return TRUE;

  if (c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F))
    return TRUE;

  if (prev == '\r' && c == '\n')
    return TRUE;

  return g_unichar_ismark (c);
}

/* Returns the end of the first @max clusters of @line, or %NULL if it is shorter. */
static const char *
find_cluster_end (const char *line,
                  gsize       max)
{
  gsize clusters = 0;
  gunichar prev = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (prev == 0 || !continues_cluster (prev, c))
        {
          if (clusters == max)
            return p;
          clusters++;
        }
      prev = c;
    }

  return NULL;
}

/* ============================================================ public API */

char *
sb_text_to_khmer_digits (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) * 2);
  for (const char *p = text; *p; p++)
    {
      if (*p >= '0' && *p <= '9')
        g_string_append_unichar (out, KHMER_DIGIT_ZERO + (*p - '0'));
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
sb_text_to_ascii_digits (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = _sb_text_dup_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && g_unichar_type (c) == G_UNICODE_DECIMAL_NUMBER)
        g_string_append_c (out, '0' + g_unichar_digit_value (c));
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

char *
sb_text_format_count (gint64      n,
                      const char *lang)
{
  /* Through guint64 so that G_MININT64 has a magnitude too. */
  guint64 magnitude = n < 0 ? (guint64) 0 - (guint64) n : (guint64) n;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  gsize n_digits = strlen (digits);
  GString *out = g_string_sized_new (n_digits * 2);

  if (n < 0)
    g_string_append_c (out, '-');

  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  if (g_strcmp0 (lang, "km") == 0)
    {
      g_autofree char *latin = g_string_free (out, FALSE);

      return sb_text_to_khmer_digits (latin);
    }

  return g_string_free (out, FALSE);
}

const char *
sb_text_month_name (int         month,
                    const char *lang,
                    gboolean    abbreviated)
{
  static const char *const english[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
  };
  static const char *const khmer[12] = {
    "មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា",
    "តុលា", "វិច្ឆិកា", "ធ្នូ",
  };
  static const char *const english_short[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };

  g_return_val_if_fail (month >= 1 && month <= 12, "");

  if (g_strcmp0 (lang, "km") == 0)
    return khmer[month - 1];
  return abbreviated ? english_short[month - 1] : english[month - 1];
}

char *
sb_text_first_line (const char *text,
                    gsize       max_chars)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) lines = NULL;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  valid = _sb_text_dup_valid (text, -1);
  g_strdelimit (valid, "\r", '\n');
  lines = g_strsplit (valid, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      GString *out;

      if (*line == '\0')
        continue;

      /* 0 means no limit; below 2 there is no room for text and an ellipsis. */
      if (max_chars == 0 || find_cluster_end (line, max_chars) == NULL)
        return g_strdup (line);

      end = find_cluster_end (line, max_chars > 1 ? max_chars - 1 : 0);
      out = g_string_new_len (line, end - line);
      while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
        g_string_truncate (out, out->len - 1);
      g_string_append (out, ELLIPSIS);

      return g_string_free (out, FALSE);
    }

  return g_strdup ("");
}
