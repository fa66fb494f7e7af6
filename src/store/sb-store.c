/* sb-store.c — the campaign file: open, create (updates: sb-store-update.c;
 * transactions: sb-store-transactions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sb-store-private.h"
#include "sb-text.h"


G_DEFINE_FINAL_TYPE (SbStore, sb_store, G_TYPE_OBJECT)


/* ------------------------------------------------------------------------ */
/* SQL functions the schema's triggers use                                  */
/* ------------------------------------------------------------------------ */

/* The time of a change made now, as the history records it: the fixed clock if one
 * is set. Every history row asks, so the text is made once a second, not once a row. */
const char *
_sb_store_now (SbStore *self)
{
  gint64 second;

  if (self->fixed_now != NULL)
    return self->fixed_now;
  second = g_get_real_time () / G_USEC_PER_SEC;
  if (second != self->now_second)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (second);
      g_autofree char *text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

      g_strlcpy (self->now_text, text, sizeof self->now_text);
      self->now_second = second;
    }
  return self->now_text;
}

static void
sql_now (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  sqlite3_result_text (context, _sb_store_now (sqlite3_user_data (context)), -1,
                       SQLITE_TRANSIENT);
}

static void
sql_operator (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);

  sqlite3_result_text (context, self->operator_name ? self->operator_name : "", -1,
                       SQLITE_TRANSIENT);
}

/* Inside a transaction, the new message @rowid waits for the search index until
 * the commit. */
void
_sb_store_defer_search (SbStore *self,
                        gint64   rowid)
{
  g_return_if_fail (self->depth > 0);

  if (self->fts_pending_from == 0 || rowid < self->fts_pending_from)
    self->fts_pending_from = rowid;
  self->n_deferred++;
}

/* sb_fts_defer (rowid): _sb_store_defer_search() inside a transaction; returns
 * whether the message waits. */
static void
sql_fts_defer (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);

  if (self->depth == 0)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  _sb_store_defer_search (self, sqlite3_value_int64 (argv[0]));
  sqlite3_result_int (context, 1);
}

/* sb_fts_pending (rowid): is this message still waiting for the search index? */
static void
sql_fts_pending (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);
  gint64 rowid = sqlite3_value_int64 (argv[0]);

  sqlite3_result_int (context, self->fts_pending_from > 0 && rowid >= self->fts_pending_from);
}

static int
collate_km (void       *user_data,
            int         a_len,
            const void *a,
            int         b_len,
            const void *b)
{
  return sb_text_collate_n (a, a_len, b, b_len, "km");
}

static gboolean
register_functions (SbStore  *self,
                    GError  **error)
{
  static const struct
  {
    const char *name;
    int         n_args;
    void      (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "sb_now", 0, sql_now },
    { "sb_operator", 0, sql_operator },
    { "sb_fts_defer", 1, sql_fts_defer },
    { "sb_fts_pending", 1, sql_fts_pending },
  };
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      rc = sqlite3_create_function_v2 (self->db, functions[i].name, functions[i].n_args,
                                       SQLITE_UTF8, self, functions[i].func, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return _sb_store_set_error (self, rc, error);
    }
  rc = sqlite3_create_collation (self->db, "KM", SQLITE_UTF8, NULL, collate_km);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  return _sb_store_register_text_functions (self, error) &&
         _sb_store_register_id_functions (self, error) &&
         _sb_store_register_sort_key_functions (self, error) &&
         _sb_store_register_erasure_functions (self, error) &&
         _sb_store_register_changes_functions (self, error) &&
         _sb_store_register_search_functions (self, error);
}

/* ------------------------------------------------------------------------ */
/* Opening, checking, migrating                                             */
/* ------------------------------------------------------------------------ */

/* Once per process, before SQLite starts: Sambot never asks SQLite how much memory
 * it uses, and keeping that count takes a lock around every allocation (5% of a
 * large import). */
static gpointer
configure_sqlite (gpointer data)
{
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  _sb_store_vfs_register ();
  return NULL;
}

gboolean
_sb_store_open_connection (SbStore     *self,
                           int          flags,
                           GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  int rc;

  g_once (&once, configure_sqlite, NULL);
  if (self->immutable)
    {
      /* A WAL file needs a -shm file beside it, which a read-only folder cannot
       * hold: read the file as it is, without locks (SQLite's immutable URI). */
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", TRUE);
      g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _sb_store_set_error (self, rc, error);
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 3000);
  if (!register_functions (self, error))
    {
      _sb_store_close_connection (self);
      return FALSE;
    }
  return TRUE;
}

