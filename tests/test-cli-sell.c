/* test-cli-sell.c — lapakctl's Selling commands end to end (CLI.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template till is made once with lapakctl itself (init, event, tenants,
 * products, users); every test runs on its own copy. The last test is a
 * scripted day of a bazaar: hundreds of sales, voids, refunds, cash
 * movements and two shifts of two cashiers, whose Z reports must agree to
 * the rupiah with what this test computes on its own.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "lapak-money.h"
#include "lapak-test-cli.h"
#include "lapak-test-util.h"

#define STATIC_QRIS "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7"
#define DYNAMIC_1000 "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI520458125303360540410005802ID5922Warung Sayur Bu Sugeng6010Kab. Demak6105595676304C45F"
#define EAN13 "4006381333931"

/* ---------- running lapakctl ---------- */

static const char *current_db;

/* lapakctl on the current database. */
static LapakRun *
run_argv (const char * const *args)
{
  g_autofree char *db = g_strconcat ("LAPAK_DB=", current_db, NULL);
  const char *env[] = { db, NULL };

  return lapak_test_run (env, args);
}

#define RUN(...) run_argv ((const char *[]) { __VA_ARGS__, NULL })

static LapakRun *
run_ok (const char * const *args)
{
  g_autofree char *db = g_strconcat ("LAPAK_DB=", current_db, NULL);
  const char *env[] = { db, NULL };

  return lapak_test_run_ok (env, args);
}

#define RUN_OK(...) run_ok ((const char *[]) { __VA_ARGS__, NULL })

/* ---------- the template till ---------- */

typedef struct
{
  const char *tenant;
  const char *sku;
  const char *name;
  gint64      price;
  gint64      stock;
  const char *barcode;
  char       *code;
} Product;

static Product products[] = {
  { "KLL", "LPS", "Kue Lapis Legit", 12500, 400, EAN13, NULL },
  { "KLL", "LPM", "Lapis Surabaya Premium Spesial Pandan Keju", 35000, 200, NULL, NULL },
  { "BTK", "BTM", "Batik Tulis Madura", 150000, 30, NULL, NULL },
  { "BTK", "SLD", "Selendang Sutra", 99999, 50, NULL, NULL },
  { "KPI", "GAY", "Kopi Gayo 250 g", 7000, 500, NULL, NULL },
  { "KPI", "ARN", "Gula Aren", 2500, 500, NULL, NULL },
};
enum { P_LAPIS, P_LONG, P_BATIK, P_SELENDANG, P_KOPI, P_GULA, N_PRODUCTS };

static char *template_dir;
static char *template_db;

