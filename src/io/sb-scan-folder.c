/* sb-scan-folder.c — a folder of scans becomes the transcription queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The folder is listed and each card's pictures are read in a worker thread; the
 * campaign is changed on the main thread only, one card (one transaction) at a time,
 * so the window stays responsive and a cancelled import keeps the cards it made.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-enums.h"
#include "sb-scan-folder.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"

typedef struct
{
  GFile               *folder;
  GPtrArray           *pairs;
  guint                next;
  SbScanFolderReport  *report;
  SbScanFolderProgress progress;
  gpointer             progress_data;
} ImportData;

/* The pictures of one card, read in a thread. */
typedef struct
{
  SbScan *front;
  SbScan *back;
  GError *front_error;
  GError *back_error;
} CardScans;

static void import_next_card (GTask *task);

void
sb_scan_pair_free (SbScanPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->front);
  g_free (pair->back);
  g_free (pair);
}

void
sb_scan_folder_report_free (SbScanFolderReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->message_ids, g_ptr_array_unref);
  g_free (report);
}

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->folder);
  g_clear_pointer (&data->pairs, g_ptr_array_unref);
  g_clear_pointer (&data->report, sb_scan_folder_report_free);
  g_free (data);
}

static void
card_scans_free (CardScans *card)
{
  g_clear_pointer (&card->front, sb_scan_free);
  g_clear_pointer (&card->back, sb_scan_free);
  g_clear_error (&card->front_error);
  g_clear_error (&card->back_error);
  g_free (card);
}

/* ------------------------------------------------------------------------ */
/* Pairing by name                                                          */
/* ------------------------------------------------------------------------ */

static gboolean
is_picture_name (const char *name)
{
  static const char *const extensions[] = {
    ".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", NULL
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (*name == '.')
    return FALSE;
  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

/*
 * "card-front.jpg" / "card-back.jpg", "card_a.png" / "card_b.png",
 * "001a.jpg" / "001b.jpg", "scan recto" / "scan verso": the card's name and its side.
 */
static char *
split_side (const char  *name,
            const char **side)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *stem = NULL;
  const char *dot = strrchr (name, '.');

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("^(.+?)(?:[-_ .](front|back|recto|verso|a|b|f|r)"
                                    "|(?<=[0-9])(a|b))$",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  *side = NULL;
  if (g_regex_match (regex, stem, 0, &match))
    {
      g_autofree char *base = g_match_info_fetch (match, 1);
      g_autofree char *word = g_match_info_fetch (match, 2);
      g_autofree char *letter = g_match_info_fetch (match, 3);
      const char *which = word != NULL && *word ? word : letter;

      *side = g_ascii_strcasecmp (which, "front") == 0 || g_ascii_strcasecmp (which, "recto") == 0 ||
              g_ascii_strcasecmp (which, "a") == 0 || g_ascii_strcasecmp (which, "f") == 0
              ? "front" : "back";
      return g_ascii_strdown (base, -1);
    }
  return g_ascii_strdown (stem, -1);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *fold_a = g_utf8_casefold (*(const char **) a, -1);
  g_autofree char *fold_b = g_utf8_casefold (*(const char **) b, -1);
  g_autofree char *key_a = g_utf8_collate_key_for_filename (fold_a, -1);
  g_autofree char *key_b = g_utf8_collate_key_for_filename (fold_b, -1);

  return strcmp (key_a, key_b);
}

/**
 * sb_scan_folder_pair_names:
 * @names: (array zero-terminated=1): file names in a folder
 *
 * Keeps the pictures and makes cards of them, in the names' natural order: a front
 * and a back whose names differ only by the side (-front/-back, _a/_b, 001a/001b,
 * recto/verso) form one card; every other picture is a card of its own.
 *
 * Returns: (transfer full) (element-type SbScanPair): the cards
 */
GPtrArray *
sb_scan_folder_pair_names (const char *const *names)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GHashTable) by_base = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_scan_pair_free);

  for (guint i = 0; names[i] != NULL; i++)
    if (is_picture_name (names[i]))
      g_ptr_array_add (sorted, (gpointer) names[i]);
  g_ptr_array_sort (sorted, compare_names);

  for (guint i = 0; i < sorted->len; i++)
    {
      const char *name = g_ptr_array_index (sorted, i);
      const char *side = NULL;
      g_autofree char *base = split_side (name, &side);
      SbScanPair *pair = side ? g_hash_table_lookup (by_base, base) : NULL;

      if (pair != NULL && g_str_equal (side, "back") && pair->back == NULL)
        pair->back = g_strdup (name);
      else if (pair != NULL && g_str_equal (side, "front") && pair->front == NULL)
        pair->front = g_strdup (name);
      else
        {
          pair = g_new0 (SbScanPair, 1);
          if (g_strcmp0 (side, "back") == 0)
            pair->back = g_strdup (name);
          else
            pair->front = g_strdup (name);
          g_ptr_array_add (pairs, pair);
          if (side != NULL)
            g_hash_table_replace (by_base, g_steal_pointer (&base), pair);
        }
    }
  return pairs;
}

/* ------------------------------------------------------------------------ */
/* Import                                                                   */
/* ------------------------------------------------------------------------ */

