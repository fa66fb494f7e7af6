/* sb-dashboard-page.c — the Dashboard section: the campaign's figures, each saying
 * what it counts, and its infographics (preview, export, copy)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-dashboard"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sb-breakdown.h"
#include "sb-dashboard-page-private.h"
#include "sb-gui-format.h"
#include "sb-infographic.h"
#include "sb-text.h"

#define MAX_TALLY_ROWS 12


G_DEFINE_FINAL_TYPE (SbDashboardPage, sb_dashboard_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SbInfographicData   *data;
  SbInfographicKind    kind;
  char                *lang;
  SbInfographicFormat  format;
  int                  width;
  int                  height;
  char                *path;    /* where to save, or NULL for the preview */
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_clear_pointer (&job->data, sb_infographic_data_unref);
  g_free (job->lang);
  g_free (job->path);
  g_free (job);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static void
update_actions (SbDashboardPage *self)
{
  gboolean ready = self->preview_png != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export", self->data != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.copy", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.add-milestone",
                                 self->campaign != NULL && !sb_campaign_is_read_only (self->campaign));
}

static void
clear_figures (SbDashboardPage *self)
{
  for (guint i = 0; i < self->figure_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->figure_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->figure_rows, 0);
}

/* A figure: what it counts as the title, how as the subtitle, the number after. */
static void
add_figure (SbDashboardPage     *self,
            AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            gint64               value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *number = _sb_format_number (value);
  GtkWidget *label = gtk_label_new (number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "title-4");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  number, -1);
  /* Named once: not by the label above and again by the title it labels it with. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->figure_rows, row);
}

static void
add_tallies (SbDashboardPage     *self,
             AdwPreferencesGroup *group,
             GPtrArray           *tallies)
{
  gint64 others = 0;

  if (tallies->len == 0)
    add_figure (self, group, _("No messages sent yet"), NULL, 0);
  for (guint i = 0; i < tallies->len; i++)
    {
      const SbTally *tally = g_ptr_array_index (tallies, i);

      if (i < MAX_TALLY_ROWS)
        add_figure (self, group, tally->label, NULL, tally->count);
      else
        others += tally->count;
    }
  if (others > 0)
    add_figure (self, group, _("All the others"), NULL, others);
}

static void
show_figures (SbDashboardPage *self)
{
  const SbStats *stats = sb_infographic_data_get_stats (self->data);
  const SbBreakdown *breakdown = sb_infographic_data_get_breakdown (self->data);
  g_autofree char *title = NULL;
  g_autofree char *date = _sb_format_long_date (stats->as_of);
  /* Translators: %s is a date */
  title = g_strdup_printf (_("Figures as of %s"), date);
  gtk_label_set_text (self->as_of_label, title);

  clear_figures (self);
  add_figure (self, self->messages_group, _("Messages sent"),
              _("Received, and not held"), stats->messages_sent);
  add_figure (self, self->messages_group, _("Messages delivered"),
              _("Every copy delivered to the detainee"), stats->messages_delivered);
  add_figure (self, self->messages_group, _("Messages waiting"),
              _("Sent, not yet delivered to everyone they are for"), stats->messages_waiting);
  add_figure (self, self->messages_group, _("Messages held"),
              _("Kept back by a reviewer, with a reason"), stats->messages_held);

  add_figure (self, self->copies_group, _("Waiting for review"), NULL, stats->copies_pending);
  add_figure (self, self->copies_group, _("Waiting for a batch"), NULL, stats->copies_waiting);
  add_figure (self, self->copies_group, _("In a batch"), NULL, stats->copies_in_batch);
  add_figure (self, self->copies_group, _("Delivered"), NULL, stats->copies_delivered);
  add_figure (self, self->copies_group, _("Rejected by the prison"), NULL, stats->copies_rejected);
  add_figure (self, self->copies_group, _("Returned"), NULL, stats->copies_returned);

  for (guint i = 0; i < stats->detainees->len; i++)
    {
      const SbDetaineeStats *d = g_ptr_array_index (stats->detainees, i);
      g_autofree char *subtitle = NULL;

      if (d->days_detained < 0)
        subtitle = g_strdup (_("Date of arrest not recorded"));
      else if (d->released)
        {
          g_autofree char *released = _sb_format_long_date (d->released_on);

          subtitle = g_strdup_printf (_("Released on %s"), released);
        }
      else
        {
          g_autofree char *detained = _sb_format_long_date (d->detained_on);

          subtitle = g_strdup_printf (_("Detained since %s"), detained);
        }
      add_figure (self, self->detainees_group,
                  g_str_equal (sb_interface_language (), "km") && d->name_km && *d->name_km
                    ? d->name_km : d->name_en,
                  subtitle, MAX (d->days_detained, 0));
    }

  add_tallies (self, self->countries_group, breakdown->countries);
  add_tallies (self, self->offices_group, breakdown->offices);
  add_tallies (self, self->languages_group, breakdown->languages);
  _sb_dashboard_page_describe_weeks (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->weeks_chart));
}

