/* sb-campaign-exchange-folder.c — exchanging changes through a folder: this
 * replica's new changes written as one bundle, the others' applied once and in
 * order (sb-campaign-exchange-receive.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "The exchange folder". A bundle's name says whose changes it
 * holds and which: <campaign-id>.<origin>.<first>-<last>.sbx. So a replica skips
 * by name what it holds already, without reading it, and an exchange with nothing
 * new reads nothing but the folder's list. A replica's bundles stay in the folder
 * until every office has applied them and a while longer
 * (sb-campaign-exchange-acks.c). A bundle is written as .part and renamed, so a
 * sync engine never carries half of one.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "sb-exchange-private.h"
#include "sb-store-bundle.h"
#include "sb-store-changes.h"

#define SUFFIX ".sbx"

void
_sb_bundle_file_free (SbBundleFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->origin);
  g_free (file);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const SbBundleFile *x = *(SbBundleFile **) a, *y = *(SbBundleFile **) b;
  int by_origin = strcmp (x->origin, y->origin);

  if (by_origin != 0)
    return by_origin;
  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return x->last > y->last ? -1 : x->last < y->last;
}

/* "<campaign-id>.<origin>.<first>-<last>.sbx" */
static SbBundleFile *
parse_name (const char *folder,
            const char *name,
            const char *campaign_id,
            gboolean   *foreign)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *stem = NULL;
  SbBundleFile *file;
  char *end = NULL;
  gint64 first, last;

  *foreign = FALSE;
  if (!g_str_has_suffix (name, SUFFIX))
    return NULL;
  *foreign = TRUE;
  stem = g_strndup (name, strlen (name) - strlen (SUFFIX));
  parts = g_strsplit (stem, ".", -1);
  if (g_strv_length (parts) != 3 || g_strcmp0 (parts[0], campaign_id) != 0 || *parts[1] == '\0')
    return NULL;
  first = g_ascii_strtoll (parts[2], &end, 10);
  if (end == parts[2] || *end != '-')
    return NULL;
  last = g_ascii_strtoll (end + 1, &end, 10);
  if (*end != '\0' || first < 1 || last < first)
    return NULL;
  *foreign = FALSE;
  file = g_new0 (SbBundleFile, 1);
  file->path = g_build_filename (folder, name, NULL);
  file->origin = g_strdup (parts[1]);
  file->first = first;
  file->last = last;
  return file;
}

static gboolean
folder_error (const char  *folder,
              GError      *cause,
              GError     **error)
{
  g_autofree char *name = g_filename_display_name (folder);

  if (g_error_matches (cause, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                 _("The exchange folder “%s” is not there (a USB stick taken out, or the "
                   "folder moved?). Plug it in, or choose the folder again."), name);
  else
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                 _("Could not read the exchange folder “%s”: %s. Check that it exists and "
                   "that you may write to it, or choose another one."), name, cause->message);
  return FALSE;
}

/**
 * _sb_exchange_scan_folder:
 * @n_foreign: (out) (optional): bundles of another campaign, or named wrongly
 *
 * Returns: (element-type SbBundleFile): this campaign's bundles in @folder, by
 *   origin and first change
 */
GPtrArray *
_sb_exchange_scan_folder (const char  *folder,
                          const char  *campaign_id,
                          guint       *n_foreign,
                          GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) _sb_bundle_file_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  const char *name;

  if (n_foreign != NULL)
    *n_foreign = 0;
  if (dir == NULL)
    return folder_error (folder, local_error, error), NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean foreign;
      SbBundleFile *file = parse_name (folder, name, campaign_id, &foreign);

      if (file != NULL)
        g_ptr_array_add (files, file);
      else if (foreign && n_foreign != NULL)
        (*n_foreign)++;
    }
  g_ptr_array_sort (files, compare_files);
  return g_steal_pointer (&files);
}

static void
exchange_clear (SbExchangeRun *exchange)
{
  g_free (exchange->self_id);
  g_free (exchange->campaign_id);
  g_free (exchange->folder);
  g_clear_pointer (&exchange->replicas, g_ptr_array_unref);
  g_clear_pointer (&exchange->public_keys, g_hash_table_unref);
  sb_bundle_forget (exchange->key, sizeof exchange->key);
  sb_bundle_forget (exchange->secret_key, sizeof exchange->secret_key);
}

