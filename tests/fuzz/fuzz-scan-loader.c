/* fuzz-scan-loader.c — libFuzzer target for reading a picture of a postcard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build: replayed in the test suite, a libFuzzer program with
 * -Dfuzzing=true (tests/fuzz/run.sh).
 * Any input must give a scan or a GError of SB_SCAN_ERROR, never a crash, a leak or
 * a hang; a scan is one of the four kinds, within the size limits, with a thumbnail.
 */

#include <string.h>

#include "sb-scan-loader.h"
#include "sb-scans.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char *const kinds[] = { "image/jpeg", "image/png", "image/webp", "image/tiff", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  SbScan *scan = sb_scan_load_bytes (bytes, "fuzz.jpg", &error);

  if (scan == NULL)
    {
      g_assert (error != NULL && error->domain == SB_SCAN_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);
  g_assert (g_strv_contains (kinds, scan->mime_type));
  g_assert (scan->width > 0 && scan->height > 0);
  g_assert ((gint64) scan->width * scan->height <= SB_SCAN_MAX_PIXELS);
  g_assert (strlen (scan->sha256) == 64);
  g_assert (scan->thumbnail != NULL);
  sb_scan_free (scan);
  return 0;
}
