/* bench-sync-push.c — a push over the LAN after a long trading day: full
 * history against an incremental bundle, as a ratio measured in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sync-push [--sales N] [--runs R] [--dir DIR]
 *
 * A hub K1 serves sync (lapak_sync_server_new(), in a thread of this
 * process, on 127.0.0.1 with a port the kernel picks); a paired till K2
 * makes N sales (10,000 by default; 3 lines, QRIS) and pushes them once.
 * Then, R times: the till sells 10 more and pushes — alternately the
 * incremental way (lapak_sync_push() as it is: only what the hub lacks) and
 * the full way (the same, with the till's marks of what it sent forgotten,
 * so it sends its whole history, as before incremental bundles). Measured:
 * the bytes of the bundle POSTed (written by lapak_sync_export_for_hub() in
 * the same state just before), and the time of the whole push (export,
 * POST, the hub's verification and merge, GET, the hub's bundle imported
 * at the till). Printed: min / median / max of each, and the ratios
 * incremental ÷ full (per pair). Not a test: nothing here asserts.
 */
#define G_LOG_DOMAIN "lapak-bench"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-sync-net.h"
#include "lapak-sync.h"
#include "lapak-test-util.h"

static int opt_sales = 10000;
static int opt_runs = 5;
static char *opt_dir = NULL;

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die_on (GError     *error,
        const char *what)
{
  if (error != NULL)
    g_error ("%s: %s", what, error->message);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
print_row (const char *label,
           GArray     *values,
           int         decimals)
{
  g_array_sort (values, compare_doubles);
  printf ("%-44s %12.*f / %12.*f / %12.*f\n", label,
          decimals, g_array_index (values, double, 0),
          decimals, g_array_index (values, double, values->len / 2),
          decimals, g_array_index (values, double, values->len - 1));
}

/* ---------- the hub, in its own thread ---------- */

typedef struct
{
  char         *db_path;
  GMainContext *context;
  GMainLoop    *loop;
  char         *url;
  GMutex        lock;
  GCond         ready;
} Hub;

static gpointer
hub_thread (gpointer data)
{
  Hub *hub = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakSyncServer) server = NULL;

  g_main_context_push_thread_default (hub->context);
  db = lapak_db_open (hub->db_path, &error);
  die_on (error, "open the hub");
  server = lapak_sync_server_new (db, "127.0.0.1", 0, &error);
  die_on (error, "serve");
  g_mutex_lock (&hub->lock);
  hub->url = lapak_sync_server_get_url (server);
  g_cond_signal (&hub->ready);
  g_mutex_unlock (&hub->lock);
  g_main_loop_run (hub->loop);
  g_clear_pointer (&server, lapak_sync_server_free);
  g_main_context_pop_thread_default (hub->context);
  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* ---------- the till ---------- */

static void
sell (LapakDb         *till,
      const LapakUser *org,
      GPtrArray       *codes,
      int              n,
      int              offset)
{
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(LapakCart) cart = lapak_cart_new (till, &error);
      g_autoptr(LapakSale) sale = NULL;

      for (int l = 0; l < 3; l++)
        {
          const char *c = g_ptr_array_index (codes, (guint)((i + offset) * 3 + l * 2) % codes->len);

          lapak_cart_scan (cart, c, &error);
          die_on (error, "scan");
        }
      lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, NULL, &error);
      die_on (error, "pay");
      sale = lapak_sale_commit (till, org, cart, &error);
      die_on (error, "sell");
    }
}

