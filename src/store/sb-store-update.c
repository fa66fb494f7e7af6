/* sb-store-update.c — a campaign file from an older Sambot, updated on a copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The migrations (sb-store-migrate.c) never run on the file itself. The file is
 * copied beside itself ("FILE.updating.part"), the copy is updated without a journal
 * (a copy that fails is thrown away, so it needs none: WAL would write every changed
 * page twice), synced to the disk, and renamed over the file. The file as it was
 * stays under a second name, "FILE.before-vN.bak" (a hard link, not a copy), for a
 * person's peace of mind. Killed at any moment before the rename, the file is the
 * older one, untouched (but for its log, copied into it first), and the next update
 * deletes the copy; the rename is atomic. Meanwhile no other program can write to it.
 *
 * Only one Sambot updates the files of a folder at a time (_sb_store_lock_for_update (),
 * taken by sb_store_open_full () before SQLite reads an older file): SQLite finds a
 * file's journal and log by its name, and once the updated copy has taken that name,
 * a program that still read the older file, or waited for its lock, would take the
 * new file's journal or log for its own and write them into the older one, the
 * backup.
 *
 * Measured on the 100,000-message schema-5 file of sb-bench-generate (795 MB):
 * docs/schema-6.md, "Migration from schema 5".
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-store-private.h"

/* The file is copied this many bytes at a time (a buffer that stays in the
 * processor's cache: 0.4 s for 795 MB, against 1.2-1.9 s in chunks of 4 MiB), with
 * progress told every COPY_TOLD bytes. A page of 4 KiB takes about COPY_PAGE_MICROS
 * (795 MB in 0.8-3.7 s: the disk of the machine that measured it varied). */
#define COPY_CHUNK (128 << 10)
#define COPY_TOLD  (16 << 20)
#define COPY_PAGE_MICROS 6

typedef struct
{
  SbStore              *store;
  char                 *file;      /* the campaign file, links followed */
  char                 *part;      /* the copy being updated */
  char                 *smaller;   /* the copy written again without its free pages */
  int                   from;      /* the file, opened before SQLite locked it */
  SbStoreUpdateProgress progress;
  gpointer              user_data;
  double                copy_span;  /* the copy's share of the bar */
} Update;

static gboolean
set_busy_error (const char  *path,
                GError     **error)
{
  g_autofree char *name = _sb_store_display_name (path);

  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED,
               _("“%s” must be updated for this version of Sambot, but another program "
                 "has it open. Close it there, then open it again; nothing was changed."),
               name);
  return FALSE;
}

/**
 * _sb_store_lock_for_update:
 * @path: a campaign file that needs an update
 * @lock: (out): a descriptor to close once the update is over and the updated file is
 *   open, or -1
 *
 * Keeps every other Sambot from updating a file in @path's folder until @lock is
 * closed (an advisory lock on the folder, whose name the update does not change).
 * Where the folder takes no locks (some network file systems), there is none.
 *
 * Returns: %FALSE with @error set if another program is updating a file there
 */
gboolean
_sb_store_lock_for_update (const char  *path,
                           int         *lock,
                           GError     **error)
{
  g_autofree char *file = realpath (path, NULL);
  g_autofree char *folder = g_path_get_dirname (file != NULL ? file : path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  *lock = -1;
  if (fd < 0)
    return TRUE;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    {
      *lock = fd;
      return TRUE;
    }
  if (errno == EWOULDBLOCK)
    {
      g_autofree char *name = _sb_store_display_name (path);

      close (fd);
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED,
                   _("“%s” must be updated for this version of Sambot, but another Sambot "
                     "is updating a campaign in the same folder. Open it again when that is "
                     "done; nothing was changed."), name);
      return FALSE;
    }
  g_debug ("The folder of “%s” takes no locks (%s): updating without one",
           path, g_strerror (errno));
  close (fd);
  return TRUE;
}

/* Takes the file for the store's connection until it closes: its log (if any) copied
 * into it and gone, which SQLite only does when no other program has it open, so
 * that the file is the whole campaign; and a lock that keeps every other program
 * from writing it (what another wrote meanwhile would go to the file that becomes
 * the backup). Then checks that the lock is on the file still under its name:
 * another Sambot may have updated it, and renamed its copy over it, while this one
 * waited for the lock. */
