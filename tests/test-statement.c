/* test-statement.c — the lines of settlement statements (core) and their
 * A4 PDFs (print layer), read back with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The statement's lines are checked two ways: by hand-worked numbers for a
 * small event (comments below) and by identities that must hold for any
 * settlement: per tenant, the items add up to its sales and refunds and
 * units, the charges to its charges; per method, the tills add up to the
 * settlement's payments.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-csv.h"
#include "lapak-export.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-money.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-statement-pdf.h"
#include "lapak-statement.h"
#include "lapak-stock.h"
#include "lapak-test-util.h"

#define CHECK(call) G_STMT_START { gboolean ok_ = (call); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  GPtrArray *codes;   /* KL-100 15.000, KL-250 32.500, BT-01 275.000, BT-02 120.000, SB-01 18.000, SB-02 27.500 */
  char      *s1, *s2, *s3;
} Fixture;

static char *
sell (Fixture            *f,
      LapakPayMethod      method,
      const char * const *items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);
  g_autoptr(LapakSale) sale = NULL;

  g_assert_no_error (error);
  for (guint i = 0; items[i] != NULL; i++)
    CHECK (lapak_cart_scan (cart, items[i], &error));
  CHECK (lapak_cart_add_payment (cart, method, method == LAPAK_PAY_CASH ? lapak_cart_total (cart) : LAPAK_PAY_REST,
                                 NULL, &error));
  sale = lapak_sale_commit (f->db, f->org, cart, &error);
  g_assert_no_error (error);
  return g_strdup (sale->id);
}

#define SELL(f, method, ...) sell ((f), (method), (const char *[]) { __VA_ARGS__, NULL })

static const char *
code (Fixture *f,
      guint    i)
{
  return g_ptr_array_index (f->codes, i);
}

static char *
times (Fixture *f,
       guint    i,
       int      qty)
{
  return g_strdup_printf ("%s*%d", code (f, i), qty);
}

