/* sb-campaign-exchange-acks.c — what each office has received, and the old
 * bundles that every office has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Old bundles". After each exchange a replica writes its
 * acknowledgement, <campaign-id>.<origin>.ack (src/store/sb-store-bundle-ack.c):
 * its own last change in the folder and the last change it applied of each
 * other replica. From the others' acknowledgements a replica learns two things:
 *
 * - which of its own bundles nobody needs any more. It removes one when every
 *   replica it knows has applied it, when it holds every change those replicas
 *   had made when they said so (so a replica invited meanwhile is known here and
 *   waited for), and when the file is older than SB_EXCHANGE_KEEP_DAYS, longer
 *   than the daily backups kept (src/core/sb-backup.h): a backup restored within
 *   that time takes its own later changes back from the folder
 *   (sb-campaign-exchange-own.c);
 *   A replica that will never exchange again (a laptop lost, or invited afresh)
 *   would keep them for ever: an office can stop waiting for it
 *   (sb_campaign_retire_replica(), this office's own decision, never shipped);
 * - whether this file is older than what the others received from it (an older
 *   backup, restored after its later changes left the folder). Such a file must
 *   not exchange: its next changes would take numbers the others hold already.
 *   Its own acknowledgement, written by the later copy, says the same of the
 *   others' changes it lacks.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "sb-exchange-private.h"
#include "sb-store-bundle-ack.h"
#include "sb-store-changes.h"

#define ACK_SUFFIX ".ack"

static char *
ack_path (SbExchangeRun *exchange,
          const char    *origin)
{
  g_autofree char *name = g_strconcat (exchange->campaign_id, ".", origin, ACK_SUFFIX, NULL);

  return g_build_filename (exchange->folder, name, NULL);
}

static gboolean
is_self (SbExchangeRun *exchange,
         const char    *origin)
{
  return g_strcmp0 (origin, exchange->self_id) == 0;
}

/**
 * _sb_exchange_write_ack:
 *
 * Writes this replica's acknowledgement, unless the folder holds the same one.
 */
gboolean
_sb_exchange_write_ack (SbExchangeRun  *exchange,
                        GError        **error)
{
  g_autofree char *path = ack_path (exchange, exchange->self_id);
  g_autofree char *old = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize old_size = 0;
  SbBundleAck ack = { exchange->self_id, _sb_exchange_get_seq (exchange->store, SB_EXCHANGE_SENT_SEQ),
                      NULL };

  ack.received = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < exchange->replicas->len; i++)
    {
      SbStoreReplica *row = exchange->replicas->pdata[i];
      gint64 seq = sb_store_get_received (exchange->store, row->id, NULL);

      if (!is_self (exchange, row->id))
        g_hash_table_insert (ack.received, row->id, g_memdup2 (&seq, sizeof seq));
    }
  bytes = sb_bundle_write_ack (exchange->campaign_id, exchange->secret_key, &ack);
  g_hash_table_unref (ack.received);
  if (g_file_get_contents (path, &old, &old_size, NULL) && old_size == g_bytes_get_size (bytes) &&
      memcmp (old, g_bytes_get_data (bytes, NULL), old_size) == 0)
    return TRUE;
  return _sb_exchange_write_bundle (path, bytes, error);
}

/**
 * _sb_exchange_read_acks:
 *
 * Returns: (transfer full): origin → SbBundleAck, for each other replica whose
 *   acknowledgement is in the folder and reads; one that does not is left out,
 *   which only keeps bundles longer
 */
/* @origin's acknowledgement in the folder, or NULL if there is none that reads. */
static SbBundleAck *
read_ack (SbExchangeRun *exchange,
          const char    *origin)
{
  g_autofree char *path = ack_path (exchange, origin);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbBundleAck) ack = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      (mapped = g_mapped_file_new (path, FALSE, &local_error)) == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  ack = sb_bundle_read_ack (bytes, name, exchange->campaign_id, exchange->public_keys,
                            &local_error);
  if (ack == NULL)
    g_debug ("%s", local_error->message);
  return ack != NULL && g_strcmp0 (ack->origin, origin) == 0 ? g_steal_pointer (&ack) : NULL;
}

