/* sb-demo-private.h — shared between the files of the demo campaign generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo is planned in memory first (messages, then deliveries), so that its
 * figures can be computed exactly, and then replayed through the core API in the
 * order the campaign lived it. Days count from the launch: day 0 is 2016-08-08.
 */

#pragma once

#include "sb-campaign.h"
#include "sb-enums.h"

G_BEGIN_DECLS

#define SB_DEMO_LAUNCH        "2016-08-08"
#define SB_DEMO_AS_OF         "2016-10-10"
#define SB_DEMO_LAST_DAY      63      /* the as-of day */
#define SB_DEMO_N_DETAINEES   5
#define SB_DEMO_N_MESSAGES    476
#define SB_DEMO_N_HELD        7       /* so 469 are sent */
#define SB_DEMO_N_DELIVERED   195

/* Facilities, by index: the four ADHOC staff are at Prey Sar, Ny Chakrya at the
 * Police Judiciaire. */
#define SB_DEMO_PREY_SAR      0
#define SB_DEMO_POLICE_JUD    1
#define SB_DEMO_FACILITY_OF(detainee) ((detainee) == 4 ? SB_DEMO_POLICE_JUD : SB_DEMO_PREY_SAR)

typedef struct
{
  int          received;         /* day */
  int          transcribed;      /* day, or -1: still new on the as-of day */
  int          reviewed;         /* day, or -1: not reviewed yet */
  SbChannel    channel;
  int          office;           /* index into the partner offices, or -1 */
  char        *sender_name;
  char        *sender_city;
  const char  *sender_country;
  char        *sender_contact;
  SbConsent    consent;
  const char  *language;
  char        *text;
  char        *translation_km;
  char        *translation_en;
  char        *notes;
  const char  *hold_reason;      /* held when not NULL (and reviewed) */
  gboolean     without_translation;
  gboolean     court_case;       /* approved, but the prison refuses it */
  guint        recipients;       /* bit i: detainee i */
  char        *id;               /* once added */
  char        *ref;
} SbDemoMessage;

typedef struct
{
  int              message;
  int              detainee;
  int              ready;        /* day it (re)started waiting */
  SbCopyState      state;
  SbCopyState      first_outcome; /* what the facility does the first time */
  const char      *first_reason;
  int              attempts;
  char            *detainee_id;  /* once its message is written */
} SbDemoCopy;

typedef struct
{
  int         copy;
  const char *outcome;           /* "", "delivered", "rejected", "returned" */
  const char *reason;
} SbDemoItem;

typedef struct
{
  int         facility;
  int         number;            /* nth batch of the facility that day: 1 */
  int         created;           /* day */
  int         handed;            /* day, or -1 */
  int         outcomes;          /* day, or -1 */
  int         size;              /* planned number of items */
  SbBatchState state;            /* draft, handed over or closed */
  GArray     *items;             /* SbDemoItem */
} SbDemoBatch;

typedef struct
{
  GArray    *messages;           /* SbDemoMessage, by day received */
  GArray    *copies;             /* SbDemoCopy */
  GPtrArray *batches;            /* SbDemoBatch, by day created */
} SbDemoPlan;

/* sb-demo-phrases.c: what people wrote, in parallel in every language (NULL where a
 * phrase is not used in a language), and who they were. */
typedef enum
{
  SB_DEMO_KM, SB_DEMO_EN, SB_DEMO_FR, SB_DEMO_DE, SB_DEMO_ES, SB_DEMO_TH, SB_DEMO_JA,
  SB_DEMO_N_LANGUAGES
} SbDemoLanguage;

typedef struct
{
  const char *text[SB_DEMO_N_LANGUAGES];
} SbDemoPhrase;

typedef struct
{
  const char *code;              /* ISO 3166-1 */
  const char *const *names;      /* NULL-terminated */
  const char *const *cities;
} SbDemoCountry;

extern const char *const   _sb_demo_language_codes[SB_DEMO_N_LANGUAGES];
extern const SbDemoPhrase  _sb_demo_wishes[];
extern const guint         _sb_demo_n_wishes;
extern const SbDemoPhrase  _sb_demo_greetings_all[];
extern const guint         _sb_demo_n_greetings_all;
extern const SbDemoPhrase  _sb_demo_closings[];
extern const guint         _sb_demo_n_closings;
extern const SbDemoPhrase  _sb_demo_case_mention;   /* reviewers hold these */
extern const SbDemoPhrase  _sb_demo_case_hearing;   /* the prison refuses these */
extern const SbDemoPhrase  _sb_demo_and;            /* "and" between names */
extern const char *const   _sb_demo_given_names[SB_DEMO_N_DETAINEES][SB_DEMO_N_LANGUAGES];
extern const char *const   _sb_demo_names_km_titled[SB_DEMO_N_DETAINEES];
extern const SbDemoCountry _sb_demo_countries[];
extern const guint         _sb_demo_n_countries;
extern const char *const   _sb_demo_khmer_family[];  /* Latin and Khmer script, parallel */
extern const char *const   _sb_demo_khmer_family_km[];
extern const char *const   _sb_demo_khmer_given[];
extern const char *const   _sb_demo_khmer_given_km[];
extern const char *const  *_sb_demo_office_cities[];  /* near each partner office */

/* sb-demo-messages.c */
extern const char *const _sb_demo_offices[][3];   /* code, name, city */
extern const guint       _sb_demo_n_offices;
char    *_sb_demo_date              (int          day);
void     _sb_demo_plan_messages     (SbDemoPlan  *plan,
                                     GRand       *rand);

/* sb-demo-deliveries.c */
gboolean _sb_demo_plan_deliveries   (SbDemoPlan  *plan,
                                     GRand       *rand,
                                     GError     **error);
guint    _sb_demo_count_delivered   (SbDemoPlan  *plan);

/* sb-demo-batches.c: a batch and its outcomes, recorded through the store (core has
 * no batch operations yet). @message_ids run parallel to @items. */
gboolean _sb_demo_record_batch      (SbCampaign  *campaign,
                                     const SbBatch *batch,
                                     GPtrArray   *items,
                                     GPtrArray   *message_ids,
                                     GError     **error);
gboolean _sb_demo_record_outcomes   (SbCampaign  *campaign,
                                     GPtrArray   *items,
                                     GPtrArray   *message_ids,
                                     GError     **error);

SbDemoPlan *_sb_demo_plan_new       (void);
void        _sb_demo_plan_free      (SbDemoPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbDemoPlan, _sb_demo_plan_free)

G_END_DECLS
