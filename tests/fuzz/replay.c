/* replay.c — runs a fuzz target without libFuzzer: its seed corpus, then seeded mutations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one tests/fuzz/fuzz-*.c by tests/fuzz/meson.build whatever the compiler
 * (gcc in CI), and registered in the `fuzz` suite, so every build (and the ASan/UBSan
 * pass of build-aux/run-tests.sh) feeds the target the files of its corpus and a few
 * thousand deterministic variations of them: bytes flipped, cut short, bytes and whole
 * chunks inserted, chunks deleted or repeated, bytes a parser treats specially. It finds
 * what a change breaks on inputs near the seeds; it is not coverage-guided: long runs use
 * libFuzzer (-Dfuzzing=true with clang, tests/fuzz/run.sh, docs/testing.md).
 *
 *   fuzz-TARGET-replay CORPUS_DIR|FILE [--mutations N] [--seed S] [--save DIR] [--only I]
 *
 * On a failure the input being tried is written to DIR (the current folder without
 * --save) as crash-TARGET-I; --only I tries that one input again, and so does
 * `fuzz-TARGET-replay DIR/crash-TARGET-I --mutations 0`.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
# define SB_HAVE_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define SB_HAVE_SANITIZER 1
# endif
#endif
#ifdef SB_HAVE_SANITIZER
# include <sanitizer/common_interface_defs.h>
#endif

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The input under test, for the handler that keeps it when the target fails. */
static const guint8 *current_data;
static size_t current_size;
static char crash_path[4096];

static void
keep_current_input (void)
{
  int fd;

  if (current_data == NULL || crash_path[0] == '\0')
    return;
  fd = open (crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0)
    return;
  for (size_t done = 0; done < current_size;)
    {
      ssize_t n = write (fd, current_data + done, current_size - done);

      if (n <= 0)
        break;
      done += (size_t) n;
    }
  close (fd);
  (void) !write (STDERR_FILENO, "input kept in ", 14);
  (void) !write (STDERR_FILENO, crash_path, strlen (crash_path));
  (void) !write (STDERR_FILENO, "\n", 1);
}

