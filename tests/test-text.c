/* test-text.c — Khmer-aware text: keys, detection, collation, word breaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "sb-text.h"

#define ZWSP "\u200B"

/* ================================================================ helpers */

static void
assert_same_key (const char *a,
                 const char *b)
{
  g_autofree char *key_a = sb_text_search_key (a);
  g_autofree char *key_b = sb_text_search_key (b);

  g_assert_cmpstr (key_a, ==, key_b);
}

static void
assert_different_keys (const char *a,
                       const char *b)
{
  g_autofree char *key_a = sb_text_search_key (a);
  g_autofree char *key_b = sb_text_search_key (b);

  g_assert_cmpstr (key_a, !=, key_b);
}

static guint
count_zwsp (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, ZWSP)) != NULL; p += strlen (ZWSP))
    n++;

  return n;
}

static char *
remove_zwsp (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ZWSP, -1);

  return g_strjoinv ("", parts);
}

/* ================================================================== keys */

static void
test_key_coeng_ro_order (void)
{
  /* "woman": subscript RO typed before or after subscript TA */
  assert_same_key ("ស្រ្តី", "ស្ត្រី");
  assert_same_key ("ន្រ្តី", "ន្ត្រី");
  assert_same_key ("មន្រ្តី", "មន្ត្រី");
  assert_same_key ("សិទ្ធិស្រ្តី", "សិទ្ធិស្ត្រី");

  /* RO comes last in the key, so the two spellings print the same. */
  {
    g_autofree char *normalized = sb_text_khmer_normalize ("ន្រ្តី");

    g_assert_cmpstr (normalized, ==, "ន្ត្រី");
  }
}

static void
test_key_coeng_da_ta (void)
{
  assert_same_key ("ស្ដាប់", "ស្តាប់");
  assert_same_key ("ស្ដី", "ស្តី");
}

static void
test_key_different_words (void)
{
  assert_different_keys ("នី សុខា", "យី សុខសាន្ត");
  assert_different_keys ("ស្ត្រី", "ស្តី");
  assert_different_keys ("ក", "ខ");
  assert_different_keys ("កា", "កោ");
}

static void
test_key_split_vowel (void)
{
  /* ោ typed as its two halves េ + ា, ើ as េ + ី */
  assert_same_key ("កោះ", "ក\u17C1\u17B6ះ");
  assert_same_key ("ដើរ", "ដ\u17C1\u17B8រ");
  {
    g_autofree char *normalized = sb_text_khmer_normalize ("ក\u17C1\u17B6ះ");

    g_assert_cmpstr (normalized, ==, "កោះ");
  }
}

static void
test_key_register_shifter (void)
{
  /* ប៊ី: the triisap typed after the vowel instead of before it */
  assert_same_key ("ប\u17CA\u17B8", "ប\u17B8\u17CA");
  assert_same_key ("ម៉ោង", "ម\u17C4\u17C9ង");

  /* ុ before an upper vowel looks like the shifter the consonant takes */
  assert_same_key ("ប៉ី", "ប\u17BB\u17B8");
  assert_same_key ("ម៉ឺន", "ម\u17BB\u17BA\u1793");
  assert_same_key ("ស៊ី", "ស\u17B8\u17BB");
  assert_different_keys ("ស៊ី", "ស៉ី");
  assert_different_keys ("កុ", "ក៊");
}

static void
test_key_casefold (void)
{
  assert_same_key ("Sokha", "SOKHA");
  assert_same_key ("Ny Sokha", "ny sokha");
  assert_different_keys ("Sokha", "Soksan");
}

static void
test_key_zero_width (void)
{
  g_autofree char *key = sb_text_search_key ("សេរី" ZWSP "ភាព\u200C\u200D\uFEFF");

  assert_same_key ("សេរី" ZWSP "ភាព", "សេរីភាព");
  assert_same_key ("free\u00ADdom", "freedom");
  g_assert_null (strstr (key, ZWSP));
  g_assert_null (strstr (key, "\u200C"));
}

