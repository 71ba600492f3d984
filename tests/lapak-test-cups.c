/* lapak-test-cups.c — a private cupsd for tests, with queues whose bytes
 * are captured per job
 *
 * cupsd runs with its own configuration, spool and socket in a temporary
 * folder (nothing of the machine's CUPS is touched; see
 * ../shared/recipes/cups-in-ci.md), with four queues:
 *   raw   raw queue; a capture backend (mode 0700, so it runs as root)
 *         writes every job's bytes to out/job-ID.out
 *   pdf   Generic PDF driver (cups-filters) into the same capture backend
 *   held  like raw, but every job is held until released
 *   down  socket://127.0.0.1:9, a printer that does not answer
 * Needs root: the caller checks getuid () and skips with
 * LAPAK_TEST_CUPS_SKIP_NOT_ROOT otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lapak-test-cups.h"
#include "lapak-test-util.h"

/* @argv run with this cupsd as CUPS_SERVER; its stdout in @out. */
static int
run (LapakTestCups       *cups,
     const char * const  *argv,
     char               **out,
     char               **err)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CUPS_SERVER", cups->sock, TRUE);
  int status = 0;

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/**
 * lapak_test_cups_tool:
 *
 * Runs a CUPS tool (an absolute path, then its arguments, NULL-terminated)
 * against this cupsd; a failure fails the test.
 */
void
lapak_test_cups_tool (LapakTestCups *cups,
                      const char    *first,
                      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  status = run (cups, (const char * const *) argv->pdata, NULL, &err);
  if (status != 0)
    g_error ("%s failed (%d): %s", first, status, err);
}

static void
die_with_parent (gpointer data)
{
  /* if the test dies (a failed assertion aborts it), cupsd gets SIGTERM */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

gboolean
lapak_test_cups_running (LapakTestCups *cups)
{
  const char *argv[] = { "/usr/bin/lpstat", "-r", NULL };
  g_autofree char *out = NULL;

  run (cups, argv, &out, NULL);
  /* lpstat -r exits 0 either way: only its words tell */
  return strstr (out, "scheduler is running") != NULL && strstr (out, "not running") == NULL;
}

void
lapak_test_cups_start (LapakTestCups *cups)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/usr/sbin/cupsd", "-f", "-c", cups->conf, "-s", cups->files, NULL };
  int i;

  g_spawn_async (cups->dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 die_with_parent, NULL, &cups->pid, &error);
  g_assert_no_error (error);
  for (i = 0; i < 200 && !lapak_test_cups_running (cups); i++)
    g_usleep (50 * 1000);
  if (i == 200)
    g_error ("cupsd did not start in 10 s");
}

void
lapak_test_cups_stop (LapakTestCups *cups)
{
  int status;

  if (cups->pid == 0)
    return;
  kill (cups->pid, SIGTERM);
  waitpid (cups->pid, &status, 0);
  g_spawn_close_pid (cups->pid);
  cups->pid = 0;
}

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/**
 * lapak_test_cups_new:
 *
 * Sets up and starts a cupsd of its own, with the queues raw, pdf, held
 * and down. Root only.
 */
