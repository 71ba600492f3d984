/* test-shift-sales.c — the sales of a shift, as the kiosk's history lists them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "lapak-auth.h"
#include "lapak-error.h"
#include "lapak-receipt.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-test-util.h"

static LapakSale *
sell (LapakDb         *db,
      const LapakUser *cashier,
      const char      *code,
      const char      *qty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  g_autofree char *input = g_strdup_printf ("%s*%s", code, qty);
  LapakSale *sale;

  g_assert_no_error (error);
  g_assert_true (lapak_cart_scan (cart, input, &error));
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, lapak_cart_total (cart), NULL, &error));
  sale = lapak_sale_commit (db, cashier, cart, &error);
  g_assert_no_error (error);
  return sale;
}

/* Newest first, totals as committed, a voided sale marked, only this
 * shift's sales, nothing for a shift without any. */
static void
test_shift_sales (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) sales = NULL;
  g_autoptr(GError) error = NULL;
  LapakUser *org = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autoptr(LapakUser) boss = org;
  g_autoptr(LapakUser) cashier = NULL;
  g_autoptr(LapakUser) supervisor = NULL;
  g_autoptr(LapakSale) s1 = NULL;
  g_autoptr(LapakSale) s2 = NULL;
  g_autoptr(LapakSale) s3 = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  const LapakShiftSale *row;
  int64_t shift = 0;

  g_assert_true (lapak_user_add (db, boss, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  g_assert_true (lapak_user_add (db, boss, "Bayu", LAPAK_ROLE_SUPERVISOR, NULL, "2222", &error));
  cashier = lapak_test_login (db, "Sari", "1111");
  supervisor = lapak_test_login (db, "Bayu", "2222");
  g_assert_true (lapak_shift_current (db, &shift, &error));
  g_assert_cmpint (shift, >, 0);

  sales = lapak_shift_sales (db, shift, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sales->len, ==, 0);
  g_clear_pointer (&sales, g_ptr_array_unref);

  s1 = sell (db, cashier, g_ptr_array_index (codes, 0), "1");
  s2 = sell (db, cashier, g_ptr_array_index (codes, 1), "2");
  s3 = sell (db, cashier, g_ptr_array_index (codes, 0), "3");
  g_assert_true (lapak_sale_void (db, cashier, supervisor, s2->id, "wrong item", &error));

  sales = lapak_shift_sales (db, shift, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sales->len, ==, 3);
  row = g_ptr_array_index (sales, 0);
  g_assert_cmpstr (row->id, ==, s3->id);
  g_assert_cmpint (row->total, ==, s3->total);
  g_assert_false (row->voided);
  g_assert_cmpint (row->at, >, 0);
  row = g_ptr_array_index (sales, 1);
  g_assert_cmpstr (row->id, ==, s2->id);
  g_assert_cmpint (row->total, ==, s2->total);
  g_assert_true (row->voided);
  row = g_ptr_array_index (sales, 2);
  g_assert_cmpstr (row->id, ==, s1->id);
  g_assert_false (row->voided);
  g_clear_pointer (&sales, g_ptr_array_unref);

  /* A new shift starts with no sales; the old one keeps its three. */
  z = lapak_shift_close (db, cashier, 0, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_shift_open (db, cashier, 0, NULL, &error));
  g_assert_true (lapak_shift_current (db, &shift, &error));
  sales = lapak_shift_sales (db, shift, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sales->len, ==, 0);
  g_clear_pointer (&sales, g_ptr_array_unref);
  sales = lapak_shift_sales (db, z->seq, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sales->len, ==, 3);

  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

/* A scanned receipt QR code is a sale number too. */
static void
test_sale_id_from_receipt_qr (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  LapakUser *org = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autoptr(LapakUser) boss = org;
  g_autoptr(LapakSale) sale = sell (db, boss, g_ptr_array_index (codes, 0), "1");
  g_autoptr(LapakReceipt) receipt = lapak_receipt_load (db, sale->id, &error);
  g_autofree char *till = NULL;
  g_autofree char *lower = NULL;
  int64_t seq = 0;

  g_assert_no_error (error);
  g_assert_true (lapak_sale_id_parse (receipt->qr_text, &till, &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (till, ==, "K1");
  g_assert_cmpint (seq, ==, sale->seq);
  g_clear_pointer (&till, g_free);
  lower = g_ascii_strdown (receipt->qr_text, -1);
  g_assert_true (lapak_sale_id_parse (lower, &till, &seq, &error));
  g_clear_pointer (&till, g_free);
  /* Only that prefix, and a number must follow. */
  g_assert_false (lapak_sale_id_parse ("LAPAK:", &till, &seq, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_sale_id_parse ("OTHER:K1-000001", &till, &seq, &error));
  g_clear_error (&error);

  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shift/sales", test_shift_sales);
  g_test_add_func ("/sale/id-from-receipt-qr", test_sale_id_from_receipt_qr);
  return g_test_run ();
}
