/* sb-cli-message.c — message add, list, show, edit, search, forget-sender
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-cli-private.h"
#include "sb-enums.h"
#include "sb-privacy.h"
#include "sb-text.h"

#define DEFAULT_SEARCH_LIMIT 20
#define LIST_TEXT_CHARS      40

typedef struct
{
  char      *text;
  char      *text_file;
  char      *channel;
  char      *received_on;
  char      *office;
  char      *sender;
  char      *city;
  char      *country;
  char      *contact;
  char      *consent;
  char      *language;
  char      *translation_km;
  char      *translation_en;
  char      *notes;
  char     **to;
  gboolean   to_all;
} MessageOptions;

#define MESSAGE_ENTRIES(o)                                                                  \
  { "text", 0, 0, G_OPTION_ARG_FILENAME, &(o).text, N_("What the message says"),            \
    N_("TEXT") },                                                                           \
  { "text-file", 0, 0, G_OPTION_ARG_FILENAME, &(o).text_file,                               \
    N_("Read what it says from a UTF-8 file (“-” for standard input)"), N_("FILE") },       \
  { "channel", 0, 0, G_OPTION_ARG_FILENAME, &(o).channel,                                   \
    N_("postcard, online or other"), N_("CHANNEL") },                                       \
  { "received-on", 0, 0, G_OPTION_ARG_FILENAME, &(o).received_on,                          \
    N_("Day it came in (default: today)"), N_("YYYY-MM-DD") },                              \
  { "office", 0, 0, G_OPTION_ARG_FILENAME, &(o).office,                                     \
    N_("Partner office it came in at (a code)"), N_("CODE") },                              \
  { "sender", 0, 0, G_OPTION_ARG_FILENAME, &(o).sender,                                     \
    N_("Sender's name as they wrote it"), N_("NAME") },                                     \
  { "city", 0, 0, G_OPTION_ARG_FILENAME, &(o).city, N_("Sender's city"), N_("CITY") },      \
  { "country", 0, 0, G_OPTION_ARG_FILENAME, &(o).country,                                   \
    N_("Sender's country (ISO 3166 code: KH, FR…)"), N_("CODE") },                          \
  { "contact", 0, 0, G_OPTION_ARG_FILENAME, &(o).contact,                                   \
    N_("Sender's e-mail or phone (private: never printed on cards)"), N_("CONTACT") },      \
  { "consent", 0, 0, G_OPTION_ARG_FILENAME, &(o).consent,                                   \
    N_("Who may see the sender's name: none, detainee or public"), N_("CONSENT") },         \
  { "language", 0, 0, G_OPTION_ARG_FILENAME, &(o).language,                                 \
    N_("Language of the text (default: detected)"), N_("CODE") },                          \
  { "translation-km", 0, 0, G_OPTION_ARG_FILENAME, &(o).translation_km,                     \
    N_("Khmer translation"), N_("TEXT") },                                                  \
  { "translation-en", 0, 0, G_OPTION_ARG_FILENAME, &(o).translation_en,                     \
    N_("English translation"), N_("TEXT") },                                                \
  { "notes", 0, 0, G_OPTION_ARG_FILENAME, &(o).notes, N_("Notes for the team"),             \
    N_("TEXT") },                                                                           \
  { "to", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &(o).to,                                       \
    N_("A detainee it is for (id or name; repeat for several)"), N_("DETAINEE") },          \
  { "to-all", 0, 0, G_OPTION_ARG_NONE, &(o).to_all, N_("It is for every detainee"), NULL }

static void
message_options_clear (MessageOptions *o)
{
  g_clear_pointer (&o->text, g_free);
  g_clear_pointer (&o->text_file, g_free);
  g_clear_pointer (&o->channel, g_free);
  g_clear_pointer (&o->received_on, g_free);
  g_clear_pointer (&o->office, g_free);
  g_clear_pointer (&o->sender, g_free);
  g_clear_pointer (&o->city, g_free);
  g_clear_pointer (&o->country, g_free);
  g_clear_pointer (&o->contact, g_free);
  g_clear_pointer (&o->consent, g_free);
  g_clear_pointer (&o->language, g_free);
  g_clear_pointer (&o->translation_km, g_free);
  g_clear_pointer (&o->translation_en, g_free);
  g_clear_pointer (&o->notes, g_free);
  g_clear_pointer (&o->to, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MessageOptions, message_options_clear)

/* ================================================================ helpers */

