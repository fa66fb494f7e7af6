/* sb-catalog.c — reading a compiled gettext catalogue (.mo) directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libintl.h>
#include <string.h>

#include "sb-catalog.h"

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

struct _SbCatalog
{
  GMappedFile *file;
  GHashTable  *translations;   /* msgid (first form) → msgstr (first form), into file */
};

/* Catalogues already looked for, by "domain/lang"; a language without one is kept
 * as NULL so it is not looked for again. Never freed: there are a handful. */
static GMutex catalogs_lock;
static GHashTable *catalogs;

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

static gboolean
read_string (const guint8 *data,
             gsize         size,
             gsize         entry,
             gboolean      swapped,
             const char  **string)
{
  guint32 length, offset;

  if (entry + 8 > size)
    return FALSE;
  length = read_u32 (data, entry, swapped);
  offset = read_u32 (data, entry + 4, swapped);
  if ((gsize) offset + length + 1 > size || data[offset + length] != '\0')
    return FALSE;
  *string = (const char *) data + offset;
  return TRUE;
}

/**
 * sb_catalog_load:
 * @path: a .mo file
 *
 * Returns: (transfer full): the catalogue, or %NULL with @error set if it cannot be
 *   read or is not a catalogue
 */
SbCatalog *
sb_catalog_load (const char  *path,
                 GError     **error)
{
  g_autoptr(SbCatalog) self = g_new0 (SbCatalog, 1);
  const guint8 *data;
  gsize size;
  guint32 magic, n_strings, originals, translations;
  gboolean swapped;

  g_return_val_if_fail (path != NULL, NULL);

  self->file = g_mapped_file_new (path, FALSE, error);
  if (self->file == NULL)
    return NULL;
  self->translations = g_hash_table_new (g_str_hash, g_str_equal);

  data = (const guint8 *) g_mapped_file_get_contents (self->file);
  size = g_mapped_file_get_length (self->file);
  magic = size >= 20 ? read_u32 (data, 0, FALSE) : 0;
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    goto corrupt;
  swapped = magic == MO_MAGIC_SWAPPED;
  n_strings = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if (n_strings > size / 8)
    goto corrupt;

  for (guint32 i = 0; i < n_strings; i++)
    {
      const char *msgid, *msgstr;

      if (!read_string (data, size, (gsize) originals + 8 * (gsize) i, swapped, &msgid) ||
          !read_string (data, size, (gsize) translations + 8 * (gsize) i, swapped, &msgstr))
        goto corrupt;
      /* The header (empty msgid) and untranslated entries answer nothing. Plural
       * entries keep their first form: enough for Khmer, which has one. */
      if (*msgid != '\0' && *msgstr != '\0' && g_utf8_validate (msgstr, -1, NULL))
        g_hash_table_insert (self->translations, (char *) msgid, (char *) msgstr);
    }
  return g_steal_pointer (&self);

corrupt:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               _("“%s” is not a translation catalogue"), path);
  return NULL;
}

