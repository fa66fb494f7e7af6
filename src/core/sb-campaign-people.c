/* sb-campaign-people.c — detainees, and what facilities and partner offices share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-text.h"
#include "sb-validate.h"

/**
 * _sb_campaign_save_record:
 * @write: the store's insert or update of one record
 *
 * Runs one write of the store as its own saved operation.
 */
gboolean
_sb_campaign_save_record (SbCampaign     *self,
                          SbStoreWrite    write,
                          gconstpointer   record,
                          GError        **error)
{
  SbStore *store = _sb_campaign_get_store (self);

  if (!sb_store_begin (store, error))
    return FALSE;
  return _sb_campaign_finish (self, write (store, record, error), error);
}

/* An empty id on add gets a new one. */
void
_sb_campaign_ensure_id (SbCampaign  *self,
                        char       **id)
{
  if (*id == NULL || **id == '\0')
    {
      g_free (*id);
      *id = sb_campaign_new_id (self);
    }
}

/* ------------------------------------------------------------------------ */
/* Detainees                                                                */
/* ------------------------------------------------------------------------ */

/**
 * sb_campaign_validate_detainee:
 * @detainee: a detainee as typed ("" for an empty date or facility is fine)
 * @field: (out) (optional): the name of the record field at fault ("name_en",
 *   "detained_on", …), so a form can point at it
 *
 * The checks that adding or saving a detainee makes, for forms that check as the
 * person types.
 */
gboolean
sb_campaign_validate_detainee (SbCampaign        *self,
                               const SbDetainee  *detainee,
                               const char       **field,
                               GError           **error)
{
  const char *at_fault = NULL;
  gboolean has_release = detainee->released_on != NULL && *detainee->released_on != '\0';
  gboolean has_arrest = detainee->detained_on != NULL && *detainee->detained_on != '\0';

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);

  if (!sb_validate_text (detainee->name_en, _("English name"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error))
    at_fault = "name_en";
  else if (!sb_validate_text (detainee->name_km, _("Khmer name"), SB_MAX_NAME_CHARS, 0, error))
    at_fault = "name_km";
  else if (!sb_validate_text (detainee->role, _("Role"), SB_MAX_LINE_CHARS, 0, error))
    at_fault = "role";
  else if (!sb_validate_date (detainee->detained_on, _("Detained on"), 0, error))
    at_fault = "detained_on";
  else if (!sb_validate_date (detainee->released_on, _("Released on"), 0, error))
    at_fault = "released_on";
  else if (has_release && !has_arrest)
    {
      at_fault = "detained_on";
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("A release date needs the date of arrest too. Fill in “Detained on”."));
    }
  else if (has_release && sb_days_between (detainee->detained_on, detainee->released_on) < 0)
    {
      at_fault = "released_on";
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("The release date (%s) is before the arrest (%s). Check both dates."),
                   detainee->released_on, detainee->detained_on);
    }
  else if (detainee->facility_id != NULL && *detainee->facility_id != '\0')
    {
      g_autoptr(SbFacility) facility =
        sb_store_get_facility (_sb_campaign_get_store (self), detainee->facility_id, error);

      if (facility == NULL)
        at_fault = "facility_id";
    }

  if (field != NULL)
    *field = at_fault;
  return at_fault == NULL;
}

/* The store keeps NULL for "no facility" or "no date"; people type "". */
static void
normalize_detainee (SbDetainee *detainee)
{
  char **optional[] = { &detainee->facility_id, &detainee->detained_on, &detainee->released_on };

  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (*optional[i] != NULL && **optional[i] == '\0')
      g_clear_pointer (optional[i], g_free);
}

/**
 * sb_campaign_add_detainee:
 * @detainee: the new detainee; an empty id is replaced with a new one, and a facility
 *   given by its code is replaced with its id
 */
