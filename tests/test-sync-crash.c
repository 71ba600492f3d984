/* test-sync-crash.c — kill -9 during a bundle import: all of it or none of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A till K2 with LAPAK_SYNC_CRASH_SALES sales (1,500 by default, 400 under
 * ASan) writes its bundle; the hub imports it in a forked child that the
 * test kills with SIGKILL after a random delay (seeded, the seed printed):
 * half spread over the time one whole import takes, half over its last
 * part, where it writes; LAPAK_SYNC_CRASH_KILLS times (40; 20 under ASan),
 * the hub starting each time from the same copy. After every kill
 * the hub is opened as it would be and must hold either nothing of the
 * bundle (no row of K2 in any table, no catalogue row or conflict it
 * brings, K2 unknown to the sync status) or all of it (every row, and K2's
 * journal verifies at the hub). A kill that found the hub's WAL written
 * but not committed is counted: those are the kills inside the import's
 * transaction.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-journal.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-sync.h"
#include "lapak-test-util.h"

/* Under AddressSanitizer every allocation unwinds its stack (see
 * test-crash.c): a smaller till and fewer kills keep the run short. */
#if defined(__SANITIZE_ADDRESS__)
#define DEFAULT_KILLS 20
#define DEFAULT_SALES 400
#else
#define DEFAULT_KILLS 40
#define DEFAULT_SALES 1500
#endif

static const char *till_tables[] = {
  "journal", "shift", "sale", "sale_line", "payment", "sale_void", "refund", "refund_line",
  "cash_move", "stock_move", "account_entry",
};

static int
env_int (const char *name,
         int         fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? atoi (value) : fallback;
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The child: import and leave without cleaning up (as a kill would). */
static pid_t
spawn_import (const char *hub_path,
              const char *bundle)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GError *error = NULL;
      LapakDb *hub = lapak_db_open (hub_path, &error);
      LapakSyncResult *result = hub ? lapak_sync_import (hub, bundle, &error) : NULL;

      _exit (result != NULL ? 0 : 3);
    }
  return pid;
}

