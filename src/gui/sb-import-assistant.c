/* sb-import-assistant.c — importing online messages: file, columns, progress, result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-import"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-a11y.h"
#include "sb-gui-toast.h"
#include "sb-gui-format.h"
#include "sb-import-assistant.h"
#include "sb-importer.h"

#define PREVIEW_ROWS 50
/* The rejected rows the result lists; the report of rejected rows has them all. */
#define SHOWN_REJECTED_ROWS 5

/* One previewed row, as an item of the column view's model. */
#define SB_TYPE_PREVIEW_ITEM (sb_preview_item_get_type ())
G_DECLARE_FINAL_TYPE (SbPreviewItem, sb_preview_item, SB, PREVIEW_ITEM, GObject)

struct _SbPreviewItem
{
  GObject      parent_instance;
  SbImportRow *row;
};

G_DEFINE_FINAL_TYPE (SbPreviewItem, sb_preview_item, G_TYPE_OBJECT)

static void
sb_preview_item_finalize (GObject *object)
{
  g_clear_pointer (&SB_PREVIEW_ITEM (object)->row, sb_import_row_free);
  G_OBJECT_CLASS (sb_preview_item_parent_class)->finalize (object);
}

static void
sb_preview_item_class_init (SbPreviewItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_preview_item_finalize;
}

static void
sb_preview_item_init (SbPreviewItem *self)
{
}

struct _SbImportAssistant
{
  AdwWindow             parent_instance;

  SbCampaign           *campaign;
  SbImporter           *importer;
  SbImportSummary      *summary;
  GCancellable         *cancellable;
  GListStore           *preview;
  GPtrArray            *combo_rows;
  GtkFileChooserNative *chooser;
  guint                 pulse_id;   /* while the rows are saved */

  AdwWindowTitle       *window_title;
  GtkButton            *import_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *columns_group;
  GtkLabel             *preview_label;
  GtkColumnView        *preview_view;
  GtkColumnViewColumn  *problem_column;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  GtkButton            *cancel_button;
  AdwStatusPage        *result_page;
  GtkLabel             *result_label;
  GtkButton            *save_rejected_button;
  GtkButton            *close_button;
};

G_DEFINE_FINAL_TYPE (SbImportAssistant, sb_import_assistant, ADW_TYPE_WINDOW)

/* The columns of the preview, and what each shows of a row. The problem comes right
 * after "Rejected", where the eye already is, and is never cut short. */
typedef enum
{
  PREVIEW_ROW, PREVIEW_OUTCOME, PREVIEW_PROBLEM, PREVIEW_DATE, PREVIEW_SENDER,
  PREVIEW_COUNTRY, PREVIEW_ADDRESSEES, PREVIEW_MESSAGE, N_PREVIEW
} PreviewColumn;

static const char *const preview_titles[N_PREVIEW] = {
  N_("Row"), N_("Will be"), N_("Problem"), N_("Date"), N_("Sender"), N_("Country"),
  N_("Addressees"), N_("Message"),
};

/* Where mappings are kept between imports: one file, keyed by each form's headers. */
static char *
mappings_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sambot", "import-mappings.json", NULL);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static const char *
describe_outcome (SbImportOutcome outcome)
{
  switch (outcome)
    {
    case SB_IMPORT_ROW_NEW: return _("New message");
    case SB_IMPORT_ROW_DUPLICATE: return _("Duplicate");
    case SB_IMPORT_ROW_ALREADY_IMPORTED: return _("Already imported");
    case SB_IMPORT_ROW_REJECTED: return _("Rejected");
    default: return "";
    }
}

