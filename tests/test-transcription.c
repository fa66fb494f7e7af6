/* test-transcription.c — the transcription desk: message list, scans, folder
 * import, duplicates, delete and undo, the work queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-campaign.h"
#include "sb-message-list.h"
#include "sb-scan-folder.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"
#include "sb-test.h"
#include "sb-text.h"
#include "sb-transcription.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  char       *office_id;
  char       *detainees[2];
} Fixture;

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char *
add_detainee (SbCampaign *campaign,
              const char *name_en,
              const char *name_km)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();

  set (&detainee->name_en, name_en);
  set (&detainee->name_km, name_km);
  g_assert_true (sb_campaign_add_detainee (campaign, detainee, &error));
  g_assert_no_error (error);
  return g_strdup (detainee->id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbOffice) office = sb_office_new ();

  fixture->dir = g_dir_make_tmp ("sambot-desk-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "campaign.sambot", NULL);
  fixture->campaign = sb_campaign_create (fixture->path, "#Freethe5KH", "PP", &error);
  g_assert_no_error (error);
  sb_campaign_set_clock (fixture->campaign, "2016-10-10T08:00:00Z");
  sb_campaign_set_operator (fixture->campaign, "Sophea");

  set (&office->code, "BB");
  set (&office->name, "ADHOC Battambang");
  g_assert_true (sb_campaign_add_office (fixture->campaign, office, &error));
  g_assert_no_error (error);
  fixture->office_id = g_strdup (office->id);

  fixture->detainees[0] = add_detainee (fixture->campaign, "Ny Sokha", "នី សុខា");
  fixture->detainees[1] = add_detainee (fixture->campaign, "Lim Mony", "លឹម មុន្នី");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->campaign);
  sb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->office_id);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->detainees); i++)
    g_free (fixture->detainees[i]);
}

static char *
add_message (Fixture    *fixture,
             const char *text,
             const char *sender,
             const char *received_on,
             const char *channel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();

  set (&message->original_text, text);
  set (&message->sender_name, sender);
  set (&message->received_on, received_on);
  set (&message->channel, channel);
  g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  return g_strdup (message->id);
}

static const char *
ref_at (GListModel *model,
        guint       position)
{
  g_autoptr(SbMessageRow) row = g_list_model_get_item (model, position);
  static char ref[32];

  g_assert_nonnull (row);
  g_strlcpy (ref, sb_message_row_get_ref (row), sizeof ref);
  return ref;
}

static void
wait_for (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

/* ------------------------------------------------------------------------ */
/* Pictures made here, so the tests need no files                           */
/* ------------------------------------------------------------------------ */

/* Left half red, right half blue. */
static GdkPixbuf *
two_colour_pixbuf (int width,
                   int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 3;

        p[0] = x < width / 2 ? 255 : 0;
        p[1] = 0;
        p[2] = x < width / 2 ? 0 : 255;
      }
  return pixbuf;
}

