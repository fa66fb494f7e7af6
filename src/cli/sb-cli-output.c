/* sb-cli-output.c — aligned tables for people, JSON for programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sb-cli-private.h"
#include "sb-enums.h"
#include "sb-text.h"

/* Far more than any message; stops a wrong file name from filling the memory. */
#define MAX_TEXT_FILE_SIZE (16 * 1024 * 1024)

struct _SbCliTable
{
  guint      n_columns;
  GPtrArray *rows;       /* GStrv of n_columns; the first may be the header */
  gboolean   has_header;
};

/* ================================================================ helpers */

static GStrv
collect_row (guint   n_columns,
             va_list args)
{
  GStrv row = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      row[i] = g_strdup (cell != NULL ? cell : "");
    }
  return row;
}

static void
print_padded (const char *text,
              gsize       width)
{
  gsize text_width = _sb_cli_display_width (text);

  g_print ("%s", text);
  for (gsize i = text_width; i < width; i++)
    g_print (" ");
}

/* =============================================================== internal */

/* How many terminal columns @text takes: see sb_text_display_width(). */
gsize
_sb_cli_display_width (const char *text)
{
  return sb_text_display_width (text);
}

/**
 * _sb_cli_table_new:
 * @n_columns: how many columns
 * @...: @n_columns headers (already translated), or a single %NULL for none
 */
SbCliTable *
_sb_cli_table_new (guint n_columns,
                   ...)
{
  SbCliTable *table = g_new0 (SbCliTable, 1);
  const char *first;
  va_list args;

  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  va_start (args, n_columns);
  first = va_arg (args, const char *);
  if (first != NULL)
    {
      GStrv header = g_new0 (char *, n_columns + 1);

      header[0] = g_strdup (first);
      for (guint i = 1; i < n_columns; i++)
        header[i] = g_strdup (va_arg (args, const char *));
      g_ptr_array_add (table->rows, header);
      table->has_header = TRUE;
    }
  va_end (args);

  return table;
}

/**
 * _sb_cli_table_add:
 * @...: one cell per column (%NULL for an empty cell)
 */
void
_sb_cli_table_add (SbCliTable *table,
                   ...)
{
  va_list args;

  va_start (args, table);
  g_ptr_array_add (table->rows, collect_row (table->n_columns, args));
  va_end (args);
}

/**
 * _sb_cli_table_add_field:
 * @label: what the value is ("Role:")
 * @value: (nullable): the value; a row is added only when there is one
 *
 * For two-column tables that show one record.
 */
void
_sb_cli_table_add_field (SbCliTable *table,
                         const char *label,
                         const char *value)
{
  g_assert (table->n_columns == 2);

  if (value != NULL && value[0] != '\0')
    _sb_cli_table_add (table, label, value);
}

/**
 * _sb_cli_table_print:
 *
 * Prints the rows with their columns aligned, two spaces apart.
 */
void
_sb_cli_table_print (SbCliTable *table)
{
  g_autofree gsize *widths = g_new0 (gsize, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], _sb_cli_display_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);
      guint last = table->n_columns - 1;

      /* Trailing empty cells would only pad the line with spaces. */
      while (last > 0 && row[last][0] == '\0')
        last--;

      for (guint c = 0; c <= last; c++)
        {
          if (c > 0)
            g_print ("  ");
          if (c == last)
            g_print ("%s", row[c]);
          else
            print_padded (row[c], widths[c]);
        }
      g_print ("\n");
    }
}

void
_sb_cli_table_free (SbCliTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/**
 * _sb_cli_format_int:
 *
 * Returns: (transfer full): @n with thousands grouped, for people
 */
char *
_sb_cli_format_int (gint64 n)
{
  return sb_text_format_count (n, "en");
}

/**
 * _sb_cli_print_json:
 *
 * Writes the builder's root as indented JSON on stdout.
 */
void
_sb_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  /* Not g_print: JSON is UTF-8 whatever the locale says. */
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
_sb_cli_json_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_sb_cli_json_int (JsonBuilder *builder,
                  const char  *member,
                  gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
_sb_cli_json_bool (JsonBuilder *builder,
                   const char  *member,
                   gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/**
 * _sb_cli_read_text_file:
 * @path: a file, or "-" for standard input
 *
 * Returns: (transfer full): the file's text, checked to be UTF-8
 */
char *
_sb_cli_read_text_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buffer[8192];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        {
          g_string_append_len (text, buffer, n);
          if (text->len > MAX_TEXT_FILE_SIZE)
            break;
        }
      length = text->len;
      contents = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (length > MAX_TEXT_FILE_SIZE)
    {
      g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                   _("“%s” is far too long for a message: give a file with just its text"),
                   path);
      return NULL;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, SB_CLI_ERROR, SB_CLI_ERROR_FAILED,
                   _("“%s” is not UTF-8 text: save it as UTF-8 and try again"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/**
 * _sb_cli_describe_status:
 *
 * Returns: a message's status in the interface language
 */
const char *
_sb_cli_describe_status (const char *status)
{
  switch (sb_message_status_from_nick (status))
    {
    case SB_MESSAGE_STATUS_NEW:
      return C_("message status", "new");
    case SB_MESSAGE_STATUS_TRANSCRIBED:
      return C_("message status", "transcribed");
    case SB_MESSAGE_STATUS_APPROVED:
      return C_("message status", "approved");
    case SB_MESSAGE_STATUS_HELD:
      return C_("message status", "held");
    case SB_MESSAGE_STATUS_DELETED:
      return C_("message status", "deleted");
    case SB_MESSAGE_STATUS_UNKNOWN:
      break;
    }
  return status;
}

/**
 * _sb_cli_describe_copy_state:
 *
 * Returns: a copy's state in the interface language
 */
const char *
_sb_cli_describe_copy_state (const char *state)
{
  switch (sb_copy_state_from_nick (state))
    {
    case SB_COPY_STATE_PENDING:
      return C_("copy state", "pending");
    case SB_COPY_STATE_WAITING:
      return C_("copy state", "waiting");
    case SB_COPY_STATE_IN_BATCH:
      return C_("copy state", "in a batch");
    case SB_COPY_STATE_DELIVERED:
      return C_("copy state", "delivered");
    case SB_COPY_STATE_REJECTED:
      return C_("copy state", "rejected");
    case SB_COPY_STATE_RETURNED:
      return C_("copy state", "returned");
    case SB_COPY_STATE_UNKNOWN:
      break;
    }
  return state;
}

/**
 * _sb_cli_describe_channel:
 *
 * Returns: how a message came in, in the interface language
 */
const char *
_sb_cli_describe_channel (const char *channel)
{
  switch (sb_channel_from_nick (channel))
    {
    case SB_CHANNEL_POSTCARD:
      return C_("message channel", "postcard");
    case SB_CHANNEL_ONLINE:
      return C_("message channel", "online");
    case SB_CHANNEL_OTHER:
      return C_("message channel", "other");
    case SB_CHANNEL_UNKNOWN:
      break;
    }
  return channel;
}

/**
 * _sb_cli_print_json_strings:
 * @first_member: a member name, then its value (nullable), …, %NULL
 *
 * Prints one JSON object of string members: what a command that made or changed
 * something prints with --json.
 */
void
_sb_cli_print_json_strings (const char *first_member,
                            ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_member);
  for (const char *member = first_member; member != NULL; member = va_arg (args, const char *))
    _sb_cli_json_string (builder, member, va_arg (args, const char *));
  va_end (args);
  json_builder_end_object (builder);
  _sb_cli_print_json (builder);
}
