/* sb-import-row.c — one row of a form export as a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The external id of a row says "this response, whichever export it comes from".
 * A form service's own response id is used when the export has one (Typeform "#",
 * Jotform "Submission ID", KoBo "_uuid"): it survives edits and reordering. Without
 * one (Google Forms), it is a SHA-256 of what the sender wrote and when: the time
 * of the response (as a date and time, so a re-saved spreadsheet that writes dates
 * differently still matches), the sender's name and contact and the message, each
 * as a search key (so case, spacing, line endings and Unicode normalisation do not
 * matter). Row order, column order, other columns and questions added to the form
 * later do not change it. Two responses identical in all of those are one.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-import-private.h"
#include "sb-campaign.h"
#include "sb-text.h"

#define EXTERNAL_ID_PREFIX "csv1:"

/* A form field as text, several columns joined; line breaks flattened unless
 * @multiline. */
static char *
collect (SbImportContext *context,
         SbCsvReader     *reader,
         SbImportField    field,
         const char      *separator,
         gboolean         multiline)
{
  GString *text = g_string_new (NULL);
  guint n = sb_import_mapping_get_n_columns (context->mapping);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = NULL;

      if (sb_import_mapping_get_field (context->mapping, i) != field)
        continue;
      value = g_strstrip (g_strdup (sb_csv_reader_get_field (reader, i)));
      if (*value == '\0')
        continue;
      if (!multiline)
        g_strdelimit (value, "\r\n\t", ' ');
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, value);
    }
  return g_string_free (text, FALSE);
}

static char *
make_external_id (const char      *submission_id,
                  const char      *moment,
                  const char      *duplicate_key,
                  const SbMessage *message)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (*submission_id != '\0')
    {
      g_checksum_update (checksum, (const guchar *) "id", 3);
      g_checksum_update (checksum, (const guchar *) submission_id, -1);
    }
  else
    {
      g_autofree char *contact = g_utf8_casefold (message->sender_contact, -1);
      g_autofree char *text_key = NULL;

      /* The duplicate key holds the message's and the sender's search keys. */
      if (duplicate_key == NULL)
        duplicate_key = text_key = sb_text_search_key (message->original_text);
      g_checksum_update (checksum, (const guchar *) "row", 4);
      g_checksum_update (checksum, (const guchar *) moment, strlen (moment) + 1);
      g_checksum_update (checksum, (const guchar *) duplicate_key, strlen (duplicate_key) + 1);
      g_checksum_update (checksum, (const guchar *) contact, strlen (contact) + 1);
    }
  return g_strconcat (EXTERNAL_ID_PREFIX, g_checksum_get_string (checksum), NULL);
}

static char **
copy_fields (SbCsvReader *reader)
{
  guint n = sb_csv_reader_get_n_fields (reader);
  char **fields = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    fields[i] = g_strdup (sb_csv_reader_get_field (reader, i));
  return fields;
}

static gboolean
row_is_blank (SbCsvReader *reader)
{
  for (guint i = 0; i < sb_csv_reader_get_n_fields (reader); i++)
    for (const char *p = sb_csv_reader_get_field (reader, i); *p; p++)
      if (!g_ascii_isspace (*p))
        return FALSE;
  return TRUE;
}

static int
count_filled (SbCsvReader *reader,
              guint        from)
{
  int n = 0;

  for (guint i = from; i < sb_csv_reader_get_n_fields (reader); i++)
    if (*sb_csv_reader_get_field (reader, i) != '\0')
      n++;
  return n;
}

/**
 * _sb_import_convert_row:
 * @detainee_ids: (out) (transfer container): the addressees' ids (maybe none)
 * @external_id: (out) (transfer full): the row's stable id
 * @duplicate_key: (out) (transfer full) (nullable): sb_campaign_duplicate_key()
 *
 * Returns: (transfer full) (nullable): the row as a message (outcome NEW) or with its
 *   problem (outcome REJECTED); %NULL for a blank row
 */
