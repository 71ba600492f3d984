/* test-cli-settle.c — lapakctl settle, charge and payout end to end (CLI.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small event made with lapakctl itself; the settlement's JSON is checked
 * field by field against numbers worked out by hand (the comments below),
 * then closed, refused a second time, paid out, and the journal verified.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lapak-test-cli.h"
#include "lapak-test-util.h"

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

/* ---------- the event ---------- */

static char *dir;

static char *
code_of (const char *sku)
{
  g_autoptr(LapakRun) r = RUN_OK ("product", "list", "--json");
  g_autoptr(JsonNode) list = lapak_test_parse_json (r->out);
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *p = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (p, "sku"), sku) == 0)
        return g_strdup (json_object_get_string_member (p, "code"));
    }
  g_error ("no product with SKU %s", sku);
  return NULL;
}

/* KLL 12,5 %, BTK 33,33 %, KPI 0 % with a booth fee of 50.000.
 *   K1-000001 cash 10.000: LPS 2 × 20 + BTM 1 × 5.000 = 5.040 (change 4.960)
 *   K1-000002 QRIS: BTM 3 × 5.000 = 15.000
 *   K1-000003 transfer: GAY 1 × 7.000, voided
 *   refunds by cash: LPS 1 of K1-000001 (20), BTM 1 of K1-000002 (5.000)
 *   a charge of 2.500 on KPI
 * KLL: units 1, net 40 − 20 = 20, commission 2,5 → 3, payout 17
 * BTK: units 3, net 20.000 − 5.000 = 15.000, commission 4.999,5 → 5.000, payout 10.000
 * KPI: units 0, net 0, charges 52.500, payout −52.500
 * payments: cash 5.040 − 20 − 5.000 = 20, QRIS 15.000, the rest 0. */
