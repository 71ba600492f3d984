/* test-cli.c — lapakctl end to end, as a script or a person would use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lapak-code.h"
#include "lapak-csv.h"
#include "lapak-money.h"
#include "lapak-test-cli.h"
#include "lapak-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *root;
} Fixture;

#define RUN(...) lapak_test_run (NULL, (const char *[]) { __VA_ARGS__, NULL })
#define RUN_ENV(env, ...) lapak_test_run ((const char *[]) { env, NULL }, (const char *[]) { __VA_ARGS__, NULL })

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;

  f->dir = lapak_test_make_dir ();
  f->db = g_build_filename (f->dir, "k1.db", NULL);
  f->root = g_strdup (g_getenv ("LAPAK_SOURCE_ROOT"));
  g_assert_nonnull (f->root);

  r = RUN ("init", "--db", f->db, "--till", "K1", "--organiser", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "init");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("event create", "--db", f->db, "JCC-2026", "--name", "Pameran UMKM Jakarta",
           "--commission", "15", "--booth-fee", "Rp250.000", "--as", "Ketua", "--pin", "1234");
  /* "event create" as one word is no command: check the two-word form. */
  lapak_test_assert_status (r, 2, "one-word event create");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("event", "create", "--db", f->db, "JCC-2026", "--name", "Pameran UMKM Jakarta",
           "--commission", "15", "--booth-fee", "Rp250.000", "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "event create");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lapak_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->root);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char *commands[][2] = {
    { "init", NULL }, { "user", "add" }, { "user", "unlock" }, { "event", "create" },
    { "event", "use" }, { "event", "list" }, { "event", "join" }, { "tenant", "add" },
    { "tenant", "import" }, { "tenant", "list" }, { "product", "add" },
    { "product", "import" }, { "product", "list" }, { "stock", "checkin" },
  };
  g_autoptr(LapakRun) r = NULL;

  r = RUN ("--help");
  lapak_test_assert_status (r, 0, "--help");
  g_assert_nonnull (strstr (r->out, "product import"));
  g_clear_pointer (&r, lapak_run_free);

  r = lapak_test_run (NULL, (const char *[]) { NULL });
  lapak_test_assert_status (r, 2, "no command");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("sell-everything");
  lapak_test_assert_status (r, 2, "unknown command");
  g_assert_nonnull (strstr (r->err, "sell-everything"));
  g_clear_pointer (&r, lapak_run_free);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(LapakRun) h = commands[i][1] ? RUN (commands[i][0], commands[i][1], "--help")
                                        : RUN (commands[i][0], "--help");

      lapak_test_assert_status (h, 0, commands[i][0]);
      g_assert_nonnull (strstr (h->out, "Usage"));
      g_assert_nonnull (strstr (h->out, "--db"));
    }

  r = RUN ("tenant", "list", "--db", f->db, "--no-such-option");
  lapak_test_assert_status (r, 2, "unknown option");
  g_clear_pointer (&r, lapak_run_free);

  /* A command that needs a user, without one: usage error, nothing done. */
  r = RUN ("tenant", "add", "KLL", "--name", "Keripik", "--db", f->db);
  lapak_test_assert_status (r, 2, "missing --as");
  g_assert_nonnull (strstr (r->err, "--as"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("user", "add", "Sri", "--pin", "5555", "--db", f->db, "--as", "Ketua", "--as-pin", "1234");
  lapak_test_assert_status (r, 2, "missing --role");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("tenant", "add", "--db", f->db, "--name", "No code", "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 2, "missing argument");
}

static void
test_init_refuses_existing (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *before = lapak_test_db_digest (f->db);
  g_autofree char *after = NULL;
  g_autoptr(LapakRun) r = RUN ("init", "--db", f->db, "--till", "K2", "--organiser", "Other", "--pin", "9999");

  lapak_test_assert_status (r, 1, "init over existing");
  g_assert_nonnull (strstr (r->err, f->db));
  after = lapak_test_db_digest (f->db);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&r, lapak_run_free);

  /* A bad PIN creates nothing at all. */
  {
    g_autofree char *other = g_build_filename (f->dir, "k2.db", NULL);

    r = RUN ("init", "--db", other, "--till", "K2", "--organiser", "Other", "--pin", "12");
    lapak_test_assert_status (r, 1, "init with short PIN");
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = lapak_test_write_file (f->dir, "notes.db", "not a database\n");
  g_autoptr(LapakRun) r = RUN ("tenant", "list", "--db", path);
  g_autofree char *contents = NULL;

  lapak_test_assert_status (r, 1, "not a database");
  g_assert_nonnull (strstr (r->err, "not a Lapak database"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a database\n");
}

/* The demo CSVs import, and list back as JSON exactly per CLI.md. */
static void
test_demo_import_and_list (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *tenants_csv = g_build_filename (f->root, "data", "demo", "tenants.csv", NULL);
  g_autofree char *products_csv = g_build_filename (f->root, "data", "demo", "products.csv", NULL);
  g_autoptr(LapakCsv) tcsv = lapak_csv_parse_file (tenants_csv, NULL);
  g_autoptr(LapakCsv) pcsv = lapak_csv_parse_file (products_csv, NULL);
  g_autoptr(JsonNode) tjson = NULL;
  g_autoptr(JsonNode) pjson = NULL;
  g_autoptr(LapakRun) r = NULL;
  g_autofree char *db_env = g_strconcat ("LAPAK_DB=", f->db, NULL);
  JsonArray *array;

  g_assert_nonnull (tcsv);
  g_assert_nonnull (pcsv);

  /* LAPAK_DB and LAPAK_PIN stand in for --db and --pin. */
  r = lapak_test_run ((const char *[]) { db_env, "LAPAK_PIN=1234", NULL },
                      (const char *[]) { "tenant", "import", tenants_csv, "--as", "Ketua", "--json", NULL });
  lapak_test_assert_status (r, 0, "tenant import");
  {
    g_autoptr(JsonNode) n = lapak_test_parse_json (r->out);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (n), "imported"), ==,
                     lapak_csv_n_rows (tcsv));
  }
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("product", "import", products_csv, "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "product import");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("tenant", "list", "--json", "--db", f->db);
  lapak_test_assert_status (r, 0, "tenant list");
  tjson = lapak_test_parse_json (r->out);
  array = json_node_get_array (tjson);
  g_assert_cmpuint (json_array_get_length (array), ==, lapak_csv_n_rows (tcsv));
  for (guint i = 0; i < lapak_csv_n_rows (tcsv); i++)
    {
      const LapakCsvRow *row = lapak_csv_row (tcsv, i);
      const char *code = lapak_csv_get (tcsv, row, "code");
      const char *commission = lapak_csv_get (tcsv, row, "commission");
      const char *fee = lapak_csv_get (tcsv, row, "booth_fee");
      JsonObject *o = NULL;
      int bp = 1500;
      gint64 fee_value = 250000;

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonObject *cand = json_array_get_object_element (array, j);

          if (g_str_equal (json_object_get_string_member (cand, "code"), code))
            o = cand;
        }
      g_assert_nonnull (o);
      lapak_test_assert_members (o, (const char *[]) { "code", "name", "commission_bp", "booth_fee",
                                            "phone", "bank_account", NULL });
      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, lapak_csv_get (tcsv, row, "name"));
      if (*commission)
        g_assert_true (lapak_percent_parse (commission, &bp, NULL));
      if (*fee)
        g_assert_true (lapak_money_parse (fee, &fee_value, NULL));
      g_assert_cmpint (json_object_get_int_member (o, "commission_bp"), ==, bp);
      g_assert_cmpint (json_object_get_int_member (o, "booth_fee"), ==, fee_value);
    }
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("product", "list", "--json", "--db", f->db);
  lapak_test_assert_status (r, 0, "product list");
  pjson = lapak_test_parse_json (r->out);
  array = json_node_get_array (pjson);
  g_assert_cmpuint (json_array_get_length (array), ==, lapak_csv_n_rows (pcsv));
  for (guint i = 0; i < lapak_csv_n_rows (pcsv); i++)
    {
      /* Products come out in file order within each tenant. */
      const LapakCsvRow *row = lapak_csv_row (pcsv, i);
      const char *name = lapak_csv_get (pcsv, row, "name");
      const char *barcode = lapak_csv_get (pcsv, row, "barcode");
      JsonObject *o = NULL;
      gint64 price;

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonObject *cand = json_array_get_object_element (array, j);

          if (g_str_equal (json_object_get_string_member (cand, "name"), name) &&
              g_str_equal (json_object_get_string_member (cand, "tenant"), lapak_csv_get (pcsv, row, "tenant")))
            o = cand;
        }
      g_assert_nonnull (o);
      lapak_test_assert_members (o, (const char *[]) { "code", "tenant", "sku", "name", "price", "stock",
                                            "barcode", NULL });
      g_assert_true (lapak_product_code_validate (json_object_get_string_member (o, "code"), NULL));
      g_assert_true (lapak_money_parse (lapak_csv_get (pcsv, row, "price"), &price, NULL));
      g_assert_cmpint (json_object_get_int_member (o, "price"), ==, price);
      g_assert_cmpint (json_object_get_int_member (o, "stock"), ==,
                       g_ascii_strtoll (lapak_csv_get (pcsv, row, "stock"), NULL, 10));
      if (*barcode)
        g_assert_cmpstr (json_object_get_string_member (o, "barcode"), ==, barcode);
      else
        g_assert_true (json_object_get_null_member (o, "barcode"));
    }
}

