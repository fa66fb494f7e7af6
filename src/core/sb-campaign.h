/* sb-campaign.h — a campaign and every operation on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-records.h"
#include "sb-store-error.h"  /* the errors of the campaign file */
#include "sb-stats.h"

G_BEGIN_DECLS

#define SB_CORE_ERROR (sb_core_error_quark ())

/**
 * SbCoreError:
 * @SB_CORE_ERROR_INVALID: a field is empty, too long, malformed…; the message names it
 * @SB_CORE_ERROR_NOT_ALLOWED: the campaign's rules forbid this change now
 *
 * Errors of the campaign file itself come in the SB_STORE_ERROR domain.
 */
typedef enum
{
  SB_CORE_ERROR_INVALID,
  SB_CORE_ERROR_NOT_ALLOWED,
} SbCoreError;

GQuark sb_core_error_quark (void);

/* Settings of a campaign, by key. */
#define SB_SETTING_NAME        "name"         /* "#Freethe5KH solidarity" */
#define SB_SETTING_HASHTAG     "hashtag"      /* "#Freethe5KH" */
#define SB_SETTING_LAUNCH_DATE "launch-date"  /* YYYY-MM-DD */
#define SB_SETTING_OFFICE_CODE "office-code"  /* prefix of references made here: "PP" */
#define SB_SETTING_AS_OF       "as-of"        /* YYYY-MM-DD or "" for today */

#define SB_TYPE_CAMPAIGN (sb_campaign_get_type ())
G_DECLARE_FINAL_TYPE (SbCampaign, sb_campaign, SB, CAMPAIGN, GObject)

/* Opening and closing. */
SbCampaign *sb_campaign_create          (const char        *path,
                                         const char        *name,
                                         const char        *office_code,
                                         GError           **error);
SbCampaign *sb_campaign_open            (const char        *path,
                                         gboolean           read_only,
                                         GError           **error);
/* How far a long job is (a check, an update): @fraction goes from 0 to 1. */
typedef void (*SbCheckProgress)         (double             fraction,
                                         gpointer           user_data);

/* Opening a file that may need updating (sb-campaign-open.c). */
gboolean    sb_campaign_needs_update    (const char        *path);
gboolean    sb_campaign_needs_new_keys  (const char        *path);
SbCampaign *sb_campaign_open_full       (const char        *path,
                                         gboolean           read_only,
                                         SbCheckProgress    progress,
                                         gpointer           user_data,
                                         GError           **error);
