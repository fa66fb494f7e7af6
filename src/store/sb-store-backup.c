/* sb-store-backup.c — integrity checks and backups of the campaign file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-store-private.h"

/* ------------------------------------------------------------------------ */
/* Integrity and backups                                                    */
/* ------------------------------------------------------------------------ */

/**
 * sb_store_check:
 * @problems: (out) (element-type utf8): what SQLite found wrong; empty when intact
 *
 * Runs SQLite's quick_check and a foreign key check.
 *
 * Returns: %FALSE with @error set only if the check itself could not run
 */
gboolean
sb_store_check (SbStore    *self,
                GPtrArray **problems,
                GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *checks[] = { "PRAGMA quick_check", "PRAGMA foreign_key_check" };

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, checks[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        rc = SQLITE_ROW;
      while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);

          if (i == 0 && g_strcmp0 (text, "ok") == 0)
            continue;
          if (i == 0)
            g_ptr_array_add (found, g_strdup (text));
          else
            g_ptr_array_add (found, g_strdup_printf ("broken reference in %s", text));
        }
      sqlite3_finalize (stmt);
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        g_ptr_array_add (found, g_strdup (sqlite3_errstr (rc)));
      else if (rc != SQLITE_DONE && rc != SQLITE_OK)
        return _sb_store_set_error (self, rc, error);
    }

  *problems = g_steal_pointer (&found);
  return TRUE;
}

/**
 * sb_store_backup:
 * @destination: a file to write; replaced if it exists
 *
 * Copies the whole campaign, consistent at one moment, into @destination, which
 * appears complete or not at all.
 */
gboolean
sb_store_backup (SbStore     *self,
                 const char  *destination,
                 GError     **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  tmp = g_strconcat (destination, ".part", NULL);
  g_unlink (tmp);
  rc = sqlite3_open_v2 (tmp, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (target);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
    }
  sqlite3_close (target);

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (destination);

      g_unlink (tmp);
      g_set_error (error, SB_STORE_ERROR,
                   (rc & 0xff) == SQLITE_FULL ? SB_STORE_ERROR_NO_SPACE : SB_STORE_ERROR_FAILED,
                   _("Could not write the backup “%s”: %s. The campaign itself is unchanged."),
                   name, sqlite3_errstr (rc));
      return FALSE;
    }
  if (g_rename (tmp, destination) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (destination);

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the backup “%s”: %s."), name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
