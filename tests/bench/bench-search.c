/* bench-search.c — product search by name over 50,000 products
 *
 * Lapak: lapak_product_search () of a name fragment (with and without a
 * tenant), the whole answer built; the floor, in the same run: a bare
 * prepared `SELECT code, name, tenant_code, price FROM product WHERE name
 * LIKE ?` stepped to the end. Medians of 21 runs each, and the ratio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "lapak-search.h"
#include "lapak-test-util.h"

#define N_PRODUCTS 50000
#define RUNS 21

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v)
{
  qsort (v, RUNS, sizeof *v, compare_doubles);
  return v[RUNS / 2];
}

static double
floor_ms (sqlite3    *db,
          const char *pattern)
{
  sqlite3_stmt *stmt = NULL;
  gint64 t0 = g_get_monotonic_time ();
  int rows = 0;

  sqlite3_prepare_v2 (db, "SELECT code, name, tenant_code, price FROM product WHERE name LIKE ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (stmt);
  g_assert_cmpint (rows, >, 0);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  sqlite3 *handle = lapak_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  static const char *words[] = { "Sambal", "Keripik", "Kopi", "Batik", "Tempe" };
  static const char *tenants[] = { "KLL", "BTK", "SMB" };
  double lapak[RUNS], lapak_tenant[RUNS], bare[RUNS];

  sqlite3_exec (handle, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (handle, "INSERT INTO product (code, tenant_code, serial, name, price, status, created_at) "
                      "VALUES (?1, ?2, ?3, ?4, 1000, 'active', 0)", -1, &stmt, NULL);
  for (int i = 0; i < N_PRODUCTS; i++)
    {
      g_autofree char *code = g_strdup_printf ("%s-B%05d", tenants[i % 3], i);
      g_autofree char *name = g_strdup_printf ("%s %s %05d", words[i % 5], i % 7 ? "Biasa" : "Pedas", i);

      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, tenants[i % 3], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, 1000 + i);
      sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);

  for (int r = 0; r < RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GPtrArray) hits = lapak_product_search (db, "sambal pedas", NULL, 0, NULL);
      gint64 t1;
      g_autoptr(GPtrArray) hits_tenant = NULL;

      t1 = g_get_monotonic_time ();
      hits_tenant = lapak_product_search (db, "pedas", "KLL", 0, NULL);
      lapak[r] = (t1 - t0) / 1000.0;
      lapak_tenant[r] = (g_get_monotonic_time () - t1) / 1000.0;
      g_assert_cmpuint (hits->len, >, 0);
      g_assert_cmpuint (hits_tenant->len, >, 0);
      bare[r] = floor_ms (handle, "%pedas%");
    }
  g_print ("search over %d products: \"sambal pedas\" %.2f ms, \"pedas\" of one tenant %.2f ms; "
           "floor (bare LIKE scan) %.2f ms; ratios %.2f and %.2f\n",
           N_PRODUCTS + LAPAK_TEST_N_PRODUCTS, median (lapak), median (lapak_tenant), median (bare),
           median (lapak) / median (bare), median (lapak_tenant) / median (bare));
  lapak_test_remove_tree (dir);
  return 0;
}
