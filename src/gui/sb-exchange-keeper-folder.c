/* sb-exchange-keeper-folder.c — the keeper's exchange folder, watched for the files
 * of the other offices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-exchange"

#include "config.h"

#include <string.h>

#include "sb-exchange-keeper-private.h"

static void
folder_event_cb (SbExchangeKeeper  *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 GFileMonitor      *monitor)
{
  GFile *arrived = event == G_FILE_MONITOR_EVENT_RENAMED ? other_file : file;
  g_autofree char *name = arrived != NULL ? g_file_get_basename (arrived) : NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN && event != G_FILE_MONITOR_EVENT_RENAMED)
    return;
  /* Half-written files, hidden ones (a sync engine's own) and this replica's. */
  if (name == NULL || name[0] == '.' || g_str_has_suffix (name, ".part") ||
      g_str_has_suffix (name, ".tmp") ||
      (self->self_id != NULL && strstr (name, self->self_id) != NULL))
    return;
  g_debug ("%s arrived in the exchange folder", name);
  _sb_exchange_keeper_schedule (self, ARRIVAL_DELAY_MS);
}

static void
watch_folder (SbExchangeKeeper *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  if (self->folder == NULL)
    return;
  folder = g_file_new_for_path (self->folder);
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  /* Without a watch, changes saved here still start exchanges, which read the folder. */
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s: %s", self->folder, error->message);
      return;
    }
  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (folder_event_cb), self,
                           G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------ */
/* Private API                                                              */
/* ------------------------------------------------------------------------ */

void
_sb_exchange_keeper_read_self_id (SbExchangeKeeper *self)
{
  g_autoptr(GPtrArray) replicas = NULL;

  g_clear_pointer (&self->self_id, g_free);
  if (self->campaign == NULL || !sb_campaign_is_replica (self->campaign))
    return;
  replicas = sb_campaign_list_replicas (self->campaign, NULL);
  for (guint i = 0; replicas != NULL && i < replicas->len; i++)
    {
      SbReplica *replica = g_ptr_array_index (replicas, i);

      if (replica->is_self)
        self->self_id = g_strdup (replica->id);
    }
}

void
_sb_exchange_keeper_read_folder (SbExchangeKeeper *self)
{
  g_autofree char *folder = NULL;

  if (self->campaign != NULL && sb_campaign_is_replica (self->campaign))
    folder = sb_campaign_get_exchange_folder (self->campaign);
  if (folder != NULL && folder[0] == '\0')
    g_clear_pointer (&folder, g_free);
  if (g_strcmp0 (folder, self->folder) == 0)
    return;
  g_free (self->folder);
  self->folder = g_steal_pointer (&folder);
  watch_folder (self);
  _sb_exchange_keeper_notify (self, PROP_FOLDER);
}