void        sb_campaign_open_async      (const char        *path,
                                         SbCheckProgress    progress,
                                         gpointer           progress_data,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
SbCampaign *sb_campaign_open_finish     (GAsyncResult      *result,
                                         GError           **error);
SbCampaign *sb_campaign_open_reader     (const char        *path,
                                         GError           **error);
void        sb_campaign_close           (SbCampaign        *self);
const char *sb_campaign_get_path        (SbCampaign        *self);
gboolean    sb_campaign_is_read_only    (SbCampaign        *self);
char       *sb_campaign_describe_read_only (SbCampaign     *self);

/* Is the file sound? (sb-campaign-check.c) */

gboolean    sb_campaign_check           (SbCampaign        *self,
                                         GPtrArray        **problems,
                                         GError           **error);
gboolean    sb_campaign_check_full      (SbCampaign        *self,
                                         SbCheckProgress    progress,
                                         gpointer           user_data,
                                         GCancellable      *cancellable,
                                         GPtrArray        **problems,
                                         GError           **error);
GPtrArray  *sb_campaign_check_file      (const char        *path,
                                         SbCheckProgress    progress,
                                         gpointer           user_data,
                                         GCancellable      *cancellable,
                                         GError           **error);
void        sb_campaign_check_async     (SbCampaign        *self,
                                         SbCheckProgress    progress,
                                         gpointer           progress_data,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
GPtrArray  *sb_campaign_check_finish    (SbCampaign        *self,
                                         GAsyncResult      *result,
                                         GError           **error);
gboolean    sb_campaign_start_session   (SbCampaign        *self,
                                         gboolean          *left_open);
gboolean    sb_campaign_backup          (SbCampaign        *self,
                                         const char        *destination,
                                         gboolean           replace,
                                         GError           **error);

/* Who is working and when (history); a seed and clock make generated campaigns
 * reproducible. */
void        sb_campaign_set_operator    (SbCampaign        *self,
                                         const char        *operator_name);
const char *sb_campaign_get_operator    (SbCampaign        *self);
void        sb_campaign_set_seed        (SbCampaign        *self,
                                         guint32            seed);
void        sb_campaign_set_clock       (SbCampaign        *self,
                                         const char        *fixed_now);
char       *sb_campaign_new_id          (SbCampaign        *self);

/* Many operations as one: bulk creation and imports. */
gboolean    sb_campaign_begin           (SbCampaign        *self,
                                         GError           **error);
gboolean    sb_campaign_commit          (SbCampaign        *self,
                                         GError           **error);
void        sb_campaign_rollback        (SbCampaign        *self);

/* Settings. */
char       *sb_campaign_get_setting     (SbCampaign        *self,
                                         const char        *key,
                                         GError           **error);
gboolean    sb_campaign_set_setting     (SbCampaign        *self,
                                         const char        *key,
                                         const char        *value,
                                         GError           **error);
char       *sb_campaign_get_as_of       (SbCampaign        *self,
                                         GError           **error);

/* Facilities, detainees, partner offices. An empty id on add gets a new one; the
 * validate functions make the same checks as add and update and name the field at
 * fault, for forms. */
gboolean    sb_campaign_add_facility    (SbCampaign        *self,
                                         SbFacility        *facility,
                                         GError           **error);
gboolean    sb_campaign_validate_facility (SbCampaign      *self,
                                           const SbFacility *facility,
                                           const char     **field,
                                           GError         **error);
gboolean    sb_campaign_update_facility (SbCampaign        *self,
                                         const SbFacility  *facility,
                                         GError           **error);
SbFacility *sb_campaign_get_facility    (SbCampaign        *self,
                                         const char        *id_or_code,
                                         GError           **error);
GPtrArray  *sb_campaign_list_facilities (SbCampaign        *self,
                                         GError           **error);

gboolean    sb_campaign_add_detainee    (SbCampaign        *self,
                                         SbDetainee        *detainee,
                                         GError           **error);
gboolean    sb_campaign_validate_detainee (SbCampaign      *self,
                                           const SbDetainee *detainee,
                                           const char     **field,
                                           GError         **error);
gboolean    sb_campaign_update_detainee (SbCampaign        *self,
                                         const SbDetainee  *detainee,
                                         GError           **error);
SbDetainee *sb_campaign_get_detainee    (SbCampaign        *self,
                                         const char        *id_or_name,
                                         GError           **error);
GPtrArray  *sb_campaign_list_detainees  (SbCampaign        *self,
                                         GError           **error);

gboolean    sb_campaign_add_office      (SbCampaign        *self,
                                         SbOffice          *office,
                                         GError           **error);
gboolean    sb_campaign_validate_office (SbCampaign        *self,
                                         const SbOffice    *office,
                                         const char       **field,
                                         GError           **error);
gboolean    sb_campaign_update_office   (SbCampaign        *self,
                                         const SbOffice    *office,
                                         GError           **error);
SbOffice   *sb_campaign_get_office      (SbCampaign        *self,
                                         const char        *id_or_code,
                                         GError           **error);
GPtrArray  *sb_campaign_list_offices    (SbCampaign        *self,
                                         GError           **error);

/* Messages. add fills in id, ref and defaults (today, postcard, new, detected language). */
gboolean    sb_campaign_add_message     (SbCampaign        *self,
                                         SbMessage         *message,
                                         GError           **error);
gboolean    sb_campaign_update_message  (SbCampaign        *self,
                                         const SbMessage   *message,
                                         GError           **error);
SbMessage  *sb_campaign_get_message     (SbCampaign        *self,
                                         const char        *id_or_ref,
                                         GError           **error);
GPtrArray  *sb_campaign_list_message_ids (SbCampaign       *self,
                                          const char       *status,
                                          GError          **error);
GPtrArray  *sb_campaign_search          (SbCampaign        *self,
                                         const char        *query,
                                         guint              limit,
                                         gint64            *total,
                                         GError           **error);

/* Addressees and review. */
gboolean    sb_campaign_assign          (SbCampaign        *self,
                                         const char        *message_id,
                                         const char *const *detainee_ids,
                                         GError           **error);
GPtrArray  *sb_campaign_list_copies     (SbCampaign        *self,
                                         const char        *message_id,
                                         GError           **error);
gboolean    sb_campaign_mark_transcribed (SbCampaign       *self,
                                          const char       *message_id,
                                          GError          **error);
gboolean    sb_campaign_approve         (SbCampaign        *self,
                                         const char        *message_id,
                                         gboolean           without_translation,
                                         GError           **error);
gboolean    sb_campaign_hold            (SbCampaign        *self,
                                         const char        *message_id,
                                         const char        *reason,
                                         GError           **error);

/* Figures and history. */
SbStats    *sb_campaign_get_stats       (SbCampaign        *self,
                                         const char        *as_of,
                                         GError           **error);
GPtrArray  *sb_campaign_list_history    (SbCampaign        *self,
                                         const char        *entity_id,
                                         GError           **error);

/* ------------------------------------------------------------------------ */
/* Duplicates (sb-campaign-duplicates.c): a message sent or typed twice is kept,
 * linked to the first one, and not counted; imported rows are found again by
 * their external id.                                                         */
/* ------------------------------------------------------------------------ */
char       *sb_campaign_duplicate_key    (const SbMessage  *message);
GHashTable *sb_campaign_index_duplicates (SbCampaign       *self,
                                          GError          **error);
gboolean    sb_campaign_mark_duplicate   (SbCampaign       *self,
                                          const char       *message_id,
                                          const char       *original_id,
                                          GError          **error);
char       *sb_campaign_find_external_id (SbCampaign       *self,
                                          const char       *external_id,
                                          GError          **error);

G_END_DECLS
