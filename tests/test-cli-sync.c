/* test-cli-sync.c — lapakctl sync end to end: a hub, two tills, by file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything through lapakctl: the hub makes the event and prints the
 * pairing code; two tills are made, paired, take the hub's bundle (the
 * hub's cashier can then log in there), sell, void, and write their
 * bundles; the hub imports them (one twice), verifies each till's journal,
 * shows what it knows, refuses a tampered bundle, and settles: the numbers
 * below are worked out by hand.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lapak-test-cli.h"
#include "lapak-test-util.h"

static char *dir;

static LapakRun *
run_on (const char         *db,
        const char * const *args,
        gboolean            must_succeed)
{
  g_autofree char *path = g_build_filename (dir, db, NULL);
  g_autofree char *env_db = g_strconcat ("LAPAK_DB=", path, NULL);
  const char *env[] = { env_db, "LAPAK_PIN=123456", NULL };

  return must_succeed ? lapak_test_run_ok (env, args) : lapak_test_run (env, args);
}

#define ON_OK(db, ...) run_on (db, (const char *[]) { __VA_ARGS__, NULL }, TRUE)
#define ON(db, ...) run_on (db, (const char *[]) { __VA_ARGS__, NULL }, FALSE)

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
code_of (const char *db,
         const char *sku)
{
  g_autoptr(LapakRun) r = ON_OK (db, "product", "list", "--json");
  g_autoptr(JsonNode) list = lapak_test_parse_json (r->out);
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *p = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (p, "sku"), sku) == 0)
        return g_strdup (json_object_get_string_member (p, "code"));
    }
  g_error ("no product %s on %s", sku, db);
  return NULL;
}

static char *
first_line (const char *text)
{
  const char *nl = strchr (text, '\n');

  return nl ? g_strndup (text, (gsize)(nl - text)) : g_strdup (text);
}

/* A till: made, paired with @code, given the hub's bundle. */
static void
make_till (const char *db,
           const char *id,
           const char *code,
           const char *hub_bundle)
{
  g_autoptr(LapakRun) init = ON_OK (db, "init", "--till", id, "--organiser", "Ketua", "--pin", "123456");
  g_autoptr(LapakRun) pair = ON_OK (db, "sync", "pair", code, "--as", "Ketua");
  g_autoptr(LapakRun) import = ON_OK (db, "sync", "import", hub_bundle, "--json");
  g_autoptr(JsonNode) json = lapak_test_parse_json (import->out);
  JsonObject *o = json_node_get_object (json);
  JsonArray *conflicts = json_object_get_array_member (o, "conflicts");
  gboolean ketua = FALSE;

  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "K1");
  g_assert_cmpint (lapak_test_member_int (o, "catalogue_added"), >=, 5);
  /* The till's own first organiser gave way to the hub's: reported. */
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      JsonObject *c = json_array_get_object_element (conflicts, i);

      ketua |= g_str_equal (json_object_get_string_member (c, "table"), "user") &&
               g_str_equal (json_object_get_string_member (c, "key"), "Ketua") &&
               g_str_equal (json_object_get_string_member (c, "till"), id);
    }
  g_assert_true (ketua);
}