static gboolean
decode_key (SbStore     *store,
            const char  *name,
            guint8      *key,
            gsize        size)
{
  g_autofree char *text = sb_store_get_exchange_value (store, name);
  g_autofree guint8 *data = NULL;
  gsize data_size = 0;
  gboolean ok;

  if (text == NULL)
    return FALSE;
  data = g_base64_decode (text, &data_size);
  ok = data_size == size;
  if (ok)
    memcpy (key, data, size);
  sb_bundle_forget (data, data_size);
  sb_bundle_forget (text, strlen (text));
  return ok;
}

gboolean
_sb_exchange_load_replicas (SbExchangeRun  *exchange,
                            GError        **error)
{
  g_clear_pointer (&exchange->replicas, g_ptr_array_unref);
  exchange->replicas = sb_store_list_replica_rows (exchange->store, error);
  if (exchange->replicas == NULL)
    return FALSE;
  g_clear_pointer (&exchange->public_keys, g_hash_table_unref);
  exchange->public_keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < exchange->replicas->len; i++)
    {
      SbStoreReplica *row = exchange->replicas->pdata[i];

      g_hash_table_insert (exchange->public_keys, row->id, row->public_key);
    }
  return TRUE;
}

static gboolean
exchange_init (SbExchangeRun  *exchange,
               SbCampaign     *campaign,
               const char     *folder,
               GError        **error)
{
  memset (exchange, 0, sizeof *exchange);
  exchange->store = _sb_campaign_get_store (campaign);
  exchange->self_id = sb_store_get_replica_id (exchange->store);
  exchange->campaign_id = sb_store_get_exchange_value (exchange->store, SB_EXCHANGE_CAMPAIGN_ID);
  if (exchange->self_id == NULL || exchange->campaign_id == NULL ||
      !decode_key (exchange->store, SB_EXCHANGE_KEY, exchange->key, sizeof exchange->key) ||
      !decode_key (exchange->store, SB_EXCHANGE_SECRET_KEY, exchange->secret_key,
                   sizeof exchange->secret_key))
    return _sb_not_allowed (error, _("This campaign does not exchange with other offices yet. "
                                     "Invite an office first, or join a campaign from an "
                                     "invitation."));
  exchange->folder = folder != NULL ? g_strdup (folder)
                                    : sb_store_get_exchange_value (exchange->store, SB_EXCHANGE_FOLDER);
  if (exchange->folder == NULL)
    return _sb_not_allowed (error, _("No exchange folder is set. Choose the folder that your "
                                     "offices share (a Syncthing folder, a USB stick…)."));
  return _sb_exchange_load_replicas (exchange, error);
}