static void
restore (const char *pristine,
         const char *hub_path)
{
  g_autofree char *wal = g_strconcat (hub_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (hub_path, "-shm", NULL);
  g_autofree char *dir = g_path_get_dirname (hub_path);
  g_autofree char *prefix = g_path_get_basename (hub_path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  /* What a killed import left beside the hub's database. */
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && strstr (name, ".sync-") != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        lapak_test_remove_tree (path);
      }
  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (lapak_test_copy_file (pristine, hub_path));
}

static gint64
count_rows (LapakDb    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE till_id = 'K2'", table);

  return lapak_test_query_int (db, sql);
}

static void
test_kill_during_import (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hub_path = NULL;
  g_autofree char *pristine = g_build_filename (dir, "hub-pristine.db", NULL);
  g_autofree char *bundle = g_build_filename (dir, "k2.lapak", NULL);
  g_autofree char *wal = NULL;
  gint64 want[G_N_ELEMENTS (till_tables)];
  gint64 want_products;
  int n_sales = env_int ("LAPAK_SYNC_CRASH_SALES", DEFAULT_SALES);
  int kills = env_int ("LAPAK_SYNC_CRASH_KILLS", DEFAULT_KILLS);
  guint none = 0, all = 0, mid_write = 0, finished = 0;
  double whole;

  /* The hub and the till, the till's sales and its bundle. */
  {
    g_autoptr(LapakUser) hub_org = NULL;
    g_autoptr(GPtrArray) hub_codes = NULL;
    g_autoptr(LapakDb) hub = lapak_test_selling_till (dir, "K1", &hub_org, &hub_codes);
    g_autofree char *code = lapak_sync_pair_hub (hub, hub_org, NULL, &error);
    g_autofree char *hub_bundle = g_build_filename (dir, "hub.lapak", NULL);
    g_autofree char *till_dir = g_build_filename (dir, "k2", NULL);
    g_autoptr(LapakDb) till = NULL;
    g_autoptr(LapakUser) org = NULL;
    g_autoptr(GPtrArray) products = NULL;
    LapakProductSpec spec = { "SMB", "SB-K2", "Sambal Matah K2", 21000, 100, NULL };
    g_autofree char *own_code = NULL;

    g_assert_no_error (error);
    g_assert_true (lapak_sync_export (hub, hub_bundle, NULL, &error));
    g_assert_no_error (error);
    hub_path = g_strdup (lapak_db_get_path (hub));
    g_assert_true (lapak_db_exec (hub, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
    g_assert_true (lapak_test_copy_file (hub_path, pristine));

    g_assert_cmpint (g_mkdir (till_dir, 0700), ==, 0);
    till = lapak_test_new_till (till_dir, "K2");
    g_assert_true (lapak_db_exec (till, "PRAGMA synchronous = OFF", NULL));
    org = lapak_test_login (till, "Org", "1234");
    g_assert_true (lapak_sync_pair_till (till, org, code, &error));
    lapak_sync_result_free (lapak_sync_import (till, hub_bundle, &error));
    g_assert_no_error (error);
    /* A product made at the till: a catalogue row the bundle brings. */
    own_code = lapak_product_add (till, org, &spec, &error);
    g_assert_no_error (error);
    g_assert_true (lapak_shift_open (till, org, 100000, NULL, &error));
    g_assert_no_error (error);
    products = lapak_product_list (till, NULL, &error);
    g_assert_no_error (error);
    for (int i = 0; i < n_sales; i++)
      {
        g_autoptr(LapakCart) cart = lapak_cart_new (till, &error);
        g_autoptr(LapakSale) sale = NULL;
        const LapakProduct *p = g_ptr_array_index (products, (guint)i % products->len);
        const LapakProduct *q = g_ptr_array_index (products, (guint)(i * 7 + 3) % products->len);
        g_autofree char *a = g_strdup_printf ("%s*%d", p->code, 1 + i % 3);

        g_assert_true (lapak_cart_scan (cart, a, &error));
        g_assert_true (lapak_cart_scan (cart, q->code, &error));
        g_assert_true (lapak_cart_add_payment (cart, i % 2 ? LAPAK_PAY_QRIS : LAPAK_PAY_CARD, LAPAK_PAY_REST,
                                               NULL, &error));
        sale = lapak_sale_commit (till, org, cart, &error);
        g_assert_no_error (error);
      }
    g_assert_true (lapak_sync_export (till, bundle, NULL, &error));
    g_assert_no_error (error);
    for (guint t = 0; t < G_N_ELEMENTS (till_tables); t++)
      want[t] = count_rows (till, till_tables[t]);
    want_products = lapak_test_query_int (hub, "SELECT COUNT(*) FROM product") + 1;
  }
  wal = g_strconcat (hub_path, "-wal", NULL);

  /* One whole import, to spread the kills over its length. */
  {
    double start = now_s ();
    int status = 0;
    pid_t pid;

    restore (pristine, hub_path);
    pid = spawn_import (hub_path, bundle);
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    whole = now_s () - start;
    g_test_message ("one import of %d sales: %.0f ms", n_sales, whole * 1e3);
  }

  for (int k = 0; k < kills; k++)
    {
      g_autoptr(LapakDb) hub = NULL;
      gint64 journal;
      int status = 0;
      gboolean wal_written;
      /* Half the kills anywhere in the import, half in its last part,
       * where it writes. */
      double delay = k % 2 ? g_test_rand_double_range (0, whole * 1.2)
                           : g_test_rand_double_range (whole * 0.6, whole * 1.05);
      pid_t pid;

      restore (pristine, hub_path);
      pid = spawn_import (hub_path, bundle);
      g_usleep ((gulong)(delay * 1e6));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFEXITED (status))
        {
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
          finished++;
        }
      {
        GStatBuf st;

        wal_written = g_stat (wal, &st) == 0 && st.st_size > 0;
      }

      hub = lapak_db_open (hub_path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lapak_test_query_int (hub, "SELECT COUNT(*) FROM pragma_integrity_check "
                                                  "WHERE integrity_check <> 'ok'"), ==, 0);
      journal = count_rows (hub, "journal");
      if (journal == 0)
        {
          for (guint t = 0; t < G_N_ELEMENTS (till_tables); t++)
            g_assert_cmpint (count_rows (hub, till_tables[t]), ==, 0);
          g_assert_cmpint (lapak_test_query_int (hub, "SELECT COUNT(*) FROM sync_till"), ==, 0);
          g_assert_cmpint (lapak_test_query_int (hub, "SELECT COUNT(*) FROM sync_conflict"), ==, 0);
          g_assert_cmpint (lapak_test_query_int (hub, "SELECT COUNT(*) FROM product"), ==, want_products - 1);
          none++;
          mid_write += wal_written && !WIFEXITED (status);
        }
      else
        {
          g_autoptr(LapakJournalReport) report = NULL;

          for (guint t = 0; t < G_N_ELEMENTS (till_tables); t++)
            g_assert_cmpint (count_rows (hub, till_tables[t]), ==, want[t]);
          g_assert_cmpint (lapak_test_query_int (hub, "SELECT COUNT(*) FROM sync_till WHERE till_id = 'K2'"), ==, 1);
          g_assert_cmpint (lapak_test_query_int (hub, "SELECT COUNT(*) FROM product"), ==, want_products);
          report = lapak_sync_verify_till (hub, "K2", &error);
          g_assert_no_error (error);
          g_assert_true (report->ok);
          g_assert_cmpint (report->n_entries, ==, want[0]);
          all++;
        }
    }

  g_test_message ("%d kills: %u left nothing (%u of them inside the import's write transaction), "
                  "%u left all of it (%u imports had finished)",
                  kills, none, mid_write, all, finished);
  g_assert_cmpuint (none + all, ==, (guint)kills);
  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/crash/kill-during-import", test_kill_during_import);
  return g_test_run ();
}
