/* test-cli-sync-shift.c — `lapakctl shift close` at a paired till refuses
 * while records are not at the hub; `--force --reason` by an organiser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hub and a till K2, by file (sync export / sync import): the till sells,
 * its close is refused (exit 1, the reason, nothing recorded); after its
 * bundle reached the hub and the hub's came back, the close goes. Offline
 * again: --force without --reason is a usage error, a cashier cannot force,
 * an organiser can (--as, or --approver for a cashier's close); the reason
 * is printed and in --json.
 */
#include <string.h>

#include <glib.h>
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
  const char *env[] = { env_db, "LAPAK_PIN=123456", "LAPAK_APPROVER_PIN=123456", NULL };

  return must_succeed ? lapak_test_run_ok (env, args) : lapak_test_run (env, args);
}

#define ON_OK(db, ...) run_on (db, (const char *[]) { __VA_ARGS__, NULL }, TRUE)
#define ON(db, ...) run_on (db, (const char *[]) { __VA_ARGS__, NULL }, FALSE)

static void
hub_to_till (void)
{
  g_autofree char *bundle = g_build_filename (dir, "hub.lapak", NULL);
  g_autoptr(LapakRun) e = ON_OK ("hub.db", "sync", "export", bundle);
  g_autoptr(LapakRun) i = ON_OK ("k2.db", "sync", "import", bundle);
}

static void
till_to_hub (void)
{
  g_autofree char *bundle = g_build_filename (dir, "k2.lapak", NULL);
  g_autoptr(LapakRun) e = ON_OK ("k2.db", "sync", "export", bundle);
  g_autoptr(LapakRun) i = ON_OK ("hub.db", "sync", "import", bundle);
}

