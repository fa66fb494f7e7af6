/* sb-campaign-transcription.c — the work queue, delete and restore, duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-text.h"
#include "sb-transcription.h"

/* Texts shorter than this (as keys) are too common to call a duplicate. */
#define MIN_DUPLICATE_CHARS 12
#define PIECE_CHARS         10
#define MAX_CANDIDATES      64

void
sb_duplicate_free (SbDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->message_id);
  g_free (duplicate->ref);
  g_free (duplicate);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static GHashTable *
trigrams (const char *key)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = key;

  while (*p)
    {
      const char *end = p;

      for (guint i = 0; i < 3 && *end; i++)
        end = g_utf8_next_char (end);
      g_hash_table_add (set, g_strndup (p, end - p));
      if (*end == '\0')
        break;
      p = g_utf8_next_char (p);
    }
  return set;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_text_similarity:
 * @key_a: a search key
 * @key_b: another
 *
 * Returns: the Dice coefficient of their sets of three-character pieces, from 0
 *   (nothing in common) to 1 (the same)
 */
double
sb_text_similarity (const char *key_a,
                    const char *key_b)
{
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  GHashTableIter iter;
  gpointer piece;
  guint common = 0;

  if (g_strcmp0 (key_a, key_b) == 0)
    return 1.0;
  if (key_a == NULL || key_b == NULL || *key_a == '\0' || *key_b == '\0')
    return 0.0;
  a = trigrams (key_a);
  b = trigrams (key_b);
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &piece, NULL))
    if (g_hash_table_contains (b, piece))
      common++;
  return 2.0 * common / (g_hash_table_size (a) + g_hash_table_size (b));
}

/**
 * sb_campaign_delete_message:
 *
 * Deleting is a change of status, recorded in the history like any other, so it
 * can be undone with sb_campaign_restore_message(). Copies already on their way
 * to a prison keep a message from being deleted.
 */
