/* sb-enums.c — the campaign's fixed words as registered enums
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-core"

#include "config.h"

#include "sb-enums.h"

G_DEFINE_ENUM_TYPE (SbMessageStatus, sb_message_status,
  G_DEFINE_ENUM_VALUE (SB_MESSAGE_STATUS_NEW, "new"),
  G_DEFINE_ENUM_VALUE (SB_MESSAGE_STATUS_TRANSCRIBED, "transcribed"),
  G_DEFINE_ENUM_VALUE (SB_MESSAGE_STATUS_APPROVED, "approved"),
  G_DEFINE_ENUM_VALUE (SB_MESSAGE_STATUS_HELD, "held"),
  G_DEFINE_ENUM_VALUE (SB_MESSAGE_STATUS_DELETED, "deleted"))

G_DEFINE_ENUM_TYPE (SbChannel, sb_channel,
  G_DEFINE_ENUM_VALUE (SB_CHANNEL_POSTCARD, "postcard"),
  G_DEFINE_ENUM_VALUE (SB_CHANNEL_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (SB_CHANNEL_OTHER, "other"))

G_DEFINE_ENUM_TYPE (SbConsent, sb_consent,
  G_DEFINE_ENUM_VALUE (SB_CONSENT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SB_CONSENT_DETAINEE, "detainee"),
  G_DEFINE_ENUM_VALUE (SB_CONSENT_PUBLIC, "public"))

G_DEFINE_ENUM_TYPE (SbCopyState, sb_copy_state,
  G_DEFINE_ENUM_VALUE (SB_COPY_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (SB_COPY_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (SB_COPY_STATE_IN_BATCH, "in_batch"),
  G_DEFINE_ENUM_VALUE (SB_COPY_STATE_DELIVERED, "delivered"),
  G_DEFINE_ENUM_VALUE (SB_COPY_STATE_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (SB_COPY_STATE_RETURNED, "returned"))

G_DEFINE_ENUM_TYPE (SbBatchState, sb_batch_state,
  G_DEFINE_ENUM_VALUE (SB_BATCH_STATE_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (SB_BATCH_STATE_SEALED, "sealed"),
  G_DEFINE_ENUM_VALUE (SB_BATCH_STATE_HANDED_OVER, "handed_over"),
  G_DEFINE_ENUM_VALUE (SB_BATCH_STATE_CLOSED, "closed"))

/* The class of a static type lives as long as the program: the first use takes the
 * one reference it keeps. */
static GEnumClass *
class_of (GType type)
{
  gpointer klass = g_type_class_peek_static (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

static int
value_of (GType       type,
          const char *nick)
{
  GEnumValue *value;

  if (nick == NULL)
    return -1;
  value = g_enum_get_value_by_nick (class_of (type), nick);
  return value != NULL ? value->value : -1;
}

static const char *
nick_of (GType type,
         int   value)
{
  GEnumValue *found = g_enum_get_value (class_of (type), value);

  g_return_val_if_fail (found != NULL, NULL);
  return found->value_nick;
}

/* For each enum of sb-enums.h:
 *
 * sb_…_from_nick(): @nick (nullable), the word the campaign stores ("transcribed").
 * Returns the value, or _UNKNOWN for %NULL or a word this version does not know.
 *
 * sb_…_to_nick(): returns (transfer none) the word the campaign stores for the value;
 * %NULL, with a critical, for _UNKNOWN.
 */
#define DEFINE_NICKS(TypeName, type_name, TYPE)        \
  TypeName                                             \
  type_name##_from_nick (const char *nick)             \
  {                                                    \
    return value_of (TYPE, nick);                      \
  }                                                    \
                                                       \
  const char *                                         \
  type_name##_to_nick (TypeName value)                 \
  {                                                    \
    return nick_of (TYPE, value);                      \
  }

DEFINE_NICKS (SbMessageStatus, sb_message_status, SB_TYPE_MESSAGE_STATUS)
DEFINE_NICKS (SbChannel, sb_channel, SB_TYPE_CHANNEL)
DEFINE_NICKS (SbConsent, sb_consent, SB_TYPE_CONSENT)
DEFINE_NICKS (SbCopyState, sb_copy_state, SB_TYPE_COPY_STATE)
DEFINE_NICKS (SbBatchState, sb_batch_state, SB_TYPE_BATCH_STATE)

/**
 * sb_copy_state_is_underway:
 * @state: (nullable): a copy's state as the campaign stores it
 *
 * Returns: %TRUE if the copy has gone into a batch (and maybe further): its message
 *   can no longer drop that addressee or be deleted
 */
gboolean
sb_copy_state_is_underway (const char *state)
{
  SbCopyState value = sb_copy_state_from_nick (state);

  return value != SB_COPY_STATE_PENDING && value != SB_COPY_STATE_WAITING;
}
