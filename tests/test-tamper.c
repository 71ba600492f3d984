/* test-tamper.c — the journal verifier catches records edited behind its back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A till's day is recorded once through the core (sales, a void, a refund,
 * cash in, a no-sale, a Z close, a second shift). Each case copies that
 * database, changes it with the real sqlite3 command-line tool the way a
 * dishonest or careless person could, and checks that both
 * `lapakctl journal verify` (exit 1, --json "broken") and
 * lapak_journal_verify() name the first broken entry.
 *
 * The journal of the day, entry by entry:
 *
 *    1 shift_open 1     5 sale 3 (K1-000003)    9 shift_close 1 (Z 1)
 *    2 sale 1           6 void 1 (of sale 2)   10 shift_open 2
 *    3 sale 2           7 refund 1 (of sale 1) 11 sale 4
 *    4 cash 1 (in)      8 cash 2 (no-sale)
 */
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lapak-journal.h"
#include "lapak-sale.h"
#include "lapak-test-util.h"

static char *base_dir;
static char *base_path;
static char *last_receipt_hash;   /* the journal hash printed on sale 4's receipt */

typedef struct
{
  const char *name;
  const char *sql;
  int64_t     broken;    /* the entry the verifier must name; 0: none can be named */
  const char *problem;   /* a word the problem must contain */
} TamperCase;

