/* test-settle.c — settlements, charges and payouts through the core API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Known answers worked out by hand (below, in the comments), then a
 * property test over random events checked against a model this file keeps
 * on its own: every settlement matches the model, the invariant holds to the
 * rupiah, every entry is settled exactly once, closing twice is refused and
 * the journal verifies after every close.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-shift.h"
#include "lapak-test-util.h"

/* A call that must succeed, its error shown if it does not. */
#define CHECK(call) G_STMT_START { gboolean ok_ = (call); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

static struct
{
  char      *dir;
  char      *path;
  LapakUser *org;
  LapakUser *sari;   /* cashier */
} T;

typedef struct
{
  char    *dir;
  LapakDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = lapak_test_make_dir ();
  path = g_build_filename (f->dir, "lapak.db", NULL);
  CHECK (lapak_test_copy_file (T.path, path));
  f->db = lapak_db_open (path, &error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The template: an empty till with an organiser and a cashier. */
static void
template_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;

  T.dir = lapak_test_make_dir ();
  db = lapak_test_new_till (T.dir, "K1");
  T.path = g_strdup (lapak_db_get_path (db));
  T.org = lapak_test_login (db, "Org", "1234");
  CHECK (lapak_user_add (db, T.org, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  T.sari = lapak_test_login (db, "Sari", "1111");
}

static void
add_tenant (LapakDb    *db,
            const char *code,
            int         bp,
            int64_t     booth_fee)
{
  g_autoptr(GError) error = NULL;
  LapakTenantSpec spec = { code, code, NULL, NULL, bp, booth_fee };

  gboolean ok = lapak_tenant_add (db, T.org, &spec, &error);

  g_assert_no_error (error);
  CHECK (ok);
}

static char *
add_product (LapakDb    *db,
             const char *tenant,
             int64_t     price)
{
  g_autoptr(GError) error = NULL;
  LapakProductSpec spec = { tenant, NULL, "Barang", price, 1000, NULL };
  char *code = lapak_product_add (db, T.org, &spec, &error);
  return code;
}

/* Sells "CODE*QTY" items, paid wholly by @method; returns the sale id. */
static char *
sell (LapakDb             *db,
      LapakPayMethod       method,
      const char * const  *items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  g_autoptr(LapakSale) sale = NULL;

  g_assert_no_error (error);
  for (guint i = 0; items[i] != NULL; i++)
    {
      CHECK (lapak_cart_scan (cart, items[i], &error));
    }
  /* Cash is handed over rounded up to a 50.000 note: change comes back. */
  CHECK (lapak_cart_add_payment (cart, method,
                                 method == LAPAK_PAY_CASH ? (lapak_cart_total (cart) / 50000 + 1) * 50000 : LAPAK_PAY_REST,
                                 NULL, &error));
  sale = lapak_sale_commit (db, T.org, cart, &error);
  g_assert_no_error (error);
  return g_strdup (sale->id);
}

#define SELL(db, method, ...) sell ((db), (method), (const char *[]) { __VA_ARGS__, NULL })

static int64_t
refund (LapakDb        *db,
        const char     *sale_id,
        const char     *code,
        int64_t         qty,
        LapakPayMethod  method)
{
  g_autoptr(GError) error = NULL;
  LapakRefundItem item = { code, qty };
  int64_t amount = 0;

  CHECK (lapak_sale_refund (db, T.org, T.org, sale_id, &item, 1, method, "rusak", &amount, &error));
  return amount;
}

static const LapakSettleTenant *
find_tenant (const LapakSettlement *s,
             const char            *code)
{
  for (guint i = 0; i < s->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);

      if (g_str_equal (t->code, code))
        return t;
    }
  g_error ("tenant %s is not in the settlement", code);
  return NULL;
}

static void
assert_tenant (const LapakSettlement *s,
               const char            *code,
               int64_t                units,
               int64_t                sales,
               int64_t                refunds,
               int                    bp,
               int64_t                commission,
               int64_t                charges)
{
  const LapakSettleTenant *t = find_tenant (s, code);

  g_test_message ("%s: units %" G_GINT64_FORMAT " sales %" G_GINT64_FORMAT " refunds %" G_GINT64_FORMAT
                  " commission %" G_GINT64_FORMAT " charges %" G_GINT64_FORMAT " payout %" G_GINT64_FORMAT,
                  code, t->units, t->sales, t->refunds, t->commission, t->charges, t->payout);
  g_assert_cmpint (t->units, ==, units);
  g_assert_cmpint (t->sales, ==, sales);
  g_assert_cmpint (t->refunds, ==, refunds);
  g_assert_cmpint (t->net_sales, ==, sales - refunds);
  g_assert_cmpint (t->commission_bp, ==, bp);
  g_assert_cmpint (t->commission, ==, commission);
  g_assert_cmpint (t->charges, ==, charges);
  g_assert_cmpint (t->payout, ==, sales - refunds - commission - charges);
}

/* The invariant, and the totals are the sums of the tenants' rows. */
static void
assert_consistent (const LapakSettlement *s)
{
  int64_t sums[6] = { 0 };
  int64_t paid = 0;

  for (guint i = 0; i < s->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);

      sums[0] += t->sales;
      sums[1] += t->refunds;
      sums[2] += t->net_sales;
      sums[3] += t->commission;
      sums[4] += t->charges;
      sums[5] += t->payout;
      if (i > 0)
        g_assert_cmpint (strcmp (((LapakSettleTenant *) g_ptr_array_index (s->tenants, i - 1))->code, t->code), <, 0);
    }
  g_assert_cmpint (sums[0], ==, s->sales);
  g_assert_cmpint (sums[1], ==, s->refunds);
  g_assert_cmpint (sums[2], ==, s->net_sales);
  g_assert_cmpint (sums[3], ==, s->commission);
  g_assert_cmpint (sums[4], ==, s->charges);
  g_assert_cmpint (sums[5], ==, s->payout);
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    paid += s->payments[m];
  g_assert_cmpint (s->payout + s->commission + s->charges, ==, s->net_sales);
  g_assert_cmpint (s->net_sales, ==, paid);
}

static void
assert_journal_ok (LapakDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakJournalReport) report = lapak_journal_verify (db, &error);

  g_assert_no_error (error);
  if (!report->ok)
    g_error ("journal broken at %" G_GINT64_FORMAT ": %s", report->broken_seq, report->problem);
}

