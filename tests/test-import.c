/* test-import.c — reading form exports and importing them, once and only once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus in tests/import/ imitates real exports: Google Forms, Typeform,
 * Jotform (semicolons, CRLF), a Khmer-headed form, a UTF-16 spreadsheet, broken
 * rows and files that are no CSV at all.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sb-csv-reader.h"
#include "sb-import-mapping.h"
#include "sb-import-private.h"
#include "sb-importer.h"
#include "sb-test-campaign.h"
#include "sb-test-export.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
} Fixture;

static char *
corpus (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "import", name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->campaign = sb_test_campaign_new ("sambot-import-XXXXXX", &fixture->dir, &fixture->path);
  sb_test_add_detainees (fixture->campaign);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  sb_test_campaign_free (g_steal_pointer (&fixture->campaign), fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static SbImportSummary *
import (Fixture    *fixture,
        const char *name,
        gboolean    dry_run)
{
  g_autofree char *path = corpus (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  SbImportSummary *summary;

  g_assert_no_error (error);
  summary = sb_importer_run (importer, fixture->campaign, dry_run, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static guint
count_copies (Fixture         *fixture,
              const SbMessage *message)
{
  g_autoptr(GPtrArray) copies = sb_campaign_list_copies (fixture->campaign, message->id, NULL);

  return copies->len;
}

/* ------------------------------------------------------------------------ */
/* /io/csv                                                                  */
/* ------------------------------------------------------------------------ */

static SbCsvReader *
open_reader (const char *name)
{
  g_autofree char *path = corpus (name);
  g_autoptr(GError) error = NULL;
  SbCsvReader *reader = sb_csv_reader_new_for_path (path, &error);

  g_assert_no_error (error);
  return reader;
}

static GPtrArray *
read_all (SbCsvReader *reader)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;

  while (sb_csv_reader_next (reader, &error))
    {
      char **fields = g_new0 (char *, sb_csv_reader_get_n_fields (reader) + 1);

      for (guint i = 0; i < sb_csv_reader_get_n_fields (reader); i++)
        fields[i] = g_strdup (sb_csv_reader_get_field (reader, i));
      g_ptr_array_add (rows, fields);
    }
  g_assert_no_error (error);
  return rows;
}

static void
test_csv_google_forms (void)
{
  g_autoptr(SbCsvReader) reader = open_reader ("google-forms.csv");
  g_autoptr(GPtrArray) rows = NULL;
  char **row;

  g_assert_cmpint (sb_csv_reader_get_delimiter (reader), ==, ',');
  g_assert_cmpstr (sb_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpuint (sb_csv_reader_get_n_columns (reader), ==, 8);
  g_assert_cmpstr (sb_csv_reader_get_header (reader)[6], ==, "Who is your message for?");
  rows = read_all (reader);
  g_assert_cmpuint (rows->len, ==, 4);
  row = rows->pdata[1];
  g_assert_cmpstr (row[2], ==, "សុខ សុភា");
  g_assert_cmpstr (row[5], ==, "សូមឱ្យបងៗមានសុខភាពល្អ\nយើងនៅជាមួយបងជានិច្ច។");
  row = rows->pdata[2];
  g_assert_cmpstr (row[5], ==, "Courage à vous cinq.\nNous ne vous oublions pas.\n\nMarie");
  row = rows->pdata[3];
  g_assert_cmpstr (row[5], ==, "He said \"free them\" and so do we.");
  /* Rows as a spreadsheet numbers them: header 1, the quoted newlines inside one row. */
  g_assert_cmpuint (sb_csv_reader_get_row (reader), ==, 5);
}

static void
test_csv_bom (void)
{
  g_autoptr(SbCsvReader) reader = open_reader ("typeform.csv");
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpstr (sb_csv_reader_get_encoding (reader), ==, "UTF-8 with BOM");
  g_assert_cmpstr (sb_csv_reader_get_header (reader)[0], ==, "#");
  rows = read_all (reader);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) rows->pdata[1])[4], ==, "Força! Estamos com vocês.");
}

static void
test_csv_utf16 (gconstpointer data)
{
  g_autoptr(SbCsvReader) reader = open_reader (data);
  g_autoptr(GPtrArray) rows = NULL;
  char **row;

  g_assert_cmpstr (sb_csv_reader_get_encoding (reader), ==,
                   strstr (data, "le") ? "UTF-16LE" : "UTF-16BE");
  g_assert_cmpint (sb_csv_reader_get_delimiter (reader), ==, '\t');
  g_assert_cmpstr (sb_csv_reader_get_header (reader)[4], ==, "To");
  rows = read_all (reader);
  g_assert_cmpuint (rows->len, ==, 2);
  row = rows->pdata[1];
  g_assert_cmpstr (row[1], ==, "វណ្ណា");
  g_assert_cmpstr (row[3], ==, "ជាមួយគ្នា\tជានិច្ច");
  g_assert_cmpstr (row[4], ==, "ណៃ វណ្ណដា");
}