/* The event of these tests (commission 10 %):
 *   s1 cash:     KL-100 × 3 (45.000) + BT-01 (275.000)   = 320.000
 *   s2 QRIS:     KL-250 × 2 (65.000) + SB-01 (18.000)    =  83.000
 *   s3 transfer: SB-02 × 4 (110.000), voided
 *   refund of s1: KL-100 × 1 by cash (15.000)
 *   charges on SMB: 50.000 "listrik"
 * KLL: sold KL-100 3 / 45.000, refunded 1 / 15.000; KL-250 2 / 65.000;
 *      net 95.000, commission 9.500, payout 85.500
 * BTK: BT-01 1 / 275.000, commission 27.500, payout 247.500
 * SMB: SB-01 1 / 18.000 (SB-02 sold and voided: no line), commission 1.800,
 *      charges 50.000, payout −33.800 (owed)
 * K1: cash 320.000 − 15.000 = 305.000, QRIS 83.000, transfer 0.
 * The shift: float 500.000 + cash 305.000 = 805.000 expected, 800.000 counted:
 * difference −5.000. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  LapakRefundItem item;

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_selling_till (f->dir, "K1", &f->org, &f->codes);
  a = times (f, 0, 3);
  b = times (f, 1, 2);
  c = times (f, 5, 4);
  f->s1 = SELL (f, LAPAK_PAY_CASH, a, code (f, 2));
  f->s2 = SELL (f, LAPAK_PAY_QRIS, b, code (f, 4));
  f->s3 = SELL (f, LAPAK_PAY_TRANSFER, c);
  CHECK (lapak_sale_void (f->db, f->org, f->org, f->s3, "salah", &error));
  item = (LapakRefundItem) { code (f, 0), 1 };
  CHECK (lapak_sale_refund (f->db, f->org, f->org, f->s1, &item, 1, LAPAK_PAY_CASH, "rusak", NULL, &error));
  CHECK (lapak_charge_add (f->db, f->org, "SMB", 50000, "listrik", &error));
  z = lapak_shift_close (f->db, f->org, 800000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (z);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_clear_pointer (&f->org, lapak_user_free);
  g_clear_pointer (&f->codes, g_ptr_array_unref);
  g_free (f->s1);
  g_free (f->s2);
  g_free (f->s3);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const LapakTenantStatement *
tenant_of (const LapakStatement *st,
           const char           *code)
{
  for (guint i = 0; i < st->tenants->len; i++)
    {
      const LapakTenantStatement *ts = g_ptr_array_index (st->tenants, i);

      if (g_str_equal (ts->tenant->code, code))
        return ts;
    }
  g_error ("no tenant %s in the statement", code);
  return NULL;
}

/* The identities every statement keeps with its settlement. */
static void
assert_lines_add_up (const LapakStatement *st)
{
  const LapakSettlement *s = st->settlement;
  int64_t payments[LAPAK_PAY_N_METHODS] = { 0 };

  g_assert_cmpuint (st->tenants->len, ==, s->tenants->len);
  for (guint i = 0; i < st->tenants->len; i++)
    {
      const LapakTenantStatement *ts = g_ptr_array_index (st->tenants, i);
      int64_t sales = 0, refunds = 0, units = 0, charges = 0;

      g_assert_true (ts->tenant == g_ptr_array_index (s->tenants, i));
      for (guint j = 0; j < ts->items->len; j++)
        {
          const LapakStatementItem *it = g_ptr_array_index (ts->items, j);

          sales += it->sold_amount;
          refunds += it->refunded_amount;
          units += it->sold_qty - it->refunded_qty;
          if (j > 0)
            g_assert_cmpstr (((LapakStatementItem *) g_ptr_array_index (ts->items, j - 1))->product_code, <,
                             it->product_code);
        }
      for (guint j = 0; j < ts->charges->len; j++)
        charges += ((LapakStatementCharge *) g_ptr_array_index (ts->charges, j))->amount;
      g_assert_cmpint (sales, ==, ts->tenant->sales);
      g_assert_cmpint (refunds, ==, ts->tenant->refunds);
      g_assert_cmpint (units, ==, ts->tenant->units);
      g_assert_cmpint (charges, ==, ts->tenant->charges);
    }
  for (guint i = 0; i < st->tills->len; i++)
    {
      const LapakTillMoney *tm = g_ptr_array_index (st->tills, i);

      for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
        payments[m] += tm->payments[m];
    }
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    g_assert_cmpint (payments[m], ==, s->payments[m]);
}

static const LapakStatementItem *
item_of (const LapakTenantStatement *ts,
         const char                 *product)
{
  for (guint i = 0; i < ts->items->len; i++)
    {
      const LapakStatementItem *it = g_ptr_array_index (ts->items, i);

      if (g_str_equal (it->product_code, product))
        return it;
    }
  return NULL;
}

static void
assert_item (const LapakTenantStatement *ts,
             const char                 *product,
             int64_t                     sold_qty,
             int64_t                     sold_amount,
             int64_t                     refunded_qty,
             int64_t                     refunded_amount)
{
  const LapakStatementItem *it = item_of (ts, product);

  g_assert_nonnull (it);
  g_assert_cmpint (it->sold_qty, ==, sold_qty);
  g_assert_cmpint (it->sold_amount, ==, sold_amount);
  g_assert_cmpint (it->refunded_qty, ==, refunded_qty);
  g_assert_cmpint (it->refunded_amount, ==, refunded_amount);
}