static GBytes *
save_pixbuf (GdkPixbuf  *pixbuf,
             const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

/* A JPEG whose EXIF says "rotate 90° clockwise to show", as phones write them. */
static GBytes *
jpeg_with_orientation (int width,
                       int height)
{
  static const guchar exif[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (width, height);
  g_autoptr(GBytes) plain = save_pixbuf (pixbuf, "jpeg");
  gsize size;
  const guchar *data = g_bytes_get_data (plain, &size);
  GByteArray *with_exif = g_byte_array_new ();

  g_byte_array_append (with_exif, data, 2);                 /* SOI */
  g_byte_array_append (with_exif, exif, sizeof exif);
  g_byte_array_append (with_exif, data + 2, size - 2);
  return g_byte_array_free_to_bytes (with_exif);
}

static guint32
crc32_of (const guchar *data,
          gsize         size)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < size; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

/* A real PNG whose header claims 8000 × 6000 pixels (48 MP). */
static GBytes *
png_claiming_48_megapixels (void)
{
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (8, 6);
  g_autoptr(GBytes) small = save_pixbuf (pixbuf, "png");
  gsize size = g_bytes_get_size (small);
  guchar *data = g_memdup2 (g_bytes_get_data (small, NULL), size);
  guint32 crc;

  /* Signature (8), length (4), "IHDR" (4), width, height… then the CRC at 29. */
  data[16] = 0; data[17] = 0; data[18] = 8000 >> 8; data[19] = 8000 & 0xff;
  data[20] = 0; data[21] = 0; data[22] = 6000 >> 8; data[23] = 6000 & 0xff;
  crc = crc32_of (data + 12, 17);
  data[29] = crc >> 24; data[30] = crc >> 16; data[31] = crc >> 8; data[32] = crc;
  return g_bytes_new_take (data, size);
}

/* ------------------------------------------------------------------------ */
/* The message list                                                         */
/* ------------------------------------------------------------------------ */

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageList) list = NULL;
  g_autofree char *a = add_message (fixture, "សូមឱ្យមានសេរីភាព", "សុភា", "2016-08-10", "postcard");
  g_autofree char *b = add_message (fixture, "Stay strong, we are with you", "Anna", "2016-08-12", "online");
  g_autofree char *c = add_message (fixture, "Courage, nous sommes avec vous", "Luc", "2016-08-11", "postcard");
  g_autoptr(SbMessage) translated = sb_campaign_get_message (fixture->campaign, c, NULL);
  const char *both[] = { fixture->detainees[0], fixture->detainees[1], NULL };
  const char *first[] = { fixture->detainees[0], NULL };

  set (&translated->translation_km, "ក្លាហានឡើង");
  g_assert_true (sb_campaign_update_message (fixture->campaign, translated, &error));
  g_assert_true (sb_campaign_assign (fixture->campaign, a, both, &error));
  g_assert_true (sb_campaign_assign (fixture->campaign, b, first, &error));
  g_assert_no_error (error);

  list = sb_message_list_new (fixture->campaign);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  /* Newest first. */
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 0), ==, "PP-0002");
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 2), ==, "PP-0001");

  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_CHANNEL, "postcard", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_CHANNEL, NULL, &error));

  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_DETAINEE, fixture->detainees[1], &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr(SbMessageRow) row = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (sb_message_row_get_ref (row), ==, "PP-0001");
    g_assert_cmpstr (sb_message_row_get_addressees (row, "en"), ==, "Ny Sokha, Lim Mony");
    g_assert_cmpstr (sb_message_row_get_addressees (row, "km"), ==, "នី សុខា, លឹម មុន្នី");
    g_assert_cmpstr (sb_message_row_get_language (row), ==, "km");
    g_assert_false (sb_message_row_needs_translation (row));
  }
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_DETAINEE, NULL, &error));

  /* Needs translation: English without a Khmer translation, not French with one. */
  g_assert_true (sb_message_list_set_needs_translation (list, TRUE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 0), ==, "PP-0002");
  g_assert_true (sb_message_list_set_needs_translation (list, FALSE, &error));

  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_LANGUAGE, "fr", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_LANGUAGE, NULL, &error));

  /* Khmer-aware search, long and short queries, as typed. */
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "STRONG", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "សេរី", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "nous", &error));
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 0), ==, "PP-0003");
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "zzzz", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_SEARCH, "", &error));

  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, "transcribed", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_no_error (error);
}

static void
test_list_sort_khmer (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageList) list = NULL;
  const char *senders[] = { "គន្ធា", "កញ្ញា", "ខេមរា", "ចន្ទា" };
  const char *order[] = { "កញ្ញា", "ខេមរា", "គន្ធា", "ចន្ទា" };

  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    g_free (add_message (fixture, "សួស្តី", senders[i], "2016-08-10", "postcard"));

  list = sb_message_list_new (fixture->campaign);
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(SbMessageRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpstr (sb_message_row_get_sender_name (row), ==, order[i]);
    }
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_REF, FALSE, &error));
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 0), ==, "PP-0001");
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_REF, TRUE, &error));
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 0), ==, "PP-0004");
  g_assert_no_error (error);
}

