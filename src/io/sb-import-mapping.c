/* sb-import-mapping.c — which column of a form export holds which message field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guess reads the header text in English and Khmer, as Google Forms, Typeform,
 * Jotform, KoBoToolbox and spreadsheets write it. A mapping is saved as JSON under a
 * key made from the set of headers, so the next export of the same form finds it.
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-import-mapping.h"
#include "sb-text.h"

struct _SbImportMapping
{
  GPtrArray     *header;   /* utf8, NULL-terminated */
  SbImportField *fields;
};

G_DEFINE_BOXED_TYPE (SbImportMapping, sb_import_mapping, sb_import_mapping_copy, sb_import_mapping_free)

static const struct
{
  const char *id;
  const char *label;
} field_names[SB_IMPORT_N_FIELDS] = {
  [SB_IMPORT_FIELD_NONE] = { "none", N_("Do not import") },
  [SB_IMPORT_FIELD_RECEIVED_ON] = { "received_on", N_("Date received") },
  [SB_IMPORT_FIELD_SENDER_NAME] = { "sender_name", N_("Sender’s name") },
  [SB_IMPORT_FIELD_SENDER_CONTACT] = { "sender_contact", N_("Contact (private)") },
  [SB_IMPORT_FIELD_SENDER_CITY] = { "sender_city", N_("City") },
  [SB_IMPORT_FIELD_SENDER_COUNTRY] = { "sender_country", N_("Country") },
  [SB_IMPORT_FIELD_MESSAGE] = { "message", N_("Message") },
  [SB_IMPORT_FIELD_ADDRESSEES] = { "addressees", N_("Addressees") },
  [SB_IMPORT_FIELD_LANGUAGE] = { "language", N_("Language") },
  [SB_IMPORT_FIELD_CONSENT] = { "consent", N_("Consent") },
  [SB_IMPORT_FIELD_SUBMISSION_ID] = { "submission_id", N_("Response id") },
};

/* How headers are recognised. Latin keywords match whole words of the header's
 * search key; Khmer ones match anywhere (Khmer writes no spaces between words).
 * The highest score wins; for fields that take one column, the best column. */