static void
assert_known_answers (Fixture              *f,
                      const LapakStatement *st)
{
  const LapakTenantStatement *kll = tenant_of (st, "KLL");
  const LapakTenantStatement *btk = tenant_of (st, "BTK");
  const LapakTenantStatement *smb = tenant_of (st, "SMB");
  const LapakStatementCharge *charge;
  const LapakTillMoney *k1;
  const LapakStatementShift *shift;

  g_assert_cmpuint (kll->items->len, ==, 2);
  assert_item (kll, code (f, 0), 3, 45000, 1, 15000);
  assert_item (kll, code (f, 1), 2, 65000, 0, 0);
  g_assert_cmpint (kll->tenant->payout, ==, 85500);
  g_assert_cmpuint (btk->items->len, ==, 1);
  assert_item (btk, code (f, 2), 1, 275000, 0, 0);
  g_assert_cmpuint (smb->items->len, ==, 1);
  assert_item (smb, code (f, 4), 1, 18000, 0, 0);
  g_assert_null (item_of (smb, code (f, 5)));
  g_assert_cmpint (smb->tenant->payout, ==, -33800);

  g_assert_cmpuint (smb->charges->len, ==, 1);
  charge = g_ptr_array_index (smb->charges, 0);
  g_assert_cmpstr (charge->kind, ==, "charge");
  g_assert_cmpstr (charge->reason, ==, "listrik");
  g_assert_cmpint (charge->amount, ==, 50000);
  g_assert_cmpuint (kll->charges->len, ==, 0);

  g_assert_cmpuint (st->tills->len, ==, 1);
  k1 = g_ptr_array_index (st->tills, 0);
  g_assert_cmpstr (k1->till_id, ==, "K1");
  g_assert_cmpint (k1->payments[LAPAK_PAY_CASH], ==, 305000);
  g_assert_cmpint (k1->payments[LAPAK_PAY_QRIS], ==, 83000);
  g_assert_cmpint (k1->payments[LAPAK_PAY_TRANSFER], ==, 0);

  g_assert_cmpuint (st->shifts->len, ==, 1);
  shift = g_ptr_array_index (st->shifts, 0);
  g_assert_true (shift->closed);
  g_assert_cmpint (shift->expected, ==, 805000);
  g_assert_cmpint (shift->counted, ==, 800000);
  g_assert_cmpint (shift->difference, ==, -5000);
  g_assert_cmpint (shift->z_number, >, 0);

  /* the stock-return table, before anything is taken back */
  g_assert_cmpuint (kll->stock->len, ==, 2);
  {
    const LapakStockRow *r = g_ptr_array_index (kll->stock, 0);

    g_assert_cmpstr (r->product_code, ==, code (f, 0));
    g_assert_cmpint (r->checked_in, ==, 1000);
    g_assert_cmpint (r->sold, ==, 3);
    g_assert_cmpint (r->refunded, ==, 1);
    g_assert_cmpint (r->returned, ==, 0);
    g_assert_cmpint (r->missing, ==, 998);
  }
}

