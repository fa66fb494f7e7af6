/* sb-import-values.c — reading the values form services write: dates, countries,
 * languages, consent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-import-private.h"
#include "sb-catalog.h"
#include "sb-countries.h"
#include "sb-text.h"


/* ------------------------------------------------------------------------ */
/* Dates                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct
{
  int  numbers[3];
  int  digits[3];
  int  n_numbers;
  int  time[3];
  int  n_time;
  int  month;       /* from a month name, or 0 */
  gboolean pm, am;
} DateParts;

static const char *const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static void
split_date (const char *value,
            DateParts  *parts)
{
  const char *p = value;
  gboolean in_time = FALSE;

  memset (parts, 0, sizeof *parts);
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        {
          gint64 n = 0;
          int digits = 0;
          gboolean colon_after;

          while (*p && g_unichar_isdigit (g_utf8_get_char (p)))
            {
              if (digits < 9)
                n = n * 10 + g_unichar_digit_value (g_utf8_get_char (p));
              digits++;
              p = g_utf8_next_char (p);
            }
          colon_after = *p == ':';
          if ((colon_after || in_time) && parts->n_time < 3 && (parts->n_time == 0 || in_time))
            {
              parts->time[parts->n_time++] = n;
              in_time = colon_after;
              continue;
            }
          in_time = FALSE;
          if (parts->n_numbers + (parts->month ? 1 : 0) < 3)
            {
              parts->digits[parts->n_numbers] = digits;
              parts->numbers[parts->n_numbers++] = n;
            }
          continue;
        }
      if (g_unichar_isalpha (c))
        {
          const char *start = p;
          g_autofree char *word = NULL;

          while (*p && g_unichar_isalpha (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          word = g_utf8_casefold (start, p - start);
          if (g_str_equal (word, "pm"))
            parts->pm = TRUE;
          else if (g_str_equal (word, "am"))
            parts->am = TRUE;
          else if (strlen (word) >= 3)
            for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
              if (g_str_has_prefix (word, month_names[m]))
                parts->month = m + 1;
          in_time = FALSE;
          continue;
        }
      if (c != ':')
        in_time = FALSE;
      p = g_utf8_next_char (p);
    }
}

/**
 * _sb_import_date_order_learn:
 *
 * Returns: the order of day and month that @value proves (13/08/2016 is day-first),
 *   else @order
 */
SbDateOrder
_sb_import_date_order_learn (SbDateOrder  order,
                             const char  *value)
{
  DateParts parts;

  if (order != SB_DATE_ORDER_UNKNOWN || value == NULL)
    return order;
  split_date (value, &parts);
  if (parts.n_numbers != 3 || parts.month != 0 || parts.digits[0] == 4)
    return order;
  if (parts.numbers[0] > 12 && parts.numbers[1] <= 12)
    return SB_DATE_ORDER_DMY;
  if (parts.numbers[1] > 12 && parts.numbers[0] <= 12)
    return SB_DATE_ORDER_MDY;
  return order;
}

/**
 * _sb_import_parse_date:
 * @value: "2016-08-09 10:11:12", "2016/08/09 10:11:12 AM GMT+7", "09/08/2016 10:11",
 *   "8/9/2016 10:11:12", "Aug 9, 2016", "9 August 2016", "2016-08-09T03:11:12.5Z"…
 * @order: how to read an ambiguous day/month; unknown reads day first
 * @moment: (out) (optional): the day and time, "YYYY-MM-DDTHH:MM:SS", as written
 *
 * Returns: (transfer full) (nullable): the day, "YYYY-MM-DD", or %NULL if @value is
 *   not a date
 */
char *
_sb_import_parse_date (const char   *value,
                       SbDateOrder   order,
                       char        **moment)
{
  DateParts parts;
  int year, month, day, hour = 0;

  split_date (value, &parts);
  if (parts.month != 0 && parts.n_numbers == 2)
    {
      month = parts.month;
      if (parts.digits[0] == 4 || parts.numbers[0] > 31)
        year = parts.numbers[0], day = parts.numbers[1];
      else
        day = parts.numbers[0], year = parts.numbers[1];
    }
  else if (parts.n_numbers == 3 && parts.month == 0)
    {
      if (parts.digits[0] == 4)
        year = parts.numbers[0], month = parts.numbers[1], day = parts.numbers[2];
      else if (order == SB_DATE_ORDER_MDY)
        month = parts.numbers[0], day = parts.numbers[1], year = parts.numbers[2];
      else
        day = parts.numbers[0], month = parts.numbers[1], year = parts.numbers[2];
    }
  else
    return NULL;

  if (year < 100)
    year += 2000;
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  if (parts.n_time >= 2)
    {
      hour = parts.time[0];
      if (parts.pm && hour < 12)
        hour += 12;
      else if (parts.am && hour == 12)
        hour = 0;
      if (hour > 23 || parts.time[1] > 59 || parts.time[2] > 60)
        return NULL;
    }
  if (moment != NULL)
    *moment = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour,
                               parts.n_time >= 2 ? parts.time[1] : 0,
                               parts.n_time >= 3 ? parts.time[2] : 0);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* ------------------------------------------------------------------------ */
/* Countries                                                                */
/* ------------------------------------------------------------------------ */

static void
add_country (GHashTable *table,
             const char *name,
             const char *code)
{
  char *key;

  if (name == NULL || *name == '\0')
    return;
  key = sb_text_search_key (name);
  if (*key == '\0' || g_hash_table_contains (table, key))
    {
      g_free (key);
      return;
    }
  g_hash_table_insert (table, key, (gpointer) g_intern_string (code));
}

static gpointer
load_countries (gpointer data)
{
  static const char *const aliases[][2] = {
    { "USA", "US" }, { "U.S.A.", "US" }, { "America", "US" }, { "United States of America", "US" },
    { "UK", "GB" }, { "England", "GB" }, { "Scotland", "GB" }, { "Wales", "GB" },
    { "Great Britain", "GB" }, { "Britain", "GB" }, { "Vietnam", "VN" }, { "Laos", "LA" },
    { "Russia", "RU" }, { "South Korea", "KR" }, { "Korea", "KR" }, { "Burma", "MM" },
    { "Holland", "NL" }, { "Kampuchea", "KH" }, { "Cambodge", "KH" }, { "Kambodscha", "KH" },
    { "Camboya", "KH" }, { "Deutschland", "DE" }, { "Schweiz", "CH" }, { "Suisse", "CH" },
    { "España", "ES" }, { "Italia", "IT" }, { "Nederland", "NL" }, { "Brasil", "BR" },
    { "Czech Republic", "CZ" }, { "Ivory Coast", "CI" }, { "Taiwan", "TW" },
    { "ស្រុកខ្មែរ", "KH" }, { "អាមេរិក", "US" }, { "សហរដ្ឋអាមេរិក", "US" },
  };
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  SbCatalog *khmer;
  JsonNode *root;
  JsonArray *countries = NULL;
  g_autofree char *json = sb_countries_json_file ();

  sb_countries_bind_translations ();
  /* Khmer names whatever the interface language (dgettext answers only in it). */
  khmer = sb_catalog_get ("iso_3166-1", "km");
  if (json_parser_load_from_file (parser, json, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "3166-1"))
    countries = json_object_get_array_member (json_node_get_object (root), "3166-1");
  else
    g_warning ("Country names are not available: %s is missing (install iso-codes)", json);

  for (guint i = 0; countries != NULL && i < json_array_get_length (countries); i++)
    {
      JsonObject *country = json_array_get_object_element (countries, i);
      const char *code = json_object_get_string_member_with_default (country, "alpha_2", NULL);
      const char *fields[] = { "alpha_2", "alpha_3", "name", "common_name", "official_name" };

      if (code == NULL)
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          const char *name = json_object_get_string_member_with_default (country, fields[f], NULL);

          add_country (table, name, code);
          if (name != NULL && f >= 2)
            {
              if (khmer != NULL)
                add_country (table, sb_catalog_lookup (khmer, name), code);
              add_country (table, dgettext ("iso_3166-1", name), code);
            }
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    add_country (table, aliases[i][0], aliases[i][1]);
  return table;
}

/**
 * _sb_import_country_code:
 * @value: "Cambodia", "កម្ពុជា", "KH", "KHM", "France", "បារាំង", "USA"…
 *
 * Returns: (nullable): the ISO 3166-1 alpha-2 code, or %NULL if unknown. Static.
 */
const char *
_sb_import_country_code (const char *value)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree char *key = NULL;
  GHashTable *table = g_once (&once, load_countries, NULL);

  key = sb_text_search_key (value);
  return g_hash_table_lookup (table, key);
}

/* ------------------------------------------------------------------------ */
/* Languages and consent                                                    */
/* ------------------------------------------------------------------------ */

/* Returns: (nullable): an ISO 639-1 code for a language name or code, else %NULL */
const char *
_sb_import_language_code (const char *value)
{
  static const char *const names[][2] = {
    { "english", "en" }, { "អង់គ្លេស", "en" }, { "ភាសាអង់គ្លេស", "en" },
    { "khmer", "km" }, { "cambodian", "km" }, { "ខ្មែរ", "km" }, { "ភាសាខ្មែរ", "km" },
    { "french", "fr" }, { "français", "fr" }, { "francais", "fr" }, { "បារាំង", "fr" },
    { "german", "de" }, { "deutsch", "de" }, { "spanish", "es" }, { "español", "es" },
    { "thai", "th" }, { "chinese", "zh" }, { "japanese", "ja" }, { "korean", "ko" },
    { "vietnamese", "vi" }, { "portuguese", "pt" }, { "italian", "it" }, { "dutch", "nl" },
    { "russian", "ru" }, { "arabic", "ar" }, { "indonesian", "id" }, { "burmese", "my" },
    { "lao", "lo" }, { "filipino", "tl" }, { "tagalog", "tl" },
  };
  g_autofree char *key = sb_text_search_key (value);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (key, names[i][0]))
      return names[i][1];
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (key) == 2 && g_str_equal (key, names[i][1]))
      return names[i][1];
  return NULL;
}

