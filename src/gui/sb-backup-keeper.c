/* sb-backup-keeper.c — the open campaign's daily backups, made in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a campaign opens, and every hour while it stays open, the keeper looks in
 * the backup folder (Preferences, the "backup-folder" setting) for a backup of it
 * from today; if there is none, one is written in a thread, on a connection of its
 * own, while the person goes on working (src/core/sb-backup.c names and prunes
 * them). Back Up Now writes today's again. Restoring a backup goes through the
 * keeper too, so that it never runs while a backup of the same file is written.
 */

#define G_LOG_DOMAIN "sambot-backup"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-backup.h"
#include "sb-backup-keeper.h"

/* How often an open campaign is looked at again: a day starts at midnight. */
#define CHECK_INTERVAL_SECONDS (60 * 60)

/* The backup due when a campaign opens waits this long, so that the window's first
 * frame does not share the disk and the processor with the copy of a large file. */
#define OPENING_DELAY_MS 1500

struct _SbBackupKeeper
{
  GObject    parent_instance;

  GSettings *settings;
  char      *campaign_path;
  GDateTime *last_time;
  char      *last_error;
  guint      check_id;
  guint      busy : 1;
  guint      again : 1;   /* Back Up Now while a backup was being written */
};

G_DEFINE_FINAL_TYPE (SbBackupKeeper, sb_backup_keeper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_FOLDER,
  PROP_BUSY,
  PROP_LAST_TIME,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Backups and restores, in any thread, one at a time. */
static GMutex file_lock;

typedef struct
{
  char  *campaign_path;
  char  *folder;
  char  *backup;
  guint  delay_ms;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->campaign_path);
  g_free (job->folder);
  g_free (job->backup);
  g_free (job);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
set_busy (SbBackupKeeper *self,
          gboolean        busy)
{
  GApplication *app = g_application_get_default ();

  if (self->busy == busy)
    return;
  self->busy = busy;
  /* The app stays until the backup is whole (it would leave a ".part" behind). */
  if (app != NULL)
    {
      if (busy)
        g_application_hold (app);
      else
        g_application_release (app);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_last_error (SbBackupKeeper *self,
                const char     *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* The newest backup of the campaign in the folder, by the time it was written. */
static void
update_last_time (SbBackupKeeper *self)
{
  g_autoptr(GDateTime) time = NULL;

  if (self->campaign_path != NULL)
    {
      g_autofree char *folder = sb_backup_keeper_dup_folder (self);
      g_autoptr(GPtrArray) backups = sb_backup_list_daily (self->campaign_path, folder);
      g_autoptr(GFile) newest = backups->len > 0 ? g_file_new_for_path (backups->pdata[0]) : NULL;
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;

      /* A backup removed meanwhile shows no time; the next backup sets it again. */
      if (newest != NULL &&
          (info = g_file_query_info (newest, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                     G_FILE_QUERY_INFO_NONE, NULL, &error)) == NULL)
        g_debug ("The newest backup has no time: %s", error->message);
      if (info != NULL)
        time = g_file_info_get_modification_date_time (info);
    }

  if (time == self->last_time ||
      (time != NULL && self->last_time != NULL && g_date_time_equal (time, self->last_time)))
    return;
  g_clear_pointer (&self->last_time, g_date_time_unref);
  self->last_time = g_steal_pointer (&time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_TIME]);
}

static void
back_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  char *written;

  if (job->delay_ms > 0)
    g_usleep (job->delay_ms * G_TIME_SPAN_MILLISECOND);
  g_mutex_lock (&file_lock);
  written = sb_backup_make_daily (job->campaign_path, job->folder, now, &error);
  g_mutex_unlock (&file_lock);

  if (written == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, written, g_free);
}

static void start_backup (SbBackupKeeper *self,
                          guint           delay_ms);

static void
backed_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SbBackupKeeper *self = SB_BACKUP_KEEPER (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *written = g_task_propagate_pointer (G_TASK (result), &error);

  if (written == NULL)
    g_debug ("Backing up %s failed: %s", job->campaign_path, error->message);
  if (g_strcmp0 (job->campaign_path, self->campaign_path) == 0)
    {
      set_last_error (self, error != NULL ? error->message : NULL);
      update_last_time (self);
    }
  set_busy (self, FALSE);
  if (self->again)
    {
      self->again = FALSE;
      start_backup (self, 0);
    }
}

static void
start_backup (SbBackupKeeper *self,
              guint           delay_ms)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->campaign_path == NULL)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  job = g_new0 (Job, 1);
  job->campaign_path = g_strdup (self->campaign_path);
  job->folder = sb_backup_keeper_dup_folder (self);
  job->delay_ms = delay_ms;
  task = g_task_new (self, NULL, backed_up_cb, NULL);
  g_task_set_source_tag (task, start_backup);
  g_task_set_task_data (task, job, job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, back_up_thread);
}

