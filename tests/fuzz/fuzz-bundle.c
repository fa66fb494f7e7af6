/* fuzz-bundle.c — libFuzzer target for an exchange file from another office
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/fuzz/meson.build: replayed in the test suite, a libFuzzer program with
 * -Dfuzzing=true (tests/fuzz/run.sh). docs/exchange.md, "Bundle format".
 *
 * The first byte says what the rest is:
 *   even: a bundle file as it arrived in the exchange folder. Nothing outside the
 *         campaign can sign one, so it must be refused with a GError of the store;
 *   odd:  the changes inside a bundle (a changeset and history rows a change, each
 *         preceded by its length as two bytes, little-endian), as an office of the
 *         campaign would send them — the bundle is written, signed and sealed here,
 *         so what is fuzzed is everything past the signature: reading the changes
 *         back (they must come out as they went in) and applying them to a replica
 *         of a campaign. Each must be applied or refused with a GError of the
 *         store; a refused change must leave the replica holding none of it. The
 *         replica is then put back as it was (from a copy).
 * Never a crash, a leak or a hang.
 *
 * The corpus (bundle-corpus/) was written by running this program with
 * SB_FUZZ_BUNDLE_SEEDS=DIR: the changes of a postcard typed, corrected, addressed
 * and approved, and of a detainee added, as the store logs them.
 */

#include <stdlib.h>
#include <glib/gstdio.h>

#include "sb-campaign-private.h"
#include "sb-store-bundle.h"
#include "sb-store-error.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define MAX_CHANGES 8

static struct
{
  char       *dir;
  SbCampaign *origin;     /* the office that sends */
  SbCampaign *replica;    /* the office that receives */
  char       *replica_path;
  char       *pristine_path; /* the receiver before any input */
  char       *origin_id;
  guint8      key[SB_BUNDLE_KEY_BYTES];
  guint8      public_key[SB_BUNDLE_PUBLIC_KEY_BYTES];
  guint8      secret_key[SB_BUNDLE_SECRET_KEY_BYTES];
  GHashTable *public_keys;
} office;

static void
remove_offices (void)
{
  GDir *folder;
  const char *name;

  sb_campaign_close (office.origin);
  sb_campaign_close (office.replica);
  g_clear_object (&office.origin);
  g_clear_object (&office.replica);
  folder = g_dir_open (office.dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (office.dir, name, NULL);

      g_unlink (path);
    }
  g_clear_pointer (&folder, g_dir_close);
  g_rmdir (office.dir);
  g_clear_pointer (&office.dir, g_free);
  g_clear_pointer (&office.origin_id, g_free);
  g_clear_pointer (&office.replica_path, g_free);
  g_clear_pointer (&office.pristine_path, g_free);
  g_clear_pointer (&office.public_keys, g_hash_table_unref);
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_postcard (SbCampaign *campaign,
              const char *detainee_id)
{
  g_autoptr(SbMessage) message = sb_message_new ();
  const char *const addressees[] = { detainee_id, NULL };

  set (&message->original_text, "ស៊ូទ្រាំ​ទៅ បងប្អូន — stay strong");
  set (&message->sender_name, "Kim Dara");
  set (&message->received_on, "2016-10-09");
  g_assert (sb_campaign_add_message (campaign, message, NULL));
  set (&message->sender_city, "Battambang");
  g_assert (sb_campaign_update_message (campaign, message, NULL));
  g_assert (sb_campaign_assign (campaign, message->id, addressees, NULL));
  g_assert (sb_campaign_approve (campaign, message->id, TRUE, NULL));
}

/* Writes the changes the origin logged as this target's inputs, one file each and
 * one with all of them. */
static void
write_seeds (const char *dir)
{
  g_autoptr(GPtrArray) changes = sb_store_list_changes (_sb_campaign_get_store (office.origin),
                                                        0, NULL);
  g_autoptr(GByteArray) all = g_byte_array_new ();
  const guint8 odd = 1;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bundle = NULL;

  g_assert (changes != NULL);
  g_byte_array_append (all, &odd, 1);
  for (guint i = 0; i < changes->len; i++)
    {
      SbChange *change = changes->pdata[i];
      g_autoptr(GByteArray) one = g_byte_array_new ();
      g_autofree char *one_name = g_strdup_printf ("%s/change-%u", dir, i + 1);
      GBytes *parts[] = { change->changeset, change->history };

      g_byte_array_append (one, &odd, 1);
      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        {
          gsize n = g_bytes_get_size (parts[j]);
          guint8 length[2] = { n & 0xff, (n >> 8) & 0xff };

          g_assert (n <= 0xffff);
          g_byte_array_append (one, length, 2);
          g_byte_array_append (one, g_bytes_get_data (parts[j], NULL), n);
        }
      g_assert (g_file_set_contents (one_name, (char *) one->data, one->len, NULL));
      g_byte_array_append (all, one->data + 1, one->len - 1);
    }
  name = g_build_filename (dir, "changes-all", NULL);
  g_assert (g_file_set_contents (name, (char *) all->data, all->len, NULL));

  /* And the same changes as the file that went to the folder (signed with this
   * run's key, so only its header and framing are read before the refusal). */
  bundle = sb_bundle_write ("campaign-1", office.key, office.secret_key, changes, NULL);
  g_assert (bundle != NULL);
  g_byte_array_set_size (all, 1);
  all->data[0] = 0;
  g_byte_array_append (all, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
  g_free (name);
  name = g_build_filename (dir, "bundle-all", NULL);
  g_assert (g_file_set_contents (name, (char *) all->data, all->len, NULL));
}

static void
set_up_offices (void)
{
  g_autofree char *origin_path = NULL;
  g_autoptr(SbDetainee) detainee = sb_detainee_new ();
  const char *seeds = g_getenv ("SB_FUZZ_BUNDLE_SEEDS");

  g_assert (sb_bundle_init (NULL));
  sb_bundle_new_campaign_key (office.key);
  sb_bundle_new_signing_keys (office.public_key, office.secret_key);

  office.dir = g_dir_make_tmp ("sambot-fuzz-bundle-XXXXXX", NULL);
  g_assert (office.dir != NULL);
  origin_path = g_build_filename (office.dir, "office-a.sambot", NULL);
  office.replica_path = g_build_filename (office.dir, "office-b.sambot", NULL);
  office.pristine_path = g_build_filename (office.dir, "office-b-pristine.sambot", NULL);
  office.origin = sb_campaign_create (origin_path, "#Freethe5KH", "PP", NULL);
  g_assert (office.origin != NULL);
  sb_campaign_set_clock (office.origin, "2016-10-10T08:00:00Z");
  g_assert (sb_store_join_exchange (_sb_campaign_get_store (office.origin), NULL));
  office.origin_id = sb_store_get_replica_id (_sb_campaign_get_store (office.origin));

  /* The receiver: a copy of the origin, a replica of its own. */
  g_assert (sb_campaign_backup (office.origin, office.replica_path, FALSE, NULL));
  office.replica = sb_campaign_open (office.replica_path, FALSE, NULL);
  g_assert (office.replica != NULL);
  g_assert (sb_store_join_exchange (_sb_campaign_get_store (office.replica), NULL));
  g_assert (sb_campaign_backup (office.replica, office.pristine_path, FALSE, NULL));

  /* What the seeds are made of, logged by the origin after the copy. */
  set (&detainee->name_en, "Ny Sokha");
  set (&detainee->name_km, "នី សុខា");
  g_assert (sb_campaign_add_detainee (office.origin, detainee, NULL));
  add_postcard (office.origin, detainee->id);
  if (seeds != NULL)
    write_seeds (seeds);

  office.public_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_bytes_unref);
  g_hash_table_insert (office.public_keys, g_strdup (office.origin_id),
                       g_bytes_new (office.public_key, sizeof office.public_key));
  atexit (remove_offices);
}

static gboolean
store_error (const GError *error)
{
  return error != NULL && error->domain == SB_STORE_ERROR &&
         g_utf8_validate (error->message, -1, NULL);
}

static GPtrArray *
parse_changes (const guint8 *data,
               size_t        size)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_change_free);

  while (size > 0 && changes->len < MAX_CHANGES)
    {
      SbChange *change = g_new0 (SbChange, 1);
      GBytes **parts[] = { &change->changeset, &change->history };

      change->origin = g_strdup (office.origin_id);
      change->seq = changes->len + 1;
      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        {
          size_t n = size >= 2 ? MIN ((size_t) (data[0] | data[1] << 8), size - 2) : 0;

          data += MIN (size, 2);
          size -= MIN (size, 2);
          *parts[j] = g_bytes_new (data, n);
          data += n;
          size -= n;
        }
      g_ptr_array_add (changes, change);
    }
  return changes;
}

