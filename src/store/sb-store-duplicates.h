/* sb-store-duplicates.h — messages by import id, duplicate links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* Called for each message that can be the original of a duplicate. */
typedef void (*SbStoreMessageTextFunc) (const char *id,
                                        const char *sender_name,
                                        const char *sender_contact,
                                        const char *original_text,
                                        gpointer    user_data);

gboolean  sb_store_set_duplicate_of        (SbStore                *self,
                                            const char             *message_id,
                                            const char             *original_id,
                                            GError                **error);
char     *sb_store_find_by_external_id     (SbStore                *self,
                                            const char             *external_id,
                                            GError                **error);
gboolean  sb_store_foreach_original_text   (SbStore                *self,
                                            SbStoreMessageTextFunc  func,
                                            gpointer                user_data,
                                            GError                **error);

G_END_DECLS
