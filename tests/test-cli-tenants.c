/* test-cli-tenants.c — lapakctl's curation, tenant views and spreadsheet
 * commands end to end: product approve/deactivate/set/list --pending,
 * sales, tenant/product import --dry-run, tenant/product/sales export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lapak-test-cli.h"
#include "lapak-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

#define ORG "--as", "Ketua", "--pin", "1234"
#define LINA "--as", "Lina", "--pin", "5555"
#define RUN(f, ...) lapak_test_run (NULL, (const char *[]) { __VA_ARGS__, "--db", (f)->db, NULL })
#define RUN_OK(f, ...) lapak_test_run_ok (NULL, (const char *[]) { __VA_ARGS__, "--db", (f)->db, NULL })

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *tenants = NULL;

  f->dir = lapak_test_make_dir ();
  f->db = g_build_filename (f->dir, "k1.db", NULL);
  tenants = lapak_test_write_file (f->dir, "penyewa.csv",
                                   "\xEF\xBB\xBF" "Kode;Nama;Komisi;Sewa_Stand;Telepon;Rekening\r\n"
                                   "KLL;Keripik Lele Bu Sri;15%;;0812-3456-789;BRI 1\r\n"
                                   "BTK;Batik Sleman;10;Rp100.000;;\r\n");

  lapak_run_free (RUN_OK (f, "init", "--till", "K1", "--organiser", "Ketua", "--pin", "1234"));
  lapak_run_free (RUN_OK (f, "event", "create", "EXPO", "--name", "Expo UMKM", "--commission", "12,5",
                          "--booth-fee", "250.000", ORG));
  lapak_run_free (RUN_OK (f, "tenant", "import", tenants, ORG));
  lapak_run_free (RUN_OK (f, "user", "add", "Lina", "--role", "tenant", "--tenant", "KLL", "--pin", "5555",
                          "--as", "Ketua", "--as-pin", "1234"));
  lapak_run_free (RUN_OK (f, "user", "add", "Sari", "--role", "cashier", "--pin", "1111",
                          "--as", "Ketua", "--as-pin", "1234"));
  lapak_run_free (RUN_OK (f, "shift", "open", "--as", "Sari", "--pin", "1111", "--float", "100000"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
add (Fixture    *f,
     const char *tenant,
     const char *name,
     const char *price,
     gboolean    as_tenant)
{
  g_autoptr(LapakRun) r = as_tenant
    ? RUN_OK (f, "product", "add", "--tenant", tenant, "--name", name, "--price", price, "--stock", "10", LINA)
    : RUN_OK (f, "product", "add", "--tenant", tenant, "--name", name, "--price", price, "--stock", "10", ORG);

  return g_strdup (g_strchomp (r->out));
}

static void
test_approve_flow (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pending = add (f, "KLL", "Keripik Bayam", "9.000", TRUE);
  g_autofree char *active = add (f, "BTK", "Kain Batik", "150.000", FALSE);
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* pending: listed as such, refused at the till */
  r = RUN_OK (f, "product", "list", "--pending");
  g_assert_nonnull (strstr (r->out, pending));
  g_assert_nonnull (strstr (r->out, "waiting for approval"));
  g_assert_null (strstr (r->out, active));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "sell", "--as", "Sari", "--pin", "1111", pending, "--pay", "cash:10000");
  lapak_test_assert_refused (r, "sell a pending product", "waiting for the organiser's approval");
  g_clear_pointer (&r, lapak_run_free);

  /* the tenant may not approve its own product; nothing changes */
  before = lapak_test_db_digest (f->db);
  r = RUN (f, "product", "approve", pending, LINA);
  lapak_test_assert_refused (r, "tenant approves", "Lina");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "product", "approve", pending, "KLL-999X", ORG);
  lapak_test_assert_refused (r, "approve an unknown code", "KLL-999X");
  g_clear_pointer (&r, lapak_run_free);
  after = lapak_test_db_digest (f->db);
  g_assert_cmpstr (before, ==, after);
  r = RUN (f, "product", "approve", ORG);
  lapak_test_assert_status (r, 2, "approve without a code");
  g_clear_pointer (&r, lapak_run_free);

  /* approved (lower case as typed by hand): sold */
  {
    g_autofree char *lower = g_ascii_strdown (pending, -1);

    r = RUN_OK (f, "product", "approve", lower, ORG, "--json");
  }
  json = lapak_test_parse_json (r->out);
  g_assert_cmpint (lapak_test_member_int (json_node_get_object (json), "approved"), ==, 1);
  g_clear_pointer (&r, lapak_run_free);
  lapak_run_free (RUN_OK (f, "sell", "--as", "Sari", "--pin", "1111", pending, "--pay", "cash:10000"));
  r = RUN_OK (f, "product", "list", "--pending");
  g_assert_null (strstr (r->out, pending));
  g_clear_pointer (&r, lapak_run_free);

  /* deactivated: refused with its own message; approve brings it back */
  r = RUN_OK (f, "product", "deactivate", pending, ORG);
  g_assert_nonnull (strstr (r->out, "no longer sold"));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "sell", "--as", "Sari", "--pin", "1111", pending, "--pay", "cash:10000");
  lapak_test_assert_refused (r, "sell a deactivated product", "is no longer sold");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK (f, "product", "list", "--json");
  g_assert_nonnull (strstr (r->out, "\"status\" : \"inactive\""));
  g_clear_pointer (&r, lapak_run_free);
  lapak_run_free (RUN_OK (f, "product", "approve", pending, ORG));
  lapak_run_free (RUN_OK (f, "sell", "--as", "Sari", "--pin", "1111", pending, "--pay", "cash:10000"));
}

