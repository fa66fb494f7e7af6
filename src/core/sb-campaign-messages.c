/* sb-campaign-messages.c — messages, addressees and review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-store-changes.h"
#include "sb-names.h"
#include "sb-privacy.h"
#include "sb-text.h"
#include "sb-validate.h"

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * _sb_message_content_key:
 *
 * The search key of what the message says and who sent it: everything search looks
 * at but the reference. Needs no campaign, so bulk imports make it in another thread.
 */
char *
_sb_message_content_key (const SbMessage *message)
{
  g_autofree char *all = g_strjoin (" ", message->sender_name, message->sender_city,
                                    message->original_text, message->translation_km,
                                    message->translation_en, NULL);

  return sb_text_search_key (all);
}

/* Checks every field but the office, which needs the campaign. */
static gboolean
validate_fields (const SbMessage  *message,
                 const char       *today,
                 GError          **error)
{
  if (!sb_validate_word (message->channel, _("Channel"), SB_TYPE_CHANNEL, error) ||
      !sb_validate_date (message->received_on, _("Received on"), SB_FIELD_REQUIRED, error) ||
      !sb_validate_text (message->sender_name, _("Sender"), SB_MAX_NAME_CHARS, 0, error) ||
      !sb_validate_text (message->sender_city, _("City"), SB_MAX_NAME_CHARS, 0, error) ||
      !sb_validate_country (message->sender_country, error) ||
      !sb_validate_text (message->sender_contact, _("Contact"), SB_MAX_LINE_CHARS, 0, error) ||
      !sb_validate_word (message->consent, _("Consent"), SB_TYPE_CONSENT, error) ||
      !sb_validate_text (message->language, _("Language"), 16, 0, error) ||
      !sb_validate_text (message->original_text, _("Message text"), SB_MAX_MESSAGE_CHARS, SB_FIELD_MULTILINE, error) ||
      !sb_validate_text (message->translation_km, _("Khmer translation"), SB_MAX_MESSAGE_CHARS, SB_FIELD_MULTILINE, error) ||
      !sb_validate_text (message->translation_en, _("English translation"), SB_MAX_MESSAGE_CHARS, SB_FIELD_MULTILINE, error) ||
      !sb_validate_text (message->notes, _("Notes"), SB_MAX_MESSAGE_CHARS, SB_FIELD_MULTILINE, error))
    return FALSE;

  if (sb_days_between (today, message->received_on) > 1)
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("The date received (%s) is in the future. Check the date."),
                   message->received_on);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* What a printed batch freezes                                             */
/* ------------------------------------------------------------------------ */

/* The fields a sealed batch's manifest and cards print, or its digest covers
 * (docs/manifest-digest.md). The English translation, the sender's city and contact,
 * the partner office and the notes are printed on neither, and stay editable: a
 * reviewer adds an English translation for the reports after delivery. The sender's
 * name and country are printed only with their consent ("withheld" otherwise). */
static const char *
printed_field_changed (const SbMessage *stored,
                       const SbMessage *changed)
{
  gboolean sender_printed = sb_consent_from_nick (stored->consent) != SB_CONSENT_NONE;

  if (g_strcmp0 (stored->original_text, changed->original_text) != 0)
    return C_("its … cannot change", "text");
  if (g_strcmp0 (stored->translation_km, changed->translation_km) != 0)
    return C_("its … cannot change", "Khmer translation");
  if (sender_printed && g_strcmp0 (stored->sender_name, changed->sender_name) != 0)
    return C_("its … cannot change", "sender’s name");
  if (sender_printed && g_strcmp0 (stored->sender_country, changed->sender_country) != 0)
    return C_("its … cannot change", "sender’s country");
  if (g_strcmp0 (stored->language, changed->language) != 0)
    return C_("its … cannot change", "language");
  if (g_strcmp0 (stored->channel, changed->channel) != 0)
    return C_("its … cannot change", "channel");
  if (g_strcmp0 (stored->received_on, changed->received_on) != 0)
    return C_("its … cannot change", "date received");
  return NULL;
}

/* A message whose copies went into a sealed batch keeps what was printed: the paper
 * and the campaign must tell the same story. Consent may still be withdrawn (the
 * paper then shows more than the campaign would now, never less), and the sender
 * may be forgotten (sb_campaign_forget_sender()). */
