/* sb-store-messages.h — messages, their copies, references and history; search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-messages.c and sb-store-search.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* Messages. */
gint64              sb_store_next_sequence      (SbStore           *self,
                                                 const char        *prefix,
                                                 GError           **error);
gboolean            sb_store_skip_sequence      (SbStore           *self,
                                                 const char        *prefix,
                                                 gint64             next,
                                                 GError           **error);
gboolean            sb_store_insert_message     (SbStore           *self,
                                                 const SbMessage   *message,
                                                 const char        *content_key,
                                                 GError           **error);
gboolean            sb_store_update_message     (SbStore           *self,
                                                 const SbMessage   *message,
                                                 GError           **error);
SbMessage          *sb_store_get_message        (SbStore           *self,
                                                 const char        *id_or_ref,
                                                 GError           **error);
GPtrArray          *sb_store_list_message_ids   (SbStore           *self,
                                                 const char        *status,
                                                 GError           **error);
GPtrArray          *sb_store_search_messages    (SbStore           *self,
                                                 const char        *key,
                                                 guint              limit,
                                                 gint64            *total,
                                                 GError           **error);

/* Copies. */
gboolean            sb_store_insert_copy        (SbStore           *self,
                                                 const SbCopy      *copy,
                                                 GError           **error);
gboolean            sb_store_update_copy        (SbStore           *self,
                                                 const SbCopy      *copy,
                                                 GError           **error);
gboolean            sb_store_delete_copy        (SbStore           *self,
                                                 const char        *message_id,
                                                 const char        *detainee_id,
                                                 GError           **error);
GPtrArray          *sb_store_list_copies        (SbStore           *self,
                                                 const char        *message_id,
                                                 GError           **error);
GPtrArray          *sb_store_list_history       (SbStore           *self,
                                                 const char        *entity_id,
                                                 GError           **error);

G_END_DECLS
