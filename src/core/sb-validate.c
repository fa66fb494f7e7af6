/* sb-validate.c — checks of what people type, with messages that name the field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sb-campaign.h"
#include "sb-stats.h"
#include "sb-validate.h"

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (SB_CORE_ERROR, SB_CORE_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

/**
 * sb_validate_text:
 * @value: (nullable): what was typed
 * @field: the field's name as the person sees it
 *
 * Text must be UTF-8, within @max_chars, and free of control characters (line breaks
 * and tabs are fine in multi-line fields).
 */
gboolean
sb_validate_text (const char    *value,
                  const char    *field,
                  gsize          max_chars,
                  SbFieldFlags   flags,
                  GError       **error)
{
  gsize n_chars = 0;
  gboolean blank = TRUE;

  if (value == NULL || *value == '\0')
    {
      if (flags & SB_FIELD_REQUIRED)
        return invalid (error, _("%s is empty. Type it in and try again."), field);
      return TRUE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("%s contains bytes that are not text (invalid UTF-8). "
                             "Retype it or paste it again from its source."), field);

  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_chars++;
      if (!g_unichar_isspace (c))
        blank = FALSE;
      if (c == '\n' || c == '\t' || c == '\r')
        {
          if (!(flags & SB_FIELD_MULTILINE) && c != '\t')
            return invalid (error, _("%s must be a single line."), field);
          continue;
        }
      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        return invalid (error, _("%s contains an invisible control character (U+%04X). "
                                 "Remove it and try again."), field, c);
    }
  if (n_chars > max_chars)
    return invalid (error,
                    /* Translators: %s is a field name; the numbers are characters. */
                    _("%s is too long: %lu characters, at most %lu are kept. Shorten it."), field, n_chars, max_chars);
  if (blank && (flags & SB_FIELD_REQUIRED))
    return invalid (error, _("%s is empty. Type it in and try again."), field);
  return TRUE;
}

/**
 * sb_validate_date:
 * A calendar day written YYYY-MM-DD, e.g. 2016-04-28.
 */
gboolean
sb_validate_date (const char    *value,
                  const char    *field,
                  SbFieldFlags   flags,
                  GError       **error)
{
  if (value == NULL || *value == '\0')
    {
      if (flags & SB_FIELD_REQUIRED)
        return invalid (error, _("%s is empty. Type a date like 2016-04-28."), field);
      return TRUE;
    }
  if (!sb_date_is_valid (value))
    return invalid (error, _("%s “%s” is not a date. Write it as year-month-day, "
                             "like 2016-04-28."), field,
                    g_utf8_validate (value, -1, NULL) ? value : "?");
  return TRUE;
}

/**
 * sb_validate_code:
 * A short code (1–8 capital letters or digits) such as an office code "PP".
 */
gboolean
sb_validate_code (const char  *value,
                  const char  *field,
                  GError     **error)
{
  gsize len = value ? strlen (value) : 0;

  if (len == 0)
    return invalid (error, _("%s is empty. Type a short code such as PP."), field);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (value[i]) && !g_ascii_isdigit (value[i]))
      return invalid (error, _("%s must be 1 to 8 capital letters or digits, such as PP."),
                      field);
  if (len > 8)
    return invalid (error, _("%s must be 1 to 8 capital letters or digits, such as PP."), field);
  return TRUE;
}

gboolean
sb_validate_choice (const char         *value,
                    const char         *field,
                    const char *const  *choices,
                    GError            **error)
{
  g_autofree char *list = NULL;

  if (value != NULL && g_strv_contains (choices, value))
    return TRUE;
  list = g_strjoinv (", ", (char **) choices);
  return invalid (error, _("%s must be one of: %s."), field, list);
}

/**
 * sb_validate_word:
 * @words: an enum of sb-enums.h (%SB_TYPE_CHANNEL)
 *
 * @value must be one of the words the campaign stores for @words (its nicks).
 */
gboolean
sb_validate_word (const char  *value,
                  const char  *field,
                  GType        words,
                  GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (words);
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  if (value != NULL && g_enum_get_value_by_nick (klass, value) != NULL)
    return TRUE;
  for (guint i = 0; i < klass->n_values; i++)
    g_strv_builder_add (choices, klass->values[i].value_nick);
  list = g_strv_builder_end (choices);
  return sb_validate_choice (value, field, (const char *const *) list, error);
}

/**
 * sb_validate_country:
 * An ISO 3166-1 alpha-2 code ("KH") or empty.
 */
gboolean
sb_validate_country (const char  *value,
                     GError     **error)
{
  if (value == NULL || *value == '\0')
    return TRUE;
  if (strlen (value) == 2 && g_ascii_isupper (value[0]) && g_ascii_isupper (value[1]))
    return TRUE;
  return invalid (error, _("Country must be a two-letter ISO code such as KH or FR."));
}
