/* sb-store-check.c — is the campaign file sound? SQLite's checks and the campaign's own rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two checks. The quick one runs when a file opens (see sb_store_open()): SQLite's
 * quick_check and the foreign keys. The full one is `sambot-cli check` and the app's
 * check after a session that did not end cleanly: SQLite's integrity_check, which
 * also compares every index with its table (a damaged index page passes quick_check
 * and then breaks every list that reads the index), the foreign keys, and rules of
 * the campaign that SQLite cannot know.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-store-private.h"

#define PROGRESS_EVERY_OPS 10000
#define FULL_CHECK_AT_OPEN_MAX_BYTES (16 * 1024 * 1024)
/* A rule lists at most this many of the records it finds, then a count. */
#define MAX_LISTED 10

typedef struct
{
  SbStore              *store;
  SbStoreCheckProgress  progress;
  gpointer              user_data;
  GCancellable         *cancellable;
  gint64                pages;       /* in the file, for integrity_check's progress */
  gint64                pages_read;
  double                from;     /* the part of the whole this step covers */
  double                to;
} Check;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
report (Check  *check,
        double  fraction)
{
  if (check->progress != NULL && !g_cancellable_is_cancelled (check->cancellable))
    check->progress (check->from + (check->to - check->from) * CLAMP (fraction, 0.0, 1.0),
                     check->user_data);
}

/* integrity_check reads every page once: the pages read so far say how far it
 * is (see sb-store-vfs.c). Returns %FALSE to stop the check. */
static gboolean
page_read_cb (gpointer user_data)
{
  Check *check = user_data;

  if (++check->pages_read % 256 == 0 && check->pages > 0)
    report (check, MIN (0.99, (double) check->pages_read / check->pages));
  return !g_cancellable_is_cancelled (check->cancellable);
}

static int
progress_handler_cb (void *user_data)
{
  Check *check = user_data;

  return g_cancellable_is_cancelled (check->cancellable);
}

static gboolean
cancelled (Check   *check,
           GError **error)
{
  return g_cancellable_set_error_if_cancelled (check->cancellable, error);
}

/* Runs @sql; each row's first column goes through @describe into @problems.
 * Returns the SQLite result (SQLITE_DONE when it ran to the end). */
typedef char *(*DescribeRow) (sqlite3_stmt *stmt);

static int
collect (Check        *check,
         const char   *sql,
         DescribeRow   describe,
         GPtrArray    *problems)
{
  sqlite3_stmt *stmt = NULL;
  guint found = 0;
  int rc = sqlite3_prepare_v2 (check->store->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *problem = describe (stmt);

      if (problem == NULL)
        continue;
      if (found++ < MAX_LISTED)
        g_ptr_array_add (problems, problem);
      else
        g_free (problem);
    }
  sqlite3_finalize (stmt);
  if (found > MAX_LISTED)
    g_ptr_array_add (problems,
                     g_strdup_printf (ngettext ("…and %u more like it",
                                                "…and %u more like it",
                                                found - MAX_LISTED),
                                      found - MAX_LISTED));
  return rc;
}

/* A failure to run a check is an error, except when what stops it is damage,
 * which is one more problem found. */
static gboolean
finish_step (Check      *check,
             int         rc,
             GPtrArray  *problems,
             GError    **error)
{
  /* A stopped check fails its reads or is interrupted: neither is a problem found. */
  if (cancelled (check, error))
    return FALSE;
  if (rc == SQLITE_DONE || rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    {
      g_ptr_array_add (problems, g_strdup (sqlite3_errmsg (check->store->db)));
      return TRUE;
    }
  return _sb_store_set_error (check->store, rc, error);
}

static char *
describe_integrity (sqlite3_stmt *stmt)
{
  const char *text = (const char *) sqlite3_column_text (stmt, 0);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) sentence = g_string_new (NULL);

  if (text == NULL || g_str_equal (text, "ok"))
    return NULL;
  /* One row may hold several lines ("*** in database main ***", then a line a page):
   * a problem is one line, in a message as in the list `check` prints. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "***"))
        continue;
      if (sentence->len > 0)
        g_string_append (sentence, "; ");
      g_string_append (sentence, lines[i]);
    }
  return g_string_free (g_steal_pointer (&sentence), FALSE);
}

static char *
describe_foreign_key (sqlite3_stmt *stmt)
{
  /* TRANSLATORS: a row of the campaign file points to a row that is gone; the %s are
   * table names (copies, messages…), %lld a row number */
  return g_strdup_printf (_("Row %lld of “%s” refers to a row of “%s” that is missing"),
                          (long long) sqlite3_column_int64 (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 2));
}

