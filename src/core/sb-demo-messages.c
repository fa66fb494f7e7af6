/* sb-demo-messages.c — the demo's 476 messages: when they came, from whom, what
 * they say, and how far review had got by the as-of day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-demo"

#include "config.h"

#include <string.h>

#include "sb-campaign-private.h"
#include "sb-demo-private.h"

const char *const _sb_demo_offices[][3] = {
  { "PP", "Phnom Penh office", "Phnom Penh" },
  { "BB", "Battambang office", "Battambang" },
  { "SR", "Siem Reap office", "Siem Reap" },
  { "KC", "Kampong Cham office", "Kampong Cham" },
  { "MK", "Mondulkiri office", "Sen Monorom" },
  { "KP", "Kampot office", "Kampot" },
};
const guint _sb_demo_n_offices = G_N_ELEMENTS (_sb_demo_offices);

#define HASHTAG "#Freethe5KH"
#define FEMALE  3      /* Lim Mony */

/* ------------------------------------------------------------------------ */
/* Chance                                                                   */
/* ------------------------------------------------------------------------ */

/* Picks an index by weight. */
static guint
pick (GRand       *rand,
      const guint *weights,
      guint        n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  g_assert_not_reached ();
}

#define PICK(rand, ...) \
  pick (rand, (const guint[]) { __VA_ARGS__ }, G_N_ELEMENTS (((const guint[]) { __VA_ARGS__ })))

static gboolean
chance (GRand *rand,
        guint  percent)
{
  return (guint) g_rand_int_range (rand, 0, 100) < percent;
}

static const char *
pick_string (GRand             *rand,
             const char *const *list)
{
  return list[g_rand_int_range (rand, 0, g_strv_length ((char **) list))];
}

char *
_sb_demo_date (int day)
{
  g_autoptr(GDateTime) launch = g_date_time_new_utc (2016, 8, 8, 0, 0, 0);
  g_autoptr(GDateTime) date = g_date_time_add_days (launch, day);

  return g_date_time_format (date, "%Y-%m-%d");
}

/* ------------------------------------------------------------------------ */
/* Senders                                                                  */
/* ------------------------------------------------------------------------ */

static const SbDemoCountry *
find_country (const char *code)
{
  for (guint i = 0; i < _sb_demo_n_countries; i++)
    if (g_str_equal (_sb_demo_countries[i].code, code))
      return &_sb_demo_countries[i];
  g_assert_not_reached ();
}

static char *
khmer_name (GRand    *rand,
            gboolean  khmer_script)
{
  guint family = g_rand_int_range (rand, 0, g_strv_length ((char **) _sb_demo_khmer_family));
  guint given = g_rand_int_range (rand, 0, g_strv_length ((char **) _sb_demo_khmer_given));

  if (khmer_script)
    return g_strconcat (_sb_demo_khmer_family_km[family], " ", _sb_demo_khmer_given_km[given], NULL);
  return g_strconcat (_sb_demo_khmer_family[family], " ", _sb_demo_khmer_given[given], NULL);
}

static const char *
foreign_country (GRand          *rand,
                 SbDemoLanguage  language)
{
  switch (language)
    {
    case SB_DEMO_EN:
      return (const char *[]) { "US", "GB", "AU", "CA", "NZ", "IE", "PH", "MY", "ID", "SE",
                                "NL", "KR", "KH" }
        [PICK (rand, 25, 15, 12, 6, 3, 3, 6, 5, 4, 3, 3, 3, 12)];
    case SB_DEMO_FR:
      return (const char *[]) { "FR", "BE", "CH", "CA" }[PICK (rand, 70, 10, 8, 12)];
    case SB_DEMO_DE:
      return (const char *[]) { "DE", "AT", "CH" }[PICK (rand, 75, 12, 13)];
    case SB_DEMO_ES:
      return (const char *[]) { "ES", "MX", "AR" }[PICK (rand, 60, 25, 15)];
    case SB_DEMO_TH:
      return "TH";
    case SB_DEMO_JA:
      return "JP";
    case SB_DEMO_KM:
    case SB_DEMO_N_LANGUAGES:
    default:
      g_assert_not_reached ();
    }
}

