/* sb-import-private.h — shared between the files of the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sb-csv-reader.h"
#include "sb-enums.h"
#include "sb-import-mapping.h"
#include "sb-importer.h"
#include "sb-message-intake.h"

G_BEGIN_DECLS

/* How to read 03/04/2016: decided per file from the dates that are not ambiguous. */
typedef enum
{
  SB_DATE_ORDER_UNKNOWN,
  SB_DATE_ORDER_DMY,
  SB_DATE_ORDER_MDY,
} SbDateOrder;

SbDateOrder  _sb_import_date_order_learn (SbDateOrder   order,
                                          const char   *value);
char        *_sb_import_parse_date       (const char   *value,
                                          SbDateOrder   order,
                                          char        **moment);
const char  *_sb_import_country_code     (const char   *value);
const char  *_sb_import_language_code    (const char   *value);
SbConsent     _sb_import_consent          (const char   *value);

/* Detainees by loose name: "Sokha", "ny sokha", "នី សុខា", "all". */
typedef struct _SbAddresseeIndex SbAddresseeIndex;

SbAddresseeIndex *_sb_addressee_index_new     (GPtrArray         *detainees);
void              _sb_addressee_index_free    (SbAddresseeIndex  *index);
GPtrArray        *_sb_addressee_index_resolve (SbAddresseeIndex  *index,
                                               const char        *value,
                                               char             **names,
                                               char             **problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbAddresseeIndex, _sb_addressee_index_free)

/* What turning rows into messages needs (sb-import-row.c). */
typedef struct
{
  const SbImportMapping *mapping;
  SbAddresseeIndex      *addressees;
  SbDateOrder            date_order;
} SbImportContext;

SbImportRow *_sb_import_convert_row  (SbImportContext  *context,
                                      SbCsvReader      *reader,
                                      GPtrArray       **detainee_ids,
                                      char            **external_id,
                                      char            **duplicate_key);

/* Rows read, converted and checked in a thread ahead of the import (sb-import-rows.c). */
typedef struct
{
  SbImportRow *row;
  GPtrArray   *ids;            /* its addressees' ids, or NULL */
  char        *external_id;
  char        *duplicate_key;
  char        *checked;        /* sb_message_intake_check(), or NULL… */
  GError      *check_error;    /* …with why the campaign refuses the message */
} SbPreparedRow;

typedef struct _SbImportRows SbImportRows;

void           _sb_prepared_row_free  (SbPreparedRow          *prepared);
SbImportRows  *_sb_import_rows_start  (const char             *path,
                                       const SbImportContext  *context,
                                       SbMessageIntake        *intake,
                                       GCancellable           *cancellable,
                                       GError                **error);
SbPreparedRow *_sb_import_rows_next   (SbImportRows           *self,
                                       GError                **error);
void           _sb_import_rows_free   (SbImportRows           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbImportRows, _sb_import_rows_free)

G_END_DECLS
