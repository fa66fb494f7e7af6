/* sb-store-statements.c — prepared statements, bindings, and SQLite's errors as GErrors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "sb-store-private.h"

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

char *
_sb_store_display_name (const char *path)
{
  return g_filename_display_basename (path);
}

gboolean
_sb_store_set_error (SbStore  *self,
                     int       rc,
                     GError  **error)
{
  /* Read first: a failed COMMIT does not record the system's error for
   * sqlite3_system_errno() (SQLite 3.40), but errno still holds it here
   * (tests/reliability/test_disk_full.py). */
  int last_errno = errno;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int system_error = self->db ? sqlite3_system_errno (self->db) : 0;
  g_autofree char *name = _sb_store_display_name (self->path);

  if (system_error == 0 && (rc & 0xff) == SQLITE_IOERR)
    system_error = last_errno;

  /* SQLite says "full" only for ENOSPC; a full quota, or a file at the largest size
   * its file system or the process's limits allow, are a write error to it. */
  if ((rc & 0xff) == SQLITE_IOERR && (system_error == ENOSPC || system_error == EDQUOT))
    rc = SQLITE_FULL;
  if ((rc & 0xff) == SQLITE_IOERR && system_error == EFBIG)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NO_SPACE,
                   _("“%s” cannot grow any larger on this disk. Move it to a disk that "
                     "takes larger files and try again; nothing saved before was lost."),
                   name);
      return FALSE;
    }

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NO_SPACE,
                   _("The disk holding “%s” is full. Free some space and try again; "
                     "nothing saved before was lost."), name);
      break;
    case SQLITE_READONLY:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be changed: the file or its folder is read-only. "
                     "Copy it to a folder you can write to."), name);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_LOCKED,
                   _("Another program is changing “%s” right now. Try again in a moment."),
                   name);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Open its most recent backup instead."),
                   name, detail);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_CAMPAIGN,
                   _("“%s” is not a Sambot campaign file. Choose a campaign file "
                     "(it ends in .sambot) or create a new campaign."), name);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CONSTRAINT,
                   _("This change breaks a rule of the campaign (%s); nothing was changed."),
                   detail);
      break;
    default:
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                   _("Could not use “%s”: %s."), name, detail);
      break;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Statements                                                               */
/* ------------------------------------------------------------------------ */

sqlite3 *
_sb_store_get_db (SbStore *self)
{
  return self->db;
}

/* Statements are cached by their SQL text, prepared once per connection. */
sqlite3_stmt *
_sb_store_prepare (SbStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_sb_store_step_done (SbStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _sb_store_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
_sb_bind_text (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
_sb_bind_text_or_null (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_sb_column_dup (sqlite3_stmt *stmt,
                int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  return g_strdup (text ? text : "");
}

char *
_sb_column_dup_or_null (sqlite3_stmt *stmt,
                        int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

gboolean
_sb_store_exec (SbStore     *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}

gint64
_sb_store_pragma_int (SbStore     *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_finalize (stmt);
  return value;
}