static const TamperCase cases[] = {
  /* The journal's own rows. */
  { "journal/edit-payload", "UPDATE journal SET payload = replace(payload, 'total=', 'total=1') WHERE seq = 5", 5, "hash" },
  { "journal/edit-type", "UPDATE journal SET type = 'cash' WHERE seq = 3", 3, "type" },
  { "journal/edit-time", "UPDATE journal SET at = at + 1 WHERE seq = 7", 7, "time" },
  { "journal/edit-ref", "UPDATE journal SET ref = 2 WHERE seq = 5", 5, "sale" },
  /* Flip the first hex digit: writing a fixed "00" changed nothing when the
   * hash (it depends on the time) happened to start with it, 1 run in 256. */
  { "journal/edit-hash",
    "UPDATE journal SET hash = (CASE substr(hash, 1, 1) WHEN '0' THEN '1' ELSE '0' END) || substr(hash, 2) "
    "WHERE seq = 4", 4, "hash" },
  { "journal/edit-last-hash", "UPDATE journal SET hash = upper(hash) WHERE seq = 11", 11, "hash" },
  { "journal/delete-first", "DELETE FROM journal WHERE seq = 1", 1, "missing" },
  { "journal/delete-middle", "DELETE FROM journal WHERE seq = 6", 6, "missing" },
  { "journal/insert-middle",
    "UPDATE journal SET seq = -seq - 1 WHERE seq >= 5;"
    "UPDATE journal SET seq = -seq WHERE seq < 0;"
    "INSERT INTO journal SELECT till_id, 5, at, type, ref, replace(payload, 'seq=4', 'seq=5'), hash "
    "  FROM journal WHERE seq = 4", 5, "hash" },
  { "journal/insert-tail",
    "INSERT INTO journal SELECT till_id, 12, at, type, ref, replace(payload, 'seq=11', 'seq=12'), hash "
    "  FROM journal WHERE seq = 11", 12, "hash" },
  { "journal/swap-contents",
    "CREATE TEMP TABLE j AS SELECT * FROM journal WHERE seq IN (5, 6);"
    "UPDATE journal SET (at, type, ref, payload, hash) = "
    "  (SELECT at, type, ref, payload, hash FROM j WHERE j.seq = 11 - journal.seq) WHERE seq IN (5, 6)", 5, "moved" },
  { "journal/swap-seq",
    "UPDATE journal SET seq = -1 WHERE seq = 2;"
    "UPDATE journal SET seq = 2 WHERE seq = 3;"
    "UPDATE journal SET seq = 3 WHERE seq = -1", 2, "moved" },
  { "journal/truncate-entries-only", "DELETE FROM journal WHERE seq >= 10", 10, "entry 10" },

  /* Sale rows. */
  { "sale/edit-total", "UPDATE sale SET total = total - 1000 WHERE seq = 3", 5, "no longer" },
  { "sale/edit-cashier", "UPDATE sale SET cashier = 'Budi' WHERE seq = 1", 2, "no longer" },
  { "sale/edit-shift", "UPDATE sale SET shift_seq = 2 WHERE seq = 3", 5, "no longer" },
  { "sale/edit-time", "UPDATE sale SET at = at - 3600000000 WHERE seq = 1", 2, "time" },
  { "sale/edit-journal-seq", "UPDATE sale SET journal_seq = 3 WHERE seq = 3", 3, "sale" },
  { "sale/delete-row", "DELETE FROM sale WHERE seq = 3", 5, "no longer" },
  { "sale/delete-whole",
    "DELETE FROM sale WHERE seq = 3; DELETE FROM sale_line WHERE sale_seq = 3;"
    "DELETE FROM payment WHERE sale_seq = 3;"
    "DELETE FROM stock_move WHERE ref = 'K1-000003'; DELETE FROM account_entry WHERE ref = 'K1-000003'", 5, "no longer" },
  { "sale/insert-past-end",
    "INSERT INTO sale SELECT till_id, 5, event_code, shift_seq, cashier, at, total, change, 12 FROM sale WHERE seq = 4;"
    "INSERT INTO sale_line SELECT till_id, 5, line, product_code, tenant_code, name, qty, list_price, unit_price,"
    "  unit_discount, approver FROM sale_line WHERE sale_seq = 4;"
    "INSERT INTO payment SELECT till_id, 5, idx, method, amount, tendered, reference FROM payment WHERE sale_seq = 4",
    12, "entry 12" },
  { "sale/insert-on-existing-entry",
    "INSERT INTO sale SELECT till_id, 5, event_code, shift_seq, cashier, at, total, change, journal_seq FROM sale WHERE seq = 4",
    11, "entry 11" },

  /* Sale lines. */
  { "line/edit-qty", "UPDATE sale_line SET qty = qty + 1 WHERE sale_seq = 1 AND line = 1", 2, "no longer" },
  { "line/edit-price", "UPDATE sale_line SET unit_price = unit_price - 500 WHERE sale_seq = 3 AND line = 2", 5, "no longer" },
  { "line/edit-discount", "UPDATE sale_line SET unit_discount = 1000 WHERE sale_seq = 4 AND line = 1", 11, "no longer" },
  { "line/edit-product", "UPDATE sale_line SET name = 'Batik Palsu' WHERE sale_seq = 2 AND line = 1", 3, "no longer" },
  { "line/delete", "DELETE FROM sale_line WHERE sale_seq = 3 AND line = 2", 5, "no longer" },
  { "line/insert",
    "INSERT INTO sale_line SELECT till_id, sale_seq, 9, product_code, tenant_code, name, qty, list_price, unit_price,"
    "  unit_discount, approver FROM sale_line WHERE sale_seq = 4 AND line = 1", 11, "no longer" },

  /* Payments. */
  { "payment/edit-amount", "UPDATE payment SET amount = amount - 500 WHERE sale_seq = 3 AND idx = 1", 5, "no longer" },
  { "payment/edit-method", "UPDATE payment SET method = 'card' WHERE sale_seq = 2", 3, "no longer" },
  { "payment/edit-reference", "UPDATE payment SET reference = 'QR-LAIN' WHERE sale_seq = 2", 3, "no longer" },
  { "payment/delete", "DELETE FROM payment WHERE sale_seq = 3 AND idx = 2", 5, "no longer" },
  { "payment/insert", "INSERT INTO payment VALUES ('K1', 1, 9, 'cash', 1000, 1000, NULL)", 2, "no longer" },

  /* Stock movements and tenant accounts written with the sales. */
  { "stock/edit-sale",
    "UPDATE stock_move SET delta = delta + 1 WHERE seq = (SELECT MIN(seq) FROM stock_move WHERE ref = 'K1-000001' AND kind = 'sale')",
    2, "stock" },
  { "stock/delete-void", "DELETE FROM stock_move WHERE kind = 'void'", 6, "stock" },
  { "stock/insert-refund",
    "INSERT INTO stock_move SELECT till_id, 999, event_code, product_code, 'refund', 1, ref, at FROM stock_move "
    "  WHERE kind = 'refund' LIMIT 1", 7, "stock" },
  { "account/edit-sale",
    "UPDATE account_entry SET amount = amount + 100000 WHERE seq = (SELECT MIN(seq) FROM account_entry WHERE ref = 'K1-000003')",
    5, "account" },
  { "account/insert-sale",
    "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, reason, ref, at, settlement)"
    "  SELECT till_id, 999, event_code, tenant_code, 'sale', 50000, NULL, 'K1-000004', at, NULL "
    "  FROM account_entry WHERE ref = 'K1-000004' LIMIT 1", 11, "account" },
  { "account/edit-units",
    "UPDATE account_entry SET units = units + 1 WHERE seq = (SELECT MAX(seq) FROM account_entry WHERE ref = 'K1-000003')",
    5, "account" },
  { "account/move-money",
    "UPDATE account_entry SET pay_cash = pay_cash - 1000, pay_qris = pay_qris + 1000"
    "  WHERE seq = (SELECT MIN(seq) FROM account_entry WHERE ref = 'K1-000003')",
    5, "account" },
  { "account/insert-unattached",
    "INSERT INTO account_entry (till_id, seq, event_code, tenant_code, kind, amount, reason, ref, at, settlement)"
    "  SELECT till_id, 999, event_code, tenant_code, 'sale', 50000, NULL, NULL, at, NULL "
    "  FROM account_entry WHERE ref = 'K1-000004' LIMIT 1", 0, "account" },

  /* Voids, refunds, cash, shifts. */
  { "void/edit-reason", "UPDATE sale_void SET reason = 'salah input' WHERE seq = 1", 6, "no longer" },
  { "void/delete", "DELETE FROM sale_void WHERE seq = 1", 6, "no longer" },
  { "void/insert",
    "INSERT INTO sale_void VALUES ('K1', 2, 'K1', 3, 1, 'x', 'Org', 'Org', 0)", 0, "void" },
  { "refund/edit-amount", "UPDATE refund SET amount = amount + 1000 WHERE seq = 1", 7, "no longer" },
  { "refund/edit-line", "UPDATE refund_line SET qty = qty + 1 WHERE refund_seq = 1", 7, "no longer" },
  { "refund/delete", "DELETE FROM refund WHERE seq = 1", 7, "no longer" },
  { "cash/edit-amount", "UPDATE cash_move SET amount = 5000000 WHERE seq = 1", 4, "no longer" },
  { "cash/delete-no-sale", "DELETE FROM cash_move WHERE seq = 2", 8, "no longer" },
  { "cash/insert", "INSERT INTO cash_move VALUES ('K1', 3, 2, 'out', 100000, 'x', 'Org', NULL, 0)", 0, "cash" },
  { "shift/edit-float", "UPDATE shift SET float = 0 WHERE seq = 1", 1, "no longer" },
  { "shift/edit-counted", "UPDATE shift SET counted = expected WHERE seq = 1", 9, "no longer" },
  { "shift/reopen", "UPDATE shift SET closed_at = NULL, counted = NULL, expected = NULL, z_number = NULL WHERE seq = 1",
    9, "no longer" },
  { "shift/delete-close-entry", "DELETE FROM journal WHERE seq = 9", 9, "missing" },
  { "shift/insert", "INSERT INTO shift VALUES ('K1', 3, 'Org', 0, 0, NULL, NULL, NULL, NULL, NULL, NULL)", 0, "shift_open" },
};

