/* fuzz-campaign-open.c — libFuzzer target for opening a campaign file from elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build against the whole library: replayed in the test suite,
 * a libFuzzer program with -Dfuzzing=true (tests/fuzz/run.sh). A file from another
 * office may be damaged or made to harm: it is written to disk as it came and opened as
 * a campaign, read-only. It must be refused with a GError of the store or core, or
 * opened; an opened file must then give its figures, its message list and a check
 * (problems or none), or errors: never a crash, a leak or a hang.
 */

#include <glib/gstdio.h>

#include "sb-campaign.h"
#include "sb-stats.h"
#include "sb-store-error.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *path;

static void
remove_file_and_sidecars (void)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", "-open" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static gboolean
expected_error (const GError *error)
{
  return error != NULL && (error->domain == SB_STORE_ERROR || error->domain == SB_CORE_ERROR);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbStats) stats = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("sambot-fuzz-open-XXXXXX", NULL);

      g_assert (dir != NULL);
      path = g_build_filename (dir, "from-another-office.sambot", NULL);
    }
  remove_file_and_sidecars ();
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));

  campaign = sb_campaign_open (path, TRUE, &error);
  if (campaign == NULL)
    {
      g_assert (expected_error (error));
      return 0;
    }

  stats = sb_campaign_get_stats (campaign, "2016-10-10", &error);
  g_assert (stats != NULL || expected_error (error));
  g_clear_error (&error);
  ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_assert (ids != NULL || expected_error (error));
  g_clear_error (&error);
  for (guint i = 0; ids != NULL && i < MIN (ids->len, 20); i++)
    {
      g_autoptr(SbMessage) message = sb_campaign_get_message (campaign,
                                                              g_ptr_array_index (ids, i), &error);

      g_assert (message != NULL || expected_error (error));
      g_clear_error (&error);
    }
  if (sb_campaign_check (campaign, &problems, &error))
    for (guint i = 0; i < problems->len; i++)
      g_assert (g_utf8_validate (g_ptr_array_index (problems, i), -1, NULL));
  else
    g_assert (expected_error (error));
  sb_campaign_close (campaign);
  return 0;
}
