/* sb-test-pdf.h — PDFs read back as a person's tools read them (poppler, qpdf)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only: each test program that checks printed documents includes it once.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs @argv; its standard output. With @errors, its standard error too. */
G_GNUC_UNUSED static char *
sb_test_run (const char *const *argv,
             int               *status,
             char             **errors)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH |
                               (errors == NULL ? G_SPAWN_STDERR_TO_DEV_NULL : 0),
                               NULL, NULL, &out, errors, status, &error));
  g_assert_no_error (error);
  return out;
}

/* The text of a PDF exactly as pdftotext gives it. Fails on anything poppler
 * complains about while reading it (a broken font map, a bad stream). */
G_GNUC_UNUSED static char *
sb_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *errors = NULL;
  int status;
  char *text = sb_test_run (argv, &status, &errors);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (*errors != '\0')
    g_error ("pdftotext %s complained:\n%s", path, errors);
  return text;
}

/* The same text with every kind of white space (and ZWSP) removed: for long texts
 * that a layout splits into lines freely. */
G_GNUC_UNUSED static char *
sb_test_pdf_text_packed (const char *path)
{
  g_autofree char *text = sb_test_pdf_text (path);
  GString *packed = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B)
        g_string_append_unichar (packed, c);
    }
  return g_string_free (packed, FALSE);
}

G_GNUC_UNUSED static int
sb_test_pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  int status, pages;
  char *info = sb_test_run (argv, &status, NULL);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  pages = atoi (line + strlen ("Pages:"));
  g_free (info);
  return pages;
}

/* pdffonts' table of the fonts a PDF uses. */
G_GNUC_UNUSED static char *
sb_test_pdf_fonts (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  int status;
  char *fonts = sb_test_run (argv, &status, NULL);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return fonts;
}

/* Every font of the PDF is embedded ("emb" is "yes" on each row of pdffonts), so
 * that the page is the same in every viewer and printer. Returns how many fonts. */
G_GNUC_UNUSED static guint
sb_test_assert_fonts_embedded (const char *path)
{
  g_autofree char *fonts = sb_test_pdf_fonts (path);
  g_auto(GStrv) rows = g_strsplit (fonts, "\n", -1);
  guint n = 0;

  g_assert_true (g_str_has_prefix (rows[0], "name"));
  g_assert_true (g_str_has_prefix (rows[1], "-----"));
  for (guint i = 2; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit_set (g_strstrip (rows[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint c = 0; cells[c] != NULL; c++)
        if (*cells[c] != '\0')
          g_ptr_array_add (words, cells[c]);
      if (words->len == 0)
        continue;
      /* … emb sub uni object ID: "emb" is the fifth from the end. */
      g_assert_cmpuint (words->len, >=, 6);
      if (!g_str_equal (g_ptr_array_index (words, words->len - 5), "yes"))
        g_error ("%s: a font is not embedded:\n%s", path, rows[i]);
      n++;
    }
  return n;
}

G_GNUC_UNUSED static void
sb_test_assert_qpdf_check (const char *path)
{
  const char *argv[] = { "qpdf", "--check", path, NULL };
  int status;
  g_autofree char *out = sb_test_run (argv, &status, NULL);

  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("qpdf --check %s failed:\n%s", path, out);
}

/* SAMBOT_TEST_KEEP=DIR keeps a copy of each PDF, to look at the pages. */
G_GNUC_UNUSED static void
sb_test_keep (const char *path,
              const char *name)
{
  const char *dir = g_getenv ("SAMBOT_TEST_KEEP");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize length;

  if (dir == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return;
  copy = g_build_filename (dir, name, NULL);
  g_strdelimit (copy + strlen (dir) + 1, "/", '-');
  g_file_set_contents (copy, contents, length, NULL);
}