static void
test_key_spaces_punctuation (void)
{
  g_autofree char *key = sb_text_search_key ("  Free   the 5!!\n«Now» ");
  g_autofree char *khmer = sb_text_search_key ("សូមដោះលែង។  ពួកគាត់ ៕");

  g_assert_cmpstr (key, ==, "free the 5 now");
  g_assert_cmpstr (khmer, ==, "សូមដោះលែង ពួកគាត់");
}

static void
test_key_stable (void)
{
  const char *samples[] = {
    "ន្រ្តី", "ក\u17C1\u17B6ះ", "ប\u17B8\u17CA", "Ny Chakrya", "ស្ដ", "",
    "\u17D2\u17D2ក", "ក\u17D2", "\xff\xfe broken",
  };

  /* A key of a key is the same key: the store may index keys of keys. */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *key = sb_text_search_key (samples[i]);
      g_autofree char *again = sb_text_search_key (key);

      g_assert_true (g_utf8_validate (key, -1, NULL));
      g_assert_cmpstr (key, ==, again);
    }
}

static void
test_key_stable_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (165);

  /* Any mix of Khmer letters, signs, coengs and invisibles, even nonsense */
  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *key = NULL;
      g_autofree char *again = NULL;
      guint n = g_rand_int_range (rand, 1, 12);

      for (guint j = 0; j < n; j++)
        {
          guint kind = g_rand_int_range (rand, 0, 10);

          if (kind < 7)
            g_string_append_unichar (text, 0x1780 + g_rand_int_range (rand, 0, 0x5E));
          else if (kind == 7)
            g_string_append_unichar (text, 0x17D2);
          else if (kind == 8)
            g_string_append_unichar (text, 0x200B + g_rand_int_range (rand, 0, 3));
          else
            g_string_append_c (text, ' ');
        }

      key = sb_text_search_key (text->str);
      again = sb_text_search_key (key);
      g_assert_cmpstr (key, ==, again);
    }
}

static void
test_key_stored_text_untouched (void)
{
  g_autofree char *latin = sb_text_khmer_normalize ("Cafe\u0301");

  /* Only NFC for non-Khmer text. */
  g_assert_cmpstr (latin, ==, "Café");
  g_assert_true (sb_text_has_khmer ("Dear នី សុខា"));
  g_assert_true (sb_text_has_khmer ("\u19E0"));
  g_assert_false (sb_text_has_khmer ("Dear Sokha"));
  g_assert_false (sb_text_has_khmer ("ภาษาไทย"));
}

/* ============================================================= detection */

static void
test_detect_khmer (void)
{
  g_assert_cmpstr (sb_text_detect_language ("យើងនៅជាមួយអ្នកជានិច្ច។"), ==, "km");
  g_assert_cmpstr (sb_text_detect_language ("សូមឱ្យមានសេរីភាព"), ==, "km");
  g_assert_cmpstr (sb_text_detect_language ("សូមឱ្យមានសេរីភាព! Free the 5"), ==, "km");
}

static void
test_detect_latin (void)
{
  g_assert_cmpstr (sb_text_detect_language ("We stand with you and we will never forget you."), ==, "en");
  g_assert_cmpstr (sb_text_detect_language ("Nous sommes avec vous et nous ne vous oublierons pas."), ==, "fr");
  g_assert_cmpstr (sb_text_detect_language ("Wir sind bei euch und wir werden euch nicht vergessen."), ==, "de");
  g_assert_cmpstr (sb_text_detect_language ("Estamos con ustedes y no los olvidaremos nunca."), ==, "es");
  g_assert_cmpstr (sb_text_detect_language ("Estamos com vocês e não vamos esquecer."), ==, "pt");
  g_assert_cmpstr (sb_text_detect_language ("Siamo con voi e non vi dimenticheremo mai."), ==, "it");
  g_assert_cmpstr (sb_text_detect_language ("Wij zijn met jullie en we vergeten jullie niet."), ==, "nl");
  g_assert_cmpstr (sb_text_detect_language ("Chúng tôi luôn ở bên các bạn và không bao giờ quên."), ==, "vi");
}

