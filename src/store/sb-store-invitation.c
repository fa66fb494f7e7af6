/* sb-store-invitation.c — a campaign's snapshot for a new replica, sealed with a
 * passphrase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Invitations". The file:
 *
 *   "SBI1" | salt (16 bytes) | Argon2id opslimit, memlimit (u64 LE each)
 *   | libsodium secretstream header (24 bytes)
 *   | per part: length (u32 LE) and a secretstream message, the bytes before the
 *     stream header as additional data: first the identity (GVariant (ssss)), then
 *     the snapshot in parts of 1 MiB, the last one tagged FINAL.
 *
 * The key is derived from the passphrase with crypto_pwhash (Argon2id). A wrong
 * passphrase fails on the first part; any altered or missing byte fails a tag, the
 * FINAL tag or the end of the file. The snapshot holds the new replica's secret
 * signing key and the campaign's exchange key: it is never written unsealed but to
 * the private file the caller names.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>
#include <sodium.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "sb-store-invitation.h"
#include "sb-store-error.h"
#include "sb-store-bundle.h"

#define MAGIC "SBI1"
#define PREFIX_BYTES (4 + crypto_pwhash_SALTBYTES + 16)
#define PART_BYTES (1024 * 1024)
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

/* The cost of guessing a passphrase: 64 MiB and 2 passes of Argon2id
 * (docs/exchange.md has the time it takes). */
#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

static gboolean
derive_key (const char   *passphrase,
            const guint8 *salt,
            guint64       opslimit,
            guint64       memlimit,
            guint8        key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
            GError      **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                     passphrase, strlen (passphrase), salt, opslimit, (size_t) memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, SB_STORE_ERROR, SB_STORE_ERROR_NO_SPACE,
                           _("There is not enough memory to open the invitation. Close other "
                             "programs and try again."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_part (GOutputStream *out,
            crypto_secretstream_xchacha20poly1305_state *state,
            const guint8  *plain,
            gsize          size,
            const guint8  *prefix,
            gboolean       final,
            GError       **error)
{
  g_autofree guint8 *sealed = g_malloc (size + ABYTES + 4);
  guint32 le = GUINT32_TO_LE ((guint32) (size + ABYTES));

  memcpy (sealed, &le, 4);
  crypto_secretstream_xchacha20poly1305_push (state, sealed + 4, NULL, plain, size,
                                              prefix, PREFIX_BYTES,
                                              final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                    : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  return g_output_stream_write_all (out, sealed, size + ABYTES + 4, NULL, NULL, error);
}

static gboolean
file_error (const char  *path,
            GError     **error,
            GError      *cause)
{
  g_autofree char *name = g_filename_display_basename (path);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_EXISTS,
                 _("“%s” already exists. Choose another name."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NO_SPACE,
                 _("The disk is full: “%s” could not be written. Free some space and try again."),
                 name);
  else
    g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_FAILED,
                 _("Could not write “%s”: %s."), name, cause->message);
  return FALSE;
}

/**
 * sb_invitation_write:
 * @path: the invitation to write; must not exist
 * @identity: a #GVariant of type %SB_INVITATION_IDENTITY_TYPE
 * @snapshot: the new replica's campaign file
 *
 * Seals @snapshot and @identity with @passphrase into @path, which appears whole
 * or not at all.
 */
gboolean
sb_invitation_write (const char  *path,
                     GVariant    *identity,
                     const char  *snapshot,
                     const char  *passphrase,
                     GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 prefix[PREFIX_BYTES];
  guint8 header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  g_autofree char *part_path = g_strconcat (path, ".part", NULL);
  g_autoptr(GFile) part_file = g_file_new_for_path (part_path);
  g_autoptr(GFile) snapshot_file = g_file_new_for_path (snapshot);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  guint64 le;
  gsize n_read = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (g_variant_is_of_type (identity, G_VARIANT_TYPE (SB_INVITATION_IDENTITY_TYPE)), FALSE);
  if (!sb_bundle_init (error))
    return FALSE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_EXISTS, "");
      return file_error (path, error, local_error);
    }

  memcpy (prefix, MAGIC, 4);
  randombytes_buf (prefix + 4, crypto_pwhash_SALTBYTES);
  le = GUINT64_TO_LE ((guint64) OPSLIMIT);
  memcpy (prefix + 4 + crypto_pwhash_SALTBYTES, &le, 8);
  le = GUINT64_TO_LE ((guint64) MEMLIMIT);
  memcpy (prefix + 12 + crypto_pwhash_SALTBYTES, &le, 8);
  if (!derive_key (passphrase, prefix + 4, OPSLIMIT, MEMLIMIT, key, error))
    return FALSE;
  crypto_secretstream_xchacha20poly1305_init_push (&state, header, key);
  sodium_memzero (key, sizeof key);

  in = g_file_read (snapshot_file, NULL, &local_error);
  out = in != NULL ? g_file_create (part_file, G_FILE_CREATE_PRIVATE, NULL, &local_error) : NULL;
  if (out == NULL ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (out), prefix, sizeof prefix, NULL, NULL, &local_error) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (out), header, sizeof header, NULL, NULL, &local_error) ||
      !write_part (G_OUTPUT_STREAM (out), &state, g_variant_get_data (identity),
                   g_variant_get_size (identity), prefix, FALSE, &local_error))
    goto out;

  buffer = g_malloc (PART_BYTES);
  do
    {
      if (!g_input_stream_read_all (G_INPUT_STREAM (in), buffer, PART_BYTES, &n_read, NULL, &local_error) ||
          !write_part (G_OUTPUT_STREAM (out), &state, buffer, n_read, prefix, n_read < PART_BYTES,
                       &local_error))
        goto out;
    }
  while (n_read == PART_BYTES);
  ok = g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error) &&
       g_file_move (part_file, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error);

