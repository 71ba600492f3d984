/* test-entry-summary.c — the units and money per payment method each sale,
 * void and refund keeps on its tenant account entries (issue 6, the
 * settlement preview's single index scan; lapak-entry-summary.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Random trading (sales of several tenants' goods, split payments, voids,
 * partial refunds, a booth fee, a charge and a closed settlement) on real
 * till files; then the values stored on the entries must equal the ones
 * recomputed here, with SQL of this file's own, from the sale lines,
 * payments, voids and refunds:
 *  - on the till that wrote them;
 *  - at a hub, after the till's bundle was imported;
 *  - on a database written before the values existed, once it is upgraded
 *    (the migration fills them).
 * And the preview's units and money per method equal the ones computed
 * here from the records, and the journal verifies.
 */
#include <inttypes.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lapak-error.h"
#include "lapak-journal.h"
#include "lapak-ledger.h"
#include "lapak-sale.h"
#include "lapak-schema.h"
#include "lapak-settle.h"
#include "lapak-shift.h"
#include "lapak-sync.h"
#include "lapak-test-util.h"

#define CHECK(call) G_STMT_START { gboolean ok_ = (call); g_assert_no_error (error); g_assert_true (ok_); } G_STMT_END

/* What each entry should carry, from the records (one row per entry key). */
#define WANT_UNITS \
  "SELECT l.till_id, printf('%s-%06d', l.till_id, l.sale_seq), l.tenant_code, SUM(l.qty) FROM sale_line l" \
  " GROUP BY l.till_id, l.sale_seq, l.tenant_code" \
  " UNION ALL" \
  " SELECT v.till_id, printf('%s-V%06d', v.till_id, v.seq), l.tenant_code, -SUM(l.qty) FROM sale_void v" \
  " JOIN sale_line l ON l.till_id = v.sale_till AND l.sale_seq = v.sale_seq GROUP BY v.till_id, v.seq, l.tenant_code" \
  " UNION ALL" \
  " SELECT rl.till_id, printf('%s-R%06d', rl.till_id, rl.refund_seq), rl.tenant_code, -SUM(rl.qty) FROM refund_line rl" \
  " GROUP BY rl.till_id, rl.refund_seq, rl.tenant_code"
#define HAVE_UNITS \
  "SELECT till_id, ref, tenant_code, SUM(units) FROM account_entry WHERE kind IN ('sale', 'void', 'refund')" \
  " GROUP BY till_id, ref, tenant_code"
#define WANT_PAY \
  "SELECT p.till_id, printf('%s-%06d', p.till_id, p.sale_seq), p.method, SUM(p.amount) FROM payment p" \
  " GROUP BY p.till_id, p.sale_seq, p.method" \
  " UNION ALL" \
  " SELECT v.till_id, printf('%s-V%06d', v.till_id, v.seq), p.method, -SUM(p.amount) FROM sale_void v" \
  " JOIN payment p ON p.till_id = v.sale_till AND p.sale_seq = v.sale_seq GROUP BY v.till_id, v.seq, p.method" \
  " UNION ALL" \
  " SELECT r.till_id, printf('%s-R%06d', r.till_id, r.seq), r.method, -r.amount FROM refund r"
#define HAVE_PAY \
  "SELECT till_id, ref, 'cash', SUM(pay_cash) FROM account_entry GROUP BY till_id, ref HAVING SUM(pay_cash) <> 0" \
  " UNION ALL SELECT till_id, ref, 'qris', SUM(pay_qris) FROM account_entry GROUP BY till_id, ref HAVING SUM(pay_qris) <> 0" \
  " UNION ALL SELECT till_id, ref, 'transfer', SUM(pay_transfer) FROM account_entry GROUP BY till_id, ref" \
  "  HAVING SUM(pay_transfer) <> 0" \
  " UNION ALL SELECT till_id, ref, 'card', SUM(pay_card) FROM account_entry GROUP BY till_id, ref HAVING SUM(pay_card) <> 0" \
  " UNION ALL SELECT till_id, ref, 'ewallet', SUM(pay_ewallet) FROM account_entry GROUP BY till_id, ref" \
  "  HAVING SUM(pay_ewallet) <> 0"

static int64_t
count (LapakDb    *db,
       const char *sql)
{
  return lapak_test_query_int (db, sql);
}