static void
template_create (void)
{
  g_autoptr(GString) csv = g_string_new ("tenant,sku,name,price,stock,barcode\n");
  g_autofree char *tenants = NULL;
  g_autofree char *prods = NULL;
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  template_dir = lapak_test_make_dir ();
  template_db = g_build_filename (template_dir, "k1.db", NULL);
  current_db = template_db;
  tenants = lapak_test_write_file (template_dir, "tenants.csv",
                                   "code,name,commission,booth_fee,phone,bank_account\n"
                                   "KLL,Lapis Legit Bu Tini,10,0,,\n"
                                   "BTK,Batik Ibu Sri,15,0,,\n"
                                   "KPI,Kopi Pak Harun,,0,,\n");
  for (guint i = 0; i < N_PRODUCTS; i++)
    g_string_append_printf (csv, "%s,%s,\"%s\",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s\n",
                            products[i].tenant, products[i].sku, products[i].name, products[i].price,
                            products[i].stock, products[i].barcode ? products[i].barcode : "");
  prods = lapak_test_write_file (template_dir, "products.csv", csv->str);

  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("init", "--till", "K1", "--organiser", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("event", "create", "JCC-2026", "--name", "Pameran UMKM Jakarta 2026", "--commission", "15",
              "--qris", STATIC_QRIS, "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("tenant", "import", tenants, "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("product", "import", prods, "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("user", "add", "Sari", "--role", "cashier", "--pin", "1111", "--as", "Ketua", "--as-pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("user", "add", "Budi", "--role", "cashier", "--pin", "2222", "--as", "Ketua", "--as-pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("user", "add", "Dewi", "--role", "supervisor", "--pin", "3333", "--as", "Ketua", "--as-pin", "1234");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("product", "list", "--json");
  list = lapak_test_parse_json (r->out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, N_PRODUCTS);
  for (guint i = 0; i < N_PRODUCTS; i++)
    for (guint k = 0; k < N_PRODUCTS; k++)
      {
        JsonObject *o = json_array_get_object_element (array, k);

        if (g_strcmp0 (json_object_get_string_member (o, "sku"), products[i].sku) == 0)
          products[i].code = g_strdup (json_object_get_string_member (o, "code"));
      }
  for (guint i = 0; i < N_PRODUCTS; i++)
    g_assert_nonnull (products[i].code);
}

static void
template_free (void)
{
  lapak_test_remove_tree (template_dir);
  g_free (template_dir);
  g_free (template_db);
  for (guint i = 0; i < N_PRODUCTS; i++)
    g_free (products[i].code);
}

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  f->dir = lapak_test_make_dir ();
  f->db = g_build_filename (f->dir, "k1.db", NULL);
  g_file_get_contents (template_db, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->db, contents, (gssize)len, &error);
  g_assert_no_error (error);
  current_db = f->db;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

static char *
digest (Fixture *f)
{
  return lapak_test_db_digest (f->db);
}

static gint64
q_int (Fixture    *f,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static const char *
code (guint product)
{
  return products[product].code;
}

static char *
code_qty (guint  product,
          gint64 qty)
{
  return g_strdup_printf ("%s*%" G_GINT64_FORMAT, products[product].code, qty);
}

static void
shift_open (const char *cashier,
            const char *pin,
            const char *float_amount)
{
  g_autoptr(LapakRun) r = RUN_OK ("shift", "open", "--as", cashier, "--pin", pin, "--float", float_amount, "--json");
  g_autoptr(JsonNode) root = lapak_test_parse_json (r->out);
  JsonObject *o = json_node_get_object (root);

  g_assert_cmpint (lapak_test_member_int (o, "shift"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "cashier"), ==, cashier);
}

/* ---------- tests ---------- */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char *commands[][2] = {
    { "shift", "open" }, { "shift", "close" }, { "shift", "report" }, { "sell", NULL },
    { "void", NULL }, { "refund", NULL }, { "receipt", NULL }, { "qris", "dynamic" },
    { "qris", "check" }, { "journal", "verify" }, { "journal", "export" }, { "cash", "in" },
    { "cash", "out" }, { "no-sale", NULL },
  };
  const char *bad[][12] = {
    { "sell", "--as", "Sari", "--pin", "1111", NULL },
    { "sell", "--as", "Sari", "--pin", "1111", "KLL-001X", NULL },
    { "sell", "--as", "Sari", "--pin", "1111", "--pay", "cash:5000", NULL },
    { "sell", "--as", "Sari", "--pin", "1111", "--from", "x.txt", "KLL-001X", NULL },
    { "sell", "KLL-001X", "--pay", "cash:5000", NULL },
    { "sell", "--as", "Sari", "KLL-001X", "--pay", "cash:5000", NULL },
    { "shift", "open", "--as", "Sari", "--pin", "1111", NULL },
    { "shift", "close", "--as", "Sari", "--pin", "1111", NULL },
    { "void", "K1-000001", "--as", "Sari", "--pin", "1111", "--approver", "Dewi", "--approver-pin", "3333", NULL },
    { "void", "K1-000001", "--reason", "x", "--as", "Sari", "--pin", "1111", NULL },
    { "refund", "K1-000001", "KLL-001X", "--reason", "x", "--as", "Sari", "--pin", "1111", NULL },
    { "receipt", NULL },
  };
  g_autofree char *before = digest (f);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(LapakRun) h = commands[i][1] ? RUN (commands[i][0], commands[i][1], "--help")
                                        : RUN (commands[i][0], "--help");

      lapak_test_assert_status (h, 0, commands[i][0]);
      g_assert_nonnull (strstr (h->out, "Usage"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(LapakRun) r = run_argv (bad[i]);

      g_test_message ("usage case %u", i);
      lapak_test_assert_status (r, 2, bad[i][0]);
      g_assert_cmpstr (r->out, ==, "");
      g_assert_cmpuint (strlen (r->err), >, 10);
    }
  after = digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_sell_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *lapis3 = code_qty (P_LAPIS, 3);
  const char *sale_members[] = { "sale", "total", "paid", "change", "lines", "payments", NULL };
  const char *line_members[] = { "code", "tenant", "qty", "unit_price", "total", NULL };
  const char *pay_members[] = { "method", "amount", NULL };
  JsonObject *o;
  JsonArray *lines;
  JsonArray *pays;

  shift_open ("Sari", "1111", "Rp200.000");

  /* Label code, barcode (same product: one line), CODE*QTY; a QRIS part
   * and cash with change. */
  r = RUN ("sell", "--as", "Sari", "--pin", "1111", code (P_BATIK), lapis3, EAN13,
           "--pay", "qris:100.000", "cash:Rp100.000", "--json");
  lapak_test_assert_status (r, 0, "sell");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  lapak_test_assert_members (o, sale_members);
  g_assert_cmpstr (json_object_get_string_member (o, "sale"), ==, "K1-000001");
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, 150000 + 4 * 12500);
  g_assert_cmpint (lapak_test_member_int (o, "paid"), ==, 200000);
  g_assert_cmpint (lapak_test_member_int (o, "change"), ==, 0);
  lines = json_object_get_array_member (o, "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  for (guint i = 0; i < 2; i++)
    lapak_test_assert_members (json_array_get_object_element (lines, i), line_members);
  o = json_array_get_object_element (lines, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, code (P_BATIK));
  g_assert_cmpstr (json_object_get_string_member (o, "tenant"), ==, "BTK");
  g_assert_cmpint (lapak_test_member_int (o, "qty"), ==, 1);
  g_assert_cmpint (lapak_test_member_int (o, "unit_price"), ==, 150000);
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, 150000);
  o = json_array_get_object_element (lines, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, code (P_LAPIS));
  g_assert_cmpstr (json_object_get_string_member (o, "tenant"), ==, "KLL");
  g_assert_cmpint (lapak_test_member_int (o, "qty"), ==, 4);
  g_assert_cmpint (lapak_test_member_int (o, "unit_price"), ==, 12500);
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, 50000);
  pays = json_object_get_array_member (json_node_get_object (root), "payments");
  g_assert_cmpuint (json_array_get_length (pays), ==, 2);
  for (guint i = 0; i < 2; i++)
    lapak_test_assert_members (json_array_get_object_element (pays, i), pay_members);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  /* Cash net of change. */
  r = RUN ("sell", "--as", "Sari", "--pin", "1111", code (P_KOPI), "--pay", "cash:50.000", "--json");
  lapak_test_assert_status (r, 0, "sell cash");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "sale"), ==, "K1-000002");
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, 7000);
  g_assert_cmpint (lapak_test_member_int (o, "paid"), ==, 50000);
  g_assert_cmpint (lapak_test_member_int (o, "change"), ==, 43000);
  pays = json_object_get_array_member (o, "payments");
  g_assert_cmpuint (json_array_get_length (pays), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pays, 0), "method"), ==, "cash");
  g_assert_cmpint (lapak_test_member_int (json_array_get_object_element (pays, 0), "amount"), ==, 7000);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  /* Each non-cash way, "the rest" or an exact amount, and split. */
  r = RUN ("sell", "--as", "Sari", "--pin", "1111", code (P_GULA), code (P_KOPI),
           "--pay", "transfer:2.500", "card:1000", "ewallet", "--json");
  lapak_test_assert_status (r, 0, "sell split");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, 9500);
  g_assert_cmpint (lapak_test_member_int (o, "change"), ==, 0);
  pays = json_object_get_array_member (o, "payments");
  g_assert_cmpuint (json_array_get_length (pays), ==, 3);
  {
    const char *methods[] = { "transfer", "card", "ewallet" };
    gint64 amounts[] = { 2500, 1000, 6000 };

    for (guint i = 0; i < 3; i++)
      {
        JsonObject *p = json_array_get_object_element (pays, i);

        g_assert_cmpstr (json_object_get_string_member (p, "method"), ==, methods[i]);
        g_assert_cmpint (lapak_test_member_int (p, "amount"), ==, amounts[i]);
      }
  }
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  /* Text output, and the oversold warning on stderr. */
  {
    g_autofree char *many = code_qty (P_BATIK, 40);

    r = RUN ("sell", "--as", "Sari", "--pin", "1111", many, "--pay", "card");
    lapak_test_assert_status (r, 0, "oversell");
    g_assert_nonnull (strstr (r->out, "K1-000004"));
    g_assert_nonnull (strstr (r->err, code (P_BATIK)));
  }
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale"), ==, 4);
}

