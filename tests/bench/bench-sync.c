/* bench-sync.c — importing a till's bundle at the hub, as a ratio to a floor
 * measured in the same run on the same file system
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sync [--sales N] [--runs R] [--dir DIR]
 *
 * A till K2 makes N sales (10,000 by default; 3 lines of 2–3 tenants each,
 * paid by QRIS) and writes its bundle. Each run starts the hub again from
 * the same copy and measures:
 *
 *  - import: lapak_sync_import() of the bundle — read and authenticate it,
 *    unpack it, run the journal verifier over it (chain and every payload
 *    rebuilt from its rows), merge it in one transaction (synchronous=FULL);
 *  - the floor: the same rows inserted directly — ATTACH the till's own
 *    database and INSERT … SELECT every table's K2 rows into the hub in one
 *    BEGIN IMMEDIATE … COMMIT, same pragmas (the import's 64 MiB cache
 *    included), same indexes and triggers;
 *  - for reference, the verifier alone (lapak_journal_verify on the till).
 *
 * Prints min / median / max over the runs of sales/s and of the cost ratio
 * import ÷ floor (computed per run). Target: ≥ 5,000 sales/s. Not a test:
 * nothing here asserts the target.
 */
#define G_LOG_DOMAIN "lapak-bench"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-sync.h"
#include "lapak-test-util.h"

static int opt_sales = 10000;
static int opt_runs = 3;
static char *opt_dir = NULL;

static const char *record_tables[] = {
  "journal", "shift", "sale", "sale_line", "payment", "sale_void", "refund", "refund_line",
  "cash_move", "stock_move", "account_entry", "settlement", "settlement_tenant",
};

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die_on (GError *error,
        const char *what)
{
  if (error != NULL)
    g_error ("%s: %s", what, error->message);
}

