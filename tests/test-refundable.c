/* test-refundable.c — what the kiosk's refund page and shift picker read:
 * units already refunded per sale line, and the till's shifts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-test-util.h"

static LapakSale *
sell (LapakDb         *db,
      const LapakUser *cashier,
      const char      *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  g_auto(GStrv) scans = g_strsplit (input, " ", -1);
  LapakSale *sale;

  g_assert_no_error (error);
  for (guint i = 0; scans[i] != NULL; i++)
    g_assert_true (lapak_cart_scan (cart, scans[i], &error));
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, lapak_cart_total (cart), NULL, &error));
  sale = lapak_sale_commit (db, cashier, cart, &error);
  g_assert_no_error (error);
  return sale;
}

#define ROW(a, i) (&g_array_index ((a), LapakRefundable, (i)))

/* Sold, refunded and refundable per line follow each refund; the core
 * refuses exactly what the query says is no longer refundable; a voided
 * sale has nothing refundable; an unknown sale is an error. */
static void
test_refundable (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  LapakUser *org = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autoptr(LapakUser) boss = org;
  g_autoptr(LapakUser) supervisor = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakSale) other = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *input = NULL;
  const char *a = g_ptr_array_index (codes, 0);
  const char *b = g_ptr_array_index (codes, 1);
  LapakRefundItem two_a = { a, 2 };
  LapakRefundItem one_a = { a, 1 };

  g_assert_true (lapak_user_add (db, boss, "Bayu", LAPAK_ROLE_SUPERVISOR, NULL, "2222", &error));
  supervisor = lapak_test_login (db, "Bayu", "2222");
  input = g_strdup_printf ("%s*3 %s*1", a, b);
  sale = sell (db, boss, input);

  rows = lapak_sale_refundable (db, sale->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (ROW (rows, 0)->sold, ==, 3);
  g_assert_cmpint (ROW (rows, 0)->refunded, ==, 0);
  g_assert_cmpint (ROW (rows, 0)->refundable, ==, 3);
  g_assert_cmpint (ROW (rows, 1)->refundable, ==, 1);
  g_clear_pointer (&rows, g_array_unref);

  g_assert_true (lapak_sale_refund (db, boss, supervisor, sale->id, &two_a, 1, LAPAK_PAY_QRIS,
                                    "rusak", NULL, &error));
  g_assert_no_error (error);
  rows = lapak_sale_refundable (db, sale->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ROW (rows, 0)->sold, ==, 3);
  g_assert_cmpint (ROW (rows, 0)->refunded, ==, 2);
  g_assert_cmpint (ROW (rows, 0)->refundable, ==, 1);
  g_assert_cmpint (ROW (rows, 1)->refunded, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  /* Two more are refused, one is taken; then none is left. */
  g_assert_false (lapak_sale_refund (db, boss, supervisor, sale->id, &two_a, 1, LAPAK_PAY_CASH,
                                     "rusak", NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lapak_sale_refund (db, boss, supervisor, sale->id, &one_a, 1, LAPAK_PAY_CASH,
                                    "rusak", NULL, &error));
  rows = lapak_sale_refundable (db, sale->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ROW (rows, 0)->refunded, ==, 3);
  g_assert_cmpint (ROW (rows, 0)->refundable, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  /* A voided sale: nothing refundable. */
  other = sell (db, boss, a);
  g_assert_true (lapak_sale_void (db, boss, supervisor, other->id, "salah", &error));
  rows = lapak_sale_refundable (db, other->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (ROW (rows, 0)->sold, ==, 1);
  g_assert_cmpint (ROW (rows, 0)->refundable, ==, 0);
  g_clear_pointer (&rows, g_array_unref);

  g_assert_null (lapak_sale_refundable (db, "K1-999999", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

/* Newest first, the open one without closing time or Z number, the limit
 * respected. */
static void
test_shift_list (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GError) error = NULL;
  LapakUser *org = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autoptr(LapakUser) boss = org;
  g_autoptr(LapakShiftReport) z = NULL;
  const LapakShiftInfo *info;
  int64_t first = 0;
  int64_t second = 0;

  g_assert_true (lapak_shift_current (db, &first, &error));
  z = lapak_shift_close (db, boss, 0, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_shift_open (db, boss, 5000, &second, &error));
  g_assert_cmpint (second, >, first);

  shifts = lapak_shift_list (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shifts->len, ==, 2);
  info = g_ptr_array_index (shifts, 0);
  g_assert_cmpint (info->seq, ==, second);
  g_assert_cmpint (info->closed_at, ==, 0);
  g_assert_cmpint (info->z_number, ==, 0);
  g_assert_cmpstr (info->cashier, ==, lapak_user_get_name (boss));
  info = g_ptr_array_index (shifts, 1);
  g_assert_cmpint (info->seq, ==, first);
  g_assert_cmpint (info->closed_at, >=, info->opened_at);
  g_assert_cmpint (info->z_number, ==, z->z_number);
  g_assert_cmpint (info->z_number, >, 0);
  g_clear_pointer (&shifts, g_ptr_array_unref);

  shifts = lapak_shift_list (db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shifts->len, ==, 1);

  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sale/refundable", test_refundable);
  g_test_add_func ("/shift/list", test_shift_list);
  return g_test_run ();
}