static void
test_csv_semicolon (void)
{
  g_autoptr(SbCsvReader) reader = open_reader ("jotform-semicolon.csv");
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpint (sb_csv_reader_get_delimiter (reader), ==, ';');
  rows = read_all (reader);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((char **) rows->pdata[0])[5], ==, "Liberté pour les cinq; courage!");
  g_assert_cmpstr (((char **) rows->pdata[1])[7], ==, "3456789012345678902");
}

static void
test_csv_line_endings (void)
{
  g_autoptr(SbCsvReader) reader = open_reader ("mixed-line-endings.csv");
  g_autoptr(GPtrArray) rows = read_all (reader);

  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((char **) rows->pdata[0])[2], ==, "First line");
  g_assert_cmpstr (((char **) rows->pdata[1])[2], ==, "Quoted\nwith CRLF inside");
  g_assert_cmpstr (((char **) rows->pdata[2])[2], ==, "Last without newline");
}

static const struct
{
  const char *file;
  SbIoError   code;
  const char *says;
} refused[] = {
  { "empty.csv", SB_IO_ERROR_EMPTY, "empty" },
  { "header-only.csv", SB_IO_ERROR_EMPTY, "no rows" },
  { "binary-junk.csv", SB_IO_ERROR_BINARY, "Row 1, column 1" },
  { "nul-bytes.csv", SB_IO_ERROR_BINARY, "Row 2, column 2" },
  { "latin1.csv", SB_IO_ERROR_ENCODING, "Row 2, column 1" },
  { "unterminated-quote.csv", SB_IO_ERROR_MALFORMED, "starts in row 2" },
};

static void
test_csv_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = corpus (refused[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCsvReader) reader = sb_csv_reader_new_for_path (path, &error);

      while (reader != NULL && sb_csv_reader_next (reader, &error))
        ;
      g_test_message ("%s: %s", refused[i].file, error ? error->message : "(no error)");
      g_assert_error (error, SB_IO_ERROR, (int) refused[i].code);
      g_assert_nonnull (strstr (error->message, refused[i].says));
    }
}

static void
check_refused_text (const char *text,
                    gssize      len,
                    SbIoError   code,
                    const char *says)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvReader) reader = sb_csv_reader_new_for_stream (stream, &error);

  while (reader != NULL && sb_csv_reader_next (reader, &error))
    ;
  g_assert_error (error, SB_IO_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, says));
}

static void
test_csv_limits (void)
{
  g_autoptr(GString) wide = g_string_new ("Message\nx");
  g_autoptr(GString) long_field = g_string_new ("Name,Message\nA,");
  g_autofree char *dir = g_dir_make_tmp ("sambot-csv-XXXXXX", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCsvReader) reader = NULL;
  int fd;

  for (guint i = 0; i < SB_CSV_MAX_COLUMNS; i++)
    g_string_append (wide, ",x");
  check_refused_text (wide->str, -1, SB_IO_ERROR_TOO_MANY_COLUMNS, "Row 2, column 1001");

  for (guint i = 0; i < 5 * 1024 * 1024 / 64; i++)
    g_string_append (long_field, "0123456789012345678901234567890123456789012345678901234567890123");
  check_refused_text (long_field->str, -1, SB_IO_ERROR_FIELD_TOO_LONG, "Row 2, column 2");

  /* A 2 GB file is refused before a byte is read (a sparse file costs nothing). */
  fd = g_open (huge, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (2) << 30), ==, 0);
  close (fd);
  reader = sb_csv_reader_new_for_path (huge, &error);
  g_assert_null (reader);
  g_assert_error (error, SB_IO_ERROR, SB_IO_ERROR_TOO_LARGE);
  g_remove (huge);
  g_rmdir (dir);

  check_refused_text ("\xFF\xFEN\0a\0m\0e\0\n\0\x00\xD8x\0\n\0", 18, SB_IO_ERROR_ENCODING, "Row 2");
  check_refused_text ("N\0a\0m\0e\0\n\0", 10, SB_IO_ERROR_ENCODING, "byte order mark");
  check_refused_text ("PK\3\4junk", 8, SB_IO_ERROR_BINARY, "workbook");
}

/* ------------------------------------------------------------------------ */
/* /io/import: mapping and values                                           */
/* ------------------------------------------------------------------------ */

