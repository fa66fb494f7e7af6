/* test-exchange.c — two replicas of one campaign: changes recorded on one and
 * applied to the other (docs/exchange.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless. Replica A is a campaign that joined an exchange; B is a copy of its
 * file that became a replica of its own. What a volunteer does on A (a postcard
 * typed, corrected, addressed and approved) goes into A's log; applied to B, B
 * shows the same figures, the same messages, copies and history, and finds the
 * message by a word of it. Changes applied twice change nothing; a change whose
 * predecessor is missing waits; changes that break the campaign's rules, or touch
 * what no office may change, are refused with B as it was.
 */

#define _GNU_SOURCE 1   /* memmem */

#include "config.h"

#include <string.h>
#include <time.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

/* The session API of sqlite3.h, to write hostile changesets. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "sb-batches.h"
#include "sb-campaign-private.h"
#include "sb-message-intake.h"
#include "sb-privacy.h"
#include "sb-scan-loader.h"
#include "sb-scans.h"
#include "sb-store-bundle.h"
#include "sb-store-changes.h"
#include "sb-test-campaign.h"
#include "sb-test-replicas.h"

typedef struct
{
  char       *dir;
  char       *path_a;
  char       *path_b;
  SbCampaign *a;
  SbCampaign *b;
  char       *id_a;
  char       *detainees[3];
} Fixture;

static SbStore *
store_of (SbCampaign *campaign)
{
  return _sb_campaign_get_store (campaign);
}

/* Everything a person sees of the campaign, as text: figures, messages with
 * their copies and history, and what a search for a word of the typed postcard
 * finds. */
static char *
describe (SbCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 total = 0;

  sb_test_append_figures (text, campaign);

  /* By id: a replica's rows are in the order it received them. */
  ids = sb_campaign_list_message_ids (campaign, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (ids, sb_test_compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SbMessage) m = sb_campaign_get_message (campaign, ids->pdata[i], &error);
      g_autoptr(GPtrArray) copies = NULL;
      g_autoptr(GPtrArray) history = NULL;

      g_assert_no_error (error);
      g_string_append_printf (text, "%s %s %s %s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n",
                              m->id, m->ref, m->channel, m->received_on, m->sender_name,
                              m->sender_city, m->sender_country, m->language, m->original_text,
                              m->translation_km, m->translation_en, m->status, m->hold_reason,
                              m->created_at, m->updated_at);
      copies = sb_campaign_list_copies (campaign, m->id, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < copies->len; j++)
        {
          SbCopy *copy = copies->pdata[j];
          g_autofree char *name = sb_copy_dup_name (copy);

          g_string_append_printf (text, "  copy %s %s %s %d\n", name, copy->detainee_id,
                                  copy->state, copy->attempts);
          history = sb_campaign_list_history (campaign, name, &error);
          g_assert_no_error (error);
          for (guint k = 0; k < history->len; k++)
            {
              SbHistoryEntry *entry = history->pdata[k];

              g_string_append_printf (text, "    %s %s %s %s → %s\n", entry->at,
                                      entry->operator_name, entry->field,
                                      entry->before ? entry->before : "∅",
                                      entry->after ? entry->after : "∅");
            }
          g_clear_pointer (&history, g_ptr_array_unref);
        }
      history = sb_campaign_list_history (campaign, m->id, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < history->len; k++)
        {
          SbHistoryEntry *entry = history->pdata[k];

          g_string_append_printf (text, "  %s %s %s %s → %s\n", entry->at, entry->operator_name,
                                  entry->field, entry->before ? entry->before : "∅",
                                  entry->after ? entry->after : "∅");
        }
    }

  found = sb_campaign_search (campaign, "ស៊ូទ្រាំ", 50, &total, &error);
  g_assert_no_error (error);
  g_string_append_printf (text, "search: %" G_GINT64_FORMAT "\n", total);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) first = sb_message_new ();
  g_autofree char *id_b = NULL;

  fixture->a = sb_test_campaign_new ("sambot-exchange-XXXXXX", &fixture->dir, &fixture->path_a);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->detainees); i++)
    fixture->detainees[i] = sb_test_add_detainee (fixture->a, sb_test_detainees[i][0],
                                                  sb_test_detainees[i][1]);
  sb_test_set (&first->original_text, "Free the five");
  sb_test_set (&first->received_on, "2016-09-01");
  g_assert_true (sb_campaign_add_message (fixture->a, first, &error));
  g_assert_no_error (error);

  g_assert_null (sb_store_get_replica_id (store_of (fixture->a)));
  g_assert_true (sb_store_join_exchange (store_of (fixture->a), &error));
  g_assert_no_error (error);
  fixture->id_a = sb_store_get_replica_id (store_of (fixture->a));
  g_assert_nonnull (fixture->id_a);

  /* B: a copy of A's file, made a replica of its own. */
  fixture->path_b = g_build_filename (fixture->dir, "office-b.sambot", NULL);
  g_assert_true (sb_campaign_backup (fixture->a, fixture->path_b, FALSE, &error));
  g_assert_no_error (error);
  fixture->b = sb_campaign_open (fixture->path_b, FALSE, &error);
  g_assert_no_error (error);
  id_b = sb_store_get_replica_id (store_of (fixture->b));
  g_assert_cmpstr (id_b, ==, fixture->id_a);
  g_clear_pointer (&id_b, g_free);
  g_assert_true (sb_store_join_exchange (store_of (fixture->b), &error));
  g_assert_no_error (error);
  id_b = sb_store_get_replica_id (store_of (fixture->b));
  g_assert_cmpstr (id_b, !=, fixture->id_a);
  sb_campaign_set_clock (fixture->b, "2016-10-11T08:00:00Z");
  sb_campaign_set_operator (fixture->b, "Dara (office B)");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sb_campaign_close (fixture->b);
  g_object_unref (fixture->b);
  sb_test_campaign_free (fixture->a, fixture->dir);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->detainees); i++)
    g_free (fixture->detainees[i]);
  g_free (fixture->id_a);
  g_free (fixture->path_a);
  g_free (fixture->path_b);
  g_free (fixture->dir);
}

