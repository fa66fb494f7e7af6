/* sb-demo-phrases.c — what the demo's messages say, and who sent them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Content of the demo campaign, not interface text: nothing here is translated
 * through gettext. Each phrase is given in every language it is used in, so that a
 * message composed in one language gets its Khmer (or English) translation from the
 * same phrases. Order: km, en, fr, de, es, th, ja. Spanish and Japanese phrases
 * address all five (the plural "you"); the code only uses them for such messages.
 */

#include "config.h"

#include "sb-demo-private.h"

const char *const _sb_demo_language_codes[SB_DEMO_N_LANGUAGES] = {
  "km", "en", "fr", "de", "es", "th", "ja",
};

const SbDemoPhrase _sb_demo_wishes[] = {
  { { "យើងនៅជាមួយអ្នក។", "We are with you.", "Nous sommes avec vous.",
      "Wir sind bei Ihnen.", "Estamos con ustedes.", "เราอยู่เคียงข้างคุณ",
      "私たちは皆さんと共にいます。" } },
  { { "សូមឱ្យមានសុខភាពល្អ និងកម្លាំងចិត្តរឹងមាំ។",
      "Wishing you good health and a strong spirit.",
      "Nous vous souhaitons une bonne santé et beaucoup de courage.",
      "Wir wünschen Ihnen Gesundheit und viel Kraft.",
      "Les deseamos buena salud y mucha fuerza.",
      "ขอให้มีสุขภาพแข็งแรงและมีกำลังใจที่เข้มแข็ง",
      "皆さんのご健康と心の強さをお祈りしています。" } },
  { { "សូមឱ្យបានដោះលែងឆាប់ៗ។", "We hope you will be released soon.",
      "Nous espérons une libération très rapide.", "Wir hoffen, dass Sie bald freikommen.",
      "Esperamos que pronto estén en libertad.", "หวังว่าคุณจะได้รับการปล่อยตัวในเร็ววัน",
      "一日も早い釈放を願っています。" } },
  { { "យើងនឹងមិនបោះបង់អ្នកចោលទេ។", "We will not abandon you.",
      "Nous ne vous abandonnerons pas.", "Wir lassen Sie nicht im Stich.",
      "No los abandonaremos.", "เราจะไม่ทอดทิ้งคุณ", "私たちは皆さんを見捨てません。" } },
  { { "យើងមិនភ្លេចអ្នកទេ។", "We have not forgotten you.", "Nous ne vous oublions pas.",
      "Wir vergessen Sie nicht.", "No los olvidamos.", "เราไม่ลืมคุณ",
      "皆さんのことを忘れません。" } },
  { { "សូមអរគុណចំពោះការងាររបស់អ្នកដើម្បីសិទ្ធិមនុស្ស។",
      "Thank you for your work for human rights.",
      "Merci pour votre travail en faveur des droits humains.",
      "Danke für Ihren Einsatz für die Menschenrechte.",
      "Gracias por su trabajo por los derechos humanos.",
      "ขอบคุณสำหรับงานด้านสิทธิมนุษยชนของคุณ", "人権のための活動に感謝します。" } },
  { { "ការងាររបស់អ្នកផ្តល់ក្តីសង្ឃឹមដល់ប្រជាពលរដ្ឋជាច្រើន។",
      "Your work gives hope to many people.",
      "Votre travail donne de l'espoir à beaucoup de gens.",
      "Ihre Arbeit gibt vielen Menschen Hoffnung.", "Su trabajo da esperanza a mucha gente.",
      "งานของคุณให้ความหวังแก่ผู้คนมากมาย", "皆さんの活動は多くの人に希望を与えています。" } },
  { { "ការការពារសិទ្ធិមនុស្សមិនមែនជាឧក្រិដ្ឋកម្មទេ។",
      "Defending human rights is not a crime.",
      "Défendre les droits humains n'est pas un crime.",
      "Menschenrechte zu verteidigen ist kein Verbrechen.",
      "Defender los derechos humanos no es un delito.",
      "การปกป้องสิทธิมนุษยชนไม่ใช่อาชญากรรม", "人権を守ることは犯罪ではありません。" } },
  { { "គ្រួសារ និងមិត្តភក្តិរបស់អ្នកកំពុងរង់ចាំអ្នក។",
      "Your family and friends are waiting for you.", "Vos proches vous attendent.",
      "Ihre Familie und Ihre Freunde warten auf Sie.", "Sus familias y amigos los esperan.",
      "ครอบครัวและเพื่อนๆ กำลังรอคุณอยู่", "ご家族もご友人も皆さんを待っています。" } },
  { { "សូមកុំបាក់ទឹកចិត្ត។", "Do not lose heart.", "Ne perdez pas courage.",
      "Verlieren Sie nicht den Mut.", "No pierdan el ánimo.", "อย่าท้อแท้นะ",
      "どうか希望を失わないでください。" } },
  { { "ពួកយើងគិតដល់អ្នករាល់ថ្ងៃ។", "We think of you every day.",
      "Nous pensons à vous chaque jour.", "Wir denken jeden Tag an Sie.",
      "Pensamos en ustedes cada día.", "เราคิดถึงคุณทุกวัน", "毎日皆さんのことを想っています。" } },
  { { "សូមថែរក្សាសុខភាពខ្លួនឯង។", "Please take care of yourself.", "Prenez soin de vous.",
      "Passen Sie gut auf sich auf.", "Cuídense mucho.", "ดูแลตัวเองด้วยนะ",
      "どうかお体を大切に。" } },
  { { "យុត្តិធម៌នឹងឈ្នះ។", "Justice will prevail.", "La justice triomphera.",
      "Die Gerechtigkeit wird siegen.", "La justicia prevalecerá.", "ความยุติธรรมจะชนะ",
      "正義は必ず勝ちます。" } },
  { { "អ្នកមិនឯកាទេ។", "You are not alone.", NULL, "Sie sind nicht allein.",
      "No están solos.", "คุณไม่ได้โดดเดี่ยว", "皆さんは一人ではありません。" } },
  { { "សូមព្រះគុណព្រះរតនត្រ័យជួយថែរក្សាអ្នក។", "May the Triple Gem protect you.", NULL, NULL,
      NULL, "ขอให้คุณพระศรีรัตนตรัยคุ้มครอง", NULL } },
  { { "ខ្ញុំបួងសួងសម្រាប់អ្នករាល់យប់។", "I pray for you every night.",
      "Je prie pour vous chaque soir.", "Ich bete jeden Abend für Sie.",
      "Rezo por ustedes cada noche.", "ฉันสวดภาวนาให้คุณทุกคืน", NULL } },
  { { "ពិភពលោកកំពុងមើលឃើញភាពក្លាហានរបស់អ្នក។", "The world sees your courage.",
      "Le monde entier voit votre courage.", "Die Welt sieht Ihren Mut.",
      "El mundo ve su valentía.", "โลกเห็นความกล้าหาญของคุณ", "世界が皆さんの勇気を見ています。" } },
  { { "សំឡេងរបស់អ្នកនៅតែឮខ្លាំង។", "Your voice is still heard.",
      "Votre voix se fait toujours entendre.", "Ihre Stimme wird weiter gehört.",
      "Su voz se sigue escuchando.", "เสียงของคุณยังคงดังอยู่", NULL } },
};
const guint _sb_demo_n_wishes = G_N_ELEMENTS (_sb_demo_wishes);

