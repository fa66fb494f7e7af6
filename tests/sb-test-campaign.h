/* sb-test-campaign.h — a campaign in a temporary folder, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "sb-campaign.h"
#include "sb-test.h"

/* The five of the #Freethe5KH campaign, as the import corpus names them. */
static const char *const sb_test_detainees[][2] = {
  { "Ny Sokha", "នី សុខា" }, { "Yi Soksan", "យី សុខសាន្ត" }, { "Nay Vanda", "ណៃ វណ្ណដា" },
  { "Lim Mony", "លឹម មុន្នី" }, { "Ny Chakrya", "នី ចរិយា" },
};

/* For g_ptr_array_sort() of strings. */
static inline int
sb_test_compare_strings (gconstpointer a,
                         gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static inline void
sb_test_set (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Writes tests/migration/@name (a gzipped campaign file an older Sambot wrote, see
 * tests/migration/make-fixture.sh) to @path, readable by its owner only. */
static inline void
sb_test_unzip_fixture (const char *name,
                       const char *path)
{
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "migration", name, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (gz);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GConverter) gunzip = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  raw = G_INPUT_STREAM (g_file_read (source, NULL, &error));
  g_assert_no_error (error);
  gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  input = g_converter_input_stream_new (raw, gunzip);
  output = G_OUTPUT_STREAM (g_file_create (target, G_FILE_CREATE_PRIVATE, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_splice (output, input, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
}

/* A new campaign "#Freethe5KH" (office PP) at @dir/campaign.sambot, on 10 October 2016. */
static inline SbCampaign *
sb_test_campaign_new (const char  *dir_template,
                      char       **dir,
                      char       **path)
{
  g_autoptr(GError) error = NULL;
  SbCampaign *campaign;

  *dir = g_dir_make_tmp (dir_template, NULL);
  *path = g_build_filename (*dir, "campaign.sambot", NULL);
  campaign = sb_campaign_create (*path, "#Freethe5KH", "PP", &error);
  g_assert_no_error (error);
  sb_campaign_set_clock (campaign, "2016-10-10T08:00:00Z");
  return campaign;
}

/* Returns: (transfer full): the new detainee's id */
static inline char *
sb_test_add_detainee (SbCampaign *campaign,
                      const char *name_en,
                      const char *name_km)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();

  sb_test_set (&detainee->name_en, name_en);
  sb_test_set (&detainee->name_km, name_km);
  sb_test_set (&detainee->detained_on, "2016-04-28");
  g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
  return g_strdup (detainee->id);
}

static inline void
sb_test_add_detainees (SbCampaign *campaign)
{
  for (guint i = 0; i < G_N_ELEMENTS (sb_test_detainees); i++)
    g_free (sb_test_add_detainee (campaign, sb_test_detainees[i][0], sb_test_detainees[i][1]));
}

static inline guint
sb_test_count_messages (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* Returns: (transfer full): the message with this text; fails the test if none */
static inline SbMessage *
sb_test_find_message (SbCampaign *campaign,
                      const char *text)
{
  g_autoptr(GPtrArray) ids = sb_campaign_list_message_ids (campaign, NULL, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      SbMessage *message = sb_campaign_get_message (campaign, ids->pdata[i], NULL);

      if (g_str_equal (message->original_text, text))
        return message;
      sb_message_free (message);
    }
  g_error ("no message “%s”", text);
}

/* Closes @campaign and removes the folder with everything in it. */
static inline void
sb_test_campaign_free (SbCampaign *campaign,
                       const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  sb_campaign_close (campaign);
  g_object_unref (campaign);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}
