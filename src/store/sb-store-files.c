/* sb-store-files.c — campaign files on disk: private modes, locks, temporary copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A campaign holds senders' names and private contacts: every file Sambot creates
 * for it (the campaign, its -wal and -shm, backups) is readable by its owner only,
 * whatever the umask. SQLite gives a database's -wal, -shm and -journal the mode of
 * the database file, so creating that file 0600 before SQLite opens it is enough.
 */

#define G_LOG_DOMAIN "sb-store"
#define _GNU_SOURCE  /* F_OFD_SETLK: locks that see this process's own connections */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-store-private.h"

/* The bytes SQLite locks in the database file (https://www.sqlite.org/fileformat.html,
 * "The Lock-Byte Page"): PENDING_BYTE, RESERVED_BYTE and the 510 SHARED bytes. Every
 * connection in WAL mode keeps a SHARED lock there from its first read until it
 * closes, and holds the DMS byte of the -shm file (src/os_unix.c, UNIX_SHM_DMS). */
#define SQLITE_LOCK_BYTES_START 0x40000000
#define SQLITE_LOCK_BYTES_LENGTH 512
#define SQLITE_SHM_LOCKS_START 120
#define SQLITE_SHM_LOCKS_LENGTH 9

static const char *const sidecar_suffixes[] = { "-journal", "-wal", "-shm" };

/**
 * _sb_store_create_private_file:
 * @path: a file that must not exist yet
 *
 * Creates @path empty, readable and writable by its owner only.
 */
gboolean
_sb_store_create_private_file (const char  *path,
                               GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int saved_errno = errno;

  if (fd >= 0 && fchmod (fd, 0600) == 0)
    return g_close (fd, error);

  if (fd >= 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (path);
    }
  return _sb_store_set_file_error (path, saved_errno, error);
}

/**
 * _sb_store_set_file_error:
 * @code: an errno value
 *
 * The store's error for a campaign file the system refused to create or write.
 */
gboolean
_sb_store_set_file_error (const char  *path,
                          int          code,
                          GError     **error)
{
  g_autofree char *name = _sb_store_display_name (path);

  switch (code)
    {
    case EEXIST:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name, or open it instead."), name);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be written: its folder is read-only. Choose a folder "
                     "you can write to."), name);
      break;
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NO_SPACE,
                   _("The disk holding “%s” is full. Free some space and try again; "
                     "nothing saved before was lost."), name);
      break;
    case EFBIG:
      /* A FAT32 USB stick holds no file over 4 GB, and `ulimit -f` may be lower. */
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NO_SPACE,
                   _("“%s” cannot grow any larger on this disk. Move it to a disk that "
                     "takes larger files and try again; nothing saved before was lost."),
                   name);
      break;
    default:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), name, g_strerror (code));
    }
  return FALSE;
}

/**
 * _sb_store_make_temporary:
 * @path: the file the temporary one will replace
 *
 * Creates an empty private file beside @path, on the same disk so that it can be
 * renamed over @path: "campaign.sambot.XXXXXX.part".
 *
 * Returns: (transfer full): its name, or %NULL with @error set
 */
char *
_sb_store_make_temporary (const char  *path,
                          GError     **error)
{
  g_autofree char *temporary = g_strconcat (path, ".XXXXXX.part", NULL);
  int fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (temporary);
        }
      return _sb_store_set_file_error (path, saved_errno, error), NULL;
    }
  close (fd);
  return g_steal_pointer (&temporary);
}

/**
 * _sb_store_remove_file:
 *
 * Removes a database file that is not in use and whatever SQLite kept beside it.
 */
void
_sb_store_remove_file (const char *path)
{
  g_unlink (path);
  _sb_store_remove_sidecars (path);
}

/* The -journal, -wal and -shm of a database nobody has open: left alone, they
 * would be read as part of the next file given that name. */
void
_sb_store_remove_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);

      g_unlink (sidecar);
    }
}

/* Does any connection, in this process or another, hold a lock on these bytes? */
static gboolean
bytes_locked (const char *path,
              off_t       start,
              off_t       length)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = start, .l_len = length };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fcntl (fd, F_OFD_GETLK, &lock);
  close (fd);
  return rc == 0 && lock.l_type != F_UNLCK;
}

/**
 * sb_store_file_is_open:
 * @path: a campaign file, which may not exist
 *
 * Whether a program (Sambot, sambot-cli, this process, or any other SQLite user)
 * has @path open. Writing over a file that is open damages it: the program goes on
 * writing into its log as if nothing had happened.
 */
gboolean
sb_store_file_is_open (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_return_val_if_fail (path != NULL, FALSE);

  return bytes_locked (path, SQLITE_LOCK_BYTES_START, SQLITE_LOCK_BYTES_LENGTH) ||
         bytes_locked (shm, SQLITE_SHM_LOCKS_START, SQLITE_SHM_LOCKS_LENGTH);
}

/**
 * _sb_store_lock_closed_file:
 * @path: an existing file about to be replaced
 * @lock_fd: (out): a descriptor to close once @path is replaced, or -1
 *
 * Takes SQLite's lock bytes of @path for this process, so that no program can open
 * it until @lock_fd is closed; fails if a program has it open already. Where the
 * file or its file system takes no lock, the test alone has to do.
 *
 * Probing opens and closes @path, which drops the locks this process's own SQLite
 * connections hold on it: only call it for a file that must not be open here.
 */
gboolean
_sb_store_lock_closed_file (const char  *path,
                            int         *lock_fd,
                            GError     **error)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = SQLITE_LOCK_BYTES_START,
                        .l_len = SQLITE_LOCK_BYTES_LENGTH };
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gboolean open_elsewhere;
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);

  *lock_fd = -1;
  if (fd >= 0 && fcntl (fd, F_OFD_SETLK, &lock) == 0)
    {
      /* The database's bytes are ours now; a connection could still hold the log. */
      open_elsewhere = bytes_locked (shm, SQLITE_SHM_LOCKS_START, SQLITE_SHM_LOCKS_LENGTH);
      if (!open_elsewhere)
        {
          *lock_fd = fd;
          return TRUE;
        }
    }
  else if (fd >= 0 && (errno == EAGAIN || errno == EACCES))
    open_elsewhere = TRUE;
  else
    open_elsewhere = sb_store_file_is_open (path);
  if (fd >= 0)
    close (fd);
  if (!open_elsewhere)
    return TRUE;
  return _sb_store_set_open_error (path, error);
}

/* The error for a campaign that is open, which nothing may write over. */
gboolean
_sb_store_set_open_error (const char  *path,
                          GError     **error)
{
  g_autofree char *name = _sb_store_display_name (path);

  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED,
               _("“%s” is open in Sambot or another program, and writing over it would "
                 "damage it. Close it there first, or choose another name; nothing was "
                 "written."), name);
  return FALSE;
}

/* Asks the disk to keep what was written to @path, and its name in @folder. */
gboolean
_sb_store_sync_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      return _sb_store_set_file_error (path, saved_errno, error);
    }
  close (fd);
  return TRUE;
}

void
_sb_store_sync_folder_of (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}
