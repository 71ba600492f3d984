/* test-stock-level.c — the stock level the triggers keep is SUM(delta)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 3 keeps stock_level (event, product) = SUM(delta) of
 * stock_move with triggers, so that a sale checks its stock with one
 * look-up (the sum grew with every unit sold: 1,000 sales of a product made
 * each further sale of it ~0.1 ms slower per line). Whatever writes the
 * movements — check-ins, sales, voids, refunds, a migration from version 2,
 * or someone editing rows with the sqlite3 tool — the two stay equal, and
 * overselling is still reported.
 */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "lapak-db-private.h"
#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-test-util.h"

#define MISMATCH_SQL \
  "SELECT count(*) FROM (" \
  "  SELECT event_code, product_code, SUM(delta) AS qty FROM stock_move GROUP BY 1, 2" \
  ") AS m FULL OUTER JOIN stock_level AS l USING (event_code, product_code) " \
  "WHERE m.qty IS NOT l.qty AND NOT (m.qty IS NULL AND l.qty = 0)"

static int64_t
query_int (sqlite3    *handle,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int64_t value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_levels_match (LapakDb *db)
{
  sqlite3 *handle = lapak_db_get_handle (db);

  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM stock_move"), >, 0);
  g_assert_cmpint (query_int (handle, MISMATCH_SQL), ==, 0);
}

static char *
add_product (LapakDb         *db,
             const LapakUser *org,
             const char      *tenant,
             const char      *name,
             int64_t          stock)
{
  g_autoptr(GError) error = NULL;
  LapakProductSpec spec = { tenant, NULL, name, 10000, stock, NULL };
  char *code = lapak_product_add (db, org, &spec, &error);

  g_assert_no_error (error);
  return code;
}

static void
set_up_event (LapakDb   *db,
              LapakUser *org)
{
  g_autoptr(GError) error = NULL;
  LapakTenantSpec kll = { "KLL", "Kue Lapis Legit", NULL, NULL, 1500, 0 };

  g_assert_true (lapak_event_create (db, org, "BZR", "Bazar", LAPAK_EVENT_BAZAAR, 1500, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_tenant_add (db, org, &kll, &error));
  g_assert_no_error (error);
}

static LapakSale *
sell (LapakDb         *db,
      const LapakUser *cashier,
      const char      *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  LapakSale *sale;

  g_assert_no_error (error);
  g_assert_true (lapak_cart_scan (cart, item, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, NULL, &error));
  g_assert_no_error (error);
  sale = lapak_sale_commit (db, cashier, cart, &error);
  g_assert_no_error (error);
  return sale;
}

static void
test_kept_by_every_writer (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakDb) db = lapak_test_new_till (dir, "K1");
  g_autoptr(LapakUser) org = lapak_test_login (db, "Org", "1234");
  g_autoptr(LapakUser) cashier = NULL;
  g_autoptr(LapakUser) sup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) first = NULL;
  g_autoptr(LapakSale) second = NULL;
  g_autoptr(LapakSale) third = NULL;
  g_autofree char *kue = NULL;
  g_autofree char *teh = NULL;
  g_autofree char *three = NULL;
  LapakRefundItem refund = { NULL, 1 };
  int64_t refunded = 0;
  int64_t shift = 0;

  set_up_event (db, org);
  kue = add_product (db, org, "KLL", "Kue lapis", 5);
  teh = add_product (db, org, "KLL", "Es teh", 0);
  g_assert_true (lapak_stock_check_in (db, org, teh, 2, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (db, org, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  g_assert_true (lapak_user_add (db, org, "Bayu", LAPAK_ROLE_SUPERVISOR, NULL, "2222", &error));
  g_assert_no_error (error);
  cashier = lapak_test_login (db, "Sari", "1111");
  sup = lapak_test_login (db, "Bayu", "2222");
  g_assert_true (lapak_shift_open (db, cashier, 100000, &shift, &error));
  g_assert_no_error (error);
  assert_levels_match (db);

  /* 3 of 5 in stock: no warning; then 3 more of the 2 left: reported. */
  three = g_strdup_printf ("%s*3", kue);
  first = sell (db, cashier, three);
  g_assert_cmpuint (first->warnings->len, ==, 0);
  second = sell (db, cashier, three);
  g_assert_cmpuint (second->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (second->warnings, 0), "only 2"));
  third = sell (db, cashier, teh);
  assert_levels_match (db);

  g_assert_true (lapak_sale_void (db, cashier, sup, first->id, "wrong item", &error));
  g_assert_no_error (error);
  refund.code = kue;
  g_assert_true (lapak_sale_refund (db, cashier, sup, second->id, &refund, 1, LAPAK_PAY_CASH,
                                    "stale", &refunded, &error));
  g_assert_no_error (error);
  assert_levels_match (db);

  /* Edited with the sqlite3 tool: inserted, changed and deleted rows. */
  {
    sqlite3 *handle = lapak_db_get_handle (db);

    g_assert_cmpint (sqlite3_exec (handle,
                                   "UPDATE stock_move SET delta = delta - 7 WHERE seq = 1;"
                                   "UPDATE stock_move SET product_code = (SELECT product_code FROM stock_move WHERE seq = 1) "
                                   "  WHERE seq = (SELECT MAX(seq) FROM stock_move);"
                                   "DELETE FROM stock_move WHERE seq = 2;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  assert_levels_match (db);
  lapak_test_remove_tree (dir);
}

/* A version-2 database gets its levels computed when it is upgraded. */
static void
test_migration_fills_levels (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "K1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = _lapak_db_create_at_version (path, "K1", 2, &error);
  g_autoptr(LapakUser) org = NULL;
  g_autofree char *kue = NULL;
  g_autofree char *teh = NULL;

  g_assert_no_error (error);
  g_assert_true (lapak_user_add_first_organiser (db, "Org", "1234", &error));
  g_assert_no_error (error);
  org = lapak_test_login (db, "Org", "1234");
  set_up_event (db, org);
  kue = add_product (db, org, "KLL", "Kue lapis", 5);
  teh = add_product (db, org, "KLL", "Es teh", 3);
  g_assert_true (lapak_stock_check_in (db, org, teh, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (lapak_db_get_handle (db),
                              "SELECT count(*) FROM sqlite_master WHERE name = 'stock_level'"), ==, 0);
  g_clear_object (&db);

  db = lapak_db_open (path, &error);
  g_assert_no_error (error);
  assert_levels_match (db);
  g_assert_cmpint (query_int (lapak_db_get_handle (db), "SELECT SUM(qty) FROM stock_level"), ==, 12);
  lapak_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stock-level/kept-by-every-writer", test_kept_by_every_writer);
  g_test_add_func ("/stock-level/migration-fills-levels", test_migration_fills_levels);

  return g_test_run ();
}
