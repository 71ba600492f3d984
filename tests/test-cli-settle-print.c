/* test-cli-settle-print.c — lapakctl settle --statements DIR --print QUEUE
 * through a real cupsd started by this test (issue 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo event with a few sales; `settle --close --statements DIR --print
 * raw`: the private cupsd (tests/lapak-test-cups.c) receives one job per
 * tenant and one for the summary, in that order, and each job's bytes are
 * exactly the PDF written into DIR. A closed settlement printed again
 * (--settlement ID) sends the same documents; a queue that does not exist
 * is refused with its name, and sends nothing. Needs root (CI runs as
 * root); otherwise every case here is skipped, and says so.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-test-cups.h"
#include "lapak-test-util.h"

static LapakTestCups *server;   /* NULL when not root */
static char *db_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *r)
{
  g_free (r->out);
  g_free (r->err);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
ctl_argv (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  Run *r = g_new0 (Run, 1);
  int status;

  envp = g_environ_setenv (envp, "CUPS_SERVER", server->sock, TRUE);
  envp = g_environ_setenv (envp, "LAPAK_DB", db_path, TRUE);
  envp = g_environ_setenv (envp, "LAPAK_PIN", "123456", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "TZ", "Asia/Jakarta", TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("LAPAKCTL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  r->status = WEXITSTATUS (status);
  return r;
}

#define CTL(...) ctl_argv ((const char *[]) { __VA_ARGS__, NULL })
#define CTL_OK(...) G_STMT_START { g_autoptr(Run) r_ = CTL (__VA_ARGS__); \
  if (r_->status != 0) g_error ("lapakctl: exit %d\n%s%s", r_->status, r_->out, r_->err); } G_STMT_END

static void
setup (void)
{
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);

  server = lapak_test_cups_new ();
  db_path = g_build_filename (server->dir, "k1.db", NULL);
  CTL_OK ("demo", "--data", data);
  CTL_OK ("shift", "open", "--as", "Sari", "--pin", "1111", "--float", "200.000");
  CTL_OK ("sell", "--as", "Sari", "--pin", "1111", "KLL-001L*2", "BTK-0044", "--pay", "cash:300.000");
  CTL_OK ("sell", "--as", "Sari", "--pin", "1111", "DNT-001N*3", "KLL-002Y", "--pay", "qris");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
assert_ran (const Run  *r,
            const char *what)
{
  if (r->status != 0)
    g_error ("%s: exit %d\n%s%s", what, r->status, r->out, r->err);
}

/* The PDFs in @dir in the order they are printed: the tenants' by code,
 * then the summary. */
static GPtrArray *
statements_in (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_equal (name, "summary.pdf"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, g_strdup ("summary.pdf"));
  return names;
}

/* The jobs captured after the first @before ones are exactly the files of
 * @dir, in print order. */
static void
assert_jobs_are (guint       before,
                 const char *dir)
{
  g_autoptr(GPtrArray) names = statements_in (dir);
  g_autoptr(GPtrArray) jobs = NULL;
  guint i;

  /* The backend writes each job when cupsd gets to it: wait for all. */
  for (i = 0; i < 300; i++)
    {
      g_clear_pointer (&jobs, g_ptr_array_unref);
      jobs = lapak_test_cups_jobs (server);
      if (jobs->len >= before + names->len)
        break;
      g_usleep (100 * 1000);
    }
  g_assert_cmpuint (jobs->len, ==, before + names->len);
  for (i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GBytes) got = lapak_test_cups_captured (server, GPOINTER_TO_INT (jobs->pdata[before + i]));
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
      g_autoptr(GBytes) want = g_mapped_file_get_bytes (file);

      g_test_message ("job %d: %s, %zu bytes", GPOINTER_TO_INT (jobs->pdata[before + i]),
                      (const char *) g_ptr_array_index (names, i), g_bytes_get_size (want));
      g_assert_cmpuint (g_bytes_get_size (want), >, 1000);
      g_assert_true (g_bytes_equal (got, want));
    }
}

static void
test_close_and_print (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(Run) r = NULL;
  guint before;

  if (server == NULL)
    {
      g_test_skip (LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
      return;
    }
  dir = g_build_filename (server->dir, "statements", NULL);
  again = g_build_filename (server->dir, "again", NULL);

  jobs = lapak_test_cups_jobs (server);
  before = jobs->len;
  r = CTL ("settle", "--close", "--as", "Ketua", "--statements", dir, "--print", "raw");
  assert_ran (r, "settle --close --print raw");
  /* one line per job on stderr, named by its document */
  g_assert_nonnull (strstr (r->err, "Statement KLL"));
  g_assert_nonnull (strstr (r->err, "Settlement summary"));
  assert_jobs_are (before, dir);
  g_clear_pointer (&r, run_free);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* the closed settlement printed again: the same documents again */
  jobs = lapak_test_cups_jobs (server);
  before = jobs->len;
  r = CTL ("settle", "--settlement", "K1-S000001", "--statements", again, "--print", "raw");
  assert_ran (r, "settle --settlement --print raw");
  assert_jobs_are (before, again);
  g_clear_pointer (&r, run_free);
  g_clear_pointer (&jobs, g_ptr_array_unref);

  /* a queue that does not exist: refused with its name, nothing printed */
  jobs = lapak_test_cups_jobs (server);
  before = jobs->len;
  r = CTL ("settle", "--settlement", "K1-S000001", "--print", "nowhere");
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "nowhere"));
  g_clear_pointer (&jobs, g_ptr_array_unref);
  jobs = lapak_test_cups_jobs (server);
  g_assert_cmpuint (jobs->len, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (getuid () == 0)
    setup ();
  else
    g_test_message ("%s", LAPAK_TEST_CUPS_SKIP_NOT_ROOT);
  g_test_add_func ("/cli-settle-print/close-and-print", test_close_and_print);
  rc = g_test_run ();
  g_free (db_path);
  if (server != NULL)
    lapak_test_cups_free (server);
  return rc;
}
