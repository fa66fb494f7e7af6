/* sb-cli-lookup.c — names for ids, so output shows codes and names, not UUIDs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include "sb-cli-private.h"

static GHashTable *
new_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * _sb_cli_facility_codes:
 *
 * Returns: (transfer full): facility id → code
 */
GHashTable *
_sb_cli_facility_codes (SbCampaign  *campaign,
                        GError     **error)
{
  g_autoptr(GPtrArray) facilities = sb_campaign_list_facilities (campaign, error);
  GHashTable *table;

  if (facilities == NULL)
    return NULL;

  table = new_table ();
  for (guint i = 0; i < facilities->len; i++)
    {
      SbFacility *facility = g_ptr_array_index (facilities, i);

      g_hash_table_insert (table, g_strdup (facility->id), g_strdup (facility->code));
    }
  return table;
}

/**
 * _sb_cli_office_codes:
 *
 * Returns: (transfer full): office id → code
 */
GHashTable *
_sb_cli_office_codes (SbCampaign  *campaign,
                      GError     **error)
{
  g_autoptr(GPtrArray) offices = sb_campaign_list_offices (campaign, error);
  GHashTable *table;

  if (offices == NULL)
    return NULL;

  table = new_table ();
  for (guint i = 0; i < offices->len; i++)
    {
      SbOffice *office = g_ptr_array_index (offices, i);

      g_hash_table_insert (table, g_strdup (office->id), g_strdup (office->code));
    }
  return table;
}

/**
 * _sb_cli_detainee_names:
 *
 * Returns: (transfer full): detainee id → English name
 */
GHashTable *
_sb_cli_detainee_names (SbCampaign  *campaign,
                        GError     **error)
{
  g_autoptr(GPtrArray) detainees = sb_campaign_list_detainees (campaign, error);
  GHashTable *table;

  if (detainees == NULL)
    return NULL;

  table = new_table ();
  for (guint i = 0; i < detainees->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (detainees, i);

      g_hash_table_insert (table, g_strdup (detainee->id), g_strdup (detainee->name_en));
    }
  return table;
}

/**
 * _sb_cli_lookup:
 * @id: (nullable): an id
 *
 * Returns: (nullable): what @table gives for @id, or %NULL
 */
const char *
_sb_cli_lookup (GHashTable *table,
                const char *id)
{
  if (id == NULL || table == NULL)
    return NULL;
  return g_hash_table_lookup (table, id);
}

/**
 * _sb_cli_resolve_detainees:
 * @names: (nullable): ids or names (English or Khmer) of detainees
 * @all: %TRUE for every detainee of the campaign
 *
 * Returns: (transfer full): %NULL-terminated ids, or %NULL with @error set when a
 *   name is unknown
 */
GPtrArray *
_sb_cli_resolve_detainees (SbCampaign          *campaign,
                           const char *const   *names,
                           gboolean             all,
                           GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (all)
    {
      g_autoptr(GPtrArray) detainees = sb_campaign_list_detainees (campaign, error);

      if (detainees == NULL)
        return NULL;
      for (guint i = 0; i < detainees->len; i++)
        {
          SbDetainee *detainee = g_ptr_array_index (detainees, i);

          g_ptr_array_add (ids, g_strdup (detainee->id));
        }
    }

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(SbDetainee) detainee = sb_campaign_get_detainee (campaign, names[i], error);

      if (detainee == NULL)
        return NULL;
      if (!g_ptr_array_find_with_equal_func (ids, detainee->id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (detainee->id));
    }

  g_ptr_array_add (ids, NULL);
  return g_steal_pointer (&ids);
}
