/* sb-text-khmer.c — Khmer normalization and search keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-text"

#include <string.h>

#include "sb-text.h"
#include "sb-text-private.h"

/*
 * Khmer can be typed in many orders that render identically (ន្រ្តី and
 * ន្ត្រី, ្ដ and ្ត, split vowels typed as two halves…), and NFC unifies none
 * of them. The keys follow the canonical order of SIL's Khmer character
 * specification ("khnormal"): inside a syllable, components are sorted by
 * category, keeping the typed order within a category.
 */

/* The order of this enum is the order of components inside a syllable. */
typedef enum
{
  CAT_OTHER,
  CAT_BASE,
  CAT_ROBAT,
  CAT_COENG,
  CAT_COENG_RO,   /* coeng RO always comes after the other subscripts */
  CAT_SHIFT,
  CAT_VOWEL_PRE,
  CAT_VOWEL_BELOW,
  CAT_VOWEL_ABOVE,
  CAT_VOWEL_POST,
  CAT_SIGN,
  CAT_SIGN_FINAL,
} KhmerCategory;

typedef struct
{
  gunichar      c;
  KhmerCategory cat;
  guint         pos;
} Component;

/* ================================================================ helpers */

char *
_sb_text_dup_valid (const char *text,
                    gssize      len)
{
  if (len < 0)
    len = strlen (text);

  if (g_utf8_validate_len (text, len, NULL))
    return g_strndup (text, len);

  /* Imported text may be broken; keys must still be stable for it. */
  return g_utf8_make_valid (text, len);
}

static KhmerCategory
get_category (gunichar c)
{
  if (c >= 0x1780 && c <= 0x17A2)
    return CAT_BASE;
  if (c >= 0x17A5 && c <= 0x17B3)
    return CAT_BASE;
  if (c == 0x17B6)
    return CAT_VOWEL_POST;
  if (c >= 0x17B7 && c <= 0x17BA)
    return CAT_VOWEL_ABOVE;
  if (c >= 0x17BB && c <= 0x17BD)
    return CAT_VOWEL_BELOW;
  if (c >= 0x17BE && c <= 0x17C5)
    return CAT_VOWEL_PRE;
  if (c == 0x17C7 || c == 0x17C8)
    return CAT_SIGN_FINAL;
  if (c == 0x17C9 || c == 0x17CA)
    return CAT_SHIFT;
  if (c == 0x17CC)
    return CAT_ROBAT;
  if (c == SB_TEXT_COENG)
    return CAT_COENG;
  if (c == 0x17C6 || c == 0x17CB || (c >= 0x17CD && c <= 0x17D1) ||
      c == 0x17D3 || c == 0x17DD)
    return CAT_SIGN;

  return CAT_OTHER;
}

static int
compare_components (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const Component *ca = a;
  const Component *cb = b;

  if (ca->cat != cb->cat)
    return ca->cat < cb->cat ? -1 : 1;

  /* Stacked signs render the same in any order: give them one. */
  if ((ca->cat == CAT_SIGN || ca->cat == CAT_SIGN_FINAL) && ca->c != cb->c)
    return ca->c < cb->c ? -1 : 1;

  return ca->pos < cb->pos ? -1 : (ca->pos > cb->pos ? 1 : 0);
}

/*
 * Deprecated and invisible characters are replaced or dropped, and the
 * subscript DA (visually identical to subscript TA) becomes TA.
 */
