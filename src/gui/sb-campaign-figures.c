/* sb-campaign-figures.c — the campaign's figures, computed once for every page
 *
 * The Dashboard and the Detainees page show the same figures: one computation
 * serves both, in a worker thread through a read-only connection of its own
 * (sb_campaign_open_reader()), so that the window's first frame never waits for
 * it. It runs again after every saved change; changes that come while it runs make
 * one more run when it ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-figures"

#include "config.h"

#include "sb-campaign-figures.h"

struct _SbCampaignFigures
{
  GObject            parent_instance;

  SbCampaign        *campaign;     /* weak: the campaign owns this object */
  SbInfographicData *data;         /* the latest figures, or NULL */
  GError            *error;        /* why the latest run failed, or NULL */
  gboolean           running;
  gboolean           again;        /* the campaign changed while it ran */
  guint              idle_id;
};

G_DEFINE_FINAL_TYPE (SbCampaignFigures, sb_campaign_figures, G_TYPE_OBJECT)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *path;
  char *as_of;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->as_of);
  g_free (job);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autoptr(SbCampaign) reader = sb_campaign_open_reader (job->path, &error);
  SbInfographicData *data = NULL;

  if (reader != NULL)
    {
      data = sb_infographic_data_new (reader, job->as_of, &error);
      sb_campaign_close (reader);
    }
  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) sb_infographic_data_unref);
}

static void start (SbCampaignFigures *self);

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbCampaignFigures *self = SB_CAMPAIGN_FIGURES (source);
  GError *error = NULL;
  SbInfographicData *data = g_task_propagate_pointer (G_TASK (result), &error);

  self->running = FALSE;
  g_clear_pointer (&self->data, sb_infographic_data_unref);
  g_clear_error (&self->error);
  self->data = data;
  self->error = error;
  if (self->again)
    start (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
start (SbCampaignFigures *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *as_of = NULL;
  GError *error = NULL;
  Job *job;

  if (self->campaign == NULL)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  /* The as-of day as the campaign sees it (its clock, in the tests). When it
   * cannot be read, that is the run's failure, shown as any other. */
  as_of = sb_campaign_get_as_of (self->campaign, &error);
  if (as_of == NULL)
    {
      g_clear_pointer (&self->data, sb_infographic_data_unref);
      g_clear_error (&self->error);
      self->error = error;
      g_signal_emit (self, signals[UPDATED], 0);
      return;
    }
  self->running = TRUE;
  self->again = FALSE;
  job = g_new0 (Job, 1);
  job->path = g_strdup (sb_campaign_get_path (self->campaign));
  job->as_of = g_steal_pointer (&as_of);
  task = g_task_new (self, NULL, computed_cb, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
changed_idle_cb (gpointer user_data)
{
  SbCampaignFigures *self = user_data;

  self->idle_id = 0;
  start (self);
  return G_SOURCE_REMOVE;
}

/* Several changes in a row (an import) make one run. */
static void
campaign_changed_cb (SbCampaignFigures *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, changed_idle_cb, self, NULL);
}

static void
sb_campaign_figures_dispose (GObject *object)
{
  SbCampaignFigures *self = SB_CAMPAIGN_FIGURES (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_weak_pointer (&self->campaign);
  G_OBJECT_CLASS (sb_campaign_figures_parent_class)->dispose (object);
}

static void
sb_campaign_figures_finalize (GObject *object)
{
  SbCampaignFigures *self = SB_CAMPAIGN_FIGURES (object);

  g_clear_pointer (&self->data, sb_infographic_data_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (sb_campaign_figures_parent_class)->finalize (object);
}

static void
sb_campaign_figures_class_init (SbCampaignFiguresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_campaign_figures_dispose;
  object_class->finalize = sb_campaign_figures_finalize;

  /**
   * SbCampaignFigures::updated:
   *
   * New figures (or an error) arrived: sb_campaign_figures_get_data().
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_campaign_figures_init (SbCampaignFigures *self)
{
}

/**
 * sb_campaign_figures_get_for:
 *
 * The figures of @campaign, shared by everyone who asks: the first call starts
 * computing them.
 *
 * Returns: (transfer none): owned by @campaign
 */
SbCampaignFigures *
sb_campaign_figures_get_for (SbCampaign *campaign)
{
  SbCampaignFigures *self;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  self = g_object_get_data (G_OBJECT (campaign), "sb-campaign-figures");
  if (self != NULL)
    return self;
  self = g_object_new (SB_TYPE_CAMPAIGN_FIGURES, NULL);
  g_set_weak_pointer (&self->campaign, campaign);
  g_object_set_data_full (G_OBJECT (campaign), "sb-campaign-figures", self, g_object_unref);
  g_signal_connect_object (campaign, "changed", G_CALLBACK (campaign_changed_cb), self,
                           G_CONNECT_SWAPPED);
  start (self);
  return self;
}

/**
 * sb_campaign_figures_get_data:
 *
 * Returns: (transfer none) (nullable): the latest figures; %NULL until the first
 *   run ends, or when it failed
 */
SbInfographicData *
sb_campaign_figures_get_data (SbCampaignFigures *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN_FIGURES (self), NULL);
  return self->data;
}

/**
 * sb_campaign_figures_get_error:
 *
 * Returns: (transfer none) (nullable): why the latest run failed
 */
const GError *
sb_campaign_figures_get_error (SbCampaignFigures *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN_FIGURES (self), NULL);
  return self->error;
}

/**
 * sb_campaign_figures_is_busy:
 *
 * Returns: %TRUE while figures are being computed or about to be (tests wait)
 */
gboolean
sb_campaign_figures_is_busy (SbCampaignFigures *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN_FIGURES (self), FALSE);
  return self->running || self->idle_id != 0;
}
