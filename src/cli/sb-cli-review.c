/* sb-cli-review.c — assign, message transcribed, approve, hold, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-privacy.h"
#include "sb-store-error.h"
#include "sb-text.h"

#define HISTORY_VALUE_CHARS 40

/* ================================================================ helpers */

/* After a change: the message in full with --json, else one line. */
static int
report (SbCli      *cli,
        SbCampaign *campaign,
        const char *message_id,
        const char *line)
{
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli->json)
    {
      g_print ("%s\n", line);
      return SB_CLI_EXIT_OK;
    }

  message = sb_campaign_get_message (campaign, message_id, &error);
  if (message == NULL || !_sb_cli_print_message (cli, campaign, message, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

static char *
describe_addressees (SbCampaign  *campaign,
                     const char  *message_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) copies = sb_campaign_list_copies (campaign, message_id, error);
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (copies == NULL || (names = _sb_cli_detainee_names (campaign, error)) == NULL)
    return NULL;

  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);
      const char *name = _sb_cli_lookup (names, copy->detainee_id);

      g_ptr_array_add (parts, (gpointer) (name != NULL ? name : copy->detainee_id));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* A lookup that found nothing of its kind lets the next kind be tried; one that
 * could not read the campaign stops the search. */
static gboolean
read_failed (GError  *lookup_error,
             GError **error)
{
  if (lookup_error->domain != SB_STORE_ERROR || lookup_error->code == SB_STORE_ERROR_NOT_FOUND)
    return FALSE;
  g_propagate_error (error, g_error_copy (lookup_error));
  return TRUE;
}

/* What a history id stands for: a message (by ref or id), a detainee (by id or
 * name), a facility or an office (by id or code). When it is none of them, the
 * message's "not found" says so. */
static char *
resolve_entity (SbCampaign  *campaign,
                const char  *name,
                GError     **error)
{
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(SbDetainee) detainee = NULL;
  g_autoptr(SbFacility) facility = NULL;
  g_autoptr(SbOffice) office = NULL;
  g_autoptr(GError) not_message = NULL;
  g_autoptr(GError) lookup_error = NULL;

  if ((message = sb_campaign_get_message (campaign, name, &not_message)) != NULL)
    return g_strdup (message->id);
  if (read_failed (not_message, error))
    return NULL;
  if ((detainee = sb_campaign_get_detainee (campaign, name, &lookup_error)) != NULL)
    return g_strdup (detainee->id);
  if (read_failed (lookup_error, error))
    return NULL;
  g_clear_error (&lookup_error);
  if ((facility = sb_campaign_get_facility (campaign, name, &lookup_error)) != NULL)
    return g_strdup (facility->id);
  if (read_failed (lookup_error, error))
    return NULL;
  g_clear_error (&lookup_error);
  if ((office = sb_campaign_get_office (campaign, name, &lookup_error)) != NULL)
    return g_strdup (office->id);
  if (read_failed (lookup_error, error))
    return NULL;
  g_propagate_error (error, g_steal_pointer (&not_message));
  return NULL;
}

/* What kind of record changed, in words ("message", "copy"). */
static const char *
describe_entity (const char *entity)
{
  static const struct { const char *entity; const char *name; } names[] = {
    { "message", NC_("history entity", "message") },
    { "scan", NC_("history entity", "scan") },
    { "copy", NC_("history entity", "copy") },
    { "batch", NC_("history entity", "batch") },
    { "batch_item", NC_("history entity", "batch item") },
    { "detainee", NC_("history entity", "detainee") },
    { "facility", NC_("history entity", "facility") },
    { "office", NC_("history entity", "partner office") },
    { "reason", NC_("history entity", "rejection reason") },
    { "milestone", NC_("history entity", "milestone") },
    { "campaign", NC_("history entity", "campaign") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].entity, entity))
      return g_dpgettext2 (NULL, "history entity", names[i].name);
  return entity;
}

/* Which field of a record changed, in words ("Khmer translation"). The campaign's
 * settings keep their keys: they are the words of "sambot-cli settings". */
