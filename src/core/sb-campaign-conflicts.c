/* sb-campaign-conflicts.c — the conflicts to review, in the campaign's words, and
 * taking the other value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Conflicts". The store decides every conflict the same way on
 * every replica (sb-store-changes-merge.c) and keeps what lost; a person may
 * prefer the other value. Taking it is an ordinary edit: a message's status goes
 * through approving, holding or deleting (so that its copies follow), any other
 * field is written as it was; either way it is recorded in the history and
 * travels to the other offices, where its later clock makes it win.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-conflicts.h"
#include "sb-store-changes.h"
#include "sb-store-conflicts.h"
#include "sb-transcription.h"

/**
 * sb_campaign_list_conflicts:
 * Returns: (element-type SbConflict): the conflicts to review, oldest first
 */
GPtrArray *
sb_campaign_list_conflicts (SbCampaign  *self,
                            GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_list_conflicts (_sb_campaign_get_store (self), error);
}

/**
 * sb_campaign_describe_writer:
 * @replica: the replica that wrote a value (SbConflict.kept_replica, …)
 *
 * Returns: "this office", or the other office's replica in short
 */
char *
sb_campaign_describe_writer (SbCampaign *self,
                             const char *replica)
{
  g_autofree char *own = sb_store_get_own_replica (_sb_campaign_get_store (self));

  if (replica == NULL || *replica == '\0')
    return g_strdup (_("unknown"));
  if (g_strcmp0 (own, replica) == 0)
    return g_strdup (_("this office"));
  /* TRANSLATORS: another office's copy of the campaign, by the start of its identity */
  return g_strdup_printf (_("office %.8s"), replica);
}