/* The senders in the list, in its order: "a|b|c". */
static char *
senders_of (GListModel *model)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SbMessageRow) row = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s", i ? "|" : "", sb_message_row_get_sender_name (row));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_km (gconstpointer a,
            gconstpointer b)
{
  return sb_text_collate (*(const char **) a, *(const char **) b, "km");
}

/* Sorting by sender reads stored keys (schema 4): the order must stay exactly the
 * KM collation's, ties in the order the messages came, after a name changes too. */
static void
test_list_sort_sender_keys (Fixture       *fixture,
                            gconstpointer  user_data)
{
  const char *senders[] = { "ចន្ទា", "anna", "Zoé", "Anna", "កញ្ញា", "Émile", "", "emile",
                            "ខេមរា", "Bob", "ñu", "nu", "zoe", "Ánna", "Anna", "ស្រីពៅ" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(SbMessageList) list = NULL;
  g_autoptr(SbMessageList) renamed = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autofree char *bob = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (senders); i++)
    {
      char *id = add_message (fixture, i % 2 ? "Courage" : "សួស្តី", senders[i],
                              "2016-08-10", "postcard");

      if (g_str_equal (senders[i], "Bob"))
        bob = id;
      else
        g_free (id);
      g_ptr_array_add (expected, (gpointer) senders[i]);
    }
  /* g_ptr_array_sort is stable: equal names keep the order they were added in. */
  g_ptr_array_sort (expected, compare_km);
  g_ptr_array_add (expected, NULL);
  want = g_strjoinv ("|", (char **) expected->pdata);

  /* What ICU's "km" collator says, whatever the stored keys do. */
  g_assert_cmpint (sb_text_collate ("ស្រីពៅ", "anna", "km"), <, 0);
  g_assert_cmpint (sb_text_collate ("anna", "Anna", "km"), <, 0);
  g_assert_cmpint (sb_text_collate ("Anna", "Ánna", "km"), <, 0);
  g_assert_cmpint (sb_text_collate ("Ánna", "Bob", "km"), <, 0);
  g_assert_cmpstr (want, ==, "|កញ្ញា|ខេមរា|ចន្ទា|ស្រីពៅ|anna|Anna|Anna|Ánna|Bob|emile|Émile|"
                             "nu|ñu|zoe|Zoé");

  list = sb_message_list_new (fixture->campaign);
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  got = senders_of (G_LIST_MODEL (list));
  g_assert_cmpstr (got, ==, want);
  /* The two "Anna" in the order they came: PP-0004, then PP-0015. */
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 6), ==, "PP-0004");
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 7), ==, "PP-0015");

  /* Descending is the exact reverse, ties included. */
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, TRUE, &error));
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 0), ==, "PP-0003");
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 8), ==, "PP-0015");
  g_assert_cmpstr (ref_at (G_LIST_MODEL (list), 9), ==, "PP-0004");

  /* Filters that read the table sort by the same keys. */
  g_assert_true (sb_message_list_set_sort (list, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_LANGUAGE, "km", &error));
  g_clear_pointer (&got, g_free);
  got = senders_of (G_LIST_MODEL (list));
  g_assert_cmpstr (got, ==, "|កញ្ញា|ខេមរា|ចន្ទា|Anna|ñu|zoe|Zoé");
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_LANGUAGE, NULL, &error));
  g_assert_true (sb_message_list_set_filter (list, SB_MESSAGE_FILTER_STATUS, "new", &error));
  g_clear_pointer (&got, g_free);
  got = senders_of (G_LIST_MODEL (list));
  g_assert_cmpstr (got, ==, want);

  /* A new name takes its new place. */
  message = sb_campaign_get_message (fixture->campaign, bob, &error);
  g_assert_no_error (error);
  set (&message->sender_name, "ឈូក");
  g_assert_true (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  renamed = sb_message_list_new (fixture->campaign);
  g_assert_true (sb_message_list_set_sort (renamed, SB_MESSAGE_SORT_SENDER, FALSE, &error));
  g_clear_pointer (&got, g_free);
  got = senders_of (G_LIST_MODEL (renamed));
  g_assert_cmpstr (got, ==, "|កញ្ញា|ខេមរា|ចន្ទា|ឈូក|ស្រីពៅ|anna|Anna|Anna|Ánna|emile|Émile|"
                            "nu|ñu|zoe|Zoé");
  g_assert_no_error (error);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
test_list_follows_campaign (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageList) list = NULL;
  g_autoptr(SbMessage) edited = NULL;
  g_autoptr(SbMessageRow) shown = NULL;
  g_autofree char *id = NULL;
  guint calls = 0;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *text = g_strdup_printf ("Message number %u", i);
      g_free (add_message (fixture, text, "Dara", "2016-08-10", "postcard"));
    }
  list = sb_message_list_new (fixture->campaign);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &calls);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 600);
  g_assert_cmpuint (g_list_model_get_item_type (G_LIST_MODEL (list)), ==, SB_TYPE_MESSAGE_ROW);
  /* Every row can be read, more than the cache holds, and past the end is NULL. */
  for (guint i = 0; i < 600; i++)
    g_assert_cmpstr (ref_at (G_LIST_MODEL (list), i), !=, "");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 600));

  /* An edit of a row on screen (a view holds it): that row changes, nothing else. */
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  for (guint i = 0; i < 600; i++)
    g_assert_cmpstr (ref_at (G_LIST_MODEL (list), i), !=, "");
  edited = sb_campaign_get_message (fixture->campaign, "PP-0600", &error);
  set (&edited->sender_name, "Sophea");
  g_assert_true (sb_campaign_update_message (fixture->campaign, edited, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_list_refresh (list, &error));
  g_assert_cmpuint (calls, ==, 1);
  {
    g_autoptr(SbMessageRow) row = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (sb_message_row_get_sender_name (row), ==, "Sophea");
  }

  /* A new message arrives on its own, after the main loop has run. */
  id = add_message (fixture, "One more", "Dara", "2016-10-01", "postcard");
  SB_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (list)) != 600, 10000,
                      "the new message in the list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 601);
  g_assert_cmpuint (sb_message_list_find (list, id, &error), ==, 0);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* Scans                                                                    */
