/* sb-campaign-custody.c — sealing, handover, outcomes, corrections and the digest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-batches.h"
#include "sb-campaign-private.h"
#include "sb-names.h"
#include "sb-text.h"
#include "sb-validate.h"

static SbBatch *
get_batch (SbCampaign  *self,
           const char  *batch_id,
           GError     **error)
{
  return sb_store_get_batch (_sb_campaign_get_store (self), batch_id, error);
}

/* ------------------------------------------------------------------------ */
/* The digest                                                               */
/* ------------------------------------------------------------------------ */

/* A field of the listing never holds a tab or a line break (see the format). */
static void
append_field (GString    *out,
              const char *value)
{
  g_string_append_c (out, '\t');
  for (const char *p = value ? value : ""; *p; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
append_text_hash (GString    *out,
                  const char *text)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text ? text : "", -1);

  append_field (out, hash);
}

/**
 * sb_batch_listing_canonical:
 *
 * The canonical listing of a sealed batch, the text its digest is computed over.
 * UTF-8, lines ending in LF (also the last), fields separated by one TAB:
 *
 *     sambot-manifest-digest 1
 *     batch     <batch code>
 *     facility  <facility code>
 *     items     <number of items>
 *     item      <position> <message ref> <copy id> <detainee id> <received on>
 *               <channel> <language> <sha256 of original text> <sha256 of Khmer translation>
 *     …one "item" line per item, by position (1, 2, …)
 *
 * (one TAB between the fields shown above with spaces). The copy id is the copy's
 * name, sb_copy_dup_name(): the id it had before schema 10, so that batches sealed
 * before still verify, or its message's id and detainee's id joined by ':'. Hashes are lowercase hex
 * SHA-256 of the exact UTF-8 text as stored; a TAB, CR or LF inside a field would be
 * written as a space. docs/manifest-digest.md describes it for people checking a
 * manifest without Sambot.
 *
 * Returns: (transfer full): the listing
 */
