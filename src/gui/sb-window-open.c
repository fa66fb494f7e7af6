/* sb-window-open.c — opening a campaign in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A campaign from an older Sambot opens in a worker thread: its update takes minutes
 * at a million messages, and must never freeze the window. The window shows how far
 * the update is, and what it showed before if it fails. So does a campaign whose sort
 * keys and search index must be made again under this system's language rules (after
 * an upgrade). Other files open at once.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-format.h"
#include "sb-window-private.h"

typedef struct
{
  SbWindow *window;   /* a reference: the window outlives the thread */
  gboolean  quiet;    /* reopening the last campaign at start: no dialog on failure */
  gboolean  shown;    /* the update page is up */
  gboolean  new_keys; /* the file's schema is current: only its keys are made again */
} OpenCall;

static void
open_call_free (OpenCall *call)
{
  g_object_unref (call->window);
  g_free (call);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  OpenCall *call = user_data;
  SbWindow *self = call->window;
  g_autofree char *percent = NULL;

  if (self->main_stack == NULL)
    return;
  if (!call->shown)
    {
      g_autofree char *name = g_file_get_basename (self->opening);
      g_autofree char *description = NULL;

      if (call->new_keys)
        /* Translators: %s is a campaign file's name, e.g. "freethe5kh.sambot". The
         * system was upgraded: its rules for sorting and searching text changed. */
        description = g_strdup_printf (_("This computer sorts and searches text by newer "
                                         "rules: Sambot is making the search and the order "
                                         "of “%s” again. If the computer stops now, nothing "
                                         "in it is lost."), name);
      else
        /* Translators: %s is a campaign file's name, e.g. "freethe5kh.sambot". */
        description = g_strdup_printf (_("“%s” was saved by an older version of Sambot. A "
                                         "copy of it as it was is kept beside it. If the "
                                         "computer stops now, nothing in it is lost."), name);
      adw_status_page_set_description (self->updating_page, description);
      gtk_stack_set_visible_child_name (self->main_stack, "updating");
      call->shown = TRUE;
    }
  gtk_progress_bar_set_fraction (self->updating_bar, fraction);
  /* Translators: how far the update is; %d is a number from 0 to 100. */
  percent = _sb_localise_digits (g_strdup_printf (_("%d %%"), (int) (fraction * 100)));
  gtk_progress_bar_set_text (self->updating_bar, percent);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenCall *call = user_data;
  SbWindow *self = call->window;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->opening);

  campaign = sb_campaign_open_finish (result, &error);
  /* The window was closed meanwhile. */
  if (self->main_stack == NULL)
    {
      if (campaign != NULL)
        sb_campaign_close (campaign);
    }
  else if (campaign == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack,
                                        self->campaign != NULL ? "campaign" : "welcome");
      if (call->quiet)
        g_debug ("Not reopening %s: %s", g_file_peek_path (file), error->message);
      else
        sb_window_show_error (self, _("Could Not Open the Campaign"), error);
    }
  else
    {
      sb_window_close_campaign (self);
      sb_window_set_campaign (self, campaign);
    }
  open_call_free (call);
}

/* Opens @file in a worker thread and shows it; on failure the window keeps what it
 * showed, and says why unless @quiet. */
void
_sb_window_open_file (SbWindow *self,
                      GFile    *file,
                      gboolean  quiet)
{
  g_autofree char *path = g_file_get_path (file);
  gboolean update, new_keys;
  OpenCall *call;

  if (self->opening != NULL)
    {
      sb_window_add_toast (self, adw_toast_new (_("Another campaign is still opening")));
      return;
    }
  /* A file that needs no update opens at once (it is checked, not read whole). One
   * whose keys must be made again (after a system upgrade: minutes at a million
   * messages) opens in the background as an update does. */
  update = path != NULL && sb_campaign_needs_update (path);
  new_keys = path != NULL && !update && sb_campaign_needs_new_keys (path);
  if (!update && !new_keys)
    {
      g_autoptr(GError) error = NULL;

      if (sb_window_load (self, file, &error))
        return;
      if (quiet)
        g_debug ("Not reopening %s: %s", path, error->message);
      else
        sb_window_show_error (self, _("Could Not Open the Campaign"), error);
      return;
    }

  self->opening = g_object_ref (file);
  call = g_new0 (OpenCall, 1);
  call->window = g_object_ref (self);
  call->quiet = quiet;
  call->new_keys = new_keys;
  sb_campaign_open_async (path, progress_cb, call, opened_cb, call);
}

/**
 * sb_window_open:
 * @file: a campaign file
 *
 * Opens @file in the background and shows it, with the progress of its update if an
 * older Sambot wrote it; tells the person in a dialog when it does not open.
 */
void
sb_window_open (SbWindow *self,
                GFile    *file)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _sb_window_open_file (self, file, FALSE);
}
