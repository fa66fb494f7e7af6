/* sb-text-box.c — text boxes that grow with a message and break Khmer lines between words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pango 1.50 breaks Khmer lines only at spaces and ZWSPs (docs/architecture.md): a
 * long Khmer line wraps wherever the box ends, in the middle of a word. The text the
 * volunteer typed must stay as typed, so no ZWSP goes into the buffer: the places
 * between words (ICU, src/text/sb-text-icu.c) are marked with tags whose "word"
 * property becomes a PangoAttrWord, and Pango allows a line break where a word
 * starts. Two tags take turns, so that two words side by side stay two words.
 */

#include "config.h"

#include <string.h>

#include "sb-text-box.h"
#include "sb-text.h"

/* Longest paragraph whose Khmer words are marked (see mark_paragraph()). */
#define SB_TEXT_BOX_MAX_MARKED_CHARS 2000

static const char *const word_tag_names[] = { "sb-khmer-word", "sb-khmer-next-word" };

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
is_khmer (gunichar c)
{
  return (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF);
}

static GtkTextTag *
get_word_tag (GtkTextBuffer *buffer,
              guint          i)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, word_tag_names[i]);

  /* GTK 4.8 redraws a text whose "word" tags change but lays it out again only for
   * tags that change its size: the wrap mode, the same as the view's, is one. */
  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, word_tag_names[i], "word", TRUE,
                                      "wrap-mode", GTK_WRAP_WORD_CHAR, NULL);
  return tag;
}

/* Marks each Khmer word that follows another in paragraph @line: from the break
 * before it to the next break or the end of the Khmer run. GTK 4.8's tags cost more
 * the more of them a paragraph holds (measured: 20 ms for a paragraph of 1,800
 * characters, 0.7 s for 6,000): a paragraph longer than a postcard keeps the plain
 * wrapping rather than freeze the window each time the typing pauses. */
static void
mark_paragraph (GtkTextBuffer *buffer,
                GtkTextTag    *tags[2],
                int            line)
{
  g_autofree char *text = NULL;
  g_autofree glong *breaks = NULL;
  g_autofree gunichar *chars = NULL;
  GtkTextIter start, end, from, to;
  glong n_chars = 0;
  glong at = 0;
  gsize n_breaks = 0;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_remove_tag (buffer, tags[0], &start, &end);
  gtk_text_buffer_remove_tag (buffer, tags[1], &start, &end);
  if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) > SB_TEXT_BOX_MAX_MARKED_CHARS)
    return;
  /* A slice keeps one character for each embedded object, so offsets match. */
  text = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
  breaks = sb_text_word_break_offsets (text, &n_breaks);
  if (n_breaks == 0)
    return;
  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);

  from = start;
  for (gsize i = 0; i < n_breaks; i++)
    {
      glong next = i + 1 < n_breaks ? breaks[i + 1] : n_chars;
      glong stop = breaks[i];

      while (stop < n_chars && stop < next && is_khmer (chars[stop]))
        stop++;
      if (stop == breaks[i])
        continue;
      gtk_text_iter_forward_chars (&from, (int) (breaks[i] - at));
      to = from;
      gtk_text_iter_forward_chars (&to, (int) (stop - breaks[i]));
      at = breaks[i];
      gtk_text_buffer_apply_tag (buffer, tags[i % 2], &from, &to);
    }
}

/* Marks the words of paragraphs @first to @last (included; clamped to the text). */
static void
mark_words (GtkTextBuffer *buffer,
            int            first,
            int            last)
{
  GtkTextTag *tags[] = { get_word_tag (buffer, 0), get_word_tag (buffer, 1) };
  int n_lines = gtk_text_buffer_get_line_count (buffer);

  for (int line = MAX (first, 0); line <= last && line < n_lines; line++)
    mark_paragraph (buffer, tags, line);
}

/* The paragraphs changed since the words were last marked. */
typedef struct
{
  GtkTextBuffer *buffer;
  int            first;
  int            last;
  guint          source_id;
} Changes;

static void
changes_free (gpointer data)
{
  Changes *changes = data;

  g_clear_handle_id (&changes->source_id, g_source_remove);
  g_free (changes);
}

static gboolean
mark_changes_cb (gpointer user_data)
{
  Changes *changes = user_data;

  changes->source_id = 0;
  mark_words (changes->buffer, changes->first, changes->last);
  changes->first = G_MAXINT;
  changes->last = -1;
  return G_SOURCE_REMOVE;
}

/* Once the typing pauses: the words change with every key. A change that adds or
 * removes paragraphs moves the ones below it: they are all marked again. */
static void
note_change (GtkTextBuffer *buffer,
             int            first,
             int            last)
{
  Changes *changes = g_object_get_data (G_OBJECT (buffer), "sb-text-box-changes");

  if (changes == NULL)
    return;
  changes->first = MIN (changes->first, first);
  changes->last = MAX (changes->last, last);
  if (changes->source_id == 0)
    changes->source_id = g_timeout_add (150, mark_changes_cb, changes);
}