/* ------------------------------------------------------------------------ */

static void
test_scan_orientation (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = jpeg_with_orientation (40, 20);
  g_autoptr(SbScan) scan = sb_scan_load_bytes (jpeg, "phone.jpg", &error);
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *id = add_message (fixture, "", "", "2016-08-10", "postcard");
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(SbScan) stored = NULL;
  guchar *top;

  g_assert_no_error (error);
  g_assert_cmpstr (scan->mime_type, ==, "image/jpeg");
  /* Stored sideways, shown upright. */
  g_assert_cmpint (scan->width, ==, 20);
  g_assert_cmpint (scan->height, ==, 40);
  g_assert_cmpuint (strlen (scan->sha256), ==, 64);

  upright = sb_scan_decode (jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (upright), ==, 20);
  /* The red left half is at the top once turned clockwise. */
  top = gdk_pixbuf_get_pixels (upright) + 5 * gdk_pixbuf_get_rowstride (upright) + 10 * 3;
  g_assert_cmpint (top[0], >, 200);
  g_assert_cmpint (top[2], <, 60);

  stream = g_memory_input_stream_new_from_bytes (scan->thumbnail);
  thumbnail = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), >, gdk_pixbuf_get_width (thumbnail));

  /* Kept in the campaign: a second front replaces the first. */
  set (&scan->message_id, id);
  set (&scan->side, "front");
  g_assert_true (sb_campaign_add_scan (fixture->campaign, scan, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GdkPixbuf) other = two_colour_pixbuf (30, 30);
    g_autoptr(GBytes) png = save_pixbuf (other, "png");
    g_autoptr(SbScan) again = sb_scan_load_bytes (png, "again.png", &error);

    g_assert_no_error (error);
    set (&again->message_id, id);
    set (&again->side, "front");
    g_assert_true (sb_campaign_add_scan (fixture->campaign, again, &error));
    g_assert_no_error (error);
  }
  scans = sb_campaign_list_scans (fixture->campaign, id, &error);
  g_assert_cmpuint (scans->len, ==, 1);
  g_assert_cmpstr (((SbScan *) scans->pdata[0])->mime_type, ==, "image/png");
  g_assert_null (((SbScan *) scans->pdata[0])->image);
  stored = sb_campaign_get_scan (fixture->campaign, ((SbScan *) scans->pdata[0])->id, &error);
  g_assert_nonnull (stored->image);
  g_assert_true (sb_campaign_remove_scan (fixture->campaign, stored->id, &error));
  g_clear_pointer (&scans, g_ptr_array_unref);
  scans = sb_campaign_list_scans (fixture->campaign, id, &error);
  g_assert_cmpuint (scans->len, ==, 0);
  g_assert_no_error (error);
}

