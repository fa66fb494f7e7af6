/* sb-batch-view-documents.c — the manifest and the cards: made off the main loop,
 * then printed (the same PDF, through the print dialog) or saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-batches"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <string.h>
#include <unistd.h>

#include "sb-batch-view-private.h"
#include "sb-gui-toast.h"
#include "sb-render.h"

typedef struct
{
  SbBatchListing  *listing;
  SbBatchDocument  document;
  char            *path;
  int              progress;     /* per mille, written by the worker thread */
} DocumentJob;

static void
document_job_free (DocumentJob *job)
{
  g_clear_pointer (&job->listing, sb_batch_listing_free);
  g_free (job->path);
  g_free (job);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* The print dialog's title: one whole sentence per document, with or without a code. */
static char *
print_title (SbBatchView     *self,
             SbBatchDocument  document)
{
  const char *code = self->listing ? self->listing->batch->code : NULL;

  if (document == SB_BATCH_DOCUMENT_MANIFEST)
    /* Translators: %s is a batch code, "PS-2016-10-08-01". */
    return code != NULL ? g_strdup_printf (_("Print the Manifest of Batch %s"), code)
                        : g_strdup (_("Print the Manifest of the Draft Batch"));
  /* Translators: %s is a batch code, "PS-2016-10-08-01". */
  return code != NULL ? g_strdup_printf (_("Print the Message Cards of Batch %s"), code)
                      : g_strdup (_("Print the Message Cards of the Draft Batch"));
}

/* "PS-2016-10-08-01-manifest.pdf" */
static char *
document_file_name (SbBatchView     *self,
                    SbBatchDocument  document)
{
  const char *code = self->listing && self->listing->batch->code ? self->listing->batch->code
                                                                : "draft";

  return g_strdup_printf ("%s-%s.pdf", code,
                          document == SB_BATCH_DOCUMENT_MANIFEST ? "manifest" : "cards");
}

static void
render_progress_cb (double   fraction,
                    gpointer user_data)
{
  DocumentJob *job = user_data;

  g_atomic_int_set (&job->progress, (int) CLAMP (fraction * 1000.0, 0.0, 1000.0));
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DocumentJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->document == SB_BATCH_DOCUMENT_MANIFEST)
    ok = sb_render_manifest (job->listing, job->path, render_progress_cb, job, cancellable, &error);
  else
    ok = sb_render_cards (job->listing, SB_CARDS_A6_FOUR_PER_A4, NULL, job->path,
                          render_progress_cb, job, cancellable, &error);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  GTask *task = user_data;
  SbBatchView *self = g_task_get_source_object (task);
  DocumentJob *job = g_task_get_task_data (task);

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&job->progress) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
finish_progress (SbBatchView *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->document_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  _sb_batch_view_update_actions (self);
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;

  finish_progress (SB_BATCH_VIEW (source));
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Saving                                                                   */
/* ------------------------------------------------------------------------ */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  SbBatchView *self = SB_BATCH_VIEW (source);
  SbBatchDocument document = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (!sb_batch_view_save_document_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sb_batch_view_show_error (self, document == SB_BATCH_DOCUMENT_MANIFEST
                                         ? _("Could Not Save the Manifest")
                                         : _("Could Not Save the Cards"), error);
      return;
    }
  _sb_gui_toast (GTK_WIDGET (self), document == SB_BATCH_DOCUMENT_MANIFEST ? _("Manifest saved")
                                                                     : _("Cards saved"));
}

/* What a Save or Print dialog works for: the view (weakly, as the dialog may
 * outlive it), which document, and for Print the temporary PDF. Freed with the
 * dialog's response handler. */
typedef struct
{
  GWeakRef         view;
  SbBatchDocument  document;
  char            *path;
} DocumentRequest;

static DocumentRequest *
document_request_new (SbBatchView     *self,
                      SbBatchDocument  document,
                      char            *path)
{
  DocumentRequest *request = g_new0 (DocumentRequest, 1);

  g_weak_ref_init (&request->view, self);
  request->document = document;
  request->path = path;
  return request;
}

static void
document_request_free (gpointer  data,
                       GClosure *closure)
{
  DocumentRequest *request = data;

  g_weak_ref_clear (&request->view);
  g_free (request->path);
  g_free (request);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  DocumentRequest *request)
{
  g_autoptr(SbBatchView) self = g_weak_ref_get (&request->view);
  SbBatchDocument document = request->document;
  g_autoptr(GFile) file = NULL;

  if (self == NULL)
    return;
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    sb_batch_view_save_document_async (self, document, file, NULL, saved_cb, GINT_TO_POINTER (document));
}