void
_sb_store_close_connection (SbStore *self)
{
  _sb_store_changes_stop (self);
  if (self->bulk != NULL)
    _sb_store_bulk_forget (self);
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->list_cache, _sb_store_list_cache_free);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
}

/* Removes the empty log and index SQLite made beside @path while reading it, unless
 * they were there before (@had_sidecars), or the file under its name is no longer
 * @opened: another Sambot renamed its updated copy over it, and they are that file's,
 * in use. */
static void
remove_sidecars_made (const char     *path,
                      gboolean        had_sidecars,
                      const GStatBuf *opened)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GStatBuf now;

  if (had_sidecars || g_stat (path, &now) != 0 ||
      now.st_dev != opened->st_dev || now.st_ino != opened->st_ino)
    return;
  g_unlink (wal);
  g_unlink (shm);
}

/* The lock of _sb_store_lock_for_update (), if any. */
typedef int SbUpdateLock;

static void
release_update_lock (SbUpdateLock *lock)
{
  if (*lock >= 0)
    close (*lock);
  *lock = -1;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbUpdateLock, release_update_lock)

/* Looks at the file without writing to it: is it ours, which version, intact? */
static gboolean
inspect (SbStore           *self,
         SbStoreOpenFlags   flags,
         GError           **error)
{
  g_autofree char *name = _sb_store_display_name (self->path);
  g_autoptr(GError) local_error = NULL;
  gint64 application_id;
  gint64 version;

  /* Both numbers are any 32-bit value a file holds: -1 is one, not an error. */
  application_id = _sb_store_pragma_int (self, "PRAGMA application_id", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (application_id != SB_STORE_APPLICATION_ID)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_CAMPAIGN,
                   _("“%s” is not a Sambot campaign file. Choose a campaign file "
                     "(it ends in .sambot) or create a new campaign."), name);
      return FALSE;
    }

  version = _sb_store_pragma_int (self, "PRAGMA user_version", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its format number (%d) is not one Sambot ever wrote. "
                     "Open its most recent backup instead; the file was not changed."),
                   name, (int) version);
      return FALSE;
    }
  if (version > SB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                   _("“%s” was saved by a newer version of Sambot (campaign format %d; "
                     "this version knows up to %d). Update Sambot to open it; "
                     "the file was not changed."),
                   name, (int) version, SB_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  self->schema_version = version;

  if (!(flags & SB_STORE_OPEN_NO_CHECK))
    {
      g_autoptr(GPtrArray) problems = NULL;

      if (!sb_store_check (self, &problems, error))
        return FALSE;
      if (problems->len > 0)
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged (%s). Open its most recent backup instead; "
                         "the file was not changed."),
                       name, (const char *) g_ptr_array_index (problems, 0));
          return FALSE;
        }
    }
  return TRUE;
}

/* Can this process change the file? (As root, only a read-only mount says no.) */
static SbStoreReadOnlyReason
writable_reason (SbStore *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_access (dir, W_OK) != 0)
    return SB_STORE_READ_ONLY_FOLDER;
  if (g_access (self->path, W_OK) != 0)
    return SB_STORE_READ_ONLY_FILE;
  return SB_STORE_READ_ONLY_NO;
}

static gboolean
configure_connection (SbStore  *self,
                      GError  **error)
{
  /* A big page cache keeps a bulk transaction (an import: FTS and history pages
   * too) from spilling into the WAL before it commits; savepoint journals stay in
   * memory. No memory map: every page a read touched through it stayed in the
   * process's resident memory (1 GiB of it opening a 100,000-message campaign in the
   * app, 1.5 GB with the figures counted twice); the page cache bounds what a
   * connection holds to 64 MiB, for scans 10-35 % slower (bench/run.sh). */
  return _sb_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
         _sb_store_exec (self, "PRAGMA synchronous = NORMAL", error) &&
         _sb_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         _sb_store_exec (self, "PRAGMA cache_size = -65536", error) &&
         _sb_store_exec (self, "PRAGMA temp_store = MEMORY", error) &&
         _sb_store_exec (self, "PRAGMA mmap_size = 0", error);
}

static SbStore *
store_new (const char *path)
{
  SbStore *self = g_object_new (SB_TYPE_STORE, NULL);

  self->path = g_canonicalize_filename (path, NULL);
  return self;
}

/* quick_check reads the whole file: about a second per 100 MB. It runs at open
 * when the file is small enough for that to go unnoticed, or when the last
 * session did not close cleanly (a write-ahead log was left behind). A large file
 * that was closed cleanly opens at once; SQLite still reports any damaged page it
 * reads as SB_STORE_ERROR_CORRUPT, and sb_store_check() (`sambot-cli check`, or
 * the app in the background) runs the full check. */
