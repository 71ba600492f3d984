/* test-print-cups.c — printing through a real cupsd started by this test
 *
 * cupsd runs with its own configuration, spool and socket in a temporary
 * folder, with the queues raw, pdf, held and down of tests/lapak-test-cups.c.
 * lapakctl is driven as a user would; the captured bytes are compared with
 * what `--out` writes and with the golden files; the PDFs are read back
 * with pdftotext and zbarimg. Needs root (CI runs as root); otherwise every
 * case here is skipped, and says so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lapak-test-cups.h"
#include "lapak-test-util.h"

#include "lapak-print-job.h"

#define CONVERT "/usr/bin/convert"
#define SKIP_NOT_ROOT LAPAK_TEST_CUPS_SKIP_NOT_ROOT

static LapakTestCups *server;   /* NULL when not root */
static char *db_path;

/* ---------- processes ---------- */

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

static char **
test_environ (void)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "CUPS_SERVER", server->sock, TRUE);
  envp = g_environ_setenv (envp, "LAPAK_DB", db_path, TRUE);
  envp = g_environ_unsetenv (envp, "LAPAK_PIN");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "TZ", "Asia/Jakarta", TRUE);
  return envp;
}

static Run *
run_argv (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = test_environ ();
  Run *r = g_new0 (Run, 1);
  int status;

  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &r->out, &r->err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  r->status = WEXITSTATUS (status);
  return r;
}

/* lapakctl ARGS… (NULL-terminated) */
static Run *
ctl (const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;
  const char *a;
  Run *r;

  g_ptr_array_add (argv, (gpointer)g_getenv ("LAPAKCTL"));
  va_start (ap, first);
  for (a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  r = run_argv ((const char * const *)argv->pdata);
  g_test_message ("lapakctl %s… → %d\n%s%s", first, r->status, r->out, r->err);
  return r;
}

static void
ctl_ok (const char *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(Run) r = NULL;
  va_list ap;
  const char *a;

  g_ptr_array_add (argv, (gpointer)g_getenv ("LAPAKCTL"));
  va_start (ap, first);
  for (a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  r = run_argv ((const char * const *)argv->pdata);
  if (r->status != 0)
    g_error ("lapakctl %s failed (%d): %s", first, r->status, r->err);
}

static void
tool (const char *first,
      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(Run) r = NULL;
  va_list ap;
  const char *a;

  va_start (ap, first);
  for (a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer)a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  r = run_argv ((const char * const *)argv->pdata);
  if (r->status != 0)
    g_error ("%s failed (%d): %s", first, r->status, r->err);
}

/* ---------- the scheduler ---------- */

static void
cups_setup (void)
{
  server = lapak_test_cups_new ();
  db_path = g_build_filename (server->dir, "k1.db", NULL);

  /* a till with the demo event and one sale */
  {
    g_autofree char *tenants = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", "tenants.csv", NULL);
    g_autofree char *products = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", "products.csv", NULL);

    ctl_ok ("init", "--till", "K1", "--organiser", "Ketua", "--pin", "123456", NULL);
    ctl_ok ("event", "create", "PAMERAN", "--name", "Pameran UMKM Nusantara", "--as", "Ketua", "--pin", "123456", NULL);
    ctl_ok ("user", "add", "Sari", "--role", "cashier", "--pin", "1111", "--as", "Ketua", "--as-pin", "123456", NULL);
    ctl_ok ("tenant", "import", tenants, "--as", "Ketua", "--pin", "123456", NULL);
    ctl_ok ("product", "import", products, "--as", "Ketua", "--pin", "123456", NULL);
    ctl_ok ("shift", "open", "--as", "Sari", "--pin", "1111", "--float", "100000", NULL);
    ctl_ok ("sell", "--as", "Sari", "--pin", "1111", "KLL-001L*2", "BTK-0044", "--pay", "cash:300000", NULL);
  }
}

/* ---------- helpers ---------- */

static int
job_of (const Run *r)
{
  g_autoptr(GMatchInfo) m = NULL;
  g_autoptr(GRegex) re = g_regex_new ("\"job\" : ([0-9]+)", 0, 0, NULL);
  g_autofree char *n = NULL;

  g_assert_true (g_regex_match (re, r->out, 0, &m));
  n = g_match_info_fetch (m, 1);
  return atoi (n);
}

static char *
job_path (int job)
{
  return lapak_test_cups_job_path (server, job);
}

static GBytes *
captured (int job)
{
  return lapak_test_cups_captured (server, job);
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static char *
temp_path (const char *name)
{
  return g_build_filename (server->dir, name, NULL);
}

/* ---------- cases ---------- */

static void
test_printers (void)
{
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) json = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  text = ctl ("printers", NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_regex_match_simple ("^raw +idle +accepting jobs", text->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^pdf +idle", text->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^down +idle", text->out, G_REGEX_MULTILINE, 0));
  json = ctl ("printers", "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_nonnull (strstr (json->out, "\"name\" : \"raw\""));
  g_assert_nonnull (strstr (json->out, "\"accepting\" : true"));
}

/* An ESC/POS receipt through the raw queue arrives byte for byte. */
static void
test_receipt_raw (void)
{
  const char *widths[] = { "58", "80" };

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *file = temp_path ("receipt.escpos");
      g_autoptr(Run) out = ctl ("receipt", "K1-000001", "--format", "escpos", "--width", widths[i], "--out", file, NULL);
      g_autoptr(Run) print = ctl ("receipt", "K1-000001", "--format", "escpos", "--width", widths[i],
                                  "--printer", "raw", "--json", NULL);
      g_autoptr(GBytes) want = NULL;
      g_autoptr(GBytes) got = NULL;

      g_assert_cmpint (out->status, ==, 0);
      g_assert_cmpint (print->status, ==, 0);
      g_assert_nonnull (strstr (print->out, "\"state\" : \"printed\""));
      want = file_bytes (file);
      got = captured (job_of (print));
      g_assert_true (g_bytes_equal (want, got));
    }

  /* and the golden receipts themselves, sent by the library */
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = g_strdup_printf ("receipt-%s.escpos", widths[i]);
      g_autofree char *path = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "tests", "golden", name, NULL);
      g_autoptr(GBytes) golden = file_bytes (path);
      g_autoptr(GBytes) got = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakPrintResult) result = NULL;

      g_setenv ("CUPS_SERVER", server->sock, TRUE);
      result = lapak_print_submit ("raw", name, LAPAK_FORMAT_RAW, NULL, golden, 15000, &error);
      g_assert_no_error (error);
      g_assert_cmpint (result->outcome, ==, LAPAK_JOB_PRINTED);
      got = captured (result->job_id);
      g_assert_true (g_bytes_equal (golden, got));
    }
}