static void
test_bad_input_changes_nothing (Fixture       *f,
                                gconstpointer  data)
{
  const char *bad_prices[] = { "0", "-5", "12.5", "12,50", "1e3", "" };
  g_autofree char *before = NULL;
  g_autoptr(LapakRun) r = NULL;

  r = RUN ("tenant", "add", "KLL", "--name", "Keripik Lele Bu Tini", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "tenant add");
  g_clear_pointer (&r, lapak_run_free);

  before = lapak_test_db_digest (f->db);

  for (guint i = 0; i < G_N_ELEMENTS (bad_prices); i++)
    {
      g_autoptr(LapakRun) p = RUN ("product", "add", "--tenant", "KLL", "--name", "Keripik", "--price", bad_prices[i],
                              "--db", f->db, "--as", "Ketua", "--pin", "1234");

      lapak_test_assert_status (p, 1, bad_prices[i]);
      g_assert_cmpstr (p->out, ==, "");
      g_assert_true (g_str_has_prefix (p->err, "lapakctl: "));
    }

  r = RUN ("tenant", "add", "KLL", "--name", "Again", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 1, "duplicate tenant");
  g_assert_nonnull (strstr (r->err, "KLL"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("tenant", "add", "MADU", "--name", "Madu", "--commission", "101", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 1, "commission over 100%");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("product", "add", "--tenant", "NONE", "--name", "Keripik", "--price", "15000",
           "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 1, "unknown tenant");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("user", "add", "Sri", "--role", "boss", "--pin", "5555", "--db", f->db, "--as", "Ketua", "--as-pin", "1234");
  lapak_test_assert_status (r, 2, "unknown role");
  g_clear_pointer (&r, lapak_run_free);

  {
    g_autofree char *after = lapak_test_db_digest (f->db);

    g_assert_cmpstr (before, ==, after);
  }

  /* Wrong PIN: refused, and only the failure counter moves. */
  r = RUN ("tenant", "add", "MADU", "--name", "Madu", "--db", f->db, "--as", "Ketua", "--pin", "9999");
  lapak_test_assert_status (r, 1, "wrong PIN");
  g_assert_nonnull (strstr (r->err, "Wrong PIN"));
  g_clear_pointer (&r, lapak_run_free);
  r = RUN ("tenant", "add", "MADU", "--name", "Madu", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "right PIN resets");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("product", "list", "--json", "--db", f->db);
  lapak_test_assert_status (r, 0, "product list");
  g_assert_cmpstr (g_strstrip (r->out), ==, "[]");
}

static void
test_roles_and_lockout (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;

  r = RUN ("user", "add", "Sri", "--role", "cashier", "--pin", "5555", "--db", f->db,
           "--as", "Ketua", "--as-pin", "1234", "--json");
  lapak_test_assert_status (r, 0, "user add");
  g_clear_pointer (&r, lapak_run_free);

  /* A cashier may not register tenants. */
  r = RUN ("tenant", "add", "KLL", "--name", "Keripik", "--db", f->db, "--as", "Sri", "--pin", "5555");
  lapak_test_assert_status (r, 1, "cashier adds tenant");
  g_assert_nonnull (strstr (r->err, "Sri"));
  g_clear_pointer (&r, lapak_run_free);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(LapakRun) w = RUN ("event", "list", "--db", f->db);

      lapak_test_assert_status (w, 0, "event list needs no PIN");
      g_clear_pointer (&w, lapak_run_free);
      w = RUN ("tenant", "add", "KLL", "--name", "Keripik", "--db", f->db, "--as", "Sri", "--pin", "0000");
      lapak_test_assert_status (w, 1, "wrong PIN");
    }

  r = RUN ("tenant", "add", "KLL", "--name", "Keripik", "--db", f->db, "--as", "Sri", "--pin", "5555");
  lapak_test_assert_status (r, 1, "locked");
  g_assert_nonnull (strstr (r->err, "locked"));
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("user", "unlock", "Sri", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "unlock");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("tenant", "add", "KLL", "--name", "Keripik", "--db", f->db, "--as", "Sri", "--pin", "5555");
  lapak_test_assert_status (r, 1, "still a cashier");
  g_assert_null (strstr (r->err, "locked"));
}

static void
test_events_and_join (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  r = RUN ("tenant", "add", "KLL", "--name", "Keripik", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "tenant add");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("event", "create", "RAMADAN", "--name", "Bazar Ramadan", "--kind", "bazaar", "--commission", "12,5%",
           "--booth-fee", "100.000", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "second event");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("event", "join", "KLL", "--booth-fee", "75000", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "join");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("event", "join", "KLL", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 1, "join twice");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("tenant", "list", "--json", "--db", f->db);
  node = lapak_test_parse_json (r->out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "commission_bp"), ==, 1250);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "booth_fee"), ==, 75000);
  g_clear_pointer (&r, lapak_run_free);
  g_clear_pointer (&node, json_node_unref);

  r = RUN ("event", "use", "JCC-2026", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "use");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("event", "list", "--json", "--db", f->db);
  node = lapak_test_parse_json (r->out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "code"), ==, "JCC-2026");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "active"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 1), "active"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 1), "commission_bp"), ==, 1250);
}

