/* sb-import-mapping.h — which column of a form export holds which message field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sb-io-error.h"

G_BEGIN_DECLS

/**
 * SbImportField:
 * @SB_IMPORT_FIELD_NONE: the column is not imported
 * @SB_IMPORT_FIELD_RECEIVED_ON: when the form was sent (Timestamp, Submit Date…)
 * @SB_IMPORT_FIELD_SENDER_NAME: the sender's name (several columns are joined)
 * @SB_IMPORT_FIELD_SENDER_CONTACT: e-mail or phone: private (several are joined)
 * @SB_IMPORT_FIELD_SENDER_CITY: city, town or province
 * @SB_IMPORT_FIELD_SENDER_COUNTRY: a country name in English or Khmer, or its code
 * @SB_IMPORT_FIELD_MESSAGE: the message text (required)
 * @SB_IMPORT_FIELD_ADDRESSEES: detainees by name, several, or "all"
 * @SB_IMPORT_FIELD_LANGUAGE: the language of the message
 * @SB_IMPORT_FIELD_CONSENT: whether the name may be shown
 * @SB_IMPORT_FIELD_SUBMISSION_ID: the form service's own id of the response
 */
typedef enum
{
  SB_IMPORT_FIELD_NONE,
  SB_IMPORT_FIELD_RECEIVED_ON,
  SB_IMPORT_FIELD_SENDER_NAME,
  SB_IMPORT_FIELD_SENDER_CONTACT,
  SB_IMPORT_FIELD_SENDER_CITY,
  SB_IMPORT_FIELD_SENDER_COUNTRY,
  SB_IMPORT_FIELD_MESSAGE,
  SB_IMPORT_FIELD_ADDRESSEES,
  SB_IMPORT_FIELD_LANGUAGE,
  SB_IMPORT_FIELD_CONSENT,
  SB_IMPORT_FIELD_SUBMISSION_ID,
  SB_IMPORT_N_FIELDS
} SbImportField;

const char    *sb_import_field_get_id      (SbImportField field);
const char    *sb_import_field_get_label   (SbImportField field);
SbImportField  sb_import_field_from_id     (const char   *id);

typedef struct _SbImportMapping SbImportMapping;

#define SB_TYPE_IMPORT_MAPPING (sb_import_mapping_get_type ())

GType             sb_import_mapping_get_type    (void) G_GNUC_CONST;
SbImportMapping  *sb_import_mapping_guess       (const char *const *header);
SbImportMapping  *sb_import_mapping_copy        (const SbImportMapping *self);
void              sb_import_mapping_free        (SbImportMapping   *self);

guint             sb_import_mapping_get_n_columns (const SbImportMapping *self);
const char       *sb_import_mapping_get_header  (const SbImportMapping *self,
                                                 guint              column);
SbImportField     sb_import_mapping_get_field   (const SbImportMapping *self,
                                                 guint              column);
void              sb_import_mapping_set_field   (SbImportMapping   *self,
                                                 guint              column,
                                                 SbImportField      field);
int               sb_import_mapping_find        (const SbImportMapping *self,
                                                 SbImportField      field);
gboolean          sb_import_mapping_check       (const SbImportMapping *self,
                                                 GError           **error);
char             *sb_import_mapping_get_form_key (const SbImportMapping *self);

gboolean          sb_import_mapping_save        (const SbImportMapping *self,
                                                 const char        *path,
                                                 GError           **error);
SbImportMapping  *sb_import_mapping_load        (const char        *path,
                                                 const char *const *header,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbImportMapping, sb_import_mapping_free)

G_END_DECLS