#define SB_STORE_CHECK_AT_OPEN_MAX (8 * 1024 * 1024)

static SbStoreOpenFlags
check_policy (const char       *path,
              const char       *wal,
              SbStoreOpenFlags  flags)
{
  GStatBuf file, log;

  if (flags & SB_STORE_OPEN_NO_CHECK)
    return flags;
  if (g_stat (wal, &log) == 0 && log.st_size > 0)
    return flags;
  if (g_stat (path, &file) == 0 && file.st_size <= SB_STORE_CHECK_AT_OPEN_MAX)
    return flags;
  return flags | SB_STORE_OPEN_NO_CHECK;
}

/**
 * sb_store_create:
 * @path: where the new campaign file goes; must not exist yet
 *
 * Creates an empty campaign file with the newest schema, readable and writable
 * by its owner only (it will hold senders' private contacts).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SbStore *
sb_store_create (const char  *path,
                 GError     **error)
{
  g_autoptr(SbStore) self = NULL;
  g_autofree char *app_id = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = store_new (path);
  /* Made private before SQLite opens it: its -wal and -shm take the same mode. */
  if (!_sb_store_create_private_file (self->path, error))
    return NULL;
  if (!_sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error))
    {
      _sb_store_remove_file (self->path);
      return NULL;
    }

  app_id = g_strdup_printf ("PRAGMA application_id = %d", SB_STORE_APPLICATION_ID);
  if (!_sb_store_exec (self, app_id, error) || !configure_connection (self, error) ||
      !_sb_store_migrate (self, NULL, NULL, NULL, NULL, error) ||
      !_sb_store_exec (self, "DROP TABLE IF EXISTS temp.update_search_keys", error))
    {
      _sb_store_close_connection (self);
      _sb_store_remove_file (self->path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * sb_store_open:
 * @path: a campaign file
 * @flags: how to open it
 *
 * Opens a campaign file. Before anything is written the file is inspected read-only:
 * a file that is not a campaign, is damaged, or comes from a newer Sambot is refused
 * and left untouched. An older file is backed up next to itself, then migrated.
 * The integrity check at open covers small files and files left open by a crash;
 * see check_policy() for large, cleanly closed ones.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SbStore *
sb_store_open (const char        *path,
               SbStoreOpenFlags   flags,
               GError           **error)
{
  return sb_store_open_full (path, flags, NULL, NULL, error);
}

/**
 * sb_store_open_full:
 * @progress: (nullable) (scope call): told how far the update of an older file is,
 *   then how far making its keys again is if it needs new ones
 *   (sb_store_file_needs_new_keys ()), in this thread; not called for a file that
 *   needs neither
 *
 * sb_store_open(), telling how far the update of a file from an older Sambot, or the
 * making of its keys under this system's language rules, is: at a million messages
 * either takes minutes. A file that needs both shows two runs of the bar.
 */
SbStore *
sb_store_open_full (const char            *path,
                    SbStoreOpenFlags       flags,
                    SbStoreUpdateProgress  progress,
                    gpointer               user_data,
                    GError               **error)
{
  g_autoptr(SbStore) self = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  gboolean had_sidecars;
  SbStoreReadOnlyReason reason;
  GStatBuf log;
  g_autoptr(GError) local_error = NULL;
  g_auto(SbUpdateLock) update_lock = -1;
  gboolean tried_lock = FALSE;
  GStatBuf opened;
  /* A second connection to a campaign already open, for a worker thread
   * (sb_campaign_open_reader(), the daily backup): it reads in one pass. */
  gboolean worker = (flags & (SB_STORE_OPEN_READ_ONLY | SB_STORE_OPEN_NO_CHECK)) ==
                    (SB_STORE_OPEN_READ_ONLY | SB_STORE_OPEN_NO_CHECK);

  g_return_val_if_fail (path != NULL, NULL);

  self = store_new (path);
  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = _sb_store_display_name (self->path);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist or is not a file. Check the name and folder."), name);
      return NULL;
    }

  wal = g_strconcat (self->path, "-wal", NULL);
  shm = g_strconcat (self->path, "-shm", NULL);
  had_sidecars = g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS);
  reason = writable_reason (self);
  /* With changes still in a WAL file, only SQLite's own read-only mode reads them. */
  self->immutable = reason != SB_STORE_READ_ONLY_NO &&
                    (g_stat (wal, &log) != 0 || log.st_size == 0);
  flags = check_policy (self->path, wal, flags);
  /* An older file that this open may update: looked at once no other Sambot can be
   * updating it, since one may rename its updated copy over it meanwhile (and SQLite,
   * which finds the log by the file's name, would read the new file's log with the
   * older file's pages). */
  if (!(flags & SB_STORE_OPEN_READ_ONLY) && reason == SB_STORE_READ_ONLY_NO &&
      _sb_store_header_is_older (self->path))
    {
      tried_lock = TRUE;
      if (!_sb_store_lock_for_update (self->path, &update_lock, error))
        return NULL;
    }
  if (g_stat (self->path, &opened) != 0)
    memset (&opened, 0, sizeof opened);
  if (!_sb_store_open_connection (self, SQLITE_OPEN_READONLY, &local_error) ||
      !inspect (self, flags, &local_error))
    {
      if (reason != SB_STORE_READ_ONLY_NO && !self->immutable &&
          g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED))
        {
          g_autofree char *name = _sb_store_display_name (self->path);

          g_clear_error (&local_error);
          g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                       _("“%s” was not closed properly and is in a folder you cannot write "
                         "to, so it cannot be read there. Copy it, with the file “%s-wal” "
                         "beside it, to a folder you can write to and open the copy."),
                       name, name);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      /* Reading a WAL file leaves empty -wal/-shm files behind: a refused file is
       * left exactly as it was found. */
      _sb_store_close_connection (self);
      remove_sidecars_made (self->path, had_sidecars, &opened);
      return NULL;
    }

  if ((flags & SB_STORE_OPEN_READ_ONLY) || reason != SB_STORE_READ_ONLY_NO)
    {
      self->read_only = TRUE;
      self->read_only_reason = reason != SB_STORE_READ_ONLY_NO ? reason : SB_STORE_READ_ONLY_ASKED;
      /* A worker's passes (an index in order, a backup page by page, the figures'
       * tallies) gain nothing from a large cache, and the app's peak memory at start
       * counts each one's: 8 MiB, not 64. */
      _sb_store_exec (self, worker ? "PRAGMA cache_size = -8192" : "PRAGMA cache_size = -65536", NULL);
      _sb_store_exec (self, "PRAGMA mmap_size = 0", NULL);     /* see configure_connection() */
      if (self->schema_version < SB_STORE_SCHEMA_VERSION)
        {
          g_autofree char *name = _sb_store_display_name (self->path);

          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                       _("“%s” was saved by an older version of Sambot and must be updated "
                         "before it can be read. Open it once for writing."), name);
          return NULL;
        }
      if (!_sb_store_refresh_keys (self, NULL, NULL, error) ||
          !_sb_store_changes_resume (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  _sb_store_close_connection (self);
  /* An older file whose header did not say so (its log did): looked at again once
   * no other Sambot can be updating it. */
  if (self->schema_version < SB_STORE_SCHEMA_VERSION && !tried_lock &&
      (!_sb_store_lock_for_update (self->path, &update_lock, error) ||
       !_sb_store_open_connection (self, SQLITE_OPEN_READONLY, error) ||
       !inspect (self, flags | SB_STORE_OPEN_NO_CHECK, error)))
    return NULL;
  _sb_store_close_connection (self);
  if (!_sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error) ||
      (self->schema_version < SB_STORE_SCHEMA_VERSION &&
       !_sb_store_update (self, progress, user_data, error)) ||
      !configure_connection (self, error))
    return NULL;
  release_update_lock (&update_lock);
  if (!_sb_store_refresh_keys (self, progress, user_data, error) ||
      !_sb_store_changes_resume (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * sb_store_file_needs_new_keys:
 * @path: a file
 *
 * Is @path a writable campaign file of this Sambot's schema whose sort keys or search
 * index were made under language rules other than this system's (see
 * _sb_store_stale_keys ())? sb_store_open_full() makes them again, with progress: a
 * long job for a large campaign. Reads two rows, as the file is: without locks and
 * without making the files SQLite keeps beside it (which a read-only connection could
 * not remove). A file with a log not yet copied into it is left to the open itself.
 */
gboolean
sb_store_file_needs_new_keys (const char *path)
{
  g_autoptr(SbStore) self = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gboolean sort = FALSE, search = FALSE;
  GStatBuf log;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || g_access (path, W_OK) != 0 ||
      (g_stat (wal, &log) == 0 && log.st_size > 0))
    return FALSE;
  self = store_new (path);
  self->read_only = TRUE;
  self->immutable = TRUE;
  return _sb_store_open_connection (self, SQLITE_OPEN_READONLY, NULL) &&
         inspect (self, SB_STORE_OPEN_NO_CHECK, NULL) &&
         self->schema_version == SB_STORE_SCHEMA_VERSION &&
         _sb_store_stale_keys (self, &sort, &search, NULL) && (sort || search);
}

SbStore *
_sb_store_inspect_file (const char  *path,
                        GError     **error)
{
  g_autoptr(SbStore) self = store_new (path);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  gboolean had_sidecars = g_file_test (wal, G_FILE_TEST_EXISTS) ||
                          g_file_test (shm, G_FILE_TEST_EXISTS);
  GStatBuf opened;

  if (!g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = _sb_store_display_name (self->path);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist or is not a file. Check the name and folder."), name);
      return NULL;
    }
  self->read_only = TRUE;
  if (g_stat (self->path, &opened) != 0)
    memset (&opened, 0, sizeof opened);
  if (_sb_store_open_connection (self, SQLITE_OPEN_READONLY, error) &&
      inspect (self, SB_STORE_OPEN_NO_CHECK, error))
    return g_steal_pointer (&self);

  _sb_store_close_connection (self);
  remove_sidecars_made (self->path, had_sidecars, &opened);
  return NULL;
}

const char *
sb_store_get_path (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->path;
}

int
sb_store_get_schema_version (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), 0);
  return self->schema_version;
}