static void
test_set_price (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *code = add (f, "KLL", "Keripik Lele", "15.000", FALSE);
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(LapakRun) receipt_before = NULL;
  g_autoptr(LapakRun) receipt_after = NULL;
  g_autoptr(JsonNode) json = NULL;

  lapak_run_free (RUN_OK (f, "sell", "--as", "Sari", "--pin", "1111", code, "--pay", "qris"));
  receipt_before = RUN_OK (f, "receipt", "K1-000001");

  r = RUN (f, "product", "set", code, "--price", "17.500", LINA);
  lapak_test_assert_refused (r, "tenant sets a price", "Lina");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "product", "set", code, "--price", "12,5", ORG);
  lapak_test_assert_refused (r, "a bad amount", "12,5");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "product", "set", code, ORG);
  lapak_test_assert_status (r, 2, "no --price");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK (f, "product", "set", code, "--price", "Rp17.500", ORG, "--json");
  json = lapak_test_parse_json (r->out);
  g_assert_cmpint (lapak_test_member_int (json_node_get_object (json), "price"), ==, 17500);
  g_clear_pointer (&r, lapak_run_free);

  /* the past sale's receipt is byte for byte what it was */
  receipt_after = RUN_OK (f, "receipt", "K1-000001");
  g_assert_cmpstr (receipt_after->out, ==, receipt_before->out);
  g_assert_true (g_regex_match_simple ("TOTAL +Rp 15,000", receipt_after->out, 0, 0));

  r = RUN_OK (f, "sell", "--as", "Sari", "--pin", "1111", code, "--pay", "qris", "--json");
  g_clear_pointer (&json, json_node_unref);
  json = lapak_test_parse_json (r->out);
  g_assert_cmpint (lapak_test_member_int (json_node_get_object (json), "total"), ==, 17500);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK (f, "sales", ORG, "--json");
  g_assert_true (g_regex_match_simple ("\"unit_price\" : 15000.*\"unit_price\" : 17500", r->out,
                                       G_REGEX_DOTALL, 0));
  g_clear_pointer (&r, lapak_run_free);
  lapak_run_free (RUN_OK (f, "journal", "verify"));
}