/* Writes @bytes to @path through @path.part, renamed when complete. */
gboolean
_sb_exchange_write_bundle (const char  *path,
                           GBytes      *bytes,
                           GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  int fd = g_open (part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  gsize done = 0;
  int saved_errno = 0;

  while (fd >= 0 && done < size)
    {
      gssize n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  if (fd < 0 || done < size || fsync (fd) != 0)
    saved_errno = errno;
  if (fd >= 0 && close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (part, path) != 0)
    saved_errno = errno;
  if (saved_errno != 0)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_unlink (part);
      g_set_error (error, SB_STORE_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT ? SB_STORE_ERROR_NO_SPACE
                                                                 : SB_STORE_ERROR_FAILED,
                   _("Could not write the exchange file “%s”: %s. Your changes are kept and "
                     "go out with the next exchange."), name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* This replica's changes that no bundle in the folder holds yet (nor held, removed
 * once every office had them: sb-campaign-exchange-acks.c), as one bundle. */
static gboolean
send_changes (SbExchangeRun     *exchange,
              GPtrArray         *files,
              SbExchangeReport  *report,
              GError           **error)
{
  gint64 sent = _sb_exchange_get_seq (exchange->store, SB_EXCHANGE_REMOVED_TO);
  gint64 last = sb_store_get_last_change (exchange->store);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *now = NULL;

  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];

      if (g_strcmp0 (file->origin, exchange->self_id) == 0 && file->first <= sent + 1)
        sent = MAX (sent, file->last);
    }
  if (sent >= last)
    return TRUE;
  changes = sb_store_list_changes (exchange->store, sent, error);
  if (changes == NULL)
    return FALSE;
  bundle = sb_bundle_write (exchange->campaign_id, exchange->key, exchange->secret_key, changes, error);
  if (bundle == NULL)
    return FALSE;
  name = g_strdup_printf ("%s.%s.%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT SUFFIX, exchange->campaign_id,
                          exchange->self_id, sent + 1, last);
  path = g_build_filename (exchange->folder, name, NULL);
  if (!_sb_exchange_write_bundle (path, bundle, error))
    return FALSE;
  report->changes_sent += changes->len;
  last_text = g_strdup_printf ("%" G_GINT64_FORMAT, last);
  now = sb_store_now (exchange->store);
  if (!sb_store_begin (exchange->store, error))
    return FALSE;
  if (!sb_store_set_exchange_value (exchange->store, SB_EXCHANGE_SENT_SEQ, last_text, error) ||
      !sb_store_set_exchange_value (exchange->store, SB_EXCHANGE_LAST_SENT, now, error))
    {
      sb_store_rollback (exchange->store);
      return FALSE;
    }
  return sb_store_commit (exchange->store, error);
}

void
_sb_exchange_add_line (char       **text,
                       const char  *line)
{
  char *joined = *text != NULL ? g_strconcat (*text, "\n", line, NULL) : g_strdup (line);

  g_free (*text);
  *text = joined;
}

void
_sb_exchange_refuse (SbExchangeReport *report,
                     const char       *why)
{
  report->bundles_refused++;
  _sb_exchange_add_line (&report->refused, why);
}

/**
 * _sb_exchange_read_file:
 *
 * Returns: (element-type SbChange): the changes of @file, checked against its name
 *   (origin, first and last), or NULL if it is refused
 */
GPtrArray *
_sb_exchange_read_file (SbExchangeRun  *exchange,
                        SbBundleFile   *file,
                        GError        **error)
{
  g_autofree char *name = g_path_get_basename (file->path);
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (file->path, FALSE, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  changes = sb_bundle_read (bytes, name, exchange->campaign_id, exchange->key,
                            exchange->public_keys, error);
  if (changes != NULL && (changes->len == 0 ||
                          g_strcmp0 (((SbChange *) changes->pdata[0])->origin, file->origin) != 0 ||
                          ((SbChange *) changes->pdata[0])->seq != file->first ||
                          changes->len != (guint) (file->last - file->first + 1)))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("“%s” was damaged or changed after it was written; nothing of it "
                     "was applied. Ask the office that sent it to send it again."), name);
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/**
 * _sb_campaign_exchange_full:
 * @send: write this replica's new changes
 * @receive: apply the others'
 *
 * What sb_campaign_exchange() and its halves do, in any thread, without telling
 * the campaign's "changed" (sb-campaign-exchange-run.c does).
 */
gboolean
_sb_campaign_exchange_full (SbCampaign        *self,
                            const char        *folder,
                            gboolean           send,
                            gboolean           receive,
                            SbCheckProgress    progress,
                            gpointer           progress_data,
                            SbExchangeReport  *report,
                            GCancellable      *cancellable,
                            GError           **error)
{
  SbExchangeRun exchange;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) ack_error = NULL;
  guint n_foreign = 0;
  gboolean waiting = FALSE;
  gboolean ok;

  memset (report, 0, sizeof *report);
  if (!exchange_init (&exchange, self, folder, error))
    {
      exchange_clear (&exchange);
      return FALSE;
    }
  exchange.progress = progress;
  exchange.progress_data = progress_data;
  files = _sb_exchange_scan_folder (exchange.folder, exchange.campaign_id, &n_foreign, error);
  /* A restored backup takes back its own later changes before it sends
   * (sb-campaign-exchange-own.c); some may follow the others' changes. */
  ok = files != NULL && _sb_exchange_check_not_behind (&exchange, files, error) &&
       _sb_exchange_take_own (&exchange, files, report, &waiting, error) &&
       (!send || (_sb_exchange_rewrite_own (&exchange, files, error) &&
                  send_changes (&exchange, files, report, error))) &&
       (!receive || _sb_exchange_receive_changes (&exchange, files, report, cancellable, error)) &&
       (!waiting || !receive || _sb_exchange_take_own (&exchange, files, report, &waiting, error)) &&
       /* What this replica holds now, then its bundles that every office has. */
       (!send || (_sb_exchange_write_ack (&exchange, error) &&
                  _sb_exchange_remove_old (&exchange, files, &report->bundles_removed, error)));
  /* Receiving only, the folder may be read-only: what it holds is said if it can be. */
  if (ok && !send && !_sb_exchange_write_ack (&exchange, &ack_error))
    g_debug ("%s", ack_error->message);
  if (ok && waiting)
    _sb_exchange_add_line (&report->held_back,
                           _("Changes this office made after this file was saved are taken back "
                             "from the exchange folder once the changes of other offices they "
                             "follow have arrived."));
  for (guint i = 0; ok && receive && i < n_foreign; i++)
    _sb_exchange_refuse (report, _("A file in the exchange folder is not an exchange file of this "
                                   "campaign; it was left there."));
  exchange_clear (&exchange);
  if (ok && progress != NULL)
    progress (1.0, progress_data);
  return ok;
}