static gboolean
hold_original (Update  *update,
               GError **error)
{
  SbStore *self = update->store;
  sqlite3_stmt *stmt = NULL;
  gboolean in_file = FALSE;
  int moved = 0;
  GStatBuf named, held;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    in_file = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || (rc == SQLITE_ROW && !in_file))
    return set_busy_error (self->path, error);
  if (rc != SQLITE_ROW)
    return _sb_store_set_error (self, rc, error);

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    return set_busy_error (self->path, error);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);

  sqlite3_file_control (self->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved);
  if (moved || g_stat (update->file, &named) != 0 || fstat (update->from, &held) != 0 ||
      named.st_dev != held.st_dev || named.st_ino != held.st_ino)
    return set_busy_error (self->path, error);
  /* What it is now, under the lock (an older Sambot may have updated it in place). */
  self->schema_version = (int) _sb_store_pragma_int (self, "PRAGMA user_version", NULL);
  return TRUE;
}

/* The bytes of @update's file into the empty file @to, with progress if @span > 0.
 * Errors name the campaign. */
static gboolean
copy_file (Update      *update,
           const char  *to_path,
           double       span,
           GError     **error)
{
  g_autofree char *buffer = g_malloc (COPY_CHUNK);
  int to = g_open (to_path, O_WRONLY | O_CLOEXEC, 0);
  off_t size = lseek (update->from, 0, SEEK_END);
  off_t done = 0;
  int failure = to < 0 ? errno : 0;
  gint64 began = g_get_monotonic_time ();

  while (failure == 0 && done < size)
    {
      ssize_t n = pread (update->from, buffer, COPY_CHUNK, done);
      ssize_t written = 0;

      if (n <= 0)
        failure = n < 0 ? errno : EIO;
      while (failure == 0 && written < n)
        {
          ssize_t w = write (to, buffer + written, n - written);

          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            failure = w < 0 ? errno : EIO;
          else
            written += w;
        }
      done += written;
      if (update->progress != NULL && span > 0 && done % COPY_TOLD == 0)
        update->progress (span * done / size, update->user_data);
    }
  if (to >= 0 && close (to) != 0 && failure == 0)
    failure = errno;
  g_debug ("Copied %" G_GINT64_FORMAT " bytes in %.2f s", (gint64) done,
           (g_get_monotonic_time () - began) / 1e6);
  return failure == 0 || _sb_store_set_file_error (update->store->path, failure, error);
}

/* An empty private file for a copy, owned by whoever owns the file (an update run as
 * another user must not lock its owner out). */
static gboolean
create_copy (Update      *update,
             const char  *path,
             GError     **error)
{
  GStatBuf held;
  int fd;

  _sb_store_remove_file (path);
  if (!_sb_store_create_private_file (path, error))
    return FALSE;
  fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  if (fd >= 0 && fstat (update->from, &held) == 0 && fchown (fd, held.st_uid, held.st_gid) != 0)
    g_debug ("“%s” keeps this user as its owner: %s", path, g_strerror (errno));
  if (fd >= 0)
    close (fd);
  return TRUE;
}

/* The file as it is, under the name @backup too, replacing an older backup of that
 * name, readable by its owner only (sb-store-files.c). A file system without hard
 * links gets a copy of its bytes instead. */
static gboolean
keep_as_backup (Update      *update,
                const char  *backup,
                GError     **error)
{
  g_autofree char *linked = g_strconcat (backup, ".new", NULL);
  GStatBuf kept, held;

  /* Already so: an update stopped between its two renames. */
  if (g_stat (backup, &kept) == 0 && fstat (update->from, &held) == 0 &&
      kept.st_dev == held.st_dev && kept.st_ino == held.st_ino)
    return TRUE;
  g_unlink (linked);
  if (link (update->file, linked) != 0)
    {
      g_debug ("No second name for the file (%s): the backup is a copy", g_strerror (errno));
      if (!create_copy (update, linked, error) || !copy_file (update, linked, 0, error) ||
          !_sb_store_sync_file (linked, error))
        {
          g_unlink (linked);
          return FALSE;
        }
    }
  if (g_chmod (linked, 0600) != 0 || g_rename (linked, backup) != 0)
    {
      int saved_errno = errno;

      g_unlink (linked);
      return _sb_store_set_file_error (backup, saved_errno, error);
    }
  return TRUE;
}

