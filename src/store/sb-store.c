/* sb-store.c — the campaign file: its connection, and a new one created (opening:
 * sb-store-open.c; updates: sb-store-update.c; transactions: sb-store-transactions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-store-private.h"
#include "sb-text.h"


G_DEFINE_FINAL_TYPE (SbStore, sb_store, G_TYPE_OBJECT)


/* ------------------------------------------------------------------------ */
/* SQL functions the schema's triggers use                                  */
/* ------------------------------------------------------------------------ */

/* The time of a change made now, as the history records it: the fixed clock if one
 * is set. Every history row asks, so the text is made once a second, not once a row. */
const char *
_sb_store_now (SbStore *self)
{
  gint64 second;

  if (self->fixed_now != NULL)
    return self->fixed_now;
  second = g_get_real_time () / G_USEC_PER_SEC;
  if (second != self->now_second)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (second);
      g_autofree char *text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

      g_strlcpy (self->now_text, text, sizeof self->now_text);
      self->now_second = second;
    }
  return self->now_text;
}

static void
sql_now (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  sqlite3_result_text (context, _sb_store_now (sqlite3_user_data (context)), -1,
                       SQLITE_TRANSIENT);
}

static void
sql_operator (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);

  sqlite3_result_text (context, self->operator_name ? self->operator_name : "", -1,
                       SQLITE_TRANSIENT);
}

/* Inside a transaction, the new message @rowid waits for the search index until
 * the commit. */
void
_sb_store_defer_search (SbStore *self,
                        gint64   rowid)
{
  g_return_if_fail (self->depth > 0);

  if (self->fts_pending_from == 0 || rowid < self->fts_pending_from)
    self->fts_pending_from = rowid;
  self->n_deferred++;
}

/* sb_fts_defer (rowid): _sb_store_defer_search() inside a transaction; returns
 * whether the message waits. */
static void
sql_fts_defer (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);

  if (self->depth == 0)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  _sb_store_defer_search (self, sqlite3_value_int64 (argv[0]));
  sqlite3_result_int (context, 1);
}

/* sb_fts_pending (rowid): is this message still waiting for the search index? */
static void
sql_fts_pending (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  SbStore *self = sqlite3_user_data (context);
  gint64 rowid = sqlite3_value_int64 (argv[0]);

  sqlite3_result_int (context, self->fts_pending_from > 0 && rowid >= self->fts_pending_from);
}

static int
collate_km (void       *user_data,
            int         a_len,
            const void *a,
            int         b_len,
            const void *b)
{
  return sb_text_collate_n (a, a_len, b, b_len, "km");
}

static gboolean
register_functions (SbStore  *self,
                    GError  **error)
{
  static const struct
  {
    const char *name;
    int         n_args;
    void      (*func) (sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "sb_now", 0, sql_now },
    { "sb_operator", 0, sql_operator },
    { "sb_fts_defer", 1, sql_fts_defer },
    { "sb_fts_pending", 1, sql_fts_pending },
  };
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    {
      rc = sqlite3_create_function_v2 (self->db, functions[i].name, functions[i].n_args,
                                       SQLITE_UTF8, self, functions[i].func, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        return _sb_store_set_error (self, rc, error);
    }
  rc = sqlite3_create_collation (self->db, "KM", SQLITE_UTF8, NULL, collate_km);
  if (rc != SQLITE_OK)
    return _sb_store_set_error (self, rc, error);
  return _sb_store_register_text_functions (self, error) &&
         _sb_store_register_id_functions (self, error) &&
         _sb_store_register_sort_key_functions (self, error) &&
         _sb_store_register_erasure_functions (self, error) &&
         _sb_store_register_changes_functions (self, error) &&
         _sb_store_register_search_functions (self, error);
}

/* ------------------------------------------------------------------------ */
/* Opening, checking, migrating                                             */
/* ------------------------------------------------------------------------ */

/* Once per process, before SQLite starts: Sambot never asks SQLite how much memory
 * it uses, and keeping that count takes a lock around every allocation (5% of a
 * large import). */
static gpointer
configure_sqlite (gpointer data)
{
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  _sb_store_vfs_register ();
  return NULL;
}

gboolean
_sb_store_open_connection (SbStore     *self,
                           int          flags,
                           GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  int rc;

  g_once (&once, configure_sqlite, NULL);
  if (self->immutable)
    {
      /* A WAL file needs a -shm file beside it, which a read-only folder cannot
       * hold: read the file as it is, without locks (SQLite's immutable URI). */
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", TRUE);
      g_autofree char *uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _sb_store_set_error (self, rc, error);
      sqlite3_close (self->db);
      self->db = NULL;
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 3000);
  if (!register_functions (self, error))
    {
      _sb_store_close_connection (self);
      return FALSE;
    }
  return TRUE;
}

void
_sb_store_close_connection (SbStore *self)
{
  _sb_store_changes_stop (self);
  if (self->bulk != NULL)
    _sb_store_bulk_forget (self);
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->list_cache, _sb_store_list_cache_free);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
}