static void
check_guess (const char          *file,
             const SbImportField *expected,
             guint                n)
{
  g_autofree char *path = corpus (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  SbImportMapping *mapping;

  g_assert_no_error (error);
  mapping = sb_importer_get_mapping (importer);
  g_assert_cmpuint (sb_import_mapping_get_n_columns (mapping), ==, n);
  for (guint i = 0; i < n; i++)
    {
      if (sb_import_mapping_get_field (mapping, i) != expected[i])
        g_error ("%s: column “%s” guessed as %s, expected %s", file,
                 sb_import_mapping_get_header (mapping, i),
                 sb_import_field_get_id (sb_import_mapping_get_field (mapping, i)),
                 sb_import_field_get_id (expected[i]));
    }
}

static void
test_import_mapping_guesses (void)
{
  const SbImportField google[] = {
    SB_IMPORT_FIELD_RECEIVED_ON, SB_IMPORT_FIELD_SENDER_CONTACT, SB_IMPORT_FIELD_SENDER_NAME,
    SB_IMPORT_FIELD_SENDER_CITY, SB_IMPORT_FIELD_SENDER_COUNTRY, SB_IMPORT_FIELD_MESSAGE,
    SB_IMPORT_FIELD_ADDRESSEES, SB_IMPORT_FIELD_CONSENT,
  };
  const SbImportField typeform[] = {
    SB_IMPORT_FIELD_SUBMISSION_ID, SB_IMPORT_FIELD_SENDER_NAME, SB_IMPORT_FIELD_SENDER_CONTACT,
    SB_IMPORT_FIELD_SENDER_COUNTRY, SB_IMPORT_FIELD_MESSAGE, SB_IMPORT_FIELD_ADDRESSEES,
    SB_IMPORT_FIELD_NONE, SB_IMPORT_FIELD_RECEIVED_ON, SB_IMPORT_FIELD_NONE,
  };
  const SbImportField jotform[] = {
    SB_IMPORT_FIELD_RECEIVED_ON, SB_IMPORT_FIELD_SENDER_NAME, SB_IMPORT_FIELD_SENDER_CONTACT,
    SB_IMPORT_FIELD_SENDER_CITY, SB_IMPORT_FIELD_SENDER_COUNTRY, SB_IMPORT_FIELD_MESSAGE,
    SB_IMPORT_FIELD_ADDRESSEES, SB_IMPORT_FIELD_SUBMISSION_ID,
  };
  const SbImportField khmer[] = {
    SB_IMPORT_FIELD_RECEIVED_ON, SB_IMPORT_FIELD_SENDER_NAME, SB_IMPORT_FIELD_SENDER_CITY,
    SB_IMPORT_FIELD_SENDER_COUNTRY, SB_IMPORT_FIELD_MESSAGE, SB_IMPORT_FIELD_ADDRESSEES,
    SB_IMPORT_FIELD_LANGUAGE,
  };
  const SbImportField sheet[] = {
    SB_IMPORT_FIELD_RECEIVED_ON, SB_IMPORT_FIELD_SENDER_NAME, SB_IMPORT_FIELD_SENDER_COUNTRY,
    SB_IMPORT_FIELD_MESSAGE, SB_IMPORT_FIELD_ADDRESSEES,
  };

  check_guess ("google-forms.csv", google, G_N_ELEMENTS (google));
  check_guess ("typeform.csv", typeform, G_N_ELEMENTS (typeform));
  check_guess ("jotform-semicolon.csv", jotform, G_N_ELEMENTS (jotform));
  check_guess ("khmer-form.csv", khmer, G_N_ELEMENTS (khmer));
  check_guess ("spreadsheet-utf16le.txt", sheet, G_N_ELEMENTS (sheet));
}

static void
test_import_mapping_saved (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = corpus ("google-forms.csv");
  g_autofree char *newer = corpus ("google-forms-newer.csv");
  g_autofree char *saved = g_build_filename (fixture->dir, "mapping.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  g_autoptr(SbImporter) again = sb_importer_new (newer, &error);
  g_autoptr(SbImporter) other = NULL;
  SbImportMapping *mapping = sb_importer_get_mapping (importer);

  /* The person says the city column is not to be imported, and saves that. */
  sb_import_mapping_set_field (mapping, 3, SB_IMPORT_FIELD_NONE);
  g_assert_true (sb_import_mapping_save (mapping, saved, &error));
  g_assert_no_error (error);

  g_assert_true (sb_importer_load_mapping (again, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_import_mapping_get_field (sb_importer_get_mapping (again), 3), ==,
                   SB_IMPORT_FIELD_NONE);
  g_assert_cmpint (sb_import_mapping_get_field (sb_importer_get_mapping (again), 5), ==,
                   SB_IMPORT_FIELD_MESSAGE);

  g_free (path);
  path = corpus ("khmer-form.csv");
  other = sb_importer_new (path, &error);
  g_assert_false (sb_importer_load_mapping (other, saved, &error));
  g_assert_error (error, SB_IO_ERROR, SB_IO_ERROR_MAPPING);
}

static void
test_import_values (void)
{
  const struct { const char *value; SbDateOrder order; const char *day; } dates[] = {
    { "2016/08/09 10:11:12", SB_DATE_ORDER_UNKNOWN, "2016-08-09" },
    { "2016-08-09T03:11:12.345+07:00", SB_DATE_ORDER_UNKNOWN, "2016-08-09" },
    { "09/08/2016 10:11", SB_DATE_ORDER_UNKNOWN, "2016-08-09" },
    { "8/9/2016 10:11:12 PM", SB_DATE_ORDER_MDY, "2016-08-09" },
    { "Aug 9, 2016", SB_DATE_ORDER_UNKNOWN, "2016-08-09" },
    { "9 August 2016", SB_DATE_ORDER_UNKNOWN, "2016-08-09" },
    { "០៩/០៨/២០១៦", SB_DATE_ORDER_UNKNOWN, "2016-08-09" },
    { "31/02/2016", SB_DATE_ORDER_UNKNOWN, NULL },
    { "yesterday", SB_DATE_ORDER_UNKNOWN, NULL },
  };
  const struct { const char *name; const char *code; } countries[] = {
    { "Cambodia", "KH" }, { "កម្ពុជា", "KH" }, { "KHM", "KH" }, { "kh", "KH" },
    { "France", "FR" }, { "បារាំង", "FR" }, { "Viet Nam", "VN" }, { "Vietnam", "VN" },
    { "USA", "US" }, { "South Korea", "KR" }, { "España", "ES" }, { "Narnia", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *day = _sb_import_parse_date (dates[i].value, dates[i].order, NULL);
      g_assert_cmpstr (day, ==, dates[i].day);
    }
  g_assert_cmpint (_sb_import_date_order_learn (SB_DATE_ORDER_UNKNOWN, "8/13/2016"), ==, SB_DATE_ORDER_MDY);
  g_assert_cmpint (_sb_import_date_order_learn (SB_DATE_ORDER_UNKNOWN, "13/8/2016"), ==, SB_DATE_ORDER_DMY);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    g_assert_cmpstr (_sb_import_country_code (countries[i].name), ==, countries[i].code);
  g_assert_cmpint (_sb_import_consent ("Yes"), ==, SB_CONSENT_PUBLIC);
  g_assert_cmpint (_sb_import_consent ("Only to the detainees"), ==, SB_CONSENT_DETAINEE);
  g_assert_cmpint (_sb_import_consent ("No thanks"), ==, SB_CONSENT_NONE);
  g_assert_cmpint (_sb_import_consent ("maybe?"), ==, SB_CONSENT_NONE);
  g_assert_cmpstr (_sb_import_language_code ("ខ្មែរ"), ==, "km");
  g_assert_cmpstr (_sb_import_language_code ("Français"), ==, "fr");
}

static void
test_import_addressees (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) detainees = sb_campaign_list_detainees (fixture->campaign, NULL);
  g_autoptr(SbAddresseeIndex) index = _sb_addressee_index_new (detainees);
  const struct { const char *value; guint n; const char *names; } cases[] = {
    { "Sokha", 1, "Ny Sokha" }, { "ny sokha", 1, "Ny Sokha" }, { "នី សុខា", 1, "Ny Sokha" },
    { "នីសុខា", 1, "Ny Sokha" }, { "Sokha Ny", 1, "Ny Sokha" },
    { "Sokha, Soksan; Mony", 3, "Ny Sokha, Yi Soksan, Lim Mony" },
    { "Yi Soksan and Nay Vanda", 2, "Yi Soksan, Nay Vanda" },
    { "នី ចរិយា និង លឹម មុន្នី", 2, "Ny Chakrya, Lim Mony" },
    { "Lim Mony (លឹម មុន្នី)", 1, "Lim Mony" },
    { "all", 5, NULL }, { "Everyone", 5, NULL }, { "ទាំងអស់", 5, NULL }, { "", 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *names = NULL;
      g_autofree char *problem = NULL;
      g_autoptr(GPtrArray) ids = _sb_addressee_index_resolve (index, cases[i].value, &names, &problem);

      g_assert_null (problem);
      g_assert_cmpuint (ids->len, ==, cases[i].n);
      if (cases[i].names != NULL)
        g_assert_cmpstr (names, ==, cases[i].names);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *problem = NULL;
      GPtrArray *ids = _sb_addressee_index_resolve (index, i ? "Ny" : "Dara", NULL, &problem);

      g_assert_null (ids);
      g_assert_nonnull (strstr (problem, i ? "more than one" : "no detainee"));
    }
}

/* ------------------------------------------------------------------------ */
/* /io/import: into a campaign                                              */
/* ------------------------------------------------------------------------ */

static void
test_import_google_forms (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) summary = import (fixture, "google-forms.csv", FALSE);
  g_autoptr(SbMessage) anna = NULL;
  g_autoptr(SbMessage) sophea = NULL;
  g_autoptr(SbMessage) marie = NULL;
  g_autoptr(SbMessage) john = NULL;

  g_assert_cmpuint (summary->rows, ==, 4);
  g_assert_cmpuint (summary->imported, ==, 4);
  g_assert_cmpuint (summary->duplicates + summary->already_imported + summary->rejected, ==, 0);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 4);

  anna = sb_test_find_message (fixture->campaign, "Stay strong, we are with you!");
  g_assert_cmpstr (anna->channel, ==, "online");
  g_assert_cmpstr (anna->status, ==, "transcribed");
  g_assert_cmpstr (anna->received_on, ==, "2016-08-09");
  g_assert_cmpstr (anna->sender_name, ==, "Anna Schmidt");
  g_assert_cmpstr (anna->sender_contact, ==, "anna@example.org");
  g_assert_cmpstr (anna->sender_city, ==, "Berlin");
  g_assert_cmpstr (anna->sender_country, ==, "DE");
  g_assert_cmpstr (anna->consent, ==, "public");
  g_assert_cmpstr (anna->language, ==, "en");
  g_assert_true (g_str_has_prefix (anna->external_id, "csv1:"));
  g_assert_cmpuint (count_copies (fixture, anna), ==, 5);

  sophea = sb_test_find_message (fixture->campaign, "សូមឱ្យបងៗមានសុខភាពល្អ\nយើងនៅជាមួយបងជានិច្ច។");
  g_assert_cmpstr (sophea->sender_name, ==, "សុខ សុភា");
  g_assert_cmpstr (sophea->sender_city, ==, "ភ្នំពេញ");
  g_assert_cmpstr (sophea->sender_country, ==, "KH");
  g_assert_cmpstr (sophea->language, ==, "km");
  g_assert_cmpuint (count_copies (fixture, sophea), ==, 1);

  marie = sb_test_find_message (fixture->campaign, "Courage à vous cinq.\nNous ne vous oublions pas.\n\nMarie");
  g_assert_cmpstr (marie->sender_country, ==, "FR");
  g_assert_cmpstr (marie->consent, ==, "detainee");
  g_assert_cmpstr (marie->sender_contact, ==, "");
  g_assert_cmpuint (count_copies (fixture, marie), ==, 2);

  john = sb_test_find_message (fixture->campaign, "He said \"free them\" and so do we.");
  g_assert_cmpstr (john->consent, ==, "none");
  g_assert_cmpstr (john->sender_country, ==, "AU");
  g_assert_cmpuint (count_copies (fixture, john), ==, 2);
}

static void
test_import_again_adds_nothing (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) first = import (fixture, "google-forms.csv", FALSE);
  g_autoptr(SbImportSummary) second = import (fixture, "google-forms.csv", FALSE);
  g_autoptr(SbImportSummary) typeform = import (fixture, "typeform.csv", FALSE);
  g_autoptr(SbImportSummary) typeform_again = import (fixture, "typeform.csv", FALSE);

  g_assert_cmpuint (first->imported, ==, 4);
  g_assert_cmpuint (second->imported, ==, 0);
  g_assert_cmpuint (second->duplicates, ==, 0);
  g_assert_cmpuint (second->already_imported, ==, 4);
  g_assert_cmpuint (typeform->imported, ==, 2);
  g_assert_cmpuint (typeform_again->already_imported, ==, 2);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 6);
}

