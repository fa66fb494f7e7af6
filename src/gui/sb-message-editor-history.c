/* sb-message-editor-history.c — the history of a message, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind of change is one whole sentence for translators, with the values the
 * campaign records (codes, ids, ISO dates) turned into words of the interface
 * language first: word order differs between English and Khmer, so no sentence is
 * assembled from pieces here.
 */

#define G_LOG_DOMAIN "sambot-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-bidi.h"
#include "sb-breakdown.h"
#include "sb-countries.h"
#include "sb-enums.h"
#include "sb-gui-toast.h"
#include "sb-gui-format.h"
#include "sb-message-editor-private.h"
#include "sb-privacy.h"
#include "sb-store-error.h"
#include "sb-text.h"

#define MAX_QUOTED_CHARS 60

typedef enum {
  VALUE_TEXT,       /* typed text, quoted in the sentence */
  VALUE_DATE,       /* "2016-10-10" */
  VALUE_OFFICE,     /* an office id */
  VALUE_COUNTRY,    /* an ISO 3166 code */
} ValueKind;

/* The fields of a message whose changes read "set X to …", "changed X from … to …" and
 * "removed X". The quotes are part of each sentence, for the translation to choose. */
static const struct {
  const char *field;
  ValueKind   kind;
  const char *set;       /* %1$s who, %2$s the new value */
  const char *changed;   /* %1$s who, %2$s the value before, %3$s after */
  const char *removed;   /* %1$s who */
} fields[] = {
  { "received_on", VALUE_DATE,
    N_("%1$s set the date received to %2$s"),
    N_("%1$s changed the date received from %2$s to %3$s"),
    N_("%1$s removed the date received") },
  { "office_id", VALUE_OFFICE,
    N_("%1$s set the partner office to %2$s"),
    N_("%1$s changed the partner office from %2$s to %3$s"),
    N_("%1$s removed the partner office") },
  { "sender_name", VALUE_TEXT,
    N_("%1$s set the sender’s name to “%2$s”"),
    N_("%1$s changed the sender’s name from “%2$s” to “%3$s”"),
    N_("%1$s removed the sender’s name") },
  { "sender_city", VALUE_TEXT,
    N_("%1$s set the sender’s city to “%2$s”"),
    N_("%1$s changed the sender’s city from “%2$s” to “%3$s”"),
    N_("%1$s removed the sender’s city") },
  { "sender_country", VALUE_COUNTRY,
    N_("%1$s set the sender’s country to %2$s"),
    N_("%1$s changed the sender’s country from %2$s to %3$s"),
    N_("%1$s removed the sender’s country") },
  { "sender_contact", VALUE_TEXT,
    N_("%1$s set the sender’s contact to “%2$s”"),
    N_("%1$s changed the sender’s contact from “%2$s” to “%3$s”"),
    N_("%1$s removed the sender’s contact") },
  { "original_text", VALUE_TEXT,
    N_("%1$s typed the text “%2$s”"),
    N_("%1$s changed the text from “%2$s” to “%3$s”"),
    N_("%1$s removed the text") },
  { "translation_km", VALUE_TEXT,
    N_("%1$s added the Khmer translation “%2$s”"),
    N_("%1$s changed the Khmer translation from “%2$s” to “%3$s”"),
    N_("%1$s removed the Khmer translation") },
  { "translation_en", VALUE_TEXT,
    N_("%1$s added the English translation “%2$s”"),
    N_("%1$s changed the English translation from “%2$s” to “%3$s”"),
    N_("%1$s removed the English translation") },
  { "hold_reason", VALUE_TEXT,
    N_("%1$s gave the reason for holding it: “%2$s”"),
    N_("%1$s changed the reason for holding it from “%2$s” to “%3$s”"),
    N_("%1$s removed the reason for holding it") },
  { "notes", VALUE_TEXT,
    N_("%1$s set the notes to “%2$s”"),
    N_("%1$s changed the notes from “%2$s” to “%3$s”"),
    N_("%1$s removed the notes") },
};

/* ------------------------------------------------------------------------ */
/* Values in words                                                          */
/* ------------------------------------------------------------------------ */

/* A record a change names may be gone since (erased, deleted): then the sentence
 * names it by its id. A record that cannot be read is an error. */
static gboolean
lookup_failed (GError  *lookup_error,
               GError **error)
{
  if (lookup_error == NULL || g_error_matches (lookup_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND))
    return FALSE;
  g_propagate_error (error, g_error_copy (lookup_error));
  return TRUE;
}