static char *
preview_text (const SbImportRow *row,
              PreviewColumn      column)
{
  const SbMessage *message = row->message;

  switch (column)
    {
    case PREVIEW_ROW: return _sb_localise_digits (g_strdup_printf ("%lu", row->row));
    case PREVIEW_OUTCOME: return g_strdup (describe_outcome (row->outcome));
    case PREVIEW_DATE: return _sb_localise_digits (g_strdup (message->received_on));
    case PREVIEW_SENDER: return g_strdup (message->sender_name);
    case PREVIEW_COUNTRY: return g_strdup (message->sender_country);
    case PREVIEW_ADDRESSEES: return g_strdup (row->addressees ? row->addressees : "");
    case PREVIEW_MESSAGE: return g_strdelimit (g_strdup (message->original_text), "\n", ' ');
    case PREVIEW_PROBLEM: return g_strdup (row->problem ? row->problem : "");
    default: g_assert_not_reached ();
    }
}

static void
show_error (SbImportAssistant *self,
            const char        *heading,
            const GError      *error)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                          heading, error->message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The header bar's Import, the page's suggested action on the mapping page; after a
 * cancelled import it stays at hand, but Close is the suggested action then (one
 * highlighted button, the one with the keyboard). */
static void
show_import_button (SbImportAssistant *self,
                    gboolean           suggested)
{
  GtkWidget *button = GTK_WIDGET (self->import_button);

  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  else
    gtk_widget_remove_css_class (button, "suggested-action");
  gtk_widget_set_visible (button, TRUE);
}

/* Runs the preview again with the current mapping. */
static void
refresh_preview (SbImportAssistant *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_problems = 0;

  g_list_store_remove_all (self->preview);
  rows = sb_importer_preview (self->importer, self->campaign, PREVIEW_ROWS, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), rows != NULL);
  if (rows == NULL)
    {
      gtk_label_set_text (self->preview_label, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      SbPreviewItem *item = g_object_new (SB_TYPE_PREVIEW_ITEM, NULL);

      item->row = g_steal_pointer (&rows->pdata[i]);
      n_problems += item->row->outcome == SB_IMPORT_ROW_REJECTED;
      g_list_store_append (self->preview, item);
      g_object_unref (item);
    }
  /* An empty Problem column would only take room from the message. */
  gtk_column_view_column_set_visible (self->problem_column, n_problems > 0);
  {
    g_autofree char *text =
      _sb_localise_digits (g_strdup_printf (ngettext ("The first %u row as it will be imported; %u with a problem.",
                                                      "The first %u rows as they will be imported; %u with a problem.",
                                                      rows->len), rows->len, n_problems));
    gtk_label_set_text (self->preview_label, text);
  }
}

static void
combo_selected_cb (AdwComboRow       *row,
                   GParamSpec        *pspec,
                   SbImportAssistant *self)
{
  SbImportMapping *mapping = sb_importer_get_mapping (self->importer);
  SbImportField field = adw_combo_row_get_selected (row);
  guint column;

  /* The rows are in the file's order of columns. */
  if (!g_ptr_array_find (self->combo_rows, row, &column) ||
      sb_import_mapping_get_field (mapping, column) == field)
    return;
  sb_import_mapping_set_field (mapping, column, field);
  /* A field that takes one column left the others: show that. */
  for (guint i = 0; i < self->combo_rows->len; i++)
    {
      AdwComboRow *other = g_ptr_array_index (self->combo_rows, i);

      g_signal_handlers_block_by_func (other, combo_selected_cb, self);
      adw_combo_row_set_selected (other, sb_import_mapping_get_field (mapping, i));
      g_signal_handlers_unblock_by_func (other, combo_selected_cb, self);
    }
  refresh_preview (self);
}

static void
build_columns (SbImportAssistant *self)
{
  SbImportMapping *mapping = sb_importer_get_mapping (self->importer);
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->combo_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->combo_rows, i));
  g_ptr_array_set_size (self->combo_rows, 0);

  for (SbImportField f = 0; f < SB_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (fields, sb_import_field_get_label (f));
  for (guint i = 0; i < sb_import_mapping_get_n_columns (mapping); i++)
    {
      const char *header = sb_import_mapping_get_header (mapping, i);
      g_autofree char *title = header[0] ? g_markup_escape_text (header, -1)
                                         : _sb_localise_digits (g_strdup_printf (_("Column %u"), i + 1));
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, sb_import_mapping_get_field (mapping, i));
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->combo_rows, row);
    }
}

