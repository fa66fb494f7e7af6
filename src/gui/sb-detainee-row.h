/* sb-detainee-row.h — one detainee in the Detainees list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_DETAINEE_ROW (sb_detainee_row_get_type ())

G_DECLARE_FINAL_TYPE (SbDetaineeRow, sb_detainee_row, SB, DETAINEE_ROW, GtkListBoxRow)

GtkWidget        *sb_detainee_row_new          (const SbDetainee      *detainee,
                                                const char            *facility_name,
                                                const SbDetaineeStats *stats);
const SbDetainee *sb_detainee_row_get_detainee (SbDetaineeRow         *self);

G_END_DECLS
