/* sb-message-row.c — what the message list shows of one message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include "sb-message-row-private.h"
#include "sb-text.h"

struct _SbMessageRow
{
  GObject            parent_instance;

  SbStoreMessageRow *row;
  char              *first_line;
};

G_DEFINE_FINAL_TYPE (SbMessageRow, sb_message_row, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */
/* ------------------------------------------------------------------------ */

static void
sb_message_row_finalize (GObject *object)
{
  SbMessageRow *self = SB_MESSAGE_ROW (object);

  g_clear_pointer (&self->row, sb_store_message_row_free);
  g_clear_pointer (&self->first_line, g_free);

  G_OBJECT_CLASS (sb_message_row_parent_class)->finalize (object);
}

static void
sb_message_row_class_init (SbMessageRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_message_row_finalize;
}

static void
sb_message_row_init (SbMessageRow *self)
{
}

/* ------------------------------------------------------------------------ */
/* Private API                                                              */
/* ------------------------------------------------------------------------ */

SbMessageRow *
_sb_message_row_new (SbStoreMessageRow *row)
{
  SbMessageRow *self = g_object_new (SB_TYPE_MESSAGE_ROW, NULL);

  self->row = row;
  self->first_line = sb_text_first_line (row->text_start, 80);
  return self;
}

/* Whether the list would show the same thing for both. */
gboolean
_sb_message_row_equal (SbMessageRow *self,
                       SbMessageRow *other)
{
  const SbStoreMessageRow *a = self->row;
  const SbStoreMessageRow *b = other->row;

  return a->rowid == b->rowid &&
         g_str_equal (a->ref, b->ref) &&
         g_str_equal (a->received_on, b->received_on) &&
         g_str_equal (a->channel, b->channel) &&
         g_str_equal (a->sender_name, b->sender_name) &&
         g_str_equal (a->language, b->language) &&
         g_str_equal (a->text_start, b->text_start) &&
         g_str_equal (a->status, b->status) &&
         g_str_equal (a->addressees_en, b->addressees_en) &&
         g_str_equal (a->addressees_km, b->addressees_km) &&
         a->is_duplicate == b->is_duplicate &&
         a->has_translation_km == b->has_translation_km;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

const char *
sb_message_row_get_id (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return self->row->id;
}

const char *
sb_message_row_get_ref (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return self->row->ref;
}

const char *
sb_message_row_get_received_on (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return self->row->received_on;
}

const char *
sb_message_row_get_sender_name (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return self->row->sender_name;
}

const char *
sb_message_row_get_language (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return self->row->language;
}

/**
 * sb_message_row_get_first_line:
 * Returns: the first line of the message text, shortened to 80 characters
 */
const char *
sb_message_row_get_first_line (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return self->first_line;
}

const char *
sb_message_row_get_status (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return self->row->status;
}

/**
 * sb_message_row_get_addressees:
 * @lang: "km" for the detainees' Khmer names (where known), else English names
 *
 * Returns: the addressees' names, comma-separated, or "" when none
 */
const char *
sb_message_row_get_addressees (SbMessageRow *self,
                               const char   *lang)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), NULL);
  return g_strcmp0 (lang, "km") == 0 ? self->row->addressees_km : self->row->addressees_en;
}

/**
 * sb_message_row_needs_translation:
 * Returns: %TRUE when the message is in another language than Khmer and has no
 *   Khmer translation yet
 */
gboolean
sb_message_row_needs_translation (SbMessageRow *self)
{
  g_return_val_if_fail (SB_IS_MESSAGE_ROW (self), FALSE);
  return *self->row->language != '\0' && !g_str_equal (self->row->language, "km") &&
         !self->row->has_translation_km;
}