static void
selected_options (SbDashboardPage   *self,
                  SbInfographicKind *kind,
                  const char       **lang,
                  int               *width,
                  int               *height)
{
  gboolean wide = adw_combo_row_get_selected (self->size_row) == 1;

  *kind = MIN (adw_combo_row_get_selected (self->kind_row), SB_INFOGRAPHIC_TIMELINE);
  *lang = adw_combo_row_get_selected (self->lang_row) == 1 ? "km" : "en";
  *width = wide ? SB_INFOGRAPHIC_WIDE_WIDTH : SB_INFOGRAPHIC_SQUARE_SIZE;
  *height = wide ? SB_INFOGRAPHIC_WIDE_HEIGHT : SB_INFOGRAPHIC_SQUARE_SIZE;
}

static RenderJob *
render_job_new (SbDashboardPage     *self,
                SbInfographicFormat  format,
                const char          *path)
{
  RenderJob *job = g_new0 (RenderJob, 1);
  const char *lang;

  selected_options (self, &job->kind, &lang, &job->width, &job->height);
  job->data = sb_infographic_data_ref (self->data);
  job->lang = g_strdup (lang);
  job->format = format;
  job->path = g_strdup (path);
  return job;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sb_infographic_render (job->data, job->kind, job->lang, job->format,
                                                   job->width, job->height, &error);

  if (bytes == NULL || (job->path != NULL && !sb_infographic_save (bytes, job->path, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
preview_rendered_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GdkTexture) texture = NULL;

  self->busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  g_clear_pointer (&self->preview_png, g_bytes_unref);
  self->preview_png = g_steal_pointer (&png);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  update_actions (self);
}

/* Drawn off the main loop; a newer preview cancels the one being drawn. */
static void
render_preview (SbDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->data == NULL)
    return;
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->preview_cancellable, preview_rendered_cb, NULL);
  g_task_set_source_tag (task, render_preview);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, render_job_new (self, SB_INFOGRAPHIC_PNG, NULL),
                        (GDestroyNotify) render_job_free);
  self->busy++;
  g_task_run_in_thread (task, render_thread);
}

/* Shows the figures the campaign's computation last gave (sb-campaign-figures.c);
 * while the first run is on its way, nothing yet. */