static void
test_receipt_pdf (void)
{
  g_autoptr(Run) print = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Run) text = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  print = ctl ("receipt", "K1-000001", "--format", "pdf", "--width", "80", "--printer", "pdf", "--json", NULL);
  g_assert_cmpint (print->status, ==, 0);
  g_bytes_unref (captured (job_of (print)));
  path = job_path (job_of (print));
  {
    const char *argv[] = { "/usr/bin/pdftotext", "-layout", path, "-", NULL };
    text = run_argv (argv);
  }
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_regex_match_simple ("TOTAL +Rp 255,000", text->out, 0, 0));
  g_assert_true (g_regex_match_simple ("Change +Rp 45,000", text->out, 0, 0));
  g_assert_nonnull (strstr (text->out, "K1-000001"));
}

/* A 3×8 label sheet for 24 products through the PDF driver queue reads back. */
static void
test_labels_pdf (void)
{
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) print = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  g_autofree char *path = NULL;
  g_autofree char *png_prefix = NULL;
  g_autofree char *png = NULL;
  g_autofree char *tiles = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  list = ctl ("product", "list", NULL);
  lines = g_strsplit (list->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && codes->len < 24; i++)
    if (*lines[i])
      {
        g_auto(GStrv) words = g_strsplit (lines[i], " ", 2);
        g_ptr_array_add (codes, g_strdup (words[0]));
      }
  g_assert_cmpuint (codes->len, ==, 24);

  g_ptr_array_add (argv, g_strdup (g_getenv ("LAPAKCTL")));
  g_ptr_array_add (argv, g_strdup ("labels"));
  g_ptr_array_add (argv, g_strdup ("--layout"));
  g_ptr_array_add (argv, g_strdup ("a4-3x8"));
  g_ptr_array_add (argv, g_strdup ("--printer"));
  g_ptr_array_add (argv, g_strdup ("pdf"));
  g_ptr_array_add (argv, g_strdup ("--json"));
  g_ptr_array_add (argv, g_strdup ("--product"));
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (argv, g_strdup (codes->pdata[i]));
  g_ptr_array_add (argv, NULL);
  print = run_argv ((const char * const *)argv->pdata);
  g_assert_cmpint (print->status, ==, 0);
  g_bytes_unref (captured (job_of (print)));
  path = job_path (job_of (print));

  png_prefix = temp_path ("sheet");
  png = temp_path ("sheet.png");
  tiles = temp_path ("tile-%02d.png");
  {
    const char *ppm[] = { "/usr/bin/pdftoppm", "-r", "150", "-png", "-singlefile", path, png_prefix, NULL };
    const char *cut[] = { CONVERT, png, "-crop", "3x8@", "+repage", tiles, NULL };
    g_autoptr(Run) r1 = run_argv (ppm);
    g_autoptr(Run) r2 = NULL;

    g_assert_cmpint (r1->status, ==, 0);
    r2 = run_argv (cut);
    g_assert_cmpint (r2->status, ==, 0);
  }
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("tile-%02u.png", i);
      g_autofree char *tile = temp_path (name);
      const char *zbar[] = { "/usr/bin/zbarimg", "--raw", "-q", "--nodbus", tile, NULL };
      g_autoptr(Run) r = run_argv (zbar);

      g_assert_cmpint (r->status, ==, 0);
      g_assert_cmpstr (g_strchomp (r->out), ==, codes->pdata[i]);
    }
}

