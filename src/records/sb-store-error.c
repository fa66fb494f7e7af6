/* sb-store-error.c — the error domain of the campaign file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-store-error.h"

G_DEFINE_QUARK (sb-store-error-quark, sb_store_error)