static void
restore (const char *pristine,
         const char *hub_path)
{
  g_autofree char *wal = g_strconcat (hub_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (hub_path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  if (!lapak_test_copy_file (pristine, hub_path))
    g_error ("cannot copy %s", pristine);
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
  printf ("%-40s %9.*f / %9.*f / %9.*f\n", label,
          decimals, g_array_index (values, double, 0),
          decimals, g_array_index (values, double, values->len / 2),
          decimals, g_array_index (values, double, values->len - 1));
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "sales", 0, 0, G_OPTION_ARG_INT, &opt_sales, "Sales in the bundle (10000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs (3)", "R" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Folder for the databases (a temporary one)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— import a till's bundle at the hub");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *hub_path = NULL;
  g_autofree char *till_path = NULL;
  g_autofree char *pristine = NULL;
  g_autofree char *bundle = NULL;
  g_autoptr(GArray) rate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_rate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verify_rate = g_array_new (FALSE, FALSE, sizeof (double));
  double export_s;
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (opt_dir != NULL)
    {
      dir = g_build_filename (opt_dir, "bench-sync-XXXXXX", NULL);
      g_mkdir_with_parents (opt_dir, 0700);
      if (g_mkdtemp (dir) == NULL)
        g_error ("cannot make a folder in %s", opt_dir);
    }
  else
    dir = lapak_test_make_dir ();
  pristine = g_build_filename (dir, "hub-pristine.db", NULL);
  bundle = g_build_filename (dir, "k2.lapak", NULL);

  /* The hub (paired), and the till with its sales. */
  {
    g_autoptr(LapakUser) org = NULL;
    g_autoptr(GPtrArray) codes = NULL;
    g_autoptr(LapakDb) hub = lapak_test_selling_till (dir, "K1", &org, &codes);
    g_autofree char *code = lapak_sync_pair_hub (hub, org, NULL, &error);
    g_autofree char *hub_bundle = g_build_filename (dir, "hub.lapak", NULL);
    g_autofree char *till_dir = g_build_filename (dir, "k2", NULL);
    g_autoptr(LapakDb) till = NULL;
    g_autoptr(LapakUser) till_org = NULL;
    g_autoptr(LapakSyncResult) first = NULL;
    double start;

    die_on (error, "pair the hub");
    lapak_sync_export (hub, hub_bundle, NULL, &error);
    die_on (error, "export the hub's bundle");
    hub_path = g_strdup (lapak_db_get_path (hub));
    lapak_db_exec (hub, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
    if (!lapak_test_copy_file (hub_path, pristine))
      g_error ("cannot copy the hub");

    g_mkdir (till_dir, 0700);
    till = lapak_test_new_till (till_dir, "K2");
    till_path = g_strdup (lapak_db_get_path (till));
    /* Set-up only: the till's sales are not what is measured. */
    lapak_db_exec (till, "PRAGMA synchronous = OFF", NULL);
    till_org = lapak_test_login (till, "Org", "1234");
    lapak_sync_pair_till (till, till_org, code, &error);
    die_on (error, "pair the till");
    first = lapak_sync_import (till, hub_bundle, &error);
    die_on (error, "import the hub's bundle");
    lapak_shift_open (till, till_org, 100000, NULL, &error);
    die_on (error, "open the shift");

    fprintf (stderr, "making %d sales on till K2…\n", opt_sales);
    for (int i = 0; i < opt_sales; i++)
      {
        g_autoptr(LapakCart) cart = lapak_cart_new (till, &error);
        g_autoptr(LapakSale) sale = NULL;

        for (int l = 0; l < 3; l++)
          {
            const char *c = g_ptr_array_index (codes, (guint)(i * 3 + l * 2) % codes->len);

            lapak_cart_scan (cart, c, &error);
            die_on (error, "scan");
          }
        lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, NULL, &error);
        die_on (error, "pay");
        sale = lapak_sale_commit (till, till_org, cart, &error);
        die_on (error, "sell");
      }
    lapak_db_exec (till, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

    start = now_s ();
    lapak_sync_export (till, bundle, NULL, &error);
    export_s = now_s () - start;
    die_on (error, "export the till's bundle");
  }
  g_stat (bundle, &st);

  for (int run = 0; run < opt_runs; run++)
    {
      double t_import, t_floor, t_verify;

      /* Lapak: the import. */
      restore (pristine, hub_path);
      {
        g_autoptr(LapakDb) hub = lapak_db_open (hub_path, &error);
        g_autoptr(LapakSyncResult) result = NULL;
        double start;

        die_on (error, "open the hub");
        start = now_s ();
        result = lapak_sync_import (hub, bundle, &error);
        t_import = now_s () - start;
        die_on (error, "import");
        if (result->new_sales != opt_sales)
          g_error ("imported %" G_GINT64_FORMAT " sales, not %d", (gint64)result->new_sales, opt_sales);
      }

      /* The floor: the same rows, inserted directly from the till's file. */
      restore (pristine, hub_path);
      {
        g_autoptr(LapakDb) hub = lapak_db_open (hub_path, &error);
        sqlite3 *h;
        double start;

        die_on (error, "open the hub");
        h = lapak_db_get_handle (hub);
        start = now_s ();
        {
          char *attach = sqlite3_mprintf ("ATTACH DATABASE %Q AS till", till_path);

          if (sqlite3_exec (h, attach, NULL, NULL, NULL) != SQLITE_OK ||
              sqlite3_exec (h, "PRAGMA main.cache_size = -65536", NULL, NULL, NULL) != SQLITE_OK ||
              sqlite3_exec (h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            g_error ("floor: %s", sqlite3_errmsg (h));
          sqlite3_free (attach);
          for (guint t = 0; t < G_N_ELEMENTS (record_tables); t++)
            {
              g_autofree char *sql = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM till.%s WHERE till_id = 'K2'",
                                                      record_tables[t], record_tables[t]);

              if (sqlite3_exec (h, sql, NULL, NULL, NULL) != SQLITE_OK)
                g_error ("floor: %s: %s", sql, sqlite3_errmsg (h));
            }
          if (sqlite3_exec (h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            g_error ("floor: %s", sqlite3_errmsg (h));
          sqlite3_exec (h, "DETACH DATABASE till", NULL, NULL, NULL);
        }
        t_floor = now_s () - start;
        if (lapak_test_query_int (hub, "SELECT COUNT(*) FROM sale WHERE till_id = 'K2'") != opt_sales)
          g_error ("floor: not every sale inserted");
      }

      /* For reference: the verifier alone, on the till's own database. */
      {
        g_autoptr(LapakDb) till = lapak_db_open (till_path, &error);
        g_autoptr(LapakJournalReport) report = NULL;
        double start;

        die_on (error, "open the till");
        start = now_s ();
        report = lapak_journal_verify (till, &error);
        t_verify = now_s () - start;
        die_on (error, "verify");
        if (!report->ok)
          g_error ("the till's journal is broken: %s", report->problem);
      }

      g_array_append_val (rate, (double){ opt_sales / t_import });
      g_array_append_val (floor_rate, (double){ opt_sales / t_floor });
      g_array_append_val (ratio, (double){ t_import / t_floor });
      g_array_append_val (verify_rate, (double){ opt_sales / t_verify });
      fprintf (stderr, "run %d: import %.3f s, floor %.3f s, verifier alone %.3f s\n",
               run + 1, t_import, t_floor, t_verify);
    }

  printf ("bench-sync: import of a bundle of %d sales (%.1f MiB; export took %.2f s), %d runs, "
          "min / median / max\n", opt_sales, (double)st.st_size / (1024.0 * 1024.0), export_s, opt_runs);
  print_row ("import (sales/s)", rate, 0);
  print_row ("floor: direct INSERT…SELECT (sales/s)", floor_rate, 0);
  print_row ("ratio import / floor (cost)", ratio, 2);
  print_row ("verifier alone (sales/s)", verify_rate, 0);
  printf ("target: import >= 5000 sales/s\n");

  lapak_test_remove_tree (dir);
  return 0;
}