static gboolean
apply_options (SbCampaign            *campaign,
               const MessageOptions  *o,
               SbMessage             *message,
               GError               **error)
{
  if (o->text_file != NULL)
    {
      g_autofree char *text = _sb_cli_read_text_file (o->text_file, error);

      if (text == NULL)
        return FALSE;
      _sb_cli_set (&message->original_text, text);
    }
  _sb_cli_set (&message->original_text, o->text);
  _sb_cli_set (&message->channel, o->channel);
  _sb_cli_set (&message->received_on, o->received_on);
  _sb_cli_set (&message->sender_name, o->sender);
  _sb_cli_set (&message->sender_city, o->city);
  _sb_cli_set (&message->sender_country, o->country);
  _sb_cli_set (&message->sender_contact, o->contact);
  _sb_cli_set (&message->consent, o->consent);
  _sb_cli_set (&message->language, o->language);
  _sb_cli_set (&message->translation_km, o->translation_km);
  _sb_cli_set (&message->translation_en, o->translation_en);
  _sb_cli_set (&message->notes, o->notes);

  if (o->office != NULL && o->office[0] != '\0')
    {
      g_autoptr(SbOffice) office = sb_campaign_get_office (campaign, o->office, error);

      if (office == NULL)
        return FALSE;
      _sb_cli_set_optional (&message->office_id, office->id);
    }
  else
    _sb_cli_set_optional (&message->office_id, o->office);

  return TRUE;
}

/* Adds or changes the message and gives it to its detainees, all or nothing. */
static gboolean
save (SbCampaign            *campaign,
      const MessageOptions  *o,
      SbMessage             *message,
      gboolean               adding,
      GError               **error)
{
  g_autoptr(GPtrArray) detainee_ids = NULL;

  if (!apply_options (campaign, o, message, error))
    return FALSE;

  if (o->to != NULL || o->to_all)
    {
      detainee_ids = _sb_cli_resolve_detainees (campaign, (const char *const *) o->to,
                                                o->to_all, error);
      if (detainee_ids == NULL)
        return FALSE;
    }

  if (!sb_campaign_begin (campaign, error))
    return FALSE;

  if (!(adding ? sb_campaign_add_message (campaign, message, error)
               : sb_campaign_update_message (campaign, message, error))
      || (detainee_ids != NULL
          && !sb_campaign_assign (campaign, message->id,
                                  (const char *const *) detainee_ids->pdata, error))
      || !sb_campaign_commit (campaign, error))
    {
      sb_campaign_rollback (campaign);
      return FALSE;
    }
  return TRUE;
}

static void
add_message_members (JsonBuilder     *builder,
                     const SbMessage *message,
                     GHashTable      *office_codes,
                     gboolean         with_contact)
{
  _sb_cli_json_string (builder, "id", message->id);
  _sb_cli_json_string (builder, "ref", message->ref);
  _sb_cli_json_string (builder, "status", message->status);
  _sb_cli_json_string (builder, "hold_reason", message->hold_reason);
  _sb_cli_json_string (builder, "channel", message->channel);
  _sb_cli_json_string (builder, "received_on", message->received_on);
  _sb_cli_json_string (builder, "office", _sb_cli_lookup (office_codes, message->office_id));
  _sb_cli_json_string (builder, "sender_name", message->sender_name);
  _sb_cli_json_string (builder, "sender_city", message->sender_city);
  _sb_cli_json_string (builder, "sender_country", message->sender_country);
  if (with_contact)
    _sb_cli_json_string (builder, "sender_contact", message->sender_contact);
  _sb_cli_json_string (builder, "consent", message->consent);
  _sb_cli_json_string (builder, "language", message->language);
  _sb_cli_json_string (builder, "text", message->original_text);
  _sb_cli_json_string (builder, "translation_km", message->translation_km);
  _sb_cli_json_string (builder, "translation_en", message->translation_en);
  _sb_cli_json_string (builder, "notes", message->notes);
  _sb_cli_json_string (builder, "duplicate_of", message->duplicate_of);
  _sb_cli_json_string (builder, "created_at", message->created_at);
  _sb_cli_json_string (builder, "updated_at", message->updated_at);
}