/* No row of @a is missing from @b; if one is, the first few are shown. */
static void
assert_within (LapakDb    *db,
               const char *a,
               const char *b)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM (%s) EXCEPT SELECT * FROM (%s) LIMIT 5", a, b);
  g_autoptr(GError) error = NULL;
  g_auto(LapakStmt) stmt = lapak_db_prepare (db, sql, &error);
  g_autoptr(GString) rows = g_string_new (NULL);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (rows, "(%s, %s, %s, %s) ", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  if (rows->len > 0)
    g_error ("rows of %s not in %s: %s", a, b, rows->str);
}

/* The stored values equal the recomputed ones, entry by entry. */
static void
assert_summary_matches (LapakDb *db)
{
  g_assert_cmpint (count (db, "SELECT count(*) FROM account_entry WHERE kind IN ('sale', 'void', 'refund')"), >, 0);
  assert_within (db, WANT_UNITS, HAVE_UNITS);
  assert_within (db, HAVE_UNITS, WANT_UNITS);
  assert_within (db, WANT_PAY, HAVE_PAY);
  assert_within (db, HAVE_PAY, WANT_PAY);
  /* Each record's money on one entry only; nothing on any other kind. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM (SELECT ref FROM account_entry"
                              " WHERE pay_cash <> 0 OR pay_qris <> 0 OR pay_transfer <> 0 OR pay_card <> 0"
                              "  OR pay_ewallet <> 0 GROUP BY till_id, ref HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM account_entry WHERE kind NOT IN ('sale', 'void', 'refund')"
                              " AND (units <> 0 OR pay_cash <> 0 OR pay_qris <> 0 OR pay_transfer <> 0"
                              "  OR pay_card <> 0 OR pay_ewallet <> 0)"), ==, 0);
}

/* The preview over everything not yet settled: units per tenant and money
 * per method as computed here from the records. */
static void
assert_preview_matches (LapakDb *db)
{
  static const char * const methods[] = { "cash", "qris", "transfer", "card", "ewallet" };
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakSettlement) s = lapak_settlement_preview (db, "SELL-1", G_MAXINT64, &error);
  int64_t money = 0;

  g_assert_no_error (error);
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT COALESCE(SUM(x), 0) FROM ("
        " SELECT p.amount AS x FROM payment p JOIN sale s ON s.till_id = p.till_id AND s.seq = p.sale_seq"
        "  WHERE p.method = '%s' AND EXISTS (SELECT 1 FROM account_entry e WHERE e.ref = printf('%%s-%%06d', s.till_id, s.seq)"
        "   AND e.settlement IS NULL)"
        " UNION ALL SELECT -p.amount FROM sale_void v JOIN payment p ON p.till_id = v.sale_till AND p.sale_seq = v.sale_seq"
        "  WHERE p.method = '%s' AND EXISTS (SELECT 1 FROM account_entry e WHERE e.ref = printf('%%s-V%%06d', v.till_id, v.seq)"
        "   AND e.settlement IS NULL)"
        " UNION ALL SELECT -r.amount FROM refund r WHERE r.method = '%s'"
        "  AND EXISTS (SELECT 1 FROM account_entry e WHERE e.ref = printf('%%s-R%%06d', r.till_id, r.seq)"
        "   AND e.settlement IS NULL))",
        methods[m], methods[m], methods[m]);

      g_assert_cmpint (s->payments[m], ==, count (db, sql));
      money += s->payments[m];
    }
  g_assert_cmpint (money, ==, s->net_sales);
  g_assert_cmpint (s->payout + s->commission + s->charges, ==, s->net_sales);
  for (guint t = 0; t < s->tenants->len; t++)
    {
      const LapakSettleTenant *st = g_ptr_array_index (s->tenants, t);
      g_autofree char *sql = g_strdup_printf (
        "SELECT COALESCE(SUM(CASE e.kind WHEN 'sale' THEN l.qty ELSE -l.qty END), 0) FROM account_entry e"
        " JOIN sale_line l ON l.tenant_code = e.tenant_code AND l.till_id = e.till_id AND l.sale_seq ="
        "  CASE e.kind WHEN 'sale' THEN CAST(substr(e.ref, length(e.till_id) + 2) AS INTEGER)"
        "  ELSE (SELECT v.sale_seq FROM sale_void v WHERE printf('%%s-V%%06d', v.till_id, v.seq) = e.ref) END"
        " WHERE e.settlement IS NULL AND e.kind IN ('sale', 'void') AND e.tenant_code = '%s'", st->code);
      g_autofree char *refunded = g_strdup_printf (
        "SELECT COALESCE(SUM(rl.qty), 0) FROM refund_line rl WHERE rl.tenant_code = '%s' AND EXISTS (SELECT 1"
        " FROM account_entry e WHERE e.ref = printf('%%s-R%%06d', rl.till_id, rl.refund_seq) AND e.settlement IS NULL)",
        st->code);

      g_assert_cmpint (st->units, ==, count (db, sql) - count (db, refunded));
    }
}