/**
 * _sb_exchange_read_acks:
 *
 * Returns: (transfer full): origin → SbBundleAck, for each other replica whose
 *   acknowledgement is in the folder and reads; one that does not is left out,
 *   which only keeps bundles longer
 */
GHashTable *
_sb_exchange_read_acks (SbExchangeRun *exchange)
{
  GHashTable *acks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sb_bundle_ack_free);

  for (guint i = 0; i < exchange->replicas->len; i++)
    {
      SbStoreReplica *row = exchange->replicas->pdata[i];
      SbBundleAck *ack = is_self (exchange, row->id) ? NULL : read_ack (exchange, row->id);

      if (ack != NULL)
        g_hash_table_insert (acks, row->id, ack);
    }
  return acks;
}

/* The last change of @origin that the folder holds without a gap after @from. */
static gint64
covered_to (GPtrArray  *files,
            const char *origin,
            gint64      from)
{
  /* Files come sorted by origin and first change. */
  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];

      if (g_strcmp0 (file->origin, origin) == 0 && file->first <= from + 1)
        from = MAX (from, file->last);
    }
  return from;
}

/**
 * _sb_exchange_check_not_behind:
 *
 * Fails when another office has received changes of this replica that this file
 * had not handed on, to the folder or in an invitation (it is older), or when a
 * later copy of this file had received changes that this one lacks, and the folder
 * no longer holds them.
 */
gboolean
_sb_exchange_check_not_behind (SbExchangeRun  *exchange,
                               GPtrArray      *files,
                               GError        **error)
{
  g_autoptr(GHashTable) acks = _sb_exchange_read_acks (exchange);
  g_autoptr(SbBundleAck) own = read_ack (exchange, exchange->self_id);
  gint64 sent = MAX (_sb_exchange_get_seq (exchange->store, SB_EXCHANGE_SENT_SEQ),
                     _sb_exchange_get_seq (exchange->store, SB_EXCHANGE_HANDED_SEQ));
  gint64 received = 0;
  GHashTableIter iter;
  SbBundleAck *ack;

  /* What this replica wrote, and what it had received, as a later copy of this file
   * said in its own acknowledgement. */
  for (guint i = 0; own != NULL && i < exchange->replicas->len; i++)
    {
      const char *origin = ((SbStoreReplica *) exchange->replicas->pdata[i])->id;
      gint64 had = sb_bundle_ack_received (own, origin);
      gint64 held = sb_store_get_received (exchange->store, origin, NULL);
      g_autofree char *who = NULL;

      if (had <= held || covered_to (files, origin, held) >= had)
        continue;
      who = _sb_exchange_describe_replica (exchange->replicas, origin);
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED,
                   _("This campaign file is older than the copy of it that last exchanged: "
                     "that copy had received the changes of %s up to number %lld, this one "
                     "has them up to %lld, and the exchange folder no longer keeps the ones "
                     "between. Nothing was exchanged. Open the newest copy of this file; if "
                     "there is none, ask an office to invite this office again and type in a "
                     "new file what was added here only."),
                   who, (long long) had, (long long) held);
      return FALSE;
    }
  g_hash_table_iter_init (&iter, acks);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &ack))
    received = MAX (received, sb_bundle_ack_received (ack, exchange->self_id));
  if (received <= covered_to (files, exchange->self_id, sent))
    return TRUE;
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FORKED,
               _("This campaign file is older than what the other offices received from "
                 "it: they hold its changes up to number %lld, it had sent them up to %lld, "
                 "and the exchange folder no longer keeps the ones between. Nothing was "
                 "exchanged. Open the newest copy of this file; if there is none, ask an "
                 "office to invite this office again and type in a new file what was added "
                 "here only."),
               (long long) received, (long long) sent);
  return FALSE;
}

/* Does this office no longer wait for @replica_id's acknowledgement? */
gboolean
_sb_exchange_is_retired (SbStore    *store,
                         const char *replica_id)
{
  g_autofree char *key = g_strconcat (SB_EXCHANGE_RETIRED, replica_id, NULL);
  g_autofree char *when = sb_store_get_exchange_value (store, key);

  return when != NULL;
}

