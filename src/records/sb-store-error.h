/* sb-store-error.h — what can go wrong with a campaign file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_STORE_ERROR (sb_store_error_quark ())

/**
 * SbStoreError:
 * @SB_STORE_ERROR_FAILED: anything else (the message says what)
 * @SB_STORE_ERROR_NOT_FOUND: the file, or a row the caller named, does not exist
 * @SB_STORE_ERROR_EXISTS: a file that should be new already exists
 * @SB_STORE_ERROR_NOT_CAMPAIGN: the file is not a Sambot campaign
 * @SB_STORE_ERROR_CORRUPT: the file is damaged
 * @SB_STORE_ERROR_NEWER_VERSION: the file was written by a newer Sambot
 * @SB_STORE_ERROR_READ_ONLY: the file or its folder cannot be written
 * @SB_STORE_ERROR_LOCKED: another program is changing the file
 * @SB_STORE_ERROR_NO_SPACE: the disk is full
 * @SB_STORE_ERROR_CONSTRAINT: the change breaks a rule of the campaign (duplicate code…)
 * @SB_STORE_ERROR_PASSPHRASE: the passphrase does not open the invitation
 * @SB_STORE_ERROR_FORKED: two copies of one replica made different changes under the
 *   same numbers (docs/exchange.md, "Backups and copies of a replica")
 * @SB_STORE_ERROR_OLDER_VERSION: an exchange file written by an older Sambot that this
 *   one cannot apply
 */
typedef enum
{
  SB_STORE_ERROR_FAILED,
  SB_STORE_ERROR_NOT_FOUND,
  SB_STORE_ERROR_EXISTS,
  SB_STORE_ERROR_NOT_CAMPAIGN,
  SB_STORE_ERROR_CORRUPT,
  SB_STORE_ERROR_NEWER_VERSION,
  SB_STORE_ERROR_READ_ONLY,
  SB_STORE_ERROR_LOCKED,
  SB_STORE_ERROR_NO_SPACE,
  SB_STORE_ERROR_CONSTRAINT,
  SB_STORE_ERROR_PASSPHRASE,
  SB_STORE_ERROR_FORKED,
  SB_STORE_ERROR_OLDER_VERSION,
} SbStoreError;

GQuark sb_store_error_quark (void);

G_END_DECLS