char *
sb_batch_listing_canonical (const SbBatchListing *listing)
{
  GString *out = g_string_new (SB_MANIFEST_DIGEST_FORMAT "\n");

  g_return_val_if_fail (listing != NULL, NULL);

  g_string_append (out, "batch");
  append_field (out, listing->batch->code);
  g_string_append (out, "\nfacility");
  append_field (out, listing->facility->code);
  g_string_append_printf (out, "\nitems\t%u\n", listing->lines->len);
  for (guint i = 0; i < listing->lines->len; i++)
    {
      const SbBatchLine *line = g_ptr_array_index (listing->lines, i);
      g_autofree char *copy_name = sb_copy_dup_name (line->copy);

      g_string_append_printf (out, "item\t%d", line->item->position);
      append_field (out, line->message->ref);
      append_field (out, copy_name);
      append_field (out, line->detainee->id);
      append_field (out, line->message->received_on);
      append_field (out, line->message->channel);
      append_field (out, line->message->language);
      append_text_hash (out, line->message->original_text);
      append_text_hash (out, line->message->translation_km);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/**
 * sb_batch_listing_digest:
 *
 * Returns: (transfer full): the SHA-256 of sb_batch_listing_canonical(), lowercase hex
 */
char *
sb_batch_listing_digest (const SbBatchListing *listing)
{
  g_autofree char *canonical = sb_batch_listing_canonical (listing);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

/**
 * sb_campaign_verify_batch:
 * @digest: the digest printed on a manifest: all 64 hex digits, or at least the
 *   first 16 (as in the footers); case and spaces do not matter
 * @matches: (out): whether the batch, as the campaign holds it now, has that digest
 *
 * Recomputes the digest of a sealed batch from the campaign.
 *
 * Returns: %FALSE with @error set if the batch cannot be checked
 */
gboolean
sb_campaign_verify_batch (SbCampaign  *self,
                          const char  *batch_id,
                          const char  *digest,
                          gboolean    *matches,
                          GError     **error)
{
  g_autoptr(SbBatchListing) listing = NULL;
  g_autofree char *computed = NULL;
  g_autoptr(GString) given = g_string_new (NULL);

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (digest != NULL && matches != NULL, FALSE);

  for (const char *p = digest; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (given, g_ascii_tolower (*p));
  for (gsize i = 0; i < given->len; i++)
    if (!g_ascii_isxdigit (given->str[i]))
      return _sb_not_allowed (error, _("“%s” is not a digest: it should be hexadecimal digits "
                                       "(0–9, a–f)."), digest);
  if (given->len < 16 || given->len > 64)
    return _sb_not_allowed (error, _("Give at least the first 16 digits of the digest, as "
                                     "printed in the manifest's footer."));

  listing = sb_campaign_get_batch_listing (self, batch_id, error);
  if (listing == NULL)
    return FALSE;
  if (listing->batch->digest == NULL)
    return _sb_not_allowed (error, _("This batch is a draft: it has no digest until it is sealed."));
  computed = sb_batch_listing_digest (listing);
  *matches = strncmp (computed, given->str, given->len) == 0;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Sealing                                                                  */
/* ------------------------------------------------------------------------ */

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const SbBatchLine *x = *(SbBatchLine **) a;
  const SbBatchLine *y = *(SbBatchLine **) b;
  int c;

  if (x->detainee->position != y->detainee->position)
    return x->detainee->position < y->detainee->position ? -1 : 1;
  if ((c = g_strcmp0 (x->detainee->name_en, y->detainee->name_en)) != 0)
    return c;
  if ((c = g_strcmp0 (x->message->received_on, y->message->received_on)) != 0)
    return c;
  return g_strcmp0 (x->message->ref, y->message->ref);
}

static gboolean
seal_in_transaction (SbCampaign  *self,
                     SbBatch     *batch,
                     GError     **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autoptr(SbBatchListing) listing = NULL;
  g_autoptr(SbFacility) facility = NULL;
  g_autofree char *today = _sb_campaign_today (self);
  g_autofree char *prefix = NULL;
  g_autofree char *letter = NULL;
  gint64 taken;

  listing = sb_campaign_get_batch_listing (self, batch->id, error);
  if (listing == NULL)
    return FALSE;
  if (listing->lines->len == 0)
    return _sb_not_allowed (error, _("The batch is empty: add at least one message before "
                                     "sealing it."));

  /* A message held or deleted by an office that had not seen it in this batch
   * leaves its copy in the batch (docs/exchange.md, "Conflicts"): it is not sent
   * out unless approved again. */
  for (guint i = 0; i < listing->lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (listing->lines, i);

      if (sb_message_status_from_nick (line->message->status) != SB_MESSAGE_STATUS_APPROVED)
        /* Translators: %s is a message's reference */
        return _sb_not_allowed (error, _("%s is no longer approved: another office held or "
                                         "deleted it after it was put in this batch. Take it "
                                         "out of the batch, or approve it again, before "
                                         "sealing."), line->message->ref);
    }

  /* Another office may have sealed a batch holding one of these copies before
   * this office heard of it: the copy stays in both (docs/exchange.md,
   * "Conflicts"), and goes out once. */
  for (guint i = 0; i < listing->lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (listing->lines, i);
      g_autoptr(SbBatch) other = NULL;
      GError *local_error = NULL;

      other = sb_store_find_open_batch (store, line->copy, batch->id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (other != NULL && other->code != NULL)
        /* Translators: "The copy of PP-A-0042 for Ny Sokha is also in batch PS-2016-10-08-B-01…" */
        return _sb_not_allowed (error, _("The copy of %s for %s is also in batch %s, which "
                                         "another office has sealed. Take it out of this batch "
                                         "before sealing."),
                                line->message->ref, sb_detainee_get_name (line->detainee),
                                other->code);
    }

  /* The manifest lists the items by detainee, oldest message first: freeze that order. */
  g_ptr_array_sort (listing->lines, compare_lines);
  for (guint i = 0; i < listing->lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (listing->lines, i);

      line->item->position = (int) i + 1;
      if (!sb_store_update_batch_item (store, line->item, error))
        return FALSE;
    }

  facility = sb_store_get_facility (store, batch->facility_id, error);
  if (facility == NULL)
    return FALSE;
  /* Each replica numbers its own batches, so that two offices sealing for one
   * prison on one day never give the same code (docs/exchange.md, "Batch codes"):
   * PS-2016-10-08-B-01 on replica B; a campaign that never invited keeps
   * PS-2016-10-08-01. */
  letter = _sb_campaign_get_letter (self);
  if (letter != NULL)
    prefix = g_strdup_printf ("%s-%s-%s-", facility->code, today, letter);
  else
    prefix = g_strdup_printf ("%s-%s-", facility->code, today);
  taken = sb_store_count_batch_codes (store, prefix, error);
  if (taken < 0)
    return FALSE;
  g_free (batch->code);
  batch->code = g_strdup_printf ("%s%02" G_GINT64_FORMAT, prefix, taken + 1);
  _sb_set_str (&listing->batch->code, batch->code);

  g_free (batch->digest);
  batch->digest = sb_batch_listing_digest (listing);
  g_free (batch->sealed_at);
  batch->sealed_at = sb_store_now (store);
  _sb_set_str (&batch->state, sb_batch_state_to_nick (SB_BATCH_STATE_SEALED));
  return sb_store_update_batch (store, batch, error);
}

/**
 * sb_campaign_seal_batch:
 *
 * Freezes a draft batch: orders its items, gives it its code (facility code, day,
 * number of the day: "PS-2016-10-08-01"; in a campaign shared between offices the
 * replica's letter before the number, "PS-2016-10-08-B-01") and the digest of its
 * canonical listing.
 * An empty batch cannot be sealed.
 */
gboolean
sb_campaign_seal_batch (SbCampaign  *self,
                        const char  *batch_id,
                        GError     **error)
{
  g_autoptr(SbBatch) batch = NULL;
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  batch = get_batch (self, batch_id, error);
  if (batch == NULL)
    return FALSE;
  if (sb_batch_state_from_nick (batch->state) != SB_BATCH_STATE_DRAFT)
    return _sb_not_allowed (error, _("Batch %s is already sealed."), batch->code);
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, seal_in_transaction (self, batch, error), error);
}

/* ------------------------------------------------------------------------ */
/* Handover                                                                 */
/* ------------------------------------------------------------------------ */

/* "2016-10-08 09:30", "2016-10-08T09:30", with seconds and a zone or not (local
 * time) → "2016-10-08T02:30:00Z". */
static char *
parse_moment (const char *text)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) moment = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  if (text == NULL || strlen (text) < 16)
    return NULL;
  iso = g_strdup (text);
  g_strstrip (iso);
  if (iso[10] == ' ')
    iso[10] = 'T';
  if (strlen (iso) == 16)
    {
      char *longer = g_strconcat (iso, ":00", NULL);

      g_free (iso);
      iso = longer;
    }
  moment = g_date_time_new_from_iso8601 (iso, local);
  if (moment == NULL)
    return NULL;
  utc = g_date_time_to_utc (moment);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * sb_campaign_hand_over_batch:
 * @handed_over_at: when ("YYYY-MM-DD HH:MM" in local time, or ISO 8601 with a zone)
 * @handed_by: who from the campaign handed the batch over
 * @received_by: who at the facility received it
 * @received_position: their position ("Deputy director"); may be empty
 */
gboolean
sb_campaign_hand_over_batch (SbCampaign  *self,
                             const char  *batch_id,
                             const char  *handed_over_at,
                             const char  *handed_by,
                             const char  *received_by,
                             const char  *received_position,
                             GError     **error)
{
  SbStore *store;
  g_autoptr(SbBatch) batch = NULL;
  g_autofree char *moment = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  batch = get_batch (self, batch_id, error);
  if (batch == NULL)
    return FALSE;
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_DRAFT)
    return _sb_not_allowed (error, _("Seal the batch before handing it over."));
  if (sb_batch_state_from_nick (batch->state) != SB_BATCH_STATE_SEALED)
    return _sb_not_allowed (error, _("Batch %s has already been handed over."), batch->code);
  if (!sb_validate_text (handed_by, _("Handed over by"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error) ||
      !sb_validate_text (received_by, _("Received by"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error) ||
      !sb_validate_text (received_position, _("Position"), SB_MAX_NAME_CHARS, 0, error))
    return FALSE;
  moment = parse_moment (handed_over_at);
  if (moment == NULL)
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("Handover time “%s” is not a date and time like 2016-10-08 09:30."),
                   handed_over_at ? handed_over_at : "");
      return FALSE;
    }
  now = sb_store_now (store);
  if (batch->sealed_at != NULL && strncmp (moment, batch->sealed_at, 10) < 0)
    return _sb_not_allowed (error, _("The handover (%.10s) cannot be before the batch was "
                                     "sealed (%.10s)."), moment, batch->sealed_at);
  if (sb_days_between (now, moment) > 1)
    return _sb_not_allowed (error, _("The handover time %s is in the future."), moment);

  g_free (batch->handed_over_at);
  batch->handed_over_at = g_steal_pointer (&moment);
  _sb_set_str (&batch->handed_by, handed_by);
  _sb_set_str (&batch->received_by, received_by);
  _sb_set_str (&batch->received_position, received_position ? received_position : "");
  _sb_set_str (&batch->state, sb_batch_state_to_nick (SB_BATCH_STATE_HANDED_OVER));
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_update_batch (store, batch, error), error);
}

/* ------------------------------------------------------------------------ */
/* Outcomes                                                                 */
/* ------------------------------------------------------------------------ */

static gboolean
check_reason (SbCampaign  *self,
              const char  *outcome,
              const char  *reason,
              const char  *ref,
              GError     **error)
{
  g_autoptr(GPtrArray) reasons = NULL;

  if (sb_copy_state_from_nick (outcome) != SB_COPY_STATE_REJECTED)
    return sb_validate_text (reason, _("Reason"), SB_MAX_LINE_CHARS, 0, error);
  if (reason == NULL || *reason == '\0')
    return _sb_not_allowed (error, _("Say why the facility rejected %s."), ref);
  reasons = sb_campaign_list_reasons (self, "reject", error);
  if (reasons == NULL)
    return FALSE;
  for (guint i = 0; i < reasons->len; i++)
    if (g_str_equal (g_ptr_array_index (reasons, i), reason))
      return TRUE;
  return _sb_not_allowed (error, _("“%s” is not in the list of reasons for rejection. Add it to "
                                   "the list first."), reason);
}

/* Gives an item its outcome and moves its copy: delivered on @on, or back to the
 * campaign (rejected, returned) with one more attempt, ready for a later batch. */
static gboolean
apply_outcome (SbStore     *store,
               SbBatchItem *item,
               const char  *outcome,
               const char  *reason,
               const char  *on,
               gboolean     count_attempt,
               GError     **error)
{
  g_autoptr(SbCopy) copy = sb_store_get_copy (store, item->message_id, item->detainee_id, error);
  gboolean delivered = sb_copy_state_from_nick (outcome) == SB_COPY_STATE_DELIVERED;

  if (copy == NULL)
    return FALSE;
  _sb_set_str (&item->outcome, outcome);
  _sb_set_str (&item->outcome_reason, delivered ? "" : reason);
  _sb_set_str (&item->outcome_on, on);
  _sb_set_str (&copy->state, outcome);
  _sb_set_str (&copy->outcome_reason, delivered ? "" : reason);
  _sb_set_str (&copy->delivered_on, delivered ? on : NULL);
  if (count_attempt)
    copy->attempts++;
  return sb_store_update_batch_item (store, item, error) &&
         sb_store_update_copy (store, copy, error);
}

static gboolean
close_if_complete (SbStore    *store,
                   SbBatch    *batch,
                   GPtrArray  *items,
                   GError    **error)
{
  g_free (batch->closed_at);
  batch->closed_at = NULL;
  for (guint i = 0; i < items->len; i++)
    if (*((SbBatchItem *) g_ptr_array_index (items, i))->outcome == '\0')
      return TRUE;
  batch->closed_at = sb_store_now (store);
  _sb_set_str (&batch->state, sb_batch_state_to_nick (SB_BATCH_STATE_CLOSED));
  return sb_store_update_batch (store, batch, error);
}

static gboolean
record_in_transaction (SbCampaign              *self,
                       SbBatch                 *batch,
                       const SbBatchException  *exceptions,
                       guint                    n_exceptions,
                       gboolean                 rest_delivered,
                       const char              *on,
                       GError                 **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autoptr(GPtrArray) items = sb_store_list_batch_items (store, batch->id, error);

  if (items == NULL)
    return FALSE;
  for (guint e = 0; e < n_exceptions; e++)
    {
      SbBatchItem *item = NULL;
      g_autoptr(SbCopy) copy = NULL;
      g_autoptr(SbMessage) message = NULL;
      const char *ref;

      for (guint i = 0; i < items->len && item == NULL; i++)
        {
          SbBatchItem *candidate = g_ptr_array_index (items, i);

          if (g_str_equal (candidate->message_id, exceptions[e].message_id) &&
              g_str_equal (candidate->detainee_id, exceptions[e].detainee_id))
            item = candidate;
        }
      copy = sb_store_get_copy (store, exceptions[e].message_id, exceptions[e].detainee_id, error);
      if (copy == NULL)
        return FALSE;
      message = sb_store_get_message (store, copy->message_id, error);
      if (message == NULL)
        return FALSE;
      ref = message->ref;
      if (item == NULL)
        return _sb_not_allowed (error, _("%s is not in batch %s."), ref, batch->code);
      if (sb_copy_state_from_nick (item->outcome) == SB_COPY_STATE_DELIVERED)
        return _sb_not_allowed (error, _("%s is already recorded as delivered. Record a correction "
                                         "to change it."), ref);
      if (*item->outcome != '\0')
        return _sb_not_allowed (error, _("%s is already recorded as rejected or returned. Record a "
                                         "correction to change it."), ref);
      if (sb_copy_state_from_nick (exceptions[e].outcome) != SB_COPY_STATE_REJECTED &&
          sb_copy_state_from_nick (exceptions[e].outcome) != SB_COPY_STATE_RETURNED)
        return _sb_not_allowed (error, _("An exception is either rejected or returned."));
      if (!check_reason (self, exceptions[e].outcome, exceptions[e].reason, ref, error) ||
          !apply_outcome (store, item, exceptions[e].outcome,
                          exceptions[e].reason ? exceptions[e].reason : "", on, TRUE, error))
        return FALSE;
    }
  for (guint i = 0; rest_delivered && i < items->len; i++)
    {
      SbBatchItem *item = g_ptr_array_index (items, i);

      if (*item->outcome == '\0' &&
          !apply_outcome (store, item, sb_copy_state_to_nick (SB_COPY_STATE_DELIVERED), "", on,
                          TRUE, error))
        return FALSE;
    }
  return close_if_complete (store, batch, items, error);
}

/**
 * sb_campaign_record_outcomes:
 * @exceptions: (array length=n_exceptions): items the facility rejected or returned
 * @rest_delivered: every other item without an outcome was delivered
 * @on: (nullable): the day of the outcomes, "YYYY-MM-DD"; %NULL for the handover day
 *
 * Records what the facility did with a handed-over batch, in one operation. When
 * every item has an outcome the batch closes. Rejected and returned copies may go
 * into a later batch; their attempt counts grow by one.
 */
gboolean
sb_campaign_record_outcomes (SbCampaign              *self,
                             const char              *batch_id,
                             const SbBatchException  *exceptions,
                             guint                    n_exceptions,
                             gboolean                 rest_delivered,
                             const char              *on,
                             GError                 **error)
{
  SbStore *store;
  g_autoptr(SbBatch) batch = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (n_exceptions == 0 || exceptions != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  batch = get_batch (self, batch_id, error);
  if (batch == NULL)
    return FALSE;
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_DRAFT)
    return _sb_not_allowed (error, _("This draft batch has not been sealed and handed over yet."));
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_SEALED)
    return _sb_not_allowed (error, _("Batch %s has not been handed over yet. Record the handover "
                                     "before recording what the facility did with its items."),
                            batch->code);
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_CLOSED)
    return _sb_not_allowed (error, _("Batch %s is closed: every item has its outcome. Record a "
                                     "correction to change one."), batch->code);

  day = g_strndup (on != NULL && *on != '\0' ? on : batch->handed_over_at, 10);
  if (!sb_validate_date (day, _("Outcome date"), SB_FIELD_REQUIRED, error))
    return FALSE;
  if (strncmp (day, batch->handed_over_at, 10) < 0)
    return _sb_not_allowed (error, _("The outcome (%s) cannot be before the handover (%.10s)."),
                            day, batch->handed_over_at);

  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self,
                              record_in_transaction (self, batch, exceptions, n_exceptions,
                                                     rest_delivered, day, error),
                              error);
}