static void
test_import_newer_export (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) first = import (fixture, "google-forms.csv", FALSE);
  g_autoptr(SbImportSummary) newer = import (fixture, "google-forms-newer.csv", FALSE);
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(SbMessage) again = NULL;
  g_autoptr(SbMessage) original = NULL;
  g_autoptr(GError) error = NULL;

  /* Lina is new; Anna sent the same words again two days later: a duplicate. */
  g_assert_cmpuint (newer->rows, ==, 6);
  g_assert_cmpuint (newer->already_imported, ==, 4);
  g_assert_cmpuint (newer->imported, ==, 1);
  g_assert_cmpuint (newer->duplicates, ==, 1);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 6);

  original = sb_test_find_message (fixture->campaign, "Stay strong, we are with you!");
  again = sb_test_find_message (fixture->campaign, "Stay  strong,  we are with you !");
  g_assert_cmpstr (again->duplicate_of, ==, original->id);
  g_assert_null (original->duplicate_of);

  stats = sb_campaign_get_stats (fixture->campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->messages_received, ==, 5);
}

static void
test_import_khmer_form (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) summary = import (fixture, "khmer-form.csv", FALSE);
  g_autoptr(SbMessage) dara = NULL;
  g_autoptr(SbMessage) pov = NULL;

  g_assert_cmpuint (summary->imported, ==, 2);
  dara = sb_test_find_message (fixture->campaign, "សូមឱ្យឆាប់បានដោះលែង");
  g_assert_cmpstr (dara->received_on, ==, "2016-09-13");
  g_assert_cmpstr (dara->sender_name, ==, "ចាន់ ដារា");
  g_assert_cmpstr (dara->sender_city, ==, "សៀមរាប");
  g_assert_cmpstr (dara->sender_country, ==, "KH");
  g_assert_cmpstr (dara->language, ==, "km");
  g_assert_cmpuint (count_copies (fixture, dara), ==, 5);
  pov = sb_test_find_message (fixture->campaign, "យើងគាំទ្របង នី ចរិយា");
  g_assert_cmpstr (pov->received_on, ==, "2016-09-14");
  g_assert_cmpuint (count_copies (fixture, pov), ==, 1);
}

