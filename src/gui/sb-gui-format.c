/* sb-gui-format.c — how the GUI words dates and counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sb-enums.h"
#include "sb-gui-format.h"
#include "sb-names.h"
#include "sb-text.h"

/* Month names come from our catalogue rather than the C library's locale data, so the
 * dates follow the interface language even when only LANGUAGE selects it. */
static const char *month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

/**
 * _sb_format_number:
 *
 * Returns: (transfer full): @n as the interface writes numbers: "1,234", or "១,២៣៤" when
 *   the interface is in Khmer (as on the infographics and the manifest)
 */
char *
_sb_format_number (gint64 n)
{
  return sb_text_format_count (n, sb_interface_language ());
}

/**
 * _sb_localise_digits:
 * @text: (transfer full) (nullable): words whose only digits are numbers and dates: no
 *   codes ("PS-2016-10-05-01") and no names, which keep the digits they were typed with
 *
 * Returns: (transfer full): @text, with Khmer digits when the interface is in Khmer
 */
char *
_sb_localise_digits (char *text)
{
  char *khmer;

  if (text == NULL || !g_str_equal (sb_interface_language (), "km"))
    return text;
  khmer = sb_text_to_khmer_digits (text);
  g_free (text);
  return khmer;
}

/**
 * _sb_editable_dup_typed_digits:
 * @editable: a date, time or number field
 *
 * What was typed in @editable, as the campaign keeps it: trimmed, and with the Khmer
 * digits a Khmer keyboard types (២០១៦-០៤-២៨) read as 0–9 (2016-04-28). For fields
 * whose only digits are numbers and dates, never for names or text.
 *
 * Returns: (transfer full): the value
 */
char *
_sb_editable_dup_typed_digits (GtkEditable *editable)
{
  return g_strstrip (sb_text_to_ascii_digits (gtk_editable_get_text (editable)));
}

/* A number typed with Khmer (or ASCII) digits; anything else is refused, and the
 * field goes back to its value. */
static int
spin_input_cb (GtkSpinButton *spin,
               double        *value)
{
  g_autofree char *typed = _sb_editable_dup_typed_digits (GTK_EDITABLE (spin));
  char *end = NULL;

  *value = g_ascii_strtod (typed, &end);
  if (*typed == '\0' || end == NULL || *end != '\0')
    return GTK_INPUT_ERROR;
  return TRUE;
}

static gboolean
spin_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%.*f", gtk_spin_button_get_digits (spin),
                                           gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  text = _sb_localise_digits (g_steal_pointer (&text));
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/**
 * _sb_spin_button_use_interface_digits:
 * @spin: a number field; its "numeric" property must be off (it would drop Khmer
 *   digits as they are typed)
 *
 * Makes @spin show its number with the interface's digits (Khmer in Khmer) and take
 * one typed with Khmer or ASCII digits.
 */
void
_sb_spin_button_use_interface_digits (GtkSpinButton *spin)
{
  g_return_if_fail (!gtk_spin_button_get_numeric (spin));

  /* A refused number leaves the value as it was, rather than at the lowest. */
  gtk_spin_button_set_update_policy (spin, GTK_UPDATE_IF_VALID);
  g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), NULL);
  g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), NULL);
  gtk_spin_button_update (spin);
  spin_output_cb (spin);
}

/**
 * _sb_format_long_date:
 * @iso_date: (nullable): "YYYY-MM-DD"
 *
 * Returns: (transfer full): "10 October 2016", or a copy of @iso_date if it is not a date
 */
char *
_sb_format_long_date (const char *iso_date)
{
  int year, month, day;

  if (iso_date == NULL || !sb_date_is_valid (iso_date) ||
      sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      month < 1 || month > 12)
    return g_strdup (iso_date ? iso_date : "");

  /* Translators: a date: %1$d is the day, %2$s the month's name, %3$d the year. */
  return _sb_localise_digits (g_strdup_printf (C_("long date", "%1$d %2$s %3$d"), day,
                                               g_dpgettext2 (NULL, "month", month_names[month - 1]),
                                               year));
}

/**
 * _sb_format_days_detained:
 *
 * Returns: (transfer full): "165 days in detention", "Released after 427 days" or
 *   "Date of arrest not known"
 */
char *
_sb_format_days_detained (const SbDetaineeStats *stats)
{
  int days = stats->days_detained;

  if (days < 0)
    return g_strdup (_("Date of arrest not known"));

  if (stats->released)
    return _sb_localise_digits (g_strdup_printf (ngettext ("Released after %d day",
                                                           "Released after %d days", days),
                                                 days));

  return _sb_localise_digits (g_strdup_printf (ngettext ("%d day in detention",
                                                         "%d days in detention", days),
                                               days));
}