/**
 * sb_campaign_close_batch:
 *
 * Closes a handed-over batch whose items all have an outcome (recording the last
 * outcome closes it already; this says so, or what is missing).
 */
gboolean
sb_campaign_close_batch (SbCampaign  *self,
                         const char  *batch_id,
                         GError     **error)
{
  SbStore *store;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint missing = 0;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  batch = get_batch (self, batch_id, error);
  if (batch == NULL)
    return FALSE;
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_CLOSED)
    return TRUE;
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_DRAFT)
    return _sb_not_allowed (error, _("This draft batch has not been sealed and handed over yet."));
  if (sb_batch_state_from_nick (batch->state) != SB_BATCH_STATE_HANDED_OVER)
    return _sb_not_allowed (error, _("Batch %s has not been handed over yet."), batch->code);
  items = sb_store_list_batch_items (store, batch->id, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (*((SbBatchItem *) g_ptr_array_index (items, i))->outcome == '\0')
      missing++;
  if (missing > 0)
    return _sb_not_allowed (error, ngettext ("%u item of %s has no outcome yet.",
                                             "%u items of %s have no outcome yet.", missing),
                            missing, batch->code);
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, close_if_complete (store, batch, items, error), error);
}

/* ------------------------------------------------------------------------ */
/* Corrections                                                              */
/* ------------------------------------------------------------------------ */