static gboolean
check_not_printed (SbCampaign       *self,
                   const SbMessage  *stored,
                   const SbMessage  *changed,
                   GError          **error)
{
  const char *field = printed_field_changed (stored, changed);
  gboolean widened = sb_consent_from_nick (stored->consent) == SB_CONSENT_NONE &&
                     sb_consent_from_nick (changed->consent) != SB_CONSENT_NONE;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) local_error = NULL;

  if (field == NULL && !widened)
    return TRUE;
  batch = sb_store_find_printed_batch (_sb_campaign_get_store (self), stored->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (batch == NULL)
    return TRUE;

  if (field == NULL)
    /* Translators: %1$s is a message's reference, %2$s a batch code. */
    return _sb_not_allowed (error,
                            _("%1$s was printed in batch %2$s without its sender’s name: the "
                              "name cannot be allowed on it now. Consent can still be "
                              "withdrawn."), stored->ref, batch->code);
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_SEALED)
    /* Translators: %1$s is a message's reference, %2$s a batch code, %3$s what cannot
     * change: "text", "Khmer translation", "sender’s name"… (also in the next two) */
    return _sb_not_allowed (error,
                            _("%1$s is in sealed batch %2$s: its %3$s cannot change, as it "
                              "was printed that way. To send a corrected message, add it as "
                              "a new message."), stored->ref, batch->code, field);
  if (sb_batch_state_from_nick (batch->state) == SB_BATCH_STATE_HANDED_OVER)
    /* Translators: see “%1$s is in sealed batch %2$s…” */
    return _sb_not_allowed (error,
                            _("%1$s was handed over in batch %2$s: its %3$s cannot change, as "
                              "it was printed that way. To send a corrected message, add it "
                              "as a new message."), stored->ref, batch->code, field);
  /* Translators: see “%1$s is in sealed batch %2$s…” */
  return _sb_not_allowed (error,
                          _("%1$s is in closed batch %2$s: its %3$s cannot change, as it was "
                            "printed that way. To send a corrected message, add it as a new "
                            "message."), stored->ref, batch->code, field);
}

/* The office may be given by its code: it becomes its id. */
gboolean
_sb_campaign_check_office (SbCampaign  *self,
                           SbMessage   *message,
                           GError     **error)
{
  g_autoptr(SbOffice) office = NULL;

  if (message->office_id == NULL || *message->office_id == '\0')
    return TRUE;
  office = sb_store_get_office (_sb_campaign_get_store (self), message->office_id, error);
  if (office == NULL)
    return FALSE;
  _sb_set_str (&message->office_id, office->id);
  return TRUE;
}