/* The bytes the next push POSTs, and the time of that push. */
static void
push (LapakDb    *till,
      const char *dir,
      gboolean    incremental,
      double     *out_bytes,
      double     *out_seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *probe = g_build_filename (dir, "probe.lapak", NULL);
  g_autofree char *mark = NULL;
  g_autoptr(LapakSyncResult) pushed = NULL;
  g_autoptr(LapakSyncResult) pulled = NULL;
  int64_t base = 0;
  GStatBuf st;
  double start;

  if (!incremental)
    lapak_db_exec (till, "DELETE FROM meta WHERE key = 'sync_marks'", NULL);
  lapak_sync_export_for_hub (till, probe, TRUE, &base, &mark, &error);
  die_on (error, "export");
  if ((base > 0) != incremental)
    g_error ("expected a%s bundle", incremental ? "n incremental" : " full");
  g_stat (probe, &st);
  g_unlink (probe);
  *out_bytes = (double)st.st_size;

  start = now_s ();
  pulled = lapak_sync_push (till, NULL, &pushed, &error);
  *out_seconds = now_s () - start;
  die_on (error, "push");
  if (pushed->new_sales != 10)
    g_error ("the hub merged %" G_GINT64_FORMAT " new sales, not 10", (gint64)pushed->new_sales);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "sales", 0, 0, G_OPTION_ARG_INT, &opt_sales, "Sales before the measured pushes (10000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Pairs of pushes measured (5)", "R" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Folder for the databases (a temporary one)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a push after a long day, full and incremental");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) till = NULL;
  g_autoptr(LapakUser) till_org = NULL;
  g_autoptr(GArray) inc_bytes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_bytes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inc_time = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_time = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bytes_ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) time_ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *code = NULL;
  g_autofree char *till_dir = NULL;
  GThread *thread;
  Hub hub = { 0 };
  double first_s;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (opt_dir != NULL)
    {
      dir = g_build_filename (opt_dir, "bench-sync-push-XXXXXX", NULL);
      g_mkdir_with_parents (opt_dir, 0700);
      if (g_mkdtemp (dir) == NULL)
        g_error ("cannot make a folder in %s", opt_dir);
    }
  else
    dir = lapak_test_make_dir ();

  {
    g_autoptr(LapakDb) hub_db = lapak_test_selling_till (dir, "K1", &org, &codes);

    code = lapak_sync_pair_hub (hub_db, org, NULL, &error);
    die_on (error, "pair the hub");
    hub.db_path = g_strdup (lapak_db_get_path (hub_db));
  }
  hub.context = g_main_context_new ();
  hub.loop = g_main_loop_new (hub.context, FALSE);
  g_mutex_init (&hub.lock);
  g_cond_init (&hub.ready);
  thread = g_thread_new ("hub", hub_thread, &hub);
  g_mutex_lock (&hub.lock);
  while (hub.url == NULL)
    g_cond_wait (&hub.ready, &hub.lock);
  g_mutex_unlock (&hub.lock);

  till_dir = g_build_filename (dir, "k2", NULL);
  g_mkdir (till_dir, 0700);
  till = lapak_test_new_till (till_dir, "K2");
  till_org = lapak_test_login (till, "Org", "1234");
  lapak_sync_pair_till (till, till_org, code, &error);
  die_on (error, "pair the till");
  lapak_sync_set_hub_url (till, hub.url, &error);
  die_on (error, "the hub's address");
  {
    g_autoptr(LapakSyncResult) first = lapak_sync_push (till, NULL, NULL, &error);

    die_on (error, "the first push");
  }
  g_clear_pointer (&till_org, lapak_user_free);
  till_org = lapak_test_login (till, "Org", "1234");
  lapak_shift_open (till, till_org, 100000, NULL, &error);
  die_on (error, "open the shift");
  fprintf (stderr, "making %d sales on till K2…\n", opt_sales);
  lapak_db_exec (till, "PRAGMA synchronous = OFF", NULL);   /* set-up only */
  sell (till, till_org, codes, opt_sales, 0);
  lapak_db_exec (till, "PRAGMA synchronous = FULL", NULL);
  {
    double start = now_s ();
    g_autoptr(LapakSyncResult) all = lapak_sync_push (till, NULL, NULL, &error);

    first_s = now_s () - start;
    die_on (error, "the push of the day");
  }

  for (int run = 0; run < opt_runs; run++)
    {
      double ib, it, fb, ft;

      sell (till, till_org, codes, 10, opt_sales + run * 20);
      push (till, dir, TRUE, &ib, &it);
      sell (till, till_org, codes, 10, opt_sales + run * 20 + 10);
      push (till, dir, FALSE, &fb, &ft);
      fprintf (stderr, "run %d: incremental %.0f bytes %.3f s, full %.0f bytes %.3f s\n", run + 1, ib, it, fb, ft);
      g_array_append_val (inc_bytes, ib);
      g_array_append_val (inc_time, it);
      g_array_append_val (full_bytes, fb);
      g_array_append_val (full_time, ft);
      g_array_append_val (bytes_ratio, (double){ ib / fb });
      g_array_append_val (time_ratio, (double){ it / ft });
    }

  printf ("push of %d sales, the first of the day: %.3f s\n", opt_sales, first_s);
  printf ("then 10 sales and a push, %d times each way (min / median / max):\n", opt_runs);
  print_row ("full bundle (bytes)", full_bytes, 0);
  print_row ("incremental bundle (bytes)", inc_bytes, 0);
  print_row ("ratio incremental / full (bytes)", bytes_ratio, 4);
  print_row ("push with the full bundle (s)", full_time, 3);
  print_row ("push with the incremental bundle (s)", inc_time, 3);
  print_row ("ratio incremental / full (time)", time_ratio, 3);

  g_main_context_invoke (hub.context, quit_cb, hub.loop);
  g_thread_join (thread);
  g_main_loop_unref (hub.loop);
  g_main_context_unref (hub.context);
  g_mutex_clear (&hub.lock);
  g_cond_clear (&hub.ready);
  g_free (hub.url);
  g_free (hub.db_path);
  g_clear_object (&till);
  lapak_test_remove_tree (dir);
  return 0;
}