static const char *
describe_field (const char *entity,
                const char *field)
{
  static const struct { const char *field; const char *name; } names[] = {
    { "address", NC_("history field", "Address") },
    { "attempts", NC_("history field", "Attempts") },
    { "channel", NC_("history field", "Channel") },
    { "city", NC_("history field", "City") },
    { "closed_at", NC_("history field", "Closed at") },
    { "code", NC_("history field", "Code") },
    { "consent", NC_("history field", "Consent") },
    { "day", NC_("history field", "Day") },
    { "delivered_on", NC_("history field", "Delivered on") },
    { "detained_on", NC_("history field", "Detained on") },
    { "digest", NC_("history field", "Digest") },
    { "duplicate_of", NC_("history field", "Duplicate of") },
    { "facility_id", NC_("history field", "Facility") },
    { "handed_by", NC_("history field", "Handed over by") },
    { "handed_over_at", NC_("history field", "Handed over at") },
    { "hold_reason", NC_("history field", "Reason for holding") },
    { "items_per_batch", NC_("history field", "Items per batch") },
    { "kind", NC_("history field", "Kind") },
    { "label", NC_("history field", "Reason") },
    { "label_en", NC_("history field", "In English") },
    { "label_km", NC_("history field", "In Khmer") },
    { "language", NC_("history field", "Language") },
    { "name", NC_("history field", "Name") },
    { "name_en", NC_("history field", "English name") },
    { "name_km", NC_("history field", "Khmer name") },
    { "notes", NC_("history field", "Notes") },
    { "office_id", NC_("history field", "Partner office") },
    { "original_text", NC_("history field", "Text") },
    { "outcome", NC_("history field", "Outcome") },
    { "outcome_on", NC_("history field", "Outcome on") },
    { "outcome_reason", NC_("history field", "Reason") },
    { "position", NC_("history field", "Place in the list") },
    { "received_by", NC_("history field", "Received by") },
    { "received_on", NC_("history field", "Received on") },
    { "received_position", NC_("history field", "Position of the receiver") },
    { "released_on", NC_("history field", "Released on") },
    { "role", NC_("history field", "Role") },
    { "rules", NC_("history field", "Delivery rules") },
    { "sender_city", NC_("history field", "Sender’s city") },
    { "sender_contact", NC_("history field", "Sender’s contact") },
    { "sender_country", NC_("history field", "Sender’s country") },
    { "sender_name", NC_("history field", "Sender’s name") },
    { "state", NC_("history field", "State") },
    { "status", NC_("history field", "Status") },
    { "translation_en", NC_("history field", "English translation") },
    { "translation_km", NC_("history field", "Khmer translation") },
  };

  if (g_str_equal (entity, "campaign"))
    return field;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].field, field))
      return g_dpgettext2 (NULL, "history field", names[i].name);
  return field;
}

static char *
describe_change (const SbHistoryEntry *entry)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (entry->field[0] == '\0')
    return g_strdup (entry->before == NULL ? _("created") : _("deleted"));
  if (g_str_equal (entry->field, "sender_erased"))
    return g_strdup (_("the sender’s name, city, contact and scans were erased"));

  /* A sender's erased details read "[erased]" (sb_campaign_forget_sender()). */
  before = sb_text_first_line (entry->before != NULL ? sb_history_value (entry->before) : "",
                               HISTORY_VALUE_CHARS);
  after = sb_text_first_line (entry->after != NULL ? sb_history_value (entry->after) : "",
                              HISTORY_VALUE_CHARS);
  /* TRANSLATORS: a field changed: its name, the value before, the value after */
  return g_strdup_printf (_("%s: “%s” → “%s”"), describe_field (entry->entity, entry->field),
                          before, after);
}

/* =============================================================== commands */