static void
fill_defaults (SbMessage  *message,
               const char *today)
{
  struct { char **field; const char *value; } defaults[] = {
    { &message->channel, sb_channel_to_nick (SB_CHANNEL_POSTCARD) },
    { &message->consent, sb_consent_to_nick (SB_CONSENT_NONE) },
    { &message->status, sb_message_status_to_nick (SB_MESSAGE_STATUS_NEW) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (*defaults[i].field == NULL || **defaults[i].field == '\0')
      _sb_set_str (defaults[i].field, defaults[i].value);
  if (message->received_on == NULL || *message->received_on == '\0')
    _sb_set_str (&message->received_on, today);
  if ((message->language == NULL || *message->language == '\0') &&
      message->original_text != NULL && *message->original_text != '\0')
    _sb_set_str (&message->language, sb_text_detect_language (message->original_text));
  if (message->office_id != NULL && *message->office_id == '\0')
    g_clear_pointer (&message->office_id, g_free);
}

/* The reference prefix: the partner office's code, else this install's office code;
 * %NULL with @error set when the file cannot be read (a message must not get
 * another office's reference because a read failed). */
char *
_sb_campaign_ref_prefix (SbCampaign       *self,
                         const SbMessage  *message,
                         GError          **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autofree char *code = NULL;
  g_autofree char *letter = _sb_campaign_get_letter (self);

  if (message->office_id != NULL)
    {
      g_autoptr(SbOffice) office = sb_store_get_office (store, message->office_id, error);

      if (office == NULL)
        return NULL;
      code = g_strdup (office->code);
    }
  /* A replica's own office code is its own, never shipped (docs/exchange.md). */
  else if (letter == NULL || (code = sb_store_get_exchange_value (store, "office-code")) == NULL)
    {
      code = sb_campaign_get_setting (self, SB_SETTING_OFFICE_CODE, error);
      if (code == NULL)
        return NULL;
      if (*code == '\0')
        _sb_set_str (&code, "HQ");
    }
  /* Each replica numbers its own references, so that two never meet: PP-A-0042
   * on one laptop, PP-B-0042 on another. */
  if (letter != NULL)
    return g_strdup_printf ("%s-%s", code, letter);
  return g_steal_pointer (&code);
}

/**
 * _sb_message_check_new:
 * @today: the campaign's today (see _sb_campaign_today())
 *
 * Gives empty fields their defaults (postcard, received today, status new, no
 * consent, language detected from the text) and checks every field but the office:
 * what sb_campaign_add_message() does before it saves. Needs no campaign, so bulk
 * imports check in another thread.
 */
gboolean
_sb_message_check_new (SbMessage   *message,
                       const char  *today,
                       GError     **error)
{
  SbMessageStatus status;

  fill_defaults (message, today);
  if (!validate_fields (message, today, error))
    return FALSE;
  status = sb_message_status_from_nick (message->status);
  if (status != SB_MESSAGE_STATUS_NEW && status != SB_MESSAGE_STATUS_TRANSCRIBED)
    return _sb_not_allowed (error, _("A new message starts as new or transcribed; review it afterwards."));
  return TRUE;
}

/**
 * _sb_campaign_insert_message:
 * @sequence: its number among the references that start with @prefix
 * @content_key: (nullable): _sb_message_content_key() of @message, if made already
 *
 * Gives a message checked with _sb_message_check_new() and
 * _sb_campaign_check_office() its id and reference and saves it, in the
 * transaction the caller has begun.
 */
gboolean
_sb_campaign_insert_message (SbCampaign  *self,
                             SbMessage   *message,
                             const char  *prefix,
                             gint64       sequence,
                             const char  *content_key,
                             GError     **error)
{
  g_free (message->id);
  message->id = sb_campaign_new_id (self);
  g_free (message->ref);
  message->ref = g_strdup_printf ("%s-%04" G_GINT64_FORMAT, prefix, sequence);
  return sb_store_insert_message (_sb_campaign_get_store (self), message, content_key, error);
}

/**
 * sb_campaign_add_message:
 * @message: the new message. Its id and reference are given here; empty fields get
 *   defaults (postcard, received today, status new, no consent, language detected
 *   from the text); an office given by its code is replaced with its id.
 *
 * Returns: %TRUE when saved; @message then holds its id and reference
 */
gboolean
sb_campaign_add_message (SbCampaign  *self,
                         SbMessage   *message,
                         GError     **error)
{
  SbStore *store;
  g_autofree char *today = NULL;
  g_autofree char *prefix = NULL;
  gint64 sequence;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  today = _sb_campaign_today (self);
  if (!_sb_message_check_new (message, today, error) || !_sb_campaign_check_office (self, message, error))
    return FALSE;

  prefix = _sb_campaign_ref_prefix (self, message, error);
  if (prefix == NULL || !sb_store_begin (store, error))
    return FALSE;
  sequence = sb_store_next_sequence (store, prefix, error);
  return _sb_campaign_finish (self,
                              sequence > 0 &&
                              _sb_campaign_insert_message (self, message, prefix, sequence, NULL, error),
                              error);
}

/* A sender forgotten at their request stays forgotten (docs/exchange.md,
 * "Erasure": the other offices would erase what is typed again anyway). */
static gboolean
check_not_forgotten (SbCampaign       *self,
                     const SbMessage  *stored,
                     const SbMessage  *changed,
                     GError          **error)
{
  const char *typed[] = { changed->sender_name, changed->sender_city, changed->sender_contact };
  const char *was[] = { stored->sender_name, stored->sender_city, stored->sender_contact };
  gboolean forgotten = FALSE, new_value = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    new_value |= typed[i] != NULL && *typed[i] != '\0' && g_strcmp0 (typed[i], was[i]) != 0;
  if (!new_value)
    return TRUE;
  if (!sb_campaign_sender_is_forgotten (self, stored->id, &forgotten, error))
    return FALSE;
  if (!forgotten)
    return TRUE;
  /* Translators: %s is a message's reference, "PP-0042". */
  return _sb_not_allowed (error, _("The sender of %s was forgotten at their request: their "
                                   "name, city and contact cannot be typed on it again."),
                          stored->ref);
}

/**
 * sb_campaign_update_message:
 * @message: the message as edited. Its status, hold reason and duplicate link are
 *   not changed here: review operations change them.
 *
 * Once a copy is in a sealed batch, what the batch printed cannot change (see
 * check_not_printed()): SB_CORE_ERROR_NOT_ALLOWED names the batch.
 */
gboolean
sb_campaign_update_message (SbCampaign       *self,
                            const SbMessage  *message,
                            GError          **error)
{
  SbStore *store;
  g_autoptr(SbMessage) stored = NULL;
  g_autoptr(SbMessage) changed = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  today = _sb_campaign_today (self);
  stored = sb_store_get_message (store, message->id, error);
  if (stored == NULL)
    return FALSE;

  changed = sb_message_copy (message);
  _sb_set_str (&changed->ref, stored->ref);
  _sb_set_str (&changed->status, stored->status);
  _sb_set_str (&changed->hold_reason, stored->hold_reason);
  _sb_set_str (&changed->duplicate_of, stored->duplicate_of);
  fill_defaults (changed, today);
  if (!validate_fields (changed, today, error) || !_sb_campaign_check_office (self, changed, error) ||
      !check_not_printed (self, stored, changed, error) ||
      !check_not_forgotten (self, stored, changed, error))
    return FALSE;

  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_update_message (store, changed, error), error);
}

/**
 * sb_campaign_get_message:
 * @id_or_ref: an id or a reference such as "PP-0042" (any case)
 */
SbMessage *
sb_campaign_get_message (SbCampaign  *self,
                         const char  *id_or_ref,
                         GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_get_message (_sb_campaign_get_store (self), id_or_ref, error);
}

/**
 * sb_campaign_list_message_ids:
 * @status: (nullable): only messages with this status; %NULL for all but deleted
 *
 * Returns: (transfer full) (element-type utf8): ids, in the order messages were added
 */
GPtrArray *
sb_campaign_list_message_ids (SbCampaign  *self,
                              const char  *status,
                              GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_list_message_ids (_sb_campaign_get_store (self), status, error);
}

/**
 * sb_campaign_search:
 * @query: what the person typed; Khmer spelling variants, case and punctuation
 *   do not matter
 * @limit: the most ids to return
 * @total: (out) (optional): how many messages match in all, counted up to 1001:
 *   1001 means "more than 1,000" — show it as "1,000+"
 *
 * Returns: (transfer full) (element-type utf8): matching message ids, newest first
 */
GPtrArray *
sb_campaign_search (SbCampaign  *self,
                    const char  *query,
                    guint        limit,
                    gint64      *total,
                    GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  if (!sb_validate_text (query, _("Search"), SB_MAX_LINE_CHARS, 0, error))
    return NULL;
  key = sb_text_search_key (query ? query : "");
  if (*key == '\0')
    {
      if (total != NULL)
        *total = 0;
      return g_ptr_array_new_with_free_func (g_free);
    }
  return sb_store_search_messages (_sb_campaign_get_store (self), key, limit, total, error);
}

/* ------------------------------------------------------------------------ */
/* Addressees                                                               */
/* ------------------------------------------------------------------------ */

static gboolean
assign_in_transaction (SbCampaign         *self,
                       const SbMessage    *message,
                       GPtrArray          *wanted,
                       GError            **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autoptr(GPtrArray) copies = sb_store_list_copies (store, message->id, error);
  SbCopyState state = sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_APPROVED
                      ? SB_COPY_STATE_WAITING : SB_COPY_STATE_PENDING;

  if (copies == NULL)
    return FALSE;

  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);
      gboolean keep = FALSE;

      for (guint j = 0; j < wanted->len && !keep; j++)
        keep = g_str_equal (((SbDetainee *) g_ptr_array_index (wanted, j))->id, copy->detainee_id);
      if (keep)
        continue;
      if (sb_copy_state_is_underway (copy->state))
        {
          g_autoptr(SbDetainee) detainee = sb_store_get_detainee (store, copy->detainee_id, NULL);

          return _sb_not_allowed (error,
                                  _("The copy of %s for %s is already in a batch or delivered, so "
                                    "%s stays an addressee."),
                                  message->ref, detainee ? sb_detainee_get_name (detainee) : copy->detainee_id,
                                  detainee ? sb_detainee_get_name (detainee) : copy->detainee_id);
        }
      if (!sb_store_delete_copy (store, copy->message_id, copy->detainee_id, error))
        return FALSE;
    }

  for (guint j = 0; j < wanted->len; j++)
    {
      SbDetainee *detainee = g_ptr_array_index (wanted, j);
      g_autoptr(SbCopy) copy = NULL;
      gboolean exists = FALSE;

      for (guint i = 0; i < copies->len && !exists; i++)
        exists = g_str_equal (((SbCopy *) g_ptr_array_index (copies, i))->detainee_id, detainee->id);
      if (exists)
        continue;
      copy = sb_copy_new ();
      _sb_set_str (&copy->message_id, message->id);
      _sb_set_str (&copy->detainee_id, detainee->id);
      _sb_set_str (&copy->state, sb_copy_state_to_nick (state));
      if (!sb_store_insert_copy (store, copy, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sb_campaign_assign:
 * @message_id: a message id or reference
 * @detainee_ids: (nullable) (array zero-terminated=1): detainees by id or name; %NULL
 *   for all of them
 *
 * Makes these detainees the message's addressees: a copy for each, none for others.
 * Copies already in a batch or delivered cannot be taken away.
 */
gboolean
sb_campaign_assign (SbCampaign         *self,
                    const char         *message_id,
                    const char *const  *detainee_ids,
                    GError            **error)
{
  SbStore *store;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) wanted = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  store = _sb_campaign_get_store (self);
  message = sb_store_get_message (store, message_id, error);
  if (message == NULL)
    return FALSE;
  if (sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_DELETED)
    return _sb_not_allowed (error, _("%s is deleted. Restore it before choosing its addressees."),
                            message->ref);

  if (detainee_ids == NULL)
    {
      wanted = sb_store_list_detainees (store, error);
      if (wanted == NULL)
        return FALSE;
    }
  else
    {
      wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_detainee_free);
      for (guint i = 0; detainee_ids[i] != NULL; i++)
        {
          SbDetainee *detainee = sb_campaign_get_detainee (self, detainee_ids[i], error);

          if (detainee == NULL)
            return FALSE;
          g_ptr_array_add (wanted, detainee);
        }
    }
  if (wanted->len == 0)
    return _sb_not_allowed (error, _("Choose at least one detainee for %s."), message->ref);

  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, assign_in_transaction (self, message, wanted, error), error);
}

