/* sb-store-bundle.h — a replica's changes as a file another office can trust
 * (docs/exchange.md, "Bundle format")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-store-changes.h"

G_BEGIN_DECLS

#define SB_BUNDLE_KEY_BYTES         32   /* the campaign's exchange key */
#define SB_BUNDLE_SECRET_KEY_BYTES  64   /* a replica's Ed25519 signing key */
#define SB_BUNDLE_PUBLIC_KEY_BYTES  32

/* The layout of the replicated tables (their columns, and history's, and how their
 * values are kept) that a bundle's changesets are written in. A migration that
 * changes one of them moves it on: tests/test-exchange-versions.c lists the
 * columns and fails when they change. A bundle of a newer layout, or one older
 * than SB_BUNDLE_OLDEST_LAYOUT, waits in the folder, unapplied: SQLite would skip,
 * without a word, the rows of a table whose columns it does not know.
 *
 *   1  until schema 12
 *   2  schema 13: the same columns, a message's texts packed (SCSU,
 *      src/store/sb-store-texts.c), which a Sambot of layout 1 would show as
 *      bytes. Layout 1 is still applied: its texts are packed as they arrive
 *      (sb-store-changes-apply.c). */
#define SB_BUNDLE_LAYOUT            2
#define SB_BUNDLE_OLDEST_LAYOUT     1

gboolean    sb_bundle_init               (GError       **error);
void        sb_bundle_forget             (gpointer       secret,
                                          gsize          size);
void        sb_bundle_new_campaign_key   (guint8         key[SB_BUNDLE_KEY_BYTES]);
void        sb_bundle_new_signing_keys   (guint8         public_key[SB_BUNDLE_PUBLIC_KEY_BYTES],
                                          guint8         secret_key[SB_BUNDLE_SECRET_KEY_BYTES]);
GBytes     *sb_bundle_write              (const char    *campaign_id,
                                          const guint8   key[SB_BUNDLE_KEY_BYTES],
                                          const guint8   secret_key[SB_BUNDLE_SECRET_KEY_BYTES],
                                          GPtrArray     *changes,
                                          GError       **error);
GPtrArray  *sb_bundle_read               (GBytes        *bundle,
                                          const char    *name,
                                          const char    *campaign_id,
                                          const guint8   key[SB_BUNDLE_KEY_BYTES],
                                          GHashTable    *public_keys,
                                          GError       **error);

void        _sb_bundle_set_layout_for_tests (int          layout);

G_END_DECLS