static void
test_scan_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (64, 64);
  g_autoptr(GBytes) jpeg = save_pixbuf (pixbuf, "jpeg");
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 3);
  g_autoptr(GBytes) elf = g_bytes_new_static ("\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\2\0>\0", 20);
  g_autoptr(GBytes) huge = png_claiming_48_megapixels ();
  SbScan *scan;

  scan = sb_scan_load_bytes (truncated, "half.jpg", &error);
  g_assert_null (scan);
  g_assert_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "half.jpg"));
  g_clear_error (&error);

  scan = sb_scan_load_bytes (elf, "card.jpg", &error);
  g_assert_null (scan);
  g_assert_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_NOT_IMAGE);
  g_clear_error (&error);

  scan = sb_scan_load_bytes (huge, "huge.png", &error);
  g_assert_null (scan);
  g_assert_error (error, SB_SCAN_ERROR, SB_SCAN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "8000"));
}

/* ------------------------------------------------------------------------ */
/* A folder of scans                                                        */
/* ------------------------------------------------------------------------ */

static void
test_folder_pairing (void)
{
  const char *names[] = {
    "card-back.jpg", "card-front.jpg", "002b.png", "002a.png", "010a.jpg", "notes.txt",
    "Lone.JPG", "x_a.webp", "x_b.webp", "scan recto.tif", "scan verso.tif", "Cuba.jpg",
    ".hidden.jpg", NULL
  };
  g_autoptr(GPtrArray) pairs = sb_scan_folder_pair_names (names);
  const char *expected[][2] = {
    { "002a.png", "002b.png" },
    { "010a.jpg", NULL },
    { "card-front.jpg", "card-back.jpg" },
    { "Cuba.jpg", NULL },
    { "Lone.JPG", NULL },
    { "scan recto.tif", "scan verso.tif" },
    { "x_a.webp", "x_b.webp" },
  };

  g_assert_cmpuint (pairs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < pairs->len; i++)
    {
      SbScanPair *pair = g_ptr_array_index (pairs, i);

      g_assert_cmpstr (pair->front, ==, expected[i][0]);
      g_assert_cmpstr (pair->back, ==, expected[i][1]);
    }
}

static void
write_bytes (const char *dir,
             const char *name,
             GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SbScanFolderReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = sb_scan_folder_import_finish (SB_CAMPAIGN (source), result, &error);
  g_assert_no_error (error);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, <=, total);
  *last = done;
}

