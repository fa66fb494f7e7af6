/* sb-import-private.h — shared between the files of the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sb-csv-reader.h"
#include "sb-import-mapping.h"
#include "sb-importer.h"

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
const char  *_sb_import_consent          (const char   *value);

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

G_END_DECLS
