/* sb-store-bundle-ack.c — what a replica has received, as a file the others can
 * trust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/exchange.md, "Old bundles". Each replica keeps one acknowledgement in the
 * exchange folder and writes it again after each exchange:
 *
 *   "SBA1" | GVariant (ssxa{sx}) campaign id, origin, its own last change written
 *   to the folder, the last change it applied of each other origin | Ed25519
 *   signature (64 bytes) of the origin over every byte before it.
 *
 * Not encrypted: it says no more than the bundles' names do. Signed, because an
 * office removes its old bundles on its strength.
 */

#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <string.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "sb-store-bundle-ack.h"

#define MAGIC "SBA1"
#define ACK_TYPE "(ssxa{sx})"

void
sb_bundle_ack_free (SbBundleAck *ack)
{
  if (ack == NULL)
    return;
  g_free (ack->origin);
  g_clear_pointer (&ack->received, g_hash_table_unref);
  g_free (ack);
}

/* Returns: the last change of @origin that @ack says was applied, or 0 */
gint64
sb_bundle_ack_received (SbBundleAck *ack,
                        const char  *origin)
{
  gint64 *seq = ack->received != NULL ? g_hash_table_lookup (ack->received, origin) : NULL;

  return seq != NULL ? *seq : 0;
}

/**
 * sb_bundle_write_ack:
 *
 * Returns: (transfer full): the acknowledgement's bytes, signed with @secret_key
 */
GBytes *
sb_bundle_write_ack (const char    *campaign_id,
                     const guint8   secret_key[SB_BUNDLE_SECRET_KEY_BYTES],
                     SbBundleAck   *ack)
{
  g_auto(GVariantBuilder) received = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sx}"));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GList) origins = NULL;
  guint8 signature[crypto_sign_BYTES];

  /* In order, so that the same state writes the same bytes. */
  origins = g_list_sort (g_hash_table_get_keys (ack->received), (GCompareFunc) strcmp);
  for (GList *l = origins; l != NULL; l = l->next)
    g_variant_builder_add (&received, "{sx}", l->data, sb_bundle_ack_received (ack, l->data));
  body = g_variant_ref_sink (g_variant_new (ACK_TYPE, campaign_id, ack->origin, ack->head,
                                            &received));
  g_byte_array_append (out, (const guint8 *) MAGIC, 4);
  g_byte_array_append (out, g_variant_get_data (body), g_variant_get_size (body));
  crypto_sign_detached (signature, NULL, out->data, out->len, secret_key);
  g_byte_array_append (out, signature, sizeof signature);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * sb_bundle_read_ack:
 * @public_keys: origin → GBytes, the campaign's replicas' keys
 *
 * Returns: (transfer full): the acknowledgement, or NULL if it is not this
 *   campaign's, its writer is not known here, or it was changed after it was signed
 */
SbBundleAck *
sb_bundle_read_ack (GBytes      *bytes,
                    const char  *name,
                    const char  *campaign_id,
                    GHashTable  *public_keys,
                    GError     **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  g_autoptr(SbBundleAck) ack = NULL;
  const char *ack_campaign, *origin, *received_origin;
  GBytes *public_key;
  gint64 head, seq;

  if (!sb_bundle_init (error))
    return NULL;
  if (size < 4 + crypto_sign_BYTES || memcmp (data, MAGIC, 4) != 0)
    goto damaged;
  body = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE (ACK_TYPE), data + 4,
                                                      size - 4 - crypto_sign_BYTES, FALSE,
                                                      NULL, NULL));
  if (!g_variant_is_normal_form (body))
    goto damaged;
  g_variant_get (body, "(&s&sxa{sx})", &ack_campaign, &origin, &head, &iter);
  if (g_strcmp0 (ack_campaign, campaign_id) != 0 ||
      (public_key = g_hash_table_lookup (public_keys, origin)) == NULL ||
      g_bytes_get_size (public_key) != crypto_sign_PUBLICKEYBYTES ||
      crypto_sign_verify_detached (data + size - crypto_sign_BYTES, data, size - crypto_sign_BYTES,
                                   g_bytes_get_data (public_key, NULL)) != 0)
    goto damaged;

  ack = g_new0 (SbBundleAck, 1);
  ack->origin = g_strdup (origin);
  ack->head = head;
  ack->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (g_variant_iter_next (iter, "{&sx}", &received_origin, &seq))
    g_hash_table_insert (ack->received, g_strdup (received_origin), g_memdup2 (&seq, sizeof seq));
  return g_steal_pointer (&ack);

damaged:
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT,
               _("“%s” is not an acknowledgement of an office of this campaign, or it was "
                 "changed after it was written; it was left aside."), name);
  return NULL;
}
