/* test-bundle.c — exchange files between offices: what is not the campaign's own,
 * unaltered and whole is refused (docs/exchange.md, "Bundle format")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless, without a campaign: a bundle of three changes of one office, read back
 * whole; then the same bundle with any byte changed, cut short anywhere, written
 * for another campaign or with another key, or signed by an office the campaign
 * does not know: refused, and no change comes out of it. A bundle that inflates to
 * far more than its size (a zlib bomb of a campaign member) is refused before it is
 * all in memory; a large scan that does not deflate, or one that deflates a thousand
 * times, reads back (docs/exchange.md, "Inflating").
 */

#define _GNU_SOURCE 1   /* memmem */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <sodium.h>
#include <gio/gio.h>

#include "sb-store-bundle.h"
#include "sb-store-error.h"

#define MiB ((gsize) 1024 * 1024)

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

/* A bundle of changes of @zeros zero bytes each, in the format of
 * src/store/sb-store-bundle.c ("SBX3", which readers still take) but written here
 * piece by piece, so that the changes never exist whole in memory: how a campaign
 * member could make a zlib bomb that is signed and sealed like any bundle. Each change is the GVariant (xayayss)
 * seq, @zeros zero bytes, no history, a clock, no seen: serialized by hand below
 * (checked against GVariant's own in test_refuses_inflating_bomb()). */

typedef void (*Sink) (const guint8 *data, gsize size, gpointer user_data);

static const char zeros_clock[] = "1476090000000.000000.office-a";

static void
serialize_zeros_change (gint64    seq,
                        gsize     zeros,
                        Sink      sink,
                        gpointer  user_data)
{
  static const guint8 chunk[MiB];
  gsize body = 8 + zeros + sizeof zeros_clock + 1;  /* the two strings' NULs included */
  gsize ends[3] = { 8 + zeros, 8 + zeros, 8 + zeros + sizeof zeros_clock };
  gsize offset_size = body + 3 <= G_MAXUINT8 ? 1 : body + 6 <= G_MAXUINT16 ? 2
                      : body + 12 <= G_MAXUINT32 ? 4 : 8;
  guint8 framing[3 * 8];

  sink ((const guint8 *) &seq, 8, user_data);
  for (gsize left = zeros; left > 0; left -= MIN (left, sizeof chunk))
    sink (chunk, MIN (left, sizeof chunk), user_data);
  sink ((const guint8 *) zeros_clock, sizeof zeros_clock, user_data);
  sink ((const guint8 *) "", 1, user_data);
  /* A tuple's framing offsets, little-endian, the last member's first. */
  for (guint i = 0; i < 3; i++)
    {
      guint64 le = GUINT64_TO_LE (ends[2 - i]);

      memcpy (framing + i * offset_size, &le, offset_size);
    }
  sink (framing, 3 * offset_size, user_data);
}

static void
append_to (const guint8 *data,
           gsize         size,
           gpointer      user_data)
{
  g_byte_array_append (user_data, data, size);
}

typedef struct
{
  GConverter *deflate;
  GByteArray *out;
} Deflating;

static void
deflate_with (Deflating       *deflating,
              const guint8    *data,
              gsize            size,
              GConverterFlags  flags)
{
  guint8 buffer[65536];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gsize n_read = 0, n_written = 0;
      GConverterResult result;

      if (size == 0 && flags == G_CONVERTER_NO_FLAGS)
        return;
      result = g_converter_convert (deflating->deflate, data, size, buffer, sizeof buffer,
                                    flags, &n_read, &n_written, &error);
      g_assert_no_error (error);
      g_byte_array_append (deflating->out, buffer, n_written);
      data += n_read;
      size -= n_read;
      if (result == G_CONVERTER_FINISHED || (result == G_CONVERTER_FLUSHED && size == 0))
        return;
    }
}

