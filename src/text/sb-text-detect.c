/* sb-text-detect.c — guessing the language of a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-text"

#include <string.h>

#include "sb-text.h"
#include "sb-text-private.h"

/*
 * The guess only pre-fills the language field of a message (a volunteer
 * can correct it) and tells reviewers what needs a translation. So it
 * must be cheap and predictable rather than clever: the script decides,
 * and for Latin script the very common words of each language vote.
 */

typedef struct
{
  const char *code;
  const char *const *words;
} LatinLanguage;

/* Casefolded, NFC. A word may vote for several languages. */
static const char *const en_words[] = {
  "the", "and", "of", "to", "is", "you", "that", "it", "for", "are", "we", "with",
  "your", "this", "be", "not", "our", "all", "my", "have", "will", "they", "from",
  "i", "am", "free", "hope", "soon", "stay", "strong", NULL
};
static const char *const fr_words[] = {
  "le", "la", "les", "de", "des", "et", "est", "vous", "nous", "pour", "pas", "que",
  "qui", "une", "un", "dans", "sur", "avec", "du", "au", "aux", "ce", "je", "votre",
  "vos", "sont", "ne", "êtes", "sommes", "courage", NULL
};
static const char *const de_words[] = {
  "der", "die", "das", "und", "ist", "nicht", "sie", "ich", "wir", "ihr", "mit",
  "für", "den", "dem", "ein", "eine", "zu", "auf", "euch", "sind", "auch", "es",
  "von", "bei", "werden", "euer", "eure", NULL
};
static const char *const es_words[] = {
  "el", "la", "los", "las", "de", "y", "que", "en", "es", "para", "con", "no",
  "por", "un", "una", "su", "del", "al", "estamos", "ustedes", "vosotros", "muy",
  "pero", "están", "nunca", "libertad", NULL
};
static const char *const pt_words[] = {
  "o", "os", "a", "as", "de", "e", "que", "em", "não", "para", "com", "um", "uma",
  "você", "vocês", "do", "da", "dos", "das", "é", "são", "estamos", "nós", "seu",
  "nunca", "liberdade", NULL
};
static const char *const it_words[] = {
  "il", "lo", "la", "gli", "le", "di", "e", "che", "è", "per", "non", "con", "un",
  "una", "siete", "siamo", "voi", "noi", "del", "della", "sono", "mai", NULL
};
static const char *const nl_words[] = {
  "de", "het", "een", "en", "van", "is", "niet", "dat", "wij", "jullie", "je",
  "jij", "voor", "met", "zijn", "op", "ook", "maar", "ik", "we", "vrijheid", NULL
};
static const char *const vi_words[] = {
  "và", "của", "là", "không", "có", "những", "các", "cho", "người", "được", "tôi",
  "bạn", "chúng", "với", "một", "này", "anh", "chị", NULL
};

static const LatinLanguage latin_languages[] = {
  { "en", en_words },
  { "fr", fr_words },
  { "de", de_words },
  { "es", es_words },
  { "pt", pt_words },
  { "it", it_words },
  { "nl", nl_words },
  { "vi", vi_words },
};

enum { VI_INDEX = 7 };

typedef struct
{
  GUnicodeScript script;
  const char *code;
} ScriptLanguage;

/* Scripts that, when they dominate, name one language well enough. */
static const ScriptLanguage script_languages[] = {
  { G_UNICODE_SCRIPT_KHMER, "km" },
  { G_UNICODE_SCRIPT_THAI, "th" },
  { G_UNICODE_SCRIPT_LAO, "lo" },
  { G_UNICODE_SCRIPT_MYANMAR, "my" },
  { G_UNICODE_SCRIPT_HAN, "zh" },
  { G_UNICODE_SCRIPT_HIRAGANA, "ja" },
  { G_UNICODE_SCRIPT_KATAKANA, "ja" },
  { G_UNICODE_SCRIPT_HANGUL, "ko" },
  { G_UNICODE_SCRIPT_CYRILLIC, "ru" },
  { G_UNICODE_SCRIPT_ARABIC, "ar" },
  { G_UNICODE_SCRIPT_HEBREW, "he" },
  { G_UNICODE_SCRIPT_GREEK, "el" },
  { G_UNICODE_SCRIPT_DEVANAGARI, "hi" },
  { G_UNICODE_SCRIPT_BENGALI, "bn" },
  { G_UNICODE_SCRIPT_TAMIL, "ta" },
  { G_UNICODE_SCRIPT_SINHALA, "si" },
  { G_UNICODE_SCRIPT_GEORGIAN, "ka" },
  { G_UNICODE_SCRIPT_ARMENIAN, "hy" },
  { G_UNICODE_SCRIPT_ETHIOPIC, "am" },
};

/* ================================================================ helpers */

/* Letters only Vietnamese uses: ă â đ ê ô ơ ư and the Latin Extended Additional vowels. */
static gboolean
is_vietnamese_letter (gunichar c)
{
  c = g_unichar_tolower (c);

  return c == 0x0103 || c == 0x0111 || c == 0x01A1 || c == 0x01B0 ||
         (c >= 0x1EA0 && c <= 0x1EF9);
}

