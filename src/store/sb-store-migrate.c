/* sb-store-migrate.c — updating a campaign file from an older Sambot: the
 * migrations in src/store/migrations/, in one transaction, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-store-private.h"
#include "sb-store-resources.h"

static char *
load_migration (int      version,
                GError **error)
{
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *prefix = g_strdup_printf ("%04d-", version);
  g_auto(GStrv) children = NULL;
  GResource *migrations = sambot_store_get_resource ();

  children = g_resource_enumerate_children (migrations, "/org/sambot/Sambot/store/migrations/",
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (children == NULL)
    return NULL;
  for (guint i = 0; children[i] != NULL; i++)
    if (g_str_has_prefix (children[i], prefix))
      resource = g_strconcat ("/org/sambot/Sambot/store/migrations/", children[i], NULL);
  if (resource == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                   "Migration %d is missing from the program", version);
      return NULL;
    }
  bytes = g_resource_lookup_data (migrations, resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* How far an update is, told through SQLite's progress handler. The bar is shared by
 * parts, each in proportion to the time it is expected to take: every migration, then
 * making the file smaller (compact()); an update on a copy puts the copying first
 * (sb-store-update.c). Within a part, the bar moves with the virtual-machine steps
 * done against those expected (the number of messages, or pages, times a cost
 * measured on generated campaigns), and stops short of the part's end until it is
 * done. */
typedef struct
{
  SbStoreUpdateProgress progress;
  gpointer              user_data;
  double                start;      /* where the part begins on the bar… */
  double                span;       /* …and how much of it it takes */
  double                expected;   /* VM steps of the part */
  double                done;
} UpdateProgress;

#define UPDATE_TICK 1000

static int
update_progress_cb (void *user_data)
{
  UpdateProgress *update = user_data;

  update->done += UPDATE_TICK;
  update->progress (update->start + update->span * MIN (0.99, update->done / update->expected),
                    update->user_data);
  return 0;
}

static void
begin_part (SbStore        *self,
            UpdateProgress *update,
            double          start,
            double          span,
            double          expected)
{
  *update = (UpdateProgress) { update->progress, update->user_data, start, span, MAX (1, expected), 0 };
  if (update->progress != NULL)
    sqlite3_progress_handler (self->db, UPDATE_TICK, update_progress_cb, update);
}

/* What a migration costs a message, about, measured on sb-bench-generate's
 * 100,000-message schema-5 campaign (G_MESSAGES_DEBUG=sb-store prints both): VM
 * steps, which tell how far it is, and microseconds, which size its share of the bar.
 * Steps alone would not: some migrations run 30 times more of them a second than
 * others, and FTS5's own work is no step at all. */
typedef struct
{
  double steps;
  double micros;
} MigrationCost;

static MigrationCost
migration_cost (int version)
{
  switch (version)
    {
    case 7:
      return (MigrationCost) { 315, 33 };   /* the tallies */
    case 8:
      return (MigrationCost) { 80, 28 };    /* the search indexes from the stored keys */
    case 9:
      return (MigrationCost) { 32, 6 };     /* four indexes of the list's filters */
    case 10:
      return (MigrationCost) { 313, 26 };   /* copies and batch items under new keys */
    case 12:
      return (MigrationCost) { 996, 45 };   /* the history into entries and changes */
    case 13:
      return (MigrationCost) { 165, 18 };   /* the texts packed */
    case 14:
      return (MigrationCost) { 492, 15 };   /* the history's values coded */
    case 15:
      return (MigrationCost) { 279, 17 };   /* the history's entries packed */
    case 16:
      return (MigrationCost) { 39, 65 };    /* the index of threes: FTS5's work, 6 s */
    case 17:
      return (MigrationCost) { 30, 2 };     /* the index of waiting copies */
    default:
      return (MigrationCost) { 10, 1 };
    }
}

/* Schemas 13 to 15 shrink rows where they are (migrations/0013-packed-texts.sql packs
 * the texts, 0014-leaner-rows.sql codes the history's values, 0015-history-ids.sql
 * packs its entries' subjects and moments), which frees no page (at a million
 * messages the file stayed 3.54 GB across 13), so an update across any of them
 * always writes the file again. */
#define SCHEMA_ROWS_SHRUNK 15

/* VM steps a page of the file costs VACUUM, and microseconds (VACUUM INTO, on the
 * same campaign: 109 steps and 2.7 s for 194,398 pages). */
#define COMPACT_COST   100
#define COMPACT_MICROS 14

/* An update rewrites tables, and the file keeps the pages they were in: at a million
 * messages the update to schema 12 left 2 of its 5.7 GB free. When a tenth of the
 * file or more is free, it is written again without them: into @into, an empty file,
 * when there is one (VACUUM INTO writes each page once, in 1.3 s where VACUUM took
 * 2.6 at 100,000 messages); otherwise in place. An update runs on a copy without a
 * journal (sb-store-update.c), so a VACUUM that fails midway leaves a damaged copy:
 * the update fails, and the copy is thrown away. */
