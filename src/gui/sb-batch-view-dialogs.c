/* sb-batch-view-dialogs.c — the questions a batch asks: seal, add, reject, correct
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-batch-add-dialog.h"
#include "sb-batch-correct-dialog.h"
#include "sb-batch-reject-dialog.h"
#include "sb-batch-view-private.h"
#include "sb-gui-toast.h"
#include "sb-gui-format.h"
#include "sb-handover-dialog.h"
#include "sb-store-error.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static AdwMessageDialog *
new_dialog (SbBatchView *self,
            const char  *heading,
            const char  *body)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (_sb_batch_view_get_window (self), heading, body));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* ------------------------------------------------------------------------ */
/* Seal and hand over                                                       */
/* ------------------------------------------------------------------------ */

static void
seal_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SbBatchView      *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) sealed = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "seal") || self->campaign == NULL)
    return;
  if (!sb_campaign_seal_batch (self->campaign, self->batch_id, &error))
    {
      _sb_batch_view_show_error (self, _("Could Not Seal the Batch"), error);
      return;
    }
  sealed = sb_campaign_get_batch (self->campaign, self->batch_id, &error);
  if (sealed == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  /* Translators: %s is the code the batch was given, "PS-2016-10-08-01". */
  title = g_strdup_printf (_("Sealed as %s"), sealed->code);
  _sb_gui_toast (GTK_WIDGET (self), title);
}

void
_sb_batch_view_seal (SbBatchView *self)
{
  guint n = self->listing ? self->listing->lines->len : 0;
  g_autofree char *body = _sb_localise_digits (
    g_strdup_printf (ngettext ("Its %u message is frozen: none can be added or taken out "
                               "afterwards. The batch gets its code and the digest printed on "
                               "the manifest.",
                               "Its %u messages are frozen: none can be added or taken out "
                               "afterwards. The batch gets its code and the digest printed on "
                               "the manifest.", n), n));
  AdwMessageDialog *dialog = new_dialog (self, _("Seal the Batch?"), body);

  adw_message_dialog_add_response (dialog, "seal", _("_Seal"));
  adw_message_dialog_set_response_appearance (dialog, "seal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "seal");
  g_signal_connect_object (dialog, "response", G_CALLBACK (seal_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_batch_view_hand_over (SbBatchView *self)
{
  GtkWidget *dialog;

  if (self->campaign == NULL || self->batch_id == NULL)
    return;
  dialog = sb_handover_dialog_new (_sb_batch_view_get_window (self), self->campaign, self->batch_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------ */
/* Adding waiting copies to a draft                                         */
/* ------------------------------------------------------------------------ */

static void
add_response_cb (SbBatchAddDialog *dialog,
                 const char       *response,
                 SbBatchView      *self)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add"))
    return;
  copies = sb_batch_add_dialog_get_chosen (dialog);
  if (copies->len == 0)
    return;
  if (!sb_campaign_batch_add (self->campaign, self->batch_id, copies, &error))
    _sb_batch_view_show_error (self, _("Could Not Add the Messages"), error);
}

/* The approved copies waiting at a facility, each with its message's reference and
 * day and its detainee's name: read in a worker thread through a read-only
 * connection (a campaign of 100 000 messages has 100 000 waiting, read in seconds),
 * as src/gui/sb-campaign-figures.c does. */
typedef struct
{
  SbCopy *copy;
  char *ref;
  char *received_on;
  char *detainee;
} Waiting;

static void
waiting_free (Waiting *waiting)
{
  g_clear_pointer (&waiting->copy, sb_copy_free);
  g_free (waiting->ref);
  g_free (waiting->received_on);
  g_free (waiting->detainee);
  g_free (waiting);
}

static GPtrArray *
read_waiting (SbCampaign  *campaign,
              const char  *facility_id,
              GError     **error)
{
  g_autoptr(GPtrArray) copies = sb_campaign_list_eligible_copies (campaign, facility_id, error);
  g_autoptr(GPtrArray) detainees = copies ? sb_campaign_list_detainees (campaign, error) : NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *waiting;

  if (detainees == NULL)
    return NULL;
  for (guint i = 0; i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (detainees, i);

      g_hash_table_insert (names, detainee->id, (gpointer) sb_detainee_get_name (detainee));
    }
  waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiting_free);
  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);
      g_autoptr(GError) lookup_error = NULL;
      g_autoptr(SbMessage) message = sb_campaign_get_message (campaign, copy->message_id, &lookup_error);
      Waiting *item;

      /* A message deleted meanwhile is left out; one that cannot be read stops the
       * list, which would otherwise look complete. */
      if (message == NULL && !g_error_matches (lookup_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&lookup_error));
          g_ptr_array_unref (waiting);
          return NULL;
        }
      if (message == NULL)
        continue;
      item = g_new0 (Waiting, 1);
      item->copy = sb_copy_copy (copy);
      item->ref = g_strdup (message->ref);
      item->received_on = g_strdup (message->received_on);
      item->detainee = g_strdup (g_hash_table_lookup (names, copy->detainee_id));
      g_ptr_array_add (waiting, item);
    }
  return waiting;
}

static void
read_waiting_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *const *job = task_data;    /* the campaign's path, the facility's id */
  GError *error = NULL;
  g_autoptr(SbCampaign) reader = sb_campaign_open_reader (job[0], &error);
  GPtrArray *waiting = reader ? read_waiting (reader, job[1], &error) : NULL;

  if (reader != NULL)
    sb_campaign_close (reader);
  if (waiting == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, waiting, (GDestroyNotify) g_ptr_array_unref);
}