gboolean
sb_store_is_read_only (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * sb_store_get_read_only_reason:
 *
 * Returns: why nothing can be changed: %SB_STORE_READ_ONLY_NO when it can be
 */
SbStoreReadOnlyReason
sb_store_get_read_only_reason (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), SB_STORE_READ_ONLY_ASKED);
  return self->read_only ? self->read_only_reason : SB_STORE_READ_ONLY_NO;
}

/**
 * sb_store_describe_read_only:
 *
 * Returns: (transfer full) (nullable): a sentence saying the file is read-only, why,
 *   and what to do; %NULL when it can be changed
 */
char *
sb_store_describe_read_only (SbStore *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  name = _sb_store_display_name (self->path);
  switch (sb_store_get_read_only_reason (self))
    {
    case SB_STORE_READ_ONLY_FOLDER:
      return g_strdup_printf (_("“%s” is read-only: it is in a folder you cannot write to. "
                                "Copy it somewhere you can write, and open the copy to make "
                                "changes."), name);
    case SB_STORE_READ_ONLY_FILE:
      return g_strdup_printf (_("“%s” is read-only: you may not change this file. Copy it "
                                "somewhere you can write, and open the copy to make changes."),
                              name);
    case SB_STORE_READ_ONLY_ASKED:
      return g_strdup_printf (_("“%s” is open read-only; nothing can be changed."), name);
    case SB_STORE_READ_ONLY_NO:
    default:
      return NULL;
    }
}

