/* sb-store-bundle.c — a replica's changes as a file another office can trust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Bundle format". One origin's changes first..last:
 *
 *   "SBX4" | header length (u32 LE) | header: GVariant (ssxxi) campaign id, origin,
 *   first, last, layout (SB_BUNDLE_LAYOUT) | libsodium secretstream header (24
 *   bytes) | per change: length (u32 LE) and a secretstream message of GVariant
 *   (xayayss) seq, changeset, history, clock, seen (sb-store-changes-clock.c),
 *   deflated (zlib, raw) as one stream flushed after each change (the last one
 *   ends it), the header as additional data, the last one tagged FINAL | Ed25519
 *   signature (64 bytes) of the origin over every byte before it. "SBX3" (written until
 *   6 December 2026) is the same without the layout: layout 1.
 *
 * Read, it is refused whole before any change is applied: another campaign's or an
 * unknown office's (the header, the origin's public key), altered (the signature,
 * then each message's tag), truncated (the signature, then the FINAL tag and the
 * count), for another key, or inflating to far more than its size (INFLATE_RATIO,
 * below). A replayed bundle reads fine: sb_store_apply_change() applies each change
 * once.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "sb-store-bundle.h"

#define MAGIC "SBX4"          /* SBX3 and the layout of the replicated tables */
#define MAGIC_3 "SBX3"        /* the changes deflated as one stream, then sealed */
#define MAX_CHANGE_BYTES ((gsize) 1024 * 1024 * 1024)  /* SQLite's longest blob */
/* What a bundle may inflate to, all its changes together: INFLATE_RATIO times its
 * own size, and at least INFLATE_FLOOR_BYTES (docs/exchange.md, "Inflating", has the
 * ratios measured). The floor holds one scan of the largest size the scan loader
 * takes (SB_SCAN_MAX_FILE_BYTES, 100 MiB, src/io/sb-scan-loader.h) however well it
 * deflates (an uncompressed TIFF of a blank side), with its message. */
#define INFLATE_FLOOR_BYTES ((gsize) 128 * 1024 * 1024)
#define INFLATE_RATIO 64
#define HEADER_TYPE "(ssxxi)"
#define HEADER_TYPE_3 "(ssxx)"
#define CHANGE_TYPE "(xayayss)"

/* The layout this process writes, and the oldest it reads: tests may pretend to be
 * another version. */
static int layout = SB_BUNDLE_LAYOUT;
static int oldest_layout = SB_BUNDLE_OLDEST_LAYOUT;

void
_sb_bundle_set_layout_for_tests (int pretended)
{
  layout = pretended;
  oldest_layout = pretended == SB_BUNDLE_LAYOUT ? SB_BUNDLE_OLDEST_LAYOUT : pretended;
}

gboolean
sb_bundle_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                           "libsodium could not start");
      return FALSE;
    }
  return TRUE;
}

/* Wipes a key from memory (the compiler may not skip it). */
void
sb_bundle_forget (gpointer secret,
                  gsize    size)
{
  sodium_memzero (secret, size);
}

void
sb_bundle_new_campaign_key (guint8 key[SB_BUNDLE_KEY_BYTES])
{
  crypto_secretstream_xchacha20poly1305_keygen (key);
}

void
sb_bundle_new_signing_keys (guint8 public_key[SB_BUNDLE_PUBLIC_KEY_BYTES],
                            guint8 secret_key[SB_BUNDLE_SECRET_KEY_BYTES])
{
  crypto_sign_keypair (public_key, secret_key);
}

/* One piece of the bundle's single zlib stream (raw deflate through GIO): what
 * @converter gives for these bytes, flushed so that the piece stands on its own in
 * order, or, for the @last piece, the stream's end. One stream for the whole
 * bundle shares what repeats from change to change (ids, column values, clocks).
 * NULL when the bytes are not such a piece, or give more than @max (then @over, if
 * given, is set: checked as the output grows, so no more than @max is kept). */