static void
test_folder_import (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *folder_path = g_build_filename (fixture->dir, "scans", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (32, 24);
  g_autoptr(GBytes) jpeg = save_pixbuf (pixbuf, "jpeg");
  g_autoptr(GBytes) png = save_pixbuf (pixbuf, "png");
  g_autoptr(GBytes) text = g_bytes_new_static ("not a picture", 13);
  SbScanFolderReport *report = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unreadable = g_build_filename (folder_path, "005.jpg", NULL);
  g_autofree char *next = NULL;
  gint64 to_transcribe, to_review;
  guint progress = 0;

  g_mkdir (folder_path, 0700);
  write_bytes (folder_path, "001a.jpg", jpeg);
  write_bytes (folder_path, "001b.jpg", jpeg);
  write_bytes (folder_path, "002-front.png", png);
  write_bytes (folder_path, "003.jpg", text);
  write_bytes (folder_path, "004.jpg", jpeg);
  write_bytes (folder_path, "005.jpg", jpeg);
  g_chmod (unreadable, 0);

  sb_scan_folder_import_async (fixture->campaign, folder, progress_cb, &progress, NULL,
                               imported_cb, &report);
  wait_for ((gboolean *) &report);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->files, ==, 6);
  g_assert_cmpuint (progress, ==, 5);
  if (access (unreadable, R_OK) == 0)
    {
      /* Running as root: every file can be read. */
      g_assert_cmpuint (report->cards, ==, 4);
      g_assert_cmpuint (report->problems->len, ==, 1);
    }
  else
    {
      g_assert_cmpuint (report->cards, ==, 3);
      g_assert_cmpuint (report->problems->len, ==, 2);
    }
  g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "003.jpg"));

  scans = sb_campaign_list_scans (fixture->campaign, g_ptr_array_index (report->message_ids, 0),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 2);
  g_assert_cmpstr (((SbScan *) scans->pdata[0])->side, ==, "front");
  g_assert_cmpstr (((SbScan *) scans->pdata[1])->side, ==, "back");

  /* They form the queue, in order. */
  g_assert_true (sb_campaign_count_queue (fixture->campaign, &to_transcribe, &to_review, &error));
  g_assert_cmpint (to_transcribe, ==, report->cards);
  g_assert_cmpint (to_review, ==, 0);
  next = sb_campaign_next_to_transcribe (fixture->campaign, g_ptr_array_index (report->message_ids, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, g_ptr_array_index (report->message_ids, 1));
  sb_scan_folder_report_free (report);
}