const SbDemoPhrase _sb_demo_greetings_all[] = {
  { { "ជូនចំពោះ មិត្តជាទីស្រឡាញ់ទាំងប្រាំនាក់", "Dear friends,", "Chers amis,",
      "Liebe Freundinnen und Freunde,", "Queridos amigos:", "ถึงเพื่อนทั้งห้าที่รัก",
      "親愛なる5人の皆さんへ" } },
  { { "ជូនចំពោះ អ្នកការពារសិទ្ធិមនុស្សទាំងប្រាំរូប", "To the five human rights defenders,",
      "Aux cinq défenseurs des droits humains,", "An die fünf Menschenrechtsverteidiger,",
      "A los cinco defensores de los derechos humanos:", "ถึงนักปกป้องสิทธิมนุษยชนทั้งห้าคน",
      "5人の人権擁護者の皆さんへ" } },
  { { "ជូនចំពោះ សុខា សុខសាន្ត វណ្ណដា មុន្នី និងចរិយា",
      "Dear Sokha, Soksan, Vanda, Mony and Chakrya,",
      "Chers Sokha, Soksan, Vanda, Mony et Chakrya,",
      "Liebe Sokha, Soksan, Vanda, Mony und Chakrya,", NULL, NULL, NULL } },
  { { "សួស្តី បងប្អូនទាំងប្រាំនាក់", "Hello to all five of you,", "Bonjour à vous cinq,",
      "Hallo an Sie alle fünf,", "Hola a los cinco:", "สวัสดีทั้งห้าท่าน",
      "5人の皆さん、こんにちは。" } },
};
const guint _sb_demo_n_greetings_all = G_N_ELEMENTS (_sb_demo_greetings_all);