static void
assert_same_changes (GPtrArray *read,
                     GPtrArray *written)
{
  g_assert (read->len == written->len);
  for (guint i = 0; i < read->len; i++)
    {
      SbChange *a = read->pdata[i], *b = written->pdata[i];

      g_assert (g_str_equal (a->origin, b->origin) && a->seq == b->seq);
      g_assert (g_bytes_equal (a->changeset, b->changeset));
      g_assert (g_bytes_equal (a->history, b->history));
    }
}

static void
put_replica_back (void)
{
  static const char *const sidecars[] = { "-wal", "-shm" };
  g_autoptr(GFile) pristine = g_file_new_for_path (office.pristine_path);
  g_autoptr(GFile) replica = g_file_new_for_path (office.replica_path);

  sb_campaign_close (office.replica);
  g_clear_object (&office.replica);
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *path = g_strconcat (office.replica_path, sidecars[i], NULL);

      g_unlink (path);
    }
  g_assert (g_file_copy (pristine, replica, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
  office.replica = sb_campaign_open (office.replica_path, FALSE, NULL);
  g_assert (office.replica != NULL);
}

static void
apply (GPtrArray *changes)
{
  SbStore *store = _sb_campaign_get_store (office.replica);
  gint64 held = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean applied = FALSE;

      if (!sb_store_apply_change (store, changes->pdata[i], &applied, &error))
        {
          g_assert (store_error (error));
          break;
        }
      g_assert (applied);
      held = i + 1;
    }
  g_assert (sb_store_get_received_seq (store, office.origin_id) == held);
  if (held > 0)
    put_replica_back ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GBytes) bundle = NULL;

  if (office.dir == NULL)
    set_up_offices ();
  if (size == 0)
    return 0;

  if (data[0] % 2 == 0)
    {
      bundle = g_bytes_new (data + 1, size - 1);
      read = sb_bundle_read (bundle, "from-the-folder.sbx", "campaign-1", office.key,
                             office.public_keys, &error);
      g_assert (read == NULL && store_error (error));
      return 0;
    }

  changes = parse_changes (data + 1, size - 1);
  if (changes->len == 0)
    return 0;
  bundle = sb_bundle_write ("campaign-1", office.key, office.secret_key, changes, &error);
  g_assert (bundle != NULL);
  read = sb_bundle_read (bundle, "from-the-folder.sbx", "campaign-1", office.key,
                         office.public_keys, &error);
  g_assert (read != NULL);
  assert_same_changes (read, changes);
  apply (read);
  return 0;
}
