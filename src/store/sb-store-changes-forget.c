/* sb-store-changes-forget.c — an erased sender leaves this replica's outgoing log
 * too
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Erasure". The log (exchange_log) keeps each change this
 * replica made, to be sent to offices that have not received it yet, and a bundle
 * is written from it. Erasing a sender rewrote the message and its history, but the
 * log still held the sender in the changes that typed it, and the erasure's own
 * change held it in its old values (an UPDATE's changeset carries the values it
 * replaced, a DELETE the whole row: a scan's image). So at the commit of a
 * transaction that erased a sender, every row of the log that names the message is
 * rewritten: the sender's name, city and contact become empty in its rows of
 * `messages` (as the erasure left them), the message's scans are dropped from it
 * (their deletion stays, without the image), and the history it carries is erased as
 * the history table was. An office that receives an old change after that gets the
 * erased values; being older than the erasure, they lose to it anyway. The bundles
 * already written from those rows are written again at the next exchange
 * (`rewritten-from`, sb-campaign-exchange-own.c). The changesets are rewritten by
 * sb-store-changeset-rewrite.c.
 */

#define G_LOG_DOMAIN "sb-store"

#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <string.h>

#include "sb-store-changes-private.h"
#include "sb-store-erasure.h"

/* SB_EXCHANGE_REWRITTEN_FROM of src/core/sb-exchange-private.h */
#define REWRITTEN_FROM "rewritten-from"

/* The sender's fields in the history. */
static const char *const sender_columns[] = { "sender_name", "sender_city", "sender_contact" };

static gboolean
is_sender_field (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (sender_columns); i++)
    if (strcmp (field, sender_columns[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
erased_value (const char *value,
              gboolean   *changed)
{
  if (value == NULL || *value == '\0' || strcmp (value, SB_STORE_ERASED) == 0)
    return value;
  *changed = TRUE;
  return SB_STORE_ERASED;
}

/* The history rows with the message's sender erased, as
 * _sb_store_erase_sender_history () erases the history table; NULL if unchanged. */
static GBytes *
erase_in_history (GBytes     *history,
                  const char *message_id)
{
  g_autoptr(GVariant) rows = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a(sssssmsms)"),
                                                                             history, FALSE));
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sssssmsms)"));
  const char *at, *operator_name, *entity, *entity_id, *field, *before, *after;
  gboolean changed = FALSE;
  GVariantIter iter;

  g_variant_iter_init (&iter, rows);
  while (g_variant_iter_next (&iter, "(&s&s&s&s&sm&sm&s)", &at, &operator_name, &entity,
                              &entity_id, &field, &before, &after))
    {
      if (strcmp (entity, "message") == 0 && strcmp (entity_id, message_id) == 0 &&
          is_sender_field (field))
        {
          before = erased_value (before, &changed);
          after = erased_value (after, &changed);
        }
      g_variant_builder_add (builder, "(sssssmsms)", at, operator_name, entity, entity_id,
                             field, before, after);
    }
  if (!changed)
    return NULL;
  return g_variant_get_data_as_bytes (g_variant_ref_sink (g_variant_builder_end (builder)));
}

static gboolean
rewrite_row (SbStore     *self,
             gint64       seq,
             GByteArray  *changeset,
             GBytes      *history,
             GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "UPDATE exchange_log SET changeset = coalesce (?1, changeset), "
    "history = coalesce (?2, history) WHERE seq = ?3", error);

  if (stmt == NULL)
    return FALSE;
  if (changeset != NULL)
    sqlite3_bind_blob (stmt, 1, changeset->len > 0 ? (const void *) changeset->data : "",
                       changeset->len, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  if (history != NULL)
    sqlite3_bind_blob (stmt, 2, g_bytes_get_size (history) > 0 ? g_bytes_get_data (history, NULL) : "",
                       g_bytes_get_size (history), SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, seq);
  return _sb_store_step_done (self, stmt, error);
}

/* Every row of the log that names the message, with its sender erased. */
static gboolean
erase_in_log (SbStore     *self,
              const char  *message_id,
              gint64      *first,
              GError     **error)
{
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) changesets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  g_autoptr(GPtrArray) histories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  sqlite3_stmt *stmt = _sb_store_prepare (self,
    "SELECT seq, changeset, history FROM exchange_log "
    "WHERE instr (changeset, ?1) > 0 OR instr (history, ?1) > 0 ORDER BY seq", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* As a blob: instr () then compares bytes. */
  sqlite3_bind_blob (stmt, 1, message_id, strlen (message_id), SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) history = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));
      GByteArray *changeset = _sb_store_changeset_erase_sender (self, sqlite3_column_blob (stmt, 1),
                                                  sqlite3_column_bytes (stmt, 1), message_id);
      GBytes *erased_history = g_bytes_get_size (history) > 0 ? erase_in_history (history, message_id) : NULL;
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      if (changeset == NULL && erased_history == NULL)
        continue;
      g_array_append_val (seqs, seq);
      g_ptr_array_add (changesets, changeset);
      g_ptr_array_add (histories, erased_history);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error);
  for (guint i = 0; i < seqs->len; i++)
    {
      gint64 seq = g_array_index (seqs, gint64, i);

      if (!rewrite_row (self, seq, changesets->pdata[i], histories->pdata[i], error))
        return FALSE;
      *first = *first == 0 ? seq : MIN (*first, seq);
    }
  return TRUE;
}

/**
 * _sb_store_changes_forget_erased:
 *
 * At the commit of a transaction that erased senders (_sb_store_changes_note_erasure ()),
 * after its own change is logged: erases them from every row of the log, and
 * notes from which change on the bundles must be written again.
 */
gboolean
_sb_store_changes_forget_erased (SbStore  *self,
                                 GError  **error)
{
  g_autoptr(GPtrArray) ids = g_steal_pointer (&self->changes->erased_ids);
  g_autofree char *noted = NULL;
  gint64 first = 0;

  if (ids == NULL)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    {
      gboolean erased = FALSE;

      /* Not if the erasure was rolled back to a savepoint since. */
      if (!sb_store_sender_is_erased (self, ids->pdata[i], &erased, error) ||
          (erased && !erase_in_log (self, ids->pdata[i], &first, error)))
        return FALSE;
    }
  if (first == 0)
    return TRUE;
  noted = _sb_store_changes_get_value (self, REWRITTEN_FROM);
  if (noted != NULL && g_ascii_strtoll (noted, NULL, 10) < first)
    return TRUE;
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, first);

    return _sb_store_changes_set_value (self, REWRITTEN_FROM, text, error);
  }
}

/* A sender erased in this transaction: see _sb_store_changes_forget_erased (). */
void
_sb_store_changes_note_erasure (SbStore    *self,
                                const char *message_id)
{
  if (self->changes == NULL)
    return;
  if (self->changes->erased_ids == NULL)
    self->changes->erased_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->changes->erased_ids, g_strdup (message_id));
}
