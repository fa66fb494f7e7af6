/* sb-store-changes-merge-private.h — what sb-store-changes-merge.c (deciding,
 * before the apply) and sb-store-changes-merge-finish.c (after it) share
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
};

char     *_sb_merge_quote            (const char         *name);
char     *_sb_merge_where_pk         (const char *const  *names,
                                      int                 first);
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

G_END_DECLS