static void
test_tenant_views (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *mine = add (f, "KLL", "Keripik Lele", "15.000", FALSE);
  g_autofree char *theirs = add (f, "BTK", "Kain Batik", "150.000", FALSE);
  g_autoptr(LapakRun) r = NULL;

  lapak_run_free (RUN_OK (f, "sell", "--as", "Sari", "--pin", "1111", mine, theirs, "--pay", "qris"));

  r = RUN_OK (f, "product", "list", LINA);
  g_assert_nonnull (strstr (r->out, mine));
  g_assert_null (strstr (r->out, theirs));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "product", "list", "--tenant", "BTK", LINA);
  lapak_test_assert_refused (r, "another tenant's products", "may see only tenant KLL's");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK (f, "sales", LINA);
  g_assert_nonnull (strstr (r->out, mine));
  g_assert_null (strstr (r->out, theirs));
  g_assert_null (strstr (r->out, "Batik"));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "sales", "--tenant", "BTK", LINA);
  lapak_test_assert_refused (r, "another tenant's sales", "may see only tenant KLL's");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "sales");
  lapak_test_assert_status (r, 2, "sales without --as");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK (f, "sales", "export", LINA);
  g_assert_true (g_str_has_prefix (r->out, "sale,time,event,cashier,line,code,tenant,name,qty"));
  g_assert_nonnull (strstr (r->out, mine));
  g_assert_null (strstr (r->out, theirs));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK (f, "product", "export", LINA);
  g_assert_null (strstr (r->out, theirs));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN (f, "tenant", "export", LINA);
  lapak_test_assert_refused (r, "a tenant exports the tenants", "Lina");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK (f, "sales", ORG);
  g_assert_nonnull (strstr (r->out, mine));
  g_assert_nonnull (strstr (r->out, theirs));
}

