/* sb-bench-campaign.c — realistic campaigns of any size, made through the core API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Messages are composed from fragments of the kind people wrote to the five in
 * 2016–2017, in Khmer, English, French and a few other languages, from senders in
 * many countries. Everything comes from one GRand, the campaign's identifiers from
 * the same seed and its clock is fixed: the same seed gives the same file.
 */

#define G_LOG_DOMAIN "sb-bench"

#include <string.h>

#include "sb-bench-campaign.h"
#include "sb-campaign-private.h"
#include "sb-message-intake.h"

#define LAUNCH_JULIAN_OFFSET 0
#define N_DAYS               320     /* 2016-08-08 → 2017-06-24, days before the release */

/* ------------------------------------------------------------------------ */
/* Fragments                                                                */
/* ------------------------------------------------------------------------ */

static const char *const km_fragments[] = {
  "សូមលើកទឹកចិត្តដល់បងប្អូនទាំងប្រាំនាក់។ ",
  "យើងខ្ញុំគាំទ្រអ្នកជានិច្ច។ ",
  "សូមឱ្យមានសុខភាពល្អ និងកម្លាំងកាយចិត្តរឹងមាំ។ ",
  "យុត្តិធម៌នឹងមកដល់ក្នុងពេលឆាប់ៗនេះ។ ",
  "សូមដោះលែងអ្នកការពារសិទ្ធិមនុស្សទាំងប្រាំនាក់ភ្លាមៗ និងដោយគ្មានលក្ខខណ្ឌ។ ",
  "អ្នកមិនឯកាទេ យើងនៅក្បែរអ្នកជានិច្ច។ ",
  "គ្រួសាររបស់អ្នកកំពុងរង់ចាំអ្នកត្រឡប់មកផ្ទះវិញ។ ",
  "យើងនឹងមិនភ្លេចអ្នកទេ។ ",
  "សូមរឹងមាំ និងអត់ធ្មត់។ ",
  "ពីក្រុមយុវជននៅខេត្តសៀមរាប។ ",
  "សិទ្ធិមនុស្សជាសិទ្ធិរបស់យើងទាំងអស់គ្នា។ ",
  "ខ្ញុំជាកសិករនៅខេត្តកំពង់ចាម ខ្ញុំសូមអរគុណចំពោះការជួយរបស់អ្នក។ ",
  "អរគុណសម្រាប់ការងារដ៏ក្លាហានរបស់អ្នកដើម្បីប្រជាពលរដ្ឋខ្មែរ។ ",
  "ការការពារសិទ្ធិមនុស្សមិនមែនជាបទឧក្រិដ្ឋទេ។ ",
  "សហគមន៍របស់យើងបានអធិស្ឋានឱ្យអ្នករាល់ថ្ងៃ។ ",
  "ថ្ងៃមួយយើងនឹងជួបគ្នាម្តងទៀតដោយសេរីភាព។ ",
  "កូនៗរបស់ខ្ញុំផ្ញើការនឹករលឹកមកអ្នក។ ",
  "ព្រះសង្ឃនៅវត្តយើងបានសូត្រមន្តឱ្យអ្នក។ ",
  "សូមកុំបាក់ទឹកចិត្ត ពិភពលោកកំពុងមើល។ ",
  "ស្ត្រីៗនៅភូមិរបស់ខ្ញុំគោរពការងាររបស់អ្នកណាស់។ ",
};

static const char *const km_greetings[] = {
  "ជូនចំពោះ %s ជាទីគោរព! ",
  "សួស្តី %s! ",
  "បងស្រី បងប្រុសទាំងប្រាំនាក់ជាទីស្រឡាញ់! ",
  "ជម្រាបសួរ %s! ",
};