LapakTestCups *
lapak_test_cups_new (void)
{
  static const char *dirs[] = { "conf", "spool", "cache", "state", "tmp", "log", "bin", "bin/backend", "out" };
  static const char *links[] = { "filter", "daemon", "cgi-bin", "monitor", "notifier", "driver" };
  LapakTestCups *cups = g_new0 (LapakTestCups, 1);
  g_autofree char *backend = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *files = NULL;
  g_autofree char *raw_uri = NULL;

  g_assert_cmpint (getuid (), ==, 0);
  cups->dir = lapak_test_make_dir ();
  g_assert_cmpint (g_chmod (cups->dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *d = g_build_filename (cups->dir, dirs[i], NULL);

      g_assert_cmpint (g_mkdir (d, 0755), ==, 0);
    }
  {
    g_autofree char *tmp = g_build_filename (cups->dir, "tmp", NULL);
    g_assert_cmpint (g_chmod (tmp, 01777), ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *target = g_build_filename ("/usr/lib/cups", links[i], NULL);
      g_autofree char *link = g_build_filename (cups->dir, "bin", links[i], NULL);

      g_assert_cmpint (symlink (target, link), ==, 0);
    }
  {
    g_autofree char *link = g_build_filename (cups->dir, "bin", "backend", "socket", NULL);
    g_assert_cmpint (symlink ("/usr/lib/cups/backend/socket", link), ==, 0);
  }

  /* the capture backend: 0700 so cupsd runs it as root (0755 would run it
   * as lp, which may not write here) */
  backend = g_build_filename (cups->dir, "bin", "backend", "lapakcap", NULL);
  write_file (backend,
              "#!/bin/sh\n"
              "if [ $# -eq 0 ]; then echo 'direct lapakcap \"Unknown\" \"Lapak test capture\"'; exit 0; fi\n"
              "dir=${DEVICE_URI#lapakcap:}\n"
              "if [ $# -ge 6 ]; then cat \"$6\" > \"$dir/job-$1.tmp\"; else cat > \"$dir/job-$1.tmp\"; fi\n"
              "mv \"$dir/job-$1.tmp\" \"$dir/job-$1.out\"\n",
              0700);

  cups->sock = g_build_filename (cups->dir, "cups.sock", NULL);
  cups->out = g_build_filename (cups->dir, "out", NULL);
  cups->conf = g_build_filename (cups->dir, "conf", "cupsd.conf", NULL);
  cups->files = g_build_filename (cups->dir, "conf", "cups-files.conf", NULL);
  conf = g_strdup_printf ("LogLevel warn\nListen %s\nBrowsing No\nWebInterface No\nDefaultAuthType None\n", cups->sock);
  write_file (cups->conf, conf, 0644);
  files = g_strdup_printf ("ServerRoot %1$s/conf\nRequestRoot %1$s/spool\nCacheDir %1$s/cache\n"
                           "StateDir %1$s/state\nTempDir %1$s/tmp\nServerBin %1$s/bin\n"
                           "DataDir /usr/share/cups\nAccessLog %1$s/log/access_log\n"
                           "ErrorLog %1$s/log/error_log\nPageLog %1$s/log/page_log\n",
                           cups->dir);
  write_file (cups->files, files, 0644);

  lapak_test_cups_start (cups);
  raw_uri = g_strdup_printf ("lapakcap:%s", cups->out);
  lapak_test_cups_tool (cups, "/usr/sbin/lpadmin", "-p", "raw", "-E", "-v", raw_uri,
                        "-o", "printer-error-policy=abort-job", NULL);
  lapak_test_cups_tool (cups, "/usr/sbin/lpadmin", "-p", "pdf", "-E", "-v", raw_uri,
                        "-P", "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd",
                        "-o", "printer-error-policy=abort-job", "-o", "PageSize=A4", NULL);
  lapak_test_cups_tool (cups, "/usr/sbin/lpadmin", "-p", "held", "-E", "-v", raw_uri,
                        "-o", "printer-error-policy=abort-job", "-o", "job-hold-until-default=indefinite", NULL);
  lapak_test_cups_tool (cups, "/usr/sbin/lpadmin", "-p", "down", "-E", "-v", "socket://127.0.0.1:9",
                        "-o", "printer-error-policy=abort-job", NULL);
  return cups;
}

char *
lapak_test_cups_job_path (LapakTestCups *cups,
                          int            job)
{
  g_autofree char *name = g_strdup_printf ("job-%d.out", job);

  return g_build_filename (cups->out, name, NULL);
}

/* The bytes the backend captured for @job, waiting up to 15 s for them. */
GBytes *
lapak_test_cups_captured (LapakTestCups *cups,
                          int            job)
{
  g_autofree char *path = lapak_test_cups_job_path (cups, job);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  for (int i = 0; i < 300 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    g_usleep (50 * 1000);
  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/**
 * lapak_test_cups_jobs:
 *
 * Returns: (element-type int): the ids of the jobs captured so far (in
 * GINT_TO_POINTER), in order
 */
GPtrArray *
lapak_test_cups_jobs (LapakTestCups *cups)
{
  g_autoptr(GDir) dir = g_dir_open (cups->out, 0, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  GPtrArray *jobs = g_ptr_array_new ();
  const char *name;
  int id;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (sscanf (name, "job-%d.out", &id) == 1 && g_str_has_suffix (name, ".out"))
      g_array_append_val (ids, id);
  g_array_sort (ids, compare_ints);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (jobs, GINT_TO_POINTER (g_array_index (ids, int, i)));
  return jobs;
}

void
lapak_test_cups_free (LapakTestCups *cups)
{
  if (cups == NULL)
    return;
  lapak_test_cups_stop (cups);
  if (cups->dir != NULL)
    lapak_test_remove_tree (cups->dir);
  g_free (cups->dir);
  g_free (cups->conf);
  g_free (cups->files);
  g_free (cups->sock);
  g_free (cups->out);
  g_free (cups);
}