static void
test_sell_refusals (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *mistyped = g_strdup (code (P_LAPIS));
  g_autoptr(LapakRun) r = NULL;

  /* No shift yet. */
  before = digest (f);
  r = RUN ("sell", "--as", "Sari", "--pin", "1111", code (P_LAPIS), "--pay", "cash:20000");
  lapak_test_assert_refused (r, "no shift", "shift");
  g_clear_pointer (&r, lapak_run_free);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  shift_open ("Sari", "1111", "0");
  mistyped[strlen (mistyped) - 1] = mistyped[strlen (mistyped) - 1] == '0' ? '1' : '0';
  g_free (before);
  before = digest (f);
  {
    const char *cases[][3] = {
      { mistyped, "cash:20000", NULL },
      { "KLL-999", "cash:20000", NULL },
      { code (P_LAPIS), "cash:10000", "short" },
      { code (P_LAPIS), "qris:20000", "more than" },
      { code (P_LAPIS), "bitcoin", "bitcoin" },
      { code (P_LAPIS), "cash:12.5", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_test_message ("sell %s --pay %s", cases[i][0], cases[i][1]);
        r = RUN ("sell", "--as", "Sari", "--pin", "1111", cases[i][0], "--pay", cases[i][1]);
        lapak_test_assert_refused (r, "sell", cases[i][2]);
        g_clear_pointer (&r, lapak_run_free);
      }
  }
  /* A wrong PIN; a user who may not sell. */
  r = RUN ("sell", "--as", "Sari", "--pin", "9999", code (P_LAPIS), "--pay", "cash:20000");
  lapak_test_assert_status (r, 1, "wrong PIN");
  g_assert_cmpstr (r->out, ==, "");
  g_clear_pointer (&r, lapak_run_free);
  g_free (after);
  after = digest (f);
  /* (A wrong PIN is counted against the user: that one change is expected.) */
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale"), ==, 0);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM journal WHERE type = 'sale'"), ==, 0);

  /* A second shift on the same till. */
  r = RUN ("shift", "open", "--as", "Budi", "--pin", "2222", "--float", "0");
  lapak_test_assert_refused (r, "second shift", NULL);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("shift", "open", "--as", "Budi", "--pin", "2222", "--float", "-5");
  lapak_test_assert_refused (r, "negative float", NULL);
}