out:
  sodium_memzero (&state, sizeof state);
  if (!ok)
    {
      if (out != NULL)
        g_file_delete (part_file, NULL, NULL);
      return file_error (path, error, local_error);
    }
  return TRUE;
}

static gpointer
not_invitation (const char  *path,
                GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_CAMPAIGN,
               _("“%s” is not an invitation to a campaign. Ask the office that invited you "
                 "for the invitation file."), name);
  return NULL;
}

static gpointer
damaged (const char  *path,
         GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
               _("The invitation “%s” is damaged or incomplete; nothing was created. Ask "
                 "the office that invited you to send it again."), name);
  return NULL;
}

/* Reads one sealed part; %NULL at the end of the file or when it is cut short. */
static GBytes *
read_part (GInputStream *in,
           gsize         max,
           gboolean     *at_end,
           GError      **error)
{
  guint32 le;
  gsize n_read = 0;
  guint8 *data;

  *at_end = FALSE;
  if (!g_input_stream_read_all (in, &le, 4, &n_read, NULL, error))
    return NULL;
  if (n_read == 0)
    *at_end = TRUE;
  if (n_read < 4 || GUINT32_FROM_LE (le) < ABYTES || GUINT32_FROM_LE (le) > max + ABYTES)
    return NULL;
  data = g_malloc (GUINT32_FROM_LE (le));
  if (!g_input_stream_read_all (in, data, GUINT32_FROM_LE (le), &n_read, NULL, error) ||
      n_read < GUINT32_FROM_LE (le))
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, n_read);
}

/**
 * sb_invitation_read:
 * @snapshot: a new private file to write the campaign into
 *
 * Opens the invitation at @path with @passphrase; on success @snapshot holds the
 * new replica's campaign file. On failure @snapshot may hold part of it: the
 * caller removes it.
 *
 * Returns: (transfer full): the identity, or %NULL with @error set
 */
GVariant *
sb_invitation_read (const char  *path,
                    const char  *passphrase,
                    const char  *snapshot,
                    GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 prefix[PREFIX_BYTES];
  guint8 header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) snapshot_file = g_file_new_for_path (snapshot);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GVariant) identity = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *plain = g_malloc (PART_BYTES);
  guint64 opslimit, memlimit;
  gsize n_read = 0;
  unsigned char tag = 0;
  gboolean at_end = FALSE;
  gboolean first = TRUE;

  if (!sb_bundle_init (error))
    return NULL;
  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("Could not read the invitation “%s”: %s."), name, local_error->message);
      return NULL;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), prefix, sizeof prefix, &n_read, NULL, NULL) ||
      n_read < 4 || memcmp (prefix, MAGIC, 4) != 0)
    return not_invitation (path, error);
  if (n_read < sizeof prefix ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n_read, NULL, NULL) ||
      n_read < sizeof header)
    return damaged (path, error);
  memcpy (&opslimit, prefix + 4 + crypto_pwhash_SALTBYTES, 8);
  memcpy (&memlimit, prefix + 12 + crypto_pwhash_SALTBYTES, 8);
  opslimit = GUINT64_FROM_LE (opslimit);
  memlimit = GUINT64_FROM_LE (memlimit);
  /* Costs outside what Sambot writes are an altered file, not a reason to spend
   * gigabytes of memory. */
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
    return damaged (path, error);
  if (!derive_key (passphrase, prefix + 4, opslimit, memlimit, key, error))
    return NULL;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header, key) != 0)
    {
      sodium_memzero (key, sizeof key);
      return damaged (path, error);
    }
  sodium_memzero (key, sizeof key);

  out = g_file_replace (snapshot_file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &local_error);
  if (out == NULL)
    return file_error (snapshot, error, local_error), NULL;
  while (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    {
      g_autoptr(GBytes) sealed = read_part (G_INPUT_STREAM (in), PART_BYTES, &at_end, NULL);
      unsigned long long plain_size = 0;

      if (sealed == NULL ||
          crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_size, &tag,
                                                      g_bytes_get_data (sealed, NULL),
                                                      g_bytes_get_size (sealed),
                                                      prefix, sizeof prefix) != 0)
        {
          g_autofree char *name = g_filename_display_basename (path);

          sodium_memzero (&state, sizeof state);
          /* Only a part that is whole but does not open says "wrong passphrase". */
          if (!first || sealed == NULL)
            return damaged (path, error);
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_PASSPHRASE,
                       _("This passphrase does not open the invitation “%s”; nothing was "
                         "created. Check the passphrase with the office that invited you "
                         "(if it is right, the invitation is damaged: ask for a new one)."),
                       name);
          return NULL;
        }
      if (first)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (plain, plain_size);

          identity = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (SB_INVITATION_IDENTITY_TYPE),
                                                                   bytes, FALSE));
          first = FALSE;
          if (!g_variant_is_normal_form (identity) ||
              tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            return damaged (path, error);
          continue;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), plain, plain_size, NULL, NULL, &local_error))
        return file_error (snapshot, error, local_error), NULL;
    }
  sodium_memzero (&state, sizeof state);
  /* Nothing may follow the last part. */
  if (read_part (G_INPUT_STREAM (in), 0, &at_end, NULL) != NULL || !at_end)
    return damaged (path, error);
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error))
    return file_error (snapshot, error, local_error), NULL;
  return g_steal_pointer (&identity);
}