static void
test_import_other_services (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) typeform = import (fixture, "typeform.csv", FALSE);
  g_autoptr(SbImportSummary) jotform = import (fixture, "jotform-semicolon.csv", FALSE);
  g_autoptr(SbImportSummary) sheet = import (fixture, "spreadsheet-utf16le.txt", FALSE);
  g_autoptr(SbImportSummary) sheet_be = import (fixture, "spreadsheet-utf16be.txt", FALSE);
  g_autoptr(SbMessage) ana = NULL;
  g_autoptr(SbMessage) maria = NULL;
  g_autoptr(SbMessage) vanna = NULL;

  g_assert_cmpuint (typeform->imported, ==, 2);
  g_assert_cmpuint (jotform->imported, ==, 2);
  g_assert_cmpuint (sheet->imported, ==, 2);
  /* The same spreadsheet saved big-endian is the same rows. */
  g_assert_cmpuint (sheet_be->already_imported, ==, 2);

  ana = sb_test_find_message (fixture->campaign, "Força! Estamos com vocês.");
  g_assert_cmpstr (ana->received_on, ==, "2016-09-02");
  g_assert_cmpstr (ana->sender_country, ==, "BR");
  maria = sb_test_find_message (fixture->campaign, "Mucho ánimo.");
  g_assert_cmpstr (maria->received_on, ==, "2016-09-06");
  g_assert_cmpstr (maria->sender_country, ==, "ES");
  g_assert_cmpuint (count_copies (fixture, maria), ==, 1);
  vanna = sb_test_find_message (fixture->campaign, "ជាមួយគ្នា\tជានិច្ច");
  g_assert_cmpstr (vanna->sender_name, ==, "វណ្ណា");
  g_assert_cmpstr (vanna->received_on, ==, "2016-09-21");
}

