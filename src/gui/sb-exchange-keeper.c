/* sb-exchange-keeper.c — exchanging the open campaign's changes by itself, in the
 * background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the campaign is a replica with an exchange folder (docs/exchange.md), the
 * keeper exchanges a while after a change is saved (the changes of a busy evening
 * travel together) and soon after another office's file appears in the folder, in a
 * worker thread (sb_campaign_exchange_async()), never two at a time. Exchange Now in
 * the Offices section goes through it too. A failure of an exchange nobody asked for
 * is told once ("failed"), not at every try, until an exchange works again.
 */

#define G_LOG_DOMAIN "sambot-exchange"

#include "config.h"

#include "sb-exchange-keeper-private.h"

G_DEFINE_FINAL_TYPE (SbExchangeKeeper, sb_exchange_keeper, G_TYPE_OBJECT)

enum {
  FINISHED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Private API                                                              */
/* ------------------------------------------------------------------------ */

void
_sb_exchange_keeper_notify (SbExchangeKeeper *self,
                            guint             prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
_sb_exchange_keeper_emit_finished (SbExchangeKeeper       *self,
                                   gboolean                asked,
                                   const SbExchangeReport *report,
                                   const GError           *error)
{
  g_signal_emit (self, signals[FINISHED], 0, asked, report, error);
}

void
_sb_exchange_keeper_emit_failed (SbExchangeKeeper *self,
                                 const GError     *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
campaign_changed_cb (SbExchangeKeeper *self)
{
  /* Inviting an office makes the file a replica; choosing a folder is read here. */
  if (self->folder == NULL || self->self_id == NULL)
    {
      _sb_exchange_keeper_read_folder (self);
      _sb_exchange_keeper_read_self_id (self);
    }
  /* What an exchange applied is not this office's to send back. A change saved
   * while an exchange runs is sent by one more afterwards. */
  if (self->finishing)
    return;
  if (self->busy)
    self->changed_meanwhile = TRUE;
  else
    _sb_exchange_keeper_schedule (self, self->delay_ms);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_exchange_keeper_dispose (GObject *object)
{
  SbExchangeKeeper *self = SB_EXCHANGE_KEEPER (object);

  sb_exchange_keeper_set_campaign (self, NULL);

  G_OBJECT_CLASS (sb_exchange_keeper_parent_class)->dispose (object);
}

static void
sb_exchange_keeper_finalize (GObject *object)
{
  SbExchangeKeeper *self = SB_EXCHANGE_KEEPER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_time, g_date_time_unref);
  g_clear_pointer (&self->last_failure, g_free);
  g_clear_pointer (&self->held_back, g_free);

  G_OBJECT_CLASS (sb_exchange_keeper_parent_class)->finalize (object);
}

static void
sb_exchange_keeper_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SbExchangeKeeper *self = SB_EXCHANGE_KEEPER (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_LAST_TIME:
      g_value_set_boxed (value, self->last_time);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_exchange_keeper_class_init (SbExchangeKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sb_exchange_keeper_dispose;
  object_class->finalize = sb_exchange_keeper_finalize;
  object_class->get_property = sb_exchange_keeper_get_property;

  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_LAST_TIME] = g_param_spec_boxed ("last-time", NULL, NULL, G_TYPE_DATE_TIME,
                                                   flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SbExchangeKeeper::finished:
   * @asked: the exchange was asked for (sb_exchange_keeper_exchange_now())
   * @report: (nullable): what it did (an SbExchangeReport), or %NULL if it failed
   * @error: (nullable): why it failed
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                    G_TYPE_BOOLEAN, G_TYPE_POINTER, G_TYPE_ERROR);
  /**
   * SbExchangeKeeper::failed:
   * @error: why an exchange nobody asked for failed; the same failure is told once
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sb_exchange_keeper_init (SbExchangeKeeper *self)
{
  self->delay_ms = CHANGE_DELAY_MS;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

SbExchangeKeeper *
sb_exchange_keeper_new (void)
{
  return g_object_new (SB_TYPE_EXCHANGE_KEEPER, NULL);
}

/**
 * sb_exchange_keeper_set_campaign:
 * @campaign: (nullable): the campaign open, or %NULL
 *
 * Follows @campaign's changes and its exchange folder, and exchanges once soon after
 * (what the others sent while it was closed).
 */
void
sb_exchange_keeper_set_campaign (SbExchangeKeeper *self,
                                 SbCampaign       *campaign)
{
  g_return_if_fail (SB_IS_EXCHANGE_KEEPER (self));
  g_return_if_fail (!campaign || SB_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  if (self->campaign != NULL)
    g_clear_signal_handler (&self->changed_id, self->campaign);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_set_object (&self->campaign, campaign);
  g_clear_pointer (&self->last_failure, g_free);
  g_clear_pointer (&self->held_back, g_free);
  g_clear_pointer (&self->last_time, g_date_time_unref);
  self->again = self->again_asked = FALSE;
  if (campaign != NULL)
    self->changed_id = g_signal_connect_object (campaign, "changed",
                                                G_CALLBACK (campaign_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  _sb_exchange_keeper_read_folder (self);
  _sb_exchange_keeper_read_self_id (self);
  _sb_exchange_keeper_notify (self, PROP_LAST_TIME);
  _sb_exchange_keeper_schedule (self, ARRIVAL_DELAY_MS);
}

SbCampaign *
sb_exchange_keeper_get_campaign (SbExchangeKeeper *self)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), NULL);
  return self->campaign;
}

/**
 * sb_exchange_keeper_get_folder:
 *
 * Returns: (nullable): the campaign's exchange folder, or %NULL if it has none
 */
const char *
sb_exchange_keeper_get_folder (SbExchangeKeeper *self)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), NULL);
  return self->folder;
}

/**
 * sb_exchange_keeper_set_folder:
 * @folder: a folder that a sync engine keeps in step between the offices
 *
 * Keeps @folder as the campaign's exchange folder, watches it and exchanges through
 * it at once.
 */
gboolean
sb_exchange_keeper_set_folder (SbExchangeKeeper  *self,
                               const char        *folder,
                               GError           **error)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), FALSE);
  g_return_val_if_fail (self->campaign != NULL, FALSE);

  if (!sb_campaign_set_exchange_folder (self->campaign, folder, error))
    return FALSE;
  g_clear_pointer (&self->last_failure, g_free);
  _sb_exchange_keeper_read_folder (self);
  _sb_exchange_keeper_read_self_id (self);
  _sb_exchange_keeper_start (self, FALSE);
  return TRUE;
}