static char *
value_words (SbCampaign  *campaign,
             ValueKind    kind,
             const char  *value,
             GError     **error)
{
  switch (kind)
    {
    case VALUE_DATE:
      return _sb_format_long_date (value);

    case VALUE_OFFICE:
      {
        g_autoptr(GError) lookup_error = NULL;
        g_autoptr(SbOffice) office = sb_campaign_get_office (campaign, value, &lookup_error);

        if (office == NULL)
          return lookup_failed (lookup_error, error) ? NULL : g_strdup (value);
        return g_strdup (*office->name ? office->name : office->code);
      }

    case VALUE_COUNTRY:
      return sb_country_name (value, sb_interface_language ());

    case VALUE_TEXT:
    default:
      {
        g_autofree char *line = NULL;

        if (sb_history_value_is_erased (value))
          return g_strdup (sb_history_value (value));
        /* A right-to-left override in a name must not turn the sentence around. */
        line = sb_text_first_line (value, MAX_QUOTED_CHARS);
        return sb_text_isolate (line);
      }
    }
}

/* A detainee's name as the interface language writes it. */
static char *
detainee_name (SbCampaign  *campaign,
               const char  *detainee_id,
               GError     **error)
{
  g_autoptr(SbDetainee) detainee = NULL;
  g_autoptr(GError) lookup_error = NULL;

  if (detainee_id == NULL)
    return g_strdup (C_("detainee", "someone"));
  detainee = sb_campaign_get_detainee (campaign, detainee_id, &lookup_error);
  if (detainee == NULL)
    return lookup_failed (lookup_error, error) ? NULL : g_strdup (C_("detainee", "someone"));
  return g_strdup (sb_detainee_get_name (detainee));
}

static gboolean
is_empty (const char *value)
{
  return value == NULL || *value == '\0';
}

/* ------------------------------------------------------------------------ */
/* Sentences                                                                */
/* ------------------------------------------------------------------------ */

static char *
describe_status (const char *who,
                 const char *before,
                 const char *after)
{
  SbMessageStatus now = sb_message_status_from_nick (after);

  if (sb_message_status_from_nick (before) == SB_MESSAGE_STATUS_DELETED &&
      now != SB_MESSAGE_STATUS_DELETED)
    return g_strdup_printf (_("%s restored it"), who);
  switch (now)
    {
    case SB_MESSAGE_STATUS_NEW:
      return g_strdup_printf (_("%s put it back among the cards to transcribe"), who);
    case SB_MESSAGE_STATUS_TRANSCRIBED:
      return g_strdup_printf (_("%s marked it as transcribed, ready for review"), who);
    case SB_MESSAGE_STATUS_APPROVED:
      return g_strdup_printf (_("%s approved it for delivery"), who);
    case SB_MESSAGE_STATUS_HELD:
      return g_strdup_printf (_("%s held it back"), who);
    case SB_MESSAGE_STATUS_DELETED:
      return g_strdup_printf (_("%s deleted it"), who);
    case SB_MESSAGE_STATUS_UNKNOWN:
      break;
    }
  return g_strdup_printf (_("%s changed its status"), who);
}

static char *
describe_channel (const char *who,
                  const char *channel)
{
  switch (sb_channel_from_nick (channel))
    {
    case SB_CHANNEL_POSTCARD:
      return g_strdup_printf (_("%s marked it as a postcard"), who);
    case SB_CHANNEL_ONLINE:
      return g_strdup_printf (_("%s marked it as a message sent online"), who);
    case SB_CHANNEL_OTHER:
    case SB_CHANNEL_UNKNOWN:
      break;
    }
  return g_strdup_printf (_("%s marked it as a message that came in another way"), who);
}

static char *
describe_consent (const char *who,
                  const char *consent)
{
  switch (sb_consent_from_nick (consent))
    {
    case SB_CONSENT_DETAINEE:
      return g_strdup_printf (_("%s let the detainee see the sender’s name"), who);
    case SB_CONSENT_PUBLIC:
      return g_strdup_printf (_("%s allowed the sender’s name to be published"), who);
    case SB_CONSENT_NONE:
    case SB_CONSENT_UNKNOWN:
      break;
    }
  return g_strdup_printf (_("%s hid the sender’s name"), who);
}

static char *
describe_language (const char *who,
                   const char *language)
{
  g_autofree char *name = NULL;

  if (is_empty (language) || g_str_equal (language, "und"))
    return g_strdup_printf (_("%s marked the language as not known"), who);
  name = sb_language_name (language);
  /* Translators: %1$s is who, %2$s the name of a language ("Khmer", "French"). */
  return g_strdup_printf (_("%1$s set the language to %2$s"), who, name);
}

