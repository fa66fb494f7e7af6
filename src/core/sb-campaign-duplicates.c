/* sb-campaign-duplicates.c — messages sent or typed twice, and imported rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A duplicate is kept (nothing someone sent is thrown away) but linked to the first
 * message with duplicate_of, and the counting rules leave it out.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-store-duplicates.h"
#include "sb-text.h"

/* Who sent it: the name, or for an anonymous sender the contact. */
static char *
sender_identity (const char *sender_name,
                 const char *sender_contact)
{
  g_autofree char *name = sb_text_search_key (sender_name ? sender_name : "");

  if (*name != '\0')
    return g_steal_pointer (&name);
  return sb_text_search_key (sender_contact ? sender_contact : "");
}

static char *
duplicate_key (const char *sender_name,
               const char *sender_contact,
               const char *original_text)
{
  g_autofree char *text = sb_text_search_key (original_text ? original_text : "");
  g_autofree char *sender = NULL;
  g_autofree char *both = NULL;

  if (*text == '\0')
    return NULL;
  sender = sender_identity (sender_name, sender_contact);
  if (*sender == '\0')
    return NULL;
  both = g_strconcat (text, "\x1f", sender, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, both, -1);
}

/**
 * sb_campaign_duplicate_key:
 * @message: a message, saved or not
 *
 * Two messages with the same key are the same message sent twice: the same text
 * (Khmer spelling variants, case, spacing and punctuation aside) from the same
 * sender (by name; by contact when no name was given). Messages from nobody in
 * particular have no key: two people may well write "Stay strong!".
 *
 * Returns: (transfer full) (nullable): the key, or %NULL
 */
char *
sb_campaign_duplicate_key (const SbMessage *message)
{
  g_return_val_if_fail (message != NULL, NULL);
  return duplicate_key (message->sender_name, message->sender_contact, message->original_text);
}

static void
index_message_cb (const char *id,
                  const char *sender_name,
                  const char *sender_contact,
                  const char *original_text,
                  gpointer    user_data)
{
  GHashTable *index = user_data;
  char *key = duplicate_key (sender_name, sender_contact, original_text);

  if (key == NULL || g_hash_table_contains (index, key))
    g_free (key);
  else
    g_hash_table_insert (index, key, g_strdup (id));
}

/**
 * sb_campaign_index_duplicates:
 *
 * Returns: (transfer full) (element-type utf8 utf8): sb_campaign_duplicate_key() →
 *   id of the first message with that key, over the messages that are neither
 *   deleted nor duplicates themselves
 */
GHashTable *
sb_campaign_index_duplicates (SbCampaign  *self,
                              GError     **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  if (!sb_store_foreach_original_text (_sb_campaign_get_store (self), index_message_cb, index, error))
    return NULL;
  return g_steal_pointer (&index);
}

/**
 * sb_campaign_mark_duplicate:
 * @message_id: the message that repeats another (id or reference)
 * @original_id: (nullable): the message it repeats (id or reference); %NULL to say
 *   it is not a duplicate after all
 *
 * Links the two; a message that repeats a duplicate is linked to its original.
 * The duplicate no longer counts as a message received.
 */
gboolean
sb_campaign_mark_duplicate (SbCampaign  *self,
                            const char  *message_id,
                            const char  *original_id,
                            GError     **error)
{
  SbStore *store;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(SbMessage) original = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  message = sb_store_get_message (store, message_id, error);
  if (message == NULL)
    return FALSE;
  if (original_id != NULL)
    {
      original = sb_store_get_message (store, original_id, error);
      if (original == NULL)
        return FALSE;
      if (original->duplicate_of != NULL)
        {
          SbMessage *root = sb_store_get_message (store, original->duplicate_of, error);

          if (root == NULL)
            return FALSE;
          g_clear_pointer (&original, sb_message_free);
          original = root;
        }
      if (g_str_equal (original->id, message->id))
        {
          g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED,
                       _("%s cannot be a duplicate of itself."), message->ref);
          return FALSE;
        }
    }
  if (g_strcmp0 (message->duplicate_of, original ? original->id : NULL) == 0)
    return TRUE;

  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self,
                              sb_store_set_duplicate_of (store, message->id,
                                                         original ? original->id : NULL, error),
                              error);
}

/**
 * sb_campaign_find_external_id:
 * @external_id: the id of an imported row (see src/io/sb-importer.c)
 *
 * Returns: (transfer full) (nullable): the id of the message imported from that
 *   row, or %NULL when it was never imported (@error is set only on a failure)
 */
char *
sb_campaign_find_external_id (SbCampaign  *self,
                              const char  *external_id,
                              GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  g_return_val_if_fail (external_id != NULL, NULL);

  return sb_store_find_by_external_id (_sb_campaign_get_store (self), external_id, error);
}
