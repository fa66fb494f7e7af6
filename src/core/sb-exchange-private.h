/* sb-exchange-private.h — shared by sb-campaign-exchange.c and
 * sb-campaign-exchange-folder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-exchange.h"
#include "sb-campaign-private.h"
#include "sb-store-bundle.h"

G_BEGIN_DECLS

/* This replica's own state (never shipped), in its exchange_replica table. */
#define SB_EXCHANGE_CAMPAIGN_ID "campaign-id"
#define SB_EXCHANGE_KEY         "exchange-key"     /* base64 */
#define SB_EXCHANGE_SECRET_KEY  "secret-key"       /* base64: Ed25519, signs its bundles */
#define SB_EXCHANGE_LETTER      "letter"
#define SB_EXCHANGE_OFFICE_CODE "office-code"
#define SB_EXCHANGE_FOLDER      "exchange-folder"
#define SB_EXCHANGE_LAST_SENT   "last-sent"        /* when it last wrote to the folder */
#define SB_EXCHANGE_SENT_SEQ    "sent-seq"         /* its last change written there */
#define SB_EXCHANGE_RETIRED     "retired:"         /* + another replica's id: when this
                                                       one stopped waiting for it */
#define SB_EXCHANGE_HANDED_SEQ  "handed-seq"       /* its last change in the copy an
                                                       invitation carried */
#define SB_EXCHANGE_REWRITTEN_FROM "rewritten-from" /* its changes rewritten since they were
                                                       written there (a sender erased:
                                                       src/store/sb-store-changes-forget.c) */
#define SB_EXCHANGE_REMOVED_TO  "removed-to"       /* its bundles up to this change were
                                                       removed from the folder, every
                                                       office having them */

/* How long a replica's bundles stay in the folder after every office has applied
 * them: longer than the daily backups kept (src/core/sb-backup.h), so that a
 * restored backup takes its later changes back (sb-campaign-exchange-acks.c). */
#define SB_EXCHANGE_KEEP_DAYS   30

/* A bundle in the exchange folder, by its name:
 * <campaign-id>.<origin>.<first>-<last>.sbx (docs/exchange.md). */
typedef struct
{
  char   *path;
  char   *origin;
  gint64  first;
  gint64  last;
} SbBundleFile;

/* One exchange through a folder (sb-campaign-exchange-folder.c). */
typedef struct
{
  SbStore    *store;
  char       *self_id;
  char       *campaign_id;
  char       *folder;
  guint8      key[SB_BUNDLE_KEY_BYTES];
  guint8      secret_key[SB_BUNDLE_SECRET_KEY_BYTES];
  GPtrArray  *replicas;         /* SbStoreReplica */
  GHashTable *public_keys;      /* origin → GBytes */
  SbCheckProgress progress;
  gpointer    progress_data;
} SbExchangeRun;

void       _sb_bundle_file_free     (SbBundleFile  *file);
GPtrArray *_sb_exchange_scan_folder (const char    *folder,
                                     const char    *campaign_id,
                                     guint         *n_foreign,
                                     GError       **error);
char      *_sb_exchange_describe_replica (GPtrArray  *replicas,
                                          const char *origin);

/* sb-campaign-exchange.c */
gboolean   _sb_campaign_ensure_replica (SbCampaign  *self,
                                        GError     **error);
char      *_sb_exchange_next_letter    (GPtrArray   *rows,
                                        const char  *inviter);

/* sb-campaign-exchange-own.c */
gint64     _sb_exchange_get_seq        (SbStore           *store,
                                        const char        *key);
gboolean   _sb_exchange_rewrite_own    (SbExchangeRun     *exchange,
                                        GPtrArray         *files,
                                        GError           **error);
gboolean   _sb_exchange_take_own       (SbExchangeRun     *exchange,
                                        GPtrArray         *files,
                                        SbExchangeReport  *report,
                                        gboolean          *waiting,
                                        GError           **error);

/* sb-campaign-exchange-acks.c */
gboolean    _sb_exchange_is_retired       (SbStore        *store,
                                           const char     *replica_id);
gboolean    _sb_exchange_write_ack        (SbExchangeRun  *exchange,
                                           GError        **error);
GHashTable *_sb_exchange_read_acks        (SbExchangeRun  *exchange);
gboolean    _sb_exchange_check_not_behind (SbExchangeRun  *exchange,
                                           GPtrArray      *files,
                                           GError        **error);
gboolean    _sb_exchange_remove_old       (SbExchangeRun  *exchange,
                                           GPtrArray      *files,
                                           guint          *removed,
                                           GError        **error);

/* sb-campaign-exchange-receive.c */
gboolean   _sb_exchange_receive_changes (SbExchangeRun     *exchange,
                                         GPtrArray         *files,
                                         SbExchangeReport  *report,
                                         GCancellable      *cancellable,
                                         GError           **error);

/* sb-campaign-exchange-folder.c */
gboolean   _sb_exchange_load_replicas  (SbExchangeRun     *exchange,
                                        GError           **error);
void       _sb_exchange_add_line       (char             **text,
                                        const char        *line);
void       _sb_exchange_refuse         (SbExchangeReport  *report,
                                        const char        *why);
gboolean   _sb_exchange_write_bundle   (const char        *path,
                                        GBytes            *bytes,
                                        GError           **error);
GPtrArray *_sb_exchange_read_file      (SbExchangeRun     *exchange,
                                        SbBundleFile      *file,
                                        GError           **error);
gboolean   _sb_campaign_exchange_full  (SbCampaign        *self,
                                        const char        *folder,
                                        gboolean           send,
                                        gboolean           receive,
                                        SbCheckProgress    progress,
                                        gpointer           progress_data,
                                        SbExchangeReport  *report,
                                        GCancellable      *cancellable,
                                        GError           **error);

G_END_DECLS
