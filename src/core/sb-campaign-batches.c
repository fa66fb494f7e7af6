/* sb-campaign-batches.c — delivery batches: draft → sealed → handed over → closed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch is the chain of custody of the copies it carries. While it is a draft the
 * coordinator adjusts it freely; sealing freezes its items, gives it its code and a
 * digest of a canonical listing (docs/manifest-digest.md); after that nothing is
 * rewritten: outcomes are recorded, and mistakes are corrected by corrections that
 * leave a line in the batch's notes (the history triggers keep before → after).
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-batches.h"
#include "sb-bidi.h"
#include "sb-campaign-private.h"
#include "sb-names.h"
#include "sb-validate.h"

/* ------------------------------------------------------------------------ */
/* Records                                                                  */
/* ------------------------------------------------------------------------ */

void
sb_batch_line_free (SbBatchLine *line)
{
  if (line == NULL)
    return;
  g_clear_pointer (&line->item, sb_batch_item_free);
  g_clear_pointer (&line->copy, sb_copy_free);
  g_clear_pointer (&line->message, sb_message_free);
  g_clear_pointer (&line->detainee, sb_detainee_free);
  g_free (line->sender);
  g_free (line);
}

void
sb_batch_listing_free (SbBatchListing *listing)
{
  if (listing == NULL)
    return;
  g_free (listing->campaign_name);
  g_free (listing->hashtag);
  g_clear_pointer (&listing->batch, sb_batch_free);
  g_clear_pointer (&listing->facility, sb_facility_free);
  g_clear_pointer (&listing->lines, g_ptr_array_unref);
  g_free (listing);
}

/**
 * sb_batch_state_label:
 * @state: a batch's state as the campaign stores it (#SbBatchState's nicks)
 *
 * Returns: the state in the interface language
 */
const char *
sb_batch_state_label (const char *state)
{
  switch (sb_batch_state_from_nick (state))
    {
    case SB_BATCH_STATE_DRAFT:
      return _("Draft");
    case SB_BATCH_STATE_SEALED:
      return _("Sealed");
    case SB_BATCH_STATE_HANDED_OVER:
      return _("Handed over");
    case SB_BATCH_STATE_CLOSED:
      return _("Closed");
    case SB_BATCH_STATE_UNKNOWN:
    default:
      return state;
    }
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static SbBatch *
get_batch_in (SbCampaign  *self,
              const char  *batch_id,
              SbBatchState  state,
              GError      **error)
{
  g_autoptr(SbBatch) batch = sb_store_get_batch (_sb_campaign_get_store (self), batch_id, error);
  SbBatchState now;

  if (batch == NULL)
    return NULL;
  now = sb_batch_state_from_nick (batch->state);
  if (now == state)
    return g_steal_pointer (&batch);

  /* Whole sentences for each case: a draft has no code yet. */
  if (state == SB_BATCH_STATE_DRAFT)
    _sb_not_allowed (error, _("Batch %s is sealed: its items can no longer be changed. "
                              "Record a correction instead."), batch->code);
  else if (now == SB_BATCH_STATE_DRAFT)
    _sb_not_allowed (error, state == SB_BATCH_STATE_SEALED
                            ? _("Seal this draft batch before handing it over.")
                            : _("This draft batch has not been sealed and handed over yet."));
  else if (state == SB_BATCH_STATE_HANDED_OVER && now == SB_BATCH_STATE_SEALED)
    _sb_not_allowed (error, _("Batch %s has not been handed over yet. Record the handover "
                              "before recording what the facility did with its items."),
                     batch->code);
  else if (now == SB_BATCH_STATE_CLOSED)
    _sb_not_allowed (error, _("Batch %s is closed. Record a correction instead."), batch->code);
  else if (now == SB_BATCH_STATE_HANDED_OVER)
    _sb_not_allowed (error, _("Batch %s has already been handed over."), batch->code);
  else
    _sb_not_allowed (error, _("Batch %s is already sealed."), batch->code);
  return NULL;
}

static gboolean
is_released (const SbDetainee *detainee,
             const char       *today)
{
  return detainee->released_on != NULL && *detainee->released_on != '\0' &&
         strcmp (detainee->released_on, today) <= 0;
}

static gboolean
is_eligible_state (SbCopyState state)
{
  return state == SB_COPY_STATE_WAITING || state == SB_COPY_STATE_REJECTED ||
         state == SB_COPY_STATE_RETURNED;
}

/* A sender who did not consent is "withheld" on paper: no initials, no country
 * (in a small campaign either can tell who wrote). A name is printed without
 * bidirectional controls, which could turn it or the line around (src/text/sb-bidi.c). */
static char *
sender_as_consent_allows (const SbMessage *message,
                          gboolean        *withheld)
{
  *withheld = sb_consent_from_nick (message->consent) == SB_CONSENT_NONE;
  if (*withheld)
    return g_strdup ("");
  return sb_text_strip_bidi_controls (message->sender_name);
}

/* The item of @items that is the copy of @message_id for @detainee_id, or NULL. */
static SbBatchItem *
find_item (GPtrArray  *items,
           const char *message_id,
           const char *detainee_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      SbBatchItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->message_id, message_id) && g_str_equal (item->detainee_id, detainee_id))
        return item;
    }
  return NULL;
}