static GBytes *
convert_piece (GConverter    *converter,
               const guint8  *data,
               gsize          size,
               gboolean       last,
               gsize          max,
               gboolean      *over)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  GConverterFlags flags = last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_FLUSH;
  guint8 buffer[16384];

  for (;;)
    {
      gsize n_read = 0, n_written = 0;
      GConverterResult result = g_converter_convert (converter, data, size, buffer,
                                                     sizeof buffer, flags, &n_read,
                                                     &n_written, NULL);

      if (result == G_CONVERTER_ERROR)
        return NULL;
      if (n_written > max - out->len)
        {
          if (over != NULL)
            *over = TRUE;
          return NULL;
        }
      g_byte_array_append (out, buffer, n_written);
      data += n_read;
      size -= n_read;
      if (result == G_CONVERTER_FINISHED)
        {
          if (!last || size > 0)
            return NULL;
          break;
        }
      if (result == G_CONVERTER_FLUSHED && size == 0 && !last)
        break;
      if (n_read == 0 && n_written == 0)
        return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
append_u32 (GByteArray *out,
            guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

/* What a bundle of @size bytes may inflate to (INFLATE_RATIO, INFLATE_FLOOR_BYTES). */
static gsize
inflate_budget (gsize size)
{
  if (size > G_MAXSIZE / INFLATE_RATIO)
    return G_MAXSIZE;
  return MAX (INFLATE_FLOOR_BYTES, INFLATE_RATIO * size);
}

/* The bundle of @changes deflated at @level (0: stored as they are); adds to
 * @inflated what its changes inflate to. */
static GBytes *
write_bundle (const char    *campaign_id,
              const guint8   key[SB_BUNDLE_KEY_BYTES],
              const guint8   secret_key[SB_BUNDLE_SECRET_KEY_BYTES],
              GPtrArray     *changes,
              int            level,
              gsize         *inflated)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 stream_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GVariant) header = NULL;
  g_autoptr(GZlibCompressor) deflate = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, level);
  const SbChange *first, *last;
  guint8 signature[crypto_sign_BYTES];
  gsize header_size;

  first = changes->pdata[0];
  last = changes->pdata[changes->len - 1];
  header = g_variant_ref_sink (g_variant_new (HEADER_TYPE, campaign_id, first->origin,
                                              (gint64) first->seq, (gint64) last->seq, layout));
  header_size = g_variant_get_size (header);
  g_byte_array_append (out, (const guint8 *) MAGIC, 4);
  append_u32 (out, header_size);
  g_byte_array_append (out, g_variant_get_data (header), header_size);

  crypto_secretstream_xchacha20poly1305_init_push (&state, stream_header, key);
  g_byte_array_append (out, stream_header, sizeof stream_header);
  for (guint i = 0; i < changes->len; i++)
    {
      const SbChange *change = changes->pdata[i];
      g_autoptr(GVariant) plain = NULL;
      g_autoptr(GBytes) deflated = NULL;
      gsize plain_size, start;

      g_return_val_if_fail (g_strcmp0 (change->origin, first->origin) == 0, NULL);
      g_return_val_if_fail (change->seq == first->seq + i, NULL);
      plain = g_variant_ref_sink (g_variant_new ("(x@ay@ayss)", (gint64) change->seq,
        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                   g_bytes_get_data (change->changeset, NULL),
                                   g_bytes_get_size (change->changeset), 1),
        g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                   change->history ? g_bytes_get_data (change->history, NULL) : NULL,
                                   change->history ? g_bytes_get_size (change->history) : 0, 1),
        change->clock ? change->clock : "", change->seen ? change->seen : ""));
      deflated = convert_piece (G_CONVERTER (deflate), g_variant_get_data (plain),
                                g_variant_get_size (plain), i + 1 == changes->len, G_MAXSIZE,
                                NULL);
      g_assert (deflated != NULL);
      *inflated += g_variant_get_size (plain);
      plain_size = g_bytes_get_size (deflated);
      append_u32 (out, plain_size + crypto_secretstream_xchacha20poly1305_ABYTES);
      start = out->len;
      g_byte_array_set_size (out, start + plain_size + crypto_secretstream_xchacha20poly1305_ABYTES);
      crypto_secretstream_xchacha20poly1305_push (&state, out->data + start, NULL,
                                                  g_bytes_get_data (deflated, NULL), plain_size,
                                                  g_variant_get_data (header), header_size,
                                                  i + 1 == changes->len
                                                  ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                  : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    }
  sodium_memzero (&state, sizeof state);
  crypto_sign_detached (signature, NULL, out->data, out->len, secret_key);
  g_byte_array_append (out, signature, sizeof signature);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * sb_bundle_write:
 * @changes: (element-type SbChange): consecutive changes of one origin, at least one
 *
 * Deflated, unless its changes inflate to more than a reader takes from a file of
 * that size (sb_bundle_read()): a picture that deflates a thousand times, such as an
 * uncompressed TIFF of a blank side, among more than INFLATE_FLOOR_BYTES. Then they
 * are stored as they are (deflate's level 0), which a reader takes at any size.
 *
 * Returns: (transfer full): the bundle's bytes
 */
GBytes *
sb_bundle_write (const char    *campaign_id,
                 const guint8   key[SB_BUNDLE_KEY_BYTES],
                 const guint8   secret_key[SB_BUNDLE_SECRET_KEY_BYTES],
                 GPtrArray     *changes,
                 GError       **error)
{
  g_autoptr(GBytes) bundle = NULL;
  gsize inflated = 0;

  g_return_val_if_fail (changes != NULL && changes->len > 0, NULL);
  if (!sb_bundle_init (error))
    return NULL;

  bundle = write_bundle (campaign_id, key, secret_key, changes, 6, &inflated);
  if (bundle != NULL && inflated > inflate_budget (g_bytes_get_size (bundle)))
    {
      g_debug ("%u changes inflate to %" G_GSIZE_FORMAT " bytes from %" G_GSIZE_FORMAT
               ": written without deflating", changes->len, inflated, g_bytes_get_size (bundle));
      g_clear_pointer (&bundle, g_bytes_unref);
      inflated = 0;
      bundle = write_bundle (campaign_id, key, secret_key, changes, 0, &inflated);
    }
  return g_steal_pointer (&bundle);
}

static gpointer
foreign (const char  *name,
         GError     **error)
{
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_CAMPAIGN,
               _("“%s” is not an exchange file of this campaign; nothing of it was applied."),
               name);
  return NULL;
}