static void
test_preview_and_close (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) preview = lapak_settlement_preview (f->db, NULL, lapak_db_now (), &error);
  g_autoptr(LapakStatement) st = NULL;
  g_autoptr(LapakSettlement) closed = NULL;
  g_autoptr(LapakStatement) cst = NULL;
  g_autofree char *head = NULL;
  g_autoptr(LapakSettlement) next = NULL;
  g_autoptr(LapakStatement) nst = NULL;
  g_autofree char *hash = NULL;

  g_assert_no_error (error);
  st = lapak_statement_new (f->db, preview, &error);
  g_assert_no_error (error);
  assert_lines_add_up (st);
  assert_known_answers (f, st);
  g_assert_cmpint (st->from, ==, 0);
  g_assert_cmpint (st->closed_at, ==, 0);
  head = lapak_journal_head (f->db, &error);
  g_assert_cmpstr (st->journal_hash, ==, head);
  g_assert_cmpstr (st->event_name, ==, "Bazar Uji");

  closed = lapak_settlement_close (f->db, f->org, NULL, preview->until, &error);
  g_assert_no_error (error);
  cst = lapak_statement_new (f->db, closed, &error);
  g_assert_no_error (error);
  assert_lines_add_up (cst);
  assert_known_answers (f, cst);
  g_assert_cmpint (cst->closed_at, >, 0);
  g_assert_cmpstr (cst->closed_by, ==, "Org");
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (lapak_db_get_handle (f->db),
                                         "SELECT hash FROM journal WHERE type = 'settlement'", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  g_assert_cmpstr (cst->journal_hash, ==, hash);

  /* The next period: a refund of a settled sale and a new sale. */
  {
    LapakRefundItem item = { code (f, 1), 1 };
    g_autofree char *s4 = NULL;

    CHECK (lapak_shift_open (f->db, f->org, 0, NULL, &error));
    CHECK (lapak_sale_refund (f->db, f->org, f->org, f->s2, &item, 1, LAPAK_PAY_QRIS, "rusak", NULL, &error));
    s4 = SELL (f, LAPAK_PAY_EWALLET, code (f, 3));
  }
  next = lapak_settlement_preview (f->db, NULL, lapak_db_now (), &error);
  g_assert_no_error (error);
  nst = lapak_statement_new (f->db, next, &error);
  g_assert_no_error (error);
  assert_lines_add_up (nst);
  g_assert_cmpint (nst->from, ==, closed->until);
  assert_item (tenant_of (nst, "KLL"), code (f, 1), 0, 0, 1, 32500);
  assert_item (tenant_of (nst, "BTK"), code (f, 3), 1, 120000, 0, 0);
  g_assert_cmpuint (tenant_of (nst, "SMB")->items->len, ==, 0);
  g_assert_cmpuint (tenant_of (nst, "SMB")->charges->len, ==, 0);
  g_assert_cmpuint (nst->shifts->len, ==, 1);
  g_assert_false (((LapakStatementShift *) g_ptr_array_index (nst->shifts, 0))->closed);
}

/* ---------- the CSV ---------- */

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) s = lapak_settlement_preview (f->db, NULL, lapak_db_now (), &error);
  const char delimiters[] = { ',', ';' };

  g_assert_no_error (error);
  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      gboolean excel = delimiters[d] == ';';
      g_autoptr(GString) out = g_string_new (NULL);
      const char *text;
      g_autoptr(LapakCsv) csv = NULL;

      lapak_export_settlement (s, excel ? LAPAK_CSV_STYLE_EXCEL : LAPAK_CSV_STYLE_PLAIN, out);
      text = out->str;
      g_assert_cmpint (g_str_has_prefix (text, "\xEF\xBB\xBF"), ==, excel);
      csv = lapak_csv_parse (text, strlen (text), "settlement.csv", &error);
      g_assert_no_error (error);
      g_assert_cmpint (lapak_csv_delimiter (csv), ==, delimiters[d]);
      g_assert_cmpuint (lapak_csv_n_rows (csv), ==, s->tenants->len);
      for (guint i = 0; i < s->tenants->len; i++)
        {
          const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);
          const LapakCsvRow *row = lapak_csv_row (csv, i);
          g_autofree char *payout = g_strdup_printf ("%" G_GINT64_FORMAT, t->payout);
          g_autofree char *commission = g_strdup_printf ("%" G_GINT64_FORMAT, t->commission);
          g_autofree char *bp = g_strdup_printf ("%d", t->commission_bp);

          g_assert_cmpstr (lapak_csv_get (csv, row, "event"), ==, "SELL-1");
          g_assert_cmpstr (lapak_csv_get (csv, row, "code"), ==, t->code);
          g_assert_cmpstr (lapak_csv_get (csv, row, "name"), ==, t->name);
          g_assert_cmpstr (lapak_csv_get (csv, row, "payout"), ==, payout);
          g_assert_cmpstr (lapak_csv_get (csv, row, "commission"), ==, commission);
          g_assert_cmpstr (lapak_csv_get (csv, row, "commission_bp"), ==, bp);
        }
      /* SMB owes: the sign survives */
      g_assert_cmpstr (lapak_csv_get (csv, lapak_csv_row (csv, 2), "payout"), ==, "-33800");
    }
}

/* ---------- the PDFs, read back ---------- */

