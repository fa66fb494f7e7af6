/* sb-store-invitation.h — a campaign's snapshot for a new replica, sealed with a
 * passphrase (docs/exchange.md, "Invitations")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What an invitation says of the replica it makes: campaign id, replica id, office
 * code, letter. */
#define SB_INVITATION_IDENTITY_TYPE "(ssss)"

gboolean    sb_invitation_write          (const char    *path,
                                          GVariant      *identity,
                                          const char    *snapshot,
                                          const char    *passphrase,
                                          GError       **error);
GVariant   *sb_invitation_read           (const char    *path,
                                          const char    *passphrase,
                                          const char    *snapshot,
                                          GError       **error);

G_END_DECLS
