/* sb-campaign-breakdown.c — messages sent per week, country, office and language;
 * milestones; the campaign's colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-breakdown.h"
#include "sb-campaign-private.h"
#include "sb-countries.h"
#include "sb-validate.h"
#include "sb-vocabulary.h"

void
sb_tally_free (SbTally *tally)
{
  if (tally == NULL)
    return;
  g_free (tally->key);
  g_free (tally->label);
  g_free (tally);
}

void
sb_breakdown_free (SbBreakdown *breakdown)
{
  if (breakdown == NULL)
    return;
  g_free (breakdown->as_of);
  g_free (breakdown->first_week);
  g_clear_pointer (&breakdown->weeks, g_array_unref);
  g_clear_pointer (&breakdown->countries, g_ptr_array_unref);
  g_clear_pointer (&breakdown->offices, g_ptr_array_unref);
  g_clear_pointer (&breakdown->languages, g_ptr_array_unref);
  g_free (breakdown);
}

/**
 * sb_language_name:
 * @code: an ISO 639-1 code ("km"), "und" or ""
 *
 * Returns: (transfer full): the language's name in the interface language
 */
char *
sb_language_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return sb_language_label (code, NULL);
}

static GPtrArray *
name_tallies (GPtrArray  *store_tallies,
              GHashTable *office_names,
              char     *(*name_key) (const char *key, GHashTable *office_names))
{
  GPtrArray *tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_tally_free);

  for (guint i = 0; i < store_tallies->len; i++)
    {
      SbStoreTally *from = g_ptr_array_index (store_tallies, i);
      SbTally *tally = g_new0 (SbTally, 1);

      tally->key = g_strdup (from->key);
      tally->label = name_key (from->key, office_names);
      tally->count = from->count;
      g_ptr_array_add (tallies, tally);
    }
  return tallies;
}

static char *
name_country (const char *key,
              GHashTable *office_names)
{
  if (*key == '\0')
    return g_strdup (_("Country not given"));
  return sb_country_name (key, NULL);
}

static char *
name_office (const char *key,
             GHashTable *office_names)
{
  const char *name = g_hash_table_lookup (office_names, key);

  if (*key == '\0')
    return g_strdup (_("No partner office (online and other channels)"));
  return g_strdup (name ? name : key);
}

static char *
name_language (const char *key,
               GHashTable *office_names)
{
  return sb_language_name (key);
}

static GHashTable *
list_office_names (SbStore  *store,
                   GError  **error)
{
  g_autoptr(GPtrArray) offices = sb_store_list_offices (store, error);
  GHashTable *names;

  if (offices == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < offices->len; i++)
    {
      SbOffice *office = g_ptr_array_index (offices, i);

      g_hash_table_insert (names, g_strdup (office->id),
                           *office->city != '\0'
                           ? g_strdup_printf ("%s (%s)", office->name, office->city)
                           : g_strdup (office->name));
    }
  return names;
}

/* Week 0 starts on the launch day, or on the first day a message came in when the
 * launch is not set. Messages received before it count in week 0. */
static void
count_weeks (SbBreakdown  *breakdown,
             const char   *launch_date,
             GPtrArray    *days)
{
  int n_weeks;

  breakdown->weeks = g_array_new (FALSE, TRUE, sizeof (gint64));
  if (sb_date_is_valid (launch_date))
    breakdown->first_week = g_strdup (launch_date);
  else if (days->len > 0)
    breakdown->first_week = g_strdup (((SbStoreTally *) g_ptr_array_index (days, 0))->key);
  else
    return;

  n_weeks = sb_days_between (breakdown->first_week, breakdown->as_of);
  if (n_weeks < 0)
    return;   /* the as-of day is before the launch: no weeks yet */
  n_weeks = n_weeks / 7 + 1;
  g_array_set_size (breakdown->weeks, n_weeks);

  for (guint i = 0; i < days->len; i++)
    {
      SbStoreTally *day = g_ptr_array_index (days, i);
      int since = sb_days_between (breakdown->first_week, day->key);
      int week;

      if (since == G_MININT)
        continue;   /* not a date: counted in the total only */
      week = since < 0 ? 0 : MIN (since / 7, n_weeks - 1);
      g_array_index (breakdown->weeks, gint64, week) += day->count;
    }
}

/**
 * sb_campaign_get_breakdown:
 * @as_of: (nullable): count to the end of this day; %NULL for the campaign's as-of
 *   date (or today)
 *
 * Messages sent (received, not held, not deleted or duplicate: the rules of
 * sb_campaign_get_stats()) per week since the launch, by the sender's country, by
 * partner office and by language.
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
SbBreakdown *
sb_campaign_get_breakdown (SbCampaign  *self,
                           const char  *as_of,
                           GError     **error)
{
  g_autoptr(SbBreakdown) breakdown = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) countries = NULL;
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GPtrArray) langs = NULL;
  GPtrArray *groups[SB_STORE_N_GROUPINGS] = { NULL };
  g_autoptr(GHashTable) office_names = NULL;
  g_autofree char *launch_date = NULL;
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  if (!sb_validate_date (as_of, _("As-of date"), 0, error))
    return NULL;

  store = _sb_campaign_get_store (self);
  breakdown = g_new0 (SbBreakdown, 1);
  breakdown->as_of = as_of != NULL && *as_of != '\0' ? g_strdup (as_of) : sb_campaign_get_as_of (self, error);
  if (breakdown->as_of == NULL ||
      (launch_date = sb_campaign_get_setting (self, SB_SETTING_LAUNCH_DATE, error)) == NULL)
    return NULL;

  if (!(office_names = list_office_names (store, error)) ||
      !sb_store_count_breakdown (store, breakdown->as_of, groups, error))
    return NULL;
  days = g_steal_pointer (&groups[SB_STORE_BY_DAY]);
  countries = g_steal_pointer (&groups[SB_STORE_BY_COUNTRY]);
  offices = g_steal_pointer (&groups[SB_STORE_BY_OFFICE]);
  langs = g_steal_pointer (&groups[SB_STORE_BY_LANGUAGE]);

  for (guint i = 0; i < days->len; i++)
    breakdown->total += ((SbStoreTally *) g_ptr_array_index (days, i))->count;
  count_weeks (breakdown, launch_date, days);
  breakdown->countries = name_tallies (countries, office_names, name_country);
  breakdown->offices = name_tallies (offices, office_names, name_office);
  breakdown->languages = name_tallies (langs, office_names, name_language);
  return g_steal_pointer (&breakdown);
}

/* ------------------------------------------------------------------------ */
/* Milestones                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_campaign_validate_milestone:
 * @field: (out) (optional): set to the field at fault ("day", "label_en", "label_km")
 *
 * The checks sb_campaign_add_milestone() makes, without saving: forms run them as the
 * person types.
 */