const SbDemoPhrase _sb_demo_closings[] = {
  { { "ដោយក្តីគោរព និងសាមគ្គីភាព", "In solidarity,", "Avec toute notre solidarité,",
      "Solidarische Grüße,", "Con toda nuestra solidaridad,", "ด้วยความเคารพและความสมานฉันท์",
      "連帯をこめて" } },
  { { "ដោយក្តីស្រឡាញ់ និងការគោរព", "With love and respect,", "Avec affection et respect,",
      "Mit Liebe und Respekt,", "Con cariño y respeto,", "ด้วยความรักและความเคารพ",
      "愛と敬意をこめて" } },
  { { "សូមរឹងមាំជានិច្ច!", "Stay strong!", "Tenez bon !", "Bleiben Sie stark!",
      "¡Sean fuertes!", "สู้ๆ นะ", "頑張ってください！" } },
  { { "ជាមួយក្តីសង្ឃឹម", "With hope,", "Avec espoir,", "Voller Hoffnung,",
      "Con esperanza,", "ด้วยความหวัง", "希望をこめて" } },
};
const guint _sb_demo_n_closings = G_N_ELEMENTS (_sb_demo_closings);

const SbDemoPhrase _sb_demo_case_mention = {
  { "ការចោទប្រកាន់ពីបទសូកប៉ាន់សាក្សី គឺគ្មានមូលដ្ឋានទាល់តែសោះ។",
    "The charge of bribing a witness is absurd.",
    "L'accusation de subornation de témoin est absurde.",
    "Der Vorwurf der Zeugenbestechung ist absurd.", NULL, NULL, NULL }
};

const SbDemoPhrase _sb_demo_case_hearing = {
  { "យើងតាមដានរឿងក្តីរបស់អ្នកយ៉ាងដិតដល់ ហើយនឹងមកចូលរួមគ្រប់សវនាការ។",
    "We are following your case closely and will be at every hearing.",
    "Nous suivons votre dossier de près et serons présents à chaque audience.",
    "Wir verfolgen Ihr Verfahren genau und sind bei jeder Anhörung dabei.", NULL, NULL, NULL }
};

const SbDemoPhrase _sb_demo_and = {
  { " និង", " and ", " et ", " und ", " y ", " และ", "と" }
};