#define EXACT 100
static const struct
{
  SbImportField field;
  const char   *keyword;
  int           score;
} rules[] = {
  { SB_IMPORT_FIELD_SUBMISSION_ID, "uuid", EXACT + 5 },
  { SB_IMPORT_FIELD_SUBMISSION_ID, "submission id", 5 },
  { SB_IMPORT_FIELD_SUBMISSION_ID, "response id", 5 },
  { SB_IMPORT_FIELD_SUBMISSION_ID, "token", EXACT + 5 },
  { SB_IMPORT_FIELD_SUBMISSION_ID, "response token", EXACT + 5 },

  { SB_IMPORT_FIELD_RECEIVED_ON, "timestamp", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "submit date", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "submission date", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "submission time", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "submitted at", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "submitted on", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "date submitted", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "received", 3 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "date", 2 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "time", 1 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "created", 1 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "ត្រាពេលវេលា", 5 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "កាលបរិច្ឆេទ", 3 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "ថ្ងៃខែ", 3 },
  { SB_IMPORT_FIELD_RECEIVED_ON, "ពេលវេលា", 2 },

  { SB_IMPORT_FIELD_SENDER_CONTACT, "email", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "e mail", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "phone", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "telephone", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "mobile", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "whatsapp", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "contact", 3 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "អ៊ីមែល", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "អុីមែល", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "ទូរស័ព្ទ", 4 },
  { SB_IMPORT_FIELD_SENDER_CONTACT, "ទំនាក់ទំនង", 3 },

  { SB_IMPORT_FIELD_ADDRESSEES, "to", EXACT + 4 },
  { SB_IMPORT_FIELD_ADDRESSEES, "addressee", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "addressees", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "recipient", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "recipients", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "message for", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "for whom", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "to whom", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "send to", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "who", 3 },
  { SB_IMPORT_FIELD_ADDRESSEES, "detainee", 2 },
  { SB_IMPORT_FIELD_ADDRESSEES, "detainees", 2 },
  { SB_IMPORT_FIELD_ADDRESSEES, "defender", 2 },
  { SB_IMPORT_FIELD_ADDRESSEES, "defenders", 2 },
  { SB_IMPORT_FIELD_ADDRESSEES, "ជូនចំពោះ", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "ផ្ញើជូន", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "ផ្ញើទៅ", 5 },
  { SB_IMPORT_FIELD_ADDRESSEES, "អ្នកទទួល", 5 },

  { SB_IMPORT_FIELD_CONSENT, "consent", 5 },
  { SB_IMPORT_FIELD_CONSENT, "permission", 5 },
  { SB_IMPORT_FIELD_CONSENT, "publish", 4 },
  { SB_IMPORT_FIELD_CONSENT, "may we", 4 },
  { SB_IMPORT_FIELD_CONSENT, "can we", 4 },
  { SB_IMPORT_FIELD_CONSENT, "agree", 3 },
  { SB_IMPORT_FIELD_CONSENT, "យល់ព្រម", 5 },
  { SB_IMPORT_FIELD_CONSENT, "អនុញ្ញាត", 5 },

  { SB_IMPORT_FIELD_SENDER_NAME, "name", 3 },
  { SB_IMPORT_FIELD_SENDER_NAME, "full name", 4 },
  { SB_IMPORT_FIELD_SENDER_NAME, "first name", 4 },
  { SB_IMPORT_FIELD_SENDER_NAME, "last name", 4 },
  { SB_IMPORT_FIELD_SENDER_NAME, "sender", 3 },
  { SB_IMPORT_FIELD_SENDER_NAME, "from", EXACT + 3 },
  { SB_IMPORT_FIELD_SENDER_NAME, "signed", 2 },
  { SB_IMPORT_FIELD_SENDER_NAME, "ឈ្មោះ", 3 },
  { SB_IMPORT_FIELD_SENDER_NAME, "នាមត្រកូល", 3 },

  { SB_IMPORT_FIELD_SENDER_CITY, "city", 4 },
  { SB_IMPORT_FIELD_SENDER_CITY, "town", 4 },
  { SB_IMPORT_FIELD_SENDER_CITY, "province", 3 },
  { SB_IMPORT_FIELD_SENDER_CITY, "village", 3 },
  { SB_IMPORT_FIELD_SENDER_CITY, "ទីក្រុង", 4 },
  { SB_IMPORT_FIELD_SENDER_CITY, "ខេត្ត", 3 },
  { SB_IMPORT_FIELD_SENDER_CITY, "ក្រុង", 2 },

  { SB_IMPORT_FIELD_SENDER_COUNTRY, "country", 4 },
  { SB_IMPORT_FIELD_SENDER_COUNTRY, "nation", 3 },
  { SB_IMPORT_FIELD_SENDER_COUNTRY, "ប្រទេស", 4 },

  { SB_IMPORT_FIELD_LANGUAGE, "language", 4 },
  { SB_IMPORT_FIELD_LANGUAGE, "lang", 3 },
  { SB_IMPORT_FIELD_LANGUAGE, "ភាសា", 4 },

  { SB_IMPORT_FIELD_MESSAGE, "message", 3 },
  { SB_IMPORT_FIELD_MESSAGE, "your message", 4 },
  { SB_IMPORT_FIELD_MESSAGE, "text", 2 },
  { SB_IMPORT_FIELD_MESSAGE, "letter", 2 },
  { SB_IMPORT_FIELD_MESSAGE, "words", 2 },
  { SB_IMPORT_FIELD_MESSAGE, "wish", 2 },
  { SB_IMPORT_FIELD_MESSAGE, "wishes", 2 },
  { SB_IMPORT_FIELD_MESSAGE, "solidarity", 2 },
  { SB_IMPORT_FIELD_MESSAGE, "comment", 1 },
  { SB_IMPORT_FIELD_MESSAGE, "comments", 1 },
  { SB_IMPORT_FIELD_MESSAGE, "សារ", 3 },
  { SB_IMPORT_FIELD_MESSAGE, "លិខិត", 3 },
  { SB_IMPORT_FIELD_MESSAGE, "ពាក្យ", 2 },
};

