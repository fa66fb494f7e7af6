/* sb-offices-page-exchange.c — the Offices section's exchange: the folder, Exchange
 * Now and what the SbExchangeKeeper tells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-offices"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-chooser.h"
#include "sb-gui-format.h"
#include "sb-gui-toast.h"
#include "sb-offices-page-private.h"

/* ------------------------------------------------------------------------ */
/* Callbacks and actions                                                    */
/* ------------------------------------------------------------------------ */

static void
keeper_busy_cb (SbOfficesPage *self)
{
  _sb_offices_page_update_exchange_row (self);
}

static void
keeper_progress_cb (SbOfficesPage *self)
{
  gtk_progress_bar_set_fraction (self->exchange_bar,
                                 sb_exchange_keeper_get_progress (self->keeper));
}

static void
keeper_finished_cb (SbOfficesPage          *self,
                    gboolean                asked,
                    const SbExchangeReport *report,
                    const GError           *error)
{
  _sb_offices_page_refresh (self);
  if (!asked)
    return;
  if (report == NULL)
    _sb_gui_report_error (GTK_WIDGET (self), error);
  else
    {
      g_autofree char *text = _sb_offices_page_format_report (report);

      _sb_gui_toast (GTK_WIDGET (self), text);
    }
}

/* An exchange nobody asked for failed (once for the same failure: the keeper's). */
static void
keeper_failed_cb (SbOfficesPage *self,
                  const GError  *error)
{
  g_autofree char *text = NULL;

  /* Translators: an automatic exchange with the other offices failed; %s says why. */
  text = g_strdup_printf (_("Could not exchange with the other offices: %s"), error->message);
  _sb_gui_toast (GTK_WIDGET (self), text);
}

static void
exchange_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sb_exchange_keeper_exchange_now (SB_OFFICES_PAGE (widget)->keeper);
}

static void
folder_chosen_cb (GtkWidget  *owner,
                  const char *path)
{
  sb_offices_page_set_exchange_folder (SB_OFFICES_PAGE (owner), path);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbOfficesPage *self = SB_OFFICES_PAGE (widget);

  _sb_gui_choose_path (widget, _("Choose the Exchange Folder"),
                       GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), NULL,
                       sb_exchange_keeper_get_folder (self->keeper), folder_chosen_cb);
}

/* ------------------------------------------------------------------------ */
/* Private and public API                                                   */
/* ------------------------------------------------------------------------ */

void
_sb_offices_page_update_exchange_row (SbOfficesPage *self)
{
  SbExchangeKeeper *keeper = self->keeper;
  const char *folder = sb_exchange_keeper_get_folder (keeper);
  gboolean busy = sb_exchange_keeper_get_busy (keeper);
  gboolean writable = self->campaign != NULL && !sb_campaign_is_read_only (self->campaign);
  g_autofree char *subtitle = NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->folder_row),
                               folder != NULL ? folder
                                              : _("None yet: choose the folder the offices share"));
  if (busy)
    subtitle = g_strdup (_("Exchanging…"));
  else if (folder == NULL)
    subtitle = g_strdup (_("Choose an exchange folder first"));
  else if (sb_exchange_keeper_get_last_failure (keeper) != NULL)
    /* Translators: the last exchange with the other offices failed; %s says why. It
     * stays under "Exchange Now" until an exchange works. */
    subtitle = g_strdup_printf (_("Not exchanging: %s"), sb_exchange_keeper_get_last_failure (keeper));
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GDateTime *last = sb_exchange_keeper_get_last_time (keeper);

      const char *held_back = sb_exchange_keeper_get_held_back (keeper);
      g_autofree char *ago = last != NULL ? _sb_format_time_ago (last, now)
                                          : g_strdup (_("Not since the campaign was opened"));

      /* What waits in the folder stays said until an exchange takes it in. */
      subtitle = held_back != NULL ? g_strconcat (ago, "\n", held_back, NULL) : g_steal_pointer (&ago);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->exchange_row), subtitle);
  if (!busy && folder != NULL && sb_exchange_keeper_get_last_failure (keeper) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->exchange_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->exchange_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->exchange_bar), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offices.exchange",
                                 writable && folder != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offices.choose-folder", writable);
}

void
_sb_offices_page_exchange_init (SbOfficesPage *self)
{
  g_signal_connect_object (self->keeper, "notify::busy", G_CALLBACK (keeper_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keeper, "notify::folder", G_CALLBACK (keeper_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keeper, "notify::progress", G_CALLBACK (keeper_progress_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keeper, "finished", G_CALLBACK (keeper_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->keeper, "failed", G_CALLBACK (keeper_failed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_sb_offices_page_exchange_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "offices.exchange", NULL, exchange_action);
  gtk_widget_class_install_action (widget_class, "offices.choose-folder", NULL,
                                   choose_folder_action);
}

/**
 * sb_offices_page_set_exchange_folder:
 * @folder: the folder chosen
 *
 * What Choose… does with the folder chosen: keeps it and exchanges through it; a
 * refusal is shown.
 */
void
sb_offices_page_set_exchange_folder (SbOfficesPage *self,
                                     const char    *folder)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SB_IS_OFFICES_PAGE (self));

  if (self->campaign == NULL)
    return;
  if (!sb_exchange_keeper_set_folder (self->keeper, folder, &error))
    _sb_gui_report_error (GTK_WIDGET (self), error);
  _sb_offices_page_refresh (self);
}
