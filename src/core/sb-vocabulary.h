/* sb-vocabulary.h — the campaign's words in a language chosen per document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    sb_vocabulary_has_language  (const char *lang);
const char *sb_vocabulary_word          (const char *lang,
                                         const char *msgid);
const char *sb_vocabulary_word_in       (const char *lang,
                                         const char *context,
                                         const char *msgid);
const char *sb_channel_label            (const char *channel,
                                         const char *lang);
char       *sb_language_label           (const char *code,
                                         const char *lang);

G_END_DECLS