/**
 * _sb_import_consent:
 *
 * "Only to the detainees" → detainee; yes / public → public; anything else,
 * including an answer it cannot read, → none: a name is never shown by mistake.
 */
SbConsent
_sb_import_consent (const char *value)
{
  static const char *const detainee_words[] = { "detainee", "detainees", "only", "អ្នកជាប់ឃុំ", "តែ" };
  static const char *const yes_words[] = {
    "yes", "y", "true", "1", "public", "publicly", "ok", "agree", "i agree", "oui", "ja", "sí", "si",
    "បាទ", "ចាស", "បាទ ចាស", "យល់ព្រម", "ព្រម",
  };
  g_autofree char *key = sb_text_search_key (value);
  g_autofree char *padded = g_strconcat (" ", key, " ", NULL);

  if (*key == '\0' || g_str_has_prefix (key, "no") || strstr (key, "មិន") != NULL ||
      g_str_has_prefix (key, "ទេ"))
    return SB_CONSENT_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (detainee_words); i++)
    {
      g_autofree char *word = g_strconcat (" ", detainee_words[i], " ", NULL);

      if (strstr (padded, word) != NULL || ((guchar) detainee_words[i][0] >= 0x80 &&
                                            strstr (key, detainee_words[i]) != NULL))
        return SB_CONSENT_DETAINEE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (yes_words); i++)
    if (g_str_equal (key, yes_words[i]) || g_str_has_prefix (padded, " yes "))
      return SB_CONSENT_PUBLIC;
  return SB_CONSENT_NONE;
}