static char *
message_ref (SbStore    *store,
             const char *message_id)
{
  g_autoptr(SbMessage) message = sb_store_get_message (store, message_id, NULL);

  return g_strdup (message != NULL ? message->ref : message_id);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * sb_campaign_list_batches:
 * @facility: (nullable): a facility id or code, or %NULL for every facility
 *
 * Returns: (transfer full) (element-type SbBatch): newest first
 */
GPtrArray *
sb_campaign_list_batches (SbCampaign  *self,
                          const char  *facility,
                          GError     **error)
{
  g_autoptr(SbFacility) found = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  if (facility != NULL)
    {
      found = sb_campaign_get_facility (self, facility, error);
      if (found == NULL)
        return NULL;
    }
  return sb_store_list_batches (_sb_campaign_get_store (self), found ? found->id : NULL, error);
}

SbBatch *
sb_campaign_get_batch (SbCampaign  *self,
                       const char  *id_or_code,
                       GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_get_batch (_sb_campaign_get_store (self), id_or_code, error);
}

GPtrArray *
sb_campaign_list_batch_items (SbCampaign  *self,
                              const char  *batch_id,
                              GError     **error)
{
  g_autoptr(SbBatch) batch = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  batch = sb_store_get_batch (_sb_campaign_get_store (self), batch_id, error);
  if (batch == NULL)
    return NULL;
  return sb_store_list_batch_items (_sb_campaign_get_store (self), batch->id, error);
}

/**
 * sb_campaign_get_batch_listing:
 *
 * Reads a batch with its facility, items, copies, messages and detainees, for the
 * manifest, the cards and the digest. The result is plain data: it may be handed to
 * another thread.
 *
 * Returns: (transfer full): the listing, or %NULL with @error set
 */
SbBatchListing *
sb_campaign_get_batch_listing (SbCampaign  *self,
                               const char  *batch_id,
                               GError     **error)
{
  SbStore *store;
  g_autoptr(SbBatchListing) listing = g_new0 (SbBatchListing, 1);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) detainees = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  store = _sb_campaign_get_store (self);
  listing->batch = sb_store_get_batch (store, batch_id, error);
  if (listing->batch == NULL)
    return NULL;
  listing->facility = sb_store_get_facility (store, listing->batch->facility_id, error);
  if (listing->facility == NULL)
    return NULL;
  listing->campaign_name = sb_campaign_get_setting (self, SB_SETTING_NAME, error);
  if (listing->campaign_name == NULL)
    return NULL;
  listing->hashtag = sb_campaign_get_setting (self, SB_SETTING_HASHTAG, error);
  if (listing->hashtag == NULL)
    return NULL;
  items = sb_store_list_batch_items (store, listing->batch->id, error);
  if (items == NULL)
    return NULL;

  detainees = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) sb_detainee_free);
  listing->lines = g_ptr_array_new_full (items->len, (GDestroyNotify) sb_batch_line_free);
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(SbBatchLine) line = g_new0 (SbBatchLine, 1);
      SbDetainee *detainee;

      line->item = g_steal_pointer (&g_ptr_array_index (items, i));
      line->copy = sb_store_get_copy (store, line->item->message_id, line->item->detainee_id, error);
      if (line->copy == NULL)
        return NULL;
      line->message = sb_store_get_message (store, line->copy->message_id, error);
      if (line->message == NULL)
        return NULL;
      detainee = g_hash_table_lookup (detainees, line->copy->detainee_id);
      if (detainee == NULL)
        {
          detainee = sb_store_get_detainee (store, line->copy->detainee_id, error);
          if (detainee == NULL)
            return NULL;
          g_hash_table_insert (detainees, detainee->id, detainee);
        }
      line->detainee = sb_detainee_copy (detainee);
      line->sender = sender_as_consent_allows (line->message, &line->sender_withheld);
      g_ptr_array_add (listing->lines, g_steal_pointer (&line));
    }
  return g_steal_pointer (&listing);
}