static gboolean
correct_in_transaction (SbCampaign  *self,
                        SbBatch     *batch,
                        SbBatchItem *item,
                        const char  *ref,
                        const char  *outcome,
                        const char  *reason,
                        const char  *note,
                        GError     **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autofree char *now = sb_store_now (store);
  g_autofree char *old = g_strdup (item->outcome);
  g_autofree char *on = g_strdup (item->outcome_on);
  g_autoptr(GString) notes = g_string_new (batch->notes);

  /* The same attempt, told differently: the count of attempts stays. */
  if (!apply_outcome (store, item, outcome, reason ? reason : "", on, FALSE, error))
    return FALSE;
  if (notes->len > 0)
    g_string_append_c (notes, '\n');
  /* Kept in the campaign's words for the record; English like the history. */
  g_string_append_printf (notes, "%s correction by %s: %s %s -> %s", now,
                          sb_campaign_get_operator (self), ref, old, outcome);
  if (reason != NULL && *reason != '\0')
    g_string_append_printf (notes, " (%s)", reason);
  if (note != NULL && *note != '\0')
    g_string_append_printf (notes, ": %s", note);
  _sb_set_str (&batch->notes, notes->str);
  return sb_store_update_batch (store, batch, error);
}

/**
 * sb_campaign_correct_outcome:
 * @outcome: "delivered", "rejected" or "returned"
 * @reason: the reason for a rejection (from the list) or return
 * @note: (nullable): why the correction is made
 *
 * Corrects the outcome recorded for one item of a handed-over or closed batch. The
 * correction is recorded — in the batch's notes and in the history — and the earlier
 * outcome stays visible there.
 */