static char *
describe_copy_in_two_batches (sqlite3_stmt *stmt)
{
  return g_strdup_printf (_("A copy of %s is in %d open batches at once; a copy can be in one"),
                          (const char *) sqlite3_column_text (stmt, 0),
                          sqlite3_column_int (stmt, 1));
}

static char *
describe_copy_state (sqlite3_stmt *stmt)
{
  if (sqlite3_column_int (stmt, 1))
    return g_strdup_printf (_("A copy of %s waits in an open batch but is not marked as in a "
                              "batch"), (const char *) sqlite3_column_text (stmt, 0));
  return g_strdup_printf (_("A copy of %s is marked as in a batch, but no open batch holds it"),
                          (const char *) sqlite3_column_text (stmt, 0));
}

static char *
describe_tally (sqlite3_stmt *stmt)
{
  return g_strdup_printf (_("The figures count %lld copies for one detainee in state “%s”; "
                            "the copies say %lld"),
                          (long long) sqlite3_column_int64 (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 0),
                          (long long) sqlite3_column_int64 (stmt, 2));
}

static char *
describe_day_tally (sqlite3_stmt *stmt)
{
  return g_strdup_printf (_("The figures count %lld for “%s” on %s; the messages and copies "
                            "say %lld"),
                          (long long) sqlite3_column_int64 (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1),
                          (long long) sqlite3_column_int64 (stmt, 3));
}

/* The tallies as src/store/migrations/0007-tallies.sql derives them from the rows. */
#define DERIVED_TALLIES \
  "SELECT kind, key, day, count(*) AS n FROM (" \
  "  SELECT 'received:' || status AS kind, '' AS key, received_on AS day FROM messages " \
  "    WHERE status != 'deleted' AND duplicate_of IS NULL " \
  "  UNION ALL SELECT 'country', upper (sender_country), received_on FROM messages " \
  "    WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL " \
  "  UNION ALL SELECT 'office', coalesce (office_id, ''), received_on FROM messages " \
  "    WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL " \
  "  UNION ALL SELECT 'language', language, received_on FROM messages " \
  "    WHERE status NOT IN ('deleted', 'held') AND duplicate_of IS NULL " \
  "  UNION ALL SELECT 'delivered', '', max (received_on, delivered_on) FROM messages " \
  "    WHERE delivered_on IS NOT NULL AND status NOT IN ('deleted', 'held') AND duplicate_of IS NULL " \
  "  UNION ALL SELECT CASE WHEN m.status = 'held' THEN 'held-copies:' ELSE 'copies:' END || c.state, " \
  "    c.detainee_id, m.received_on FROM copies c JOIN messages m ON m.id = c.message_id " \
  "    WHERE m.status != 'deleted' AND m.duplicate_of IS NULL " \
  "  UNION ALL SELECT CASE WHEN m.status = 'held' THEN 'held-copies-delivered' " \
  "    ELSE 'copies-delivered' END, c.detainee_id, max (m.received_on, c.delivered_on) " \
  "    FROM copies c JOIN messages m ON m.id = c.message_id " \
  "    WHERE c.delivered_on IS NOT NULL AND m.status != 'deleted' AND m.duplicate_of IS NULL) " \
  "GROUP BY kind, key, day"

static char *
describe_delivery_day (sqlite3_stmt *stmt)
{
  return g_strdup_printf (_("%s has the wrong delivery day for its copies"),
                          (const char *) sqlite3_column_text (stmt, 0));
}

static char *
describe_search_index (sqlite3_stmt *stmt)
{
  gint64 missing = sqlite3_column_int64 (stmt, 0);
  gint64 extra = sqlite3_column_int64 (stmt, 1);

  if (missing == 0 && extra == 0)
    return NULL;
  return g_strdup_printf (_("The search index leaves out %lld messages and lists %lld that are "
                            "not there"), (long long) missing, (long long) extra);
}