/**
 * sb_campaign_list_eligible_copies:
 * @facility: a facility id or code
 *
 * Returns: (transfer full) (element-type SbCopy): every copy that could go into a
 *   batch for @facility now, oldest message first
 */
GPtrArray *
sb_campaign_list_eligible_copies (SbCampaign  *self,
                                  const char  *facility,
                                  GError     **error)
{
  g_autoptr(SbFacility) found = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  found = sb_campaign_get_facility (self, facility, error);
  if (found == NULL)
    return NULL;
  today = _sb_campaign_today (self);
  return sb_store_list_eligible_copies (_sb_campaign_get_store (self), found->id, today,
                                        G_MAXINT, error);
}

/**
 * sb_campaign_find_copies:
 * @message_ref: a message reference ("PP-0042") or id
 * @detainee: (nullable): a detainee's id or name, or %NULL for all the message's copies
 *
 * Returns: (transfer full) (element-type SbCopy): the copies, or %NULL with @error set
 */
GPtrArray *
sb_campaign_find_copies (SbCampaign  *self,
                         const char  *message_ref,
                         const char  *detainee,
                         GError     **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(SbDetainee) found = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  copies = sb_campaign_list_copies (self, message_ref, error);
  if (copies == NULL || detainee == NULL)
    return g_steal_pointer (&copies);
  found = sb_campaign_get_detainee (self, detainee, error);
  if (found == NULL)
    return NULL;
  for (guint i = copies->len; i > 0; i--)
    if (!g_str_equal (((SbCopy *) g_ptr_array_index (copies, i - 1))->detainee_id, found->id))
      g_ptr_array_remove_index (copies, i - 1);
  if (copies->len == 0)
    {
      _sb_not_allowed (error, _("%s is not addressed to %s."), message_ref, sb_detainee_get_name (found));
      return NULL;
    }
  return g_steal_pointer (&copies);
}

/* ------------------------------------------------------------------------ */
/* Draft                                                                    */
/* ------------------------------------------------------------------------ */

/* Puts one copy into a draft batch, or says why it may not go. */
static gboolean
add_copy (SbCampaign   *self,
          const SbBatch *batch,
          GPtrArray    *items,
          const SbCopy *wanted,
          const char   *today,
          GError      **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autoptr(SbCopy) copy = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(SbDetainee) detainee = NULL;
  g_autoptr(SbBatch) other = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbBatchItem) item = NULL;
  int position = 0;

  if (find_item (items, wanted->message_id, wanted->detainee_id) != NULL)
    return TRUE;

  copy = sb_store_get_copy (store, wanted->message_id, wanted->detainee_id, error);
  if (copy == NULL)
    return FALSE;
  message = sb_store_get_message (store, copy->message_id, error);
  detainee = message ? sb_store_get_detainee (store, copy->detainee_id, error) : NULL;
  if (detainee == NULL)
    return FALSE;

  if (g_strcmp0 (detainee->facility_id, batch->facility_id) != 0)
    return _sb_not_allowed (error, _("The copy of %s for %s cannot go in this batch: %s is not "
                                     "held at this facility."),
                            message->ref, sb_detainee_get_name (detainee), sb_detainee_get_name (detainee));
  if (is_released (detainee, today))
    return _sb_not_allowed (error, _("%s was released on %s: the copy of %s is no longer "
                                     "delivered."),
                            sb_detainee_get_name (detainee), detainee->released_on, message->ref);
  if (sb_message_status_from_nick (message->status) != SB_MESSAGE_STATUS_APPROVED)
    return _sb_not_allowed (error, _("%s is not approved for delivery."), message->ref);
  other = sb_store_find_open_batch (store, copy, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other != NULL && other->code == NULL)
    return _sb_not_allowed (error, _("The copy of %s for %s is already in a draft batch."),
                            message->ref, sb_detainee_get_name (detainee));
  if (other != NULL)
    return _sb_not_allowed (error, _("The copy of %s for %s is already in batch %s."),
                            message->ref, sb_detainee_get_name (detainee), other->code);
  if (!is_eligible_state (sb_copy_state_from_nick (copy->state)))
    return _sb_not_allowed (error, _("The copy of %s for %s has already been delivered."),
                            message->ref, sb_detainee_get_name (detainee));

  for (guint i = 0; i < items->len; i++)
    position = MAX (position, ((SbBatchItem *) g_ptr_array_index (items, i))->position);

  item = sb_batch_item_new ();
  _sb_set_str (&item->batch_id, batch->id);
  _sb_set_str (&item->message_id, copy->message_id);
  _sb_set_str (&item->detainee_id, copy->detainee_id);
  item->position = position + 1;
  _sb_set_str (&item->outcome, "");
  _sb_set_str (&item->outcome_reason, "");
  if (!sb_store_insert_batch_item (store, item, error))
    return FALSE;
  g_ptr_array_add (items, g_steal_pointer (&item));

  _sb_set_str (&copy->state, sb_copy_state_to_nick (SB_COPY_STATE_IN_BATCH));
  return sb_store_update_copy (store, copy, error);
}