/* A campaign member's bundle that would make its reader allocate far more than its
 * size: refused like a damaged one, saying why. */
static gpointer
too_large (const char  *name,
           gsize        budget,
           GError     **error)
{
  g_autofree char *size = g_format_size (budget);

  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
               /* TRANSLATORS: "“PP.sbx” unpacks to more than 134.2 MB, …" */
               _("“%s” unpacks to more than %s, far more than a file of its size holds; "
                 "nothing of it was applied. Tell the office that sent it."), name, size);
  return NULL;
}

static gpointer
damaged (const char  *name,
         GError     **error)
{
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
               _("“%s” was damaged or changed after it was written; nothing of it was "
                 "applied. Ask the office that sent it to send it again."), name);
  return NULL;
}

static gpointer
other_version (const char  *name,
               gboolean     newer,
               GError     **error)
{
  if (newer)
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NEWER_VERSION,
                 _("“%s” was written by a newer version of Sambot; update Sambot to apply it."),
                 name);
  else
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_OLDER_VERSION,
                 _("“%s” was written by an older version of Sambot, which this one cannot "
                   "apply."), name);
  return NULL;
}

static gboolean
read_u32 (const guint8 *data,
          gsize         size,
          gsize        *offset,
          guint32      *value)
{
  guint32 le;

  if (size - *offset < 4)
    return FALSE;
  memcpy (&le, data + *offset, 4);
  *value = GUINT32_FROM_LE (le);
  *offset += 4;
  return TRUE;
}

/**
 * sb_bundle_read:
 * @name: the file's name, for messages
 * @public_keys: origin id → #GBytes of its Ed25519 public key
 *
 * Returns: (transfer full) (element-type SbChange): the bundle's changes, in order
 */
