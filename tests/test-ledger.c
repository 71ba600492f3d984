/* test-ledger.c — events, tenants, products, stock, accounts and imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "lapak-code.h"
#include "lapak-error.h"
#include "lapak-import.h"
#include "lapak-ledger.h"
#include "lapak-test-util.h"

typedef struct
{
  char      *dir;
  LapakDb   *db;
  LapakUser *org;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lapak_test_make_dir ();
  f->db = lapak_test_new_till (f->dir, "K1");
  f->org = lapak_test_login (f->db, "Org", "1234");
  lapak_event_create (f->db, f->org, "JCC-2026", "Pameran UMKM JCC 2026", LAPAK_EVENT_BAZAAR,
                      1500, 250000, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_user_free (f->org);
  g_clear_object (&f->db);
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
digest (Fixture *f)
{
  /* Make sure everything is in the file (WAL is read by readers too). */
  return lapak_test_db_digest (lapak_db_get_path (f->db));
}

static void
add_tenant (Fixture    *f,
            const char *code,
            int         bp,
            gint64      fee)
{
  g_autoptr(GError) error = NULL;
  LapakTenantSpec spec = { code, "Usaha Bu Tini", "081200001234", "BRI 0000-01", bp, fee };

  g_assert_true (lapak_tenant_add (f->db, f->org, &spec, &error));
  g_assert_no_error (error);
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
  return NULL;
}

static LapakProduct *
find_product (Fixture    *f,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = lapak_product_list (f->db, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < products->len; i++)
    {
      LapakProduct *p = g_ptr_array_index (products, i);

      if (g_str_equal (p->code, code))
        return g_ptr_array_steal_index (products, i);
    }
  return NULL;
}