/* ---------- known answers ---------- */

typedef struct
{
  char *a, *b, *z, *c;      /* product codes */
  char *s1, *s2, *s3, *s4, *s5;
} Event1;

static void
event1_clear (Event1 *e)
{
  g_free (e->a); g_free (e->b); g_free (e->z); g_free (e->c);
  g_free (e->s1); g_free (e->s2); g_free (e->s3); g_free (e->s4); g_free (e->s5);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Event1, event1_clear)

/* Tenants: A 12,5 %, B 33,33 %, Z 0 %, C 15 % with a booth fee of 50.000,
 * F 15 % with only a booth fee of 100.000.
 *   s1 cash:     A 2 × 20, B 1 × 5.000             = 5.040
 *   s2 QRIS:     B 3 × 5.000                       = 15.000
 *   s3 transfer: Z 1 × 7.000, then voided
 *   s4 card:     Z 2 × 7.000                       = 14.000
 *   s5 e-wallet: C 1 × 1.000                       = 1.000
 *   refunds (cash): A 1 of s1 (20), B 1 of s2 (5.000); a charge of 2.500 on C.
 * A: net 40 − 20 = 20, commission 20 × 12,5 % = 2,5 → 3 (half away from 0)
 * B: net 20.000 − 5.000 = 15.000, × 33,33 % = 4.999,5 → 5.000
 * Z: net 14.000, commission 0
 * C: net 1.000, commission 150, charges 52.500, payout −51.650
 * F: charges 100.000, payout −100.000
 * Payments: cash 5.040 − 20 − 5.000 = 20, QRIS 15.000, transfer 7.000 −
 * 7.000 = 0, card 14.000, e-wallet 1.000; Σ = 30.020 = Σ net sales. */
static void
event1_make (LapakDb *db,
             Event1  *e)
{
  g_autoptr(GError) error = NULL;

  CHECK (lapak_event_create (db, T.org, "SET-1", "Bazar Rekap", LAPAK_EVENT_BAZAAR, 1500, 0, NULL, &error));
  add_tenant (db, "AA", 1250, 0);
  add_tenant (db, "BB", 3333, 0);
  add_tenant (db, "CC", LAPAK_TERMS_DEFAULT, 50000);
  add_tenant (db, "FF", LAPAK_TERMS_DEFAULT, 100000);
  add_tenant (db, "ZZ", 0, 0);
  e->a = add_product (db, "AA", 20);
  e->b = add_product (db, "BB", 5000);
  e->z = add_product (db, "ZZ", 7000);
  e->c = add_product (db, "CC", 1000);
  CHECK (lapak_shift_open (db, T.org, 1000000, NULL, &error));

  {
    g_autofree char *a2 = g_strdup_printf ("%s*2", e->a);
    g_autofree char *b3 = g_strdup_printf ("%s*3", e->b);
    g_autofree char *z2 = g_strdup_printf ("%s*2", e->z);

    e->s1 = SELL (db, LAPAK_PAY_CASH, a2, e->b);
    e->s2 = SELL (db, LAPAK_PAY_QRIS, b3);
    e->s3 = SELL (db, LAPAK_PAY_TRANSFER, e->z);
    e->s4 = SELL (db, LAPAK_PAY_CARD, z2);
    e->s5 = SELL (db, LAPAK_PAY_EWALLET, e->c);
  }
  CHECK (lapak_sale_void (db, T.org, T.org, e->s3, "salah input", &error));
  g_assert_cmpint (refund (db, e->s1, e->a, 1, LAPAK_PAY_CASH), ==, 20);
  g_assert_cmpint (refund (db, e->s2, e->b, 1, LAPAK_PAY_CASH), ==, 5000);
  CHECK (lapak_charge_add (db, T.org, "CC", 2500, "Biaya label", &error));
}