void
_sb_batch_view_save (SbBatchView     *self,
                     SbBatchDocument  document)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = document_file_name (self, document);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (document == SB_BATCH_DOCUMENT_MANIFEST
                                         ? _("Save Manifest as PDF") : _("Save Cards as PDF"),
                                         _sb_batch_view_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_data (chooser, "response", G_CALLBACK (save_response_cb),
                         document_request_new (self, document, NULL), document_request_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sb_batch_view_stop_document (SbBatchView *self)
{
  if (self->document_cancellable != NULL)
    g_cancellable_cancel (self->document_cancellable);
}

/* ------------------------------------------------------------------------ */
/* Printing                                                                 */
/* ------------------------------------------------------------------------ */

static void
job_sent_cb (GtkPrintJob  *job,
             gpointer      user_data,
             const GError *error)
{
  const char *path = user_data;

  /* The job outlives the view that sent it: the window in front hears of it. */
  if (error != NULL)
    {
      GApplication *app = g_application_get_default ();
      GtkWindow *window = GTK_IS_APPLICATION (app)
                          ? gtk_application_get_active_window (GTK_APPLICATION (app)) : NULL;
      g_autoptr(GError) failed = g_error_copy (error);

      /* Translators: before why the printer refused it (a print job that failed
       * after it was sent) */
      g_prefix_error (&failed, _("The document was not printed: "));
      _sb_gui_report_error ((GtkWidget *) window, failed);
    }
  g_unlink (path);
}

static void
print_response_cb (GtkDialog       *dialog,
                   int              response,
                   DocumentRequest *request)
{
  g_autoptr(SbBatchView) self = g_weak_ref_get (&request->view);
  const char *path = request->path;
  GtkPrinter *printer = gtk_print_unix_dialog_get_selected_printer (GTK_PRINT_UNIX_DIALOG (dialog));
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  if (response != GTK_RESPONSE_OK || printer == NULL)
    {
      g_unlink (path);
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  if (!gtk_printer_accepts_pdf (printer))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("The printer “%s” does not accept PDF documents. Choose another printer, or "
                   "“Print to File” and print the file from there."), gtk_printer_get_name (printer));
  else
    {
      settings = gtk_print_unix_dialog_get_settings (GTK_PRINT_UNIX_DIALOG (dialog));
      job = gtk_print_job_new (gtk_window_get_title (GTK_WINDOW (dialog)), printer, settings,
                               gtk_print_unix_dialog_get_page_setup (GTK_PRINT_UNIX_DIALOG (dialog)));
      if (gtk_print_job_set_source_file (job, path, &error))
        gtk_print_job_send (job, job_sent_cb, g_strdup (path), g_free);
    }
  if (error != NULL)
    {
      g_unlink (path);
      _sb_batch_view_show_error (self, _("Could Not Print"), error);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
printable_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SbBatchView *self = SB_BATCH_VIEW (source);
  g_autofree char *path = user_data;
  SbBatchDocument document = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = document_file_name (self, document);
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  if (!sb_batch_view_save_document_finish (self, result, &error))
    {
      g_unlink (path);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sb_batch_view_show_error (self, document == SB_BATCH_DOCUMENT_MANIFEST
                                         ? _("Could Not Make the Manifest")
                                         : _("Could Not Make the Cards"), error);
      return;
    }
  title = print_title (self, document);
  dialog = gtk_print_unix_dialog_new (title, _sb_batch_view_get_window (self));
  *strrchr (name, '.') = '\0';
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_unix_dialog_set_settings (GTK_PRINT_UNIX_DIALOG (dialog), settings);
  gtk_print_unix_dialog_set_manual_capabilities (GTK_PRINT_UNIX_DIALOG (dialog),
                                                 GTK_PRINT_CAPABILITY_GENERATE_PDF);
  gtk_print_unix_dialog_set_embed_page_setup (GTK_PRINT_UNIX_DIALOG (dialog), FALSE);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (print_response_cb),
                         document_request_new (self, document, g_steal_pointer (&path)),
                         document_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_batch_view_print (SbBatchView     *self,
                      SbBatchDocument  document)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("sambot-print-XXXXXX.pdf", &path, &error);

  if (fd < 0)
    {
      _sb_batch_view_show_error (self, _("Could Not Print"), error);
      return;
    }
  close (fd);
  file = g_file_new_for_path (path);
  sb_batch_view_save_document_async (self, document, file, NULL, printable_cb, path);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_batch_view_save_document_async:
 * @document: the manifest or the cards
 * @file: where to write the PDF (a local file)
 *
 * Reads the batch shown now and writes @document in a worker thread, showing its
 * progress (with a Stop button) at the bottom of the view. Save and Print both
 * come through here.
 */
void
sb_batch_view_save_document_async (SbBatchView         *self,
                                   SbBatchDocument      document,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  DocumentJob *job;

  g_return_if_fail (SB_IS_BATCH_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, sb_batch_view_save_document_async);
  g_task_set_task_data (outer, GINT_TO_POINTER (document), NULL);   /* for Print, which document */
  if (self->document_cancellable != NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("Another document of this batch is being made. Wait for it to finish."));
      return;
    }
  job = g_new0 (DocumentJob, 1);
  job->document = document;
  job->path = g_file_get_path (file);
  if (self->campaign != NULL && self->batch_id != NULL)
    job->listing = sb_campaign_get_batch_listing (self->campaign, self->batch_id, &error);
  if (job->path == NULL || job->listing == NULL)
    {
      document_job_free (job);
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Choose a folder on this computer."));
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  self->document_cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  task = g_task_new (self, self->document_cancellable, render_done_cb, g_object_ref (outer));
  g_task_set_task_data (task, job, (GDestroyNotify) document_job_free);

  /* Translators: "Making the manifest…", shown beside a progress bar. */
  label = g_strdup (document == SB_BATCH_DOCUMENT_MANIFEST ? _("Making the manifest…")
                                                           : _("Making the cards…"));
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->progress_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 100, progress_tick_cb,
                                              g_object_ref (task), g_object_unref);
  _sb_batch_view_update_actions (self);
  g_task_run_in_thread (task, render_thread);
}

gboolean
sb_batch_view_save_document_finish (SbBatchView   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