gboolean
sb_campaign_validate_milestone (SbCampaign         *self,
                                const SbMilestone  *milestone,
                                const char        **field,
                                GError            **error)
{
  const char *at_fault = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (milestone != NULL, FALSE);

  if (!sb_validate_date (milestone->day, _("Milestone date"), SB_FIELD_REQUIRED, error))
    at_fault = "day";
  else if (!sb_validate_text (milestone->label_en, _("Milestone (English)"), SB_MAX_NAME_CHARS,
                              SB_FIELD_REQUIRED, error))
    at_fault = "label_en";
  else if (!sb_validate_text (milestone->label_km, _("Milestone (Khmer)"), SB_MAX_NAME_CHARS, 0,
                              error))
    at_fault = "label_km";

  if (field != NULL)
    *field = at_fault;
  return at_fault == NULL;
}

/**
 * sb_campaign_add_milestone:
 * @milestone: the day and what happened (in English, and in Khmer if known); an
 *   empty id gets a new one
 */
gboolean
sb_campaign_add_milestone (SbCampaign   *self,
                           SbMilestone  *milestone,
                           GError      **error)
{
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (milestone != NULL, FALSE);

  if (!sb_campaign_validate_milestone (self, milestone, NULL, error))
    return FALSE;

  if (milestone->id == NULL || *milestone->id == '\0')
    {
      g_free (milestone->id);
      milestone->id = sb_campaign_new_id (self);
    }
  if (milestone->label_km == NULL)
    milestone->label_km = g_strdup ("");

  store = _sb_campaign_get_store (self);
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_insert_milestone (store, milestone, error), error);
}

/**
 * sb_campaign_list_milestones:
 *
 * Returns: (transfer full) (element-type SbMilestone): the milestones, earliest first
 */
GPtrArray *
sb_campaign_list_milestones (SbCampaign  *self,
                             GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_list_milestones (_sb_campaign_get_store (self), error);
}

gboolean
sb_campaign_remove_milestone (SbCampaign  *self,
                              const char  *id,
                              GError     **error)
{
  SbStore *store;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  store = _sb_campaign_get_store (self);
  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_delete_milestone (store, id, error), error);
}

/* ------------------------------------------------------------------------ */
/* Colours                                                                  */
/* ------------------------------------------------------------------------ */

/**
 * sb_color_parse:
 * @text: (nullable): "#rrggbb"
 * @rgb: (out caller-allocates) (nullable): red, green, blue from 0 to 1
 *
 * Returns: %TRUE if @text is a colour written #rrggbb
 */
gboolean
sb_color_parse (const char *text,
                double      rgb[3])
{
  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  for (int i = 0; rgb != NULL && i < 3; i++)
    rgb[i] = (g_ascii_xdigit_value (text[1 + 2 * i]) * 16 +
              g_ascii_xdigit_value (text[2 + 2 * i])) / 255.0;
  return TRUE;
}

static const char *
default_color (const char *key)
{
  if (g_strcmp0 (key, SB_SETTING_COLOR_PRIMARY) == 0)
    return SB_DEFAULT_COLOR_PRIMARY;
  if (g_strcmp0 (key, SB_SETTING_COLOR_ACCENT) == 0)
    return SB_DEFAULT_COLOR_ACCENT;
  return NULL;
}

/**
 * sb_campaign_get_color:
 * @key: %SB_SETTING_COLOR_PRIMARY or %SB_SETTING_COLOR_ACCENT
 *
 * Returns: (transfer full): the colour, "#rrggbb"; the default one when it is not
 *   set or not a colour; %NULL with @error set when the file cannot be read
 */
char *
sb_campaign_get_color (SbCampaign  *self,
                       const char  *key,
                       GError     **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  g_return_val_if_fail (default_color (key) != NULL, NULL);

  value = sb_campaign_get_setting (self, key, error);
  if (value == NULL)
    return NULL;
  if (sb_color_parse (value, NULL))
    return g_ascii_strdown (value, -1);
  return g_strdup (default_color (key));
}

/**
 * sb_campaign_set_color:
 * @value: "#rrggbb", or "" for the default
 */
gboolean
sb_campaign_set_color (SbCampaign  *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (default_color (key) != NULL, FALSE);

  if (value != NULL && *value != '\0' && !sb_color_parse (value, NULL))
    {
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("“%s” is not a colour: write it as # and six hexadecimal digits, "
                     "such as #13294b."),
                   value);
      return FALSE;
    }
  lower = g_ascii_strdown (value ? value : "", -1);
  return sb_campaign_set_setting (self, key, lower, error);
}