SbImportRow *
_sb_import_convert_row (SbImportContext  *context,
                        SbCsvReader      *reader,
                        GPtrArray       **detainee_ids,
                        char            **external_id,
                        char            **duplicate_key)
{
  g_autoptr(SbImportRow) row = NULL;
  SbMessage *message;
  g_autofree char *date = NULL;
  g_autofree char *received_on = NULL;
  g_autofree char *moment = NULL;
  g_autofree char *country = NULL;
  g_autofree char *language = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *addressees = NULL;
  g_autofree char *submission_id = NULL;
  guint n_columns = sb_import_mapping_get_n_columns (context->mapping);

  *detainee_ids = NULL;
  *external_id = NULL;
  *duplicate_key = NULL;
  if (row_is_blank (reader))
    return NULL;

  row = g_new0 (SbImportRow, 1);
  row->row = sb_csv_reader_get_row (reader);
  row->fields = copy_fields (reader);
  row->message = message = sb_message_new ();
  g_free (message->channel);
  message->channel = g_strdup (sb_channel_to_nick (SB_CHANNEL_ONLINE));
  g_free (message->status);
  message->status = g_strdup (sb_message_status_to_nick (SB_MESSAGE_STATUS_TRANSCRIBED));

  g_free (message->original_text);
  message->original_text = collect (context, reader, SB_IMPORT_FIELD_MESSAGE, "\n\n", TRUE);
  g_free (message->sender_name);
  message->sender_name = collect (context, reader, SB_IMPORT_FIELD_SENDER_NAME, " ", FALSE);
  g_free (message->sender_contact);
  message->sender_contact = collect (context, reader, SB_IMPORT_FIELD_SENDER_CONTACT, ", ", FALSE);
  g_free (message->sender_city);
  message->sender_city = collect (context, reader, SB_IMPORT_FIELD_SENDER_CITY, ", ", FALSE);
  date = collect (context, reader, SB_IMPORT_FIELD_RECEIVED_ON, " ", FALSE);
  country = collect (context, reader, SB_IMPORT_FIELD_SENDER_COUNTRY, " ", FALSE);
  language = collect (context, reader, SB_IMPORT_FIELD_LANGUAGE, " ", FALSE);
  consent = collect (context, reader, SB_IMPORT_FIELD_CONSENT, " ", FALSE);
  addressees = collect (context, reader, SB_IMPORT_FIELD_ADDRESSEES, ",", TRUE);
  submission_id = collect (context, reader, SB_IMPORT_FIELD_SUBMISSION_ID, " ", FALSE);

  if (count_filled (reader, n_columns) > 0)
    row->problem = g_strdup_printf (_("the row has %u columns but the header only %u."),
                                    sb_csv_reader_get_n_fields (reader), n_columns);
  else if (*message->original_text == '\0')
    row->problem = g_strdup (_("the message is empty."));
  else if (*date != '\0' && (received_on = _sb_import_parse_date (date, context->date_order, &moment)) == NULL)
    row->problem = g_strdup_printf (_("“%s” is not a date."), date);
  else if (context->addressees != NULL)
    *detainee_ids = _sb_addressee_index_resolve (context->addressees, addressees,
                                                 &row->addressees, &row->problem);
  if (row->problem != NULL)
    {
      row->outcome = SB_IMPORT_ROW_REJECTED;
      g_clear_pointer (detainee_ids, g_ptr_array_unref);
      return g_steal_pointer (&row);
    }

  if (received_on != NULL)
    {
      g_free (message->received_on);
      message->received_on = g_steal_pointer (&received_on);
    }
  if (*country != '\0')
    {
      const char *code = _sb_import_country_code (country);

      g_free (message->sender_country);
      message->sender_country = g_strdup (code ? code : "");
      if (code == NULL)
        {
          g_free (message->notes);
          /* Translators: the country as the sender wrote it, when Sambot does not know it */
          message->notes = g_strdup_printf (_("Country in the form: %s"), country);
        }
    }
  if (*language != '\0')
    {
      const char *code = _sb_import_language_code (language);

      g_free (message->language);
      message->language = g_strdup (code ? code : "");
    }
  g_free (message->consent);
  message->consent = g_strdup (sb_consent_to_nick (_sb_import_consent (consent)));

  *duplicate_key = sb_campaign_duplicate_key (message);
  *external_id = make_external_id (submission_id, moment ? moment : date, *duplicate_key, message);
  g_free (message->external_id);
  message->external_id = g_strdup (*external_id);
  row->outcome = SB_IMPORT_ROW_NEW;
  return g_steal_pointer (&row);
}