/* ------------------------------------------------------------------------ */
/* Fields                                                                   */
/* ------------------------------------------------------------------------ */

const char *
sb_import_field_get_id (SbImportField field)
{
  g_return_val_if_fail (field < SB_IMPORT_N_FIELDS, "none");
  return field_names[field].id;
}

/* Returns: the field's name as the person sees it (translated) */
const char *
sb_import_field_get_label (SbImportField field)
{
  g_return_val_if_fail (field < SB_IMPORT_N_FIELDS, "");
  return _(field_names[field].label);
}

SbImportField
sb_import_field_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < SB_IMPORT_N_FIELDS; i++)
    if (g_str_equal (field_names[i].id, id))
      return i;
  return SB_IMPORT_FIELD_NONE;
}

static gboolean
field_takes_several (SbImportField field)
{
  return field == SB_IMPORT_FIELD_SENDER_NAME || field == SB_IMPORT_FIELD_SENDER_CONTACT;
}

/* ------------------------------------------------------------------------ */
/* Guessing                                                                 */
/* ------------------------------------------------------------------------ */

static SbImportField
guess_field (const char *header,
             int        *score)
{
  g_autofree char *plain = g_strdelimit (g_strdup (header), "_-", ' ');
  g_autofree char *key = sb_text_search_key (plain);
  g_autofree char *padded = g_strconcat (" ", key, " ", NULL);
  SbImportField best = SB_IMPORT_FIELD_NONE;

  *score = 0;
  if (g_str_equal (header, "#"))
    {
      *score = EXACT;
      return SB_IMPORT_FIELD_SUBMISSION_ID;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const char *keyword = rules[i].keyword;
      gboolean match;
      int rule_score = rules[i].score;

      if (rule_score >= EXACT)
        {
          match = g_str_equal (key, keyword);
          rule_score -= EXACT;
        }
      else if ((guchar) keyword[0] >= 0x80)
        match = strstr (key, keyword) != NULL;
      else
        {
          g_autofree char *word = g_strconcat (" ", keyword, " ", NULL);
          match = strstr (padded, word) != NULL;
        }
      if (match && rule_score > *score)
        {
          best = rules[i].field;
          *score = rule_score;
        }
    }
  return best;
}

static SbImportMapping *
mapping_new (const char *const *header)
{
  SbImportMapping *self = g_new0 (SbImportMapping, 1);
  guint n = header ? g_strv_length ((char **) header) : 0;

  self->header = g_ptr_array_new_full (n + 1, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->header, g_strdup (header[i]));
  g_ptr_array_add (self->header, NULL);
  self->fields = g_new0 (SbImportField, MAX (n, 1));
  return self;
}

/**
 * sb_import_mapping_guess:
 * @header: (array zero-terminated=1): the column headers of an export
 *
 * Returns: (transfer full): the columns matched to fields by their header text
 */
