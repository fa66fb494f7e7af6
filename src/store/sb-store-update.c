/* sb-store-update.c — a campaign file from an older Sambot, updated on a copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The migrations (sb-store-migrate.c) never run on the file itself. The file is
 * copied beside itself ("FILE.vN.part"), the copy is updated without a journal (a
 * copy that fails is thrown away, so it needs none: WAL would write every changed
 * page twice), synced to the disk, and renamed over the file. The file as it was
 * stays under a second name, "FILE.before-vN.bak" (a hard link, not a copy), for a
 * person's peace of mind. Killed at any moment before the rename, the file is the
 * older one, untouched, and the next update deletes the copy; the rename is atomic.
 * Meanwhile the file is locked: no other program can change it.
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
#include <unistd.h>

#include "sb-store-private.h"

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

/* Takes the file for this connection until it closes: its log (if any) copied into
 * it and gone, which SQLite only does when no other program has it open, so that the
 * file is the whole campaign; and a lock that keeps every other program from
 * writing it. */
static gboolean
hold_original (SbStore  *self,
               GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean in_file = FALSE;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    in_file = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || (rc == SQLITE_ROW && !in_file))
    return set_busy_error (self->path, error);
  if (rc != SQLITE_ROW)
    return _sb_store_set_error (self, rc, error);

  /* No other program is writing, and none can until the connection closes: what
   * another wrote meanwhile would go to the file that becomes the backup. */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    return set_busy_error (self->path, error);
  return rc == SQLITE_OK || _sb_store_set_error (self, rc, error);
}

/* The file as it is, under the name @backup too, replacing an older backup of that
 * name, readable by its owner only (sb-store-files.c) whatever the file was. A file
 * system without hard links gets a checked copy instead. */
static gboolean
keep_as_backup (SbStore     *self,
                const char  *backup,
                GError     **error)
{
  g_autofree char *linked = g_strconcat (backup, ".new", NULL);

  g_unlink (linked);
  if (link (self->path, linked) == 0)
    {
      if (g_chmod (linked, 0600) == 0 && g_rename (linked, backup) == 0)
        return TRUE;
      int saved_errno = errno;
      g_unlink (linked);
      return _sb_store_set_file_error (backup, saved_errno, error);
    }
  g_debug ("No second name for the file (%s): the backup is a copy", g_strerror (errno));
  return sb_store_backup (self, backup, SB_STORE_BACKUP_REPLACE, error);
}

/* The copy updated, on the disk, under the file's name; the file as it was, the backup. */
static gboolean
put_in_place (SbStore     *self,
              const char  *part,
              GError     **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.before-v%d.bak", self->path,
                                             SB_STORE_SCHEMA_VERSION);

  if (!_sb_store_sync_file (part, error) || !keep_as_backup (self, backup, error))
    return FALSE;
  if (g_rename (part, self->path) != 0)
    return _sb_store_set_file_error (self->path, errno, error);
  _sb_store_sync_folder_of (self->path);
  return TRUE;
}

/* The file is copied this many bytes at a time (a buffer that stays in the
 * processor's cache: 0.4 s for 795 MB, against 1.2-1.9 s in chunks of 4 MiB), with
 * progress told every COPY_TOLD bytes. A page of 4 KiB takes about COPY_PAGE_MICROS
 * (795 MB in 0.8-3.7 s: the disk of the machine that measured it varied). */
#define COPY_CHUNK (128 << 10)
#define COPY_TOLD  (16 << 20)
#define COPY_PAGE_MICROS 6

typedef struct
{
  SbStoreUpdateProgress progress;
  gpointer              user_data;
  double                copy_span;   /* the copy's share of the bar, before the migrations */
} Stages;

static void
migrations_progress (double   fraction,
                     gpointer data)
{
  Stages *stages = data;

  stages->progress (stages->copy_span + (1 - stages->copy_span) * fraction, stages->user_data);
}