static const char *const en_fragments[] = {
  "Stay strong. ",
  "You are not alone. ",
  "We are thinking of you every day. ",
  "Defending human rights is not a crime. ",
  "Free the five now! ",
  "Justice will prevail. ",
  "Thank you for your courage and for everything you have done for the people of Cambodia. ",
  "My family sends love and hope. ",
  "The world is watching and we will keep speaking up until you are free. ",
  "We will not forget you. ",
  "Your work inspires us to keep going. ",
  "Hold on, freedom is coming. ",
  "Our whole class wrote to you today. ",
  "Solidarity from all of us at the union. ",
  "Please know that thousands of people stand with you. ",
  "I hope you can feel our support through these walls. ",
  "Human rights defenders belong in their communities, not in prison. ",
  "Sending warm wishes and strength to you and your families. ",
};

static const char *const en_greetings[] = {
  "Dear %s, ", "Hello %s! ", "To the five, ", "Dear friends, ",
};

static const char *const fr_fragments[] = {
  "Courage, vous n'êtes pas seuls. ",
  "Nous pensons à vous chaque jour. ",
  "Défendre les droits humains n'est pas un crime. ",
  "Liberté pour les cinq ! ",
  "Toute notre solidarité et notre amitié. ",
  "Le monde entier vous regarde avec respect. ",
  "Nous ne vous oublierons pas. ",
  "Votre courage nous donne de l'espoir pour l'avenir du Cambodge. ",
  "Tenez bon, la justice finira par triompher. ",
};

static const char *const fr_greetings[] = {
  "Cher·e·s ami·e·s, ", "Chère %s, ", "Bonjour %s, ",
};

static const char *const de_fragments[] = {
  "Bleiben Sie stark. ",
  "Sie sind nicht allein. ",
  "Wir denken jeden Tag an Sie und Ihre Familien. ",
  "Menschenrechte zu verteidigen ist kein Verbrechen. ",
  "Freiheit für die fünf! ",
  "Herzliche Grüße und viel Kraft. ",
};

static const char *const es_fragments[] = {
  "Mucho ánimo, no están solos. ",
  "Pensamos en ustedes todos los días. ",
  "Defender los derechos humanos no es un delito. ",
  "¡Libertad para los cinco! ",
  "Un abrazo solidario desde nuestra comunidad. ",
  "La justicia llegará. ",
};

static const char *const ja_fragments[] = {
  "がんばってください。",
  "あなたたちは一人ではありません。",
  "毎日あなたたちのことを考えています。",
  "人権を守ることは犯罪ではありません。",
  "五人に自由を！",
  "日本から連帯の気持ちを送ります。",
};

static const char *const th_fragments[] = {
  "ขอให้เข้มแข็งนะครับ ",
  "คุณไม่ได้อยู่คนเดียว ",
  "เราคิดถึงคุณทุกวัน ",
  "การปกป้องสิทธิมนุษยชนไม่ใช่อาชญากรรม ",
  "ปล่อยตัวทั้งห้าคนเดี๋ยวนี้ ",
};

static const char *const it_fragments[] = {
  "Coraggio, non siete soli. ",
  "Vi pensiamo ogni giorno. ",
  "Difendere i diritti umani non è un crimine. ",
  "Libertà per i cinque! ",
};

typedef struct
{
  const char        *language;
  const char *const *fragments;
  guint              n_fragments;
  const char *const *greetings;
  guint              n_greetings;
  guint              weight;      /* per thousand */
} Language;

#define FRAGS(a) a, G_N_ELEMENTS (a)

static const Language languages[] = {
  { "km", FRAGS (km_fragments), FRAGS (km_greetings), 450 },
  { "en", FRAGS (en_fragments), FRAGS (en_greetings), 320 },
  { "fr", FRAGS (fr_fragments), FRAGS (fr_greetings), 90 },
  { "de", FRAGS (de_fragments), NULL, 0, 40 },
  { "es", FRAGS (es_fragments), NULL, 0, 40 },
  { "ja", FRAGS (ja_fragments), NULL, 0, 20 },
  { "th", FRAGS (th_fragments), NULL, 0, 20 },
  { "it", FRAGS (it_fragments), NULL, 0, 20 },
};

