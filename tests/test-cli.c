/* test-cli.c — sambot-cli as a person or a script uses it: output, exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define ONE_MB (1024 * 1024)

/* Messages that came in before the campaign's as-of day (2016-10-10) count in its
 * figures; later ones (today, by default) do not. */
#define MESSAGE_ADD "message", "add", "--received-on", "2016-09-01"

typedef struct
{
  char *dir;
  char *campaign;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

/* ================================================================ helpers */

static void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static const char *
cli_path (void)
{
  const char *path = g_getenv ("SAMBOT_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs sambot-cli with @args (NULL-terminated), @input on its standard input. */
static Result *
run_argv (const char *const *args,
          const char        *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "SAMBOT_CAMPAIGN");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "SAMBOT_OPERATOR", "Test Operator", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  stdin_bytes = g_bytes_new (input != NULL ? input : "", input != NULL ? strlen (input) : 0);
  g_subprocess_communicate (process, stdin_bytes, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  result->status = g_subprocess_get_exit_status (process);
  result->out = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "",
                           g_bytes_get_size (out));
  result->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "",
                           g_bytes_get_size (err));
  if (g_test_verbose ())
    g_printerr ("sambot-cli %s → %d\n%s%s", args[0], result->status, result->out, result->err);
  return result;
}

static Result *
run (const char *first,
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

  return run_argv ((const char *const *) args->pdata, NULL);
}

/* Runs a command that must succeed, and gives its standard output. */
#define run_ok(...) run_ok_ (__VA_ARGS__, NULL)

static char *
run_ok_ (const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Result) result = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  result = run_argv ((const char *const *) args->pdata, NULL);
  if (result->status != 0)
    g_printerr ("unexpected failure of %s: %s", first, result->err);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  return g_steal_pointer (&result->out);
}

/* A refusal as a person sees it: the status, one line on stderr, nothing on stdout. */
static void
assert_refused (const Result *result,
                int           status,
                const char   *contains)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "sambot-cli: "));
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
  if (contains != NULL && strstr (result->err, contains) == NULL)
    g_error ("“%s” does not say “%s”", result->err, contains);
  if (status == 2)
    g_assert_nonnull (strstr (result->err, "--help"));
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
run_json_ (const char *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Result) result = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, "--json");
  g_ptr_array_add (args, NULL);

  result = run_argv ((const char *const *) args->pdata, NULL);
  g_assert_cmpint (result->status, ==, 0);
  return parse_json (result->out);
}

#define run_json(...) run_json_ (__VA_ARGS__, NULL)

static gint64
member_int (JsonNode   *node,
            const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, ".", -1);
  JsonObject *object = json_node_get_object (node);

  for (guint i = 0; names[i + 1] != NULL; i++)
    object = json_object_get_object_member (object, names[i]);
  return json_object_get_int_member (object, names[g_strv_length (names) - 1]);
}

static const char *
member_string (JsonNode   *node,
               const char *name)
{
  return json_object_get_string_member (json_node_get_object (node), name);
}

static guint
array_length (JsonNode *node)
{
  return json_array_get_length (json_node_get_array (node));
}

static JsonNode *
array_element (JsonNode *node,
               guint     index)
{
  return json_array_get_element (json_node_get_array (node), index);
}