/* On A: a postcard typed, corrected, addressed to two detainees and approved. */
static void
work_on_a (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_message_new ();
  const char *const addressees[] = { fixture->detainees[0], fixture->detainees[2], NULL };

  sb_campaign_set_operator (fixture->a, "Sokha (office A)");
  sb_campaign_set_clock (fixture->a, "2016-10-10T09:30:00Z");
  sb_test_set (&message->original_text, "ស៊ូទ្រាំ​ទៅ បងប្អូន");
  sb_test_set (&message->sender_name, "Kim Dara");
  sb_test_set (&message->received_on, "2016-10-09");
  g_assert_true (sb_campaign_add_message (fixture->a, message, &error));
  g_assert_no_error (error);

  sb_campaign_set_clock (fixture->a, "2016-10-10T09:35:00Z");
  sb_test_set (&message->sender_name, "Kim Darareth");
  sb_test_set (&message->sender_city, "Battambang");
  g_assert_true (sb_campaign_update_message (fixture->a, message, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_assign (fixture->a, message->id, addressees, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_approve (fixture->a, message->id, TRUE, &error));
  g_assert_no_error (error);
}

static GPtrArray *
changes_of_a (Fixture *fixture,
              gint64   after)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = sb_store_list_changes (store_of (fixture->a), after, &error);

  g_assert_no_error (error);
  return changes;
}

static void
apply_all (Fixture   *fixture,
           GPtrArray *changes,
           gboolean   expect_applied)
{
  for (guint i = 0; i < changes->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean applied = !expect_applied;

      g_assert_true (sb_store_apply_change (store_of (fixture->b), changes->pdata[i], &applied, &error));
      g_assert_no_error (error);
      g_assert_cmpint (applied, ==, expect_applied);
    }
}

static void
test_converge (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *b_again = NULL;
  gsize bytes = 0;

  /* The copy starts equal, and holds none of A's log. */
  a = describe (fixture->a);
  b = describe (fixture->b);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (sb_store_get_received_seq (store_of (fixture->b), fixture->id_a), ==, 0);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  work_on_a (fixture);
  changes = changes_of_a (fixture, 0);
  /* One change per saved action: added, corrected, addressed, approved. */
  g_assert_cmpuint (changes->len, ==, 4);
  for (guint i = 0; i < changes->len; i++)
    {
      SbChange *change = changes->pdata[i];

      g_assert_cmpstr (change->origin, ==, fixture->id_a);
      g_assert_cmpint (change->seq, ==, i + 1);
      bytes += g_bytes_get_size (change->changeset) + g_bytes_get_size (change->history);
    }
  g_test_message ("a postcard added, corrected, addressed and approved: %" G_GSIZE_FORMAT
                  " bytes of changes", bytes);

  a = describe (fixture->a);
  b = describe (fixture->b);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (strstr (b, "search: 0") != NULL);
  g_clear_pointer (&b, g_free);

  apply_all (fixture, changes, TRUE);
  b = describe (fixture->b);
  g_assert_cmpstr (a, ==, b);
  g_assert_true (strstr (b, "search: 1") != NULL);
  g_assert_true (strstr (b, "Sokha (office A)") != NULL);
  g_assert_true (strstr (b, "Dara (office B)") == NULL);
  g_assert_cmpint (sb_store_get_received_seq (store_of (fixture->b), fixture->id_a), ==, 4);

  /* Applied again: nothing changes, and B has nothing to send. */
  apply_all (fixture, changes, FALSE);
  b_again = describe (fixture->b);
  g_assert_cmpstr (b_again, ==, b);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = sb_store_list_changes (store_of (fixture->b), 0, NULL);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Both files are sound for `check`: the figures agree with the rows, the search
   * index with the messages. */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (sb_campaign_check (i ? fixture->b : fixture->a, &problems, &error));
      g_assert_no_error (error);
      for (guint j = 0; j < problems->len; j++)
        g_test_message ("%s", (const char *) problems->pdata[j]);
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static void
test_waits_for_missing (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (fixture->b);
  g_autofree char *after = NULL;

  work_on_a (fixture);
  changes = changes_of_a (fixture, 0);
  g_assert_false (sb_store_apply_change (store_of (fixture->b), changes->pdata[2], NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_assert_true (strstr (error->message, "1 to 2") != NULL);
  after = describe (fixture->b);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sb_store_get_received_seq (store_of (fixture->b), fixture->id_a), ==, 0);
}

/* A changeset of one row copied from @table of the file at @path and changed by
 * @change, made with SQLite's session on a scratch database: what a broken or
 * hostile replica could send. */
static GBytes *
forge_changeset (const char *path,
                 const char *table,
                 const char *change)
{
  sqlite3 *db = NULL;
  sqlite3_session *session = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) create = g_string_new (NULL);
  g_autofree char *attach = g_strdup_printf ("ATTACH 'file:%s?mode=ro' AS b", path);
  g_autofree char *copy = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM b.%s LIMIT 1", table, table);
  g_autofree char *info = g_strdup_printf ("SELECT name, pk FROM b.pragma_table_info ('%s')", table);
  void *data = NULL;
  int size = 0;
  GBytes *bytes;
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (create, "CREATE TABLE main.%s (", table);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int pk = sqlite3_column_int (stmt, 1);

      g_string_append_printf (create, "%s%s", create->str[create->len - 1] == '(' ? "" : ", ",
                              sqlite3_column_text (stmt, 0));
      /* The key's columns in the key's order: copies and batch items have two and three. */
      if (pk > 0)
        {
          if ((guint) pk > key->len)
            g_ptr_array_set_size (key, pk);
          key->pdata[pk - 1] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        }
    }
  g_string_append (create, ", PRIMARY KEY (");
  for (guint i = 0; i < key->len; i++)
    g_string_append_printf (create, "%s%s", i ? ", " : "", (const char *) key->pdata[i]);
  g_string_append (create, "))");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, create->str, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3session_create (db, "main", &session), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3session_attach (session, table), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, copy, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, change, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3session_changeset (session, &size, &data), ==, SQLITE_OK);
  g_assert_cmpint (size, >, 0);
  bytes = g_bytes_new (data, size);
  sqlite3_free (data);
  sqlite3session_delete (session);
  sqlite3_close (db);
  return bytes;
}