static void
test_void_refund (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *lapis5 = code_qty (P_LAPIS, 5);
  g_autofree char *lapis2 = code_qty (P_LAPIS, 2);
  g_autofree char *lapis4 = code_qty (P_LAPIS, 4);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *o;

  shift_open ("Sari", "1111", "100000");
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", lapis5, code (P_KOPI), "--pay", "cash:100000");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", code (P_BATIK), "--pay", "qris");
  g_clear_pointer (&r, lapak_run_free);

  /* Refusals change nothing. */
  before = digest (f);
  r = RUN ("void", "K1-000002", "--reason", "salah", "--as", "Sari", "--pin", "1111",
           "--approver", "Budi", "--approver-pin", "2222");
  lapak_test_assert_refused (r, "cashier approves", "Budi");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("void", "K1-000002", "--reason", "salah", "--as", "Sari", "--pin", "1111",
           "--approver", "Dewi", "--approver-pin", "0000");
  lapak_test_assert_status (r, 1, "wrong approver PIN");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("void", "K1-000009", "--reason", "salah", "--as", "Sari", "--pin", "1111",
           "--approver", "Dewi", "--approver-pin", "3333");
  lapak_test_assert_refused (r, "no such sale", "K1-000009");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("refund", "K1-000001", lapis5, code (P_LAPIS), "--reason", "basi", "--pay", "cash",
           "--as", "Sari", "--pin", "1111", "--approver", "Dewi", "--approver-pin", "3333");
  lapak_test_assert_refused (r, "refund too many", code (P_LAPIS));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("refund", "K1-000001", code (P_BATIK), "--reason", "basi", "--pay", "cash",
           "--as", "Sari", "--pin", "1111", "--approver", "Dewi", "--approver-pin", "3333");
  lapak_test_assert_refused (r, "refund not sold", code (P_BATIK));
  g_clear_pointer (&r, lapak_run_free);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale_void"), ==, 0);
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM refund"), ==, 0);

  /* The void, with its own number. */
  r = RUN_OK ("void", "k1-000002", "--reason", "salah input", "--as", "Sari", "--pin", "1111",
              "--approver", "Dewi", "--approver-pin", "3333", "--json");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "void"), ==, "K1-V000001");
  g_assert_cmpstr (json_object_get_string_member (o, "sale"), ==, "K1-000002");
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("void", "K1-000002", "--reason", "lagi", "--as", "Sari", "--pin", "1111",
           "--approver", "Dewi", "--approver-pin", "3333");
  lapak_test_assert_refused (r, "void twice", "K1-000002");
  g_clear_pointer (&r, lapak_run_free);

  /* Two refunds of one sale, each with its own number, never more than sold. */
  r = RUN_OK ("refund", "K1-000001", lapis2, "--reason", "basi", "--pay", "cash",
              "--as", "Sari", "--pin", "1111", "--approver", "Dewi", "--json", "--approver-pin", "3333");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "refund"), ==, "K1-R000001");
  g_assert_cmpstr (json_object_get_string_member (o, "sale"), ==, "K1-000001");
  g_assert_cmpint (lapak_test_member_int (o, "amount"), ==, 25000);
  g_assert_cmpstr (json_object_get_string_member (o, "method"), ==, "cash");
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  g_free (before);
  before = digest (f);
  r = RUN ("refund", "K1-000001", lapis4, "--reason", "basi", "--pay", "qris",
           "--as", "Sari", "--pin", "1111", "--approver", "Dewi", "--approver-pin", "3333");
  lapak_test_assert_refused (r, "refund beyond what is left", code (P_LAPIS));
  g_clear_pointer (&r, lapak_run_free);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  r = RUN_OK ("refund", "K1-000001", code (P_LAPIS), code (P_KOPI), "--reason", "basi", "--pay", "qris",
              "--as", "Sari", "--pin", "1111", "--approver", "Dewi", "--approver-pin", "3333", "--json");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "refund"), ==, "K1-R000002");
  g_assert_cmpint (lapak_test_member_int (o, "amount"), ==, 12500 + 7000);
  g_assert_cmpstr (json_object_get_string_member (o, "method"), ==, "qris");
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  /* The shift: float + 69.500 cash − 25.000 cash refunded. */
  r = RUN_OK ("shift", "report", "--as", "Dewi", "--pin", "3333", "--json");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  g_assert_cmpint (lapak_test_member_int (o, "expected_cash"), ==, 100000 + 69500 - 25000);
  g_assert_cmpint (lapak_test_member_int (o, "sales"), ==, 1);
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, 69500);
  g_assert_cmpint (lapak_test_member_int (o, "voids"), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("journal", "verify");
  g_assert_true (g_str_has_prefix (r->out, "ok "));
}

static void
test_shift_close (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *z_members[] = { "shift", "expected_cash", "counted", "difference", "sales", "total", NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *o;

  r = RUN ("shift", "close", "--as", "Sari", "--pin", "1111", "--counted", "0");
  lapak_test_assert_refused (r, "close without shift", NULL);
  g_clear_pointer (&r, lapak_run_free);

  shift_open ("Sari", "1111", "Rp150.000");
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", code (P_SELENDANG), "--pay", "cash:100.000");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", code (P_BATIK), "--pay", "card");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("cash", "in", "--as", "Sari", "--pin", "1111", "--amount", "50.000", "--reason", "uang kecil", "--json");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("cash", "out", "--as", "Sari", "--pin", "1111", "--amount", "120.000", "--reason", "setor bank");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("no-sale", "--as", "Sari", "--pin", "1111", "--reason", "tukar uang");
  lapak_test_assert_status (r, 2, "no-sale without approver");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("no-sale", "--as", "Sari", "--pin", "1111", "--reason", "tukar uang", "--approver", "Budi",
           "--approver-pin", "2222");
  lapak_test_assert_refused (r, "no-sale by a cashier", NULL);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("no-sale", "--as", "Sari", "--pin", "1111", "--reason", "tukar uang", "--approver", "Dewi",
              "--approver-pin", "3333");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("cash", "out", "--as", "Sari", "--pin", "1111", "--amount", "0", "--reason", "nol");
  lapak_test_assert_refused (r, "cash out 0", NULL);
  g_clear_pointer (&r, lapak_run_free);

  /* X report: changes nothing; a supervisor's, not the cashier's, who
   * counts the drawer blind. */
  before = digest (f);
  r = RUN ("shift", "report", "--as", "Sari", "--pin", "1111");
  lapak_test_assert_refused (r, "X report by the cashier", "blind");
  g_assert_null (strstr (r->out, "X report"));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("shift", "report", "--as", "Dewi", "--pin", "3333");
  g_assert_nonnull (strstr (r->out, "X report"));
  g_clear_pointer (&r, lapak_run_free);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  r = RUN_OK ("shift", "close", "--as", "Sari", "--pin", "1111", "--counted", "Rp179.000", "--json");
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  lapak_test_assert_members (o, z_members);
  g_assert_cmpint (lapak_test_member_int (o, "shift"), ==, 1);
  g_assert_cmpint (lapak_test_member_int (o, "expected_cash"), ==, 150000 + 99999 + 50000 - 120000);
  g_assert_cmpint (lapak_test_member_int (o, "counted"), ==, 179000);
  g_assert_cmpint (lapak_test_member_int (o, "difference"), ==, 179000 - 179999);
  g_assert_cmpint (lapak_test_member_int (o, "sales"), ==, 2);
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, 249999);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("sell", "--as", "Sari", "--pin", "1111", code (P_GULA), "--pay", "cash:2500");
  lapak_test_assert_refused (r, "sell after close", "shift");
  g_clear_pointer (&r, lapak_run_free);

  shift_open ("Budi", "2222", "0");
  r = RUN_OK ("shift", "close", "--as", "Budi", "--pin", "2222", "--counted", "0");
  g_assert_nonnull (strstr (r->out, "Z report 2"));
}