static char *
email_for (const char *name)
{
  g_autoptr(GString) email = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    {
      if (!g_ascii_isalpha (*p) && *p != ' ')
        return NULL;
      g_string_append_c (email, *p == ' ' ? '.' : g_ascii_tolower (*p));
    }
  g_string_append (email, "@example.org");
  return g_string_free (g_steal_pointer (&email), FALSE);
}

static void
choose_sender (SbDemoMessage  *message,
               SbDemoLanguage  language,
               GRand          *rand)
{
  gboolean postcard = message->channel == SB_CHANNEL_POSTCARD;

  if (language == SB_DEMO_KM)
    {
      const char *country = "KH";

      if (!postcard && chance (rand, 15))
        country = (const char *[]) { "US", "FR", "AU" }[PICK (rand, 50, 30, 20)];
      message->sender_country = country;
      if (g_str_equal (country, "KH"))
        {
          guint office = postcard ? (guint) message->office
                                  : (guint) g_rand_int_range (rand, 0, _sb_demo_n_offices);
          message->sender_city = g_strdup (pick_string (rand, _sb_demo_office_cities[office]));
        }
      else
        message->sender_city = g_strdup (g_str_equal (country, "US")
                                         ? pick_string (rand, (const char *[]) { "Long Beach", "Lowell", NULL })
                                         : g_str_equal (country, "FR") ? "Paris" : "Melbourne");
      message->sender_name = khmer_name (rand, postcard ? chance (rand, 70) : chance (rand, 25));
    }
  else
    {
      const SbDemoCountry *country = NULL;

      if (postcard)
        country = find_country (chance (rand, 60) ? "KH"
                                : (const char *[]) { "US", "GB", "AU", "FR" }[PICK (rand, 3, 3, 2, 2)]);
      else
        country = find_country (foreign_country (rand, language));
      message->sender_country = country->code;
      message->sender_name = g_strdup (pick_string (rand, country->names));
      message->sender_city = g_strdup (pick_string (rand, country->cities));
    }

  message->consent = (SbConsent[]) { SB_CONSENT_PUBLIC, SB_CONSENT_DETAINEE,
                                     SB_CONSENT_NONE }[PICK (rand, 45, 35, 20)];
  if (chance (rand, 5))
    {
      /* Anonymous: no name, so nothing to consent to. */
      g_free (message->sender_name);
      message->sender_name = g_strdup ("");
      message->consent = SB_CONSENT_NONE;
    }
  if (!postcard && chance (rand, 70))
    message->sender_contact = email_for (message->sender_name);
  if (message->sender_contact == NULL)
    message->sender_contact = g_strdup ("");
}

/* ------------------------------------------------------------------------ */
/* What they wrote                                                          */
/* ------------------------------------------------------------------------ */

/* A message as phrases, so that it can be written out in any language. */
typedef struct
{
  guint               recipients;
  gboolean            informal;      /* Khmer "សួស្តីបង…" to one person */
  const SbDemoPhrase *greeting;      /* to all five; else built from the names */
  const SbDemoPhrase *body[6];
  guint               n_body;
  const SbDemoPhrase *closing;       /* or NULL */
  gboolean            hashtag;
} Composition;

static guint
count_bits (guint bits)
{
  guint n = 0;

  for (; bits != 0; bits &= bits - 1)
    n++;
  return n;
}

static gboolean
single_recipient (guint recipients,
                  int  *detainee)
{
  for (int i = 0; i < SB_DEMO_N_DETAINEES; i++)
    if (recipients == (1u << i))
      {
        *detainee = i;
        return TRUE;
      }
  return FALSE;
}

