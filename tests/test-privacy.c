/* test-privacy.c — forgetting a sender, what is printed of a sender, and what a
 * sealed batch freezes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The erasure is checked where a person with the file would look: the bytes of the
 * campaign file on disk (and of its write-ahead log), not only what Sambot reads
 * back. Documents are read with pdftotext; sambot-cli is run as a person would.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libintl.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "batch-fixture.h"
#include "sb-bidi.h"
#include "sb-privacy.h"
#include "sb-render.h"
#include "sb-scan-loader.h"
#include "sb-store.h"
#include "sb-scans.h"
#include "sb-test.h"

/* What the sender wrote about themselves, and what only they and the campaign know. */
#define NAME    "Claire Dubois"
#define CITY    "Grenoble"
#define CONTACT "claire.dubois@example.org"
#define CONTACT_BEFORE "cdubois@example.net"

static const char *const traces[] = {
  "claire", "dubois", "grenoble", "dubois@example.org", "cdubois@example.net",
};

/* ================================================================ helpers */

static GBytes *
file_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* Whether @needle (lowercase ASCII) is anywhere in the file, in any case. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autoptr(GBytes) bytes = file_bytes (path);
  gsize length;
  const guchar *data = g_bytes_get_data (bytes, &length);
  gsize n = strlen (needle);

  for (gsize i = 0; n <= length && i <= length - n; i++)
    {
      gsize j = 0;

      while (j < n && g_ascii_tolower (data[i + j]) == needle[j])
        j++;
      if (j == n)
        return TRUE;
    }
  return FALSE;
}

/* Every trace of the sender, in the file and in its log. */
static guint
count_traces (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    {
      if (file_contains (path, traces[i]) || file_contains (wal, traces[i]))
        {
          if (g_test_verbose ())
            g_printerr ("still in the file: %s\n", traces[i]);
          found++;
        }
    }
  return found;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static SbMessage *
get_message (Fixture    *fixture,
             const char *ref)
{
  g_autoptr(GError) error = NULL;
  SbMessage *message = sb_campaign_get_message (fixture->campaign, ref, &error);

  g_assert_no_error (error);
  return message;
}

static void
edit (Fixture    *fixture,
      SbMessage  *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
}

/* A PNG of the card whose metadata names the sender, as a phone's might. */
static void
add_scan (Fixture    *fixture,
          const char *message_id,
          const char *side)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autofree char *png = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbScan) scan = NULL;

  gdk_pixbuf_fill (pixbuf, 0xd0c0a0ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", &error,
                                            "tEXt::Author", NAME ", " CITY, NULL));
  g_assert_no_error (error);
  bytes = g_bytes_new (png, length);
  scan = sb_scan_load_bytes (bytes, "card.png", &error);
  g_assert_no_error (error);
  fixture_set (&scan->message_id, message_id);
  fixture_set (&scan->side, side);
  g_assert_true (sb_campaign_add_scan (fixture->campaign, scan, &error));
  g_assert_no_error (error);
}

/* A message from Claire Dubois to Ny Sokha, approved, whose contact was first typed
 * wrong, then blanked, then typed again: every value is in the history. */