static void
refresh (SbDashboardPage *self)
{
  SbInfographicData *data = NULL;
  const GError *error = NULL;

  if (self->figures != NULL)
    {
      data = sb_campaign_figures_get_data (self->figures);
      error = sb_campaign_figures_get_error (self->figures);
    }
  g_clear_pointer (&self->data, sb_infographic_data_unref);
  g_clear_pointer (&self->week_chart, sb_week_chart_free);
  if (data != NULL)
    self->data = sb_infographic_data_ref (data);
  if (self->data == NULL)
    {
      clear_figures (self);
      gtk_label_set_text (self->as_of_label, error ? error->message : "");
    }
  else
    {
      show_figures (self);
      render_preview (self);
    }
  _sb_dashboard_page_show_milestones (self);
  update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static void
figures_updated_cb (SbDashboardPage *self)
{
  refresh (self);
}

static void
option_changed_cb (SbDashboardPage *self)
{
  gtk_label_set_text (self->status_label, "");
  render_preview (self);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  g_autofree char *name = user_data;

  self->busy--;
  if (bytes == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  text = g_strdup_printf (_("Saved as “%s”"), name);
  gtk_label_set_text (self->status_label, text);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  SbDashboardPage *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  const char *dot;
  SbInfographicFormat format = SB_INFOGRAPHIC_PNG;
  gboolean printable = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      printable = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "printable"),
                             "true") == 0;
    }
  g_object_unref (dialog);
  if (file == NULL || self->data == NULL)
    return;

  path = g_file_get_path (file);
  dot = strrchr (path, '.');
  if (dot == NULL || !sb_infographic_format_from_string (dot + 1, &format))
    {
      g_autofree char *with_extension = g_strconcat (path, ".png", NULL);

      g_free (path);
      path = g_steal_pointer (&with_extension);
    }
  if (printable && format != SB_INFOGRAPHIC_PDF)
    {
      /* Nothing written under another name than the one chosen (and confirmed). */
      gtk_label_set_text (self->status_label,
                          _("Nothing saved: a page for printing is a PDF. Export again and "
                            "give the file a name ending in .pdf."));
      return;
    }
  if (printable)
    format = SB_INFOGRAPHIC_PDF_PRINTABLE;

  task = g_task_new (self, NULL, exported_cb, g_file_get_basename (file));
  g_task_set_source_tag (task, export_response_cb);
  g_task_set_task_data (task, render_job_new (self, format, path), (GDestroyNotify) render_job_free);
  self->busy++;
  gtk_label_set_text (self->status_label, _("Saving…"));
  g_task_run_in_thread (task, render_thread);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (widget);
  GtkNativeDialog *dialog;
  g_autofree char *name = NULL;
  SbInfographicKind kind;
  const char *lang;
  int width, height;
  static const struct { const char *name; const char *pattern; } filters[] = {
    { N_("PNG picture"), "*.png" },
    { N_("SVG drawing"), "*.svg" },
    { N_("PDF document (A4)"), "*.pdf" },
  };

  selected_options (self, &kind, &lang, &width, &height);
  dialog = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export Infographic"),
                                                           GTK_WINDOW (gtk_widget_get_root (widget)),
                                                           GTK_FILE_CHOOSER_ACTION_SAVE,
                                                           _("_Export"), _("_Cancel")));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      gtk_file_filter_add_pattern (filter, filters[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      g_object_unref (filter);
    }
  /* Only a PDF can be made for printing: the others are pictures to post. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "printable",
                               _("PDF for printing: on white, inside margins"), NULL, NULL);
  name = g_strdup_printf ("%s-%s.png", sb_infographic_kind_to_string (kind), lang);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (dialog, TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (dialog);
}

static void
add_milestone_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _sb_dashboard_page_add_milestone (SB_DASHBOARD_PAGE (widget));
}

static void
remove_milestone_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _sb_dashboard_page_remove_milestone (SB_DASHBOARD_PAGE (widget),
                                       g_variant_get_string (parameter, NULL));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (widget);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (self->preview_png == NULL)
    return;
  texture = gdk_texture_new_from_bytes (self->preview_png, &error);
  if (texture == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  gtk_label_set_text (self->status_label, _("Copied: paste it into a post"));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_dashboard_page_dispose (GObject *object)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (object);

  sb_dashboard_page_set_campaign (self, NULL);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_DASHBOARD_PAGE);
  /* The template's top child is not bound, so dispose_template leaves it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_dashboard_page_parent_class)->dispose (object);
}

static void
sb_dashboard_page_finalize (GObject *object)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->data, sb_infographic_data_unref);
  g_clear_pointer (&self->week_chart, sb_week_chart_free);
  g_clear_pointer (&self->preview_png, g_bytes_unref);
  g_clear_pointer (&self->figure_rows, g_ptr_array_unref);
  g_clear_pointer (&self->milestone_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_dashboard_page_parent_class)->finalize (object);
}

static void
sb_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbDashboardPage *self = SB_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      sb_dashboard_page_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_dashboard_page_class_init (SbDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_dashboard_page_dispose;
  object_class->finalize = sb_dashboard_page_finalize;
  object_class->get_property = sb_dashboard_page_get_property;
  object_class->set_property = sb_dashboard_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL,
                         SB_TYPE_CAMPAIGN,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/sambot/Sambot/sb-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, messages_group);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, copies_group);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, detainees_group);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, countries_group);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, offices_group);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, languages_group);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, milestones_group);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, weeks_chart);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, lang_row);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, size_row);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, preview);
  gtk_widget_class_bind_template_child (widget_class, SbDashboardPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, option_changed_cb);

  gtk_widget_class_install_action (widget_class, "dashboard.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "dashboard.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "dashboard.add-milestone", NULL,
                                   add_milestone_action);
  gtk_widget_class_install_action (widget_class, "dashboard.remove-milestone", "s",
                                   remove_milestone_action);
}

static void
sb_dashboard_page_init (SbDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->figure_rows = g_ptr_array_new ();
  self->milestone_rows = g_ptr_array_new ();
  _sb_dashboard_page_init_weeks (self);
  /* Infographics start in the language the coordinator reads. */
  if (g_str_equal (sb_interface_language (), "km"))
    adw_combo_row_set_selected (self->lang_row, 1);
  update_actions (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

SbCampaign *
sb_dashboard_page_get_campaign (SbDashboardPage *self)
{
  g_return_val_if_fail (SB_IS_DASHBOARD_PAGE (self), NULL);
  return self->campaign;
}

/**
 * sb_dashboard_page_set_campaign:
 * @campaign: (nullable): the campaign to show
 *
 * Shows the figures of @campaign and refreshes them whenever it changes.
 */
void
sb_dashboard_page_set_campaign (SbDashboardPage *self,
                                SbCampaign      *campaign)
{
  g_return_if_fail (SB_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (!campaign || SB_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  if (self->figures != NULL)
    g_clear_signal_handler (&self->updated_id, self->figures);
  g_clear_object (&self->figures);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    {
      self->figures = g_object_ref (sb_campaign_figures_get_for (campaign));
      self->updated_id = g_signal_connect_object (self->figures, "updated",
                                                  G_CALLBACK (figures_updated_cb), self,
                                                  G_CONNECT_SWAPPED);
    }
  g_clear_pointer (&self->preview_png, g_bytes_unref);
  gtk_picture_set_paintable (self->preview, NULL);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

/**
 * sb_dashboard_page_is_busy:
 *
 * Returns: %TRUE while the figures are computed or a picture is drawn (tests wait)
 */
gboolean
sb_dashboard_page_is_busy (SbDashboardPage *self)
{
  g_return_val_if_fail (SB_IS_DASHBOARD_PAGE (self), FALSE);
  return self->busy > 0 || (self->figures != NULL && sb_campaign_figures_is_busy (self->figures));
}
