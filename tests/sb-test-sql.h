/* sb-test-sql.h — for tests that write to a campaign file as another program would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

/* sb_exchange_replaying () and the like, as a program that is not Sambot answers:
 * false (the history's trigger calls it, migrations/0012-history-entries.sql). */
static inline void
sb_test_sql_false (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  sqlite3_result_int (context, 0);
}
