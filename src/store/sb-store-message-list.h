/* sb-store-message-list.h — the transcription desk: message list and work queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-message-list.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

typedef enum
{
  SB_STORE_MESSAGE_SORT_DATE,
  SB_STORE_MESSAGE_SORT_REF,
  SB_STORE_MESSAGE_SORT_SENDER,   /* ICU "km" collation */
} SbStoreMessageSort;

/* Filters of the message list; NULL or "" means "any". */
typedef struct
{
  const char        *status;            /* NULL: every status but deleted */
  const char        *channel;
  const char        *detainee_id;
  const char        *office_id;
  const char        *language;
  gboolean           needs_translation; /* not Khmer and no Khmer translation */
  const char        *search_key;        /* see sb_text_search_key() */
  SbStoreMessageSort sort;
  gboolean           descending;
} SbStoreMessageQuery;

/* What the list shows of one message. */
typedef struct
{
  gint64    rowid;
  char     *id;
  char     *ref;
  char     *received_on;
  char     *channel;
  char     *sender_name;
  char     *language;
  char     *text_start;          /* the first 160 characters of the text */
  char     *status;
  char     *addressees_en;       /* "Ny Sokha, Yi Soksan" */
  char     *addressees_km;
  gboolean  is_duplicate;
  gboolean  has_translation_km;
} SbStoreMessageRow;
void                sb_store_message_row_free   (SbStoreMessageRow *row);
GArray             *sb_store_query_message_rowids (SbStore                   *self,
                                                   const SbStoreMessageQuery *query,
                                                   GError                   **error);
GArray             *sb_store_query_first_message_rowids (SbStore                   *self,
                                                         const SbStoreMessageQuery *query,
                                                         guint                      limit,
                                                         guint                      budget_ms,
                                                         GError                   **error);
SbStoreMessageRow  *sb_store_get_message_row    (SbStore           *self,
                                                 gint64             rowid,
                                                 GError           **error);
gint64              sb_store_get_message_rowid  (SbStore           *self,
                                                 const char        *id_or_ref,
                                                 GError           **error);
gboolean            sb_store_count_by_status    (SbStore           *self,
                                                 gint64            *to_transcribe,
                                                 gint64            *to_review,
                                                 GError           **error);
char               *sb_store_next_message_id    (SbStore           *self,
                                                 const char        *status,
                                                 const char        *after_id,
                                                 GError           **error);
char               *sb_store_status_before      (SbStore           *self,
                                                 const char        *message_id,
                                                 const char        *status,
                                                 GError           **error);
GPtrArray          *sb_store_similar_message_candidates (SbStore            *self,
                                                         const char *const  *phrases,
                                                         const char         *exclude_id,
                                                         guint               limit,
                                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStoreMessageRow, sb_store_message_row_free)

G_END_DECLS
