/* sb-campaign-exchange-own.c — a restored backup or a copy of a replica's file
 * takes back, from the exchange folder, the changes its office made after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Backups and copies of a replica". The other offices hold
 * every change this replica wrote to the folder. A file restored from a backup
 * lacks the later ones: its next change would take a number they hold already and
 * be skipped everywhere as applied. So, before sending, each exchange compares
 * the folder with what this file last wrote there (`sent-seq`): bundles of its
 * own beyond it were written by a later state of this replica (or by another copy
 * of the file); their changes are read, compared with the log, and those it lacks
 * are taken back. A change under the same number that differs means two copies
 * went on working as one replica: nothing is exchanged, and the message says what
 * to do. An exchange with nothing of this kind reads nothing.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-exchange-private.h"
#include "sb-store-changes.h"

/* Returns: a change number this replica keeps under @key (SB_EXCHANGE_SENT_SEQ…), or 0 */
gint64
_sb_exchange_get_seq (SbStore    *store,
                      const char *key)
{
  g_autofree char *text = sb_store_get_exchange_value (store, key);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* This replica's changes after @after that its files in the folder hold, in order
 * and without a gap; *@read_to is the last of them. */
static GPtrArray *
read_own (SbExchangeRun  *exchange,
          GPtrArray      *files,
          gint64          after,
          gint64         *read_to,
          GError        **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_change_free);

  *read_to = after;
  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];
      g_autoptr(GPtrArray) read = NULL;

      if (g_strcmp0 (file->origin, exchange->self_id) != 0 || file->last <= *read_to ||
          file->first > *read_to + 1)
        continue;
      read = _sb_exchange_read_file (exchange, file, error);
      if (read == NULL)
        return NULL;
      for (guint j = 0; j < read->len; j++)
        if (((SbChange *) read->pdata[j])->seq > *read_to)
          g_ptr_array_add (changes, g_steal_pointer (&read->pdata[j]));
      *read_to = file->last;
    }
  return g_steal_pointer (&changes);
}

/**
 * _sb_exchange_take_own:
 *
 * Takes back this replica's changes that the folder holds and this file lacks
 * (sb_store_take_own_changes()), counted in @report's changes received;
 * @waiting tells whether some wait for other offices' changes. Fails,
 * with nothing exchanged, when this file and another copy of it have made
 * different changes under the same numbers.
 */
gboolean
_sb_exchange_take_own (SbExchangeRun     *exchange,
                       GPtrArray         *files,
                       SbExchangeReport  *report,
                       gboolean          *waiting,
                       GError           **error)
{
  gint64 sent = _sb_exchange_get_seq (exchange->store, SB_EXCHANGE_SENT_SEQ), in_folder = sent, read_to = 0;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *read_to_text = NULL;
  guint taken = 0;

  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];

      if (g_strcmp0 (file->origin, exchange->self_id) == 0)
        in_folder = MAX (in_folder, file->last);
    }
  *waiting = FALSE;
  if (in_folder <= sent)
    return TRUE;

  changes = read_own (exchange, files, sent, &read_to, &local_error);
  if (changes == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The exchange folder holds changes of this office that this "
                                    "file lacks, but they cannot be read: "));
      return FALSE;
    }
  if (!sb_store_take_own_changes (exchange->store, changes, &taken, waiting, &local_error))
    {
      if (g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED))
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED,
                     /* TRANSLATORS: %s is the sentence "“kc.sambot” and another copy of it
                        have both made changes as this office…" */
                     _("%s Keep working in the copy whose changes the other offices have "
                       "received, and type again there what was added in this one only. A "
                       "restored backup is safe when it exchanges before anything is typed "
                       "in it."),
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  report->changes_received += taken;
  if (*waiting)
    return TRUE;
  /* The folder holds nothing of this replica's that this file lacks. */
  read_to_text = g_strdup_printf ("%" G_GINT64_FORMAT, MIN (read_to, sb_store_get_last_change (exchange->store)));
  return sb_store_set_exchange_value (exchange->store, SB_EXCHANGE_SENT_SEQ, read_to_text, error);
}

/**
 * _sb_exchange_rewrite_own:
 *
 * Writes again this replica's bundles in the folder that hold changes rewritten in
 * its log since (a sender erased: src/store/sb-store-changes-forget.c), so that the
 * folder keeps nothing the campaign erased. Each keeps its name: the offices that
 * applied it skip it, the others read the rewritten one.
 */
gboolean
_sb_exchange_rewrite_own (SbExchangeRun  *exchange,
                          GPtrArray      *files,
                          GError        **error)
{
  g_autofree char *text = sb_store_get_exchange_value (exchange->store, SB_EXCHANGE_REWRITTEN_FROM);
  g_autoptr(GPtrArray) changes = NULL;
  gint64 from, first;

  if (text == NULL)
    return TRUE;
  from = first = g_ascii_strtoll (text, NULL, 10);
  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];

      if (g_strcmp0 (file->origin, exchange->self_id) == 0 && file->last >= from)
        first = MIN (first, file->first);
    }
  changes = sb_store_list_changes (exchange->store, MAX (first, 1) - 1, error);
  if (changes == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];
      g_autoptr(GPtrArray) part = g_ptr_array_new ();
      g_autoptr(GBytes) bundle = NULL;

      if (g_strcmp0 (file->origin, exchange->self_id) != 0 || file->last < from)
        continue;
      for (guint j = 0; j < changes->len; j++)
        {
          SbChange *change = changes->pdata[j];

          if (change->seq >= file->first && change->seq <= file->last)
            g_ptr_array_add (part, change);
        }
      /* Changes this log no longer holds (before it joined): the file stays. */
      if (part->len != (guint) (file->last - file->first + 1))
        continue;
      bundle = sb_bundle_write (exchange->campaign_id, exchange->key, exchange->secret_key, part, error);
      if (bundle == NULL || !_sb_exchange_write_bundle (file->path, bundle, error))
        return FALSE;
    }
  return sb_store_set_exchange_value (exchange->store, SB_EXCHANGE_REWRITTEN_FROM, NULL, error);
}