static gboolean
compact (SbStore        *self,
         UpdateProgress *update,
         gboolean        rows_shrank,
         const char     *into,
         gboolean       *compacted,
         GError        **error)
{
  gint64 pages = _sb_store_pragma_int (self, "PRAGMA page_count", NULL);
  gint64 free_pages = _sb_store_pragma_int (self, "PRAGMA freelist_count", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  *compacted = FALSE;
  if (pages <= 0 || (free_pages * 10 < pages && !rows_shrank))
    return TRUE;
  begin_part (self, update, update->start + update->span, 1 - update->start - update->span,
              pages * COMPACT_COST);
  if (into != NULL)
    {
      char *quoted = sqlite3_mprintf ("VACUUM INTO %Q", into);

      if (quoted == NULL)
        return _sb_store_set_error (self, SQLITE_NOMEM, error);
      sql = g_strdup (quoted);
      sqlite3_free (quoted);
    }
  ok = _sb_store_exec (self, sql != NULL ? sql : "VACUUM", into != NULL ? &local_error : error);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  g_debug ("Made smaller: %" G_GINT64_FORMAT " pages, %" G_GINT64_FORMAT " free; %.0f VM steps "
           "(%.0f expected)", pages, free_pages, update->done, update->expected);
  /* VACUUM INTO only reads the file: when it fails (the disk is full), the file is
   * whole, only larger. */
  if (into != NULL && !ok)
    {
      g_message ("The updated campaign file keeps its %" G_GINT64_FORMAT " free pages: %s",
                 free_pages, local_error->message);
      return TRUE;
    }
  *compacted = ok;
  return ok;
}

/* How long updating the file of @self will take, in microseconds, about: its
 * migrations, then making it smaller. */
static double
expected_micros (SbStore *self,
                 double   messages,
                 double   pages)
{
  double micros = pages * COMPACT_MICROS;

  for (int version = self->schema_version + 1; version <= SB_STORE_SCHEMA_VERSION; version++)
    micros += messages * migration_cost (version).micros;
  return micros;
}

/**
 * _sb_store_update_cost:
 *
 * How long updating the file of @self will take, in microseconds, about: what
 * another part of the update (copying the file) weighs its share of the bar against.
 */
double
_sb_store_update_cost (SbStore *self)
{
  return expected_micros (self,
                          MAX (0, _sb_store_pragma_int (self, "SELECT count(*) FROM messages",
                                                        NULL)),
                          MAX (0, _sb_store_pragma_int (self, "PRAGMA page_count", NULL)));
}

/**
 * _sb_store_migrate:
 * @into: (nullable): an empty file, where the updated campaign is written if it is
 *   made smaller (the file of @self is then the same, with its free pages)
 * @written_into: (out) (optional): whether it was
 *
 * Every migration in one transaction: killed midway, the file stays the older
 * version it was, whole. (An update of a file the user opened runs on a copy,
 * sb-store-update.c, which tells @progress it is done once the copy is in place.)
 * What SQLite keeps aside meanwhile (its statement journals, VACUUM's copy) goes to
 * temporary files, not to memory: the update of a million messages to schema 12
 * peaked at 2.26 GB otherwise, 405 MB at 100,000 (161 MB now).
 */
gboolean
_sb_store_migrate (SbStore               *self,
                   const char            *into,
                   gboolean              *written_into,
                   SbStoreUpdateProgress  progress,
                   gpointer               user_data,
                   GError               **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", SB_STORE_SCHEMA_VERSION);
  UpdateProgress update = { progress, user_data, 0, 0, 0, 0 };
  double messages = 0, total = 1, position = 0;
  gboolean compacted = FALSE;
  gboolean ok = TRUE;

  if (progress != NULL)
    {
      messages = MAX (0, _sb_store_pragma_int (self, "SELECT count(*) FROM messages", NULL));
      total = MAX (1, expected_micros (self, messages,
                                       MAX (0, _sb_store_pragma_int (self, "PRAGMA page_count",
                                                                     NULL))));
      progress (0, user_data);
    }
  _sb_store_exec (self, "PRAGMA temp_store = FILE", NULL);
  if (!_sb_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      _sb_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
      return FALSE;
    }
  for (int version = self->schema_version + 1; ok && version <= SB_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = load_migration (version, error);
      MigrationCost cost = migration_cost (version);
      gint64 began = g_get_monotonic_time ();

      begin_part (self, &update, position, messages * cost.micros / total,
                  UPDATE_TICK + messages * cost.steps);
      position += update.span;
      ok = sql != NULL && _sb_store_exec (self, sql, error);
      g_debug ("Migration %d: %.2f s, %.0f VM steps (%.0f expected)", version,
               (g_get_monotonic_time () - began) / 1e6, update.done, update.expected);
    }
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (!ok || !_sb_store_exec (self, bump, error) || !_sb_store_exec (self, "COMMIT", error))
    {
      _sb_store_exec (self, "ROLLBACK", NULL);
      _sb_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
      return FALSE;
    }
  ok = compact (self, &update, self->schema_version < SCHEMA_ROWS_SHRUNK, into, &compacted,
                error);
  _sb_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  if (!ok)
    return FALSE;
  if (written_into != NULL)
    *written_into = compacted && into != NULL;
  self->schema_version = SB_STORE_SCHEMA_VERSION;
  /* The updated pages into the file itself, so that its header says what it is. */
  _sb_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  return TRUE;
}

/* What making a message's derived keys again costs, about (measured at 100,000
 * generated messages): its sender's sort key (40 VM steps; 0.8 s in all), its search
 * indexes (76 steps; 12.9 s, mostly making the keys and FTS5's own work, which steps
 * do not count). */
static const MigrationCost sort_keys_cost = { 40, 8 };
static const MigrationCost search_keys_cost = { 76, 129 };

/**
 * _sb_store_refresh_keys:
 *
 * After opening (and updating): makes the sort keys and the search index again if
 * they were made under other language rules (_sb_store_stale_keys ()), with progress.
 * An upgraded system does that to every campaign once; at a million messages it takes
 * minutes. A read-only file keeps them: it sorts with the collation itself, and a
 * search may miss what the new rules would find.
 */
gboolean
_sb_store_refresh_keys (SbStore               *self,
                        SbStoreUpdateProgress  progress,
                        gpointer               user_data,
                        GError               **error)
{
  UpdateProgress update = { progress, user_data, 0, 0, 0, 0 };
  double messages = 0, sort_share = 0;
  gboolean sort, search, ok;

  if (!_sb_store_stale_keys (self, &sort, &search, error))
    return FALSE;
  self->sort_keys_stale = sort;
  if (self->read_only || (!sort && !search))
    return TRUE;

  if (progress != NULL)
    {
      messages = MAX (0, _sb_store_pragma_int (self, "SELECT count(*) FROM messages", NULL));
      sort_share = !sort ? 0 : !search ? 1 : sort_keys_cost.micros /
                                             (sort_keys_cost.micros + search_keys_cost.micros);
      progress (0, user_data);
    }
  begin_part (self, &update, 0, sort_share, messages * sort_keys_cost.steps);
  ok = !sort || _sb_store_make_sort_keys (self, error);
  begin_part (self, &update, sort_share, 1 - sort_share, messages * search_keys_cost.steps);
  ok = ok && (!search || _sb_store_make_search_keys (self, error));
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (ok)
    self->sort_keys_stale = FALSE;
  if (progress != NULL)
    {
      g_debug ("Search keys made again: %.0f VM steps (%.0f expected)", update.done,
               update.expected);
      if (ok)
        progress (1, user_data);
    }
  return ok;
}

/**
 * _sb_store_header_is_older:
 * @path: a file
 *
 * Reads only the file's header, as the file is on the disk (a log beside it may
 * hold a newer one): a campaign file from an older Sambot?
 */
gboolean
_sb_store_header_is_older (const char *path)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint8 header[72];
  gsize read = 0;

  /* Never open a pipe or a device: reading it could wait for ever. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  input = g_file_read (file, NULL, NULL);
  if (input == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (input), header, sizeof header, &read, NULL, NULL) ||
      read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return FALSE;
  /* Both big-endian: user_version at offset 60, application_id at 68. */
  return GUINT32_FROM_BE (*(guint32 *) (header + 68)) == SB_STORE_APPLICATION_ID &&
         GUINT32_FROM_BE (*(guint32 *) (header + 60)) < SB_STORE_SCHEMA_VERSION;
}

/**
 * sb_store_file_needs_update:
 * @path: a file
 *
 * Reads only the file's header: is it a campaign file from an older Sambot, which
 * sb_store_open() will update (a long job for a large campaign)? %FALSE for anything
 * else, including files that are not campaigns: sb_store_open() says what they are.
 */
gboolean
sb_store_file_needs_update (const char *path)
{
  g_autofree char *wal = NULL;
  GStatBuf log;

  if (!_sb_store_header_is_older (path))
    return FALSE;
  /* A log not yet copied into the file may hold a newer header: ask SQLite. */
  wal = g_strconcat (path, "-wal", NULL);
  if (g_stat (wal, &log) == 0 && log.st_size > 0)
    {
      g_autoptr(SbStore) store = _sb_store_inspect_file (path, NULL);

      return store != NULL && store->schema_version < SB_STORE_SCHEMA_VERSION;
    }
  return TRUE;
}