/**
 * sb_campaign_list_copies:
 * Returns: (transfer full) (element-type SbCopy): the message's copies, one per addressee
 */
GPtrArray *
sb_campaign_list_copies (SbCampaign  *self,
                         const char  *message_id,
                         GError     **error)
{
  g_autoptr(SbMessage) message = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  message = sb_store_get_message (_sb_campaign_get_store (self), message_id, error);
  if (message == NULL)
    return NULL;
  return sb_store_list_copies (_sb_campaign_get_store (self), message->id, error);
}

/* ------------------------------------------------------------------------ */
/* Review: new → transcribed → approved | held                              */
/* ------------------------------------------------------------------------ */

/* Moves the message to @status and its copies from one state to the other. */
gboolean
_sb_campaign_change_status (SbCampaign       *self,
                            SbMessage        *message,
                            SbMessageStatus   status,
                            SbCopyState       copies_from,
                            SbCopyState       copies_to,
                            GError          **error)
{
  SbStore *store = _sb_campaign_get_store (self);
  g_autoptr(GPtrArray) copies = NULL;
  gboolean ok;

  _sb_set_str (&message->status, sb_message_status_to_nick (status));
  if (!sb_store_begin (store, error))
    return FALSE;
  ok = sb_store_update_message (store, message, error);
  if (ok && copies_from != SB_COPY_STATE_UNKNOWN)
    ok = (copies = sb_store_list_copies (store, message->id, error)) != NULL;
  for (guint i = 0; ok && copies != NULL && i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);

      if (sb_copy_state_from_nick (copy->state) != copies_from)
        continue;
      _sb_set_str (&copy->state, sb_copy_state_to_nick (copies_to));
      ok = sb_store_update_copy (store, copy, error);
    }
  return _sb_campaign_finish (self, ok, error);
}