gboolean
sb_campaign_delete_message (SbCampaign  *self,
                            const char  *message_id,
                            GError     **error)
{
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  message = sb_store_get_message (_sb_campaign_get_store (self), message_id, error);
  if (message == NULL)
    return FALSE;
  if (sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_DELETED)
    return TRUE;
  copies = sb_store_list_copies (_sb_campaign_get_store (self), message->id, error);
  if (copies == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    if (sb_copy_state_is_underway (((SbCopy *) g_ptr_array_index (copies, i))->state))
      return _sb_not_allowed (error, _("%s is already in a batch or delivered and cannot be "
                                       "deleted."), message->ref);
  return _sb_campaign_change_status (self, message, SB_MESSAGE_STATUS_DELETED,
                                     SB_COPY_STATE_WAITING, SB_COPY_STATE_PENDING, error);
}

/**
 * sb_campaign_restore_message:
 *
 * Undoes sb_campaign_delete_message(): the message gets back the status it had
 * before, as the history records it.
 */
gboolean
sb_campaign_restore_message (SbCampaign  *self,
                             const char  *message_id,
                             GError     **error)
{
  SbStore *store;
  g_autoptr(SbMessage) message = NULL;
  g_autofree char *word = NULL;
  g_autoptr(GError) local_error = NULL;
  SbMessageStatus before;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  message = sb_store_get_message (store, message_id, error);
  if (message == NULL)
    return FALSE;
  if (sb_message_status_from_nick (message->status) != SB_MESSAGE_STATUS_DELETED)
    return TRUE;
  word = sb_store_status_before (store, message->id, "deleted", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  before = sb_message_status_from_nick (word);
  if (before == SB_MESSAGE_STATUS_UNKNOWN || before == SB_MESSAGE_STATUS_DELETED)
    before = SB_MESSAGE_STATUS_NEW;
  if (before == SB_MESSAGE_STATUS_APPROVED)
    return _sb_campaign_change_status (self, message, before,
                                       SB_COPY_STATE_PENDING, SB_COPY_STATE_WAITING, error);
  return _sb_campaign_change_status (self, message, before,
                                     SB_COPY_STATE_WAITING, SB_COPY_STATE_PENDING, error);
}

/**
 * sb_campaign_next_to_transcribe:
 * @after_id: (nullable): the message just finished
 *
 * Returns: (transfer full) (nullable): the id of the next new message, in the order
 *   they came in, after @after_id and then from the start; %NULL when all are typed,
 *   or with @error set when the file cannot be read
 */
char *
sb_campaign_next_to_transcribe (SbCampaign  *self,
                                const char  *after_id,
                                GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_next_message_id (_sb_campaign_get_store (self), "new", after_id, error);
}

/**
 * sb_campaign_next_to_review:
 *
 * Like sb_campaign_next_to_transcribe() for transcribed messages.
 */
char *
sb_campaign_next_to_review (SbCampaign  *self,
                            const char  *after_id,
                            GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_next_message_id (_sb_campaign_get_store (self), "transcribed", after_id, error);
}

/**
 * sb_campaign_count_queue:
 * @to_transcribe: (out): new messages
 * @to_review: (out): transcribed messages waiting for a reviewer
 */
gboolean
sb_campaign_count_queue (SbCampaign  *self,
                         gint64      *to_transcribe,
                         gint64      *to_review,
                         GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (to_transcribe != NULL && to_review != NULL, FALSE);
  return sb_store_count_by_status (_sb_campaign_get_store (self), to_transcribe, to_review,
                                   error);
}

/**
 * sb_campaign_find_duplicates:
 * @message_id: (nullable): the message being typed, left out of the answer
 * @text: (nullable): its text as typed so far
 *
 * Finds messages with nearly the same text (similarity of search keys at least
 * %SB_DUPLICATE_SIMILARITY, candidates from the search index) and messages that have
 * one of the same pictures as @message_id.
 *
 * Returns: (transfer full) (element-type SbDuplicate): the look-alikes, most alike first
 */
GPtrArray *
sb_campaign_find_duplicates (SbCampaign  *self,
                             const char  *message_id,
                             const char  *text,
                             GError     **error)
{
  SbStore *store;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_duplicate_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *key = NULL;
  glong key_chars;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  store = _sb_campaign_get_store (self);
  if (message_id != NULL)
    {
      g_autoptr(GPtrArray) scans = sb_store_list_scans (store, message_id, error);

      if (scans == NULL)
        return NULL;
      for (guint i = 0; i < scans->len; i++)
        {
          const SbScan *scan = g_ptr_array_index (scans, i);
          g_autoptr(GPtrArray) owners = sb_store_find_scan_owners (store, scan->sha256,
                                                                    message_id, error);

          if (owners == NULL)
            return NULL;
          for (guint j = 0; j < owners->len; j++)
            {
              const char *owner = g_ptr_array_index (owners, j);
              SbDuplicate *duplicate;

              if (!g_hash_table_add (seen, g_strdup (owner)))
                continue;
              duplicate = g_new0 (SbDuplicate, 1);
              duplicate->message_id = g_strdup (owner);
              duplicate->kind = SB_DUPLICATE_SCAN;
              duplicate->similarity = 1.0;
              g_ptr_array_add (found, duplicate);
            }
        }
    }

  key = sb_text_search_key (text ? text : "");
  key_chars = g_utf8_strlen (key, -1);
  if (key_chars >= MIN_DUPLICATE_CHARS)
    {
      g_autoptr(GPtrArray) candidates = NULL;
      char *pieces[4] = { NULL, };
      glong starts[3] = { 0, (key_chars - PIECE_CHARS) / 2, key_chars - PIECE_CHARS };

      /* A copy typed again shares at least one exact piece with the original
       * unless it differs every few characters (then it is no duplicate). */
      for (guint i = 0; i < 3; i++)
        {
          const char *start = g_utf8_offset_to_pointer (key, MAX (starts[i], 0));
          const char *end = g_utf8_offset_to_pointer (start, MIN (PIECE_CHARS, key_chars));

          pieces[i] = g_strndup (start, end - start);
        }
      candidates = sb_store_similar_message_candidates (store, (const char *const *) pieces,
                                                        message_id, MAX_CANDIDATES, error);
      for (guint i = 0; i < 3; i++)
        g_free (pieces[i]);
      if (candidates == NULL)
        return NULL;
      for (guint i = 0; i + 1 < candidates->len; i += 2)
        {
          const char *id = g_ptr_array_index (candidates, i);
          g_autofree char *other = sb_text_search_key (g_ptr_array_index (candidates, i + 1));
          double similarity = sb_text_similarity (key, other);
          SbDuplicate *duplicate;

          if (similarity < SB_DUPLICATE_SIMILARITY || !g_hash_table_add (seen, g_strdup (id)))
            continue;
          duplicate = g_new0 (SbDuplicate, 1);
          duplicate->message_id = g_strdup (id);
          duplicate->kind = SB_DUPLICATE_TEXT;
          duplicate->similarity = similarity;
          g_ptr_array_add (found, duplicate);
        }
    }

  for (guint i = 0; i < found->len; i++)
    {
      SbDuplicate *duplicate = g_ptr_array_index (found, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SbMessage) other = sb_store_get_message (store, duplicate->message_id, &local_error);

      if (other == NULL && !g_error_matches (local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      duplicate->ref = g_strdup (other ? other->ref : "");
    }
  return g_steal_pointer (&found);
}