static void
got_result (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (res);
}

/* The kiosk's way: the job in a worker thread, the main loop free. */
static void
test_async (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "tests", "golden", "receipt-58.escpos", NULL);
  g_autoptr(GBytes) golden = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintResult) result = NULL;
  GAsyncResult *res = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  golden = file_bytes (path);
  g_setenv ("CUPS_SERVER", server->sock, TRUE);
  lapak_print_submit_async ("raw", "async", LAPAK_FORMAT_RAW, NULL, golden, 15000, NULL, got_result, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = lapak_print_submit_finish (res, &error);
  g_object_unref (res);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, LAPAK_JOB_PRINTED);
  got = captured (result->job_id);
  g_assert_true (g_bytes_equal (golden, got));

  /* and a failure comes back as an error */
  res = NULL;
  lapak_print_submit_async ("nope", "async", LAPAK_FORMAT_RAW, NULL, golden, 15000, NULL, got_result, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (lapak_print_submit_finish (res, &error));
  g_object_unref (res);
  g_assert_error (error, LAPAK_PRINT_ERROR, LAPAK_PRINT_ERROR_NO_QUEUE);
}

/* receipt --print: the till's receipt printer, and the drawer with cash */
static void
test_till_settings (void)
{
  g_autofree char *file = NULL;
  g_autoptr(Run) set = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) out = NULL;
  g_autoptr(Run) print = NULL;
  g_autoptr(Run) reprint = NULL;
  g_autoptr(GBytes) want = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GBytes) again = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  set = ctl ("printers", "set", "--receipt", "raw", "--open-drawer", "yes", "--as", "Ketua", "--pin", "123456", NULL);
  g_assert_cmpint (set->status, ==, 0);
  list = ctl ("printers", NULL);
  g_assert_nonnull (strstr (list->out, "This till prints receipts on: raw (escpos, 58 mm, opens the drawer)"));

  file = temp_path ("drawer.escpos");
  out = ctl ("receipt", "K1-000001", "--format", "escpos", "--open-drawer", "--out", file, NULL);
  g_assert_cmpint (out->status, ==, 0);
  print = ctl ("receipt", "K1-000001", "--print", "--json", NULL);
  g_assert_cmpint (print->status, ==, 0);
  want = file_bytes (file);
  got = captured (job_of (print));
  g_assert_true (g_bytes_equal (want, got));
  g_assert_cmpmem (g_bytes_get_data (got, NULL), 5, "\x1bp\x00\x19\xfa", 5);   /* sale paid in cash */

  /* a reprint never opens the drawer */
  reprint = ctl ("receipt", "K1-000001", "--print", "--reprint", "--json", NULL);
  g_assert_cmpint (reprint->status, ==, 0);
  again = captured (job_of (reprint));
  g_assert_cmpmem (g_bytes_get_data (again, NULL), 2, "\x1b@", 2);
}