/* ------------------------------------------------------------------------ */
/* Senders                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  const char        *country;
  const char *const  first[8];
  const char *const  last[8];
  const char *const  cities[6];
  guint              weight;     /* per thousand */
} Country;

static const Country countries[] = {
  { "KH", { "សុខា", "ដារ៉ា", "សុភា", "វណ្ណា", "ចន្ថា", "ស្រីពៅ", "រតនា", "Sokha" },
          { "សុខ", "ចាន់", "ហេង", "លី", "ឈឹម", "កែវ", "ម៉ៅ", "Chan" },
          { "ភ្នំពេញ", "សៀមរាប", "បាត់ដំបង", "កំពង់ចាម", "Phnom Penh", "Takeo" }, 450 },
  { "US", { "Emily", "Michael", "Sarah", "David", "Jessica", "Daniel", "Ashley", "Chris" },
          { "Smith", "Johnson", "Nguyen", "Garcia", "Miller", "Davis", "Lee", "Brown" },
          { "New York", "Long Beach", "Lowell", "Seattle", "Chicago", "Oakland" }, 90 },
  { "AU", { "Jack", "Olivia", "Liam", "Charlotte", "Noah", "Mia", "Sophie", "Tom" },
          { "Wilson", "Taylor", "Anderson", "Thomas", "White", "Martin", "Kelly", "Ryan" },
          { "Melbourne", "Sydney", "Brisbane", "Perth", "Adelaide", "Canberra" }, 60 },
  { "FR", { "Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Théo", "Inès" },
          { "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand" },
          { "Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille" }, 80 },
  { "GB", { "Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jacob", "Emily" },
          { "Jones", "Williams", "Evans", "Roberts", "Walker", "Wright", "Hughes", "Green" },
          { "London", "Manchester", "Leeds", "Bristol", "Glasgow", "Cardiff" }, 50 },
  { "DE", { "Lukas", "Anna", "Leon", "Lena", "Felix", "Marie", "Jonas", "Laura" },
          { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker" },
          { "Berlin", "Hamburg", "München", "Köln", "Leipzig", "Freiburg" }, 40 },
  { "ES", { "Lucía", "Hugo", "Martina", "Pablo", "Sofía", "Álvaro", "Julia", "Mateo" },
          { "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz" },
          { "Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Zaragoza" }, 30 },
  { "JP", { "Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura" },
          { "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Kato" },
          { "Tokyo", "Osaka", "Kyoto", "Nagoya", "Sapporo", "Fukuoka" }, 20 },
  { "TH", { "Somchai", "Malee", "Anan", "Ploy", "Niran", "Kanya", "Chai", "Nok" },
          { "Srisuk", "Wongsa", "Chaiyaporn", "Boonmee", "Saetang", "Rattana", "Kaewmanee", "Sukjai" },
          { "Bangkok", "Chiang Mai", "Khon Kaen", "Hat Yai", "Udon Thani", "Surin" }, 20 },
  { "CA", { "Emma", "Liam", "Chloé", "Ethan", "Maya", "Nathan", "Zoé", "Owen" },
          { "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie" },
          { "Montréal", "Toronto", "Vancouver", "Québec", "Ottawa", "Winnipeg" }, 30 },
  { "IT", { "Giulia", "Marco", "Sofia", "Luca", "Chiara", "Matteo", "Sara", "Andrea" },
          { "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci" },
          { "Roma", "Milano", "Torino", "Bologna", "Napoli", "Firenze" }, 20 },
  { "PH", { "Maria", "Jose", "Ana", "Juan", "Rosa", "Mark", "Grace", "Paolo" },
          { "Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres" },
          { "Manila", "Quezon City", "Cebu", "Davao", "Iloilo", "Baguio" }, 30 },
  { "KR", { "Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyun", "Yuna", "Dohyun", "Sua" },
          { "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon" },
          { "Seoul", "Busan", "Incheon", "Daegu", "Gwangju", "Suwon" }, 20 },
  { "NO", { "Emma", "Jakob", "Nora", "Emil", "Sara", "Filip", "Ingrid", "Aksel" },
          { "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg" },
          { "Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Drammen" }, 20 },
  { "BR", { "Ana", "Pedro", "Beatriz", "Gabriel", "Larissa", "Rafael", "Camila", "Thiago" },
          { "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Almeida" },
          { "São Paulo", "Rio de Janeiro", "Recife", "Salvador", "Curitiba", "Belém" }, 20 },
  { "KE", { "Wanjiru", "Otieno", "Achieng", "Kamau", "Njeri", "Mwangi", "Akinyi", "Kiprop" },
          { "Ochieng", "Mutua", "Kariuki", "Wambui", "Odhiambo", "Kiplagat", "Njoroge", "Chege" },
          { "Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Thika" }, 20 },
};

static const char *const hold_reasons[] = {
  "Mentions the court case: the prison would reject it",
  "Political slogan on the card",
  "Illegible: ask the office to check the original",
  "Possible duplicate of an earlier card",
};

static const char *const offices[][3] = {
  { "PP", "ADHOC Phnom Penh", "Phnom Penh" },
  { "SR", "ADHOC Siem Reap", "Siem Reap" },
  { "BB", "ADHOC Battambang", "Battambang" },
  { "KC", "ADHOC Kampong Cham", "Kampong Cham" },
  { "KT", "LICADHO Kampot", "Kampot" },
  { "TK", "ADHOC Takeo", "Takeo" },
  { "PV", "ADHOC Prey Veng", "Prey Veng" },
  { "SV", "ADHOC Svay Rieng", "Svay Rieng" },
};

static const char *const detainees[][4] = {
  /* English, Khmer, role, facility (0: Prey Sar, 1: Police Judiciaire) */
  { "Ny Sokha", "នី សុខា", "ADHOC, head of human rights and legal aid", "0" },
  { "Yi Soksan", "យី សុខសាន្ត", "ADHOC, senior investigator", "0" },
  { "Nay Vanda", "ណៃ វណ្ណដា", "ADHOC, deputy head of monitoring", "0" },
  { "Lim Mony", "លឹម មុន្នី", "ADHOC, senior investigator", "0" },
  { "Ny Chakrya", "នី ចរិយា", "Deputy Secretary-General, National Election Committee", "1" },
};

/* ------------------------------------------------------------------------ */
/* Composing                                                                */
/* ------------------------------------------------------------------------ */

static guint
pick (GRand *rand,
      guint  n)
{
  return g_rand_int_range (rand, 0, n);
}

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

static const Language *
pick_language (GRand *rand)
{
  guint r = pick (rand, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (r < languages[i].weight)
        return &languages[i];
      r -= languages[i].weight;
    }
  return &languages[0];
}

static const Country *
pick_country (GRand *rand)
{
  guint total = 0, r;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    total += countries[i].weight;
  r = pick (rand, total);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      if (r < countries[i].weight)
        return &countries[i];
      r -= countries[i].weight;
    }
  return &countries[0];
}