SbImportMapping *
sb_import_mapping_guess (const char *const *header)
{
  SbImportMapping *self = mapping_new (header);
  guint n = sb_import_mapping_get_n_columns (self);
  g_autofree int *scores = g_new0 (int, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    self->fields[i] = guess_field (header[i], &scores[i]);

  /* Fields that take one column keep their best-scoring one (the first on a tie). */
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (i != j && self->fields[i] == self->fields[j] && self->fields[i] != SB_IMPORT_FIELD_NONE &&
          !field_takes_several (self->fields[i]) &&
          (scores[j] > scores[i] || (scores[j] == scores[i] && j < i)))
        {
          self->fields[i] = SB_IMPORT_FIELD_NONE;
          break;
        }
  return self;
}

SbImportMapping *
sb_import_mapping_copy (const SbImportMapping *self)
{
  SbImportMapping *copy = mapping_new ((const char *const *) self->header->pdata);

  memcpy (copy->fields, self->fields, sizeof (SbImportField) * sb_import_mapping_get_n_columns (self));
  return copy;
}

void
sb_import_mapping_free (SbImportMapping *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->header);
  g_free (self->fields);
  g_free (self);
}

guint
sb_import_mapping_get_n_columns (const SbImportMapping *self)
{
  return self->header->len - 1;
}

const char *
sb_import_mapping_get_header (const SbImportMapping *self,
                              guint                  column)
{
  g_return_val_if_fail (column < sb_import_mapping_get_n_columns (self), "");
  return g_ptr_array_index (self->header, column);
}

SbImportField
sb_import_mapping_get_field (const SbImportMapping *self,
                             guint                  column)
{
  if (column >= sb_import_mapping_get_n_columns (self))
    return SB_IMPORT_FIELD_NONE;
  return self->fields[column];
}

/**
 * sb_import_mapping_set_field:
 *
 * Maps @column to @field. A field that takes one column is taken away from any
 * other column that had it.
 */
void
sb_import_mapping_set_field (SbImportMapping *self,
                             guint            column,
                             SbImportField    field)
{
  g_return_if_fail (column < sb_import_mapping_get_n_columns (self));
  g_return_if_fail (field < SB_IMPORT_N_FIELDS);

  if (field != SB_IMPORT_FIELD_NONE && !field_takes_several (field))
    for (guint i = 0; i < sb_import_mapping_get_n_columns (self); i++)
      if (self->fields[i] == field)
        self->fields[i] = SB_IMPORT_FIELD_NONE;
  self->fields[column] = field;
}

/* Returns: the first column mapped to @field, or -1 */
int
sb_import_mapping_find (const SbImportMapping *self,
                        SbImportField          field)
{
  for (guint i = 0; i < sb_import_mapping_get_n_columns (self); i++)
    if (self->fields[i] == field)
      return i;
  return -1;
}

/**
 * sb_import_mapping_check:
 *
 * A mapping must say where the message is; without it nothing can be imported.
 */
gboolean
sb_import_mapping_check (const SbImportMapping  *self,
                         GError                **error)
{
  if (sb_import_mapping_find (self, SB_IMPORT_FIELD_MESSAGE) < 0)
    {
      g_set_error_literal (error, SB_IO_ERROR, SB_IO_ERROR_NO_MESSAGE_COLUMN,
                           _("No column is chosen as the message. Choose the column that "
                             "holds the messages."));
      return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/**
 * sb_import_mapping_get_form_key:
 *
 * Returns: (transfer full): a key for the set of headers (order does not matter),
 *   the same for every export of the same form
 */
char *
sb_import_mapping_get_form_key (const SbImportMapping *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < sb_import_mapping_get_n_columns (self); i++)
    g_ptr_array_add (sorted, g_ptr_array_index (self->header, i));
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    g_checksum_update (checksum, g_ptr_array_index (sorted, i), strlen (g_ptr_array_index (sorted, i)) + 1);
  return g_strndup (g_checksum_get_string (checksum), 16);
}

/* ------------------------------------------------------------------------ */
/* Saving and loading                                                       */
/* ------------------------------------------------------------------------ */

static JsonObject *
read_forms (JsonParser  *parser,
            const char  *path,
            gboolean     must_exist,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !must_exist)
    return json_object_new ();
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_MAPPING,
                   _("The mapping file %s cannot be read: %s"), path, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member ((object = json_node_get_object (root)), "forms") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "forms")))
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_MAPPING,
                   _("%s is not a mapping saved by Sambot."), path);
      return NULL;
    }
  return json_object_ref (json_object_get_object_member (object, "forms"));
}