static void
assert_verifies (LapakDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakJournalReport) report = lapak_journal_verify (db, &error);

  g_assert_no_error (error);
  if (!report->ok)
    g_error ("journal: %s", report->problem);
}

static char *
sell (LapakDb   *db,
      LapakUser *org,
      GPtrArray *codes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LapakCart) cart = lapak_cart_new (db, &error);
  g_autoptr(LapakSale) sale = NULL;
  static const LapakPayMethod methods[] = { LAPAK_PAY_CASH, LAPAK_PAY_QRIS, LAPAK_PAY_TRANSFER,
                                            LAPAK_PAY_CARD, LAPAK_PAY_EWALLET };
  int n_lines = g_test_rand_int_range (1, 5);
  LapakPayMethod rest = methods[g_test_rand_int_range (0, 5)];

  g_assert_no_error (error);
  for (int i = 0; i < n_lines; i++)
    {
      const char *code = g_ptr_array_index (codes, g_test_rand_int_range (0, (gint32)codes->len));
      g_autofree char *input = g_strdup_printf ("%s*%d", code, g_test_rand_int_range (1, 4));

      CHECK (lapak_cart_scan (cart, input, &error));
    }
  if (rest != LAPAK_PAY_QRIS && g_test_rand_bit ())
    CHECK (lapak_cart_add_payment (cart, LAPAK_PAY_QRIS, lapak_cart_total (cart) / 3, NULL, &error));
  if (rest == LAPAK_PAY_CASH)
    CHECK (lapak_cart_add_payment (cart, rest, (lapak_cart_remaining (cart) / 50000 + 1) * 50000, NULL, &error));
  else
    CHECK (lapak_cart_add_payment (cart, rest, LAPAK_PAY_REST, NULL, &error));
  sale = lapak_sale_commit (db, org, cart, &error);
  g_assert_no_error (error);
  return g_strdup (sale->id);
}

/* Sales, voids and refunds of one or two units, at random. */
static void
trade (LapakDb   *db,
       LapakUser *org,
       GPtrArray *codes,
       guint      n_sales)
{
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_sales; i++)
    {
      char *id = sell (db, org, codes);
      int dice = g_test_rand_int_range (0, 6);

      if (dice == 0)
        {
          CHECK (lapak_sale_void (db, org, org, id, "salah input", &error));
          g_free (id);
          continue;
        }
      g_ptr_array_add (sales, id);
      if (dice == 1)
        {
          const char *victim = g_ptr_array_index (sales, g_test_rand_int_range (0, (gint32)sales->len));
          g_autoptr(GArray) left = lapak_sale_refundable (db, victim, &error);
          g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (LapakRefundItem));
          int64_t amount = 0;
          g_autoptr(GPtrArray) line_codes = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *till = NULL;
          int64_t seq = 0;

          g_assert_no_error (error);

          CHECK (lapak_sale_id_parse (victim, &till, &seq, &error));
          {
            g_auto(LapakStmt) stmt = lapak_db_prepare (db, "SELECT product_code FROM sale_line"
                                                           " WHERE till_id = ?1 AND sale_seq = ?2 ORDER BY line",
                                                       &error);

            g_assert_no_error (error);
            lapak_stmt_bind_text (stmt, 1, till);
            sqlite3_bind_int64 (stmt, 2, seq);
            while (sqlite3_step (stmt) == SQLITE_ROW)
              g_ptr_array_add (line_codes, g_strdup (lapak_stmt_text (stmt, 0)));
          }
          g_assert_cmpuint (line_codes->len, ==, left->len);
          /* What is left per product (a product may be on several lines). */
          for (guint k = 0; k < left->len; k++)
            {
              const char *code = g_ptr_array_index (line_codes, k);
              guint j;

              for (j = 0; j < items->len; j++)
                if (g_str_equal (g_array_index (items, LapakRefundItem, j).code, code))
                  break;
              if (j == items->len)
                {
                  LapakRefundItem item = { code, 0 };

                  g_array_append_val (items, item);
                }
              g_array_index (items, LapakRefundItem, j).qty += g_array_index (left, LapakRefundable, k).refundable;
            }
          /* One or two units of some of them. */
          for (guint j = items->len; j-- > 0;)
            {
              LapakRefundItem *item = &g_array_index (items, LapakRefundItem, j);
              int64_t some = g_test_rand_int_range (1, 3);

              item->qty = MIN (item->qty, some);
              if (item->qty == 0 || (j > 0 && g_test_rand_bit ()))
                g_array_remove_index (items, j);
            }
          if (items->len == 0)
            continue;
          CHECK (lapak_sale_refund (db, org, org, victim, (LapakRefundItem *)items->data, items->len,
                                    g_test_rand_bit () ? LAPAK_PAY_CASH : LAPAK_PAY_QRIS, "rusak", &amount,
                                    &error));
          g_assert_cmpint (amount, >, 0);
        }
    }
}