/* Adds @line (freed) to @text, on a line of its own. */
static void
append_line (GString *text,
             char    *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
  g_free (line);
}

static void
show_result (SbImportAssistant *self)
{
  SbImportSummary *summary = self->summary;
  g_autoptr(GString) text = g_string_new (NULL);

  /* Rejected rows need the person's attention: not a plain tick. */
  adw_status_page_set_icon_name (self->result_page, summary->rejected > 0 ? "dialog-warning-symbolic"
                                                                          : "object-select-symbolic");
  if (summary->imported + summary->duplicates == 0)
    adw_status_page_set_title (self->result_page, _("No New Messages"));
  else if (summary->rejected > 0)
    adw_status_page_set_title (self->result_page, _("Some Rows Not Imported"));
  else
    adw_status_page_set_title (self->result_page, _("Messages Imported"));
  /* Only the figures that are not nought: the title already says whether anything is
   * new, and a column of zeros hides the one number that matters. */
  if (summary->imported > 0 || summary->duplicates + summary->already_imported + summary->rejected == 0)
    append_line (text, _sb_localise_digits (g_strdup_printf (ngettext ("%lu new message, ready for review.",
                                                  "%lu new messages, ready for review.",
                                                  summary->imported), summary->imported)));
  if (summary->duplicates > 0)
    append_line (text, _sb_localise_digits (g_strdup_printf (ngettext ("%lu duplicate, kept but not counted.",
                                                  "%lu duplicates, kept but not counted.",
                                                  summary->duplicates), summary->duplicates)));
  if (summary->already_imported > 0)
    append_line (text, _sb_localise_digits (g_strdup_printf (ngettext ("%lu row imported before, skipped.",
                                                  "%lu rows imported before, skipped.",
                                                  summary->already_imported), summary->already_imported)));
  if (summary->rejected > 0)
    append_line (text, _sb_localise_digits (g_strdup_printf (ngettext ("%lu row rejected.",
                                                  "%lu rows rejected.",
                                                  summary->rejected), summary->rejected)));
  for (guint i = 0; i < summary->rejected_rows->len && i < SHOWN_REJECTED_ROWS; i++)
    {
      SbImportRow *row = g_ptr_array_index (summary->rejected_rows, i);
      /* The row's number in the interface's digits; the problem quotes the file as
       * it is. */
      g_autofree char *number = _sb_localise_digits (g_strdup_printf ("%lu", row->row));

      /* A blank line between the figures and the rows. */
      g_string_append (text, i == 0 ? "\n\n" : "\n");
      /* Translators: a rejected row of the file (its number) and why */
      g_string_append_printf (text, _("Row %s: %s"), number, row->problem);
    }
  if (summary->rejected > SHOWN_REJECTED_ROWS)
    {
      gulong more = summary->rejected - SHOWN_REJECTED_ROWS;

      g_autofree char *line = g_strdup_printf (ngettext ("…and %lu more row: save the rejected rows to see why.",
                                                         "…and %lu more rows: save the rejected rows to see why.",
                                                         more), more);

      g_string_append_c (text, '\n');
      line = _sb_localise_digits (g_steal_pointer (&line));
      g_string_append (text, line);
    }
  gtk_label_set_text (self->result_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->save_rejected_button), summary->rejected > 0);
  gtk_stack_set_visible_child_name (self->stack, "result");
  /* The Import button that had the keyboard is gone: Close is what is left to do. */
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

/* Nothing was saved (an import is one transaction); the columns stay chosen, and
 * Import starts again. */
