/* test-history.c — the message history in words, in English and in Khmer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless: formats the history of the demo campaign's messages, and of a message
 * changed in every way a reviewer can, with the interface in English and then in
 * Khmer (LANGUAGE, with the build's catalogues). No sentence may show what only the
 * database says: field names ("sender_name"), codes ("in_batch", "und", "km") or
 * English quotes in Khmer.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "sb-campaign.h"
#include "sb-demo.h"
#include "sb-gui-format.h"
#include "sb-message-editor-private.h"

typedef struct
{
  char       *dir;
  char       *path;
  SbCampaign *campaign;
  char       *message_id;
  char       *detainee_ids[3];     /* NULL-terminated */
} Fixture;

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* Tells gettext that the catalogues to use may have changed. */
  textdomain (GETTEXT_PACKAGE);
}

/* Changes the message with @change and saves it. */
static void
update (Fixture    *fixture,
        void      (*change) (SbMessage *message, gpointer data),
        gpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbMessage) message = sb_campaign_get_message (fixture->campaign, fixture->message_id, &error);

  g_assert_no_error (error);
  change (message, data);
  g_assert_true (sb_campaign_update_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
}

static void
first_edit (SbMessage *message,
            gpointer   office_id)
{
  set (&message->sender_name, "ដារ៉ា គីម");
  set (&message->sender_city, "ភ្នំពេញ");
  set (&message->sender_country, "KH");
  set (&message->consent, "public");
  set (&message->channel, "online");
  set (&message->language, "fr");
  set (&message->notes, "ពិនិត្យឈ្មោះម្ដងទៀត");
  set (&message->translation_en, "Stay strong");
  set (&message->received_on, "2016-09-01");
  set (&message->office_id, office_id);
}

