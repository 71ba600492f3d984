/* test-sale.c — carts, payments, sales, voids, refunds, shifts, journal and
 * receipts, through the core API (no CLI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on its own copy of one template till (K1) built once in
 * main(): logging in costs an argon2id hash (~0.5 s), so the users are
 * created and logged in once and their LapakUser objects reused.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-code.h"
#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-money.h"
#include "lapak-qris.h"
#include "lapak-receipt.h"
#include "lapak-sale.h"
#include "lapak-shift.h"
#include "lapak-test-util.h"

#define STATIC_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
#define DYNAMIC_1000 "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI520458125303360540410005802ID5922Warung Sayur Bu Sugeng6010Kab. Demak6105595676304C45F"

#define EAN13 "4006381333931"
#define UPCA "036000291452"
#define LONG_NAME "Keripik Tempe Pedas Manis Khas Malang — ukuran keluarga 500 g, renyah"

/* ---------- the template till ---------- */

typedef struct
{
  const char *tenant;
  const char *name;
  gint64      price;
  gint64      stock;
  const char *barcode;
  char       *code;       /* filled in */
} Product;

static Product products[] = {
  { "KLL", "Kue Lapis Legit", 12500, 10, EAN13, NULL },
  { "KLL", LONG_NAME, 35000, 5, NULL, NULL },
  { "BTK", "Batik Tulis Madura", 150000, 3, UPCA, NULL },
  { "BTK", "Selendang Sutra", 99999, 50, NULL, NULL },
  { "KPI", "Kopi Gayo 250 g", 7000, 100, NULL, NULL },
  { "KPI", "Gula Aren", 2500, 100, NULL, NULL },
};
enum { P_LAPIS, P_LONG, P_BATIK, P_SELENDANG, P_KOPI, P_GULA, N_PRODUCTS };

static struct
{
  char      *dir;
  char      *path;
  LapakUser *org;
  LapakUser *sari;     /* cashier */
  LapakUser *budi;     /* cashier */
  LapakUser *dewi;     /* supervisor */
  LapakUser *tini;     /* tenant KLL */
  char      *old_code;      /* a product of a tenant not in the active event */
  char      *pending_code;  /* added by a tenant, not approved */
  char      *inactive_code; /* no longer sold */
} T;

static const char *
tenant_name (const char *code)
{
  if (g_str_equal (code, "KLL"))
    return "Lapis Legit Bu Tini";
  if (g_str_equal (code, "BTK"))
    return "Batik Ibu Sri — Madura";
  return "Kopi Pak Harun";
}