static void
test_sell_from (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *mistyped = g_strdup (code (P_KOPI));
  JsonArray *sales;

  mistyped[strlen (mistyped) - 1] = mistyped[strlen (mistyped) - 1] == '0' ? '1' : '0';
  shift_open ("Sari", "1111", "0");

  /* Lines 3 and 5 are bad: nothing is sold, both are named. */
  text = g_strdup_printf ("# paper sales during the power cut\n"
                          "%s --pay cash:20.000\n"
                          "%s --pay cash:20.000\n"
                          "\n"
                          "%s*2 --pay qris:1000\n"
                          "%s --pay qris\n",
                          code (P_LAPIS), mistyped, code (P_KOPI), code (P_GULA));
  bad = lapak_test_write_file (f->dir, "bad.txt", text);
  before = digest (f);
  r = RUN ("sell", "--as", "Sari", "--pin", "1111", "--from", bad);
  lapak_test_assert_status (r, 1, "bad file");
  g_assert_cmpstr (r->out, ==, "");
  {
    g_autofree char *line3 = g_strdup_printf ("%s:3: ", bad);
    g_autofree char *line5 = g_strdup_printf ("%s:5: ", bad);

    g_assert_nonnull (strstr (r->err, line3));
    g_assert_nonnull (strstr (r->err, line5));
    g_assert_null (strstr (r->err, ":2: "));
    g_assert_null (strstr (r->err, ":6: "));
  }
  g_clear_pointer (&r, lapak_run_free);
  after = digest (f);
  g_assert_cmpstr (before, ==, after);

  empty = lapak_test_write_file (f->dir, "empty.txt", "# nothing\n\n");
  r = RUN ("sell", "--as", "Sari", "--pin", "1111", "--from", empty);
  lapak_test_assert_refused (r, "empty file", "empty.txt");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("sell", "--as", "Sari", "--pin", "1111", "--from", "/nonexistent/sales.txt");
  lapak_test_assert_refused (r, "missing file", "/nonexistent/sales.txt");
  g_clear_pointer (&r, lapak_run_free);

  g_free (text);
  text = g_strdup_printf ("%s --pay cash:20.000\n"
                          "  %s   %s*2 --pay qris:1000 cash:Rp20.000  \n"
                          "%s --pay 'transfer:2.500'\n",
                          code (P_LAPIS), code (P_KOPI), code (P_GULA), code (P_GULA));
  good = lapak_test_write_file (f->dir, "good.txt", text);
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", "--from", good, "--json");
  root = lapak_test_parse_json (r->out);
  sales = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (sales), ==, 3);
  {
    const char *ids[] = { "K1-000001", "K1-000002", "K1-000003" };
    gint64 totals[] = { 12500, 12000, 2500 };
    gint64 change[] = { 7500, 9000, 0 };

    for (guint i = 0; i < 3; i++)
      {
        JsonObject *o = json_array_get_object_element (sales, i);

        g_assert_cmpstr (json_object_get_string_member (o, "sale"), ==, ids[i]);
        g_assert_cmpint (lapak_test_member_int (o, "total"), ==, totals[i]);
        g_assert_cmpint (lapak_test_member_int (o, "change"), ==, change[i]);
      }
  }
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale"), ==, 3);
}

