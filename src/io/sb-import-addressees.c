/* sb-import-addressees.c — detainees by the loose names people type in a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-io"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-import-private.h"
#include "sb-records.h"
#include "sb-text.h"

typedef struct
{
  const SbDetainee *detainee;
  char            **words;      /* the words of both names' keys */
  char             *joined_en;  /* keys without spaces: "នីសុខា" */
  char             *joined_km;
} Entry;

struct _SbAddresseeIndex
{
  GPtrArray  *detainees;
  GArray     *entries;
  GHashTable *cache;            /* value → GPtrArray of ids, or a problem */
};

typedef struct
{
  GPtrArray *ids;
  char      *names;
  char      *problem;
} Resolved;

static void
resolved_free (Resolved *resolved)
{
  g_clear_pointer (&resolved->ids, g_ptr_array_unref);
  g_free (resolved->names);
  g_free (resolved->problem);
  g_free (resolved);
}

static char *
remove_spaces (const char *key)
{
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p; p++)
    if (*p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/**
 * _sb_addressee_index_new:
 * @detainees: (element-type SbDetainee): the campaign's detainees; kept
 */
SbAddresseeIndex *
_sb_addressee_index_new (GPtrArray *detainees)
{
  SbAddresseeIndex *index = g_new0 (SbAddresseeIndex, 1);

  index->detainees = g_ptr_array_ref (detainees);
  index->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  index->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) resolved_free);
  for (guint i = 0; i < detainees->len; i++)
    {
      const SbDetainee *detainee = g_ptr_array_index (detainees, i);
      g_autofree char *key_en = sb_text_search_key (detainee->name_en);
      g_autofree char *key_km = sb_text_search_key (detainee->name_km);
      g_autofree char *both = g_strconcat (key_en, " ", key_km, NULL);
      Entry entry = {
        .detainee = detainee,
        .words = g_strsplit (g_strstrip (both), " ", -1),
        .joined_en = remove_spaces (key_en),
        .joined_km = remove_spaces (key_km),
      };

      g_array_append_val (index->entries, entry);
    }
  return index;
}

void
_sb_addressee_index_free (SbAddresseeIndex *index)
{
  for (guint i = 0; i < index->entries->len; i++)
    {
      Entry *entry = &g_array_index (index->entries, Entry, i);

      g_strfreev (entry->words);
      g_free (entry->joined_en);
      g_free (entry->joined_km);
    }
  g_array_unref (index->entries);
  g_ptr_array_unref (index->detainees);
  g_hash_table_unref (index->cache);
  g_free (index);
}

static gboolean
means_everyone (const char *key)
{
  static const char *const all[] = {
    "all", "everyone", "everybody", "all of them", "all five", "all 5", "the five", "all detainees",
    "tous", "todos", "alle", "ទាំងអស់", "ទាំងអស់គ្នា", "ទាំង៥នាក់", "ទាំង ៥ នាក់", "ទាំង5នាក់",
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_str_equal (key, all[i]))
      return TRUE;
  return FALSE;
}

/* One name → one detainee: the whole name, or words that only one of them has. */
static const SbDetainee *
match_one (SbAddresseeIndex *index,
           const char       *key,
           gboolean         *ambiguous)
{
  g_auto(GStrv) words = g_strsplit (key, " ", -1);
  g_autofree char *joined = remove_spaces (key);
  const SbDetainee *found = NULL;
  guint n_found = 0;

  *ambiguous = FALSE;
  for (guint i = 0; i < index->entries->len; i++)
    {
      Entry *entry = &g_array_index (index->entries, Entry, i);

      if (g_str_equal (joined, entry->joined_en) || (*entry->joined_km && g_str_equal (joined, entry->joined_km)))
        return entry->detainee;
    }
  for (guint i = 0; i < index->entries->len; i++)
    {
      Entry *entry = &g_array_index (index->entries, Entry, i);
      gboolean all_words = TRUE;

      for (guint w = 0; words[w] != NULL && all_words; w++)
        all_words = g_strv_contains ((const char *const *) entry->words, words[w]);
      if (all_words)
        {
          found = entry->detainee;
          n_found++;
        }
    }
  *ambiguous = n_found > 1;
  return n_found == 1 ? found : NULL;
}