static void
test_import_broken_rows (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) summary = import (fixture, "broken-rows.csv", FALSE);
  g_autofree char *rejected = g_build_filename (fixture->dir, "rejected.csv", NULL);
  g_autoptr(SbCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const struct { guint64 row; const char *says; } expected[] = {
    { 3, "message is empty" }, { 4, "not a date" }, { 5, "no detainee “Dara Unknown”" },
    { 6, "6 columns but the header only 5" }, { 8, "more than one detainee" },
  };

  g_assert_cmpuint (summary->rows, ==, 7);
  g_assert_cmpuint (summary->imported, ==, 2);
  g_assert_cmpuint (summary->rejected, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SbImportRow *row = g_ptr_array_index (summary->rejected_rows, i);

      g_assert_cmpuint (row->row, ==, expected[i].row);
      g_assert_nonnull (strstr (row->problem, expected[i].says));
    }

  g_assert_true (sb_import_summary_write_rejected (summary, rejected, &error));
  g_assert_no_error (error);
  reader = sb_csv_reader_new_for_path (rejected, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_csv_reader_get_header (reader)[1], ==, "Reason");
  g_assert_cmpstr (sb_csv_reader_get_header (reader)[2], ==, "Timestamp");
  g_assert_cmpstr (sb_csv_reader_get_field (reader, 0), ==, "3");
  g_assert_cmpstr (sb_csv_reader_get_field (reader, 3), ==, "No Message");
}