/**
 * sb_store_close:
 *
 * Checkpoints the write-ahead log into the file and closes it, so the campaign is
 * one self-contained file again. The store cannot be used afterwards.
 */
void
sb_store_close (SbStore *self)
{
  g_return_if_fail (SB_IS_STORE (self));

  if (self->db != NULL && !self->read_only)
    sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  _sb_store_close_connection (self);
}

/**
 * sb_store_set_operator:
 * @operator_name: (nullable): who is making changes; recorded in the history
 */
void
sb_store_set_operator (SbStore    *self,
                       const char *operator_name)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
}

/**
 * sb_store_set_clock:
 * @fixed_now: (nullable): a moment ("2016-10-10T09:00:00Z") recorded as the time of
 *   every change until reset with %NULL; for generated campaigns and tests
 */
void
sb_store_set_clock (SbStore    *self,
                    const char *fixed_now)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_free (self->fixed_now);
  self->fixed_now = g_strdup (fixed_now);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_store_finalize (GObject *object)
{
  SbStore *self = (SbStore *) object;

  _sb_store_close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->operator_name, g_free);
  g_clear_pointer (&self->fixed_now, g_free);
  g_clear_pointer (&self->erasing_id, g_free);
  g_clear_pointer (&self->key_memo, g_free);
  _sb_store_forget_search_hints (self);
  g_clear_pointer (&self->key_memo_ref, g_free);
  g_clear_pointer (&self->key_memo_all, g_free);

  G_OBJECT_CLASS (sb_store_parent_class)->finalize (object);
}

static void
sb_store_class_init (SbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_store_finalize;
}

static void
sb_store_init (SbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

/**
 * sb_store_now:
 *
 * Returns: (transfer full): the time of a change made now, as the history records
 *   it ("YYYY-MM-DDTHH:MM:SSZ"; the fixed clock if one is set)
 */
char *
sb_store_now (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return g_strdup (_sb_store_now (self));
}