/**
 * _sb_format_message_counts:
 *
 * Returns: (transfer full): "469 messages · 195 delivered"
 */
char *
_sb_format_message_counts (gint64 messages,
                           gint64 delivered)
{
  g_autofree char *received = NULL;
  g_autofree char *handed = NULL;
  g_autofree char *n_messages = _sb_format_number (messages);
  g_autofree char *n_delivered = _sb_format_number (delivered);

  /* Translators: %s is a number such as 1,234. */
  received = g_strdup_printf (ngettext ("%s message", "%s messages", (gulong) messages),
                              n_messages);
  /* Translators: %s is a number such as 1,234. */
  handed = g_strdup_printf (ngettext ("%s delivered", "%s delivered", (gulong) delivered),
                            n_delivered);

  /* Translators: joins "469 messages" and "195 delivered". */
  return g_strdup_printf (C_("message counts", "%s · %s"), received, handed);
}

/**
 * _sb_format_moment:
 * @iso: (nullable): a moment as the campaign records it, "2016-10-08T02:30:00Z"
 *
 * Returns: (transfer full): "8 October 2016, 09:30" in local time, or a copy of @iso
 *   if it is not a moment
 */
char *
_sb_format_moment (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *day = NULL;
  g_autofree char *long_day = NULL;
  g_autofree char *time = NULL;

  if (local == NULL)
    return g_strdup (iso ? iso : "");
  day = g_date_time_format (local, "%Y-%m-%d");
  long_day = _sb_format_long_date (day);
  time = _sb_localise_digits (g_date_time_format (local, "%H:%M"));
  /* Translators: a day and a time of day, "8 October 2016, 09:30". */
  return g_strdup_printf (C_("moment", "%1$s, %2$s"), long_day, time);
}

/**
 * _sb_format_message_status:
 * @status: (nullable): a message's status as the campaign records it ("transcribed")
 *
 * Returns: the status as a label in the interface language ("To review"); "" for %NULL
 */
const char *
_sb_format_message_status (const char *status)
{
  switch (sb_message_status_from_nick (status))
    {
    case SB_MESSAGE_STATUS_NEW:
      return C_("message status", "To transcribe");
    case SB_MESSAGE_STATUS_TRANSCRIBED:
      return C_("message status", "To review");
    case SB_MESSAGE_STATUS_APPROVED:
      return C_("message status", "Approved");
    case SB_MESSAGE_STATUS_HELD:
      return C_("message status", "Held");
    case SB_MESSAGE_STATUS_DELETED:
      return C_("message status", "Deleted");
    case SB_MESSAGE_STATUS_UNKNOWN:
      break;
    }
  return "";
}

/**
 * _sb_format_channel:
 * @channel: (nullable): how a message came in, as the campaign records it ("postcard")
 *
 * Returns: the channel as a label in the interface language ("Postcard")
 */
const char *
_sb_format_channel (const char *channel)
{
  switch (sb_channel_from_nick (channel))
    {
    case SB_CHANNEL_POSTCARD:
      return _("Postcard");
    case SB_CHANNEL_ONLINE:
      return _("Online");
    case SB_CHANNEL_OTHER:
    case SB_CHANNEL_UNKNOWN:
      break;
    }
  return _("Other");
}


/**
 * _sb_format_time_ago:
 * @then: (nullable): a moment in the past
 * @now: the moment it is
 *
 * Returns: (transfer full): how long ago @then was, in words: "just now",
 *   "5 minutes ago", "2 hours ago", "3 days ago", then the day ("8 October 2016");
 *   "never" for %NULL
 */
char *
_sb_format_time_ago (GDateTime *then,
                     GDateTime *now)
{
  GTimeSpan ago;
  gint64 n;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;

  if (then == NULL)
    return g_strdup (C_("time ago", "never"));
  ago = g_date_time_difference (now, then);
  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (C_("time ago", "just now"));
  if (ago < G_TIME_SPAN_HOUR)
    {
      n = ago / G_TIME_SPAN_MINUTE;
      return _sb_localise_digits (g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", n),
                                                   (int) n));
    }
  if (ago < G_TIME_SPAN_DAY)
    {
      n = ago / G_TIME_SPAN_HOUR;
      return _sb_localise_digits (g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", n),
                                                   (int) n));
    }
  if (ago < 7 * G_TIME_SPAN_DAY)
    {
      n = ago / G_TIME_SPAN_DAY;
      return _sb_localise_digits (g_strdup_printf (ngettext ("%d day ago", "%d days ago", n),
                                                   (int) n));
    }
  local = g_date_time_to_local (then);
  day = g_date_time_format (local, "%Y-%m-%d");
  return _sb_format_long_date (day);
}