/* The terminal column where @needle starts in @line. */
static gsize
display_column (const char *line,
                const char *needle)
{
  const char *end = strstr (line, needle);
  gsize column = 0;

  g_assert_nonnull (end);
  for (const char *p = line; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        column += g_unichar_iswide (c) ? 2 : 1;
    }
  return column;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* A campaign with a facility, two detainees and an office. */
static void
populate (Fixture *f)
{
  g_free (run_ok ("init", f->campaign, "--name", "#Freethe5KH solidarity", "--office-code", "PP",
                  "--launch-date", "2016-08-08"));
  g_free (run_ok ("--campaign", f->campaign, "settings", "set", "as-of", "2016-10-10"));
  g_free (run_ok ("--campaign", f->campaign, "facility", "add", "--code", "PS",
                  "--name", "Prey Sar prison (CC1)", "--name-km", "ពន្ធនាគារព្រៃស",
                  "--kind", "prison", "--items-per-batch", "50"));
  g_free (run_ok ("--campaign", f->campaign, "detainee", "add", "--name", "Ny Sokha",
                  "--name-km", "នី សុខា", "--role", "ADHOC", "--facility", "PS",
                  "--detained-on", "2016-04-28"));
  g_free (run_ok ("--campaign", f->campaign, "detainee", "add", "--name", "Yi Soksan",
                  "--name-km", "យី សុខសាន្ត", "--role", "ADHOC", "--facility", "PS",
                  "--detained-on", "2016-04-28"));
  g_free (run_ok ("--campaign", f->campaign, "office", "add", "--code", "PP",
                  "--name", "ADHOC Phnom Penh", "--city", "Phnom Penh"));
}

/* The campaign's figures, to show that a refused command wrote nothing. */
static char *
snapshot (Fixture *f)
{
  g_autofree char *stats = run_ok ("--campaign", f->campaign, "stats", "--json");
  g_autofree char *detainees = run_ok ("--campaign", f->campaign, "detainee", "list", "--json");
  g_autofree char *messages = run_ok ("--campaign", f->campaign, "message", "list", "--json");

  return g_strconcat (stats, detainees, messages, NULL);
}

/* The populated campaign is made once, then copied for each test that wants it. */
static char *template_dir;

static void
copy_files (const char *from,
            const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GFile) source = g_file_new_build_filename (from, name, NULL);
      g_autoptr(GFile) destination = g_file_new_build_filename (to, name, NULL);
      g_autoptr(GError) error = NULL;

      g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sambot-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->campaign = g_build_filename (f->dir, "test.sambot", NULL);
  if (data == NULL)
    return;

  if (template_dir == NULL)
    {
      Fixture template = { 0 };

      template.dir = g_dir_make_tmp ("sambot-cli-template-XXXXXX", &error);
      g_assert_no_error (error);
      template.campaign = g_build_filename (template.dir, "test.sambot", NULL);
      populate (&template);
      template_dir = template.dir;
      g_free (template.campaign);
    }
  copy_files (template_dir, f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_dir (f->dir);
  g_free (f->campaign);
  g_free (f->dir);
}

/* ================================================================== usage */

static void
test_help (void)
{
  g_autofree char *top = run_ok ("--help");
  g_autofree char *message_add = run_ok ("message", "add", "--help");
  g_autofree char *group = run_ok ("message", "--help");
  g_autofree char *version = run_ok ("--version");

  g_assert_nonnull (strstr (top, "Commands:"));
  g_assert_nonnull (strstr (top, "message add"));
  g_assert_nonnull (strstr (message_add, "--text"));
  g_assert_nonnull (strstr (message_add, "--campaign"));
  g_assert_nonnull (strstr (group, "search"));
  g_assert_true (g_str_has_prefix (version, "sambot-cli "));
}

static void
test_unknown_command (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Result) top = run ("--campaign", f->campaign, "frobnicate", NULL);
  g_autoptr(Result) sub = run ("--campaign", f->campaign, "message", "frobnicate", NULL);
  g_autoptr(Result) none = run (NULL);
  g_autoptr(Result) option = run ("--campaign", f->campaign, "stats", "--frobnicate", NULL);

  assert_refused (top, 2, "frobnicate");
  assert_refused (sub, 2, "frobnicate");
  assert_refused (none, 2, NULL);
  assert_refused (option, 2, "--frobnicate");
}

static void
test_missing_campaign (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Result) stats = run ("stats", NULL);
  g_autoptr(Result) add = run ("detainee", "add", "--name", "Ny Sokha", NULL);
  g_autoptr(Result) no_name = run ("--campaign", f->campaign, "detainee", "add", NULL);

  assert_refused (stats, 2, "--campaign");
  assert_refused (add, 2, "--campaign");
  assert_refused (no_name, 2, "--name");
}