static void
back_up_if_due (SbBackupKeeper *self,
                guint           delay_ms)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *folder = NULL;

  if (self->campaign_path == NULL || self->busy ||
      !g_settings_get_boolean (self->settings, "backup-daily"))
    return;
  now = g_date_time_new_now_local ();
  folder = sb_backup_keeper_dup_folder (self);
  if (sb_backup_is_due (self->campaign_path, folder, now))
    start_backup (self, delay_ms);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
check_cb (gpointer user_data)
{
  back_up_if_due (SB_BACKUP_KEEPER (user_data), 0);
  return G_SOURCE_CONTINUE;
}

static void
folder_changed_cb (SbBackupKeeper *self,
                   const char     *key,
                   GSettings      *settings)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  set_last_error (self, NULL);
  update_last_time (self);
  back_up_if_due (self, 0);
}

static void
daily_changed_cb (SbBackupKeeper *self,
                  const char     *key,
                  GSettings      *settings)
{
  back_up_if_due (self, 0);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_backup_keeper_dispose (GObject *object)
{
  SbBackupKeeper *self = SB_BACKUP_KEEPER (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_backup_keeper_parent_class)->dispose (object);
}

static void
sb_backup_keeper_finalize (GObject *object)
{
  SbBackupKeeper *self = SB_BACKUP_KEEPER (object);

  g_clear_pointer (&self->campaign_path, g_free);
  g_clear_pointer (&self->last_time, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (sb_backup_keeper_parent_class)->finalize (object);
}

static void
sb_backup_keeper_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SbBackupKeeper *self = SB_BACKUP_KEEPER (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_string (value, self->campaign_path);
      break;

    case PROP_FOLDER:
      g_value_take_string (value, sb_backup_keeper_dup_folder (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_LAST_TIME:
      g_value_set_boxed (value, self->last_time);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_backup_keeper_class_init (SbBackupKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sb_backup_keeper_dispose;
  object_class->finalize = sb_backup_keeper_finalize;
  object_class->get_property = sb_backup_keeper_get_property;

  properties[PROP_CAMPAIGN] = g_param_spec_string ("campaign", NULL, NULL, NULL, flags);
  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_LAST_TIME] = g_param_spec_boxed ("last-time", NULL, NULL, G_TYPE_DATE_TIME,
                                                   flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_backup_keeper_init (SbBackupKeeper *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::backup-folder",
                           G_CALLBACK (folder_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::backup-daily",
                           G_CALLBACK (daily_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_backup_keeper_new:
 *
 * Returns: (transfer full): a keeper with no campaign yet
 */
SbBackupKeeper *
sb_backup_keeper_new (void)
{
  return g_object_new (SB_TYPE_BACKUP_KEEPER, NULL);
}

/**
 * sb_backup_keeper_set_campaign:
 * @campaign_path: (nullable): the campaign file now open, or %NULL when none is
 *
 * Backs the campaign up (a moment after, see OPENING_DELAY_MS) if the folder has no backup of it from today
 * (and daily backups are on), then looks again every hour.
 */
void
sb_backup_keeper_set_campaign (SbBackupKeeper *self,
                               const char     *campaign_path)
{
  g_return_if_fail (SB_IS_BACKUP_KEEPER (self));

  if (g_strcmp0 (self->campaign_path, campaign_path) == 0)
    return;
  g_free (self->campaign_path);
  self->campaign_path = g_strdup (campaign_path);
  self->again = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);

  set_last_error (self, NULL);
  update_last_time (self);
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (campaign_path == NULL)
    return;
  self->check_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_cb, self);
  back_up_if_due (self, OPENING_DELAY_MS);
}

const char *
sb_backup_keeper_get_campaign (SbBackupKeeper *self)
{
  g_return_val_if_fail (SB_IS_BACKUP_KEEPER (self), NULL);
  return self->campaign_path;
}

/**
 * sb_backup_keeper_dup_folder:
 *
 * Returns: (transfer full): the backup folder: the one chosen in Preferences, or
 *   sb_backup_default_folder()
 */
char *
sb_backup_keeper_dup_folder (SbBackupKeeper *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (SB_IS_BACKUP_KEEPER (self), NULL);

  folder = g_settings_get_string (self->settings, "backup-folder");
  if (folder[0] == '\0')
    return sb_backup_default_folder ();
  return g_steal_pointer (&folder);
}

gboolean
sb_backup_keeper_get_busy (SbBackupKeeper *self)
{
  g_return_val_if_fail (SB_IS_BACKUP_KEEPER (self), FALSE);
  return self->busy;
}

/**
 * sb_backup_keeper_get_last_time:
 *
 * Returns: (transfer none) (nullable): when the newest backup of the campaign in
 *   the folder was written, or %NULL if there is none
 */
GDateTime *
sb_backup_keeper_get_last_time (SbBackupKeeper *self)
{
  g_return_val_if_fail (SB_IS_BACKUP_KEEPER (self), NULL);
  return self->last_time;
}

/**
 * sb_backup_keeper_get_last_error:
 *
 * Returns: (nullable): why the last backup of the campaign failed, or %NULL if it
 *   worked (or none was tried since the campaign opened)
 */
const char *
sb_backup_keeper_get_last_error (SbBackupKeeper *self)
{
  g_return_val_if_fail (SB_IS_BACKUP_KEEPER (self), NULL);
  return self->last_error;
}

/**
 * sb_backup_keeper_back_up_now:
 *
 * Writes today's backup of the campaign (again) in the background.
 */
void
sb_backup_keeper_back_up_now (SbBackupKeeper *self)
{
  g_return_if_fail (SB_IS_BACKUP_KEEPER (self));
  start_backup (self, 0);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *replaced = NULL;
  gboolean ok;

  g_mutex_lock (&file_lock);
  ok = sb_backup_restore (job->backup, job->campaign_path, &replaced, &error);
  g_mutex_unlock (&file_lock);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, replaced != NULL ? g_steal_pointer (&replaced) : g_strdup (""),
                           g_free);
}

/**
 * sb_backup_keeper_restore_async:
 * @backup: the backup chosen
 * @campaign_path: the campaign to replace, closed beforehand
 *
 * Puts @backup in place of @campaign_path in a thread (see sb_backup_restore()),
 * after any backup being written.
 */
void
sb_backup_keeper_restore_async (SbBackupKeeper      *self,
                                const char          *backup,
                                const char          *campaign_path,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SB_IS_BACKUP_KEEPER (self));
  g_return_if_fail (backup != NULL && campaign_path != NULL);

  job = g_new0 (Job, 1);
  job->backup = g_strdup (backup);
  job->campaign_path = g_strdup (campaign_path);
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sb_backup_keeper_restore_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * sb_backup_keeper_restore_finish:
 * @replaced: (out) (optional) (nullable): where the campaign as it was is kept
 */
gboolean
sb_backup_keeper_restore_finish (SbBackupKeeper  *self,
                                 GAsyncResult    *result,
                                 char           **replaced,
                                 GError         **error)
{
  g_autofree char *kept = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  kept = g_task_propagate_pointer (G_TASK (result), error);
  if (kept == NULL)
    return FALSE;
  if (replaced != NULL)
    *replaced = kept[0] != '\0' ? g_steal_pointer (&kept) : NULL;
  update_last_time (self);
  return TRUE;
}