static SbMessage *
get_reviewable (SbCampaign  *self,
                const char  *id_or_ref,
                GError     **error)
{
  SbMessage *message = sb_store_get_message (_sb_campaign_get_store (self), id_or_ref, error);

  if (message != NULL && sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_DELETED)
    {
      _sb_not_allowed (error, _("%s is deleted. Restore it first."), message->ref);
      g_clear_pointer (&message, sb_message_free);
    }
  return message;
}

/**
 * sb_campaign_mark_transcribed:
 *
 * The volunteer has typed the whole card: it is ready for review.
 */
gboolean
sb_campaign_mark_transcribed (SbCampaign  *self,
                              const char  *message_id,
                              GError     **error)
{
  g_autoptr(SbMessage) message = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  message = get_reviewable (self, message_id, error);
  if (message == NULL)
    return FALSE;
  if (sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_TRANSCRIBED)
    return TRUE;
  if (sb_message_status_from_nick (message->status) != SB_MESSAGE_STATUS_NEW)
    return _sb_not_allowed (error, _("%s has already been reviewed."), message->ref);
  if (is_blank (message->original_text))
    return _sb_not_allowed (error, _("%s has no text yet. Type the message before marking it done."),
                            message->ref);
  return _sb_campaign_change_status (self, message, SB_MESSAGE_STATUS_TRANSCRIBED,
                                     SB_COPY_STATE_UNKNOWN, SB_COPY_STATE_UNKNOWN, error);
}

