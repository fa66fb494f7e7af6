/* sb-store-backup.c — backups of the campaign file (checks: sb-store-check.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is written beside its destination with SQLite's online backup API (one
 * consistent moment of the campaign, even while it is in use), checked (intact,
 * the same schema, the same number of rows in every table), synced to the disk,
 * and only then renamed into place: the destination holds the whole backup or what
 * it held before. A campaign open anywhere is never written over.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-store-private.h"

/* ------------------------------------------------------------------------ */
/* Integrity and backups                                                    */
/* ------------------------------------------------------------------------ */

/* "table:rows" for every table, in name order: what a faithful copy has too. The
 * full-text index is counted through its shadow tables. */
static char *
count_rows (SbStore  *self,
            GError  **error)
{
  g_autoptr(GString) counts = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT name FROM sqlite_schema WHERE type = 'table' "
                           "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                           "ORDER BY name", -1, &tables, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table);
      sqlite3_stmt *count = NULL;

      rc = sqlite3_prepare_v2 (self->db, sql, -1, &count, NULL);
      sqlite3_free (sql);
      if (rc == SQLITE_OK && (rc = sqlite3_step (count)) == SQLITE_ROW)
        {
          g_string_append_printf (counts, "%s:%" G_GINT64_FORMAT "\n", table,
                                  (gint64) sqlite3_column_int64 (count, 0));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (count);
    }
  sqlite3_finalize (tables);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error), NULL;
  return g_string_free (g_steal_pointer (&counts), FALSE);
}

/* The first thing SQLite's full integrity check finds wrong, or NULL if none. */
static gboolean
find_damage (SbStore  *self,
             char    **damage,
             GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);

  *damage = NULL;
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        *damage = g_strdup (text);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    *damage = g_strdup (sqlite3_errstr (rc));
  else if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * _sb_store_find_damage:
 * @damage: (out) (nullable): what is wrong with the campaign, %NULL when it is intact
 *
 * Runs SQLite's full integrity check (every page, every index entry).
 */
gboolean
_sb_store_find_damage (SbStore  *self,
                       char    **damage,
                       GError  **error)
{
  return find_damage (self, damage, error);
}

static gboolean
copy_failed (const char  *destination,
             gboolean     restoring,
             int          rc,
             const char  *detail,
             GError     **error)
{
  g_autofree char *name = _sb_store_display_name (destination);
  int code = (rc & 0xff) == SQLITE_FULL ? SB_STORE_ERROR_NO_SPACE : SB_STORE_ERROR_FAILED;

  if (restoring)
    g_set_error (error, SB_STORE_ERROR, code,
                 _("Could not restore the backup as “%s”: %s. Nothing was changed."),
                 name, detail);
  else
    g_set_error (error, SB_STORE_ERROR, code,
                 _("Could not write the backup “%s”: %s. The campaign itself is unchanged."),
                 name, detail);
  return FALSE;
}

/* Copies the campaign of @self into @temporary (an empty file) with SQLite's online
 * backup, as a file of its own (no write-ahead log); @counts says what it holds. */