static void
append_greeting (GString            *out,
                 const Composition  *composition,
                 SbDemoLanguage      language)
{
  static const char *const dear_one[] = { "ជូនចំពោះ ", "Dear ", "Cher ", "Lieber " };
  static const char *const dear_her[] = { "ជូនចំពោះ ", "Dear ", "Chère ", "Liebe " };
  static const char *const dear_all[] = { "ជូនចំពោះ ", "Dear ", "Chers ", "Liebe " };
  int detainee;

  if (composition->greeting != NULL)
    {
      g_string_append (out, composition->greeting->text[language]);
      return;
    }
  g_assert (language <= SB_DEMO_DE);
  if (single_recipient (composition->recipients, &detainee))
    {
      if (language == SB_DEMO_KM && composition->informal)
        g_string_append_printf (out, "សួស្តីបង%s", _sb_demo_given_names[detainee][language]);
      else if (language == SB_DEMO_KM)
        g_string_append_printf (out, "ជូនចំពោះ %s", _sb_demo_names_km_titled[detainee]);
      else
        g_string_append_printf (out, "%s%s,", (detainee == FEMALE ? dear_her : dear_one)[language],
                                _sb_demo_given_names[detainee][language]);
      return;
    }

  /* Several: "Dear Sokha, Vanda and Mony," */
  g_string_append (out, dear_all[language]);
  for (int i = 0, n = 0, total = count_bits (composition->recipients); i < SB_DEMO_N_DETAINEES; i++)
    {
      if (!(composition->recipients & (1u << i)))
        continue;
      if (n > 0)
        g_string_append (out, n == total - 1 ? _sb_demo_and.text[language]
                                             : language == SB_DEMO_KM ? " " : ", ");
      g_string_append (out, _sb_demo_given_names[i][language]);
      n++;
    }
  if (language != SB_DEMO_KM)
    g_string_append_c (out, ',');
}

static char *
write_out (const Composition *composition,
           SbDemoLanguage     language)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *separator = language == SB_DEMO_JA ? "" : " ";

  append_greeting (out, composition, language);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < composition->n_body; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, composition->body[i]->text[language]);
    }
  if (composition->closing != NULL)
    g_string_append_printf (out, "\n%s", composition->closing->text[language]);
  if (composition->hashtag)
    g_string_append (out, "\n" HASHTAG);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const SbDemoPhrase *
pick_phrase (GRand              *rand,
             const SbDemoPhrase *phrases,
             guint               n,
             SbDemoLanguage      language)
{
  for (;;)
    {
      const SbDemoPhrase *phrase = &phrases[g_rand_int_range (rand, 0, n)];

      if (phrase->text[language] != NULL)
        return phrase;
    }
}

static void
compose (SbDemoMessage      *message,
         SbDemoLanguage      language,
         const SbDemoPhrase *about_the_case,
         GRand              *rand)
{
  Composition composition = { .recipients = message->recipients };
  guint n_wishes = 1 + PICK (rand, 15, 40, 35, 10);

  composition.informal = language == SB_DEMO_KM && chance (rand, 40);
  if (message->recipients == (1u << SB_DEMO_N_DETAINEES) - 1)
    composition.greeting = pick_phrase (rand, _sb_demo_greetings_all, _sb_demo_n_greetings_all,
                                        language);
  while (composition.n_body < n_wishes)
    {
      const SbDemoPhrase *wish = pick_phrase (rand, _sb_demo_wishes, _sb_demo_n_wishes, language);
      gboolean seen = FALSE;

      for (guint i = 0; i < composition.n_body; i++)
        seen = seen || composition.body[i] == wish;
      if (!seen)
        composition.body[composition.n_body++] = wish;
      if (about_the_case != NULL && composition.n_body == 1)
        composition.body[composition.n_body++] = about_the_case;
    }
  if (chance (rand, 65))
    composition.closing = pick_phrase (rand, _sb_demo_closings, _sb_demo_n_closings, language);
  composition.hashtag = chance (rand, message->channel == SB_CHANNEL_ONLINE ? 45 : 20);

  message->text = write_out (&composition, language);
  message->translation_km = language == SB_DEMO_KM ? g_strdup ("")
                                                   : write_out (&composition, SB_DEMO_KM);
  message->translation_en = language == SB_DEMO_EN ? g_strdup ("")
                                                   : write_out (&composition, SB_DEMO_EN);
}

/* ------------------------------------------------------------------------ */
/* The plan                                                                 */
/* ------------------------------------------------------------------------ */