/**
 * sb_campaign_approve:
 * @without_translation: approve a message that is not in Khmer although it has no
 *   Khmer translation (the reviewer says so explicitly)
 *
 * The message may go to the prisons: its copies start waiting for a batch.
 */
gboolean
sb_campaign_approve (SbCampaign  *self,
                     const char  *message_id,
                     gboolean     without_translation,
                     GError     **error)
{
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  message = get_reviewable (self, message_id, error);
  if (message == NULL)
    return FALSE;
  if (sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_APPROVED)
    return TRUE;
  if (is_blank (message->original_text))
    return _sb_not_allowed (error, _("%s has no text. Transcribe it before approving."), message->ref);
  if (!g_str_equal (message->language, "km") && *message->translation_km == '\0' &&
      !without_translation)
    return _sb_not_allowed (error,
                            _("%s is not in Khmer and has no Khmer translation. Add one, or approve "
                              "it without a translation."), message->ref);
  copies = sb_store_list_copies (_sb_campaign_get_store (self), message->id, error);
  if (copies == NULL)
    return FALSE;
  if (copies->len == 0)
    return _sb_not_allowed (error, _("%s is not addressed to anyone. Choose its detainees first."),
                            message->ref);

  _sb_set_str (&message->hold_reason, "");
  return _sb_campaign_change_status (self, message, SB_MESSAGE_STATUS_APPROVED,
                                     SB_COPY_STATE_PENDING, SB_COPY_STATE_WAITING, error);
}

/**
 * sb_campaign_hold:
 * @reason: why the message must not go to the prison now
 */
gboolean
sb_campaign_hold (SbCampaign  *self,
                  const char  *message_id,
                  const char  *reason,
                  GError     **error)
{
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  if (!sb_validate_text (reason, _("Reason"), SB_MAX_LINE_CHARS, SB_FIELD_REQUIRED, error))
    return FALSE;
  message = get_reviewable (self, message_id, error);
  if (message == NULL)
    return FALSE;
  copies = sb_store_list_copies (_sb_campaign_get_store (self), message->id, error);
  if (copies == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    if (sb_copy_state_is_underway (((SbCopy *) g_ptr_array_index (copies, i))->state))
      return _sb_not_allowed (error, _("%s is already in a batch or delivered and cannot be held."),
                              message->ref);

  _sb_set_str (&message->hold_reason, reason);
  return _sb_campaign_change_status (self, message, SB_MESSAGE_STATUS_HELD,
                                     SB_COPY_STATE_WAITING, SB_COPY_STATE_PENDING, error);
}
