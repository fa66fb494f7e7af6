/* sb-message-intake.c — many new messages at once, as one change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import brings tens of thousands of messages. Adding them one by one with
 * sb_campaign_add_message() and sb_campaign_assign() costs a savepoint, a settings
 * look-up, a reference counter update and a re-read of the message per row. The
 * intake opens one transaction, checks each message completely before it writes
 * anything (so a refused message leaves nothing behind and needs no savepoint),
 * numbers references from one counter read, and saves the whole as one change on
 * commit. The checks are the same as sb_campaign_add_message()'s.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-message-intake.h"

struct _SbMessageIntake
{
  GObject     parent_instance;

  SbCampaign *campaign;
  char       *today;
  char       *default_prefix;
  GHashTable *detainee_ids;   /* id → itself */
  GHashTable *next_sequence;  /* prefix → gint64 *: the next free number */
  guint       n_added;
  gboolean    open;
  gboolean    broken;         /* a write failed half-way: only rollback is left */
};

G_DEFINE_FINAL_TYPE (SbMessageIntake, sb_message_intake, G_TYPE_OBJECT)

static void
sb_message_intake_dispose (GObject *object)
{
  SbMessageIntake *self = (SbMessageIntake *) object;

  if (self->open)
    sb_message_intake_rollback (self);
  g_clear_object (&self->campaign);

  G_OBJECT_CLASS (sb_message_intake_parent_class)->dispose (object);
}

static void
sb_message_intake_finalize (GObject *object)
{
  SbMessageIntake *self = (SbMessageIntake *) object;

  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->default_prefix, g_free);
  g_clear_pointer (&self->detainee_ids, g_hash_table_unref);
  g_clear_pointer (&self->next_sequence, g_hash_table_unref);

  G_OBJECT_CLASS (sb_message_intake_parent_class)->finalize (object);
}

static void
sb_message_intake_class_init (SbMessageIntakeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_message_intake_dispose;
  object_class->finalize = sb_message_intake_finalize;
}

static void
sb_message_intake_init (SbMessageIntake *self)
{
  self->detainee_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->next_sequence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * sb_message_intake_new:
 *
 * Begins the transaction the messages are added in: nothing is saved until
 * sb_message_intake_commit(), and dropping the intake forgets them all. It is a
 * bulk transaction (sb_store_begin_bulk()): nothing but the intake may write to
 * the campaign until it ends.
 *
 * Returns: (transfer full): the intake, or %NULL with @error set
 */
SbMessageIntake *
sb_message_intake_new (SbCampaign  *campaign,
                       GError     **error)
{
  g_autoptr(SbMessageIntake) self = NULL;
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(SbMessage) blank = sb_message_new ();
  g_autofree char *default_prefix = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (campaign), NULL);

  detainees = sb_campaign_list_detainees (campaign, error);
  if (detainees == NULL ||
      (default_prefix = _sb_campaign_ref_prefix (campaign, blank, error)) == NULL ||
      !sb_store_begin_bulk (_sb_campaign_get_store (campaign), error))
    return NULL;

  self = g_object_new (SB_TYPE_MESSAGE_INTAKE, NULL);
  self->campaign = g_object_ref (campaign);
  self->open = TRUE;
  self->today = _sb_campaign_today (campaign);
  self->default_prefix = g_steal_pointer (&default_prefix);
  for (guint i = 0; i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (detainees, i);

      g_hash_table_add (self->detainee_ids, g_strdup (detainee->id));
    }
  return g_steal_pointer (&self);
}

/* The next reference number for @prefix: one read of the counter, then counting. */
static gint64
take_sequence (SbMessageIntake  *self,
               const char       *prefix,
               GError          **error)
{
  gint64 *next = g_hash_table_lookup (self->next_sequence, prefix);

  if (next == NULL)
    {
      gint64 first = sb_store_next_sequence (_sb_campaign_get_store (self->campaign), prefix, error);

      if (first <= 0)
        return 0;
      next = g_new (gint64, 1);
      *next = first;
      g_hash_table_insert (self->next_sequence, g_strdup (prefix), next);
    }
  return (*next)++;
}

/* The detainees as ids of this campaign, each once; a name is looked up as
 * sb_campaign_assign() would. */
static GPtrArray *
resolve_detainees (SbMessageIntake    *self,
                   const char *const  *detainee_ids,
                   GError            **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; detainee_ids != NULL && detainee_ids[i] != NULL; i++)
    {
      g_autofree char *id = NULL;

      if (g_hash_table_contains (self->detainee_ids, detainee_ids[i]))
        id = g_strdup (detainee_ids[i]);
      else
        {
          g_autoptr(SbDetainee) detainee = sb_campaign_get_detainee (self->campaign,
                                                                     detainee_ids[i], error);
          if (detainee == NULL)
            return NULL;
          id = g_strdup (detainee->id);
        }
      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  return g_steal_pointer (&ids);
}

/* A duplicate is linked to the first message of its kind, as
 * sb_campaign_mark_duplicate() does. */
static gboolean
resolve_original (SbMessageIntake  *self,
                  SbMessage        *message,
                  GError          **error)
{
  g_autoptr(SbMessage) original = NULL;

  if (message->duplicate_of == NULL || *message->duplicate_of == '\0')
    {
      g_clear_pointer (&message->duplicate_of, g_free);
      return TRUE;
    }
  original = sb_campaign_get_message (self->campaign, message->duplicate_of, error);
  if (original == NULL)
    return FALSE;
  _sb_set_str (&message->duplicate_of,
               original->duplicate_of != NULL ? original->duplicate_of : original->id);
  return TRUE;
}

