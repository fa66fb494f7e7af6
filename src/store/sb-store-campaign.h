/* sb-store-campaign.h — the campaign's settings, facilities, detainees and offices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Defined in sb-store-campaign.c. Included by sb-store.h; include that.
 */

#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* Settings of the campaign (name, hashtag, launch date, office code, as-of…). */
char               *sb_store_get_setting        (SbStore           *self,
                                                 const char        *key,
                                                 GError           **error);
gboolean            sb_store_set_setting        (SbStore           *self,
                                                 const char        *key,
                                                 const char        *value,
                                                 GError           **error);

/* Facilities, detainees, offices. _list returns a GPtrArray of records. */
gboolean            sb_store_insert_facility    (SbStore           *self,
                                                 const SbFacility  *facility,
                                                 GError           **error);
gboolean            sb_store_update_facility    (SbStore           *self,
                                                 const SbFacility  *facility,
                                                 GError           **error);
SbFacility         *sb_store_get_facility       (SbStore           *self,
                                                 const char        *id_or_code,
                                                 GError           **error);
GPtrArray          *sb_store_list_facilities    (SbStore           *self,
                                                 GError           **error);
gboolean            sb_store_insert_detainee    (SbStore           *self,
                                                 const SbDetainee  *detainee,
                                                 GError           **error);
gboolean            sb_store_update_detainee    (SbStore           *self,
                                                 const SbDetainee  *detainee,
                                                 GError           **error);
SbDetainee         *sb_store_get_detainee       (SbStore           *self,
                                                 const char        *id,
                                                 GError           **error);
GPtrArray          *sb_store_list_detainees     (SbStore           *self,
                                                 GError           **error);
gboolean            sb_store_insert_office      (SbStore           *self,
                                                 const SbOffice    *office,
                                                 GError           **error);
gboolean            sb_store_update_office      (SbStore           *self,
                                                 const SbOffice    *office,
                                                 GError           **error);
SbOffice           *sb_store_get_office         (SbStore           *self,
                                                 const char        *id_or_code,
                                                 GError           **error);
GPtrArray          *sb_store_list_offices       (SbStore           *self,
                                                 GError           **error);

G_END_DECLS
