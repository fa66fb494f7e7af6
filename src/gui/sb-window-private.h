/* sb-window-private.h — shared between the files of SbWindow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-batches-page.h"
#include "sb-detainees-page.h"
#include "sb-messages-page.h"
#include "sb-places-page.h"
#include "sb-window.h"

G_BEGIN_DECLS

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkButton            *new_campaign_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  SbDetaineesPage      *detainees_page;
  SbBatchesPage        *batches_page;
  SbMessagesPage       *messages_page;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  SbPlacesPage         *places_page;
  GtkStack             *messages_stack;
  GtkWidget            *start_place_button;
  GtkWidget            *start_detainee_button;
  AdwStatusPage        *updating_page;
  GtkProgressBar       *updating_bar;

  GSettings            *settings;
  SbCampaign           *campaign;
  gulong                campaign_changed_id;
  GCancellable         *check_cancellable;   /* the check after an unclean session */
  GtkWidget            *unsaved_dialog;       /* asking before closing with unsaved typing */
  gboolean              unsaved_closes_window; /* or only the campaign */
  gboolean              discard_unsaved;      /* the person said to close anyway */
  GFile                *opening;              /* a file being opened in the background */
};

/* sb-window-open.c: opening a campaign in the background, with the progress of the
 * update of a file from an older Sambot. */
void _sb_window_open_file       (SbWindow   *self,
                                 GFile      *file,
                                 gboolean    quiet);

/* sb-window-restore.c */
void _sb_window_restore_backup  (SbWindow   *self);
void _sb_window_confirm_restore (SbWindow   *self,
                                 const char *backup);
/* sb-window-integrity.c: read-only campaigns, and the check after a session that
 * did not close the campaign. */
void _sb_window_campaign_shown        (SbWindow *self);
void _sb_window_integrity_class_init  (GtkWidgetClass *widget_class);

G_END_DECLS