static gboolean
insert_copies (SbMessageIntake  *self,
               const SbMessage  *message,
               GPtrArray        *detainee_ids,
               GError          **error)
{
  SbStore *store = _sb_campaign_get_store (self->campaign);

  for (guint i = 0; i < detainee_ids->len; i++)
    {
      SbCopy copy = {
        .message_id = message->id,
        .detainee_id = g_ptr_array_index (detainee_ids, i),
        .state = (char *) sb_copy_state_to_nick (SB_COPY_STATE_PENDING),
        .outcome_reason = (char *) "",
      };

      if (!sb_store_insert_copy (store, &copy, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sb_message_intake_check:
 * @message: a new message, as for sb_campaign_add_message()
 *
 * The part of sb_message_intake_add() that needs no campaign: gives empty fields
 * their defaults, checks the fields and makes the message's search key. It may run
 * in any thread, at the same time as sb_message_intake_add() of other messages, so
 * an import can check the next rows while the campaign saves the last ones.
 *
 * Returns: (transfer full): what to pass to sb_message_intake_add() as @checked,
 *   or %NULL with @error set (SB_CORE_ERROR) when the message is refused
 */
char *
sb_message_intake_check (SbMessageIntake  *self,
                         SbMessage        *message,
                         GError          **error)
{
  g_return_val_if_fail (SB_IS_MESSAGE_INTAKE (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  if (!_sb_message_check_new (message, self->today, error))
    return NULL;
  return _sb_message_content_key (message);
}

/**
 * sb_message_intake_add:
 * @message: a new message, as for sb_campaign_add_message(); it may name the
 *   message it repeats in duplicate_of
 * @checked: (nullable): what sb_message_intake_check() returned for @message, or
 *   %NULL to check it here
 * @detainee_ids: (nullable) (array zero-terminated=1): its addressees, by id or name
 *
 * Checks the message and its addressees, then adds it with a copy for each.
 * Refused with SB_CORE_ERROR, it leaves nothing behind and the intake goes on;
 * any other error means the campaign could not be written, and only
 * sb_message_intake_rollback() is left.
 *
 * Returns: %TRUE when added; @message then holds its id and reference
 */
gboolean
sb_message_intake_add (SbMessageIntake    *self,
                       SbMessage          *message,
                       const char         *checked,
                       const char *const  *detainee_ids,
                       GError            **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *own_check = NULL;
  g_autofree char *office_prefix = NULL;
  const char *prefix;
  gint64 sequence;

  g_return_val_if_fail (SB_IS_MESSAGE_INTAKE (self), FALSE);
  g_return_val_if_fail (self->open && !self->broken, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (checked == NULL && (checked = own_check = sb_message_intake_check (self, message, error)) == NULL)
    return FALSE;
  if (!_sb_campaign_check_office (self->campaign, message, error) ||
      !resolve_original (self, message, error) ||
      (ids = resolve_detainees (self, detainee_ids, error)) == NULL)
    return FALSE;

  if (message->office_id == NULL)
    prefix = self->default_prefix;
  else if ((prefix = office_prefix = _sb_campaign_ref_prefix (self->campaign, message, error)) == NULL)
    return FALSE;
  self->broken = TRUE;
  sequence = take_sequence (self, prefix, error);
  if (sequence <= 0 ||
      !_sb_campaign_insert_message (self->campaign, message, prefix, sequence, checked, error) ||
      !insert_copies (self, message, ids, error))
    return FALSE;
  self->broken = FALSE;
  self->n_added++;
  return TRUE;
}

guint
sb_message_intake_get_n_added (SbMessageIntake *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_INTAKE (self), 0);
  return self->n_added;
}

/**
 * sb_message_intake_commit:
 *
 * Saves every message added, as one change of the campaign.
 */
gboolean
sb_message_intake_commit (SbMessageIntake  *self,
                          GError          **error)
{
  SbStore *store;
  GHashTableIter iter;
  gpointer prefix, next;

  g_return_val_if_fail (SB_IS_MESSAGE_INTAKE (self), FALSE);
  g_return_val_if_fail (self->open, FALSE);

  if (self->broken)
    {
      g_set_error_literal (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED,
                           _("The messages could not all be saved, so none were."));
      sb_message_intake_rollback (self);
      return FALSE;
    }
  store = _sb_campaign_get_store (self->campaign);
  g_hash_table_iter_init (&iter, self->next_sequence);
  while (g_hash_table_iter_next (&iter, &prefix, &next))
    if (!sb_store_skip_sequence (store, prefix, *(gint64 *) next, error))
      {
        sb_message_intake_rollback (self);
        return FALSE;
      }
  self->open = FALSE;
  return sb_campaign_commit (self->campaign, error);
}

/**
 * sb_message_intake_rollback:
 *
 * Forgets every message added.
 */
void
sb_message_intake_rollback (SbMessageIntake *self)
{
  g_return_if_fail (SB_IS_MESSAGE_INTAKE (self));

  if (!self->open)
    return;
  self->open = FALSE;
  sb_campaign_rollback (self->campaign);
}
