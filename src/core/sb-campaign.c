/* sb-campaign.c — a campaign: opening, settings, transactions, identifiers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-campaign-private.h"
#include "sb-store-changes.h"
#include "sb-validate.h"

struct _SbCampaign
{
  GObject  parent_instance;

  SbStore *store;
  char    *operator_name;
  char    *fixed_now;
  GRand   *rand;
  gint64   id_ms;       /* the time in the last id made, ms since 1970 */
  guint    id_counter;  /* ids made in that millisecond */
  char    *session_marker;  /* sb_campaign_start_session()'s file, removed at close */
};

G_DEFINE_FINAL_TYPE (SbCampaign, sb_campaign, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-core-error-quark, sb_core_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Internal                                                                 */
/* ------------------------------------------------------------------------ */

gboolean
_sb_not_allowed (GError     **error,
                 const char  *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED, format, args);
  va_end (args);
  return FALSE;
}

SbStore *
_sb_campaign_get_store (SbCampaign *self)
{
  return self->store;
}

char *
_sb_campaign_today (SbCampaign *self)
{
  if (self->fixed_now != NULL)
    return g_strndup (self->fixed_now, 10);
  return sb_today ();
}

gboolean
_sb_campaign_finish (SbCampaign  *self,
                     gboolean     ok,
                     GError     **error)
{
  if (!ok)
    {
      sb_store_rollback (self->store);
      return FALSE;
    }
  if (!sb_store_commit (self->store, error))
    return FALSE;
  /* Inside a bulk operation, one announcement when the whole of it is saved. */
  if (!sb_store_in_transaction (self->store))
    g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* @marker: (transfer full) (nullable): a file to remove when the campaign closes */
void
_sb_campaign_set_session_marker (SbCampaign *self,
                                 char       *marker)
{
  g_free (self->session_marker);
  self->session_marker = marker;
}

static void
end_session (SbCampaign *self)
{
  if (self->session_marker != NULL)
    g_unlink (self->session_marker);
  g_clear_pointer (&self->session_marker, g_free);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_campaign_finalize (GObject *object)
{
  SbCampaign *self = (SbCampaign *) object;

  /* The connection closes with the store below: the session ends cleanly. */
  end_session (self);

  g_clear_object (&self->store);
  g_clear_pointer (&self->operator_name, g_free);
  g_clear_pointer (&self->fixed_now, g_free);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (sb_campaign_parent_class)->finalize (object);
}

static void
sb_campaign_class_init (SbCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_campaign_finalize;

  /**
   * SbCampaign::changed:
   *
   * Emitted after every change that was saved to the campaign file.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
sb_campaign_init (SbCampaign *self)
{
}

/* ------------------------------------------------------------------------ */
/* Opening and closing                                                      */
/* ------------------------------------------------------------------------ */

/* @store: (transfer full) */
SbCampaign *
_sb_campaign_new_for_store (SbStore *store)
{
  SbCampaign *self = g_object_new (SB_TYPE_CAMPAIGN, NULL);

  self->store = store;
  sb_campaign_set_operator (self, g_get_real_name ());
  return self;
}

/**
 * sb_campaign_create:
 * @path: the new campaign file (must not exist)
 * @name: the campaign's name
 * @office_code: the code of this office, the prefix of the references it gives
 *
 * Returns: (transfer full): the new campaign, or %NULL with @error set
 */
SbCampaign *
sb_campaign_create (const char  *path,
                    const char  *name,
                    const char  *office_code,
                    GError     **error)
{
  g_autoptr(SbCampaign) self = NULL;
  SbStore *store;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (!sb_validate_text (name, _("Campaign name"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error) ||
      !sb_validate_code (office_code, _("Office code"), error))
    return NULL;

  store = sb_store_create (path, error);
  if (store == NULL)
    return NULL;
  self = _sb_campaign_new_for_store (store);

  if (!sb_store_begin (self->store, error))
    return NULL;
  ok = sb_store_set_setting (self->store, SB_SETTING_NAME, name, error) &&
       sb_store_set_setting (self->store, SB_SETTING_OFFICE_CODE, office_code, error);
  if (!_sb_campaign_finish (self, ok, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * sb_campaign_open:
 * @path: a campaign file
 * @read_only: look without changing anything
 *
 * Returns: (transfer full): the campaign, or %NULL with @error set (in the
 *   SB_STORE_ERROR domain: not a campaign, damaged, newer version, read-only…)
 */
SbCampaign *
sb_campaign_open (const char  *path,
                  gboolean     read_only,
                  GError     **error)
{
  return sb_campaign_open_full (path, read_only, NULL, NULL, error);
}

/**
 * sb_campaign_open_reader:
 * @path: the file of a campaign that is open already
 *
 * A second, read-only connection to a campaign, for a worker thread: it sees what
 * was saved, never changes anything, and skips the check at open, which the
 * campaign's own connection made.
 *
 * Returns: (transfer full): the campaign, or %NULL with @error set
 */
SbCampaign *
sb_campaign_open_reader (const char  *path,
                         GError     **error)
{
  SbStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = sb_store_open (path, SB_STORE_OPEN_READ_ONLY | SB_STORE_OPEN_NO_CHECK, error);
  if (store == NULL)
    return NULL;
  return _sb_campaign_new_for_store (store);
}

/**
 * sb_campaign_close:
 *
 * Writes everything into the one campaign file and closes it. Nothing else may be
 * done with the campaign afterwards.
 */
void
sb_campaign_close (SbCampaign *self)
{
  g_return_if_fail (SB_IS_CAMPAIGN (self));
  sb_store_close (self->store);
  end_session (self);
}

const char *
sb_campaign_get_path (SbCampaign *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return sb_store_get_path (self->store);
}

gboolean
sb_campaign_is_read_only (SbCampaign *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), TRUE);
  return sb_store_is_read_only (self->store);
}

/**
 * sb_campaign_backup:
 * @destination: the backup file to write
 * @replace: write over an existing @destination (never over a campaign that is
 *   open, here or in another program)
 *
 * See sb_store_backup().
 */
gboolean
sb_campaign_backup (SbCampaign  *self,
                    const char  *destination,
                    gboolean     replace,
                    GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  return sb_store_backup (self->store, destination,
                          replace ? SB_STORE_BACKUP_REPLACE : SB_STORE_BACKUP_DEFAULT, error);
}

/* ------------------------------------------------------------------------ */
/* Who, when, and identifiers                                               */
/* ------------------------------------------------------------------------ */

void
sb_campaign_set_operator (SbCampaign *self,
                          const char *operator_name)
{
  g_return_if_fail (SB_IS_CAMPAIGN (self));

  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name ? operator_name : "");
  sb_store_set_operator (self->store, self->operator_name);
}

const char *
sb_campaign_get_operator (SbCampaign *self)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);
  return self->operator_name;
}

/**
 * sb_campaign_set_seed:
 *
 * From now on identifiers come from a generator seeded with @seed, so that the
 * same operations give the same campaign file.
 */
void
sb_campaign_set_seed (SbCampaign *self,
                      guint32     seed)
{
  g_return_if_fail (SB_IS_CAMPAIGN (self));

  g_clear_pointer (&self->rand, g_rand_free);
  self->rand = g_rand_new_with_seed (seed);
}

/**
 * sb_campaign_set_clock:
 * @fixed_now: (nullable): "YYYY-MM-DDTHH:MM:SSZ" taken as the time of every change
 *   (and its day as today), or %NULL for the real clock
 */
void
sb_campaign_set_clock (SbCampaign *self,
                       const char *fixed_now)
{
  g_return_if_fail (SB_IS_CAMPAIGN (self));

  g_free (self->fixed_now);
  self->fixed_now = g_strdup (fixed_now);
  sb_store_set_clock (self->store, fixed_now);
}

/* The milliseconds an id carries: the clock's, or the fixed clock's when set
 * (so a seeded campaign is the same every time). */
static gint64
id_time (SbCampaign *self)
{
  g_autoptr(GDateTime) fixed = NULL;

  if (self->fixed_now == NULL)
    return self->rand != NULL ? 0 : g_get_real_time () / 1000;
  fixed = g_date_time_new_from_iso8601 (self->fixed_now, NULL);
  return fixed != NULL ? g_date_time_to_unix (fixed) * 1000 : 0;
}

/**
 * sb_campaign_new_id:
 *
 * Ids are time-ordered UUIDs (version 7, RFC 9562): 48 bits of milliseconds, a
 * 12-bit counter that keeps ids made in the same millisecond in order, and 62
 * random bits. Unique across offices like random UUIDs, but the ids of rows added
 * together sort together, so a large import appends to the indexes rather than
 * writing all over them (twice as fast for 200,000 copies).
 *
 * Returns: (transfer full): a new UUID, later than the ones made before
 */
char *
sb_campaign_new_id (SbCampaign *self)
{
  guint8 bytes[16];
  gint64 ms;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  ms = id_time (self);
  if (ms > self->id_ms)
    self->id_counter = 0;
  else if (++self->id_counter <= 0xfff)
    ms = self->id_ms;
  else
    {
      ms = self->id_ms + 1;
      self->id_counter = 0;
    }
  self->id_ms = ms;

  for (guint i = 8; i < sizeof bytes; i += 4)
    {
      guint32 r = self->rand != NULL ? g_rand_int (self->rand) : g_random_int ();
      memcpy (bytes + i, &r, 4);
    }
  for (guint i = 0; i < 6; i++)
    bytes[i] = (ms >> (40 - 8 * i)) & 0xff;
  bytes[6] = 0x70 | (self->id_counter >> 8);
  bytes[7] = self->id_counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

/* ------------------------------------------------------------------------ */
/* Transactions                                                             */
/* ------------------------------------------------------------------------ */

/**
 * sb_campaign_begin:
 *
 * Starts a group of operations that is saved as one by sb_campaign_commit() or
 * forgotten by sb_campaign_rollback(). Operations inside keep their own checks.
 */
gboolean
sb_campaign_begin (SbCampaign  *self,
                   GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  return sb_store_begin (self->store, error);
}

gboolean
sb_campaign_commit (SbCampaign  *self,
                    GError     **error)
{
  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  return _sb_campaign_finish (self, TRUE, error);
}

void
sb_campaign_rollback (SbCampaign *self)
{
  g_return_if_fail (SB_IS_CAMPAIGN (self));
  sb_store_rollback (self->store);
}

/* ------------------------------------------------------------------------ */
/* Settings                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * sb_campaign_get_setting:
 * Returns: (transfer full): the value of @key, "" if unset; %NULL with @error set
 *   when the file cannot be read
 */
char *
sb_campaign_get_setting (SbCampaign  *self,
                         const char  *key,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  value = sb_store_get_setting (self->store, key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return value ? value : g_strdup ("");
}

gboolean
sb_campaign_set_setting (SbCampaign  *self,
                         const char  *key,
                         const char  *value,
                         GError     **error)
{
  gboolean valid;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (g_str_equal (key, SB_SETTING_NAME))
    valid = sb_validate_text (value, _("Campaign name"), SB_MAX_NAME_CHARS, SB_FIELD_REQUIRED, error);
  else if (g_str_equal (key, SB_SETTING_HASHTAG))
    valid = sb_validate_text (value, _("Hashtag"), SB_MAX_NAME_CHARS, 0, error);
  else if (g_str_equal (key, SB_SETTING_OFFICE_CODE))
    {
      g_autofree char *own = sb_store_get_exchange_value (self->store, "office-code");

      valid = sb_validate_code (value, _("Office code"), error);
      /* A replica's references carry its office code: the other offices know it so. */
      if (valid && own != NULL && g_strcmp0 (own, value) != 0)
        valid = _sb_not_allowed (error, _("This campaign exchanges with other offices, and "
                                          "its office code %s was given when it joined: it "
                                          "cannot change."), own);
    }
  else if (g_str_equal (key, SB_SETTING_LAUNCH_DATE))
    valid = sb_validate_date (value, _("Launch date"), 0, error);
  else if (g_str_equal (key, SB_SETTING_AS_OF))
    valid = sb_validate_date (value, _("As-of date"), 0, error);
  else
    valid = sb_validate_text (key, _("Setting name"), 64, SB_FIELD_REQUIRED, error) &&
            sb_validate_text (value, _("Setting value"), SB_MAX_LINE_CHARS, 0, error);
  if (!valid || !sb_store_begin (self->store, error))
    return FALSE;
  return _sb_campaign_finish (self, sb_store_set_setting (self->store, key, value, error), error);
}

/**
 * sb_campaign_get_as_of:
 *
 * Returns: (transfer full): the day the campaign's figures are counted to: its
 *   "as of" setting, or today; %NULL with @error set when the file cannot be read
 */
char *
sb_campaign_get_as_of (SbCampaign  *self,
                       GError     **error)
{
  g_autofree char *as_of = NULL;

  g_return_val_if_fail (SB_IS_CAMPAIGN (self), NULL);

  as_of = sb_campaign_get_setting (self, SB_SETTING_AS_OF, error);
  if (as_of == NULL)
    return NULL;
  if (sb_date_is_valid (as_of))
    return g_steal_pointer (&as_of);
  return _sb_campaign_today (self);
}
