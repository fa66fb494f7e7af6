/* sb-names.h — people and places named in the interface language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-records.h"

G_BEGIN_DECLS

const char *sb_interface_language (void);
const char *sb_detainee_get_name  (const SbDetainee *detainee);
const char *sb_facility_get_name  (const SbFacility *facility);

G_END_DECLS