static void
test_shift_close (void)
{
  g_autofree char *k2_path = g_build_filename (dir, "k2.db", NULL);
  g_autofree char *code = NULL;
  g_autofree char *product = NULL;

  {
    g_autoptr(LapakRun) a = ON_OK ("hub.db", "init", "--till", "K1", "--organiser", "Ketua", "--pin", "123456");
    g_autoptr(LapakRun) b = ON_OK ("hub.db", "event", "create", "BAZAR-2026", "--name", "Bazar UMKM",
                                   "--commission", "10", "--as", "Ketua");
    g_autoptr(LapakRun) c = ON_OK ("hub.db", "tenant", "add", "KLL", "--name", "Keripik Lele", "--as", "Ketua");
    g_autoptr(LapakRun) d = ON_OK ("hub.db", "product", "add", "--tenant", "KLL", "--name", "Keripik 100 g",
                                   "--price", "15.000", "--sku", "KL-100", "--as", "Ketua");
    g_autoptr(LapakRun) u = ON_OK ("hub.db", "user", "add", "Sari", "--role", "cashier", "--pin", "123456",
                                   "--as", "Ketua");
    g_autoptr(LapakRun) pair = ON_OK ("hub.db", "sync", "pair", "--hub", "--as", "Ketua");
    g_autoptr(LapakRun) k = ON_OK ("k2.db", "init", "--till", "K2", "--organiser", "Ketua", "--pin", "123456");
    g_autoptr(LapakRun) list = ON_OK ("hub.db", "product", "list", "--json");
    g_autoptr(JsonNode) json = lapak_test_parse_json (list->out);
    const char *nl = strchr (pair->out, '\n');

    code = g_strndup (pair->out, nl ? (gsize)(nl - pair->out) : strlen (pair->out));
    product = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (json),
                                                                                      0), "code"));
    {
      g_autoptr(LapakRun) p = ON_OK ("k2.db", "sync", "pair", code, "--as", "Ketua");
    }
    hub_to_till ();
  }

  /* Sari sells; her close is refused, nothing recorded. */
  {
    g_autoptr(LapakRun) o = ON_OK ("k2.db", "shift", "open", "--as", "Sari", "--float", "0");
    g_autoptr(LapakRun) s = ON_OK ("k2.db", "sell", "--as", "Sari", product, "--pay", "cash:15.000");
    g_autofree char *before = lapak_test_db_digest (k2_path);
    g_autofree char *after = NULL;
    g_autoptr(LapakRun) z = ON ("k2.db", "shift", "close", "--as", "Sari", "--counted", "15.000");

    lapak_test_assert_refused (z, "shift close with records not at the hub", "not at the hub yet (last sync");
    g_assert_nonnull (strstr (z->err, "--force --reason"));
    after = lapak_test_db_digest (k2_path);
    g_assert_cmpstr (before, ==, after);
  }

  /* Usage: --force needs --reason; --reason needs --force. */
  {
    g_autoptr(LapakRun) a = ON ("k2.db", "shift", "close", "--as", "Sari", "--counted", "15.000", "--force");
    g_autoptr(LapakRun) b = ON ("k2.db", "shift", "close", "--as", "Sari", "--counted", "15.000", "--reason", "x");

    lapak_test_assert_status (a, 2, "shift close --force without --reason");
    lapak_test_assert_status (b, 2, "shift close --reason without --force");
  }

  /* Synced both ways by file: the close goes, not forced. */
  till_to_hub ();
  hub_to_till ();
  {
    g_autoptr(LapakRun) z = ON_OK ("k2.db", "shift", "close", "--as", "Sari", "--counted", "15.000", "--json");
    g_autoptr(JsonNode) json = lapak_test_parse_json (z->out);

    g_assert_false (json_object_has_member (json_node_get_object (json), "forced"));
  }

  /* Offline again: a cashier cannot force it; an organiser can. */
  {
    g_autoptr(LapakRun) o = ON_OK ("k2.db", "shift", "open", "--as", "Sari", "--float", "0");
    g_autoptr(LapakRun) s = ON_OK ("k2.db", "sell", "--as", "Sari", product, "--pay", "qris");
    g_autoptr(LapakRun) denied = ON ("k2.db", "shift", "close", "--as", "Sari", "--counted", "0", "--force",
                                     "--reason", "Hall closes");
    g_autoptr(LapakRun) forced = NULL;
    g_autoptr(JsonNode) json = NULL;

    lapak_test_assert_refused (denied, "a cashier forcing a shift close", "organiser");
    forced = ON_OK ("k2.db", "shift", "close", "--as", "Sari", "--counted", "0", "--force", "--reason",
                    "Hall closes, hub gone", "--approver", "Ketua", "--json");
    json = lapak_test_parse_json (forced->out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "forced"), ==,
                     "Hall closes, hub gone");
  }
  {
    g_autoptr(LapakRun) o = ON_OK ("k2.db", "shift", "open", "--as", "Ketua", "--float", "0");
    g_autoptr(LapakRun) s = ON_OK ("k2.db", "sell", "--as", "Ketua", product, "--pay", "qris");
    g_autoptr(LapakRun) forced = ON_OK ("k2.db", "shift", "close", "--as", "Ketua", "--counted", "0", "--force",
                                        "--reason", "Last day");
    g_autoptr(LapakRun) verify = ON_OK ("k2.db", "journal", "verify");

    g_assert_nonnull (strstr (forced->out, "Closed although some of this till's records were not at the hub: "
                                           "Last day"));
    g_assert_true (g_str_has_prefix (verify->out, "ok "));
  }

  /* Everything reaches the hub; the till's journal verifies there. */
  till_to_hub ();
  {
    g_autoptr(LapakRun) mine = ON_OK ("k2.db", "journal", "verify");
    g_autoptr(LapakRun) theirs = ON_OK ("hub.db", "sync", "verify", "K2");

    g_assert_cmpstr (theirs->out, ==, mine->out);
  }
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = lapak_test_make_dir ();
  g_test_add_func ("/cli-sync-shift/close", test_shift_close);
  rc = g_test_run ();
  lapak_test_remove_tree (dir);
  g_free (dir);
  return rc;
}
