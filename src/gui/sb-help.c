/* sb-help.c — the user guide: in a help viewer, else in a web browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guide is one HTML page per language (help/LANG/sambot/index.html), installed
 * where help viewers look for "help:sambot". Yelp is not always installed: without a
 * viewer for help: URIs, or when the guide is somewhere a viewer does not look (an
 * uninstalled build, SAMBOT_HELPDIR), the page opens in the web browser; when nothing
 * can show it, a dialog says where the file is.
 */

#define G_LOG_DOMAIN "sambot-help"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-help.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

/* DIR/LANG/sambot/index.html for the first of the person's languages that has one. */
static char *
find_page_in (const char *dir)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *page = g_build_filename (dir, languages[i], "sambot", "index.html", NULL);

      if (g_file_test (page, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&page);
    }

  return NULL;
}

static void
say_nothing_shows_it (GtkWindow  *parent,
                      const char *page,
                      const char *why)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (page != NULL)
    /* Translators: the first %s says why the guide did not open, the second is its file. */
    body = g_strdup_printf (_("No program on this computer can show it (%s). Install a web "
                              "browser or the Yelp help viewer, or open this file yourself: %s"),
                            why, page);
  else
    body = g_strdup (_("The guide is not installed with this copy of Sambot. Install Sambot "
                       "again (“meson install”), or read the guide in the help folder of its "
                       "source."));

  dialog = adw_message_dialog_new (parent, _("Could Not Open the User Guide"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
page_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree char *page = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (source);

  if (!gtk_show_uri_full_finish (parent, result, &error))
    say_nothing_shows_it (parent, page, error->message);
}

static void
show_page (GtkWindow *parent,
           char      *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (page, NULL, &error);

  if (uri == NULL)
    {
      say_nothing_shows_it (parent, page, error->message);
      g_free (page);
      return;
    }
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, page_shown_cb, page);
}

static void
help_uri_shown_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (source);

  if (!gtk_show_uri_full_finish (parent, result, &error))
    {
      g_debug ("help:sambot did not open (%s); opening the page itself", error->message);
      show_page (parent, user_data);
    }
  else
    g_free (user_data);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * sb_help_find_page:
 * @in_help_path: (out) (optional): whether a help viewer finds it as "help:sambot"
 *
 * Finds the guide in the person's language (else English): in $SAMBOT_HELPDIR if set
 * (the help folder of the source, for an uninstalled build), else in the folders help
 * viewers search (XDG data folders), else where it was installed.
 *
 * Returns: (transfer full) (nullable): the path of the guide's page
 */
char *
sb_help_find_page (gboolean *in_help_path)
{
  const char *override = g_getenv ("SAMBOT_HELPDIR");
  const char * const *system_dirs = g_get_system_data_dirs ();
  g_autofree char *user_help = NULL;
  char *page;

  if (in_help_path != NULL)
    *in_help_path = FALSE;

  if (override != NULL && override[0] != '\0')
    return find_page_in (override);

  user_help = g_build_filename (g_get_user_data_dir (), "help", NULL);
  page = find_page_in (user_help);
  for (guint i = 0; page == NULL && system_dirs[i] != NULL; i++)
    {
      g_autofree char *help = g_build_filename (system_dirs[i], "help", NULL);

      page = find_page_in (help);
    }
  if (page != NULL)
    {
      if (in_help_path != NULL)
        *in_help_path = TRUE;
      return page;
    }

  return find_page_in (HELPDIR);
}

/**
 * sb_help_show:
 * @parent: the window the guide is for
 *
 * Opens the user guide: as "help:sambot" in the help viewer when there is one and it
 * can find the guide, otherwise the guide's page in the web browser; says so in a
 * dialog when neither can.
 */
void
sb_help_show (GtkWindow *parent)
{
  g_autoptr(GAppInfo) help_viewer = g_app_info_get_default_for_uri_scheme ("help");
  gboolean in_help_path = FALSE;
  char *page;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  page = sb_help_find_page (&in_help_path);
  if (page == NULL)
    say_nothing_shows_it (parent, NULL, NULL);
  else if (in_help_path && help_viewer != NULL)
    gtk_show_uri_full (parent, "help:sambot", GDK_CURRENT_TIME, NULL, help_uri_shown_cb, page);
  else
    show_page (parent, page);
}
