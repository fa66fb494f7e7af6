/* sb-scan-loader.h — reading pictures of postcards: check, orient, fingerprint, thumbnail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "sb-records.h"

G_BEGIN_DECLS

#define SB_SCAN_ERROR (sb_scan_error_quark ())

/**
 * SbScanError:
 * @SB_SCAN_ERROR_NOT_IMAGE: not a JPEG, PNG, WebP or TIFF picture
 * @SB_SCAN_ERROR_TOO_LARGE: more than 40 megapixels, a file over 100 MB, or too
 *   slow to read
 * @SB_SCAN_ERROR_DAMAGED: truncated or corrupt
 * @SB_SCAN_ERROR_UNREADABLE: the file cannot be read
 */
typedef enum
{
  SB_SCAN_ERROR_NOT_IMAGE,
  SB_SCAN_ERROR_TOO_LARGE,
  SB_SCAN_ERROR_DAMAGED,
  SB_SCAN_ERROR_UNREADABLE,
} SbScanError;

#define SB_SCAN_MAX_FILE_BYTES (100 * 1024 * 1024)
/* A 40-megapixel JPEG reads in about a second here: ten times that is not a scan. */
#define SB_SCAN_MAX_SECONDS 10
#define SB_SCAN_THUMBNAIL_SIZE 256

GQuark     sb_scan_error_quark      (void);

SbScan    *sb_scan_load_bytes       (GBytes               *bytes,
                                     const char           *name,
                                     GError              **error);
SbScan    *sb_scan_load_file        (GFile                *file,
                                     GCancellable         *cancellable,
                                     GError              **error);
void       sb_scan_load_file_async  (GFile                *file,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
SbScan    *sb_scan_load_file_finish (GAsyncResult         *result,
                                     GError              **error);

GdkPixbuf *sb_scan_decode           (GBytes               *image,
                                     GError              **error);
void       sb_scan_decode_async     (GBytes               *image,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GdkPixbuf *sb_scan_decode_finish    (GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
