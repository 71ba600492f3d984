/* test-print-till.c — a receipt as the till's receipt printer takes it
 * (lapak_print_settings_receipt), without a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lapak-test-util.h"

#include "lapak-escpos.h"
#include "lapak-print-job.h"
#include "lapak-print-settings.h"
#include "lapak-receipt-pdf.h"
#include "lapak-sale.h"

static char *
sell (LapakDb        *db,
      LapakUser      *user,
      const char     *code,
      LapakPayMethod  method)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  g_autoptr(LapakSale) sale = NULL;

  g_assert_no_error (error);
  g_assert_true (lapak_cart_scan (cart, code, &error));
  /* cash is tendered: a round Rp 1,000,000 (change given) */
  g_assert_true (lapak_cart_add_payment (cart, method, method == LAPAK_PAY_CASH ? 1000000 : LAPAK_PAY_REST,
                                         NULL, &error));
  sale = lapak_sale_commit (db, user, cart, &error);
  g_assert_no_error (error);
  return g_strdup (sale->id);
}

static void
test_render (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) db = lapak_test_selling_till (dir, "K1", &org, &codes);
  g_autofree char *cash = sell (db, org, codes->pdata[0], LAPAK_PAY_CASH);
  g_autofree char *qris = sell (db, org, codes->pdata[1], LAPAK_PAY_QRIS);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakPrintSettings) s = lapak_print_settings_load (db, &error);
  g_autoptr(LapakReceipt) r_cash = lapak_receipt_load (db, cash, &error);
  g_autoptr(LapakReceipt) r_qris = lapak_receipt_load (db, qris, &error);
  const char *format = NULL;

  g_assert_no_error (error);

  /* ESC/POS, 80 mm, drawer: the drawer opens for the cash sale's first print only */
  s->receipt_queue = g_strdup ("raw");
  s->receipt_width = LAPAK_PAPER_80MM;
  s->open_drawer = TRUE;
  for (guint i = 0; i < 3; i++)
    {
      LapakReceipt *r = i == 2 ? r_qris : r_cash;
      LapakEscposOptions options = { LAPAK_PAPER_80MM, i == 0 };
      g_autoptr(GBytes) want = NULL;
      g_autoptr(GBytes) got = NULL;

      r->reprint = i == 1;
      want = lapak_escpos_receipt (r, &options);
      got = lapak_print_settings_receipt (s, r, &format, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (format, ==, LAPAK_FORMAT_RAW);
      g_assert_true (g_bytes_equal (want, got));
      if (i == 0)
        {
          g_autoptr(GBytes) kick = lapak_escpos_drawer_kick ();

          /* a no-sale's kick is the one a cash receipt starts with */
          g_assert_cmpmem (g_bytes_get_data (got, NULL), 5, "\x1bp\x00\x19\xfa", 5);
          g_assert_cmpmem (g_bytes_get_data (kick, NULL), g_bytes_get_size (kick), "\x1bp\x00\x19\xfa", 5);
        }
      else
        g_assert_cmpmem (g_bytes_get_data (got, NULL), 2, "\x1b@", 2);
    }
  r_cash->reprint = FALSE;

  /* a printer with a driver gets a PDF of the paper's width */
  s->receipt_format = LAPAK_RECEIPT_PDF;
  {
    g_autoptr(GBytes) got = lapak_print_settings_receipt (s, r_cash, &format, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (format, ==, LAPAK_FORMAT_PDF);
    g_assert_cmpmem (g_bytes_get_data (got, NULL), 5, "%PDF-", 5);
  }
  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/print/till-receipt", test_render);
  return g_test_run ();
}
