/* sb-gui-format.c — how the GUI words dates and counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sb-gui-format.h"
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
  return g_strdup_printf (C_("long date", "%1$d %2$s %3$d"),
                          day, g_dpgettext2 (NULL, "month", month_names[month - 1]), year);
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
    return g_strdup_printf (ngettext ("Released after %d day", "Released after %d days", days),
                            days);

  return g_strdup_printf (ngettext ("%d day in detention", "%d days in detention", days), days);
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
  g_autofree char *n_messages = sb_text_format_count (messages, "en");
  g_autofree char *n_delivered = sb_text_format_count (delivered, "en");

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
 * _sb_interface_language:
 *
 * Returns: "km" or "en": the first language asked for that Sambot speaks
 */
const char *
_sb_interface_language (void)
{
  const char *const *names = g_get_language_names ();

  /* The first language asked for that Sambot speaks: Khmer, else English. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "km") || g_str_has_prefix (names[i], "km_"))
        return "km";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C"))
        return "en";
    }
  return "en";
}
