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

/* How far an update is, told through SQLite's progress handler. The work of each
 * migration grows with the campaign: its expected number of virtual-machine steps is
 * the number of messages times a cost measured on generated campaigns (about the
 * same for the demo); the bar stops short of the end until the commit. */
typedef struct
{
  SbStoreUpdateProgress progress;
  gpointer              user_data;
  double                expected;   /* VM steps, all migrations */
  double                done;
} UpdateProgress;

#define UPDATE_TICK 1000

static int
update_progress_cb (void *user_data)
{
  UpdateProgress *update = user_data;

  update->done += UPDATE_TICK;
  update->progress (MIN (0.99, update->done / update->expected), update->user_data);
  return 0;
}

/* VM steps a message costs to migrate to @version, about: measured on the demo and
 * on sb-bench-generate's campaigns (G_MESSAGES_DEBUG=sb-store prints them). The
 * search index's own work (FTS5) is not counted in steps but grows with them. */
static double
migration_cost (int version)
{
  switch (version)
    {
    case 7:
      return 350;   /* the tallies: 315 at 100,000 messages, 400-550 on the fixtures */
    case 8:
      return 75;    /* the search indexes, fed from the stored keys */
    case 9:
      return 60;    /* four indexes of the message list's filters */
    case 10:
      return 450;   /* copies and batch items copied into their new keys: about 100 a
                     * row; 592 on the demo (3.6 copies and 2.1 items a message) */
    case 12:
      return 950;   /* the history into entries, kinds and changes: about 930 at
                     * 100,000 messages (12.8 history rows a message) */
    default:
      return 10;
    }
}

/* Every migration in one transaction: killed midway, the file stays the older
 * version it was, whole (the backup beside it is only for a person's peace of mind). */
gboolean
_sb_store_migrate (SbStore               *self,
                   SbStoreUpdateProgress  progress,
                   gpointer               user_data,
                   GError               **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", SB_STORE_SCHEMA_VERSION);
  UpdateProgress update = { progress, user_data, 0, 0 };
  gboolean ok = TRUE;

  if (!_sb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (progress != NULL)
    {
      double messages = MAX (0, _sb_store_pragma_int (self, "SELECT count(*) FROM messages", NULL));

      for (int version = self->schema_version + 1; version <= SB_STORE_SCHEMA_VERSION; version++)
        update.expected += UPDATE_TICK + messages * migration_cost (version);
      progress (0, user_data);
      sqlite3_progress_handler (self->db, UPDATE_TICK, update_progress_cb, &update);
    }
  for (int version = self->schema_version + 1; ok && version <= SB_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = load_migration (version, error);

      ok = sql != NULL && _sb_store_exec (self, sql, error);
    }
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (progress != NULL)
    g_debug ("Update to schema %d: %.0f VM steps (%.0f expected)", SB_STORE_SCHEMA_VERSION,
             update.done, update.expected);
  if (!ok || !_sb_store_exec (self, bump, error) || !_sb_store_exec (self, "COMMIT", error))
    {
      _sb_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->schema_version = SB_STORE_SCHEMA_VERSION;
  /* The updated pages into the file itself, so that its header says what it is. */
  _sb_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  if (progress != NULL)
    progress (1, user_data);
  return TRUE;
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
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *wal = NULL;
  guint8 header[72];
  gsize read = 0;
  GStatBuf log;

  /* Never open a pipe or a device: reading it could wait for ever. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  input = g_file_read (file, NULL, NULL);
  if (input == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (input), header, sizeof header, &read, NULL, NULL) ||
      read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return FALSE;
  /* Both big-endian: user_version at offset 60, application_id at 68. */
  if (GUINT32_FROM_BE (*(guint32 *) (header + 68)) != SB_STORE_APPLICATION_ID ||
      GUINT32_FROM_BE (*(guint32 *) (header + 60)) >= SB_STORE_SCHEMA_VERSION)
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
