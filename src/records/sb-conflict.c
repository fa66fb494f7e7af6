/* sb-conflict.c — a value that lost when two offices changed the same thing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-conflict.h"

void
sb_conflict_free (SbConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->table);
  g_free (conflict->row_id);
  g_free (conflict->about);
  g_free (conflict->field);
  g_free (conflict->kept);
  g_free (conflict->other);
  g_free (conflict->kept_replica);
  g_free (conflict->other_replica);
  g_free (conflict->kept_at);
  g_free (conflict->other_at);
  g_free (conflict->rule);
  g_free (conflict->noticed_at);
  g_free (conflict);
}