static void
test_missing_queue (void)
{
  g_autoptr(Run) r = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  r = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "nope", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "There is no printer queue “nope”"));
  g_assert_nonnull (strstr (r->err, "down, held, pdf, raw"));
  g_assert_nonnull (strstr (r->err, "The sale K1-000001 is saved"));
}

static void
test_rejecting (void)
{
  g_autoptr(Run) r = NULL;
  g_autoptr(Run) again = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  tool ("/usr/sbin/cupsreject", "raw", NULL);
  r = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "raw", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "The printer “raw” refuses new jobs"));
  g_assert_nonnull (strstr (r->err, "cupsaccept raw"));
  g_assert_nonnull (strstr (r->err, "The sale K1-000001 is saved"));
  tool ("/usr/sbin/cupsaccept", "raw", NULL);
  again = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "raw", NULL);
  g_assert_cmpint (again->status, ==, 0);
}

/* A disabled printer keeps the job: reported as queued, printed once enabled. */
static void
test_disabled (void)
{
  g_autofree char *file = NULL;
  g_autoptr(Run) out = NULL;
  g_autoptr(Run) r = NULL;
  g_autoptr(GBytes) want = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autofree char *path = NULL;
  int job;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  file = temp_path ("queued.escpos");
  out = ctl ("receipt", "K1-000001", "--format", "escpos", "--out", file, NULL);
  tool ("/usr/sbin/cupsdisable", "raw", NULL);
  r = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "raw", NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "The printer “raw” is stopped: job"));
  g_assert_nonnull (strstr (r->out, "cupsenable raw"));
  g_clear_pointer (&r, run_free);
  r = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "raw", "--json", NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "\"state\" : \"queued\""));
  job = job_of (r);
  path = job_path (job);
  g_usleep (300 * 1000);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));   /* nothing printed yet */
  tool ("/usr/sbin/cupsenable", "raw", NULL);
  want = file_bytes (file);
  got = captured (job);
  g_assert_true (g_bytes_equal (want, got));
}

/* A queue that holds every job: queued, printed once released. */
static void
test_held (void)
{
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autoptr(Run) out = NULL;
  g_autoptr(Run) r = NULL;
  g_autoptr(GBytes) want = NULL;
  g_autoptr(GBytes) got = NULL;
  int job;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  file = temp_path ("held.escpos");
  out = ctl ("receipt", "K1-000001", "--format", "escpos", "--out", file, NULL);
  r = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "held", "--json", NULL);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "\"state\" : \"queued\""));
  job = job_of (r);
  g_clear_pointer (&r, run_free);
  r = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "held", NULL);
  g_assert_nonnull (strstr (r->out, "is held in the queue of “held”"));
  path = job_path (job);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  id = g_strdup_printf ("%d", job);
  tool ("/usr/bin/lp", "-i", id, "-H", "resume", NULL);
  want = file_bytes (file);
  got = captured (job);
  g_assert_true (g_bytes_equal (want, got));
  tool ("/usr/bin/cancel", "-a", "held", NULL);
}

static void
test_unreachable (void)
{
  g_autoptr(Run) r = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  r = ctl ("receipt", "K1-000001", "--format", "escpos", "--printer", "down", "--wait", "2", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "The printer “down” does not answer: job"));
  g_assert_nonnull (strstr (r->err, "is kept in its queue"));
  g_assert_nonnull (strstr (r->err, "cancel down-"));
  g_assert_nonnull (strstr (r->err, "The sale K1-000001 is saved"));
  tool ("/usr/bin/cancel", "-a", "down", NULL);
}

/* cupsd stopped: the sale is committed anyway, the print fails with a
 * clear message, and the receipt reprints once CUPS is back. */