/* ============================================================ operations */

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) messages = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) detainee = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(Result) refused = NULL;
  g_autofree char *added = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *list = NULL;
  JsonNode *copies;

  added = run_ok ("--campaign", f->campaign, "message", "add",
                  "--text", "Stay strong, the world has not forgotten you.",
                  "--sender", "Anna", "--city", "Lyon", "--country", "FR", "--office", "PP",
                  "--received-on", "2016-09-01", "--to", "Ny Sokha", "--to", "យី សុខសាន្ត");
  g_assert_cmpstr (added, ==, "Added message PP-0001\n");

  messages = run_json ("--campaign", f->campaign, "message", "list");
  g_assert_cmpuint (array_length (messages), ==, 1);
  g_assert_cmpstr (member_string (array_element (messages, 0), "ref"), ==, "PP-0001");
  g_assert_cmpstr (member_string (array_element (messages, 0), "status"), ==, "new");
  g_assert_cmpstr (member_string (array_element (messages, 0), "language"), ==, "en");
  g_assert_cmpstr (member_string (array_element (messages, 0), "office"), ==, "PP");

  shown = run_json ("--campaign", f->campaign, "message", "show", "PP-0001");
  copies = json_object_get_member (json_node_get_object (shown), "copies");
  g_assert_cmpuint (array_length (copies), ==, 2);
  g_assert_cmpstr (member_string (array_element (copies, 0), "state"), ==, "pending");

  before = run_json ("--campaign", f->campaign, "stats");
  g_assert_cmpstr (member_string (before, "as_of"), ==, "2016-10-10");
  g_assert_cmpint (member_int (before, "campaign_day"), ==, 63);
  g_assert_cmpint (member_int (before, "messages_received"), ==, 1);
  g_assert_cmpint (member_int (before, "messages_sent"), ==, 1);
  g_assert_cmpint (member_int (before, "messages_delivered"), ==, 0);
  g_assert_cmpint (member_int (before, "copies.pending"), ==, 2);
  g_assert_cmpint (member_int (before, "copies.waiting"), ==, 0);

  /* English without a Khmer translation: refused unless the reviewer says so. */
  refused = run ("--campaign", f->campaign, "approve", "PP-0001", NULL);
  assert_refused (refused, 1, "Khmer translation");
  list = run_ok ("--campaign", f->campaign, "message", "list", "--status", "approved");
  g_assert_cmpstr (list, ==, "No messages.\n");

  approved = run_ok ("--campaign", f->campaign, "approve", "PP-0001",
                     "--translation-km", "សូមរឹងមាំ ពិភពលោកមិនបានភ្លេចអ្នកទេ។");
  g_assert_cmpstr (approved, ==, "Approved PP-0001\n");

  after = run_json ("--campaign", f->campaign, "stats");
  g_assert_cmpint (member_int (after, "messages_sent"), ==, 1);
  g_assert_cmpint (member_int (after, "messages_waiting"), ==, 1);
  g_assert_cmpint (member_int (after, "copies.pending"), ==, 0);
  g_assert_cmpint (member_int (after, "copies.waiting"), ==, 2);

  /* A detainee found by their Khmer name, with their figures. */
  detainee = run_json ("--campaign", f->campaign, "detainee", "show", "នី សុខា");
  g_assert_cmpstr (member_string (detainee, "name"), ==, "Ny Sokha");
  g_assert_cmpstr (member_string (detainee, "facility"), ==, "PS");
  g_assert_cmpint (member_int (detainee, "days_detained"), ==, 165);
  g_assert_cmpint (member_int (detainee, "messages"), ==, 1);

  /* The history says who approved it. */
  history = run_json ("--campaign", f->campaign, "history", "PP-0001");
  g_assert_cmpuint (array_length (history), >=, 2);
  for (guint i = 0; i < array_length (history); i++)
    {
      JsonNode *entry = array_element (history, i);

      g_assert_cmpstr (member_string (entry, "operator"), ==, "Test Operator");
      if (g_strcmp0 (member_string (entry, "field"), "status") == 0)
        g_assert_cmpstr (member_string (entry, "after"), ==, "approved");
    }
  /* As a table, in words: no field names from the database. */
  {
    g_autofree char *table = run_ok ("--campaign", f->campaign, "history", "PP-0001");

    g_assert_nonnull (strstr (table, "Khmer translation: “” → “សូមរឹងមាំ"));
    g_assert_null (strstr (table, "translation_km"));
  }
}

