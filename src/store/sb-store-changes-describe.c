/* sb-store-changes-describe.c — what a replica remembers to decide the changes
 * still to come, as text, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include "sb-store-changes-private.h"

/**
 * sb_store_describe_exchange_state:
 *
 * What this replica remembers to decide the changes still to come, as text in
 * an order every copy shares: its clock, the changes received, the clock of
 * each field and each write of a message's status. For tests: two copies that
 * applied the same changes must remember the same (tests/test-exchange-runs.c).
 *
 * Returns: (transfer full): the text
 */
char *
sb_store_describe_exchange_state (SbStore *self)
{
  static const char *const queries[] = {
    "SELECT 'clock', value, '', '', '', '' FROM exchange_replica WHERE key = 'clock'",
    "SELECT 'received', origin, seq, '', '', '' FROM exchange_received ORDER BY origin",
    "SELECT tbl, pk, col, clock, seq, coalesce (seen, '∅') FROM exchange_clocks "
    "ORDER BY tbl, pk, col",
    "SELECT 'status', message_id, clock, value, origin || ' ' || seq, seen FROM exchange_status "
    "ORDER BY message_id, clock",
  };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, queries[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          g_string_append_printf (text, "%s\n", sqlite3_errmsg (self->db));
          continue;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < 6; c++)
            g_string_append_printf (text, "%s%s", c > 0 ? " " : "",
                                    (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (text, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (text, FALSE);
}
