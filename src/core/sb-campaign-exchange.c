/* sb-campaign-exchange.c — a campaign's replicas: who they are, the exchange
 * folder, inviting an office and joining from an invitation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md. A campaign that never invited or joined is no replica: it has
 * none of the exchange's tables and keeps its references as PP-0042. The first
 * invitation makes it replica "A" of its office (PP-A-0043 from then on), with the
 * campaign's exchange key and its own signing key in its local state.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sb-exchange-private.h"
#include "sb-store-bundle.h"
#include "sb-store-changes.h"

void
sb_replica_free (SbReplica *replica)
{
  if (replica == NULL)
    return;
  g_free (replica->id);
  g_free (replica->office_code);
  g_free (replica->office_name);
  g_free (replica->letter);
  g_clear_pointer (&replica->joined, g_date_time_unref);
  g_clear_pointer (&replica->last_sent, g_date_time_unref);
  g_clear_pointer (&replica->last_received, g_date_time_unref);
  g_free (replica->waiting_for);
  g_free (replica);
}

void
sb_exchange_report_clear (SbExchangeReport *report)
{
  g_return_if_fail (report != NULL);
  g_clear_pointer (&report->held_back, g_free);
  g_clear_pointer (&report->refused, g_free);
  memset (report, 0, sizeof *report);
}

/**
 * sb_campaign_is_replica:
 * Returns: whether the campaign file is one replica among several (it invited an
 *   office or was made from an invitation)
 */
gboolean
sb_campaign_is_replica (SbCampaign *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  id = sb_store_get_replica_id (_sb_campaign_get_store (self));
  return id != NULL;
}

