/* test-terms.c — changing an event's terms and a tenant's terms in it
 * after they were set, in the core (docs/terms.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every refusal is checked to leave the database exactly as it was.
 */
#include <string.h>

#include <glib.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-sale.h"
#include "lapak-settle.h"
#include "lapak-test-util.h"

#define STATIC_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
/* One letter changed: the CRC no longer matches. */
#define MISTYPED_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugemg6010Kab. Demak610559567630458C7"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
  LapakUser *sari;     /* cashier */
  GPtrArray *codes;    /* KLL 15,000, KLL 32,500, BTK, BTK, SMB, SMB */
} Fixture;

/* Event SELL-1 (10 %, no booth fee); KLL, BTK, SMB in it; a shift open. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_selling_till (f->dir, "K1", &f->org, &f->codes);
  g_assert_true (lapak_user_add (f->db, f->org, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  g_assert_no_error (error);
  f->sari = lapak_test_login (f->db, "Sari", "1111");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_user_free (f->org);
  lapak_user_free (f->sari);
  g_ptr_array_unref (f->codes);
  g_object_unref (f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
digest (Fixture *f)
{
  return lapak_test_db_digest (lapak_db_get_path (f->db));
}

static LapakTenant *
find_tenant (Fixture    *f,
             const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = lapak_tenant_list (f->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tenants->len; i++)
    {
      LapakTenant *t = g_ptr_array_index (tenants, i);

      if (g_str_equal (t->code, code))
        return g_ptr_array_steal_index (tenants, i);
    }
  g_assert_not_reached ();
}

static int64_t
balance (Fixture    *f,
         const char *tenant)
{
  g_autoptr(GError) error = NULL;
  int64_t b = 0;

  g_assert_true (lapak_tenant_balance (f->db, tenant, &b, &error));
  g_assert_no_error (error);
  return b;
}

static int64_t
n_terms_entries (Fixture *f)
{
  return lapak_test_query_int (f->db, "SELECT COUNT(*) FROM journal WHERE type = 'terms'");
}

static void
assert_journal_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakJournalReport) report = lapak_journal_verify (f->db, &error);

  g_assert_no_error (error);
  g_assert_true (report->ok);
}

static void
sell (Fixture    *f,
      const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (f->db, &error);
  g_autoptr(LapakSale) sale = NULL;

  g_assert_no_error (error);
  g_assert_true (lapak_cart_scan (cart, input, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, lapak_cart_total (cart), NULL, &error));
  g_assert_no_error (error);
  sale = lapak_sale_commit (f->db, f->org, cart, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sale);
}

static const LapakSettleTenant *
settled (const LapakSettlement *s,
         const char            *tenant)
{
  for (guint i = 0; i < s->tenants->len; i++)
    {
      const LapakSettleTenant *t = g_ptr_array_index (s->tenants, i);

      if (g_str_equal (t->code, tenant))
        return t;
    }
  g_assert_not_reached ();
}

/* The event's terms are the defaults of tenants joining from now on. */
static void
test_event_update (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakEvent) event = NULL;
  g_autoptr(LapakTenant) kll = NULL;
  g_autoptr(LapakTenant) new = NULL;
  LapakTenantSpec spec = { "NEW", "Tenant Baru", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };
  int64_t kll_balance = balance (f, "KLL");

  g_assert_true (lapak_event_update (f->db, f->org, "SELL-1", "Bazar Uji Baru", 1500, 75000, STATIC_QRIS,
                                     &error));
  g_assert_no_error (error);
  event = lapak_event_get_active (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (event->name, ==, "Bazar Uji Baru");
  g_assert_cmpint (event->commission_bp, ==, 1500);
  g_assert_cmpint (event->booth_fee, ==, 75000);
  g_assert_cmpstr (event->qris, ==, STATIC_QRIS);
  g_assert_cmpint (n_terms_entries (f), ==, 1);

  /* a tenant already in keeps its terms and its account */
  kll = find_tenant (f, "KLL");
  g_assert_cmpint (kll->commission_bp, ==, 1000);
  g_assert_cmpint (kll->booth_fee, ==, 0);
  g_assert_cmpint (balance (f, "KLL"), ==, kll_balance);

  /* one joining now gets the new ones */
  g_assert_true (lapak_tenant_add (f->db, f->org, &spec, &error));
  g_assert_no_error (error);
  new = find_tenant (f, "NEW");
  g_assert_true (new->joined);
  g_assert_cmpint (new->commission_bp, ==, 1500);
  g_assert_cmpint (new->booth_fee, ==, 75000);
  g_assert_cmpint (balance (f, "NEW"), ==, -75000);

  /* "" removes the QRIS */
  g_assert_true (lapak_event_update (f->db, f->org, "SELL-1", "Bazar Uji Baru", 1500, 75000, "", &error));
  g_assert_no_error (error);
  g_clear_pointer (&event, lapak_event_free);
  event = lapak_event_get_active (f->db, &error);
  g_assert_null (event->qris);
  g_assert_cmpint (n_terms_entries (f), ==, 2);
  assert_journal_ok (f);
}

