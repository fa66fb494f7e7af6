/* sb-store-changes-merge-private.h — what sb-store-changes-merge.c (deciding,
 * before the apply), sb-store-changes-merge-finish.c (after it) and the domain
 * rules (-status.c, -batched.c, -readded.c, -printed.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-store-changes-private.h"

G_BEGIN_DECLS

typedef struct
{
  char          *table;
  char          *column;
  sqlite3_value *value;       /* the winner */
  GPtrArray     *pk;          /* sqlite3_value *, with pk_names */
  GStrv          pk_names;
} Fixup;

struct _SbMerge
{
  SbStore        *store;
  const SbChange *change;
  GPtrArray      *fixups;
  GPtrArray      *forget;     /* "table\x1fpk" of rows deleted */
  GHashTable     *messages;   /* ids whose derived columns are made again */
  GHashTable     *copies;     /* ids of copies put in a batch */
  GHashTable     *selects;    /* table → SELECT of one row by its key */
  GHashTable     *batched;    /* copies the change puts in a batch */
  GPtrArray      *printed;    /* SbMergePrinted: printed fields of sealed messages */
  GPtrArray      *sealed;     /* ids of the batches the change seals */
  GPtrArray      *restore;    /* copies deleted by the change that stay: in a batch here */
  GPtrArray      *shown;      /* texts unpacked for the conflicts list */
};

/* A field a sealed manifest printed, written by the incoming change: decided
 * after the apply (sb-store-changes-merge-printed.c). */
typedef struct
{
  char          *message_id;
  char          *column;
  sqlite3_value *incoming;
  char          *clock;
} SbMergePrinted;

char     *_sb_merge_quote            (const char         *name);
gboolean  _sb_merge_values_equal     (sqlite3_value      *a,
                                      sqlite3_value      *b);
gint64    _sb_merge_seen_of          (const char         *seen,
                                      const char         *origin);
gboolean  _sb_merge_saw              (const SbChange     *change,
                                      const char         *clock,
                                      gint64              seq);
const char *_sb_merge_text           (sqlite3_value      *value);
const char *_sb_merge_shown          (SbMerge            *merge,
                                      const char         *table,
                                      const char         *column,
                                      sqlite3_value      *value);
char     *_sb_merge_where_pk         (const char *const  *names,
                                      int                 first);
void      _sb_merge_add_fixup        (SbMerge            *merge,
                                      const char         *table,
                                      const char         *column,
                                      sqlite3_value      *value,
                                      GPtrArray          *pk,
                                      const char *const  *pk_names);
gboolean  _sb_merge_record_conflict  (SbMerge            *merge,
                                      const char         *table,
                                      const char         *pk,
                                      const char         *column,
                                      const char         *kept,
                                      const char         *kept_clock,
                                      const char         *other,
                                      const char         *other_clock,
                                      const char         *rule,
                                      GError            **error);

/* sb-store-changes-merge-printed.c */
void      _sb_merge_printed_free     (SbMergePrinted     *printed);
gboolean  _sb_merge_is_printed       (const char         *table,
                                      const char         *column);
gboolean  _sb_merge_message_sealed   (SbMerge            *merge,
                                      const char         *message_id,
                                      gboolean           *sealed,
                                      GError            **error);
void      _sb_merge_defer_printed    (SbMerge            *merge,
                                      const char         *message_id,
                                      const char         *column,
                                      sqlite3_value      *incoming);
gboolean  _sb_merge_keep_printed     (SbMerge            *merge,
                                      GError            **error);

/* sb-store-changes-merge-status.c */
gboolean  _sb_merge_decide_status    (SbMerge            *merge,
                                      const char         *message_id,
                                      sqlite3_value      *current,
                                      sqlite3_value      *incoming,
                                      sqlite3_value      *old,
                                      GPtrArray          *pk,
                                      const char *const  *pk_names,
                                      GError            **error);

/* sb-store-changes-merge-batched.c */
gboolean  _sb_merge_list_copy_rule    (SbMerge                *merge,
                                       const char             *copy_id,
                                       const char             *field,
                                       const char             *kept,
                                       const char             *kept_clock,
                                       const char             *other,
                                       const char             *other_clock,
                                       const char             *rule,
                                       GError                **error);
gboolean  _sb_merge_batch_field_rule  (const char             *column,
                                       sqlite3_value          *current,
                                       sqlite3_value          *incoming,
                                       const char             *in_clock,
                                       const char             *local_clock,
                                       gboolean               *wins,
                                       const char            **rule);
gboolean  _sb_merge_deleted_copy_stays (SbMerge               *merge,
                                        const char            *copy_id,
                                        const char            *unseen_add,
                                        gboolean              *stays,
                                        GError               **error);
gboolean  _sb_merge_restore_copies    (SbMerge                *merge,
                                       GError                **error);
gboolean  _sb_merge_note_batched     (SbMerge            *merge,
                                      GError            **error);
gboolean  _sb_merge_copy_state_rule  (SbMerge            *merge,
                                      const char         *table,
                                      const char         *pk,
                                      const char         *column,
                                      sqlite3_value      *current,
                                      sqlite3_value      *incoming,
                                      gboolean           *wins,
                                      const char        **rule,
                                      GError            **error);

/* sb-store-changes-merge-readded.c */
char     *_sb_merge_unseen_add       (SbMerge            *merge,
                                      const char         *table,
                                      const char         *pk);
gboolean  _sb_merge_note_readded     (SbMerge            *merge,
                                      const char         *copy_id,
                                      GError            **error);

G_END_DECLS