static void
test_approve_without_translation (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autofree char *khmer = NULL;
  g_autofree char *approved_km = NULL;
  g_autofree char *approved_en = NULL;

  /* A Khmer message needs no translation to be approved. */
  g_free (run_ok ("--campaign", f->campaign, MESSAGE_ADD, "--text", "សូមរឹងមាំ",
                  "--to-all"));
  approved_km = run_ok ("--campaign", f->campaign, "approve", "PP-0001");
  g_assert_cmpstr (approved_km, ==, "Approved PP-0001\n");

  g_free (run_ok ("--campaign", f->campaign, MESSAGE_ADD, "--text", "Courage!",
                  "--language", "fr", "--to", "Yi Soksan"));
  approved_en = run_ok ("--campaign", f->campaign, "approve", "PP-0002", "--without-translation");
  g_assert_cmpstr (approved_en, ==, "Approved PP-0002\n");

  stats = run_json ("--campaign", f->campaign, "stats");
  g_assert_cmpint (member_int (stats, "messages_approved"), ==, 2);
  g_assert_cmpint (member_int (stats, "copies.waiting"), ==, 3);
  khmer = run_ok ("--campaign", f->campaign, "message", "search", "រឹងមាំ");
  g_assert_nonnull (strstr (khmer, "PP-0001"));
  g_assert_null (strstr (khmer, "PP-0002"));
}

static void
test_assign (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) two = NULL;
  g_autoptr(JsonNode) one = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autofree char *assigned = NULL;
  JsonNode *copies;

  g_free (run_ok ("--campaign", f->campaign, MESSAGE_ADD, "--text", "Solidarity from Geneva"));

  assigned = run_ok ("--campaign", f->campaign, "assign", "PP-0001",
                     "--to", "Ny Sokha", "--to", "យី សុខសាន្ត");
  g_assert_cmpstr (assigned, ==, "PP-0001 is for Ny Sokha, Yi Soksan\n");

  two = run_json ("--campaign", f->campaign, "message", "show", "PP-0001");
  copies = json_object_get_member (json_node_get_object (two), "copies");
  g_assert_cmpuint (array_length (copies), ==, 2);
  g_assert_cmpstr (member_string (array_element (copies, 0), "detainee"), !=,
                   member_string (array_element (copies, 1), "detainee"));

  stats = run_json ("--campaign", f->campaign, "stats");
  g_assert_cmpint (member_int (array_element (json_object_get_member (json_node_get_object (stats),
                                                                      "detainees"), 0),
                               "messages"), ==, 1);

  /* Assigning again sets the addressees: now only one copy. */
  g_free (run_ok ("--campaign", f->campaign, "assign", "PP-0001", "--to", "Yi Soksan"));
  one = run_json ("--campaign", f->campaign, "message", "show", "PP-0001");
  copies = json_object_get_member (json_node_get_object (one), "copies");
  g_assert_cmpuint (array_length (copies), ==, 1);
  g_assert_cmpstr (member_string (array_element (copies, 0), "detainee"), ==, "Yi Soksan");

  unknown = run ("--campaign", f->campaign, "assign", "PP-0001", "--to", "Nobody", NULL);
  assert_refused (unknown, 1, "Nobody");
}

