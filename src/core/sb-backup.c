/* sb-backup.c — backups of a campaign file: daily ones in a folder, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup folder holds, for each campaign, one backup a day for the last
 * SB_BACKUP_KEEP_DAYS days, named by the campaign file and the day:
 * "freethe5kh-2016-10-10-3fa9c1.sambot". The six letters after the day tell apart
 * two campaign files of the same name in different folders (they come from where
 * the campaign file is), so that neither ever replaces or prunes the other's.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-backup.h"
#include "sb-store.h"

#define SB_BACKUP_SUFFIX ".sambot"
#define DAY_LENGTH 10  /* YYYY-MM-DD */

/* Backups left half-written by a program killed while writing them: removed
 * once they are this old (seconds), when no backup can still be writing them. */
#define STALE_PART_AGE (6 * 60 * 60)

/* "freethe5kh-" and "-3fa9c1.sambot": what a daily backup of @campaign_path is
 * called, before and after its day. */
static void
daily_name_parts (const char  *campaign_path,
                  char       **prefix,
                  char       **suffix)
{
  g_autofree char *path = g_canonicalize_filename (campaign_path, NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);

  if (g_str_has_suffix (base, SB_BACKUP_SUFFIX) && strlen (base) > strlen (SB_BACKUP_SUFFIX))
    base[strlen (base) - strlen (SB_BACKUP_SUFFIX)] = '\0';
  *prefix = g_strconcat (base, "-", NULL);
  *suffix = g_strdup_printf ("-%.6s%s", digest, SB_BACKUP_SUFFIX);
}

/* The day in a daily backup's name, or NULL if @name is not one of @prefix…@suffix. */
static char *
day_of (const char *name,
        const char *prefix,
        const char *suffix)
{
  gsize length = strlen (name);
  g_autofree char *day = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *at_noon = NULL;

  if (length != strlen (prefix) + DAY_LENGTH + strlen (suffix) ||
      !g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, suffix))
    return NULL;
  day = g_strndup (name + strlen (prefix), DAY_LENGTH);
  at_noon = g_strconcat (day, "T12:00:00Z", NULL);
  parsed = g_date_time_new_from_iso8601 (at_noon, NULL);
  return parsed != NULL ? g_steal_pointer (&day) : NULL;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return -g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/**
 * sb_backup_default_folder:
 *
 * Where daily backups go until the person chooses a folder: beside the demo
 * campaign, in Sambot's folder of the user's data ($XDG_DATA_HOME/sambot/backups),
 * which only its owner can read.
 *
 * Returns: (transfer full): a folder path
 */
char *
sb_backup_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "sambot", "backups", NULL);
}

/**
 * sb_backup_daily_name:
 * @day: the day of the backup (its local date is used)
 *
 * Returns: (transfer full): the file name of @campaign_path's backup of @day
 */
char *
sb_backup_daily_name (const char *campaign_path,
                      GDateTime  *day)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (campaign_path != NULL, NULL);
  g_return_val_if_fail (day != NULL, NULL);

  daily_name_parts (campaign_path, &prefix, &suffix);
  date = g_date_time_format (day, "%Y-%m-%d");
  return g_strconcat (prefix, date, suffix, NULL);
}

/**
 * sb_backup_list_daily:
 * @folder: a backup folder
 *
 * Returns: (transfer full) (element-type filename): the daily backups of
 *   @campaign_path in @folder, the newest first; empty if there are none
 */
GPtrArray *
sb_backup_list_daily (const char *campaign_path,
                      const char *folder)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *name;

  g_return_val_if_fail (campaign_path != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  daily_name_parts (campaign_path, &prefix, &suffix);
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *day = day_of (name, prefix, suffix);

      if (day != NULL)
        g_ptr_array_add (backups, g_build_filename (folder, name, NULL));
    }
  /* The names differ only by their day, which sorts as text. */
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/**
 * sb_backup_is_due:
 * @now: the time now
 *
 * Returns: whether @folder has no backup of @campaign_path from @now's day
 */