static GDateTime *
parse_time (const char *text)
{
  return text != NULL && *text != '\0' ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* "KC-B": how a replica is named to people. */
char *
_sb_exchange_describe_replica (GPtrArray  *replicas,
                               const char *origin)
{
  for (guint i = 0; replicas != NULL && i < replicas->len; i++)
    {
      SbStoreReplica *row = replicas->pdata[i];

      if (g_strcmp0 (row->id, origin) == 0)
        return g_strdup_printf ("%s-%s", row->office_code, row->letter);
    }
  /* TRANSLATORS: a replica of the campaign that this one does not know yet */
  return g_strdup (_("an office not known here yet"));
}

/* The changes of each origin that wait in the folder for missing ones. */
static void
count_waiting (SbStore    *store,
               const char *folder,
               const char *campaign_id,
               SbReplica  *replica)
{
  g_autoptr(GPtrArray) files = NULL;
  gint64 held, missing_to = 0;

  if (folder == NULL || campaign_id == NULL ||
      (files = _sb_exchange_scan_folder (folder, campaign_id, NULL, NULL)) == NULL)
    return;
  held = sb_store_get_received (store, replica->id, NULL);
  /* The files come sorted by origin and first change: walk those of this origin. */
  for (guint i = 0; i < files->len; i++)
    {
      SbBundleFile *file = files->pdata[i];

      if (g_strcmp0 (file->origin, replica->id) != 0 || file->last <= held)
        continue;
      if (file->first <= held + 1)
        held = file->last;
      else
        {
          if (missing_to == 0)
            missing_to = file->first - 1;
          replica->changes_waiting += file->last - MAX (file->first, missing_to + 1) + 1;
        }
    }
  if (missing_to > 0)
    /* TRANSLATORS: what a replica waits for, e.g. "changes 8 to 11" */
    replica->waiting_for = g_strdup_printf (_("changes %lld to %lld"), (long long) held + 1,
                                            (long long) missing_to);
}

/**
 * sb_campaign_list_replicas:
 *
 * Returns: (transfer full) (element-type SbReplica): every replica of the campaign,
 *   this one first; empty when the campaign is no replica
 */
GPtrArray *
sb_campaign_list_replicas (SbCampaign  *self,
                           GError     **error)
{
  g_autoptr(GPtrArray) replicas = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_replica_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *self_id = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *campaign_id = NULL;
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  store = _sb_campaign_get_store (self);
  self_id = sb_store_get_replica_id (store);
  if (self_id == NULL)
    return g_steal_pointer (&replicas);
  rows = sb_store_list_replica_rows (store, error);
  if (rows == NULL)
    return NULL;
  folder = sb_store_get_exchange_value (store, SB_EXCHANGE_FOLDER);
  campaign_id = sb_store_get_exchange_value (store, SB_EXCHANGE_CAMPAIGN_ID);
  for (guint i = 0; i < rows->len; i++)
    {
      SbStoreReplica *row = rows->pdata[i];
      SbReplica *replica = g_new0 (SbReplica, 1);
      g_autoptr(SbOffice) office = sb_store_get_office (store, row->office_code, NULL);

      replica->id = g_strdup (row->id);
      replica->office_code = g_strdup (row->office_code);
      replica->office_name = g_strdup (office != NULL ? office->name : "");
      replica->letter = g_strdup (row->letter);
      replica->is_self = g_strcmp0 (row->id, self_id) == 0;
      replica->joined = parse_time (row->joined_at);
      if (replica->is_self)
        {
          g_autofree char *last_sent = sb_store_get_exchange_value (store, SB_EXCHANGE_LAST_SENT);

          replica->last_sent = parse_time (last_sent);
          replica->changes_waiting = sb_store_get_last_change (store) -
                                     _sb_exchange_get_seq (store, SB_EXCHANGE_SENT_SEQ);
          g_ptr_array_insert (replicas, 0, replica);
        }
      else
        {
          g_autofree char *at = NULL;

          sb_store_get_received (store, row->id, &at);
          replica->last_received = parse_time (at);
          replica->retired = _sb_exchange_is_retired (store, row->id);
          count_waiting (store, folder, campaign_id, replica);
          g_ptr_array_add (replicas, replica);
        }
    }
  return g_steal_pointer (&replicas);
}

/**
 * sb_campaign_get_exchange_folder:
 * Returns: (transfer full) (nullable): the folder this replica exchanges through
 */
char *
sb_campaign_get_exchange_folder (SbCampaign *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_get_exchange_value (_sb_campaign_get_store (self), SB_EXCHANGE_FOLDER);
}

static gboolean
not_replica (GError **error)
{
  return _sb_not_allowed (error, _("This campaign does not exchange with other offices yet. "
                                   "Invite an office first, or join a campaign from an "
                                   "invitation."));
}

/**
 * sb_campaign_set_exchange_folder:
 * @folder: (nullable): an existing folder, or %NULL for none
 */
gboolean
sb_campaign_set_exchange_folder (SbCampaign  *self,
                                 const char  *folder,
                                 GError     **error)
{
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  if (!sb_campaign_is_replica (self))
    return not_replica (error);
  if (folder != NULL && *folder == '\0')
    folder = NULL;
  if (folder != NULL && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (folder);

      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("“%s” is not a folder. Choose the folder that your offices share."), name);
      return FALSE;
    }
  store = _sb_campaign_get_store (self);
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_set_exchange_value (store, SB_EXCHANGE_FOLDER, folder, error),
                              error);
}

/**
 * _sb_campaign_get_letter:
 * Returns: (transfer full) (nullable): this replica's letter in its references
 */
char *
_sb_campaign_get_letter (SbCampaign *self)
{
  return sb_store_get_exchange_value (_sb_campaign_get_store (self), SB_EXCHANGE_LETTER);
}

/* The @n-th string of @digits' alphabet: 2, 3, … 9, 10, 11… or A, B, … Z, AA, AB… */
static char *
nth_suffix (guint    n,
            gboolean digits)
{
  char text[16];
  int len = 0;

  if (digits)
    return g_strdup_printf ("%u", n + 1);
  for (guint k = n; k > 0 && len < (int) sizeof text - 1; k = (k - 1) / 26)
    text[len++] = 'A' + (k - 1) % 26;
  text[len] = '\0';
  return g_strreverse (g_strdup (text));
}

