/* sb-infographic.h — the campaign's infographics, drawn with cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are read from the campaign once (SbInfographicData, on the thread
 * that owns the campaign); drawing takes only that snapshot, so it may run in a
 * worker thread. The same data and options always give the same bytes.
 */

#pragma once

#include <gio/gio.h>

#include "sb-breakdown.h"
#include "sb-campaign.h"

G_BEGIN_DECLS

#define SB_INFOGRAPHIC_ERROR (sb_infographic_error_quark ())

/**
 * SbInfographicError:
 * @SB_INFOGRAPHIC_ERROR_INVALID: an option is not one the infographics know
 * @SB_INFOGRAPHIC_ERROR_FAILED: cairo could not draw or encode the picture
 * @SB_INFOGRAPHIC_ERROR_WRITE: the file could not be written (folder, disk full…)
 * @SB_INFOGRAPHIC_ERROR_NO_TRANSLATION: the picture's language has no catalogue
 *   installed: it would come out half in English
 */
typedef enum
{
  SB_INFOGRAPHIC_ERROR_INVALID,
  SB_INFOGRAPHIC_ERROR_FAILED,
  SB_INFOGRAPHIC_ERROR_WRITE,
  SB_INFOGRAPHIC_ERROR_NO_TRANSLATION,
} SbInfographicError;

typedef enum
{
  SB_INFOGRAPHIC_DAYS,        /* the day counter, with the detainees' names */
  SB_INFOGRAPHIC_MESSAGES,    /* sent and delivered, for each detainee */
  SB_INFOGRAPHIC_COUNTRIES,   /* where the messages come from */
  SB_INFOGRAPHIC_TIMELINE,    /* messages per week, with the milestones */
} SbInfographicKind;

typedef enum
{
  SB_INFOGRAPHIC_PNG,
  SB_INFOGRAPHIC_SVG,
  SB_INFOGRAPHIC_PDF,         /* A4, portrait: the size is ignored */
  SB_INFOGRAPHIC_PDF_PRINTABLE, /* the same page on white, inside margins, for printers */
} SbInfographicFormat;

/* The sizes social networks show whole. */
#define SB_INFOGRAPHIC_SQUARE_SIZE  1080
#define SB_INFOGRAPHIC_WIDE_WIDTH   1200
#define SB_INFOGRAPHIC_WIDE_HEIGHT  675
#define SB_INFOGRAPHIC_MIN_SIZE     320
#define SB_INFOGRAPHIC_MAX_SIZE     4096

typedef struct _SbInfographicData SbInfographicData;

GQuark             sb_infographic_error_quark       (void);

gboolean           sb_infographic_kind_from_string  (const char           *text,
                                                     SbInfographicKind    *kind);
const char        *sb_infographic_kind_to_string    (SbInfographicKind     kind);
gboolean           sb_infographic_format_from_string (const char          *text,
                                                      SbInfographicFormat *format);
const char        *sb_infographic_format_extension  (SbInfographicFormat   format);
gboolean           sb_infographic_parse_size        (const char           *text,
                                                     int                  *width,
                                                     int                  *height,
                                                     GError              **error);

SbInfographicData *sb_infographic_data_new          (SbCampaign           *campaign,
                                                     const char           *as_of,
                                                     GError              **error);
SbInfographicData *sb_infographic_data_ref          (SbInfographicData    *data);
void               sb_infographic_data_unref        (SbInfographicData    *data);
const SbStats     *sb_infographic_data_get_stats    (SbInfographicData    *data);
const SbBreakdown *sb_infographic_data_get_breakdown (SbInfographicData   *data);

GBytes            *sb_infographic_render            (SbInfographicData    *data,
                                                     SbInfographicKind     kind,
                                                     const char           *lang,
                                                     SbInfographicFormat   format,
                                                     int                   width,
                                                     int                   height,
                                                     GError              **error);
gboolean           sb_infographic_save              (GBytes               *picture,
                                                     const char           *path,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbInfographicData, sb_infographic_data_unref)

G_END_DECLS
