/* test-tenants.c — product approval, price changes, what a tenant may see
 * (and the sums of its sales), the import preview and CSV export/import
 * round trips, in the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lapak-catalogue.h"
#include "lapak-csv.h"
#include "lapak-error.h"
#include "lapak-export.h"
#include "lapak-import.h"
#include "lapak-journal.h"
#include "lapak-receipt.h"
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
  GPtrArray *codes;    /* KLL, KLL, BTK, BTK, SMB, SMB */
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

/* The scan of @code must be refused with a message containing @what. */
static void
assert_scan_refused (Fixture    *f,
                     const char *code,
                     const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);

  g_assert_no_error (error);
  g_assert_false (lapak_cart_scan (cart, code, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, what));
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 0);
}

static LapakProductStatus
status_of (Fixture    *f,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakProduct) p = lapak_product_get (f->db, code, &error);

  g_assert_no_error (error);
  return p->status;
}

static char *
add_product (Fixture         *f,
             const LapakUser *actor,
             const char      *tenant,
             const char      *name,
             int64_t          price)
{
  g_autoptr(GError) error = NULL;
  LapakProductSpec spec = { tenant, NULL, name, price, 5, NULL };
  char *code = lapak_product_add (f->db, actor, &spec, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  return code;
}

/* ---------- approval ---------- */

static void
test_approval_flow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = add_product (f, f->lina, "KLL", "Keripik Tempe", 12000);
  g_autofree char *org_added = add_product (f, f->org, "KLL", "Keripik Usus", 14000);
  const char *codes[] = { mine, NULL };
  g_autoptr(LapakSale) sale = NULL;
  guint changed = 99;

  /* a tenant's product waits; the organiser's is sold at once */
  g_assert_cmpint (status_of (f, mine), ==, LAPAK_PRODUCT_PENDING);
  g_assert_cmpint (status_of (f, org_added), ==, LAPAK_PRODUCT_ACTIVE);
  assert_scan_refused (f, mine, "waiting for the organiser's approval");

  /* nobody but an organiser approves: not the tenant itself, not a cashier */
  g_assert_false (lapak_product_approve (f->db, f->lina, codes, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_product_approve (f->db, f->sari, codes, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (status_of (f, mine), ==, LAPAK_PRODUCT_PENDING);

  g_assert_true (lapak_product_approve (f->db, f->org, codes, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (status_of (f, mine), ==, LAPAK_PRODUCT_ACTIVE);
  sale = sell (f, mine);
  g_assert_cmpint (sale->total, ==, 12000);

  /* approving again changes nothing */
  g_assert_true (lapak_product_approve (f->db, f->org, codes, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);

  /* deactivated: refused at the till, with its own message */
  g_assert_false (lapak_product_deactivate (f->db, f->lina, mine, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (lapak_product_deactivate (f->db, f->org, mine, &error));
  g_assert_no_error (error);
  assert_scan_refused (f, mine, "is no longer sold");

  /* and approved back */
  g_assert_true (lapak_product_approve (f->db, f->org, codes, &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  g_clear_pointer (&sale, lapak_sale_free);
  sale = sell (f, mine);
  g_assert_cmpint (sale->total, ==, 12000);
}

static void
test_approve_all_or_none (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = add_product (f, f->lina, "KLL", "A", 1000);
  g_autofree char *b = add_product (f, f->lina, "KLL", "B", 1000);
  const char *codes[] = { a, "KLL-999X", b, NULL };
  const char *none[] = { NULL };

  g_assert_false (lapak_product_approve (f->db, f->org, codes, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "KLL-999X"));
  g_clear_error (&error);
  g_assert_cmpint (status_of (f, a), ==, LAPAK_PRODUCT_PENDING);
  g_assert_cmpint (status_of (f, b), ==, LAPAK_PRODUCT_PENDING);

  g_assert_false (lapak_product_approve (f->db, f->org, none, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_product_deactivate (f->db, f->org, "KLL-999X", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
}

/* Imported by an organiser: approved; by a tenant: pending. */
static void
test_import_status (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *org_file = lapak_test_write_file (f->dir, "org.csv",
                                                     "tenant,name,price\nKLL,Org Import,1000\n");
  g_autofree char *lina_file = lapak_test_write_file (f->dir, "lina.csv",
                                                      "tenant,name,price\nKLL,Lina Import,1000\n");
  g_autofree char *lina_active = lapak_test_write_file (f->dir, "lina-active.csv",
                                                        "tenant,name,price,status\nKLL,Sneaky,1000,active\n");
  g_autoptr(GPtrArray) pending = NULL;
  guint n = 0;

  g_assert_true (lapak_import_products (f->db, f->org, org_file, &n, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_import_products (f->db, f->lina, lina_file, &n, &error));
  g_assert_no_error (error);
  g_assert_false (lapak_import_products (f->db, f->lina, lina_active, &n, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lina-active.csv:2: Only an organiser"));
  g_clear_error (&error);

  pending = lapak_product_list_for_user (f->db, f->org, NULL, LAPAK_PRODUCT_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((LapakProduct *)pending->pdata[0])->name, ==, "Lina Import");
}

/* ---------- price changes ---------- */

static void
test_price_change_keeps_past_sales (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *code = code_at (f, 0);   /* Keripik Lele 100 g, Rp15.000 */
  g_autoptr(LapakSale) before = sell (f, code);
  g_autoptr(LapakSale) after = NULL;
  g_autoptr(LapakReceipt) receipt = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(LapakJournalReport) report = NULL;
  g_autoptr(LapakProduct) product = NULL;
  int64_t balance_before, balance_after;

  g_assert_cmpint (before->total, ==, 15000);
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance_before, &error));

  /* only an organiser, only a real price */
  g_assert_false (lapak_product_set_price (f->db, f->lina, code, 17500, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_product_set_price (f->db, f->org, code, 0, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_product_set_price (f->db, f->org, "KLL-999X", 100, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lapak_product_set_price (f->db, f->org, code, 17500, &error));
  g_assert_no_error (error);
  product = lapak_product_get (f->db, code, &error);
  g_assert_cmpint (product->price, ==, 17500);

  /* the past sale: its lines, receipt and the tenant's account unchanged */
  receipt = lapak_receipt_load (f->db, before->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->total, ==, 15000);
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance_after, &error));
  g_assert_cmpint (balance_after, ==, balance_before);

  after = sell (f, code);
  g_assert_cmpint (after->total, ==, 17500);

  lines = lapak_sales_lines (f->db, f->org, "KLL", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpint (((LapakSalesLine *)lines->pdata[0])->unit_price, ==, 15000);
  g_assert_cmpint (((LapakSalesLine *)lines->pdata[0])->list_price, ==, 15000);
  g_assert_cmpint (((LapakSalesLine *)lines->pdata[0])->total, ==, 15000);
  g_assert_cmpint (((LapakSalesLine *)lines->pdata[1])->unit_price, ==, 17500);

  /* the journal still verifies: the old sale's record is as it was written */
  report = lapak_journal_verify (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (report->ok);
}

/* ---------- what a tenant sees ---------- */

static void
test_tenant_sees_own_products (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = lapak_product_list_for_user (f->db, f->lina, NULL, LAPAK_PRODUCT_ANY_STATUS, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) cashier = NULL;
  g_autoptr(GPtrArray) other = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  for (guint i = 0; i < mine->len; i++)
    g_assert_cmpstr (((LapakProduct *)mine->pdata[i])->tenant, ==, "KLL");

  other = lapak_product_list_for_user (f->db, f->lina, "BTK", LAPAK_PRODUCT_ANY_STATUS, &error);
  g_assert_null (other);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);

  all = lapak_product_list_for_user (f->db, f->org, NULL, LAPAK_PRODUCT_ANY_STATUS, &error);
  g_assert_cmpuint (all->len, ==, LAPAK_TEST_N_PRODUCTS);
  cashier = lapak_product_list_for_user (f->db, f->sari, "BTK", LAPAK_PRODUCT_ANY_STATUS, &error);
  g_assert_cmpuint (cashier->len, ==, 2);

  g_assert_null (lapak_product_list_for_user (f->db, NULL, NULL, LAPAK_PRODUCT_ANY_STATUS, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
}

static void
test_tenant_sees_own_sales (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);
  g_autoptr(LapakSale) mixed = NULL;
  g_autoptr(LapakSale) btk_only = NULL;
  g_autoptr(GPtrArray) lina = NULL;
  g_autoptr(GPtrArray) budi = NULL;
  g_autoptr(GPtrArray) org = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);

  /* one sale with KLL and BTK goods, one with BTK only */
  g_assert_true (lapak_cart_scan (cart, code_at (f, 0), &error));
  g_assert_true (lapak_cart_scan (cart, code_at (f, 2), &error));
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, lapak_cart_total (cart), NULL, &error));
  mixed = lapak_sale_commit (f->db, f->org, cart, &error);
  g_assert_no_error (error);
  btk_only = sell (f, code_at (f, 3));

  lina = lapak_sales_lines (f->db, f->lina, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lina->len, ==, 1);
  g_assert_cmpstr (((LapakSalesLine *)lina->pdata[0])->tenant, ==, "KLL");
  g_assert_cmpstr (((LapakSalesLine *)lina->pdata[0])->sale, ==, mixed->id);

  budi = lapak_sales_lines (f->db, f->budi, "BTK", "SELL-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (budi->len, ==, 2);
  for (guint i = 0; i < budi->len; i++)
    g_assert_cmpstr (((LapakSalesLine *)budi->pdata[i])->tenant, ==, "BTK");

  g_assert_null (lapak_sales_lines (f->db, f->lina, "BTK", NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (lapak_sales_lines (f->db, NULL, NULL, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);

  org = lapak_sales_lines (f->db, f->org, NULL, NULL, &error);
  g_assert_cmpuint (org->len, ==, 3);

  /* the export is the same view: Lina's has her one line, nothing of BTK */
  g_assert_true (lapak_export_sales_lines (f->db, f->lina, NULL, NULL, LAPAK_CSV_STYLE_PLAIN, csv, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv->str, code_at (f, 0)));
  g_assert_null (strstr (csv->str, "BTK"));
  g_assert_null (strstr (csv->str, "Batik"));
  g_string_truncate (csv, 0);
  g_assert_true (lapak_export_products (f->db, f->lina, NULL, LAPAK_CSV_STYLE_PLAIN, csv, &error));
  g_assert_null (strstr (csv->str, "BTK"));
  g_assert_nonnull (strstr (csv->str, "Keripik Lele 250 g"));
  g_string_truncate (csv, 0);

  /* tenants' phones and bank accounts: the organiser only */
  g_assert_false (lapak_export_tenants (f->db, f->lina, LAPAK_CSV_STYLE_PLAIN, csv, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
}

static void
test_sales_lines_void_refund (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) a = sell (f, code_at (f, 4));
  g_autoptr(LapakSale) b = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *b_input = g_strdup_printf ("%s*3", code_at (f, 5));
  LapakRefundItem item = { code_at (f, 5), 2 };
  int64_t refunded = 0;

  b = sell (f, b_input);
  g_assert_true (lapak_sale_void (f->db, f->org, f->org, a->id, "wrong item", &error));
  g_assert_no_error (error);
  g_assert_true (lapak_sale_refund (f->db, f->org, f->org, b->id, &item, 1, LAPAK_PAY_CASH,
                                    "broken", &refunded, &error));
  g_assert_no_error (error);

  lines = lapak_sales_lines (f->db, f->org, "SMB", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_true (((LapakSalesLine *)lines->pdata[0])->voided);
  g_assert_cmpint (((LapakSalesLine *)lines->pdata[0])->refunded_qty, ==, 0);
  g_assert_false (((LapakSalesLine *)lines->pdata[1])->voided);
  g_assert_cmpint (((LapakSalesLine *)lines->pdata[1])->qty, ==, 3);
  g_assert_cmpint (((LapakSalesLine *)lines->pdata[1])->refunded_qty, ==, 2);
}

/* ---------- the sums above a tenant's sales (lapak_sales_summary) ---------- */

static void
test_summary_nothing_sold (Fixture       *f,
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
test_summary_sums (Fixture       *f,
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
test_summary_event (Fixture       *f,
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
test_summary_refused (Fixture       *f,
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

/* ---------- import preview ---------- */

static void
test_preview_rows (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = lapak_test_db_digest (lapak_db_get_path (f->db));
  g_autofree char *after = NULL;
  g_autofree char *path = lapak_test_write_file (f->dir, "produk.csv",
    "\xEF\xBB\xBFPenyewa;Nama;Harga;Stok;SKU;Barcode\r\n"
    "KLL;Keripik Bayam;12.500;10;KB-1;\r\n"
    "XYZ;Tanpa Penyewa;5000;;;\r\n"
    "BTK;Harga Salah;12,5;;;\r\n"
    "KLL;SKU Kembar;9000;;KB-1;\r\n"
    "SMB;Sambal Matah;Rp21.000;3;;\r\n");
  g_autoptr(LapakImportPreview) p = lapak_import_preview_products (f->db, f->org, path, &error);
  const LapakImportRow *r;

  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->rows->len, ==, 5);
  g_assert_cmpuint (p->n_ok, ==, 2);
  g_assert_cmpuint (p->n_errors, ==, 3);
  g_assert_cmpstr (p->columns[0], ==, "tenant");

  r = p->rows->pdata[0];
  g_assert_cmpint (r->status, ==, LAPAK_IMPORT_ROW_OK);
  g_assert_cmpuint (r->line, ==, 2);
  g_assert_null (r->message);
  g_assert_true (g_str_has_prefix (r->code, "KLL-"));
  g_assert_cmpstr (r->values[1], ==, "KB-1");
  g_assert_cmpstr (r->values[2], ==, "Keripik Bayam");

  r = p->rows->pdata[1];
  g_assert_cmpint (r->status, ==, LAPAK_IMPORT_ROW_ERROR);
  g_assert_nonnull (strstr (r->message, "/" "produk.csv:3: "));
  g_assert_nonnull (strstr (r->message, "XYZ"));
  r = p->rows->pdata[2];
  g_assert_nonnull (strstr (r->message, "/" "produk.csv:4: "));
  /* a SKU used twice in the file: the second is refused, as by the import */
  r = p->rows->pdata[3];
  g_assert_nonnull (strstr (r->message, "/" "produk.csv:5: "));
  g_assert_nonnull (strstr (r->message, "KB-1"));
  r = p->rows->pdata[4];
  g_assert_cmpint (r->status, ==, LAPAK_IMPORT_ROW_OK);

  /* nothing saved */
  after = lapak_test_db_digest (lapak_db_get_path (f->db));
  g_assert_cmpstr (before, ==, after);

  /* tenants too */
  {
    g_autofree char *tpath = lapak_test_write_file (f->dir, "penyewa.csv",
      "KODE,NAMA,KOMISI,BIAYA_STAND,TELEPON,REKENING\nKOP,Koperasi,10%,0,0812 3456 789,BRI 1\nKLL,Sudah Ada,,,,\n");
    g_autoptr(LapakImportPreview) t = lapak_import_preview_tenants (f->db, f->org, tpath, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (t->n_ok, ==, 1);
    g_assert_cmpuint (t->n_errors, ==, 1);
    g_assert_cmpstr (((LapakImportRow *)t->rows->pdata[0])->code, ==, "KOP");
    g_assert_nonnull (strstr (((LapakImportRow *)t->rows->pdata[1])->message, "/" "penyewa.csv:3: "));
    g_clear_pointer (&after, g_free);
    after = lapak_test_db_digest (lapak_db_get_path (f->db));
    g_assert_cmpstr (before, ==, after);

    /* only an organiser previews tenants */
    g_assert_null (lapak_import_preview_tenants (f->db, f->lina, tpath, &error));
    g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  }
}

/* Every malformed file the importer refuses, the preview refuses with the
 * same FILE:LINE message, and saves nothing. */
static void
test_preview_malformed (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { const char *name; const char *text; gsize len; const char *where; } cases[] = {
#define CASE(n, t, w) { n, t, sizeof (t) - 1, w }
    CASE ("unclosed.csv", "tenant,name,price\nKLL,\"Keripik,1000\n", "unclosed.csv:2:"),
    CASE ("stray.csv", "tenant,name,price\nKLL,Kripik,1000\nKLL,5\" TV,1000\n", "stray.csv:3:"),
    CASE ("junk.csv", "tenant,name,price\nKLL,\"Kripik\"x,1000\n", "junk.csv:2:"),
    CASE ("short.csv", "tenant,name,price\nKLL,Kripik,1000\nKLL,Kripik\n", "short.csv:3:"),
    CASE ("long.csv", "tenant,name,price\nKLL,Kripik,1000,9,9\n", "long.csv:2:"),
    CASE ("latin1.csv", "tenant,name,price\nKLL,Caf\xE9,1000\n", "latin1.csv:2:"),
    CASE ("nul.csv", "tenant,name,price\nKLL,Kri\0pik,1000\n", "nul.csv:2:"),
    CASE ("utf16.csv", "\xFF\xFEt\0e\0", "utf16.csv:1:"),
    CASE ("empty.csv", "", "empty.csv:1:"),
    CASE ("noheader.csv", "nama,harga\nKripik,1000\n", "noheader.csv:1:"),
    CASE ("dupheader.csv", "tenant,name,name,price\nKLL,a,b,1\n", "dupheader.csv:1:"),
#undef CASE
  };
  g_autofree char *before = lapak_test_db_digest (lapak_db_get_path (f->db));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) import_error = NULL;
      g_autofree char *path = g_build_filename (f->dir, cases[i].name, NULL);
      g_autoptr(LapakImportPreview) p = NULL;
      g_autofree char *after = NULL;
      guint n = 0;

      g_assert_true (g_file_set_contents (path, cases[i].text, cases[i].len, NULL));
      g_assert_false (lapak_import_products (f->db, f->org, path, &n, &import_error));
      p = lapak_import_preview_products (f->db, f->org, path, &error);
      g_assert_null (p);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].where));
      g_assert_cmpstr (error->message, ==, import_error->message);
      after = lapak_test_db_digest (lapak_db_get_path (f->db));
      g_assert_cmpstr (before, ==, after);
    }
}

/* ---------- spreadsheets ---------- */

static void
test_excel_indonesian_headers (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tenants = lapak_test_write_file (f->dir, "tenant-excel.csv",
    "\xEF\xBB\xBF" "Kode;Nama;Komisi;Sewa Stand;Telepon;Rekening;;\r\n"
    "KOP;\"Koperasi \"\"Maju\"\"; Jaya\";12,5%;Rp150.000;0812-1111-2222;BNI 0099;;\r\n"
    ";;;;;;;\r\n");
  g_autofree char *products = lapak_test_write_file (f->dir, "produk-excel.csv",
    "\xEF\xBB\xBF" "PENYEWA;SKU;NAMA;HARGA;STOK;BARCODE\r\n"
    "KOP;K-01;Kopi Gayo 250 g;85.000;12;4006381333931\r\n");
  g_autoptr(GPtrArray) list = NULL;
  guint n = 0;
  gboolean found = FALSE;

  g_assert_true (lapak_import_tenants (f->db, f->org, tenants, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (lapak_import_products (f->db, f->org, products, &n, &error));
  g_assert_no_error (error);

  list = lapak_tenant_list (f->db, &error);
  for (guint i = 0; i < list->len; i++)
    {
      LapakTenant *t = list->pdata[i];

      if (g_str_equal (t->code, "KOP"))
        {
          found = TRUE;
          g_assert_cmpstr (t->name, ==, "Koperasi \"Maju\"; Jaya");
          g_assert_cmpint (t->commission_bp, ==, 1250);
          g_assert_cmpint (t->booth_fee, ==, 150000);
          g_assert_cmpstr (t->phone, ==, "0812-1111-2222");
          g_assert_cmpstr (t->bank_account, ==, "BNI 0099");
        }
    }
  g_assert_true (found);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = lapak_product_list (f->db, "KOP", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((LapakProduct *)list->pdata[0])->price, ==, 85000);
  g_assert_cmpint (((LapakProduct *)list->pdata[0])->stock, ==, 12);
  g_assert_cmpstr (((LapakProduct *)list->pdata[0])->barcode, ==, "4006381333931");
}

/* A fresh till: one organiser, an event with the same terms. */
static LapakDb *
fresh_till (Fixture    *f,
            const char *name,
            LapakUser **out_org)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  LapakDb *db;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  db = lapak_test_new_till (dir, "K2");
  *out_org = lapak_test_login (db, "Org", "1234");
  g_assert_true (lapak_event_create (db, *out_org, "SELL-1", "Bazar Uji", LAPAK_EVENT_BAZAAR,
                                     1000, 0, NULL, &error));
  g_assert_no_error (error);
  return db;
}

/* export → import into a fresh till → export gives the same files, in
 * both styles; and the products keep their label codes. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  static const LapakCsvStyle styles[] = { LAPAK_CSV_STYLE_PLAIN, LAPAK_CSV_STYLE_EXCEL };
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *inactive = NULL;

  /* make the data awkward: odd names, contacts, other terms, a pending and
   * an inactive product, a barcode, a tenant with a 12.5% commission */
  {
    LapakTenantSpec spec = { "KOP", "Koperasi \"Maju\", Jaya; Tbk\nCabang 2", "+62 812 3456", "BCA 123;456",
                             1250, 150000 };
    LapakProductSpec p = { "KOP", "K;01", "Kopi, \"Gayo\"\n250 g", 85000, 7, "4006381333931" };
    g_autofree char *c = NULL;

    /* What Excel would turn into numbers (leading 0 lost, a 16-digit
     * account rounded, an EAN-13 in E notation) or run as a formula. */
    LapakTenantSpec excel = { "XLS", "=HYPERLINK(\"http://x\",\"klik\")", "081234567890", "0123456789012345",
                              1000, 0 };
    LapakProductSpec q = { "XLS", "007", "-Diskon 50%", 12000, 3, "0012345678905" };
    g_autofree char *d = NULL;

    g_assert_true (lapak_tenant_add (f->db, f->org, &spec, &error));
    g_assert_no_error (error);
    c = lapak_product_add (f->db, f->org, &p, &error);
    g_assert_no_error (error);
    g_assert_true (lapak_tenant_add (f->db, f->org, &excel, &error));
    g_assert_no_error (error);
    d = lapak_product_add (f->db, f->org, &q, &error);
    g_assert_no_error (error);
  }
  pending = add_product (f, f->lina, "KLL", "Keripik Pending", 9000);
  inactive = add_product (f, f->org, "SMB", "Sambal Lama", 10000);
  g_assert_true (lapak_product_deactivate (f->db, f->org, inactive, &error));

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(GString) tenants = g_string_new (NULL);
      g_autoptr(GString) products = g_string_new (NULL);
      g_autoptr(GString) tenants2 = g_string_new (NULL);
      g_autoptr(GString) products2 = g_string_new (NULL);
      g_autofree char *tname = g_strdup_printf ("tenants-%u.csv", s);
      g_autofree char *pname = g_strdup_printf ("products-%u.csv", s);
      g_autofree char *tillname = g_strdup_printf ("fresh-%u", s);
      g_autofree char *tpath = NULL;
      g_autofree char *ppath = NULL;
      g_autoptr(LapakDb) db2 = NULL;
      g_autoptr(LapakUser) org2 = NULL;
      guint n = 0;

      g_assert_true (lapak_export_tenants (f->db, f->org, styles[s], tenants, &error));
      g_assert_no_error (error);
      g_assert_true (lapak_export_products (f->db, f->org, NULL, styles[s], products, &error));
      g_assert_no_error (error);
      if (styles[s] == LAPAK_CSV_STYLE_EXCEL)
        {
          g_assert_true (g_str_has_prefix (tenants->str, "\xEF\xBB\xBF" "code;name;commission;booth_fee"));
          g_assert_nonnull (strstr (tenants->str, ";12,5%;150000;"));
          /* Excel shows these as the text they are, and runs nothing. */
          g_assert_nonnull (strstr (tenants->str, ";\"=\"\"081234567890\"\"\";\"=\"\"0123456789012345\"\"\"\r\n"));
          g_assert_nonnull (strstr (tenants->str, "XLS;\"=\"\"=HYPERLINK(\"\"\"\"http://x\"\"\"\",\"\"\"\"klik\"\"\"\")\"\"\";"));
          g_assert_nonnull (strstr (products->str, ";\"=\"\"007\"\"\";\"=\"\"-Diskon 50%\"\"\";12000;3;\"=\"\"0012345678905\"\"\";"));
        }
      else
        {
          g_assert_true (g_str_has_prefix (tenants->str, "code,name,commission,booth_fee"));
          g_assert_nonnull (strstr (tenants->str, ",12.5%,150000,"));
          /* A plain file keeps them as they are. */
          g_assert_nonnull (strstr (tenants->str, ",081234567890,0123456789012345\r\n"));
          g_assert_nonnull (strstr (products->str, ",007,-Diskon 50%,12000,3,0012345678905,"));
        }
      tpath = lapak_test_write_file (f->dir, tname, tenants->str);
      ppath = lapak_test_write_file (f->dir, pname, products->str);

      db2 = fresh_till (f, tillname, &org2);
      g_assert_true (lapak_import_tenants (db2, org2, tpath, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 5);
      g_assert_true (lapak_import_products (db2, org2, ppath, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, LAPAK_TEST_N_PRODUCTS + 4);

      g_assert_true (lapak_export_tenants (db2, org2, styles[s], tenants2, &error));
      g_assert_true (lapak_export_products (db2, org2, NULL, styles[s], products2, &error));
      g_assert_cmpstr (tenants2->str, ==, tenants->str);
      g_assert_cmpstr (products2->str, ==, products->str);

      /* The protected values came back as text, not as ="…". */
      {
        g_autoptr(GPtrArray) list = lapak_tenant_list (db2, &error);
        gboolean seen = FALSE;

        g_assert_no_error (error);
        for (guint i = 0; i < list->len; i++)
          {
            LapakTenant *t = g_ptr_array_index (list, i);

            if (g_str_equal (t->code, "XLS"))
              {
                g_assert_cmpstr (t->name, ==, "=HYPERLINK(\"http://x\",\"klik\")");
                g_assert_cmpstr (t->phone, ==, "081234567890");
                g_assert_cmpstr (t->bank_account, ==, "0123456789012345");
                seen = TRUE;
              }
          }
        g_assert_true (seen);
      }

      /* the statuses came along: the pending one is still refused */
      {
        g_autoptr(LapakProduct) p = lapak_product_get (db2, pending, &error);
        g_autoptr(LapakProduct) q = lapak_product_get (db2, inactive, &error);

        g_assert_no_error (error);
        g_assert_cmpint (p->status, ==, LAPAK_PRODUCT_PENDING);
        g_assert_cmpint (q->status, ==, LAPAK_PRODUCT_INACTIVE);
      }
    }
}

/* A label code in an import must be a valid code of the row's tenant and
 * not taken. */
static void
test_import_codes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = g_strdup_printf ("code,tenant,name,price\n%s,KLL,Again,1000\n", code_at (f, 0));
  g_autofree char *p1 = lapak_test_write_file (f->dir, "taken.csv", taken);
  g_autofree char *other = g_strdup_printf ("code,tenant,name,price\n%s,BTK,Mine,1000\n", code_at (f, 4));
  g_autofree char *p2 = lapak_test_write_file (f->dir, "other.csv", other);
  g_autofree char *p3 = lapak_test_write_file (f->dir, "typo.csv", "code,tenant,name,price\nKLL-0999,KLL,Typo,1000\n");
  guint n;

  g_assert_false (lapak_import_products (f->db, f->org, p1, &n, &error));
  g_assert_nonnull (strstr (error->message, "taken.csv:2: There is already a product with code"));
  g_clear_error (&error);
  g_assert_false (lapak_import_products (f->db, f->org, p2, &n, &error));
  g_assert_nonnull (strstr (error->message, "other.csv:2:"));
  g_assert_nonnull (strstr (error->message, "is not a label code of tenant BTK"));
  g_clear_error (&error);
  g_assert_false (lapak_import_products (f->db, f->org, p3, &n, &error));
  g_assert_nonnull (strstr (error->message, "typo.csv:2:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/tenants/approval/flow", test_approval_flow);
  ADD ("/tenants/approval/all-or-none", test_approve_all_or_none);
  ADD ("/tenants/approval/import-status", test_import_status);
  ADD ("/tenants/price/past-sales-unchanged", test_price_change_keeps_past_sales);
  ADD ("/tenants/visibility/products", test_tenant_sees_own_products);
  ADD ("/tenants/visibility/sales", test_tenant_sees_own_sales);
  ADD ("/tenants/sales-lines/void-refund", test_sales_lines_void_refund);
  ADD ("/tenants/sales-summary/nothing-sold", test_summary_nothing_sold);
  ADD ("/tenants/sales-summary/sums", test_summary_sums);
  ADD ("/tenants/sales-summary/event", test_summary_event);
  ADD ("/tenants/sales-summary/refused", test_summary_refused);
  ADD ("/tenants/preview/rows", test_preview_rows);
  ADD ("/tenants/preview/malformed", test_preview_malformed);
  ADD ("/tenants/csv/excel-indonesian", test_excel_indonesian_headers);
  ADD ("/tenants/csv/round-trip", test_round_trip);
  ADD ("/tenants/csv/import-codes", test_import_codes);
#undef ADD

  return g_test_run ();
}