static char *
describe_sort_keys (sqlite3_stmt *stmt)
{
  gint64 n = sqlite3_column_int64 (stmt, 0);

  if (n == 0)
    return NULL;
  return g_strdup_printf (ngettext ("%lld sender is sorted under a wrong key",
                                    "%lld senders are sorted under a wrong key", n),
                          (long long) n);
}

/* ------------------------------------------------------------------------ */
/* The steps                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
check_structure (Check      *check,
                 GPtrArray  *problems,
                 GError    **error)
{
  int rc;

  /* Every page through SQLite's reads (where they are counted), none through the
   * memory map. */
  _sb_store_exec (check->store, "PRAGMA mmap_size = 0", NULL);
  check->pages = _sb_store_pragma_int (check->store, "PRAGMA page_count", NULL);
  check->pages_read = 0;
  report (check, 0.0);
  _sb_store_vfs_watch_reads (page_read_cb, check);
  sqlite3_progress_handler (check->store->db, PROGRESS_EVERY_OPS, progress_handler_cb, check);
  rc = collect (check, "PRAGMA integrity_check(1000)", describe_integrity, problems);
  sqlite3_progress_handler (check->store->db, 0, NULL, NULL);
  _sb_store_vfs_watch_reads (NULL, NULL);
  report (check, 1.0);
  return finish_step (check, rc, problems, error);
}

