/* test-sales-summary.c — what a tenant's page sums up above its sales
 * (lapak_sales_summary), in the core, without GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-sales-lines.h"
#include "lapak-test-util.h"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  LapakUser *lina;     /* tenant user of KLL */
  LapakUser *budi;     /* tenant user of BTK */
  LapakUser *sari;     /* cashier */
  GPtrArray *codes;    /* KLL 15,000, KLL 32,500, BTK, BTK, SMB, SMB */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_selling_till (f->dir, "K1", &f->org, &f->codes);
  g_assert_true (lapak_user_add (f->db, f->org, "Lina", LAPAK_ROLE_TENANT, "KLL", "5555", &error));
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (f->db, f->org, "Budi", LAPAK_ROLE_TENANT, "BTK", "6666", &error));
  g_assert_no_error (error);
  g_assert_true (lapak_user_add (f->db, f->org, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  g_assert_no_error (error);
  f->lina = lapak_test_login (f->db, "Lina", "5555");
  f->budi = lapak_test_login (f->db, "Budi", "6666");
  f->sari = lapak_test_login (f->db, "Sari", "1111");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_user_free (f->org);
  lapak_user_free (f->lina);
  lapak_user_free (f->budi);
  lapak_user_free (f->sari);
  g_ptr_array_unref (f->codes);
  g_object_unref (f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
code_at (Fixture *f,
         guint    i)
{
  return g_ptr_array_index (f->codes, i);
}

/* Sells the items of @input ("CODE*QTY" scans, space-separated) in one
 * sale as the organiser, paid by QRIS. */
static LapakSale *
sell (Fixture    *f,
      const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);
  g_auto(GStrv) scans = g_strsplit (input, " ", -1);
  LapakSale *sale;

  g_assert_no_error (error);
  for (guint i = 0; scans[i] != NULL; i++)
    {
      g_assert_true (lapak_cart_scan (cart, scans[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, lapak_cart_total (cart), NULL, &error));
  g_assert_no_error (error);
  sale = lapak_sale_commit (f->db, f->org, cart, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sale);
  return sale;
}

static void
test_nothing_sold (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LapakSalesSummary s = { -1, -1, -1 };

  g_assert_true (lapak_sales_summary (f->db, f->lina, NULL, "SELL-1", &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.units, ==, 0);
  g_assert_cmpint (s.net_sales, ==, 0);
  g_assert_cmpint (s.balance, ==, 0);
}

/* Sold, voided, refunded, other tenants' lines in the same sale. */
static void
test_sums (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a_input = g_strdup_printf ("%s*3 %s %s", code_at (f, 0), code_at (f, 1), code_at (f, 2));
  g_autofree char *b_input = g_strdup_printf ("%s*2", code_at (f, 0));
  g_autofree char *c_input = g_strdup_printf ("%s*4", code_at (f, 1));
  g_autoptr(LapakSale) a = sell (f, a_input);
  g_autoptr(LapakSale) b = sell (f, b_input);
  g_autoptr(LapakSale) c = sell (f, c_input);
  g_autoptr(GPtrArray) lines = NULL;
  LapakRefundItem item = { code_at (f, 1), 3 };
  LapakSalesSummary s = { 0 };
  LapakSalesSummary again = { 0 };
  int64_t refunded = 0;
  int64_t balance = 0;
  int64_t units = 0;
  int64_t net = 0;

  /* b is voided: none of it counts; 3 of c's 4 come back */
  g_assert_true (lapak_sale_void (f->db, f->org, f->org, b->id, "wrong item", &error));
  g_assert_no_error (error);
  g_assert_true (lapak_sale_refund (f->db, f->org, f->org, c->id, &item, 1, LAPAK_PAY_CASH,
                                    "broken", &refunded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (refunded, ==, 3 * 32500);

  g_assert_true (lapak_sales_summary (f->db, f->lina, NULL, "SELL-1", &s, &error));
  g_assert_no_error (error);
  /* 3 + 1 of a, 4 − 3 of c */
  g_assert_cmpint (s.units, ==, 5);
  g_assert_cmpint (s.net_sales, ==, 3 * 15000 + 32500 + 32500);
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.balance, ==, balance);
  /* no settlement yet: no commission taken, no charges, no payout */
  g_assert_cmpint (s.balance, ==, s.net_sales);

  /* the same as the lines the page lists, summed by hand */
  lines = lapak_sales_lines (f->db, f->lina, NULL, "SELL-1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < lines->len; i++)
    {
      const LapakSalesLine *l = lines->pdata[i];

      if (l->voided)
        continue;
      units += l->qty - l->refunded_qty;
      net += (l->qty - l->refunded_qty) * (l->unit_price - l->unit_discount);
    }
  g_assert_cmpint (s.units, ==, units);
  g_assert_cmpint (s.net_sales, ==, net);

  /* the organiser asks for KLL by name and gets the same */
  g_assert_true (lapak_sales_summary (f->db, f->org, "KLL", "SELL-1", &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again.units, ==, s.units);
  g_assert_cmpint (again.net_sales, ==, s.net_sales);
  g_assert_cmpint (again.balance, ==, s.balance);

  /* BTK's own line of sale a, and nothing of KLL's */
  g_assert_true (lapak_sales_summary (f->db, f->budi, NULL, "SELL-1", &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again.units, ==, 1);
  g_assert_cmpint (again.net_sales, ==, 275000);
}

/* Another event's sales do not count; all events (NULL) do. */
static void
test_event (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strdup_printf ("%s*2", code_at (f, 0));
  g_autoptr(LapakSale) a = sell (f, input);
  LapakSalesSummary s = { 0 };

  g_assert_true (lapak_event_create (f->db, f->org, "SELL-2", "Bazar Dua", LAPAK_EVENT_BAZAAR,
                                     1000, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_sales_summary (f->db, f->lina, NULL, "SELL-2", &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.units, ==, 0);
  g_assert_cmpint (s.net_sales, ==, 0);
  /* the balance is the account's, whatever the event */
  g_assert_cmpint (s.balance, >, 0);
  g_assert_true (lapak_sales_summary (f->db, f->lina, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.units, ==, 2);
  g_assert_cmpint (s.net_sales, ==, 30000);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strdup_printf ("%s %s", code_at (f, 0), code_at (f, 2));
  g_autoptr(LapakSale) a = sell (f, input);
  LapakSalesSummary s = { 7, 7, 7 };

  /* a tenant user may not sum up another tenant's sales */
  g_assert_false (lapak_sales_summary (f->db, f->lina, "BTK", "SELL-1", &s, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "KLL"));
  g_clear_error (&error);
  /* nobody logged in */
  g_assert_false (lapak_sales_summary (f->db, NULL, "KLL", "SELL-1", &s, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  /* a cashier must say which tenant */
  g_assert_false (lapak_sales_summary (f->db, f->sari, NULL, "SELL-1", &s, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  /* nothing was written to @out */
  g_assert_cmpint (s.units, ==, 7);
  g_assert_cmpint (s.net_sales, ==, 7);
  g_assert_cmpint (s.balance, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sales-summary/nothing-sold", test_nothing_sold);
  ADD ("/sales-summary/sums", test_sums);
  ADD ("/sales-summary/event", test_event);
  ADD ("/sales-summary/refused", test_refused);
#undef ADD

  return g_test_run ();
}