static void
test_product_add_and_checkin (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;

  r = RUN ("tenant", "add", "KLL", "--name", "Keripik", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN ("product", "add", "--tenant", "KLL", "--name", "Keripik Lele 100 g", "--price", "Rp15.000",
           "--stock", "12", "--barcode", "8990000000013", "--db", f->db, "--as", "Ketua", "--pin", "1234");
  lapak_test_assert_status (r, 0, "product add");
  code = g_strdup (g_strstrip (r->out));
  g_assert_true (lapak_product_code_validate (code, NULL));
  g_clear_pointer (&r, lapak_run_free);

  /* Codes are case-insensitive at the scanner. */
  {
    g_autofree char *lower = g_ascii_strdown (code, -1);

    r = RUN ("stock", "checkin", lower, "--units", "8", "--db", f->db, "--as", "Ketua", "--pin", "1234");
    lapak_test_assert_status (r, 0, "checkin");
    g_clear_pointer (&r, lapak_run_free);
  }

  r = RUN ("product", "list", "--tenant", "KLL", "--json", "--db", f->db);
  node = lapak_test_parse_json (r->out);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (node), 0), "stock"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), 0), "code"), ==, code);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/init/refuses-existing", test_init_refuses_existing);
  ADD ("/cli/not-a-database", test_not_a_database);
  ADD ("/cli/demo/import-and-list", test_demo_import_and_list);
  ADD ("/cli/bad-input-changes-nothing", test_bad_input_changes_nothing);
  ADD ("/cli/roles-and-lockout", test_roles_and_lockout);
  ADD ("/cli/events-and-join", test_events_and_join);
  ADD ("/cli/product-add-and-checkin", test_product_add_and_checkin);
#undef ADD

  return g_test_run ();
}
