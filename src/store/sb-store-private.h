/* sb-store-private.h — shared between the files of SbStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sb-store.h"

G_BEGIN_DECLS

/* The history rows about the record whose id is ?1, as the index history_subject
 * finds them: the entries' subject is the part of the id before ':'
 * (migrations/0012-history-entries.sql), kept as sb_id () keeps it (0015), or as
 * written by a program that kept it otherwise. Always written this way. */
#define SB_HISTORY_SUBJECT_OF \
  "(CASE WHEN instr (?1, ':') > 0 THEN substr (?1, 1, instr (?1, ':') - 1) ELSE ?1 END)"
#define SB_HISTORY_OF_ENTITY \
  "subject IN (sb_id " SB_HISTORY_SUBJECT_OF ", " SB_HISTORY_SUBJECT_OF ") AND entity_id = ?1"
/* The id of the last history row, or 0. */
#define SB_HISTORY_LAST_ID "SELECT coalesce (max (id), 0) FROM history_changes"

/* Shared by sb-store.c, sb-store-statements.c and sb-store-backup.c. */
typedef struct _SbStoreListCache SbStoreListCache;
typedef struct _SbStoreChanges SbStoreChanges;
typedef struct _SbStoreBulk SbStoreBulk;

struct _SbStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *operator_name;
  char       *fixed_now;
  GHashTable *statements;
  int         schema_version;
  guint       depth;
  gint64      fts_pending_from;   /* first message rowid not indexed yet, or 0 */
  gint64      now_second;         /* sb_now (): the second last formatted… */
  char        now_text[24];       /* …and its text */
  char       *erasing_id;         /* sb_erasing (): the message being erased, or NULL */
  char       *key_memo;           /* sb_message_key (): the last key made… */
  char       *key_memo_ref;       /* …from this reference… */
  char       *key_memo_all;       /* …and these texts, joined */
  GHashTable *key_hints;          /* rowid → content keys made by the caller (bulk) */
  guint       n_deferred;         /* messages waiting for the search index */
  guint       n_hints_taken;      /* of which the caller's key was used */
  guint       read_only : 1;
  guint       read_only_reason : 2;  /* SbStoreReadOnlyReason */
  guint       immutable : 1;         /* opened as ?immutable=1: no -shm can be made */
  guint       sort_keys_stale : 1;  /* made by another ICU: sort with the collation */
  guint       commit_failed : 1;    /* and rolled back: the caller's rollback is done */
  guint       list_sql_only : 1;    /* the message list in SQL only (tests) */
  SbStoreListCache *list_cache;     /* sb-store-message-filters.c */
  SbStoreChanges *changes;          /* sb-store-changes.c: NULL unless a replica */
  SbStoreBulk *bulk;                /* sb-store-bulk.c: NULL unless in a bulk transaction */
};


