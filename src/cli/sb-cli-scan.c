/* sb-cli-scan.c — sambot-cli scan: the pictures of a postcard, front and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-cli-private.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"

/* ================================================================ helpers */

static gboolean
check_side (SbCli      *cli,
            const char *side,
            int        *status)
{
  if (g_strcmp0 (side, "front") == 0 || g_strcmp0 (side, "back") == 0)
    return TRUE;
  *status = _sb_cli_usage (cli, _("The side is “front” or “back”, not “%s”"), side);
  return FALSE;
}

static const char *
describe_side (const char *side)
{
  return g_strcmp0 (side, "back") == 0 ? _("back") : _("front");
}

static const char *
extension (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "png";
  if (g_strcmp0 (mime_type, "image/webp") == 0)
    return "webp";
  if (g_strcmp0 (mime_type, "image/tiff") == 0)
    return "tif";
  return "jpg";
}

static const char *
describe_kind (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "PNG";
  if (g_strcmp0 (mime_type, "image/webp") == 0)
    return "WebP";
  if (g_strcmp0 (mime_type, "image/tiff") == 0)
    return "TIFF";
  return "JPEG";
}

static SbScan *
find_side (GPtrArray  *scans,
           const char *side)
{
  for (guint i = 0; i < scans->len; i++)
    {
      SbScan *scan = g_ptr_array_index (scans, i);

      if (g_str_equal (scan->side, side))
        return scan;
    }
  return NULL;
}

/* The scan is a picture of a card someone wrote: readable by its owner only. */
static gboolean
write_private_file (const char  *path,
                    GBytes      *image,
                    GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (image, &size);
  g_autofree char *existing = NULL;
  gsize existing_size = 0;

  if (g_file_get_contents (path, &existing, &existing_size, NULL))
    {
      g_autofree char *name = g_filename_display_name (path);

      if (existing_size == size && memcmp (existing, data, size) == 0)
        return TRUE;
      g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                   _("“%s” already exists and is another picture: export into an empty "
                     "folder, or move that file away"), name);
      return FALSE;
    }
  return g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

/* ================================================================ commands */