static void
test_detect_other_scripts (void)
{
  g_assert_cmpstr (sb_text_detect_language ("เราอยู่เคียงข้างคุณเสมอ"), ==, "th");
  g_assert_cmpstr (sb_text_detect_language ("我们与你们同在，我们不会忘记你们。"), ==, "zh");
  g_assert_cmpstr (sb_text_detect_language ("私たちはあなたたちを忘れません。"), ==, "ja");
  g_assert_cmpstr (sb_text_detect_language ("우리는 당신과 함께합니다"), ==, "ko");
  g_assert_cmpstr (sb_text_detect_language ("Мы с вами, держитесь!"), ==, "ru");
  g_assert_cmpstr (sb_text_detect_language ("نحن معكم دائما"), ==, "ar");
}

static void
test_detect_undetermined (void)
{
  g_assert_cmpstr (sb_text_detect_language ("ok"), ==, "und");
  g_assert_cmpstr (sb_text_detect_language (""), ==, "und");
  g_assert_cmpstr (sb_text_detect_language ("469 / 195 !!"), ==, "und");
  g_assert_cmpstr (sb_text_detect_language ("Sokha Soksan Vanda"), ==, "und");
}

/* =========================================================== word breaks */

static void
test_breaks_khmer (void)
{
  const char *text = "សូមឱ្យមានសេរីភាព";
  g_autofree char *broken = sb_text_insert_word_breaks (text);
  g_autofree char *restored = remove_zwsp (broken);

  g_assert_cmpuint (count_zwsp (broken), >=, 2);
  g_assert_cmpstr (restored, ==, text);
  g_assert_false (g_str_has_prefix (broken, ZWSP));
  g_assert_false (g_str_has_suffix (broken, ZWSP));
}

static void
test_breaks_existing_spaces (void)
{
  const char *text = "នី សុខា " ZWSP "យី សុខសាន្ត, Free the 5 ។";
  g_autofree char *broken = sb_text_insert_word_breaks (text);
  g_autofree char *latin = sb_text_insert_word_breaks ("Free the five, now");

  /* The typed space and ZWSP stay; nothing is added beside them. */
  g_assert_true (g_str_has_prefix (broken, "នី សុខា " ZWSP "យី "));
  g_assert_true (g_str_has_suffix (broken, ", Free the 5 ។"));
  g_assert_cmpuint (count_zwsp (broken), ==, 1 + count_zwsp (strstr (broken, "យី ")));
  g_assert_null (strstr (broken, ZWSP " "));
  g_assert_null (strstr (broken, " " ZWSP ZWSP));
  g_assert_cmpstr (latin, ==, "Free the five, now");
}

static void
test_breaks_no_zwsp_next_to_separator (void)
{
  g_autofree char *broken = sb_text_insert_word_breaks ("សូម" ZWSP "ឱ្យមាន សេរីភាព។");
  g_autofree char *restored = remove_zwsp (broken);

  g_assert_null (strstr (broken, ZWSP ZWSP));
  g_assert_null (strstr (broken, ZWSP " "));
  g_assert_null (strstr (broken, " " ZWSP));
  g_assert_null (strstr (broken, ZWSP "។"));
  g_assert_cmpstr (restored, ==, "សូមឱ្យមាន សេរីភាព។");
}

