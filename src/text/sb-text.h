/* sb-text.h — Khmer-aware text handling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * sb_text_detect_language:
 * @text: UTF-8 text
 *
 * Guesses the language of a message from its script and, for Latin script, from
 * common words. Khmer script always gives "km".
 *
 * Returns: an ISO 639-1 code ("km", "en", "fr", "de", "es", "pt", "it", "nl", "th",
 *   "zh", "ja", "ko", "ru", "ar", "vi", …) or "und" when it cannot tell. Static string.
 */
const char *sb_text_detect_language   (const char *text);

/**
 * sb_text_has_khmer:
 * Returns: %TRUE if @text contains at least one Khmer letter (U+1780–U+17FF, U+19E0–U+19FF).
 */
gboolean    sb_text_has_khmer         (const char *text);

/**
 * sb_text_khmer_normalize:
 * @text: UTF-8 text
 *
 * NFC, then the canonical reordering of the Khmer character specification
 * (SIL khnormal): coeng+RO after other coengs, ្ដ → ្ត, composed vowels,
 * register shifters before vowels, etc. For keys only: stored text stays as typed.
 *
 * Returns: (transfer full): normalized text
 */
char       *sb_text_khmer_normalize   (const char *text);

/**
 * sb_text_search_key:
 * @text: UTF-8 text
 *
 * The key used for search and de-duplication: Khmer normalization, case folding,
 * zero-width characters (ZWSP, ZWNJ, ZWJ, BOM, soft hyphen) dropped, runs of white
 * space and punctuation folded to one space, trimmed. Look-alike spellings give the
 * same key (ន្រ្តី / ន្ត្រី; ្ដ / ្ត).
 *
 * Returns: (transfer full): the key
 */
char       *sb_text_search_key        (const char *text);

/**
 * sb_text_search_key_version:
 *
 * Names the rules of sb_text_search_key(): change SB_TEXT_SEARCH_KEY_RULES in
 * src/text/sb-text-khmer.c whenever they change. The Unicode data of GLib (case
 * folding, character types) is part of them. A search index made under other
 * rules is made again (src/store/sb-store-search.c).
 *
 * Returns: (transfer none): the version, such as "1 (GLib 2.74)"
 */
const char *sb_text_search_key_version (void);

/**
 * sb_text_search_key_is_lasting:
 * @key: a key sb_text_search_key() made, perhaps under another GLib
 *
 * Would these rules make @key the same from the same text under any GLib? True when
 * it is not empty and every character is one this GLib's Unicode data knows: Unicode
 * keeps the case folding of a character once it is encoded, so the keys of two GLibs
 * only differ by characters one of them did not know.
 */
gboolean    sb_text_search_key_is_lasting (const char *key);
gsize       sb_text_display_width     (const char *text);

/**
 * sb_text_insert_word_breaks:
 * @text: UTF-8 text
 *
 * Inserts U+200B ZERO WIDTH SPACE at ICU word boundaries (locale "km") inside
 * Khmer runs, so Pango 1.50 can break lines between Khmer words. Spaces and ZWSPs
 * already present are kept; no ZWSP is added next to an existing space or ZWSP.
 * Only for text handed to a layout: never store the result.
 *
 * Returns: (transfer full): text with break opportunities
 */
char       *sb_text_insert_word_breaks (const char *text);

/**
 * sb_text_word_break_offsets:
 * @text: UTF-8 text
 * @n_offsets: (out): how many offsets are returned
 *
 * Where sb_text_insert_word_breaks() would put a ZWSP: the offsets, in characters of
 * @text, of the places between two Khmer words (ICU, locale "km"), in order. For
 * widgets that can be told where words are (a GtkTextTag's "word") without changing
 * their text.
 *
 * Returns: (transfer full) (array length=n_offsets): the offsets; free with g_free()
 */
glong      *sb_text_word_break_offsets (const char *text,
                                        gsize      *n_offsets);

/**
 * sb_text_collate:
 * @locale: "km", "en", … (an ICU locale name)
 *
 * Compares two strings with ICU's collator for @locale (cached per thread).
 * Returns: <0, 0 or >0
 */