/* Which languages each common word votes for, as bits of latin_languages. */
static GHashTable *
common_words (void)
{
  static gsize words = 0;

  if (g_once_init_enter (&words))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (latin_languages); i++)
        for (guint j = 0; latin_languages[i].words[j] != NULL; j++)
          {
            const char *word = latin_languages[i].words[j];
            guint votes = GPOINTER_TO_UINT (g_hash_table_lookup (table, word));

            g_hash_table_insert (table, (gpointer) word, GUINT_TO_POINTER (votes | 1u << i));
          }
      g_once_init_leave (&words, (gsize) table);
    }
  return (GHashTable *) words;
}

static const char *
detect_latin (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *nfc = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
  guint scores[G_N_ELEMENTS (latin_languages)] = { 0 };
  guint n_words = 0;
  guint best = 0;
  guint second = 0;
  const char *p = nfc;
  GHashTable *words = common_words ();

  while (*p)
    {
      const char *start;
      g_autofree char *word = NULL;
      gboolean vietnamese = FALSE;
      guint votes;

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p && (g_unichar_isalnum (g_utf8_get_char (p)) ||
                    g_unichar_ismark (g_utf8_get_char (p))))
        {
          vietnamese |= is_vietnamese_letter (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      word = g_strndup (start, p - start);
      n_words++;

      if (vietnamese)
        scores[VI_INDEX]++;

      votes = GPOINTER_TO_UINT (g_hash_table_lookup (words, word));
      for (guint i = 0; votes != 0 && i < G_N_ELEMENTS (latin_languages); i++)
        if (votes & 1u << i)
          scores[i]++;
    }

  for (guint i = 1; i < G_N_ELEMENTS (latin_languages); i++)
    if (scores[i] > scores[best])
      best = i;
  for (guint i = 0; i < G_N_ELEMENTS (latin_languages); i++)
    if (i != best && scores[i] > second)
      second = scores[i];

  /* Two or three words ("ok", "Free Sokha") cannot tell languages apart. */
  if (n_words < 3 || scores[best] < 2)
    return "und";

  if (scores[best] * 2 < second * 3)
    return "und";

  return latin_languages[best].code;
}

static const char *
language_of_script (GUnicodeScript script)
{
  for (guint i = 0; i < G_N_ELEMENTS (script_languages); i++)
    if (script_languages[i].script == script)
      return script_languages[i].code;

  return "und";
}

/* ============================================================ public API */

const char *
sb_text_detect_language (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GHashTable) counts = NULL;
  guint n_letters = 0;
  guint n_kana = 0;
  guint n_han = 0;
  guint n_hangul = 0;
  guint n_latin = 0;
  guint n_khmer = 0;
  GUnicodeScript best = G_UNICODE_SCRIPT_UNKNOWN;
  guint best_count = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (text != NULL, "und");

  valid = _sb_text_dup_valid (text, -1);
  counts = g_hash_table_new (NULL, NULL);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;
      guint count;

      /* Most letters are ASCII or Khmer: skip the general look-ups for them. */
      if (c < 0x80)
        {
          if (!g_ascii_isalpha (c))
            continue;
          script = G_UNICODE_SCRIPT_LATIN;
        }
      else if (c >= 0x1780 && c <= 0x17FF)
        {
          if (!g_unichar_isalpha (c))
            continue;
          script = G_UNICODE_SCRIPT_KHMER;
        }
      else
        {
          if (!g_unichar_isalpha (c))
            continue;
          script = g_unichar_get_script (c);
          if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED)
            continue;
        }

      if (script == G_UNICODE_SCRIPT_LATIN)
        n_latin++;
      else if (script == G_UNICODE_SCRIPT_KHMER)
        n_khmer++;
      else
        {
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (script))) + 1;
          g_hash_table_insert (counts, GINT_TO_POINTER (script), GUINT_TO_POINTER (count));
        }
      n_letters++;

      if (script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA)
        n_kana++;
      else if (script == G_UNICODE_SCRIPT_HAN)
        n_han++;
      else if (script == G_UNICODE_SCRIPT_HANGUL)
        n_hangul++;
    }
  if (n_latin > 0)
    g_hash_table_insert (counts, GINT_TO_POINTER (G_UNICODE_SCRIPT_LATIN), GUINT_TO_POINTER (n_latin));
  if (n_khmer > 0)
    g_hash_table_insert (counts, GINT_TO_POINTER (G_UNICODE_SCRIPT_KHMER), GUINT_TO_POINTER (n_khmer));

  if (n_letters < 2)
    return "und";

  /*
   * Khmer wins as soon as it is a real part of the text, not only the
   * majority: detainees read Khmer, so a mixed message needs no translation
   * into it. A Khmer name inside a long English letter does not count.
   */
  if (n_khmer * 3 >= n_letters)
    return "km";

  /* Japanese mixes kana with Han, Korean may mix Han into Hangul. */
  if (n_kana + n_han + n_hangul > n_letters / 2)
    {
      if (n_hangul >= n_kana && n_hangul * 4 >= n_han)
        return "ko";
      if (n_kana > 0)
        return "ja";
      return "zh";
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (GPOINTER_TO_UINT (value) > best_count)
        {
          best = GPOINTER_TO_INT (key);
          best_count = GPOINTER_TO_UINT (value);
        }
    }

  if (best_count * 2 <= n_letters)
    return "und";

  if (best == G_UNICODE_SCRIPT_LATIN)
    return detect_latin (valid);

  return language_of_script (best);
}
