/* sb-cli-batch.c — sambot-cli batch … (documents: sb-cli-documents.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-batches.h"
#include "sb-cli-batch.h"
#include "sb-enums.h"

/* A batch by code ("PS-2016-10-08-01"), id, or the start of its id (drafts have no
 * code yet; "batch list" shows their first eight characters). */
static SbBatch *
resolve_batch (SbCampaign  *campaign,
               const char  *name,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  SbBatch *batch = sb_campaign_get_batch (campaign, name, &local_error);
  SbBatch *found = NULL;

  if (batch != NULL || strlen (name) < 6)
    {
      if (batch == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return batch;
    }
  all = sb_campaign_list_batches (campaign, NULL, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      SbBatch *candidate = g_ptr_array_index (all, i);

      if (g_str_has_prefix (candidate->id, name))
        {
          if (found != NULL)
            {
              g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                           _("“%s” names more than one batch: give more of its id."), name);
              return NULL;
            }
          found = candidate;
        }
    }
  if (found == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return sb_batch_copy (found);
}

static const char *
batch_label (const SbBatch *batch,
             char           short_id[9])
{
  if (batch->code != NULL)
    return batch->code;
  g_strlcpy (short_id, batch->id, 9);
  return short_id;
}

/* The copies of the messages @refs for detainees held at the batch's facility. */
static GPtrArray *
copies_for (SbCampaign    *campaign,
            const SbBatch *batch,
            char         **refs,
            int            n_refs,
            const char    *detainee,
            GError       **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_copy_free);

  for (int i = 0; i < n_refs; i++)
    {
      g_autoptr(GPtrArray) copies = sb_campaign_find_copies (campaign, refs[i], detainee, error);
      guint before = ids->len;

      if (copies == NULL)
        return NULL;
      for (guint c = 0; c < copies->len; c++)
        {
          SbCopy *copy = g_ptr_array_index (copies, c);
          g_autoptr(SbDetainee) person = NULL;

          if (detainee == NULL && copies->len > 1 &&
              (person = sb_campaign_get_detainee (campaign, copy->detainee_id, error)) == NULL)
            return NULL;
          if (detainee != NULL || copies->len == 1 ||
              g_strcmp0 (person->facility_id, batch->facility_id) == 0)
            g_ptr_array_add (ids, sb_copy_copy (copy));
        }
      if (ids->len == before)
        {
          g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                       _("%s is for nobody held at this batch's facility."), refs[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&ids);
}

static void add_batch_json (JsonBuilder   *builder,
                            const SbBatch *batch,
                            const char    *facility_code,
                            guint          n_items);

/* With --json, what create and seal print: the batch as "batch list --json" shows it. */
static gboolean
print_batch_json (SbCampaign     *campaign,
                  const SbBatch  *batch,
                  guint           n_items,
                  GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) facility_codes = _sb_cli_facility_codes (campaign, error);

  if (facility_codes == NULL)
    return FALSE;
  add_batch_json (builder, batch, _sb_cli_lookup (facility_codes, batch->facility_id), n_items);
  _sb_cli_print_json (builder);
  return TRUE;
}

/* Opens the campaign and finds the batch @name in it; prints why not. */
int
_sb_cli_open_batch (SbCli        *cli,
                    const char   *name,
                    gboolean      read_only,
                    SbCampaign  **campaign,
                    SbBatch     **batch)
{
  g_autoptr(GError) error = NULL;

  *campaign = _sb_cli_open (cli, read_only, &error);
  if (*campaign == NULL || (*batch = resolve_batch (*campaign, name, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

/* ============================================================== commands */

int
_sb_cli_batch_create (SbCli  *cli,
                      int     argc,
                      char  **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  char short_id[9];
  int status;

  if (!_sb_cli_parse (cli, _("FACILITY"),
                      N_("Creates a draft batch for a facility and fills it with the copies "
                         "waiting for the detainees held there, oldest first."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the facility"), &status))
    return status;
  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL
      || (batch = sb_campaign_create_batch (campaign, argv[1], &error)) == NULL
      || (items = sb_campaign_list_batch_items (campaign, batch->id, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (cli->json)
    {
      if (!print_batch_json (campaign, batch, items->len, &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      return SB_CLI_EXIT_OK;
    }
  g_print (ngettext ("Draft batch %s created with %u item.\n",
                     "Draft batch %s created with %u items.\n", items->len),
           batch_label (batch, short_id), items->len);
  return SB_CLI_EXIT_OK;
}

static int
add_or_remove (SbCli    *cli,
               int       argc,
               char    **argv,
               gboolean  add)
{
  g_autofree char *detainee = NULL;
  const GOptionEntry entries[] = {
    { "detainee", 'd', 0, G_OPTION_ARG_STRING, &detainee,
      N_("Only the copy for this detainee"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  int status;

  if (!_sb_cli_parse (cli, _("BATCH REF…"),
                      add ? N_("Adds messages to a draft batch.")
                          : N_("Takes messages out of a draft batch."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 2, G_MAXINT, _("Missing the batch and a message"),
                                   &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], FALSE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  ids = copies_for (campaign, batch, argv + 2, argc - 2, detainee, &error);
  if (ids == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  ok = add ? sb_campaign_batch_add (campaign, batch->id, ids, &error)
           : sb_campaign_batch_remove (campaign, batch->id, ids, &error);
  if (!ok)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_batch_add (SbCli *cli, int argc, char **argv)
{
  return add_or_remove (cli, argc, argv, TRUE);
}

int
_sb_cli_batch_remove (SbCli *cli, int argc, char **argv)
{
  return add_or_remove (cli, argc, argv, FALSE);
}

int
_sb_cli_batch_seal (SbCli  *cli,
                    int     argc,
                    char  **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(SbBatch) sealed = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("BATCH"),
                      N_("Seals a draft batch: freezes its items, gives it its code and digest."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the batch"), &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], FALSE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  if (!sb_campaign_seal_batch (campaign, batch->id, &error)
      || (sealed = sb_campaign_get_batch (campaign, batch->id, &error)) == NULL
      || (items = sb_campaign_list_batch_items (campaign, batch->id, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (cli->json)
    {
      if (!print_batch_json (campaign, sealed, items->len, &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      return SB_CLI_EXIT_OK;
    }
  g_print (_("Batch %s sealed.\nDigest: %s\n"), sealed->code, sealed->digest);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_batch_handover (SbCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autofree char *at = NULL;
  g_autofree char *by = NULL;
  g_autofree char *received_by = NULL;
  g_autofree char *position = NULL;
  const GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When (“2016-10-08 09:30”)"), N_("TIME") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who handed it over"), N_("NAME") },
    { "received-by", 0, 0, G_OPTION_ARG_STRING, &received_by,
      N_("Who received it at the facility"), N_("NAME") },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position, N_("Their position"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("BATCH"), N_("Records the handover of a sealed batch."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the batch"), &status)
      || !_sb_cli_require (cli, at, "--at", &status)
      || !_sb_cli_require (cli, by, "--by", &status)
      || !_sb_cli_require (cli, received_by, "--received-by", &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], FALSE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  if (!sb_campaign_hand_over_batch (campaign, batch->id, at, by, received_by,
                                    position ? position : "", &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

/* "PP-0042=Reason" or "PP-0042"; the exception's copy is that message's in @items. */
static gboolean
parse_exception (SbCampaign        *campaign,
                 GPtrArray         *items,
                 const char        *spec,
                 const char        *outcome,
                 SbBatchException  *exception,
                 GPtrArray         *keep,
                 GError           **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, "=", 2);
  g_autoptr(GPtrArray) copies = sb_campaign_find_copies (campaign, parts[0], NULL, error);

  if (copies == NULL)
    return FALSE;
  for (guint c = 0; c < copies->len; c++)
    for (guint i = 0; i < items->len; i++)
      {
        const SbCopy *copy = g_ptr_array_index (copies, c);
        const SbBatchItem *item = g_ptr_array_index (items, i);

        if (g_str_equal (copy->message_id, item->message_id) &&
            g_str_equal (copy->detainee_id, item->detainee_id))
          {
            char *message_id = g_strdup (copy->message_id);
            char *detainee_id = g_strdup (copy->detainee_id);
            char *reason = g_strdup (parts[1] ? parts[1] : "");

            g_ptr_array_add (keep, message_id);
            g_ptr_array_add (keep, detainee_id);
            g_ptr_array_add (keep, reason);
            *exception = (SbBatchException) { message_id, detainee_id, outcome, reason };
            return TRUE;
          }
      }
  g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED, _("%s is not in this batch."), parts[0]);
  return FALSE;
}

int
_sb_cli_batch_outcome (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  gboolean all_delivered = FALSE;
  g_auto(GStrv) rejected = NULL;
  g_auto(GStrv) returned = NULL;
  g_autofree char *on = NULL;
  g_autofree char *correct = NULL;
  g_autofree char *to = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "all-delivered", 0, 0, G_OPTION_ARG_NONE, &all_delivered,
      N_("Every item without another outcome was delivered"), NULL },
    { "rejected", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rejected,
      N_("The facility rejected this message, for this reason (from “batch reasons”)"),
      N_("REF=REASON") },
    { "returned", 0, 0, G_OPTION_ARG_STRING_ARRAY, &returned,
      N_("This message came back undelivered"), N_("REF[=REASON]") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("Day of the outcome (default: the handover day)"),
      N_("DATE") },
    { "correct", 0, 0, G_OPTION_ARG_STRING, &correct,
      N_("Correct the outcome recorded for this message"), N_("REF") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("With --correct: delivered, rejected or returned"), N_("OUTCOME") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("With --correct: the reason"),
      N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("With --correct: why it is corrected"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) exceptions = g_array_new (FALSE, TRUE, sizeof (SbBatchException));
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("BATCH"),
                      N_("Records what the facility did with a handed-over batch: "
                         "exceptions and “all delivered”, or a correction."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the batch"), &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], FALSE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  items = sb_campaign_list_batch_items (campaign, batch->id, &error);
  if (items == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (correct != NULL)
    {
      SbBatchException target;

      if (!_sb_cli_require (cli, to, "--to", &status))
        return status;
      if (!parse_exception (campaign, items, correct, to, &target, keep, &error)
          || !sb_campaign_correct_outcome (campaign, batch->id, target.message_id,
                                           target.detainee_id, to, reason ? reason : "", note,
                                           &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      return SB_CLI_EXIT_OK;
    }

  for (guint i = 0; rejected != NULL && rejected[i] != NULL; i++)
    {
      SbBatchException e;

      if (!parse_exception (campaign, items, rejected[i],
                            sb_copy_state_to_nick (SB_COPY_STATE_REJECTED), &e, keep, &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      g_array_append_val (exceptions, e);
    }
  for (guint i = 0; returned != NULL && returned[i] != NULL; i++)
    {
      SbBatchException e;

      if (!parse_exception (campaign, items, returned[i],
                            sb_copy_state_to_nick (SB_COPY_STATE_RETURNED), &e, keep, &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      g_array_append_val (exceptions, e);
    }
  if (exceptions->len == 0 && !all_delivered)
    return _sb_cli_usage (cli, _("Say what happened: --all-delivered, --rejected or --returned"));
  if (!sb_campaign_record_outcomes (campaign, batch->id, (SbBatchException *) exceptions->data,
                                    exceptions->len, all_delivered, on, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_batch_close (SbCli  *cli,
                     int     argc,
                     char  **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("BATCH"),
                      N_("Closes a handed-over batch whose items all have an outcome."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the batch"), &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], FALSE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  if (!sb_campaign_close_batch (campaign, batch->id, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

/* How many items were rejected or returned for each reason. Reasons written on
 * items but missing from the list (the demo's, or ones typed at an outcome) are
 * appended to @reasons, after the listed ones; the count of listed ones is kept
 * under the key "" . */
static GHashTable *
count_used_reasons (SbCampaign  *campaign,
                    GPtrArray   *reasons,
                    GError     **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) batches = sb_campaign_list_batches (campaign, NULL, error);

  if (batches == NULL)
    return NULL;
  g_hash_table_insert (used, g_strdup (""), GUINT_TO_POINTER (reasons->len));
  for (guint b = 0; b < batches->len; b++)
    {
      const SbBatch *batch = g_ptr_array_index (batches, b);
      g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, error);

      if (items == NULL)
        return NULL;
      for (guint i = 0; i < items->len; i++)
        {
          const SbBatchItem *item = g_ptr_array_index (items, i);
          const char *reason = item->outcome_reason;
          guint n;

          if (reason == NULL || reason[0] == '\0' || sb_copy_state_from_nick (item->outcome) != SB_COPY_STATE_REJECTED)
            continue;
          n = GPOINTER_TO_UINT (g_hash_table_lookup (used, reason));
          if (n == 0 && !g_ptr_array_find_with_equal_func (reasons, reason, g_str_equal, NULL))
            g_ptr_array_add (reasons, g_strdup (reason));
          g_hash_table_replace (used, g_strdup (reason), GUINT_TO_POINTER (n + 1));
        }
    }
  return g_steal_pointer (&used);
}

static guint
n_listed (GPtrArray  *reasons,
          GHashTable *used)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (used, ""));
}

int
_sb_cli_batch_reasons (SbCli  *cli,
                       int     argc,
                       char  **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GHashTable) used = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("[REASON…]"),
                      N_("Lists the reasons a facility gives for rejecting a message, or adds "
                         "new ones."),
                      entries, &argc, &argv, &status))
    return status;
  campaign = _sb_cli_open (cli, argc < 2, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  for (int i = 1; i < argc; i++)
    if (!sb_campaign_add_reason (campaign, "reject", argv[i], &error))
      return _sb_cli_fail (cli, g_steal_pointer (&error));
  reasons = sb_campaign_list_reasons (campaign, "reject", &error);
  if (reasons == NULL || (used = count_used_reasons (campaign, reasons, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < reasons->len; i++)
        {
          const char *reason = g_ptr_array_index (reasons, i);

          json_builder_begin_object (builder);
          _sb_cli_json_string (builder, "reason", reason);
          _sb_cli_json_bool (builder, "listed", i < n_listed (reasons, used));
          _sb_cli_json_int (builder, "items", GPOINTER_TO_UINT (g_hash_table_lookup (used, reason)));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _sb_cli_print_json (builder);
    }
  else if (reasons->len == 0)
    g_print ("%s\n", _("No reasons yet: add them with “sambot-cli batch reasons REASON…”."));
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (2, _("Reason"), _("Items"));

      for (guint i = 0; i < reasons->len; i++)
        {
          const char *reason = g_ptr_array_index (reasons, i);
          g_autofree char *count = _sb_cli_format_int (GPOINTER_TO_UINT (g_hash_table_lookup (used, reason)));

          _sb_cli_table_add (table, reason, count);
        }
      _sb_cli_table_print (table);
    }
  return SB_CLI_EXIT_OK;
}

static void
add_batch_json (JsonBuilder   *builder,
                const SbBatch *batch,
                const char    *facility_code,
                guint          n_items)
{
  json_builder_begin_object (builder);
  _sb_cli_json_string (builder, "id", batch->id);
  _sb_cli_json_string (builder, "code", batch->code);
  _sb_cli_json_string (builder, "facility", facility_code);
  _sb_cli_json_string (builder, "state", batch->state);
  _sb_cli_json_string (builder, "created_on", batch->created_on);
  _sb_cli_json_string (builder, "sealed_at", batch->sealed_at);
  _sb_cli_json_string (builder, "digest", batch->digest);
  _sb_cli_json_string (builder, "handed_over_at", batch->handed_over_at);
  _sb_cli_json_string (builder, "handed_by", batch->handed_by);
  _sb_cli_json_string (builder, "received_by", batch->received_by);
  _sb_cli_json_string (builder, "received_position", batch->received_position);
  _sb_cli_json_string (builder, "closed_at", batch->closed_at);
  _sb_cli_json_int (builder, "items", n_items);
  json_builder_end_object (builder);
}

int
_sb_cli_batch_list (SbCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autofree char *facility = NULL;
  const GOptionEntry entries[] = {
    { "facility", 'f', 0, G_OPTION_ARG_STRING, &facility, N_("Only this facility's batches"),
      N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(SbCliTable) table = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, NULL, N_("Lists the delivery batches, newest first."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;
  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (batches = sb_campaign_list_batches (campaign, facility, &error)) == NULL
      || (codes = _sb_cli_facility_codes (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  table = _sb_cli_table_new (5, _("Batch"), _("Facility"), _("State"), _("Created"), _("Items"));
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < batches->len; i++)
    {
      SbBatch *batch = g_ptr_array_index (batches, i);
      g_autoptr(GPtrArray) items = sb_campaign_list_batch_items (campaign, batch->id, &error);
      g_autofree char *count = NULL;
      char short_id[9];

      if (items == NULL)
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      count = _sb_cli_format_int (items->len);
      add_batch_json (builder, batch, _sb_cli_lookup (codes, batch->facility_id), items->len);
      _sb_cli_table_add (table, batch_label (batch, short_id),
                         _sb_cli_lookup (codes, batch->facility_id),
                         sb_batch_state_label (batch->state), batch->created_on, count);
    }
  json_builder_end_array (builder);
  if (cli->json)
    _sb_cli_print_json (builder);
  else
    _sb_cli_table_print (table);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_batch_show (SbCli  *cli,
                    int     argc,
                    char  **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(SbBatchListing) listing = NULL;
  g_autoptr(SbCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  char short_id[9];
  int status;

  if (!_sb_cli_parse (cli, _("BATCH"), N_("Shows a batch, its handover and its items."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the batch"), &status))
    return status;
  if ((status = _sb_cli_open_batch (cli, argv[1], TRUE, &campaign, &batch)) != SB_CLI_EXIT_OK)
    return status;
  listing = sb_campaign_get_batch_listing (campaign, batch->id, &error);
  if (listing == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "batch");
      add_batch_json (builder, batch, listing->facility->code, listing->lines->len);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < listing->lines->len; i++)
        {
          SbBatchLine *line = g_ptr_array_index (listing->lines, i);

          json_builder_begin_object (builder);
          _sb_cli_json_int (builder, "position", line->item->position);
          _sb_cli_json_string (builder, "ref", line->message->ref);
          _sb_cli_json_string (builder, "detainee", line->detainee->name_en);
          _sb_cli_json_string (builder, "outcome", line->item->outcome);
          _sb_cli_json_string (builder, "reason", line->item->outcome_reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
      return SB_CLI_EXIT_OK;
    }

  g_print ("%s  %s  (%s)\n", batch_label (batch, short_id), listing->facility->name_en,
           sb_batch_state_label (batch->state));
  g_print (_("Created: %s\n"), batch->created_on);
  if (batch->sealed_at)
    g_print (_("Sealed: %s\nDigest: %s\n"), batch->sealed_at, batch->digest);
  if (batch->handed_over_at)
    g_print (_("Handed over: %s by %s to %s (%s)\n"), batch->handed_over_at, batch->handed_by,
             batch->received_by, batch->received_position);
  if (batch->closed_at)
    g_print (_("Closed: %s\n"), batch->closed_at);
  if (*batch->notes)
    g_print ("%s\n", batch->notes);
  g_print ("\n");
  table = _sb_cli_table_new (5, "#", _("Message"), _("For"), _("Outcome"), _("Reason"));
  for (guint i = 0; i < listing->lines->len; i++)
    {
      SbBatchLine *line = g_ptr_array_index (listing->lines, i);
      g_autofree char *n = g_strdup_printf ("%d", line->item->position);

      _sb_cli_table_add (table, n, line->message->ref, line->detainee->name_en,
                         line->item->outcome, line->item->outcome_reason);
    }
  _sb_cli_table_print (table);
  return SB_CLI_EXIT_OK;
}