gboolean
sb_backup_is_due (const char *campaign_path,
                  const char *folder,
                  GDateTime  *now)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *today = NULL;
  g_autofree char *newest = NULL;

  g_return_val_if_fail (now != NULL, FALSE);

  backups = sb_backup_list_daily (campaign_path, folder);
  if (backups->len == 0)
    return TRUE;
  today = sb_backup_daily_name (campaign_path, now);
  newest = g_path_get_basename (g_ptr_array_index (backups, 0));
  return g_strcmp0 (newest, today) < 0;
}

/* Keeps the newest SB_BACKUP_KEEP_DAYS backups of the campaign, and removes what a
 * killed backup of it left behind. Nothing else in the folder is touched. */
static void
prune (const char *campaign_path,
       const char *folder,
       GDateTime  *now)
{
  g_autoptr(GPtrArray) backups = sb_backup_list_daily (campaign_path, folder);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *name;

  for (guint i = SB_BACKUP_KEEP_DAYS; i < backups->len; i++)
    g_unlink (g_ptr_array_index (backups, i));

  daily_name_parts (campaign_path, &prefix, &suffix);
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *backup = NULL;
      g_autofree char *day = NULL;
      const char *part = strstr (name, SB_BACKUP_SUFFIX ".");
      GStatBuf st;

      if (part == NULL || strstr (part, ".part") == NULL)
        continue;
      backup = g_strndup (name, part - name + strlen (SB_BACKUP_SUFFIX));
      day = day_of (backup, prefix, suffix);
      path = g_build_filename (folder, name, NULL);
      if (day != NULL && g_stat (path, &st) == 0 &&
          g_date_time_to_unix (now) - st.st_mtime > STALE_PART_AGE)
        g_unlink (path);
    }
}

/**
 * sb_backup_make_daily:
 * @campaign_path: a campaign file, which may be open (in this program too)
 * @folder: the backup folder; made (private) if missing
 * @now: the time now; the backup is named by its local day
 *
 * Writes today's backup of @campaign_path into @folder, replacing an earlier one
 * of the same day, then removes the backups older than the newest
 * SB_BACKUP_KEEP_DAYS. Opens a connection of its own: it may run in a thread
 * while the campaign is in use. Nothing is removed unless the new backup is sound.
 *
 * Returns: (transfer full): the backup written, or %NULL with @error set
 */
char *
sb_backup_make_daily (const char  *campaign_path,
                      const char  *folder,
                      GDateTime   *now,
                      GError     **error)
{
  g_autoptr(SbStore) store = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  g_return_val_if_fail (campaign_path != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s. Choose another "
                     "folder in Preferences."), display, g_strerror (saved_errno));
      return NULL;
    }

  store = sb_store_open (campaign_path, SB_STORE_OPEN_READ_ONLY | SB_STORE_OPEN_NO_CHECK, error);
  if (store == NULL)
    return NULL;
  name = sb_backup_daily_name (campaign_path, now);
  path = g_build_filename (folder, name, NULL);
  ok = sb_store_backup (store, path, SB_STORE_BACKUP_REPLACE, error);
  sb_store_close (store);
  if (!ok)
    return NULL;

  prune (campaign_path, folder, now);
  return g_steal_pointer (&path);
}

/**
 * sb_backup_restore:
 * @backup: a backup of the campaign (any campaign file)
 * @campaign_path: the campaign to replace; it must not be open anywhere
 * @replaced: (out) (optional) (nullable): where the campaign as it was is kept
 *
 * See sb_store_restore().
 */
gboolean
sb_backup_restore (const char  *backup,
                   const char  *campaign_path,
                   char       **replaced,
                   GError     **error)
{
  return sb_store_restore (backup, campaign_path, replaced, error);
}

/**
 * sb_backup_file_is_open:
 *
 * Whether a program (this one included) has the campaign file @path open.
 */
gboolean
sb_backup_file_is_open (const char *path)
{
  return sb_store_file_is_open (path);
}