static void
text_inserted_cb (GtkTextBuffer *buffer,
                  GtkTextIter   *end,
                  const char    *text,
                  int            len)
{
  int line = gtk_text_iter_get_line (end);
  gboolean paragraphs = memchr (text, '\n', len) != NULL || memchr (text, '\r', len) != NULL;

  note_change (buffer, paragraphs ? 0 : line, paragraphs ? G_MAXINT : line);
}

static void
range_deleted_cb (GtkTextBuffer *buffer,
                  GtkTextIter   *start,
                  GtkTextIter   *end)
{
  int line = gtk_text_iter_get_line (start);

  /* After the deletion both ends are where the text was; the line count tells
   * whether paragraphs went with it. */
  note_change (buffer, line, line);
}

static void
range_deleting_cb (GtkTextBuffer *buffer,
                   GtkTextIter   *start,
                   GtkTextIter   *end)
{
  if (gtk_text_iter_get_line (start) != gtk_text_iter_get_line (end))
    note_change (buffer, 0, G_MAXINT);
}

/* The height of @lines lines of @view's text, with its margins: measured on a line of
 * Khmer and Latin, whose stacked vowels and subscripts make it taller than the
 * font's own metrics say. */
static int
lines_height (GtkTextView *view,
              guint        lines)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), "ស្ត្រី ឿ Ág");
  int line = 0;

  pango_layout_get_pixel_size (layout, NULL, &line);
  return line * (int) lines + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);
}

typedef struct
{
  guint min_lines;
  guint max_lines;
} Lines;

static void
fit_box (GtkTextView *view)
{
  Lines *lines = g_object_get_data (G_OBJECT (view), "sb-text-box-lines");
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (view));
  int min = lines_height (view, lines->min_lines);
  int max = lines_height (view, lines->max_lines);

  if (!GTK_IS_SCROLLED_WINDOW (parent))
    return;
  /* The maximum first: GTK refuses a minimum above it. */
  if (max >= gtk_scrolled_window_get_min_content_height (GTK_SCROLLED_WINDOW (parent)))
    {
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (parent), max);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (parent), min);
    }
  else
    {
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (parent), min);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (parent), max);
    }
}

/* The font is known once the view is styled. */
static void
view_styled_cb (GtkWidget *view)
{
  fit_box (GTK_TEXT_VIEW (view));
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

/**
 * _sb_text_box_setup:
 * @view: a text view, the child of a #GtkScrolledWindow
 * @min_lines: lines shown even when the text is shorter
 * @max_lines: lines shown before the box scrolls
 *
 * Makes the box around @view as tall as its text, between @min_lines and @max_lines
 * lines of its font, so a whole message can be read without scrolling inside it; and
 * its Khmer lines break between words. The buffer's text is left as it is.
 */
void
_sb_text_box_setup (GtkTextView *view,
                    guint        min_lines,
                    guint        max_lines)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (view));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  Lines *lines = g_new (Lines, 1);
  Changes *changes;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (parent));
  g_return_if_fail (min_lines > 0 && min_lines <= max_lines);

  lines->min_lines = min_lines;
  lines->max_lines = max_lines;
  g_object_set_data_full (G_OBJECT (view), "sb-text-box-lines", lines, g_free);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (parent), TRUE);
  /* A form that scrolls gives its children their minimum height unless told to give
   * them their natural one: the box would stay at @min_lines. */
  for (GtkWidget *up = gtk_widget_get_parent (parent); up != NULL; up = gtk_widget_get_parent (up))
    if (GTK_IS_VIEWPORT (up))
      {
        gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (up), GTK_SCROLL_NATURAL);
        break;
      }
  fit_box (view);
  g_signal_connect (view, "realize", G_CALLBACK (view_styled_cb), NULL);
  g_signal_connect (view, "map", G_CALLBACK (view_styled_cb), NULL);
  changes = g_new0 (Changes, 1);
  changes->buffer = buffer;
  changes->first = G_MAXINT;
  changes->last = -1;
  g_object_set_data_full (G_OBJECT (buffer), "sb-text-box-changes", changes, changes_free);
  g_signal_connect_after (buffer, "insert-text", G_CALLBACK (text_inserted_cb), NULL);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (range_deleting_cb), NULL);
  g_signal_connect_after (buffer, "delete-range", G_CALLBACK (range_deleted_cb), NULL);
  mark_words (buffer, 0, G_MAXINT);
}

/**
 * _sb_text_box_mark_words_now:
 * @view: a text view set up with _sb_text_box_setup()
 *
 * Marks the Khmer words of @view's text at once, rather than when the typing pauses
 * (for a text just loaded).
 */
void
_sb_text_box_mark_words_now (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  Changes *changes = g_object_get_data (G_OBJECT (buffer), "sb-text-box-changes");

  if (changes != NULL)
    {
      g_clear_handle_id (&changes->source_id, g_source_remove);
      changes->first = G_MAXINT;
      changes->last = -1;
    }
  mark_words (buffer, 0, G_MAXINT);
}
