/* sb-conflict.h — a value that lost when two offices changed the same thing
 * (docs/exchange.md, "Conflicts")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *table;          /* "messages", "copies", "batch_items", … */
  char   *row_id;
  char   *about;          /* in the campaign's words: "PP-0042", "PP-0042 → Ny Sokha", a batch code */
  char   *field;
  char   *kept;           /* (nullable): NULL when the record was deleted */
  char   *other;          /* (nullable) */
  char   *kept_replica;   /* the replica that wrote each value ("" unknown) */
  char   *other_replica;
  char   *kept_at;        /* when, from each clock: "2016-10-10T09:30:00Z", "" unknown */
  char   *other_at;
  char   *rule;           /* "clock", "hold", "deleted" */
  char   *noticed_at;
} SbConflict;

void        sb_conflict_free           (SbConflict  *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbConflict, sb_conflict_free)

G_END_DECLS