static char *
add_claire (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();
  const char *to[] = { fixture->detainees[0], NULL };

  fixture_set (&message->original_text, "Courage à vous. Nous ne vous oublions pas.");
  fixture_set (&message->translation_km, "សូមរឹងមាំ។ យើងមិនភ្លេចលោកទេ។");
  fixture_set (&message->sender_name, NAME);
  fixture_set (&message->sender_city, CITY);
  fixture_set (&message->sender_country, "FR");
  fixture_set (&message->sender_contact, CONTACT_BEFORE);
  fixture_set (&message->consent, "detainee");
  fixture_set (&message->channel, "online");
  fixture_set (&message->received_on, "2016-09-01");
  g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  fixture_set (&message->sender_contact, "");
  edit (fixture, message);
  fixture_set (&message->sender_contact, CONTACT);
  edit (fixture, message);
  add_scan (fixture, message->id, "front");
  add_scan (fixture, message->id, "back");
  g_assert_true (sb_campaign_assign (fixture->campaign, message->id, to, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_approve (fixture->campaign, message->id, FALSE, &error));
  g_assert_no_error (error);
  g_ptr_array_add (fixture->refs, g_strdup (message->ref));
  return g_strdup (message->ref);
}

static SbStats *
get_stats (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SbStats *stats = sb_campaign_get_stats (fixture->campaign, "2016-10-08", &error);

  g_assert_no_error (error);
  return stats;
}

static void
forget (Fixture    *fixture,
        const char *ref,
        guint       expected_scans)
{
  g_autoptr(GError) error = NULL;
  guint n_scans = 99;

  g_assert_true (sb_campaign_forget_sender (fixture->campaign, ref, &n_scans, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_scans, ==, expected_scans);
}

/* ========================================================== forget sender */

/* Forgetting is final: the sender's name, city and contact are not typed on the
 * message again (another office would erase them anyway); the rest of the message
 * can still change. */
static void
test_forget_final (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(SbMessage) after = NULL;
  gboolean forgotten = TRUE;
  const char *fields[] = { "name", "city", "contact" };

  ref = add_claire (fixture);
  message = sb_campaign_get_message (fixture->campaign, ref, &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_sender_is_forgotten (fixture->campaign, message->id, &forgotten, &error));
  g_assert_false (forgotten);
  forget (fixture, ref, 2);
  g_assert_true (sb_campaign_sender_is_forgotten (fixture->campaign, message->id, &forgotten, &error));
  g_assert_true (forgotten);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(SbMessage) typed = sb_campaign_get_message (fixture->campaign, ref, &error);

      g_assert_no_error (error);
      if (i == 0)
        fixture_set (&typed->sender_name, "Claire Dubois");
      else if (i == 1)
        fixture_set (&typed->sender_city, "Lyon");
      else
        fixture_set (&typed->sender_contact, "claire@example.org");
      g_assert_false (sb_campaign_update_message (fixture->campaign, typed, &error));
      g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
      g_assert_nonnull (strstr (error->message, "forgotten at their request"));
      g_clear_error (&error);
    }

  /* The notes are the message's, not the sender's. */
  g_clear_pointer (&message, sb_message_free);
  message = sb_campaign_get_message (fixture->campaign, ref, &error);
  fixture_set (&message->notes, "Card with a drawing of a lotus");
  g_assert_true (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  after = sb_campaign_get_message (fixture->campaign, ref, &error);
  g_assert_cmpstr (after->notes, ==, "Card with a drawing of a lotus");
  g_assert_cmpstr (after->sender_name, ==, "");
}

static void
test_forget_no_trace (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(SbStats) before = NULL;
  g_autoptr(SbStats) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  const SbHistoryEntry *last;
  guint erased = 0;

  fixture_add_messages (fixture, 12, NULL);
  ref = add_claire (fixture);
  fixture_add_messages (fixture, 12, NULL);
  sb_campaign_set_operator (fixture->campaign, "Sophea");
  sb_campaign_set_clock (fixture->campaign, "2016-10-09T15:00:00Z");
  before = get_stats (fixture);

  /* The sender is in the message, its history, the search index and the scans'
   * metadata (test_forget_traces_seen() finds them in the file)… */
  found = sb_campaign_search (fixture->campaign, "Dubois", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  forget (fixture, ref, 2);

  /* …and nowhere after: not in the file, not in the log, not in free pages. */
  g_assert_cmpuint (count_traces (fixture->path), ==, 0);
  g_assert_false (file_contains (wal, "courage"));

  message = get_message (fixture, ref);
  g_assert_cmpstr (message->sender_name, ==, "");
  g_assert_cmpstr (message->sender_city, ==, "");
  g_assert_cmpstr (message->sender_contact, ==, "");
  g_assert_cmpstr (message->consent, ==, "none");
  /* What the message says, where it came from, and where it is going stay. */
  g_assert_cmpstr (message->sender_country, ==, "FR");
  g_assert_cmpstr (message->original_text, ==, "Courage à vous. Nous ne vous oublions pas.");
  g_assert_cmpstr (message->translation_km, ==, "សូមរឹងមាំ។ យើងមិនភ្លេចលោកទេ។");
  g_assert_cmpstr (message->status, ==, "approved");
  scans = sb_campaign_list_scans (fixture->campaign, message->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scans->len, ==, 0);

  after = get_stats (fixture);
  g_assert_cmpint (after->messages_received, ==, before->messages_received);
  g_assert_cmpint (after->messages_sent, ==, before->messages_sent);
  g_assert_cmpint (after->copies_waiting, ==, before->copies_waiting);

  found = sb_campaign_search (fixture->campaign, "Dubois", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sb_campaign_search (fixture->campaign, "oublions", 10, NULL, &error);
  g_assert_cmpuint (found->len, ==, 1);

  /* The history keeps every change, with the values erased, and says who erased
   * them and when. */
  history = sb_campaign_list_history (fixture->campaign, message->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      const SbHistoryEntry *entry = history->pdata[i];

      if (g_str_has_prefix (entry->field, "sender_") && !g_str_equal (entry->field, "sender_country") &&
          !g_str_equal (entry->field, "sender_erased"))
        {
          g_assert_true (entry->before == NULL || *entry->before == '\0' ||
                         sb_history_value_is_erased (entry->before));
          g_assert_true (entry->after == NULL || *entry->after == '\0' ||
                         sb_history_value_is_erased (entry->after));
          erased += sb_history_value_is_erased (entry->before) +
                    sb_history_value_is_erased (entry->after);
        }
    }
  /* The first contact blanked, the second typed; then the erasure's own name, city
   * and contact rows (the name and city were typed when the message was added). */
  g_assert_cmpuint (erased, ==, 5);
  last = history->pdata[history->len - 1];
  g_assert_cmpstr (last->field, ==, "sender_erased");
  g_assert_cmpstr (last->operator_name, ==, "Sophea");
  g_assert_cmpstr (last->at, ==, "2016-10-09T15:00:00Z");
  g_assert_cmpstr (sb_history_value (SB_STORE_ERASED), ==, "[erased]");

  /* Once closed, the file alone holds no trace either. */
  sb_campaign_close (fixture->campaign);
  g_assert_cmpuint (count_traces (fixture->path), ==, 0);
}

/* In a thread, on a connection of its own (the window's way): the same result, and
 * the campaign announces the change. */
static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
count_cb (gpointer  campaign,
          guint    *changes)
{
  (*changes)++;
}

static void
test_forget_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = add_claire (fixture);
  g_autoptr(SbMessage) message = get_message (fixture, ref);
  g_autoptr(SbMessage) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint changes = 0;
  guint n_scans = 0;

  g_signal_connect (fixture->campaign, "changed", G_CALLBACK (count_cb), &changes);
  sb_campaign_forget_sender_async (fixture->campaign, message->id, NULL, forgotten_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_campaign_forget_sender_finish (fixture->campaign, result, &n_scans, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_scans, ==, 2);
  g_assert_cmpuint (changes, ==, 1);
  after = get_message (fixture, ref);
  g_assert_cmpstr (after->sender_name, ==, "");
  g_assert_cmpstr (after->original_text, ==, message->original_text);
  g_assert_cmpuint (count_traces (fixture->path), ==, 0);
}

/* Without the erasure the same checks find the sender: they can fail. */
static void
test_forget_traces_seen (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *ref = add_claire (fixture);
  g_autoptr(SbMessage) message = get_message (fixture, ref);

  fixture_set (&message->sender_name, "");
  fixture_set (&message->sender_city, "");
  fixture_set (&message->sender_contact, "");
  edit (fixture, message);
  sb_campaign_close (fixture->campaign);
  /* Blanked by an edit: still in the history, and so in the file. */
  g_assert_cmpuint (count_traces (fixture->path), ==, G_N_ELEMENTS (traces));
}

/* The history stays append-only for everyone else: another program, or Sambot
 * changing anything but a sender's erased values. */
static int
exec_sql (sqlite3    *db,
          const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static int
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
sql_fixed (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  sqlite3_result_text (context, "x", -1, SQLITE_STATIC);
}

static void
sql_true (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_int (context, 1);
}

static void
test_history_append_only (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *ref = add_claire (fixture);
  sqlite3 *db = NULL;

  sb_campaign_close (fixture->campaign);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "sb_now", 0, SQLITE_UTF8, NULL, sql_fixed, NULL, NULL);
  sqlite3_create_function (db, "sb_operator", 0, SQLITE_UTF8, NULL, sql_fixed, NULL, NULL);

  /* Another program has no sb_erasing (): nothing changes, not even to erase. */
  g_assert_cmpint (exec_sql (db, "UPDATE history SET before = '[erased]' "
                                 "WHERE field = 'sender_contact'"), !=, SQLITE_OK);
  g_assert_cmpint (exec_sql (db, "DELETE FROM history"), !=, SQLITE_OK);
  /* Refused by the history's own rule, with its words (a migration that made the
   * view again once dropped the rule: SQLite's own refusal of a view was left). */
  g_assert_cmpstr (sqlite3_errmsg (db), ==, "history is append-only");

  /* Even while erasing, only a sender's name, city and contact, only to the marker,
   * and nothing else of the row. */
  sqlite3_create_function (db, "sb_erasing", 1, SQLITE_UTF8, NULL, sql_true, NULL, NULL);
  g_assert_cmpint (exec_sql (db, "UPDATE history SET after = '[erased]' "
                                 "WHERE field = 'status'"), !=, SQLITE_OK);
  g_assert_cmpint (exec_sql (db, "UPDATE history SET after = 'Someone else' "
                                 "WHERE field = 'sender_contact'"), !=, SQLITE_OK);
  g_assert_cmpint (exec_sql (db, "UPDATE history SET operator = '[erased]' "
                                 "WHERE field = 'sender_contact'"), !=, SQLITE_OK);
  g_assert_cmpint (exec_sql (db, "UPDATE history SET at = '2000-01-01', after = '[erased]' "
                                 "WHERE field = 'sender_contact'"), !=, SQLITE_OK);
  g_assert_cmpint (exec_sql (db, "DELETE FROM history WHERE field = 'sender_contact'"), !=,
                   SQLITE_OK);
  g_assert_cmpint (exec_sql (db, "UPDATE history SET after = '[erased]' "
                                 "WHERE field = 'sender_contact' AND after != ''"), ==, SQLITE_OK);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM history WHERE field = 'sender_contact' "
                                   "AND after = '[erased]'"), ==, 1);
  sqlite3_close (db);
}

/* A message already delivered in a sealed batch can be forgotten too: the digest
 * does not cover the sender, so the manifest still matches. */
static void
test_forget_sealed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = add_claire (fixture);
  g_autofree char *batch_id = fixture_sealed_batch (fixture, 3);
  g_autoptr(SbBatch) sealed = NULL;
  gboolean matches = FALSE;

  sealed = sb_campaign_get_batch (fixture->campaign, batch_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sealed->state, ==, "sealed");

  forget (fixture, ref, 2);
  g_assert_true (sb_campaign_verify_batch (fixture->campaign, sealed->id, sealed->digest,
                                           &matches, &error));
  g_assert_no_error (error);
  g_assert_true (matches);
  g_assert_cmpuint (count_traces (fixture->path), ==, 0);
}

/* =========================================================== sealed batch */

static char *
seal_with_claire (Fixture    *fixture,
                  const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = add_claire (fixture);
  g_autoptr(SbBatch) batch = sb_campaign_create_batch (fixture->campaign, "PS", &error);

  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (fixture->campaign, batch->id, &error));
  g_assert_no_error (error);
  if (!g_str_equal (state, "sealed"))
    {
      g_assert_true (sb_campaign_hand_over_batch (fixture->campaign, batch->id,
                                                  "2016-10-08T10:30:00Z", "Chan Sophea",
                                                  "Keo Vuthy", "Deputy director", &error));
      g_assert_no_error (error);
    }
  if (g_str_equal (state, "closed"))
    {
      g_assert_true (sb_campaign_record_outcomes (fixture->campaign, batch->id, NULL, 0, TRUE,
                                                  "2016-10-08", &error));
      g_assert_no_error (error);
      g_assert_true (sb_campaign_close_batch (fixture->campaign, batch->id, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&ref);
}

static void
assert_refused (Fixture    *fixture,
                SbMessage  *message,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) stored = NULL;

  g_assert_false (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  if (g_test_verbose ())
    g_printerr ("%s\n", error->message);
  g_assert_nonnull (strstr (error->message, message->ref));
  g_assert_nonnull (strstr (error->message, "PS-2016-10-08-01"));
  g_assert_nonnull (strstr (error->message, words));
  stored = get_message (fixture, message->ref);
  g_assert_cmpstr (stored->original_text, ==, "Courage à vous. Nous ne vous oublions pas.");
  g_assert_cmpstr (stored->sender_name, ==, NAME);
}

static void
check_frozen (Fixture    *fixture,
              const char *state,
              const char *words)
{
  g_autofree char *ref = seal_with_claire (fixture, state);
  g_autoptr(SbMessage) stored = get_message (fixture, ref);
  struct { const char *field; const char *value; } changes[] = {
    { "text", "Courage !" },
    { "Khmer translation", "សូមរឹងមាំ!" },
    { "sender’s name", "Claire D." },
    { "sender’s country", "BE" },
    { "language", "th" },
    { "channel", "postcard" },
    { "date received", "2016-09-02" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(SbMessage) message = sb_message_copy (stored);
      char **fields[] = { &message->original_text, &message->translation_km,
                          &message->sender_name, &message->sender_country,
                          &message->language, &message->channel, &message->received_on };
      g_autofree char *expected = g_strdup_printf ("its %s cannot change", changes[i].field);

      fixture_set (fields[i], changes[i].value);
      assert_refused (fixture, message, expected);
      g_assert_nonnull (strstr (expected, changes[i].field));
    }
  {
    g_autoptr(SbMessage) message = sb_message_copy (stored);

    fixture_set (&message->original_text, "Courage !");
    assert_refused (fixture, message, words);
  }
}

static void
test_sealed_frozen (Fixture *fixture, gconstpointer data)
{
  check_frozen (fixture, "sealed", "is in sealed batch");
}

static void
test_handed_over_frozen (Fixture *fixture, gconstpointer data)
{
  check_frozen (fixture, "handed_over", "was handed over in batch");
}

static void
test_closed_frozen (Fixture *fixture, gconstpointer data)
{
  check_frozen (fixture, "closed", "is in closed batch");
}

/* What was not printed stays editable; consent can be withdrawn, not given. */
static void
test_sealed_still_editable (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = seal_with_claire (fixture, "sealed");
  g_autoptr(SbMessage) message = get_message (fixture, ref);
  g_autoptr(SbMessage) stored = NULL;

  fixture_set (&message->notes, "Phoned to thank her.");
  fixture_set (&message->sender_contact, "claire@example.com");
  fixture_set (&message->sender_city, "Lyon");
  fixture_set (&message->translation_en, "Courage to you. We do not forget you.");
  fixture_set (&message->consent, "none");
  edit (fixture, message);
  stored = get_message (fixture, ref);
  g_assert_cmpstr (stored->notes, ==, "Phoned to thank her.");
  g_assert_cmpstr (stored->consent, ==, "none");

  /* Printed "withheld": the name is no longer part of what was printed… */
  fixture_set (&message->sender_name, "C. Dubois");
  edit (fixture, message);
  /* …and cannot be allowed back on it. */
  fixture_set (&message->consent, "detainee");
  g_assert_false (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_error (error, SB_CORE_ERROR, SB_CORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "without its sender’s name"));
}

/* A draft batch has printed nothing yet: everything may change. */
static void
test_draft_editable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = add_claire (fixture);
  g_autoptr(SbBatch) batch = sb_campaign_create_batch (fixture->campaign, "PS", &error);
  g_autoptr(SbMessage) message = get_message (fixture, ref);
  g_autoptr(SbBatch) printed = NULL;

  g_assert_no_error (error);
  fixture_set (&message->original_text, "Courage !");
  edit (fixture, message);
  printed = sb_campaign_get_printed_batch (fixture->campaign, ref, &error);
  g_assert_no_error (error);
  g_assert_null (printed);
  g_assert_true (sb_campaign_seal_batch (fixture->campaign, batch->id, &error));
  printed = sb_campaign_get_printed_batch (fixture->campaign, ref, &error);
  g_assert_no_error (error);
  g_assert_nonnull (printed);
  g_assert_cmpstr (printed->code, ==, "PS-2016-10-08-01");
}

/* ============================================================== documents */

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GString *packed = g_string_new (NULL);
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (const char *p = out; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B)
        g_string_append_unichar (packed, c);
    }
  return g_string_free (packed, FALSE);
}