static void
make_event (void)
{
  g_autofree char *tenants = NULL;
  g_autofree char *prods = NULL;
  g_autofree char *lps = NULL;
  g_autofree char *btm = NULL;
  g_autofree char *gay = NULL;
  g_autofree char *lps2 = NULL;
  g_autofree char *btm3 = NULL;
  g_autoptr(LapakRun) r = NULL;

  tenants = lapak_test_write_file (dir, "tenants.csv",
                                   "code,name,commission,booth_fee,phone,bank_account\n"
                                   "KLL,Lapis Legit Bu Tini,\"12,5\",0,,\n"
                                   "BTK,Batik Ibu Sri,33.33,0,,\n"
                                   "KPI,Kopi Pak Harun,0,50.000,,\n");
  prods = lapak_test_write_file (dir, "products.csv",
                                 "tenant,sku,name,price,stock,barcode\n"
                                 "KLL,LPS,Kue Lapis,20,100,\n"
                                 "BTK,BTM,Batik Madura,5000,100,\n"
                                 "KPI,GAY,Kopi Gayo,7000,100,\n");
  r = RUN_OK ("init", "--till", "K1", "--organiser", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("event", "create", "BZR-1", "--name", "Bazar Rekap", "--commission", "15", "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("tenant", "import", tenants, "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("product", "import", prods, "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("user", "add", "Sari", "--role", "cashier", "--pin", "1111", "--as", "Ketua", "--as-pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("shift", "open", "--as", "Ketua", "--pin", "1234", "--float", "100.000");
  g_clear_pointer (&r, lapak_run_free);

  lps = code_of ("LPS");
  btm = code_of ("BTM");
  gay = code_of ("GAY");
  lps2 = g_strdup_printf ("%s*2", lps);
  btm3 = g_strdup_printf ("%s*3", btm);
  r = RUN_OK ("sell", "--as", "Ketua", "--pin", "1234", lps2, btm, "--pay", "cash:10.000");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("sell", "--as", "Ketua", "--pin", "1234", btm3, "--pay", "qris");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("sell", "--as", "Ketua", "--pin", "1234", gay, "--pay", "transfer");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("void", "K1-000003", "--reason", "salah", "--as", "Ketua", "--pin", "1234",
              "--approver", "Ketua", "--approver-pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("refund", "K1-000001", lps, "--reason", "rusak", "--pay", "cash", "--as", "Ketua", "--pin", "1234",
              "--approver", "Ketua", "--approver-pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("refund", "K1-000002", btm, "--reason", "rusak", "--pay", "cash", "--as", "Ketua", "--pin", "1234",
              "--approver", "Ketua", "--approver-pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("charge", "KPI", "--amount", "2.500", "--reason", "Biaya label", "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);
}

static void
assert_tenant (JsonArray  *tenants,
               guint       i,
               const char *code,
               gint64      units,
               gint64      sales,
               gint64      refunds,
               gint64      bp,
               gint64      commission,
               gint64      charges,
               gint64      payout)
{
  JsonObject *t = json_array_get_object_element (tenants, i);
  static const char * const names[] = { "code", "name", "units", "sales", "refunds", "net_sales",
                                        "commission_bp", "commission", "charges", "payout", NULL };

  lapak_test_assert_members (t, names);
  g_assert_cmpuint (json_object_get_size (t), ==, g_strv_length ((char **) names));
  g_assert_cmpstr (json_object_get_string_member (t, "code"), ==, code);
  g_assert_cmpint (lapak_test_member_int (t, "units"), ==, units);
  g_assert_cmpint (lapak_test_member_int (t, "sales"), ==, sales);
  g_assert_cmpint (lapak_test_member_int (t, "refunds"), ==, refunds);
  g_assert_cmpint (lapak_test_member_int (t, "net_sales"), ==, sales - refunds);
  g_assert_cmpint (lapak_test_member_int (t, "commission_bp"), ==, bp);
  g_assert_cmpint (lapak_test_member_int (t, "commission"), ==, commission);
  g_assert_cmpint (lapak_test_member_int (t, "charges"), ==, charges);
  g_assert_cmpint (lapak_test_member_int (t, "payout"), ==, payout);
}

static void
assert_settlement (const char *json,
                   gboolean    closed)
{
  g_autoptr(JsonNode) root = lapak_test_parse_json (json);
  JsonObject *o = json_node_get_object (root);
  JsonObject *totals, *payments;
  JsonArray *tenants;
  g_autoptr(GDateTime) until = NULL;
  static const char * const top[] = { "event", "currency", "until", "closed", "tenants", "totals", "payments", NULL };
  static const char * const total_names[] = { "sales", "refunds", "net_sales", "commission", "charges", "payout", NULL };
  static const char * const methods[] = { "cash", "qris", "transfer", "card", "ewallet", NULL };

  lapak_test_assert_members (o, top);
  g_assert_cmpstr (json_object_get_string_member (o, "event"), ==, "BZR-1");
  g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, "IDR");
  g_assert_true (json_object_get_boolean_member (o, "closed") == closed);
  until = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "until"), NULL);
  g_assert_nonnull (until);   /* with an offset: no default zone given */

  tenants = json_object_get_array_member (o, "tenants");
  g_assert_cmpuint (json_array_get_length (tenants), ==, 3);
  /* Ordered by code. */
  assert_tenant (tenants, 0, "BTK", 3, 20000, 5000, 3333, 5000, 0, 10000);
  assert_tenant (tenants, 1, "KLL", 1, 40, 20, 1250, 3, 0, 17);
  assert_tenant (tenants, 2, "KPI", 0, 0, 0, 0, 0, 52500, -52500);

  totals = json_object_get_object_member (o, "totals");
  lapak_test_assert_members (totals, total_names);
  g_assert_cmpuint (json_object_get_size (totals), ==, 6);
  g_assert_cmpint (lapak_test_member_int (totals, "sales"), ==, 20040);
  g_assert_cmpint (lapak_test_member_int (totals, "refunds"), ==, 5020);
  g_assert_cmpint (lapak_test_member_int (totals, "net_sales"), ==, 15020);
  g_assert_cmpint (lapak_test_member_int (totals, "commission"), ==, 5003);
  g_assert_cmpint (lapak_test_member_int (totals, "charges"), ==, 52500);
  g_assert_cmpint (lapak_test_member_int (totals, "payout"), ==, -42483);

  payments = json_object_get_object_member (o, "payments");
  lapak_test_assert_members (payments, methods);
  g_assert_cmpuint (json_object_get_size (payments), ==, 5);
  g_assert_cmpint (lapak_test_member_int (payments, "cash"), ==, 20);
  g_assert_cmpint (lapak_test_member_int (payments, "qris"), ==, 15000);
  g_assert_cmpint (lapak_test_member_int (payments, "transfer"), ==, 0);
  g_assert_cmpint (lapak_test_member_int (payments, "card"), ==, 0);
  g_assert_cmpint (lapak_test_member_int (payments, "ewallet"), ==, 0);
}

