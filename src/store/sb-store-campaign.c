/* sb-store-campaign.c — settings, facilities, detainees and partner offices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-store-private.h"

/* ------------------------------------------------------------------------ */
/* Settings                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * sb_store_get_setting:
 * Returns: (transfer full) (nullable): the value of @key; %NULL if unset, or with
 *   @error set when the file cannot be read (locked, damaged)
 */
char *
sb_store_get_setting (SbStore     *self,
                      const char  *key,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = _sb_store_prepare (self, "SELECT value FROM settings WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = _sb_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return value;
}

gboolean
sb_store_set_setting (SbStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, key);
  _sb_bind_text (stmt, 2, value);
  return _sb_store_step_done (self, stmt, error);
}

/* ------------------------------------------------------------------------ */
/* Shared by the lookups                                                    */
/* ------------------------------------------------------------------------ */

gpointer
_sb_store_get_one (SbStore     *self,
         const char  *sql,
         const char  *key,
         SbReadRow    read_row,
         const char  *not_found,
         GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);
  gpointer record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND, not_found, key);
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return record;
}

GPtrArray *
_sb_store_list_rows (SbStore        *self,
                     sqlite3_stmt   *stmt,
                     SbReadRow       read_row,
                     GDestroyNotify  free_func,
                     GError        **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, read_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

GPtrArray *
_sb_store_list_all (SbStore        *self,
          const char     *sql,
          const char     *key,
          SbReadRow       read_row,
          GDestroyNotify  free_func,
          GError        **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    _sb_bind_text (stmt, 1, key);
  return _sb_store_list_rows (self, stmt, read_row, free_func, error);
}

gpointer
_sb_read_text (sqlite3_stmt *stmt)
{
  return _sb_column_dup (stmt, 0);
}

/* ------------------------------------------------------------------------ */
/* Facilities                                                               */
/* ------------------------------------------------------------------------ */

#define FACILITY_COLUMNS "id, code, name_en, name_km, kind, address, items_per_batch, rules"

static gpointer
read_facility (sqlite3_stmt *stmt)
{
  SbFacility *facility = g_new0 (SbFacility, 1);

  facility->id = _sb_column_dup (stmt, 0);
  facility->code = _sb_column_dup (stmt, 1);
  facility->name_en = _sb_column_dup (stmt, 2);
  facility->name_km = _sb_column_dup (stmt, 3);
  facility->kind = _sb_column_dup (stmt, 4);
  facility->address = _sb_column_dup (stmt, 5);
  facility->items_per_batch = sqlite3_column_int (stmt, 6);
  facility->rules = _sb_column_dup (stmt, 7);
  return facility;
}

static gboolean
write_facility (SbStore           *self,
                const char        *sql,
                const SbFacility  *facility,
                GError           **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, facility->id);
  _sb_bind_text (stmt, 2, facility->code);
  _sb_bind_text (stmt, 3, facility->name_en);
  _sb_bind_text (stmt, 4, facility->name_km);
  _sb_bind_text (stmt, 5, facility->kind);
  _sb_bind_text (stmt, 6, facility->address);
  sqlite3_bind_int (stmt, 7, facility->items_per_batch);
  _sb_bind_text (stmt, 8, facility->rules);
  return _sb_store_step_done (self, stmt, error);
}

gboolean
sb_store_insert_facility (SbStore           *self,
                          const SbFacility  *facility,
                          GError           **error)
{
  return write_facility (self,
                         "INSERT INTO facilities (" FACILITY_COLUMNS ") "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         facility, error);
}

gboolean
sb_store_update_facility (SbStore           *self,
                          const SbFacility  *facility,
                          GError           **error)
{
  return write_facility (self,
                         "UPDATE facilities SET code = ?2, name_en = ?3, name_km = ?4, kind = ?5, "
                         "address = ?6, items_per_batch = ?7, rules = ?8 WHERE id = ?1",
                         facility, error);
}

SbFacility *
sb_store_get_facility (SbStore     *self,
                       const char  *id_or_code,
                       GError     **error)
{
  return _sb_store_get_one (self,
                  "SELECT " FACILITY_COLUMNS " FROM facilities WHERE id = ?1 OR code = ?1",
                  id_or_code, read_facility,
                  _("There is no facility “%s” in this campaign."), error);
}

GPtrArray *
sb_store_list_facilities (SbStore  *self,
                          GError  **error)
{
  return _sb_store_list_all (self,
                   "SELECT " FACILITY_COLUMNS " FROM facilities ORDER BY name_en", NULL,
                   read_facility, (GDestroyNotify) sb_facility_free, error);
}

/* ------------------------------------------------------------------------ */
/* Detainees                                                                */
/* ------------------------------------------------------------------------ */

#define DETAINEE_COLUMNS \
  "id, name_en, name_km, role, facility_id, detained_on, released_on, position"