/* Returns: the manifest's and the cards' text, run together */
static char *
documents_text (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbBatch) batch = sb_campaign_create_batch (fixture->campaign, "PS", &error);
  g_autoptr(SbBatchListing) listing = NULL;
  g_autofree char *manifest = g_build_filename (fixture->dir, "manifest.pdf", NULL);
  g_autofree char *cards = g_build_filename (fixture->dir, "cards.pdf", NULL);
  g_autofree char *manifest_text = NULL;
  g_autofree char *cards_text = NULL;

  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (fixture->campaign, batch->id, &error));
  g_assert_no_error (error);
  listing = sb_campaign_get_batch_listing (fixture->campaign, batch->id, &error);
  g_assert_no_error (error);
  g_assert_true (sb_render_manifest (listing, manifest, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sb_render_cards (listing, SB_CARDS_A6_FOUR_PER_A4, NULL, cards, NULL, NULL,
                                  NULL, &error));
  g_assert_no_error (error);
  manifest_text = pdf_text (manifest);
  cards_text = pdf_text (cards);
  g_unlink (manifest);
  g_unlink (cards);
  return g_strconcat (manifest_text, "\n", cards_text, NULL);
}

static void
add_online (Fixture    *fixture,
            const char *name,
            const char *country,
            const char *consent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();
  const char *to[] = { fixture->detainees[0], NULL };

  fixture_set (&message->original_text, "We are with you.");
  fixture_set (&message->translation_km, "យើងនៅជាមួយលោក។");
  fixture_set (&message->sender_name, name);
  fixture_set (&message->sender_country, country);
  fixture_set (&message->consent, consent);
  fixture_set (&message->channel, "online");
  fixture_set (&message->received_on, "2016-09-01");
  g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_assign (fixture->campaign, message->id, to, &error));
  g_assert_true (sb_campaign_approve (fixture->campaign, message->id, FALSE, &error));
  g_assert_no_error (error);
}