static void
assert_event1 (const LapakSettlement *s)
{
  g_assert_cmpstr (s->event, ==, "SET-1");
  g_assert_cmpstr (s->currency, ==, "IDR");
  g_assert_cmpuint (s->tenants->len, ==, 5);
  assert_tenant (s, "AA", 1, 40, 20, 1250, 3, 0);
  assert_tenant (s, "BB", 3, 20000, 5000, 3333, 5000, 0);
  assert_tenant (s, "CC", 1, 1000, 0, 1500, 150, 52500);
  assert_tenant (s, "FF", 0, 0, 0, 1500, 0, 100000);
  assert_tenant (s, "ZZ", 2, 14000, 0, 0, 0, 0);
  g_assert_cmpint (find_tenant (s, "CC")->payout, ==, -51650);
  g_assert_cmpint (find_tenant (s, "FF")->payout, ==, -100000);
  g_assert_cmpint (s->payments[LAPAK_PAY_CASH], ==, 20);
  g_assert_cmpint (s->payments[LAPAK_PAY_QRIS], ==, 15000);
  g_assert_cmpint (s->payments[LAPAK_PAY_TRANSFER], ==, 0);
  g_assert_cmpint (s->payments[LAPAK_PAY_CARD], ==, 14000);
  g_assert_cmpint (s->payments[LAPAK_PAY_EWALLET], ==, 1000);
  g_assert_cmpint (s->net_sales, ==, 30020);
  g_assert_cmpint (s->commission, ==, 5153);
  g_assert_cmpint (s->charges, ==, 152500);
  assert_consistent (s);
}

static void
test_known_answers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Event1) e = { 0 };
  g_autoptr(LapakSettlement) preview = NULL;
  g_autoptr(LapakSettlement) closed = NULL;
  g_autoptr(LapakSettlement) again = NULL;
  g_autoptr(LapakSettlement) after = NULL;
  int64_t balance;

  event1_make (f->db, &e);
  preview = lapak_settlement_preview (f->db, NULL, lapak_db_now (), &error);
  g_assert_no_error (error);
  g_assert_false (preview->closed);
  g_assert_null (preview->id);
  assert_event1 (preview);
  /* A preview changes nothing. */
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM settlement"), ==, 0);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry WHERE settlement IS NOT NULL"), ==, 0);

  closed = lapak_settlement_close (f->db, T.org, "SET-1", lapak_db_now (), &error);
  g_assert_no_error (error);
  CHECK (closed->closed);
  g_assert_cmpstr (closed->id, ==, "K1-S000001");
  assert_event1 (closed);
  /* Every covered entry names it; the commission entries too. */
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry WHERE settlement IS NULL"), ==, 0);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT SUM(-amount) FROM account_entry WHERE kind = 'commission' "
                                                "AND settlement = 'K1-S000001'"), ==, 5153);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT payout FROM settlement_tenant WHERE tenant_code = 'CC'"), ==, -51650);
  assert_journal_ok (f->db);

  /* Closing twice is refused, and changes nothing. */
  again = lapak_settlement_close (f->db, T.org, NULL, lapak_db_now (), &error);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM settlement"), ==, 1);

  /* The balance after the settlement is what is due: B 15.000 − 5.000. */
  g_assert_true (lapak_tenant_balance (f->db, "BB", &balance, &error));
  g_assert_cmpint (balance, ==, 10000);
  g_assert_true (lapak_tenant_balance (f->db, "FF", &balance, &error));
  g_assert_cmpint (balance, ==, -100000);

  /* A refund of a settled sale lands in the next settlement: B's net is
   * −5.000, its commission −1.666,5 → −1.667 (away from zero), payout −3.333. */
  g_assert_cmpint (refund (f->db, e.s1, e.b, 1, LAPAK_PAY_TRANSFER), ==, 5000);
  after = lapak_settlement_close (f->db, T.org, NULL, lapak_db_now (), &error);
  g_assert_cmpstr (after->id, ==, "K1-S000002");
  assert_tenant (after, "BB", -1, 0, 5000, 3333, -1667, 0);
  g_assert_cmpint (find_tenant (after, "BB")->payout, ==, -3333);
  assert_tenant (after, "AA", 0, 0, 0, 1250, 0, 0);
  g_assert_cmpint (after->payments[LAPAK_PAY_TRANSFER], ==, -5000);
  g_assert_cmpint (after->n_entries, ==, 1);
  assert_consistent (after);
  assert_journal_ok (f->db);

  /* A payout is no part of a settlement: it only moves the balance. */
  CHECK (lapak_tenant_balance (f->db, "BB", &balance, &error));
  g_assert_cmpint (balance, ==, 10000 - 3333);
  g_assert_true (lapak_payout_add (f->db, T.org, "BB", 6667, "TRF 0042", &error));
  CHECK (lapak_tenant_balance (f->db, "BB", &balance, &error));
  g_assert_cmpint (balance, ==, 0);
  g_clear_pointer (&again, lapak_settlement_free);
  again = lapak_settlement_close (f->db, T.org, NULL, lapak_db_now (), &error);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_clear_error (&error);
  assert_journal_ok (f->db);
}