/* How many messages came in on each day, relative: the launch week, quieter
 * weekends, a rise around the International Day of Democracy (15 September), and
 * Pchum Ben (30 September to 2 October), when the offices closed. */
static double
day_weight (int day)
{
  double weight = 1.0;

  if (day <= 4)
    weight = 3.0;
  else if (day % 7 == 5 || day % 7 == 6)
    weight = day <= 6 ? 1.2 : 0.5;
  if (day >= 37 && day <= 40)
    weight *= 1.6;
  if (day >= 53 && day <= 55)
    weight *= 0.4;
  return weight;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static guint
choose_recipients (GRand          *rand,
                   SbDemoLanguage  language)
{
  guint all = (1u << SB_DEMO_N_DETAINEES) - 1;
  guint recipients = 0;
  guint n;

  /* Spanish, Thai and Japanese phrases speak to all five. */
  if (language >= SB_DEMO_ES)
    return all;
  switch (PICK (rand, 55, 30, 15))
    {
    case 0:
      return all;
    case 1:
      return 1u << g_rand_int_range (rand, 0, SB_DEMO_N_DETAINEES);
    default:
      n = g_rand_int_range (rand, 2, SB_DEMO_N_DETAINEES);
      while (count_bits (recipients) < n)
        recipients |= 1u << g_rand_int_range (rand, 0, SB_DEMO_N_DETAINEES);
      return recipients;
    }
}

static void
message_clear (gpointer data)
{
  SbDemoMessage *message = data;

  g_free (message->sender_name);
  g_free (message->sender_city);
  g_free (message->sender_contact);
  g_free (message->text);
  g_free (message->translation_km);
  g_free (message->translation_en);
  g_free (message->notes);
  g_free (message->id);
  g_free (message->ref);
}

/* Picks @n messages that @eligible accepts, spread at random over the campaign. */
typedef gboolean (*Eligible) (const SbDemoMessage *message,
                              SbDemoLanguage       language);

static void
mark (GArray      *messages,
      const guint *languages,
      GRand       *rand,
      guint        n,
      Eligible     eligible,
      GArray      *chosen)
{
  guint found = 0;

  while (found < n)
    {
      guint i = g_rand_int_range (rand, 0, messages->len);
      gboolean taken = FALSE;

      for (guint j = 0; j < chosen->len && !taken; j++)
        taken = g_array_index (chosen, guint, j) == i;
      if (taken || !eligible (&g_array_index (messages, SbDemoMessage, i), languages[i]))
        continue;
      g_array_append_val (chosen, i);
      found++;
    }
}

static gboolean
reviewed_in_european_language (const SbDemoMessage *message,
                               SbDemoLanguage       language)
{
  return message->reviewed >= 0 && language <= SB_DEMO_DE;
}

static gboolean
khmer_postcard (const SbDemoMessage *message,
                SbDemoLanguage       language)
{
  return message->reviewed >= 0 && language == SB_DEMO_KM &&
         message->channel == SB_CHANNEL_POSTCARD;
}

/* Early, approved, for someone at Prey Sar: the prison will refuse it. */
static gboolean
early_for_prey_sar (const SbDemoMessage *message,
                    SbDemoLanguage       language)
{
  return message->reviewed >= 0 && message->reviewed <= 12 && language <= SB_DEMO_FR &&
         (message->recipients & 0xf) != 0;
}

static gboolean
english (const SbDemoMessage *message,
         SbDemoLanguage       language)
{
  return message->reviewed >= 0 && language == SB_DEMO_EN;
}

/**
 * _sb_demo_plan_messages:
 *
 * Fills @plan->messages: SB_DEMO_N_MESSAGES messages from the launch to the as-of
 * day, SB_DEMO_N_HELD of them held, some not yet reviewed at the end.
 */
void
_sb_demo_plan_messages (SbDemoPlan *plan,
                        GRand      *rand)
{
  GArray *messages = plan->messages;
  int days[SB_DEMO_N_MESSAGES];
  guint languages[SB_DEMO_N_MESSAGES];
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  double total = 0;

  g_array_set_clear_func (messages, message_clear);

  for (int day = 0; day <= SB_DEMO_LAST_DAY; day++)
    total += day_weight (day);
  for (guint i = 0; i < SB_DEMO_N_MESSAGES; i++)
    {
      double r = g_rand_double_range (rand, 0, total);
      int day = 0;

      while (day < SB_DEMO_LAST_DAY && (r -= day_weight (day)) >= 0)
        day++;
      days[i] = day;
    }
  qsort (days, SB_DEMO_N_MESSAGES, sizeof (int), compare_ints);

  for (guint i = 0; i < SB_DEMO_N_MESSAGES; i++)
    {
      SbDemoMessage message = { 0 };
      gboolean postcard = chance (rand, 60);

      message.received = days[i];
      message.channel = postcard ? SB_CHANNEL_POSTCARD : SB_CHANNEL_ONLINE;
      message.office = postcard ? (int) PICK (rand, 35, 15, 15, 15, 8, 12) : -1;
      languages[i] = postcard ? PICK (rand, 86, 9, 5) : PICK (rand, 30, 36, 12, 8, 5, 5, 4);
      message.language = _sb_demo_language_codes[languages[i]];
      message.recipients = choose_recipients (rand, languages[i]);
      choose_sender (&message, languages[i], rand);

      /* Cards are typed within a few days; online messages arrive typed. */
      message.transcribed = message.received + (postcard ? (int) PICK (rand, 40, 35, 20, 5) : 0);
      message.reviewed = message.transcribed + (int) PICK (rand, 20, 45, 25, 10);
      if (message.transcribed > SB_DEMO_LAST_DAY)
        message.transcribed = message.reviewed = -1;
      else if (message.reviewed > SB_DEMO_LAST_DAY)
        message.reviewed = -1;
      g_array_append_val (messages, message);
    }

  /* One list, so that no message is chosen twice: held for mentioning the case,
   * held as illegible, refused by the prison, approved without translation. */
  mark (messages, languages, rand, SB_DEMO_N_HELD - 2, reviewed_in_european_language, chosen);
  mark (messages, languages, rand, 2, khmer_postcard, chosen);
  mark (messages, languages, rand, 3, early_for_prey_sar, chosen);
  mark (messages, languages, rand, 3, english, chosen);
  for (guint i = 0; i < chosen->len; i++)
    {
      SbDemoMessage *message = &g_array_index (messages, SbDemoMessage,
                                               g_array_index (chosen, guint, i));

      if (i < SB_DEMO_N_HELD - 2)
        message->hold_reason = "mentions the case";
      else if (i < SB_DEMO_N_HELD)
        message->hold_reason = "illegible";
      else if (i < SB_DEMO_N_HELD + 3)
        message->court_case = TRUE;
      else
        message->without_translation = TRUE;
    }

  for (guint i = 0; i < messages->len; i++)
    {
      SbDemoMessage *message = &g_array_index (messages, SbDemoMessage, i);
      gboolean approved = message->reviewed >= 0 && message->hold_reason == NULL;

      if (g_strcmp0 (message->hold_reason, "illegible") == 0)
        {
          message->text = g_strdup ("សូមឱ្យ [?] សុខភាព [?]\nដោះលែង [?]");
          message->translation_km = g_strdup ("");
          message->translation_en = g_strdup ("");
          message->notes = g_strdup ("Card damaged by rain; only a few words can be read.");
          continue;
        }
      compose (message, languages[i],
               message->hold_reason != NULL ? &_sb_demo_case_mention
               : message->court_case ? &_sb_demo_case_hearing : NULL,
               rand);
      message->notes = g_strdup ("");

      /* Reviewers translate what they approve; English for the reports, sometimes. */
      if (languages[i] == SB_DEMO_KM)
        {
          if (!approved || !chance (rand, 40))
            _sb_set_str (&message->translation_en, "");
        }
      else
        {
          if (message->without_translation || message->hold_reason != NULL ||
              (!approved && chance (rand, 50)))
            _sb_set_str (&message->translation_km, "");
          _sb_set_str (&message->translation_en, "");
        }
    }
}