/* Without consent: "withheld" on the manifest and the cards; no initials, no
 * country. With consent: the name and the country. */
static void
test_documents_withheld (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;

  add_online (fixture, "Olafur Ragnarsson", "IS", "none");
  add_online (fixture, "Jane Whitfield", "GB", "detainee");
  text = documents_text (fixture);
  if (g_test_verbose ())
    g_printerr ("%s\n", text);

  /* The manifest ("name withheld" over លាក់ឈ្មោះ) and the card. */
  g_assert_cmpuint (count_occurrences (text, "namewithheld"), >=, 2);
  g_assert_nonnull (strstr (text, "លាក់ឈ្មោះ"));
  g_assert_nonnull (strstr (text, "Afriend,namewithheld"));    /* the card */
  g_assert_null (strstr (text, "Olafur"));
  g_assert_null (strstr (text, "Ragnarsson"));
  g_assert_null (strstr (text, "O.R."));
  g_assert_null (strstr (text, "Iceland"));
  g_assert_nonnull (strstr (text, "JaneWhitfield"));
  g_assert_nonnull (strstr (text, "UnitedKingdom"));
}

/* A name with a right-to-left override prints in the order it was typed, on the
 * manifest and on the card, and turns nothing after it around. */
static void
test_documents_bidi (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *isolated = NULL;
  g_autofree char *stripped = NULL;

  /* U+202E RIGHT-TO-LEFT OVERRIDE, then U+2066 LEFT-TO-RIGHT ISOLATE and U+200F. */
  add_online (fixture, "Dara \u202eKimsan\u202c", "KH", "detainee");
  add_online (fixture, "\u2066Sok\u200f Pisey", "KH", "public");
  text = documents_text (fixture);

  g_assert_null (strstr (text, "\u202e"));
  g_assert_null (strstr (text, "\u2066"));
  g_assert_null (strstr (text, "nasmiK"));
  g_assert_cmpuint (count_occurrences (text, "DaraKimsan"), ==, 2);
  g_assert_cmpuint (count_occurrences (text, "SokPisey"), ==, 2);

  stripped = sb_text_strip_bidi_controls ("a\u202eb\u200ec\u061cd\u2069e");
  g_assert_cmpstr (stripped, ==, "abcde");
  isolated = sb_text_isolate ("\u202eDara");
  g_assert_cmpstr (isolated, ==, "Dara");
  g_free (isolated);
  isolated = sb_text_isolate ("\u202eمريم");
  g_assert_cmpstr (isolated, ==, "\u2068مريم\u2069");
}

