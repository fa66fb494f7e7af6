/* test-enums.c — the registered enums speak the campaign file's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sb-batches.h"
#include "sb-enums.h"
#include "sb-vocabulary.h"
#include "sb-store.h"

typedef int (*FromNick) (const char *nick);
typedef const char *(*ToNick) (int value);

static const struct
{
  const char *table;
  const char *column;
  GType     (*get_type) (void);
  FromNick    from_nick;
  ToNick      to_nick;
} vocabularies[] = {
  { "messages", "status", sb_message_status_get_type,
    (FromNick) sb_message_status_from_nick, (ToNick) sb_message_status_to_nick },
  { "messages", "channel", sb_channel_get_type,
    (FromNick) sb_channel_from_nick, (ToNick) sb_channel_to_nick },
  { "messages", "consent", sb_consent_get_type,
    (FromNick) sb_consent_from_nick, (ToNick) sb_consent_to_nick },
  { "copies", "state", sb_copy_state_get_type,
    (FromNick) sb_copy_state_from_nick, (ToNick) sb_copy_state_to_nick },
  { "batches", "state", sb_batch_state_get_type,
    (FromNick) sb_batch_state_from_nick, (ToNick) sb_batch_state_to_nick },
};

static void
test_round_trip (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (vocabularies); v++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (vocabularies[v].get_type ());

      g_assert_cmpuint (klass->n_values, >, 1);
      for (guint i = 0; i < klass->n_values; i++)
        {
          const GEnumValue *value = &klass->values[i];

          g_assert_cmpint (value->value, ==, (int) i);
          g_assert_cmpint (vocabularies[v].from_nick (value->value_nick), ==, value->value);
          g_assert_cmpstr (vocabularies[v].to_nick (value->value), ==, value->value_nick);
        }
      /* A word from another version, or none: unknown, never a crash or a known value. */
      g_assert_cmpint (vocabularies[v].from_nick ("archived"), ==, -1);
      g_assert_cmpint (vocabularies[v].from_nick (""), ==, -1);
      g_assert_cmpint (vocabularies[v].from_nick (NULL), ==, -1);
      g_assert_cmpint (vocabularies[v].from_nick ("NEW"), ==, -1);
    }
}

/* A word from a newer version (or a damaged file) is shown as it is, or as "Other",
 * never as a known value and never a crash. */
static void
test_unknown_word_labels (void)
{
  g_assert_cmpstr (sb_batch_state_label ("archived"), ==, "archived");
  g_assert_cmpstr (sb_batch_state_label ("handed_over"), ==, "Handed over");
  g_assert_cmpstr (sb_channel_label ("fax", "en"), ==, "Other");
  g_assert_cmpstr (sb_channel_label (NULL, "en"), ==, "Other");
  g_assert_cmpstr (sb_channel_label ("online", "en"), ==, "Online");
  g_assert_false (sb_copy_state_is_underway ("waiting"));
  g_assert_true (sb_copy_state_is_underway ("in_batch"));
  g_assert_true (sb_copy_state_is_underway ("lost"));   /* unknown: kept, never dropped */
}

/* The words the schema's CHECK (column IN ('a', 'b')) of @table accepts, sorted. */
static GPtrArray *
schema_words (sqlite3    *db,
              const char *table,
              const char *column)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pattern = g_strdup_printf ("CHECK\\s*\\(\\s*%s\\s+IN\\s*\\(([^)]*)\\)", column);
  g_autoptr(GRegex) check = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) items = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master "
                                           "WHERE type = 'table' AND name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (!g_regex_match (check, (const char *) sqlite3_column_text (stmt, 0), 0, &match))
    g_error ("%s.%s has no CHECK (%s IN (…)) in the schema", table, column, column);
  list = g_match_info_fetch (match, 1);   /* before the text it points into goes */
  sqlite3_finalize (stmt);

  items = g_strsplit (list, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *word = g_strstrip (items[i]);
      gsize n = strlen (word);

      g_assert_true (n >= 2 && word[0] == '\'' && word[n - 1] == '\'');
      g_ptr_array_add (words, g_strndup (word + 1, n - 2));
    }
  g_ptr_array_sort (words, (GCompareFunc) g_strcmp0);
  return g_steal_pointer (&words);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Every enum holds exactly the words the schema accepts: a status added in one place
 * and not in the other fails here. */
static void
test_schema_accepts_every_nick (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sambot-enums-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "c.sambot", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr(SbStore) store = sb_store_create (path, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint v = 0; v < G_N_ELEMENTS (vocabularies); v++)
    {
      g_autoptr(GPtrArray) accepted = schema_words (db, vocabularies[v].table, vocabularies[v].column);
      g_autoptr(GPtrArray) nicks = g_ptr_array_new ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (vocabularies[v].get_type ());

      for (guint i = 0; i < klass->n_values; i++)
        g_ptr_array_add (nicks, (gpointer) klass->values[i].value_nick);
      g_ptr_array_sort (nicks, compare_strings);
      g_ptr_array_sort (accepted, compare_strings);
      g_assert_cmpuint (nicks->len, ==, accepted->len);
      for (guint i = 0; i < nicks->len; i++)
        g_assert_cmpstr (g_ptr_array_index (nicks, i), ==, g_ptr_array_index (accepted, i));
    }
  sqlite3_close (db);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enums/nicks-round-trip", test_round_trip);
  g_test_add_func ("/enums/schema-accepts-every-nick", test_schema_accepts_every_nick);
  g_test_add_func ("/enums/unknown-word-labels", test_unknown_word_labels);
  return g_test_run ();
}