static void
test_settle_end_to_end (void)
{
  g_autofree char *db = g_build_filename (dir, "k1.db", NULL);
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *tenants;

  current_db = db;
  make_event ();

  /* The preview, twice the same, records nothing. */
  r = RUN_OK ("settle", "--json");
  assert_settlement (r->out, FALSE);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("settle", "--event", "BZR-1", "--json");
  assert_settlement (r->out, FALSE);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("settle");
  g_assert_nonnull (strstr (r->out, "KLL"));
  g_assert_nonnull (strstr (r->out, "33.33%"));
  g_assert_nonnull (strstr (r->out, "-Rp 52,500"));
  g_clear_pointer (&r, lapak_run_free);

  /* Up to a time before the event: nothing. */
  r = RUN_OK ("settle", "--until", "2000-01-01T00:00:00+07:00", "--json");
  root = lapak_test_parse_json (r->out);
  g_assert_cmpint (lapak_test_member_int (json_object_get_object_member (json_node_get_object (root), "totals"), "charges"), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  /* Usage errors and refusals change nothing. */
  r = RUN ("settle", "--until", "kemarin");
  lapak_test_assert_status (r, 2, "settle --until kemarin");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("settle", "--close");
  lapak_test_assert_status (r, 2, "settle --close without --as");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("settle", "--close", "--as", "Sari", "--pin", "1111");
  lapak_test_assert_refused (r, "settle --close by a cashier", "Sari");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("settle", "--event", "NOPE");
  lapak_test_assert_refused (r, "settle --event NOPE", "NOPE");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("charge", "KPI", "--amount", "1.000", "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 2, "charge without --reason");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("payout", "KPI", "--amount", "-5", "--reference", "x", "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 2, "payout of -5");
  g_clear_pointer (&r, lapak_run_free);

  /* Close: the same numbers, for good. */
  r = RUN_OK ("settle", "--close", "--as", "Ketua", "--pin", "1234", "--json");
  assert_settlement (r->out, TRUE);
  root = lapak_test_parse_json (r->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "settlement"), ==, "K1-S000001");
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("settle", "--close", "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_refused (r, "a second close", "Nothing new");
  g_clear_pointer (&r, lapak_run_free);

  /* After the close, the preview is all zeros. */
  r = RUN_OK ("settle", "--json");
  root = lapak_test_parse_json (r->out);
  tenants = json_object_get_array_member (json_node_get_object (root), "tenants");
  for (guint i = 0; i < json_array_get_length (tenants); i++)
    g_assert_cmpint (lapak_test_member_int (json_array_get_object_element (tenants, i), "payout"), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  /* Paying BTK what it is due leaves its balance at zero. */
  r = RUN_OK ("payout", "BTK", "--amount", "10.000", "--reference", "TRF BCA 0042", "--as", "Ketua", "--pin", "1234", "--json");
  root = lapak_test_parse_json (r->out);
  g_assert_cmpint (lapak_test_member_int (json_node_get_object (root), "balance"), ==, 0);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("journal", "verify");
  g_assert_true (g_str_has_prefix (r->out, "ok "));
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = lapak_test_make_dir ();
  g_test_add_func ("/cli-settle/end-to-end", test_settle_end_to_end);
  rc = g_test_run ();
  lapak_test_remove_tree (dir);
  g_free (dir);
  return rc;
}