/* A void counts at the time of its sale: a cut-off between the sale and
 * its void leaves the sale out of nowhere — it counts nowhere. */
static void
test_cutoff_and_void (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) s = NULL;
  g_autofree char *p = NULL;
  g_autofree char *sale = NULL;
  g_autofree char *kept = NULL;
  int64_t before, between;

  g_assert_true (lapak_event_create (f->db, T.org, "TH-1", "Rumah Dagang", LAPAK_EVENT_TRADING_HOUSE, 1250, 0, NULL, &error));
  add_tenant (f->db, "AA", LAPAK_TERMS_DEFAULT, 0);
  p = add_product (f->db, "AA", 8000);
  CHECK (lapak_shift_open (f->db, T.org, 0, NULL, &error));
  before = lapak_db_now ();
  g_usleep (2);
  sale = SELL (f->db, LAPAK_PAY_QRIS, p);
  kept = SELL (f->db, LAPAK_PAY_CASH, p);
  between = lapak_db_now ();
  g_usleep (2);
  g_assert_true (lapak_sale_void (f->db, T.org, T.org, sale, "dobel", &error));

  /* Nothing before the first sale. */
  s = lapak_settlement_close (f->db, T.org, NULL, before, &error);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_clear_error (&error);

  s = lapak_settlement_close (f->db, T.org, NULL, between, &error);
  g_assert_no_error (error);
  assert_tenant (s, "AA", 1, 8000, 0, 1250, 1000, 0);
  g_assert_cmpint (s->payments[LAPAK_PAY_QRIS], ==, 0);
  g_assert_cmpint (s->payments[LAPAK_PAY_CASH], ==, 8000);
  g_assert_cmpint (s->n_entries, ==, 3);
  assert_consistent (s);
  g_clear_pointer (&s, lapak_settlement_free);

  /* The void went with its sale: nothing is left. */
  s = lapak_settlement_close (f->db, T.org, NULL, lapak_db_now (), &error);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_clear_error (&error);
  assert_journal_ok (f->db);
}

