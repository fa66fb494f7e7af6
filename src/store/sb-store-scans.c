/* sb-store-scans.c — the pictures of postcards, kept inside the campaign file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-store-private.h"

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           index)
{
  const void *blob = sqlite3_column_blob (stmt, index);
  int size = sqlite3_column_bytes (stmt, index);

  if (blob == NULL)
    return NULL;
  return g_bytes_new (blob, size);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int           index,
            GBytes       *bytes)
{
  gsize size = 0;
  gconstpointer data;

  if (bytes == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  sqlite3_bind_blob64 (stmt, index, data ? data : "", size, SQLITE_STATIC);
}

/* Columns 0–7; the image itself (8) only when asked for. */
static SbScan *
read_scan (sqlite3_stmt *stmt,
           gboolean      with_image)
{
  SbScan *scan = g_new0 (SbScan, 1);

  scan->id = _sb_column_dup (stmt, 0);
  scan->message_id = _sb_column_dup (stmt, 1);
  scan->side = _sb_column_dup (stmt, 2);
  scan->mime_type = _sb_column_dup (stmt, 3);
  scan->width = sqlite3_column_int (stmt, 4);
  scan->height = sqlite3_column_int (stmt, 5);
  scan->sha256 = _sb_column_dup (stmt, 6);
  scan->thumbnail = column_bytes (stmt, 7);
  if (with_image)
    scan->image = column_bytes (stmt, 8);
  return scan;
}

/* A scan as a list shows it: without the image. */
static gpointer
read_listed_scan (sqlite3_stmt *stmt)
{
  return read_scan (stmt, FALSE);
}

gboolean
sb_store_insert_scan (SbStore       *self,
                      const SbScan  *scan,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (scan != NULL && scan->image != NULL, FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO scans (id, message_id, side, mime_type, width, height, "
                            "sha256, image, thumbnail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, scan->id);
  _sb_bind_text (stmt, 2, scan->message_id);
  _sb_bind_text (stmt, 3, scan->side);
  _sb_bind_text (stmt, 4, scan->mime_type);
  sqlite3_bind_int (stmt, 5, scan->width);
  sqlite3_bind_int (stmt, 6, scan->height);
  _sb_bind_text (stmt, 7, scan->sha256);
  bind_bytes (stmt, 8, scan->image);
  bind_bytes (stmt, 9, scan->thumbnail);
  ok = _sb_store_step_done (self, stmt, error);
  /* The blobs were bound without a copy: let go of them now. */
  sqlite3_clear_bindings (stmt);
  return ok;
}

gboolean
sb_store_delete_scan (SbStore     *self,
                      const char  *id,
                      GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, "DELETE FROM scans WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, id);
  return _sb_store_step_done (self, stmt, error);
}

/**
 * sb_store_list_scans:
 * Returns: (transfer full) (element-type SbScan): the scans of a message, front
 *   first, with thumbnails but without the images
 */
GPtrArray *
sb_store_list_scans (SbStore     *self,
                     const char  *message_id,
                     GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  return _sb_store_list_all (self,
                             "SELECT id, message_id, side, mime_type, width, height, sha256, "
                             "thumbnail FROM scans WHERE message_id = ?1 "
                             "ORDER BY side = 'back', created_at, rowid",
                             message_id, read_listed_scan, (GDestroyNotify) sb_scan_free, error);
}

/**
 * sb_store_get_scan:
 * Returns: (transfer full): the scan with its image
 */
SbScan *
sb_store_get_scan (SbStore     *self,
                   const char  *id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  SbScan *scan = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT id, message_id, side, mime_type, width, height, sha256, "
                            "thumbnail, image FROM scans WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    scan = read_scan (stmt, TRUE);
  else if (rc == SQLITE_DONE)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                 _("This scan is no longer in the campaign."));
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return scan;
}

/**
 * sb_store_find_scan_owners:
 * @sha256: the hash of an image
 * @exclude_id: (nullable): a message to leave out
 *
 * Returns: (transfer full) (element-type utf8): ids of the messages (not deleted)
 *   that have a scan with this hash
 */
GPtrArray *
sb_store_find_scan_owners (SbStore     *self,
                           const char  *sha256,
                           const char  *exclude_id,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self,
                            "SELECT DISTINCT s.message_id FROM scans s "
                            "JOIN messages m ON m.id = s.message_id "
                            "WHERE s.sha256 = ?1 AND m.status != 'deleted' "
                            "AND s.message_id IS NOT ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, sha256);
  _sb_bind_text_or_null (stmt, 2, exclude_id);
  return _sb_store_list_rows (self, stmt, _sb_read_text, g_free, error);
}