static void
test_event_create (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(LapakEvent) active = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  active = lapak_event_get_active (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (active->code, ==, "JCC-2026");
  g_assert_cmpint (active->commission_bp, ==, 1500);
  g_assert_cmpint (active->booth_fee, ==, 250000);

  g_assert_true (lapak_event_create (f->db, f->org, "RUMAH-UMKM", "Rumah UMKM Sleman",
                                     LAPAK_EVENT_TRADING_HOUSE, 1000, 0, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&active, lapak_event_free);
  active = lapak_event_get_active (f->db, &error);
  g_assert_cmpstr (active->code, ==, "RUMAH-UMKM");
  g_assert_cmpint (active->kind, ==, LAPAK_EVENT_TRADING_HOUSE);

  g_assert_true (lapak_event_use (f->db, f->org, "JCC-2026", &error));
  events = lapak_event_list (f->db, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_true (((LapakEvent *)g_ptr_array_index (events, 0))->active);
  g_assert_false (((LapakEvent *)g_ptr_array_index (events, 1))->active);

  before = digest (f);
  g_assert_false (lapak_event_create (f->db, f->org, "JCC-2026", "Again", LAPAK_EVENT_BAZAAR, 0, 0, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (lapak_event_create (f->db, f->org, "jcc", "Lower", LAPAK_EVENT_BAZAAR, 0, 0, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_event_create (f->db, f->org, "OVER", "Over", LAPAK_EVENT_BAZAAR, 10001, 0, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_event_create (f->db, f->org, "NEG", "Neg", LAPAK_EVENT_BAZAAR, 0, -1, NULL, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_event_create (f->db, f->org, "QR", "Bad QRIS", LAPAK_EVENT_BAZAAR, 0, 0,
                                      "000201010211not-a-qris", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lapak_event_use (f->db, f->org, "NOPE", &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_tenant_terms_and_booth_fee (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakTenant) a = NULL;
  g_autoptr(LapakTenant) b = NULL;
  gint64 balance;

  add_tenant (f, "KLL", LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT);
  add_tenant (f, "BTK", 1250, 100000);

  a = find_tenant (f, "KLL");
  g_assert_true (a->joined);
  g_assert_cmpint (a->commission_bp, ==, 1500);
  g_assert_cmpint (a->booth_fee, ==, 250000);
  b = find_tenant (f, "BTK");
  g_assert_cmpint (b->commission_bp, ==, 1250);
  g_assert_cmpint (b->booth_fee, ==, 100000);

  /* Joining charged the booth fee to the tenant's account. */
  g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, &error));
  g_assert_cmpint (balance, ==, -250000);
  g_assert_true (lapak_tenant_balance (f->db, "BTK", &balance, &error));
  g_assert_cmpint (balance, ==, -100000);

  /* A second event: joining charges its fee too; joining twice is refused. */
  lapak_event_create (f->db, f->org, "BAZAR-2", "Bazar Ramadan", LAPAK_EVENT_BAZAAR, 1000, 50000, NULL, &error);
  g_assert_no_error (error);
  {
    const char *codes[] = { "KLL", "BTK", NULL };
    const char *again[] = { "KLL", NULL };
    const char *ghost[] = { "BTK", "GHOST", NULL };
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (lapak_event_join (f->db, f->org, codes, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT, &error));
    g_assert_no_error (error);
    g_assert_true (lapak_tenant_balance (f->db, "KLL", &balance, &error));
    g_assert_cmpint (balance, ==, -300000);

    before = digest (f);
    g_assert_false (lapak_event_join (f->db, f->org, again, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT, &error));
    g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_false (lapak_event_join (f->db, f->org, ghost, LAPAK_TERMS_DEFAULT, LAPAK_TERMS_DEFAULT, &error));
    g_clear_error (&error);
    after = digest (f);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_tenant_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  struct { const char *code, *name, *phone; int bp; gint64 fee; int err; } bad[] = {
    { "kll", "Lower case", NULL, -1, -1, LAPAK_ERROR_INVALID },
    { "K", "Too short", NULL, -1, -1, LAPAK_ERROR_INVALID },
    { "TOOLONGCODE", "Too long", NULL, -1, -1, LAPAK_ERROR_INVALID },
    { "K-L", "Dash", NULL, -1, -1, LAPAK_ERROR_INVALID },
    { "KLL", "", NULL, -1, -1, LAPAK_ERROR_INVALID },
    { "KLL", "   ", NULL, -1, -1, LAPAK_ERROR_INVALID },
    { "KLL", "Bell\a", NULL, -1, -1, LAPAK_ERROR_INVALID },
    { "KLL", "Over", NULL, 10001, -1, LAPAK_ERROR_INVALID },
    { "KLL", "Negative fee", NULL, -1, -5, LAPAK_ERROR_INVALID },
    { "KLL", "Bad phone", "call me", -1, -1, LAPAK_ERROR_INVALID },
    { "DUP", "Duplicate", NULL, -1, -1, LAPAK_ERROR_EXISTS },
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_tenant (f, "DUP", -1, -1);
  before = digest (f);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      LapakTenantSpec spec = { bad[i].code, bad[i].name, bad[i].phone, NULL, bad[i].bp, bad[i].fee };

      g_assert_false (lapak_tenant_add (f->db, f->org, &spec, &error));
      g_assert_error (error, LAPAK_ERROR, bad[i].err);
    }

  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

/* Whatever people type in names is kept exactly. */
static void
test_names_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  const char *names[] = {
    "Kue \"Nastar\" Bu Ani",
    "Toko D'Rajut, Yogyakarta",
    "Baris satu\nbaris dua",
    "Batik 🌺 Sekar Jagad",
    "'); DROP TABLE tenant;--",
    "Robert'); DELETE FROM product WHERE ('1'='1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = g_strdup_printf ("T%u", i);
      g_autofree char *pcode = NULL;
      g_autoptr(LapakTenant) t = NULL;
      g_autoptr(LapakProduct) p = NULL;
      LapakTenantSpec spec = { code, names[i], NULL, names[i], -1, -1 };
      LapakProductSpec pspec = { code, "K'1,\"2\"", names[i], 15000, 3, NULL };

      g_assert_true (lapak_tenant_add (f->db, f->org, &spec, &error));
      g_assert_no_error (error);
      pcode = lapak_product_add (f->db, f->org, &pspec, &error);
      g_assert_no_error (error);

      t = find_tenant (f, code);
      g_assert_cmpstr (t->name, ==, names[i]);
      g_assert_cmpstr (t->bank_account, ==, names[i]);
      p = find_product (f, pcode);
      g_assert_cmpstr (p->name, ==, names[i]);
      g_assert_cmpstr (p->sku, ==, "K'1,\"2\"");
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) tenants = lapak_tenant_list (f->db, &error);

    g_assert_cmpuint (tenants->len, ==, G_N_ELEMENTS (names));
  }
}

static void
test_product_add (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code1 = NULL;
  g_autofree char *code2 = NULL;
  g_autoptr(LapakProduct) p = NULL;
  LapakProductSpec spec = { "KLL", "KL-100", "Keripik Lele Original 100 g", 15000, 24, "8990000000013" };

  add_tenant (f, "KLL", -1, -1);

  code1 = lapak_product_add (f->db, f->org, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_product_code_validate (code1, &error));
  g_assert_true (g_str_has_prefix (code1, "KLL-"));

  spec.sku = "KL-250";
  spec.name = "Keripik Lele Pedas 250 g";
  spec.barcode = NULL;
  spec.stock = 0;
  code2 = lapak_product_add (f->db, f->org, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code1, !=, code2);

  p = find_product (f, code1);
  g_assert_cmpstr (p->tenant, ==, "KLL");
  g_assert_cmpint (p->price, ==, 15000);
  g_assert_cmpint (p->stock, ==, 24);
  g_assert_cmpstr (p->barcode, ==, "8990000000013");
  g_assert_cmpint (p->status, ==, LAPAK_PRODUCT_ACTIVE);

  /* Stock is movements: checking in adds, never overwrites. */
  g_assert_true (lapak_stock_check_in (f->db, f->org, code1, 6, &error));
  g_assert_no_error (error);
  g_clear_pointer (&p, lapak_product_free);
  p = find_product (f, code1);
  g_assert_cmpint (p->stock, ==, 30);
  {
    g_auto(LapakStmt) stmt = lapak_db_prepare (f->db,
      "SELECT count(*), sum(delta) FROM stock_move WHERE product_code = ?1 AND kind = 'checkin'", NULL);

    lapak_stmt_bind_text (stmt, 1, code1);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 30);
  }
}

static void
test_product_bad_input (Fixture       *f,
                        gconstpointer  data)
{
  struct { const char *tenant, *sku, *name; gint64 price, stock; const char *barcode; int err; } bad[] = {
    { "GHOST", NULL, "Unknown tenant", 1000, 0, NULL, LAPAK_ERROR_NOT_FOUND },
    { "KLL", NULL, "Zero price", 0, 0, NULL, LAPAK_ERROR_INVALID },
    { "KLL", NULL, "Negative price", -5, 0, NULL, LAPAK_ERROR_INVALID },
    { "KLL", NULL, "", 1000, 0, NULL, LAPAK_ERROR_INVALID },
    { "KLL", NULL, "Negative stock", 1000, -1, NULL, LAPAK_ERROR_INVALID },
    { "KLL", NULL, "Bad barcode", 1000, 0, "8990000000014", LAPAK_ERROR_INVALID },
    { "KLL", NULL, "Letters barcode", 1000, 0, "89900000ABC17", LAPAK_ERROR_INVALID },
    { "KLL", "KL-100", "Duplicate SKU", 1000, 0, NULL, LAPAK_ERROR_EXISTS },
    { "KLL", NULL, "Duplicate barcode", 1000, 0, "8990000000013", LAPAK_ERROR_EXISTS },
    { NULL, NULL, "No tenant", 1000, 0, NULL, LAPAK_ERROR_INVALID },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LapakProductSpec ok = { "KLL", "KL-100", "Keripik", 15000, 5, "8990000000013" };

  add_tenant (f, "KLL", -1, -1);
  code = lapak_product_add (f->db, f->org, &ok, &error);
  g_assert_no_error (error);
  before = digest (f);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      LapakProductSpec spec = { bad[i].tenant, bad[i].sku, bad[i].name, bad[i].price, bad[i].stock, bad[i].barcode };
      g_autofree char *c = lapak_product_add (f->db, f->org, &spec, &error);

      g_assert_null (c);
      g_assert_error (error, LAPAK_ERROR, bad[i].err);
      g_clear_error (&error);
    }

  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_tenant_user_products (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) tini = NULL;
  g_autoptr(LapakProduct) p = NULL;
  g_autofree char *own = NULL;
  g_autofree char *other = NULL;
  g_autofree char *org_code = NULL;
  LapakProductSpec mine = { "KLL", NULL, "Keripik Kulit Lele", 20000, 10, NULL };
  LapakProductSpec theirs = { "BTK", NULL, "Batik palsu", 20000, 0, NULL };

  add_tenant (f, "KLL", -1, -1);
  add_tenant (f, "BTK", -1, -1);
  lapak_user_add (f->db, f->org, "Tini", LAPAK_ROLE_TENANT, "KLL", "4321", &error);
  g_assert_no_error (error);
  tini = lapak_test_login (f->db, "Tini", "4321");

  /* A tenant's own products wait for the organiser's approval. */
  own = lapak_product_add (f->db, tini, &mine, &error);
  g_assert_no_error (error);
  p = find_product (f, own);
  g_assert_cmpint (p->status, ==, LAPAK_PRODUCT_PENDING);

  /* Another tenant's are out of reach, for adding and for stock. */
  other = lapak_product_add (f->db, tini, &theirs, &error);
  g_assert_null (other);
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);

  org_code = lapak_product_add (f->db, f->org, &theirs, &error);
  g_assert_no_error (error);
  g_assert_false (lapak_stock_check_in (f->db, tini, org_code, 5, &error));
  g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (lapak_stock_check_in (f->db, tini, own, 5, &error));
  g_assert_no_error (error);

  /* Tenants manage no tenants or events. */
  {
    LapakTenantSpec spec = { "NEW", "New", NULL, NULL, -1, -1 };

    g_assert_false (lapak_tenant_add (f->db, tini, &spec, &error));
    g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_false (lapak_event_create (f->db, tini, "EV", "Ev", LAPAK_EVENT_BAZAAR, 0, 0, NULL, &error));
    g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_DENIED);
  }
}

static void
test_codes_skip_unusable_serials (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_tenant (f, "MADU", -1, -1);
  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Madu hutan %u ml", i);
      LapakProductSpec spec = { "MADU", NULL, name, 85000, 0, NULL };
      char *code = lapak_product_add (f->db, f->org, &spec, &error);

      g_assert_no_error (error);
      g_assert_true (lapak_product_code_validate (code, NULL));
      g_assert_false (g_hash_table_contains (seen, code));
      g_hash_table_add (seen, code);
    }
}

/* ---------- imports ---------- */

static void
test_import_tenants (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LapakTenant) t = NULL;
  guint count = 0;

  path = lapak_test_write_file (f->dir, "tenants.csv",
    "code,name,commission,booth_fee,phone,bank_account\r\n"
    "KLL,Keripik Lele Bu Tini,,,081200001111,BRI 0000-01\r\n"
    "BTK,\"Batik \"\"Sekar\"\", Lasem\",12.5,150.000,,\r\n"
    "\r\n"
    "MADU,Madu Hutan Pak Slamet,10%,0,,\r\n");
  g_assert_true (lapak_import_tenants (f->db, f->org, path, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 3);

  t = find_tenant (f, "BTK");
  g_assert_cmpstr (t->name, ==, "Batik \"Sekar\", Lasem");
  g_assert_cmpint (t->commission_bp, ==, 1250);
  g_assert_cmpint (t->booth_fee, ==, 150000);
  g_clear_pointer (&t, lapak_tenant_free);
  t = find_tenant (f, "KLL");
  g_assert_cmpint (t->commission_bp, ==, 1500);
  g_assert_cmpint (t->booth_fee, ==, 250000);
  g_assert_cmpstr (t->phone, ==, "081200001111");
  g_clear_pointer (&t, lapak_tenant_free);
  t = find_tenant (f, "MADU");
  g_assert_cmpint (t->commission_bp, ==, 1000);
  g_assert_cmpint (t->booth_fee, ==, 0);
}

static void
test_import_indonesian_excel (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tpath = NULL;
  g_autofree char *ppath = NULL;
  g_autoptr(GPtrArray) products = NULL;
  guint count = 0;

  tpath = lapak_test_write_file (f->dir, "penyewa.csv",
    "\xEF\xBB\xBFkode;nama;komisi;sewa_stand;telepon;rekening\r\n"
    "KOPI;Kopi Biji Salak, Sleman;12,5%;200.000;0812 0000 2222;BCA 0000012345\r\n");
  g_assert_true (lapak_import_tenants (f->db, f->org, tpath, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);

  ppath = lapak_test_write_file (f->dir, "produk.csv",
    "\xEF\xBB\xBF" "penyewa;sku;nama;harga;stok;barcode\r\n"
    "KOPI;KP-200;Kopi Biji Salak Bubuk 200 g;Rp45.000;20;\r\n"
    "KOPI;KP-500;\"Kopi \"\"Premium\"\"; 500 g\";Rp 110.000;5;8990000000020\r\n");
  g_assert_true (lapak_import_products (f->db, f->org, ppath, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);

  products = lapak_product_list (f->db, "KOPI", &error);
  g_assert_cmpuint (products->len, ==, 2);
  g_assert_cmpint (((LapakProduct *)g_ptr_array_index (products, 0))->price, ==, 45000);
  g_assert_cmpint (((LapakProduct *)g_ptr_array_index (products, 0))->stock, ==, 20);
  g_assert_cmpstr (((LapakProduct *)g_ptr_array_index (products, 1))->name, ==, "Kopi \"Premium\"; 500 g");
  g_assert_cmpint (((LapakProduct *)g_ptr_array_index (products, 1))->price, ==, 110000);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *expect[3];   /* substrings of the message */
} BadFile;

/* Every hostile file is refused whole, the message names FILE:LINE, and the
 * database does not change. */
static void
test_import_products_refused (Fixture       *f,
                              gconstpointer  data)
{
  static const BadFile files[] = {
    { "zero.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,0,1,\n",
      { "zero.csv:2:", NULL } },
    { "negative.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,15000,1,\nKLL,,Keripik,-5,1,\n",
      { "negative.csv:3:", NULL } },
    { "decimal.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,12.5,1,\n",
      { "decimal.csv:2:", "12.5", NULL } },
    { "unknown.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,15000,1,\nXYZ,,Madu,85000,1,\n",
      { "unknown.csv:3:", "XYZ", NULL } },
    { "dupsku.csv", "tenant,sku,name,price,stock,barcode\nKLL,A1,Keripik,15000,1,\nKLL,A1,Keripik 2,15000,1,\n",
      { "dupsku.csv:3:", "A1", NULL } },
    { "short.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,15000\n",
      { "short.csv:2:", NULL } },
    { "unclosed.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,15000,1,\nKLL,,\"Keripik pedas,15000,1,\n",
      { "unclosed.csv:3:", NULL } },
    { "latin1.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Caf\xe9 Kopi,15000,1,\n",
      { "latin1.csv:2:", "UTF-8", NULL } },
    { "stock.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,15000,lima,\n",
      { "stock.csv:2:", "lima", NULL } },
    { "barcode.csv", "tenant,sku,name,price,stock,barcode\nKLL,,Keripik,15000,1,1234567890123\n",
      { "barcode.csv:2:", NULL } },
    { "header.csv", "tenant,sku,nama_produk,price\nKLL,,Keripik,15000\n",
      { "header.csv:1:", "name", NULL } },
    { "many.csv", "tenant,sku,name,price,stock,barcode\nKLL,,A,0,1,\nKLL,,B,15000,1,\nKLL,,C,12.5,1,\n",
      { "many.csv:2:", "many.csv:4:", NULL } },
  };
  g_autofree char *before = NULL;

  add_tenant (f, "KLL", -1, -1);
  before = digest (f);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = lapak_test_write_file (f->dir, files[i].name, files[i].contents);
      g_autofree char *after = NULL;
      guint count = 99;

      g_assert_false (lapak_import_products (f->db, f->org, path, &count, &error));
      g_assert_nonnull (error);
      for (guint e = 0; files[i].expect[e] != NULL; e++)
        {
          if (strstr (error->message, files[i].expect[e]) == NULL)
            g_error ("%s: expected “%s” in: %s", files[i].name, files[i].expect[e], error->message);
        }
      after = digest (f);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_import_tenants_refused (Fixture       *f,
                             gconstpointer  data)
{
  static const BadFile files[] = {
    { "dup.csv", "code,name\nKLL,A\nKLL,B\n", { "dup.csv:3:", "KLL", NULL } },
    { "existing.csv", "code,name\nOLD,Again\n", { "existing.csv:2:", NULL } },
    { "commission.csv", "code,name,commission\nABC,Abc,150\n", { "commission.csv:2:", "100", NULL } },
    { "lower.csv", "code,name\nabc,Abc\n", { "lower.csv:2:", NULL } },
    { "empty.csv", "", { "empty.csv", NULL } },
    { "noname.csv", "code,name\nABC,\n", { "noname.csv:2:", NULL } },
  };
  g_autofree char *before = NULL;

  add_tenant (f, "OLD", -1, -1);
  before = digest (f);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = lapak_test_write_file (f->dir, files[i].name, files[i].contents);
      g_autofree char *after = NULL;

      g_assert_false (lapak_import_tenants (f->db, f->org, path, NULL, &error));
      g_assert_nonnull (error);
      for (guint e = 0; files[i].expect[e] != NULL; e++)
        if (strstr (error->message, files[i].expect[e]) == NULL)
          g_error ("%s: expected “%s” in: %s", files[i].name, files[i].expect[e], error->message);
      after = digest (f);
      g_assert_cmpstr (before, ==, after);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);

    g_assert_false (lapak_import_tenants (f->db, f->org, missing, NULL, &error));
    g_assert_error (error, LAPAK_ERROR, LAPAK_ERROR_IO);
  }
}

static void
test_demo_data_imports (Fixture       *f,
                        gconstpointer  data)
{
  const char *root = g_getenv ("LAPAK_SOURCE_ROOT");
  g_autofree char *tenants = NULL;
  g_autofree char *products = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint count = 0;

  /* meson test sets it; run the program through meson. */
  g_assert_nonnull (root);

  tenants = g_build_filename (root, "data", "demo", "tenants.csv", NULL);
  products = g_build_filename (root, "data", "demo", "products.csv", NULL);
  g_assert_true (lapak_import_tenants (f->db, f->org, tenants, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, >=, 10);
  g_assert_true (lapak_import_products (f->db, f->org, products, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, >=, 60);

  list = lapak_product_list (f->db, NULL, &error);
  g_assert_cmpuint (list->len, ==, count);
  for (guint i = 0; i < list->len; i++)
    {
      LapakProduct *p = g_ptr_array_index (list, i);

      g_assert_true (lapak_product_code_validate (p->code, NULL));
      g_assert_cmpint (p->price, >, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ledger/event/create", test_event_create);
  ADD ("/ledger/tenant/terms-and-booth-fee", test_tenant_terms_and_booth_fee);
  ADD ("/ledger/tenant/bad-input", test_tenant_bad_input);
  ADD ("/ledger/names-round-trip", test_names_round_trip);
  ADD ("/ledger/product/add", test_product_add);
  ADD ("/ledger/product/bad-input", test_product_bad_input);
  ADD ("/ledger/product/tenant-user", test_tenant_user_products);
  ADD ("/ledger/product/codes-skip-unusable-serials", test_codes_skip_unusable_serials);
  ADD ("/ledger/import/tenants", test_import_tenants);
  ADD ("/ledger/import/indonesian-excel", test_import_indonesian_excel);
  ADD ("/ledger/import/products-refused", test_import_products_refused);
  ADD ("/ledger/import/tenants-refused", test_import_tenants_refused);
  ADD ("/ledger/import/demo-data", test_demo_data_imports);
#undef ADD

  return g_test_run ();
}
