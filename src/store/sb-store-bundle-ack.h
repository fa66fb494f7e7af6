/* sb-store-bundle-ack.h — what a replica has received, as a file the others can
 * trust (docs/exchange.md, "Old bundles")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-store-bundle.h"

G_BEGIN_DECLS

typedef struct
{
  char       *origin;    /* the replica that wrote it */
  gint64      head;      /* its own last change in the folder when it wrote it */
  GHashTable *received;  /* origin → gint64 *: the last change applied of each */
} SbBundleAck;

void         sb_bundle_ack_free     (SbBundleAck   *ack);
gint64       sb_bundle_ack_received (SbBundleAck   *ack,
                                     const char    *origin);
GBytes      *sb_bundle_write_ack    (const char    *campaign_id,
                                     const guint8   secret_key[SB_BUNDLE_SECRET_KEY_BYTES],
                                     SbBundleAck   *ack);
SbBundleAck *sb_bundle_read_ack     (GBytes        *bytes,
                                     const char    *name,
                                     const char    *campaign_id,
                                     GHashTable    *public_keys,
                                     GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBundleAck, sb_bundle_ack_free)

G_END_DECLS