gboolean
sb_campaign_add_detainee (SbCampaign  *self,
                          SbDetainee  *detainee,
                          GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (detainee != NULL, FALSE);

  normalize_detainee (detainee);
  if (!sb_campaign_validate_detainee (self, detainee, NULL, error))
    return FALSE;
  if (detainee->facility_id != NULL)
    {
      g_autoptr(SbFacility) facility =
        sb_store_get_facility (_sb_campaign_get_store (self), detainee->facility_id, error);

      if (facility == NULL)
        return FALSE;
      _sb_set_str (&detainee->facility_id, facility->id);
    }
  if (detainee->position == 0)
    {
      g_autoptr(GPtrArray) all = sb_store_list_detainees (_sb_campaign_get_store (self), error);

      if (all == NULL)
        return FALSE;
      detainee->position = (int) all->len + 1;
    }
  _sb_campaign_ensure_id (self, &detainee->id);
  return _sb_campaign_save_record (self, (SbStoreWrite) sb_store_insert_detainee, detainee, error);
}

gboolean
sb_campaign_update_detainee (SbCampaign        *self,
                             const SbDetainee  *detainee,
                             GError           **error)
{
  g_autoptr(SbDetainee) changed = NULL;
  g_autoptr(SbDetainee) stored = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (detainee != NULL, FALSE);

  stored = sb_store_get_detainee (_sb_campaign_get_store (self), detainee->id, error);
  if (stored == NULL)
    return FALSE;
  changed = sb_detainee_copy (detainee);
  normalize_detainee (changed);
  if (!sb_campaign_validate_detainee (self, changed, NULL, error))
    return FALSE;
  if (changed->facility_id != NULL)
    {
      g_autoptr(SbFacility) facility =
        sb_store_get_facility (_sb_campaign_get_store (self), changed->facility_id, error);

      if (facility == NULL)
        return FALSE;
      _sb_set_str (&changed->facility_id, facility->id);
    }
  return _sb_campaign_save_record (self, (SbStoreWrite) sb_store_update_detainee, changed, error);
}

/**
 * sb_campaign_get_detainee:
 * @id_or_name: an id, or the English or Khmer name, whole or one unambiguous part of
 *   it, in any case and spelling variant ("Sokha", "ny sokha", "នី សុខា")
 *
 * Returns: (transfer full): the detainee, or %NULL with @error set
 */
SbDetainee *
sb_campaign_get_detainee (SbCampaign  *self,
                          const char  *id_or_name,
                          GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *key = NULL;
  SbDetainee *found = NULL;
  guint n_found = 0;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  all = sb_store_list_detainees (_sb_campaign_get_store (self), error);
  if (all == NULL)
    return NULL;
  /* Ids first: assigning a message in an import looks detainees up by id, and
   * keying every name each time would cost more than the rest of the assignment. */
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((SbDetainee *) g_ptr_array_index (all, i))->id, id_or_name) == 0)
      return sb_detainee_copy (g_ptr_array_index (all, i));
  key = sb_text_search_key (id_or_name ? id_or_name : "");

  for (guint i = 0; i < all->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (all, i);
      g_autofree char *key_en = sb_text_search_key (detainee->name_en);
      g_autofree char *key_km = sb_text_search_key (detainee->name_km);

      if (g_strcmp0 (detainee->id, id_or_name) == 0 ||
          (*key != '\0' && (g_str_equal (key, key_en) || g_str_equal (key, key_km))))
        return sb_detainee_copy (detainee);
    }

  /* No whole match: a part of a name that only one detainee has. */
  for (guint i = 0; *key != '\0' && i < all->len; i++)
    {
      SbDetainee *detainee = g_ptr_array_index (all, i);
      g_autofree char *names = g_strdup_printf ("%s %s", detainee->name_en, detainee->name_km);
      g_autofree char *names_key = sb_text_search_key (names);
      g_auto(GStrv) words = g_strsplit (names_key, " ", -1);

      if (g_strv_contains ((const char *const *) words, key))
        {
          found = detainee;
          n_found++;
        }
    }
  if (n_found == 1)
    return sb_detainee_copy (found);

  if (n_found > 1)
    g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                 _("“%s” matches more than one detainee. Type the full name."), id_or_name);
  else
    g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                 _("There is no detainee “%s” in this campaign. Check the name."),
                 g_utf8_validate (id_or_name, -1, NULL) ? id_or_name : "?");
  return NULL;
}

/**
 * sb_campaign_list_detainees:
 * Returns: (transfer full) (element-type SbDetainee): every detainee, in their order
 */
GPtrArray *
sb_campaign_list_detainees (SbCampaign  *self,
                            GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_list_detainees (_sb_campaign_get_store (self), error);
}
