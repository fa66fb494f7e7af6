/* sb-catalog.h — a gettext catalogue (.mo) read explicitly, for one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gettext answers in the process's language. Pictures and documents in a language
 * chosen per job (an infographic in Khmer from an English interface) need the
 * translations of another language, from any thread: these functions read the
 * compiled catalogue of that language directly, without setlocale or LANGUAGE.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SbCatalog SbCatalog;

SbCatalog  *sb_catalog_load          (const char *path,
                                      GError    **error);
SbCatalog  *sb_catalog_get           (const char *domain,
                                      const char *lang);
const char *sb_catalog_lookup        (SbCatalog  *self,
                                      const char *msgid);
const char *sb_catalog_pgettext      (SbCatalog  *self,
                                      const char *context,
                                      const char *msgid);
void        sb_catalog_free          (SbCatalog  *self);
char       *sb_catalog_bind_program  (const char *domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCatalog, sb_catalog_free)

G_END_DECLS
