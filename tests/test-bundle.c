/* test-bundle.c — exchange files between offices: what is not the campaign's own,
 * unaltered and whole is refused (docs/exchange.md, "Bundle format")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless, without a campaign: a bundle of three changes of one office, read back
 * whole; then the same bundle with any byte changed, cut short anywhere, written
 * for another campaign or with another key, or signed by an office the campaign
 * does not know: refused, and no change comes out of it.
 */

#define _GNU_SOURCE 1   /* memmem */

#include "config.h"

#include <string.h>

#include "sb-store-bundle.h"

typedef struct
{
  guint8      key[SB_BUNDLE_KEY_BYTES];
  guint8      public_key[SB_BUNDLE_PUBLIC_KEY_BYTES];
  guint8      secret_key[SB_BUNDLE_SECRET_KEY_BYTES];
  GHashTable *public_keys;
  GPtrArray  *changes;
  GBytes     *bundle;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_bundle_init (&error));
  sb_bundle_new_campaign_key (fixture->key);
  sb_bundle_new_signing_keys (fixture->public_key, fixture->secret_key);
  fixture->public_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_bytes_unref);
  g_hash_table_insert (fixture->public_keys, g_strdup ("office-a"),
                       g_bytes_new (fixture->public_key, sizeof fixture->public_key));
  fixture->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_change_free);
  for (int i = 0; i < 3; i++)
    {
      SbChange *change = g_new0 (SbChange, 1);

      change->origin = g_strdup ("office-a");
      change->seq = 7 + i;
      change->changeset = g_bytes_new_take (g_strdup_printf ("changeset %d: ស៊ូទ្រាំ", i), 24 + i % 2);
      change->history = i == 1 ? g_bytes_new (NULL, 0) : g_bytes_new_static ("history", 7);
      /* The change's clock and what its office had received (docs/exchange.md, "Conflicts"). */
      change->clock = g_strdup_printf ("1476090000000.%06d.office-a", i);
      change->seen = i == 2 ? NULL : g_strdup ("office-b=3;");
      g_ptr_array_add (fixture->changes, change);
    }
  fixture->bundle = sb_bundle_write ("campaign-1", fixture->key, fixture->secret_key,
                                     fixture->changes, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_hash_table_unref (fixture->public_keys);
  g_ptr_array_unref (fixture->changes);
  g_bytes_unref (fixture->bundle);
}

static GPtrArray *
read_bundle (Fixture  *fixture,
             GBytes   *bundle,
             GError  **error)
{
  return sb_bundle_read (bundle, "office-a.7-9.sbx", "campaign-1", fixture->key,
                         fixture->public_keys, error);
}

static void
test_reads_back (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = read_bundle (fixture, fixture->bundle, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  for (guint i = 0; i < changes->len; i++)
    {
      SbChange *wrote = fixture->changes->pdata[i];
      SbChange *read = changes->pdata[i];

      g_assert_cmpstr (read->origin, ==, "office-a");
      g_assert_cmpint (read->seq, ==, wrote->seq);
      g_assert_true (g_bytes_equal (read->changeset, wrote->changeset));
      g_assert_true (g_bytes_equal (read->history, wrote->history));
      g_assert_cmpstr (read->clock, ==, wrote->clock);
      g_assert_cmpstr (read->seen, ==, wrote->seen != NULL ? wrote->seen : "");
    }
  /* Nothing of the changes is readable in the file. */
  g_assert_null (memmem (g_bytes_get_data (fixture->bundle, NULL),
                         g_bytes_get_size (fixture->bundle), "changeset", 9));
}

static void
assert_refused (Fixture *fixture,
                GBytes  *bundle,
                int      code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = read_bundle (fixture, bundle, &error);

  g_assert_null (changes);
  g_assert_error (error, SB_STORE_ERROR, code);
  g_assert_true (strstr (error->message, "office-a.7-9.sbx") != NULL);
}

static void
test_refuses_altered (Fixture       *fixture,
                      gconstpointer  data)
{
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (fixture->bundle, &size);

  /* Every byte after the magic, one at a time. */
  for (gsize i = 4; i < size; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (bytes, size);
      g_autoptr(GBytes) altered = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = NULL;

      copy[i] ^= 0x20;
      altered = g_bytes_new (copy, size);
      changes = read_bundle (fixture, altered, &error);
      g_assert_null (changes);
      g_assert_nonnull (error);
    }
}

static void
test_refuses_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  gsize size = g_bytes_get_size (fixture->bundle);

  for (gsize n = 0; n < size; n++)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (fixture->bundle, 0, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = read_bundle (fixture, cut, &error);

      g_assert_null (changes);
      g_assert_nonnull (error);
    }
}

static void
test_refuses_foreign (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) other_campaign = NULL;
  g_autoptr(GBytes) other_key = NULL;
  g_autoptr(GBytes) other_office = NULL;
  guint8 key[SB_BUNDLE_KEY_BYTES];
  guint8 public_key[SB_BUNDLE_PUBLIC_KEY_BYTES];
  guint8 secret_key[SB_BUNDLE_SECRET_KEY_BYTES];

  other_campaign = sb_bundle_write ("campaign-2", fixture->key, fixture->secret_key,
                                    fixture->changes, &error);
  g_assert_no_error (error);
  assert_refused (fixture, other_campaign, SB_STORE_ERROR_NOT_CAMPAIGN);

  sb_bundle_new_campaign_key (key);
  other_key = sb_bundle_write ("campaign-1", key, fixture->secret_key, fixture->changes, &error);
  g_assert_no_error (error);
  assert_refused (fixture, other_key, SB_STORE_ERROR_NOT_CAMPAIGN);

  /* Signed by a key that is not office-a's: as if someone else wrote it. */
  sb_bundle_new_signing_keys (public_key, secret_key);
  other_office = sb_bundle_write ("campaign-1", fixture->key, secret_key, fixture->changes, &error);
  g_assert_no_error (error);
  assert_refused (fixture, other_office, SB_STORE_ERROR_CORRUPT);

  /* An office the campaign does not know. */
  g_hash_table_remove (fixture->public_keys, "office-a");
  assert_refused (fixture, fixture->bundle, SB_STORE_ERROR_NOT_CAMPAIGN);

  /* Not a bundle at all. */
  g_hash_table_insert (fixture->public_keys, g_strdup ("office-a"),
                       g_bytes_new (fixture->public_key, sizeof fixture->public_key));
  {
    g_autoptr(GBytes) text = g_bytes_new_static ("SQLite format 3", 15);

    assert_refused (fixture, text, SB_STORE_ERROR_NOT_CAMPAIGN);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/bundle/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("reads-back", test_reads_back);
  ADD ("refuses-altered", test_refuses_altered);
  ADD ("refuses-truncated", test_refuses_truncated);
  ADD ("refuses-foreign", test_refuses_foreign);
  return g_test_run ();
}