/* Given names as people wrote them to one detainee (Khmer: family name first). */
const char *const _sb_demo_given_names[SB_DEMO_N_DETAINEES][SB_DEMO_N_LANGUAGES] = {
  { "សុខា", "Sokha", "Sokha", "Sokha", "Sokha", "Sokha", "ソカー" },
  { "សុខសាន្ត", "Soksan", "Soksan", "Soksan", "Soksan", "Soksan", "ソクサン" },
  { "វណ្ណដា", "Vanda", "Vanda", "Vanda", "Vanda", "Vanda", "ヴァンダー" },
  { "មុន្នី", "Mony", "Mony", "Mony", "Mony", "Mony", "モニー" },
  { "ចរិយា", "Chakrya", "Chakrya", "Chakrya", "Chakrya", "Chakrya", "チャクリヤー" },
};

const char *const _sb_demo_names_km_titled[SB_DEMO_N_DETAINEES] = {
  "លោក នី សុខា", "លោក យី សុខសាន្ត", "លោក ណៃ វណ្ណដា", "លោកស្រី លឹម មុន្នី", "លោក នី ចរិយា",
};

/* Khmer names, in Latin letters and in Khmer script, parallel. */
const char *const _sb_demo_khmer_family[] = {
  "Sok", "Chan", "Keo", "Heng", "Ly", "Chea", "Kim", "Meas", "Nhem", "Ouk", "Pen", "Ros",
  "Sam", "Seng", "Tep", "Touch", "Vong", "Yim", "Prak", "Long", "Mao", NULL
};
const char *const _sb_demo_khmer_family_km[] = {
  "សុខ", "ចាន់", "កែវ", "ហេង", "លី", "ជា", "គីម", "មាស", "ញឹម", "អ៊ុក", "ប៉ែន", "រស់",
  "សំ", "សេង", "ទេព", "ទូច", "វង្ស", "យឹម", "ប្រាក់", "ឡុង", "ម៉ៅ", NULL
};
const char *const _sb_demo_khmer_given[] = {
  "Dara", "Sophea", "Sreymom", "Vannak", "Bopha", "Rithy", "Pisey", "Sokunthea", "Chanthou",
  "Sovann", "Kanha", "Vibol", "Rachana", "Piseth", "Sreyneang", "Veasna", "Leakhena",
  "Makara", "Sothea", "Channary", "Bunthoeun", "Kosal", "Sopheak", "Theary", NULL
};
const char *const _sb_demo_khmer_given_km[] = {
  "ដារា", "សុភា", "ស្រីមុំ", "វណ្ណៈ", "បុប្ផា", "រិទ្ធី", "ពិសី", "សុគន្ធា", "ចន្ធូ",
  "សុវណ្ណ", "កញ្ញា", "វិបុល", "រចនា", "ពិសិដ្ឋ", "ស្រីនាង", "វាសនា", "លក្ខិណា",
  "មករា", "សុធា", "ចាន់ណារី", "ប៊ុនធឿន", "កុសល", "សុភ័ក្រ", "ធារី", NULL
};

#define LIST(...) (const char *const[]) { __VA_ARGS__, NULL }

/* Where the cards brought to each partner office came from (see _sb_demo_offices). */
const char *const *_sb_demo_office_cities[] = {
  LIST ("Phnom Penh", "Phnom Penh", "Phnom Penh", "Ta Khmau", "Kampong Speu", "Takeo"),
  LIST ("Battambang", "Battambang", "Pailin", "Pursat", "Serei Saophoan"),
  LIST ("Siem Reap", "Siem Reap", "Kampong Thom", "Preah Vihear"),
  LIST ("Kampong Cham", "Kampong Cham", "Suong", "Prey Veng", "Kratie"),
  LIST ("Sen Monorom", "Sen Monorom", "Banlung", "Kratie"),
  LIST ("Kampot", "Kampot", "Kep", "Sihanoukville", "Takeo"),
};

/* Countries of online senders: names as people signed, and cities. Cambodia's
 * senders come from the Khmer name lists above. */