static gboolean
add_copies (SbCampaign         *self,
            const SbBatch      *batch,
            GPtrArray          *copies,
            GError            **error)
{
  g_autofree char *today = _sb_campaign_today (self);
  g_autoptr(GPtrArray) items = NULL;

  items = sb_store_list_batch_items (_sb_campaign_get_store (self), batch->id, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    if (!add_copy (self, batch, items, g_ptr_array_index (copies, i), today, error))
      return FALSE;
  return TRUE;
}

/**
 * sb_campaign_create_batch:
 * @facility: a facility id or code
 *
 * Creates a draft batch for @facility and fills it with the copies that may go
 * there — waiting, or rejected or returned before — of approved messages for the
 * detainees held there, oldest first, up to the facility's items per batch.
 *
 * Returns: (transfer full): the new draft, or %NULL with @error set
 */
SbBatch *
sb_campaign_create_batch (SbCampaign  *self,
                          const char  *facility,
                          GError     **error)
{
  SbStore *store;
  g_autoptr(SbFacility) found = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *today = NULL;
  gboolean ok;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  store = _sb_campaign_get_store (self);
  found = sb_campaign_get_facility (self, facility, error);
  if (found == NULL)
    return NULL;
  today = _sb_campaign_today (self);
  copies = sb_store_list_eligible_copies (store, found->id, today,
                                          MAX (found->items_per_batch, 1), error);
  if (copies == NULL)
    return NULL;
  if (copies->len == 0)
    {
      _sb_not_allowed (error, _("No approved message is waiting for the detainees held at %s."),
                       sb_facility_get_name (found));
      return NULL;
    }

  batch = sb_batch_new ();
  g_free (batch->id);
  batch->id = sb_campaign_new_id (self);
  _sb_set_str (&batch->facility_id, found->id);
  _sb_set_str (&batch->state, sb_batch_state_to_nick (SB_BATCH_STATE_DRAFT));
  _sb_set_str (&batch->created_on, today);
  _sb_set_str (&batch->handed_by, "");
  _sb_set_str (&batch->received_by, "");
  _sb_set_str (&batch->received_position, "");
  _sb_set_str (&batch->notes, "");

  if (!sb_store_begin (store, error))
    return NULL;
  ok = sb_store_insert_batch (store, batch, error) &&
       add_copies (self, batch, copies, error);
  if (!_sb_campaign_finish (self, ok, error))
    return NULL;
  return g_steal_pointer (&batch);
}

/**
 * sb_campaign_batch_add:
 * @copies: (element-type SbCopy): copies to add to a draft batch (their message and
 *   detainee say which)
 *
 * Refused, with nothing changed, if any copy may not go: a detainee released or held
 * elsewhere, a message not approved, a copy already delivered or in another open batch.
 */
gboolean
sb_campaign_batch_add (SbCampaign         *self,
                       const char         *batch_id,
                       GPtrArray          *copies,
                       GError            **error)
{
  g_autoptr(SbBatch) batch = NULL;
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (copies != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  batch = get_batch_in (self, batch_id, SB_BATCH_STATE_DRAFT, error);
  if (batch == NULL || !sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, add_copies (self, batch, copies, error), error);
}

static gboolean
remove_copies (SbCampaign         *self,
               const SbBatch      *batch,
               GPtrArray          *copies,
               GError            **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autoptr(GPtrArray) items = sb_store_list_batch_items (store, batch->id, error);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    {
      const SbCopy *wanted = g_ptr_array_index (copies, i);
      SbBatchItem *item = find_item (items, wanted->message_id, wanted->detainee_id);
      g_autoptr(SbCopy) copy = NULL;
      g_autoptr(SbMessage) message = NULL;
      g_autoptr(SbBatch) other = NULL;
      g_autofree char *last = NULL;
      GError *local_error = NULL;

      if (item == NULL)
        {
          g_autofree char *ref = message_ref (store, wanted->message_id);

          return _sb_not_allowed (error, _("%s is not in this batch."), ref);
        }
      copy = sb_store_get_copy (store, item->message_id, item->detainee_id, error);
      if (copy == NULL || !sb_store_delete_batch_item (store, item, error))
        return FALSE;
      /* Back to where it was before: waiting, or as the facility last sent it back;
       * pending if another office held or deleted its message meanwhile (the copy
       * stayed in the batch, docs/exchange.md, "Conflicts"); still in a batch if
       * another office put it in one too. */
      last = sb_store_last_outcome (store, copy, batch->id, error);
      if (last == NULL || (message = sb_store_get_message (store, item->message_id, error)) == NULL)
        return FALSE;
      other = sb_store_find_open_batch (store, copy, batch->id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (other != NULL)
        _sb_set_str (&copy->state, sb_copy_state_to_nick (SB_COPY_STATE_IN_BATCH));
      else if (sb_message_status_from_nick (message->status) != SB_MESSAGE_STATUS_APPROVED)
        _sb_set_str (&copy->state, sb_copy_state_to_nick (SB_COPY_STATE_PENDING));
      else
        _sb_set_str (&copy->state, is_eligible_state (sb_copy_state_from_nick (last))
                                   ? last : sb_copy_state_to_nick (SB_COPY_STATE_WAITING));
      if (!sb_store_update_copy (store, copy, error))
        return FALSE;
      g_ptr_array_remove (items, item);
    }
  return TRUE;
}

/**
 * sb_campaign_batch_remove:
 * @copies: (element-type SbCopy): copies to take out of a draft batch (their message
 *   and detainee say which)
 *
 * The copies go back to waiting (or to rejected/returned if a facility sent them
 * back before), ready for another batch.
 */
gboolean
sb_campaign_batch_remove (SbCampaign         *self,
                          const char         *batch_id,
                          GPtrArray          *copies,
                          GError            **error)
{
  g_autoptr(SbBatch) batch = NULL;
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (copies != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  batch = get_batch_in (self, batch_id, SB_BATCH_STATE_DRAFT, error);
  if (batch == NULL || !sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, remove_copies (self, batch, copies, error), error);
}

/* ------------------------------------------------------------------------ */
/* Reasons                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * sb_campaign_list_reasons:
 * @kind: "reject" (why a facility refused an item) or "hold"
 *
 * Returns: (transfer full) (element-type utf8): the reasons, in their order
 */
GPtrArray *
sb_campaign_list_reasons (SbCampaign  *self,
                          const char  *kind,
                          GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_list_reasons (_sb_campaign_get_store (self), kind, error);
}

gboolean
sb_campaign_add_reason (SbCampaign  *self,
                        const char  *kind,
                        const char  *label,
                        GError     **error)
{
  static const char *const kinds[] = { "hold", "reject", NULL };
  SbStore *store;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) existing = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  if (!sb_validate_choice (kind, _("Kind of reason"), kinds, error) ||
      !sb_validate_text (label, _("Reason"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error))
    return FALSE;
  store = _sb_campaign_get_store (self);
  existing = sb_store_list_reasons (store, kind, error);
  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    if (g_str_equal (g_ptr_array_index (existing, i), label))
      return TRUE;
  id = sb_campaign_new_id (self);
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_insert_reason (store, id, kind, label, error), error);
}