static GArray *
prepare_chars (const gunichar *chars,
               glong           n_chars)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), n_chars + 8);

  for (glong i = 0; i < n_chars; i++)
    {
      gunichar c = chars[i];
      gunichar prev = out->len > 0 ? g_array_index (out, gunichar, out->len - 1) : 0;

      if (_sb_text_is_invisible (c))
        continue;

      if (c == SB_TEXT_COENG && prev == SB_TEXT_COENG)
        continue;

      if (c == 0x178A && prev == SB_TEXT_COENG)
        c = 0x178F;

      if (c == 0x17A3)
        c = 0x17A2;
      else if (c == 0x17A4)
        {
          gunichar qa = 0x17A2;

          g_array_append_val (out, qa);
          c = 0x17B6;
        }

      g_array_append_val (out, c);
    }

  /* A coeng with no consonant after it draws nothing: keeping it would
   * attach the next syllable's base to it when a key is keyed again. */
  for (guint r = 0, w = 0; r < out->len; r++)
    {
      gunichar c = g_array_index (out, gunichar, r);

      if (c != SB_TEXT_COENG ||
          (r + 1 < out->len && get_category (g_array_index (out, gunichar, r + 1)) == CAT_BASE))
        g_array_index (out, gunichar, w++) = c;

      if (r + 1 == out->len)
        g_array_set_size (out, w);
    }

  return out;
}

/*
 * Joins split vowels typed as two halves (េ + ា, េ + ី) into their single
 * code point, and ើ + ា, which looks like ោ + ី, into the latter.
 * Works on a sorted syllable; the caller sorts again.
 */
static guint
compose_vowels (Component *s,
                guint      n)
{
  guint w = 0;

  for (guint r = 0; r < n; r++)
    {
      Component c = s[r];

      if (c.c == 0x17C1 && r + 1 < n)
        {
          Component below = s[r + 1];
          gboolean has_below = below.c >= 0x17BB && below.c <= 0x17BD && r + 2 < n;
          guint v = has_below ? r + 2 : r + 1;

          if (s[v].c == 0x17B8 || s[v].c == 0x17B6)
            {
              c.c = s[v].c == 0x17B8 ? 0x17BE : 0x17C4;
              s[w++] = c;
              if (has_below)
                s[w++] = below;
              r = v;
              continue;
            }
        }

      if (c.c == 0x17BE && r + 1 < n && s[r + 1].c == 0x17B6)
        {
          Component above = s[r + 1];

          c.c = 0x17C4;
          above.c = 0x17B8;
          above.cat = CAT_VOWEL_ABOVE;
          s[w++] = c;
          s[w++] = above;
          r++;
          continue;
        }

      s[w++] = c;
    }

  return w;
}

/* Sorts the components of a syllable and drops doubled marks, a typing
 * slip that renders as one mark. */
static guint
sort_syllable (Component *syllable,
               guint      n)
{
  guint len = 0;

  /* A syllable has a handful of components: a stable insertion sort beats qsort. */
  for (guint i = 1; i < n; i++)
    {
      Component c = syllable[i];
      guint j = i;

      for (; j > 0 && compare_components (&syllable[j - 1], &c, NULL) > 0; j--)
        syllable[j] = syllable[j - 1];
      syllable[j] = c;
    }

  for (guint i = 0; i < n; i++)
    {
      KhmerCategory cat = syllable[i].cat;

      if (len > 0 && syllable[len - 1].c == syllable[i].c &&
          cat != CAT_BASE && cat != CAT_COENG && cat != CAT_COENG_RO)
        continue;

      syllable[len++] = syllable[i];
    }

  return len;
}

/* Consonants of the first (a-) series, which take triisap rather than muusikatoan. */
static gboolean
is_series_1 (gunichar c)
{
  return (c >= 0x1780 && c <= 0x1783) || (c >= 0x1785 && c <= 0x1788) ||
         (c >= 0x178A && c <= 0x178D) || (c >= 0x178F && c <= 0x1792) ||
         (c >= 0x1795 && c <= 0x1797) || (c >= 0x179E && c <= 0x17A0) ||
         c == 0x17A2;
}

/*
 * A register shifter over a syllable with an upper vowel is drawn in the
 * shape of ុ, so people type ុ there. The key uses the shifter the
 * consonants call for: triisap for the first series, muusikatoan for the
 * second and for BA (or the shifter already typed). Returns whether the
 * syllable changed.
 */