/* ------------------------------------------------------------------------ */
/* Duplicates, delete and undo, done and next                              */
/* ------------------------------------------------------------------------ */

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = add_message (fixture, "យើងនៅជាមួយអ្នក សូមរឹងមាំ កុំបោះបង់ក្តីសង្ឃឹម",
                                        "Dara", "2016-08-10", "postcard");
  g_autofree char *other = add_message (fixture, "Stay strong, the whole world is watching",
                                        "Anna", "2016-08-10", "online");
  g_autofree char *typing = add_message (fixture, "", "", "2016-08-11", "postcard");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GdkPixbuf) pixbuf = two_colour_pixbuf (16, 16);
  g_autoptr(GBytes) png = save_pixbuf (pixbuf, "png");

  /* The same card typed again, with ្ដ for ្ត and without the space. */
  found = sb_campaign_find_duplicates (fixture->campaign, typing,
                                       "យើងនៅជាមួយអ្នក សូមរឹងមាំ កុំបោះបង់ក្ដីសង្ឃឹម", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((SbDuplicate *) found->pdata[0])->message_id, ==, first);
  g_assert_cmpstr (((SbDuplicate *) found->pdata[0])->ref, ==, "PP-0001");
  g_assert_cmpint (((SbDuplicate *) found->pdata[0])->kind, ==, SB_DUPLICATE_TEXT);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = sb_campaign_find_duplicates (fixture->campaign, typing,
                                       "Stay strong, the whole world is watching you!", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((SbDuplicate *) found->pdata[0])->message_id, ==, other);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = sb_campaign_find_duplicates (fixture->campaign, typing, "Stay strong", &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The same picture scanned twice. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SbScan) scan = sb_scan_load_bytes (png, "card.png", &error);

      g_assert_no_error (error);
      set (&scan->message_id, i == 0 ? other : typing);
      set (&scan->side, "front");
      g_assert_true (sb_campaign_add_scan (fixture->campaign, scan, &error));
      g_assert_no_error (error);
    }
  found = sb_campaign_find_duplicates (fixture->campaign, typing, "", &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((SbDuplicate *) found->pdata[0])->kind, ==, SB_DUPLICATE_SCAN);
  g_assert_cmpstr (((SbDuplicate *) found->pdata[0])->message_id, ==, other);

  g_assert_cmpfloat (sb_text_similarity ("abcdef", "abcdef"), ==, 1.0);
  g_assert_cmpfloat (sb_text_similarity ("abcdef", "uvwxyz"), ==, 0.0);
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_message (fixture, "សូមរឹងមាំ", "Dara", "2016-08-10", "postcard");
  g_autoptr(SbMessageList) list = sb_message_list_new (fixture->campaign);
  const char *both[] = { fixture->detainees[0], fixture->detainees[1], NULL };
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(SbMessage) message = NULL;

  g_assert_true (sb_campaign_assign (fixture->campaign, id, both, &error));
  g_assert_true (sb_campaign_mark_transcribed (fixture->campaign, id, &error));
  g_assert_true (sb_campaign_approve (fixture->campaign, id, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (sb_campaign_delete_message (fixture->campaign, id, &error));
  g_assert_no_error (error);
  g_assert_true (sb_message_list_refresh (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  copies = sb_campaign_list_copies (fixture->campaign, id, &error);
  g_assert_cmpstr (((SbCopy *) copies->pdata[0])->state, ==, "pending");
  g_clear_pointer (&copies, g_ptr_array_unref);

  g_assert_true (sb_campaign_restore_message (fixture->campaign, id, &error));
  g_assert_no_error (error);
  message = sb_campaign_get_message (fixture->campaign, id, &error);
  g_assert_cmpstr (message->status, ==, "approved");
  copies = sb_campaign_list_copies (fixture->campaign, id, &error);
  g_assert_cmpstr (((SbCopy *) copies->pdata[0])->state, ==, "waiting");
  g_assert_true (sb_message_list_refresh (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static void
test_done_next (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_message (fixture, "one", "", "2016-08-10", "postcard");
  g_autofree char *b = add_message (fixture, "", "", "2016-08-10", "postcard");
  g_autofree char *c = add_message (fixture, "", "", "2016-08-10", "postcard");
  g_autofree char *next = NULL;
  g_autofree char *wrapped = NULL;
  g_autofree char *review = NULL;
  gint64 to_transcribe, to_review;

  g_assert_true (sb_campaign_mark_transcribed (fixture->campaign, a, &error));
  next = sb_campaign_next_to_transcribe (fixture->campaign, a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, b);
  wrapped = sb_campaign_next_to_transcribe (fixture->campaign, c, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wrapped, ==, b);
  review = sb_campaign_next_to_review (fixture->campaign, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (review, ==, a);
  g_assert_true (sb_campaign_count_queue (fixture->campaign, &to_transcribe, &to_review, &error));
  g_assert_cmpint (to_transcribe, ==, 2);
  g_assert_cmpint (to_review, ==, 1);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/messages/list/filters", test_list_filters);
  ADD ("/core/messages/list/sort-khmer", test_list_sort_khmer);
  ADD ("/core/messages/list/sort-sender-keys", test_list_sort_sender_keys);
  ADD ("/core/messages/list/follows-campaign", test_list_follows_campaign);
  ADD ("/core/messages/scans/orientation", test_scan_orientation);
  g_test_add_func ("/core/messages/scans/refused", test_scan_refused);
  g_test_add_func ("/core/messages/folder/pairing", test_folder_pairing);
  ADD ("/core/messages/folder/import", test_folder_import);
  ADD ("/core/messages/duplicates", test_duplicates);
  ADD ("/core/messages/delete-undo", test_delete_undo);
  ADD ("/core/messages/done-next", test_done_next);
#undef ADD

  return g_test_run ();
}
