/* sb-batches-page-new.c — New Batch…: the facility, and what waits there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batches-page-private.h"
#include "sb-batches.h"
#include "sb-facility-editor.h"
#include "sb-gui-toast.h"
#include "sb-gui-format.h"

/* What the New Batch dialog asks about: the facilities and how many messages wait
 * for each. It lives as long as the dialog (freed with its "response" handler). */
typedef struct
{
  GWeakRef   page;          /* SbBatchesPage */
  GPtrArray *facilities;    /* SbFacility, in the order of the drop-down */
  GArray    *waiting;       /* guint, one per facility */
} NewBatch;

static void
new_batch_free (gpointer data,
                GClosure *closure)
{
  NewBatch *request = data;

  g_weak_ref_clear (&request->page);
  g_clear_pointer (&request->facilities, g_ptr_array_unref);
  g_clear_pointer (&request->waiting, g_array_unref);
  g_free (request);
}

static void
new_batch_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       NewBatch         *request)
{
  g_autoptr(SbBatchesPage) self = g_weak_ref_get (&request->page);
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GPtrArray *facilities = request->facilities;
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *problem;

  if (!g_str_equal (response, "create") || self == NULL || self->campaign == NULL || selected >= facilities->len)
    return;
  batch = sb_campaign_create_batch (self->campaign,
                                    ((SbFacility *) g_ptr_array_index (facilities, selected))->id,
                                    &error);
  if (batch != NULL)
    {
      sb_batches_page_select_batch (self, batch->id);
      adw_leaflet_set_visible_child (self->leaflet, self->view_pane);
      return;
    }
  problem = ADW_MESSAGE_DIALOG (adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                                        _("Could Not Create the Batch"),
                                                        error->message));
  adw_message_dialog_add_response (problem, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (problem));
}

/* The facility chosen has messages waiting, or the dialog says it has none and
 * Create is off (a batch of nothing cannot be made). */
static void
facility_chosen (AdwMessageDialog *dialog,
                 NewBatch         *request)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GArray *waiting = request->waiting;
  GPtrArray *facilities = request->facilities;
  guint selected = gtk_drop_down_get_selected (dropdown);
  gboolean none = selected >= waiting->len || g_array_index (waiting, guint, selected) == 0;

  if (none && selected < facilities->len)
    {
      g_autofree char *text =
        /* Translators: %s is a prison or other place of detention. */
        g_strdup_printf (_("No approved message is waiting for the people held at %s. "
                           "Approve messages for them in Messages first."),
                         sb_facility_get_name (g_ptr_array_index (facilities, selected)));

      adw_message_dialog_set_body (dialog, text);
    }
  else
    adw_message_dialog_set_body (dialog, _("Choose the facility. The batch fills with the "
                                           "approved messages waiting for the people held "
                                           "there, oldest first, up to its limit per batch; "
                                           "you can change them until it is sealed."));
  adw_message_dialog_set_response_enabled (dialog, "create", !none);
}

static void
facility_chosen_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    NewBatch    *request)
{
  facility_chosen (ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (dropdown))), request);
}

static void
no_facility_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SbBatchesPage    *self)
{
  if (g_str_equal (response, "add-facility") && self->campaign != NULL)
    sb_facility_editor_open (GTK_WIDGET (self), self->campaign, NULL);
}

/* A campaign without a place of detention has nowhere to deliver to: say so, and
 * offer to add one. */
static void
present_no_facility (SbBatchesPage *self,
                     GtkWindow     *parent)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("No Place of Detention Yet"),
                                                _("A batch is a delivery to one prison or other "
                                                  "place of detention. Add the place first, then "
                                                  "the detainees held there.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "add-facility", _("_Add Place of Detention…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add-facility", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add-facility");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (no_facility_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Counting what waits at each facility reads every approved copy of the campaign
 * (seconds in a campaign of 100 000 messages): a worker thread does it, through a
 * read-only connection of its own, as src/gui/sb-campaign-figures.c does. */
typedef struct
{
  char      *path;
  GPtrArray *facilities;    /* SbFacility */
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_free (job->path);
  g_ptr_array_unref (job->facilities);
  g_free (job);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  GError *error = NULL;
  g_autoptr(SbCampaign) reader = sb_campaign_open_reader (job->path, &error);
  GArray *waiting;

  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  waiting = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < job->facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (job->facilities, i);
      g_autoptr(GPtrArray) eligible = sb_campaign_list_eligible_copies (reader, facility->id, &error);
      guint n;

      if (eligible == NULL)
        {
          g_array_unref (waiting);
          sb_campaign_close (reader);
          g_task_return_error (task, error);
          return;
        }
      n = eligible->len;
      g_array_append_val (waiting, n);
    }
  sb_campaign_close (reader);
  g_task_return_pointer (task, waiting, (GDestroyNotify) g_array_unref);
}

static void
counted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SbBatchesPage *self = SB_BATCHES_PAGE (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) waiting = g_task_propagate_pointer (G_TASK (result), &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  AdwMessageDialog *dialog;
  NewBatch *request;
  guint first_waiting = G_MAXUINT;

  self->counting = FALSE;
  /* The campaign closed or changed meanwhile: the question is no longer asked. */
  if (self->campaign == NULL || g_strcmp0 (sb_campaign_get_path (self->campaign), job->path) != 0)
    return;
  /* "0 messages waiting" would be untrue: say why they cannot be counted. */
  if (waiting == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < job->facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (job->facilities, i);
      guint n = g_array_index (waiting, guint, i);
      g_autofree char *n_text = _sb_format_number (n);
      /* Translators: a facility, and how many messages wait to be taken there (the second
       * %s is a number such as 49). */
      g_autofree char *label = g_strdup_printf (ngettext ("%s — %s message waiting",
                                                          "%s — %s messages waiting", n),
                                                sb_facility_get_name (facility), n_text);

      gtk_string_list_append (names, label);
      if (n > 0 && first_waiting == G_MAXUINT)
        first_waiting = i;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Facility"), -1);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("New Batch"), NULL));
  adw_message_dialog_set_extra_child (dialog, dropdown);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  request = g_new0 (NewBatch, 1);
  g_weak_ref_init (&request->page, self);
  request->facilities = g_ptr_array_ref (job->facilities);
  request->waiting = g_steal_pointer (&waiting);
  /* Start on a facility that has something to deliver. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), first_waiting != G_MAXUINT ? first_waiting : 0);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (facility_chosen_cb), request);
  facility_chosen (dialog, request);
  g_signal_connect_data (dialog, "response", G_CALLBACK (new_batch_response_cb), request,
                         new_batch_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _sb_batches_page_new_batch:
 *
 * Asks for the facility of a new batch, saying how many messages wait for each,
 * and creates it; or says why no batch can be made yet. The question comes once
 * the messages are counted.
 */
void
_sb_batches_page_new_batch (SbBatchesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  if (self->campaign == NULL || self->facilities == NULL || self->counting)
    return;
  if (self->facilities->len == 0)
    {
      present_no_facility (self, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
      return;
    }
  job = g_new0 (CountJob, 1);
  job->path = g_strdup (sb_campaign_get_path (self->campaign));
  job->facilities = g_ptr_array_ref (self->facilities);
  self->counting = TRUE;
  task = g_task_new (self, NULL, counted_cb, NULL);
  g_task_set_source_tag (task, _sb_batches_page_new_batch);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
}