static const char *
tool (const char *env)
{
  const char *path = g_getenv (env);

  g_assert_nonnull (path);
  return path;
}

/* Runs a program; returns its exit status, its stdout in @out. */
static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int status;

  envp = g_environ_unsetenv (envp, "LAPAK_DB");
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
sqlite3_tool (const char *path,
              const char *sql)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "sqlite3", "-bail", path, sql, NULL };
  int status = run (argv, &out, &err);

  if (status != 0)
    g_error ("sqlite3 “%s”: exit %d: %s", sql, status, err);
}

static JsonObject *
lapakctl_verify (const char *path,
                 int         expected_status,
                 char      **out_err)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { tool ("LAPAKCTL"), "journal", "verify", "--json", "--db", path, NULL };
  int status = run (argv, &out, out_err);

  if (status != expected_status)
    g_error ("lapakctl journal verify: exit %d, expected %d\n%s%s", status, expected_status, out, *out_err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static int64_t
entry_of (LapakDb    *db,
          const char *type,
          int64_t     ref)
{
  g_autofree char *sql = g_strdup_printf ("SELECT seq FROM journal WHERE type = '%s' AND ref = %" G_GINT64_FORMAT,
                                          type, ref);

  return lapak_test_query_int (db, sql);
}

static LapakSale *
sell (LapakDb         *db,
      const LapakUser *user,
      GPtrArray       *codes,
      const char      *items,
      LapakPayMethod   method,
      int64_t          cash_first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  g_auto(GStrv) parts = g_strsplit (items, " ", 0);
  LapakSale *sale;

  g_assert_no_error (error);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *scan = g_strdup_printf ("%s*%s", (char *)g_ptr_array_index (codes, parts[i][0] - '0'),
                                               parts[i] + 2);

      g_assert_true (lapak_cart_scan (cart, scan, &error));
      g_assert_no_error (error);
    }
  if (cash_first > 0)
    g_assert_true (lapak_cart_add_payment (cart, LAPAK_PAY_CASH, cash_first, NULL, &error));
  /* Cash is never "the rest": it is the money handed over. */
  g_assert_true (lapak_cart_add_payment (cart, method,
                                         method == LAPAK_PAY_CASH ? lapak_cart_total (cart) - cash_first
                                                                  : LAPAK_PAY_REST,
                                         method == LAPAK_PAY_QRIS ? "QR-0001" : NULL, &error));
  g_assert_no_error (error);
  sale = lapak_sale_commit (db, user, cart, &error);
  g_assert_no_error (error);
  return sale;
}