static void
add_copies_json (JsonBuilder *builder,
                 GPtrArray   *copies,
                 GHashTable  *detainee_names)
{
  json_builder_set_member_name (builder, "copies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "detainee", _sb_cli_lookup (detainee_names, copy->detainee_id));
      _sb_cli_json_string (builder, "detainee_id", copy->detainee_id);
      _sb_cli_json_string (builder, "state", copy->state);
      _sb_cli_json_int (builder, "attempts", copy->attempts);
      _sb_cli_json_string (builder, "reason", copy->outcome_reason);
      _sb_cli_json_string (builder, "delivered_on", copy->delivered_on);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static const char *
describe_consent (const char *consent)
{
  switch (sb_consent_from_nick (consent))
    {
    case SB_CONSENT_NONE:
      return _("not to be shown");
    case SB_CONSENT_DETAINEE:
      return _("may be shown to the detainee");
    case SB_CONSENT_PUBLIC:
      return _("may be published");
    case SB_CONSENT_UNKNOWN:
      break;
    }
  return consent;
}

static void
print_text_block (const char *label,
                  const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  g_print ("\n%s\n", label);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("  %s\n", lines[i]);
}

static char *
describe_sender (const SbMessage *message)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (message->sender_name[0] != '\0')
    g_ptr_array_add (parts, message->sender_name);
  if (message->sender_city[0] != '\0')
    g_ptr_array_add (parts, message->sender_city);
  if (message->sender_country[0] != '\0')
    g_ptr_array_add (parts, message->sender_country);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
print_message_table (GPtrArray  *messages,
                     GHashTable *office_codes)
{
  g_autoptr(SbCliTable) table = _sb_cli_table_new (7, _("Ref"), _("Status"), _("Received"),
                                                   _("Office"), _("Lang"), _("Sender"), _("Text"));

  for (guint i = 0; i < messages->len; i++)
    {
      SbMessage *message = g_ptr_array_index (messages, i);
      g_autofree char *first_line = sb_text_first_line (message->original_text, LIST_TEXT_CHARS);
      g_autofree char *sender = describe_sender (message);

      _sb_cli_table_add (table, message->ref, _sb_cli_describe_status (message->status),
                         message->received_on, _sb_cli_lookup (office_codes, message->office_id),
                         message->language, sender, first_line);
    }
  _sb_cli_table_print (table);
}

static GPtrArray *
get_messages (SbCampaign  *campaign,
              GPtrArray   *ids,
              GError     **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_message_free);

  for (guint i = 0; i < ids->len; i++)
    {
      SbMessage *message = sb_campaign_get_message (campaign, g_ptr_array_index (ids, i), error);

      if (message == NULL)
        return NULL;
      g_ptr_array_add (messages, message);
    }
  return g_steal_pointer (&messages);
}

static void
add_messages_json (JsonBuilder *builder,
                   GPtrArray   *messages,
                   GHashTable  *office_codes)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    _sb_cli_add_message_json (builder, g_ptr_array_index (messages, i), office_codes, FALSE);
  json_builder_end_array (builder);
}

