/* main.c — the sambot executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

int
main (int   argc,
      char *argv[])
{
  return 0;
}