static void
deflate_to (const guint8 *data,
            gsize         size,
            gpointer      user_data)
{
  deflate_with (user_data, data, size, G_CONVERTER_NO_FLAGS);
}

static GBytes *
write_zeros_bundle (Fixture *fixture,
                    guint    n_changes,
                    gsize    zeros)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 stream_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  guint8 signature[crypto_sign_BYTES];
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GZlibCompressor) deflate = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 6);
  g_autoptr(GVariant) header = g_variant_ref_sink (g_variant_new ("(ssxx)", "campaign-1", "office-a",
                                                                  (gint64) 7, (gint64) 6 + n_changes));
  gsize header_size = g_variant_get_size (header);
  guint32 le = GUINT32_TO_LE (header_size);

  g_byte_array_append (out, (const guint8 *) "SBX3", 4);
  g_byte_array_append (out, (const guint8 *) &le, 4);
  g_byte_array_append (out, g_variant_get_data (header), header_size);
  crypto_secretstream_xchacha20poly1305_init_push (&state, stream_header, fixture->key);
  g_byte_array_append (out, stream_header, sizeof stream_header);
  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(GByteArray) deflated = g_byte_array_new ();
      Deflating deflating = { G_CONVERTER (deflate), deflated };
      gboolean last = i + 1 == n_changes;
      gsize start;

      serialize_zeros_change (7 + i, zeros, deflate_to, &deflating);
      deflate_with (&deflating, NULL, 0, last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_FLUSH);
      le = GUINT32_TO_LE (deflated->len + crypto_secretstream_xchacha20poly1305_ABYTES);
      g_byte_array_append (out, (const guint8 *) &le, 4);
      start = out->len;
      g_byte_array_set_size (out, start + deflated->len + crypto_secretstream_xchacha20poly1305_ABYTES);
      crypto_secretstream_xchacha20poly1305_push (&state, out->data + start, NULL,
                                                  deflated->data, deflated->len,
                                                  g_variant_get_data (header), header_size,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    }
  crypto_sign_detached (signature, NULL, out->data, out->len, fixture->secret_key);
  g_byte_array_append (out, signature, sizeof signature);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The most this process has held in memory so far, in bytes. */
static gsize
peak_memory (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (gsize) usage.ru_maxrss * 1024;
}

static gboolean
under_address_sanitizer (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return TRUE;
#endif
#endif
  return FALSE;
}

static void
test_refuses_inflating_bomb (Fixture       *fixture,
                             gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      /* 512 MiB of zeros in one change: under 1 GiB, so read whole before. */
      g_autoptr(GBytes) bomb = write_zeros_bundle (fixture, 1, 512 * MiB);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      gsize before;

      g_test_message ("the bomb: %" G_GSIZE_FORMAT " bytes, 512 MiB inflated",
                      g_bytes_get_size (bomb));
      g_assert_cmpuint (g_bytes_get_size (bomb), <, 1 * MiB);
      before = peak_memory ();
      changes = read_bundle (fixture, bomb, &error);
      g_assert_null (changes);
      g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "office-a.7-9.sbx"));
      g_assert_nonnull (strstr (error->message, "far more than"));
      g_test_message ("peak memory grew by %" G_GSIZE_FORMAT " MiB reading it",
                      (peak_memory () - before) / MiB);
      /* Not the whole of it in memory (AddressSanitizer keeps what is freed). */
      if (!under_address_sanitizer ())
        g_assert_cmpuint (peak_memory () - before, <, 256 * MiB);
      return;
    }

  /* The writer here makes what sb_bundle_write() makes: small ones read back. */
  for (guint i = 0; i < 3; i++)
    {
      gsize zeros = (gsize[]) { 100, 1000, 100000 }[i];
      g_autoptr(GByteArray) mine = g_byte_array_new ();
      g_autofree guint8 *nothing = g_malloc0 (zeros);
      g_autoptr(GVariant) theirs = g_variant_ref_sink (g_variant_new ("(x@ay@ayss)", (gint64) 7,
        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, nothing, zeros, 1),
        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1), zeros_clock, ""));
      g_autoptr(GBytes) bundle = write_zeros_bundle (fixture, 3, zeros);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = NULL;

      serialize_zeros_change (7, zeros, append_to, mine);
      g_assert_cmpmem (mine->data, mine->len, g_variant_get_data (theirs), g_variant_get_size (theirs));
      changes = read_bundle (fixture, bundle, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (changes->len, ==, 3);
      g_assert_cmpuint (g_bytes_get_size (((SbChange *) changes->pdata[2])->changeset), ==, zeros);
      g_assert_cmpstr (((SbChange *) changes->pdata[2])->clock, ==, zeros_clock);
    }

  /* In a process of its own, for its peak memory. */
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The same zeros in many changes, none of them large: the limit is the bundle's. */
static void
test_refuses_inflating_bomb_in_parts (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GBytes) bomb = write_zeros_bundle (fixture, 3, 100 * MiB);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = read_bundle (fixture, bomb, &error);

  g_assert_null (changes);
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "far more than"));
}

