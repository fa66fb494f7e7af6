/* sb-conflicts-group-rows.c — a conflict to review as a row: what it is about, the
 * value kept and the other one, who wrote each and when, Keep and Use Other Value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sambot-conflicts"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-conflicts.h"
#include "sb-conflicts-group-private.h"
#include "sb-exchange.h"
#include "sb-gui-format.h"
#include "sb-stats.h"

/* A value longer than this (a postcard's text) is cut in the row. */
#define MAX_VALUE_CHARS 60

/* Who wrote a value: "this office", "Office PP-B" (or its name), as the replicas say. */
static char *
describe_writer (SbCampaign *campaign,
                 GPtrArray  *replicas,
                 const char *replica_id)
{
  for (guint i = 0; replicas != NULL && i < replicas->len; i++)
    {
      const SbReplica *replica = g_ptr_array_index (replicas, i);
      g_autofree char *prefix = NULL;

      if (g_strcmp0 (replica->id, replica_id) != 0)
        continue;
      if (replica->is_self)
        break;
      if (replica->office_name != NULL && replica->office_name[0] != '\0')
        return g_strdup (replica->office_name);
      prefix = replica->letter != NULL && replica->letter[0] != '\0'
        ? g_strdup_printf ("%s-%s", replica->office_code, replica->letter)
        : g_strdup (replica->office_code);
      return g_strdup_printf (C_("replica", "Office %s"), prefix);
    }
  return sb_campaign_describe_writer (campaign, replica_id);
}

/* A value as a person reads it: a status in words, a long text cut, "(deleted)". */
static char *
describe_value (const SbConflict *conflict,
                const char       *value)
{
  g_autofree char *shown = NULL;

  if (value == NULL && g_strcmp0 (conflict->field, "addressee") == 0)
    /* Translators: the addressee another office removed from a message */
    return g_strdup (_("(removed)"));
  if (value == NULL)
    return g_strdup (_("(deleted)"));
  if (g_strcmp0 (conflict->field, "status") == 0)
    shown = g_strdup (_sb_format_message_status (value));
  /* A batch is named by its code; a draft, which has none, by its day. */
  else if (g_strcmp0 (conflict->field, "batch") == 0 && sb_date_is_valid (value))
    {
      g_autofree char *day = _sb_format_long_date (value);

      /* Translators: a draft batch (it has no code yet) by the day it was made. */
      return g_strdup_printf (_("the draft batch of %s"), day);
    }
  else if (g_utf8_strlen (value, -1) > MAX_VALUE_CHARS)
    {
      g_autofree char *start = g_utf8_substring (value, 0, MAX_VALUE_CHARS - 1);

      shown = g_strconcat (g_strstrip (start), "…", NULL);
    }
  else
    shown = g_strdup (value);
  g_strdelimit (shown, "\n\t", ' ');
  /* Translators: a value in quotation marks: “Kim Dara”. */
  return g_strdup_printf (C_("value", "“%s”"), shown);
}

/* "Kept: “Kim Dara”, by this office on 8 October 2016, 09:30" */
static char *
describe_side (SbCampaign       *campaign,
               GPtrArray        *replicas,
               const SbConflict *conflict,
               gboolean          kept)
{
  g_autofree char *value = describe_value (conflict, kept ? conflict->kept : conflict->other);
  const char *replica = kept ? conflict->kept_replica : conflict->other_replica;
  const char *at = kept ? conflict->kept_at : conflict->other_at;
  g_autofree char *who = NULL;
  g_autofree char *by = NULL;

  /* A copy in two batches stays in both (docs/exchange.md, "Conflicts"). */
  if (g_strcmp0 (conflict->rule, "sealed") == 0)
    /* Translators: the batches a copy is in: “PS-2016-10-08-A-01”, sealed first, and
     * another one. */
    return g_strdup_printf (kept ? _("In: %s") : _("Also in: %s"), value);
  /* A rule decided it, not a clock: no office or moment to name. */
  if ((replica == NULL || replica[0] == '\0') && (at == NULL || at[0] == '\0'))
    /* Translators: the value a conflict kept, or the one that lost: “approved”. */
    return g_strdup_printf (kept ? _("Kept: %s") : _("Other value: %s"), value);
  who = describe_writer (campaign, replicas, replica);
  if (at == NULL || at[0] == '\0')
    /* Translators: who wrote a value: "by this office", "by Office PP-B". */
    by = g_strdup_printf (_("by %s"), who);
  else
    {
      g_autofree char *moment = _sb_format_moment (at);

      /* Translators: who wrote a value and when: "by Office PP-B on 8 October 2016, 09:30". */
      by = g_strdup_printf (_("by %s on %s"), who, moment);
    }
  if (kept)
    /* Translators: the value a conflict kept, then who wrote it and when. */
    return g_strdup_printf (_("Kept: %s, %s"), value, by);
  /* Translators: the value that lost, then who wrote it and when. */
  return g_strdup_printf (_("Other value: %s, %s"), value, by);
}

static GtkWidget *
new_button (const char *label,
            const char *action,
            gint64      id,
            const char *accessible_format,
            const char *title)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  g_autofree char *name = g_strdup_printf (accessible_format, title);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

/* One conflict's row: what it is about, both values, Keep and Use Other Value (the
 * actions conflicts.keep and conflicts.use-other, the conflict's id as target). The
 * row carries the id ("sb-conflict-id", a gint64) and its title ("sb-conflict-title"). */
GtkWidget *
_sb_conflicts_group_new_row (SbCampaign       *campaign,
                             GPtrArray        *replicas,
                             const SbConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: what a conflict is about and which field: "PP-A-0042 — Sender's name". */
  g_autofree char *title = g_strdup_printf (_("%s — %s"), conflict->about,
                                            sb_conflict_field_label (conflict->field));
  g_autofree char *kept = describe_side (campaign, replicas, conflict, TRUE);
  g_autofree char *other = describe_side (campaign, replicas, conflict, FALSE);
  /* Translators: why a conflict was decided so: "Rule: the later change wins". */
  g_autofree char *rule = g_strdup_printf (_("Rule: %s"), sb_conflict_rule_label (conflict->rule));
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s\n%s", kept, other, rule);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  /* Translators: %s is what a conflict is about: "PP-A-0042 — Sender's name". */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_button (_("Keep"), "conflicts.keep", conflict->id,
                                         _("Keep the current value of %s"), title));
  /* The other office deleted the record: there is no other value to take
   * (sb-store-conflicts.c refuses it), only Keep ends the conflict; nor when a
   * rule about batches kept the value (sb_campaign_resolve_conflict() refuses it). */
  if (sb_conflict_can_take_other (conflict))
    /* Translators: %s is what a conflict is about: "PP-A-0042 — Sender's name". */
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               new_button (_("Use Other Value"), "conflicts.use-other", conflict->id,
                                           _("Use the other value of %s"), title));
  g_object_set_data_full (G_OBJECT (row), "sb-conflict-id", g_memdup2 (&conflict->id, sizeof (gint64)), g_free);
  g_object_set_data_full (G_OBJECT (row), "sb-conflict-title", g_steal_pointer (&title), g_free);
  return row;
}