static void
test_charge_payout_rules (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) s = NULL;

  CHECK (lapak_event_create (f->db, T.org, "SET-2", "Bazar", LAPAK_EVENT_BAZAAR, 1000, 0, NULL, &error));
  add_tenant (f->db, "AA", LAPAK_TERMS_DEFAULT, 0);

  g_assert_false (lapak_charge_add (f->db, T.sari, "AA", 1000, "label", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_payout_add (f->db, T.sari, "AA", 1000, "TRF", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_charge_add (f->db, T.org, "AA", 0, "label", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_charge_add (f->db, T.org, "AA", 1000, "", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_payout_add (f->db, T.org, "NOPE", 1000, "TRF", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry"), ==, 0);

  s = lapak_settlement_close (f->db, T.sari, NULL, lapak_db_now (), &error);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  s = lapak_settlement_preview (f->db, "NOPE", lapak_db_now (), &error);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A charge is settled with the booth fee; a payout never is. */
  CHECK (lapak_charge_add (f->db, T.org, "AA", 7500, "Biaya label", &error));
  g_assert_true (lapak_payout_add (f->db, T.org, "AA", 1000, "Tunai, ttd", &error));
  s = lapak_settlement_close (f->db, T.org, NULL, lapak_db_now (), &error);
  g_assert_no_error (error);
  assert_tenant (s, "AA", 0, 0, 0, 1000, 0, 7500);
  g_assert_cmpint (s->n_entries, ==, 1);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry WHERE kind = 'payout' "
                                                "AND settlement IS NULL"), ==, 1);
  assert_journal_ok (f->db);
}

/* A closed settlement cannot be changed; an edit behind the triggers'
 * back (dropped first) is caught by the journal. */
static void
test_immutable (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Event1) e = { 0 };
  g_autoptr(LapakSettlement) s = NULL;
  g_autoptr(LapakJournalReport) report = NULL;
  sqlite3 *h = lapak_db_get_handle (f->db);

  event1_make (f->db, &e);
  s = lapak_settlement_close (f->db, T.org, NULL, lapak_db_now (), &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (h, "UPDATE settlement SET payout = payout + 1, net_sales = net_sales + 1", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (h, "DELETE FROM settlement_tenant", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (h, "UPDATE account_entry SET settlement = 'K1-S000009'", NULL, NULL, NULL), !=, SQLITE_OK);
  assert_journal_ok (f->db);

  g_assert_cmpint (sqlite3_exec (h, "DROP TRIGGER account_entry_settled_once;"
                                    "UPDATE account_entry SET settlement = NULL WHERE kind = 'booth_fee' AND tenant_code = 'FF'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  report = lapak_journal_verify (f->db, &error);
  g_assert_no_error (error);
  g_assert_false (report->ok);
  g_assert_nonnull (strstr (report->problem, "settlement"));
}

static void
test_time_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int64_t t;

  CHECK (lapak_settle_time_parse ("2026-11-30T18:00:00+07:00", &t, &error));
  g_assert_cmpint (t, ==, (int64_t) 1796036400 * G_USEC_PER_SEC);
  CHECK (lapak_settle_time_parse ("2026-11-30T11:00:00Z", &t, &error));
  g_assert_cmpint (t, ==, (int64_t) 1796036400 * G_USEC_PER_SEC);
  text = lapak_settle_time_format (t + 5);
  g_assert_true (lapak_settle_time_parse (text, &t, &error));
  g_assert_cmpint (t, ==, (int64_t) 1796036400 * G_USEC_PER_SEC + 5);
  g_assert_true (lapak_settle_time_parse ("2026-11-30T18:00+07:00", &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t, ==, (int64_t) 1796036400 * G_USEC_PER_SEC);
  /* Without an offset: local time, the same as the zone's own reading. */
  {
    g_autoptr(GTimeZone) local = g_time_zone_new_local ();
    g_autoptr(GDateTime) expect = g_date_time_new (local, 2026, 11, 30, 18, 0, 0);

    g_assert_true (lapak_settle_time_parse ("2026-11-30T18:00", &t, &error));
    g_assert_cmpint (t, ==, g_date_time_to_unix (expect) * G_USEC_PER_SEC);
    g_clear_pointer (&expect, g_date_time_unref);
    expect = g_date_time_new (local, 2026, 11, 30, 23, 59, 59.999999);
    g_assert_true (lapak_settle_time_parse ("2026-11-30", &t, &error));
    g_assert_cmpint (t, ==, g_date_time_to_unix (expect) * G_USEC_PER_SEC + 999999);
  }
  g_assert_false (lapak_settle_time_parse ("kemarin", &t, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
}

/* ---------- the property test ---------- */

typedef struct
{
  int      tenant;     /* index */
  int64_t  amount;     /* as on the account */
  int64_t  units;
  int      point;      /* the op after which it counts (a void: its sale's) */
  gboolean settled;
  int      kind;       /* 0 sale/void, 1 refund, 2 charge */
} MEntry;

typedef struct
{
  int      point;
  char    *id;
  gboolean voided;
  gboolean refunded;
  int      method;
  GArray  *lines;      /* MLine */
} MSale;

typedef struct
{
  int     product;
  int64_t qty;
  int64_t left;        /* not yet refunded */
} MLine;

typedef struct
{
  int   tenant;
  int64_t price;
  char *code;
} MProduct;

typedef struct
{
  int64_t payments[LAPAK_PAY_N_METHODS];
  int     point;
  gboolean settled;
} MMoney;

static int64_t
model_bp (int64_t net,
          int     bp)
{
  int64_t x = net * bp;        /* |net| stays far below 2^63 / 10^4 here */
  int64_t m = x < 0 ? -x : x;
  int64_t r = (m + 5000) / 10000;

  return x < 0 ? -r : r;
}

static void
test_property (Fixture       *f,
               gconstpointer  data)
{
  guint n_events = g_test_slow () ? 20 : 4;

  for (guint ev = 0; ev < n_events; ev++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *event = g_strdup_printf ("R-%u", ev);
      int n_tenants = g_test_rand_int_range (1, 6);
      int bps[6];
      int64_t charges_total = 0;
      g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (MEntry));
      g_autoptr(GArray) money = g_array_new (FALSE, TRUE, sizeof (MMoney));
      g_autoptr(GPtrArray) products = g_ptr_array_new ();
      g_autoptr(GPtrArray) sales = g_ptr_array_new ();
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (int64_t));
      g_autofree int64_t *net_all = g_new0 (int64_t, 6);
      g_autofree int64_t *commission_all = g_new0 (int64_t, 6);
      int n_closes = 0;
      int n_ops = g_test_rand_int_range (10, 40);
      static const int bp_choices[] = { 0, 1250, 3333, 1500, 10000, 1 };

      CHECK (lapak_event_create (f->db, T.org, event, "Acak", LAPAK_EVENT_TRADING_HOUSE, 1000, 0, NULL, &error));
      if (ev == 0)
        {
          CHECK (lapak_shift_open (f->db, T.org, 100000000, NULL, &error));
        }
      for (int t = 0; t < n_tenants; t++)
        {
          g_autofree char *code = g_strdup_printf ("R%uT%d", ev, t);
          int64_t fee = g_test_rand_bit () ? 0 : g_test_rand_int_range (1, 500) * 1000;
          int np = g_test_rand_int_range (1, 3);

          bps[t] = g_test_rand_bit () ? bp_choices[g_test_rand_int_range (0, G_N_ELEMENTS (bp_choices))]
                                      : g_test_rand_int_range (0, 10001);
          add_tenant (f->db, code, bps[t], fee);
          if (fee > 0)
            {
              MEntry me = { t, -fee, 0, -1, FALSE, 2 };

              g_array_append_val (entries, me);
            }
          for (int k = 0; k < np; k++)
            {
              MProduct *p = g_new0 (MProduct, 1);

              p->tenant = t;
              p->price = g_test_rand_int_range (1, 200000);
              p->code = add_product (f->db, code, p->price);
              g_ptr_array_add (products, p);
            }
        }

      for (int op = 0; op < n_ops; op++)
        {
          int what = g_test_rand_int_range (0, 100);

          if (what < 55 || sales->len == 0)
            {
              MSale *s = g_new0 (MSale, 1);
              g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
              int n_lines = g_test_rand_int_range (1, 4);
              int64_t per_tenant[6] = { 0 }, units[6] = { 0 };
              MMoney mm = { { 0 }, op, FALSE };
              int64_t total = 0;

              s->lines = g_array_new (FALSE, FALSE, sizeof (MLine));
              s->point = op;
              s->method = g_test_rand_int_range (0, LAPAK_PAY_N_METHODS);
              for (int l = 0; l < n_lines; l++)
                {
                  int pi = g_test_rand_int_range (0, products->len);
                  MProduct *p = g_ptr_array_index (products, pi);
                  MLine ml = { pi, g_test_rand_int_range (1, 4), 0 };
                  gboolean dup = FALSE;

                  for (guint k = 0; k < s->lines->len; k++)
                    dup |= g_array_index (s->lines, MLine, k).product == pi;
                  if (dup)
                    continue;
                  ml.left = ml.qty;
                  g_array_append_val (s->lines, ml);
                  g_ptr_array_add (items, g_strdup_printf ("%s*%" G_GINT64_FORMAT, p->code, ml.qty));
                  per_tenant[p->tenant] += ml.qty * p->price;
                  units[p->tenant] += ml.qty;
                  total += ml.qty * p->price;
                }
              g_ptr_array_add (items, NULL);
              s->id = sell (f->db, s->method, (const char * const *) items->pdata);
              g_ptr_array_add (sales, s);
              for (int t = 0; t < n_tenants; t++)
                if (per_tenant[t] != 0)
                  {
                    MEntry me = { t, per_tenant[t], units[t], op, FALSE, 0 };

                    g_array_append_val (entries, me);
                  }
              mm.payments[s->method] = total;
              g_array_append_val (money, mm);
            }
          else if (what < 65)
            {
              /* Void a sale that is neither voided nor refunded. */
              MSale *s = g_ptr_array_index (sales, g_test_rand_int_range (0, sales->len));
              int64_t per_tenant[6] = { 0 }, units[6] = { 0 };
              MMoney mm = { { 0 }, s->point, FALSE };

              if (s->voided || s->refunded)
                goto next;
              CHECK (lapak_sale_void (f->db, T.org, T.org, s->id, "acak", &error));
              s->voided = TRUE;
              for (guint k = 0; k < s->lines->len; k++)
                {
                  MLine *ml = &g_array_index (s->lines, MLine, k);
                  MProduct *p = g_ptr_array_index (products, ml->product);

                  per_tenant[p->tenant] -= ml->qty * p->price;
                  units[p->tenant] -= ml->qty;
                  mm.payments[s->method] -= ml->qty * p->price;
                }
              for (int t = 0; t < n_tenants; t++)
                if (per_tenant[t] != 0)
                  {
                    MEntry me = { t, per_tenant[t], units[t], s->point, FALSE, 0 };

                    g_array_append_val (entries, me);
                  }
              g_array_append_val (money, mm);
            }
          else if (what < 80)
            {
              MSale *s = g_ptr_array_index (sales, g_test_rand_int_range (0, sales->len));
              MLine *ml = &g_array_index (s->lines, MLine, g_test_rand_int_range (0, s->lines->len));
              MProduct *p = g_ptr_array_index (products, ml->product);
              int method = g_test_rand_int_range (0, LAPAK_PAY_N_METHODS);
              int64_t qty;
              MMoney mm = { { 0 }, op, FALSE };

              if (s->voided || ml->left == 0)
                goto next;
              qty = g_test_rand_int_range (1, ml->left + 1);
              g_assert_cmpint (refund (f->db, s->id, p->code, qty, method), ==, qty * p->price);
              ml->left -= qty;
              s->refunded = TRUE;
              {
                MEntry me = { p->tenant, -qty * p->price, -qty, op, FALSE, 1 };

                g_array_append_val (entries, me);
              }
              mm.payments[method] = -qty * p->price;
              g_array_append_val (money, mm);
            }
          else if (what < 88)
            {
              int t = g_test_rand_int_range (0, n_tenants);
              g_autofree char *code = g_strdup_printf ("R%uT%d", ev, t);
              int64_t amount = g_test_rand_int_range (1, 100000);

              if (g_test_rand_bit ())
                {
                  MEntry me = { t, -amount, 0, op, FALSE, 2 };

                  CHECK (lapak_charge_add (f->db, T.org, code, amount, "acak", &error));
                  g_array_append_val (entries, me);
                }
              else
                g_assert_true (lapak_payout_add (f->db, T.org, code, amount, "TRF acak", &error));
            }
          else
            {
              /* Close at a random earlier point (or now). */
              int cut = g_test_rand_int_range (-1, op);
              int64_t until = cut < 0 ? lapak_db_now () : g_array_index (points, int64_t, cut);
              int64_t net[6] = { 0 }, sales_m[6] = { 0 }, refunds_m[6] = { 0 }, units_m[6] = { 0 }, charges_m[6] = { 0 };
              int64_t payments[LAPAK_PAY_N_METHODS] = { 0 };
              int64_t n_entries = 0;
              g_autoptr(LapakSettlement) s = NULL;
              g_autoptr(LapakSettlement) twice = NULL;

              if (cut < 0)
                cut = op;
              for (guint k = 0; k < entries->len; k++)
                {
                  MEntry *me = &g_array_index (entries, MEntry, k);

                  if (me->settled || me->point > cut)
                    continue;
                  n_entries++;
                  units_m[me->tenant] += me->units;
                  if (me->kind == 0)
                    sales_m[me->tenant] += me->amount;
                  else if (me->kind == 1)
                    refunds_m[me->tenant] -= me->amount;
                  else
                    charges_m[me->tenant] -= me->amount;
                }
              for (guint k = 0; k < money->len; k++)
                {
                  MMoney *mm = &g_array_index (money, MMoney, k);

                  if (mm->settled || mm->point > cut)
                    continue;
                  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
                    payments[m] += mm->payments[m];
                }

              s = lapak_settlement_close (f->db, T.org, event, until, &error);
              if (n_entries == 0)
                {
                  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
                  g_clear_error (&error);
                  g_assert_null (s);
                }
              else
                {
                  g_assert_no_error (error);
                  n_closes++;
                  g_assert_cmpint (s->n_entries, ==, n_entries);
                  for (int t = 0; t < n_tenants; t++)
                    {
                      g_autofree char *code = g_strdup_printf ("R%uT%d", ev, t);

                      net[t] = sales_m[t] - refunds_m[t];
                      assert_tenant (s, code, units_m[t], sales_m[t], refunds_m[t], bps[t],
                                     model_bp (net[t], bps[t]), charges_m[t]);
                      net_all[t] += net[t];
                      commission_all[t] += model_bp (net[t], bps[t]);
                      charges_total += charges_m[t];
                    }
                  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
                    g_assert_cmpint (s->payments[m], ==, payments[m]);
                  assert_consistent (s);
                  for (guint k = 0; k < entries->len; k++)
                    if (g_array_index (entries, MEntry, k).point <= cut)
                      g_array_index (entries, MEntry, k).settled = TRUE;
                  for (guint k = 0; k < money->len; k++)
                    if (g_array_index (money, MMoney, k).point <= cut)
                      g_array_index (money, MMoney, k).settled = TRUE;

                  /* Closing twice is refused. */
                  twice = lapak_settlement_close (f->db, T.org, event, until, &error);
                  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
                  g_clear_error (&error);
                  g_assert_null (twice);
                  assert_journal_ok (f->db);
                }
            }

        next:
          {
            /* Point op: every record of ops ≤ op is at or before it. */
            int64_t now = lapak_db_now ();

            g_array_append_val (points, now);
            g_usleep (2);
          }
        }

      /* The final close covers the rest; then nothing is left unsettled and
       * every entry is in exactly one settlement. */
      {
        g_autoptr(LapakSettlement) s = lapak_settlement_close (f->db, T.org, event, lapak_db_now (), &error);
        g_autofree char *sql = NULL;
        int64_t total_commission = 0, once_commission = 0, n_settlements;

        if (s == NULL)
          {
            g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
            g_clear_error (&error);
          }
        else
          {
            n_closes++;
            assert_consistent (s);
            for (guint i = 0; i < s->tenants->len; i++)
              {
                const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);
                int ti = atoi (strchr (t->code, 'T') + 1);

                net_all[ti] += t->net_sales;
                commission_all[ti] += t->commission;
              }
          }
        sql = g_strdup_printf ("SELECT COUNT(*) FROM account_entry WHERE event_code = '%s' AND settlement IS NULL "
                               "AND kind <> 'payout'", event);
        g_assert_cmpint (lapak_test_query_int (f->db, sql), ==, 0);
        g_free (sql);
        sql = g_strdup_printf ("SELECT COUNT(*) FROM account_entry WHERE event_code = '%s' AND kind NOT IN ('payout', 'commission')",
                               event);
        g_assert_cmpint (lapak_test_query_int (f->db, sql), ==, entries->len);
        g_free (sql);
        sql = g_strdup_printf ("SELECT COALESCE(SUM(n_entries), 0) FROM settlement WHERE event_code = '%s'", event);
        g_assert_cmpint (lapak_test_query_int (f->db, sql), ==, entries->len);
        g_free (sql);
        sql = g_strdup_printf ("SELECT COUNT(*) FROM settlement WHERE event_code = '%s'", event);
        n_settlements = lapak_test_query_int (f->db, sql);
        g_assert_cmpint (n_settlements, ==, n_closes);

        /* Settling in k parts rounds k times: the commissions differ from
         * one settlement over the whole period by at most k/2 per tenant. */
        for (int t = 0; t < n_tenants; t++)
          {
            int64_t diff = commission_all[t] - model_bp (net_all[t], bps[t]);

            total_commission += commission_all[t];
            once_commission += model_bp (net_all[t], bps[t]);
            g_assert_cmpint (2 * ABS (diff), <=, MAX (n_settlements, 1));
          }
        g_test_message ("event %s: %d tenants, %u entries, %" G_GINT64_FORMAT " settlements, commission "
                        "%" G_GINT64_FORMAT " in parts vs %" G_GINT64_FORMAT " at once",
                        event, n_tenants, entries->len, n_settlements, total_commission, once_commission);
      }
      assert_journal_ok (f->db);

      for (guint i = 0; i < products->len; i++)
        {
          MProduct *p = g_ptr_array_index (products, i);

          g_free (p->code);
          g_free (p);
        }
      for (guint i = 0; i < sales->len; i++)
        {
          MSale *s = g_ptr_array_index (sales, i);

          g_free (s->id);
          g_array_unref (s->lines);
          g_free (s);
        }
      (void) charges_total;
    }
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  template_create ();

  g_test_add ("/settle/known-answers", Fixture, NULL, fixture_set_up, test_known_answers, fixture_tear_down);
  g_test_add ("/settle/cutoff-and-void", Fixture, NULL, fixture_set_up, test_cutoff_and_void, fixture_tear_down);
  g_test_add ("/settle/charge-payout-rules", Fixture, NULL, fixture_set_up, test_charge_payout_rules, fixture_tear_down);
  g_test_add ("/settle/immutable", Fixture, NULL, fixture_set_up, test_immutable, fixture_tear_down);
  g_test_add_func ("/settle/time-parse", test_time_parse);
  g_test_add ("/settle/property", Fixture, NULL, fixture_set_up, test_property, fixture_tear_down);

  rc = g_test_run ();
  lapak_user_free (T.org);
  lapak_user_free (T.sari);
  lapak_test_remove_tree (T.dir);
  g_free (T.dir);
  g_free (T.path);
  return rc;
}