static int
add_or_edit (SbCli    *cli,
             int       argc,
             char    **argv,
             gboolean  adding)
{
  g_auto(MessageOptions) o = { 0 };
  const GOptionEntry entries[] = { MESSAGE_ENTRIES (o), G_OPTION_ENTRY_NULL };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (adding)
    {
      if (!_sb_cli_parse (cli, "", N_("Adds a message that came in, and says who it is for."),
                          entries, &argc, &argv, &status)
          || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
        return status;
      if (o.text == NULL && o.text_file == NULL)
        return _sb_cli_usage (cli, _("Missing --text TEXT or --text-file FILE"));
    }
  else if (!_sb_cli_parse (cli, _("REF"), N_("Changes a message: only the options given."),
                           entries, &argc, &argv, &status)
           || !_sb_cli_check_arguments (cli, argc, argv, 1, 1,
                                        _("Missing the message (REF)"), &status))
    return status;

  if (o.text != NULL && o.text_file != NULL)
    return _sb_cli_usage (cli, _("Give --text or --text-file, not both"));
  if (o.to != NULL && o.to_all)
    return _sb_cli_usage (cli, _("Give --to or --to-all, not both"));

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  message = adding ? sb_message_new () : sb_campaign_get_message (campaign, argv[1], &error);
  if (message == NULL || !save (campaign, &o, message, adding, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      if (!_sb_cli_print_message (cli, campaign, message, &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
    }
  else if (adding)
    g_print (_("Added message %s\n"), message->ref);
  else
    g_print (_("Changed message %s\n"), message->ref);
  return SB_CLI_EXIT_OK;
}

/* =============================================================== internal */

/**
 * _sb_cli_add_message_json:
 * @office_codes: (nullable): office id → code
 * @with_contact: include the sender's private contact
 *
 * Adds @message as a JSON object.
 */
void
_sb_cli_add_message_json (JsonBuilder     *builder,
                          const SbMessage *message,
                          GHashTable      *office_codes,
                          gboolean         with_contact)
{
  json_builder_begin_object (builder);
  add_message_members (builder, message, office_codes, with_contact);
  json_builder_end_object (builder);
}

/**
 * _sb_cli_print_message:
 *
 * Prints a message in full with its copies: as JSON with --json, else for people.
 */
gboolean
_sb_cli_print_message (SbCli            *cli,
                       SbCampaign       *campaign,
                       const SbMessage  *message,
                       GError          **error)
{
  g_autoptr(GHashTable) office_codes = NULL;
  g_autoptr(GHashTable) detainee_names = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  if ((office_codes = _sb_cli_office_codes (campaign, error)) == NULL
      || (detainee_names = _sb_cli_detainee_names (campaign, error)) == NULL
      || (copies = sb_campaign_list_copies (campaign, message->id, error)) == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_message_members (builder, message, office_codes, TRUE);
      add_copies_json (builder, copies, detainee_names);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
      return TRUE;
    }
  else
    {
      g_autoptr(SbCliTable) fields = _sb_cli_table_new (2, NULL);
      g_autofree char *sender = describe_sender (message);
      g_autofree char *status = NULL;
      const char *office = _sb_cli_lookup (office_codes, message->office_id);

      if (sb_message_status_from_nick (message->status) == SB_MESSAGE_STATUS_HELD)
        status = g_strdup_printf ("%s — %s", _sb_cli_describe_status (message->status),
                                  message->hold_reason);
      else
        status = g_strdup (_sb_cli_describe_status (message->status));

      _sb_cli_table_add_field (fields, _("Reference:"), message->ref);
      _sb_cli_table_add_field (fields, _("Status:"), status);
      _sb_cli_table_add_field (fields, _("Received on:"), message->received_on);
      _sb_cli_table_add_field (fields, _("Channel:"),
                               _sb_cli_describe_channel (message->channel));
      _sb_cli_table_add_field (fields, _("Office:"), office);
      _sb_cli_table_add_field (fields, _("From:"), sender);
      _sb_cli_table_add_field (fields, _("Contact (private):"), message->sender_contact);
      _sb_cli_table_add_field (fields, _("Sender's name:"), describe_consent (message->consent));
      _sb_cli_table_add_field (fields, _("Language:"), message->language);
      _sb_cli_table_add_field (fields, _("Notes:"), message->notes);
      _sb_cli_table_print (fields);

      print_text_block (_("Text:"), message->original_text);
      print_text_block (_("Khmer translation:"), message->translation_km);
      print_text_block (_("English translation:"), message->translation_en);

      g_print ("\n");
      if (copies->len == 0)
        g_print ("%s\n", _("Not given to any detainee yet: use “sambot-cli assign”."));
      else
        {
          g_autoptr(SbCliTable) table = _sb_cli_table_new (5, _("For"), _("Copy"), _("Attempts"),
                                                           _("Delivered on"), _("Reason"));

          for (guint i = 0; i < copies->len; i++)
            {
              SbCopy *copy = g_ptr_array_index (copies, i);
              g_autofree char *attempts = g_strdup_printf ("%d", copy->attempts);

              _sb_cli_table_add (table, _sb_cli_lookup (detainee_names, copy->detainee_id),
                                 _sb_cli_describe_copy_state (copy->state), attempts,
                                 copy->delivered_on, copy->outcome_reason);
            }
          _sb_cli_table_print (table);
        }
      return TRUE;
    }
}

/* =============================================================== commands */

int
_sb_cli_message_add (SbCli  *cli,
                     int     argc,
                     char  **argv)
{
  return add_or_edit (cli, argc, argv, TRUE);
}

int
_sb_cli_message_edit (SbCli  *cli,
                      int     argc,
                      char  **argv)
{
  return add_or_edit (cli, argc, argv, FALSE);
}

int
_sb_cli_message_show (SbCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF"), N_("Shows a message in full, with its copies."), NULL,
                      &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the message (REF)"), &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL
      || !_sb_cli_print_message (cli, campaign, message, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_message_list (SbCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autofree char *status_filter = NULL;
  gboolean oldest_first = FALSE;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_FILENAME, &status_filter,
      N_("Only messages in this state: new, transcribed, approved or held"), N_("STATUS") },
    { "oldest-first", 0, 0, G_OPTION_ARG_NONE, &oldest_first,
      N_("List the messages in the order they came in"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GHashTable) office_codes = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, "", N_("Lists the messages, newest first (the last added first)."), entries,
                      &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 0, 0, NULL, &status))
    return status;

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (ids = sb_campaign_list_message_ids (campaign, status_filter, &error)) == NULL
      || (messages = get_messages (campaign, ids, &error)) == NULL
      || (office_codes = _sb_cli_office_codes (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  /* The campaign lists them as they were added; the newest is what a person looks for. */
  if (!oldest_first)
    for (guint i = 0, j = messages->len; i + 1 < j; i++, j--)
      {
        gpointer swap = messages->pdata[i];

        messages->pdata[i] = messages->pdata[j - 1];
        messages->pdata[j - 1] = swap;
      }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_messages_json (builder, messages, office_codes);
      _sb_cli_print_json (builder);
    }
  else if (messages->len == 0)
    g_print ("%s\n", _("No messages."));
  else
    {
      print_message_table (messages, office_codes);
      g_print (ngettext ("%u message\n", "%u messages\n", messages->len), messages->len);
    }
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_message_search (SbCli  *cli,
                        int     argc,
                        char  **argv)
{
  int limit = DEFAULT_SEARCH_LIMIT;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N messages (default: 20)"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GHashTable) office_codes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  int status;

  if (!_sb_cli_parse (cli, _("QUERY"),
                      N_("Finds messages that contain the words, in any spelling of Khmer."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing what to search for (QUERY)"),
                                   &status))
    return status;
  if (limit <= 0)
    return _sb_cli_usage (cli, _("--limit must be 1 or more"));

  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (ids = sb_campaign_search (campaign, argv[1], limit, &total, &error)) == NULL
      || (messages = get_messages (campaign, ids, &error)) == NULL
      || (office_codes = _sb_cli_office_codes (campaign, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "query", argv[1]);
      _sb_cli_json_int (builder, "total", total);
      json_builder_set_member_name (builder, "messages");
      add_messages_json (builder, messages, office_codes);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
    }
  else if (total == 0)
    g_print (_("No message contains “%s”.\n"), argv[1]);
  else
    {
      print_message_table (messages, office_codes);
      if (total > messages->len)
        g_print (ngettext ("%u of %ld message\n",
                           "%u of %ld messages\n", total),
                 messages->len, total);
      else
        g_print (ngettext ("%u message\n", "%u messages\n", messages->len), messages->len);
    }
  return SB_CLI_EXIT_OK;
}

/* Erasure cannot be undone: it asks for --yes, and says what stays. */
int
_sb_cli_message_forget_sender (SbCli  *cli,
                               int     argc,
                               char  **argv)
{
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Erase without asking again (this cannot be undone)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  guint n_scans = 0;
  int status;

  if (!_sb_cli_parse (cli, _("REF"),
                      N_("Erases the sender’s name, city and contact, and the scans of the card, "
                         "from the message and its history. The "
                         "message, its text, its country and the figures stay."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the message (REF)"), &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (!yes)
    return _sb_cli_usage (cli, _("Forgetting the sender of %s cannot be undone: add --yes to erase "
                                 "it"), message->ref);
  if (!sb_campaign_forget_sender (campaign, message->id, &n_scans, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "ref", message->ref);
      _sb_cli_json_bool (builder, "sender_erased", TRUE);
      _sb_cli_json_int (builder, "scans_removed", n_scans);
      json_builder_end_object (builder);
      _sb_cli_print_json (builder);
      return SB_CLI_EXIT_OK;
    }
  /* Translators: %s is a message's reference, "PP-0042". */
  g_print (_("Forgot the sender of %s: their name, city and contact are erased, from its "
             "history too.\n"), message->ref);
  if (n_scans > 0)
    g_print (ngettext ("%u scan of the card was removed.\n",
                       "%u scans of the card were removed.\n", n_scans), n_scans);
  g_print ("%s\n", _("The message, its text, its country and the figures are kept. Backups "
                     "made before still hold the sender’s details."));
  return SB_CLI_EXIT_OK;
}
