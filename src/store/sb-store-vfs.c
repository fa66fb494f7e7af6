/* sb-store-vfs.c — the pages a check reads, counted as SQLite reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * integrity_check does most of its work (every page of every tree) inside one VM
 * instruction, where no progress handler runs: a file of a gigabyte would sit at
 * "0 %" for many seconds. This thin layer over SQLite's own file system ("VFS")
 * lets the thread that runs a check count the pages it reads, and stop when asked.
 * Everything else goes straight through to the default VFS.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"

typedef struct
{
  SbStoreReadWatch  func;
  gpointer          data;
} Watch;

/* The methods of the real files, and ours (the same with a counting xRead). */
#define MAX_METHODS 8

static sqlite3_vfs *real_vfs;
static sqlite3_vfs counting_vfs;
static const sqlite3_io_methods *real_methods[MAX_METHODS];
static sqlite3_io_methods counting_methods[MAX_METHODS];
static gint n_methods;
static GMutex methods_lock;
static GPrivate watch_key = G_PRIVATE_INIT (g_free);

static int
counting_read (sqlite3_file  *file,
               void          *buffer,
               int            amount,
               sqlite3_int64  offset)
{
  Watch *watch = g_private_get (&watch_key);

  for (gint i = 0; i < g_atomic_int_get (&n_methods); i++)
    {
      if (file->pMethods != &counting_methods[i])
        continue;
      if (watch != NULL && watch->func != NULL && !watch->func (watch->data))
        return SQLITE_IOERR_READ;
      return real_methods[i]->xRead (file, buffer, amount, offset);
    }
  g_assert_not_reached ();
  return SQLITE_IOERR_READ;
}

/* Gives the file our copy of its methods; unknown kinds are left as they are. */
static void
wrap_methods (sqlite3_file *file)
{
  g_mutex_lock (&methods_lock);
  for (gint i = 0; i < n_methods; i++)
    if (real_methods[i] == file->pMethods)
      {
        file->pMethods = &counting_methods[i];
        g_mutex_unlock (&methods_lock);
        return;
      }
  if (n_methods < MAX_METHODS)
    {
      real_methods[n_methods] = file->pMethods;
      counting_methods[n_methods] = *file->pMethods;
      counting_methods[n_methods].xRead = counting_read;
      file->pMethods = &counting_methods[n_methods];
      /* Readers look at n_methods without the lock: publish the entry first. */
      g_atomic_int_set (&n_methods, n_methods + 1);
    }
  g_mutex_unlock (&methods_lock);
}

static int
counting_open (sqlite3_vfs  *vfs,
               const char   *name,
               sqlite3_file *file,
               int           flags,
               int          *out_flags)
{
  int rc = real_vfs->xOpen (real_vfs, name, file, flags, out_flags);

  if (rc == SQLITE_OK && file->pMethods != NULL && (flags & SQLITE_OPEN_MAIN_DB))
    wrap_methods (file);
  return rc;
}

/**
 * _sb_store_vfs_register:
 *
 * Puts the counting layer in front of SQLite's default VFS, for every connection
 * opened afterwards. Call once, before the first connection.
 */
void
_sb_store_vfs_register (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  g_return_if_fail (real_vfs != NULL);

  counting_vfs = *real_vfs;
  counting_vfs.zName = "sambot";
  counting_vfs.pNext = NULL;
  counting_vfs.xOpen = counting_open;
  counting_vfs.szOsFile = real_vfs->szOsFile;
  sqlite3_vfs_register (&counting_vfs, TRUE);
}

/**
 * _sb_store_vfs_watch_reads:
 * @func: (nullable): called before each page this thread reads from a campaign
 *   file; returning %FALSE makes the read fail (to stop a check); %NULL to stop
 *   watching
 */
void
_sb_store_vfs_watch_reads (SbStoreReadWatch func,
                           gpointer         data)
{
  Watch *watch = g_new (Watch, 1);

  watch->func = func;
  watch->data = data;
  g_private_replace (&watch_key, watch);
}