static void
waiting_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SbBatchView *self = SB_BATCH_VIEW (source);
  const char *const *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = g_task_propagate_pointer (G_TASK (result), &error);
  SbBatchAddDialog *dialog;

  self->reading_waiting = FALSE;
  /* Another batch or campaign is shown now: the question is no longer asked. */
  if (self->campaign == NULL || self->listing == NULL ||
      g_strcmp0 (sb_campaign_get_path (self->campaign), job[0]) != 0 ||
      g_strcmp0 (self->batch_id, job[2]) != 0)
    return;
  if (waiting == NULL)
    {
      _sb_batch_view_show_error (self, _("Could Not Read the Waiting Messages"), error);
      return;
    }
  dialog = SB_BATCH_ADD_DIALOG (sb_batch_add_dialog_new (_sb_batch_view_get_window (self), waiting->len));
  for (guint i = 0; i < waiting->len; i++)
    {
      Waiting *item = g_ptr_array_index (waiting, i);
      g_autofree char *received = _sb_format_long_date (item->received_on);
      /* Translators: a message reference and the detainee it is for. */
      g_autofree char *title = g_strdup_printf (_("%s for %s"), item->ref, item->detainee);

      sb_batch_add_dialog_add_copy (dialog, item->copy, title, received);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_batch_view_add_copies (SbBatchView *self)
{
  g_autoptr(GTask) task = NULL;
  char **job;

  if (self->listing == NULL || self->reading_waiting)
    return;
  job = g_new0 (char *, 4);
  job[0] = g_strdup (sb_campaign_get_path (self->campaign));
  job[1] = g_strdup (self->listing->batch->facility_id);
  job[2] = g_strdup (self->batch_id);
  self->reading_waiting = TRUE;
  task = g_task_new (self, NULL, waiting_read_cb, NULL);
  g_task_set_source_tag (task, _sb_batch_view_add_copies);
  g_task_set_task_data (task, job, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_waiting_thread);
}

/* ------------------------------------------------------------------------ */
/* Exceptions and corrections                                               */
/* ------------------------------------------------------------------------ */

static void
reject_response_cb (SbBatchRejectDialog *dialog,
                    const char          *response,
                    SbBatchView         *self)
{
  const char *reason = sb_batch_reject_dialog_get_reason (dialog);
  const SbCopy *copy = sb_batch_reject_dialog_get_copy (dialog);
  SbBatchException exception = { copy->message_id, copy->detainee_id, "rejected",
                                 reason ? reason : "" };
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reject"))
    return;
  if (!sb_campaign_record_outcomes (self->campaign, self->batch_id, &exception, 1, FALSE, NULL, &error))
    _sb_batch_view_show_error (self, _("Could Not Record the Outcome"), error);
}

void
_sb_batch_view_reject (SbBatchView *self,
                       GVariant    *copy)
{
  const char *message_id, *detainee_id;
  SbBatchLine *line;
  GtkWidget *dialog;

  g_variant_get (copy, "(&s&s)", &message_id, &detainee_id);
  line = _sb_batch_view_find_line (self, message_id, detainee_id);
  if (line == NULL)
    return;
  dialog = sb_batch_reject_dialog_new (_sb_batch_view_get_window (self), self->campaign, line->copy,
                                       line->message->ref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reject_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
correct_response_cb (SbBatchCorrectDialog *dialog,
                     const char           *response,
                     SbBatchView          *self)
{
  const char *outcome = sb_batch_correct_dialog_get_outcome (dialog);
  const SbCopy *copy = sb_batch_correct_dialog_get_copy (dialog);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "correct") || outcome == NULL)
    return;
  if (!sb_campaign_correct_outcome (self->campaign, self->batch_id, copy->message_id,
                                    copy->detainee_id, outcome, sb_batch_correct_dialog_get_reason (dialog),
                                    sb_batch_correct_dialog_get_note (dialog), &error))
    _sb_batch_view_show_error (self, _("Could Not Correct the Outcome"), error);
  else
    _sb_gui_toast (GTK_WIDGET (self), _("Correction recorded"));
}

void
_sb_batch_view_correct (SbBatchView *self,
                        GVariant    *copy)
{
  const char *message_id, *detainee_id;
  SbBatchLine *line;
  GtkWidget *dialog;

  g_variant_get (copy, "(&s&s)", &message_id, &detainee_id);
  line = _sb_batch_view_find_line (self, message_id, detainee_id);
  if (line == NULL)
    return;
  dialog = sb_batch_correct_dialog_new (_sb_batch_view_get_window (self), self->campaign, line->copy,
                                        line->message->ref, line->item->outcome);
  g_signal_connect_object (dialog, "response", G_CALLBACK (correct_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