int
_sb_cli_assign (SbCli  *cli,
                int     argc,
                char  **argv)
{
  g_auto(GStrv) to = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &to,
      N_("A detainee it is for (id, English or Khmer name; repeat for several)"),
      N_("DETAINEE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("It is for every detainee"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) detainee_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *addressees = NULL;
  g_autofree char *line = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF"), N_("Makes these detainees a message's addressees, one copy "
                                         "each, and no one else."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the message (REF)"), &status))
    return status;
  if (to == NULL && !all)
    return _sb_cli_usage (cli, _("Missing --to DETAINEE or --all"));
  if (to != NULL && all)
    return _sb_cli_usage (cli, _("Give --to or --all, not both"));

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL
      || (detainee_ids = _sb_cli_resolve_detainees (campaign, (const char *const *) to, all,
                                                    &error)) == NULL
      || !sb_campaign_assign (campaign, message->id,
                              (const char *const *) detainee_ids->pdata, &error)
      || (addressees = describe_addressees (campaign, message->id, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  /* TRANSLATORS: a message's reference, then the names of the detainees */
  line = g_strdup_printf (_("%s is for %s"), message->ref, addressees);
  return report (cli, campaign, message->id, line);
}

int
_sb_cli_message_transcribed (SbCli  *cli,
                             int     argc,
                             char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF"), N_("Marks a message as fully typed: it is ready for review."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the message (REF)"), &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL
      || !sb_campaign_mark_transcribed (campaign, message->id, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  line = g_strdup_printf (_("%s is ready for review"), message->ref);
  return report (cli, campaign, message->id, line);
}

int
_sb_cli_approve (SbCli  *cli,
                 int     argc,
                 char  **argv)
{
  gboolean without_translation = FALSE;
  g_autofree char *translation_km = NULL;
  g_autofree char *translation_en = NULL;
  const GOptionEntry entries[] = {
    { "translation-km", 0, 0, G_OPTION_ARG_FILENAME, &translation_km,
      N_("Add this Khmer translation first"), N_("TEXT") },
    { "translation-en", 0, 0, G_OPTION_ARG_FILENAME, &translation_en,
      N_("Add this English translation first"), N_("TEXT") },
    { "without-translation", 0, 0, G_OPTION_ARG_NONE, &without_translation,
      N_("Approve a foreign-language message that has no Khmer translation"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF"), N_("Approves a message for delivery."), entries,
                      &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the message (REF)"), &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  _sb_cli_set (&message->translation_km, translation_km);
  _sb_cli_set (&message->translation_en, translation_en);

  /* The translation and the approval stand or fall together. */
  if (!sb_campaign_begin (campaign, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (((translation_km != NULL || translation_en != NULL)
       && !sb_campaign_update_message (campaign, message, &error))
      || !sb_campaign_approve (campaign, message->id, without_translation, &error)
      || !sb_campaign_commit (campaign, &error))
    {
      sb_campaign_rollback (campaign);
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }

  line = g_strdup_printf (_("Approved %s"), message->ref);
  return report (cli, campaign, message->id, line);
}

int
_sb_cli_hold (SbCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_FILENAME, &reason,
      N_("Why it is held (the team reads this)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF"), N_("Holds a message back, with a reason."), entries,
                      &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the message (REF)"), &status)
      || !_sb_cli_require (cli, reason, "--reason TEXT", &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL
      || !sb_campaign_hold (campaign, message->id, reason, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  /* TRANSLATORS: a message's reference, then why it is held */
  line = g_strdup_printf (_("Held %s: %s"), message->ref, reason);
  return report (cli, campaign, message->id, line);
}

int
_sb_cli_history (SbCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entity_id = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF|ID|NAME"),
                      N_("Shows every change made to a message, detainee, facility or office: "
                         "when, by whom, before and after."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing what to show (REF, ID or NAME)"),
                                   &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (entity_id = resolve_entity (campaign, argv[1], &error)) == NULL
      || (entries = sb_campaign_list_history (campaign, entity_id, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          SbHistoryEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (builder);
          _sb_cli_json_string (builder, "at", entry->at);
          _sb_cli_json_string (builder, "operator", entry->operator_name);
          _sb_cli_json_string (builder, "entity", entry->entity);
          _sb_cli_json_string (builder, "entity_id", entry->entity_id);
          _sb_cli_json_string (builder, "field", entry->field);
          _sb_cli_json_string (builder, "before", entry->before);
          _sb_cli_json_string (builder, "after", entry->after);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _sb_cli_print_json (builder);
    }
  else
    {
      g_autoptr(SbCliTable) table = _sb_cli_table_new (4, _("When"), _("Who"), _("What"),
                                                       _("Change"));

      for (guint i = 0; i < entries->len; i++)
        {
          SbHistoryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *change = describe_change (entry);

          _sb_cli_table_add (table, entry->at, entry->operator_name,
                             describe_entity (entry->entity), change);
        }
      _sb_cli_table_print (table);
    }
  return SB_CLI_EXIT_OK;
}