int         sb_text_collate           (const char *a,
                                       const char *b,
                                       const char *locale);

/**
 * sb_text_collate_n:
 * Like sb_text_collate() for strings that are not NUL-terminated (lengths in bytes),
 * for use as an SQLite collation.
 */
int         sb_text_collate_n         (const char *a,
                                       gssize      a_len,
                                       const char *b,
                                       gssize      b_len,
                                       const char *locale);

/**
 * sb_text_collation_key:
 * @text: UTF-8 text
 * @len: its length in bytes, or -1 when NUL-terminated
 * @locale: as for sb_text_collate()
 * @key_len: (out): the length of the key in bytes
 *
 * ICU's sort key for @text: compared as bytes (memcmp, then the shorter first, as
 * SQLite compares blobs), keys order their texts exactly as sb_text_collate_n()
 * does, so a sorted index can replace the collation. Keys depend on the collator's
 * version (see sb_text_collation_version()): store that beside them.
 *
 * Returns: (transfer full) (array length=key_len): the key; free with g_free()
 */
guint8     *sb_text_collation_key     (const char *text,
                                       gssize      len,
                                       const char *locale,
                                       gsize      *key_len);

/**
 * sb_text_collation_version:
 * @locale: as for sb_text_collate()
 *
 * Returns: the version of ICU's collator for @locale ("153.120.42"); keys made
 *   under another version do not compare with these. Static string.
 */
const char *sb_text_collation_version (const char *locale);

/**
 * sb_text_to_khmer_digits:
 * Returns: (transfer full): @text with ASCII digits 0–9 replaced by ០–៩
 */
char       *sb_text_to_khmer_digits   (const char *text);

/**
 * sb_text_to_ascii_digits:
 * @text: UTF-8 text, such as a date or a number as a person typed it
 *
 * What people type in a date or number field, with the digits the campaign file
 * keeps: Khmer digits ០–៩ (and any other script's decimal digits, such as Thai or
 * Arabic-Indic ones) become 0–9; nothing else changes.
 *
 * Returns: (transfer full): @text with ASCII digits
 */
char       *sb_text_to_ascii_digits   (const char *text);

/**
 * sb_text_format_count:
 * @n: a number
 * @lang: "km" for Khmer digits, anything else for ASCII digits
 *
 * Formats @n with thousands grouping ("1,234" / "១,២៣៤").
 * Returns: (transfer full): the formatted number
 */
char       *sb_text_format_count      (gint64      n,
                                       const char *lang);

/**
 * sb_text_month_name:
 * @month: 1 … 12
 * @lang: "km" for the Khmer name, anything else for English
 * @abbreviated: "Aug" rather than "August" (Khmer names are short already: the same)
 *
 * Calendar data, not interface text: a Khmer document has Khmer month names whatever
 * catalogues are installed.
 * Returns: (transfer none): the month's name
 */
const char *sb_text_month_name        (int         month,
                                       const char *lang,
                                       gboolean    abbreviated);

/**
 * sb_text_first_line:
 * @text: UTF-8 text
 * @max_chars: maximum characters (grapheme clusters are not split)
 *
 * Returns: (transfer full): the first non-empty line of @text, shortened with "…"
 */
char       *sb_text_first_line        (const char *text,
                                       gsize       max_chars);

/**
 * sb_text_pack:
 * @text: UTF-8 text, @length bytes
 * @packed_length: (out): the packed text's bytes
 *
 * Returns: (transfer full) (nullable): @text in SCSU, or %NULL when that would not
 *   be smaller (ASCII alone, or not valid UTF-8): keep the UTF-8 then
 */
guint8     *sb_text_pack              (const char   *text,
                                       gsize         length,
                                       gsize        *packed_length);
/**
 * sb_text_unpack:
 * @packed: a text sb_text_pack() made
 *
 * Returns: (transfer full) (nullable): the UTF-8 text; bytes that are not SCSU
 *   become U+FFFD; %NULL only for a text too long to convert
 */
char       *sb_text_unpack            (const guint8 *packed,
                                       gsize         length);

G_END_DECLS
