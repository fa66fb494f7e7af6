/* sb-render.h — printed documents of a batch: the manifest and the message cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both functions take plain data (an SbBatchListing read by core) and may run in a
 * worker thread. The file appears under @path only when it is complete.
 */

#pragma once

#include <gio/gio.h>

#include "sb-batches.h"

G_BEGIN_DECLS

#define SB_RENDER_ERROR (sb_render_error_quark ())

/**
 * SbRenderError:
 * @SB_RENDER_ERROR_FAILED: the document could not be made (the message says why)
 * @SB_RENDER_ERROR_NO_FONT: no Khmer font is installed (the message names the package)
 * @SB_RENDER_ERROR_NOT_SEALED: a manifest needs a sealed batch
 * @SB_RENDER_ERROR_WRITE: the file could not be written (folder, permissions, disk full)
 * @SB_RENDER_ERROR_NOTHING: there is nothing to print (no card for this batch)
 * @SB_RENDER_ERROR_NO_TRANSLATION: Sambot's Khmer catalogue is not installed: the
 *   manifest's Khmer labels would be missing
 */
typedef enum
{
  SB_RENDER_ERROR_FAILED,
  SB_RENDER_ERROR_NO_FONT,
  SB_RENDER_ERROR_NOT_SEALED,
  SB_RENDER_ERROR_WRITE,
  SB_RENDER_ERROR_NOTHING,
  SB_RENDER_ERROR_NO_TRANSLATION,
} SbRenderError;

GQuark sb_render_error_quark (void);

/* Called now and then from the thread doing the work, with 0.0 … 1.0. */
typedef void (*SbRenderProgress) (double   fraction,
                                  gpointer user_data);

typedef enum
{
  SB_CARDS_A6_FOUR_PER_A4,   /* four A6 cards on an A4 sheet, with cut marks */
  SB_CARDS_A5_TWO_PER_A4,    /* two A5 cards on an A4 sheet */
} SbCardsLayout;

gboolean sb_render_manifest (const SbBatchListing  *listing,
                             const char            *path,
                             SbRenderProgress       progress,
                             gpointer               user_data,
                             GCancellable          *cancellable,
                             GError               **error);

gboolean sb_render_cards    (const SbBatchListing  *listing,
                             SbCardsLayout          layout,
                             const char *const     *picked_refs,
                             const char            *path,
                             SbRenderProgress       progress,
                             gpointer               user_data,
                             GCancellable          *cancellable,
                             GError               **error);

/* Checks that a Khmer font is installed; the error names the package to install. */
gboolean sb_render_check_fonts (GError **error);

G_END_DECLS