/* A till's day: trading, a charge, a settlement closed halfway, more. */
static LapakDb *
traded_till (const char  *dir,
             const char  *till,
             LapakUser  **out_org)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  LapakDb *db = lapak_test_selling_till (dir, till, out_org, &codes);

  g_assert_true (lapak_db_exec (db, "PRAGMA synchronous = OFF", NULL));
  trade (db, *out_org, codes, 40);
  CHECK (lapak_charge_add (db, *out_org, "KLL", 25000, "listrik", &error));
  {
    g_autoptr(LapakSettlement) s = lapak_settlement_close (db, *out_org, "SELL-1", lapak_db_now (), &error);

    g_assert_no_error (error);
    g_assert_nonnull (s);
  }
  trade (db, *out_org, codes, 40);
  return db;
}

static void
test_till (void)
{
  g_autofree char *dir = lapak_test_make_dir ();
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(LapakDb) db = traded_till (dir, "K1", &org);

  g_assert_cmpint (count (db, "SELECT count(*) FROM account_entry WHERE kind = 'void'"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM account_entry WHERE kind = 'refund'"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM account_entry WHERE settlement IS NOT NULL"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM (SELECT sale_seq FROM payment GROUP BY sale_seq"
                              " HAVING count(*) > 1)"), >, 0);
  assert_summary_matches (db);
  assert_preview_matches (db);
  assert_verifies (db);

  /* A wrong value stored is found by the journal verifier. */
  g_assert_true (lapak_db_exec (db, "UPDATE account_entry SET units = units + 1 WHERE seq ="
                                    " (SELECT MAX(seq) FROM account_entry WHERE kind = 'sale')", NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LapakJournalReport) report = lapak_journal_verify (db, &error);

    g_assert_no_error (error);
    g_assert_false (report->ok);
    g_assert_nonnull (strstr (report->problem, "account entries"));
  }
  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

/* A till's bundle imported at a hub: the hub's entries of that till carry
 * the same values, and its preview counts the till's units and money. */
static void
test_hub (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *first = g_build_filename (dir, "hub.lapak", NULL);
  g_autofree char *bundle = g_build_filename (dir, "k2.lapak", NULL);
  g_autoptr(LapakUser) hub_org = NULL;
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(GPtrArray) hub_codes = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LapakDb) hub = lapak_test_selling_till (dir, "K1", &hub_org, &hub_codes);
  g_autoptr(LapakDb) till = NULL;
  g_autofree char *pairing = NULL;

  g_assert_true (lapak_db_exec (hub, "PRAGMA synchronous = OFF", NULL));
  pairing = lapak_sync_pair_hub (hub, hub_org, NULL, &error);
  g_assert_no_error (error);
  CHECK (lapak_sync_export (hub, first, NULL, &error));

  till = lapak_test_new_till (dir, "K2");
  g_assert_true (lapak_db_exec (till, "PRAGMA synchronous = OFF", NULL));
  org = lapak_test_login (till, "Org", "1234");
  CHECK (lapak_sync_pair_till (till, org, pairing, &error));
  {
    g_autoptr(LapakSyncResult) r = lapak_sync_import (till, first, &error);

    g_assert_no_error (error);
  }
  {
    g_autoptr(GPtrArray) products = lapak_product_list (till, NULL, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < products->len; i++)
      g_ptr_array_add (codes, g_strdup (((LapakProduct *)g_ptr_array_index (products, i))->code));
  }
  CHECK (lapak_shift_open (till, org, 100000, NULL, &error));
  trade (till, org, codes, 50);
  trade (hub, hub_org, hub_codes, 20);

  CHECK (lapak_sync_export (till, bundle, NULL, &error));
  {
    g_autoptr(LapakSyncResult) r = lapak_sync_import (hub, bundle, &error);

    g_assert_no_error (error);
    g_assert_cmpint (r->new_sales, ==, 50);
  }
  g_assert_cmpint (count (hub, "SELECT count(*) FROM account_entry WHERE till_id = 'K2' AND units <> 0"), >, 0);
  assert_summary_matches (hub);
  assert_preview_matches (hub);
  assert_verifies (hub);
  {
    g_autoptr(LapakJournalReport) report = lapak_sync_verify_till (hub, "K2", &error);

    g_assert_no_error (error);
    g_assert_true (report->ok);
  }

  g_clear_object (&till);
  g_clear_object (&hub);
  lapak_test_remove_tree (dir);
}

/* The first migration that holds @needle (its version is its index + 1). */
static int
migration_with (const char *needle)
{
  for (guint i = 0; i < G_N_ELEMENTS (lapak_migrations); i++)
    if (strstr (lapak_migrations[i], needle) != NULL)
      return (int)i + 1;
  g_assert_not_reached ();
}

static void
exec_raw (sqlite3    *handle,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A till written before the entries carried the values: its records are
 * copied into a database built with the migrations before the one that
 * adds them, which is then opened (upgraded) by Lapak. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lapak_test_make_dir ();
  g_autofree char *new_dir = g_build_filename (dir, "new", NULL);
  g_autofree char *old_path = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LapakUser) org = NULL;
  g_autoptr(LapakDb) db = NULL;
  g_autoptr(LapakSettlement) before = NULL;
  g_autoptr(LapakSettlement) after = NULL;
  int version = migration_with ("ADD COLUMN units");
  sqlite3 *handle = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (g_mkdir (new_dir, 0700), ==, 0);
  db = traded_till (new_dir, "K1", &org);
  before = lapak_settlement_preview (db, "SELL-1", G_MAXINT64, &error);
  g_assert_no_error (error);
  old_path = g_strdup (lapak_db_get_path (db));
  g_clear_object (&db);

  path = g_build_filename (dir, "old.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  exec_raw (handle, "PRAGMA foreign_keys = OFF");
  for (int v = 1; v < version; v++)
    exec_raw (handle, lapak_migrations[v - 1]);
  {
    g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d", version - 1);
    g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS src", old_path);

    exec_raw (handle, set);
    exec_raw (handle, attach);
  }
  {
    sqlite3_stmt *stmt = NULL;
    g_autofree char *set = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA src.application_id", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    set = g_strdup_printf ("PRAGMA main.application_id = %d", sqlite3_column_int (stmt, 0));
    sqlite3_finalize (stmt);
    exec_raw (handle, set);
  }
  /* Every table's columns as they were; the stock levels follow the
   * movements by trigger. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM main.sqlite_schema WHERE type = 'table'"
                                               " AND name NOT LIKE 'sqlite_%' AND name <> 'stock_level'",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  exec_raw (handle, "BEGIN");
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (tables, 0);
      g_autoptr(GString) cols = g_string_new (NULL);
      g_autofree char *info = g_strdup_printf ("SELECT name FROM pragma_table_info('%s', 'main')", table);
      g_autofree char *copy = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, info, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (cols, "%s\"%s\"", cols->len ? ", " : "", sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      copy = g_strdup_printf ("INSERT INTO main.\"%s\" (%s) SELECT %s FROM src.\"%s\"", table, cols->str, cols->str,
                              table);
      exec_raw (handle, copy);
    }
  sqlite3_finalize (tables);
  exec_raw (handle, "COMMIT");
  exec_raw (handle, "DETACH src");
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);

  db = lapak_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (db, "PRAGMA user_version"), ==, lapak_db_schema_version ());
  g_assert_cmpint (count (db, "SELECT count(*) FROM account_entry WHERE units <> 0"), >, 0);
  assert_summary_matches (db);
  assert_preview_matches (db);
  assert_verifies (db);

  after = lapak_settlement_preview (db, "SELL-1", G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->tenants->len, ==, before->tenants->len);
  for (guint t = 0; t < after->tenants->len; t++)
    {
      const LapakSettleTenant *a = g_ptr_array_index (after->tenants, t);
      const LapakSettleTenant *b = g_ptr_array_index (before->tenants, t);

      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpint (a->units, ==, b->units);
      g_assert_cmpint (a->payout, ==, b->payout);
    }
  for (int m = 0; m < LAPAK_PAY_N_METHODS; m++)
    g_assert_cmpint (after->payments[m], ==, before->payments[m]);

  g_clear_object (&db);
  lapak_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/entry-summary/till", test_till);
  g_test_add_func ("/entry-summary/hub", test_hub);
  g_test_add_func ("/entry-summary/migration", test_migration);
  return g_test_run ();
}