static gboolean
check_rules (Check      *check,
             GPtrArray  *problems,
             GError    **error)
{
  static const struct
  {
    const char  *sql;
    DescribeRow  describe;
  } rules[] = {
    { "PRAGMA foreign_key_check", describe_foreign_key },
    /* A copy is handed over once at a time: one item without an outcome, at most.
     * Not in a campaign shared between offices: two offices may put a copy in a
     * batch each before hearing of each other, and it stays in both, listed
     * (docs/exchange.md, "Conflicts", the rules about batches). */
    { "SELECT coalesce (m.ref, i.message_id), count(*) FROM batch_items i "
      "JOIN batches b ON b.id = i.batch_id "
      "LEFT JOIN messages m ON m.id = i.message_id "
      "WHERE i.outcome = '' AND b.state != 'closed' "
      "  AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'exchange_log') "
      "GROUP BY i.detainee_id, i.message_id HAVING count(*) > 1", describe_copy_in_two_batches },
    /* There, a copy that came back from one of them (or was delivered) may still
     * wait in the other. */
    { "SELECT m.ref, open FROM ("
      "  SELECT c.message_id, c.state, EXISTS (SELECT 1 FROM batch_items i "
      "    JOIN batches b ON b.id = i.batch_id "
      "    WHERE i.detainee_id = c.detainee_id AND i.message_id = c.message_id "
      "      AND i.outcome = '' AND b.state != 'closed') AS open, "
      "  EXISTS (SELECT 1 FROM batch_items i "
      "    WHERE i.detainee_id = c.detainee_id AND i.message_id = c.message_id "
      "      AND i.outcome != '') "
      "  AND EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'exchange_log') AS came_back "
      "  FROM copies c) "
      "JOIN messages m ON m.id = message_id "
      "WHERE (state = 'in_batch') != open AND NOT (open AND came_back)", describe_copy_state },
    /* Derived data the triggers keep (schema 1): the figures read them. */
    { "WITH real AS (SELECT detainee_id, state, count(*) AS n FROM copies GROUP BY 1, 2), "
      "kept AS (SELECT detainee_id, state, n FROM copy_tallies WHERE n != 0) "
      "SELECT coalesce (k.state, r.state), coalesce (k.n, 0), coalesce (r.n, 0) "
      "FROM kept k FULL JOIN real r USING (detainee_id, state) "
      "WHERE k.n IS NOT r.n", describe_tally },
    { "WITH real AS (" DERIVED_TALLIES "), "
      "kept AS (SELECT kind, key, day, n FROM tallies WHERE n != 0) "
      "SELECT coalesce (k.kind, r.kind), coalesce (k.day, r.day), coalesce (k.n, 0), "
      "  coalesce (r.n, 0) "
      "FROM kept k FULL JOIN real r USING (kind, key, day) "
      "WHERE k.n IS NOT r.n", describe_day_tally },
    { "SELECT ref FROM messages m WHERE delivered_on IS NOT ("
      "  SELECT CASE WHEN count(*) > 0 AND count(delivered_on) = count(*) "
      "    THEN max(c.delivered_on) END "
      "  FROM detainees t CROSS JOIN copies c ON c.detainee_id = t.id AND c.message_id = m.id)",
      describe_delivery_day },
    { "SELECT (SELECT count(*) FROM messages WHERE rowid NOT IN "
      "  (SELECT id FROM message_search_docsize)), "
      "(SELECT count(*) FROM message_search_docsize WHERE id NOT IN "
      "  (SELECT rowid FROM messages))", describe_search_index },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if (cancelled (check, error))
        return FALSE;
      if (!finish_step (check, collect (check, rules[i].sql, rules[i].describe, problems),
                        problems, error))
        return FALSE;
      report (check, (i + 1.0) / (G_N_ELEMENTS (rules) + 1));
    }

  /* Made under another ICU, the keys are remade at the next writable open: only
   * keys made by this one can be compared. */
  if (!check->store->sort_keys_stale &&
      !finish_step (check,
                    collect (check, "SELECT count(*) FROM messages "
                                    "WHERE sender_sort_key IS NOT sb_collation_key (sender_name)",
                             describe_sort_keys, problems),
                    problems, error))
    return FALSE;
  report (check, 1.0);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_store_check:
 * @problems: (out) (element-type utf8): what SQLite found wrong; empty when intact
 *
 * The check a file gets when it opens: SQLite's integrity_check for a file of up
 * to 16 MB, its quick_check (every page, but indexes not compared with their
 * tables) for a larger one, and the foreign keys. See sb_store_check_full().
 *
 * Returns: %FALSE with @error set only if the check itself could not run
 */
gboolean
sb_store_check (SbStore    *self,
                GPtrArray **problems,
                GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  Check check = { self, NULL, NULL, NULL, 0, 0, 0.0, 1.0 };
  gint64 size;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  /* Up to a few megabytes the whole integrity_check costs no more than a blink
   * (0.02 s for the demo campaign's 4 MB); above, quick_check (half the time). */
  size = _sb_store_pragma_int (self, "PRAGMA page_count", NULL) *
         _sb_store_pragma_int (self, "PRAGMA page_size", NULL);
  if (!finish_step (&check, collect (&check, size <= FULL_CHECK_AT_OPEN_MAX_BYTES
                                               ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                                     describe_integrity, found),
                    found, error) ||
      !finish_step (&check, collect (&check, "PRAGMA foreign_key_check", describe_foreign_key,
                                     found),
                    found, error))
    return FALSE;

  *problems = g_steal_pointer (&found);
  return TRUE;
}

/**
 * sb_store_check_full:
 * @progress: (nullable) (scope call): told how far the check is, from 0 to 1, in the
 *   calling thread
 * @cancellable: (nullable): stops the check (%G_IO_ERROR_CANCELLED)
 * @problems: (element-type utf8): each problem found is added, one sentence each
 * @damaged: (out) (optional): set when SQLite found the file's pages damaged (the
 *   rules were then not checked)
 *
 * The whole check: SQLite's integrity_check (every page, every index against its
 * table), the foreign keys, and the campaign's own rules: a copy is in at most one
 * open batch (but in a campaign shared between offices), and in one exactly when
 * it is marked "in a batch"; the counts the
 * figures read and the messages' delivery days agree with the copies; the search
 * index has every message; the senders' sort keys are right. Reads the whole file:
 * about a second per 100 MB. Uses this store's connection: call it from the thread
 * that uses the store.
 *
 * Returns: %FALSE with @error set if the check could not run to the end
 */
gboolean
sb_store_check_full (SbStore               *self,
                     SbStoreCheckProgress   progress,
                     gpointer               user_data,
                     GCancellable          *cancellable,
                     GPtrArray             *problems,
                     gboolean              *damaged,
                     GError               **error)
{
  Check check = { self, progress, user_data, cancellable, 0, 0, 0.0, 0.8 };
  guint before;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = problems->len;
  if (cancelled (&check, error) || !check_structure (&check, problems, error))
    return FALSE;
  /* On a file whose pages are damaged, the rules' queries would only repeat the
   * damage in other words, or stop on it. */
  if (damaged != NULL)
    *damaged = problems->len > before;
  if (problems->len > before)
    {
      if (progress != NULL)
        progress (1.0, user_data);
      return TRUE;
    }
  check.from = 0.8;
  check.to = 1.0;
  return check_rules (&check, problems, error);
}