static char *
describe_duplicate (SbCampaign  *campaign,
                    const char  *who,
                    const char  *original_id,
                    GError     **error)
{
  g_autoptr(SbMessage) original = NULL;
  g_autoptr(GError) lookup_error = NULL;

  if (is_empty (original_id))
    return g_strdup_printf (_("%s marked it as not a duplicate"), who);
  original = sb_campaign_get_message (campaign, original_id, &lookup_error);
  if (original == NULL && lookup_failed (lookup_error, error))
    return NULL;
  /* Translators: %1$s is who, %2$s the reference of another message, "PP-0042". */
  return g_strdup_printf (_("%1$s marked it as a duplicate of %2$s"), who,
                          original ? original->ref : original_id);
}

/* One copy of the message, for one detainee: the chain of custody. */
static char *
describe_copy (SbCampaign            *campaign,
               const SbHistoryEntry  *entry,
               const char            *who,
               const char            *addressee,
               GError               **error)
{
  if (*entry->field == '\0')
    {
      g_autofree char *name = detainee_name (campaign, entry->after ? entry->after : entry->before, error);

      if (name == NULL)
        return NULL;
      return entry->before == NULL
             /* Translators: %1$s is who, %2$s a detainee's name. */
             ? g_strdup_printf (_("%1$s addressed it to %2$s"), who, name)
             /* Translators: %1$s is who, %2$s a detainee's name. */
             : g_strdup_printf (_("%1$s removed %2$s from its addressees"), who, name);
    }
  if (g_str_equal (entry->field, "state"))
    {
      switch (sb_copy_state_from_nick (entry->after))
        {
        case SB_COPY_STATE_PENDING:
          /* Translators: in the following sentences %1$s is who, %2$s a detainee's name;
           * a copy is the message for one detainee. */
          return g_strdup_printf (_("%1$s put the copy for %2$s back to wait for approval"), who, addressee);
        case SB_COPY_STATE_WAITING:
          return g_strdup_printf (_("%1$s made the copy for %2$s ready for a batch"), who, addressee);
        case SB_COPY_STATE_IN_BATCH:
          return g_strdup_printf (_("%1$s put the copy for %2$s in a batch"), who, addressee);
        case SB_COPY_STATE_DELIVERED:
          return g_strdup_printf (_("%1$s recorded the copy for %2$s as delivered"), who, addressee);
        case SB_COPY_STATE_REJECTED:
          return g_strdup_printf (_("%1$s recorded the copy for %2$s as rejected"), who, addressee);
        case SB_COPY_STATE_RETURNED:
          return g_strdup_printf (_("%1$s recorded the copy for %2$s as returned"), who, addressee);
        case SB_COPY_STATE_UNKNOWN:
          break;
        }
      return NULL;
    }
  if (g_str_equal (entry->field, "outcome_reason") && !is_empty (entry->after))
    {
      g_autofree char *reason = sb_text_first_line (entry->after, MAX_QUOTED_CHARS);

      /* Translators: %1$s is who, %2$s a detainee's name, %3$s why the facility
       * rejected or returned the copy. */
      return g_strdup_printf (_("%1$s gave the reason for the copy for %2$s: “%3$s”"),
                              who, addressee, reason);
    }
  /* Attempts and the day delivered follow from the states above. */
  return NULL;
}

/**
 * _sb_describe_change:
 * @addressee: (nullable): for a change to a copy, the name of its detainee
 *
 * Returns: (transfer full) (nullable): one change as a sentence in the interface
 *   language, "Sophea changed the sender’s name from “Dara” to “Dara Kim”"; %NULL
 *   for changes nobody needs to read (search keys, counters), or with @error set
 *   when a record it names cannot be read
 */