static void
list_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (data->folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (children == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  while ((info = g_file_enumerator_next_file (children, cancellable, &error)) != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
      g_object_unref (info);
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (names, NULL);
  data->pairs = sb_scan_folder_pair_names ((const char *const *) names->pdata);
  g_task_return_boolean (task, TRUE);
}

static SbScan *
load_side (GFile         *folder,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = NULL;

  if (name == NULL)
    return NULL;
  file = g_file_get_child (folder, name);
  return sb_scan_load_file (file, cancellable, error);
}

static void
load_card_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const SbScanPair *pair = task_data;
  GFile *folder = g_object_get_data (G_OBJECT (task), "folder");
  CardScans *card = g_new0 (CardScans, 1);

  card->front = load_side (folder, pair->front, cancellable, &card->front_error);
  card->back = load_side (folder, pair->back, cancellable, &card->back_error);
  g_task_return_pointer (task, card, (GDestroyNotify) card_scans_free);
}

static gboolean
store_card (SbCampaign  *campaign,
            CardScans   *card,
            char       **message_id,
            GError     **error)
{
  g_autoptr(SbMessage) message = sb_message_new ();
  gboolean ok;

  if (!sb_campaign_begin (campaign, error))
    return FALSE;
  g_free (message->channel);
  message->channel = g_strdup (sb_channel_to_nick (SB_CHANNEL_POSTCARD));
  ok = sb_campaign_add_message (campaign, message, error);
  if (ok && card->front != NULL)
    {
      card->front->message_id = g_strdup (message->id);
      card->front->side = g_strdup ("front");
      ok = sb_campaign_add_scan (campaign, card->front, error);
    }
  if (ok && card->back != NULL)
    {
      card->back->message_id = g_strdup (message->id);
      card->back->side = g_strdup ("back");
      ok = sb_campaign_add_scan (campaign, card->back, error);
    }
  if (!ok)
    {
      sb_campaign_rollback (campaign);
      return FALSE;
    }
  if (!sb_campaign_commit (campaign, error))
    return FALSE;
  *message_id = g_strdup (message->id);
  return TRUE;
}

static void
card_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  SbCampaign *campaign = g_task_get_source_object (task);
  CardScans *card = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GError) error = NULL;
  char *message_id = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      card_scans_free (card);
      return;
    }
  if (card->front_error != NULL)
    g_ptr_array_add (data->report->problems, g_strdup (card->front_error->message));
  if (card->back_error != NULL)
    g_ptr_array_add (data->report->problems, g_strdup (card->back_error->message));
  if (card->front != NULL || card->back != NULL)
    {
      guint scans = (card->front != NULL) + (card->back != NULL);

      if (store_card (campaign, card, &message_id, &error))
        {
          data->report->cards++;
          data->report->scans += scans;
          g_ptr_array_add (data->report->message_ids, message_id);
        }
      else
        {
          /* The campaign file itself failed (disk full…): stop, keep what is saved. */
          card_scans_free (card);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  card_scans_free (card);
  if (data->progress != NULL)
    data->progress (data->next, data->pairs->len, data->progress_data);
  import_next_card (g_steal_pointer (&task));
}

static void
import_next_card (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GTask) card_task = NULL;
  SbScanPair *pair;

  if (data->next >= data->pairs->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->report),
                             (GDestroyNotify) sb_scan_folder_report_free);
      g_object_unref (task);
      return;
    }
  pair = g_ptr_array_index (data->pairs, data->next++);
  card_task = g_task_new (NULL, g_task_get_cancellable (task), card_loaded_cb, task);
  g_object_set_data_full (G_OBJECT (card_task), "folder", g_object_ref (data->folder),
                          g_object_unref);
  g_task_set_task_data (card_task, pair, NULL);
  g_task_run_in_thread (card_task, load_card_thread);
}

static void
folder_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < data->pairs->len; i++)
    {
      const SbScanPair *pair = g_ptr_array_index (data->pairs, i);
      data->report->files += (pair->front != NULL) + (pair->back != NULL);
    }
  if (data->progress != NULL)
    data->progress (0, data->pairs->len, data->progress_data);
  import_next_card (g_steal_pointer (&task));
}

/**
 * sb_scan_folder_import_async:
 * @folder: a folder of pictures (not its subfolders)
 * @progress: (nullable): called on the main thread after each card
 *
 * Makes one new postcard (status new) per card found in @folder (see
 * sb_scan_folder_pair_names()), with its scans. Files that are not readable
 * pictures are reported, not fatal.
 */
void
sb_scan_folder_import_async (SbCampaign          *campaign,
                             GFile               *folder,
                             SbScanFolderProgress progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) list_task = NULL;
  ImportData *data;

  g_return_if_fail (SB_IS_CAMPAIGN (campaign));
  g_return_if_fail (G_IS_FILE (folder));

  data = g_new0 (ImportData, 1);
  data->folder = g_object_ref (folder);
  data->progress = progress;
  data->progress_data = progress_data;
  data->report = g_new0 (SbScanFolderReport, 1);
  data->report->problems = g_ptr_array_new_with_free_func (g_free);
  data->report->message_ids = g_ptr_array_new_with_free_func (g_free);

  task = g_task_new (campaign, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_scan_folder_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  list_task = g_task_new (NULL, cancellable, folder_listed_cb, task);
  g_task_set_task_data (list_task, data, NULL);
  g_task_run_in_thread (list_task, list_folder_thread);
}

/**
 * sb_scan_folder_import_finish:
 * Returns: (transfer full): what was done, or %NULL when the folder could not be
 *   read, the campaign could not be changed, or the import was cancelled
 */
SbScanFolderReport *
sb_scan_folder_import_finish (SbCampaign    *campaign,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, campaign), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
