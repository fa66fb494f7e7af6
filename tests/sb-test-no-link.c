/* sb-test-no-link.c — preloaded by tests/test-update.c: a file system without hard
 * links (FAT on a USB stick, some network shares), where link() always fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <unistd.h>

int
link (const char *from,
      const char *to)
{
  (void) from;
  (void) to;
  errno = EPERM;
  return -1;
}