GPtrArray *
sb_bundle_read (GBytes        *bundle,
                const char    *name,
                const char    *campaign_id,
                const guint8   key[SB_BUNDLE_KEY_BYTES],
                GHashTable    *public_keys,
                GError       **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_change_free);
  g_autoptr(GVariant) header = NULL;
  gsize size = 0, offset = 4, signed_size;
  const guint8 *data = g_bytes_get_data (bundle, &size);
  const char *bundle_campaign, *origin;
  gint64 first, last;
  gint32 bundle_layout = 1;
  GBytes *public_key;
  guint32 header_size;
  gboolean final = FALSE, sbx3;
  gsize budget, left;
  g_autoptr(GZlibDecompressor) inflate = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);

  if (!sb_bundle_init (error))
    return NULL;
  if (size < 4 || (memcmp (data, MAGIC, 4) != 0 && memcmp (data, MAGIC_3, 4) != 0))
    return foreign (name, error);
  sbx3 = memcmp (data, MAGIC_3, 4) == 0;
  budget = left = inflate_budget (size);
  if (!read_u32 (data, size, &offset, &header_size) ||
      size - offset < (gsize) header_size + crypto_secretstream_xchacha20poly1305_HEADERBYTES + crypto_sign_BYTES)
    return damaged (name, error);
  header = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE (sbx3 ? HEADER_TYPE_3 : HEADER_TYPE),
                                                        data + offset, header_size, FALSE, NULL, NULL));
  if (!g_variant_is_normal_form (header))
    return damaged (name, error);
  if (sbx3)
    g_variant_get (header, "(&s&sxx)", &bundle_campaign, &origin, &first, &last);
  else
    g_variant_get (header, "(&s&sxxi)", &bundle_campaign, &origin, &first, &last, &bundle_layout);
  if (g_strcmp0 (bundle_campaign, campaign_id) != 0 ||
      (public_key = g_hash_table_lookup (public_keys, origin)) == NULL ||
      g_bytes_get_size (public_key) != crypto_sign_PUBLICKEYBYTES)
    return foreign (name, error);

  signed_size = size - crypto_sign_BYTES;
  if (crypto_sign_verify_detached (data + signed_size, data, signed_size,
                                   g_bytes_get_data (public_key, NULL)) != 0)
    return damaged (name, error);
  if (bundle_layout > layout || bundle_layout < oldest_layout)
    return other_version (name, bundle_layout > layout, error);

  offset += header_size;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, data + offset, key) != 0)
    return foreign (name, error);
  offset += crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  while (offset < signed_size)
    {
      g_autoptr(GBytes) plain = NULL;
      guint8 *buffer;
      g_autoptr(GVariant) change_variant = NULL;
      g_autoptr(GVariant) changeset = NULL;
      g_autoptr(GVariant) history = NULL;
      g_autofree char *clock = NULL;
      g_autofree char *seen = NULL;
      unsigned long long plain_size = 0;
      unsigned char tag = 0;
      gboolean over = FALSE;
      guint32 length;
      SbChange *change;
      gint64 seq;

      if (final || !read_u32 (data, signed_size, &offset, &length) ||
          length < crypto_secretstream_xchacha20poly1305_ABYTES || signed_size - offset < length)
        return damaged (name, error);
      buffer = g_malloc (length);
      if (crypto_secretstream_xchacha20poly1305_pull (&state, buffer, &plain_size, &tag,
                                                      data + offset, length,
                                                      data + 8, header_size) != 0)
        {
          g_free (buffer);
          return changes->len == 0 ? foreign (name, error) : damaged (name, error);
        }
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      /* Counted on what comes out as it comes out (the format declares no sizes): a
       * deflate stream of zeros grows about 1,000 times. */
      plain = convert_piece (G_CONVERTER (inflate), buffer, plain_size, final,
                             MIN (left, MAX_CHANGE_BYTES), &over);
      g_free (buffer);
      if (plain == NULL)
        return over && left <= MAX_CHANGE_BYTES ? too_large (name, budget, error)
                                                : damaged (name, error);
      left -= g_bytes_get_size (plain);
      offset += length;
      change_variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CHANGE_TYPE),
                                                                     plain, FALSE));
      if (!g_variant_is_normal_form (change_variant))
        return damaged (name, error);
      g_variant_get (change_variant, "(x@ay@ayss)", &seq, &changeset, &history,
                     &clock, &seen);
      if (seq != first + changes->len || seq > last)
        return damaged (name, error);
      change = g_new0 (SbChange, 1);
      change->origin = g_strdup (origin);
      change->seq = seq;
      change->changeset = g_variant_get_data_as_bytes (changeset);
      change->history = g_variant_get_data_as_bytes (history);
      change->clock = g_steal_pointer (&clock);
      change->seen = g_steal_pointer (&seen);
      g_ptr_array_add (changes, change);
    }
  sodium_memzero (&state, sizeof state);
  if (!final || first + changes->len - 1 != last)
    return damaged (name, error);
  return g_steal_pointer (&changes);
}