/* The bytes of @from (the file, through a descriptor opened before SQLite locked it:
 * closing one would drop this process's locks on it) into the empty file @part. */
static gboolean
copy_file (int          from,
           const char  *part,
           Stages      *stages,
           GError     **error)
{
  g_autofree char *buffer = g_malloc (COPY_CHUNK);
  int to = g_open (part, O_WRONLY | O_CLOEXEC, 0);
  off_t size = lseek (from, 0, SEEK_END);
  off_t done = 0;
  int saved_errno = 0;
  gint64 began = g_get_monotonic_time ();

  while (to >= 0 && size > 0 && done < size)
    {
      ssize_t n = pread (from, buffer, COPY_CHUNK, done);
      ssize_t written = 0;

      if (n <= 0)
        break;
      while (written < n)
        {
          ssize_t w = write (to, buffer + written, n - written);

          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            break;
          written += w;
        }
      if (written < n)
        break;
      done += n;
      if (stages->progress != NULL && done % COPY_TOLD == 0)
        stages->progress (stages->copy_span * done / size, stages->user_data);
    }
  saved_errno = errno;
  g_debug ("Copied %" G_GINT64_FORMAT " bytes in %.2f s", (gint64) done,
           (g_get_monotonic_time () - began) / 1e6);
  if (to < 0 || done != size)
    {
      if (to >= 0)
        close (to);
      return _sb_store_set_file_error (part, saved_errno != 0 ? saved_errno : EIO, error);
    }
  return g_close (to, error);
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
  g_autofree char *path = NULL;
  g_autofree char *part = g_strdup_printf ("%s.v%d.part", self->path, SB_STORE_SCHEMA_VERSION);
  /* Where the updated copy is written again without its free pages, if it is. */
  g_autofree char *smaller = g_strdup_printf ("%s.v%d.small.part", self->path,
                                              SB_STORE_SCHEMA_VERSION);
  Stages stages = { progress, user_data, 0 };
  gboolean written_smaller = FALSE;
  sqlite3 *original;
  int from;
  gboolean ok;

  from = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (from < 0)
    return _sb_store_set_file_error (self->path, errno, error);
  if (!hold_original (self, error))
    {
      close (from);
      return FALSE;
    }
  if (progress != NULL)
    {
      double copying = MAX (0, _sb_store_pragma_int (self, "PRAGMA page_count", NULL)) *
                       COPY_PAGE_MICROS;

      stages.copy_span = copying / MAX (1, copying + _sb_store_update_cost (self));
      progress (0, user_data);
    }
  /* What a killed update left; the lock above keeps another update from making it. */
  _sb_store_remove_file (part);
  _sb_store_remove_file (smaller);
  ok = _sb_store_create_private_file (part, error) &&
       _sb_store_create_private_file (smaller, error) &&
       copy_file (from, part, &stages, error);

  /* The same store, on the copy, for the migrations; the original stays locked. */
  original = g_steal_pointer (&self->db);
  path = g_steal_pointer (&self->path);
  self->path = g_strdup (part);
  ok = ok && _sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error) &&
       _sb_store_exec (self, "PRAGMA journal_mode = OFF", error) &&
       _sb_store_exec (self, "PRAGMA synchronous = OFF", error) &&
       _sb_store_exec (self, "PRAGMA cache_size = -65536", error) &&
       _sb_store_migrate (self, smaller, &written_smaller,
                          progress != NULL ? migrations_progress : NULL, &stages, error);
  _sb_store_close_connection (self);
  g_free (self->path);
  self->path = g_steal_pointer (&path);
  self->db = original;

  ok = ok && put_in_place (self, written_smaller ? smaller : part, error);
  _sb_store_remove_file (part);
  _sb_store_remove_file (smaller);
  _sb_store_close_connection (self);
  close (from);
  if (ok && progress != NULL)
    progress (1, user_data);
  return ok && _sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error);
}
