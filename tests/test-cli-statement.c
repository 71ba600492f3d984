/* test-cli-statement.c — lapakctl settle --statements/--csv and stock
 * return/report on the demo event, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo event is made by `lapakctl demo`, sold from with `lapakctl sell`,
 * one sale partly refunded, some goods taken back; then `settle --close
 * --statements DIR --csv FILE --excel --json`. Every tenant's PDF, read with
 * pdftotext, states the payout the JSON gives (or the amount owed), the
 * summary gives every tenant's payout, and the CSV gives the JSON's numbers.
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "lapak-csv.h"
#include "lapak-money.h"
#include "lapak-test-cli.h"
#include "lapak-test-util.h"

static char *dir;
static char *db_env;

static LapakRun *
run_lang (const char         *language,
          const char * const *args)
{
  g_autofree char *lang = g_strconcat ("LANGUAGE=", language, NULL);
  const char *env[] = { db_env, "LAPAK_PIN=123456", "TZ=Asia/Jakarta", lang, NULL };

  return lapak_test_run (env, args);
}

#define RUN(...) run_lang ("en", (const char *[]) { __VA_ARGS__, NULL })

static LapakRun *
run_ok (const char * const *args)
{
  LapakRun *r = run_lang ("en", args);

  if (r->status != 0)
    g_error ("lapakctl %s: exit %d\n%s%s", args[0], r->status, r->out, r->err);
  return r;
}

#define RUN_OK(...) run_ok ((const char *[]) { __VA_ARGS__, NULL })

static char *
pdftotext (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdftotext %s: %s", path, err);
  return out;
}

/* The line of @text starting with @start (after spaces) that holds @needle. */
static gboolean
has_line (const char *text,
          const char *start,
          const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i] + strspn (lines[i], " ");

      if (g_str_has_prefix (l, start) && strstr (l, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
assert_line (const char *text,
             const char *start,
             const char *needle)
{
  if (!has_line (text, start, needle))
    g_error ("no line starting with “%s” holds “%s” in:\n%s", start, needle, text);
}

static void
sell_and_return (void)
{
  g_autoptr(LapakRun) r = NULL;
  g_autofree char *data = g_build_filename (g_getenv ("LAPAK_SOURCE_ROOT"), "data", "demo", NULL);

  r = RUN_OK ("demo", "--data", data);
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("shift", "open", "--as", "Sari", "--pin", "1111", "--float", "200.000");
  g_clear_pointer (&r, lapak_run_free);
  /* KLL-001L 15.000, KLL-002Y 16.000, BTK-0044 225.000, DNT-001N 25.000, MADU… */
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", "KLL-001L*2", "BTK-0044", "--pay", "cash:300.000");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", "DNT-001N*3", "KLL-002Y", "--pay", "qris");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", "JJN-0017*4", "--pay", "transfer");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("refund", "--as", "Sari", "--pin", "1111", "--approver", "Bayu", "--approver-pin", "2222",
              "--reason", "rusak", "K1-000001", "KLL-001L", "--pay", "cash");
  g_clear_pointer (&r, lapak_run_free);

  /* Tini (KLL) takes back her unsold goods, one scan at a time or counted */
  r = RUN_OK ("stock", "return", "KLL", "KLL-001L*30", "KLL-001L", "KLL-002Y*34", "--as", "Tini", "--pin", "3333");
  g_clear_pointer (&r, lapak_run_free);
  /* more than is there: refused, nothing recorded */
  r = RUN ("stock", "return", "KLL", "KLL-001L*9", "--as", "Tini", "--pin", "3333");
  lapak_test_assert_refused (r, "stock return of more than is there", "only 8");
  g_clear_pointer (&r, lapak_run_free);
  /* another tenant's goods: refused */
  r = RUN ("stock", "return", "BTK", "BTK-0044", "--as", "Tini", "--pin", "3333");
  lapak_test_assert_refused (r, "stock return by another tenant", "Tini");
}

static void
test_stock_report (void)
{
  g_autoptr(LapakRun) r = RUN_OK ("stock", "report", "--tenant", "KLL", "--json");
  g_autoptr(JsonNode) root = lapak_test_parse_json (r->out);
  JsonArray *rows = json_node_get_array (root);
  gboolean seen = FALSE;

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);
      const char *names[] = { "tenant", "code", "name", "checked_in", "sold", "refunded", "returned", "missing", NULL };

      lapak_test_assert_members (o, names);
      g_assert_cmpstr (json_object_get_string_member (o, "tenant"), ==, "KLL");
      if (g_str_equal (json_object_get_string_member (o, "code"), "KLL-001L"))
        {
          /* 40 in, 2 sold, 1 refunded, 31 returned: 8 missing */
          g_assert_cmpint (lapak_test_member_int (o, "checked_in"), ==, 40);
          g_assert_cmpint (lapak_test_member_int (o, "sold"), ==, 2);
          g_assert_cmpint (lapak_test_member_int (o, "refunded"), ==, 1);
          g_assert_cmpint (lapak_test_member_int (o, "returned"), ==, 31);
          g_assert_cmpint (lapak_test_member_int (o, "missing"), ==, 8);
          seen = TRUE;
        }
    }
  g_assert_true (seen);
}