static void
show_cancelled (SbImportAssistant *self)
{
  adw_status_page_set_icon_name (self->result_page, "process-stop-symbolic");
  adw_status_page_set_title (self->result_page, _("Import Cancelled"));
  gtk_label_set_text (self->result_label,
                      _("Nothing was imported: the campaign is as it was before."));
  gtk_widget_set_visible (GTK_WIDGET (self->save_rejected_button), FALSE);
  show_import_button (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static gboolean
pulse_cb (gpointer user_data)
{
  SbImportAssistant *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Every row is checked; saving them cannot be cancelled, and takes seconds for a
 * big export. The bar says it is busy, Cancel goes grey, and the window stays until
 * the messages are saved. */
static void
show_saving (SbImportAssistant *self)
{
  if (self->pulse_id != 0)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.cancel", FALSE);
  gtk_label_set_text (self->progress_label,
                      _("Saving the messages. This cannot be cancelled now."));
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  SbImportAssistant *self = user_data;
  g_autofree char *text = NULL;

  if (total > 0 && done == total && self->cancellable != NULL)
    {
      show_saving (self);
      return;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  text = _sb_localise_digits (g_strdup_printf (ngettext ("%lu of %lu row", "%lu of %lu rows", total),
                                               done, total));
  gtk_label_set_text (self->progress_label, text);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mappings_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  self->summary = sb_importer_run_finish (SB_IMPORTER (object), result, &error);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.cancel", FALSE);
  if (self->summary == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_cancelled (self);
      return;
    }
  if (self->summary == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "mapping");
      show_import_button (self, TRUE);
      show_error (self, _("Nothing Was Imported"), error);
      return;
    }
  /* The next export of this form finds its columns chosen already. */
  g_mkdir_with_parents (dir, 0700);
  if (!sb_import_mapping_save (sb_importer_get_mapping (self->importer), path, &error))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  show_result (self);
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     SbImportAssistant *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    sb_import_assistant_open_file (self, file);
}

static void
rejected_response_cb (GtkNativeDialog   *chooser,
                      int                response,
                      SbImportAssistant *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!sb_import_summary_write_rejected (self->summary, path, &error))
    show_error (self, _("The Rejected Rows Were Not Saved"), error);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbImportAssistant *self = SB_IMPORT_ASSISTANT (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Form exports (CSV, TSV)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  self->chooser = gtk_file_chooser_native_new (_("Choose a Form Export"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_rejected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbImportAssistant *self = SB_IMPORT_ASSISTANT (widget);

  self->chooser = gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("rejected-rows.csv"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (rejected_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbImportAssistant *self = SB_IMPORT_ASSISTANT (widget);

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "assistant.cancel", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  progress_cb (0, 0, self);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  sb_importer_run_async (self->importer, self->campaign, FALSE, self->cancellable,
                         progress_cb, g_object_ref (self), g_object_unref,
                         run_done_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_cancellable_cancel (SB_IMPORT_ASSISTANT (widget)->cancellable);
}

static gboolean
close_request_cb (GtkWindow *window)
{
  SbImportAssistant *self = SB_IMPORT_ASSISTANT (window);

  /* Closing while the rows are read cancels: nothing is imported. Once they are
   * being saved, the window stays until they are. */
  if (self->pulse_id != 0)
    return TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  PreviewColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == PREVIEW_PROBLEM)
    {
      /* Why a row is rejected is read whole, on as many lines as it takes (Khmer has
       * few spaces to break at: characters then). */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 22);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  PreviewColumn column = GPOINTER_TO_UINT (user_data);
  SbPreviewItem *preview = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = preview_text (preview->row, column);
  /* Translators: a cell of the import preview as a screen reader says it: the
   * column, then what the cell holds. */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), _(preview_titles[column]), text);

  gtk_label_set_text (GTK_LABEL (label), text);
  sb_gui_a11y_name_list_row (label, name);
  gtk_widget_set_tooltip_text (label, text);
  /* A rejected row stands out in red, where it says so and why (cells are reused). */
  if (preview->row->outcome == SB_IMPORT_ROW_REJECTED &&
      (column == PREVIEW_OUTCOME || column == PREVIEW_PROBLEM))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *window)
{
  g_autoptr(SbCampaign) campaign = NULL;
  GFile *file = g_value_get_object (value);
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;
  SbImportAssistant *assistant;

  g_object_get (window, "campaign", &campaign, NULL);
  if (campaign == NULL || name == NULL ||
      !(g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".tsv") ||
        g_str_has_suffix (name, ".CSV") || g_str_has_suffix (name, ".TSV") ||
        g_str_has_suffix (name, ".txt")))
    return FALSE;
  assistant = sb_import_assistant_new (GTK_WINDOW (window), campaign);
  gtk_window_present (GTK_WINDOW (assistant));
  sb_import_assistant_open_file (assistant, file);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_import_assistant_dispose (GObject *object)
{
  SbImportAssistant *self = SB_IMPORT_ASSISTANT (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->importer);
  g_clear_object (&self->campaign);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->summary, sb_import_summary_free);
  g_clear_pointer (&self->combo_rows, g_ptr_array_unref);
  self->problem_column = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_IMPORT_ASSISTANT);

  G_OBJECT_CLASS (sb_import_assistant_parent_class)->dispose (object);
}

static void
sb_import_assistant_class_init (SbImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_import_assistant_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = close_request_cb;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/sambot/Sambot/sb-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, import_button);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, columns_group);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, preview_label);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, preview_view);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, result_page);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, result_label);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, save_rejected_button);
  gtk_widget_class_bind_template_child (widget_class, SbImportAssistant, close_button);

  gtk_widget_class_install_action (widget_class, "assistant.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "assistant.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "assistant.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-rejected", NULL, save_rejected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_import_assistant_init (SbImportAssistant *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->combo_rows = g_ptr_array_new ();
  self->preview = g_list_store_new (SB_TYPE_PREVIEW_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->preview)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));
  for (PreviewColumn c = 0; c < N_PREVIEW; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      /* Which column a cell is in comes with the factory's signals. */
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(preview_titles[c]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == PREVIEW_MESSAGE || c == PREVIEW_PROBLEM);
      gtk_column_view_append_column (self->preview_view, column);
      if (c == PREVIEW_PROBLEM)
        self->problem_column = column;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.cancel", FALSE);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_import_assistant_new:
 * @parent: the main window (the assistant is modal to it)
 * @campaign: where the messages go
 */
SbImportAssistant *
sb_import_assistant_new (GtkWindow  *parent,
                         SbCampaign *campaign)
{
  SbImportAssistant *self;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (SB_TYPE_IMPORT_ASSISTANT, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  return self;
}

/**
 * sb_import_assistant_open_file:
 *
 * Reads the file's columns and shows them with a preview; a file that cannot be
 * imported is refused with a message that says why.
 */
void
sb_import_assistant_open_file (SbImportAssistant *self,
                               GFile             *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *saved = mappings_path ();
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = NULL;

  g_return_if_fail (SB_IS_IMPORT_ASSISTANT (self));

  importer = path ? sb_importer_new (path, &error) : NULL;
  if (importer == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Only files on this computer can be imported."));
      show_error (self, _("This File Cannot Be Imported"), error);
      return;
    }
  g_set_object (&self->importer, importer);
  g_clear_pointer (&self->summary, sb_import_summary_free);
  /* The columns chosen for the last export of the same form, if any; if they
   * cannot be used, the person is told and chooses them. */
  if (g_file_test (saved, G_FILE_TEST_EXISTS) &&
      !sb_importer_load_mapping (self->importer, saved, &error))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  adw_window_title_set_subtitle (self->window_title, name);
  build_columns (self);
  refresh_preview (self);
  show_import_button (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "mapping");
}

/**
 * sb_import_assistant_add_drop_target:
 * @window: the main window; it has a "campaign" property
 *
 * A CSV or TSV file dropped on @window opens the assistant on it.
 */
void
sb_import_assistant_add_drop_target (GtkWidget *window)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), window);
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (target));
}