static void
template_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  LapakProductSpec spec = { 0 };
  const char *tenants[] = { "KLL", "BTK", "KPI" };

  T.dir = lapak_test_make_dir ();
  db = lapak_test_new_till (T.dir, "K1");
  T.path = g_strdup (lapak_db_get_path (db));
  T.org = lapak_test_login (db, "Org", "1234");

  /* An earlier event with a tenant that does not take part in the new one. */
  g_assert_true (lapak_event_create (db, T.org, "PRJ-2025", "Pekan Raya 2025", LAPAK_EVENT_BAZAAR,
                                     1000, 0, NULL, &error));
  g_assert_no_error (error);
  {
    LapakTenantSpec ts = { "LAMA", "Usaha Lama", NULL, NULL, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT };

    g_assert_true (lapak_tenant_add (db, T.org, &ts, &error));
    g_assert_no_error (error);
  }
  spec = (LapakProductSpec) { "LAMA", NULL, "Keripik Lama", 5000, 10, NULL };
  T.old_code = lapak_product_add (db, T.org, &spec, &error);
  g_assert_no_error (error);

  g_assert_true (lapak_event_create (db, T.org, "JCC-2026", "Pameran UMKM Jakarta 2026", LAPAK_EVENT_BAZAAR,
                                     1500, 0, STATIC_QRIS, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tenants); i++)
    {
      LapakTenantSpec ts = { tenants[i], tenant_name (tenants[i]), NULL, NULL, LAPAK_TERMS_DEFAULT, 0 };

      g_assert_true (lapak_tenant_add (db, T.org, &ts, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      spec = (LapakProductSpec) { products[i].tenant, NULL, products[i].name, products[i].price,
                                  products[i].stock, products[i].barcode };
      products[i].code = lapak_product_add (db, T.org, &spec, &error);
      g_assert_no_error (error);
    }
  spec = (LapakProductSpec) { "KPI", NULL, "Kopi Lama", 8000, 10, NULL };
  T.inactive_code = lapak_product_add (db, T.org, &spec, &error);
  g_assert_no_error (error);
  {
    /* There is no API to retire a product yet: set the state directly. */
    g_autofree char *sql = g_strdup_printf ("UPDATE product SET status = 'inactive' WHERE code = '%s'",
                                            T.inactive_code);

    g_assert_cmpint (sqlite3_exec (lapak_db_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  g_assert_true (lapak_user_add (db, T.org, "Sari", LAPAK_ROLE_CASHIER, NULL, "1111", &error));
  g_assert_true (lapak_user_add (db, T.org, "Budi", LAPAK_ROLE_CASHIER, NULL, "2222", &error));
  g_assert_true (lapak_user_add (db, T.org, "Dewi", LAPAK_ROLE_SUPERVISOR, NULL, "3333", &error));
  g_assert_true (lapak_user_add (db, T.org, "Tini", LAPAK_ROLE_TENANT, "KLL", "4444", &error));
  g_assert_no_error (error);
  T.sari = lapak_test_login (db, "Sari", "1111");
  T.budi = lapak_test_login (db, "Budi", "2222");
  T.dewi = lapak_test_login (db, "Dewi", "3333");
  T.tini = lapak_test_login (db, "Tini", "4444");

  spec = (LapakProductSpec) { "KLL", NULL, "Lapis Baru (belum disetujui)", 20000, 5, NULL };
  T.pending_code = lapak_product_add (db, T.tini, &spec, &error);
  g_assert_no_error (error);
}

static void
template_free (void)
{
  lapak_test_remove_tree (T.dir);
  g_free (T.dir);
  g_free (T.path);
  lapak_user_free (T.org);
  lapak_user_free (T.sari);
  lapak_user_free (T.budi);
  lapak_user_free (T.dewi);
  lapak_user_free (T.tini);
  g_free (T.old_code);
  g_free (T.pending_code);
  g_free (T.inactive_code);
  for (guint i = 0; i < N_PRODUCTS; i++)
    g_free (products[i].code);
}

/* ---------- fixture ---------- */

typedef struct
{
  char    *dir;
  LapakDb *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize len;

  f->dir = lapak_test_make_dir ();
  path = g_build_filename (f->dir, "K1.db", NULL);
  g_file_get_contents (T.path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, (gssize)len, &error);
  g_assert_no_error (error);
  f->db = lapak_db_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* ---------- helpers ---------- */

static gint64
q_int (Fixture    *f,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
q_int (Fixture    *f,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  va_list ap;
  gint64 value;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (sqlite3_prepare_v2 (lapak_db_get_handle (f->db), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (lapak_db_get_handle (f->db)));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
q_text (Fixture    *f,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static char *
q_text (Fixture    *f,
        const char *format,
        ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  va_list ap;
  char *value = NULL;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (sqlite3_prepare_v2 (lapak_db_get_handle (f->db), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (lapak_db_get_handle (f->db)));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static char *
digest (Fixture *f)
{
  return lapak_test_db_digest (lapak_db_get_path (f->db));
}

static gint64
open_shift (Fixture   *f,
            LapakUser *cashier,
            gint64     float_amount)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = 0;

  g_assert_true (lapak_shift_open (f->db, cashier, float_amount, &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seq, >, 0);
  return seq;
}

static LapakCart *
new_cart (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  LapakCart *cart = lapak_cart_new (f->db, &error);

  g_assert_no_error (error);
  return cart;
}

static void
scan (LapakCart  *cart,
      const char *input)
{
  g_autoptr(GError) error = NULL;

  if (!lapak_cart_scan (cart, input, &error))
    g_error ("scanning %s: %s", input, error->message);
}

static void
scan_qty (LapakCart *cart,
          guint      product,
          gint64     qty)
{
  g_autofree char *input = g_strdup_printf ("%s*%" G_GINT64_FORMAT, products[product].code, qty);

  scan (cart, input);
}

static void
pay (LapakCart      *cart,
     LapakPayMethod  method,
     gint64          amount)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lapak_cart_add_payment (cart, method, amount, NULL, &error));
  g_assert_no_error (error);
}

static LapakSale *
commit (Fixture   *f,
        LapakCart *cart)
{
  g_autoptr(GError) error = NULL;
  LapakSale *sale = lapak_sale_commit (f->db, T.sari, cart, &error);

  if (sale == NULL)
    g_error ("commit: %s", error->message);
  return sale;
}

/* Sells @input (one scan) for cash with exactly the total. */
static LapakSale *
quick_sale (Fixture    *f,
            const char *input)
{
  g_autoptr(LapakCart) cart = new_cart (f);

  scan (cart, input);
  pay (cart, LAPAK_PAY_CASH, lapak_cart_total (cart));
  return commit (f, cart);
}

static LapakSale *
quick_sale_qty (Fixture *f,
                guint    product,
                gint64   qty)
{
  g_autofree char *input = g_strdup_printf ("%s*%" G_GINT64_FORMAT, products[product].code, qty);

  return quick_sale (f, input);
}

static void
assert_refused (const GError *error,
                gint          code,
                const char   *contains)
{
  g_assert_nonnull (error);
  g_assert_error (error, LAPAK_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 10);
  if (contains != NULL && strstr (error->message, contains) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, contains);
}

static void
assert_verifies (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakJournalReport) report = lapak_journal_verify (f->db, &error);

  g_assert_no_error (error);
  if (!report->ok)
    g_error ("journal broken at %" G_GINT64_FORMAT ": %s", report->broken_seq, report->problem);
}

static const LapakPayment *
find_payment (const LapakSale *sale,
              LapakPayMethod   method)
{
  for (guint i = 0; i < sale->payments->len; i++)
    if (g_array_index (sale->payments, LapakPayment, i).method == method)
      return &g_array_index (sale->payments, LapakPayment, i);
  return NULL;
}

/* ---------- scanning ---------- */

static void
test_scan_code (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autofree char *lower = g_ascii_strdown (products[P_LAPIS].code, -1);
  g_autofree char *spaced = g_strdup_printf ("  %s\t", lower);
  g_autofree char *times3 = g_strdup_printf ("%s*3", products[P_BATIK].code);
  g_autofree char *times_spaced = g_strdup_printf ("%s * 2", products[P_LAPIS].code);
  const LapakCartLine *line;

  scan (cart, products[P_LAPIS].code);
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 1);
  line = lapak_cart_line (cart, 0);
  g_assert_cmpstr (line->code, ==, products[P_LAPIS].code);
  g_assert_cmpstr (line->tenant, ==, "KLL");
  g_assert_cmpstr (line->name, ==, "Kue Lapis Legit");
  g_assert_cmpint (line->qty, ==, 1);
  g_assert_cmpint (line->list_price, ==, 12500);
  g_assert_cmpint (line->unit_price, ==, 12500);
  g_assert_cmpint (line->unit_discount, ==, 0);
  g_assert_null (line->approver);

  /* The same product again (typed in lower case, with blanks): same line. */
  scan (cart, spaced);
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 1);
  g_assert_cmpint (lapak_cart_line (cart, 0)->qty, ==, 2);

  scan (cart, times3);
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 2);
  line = lapak_cart_line (cart, 1);
  g_assert_cmpstr (line->tenant, ==, "BTK");
  g_assert_cmpint (line->qty, ==, 3);

  scan (cart, times_spaced);
  g_assert_cmpint (lapak_cart_line (cart, 0)->qty, ==, 4);
  g_assert_cmpint (lapak_cart_total (cart), ==, 4 * 12500 + 3 * 150000);
}

static void
test_scan_barcode (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autoptr(GError) error = NULL;

  scan (cart, EAN13);
  scan (cart, UPCA "*2");
  scan (cart, products[P_LAPIS].code);   /* label and barcode: one product, one line */
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 2);
  g_assert_cmpstr (lapak_cart_line (cart, 0)->code, ==, products[P_LAPIS].code);
  g_assert_cmpint (lapak_cart_line (cart, 0)->qty, ==, 2);
  g_assert_cmpstr (lapak_cart_line (cart, 1)->code, ==, products[P_BATIK].code);
  g_assert_cmpint (lapak_cart_line (cart, 1)->qty, ==, 2);

  /* A barcode with a wrong check digit, and a valid one nobody mapped. */
  g_assert_false (lapak_cart_scan (cart, "4006381333932", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cart_scan (cart, "5901234123457", &error));
  assert_refused (error, LAPAK_ERROR_NOT_FOUND, "5901234123457");
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 2);
}

static void
test_scan_refusals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autofree char *unknown = NULL;
  g_autofree char *mistyped = g_strdup (products[P_LAPIS].code);
  g_autofree char *swapped = g_strdup (products[P_LAPIS].code);
  struct { const char *input; gint code; const char *mentions; } cases[] = {
    { unknown, LAPAK_ERROR_NOT_FOUND, unknown },
    { mistyped, LAPAK_ERROR_INVALID, NULL },
    { swapped, LAPAK_ERROR_INVALID, NULL },
    { T.old_code, LAPAK_ERROR_STATE, "LAMA" },
    { T.pending_code, LAPAK_ERROR_STATE, "approv" },
    { T.inactive_code, LAPAK_ERROR_STATE, T.inactive_code },
    { "", LAPAK_ERROR_INVALID, NULL },
    { "   ", LAPAK_ERROR_INVALID, NULL },
    { "*3", LAPAK_ERROR_INVALID, NULL },
    { "\xff\xfe", LAPAK_ERROR_INVALID, NULL },
  };
  const char *bad_qty[] = { "0", "-1", "10000", "99999999999999999999999", "3.5", "x", "" };
  gsize len = strlen (mistyped);
  gsize dash = strchr (swapped, '-') - swapped;

  /* A well-formed code no product has. */
  for (guint serial = 977; unknown == NULL; serial++)
    unknown = lapak_product_code_make ("KLL", serial);
  cases[0].input = cases[0].mentions = unknown;

  /* One wrong character; two neighbours swapped. */
  mistyped[len - 1] = mistyped[len - 1] == '0' ? '1' : '0';
  if (swapped[dash + 1] == swapped[dash + 2])
    swapped[dash + 1] = swapped[dash + 1] == '0' ? '9' : '0';
  else
    {
      char c = swapped[dash + 1];

      swapped[dash + 1] = swapped[dash + 2];
      swapped[dash + 2] = c;
    }

  scan (cart, products[P_KOPI].code);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (cases[i].input, NULL);

      g_test_message ("scan “%s”", shown);
      g_assert_false (lapak_cart_scan (cart, cases[i].input, &error));
      assert_refused (error, cases[i].code, cases[i].mentions);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_qty); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *input = g_strdup_printf ("%s*%s", products[P_KOPI].code, bad_qty[i]);

      g_test_message ("scan “%s”", input);
      g_assert_false (lapak_cart_scan (cart, input, &error));
      assert_refused (error, LAPAK_ERROR_INVALID, NULL);
    }

  /* Nothing of that changed the cart. */
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 1);
  g_assert_cmpint (lapak_cart_line (cart, 0)->qty, ==, 1);
  g_assert_cmpint (lapak_cart_total (cart), ==, 7000);

  /* Adding to a line may not take it over the largest quantity. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *most = g_strdup_printf ("%s*%d", products[P_KOPI].code, LAPAK_MAX_QTY);

    g_assert_false (lapak_cart_scan (cart, most, &error));
    assert_refused (error, LAPAK_ERROR_INVALID, NULL);
    g_assert_cmpint (lapak_cart_line (cart, 0)->qty, ==, 1);
  }
}

static void
test_cart_qty_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  gint64 bad[] = { 0, -1, -9999, LAPAK_MAX_QTY + 1, G_MAXINT64, G_MININT64 };

  scan (cart, products[P_LAPIS].code);
  scan (cart, products[P_BATIK].code);
  scan (cart, products[P_GULA].code);

  g_assert_true (lapak_cart_set_qty (cart, 0, 7, NULL));
  g_assert_cmpint (lapak_cart_total (cart), ==, 7 * 12500 + 150000 + 2500);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lapak_cart_set_qty (cart, 1, bad[i], &error));
      assert_refused (error, LAPAK_ERROR_INVALID, NULL);
    }
  g_assert_cmpint (lapak_cart_line (cart, 1)->qty, ==, 1);

  lapak_cart_remove (cart, 1);
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 2);
  g_assert_cmpstr (lapak_cart_line (cart, 1)->code, ==, products[P_GULA].code);
  g_assert_cmpint (lapak_cart_total (cart), ==, 7 * 12500 + 2500);
  lapak_cart_remove (cart, 0);
  lapak_cart_remove (cart, 0);
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 0);
  g_assert_cmpint (lapak_cart_total (cart), ==, 0);
}

static void
test_cart_discount_override (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) sale = NULL;
  const LapakUser *not_approvers[] = { T.sari, T.budi, T.tini, NULL };
  const LapakCartLine *line;

  scan_qty (cart, P_LAPIS, 3);
  scan_qty (cart, P_SELENDANG, 2);

  /* Only a supervisor (or organiser) approves a discount or a price. */
  for (guint i = 0; i < G_N_ELEMENTS (not_approvers); i++)
    {
      g_assert_false (lapak_cart_set_discount (cart, 0, 2500, not_approvers[i], &error));
      assert_refused (error, LAPAK_ERROR_DENIED, NULL);
      g_clear_error (&error);
      g_assert_false (lapak_cart_set_price (cart, 1, 90000, not_approvers[i], &error));
      assert_refused (error, LAPAK_ERROR_DENIED, NULL);
      g_clear_error (&error);
    }
  g_assert_cmpint (lapak_cart_total (cart), ==, 3 * 12500 + 2 * 99999);
  g_assert_null (lapak_cart_line (cart, 0)->approver);

  /* Out of range. */
  g_assert_false (lapak_cart_set_discount (cart, 0, 12500, T.dewi, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cart_set_discount (cart, 0, -1, T.dewi, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cart_set_price (cart, 1, 0, T.dewi, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cart_set_price (cart, 1, -5, T.dewi, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cart_set_price (cart, 1, LAPAK_MONEY_MAX + 1, T.dewi, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_cmpint (lapak_cart_total (cart), ==, 3 * 12500 + 2 * 99999);

  g_assert_true (lapak_cart_set_discount (cart, 0, 2500, T.dewi, &error));
  g_assert_true (lapak_cart_set_price (cart, 1, 90000, T.org, &error));
  g_assert_no_error (error);
  line = lapak_cart_line (cart, 0);
  g_assert_cmpint (line->unit_discount, ==, 2500);
  g_assert_cmpstr (line->approver, ==, "Dewi");
  line = lapak_cart_line (cart, 1);
  g_assert_cmpint (line->unit_price, ==, 90000);
  g_assert_cmpint (line->list_price, ==, 99999);
  g_assert_cmpstr (line->approver, ==, "Org");
  g_assert_cmpint (lapak_cart_total (cart), ==, 3 * 10000 + 2 * 90000);

  /* A price below the line's discount is refused; the line is unchanged. */
  g_assert_false (lapak_cart_set_price (cart, 0, 2500, T.dewi, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_cmpint (lapak_cart_line (cart, 0)->unit_price, ==, 12500);

  /* Scanning a product whose line has an approved change starts a new
   * line at the catalogue price: the approval covers what it was given for. */
  scan (cart, products[P_LAPIS].code);
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 3);
  g_assert_cmpint (lapak_cart_line (cart, 2)->unit_discount, ==, 0);
  g_assert_cmpint (lapak_cart_total (cart), ==, 3 * 10000 + 2 * 90000 + 12500);

  open_shift (f, T.sari, 0);
  pay (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST);
  sale = commit (f, cart);
  g_assert_cmpint (sale->total, ==, 222500);
  g_assert_cmpint (q_int (f, "SELECT list_price * 1000000 + unit_price FROM sale_line WHERE line = 2"), ==,
                   99999 * G_GINT64_CONSTANT (1000000) + 90000);
  g_assert_cmpint (q_int (f, "SELECT unit_discount FROM sale_line WHERE line = 1"), ==, 2500);
  {
    g_autofree char *who = q_text (f, "SELECT approver FROM sale_line WHERE line = 1");
    g_autofree char *payload = q_text (f, "SELECT payload FROM journal WHERE type = 'sale'");

    g_assert_cmpstr (who, ==, "Dewi");
    /* The journal entry of the sale records the override and who approved it. */
    g_assert_nonnull (strstr (payload, "|99999|90000|0|Org|"));
    g_assert_nonnull (strstr (payload, "|12500|12500|2500|Dewi|"));
  }
  assert_verifies (f);
}

static void
test_cart_overflow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *many = g_strdup_printf ("%s*%d", products[P_BATIK].code, LAPAK_MAX_QTY);

  /* The largest price an override may set, then more than one unit: the
   * line would be beyond the largest amount (and, at 9999 units, beyond
   * int64). */
  scan (cart, products[P_SELENDANG].code);
  g_assert_true (lapak_cart_set_price (cart, 0, LAPAK_MONEY_MAX, T.dewi, &error));
  g_assert_no_error (error);
  g_assert_false (lapak_cart_set_qty (cart, 0, LAPAK_MAX_QTY, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cart_set_qty (cart, 0, 2, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_cmpint (lapak_cart_line (cart, 0)->qty, ==, 1);
  g_assert_cmpint (lapak_cart_total (cart), ==, LAPAK_MONEY_MAX);

  /* Nor may another line take the cart's total beyond the largest amount. */
  g_assert_false (lapak_cart_scan (cart, many, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cart_scan (cart, products[P_GULA].code, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_cmpuint (lapak_cart_n_lines (cart), ==, 1);
  g_assert_cmpint (lapak_cart_total (cart), ==, LAPAK_MONEY_MAX);

  /* Nor a price override or a quantity on another line. */
  g_assert_true (lapak_cart_set_price (cart, 0, LAPAK_MONEY_MAX / 2, T.dewi, &error));
  g_assert_no_error (error);
  scan_qty (cart, P_GULA, 2);
  g_assert_false (lapak_cart_set_price (cart, 1, LAPAK_MONEY_MAX / 2, T.dewi, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_cmpint (lapak_cart_line (cart, 1)->unit_price, ==, 2500);
  g_assert_true (lapak_cart_set_price (cart, 1, LAPAK_MONEY_MAX / 4, T.dewi, &error));
  g_assert_no_error (error);
  g_assert_false (lapak_cart_set_qty (cart, 1, 3, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_cmpint (lapak_cart_total (cart), ==, LAPAK_MONEY_MAX);
}

/* ---------- payments ---------- */

static void
test_pay_cash_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autoptr(LapakSale) sale = NULL;
  const LapakPayment *cash;

  open_shift (f, T.sari, 100000);
  scan_qty (cart, P_LAPIS, 3);   /* 37.500 */
  pay (cart, LAPAK_PAY_CASH, 20000);
  pay (cart, LAPAK_PAY_CASH, 30000);           /* two notes handed over */
  g_assert_true (lapak_cart_check (cart, NULL));
  sale = commit (f, cart);
  g_assert_cmpint (sale->total, ==, 37500);
  g_assert_cmpint (sale->paid, ==, 50000);
  g_assert_cmpint (sale->change, ==, 12500);
  g_assert_cmpuint (sale->payments->len, ==, 1);
  cash = find_payment (sale, LAPAK_PAY_CASH);
  g_assert_cmpint (cash->amount, ==, 37500);
  g_assert_cmpint (cash->tendered, ==, 50000);
  g_assert_cmpint (q_int (f, "SELECT amount FROM payment"), ==, 37500);
  g_assert_cmpint (q_int (f, "SELECT tendered FROM payment"), ==, 50000);
  g_assert_cmpint (q_int (f, "SELECT change FROM sale"), ==, 12500);
}

static void
test_pay_methods (Fixture       *f,
                  gconstpointer  data)
{
  LapakPayMethod methods[] = { LAPAK_PAY_QRIS, LAPAK_PAY_TRANSFER, LAPAK_PAY_CARD, LAPAK_PAY_EWALLET };

  open_shift (f, T.sari, 0);
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    for (int exact = 0; exact < 2; exact++)
      {
        g_autoptr(LapakCart) cart = new_cart (f);
        g_autoptr(LapakSale) sale = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *ref = g_strdup_printf ("REF-%u-%d", i, exact);
        g_autofree char *stored = NULL;
        LapakPayMethod parsed;
        gint64 amount;

        scan_qty (cart, P_KOPI, 3);
        g_assert_true (lapak_cart_add_payment (cart, methods[i], exact ? 21000 : LAPAK_PAY_REST,
                                               exact ? ref : NULL, &error));
        g_assert_no_error (error);
        sale = commit (f, cart);
        g_assert_cmpint (sale->total, ==, 21000);
        g_assert_cmpint (sale->paid, ==, 21000);
        g_assert_cmpint (sale->change, ==, 0);
        g_assert_cmpuint (sale->payments->len, ==, 1);
        g_assert_cmpint (g_array_index (sale->payments, LapakPayment, 0).method, ==, methods[i]);
        g_assert_cmpint (g_array_index (sale->payments, LapakPayment, 0).amount, ==, 21000);
        stored = q_text (f, "SELECT reference FROM payment WHERE sale_seq = %" G_GINT64_FORMAT, sale->seq);
        g_assert_cmpstr (stored, ==, exact ? ref : NULL);

        /* The words of CLI.md parse to the same thing. */
        {
          g_autofree char *word = g_strdup (lapak_pay_method_to_string (methods[i]));

          g_assert_true (lapak_payment_parse (word, &parsed, &amount, NULL));
          g_assert_cmpint (parsed, ==, methods[i]);
          g_assert_cmpint (amount, ==, LAPAK_PAY_REST);
        }
      }
  {
    const char *bad[] = { "cash", "cash:0", "cash:-5", "cash:12.5", "bitcoin", "qris:", "qris:abc", ":100", "" };
    LapakPayMethod m;
    gint64 a;

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;

        g_test_message ("payment “%s”", bad[i]);
        g_assert_false (lapak_payment_parse (bad[i], &m, &a, &error));
        assert_refused (error, LAPAK_ERROR_INVALID, NULL);
      }
    g_assert_true (lapak_payment_parse ("cash:Rp50.000", &m, &a, NULL));
    g_assert_cmpint (m, ==, LAPAK_PAY_CASH);
    g_assert_cmpint (a, ==, 50000);
    g_assert_true (lapak_payment_parse ("EWallet:12,500", &m, &a, NULL));
    g_assert_cmpint (m, ==, LAPAK_PAY_EWALLET);
    g_assert_cmpint (a, ==, 12500);
  }
}

static void
test_pay_split (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LapakSale) sale = NULL;

  open_shift (f, T.sari, 0);

  /* QRIS part, cash for the rest with change. */
  {
    g_autoptr(LapakCart) cart = new_cart (f);

    scan (cart, products[P_BATIK].code);        /* 150.000 */
    pay (cart, LAPAK_PAY_QRIS, 100000);
    pay (cart, LAPAK_PAY_CASH, 60000);
    sale = commit (f, cart);
    g_assert_cmpint (sale->total, ==, 150000);
    g_assert_cmpint (sale->paid, ==, 160000);
    g_assert_cmpint (sale->change, ==, 10000);
    g_assert_cmpint (find_payment (sale, LAPAK_PAY_QRIS)->amount, ==, 100000);
    g_assert_cmpint (find_payment (sale, LAPAK_PAY_CASH)->amount, ==, 50000);
    g_assert_cmpint (find_payment (sale, LAPAK_PAY_CASH)->tendered, ==, 60000);
    g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM payment WHERE sale_seq = 1"), ==, 150000);
    g_clear_pointer (&sale, lapak_sale_free);
  }

  /* Three ways, one of them "the rest". */
  {
    g_autoptr(LapakCart) cart = new_cart (f);

    scan (cart, products[P_BATIK].code);
    pay (cart, LAPAK_PAY_TRANSFER, 50000);
    pay (cart, LAPAK_PAY_CASH, 30000);
    pay (cart, LAPAK_PAY_EWALLET, LAPAK_PAY_REST);
    sale = commit (f, cart);
    g_assert_cmpint (sale->change, ==, 0);
    g_assert_cmpint (sale->paid, ==, 150000);
    g_assert_cmpint (find_payment (sale, LAPAK_PAY_EWALLET)->amount, ==, 70000);
    g_assert_cmpint (find_payment (sale, LAPAK_PAY_CASH)->amount, ==, 30000);
    g_assert_cmpint (find_payment (sale, LAPAK_PAY_TRANSFER)->amount, ==, 50000);
    g_clear_pointer (&sale, lapak_sale_free);
  }

  /* Refusals: nothing is committed. */
  {
    g_autofree char *before = digest (f);
    struct { LapakPayMethod m; gint64 a; } cases[][3] = {
      /* non-cash over the total */
      { { LAPAK_PAY_QRIS, 150001 }, { 0, 0 } },
      { { LAPAK_PAY_QRIS, 100000 }, { LAPAK_PAY_CARD, 60000 } },
      /* short */
      { { LAPAK_PAY_CASH, 149999 }, { 0, 0 } },
      { { LAPAK_PAY_QRIS, 100000 }, { LAPAK_PAY_CASH, 49999 } },
      /* two "rests" */
      { { LAPAK_PAY_QRIS, LAPAK_PAY_REST }, { LAPAK_PAY_CARD, LAPAK_PAY_REST } },
      /* the rest is nothing */
      { { LAPAK_PAY_QRIS, 150000 }, { LAPAK_PAY_CARD, LAPAK_PAY_REST } },
      /* cash that is not needed */
      { { LAPAK_PAY_QRIS, 150000 }, { LAPAK_PAY_CASH, 1000 } },
      /* "the rest" in cash: cash is the money handed over */
      { { LAPAK_PAY_CASH, LAPAK_PAY_REST }, { 0, 0 } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(LapakCart) cart = new_cart (f);
        g_autoptr(GError) error = NULL;
        g_autoptr(LapakSale) none = NULL;
        gboolean added = TRUE;

        scan (cart, products[P_BATIK].code);
        for (guint k = 0; k < 3 && cases[i][k].a != 0; k++)
          added = added && lapak_cart_add_payment (cart, cases[i][k].m, cases[i][k].a, NULL, &error);
        g_test_message ("payment case %u", i);
        if (added)
          {
            g_assert_false (lapak_cart_check (cart, &error));
            assert_refused (error, LAPAK_ERROR_INVALID, NULL);
            g_clear_error (&error);
            none = lapak_sale_commit (f->db, T.sari, cart, &error);
            g_assert_null (none);
          }
        assert_refused (error, LAPAK_ERROR_INVALID, NULL);
      }

    /* Empty cart; no payment; zero or negative amounts. */
    {
      g_autoptr(LapakCart) cart = new_cart (f);
      g_autoptr(GError) error = NULL;

      pay (cart, LAPAK_PAY_CASH, 1000);
      g_assert_null (lapak_sale_commit (f->db, T.sari, cart, &error));
      assert_refused (error, LAPAK_ERROR_INVALID, "empty");
      g_clear_error (&error);
      lapak_cart_clear_payments (cart);
      scan (cart, products[P_GULA].code);
      g_assert_null (lapak_sale_commit (f->db, T.sari, cart, &error));
      assert_refused (error, LAPAK_ERROR_INVALID, NULL);
      g_clear_error (&error);
      g_assert_false (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, 0, NULL, &error));
      assert_refused (error, LAPAK_ERROR_INVALID, NULL);
      g_clear_error (&error);
      g_assert_false (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, -100, NULL, &error));
      assert_refused (error, LAPAK_ERROR_INVALID, NULL);
      g_clear_error (&error);
      g_assert_false (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_MONEY_MAX + 1, NULL, &error));
      assert_refused (error, LAPAK_ERROR_INVALID, NULL);
      g_clear_error (&error);
      /* A reference is readable text. */
      g_assert_false (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST, "a\001b", &error));
      assert_refused (error, LAPAK_ERROR_INVALID, NULL);
    }

    {
      g_autofree char *after = digest (f);

      g_assert_cmpstr (before, ==, after);
    }
  }
}

/* ---------- commit ---------- */

static void
test_commit_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakSale) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *hash = NULL;
  gint64 shift = open_shift (f, T.sari, 50000);
  gint64 journal_before = q_int (f, "SELECT count(*) FROM journal");

  scan_qty (cart, P_LAPIS, 2);
  scan (cart, products[P_BATIK].code);
  scan_qty (cart, P_KOPI, 4);
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, 100000, "QR-778", &error));
  pay (cart, LAPAK_PAY_CASH, 200000);
  sale = commit (f, cart);

  g_assert_cmpstr (sale->id, ==, "K1-000001");
  g_assert_cmpint (sale->seq, ==, 1);
  g_assert_cmpint (sale->total, ==, 25000 + 150000 + 28000);
  g_assert_cmpint (sale->change, ==, 97000);
  g_assert_cmpint (sale->paid, ==, 300000);
  g_assert_cmpuint (sale->lines->len, ==, 3);
  g_assert_cmpuint (sale->warnings->len, ==, 0);

  /* The rows. */
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale"), ==, 1);
  g_assert_cmpint (q_int (f, "SELECT total FROM sale WHERE till_id = 'K1' AND seq = 1"), ==, 203000);
  g_assert_cmpint (q_int (f, "SELECT shift_seq FROM sale"), ==, shift);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale_line WHERE sale_seq = 1"), ==, 3);
  g_assert_cmpint (q_int (f, "SELECT SUM(qty * (unit_price - unit_discount)) FROM sale_line"), ==, 203000);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM payment"), ==, 2);
  g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM payment"), ==, 203000);
  g_assert_cmpint (q_int (f, "SELECT amount FROM payment WHERE method = 'cash'"), ==, 103000);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM stock_move WHERE kind = 'sale' AND ref = 'K1-000001'"), ==, 3);
  g_assert_cmpint (q_int (f, "SELECT -delta FROM stock_move WHERE kind = 'sale' AND product_code = '%s'",
                          products[P_KOPI].code), ==, 4);
  g_assert_cmpint (q_int (f, "SELECT SUM(delta) FROM stock_move WHERE product_code = '%s'", products[P_LAPIS].code),
                   ==, 8);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM account_entry WHERE kind = 'sale' AND ref = 'K1-000001'"), ==, 3);
  g_assert_cmpint (q_int (f, "SELECT amount FROM account_entry WHERE kind = 'sale' AND tenant_code = 'KLL'"), ==, 25000);
  g_assert_cmpint (q_int (f, "SELECT amount FROM account_entry WHERE kind = 'sale' AND tenant_code = 'BTK'"), ==, 150000);
  g_assert_cmpint (q_int (f, "SELECT amount FROM account_entry WHERE kind = 'sale' AND tenant_code = 'KPI'"), ==, 28000);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM account_entry WHERE event_code <> 'JCC-2026' AND kind = 'sale'"), ==, 0);

  /* Its journal entry, pointed at by the sale, with the hash returned. */
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM journal"), ==, journal_before + 1);
  g_assert_cmpint (q_int (f, "SELECT journal_seq FROM sale"), ==, journal_before + 1);
  payload = q_text (f, "SELECT payload FROM journal WHERE type = 'sale' AND ref = 1");
  hash = q_text (f, "SELECT hash FROM journal WHERE seq = (SELECT journal_seq FROM sale)");
  g_assert_nonnull (strstr (payload, "sale=K1-000001\n"));
  g_assert_nonnull (strstr (payload, "total=203000\n"));
  g_assert_nonnull (strstr (payload, "change=97000\n"));
  g_assert_nonnull (strstr (payload, "|qris|100000|100000|QR-778\n"));
  g_assert_cmpstr (hash, ==, sale->hash);
  {
    g_autofree char *head = lapak_journal_head (f->db, NULL);

    g_assert_cmpstr (head, ==, sale->hash);
  }

  /* The same cart is not sold twice (a double tap on "paid"). */
  {
    g_autofree char *before = digest (f);
    g_autofree char *after = NULL;

    g_assert_null (lapak_sale_commit (f->db, T.sari, cart, &error));
    assert_refused (error, LAPAK_ERROR_STATE, "K1-000001");
    g_clear_error (&error);
    g_assert_false (lapak_cart_scan (cart, products[P_GULA].code, &error));
    assert_refused (error, LAPAK_ERROR_STATE, "K1-000001");
    g_clear_error (&error);
    g_assert_false (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, 1000, NULL, &error));
    assert_refused (error, LAPAK_ERROR_STATE, "K1-000001");
    g_clear_error (&error);
    after = digest (f);
    g_assert_cmpstr (before, ==, after);
  }

  second = quick_sale_qty (f, P_GULA, 1);
  g_assert_cmpstr (second->id, ==, "K1-000002");
  g_assert_cmpstr (second->hash, !=, sale->hash);
  assert_verifies (f);

  /* Sale numbers. */
  {
    g_autofree char *id = lapak_sale_id ("K2", 42);
    g_autofree char *till = NULL;
    gint64 seq;
    const char *bad[] = { "K1", "K1-", "-000001", "K1-abc", "K1-0", "K1--1", "" };

    g_assert_cmpstr (id, ==, "K2-000042");
    g_assert_true (lapak_sale_id_parse ("k2-000042", &till, &seq, NULL));
    g_assert_cmpstr (till, ==, "K2");
    g_assert_cmpint (seq, ==, 42);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *t = NULL;
        g_autoptr(GError) e = NULL;

        g_assert_false (lapak_sale_id_parse (bad[i], &t, &seq, &e));
        assert_refused (e, LAPAK_ERROR_INVALID, NULL);
      }
  }
}

static void
test_commit_no_shift (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;

  scan (cart, products[P_LAPIS].code);
  pay (cart, LAPAK_PAY_CASH, 20000);
  g_assert_null (lapak_sale_commit (f->db, T.sari, cart, &error));
  assert_refused (error, LAPAK_ERROR_STATE, "shift");
  g_clear_error (&error);

  /* Neither a tenant nor nobody may sell. */
  open_shift (f, T.sari, 0);
  g_free (before);
  before = digest (f);
  g_assert_null (lapak_sale_commit (f->db, T.tini, cart, &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  g_assert_null (lapak_sale_commit (f->db, NULL, cart, &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_commit_oversell (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakSale) next = NULL;

  open_shift (f, T.sari, 0);
  sale = quick_sale_qty (f, P_BATIK, 5);   /* 3 in stock */
  g_assert_cmpuint (sale->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (sale->warnings, 0), products[P_BATIK].code));
  g_assert_nonnull (strstr (g_ptr_array_index (sale->warnings, 0), "5"));
  g_assert_nonnull (strstr (g_ptr_array_index (sale->warnings, 0), "3"));
  g_assert_cmpint (q_int (f, "SELECT SUM(delta) FROM stock_move WHERE product_code = '%s'",
                          products[P_BATIK].code), ==, -2);
  g_assert_cmpint (q_int (f, "SELECT qty FROM sale_line"), ==, 5);

  /* Exactly what is left is no warning; one more is. */
  next = quick_sale_qty (f, P_SELENDANG, 50);
  g_assert_cmpuint (next->warnings->len, ==, 0);
  g_clear_pointer (&next, lapak_sale_free);
  next = quick_sale_qty (f, P_SELENDANG, 1);
  g_assert_cmpuint (next->warnings->len, ==, 1);
  assert_verifies (f);
}

/* ---------- voids ---------- */

static void
test_void (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) keep = NULL;
  g_autoptr(LapakSale) gone = NULL;
  g_autoptr(LapakShiftReport) x = NULL;
  g_autoptr(LapakReceipt) receipt = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *void_id = NULL;
  gint64 shift = open_shift (f, T.sari, 100000);

  keep = quick_sale_qty (f, P_LAPIS, 2);     /* 25.000 cash */
  {
    g_autoptr(LapakCart) cart = new_cart (f);

    scan (cart, products[P_BATIK].code);
    scan_qty (cart, P_KOPI, 2);
    pay (cart, LAPAK_PAY_QRIS, 100000);
    pay (cart, LAPAK_PAY_CASH, 100000);                   /* 64.000 kept */
    gone = commit (f, cart);
  }

  /* Refusals first: nothing changes. */
  before = digest (f);
  g_assert_false (lapak_sale_void (f->db, T.sari, T.budi, gone->id, "salah input", &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_sale_void (f->db, T.sari, NULL, gone->id, "salah input", &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_sale_void (f->db, T.sari, T.dewi, gone->id, "", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_sale_void (f->db, T.tini, T.dewi, gone->id, "salah input", &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_sale_void (f->db, T.sari, T.dewi, "K1-000099", "salah input", &error));
  assert_refused (error, LAPAK_ERROR_NOT_FOUND, "K1-000099");
  g_clear_error (&error);
  g_assert_false (lapak_sale_void (f->db, T.sari, T.dewi, "K2-000001", "salah input", &error));
  assert_refused (error, LAPAK_ERROR_STATE, "K2");
  g_clear_error (&error);
  g_assert_false (lapak_sale_void (f->db, T.sari, T.dewi, "nonsense", "salah input", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (lapak_sale_void_full (f->db, T.sari, T.dewi, gone->id, "salah input", &void_id, &error));
  g_assert_no_error (error);
  /* A void is a record of its own, numbered apart from the sales. */
  g_assert_cmpstr (void_id, ==, "K1-V000001");
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale_void WHERE sale_seq = %" G_GINT64_FORMAT, gone->seq), ==, 1);
  /* The sale and its rows stay; their effects are cancelled. */
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale"), ==, 2);
  g_assert_cmpint (q_int (f, "SELECT SUM(delta) FROM stock_move WHERE product_code = '%s'", products[P_BATIK].code),
                   ==, 3);
  g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM account_entry WHERE tenant_code = 'BTK' AND kind IN ('sale', 'void')"),
                   ==, 0);
  g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM account_entry WHERE tenant_code = 'KPI' AND kind IN ('sale', 'void')"),
                   ==, 0);
  g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM account_entry WHERE tenant_code = 'KLL' AND kind IN ('sale', 'void')"),
                   ==, 25000);
  {
    g_autofree char *payload = q_text (f, "SELECT payload FROM journal WHERE type = 'void'");

    g_assert_nonnull (strstr (payload, "void=K1-V000001\n"));
    g_assert_nonnull (strstr (payload, "sale=K1-000002\n"));
    g_assert_nonnull (strstr (payload, "approver=Dewi\n"));
  }
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM journal WHERE type = 'sale'"), ==, 2);

  x = lapak_shift_report (f->db, shift, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->sales, ==, 1);
  g_assert_cmpint (x->total, ==, 25000);
  g_assert_cmpint (x->voids, ==, 1);
  g_assert_cmpint (x->by_method[LAPAK_PAY_QRIS], ==, 0);
  g_assert_cmpint (x->by_method[LAPAK_PAY_CASH], ==, 25000);
  g_assert_cmpint (x->expected_cash, ==, 125000);

  receipt = lapak_receipt_load (f->db, gone->id, &error);
  g_assert_no_error (error);
  g_assert_true (receipt->voided);

  /* Twice; refund after void. */
  g_free (before);
  before = digest (f);
  g_assert_false (lapak_sale_void (f->db, T.sari, T.dewi, gone->id, "lagi", &error));
  assert_refused (error, LAPAK_ERROR_STATE, gone->id);
  g_clear_error (&error);
  {
    LapakRefundItem item = { products[P_BATIK].code, 1 };

    g_assert_false (lapak_sale_refund (f->db, T.sari, T.dewi, gone->id, &item, 1, LAPAK_PAY_CASH,
                                       "kembali", NULL, &error));
    assert_refused (error, LAPAK_ERROR_STATE, gone->id);
    g_clear_error (&error);
  }
  g_free (after);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  assert_verifies (f);
}

static void
test_void_limits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) early = NULL;
  g_autoptr(LapakSale) refunded = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  LapakRefundItem item = { products[P_KOPI].code, 1 };

  open_shift (f, T.sari, 0);
  early = quick_sale_qty (f, P_LAPIS, 1);
  refunded = quick_sale_qty (f, P_KOPI, 2);
  g_assert_true (lapak_sale_refund (f->db, T.sari, T.dewi, refunded->id, &item, 1, LAPAK_PAY_CASH,
                                    "rusak", NULL, &error));
  g_assert_no_error (error);
  /* A sale with refunds cannot be voided. */
  g_assert_false (lapak_sale_void (f->db, T.sari, T.dewi, refunded->id, "batal", &error));
  assert_refused (error, LAPAK_ERROR_STATE, refunded->id);
  g_clear_error (&error);

  z = lapak_shift_close (f->db, T.sari, 12500 + 7000, &error);
  g_assert_no_error (error);
  /* No shift open: no void. */
  g_assert_false (lapak_sale_void (f->db, T.sari, T.dewi, early->id, "batal", &error));
  assert_refused (error, LAPAK_ERROR_STATE, NULL);
  g_clear_error (&error);
  /* A sale of an earlier shift: a refund, not a void. */
  open_shift (f, T.budi, 0);
  g_assert_false (lapak_sale_void (f->db, T.budi, T.dewi, early->id, "batal", &error));
  assert_refused (error, LAPAK_ERROR_STATE, "refund");
  g_clear_error (&error);
  assert_verifies (f);
}

/* ---------- refunds ---------- */

static void
test_refund (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakShiftReport) x = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *refund_id = NULL;
  gint64 amount = 0;
  gint64 shift = open_shift (f, T.sari, 100000);

  {
    g_autoptr(LapakCart) cart = new_cart (f);

    scan_qty (cart, P_LAPIS, 4);        /* 4 × (12.500 − 500) */
    g_assert_true (lapak_cart_set_discount (cart, 0, 500, T.dewi, NULL));
    scan_qty (cart, P_KOPI, 2);         /* 2 × 7.000 */
    scan_qty (cart, P_LAPIS, 1);        /* a second line, 12.500 */
    pay (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST);
    sale = commit (f, cart);
    g_assert_cmpint (sale->total, ==, 48000 + 14000 + 12500);
  }

  /* Refusals: nothing changes. */
  before = digest (f);
  {
    LapakRefundItem too_many[] = { { products[P_KOPI].code, 3 } };
    LapakRefundItem not_sold[] = { { products[P_BATIK].code, 1 } };
    LapakRefundItem zero[] = { { products[P_KOPI].code, 0 } };
    LapakRefundItem negative[] = { { products[P_KOPI].code, -1 } };
    LapakRefundItem lapis_too_many[] = { { products[P_LAPIS].code, 6 } };
    LapakRefundItem ok[] = { { products[P_KOPI].code, 1 } };
    struct { const LapakRefundItem *items; guint n; const LapakUser *approver; const char *reason; gint code; } cases[] = {
      { too_many, 1, T.dewi, "rusak", LAPAK_ERROR_INVALID },
      { not_sold, 1, T.dewi, "rusak", LAPAK_ERROR_INVALID },
      { zero, 1, T.dewi, "rusak", LAPAK_ERROR_INVALID },
      { negative, 1, T.dewi, "rusak", LAPAK_ERROR_INVALID },
      { lapis_too_many, 1, T.dewi, "rusak", LAPAK_ERROR_INVALID },
      { ok, 0, T.dewi, "rusak", LAPAK_ERROR_INVALID },
      { ok, 1, T.budi, "rusak", LAPAK_ERROR_DENIED },
      { ok, 1, NULL, "rusak", LAPAK_ERROR_DENIED },
      { ok, 1, T.dewi, "", LAPAK_ERROR_INVALID },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_test_message ("refund case %u", i);
        g_assert_false (lapak_sale_refund (f->db, T.sari, cases[i].approver, sale->id, cases[i].items,
                                           cases[i].n, LAPAK_PAY_CASH, cases[i].reason, &amount, &error));
        assert_refused (error, cases[i].code, NULL);
        g_clear_error (&error);
      }
    /* A quantity of 0 or less is named as such, not as a product missing. */
    g_assert_false (lapak_sale_refund (f->db, T.sari, T.dewi, sale->id, zero, 1, LAPAK_PAY_CASH, "rusak",
                                       &amount, &error));
    g_assert_null (strstr (error->message, "has no"));
    g_clear_error (&error);
    g_assert_false (lapak_sale_refund (f->db, T.sari, T.dewi, "K1-000077", ok, 1, LAPAK_PAY_CASH, "rusak",
                                       &amount, &error));
    assert_refused (error, LAPAK_ERROR_NOT_FOUND, "K1-000077");
    g_clear_error (&error);
  }
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  /* Three lapis: the net price of the discounted line, 12.000 each. */
  {
    LapakRefundItem items[] = { { products[P_LAPIS].code, 3 } };

    g_assert_true (lapak_sale_refund_full (f->db, T.sari, T.dewi, sale->id, items, 1, LAPAK_PAY_CASH,
                                           "basi", &refund_id, &amount, &error));
    g_assert_no_error (error);
    g_assert_cmpint (amount, ==, 36000);
    g_assert_cmpstr (refund_id, ==, "K1-R000001");
  }
  /* Two more: the last discounted one and the full-price one. */
  {
    LapakRefundItem items[] = { { products[P_LAPIS].code, 2 }, { products[P_KOPI].code, 1 } };

    g_clear_pointer (&refund_id, g_free);
    g_assert_true (lapak_sale_refund_full (f->db, T.sari, T.dewi, sale->id, items, 2, LAPAK_PAY_TRANSFER,
                                           "basi", &refund_id, &amount, &error));
    g_assert_no_error (error);
    g_assert_cmpint (amount, ==, 12000 + 12500 + 7000);
    g_assert_cmpstr (refund_id, ==, "K1-R000002");
  }
  /* Sold 5 lapis, 5 refunded: none left. */
  {
    LapakRefundItem items[] = { { products[P_LAPIS].code, 1 } };

    g_free (before);
    before = digest (f);
    g_assert_false (lapak_sale_refund (f->db, T.sari, T.dewi, sale->id, items, 1, LAPAK_PAY_CASH, "basi",
                                       &amount, &error));
    assert_refused (error, LAPAK_ERROR_INVALID, products[P_LAPIS].code);
    g_clear_error (&error);
    g_free (after);
    after = digest (f);
    g_assert_cmpstr (before, ==, after);
  }

  g_assert_cmpint (q_int (f, "SELECT count(*) FROM refund"), ==, 2);
  g_assert_cmpint (q_int (f, "SELECT SUM(qty) FROM refund_line WHERE product_code = '%s'", products[P_LAPIS].code),
                   ==, 5);
  g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM account_entry WHERE kind = 'refund' AND tenant_code = 'KLL'"),
                   ==, -(36000 + 12000 + 12500));
  g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM account_entry WHERE kind = 'refund' AND tenant_code = 'KPI'"),
                   ==, -7000);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM account_entry WHERE kind = 'refund' AND ref = 'K1-R000002'"), ==, 2);
  g_assert_cmpint (q_int (f, "SELECT SUM(delta) FROM stock_move WHERE product_code = '%s'", products[P_LAPIS].code),
                   ==, 10);
  g_assert_cmpint (q_int (f, "SELECT SUM(delta) FROM stock_move WHERE product_code = '%s'", products[P_KOPI].code),
                   ==, 99);
  {
    g_autofree char *payload = q_text (f, "SELECT payload FROM journal WHERE type = 'refund' ORDER BY seq LIMIT 1");

    g_assert_nonnull (strstr (payload, "refund=K1-R000001\n"));
    g_assert_nonnull (strstr (payload, "sale=K1-000001\n"));
    g_assert_nonnull (strstr (payload, "amount=36000\n"));
    g_assert_nonnull (strstr (payload, "method=cash\n"));
  }

  x = lapak_shift_report (f->db, shift, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->sales, ==, 1);
  g_assert_cmpint (x->total, ==, 74500);
  g_assert_cmpint (x->refunded, ==, 36000 + 31500);
  g_assert_cmpint (x->by_method[LAPAK_PAY_QRIS], ==, 74500);
  g_assert_cmpint (x->by_method[LAPAK_PAY_CASH], ==, -36000);
  g_assert_cmpint (x->by_method[LAPAK_PAY_TRANSFER], ==, -31500);
  g_assert_cmpint (x->expected_cash, ==, 100000 - 36000);
  assert_verifies (f);
}

static void
test_refund_later_shift (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakShiftReport) z1 = NULL;
  g_autoptr(LapakShiftReport) z2 = NULL;
  LapakRefundItem item = { products[P_SELENDANG].code, 1 };
  gint64 amount;

  open_shift (f, T.sari, 10000);
  sale = quick_sale_qty (f, P_SELENDANG, 2);
  z1 = lapak_shift_close (f->db, T.sari, 10000 + 199998, &error);
  g_assert_no_error (error);
  g_assert_cmpint (z1->difference, ==, 0);

  /* No shift: no refund (the cash must come out of a counted drawer). */
  g_assert_false (lapak_sale_refund (f->db, T.budi, T.dewi, sale->id, &item, 1, LAPAK_PAY_CASH, "cacat",
                                     &amount, &error));
  assert_refused (error, LAPAK_ERROR_STATE, NULL);
  g_clear_error (&error);

  open_shift (f, T.budi, 50000);
  g_assert_true (lapak_sale_refund (f->db, T.budi, T.dewi, sale->id, &item, 1, LAPAK_PAY_CASH, "cacat",
                                    &amount, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amount, ==, 99999);
  z2 = lapak_shift_close (f->db, T.budi, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (z2->sales, ==, 0);
  g_assert_cmpint (z2->refunded, ==, 99999);
  g_assert_cmpint (z2->expected_cash, ==, 50000 - 99999);
  g_assert_cmpint (z2->difference, ==, 99999 - 50000);
  assert_verifies (f);
}

/* ---------- cash movements ---------- */

static void
test_cash_moves (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakShiftReport) x = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 shift;

  /* No shift. */
  g_assert_false (lapak_cash_move (f->db, T.sari, NULL, "in", 1000, "uang kecil", &error));
  assert_refused (error, LAPAK_ERROR_STATE, NULL);
  g_clear_error (&error);

  shift = open_shift (f, T.sari, 200000);
  g_assert_true (lapak_cash_move (f->db, T.sari, NULL, "in", 50000, "uang kecil dari kantor", &error));
  g_assert_true (lapak_cash_move (f->db, T.sari, NULL, "out", 120000, "setor ke bank", &error));
  g_assert_true (lapak_cash_move (f->db, T.sari, T.dewi, "no_sale", 0, "tukar uang", &error));
  g_assert_no_error (error);

  before = digest (f);
  g_assert_false (lapak_cash_move (f->db, T.sari, NULL, "in", 0, "nol", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cash_move (f->db, T.sari, NULL, "out", -5, "minus", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cash_move (f->db, T.sari, NULL, "out", 1000, "", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cash_move (f->db, T.sari, NULL, "no_sale", 0, "buka laci", &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cash_move (f->db, T.sari, T.budi, "no_sale", 0, "buka laci", &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cash_move (f->db, T.sari, T.dewi, "no_sale", 500, "buka laci", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_cash_move (f->db, T.tini, NULL, "in", 1000, "titip", &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  /* Not more than the records say is in the drawer: 200,000 + 50,000 − 120,000. */
  g_assert_false (lapak_cash_move (f->db, T.sari, NULL, "out", 130001, "setor lagi", &error));
  assert_refused (error, LAPAK_ERROR_INVALID, "130");
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (q_int (f, "SELECT count(*) FROM cash_move"), ==, 3);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM journal WHERE type = 'cash'"), ==, 3);
  {
    g_autofree char *payload = q_text (f, "SELECT payload FROM journal WHERE type = 'cash' AND payload LIKE '%%no_sale%%'");

    g_assert_nonnull (strstr (payload, "approver=Dewi\n"));
  }
  /* The X report: a supervisor's; the cashier counts blind, a tenant has no business there. */
  g_assert_null (lapak_shift_x_report (f->db, T.sari, &error));
  assert_refused (error, LAPAK_ERROR_DENIED, "blind");
  g_clear_error (&error);
  g_assert_null (lapak_shift_x_report (f->db, T.tini, &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);
  x = lapak_shift_x_report (f->db, T.dewi, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->cash_in, ==, 50000);
  g_assert_cmpint (x->cash_out, ==, 120000);
  g_assert_cmpint (x->expected_cash, ==, 200000 + 50000 - 120000);
  {
    /* The X report is that shift's report. */
    g_autoptr(LapakShiftReport) same = lapak_shift_report (f->db, shift, &error);

    g_assert_no_error (error);
    g_assert_cmpint (same->expected_cash, ==, x->expected_cash);
    g_assert_cmpint (same->cash_out, ==, x->cash_out);
  }
  assert_verifies (f);
}

/* ---------- shifts ---------- */

static void
test_shift_open_x_z (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakShiftReport) x = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  g_autoptr(LapakSale) s1 = NULL;
  g_autoptr(LapakSale) s2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 shift;
  gint64 current = -1;
  gint64 seq;

  g_assert_true (lapak_shift_current (f->db, &current, NULL));
  g_assert_cmpint (current, ==, 0);
  g_assert_null (lapak_shift_close (f->db, T.sari, 0, &error));
  assert_refused (error, LAPAK_ERROR_STATE, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_shift_open (f->db, T.sari, -1, &seq, &error));
  assert_refused (error, LAPAK_ERROR_INVALID, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_shift_open (f->db, T.tini, 0, &seq, &error));
  assert_refused (error, LAPAK_ERROR_DENIED, NULL);
  g_clear_error (&error);

  shift = open_shift (f, T.sari, 150000);
  g_assert_true (lapak_shift_current (f->db, &current, NULL));
  g_assert_cmpint (current, ==, shift);
  g_assert_false (lapak_shift_open (f->db, T.sari, 0, &seq, &error));
  assert_refused (error, LAPAK_ERROR_STATE, NULL);
  g_clear_error (&error);
  g_assert_false (lapak_shift_open (f->db, T.budi, 0, &seq, &error));
  assert_refused (error, LAPAK_ERROR_STATE, NULL);
  g_clear_error (&error);

  s1 = quick_sale_qty (f, P_LAPIS, 2);        /* cash 25.000 */
  {
    g_autoptr(LapakCart) cart = new_cart (f);

    scan (cart, products[P_BATIK].code);
    pay (cart, LAPAK_PAY_CARD, 100000);
    pay (cart, LAPAK_PAY_CASH, 100000);                       /* cash 50.000 */
    s2 = commit (f, cart);
  }

  /* X report: figures, and nothing changes. */
  before = digest (f);
  x = lapak_shift_report (f->db, shift, &error);
  g_assert_no_error (error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (x->seq, ==, shift);
  g_assert_cmpstr (x->cashier, ==, "Sari");
  g_assert_cmpint (x->float_amount, ==, 150000);
  g_assert_cmpint (x->z_number, ==, 0);
  g_assert_cmpint (x->sales, ==, 2);
  g_assert_cmpint (x->total, ==, 175000);
  g_assert_cmpint (x->by_method[LAPAK_PAY_CASH], ==, 75000);
  g_assert_cmpint (x->by_method[LAPAK_PAY_CARD], ==, 100000);
  g_assert_cmpint (x->expected_cash, ==, 225000);
  g_assert_null (lapak_shift_report (f->db, 99, &error));
  assert_refused (error, LAPAK_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  /* Z: a blind count, short by 2.000. */
  z = lapak_shift_close (f->db, T.sari, 223000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (z->z_number, ==, 1);
  g_assert_cmpint (z->expected_cash, ==, 225000);
  g_assert_cmpint (z->counted, ==, 223000);
  g_assert_cmpint (z->difference, ==, -2000);
  g_assert_cmpint (z->sales, ==, 2);
  g_assert_cmpint (z->total, ==, 175000);
  g_assert_cmpint (q_int (f, "SELECT expected FROM shift WHERE seq = %" G_GINT64_FORMAT, shift), ==, 225000);
  g_assert_cmpint (q_int (f, "SELECT counted FROM shift WHERE seq = %" G_GINT64_FORMAT, shift), ==, 223000);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM journal WHERE type = 'shift_close'"), ==, 1);
  g_clear_pointer (&z, lapak_shift_report_free);
  g_clear_pointer (&x, lapak_shift_report_free);

  /* The closed shift's report is its Z report. */
  x = lapak_shift_report (f->db, shift, &error);
  g_assert_no_error (error);
  g_assert_cmpint (x->z_number, ==, 1);
  g_assert_cmpint (x->counted, ==, 223000);
  g_assert_cmpint (x->difference, ==, -2000);

  /* Closed: no more selling, no second close. */
  {
    g_autoptr(LapakCart) cart = new_cart (f);

    scan (cart, products[P_GULA].code);
    pay (cart, LAPAK_PAY_CASH, 2500);
    g_assert_null (lapak_sale_commit (f->db, T.sari, cart, &error));
    assert_refused (error, LAPAK_ERROR_STATE, NULL);
    g_clear_error (&error);
  }
  g_assert_null (lapak_shift_close (f->db, T.sari, 0, &error));
  assert_refused (error, LAPAK_ERROR_STATE, NULL);
  g_clear_error (&error);

  /* The next shift: Z number 2, an over count. */
  open_shift (f, T.budi, 0);
  g_clear_pointer (&s1, lapak_sale_free);
  s1 = quick_sale_qty (f, P_GULA, 1);
  g_assert_cmpstr (s1->id, ==, "K1-000003");
  z = lapak_shift_close (f->db, T.budi, 3000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (z->z_number, ==, 2);
  g_assert_cmpint (z->expected_cash, ==, 2500);
  g_assert_cmpint (z->difference, ==, 500);
  assert_verifies (f);
}

/* ---------- properties ---------- */

static void
test_property_carts (Fixture       *f,
                     gconstpointer  data)
{
  guint n = g_test_slow () ? 1000 : 150;

  open_shift (f, T.sari, 0);
  for (guint round = 0; round < n; round++)
    {
      g_autoptr(LapakCart) cart = new_cart (f);
      g_autoptr(LapakSale) sale = NULL;
      g_autoptr(GError) error = NULL;
      gint64 expect_total = 0;
      gint64 tenant_total[3] = { 0 };
      const char *tenant_codes[3] = { "KLL", "BTK", "KPI" };
      guint order[N_PRODUCTS];
      guint n_lines = (guint)g_test_rand_int_range (1, N_PRODUCTS + 1);
      gint64 non_cash = 0;
      gint64 tendered = 0;
      gint64 kept_sum = 0;
      gboolean with_rest;
      gint64 cash_needed;

      for (guint i = 0; i < N_PRODUCTS; i++)
        order[i] = i;
      for (guint i = N_PRODUCTS - 1; i > 0; i--)
        {
          guint j = (guint)g_test_rand_int_range (0, (gint)i + 1);
          guint t = order[i];

          order[i] = order[j];
          order[j] = t;
        }

      for (guint i = 0; i < n_lines; i++)
        {
          const Product *p = &products[order[i]];
          gint64 qty = g_test_rand_int_range (1, 30);
          gint64 price = p->price;
          gint64 disc = 0;
          g_autofree char *input = g_strdup_printf ("%s*%" G_GINT64_FORMAT, p->code, qty);

          scan (cart, input);
          if (g_test_rand_bit ())
            {
              price = g_test_rand_int_range (1, 300000);
              g_assert_true (lapak_cart_set_price (cart, i, price, T.dewi, NULL));
            }
          if (g_test_rand_bit ())
            {
              disc = g_test_rand_int_range (0, (gint)price);
              g_assert_true (lapak_cart_set_discount (cart, i, disc, T.dewi, NULL));
            }
          expect_total += qty * (price - disc);
          for (guint t = 0; t < 3; t++)
            if (g_str_equal (p->tenant, tenant_codes[t]))
              tenant_total[t] += qty * (price - disc);
        }
      g_assert_cmpint (lapak_cart_total (cart), ==, expect_total);

      /* Up to three non-cash parts below the total, then cash or "the rest". */
      for (guint k = (guint)g_test_rand_int_range (0, 4); k > 0; k--)
        {
          gint64 room = expect_total - non_cash;
          gint64 part;

          if (room < 2)
            break;
          part = g_test_rand_int_range (1, (gint)MIN (room, G_MAXINT32));
          pay (cart, (LapakPayMethod)g_test_rand_int_range (LAPAK_PAY_QRIS, LAPAK_PAY_N_METHODS), part);
          non_cash += part;
        }
      cash_needed = expect_total - non_cash;
      with_rest = g_test_rand_bit ();
      if (with_rest)
        pay (cart, (LapakPayMethod)g_test_rand_int_range (LAPAK_PAY_QRIS, LAPAK_PAY_N_METHODS), LAPAK_PAY_REST);
      else
        {
          /* Cash in one or two notes, maybe more than needed. */
          gint64 extra = g_test_rand_bit () ? 0 : g_test_rand_int_range (1, 100000);

          tendered = cash_needed + extra;
          if (tendered > 1 && g_test_rand_bit ())
            {
              gint64 first = g_test_rand_int_range (1, (gint)MIN (tendered, G_MAXINT32));

              pay (cart, LAPAK_PAY_CASH, first);
              pay (cart, LAPAK_PAY_CASH, tendered - first);
            }
          else
            pay (cart, LAPAK_PAY_CASH, tendered);
        }

      sale = lapak_sale_commit (f->db, T.sari, cart, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sale->total, ==, expect_total);
      g_assert_cmpint (sale->change, ==, with_rest ? 0 : tendered - cash_needed);
      g_assert_cmpint (sale->paid, ==, with_rest ? expect_total : non_cash + tendered);
      for (guint i = 0; i < sale->payments->len; i++)
        {
          const LapakPayment *p = &g_array_index (sale->payments, LapakPayment, i);

          g_assert_cmpint (p->amount, >, 0);
          g_assert_cmpint (p->tendered, >=, p->amount);
          if (p->method != LAPAK_PAY_CASH)
            g_assert_cmpint (p->tendered, ==, p->amount);
          kept_sum += p->amount;
        }
      g_assert_cmpint (kept_sum, ==, expect_total);
      g_assert_cmpint (q_int (f, "SELECT SUM(amount) FROM payment WHERE sale_seq = %" G_GINT64_FORMAT, sale->seq),
                       ==, expect_total);
      g_assert_cmpint (q_int (f, "SELECT SUM(tendered) - SUM(amount) FROM payment WHERE sale_seq = %" G_GINT64_FORMAT,
                              sale->seq), ==, sale->change);
      for (guint t = 0; t < 3; t++)
        g_assert_cmpint (q_int (f, "SELECT COALESCE(SUM(amount), 0) FROM account_entry WHERE kind = 'sale' "
                                "AND ref = '%s' AND tenant_code = '%s'", sale->id, tenant_codes[t]),
                         ==, tenant_total[t]);
    }
  assert_verifies (f);
}

typedef struct
{
  char    *id;
  guint    shift;            /* 0 or 1 */
  gint64   cash;             /* cash kept */
  guint    n_lines;
  char    *codes[N_PRODUCTS];
  gint64   left[N_PRODUCTS]; /* units not yet refunded */
  gint64   net[N_PRODUCTS];
  gboolean voided;
  gboolean refunded;
} ModelSale;

static void
model_sale_free (gpointer data)
{
  ModelSale *s = data;

  g_free (s->id);
  for (guint i = 0; i < s->n_lines; i++)
    g_free (s->codes[i]);
  g_free (s);
}

static void
test_property_shifts (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (model_sale_free);
  LapakUser *cashiers[2] = { T.sari, T.budi };
  guint steps = g_test_slow () ? 400 : 120;

  for (guint shift = 0; shift < 2; shift++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LapakShiftReport) z = NULL;
      gint64 float_amount = g_test_rand_int_range (0, 500) * 1000;
      gint64 expected = float_amount;
      gint64 counted;

      open_shift (f, cashiers[shift], float_amount);
      for (guint step = 0; step < steps; step++)
        {
          int what = g_test_rand_int_range (0, 100);

          if (what < 60 || sales->len == 0)
            {
              g_autoptr(LapakCart) cart = new_cart (f);
              g_autoptr(LapakSale) sale = NULL;
              ModelSale *m = g_new0 (ModelSale, 1);
              gint64 total;
              gint64 qris = 0;

              m->n_lines = (guint)g_test_rand_int_range (1, 4);
              for (guint i = 0; i < m->n_lines; i++)
                {
                  /* Distinct products: one line each. */
                  const Product *p = &products[(i * 2 + (guint)g_test_rand_int_range (0, 2)) % N_PRODUCTS];
                  gint64 qty = g_test_rand_int_range (1, 6);
                  g_autofree char *input = g_strdup_printf ("%s*%" G_GINT64_FORMAT, p->code, qty);

                  scan (cart, input);
                  m->codes[i] = g_strdup (p->code);
                  m->left[i] = qty;
                  m->net[i] = p->price;
                  if (g_test_rand_int_range (0, 4) == 0)
                    {
                      gint64 disc = g_test_rand_int_range (1, 1000);

                      g_assert_true (lapak_cart_set_discount (cart, i, disc, T.dewi, NULL));
                      m->net[i] -= disc;
                    }
                }
              total = lapak_cart_total (cart);
              switch (g_test_rand_int_range (0, 3))
                {
                case 0:   /* all cash, with change */
                  pay (cart, LAPAK_PAY_CASH, total + g_test_rand_int_range (0, 50000));
                  m->cash = total;
                  break;
                case 1:   /* all QRIS */
                  pay (cart, LAPAK_PAY_QRIS, LAPAK_PAY_REST);
                  break;
                default:  /* part QRIS, the rest cash */
                  qris = total > 1 ? g_test_rand_int_range (1, (gint)MIN (total, G_MAXINT32)) : 0;
                  if (qris > 0)
                    pay (cart, LAPAK_PAY_QRIS, qris);
                  pay (cart, LAPAK_PAY_CASH, total - qris + g_test_rand_int_range (0, 20000));
                  m->cash = total - qris;
                  break;
                }
              sale = lapak_sale_commit (f->db, cashiers[shift], cart, &error);
              g_assert_no_error (error);
              m->id = g_strdup (sale->id);
              m->shift = shift;
              expected += m->cash;
              g_ptr_array_add (sales, m);
            }
          else if (what < 70)
            {
              /* Void a random sale; allowed only for this shift's sales
               * without refunds. */
              ModelSale *m = g_ptr_array_index (sales, g_test_rand_int_range (0, (gint)sales->len));
              gboolean ok = lapak_sale_void (f->db, cashiers[shift], T.dewi, m->id, "batal", &error);

              g_assert_cmpint (ok, ==, !m->voided && !m->refunded && m->shift == shift);
              g_clear_error (&error);
              if (ok)
                {
                  m->voided = TRUE;
                  expected -= m->cash;
                }
            }
          else if (what < 85)
            {
              /* Refund some units of a random line, by cash or transfer. */
              ModelSale *m = g_ptr_array_index (sales, g_test_rand_int_range (0, (gint)sales->len));
              guint line = (guint)g_test_rand_int_range (0, (gint)m->n_lines);
              gint64 qty = g_test_rand_int_range (1, 4);
              LapakRefundItem item = { m->codes[line], qty };
              LapakPayMethod method = g_test_rand_bit () ? LAPAK_PAY_CASH : LAPAK_PAY_TRANSFER;
              gint64 amount = 0;
              gboolean ok = lapak_sale_refund (f->db, cashiers[shift], T.dewi, m->id, &item, 1, method,
                                               "kembali", &amount, &error);

              g_assert_cmpint (ok, ==, !m->voided && qty <= m->left[line]);
              g_clear_error (&error);
              if (ok)
                {
                  g_assert_cmpint (amount, ==, qty * m->net[line]);
                  m->left[line] -= qty;
                  m->refunded = TRUE;
                  if (method == LAPAK_PAY_CASH)
                    expected -= amount;
                }
            }
          else
            {
              gboolean in = g_test_rand_bit ();
              gint64 amount = g_test_rand_int_range (1, 100) * 1000;
              /* Cash out only of what is in the drawer. */
              gboolean ok = in || amount <= expected;

              g_assert_cmpint (lapak_cash_move (f->db, cashiers[shift], NULL, in ? "in" : "out", amount,
                                                in ? "uang kecil" : "setor", &error), ==, ok);
              g_assert_true (ok ? error == NULL : g_error_matches (error, LAPAK_ERROR, LAPAK_ERROR_INVALID));
              g_clear_error (&error);
              if (ok)
                expected += in ? amount : -amount;
            }
        }

      counted = expected + g_test_rand_int_range (-5000, 5000);
      z = lapak_shift_close (f->db, cashiers[shift], MAX (counted, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpint (z->z_number, ==, shift + 1);
      g_assert_cmpint (z->float_amount, ==, float_amount);
      g_assert_cmpint (z->expected_cash, ==, expected);
      g_assert_cmpint (z->counted, ==, MAX (counted, 0));
      g_assert_cmpint (z->difference, ==, MAX (counted, 0) - expected);
    }
  assert_verifies (f);
}

/* ---------- receipts ---------- */

static LapakSale *
receipt_sale (Fixture *f)
{
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autoptr(GError) error = NULL;

  scan_qty (cart, P_LAPIS, 2);
  scan (cart, products[P_BATIK].code);
  scan_qty (cart, P_LONG, 3);
  g_assert_true (lapak_cart_set_discount (cart, 2, 5000, T.dewi, NULL));
  scan (cart, products[P_KOPI].code);
  g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, 100000, "QRIS-REF-123", &error));
  pay (cart, LAPAK_PAY_CASH, 200000);
  return commit (f, cart);
}

static void
test_receipt_content (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakReceipt) r = NULL;
  LapakReceiptGroup *g;

  open_shift (f, T.sari, 0);
  sale = receipt_sale (f);
  r = lapak_receipt_load (f->db, sale->id, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (r->event_name, ==, "Pameran UMKM Jakarta 2026");
  g_assert_cmpstr (r->till_id, ==, "K1");
  g_assert_cmpstr (r->cashier, ==, "Sari");
  g_assert_cmpstr (r->sale_id, ==, "K1-000001");
  g_assert_cmpint (r->at, ==, q_int (f, "SELECT at FROM sale"));
  g_assert_cmpint (r->total, ==, 25000 + 150000 + 90000 + 7000);
  g_assert_cmpint (r->paid, ==, 300000);
  g_assert_cmpint (r->change, ==, 28000);
  g_assert_cmpstr (r->hash, ==, sale->hash);
  g_assert_nonnull (strstr (r->qr_text, "K1-000001"));
  g_assert_false (r->voided);
  g_assert_cmpuint (r->lines->len, ==, 4);

  /* Grouped by tenant, in order of first appearance. */
  g_assert_cmpuint (r->groups->len, ==, 3);
  g = g_ptr_array_index (r->groups, 0);
  g_assert_cmpstr (g->tenant_code, ==, "KLL");
  g_assert_cmpstr (g->tenant_name, ==, tenant_name ("KLL"));
  g_assert_cmpuint (g->lines->len, ==, 2);
  g_assert_cmpint (g->subtotal, ==, 25000 + 90000);
  g = g_ptr_array_index (r->groups, 1);
  g_assert_cmpstr (g->tenant_code, ==, "BTK");
  g_assert_cmpint (g->subtotal, ==, 150000);
  g = g_ptr_array_index (r->groups, 2);
  g_assert_cmpstr (g->tenant_code, ==, "KPI");
  g_assert_cmpint (g->subtotal, ==, 7000);

  g_assert_cmpuint (r->payments->len, ==, 2);
  {
    gint64 kept = 0;

    for (guint i = 0; i < r->payments->len; i++)
      kept += g_array_index (r->payments, LapakPayment, i).amount;
    g_assert_cmpint (kept, ==, r->total);
  }

  g_clear_pointer (&r, lapak_receipt_free);
  g_assert_null (lapak_receipt_load (f->db, "K1-000002", &error));
  assert_refused (error, LAPAK_ERROR_NOT_FOUND, "K1-000002");
  g_clear_error (&error);
  g_assert_null (lapak_receipt_load (f->db, "K1-R000001", &error));
  g_assert_nonnull (error);
}

static void
check_text (LapakReceipt *r,
            guint         width)
{
  g_autofree char *text = lapak_receipt_format_text (r, width);
  g_auto(GStrv) lines = NULL;
  g_autofree char *total = lapak_money_format (r->total, LAPAK_MONEY_STYLE_DEFAULT);
  g_autofree char *change = lapak_money_format (r->change, LAPAK_MONEY_STYLE_DEFAULT);
  g_autoptr(GString) hash = g_string_new (NULL);
  gboolean seen_total = FALSE;
  gboolean seen_change = FALSE;
  gboolean seen_long = FALSE;
  gboolean in_journal = FALSE;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "\n"));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];
      glong chars = g_utf8_strlen (l, -1);

      if (chars > (glong)width)
        g_error ("line %u has %ld characters (> %u): “%s”", i + 1, chars, width, l);

      if (g_str_has_prefix (l, "TOTAL"))
        {
          seen_total = TRUE;
          g_assert_true (g_str_has_suffix (l, total));
          g_assert_cmpint (chars, ==, width);
        }
      if (g_str_has_prefix (l, "Change"))
        {
          seen_change = TRUE;
          g_assert_true (g_str_has_suffix (l, change));
          g_assert_cmpint (chars, ==, width);
        }
      if (strstr (l, "Keripik Tempe") != NULL)
        {
          /* Cut with an ellipsis at a character boundary. */
          seen_long = TRUE;
          g_assert_nonnull (strstr (l, "…"));
          g_assert_null (strstr (l, "renyah"));
        }
      /* Amounts right-aligned: "  3 x 35.000      90.000". */
      if (g_str_has_prefix (l, "  3 x "))
        {
          g_autofree char *amount = lapak_money_format_plain (90000, LAPAK_MONEY_STYLE_DEFAULT);

          g_assert_true (g_str_has_suffix (l, amount));
          g_assert_cmpint (chars, ==, width);
        }
      if (in_journal)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (l));

          if (strspn (trimmed, "0123456789abcdef") == strlen (trimmed))
            g_string_append (hash, trimmed);
        }
      if (g_str_has_prefix (l, "Journal"))
        in_journal = TRUE;
    }
  g_assert_true (seen_total);
  g_assert_true (seen_change);
  g_assert_true (seen_long);
  /* The whole chain hash is printed, over as many lines as it needs. */
  g_assert_cmpstr (hash->str, ==, r->hash);
  g_assert_nonnull (strstr (text, r->event_name));
  g_assert_nonnull (strstr (text, r->sale_id));
  g_assert_nonnull (strstr (text, "Sari"));
  g_assert_nonnull (strstr (text, tenant_name ("KPI")));
  g_assert_nonnull (strstr (text, "QRIS"));
  g_assert_nonnull (strstr (text, "QRIS-REF-123"));
}

static void
test_receipt_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakReceipt) r = NULL;

  open_shift (f, T.sari, 0);
  sale = receipt_sale (f);
  r = lapak_receipt_load (f->db, sale->id, &error);
  g_assert_no_error (error);
  check_text (r, 32);
  check_text (r, 48);

  /* A voided sale says so. */
  g_assert_true (lapak_sale_void (f->db, T.sari, T.dewi, sale->id, "salah", &error));
  g_clear_pointer (&r, lapak_receipt_free);
  r = lapak_receipt_load (f->db, sale->id, &error);
  g_assert_no_error (error);
  g_assert_true (r->voided);
  {
    g_autofree char *text = lapak_receipt_format_text (r, 32);

    g_assert_nonnull (strstr (text, "VOID"));
  }
  check_text (r, 32);
}

/* Names made of multi-byte characters are cut between characters. */
static void
test_receipt_utf8_cut (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) sale = NULL;
  g_autoptr(LapakReceipt) r = NULL;
  LapakProductSpec spec = { "KPI", NULL, "Kopi “Ñusantara” ☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕☕",
                            45000, 10, NULL };
  g_autofree char *code = lapak_product_add (f->db, T.org, &spec, &error);

  g_assert_no_error (error);
  open_shift (f, T.sari, 0);
  sale = quick_sale (f, code);
  r = lapak_receipt_load (f->db, sale->id, &error);
  g_assert_no_error (error);
  for (guint width = 32; width <= 48; width += 16)
    {
      g_autofree char *text = lapak_receipt_format_text (r, width);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      g_assert_true (g_utf8_validate (text, -1, NULL));
      for (guint i = 0; lines[i] != NULL; i++)
        g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, width);
      g_assert_nonnull (strstr (text, "☕…"));
    }
}

/* ---------- QRIS for a sale ---------- */

static void
test_qris_for_sale (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakEvent) event = lapak_event_get_active (f->db, &error);
  g_autoptr(LapakCart) cart = new_cart (f);
  g_autofree char *payload = NULL;
  g_autofree char *dynamic = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (event->qris, ==, STATIC_QRIS);
  payload = lapak_qris_dynamic (event->qris, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (payload, ==, DYNAMIC_1000);

  scan_qty (cart, P_LAPIS, 3);
  dynamic = lapak_qris_dynamic (event->qris, lapak_cart_total (cart), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (dynamic, "010212"));
  g_assert_nonnull (strstr (dynamic, "540537500" "5802ID"));
  g_assert_true (lapak_qris_check (dynamic, &error));
  g_assert_no_error (error);
}

/* ---------- the journal ---------- */

static void
test_journal_entries (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSale) a = NULL;
  g_autoptr(LapakSale) b = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  g_autoptr(LapakJournalReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "journal.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) rows = NULL;
  LapakRefundItem item = { products[P_GULA].code, 1 };
  gint64 count = 0;
  const char *types[] = { "shift_open", "sale", "sale", "void", "refund", "cash", "cash", "shift_close" };

  open_shift (f, T.sari, 1000);
  a = quick_sale_qty (f, P_LAPIS, 1);
  b = quick_sale_qty (f, P_GULA, 2);
  g_assert_true (lapak_sale_void (f->db, T.sari, T.dewi, a->id, "salah", &error));
  g_assert_true (lapak_sale_refund (f->db, T.sari, T.dewi, b->id, &item, 1, LAPAK_PAY_CASH, "pecah", NULL, &error));
  g_assert_true (lapak_cash_move (f->db, T.sari, NULL, "in", 5000, "receh", &error));
  g_assert_true (lapak_cash_move (f->db, T.sari, T.dewi, "no_sale", 0, "tukar", &error));
  z = lapak_shift_close (f->db, T.sari, 8500, &error);
  g_assert_no_error (error);

  /* Each a journal entry, in order, numbered without gaps from the first. */
  {
    gint64 first = q_int (f, "SELECT seq FROM journal WHERE type = 'shift_open'");

    g_assert_cmpint (q_int (f, "SELECT MAX(seq) - MIN(seq) + 1 - count(*) FROM journal"), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        g_autofree char *type = q_text (f, "SELECT type FROM journal WHERE seq = %" G_GINT64_FORMAT, first + i);

        g_assert_cmpstr (type, ==, types[i]);
      }
    g_assert_cmpint (q_int (f, "SELECT count(*) FROM journal WHERE seq > %" G_GINT64_FORMAT, first), ==,
                     G_N_ELEMENTS (types) - 1);
  }

  report = lapak_journal_verify (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (report->ok);
  g_assert_cmpint (report->n_entries, ==, q_int (f, "SELECT count(*) FROM journal"));
  {
    g_autofree char *head = q_text (f, "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1");

    g_assert_cmpstr (report->head, ==, head);
  }

  g_assert_true (lapak_journal_export (f->db, path, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, report->n_entries);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  rows = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, (guint)count + 1);
  g_assert_nonnull (strstr (rows[count - 1], "\"type\":\"shift_close\""));
  g_assert_nonnull (strstr (contents, "refund=K1-R000001"));

  /* A refund slipped in behind the journal's back is named by its number. */
  g_assert_cmpint (sqlite3_exec (lapak_db_get_handle (f->db),
                                 "INSERT INTO refund SELECT till_id, seq + 1, sale_till, sale_seq, shift_seq, "
                                 "method, amount, reason, cashier, approver, at FROM refund",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&report, lapak_journal_report_free);
  report = lapak_journal_verify (f->db, &error);
  g_assert_no_error (error);
  g_assert_false (report->ok);
  g_assert_nonnull (strstr (report->problem, "K1-R000002"));
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  template_create ();

  ADD ("/sale/scan/code", test_scan_code);
  ADD ("/sale/scan/barcode", test_scan_barcode);
  ADD ("/sale/scan/refusals", test_scan_refusals);
  ADD ("/sale/cart/qty-remove", test_cart_qty_remove);
  ADD ("/sale/cart/discount-override", test_cart_discount_override);
  ADD ("/sale/cart/overflow", test_cart_overflow);
  ADD ("/sale/pay/cash-change", test_pay_cash_change);
  ADD ("/sale/pay/methods", test_pay_methods);
  ADD ("/sale/pay/split", test_pay_split);
  ADD ("/sale/commit/rows", test_commit_rows);
  ADD ("/sale/commit/no-shift", test_commit_no_shift);
  ADD ("/sale/commit/oversell", test_commit_oversell);
  ADD ("/sale/void", test_void);
  ADD ("/sale/void/limits", test_void_limits);
  ADD ("/sale/refund", test_refund);
  ADD ("/sale/refund/later-shift", test_refund_later_shift);
  ADD ("/sale/cash-moves", test_cash_moves);
  ADD ("/sale/shift/open-x-z", test_shift_open_x_z);
  ADD ("/sale/property/carts", test_property_carts);
  ADD ("/sale/property/shifts", test_property_shifts);
  ADD ("/sale/receipt/content", test_receipt_content);
  ADD ("/sale/receipt/text", test_receipt_text);
  ADD ("/sale/receipt/utf8-cut", test_receipt_utf8_cut);
  ADD ("/sale/qris/for-sale", test_qris_for_sale);
  ADD ("/sale/journal/entries", test_journal_entries);

  rc = g_test_run ();
  template_free ();
  return rc;
}