const char *
sb_conflict_field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "sender_name", N_("Sender's name") },
    { "sender_city", N_("Sender's city") },
    { "sender_country", N_("Sender's country") },
    { "sender_contact", N_("Sender's contact") },
    { "original_text", N_("Text") },
    { "translation_km", N_("Khmer translation") },
    { "translation_en", N_("English translation") },
    { "status", N_("Status") },
    { "hold_reason", N_("Reason for holding") },
    { "notes", N_("Notes") },
    { "state", N_("State") },
    { "outcome", N_("Outcome") },
    { "language", N_("Language") },
    { "channel", N_("Channel") },
    { "received_on", N_("Date received") },
    { "batch", N_("Batch") },
    { "addressee", N_("Addressee") },
    { "code", N_("Code") },
    { "digest", N_("Digest") },
    { "sealed_at", N_("Sealed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _(labels[i].label);
  return field;
}

const char *
sb_conflict_rule_label (const char *rule)
{
  if (g_strcmp0 (rule, "hold") == 0)
    return _("a hold beats an approval made without seeing it");
  if (g_strcmp0 (rule, "deleted") == 0)
    return _("a deleted record stays deleted");
  if (g_strcmp0 (rule, "sealed") == 0)
    return _("a copy put in two batches at once stays in both: deliver it once");
  if (g_strcmp0 (rule, "first-seal") == 0)
    return _("a batch two offices sealed keeps its first seal: the other manifest is not valid");
  if (g_strcmp0 (rule, "forward") == 0)
    return _("a batch's state only moves forward");
  if (g_strcmp0 (rule, "printed") == 0)
    return _("what a sealed batch printed stays as printed");
  if (g_strcmp0 (rule, "batch") == 0)
    return _("a copy put in a batch stays in it");
  if (g_strcmp0 (rule, "added-again") == 0)
    return _("an addressee added by an office that had not seen it removed stays");
  return _("the later change wins");
}

/**
 * sb_conflict_can_take_other:
 *
 * Returns: whether the value that lost can be taken: there is one, or it is an
 *   addressee's removal (taking it removes the addressee again), and no rule about
 *   batches kept the value
 */
gboolean
sb_conflict_can_take_other (const SbConflict *conflict)
{
  return (conflict->other != NULL || g_strcmp0 (conflict->rule, "added-again") == 0) &&
         !sb_conflict_rule_is_final (conflict->rule);
}

/**
 * sb_conflict_rule_is_final:
 *
 * Returns: whether what @rule kept cannot be undone by taking the other value:
 *   the rules about batches (docs/exchange.md): the paper printed, the copy in
 *   the batch or in both, the first seal, a state that only moves forward
 */
gboolean
sb_conflict_rule_is_final (const char *rule)
{
  static const char *const final[] = { "printed", "batch", "sealed", "first-seal", "forward" };

  for (guint i = 0; i < G_N_ELEMENTS (final); i++)
    if (g_strcmp0 (rule, final[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A message's status taken as the campaign's own actions take it. */
static gboolean
take_status (SbCampaign  *self,
             SbConflict  *conflict,
             GError     **error)
{
  g_autoptr(SbMessage) message = sb_campaign_get_message (self, conflict->row_id, error);

  if (message == NULL)
    return FALSE;
  if (g_strcmp0 (conflict->other, "approved") == 0)
    return sb_campaign_approve (self, message->id, TRUE, error);
  if (g_strcmp0 (conflict->other, "held") == 0)
    return sb_campaign_hold (self, message->id,
                             *message->hold_reason != '\0' ? message->hold_reason
                                                           : _("Held by another office"), error);
  if (g_strcmp0 (conflict->other, "deleted") == 0)
    return sb_campaign_delete_message (self, message->id, error);
  if (g_strcmp0 (message->status, "deleted") == 0)
    return sb_campaign_restore_message (self, message->id, error);
  return sb_store_resolve_conflict (_sb_campaign_get_store (self), conflict->id, TRUE, error);
}

/* The removal of an addressee another office had not seen added, made again:
 * the message's addressees without this one (sb_campaign_assign() refuses it for a
 * copy in a batch or delivered). */
static gboolean
remove_addressee (SbCampaign  *self,
                  SbConflict  *conflict,
                  GError     **error)
{
  g_auto(GStrv) key = g_strsplit (conflict->row_id, "\x1f", 2);     /* detainee, message */
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
  g_auto(GStrv) detainees = NULL;
  gboolean addressed = FALSE;

  if (key[0] == NULL || key[1] == NULL)
    return sb_store_resolve_conflict (_sb_campaign_get_store (self), conflict->id, TRUE, error);
  copies = sb_campaign_list_copies (self, key[1], error);
  if (copies == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = copies->pdata[i];

      if (g_strcmp0 (copy->detainee_id, key[0]) != 0)
        g_strv_builder_add (others, copy->detainee_id);
      else
        addressed = TRUE;
    }
  detainees = g_strv_builder_end (others);
  /* Removed since, here or by another office: nothing left to take. */
  if (!addressed)
    return sb_store_resolve_conflict (_sb_campaign_get_store (self), conflict->id, FALSE, error);
  if (detainees[0] == NULL)
    /* Translators: %s is a copy, "PP-0042 → Ny Sokha" */
    return _sb_not_allowed (error, _("%s is the message's only addressee: it cannot be "
                                     "removed. Add another addressee first, or keep it."),
                            conflict->about);
  return sb_campaign_assign (self, key[1], (const char *const *) detainees, error) &&
         sb_store_resolve_conflict (_sb_campaign_get_store (self), conflict->id, FALSE, error);
}

/* Is @conflict about a field a sealed batch printed (its digest covers it,
 * docs/manifest-digest.md) of a message in such a batch now? */
static gboolean
is_printed_now (SbStore     *store,
                SbConflict  *conflict,
                gboolean    *printed,
                GError     **error)
{
  static const char *const fields[] = {
    "original_text", "translation_km", "language", "channel", "received_on", NULL,
  };
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) local_error = NULL;

  *printed = FALSE;
  if (strcmp (conflict->table, "messages") != 0 ||
      !g_strv_contains ((const char *const *) fields, conflict->field))
    return TRUE;
  batch = sb_store_find_printed_batch (store, conflict->row_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *printed = batch != NULL;
  return TRUE;
}

/**
 * sb_campaign_resolve_conflict:
 * @take_other: %TRUE to write the value that lost (an edit that travels to the
 *   other offices), %FALSE to keep the value as it is
 *
 * Either way the conflict leaves the list.
 */
gboolean
sb_campaign_resolve_conflict (SbCampaign  *self,
                              gint64       id,
                              gboolean     take_other,
                              GError     **error)
{
  SbStore *store;
  g_autoptr(SbConflict) conflict = NULL;
  gboolean printed = FALSE;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  store = _sb_campaign_get_store (self);
  conflict = sb_store_get_conflict (store, id, error);
  if (conflict == NULL)
    return FALSE;
  /* What the batches rules kept (docs/exchange.md) cannot be undone by an edit:
   * the paper is printed, the copy is in the batch. Nor can another value of a
   * printed field that lost before the message was sealed. */
  if (take_other && !is_printed_now (store, conflict, &printed, error))
    return FALSE;
  if (take_other && (g_strcmp0 (conflict->rule, "printed") == 0 || printed))
    /* Translators: %s is a message's reference */
    return _sb_not_allowed (error, _("%s was printed in a sealed batch with the value kept: the "
                                     "other one cannot be taken. To send a corrected message, "
                                     "add it as a new message."), conflict->about);
  if (take_other && g_strcmp0 (conflict->rule, "batch") == 0)
    /* Translators: %s is a copy, "PP-0042 → Ny Sokha" */
    return _sb_not_allowed (error, _("%s is in a batch: the other state cannot be taken. If the "
                                     "batch is still a draft, remove the copy from it."),
                            conflict->about);
  if (take_other && g_strcmp0 (conflict->rule, "first-seal") == 0)
    /* Translators: %s is a batch's code */
    return _sb_not_allowed (error, _("Batch %s keeps its first seal: the other value cannot be "
                                     "taken. Print its manifest again; the one printed with the "
                                     "other seal is not valid."), conflict->about);
  if (take_other && g_strcmp0 (conflict->rule, "forward") == 0)
    /* Translators: %s is a batch's code */
    return _sb_not_allowed (error, _("Batch %s has gone further since: its state cannot go "
                                     "back."), conflict->about);
  if (take_other && g_strcmp0 (conflict->rule, "sealed") == 0)
    /* Translators: %s is a copy, "PP-0042 → Ny Sokha" */
    return _sb_not_allowed (error, _("%s is in both batches: there is no other value to take. "
                                     "If one of them is still a draft, take the copy out of "
                                     "it; otherwise deliver it once."), conflict->about);
  if (take_other && g_strcmp0 (conflict->rule, "added-again") == 0)
    {
      if (!sb_campaign_begin (self, error))
        return FALSE;
      if (!remove_addressee (self, conflict, error))
        {
          sb_campaign_rollback (self);
          return FALSE;
        }
      return sb_campaign_commit (self, error);
    }
  if (!take_other || strcmp (conflict->table, "messages") != 0 ||
      strcmp (conflict->field, "status") != 0 || conflict->other == NULL)
    return sb_store_resolve_conflict (store, id, take_other, error);

  if (!sb_campaign_begin (self, error))
    return FALSE;
  if (!take_status (self, conflict, error) ||
      (g_strcmp0 (conflict->other, "approved") == 0 || g_strcmp0 (conflict->other, "held") == 0 ||
       g_strcmp0 (conflict->other, "deleted") == 0 || g_strcmp0 (conflict->kept, "deleted") == 0 ?
       !sb_store_resolve_conflict (store, id, FALSE, error) : FALSE))
    {
      sb_campaign_rollback (self);
      return FALSE;
    }
  return sb_campaign_commit (self, error);
}