static void
test_import_dry_run (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *good = lapak_test_write_file (f->dir, "baik.csv",
                                                 "PENYEWA;Nama;HARGA;Stok\nKLL;Keripik;15.000;10\nBTK;Kain;150000;\n");
  g_autofree char *bad = lapak_test_write_file (f->dir, "buruk.csv",
                                                "penyewa,nama,harga\nKLL,Keripik,15000\nXYZ,Tanpa,1000\nKLL,Mahal,12.5\n");
  g_autofree char *broken = lapak_test_write_file (f->dir, "rusak.csv",
                                                   "penyewa,nama,harga\nKLL,\"Keripik,15000\n");
  g_autofree char *before = lapak_test_db_digest (f->db);
  g_autofree char *after = NULL;
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *o;
  JsonArray *rows;

  r = RUN_OK (f, "product", "import", good, "--dry-run", ORG);
  g_assert_nonnull (strstr (r->out, "baik.csv:2: ok  KLL-"));
  g_assert_nonnull (strstr (r->out, "All 2 rows can be imported. Nothing was saved"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN (f, "product", "import", bad, "--dry-run", ORG, "--json");
  lapak_test_assert_status (r, 1, "dry run with bad rows");
  g_assert_nonnull (strstr (r->err, "2 rows of"));
  json = lapak_test_parse_json (r->out);
  o = json_node_get_object (json);
  g_assert_cmpint (lapak_test_member_int (o, "ok"), ==, 1);
  g_assert_cmpint (lapak_test_member_int (o, "errors"), ==, 2);
  rows = json_object_get_array_member (o, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "status"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "line"), ==, 3);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (rows, 1), "message"),
                            "buruk.csv:3: There is no tenant with code XYZ"));
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (rows, 2), "message"),
                            "buruk.csv:4:"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN (f, "product", "import", broken, "--dry-run", ORG);
  lapak_test_assert_refused (r, "a malformed file", "rusak.csv:2:");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN (f, "tenant", "import", good, "--dry-run", ORG);
  lapak_test_assert_refused (r, "a products file as tenants", "baik.csv:1:");
  g_clear_pointer (&r, lapak_run_free);

  after = lapak_test_db_digest (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* export → import into a fresh till → export: the same files, for the
 * plain and the Excel style; the Excel files start with a BOM and use ";". */
static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  const char *styles[] = { NULL, "--excel" };
  g_autofree char *pending = add (f, "KLL", "Keripik \"Pedas\"; level 5", "9.000", TRUE);
  g_autofree char *other = add (f, "BTK", "Kain, Batik", "150.000", FALSE);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autofree char *t1 = g_build_filename (f->dir, s ? "t1x.csv" : "t1.csv", NULL);
      g_autofree char *p1 = g_build_filename (f->dir, s ? "p1x.csv" : "p1.csv", NULL);
      g_autofree char *t2 = g_build_filename (f->dir, s ? "t2x.csv" : "t2.csv", NULL);
      g_autofree char *p2 = g_build_filename (f->dir, s ? "p2x.csv" : "p2.csv", NULL);
      g_autofree char *db2 = g_build_filename (f->dir, s ? "k2x.db" : "k2.db", NULL);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gsize la, lb;
      const char *extra = styles[s] ? styles[s] : "--json";   /* --json changes nothing here */
      g_autoptr(LapakRun) r = NULL;

      lapak_run_free (RUN_OK (f, "tenant", "export", t1, extra, ORG));
      lapak_run_free (RUN_OK (f, "product", "export", p1, extra, ORG));
      g_assert_true (g_file_get_contents (t1, &a, &la, NULL));
      if (styles[s])
        g_assert_true (g_str_has_prefix (a, "\xEF\xBB\xBF" "code;name;commission;booth_fee;phone;bank_account\r\n"));
      else
        g_assert_true (g_str_has_prefix (a, "code,name,commission,booth_fee,phone,bank_account\r\n"));
      g_clear_pointer (&a, g_free);

      lapak_run_free (lapak_test_run_ok (NULL, (const char *[]) { "init", "--db", db2, "--till", "K2",
                                                                   "--organiser", "Ketua", "--pin", "1234", NULL }));
      lapak_run_free (lapak_test_run_ok (NULL, (const char *[]) { "event", "create", "EXPO", "--name", "Expo UMKM",
                                                                   "--commission", "12,5", "--booth-fee", "250.000",
                                                                   "--db", db2, ORG, NULL }));
      lapak_run_free (lapak_test_run_ok (NULL, (const char *[]) { "tenant", "import", t1, "--db", db2, ORG, NULL }));
      lapak_run_free (lapak_test_run_ok (NULL, (const char *[]) { "product", "import", p1, "--db", db2, ORG, NULL }));
      lapak_run_free (lapak_test_run_ok (NULL, (const char *[]) { "tenant", "export", t2, extra, "--db", db2, ORG, NULL }));
      lapak_run_free (lapak_test_run_ok (NULL, (const char *[]) { "product", "export", p2, extra, "--db", db2, ORG, NULL }));

      g_assert_true (g_file_get_contents (t1, &a, &la, NULL));
      g_assert_true (g_file_get_contents (t2, &b, &lb, NULL));
      g_assert_cmpmem (a, la, b, lb);
      g_clear_pointer (&a, g_free);
      g_clear_pointer (&b, g_free);
      g_assert_true (g_file_get_contents (p1, &a, &la, NULL));
      g_assert_true (g_file_get_contents (p2, &b, &lb, NULL));
      g_assert_cmpmem (a, la, b, lb);
      g_assert_nonnull (strstr (a, pending));
      g_assert_nonnull (strstr (a, other));

      /* the pending product is still pending on the new till */
      r = lapak_test_run_ok (NULL, (const char *[]) { "product", "list", "--pending", "--db", db2, NULL });
      g_assert_nonnull (strstr (r->out, pending));
      g_assert_null (strstr (r->out, other));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-tenants/approve", test_approve_flow);
  ADD ("/cli-tenants/set-price", test_set_price);
  ADD ("/cli-tenants/tenant-views", test_tenant_views);
  ADD ("/cli-tenants/import-dry-run", test_import_dry_run);
  ADD ("/cli-tenants/export-round-trip", test_export_round_trip);
#undef ADD

  return g_test_run ();
}
