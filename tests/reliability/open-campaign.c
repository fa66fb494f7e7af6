/* open-campaign.c — opens a campaign file as the app does, and says what happened
 *
 *   open-campaign FILE
 *
 * Calls sb_campaign_open(), the function the window opens a campaign with
 * (src/gui/sb-window.c), in this process: exit 0 and "opened" when the file opens,
 * exit 1 and the error's message (one line) when it is refused. Used by
 * tests/reliability/test_bad_files.py, so that a crash in the open function itself
 * (or, in a sanitizer build, a bad read) shows up as a signal, not as a refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "sb-campaign.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      fprintf (stderr, "usage: open-campaign FILE\n");
      return 2;
    }
  campaign = sb_campaign_open (argv[1], FALSE, &error);
  if (campaign == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  sb_campaign_close (campaign);
  printf ("opened\n");
  return 0;
}