static void
test_import_no_message_column (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *path = corpus ("no-message-column.csv");
  g_autofree char *google = corpus ("google-forms.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  g_autoptr(SbImporter) unmapped = sb_importer_new (google, &error);
  SbImportSummary *summary;

  summary = sb_importer_run (importer, fixture->campaign, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, SB_IO_ERROR, SB_IO_ERROR_NO_MESSAGE_COLUMN);
  g_clear_error (&error);

  /* The person took the message column away. */
  sb_import_mapping_set_field (sb_importer_get_mapping (unmapped), 5, SB_IMPORT_FIELD_NONE);
  g_assert_null (sb_importer_preview (unmapped, fixture->campaign, 10, &error));
  g_assert_error (error, SB_IO_ERROR, SB_IO_ERROR_NO_MESSAGE_COLUMN);
  g_clear_error (&error);
  summary = sb_importer_run (unmapped, fixture->campaign, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, SB_IO_ERROR, SB_IO_ERROR_NO_MESSAGE_COLUMN);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 0);
}

static void
test_import_preview_and_dry_run (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) first = import (fixture, "google-forms.csv", FALSE);
  g_autofree char *path = corpus ("google-forms-newer.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  g_autoptr(GPtrArray) rows = sb_importer_preview (importer, fixture->campaign, 10, &error);
  g_autoptr(SbImportSummary) dry = NULL;
  SbImportRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpint (((SbImportRow *) rows->pdata[0])->outcome, ==, SB_IMPORT_ROW_ALREADY_IMPORTED);
  row = rows->pdata[4];
  g_assert_cmpint (row->outcome, ==, SB_IMPORT_ROW_NEW);
  g_assert_cmpuint (row->row, ==, 6);
  g_assert_cmpstr (row->message->original_text, ==, "Thinking of you every day.");
  g_assert_cmpstr (row->message->sender_country, ==, "KR");
  g_assert_cmpstr (row->addressees, ==, "Ny Chakrya");
  g_assert_cmpint (((SbImportRow *) rows->pdata[5])->outcome, ==, SB_IMPORT_ROW_DUPLICATE);

  dry = sb_importer_run (importer, fixture->campaign, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dry->dry_run);
  g_assert_cmpuint (dry->imported, ==, 1);
  g_assert_cmpuint (dry->duplicates, ==, 1);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 4);
}

static void
cancel_at_first_progress (guint64  done,
                          guint64  total,
                          gpointer user_data)
{
  if (done > 0)
    g_cancellable_cancel (user_data);
}

static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) first = import (fixture, "google-forms.csv", FALSE);
  g_autofree char *path = sb_test_write_export (fixture->dir, 3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SbStats) stats = NULL;
  SbImportSummary *summary;

  summary = sb_importer_run (importer, fixture->campaign, FALSE, cancellable,
                             cancel_at_first_progress, cancellable, &error);
  g_assert_null (summary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 4);
  stats = sb_campaign_get_stats (fixture->campaign, NULL, NULL);
  g_assert_cmpint (stats->messages_received, ==, 4);
}

typedef struct
{
  GCancellable *cancellable;
  const char   *path;
  guint         n_calls;
  guint         n_all_done;
  guint         all_done_at;
  guint         saved_when_all_done;
} LateCancel;

static void
cancel_when_all_done (guint64  done,
                      guint64  total,
                      gpointer user_data)
{
  LateCancel *late = user_data;

  late->n_calls++;
  if (total > 0 && done == total)
    {
      g_autoptr(SbCampaign) reader = sb_campaign_open (late->path, TRUE, NULL);

      late->n_all_done++;
      late->all_done_at = late->n_calls;
      /* Said before the saving: another reader sees none of the messages yet. */
      late->saved_when_all_done = sb_test_count_messages (reader);
      g_cancellable_cancel (late->cancellable);
    }
}

/* All rows done is said once, last, when only saving is left: a cancel after it
 * comes too late, and everything is imported. */
static void
test_import_cancel_too_late (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *path = sb_test_write_export (fixture->dir, 3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SbImportSummary) summary = NULL;
  LateCancel late = { cancellable, fixture->path, 0, 0, 0, G_MAXUINT };

  summary = sb_importer_run (importer, fixture->campaign, FALSE, cancellable,
                             cancel_when_all_done, &late, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->imported, ==, 3000);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 3000);
  g_assert_cmpuint (late.n_all_done, ==, 1);
  g_assert_cmpuint (late.all_done_at, ==, late.n_calls);
  g_assert_cmpuint (late.n_calls, >, 2);
  g_assert_cmpuint (late.saved_when_all_done, ==, 0);
}