/* The letter the replica with @inviter's letter gives the next replica it invites,
 * one that none of @rows has. The first replica, "A", gives A, B, … Z, AA…; any other
 * gives its own letter followed by digits when it ends with a letter (B invites B2,
 * B3…) or by letters when it ends with a digit (B2 invites B2A…). So the trailing
 * run of one kind names who gave a letter, and two offices inviting before they have
 * exchanged never give the same one (docs/exchange.md, "Letters"). */
char *
_sb_exchange_next_letter (GPtrArray  *rows,
                          const char *inviter)
{
  gboolean first = inviter == NULL || *inviter == '\0' || g_str_equal (inviter, "A");
  gboolean digits = !first && !g_ascii_isdigit (inviter[strlen (inviter) - 1]);

  for (guint n = 1;; n++)
    {
      g_autofree char *suffix = nth_suffix (n, digits);
      g_autofree char *letter = g_strconcat (first ? "" : inviter, suffix, NULL);
      gboolean taken = FALSE;

      for (guint i = 0; i < rows->len && !taken; i++)
        taken = g_strcmp0 (((SbStoreReplica *) rows->pdata[i])->letter, letter) == 0;
      if (!taken)
        return g_steal_pointer (&letter);
    }
}

static char *
encode (const guint8 *data,
        gsize         size)
{
  return g_base64_encode (data, size);
}

/* Makes the campaign a replica with keys, if it is not one yet: the first
 * invitation makes the coordinating office's file replica "A". */
gboolean
_sb_campaign_ensure_replica (SbCampaign  *self,
                GError     **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  guint8 key[SB_BUNDLE_KEY_BYTES];
  guint8 public_key[SB_BUNDLE_PUBLIC_KEY_BYTES];
  guint8 secret_key[SB_BUNDLE_SECRET_KEY_BYTES];
  g_autofree char *campaign_id = NULL;
  g_autofree char *office_code = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *secret_text = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SbOffice) office = NULL;
  SbStoreReplica row = { NULL };
  gboolean ok;

  if (!sb_bundle_init (error))
    return FALSE;
  if (!sb_campaign_is_replica (self) && !sb_store_join_exchange (store, error))
    return FALSE;
  campaign_id = sb_store_get_exchange_value (store, SB_EXCHANGE_CAMPAIGN_ID);
  if (campaign_id != NULL)
    return TRUE;

  office_code = sb_campaign_get_setting (self, SB_SETTING_OFFICE_CODE, error);
  if (office_code == NULL || (rows = sb_store_list_replica_rows (store, error)) == NULL)
    return FALSE;
  if (*office_code == '\0')
    _sb_set_str (&office_code, "HQ");
  office = sb_store_get_office (store, office_code, NULL);
  sb_bundle_new_campaign_key (key);
  sb_bundle_new_signing_keys (public_key, secret_key);
  key_text = encode (key, sizeof key);
  secret_text = encode (secret_key, sizeof secret_key);
  now = sb_store_now (store);
  row.id = sb_store_get_replica_id (store);
  row.office_id = office != NULL ? office->id : NULL;
  row.office_code = office_code;
  row.letter = _sb_exchange_next_letter (rows, NULL);
  row.public_key = g_bytes_new (public_key, sizeof public_key);
  row.joined_at = now;
  campaign_id = g_uuid_string_random ();

  ok = sb_store_begin (store, error);
  ok = ok && _sb_campaign_finish (self,
         sb_store_set_exchange_value (store, SB_EXCHANGE_CAMPAIGN_ID, campaign_id, error) &&
         sb_store_set_exchange_value (store, SB_EXCHANGE_KEY, key_text, error) &&
         sb_store_set_exchange_value (store, SB_EXCHANGE_SECRET_KEY, secret_text, error) &&
         sb_store_set_exchange_value (store, SB_EXCHANGE_LETTER, row.letter, error) &&
         sb_store_set_exchange_value (store, SB_EXCHANGE_OFFICE_CODE, office_code, error) &&
         sb_store_insert_replica (store, &row, error), error);
  sb_bundle_forget (key, sizeof key);
  sb_bundle_forget (secret_key, sizeof secret_key);
  g_free (row.id);
  g_free (row.letter);
  g_bytes_unref (row.public_key);
  return ok;
}