/**
 * sb_import_mapping_save:
 * @path: a JSON file; mappings of other forms already in it are kept
 */
gboolean
sb_import_mapping_save (const SbImportMapping  *self,
                        const char             *path,
                        GError                **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) forms = NULL;
  g_autoptr(JsonObject) form = json_object_new ();
  g_autoptr(JsonObject) columns = json_object_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = sb_import_mapping_get_form_key (self);
  g_autofree char *text = NULL;

  forms = read_forms (parser, path, FALSE, error);
  if (forms == NULL)
    return FALSE;
  for (guint i = 0; i < sb_import_mapping_get_n_columns (self); i++)
    json_object_set_string_member (columns, g_ptr_array_index (self->header, i),
                                   sb_import_field_get_id (self->fields[i]));
  json_object_set_object_member (form, "columns", g_steal_pointer (&columns));
  json_object_set_object_member (forms, key, g_steal_pointer (&form));
  json_object_set_int_member (root, "sambot-import-mapping", 1);
  json_object_set_object_member (root, "forms", g_steal_pointer (&forms));
  json_node_take_object (node, g_steal_pointer (&root));
  text = json_to_string (node, TRUE);
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_MAPPING,
                   _("The mapping could not be saved: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* How many of the form's mapped columns are in @header; -1 if one is missing. */
static int
count_fitting (JsonObject        *columns,
               const char *const *header)
{
  g_autoptr(GList) names = json_object_get_members (columns);
  int n = 0;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (columns, l->data);
      const char *field = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (field == NULL || g_str_equal (field, "none"))
        continue;
      if (!g_strv_contains (header, l->data))
        return -1;
      n++;
    }
  return n;
}

/**
 * sb_import_mapping_load:
 * @path: a file written by sb_import_mapping_save()
 * @header: the headers of the file to import
 *
 * Finds the mapping saved for this set of headers; failing that, one saved for an
 * earlier export of the form whose columns are all still there (a form that gained
 * a question). Columns it does not know are not imported.
 *
 * Returns: (transfer full): the mapping, or %NULL with %SB_IO_ERROR_MAPPING
 */
SbImportMapping *
sb_import_mapping_load (const char         *path,
                        const char *const  *header,
                        GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) forms = NULL;
  g_autoptr(SbImportMapping) self = mapping_new (header);
  g_autofree char *key = sb_import_mapping_get_form_key (self);
  g_autoptr(GList) keys = NULL;
  JsonObject *columns = NULL;
  int best = 0;

  forms = read_forms (parser, path, TRUE, error);
  if (forms == NULL)
    return NULL;
  keys = json_object_get_members (forms);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (forms, l->data);
      JsonObject *form, *candidate;
      int n;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (form = json_node_get_object (node)) == NULL ||
          !json_object_has_member (form, "columns") ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (form, "columns")))
        continue;
      candidate = json_object_get_object_member (form, "columns");
      if (g_str_equal (l->data, key))
        {
          columns = candidate;
          break;
        }
      n = count_fitting (candidate, header);
      if (n > best)
        {
          best = n;
          columns = candidate;
        }
    }
  if (columns == NULL)
    {
      g_set_error (error, SB_IO_ERROR, SB_IO_ERROR_MAPPING,
                   _("%s has no mapping for this form: its columns are different. "
                     "Choose the columns again."), path);
      return NULL;
    }
  for (guint i = 0; i < sb_import_mapping_get_n_columns (self); i++)
    {
      JsonNode *node = json_object_get_member (columns, header[i]);
      const char *id = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      sb_import_mapping_set_field (self, i, sb_import_field_from_id (id));
    }
  return g_steal_pointer (&self);
}