static void
test_receipt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(LapakRun) hash = NULL;
  g_autofree char *out = g_build_filename (f->dir, "receipt.txt", NULL);
  g_autofree char *lapis3 = code_qty (P_LAPIS, 3);
  g_autoptr(JsonNode) root = NULL;
  const char *sale_hash;

  shift_open ("Sari", "1111", "0");
  hash = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", lapis3, code (P_LONG), code (P_KOPI),
                 "--pay", "qris:50.000", "cash:100.000", "--json");
  root = lapak_test_parse_json (hash->out);
  sale_hash = json_object_get_string_member (json_node_get_object (root), "hash");

  for (int width = 32; width <= 48; width += 16)
    {
      g_autofree char *w = g_strdup_printf ("%d", width);
      g_autoptr(LapakRun) t = RUN_OK ("receipt", "K1-000001", "--format", "text", "--width", w);
      g_auto(GStrv) lines = g_strsplit (t->out, "\n", -1);
      g_autoptr(GString) printed_hash = g_string_new (NULL);

      g_assert_true (g_utf8_validate (t->out, -1, NULL));
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_utf8_strlen (lines[i], -1) > width)
            g_error ("receipt line longer than %d: “%s”", width, lines[i]);
          if (strlen (lines[i]) > 0 && strspn (lines[i], "0123456789abcdef") == strlen (lines[i]))
            g_string_append (printed_hash, lines[i]);
        }
      g_assert_nonnull (strstr (t->out, "Pameran UMKM Jakarta 2026"));
      g_assert_nonnull (strstr (t->out, "K1-000001"));
      g_assert_nonnull (strstr (t->out, "Sari"));
      g_assert_nonnull (strstr (t->out, "Lapis Legit Bu Tini"));
      g_assert_nonnull (strstr (t->out, "Kopi Pak Harun"));
      if (width == 32)
        g_assert_nonnull (strstr (t->out, "…"));
      g_assert_cmpstr (printed_hash->str, ==, sale_hash);
    }

  r = RUN_OK ("receipt", "K1-000001", "--out", out);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("receipt", "K1-000002");
  lapak_test_assert_refused (r, "receipt of no sale", "K1-000002");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("receipt", "K1-000001", "--width", "40");
  lapak_test_assert_status (r, 2, "width 40");
}

static void
test_qris (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *bad_crc = g_strdup (DYNAMIC_1000);

  r = RUN_OK ("qris", "dynamic", "--amount", "1000", "--static", STATIC_QRIS);
  g_assert_cmpstr (r->out, ==, DYNAMIC_1000 "\n");
  g_clear_pointer (&r, lapak_run_free);
  /* The active event's QRIS by default. */
  r = RUN_OK ("qris", "dynamic", "--amount", "Rp1.000", "--json");
  root = lapak_test_parse_json (r->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "payload"), ==, DYNAMIC_1000);
  g_assert_cmpint (lapak_test_member_int (json_node_get_object (root), "amount"), ==, 1000);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("qris", "dynamic", "--amount", "0");
  lapak_test_assert_refused (r, "amount 0", NULL);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("qris", "dynamic", "--amount", "12.5");
  lapak_test_assert_refused (r, "amount 12.5", NULL);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("qris", "dynamic");
  lapak_test_assert_status (r, 2, "no amount");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("qris", "check", DYNAMIC_1000);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("qris", "check", STATIC_QRIS);
  g_clear_pointer (&r, lapak_run_free);
  bad_crc[strlen (bad_crc) - 1] = 'E';
  r = RUN ("qris", "check", bad_crc);
  lapak_test_assert_refused (r, "bad CRC", "checksum");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("qris", "check", "hello");
  lapak_test_assert_refused (r, "not QRIS", NULL);
  g_clear_pointer (&r, lapak_run_free);

  /* An event without QRIS. */
  r = RUN_OK ("event", "create", "BAZAR-2", "--name", "Bazar Kecil", "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("qris", "dynamic", "--amount", "1000");
  lapak_test_assert_refused (r, "event without QRIS", "BAZAR-2");
}

static void
test_journal (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autofree char *path = g_build_filename (f->dir, "journal.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) rows = NULL;
  g_autofree char *head = NULL;
  gint64 n;

  shift_open ("Sari", "1111", "0");
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", code (P_GULA), "--pay", "cash:2500");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("journal", "verify");
  n = q_int (f, "SELECT count(*) FROM journal");
  g_assert_cmpint (n, ==, 2);
  head = g_strdup_printf ("ok %" G_GINT64_FORMAT " entries, head ", n);
  g_assert_true (g_str_has_prefix (r->out, head));
  g_assert_cmpuint (strlen (r->out), ==, strlen (head) + 64 + 1);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("journal", "export", path);
  g_clear_pointer (&r, lapak_run_free);
  g_file_get_contents (path, &contents, NULL, NULL);
  rows = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, (guint)n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) row = lapak_test_parse_json (rows[i]);
      JsonObject *o = json_node_get_object (row);

      g_assert_cmpstr (json_object_get_string_member (o, "till"), ==, "K1");
      g_assert_cmpint (lapak_test_member_int (o, "seq"), ==, i + 1);
      g_assert_cmpuint (strlen (json_object_get_string_member (o, "hash")), ==, 64);
    }
  g_assert_cmpstr (rows[n], ==, "");

  /* Edited behind the journal's back: exit 1 naming the entry. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE sale SET total = 1", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  r = RUN ("journal", "verify");
  lapak_test_assert_refused (r, "edited sale", "entry 2");
}

/* ---------- a scripted day of a bazaar ---------- */

typedef struct
{
  char    *id;
  guint    shift;
  gint64   total;
  gint64   cash;               /* cash kept */
  guint    n_lines;
  guint    product[3];
  gint64   left[3];
  gboolean voided;
  gboolean refunded;
} DaySale;

static void
day_sale_free (gpointer data)
{
  DaySale *s = data;

  g_free (s->id);
  g_free (s);
}