static void
test_event_update_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;
  struct { const char *code; const char *name; int bp; int64_t fee; const char *qris; int err; const char *says; } cases[] = {
    { "SELL-1", "Bazar", 1000, 0, MISTYPED_QRIS, LAPAK_ERROR_INVALID, NULL },
    { "SELL-1", "Bazar", 10001, 0, NULL, LAPAK_ERROR_INVALID, "100%" },
    { "SELL-1", "Bazar", -5, 0, NULL, LAPAK_ERROR_INVALID, "100%" },
    { "SELL-1", "Bazar", 1000, -1, NULL, LAPAK_ERROR_INVALID, NULL },
    { "SELL-1", "", 1000, 0, NULL, LAPAK_ERROR_INVALID, NULL },
    { "NOPE-1", "Bazar", 1000, 0, NULL, LAPAK_ERROR_NOT_FOUND, "NOPE-1" },
  };

  g_assert_false (lapak_event_update (f->db, f->sari, "SELL-1", "Bazar", 1000, 0, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_event_update (f->db, NULL, "SELL-1", "Bazar", 1000, 0, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (lapak_event_update (f->db, f->org, cases[i].code, cases[i].name, cases[i].bp, cases[i].fee,
                                          cases[i].qris, &error));
      g_assert_error (error, LAPAK_ERROR, cases[i].err);
      if (cases[i].says != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].says));
      g_clear_error (&error);
    }
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* A booth fee change never edits the fee charged: an entry for the difference. */
static void
test_tenant_booth_fee (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakTenant) kll = NULL;
  g_autoptr(LapakSettlement) s = NULL;
  LapakTenantSpec dnt = { "DNT", "Donat Mama Rina", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };
  int64_t charged;

  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "KLL", 1000, 150000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance (f, "KLL"), ==, -150000);
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "KLL", 1000, 100000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance (f, "KLL"), ==, -100000);
  kll = find_tenant (f, "KLL");
  g_assert_cmpint (kll->booth_fee, ==, 100000);
  /* two entries, none edited: −150,000 and +50,000 */
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry "
                                                "WHERE tenant_code = 'KLL' AND kind = 'booth_fee'"), ==, 2);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT MIN(amount) FROM account_entry "
                                                "WHERE tenant_code = 'KLL' AND kind = 'booth_fee'"), ==, -150000);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT MAX(amount) FROM account_entry "
                                                "WHERE tenant_code = 'KLL' AND kind = 'booth_fee'"), ==, 50000);
  /* the same terms again: nothing to adjust, still journaled */
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "KLL", 1000, 100000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lapak_test_query_int (f->db, "SELECT COUNT(*) FROM account_entry "
                                                "WHERE tenant_code = 'KLL' AND kind = 'booth_fee'"), ==, 2);
  g_assert_cmpint (n_terms_entries (f), ==, 3);

  /* the settlement charges the fee as it stands */
  s = lapak_settlement_close (f->db, f->org, "SELL-1", lapak_db_now (), &error);
  g_assert_no_error (error);
  charged = settled (s, "KLL")->charges;
  g_assert_cmpint (charged, ==, 100000);

  /* a change after the settlement lands in the next one */
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "KLL", 1000, 120000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance (f, "KLL"), ==, -120000);
  assert_journal_ok (f);

  /* leaving gives back every booth fee entry: the account is square */
  g_assert_true (lapak_tenant_add (f->db, f->org, &dnt, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "DNT", 1000, 80000, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "DNT", 1000, 30000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance (f, "DNT"), ==, -30000);
  g_assert_true (lapak_event_leave (f->db, f->org, "DNT", &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance (f, "DNT"), ==, 0);
}

/* A commission changes only with nothing unsettled: the settlement applies
 * the commission it finds to every sale it covers. */
static void
test_tenant_commission (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) first = NULL;
  g_autoptr(LapakSettlement) second = NULL;
  g_autoptr(LapakTenant) kll = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *two = g_strdup_printf ("%s*2", (const char *) g_ptr_array_index (f->codes, 0));

  /* nothing sold yet: free to change */
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "KLL", 1200, 0, &error));
  g_assert_no_error (error);
  kll = find_tenant (f, "KLL");
  g_assert_cmpint (kll->commission_bp, ==, 1200);

  sell (f, two);   /* KLL: 30,000 at 12 % */

  /* refused while that sale is unsettled; the booth fee alone may change */
  before = digest (f);
  g_assert_false (lapak_event_tenant_terms (f->db, f->org, "KLL", 2000, 0, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "KLL"));
  g_assert_nonnull (strstr (error->message, "SELL-1"));
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  /* another tenant without sales may */
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "SMB", 500, 0, &error));
  g_assert_no_error (error);

  first = lapak_settlement_close (f->db, f->org, "SELL-1", lapak_db_now (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (settled (first, "KLL")->commission_bp, ==, 1200);
  g_assert_cmpint (settled (first, "KLL")->commission, ==, 3600);

  /* settled: the new commission counts for the sales after */
  g_assert_true (lapak_event_tenant_terms (f->db, f->org, "KLL", 2000, 0, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  sell (f, two);
  second = lapak_settlement_close (f->db, f->org, "SELL-1", lapak_db_now (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (settled (second, "KLL")->commission_bp, ==, 2000);
  g_assert_cmpint (settled (second, "KLL")->commission, ==, 6000);
  /* the first settlement keeps what it recorded */
  {
    g_autoptr(LapakSettlement) again = lapak_settlement_get (f->db, first->id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (settled (again, "KLL")->commission_bp, ==, 1200);
    g_assert_cmpint (settled (again, "KLL")->commission, ==, 3600);
  }
  assert_journal_ok (f);
}

static void
test_tenant_terms_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LapakTenantSpec spec = { "OUT", "Belum Ikut", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };

  /* OUT is registered but not in the event */
  g_assert_true (lapak_tenant_add (f->db, f->org, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_event_leave (f->db, f->org, "OUT", &error));
  g_assert_no_error (error);

  before = digest (f);
  g_assert_false (lapak_event_tenant_terms (f->db, f->sari, "KLL", 1000, 1, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (lapak_event_tenant_terms (f->db, f->org, "OUT", 1000, 1, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "OUT"));
  g_clear_error (&error);
  g_assert_false (lapak_event_tenant_terms (f->db, f->org, "NOPE", 1000, 1, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lapak_event_tenant_terms (f->db, f->org, "KLL", 10001, 0, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_event_tenant_terms (f->db, f->org, "KLL", LAPAK_TERMS_DEFAULT, 0, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_event_tenant_terms (f->db, f->org, "KLL", 1000, -7, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* a till syncing with a hub: the hub's terms win there */
  g_assert_true (lapak_db_set_meta (f->db, "sync_role", "till", &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = digest (f);
  g_assert_false (lapak_event_tenant_terms (f->db, f->org, "KLL", 1000, 5000, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_STATE);
  g_assert_nonnull (strstr (error->message, "hub"));
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/terms/event-update", test_event_update);
  ADD ("/terms/event-update-refused", test_event_update_refused);
  ADD ("/terms/tenant-booth-fee", test_tenant_booth_fee);
  ADD ("/terms/tenant-commission", test_tenant_commission);
  ADD ("/terms/tenant-refused", test_tenant_terms_refused);
#undef ADD

  return g_test_run ();
}