static void
test_cupsd_stopped (void)
{
  g_autoptr(Run) sell = NULL;
  g_autoptr(Run) r = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) verify = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) reprint = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GBytes) want = NULL;
  g_autoptr(GBytes) got = NULL;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  lapak_test_cups_stop (server);
  g_assert_false (lapak_test_cups_running (server));

  sell = ctl ("sell", "--as", "Sari", "--pin", "1111", "KLL-002Y*3", "--pay", "qris", "--json", NULL);
  g_assert_cmpint (sell->status, ==, 0);
  g_assert_nonnull (strstr (sell->out, "\"sale\" : \"K1-000002\""));
  r = ctl ("receipt", "K1-000002", "--format", "escpos", "--printer", "raw", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "The print service (CUPS) at"));
  g_assert_nonnull (strstr (r->err, "does not answer. Nothing was printed."));
  g_assert_nonnull (strstr (r->err, "The sale K1-000002 is saved"));
  list = ctl ("printers", NULL);
  g_assert_cmpint (list->status, ==, 1);
  g_assert_nonnull (strstr (list->err, "does not answer"));

  /* the sale is intact */
  verify = ctl ("journal", "verify", NULL);
  g_assert_cmpint (verify->status, ==, 0);
  text = ctl ("receipt", "K1-000002", NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_regex_match_simple ("TOTAL +Rp 48,000", text->out, 0, 0));

  /* CUPS back: the reprint arrives, marked as such */
  lapak_test_cups_start (server);
  file = temp_path ("reprint.escpos");
  g_clear_pointer (&r, run_free);
  r = ctl ("receipt", "K1-000002", "--format", "escpos", "--reprint", "--out", file, NULL);
  g_assert_cmpint (r->status, ==, 0);
  reprint = ctl ("receipt", "K1-000002", "--format", "escpos", "--reprint", "--printer", "raw", "--json", NULL);
  g_assert_cmpint (reprint->status, ==, 0);
  want = file_bytes (file);
  got = captured (job_of (reprint));
  g_assert_true (g_bytes_equal (want, got));
  {
    gsize n;
    const char *data = g_bytes_get_data (got, &n);
    gboolean found = FALSE;

    for (gsize i = 0; i + 7 <= n && !found; i++)
      found = memcmp (data + i, "REPRINT", 7) == 0;
    g_assert_true (found);
  }
}

/* ---------- test pages and a 1,000-label job (branch tenants) ---------- */

/* The codes zbarimg reads in each tile of page @page (1-based) of the PDF
 * @path cut into @cols×@rows tiles, in label order, one string each
 * ("" where no code was read). */
static GPtrArray *
decode_page_tiles (const char *path,
                   int         page,
                   guint       cols,
                   guint       rows)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  g_autofree char *prefix = temp_path ("page");
  g_autofree char *png = temp_path ("page.png");
  g_autofree char *tiles = temp_path ("ptile-%03d.png");
  g_autofree char *grid = g_strdup_printf ("%ux%u@", cols, rows);
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  const char *ppm[] = { "/usr/bin/pdftoppm", "-r", "150", "-png", "-f", first, "-l", first, "-singlefile",
                        path, prefix, NULL };
  const char *cut[] = { CONVERT, png, "-crop", grid, "+repage", tiles, NULL };
  g_autoptr(Run) r1 = run_argv (ppm);
  g_autoptr(Run) r2 = NULL;

  g_assert_cmpint (r1->status, ==, 0);
  r2 = run_argv (cut);
  g_assert_cmpint (r2->status, ==, 0);
  for (guint i = 0; i < cols * rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("ptile-%03u.png", i);
      g_autofree char *tile = temp_path (name);
      const char *zbar[] = { "/usr/bin/zbarimg", "--raw", "-q", "--nodbus", tile, NULL };
      g_autoptr(Run) r = run_argv (zbar);

      g_ptr_array_add (codes, g_strdup (r->status == 0 ? g_strchomp (r->out) : ""));
      g_unlink (tile);
    }
  return codes;
}

