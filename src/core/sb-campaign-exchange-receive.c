/* sb-campaign-exchange-receive.c — the other offices' changes in the exchange
 * folder, applied once and in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "The exchange folder". Each origin's bundles are read in the
 * order of their changes; one whose predecessor is missing waits, named; one
 * written by another version of Sambot waits too ("Versions"); one that does not
 * read is refused, counted and left in the folder. Everything applied in one
 * exchange is one transaction, with progress.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-exchange-private.h"
#include "sb-store-changes.h"

#define APPLY_PART 500    /* changes applied in one pass */

/* The changes of @who that another version of Sambot wrote wait in the folder. */
static void
hold_other_version (SbExchangeReport *report,
                    const char       *who,
                    gboolean          newer)
{
  g_autofree char *line = NULL;

  if (newer)
    /* TRANSLATORS: %s is an office's replica, "KC-B" */
    line = g_strdup_printf (_("Changes from %s were made with a newer version of Sambot. Update "
                              "Sambot on this computer to receive them; they wait in the "
                              "exchange folder."), who);
  else
    /* TRANSLATORS: %s is an office's replica, "KC-B" */
    line = g_strdup_printf (_("Changes from %s were made with an older version of Sambot, which "
                              "this one cannot apply; they wait in the exchange folder. Ask that "
                              "office to update Sambot."), who);
  _sb_exchange_add_line (&report->held_back, line);
}

/* Reads and applies, in the caller's transaction, the bundles of one origin that
 * follow what this replica holds. Returns FALSE only for a failure of the file
 * (disk, memory); a bundle refused is counted and the origin stops there. */
static gboolean
receive_origin (SbExchangeRun     *exchange,
                GPtrArray         *files,
                guint              from,
                guint              to,
                gint64            *done,
                gint64             total,
                SbExchangeReport  *report,
                GCancellable      *cancellable,
                GError           **error)
{
  const char *origin = ((SbBundleFile *) files->pdata[from])->origin;
  gint64 held = sb_store_get_received (exchange->store, origin, NULL);
  g_autofree char *who = _sb_exchange_describe_replica (exchange->replicas, origin);

  for (guint i = from; i < to; i++)
    {
      SbBundleFile *file = files->pdata[i];
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) local_error = NULL;

      if (file->last <= held)
        continue;
      if (file->first > held + 1)
        {
          g_autofree char *line = NULL;

          /* TRANSLATORS: "Waiting for changes 8 to 11 from KC-B." */
          line = g_strdup_printf (_("Waiting for changes %lld to %lld from %s."),
                                  (long long) held + 1, (long long) file->first - 1, who);
          _sb_exchange_add_line (&report->held_back, line);
          return TRUE;
        }
      changes = _sb_exchange_read_file (exchange, file, &local_error);
      if (changes == NULL && (g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION) ||
                              g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_OLDER_VERSION)))
        {
          hold_other_version (report, who, local_error->code == SB_STORE_ERROR_NEWER_VERSION);
          return TRUE;
        }
      if (changes == NULL)
        {
          _sb_exchange_refuse (report, local_error->message);
          continue;
        }
      /* In parts, each applied in one pass (sb_store_apply_changes()), so that
       * the progress moves. */
      for (guint j = 0; j < changes->len; j += APPLY_PART)
        {
          g_autoptr(GPtrArray) part = g_ptr_array_new ();
          guint n_applied = 0;

          for (guint k = j; k < MIN (j + APPLY_PART, changes->len); k++)
            if (((SbChange *) changes->pdata[k])->seq > held)
              g_ptr_array_add (part, changes->pdata[k]);
          if (part->len == 0)
            continue;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (!sb_store_apply_changes (exchange->store, part, &n_applied, &local_error))
            {
              g_autofree char *line = g_strdup_printf (_("%s (changes from %s)"),
                                                       local_error->message, who);

              _sb_exchange_refuse (report, line);
              return TRUE;
            }
          held = ((SbChange *) part->pdata[part->len - 1])->seq;
          report->changes_received += n_applied;
          *done += part->len;
          if (exchange->progress != NULL && total > 0)
            exchange->progress ((double) *done / total, exchange->progress_data);
        }
    }
  return TRUE;
}

/* How many changes the folder holds that this replica lacks, for the progress. */
static gint64
count_new (SbExchangeRun *exchange,
           GPtrArray     *files)
{
  gint64 total = 0;
  const char *origin = NULL;
  gint64 held = 0;

  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];

      if (g_strcmp0 (file->origin, origin) != 0)
        {
          origin = file->origin;
          held = sb_store_get_received (exchange->store, origin, NULL);
        }
      if (file->last > held && file->first <= held + 1)
        {
          total += file->last - held;
          held = file->last;
        }
    }
  return total;
}

/**
 * _sb_exchange_receive_changes:
 *
 * Applies, in one transaction, the other replicas' changes in the folder that
 * this one lacks; what waits or is refused goes to @report.
 */
gboolean
_sb_exchange_receive_changes (SbExchangeRun     *exchange,
                              GPtrArray         *files,
                              SbExchangeReport  *report,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_autoptr(GHashTable) done_origins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 done = 0, total = count_new (exchange, files);
  gboolean progress = TRUE;

  if (total == 0)
    goto unknown;
  if (!sb_store_begin (exchange->store, error))
    return FALSE;
  /* An origin's key may arrive with another origin's changes (a replica invited
   * by an office whose bundle comes in the same exchange): go round again. */
  while (progress)
    {
      progress = FALSE;
      for (guint from = 0, to; from < files->len; from = to)
        {
          const char *origin = ((SbBundleFile *) files->pdata[from])->origin;

          for (to = from + 1; to < files->len &&
               g_strcmp0 (((SbBundleFile *) files->pdata[to])->origin, origin) == 0; to++)
            ;
          if (g_strcmp0 (origin, exchange->self_id) == 0 ||
              g_hash_table_contains (done_origins, origin) ||
              !g_hash_table_contains (exchange->public_keys, origin))
            continue;
          g_hash_table_add (done_origins, g_strdup (origin));
          progress = TRUE;
          if (!receive_origin (exchange, files, from, to, &done, total, report, cancellable, error) ||
              !_sb_exchange_load_replicas (exchange, error))
            {
              sb_store_rollback (exchange->store);
              return FALSE;
            }
        }
    }
  if (!sb_store_commit (exchange->store, error))
    return FALSE;

unknown:
  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];

      if (g_strcmp0 (file->origin, exchange->self_id) != 0 &&
          !g_hash_table_contains (exchange->public_keys, file->origin) &&
          (i == 0 || g_strcmp0 (((SbBundleFile *) files->pdata[i - 1])->origin, file->origin) != 0))
        _sb_exchange_add_line (&report->held_back,
                               _("Changes from an office this campaign does not know yet are "
                                 "waiting: exchange with the office that invited it."));
    }
  return TRUE;
}

