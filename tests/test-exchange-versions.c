/* test-exchange-versions.c — offices that run different versions of Sambot
 * (docs/exchange.md, "Versions")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless. The columns of the tables whose changes travel are layout 1
 * (SB_BUNDLE_LAYOUT): a migration that changes them fails this test until the
 * layout moves on. Changes written by a newer Sambot wait in the folder, unapplied
 * and named, until this one is updated; an older one's wait too.
 */

#include "config.h"

#include <sqlite3.h>

#include "sb-store-bundle.h"
#include "sb-test-offices.h"

typedef SbTestOffices Fixture;

/* The columns of layout 1: "table: name type primary-key-place, …"; for the history,
 * the columns of its rows that travel (its local ids and entries do not,
 * src/store/sb-store-changes-log.c). */
static const char *const layout_1 =
  "facilities: id TEXT 1, code TEXT 0, name_en TEXT 0, name_km TEXT 0, "
  "kind TEXT 0, address TEXT 0, items_per_batch INTEGER 0, rules TEXT 0, "
  "created_at TEXT 0\n"
  "detainees: id TEXT 1, name_en TEXT 0, name_km TEXT 0, role TEXT 0, "
  "facility_id TEXT 0, detained_on TEXT 0, released_on TEXT 0, position INTEGER 0, "
  "created_at TEXT 0\n"
  "offices: id TEXT 1, code TEXT 0, name TEXT 0, city TEXT 0, created_at TEXT 0\n"
  "reasons: id TEXT 1, kind TEXT 0, label TEXT 0, position INTEGER 0\n"
  "milestones: id TEXT 1, day TEXT 0, label_en TEXT 0, label_km TEXT 0, "
  "created_at TEXT 0\n"
  "messages: id TEXT 1, ref TEXT 0, channel TEXT 0, received_on TEXT 0, "
  "office_id TEXT 0, sender_name TEXT 0, sender_city TEXT 0, "
  "sender_country TEXT 0, sender_contact TEXT 0, consent TEXT 0, language TEXT 0, "
  "original_text TEXT 0, translation_km TEXT 0, translation_en TEXT 0, "
  "status TEXT 0, hold_reason TEXT 0, duplicate_of TEXT 0, delivered_on TEXT 0, "
  "external_id TEXT 0, notes TEXT 0, created_at TEXT 0, updated_at TEXT 0, "
  "sender_sort_key BLOB 0\n"
  "scans: id TEXT 1, message_id TEXT 0, side TEXT 0, mime_type TEXT 0, "
  "width INTEGER 0, height INTEGER 0, sha256 TEXT 0, image BLOB 0, "
  "thumbnail BLOB 0, created_at TEXT 0\n"
  "copies: detainee_id TEXT 1, message_id TEXT 2, state TEXT 0, "
  "attempts INTEGER 0, outcome_reason TEXT 0, delivered_on TEXT 0, old_id TEXT 0\n"
  "batches: id TEXT 1, code TEXT 0, facility_id TEXT 0, state TEXT 0, "
  "created_on TEXT 0, sealed_at TEXT 0, digest TEXT 0, handed_over_at TEXT 0, "
  "handed_by TEXT 0, received_by TEXT 0, received_position TEXT 0, "
  "closed_at TEXT 0, notes TEXT 0, created_at TEXT 0\n"
  "batch_items: batch_id TEXT 1, detainee_id TEXT 2, message_id TEXT 3, "
  "position INTEGER 0, outcome TEXT 0, outcome_reason TEXT 0, outcome_on TEXT 0\n"
  "replicas: id TEXT 1, office_id TEXT 0, office_code TEXT 0, letter TEXT 0, "
  "public_key BLOB 0, joined_at TEXT 0\n"
  "history: at, operator, entity, entity_id, field, before, after\n";