static void
test_hold (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(Result) no_reason = NULL;
  g_autofree char *held = NULL;

  g_free (run_ok ("--campaign", f->campaign, MESSAGE_ADD, "--text", "សូមរឹងមាំ", "--to-all"));
  g_free (run_ok ("--campaign", f->campaign, MESSAGE_ADD, "--text", "ជាមួយអ្នក", "--to-all"));
  g_free (run_ok ("--campaign", f->campaign, "approve", "PP-0001"));
  before = run_json ("--campaign", f->campaign, "stats");
  g_assert_cmpint (member_int (before, "messages_sent"), ==, 2);
  g_assert_cmpint (member_int (before, "messages_held"), ==, 0);

  no_reason = run ("--campaign", f->campaign, "hold", "PP-0001", NULL);
  assert_refused (no_reason, 2, "--reason");

  held = run_ok ("--campaign", f->campaign, "hold", "PP-0001", "--reason", "Names a guard");
  g_assert_cmpstr (held, ==, "Held PP-0001: Names a guard\n");

  shown = run_json ("--campaign", f->campaign, "message", "show", "PP-0001");
  g_assert_cmpstr (member_string (shown, "status"), ==, "held");
  g_assert_cmpstr (member_string (shown, "hold_reason"), ==, "Names a guard");

  after = run_json ("--campaign", f->campaign, "stats");
  g_assert_cmpint (member_int (after, "messages_received"), ==, 2);
  g_assert_cmpint (member_int (after, "messages_sent"), ==, 1);
  g_assert_cmpint (member_int (after, "messages_held"), ==, 1);
  g_assert_cmpint (member_int (after, "copies.waiting"), ==, 0);
  g_assert_cmpint (member_int (after, "copies.pending"), ==, 4);
}

static void
test_plain_output (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *detainees = run_ok ("--campaign", f->campaign, "detainee", "list");
  g_autofree char *stats = run_ok ("--campaign", f->campaign, "stats");
  g_auto(GStrv) lines = g_strsplit (detainees, "\n", -1);

  /* Columns line up, Khmer names or not. */
  g_assert_true (g_str_has_prefix (lines[0], "Name"));
  g_assert_true (g_str_has_prefix (lines[1], "Ny Sokha"));
  g_assert_cmpuint (display_column (lines[0], "Detained on"), ==,
                    display_column (lines[1], "2016-04-28"));
  g_assert_cmpuint (display_column (lines[1], "2016-04-28"), ==,
                    display_column (lines[2], "2016-04-28"));
  g_assert_cmpuint (display_column (lines[1], "PS"), ==, display_column (lines[2], "PS"));
  g_assert_nonnull (strstr (stats, "day 63 of the campaign"));
  g_assert_nonnull (strstr (stats, "Messages sent:"));
}

/* ============================================================= bad input */

static void
test_unknown_ref (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Result) show = run ("--campaign", f->campaign, "message", "show", "PP-9999", NULL);
  g_autoptr(Result) approve = run ("--campaign", f->campaign, "approve", "PP-9999", NULL);
  g_autoptr(Result) detainee = run ("--campaign", f->campaign, "detainee", "show", "Nobody", NULL);
  g_autoptr(Result) facility = run ("--campaign", f->campaign, "detainee", "add", "--name", "X",
                                    "--facility", "NOPE", NULL);

  assert_refused (show, 1, "PP-9999");
  assert_refused (approve, 1, "PP-9999");
  assert_refused (detainee, 1, "Nobody");
  assert_refused (facility, 1, "NOPE");
}