/* The day of the header comment, through the core. */
static void
make_base (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakSale) s1 = NULL;
  g_autoptr(LapakSale) s2 = NULL;
  g_autoptr(LapakSale) s3 = NULL;
  g_autoptr(LapakSale) s4 = NULL;
  g_autoptr(LapakShiftReport) z = NULL;
  LapakRefundItem items[1] = { { NULL, 1 } };

  base_dir = lapak_test_make_dir ();
  db = lapak_test_selling_till (base_dir, "K1", &org, &codes);
  base_path = g_strdup (lapak_db_get_path (db));

  s1 = sell (db, org, codes, "0*2 2*1", LAPAK_PAY_CASH, 0);
  s2 = sell (db, org, codes, "3*1", LAPAK_PAY_QRIS, 0);
  g_assert_true (lapak_cash_move (db, org, NULL, "in", 50000, "modal tambahan", &error));
  g_assert_no_error (error);
  s3 = sell (db, org, codes, "1*1 4*3 5*1", LAPAK_PAY_TRANSFER, 20000);
  g_assert_true (lapak_sale_void (db, org, org, s2->id, "pelanggan batal", &error));
  g_assert_no_error (error);
  items[0].code = g_ptr_array_index (codes, 0);
  g_assert_true (lapak_sale_refund (db, org, org, s1->id, items, 1, LAPAK_PAY_CASH, "rusak", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lapak_cash_move (db, org, org, "no_sale", 0, "tukar uang", &error));
  g_assert_no_error (error);
  z = lapak_shift_close (db, org, 600000, &error);
  g_assert_no_error (error);
  g_assert_true (lapak_shift_open (db, org, 300000, NULL, &error));
  g_assert_no_error (error);
  s4 = sell (db, org, codes, "2*1 5*2", LAPAK_PAY_CASH, 0);
  last_receipt_hash = g_strdup (s4->hash);

  /* The layout the cases rely on. */
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM journal"), ==, 11);
  g_assert_cmpint (entry_of (db, "shift_open", 1), ==, 1);
  g_assert_cmpint (entry_of (db, "sale", 1), ==, 2);
  g_assert_cmpint (entry_of (db, "sale", 2), ==, 3);
  g_assert_cmpint (entry_of (db, "cash", 1), ==, 4);
  g_assert_cmpint (entry_of (db, "sale", 3), ==, 5);
  g_assert_cmpint (entry_of (db, "void", 1), ==, 6);
  g_assert_cmpint (entry_of (db, "refund", 1), ==, 7);
  g_assert_cmpint (entry_of (db, "cash", 2), ==, 8);
  g_assert_cmpint (entry_of (db, "shift_close", 1), ==, 9);
  g_assert_cmpint (entry_of (db, "shift_open", 2), ==, 10);
  g_assert_cmpint (entry_of (db, "sale", 4), ==, 11);
  g_assert_cmpint (lapak_test_query_int (db, "SELECT count(*) FROM payment WHERE sale_seq = 3"), ==, 2);
}