static gpointer
read_detainee (sqlite3_stmt *stmt)
{
  SbDetainee *detainee = g_new0 (SbDetainee, 1);

  detainee->id = _sb_column_dup (stmt, 0);
  detainee->name_en = _sb_column_dup (stmt, 1);
  detainee->name_km = _sb_column_dup (stmt, 2);
  detainee->role = _sb_column_dup (stmt, 3);
  detainee->facility_id = _sb_column_dup_or_null (stmt, 4);
  detainee->detained_on = _sb_column_dup_or_null (stmt, 5);
  detainee->released_on = _sb_column_dup_or_null (stmt, 6);
  detainee->position = sqlite3_column_int (stmt, 7);
  return detainee;
}

static gboolean
write_detainee (SbStore           *self,
                const char        *sql,
                const SbDetainee  *detainee,
                GError           **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, detainee->id);
  _sb_bind_text (stmt, 2, detainee->name_en);
  _sb_bind_text (stmt, 3, detainee->name_km);
  _sb_bind_text (stmt, 4, detainee->role);
  _sb_bind_text_or_null (stmt, 5, detainee->facility_id);
  _sb_bind_text_or_null (stmt, 6, detainee->detained_on);
  _sb_bind_text_or_null (stmt, 7, detainee->released_on);
  sqlite3_bind_int (stmt, 8, detainee->position);
  return _sb_store_step_done (self, stmt, error);
}

gboolean
sb_store_insert_detainee (SbStore           *self,
                          const SbDetainee  *detainee,
                          GError           **error)
{
  return write_detainee (self,
                         "INSERT INTO detainees (" DETAINEE_COLUMNS ") "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         detainee, error);
}

gboolean
sb_store_update_detainee (SbStore           *self,
                          const SbDetainee  *detainee,
                          GError           **error)
{
  return write_detainee (self,
                         "UPDATE detainees SET name_en = ?2, name_km = ?3, role = ?4, "
                         "facility_id = ?5, detained_on = ?6, released_on = ?7, position = ?8 "
                         "WHERE id = ?1",
                         detainee, error);
}

SbDetainee *
sb_store_get_detainee (SbStore     *self,
                       const char  *id,
                       GError     **error)
{
  return _sb_store_get_one (self, "SELECT " DETAINEE_COLUMNS " FROM detainees WHERE id = ?1",
                  id, read_detainee,
                  _("There is no detainee “%s” in this campaign."), error);
}

GPtrArray *
sb_store_list_detainees (SbStore  *self,
                         GError  **error)
{
  return _sb_store_list_all (self,
                   "SELECT " DETAINEE_COLUMNS " FROM detainees ORDER BY position, name_en", NULL,
                   read_detainee, (GDestroyNotify) sb_detainee_free, error);
}

/* ------------------------------------------------------------------------ */
/* Partner offices                                                          */
/* ------------------------------------------------------------------------ */

#define OFFICE_COLUMNS "id, code, name, city"

static gpointer
read_office (sqlite3_stmt *stmt)
{
  SbOffice *office = g_new0 (SbOffice, 1);

  office->id = _sb_column_dup (stmt, 0);
  office->code = _sb_column_dup (stmt, 1);
  office->name = _sb_column_dup (stmt, 2);
  office->city = _sb_column_dup (stmt, 3);
  return office;
}

static gboolean
write_office (SbStore         *self,
              const char      *sql,
              const SbOffice  *office,
              GError         **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, office->id);
  _sb_bind_text (stmt, 2, office->code);
  _sb_bind_text (stmt, 3, office->name);
  _sb_bind_text (stmt, 4, office->city);
  return _sb_store_step_done (self, stmt, error);
}

gboolean
sb_store_insert_office (SbStore         *self,
                        const SbOffice  *office,
                        GError         **error)
{
  return write_office (self,
                       "INSERT INTO offices (" OFFICE_COLUMNS ") VALUES (?1, ?2, ?3, ?4)",
                       office, error);
}

gboolean
sb_store_update_office (SbStore         *self,
                        const SbOffice  *office,
                        GError         **error)
{
  return write_office (self,
                       "UPDATE offices SET code = ?2, name = ?3, city = ?4 WHERE id = ?1",
                       office, error);
}

SbOffice *
sb_store_get_office (SbStore     *self,
                     const char  *id_or_code,
                     GError     **error)
{
  return _sb_store_get_one (self, "SELECT " OFFICE_COLUMNS " FROM offices WHERE id = ?1 OR code = ?1",
                  id_or_code, read_office,
                  _("There is no partner office “%s” in this campaign."), error);
}

GPtrArray *
sb_store_list_offices (SbStore  *self,
                       GError  **error)
{
  return _sb_store_list_all (self, "SELECT " OFFICE_COLUMNS " FROM offices ORDER BY code", NULL,
                   read_office, (GDestroyNotify) sb_office_free, error);
}