/**
 * sb_campaign_retire_replica:
 * @replica_id: another replica of the campaign (SbReplica's id)
 * @retired: %FALSE to wait for it again
 *
 * Stops waiting for @replica_id's acknowledgement before this office removes its
 * old bundles from the folder: for a computer that will never exchange again. If it
 * does exchange again, the changes it lacks may have left the folder, and it must
 * be invited afresh. Its changes are still applied when they come.
 */
gboolean
sb_campaign_retire_replica (SbCampaign  *self,
                            const char  *replica_id,
                            gboolean     retired,
                            GError     **error)
{
  SbStore *store;
  g_autofree char *self_id = NULL;
  g_autofree char *key = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean known = FALSE;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (replica_id != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  self_id = sb_store_get_replica_id (store);
  if (self_id == NULL || (rows = sb_store_list_replica_rows (store, error)) == NULL)
    return self_id != NULL ? FALSE
                           : _sb_not_allowed (error, _("This campaign does not exchange with "
                                                       "other offices yet. Invite an office first, "
                                                       "or join a campaign from an invitation."));
  for (guint i = 0; i < rows->len; i++)
    known = known || g_strcmp0 (((SbStoreReplica *) rows->pdata[i])->id, replica_id) == 0;
  if (!known || g_strcmp0 (replica_id, self_id) == 0)
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("This office can only stop waiting for another computer of the "
                     "campaign."));
      return FALSE;
    }
  key = g_strconcat (SB_EXCHANGE_RETIRED, replica_id, NULL);
  now = retired ? sb_store_now (store) : NULL;
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_set_exchange_value (store, key, now, error), error);
}

/* When every replica known here has applied @self's changes up to @acked. */
static gint64
acked_by_all (SbExchangeRun *exchange,
              GHashTable    *acks)
{
  gint64 acked = G_MAXINT64;

  for (guint i = 0; i < exchange->replicas->len; i++)
    {
      SbStoreReplica *row = exchange->replicas->pdata[i];
      SbBundleAck *ack = g_hash_table_lookup (acks, row->id);

      if (is_self (exchange, row->id) || _sb_exchange_is_retired (exchange->store, row->id))
        continue;
      /* A replica that made changes this one lacks may have invited another that
       * is not known here yet. */
      if (ack == NULL || sb_store_get_received (exchange->store, row->id, NULL) < ack->head)
        return 0;
      acked = MIN (acked, sb_bundle_ack_received (ack, exchange->self_id));
    }
  return acked == G_MAXINT64 ? 0 : acked;
}

/**
 * _sb_exchange_remove_old:
 *
 * Removes this replica's bundles that every replica has applied and that are
 * older than SB_EXCHANGE_KEEP_DAYS; *@removed counts them.
 */
gboolean
_sb_exchange_remove_old (SbExchangeRun  *exchange,
                         GPtrArray      *files,
                         guint          *removed,
                         GError        **error)
{
  g_autoptr(GHashTable) acks = _sb_exchange_read_acks (exchange);
  gint64 acked = acked_by_all (exchange, acks);
  gint64 before = g_get_real_time () / G_USEC_PER_SEC - SB_EXCHANGE_KEEP_DAYS * 24 * 3600;
  gint64 to = _sb_exchange_get_seq (exchange->store, SB_EXCHANGE_REMOVED_TO);
  g_autofree char *to_text = NULL;

  *removed = 0;
  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];
      GStatBuf info;

      if (!is_self (exchange, file->origin) || file->last > acked ||
          g_stat (file->path, &info) != 0 || info.st_mtime > before)
        continue;
      if (g_unlink (file->path) != 0)
        continue;   /* a read-only folder: the file stays, and nothing is lost */
      (*removed)++;
      to = MAX (to, file->last);
    }
  if (*removed == 0)
    return TRUE;
  to_text = g_strdup_printf ("%" G_GINT64_FORMAT, to);
  return sb_store_set_exchange_value (exchange->store, SB_EXCHANGE_REMOVED_TO, to_text, error);
}