/* Another program rewrites the export while it is imported: nothing is saved. */
static void
rewrite_at_first_progress (guint64  done,
                           guint64  total,
                           gpointer user_data)
{
  const char *path = user_data;
  g_autofree char *text = NULL;
  g_autofree char *longer = NULL;
  gsize length;

  if (done == 0 || done > 512)
    return;
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  longer = g_strconcat (text, "2016-08-29 10:00:00,Late,\"One more\",Sokha\r\n", NULL);
  g_assert_true (g_file_set_contents (path, longer, -1, NULL));
}

static void
test_import_file_changes (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(SbImportSummary) first = import (fixture, "google-forms.csv", FALSE);
  /* Larger than what the reading thread reads ahead, so it is still reading. */
  g_autofree char *path = sb_test_write_export (fixture->dir, 20000);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  SbImportSummary *summary;

  summary = sb_importer_run (importer, fixture->campaign, FALSE, NULL,
                             rewrite_at_first_progress, path, &error);
  g_assert_null (summary);
  g_assert_error (error, SB_IO_ERROR, SB_IO_ERROR_CHANGED);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 4);
}

typedef struct
{
  GMainLoop       *loop;
  SbImportSummary *summary;
  GError          *error;
  guint            n_progress;
  guint64          last_done;
  gboolean         main_thread;
} AsyncRun;

static void
async_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  AsyncRun *run = user_data;

  run->n_progress++;
  run->last_done = done;
  run->main_thread = run->main_thread && g_main_context_is_owner (g_main_context_default ());
  g_assert_cmpuint (total, ==, 3000);
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->summary = sb_importer_run_finish (SB_IMPORTER (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
changed_cb (SbCampaign *campaign,
            gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = sb_test_write_export (fixture->dir, 3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbImporter) importer = sb_importer_new (path, &error);
  AsyncRun run = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0, TRUE };
  guint n_changed = 0;

  g_signal_connect (fixture->campaign, "changed", G_CALLBACK (changed_cb), &n_changed);
  sb_importer_run_async (importer, fixture->campaign, FALSE, NULL, async_progress_cb, &run, NULL,
                         async_done_cb, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.summary->imported, ==, 3000);
  g_assert_cmpuint (run.n_progress, >, 0);
  g_assert_true (run.main_thread);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (sb_test_count_messages (fixture->campaign), ==, 3000);
  sb_import_summary_free (run.summary);
  g_main_loop_unref (run.loop);
  g_signal_handlers_disconnect_by_func (fixture->campaign, changed_cb, &n_changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/csv/google-forms", test_csv_google_forms);
  g_test_add_func ("/io/csv/utf8-bom", test_csv_bom);
  g_test_add_data_func ("/io/csv/utf16-le", "spreadsheet-utf16le.txt", test_csv_utf16);
  g_test_add_data_func ("/io/csv/utf16-be", "spreadsheet-utf16be.txt", test_csv_utf16);
  g_test_add_func ("/io/csv/semicolon-crlf", test_csv_semicolon);
  g_test_add_func ("/io/csv/mixed-line-endings", test_csv_line_endings);
  g_test_add_func ("/io/csv/refused", test_csv_refused);
  g_test_add_func ("/io/csv/limits", test_csv_limits);
  g_test_add_func ("/io/import/mapping-guesses", test_import_mapping_guesses);
  g_test_add_func ("/io/import/values", test_import_values);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/io/import/mapping-saved", test_import_mapping_saved);
  ADD ("/io/import/addressees", test_import_addressees);
  ADD ("/io/import/google-forms", test_import_google_forms);
  ADD ("/io/import/again-adds-nothing", test_import_again_adds_nothing);
  ADD ("/io/import/newer-export", test_import_newer_export);
  ADD ("/io/import/khmer-form", test_import_khmer_form);
  ADD ("/io/import/other-services", test_import_other_services);
  ADD ("/io/import/broken-rows", test_import_broken_rows);
  ADD ("/io/import/no-message-column", test_import_no_message_column);
  ADD ("/io/import/preview-and-dry-run", test_import_preview_and_dry_run);
  ADD ("/io/import/cancel", test_import_cancel);
  ADD ("/io/import/cancel-too-late", test_import_cancel_too_late);
  ADD ("/io/import/file-changes", test_import_file_changes);
  ADD ("/io/import/async", test_import_async);
#undef ADD

  return g_test_run ();
}
