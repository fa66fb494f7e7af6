/* sb-countries.c — country names from iso-codes, in any language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The names come from iso-codes (ISO 3166-1, in JSON) and their translations from
 * its gettext domain "iso_3166-1": in the interface language through dgettext(),
 * or in a language chosen per job (a Khmer infographic) through SbCatalog.
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libintl.h>
#include <string.h>

#include "sb-catalog.h"
#include "sb-countries.h"

#define ISO_CODES_DOMAIN "iso_3166-1"

typedef struct
{
  char *name;          /* "Korea, Republic of": the msgid of the translations */
  char *common_name;   /* "South Korea", or NULL */
} Country;

static void
country_free (Country *country)
{
  g_free (country->name);
  g_free (country->common_name);
  g_free (country);
}

/* The data folder that holds iso-codes/json/iso_3166-1.json: the one iso-codes'
 * pkg-config file named at build time, else the first of the system's data folders
 * ($XDG_DATA_DIRS) that has it. */
static const char *
iso_codes_datadir (void)
{
  static char *datadir;

  if (g_once_init_enter (&datadir))
    {
      const char *const *system_dirs = g_get_system_data_dirs ();
      char *found = NULL;
      g_autofree char *configured = g_build_filename (ISO_CODES_DATADIR, "iso-codes", "json",
                                                      ISO_CODES_DOMAIN ".json", NULL);

      if (g_file_test (configured, G_FILE_TEST_IS_REGULAR))
        found = g_strdup (ISO_CODES_DATADIR);
      for (guint i = 0; found == NULL && system_dirs[i] != NULL; i++)
        {
          g_autofree char *json = g_build_filename (system_dirs[i], "iso-codes", "json",
                                                    ISO_CODES_DOMAIN ".json", NULL);

          if (g_file_test (json, G_FILE_TEST_IS_REGULAR))
            found = g_strdup (system_dirs[i]);
        }
      g_once_init_leave (&datadir, found != NULL ? found : g_strdup (ISO_CODES_DATADIR));
    }
  return datadir;
}

/**
 * sb_countries_json_file:
 *
 * Returns: (transfer full): iso-codes' list of countries (iso_3166-1.json)
 */
char *
sb_countries_json_file (void)
{
  return g_build_filename (iso_codes_datadir (), "iso-codes", "json",
                           ISO_CODES_DOMAIN ".json", NULL);
}

/**
 * sb_countries_bind_translations:
 *
 * Binds iso-codes' gettext domain of country names ("iso_3166-1") to the locale
 * folder beside its data, for dgettext() and sb_catalog_get(). Thread-safe.
 */
void
sb_countries_bind_translations (void)
{
  static gsize bound;

  if (g_once_init_enter (&bound))
    {
      g_autofree char *localedir = g_build_filename (iso_codes_datadir (), "locale", NULL);

      bindtextdomain (ISO_CODES_DOMAIN, localedir);
      bind_textdomain_codeset (ISO_CODES_DOMAIN, "UTF-8");
      g_once_init_leave (&bound, 1);
    }
}

/* alpha-2 code → Country; loaded once, kept for the life of the program. */
static GHashTable *
load_countries (void)
{
  static GHashTable *countries;

  if (g_once_init_enter (&countries))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) country_free);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;
      JsonArray *list = NULL;

      g_autofree char *json = sb_countries_json_file ();

      sb_countries_bind_translations ();
      if (!json_parser_load_from_file (parser, json, &error))
        g_warning ("Country names are not available: %s", error->message);
      else if ((root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);

          if (json_object_has_member (object, "3166-1"))
            list = json_object_get_array_member (object, "3166-1");
        }

      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonObject *entry = json_array_get_object_element (list, i);
          const char *code, *name;
          Country *country;

          if (entry == NULL)
            continue;
          code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
          name = json_object_get_string_member_with_default (entry, "name", NULL);
          if (code == NULL || name == NULL)
            continue;
          country = g_new0 (Country, 1);
          country->name = g_strdup (name);
          country->common_name =
            g_strdup (json_object_get_string_member_with_default (entry, "common_name", NULL));
          g_hash_table_insert (table, g_ascii_strup (code, -1), country);
        }
      g_once_init_leave (&countries, table);
    }
  return countries;
}

/* Returns @msgid itself when there is no translation. */
static const char *
translate (const char *msgid,
           const char *lang)
{
  if (lang == NULL)
    return dgettext (ISO_CODES_DOMAIN, msgid);
  return sb_catalog_lookup (sb_catalog_get (ISO_CODES_DOMAIN, lang), msgid);
}

/**
 * sb_country_is_known:
 * @code: an ISO 3166-1 alpha-2 code ("KH")
 *
 * Returns: %TRUE if iso-codes knows @code
 */
gboolean
sb_country_is_known (const char *code)
{
  g_autofree char *upper = NULL;

  if (code == NULL || *code == '\0')
    return FALSE;
  upper = g_ascii_strup (code, -1);
  return g_hash_table_contains (load_countries (), upper);
}

/**
 * sb_country_name:
 * @code: an ISO 3166-1 alpha-2 code ("KH")
 * @lang: (nullable): "en", "km"…, or %NULL for the language of the interface
 *
 * The short name people use ("South Korea" rather than "Korea, Republic of") where
 * the translation has it. Thread-safe.
 *
 * Returns: (transfer full): the country's name, or @code itself when iso-codes does
 *   not know it
 */
char *
sb_country_name (const char *code,
                 const char *lang)
{
  g_autofree char *upper = NULL;
  const Country *country;
  const char *translated;

  g_return_val_if_fail (code != NULL, NULL);

  upper = g_ascii_strup (code, -1);
  country = g_hash_table_lookup (load_countries (), upper);
  if (country == NULL)
    return g_strdup (code);

  if (lang != NULL && g_str_equal (lang, "en"))
    return g_strdup (country->common_name ? country->common_name : country->name);

  if (country->common_name != NULL)
    {
      translated = translate (country->common_name, lang);
      if (translated != country->common_name)
        return g_strdup (translated);
    }
  translated = translate (country->name, lang);
  if (translated == country->name && country->common_name != NULL)
    return g_strdup (country->common_name);
  return g_strdup (translated);
}
