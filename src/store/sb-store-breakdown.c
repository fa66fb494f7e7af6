/* sb-store-breakdown.c — messages sent grouped by day, country, office, language;
 * the campaign's milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-store-private.h"

/* The figures come from the tallies of src/store/migrations/0007-tallies.sql: the
 * messages sent (not deleted, not a duplicate, not held) by day received, and by
 * country, office and language, summed over the days up to the as-of day (?1, NULL
 * for every day). */

void
sb_store_tally_free (SbStoreTally *tally)
{
  if (tally == NULL)
    return;
  g_free (tally->key);
  g_free (tally);
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b)
{
  const SbStoreTally *x = *(SbStoreTally **) a;
  const SbStoreTally *y = *(SbStoreTally **) b;

  return strcmp (x->key, y->key);
}

static int
compare_by_count (gconstpointer a,
                  gconstpointer b)
{
  const SbStoreTally *x = *(SbStoreTally **) a;
  const SbStoreTally *y = *(SbStoreTally **) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->key, y->key);
}

static void
tally_add (GHashTable *tallies,
           const char *key,
           gint64      count)
{
  SbStoreTally *tally = g_hash_table_lookup (tallies, key);

  if (tally == NULL)
    {
      tally = g_new0 (SbStoreTally, 1);
      tally->key = g_strdup (key);
      g_hash_table_insert (tallies, tally->key, tally);
    }
  tally->count += count;
}

static gboolean
read_tallies (SbStore     *self,
              const char  *sql,
              const char  *as_of,
              GHashTable  *tallies[SB_STORE_N_GROUPINGS],
              GError     **error)
{
  sqlite3_stmt *stmt = _sb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _sb_bind_text_or_null (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SbStoreGrouping g = sqlite3_column_int (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);

      if (g < SB_STORE_N_GROUPINGS)
        tally_add (tallies[g], key ? key : "", sqlite3_column_int64 (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _sb_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * sb_store_count_breakdown:
 * @as_of: (nullable): "YYYY-MM-DD": count what had been received by the end of that day
 * @groups: (out caller-allocates) (array fixed-size=4): for each #SbStoreGrouping, a
 *   GPtrArray of #SbStoreTally: the messages sent in each group; by day oldest first,
 *   otherwise the largest first
 */
gboolean
sb_store_count_breakdown (SbStore     *self,
                          const char  *as_of,
                          GPtrArray   *groups[SB_STORE_N_GROUPINGS],
                          GError     **error)
{
  GHashTable *tallies[SB_STORE_N_GROUPINGS];
  gboolean ok;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  G_STATIC_ASSERT (SB_STORE_BY_DAY == 0 && SB_STORE_BY_COUNTRY == 1 &&
                   SB_STORE_BY_OFFICE == 2 && SB_STORE_BY_LANGUAGE == 3);

  for (guint g = 0; g < SB_STORE_N_GROUPINGS; g++)
    tallies[g] = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) sb_store_tally_free);
  ok = read_tallies (self,
                     "SELECT 0, day, sum (n) FROM tallies "
                     "WHERE kind IN ('received:new', 'received:transcribed', 'received:approved') "
                     "AND (?1 IS NULL OR day <= ?1) GROUP BY day HAVING sum (n) > 0",
                     as_of, tallies, error) &&
       read_tallies (self,
                     "SELECT CASE kind WHEN 'country' THEN 1 WHEN 'office' THEN 2 ELSE 3 END, "
                     "  key, sum (n) FROM tallies "
                     "WHERE kind IN ('country', 'office', 'language') "
                     "AND (?1 IS NULL OR day <= ?1) GROUP BY kind, key HAVING sum (n) > 0",
                     as_of, tallies, error);

  for (guint g = 0; g < SB_STORE_N_GROUPINGS; g++)
    {
      GHashTableIter iter;
      gpointer value;

      groups[g] = g_ptr_array_new_full (g_hash_table_size (tallies[g]),
                                        (GDestroyNotify) sb_store_tally_free);
      g_hash_table_iter_init (&iter, tallies[g]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_ptr_array_add (groups[g], value);
          g_hash_table_iter_steal (&iter);
        }
      g_hash_table_unref (tallies[g]);
      g_ptr_array_sort (groups[g], g == SB_STORE_BY_DAY ? compare_by_key : compare_by_count);
    }

  if (!ok)
    {
      for (guint g = 0; g < SB_STORE_N_GROUPINGS; g++)
        g_clear_pointer (&groups[g], g_ptr_array_unref);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Milestones                                                               */
/* ------------------------------------------------------------------------ */

static gpointer
read_milestone (sqlite3_stmt *stmt)
{
  SbMilestone *milestone = g_new0 (SbMilestone, 1);

  milestone->id = _sb_column_dup (stmt, 0);
  milestone->day = _sb_column_dup (stmt, 1);
  milestone->label_en = _sb_column_dup (stmt, 2);
  milestone->label_km = _sb_column_dup (stmt, 3);
  return milestone;
}

gboolean
sb_store_insert_milestone (SbStore            *self,
                           const SbMilestone  *milestone,
                           GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (milestone != NULL, FALSE);

  stmt = _sb_store_prepare (self,
                            "INSERT INTO milestones (id, day, label_en, label_km) "
                            "VALUES (?1, ?2, ?3, ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, milestone->id);
  _sb_bind_text (stmt, 2, milestone->day);
  _sb_bind_text (stmt, 3, milestone->label_en);
  _sb_bind_text (stmt, 4, milestone->label_km ? milestone->label_km : "");
  return _sb_store_step_done (self, stmt, error);
}

gboolean
sb_store_delete_milestone (SbStore     *self,
                           const char  *id,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = _sb_store_prepare (self, "DELETE FROM milestones WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _sb_bind_text (stmt, 1, id);
  if (!_sb_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (_sb_store_get_db (self)) == 0)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no milestone “%s” in this campaign."), id);
      return FALSE;
    }
  return TRUE;
}

/**
 * sb_store_list_milestones:
 *
 * Returns: (transfer full) (element-type SbMilestone): the milestones, earliest first
 */
GPtrArray *
sb_store_list_milestones (SbStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  /* A file of schema 1 opened read-only is not migrated: it has no milestones. */
  if (sb_store_get_schema_version (self) < 2)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sb_milestone_free);
  return _sb_store_list_all (self,
                             "SELECT id, day, label_en, label_km FROM milestones "
                             "ORDER BY day, label_en, id",
                             NULL, read_milestone, (GDestroyNotify) sb_milestone_free, error);
}
