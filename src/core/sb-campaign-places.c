/* sb-campaign-places.c — facilities (places of detention) and partner offices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-campaign-private.h"
#include "sb-validate.h"

static const char *const facility_kinds[] = { "prison", "police", "other", NULL };

/* Is @code used by another record than @id? Facilities and offices each have
 * their own codes; @records holds SbFacility or SbOffice, whose first field is the id. */
static gboolean
code_taken (GPtrArray   *records,
            gsize        code_offset,
            const char  *id,
            const char  *code,
            GError     **error)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);
      const char *other_id = *(char **) record;
      const char *other_code = *(char **) G_STRUCT_MEMBER_P (record, code_offset);

      if (g_strcmp0 (other_code, code) == 0 && g_strcmp0 (other_id, id) != 0)
        {
          g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                       _("The code “%s” is already used in this campaign. Choose another."),
                       code);
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Facilities                                                               */
/* ------------------------------------------------------------------------ */

/* @id: the facility's own id, whose code it may keep; "" for a new one. */
static gboolean
check_facility (SbCampaign        *self,
                const SbFacility  *facility,
                const char        *id,
                const char       **field,
                GError           **error)
{
  const char *at_fault = NULL;
  gboolean readable = TRUE;

  if (!sb_validate_code (facility->code, _("Facility code"), error))
    at_fault = "code";
  else if (!sb_validate_text (facility->name_en, _("English name"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error))
    at_fault = "name_en";
  else if (!sb_validate_text (facility->name_km, _("Khmer name"), SB_MAX_NAME_CHARS, 0, error))
    at_fault = "name_km";
  else if (!sb_validate_choice (facility->kind, _("Kind"), facility_kinds, error))
    at_fault = "kind";
  else if (!sb_validate_text (facility->address, _("Address"), SB_MAX_LINE_CHARS, SB_FIELD_MULTILINE, error))
    at_fault = "address";
  else if (!sb_validate_text (facility->rules, _("Delivery rules"), SB_MAX_MESSAGE_CHARS, SB_FIELD_MULTILINE, error))
    at_fault = "rules";
  else if (facility->items_per_batch < 1 || facility->items_per_batch > 10000)
    {
      at_fault = "items_per_batch";
      g_set_error (error, SB_CORE_ERROR, SB_CORE_ERROR_INVALID,
                   _("Items per batch must be a number from 1 to 10000."));
    }
  else
    {
      g_autoptr(GPtrArray) all = sb_store_list_facilities (_sb_campaign_get_store (self), error);

      /* A code cannot be checked against a list that cannot be read: no field is at
       * fault, the file is. */
      if (all == NULL)
        readable = FALSE;
      else if (code_taken (all, G_STRUCT_OFFSET (SbFacility, code), id, facility->code, error))
        at_fault = "code";
    }

  if (field != NULL)
    *field = at_fault;
  return readable && at_fault == NULL;
}

/**
 * sb_campaign_validate_facility:
 * @facility: a facility as typed; an empty id is a new one
 * @field: (out) (optional): the record field at fault ("code", "name_en",
 *   "items_per_batch"…), so a form can point at it; %NULL when all is well
 *
 * Every check that adding or saving @facility makes, the code used by another
 * facility included, for forms that check as the person types.
 */
gboolean
sb_campaign_validate_facility (SbCampaign        *self,
                               const SbFacility  *facility,
                               const char       **field,
                               GError           **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (facility != NULL, FALSE);

  return check_facility (self, facility, facility->id ? facility->id : "", field, error);
}

/**
 * sb_campaign_add_facility:
 * @facility: the new facility; an empty id is replaced with a new one, no kind
 *   means a prison and no items per batch 50
 */
gboolean
sb_campaign_add_facility (SbCampaign  *self,
                          SbFacility  *facility,
                          GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (facility != NULL, FALSE);

  if (facility->items_per_batch == 0)
    facility->items_per_batch = 50;
  if (facility->kind == NULL || *facility->kind == '\0')
    _sb_set_str (&facility->kind, "prison");
  if (!check_facility (self, facility, "", NULL, error))
    return FALSE;
  _sb_campaign_ensure_id (self, &facility->id);
  return _sb_campaign_save_record (self, (SbStoreWrite) sb_store_insert_facility, facility, error);
}

gboolean
sb_campaign_update_facility (SbCampaign        *self,
                             const SbFacility  *facility,
                             GError           **error)
{
  g_autoptr(SbFacility) stored = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (facility != NULL, FALSE);

  stored = sb_store_get_facility (_sb_campaign_get_store (self), facility->id, error);
  if (stored == NULL || !sb_campaign_validate_facility (self, facility, NULL, error))
    return FALSE;
  return _sb_campaign_save_record (self, (SbStoreWrite) sb_store_update_facility, facility, error);
}

SbFacility *
sb_campaign_get_facility (SbCampaign  *self,
                          const char  *id_or_code,
                          GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_get_facility (_sb_campaign_get_store (self), id_or_code, error);
}

/**
 * sb_campaign_list_facilities:
 * Returns: (transfer full) (element-type SbFacility): every facility, by name
 */
GPtrArray *
sb_campaign_list_facilities (SbCampaign  *self,
                             GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_list_facilities (_sb_campaign_get_store (self), error);
}

/* ------------------------------------------------------------------------ */
/* Partner offices                                                          */
/* ------------------------------------------------------------------------ */

/* @id: the office's own id, whose code it may keep; "" for a new one. */
static gboolean
check_office (SbCampaign      *self,
              const SbOffice  *office,
              const char      *id,
              const char     **field,
              GError         **error)
{
  const char *at_fault = NULL;
  gboolean readable = TRUE;

  if (!sb_validate_code (office->code, _("Office code"), error))
    at_fault = "code";
  else if (!sb_validate_text (office->name, _("Office name"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error))
    at_fault = "name";
  else if (!sb_validate_text (office->city, _("City"), SB_MAX_NAME_CHARS, 0, error))
    at_fault = "city";
  else
    {
      g_autoptr(GPtrArray) all = sb_store_list_offices (_sb_campaign_get_store (self), error);

      if (all == NULL)
        readable = FALSE;
      else if (code_taken (all, G_STRUCT_OFFSET (SbOffice, code), id, office->code, error))
        at_fault = "code";
    }

  if (field != NULL)
    *field = at_fault;
  return readable && at_fault == NULL;
}

/**
 * sb_campaign_validate_office:
 * @office: a partner office as typed; an empty id is a new one
 * @field: (out) (optional): the record field at fault ("code", "name", "city")
 *
 * Every check that adding or saving @office makes, for forms that check as the
 * person types.
 */
gboolean
sb_campaign_validate_office (SbCampaign      *self,
                             const SbOffice  *office,
                             const char     **field,
                             GError         **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);

  return check_office (self, office, office->id ? office->id : "", field, error);
}

gboolean
sb_campaign_add_office (SbCampaign  *self,
                        SbOffice    *office,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);

  if (!check_office (self, office, "", NULL, error))
    return FALSE;
  _sb_campaign_ensure_id (self, &office->id);
  return _sb_campaign_save_record (self, (SbStoreWrite) sb_store_insert_office, office, error);
}

gboolean
sb_campaign_update_office (SbCampaign      *self,
                           const SbOffice  *office,
                           GError         **error)
{
  g_autoptr(SbOffice) stored = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);

  stored = sb_store_get_office (_sb_campaign_get_store (self), office->id, error);
  if (stored == NULL || !sb_campaign_validate_office (self, office, NULL, error))
    return FALSE;
  return _sb_campaign_save_record (self, (SbStoreWrite) sb_store_update_office, office, error);
}

SbOffice *
sb_campaign_get_office (SbCampaign  *self,
                        const char  *id_or_code,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_get_office (_sb_campaign_get_store (self), id_or_code, error);
}

/**
 * sb_campaign_list_offices:
 * Returns: (transfer full) (element-type SbOffice): every partner office, by code
 */
GPtrArray *
sb_campaign_list_offices (SbCampaign  *self,
                          GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_list_offices (_sb_campaign_get_store (self), error);
}
