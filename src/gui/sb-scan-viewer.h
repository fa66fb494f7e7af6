/* sb-scan-viewer.h — the picture of a postcard beside the form: zoom, rotate, pan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_TYPE_SCAN_VIEWER (sb_scan_viewer_get_type ())
G_DECLARE_FINAL_TYPE (SbScanViewer, sb_scan_viewer, SB, SCAN_VIEWER, GtkWidget)

GtkWidget  *sb_scan_viewer_new          (void);
void        sb_scan_viewer_show_message (SbScanViewer *self,
                                         SbCampaign   *campaign,
                                         const char   *message_id);
const char *sb_scan_viewer_get_side     (SbScanViewer *self);
void        sb_scan_viewer_zoom_in      (SbScanViewer *self);
void        sb_scan_viewer_zoom_out     (SbScanViewer *self);
void        sb_scan_viewer_zoom_fit     (SbScanViewer *self);
void        sb_scan_viewer_set_zoom_actual (SbScanViewer *self);
void        sb_scan_viewer_rotate       (SbScanViewer *self);
gboolean    sb_scan_viewer_is_loaded    (SbScanViewer *self);

G_END_DECLS