/* ============================================================ sambot-cli */

/* Runs sambot-cli on the fixture's campaign; returns its exit status. */
static int
run_cli (Fixture     *fixture,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  va_list ap;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMBOT_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  g_ptr_array_add (argv, (gpointer) "--campaign");
  g_ptr_array_add (argv, fixture->path);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "SAMBOT_OPERATOR", "Sophea", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (g_test_verbose ())
    g_printerr ("%s%s", *out, *err);
  return WEXITSTATUS (status);
}

static void
test_cli_edit_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *ref = seal_with_claire (fixture, "sealed");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli (fixture, &out, &err, "message", "edit", ref, "--text", "Courage !",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is in sealed batch PS-2016-10-08-01: its text cannot change"));
  g_assert_cmpint (run_cli (fixture, &out2, &err2, "message", "edit", ref, "--notes",
                            "Thanked by phone", NULL), ==, 0);
}

static void
test_cli_forget_sender (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *ref = add_claire (fixture);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;

  /* Nothing is erased without --yes. */
  g_assert_cmpint (run_cli (fixture, &out, &err, "message", "forget-sender", ref, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (fixture, &out, &err, "history", ref, NULL), ==, 0);
  g_assert_nonnull (strstr (out, CONTACT));

  g_assert_cmpint (run_cli (fixture, &out2, &err2, "message", "forget-sender", ref, "--yes",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (out2, "Forgot the sender of"));
  g_assert_nonnull (strstr (out2, "2 scans of the card were removed"));
  g_assert_cmpint (run_cli (fixture, &out3, &err3, "history", ref, NULL), ==, 0);
  g_assert_null (strstr (out3, "example.net"));
  g_assert_null (strstr (out3, CONTACT));
  g_assert_null (strstr (out3, "Dubois"));
  g_assert_nonnull (strstr (out3, "“[erased]” → “”"));
  g_assert_nonnull (strstr (out3, "the sender’s name, city, contact and scans were erased"));
  g_assert_cmpuint (count_traces (fixture->path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The manifest's Khmer comes from the build's catalogue. */
  sb_test_init_with_catalogue (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/privacy/forget-sender/no-trace-in-file", test_forget_no_trace);
  ADD ("/privacy/forget-sender/traces-seen-without", test_forget_traces_seen);
  ADD ("/privacy/forget-sender/final", test_forget_final);
  ADD ("/privacy/forget-sender/in-a-thread", test_forget_async);
  ADD ("/privacy/forget-sender/history-append-only", test_history_append_only);
  ADD ("/privacy/forget-sender/sealed-digest-matches", test_forget_sealed);
  ADD ("/privacy/sealed/edit-refused", test_sealed_frozen);
  ADD ("/privacy/sealed/handed-over-edit-refused", test_handed_over_frozen);
  ADD ("/privacy/sealed/closed-edit-refused", test_closed_frozen);
  ADD ("/privacy/sealed/notes-contact-consent-editable", test_sealed_still_editable);
  ADD ("/privacy/sealed/draft-editable", test_draft_editable);
  ADD ("/privacy/documents/withheld", test_documents_withheld);
  ADD ("/privacy/documents/bidi-controls", test_documents_bidi);
  ADD ("/privacy/cli/edit-refused", test_cli_edit_refused);
  ADD ("/privacy/cli/forget-sender", test_cli_forget_sender);

  return g_test_run ();
}
