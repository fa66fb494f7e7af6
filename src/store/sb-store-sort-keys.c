/* sb-store-sort-keys.c — stored collation keys, so that sorting by name reads an index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sorting a million messages by sender with the KM collation calls ICU for every
 * comparison (seconds). Schema 4 keeps ICU's sort key of the sender's name in
 * messages.sender_sort_key, with an index: the same order, compared as bytes.
 * A key is only valid for the collator version that made it (ICU updates change
 * the Khmer rules), so the version is stored in sort_keys and checked at open.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include "sb-store-private.h"
#include "sb-text.h"

/* The locale of the KM collation (sb-store.c) and of every stored key. */
#define SORT_LOCALE "km"

/* sb_collation_key (text): the key of the KM collation, a blob; NULL for NULL. */
static void
sql_collation_key (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *text;
  guint8 *key;
  gsize key_len = 0;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  text = (const char *) sqlite3_value_text (argv[0]);
  key = sb_text_collation_key (text, sqlite3_value_bytes (argv[0]), SORT_LOCALE, &key_len);
  sqlite3_result_blob64 (context, key, key_len, g_free);
}

/* sb_collation_version (): what the keys made now are valid for. */
static void
sql_collation_version (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  sqlite3_result_text (context, sb_text_collation_version (SORT_LOCALE), -1, SQLITE_STATIC);
}

gboolean
_sb_store_register_sort_key_functions (SbStore  *self,
                                       GError  **error)
{
  /* Not SQLITE_DETERMINISTIC: the result changes with the ICU version, and nothing
   * may index the function itself (only its stored result). */
  int rc = sqlite3_create_function (self->db, "sb_collation_key", 1, SQLITE_UTF8, NULL,
                                    sql_collation_key, NULL, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->db, "sb_collation_version", 0, SQLITE_UTF8, NULL,
                                  sql_collation_version, NULL, NULL);
  return rc == SQLITE_OK || _sb_store_set_error (self, rc, error);
}

/**
 * _sb_store_get_key_version:
 * @name: the derived key's row in `sort_keys` ("messages.sender_sort_key",
 *   "message_search")
 *
 * Returns: (transfer full): the version of the rules the stored keys were made with,
 *   "" if none is recorded, or %NULL with @error set
 */
char *
_sb_store_get_key_version (SbStore     *self,
                           const char  *name,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  char *version = NULL;
  int rc;

  stmt = _sb_store_prepare (self, "SELECT collation FROM sort_keys WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  _sb_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = _sb_column_dup (stmt, 0);
  else if (rc == SQLITE_DONE)
    version = g_strdup ("");
  else
    _sb_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return version;
}

/**
 * _sb_store_stale_keys:
 * @sort: (out): whether the senders' sort keys were made by another collator
 * @search: (out): whether the search index was made under other key rules
 *
 * Both are derived under language rules that change with the system (ICU, GLib's
 * Unicode tables): after an upgrade, opening the file for writing makes them again.
 * Only for a file of this Sambot's schema (an older one is updated first, or refused
 * read-only).
 *
 * Returns: %FALSE with @error set if the file could not be read
 */
gboolean
_sb_store_stale_keys (SbStore   *self,
                      gboolean  *sort,
                      gboolean  *search,
                      GError   **error)
{
  g_autofree char *sort_version = NULL;
  g_autofree char *search_version = NULL;

  g_return_val_if_fail (self->schema_version == SB_STORE_SCHEMA_VERSION, FALSE);

  sort_version = _sb_store_get_key_version (self, "messages.sender_sort_key", error);
  search_version = sort_version ? _sb_store_get_key_version (self, "message_search", error) : NULL;
  if (search_version == NULL)
    return FALSE;
  *sort = !g_str_equal (sort_version, sb_text_collation_version (SORT_LOCALE));
  *search = !g_str_equal (search_version, sb_text_search_key_version ());
  return TRUE;
}

/**
 * _sb_store_make_sort_keys:
 *
 * Makes the senders' sort keys again with this ICU's collator (as the migration made
 * them: about a second at 100,000 messages), in its own transaction.
 */
gboolean
_sb_store_make_sort_keys (SbStore  *self,
                          GError  **error)
{
  g_info ("Sort keys were made by another collator, this is %s: making them again",
          sb_text_collation_version (SORT_LOCALE));
  if (!_sb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!_sb_store_exec (self, "UPDATE messages SET sender_sort_key = "
                             "sb_collation_key (sender_name)", error) ||
      !_sb_store_exec (self, "INSERT OR REPLACE INTO sort_keys (name, collation) "
                             "VALUES ('messages.sender_sort_key', sb_collation_version ())",
                       error) ||
      !_sb_store_exec (self, "COMMIT", error))
    {
      _sb_store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}