/* The offsets name the places the ZWSPs go, in characters of the text as typed. */
static void
test_breaks_offsets (void)
{
  const char *text = "នី សុខា, សូមឱ្យមានសេរីភាព! Free the 5";
  g_autofree char *broken = sb_text_insert_word_breaks (text);
  gsize n = 0;
  g_autofree glong *offsets = sb_text_word_break_offsets (text, &n);
  g_autoptr(GString) rebuilt = g_string_new (NULL);
  glong offset = 0;
  guint next = 0;
  gsize n_latin = 99;
  g_autofree glong *latin = sb_text_word_break_offsets ("Free the five, now", &n_latin);

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, ==, count_zwsp (broken));
  for (const char *p = text; *p; p = g_utf8_next_char (p), offset++)
    {
      if (next < n && offsets[next] == offset)
        {
          g_string_append (rebuilt, ZWSP);
          next++;
        }
      g_string_append_unichar (rebuilt, g_utf8_get_char (p));
    }
  g_assert_cmpuint (next, ==, n);
  g_assert_cmpstr (rebuilt->str, ==, broken);
  g_assert_cmpuint (n_latin, ==, 0);
}

static void
test_breaks_keep_syllables (void)
{
  g_autofree char *broken = sb_text_insert_word_breaks ("សូមដោះលែងពួកគាត់ភ្លាមៗ!");

  /* ត់ closes the syllable គាត់: never a line start */
  g_assert_nonnull (strstr (broken, "គាត់"));
  g_assert_null (strstr (broken, ZWSP "ៗ"));
  g_assert_null (strstr (broken, ZWSP "!"));
  g_assert_cmpuint (count_zwsp (broken), >=, 2);
}

/* ============================================================= collation */

static void
test_collate_khmer_consonants (void)
{
  g_assert_cmpint (sb_text_collate ("ក", "ខ", "km"), <, 0);
  g_assert_cmpint (sb_text_collate ("ខ", "គ", "km"), <, 0);
  g_assert_cmpint (sb_text_collate ("គ", "ក", "km"), >, 0);
  g_assert_cmpint (sb_text_collate ("សុខា", "សុខា", "km"), ==, 0);
}

static void
test_collate_lengths (void)
{
  const char *names = "ខ្មែរកម្ពុជា";
  gsize khmer_len = strlen ("ខ្មែរ");

  /* Only the first @len bytes count, as in an SQLite collation callback. */
  g_assert_cmpint (sb_text_collate_n (names, khmer_len, "ខ្មែរ", -1, "km"), ==, 0);
  g_assert_cmpint (sb_text_collate_n ("b", 1, "a", 1, "en"), >, 0);
  g_assert_cmpint (sb_text_collate_n ("", 0, "a", 1, "en"), <, 0);
  g_assert_cmpint (sb_text_collate ("apple", "Banana", "en"), <, 0);
}

static int
compare_keys (const char *a,
              const char *b)
{
  gsize a_len = 0, b_len = 0;
  g_autofree guint8 *a_key = sb_text_collation_key (a, -1, "km", &a_len);
  g_autofree guint8 *b_key = sb_text_collation_key (b, -1, "km", &b_len);
  int cmp = memcmp (a_key, b_key, MIN (a_len, b_len));

  /* As SQLite compares blobs: the bytes, then the shorter first. */
  if (cmp == 0)
    cmp = a_len < b_len ? -1 : a_len > b_len;
  return cmp < 0 ? -1 : cmp > 0;
}

/* Sort keys compared as bytes give the collation's order, for every pair: case,
 * accents, Khmer subscripts and vowels, Khmer before Latin, empty first. */