static void
on_fatal_signal (int signum)
{
  keep_current_input ();
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Bytes that mean something to a CSV reader, an image decoder or SQLite. */
static const guint8 special_bytes[] = {
  0x00, 0xff, 0x7f, 0x80, 0xc0, 0xef, 0xbb, 0xbf, 0xfe, '"', ',', ';', '\t', '\n', '\r', ' ',
  0xe1, 0x9e, 0x80, /* the first bytes of a Khmer letter */
};

/* Grows, shrinks or alters @input in place, one to four times. */
static void
mutate (GByteArray *input,
        GRand      *rand)
{
  guint rounds = g_rand_int_range (rand, 1, 5);

  for (guint r = 0; r < rounds; r++)
    {
      guint len = input->len;
      guint at = len > 0 ? g_rand_int_range (rand, 0, len) : 0;

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0: /* one bit flipped */
          if (len > 0)
            input->data[at] ^= 1u << g_rand_int_range (rand, 0, 8);
          break;
        case 1: /* a byte replaced by a special one */
          if (len > 0)
            input->data[at] = special_bytes[g_rand_int_range (rand, 0, sizeof special_bytes)];
          break;
        case 2: /* cut short */
          g_byte_array_set_size (input, at);
          break;
        case 3: /* random bytes inserted */
          {
            guint8 bytes[16];
            guint n = g_rand_int_range (rand, 1, sizeof bytes + 1);

            for (guint i = 0; i < n; i++)
              bytes[i] = g_rand_int_range (rand, 0, 256);
            g_array_insert_vals ((GArray *) input, at, bytes, n);
          }
          break;
        case 4: /* special bytes inserted */
          {
            guint n = g_rand_int_range (rand, 1, 5);

            for (guint i = 0; i < n; i++)
              g_array_insert_vals ((GArray *) input, at,
                                   &special_bytes[g_rand_int_range (rand, 0, sizeof special_bytes)], 1);
          }
          break;
        case 5: /* a chunk deleted */
          if (len > 0)
            {
              guint n = g_rand_int_range (rand, 1, 65);

              g_byte_array_remove_range (input, at, MIN (n, len - at));
            }
          break;
        default: /* a chunk repeated */
          if (len > 0 && len < 4 * 1024 * 1024)
            {
              guint n = g_rand_int_range (rand, 1, 257);
              g_autofree guint8 *chunk = NULL;

              n = MIN (n, len - at);
              chunk = g_memdup2 (input->data + at, n);
              g_array_insert_vals ((GArray *) input, at, chunk, n);
            }
          break;
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
run_one (const char   *target,
         const char   *save_dir,
         guint         index,
         const guint8 *data,
         size_t        size)
{
  crash_path[0] = '\0';
  if (save_dir != NULL)
    {
      g_autofree char *name = g_strdup_printf ("crash-%s-%u", target, index);
      g_autofree char *path = g_build_filename (save_dir, name, NULL);

      g_strlcpy (crash_path, path, sizeof crash_path);
    }
  current_data = data;
  current_size = size;
  LLVMFuzzerTestOneInput (data, size);
  current_data = NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *target = NULL;
  g_autofree char *save_dir = NULL;
  gint mutations = 3000;
  gint64 seed = 20161010;
  gint only = -1;
  const char *name;
  gint64 start = g_get_monotonic_time ();
  GOptionEntry entries[] = {
    { "mutations", 0, 0, G_OPTION_ARG_INT, &mutations, "Variations tried after the corpus", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the variations", "S" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save_dir, "Folder for an input that fails", "DIR" },
    { "only", 0, 0, G_OPTION_ARG_INT, &only, "Try input I alone (as numbered on failure)", "I" },
    { NULL },
  };

  context = g_option_context_new ("CORPUS_DIR|FILE");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: CORPUS_DIR|FILE [options]");
      return 2;
    }
  /* fuzz-csv-reader-replay → csv-reader */
  target = g_path_get_basename (argv[0]);
  if (g_str_has_prefix (target, "fuzz-"))
    memmove (target, target + 5, strlen (target + 5) + 1);
  if (g_str_has_suffix (target, "-replay"))
    target[strlen (target) - 7] = '\0';

  if (save_dir == NULL)
    save_dir = g_get_current_dir ();
  /* A folder of seeds, or one file (an input kept from a failure). */
  if (g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (argv[1], 0, &error);

      if (dir == NULL)
        {
          g_printerr ("The corpus could not be read: %s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[1], name, NULL));
    }
  else
    {
      /* One input, already kept: nothing more to keep. */
      g_ptr_array_add (names, g_strdup (argv[1]));
      g_clear_pointer (&save_dir, g_free);
    }
  /* The same order on every machine, so that input I is the same input everywhere. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_ptr_array_add (seeds, g_bytes_new_take (contents, length));
    }
  if (seeds->len == 0)
    {
      g_printerr ("The corpus %s is empty.\n", argv[1]);
      return 1;
    }

  signal (SIGABRT, on_fatal_signal);
  signal (SIGSEGV, on_fatal_signal);
  signal (SIGBUS, on_fatal_signal);
  signal (SIGFPE, on_fatal_signal);
#ifdef SB_HAVE_SANITIZER
  __sanitizer_set_death_callback (keep_current_input);
#endif

  /* Inputs 0 … seeds-1 are the seeds as they are; then the variations. */
  for (guint i = 0; i < seeds->len; i++)
    if (only < 0 || (guint) only == i)
      {
        gsize size;
        const guint8 *data = g_bytes_get_data (g_ptr_array_index (seeds, i), &size);

        run_one (target, save_dir, i, data, size);
      }

  rand = g_rand_new_with_seed ((guint32) seed);
  for (gint m = 0; m < mutations; m++)
    {
      guint index = seeds->len + m;
      GBytes *from = g_ptr_array_index (seeds, m % seeds->len);
      g_autoptr(GByteArray) input = g_byte_array_new ();
      gsize size;
      const guint8 *data = g_bytes_get_data (from, &size);

      /* Every variation is made, tried or not, so that --only I gives input I. */
      g_byte_array_append (input, data, size);
      mutate (input, rand);
      if (only < 0 || (guint) only == index)
        run_one (target, save_dir, index, input->data, input->len);
    }

  g_print ("%s: %u seeds and %d variations (seed %" G_GINT64_FORMAT ") in %.1f s, no failure\n",
           target, seeds->len, mutations, seed,
           (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
