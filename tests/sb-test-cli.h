/* sb-test-cli.h — running sambot-cli from a test, as a person or a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only: each test program that includes it gets its own copy.
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} SbTestResult;

static inline void
sb_test_result_free (SbTestResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTestResult, sb_test_result_free)

/* Runs @prefix (NULL, or a program that runs the rest, such as unshare) then
 * sambot-cli with @args, in the C.UTF-8 locale, as "Test Operator". */
static inline SbTestResult *
sb_test_cli_run_argv (const char *const *prefix,
                      const char *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("SAMBOT_CLI");
  SbTestResult *result = g_new0 (SbTestResult, 1);

  g_assert_nonnull (cli);
  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) prefix[i]);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "SAMBOT_CAMPAIGN");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "SAMBOT_OPERATOR", "Test Operator", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  result->status = g_subprocess_get_exit_status (process);
  result->out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "",
                           g_bytes_get_size (out));
  result->err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "",
                           g_bytes_get_size (err));
  if (g_test_verbose ())
    g_printerr ("sambot-cli %s → %d\n%s%s", args[0], result->status, result->out, result->err);
  return result;
}

static inline SbTestResult *
sb_test_cli_run_ (const char *first,
                  ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return sb_test_cli_run_argv (NULL, (const char *const *) args->pdata);
}

#define sb_test_cli_run(...) sb_test_cli_run_ (__VA_ARGS__, NULL)

/* A command that must succeed, silently on stderr: its standard output. */
#define sb_test_cli_ok(...) sb_test_cli_ok_ (sb_test_cli_run_ (__VA_ARGS__, NULL))

static inline char *
sb_test_cli_ok_ (SbTestResult *owned)
{
  g_autoptr(SbTestResult) result = owned;

  if (result->status != 0)
    g_printerr ("unexpected failure: %s", result->err);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  return g_steal_pointer (&result->out);
}

/* A refusal as a person sees it: exit 1, one line on stderr that says @words. */
static inline void
sb_test_cli_assert_refused (SbTestResult *result,
                            const char   *words)
{
  g_assert_cmpint (result->status, ==, 1);
  g_assert_true (g_str_has_prefix (result->err, "sambot-cli: "));
  g_assert_nonnull (strstr (result->err, words));
  g_assert_cmpint (strchr (result->err, '\n') - result->err, ==, strlen (result->err) - 1);
}