static void
test_two_tills (void)
{
  g_autofree char *hub_bundle = in_dir ("hub.lapak");
  g_autofree char *k2_bundle = in_dir ("k2.lapak");
  g_autofree char *k3_bundle = in_dir ("k3.lapak");
  g_autofree char *bad = in_dir ("bad.lapak");
  g_autofree char *code = NULL;
  g_autofree char *kll = NULL;
  g_autofree char *btk = NULL;
  g_autofree char *voided = NULL;

  /* The hub: event, tenants, products, a cashier; the pairing code. */
  {
    g_autoptr(LapakRun) a = ON_OK ("hub.db", "init", "--till", "K1", "--organiser", "Ketua", "--pin", "123456");
    g_autoptr(LapakRun) b = ON_OK ("hub.db", "event", "create", "BAZAR-2026", "--name", "Bazar UMKM",
                                   "--commission", "10", "--as", "Ketua");
    g_autoptr(LapakRun) c = ON_OK ("hub.db", "tenant", "add", "KLL", "--name", "Keripik Lele", "--as", "Ketua");
    g_autoptr(LapakRun) d = ON_OK ("hub.db", "tenant", "add", "BTK", "--name", "Batik Sleman", "--as", "Ketua");
    g_autoptr(LapakRun) e = ON_OK ("hub.db", "product", "add", "--tenant", "KLL", "--name", "Keripik 100 g",
                                   "--price", "15.000", "--sku", "KL-100", "--stock", "50", "--as", "Ketua");
    g_autoptr(LapakRun) f = ON_OK ("hub.db", "product", "add", "--tenant", "BTK", "--name", "Batik tulis",
                                   "--price", "100.000", "--sku", "BT-01", "--stock", "5", "--as", "Ketua");
    g_autoptr(LapakRun) g = ON_OK ("hub.db", "user", "add", "Sari", "--role", "cashier", "--pin", "1111",
                                   "--as", "Ketua");
    g_autoptr(LapakRun) pair = ON_OK ("hub.db", "sync", "pair", "--hub", "--as", "Ketua");
    g_autoptr(LapakRun) again = ON_OK ("hub.db", "sync", "pair", "--hub", "--as", "Ketua");
    g_autoptr(LapakRun) export = ON_OK ("hub.db", "sync", "export", hub_bundle);

    code = first_line (pair->out);
    g_assert_true (g_str_has_prefix (code, "K1:BAZAR-2026:"));
    g_assert_cmpstr (again->out, ==, pair->out);
    g_assert_nonnull (strstr (export->out, hub_bundle));
    kll = code_of ("hub.db", "KL-100");
    btk = code_of ("hub.db", "BT-01");
  }

  /* Usage: pair needs --hub or a code, not both, not neither. */
  {
    g_autoptr(LapakRun) neither = ON ("hub.db", "sync", "pair", "--as", "Ketua");
    g_autoptr(LapakRun) both = ON ("hub.db", "sync", "pair", "--hub", code, "--as", "Ketua");

    lapak_test_assert_status (neither, 2, "sync pair without --hub or code");
    lapak_test_assert_status (both, 2, "sync pair with --hub and a code");
  }

  make_till ("k2.db", "K2", code, hub_bundle);
  make_till ("k3.db", "K3", code, hub_bundle);

  /* Selling: K2 sells 2 KLL + 1 BTK (130,000); K3 sells 1 KLL (15,000) and
   * 1 BTK which it voids. The hub's cashier Sari logs in at K2 with the
   * PIN the hub gave her. */
  {
    g_autofree char *two_kll = g_strconcat (kll, "*2", NULL);
    g_autoptr(LapakRun) a = ON_OK ("k2.db", "shift", "open", "--as", "Sari", "--pin", "1111", "--float", "100.000");
    g_autoptr(LapakRun) b = ON_OK ("k2.db", "sell", "--as", "Sari", "--pin", "1111", two_kll, btk,
                                   "--pay", "qris:30.000", "cash:100.000");
    g_autoptr(LapakRun) c = ON_OK ("k3.db", "shift", "open", "--as", "Ketua", "--float", "50.000");
    g_autoptr(LapakRun) d = ON_OK ("k3.db", "sell", "--as", "Ketua", kll, "--pay", "cash:20.000");
    g_autoptr(LapakRun) e = ON_OK ("k3.db", "sell", "--as", "Ketua", btk, "--pay", "transfer", "--json");
    g_autoptr(JsonNode) sale = lapak_test_parse_json (e->out);
    g_autoptr(LapakRun) f = NULL;

    voided = g_strdup (json_object_get_string_member (json_node_get_object (sale), "sale"));
    f = ON_OK ("k3.db", "void", voided, "--reason", "salah barang", "--as", "Ketua", "--approver", "Ketua",
               "--approver-pin", "123456");
  }

  /* K2 checks in 4 KLL, sells 2 of them, and KLL takes the other 2 back there: a stock return is
   * a record of the till, carried to the hub with the rest. */
  {
    g_autofree char *rest = g_strconcat (kll, "*2", NULL);
    g_autoptr(LapakRun) a = ON_OK ("k2.db", "stock", "checkin", kll, "--units", "4", "--as", "Ketua");
    g_autoptr(LapakRun) b = ON_OK ("k2.db", "stock", "return", "KLL", rest, "--as", "Ketua");
  }

  {
    g_autoptr(LapakRun) a = ON_OK ("k2.db", "sync", "export", k2_bundle);
    g_autoptr(LapakRun) b = ON_OK ("k3.db", "sync", "export", k3_bundle);
  }

  /* A tampered copy is refused whole; a till does not take a till's bundle. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr(LapakRun) r = NULL;
    g_autoptr(LapakRun) t = NULL;

    g_assert_true (g_file_get_contents (k2_bundle, &contents, &length, NULL));
    contents[length / 2] ^= 0x20;
    g_assert_true (g_file_set_contents (bad, contents, (gssize)length, NULL));
    r = ON ("hub.db", "sync", "import", bad);
    lapak_test_assert_refused (r, "sync import of a tampered bundle", "authentication");
    t = ON ("k3.db", "sync", "import", k2_bundle);
    lapak_test_assert_refused (t, "sync import of a till's bundle on a till", "hub");
  }

  /* The hub imports K3, K2, and K2 again (nothing new). */
  {
    g_autoptr(LapakRun) a = ON_OK ("hub.db", "sync", "import", k3_bundle, "--json");
    g_autoptr(LapakRun) b = ON_OK ("hub.db", "sync", "import", k2_bundle, "--json");
    g_autoptr(LapakRun) c = ON_OK ("hub.db", "sync", "import", k2_bundle, "--json");
    g_autoptr(JsonNode) ja = lapak_test_parse_json (a->out);
    g_autoptr(JsonNode) jb = lapak_test_parse_json (b->out);
    g_autoptr(JsonNode) jc = lapak_test_parse_json (c->out);

    g_assert_cmpint (lapak_test_member_int (json_node_get_object (ja), "new_sales"), ==, 2);
    g_assert_cmpint (lapak_test_member_int (json_node_get_object (jb), "new_sales"), ==, 1);
    g_assert_cmpint (lapak_test_member_int (json_node_get_object (jc), "new_sales"), ==, 0);
    g_assert_cmpint (lapak_test_member_int (json_node_get_object (jc), "new_entries"), ==, 0);
  }

  /* Each till's journal verifies at the hub, with the till's own head. */
  for (guint i = 0; i < 2; i++)
    {
      const char *db = i == 0 ? "k2.db" : "k3.db";
      const char *id = i == 0 ? "K2" : "K3";
      g_autoptr(LapakRun) own = ON_OK (db, "journal", "verify");
      g_autoptr(LapakRun) held = ON_OK ("hub.db", "sync", "verify", id);

      g_assert_true (g_str_has_prefix (own->out, "ok "));
      g_assert_cmpstr (held->out, ==, own->out);
    }

  /* K2's return is at the hub: its stock report counts it. */
  {
    g_autoptr(LapakRun) r = ON_OK ("hub.db", "stock", "report", "--tenant", "KLL", "--json");
    g_autoptr(JsonNode) json = lapak_test_parse_json (r->out);
    JsonArray *rows = json_node_get_array (json);

    g_assert_cmpuint (json_array_get_length (rows), ==, 1);
    g_assert_cmpint (lapak_test_member_int (json_array_get_object_element (rows, 0), "returned"), ==, 2);
  }

  /* What the hub knows: both tills, their shifts still open. */
  {
    g_autoptr(LapakRun) r = ON_OK ("hub.db", "sync", "status", "--json");
    g_autoptr(JsonNode) json = lapak_test_parse_json (r->out);
    JsonObject *o = json_node_get_object (json);
    JsonArray *tills = json_object_get_array_member (o, "tills");

    g_assert_cmpstr (json_object_get_string_member (o, "role"), ==, "hub");
    g_assert_cmpstr (json_object_get_string_member (o, "event"), ==, "BAZAR-2026");
    g_assert_cmpuint (json_array_get_length (tills), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tills, 0), "till"), ==, "K1");
    g_assert_cmpint (lapak_test_member_int (json_array_get_object_element (tills, 1), "open_shifts"), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "missing")), ==, 2);
  }

  /* The settlement at the hub: KLL 3 × 15,000 = 45,000, commission 4,500;
   * BTK 100,000 (the voided one counts nowhere), commission 10,000. */
  {
    g_autoptr(LapakRun) r = ON_OK ("hub.db", "settle", "--json");
    g_autoptr(JsonNode) json = lapak_test_parse_json (r->out);
    JsonObject *o = json_node_get_object (json);
    JsonObject *totals = json_object_get_object_member (o, "totals");
    JsonObject *payments = json_object_get_object_member (o, "payments");
    JsonArray *tenants = json_object_get_array_member (o, "tenants");
    JsonObject *btk_row = json_array_get_object_element (tenants, 0);
    JsonObject *kll_row = json_array_get_object_element (tenants, 1);
    g_autoptr(LapakRun) close = NULL;

    g_assert_cmpstr (json_object_get_string_member (kll_row, "code"), ==, "KLL");
    g_assert_cmpint (lapak_test_member_int (kll_row, "units"), ==, 3);
    g_assert_cmpint (lapak_test_member_int (kll_row, "net_sales"), ==, 45000);
    g_assert_cmpint (lapak_test_member_int (kll_row, "commission"), ==, 4500);
    g_assert_cmpint (lapak_test_member_int (btk_row, "net_sales"), ==, 100000);
    g_assert_cmpint (lapak_test_member_int (btk_row, "commission"), ==, 10000);
    g_assert_cmpint (lapak_test_member_int (totals, "net_sales"), ==, 145000);
    g_assert_cmpint (lapak_test_member_int (totals, "payout"), ==, 130500);
    g_assert_cmpint (lapak_test_member_int (payments, "cash"), ==, 115000);
    g_assert_cmpint (lapak_test_member_int (payments, "qris"), ==, 30000);
    g_assert_cmpint (lapak_test_member_int (payments, "transfer"), ==, 0);

    /* The preview says what it cannot count yet: both tills' shifts were
     * open in their bundles. */
    g_assert_nonnull (strstr (r->err, "K2"));
    g_assert_nonnull (strstr (r->err, "K3"));

    /* Closing is refused while they are missing, and nothing is recorded;
     * the organiser may close anyway with a reason, which is kept. */
    {
      g_autofree char *hub_path = in_dir ("hub.db");
      g_autofree char *before = lapak_test_db_digest (hub_path);
      g_autofree char *after = NULL;
      g_autoptr(LapakRun) refused = ON ("hub.db", "settle", "--close", "--as", "Ketua");
      g_autoptr(LapakRun) no_reason = ON ("hub.db", "settle", "--close", "--force", "--as", "Ketua");

      lapak_test_assert_refused (refused, "settle --close with tills missing", "K2");
      g_assert_nonnull (strstr (refused->err, "--force --reason"));
      lapak_test_assert_status (no_reason, 2, "settle --force without --reason");
      after = lapak_test_db_digest (hub_path);
      g_assert_cmpstr (before, ==, after);
    }
    close = ON_OK ("hub.db", "settle", "--close", "--force", "--reason", "K2 dan K3 tutup shift besok",
                   "--as", "Ketua");
    {
      g_autofree char *journal = in_dir ("hub-journal.jsonl");
      g_autoptr(LapakRun) e = ON_OK ("hub.db", "journal", "export", journal);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (journal, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "K2 dan K3 tutup shift besok"));
    }
  }

  /* The hub's own journal (now with the settlement) still verifies; K2's
   * bundle again changes nothing, the settled entries stay settled. */
  {
    g_autoptr(LapakRun) a = ON_OK ("hub.db", "journal", "verify");
    g_autoptr(LapakRun) b = ON_OK ("hub.db", "sync", "import", k2_bundle);
    g_autoptr(LapakRun) c = ON_OK ("hub.db", "settle", "--json");
    g_autoptr(JsonNode) json = lapak_test_parse_json (c->out);

    g_assert_cmpint (lapak_test_member_int (json_object_get_object_member (json_node_get_object (json), "totals"),
                                            "net_sales"), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = lapak_test_make_dir ();
  g_test_add_func ("/cli/sync/two-tills", test_two_tills);
  rc = g_test_run ();
  lapak_test_remove_tree (dir);
  g_free (dir);
  return rc;
}