/* Does @dir hold @domain's catalogue for one of the languages Sambot ships? */
static gboolean
has_catalogues (const char *dir,
                const char *domain)
{
  g_auto(GStrv) languages = g_strsplit (LINGUAS, " ", -1);
  g_autofree char *file_name = g_strconcat (domain, ".mo", NULL);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (languages[i][0] == '\0')
        continue;
      path = g_build_filename (dir, languages[i], "LC_MESSAGES", file_name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/* Where the catalogues may be, best first, for a program at @exe_dir. */
static GPtrArray *
candidate_folders (const char *exe_dir)
{
  GPtrArray *folders = g_ptr_array_new_with_free_func (g_free);
  const char *suffix = G_DIR_SEPARATOR_S BINDIR_IN_PREFIX;

  if (exe_dir != NULL)
    {
      g_autofree char *dir = g_strdup (exe_dir);

      /* Installed: PREFIX/bin/sambot-cli → PREFIX/share/locale, wherever PREFIX is
       * now (an install with DESTDIR, a moved folder). */
      if (!g_path_is_absolute (BINDIR_IN_PREFIX) && !g_path_is_absolute (LOCALEDIR_IN_PREFIX)
          && g_str_has_suffix (exe_dir, suffix))
        {
          g_autofree char *prefix = g_strndup (exe_dir, strlen (exe_dir) - strlen (suffix));

          g_ptr_array_add (folders, g_build_filename (prefix, LOCALEDIR_IN_PREFIX, NULL));
        }

      /* Built: the nearest folder above with a build.ninja is the build tree, where
       * meson's i18n writes po/LANG/LC_MESSAGES/sambot.mo. */
      for (guint level = 0; level < 4 && dir != NULL; level++)
        {
          g_autofree char *ninja = g_build_filename (dir, "build.ninja", NULL);
          char *parent;

          if (g_file_test (ninja, G_FILE_TEST_IS_REGULAR))
            {
              g_ptr_array_add (folders, g_build_filename (dir, "po", NULL));
              break;
            }
          parent = g_path_get_dirname (dir);
          if (g_str_equal (parent, dir))
            g_clear_pointer (&parent, g_free);
          g_free (dir);
          dir = parent;
        }
    }
  g_ptr_array_add (folders, g_strdup (LOCALEDIR));
  return folders;
}

/**
 * sb_catalog_bind_program:
 * @domain: the program's own gettext domain (GETTEXT_PACKAGE)
 *
 * Binds @domain (bindtextdomain(), UTF-8) to the folder that holds the program's
 * catalogues, wherever it was installed or built: $SAMBOT_LOCALEDIR when set; else
 * the installed layout around the executable (PREFIX/bin → PREFIX/share/locale);
 * else the build tree the executable is in (BUILDDIR/po); else the configured
 * LOCALEDIR. Call it once, in main(), after setlocale().
 *
 * Returns: (transfer full) (nullable): the folder bound, or %NULL if none of them
 *   holds a catalogue (then @domain is bound to LOCALEDIR and speaks English)
 */
char *
sb_catalog_bind_program (const char *domain)
{
  const char *forced = g_getenv ("SAMBOT_LOCALEDIR");
  g_autofree char *exe = NULL;
  g_autofree char *exe_dir = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  char *found = NULL;

  g_return_val_if_fail (domain != NULL, NULL);

  if (forced != NULL && forced[0] != '\0')
    found = g_strdup (forced);
  else
    {
      exe = g_file_read_link ("/proc/self/exe", NULL);
      if (exe != NULL)
        exe_dir = g_path_get_dirname (exe);
      folders = candidate_folders (exe_dir);
      for (guint i = 0; i < folders->len && found == NULL; i++)
        if (has_catalogues (g_ptr_array_index (folders, i), domain))
          found = g_strdup (g_ptr_array_index (folders, i));
    }

  bindtextdomain (domain, found != NULL ? found : LOCALEDIR);
  bind_textdomain_codeset (domain, "UTF-8");
  return found;
}

/**
 * sb_catalog_get:
 * @domain: a gettext domain: "sambot", "iso_3166-1"…
 * @lang: a language code: "km"
 *
 * Finds the catalogue of @domain for @lang in the folder the program bound @domain
 * to (bindtextdomain()), or the system's locale folder. Thread-safe; the result is
 * kept for the life of the program.
 *
 * Returns: (transfer none) (nullable): the catalogue, or %NULL if there is none
 */
SbCatalog *
sb_catalog_get (const char *domain,
                const char *lang)
{
  g_autofree char *key = NULL;
  SbCatalog *catalog = NULL;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  key = g_strconcat (domain, "/", lang, NULL);
  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (catalogs, key, NULL, (gpointer *) &catalog))
    {
      /* An unbound domain answers gettext's own default folder. */
      const char *dir = bindtextdomain (domain, NULL);
      g_autofree char *file_name = g_strconcat (domain, ".mo", NULL);

      if (dir != NULL)
        {
          g_autofree char *path = g_build_filename (dir, lang, "LC_MESSAGES", file_name, NULL);

          catalog = sb_catalog_load (path, NULL);
        }
      g_hash_table_insert (catalogs, g_steal_pointer (&key), catalog);
    }
  g_mutex_unlock (&catalogs_lock);
  return catalog;
}

/**
 * sb_catalog_lookup:
 * @self: (nullable): a catalogue
 *
 * Returns: (transfer none): the translation of @msgid, or @msgid itself
 */
const char *
sb_catalog_lookup (SbCatalog  *self,
                   const char *msgid)
{
  const char *msgstr;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (self == NULL)
    return msgid;
  msgstr = g_hash_table_lookup (self->translations, msgid);
  return msgstr ? msgstr : msgid;
}

/**
 * sb_catalog_pgettext:
 * @self: (nullable): a catalogue
 *
 * Like pgettext(): the translation of @msgid in @context, or @msgid itself.
 */
const char *
sb_catalog_pgettext (SbCatalog  *self,
                     const char *context,
                     const char *msgid)
{
  g_autofree char *key = NULL;
  const char *msgstr;

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  if (self == NULL)
    return msgid;
  key = g_strconcat (context, "\004", msgid, NULL);
  msgstr = g_hash_table_lookup (self->translations, key);
  return msgstr ? msgstr : msgid;
}

void
sb_catalog_free (SbCatalog *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->translations, g_hash_table_unref);
  g_clear_pointer (&self->file, g_mapped_file_unref);
  g_free (self);
}
