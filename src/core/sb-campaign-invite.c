/* sb-campaign-invite.c — inviting an office, and joining a campaign from an
 * invitation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Invitations". The inviting replica copies its campaign and
 * makes the copy the new replica (its identity, office, letter, signing key; the
 * campaign's exchange key), seals it with the passphrase (sb-store-invitation.c)
 * and then records the new replica in its own campaign, so that the other offices
 * learn its key with its next bundle. The copy records itself too (its first
 * change): whichever arrives first, the other finds the row already there.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "sb-exchange-private.h"
#include "sb-store-bundle.h"
#include "sb-store-changes.h"
#include "sb-store-invitation.h"
#include "sb-validate.h"

#define MIN_PASSPHRASE_CHARS 8

static gboolean
check_passphrase (const char  *passphrase,
                  GError     **error)
{
  if (passphrase == NULL || g_utf8_strlen (passphrase, -1) < MIN_PASSPHRASE_CHARS)
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   ngettext ("The passphrase is too short: choose one of at least %d character.",
                             "The passphrase is too short: choose one of at least %d characters.",
                             MIN_PASSPHRASE_CHARS), MIN_PASSPHRASE_CHARS);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_existing (const char  *path,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS,
               _("“%s” already exists, and nothing was written over it. Choose another name."),
               name);
  return FALSE;
}

static void
remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Makes the copy at @snapshot the new replica described by @row. */
static gboolean
prepare_snapshot (const char            *snapshot,
                  const SbStoreReplica  *row,
                  const char            *secret_text,
                  GError               **error)
{
  g_autoptr(SbStore) store = sb_store_open (snapshot, SB_STORE_OPEN_NO_CHECK, error);
  gboolean ok;

  /* The inviting replica's signing key is overwritten, not left in a free cell
   * of the copy. */
  if (store == NULL || !sb_store_set_secure_delete (store, TRUE, error) ||
      !sb_store_join_exchange_as (store, row->id, error) || !sb_store_begin (store, error))
    return FALSE;
  ok = sb_store_set_exchange_value (store, SB_EXCHANGE_SECRET_KEY, secret_text, error) &&
       sb_store_set_exchange_value (store, SB_EXCHANGE_LETTER, row->letter, error) &&
       sb_store_set_exchange_value (store, SB_EXCHANGE_OFFICE_CODE, row->office_code, error) &&
       sb_store_set_exchange_value (store, SB_EXCHANGE_FOLDER, NULL, error) &&
       sb_store_set_exchange_value (store, SB_EXCHANGE_LAST_SENT, NULL, error) &&
       sb_store_set_exchange_value (store, SB_EXCHANGE_SENT_SEQ, NULL, error) &&
       sb_store_set_exchange_value (store, SB_EXCHANGE_HANDED_SEQ, NULL, error) &&
       sb_store_set_exchange_value (store, SB_EXCHANGE_REMOVED_TO, NULL, error) &&
       sb_store_set_setting (store, SB_SETTING_OFFICE_CODE, row->office_code, error) &&
       sb_store_insert_replica (store, row, error);
  if (!ok)
    {
      sb_store_rollback (store);
      return FALSE;
    }
  ok = sb_store_commit (store, error);
  sb_store_close (store);
  return ok;
}

/**
 * sb_campaign_invite_office:
 * @office_code: the invited office: this campaign's own office (one more laptop)
 *   or one of its partner offices
 * @passphrase: at least 8 characters, to give the office by another channel
 * @invitation_path: the file to write; must not exist
 *
 * Writes an invitation that sb_campaign_join() turns into a new replica of the
 * campaign. The first invitation makes this campaign replica "A" of its office:
 * its new references read PP-A-0043.
 */