static char *
describe_layout (const char *path)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *const *tables;
  sqlite3 *db = NULL;
  guint n_tables;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  tables = sb_store_get_replicated_tables (&n_tables);
  for (guint i = 0; i <= n_tables; i++)
    {
      const char *table = i < n_tables ? tables[i] : "history";
      sqlite3_stmt *stmt = NULL;
      gboolean first = TRUE;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, type, pk FROM pragma_table_info (?1) "
                                               "WHERE ?1 != 'history' "
                                               "OR name NOT IN ('id', 'entry', 'subject') "
                                               "ORDER BY cid", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      g_string_append_printf (text, "%s:", table);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (text, "%s %s", first ? "" : ",",
                                  (const char *) sqlite3_column_text (stmt, 0));
          if (i < n_tables)
            g_string_append_printf (text, " %s %d", (const char *) sqlite3_column_text (stmt, 1),
                                    sqlite3_column_int (stmt, 2));
          first = FALSE;
        }
      g_string_append_c (text, '\n');
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Layout 1 is what this build's migrations make. */
static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *layout = NULL;

  sb_test_invite_and_join (fixture);
  sb_campaign_close (fixture->b);
  layout = describe_layout (fixture->path_b);
  g_test_message ("%s", layout);
  g_assert_cmpint (SB_BUNDLE_LAYOUT, ==, 1);
  g_assert_cmpstr (layout, ==, layout_1);
}

/* PP runs a newer Sambot (layout 2): its postcard waits in the folder, named, and
 * KC changes nothing and refuses nothing until it is updated too. */
static void
test_newer_waits (Fixture       *fixture,
                  gconstpointer  data)
{
  SbExchangeReport report = { 0 };

  sb_test_invite_and_join (fixture);
  sb_message_free (sb_test_type_postcard (fixture->a, "From a newer Sambot"));
  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT + 1);
  sb_test_exchange (fixture->a, &report);
  sb_exchange_report_clear (&report);

  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT);
  sb_test_exchange (fixture->b, &report);
  g_test_message ("%s", report.held_back);
  g_assert_nonnull (report.held_back);
  g_assert_nonnull (strstr (report.held_back, "Changes from PP-A were made with a newer version "
                                              "of Sambot. Update Sambot on this computer"));
  g_assert_cmpuint (report.bundles_refused, ==, 0);
  g_assert_cmpuint (report.changes_received, ==, 0);
  sb_exchange_report_clear (&report);
  sb_test_assert_refs (fixture->b, "PP-0001 Before the offices");

  /* KC is updated. */
  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT + 1);
  sb_test_exchange (fixture->b, &report);
  g_assert_null (report.held_back);
  g_assert_cmpuint (report.changes_received, >, 0);
  sb_exchange_report_clear (&report);
  sb_test_assert_refs (fixture->b, "PP-0001 Before the offices\nPP-A-0001 From a newer Sambot");
  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT);
}

/* KC's changes come from an older Sambot: they wait too, and say who must update. */
static void
test_older_waits (Fixture       *fixture,
                  gconstpointer  data)
{
  SbExchangeReport report = { 0 };

  sb_test_invite_and_join (fixture);
  sb_message_free (sb_test_type_postcard (fixture->b, "From an older Sambot"));
  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT - 1);
  sb_test_exchange (fixture->b, &report);
  sb_exchange_report_clear (&report);
  _sb_bundle_set_layout_for_tests (SB_BUNDLE_LAYOUT);

  sb_test_exchange (fixture->a, &report);
  g_assert_nonnull (report.held_back);
  g_assert_nonnull (strstr (report.held_back, "Changes from KC-B were made with an older version "
                                              "of Sambot"));
  g_assert_nonnull (strstr (report.held_back, "Ask that office to update Sambot."));
  g_assert_cmpuint (report.bundles_refused, ==, 0);
  sb_exchange_report_clear (&report);
  sb_test_assert_refs (fixture->a, "PP-0001 Before the offices");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/exchange-versions/layout", Fixture, NULL, sb_test_offices_set_up, test_layout,
              sb_test_offices_tear_down);
  g_test_add ("/exchange-versions/newer-waits", Fixture, NULL, sb_test_offices_set_up,
              test_newer_waits, sb_test_offices_tear_down);
  g_test_add ("/exchange-versions/older-waits", Fixture, NULL, sb_test_offices_set_up,
              test_older_waits, sb_test_offices_tear_down);
  return g_test_run ();
}