/* A text of 50–400 characters; the first detainee addressed may be greeted. */
static char *
compose (GRand          *rand,
         const Language *language,
         int             greeted)
{
  GString *text = g_string_new (NULL);
  guint target = 50 + pick (rand, 351);
  glong length = 0;

  if (language->n_greetings > 0 && chance (rand, 0.6))
    {
      const char *greeting = language->greetings[pick (rand, language->n_greetings)];
      gboolean km = g_str_equal (language->language, "km");
      const char *name = greeted >= 0 ? detainees[greeted][km] : km ? "បងប្អូន" : "friends";

      g_string_append_printf (text, greeting, name);
    }
  if (g_str_equal (language->language, "km") && chance (rand, 1e-4))
    g_string_append (text, "ពីខេត្ត" SB_BENCH_RARE_KHMER " យើងផ្ញើការគាំទ្រមកអ្នក។ ");

  length = g_utf8_strlen (text->str, -1);
  while (length < (glong) target)
    {
      const char *fragment = language->fragments[pick (rand, language->n_fragments)];
      glong add = g_utf8_strlen (fragment, -1);

      if (length + add > 400 && length >= 50)
        break;
      if (length + add > 400)
        {
          /* Too long even alone: cut it at a character boundary. */
          const char *end = g_utf8_offset_to_pointer (fragment, 400 - length);
          g_string_append_len (text, fragment, end - fragment);
          break;
        }
      g_string_append (text, fragment);
      length += add;
    }
  while (text->len > 0 && text->str[text->len - 1] == ' ')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static char *
date_of_day (int day)
{
  g_autoptr(GDateTime) launch = g_date_time_new_utc (2016, 8, 8, 0, 0, 0);
  g_autoptr(GDateTime) date = g_date_time_add_days (launch, day);

  return g_date_time_format (date, "%Y-%m-%d");
}

/* ------------------------------------------------------------------------ */
/* The campaign                                                             */
/* ------------------------------------------------------------------------ */

/**
 * sb_bench_create_campaign:
 *
 * A new campaign with the two facilities, the five detainees and the partner
 * offices, with identifiers from @seed and a clock fixed at the release day.
 */
SbCampaign *
sb_bench_create_campaign (const char  *path,
                          guint32      seed,
                          GError     **error)
{
  g_autoptr(SbCampaign) campaign = NULL;
  const char *facility_ids[2] = { NULL, NULL };
  g_autoptr(SbFacility) prey_sar = sb_facility_new ();
  g_autoptr(SbFacility) police = sb_facility_new ();

  campaign = sb_campaign_create (path, "#Freethe5KH solidarity", "HQ", error);
  if (campaign == NULL)
    return NULL;
  sb_campaign_set_seed (campaign, seed);
  sb_campaign_set_clock (campaign, "2017-06-29T12:00:00Z");
  sb_campaign_set_operator (campaign, "bench");
  if (!sb_campaign_set_setting (campaign, SB_SETTING_HASHTAG, "#Freethe5KH", error) ||
      !sb_campaign_set_setting (campaign, SB_SETTING_LAUNCH_DATE, "2016-08-08", error))
    return NULL;

  _sb_set_str (&prey_sar->code, "PS");
  _sb_set_str (&prey_sar->name_en, "Prey Sar prison (CC1/CC2)");
  _sb_set_str (&prey_sar->name_km, "ពន្ធនាគារព្រៃស");
  _sb_set_str (&prey_sar->address, "Prey Sar, Dangkao, Phnom Penh");
  _sb_set_str (&prey_sar->rules, "No political slogans; nothing about the court case.");
  _sb_set_str (&police->code, "PJ");
  _sb_set_str (&police->name_en, "Police Judiciaire");
  _sb_set_str (&police->name_km, "ប៉ូលិសយុត្តិធម៌");
  _sb_set_str (&police->kind, "police");
  if (!sb_campaign_add_facility (campaign, prey_sar, error) ||
      !sb_campaign_add_facility (campaign, police, error))
    return NULL;
  facility_ids[0] = prey_sar->id;
  facility_ids[1] = police->id;

  for (guint i = 0; i < G_N_ELEMENTS (detainees); i++)
    {
      g_autoptr(SbDetainee) detainee = sb_detainee_new ();

      _sb_set_str (&detainee->name_en, detainees[i][0]);
      _sb_set_str (&detainee->name_km, detainees[i][1]);
      _sb_set_str (&detainee->role, detainees[i][2]);
      detainee->facility_id = g_strdup (facility_ids[detainees[i][3][0] - '0']);
      detainee->detained_on = g_strdup ("2016-04-28");
      detainee->position = i;
      if (!sb_campaign_add_detainee (campaign, detainee, error))
        return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (offices); i++)
    {
      g_autoptr(SbOffice) office = sb_office_new ();

      _sb_set_str (&office->code, offices[i][0]);
      _sb_set_str (&office->name, offices[i][1]);
      _sb_set_str (&office->city, offices[i][2]);
      if (!sb_campaign_add_office (campaign, office, error))
        return NULL;
    }
  return g_steal_pointer (&campaign);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static gboolean
deliver (SbCampaign  *campaign,
         GRand       *rand,
         const char  *message_id,
         int          received,
         gboolean     all,
         GError     **error)
{
  SbStore *store = _sb_campaign_get_store (campaign);
  g_autoptr(GPtrArray) copies = sb_campaign_list_copies (campaign, message_id, error);

  if (copies == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    {
      SbCopy *copy = g_ptr_array_index (copies, i);
      int day = MIN (received + 7 + (int) pick (rand, 35), N_DAYS);

      if (!all && chance (rand, 0.5))
        continue;
      copy->attempts = 1;
      if (chance (rand, 0.03))
        {
          _sb_set_str (&copy->state, "rejected");
          _sb_set_str (&copy->outcome_reason, "Refused by the prison administration");
        }
      else
        {
          _sb_set_str (&copy->state, "delivered");
          g_free (copy->delivered_on);
          copy->delivered_on = date_of_day (day);
        }
      if (!sb_store_update_copy (store, copy, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sb_bench_add_messages:
 * @n: how many messages
 * @flags: %SB_BENCH_ADD_ONLY to time creation alone, %SB_BENCH_INTAKE to create
 *   the messages and their copies through an SbMessageIntake, as an import does
 * @times: (out): where the time went
 *
 * Adds @n messages in one sb_campaign_begin()/commit(), as an import would: each
 * addressed to one to five detainees, most approved (with a Khmer translation when
 * foreign), some held, and the older ones largely delivered.
 */
gboolean
sb_bench_add_messages (SbCampaign    *campaign,
                       guint          n,
                       guint32        seed,
                       SbBenchFlags   flags,
                       SbBenchTimes  *times,
                       GError       **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) detainee_list = NULL;
  g_autoptr(GPtrArray) office_list = NULL;
  g_autoptr(SbMessageIntake) intake = NULL;
  const char *detainee_ids[6];
  gint64 start, t;

  memset (times, 0, sizeof *times);
  detainee_list = sb_campaign_list_detainees (campaign, error);
  office_list = detainee_list ? sb_campaign_list_offices (campaign, error) : NULL;
  if (office_list == NULL)
    return FALSE;
  g_assert (detainee_list->len == 5);

  start = g_get_monotonic_time ();
  if (flags & SB_BENCH_INTAKE)
    {
      if ((intake = sb_message_intake_new (campaign, error)) == NULL)
        return FALSE;
    }
  else if (!sb_campaign_begin (campaign, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbMessage) message = sb_message_new ();
      const Language *language = pick_language (rand);
      const Country *country = pick_country (rand);
      int received = MIN ((int) ((gint64) i * N_DAYS / MAX (n, 1)) + (int) pick (rand, 4), N_DAYS);
      guint recipients = 0;
      int greeted = -1;
      guint r;
      gboolean ok;

      /* Khmer texts come from Cambodia; others mostly from abroad. */
      if (g_str_equal (language->language, "km"))
        country = &countries[0];
      else if (country == &countries[0] && chance (rand, 0.7))
        country = &countries[1 + pick (rand, G_N_ELEMENTS (countries) - 1)];

      /* Half of them to all five, the others to one to four of them. */
      if (chance (rand, 0.5))
        recipients = 0x1f;
      else
        for (guint k = 1 + pick (rand, 4); k > 0; k--)
          recipients |= 1u << pick (rand, 5);
      for (guint d = 0; d < 5; d++)
        if ((recipients & (1u << d)) && greeted < 0 && recipients != 0x1f)
          greeted = d;

      r = pick (rand, 100);
      _sb_set_str (&message->channel, r < 60 ? "postcard" : r < 95 ? "online" : "other");
      if (g_str_equal (message->channel, "postcard") && country == &countries[0])
        message->office_id = g_strdup (((SbOffice *) g_ptr_array_index (office_list,
                                        pick (rand, office_list->len)))->id);
      g_free (message->received_on);
      message->received_on = date_of_day (received);
      g_free (message->sender_name);
      message->sender_name = g_strdup_printf ("%s %s", country->first[pick (rand, 8)],
                                              country->last[pick (rand, 8)]);
      _sb_set_str (&message->sender_city, chance (rand, 1e-4) ? "Ouagadougou"
                                           : country->cities[pick (rand, 6)]);
      _sb_set_str (&message->sender_country, g_str_equal (message->sender_city, "Ouagadougou")
                                              ? "BF" : country->country);
      if (g_str_equal (message->channel, "online"))
        {
          g_free (message->sender_contact);
          message->sender_contact = g_strdup_printf ("sender%u@example.org", i);
        }
      r = pick (rand, 10);
      _sb_set_str (&message->consent, r < 3 ? "none" : r < 7 ? "detainee" : "public");
      _sb_set_str (&message->language, language->language);
      g_free (message->original_text);
      message->original_text = compose (rand, language, greeted);

      r = pick (rand, 100);   /* 80 approved, 5 held, 10 transcribed, 5 new */
      _sb_set_str (&message->status, r >= 95 ? "new" : "transcribed");
      if (r < 80 && !g_str_equal (language->language, "km"))
        {
          g_free (message->translation_km);
          message->translation_km = compose (rand, &languages[0], greeted);
        }
      else if (g_str_equal (language->language, "km") && chance (rand, 0.3))
        {
          g_free (message->translation_en);
          message->translation_en = compose (rand, &languages[1], greeted);
        }

      {
        guint k = 0;

        for (guint d = 0; d < 5; d++)
          if (recipients & (1u << d))
            detainee_ids[k++] = ((SbDetainee *) g_ptr_array_index (detainee_list, d))->id;
        detainee_ids[k] = NULL;
      }

      t = g_get_monotonic_time ();
      if (intake != NULL)
        {
          /* As an import adds them: new or transcribed, with their copies. */
          ok = sb_message_intake_add (intake, message, NULL, detainee_ids, error);
          times->add_seconds += seconds_since (t);
          if (!ok)
            goto failed;
          continue;
        }
      ok = sb_campaign_add_message (campaign, message, error);
      times->add_seconds += seconds_since (t);
      if (!ok)
        goto failed;
      if (flags & SB_BENCH_ADD_ONLY)
        continue;

      t = g_get_monotonic_time ();
      ok = sb_campaign_assign (campaign, message->id, detainee_ids, error);
      times->assign_seconds += seconds_since (t);
      if (!ok)
        goto failed;

      t = g_get_monotonic_time ();
      if (r < 80)
        ok = sb_campaign_approve (campaign, message->id, FALSE, error);
      else if (r < 85)
        ok = sb_campaign_hold (campaign, message->id, hold_reasons[pick (rand, G_N_ELEMENTS (hold_reasons))], error);
      times->review_seconds += seconds_since (t);
      if (!ok)
        goto failed;

      /* Older approved messages: most delivered whole, some in part. */
      if (r < 80 && received < N_DAYS - 30)
        {
          guint d = pick (rand, 100);

          t = g_get_monotonic_time ();
          if (d < 55)
            ok = deliver (campaign, rand, message->id, received, TRUE, error);
          else if (d < 65)
            ok = deliver (campaign, rand, message->id, received, FALSE, error);
          times->deliver_seconds += seconds_since (t);
          if (!ok)
            goto failed;
        }
    }
  t = g_get_monotonic_time ();
  if (intake != NULL ? !sb_message_intake_commit (intake, error) : !sb_campaign_commit (campaign, error))
    return FALSE;
  times->commit_seconds = seconds_since (t);
  times->seconds = seconds_since (start);
  times->messages = n;
  return TRUE;

failed:
  if (intake != NULL)
    sb_message_intake_rollback (intake);
  else
    sb_campaign_rollback (campaign);
  return FALSE;
}