static void
second_edit (SbMessage *message,
             gpointer   data)
{
  set (&message->sender_name, "ដារ៉ា");
  set (&message->sender_city, "");
  set (&message->sender_country, "FR");
  set (&message->consent, "detainee");
  set (&message->language, "und");
  set (&message->original_text, "សូមរឹងមាំ ពិភពលោកមិនបានភ្លេចអ្នកទេ។");
  set (&message->received_on, "2016-09-02");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbOffice) office = sb_office_new ();
  g_autoptr(SbMessage) message = sb_message_new ();
  g_autoptr(GPtrArray) detainees = NULL;
  g_autoptr(GPtrArray) held = NULL;

  fixture->dir = g_dir_make_tmp ("sambot-history-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "demo.sambot", NULL);
  g_assert_true (sb_demo_create (fixture->path, &error));
  g_assert_no_error (error);
  fixture->campaign = sb_campaign_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  sb_campaign_set_operator (fixture->campaign, "Sophea");

  set (&office->code, "ZK");
  set (&office->name, "ការិយាល័យកំពង់ចាម");
  g_assert_true (sb_campaign_add_office (fixture->campaign, office, &error));
  g_assert_no_error (error);

  set (&message->original_text, "សូមរឹងមាំ");
  set (&message->sender_name, "ដារ៉ា");
  g_assert_true (sb_campaign_add_message (fixture->campaign, message, &error));
  g_assert_no_error (error);
  fixture->message_id = g_strdup (message->id);

  update (fixture, first_edit, office->id);
  update (fixture, second_edit, NULL);

  detainees = sb_campaign_list_detainees (fixture->campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detainees->len, >=, 2);
  for (guint i = 0; i < 2; i++)
    fixture->detainee_ids[i] = g_strdup (((SbDetainee *) g_ptr_array_index (detainees, i))->id);
  g_assert_true (sb_campaign_assign (fixture->campaign, fixture->message_id,
                                     (const char *const *) fixture->detainee_ids, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_mark_transcribed (fixture->campaign, fixture->message_id, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_approve (fixture->campaign, fixture->message_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (sb_campaign_hold (fixture->campaign, fixture->message_id, "ត្រូវពិនិត្យអ្នកផ្ញើ", &error));
  g_assert_no_error (error);

  held = sb_campaign_list_message_ids (fixture->campaign, "approved", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, >, 0);
  g_assert_true (sb_campaign_mark_duplicate (fixture->campaign, fixture->message_id,
                                             g_ptr_array_index (held, 0), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  sb_campaign_close (fixture->campaign);
  g_clear_object (&fixture->campaign);
  g_unlink (fixture->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->message_id);
  g_free (fixture->detainee_ids[0]);
  g_free (fixture->detainee_ids[1]);
  use_language ("en");
}

/* Every change to a message and its copies, as the history panel says it; the demo's
 * volunteers all go by "Sophea" here, so that names are easy to tell from words. */
static GPtrArray *
describe_message (SbCampaign *campaign,
                  const char *message_id,
                  gboolean    khmer_names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sb_campaign_list_history (campaign, message_id, &error);
  g_autoptr(GPtrArray) copies = sb_campaign_list_copies (campaign, message_id, &error);
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      SbHistoryEntry entry = *(SbHistoryEntry *) g_ptr_array_index (entries, i);
      char *sentence;

      entry.operator_name = (char *) "Sophea";
      sentence = _sb_describe_change (campaign, &entry, NULL, &error);
      g_assert_no_error (error);

      if (sentence != NULL)
        g_ptr_array_add (sentences, sentence);
    }
  for (guint c = 0; c < copies->len; c++)
    {
      const SbCopy *copy = g_ptr_array_index (copies, c);
      g_autofree char *name = sb_copy_dup_name (copy);
      g_autoptr(GPtrArray) copy_entries = sb_campaign_list_history (campaign, name, &error);
      g_autoptr(SbDetainee) detainee = sb_campaign_get_detainee (campaign, copy->detainee_id, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < copy_entries->len; i++)
        {
          SbHistoryEntry entry = *(SbHistoryEntry *) g_ptr_array_index (copy_entries, i);
          char *sentence;

          entry.operator_name = (char *) "Sophea";
          sentence = _sb_describe_change (campaign, &entry,
                                          khmer_names ? detainee->name_km : detainee->name_en, &error);
          g_assert_no_error (error);

          if (sentence != NULL)
            g_ptr_array_add (sentences, sentence);
        }
    }
  return sentences;
}

/* Whether @expected is one of @sentences, ignoring the zero-width spaces that Khmer
 * puts between words. */
static gboolean
has_sentence (GPtrArray  *sentences,
              const char *expected)
{
  for (guint i = 0; i < sentences->len; i++)
    {
      g_autoptr(GString) sentence = g_string_new (g_ptr_array_index (sentences, i));

      g_string_replace (sentence, "\u200b", "", 0);
      if (g_str_equal (sentence->str, expected))
        return TRUE;
    }
  return FALSE;
}

static GRegex *refs;

/* What is left of a Khmer sentence once the names people typed are taken out:
 * the operator, references ("PP-0042") and what stands between «» are values, not
 * words. */
static char *
words_of (const char *sentence)
{
  g_autofree char *without_refs = g_regex_replace (refs, sentence, -1, 0, "", 0, NULL);
  g_autoptr(GString) words = g_string_new (without_refs);

  g_string_replace (words, "Sophea", "", 0);
  for (char *open = strstr (words->str, "«"); open != NULL; open = strstr (words->str, "«"))
    {
      char *close = strstr (open, "»");

      g_assert_nonnull (close);
      g_string_erase (words, open - words->str, close + strlen ("»") - open);
    }
  return g_string_free (g_steal_pointer (&words), FALSE);
}

static void
assert_khmer_words (const char *sentence)
{
  g_autofree char *words = words_of (sentence);

  if (strstr (sentence, "“") != NULL || strstr (sentence, "”") != NULL)
    g_error ("English quotes in “%s”", sentence);
  for (const char *p = words; *p != '\0'; p++)
    if (g_ascii_isalpha (*p) || *p == '_')
      g_error ("A code or an English word in “%s”", sentence);
}

static void
test_english (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(SbMessage) message = sb_campaign_get_message (fixture->campaign, fixture->message_id, NULL);
  g_autofree char *created = g_strdup_printf ("Sophea created message %s", message->ref);

  use_language ("en");
  sentences = describe_message (fixture->campaign, fixture->message_id, FALSE);

  g_assert_true (has_sentence (sentences, created));
  g_assert_true (has_sentence (sentences, "Sophea changed the sender’s name from “ដារ៉ា” to “ដារ៉ា គីម”"));
  g_assert_true (has_sentence (sentences, "Sophea removed the sender’s city"));
  g_assert_true (has_sentence (sentences, "Sophea set the sender’s country to Cambodia"));
  g_assert_true (has_sentence (sentences, "Sophea changed the sender’s country from Cambodia to France"));
  g_assert_true (has_sentence (sentences, "Sophea set the partner office to ការិយាល័យកំពង់ចាម"));
  g_assert_true (has_sentence (sentences, "Sophea changed the date received from 1 September 2016 to 2 September 2016"));
  g_assert_true (has_sentence (sentences, "Sophea set the language to French"));
  g_assert_true (has_sentence (sentences, "Sophea marked the language as not known"));
  g_assert_true (has_sentence (sentences, "Sophea marked it as a message sent online"));
  g_assert_true (has_sentence (sentences, "Sophea allowed the sender’s name to be published"));
  g_assert_true (has_sentence (sentences, "Sophea let the detainee see the sender’s name"));
  g_assert_true (has_sentence (sentences, "Sophea marked it as transcribed, ready for review"));
  g_assert_true (has_sentence (sentences, "Sophea approved it for delivery"));
  g_assert_true (has_sentence (sentences, "Sophea held it back"));
  g_assert_true (has_sentence (sentences, "Sophea gave the reason for holding it: “ត្រូវពិនិត្យអ្នកផ្ញើ”"));

  /* No field names or codes from the database. */
  for (guint i = 0; i < sentences->len; i++)
    {
      const char *sentence = g_ptr_array_index (sentences, i);

      g_test_message ("%s", sentence);
      g_assert_null (strstr (sentence, "_"));
      g_assert_false (g_str_has_suffix (sentence, " und"));
      g_assert_false (g_str_has_suffix (sentence, " fr"));
    }
}

static void
test_khmer (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  guint n_copies = 0;

  use_language ("km");
  if (g_str_equal (_("Messages"), "Messages"))
    {
      g_test_skip ("The Khmer catalogue is not available (a UTF-8 locale and SAMBOT_LOCALEDIR are needed)");
      return;
    }

  sentences = describe_message (fixture->campaign, fixture->message_id, TRUE);
  g_assert_cmpuint (sentences->len, >=, 20);
  for (guint i = 0; i < sentences->len; i++)
    assert_khmer_words (g_ptr_array_index (sentences, i));
  /* Names and values in Khmer: countries from iso-codes, languages, detainees' names. */
  g_assert_true (has_sentence (sentences, "Sophea បានប្ដូរប្រទេសរបស់អ្នកផ្ញើពី កម្ពុជា ទៅ បារាំង"));
  g_assert_true (has_sentence (sentences, "Sophea បានកំណត់ភាសាជាភាសាបារាំង"));
  g_assert_true (has_sentence (sentences, "Sophea បានដាក់ នី សុខា ជាអ្នកទទួល"));
  /* Dates and counts in Khmer digits, as the message list and the infographics write them. */
  {
    g_autofree char *date = _sb_format_long_date ("2016-09-01");
    g_autofree char *counts = _sb_format_message_counts (1234, 195);

    g_assert_cmpstr (date, ==, "១ កញ្ញា ២០១៦");
    g_assert_nonnull (strstr (counts, "១,២៣៤"));
    g_assert_nonnull (strstr (counts, "១៩៥"));
    g_assert_null (strpbrk (counts, "0123456789"));
  }

  /* The demo campaign's messages, delivered through batches: every copy state. */
  ids = sb_campaign_list_message_ids (fixture->campaign, NULL, &error);
  g_assert_no_error (error);
  for (guint m = 0; m < MIN (ids->len, 120); m++)
    {
      g_autoptr(SbMessage) other = sb_campaign_get_message (fixture->campaign, g_ptr_array_index (ids, m), NULL);
      g_autoptr(GPtrArray) lines = describe_message (fixture->campaign, other->id, TRUE);

      for (guint i = 0; i < lines->len; i++)
        {
          const char *line = g_ptr_array_index (lines, i);

          assert_khmer_words (line);
        }
      n_copies += lines->len;
    }
  g_assert_cmpuint (n_copies, >, 120);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SAMBOT_LOCALEDIR");
  const char *locale = setlocale (LC_ALL, "");
  int status;

  /* LANGUAGE works only with a real locale (docs/testing.md): C.UTF-8 will do. */
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GLib decides once, on the first g_dgettext(), whether libraries' strings are
   * translated at all: decide it with Khmer on, as a Khmer session would. */
  use_language ("km");
  g_dgettext (GETTEXT_PACKAGE, "");

  g_test_init (&argc, &argv, NULL);
  refs = g_regex_new ("[A-Z]{2}-[0-9]{4}", 0, 0, NULL);

  g_test_add ("/history/english", Fixture, NULL, fixture_set_up, test_english, fixture_tear_down);
  g_test_add ("/history/khmer", Fixture, NULL, fixture_set_up, test_khmer, fixture_tear_down);

  status = g_test_run ();
  g_regex_unref (refs);
  return status;
}
