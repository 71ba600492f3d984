/* bench-settle.c — settlement preview against a bare SQL aggregate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not run by `meson test`: meson test -C _build --benchmark --suite settle-bench -v
 *
 * A till with TENANTS tenants and LINES sale lines (3 lines of 3 different
 * tenants per sale, paid in cash), written straight with SQL in the real
 * schema. Times lapak_settlement_preview() (min / median / max of 5) and,
 * in the same run, the floor: bare SQL aggregates over the same rows (per
 * tenant, the sum of the unsettled account entries and the units of the
 * sale lines; the payments per method) and the index floor: one bare
 * aggregate of the same sums over the covering index the preview reads
 * (account_entry_open, with the units and money per method each entry
 * carries since migration 8). Prints all three and the ratios of the
 * medians, in wall and in CPU time.
 */
#include <stdlib.h>
#include <time.h>

#include <glib.h>
#include <sqlite3.h>

#include "lapak-entry-summary.h"
#include "lapak-settle.h"
#include "lapak-test-util.h"

static void
exec (LapakDb    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (lapak_db_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, (GCompareFunc) compare_double);
  return v[n / 2];
}

#define FLOOR_SQL \
  "SELECT tenant_code, SUM(amount) FROM account_entry" \
  " WHERE event_code = 'BENCH' AND settlement IS NULL GROUP BY tenant_code;" \
  "SELECT tenant_code, SUM(qty) FROM sale_line GROUP BY tenant_code;" \
  "SELECT method, SUM(amount) FROM payment GROUP BY method;"

#define INDEX_FLOOR_SQL \
  "SELECT tenant_code, kind, COUNT(*), SUM(amount), SUM(units), SUM(pay_cash), SUM(pay_qris)," \
  " SUM(pay_transfer), SUM(pay_card), SUM(pay_ewallet) FROM account_entry" \
  " WHERE event_code = 'BENCH' AND settlement IS NULL GROUP BY tenant_code, kind;"

/* CPU seconds of this process: on a machine shared with other jobs the
 * wall time also counts the waits for a core. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
run (int tenants,
     int lines)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakDb) db = lapak_test_new_till (dir, "K1");
  g_autofree char *sql = NULL;
  int sales = lines / 3;
  double lapak[5], floor_[5], lapak_cpu[5], floor_cpu[5], index_[5], index_cpu[5];

  exec (db, "BEGIN;"
            "INSERT INTO event (code, name, kind, commission_bp, booth_fee, created_at)"
            " VALUES ('BENCH', 'Bench', 'trading-house', 1250, 0, 0);");
  sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %d)"
    " INSERT INTO tenant (code, name, created_at) SELECT printf('T%%04d', i), printf('Tenant %%d', i), 0 FROM n;"
    "INSERT INTO participation (event_code, tenant_code, commission_bp, booth_fee, joined_at)"
    " SELECT 'BENCH', code, 500 + (rowid * 37) %% 3000, 0, 0 FROM tenant;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO sale (till_id, seq, event_code, shift_seq, cashier, at, total, change, journal_seq)"
    " SELECT 'K1', i, 'BENCH', 1, 'Org', 1000 + i, 3000 + (i %% 7) * 300, 0, i FROM n;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d), k(j) AS (VALUES (0), (1), (2))"
    " INSERT INTO sale_line (till_id, sale_seq, line, product_code, tenant_code, name, qty, list_price, unit_price, unit_discount)"
    " SELECT 'K1', i, j + 1, 'P', printf('T%%04d', (i * 7 + j * 13) %% %d), 'x', 1, 1000 + (i %% 7) * 100,"
    "  1000 + (i %% 7) * 100, 0 FROM n, k;"
    "INSERT INTO payment (till_id, sale_seq, idx, method, amount, tendered)"
    " SELECT 'K1', seq, 1, 'cash', total, total FROM sale;"
    "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, ref, at)"
    " SELECT 'K1', ROW_NUMBER() OVER (), 'BENCH', tenant_code, 'sale', SUM(qty * unit_price),"
    "  printf('K1-%%06d', sale_seq), 1000 + sale_seq FROM sale_line GROUP BY sale_seq, tenant_code;"
    LAPAK_ENTRY_SUMMARY_UPDATE ";"
    "COMMIT; ANALYZE;",
    tenants, sales, sales, tenants);
  exec (db, sql);

  for (int r = 0; r < 5; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakSettlement) s = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_now ();

      s = lapak_settlement_preview (db, "BENCH", G_MAXINT64, &error);
      g_assert_no_error (error);
      lapak[r] = (g_get_monotonic_time () - t0) / 1e6;
      lapak_cpu[r] = cpu_now () - c0;
      g_assert_cmpint (s->payout + s->commission + s->charges, ==, s->net_sales);
      g_assert_cmpint (s->net_sales, ==, s->payments[0]);

      t0 = g_get_monotonic_time ();
      c0 = cpu_now ();
      exec (db, FLOOR_SQL);
      floor_[r] = (g_get_monotonic_time () - t0) / 1e6;
      floor_cpu[r] = cpu_now () - c0;

      t0 = g_get_monotonic_time ();
      c0 = cpu_now ();
      exec (db, INDEX_FLOOR_SQL);
      index_[r] = (g_get_monotonic_time () - t0) / 1e6;
      index_cpu[r] = cpu_now () - c0;
    }
  {
    double m = median (lapak, 5), f = median (floor_, 5);

    g_print ("settle preview %d tenants / %d lines: %.3f / %.3f / %.3f s (min / median / max); "
             "floor (bare SQL aggregate) %.3f / %.3f / %.3f s; ratio of medians %.2f\n",
             tenants, sales * 3, lapak[0], m, lapak[4], floor_[0], f, floor_[4], m / f);
    m = median (lapak_cpu, 5);
    f = median (floor_cpu, 5);
    g_print ("  CPU time: preview %.3f / %.3f / %.3f s; floor %.3f / %.3f / %.3f s; ratio of medians %.2f\n",
             lapak_cpu[0], m, lapak_cpu[4], floor_cpu[0], f, floor_cpu[4], m / f);
    m = median (lapak, 5);
    f = median (index_, 5);
    g_print ("  index floor (one aggregate over account_entry_open): wall %.3f / %.3f / %.3f s, ratio of medians %.2f;",
             index_[0], f, index_[4], m / f);
    m = median (lapak_cpu, 5);
    f = median (index_cpu, 5);
    g_print (" CPU %.3f / %.3f / %.3f s, ratio of medians %.2f\n", index_cpu[0], f, index_cpu[4], m / f);
  }
  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  run (200, 150000);
  if (argc > 1 && g_str_equal (argv[1], "--large"))
    run (2000, 1000000);
  return 0;
}