gboolean
sb_campaign_correct_outcome (SbCampaign  *self,
                             const char  *batch_id,
                             const char  *message_id,
                             const char  *detainee_id,
                             const char  *outcome,
                             const char  *reason,
                             const char  *note,
                             GError     **error)
{
  static const char *const outcomes[] = { "delivered", "rejected", "returned", NULL };
  SbStore *store;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(SbCopy) copy = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(SbBatch) other = NULL;
  g_autoptr(GError) local_error = NULL;
  SbBatchItem *item = NULL;
  SbBatchState state;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  if (!sb_validate_choice (outcome, _("Outcome"), outcomes, error) ||
      !sb_validate_text (note, _("Note"), SB_MAX_LINE_CHARS, 0, error))
    return FALSE;
  batch = get_batch (self, batch_id, error);
  if (batch == NULL)
    return FALSE;
  state = sb_batch_state_from_nick (batch->state);
  if (state != SB_BATCH_STATE_HANDED_OVER && state != SB_BATCH_STATE_CLOSED)
    return _sb_not_allowed (error, _("Only outcomes of a handed-over batch can be corrected."));
  copy = sb_store_get_copy (store, message_id, detainee_id, error);
  message = copy ? sb_store_get_message (store, copy->message_id, error) : NULL;
  items = message ? sb_store_list_batch_items (store, batch->id, error) : NULL;
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len && item == NULL; i++)
    {
      SbBatchItem *candidate = g_ptr_array_index (items, i);

      if (g_str_equal (candidate->message_id, copy->message_id) &&
          g_str_equal (candidate->detainee_id, copy->detainee_id))
        item = candidate;
    }
  if (item == NULL)
    return _sb_not_allowed (error, _("%s is not in batch %s."), message->ref, batch->code);
  if (*item->outcome == '\0')
    return _sb_not_allowed (error, _("%s has no outcome yet: record it instead of correcting it."),
                            message->ref);
  if (g_str_equal (item->outcome, outcome) && g_strcmp0 (item->outcome_reason, reason) == 0)
    return TRUE;
  /* A batch the copy went out in since cannot be ruled out on a failed read. */
  other = sb_store_find_open_batch (store, copy, batch->id, &local_error);
  if (other == NULL && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (other != NULL || sb_copy_state_from_nick (copy->state) == SB_COPY_STATE_IN_BATCH)
    return _sb_not_allowed (error, _("%s has gone out again in another batch; correct it there."),
                            message->ref);
  if (!check_reason (self, outcome, reason, message->ref, error))
    return FALSE;

  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self,
                              correct_in_transaction (self, batch, item, message->ref, outcome,
                                                      reason, note, error),
                              error);
}