gboolean
_sb_store_configure_connection (SbStore  *self,
                                GError  **error)
{
  /* A big page cache keeps a bulk transaction (an import: FTS and history pages
   * too) from spilling into the WAL before it commits; savepoint journals stay in
   * memory. No memory map: every page a read touched through it stayed in the
   * process's resident memory (1 GiB of it opening a 100,000-message campaign in the
   * app, 1.5 GB with the figures counted twice); the page cache bounds what a
   * connection holds to 64 MiB, for scans 10-35 % slower (bench/run.sh). */
  return _sb_store_exec (self, "PRAGMA journal_mode = WAL", error) &&
         _sb_store_exec (self, "PRAGMA synchronous = NORMAL", error) &&
         _sb_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         _sb_store_exec (self, "PRAGMA cache_size = -65536", error) &&
         _sb_store_exec (self, "PRAGMA temp_store = MEMORY", error) &&
         _sb_store_exec (self, "PRAGMA mmap_size = 0", error);
}

SbStore *
_sb_store_new (const char *path)
{
  SbStore *self = g_object_new (SB_TYPE_STORE, NULL);

  self->path = g_canonicalize_filename (path, NULL);
  return self;
}

/**
 * sb_store_create:
 * @path: where the new campaign file goes; must not exist yet
 *
 * Creates an empty campaign file with the newest schema, readable and writable
 * by its owner only (it will hold senders' private contacts).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
SbStore *
sb_store_create (const char  *path,
                 GError     **error)
{
  g_autoptr(SbStore) self = NULL;
  g_autofree char *app_id = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = _sb_store_new (path);
  /* Made private before SQLite opens it: its -wal and -shm take the same mode. */
  if (!_sb_store_create_private_file (self->path, error))
    return NULL;
  if (!_sb_store_open_connection (self, SQLITE_OPEN_READWRITE, error))
    {
      _sb_store_remove_file (self->path);
      return NULL;
    }

  app_id = g_strdup_printf ("PRAGMA application_id = %d", SB_STORE_APPLICATION_ID);
  if (!_sb_store_exec (self, app_id, error) || !_sb_store_configure_connection (self, error) ||
      !_sb_store_migrate (self, NULL, NULL, NULL, NULL, error) ||
      !_sb_store_exec (self, "DROP TABLE IF EXISTS temp.update_search_keys", error))
    {
      _sb_store_close_connection (self);
      _sb_store_remove_file (self->path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
sb_store_get_path (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->path;
}

int
sb_store_get_schema_version (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), 0);
  return self->schema_version;
}

gboolean
sb_store_is_read_only (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * sb_store_get_read_only_reason:
 *
 * Returns: why nothing can be changed: %SB_STORE_READ_ONLY_NO when it can be
 */
SbStoreReadOnlyReason
sb_store_get_read_only_reason (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), SB_STORE_READ_ONLY_ASKED);
  return self->read_only ? self->read_only_reason : SB_STORE_READ_ONLY_NO;
}

/**
 * sb_store_describe_read_only:
 *
 * Returns: (transfer full) (nullable): a sentence saying the file is read-only, why,
 *   and what to do; %NULL when it can be changed
 */
char *
sb_store_describe_read_only (SbStore *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  name = _sb_store_display_name (self->path);
  switch (sb_store_get_read_only_reason (self))
    {
    case SB_STORE_READ_ONLY_FOLDER:
      return g_strdup_printf (_("“%s” is read-only: it is in a folder you cannot write to. "
                                "Copy it somewhere you can write, and open the copy to make "
                                "changes."), name);
    case SB_STORE_READ_ONLY_FILE:
      return g_strdup_printf (_("“%s” is read-only: you may not change this file. Copy it "
                                "somewhere you can write, and open the copy to make changes."),
                              name);
    case SB_STORE_READ_ONLY_ASKED:
      return g_strdup_printf (_("“%s” is open read-only; nothing can be changed."), name);
    case SB_STORE_READ_ONLY_NO:
    default:
      return NULL;
    }
}

/**
 * sb_store_close:
 *
 * Checkpoints the write-ahead log into the file and closes it, so the campaign is
 * one self-contained file again. The store cannot be used afterwards.
 */
void
sb_store_close (SbStore *self)
{
  g_return_if_fail (SB_IS_STORE (self));

  if (self->db != NULL && !self->read_only)
    sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  _sb_store_close_connection (self);
}

/**
 * sb_store_set_operator:
 * @operator_name: (nullable): who is making changes; recorded in the history
 */
void
sb_store_set_operator (SbStore    *self,
                       const char *operator_name)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
}

/**
 * sb_store_set_clock:
 * @fixed_now: (nullable): a moment ("2016-10-10T09:00:00Z") recorded as the time of
 *   every change until reset with %NULL; for generated campaigns and tests
 */
void
sb_store_set_clock (SbStore    *self,
                    const char *fixed_now)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_free (self->fixed_now);
  self->fixed_now = g_strdup (fixed_now);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_store_finalize (GObject *object)
{
  SbStore *self = (SbStore *) object;

  _sb_store_close_connection (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->operator_name, g_free);
  g_clear_pointer (&self->fixed_now, g_free);
  g_clear_pointer (&self->erasing_id, g_free);
  g_clear_pointer (&self->key_memo, g_free);
  _sb_store_forget_search_hints (self);
  g_clear_pointer (&self->key_memo_ref, g_free);
  g_clear_pointer (&self->key_memo_all, g_free);

  G_OBJECT_CLASS (sb_store_parent_class)->finalize (object);
}

static void
sb_store_class_init (SbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_store_finalize;
}

static void
sb_store_init (SbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

/**
 * sb_store_now:
 *
 * Returns: (transfer full): the time of a change made now, as the history records
 *   it ("YYYY-MM-DDTHH:MM:SSZ"; the fixed clock if one is set)
 */
char *
sb_store_now (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return g_strdup (_sb_store_now (self));
}
