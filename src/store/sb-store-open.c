/* sb-store-open.c — opening a campaign file: what it is, whether it can be changed,
 * and an older one updated (sb-store-update.c) once no other Sambot can be updating it
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
  GStatBuf opened;
  /* A second connection to a campaign already open, for a worker thread
   * (sb_campaign_open_reader(), the daily backup): it reads in one pass. */
  gboolean worker = (flags & (SB_STORE_OPEN_READ_ONLY | SB_STORE_OPEN_NO_CHECK)) ==
                    (SB_STORE_OPEN_READ_ONLY | SB_STORE_OPEN_NO_CHECK);

  g_return_val_if_fail (path != NULL, NULL);

  self = _sb_store_new (path);
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
      _sb_store_header_is_older (self->path) &&
      !_sb_store_lock_for_update (self->path, &update_lock, error))
    return NULL;
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
      _sb_store_exec (self, "PRAGMA mmap_size = 0", NULL);     /* see _sb_store_configure_connection() */
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
  if (!_sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error) ||
      (self->schema_version < SB_STORE_SCHEMA_VERSION &&
       !_sb_store_update (self, progress, user_data, error)) ||
      !_sb_store_configure_connection (self, error))
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
  self = _sb_store_new (path);
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
  g_autoptr(SbStore) self = _sb_store_new (path);
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