static void
assert_refused (Fixture    *fixture,
                const char *table,
                const char *change,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe (fixture->b);
  g_autofree char *after = NULL;
  g_autoptr(SbChange) forged = g_new0 (SbChange, 1);

  forged->origin = g_strdup (fixture->id_a);
  forged->seq = sb_store_get_received_seq (store_of (fixture->b), fixture->id_a) + 1;
  forged->changeset = forge_changeset (fixture->path_b, table, change);
  g_assert_false (sb_store_apply_change (store_of (fixture->b), forged, NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, code);
  g_test_message ("%s: %s", table, error->message);
  after = describe (fixture->b);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sb_store_get_received_seq (store_of (fixture->b), fixture->id_a), ==, forged->seq - 1);
}

static void
test_refuses_broken_rules (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;

  work_on_a (fixture);
  changes = changes_of_a (fixture, 0);
  apply_all (fixture, changes, TRUE);

  /* A status no message can have (a CHECK). */
  assert_refused (fixture, "messages",
                  "UPDATE messages SET id = 'forged-1', ref = 'XX-0001', status = 'bogus'",
                  SB_STORE_ERROR_CONSTRAINT);
  /* A copy for a detainee the campaign does not have (a foreign key). */
  assert_refused (fixture, "copies",
                  "UPDATE copies SET detainee_id = 'nobody'",
                  SB_STORE_ERROR_CONSTRAINT);
  /* A reference another message has (UNIQUE). */
  assert_refused (fixture, "messages", "UPDATE messages SET id = 'forged-3'",
                  SB_STORE_ERROR_CONSTRAINT);
  /* What no office may send: the history's rows, the exchange's own tables. */
  assert_refused (fixture, "history_entries", "UPDATE history_entries SET operator = 'forged'",
                  SB_STORE_ERROR_CONSTRAINT);
  assert_refused (fixture, "exchange_received", "UPDATE exchange_received SET seq = 99",
                  SB_STORE_ERROR_CONSTRAINT);
}

