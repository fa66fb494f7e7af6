/* sb-progress-relay.c — progress told in a worker thread, shown in the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GTask's worker reports how far it is; the caller's callback runs in the thread
 * that started the task (its thread-default main context), at most once per percent,
 * and never after the task's result.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include "sb-progress-relay.h"

struct _SbProgressRelay
{
  GTask          *task;          /* not a reference: the task owns the relay */
  SbProgressFunc  progress;
  gpointer        user_data;
  GMainContext   *context;
  int             shown;         /* the last percentage handed to the main thread */
};

/* Holds the task, and with it the relay, until the main thread has run it. */
typedef struct
{
  GTask  *task;
  SbProgressRelay *relay;
  double  fraction;
} ProgressCall;

/**
 * _sb_progress_relay_new:
 * @task: the task whose worker reports; the relay must live as long as it (task data)
 * @progress: (nullable): called in the thread calling this
 *
 * Returns: (transfer full): a relay, to free with _sb_progress_relay_free()
 */
SbProgressRelay *
_sb_progress_relay_new (GTask          *task,
                        SbProgressFunc  progress,
                        gpointer        user_data)
{
  SbProgressRelay *self = g_new0 (SbProgressRelay, 1);

  self->task = task;
  self->progress = progress;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  self->shown = -1;
  return self;
}

void
_sb_progress_relay_free (SbProgressRelay *self)
{
  g_main_context_unref (self->context);
  g_free (self);
}

static void
progress_call_free (ProgressCall *call)
{
  g_object_unref (call->task);
  g_free (call);
}

static gboolean
call_progress_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  /* Never after the result. */
  if (!g_task_get_completed (call->task))
    call->relay->progress (call->fraction, call->relay->user_data);
  return G_SOURCE_REMOVE;
}

/**
 * _sb_progress_relay_report:
 * @relay: (type SbProgressRelay): the relay
 *
 * Called in the worker thread, with the signature of the store's and core's progress
 * callbacks.
 */
void
_sb_progress_relay_report (double   fraction,
                           gpointer relay)
{
  SbProgressRelay *self = relay;
  ProgressCall *call;
  g_autoptr(GSource) source = NULL;
  int percent = (int) (fraction * 100);

  /* One call per percent is plenty for a progress bar. */
  if (self->progress == NULL || percent == self->shown)
    return;
  self->shown = percent;
  call = g_new (ProgressCall, 1);
  call->task = g_object_ref (self->task);
  call->relay = self;
  call->fraction = fraction;
  /* A source, not g_main_context_invoke(): that would run it here in this thread
   * whenever the main thread is not iterating the context at that moment. */
  source = g_idle_source_new ();
  g_source_set_callback (source, call_progress_cb, call, (GDestroyNotify) progress_call_free);
  g_source_attach (source, self->context);
}