static void
test_close_with_statements (void)
{
  g_autofree char *out_dir = g_build_filename (dir, "statements", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "settlement.csv", NULL);
  g_autofree char *blocker = g_build_filename (dir, "not-a-dir", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakRun) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(LapakCsv) csv = NULL;
  g_autofree char *summary_path = g_build_filename (out_dir, "summary.pdf", NULL);
  g_autofree char *summary = NULL;
  JsonObject *s;
  JsonArray *tenants;

  /* an unwritable --statements: refused before anything is recorded */
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  r = RUN ("settle", "--close", "--as", "Ketua", "--statements", blocker);
  lapak_test_assert_refused (r, "settle with an unwritable statements directory", "nothing was recorded");
  g_clear_pointer (&r, lapak_run_free);

  r = RUN_OK ("settle", "--close", "--as", "Ketua", "--statements", out_dir, "--csv", csv_path, "--excel", "--json");
  root = lapak_test_parse_json (r->out);
  s = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (s, "closed"));
  /* the first settlement: the refused attempt recorded nothing */
  g_assert_cmpstr (json_object_get_string_member (s, "settlement"), ==, "K1-S000001");
  tenants = json_object_get_array_member (s, "tenants");
  g_assert_cmpuint (json_array_get_length (tenants), >, 5);

  summary = pdftotext (summary_path);
  csv = lapak_csv_parse_file (csv_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lapak_csv_delimiter (csv), ==, ';');
  g_assert_cmpuint (lapak_csv_n_rows (csv), ==, json_array_get_length (tenants));

  for (guint i = 0; i < json_array_get_length (tenants); i++)
    {
      JsonObject *t = json_array_get_object_element (tenants, i);
      const char *code = json_object_get_string_member (t, "code");
      gint64 payout = lapak_test_member_int (t, "payout");
      g_autofree char *pdf = g_strconcat (out_dir, "/", code, ".pdf", NULL);
      g_autofree char *text = pdftotext (pdf);
      g_autofree char *amount = lapak_money_format (payout < 0 ? -payout : payout, LAPAK_MONEY_STYLE_ENGLISH);
      g_autofree char *signed_amount = lapak_money_format (payout, LAPAK_MONEY_STYLE_ENGLISH);
      g_autofree char *commission = lapak_money_format (lapak_test_member_int (t, "commission"),
                                                        LAPAK_MONEY_STYLE_ENGLISH);
      g_autofree char *payout_text = g_strdup_printf ("%" G_GINT64_FORMAT, payout);
      const LapakCsvRow *row = lapak_csv_row (csv, i);

      g_test_message ("%s: payout %s", code, signed_amount);
      assert_line (text, "Tenant:", code);
      if (payout >= 0)
        {
          assert_line (text, "Payout to the tenant:", amount);
          g_assert_false (has_line (text, "The tenant owes", ""));
        }
      else
        {
          assert_line (text, "The tenant owes the organiser:", amount);
          g_assert_false (has_line (text, "Payout to the tenant", ""));
        }
      assert_line (text, "Settlement:", json_object_get_string_member (s, "settlement"));
      assert_line (text, "Journal hash:", "");
      /* the summary's row of this tenant */
      assert_line (summary, code, signed_amount);
      assert_line (summary, code, commission);
      /* the CSV's */
      g_assert_cmpstr (lapak_csv_get (csv, row, "code"), ==, code);
      g_assert_cmpstr (lapak_csv_get (csv, row, "payout"), ==, payout_text);
      g_assert_cmpstr (lapak_csv_get (csv, row, "settlement"), ==, json_object_get_string_member (s, "settlement"));
    }

  /* KLL's statement: its items and its stock-return table */
  {
    g_autofree char *pdf = g_build_filename (out_dir, "KLL.pdf", NULL);
    g_autofree char *text = pdftotext (pdf);
    const char *stock = strstr (text, "Stock return");

    /* KLL-001L: 2 sold for 30.000, 1 refunded for 15.000 */
    assert_line (text, "KLL-001L", "Rp 30,000");
    assert_line (text, "KLL-001L", "Rp 15,000");
    g_assert_nonnull (stock);
    /* 40 in, 2 sold, 1 refunded, 31 returned, 8 missing */
    assert_line (stock, "KLL-001L", "40");
    assert_line (stock, "KLL-001L", "31");
    assert_line (stock, "KLL-002Y", "34");
  }
  g_clear_pointer (&r, lapak_run_free);

  /* closing again: nothing new, refused */
  r = RUN ("settle", "--close", "--as", "Ketua");
  lapak_test_assert_refused (r, "a second close", "Nothing new");
  g_clear_pointer (&r, lapak_run_free);
  r = RUN_OK ("journal", "verify");
  g_assert_true (g_str_has_prefix (r->out, "ok "));
}

/* The same summary in Indonesian: money as Rp12.500. */
static void
test_indonesian (void)
{
  g_autofree char *out_dir = g_build_filename (dir, "preview-id", NULL);
  g_autofree char *summary_path = g_build_filename (out_dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(LapakRun) r = NULL;

  r = RUN_OK ("sell", "--as", "Sari", "--pin", "1111", "KAYU-001O*2", "--pay", "card");
  g_clear_pointer (&r, lapak_run_free);
  r = run_lang ("id", (const char *[]) { "settle", "--statements", out_dir, NULL });
  lapak_test_assert_status (r, 0, "settle --statements in Indonesian");
  text = pdftotext (summary_path);
  /* KAYU: 2 × 65.000 = 130.000, commission 20 % = 26.000 */
  assert_line (text, "KAYU", "Rp130.000");
  assert_line (text, "KAYU", "Rp26.000");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = lapak_test_make_dir ();
  db = g_build_filename (dir, "lapak.db", NULL);
  db_env = g_strconcat ("LAPAK_DB=", db, NULL);

  g_test_add_func ("/cli-statement/sell-and-return", sell_and_return);
  g_test_add_func ("/cli-statement/stock-report", test_stock_report);
  g_test_add_func ("/cli-statement/close-with-statements", test_close_with_statements);
  g_test_add_func ("/cli-statement/indonesian", test_indonesian);
  rc = g_test_run ();
  lapak_test_remove_tree (dir);
  g_free (dir);
  g_free (db_env);
  return rc;
}