static void
test_bad_date (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autoptr(Result) detainee = run ("--campaign", f->campaign, "detainee", "add",
                                    "--name", "Nay Vanda", "--detained-on", "2016-13-45", NULL);
  g_autoptr(Result) message = run ("--campaign", f->campaign, "message", "add", "--text", "Hi",
                                   "--received-on", "2016-13-45", NULL);
  g_autoptr(Result) stats = run ("--campaign", f->campaign, "stats", "--as-of", "2016-13-45", NULL);

  assert_refused (detainee, 1, "2016-13-45");
  assert_refused (message, 1, "2016-13-45");
  assert_refused (stats, 1, "2016-13-45");
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_released_before_detained (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autoptr(Result) add = run ("--campaign", f->campaign, "detainee", "add", "--name", "Nay Vanda",
                               "--detained-on", "2016-04-28", "--released-on", "2016-01-01", NULL);
  g_autoptr(Result) edit = run ("--campaign", f->campaign, "detainee", "edit", "Ny Sokha",
                                "--released-on", "2016-01-01", NULL);

  assert_refused (add, 1, NULL);
  assert_refused (edit, 1, NULL);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_invalid_utf8 (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *file = g_build_filename (f->dir, "latin1.txt", NULL);
  g_autoptr(Result) text = run ("--campaign", f->campaign, MESSAGE_ADD,
                                "--text", "Courage \xe0 vous \xff", NULL);
  g_autoptr(Result) name = run ("--campaign", f->campaign, "detainee", "add",
                                "--name", "Ny \xc3\x28Sokha", NULL);
  g_autoptr(Result) from_file = NULL;

  g_assert_true (g_file_set_contents (file, "Courage \xe0 vous", -1, NULL));
  from_file = run ("--campaign", f->campaign, MESSAGE_ADD, "--text-file", file, NULL);

  assert_refused (text, 1, "UTF-8");
  assert_refused (name, 1, "UTF-8");
  assert_refused (from_file, 1, "UTF-8");
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_huge_text (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *file = g_build_filename (f->dir, "huge.txt", NULL);
  g_autofree char *huge = g_strnfill (ONE_MB, 'a');
  /* The kernel refuses one argument over 128 KB: a 1 MB text comes in a file or on
   * standard input; on the command line, as much as fits. */
  g_autofree char *long_arg = g_strnfill (120 * 1024, 'a');
  const char *stdin_args[] = { "--campaign", f->campaign, MESSAGE_ADD, "--text-file", "-",
                               NULL };
  g_autoptr(Result) from_file = NULL;
  g_autoptr(Result) from_stdin = NULL;
  g_autoptr(Result) from_arg = NULL;

  g_assert_true (g_file_set_contents (file, huge, -1, NULL));
  from_file = run ("--campaign", f->campaign, MESSAGE_ADD, "--text-file", file, NULL);
  from_stdin = run_argv (stdin_args, huge);
  from_arg = run ("--campaign", f->campaign, MESSAGE_ADD, "--text", long_arg, NULL);

  assert_refused (from_file, 1, "too long");
  assert_refused (from_stdin, 1, "too long");
  assert_refused (from_arg, 1, "too long");
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_campaign (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "hello.sambot", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(Result) stats = NULL;
  g_autoptr(Result) add = NULL;

  g_assert_true (g_file_set_contents (path, "hello", -1, NULL));
  stats = run ("--campaign", path, "stats", NULL);
  add = run ("--campaign", path, "detainee", "add", "--name", "Ny Sokha", NULL);

  assert_refused (stats, 1, "not a Sambot campaign");
  assert_refused (add, 1, "not a Sambot campaign");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "hello");
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

/* ================================================================== demo */

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) stats = NULL;
  g_autofree char *created = run_ok ("demo", f->campaign);
  JsonNode *detainees;

  g_assert_nonnull (strstr (created, f->campaign));
  stats = run_json ("--campaign", f->campaign, "stats");
  g_assert_cmpstr (member_string (stats, "as_of"), ==, "2016-10-10");
  g_assert_cmpint (member_int (stats, "messages_sent"), ==, 469);
  g_assert_cmpint (member_int (stats, "messages_delivered"), ==, 195);

  detainees = json_object_get_member (json_node_get_object (stats), "detainees");
  g_assert_cmpuint (array_length (detainees), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonNode *detainee = array_element (detainees, i);

      g_assert_cmpint (member_int (detainee, "days_detained"), ==, 165);
      g_assert_cmpstr (member_string (detainee, "name_km"), !=, "");
    }
}

/* The demo's paper trail: its batches list as JSON, and the digest printed on a sealed
 * batch's manifest verifies against the campaign. */
static void
test_demo_batches (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *created = run_ok ("demo", f->campaign);
  g_autoptr(JsonNode) batches = run_json ("--campaign", f->campaign, "batch", "list");
  g_autoptr(Result) wrong = NULL;
  const char *code = NULL;
  const char *digest = NULL;
  guint drafts = 0;

  g_assert_cmpuint (array_length (batches), >=, 10);
  for (guint i = 0; i < array_length (batches); i++)
    {
      JsonNode *batch = array_element (batches, i);

      if (g_strcmp0 (member_string (batch, "state"), "draft") == 0)
        drafts++;
      else if (code == NULL)
        {
          code = member_string (batch, "code");
          digest = member_string (batch, "digest");
        }
    }
  g_assert_cmpuint (drafts, ==, 1);
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (digest), ==, 64);

  g_free (run_ok ("--campaign", f->campaign, "verify-manifest", code, digest));
  wrong = run ("--campaign", f->campaign, "verify-manifest", code,
               "0000000000000000000000000000000000000000000000000000000000000000", NULL);
  g_assert_cmpint (wrong->status, ==, 1);
}

/* The coordinator enters a trial date; it is listed, and a bad date is refused. */
static void
test_milestones (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *added = run_ok ("--campaign", f->campaign, "milestone", "add",
                                   "--day", "2016-09-29", "--label", "Trial hearing",
                                   "--label-km", "សវនាការ");
  g_autoptr(JsonNode) milestones = run_json ("--campaign", f->campaign, "milestone", "list");
  g_autoptr(Result) bad = run ("--campaign", f->campaign, "milestone", "add",
                               "--day", "2016-02-30", "--label", "Nope", NULL);
  g_autoptr(JsonNode) after = NULL;

  g_assert_cmpuint (array_length (milestones), ==, 1);
  g_assert_cmpstr (member_string (array_element (milestones, 0), "day"), ==, "2016-09-29");
  g_assert_cmpstr (member_string (array_element (milestones, 0), "label_km"), ==, "សវនាការ");
  g_assert_cmpint (bad->status, ==, 1);
  g_assert_nonnull (strstr (bad->err, "2016-02-30"));

  g_free (run_ok ("--campaign", f->campaign, "milestone", "remove",
                  member_string (array_element (milestones, 0), "id")));
  after = run_json ("--campaign", f->campaign, "milestone", "list");
  g_assert_cmpuint (array_length (after), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, populated) \
  g_test_add (path, Fixture, populated ? "" : NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/cli/usage/help", test_help);
  ADD ("/cli/usage/unknown-command", test_unknown_command, FALSE);
  ADD ("/cli/usage/missing-campaign", test_missing_campaign, FALSE);
  ADD ("/cli/flow/add-approve-stats", test_flow, TRUE);
  ADD ("/cli/flow/approve-without-translation", test_approve_without_translation, TRUE);
  ADD ("/cli/flow/assign", test_assign, TRUE);
  ADD ("/cli/flow/hold", test_hold, TRUE);
  ADD ("/cli/flow/plain-output", test_plain_output, TRUE);
  ADD ("/cli/bad-input/unknown-ref", test_unknown_ref, TRUE);
  ADD ("/cli/bad-input/bad-date", test_bad_date, TRUE);
  ADD ("/cli/bad-input/released-before-detained", test_released_before_detained, TRUE);
  ADD ("/cli/bad-input/invalid-utf8", test_invalid_utf8, TRUE);
  ADD ("/cli/bad-input/huge-text", test_huge_text, TRUE);
  ADD ("/cli/bad-input/not-a-campaign", test_not_a_campaign, FALSE);
  ADD ("/cli/demo/stats", test_demo, FALSE);
  ADD ("/cli/demo/batches", test_demo_batches, FALSE);
  ADD ("/cli/flow/milestones", test_milestones, TRUE);

#undef ADD

  status = g_test_run ();
  if (template_dir != NULL)
    remove_dir (template_dir);
  g_free (template_dir);
  return status;
}
