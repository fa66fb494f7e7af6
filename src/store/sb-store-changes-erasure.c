/* sb-store-changes-erasure.c — a sender erased at one office is erased at every
 * office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Erasure". The erasure travels as any change: the message's
 * sender fields emptied and its scans removed (rows of replicated tables), and its
 * history entry "sender_erased". What does not travel is the rewriting of the
 * history's past values (history rows are shipped once, as they were written), so
 * the receiver does it itself when it sees that entry, as the sending office did
 * (sb_store_erase_sender (), sb-store-erasure.c). Changes from an office that had
 * not yet received the erasure may still carry the sender's name (an edit made
 * before it): those values are erased too as they arrive, and a message row such a
 * change filled again is emptied again, as a change of this office, so that every
 * office ends with the sender erased. Pages freed meanwhile are zeroed
 * (secure_delete) and the search index drops the old entries.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-private.h"
#include "sb-store-erasure.h"

static const char *const sender_fields[] = {
  "sender_name", "sender_city", "sender_contact", "sender_erased",
};

/* The messages whose sender the shipped history rows speak of. */
static GPtrArray *
messages_named (GBytes *history)
{
  g_autoptr(GVariant) rows = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a(sssssmsms)"),
                                                                             history, FALSE));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  const char *entity, *entity_id, *field;
  GVariantIter iter;

  g_variant_iter_init (&iter, rows);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&sm&sm&s)", NULL, NULL, &entity, &entity_id,
                              &field, NULL, NULL))
    {
      if (strcmp (entity, "message") != 0 || g_hash_table_contains (seen, entity_id))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (sender_fields); i++)
        if (strcmp (field, sender_fields[i]) == 0)
          {
            g_hash_table_add (seen, (gpointer) entity_id);
            g_ptr_array_add (ids, g_strdup (entity_id));
            break;
          }
    }
  return ids;
}

/* What a change from an office that had not seen the erasure filled in again. */
static gboolean
empty_again (SbStore     *self,
             const char  *message_id,
             GError     **error)
{
  static const char *const statements[] = {
    "UPDATE messages SET sender_name = '', sender_city = '', sender_contact = '', "
    "consent = 'none', sender_sort_key = sb_collation_key (''), updated_at = sb_now () "
    "WHERE id = ?1 AND (sender_name != '' OR sender_city != '' OR sender_contact != '' "
    "OR consent != 'none')",
    "DELETE FROM scans WHERE message_id = ?1",
  };
  gboolean replaying = self->changes->replaying;
  gboolean ok = TRUE;

  /* Without history rows: the rows this update would write here are marked as
   * received with the change (_sb_store_changes_mark_history ()) and would never
   * travel, while each office that empties again would write its own; and the
   * offices that receive the emptying write none (their triggers are quiet while a
   * change is applied). The erasure's own entry says what happened. The emptying
   * itself is recorded by the session and travels as this office's change. */
  self->changes->replaying = TRUE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = _sb_store_prepare (self, statements[i], error);

      if (stmt == NULL)
        ok = FALSE;
      else
        {
          _sb_bind_text (stmt, 1, message_id);
          ok = _sb_store_step_done (self, stmt, error);
        }
    }
  self->changes->replaying = replaying;
  return ok;
}

/**
 * _sb_store_changes_follow_erasures:
 * @history: the history rows of a change just applied
 * @erased: (out): whether a sender was erased here (then the caller turns
 *   secure_delete off and empties the write-ahead log after the commit)
 *
 * Inside the change's transaction, after its history rows are in.
 */
gboolean
_sb_store_changes_follow_erasures (SbStore   *self,
                                   GBytes    *history,
                                   gboolean  *erased,
                                   GError   **error)
{
  g_autoptr(GPtrArray) ids = messages_named (history);

  *erased = FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = ids->pdata[i];
      gboolean was_erased = FALSE;

      if (!sb_store_sender_is_erased (self, id, &was_erased, error))
        return FALSE;
      if (!was_erased)
        continue;
      if (!*erased && !sb_store_set_secure_delete (self, TRUE, error))
        return FALSE;
      *erased = TRUE;
      if (!empty_again (self, id, error) || !_sb_store_erase_sender_history (self, id, error))
        return FALSE;
    }
  if (!*erased)
    return TRUE;
  return _sb_store_flush_search_index (self, error) &&
         _sb_store_exec (self, "INSERT INTO message_search (message_search) VALUES ('optimize')",
                         error) &&
         _sb_store_exec (self, "INSERT INTO message_chars (message_chars) VALUES ('optimize')",
                         error);
}