sqlite3_stmt *_sb_store_prepare       (SbStore     *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      _sb_store_step_done     (SbStore      *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
gboolean      _sb_store_set_error     (SbStore     *self,
                                       int          rc,
                                       GError     **error);
sqlite3      *_sb_store_get_db        (SbStore     *self);
char         *_sb_store_display_name  (const char  *path);
gboolean      _sb_store_exec          (SbStore     *self,
                                       const char  *sql,
                                       GError     **error);
gint64        _sb_store_pragma_int    (SbStore     *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      _sb_store_erase_sender_history (SbStore     *self,
                                              const char  *message_id,
                                              GError     **error);
gboolean      _sb_store_flush_search_index (SbStore  *self,
                                            GError  **error);
void          _sb_store_defer_search  (SbStore     *self,
                                       gint64       rowid);
const char   *_sb_store_now           (SbStore     *self);

/* sb-store-bulk.c */
gboolean      _sb_store_bulk_add_message (SbStore          *self,
                                          gint64            rowid,
                                          const SbMessage  *message,
                                          GError          **error);
gboolean      _sb_store_bulk_add_copy    (SbStore          *self,
                                          const SbCopy     *copy,
                                          GError          **error);
gboolean      _sb_store_bulk_finish      (SbStore          *self,
                                          GError          **error);
void          _sb_store_bulk_forget      (SbStore          *self);

/* sb-store-vfs.c: counting the pages a check reads. */
typedef gboolean (*SbStoreReadWatch) (gpointer data);

void          _sb_store_vfs_register    (void);
void          _sb_store_vfs_watch_reads (SbStoreReadWatch  func,
                                         gpointer          data);
/* sb-store-message-filters.c: the message list from indexes, kept until a change. */
GArray       *_sb_store_query_message_rowids_fast (SbStore                   *self,
                                                   const SbStoreMessageQuery *query,
                                                   GError                   **error);
void          _sb_store_list_cache_free           (SbStoreListCache          *cache);
void          _sb_store_set_list_fast             (SbStore                   *self,
                                                   gboolean                   fast);

/* "Samb": written in the header of every campaign file, so that any other SQLite
 * file is recognised as "not a campaign" before anything is changed. */
#define SB_STORE_APPLICATION_ID 0x53616d62

/* sb-store.c: the store's connection to its file, with Sambot's SQL functions */
gboolean      _sb_store_open_connection  (SbStore     *self,
                                          int          flags,
                                          GError     **error);
void          _sb_store_close_connection (SbStore     *self);

/* sb-store-migrate.c: from the file's schema version up to this Sambot's */
double        _sb_store_update_cost   (SbStore               *self);
gboolean      _sb_store_migrate       (SbStore               *self,
                                       const char            *into,
                                       gboolean              *written_into,
                                       SbStoreUpdateProgress  progress,
                                       gpointer               user_data,
                                       GError               **error);

gboolean      _sb_store_header_is_older (const char          *path);

/* sb-store.c: a store not yet open, and a connection set up for writing */
SbStore      *_sb_store_new           (const char            *path);
gboolean      _sb_store_configure_connection (SbStore        *self,
                                              GError        **error);

/* sb-store-update.c: an older file updated on a copy, then put in its place */
gboolean      _sb_store_lock_for_update (const char          *path,
                                         int                 *lock,
                                         GError             **error);
gboolean      _sb_store_update        (SbStore               *self,
                                       SbStoreUpdateProgress  progress,
                                       gpointer               user_data,
                                       GError               **error);

gboolean      _sb_store_refresh_keys  (SbStore               *self,
                                       SbStoreUpdateProgress  progress,
                                       gpointer               user_data,
                                       GError               **error);

/* sb-store-sort-keys.c: the rules' version stored keys were made with */
char         *_sb_store_get_key_version (SbStore     *self,
                                         const char  *name,
                                         GError     **error);
gboolean      _sb_store_stale_keys    (SbStore     *self,
                                       gboolean    *sort,
                                       gboolean    *search,
                                       GError     **error);

/* sb-store-erasure.c */
gboolean      _sb_store_register_erasure_functions (SbStore  *self,
                                                    GError  **error);

/* sb-store.c: a campaign file opened read-only to look at it (a backup, a copy):
 * ours and not newer, any older schema, not checked, never migrated. */
SbStore      *_sb_store_inspect_file  (const char  *path,
                                       GError     **error);

/* sb-store-backup.c */
gboolean      _sb_store_find_damage   (SbStore     *self,
                                       char       **damage,
                                       GError     **error);
gboolean      _sb_store_write_copy    (SbStore     *self,
                                       const char  *temporary,
                                       const char  *destination,
                                       gboolean     restoring,
                                       GError     **error);

/* sb-store-files.c */
gboolean      _sb_store_create_private_file (const char  *path,
                                             GError     **error);
gboolean      _sb_store_set_file_error (const char  *path,
                                        int          code,
                                        GError     **error);
gboolean      _sb_store_set_open_error (const char  *path,
                                        GError     **error);
char         *_sb_store_make_temporary (const char  *path,
                                        GError     **error);
void          _sb_store_remove_file    (const char  *path);
void          _sb_store_remove_sidecars (const char *path);
gboolean      _sb_store_lock_closed_file (const char  *path,
                                          int         *lock_fd,
                                          GError     **error);
gboolean      _sb_store_sync_file      (const char  *path,
                                        GError     **error);
void          _sb_store_sync_folder_of (const char  *path);

/* sb-store-search.c. A bulk transaction indexes what waits once this many
 * messages wait (sb_store_begin()), so the keys held meanwhile stay few. */
#define SB_STORE_DEFERRED_MAX 8192

gboolean      _sb_store_register_search_functions (SbStore  *self,
                                                   GError  **error);
gboolean      _sb_store_make_search_keys (SbStore  *self,
                                          GError  **error);
char         *_sb_store_search_match  (const char  *key,
                                       gboolean    *one_char);
void          _sb_store_hint_content_key (SbStore          *self,
                                          gint64            rowid,
                                          const SbMessage  *message,
                                          const char       *content_key);
void          _sb_store_forget_search_hints (SbStore *self);
gboolean      _sb_store_search_rowids (SbStore     *self,
                                       const char  *key,
                                       GArray      *rowids,
                                       GError     **error);

/* sb-store-changes.c: the outgoing log of a replica (docs/exchange.md). Every
 * hook but the first does nothing unless self->changes is set. */
gboolean      _sb_store_register_changes_functions (SbStore  *self,
                                                    GError  **error);
gboolean      _sb_store_changes_resume  (SbStore  *self,
                                         GError  **error);
void          _sb_store_changes_stop    (SbStore  *self);
gboolean      _sb_store_changes_log     (SbStore  *self,
                                         GError  **error);
void          _sb_store_changes_reset   (SbStore  *self);
void          _sb_store_changes_note_erasure (SbStore    *self,
                                              const char *message_id);   /* sb-store-changes-forget.c */
gboolean      _sb_store_conflicts_erase_sender (SbStore     *self,
                                                const char  *message_id,
                                                GError     **error);   /* sb-store-conflicts.c */
gboolean      _sb_store_changes_mark_history (SbStore  *self,
                                              GError  **error);

/* sb-store-sort-keys.c */
gboolean      _sb_store_register_sort_key_functions (SbStore  *self,
                                                     GError  **error);
gboolean      _sb_store_make_sort_keys (SbStore  *self,
                                        GError  **error);

void          _sb_bind_text           (sqlite3_stmt *stmt,
                                       int           index,
                                       const char   *text);
void          _sb_bind_text_or_null   (sqlite3_stmt *stmt,
                                       int           index,
                                       const char   *text);
char         *_sb_column_dup          (sqlite3_stmt *stmt,
                                       int           index);
char         *_sb_column_dup_or_null  (sqlite3_stmt *stmt,
                                       int           index);

/* sb-store-texts.c: a message's texts, packed (SCSU) when that is smaller */
void          _sb_bind_message_text   (sqlite3_stmt  *stmt,
                                       int            index,
                                       const char    *text);
char         *_sb_column_message_text (sqlite3_stmt  *stmt,
                                       int            index);
char         *_sb_value_message_text  (sqlite3_value *value);
gboolean      _sb_store_is_packed_column (const char *table,
                                          const char *column);
gboolean      _sb_store_register_text_functions (SbStore  *self,
                                                 GError  **error);

/* sb-store-ids.c: an id and a moment as the history keeps them (16 bytes for a
 * canonical UUID, seconds for a moment). */
void          _sb_bind_id             (sqlite3_stmt  *stmt,
                                       int            index,
                                       const char    *id);
char         *_sb_value_id            (sqlite3_value *value);
char         *_sb_column_id           (sqlite3_stmt  *stmt,
                                       int            index);
char         *_sb_column_moment       (sqlite3_stmt  *stmt,
                                       int            index);
gboolean      _sb_pack_moment         (const char    *text,
                                       gint64        *seconds);
gboolean      _sb_store_register_id_functions (SbStore  *self,
                                               GError  **error);

/* Reads the current row of a statement into a new record. */
typedef gpointer (*SbReadRow) (sqlite3_stmt *stmt);

/* @not_found: the whole sentence when there is no such record, with one %s for @key. */
gpointer      _sb_store_get_one       (SbStore        *self,
                                       const char     *sql,
                                       const char     *key,
                                       SbReadRow       read_row,
                                       const char     *not_found,
                                       GError        **error);
/* Steps @stmt, already bound, to its end, each row through @read_row; resets it. */
GPtrArray    *_sb_store_list_rows     (SbStore        *self,
                                       sqlite3_stmt   *stmt,
                                       SbReadRow       read_row,
                                       GDestroyNotify  free_func,
                                       GError        **error);
/* A row's first column as a new string: an SbReadRow for lists of ids. */
gpointer      _sb_read_text           (sqlite3_stmt   *stmt);
/* An SbCopy from its columns: id, message_id, detainee_id, state, attempts,
 * outcome_reason, delivered_on (sb-store-messages.c). */
gpointer      _sb_read_copy           (sqlite3_stmt   *stmt);
GPtrArray    *_sb_store_list_all      (SbStore        *self,
                                       const char     *sql,
                                       const char     *key,
                                       SbReadRow       read_row,
                                       GDestroyNotify  free_func,
                                       GError        **error);

G_END_DECLS