/* @result, the updated copy, on the disk under the file's name; the file as it was,
 * the backup. */
static gboolean
put_in_place (Update      *update,
              const char  *result,
              GError     **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.before-v%d.bak", update->file,
                                             SB_STORE_SCHEMA_VERSION);

  if (!_sb_store_sync_file (result, error) || !keep_as_backup (update, backup, error))
    return FALSE;
  if (g_rename (result, update->file) != 0)
    return _sb_store_set_file_error (update->store->path, errno, error);
  _sb_store_sync_folder_of (update->file);
  return TRUE;
}

static void
migrations_progress (double   fraction,
                     gpointer data)
{
  Update *update = data;

  update->progress (update->copy_span + (1 - update->copy_span) * fraction,
                    update->user_data);
}

/* The migrations on the copy, through a connection of the store's own (its SQL
 * functions), while the file's stays open and locked. */
static gboolean
migrate_copy (Update   *update,
              gboolean *written_smaller,
              GError  **error)
{
  SbStore *self = update->store;
  g_autofree char *path = g_steal_pointer (&self->path);
  sqlite3 *original = g_steal_pointer (&self->db);
  gboolean ok;

  self->path = g_strdup (update->part);
  ok = _sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error);
  /* Errors name the campaign, not its copy. */
  g_free (self->path);
  self->path = g_steal_pointer (&path);
  ok = ok &&
       _sb_store_exec (self, "PRAGMA journal_mode = OFF", error) &&
       _sb_store_exec (self, "PRAGMA synchronous = OFF", error) &&
       _sb_store_exec (self, "PRAGMA cache_size = -65536", error) &&
       _sb_store_migrate (self, update->smaller, written_smaller,
                          update->progress != NULL ? migrations_progress : NULL, update,
                          error);
  _sb_store_close_connection (self);
  self->db = original;
  return ok;
}

/**
 * _sb_store_update:
 * @self: an older campaign file, opened for writing, its connection not configured
 *
 * Updates the file to this Sambot's schema on a copy (see the top of this file), with
 * progress. On success @self is open on the updated file; on failure the file is as
 * it was, and @self must be thrown away.
 */
gboolean
_sb_store_update (SbStore               *self,
                  SbStoreUpdateProgress  progress,
                  gpointer               user_data,
                  GError               **error)
{
  g_autofree char *file = realpath (self->path, NULL);
  Update update = { self, NULL, NULL, NULL, -1, progress, user_data, 0 };
  gboolean written_smaller = FALSE;
  gboolean ok;

  /* A link to the campaign stays one: the copy goes beside the file it names. */
  update.file = file != NULL ? g_steal_pointer (&file) : g_strdup (self->path);
  update.part = g_strconcat (update.file, ".updating.part", NULL);
  update.smaller = g_strconcat (update.file, ".updating-small.part", NULL);
  update.from = g_open (update.file, O_RDONLY | O_CLOEXEC, 0);
  ok = update.from >= 0 || _sb_store_set_file_error (self->path, errno, error);
  ok = ok && hold_original (&update, error);

  if (ok && self->schema_version < SB_STORE_SCHEMA_VERSION)
    {
      if (progress != NULL)
        {
          double copying = MAX (0, _sb_store_pragma_int (self, "PRAGMA page_count", NULL)) *
                           COPY_PAGE_MICROS;

          update.copy_span = copying / MAX (1, copying + _sb_store_update_cost (self));
          progress (0, user_data);
        }
      /* What a stopped update left is removed under the lock, which keeps another
       * update from making it meanwhile. */
      ok = create_copy (&update, update.part, error) &&
           create_copy (&update, update.smaller, error) &&
           copy_file (&update, update.part, update.copy_span, error) &&
           migrate_copy (&update, &written_smaller, error) &&
           put_in_place (&update, written_smaller ? update.smaller : update.part, error);
      _sb_store_remove_file (update.part);
      _sb_store_remove_file (update.smaller);
    }

  /* The connection first: closing the descriptor drops this process's locks. */
  _sb_store_close_connection (self);
  if (update.from >= 0)
    close (update.from);
  ok = ok && _sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error);
  if (ok && progress != NULL)
    progress (1, user_data);
  g_free (update.file);
  g_free (update.part);
  g_free (update.smaller);
  return ok;
}