static char *
pdftotext (Fixture    *f,
           GBytes     *pdf,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  g_assert_nonnull (pdf);
  CHECK (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), &error));
  CHECK (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  CHECK (g_spawn_check_wait_status (status, &error));
  return g_steal_pointer (&out);
}

/* The one line of @text holding @needle (which must be there). */
static char *
line_with (const char *text,
           const char *needle)
{
  const char *hit = strstr (text, needle);
  const char *start, *end;

  if (hit == NULL)
    g_error ("“%s” is not in:\n%s", needle, text);
  if (*hit == '\n')
    hit++;
  start = hit;
  while (start > text && start[-1] != '\n')
    start--;
  end = strchr (hit, '\n');
  return g_strndup (start, end != NULL ? (gsize)(end - start) : strlen (start));
}

static void
assert_line_has (const char *text,
                 const char *needle,
                 const char *also)
{
  g_autofree char *line = line_with (text, needle);

  if (strstr (line, also) == NULL)
    g_error ("the line “%s” lacks “%s”", line, also);
}

static void
assert_money_on_line (const char *text,
                      const char *needle,
                      int64_t     amount)
{
  g_autofree char *m = lapak_money_format (amount, LAPAK_MONEY_STYLE_DEFAULT);

  assert_line_has (text, needle, m);
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) preview = lapak_settlement_preview (f->db, NULL, lapak_db_now (), &error);
  g_autoptr(LapakSettlement) s = lapak_settlement_close (f->db, f->org, NULL, preview->until, &error);
  g_autoptr(LapakStatement) st = NULL;
  g_autoptr(GBytes) kll_pdf = NULL;
  g_autoptr(GBytes) smb_pdf = NULL;
  g_autoptr(GBytes) summary_pdf = NULL;
  g_autofree char *kll = NULL;
  g_autofree char *smb = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *k100 = NULL;
  g_autofree char *expected_cash = NULL;

  g_assert_no_error (error);
  st = lapak_statement_new (f->db, s, &error);
  g_assert_no_error (error);

  kll_pdf = lapak_statement_tenant_pdf (st, 1, &error);   /* BTK, KLL, SMB */
  g_assert_no_error (error);
  kll = pdftotext (f, kll_pdf, "KLL.pdf");
  g_test_message ("%s", kll);
  assert_line_has (kll, "Tenant:", "KLL (KLL)");
  assert_line_has (kll, "Event:", "Bazar Uji (SELL-1)");
  assert_line_has (kll, "Settlement:", s->id);
  /* KL-100: sold 3 for 45.000, refunded 1 for 15.000, net 30.000 */
  k100 = line_with (kll, code (f, 0));
  g_assert_nonnull (strstr (k100, "Keripik Lele 100 g"));
  assert_money_on_line (kll, code (f, 0), 45000);
  assert_money_on_line (kll, code (f, 0), 15000);
  assert_money_on_line (kll, code (f, 0), 30000);
  assert_money_on_line (kll, "Sales:", 110000);
  assert_money_on_line (kll, "Refunds:", -15000);
  assert_money_on_line (kll, "Net sales:", 95000);
  assert_money_on_line (kll, "Commission (10%):", -9500);
  assert_money_on_line (kll, "Payout to the tenant:", 85500);
  g_assert_null (strstr (kll, "owes"));
  assert_line_has (kll, "Journal hash:", st->journal_hash);
  g_assert_nonnull (strstr (kll, "Stock return"));
  assert_line_has (strstr (kll, "Stock return"), code (f, 1), "998");   /* KL-250: 1000 in, 2 sold: 998 still to take back */
  g_assert_nonnull (strstr (kll, "Organiser"));

  smb_pdf = lapak_statement_tenant_pdf (st, 2, &error);
  g_assert_no_error (error);
  smb = pdftotext (f, smb_pdf, "SMB.pdf");
  assert_money_on_line (smb, "The tenant owes the organiser:", 33800);
  g_assert_null (strstr (smb, "Payout to the tenant"));
  assert_line_has (smb, "listrik", "50,000");

  summary_pdf = lapak_statement_summary_pdf (st, &error);
  g_assert_no_error (error);
  summary = pdftotext (f, summary_pdf, "summary.pdf");
  g_test_message ("%s", summary);
  for (guint i = 0; i < s->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);
      g_autofree char *start = g_strconcat ("\n", t->code, " ", NULL);

      assert_money_on_line (summary, start, t->payout);
      assert_money_on_line (summary, start, t->commission);
    }
  assert_money_on_line (summary, "\nTotal ", s->payout);
  assert_money_on_line (summary, "\nTotal ", s->net_sales);
  assert_money_on_line (summary, "\nK1 ", 305000);
  assert_money_on_line (summary, "\nK1 ", 83000);
  expected_cash = lapak_money_format (805000, LAPAK_MONEY_STYLE_DEFAULT);
  assert_line_has (strstr (summary, "Z reports"), "Org", expected_cash);
  assert_money_on_line (strstr (summary, "Z reports"), "Org", -5000);
  assert_line_has (summary, "Journal hash:", st->journal_hash);
}

