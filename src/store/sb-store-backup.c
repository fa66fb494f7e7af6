/* sb-store-backup.c — backups of the campaign file (checks: sb-store-check.c)
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
/* Backups                                                                  */
/* ------------------------------------------------------------------------ */

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