/* A fresh copy of the day; the original's connection is closed, so the
 * file holds everything (no WAL left). */
static char *
copy_base (const char *name)
{
  g_autofree char *file = g_strdelimit (g_strdup_printf ("%s.db", name), "/", '-');
  char *path = g_build_filename (base_dir, file, NULL);

  g_assert_true (lapak_test_copy_file (base_path, path));
  return path;
}

static void
test_untouched (void)
{
  g_autofree char *path = copy_base ("untouched");
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) json = lapakctl_verify (path, 0, &err);

  g_assert_true (json_object_get_boolean_member (json, "ok"));
  g_assert_cmpint (json_object_get_int_member (json, "entries"), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (json, "head"), ==, last_receipt_hash);
}

static void
test_tamper (gconstpointer data)
{
  const TamperCase *tc = data;
  g_autofree char *path = copy_base (tc->name);
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakJournalReport) report = NULL;
  const char *problem;

  sqlite3_tool (path, tc->sql);

  /* lapakctl: exit 1, the entry named in JSON and in the message. */
  json = lapakctl_verify (path, 1, &err);
  g_assert_false (json_object_get_boolean_member (json, "ok"));
  g_assert_cmpint (json_object_get_int_member (json, "broken"), ==, tc->broken);
  problem = json_object_get_string_member (json, "problem");
  g_test_message ("%s: %s", tc->name, problem);
  g_assert_nonnull (strstr (problem, tc->problem));
  if (tc->broken > 0)
    {
      g_autofree char *entry = g_strdup_printf ("entry %" G_GINT64_FORMAT, tc->broken);

      g_assert_nonnull (strstr (problem, entry));
    }
  g_assert_nonnull (strstr (err, "is broken"));
  g_assert_nonnull (strstr (err, problem));

  /* The core's verifier says the same. */
  db = lapak_db_open (path, &error);
  g_assert_no_error (error);
  report = lapak_journal_verify (db, &error);
  g_assert_no_error (error);
  g_assert_false (report->ok);
  g_assert_cmpint (report->broken_seq, ==, tc->broken);
  g_assert_cmpstr (report->problem, ==, problem);
}

/* What the database alone cannot show: the last sale deleted together with
 * its journal entry and every row it wrote leaves a shorter, valid chain.
 * Only a copy kept elsewhere shows it: the receipt of that sale printed
 * the journal hash that is no longer the head (nor anywhere in the
 * journal); an exported journal or a printed Z report would too. */
static void
test_truncated_tail_needs_the_receipt (void)
{
  g_autofree char *path = copy_base ("truncated-tail");
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autofree char *sql = NULL;

  sqlite3_tool (path,
                "DELETE FROM journal WHERE seq = 11; DELETE FROM sale WHERE seq = 4;"
                "DELETE FROM sale_line WHERE sale_seq = 4; DELETE FROM payment WHERE sale_seq = 4;"
                "DELETE FROM stock_move WHERE ref = 'K1-000004'; DELETE FROM account_entry WHERE ref = 'K1-000004'");

  json = lapakctl_verify (path, 0, &err);
  g_assert_true (json_object_get_boolean_member (json, "ok"));
  g_assert_cmpint (json_object_get_int_member (json, "entries"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (json, "head"), !=, last_receipt_hash);

  db = lapak_db_open (path, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM journal WHERE hash = '%s'", last_receipt_hash);
  g_assert_cmpint (lapak_test_query_int (db, sql), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_base ();

  g_test_add_func ("/tamper/untouched-verifies", test_untouched);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/tamper/%s", cases[i].name);

      g_test_add_data_func (name, &cases[i], test_tamper);
    }
  g_test_add_func ("/tamper/truncated-tail-needs-the-receipt", test_truncated_tail_needs_the_receipt);

  status = g_test_run ();
  lapak_test_remove_tree (base_dir);
  g_free (base_dir);
  g_free (base_path);
  g_free (last_receipt_hash);
  return status;
}