int
_sb_cli_scan_add (SbCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *side = NULL;
  const GOptionEntry entries[] = {
    { "side", 's', 0, G_OPTION_ARG_STRING, &side,
      N_("Which side of the card the picture shows: front (the default) or back"),
      N_("SIDE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(SbScan) scan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF FILE"),
                      N_("Keeps a picture of a postcard (JPEG, PNG, WebP or TIFF, up to 40 "
                         "megapixels) with its message, in place of the one that side had."),
                      entries, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 2, 2, _("Missing the message (REF) and the "
                                                           "picture (FILE)"), &status)
      || !check_side (cli, side ? side : "front", &status))
    return status;

  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  file = g_file_new_for_commandline_arg (argv[2]);
  scan = sb_scan_load_file (file, NULL, &error);
  if (scan == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  scan->message_id = g_strdup (message->id);
  scan->side = g_strdup (side ? side : "front");
  if (!sb_campaign_add_scan (campaign, scan, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  /* TRANSLATORS: "Kept the front of PP-0042 (JPEG, 1200 × 800 pixels)" */
  g_print (g_str_equal (scan->side, "back") ? _("Kept the back of %s (%s, %d × %d pixels)\n")
                                            : _("Kept the front of %s (%s, %d × %d pixels)\n"),
           message->ref, describe_kind (scan->mime_type), scan->width, scan->height);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_scan_list (SbCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SbCliTable) table = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF"), N_("Lists the pictures of a message's card."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 1, 1, _("Missing the message (REF)"),
                                   &status))
    return status;
  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL
      || (scans = sb_campaign_list_scans (campaign, message->id, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));

  table = _sb_cli_table_new (4, _("Side"), _("Kind"), _("Pixels"), _("Fingerprint (SHA-256)"));
  json_builder_begin_array (builder);
  for (guint i = 0; i < scans->len; i++)
    {
      SbScan *scan = g_ptr_array_index (scans, i);
      g_autofree char *pixels = g_strdup_printf ("%d × %d", scan->width, scan->height);

      _sb_cli_table_add (table, describe_side (scan->side), describe_kind (scan->mime_type),
                         pixels, scan->sha256);
      json_builder_begin_object (builder);
      _sb_cli_json_string (builder, "id", scan->id);
      _sb_cli_json_string (builder, "message", message->ref);
      _sb_cli_json_string (builder, "side", scan->side);
      _sb_cli_json_string (builder, "mime_type", scan->mime_type);
      _sb_cli_json_int (builder, "width", scan->width);
      _sb_cli_json_int (builder, "height", scan->height);
      _sb_cli_json_string (builder, "sha256", scan->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    _sb_cli_print_json (builder);
  else if (scans->len == 0)
    g_print (_("%s has no scans\n"), message->ref);
  else
    _sb_cli_table_print (table);
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_scan_export (SbCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!_sb_cli_parse (cli, _("REF FOLDER"),
                      N_("Writes the pictures of a message's card into a folder, as the files "
                         "they were received (REF-front.jpg, REF-back.jpg…), readable by you "
                         "only."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 2, 2, _("Missing the message (REF) and the "
                                                           "FOLDER"), &status))
    return status;
  campaign = _sb_cli_open (cli, TRUE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL
      || (scans = sb_campaign_list_scans (campaign, message->id, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  if (scans->len == 0)
    {
      g_set_error (&error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED, _("%s has no scans"), message->ref);
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }
  if (g_mkdir_with_parents (argv[2], 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (argv[2]);

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), name, g_strerror (saved_errno));
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }

  for (guint i = 0; i < scans->len; i++)
    {
      SbScan *listed = g_ptr_array_index (scans, i);
      g_autoptr(SbScan) scan = sb_campaign_get_scan (campaign, listed->id, &error);
      g_autofree char *basename = NULL;
      g_autofree char *path = NULL;

      if (scan == NULL)
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      basename = g_strdup_printf ("%s-%s.%s", message->ref, scan->side,
                                  extension (scan->mime_type));
      path = g_build_filename (argv[2], basename, NULL);
      if (!write_private_file (path, scan->image, &error))
        return _sb_cli_fail (cli, g_steal_pointer (&error));
      g_print ("%s\n", path);
    }
  return SB_CLI_EXIT_OK;
}

int
_sb_cli_scan_remove (SbCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(SbCampaign) campaign = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;
  SbScan *scan;
  int status;

  if (!_sb_cli_parse (cli, _("REF SIDE"),
                      N_("Removes the picture of one side (front or back) of a message's card."),
                      NULL, &argc, &argv, &status)
      || !_sb_cli_check_arguments (cli, argc, argv, 2, 2, _("Missing the message (REF) and the "
                                                           "SIDE (front or back)"), &status)
      || !check_side (cli, argv[2], &status))
    return status;
  campaign = _sb_cli_open (cli, FALSE, &error);
  if (campaign == NULL
      || (message = sb_campaign_get_message (campaign, argv[1], &error)) == NULL
      || (scans = sb_campaign_list_scans (campaign, message->id, &error)) == NULL)
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  scan = find_side (scans, argv[2]);
  if (scan == NULL)
    {
      g_set_error (&error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                   g_str_equal (argv[2], "back") ? _("%s has no scan of the back")
                                                 : _("%s has no scan of the front"),
                   message->ref);
      return _sb_cli_fail (cli, g_steal_pointer (&error));
    }
  if (!sb_campaign_remove_scan (campaign, scan->id, &error))
    return _sb_cli_fail (cli, g_steal_pointer (&error));
  g_print (g_str_equal (argv[2], "back") ? _("Removed the scan of the back of %s\n")
                                         : _("Removed the scan of the front of %s\n"),
           message->ref);
  return SB_CLI_EXIT_OK;
}