/* Whether @needle is somewhere in the bytes (which may hold NULs). */
static gboolean
bytes_contain (const guint8 *data,
               gsize         n,
               const char   *needle)
{
  gsize len = strlen (needle);

  for (gsize i = 0; i + len <= n; i++)
    if (memcmp (data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "/usr/bin/pdftotext", "-layout", path, "-", NULL };
  g_autoptr(Run) r = run_argv (argv);

  g_assert_cmpint (r->status, ==, 0);
  return g_steal_pointer (&r->out);
}

/* `printers test QUEUE` prints what the till uses QUEUE for: an ESC/POS
 * page on the raw receipt printer, a PDF page on a receipt printer with a
 * driver, one label on the label printer; a queue it does not use is
 * refused. Every page carries the QR code LAPAK-TEST, read back here. */
static void
test_printers_test_page (void)
{
  g_autoptr(Run) set = NULL;
  g_autoptr(Run) raw = NULL;
  g_autoptr(Run) label = NULL;
  g_autoptr(Run) pdf = NULL;
  g_autoptr(Run) unused = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) label_codes = NULL;
  g_autofree char *label_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  const guint8 *data;
  gsize n;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }

  set = ctl ("printers", "set", "--receipt", "raw", "--receipt-format", "escpos", "--width", "58",
             "--open-drawer", "no", "--labels", "pdf", "--layout", "a4-3x8", "--as", "Ketua", "--pin", "123456", NULL);
  g_assert_cmpint (set->status, ==, 0);

  /* the receipt printer, raw: ESC/POS bytes as sent, whole */
  raw = ctl ("printers", "test", "raw", "--json", NULL);
  g_assert_cmpint (raw->status, ==, 0);
  g_assert_nonnull (strstr (raw->out, "\"state\" : \"printed\""));
  bytes = captured (job_of (raw));
  data = g_bytes_get_data (bytes, &n);
  g_assert_cmpuint (n, >, 100);
  g_assert_cmpint (data[0], ==, 0x1B);
  g_assert_cmpint (data[1], ==, '@');
  g_assert_cmpint (data[n - 3], ==, 0x1D);   /* GS V 1: the cut, last */
  g_assert_cmpint (data[n - 2], ==, 'V');
  g_assert_true (bytes_contain (data, n, "TEST PAGE"));
  g_assert_true (bytes_contain (data, n, "Paper: 58 mm, 32 characters a line"));
  g_assert_true (bytes_contain (data, n, "\n12345678901234567890123456789012\n"));
  /* the printer's own QR command carries the code: GS ( k … 49 80 48 LAPAK-TEST */
  g_assert_true (bytes_contain (data, n, "\x31\x50\x30LAPAK-TEST"));

  /* the label printer: one label of its layout, which scans */
  label = ctl ("printers", "test", "pdf", "--json", NULL);
  g_assert_cmpint (label->status, ==, 0);
  g_bytes_unref (captured (job_of (label)));
  label_path = job_path (job_of (label));
  text = pdf_text (label_path);
  g_assert_nonnull (strstr (text, "Test label"));
  label_codes = decode_page_tiles (label_path, 1, 3, 8);
  g_assert_cmpstr (label_codes->pdata[0], ==, "LAPAK-TEST");
  for (guint i = 1; i < label_codes->len; i++)
    g_assert_cmpstr (label_codes->pdata[i], ==, "");   /* one label, not a sheet */
  g_clear_pointer (&text, g_free);

  /* the receipt printer with a driver: a PDF page of the paper width */
  g_clear_pointer (&set, run_free);
  set = ctl ("printers", "set", "--receipt", "pdf", "--receipt-format", "pdf", "--width", "80",
             "--labels", "none", "--as", "Ketua", "--pin", "123456", NULL);
  g_assert_cmpint (set->status, ==, 0);
  pdf = ctl ("printers", "test", "pdf", "--json", NULL);
  g_assert_cmpint (pdf->status, ==, 0);
  g_bytes_unref (captured (job_of (pdf)));
  pdf_path = job_path (job_of (pdf));
  text = pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, "TEST PAGE"));
  g_assert_nonnull (strstr (text, "Paper: 80 mm, 48 characters a line"));
  g_assert_nonnull (strstr (text, "123456789012345678901234567890123456789012345678"));
  {
    g_autoptr(GPtrArray) codes = decode_page_tiles (pdf_path, 1, 1, 1);

    g_assert_cmpstr (codes->pdata[0], ==, "LAPAK-TEST");
  }

  /* a queue this till does not use */
  unused = ctl ("printers", "test", "raw", NULL);
  g_assert_cmpint (unused->status, ==, 1);
  g_assert_nonnull (strstr (unused->err, "neither for receipts nor for labels"));
  g_assert_nonnull (strstr (unused->err, "printers set --receipt raw"));
}

/* 1,000 labels (40 products × 25) in one job through the PDF queue: every
 * one decodes back to its product's code, in order. Slow (42 pages cut
 * into 1,000 tiles): only with -m slow, i.e. build-aux/long-tests. */