const SbDemoCountry _sb_demo_countries[] = {
  { "US", LIST ("Emily Johnson", "Michael Brown", "Sarah Miller", "David Nguyen",
                "Jessica Davis", "Daniel Kim", "Laura Wilson", "Chris Martinez", "Rachel Green"),
          LIST ("New York", "Washington", "Boston", "Seattle", "Oakland", "Chicago",
                "Long Beach", "Lowell") },
  { "GB", LIST ("Hannah Clarke", "James Wright", "Olivia Hughes", "Tom Bennett", "Priya Shah"),
          LIST ("London", "Manchester", "Bristol", "Edinburgh", "Leeds") },
  { "AU", LIST ("Jack Thompson", "Chloe Nguyen", "Ruby Walker", "Liam O'Brien"),
          LIST ("Melbourne", "Sydney", "Canberra", "Brisbane") },
  { "CA", LIST ("Isabelle Tremblay", "Ethan Roy", "Megan Clark", "Olivier Gagnon"),
          LIST ("Montréal", "Toronto", "Vancouver", "Ottawa") },
  { "NZ", LIST ("Aroha Ngata", "Sam Taylor"), LIST ("Wellington", "Auckland") },
  { "IE", LIST ("Aoife Byrne", "Ciarán Murphy"), LIST ("Dublin", "Cork") },
  { "PH", LIST ("Maria Santos", "Jose Reyes", "Liza Cruz"), LIST ("Manila", "Quezon City", "Cebu") },
  { "MY", LIST ("Nurul Aisyah", "Lim Wei Ling", "Arjun Pillai"), LIST ("Kuala Lumpur", "Penang") },
  { "ID", LIST ("Dewi Lestari", "Budi Santoso"), LIST ("Jakarta", "Yogyakarta") },
  { "SE", LIST ("Elin Johansson", "Erik Lindqvist"), LIST ("Stockholm", "Göteborg") },
  { "NL", LIST ("Sanne de Vries", "Joris Bakker"), LIST ("Amsterdam", "Utrecht", "The Hague") },
  { "KR", LIST ("Kim Ji-won", "Park Min-jun"), LIST ("Seoul", "Busan") },
  { "FR", LIST ("Claire Dubois", "Julien Martin", "Camille Lefèvre", "Thomas Moreau",
                "Sophie Laurent", "Nicolas Bernard", "Chanthy Prum"),
          LIST ("Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Nantes") },
  { "BE", LIST ("Marie Peeters", "Lucas Dupont"), LIST ("Bruxelles", "Liège") },
  { "CH", LIST ("Anna Müller", "Léa Favre", "Reto Meier"), LIST ("Genève", "Zürich", "Bern") },
  { "DE", LIST ("Lena Schmidt", "Jonas Becker", "Katharina Wagner", "Felix Hoffmann"),
          LIST ("Berlin", "Hamburg", "München", "Köln", "Leipzig") },
  { "AT", LIST ("Johanna Gruber", "Lukas Huber"), LIST ("Wien", "Graz") },
  { "ES", LIST ("Lucía García", "Javier Fernández", "Carmen López"),
          LIST ("Madrid", "Barcelona", "Valencia", "Sevilla") },
  { "MX", LIST ("Ana Hernández", "Diego Ramírez"), LIST ("Ciudad de México", "Guadalajara") },
  { "AR", LIST ("Sofía Romero", "Martín Acosta"), LIST ("Buenos Aires", "Córdoba") },
  { "TH", LIST ("Somchai Srisuk", "Nattaya Chaiyaporn", "พลอย วงศ์ษา", "Anan Boonmee"),
          LIST ("Bangkok", "Chiang Mai", "Khon Kaen") },
  { "JP", LIST ("Yuki Tanaka", "Haruto Sato", "鈴木 愛子", "山田 花子"),
          LIST ("Tokyo", "Osaka", "Kyoto") },
  { "KH", LIST ("Mark Evans", "Anne Sørensen", "Julia Weber", "Naomi Clarke"),
          LIST ("Phnom Penh", "Siem Reap", "Battambang") },
};
const guint _sb_demo_n_countries = G_N_ELEMENTS (_sb_demo_countries);