char *
_sb_describe_change (SbCampaign            *campaign,
                     const SbHistoryEntry  *entry,
                     const char            *addressee,
                     GError               **error)
{
  const char *who = *entry->operator_name ? entry->operator_name : _("Someone");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (g_str_equal (entry->entity, "copy"))
    return describe_copy (campaign, entry, who, addressee ? addressee : C_("detainee", "someone"), error);
  if (g_str_equal (entry->entity, "scan"))
    {
      if (entry->after == NULL)
        return g_strcmp0 (entry->before, "back") == 0
               ? g_strdup_printf (_("%s removed the scan of the back"), who)
               : g_strdup_printf (_("%s removed the scan of the front"), who);
      return g_str_equal (entry->after, "back")
             ? g_strdup_printf (_("%s added a scan of the back"), who)
             : g_strdup_printf (_("%s added a scan of the front"), who);
    }
  if (!g_str_equal (entry->entity, "message"))
    return NULL;
  if (*entry->field == '\0')
    return entry->before == NULL
           /* Translators: %1$s is who, %2$s the message's reference, "PP-0042". */
           ? g_strdup_printf (_("%1$s created message %2$s"), who, entry->after)
           /* Translators: %1$s is who, %2$s the message's reference, "PP-0042". */
           : g_strdup_printf (_("%1$s erased message %2$s"), who, entry->before);
  if (g_str_equal (entry->field, "status"))
    return describe_status (who, entry->before, entry->after);
  if (g_str_equal (entry->field, "channel"))
    return describe_channel (who, entry->after);
  if (g_str_equal (entry->field, "consent"))
    return describe_consent (who, entry->after);
  if (g_str_equal (entry->field, "language"))
    return describe_language (who, entry->after);
  if (g_str_equal (entry->field, "duplicate_of"))
    return describe_duplicate (campaign, who, entry->after, error);
  if (g_str_equal (entry->field, "sender_erased"))
    /* Translators: %s is who; the sender asked to be forgotten. */
    return g_strdup_printf (_("%s erased the sender’s name, city, contact and scans"), who);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!g_str_equal (fields[i].field, entry->field))
        continue;
      if (is_empty (entry->after))
        return g_strdup_printf (_(fields[i].removed), who);
      if ((after = value_words (campaign, fields[i].kind, entry->after, error)) == NULL)
        return NULL;
      if (is_empty (entry->before))
        return g_strdup_printf (_(fields[i].set), who, after);
      if ((before = value_words (campaign, fields[i].kind, entry->before, error)) == NULL)
        return NULL;
      return g_strdup_printf (_(fields[i].changed), who, before, after);
    }
  /* Search keys, the day delivered (kept from the copies) and the like. */
  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The panel                                                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  const SbHistoryEntry *entry;
  const char           *addressee;   /* for a copy's change */
  guint                 order;
} Change;

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const Change *x = a;
  const Change *y = b;
  int by_time = g_strcmp0 (x->entry->at, y->entry->at);

  return by_time != 0 ? by_time : (x->order > y->order) - (x->order < y->order);
}

static GtkWidget *
make_change_row (const char           *sentence,
                 const SbHistoryEntry *entry)
{
  g_autofree char *when = _sb_format_moment (entry->at);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (sentence);
  GtkWidget *time = gtk_label_new (when);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), time);
  return box;
}

void
_sb_message_editor_show_history (SbMessageEditor *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (!gtk_toggle_button_get_active (self->history_button) || self->message == NULL)
    return;

  /* The message's own changes, then each copy's: the chain of custody. A history
   * that cannot be read in full is not shown in part: a missing line would read as
   * a step that never happened. */
  entries = sb_campaign_list_history (self->campaign, self->message->id, &error);
  if (entries == NULL || (copies = sb_campaign_list_copies (self->campaign, self->message->id, &error)) == NULL)
    {
      _sb_gui_report_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    g_array_append_val (changes, ((Change) { g_ptr_array_index (entries, i), NULL, changes->len }));
  for (guint c = 0; c < copies->len; c++)
    {
      const SbCopy *copy = g_ptr_array_index (copies, c);
      g_autofree char *copy_name = sb_copy_dup_name (copy);
      GPtrArray *copy_entries = sb_campaign_list_history (self->campaign, copy_name, &error);
      char *name;

      if (copy_entries == NULL || (name = detainee_name (self->campaign, copy->detainee_id, &error)) == NULL)
        {
          g_clear_pointer (&copy_entries, g_ptr_array_unref);
          _sb_gui_report_error (GTK_WIDGET (self), error);
          return;
        }
      g_ptr_array_add (names, name);
      g_ptr_array_add (keep, copy_entries);
      for (guint i = 0; i < copy_entries->len; i++)
        g_array_append_val (changes, ((Change) { g_ptr_array_index (copy_entries, i), name, changes->len }));
    }
  g_array_sort (changes, compare_changes);

  /* Newest first: what the reviewer wants to see is what happened last. */
  for (guint i = changes->len; i > 0; i--)
    {
      const Change *change = &g_array_index (changes, Change, i - 1);
      g_autofree char *sentence = _sb_describe_change (self->campaign, change->entry,
                                                       change->addressee, &error);

      if (error != NULL)
        {
          while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
            gtk_list_box_remove (self->history_list, child);
          _sb_gui_report_error (GTK_WIDGET (self), error);
          return;
        }
      if (sentence != NULL)
        gtk_list_box_append (self->history_list, make_change_row (sentence, change->entry));
    }
}