/* A random sale as the words of a line; fills @s with what it should be. */
static char *
random_sale_line (DaySale *s)
{
  g_autoptr(GString) line = g_string_new (NULL);
  guint first = (guint)g_test_rand_int_range (0, N_PRODUCTS);
  gint64 non_cash = 0;

  s->n_lines = (guint)g_test_rand_int_range (1, 4);
  for (guint i = 0; i < s->n_lines; i++)
    {
      guint p = (first + i * 2) % N_PRODUCTS;   /* distinct products */
      gint64 qty = g_test_rand_int_range (1, 4);

      s->product[i] = p;
      s->left[i] = qty;
      s->total += qty * products[p].price;
      if (qty == 1 && p == P_LAPIS && g_test_rand_bit ())
        g_string_append_printf (line, "%s ", EAN13);
      else if (qty == 1)
        g_string_append_printf (line, "%s ", products[p].code);
      else
        g_string_append_printf (line, "%s*%" G_GINT64_FORMAT " ", products[p].code, qty);
    }

  g_string_append (line, "--pay");
  switch (g_test_rand_int_range (0, 5))
    {
    case 0:   /* cash, rounded up to the next 50.000 note */
    case 1:
      {
        gint64 handed = (s->total / 50000 + 1) * 50000;
        g_autofree char *text = lapak_money_format_plain (handed, LAPAK_MONEY_STYLE_INDONESIAN);

        g_string_append_printf (line, " cash:%s", text);
        s->cash = s->total;
        break;
      }
    case 2:   /* QRIS */
      g_string_append (line, " qris");
      break;
    case 3:   /* part QRIS or e-wallet, the rest cash with change */
      non_cash = g_test_rand_int_range (1, (gint)s->total);
      g_string_append_printf (line, " %s:%" G_GINT64_FORMAT " cash:%" G_GINT64_FORMAT,
                              g_test_rand_bit () ? "qris" : "ewallet", non_cash,
                              s->total - non_cash + g_test_rand_int_range (0, 10) * 1000);
      s->cash = s->total - non_cash;
      break;
    default:  /* cash exactly, the rest by card or transfer */
      {
        gint64 cash = g_test_rand_int_range (1, (gint)s->total);

        g_string_append_printf (line, " cash:%" G_GINT64_FORMAT " %s", cash,
                                g_test_rand_bit () ? "card" : "transfer");
        s->cash = cash;
        break;
      }
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
day_sell_file (Fixture    *f,
               GPtrArray  *sales,
               guint       shift,
               guint       count,
               const char *cashier,
               const char *pin)
{
  g_autoptr(GString) text = g_string_new ("# the day's sales, batch\n");
  g_autofree char *name = g_strdup_printf ("shift%u.txt", shift);
  g_autofree char *path = NULL;
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  JsonArray *out;

  for (guint i = 0; i < count; i++)
    {
      DaySale *s = g_new0 (DaySale, 1);
      g_autofree char *line = random_sale_line (s);

      s->shift = shift;
      g_string_append_printf (text, "%s\n", line);
      g_ptr_array_add (batch, s);
      g_ptr_array_add (sales, s);
    }
  path = lapak_test_write_file (f->dir, name, text->str);
  r = RUN_OK ("sell", "--as", cashier, "--pin", pin, "--from", path, "--json");
  root = lapak_test_parse_json (r->out);
  out = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (out), ==, count);
  for (guint i = 0; i < count; i++)
    {
      JsonObject *o = json_array_get_object_element (out, i);
      DaySale *s = g_ptr_array_index (batch, i);
      JsonArray *pays = json_object_get_array_member (o, "payments");
      gint64 cash = 0;
      gint64 kept = 0;

      s->id = g_strdup (json_object_get_string_member (o, "sale"));
      g_assert_cmpint (lapak_test_member_int (o, "total"), ==, s->total);
      for (guint k = 0; k < json_array_get_length (pays); k++)
        {
          JsonObject *p = json_array_get_object_element (pays, k);

          kept += lapak_test_member_int (p, "amount");
          if (g_str_equal (json_object_get_string_member (p, "method"), "cash"))
            cash += lapak_test_member_int (p, "amount");
        }
      g_assert_cmpint (kept, ==, s->total);
      g_assert_cmpint (cash, ==, s->cash);
      g_assert_cmpint (lapak_test_member_int (o, "paid") - lapak_test_member_int (o, "change"), ==, s->total);
    }
}

static void
day_sell_one (Fixture    *f,
              GPtrArray  *sales,
              guint       shift,
              const char *cashier,
              const char *pin)
{
  DaySale *s = g_new0 (DaySale, 1);
  g_autofree char *line = random_sale_line (s);
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  s->shift = shift;
  g_ptr_array_add (sales, s);
  g_ptr_array_add (argv, "sell");
  g_ptr_array_add (argv, "--as");
  g_ptr_array_add (argv, (gpointer)cashier);
  g_ptr_array_add (argv, "--pin");
  g_ptr_array_add (argv, (gpointer)pin);
  g_ptr_array_add (argv, "--json");
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, words[i]);
  g_ptr_array_add (argv, NULL);
  r = run_ok ((const char * const *)argv->pdata);
  root = lapak_test_parse_json (r->out);
  o = json_node_get_object (root);
  s->id = g_strdup (json_object_get_string_member (o, "sale"));
  g_assert_cmpint (lapak_test_member_int (o, "total"), ==, s->total);
}