static gboolean
copy_campaign (SbStore     *self,
               const char  *temporary,
               const char  *destination,
               gboolean     restoring,
               char       **counts,
               GError     **error)
{
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  /* The rows are counted in the same read transaction as the copy is made. */
  if (!_sb_store_exec (self, "BEGIN", error))
    return FALSE;
  *counts = count_rows (self, error);
  if (*counts == NULL)
    {
      _sb_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  rc = sqlite3_open_v2 (temporary, &target, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (target, TRUE);
      backup = sqlite3_backup_init (target, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (target);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
    }
  _sb_store_exec (self, "ROLLBACK", NULL);
  if (rc != SQLITE_OK)
    {
      int system_error = target != NULL ? sqlite3_system_errno (target) : 0;

      if ((rc & 0xff) == SQLITE_IOERR && (system_error == ENOSPC || system_error == EDQUOT ||
                                          system_error == EFBIG))
        rc = SQLITE_FULL;
      copy_failed (destination, restoring, rc,
                   (rc & 0xff) == SQLITE_FULL ? _("there is no room for it on the disk")
                                              : sqlite3_errstr (rc),
                   error);
    }
  sqlite3_close (target);
  return rc == SQLITE_OK;
}

/* Is @temporary what was copied: a sound campaign with the same schema and rows? */
static gboolean
verify_copy (const char  *temporary,
             const char  *destination,
             gboolean     restoring,
             int          schema_version,
             const char  *counts,
             GError     **error)
{
  g_autoptr(SbStore) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *damage = NULL;
  g_autofree char *copied = NULL;

  copy = _sb_store_inspect_file (temporary, &local_error);
  if (copy != NULL && find_damage (copy, &damage, &local_error) && damage == NULL &&
      copy->schema_version == schema_version)
    copied = count_rows (copy, &local_error);
  if (copy != NULL)
    sb_store_close (copy);

  if (g_strcmp0 (copied, counts) == 0)
    return TRUE;
  if (damage != NULL)
    return copy_failed (destination, restoring, SQLITE_CORRUPT, damage, error);
  return copy_failed (destination, restoring, SQLITE_CORRUPT,
                      local_error != NULL ? local_error->message
                                          : _("the copy differs from the original"),
                      error);
}

/**
 * _sb_store_write_copy:
 * @temporary: an empty private file beside @destination
 * @destination: what @temporary will be renamed to, for the messages
 * @restoring: whether @self is a backup being restored, for the messages
 *
 * Copies the campaign into @temporary, checks the copy and syncs it to the disk.
 * On failure @temporary is removed, with whatever SQLite left beside it.
 */
gboolean
_sb_store_write_copy (SbStore     *self,
                      const char  *temporary,
                      const char  *destination,
                      gboolean     restoring,
                      GError     **error)
{
  g_autofree char *counts = NULL;

  g_return_val_if_fail (self->depth == 0, FALSE);

  if (copy_campaign (self, temporary, destination, restoring, &counts, error) &&
      verify_copy (temporary, destination, restoring, self->schema_version, counts, error) &&
      _sb_store_sync_file (temporary, error))
    return TRUE;
  _sb_store_remove_file (temporary);
  return FALSE;
}

/**
 * sb_store_backup:
 * @destination: the file to write
 * @flags: %SB_STORE_BACKUP_REPLACE to write over an existing file
 *
 * Copies the whole campaign, consistent at one moment, into @destination, which
 * appears complete or not at all. An existing @destination is refused unless
 * @flags say to replace it, and a campaign open anywhere (in this program or any
 * other) is never written over. The backup is readable by its owner only.
 */
gboolean
sb_store_backup (SbStore             *self,
                 const char          *destination,
                 SbStoreBackupFlags   flags,
                 GError             **error)
{
  g_autofree char *temporary = NULL;
  g_autofree char *target = NULL;
  GStatBuf st;
  int lock_fd = -1;
  gboolean ok;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  target = g_canonicalize_filename (destination, NULL);
  if (g_strcmp0 (target, self->path) == 0)
    return _sb_store_set_open_error (target, error);
  if (g_lstat (target, &st) == 0)
    {
      g_autofree char *name = _sb_store_display_name (target);

      if (!(flags & SB_STORE_BACKUP_REPLACE) || !S_ISREG (st.st_mode))
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS,
                       _("“%s” already exists, and the backup was not written over it. "
                         "Choose another name."), name);
          return FALSE;
        }
      if (!_sb_store_lock_closed_file (target, &lock_fd, error))
        return FALSE;
    }
  else if (sb_store_file_is_open (target))
    return _sb_store_set_open_error (target, error);

  temporary = _sb_store_make_temporary (target, error);
  ok = temporary != NULL && _sb_store_write_copy (self, temporary, target, FALSE, error);
  if (ok)
    {
      /* A log left beside the file replaced would be read into the backup. */
      _sb_store_remove_sidecars (target);
      if (g_rename (temporary, target) != 0)
        {
          int saved_errno = errno;

          _sb_store_remove_file (temporary);
          ok = _sb_store_set_file_error (target, saved_errno, error);
        }
      else
        _sb_store_sync_folder_of (target);
    }
  if (lock_fd >= 0)
    close (lock_fd);
  return ok;
}