/* A tenant with many products: the statement runs over several pages and
 * every page of the items table starts with its header. */
static void
test_pdf_pages (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LapakSettlement) s = NULL;
  g_autoptr(LapakStatement) st = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  guint pages_with_items = 0;

  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *sku = g_strdup_printf ("MANY-%02u", i);
      g_autofree char *name = g_strdup_printf ("Produk nomor %02u", i);
      LapakProductSpec spec = { "BTK", sku, name, 1000 + i, 10, NULL };
      char *c = lapak_product_add (f->db, f->org, &spec, &error);

      g_assert_no_error (error);
      g_ptr_array_add (many, c);
    }
  CHECK (lapak_shift_open (f->db, f->org, 0, NULL, &error));
  for (guint i = 0; i < many->len; i += 10)
    {
      g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);
      g_autoptr(LapakSale) sale = NULL;

      for (guint j = i; j < i + 10; j++)
        CHECK (lapak_cart_scan (cart, g_ptr_array_index (many, j), &error));
      CHECK (lapak_cart_add_payment (cart, LAPAK_PAY_CARD, LAPAK_PAY_REST, NULL, &error));
      sale = lapak_sale_commit (f->db, f->org, cart, &error);
      g_assert_no_error (error);
    }
  s = lapak_settlement_preview (f->db, NULL, lapak_db_now (), &error);
  g_assert_no_error (error);
  st = lapak_statement_new (f->db, s, &error);
  g_assert_no_error (error);
  assert_lines_add_up (st);
  pdf = lapak_statement_tenant_pdf (st, 0, &error);   /* BTK */
  g_assert_no_error (error);
  text = pdftotext (f, pdf, "BTK.pdf");
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, 3);
  for (guint p = 0; pages[p] != NULL; p++)
    {
      const char *first = NULL;

      for (guint i = 0; i < many->len; i++)
        {
          const char *hit = strstr (pages[p], g_ptr_array_index (many, i));

          if (hit != NULL && (first == NULL || hit < first))
            first = hit;
        }
      if (first == NULL)
        continue;
      pages_with_items++;
      /* the table's header comes before the first row on this page */
      {
        const char *header = strstr (pages[p], "Product");

        g_assert_nonnull (header);
        g_assert_true (header < first);
      }
      {
        g_autofree char *page_no = g_strdup_printf ("Page %u", p + 1);

        g_assert_nonnull (strstr (pages[p], page_no));
      }
    }
  g_assert_cmpuint (pages_with_items, >=, 2);
  /* every product is on the statement, each with its amount */
  for (guint i = 0; i < many->len; i++)
    assert_money_on_line (text, g_ptr_array_index (many, i), 1000 + i);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Asia/Jakarta", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/statement/preview-and-close", test_preview_and_close);
  ADD ("/statement/csv", test_csv);
  ADD ("/statement/pdf", test_pdf);
  ADD ("/statement/pdf-pages", test_pdf_pages);
  return g_test_run ();
}
