/* sb-store-changes-private.h — shared by sb-store-changes.c and
 * sb-store-changes-apply.c, which include sqlite3.h with the session API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#ifndef SQLITE_ENABLE_SESSION
#error "define SQLITE_ENABLE_SESSION and SQLITE_ENABLE_PREUPDATE_HOOK before any include"
#endif

#include "sb-store-private.h"
#include "sb-store-changes.h"

G_BEGIN_DECLS

/* The exchange's state of an open replica (SbStore.changes). */
struct _SbStoreChanges
{
  sqlite3_session *session;     /* the replicated tables since the last commit */
  char            *replica_id;
  gboolean         replaying;   /* sb_exchange_replaying (): a change is applied */
};

/* sb-store-changes.c */
gboolean  _sb_store_changes_start_session (SbStore     *self,
                                           GError     **error);
char     *_sb_store_changes_get_value     (SbStore     *self,
                                           const char  *key);
gboolean  _sb_store_changes_set_value     (SbStore     *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);

G_END_DECLS