static void
test_collate_keys (void)
{
  const char *names[] = { "", " ", "a", "A", "á", "Á", "anna", "Anna", "Ánna", "annā",
                          "Bob", "bob", "émile", "Emile", "Zoé", "zoe", "ñu", "nu",
                          "Nguyễn", "Müller", "Mueller", "O'Brien", "1 rue", "Ω",
                          "ក", "ខ", "គ", "កា", "ក្ក", "ក្ស", "ក៏", "សុខា", "សុខ",
                          "ស្រីពៅ", "ស្រី", "នី សុខា", "លឹម មុន្នី", "ន្ត្រី", "ន្រ្តី",
                          "ខ្មែរ", "ខ្មែរ ABC", "ឥន្ទ", "ឣ", "អ៊ុំ", "១២", "12" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (names); j++)
      {
        int collated = sb_text_collate (names[i], names[j], "km");

        collated = collated < 0 ? -1 : collated > 0;
        if (compare_keys (names[i], names[j]) != collated)
          g_error ("“%s” vs “%s”: keys say %d, the collation %d", names[i], names[j],
                   compare_keys (names[i], names[j]), collated);
      }
  g_assert_cmpint (compare_keys ("ស្រីពៅ", "Anna"), <, 0);
  g_assert_cmpint (compare_keys ("anna", "Anna"), <, 0);
  g_assert_cmpint (compare_keys ("Anna", "Ánna"), <, 0);
  g_assert_cmpint (compare_keys ("", "a"), <, 0);
  g_assert_cmpstr (sb_text_collation_version ("km"), !=, "");
}

static gpointer
collate_in_thread (gpointer data)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *broken = sb_text_insert_word_breaks ("សូមឱ្យមានសេរីភាព");

      if (sb_text_collate ("ក", "ខ", "km") >= 0 ||
          sb_text_collate ("b", "a", "en") <= 0 ||
          count_zwsp (broken) < 2)
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

