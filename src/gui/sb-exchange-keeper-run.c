/* sb-exchange-keeper-run.c — when the keeper exchanges, and the exchange itself in a
 * worker thread (sb_campaign_exchange_async(): a connection of its own)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-exchange"

#include "config.h"

#include "sb-exchange-keeper-private.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
set_busy (SbExchangeKeeper *self,
          gboolean          busy)
{
  GApplication *app = g_application_get_default ();

  if (self->busy == busy)
    return;
  self->busy = busy;
  /* The app stays until the exchange is whole. */
  if (app != NULL)
    {
      if (busy)
        g_application_hold (app);
      else
        g_application_release (app);
    }
  _sb_exchange_keeper_notify (self, PROP_BUSY);
}

static gboolean
can_exchange (SbExchangeKeeper *self)
{
  return self->campaign != NULL && self->folder != NULL &&
         !sb_campaign_is_read_only (self->campaign) && sb_campaign_is_replica (self->campaign);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  SbExchangeKeeper *self = user_data;

  self->timeout_id = 0;
  _sb_exchange_keeper_start (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------ */
/* Exchanging                                                               */
/* ------------------------------------------------------------------------ */

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  SbExchangeKeeper *self = user_data;

  self->progress = CLAMP (fraction, 0.0, 1.0);
  _sb_exchange_keeper_notify (self, PROP_PROGRESS);
}

static void
exchanged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SbExchangeKeeper) self = user_data;
  SbExchangeReport report = { 0, };
  g_autoptr(GError) error = NULL;
  gboolean asked = self->asked;
  gboolean ok, news = FALSE;

  self->finishing = TRUE;
  ok = sb_campaign_exchange_finish (SB_CAMPAIGN (source), result, &report, &error);
  self->finishing = FALSE;
  set_busy (self, FALSE);
  /* The campaign closed or changed meanwhile: what it did is not this one's. */
  if (SB_CAMPAIGN (source) != self->campaign ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      sb_exchange_report_clear (&report);
      return;
    }

  if (ok)
    {
      g_clear_pointer (&self->last_failure, g_free);
      g_free (self->held_back);
      self->held_back = g_strdup (report.held_back);
      g_clear_pointer (&self->last_time, g_date_time_unref);
      self->last_time = g_date_time_new_now_utc ();
      _sb_exchange_keeper_notify (self, PROP_LAST_TIME);
    }
  else
    {
      g_debug ("Exchanging failed: %s", error->message);
      /* Told once: where it was asked, or as news when nobody asked and it is not
       * the failure told already. It stays until an exchange works. */
      news = !asked && g_strcmp0 (self->last_failure, error->message) != 0;
      g_free (self->last_failure);
      self->last_failure = g_strdup (error->message);
    }
  _sb_exchange_keeper_emit_finished (self, asked, ok ? &report : NULL, error);
  if (news)
    _sb_exchange_keeper_emit_failed (self, error);
  sb_exchange_report_clear (&report);

  /* A failure waits for the next change or file rather than trying in a loop. */
  if (ok && self->changed_meanwhile)
    _sb_exchange_keeper_schedule (self, self->delay_ms);
  self->changed_meanwhile = FALSE;
  if (self->again)
    {
      gboolean again_asked = self->again_asked;

      self->again = self->again_asked = FALSE;
      if (again_asked)
        _sb_exchange_keeper_start (self, TRUE);
      else if (ok)
        _sb_exchange_keeper_schedule (self, ARRIVAL_DELAY_MS);
    }
}

/* ------------------------------------------------------------------------ */
/* Private API                                                              */
/* ------------------------------------------------------------------------ */

/* An exchange in @delay_ms, or sooner if one was due sooner. */
void
_sb_exchange_keeper_schedule (SbExchangeKeeper *self,
          guint             delay_ms)
{
  if (!can_exchange (self))
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (delay_ms, delay_done_cb, self);
}

void
_sb_exchange_keeper_start (SbExchangeKeeper *self,
                gboolean          asked)
{
  if (!can_exchange (self))
    return;
  if (self->busy)
    {
      self->again = TRUE;
      self->again_asked |= asked;
      return;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->asked = asked;
  self->changed_meanwhile = FALSE;
  self->progress = 0.0;
  _sb_exchange_keeper_notify (self, PROP_PROGRESS);
  set_busy (self, TRUE);
  sb_campaign_exchange_async (self->campaign, self->folder, progress_cb, self,
                              self->cancellable, exchanged_cb, g_object_ref (self));
}
