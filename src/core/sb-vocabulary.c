/* sb-vocabulary.c — the campaign's words in a language chosen per document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window speaks the interface language through gettext. A bilingual document (the
 * handover manifest prints English and Khmer on the same page, whatever language the
 * coordinator's interface speaks) needs the same words in a language chosen for it,
 * from a worker thread: switching LANGUAGE or the locale there would change them for
 * every other thread too. So the words are looked up in that language's compiled
 * catalogue read directly (SbCatalog, src/text/sb-catalog.c): the English is the
 * msgid the window shows, the Khmer its translation in po/km.po, and the manifest and
 * the window cannot drift apart.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-catalog.h"
#include "sb-enums.h"
#include "sb-vocabulary.h"

/* The languages sb_text_detect_language() tells apart. */
static const struct
{
  const char *code;
  const char *name;
} languages[] = {
  { "km", N_("Khmer") },
  { "en", N_("English") },
  { "fr", N_("French") },
  { "de", N_("German") },
  { "es", N_("Spanish") },
  { "pt", N_("Portuguese") },
  { "it", N_("Italian") },
  { "nl", N_("Dutch") },
  { "th", N_("Thai") },
  { "zh", N_("Chinese") },
  { "ja", N_("Japanese") },
  { "ko", N_("Korean") },
  { "ru", N_("Russian") },
  { "ar", N_("Arabic") },
  { "vi", N_("Vietnamese") },
};

/**
 * sb_vocabulary_has_language:
 * @lang: a language code: "km"
 *
 * Returns: %TRUE if Sambot's words can be given in @lang: English, or a language
 *   whose catalogue is installed where the program found its translations
 */
gboolean
sb_vocabulary_has_language (const char *lang)
{
  g_return_val_if_fail (lang != NULL, FALSE);

  return g_str_equal (lang, "en") || sb_catalog_get (GETTEXT_PACKAGE, lang) != NULL;
}

/**
 * sb_vocabulary_word:
 * @lang: (nullable): "en", "km"…, or %NULL for the interface language
 * @msgid: an English word or phrase of Sambot's catalogue, marked with N_()
 *
 * Thread-safe.
 *
 * Returns: (transfer none): @msgid in @lang, or @msgid itself if it has no translation
 */
const char *
sb_vocabulary_word (const char *lang,
                    const char *msgid)
{
  g_return_val_if_fail (msgid != NULL, NULL);

  if (lang == NULL)
    return _(msgid);
  if (g_str_equal (lang, "en"))
    return msgid;
  return sb_catalog_lookup (sb_catalog_get (GETTEXT_PACKAGE, lang), msgid);
}

/**
 * sb_vocabulary_word_in:
 * @context: the msgctxt of @msgid, marked with NC_()
 *
 * sb_vocabulary_word() for a word with a context.
 */
const char *
sb_vocabulary_word_in (const char *lang,
                       const char *context,
                       const char *msgid)
{
  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  if (lang == NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
  if (g_str_equal (lang, "en"))
    return msgid;
  return sb_catalog_pgettext (sb_catalog_get (GETTEXT_PACKAGE, lang), context, msgid);
}

/**
 * sb_channel_label:
 * @channel: (nullable): how a message came in, as the campaign records it ("postcard")
 * @lang: (nullable): "en", "km"…, or %NULL for the interface language
 *
 * Returns: (transfer none): the channel as the window names it ("Postcard")
 */
const char *
sb_channel_label (const char *channel,
                  const char *lang)
{
  switch (sb_channel_from_nick (channel))
    {
    case SB_CHANNEL_POSTCARD:
      return sb_vocabulary_word (lang, N_("Postcard"));
    case SB_CHANNEL_ONLINE:
      return sb_vocabulary_word (lang, N_("Online"));
    case SB_CHANNEL_OTHER:
    case SB_CHANNEL_UNKNOWN:
    default:
      return sb_vocabulary_word (lang, N_("Other"));
    }
}

/**
 * sb_language_label:
 * @code: an ISO 639-1 code ("km"), "und" or ""
 * @lang: (nullable): the language to name it in: "en", "km"…, or %NULL for the
 *   interface language
 *
 * Returns: (transfer full): the language's name ("French", "បារាំង"), or @code
 *   itself for a language Sambot does not name
 */
char *
sb_language_label (const char *code,
                   const char *lang)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, code))
      return g_strdup (sb_vocabulary_word (lang, languages[i].name));
  if (*code == '\0' || g_str_equal (code, "und"))
    return g_strdup (sb_vocabulary_word (lang, N_("Language not recognised")));
  return g_strdup (code);
}