/* Changes damaged in the other office's file (cut short, or bytes no changeset
 * has): refused as damaged, at once — SQLite 3.40 alone loops for ever on a cut
 * table header (src/store/sb-store-changeset.c) — with B as it was. */
static void
test_refuses_damaged_changes (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *before = describe (fixture->b);
  GBytes *whole;
  gsize size;
  const guint8 *bytes;

  work_on_a (fixture);
  changes = changes_of_a (fixture, 0);
  whole = ((SbChange *) changes->pdata[0])->changeset;
  bytes = g_bytes_get_data (whole, &size);
  for (gsize cut = 1; cut < size; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbChange) damaged = g_new0 (SbChange, 1);

      damaged->origin = g_strdup (fixture->id_a);
      damaged->seq = 1;
      damaged->changeset = g_bytes_new (bytes, cut);
      g_assert_false (sb_store_apply_change (store_of (fixture->b), damaged, NULL, &error));
      g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CORRUPT);
    }
  g_assert_cmpint (sb_store_get_received_seq (store_of (fixture->b), fixture->id_a), ==, 0);

  /* A whole changeset of a table whose name is not even text: refused, and the
   * message that says so is still text a person can read. */
  {
    static const guint8 foreign[] = { 'T', 1, 1, 'm', 0xe7, 's', 0, SQLITE_INSERT, 0, 5 };
    g_autoptr(GError) error = NULL;
    g_autoptr(SbChange) damaged = g_new0 (SbChange, 1);
    g_autofree char *after = NULL;

    damaged->origin = g_strdup (fixture->id_a);
    damaged->seq = 1;
    damaged->changeset = g_bytes_new_static (foreign, sizeof foreign);
    g_assert_false (sb_store_apply_change (store_of (fixture->b), damaged, NULL, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_CONSTRAINT);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    after = describe (fixture->b);
    g_assert_cmpstr (after, ==, before);
  }
}

