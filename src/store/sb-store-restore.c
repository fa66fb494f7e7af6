/* sb-store-restore.c — putting a backup back in place of a campaign
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copying a backup over a campaign by hand goes wrong when the campaign's
 * write-ahead log is still beside it: SQLite reads the old log into the new file.
 * A restore checks the backup, copies it beside the campaign, moves the campaign
 * it replaces (with its log) aside under a name of its own, and renames the copy
 * into place. Nothing that was in the campaign is lost: it is kept beside it.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-store-private.h"

static const char *const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

static gboolean
exists (const char *path,
        const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_lstat (name, &st) == 0;
}

static gboolean
exists_with_sidecars (const char *path)
{
  if (exists (path, ""))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    if (exists (path, sidecar_suffixes[i]))
      return TRUE;
  return FALSE;
}

/* "campaign.sambot.before-restore-2016-10-10", or "…-2", "…-3" when taken. */
static char *
name_for_replaced (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *kept = n == 1 ? g_strdup_printf ("%s.before-restore-%s", path, day)
                                     : g_strdup_printf ("%s.before-restore-%s-%u", path, day, n);

      if (!exists_with_sidecars (kept))
        return g_steal_pointer (&kept);
    }
  return NULL;
}

static gboolean
move_sidecars (const char  *from,
               const char  *to,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *source = g_strconcat (from, sidecar_suffixes[i], NULL);
      g_autofree char *target = g_strconcat (to, sidecar_suffixes[i], NULL);

      if (exists (source, "") && g_rename (source, target) != 0)
        {
          int saved_errno = errno;

          /* Put back what moved: the campaign stays whole where it was. */
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *moved = g_strconcat (to, sidecar_suffixes[j], NULL);
              g_autofree char *back = g_strconcat (from, sidecar_suffixes[j], NULL);

              g_rename (moved, back);
            }
          return _sb_store_set_file_error (target, saved_errno, error);
        }
    }
  return TRUE;
}

/* Moves the campaign at @path, with its log, to @kept. A hard link first, so that
 * @path stays a whole campaign until the restored one is renamed over it. */
static gboolean
keep_replaced (const char  *path,
               const char  *kept,
               gboolean    *linked,
               GError     **error)
{
  *linked = FALSE;
  if (exists (path, ""))
    {
      if (link (path, kept) == 0)
        *linked = TRUE;
      else if (g_rename (path, kept) != 0)
        return _sb_store_set_file_error (kept, errno, error);
    }
  if (move_sidecars (path, kept, error))
    return TRUE;
  if (*linked)
    g_unlink (kept);
  else
    g_rename (kept, path);
  return FALSE;
}

/* The kept campaign as one file, its log written into it, when it opens. */
static void
fold_log (const char *path)
{
  sqlite3 *db = NULL;

  if (!exists (path, "-wal"))
    return;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE); PRAGMA journal_mode = DELETE",
                  NULL, NULL, NULL);
  sqlite3_close (db);
}

static SbStore *
open_backup (const char  *backup,
             GError     **error)
{
  g_autoptr(SbStore) source = _sb_store_inspect_file (backup, error);
  g_autofree char *damage = NULL;

  if (source == NULL || !_sb_store_find_damage (source, &damage, error))
    return NULL;
  if (damage != NULL)
    {
      g_autofree char *name = _sb_store_display_name (backup);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged (%s) and cannot be restored. Choose "
                     "another backup; nothing was changed."), name, damage);
      return NULL;
    }
  return g_steal_pointer (&source);
}

/**
 * sb_store_restore:
 * @backup: a backup of a campaign (or any campaign file)
 * @destination: the campaign file to replace, or to create
 * @replaced: (out) (optional) (nullable): where the campaign that was at
 *   @destination is kept ("….before-restore-DATE"), %NULL when there was none
 *
 * Puts a copy of @backup at @destination. The backup must be a sound campaign
 * (SQLite's full integrity check), and @destination must not be open in any
 * program. The campaign it replaces, with its write-ahead log, is kept beside it;
 * @destination holds either that campaign or the whole backup, never a mixture.
 */
gboolean
sb_store_restore (const char  *backup,
                  const char  *destination,
                  char       **replaced,
                  GError     **error)
{
  g_autofree char *source_path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(SbStore) source = NULL;
  gboolean linked = FALSE;
  gboolean ok = FALSE;
  int lock_fd = -1;
  GStatBuf st;

  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (replaced != NULL)
    *replaced = NULL;
  source_path = g_canonicalize_filename (backup, NULL);
  target = g_canonicalize_filename (destination, NULL);
  if (g_strcmp0 (source_path, target) == 0)
    {
      g_autofree char *name = _sb_store_display_name (target);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS,
                   _("“%s” is the campaign itself, not a backup of it. Choose a backup; "
                     "nothing was changed."), name);
      return FALSE;
    }

  source = open_backup (source_path, error);
  if (source == NULL)
    return FALSE;

  if (g_lstat (target, &st) != 0)
    {
      if (sb_store_file_is_open (target))
        return _sb_store_set_open_error (target, error);
    }
  else if (!S_ISREG (st.st_mode))
    return _sb_store_set_file_error (target, EEXIST, error);
  else if (!_sb_store_lock_closed_file (target, &lock_fd, error))
    return FALSE;

  temporary = _sb_store_make_temporary (target, error);
  if (temporary != NULL && _sb_store_write_copy (source, temporary, target, TRUE, error))
    {
      kept = exists_with_sidecars (target) ? name_for_replaced (target) : NULL;
      if (kept == NULL && exists_with_sidecars (target))
        _sb_store_set_file_error (target, EEXIST, error);
      else if (kept == NULL || keep_replaced (target, kept, &linked, error))
        ok = TRUE;
    }
  if (ok && g_rename (temporary, target) != 0)
    {
      int saved_errno = errno;

      /* The campaign goes back where it was. */
      if (kept != NULL)
        {
          if (!linked)
            g_rename (kept, target);
          move_sidecars (kept, target, NULL);
          if (linked)
            g_unlink (kept);
        }
      ok = _sb_store_set_file_error (target, saved_errno, error);
    }
  if (!ok && temporary != NULL)
    _sb_store_remove_file (temporary);
  if (lock_fd >= 0)
    close (lock_fd);
  if (!ok)
    return FALSE;

  _sb_store_sync_folder_of (target);
  if (kept != NULL)
    fold_log (kept);
  if (replaced != NULL)
    *replaced = g_steal_pointer (&kept);
  return TRUE;
}