gboolean
sb_exchange_keeper_get_busy (SbExchangeKeeper *self)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), FALSE);
  return self->busy;
}

double
sb_exchange_keeper_get_progress (SbExchangeKeeper *self)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), 0.0);
  return self->progress;
}

/**
 * sb_exchange_keeper_get_last_failure:
 *
 * Returns: (transfer none) (nullable): why the last exchange failed, when none has
 *   worked since
 */
const char *
sb_exchange_keeper_get_last_failure (SbExchangeKeeper *self)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), NULL);
  return self->last_failure;
}

/**
 * sb_exchange_keeper_get_held_back:
 *
 * Returns: (transfer none) (nullable): what the last exchange that worked left
 *   waiting in the folder, and why (a line each: "Waiting for changes 8 to 11 from
 *   KC-B."), or %NULL
 */
const char *
sb_exchange_keeper_get_held_back (SbExchangeKeeper *self)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), NULL);
  return self->held_back;
}

/**
 * sb_exchange_keeper_get_last_time:
 *
 * Returns: (transfer none) (nullable): when the last exchange since the campaign
 *   opened worked
 */
GDateTime *
sb_exchange_keeper_get_last_time (SbExchangeKeeper *self)
{
  g_return_val_if_fail (SB_IS_EXCHANGE_KEEPER (self), NULL);
  return self->last_time;
}

/**
 * sb_exchange_keeper_exchange_now:
 *
 * Exchanges now (after the exchange running, if one is); "finished" tells how it went
 * with @asked set.
 */
void
sb_exchange_keeper_exchange_now (SbExchangeKeeper *self)
{
  g_return_if_fail (SB_IS_EXCHANGE_KEEPER (self));
  _sb_exchange_keeper_start (self, TRUE);
}

/**
 * sb_exchange_keeper_set_delay:
 * @delay_ms: how long after a change is saved the exchange starts (10 s by default)
 */
void
sb_exchange_keeper_set_delay (SbExchangeKeeper *self,
                              guint             delay_ms)
{
  g_return_if_fail (SB_IS_EXCHANGE_KEEPER (self));
  self->delay_ms = delay_ms;
}