static void
test_collate_threads (void)
{
  GThread *threads[6];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("collate", collate_in_thread, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

/* ============================================================ formatting */

static void
test_format_khmer_digits (void)
{
  g_autofree char *day = sb_text_to_khmer_digits ("165");
  g_autofree char *mixed = sb_text_to_khmer_digits ("ថ្ងៃទី 427 (2017)");

  g_assert_cmpstr (day, ==, "១៦៥");
  g_assert_cmpstr (mixed, ==, "ថ្ងៃទី ៤២៧ (២០១៧)");
}

/* Dates and numbers typed with Khmer digits read as the campaign keeps them. */
static void
test_format_ascii_digits (void)
{
  g_autofree char *date = sb_text_to_ascii_digits ("២០១៦-០៤-២៨");
  g_autofree char *count = sb_text_to_ascii_digits (" ២៥ ");
  g_autofree char *mixed = sb_text_to_ascii_digits ("ថ្ងៃទី ១៦៥ (2017)");
  g_autofree char *thai = sb_text_to_ascii_digits ("๒๕๕๙");
  g_autofree char *lek_attak = sb_text_to_ascii_digits ("\u17F1\u17F2");
  g_autofree char *khmer = sb_text_to_khmer_digits ("2016-10-08 09:30");
  g_autofree char *back = sb_text_to_ascii_digits (khmer);
  g_autofree char *invalid = sb_text_to_ascii_digits ("២\xff");

  g_assert_cmpstr (date, ==, "2016-04-28");
  g_assert_cmpstr (count, ==, " 25 ");
  g_assert_cmpstr (mixed, ==, "ថ្ងៃទី 165 (2017)");
  g_assert_cmpstr (thai, ==, "2559");
  /* Khmer's divination numerals are not decimal digits: they stay. */
  g_assert_cmpstr (lek_attak, ==, "\u17F1\u17F2");
  g_assert_cmpstr (back, ==, "2016-10-08 09:30");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (g_str_has_prefix (invalid, "2"));
}

static void
test_format_count (void)
{
  g_autofree char *en = sb_text_format_count (1234, "en");
  g_autofree char *km = sb_text_format_count (1234, "km");
  g_autofree char *sent = sb_text_format_count (469, "km");
  g_autofree char *zero = sb_text_format_count (0, NULL);
  g_autofree char *million = sb_text_format_count (1000000, "en");
  g_autofree char *negative = sb_text_format_count (-1234567, "en");
  g_autofree char *min = sb_text_format_count (G_MININT64, "en");

  g_assert_cmpstr (en, ==, "1,234");
  g_assert_cmpstr (km, ==, "១,២៣៤");
  g_assert_cmpstr (sent, ==, "៤៦៩");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (million, ==, "1,000,000");
  g_assert_cmpstr (negative, ==, "-1,234,567");
  g_assert_cmpstr (min, ==, "-9,223,372,036,854,775,808");
}

static void
test_month_name (void)
{
  g_assert_cmpstr (sb_text_month_name (8, "en", TRUE), ==, "Aug");
  g_assert_cmpstr (sb_text_month_name (8, "en", FALSE), ==, "August");
  g_assert_cmpstr (sb_text_month_name (8, "km", TRUE), ==, "សីហា");
  g_assert_cmpstr (sb_text_month_name (1, "km", FALSE), ==, "មករា");
  g_assert_cmpstr (sb_text_month_name (12, NULL, FALSE), ==, "December");
}

static void
test_format_first_line (void)
{
  g_autofree char *first = sb_text_first_line ("\n  \r\n  Dear Sokha,\nStay strong.", 40);
  g_autofree char *shortened = sb_text_first_line ("Dear Sokha, stay strong", 6);
  g_autofree char *khmer = sb_text_first_line ("ស្ត្រីខ្មែរ", 2);
  g_autofree char *empty = sb_text_first_line (" \n\t\n", 10);
  g_autofree char *unlimited = sb_text_first_line ("one line only", 0);

  g_assert_cmpstr (first, ==, "Dear Sokha,");
  g_assert_cmpstr (shortened, ==, "Dear…");
  /* ស្ត្រី is one stack: it is never cut inside. */
  g_assert_cmpstr (khmer, ==, "ស្ត្រី…");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (unlimited, ==, "one line only");
}

/* Terminal cells, not bytes or code points: Khmer signs and the coeng take none. */
static void
test_format_display_width (void)
{
  g_assert_cmpuint (sb_text_display_width (""), ==, 0);
  g_assert_cmpuint (sb_text_display_width ("Ny Sokha"), ==, 8);
  g_assert_cmpuint (sb_text_display_width ("នី សុខា"), ==, 5);        /* 7 code points, 19 bytes */
  g_assert_cmpuint (sb_text_display_width ("ន្ត"), ==, 2);             /* coeng: none */
  g_assert_cmpuint (sb_text_display_width ("យី សុខសាន្ត"), ==, 8);
  g_assert_cmpuint (sb_text_display_width ("日本"), ==, 4);
  g_assert_cmpuint (sb_text_display_width ("e\u0301"), ==, 1);
}

/* A message's texts as the campaign file keeps them (src/text/sb-text-pack.c):
 * Khmer in about a byte a character, every text back as it was, ASCII not packed. */
static void
test_pack (void)
{
  const char *const texts[] = {
    "សូមឲ្យលោកស្រីមានសុខភាពល្អ ហើយឆាប់បានជួបក្រុមគ្រួសារ។",
    "Dear Tep Vanny,\nwe stand with you. សូមស៊ូ! 165 days.",
    "Liberté pour les défenseurs ✊🏽 — 自由",
  };
  gsize packed_length = 0;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize length = strlen (texts[i]);
      g_autofree guint8 *packed = sb_text_pack (texts[i], length, &packed_length);
      g_autofree char *unpacked = NULL;

      g_assert_nonnull (packed);
      g_assert_cmpuint (packed_length, <, length);
      unpacked = sb_text_unpack (packed, packed_length);
      g_assert_cmpstr (unpacked, ==, texts[i]);
    }
  /* Khmer: 52 characters, 154 bytes of UTF-8 (a space among them). */
  {
    g_autofree guint8 *packed = sb_text_pack (texts[0], strlen (texts[0]), &packed_length);

    g_assert_cmpuint (g_utf8_strlen (texts[0], -1), ==, 52);
    g_assert_cmpuint (packed_length, ==, 54);
  }
  /* Not smaller: a window for Khmer costs two bytes before the first character. */
  g_assert_null (sb_text_pack ("ក", strlen ("ក"), &packed_length));
  g_assert_null (sb_text_pack ("We stand with you.", 18, &packed_length));
  g_assert_null (sb_text_pack ("", 0, &packed_length));
  g_assert_null (sb_text_pack ("\xff\xfe not UTF-8", 14, &packed_length));
  {
    /* Bytes that are not SCSU still read as text. */
    const guint8 damaged[] = { 0x0f, 0xe1, 0xff, 0x41 };
    g_autofree char *read = sb_text_unpack (damaged, sizeof damaged);

    g_assert_nonnull (read);
    g_assert_true (g_utf8_validate (read, -1, NULL));
  }
}

/* A key every GLib makes the same: not empty, and no character this one does not
 * know (U+0378 is not assigned; an older GLib would not fold a newer letter). */
static void
test_search_key_lasting (void)
{
  g_autofree char *key = sb_text_search_key ("Free Ny Sokha! សិទ្ធិមនុស្ស, Zoé");

  g_assert_true (sb_text_search_key_is_lasting (key));
  g_assert_false (sb_text_search_key_is_lasting (""));
  g_assert_false (sb_text_search_key_is_lasting (NULL));
  g_assert_false (sb_text_search_key_is_lasting ("free \xcd\xb8 now"));
  g_assert_false (sb_text_search_key_is_lasting ("broken \xff"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/key/coeng-ro-order", test_key_coeng_ro_order);
  g_test_add_func ("/text/key/coeng-da-ta", test_key_coeng_da_ta);
  g_test_add_func ("/text/key/different-words", test_key_different_words);
  g_test_add_func ("/text/key/split-vowel", test_key_split_vowel);
  g_test_add_func ("/text/key/register-shifter", test_key_register_shifter);
  g_test_add_func ("/text/key/casefold", test_key_casefold);
  g_test_add_func ("/text/key/zero-width-dropped", test_key_zero_width);
  g_test_add_func ("/text/key/spaces-punctuation", test_key_spaces_punctuation);
  g_test_add_func ("/text/key/stable", test_key_stable);
  g_test_add_func ("/text/key/stable-random", test_key_stable_random);
  g_test_add_func ("/text/key/non-khmer-nfc-only", test_key_stored_text_untouched);
  g_test_add_func ("/text/detect/khmer", test_detect_khmer);
  g_test_add_func ("/text/detect/latin", test_detect_latin);
  g_test_add_func ("/text/detect/other-scripts", test_detect_other_scripts);
  g_test_add_func ("/text/detect/undetermined", test_detect_undetermined);
  g_test_add_func ("/text/breaks/khmer", test_breaks_khmer);
  g_test_add_func ("/text/breaks/existing-spaces", test_breaks_existing_spaces);
  g_test_add_func ("/text/breaks/no-zwsp-next-to-separator", test_breaks_no_zwsp_next_to_separator);
  g_test_add_func ("/text/breaks/keep-syllables", test_breaks_keep_syllables);
  g_test_add_func ("/text/breaks/offsets", test_breaks_offsets);
  g_test_add_func ("/text/collate/khmer-consonants", test_collate_khmer_consonants);
  g_test_add_func ("/text/collate/lengths", test_collate_lengths);
  g_test_add_func ("/text/collate/threads", test_collate_threads);
  g_test_add_func ("/text/collate/keys", test_collate_keys);
  g_test_add_func ("/text/format/khmer-digits", test_format_khmer_digits);
  g_test_add_func ("/text/format/count", test_format_count);
  g_test_add_func ("/text/format/month-name", test_month_name);
  g_test_add_func ("/text/format/ascii-digits", test_format_ascii_digits);
  g_test_add_func ("/text/format/first-line", test_format_first_line);
  g_test_add_func ("/text/format/display-width", test_format_display_width);
  g_test_add_func ("/text/pack", test_pack);
  g_test_add_func ("/text/search-key/lasting", test_search_key_lasting);

  return g_test_run ();
}