static DaySale *
pick (GPtrArray *sales,
      guint      shift,
      gboolean   for_void)
{
  for (guint tries = 0; tries < 1000; tries++)
    {
      DaySale *s = g_ptr_array_index (sales, g_test_rand_int_range (0, (gint)sales->len));

      if (s->voided || (for_void && (s->refunded || s->shift != shift)))
        continue;
      if (!for_void)
        {
          gint64 left = 0;

          for (guint i = 0; i < s->n_lines; i++)
            left += s->left[i];
          if (left == 0)
            continue;
        }
      return s;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_bazaar_day (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (day_sale_free);
  const char *cashiers[2][2] = { { "Sari", "1111" }, { "Budi", "2222" } };
  const char *floats[2] = { "Rp300.000", "250000" };
  gint64 float_amounts[2] = { 300000, 250000 };
  guint per_file = g_test_slow () ? 1000 : 145;
  gint64 journal_entries = 0;

  for (guint shift = 0; shift < 2; shift++)
    {
      const char *who = cashiers[shift][0];
      const char *pin = cashiers[shift][1];
      gint64 expected = float_amounts[shift];
      gint64 n_sales = 0;
      gint64 total = 0;
      g_autoptr(LapakRun) r = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *z;
      gint64 counted;
      g_autofree char *counted_text = NULL;

      shift_open (who, pin, floats[shift]);
      journal_entries++;
      day_sell_file (f, sales, shift, per_file, who, pin);
      for (guint i = 0; i < 5; i++)
        day_sell_one (f, sales, shift, who, pin);

      /* Voids of this shift's sales. */
      for (guint i = 0; i < 3; i++)
        {
          DaySale *s = pick (sales, shift, TRUE);

          r = RUN_OK ("void", s->id, "--reason", "salah input", "--as", who, "--pin", pin,
                      "--approver", "Dewi", "--approver-pin", "3333");
          g_clear_pointer (&r, lapak_run_free);
          s->voided = TRUE;
        }

      /* Before the refunds: cash out only of what is in the drawer, and the
       * float and cash in alone cover it. */
      r = RUN_OK ("cash", "in", "--as", who, "--pin", pin, "--amount", "100.000", "--reason", "uang kecil");
      g_clear_pointer (&r, lapak_run_free);
      r = RUN_OK ("cash", "out", "--as", who, "--pin", pin, "--amount", "Rp 200.000", "--reason", "setor");
      g_clear_pointer (&r, lapak_run_free);
      r = RUN_OK ("no-sale", "--as", who, "--pin", pin, "--reason", "tukar", "--approver", "Dewi",
                  "--approver-pin", "3333");
      g_clear_pointer (&r, lapak_run_free);
      expected += 100000 - 200000;

      /* Refunds, of this or the earlier shift, by cash or QRIS. */
      for (guint i = 0; i < 4; i++)
        {
          DaySale *s = pick (sales, shift, FALSE);
          guint line = 0;
          g_autofree char *item = NULL;
          gboolean cash = i % 2 == 0;
          gint64 qty;

          while (s->left[line] == 0)
            line++;
          qty = g_test_rand_int_range (1, (gint)s->left[line] + 1);
          item = code_qty (s->product[line], qty);
          r = RUN_OK ("refund", s->id, item, "--reason", "rusak", "--pay", cash ? "cash" : "qris",
                      "--as", who, "--pin", pin, "--approver", "Dewi", "--approver-pin", "3333", "--json");
          root = lapak_test_parse_json (r->out);
          g_assert_cmpint (lapak_test_member_int (json_node_get_object (root), "amount"), ==,
                           qty * products[s->product[line]].price);
          g_clear_pointer (&root, json_node_unref);
          g_clear_pointer (&r, lapak_run_free);
          s->left[line] -= qty;
          s->refunded = TRUE;
          if (cash)
            expected -= qty * products[s->product[line]].price;
        }


      for (guint i = 0; i < sales->len; i++)
        {
          DaySale *s = g_ptr_array_index (sales, i);

          if (s->shift == shift && !s->voided)
            {
              expected += s->cash;
              n_sales++;
              total += s->total;
            }
        }

      /* Z report with a blind count 1.500 short. */
      counted = expected - 1500;
      counted_text = g_strdup_printf ("%" G_GINT64_FORMAT, counted);
      r = RUN_OK ("shift", "close", "--as", who, "--pin", pin, "--counted", counted_text, "--json");
      root = lapak_test_parse_json (r->out);
      z = json_node_get_object (root);
      g_assert_cmpint (lapak_test_member_int (z, "shift"), ==, shift + 1);
      g_assert_cmpint (lapak_test_member_int (z, "expected_cash"), ==, expected);
      g_assert_cmpint (lapak_test_member_int (z, "counted"), ==, counted);
      g_assert_cmpint (lapak_test_member_int (z, "difference"), ==, -1500);
      g_assert_cmpint (lapak_test_member_int (z, "sales"), ==, n_sales);
      g_assert_cmpint (lapak_test_member_int (z, "total"), ==, total);
      journal_entries += per_file + 5 + 3 + 4 + 3 + 1;
    }

  {
    g_autoptr(LapakRun) r = RUN_OK ("journal", "verify");
    g_autofree char *prefix = g_strdup_printf ("ok %" G_GINT64_FORMAT " entries, head ", journal_entries);

    g_assert_true (g_str_has_prefix (r->out, prefix));
  }
  g_assert_cmpint (q_int (f, "SELECT count(*) FROM sale"), ==, sales->len);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  template_create ();

  ADD ("/cli-sell/usage", test_usage);
  ADD ("/cli-sell/sell-json", test_sell_json);
  ADD ("/cli-sell/refusals", test_sell_refusals);
  ADD ("/cli-sell/void-refund", test_void_refund);
  ADD ("/cli-sell/shift-close", test_shift_close);
  ADD ("/cli-sell/sell-from", test_sell_from);
  ADD ("/cli-sell/receipt", test_receipt);
  ADD ("/cli-sell/qris", test_qris);
  ADD ("/cli-sell/journal", test_journal);
  ADD ("/cli-sell/bazaar-day", test_bazaar_day);

  rc = g_test_run ();
  template_free ();
  return rc;
}