static Resolved *
resolve (SbAddresseeIndex *index,
         const char       *value)
{
  g_autofree char *separated = g_strdup (value);
  g_auto(GStrv) parts = NULL;
  Resolved *resolved = g_new0 (Resolved, 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (value);

  /* Separators: , ; / & + | line breaks, “and”, Khmer “និង”; parentheses hold the
   * other spelling of a name, as in “Ny Sokha (នី សុខា)”. */
  g_string_replace (text, " and ", ",", 0);
  g_string_replace (text, " AND ", ",", 0);
  g_string_replace (text, " And ", ",", 0);
  g_string_replace (text, "និង", ",", 0);
  g_free (separated);
  separated = g_strdelimit (g_string_free (g_steal_pointer (&text), FALSE), ";/&+|\n\r", ',');
  parts = g_strsplit (separated, ",", -1);
  resolved->ids = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *outside = g_strdup (parts[i]);
      char *paren = strchr (outside, '(');
      g_autofree char *key = NULL;
      const SbDetainee *detainee;
      gboolean ambiguous;

      if (paren != NULL)
        *paren = '\0';
      key = sb_text_search_key (outside);
      if (*key == '\0' && paren != NULL)
        {
          g_free (key);
          key = sb_text_search_key (paren + 1);
        }
      if (*key == '\0')
        continue;
      if (means_everyone (key))
        {
          g_ptr_array_set_size (resolved->ids, 0);
          g_ptr_array_set_size (names, 0);
          for (guint d = 0; d < index->detainees->len; d++)
            {
              const SbDetainee *each = g_ptr_array_index (index->detainees, d);

              g_ptr_array_add (resolved->ids, each->id);
              g_ptr_array_add (names, each->name_en);
            }
          break;
        }
      detainee = match_one (index, key, &ambiguous);
      if (detainee == NULL && paren != NULL)
        {
          g_autofree char *inside = sb_text_search_key (paren + 1);

          detainee = match_one (index, inside, &ambiguous);
        }
      if (detainee == NULL)
        {
          g_autofree char *shown = g_strstrip (g_strdup (parts[i]));

          resolved->problem = ambiguous
            ? g_strdup_printf (_("“%s” matches more than one detainee: write the full name."), shown)
            : g_strdup_printf (_("there is no detainee “%s” in this campaign."), shown);
          break;
        }
      if (!g_ptr_array_find (resolved->ids, detainee->id, NULL))
        {
          g_ptr_array_add (resolved->ids, detainee->id);
          g_ptr_array_add (names, detainee->name_en);
        }
    }
  g_ptr_array_add (names, NULL);
  resolved->names = g_strjoinv (", ", (char **) names->pdata);
  return resolved;
}

/**
 * _sb_addressee_index_resolve:
 * @value: what the form says: "Sokha", "ny sokha, Yi Soksan", "នី សុខា និង យី សុខសាន្ត",
 *   "all", "ទាំងអស់"…
 * @names: (out) (optional): the detainees' names, for a person
 * @problem: (out) (optional): why @value could not be read
 *
 * Returns: (transfer container) (nullable): the detainee ids (none for an empty value),
 *   or %NULL with @problem set
 */
GPtrArray *
_sb_addressee_index_resolve (SbAddresseeIndex  *index,
                             const char        *value,
                             char             **names,
                             char             **problem)
{
  Resolved *resolved = g_hash_table_lookup (index->cache, value);

  if (resolved == NULL)
    {
      resolved = resolve (index, value);
      if (g_hash_table_size (index->cache) < 10000)
        g_hash_table_insert (index->cache, g_strdup (value), resolved);
      else
        {
          /* Every row different: do not keep them all. */
          GPtrArray *ids = resolved->problem ? NULL : g_ptr_array_ref (resolved->ids);

          if (names != NULL)
            *names = g_strdup (resolved->names);
          if (problem != NULL)
            *problem = g_strdup (resolved->problem);
          resolved_free (resolved);
          return ids;
        }
    }
  if (names != NULL)
    *names = g_strdup (resolved->names);
  if (problem != NULL)
    *problem = g_strdup (resolved->problem);
  return resolved->problem ? NULL : g_ptr_array_ref (resolved->ids);
}