static SbChange *
new_change (gint64  seq,
            GBytes *changeset)
{
  SbChange *change = g_new0 (SbChange, 1);

  change->origin = g_strdup ("office-a");
  change->seq = seq;
  change->changeset = g_bytes_ref (changeset);
  change->history = g_bytes_new_static ("history", 7);
  change->clock = g_strdup_printf ("1476090000000.%06d.office-a", (int) seq);
  return change;
}

static void
assert_reads_back (Fixture   *fixture,
                   GPtrArray *wrote,
                   GBytes    *bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = read_bundle (fixture, bundle, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, wrote->len);
  for (guint i = 0; i < changes->len; i++)
    g_assert_true (g_bytes_equal (((SbChange *) changes->pdata[i])->changeset,
                                  ((SbChange *) wrote->pdata[i])->changeset));
}

/* A scan hardly deflates: 24 MiB of it, with typed messages, reads back. */
static void
test_reads_large_scan (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_change_free);
  g_autofree guint8 *random = g_malloc (24 * MiB);
  g_autoptr(GBytes) scan = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GError) error = NULL;

  randombytes_buf (random, 24 * MiB);
  scan = g_bytes_new_take (g_steal_pointer (&random), 24 * MiB);
  for (gint64 seq = 7; seq < 10; seq++)
    {
      g_autoptr(GBytes) text = g_bytes_new_take (g_strdup_printf ("message %d: ស៊ូទ្រាំ", (int) seq), 20);

      g_ptr_array_add (changes, new_change (seq, seq == 8 ? scan : text));
    }
  bundle = sb_bundle_write ("campaign-1", fixture->key, fixture->secret_key, changes, &error);
  g_assert_no_error (error);
  assert_reads_back (fixture, changes, bundle);
}

/* Pictures that deflate a thousand times (an uncompressed TIFF of a blank side),
 * more of them than the least a reader takes (128 MiB): written without deflating,
 * so that they read back. */
static void
test_reads_blank_scans (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_change_free);
  g_autoptr(GBytes) blank = g_bytes_new_take (g_malloc0 (12 * MiB), 12 * MiB);
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GError) error = NULL;

  for (gint64 seq = 7; seq < 7 + 12; seq++)
    g_ptr_array_add (changes, new_change (seq, blank));
  bundle = sb_bundle_write ("campaign-1", fixture->key, fixture->secret_key, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bundle), >, 144 * MiB);
  assert_reads_back (fixture, changes, bundle);
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
  ADD ("refuses-inflating-bomb", test_refuses_inflating_bomb);
  ADD ("refuses-inflating-bomb-in-parts", test_refuses_inflating_bomb_in_parts);
  ADD ("reads-large-scan", test_reads_large_scan);
  ADD ("reads-blank-scans", test_reads_blank_scans);
  return g_test_run ();
}
