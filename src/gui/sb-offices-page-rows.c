/* sb-offices-page-rows.c — the Offices section's rows: one a replica, and what an
 * exchange did in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-offices"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-gui-format.h"
#include "sb-offices-page-private.h"

/* "PP-A": the office's code and the replica's letter, as its references begin. */
static char *
format_prefix (const SbReplica *replica)
{
  if (replica->letter == NULL || replica->letter[0] == '\0')
    return g_strdup (replica->office_code ? replica->office_code : "");
  return g_strdup_printf ("%s-%s", replica->office_code ? replica->office_code : "",
                          replica->letter);
}

/* @format: (ngettext'd for @n) holds one %s, for @n in the interface's digits */
static char *
format_count (const char *format,
              gint64      n)
{
  g_autofree char *number = _sb_format_number (n);

  return g_strdup_printf (format, number);
}

/* What one replica sent and what waits, one fact after another. */
static char *
describe_replica (const SbReplica *replica,
                  GDateTime       *now)
{
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *when = NULL;

  if (replica->is_self)
    {
      g_ptr_array_add (facts, g_strdup (_("This computer")));
      when = _sb_format_time_ago (replica->last_sent, now);
      if (replica->last_sent == NULL)
        g_ptr_array_add (facts, g_strdup (_("nothing sent yet")));
      else
        /* Translators: when this computer last wrote its changes to the exchange
         * folder: "sent 2 hours ago". */
        g_ptr_array_add (facts, g_strdup_printf (C_("replica", "sent %s"), when));
      if (replica->changes_waiting > 0)
        /* Translators: %s is a number. */
        g_ptr_array_add (facts, format_count (ngettext ("%s change not sent yet",
                                                        "%s changes not sent yet",
                                                        replica->changes_waiting),
                                              replica->changes_waiting));
    }
  else
    {
      when = _sb_format_time_ago (replica->last_received, now);
      if (replica->last_received == NULL)
        g_ptr_array_add (facts, g_strdup (_("nothing received yet")));
      else
        /* Translators: when another office's changes last arrived here: "received
         * 2 hours ago". */
        g_ptr_array_add (facts, g_strdup_printf (C_("replica", "received %s"), when));
      if (replica->changes_waiting > 0)
        /* Translators: %s is a number: changes that arrived but wait for earlier ones. */
        g_ptr_array_add (facts, format_count (ngettext ("%s change held back",
                                                        "%s changes held back",
                                                        replica->changes_waiting),
                                              replica->changes_waiting));
    }
  if (replica->retired)
    /* Translators: another office's computer that this office stopped waiting for
     * (Stop Waiting…): its old exchange files are removed without it. */
    g_ptr_array_add (facts, g_strdup (_("not waited for")));
  if (replica->waiting_for != NULL && replica->waiting_for[0] != '\0')
    /* Translators: %s says what has not arrived: "changes 8 to 11". */
    g_ptr_array_add (facts, g_strdup_printf (_("waiting for %s"), replica->waiting_for));
  g_ptr_array_add (facts, NULL);
  /* Translators: the separator between the facts of an office's row. */
  return g_strjoinv (C_("facts", " · "), (char **) facts->pdata);
}

void
_sb_offices_page_clear_rows (SbOfficesPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->replicas_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

void
_sb_offices_page_fill_rows (SbOfficesPage *self,
                            GPtrArray     *replicas)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < replicas->len; i++)
    {
      const SbReplica *replica = g_ptr_array_index (replicas, i);
      g_autofree char *prefix = format_prefix (replica);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = describe_replica (replica, now);
      g_autofree char *accessible = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      if (replica->office_name != NULL && replica->office_name[0] != '\0')
        /* Translators: an office's name and its code with the computer's letter:
         * "Phnom Penh office (PP-A)". */
        title = g_strdup_printf (_("%1$s (%2$s)"), replica->office_name, prefix);
      else
        /* Translators: an office whose name the campaign does not know (the
         * coordinating office's own): "Office PP-A". */
        title = g_strdup_printf (C_("replica", "Office %s"), prefix);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      icon = g_object_new (GTK_TYPE_IMAGE,
                           "icon-name", replica->is_self ? "computer-symbolic"
                                                         : "network-workgroup-symbolic",
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                           NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      accessible = g_strdup_printf ("%s, %s", title, subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      if (!replica->is_self)
        _sb_offices_page_add_retire_button (self, row, replica, prefix);
      adw_preferences_group_add (self->replicas_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/**
 * _sb_offices_page_format_report:
 *
 * Returns: (transfer full): what an exchange did, for a toast: "3 changes sent,
 *   12 received", and why some wait
 */
char *
_sb_offices_page_format_report (const SbExchangeReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (report->changes_sent == 0 && report->changes_received == 0)
    g_string_append (text, _("Nothing new to exchange"));
  else
    {
      g_autofree char *sent = _sb_format_number (report->changes_sent);
      g_autofree char *received = _sb_format_number (report->changes_received);

      /* Translators: what one exchange did: "3 changes sent, 12 received"; the
       * plural follows the first number. */
      g_string_printf (text, ngettext ("%1$s change sent, %2$s received",
                                       "%1$s changes sent, %2$s received",
                                       report->changes_sent), sent, received);
    }
  if (report->bundles_refused > 0)
    {
      g_autofree char *refused = _sb_format_number (report->bundles_refused);

      g_string_append (text, C_("sentences", ". "));
      /* Translators: exchange files that were altered or not of this campaign. */
      g_string_append_printf (text, ngettext ("%s file in the folder was refused",
                                              "%s files in the folder were refused",
                                              report->bundles_refused), refused);
    }
  if (report->held_back != NULL && report->held_back[0] != '\0')
    {
      g_string_append (text, C_("sentences", ". "));
      g_string_append (text, report->held_back);
    }
  /* A toast is one line; the core says each thing held back on a line of its own. */
  return g_strdelimit (g_strstrip (g_string_free (g_steal_pointer (&text), FALSE)), "\n", ' ');
}