static void
test_labels_1000 (void)
{
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) print = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  g_autofree char *path = NULL;
  guint decoded = 0;
  guint label = 0;
  gint64 start;

  if (server == NULL)
    {
      g_test_skip (SKIP_NOT_ROOT);
      return;
    }
  list = ctl ("product", "list", NULL);
  lines = g_strsplit (list->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && codes->len < 40; i++)
    if (*lines[i] && strstr (lines[i], "(") == NULL)
      {
        g_auto(GStrv) words = g_strsplit (lines[i], " ", 2);
        g_ptr_array_add (codes, g_strdup (words[0]));
      }
  g_assert_cmpuint (codes->len, ==, 40);

  g_ptr_array_add (argv, g_strdup (g_getenv ("LAPAKCTL")));
  g_ptr_array_add (argv, g_strdup ("labels"));
  g_ptr_array_add (argv, g_strdup ("--layout"));
  g_ptr_array_add (argv, g_strdup ("a4-3x8"));
  g_ptr_array_add (argv, g_strdup ("--copies"));
  g_ptr_array_add (argv, g_strdup ("25"));
  g_ptr_array_add (argv, g_strdup ("--printer"));
  g_ptr_array_add (argv, g_strdup ("pdf"));
  g_ptr_array_add (argv, g_strdup ("--wait"));
  g_ptr_array_add (argv, g_strdup ("120"));
  g_ptr_array_add (argv, g_strdup ("--json"));
  g_ptr_array_add (argv, g_strdup ("--product"));
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (argv, g_strdup (codes->pdata[i]));
  g_ptr_array_add (argv, NULL);
  start = g_get_monotonic_time ();
  print = run_argv ((const char * const *)argv->pdata);
  g_assert_cmpint (print->status, ==, 0);
  g_assert_nonnull (strstr (print->out, "\"state\" : \"printed\""));
  g_bytes_unref (captured (job_of (print)));
  g_test_message ("1,000 labels printed through cupsd in %.1f s",
                  (g_get_monotonic_time () - start) / 1e6);
  path = job_path (job_of (print));

  for (int page = 1; label < 1000; page++)
    {
      g_autoptr(GPtrArray) got = decode_page_tiles (path, page, 3, 8);

      for (guint i = 0; i < got->len && label < 1000; i++, label++)
        {
          const char *want = codes->pdata[label / 25];

          if (g_strcmp0 (got->pdata[i], want) == 0)
            decoded++;
          else
            g_test_message ("label %u (page %d, position %u): read “%s”, expected %s",
                            label + 1, page, i + 1, (const char *)got->pdata[i], want);
        }
      /* the rest of the last sheet is blank */
      if (label == 1000)
        for (guint i = 1000 % 24; i < got->len && 1000 % 24 != 0; i++)
          g_assert_cmpstr (got->pdata[i], ==, "");
    }
  g_test_message ("decoded %u/1000 labels in %.1f s", decoded, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (decoded, ==, 1000);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  if (getuid () == 0)
    cups_setup ();
  else
    g_test_message ("%s", SKIP_NOT_ROOT);

  g_test_add_func ("/cups/printers", test_printers);
  g_test_add_func ("/cups/receipt-raw", test_receipt_raw);
  g_test_add_func ("/cups/receipt-pdf", test_receipt_pdf);
  g_test_add_func ("/cups/labels-pdf", test_labels_pdf);
  g_test_add_func ("/cups/async", test_async);
  g_test_add_func ("/cups/till-settings", test_till_settings);
  g_test_add_func ("/cups/missing-queue", test_missing_queue);
  g_test_add_func ("/cups/rejecting", test_rejecting);
  g_test_add_func ("/cups/disabled", test_disabled);
  g_test_add_func ("/cups/held", test_held);
  g_test_add_func ("/cups/unreachable", test_unreachable);
  g_test_add_func ("/cups/cupsd-stopped", test_cupsd_stopped);
  g_test_add_func ("/cups/printers-test-page", test_printers_test_page);
  /* slow: build-aux/long-tests runs it */
  if (g_test_slow ())
    g_test_add_func ("/cups/labels-1000", test_labels_1000);
  rc = g_test_run ();

  g_free (db_path);
  lapak_test_cups_free (server);
  return rc;
}