gboolean
sb_campaign_invite_office (SbCampaign  *self,
                           const char  *office_code,
                           const char  *passphrase,
                           const char  *invitation_path,
                           GError     **error)
{
  SbStore *store;
  guint8 public_key[SB_BUNDLE_PUBLIC_KEY_BYTES];
  guint8 secret_key[SB_BUNDLE_SECRET_KEY_BYTES];
  g_autofree char *own_code = NULL;
  g_autofree char *secret_text = NULL;
  g_autofree char *campaign_id = NULL;
  g_autofree char *inviter = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *handed = NULL;
  g_autoptr(SbOffice) office = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GVariant) identity = NULL;
  SbStoreReplica row = { NULL };
  gboolean ok = FALSE;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (invitation_path != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  if (!sb_validate_code (office_code, _("Office code"), error) || !check_passphrase (passphrase, error))
    return FALSE;
  if (g_file_test (invitation_path, G_FILE_TEST_EXISTS))
    return refuse_existing (invitation_path, error);
  own_code = sb_store_get_exchange_value (store, SB_EXCHANGE_OFFICE_CODE);
  if (own_code == NULL && (own_code = sb_campaign_get_setting (self, SB_SETTING_OFFICE_CODE, error)) == NULL)
    return FALSE;
  office = sb_store_get_office (store, office_code, NULL);
  if (office == NULL && g_strcmp0 (office_code, own_code) != 0)
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("This campaign has no office with the code %s. Add the office under "
                     "Places first, or check the code."), office_code);
      return FALSE;
    }
  if (!_sb_campaign_ensure_replica (self, error) ||
      (rows = sb_store_list_replica_rows (store, error)) == NULL)
    return FALSE;

  sb_bundle_new_signing_keys (public_key, secret_key);
  secret_text = g_base64_encode (secret_key, sizeof secret_key);
  sb_bundle_forget (secret_key, sizeof secret_key);
  row.id = g_uuid_string_random ();
  row.office_id = office != NULL ? g_strdup (office->id) : NULL;
  row.office_code = g_strdup (office_code);
  inviter = sb_store_get_exchange_value (store, SB_EXCHANGE_LETTER);
  row.letter = _sb_exchange_next_letter (rows, inviter);
  row.public_key = g_bytes_new (public_key, sizeof public_key);
  row.joined_at = sb_store_now (store);
  campaign_id = sb_store_get_exchange_value (store, SB_EXCHANGE_CAMPAIGN_ID);
  identity = g_variant_ref_sink (g_variant_new (SB_INVITATION_IDENTITY_TYPE, campaign_id, row.id,
                                                row.office_code, row.letter));

  /* The copy never leaves a private folder unsealed. */
  dir = g_dir_make_tmp ("sambot-invitation-XXXXXX", NULL);
  if (dir == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                   _("Could not make a private folder for the invitation: %s."), g_strerror (errno));
      goto out;
    }
  snapshot = g_build_filename (dir, "campaign.sambot", NULL);
  handed = g_strdup_printf ("%" G_GINT64_FORMAT, sb_store_get_last_change (store));
  if (!sb_store_backup (store, snapshot, SB_STORE_BACKUP_DEFAULT, error) ||
      !prepare_snapshot (snapshot, &row, secret_text, error) ||
      !sb_invitation_write (invitation_path, identity, snapshot, passphrase, error))
    goto out;
  if (!sb_store_begin (store, error) ||
      !_sb_campaign_finish (self, sb_store_insert_replica (store, &row, error) &&
                            /* The new office holds this one's changes so far. */
                            sb_store_set_exchange_value (store, SB_EXCHANGE_HANDED_SEQ, handed,
                                                         error), error))
    {
      /* An office that no other one would ever hear of: no invitation. */
      g_unlink (invitation_path);
      goto out;
    }
  ok = TRUE;

out:
  if (snapshot != NULL)
    remove_database (snapshot);
  if (dir != NULL)
    g_rmdir (dir);
  sb_bundle_forget (secret_text, strlen (secret_text));
  g_free (row.id);
  g_free (row.office_id);
  g_free (row.office_code);
  g_free (row.letter);
  g_bytes_unref (row.public_key);
  g_free (row.joined_at);
  return ok;
}

/* Is the campaign at @path the replica @identity names? */
static gboolean
check_joined (const char  *path,
              const char  *invitation_path,
              GVariant    *identity,
              GError     **error)
{
  g_autoptr(SbStore) store = sb_store_open (path, SB_STORE_OPEN_DEFAULT, error);
  const char *campaign_id, *replica_id, *office_code, *letter;
  g_autofree char *id = NULL;
  g_autofree char *own_campaign = NULL;
  g_autofree char *own_letter = NULL;
  gboolean ok;

  if (store == NULL)
    return FALSE;
  g_variant_get (identity, "(&s&s&s&s)", &campaign_id, &replica_id, &office_code, &letter);
  id = sb_store_get_replica_id (store);
  own_campaign = sb_store_get_exchange_value (store, SB_EXCHANGE_CAMPAIGN_ID);
  own_letter = sb_store_get_exchange_value (store, SB_EXCHANGE_LETTER);
  ok = g_strcmp0 (id, replica_id) == 0 && g_strcmp0 (own_campaign, campaign_id) == 0 &&
       g_strcmp0 (own_letter, letter) == 0;
  sb_store_close (store);
  if (!ok)
    {
      g_autofree char *name = g_filename_display_basename (invitation_path);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
                   _("The invitation “%s” is damaged or incomplete; nothing was created. Ask "
                     "the office that invited you to send it again."), name);
    }
  return ok;
}

/**
 * sb_campaign_join:
 * @campaign_path: the campaign file to create; must not exist
 *
 * Creates a replica of the campaign from an invitation: the campaign as it was
 * when the invitation was written, with its own identity, office and letter.
 * Nothing is created when the passphrase is wrong, the invitation damaged or
 * @campaign_path exists.
 */
gboolean
sb_campaign_join (const char  *invitation_path,
                  const char  *passphrase,
                  const char  *campaign_path,
                  GError     **error)
{
  g_autofree char *temporary = NULL;
  g_autoptr(GVariant) identity = NULL;
  int fd;

  g_return_val_if_fail (invitation_path != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (campaign_path != NULL, FALSE);

  if (g_file_test (campaign_path, G_FILE_TEST_EXISTS))
    return refuse_existing (campaign_path, error);
  /* Beside the campaign file, to be renamed into it. */
  temporary = g_strconcat (campaign_path, ".XXXXXX.part", NULL);
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_autofree char *name = g_filename_display_basename (campaign_path);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_READ_ONLY,
                   _("“%s” cannot be created: %s. Choose a folder you can write to."), name,
                   g_strerror (errno));
      return FALSE;
    }
  close (fd);
  identity = sb_invitation_read (invitation_path, passphrase, temporary, error);
  if (identity == NULL || !check_joined (temporary, invitation_path, identity, error))
    {
      remove_database (temporary);
      return FALSE;
    }
  /* link() never writes over a file that appeared meanwhile. */
  if (link (temporary, campaign_path) != 0)
    {
      int saved_errno = errno;

      remove_database (temporary);
      if (saved_errno == EEXIST)
        return refuse_existing (campaign_path, error);
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED, _("Could not write “%s”: %s."),
                   campaign_path, g_strerror (saved_errno));
      return FALSE;
    }
  remove_database (temporary);
  return TRUE;
}