static gboolean
replace_vowel_u_with_shifter (Component *syllable,
                              guint      n)
{
  gboolean series_1 = FALSE;
  gboolean has_ba = FALSE;
  gboolean has_upper_vowel = FALSE;
  gboolean has_aa = FALSE;
  gboolean has_nikahit = FALSE;
  gunichar shifter = 0;
  guint u = n;

  for (guint i = 0; i < n; i++)
    {
      KhmerCategory cat = syllable[i].cat;
      gunichar c = syllable[i].c;

      if ((c >= 0x17B7 && c <= 0x17BA) || c == 0x17BE || c == 0x17BF ||
          c == 0x17D0 || c == 0x17DD)
        has_upper_vowel = TRUE;
      has_aa |= c == 0x17B6;
      has_nikahit |= c == 0x17C6;
      if (c == 0x17BB && u == n)
        u = i;
      if (cat == CAT_SHIFT)
        shifter = c;

      if ((cat != CAT_BASE && cat != CAT_COENG && cat != CAT_COENG_RO) || c == SB_TEXT_COENG)
        continue;

      has_ba |= c == 0x1794;
      series_1 |= is_series_1 (c);
    }

  if (u == n || !(has_upper_vowel || (has_aa && has_nikahit)))
    return FALSE;

  if (shifter == 0)
    shifter = series_1 && !has_ba ? 0x17CA : 0x17C9;

  syllable[u].c = shifter;
  syllable[u].cat = CAT_SHIFT;

  return TRUE;
}

static void
append_syllable (GArray    *out,
                 Component *syllable,
                 guint      n)
{
  gboolean changed = TRUE;

  /* Each rule can enable another (ើ made from េ + ី meets an ា; ុ becomes
   * a shifter and brings ើ and ា together): run them to a fixed point, so
   * the key of a key is the same key. Every round shortens the syllable or
   * removes a ុ, so this ends. */
  n = sort_syllable (syllable, n);
  while (changed)
    {
      guint before = n;

      n = sort_syllable (syllable, compose_vowels (syllable, n));
      changed = n != before;
      changed |= replace_vowel_u_with_shifter (syllable, n);
      n = sort_syllable (syllable, n);
    }

  for (guint i = 0; i < n; i++)
    g_array_append_val (out, syllable[i].c);
}

static void
strip_invisible (char *text)
{
  char *w = text;

  for (const char *r = text; *r; r = g_utf8_next_char (r))
    {
      const char *next = g_utf8_next_char (r);

      if (_sb_text_is_invisible (g_utf8_get_char (r)))
        continue;

      memmove (w, r, next - r);
      w += next - r;
    }

  *w = '\0';
}

/* ============================================================ public API */

gboolean
sb_text_has_khmer (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      /* U+1780–U+17FF and U+19E0–U+19FF are E1 9E/9F xx and E1 A7 A0–BF. */
      if (p[0] == 0xE1 &&
          (((p[1] == 0x9E || p[1] == 0x9F) && (p[2] & 0xC0) == 0x80) ||
           (p[1] == 0xA7 && p[2] >= 0xA0 && p[2] <= 0xBF)))
        return TRUE;
    }

  return FALSE;
}

