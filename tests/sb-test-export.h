/* sb-test-export.h — a long web-form export, written by the test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* Writes @n_rows distinct messages for Sokha, in English and Khmer, to
 * @dir/big.csv: long enough to cancel an import half-way, or to make it spill
 * into the campaign's journal.
 *
 * Returns: (transfer full): the file's path */
static inline char *
sb_test_write_export (const char *dir,
                      guint       n_rows)
{
  g_autoptr(GString) text = g_string_new ("Timestamp,Name,Message,To\r\n");
  char *path = g_build_filename (dir, "big.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "2016-08-%02u 10:00:%02u,Sender %u,\"Message number %u, "
                            "សូមឱ្យមានសុខភាពល្អ\",Sokha\r\n", 1 + i % 28, i % 60, i, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return path;
}
