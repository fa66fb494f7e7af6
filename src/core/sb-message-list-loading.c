/* sb-message-list-loading.c — the message list's first screen first, the rest in a thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list that loads in the background (sb_message_list_new_in_background()) shows
 * its first screen first (docs/schema-6.md, "The message list"): a change of
 * filters reads the first rows from the order's index at once, and the whole order
 * in a worker thread through a read-only connection of its own; the list then grows
 * to it (items-changed after the first rows, so what is selected stays).
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include "sb-message-list-private.h"

/* Read at once: more than a screen, and one more than a count shows ("1,000+"). */
#define FIRST_ROWS (SB_MESSAGE_LIST_COUNT_MAX + 1)
/* How long the first rows may take before the list waits for the whole order. */
#define FIRST_ROWS_BUDGET_MS 40

/* ------------------------------------------------------------------------ */
/* The whole order, in a thread                                             */
/* ------------------------------------------------------------------------ */

typedef struct
{
  char                *path;
  char                *filters[SB_MESSAGE_N_FILTERS];
  char                *search_key;
  SbStoreMessageQuery  query;        /* its strings are the job's own */
  guint                generation;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  for (guint i = 0; i < SB_MESSAGE_N_FILTERS; i++)
    g_free (job->filters[i]);
  g_free (job->search_key);
  g_free (job);
}

static Job *
job_new (SbMessageList *self)
{
  Job *job = g_new0 (Job, 1);

  job->path = g_strdup (sb_campaign_get_path (self->campaign));
  for (guint i = 0; i < SB_MESSAGE_N_FILTERS; i++)
    job->filters[i] = g_strdup (self->filters[i]);
  job->search_key = g_strdup (self->search_key);
  _sb_message_list_fill_query (self, &job->query);
  job->query.status = job->filters[SB_MESSAGE_FILTER_STATUS];
  job->query.channel = job->filters[SB_MESSAGE_FILTER_CHANNEL];
  job->query.detainee_id = job->filters[SB_MESSAGE_FILTER_DETAINEE];
  job->query.office_id = job->filters[SB_MESSAGE_FILTER_OFFICE];
  job->query.language = job->filters[SB_MESSAGE_FILTER_LANGUAGE];
  job->query.search_key = job->search_key;
  job->generation = self->generation;
  return job;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr(SbCampaign) reader = NULL;
  GArray *rowids = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  reader = sb_campaign_open_reader (job->path, &error);
  if (reader != NULL)
    {
      rowids = sb_store_query_message_rowids (_sb_campaign_get_store (reader), &job->query, &error);
      sb_campaign_close (reader);
    }
  if (rowids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rowids, (GDestroyNotify) g_array_unref);
}

/* The tests' hold (_sb_message_list_hold_background()): answers kept until released. */
static gboolean hold_background;
static GPtrArray *held_answers;

static void
apply_answer (SbMessageList *self,
              GTask         *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GArray *rowids = g_task_propagate_pointer (task, &error);

  if (job->generation != self->generation || self->campaign == NULL)
    {
      g_clear_pointer (&rowids, g_array_unref);
      return;
    }
  g_clear_object (&self->loading);
  if (rowids == NULL)
    {
      /* The reader could not read it (a file gone read-protected): this connection may. */
      g_debug ("Could not read the messages in the background: %s", error->message);
      g_clear_error (&error);
      if (!sb_message_list_refresh (self, &error))
        _sb_message_list_read_failed (self, error);
      return;
    }
  g_debug ("Whole list read in the background: %u rows", rowids->len);
  /* Complete before the views hear of the new rows: the count they show is exact. */
  self->complete = TRUE;
  _sb_message_list_apply_rowids (self, rowids);
  _sb_message_list_notify_complete (self);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  if (hold_background)
    {
      if (held_answers == NULL)
        held_answers = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (held_answers, g_object_ref (result));
      return;
    }
  apply_answer (SB_MESSAGE_LIST (source), G_TASK (result));
}

/**
 * _sb_message_list_hold_background:
 * @hold: %TRUE to keep the answers of the threads from the lists until called
 *   again with %FALSE, which gives them
 *
 * For the tests: what a list shows before its whole order is known.
 */
void
_sb_message_list_hold_background (gboolean hold)
{
  g_autoptr(GPtrArray) answers = NULL;

  hold_background = hold;
  if (hold)
    return;
  answers = g_steal_pointer (&held_answers);
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      GTask *task = answers->pdata[i];

      apply_answer (g_task_get_source_object (task), task);
    }
}

void
_sb_message_list_stop_loading (SbMessageList *self)
{
  self->generation++;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
}

/*
 * Reads the list again: in a list that loads in the background, @first_screen
 * (the filters changed) shows the first rows at once and the rest when the thread
 * has them; otherwise the rows shown stay until then.
 */
gboolean
_sb_message_list_reload (SbMessageList  *self,
                         gboolean        first_screen,
                         GError        **error)
{
  g_autoptr(GTask) task = NULL;

  if (!self->background)
    return sb_message_list_refresh (self, error);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  _sb_message_list_stop_loading (self);
  if (first_screen)
    {
      g_autoptr(GError) local_error = NULL;
      SbStoreMessageQuery query;
      GArray *first;

      _sb_message_list_fill_query (self, &query);
      first = sb_store_query_first_message_rowids (_sb_campaign_get_store (self->campaign), &query,
                                                   FIRST_ROWS, FIRST_ROWS_BUDGET_MS, &local_error);
      if (first == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (first != NULL && first->len < FIRST_ROWS)
        {
          /* That is all of them. */
          self->complete = TRUE;
          _sb_message_list_apply_rowids (self, first);
          _sb_message_list_notify_complete (self);
          return TRUE;
        }
      self->complete = FALSE;
      if (first != NULL)
        _sb_message_list_apply_rowids (self, first);
      _sb_message_list_notify_complete (self);
    }

  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, loaded_cb, NULL);
  g_task_set_source_tag (task, _sb_message_list_reload);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, load_thread);
  return TRUE;
}