static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *bytes = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &bytes, &size, NULL))
    return FALSE;
  return memmem (bytes, size, text, strlen (text)) != NULL;
}

/* A sender erased at A (right to erasure) is erased at B when A's changes arrive:
 * the message's sender, every past value of it in B's history, and every byte of
 * it in B's file. */
static void
test_erasure_travels (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *const traces[] = { "Kim Dara", "Battambang" };
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) erasure = NULL;
  g_autoptr(SbMessage) message = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path_b, "-wal", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  work_on_a (fixture);
  changes = changes_of_a (fixture, 0);
  apply_all (fixture, changes, TRUE);
  message = sb_test_find_message (fixture->b, "ស៊ូទ្រាំ​ទៅ បងប្អូន");
  g_assert_cmpstr (message->sender_name, ==, "Kim Darareth");

  g_assert_true (sb_campaign_forget_sender (fixture->a, message->id, NULL, &error));
  g_assert_no_error (error);
  erasure = changes_of_a (fixture, changes->len);
  g_assert_cmpuint (erasure->len, ==, 1);
  apply_all (fixture, erasure, TRUE);

  g_clear_pointer (&message, sb_message_free);
  message = sb_test_find_message (fixture->b, "ស៊ូទ្រាំ​ទៅ បងប្អូន");
  g_assert_cmpstr (message->sender_name, ==, "");
  g_assert_cmpstr (message->sender_city, ==, "");
  history = sb_campaign_list_history (fixture->b, message->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      SbHistoryEntry *entry = history->pdata[i];

      for (guint j = 0; j < G_N_ELEMENTS (traces); j++)
        {
          g_assert_null (entry->before != NULL ? strstr (entry->before, traces[j]) : NULL);
          g_assert_null (entry->after != NULL ? strstr (entry->after, traces[j]) : NULL);
        }
    }
  a = describe (fixture->a);
  b = describe (fixture->b);
  g_assert_cmpstr (a, ==, b);

  /* Nothing of the sender in B's file or its log, searched byte by byte. */
  for (guint j = 0; j < G_N_ELEMENTS (traces); j++)
    {
      g_assert_false (file_holds (fixture->path_b, traces[j]));
      g_assert_false (file_holds (wal, traces[j]));
    }
  found = sb_campaign_search (fixture->b, "darareth", 50, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

/* Whether any of @changes holds @text, in its rows or in its history. */
static gboolean
changes_hold (GPtrArray  *changes,
              const char *text)
{
  for (guint i = 0; i < changes->len; i++)
    {
      SbChange *change = changes->pdata[i];
      gsize size = 0;
      const char *data = g_bytes_get_data (change->changeset, &size);

      if (size > 0 && memmem (data, size, text, strlen (text)) != NULL)
        return TRUE;
      data = change->history != NULL ? g_bytes_get_data (change->history, &size) : NULL;
      if (data != NULL && size > 0 && memmem (data, size, text, strlen (text)) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The scan of the postcard, whose picture carries the sender's name and city. */
static void
add_scan_to (SbCampaign *campaign,
             const char *message_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autofree char *png = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbScan) scan = NULL;

  gdk_pixbuf_fill (pixbuf, 0xd0c0a0ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", &error,
                                            "tEXt::Author", "Kim Darareth, Battambang", NULL));
  g_assert_no_error (error);
  bytes = g_bytes_new (png, length);
  scan = sb_scan_load_bytes (bytes, "card.png", &error);
  g_assert_no_error (error);
  sb_test_set (&scan->message_id, message_id);
  sb_test_set (&scan->side, "front");
  g_assert_true (sb_campaign_add_scan (campaign, scan, &error));
  g_assert_no_error (error);
}

/* The erasing office's own log keeps nothing of the sender either: not the changes
 * that typed the name, not the scan's picture, not the erasure's own old values. An
 * office that receives the whole log only afterwards (C) ends as A and B, and
 * nothing of the sender ever reaches its file. */
static void
test_erasure_leaves_log (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *const traces[] = { "Kim Dara", "Battambang" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path_c = g_build_filename (fixture->dir, "office-c.sambot", NULL);
  g_autofree char *wal_a = g_strconcat (fixture->path_a, "-wal", NULL);
  g_autofree char *wal_c = g_strconcat (path_c, "-wal", NULL);
  g_autofree char *rewritten = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(SbCampaign) office_c = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(SbMessage) message = NULL;

  g_assert_true (sb_campaign_backup (fixture->b, path_c, FALSE, &error));
  g_assert_no_error (error);
  office_c = sb_campaign_open (path_c, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_join_exchange (store_of (office_c), &error));
  g_assert_no_error (error);

  work_on_a (fixture);
  message = sb_test_find_message (fixture->a, "ស៊ូទ្រាំ​ទៅ បងប្អូន");
  add_scan_to (fixture->a, message->id);
  before = changes_of_a (fixture, 0);
  apply_all (fixture, before, TRUE);
  for (guint j = 0; j < G_N_ELEMENTS (traces); j++)
    g_assert_true (changes_hold (before, traces[j]));

  g_assert_true (sb_campaign_forget_sender (fixture->a, message->id, NULL, &error));
  g_assert_no_error (error);
  log = changes_of_a (fixture, 0);
  g_assert_cmpuint (log->len, ==, before->len + 1);
  for (guint j = 0; j < G_N_ELEMENTS (traces); j++)
    {
      g_assert_false (changes_hold (log, traces[j]));
      g_assert_false (file_holds (fixture->path_a, traces[j]));
      g_assert_false (file_holds (wal_a, traces[j]));
    }
  /* The bundles written before are to be written again (sb-campaign-exchange-own.c). */
  rewritten = sb_store_get_exchange_value (store_of (fixture->a), "rewritten-from");
  g_assert_cmpstr (rewritten, ==, "1");

  /* B had the old changes: the erasure alone empties it. */
  g_clear_pointer (&log, g_ptr_array_unref);
  log = changes_of_a (fixture, before->len);
  apply_all (fixture, log, TRUE);
  /* C gets the whole rewritten log. */
  g_clear_pointer (&log, g_ptr_array_unref);
  log = changes_of_a (fixture, 0);
  for (guint i = 0; i < log->len; i++)
    {
      gboolean applied = FALSE;

      g_assert_true (sb_store_apply_change (store_of (office_c), log->pdata[i], &applied, &error));
      g_assert_no_error (error);
      g_assert_true (applied);
    }
  a = describe (fixture->a);
  b = describe (fixture->b);
  c = describe (office_c);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  sb_campaign_close (office_c);
  for (guint j = 0; j < G_N_ELEMENTS (traces); j++)
    {
      g_assert_false (file_holds (path_c, traces[j]));
      g_assert_false (file_holds (wal_c, traces[j]));
    }
}

/* The same changes through an exchange file: B converges, and the file read and
 * applied again (a replay, or Syncthing bringing it twice) changes nothing. */
static void
test_bundle (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) public_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) bundle = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint8 key[SB_BUNDLE_KEY_BYTES];
  guint8 public_key[SB_BUNDLE_PUBLIC_KEY_BYTES];
  guint8 secret_key[SB_BUNDLE_SECRET_KEY_BYTES];
  gsize bytes = 0;

  g_assert_true (sb_bundle_init (&error));
  sb_bundle_new_campaign_key (key);
  sb_bundle_new_signing_keys (public_key, secret_key);
  g_hash_table_insert (public_keys, g_strdup (fixture->id_a), g_bytes_new (public_key, sizeof public_key));

  work_on_a (fixture);
  changes = changes_of_a (fixture, 0);
  for (guint i = 0; i < changes->len; i++)
    {
      SbChange *change = changes->pdata[i];

      bytes += g_bytes_get_size (change->changeset) + g_bytes_get_size (change->history);
    }
  bundle = sb_bundle_write ("campaign", key, secret_key, changes, &error);
  g_assert_no_error (error);
  g_test_message ("%u changes, %" G_GSIZE_FORMAT " bytes: a bundle of %" G_GSIZE_FORMAT,
                  changes->len, bytes, g_bytes_get_size (bundle));
  g_clear_pointer (&changes, g_ptr_array_unref);

  for (int round = 0; round < 2; round++)
    {
      changes = sb_bundle_read (bundle, "a.sbx", "campaign", key, public_keys, &error);
      g_assert_no_error (error);
      apply_all (fixture, changes, round == 0);
      g_clear_pointer (&changes, g_ptr_array_unref);
    }
  a = describe (fixture->a);
  b = describe (fixture->b);
  g_assert_cmpstr (a, ==, b);
}

/* What recording costs (only with -m perf): messages typed one by one (one
 * commit each) and imported in one transaction, by a campaign that never joined
 * an exchange and by one that did; and the bytes its log takes a message. */
static double
time_adding (SbCampaign *campaign,
             guint       n,
             gboolean    one_transaction)
{
  g_autoptr(GError) error = NULL;
  clock_t start = clock ();

  if (one_transaction)
    g_assert_true (sb_campaign_begin (campaign, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();
      g_autofree char *text = g_strdup_printf ("Stay strong, friends (%u) ស៊ូទ្រាំ​ទៅ", i);

      sb_test_set (&message->original_text, text);
      sb_test_set (&message->sender_name, "Kim Dara");
      sb_test_set (&message->sender_city, "Battambang");
      sb_test_set (&message->received_on, "2016-10-09");
      g_assert_true (sb_campaign_add_message (campaign, message, &error));
      g_assert_no_error (error);
    }
  if (one_transaction)
    g_assert_true (sb_campaign_commit (campaign, &error));
  g_assert_no_error (error);
  return (clock () - start) * 1000.0 / CLOCKS_PER_SEC;   /* CPU: the machine is shared */
}

/* Schema 10's keys travel: a batch made on A (its items keyed by batch, detainee
 * and message) arrives on B whole, in the same order, and its digest verifies there. */
static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(SbFacility) facility = sb_facility_new ();
  g_autoptr(SbBatch) batch = NULL;
  g_autoptr(SbBatch) sealed = NULL;
  g_autoptr(GPtrArray) items_a = NULL;
  g_autoptr(GPtrArray) items_b = NULL;
  gboolean matches = FALSE;

  work_on_a (fixture);
  first = changes_of_a (fixture, 0);
  apply_all (fixture, first, TRUE);

  sb_test_set (&facility->code, "PS");
  sb_test_set (&facility->name_en, "Prey Sar");
  sb_test_set (&facility->kind, "prison");
  facility->items_per_batch = 50;
  g_assert_true (sb_campaign_add_facility (fixture->a, facility, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->detainees); i++)
    {
      g_autoptr(SbDetainee) detainee = sb_campaign_get_detainee (fixture->a, fixture->detainees[i], &error);

      g_assert_no_error (error);
      sb_test_set (&detainee->facility_id, facility->id);
      g_assert_true (sb_campaign_update_detainee (fixture->a, detainee, &error));
      g_assert_no_error (error);
    }
  batch = sb_campaign_create_batch (fixture->a, "PS", &error);
  g_assert_no_error (error);
  g_assert_true (sb_campaign_seal_batch (fixture->a, batch->id, &error));
  g_assert_no_error (error);
  sealed = sb_campaign_get_batch (fixture->a, batch->id, &error);
  g_assert_no_error (error);
  items_a = sb_campaign_list_batch_items (fixture->a, batch->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_a->len, ==, 2);

  second = changes_of_a (fixture, first->len);
  g_assert_cmpuint (second->len, >, 0);
  apply_all (fixture, second, TRUE);
  items_b = sb_campaign_list_batch_items (fixture->b, batch->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_b->len, ==, items_a->len);
  for (guint i = 0; i < items_a->len; i++)
    {
      SbBatchItem *a = items_a->pdata[i], *b = items_b->pdata[i];

      g_assert_cmpstr (b->message_id, ==, a->message_id);
      g_assert_cmpstr (b->detainee_id, ==, a->detainee_id);
      g_assert_cmpint (b->position, ==, a->position);
    }
  g_assert_true (sb_campaign_verify_batch (fixture->b, batch->id, sealed->digest, &matches, &error));
  g_assert_no_error (error);
  g_assert_true (matches);
}

static void
test_cost (void)
{
  const guint n = 500, bulk = 5000;

  if (!g_test_perf ())
    {
      g_test_skip ("a measurement: run with -m perf");
      return;
    }
  for (int joined = 0; joined <= 1; joined++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      SbCampaign *campaign = sb_test_campaign_new ("sambot-exchange-cost-XXXXXX", &dir, &path);
      double one_by_one, together;
      gsize bytes = 0;

      sb_test_add_detainees (campaign);
      if (joined)
        g_assert_true (sb_store_join_exchange (store_of (campaign), &error));
      g_assert_no_error (error);
      one_by_one = time_adding (campaign, n, FALSE);
      together = time_adding (campaign, bulk, TRUE);
      if (joined)
        {
          changes = sb_store_list_changes (store_of (campaign), 0, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < changes->len; i++)
            {
              SbChange *change = changes->pdata[i];

              bytes += g_bytes_get_size (change->changeset) + g_bytes_get_size (change->history);
            }
        }
      g_test_message ("%s: %.3f ms of CPU a message typed (one commit each), %.3f ms a message "
                      "of %u in one transaction; log %.0f bytes a message",
                      joined ? "joined" : "never joined", one_by_one / n, together / bulk,
                      bulk, joined ? (double) bytes / (n + bulk) : 0.0);
      sb_test_campaign_free (campaign, dir);
    }
}

/* An import writes its rows with the triggers off (src/store/sb-store-bulk.c): its
 * messages, copies and history travel all the same, and B counts and finds them. */
static void
test_intake_travels (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *const texts[] = { "ស៊ូទ្រាំ​ទៅ បងប្អូន", "Stay strong", "ស៊ូទ្រាំ" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessageIntake) intake = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  sb_campaign_set_operator (fixture->a, "Sokha (office A)");
  sb_campaign_set_clock (fixture->a, "2016-10-10T09:30:00Z");
  intake = sb_message_intake_new (fixture->a, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();
      const char *const addressees[] = { fixture->detainees[i], fixture->detainees[2], NULL };

      sb_test_set (&message->channel, "online");
      sb_test_set (&message->original_text, texts[i]);
      sb_test_set (&message->received_on, "2016-10-09");
      sb_test_set (&message->sender_country, i == 1 ? "FR" : "KH");
      g_assert_true (sb_message_intake_add (intake, message, NULL, addressees, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sb_message_intake_commit (intake, &error));
  g_assert_no_error (error);

  changes = changes_of_a (fixture, 0);
  g_assert_cmpuint (changes->len, ==, 1);
  apply_all (fixture, changes, TRUE);
  a = describe (fixture->a);
  b = describe (fixture->b);
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (b, "search: 2\n"));
  g_assert_nonnull (strstr (b, "Sokha (office A)  ∅ → "));
}

int
main (int    argc,
      char **argv)
{
  /* Every update skipped after applying a change is run anyway and must
   * change nothing (src/store/sb-store-changes-merge.c, update_if_needed()). */
  g_setenv ("SAMBOT_CHECK_SKIPPED_UPDATES", "1", FALSE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/exchange/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("converge", test_converge);
  ADD ("waits-for-missing", test_waits_for_missing);
  ADD ("refuses-broken-rules", test_refuses_broken_rules);
  ADD ("refuses-damaged-changes", test_refuses_damaged_changes);
  ADD ("erasure-travels", test_erasure_travels);
  ADD ("erasure-leaves-log", test_erasure_leaves_log);
  ADD ("bundle", test_bundle);
  ADD ("batch", test_batch);
  ADD ("intake-travels", test_intake_travels);
  g_test_add_func ("/exchange/cost", test_cost);
  return g_test_run ();
}