char *
sb_text_khmer_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) prepared = NULL;
  g_autoptr(GArray) out = NULL;
  g_autofree Component *syllable = NULL;
  g_autofree char *result = NULL;
  glong n_chars = 0;
  const gunichar *s;
  guint n;

  g_return_val_if_fail (text != NULL, NULL);

  /* Invisible characters go before NFC, which would otherwise keep
   * apart marks that a second pass, without them, would reorder. */
  valid = _sb_text_dup_valid (text, -1);
  strip_invisible (valid);
  nfc = _sb_text_nfc (valid);
  if (!sb_text_has_khmer (nfc))
    return g_steal_pointer (&nfc);

  chars = g_utf8_to_ucs4_fast (nfc, -1, &n_chars);
  prepared = prepare_chars (chars, n_chars);
  s = (const gunichar *) prepared->data;
  n = prepared->len;

  out = g_array_sized_new (FALSE, FALSE, sizeof (gunichar), n + 1);
  syllable = g_new (Component, n + 1);

  for (guint i = 0; i < n;)
    {
      guint j;

      if (get_category (s[i]) != CAT_BASE)
        {
          g_array_append_val (out, s[i]);
          i++;
          continue;
        }

      /* A syllable is a base followed by everything that attaches to it. */
      syllable[0] = (Component) { s[i], CAT_BASE, 0 };
      for (j = i + 1; j < n; j++)
        {
          KhmerCategory cat = get_category (s[j]);

          if (cat == CAT_BASE && s[j - 1] == SB_TEXT_COENG)
            cat = CAT_COENG;
          else if (cat <= CAT_BASE)
            break;

          syllable[j - i] = (Component) { s[j], cat, j - i };
        }

      /* The coeng sign and its consonant travel together. */
      for (guint k = 1; k + 1 < j - i; k++)
        {
          if (syllable[k].c == SB_TEXT_COENG && syllable[k + 1].c == 0x179A &&
              syllable[k + 1].cat == CAT_COENG)
            {
              syllable[k].cat = CAT_COENG_RO;
              syllable[k + 1].cat = CAT_COENG_RO;
            }
        }

      append_syllable (out, syllable, j - i);
      i = j;
    }

  /* Marks outside any syllable are left as typed: NFC puts them in order. */
  result = g_ucs4_to_utf8 ((const gunichar *) out->data, out->len, NULL, NULL, NULL);

  return _sb_text_nfc (result);
}

static gboolean
is_separator (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Full case folding of one character, appended to @key. */
static void
append_folded (GString  *key,
               gunichar  c)
{
  char utf8[8];
  g_autofree char *folded = NULL;

  if (c < 0x80)
    {
      g_string_append_c (key, g_ascii_tolower (c));
      return;
    }
  /* Khmer has no case. */
  if (c >= 0x1780 && c <= 0x17FF)
    {
      g_string_append_unichar (key, c);
      return;
    }
  folded = g_utf8_casefold (utf8, g_unichar_to_utf8 (c, utf8));
  g_string_append (key, folded);
}

static gboolean
is_ascii_separator (guchar c)
{
  return !g_ascii_isalnum (c) && c != '$' && c != '+' && c != '<' && c != '=' &&
         c != '>' && c != '^' && c != '`' && c != '|' && c != '~';
}

char *
sb_text_search_key (const char *text)
{
  g_autofree char *normalized = NULL;
  GString *key;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = sb_text_khmer_normalize (text);
  key = g_string_sized_new (strlen (normalized));

  for (const char *p = normalized; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean separator = c < 0x80 ? is_ascii_separator (c) : is_separator (c);

      if (_sb_text_is_invisible (c))
        continue;

      if (separator)
        {
          pending_space = key->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (key, ' ');
      pending_space = FALSE;
      append_folded (key, c);
    }

  return g_string_free (key, FALSE);
}

gboolean
sb_text_search_key_is_lasting (const char *key)
{
  if (key == NULL || key[0] == '\0' || !g_utf8_validate (key, -1, NULL))
    return FALSE;
  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && g_unichar_type (c) == G_UNICODE_UNASSIGNED)
        return FALSE;
    }
  return TRUE;
}

/* Bump when sb_text_search_key() gives another key for any text. */
#define SB_TEXT_SEARCH_KEY_RULES 1

const char *
sb_text_search_key_version (void)
{
  static char version[48];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      g_snprintf (version, sizeof version, "%d (GLib %u.%u)", SB_TEXT_SEARCH_KEY_RULES,
                  glib_major_version, glib_minor_version);
      g_once_init_leave (&made, 1);
    }
  return version;
}
